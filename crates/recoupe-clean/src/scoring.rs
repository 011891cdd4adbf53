//! Line-level boilerplate scoring: every line of a body gets a debris score, the sum of
//! weighted pieces of evidence, and lines are removed by thresholds that depend on where
//! they sit (page edges, next to other debris).
//!
//! Evidence, with its sign (positive: debris, negative: body):
//! - interface text: share of the line's content words inside phrases of
//!   `data/fr/boilerplate_ui.txt` (+1 to +4); an opening like "Lire aussi" (+4);
//! - credit lines (+4), image captions ending with the outlet's name (+4), a line holding
//!   only a date (+3.5), a line without any letter (+4);
//! - a line mostly in another script than the document (+3.5), unless a line ending
//!   with a colon introduces it (a quoted post in its original language);
//! - repetition across documents ([`LineCensus`]): in at least 3 documents (+2), and in
//!   at least 30% of them too (+3.5);
//! - topical distance: share of the line's content stems found in the document's prose
//!   lines (none: +1.5 or +2; some: 0; most: −1);
//! - shape: prose (sentence punctuation, or a long line of function words in a document
//!   without final periods) −1 or −2; a heading-like line +0.5, a very short one +1;
//! - the page speaking to its reader ("Veuillez", "votre compte") +1 or +1.5;
//! - a line ending with a colon that introduces the next one −1.5.
//!
//! Context: inside a run of non-prose lines that holds a clear piece of debris, the other
//! lines get +2 (a block of related links: a label, a caption, a headline). Lines are
//! removed at 3 in the middle of the text, at 2 at its top and bottom edges (page debris
//! gathers there) and next to a removed line.
//!
//! Titles and credit-line outlets are decided in `lib.rs`; this module only scores and
//! marks lines.

use crate::census::LineCensus;
use crate::credit::{credit_of, Credit};
use crate::language::main_script;
use crate::lexicon::Lexicon;
use crate::line::{LineShape, Word};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;
use unicode_script::Script;

/// Removal threshold in the middle of the text: one clear piece of debris evidence (a
/// credit, a full interface string) or two weaker ones that agree (+2 repeated across
/// documents and +1.5 off-topic, say) — never one weak cue alone.
pub(crate) const REMOVE_IN_BODY: f32 = 3.0;
/// Removal threshold at the top and bottom edges and next to a removed line: debris
/// comes in runs there, so one moderate cue (an off-topic heading) is enough.
pub(crate) const REMOVE_AT_EDGE: f32 = 2.0;
/// Prose lines at least this long, with no evidence against them, are solid body: the
/// page edges lie above the first and below the last of them.
pub(crate) const SOLID_BODY_WORDS: usize = 12;
/// Extra score for non-prose lines that sit in the same run as clear debris.
const DEBRIS_RUN: f32 = 2.0;
/// A line is prose (rather than a heading or a menu item) when its share of function
/// words reaches this, in documents that do not end their sentences with a period.
const PROSE_FUNCTION_SHARE: f32 = 0.15;
/// A line this long is prose in any document.
const PROSE_ALWAYS_WORDS: usize = 30;
/// A document "ends its sentences with periods" when this share of its lines of at
/// least [`PUNCTUATION_SAMPLE_WORDS`] words do.
const PUNCTUATED_SHARE: f32 = 0.5;
const PUNCTUATION_SAMPLE_WORDS: usize = 6;
/// Lines repeated across documents: at least this many documents...
const REPEATED_MIN_DOCUMENTS: usize = 3;
/// ...and the evidence is at least 3.5 when the line is in this share of the set.
/// Verbatim copies of a line across many pages is what page furniture does; copies of
/// one dispatch repeat their sentences too, but those are long prose on the document's
/// topic (−2, −1), which keeps them.
const REPEATED_SHARE: f32 = 0.3;
const REPEATED_MAX_WEIGHT: f32 = 4.5;
/// Prose lines of at least this many words never count as repeated debris.
const REPEATED_PROSE_WORDS: usize = 20;

static READER_ADDRESS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("../../../data/fr/boilerplate_reader_address.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
        .collect()
});

/// One piece of evidence about a line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Evidence {
    pub reason: &'static str,
    pub weight: f32,
}

/// A non-blank line of a body, with what is known about it. A sentence hard-wrapped
/// over several input lines (a line without final punctuation followed by one that
/// starts in lowercase) is scored as one line and kept or removed as a whole.
#[derive(Debug, Clone)]
pub(crate) struct ScoredLine<'a> {
    /// The input lines, joined with a space.
    pub text: String,
    /// The input lines (trimmed) this line is made of.
    pub parts: Vec<&'a str>,
    /// A blank line came right before this one in the input.
    pub blank_before: bool,
    pub shape: LineShape,
    pub prose: bool,
    pub credit: Option<Credit>,
    /// Share of the line's content stems found in the other prose lines, when the line
    /// has enough content words and the document enough prose to tell.
    pub relatedness: Option<f32>,
    pub evidence: Vec<Evidence>,
    pub removed: bool,
    pub is_title: bool,
    /// The line before ends with a colon and so introduces this one.
    pub introduced: bool,
}

impl ScoredLine<'_> {
    pub fn score(&self) -> f32 {
        self.evidence.iter().map(|e| e.weight).sum()
    }

    /// The strongest piece of debris evidence, as the reason for a removal.
    pub fn reason(&self) -> &'static str {
        self.evidence
            .iter()
            .filter(|e| e.weight > 0.0)
            .fold(None::<&Evidence>, |best, e| match best {
                Some(b) if b.weight >= e.weight => Some(b),
                _ => Some(e),
            })
            .map_or("boilerplate", |e| e.reason)
    }

    pub fn add(&mut self, reason: &'static str, weight: f32) {
        self.evidence.push(Evidence { reason, weight });
    }

    /// Evidence that holds whatever surrounds the line; the light pass for text
    /// extracted from HTML only uses this.
    fn strong_score(&self) -> f32 {
        self.evidence
            .iter()
            .filter(|e| {
                e.weight >= REMOVE_IN_BODY
                    || (e.weight < 0.0 && matches!(e.reason, "prose" | "introduced"))
            })
            .map(|e| e.weight)
            .sum()
    }
}

/// What the scoring needs to know about the article and the set.
pub(crate) struct ScoringContext<'c> {
    pub lexicon: &'c Lexicon,
    pub census: &'c LineCensus,
    pub outlet: Option<&'c str>,
}

/// The non-blank input lines grouped into wrapped sentences, each with whether a blank
/// line came before it.
fn wrapped_lines(body: &str) -> Vec<(bool, Vec<&str>)> {
    let mut units: Vec<(bool, Vec<&str>)> = Vec::new();
    let mut blank = false;
    for raw in body.lines() {
        let text = raw.trim();
        if text.is_empty() {
            blank = true;
            continue;
        }
        let continues = !blank
            && text.chars().next().is_some_and(char::is_lowercase)
            && units
                .last()
                .and_then(|(_, parts)| parts.last())
                .is_some_and(|prev| {
                    let last = prev.chars().last();
                    !matches!(
                        last,
                        Some('.' | '!' | '?' | '…' | ':' | ';' | '»' | '"' | '”')
                    )
                });
        match units.last_mut() {
            Some((_, parts)) if continues => parts.push(text),
            _ => units.push((blank, vec![text])),
        }
        blank = false;
    }
    units
}

/// Splits `body` into scored lines (blank lines become `blank_before` flags).
pub(crate) fn score_lines<'a>(body: &'a str, cx: &ScoringContext) -> Vec<ScoredLine<'a>> {
    let lexicon = cx.lexicon;
    let mut lines: Vec<ScoredLine<'a>> = Vec::new();
    for (blank_before, parts) in wrapped_lines(body) {
        let text = parts.join(" ");
        lines.push(ScoredLine {
            blank_before,
            shape: LineShape::of(&text, &lexicon.function_words),
            prose: false,
            credit: credit_of(&text, lexicon),
            relatedness: None,
            evidence: Vec::new(),
            removed: false,
            is_title: false,
            introduced: false,
            text,
            parts,
        });
    }

    let punctuated = is_punctuated(&lines);
    for line in &mut lines {
        line.prose = is_prose(&line.shape, punctuated);
    }
    let script = main_script(lines.iter().map(|l| &l.shape));
    let suffixes = caption_suffix_counts(&lines);

    let foreign: Vec<bool> = lines.iter().map(|l| is_foreign(&l.shape, script)).collect();
    for i in 1..lines.len() {
        // A line after a colon is introduced ("Elle écrit :"); so is the rest of a block
        // in another script that an introduced line opens (a post quoted in full).
        lines[i].introduced = lines[i - 1].shape.ends_colon
            || (foreign[i] && foreign[i - 1] && lines[i - 1].introduced);
    }
    let mut dates = vec![false; lines.len()];
    for i in 0..lines.len() {
        let introduced = lines[i].introduced;
        let introduces = lines[i].shape.ends_colon && i + 1 < lines.len();
        // A date line opening a paragraph of prose dates it (a chronology).
        let heads_prose = lines.get(i + 1).is_some_and(|n| n.prose && !n.blank_before)
            && (i == 0 || lines[i].blank_before || lines[i - 1].prose);
        let line = &mut lines[i];
        add_lexical_evidence(line, cx, &suffixes);
        if foreign[i] && !introduced {
            line.add("foreign-script", 3.5);
        }
        add_census_evidence(line, cx.census);
        if line.evidence.iter().any(|e| e.reason == "date-line") {
            dates[i] = true;
            if heads_prose {
                line.add("heads-prose", -1.5);
            }
            continue;
        }
        add_shape_evidence(line, introduced, introduces);
    }

    // Topical distance, measured against the prose that looks like body on its own (a
    // footer of several sentences must not vouch for itself).
    let body: Vec<bool> = lines
        .iter()
        .map(|l| l.prose && l.score() < REMOVE_AT_EDGE)
        .collect();
    let mut vocabulary: HashMap<String, usize> = HashMap::new();
    for line in lines.iter().zip(&body).filter(|(_, b)| **b).map(|(l, _)| l) {
        for stem in &line.shape.stems {
            *vocabulary.entry(stem.clone()).or_default() += 1;
        }
    }
    let body_lines = body.iter().filter(|b| **b).count();
    for (i, line) in lines.iter_mut().enumerate() {
        if dates[i] {
            continue;
        }
        line.relatedness = relatedness(line, body[i], &vocabulary, body_lines);
        add_relatedness_evidence(line);
    }
    lines
}

pub(crate) fn is_punctuated(lines: &[ScoredLine]) -> bool {
    let sample: Vec<&ScoredLine> = lines
        .iter()
        .filter(|l| l.shape.n_words() >= PUNCTUATION_SAMPLE_WORDS)
        .collect();
    if sample.is_empty() {
        return true;
    }
    let ended = sample.iter().filter(|l| l.shape.ends_sentence).count();
    ended as f32 >= PUNCTUATED_SHARE * sample.len() as f32
}

fn is_prose(shape: &LineShape, punctuated: bool) -> bool {
    let n = shape.n_words();
    if n >= PROSE_ALWAYS_WORDS && shape.function_share > 0.0 {
        return true;
    }
    // A short line closed by a question or exclamation mark reads like a headline in a
    // document that otherwise ends its sentences with periods.
    let headline_mark = punctuated && !shape.ends_period && n < SOLID_BODY_WORDS;
    if shape.ends_sentence && n >= 4 && shape.function_share > 0.0 && !headline_mark {
        return true;
    }
    !punctuated && n >= 8 && shape.function_share >= PROSE_FUNCTION_SHARE
}

/// Share of the line's stems that occur in some other body line (`in_body`: the line is
/// itself one of the `body_lines` counted in `vocabulary`).
fn relatedness(
    line: &ScoredLine,
    in_body: bool,
    vocabulary: &HashMap<String, usize>,
    body_lines: usize,
) -> Option<f32> {
    let own = usize::from(in_body);
    if line.shape.stems.len() < 2 || body_lines - own < 2 {
        return None;
    }
    let shared = line
        .shape
        .stems
        .iter()
        .filter(|s| vocabulary.get(*s).copied().unwrap_or(0) > own)
        .count();
    Some(shared as f32 / line.shape.stems.len() as f32)
}

/// How many lines of the document end with each " - Suffix" (captions and page titles
/// carry the site's name that way).
fn caption_suffix_counts(lines: &[ScoredLine]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for line in lines {
        if let Some(suffix) = caption_suffix(&line.text) {
            *counts.entry(suffix.to_lowercase()).or_default() += 1;
        }
    }
    counts
}

fn caption_suffix(text: &str) -> Option<&str> {
    let cut = [" - ", " – ", " — ", " | "]
        .iter()
        .filter_map(|sep| text.rfind(sep).map(|at| at + sep.len()))
        .max()?;
    let suffix = text.get(cut..)?.trim();
    (!suffix.is_empty() && cut > 3).then_some(suffix)
}

/// Covered share of content words by interface phrases (all words when none is a
/// content word).
fn interface_share(words: &[Word], lexicon: &Lexicon) -> f32 {
    if words.is_empty() {
        return 0.0;
    }
    let mut covered = vec![false; words.len()];
    for start in 0..words.len() {
        let Some(candidates) = lexicon.ui_by_first.get(&words[start].lower) else {
            continue;
        };
        for phrase in candidates.iter().map(|&p| &lexicon.ui_phrases[p]) {
            if words[start..]
                .iter()
                .map(|w| &w.lower)
                .take(phrase.len())
                .eq(phrase.iter())
            {
                for c in &mut covered[start..start + phrase.len()] {
                    *c = true;
                }
            }
        }
    }
    let content: Vec<usize> = (0..words.len())
        .filter(|&i| !lexicon.function_words.contains(&words[i].lower))
        .collect();
    let pool: Vec<usize> = if content.is_empty() {
        (0..words.len()).collect()
    } else {
        content
    };
    pool.iter().filter(|&&i| covered[i]).count() as f32 / pool.len() as f32
}

fn starts_with_phrase(words: &[Word], phrases: &[Vec<String>]) -> bool {
    phrases.iter().any(|p| {
        words.len() >= p.len() && words.iter().map(|w| &w.lower).zip(p).all(|(a, b)| a == b)
    })
}

/// A publication record: a stamp word ("publié", "mis à jour") followed by a date
/// (a month name with a number), where at most a third of the words from the stamp on
/// are neither date words nor numbers ("Temps de lecture 3 min"), and at most a
/// byline's worth of words stands before it ("Par Jeanne Martin", "Le Monde avec AFP").
fn is_stamp_line(words: &[Word], lexicon: &Lexicon) -> bool {
    const MAX_BYLINE_WORDS: usize = 10;
    let Some(at) = (0..words.len().min(MAX_BYLINE_WORDS + 1)).find(|&i| {
        lexicon.stamps.iter().any(|p| {
            words
                .get(i..i + p.len())
                .is_some_and(|run| run.iter().zip(p).all(|(w, s)| w.lower == *s))
        })
    }) else {
        return false;
    };
    let after = &words[at..];
    let dated = after.iter().any(|w| lexicon.months.contains(&w.lower))
        && after.iter().any(Word::is_number);
    let others = after
        .iter()
        .filter(|w| {
            !(lexicon.months.contains(&w.lower)
                || lexicon.date_words.contains(&w.lower)
                || w.lower.chars().any(|c| c.is_ascii_digit()))
        })
        .count();
    dated && after.len() <= 32 && others * 3 <= after.len()
}

/// A line made of a date and the words around dates ("Publié le 3 mai 2021 à 10h30"),
/// or, when it is not prose, mostly of them (a byline with its dates).
fn is_date_line(words: &[Word], prose: bool, lexicon: &Lexicon) -> bool {
    if words.is_empty() || words.len() > 24 {
        return false;
    }
    let is_clock = |w: &Word| {
        let mut parts = w.lower.split('h');
        parts
            .next()
            .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_digit()))
            && parts.all(|m| m.chars().all(|c| c.is_ascii_digit()))
    };
    let mut months = 0;
    let mut numbers = 0;
    let mut others = 0;
    for w in words {
        if lexicon.months.contains(&w.lower) {
            months += 1;
        } else if w.is_number() {
            numbers += 1;
        } else if !(lexicon.date_words.contains(&w.lower) || is_clock(w)) {
            others += 1;
        }
    }
    let dated = (months > 0 && numbers > 0) || numbers >= 3;
    let mostly = others == 0 || (!prose && others * 10 <= words.len() * 3);
    dated && mostly && words.len() - others <= 12
}

fn add_lexical_evidence(
    line: &mut ScoredLine,
    cx: &ScoringContext,
    suffixes: &HashMap<String, usize>,
) {
    let lexicon = cx.lexicon;
    let words = &line.shape.words.clone();
    if words.is_empty() {
        line.add("no-words", 4.0);
        return;
    }
    if !words.iter().any(Word::has_letter) {
        // Figures alone ("0", a counter) at the edges; a figure line inside the text
        // ("2010 = 57") stays unless debris surrounds it.
        line.add("number-only", 2.5);
        return;
    }
    if line.credit.is_some() {
        line.add("credit", 4.0);
    }
    if starts_with_phrase(words, &lexicon.link_leads)
        && (!line.prose || line.text.chars().take(40).any(|c| c == ':'))
    {
        line.add("related-link", 4.0);
    }
    if !line.prose {
        if let Some(suffix) = caption_suffix(&line.text) {
            let site = suffix.to_lowercase();
            let is_outlet = cx.outlet.is_some_and(|o| o.to_lowercase() == site);
            if is_outlet || suffixes.get(&site).copied().unwrap_or(0) >= 2 {
                line.add("caption", 4.0);
            }
        }
    }
    if is_stamp_line(words, lexicon) {
        // "Par Jeanne Martin Publié le 3 mai 2021 à 10h30 - Mis à jour le 4 mai 2021":
        // the page's own record, wherever it stands.
        line.add("publication-stamp", 4.0);
    } else if is_date_line(words, line.prose, lexicon) {
        // Enough at the edges and in debris ("- Le 3 mai 2021" under a sidebar headline),
        // not inside the text, where a date line may head the paragraph it dates.
        line.add("date-line", 2.5);
    }
    let n = words.len();
    let ui = interface_share(words, lexicon);
    if ui >= 0.99 && n <= 12 {
        line.add("ui-string", 4.0);
    } else if ui >= 0.5 && n <= 20 {
        line.add("ui-string", 2.5);
    } else if ui >= 0.25 && n <= 20 {
        line.add("ui-string", 1.0);
    }
    let imperative = words.first().is_some_and(|w| {
        let bare = w.lower.strip_suffix("-vous").unwrap_or(&w.lower);
        w.is_capitalised()
            && bare.ends_with("ez")
            && bare.chars().count() >= 5
            && !lexicon.function_words.contains(&w.lower)
    });
    let quoted = line.text.contains(['«', '»', '"', '“', '”']);
    let address_words = words
        .iter()
        .filter(|w| READER_ADDRESS.contains(&w.lower))
        .count();
    if !quoted {
        if imperative || address_words >= 3 {
            line.add("reader-address", 1.5);
        } else if address_words > 0 {
            line.add("reader-address", 1.0);
        }
    }
}

/// At least half of the line's letters (and three or more) are in another script than
/// the document's.
fn is_foreign(shape: &LineShape, script: Script) -> bool {
    let letters = shape.letters();
    letters >= 3 && shape.letters_outside(script) * 2 >= letters
}

fn add_census_evidence(line: &mut ScoredLine, census: &LineCensus) {
    let documents = census.documents();
    if documents < REPEATED_MIN_DOCUMENTS {
        return;
    }
    // Long prose repeated across documents is a republished dispatch, not page debris:
    // however many outlets carry it, it is the story itself.
    if line.prose && line.shape.n_words() >= REPEATED_PROSE_WORDS {
        return;
    }
    // A wrapped line is as repeated as its least repeated part.
    let with = line
        .parts
        .iter()
        .map(|p| census.documents_with(p))
        .min()
        .unwrap_or(0);
    if with < REPEATED_MIN_DOCUMENTS {
        return;
    }
    // Grows with the logarithm of the count: 2 at three documents, 3.5 at six, capped at
    // 4.5 (about ten) so that long on-topic prose (−3) repeated by many copies of one
    // dispatch stays below the edge threshold.
    let mut weight = (2.0 + 1.5 * (with as f32 / REPEATED_MIN_DOCUMENTS as f32).log2())
        .clamp(2.0, REPEATED_MAX_WEIGHT);
    if with as f32 >= REPEATED_SHARE * documents as f32 {
        weight = weight.max(3.5);
    }
    line.add("repeated", weight);
}

fn add_shape_evidence(line: &mut ScoredLine, introduced: bool, introduces: bool) {
    let n = line.shape.n_words();
    if line.prose {
        line.add("prose", if n >= 12 { -2.0 } else { -1.0 });
    } else if line.shape.ends_sentence {
        // A short line closed like a sentence ("Premiers succès.", "Merci à tous !"):
        // neither prose nor a heading, no evidence either way.
    } else if n <= 3 {
        line.add("short", 1.0);
    } else {
        line.add("heading", 0.5);
    }
    if introduced || introduces {
        line.add("introduced", -1.5);
    }
}

fn add_relatedness_evidence(line: &mut ScoredLine) {
    if let Some(r) = line.relatedness {
        if r == 0.0 {
            // Two content words sharing nothing with the body is weaker evidence than
            // three or more.
            line.add(
                "unrelated",
                if line.shape.stems.len() >= 3 {
                    2.0
                } else {
                    1.0
                },
            );
        } else if r < 0.2 {
            line.add("unrelated", 0.75);
        } else if r >= 0.5 {
            line.add("related", -1.0);
        }
    }
}

/// Marks the lines to remove. `title` (an index into `lines`) is left out of every run.
///
/// The page edges are the lines above the first and below the last solid body line
/// (prose of twelve words or more with no evidence against it); there, and next to a
/// removed line, [`REMOVE_AT_EDGE`] applies, elsewhere [`REMOVE_IN_BODY`].
pub(crate) fn mark_removals(lines: &mut [ScoredLine], title: Option<usize>, light: bool) {
    let order: Vec<usize> = (0..lines.len()).filter(|&i| Some(i) != title).collect();
    if light {
        for &i in &order {
            if lines[i].strong_score() >= REMOVE_IN_BODY {
                lines[i].removed = true;
            }
        }
        return;
    }
    let solid =
        |l: &ScoredLine| l.prose && l.shape.n_words() >= SOLID_BODY_WORDS && l.score() < 0.0;
    let first_solid = order.iter().position(|&i| solid(&lines[i]));
    let last_solid = order.iter().rposition(|&i| solid(&lines[i]));
    add_run_evidence(lines, &order);
    loop {
        let mut changed = false;
        for (k, &i) in order.iter().enumerate() {
            if lines[i].removed {
                continue;
            }
            let before = k.checked_sub(1).map(|p| &lines[order[p]]);
            let after = order.get(k + 1).map(|&n| &lines[n]);
            let at_edge = first_solid.is_none_or(|f| k < f) || last_solid.is_none_or(|l| k > l);
            let next_to_removed =
                before.is_some_and(|b| b.removed) || after.is_some_and(|a| a.removed);
            let threshold = if at_edge || next_to_removed {
                REMOVE_AT_EDGE
            } else {
                REMOVE_IN_BODY
            };
            if lines[i].score() >= threshold {
                lines[i].removed = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Non-prose lines that share a run (blank lines do not break it) with a line scoring
/// [`REMOVE_IN_BODY`] or more, or a run of three or more with two lines scoring
/// [`REMOVE_AT_EDGE`] (a list of off-topic headlines), get [`DEBRIS_RUN`].
fn add_run_evidence(lines: &mut [ScoredLine], order: &[usize]) {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for &i in order {
        if lines[i].prose {
            if !current.is_empty() {
                runs.push(std::mem::take(&mut current));
            }
        } else {
            current.push(i);
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    for run in runs.into_iter().filter(|r| r.len() >= 2) {
        let clear = run.iter().any(|&i| lines[i].score() >= REMOVE_IN_BODY);
        let edge_debris = run
            .iter()
            .filter(|&&i| lines[i].score() >= REMOVE_AT_EDGE)
            .count();
        if clear || (run.len() >= 3 && edge_debris >= 2) {
            for &i in &run {
                if lines[i].score() < REMOVE_IN_BODY && !lines[i].introduced {
                    lines[i].add("debris-run", DEBRIS_RUN);
                }
            }
        }
    }
}
