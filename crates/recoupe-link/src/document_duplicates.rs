//! Document duplicates: articles that are copies of one another (the same dispatch
//! republished, with or without small edits, a different headline or a cut ending).
//!
//! How: each document becomes the set of its word 5-grams (folded words); MinHash/LSH
//! proposes pairs, and a pair is a copy when the exact overlap of the 5-gram sets is
//! high, measured both ways (Jaccard for two versions of the same length, containment
//! of the shorter in the longer for a cut or extended version). A live dispatch
//! rewritten through the day is caught by its title instead: near-identical titles
//! (MinHash/LSH on title words), published within [`VERSION_DAYS`] of each other, with
//! bodies that still share vocabulary (TF-IDF cosine), are versions of one article.
//! Copies and versions are grouped transitively.
//!
//! It does not group articles that merely report the same event in their own words:
//! that is [`crate::stories`].

use crate::candidates::{feature_set, intersection_size, jaccard, CandidateFinder};
use crate::profile::Corpus;
use crate::stories::{cosine, SparseVector};
use crate::words::{folded_words, is_stopword, stable_hash};
use rayon::prelude::*;
use recoupe_model::{Document, DocumentDuplicate, Report};

/// Words per shingle.
const SHINGLE: usize = 5;
/// Shingle-set Jaccard at or above which two documents are copies.
const COPY_JACCARD: f64 = 0.5;
/// Share of the shorter document's shingles found in the longer one at or above which
/// the shorter is a cut copy of the longer.
const COPY_CONTAINMENT: f64 = 0.8;
/// Documents with fewer shingles than this are too short to call copies.
const MIN_SHINGLES: usize = 8;
/// Title-word Jaccard at or above which two titles name the same article.
const VERSION_TITLE_JACCARD: f64 = 0.7;
/// Titles with fewer content words than this are too generic to identify an article.
const MIN_TITLE_WORDS: usize = 4;
/// Body TF-IDF cosine at or above which two same-titled documents are versions.
const VERSION_BODY_COSINE: f64 = 0.3;
/// Versions of one article are published within this many days of each other.
pub const VERSION_DAYS: i64 = 1;

/// The shingle set of a document (title left out: republishers often change it).
pub fn shingles(d: &Document) -> Vec<u64> {
    let words = folded_words(&d.text);
    if words.len() < SHINGLE {
        return feature_set(if words.is_empty() {
            Vec::new()
        } else {
            vec![stable_hash(&words.join(" "))]
        });
    }
    feature_set(
        words
            .windows(SHINGLE)
            .map(|w| stable_hash(&w.join(" ")))
            .collect(),
    )
}

/// True when two shingle sets are copies of one another.
pub fn are_copies(a: &[u64], b: &[u64]) -> bool {
    if a.len() < MIN_SHINGLES || b.len() < MIN_SHINGLES {
        return !a.is_empty() && a == b;
    }
    let inter = intersection_size(a, b) as f64;
    let union = (a.len() + b.len()) as f64 - inter;
    let jaccard = inter / union;
    let containment = inter / a.len().min(b.len()) as f64;
    jaccard >= COPY_JACCARD || containment >= COPY_CONTAINMENT
}

/// The content words of a document's title, folded and hashed; empty without a title.
pub fn title_words(d: &Document) -> Vec<u64> {
    let words = d.title.as_deref().map(folded_words).unwrap_or_default();
    feature_set(
        words
            .iter()
            .filter(|w| !is_stopword(w))
            .map(|w| stable_hash(w))
            .collect(),
    )
}

/// Groups of copies, as document indexes; each sorted, groups sorted.
pub fn find_groups(report: &Report, corpus: &Corpus, vectors: &[SparseVector]) -> Vec<Vec<usize>> {
    let sets: Vec<Vec<u64>> = report.documents.par_iter().map(shingles).collect();
    let mut pairs: Vec<(usize, usize)> = CandidateFinder::for_threshold(0.3)
        .pairs(&sets)
        .into_iter()
        .filter(|&(a, b)| are_copies(&sets[a], &sets[b]))
        .collect();
    let titles: Vec<Vec<u64>> = report
        .documents
        .par_iter()
        .map(title_words)
        .map(|t| {
            if t.len() >= MIN_TITLE_WORDS {
                t
            } else {
                Vec::new()
            }
        })
        .collect();
    let published = |i: usize| corpus.documents.get(i).and_then(|d| d.published);
    for (a, b) in CandidateFinder::for_threshold(VERSION_TITLE_JACCARD).pairs(&titles) {
        let close = match (published(a), published(b)) {
            (Some(x), Some(y)) => (x - y).num_days().abs() <= VERSION_DAYS,
            _ => false,
        };
        if close
            && jaccard(&titles[a], &titles[b]) >= VERSION_TITLE_JACCARD
            && vectors
                .get(a)
                .zip(vectors.get(b))
                .is_some_and(|(x, y)| cosine(x, y) >= VERSION_BODY_COSINE)
        {
            pairs.push((a, b));
        }
    }
    let mut parent: Vec<usize> = (0..sets.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (a, b) in pairs {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..sets.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups.into_values().filter(|g| g.len() >= 2).collect()
}

/// Fill `report.document_duplicates` from the groups.
pub fn write_groups(report: &mut Report, groups: &[Vec<usize>]) {
    report.document_duplicates = groups
        .iter()
        .map(|g| DocumentDuplicate {
            documents: g
                .iter()
                .filter_map(|&i| report.documents.get(i).map(|d| d.id.clone()))
                .collect(),
        })
        .collect();
}
