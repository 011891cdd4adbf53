//! Claims: each attributed statement and each figure, lined up against the other
//! sources of the same story: who corroborates it, who contradicts it, and which
//! figures revise earlier ones.
//!
//! - A **statement** is a quote with a speaker. The same statement carried by other
//!   documents (a sentence duplicate group) is one claim; each independent document
//!   carrying it corroborates it (its outlet, or its id when the outlet is unknown).
//! - A **figure** is a count (killed, wounded…) for a party. Two figures of the same
//!   category and party, in the same story or dated within a story's span, are
//!   compared: the same count from an independent source
//!   corroborates; a count from the same claimant (or, both unclaimed, the same outlet)
//!   that differs is a revision, the later one revising the earlier (`revises`,
//!   `revised_by`), as is a count the sentence calls earlier ("le bilan initial de…");
//!   a count from another claimant for the same time that cannot be reconciled with
//!   it (qualifiers read as ranges: "au moins 105" and "49" cannot both hold) is a
//!   contradiction.
//! - An **accusation** is a sentence where parties accuse each other ("s'accusent
//!   mutuellement"): each party contradicts the other.
//! - A **denial** ("a démenti", "nie") contradicts the most similar statement of another
//!   speaker in the same story, when there is one.
//!
//! Independence: two documents are independent sources when they are different
//! documents, not copies of one dispatch, not from the same outlet, and (for quotes)
//! not relayed by the same agency. Cue phrases live in `data/fr/link_*_cues.txt`. It
//! does not judge who is right.

use crate::candidates::intersection_size;
use crate::profile::{Corpus, SpeakerMatcher};
use crate::stories::MAX_SPAN_DAYS;
use crate::words::{data_lines, lower};
use chrono::NaiveDate;
use recoupe_model::{Claim, Document, Figure, FigureCategory, Qualifier, Report};
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

const CONTRADICTION_CUES: &str = include_str!("../../../data/fr/link_contradiction_cues.txt");
const REVISION_CUES: &str = include_str!("../../../data/fr/link_revision_cues.txt");
/// Stem overlap (Dice) at or above which a denial answers a statement.
const DENIAL_DICE: f64 = 0.2;
/// Each figure is compared with at most this many of the next figures in time of the
/// same category and party.
const MAX_BUCKET: usize = 200;
/// Characters before a figure's words searched for a revision cue.
const REVISION_WINDOW: usize = 40;

struct Cues {
    mutual: Vec<String>,
    denial: Vec<String>,
    revision: Vec<String>,
}

fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut c = Cues {
            mutual: Vec::new(),
            denial: Vec::new(),
            revision: Vec::new(),
        };
        for line in data_lines(CONTRADICTION_CUES) {
            if let Some((kind, phrase)) = line.split_once('\t') {
                let phrase = lower(phrase.trim());
                match kind.trim() {
                    "mutual" => c.mutual.push(phrase),
                    "denial" => c.denial.push(phrase),
                    _ => {}
                }
            }
        }
        c.revision = data_lines(REVISION_CUES).map(lower).collect();
        c
    })
}

/// Byte offset of the first occurrence of `phrase` in `text` on word boundaries.
fn find_phrase(text: &str, phrase: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(pos) = text.get(from..).and_then(|t| t.find(phrase)) {
        let start = from + pos;
        let end = start + phrase.len();
        let before_ok = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(start);
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// What the claims stage needs besides the report and corpus.
pub struct ClaimContext<'a> {
    pub corpus: &'a Corpus,
    pub speakers: &'a SpeakerMatcher,
    /// Flat sentence index → members of its duplicate group.
    pub group_of: &'a HashMap<usize, &'a [usize]>,
    /// Document index → index of its copy group (document duplicates), if any.
    pub copy_of: &'a HashMap<usize, usize>,
    /// Document index → story index.
    pub story_of: &'a [usize],
}

impl ClaimContext<'_> {
    fn flat(&self, doc: usize, sentence: usize) -> Option<usize> {
        let first = self.corpus.documents.get(doc)?.first_sentence;
        (sentence < self.corpus.sentences_of(doc).len()).then_some(first + sentence)
    }

    /// True when documents `a` and `b` are independent sources.
    fn independent(&self, a: usize, b: usize) -> bool {
        if a == b {
            return false;
        }
        if let (Some(x), Some(y)) = (self.copy_of.get(&a), self.copy_of.get(&b)) {
            if x == y {
                return false;
            }
        }
        let outlet = |i: usize| {
            self.corpus
                .documents
                .get(i)
                .and_then(|d| d.outlet.as_deref())
        };
        !matches!((outlet(a), outlet(b)), (Some(x), Some(y)) if x == y)
    }
}

/// How a document is named as a source: its outlet, else its id.
fn source_label(d: &Document) -> String {
    d.outlet
        .clone()
        .filter(|o| !o.trim().is_empty())
        .unwrap_or_else(|| d.id.clone())
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !item.is_empty() && !list.contains(&item) {
        list.push(item);
    }
}

fn sentence_text(d: &Document, i: usize) -> String {
    d.sentences
        .get(i)
        .map(|s| s.text.trim().to_string())
        .unwrap_or_default()
}

/// Build every claim of the report.
pub fn build(report: &Report, cx: &ClaimContext) -> Vec<Claim> {
    let mut claims = statements(report, cx);
    claims.extend(figures(report, cx));
    claims.extend(accusations(report, cx));
    claims
}

/// One claim per attributed quote, merged across the documents that carry the same
/// statement.
fn statements(report: &Report, cx: &ClaimContext) -> Vec<Claim> {
    let mut claims: Vec<Claim> = Vec::new();
    // (representative flat sentence of the duplicate group, speaker, claim index,
    // document, relay) of each claim made so far.
    let mut seen: Vec<(usize, String, usize, usize, Option<String>)> = Vec::new();
    // Representative sentence → positions in `seen`.
    let mut by_rep: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut denials: Vec<(usize, usize, usize)> = Vec::new(); // (claim, doc, flat)
    for (di, d) in report.documents.iter().enumerate() {
        for q in &d.quotes {
            let Some(speaker) = q.speaker.as_ref() else {
                continue;
            };
            let name = speaker
                .name
                .clone()
                .unwrap_or_else(|| speaker.mention.clone());
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            if name.is_empty() || q.text.trim().is_empty() {
                continue;
            }
            let Some(flat) = cx.flat(di, q.sentence) else {
                continue;
            };
            let rep = cx
                .group_of
                .get(&flat)
                .and_then(|g| g.first().copied())
                .unwrap_or(flat);
            let via = q.via.as_ref().map(|v| v.name.clone());
            let earlier = by_rep.get(&rep).and_then(|ids| {
                ids.iter()
                    .map(|&k| &seen[k])
                    .find(|(_, s, _, _, _)| cx.speakers.same(s, &name))
            });
            if let Some((_, _, claim, first_doc, first_via)) = earlier {
                let same_relay = via.is_some() && via == *first_via;
                if cx.independent(*first_doc, di) && !same_relay {
                    push_unique(&mut claims[*claim].corroborated_by, source_label(d));
                }
                continue;
            }
            let sentence = sentence_text(d, q.sentence);
            let lowered = lower(&sentence);
            let is_denial = cues()
                .denial
                .iter()
                .any(|c| find_phrase(&lowered, c).is_some());
            by_rep.entry(rep).or_default().push(seen.len());
            seen.push((rep, name.clone(), claims.len(), di, via));
            if is_denial {
                denials.push((claims.len(), di, flat));
            }
            claims.push(Claim {
                text: q.text.trim().to_string(),
                claimed_by: vec![name],
                kind: Some(if is_denial { "denial" } else { "statement" }.to_string()),
                document: Some(d.id.clone()),
                sentence: Some(q.sentence),
                ..Default::default()
            });
        }
    }
    // Denials contradict the closest statement of another speaker in the same story.
    let mut by_story: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    if !denials.is_empty() {
        for (k, item) in seen.iter().enumerate() {
            by_story
                .entry(cx.story_of.get(item.3).copied())
                .or_default()
                .push(k);
        }
    }
    for (claim, doc, flat) in denials {
        let story = cx.story_of.get(doc).copied();
        let stems = &cx.corpus.sentences[flat].stems;
        let mut best: Option<(f64, usize)> = None;
        for (rep, speaker, idx, _, _) in by_story
            .get(&story)
            .into_iter()
            .flatten()
            .map(|&k| &seen[k])
        {
            if *idx == claim || cx.speakers.same(speaker, &claims[claim].claimed_by[0]) {
                continue;
            }
            let o = &cx.corpus.sentences[*rep].stems;
            let dice =
                2.0 * intersection_size(stems, o) as f64 / (stems.len() + o.len()).max(1) as f64;
            if dice >= DENIAL_DICE && best.is_none_or(|(b, _)| dice > b) {
                best = Some((dice, *idx));
            }
        }
        if let Some((_, target)) = best {
            let denier = claims[claim].claimed_by[0].clone();
            let accused = claims[target].claimed_by[0].clone();
            push_unique(&mut claims[target].contradicted_by, denier);
            push_unique(&mut claims[claim].contradicted_by, accused);
        }
    }
    claims
}

/// A figure with what it takes to compare it.
struct FigureItem<'a> {
    doc: usize,
    figure: &'a Figure,
    /// The claimant's name, folded with [`crate::words::fold`].
    claimant: Option<String>,
    day: Option<NaiveDate>,
    /// The sentence calls this count an earlier one ("le bilan initial de 49 morts").
    earlier: bool,
    claim: usize,
}

/// The values a figure allows, as a closed range (`more_than` is open: nudged).
fn value_range(f: &Figure) -> Option<(f64, f64)> {
    let v = f.value;
    match f.qualifier {
        Qualifier::Exact => Some((v, v)),
        Qualifier::AtLeast => Some((v, f64::INFINITY)),
        Qualifier::MoreThan => Some((v + 0.5, f64::INFINITY)),
        Qualifier::About => Some((v * 0.8, v * 1.2)),
        Qualifier::UpTo => Some((0.0, v)),
        Qualifier::Vague => None,
    }
}

fn category_word(c: FigureCategory) -> &'static str {
    match c {
        FigureCategory::Killed => "killed",
        FigureCategory::Wounded => "wounded",
        FigureCategory::Missing => "missing",
        FigureCategory::Arrested => "arrested",
        FigureCategory::Displaced => "displaced",
        FigureCategory::Other => "other",
    }
}

/// A short label for a figure in another claim's `revises` / `revised_by`.
fn figure_label(f: &Figure, by: &str) -> String {
    let words = if f.text.trim().is_empty() {
        format!("{} {}", f.value, category_word(f.category))
    } else {
        f.text.trim().to_string()
    };
    format!("{words} ({by})")
}

fn figures(report: &Report, cx: &ClaimContext) -> Vec<Claim> {
    let mut claims: Vec<Claim> = Vec::new();
    let mut buckets: BTreeMap<(&'static str, String), Vec<FigureItem>> = BTreeMap::new();
    for (di, d) in report.documents.iter().enumerate() {
        let published = cx.corpus.documents.get(di).and_then(|p| p.published);
        for f in &d.figures {
            if f.qualifier == Qualifier::Vague {
                continue;
            }
            let sentence = sentence_text(d, f.sentence);
            let claimant = f
                .claimed_by
                .as_ref()
                .map(|c| c.name.clone())
                .filter(|n| !n.trim().is_empty());
            let by = claimant.clone().unwrap_or_else(|| source_label(d));
            let claimant = claimant.map(|c| crate::words::fold(&c));
            let flat = cx.flat(di, f.sentence);
            let day = flat
                .and_then(|fl| cx.corpus.sentences[fl].days.first().copied())
                .or(published);
            let earlier = is_earlier_count(&sentence, f);
            let claim = claims.len();
            claims.push(Claim {
                text: sentence,
                claimed_by: vec![by],
                kind: Some("figure".to_string()),
                document: Some(d.id.clone()),
                sentence: Some(f.sentence),
                ..Default::default()
            });
            let party = f
                .party
                .as_deref()
                .map(crate::words::fold)
                .unwrap_or_default();
            buckets
                .entry((category_word(f.category), party))
                .or_default()
                .push(FigureItem {
                    doc: di,
                    figure: f,
                    claimant,
                    day,
                    earlier,
                    claim,
                });
        }
    }
    for items in buckets.values_mut() {
        items.sort_by_key(|it| (it.day.is_none(), it.day, it.doc));
        let n = items.len();
        for i in 0..n {
            for j in i + 1..n.min(i + MAX_BUCKET) {
                let (a, b) = (&items[i], &items[j]);
                let same_story = cx.story_of.get(a.doc) == cx.story_of.get(b.doc);
                let near = match (a.day, b.day) {
                    (Some(x), Some(y)) => (y - x).num_days().abs() <= MAX_SPAN_DAYS,
                    _ => false,
                };
                if same_story || near {
                    relate_figures(report, cx, a, b, &mut claims);
                }
            }
        }
    }
    claims
}

/// The sentence presents this count as an earlier one: a revision cue just before it.
fn is_earlier_count(sentence: &str, f: &Figure) -> bool {
    let lowered = lower(sentence);
    let words = lower(f.text.trim());
    let Some(at) = (!words.is_empty()).then(|| lowered.find(&words)).flatten() else {
        return false;
    };
    let mut start = at.saturating_sub(REVISION_WINDOW);
    while !lowered.is_char_boundary(start) {
        start -= 1;
    }
    let window = &lowered[start..at + words.len()];
    cues()
        .revision
        .iter()
        .any(|c| find_phrase(window, c).is_some())
}

fn relate_figures(
    report: &Report,
    cx: &ClaimContext,
    a: &FigureItem,
    b: &FigureItem,
    claims: &mut [Claim],
) {
    let (Some(ra), Some(rb)) = (value_range(a.figure), value_range(b.figure)) else {
        return;
    };
    let same_value = a.figure.value == b.figure.value && a.figure.qualifier == b.figure.qualifier;
    let same_claimant = match (&a.claimant, &b.claimant) {
        (Some(x), Some(y)) => cx.speakers.same_folded(x, y),
        (None, None) => !cx.independent(a.doc, b.doc),
        _ => false,
    };
    let label = |it: &FigureItem| claims[it.claim].claimed_by[0].clone();
    if same_value {
        if cx.independent(a.doc, b.doc) {
            let (la, lb) = (label(a), label(b));
            let (sa, sb) = (
                source_label(&report.documents[a.doc]),
                source_label(&report.documents[b.doc]),
            );
            let differ = la != lb;
            push_unique(
                &mut claims[a.claim].corroborated_by,
                if differ { lb } else { sb },
            );
            push_unique(
                &mut claims[b.claim].corroborated_by,
                if differ { la } else { sa },
            );
        }
        return;
    }
    // Which one is earlier: a count the sentence calls earlier, else the earlier day.
    let order = if a.earlier != b.earlier {
        Some(a.earlier)
    } else {
        match (a.day, b.day) {
            (Some(x), Some(y)) if x != y => Some(x < y),
            _ => None,
        }
    };
    let same_sentence = a.doc == b.doc && a.figure.sentence == b.figure.sentence;
    if same_claimant || (same_sentence && a.earlier != b.earlier) {
        if let Some(a_first) = order {
            let (old, new) = if a_first { (a, b) } else { (b, a) };
            let (lo, ln) = (label(old), label(new));
            let new_label = figure_label(new.figure, &ln);
            let old_label = figure_label(old.figure, &lo);
            push_unique(&mut claims[new.claim].revises, old_label);
            push_unique(&mut claims[old.claim].revised_by, new_label);
        }
        return;
    }
    // Different claimants: a contradiction only for the same time and irreconcilable
    // ranges; an earlier count is superseded, not contradicted.
    let same_time = match (a.day, b.day) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    let disjoint = ra.1 < rb.0 || rb.1 < ra.0;
    if same_time && disjoint && !a.earlier && !b.earlier {
        let (la, lb) = (label(a), label(b));
        if la != lb {
            push_unique(&mut claims[a.claim].contradicted_by, lb);
            push_unique(&mut claims[b.claim].contradicted_by, la);
        }
    }
}

/// Parties accusing each other: one claim per party, contradicted by the others.
fn accusations(report: &Report, cx: &ClaimContext) -> Vec<Claim> {
    let mut claims = Vec::new();
    let mut done: Vec<usize> = Vec::new();
    for (di, d) in report.documents.iter().enumerate() {
        for (si, s) in d.sentences.iter().enumerate() {
            let lowered = lower(&s.text);
            let Some(at) = cues()
                .mutual
                .iter()
                .filter_map(|c| find_phrase(&lowered, c))
                .min()
            else {
                continue;
            };
            if let Some(flat) = cx.flat(di, si) {
                let rep = cx
                    .group_of
                    .get(&flat)
                    .and_then(|g| g.first().copied())
                    .unwrap_or(flat);
                if done.contains(&rep) {
                    continue;
                }
                done.push(rep);
            }
            let parties = accusing_parties(s.text.get(..at).unwrap_or(""));
            let text = s.text.trim().to_string();
            let base = Claim {
                text,
                kind: Some("accusation".to_string()),
                document: Some(d.id.clone()),
                sentence: Some(si),
                ..Default::default()
            };
            match parties.as_slice() {
                [] => {}
                [one] => claims.push(Claim {
                    claimed_by: vec![one.clone()],
                    contradicted_by: vec![one.clone()],
                    ..base
                }),
                many => {
                    for p in many {
                        claims.push(Claim {
                            claimed_by: vec![p.clone()],
                            contradicted_by: many.iter().filter(|o| *o != p).cloned().collect(),
                            ..base.clone()
                        });
                    }
                }
            }
        }
    }
    claims
}

/// The parties named before a mutual-accusation cue: the last clause before it, split
/// on "et" ("L'Arménie et l'Azerbaïdjan" → two parties; "les deux camps" → one).
fn accusing_parties(before: &str) -> Vec<String> {
    let clause = before
        .rsplit([',', ';', ':', '('])
        .next()
        .unwrap_or("")
        .trim();
    let clause = clause.trim_start_matches(|c: char| !c.is_alphanumeric());
    if clause.is_empty() {
        return Vec::new();
    }
    let parts: Vec<String> = clause
        .split(" et ")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() >= 2 {
        parts
    } else {
        vec![clause.to_string()]
    }
}
