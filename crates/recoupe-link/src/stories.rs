//! Stories: articles grouped by the event they report.
//!
//! How: each document becomes a TF-IDF vector of its content-word stems. Candidate pairs
//! come from an inverted index of each document's strongest keywords, blocked by
//! publication week (a keyword shared by too many documents of one week is no evidence
//! and is skipped), so the cost stays near linear. Pairs are merged from the most to the
//! least similar (cosine), and a merge is refused when the merged story would span more
//! than [`MAX_SPAN_DAYS`] of publication dates: one topic over years (a conflict,
//! a revolution) splits into its events. Documents without a publication date join a
//! story by content alone, and never bridge two dated stories that the span keeps apart.
//! Copies of one dispatch ([`crate::document_duplicates`]) are always in one story.
//!
//! Each document belongs to exactly one story; a story's title is the title (or first
//! sentence) of its most central document. It does not name events or read dates in
//! the text; a document that covers several events goes with the one it shares most
//! words with.

use crate::profile::Corpus;
use chrono::{Datelike, NaiveDate};
use recoupe_model::{Report, Story};
use std::collections::{BTreeMap, HashMap};

/// Cosine similarity of TF-IDF vectors at or above which two documents report the same
/// event (given compatible dates).
const SAME_STORY_COSINE: f64 = 0.3;
/// Cosine at or above which two documents whose incident days agree (within
/// [`EVENT_DAY_SLACK`]) report the same event: the day is strong evidence, so less
/// shared vocabulary is needed.
pub const EVENT_COSINE: f64 = 0.12;
/// Cosine at or above which two documents that give no date at all (neither published
/// nor named) report the same event: nothing places them elsewhere in time.
const UNDATED_COSINE: f64 = 0.15;
/// Incident days this far apart are the same event (a night clash told the next day).
const EVENT_DAY_SLACK: i64 = 1;
/// The widest range of incident days one story may cover.
const MAX_EVENT_SPAN_DAYS: i64 = 3;
/// The widest range of publication dates one story may cover.
pub const MAX_SPAN_DAYS: i64 = 10;
/// Keywords per document used to find candidates.
const KEYWORDS: usize = 15;
/// A keyword block larger than this (documents sharing one keyword in one week) is
/// skipped: too common to tell events apart, and too costly.
const MAX_BLOCK: usize = 400;

/// A sparse vector: sorted `(term, weight)`, unit length.
pub type SparseVector = Vec<(u64, f64)>;

/// TF-IDF vectors of every document, over content-word stems.
pub fn tfidf_vectors(corpus: &Corpus, documents: usize) -> Vec<SparseVector> {
    let mut tf: Vec<HashMap<u64, f64>> = vec![HashMap::new(); documents];
    for s in &corpus.sentences {
        if let Some(v) = tf.get_mut(s.doc) {
            for &t in &s.stems {
                *v.entry(t).or_insert(0.0) += 1.0;
            }
        }
    }
    let mut df: HashMap<u64, usize> = HashMap::new();
    for v in &tf {
        for t in v.keys() {
            *df.entry(*t).or_insert(0) += 1;
        }
    }
    let n = documents as f64;
    tf.into_iter()
        .map(|v| {
            let mut vec: SparseVector = v
                .into_iter()
                .map(|(t, c)| {
                    let idf = idf(n, df[&t]);
                    (t, (1.0 + c.ln()) * idf)
                })
                .filter(|(_, w)| *w > 0.0)
                .collect();
            // Sorted before summing: the norm must not depend on the map's order, or
            // near-equal similarities (a story's central document) change run to run.
            vec.sort_unstable_by_key(|(t, _)| *t);
            let norm = vec.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                for (_, w) in &mut vec {
                    *w /= norm;
                }
            }
            vec
        })
        .collect()
}

/// Inverse document frequency, smoothed so that a word found in every document of a
/// small set still counts (a topic word of a five-article corpus), while rare words
/// weigh most.
pub fn idf(documents: f64, df: usize) -> f64 {
    (1.0 + documents / df.max(1) as f64).ln()
}

/// Cosine of two unit sparse vectors.
pub fn cosine(a: &SparseVector, b: &SparseVector) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// The story of each document (an index into the returned story list), and the stories
/// as document index lists, ordered by earliest publication date.
pub fn find_stories(
    corpus: &Corpus,
    vectors: &[SparseVector],
    copies: &[Vec<usize>],
    event_days: &[Option<NaiveDate>],
    off_topic: &[bool],
) -> Vec<Vec<usize>> {
    let n = vectors.len();
    let published: Vec<Option<NaiveDate>> = (0..n)
        .map(|i| corpus.documents.get(i).and_then(|d| d.published))
        .collect();

    // Candidate pairs from shared keywords within a publication week (and the next);
    // undated documents meet every document of the keyword.
    let mut blocks: HashMap<u64, BTreeMap<Option<i64>, Vec<usize>>> = HashMap::new();
    for (i, v) in vectors.iter().enumerate() {
        let mut top: Vec<&(u64, f64)> = v.iter().collect();
        top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let week = published[i].map(|d| i64::from(d.num_days_from_ce()) / 7);
        for (t, _) in top.into_iter().take(KEYWORDS) {
            blocks
                .entry(*t)
                .or_default()
                .entry(week)
                .or_default()
                .push(i);
        }
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for weeks in blocks.values() {
        let all: Vec<usize> = weeks.values().flatten().copied().collect();
        for (week, here) in weeks {
            let others: Vec<usize> = match week {
                None => all.clone(),
                Some(w) => {
                    let mut o = here.clone();
                    o.extend(weeks.get(&Some(w + 1)).into_iter().flatten());
                    o
                }
            };
            push_block_pairs(here, &others, &mut pairs);
        }
    }
    // Documents whose incident days agree meet each other, when a day holds few enough.
    let mut by_day: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (i, d) in event_days.iter().enumerate() {
        if let Some(d) = d {
            by_day.entry(*d).or_default().push(i);
        }
    }
    for (day, here) in &by_day {
        let next = day.succ_opt().and_then(|n| by_day.get(&n));
        let others: Vec<usize> = here
            .iter()
            .chain(next.into_iter().flatten())
            .copied()
            .collect();
        push_block_pairs(here, &others, &mut pairs);
    }
    // Documents that give no date at all are few; each meets every other one, since no
    // shared keyword block is needed to place them in time.
    let undated: Vec<usize> = (0..n)
        .filter(|&i| published[i].is_none() && event_days.get(i).copied().flatten().is_none())
        .collect();
    if undated.len() <= MAX_BLOCK {
        for (k, &a) in undated.iter().enumerate() {
            for &b in &undated[k + 1..] {
                pairs.push((a, b));
            }
        }
    }
    pairs.retain(|&(a, b)| {
        !off_topic.get(a).copied().unwrap_or(false) && !off_topic.get(b).copied().unwrap_or(false)
    });
    pairs.sort_unstable();
    pairs.dedup();
    let mut scored: Vec<(f64, usize, usize)> = pairs
        .into_iter()
        .filter_map(|(x, y)| {
            let c = cosine(&vectors[x], &vectors[y]);
            let (ex, ey) = (
                event_days.get(x).copied().flatten(),
                event_days.get(y).copied().flatten(),
            );
            let same_event = match (ex, ey) {
                (Some(a), Some(b)) => {
                    let gap = (a - b).num_days().abs();
                    (gap <= EVENT_DAY_SLACK && c >= EVENT_COSINE)
                        || (gap <= MAX_EVENT_SPAN_DAYS && c >= SAME_STORY_COSINE)
                }
                (None, None) => c >= UNDATED_COSINE,
                _ => c >= SAME_STORY_COSINE,
            };
            same_event.then_some((c, x, y))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));

    let mut groups = SpanGroups::new(&published, event_days);
    for g in copies {
        for w in g.windows(2) {
            groups.union(w[0], w[1], true);
        }
    }
    for (_, x, y) in scored {
        groups.union(x, y, false);
    }
    let mut stories: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = groups.find(i);
        stories.entry(r).or_default().push(i);
    }
    let mut stories: Vec<Vec<usize>> = stories.into_values().collect();
    stories.sort_by_key(|s| {
        let first = s.iter().filter_map(|&i| published[i]).min();
        (first.is_none(), first, s[0])
    });
    stories
}

/// Every pair of a document of `here` with a document of `others`, unless the block is
/// too large to be evidence of anything.
fn push_block_pairs(here: &[usize], others: &[usize], pairs: &mut Vec<(usize, usize)>) {
    if here.len().saturating_mul(others.len()) > MAX_BLOCK * MAX_BLOCK / 2 {
        return;
    }
    for &a in here {
        for &b in others {
            if a != b {
                pairs.push((a.min(b), a.max(b)));
            }
        }
    }
}

/// Fill `report.stories`; returns the story index of each document.
pub fn write_stories(
    report: &mut Report,
    vectors: &[SparseVector],
    stories: &[Vec<usize>],
    event_days: &[Option<NaiveDate>],
) -> Vec<usize> {
    let mut story_of = vec![0; report.documents.len()];
    let mut out = Vec::with_capacity(stories.len());
    for (k, members) in stories.iter().enumerate() {
        for &i in members {
            if let Some(s) = story_of.get_mut(i) {
                *s = k;
            }
        }
        let central = members
            .iter()
            .copied()
            .max_by(|&a, &b| {
                let sa: f64 = members
                    .iter()
                    .map(|&m| cosine(&vectors[a], &vectors[m]))
                    .sum();
                let sb: f64 = members
                    .iter()
                    .map(|&m| cosine(&vectors[b], &vectors[m]))
                    .sum();
                sa.total_cmp(&sb).then(b.cmp(&a))
            })
            .unwrap_or(0);
        let title = report
            .documents
            .get(central)
            .map(document_title)
            .unwrap_or_default();
        // The story's day: the incident day most of its documents name (the earliest
        // on a tie).
        let mut days: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        for &i in members {
            if let Some(d) = event_days.get(i).copied().flatten() {
                *days.entry(d).or_insert(0) += 1;
            }
        }
        let date = days
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(d, _)| d.to_string());
        out.push(Story {
            id: format!("s{}", k + 1),
            title,
            date,
            sides: Vec::new(),
            documents: members
                .iter()
                .filter_map(|&i| report.documents.get(i).map(|d| d.id.clone()))
                .collect(),
        });
    }
    report.stories = out;
    story_of
}

/// A document's title, or else its first sentence.
fn document_title(d: &recoupe_model::Document) -> String {
    d.title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(|t| t.trim().to_string())
        .or_else(|| d.sentences.first().map(|s| s.text.trim().to_string()))
        .unwrap_or_else(|| d.id.clone())
}

/// Union-find whose groups remember their range of publication dates and of incident
/// days.
struct SpanGroups {
    parent: Vec<usize>,
    span: Vec<Option<(NaiveDate, NaiveDate)>>,
    events: Vec<Option<(NaiveDate, NaiveDate)>>,
}

fn merge_span(
    a: Option<(NaiveDate, NaiveDate)>,
    b: Option<(NaiveDate, NaiveDate)>,
) -> Option<(NaiveDate, NaiveDate)> {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => Some((a0.min(b0), a1.max(b1))),
        (x, None) | (None, x) => x,
    }
}

impl SpanGroups {
    fn new(published: &[Option<NaiveDate>], event_days: &[Option<NaiveDate>]) -> Self {
        SpanGroups {
            parent: (0..published.len()).collect(),
            span: published.iter().map(|p| p.map(|d| (d, d))).collect(),
            events: (0..published.len())
                .map(|i| event_days.get(i).copied().flatten().map(|d| (d, d)))
                .collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize, forced: bool) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let merged = merge_span(self.span[ra], self.span[rb]);
        let events = merge_span(self.events[ra], self.events[rb]);
        if !forced {
            if let Some((lo, hi)) = merged {
                if (hi - lo).num_days() > MAX_SPAN_DAYS {
                    return;
                }
            }
            if let Some((lo, hi)) = events {
                if (hi - lo).num_days() > MAX_EVENT_SPAN_DAYS {
                    return;
                }
            }
        }
        let (root, child) = (ra.min(rb), ra.max(rb));
        self.parent[child] = root;
        self.span[root] = merged;
        self.events[root] = events;
    }
}
