//! Named entities in French news: who and what a story is about.
//!
//! Two steps, two entry points:
//! - [`find_entities`] (per document): persons, organisations, places and countries from
//!   rules and gazetteers ([`recognize`]), grouped by referent inside the document
//!   ([`document`]). [`find_entities_with`] takes extra candidate spans from another
//!   source (a statistical recogniser) and uses them where the rules have no stronger
//!   evidence. This is the fallback that always works; it needs no model weights.
//! - [`merge_entities`] (story level): one entity per real-world referent across
//!   documents, with aliases, roles and documents ([`merge`]), and speakers and
//!   claimants renamed to the merged entity.
//!
//! All language knowledge (countries, capitals, places, organisations, titles, roles,
//! given names, demonyms, transliteration rules) is in `data/fr/`. Nothing here resolves
//! pronouns; that is the attribution stage's job.

pub mod document;
pub mod lexicon;
pub mod merge;
pub mod names;
pub mod recognize;
pub mod roles;
pub mod tokens;

pub use merge::merge_entities;

use recoupe_model::{DocEntity, EntityType, Mention, Sentence};

/// A span proposed by another recogniser: byte offsets into the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateSpan {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
}

/// Entities and mentions of one document, by rules and gazetteers.
pub fn find_entities(text: &str, sentences: &[Sentence]) -> (Vec<DocEntity>, Vec<Mention>) {
    find_entities_with(text, sentences, &[])
}

/// As [`find_entities`], with extra candidate spans. An extra span replaces the rule
/// candidates it overlaps unless one of them has list, title or role evidence; spans
/// that are empty, out of the text, off character boundaries or across sentences are
/// ignored.
pub fn find_entities_with(
    text: &str,
    sentences: &[Sentence],
    extra: &[CandidateSpan],
) -> (Vec<DocEntity>, Vec<Mention>) {
    let toks = tokens::tokenize(text);
    let ranges = sentence_token_ranges(text, &toks, sentences);
    let mut cands = recognize::candidates(text, &toks, &ranges);
    for x in extra {
        if x.start >= x.end || text.get(x.start..x.end).is_none() {
            continue;
        }
        let Some(sentence) = sentences
            .iter()
            .find(|s| s.start <= x.start && x.end <= s.end)
            .map(|s| s.index)
        else {
            continue;
        };
        let overlapping: Vec<usize> = (0..cands.len())
            .filter(|&i| cands[i].start < x.end && x.start < cands[i].end)
            .collect();
        if overlapping
            .iter()
            .any(|&i| cands[i].evidence >= recognize::Evidence::Title)
        {
            continue;
        }
        let mut k = 0;
        cands.retain(|_| {
            k += 1;
            !overlapping.contains(&(k - 1))
        });
        cands.push(recognize::Candidate {
            sentence,
            start: x.start,
            end: x.end,
            name_start: x.start,
            kind: x.kind,
            evidence: recognize::Evidence::Shape,
            known: merge::known_name(&text[x.start..x.end]),
            role: None,
            initial: false,
            subject: false,
            after_place_cue: false,
            actor: false,
        });
    }
    let (entities, mentions, _roles) = document::assemble(text, cands);
    (entities, mentions)
}

/// Token ranges of each sentence: (sentence index, first token, end token). Sentences
/// whose offsets do not fit the text are skipped; without sentences the whole text is
/// one.
fn sentence_token_ranges(
    text: &str,
    toks: &[tokens::Token],
    sentences: &[Sentence],
) -> Vec<(usize, usize, usize)> {
    if sentences.is_empty() {
        return if text.is_empty() {
            vec![]
        } else {
            vec![(0, 0, toks.len())]
        };
    }
    let mut out = Vec::new();
    for s in sentences {
        if s.start > s.end || s.end > text.len() {
            continue;
        }
        let a = toks.partition_point(|t| t.start < s.start);
        let b = toks.partition_point(|t| t.end <= s.end);
        if a < b {
            out.push((s.index, a, b));
        }
    }
    out
}
