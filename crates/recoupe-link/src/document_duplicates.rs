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
use crate::words::{folded_words, is_stopword, stable_hash, stable_hash_words};
use rayon::prelude::*;
use recoupe_model::{Document, DocumentDuplicate, Report};
use std::collections::HashMap;

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
            .map(|w| stable_hash_words(w.iter().map(String::as_str)))
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
///
/// Documents that are the same in every respect a test reads (the same shingles; for
/// titles, the same title words, day and body vector) are tested once: one of them
/// stands for all in the LSH index, so a dispatch published a hundred times costs one
/// query, not a hundred queries of a hundred answers each. The groups are the same as
/// when every pair is tested.
pub fn find_groups(report: &Report, corpus: &Corpus, vectors: &[SparseVector]) -> Vec<Vec<usize>> {
    let sets: Vec<Vec<u64>> = report.documents.par_iter().map(shingles).collect();
    let mut groups = CopyGroups::new(sets.len());

    let same_shingles = classes(sets.iter().map(|s| s.as_slice()));
    let rep_sets: Vec<&[u64]> = same_shingles
        .iter()
        .map(|c| sets[c[0]].as_slice())
        .collect();
    for c in &same_shingles {
        if are_copies(&sets[c[0]], &sets[c[0]]) {
            groups.join_all(c);
        }
    }
    for (a, b) in CandidateFinder::for_threshold(0.3).pairs(&rep_sets) {
        if are_copies(rep_sets[a], rep_sets[b]) {
            groups.join_classes(&same_shingles[a], &same_shingles[b]);
        }
    }

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
    let versions = |a: usize, b: usize| {
        let close = match (published(a), published(b)) {
            (Some(x), Some(y)) => (x - y).num_days().abs() <= VERSION_DAYS,
            _ => false,
        };
        close
            && jaccard(&titles[a], &titles[b]) >= VERSION_TITLE_JACCARD
            && vectors
                .get(a)
                .zip(vectors.get(b))
                .is_some_and(|(x, y)| cosine(x, y) >= VERSION_BODY_COSINE)
    };
    let same_version = classes((0..titles.len()).map(|i| {
        let vector: Vec<(u64, u64)> = vectors
            .get(i)
            .map(|v| v.iter().map(|(t, w)| (*t, w.to_bits())).collect())
            .unwrap_or_default();
        (titles[i].as_slice(), published(i), vector)
    }));
    let rep_titles: Vec<&[u64]> = same_version
        .iter()
        .map(|c| titles[c[0]].as_slice())
        .collect();
    for c in &same_version {
        // An LSH query finds a non-empty title's own copies.
        if !titles[c[0]].is_empty() && versions(c[0], c[0]) {
            groups.join_all(c);
        }
    }
    for (a, b) in CandidateFinder::for_threshold(VERSION_TITLE_JACCARD).pairs(&rep_titles) {
        if versions(same_version[a][0], same_version[b][0]) {
            groups.join_classes(&same_version[a], &same_version[b]);
        }
    }
    groups.into_groups()
}

/// Indexes of equal keys, as classes in order of first index; each class sorted.
fn classes<K: std::hash::Hash + Eq>(keys: impl Iterator<Item = K>) -> Vec<Vec<usize>> {
    let mut class_of: HashMap<K, usize> = HashMap::new();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, k) in keys.enumerate() {
        let c = *class_of.entry(k).or_insert_with(|| {
            out.push(Vec::new());
            out.len() - 1
        });
        out[c].push(i);
    }
    out
}

/// Union-find over documents; a group's root is its smallest index.
struct CopyGroups(Vec<usize>);

impl CopyGroups {
    fn new(n: usize) -> Self {
        CopyGroups((0..n).collect())
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }

    /// Every member of `class` is a copy of every other.
    fn join_all(&mut self, class: &[usize]) {
        for &m in class.iter().skip(1) {
            self.union(class[0], m);
        }
    }

    /// Every member of `a` is a copy of every member of `b` (each class already joined
    /// within itself when its members are copies of one another).
    fn join_classes(&mut self, a: &[usize], b: &[usize]) {
        let (Some(&ra), Some(&rb)) = (a.first(), b.first()) else {
            return;
        };
        let joined = |g: &mut Self, c: &[usize]| c.iter().all(|&m| g.find(m) == g.find(c[0]));
        if !joined(self, a) || !joined(self, b) {
            for &m in a.iter().chain(b) {
                self.union(ra, m);
            }
        }
        self.union(ra, rb);
    }

    fn into_groups(mut self) -> Vec<Vec<usize>> {
        let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for i in 0..self.0.len() {
            let r = self.find(i);
            groups.entry(r).or_default().push(i);
        }
        groups.into_values().filter(|g| g.len() >= 2).collect()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use recoupe_model::Sentence;

    fn doc(id: &str, text: &str) -> Document {
        Document {
            id: id.to_string(),
            text: text.to_string(),
            sentences: vec![Sentence {
                index: 0,
                text: text.to_string(),
                start: 0,
                end: text.len(),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn republished_texts_group_with_their_cut_versions() {
        let long = "Le conseil municipal de Pontrieux a voté lundi soir la rénovation complète \
                    du vieux lavoir, fermé depuis deux hivers, pour un montant de trois cent \
                    mille euros répartis sur quatre années de travaux.";
        let cut = "Le conseil municipal de Pontrieux a voté lundi soir la rénovation complète \
                   du vieux lavoir, fermé depuis deux hivers.";
        let other = "Une tempête a arraché la toiture du gymnase de Saint-Clet dans la nuit de \
                     mardi, sans faire de blessés, selon les pompiers du département.";
        let report = Report {
            documents: vec![
                doc("a1", long),
                doc("c1", other),
                doc("e1", ""),
                doc("a2", long),
                doc("b", cut),
                doc("c2", other),
                doc("e2", ""),
                doc("a3", long),
            ],
            ..Default::default()
        };
        let corpus = Corpus::build(&report);
        let vectors = crate::stories::tfidf_vectors(&corpus, report.documents.len());
        let groups = find_groups(&report, &corpus, &vectors);
        assert_eq!(groups, vec![vec![0, 3, 4, 7], vec![1, 5]]);
    }
}
