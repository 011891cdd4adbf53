//! What cross-document linking needs to know about each document and sentence, read
//! once from the [`Report`]'s documents: content-word stems, speakers, calendar days.
//!
//! Computed in parallel, one document at a time; it reads the per-document annotations
//! (quotes, figures, dates) and never changes them.

use crate::candidates::feature_set;
use crate::words::{
    content_stem_hashes, fold, folded_words, is_stopword, stable_hash, stable_hash_words,
};
use chrono::NaiveDate;
use rayon::prelude::*;
use recoupe_model::{Document, Report, StoryEntity};
use std::collections::HashMap;

/// One sentence, ready for comparison.
#[derive(Debug, Clone, Default)]
pub struct SentenceProfile {
    /// Index of the document in `report.documents`.
    pub doc: usize,
    /// Index of the sentence in its document.
    pub sentence: usize,
    /// Stems of its content words, as hashes, sorted and deduplicated.
    pub stems: Vec<u64>,
    /// Stems of the content words of its quotes, when it has quotes.
    pub quote_stems: Vec<u64>,
    /// Hash of its folded words: equal for sentences that are the same text.
    pub text_key: u64,
    /// Number of words (all words, not only content words).
    pub words: usize,
    /// Who speaks in it (quote speakers, figure claimants) when that is a proper name
    /// (see [`is_proper_name`]), folded with [`fold`].
    pub speakers: Vec<String>,
    /// Calendar days the sentence mentions (dates resolved to a full day).
    pub days: Vec<NaiveDate>,
    /// True when it reports what someone said (it carries a quote).
    pub is_statement: bool,
}

/// One document, ready for comparison.
#[derive(Debug, Clone, Default)]
pub struct DocumentProfile {
    /// Publication day, when known.
    pub published: Option<NaiveDate>,
    /// Index of the first sentence of this document in the flat sentence list.
    pub first_sentence: usize,
    /// The outlet, folded with [`fold`], when known.
    pub outlet: Option<String>,
}

/// Every sentence of every document, flat, plus per-document facts.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub sentences: Vec<SentenceProfile>,
    pub documents: Vec<DocumentProfile>,
}

impl Corpus {
    pub fn build(report: &Report) -> Corpus {
        // A document identical to an earlier one in everything profiled (a republished
        // copy) takes that one's profile instead of being profiled again.
        let docs = &report.documents;
        let mut by_text: HashMap<u64, Vec<usize>> = HashMap::new();
        let mut first_of: Vec<usize> = Vec::with_capacity(docs.len());
        for (i, d) in docs.iter().enumerate() {
            let same = by_text.entry(stable_hash(&d.text)).or_default();
            let first = same
                .iter()
                .copied()
                .find(|&j| same_profile(&docs[j], d))
                .unwrap_or(i);
            if first == i {
                same.push(i);
            }
            first_of.push(first);
        }
        let firsts: Vec<usize> = (0..docs.len()).filter(|&i| first_of[i] == i).collect();
        let mut profiled: HashMap<usize, (DocumentProfile, Vec<SentenceProfile>)> = firsts
            .par_iter()
            .map(|&i| (i, profile_document(i, &docs[i])))
            .collect();
        let mut uses: HashMap<usize, usize> = HashMap::new();
        for &f in &first_of {
            *uses.entry(f).or_default() += 1;
        }
        let mut corpus = Corpus::default();
        for (i, &first) in first_of.iter().enumerate() {
            let left = uses.entry(first).or_default();
            *left = left.saturating_sub(1);
            let (mut dp, mut sentences) = if *left == 0 {
                profiled.remove(&first).unwrap_or_default()
            } else {
                profiled.get(&first).cloned().unwrap_or_default()
            };
            for sp in &mut sentences {
                sp.doc = i;
            }
            dp.first_sentence = corpus.sentences.len();
            corpus.sentences.extend(sentences);
            corpus.documents.push(dp);
        }
        corpus
    }

    /// The sentences of document `doc`.
    pub fn sentences_of(&self, doc: usize) -> &[SentenceProfile] {
        let start = self.documents.get(doc).map_or(0, |d| d.first_sentence);
        let end = self
            .documents
            .get(doc + 1)
            .map_or(self.sentences.len(), |d| d.first_sentence);
        self.sentences.get(start..end).unwrap_or(&[])
    }
}

/// Whether two documents have the same profile: the same words, sentences, quotes,
/// figures, dates, publication day and outlet.
fn same_profile(a: &Document, b: &Document) -> bool {
    a.text == b.text
        && a.published == b.published
        && a.outlet == b.outlet
        && a.sentences == b.sentences
        && a.quotes == b.quotes
        && a.figures == b.figures
        && a.dates == b.dates
}

fn profile_document(index: usize, d: &Document) -> (DocumentProfile, Vec<SentenceProfile>) {
    let published = d.published.as_deref().and_then(parse_day);
    let mut sentences: Vec<SentenceProfile> = d
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let folded = folded_words(&s.text);
            SentenceProfile {
                doc: index,
                sentence: i,
                stems: feature_set(content_stem_hashes(&s.text)),
                text_key: stable_hash_words(folded.iter().map(String::as_str)),
                words: folded.len(),
                ..Default::default()
            }
        })
        .collect();
    for q in &d.quotes {
        if let Some(sp) = sentences.get_mut(q.sentence) {
            sp.is_statement = true;
            sp.quote_stems.extend(content_stem_hashes(&q.text));
            if let Some(speaker) = &q.speaker {
                let name = speaker
                    .name
                    .clone()
                    .unwrap_or_else(|| speaker.mention.clone());
                if is_proper_name(&name) {
                    sp.speakers.push(fold(name.trim()));
                }
            }
        }
    }
    for f in &d.figures {
        if let (Some(sp), Some(c)) = (sentences.get_mut(f.sentence), &f.claimed_by) {
            if is_proper_name(&c.name) {
                sp.speakers.push(fold(c.name.trim()));
            }
        }
    }
    for dm in &d.dates {
        if let (Some(sp), Some(day)) = (
            sentences.get_mut(dm.sentence),
            dm.value.as_deref().and_then(parse_day),
        ) {
            sp.days.push(day);
        }
    }
    for sp in &mut sentences {
        sp.quote_stems = feature_set(std::mem::take(&mut sp.quote_stems));
        sp.speakers.sort();
        sp.speakers.dedup();
        sp.days.sort();
        sp.days.dedup();
    }
    let outlet = d
        .outlet
        .as_deref()
        .map(|o| fold(o.trim()))
        .filter(|o| !o.is_empty());
    (
        DocumentProfile {
            published,
            first_sentence: 0,
            outlet,
        },
        sentences,
    )
}

/// The calendar day of a TimeML value or ISO timestamp that names a full day
/// (`2022-08-03`, `2022-08-03TEV`, `2021-11-16T17:30`, `2022-08-04T10:00:00Z`); `None`
/// for months, years, weeks and unresolved values.
pub fn parse_day(value: &str) -> Option<NaiveDate> {
    let head = value.get(..10)?;
    let rest = &value[10..];
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// Decides whether two speaker names can denote the same speaker.
#[derive(Debug, Default)]
pub struct SpeakerMatcher {
    /// Folded alias → story entity index, from the story-level entities when present.
    alias_entity: HashMap<String, usize>,
}

impl SpeakerMatcher {
    pub fn new(entities: &[StoryEntity]) -> Self {
        let mut alias_entity = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            for a in e.aliases.iter().chain(std::iter::once(&e.name)) {
                alias_entity.insert(fold(a), i);
            }
        }
        SpeakerMatcher { alias_entity }
    }

    /// True when `a` and `b` are both names of someone definite (proper names, not
    /// roles or pronouns) that cannot be the same speaker.
    pub fn conflict(&self, a: &str, b: &str) -> bool {
        if !is_proper_name(a) || !is_proper_name(b) {
            return false;
        }
        !self.same(a, b)
    }

    /// True when `a` and `b` can denote the same speaker: a shared story entity, or a
    /// shared name word ("Poutine" / "Vladimir Poutine").
    pub fn same(&self, a: &str, b: &str) -> bool {
        self.same_folded(&fold(a), &fold(b))
    }

    /// [`SpeakerMatcher::same`] for names already folded with [`fold`].
    pub fn same_folded(&self, fa: &str, fb: &str) -> bool {
        if fa == fb {
            return true;
        }
        if let (Some(x), Some(y)) = (self.alias_entity.get(fa), self.alias_entity.get(fb)) {
            return x == y;
        }
        name_words(fa).any(|w| name_words(fb).any(|v| v == w))
    }
}

/// The words of a folded name that can identify someone (not function words, not
/// initials).
fn name_words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1 && !is_stopword(w))
}

/// A proper name: after leading determiners, it starts with a capital letter
/// ("Peter Stano", "le Kremlin"), unlike a role ("un porte-parole de l'UE") or a pronoun.
pub fn is_proper_name(name: &str) -> bool {
    let trimmed = name.trim();
    let mut rest = trimmed;
    loop {
        let lowered = rest.to_lowercase();
        let cut = [
            "le ", "la ", "les ", "l'", "l’", "un ", "une ", "des ", "du ", "m. ", "mme ",
        ]
        .iter()
        .find(|p| lowered.starts_with(*p))
        .map(|p| p.len());
        match cut {
            Some(n) if rest.is_char_boundary(n) => rest = rest[n..].trim_start(),
            _ => break,
        }
    }
    let first_word = rest.split_whitespace().next().unwrap_or("");
    let folded = fold(rest);
    first_word.chars().next().is_some_and(char::is_uppercase)
        && !crate::words::is_stopword(&fold(first_word))
        && !role_heads().iter().any(|h| {
            folded
                .strip_prefix(h.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
}

/// Role nouns ("premier ministre", "porte-parole") and organisation heads
/// ("ministère"), folded: a name starting with one is a description, not a proper name.
/// Read from the attribution lexicons (first column).
fn role_heads() -> &'static [String] {
    static HEADS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    HEADS.get_or_init(|| {
        let roles = include_str!("../../../data/fr/roles.tsv");
        let heads = include_str!("../../../data/fr/organisation_heads.tsv");
        crate::words::data_lines(roles)
            .chain(crate::words::data_lines(heads))
            .filter_map(|l| l.split('\t').next())
            .map(|w| fold(w.trim()))
            .filter(|w| !w.is_empty())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_from_timeml_values() {
        let d = NaiveDate::from_ymd_opt(2022, 8, 3);
        assert_eq!(parse_day("2022-08-03"), d);
        assert_eq!(parse_day("2022-08-03TEV"), d);
        assert_eq!(parse_day("2022-08-03T17:30"), d);
        assert_eq!(parse_day("2022-08"), None);
        assert_eq!(parse_day("2022-W31"), None);
        assert_eq!(parse_day("2022-08-03x"), None);
        assert_eq!(parse_day("PRESENT_REF"), None);
        assert_eq!(parse_day("é2022-08-03"), None);
    }

    #[test]
    fn proper_names_and_roles() {
        assert!(is_proper_name("Peter Stano"));
        assert!(is_proper_name("M. Lavrov"));
        assert!(!is_proper_name("un porte-parole de l'UE"));
        assert!(!is_proper_name("il"));
        assert!(!is_proper_name("Il"));
        assert!(!is_proper_name(""));
        assert!(!is_proper_name("Le Premier ministre arménien"));
        assert!(!is_proper_name("le ministère azerbaïdjanais de la Défense"));
    }

    #[test]
    fn speakers_conflict_only_between_distinct_proper_names() {
        let m = SpeakerMatcher::default();
        assert!(m.conflict("Vladimir Poutine", "Dmitri Peskov"));
        assert!(!m.conflict("Vladimir Poutine", "Poutine"));
        assert!(!m.conflict("Peter Stano", "un porte-parole de l'UE"));
    }
}
