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

pub fn clean(article: &Article, census: &LineCensus) -> Cleaned {
    let cx = ScoringContext {
        lexicon: lexicon::lexicon(),
        census,
        outlet: article.outlet.as_deref(),
        light: article.from_html,
    };
    let mut lines = score_lines(&article.body, &cx);

    let mut title = article.title.clone();
    let title_line = match &article.title {
        Some(known) => lines
            .iter()
            .take(TITLE_COPY_LINES)
            .position(|l| same_title(l.text, known)),
        None => headline_title(&lines),
    };
    if let Some(i) = title_line {
        lines[i].is_title = true;
        // Whatever sits above the headline is page furniture unless it is clearly prose.
        for line in &mut lines[..i] {
            line.add("above-title", ABOVE_TITLE);
        }
        if title.is_none() {
            title = Some(lines[i].text.to_string());
        }
    }
    mark_removals(&mut lines, title_line, cx.light);

    let mut outlet = article.outlet.clone();
    if outlet.is_none() {
        outlet = closing_source(&lines);
    }

    let mut removed = Vec::new();
    for line in &lines {
        if line.is_title {
            removed.push(RemovedLine {
                text: line.text.to_string(),
                reason: "title".into(),
            });
        } else if line.removed {
            removed.push(RemovedLine {
                text: line.text.to_string(),
                reason: line.reason().into(),
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
        text.push_str(line.text);
        pending_blank = false;
    }
    text
}
