//! Candidate pairs for near-duplicate detection: MinHash signatures and LSH banding
//! (gaoya), so that finding similar items costs about linear time instead of comparing
//! every pair.
//!
//! It only proposes pairs whose estimated Jaccard similarity reaches a floor; deciding
//! whether a pair really is a duplicate is the caller's job (exact overlap, speakers,
//! dates). Items with no features are never proposed.

use gaoya::minhash::{MinHashIndex, MinHasher, MinHasher32};
use rayon::prelude::*;
use std::collections::HashMap;

/// Proposes pairs of items whose feature sets probably overlap.
#[derive(Debug, Clone, Copy)]
pub struct CandidateFinder {
    /// Number of LSH bands (`b`).
    pub bands: usize,
    /// Rows per band (`r`); `bands * rows` MinHash functions in all.
    pub rows: usize,
    /// Pairs whose MinHash similarity estimate is below this are dropped.
    pub min_similarity: f64,
}

impl CandidateFinder {
    /// A finder tuned to catch pairs whose Jaccard similarity is about `threshold` or
    /// more with high probability (`1 - (1 - s^r)^b` ≥ 0.99 at `s = threshold`).
    pub fn for_threshold(threshold: f64) -> Self {
        let (bands, rows) = gaoya::minhash::calculate_minhash_params(threshold, 128);
        CandidateFinder {
            bands,
            rows,
            min_similarity: (threshold * 0.6).max(0.0),
        }
    }

    /// All pairs `(i, j)`, `i < j`, of items that share an LSH band and pass the
    /// similarity floor; sorted, without repeats.
    pub fn pairs<S: AsRef<[u64]> + Sync>(&self, items: &[S]) -> Vec<(usize, usize)> {
        let bands = self.bands.max(1);
        let rows = self.rows.max(1);
        let hasher = MinHasher32::new(bands * rows);
        // Items with the same features (a sentence republished word for word) share one
        // signature and one query.
        let mut distinct: HashMap<&[u64], usize> = HashMap::new();
        let mut sets: Vec<&[u64]> = Vec::new();
        let set_of: Vec<Option<usize>> = items
            .iter()
            .map(|f| {
                let f = f.as_ref();
                (!f.is_empty()).then(|| {
                    *distinct.entry(f).or_insert_with(|| {
                        sets.push(f);
                        sets.len() - 1
                    })
                })
            })
            .collect();
        let signatures: Vec<Vec<u32>> = sets
            .par_iter()
            .map(|f| hasher.create_signature(f.iter()))
            .collect();
        let mut index: MinHashIndex<u32, usize> =
            MinHashIndex::new(bands, rows, self.min_similarity);
        let (ids, sigs): (Vec<usize>, Vec<Vec<u32>>) = set_of
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.map(|s| (i, signatures[s].clone())))
            .unzip();
        index.par_bulk_insert(ids, sigs);
        let found: Vec<Vec<usize>> = signatures
            .par_iter()
            .map(|s| index.query(s).into_iter().copied().collect())
            .collect();
        let mut pairs: Vec<(usize, usize)> = set_of
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                s.map(|s| found[s].as_slice())
                    .unwrap_or(&[])
                    .iter()
                    .filter(move |&&j| j > i)
                    .map(move |&j| (i, j))
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }
}

/// Exact Jaccard similarity of two sorted, deduplicated slices.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let inter = intersection_size(a, b);
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Size of the intersection of two sorted, deduplicated slices.
pub fn intersection_size(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Sort and deduplicate a feature list in place, returning it.
pub fn feature_set(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(words: &str) -> Vec<u64> {
        feature_set(
            words
                .split_whitespace()
                .map(crate::words::stable_hash)
                .collect(),
        )
    }

    #[test]
    fn finds_near_copies_and_skips_unrelated() {
        let items = vec![
            set("a b c d e f g h i j"),
            set("a b c d e f g h i k"),
            set("q r s t u v w x y z"),
            Vec::new(),
        ];
        let pairs = CandidateFinder::for_threshold(0.5).pairs(&items);
        assert_eq!(pairs, vec![(0, 1)]);
    }

    #[test]
    fn jaccard_of_sorted_sets() {
        assert!((jaccard(&[1, 2, 3], &[2, 3, 4]) - 0.5).abs() < 1e-9);
        assert_eq!(jaccard(&[], &[]), 0.0);
    }
}
