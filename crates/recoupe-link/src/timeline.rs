//! Timeline: dated entries, each the most representative sentence for a day, with the
//! documents and outlets that carry it.
//!
//! The method of the timeline-summarization literature (date-wise, as in news-tls):
//! 1. dates: every day mentioned in a sentence (a date the dates stage resolved to a
//!    full day) and every publication day; a day's importance is the number of
//!    documents that mention it or came out that day (further sentences mentioning it
//!    break ties). The `N` most important days are kept
//!    (`--timeline-dates`), then shown in calendar order.
//! 2. sentences: the candidates for a day are the sentences that mention it; when none
//!    do, the first sentences of the articles published that day. Each candidate is
//!    scored by its TF-IDF cosine with the centroid of the day's candidates (the
//!    sentence most in agreement with what all sources say of that day); questions
//!    are commentary, not events, and are left out. The best `K` are kept
//!    (`--timeline-sentences`), skipping near repeats of one already kept.
//!
//! Cost: linear in date mentions plus the candidates of the chosen days. It does not
//! summarize or rewrite sentences, and leaves out months, years and unresolved dates.

use crate::candidates::intersection_size;
use crate::profile::Corpus;
use crate::stories::{cosine, SparseVector};
use chrono::NaiveDate;
use recoupe_model::{Report, TimelineEntry};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Weight of one document published on a day, relative to one document mentioning it:
/// each document votes for the days it mentions and for the day it came out.
const PUBLISHED_WEIGHT: f64 = 1.0;
/// Weight of each sentence mentioning a day beyond the first one per document (a tie
/// breaker).
const EXTRA_MENTION_WEIGHT: f64 = 0.01;
/// Lead sentences of an article that stand for its publication day when no sentence
/// mentions that day.
const LEAD_SENTENCES: usize = 3;
/// Candidate sentences shorter or longer than this (in words) are not timeline material.
const MIN_WORDS: usize = 8;
const MAX_WORDS: usize = 70;
/// Dice overlap of content stems above which a second sentence for the same day
/// repeats the first.
const REPEAT_DICE: f64 = 0.5;

/// Inverse document frequency of each stem, for weighting sentence vectors.
pub type Idf = HashMap<u64, f64>;

/// The IDF table of the corpus (document frequency of each content stem).
pub fn idf_table(corpus: &Corpus) -> Idf {
    let mut df: HashMap<u64, usize> = HashMap::new();
    let mut last_doc = usize::MAX;
    let mut seen: HashSet<u64> = HashSet::new();
    for s in &corpus.sentences {
        if s.doc != last_doc {
            seen.clear();
            last_doc = s.doc;
        }
        for &t in &s.stems {
            if seen.insert(t) {
                *df.entry(t).or_insert(0) += 1;
            }
        }
    }
    let n = corpus.documents.len() as f64;
    df.into_iter()
        .map(|(t, c)| (t, crate::stories::idf(n, c)))
        .collect()
}

fn sentence_vector(stems: &[u64], idf: &Idf) -> SparseVector {
    let mut v: SparseVector = stems
        .iter()
        .map(|t| (*t, idf.get(t).copied().unwrap_or(0.0)))
        .filter(|(_, w)| *w > 0.0)
        .collect();
    let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut v {
            *w /= norm;
        }
    }
    v
}

/// Build the timeline. `group_of` maps a flat sentence index to the members of its
/// duplicate group (so an entry lists every document that carries the sentence).
/// What the timeline leaves out.
pub struct Scope<'a> {
    /// Documents set aside (off the pile's topic): none of their days or sentences.
    pub excluded: &'a [bool],
    /// Days before this are background ("en 1945", "depuis 1991"), not events.
    pub background_before: Option<NaiveDate>,
}

pub fn build(
    report: &Report,
    corpus: &Corpus,
    scope: &Scope,
    idf: &Idf,
    group_of: &HashMap<usize, &[usize]>,
    max_dates: Option<usize>,
    max_sentences: Option<usize>,
) -> Vec<TimelineEntry> {
    let per_date = max_sentences.unwrap_or(1);
    if per_date == 0 || max_dates == Some(0) {
        return Vec::new();
    }

    // 1. Mentions and publications per day.
    let mut mentions: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    let excluded = |doc: usize| scope.excluded.get(doc).copied().unwrap_or(false);
    let background = |day: &NaiveDate| scope.background_before.is_some_and(|b| *day < b);
    for (flat, s) in corpus.sentences.iter().enumerate() {
        if excluded(s.doc) {
            continue;
        }
        for d in s.days.iter().filter(|d| !background(d)) {
            mentions.entry(*d).or_default().push(flat);
        }
    }
    let mut published: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (i, d) in corpus.documents.iter().enumerate() {
        if excluded(i) {
            continue;
        }
        if let Some(p) = d.published {
            published.entry(p).or_default().push(i);
        }
    }
    let days: HashSet<NaiveDate> = mentions.keys().chain(published.keys()).copied().collect();
    let mut ranked: Vec<(f64, NaiveDate)> = days
        .into_iter()
        .map(|day| {
            let sentences = mentions.get(&day).map_or(&[][..], Vec::as_slice);
            let docs: HashSet<usize> = sentences.iter().map(|&f| corpus.sentences[f].doc).collect();
            let pubs = published.get(&day).map_or(0, Vec::len);
            let extra = sentences.len().saturating_sub(docs.len());
            let score = docs.len() as f64
                + PUBLISHED_WEIGHT * pubs as f64
                + EXTRA_MENTION_WEIGHT * extra as f64;
            (score, day)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    if let Some(n) = max_dates {
        ranked.truncate(n);
    }
    let mut chosen: Vec<NaiveDate> = ranked.into_iter().map(|(_, d)| d).collect();
    chosen.sort();

    // 2. Sentences per day.
    let usable = |f: usize| {
        let s = &corpus.sentences[f];
        (MIN_WORDS..=MAX_WORDS).contains(&s.words)
            && !s.stems.is_empty()
            && !sentence_text(report, corpus, f).is_some_and(is_question)
    };
    let mut entries = Vec::new();
    for day in chosen {
        let mut candidates: Vec<usize> = mentions
            .get(&day)
            .map(|v| v.iter().copied().filter(|&f| usable(f)).collect())
            .unwrap_or_default();
        if candidates.is_empty() {
            for &doc in published.get(&day).map_or(&[][..], Vec::as_slice) {
                let first = corpus.documents[doc].first_sentence;
                let leads = corpus.sentences_of(doc).len().min(LEAD_SENTENCES);
                candidates.extend((first..first + leads).filter(|&f| usable(f)));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        if candidates.is_empty() {
            continue;
        }
        let vectors: Vec<SparseVector> = candidates
            .iter()
            .map(|&f| sentence_vector(&corpus.sentences[f].stems, idf))
            .collect();
        let centroid = centroid(&vectors);
        let mut scored: Vec<(f64, usize)> = candidates
            .iter()
            .zip(&vectors)
            .map(|(&f, v)| (cosine(v, &centroid), f))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut kept: Vec<usize> = Vec::new();
        for (_, f) in scored {
            if kept.len() >= per_date {
                break;
            }
            let repeats = kept.iter().any(|&k| {
                let (a, b) = (&corpus.sentences[k].stems, &corpus.sentences[f].stems);
                2.0 * intersection_size(a, b) as f64 / (a.len() + b.len()).max(1) as f64
                    > REPEAT_DICE
            });
            if !repeats {
                kept.push(f);
            }
        }
        for f in kept {
            if let Some(e) = entry(report, corpus, day, f, group_of) {
                entries.push(e);
            }
        }
    }
    entries
}

fn sentence_text<'r>(report: &'r Report, corpus: &Corpus, flat: usize) -> Option<&'r str> {
    let s = corpus.sentences.get(flat)?;
    let doc = report.documents.get(s.doc)?;
    Some(doc.sentences.get(s.sentence)?.text.as_str())
}

/// A sentence that asks rather than reports ("comment osez-vous dire … ?").
fn is_question(text: &str) -> bool {
    text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '»' | '"' | '”' | ')'))
        .ends_with('?')
}

fn centroid(vectors: &[SparseVector]) -> SparseVector {
    let mut sum: BTreeMap<u64, f64> = BTreeMap::new();
    for v in vectors {
        for (t, w) in v {
            *sum.entry(*t).or_insert(0.0) += w;
        }
    }
    let norm = sum.values().map(|w| w * w).sum::<f64>().sqrt();
    sum.into_iter()
        .map(|(t, w)| (t, if norm > 0.0 { w / norm } else { 0.0 }))
        .collect()
}

fn entry(
    report: &Report,
    corpus: &Corpus,
    day: NaiveDate,
    flat: usize,
    group_of: &HashMap<usize, &[usize]>,
) -> Option<TimelineEntry> {
    let s = &corpus.sentences[flat];
    let doc = report.documents.get(s.doc)?;
    let text = doc.sentences.get(s.sentence)?.text.trim().to_string();
    let mut docs: Vec<usize> = vec![s.doc];
    if let Some(members) = group_of.get(&flat) {
        docs.extend(members.iter().map(|&m| corpus.sentences[m].doc));
    }
    let mut seen = HashSet::new();
    docs.retain(|d| seen.insert(*d));
    let documents: Vec<String> = docs
        .iter()
        .filter_map(|&d| report.documents.get(d).map(|x| x.id.clone()))
        .collect();
    let mut sources: Vec<String> = Vec::new();
    for &d in &docs {
        if let Some(o) = report.documents.get(d).and_then(|x| x.outlet.clone()) {
            if !sources.contains(&o) {
                sources.push(o);
            }
        }
    }
    Some(TimelineEntry {
        date: day.format("%Y-%m-%d").to_string(),
        text,
        documents,
        sources,
    })
}

#[cfg(test)]
mod question_tests {
    use super::is_question;

    #[test]
    fn questions_are_told_from_statements() {
        assert!(is_question("Qui a donné l'ordre de tirer ?"));
        assert!(is_question("« Pourquoi maintenant ? »"));
        assert!(!is_question("Le maire a démissionné mardi."));
        assert!(!is_question(
            "« Pourquoi maintenant ? », a demandé le maire."
        ));
    }
}
