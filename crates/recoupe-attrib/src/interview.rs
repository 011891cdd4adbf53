//! Interviews: question-and-answer pages ("Le Journal : … ?" / "Marie Dupont : …").
//!
//! An interview gives its speakers as paragraph labels, a name and a colon, rather than
//! with speech verbs. The interviewer's paragraphs are questions (they end with "?", or
//! trail off with "…" to prompt an answer); the guest's are answers. Once the guest has
//! been named, the page often drops the labels: a question paragraph, then the answer
//! paragraphs, then the next question.
//!
//! Read here:
//! - a label is the paragraph's opening words, capitalised, at most six words and 40
//!   bytes, no sentence punctuation, then ":" and the paragraph's content;
//! - the interviewer is a label whose paragraphs are mostly questions; a guest is a
//!   label whose paragraphs are mostly not, at least one of them answering a question
//!   right before it;
//! - each answer paragraph is a direct quote by its guest: labelled ones, and unlabelled
//!   ones that follow a question (at most [`ANSWER_PARAGRAPHS`] in a row, and only the
//!   first after the last question, where the page may go on with other matter);
//! - the interview ends at a paragraph with any other label ("Ghana : …", a list of
//!   other articles); a paragraph wholly in quotation marks is an intertitle, skipped.
//!
//! Paragraphs that other frames already quote are left to them. Nothing is read
//! without a guest and a question: a page of "Lieu : …" captions is no interview.

use crate::frames::Found;
use crate::resolver::SpeakerResolver;
use recoupe_model::QuoteKind;

/// Unlabelled answer paragraphs kept in a row after one question.
pub const ANSWER_PARAGRAPHS: usize = 3;
/// The longest label, in bytes and in words.
const LABEL_BYTES: usize = 40;
const LABEL_WORDS: usize = 6;
/// Labels that name the interviewer's turn whatever its paragraphs hold.
const QUESTION_LABELS: &[&str] = &["question", "questions", "q", "journaliste"];

#[derive(Debug, Clone)]
struct Paragraph {
    /// Byte range of the content (after the label, trimmed).
    start: usize,
    end: usize,
    label: Option<String>,
}

/// The paragraphs of `text`: its non-empty lines, with their labels.
fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim();
        if !trimmed.is_empty() {
            let start = at + lead;
            let end = start + trimmed.len();
            let (label, content) = match label_of(trimmed) {
                Some((label, offset)) => (Some(label), start + offset),
                None => (None, start),
            };
            out.push(Paragraph {
                start: content,
                end,
                label,
            });
        }
        at += line.len();
    }
    out
}

/// A paragraph's label and the offset of its content.
fn label_of(p: &str) -> Option<(String, usize)> {
    let colon = p
        .char_indices()
        .take_while(|(i, _)| *i <= LABEL_BYTES)
        .find(|(_, c)| *c == ':')
        .map(|(i, _)| i)?;
    let label = p[..colon].trim_end_matches([' ', '\u{a0}', '\u{202f}']);
    let rest = &p[colon + 1..];
    if !rest.starts_with([' ', '\u{a0}', '\u{202f}']) || rest.trim().is_empty() {
        return None;
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    if words.is_empty() || words.len() > LABEL_WORDS {
        return None;
    }
    if !label.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    // sentence punctuation makes it a sentence, not a label; a dot inside a word is a
    // domain ("Le Point.fr", "Afrik.com")
    let bytes = label.as_bytes();
    let bad = label.char_indices().any(|(i, c)| {
        matches!(
            c,
            '«' | '»' | '"' | '“' | '”' | '?' | '!' | ',' | ';' | '(' | ')'
        ) || (c == '.' && bytes.get(i + 1).is_none_or(|b| *b == b' '))
    });
    if bad {
        return None;
    }
    let offset = colon + 1 + (rest.len() - rest.trim_start().len());
    Some((label.to_string(), offset))
}

fn is_question(s: &str) -> bool {
    s.trim_end_matches([' ', '\u{a0}', '\u{202f}'])
        .ends_with('?')
}

/// A prompt that trails off for the guest to answer ("vous êtes désormais un fugitif...").
fn is_prompt(s: &str) -> bool {
    let s = s.trim_end();
    s.ends_with('…') || s.ends_with("...")
}

/// A paragraph wholly in quotation marks: an intertitle.
fn is_intertitle(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with('«') && s.ends_with('»'))
        || (s.starts_with('"') && s.ends_with('"') && s.len() > 1)
        || (s.starts_with('“') && s.ends_with('”'))
}

/// Quotes of the interview answers in `text`, each with its guest as speaker.
pub(crate) fn interview_quotes(
    text: &str,
    resolver: &mut SpeakerResolver,
    found: &[Found],
) -> Vec<Found> {
    let paras = paragraphs(text);
    let content = |p: &Paragraph| &text[p.start..p.end];
    // label -> (paragraphs, questions)
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    for p in &paras {
        if let Some(l) = &p.label {
            let q = is_question(content(p)) as usize;
            match counts.iter_mut().find(|(n, _, _)| n == l) {
                Some(c) => {
                    c.1 += 1;
                    c.2 += q;
                }
                None => counts.push((l.clone(), 1, q)),
            }
        }
    }
    let asks = |l: &str| {
        QUESTION_LABELS.contains(&l.to_lowercase().as_str())
            || counts
                .iter()
                .any(|(n, total, q)| n == l && *q * 2 >= *total && *q > 0)
    };
    let question_at = |i: usize| {
        let p = &paras[i];
        match &p.label {
            Some(l) => asks(l),
            None => is_question(content(p)) || is_prompt(content(p)),
        }
    };
    // guests: labels mostly of answers, one of which answers a question right before it
    let guests: Vec<String> = counts
        .iter()
        .filter(|(l, total, q)| !asks(l) && *q * 4 <= *total)
        .filter(|(l, _, _)| {
            paras
                .iter()
                .enumerate()
                .any(|(i, p)| p.label.as_deref() == Some(l.as_str()) && i > 0 && question_at(i - 1))
        })
        .map(|(l, _, _)| l.clone())
        .collect();
    if guests.is_empty() {
        return Vec::new();
    }
    let is_guest = |l: &str| guests.iter().any(|g| g == l);
    let Some(first) = paras
        .iter()
        .position(|p| p.label.as_deref().is_some_and(|l| is_guest(l) || asks(l)))
    else {
        return Vec::new();
    };
    let last_question = (first..paras.len()).rev().find(|&i| question_at(i));
    let quoted = |p: &Paragraph| found.iter().any(|f| f.start < p.end && f.end > p.start);

    let mut out = Vec::new();
    let mut speaker: Option<String> = None;
    // unlabelled answer paragraphs since the last question; None before any question
    let mut run: Option<usize> = None;
    for (i, p) in paras.iter().enumerate().skip(first) {
        let words = content(p);
        let answer_of = match &p.label {
            Some(l) if is_guest(l) => {
                speaker = Some(l.clone());
                run = Some(0);
                Some(l.clone())
            }
            Some(l) if asks(l) => {
                run = Some(0);
                None
            }
            Some(_) => break,
            None if is_intertitle(words) => None,
            None if question_at(i) => {
                run = Some(0);
                None
            }
            None => match (run, &speaker) {
                (Some(n), Some(s))
                    if n < ANSWER_PARAGRAPHS
                        && (last_question.is_some_and(|q| i < q) || n == 0) =>
                {
                    run = Some(n + 1);
                    Some(s.clone())
                }
                _ => {
                    run = None;
                    None
                }
            },
        };
        let Some(guest) = answer_of else {
            continue;
        };
        if quoted(p) || words.trim().is_empty() {
            continue;
        }
        let referent = resolver.resolve(text, &guest, p.start);
        resolver.note(&referent, p.start, true);
        out.push(Found {
            start: p.start,
            end: p.end,
            text: words.to_string(),
            kind: QuoteKind::Direct,
            speaker: Some((referent, guest)),
            via: None,
            priority: 1,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(text: &str) -> Vec<(String, String)> {
        let mut r = SpeakerResolver::new(text);
        interview_quotes(text, &mut r, &[])
            .into_iter()
            .map(|f| {
                let (referent, _) = f.speaker.unwrap();
                (referent.name.unwrap_or_default(), f.text)
            })
            .collect()
    }

    #[test]
    fn labels_are_short_capitalised_openings() {
        assert_eq!(
            label_of("Le Courrier.fr : Que pensez-vous ?").map(|l| l.0),
            Some("Le Courrier.fr".to_string())
        );
        assert_eq!(
            label_of("Marie Dubois : Nous tiendrons.").map(|l| l.0),
            Some("Marie Dubois".to_string())
        );
        assert!(label_of("Il a dit ceci, puis cela : rien.").is_none());
        assert!(label_of("à 10 h : rien").is_none());
        assert!(label_of("Fin. Voici : rien").is_none());
        assert!(label_of("Marie Dubois :").is_none());
    }

    #[test]
    fn labelled_answers_are_the_guests_words() {
        let text = "La militante s'est confiée à notre journal.\n\
                    Le Courrier : Pourquoi manifestez-vous ?\n\
                    Marie Dubois : Nous voulons être entendus. Le préfet ment.\n\
                    Le Courrier : Irez-vous jusqu'au bout ?\n\
                    Marie Dubois : Oui, jusqu'au bout.\n\
                    Sport : le club perd encore\n";
        let a = answers(text);
        assert_eq!(a.len(), 2, "{a:?}");
        assert_eq!(a[0].0, "Marie Dubois");
        assert_eq!(a[0].1, "Nous voulons être entendus. Le préfet ment.");
        assert_eq!(a[1].1, "Oui, jusqu'au bout.");
    }

    #[test]
    fn unlabelled_turns_follow_the_questions() {
        let text = "Le Courrier : Le maire a démissionné. Votre réaction ?\n\
                    Paul Arnaud : Il était temps.\n\
                    « La ville mérite mieux »\n\
                    Vous avez pourtant soutenu sa liste...\n\
                    C'est faux. Je ne l'ai jamais soutenue.\n\
                    Et maintenant ?\n\
                    Nous allons reconstruire.\n\
                    Propos recueillis par Anne Leroy.\n";
        let a = answers(text);
        let said: Vec<&str> = a.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            said,
            [
                "Il était temps.",
                "C'est faux. Je ne l'ai jamais soutenue.",
                "Nous allons reconstruire."
            ]
        );
        assert!(a.iter().all(|(n, _)| n == "Paul Arnaud"));
    }

    #[test]
    fn captions_and_briefs_are_no_interview() {
        // labels, but no question: a list of briefs
        assert!(answers(
            "Lyon : un incendie ravage un entrepôt.\nMarseille : deux blessés dans une rixe.\n"
        )
        .is_empty());
        // a question, but nobody answers it under a label
        assert!(answers("Que faire ?\nRien, dit-il.\n").is_empty());
    }
}
