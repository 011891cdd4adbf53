//! Who said what: French quote finding and speaker resolution.
//!
//! [`find_quotes`] fills a document's quotes: direct quotations (« », “ ”, " ", ‹ ›),
//! indirect speech (speech and claim verbs with que-clauses, infinitives and noun
//! complements; "selon X", "d'après X") and mixed quotes (indirect speech with quoted
//! words), each with its speaker resolved to the fullest name the document gives, and
//! the relay ("a rapporté Reuters") apart as `via`.
//!
//! The pipeline: [`marks`] pairs quotation marks, [`tokens`] cuts words, [`frames`]
//! holds the grammar of speech frames, [`resolver::SpeakerResolver`] resolves
//! mentions; the words they use are data under `data/fr/` ([`lexicon`]). Scare quotes
//! and titles with no speech frame are left out. Nothing here reads other documents.

pub mod frames;
pub mod lexicon;
pub mod marks;
pub mod phrase;
pub mod resolver;
pub mod tokens;

pub use resolver::{Referent, ReferentKind, SpeakerResolver};

use recoupe_model::{Quote, QuoteKind, Relay, Sentence, Speaker};
use std::collections::HashMap;
use tokens::MarkRole;

/// Find the quotes of one document, with their speakers resolved inside the document.
///
/// Each quote is attached to the sentence where its text starts; quotes may run over
/// several sentences. Works whatever the segmentation (offsets are byte offsets into
/// `text`, as in `sentences`).
pub fn find_quotes(text: &str, sentences: &[Sentence]) -> Vec<Quote> {
    let spans = marks::find_quote_spans(text);
    let mut roles = HashMap::new();
    for (k, s) in spans.iter().enumerate() {
        roles.insert(s.open, MarkRole::Open(k));
        if s.close_mark {
            roles.insert(s.close, MarkRole::Close(k));
        }
    }
    let toks = tokens::tokenize_with_marks(text, &roles);
    let mut grammar = frames::DocumentGrammar::new(text, &toks, &spans);
    let mut found: Vec<frames::Found> = Vec::new();
    let mut previous_direct = None;
    for (us, ue) in grammar.units() {
        let f = grammar.unit_quotes(us, ue, previous_direct.take());
        previous_direct = f
            .iter()
            .rev()
            .find(|q| q.kind == QuoteKind::Direct && q.speaker.as_ref().is_some_and(|s| s.0.name.is_some()))
            .and_then(|q| q.speaker.clone());
        found.extend(f);
    }
    keep_best(&mut found);
    found
        .into_iter()
        .map(|f| {
            let speaker = f.speaker.map(|(r, mention)| Speaker {
                mention: if mention.is_empty() { r.name.clone().unwrap_or_default() } else { mention },
                name: r.name,
                entity: None,
            });
            Quote {
                text: f.text,
                kind: f.kind,
                sentence: sentence_of(sentences, f.start),
                speaker,
                via: f.via.map(|name| Relay { name }),
                span: Some((f.start, f.end)),
            }
        })
        .collect()
}

/// Drop quotes that overlap a better one (found by a stronger frame, or earlier).
fn keep_best(found: &mut Vec<frames::Found>) {
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(found[i].priority), i));
    let mut kept: Vec<usize> = Vec::new();
    for i in order {
        let a = &found[i];
        let clash = kept.iter().any(|&j| {
            let b = &found[j];
            let overlap = a.end.min(b.end).saturating_sub(a.start.max(b.start));
            let shorter = (a.end - a.start).min(b.end - b.start).max(1);
            overlap * 2 > shorter
        });
        if !clash {
            kept.push(i);
        }
    }
    kept.sort_unstable();
    let mut k = 0;
    let mut idx = 0;
    found.retain(|_| {
        let keep = kept.get(k) == Some(&idx);
        if keep {
            k += 1;
        }
        idx += 1;
        keep
    });
}

/// Index of the sentence holding byte offset `at` (the last one starting before it).
fn sentence_of(sentences: &[Sentence], at: usize) -> usize {
    let p = sentences.partition_point(|s| s.start <= at);
    sentences.get(p.saturating_sub(1)).map_or(0, |s| s.index)
}
