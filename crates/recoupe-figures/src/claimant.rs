//! Who claims a figure.
//!
//! First the document's quotes: a quote whose span covers the figure, or whose sentence is
//! the figure's and whose words contain it, gives its speaker (or, without a speaker, its
//! relay). Failing that, a light reading of the sentence's own attribution:
//! - a source before the figure: "Selon X, …", "X a annoncé que …", "X a fait état de …";
//! - a source after it: "…, a annoncé mercredi X", "…, selon X", "…, a-t-il précisé";
//! - "selon un bilan du ministère" gives the ministry, not the report.
//!
//! A pronoun subject ("a-t-il dit") stands for the last source named before it in the
//! document. This reading does not resolve names across the document ("le ministère" stays
//! "le ministère"); the attribution stage does that for the quotes it finds.

use crate::lexicon::{ClaimRole, Lexicon};
use crate::reader::is_sentence_stop;
use crate::tokens::{normalize, tokenize, Token, TokenKind};
use recoupe_model::{Claimant, Quote};

/// Where a source stands relative to the figures it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceKind {
    /// "X a annoncé que": covers what follows.
    Lead,
    /// ", a annoncé X": covers what precedes.
    Tail,
    /// "selon X": covers its clause, either side.
    Selon,
}

/// A source read from a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Source {
    pub kind: SourceKind,
    /// Byte offset of the cue (verb or preposition) in the sentence.
    pub at: usize,
    /// Index of the sentence-like segment within the sentence.
    pub segment: usize,
    pub name: String,
    pub pronoun: bool,
}

const DETERMINERS: &[&str] = &[
    "le", "la", "l'", "les", "un", "une", "des", "ce", "cette", "ces", "son", "sa", "ses", "leur",
];
const NP_STOPS: &[&str] = &[
    "dans",
    "lors",
    "sur",
    "à",
    "au",
    "aux",
    "en",
    "devant",
    "pendant",
    "après",
    "avant",
    "qui",
    "que",
    "qu'",
    "dont",
    "lequel",
    "lesquels",
    "laquelle",
    "lesquelles",
    "citant",
    "cité",
    "citée",
    "soit",
    "selon",
    "mais",
    "et",
    "pour",
    "par",
    "depuis",
    "vers",
    "contre",
    "sous",
    "car",
    "ou",
    "quand",
    "lorsque",
    "tandis",
    "sans",
    "s'",
    "afin",
];
const SUBJECT_STOPS: &[&str] = &[
    "que", "qu'", "mais", "car", "dont", "qui", "où", "lorsque", "lorsqu'", "tandis", "alors",
    "si", "puis", "ou", "comme", "quand",
];
const LINKING_PREPOSITIONS: &[&str] = &["de", "du", "des", "d'", "par"];
const PRONOUN_SUFFIXES: &[&str] = &["-t-il", "-t-elle", "-il", "-elle", "-ils", "-elles"];

/// Segment index of every token (a new segment after each sentence stop).
fn segments(tokens: &[Token]) -> Vec<usize> {
    let mut seg = 0;
    (0..tokens.len())
        .map(|k| {
            let s = seg;
            if is_sentence_stop(tokens, k) {
                seg += 1;
            }
            s
        })
        .collect()
}

/// The sources a sentence names, in order.
pub(crate) fn read_sources(text: &str, lex: &Lexicon) -> Vec<Source> {
    let tokens = tokenize(text);
    let segs = segments(&tokens);
    let mut out = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        if let Some(n) = lex.claim_at(&tokens, k, ClaimRole::Source) {
            if let Some((name, pronoun)) = source_name(&tokens, k + n, text, lex) {
                out.push(Source {
                    kind: SourceKind::Selon,
                    at: tokens[k].start,
                    segment: segs[k],
                    name,
                    pronoun,
                });
            }
            k += n;
            continue;
        }
        if let Some(source) = verb_source(&tokens, k, text, lex) {
            let s = Source {
                segment: segs[k],
                ..source
            };
            out.push(s);
        }
        k += 1;
    }
    out
}

/// The suffix-free form of an inverted verb ("précise-t-il" → "précise"), if inverted.
fn inverted(word: &str) -> Option<&str> {
    PRONOUN_SUFFIXES
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .filter(|w| !w.is_empty())
}

/// A source around a speech verb at token `k`.
fn verb_source(tokens: &[Token], k: usize, text: &str, lex: &Lexicon) -> Option<Source> {
    let t = &tokens[k];
    // "a-t-il détaillé", "précise-t-il", "dit-il"
    if let Some(stem) = inverted(&t.lower) {
        let is_verb = lex.is_claim(stem, ClaimRole::Verb)
            || (lex.is_claim(stem, ClaimRole::Aux)
                && tokens
                    .get(k + 1)
                    .is_some_and(|n| lex.is_claim(&n.lower, ClaimRole::Verb)));
        if is_verb {
            return Some(Source {
                kind: SourceKind::Tail,
                at: t.start,
                segment: 0,
                name: t.lower.clone(),
                pronoun: true,
            });
        }
        return None;
    }
    let n = lex.claim_at(tokens, k, ClaimRole::Verb)?;
    // the verb group starts at its auxiliary, allowing one adverb between ("a également indiqué")
    let mut group = k;
    let aux_at = |i: usize| lex.is_claim(&tokens[i].lower, ClaimRole::Aux);
    if k >= 1 && aux_at(k - 1) {
        group = k - 1;
    } else if k >= 2 && aux_at(k - 2) && tokens[k - 1].kind == TokenKind::Word {
        group = k - 2;
    } else {
        // a bare participle is an adjective ("un bilan communiqué par"); a present-tense
        // form after a determiner is a noun ("l'annonce de")
        let participle =
            t.lower.ends_with('é') || t.lower.ends_with("it") || t.lower.ends_with("is");
        let after_determiner = k >= 1 && DETERMINERS.contains(&tokens[k - 1].lower.as_str());
        if participle || after_determiner {
            return None;
        }
    }
    let before = tokens[..group]
        .iter()
        .rev()
        .find(|x| x.kind != TokenKind::Quote);
    let after_comma = before.is_none_or(|b| b.lower == "," || b.lower == "-" || b.lower == "—");
    let quote_close = group > 0 && tokens[group - 1].kind == TokenKind::Quote;
    if after_comma || quote_close {
        // ", a annoncé mercredi le Premier ministre X"
        let mut s = k + n;
        loop {
            if let Some(m) = lex.claim_at(tokens, s, ClaimRole::Skip) {
                s += m;
            } else if tokens
                .get(s)
                .is_some_and(|x| matches!(x.kind, TokenKind::Number | TokenKind::Code))
            {
                s += 1;
            } else {
                break;
            }
        }
        if let Some((name, pronoun)) = noun_phrase_after(tokens, s, text, lex) {
            return Some(Source {
                kind: SourceKind::Tail,
                at: tokens[group].start,
                segment: 0,
                name,
                pronoun,
            });
        }
        before?;
    }
    // "X a déclaré que": the subject stands before the verb group
    let (name, pronoun) = subject_before(tokens, group, text, lex)?;
    Some(Source {
        kind: SourceKind::Lead,
        at: tokens[k + n - 1].end,
        segment: 0,
        name,
        pronoun,
    })
}

/// The noun phrase after a source preposition; "un bilan du ministère" gives the ministry.
fn source_name(tokens: &[Token], from: usize, text: &str, lex: &Lexicon) -> Option<(String, bool)> {
    let report = (from..(from + 4).min(tokens.len()))
        .find(|&i| lex.is_claim(&tokens[i].lower, ClaimRole::Report));
    if let Some(r) = report {
        let link = (r + 1..(r + 5).min(tokens.len()))
            .take_while(|&i| tokens[i].kind == TokenKind::Word)
            .find(|&i| LINKING_PREPOSITIONS.contains(&tokens[i].lower.as_str()));
        if let Some(l) = link {
            if let Some(found) = noun_phrase_after(tokens, l + 1, text, lex) {
                return Some(found);
            }
        }
    }
    noun_phrase_after(tokens, from, text, lex)
}

fn is_np_word(t: &Token) -> bool {
    t.kind == TokenKind::Word
}

/// A noun phrase starting at token `from`: up to a preposition that ends it, punctuation,
/// or ten words. Returns its text and whether it is a lone pronoun.
fn noun_phrase_after(
    tokens: &[Token],
    from: usize,
    text: &str,
    lex: &Lexicon,
) -> Option<(String, bool)> {
    let mut end = from;
    while end < tokens.len() && end - from < 10 {
        let t = &tokens[end];
        let inner_de = end > from && LINKING_PREPOSITIONS[..4].contains(&t.lower.as_str());
        if !is_np_word(t)
            || (NP_STOPS.contains(&t.lower.as_str()) && !inner_de)
            || lex.is_claim(&t.lower, ClaimRole::Skip) && end > from && is_weekday_like(&t.lower)
        {
            break;
        }
        end += 1;
    }
    // drop trailing linking words ("le ministère de")
    while end > from
        && (LINKING_PREPOSITIONS.contains(&tokens[end - 1].lower.as_str())
            || DETERMINERS.contains(&tokens[end - 1].lower.as_str()))
    {
        end -= 1;
    }
    if end == from || DETERMINERS.contains(&tokens[from].lower.as_str()) && end == from + 1 {
        return None;
    }
    let name = text
        .get(tokens[from].start..tokens[end - 1].end)?
        .to_string();
    let pronoun = end == from + 1 && lex.is_claim(&tokens[from].lower, ClaimRole::Pronoun);
    Some((name, pronoun))
}

fn is_weekday_like(word: &str) -> bool {
    matches!(
        word,
        "lundi" | "mardi" | "mercredi" | "jeudi" | "vendredi" | "samedi" | "dimanche" | "hier"
    )
}

/// The subject right before a verb group: back to punctuation or a clause word.
fn subject_before(
    tokens: &[Token],
    group: usize,
    text: &str,
    lex: &Lexicon,
) -> Option<(String, bool)> {
    let mut start = group;
    while start > 0 && group - start < 10 {
        let t = &tokens[start - 1];
        if !is_np_word(t) || SUBJECT_STOPS.contains(&t.lower.as_str()) {
            break;
        }
        // "des sources médicales et de sécurité": "et" inside a subject only joins complements
        let joins_complement = tokens
            .get(start)
            .is_some_and(|n| LINKING_PREPOSITIONS[..4].contains(&n.lower.as_str()));
        if t.lower == "et" && !joins_complement {
            break;
        }
        start -= 1;
    }
    // leading time words are not part of the subject ("Mercredi le ministère a déclaré")
    while start < group
        && lex
            .claim_at(tokens, start, ClaimRole::Skip)
            .is_some_and(|m| start + m < group)
    {
        start += lex.claim_at(tokens, start, ClaimRole::Skip).unwrap_or(1);
    }
    if start >= group || lex.claim_at(tokens, start, ClaimRole::Nobody).is_some() {
        return None;
    }
    let name = text
        .get(tokens[start].start..tokens[group - 1].end)?
        .to_string();
    let pronoun = group == start + 1 && lex.is_claim(&tokens[start].lower, ClaimRole::Pronoun);
    Some((name, pronoun))
}

/// The source that covers a figure at byte `at` of segment `segment`, from those of its sentence.
pub(crate) fn source_for(sources: &[Source], at: usize, segment: usize) -> Option<&Source> {
    let same = || sources.iter().filter(move |s| s.segment == segment);
    let before = |kind: SourceKind| {
        same()
            .filter(|s| s.kind == kind && s.at <= at)
            .max_by_key(|s| s.at)
    };
    let after = |kind: SourceKind| {
        same()
            .filter(|s| s.kind == kind && s.at > at)
            .min_by_key(|s| s.at)
    };
    before(SourceKind::Lead)
        .or_else(|| before(SourceKind::Selon))
        .or_else(|| after(SourceKind::Tail))
        .or_else(|| after(SourceKind::Selon))
}

/// Segment index of the token starting at or containing byte `at` of `text`.
pub(crate) fn segment_at(text: &str, at: usize) -> usize {
    let tokens = tokenize(text);
    let segs = segments(&tokens);
    tokens
        .iter()
        .zip(segs)
        .take_while(|(t, _)| t.start <= at)
        .last()
        .map_or(0, |(_, s)| s)
}

/// The claimant a quote gives: its speaker's name, else its mention when not a pronoun,
/// else its relay.
pub(crate) fn quote_claimant(q: &Quote, lex: &Lexicon) -> Option<Claimant> {
    if let Some(sp) = &q.speaker {
        if let Some(name) = sp.name.as_deref().filter(|n| !n.trim().is_empty()) {
            return Some(Claimant {
                name: name.to_string(),
                entity: sp.entity.clone(),
            });
        }
        let m = normalize(sp.mention.trim());
        if !m.is_empty() && !lex.is_claim(&m, ClaimRole::Pronoun) {
            return Some(Claimant {
                name: sp.mention.trim().to_string(),
                entity: sp.entity.clone(),
            });
        }
    }
    q.via
        .as_ref()
        .filter(|v| !v.name.trim().is_empty())
        .map(|v| Claimant {
            name: v.name.clone(),
            entity: None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;

    /// The claimant of the first figure-like position `at_word` in `text`.
    fn claimant(text: &str, at_word: &str) -> Option<String> {
        let sources = read_sources(text, lexicon());
        let at = text.find(at_word).expect("word in text");
        let seg = segment_at(text, at);
        source_for(&sources, at, seg).map(|s| s.name.clone())
    }

    #[test]
    fn tail_after_the_figure() {
        let t = "Au moins 12 soldats ont été tués, a annoncé jeudi soir le ministre letton de la Défense.";
        assert_eq!(
            claimant(t, "12").as_deref(),
            Some("le ministre letton de la Défense")
        );
        let t = "«Trente policiers ont été blessés» dans la capitale, a indiqué dans la soirée le ministère de l'Intérieur dans un communiqué";
        assert_eq!(
            claimant(t, "Trente").as_deref(),
            Some("le ministère de l'Intérieur")
        );
    }

    #[test]
    fn a_tail_does_not_cover_what_follows_it() {
        let t = "Neuf civils ont été tués, a déclaré le gouverneur, soit plus que le bilan de 5 morts donné hier.";
        assert_eq!(claimant(t, "Neuf").as_deref(), Some("le gouverneur"));
        assert_eq!(claimant(t, "5 morts"), None);
    }

    #[test]
    fn selon_and_d_apres() {
        let t = "Selon la Croix-Rouge, 40 personnes ont disparu.";
        assert_eq!(claimant(t, "40").as_deref(), Some("la Croix-Rouge"));
        let t =
            "Les crues ont fait 18 morts, d'après les pompiers, qui poursuivent les recherches.";
        assert_eq!(claimant(t, "18").as_deref(), Some("les pompiers"));
        let t = "Le typhon a tué 7 personnes, selon l'agence Kyodo.";
        assert_eq!(claimant(t, "7").as_deref(), Some("l'agence Kyodo"));
    }

    #[test]
    fn a_report_gives_its_author() {
        let t = "Selon un bilan communiqué par le préfet, 14 personnes ont été blessées.";
        assert_eq!(claimant(t, "14").as_deref(), Some("le préfet"));
        let t = "Selon un nouveau bilan du ministère de la Santé, 31 personnes sont mortes.";
        assert_eq!(claimant(t, "31").as_deref(), Some("ministère de la Santé"));
    }

    #[test]
    fn subject_before_a_speech_verb() {
        let t = "Lundi, le ministère bolivien de l'Intérieur a déclaré que 25 mineurs avaient été arrêtés.";
        assert_eq!(
            claimant(t, "25").as_deref(),
            Some("le ministère bolivien de l'Intérieur")
        );
        let t = "Le gouvernement a nié, mais des médias locaux ont fait état de 60 morts.";
        assert_eq!(claimant(t, "60").as_deref(), Some("des médias locaux"));
        let t =
            "Des sources médicales et de sécurité ont affirmé que 11 personnes avaient été tuées.";
        assert_eq!(
            claimant(t, "11").as_deref(),
            Some("Des sources médicales et de sécurité")
        );
    }

    #[test]
    fn pronouns_and_nobody() {
        let sources = read_sources("Huit rebelles ont été capturés, a-t-il précisé.", lexicon());
        assert_eq!(sources.len(), 1);
        assert!(sources[0].pronoun);
        let s = read_sources(
            "Il faudra qu'on nous explique comment 40 personnes sont mortes.",
            lexicon(),
        );
        assert!(s.is_empty(), "{s:?}");
    }

    #[test]
    fn nouns_that_look_like_verbs_are_not_sources() {
        assert!(read_sources("Un bilan communiqué hier fait 9 morts.", lexicon()).is_empty());
        assert!(read_sources(
            "Ils ont manifesté pour la construction d'une école.",
            lexicon()
        )
        .is_empty());
    }

    #[test]
    fn a_quote_speaker_is_preferred_to_its_mention_and_relay() {
        let q = |name: Option<&str>, mention: &str, via: Option<&str>| Quote {
            text: "x".into(),
            kind: recoupe_model::QuoteKind::Indirect,
            sentence: 0,
            speaker: Some(recoupe_model::Speaker {
                name: name.map(Into::into),
                mention: mention.into(),
                entity: None,
            }),
            via: via.map(|v| recoupe_model::Relay { name: v.into() }),
            span: None,
        };
        let lex = lexicon();
        assert_eq!(
            quote_claimant(&q(Some("Ana Brnabić"), "elle", None), lex)
                .unwrap()
                .name,
            "Ana Brnabić"
        );
        assert_eq!(
            quote_claimant(&q(None, "le préfet", Some("AFP")), lex)
                .unwrap()
                .name,
            "le préfet"
        );
        assert_eq!(
            quote_claimant(&q(None, "il", Some("AFP")), lex)
                .unwrap()
                .name,
            "AFP"
        );
        assert!(quote_claimant(&q(None, "il", None), lex).is_none());
    }
}
