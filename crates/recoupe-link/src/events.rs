//! Events: the day each document's event happened, read from the text.
//!
//! A news article tells of an incident on a day it names in its lead ("Plus de 40
//! manifestants ont été tués lundi au Caire"), often not its publication day. The
//! incident day of a document is the first full day named in its first
//! [`LEAD_SENTENCES`] sentences that lies in the week before its publication (an
//! earlier day is background, a later one an announcement); without one, its
//! publication day. A document with no publication date keeps a day only when its lead
//! names an absolute one; otherwise it has none, and nothing is invented.
//!
//! Stories use these days: documents whose incident days agree report the same event
//! even when they share fewer words ([`crate::stories`]).

use crate::profile::Corpus;
use chrono::NaiveDate;

/// Sentences of a document read for its incident day.
pub const LEAD_SENTENCES: usize = 5;
/// How far before publication an incident day may lie.
pub const INCIDENT_WINDOW_DAYS: i64 = 7;

/// The incident day of each document (`None` when the texts give none).
pub fn event_days(corpus: &Corpus) -> Vec<Option<NaiveDate>> {
    (0..corpus.documents.len())
        .map(|doc| {
            let published = corpus.documents[doc].published;
            let lead = corpus.sentences_of(doc).iter().take(LEAD_SENTENCES);
            let named = lead.flat_map(|s| s.days.iter().copied()).find(|d| {
                published.is_none_or(|p| {
                    let before = (p - *d).num_days();
                    (0..=INCIDENT_WINDOW_DAYS).contains(&before)
                })
            });
            named.or(published)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{DocumentProfile, SentenceProfile};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn corpus(published: Option<&str>, days: &[&[&str]]) -> Corpus {
        Corpus {
            sentences: days
                .iter()
                .enumerate()
                .map(|(i, ds)| SentenceProfile {
                    sentence: i,
                    days: ds.iter().map(|d| day(d)).collect(),
                    ..Default::default()
                })
                .collect(),
            documents: vec![DocumentProfile {
                published: published.map(day),
                ..Default::default()
            }],
        }
    }

    #[test]
    fn the_lead_names_the_incident_day() {
        // Published on Wednesday, the lead tells of Monday.
        let c = corpus(Some("2031-03-12"), &[&[], &["2031-03-10"], &["2031-03-12"]]);
        assert_eq!(event_days(&c), vec![Some(day("2031-03-10"))]);
    }

    #[test]
    fn background_and_announced_days_are_not_the_incident() {
        // A day a month earlier (background) and a day after publication (announced).
        let c = corpus(Some("2031-03-12"), &[&["2031-02-01"], &["2031-03-15"]]);
        assert_eq!(event_days(&c), vec![Some(day("2031-03-12"))]);
    }

    #[test]
    fn no_date_is_invented() {
        let c = corpus(None, &[&[], &[]]);
        assert_eq!(event_days(&c), vec![None]);
        let c = corpus(None, &[&["2031-03-10"]]);
        assert_eq!(event_days(&c), vec![Some(day("2031-03-10"))]);
    }
}
