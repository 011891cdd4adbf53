//! Link: the only stage that sees every document. It reads the annotated documents of a
//! [`Report`] (text, sentences, quotes, figures, dates, publication date, outlet) and
//! fills the story-level arrays: sentence `duplicates`, `document_duplicates`,
//! `stories`, `timeline` and `claims`.
//!
//! Every step is sub-quadratic in documents and sentences: near-duplicate candidates
//! come from MinHash/LSH ([`candidates`]), story candidates from an inverted index of
//! each document's keywords, timeline sentences from the dates they mention. Nothing
//! here changes the documents; it does not build the story-level `entities` (it reads
//! them, when present, to tell speakers apart).
//!
//! ```text
//! documents ─► profile ─► duplicates ─────────────┐
//!                      ├► document_duplicates ──┬─► claims
//!                      ├► stories ──────────────┤
//!                      └► timeline ◄────────────┘ (duplicates give each entry its sources)
//! ```

pub mod candidates;
pub mod claims;
pub mod document_duplicates;
pub mod duplicates;
pub mod events;
pub mod piles;
pub mod profile;
pub mod relevance;
pub mod sides;
pub mod stories;
pub mod timeline;
pub mod words;

use recoupe_model::Report;
use std::collections::HashMap;

/// Days before the pile's first publication beyond which a date is background.
const BACKGROUND_DAYS: u64 = 365;

/// Options of the cross-document stage.
#[derive(Debug, Clone, Default)]
pub struct LinkOptions {
    /// At most this many dates in the timeline (all when `None`).
    pub timeline_dates: Option<usize>,
    /// At most this many sentences per timeline date (one when `None`).
    pub timeline_sentences: Option<usize>,
}

/// Fill the story-level parts of `report` from its documents.
pub fn link(report: &mut Report, options: &LinkOptions) {
    let corpus = profile::Corpus::build(report);
    let speakers = profile::SpeakerMatcher::new(&report.entities);

    let sentence_groups = duplicates::find_groups(&corpus, &speakers);
    duplicates::write_groups(report, &corpus, &sentence_groups);

    let vectors = stories::tfidf_vectors(&corpus, report.documents.len());
    let copies = document_duplicates::find_groups(report, &corpus, &vectors);
    document_duplicates::write_groups(report, &copies);

    let off = relevance::off_topic(report);
    let off_topic: Vec<bool> = off.iter().map(Option::is_some).collect();
    report.set_aside = relevance::set_aside(report, &off);
    let event_days = events::event_days(&corpus);
    let story_groups = stories::find_stories(&corpus, &vectors, &copies, &event_days, &off_topic);
    let story_of = stories::write_stories(report, &vectors, &story_groups, &event_days);

    let story_days: Vec<Option<chrono::NaiveDate>> = report
        .stories
        .iter()
        .map(|s| s.date.as_deref().and_then(profile::parse_day))
        .collect();
    let group_of: HashMap<usize, &[usize]> = sentence_groups
        .iter()
        .flat_map(|g| g.iter().map(move |&m| (m, g.as_slice())))
        .collect();
    let idf = timeline::idf_table(&corpus);
    // Days long before the pile's first publication are background, not events.
    let background_before = corpus
        .documents
        .iter()
        .filter_map(|d| d.published)
        .min()
        .and_then(|d| d.checked_sub_days(chrono::Days::new(BACKGROUND_DAYS)));
    report.timeline = timeline::build(
        report,
        &corpus,
        &timeline::Scope {
            excluded: &off_topic,
            background_before,
        },
        &idf,
        &group_of,
        options.timeline_dates,
        options.timeline_sentences,
    );

    let copy_of: HashMap<usize, usize> = copies
        .iter()
        .enumerate()
        .flat_map(|(k, g)| g.iter().map(move |&d| (d, k)))
        .collect();
    let context = claims::ClaimContext {
        corpus: &corpus,
        speakers: &speakers,
        group_of: &group_of,
        copy_of: &copy_of,
        story_of: &story_of,
        event_days: &event_days,
        off_topic: &off_topic,
        story_days: &story_days,
        vectors: &vectors,
    };
    let (claims, sides) = claims::build(report, &context);
    report.claims = claims;
    for (story, sides) in report.stories.iter_mut().zip(sides) {
        story.sides = sides;
    }
    // A story of set-aside documents only is no story of the pile.
    let aside: std::collections::HashSet<&str> = report
        .set_aside
        .iter()
        .map(|s| s.document.as_str())
        .collect();
    let keep: Vec<bool> = report
        .stories
        .iter()
        .map(|s| !s.documents.iter().all(|d| aside.contains(d.as_str())))
        .collect();
    let mut k = keep.iter();
    report.stories.retain(|_| *k.next().unwrap_or(&true));
}

#[cfg(test)]
mod tests;
