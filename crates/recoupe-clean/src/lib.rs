//! Cleaning: turns an article body as it reached us (often a copy-pasted web page) into
//! the text the later stages read.
//!
//! - Boilerplate lines are removed by a score over per-line features (see [`scoring`]):
//!   interface vocabulary, credits, captions, date-only lines, foreign script, repetition
//!   across the set ([`LineCensus`]), topical distance to the rest of the document,
//!   prose shape and position. Every removed line is kept in [`Cleaned::removed`] with
//!   its reason.
//! - The title: the metadata title when there is one (and its copy on the first lines is
//!   dropped from the text); otherwise a first line that reads as a headline of this
//!   article (no final period, short, sharing content words with the body).
//! - The outlet: a final "Source : NAME" line names it when metadata does not.
//! - Text extracted from HTML gets a lighter pass: extraction already removed the page
//!   furniture, so only lines with strong evidence of their own go.
//!
//! Cleaning only removes whole lines: each line of the output is a line of the input,
//! trimmed. Paragraph breaks (blank lines) are kept, collapsed to one blank line.
//! It does not split sentences, rewrite text or translate; [`detect_language`] only tells.

mod census;
mod credit;
mod language;
mod lexicon;
mod line;
mod scoring;

pub use census::LineCensus;
pub use language::detect_language;

use credit::Credit;
use recoupe_model::{Article, RemovedLine};
use scoring::{
    is_punctuated, mark_removals, score_lines, ScoredLine, ScoringContext, REMOVE_AT_EDGE,
    SOLID_BODY_WORDS,
};

/// The result of cleaning one article.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub text: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub removed: Vec<RemovedLine>,
}

/// Longest first line taken as a title, in words.
const TITLE_MAX_WORDS: usize = 20;
/// A headline is this article's title when at least this share of its content stems (and
/// two or more) occur in the body: a sidebar headline shares none or one common word.
const TITLE_MIN_RELATEDNESS: f32 = 0.4;
/// Evidence against the lines above the title: enough to remove a heading there at the
/// top edge, not a line of prose.
const ABOVE_TITLE: f32 = 2.0;
/// How many first lines are compared with a metadata title.
const TITLE_COPY_LINES: usize = 3;

/// Scores every line of the body and finds the title line, marking it and weighing
/// against whatever sits above it. Shared by [`clean`] and [`explain`].
fn scored_with_title<'a>(
    article: &'a Article,
    census: &LineCensus,
) -> (Vec<ScoredLine<'a>>, Option<usize>) {
    let cx = ScoringContext {
        lexicon: lexicon::lexicon(),
        census,
        outlet: article.outlet.as_deref(),
    };
    let mut lines = score_lines(&article.body, &cx);
    let title_line = match &article.title {
        Some(known) => lines
            .iter()
            .take(TITLE_COPY_LINES)
            .position(|l| same_title(&l.text, known)),
        None => headline_title(&lines),
    };
    if let Some(i) = title_line {
        lines[i].is_title = true;
        // Whatever sits above the headline is page furniture unless it is clearly prose.
        for line in &mut lines[..i] {
            line.add("above-title", ABOVE_TITLE);
        }
    }
    (lines, title_line)
}

pub fn clean(article: &Article, census: &LineCensus) -> Cleaned {
    let (mut lines, title_line) = scored_with_title(article, census);
    let mut title = article.title.clone();
    if let Some(i) = title_line {
        if title.is_none() {
            title = Some(lines[i].text.to_string());
        }
    }
    mark_removals(&mut lines, title_line, article.from_html);

    let mut outlet = article.outlet.clone();
    if outlet.is_none() {
        outlet = closing_source(&lines);
    }

    let mut removed = Vec::new();
    for line in &lines {
        let reason = if line.is_title {
            "title"
        } else if line.removed {
            line.reason()
        } else {
            continue;
        };
        for part in &line.parts {
            removed.push(RemovedLine {
                text: part.to_string(),
                reason: reason.into(),
            });
        }
    }
    Cleaned {
        text: assemble(&lines),
        title,
        outlet,
        removed,
    }
}

/// The same title up to case, spacing, apostrophes and a final period.
fn same_title(line: &str, title: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('’', "'")
            .trim_end_matches('.')
            .to_lowercase()
    };
    !title.trim().is_empty() && norm(line) == norm(title)
}

/// The headline of this article among the lines above its body (solid prose, or prose
/// closed by a period or a colon): the first one that is not clear debris and
/// reads as a headline (no final period, a capital, a few words) sharing content words
/// with the body, in a document whose sentences end with periods or set apart by a blank
/// line. Sidebar headlines share little with the body and are passed over.
fn headline_title(lines: &[ScoredLine]) -> Option<usize> {
    // The body starts at solid prose, or at any prose line that does not end like a
    // headline may (with a question or exclamation mark).
    let body_starts = lines
        .iter()
        .position(|l| {
            l.prose
                && ((l.shape.n_words() >= SOLID_BODY_WORDS && l.score() < 0.0)
                    || l.shape.ends_period
                    || !l.shape.ends_sentence)
        })
        .unwrap_or(lines.len());
    (0..body_starts).find(|&i| {
        let line = &lines[i];
        let shape = &line.shape;
        let shared = line.relatedness.unwrap_or(0.0) * shape.stems.len() as f32;
        let related = line
            .relatedness
            .is_some_and(|r| r >= TITLE_MIN_RELATEDNESS && shared >= 1.5);
        let set_apart = lines.get(i + 1).is_some_and(|next| next.blank_before);
        let punctuated = lines.get(i + 1..).is_some_and(is_punctuated);
        line.score() < REMOVE_AT_EDGE
            && line.parts.len() == 1
            && !shape.ends_period
            && !shape.ends_colon
            && (2..=TITLE_MAX_WORDS).contains(&shape.n_words())
            && shape.starts_like_sentence
            && line.credit.is_none()
            && related
            && (punctuated || set_apart)
            && i + 1 < lines.len()
    })
}

/// The outlet named by a removed "Source : NAME" line after the last kept line.
fn closing_source(lines: &[ScoredLine]) -> Option<String> {
    for line in lines.iter().rev() {
        if !line.removed && !line.is_title {
            return None;
        }
        if let Some(Credit::Source(name)) = &line.credit {
            return Some(name.clone());
        }
    }
    None
}

/// The kept lines, one per line, with one blank line where the input had blank lines
/// between them.
fn assemble(lines: &[ScoredLine]) -> String {
    let mut text = String::new();
    let mut pending_blank = false;
    for line in lines {
        pending_blank |= line.blank_before;
        if line.removed || line.is_title {
            continue;
        }
        if !text.is_empty() {
            text.push_str(if pending_blank { "\n\n" } else { "\n" });
        }
        text.push_str(&line.parts.join("\n"));
        pending_blank = false;
    }
    text
}

/// For tuning: each non-blank line of the cleaned article with its score, whether it
/// was removed (`-`), kept (`+`) or taken as the title (`T`), and its evidence.
#[doc(hidden)]
pub fn explain(article: &Article, census: &LineCensus) -> String {
    let (mut lines, title_line) = scored_with_title(article, census);
    mark_removals(&mut lines, title_line, article.from_html);
    let mut out = String::new();
    for line in &lines {
        let mark = if line.is_title {
            'T'
        } else if line.removed {
            '-'
        } else {
            '+'
        };
        let evidence: Vec<String> = line
            .evidence
            .iter()
            .map(|e| format!("{}{:+}", e.reason, e.weight))
            .collect();
        let text: String = line.text.chars().take(90).collect();
        out.push_str(&format!(
            "{mark} {:5.2} [{}] {text}\n",
            line.score(),
            evidence.join(" ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &str) -> Article {
        Article {
            id: "t".into(),
            body: body.into(),
            ..Article::default()
        }
    }

    fn clean_alone(body: &str) -> Cleaned {
        clean(&article(body), &LineCensus::build([body]))
    }

    fn removed_reason(cleaned: &Cleaned, line: &str) -> Option<String> {
        cleaned
            .removed
            .iter()
            .find(|r| r.text == line)
            .map(|r| r.reason.clone())
    }

    /// A made-up report: five sentences about a dam on a river.
    const BODY: &str = "Le barrage de la Sorne a cédé mardi soir après trois jours de pluies continues sur la vallée.\n\
Les pompiers de la vallée ont évacué deux cents habitants des villages situés en aval du barrage.\n\
Selon la préfecture, aucune victime n'est à déplorer mais plusieurs routes de la vallée restent coupées.\n\
Le maire de Sornay a demandé une enquête sur l'entretien du barrage, inspecté pour la dernière fois en 2019.\n\
Les pluies doivent cesser jeudi, selon les prévisions, et les habitants évacués pourraient regagner leurs maisons.";

    #[test]
    fn a_dispatch_republished_by_many_outlets_keeps_its_body() {
        // One long paragraph carried word for word by forty outlets, each with a short
        // line of page debris that all of them share too.
        let paragraph = BODY.replace('\n', " ");
        let bodies: Vec<String> = (0..40)
            .map(|_| format!("{paragraph}\nPartager cet article"))
            .collect();
        let census = LineCensus::build(bodies.iter().map(String::as_str));
        let cleaned = clean(&article(&bodies[0]), &census);
        assert_eq!(cleaned.text, paragraph);
        assert!(removed_reason(&cleaned, "Partager cet article").is_some());
    }

    #[test]
    fn interface_lines_at_the_edges_are_removed() {
        let body = format!(
            "S'abonner\nPartager sur Facebook\n{BODY}\nLire aussi\nCommentaires\nNewsletter"
        );
        let cleaned = clean_alone(&body);
        assert_eq!(cleaned.text, BODY);
        for line in [
            "S'abonner",
            "Partager sur Facebook",
            "Commentaires",
            "Newsletter",
        ] {
            assert_eq!(
                removed_reason(&cleaned, line).as_deref(),
                Some("ui-string"),
                "{line}"
            );
        }
        assert_eq!(
            removed_reason(&cleaned, "Lire aussi").as_deref(),
            Some("related-link")
        );
    }

    #[test]
    fn credits_and_captions_are_removed_and_source_names_the_outlet() {
        let body = format!(
            "© Agence Photo du Jura / Jean Martin\nLe barrage de la Sorne - Le Courrier du Val\n{BODY}\nSource : APS"
        );
        let mut a = article(&body);
        a.outlet = None;
        let cleaned = clean(&a, &LineCensus::build([body.as_str()]));
        assert_eq!(cleaned.text, BODY);
        assert_eq!(cleaned.outlet.as_deref(), Some("APS"));
        assert_eq!(
            removed_reason(&cleaned, "© Agence Photo du Jura / Jean Martin").as_deref(),
            Some("credit")
        );
        // A known outlet is kept; the credit line still goes.
        a.outlet = Some("Le Courrier du Val".into());
        let cleaned = clean(&a, &LineCensus::build([body.as_str()]));
        assert_eq!(cleaned.outlet.as_deref(), Some("Le Courrier du Val"));
        assert_eq!(
            removed_reason(&cleaned, "Le barrage de la Sorne - Le Courrier du Val").as_deref(),
            Some("caption")
        );
    }

    #[test]
    fn a_sentence_naming_an_agency_stays() {
        let body = format!("{BODY}\nAvec des compléments d'information de l'AFP.");
        assert_eq!(clean_alone(&body).text, body);
    }

    #[test]
    fn unrelated_headline_and_its_date_on_top_are_removed() {
        let body =
            format!("Un festival de jazz bat son record de spectateurs\n- Le 4 Mars 2025\n{BODY}");
        let cleaned = clean_alone(&body);
        assert_eq!(cleaned.text, BODY);
        assert_eq!(cleaned.title, None);
        assert_eq!(
            removed_reason(&cleaned, "- Le 4 Mars 2025").as_deref(),
            Some("date-line")
        );
        assert!(removed_reason(
            &cleaned,
            "Un festival de jazz bat son record de spectateurs"
        )
        .is_some());
    }

    #[test]
    fn publication_stamps_are_removed_wherever_they_stand() {
        for stamp in [
            "Par Jeanne Martin Publié le 3 mai 2021 à 10h30 - Mis à jour le 4 mai 2021 à 08h12",
            "La Gazette du Val avec AFP Publié le 12 février 2024 à 18h05",
            "Publié le 9 octobre 2023 à 07h40 - Mis à jour le 9 octobre 2023 à 09h02 Temps de Lecture 3 min.",
        ] {
            let body = format!("{BODY}\n{stamp}\n{BODY}");
            let cleaned = clean_alone(&body);
            assert_eq!(
                removed_reason(&cleaned, stamp).as_deref(),
                Some("publication-stamp"),
                "{stamp}"
            );
        }
        // a sentence telling of a publication stays
        let told = "Le rapport, publié le 3 mai 2021 par la préfecture du Val, recense quarante incidents sur la route.";
        let body = format!("{BODY}\n{told}");
        assert_eq!(clean_alone(&body).text, body);
    }

    #[test]
    fn related_headline_on_top_becomes_the_title() {
        let body = format!("Le barrage de la Sorne cède, la vallée évacuée\n\n{BODY}");
        let cleaned = clean_alone(&body);
        assert_eq!(
            cleaned.title.as_deref(),
            Some("Le barrage de la Sorne cède, la vallée évacuée")
        );
        assert_eq!(cleaned.text, BODY);
    }

    #[test]
    fn metadata_title_wins_and_its_copy_leaves_the_text() {
        let body = format!("Rupture du barrage de la Sorne\n{BODY}");
        let mut a = article(&body);
        a.title = Some("Rupture du barrage de la Sorne".into());
        let cleaned = clean(&a, &LineCensus::build([body.as_str()]));
        assert_eq!(
            cleaned.title.as_deref(),
            Some("Rupture du barrage de la Sorne")
        );
        assert_eq!(cleaned.text, BODY);
        // Without the copy, the text is untouched.
        let mut b = article(BODY);
        b.title = Some("Un autre titre".into());
        assert_eq!(clean(&b, &LineCensus::build([BODY])).text, BODY);
    }

    #[test]
    fn line_per_sentence_without_periods_is_all_kept() {
        let body =
            "Le barrage de la Sorne a cédé mardi soir après trois jours de pluies continues\n\
Les pompiers ont évacué deux cents habitants des villages situés en aval\n\
«Nous avons agi aussi vite que possible», a déclaré le préfet devant la presse\n\
Les pompiers ont évacué deux cents habitants des villages situés en aval\n\
Le maire a demandé une enquête sur l'entretien de l'ouvrage";
        let cleaned = clean_alone(body);
        assert_eq!(cleaned.text, body);
        assert_eq!(cleaned.title, None);
        assert!(cleaned.removed.is_empty());
    }

    #[test]
    fn foreign_script_line_goes_unless_introduced() {
        let body = format!("{BODY}\nЗаголовок материала");
        let cleaned = clean_alone(&body);
        assert_eq!(
            removed_reason(&cleaned, "Заголовок материала").as_deref(),
            Some("foreign-script")
        );
        let quoted = format!("{BODY}\nUn habitant a écrit sur son compte :\nМост закрыт до пятницы, все уехали к родственникам.\nLes secours sont restés sur place toute la nuit pour surveiller la vallée.");
        assert_eq!(clean_alone(&quoted).text, quoted);
    }

    #[test]
    fn footer_repeated_across_many_documents_is_removed() {
        let footer = "Cet article vous a plu ? Retrouvez toute notre actualité chaque matin.";
        let bodies: Vec<String> = (0..6)
            .map(|i| format!("{BODY} Dépêche {i}.\n{footer}"))
            .collect();
        let census = LineCensus::build(bodies.iter().map(String::as_str));
        let cleaned = clean(&article(&bodies[0]), &census);
        assert_eq!(
            removed_reason(&cleaned, footer).as_deref(),
            Some("repeated")
        );
        assert!(!cleaned.text.contains("Retrouvez"));
    }

    #[test]
    fn wire_sentence_repeated_in_a_small_set_stays() {
        let shared = "Les pompiers de la vallée ont évacué deux cents habitants des villages situés en aval du barrage.";
        let bodies = [
            BODY.to_string(),
            format!("{shared}\nUn autre récit du même soir."),
            format!("Autre texte.\n{shared}"),
        ];
        let census = LineCensus::build(bodies.iter().map(String::as_str));
        let cleaned = clean(&article(&bodies[0]), &census);
        assert_eq!(cleaned.text, BODY);
    }

    #[test]
    fn a_list_of_off_topic_headlines_at_the_bottom_goes() {
        let body = format!(
            "{BODY}\nLe prix du café atteint un sommet historique\nUn gardien de but prolonge son contrat\nFestival : les concerts gratuits reviennent !\nUne startup lève dix millions pour ses robots"
        );
        let cleaned = clean_alone(&body);
        assert_eq!(cleaned.text, BODY);
    }

    #[test]
    fn paragraph_breaks_are_kept_and_collapsed() {
        let body = "  Premier paragraphe sur le barrage de la Sorne qui a cédé mardi soir.  \n\n\n\nDeuxième paragraphe sur les habitants évacués de la vallée du barrage.\nSuite du deuxième paragraphe sur la vallée et ses habitants évacués.\n\n";
        let cleaned = clean_alone(body);
        assert_eq!(
            cleaned.text,
            "Premier paragraphe sur le barrage de la Sorne qui a cédé mardi soir.\n\nDeuxième paragraphe sur les habitants évacués de la vallée du barrage.\nSuite du deuxième paragraphe sur la vallée et ses habitants évacués."
        );
    }

    #[test]
    fn a_date_heading_its_paragraph_stays_inside_the_text() {
        let body = format!("{BODY}\n12 mars 2019\nLe barrage de la Sorne avait déjà été inspecté par les services de l'Etat.\n{BODY}");
        let cleaned = clean_alone(&body);
        assert!(
            cleaned.text.contains("12 mars 2019"),
            "{:?}",
            cleaned.removed
        );
    }

    #[test]
    fn html_text_gets_the_light_pass() {
        let body = format!("Un festival de jazz bat son record de spectateurs\n{BODY}\nS'abonner");
        let mut a = article(&body);
        a.from_html = true;
        let cleaned = clean(&a, &LineCensus::build([body.as_str()]));
        assert!(cleaned.text.starts_with("Un festival de jazz"));
        assert_eq!(
            removed_reason(&cleaned, "S'abonner").as_deref(),
            Some("ui-string")
        );
    }

    #[test]
    fn hard_wrapped_sentences_are_judged_whole_and_kept_line_by_line() {
        let body = format!(
            "{BODY}\nLe préfet a reconnu que l'alerte\navait été donnée trop tard, faute\nde capteurs en amont du barrage.\nS'abonner"
        );
        let cleaned = clean_alone(&body);
        assert_eq!(
            cleaned.text,
            format!("{BODY}\nLe préfet a reconnu que l'alerte\navait été donnée trop tard, faute\nde capteurs en amont du barrage.")
        );
    }

    #[test]
    fn empty_and_blank_bodies() {
        assert_eq!(clean_alone("").text, "");
        assert_eq!(clean_alone(" \n\n \t\n").text, "");
    }
}
