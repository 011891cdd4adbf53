//! Sentence duplicates: sentences that report the same statement, repeated word for word
//! or paraphrased ("Il est essentiel de…" / "Il est nécessaire de…"), within a document
//! or across documents.
//!
//! How: sentences with the same folded words form exact classes (merged unless their
//! speakers or days conflict); one representative per class goes into a MinHash/LSH index over content-word stems, which proposes candidate
//! pairs in about linear time. A candidate pair is kept when its stem overlap (Dice, on
//! the sentence or on its quoted words) is high, and merged only when neither the
//! speakers (two different proper names) nor the days (two disjoint sets of mentioned
//! days; for statements, publication days far apart) say it is another statement.
//! Groups carry the union of their speakers and days, so a chain of merges cannot join
//! two statements that a direct comparison would keep apart.
//!
//! It does not judge truth or independence; claims do that with these groups.

use crate::candidates::{intersection_size, CandidateFinder};
use crate::profile::{Corpus, SentenceProfile, SpeakerMatcher};
use chrono::NaiveDate;
use recoupe_model::{DuplicateGroup, DuplicateMember, Report};
use std::collections::HashMap;

/// Sentences with fewer content words than this are never duplicates (too little to
/// tell a statement from a formula).
const MIN_STEMS: usize = 4;
/// Dice overlap of content stems at or above which two sentences say the same thing.
const SAME_STATEMENT_DICE: f64 = 0.65;
/// Statements published further apart than this, with no shared mentioned day, are
/// different statements even when worded alike.
const STATEMENT_DAY_GAP: i64 = 3;

/// Sentence duplicate groups, as indexes into `corpus.sentences`; each group sorted,
/// groups sorted by their first member.
pub fn find_groups(corpus: &Corpus, speakers: &SpeakerMatcher) -> Vec<Vec<usize>> {
    let sentences = &corpus.sentences;
    let eligible = |s: &SentenceProfile| s.stems.len() >= MIN_STEMS;

    // Exact classes: same folded words.
    let mut by_text: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, s) in sentences.iter().enumerate() {
        if eligible(s) {
            by_text.entry(s.text_key).or_default().push(i);
        }
    }
    let mut classes: Vec<Vec<usize>> = by_text.into_values().collect();
    classes.sort_unstable();

    // The same words are the same sentence, unless speakers or days say otherwise (the
    // same wording about another "mercredi", or a pronoun resolved to someone else).
    let mut groups = GroupSet::new(sentences.len());
    for class in &classes {
        for &m in &class[1..] {
            groups.union_if_compatible(class[0], m, corpus, speakers);
        }
    }

    // Near duplicates among class representatives.
    let reps: Vec<usize> = classes.iter().map(|c| c[0]).collect();
    let features: Vec<Vec<u64>> = reps.iter().map(|&i| sentences[i].stems.clone()).collect();
    // Dice d is Jaccard d / (2 - d): candidates at the Jaccard the Dice floor implies.
    let finder = CandidateFinder::for_threshold(SAME_STATEMENT_DICE / (2.0 - SAME_STATEMENT_DICE));
    let mut scored: Vec<(f64, usize, usize)> = finder
        .pairs(&features)
        .into_iter()
        .filter_map(|(a, b)| {
            let (x, y) = (reps[a], reps[b]);
            let d = similarity(&sentences[x], &sentences[y]);
            (d >= SAME_STATEMENT_DICE).then_some((d, x, y))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, x, y) in scored {
        groups.union_if_compatible(x, y, corpus, speakers);
    }
    groups.into_groups()
}

/// Fill `report.duplicates` from the groups.
pub fn write_groups(report: &mut Report, corpus: &Corpus, groups: &[Vec<usize>]) {
    report.duplicates = groups
        .iter()
        .map(|g| DuplicateGroup {
            members: g
                .iter()
                .filter_map(|&i| {
                    let s = &corpus.sentences[i];
                    let d = report.documents.get(s.doc)?;
                    Some(DuplicateMember {
                        document: d.id.clone(),
                        sentence: s.sentence,
                        text: d.sentences.get(s.sentence)?.text.clone(),
                    })
                })
                .collect(),
        })
        .collect();
}

/// How much two sentences say the same thing: the Dice overlap of their content stems,
/// or of their quoted words when both quote enough words.
pub fn similarity(a: &SentenceProfile, b: &SentenceProfile) -> f64 {
    let mut d = dice(&a.stems, &b.stems);
    if a.quote_stems.len() > MIN_STEMS && b.quote_stems.len() > MIN_STEMS {
        d = d.max(dice(&a.quote_stems, &b.quote_stems));
    }
    d
}

fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * intersection_size(a, b) as f64 / (a.len() + b.len()) as f64
}

/// What a group knows about when and by whom its statement was made.
#[derive(Debug, Clone, Default)]
struct GroupFacts {
    speakers: Vec<String>,
    days: Vec<NaiveDate>,
    published: Vec<NaiveDate>,
    is_statement: bool,
}

impl GroupFacts {
    fn of(s: &SentenceProfile, corpus: &Corpus) -> Self {
        GroupFacts {
            speakers: s.speakers.clone(),
            days: s.days.clone(),
            published: corpus
                .documents
                .get(s.doc)
                .and_then(|d| d.published)
                .into_iter()
                .collect(),
            is_statement: s.is_statement,
        }
    }

    fn absorb(&mut self, other: GroupFacts) {
        self.speakers.extend(other.speakers);
        self.speakers.sort();
        self.speakers.dedup();
        self.days.extend(other.days);
        self.days.sort();
        self.days.dedup();
        self.published.extend(other.published);
        self.published.sort();
        self.published.dedup();
        self.is_statement |= other.is_statement;
    }

    /// True when the two groups cannot be the same statement.
    fn conflicts(&self, other: &GroupFacts, speakers: &SpeakerMatcher) -> bool {
        // `speakers` holds folded proper names only (see `SentenceProfile`).
        let speaker_conflict = self
            .speakers
            .iter()
            .any(|a| other.speakers.iter().any(|b| !speakers.same_folded(a, b)));
        if speaker_conflict {
            return true;
        }
        let shared_day = min_gap(&self.days, &other.days) == Some(0);
        if !self.days.is_empty() && !other.days.is_empty() && !shared_day {
            return true;
        }
        if self.is_statement && other.is_statement && !shared_day {
            if let Some(gap) = min_gap(&self.published, &other.published) {
                return gap > STATEMENT_DAY_GAP;
            }
        }
        false
    }
}

/// The smallest distance in days between a day of `a` and a day of `b` (both sorted);
/// `None` when either is empty.
fn min_gap(a: &[NaiveDate], b: &[NaiveDate]) -> Option<i64> {
    let (mut i, mut j) = (0, 0);
    let mut best: Option<i64> = None;
    while i < a.len() && j < b.len() {
        let d = (a[i] - b[j]).num_days();
        best = Some(best.map_or(d.abs(), |x| x.min(d.abs())));
        if d == 0 {
            break;
        }
        if d < 0 {
            i += 1;
        } else {
            j += 1;
        }
    }
    best
}

/// Union-find over sentences with the facts of each group at its root.
struct GroupSet {
    parent: Vec<usize>,
    facts: HashMap<usize, GroupFacts>,
}

impl GroupSet {
    fn new(n: usize) -> Self {
        GroupSet {
            parent: (0..n).collect(),
            facts: HashMap::new(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn take_facts(&mut self, root: usize, corpus: &Corpus) -> GroupFacts {
        self.facts
            .remove(&root)
            .unwrap_or_else(|| GroupFacts::of(&corpus.sentences[root], corpus))
    }

    /// Merge two groups without looking at their facts.
    fn union_forced(&mut self, a: usize, b: usize, corpus: &Corpus) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let fb = self.take_facts(rb, corpus);
        let mut fa = self.take_facts(ra, corpus);
        fa.absorb(fb);
        let (root, child) = (ra.min(rb), ra.max(rb));
        self.parent[child] = root;
        self.facts.insert(root, fa);
    }

    fn union_if_compatible(
        &mut self,
        a: usize,
        b: usize,
        corpus: &Corpus,
        speakers: &SpeakerMatcher,
    ) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let fa = self.take_facts(ra, corpus);
        let fb = self.take_facts(rb, corpus);
        let conflict = fa.conflicts(&fb, speakers);
        self.facts.insert(ra, fa);
        self.facts.insert(rb, fb);
        if !conflict {
            self.union_forced(ra, rb, corpus);
        }
    }

    fn into_groups(mut self) -> Vec<Vec<usize>> {
        let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..self.parent.len() {
            let r = self.find(i);
            if r != i {
                by_root.entry(r).or_default().push(i);
            }
        }
        let mut groups: Vec<Vec<usize>> = by_root
            .into_iter()
            .map(|(r, mut members)| {
                members.push(r);
                members.sort_unstable();
                members
            })
            .filter(|g| g.len() >= 2)
            .collect();
        groups.sort_unstable();
        groups
    }
}
