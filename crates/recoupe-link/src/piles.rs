//! Piles: a large store's articles grouped by subject as they arrive, from compact keys
//! only, so that the full cross-check ([`crate::link`]) runs on one pile at a time and
//! never on every document at once.
//!
//! Each document is reduced to [`DocKeys`]: its most frequent content stems (title
//! counted twice) and its publication day. A pile keeps a centroid of its members'
//! stems (the [`CENTROID_TERMS`] heaviest), and an inverted index from stem to piles
//! proposes candidates; a document joins the candidate whose centroid is closest
//! (cosine of idf-weighted vectors, idf counted over distinct texts so that a
//! republished dispatch does not make its own words common) when it is at least
//! [`PILE_COSINE`], the pile has room ([`MAX_PILE`]) and, when both are dated, the
//! pile's last day is within [`PILE_DAYS`]. A text already seen (the same analysis key:
//! wire copy republished) joins the pile of its first copy. Otherwise it starts a pile.
//!
//! The index is a pure function of the documents given in order: replaying a store's
//! keys rebuilds it exactly, which is what makes an interrupted ingest resumable.
//! Piles are coarser than the report's stories: [`crate::link`] splits a pile into
//! events.

use crate::stories::SparseVector;
use crate::words::content_stem_hashes;
use recoupe_model::Document;
use std::collections::HashMap;

/// Content stems kept per document.
pub const DOC_TERMS: usize = 32;
/// Stems kept in a pile's centroid.
pub const CENTROID_TERMS: usize = 64;
/// The least cosine between a document and a pile's centroid for it to join.
pub const PILE_COSINE: f64 = 0.3;
/// The most documents of a pile that new texts may join (copies of its texts still do),
/// which bounds the cost of linking one pile.
pub const MAX_PILE: usize = 400;
/// A dated document joins a dated pile only within this many days of its last article.
pub const PILE_DAYS: i64 = 14;
/// Candidate piles remembered per stem (the most recent).
const POSTINGS: usize = 48;
/// A pile that has received no new text while this many distinct texts arrived is
/// retired from the index (its articles stay in their pile; new texts start new piles),
/// which bounds the index however long the stream.
pub const RETIRE_AFTER_TEXTS: u32 = 200_000;

/// A document's compact keys.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocKeys {
    /// Days since 1970-01-01 of its publication, when known.
    pub day: Option<i32>,
    /// Its [`DOC_TERMS`] most frequent content stems (hashed) with their counts,
    /// sorted by stem.
    pub terms: Vec<(u64, u32)>,
}

impl DocKeys {
    /// The keys of an analysed document.
    pub fn of(doc: &Document) -> DocKeys {
        let mut counts: HashMap<u64, u32> = HashMap::new();
        if let Some(title) = &doc.title {
            for h in content_stem_hashes(title) {
                *counts.entry(h).or_default() += 2;
            }
        }
        for h in content_stem_hashes(&doc.text) {
            *counts.entry(h).or_default() += 1;
        }
        let mut terms: Vec<(u64, u32)> = counts.into_iter().collect();
        terms.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        terms.truncate(DOC_TERMS);
        terms.sort_unstable_by_key(|t| t.0);
        let day = doc
            .published
            .as_deref()
            .and_then(crate::profile::parse_day)
            .map(|d| {
                (d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date")).num_days()
                    as i32
            });
        DocKeys { day, terms }
    }

    /// The keys as bytes, for the store.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(5 + 12 * self.terms.len());
        match self.day {
            Some(d) => {
                out.push(1);
                out.extend_from_slice(&d.to_le_bytes());
            }
            None => out.extend_from_slice(&[0; 5]),
        }
        for (t, n) in &self.terms {
            out.extend_from_slice(&t.to_le_bytes());
            out.extend_from_slice(&n.to_le_bytes());
        }
        out
    }

    /// Keys read back from [`DocKeys::to_bytes`]; `None` when the bytes are not keys.
    pub fn from_bytes(bytes: &[u8]) -> Option<DocKeys> {
        if bytes.len() < 5 || !(bytes.len() - 5).is_multiple_of(12) {
            return None;
        }
        let day = match bytes[0] {
            0 => None,
            1 => Some(i32::from_le_bytes(bytes[1..5].try_into().ok()?)),
            _ => return None,
        };
        let terms = bytes[5..]
            .chunks_exact(12)
            .map(|c| {
                Some((
                    u64::from_le_bytes(c[..8].try_into().ok()?),
                    u32::from_le_bytes(c[8..].try_into().ok()?),
                ))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(DocKeys { day, terms })
    }
}

#[derive(Debug, Clone, Default)]
struct Pile {
    size: usize,
    /// The count of distinct texts when it last received a new one.
    last_text: u32,
    last_day: Option<i32>,
    /// Summed unit term frequencies of the members, the heaviest kept, sorted by stem.
    centroid: Vec<(u64, f32)>,
}

/// The piles met so far and what is needed to place the next document.
#[derive(Debug, Default)]
pub struct PileIndex {
    /// In how many distinct texts each stem is among the kept terms.
    df: HashMap<u64, u32>,
    texts: u32,
    piles: HashMap<i64, Pile>,
    postings: HashMap<u64, Vec<i64>>,
    /// The pile of each distinct text.
    by_text: HashMap<u128, i64>,
    next: i64,
    /// [`RETIRE_AFTER_TEXTS`], or less in tests.
    retire_after: u32,
}

/// A document's terms as unit term frequencies.
fn unit_tf(keys: &DocKeys) -> Vec<(u64, f32)> {
    let norm = keys
        .terms
        .iter()
        .map(|&(_, n)| (n as f64).powi(2))
        .sum::<f64>()
        .sqrt()
        .max(1e-9);
    keys.terms
        .iter()
        .map(|&(t, n)| (t, (n as f64 / norm) as f32))
        .collect()
}

impl PileIndex {
    pub fn new() -> Self {
        PileIndex {
            next: 1,
            retire_after: RETIRE_AFTER_TEXTS,
            ..Default::default()
        }
    }

    /// An index that retires piles idle for `texts` distinct texts (at least 4).
    pub fn retiring_after(texts: u32) -> Self {
        PileIndex {
            retire_after: texts.max(4),
            ..PileIndex::new()
        }
    }

    /// How many piles there are.
    pub fn len(&self) -> usize {
        self.piles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.piles.is_empty()
    }

    fn idf(&self, term: u64) -> f64 {
        crate::stories::idf(
            self.texts.max(1) as f64,
            self.df.get(&term).copied().unwrap_or(0) as usize + 1,
        )
    }

    fn weighted(&self, v: &[(u64, f32)]) -> (SparseVector, f64) {
        let w: Vec<(u64, f64)> = v
            .iter()
            .map(|&(t, x)| (t, x as f64 * self.idf(t)))
            .collect();
        let norm = w.iter().map(|x| x.1 * x.1).sum::<f64>().sqrt();
        (w, norm)
    }

    fn similarity(&self, doc: &SparseVector, doc_norm: f64, pile: &Pile) -> f64 {
        let (c, c_norm) = self.weighted(&pile.centroid);
        if doc_norm == 0.0 || c_norm == 0.0 {
            return 0.0;
        }
        // The dot product of the two sorted vectors, over their norms.
        crate::stories::cosine(doc, &c) / (doc_norm * c_norm)
    }

    /// The pile a document joins (an existing one, or a new id), and the document
    /// added to it. `text` is its analysis key: a text seen before joins its first
    /// copy's pile.
    pub fn assign(&mut self, text: u128, keys: &DocKeys) -> i64 {
        let pile = self.choose(text, keys);
        self.add(pile, text, keys);
        pile
    }

    fn choose(&self, text: u128, keys: &DocKeys) -> i64 {
        if let Some(&p) = self.by_text.get(&text) {
            if self.piles.contains_key(&p) {
                return p;
            }
        }
        let tf = unit_tf(keys);
        let (doc, doc_norm) = self.weighted(&tf);
        let mut candidates: Vec<i64> = keys
            .terms
            .iter()
            .filter_map(|(t, _)| self.postings.get(t))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(f64, i64)> = None;
        for p in candidates {
            let Some(pile) = self.piles.get(&p) else {
                continue;
            };
            if pile.size >= MAX_PILE {
                continue;
            }
            if let (Some(a), Some(b)) = (keys.day, pile.last_day) {
                if (a as i64 - b as i64).abs() > PILE_DAYS {
                    continue;
                }
            }
            let s = self.similarity(&doc, doc_norm, pile);
            if s >= PILE_COSINE && best.is_none_or(|(bs, bp)| s > bs || (s == bs && p < bp)) {
                best = Some((s, p));
            }
        }
        match best {
            Some((_, p)) => p,
            None => self.next,
        }
    }

    /// Put a document in a known pile (a store's keys replayed in order).
    pub fn add(&mut self, pile: i64, text: u128, keys: &DocKeys) {
        self.next = self.next.max(pile + 1);
        let new_text = !self.by_text.contains_key(&text);
        if new_text {
            self.by_text.insert(text, pile);
            self.texts += 1;
            for (t, _) in &keys.terms {
                *self.df.entry(*t).or_default() += 1;
            }
        }
        let p = self.piles.entry(pile).or_default();
        p.size += 1;
        p.last_day = match (p.last_day, keys.day) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        if !new_text {
            // A copy adds nothing to what the pile is about.
            return;
        }
        p.last_text = self.texts;
        let mut merged: HashMap<u64, f32> = p.centroid.iter().copied().collect();
        for (t, x) in unit_tf(keys) {
            *merged.entry(t).or_default() += x;
        }
        let mut c: Vec<(u64, f32)> = merged.into_iter().collect();
        c.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        c.truncate(CENTROID_TERMS);
        c.sort_unstable_by_key(|t| t.0);
        for (t, _) in &c {
            let list = self.postings.entry(*t).or_default();
            if list.last() != Some(&pile) && !list.contains(&pile) {
                list.push(pile);
                if list.len() > POSTINGS {
                    list.remove(0);
                }
            }
        }
        p.centroid = c;
        if self.texts.is_multiple_of(self.retire_after / 4) {
            self.retire();
        }
    }

    /// Drop the piles idle for [`RETIRE_AFTER_TEXTS`] texts, with their postings and
    /// the texts that point at them.
    fn retire(&mut self) {
        let Some(floor) = self.texts.checked_sub(self.retire_after) else {
            return;
        };
        self.piles.retain(|_, p| p.last_text >= floor);
        let piles = &self.piles;
        self.postings.retain(|_, list| {
            list.retain(|p| piles.contains_key(p));
            !list.is_empty()
        });
        self.by_text.retain(|_, p| piles.contains_key(p));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, text: &str, published: Option<&str>) -> Document {
        Document {
            id: title.into(),
            title: Some(title.into()),
            text: text.into(),
            published: published.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn keys_round_trip_through_bytes() {
        let k = DocKeys::of(&doc(
            "Crue de la Loire",
            "La Loire a débordé à Orléans. La crue de la Loire inquiète les riverains.",
            Some("2024-03-02"),
        ));
        assert!(k.day.is_some());
        assert!(!k.terms.is_empty() && k.terms.len() <= DOC_TERMS);
        assert_eq!(DocKeys::from_bytes(&k.to_bytes()), Some(k.clone()));
        assert_eq!(DocKeys::from_bytes(&[7, 0, 0]), None);
        let undated = DocKeys { day: None, ..k };
        assert_eq!(DocKeys::from_bytes(&undated.to_bytes()), Some(undated));
    }

    #[test]
    fn same_subject_joins_other_subject_starts_a_pile() {
        let flood = [
            doc("Crue de la Loire à Orléans", "La Loire est sortie de son lit à Orléans. Les pompiers ont évacué les riverains des quais de la Loire. La crue devrait culminer jeudi.", Some("2024-03-02")),
            doc("Orléans: la Loire en crue", "Les riverains de la Loire évacués à Orléans, où la crue inquiète. Les pompiers restent mobilisés sur les quais.", Some("2024-03-03")),
        ];
        let budget = doc(
            "Le budget de la région adopté",
            "Le conseil régional a adopté son budget pour l'année. Les élus de l'opposition ont voté contre le budget des transports.",
            Some("2024-03-02"),
        );
        let mut index = PileIndex::new();
        let a = index.assign(1, &DocKeys::of(&flood[0]));
        let b = index.assign(2, &DocKeys::of(&flood[1]));
        let c = index.assign(3, &DocKeys::of(&budget));
        assert_eq!(a, b);
        assert_ne!(a, c);
        // A republished text joins its first copy's pile, whatever else came since.
        assert_eq!(index.assign(3, &DocKeys::of(&budget)), c);
        assert_eq!(index.len(), 2);
    }

    #[test]
    fn far_apart_days_do_not_join() {
        let mut index = PileIndex::new();
        let text =
            "La Loire est sortie de son lit à Orléans. Les pompiers ont évacué les riverains.";
        let a = index.assign(
            1,
            &DocKeys::of(&doc("Crue de la Loire", text, Some("2024-03-02"))),
        );
        let b = index.assign(
            2,
            &DocKeys::of(&doc(
                "Crue de la Loire",
                &format!("{text} Encore."),
                Some("2024-06-02"),
            )),
        );
        assert_ne!(a, b);
    }

    #[test]
    fn idle_piles_are_retired() {
        let mut index = PileIndex::retiring_after(8);
        let flood = |i: u128| {
            DocKeys::of(&doc(
                "Crue de la Loire",
                &format!("La Loire déborde à Orléans, les riverains évacués. Relevé {i}."),
                None,
            ))
        };
        let first = index.assign(0, &flood(0));
        // Twelve texts on other subjects, each its own pile.
        for i in 1..=12u128 {
            let words = ["budget", "piscine", "marché", "théâtre", "école", "tramway"];
            let text = format!(
                "Le conseil vote {} numéro {i}.",
                words[i as usize % words.len()]
            );
            index.assign(i, &DocKeys::of(&doc(&format!("Sujet {i}"), &text, None)));
        }
        assert!(index.len() < 13, "{}", index.len());
        // The flood pile was idle for more than eight texts: a new flood text and even a
        // copy of the first one start afresh.
        assert_ne!(index.assign(100, &flood(100)), first);
        assert_ne!(index.assign(0, &flood(0)), first);
    }

    #[test]
    fn replaying_gives_the_same_index() {
        let docs = [
            doc(
                "Crue de la Loire",
                "La Loire déborde à Orléans, les riverains évacués.",
                None,
            ),
            doc(
                "Le budget voté",
                "Le conseil régional vote le budget des transports.",
                None,
            ),
            doc(
                "Loire: la crue",
                "À Orléans, la crue de la Loire inquiète les riverains.",
                None,
            ),
        ];
        let mut live = PileIndex::new();
        let placed: Vec<i64> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| live.assign(i as u128, &DocKeys::of(d)))
            .collect();
        let mut replayed = PileIndex::new();
        for (i, d) in docs.iter().enumerate() {
            replayed.add(placed[i], i as u128, &DocKeys::of(d));
        }
        let next = doc(
            "Crue à Orléans",
            "La Loire en crue à Orléans: les riverains évacués.",
            None,
        );
        assert_eq!(
            live.assign(9, &DocKeys::of(&next)),
            replayed.assign(9, &DocKeys::of(&next))
        );
    }
}
