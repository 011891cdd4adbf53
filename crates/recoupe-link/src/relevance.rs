//! Relevance: which documents of a pile are about its topic.
//!
//! A real pile holds pages that are not about its story: a scraped page about another
//! story, a page that is mostly reader comments on something else. The pile's topic is
//! its **topic entities**: the story-level entities (people, places, countries,
//! organisations) named in a large share of its documents. A document is on topic when
//! enough of its sentences name one of them; a document where almost none does is set
//! aside: listed in the report, kept in `documents`, but in no story, claim or timeline
//! entry.
//!
//! A pile too small to have a topic of its own ([`MIN_PILE`] documents) sets nothing
//! aside.

use crate::words::fold;
use recoupe_model::{Report, SetAside};
use std::collections::HashSet;

/// Fewer documents than this: no topic is read, nothing is set aside.
pub const MIN_PILE: usize = 8;
/// An entity named in at least this share of the documents is a topic entity.
const TOPIC_SHARE: f64 = 0.5;
/// At most this many topic entities (the most widely named).
const TOPIC_ENTITIES: usize = 12;
/// A document whose share of sentences naming a topic entity is below this is off
/// topic.
const MIN_TOPIC_DENSITY: f64 = 0.02;
/// Documents with fewer sentences than this are judged by whether they name the topic
/// at all.
const SHORT_DOCUMENT: usize = 50;

/// For each document, whether it is off the pile's topic, and why.
pub fn off_topic(report: &Report) -> Vec<Option<String>> {
    let n = report.documents.len();
    if n < MIN_PILE {
        return vec![None; n];
    }
    let mut entities: Vec<(usize, &recoupe_model::StoryEntity)> = report
        .entities
        .iter()
        .map(|e| (e.documents.len(), e))
        .filter(|(df, _)| *df as f64 >= TOPIC_SHARE * n as f64)
        .collect();
    entities.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.name.cmp(&b.1.name)));
    entities.truncate(TOPIC_ENTITIES);
    if entities.is_empty() {
        return vec![None; n];
    }
    let names: HashSet<String> = entities
        .iter()
        .flat_map(|(_, e)| e.aliases.iter().chain(std::iter::once(&e.name)))
        .map(|a| fold(a.trim()))
        .collect();
    let label = entities
        .iter()
        .take(3)
        .map(|(_, e)| e.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    report
        .documents
        .iter()
        .map(|d| {
            let total = d.sentences.len();
            if total == 0 {
                return None;
            }
            let on: HashSet<usize> = d
                .mentions
                .iter()
                .filter(|m| names.contains(&fold(m.text.trim())))
                .map(|m| m.sentence)
                .collect();
            let density = on.len() as f64 / total as f64;
            let off = if total < SHORT_DOCUMENT {
                on.is_empty()
            } else {
                density < MIN_TOPIC_DENSITY
            };
            off.then(|| {
                format!(
                    "off the pile's topic ({label}): {} of {total} sentences name it",
                    on.len()
                )
            })
        })
        .collect()
}

/// The report's list of documents set aside.
pub fn set_aside(report: &Report, off: &[Option<String>]) -> Vec<SetAside> {
    report
        .documents
        .iter()
        .zip(off)
        .filter_map(|(d, why)| {
            why.as_ref().map(|r| SetAside {
                document: d.id.clone(),
                reason: r.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use recoupe_model::{Document, EntityType, Mention, Sentence, StoryEntity};

    fn doc(id: &str, names: &[&str]) -> Document {
        let sentences: Vec<Sentence> = (0..4)
            .map(|i| Sentence {
                index: i,
                text: format!("Phrase {i}."),
                start: 0,
                end: 0,
            })
            .collect();
        Document {
            id: id.into(),
            mentions: names
                .iter()
                .enumerate()
                .map(|(i, n)| Mention {
                    entity: "e1".into(),
                    text: n.to_string(),
                    kind: EntityType::Country,
                    sentence: i,
                    start: 0,
                    end: 0,
                })
                .collect(),
            sentences,
            ..Default::default()
        }
    }

    fn pile(off: &[&str]) -> Report {
        let mut documents: Vec<Document> = (0..9)
            .map(|i| doc(&format!("d{i}"), &["Tchad", "N'Djamena"]))
            .collect();
        documents.push(doc("elsewhere", off));
        let ids: Vec<String> = documents.iter().take(9).map(|d| d.id.clone()).collect();
        Report {
            documents,
            entities: vec![StoryEntity {
                id: "e1".into(),
                name: "Tchad".into(),
                kind: EntityType::Country,
                aliases: vec!["N'Djamena".into()],
                documents: ids,
                roles: vec![],
            }],
            ..Default::default()
        }
    }

    #[test]
    fn a_page_that_never_names_the_topic_is_set_aside() {
        let r = pile(&["Islande"]);
        let off = off_topic(&r);
        assert!(off[..9].iter().all(Option::is_none));
        assert!(off[9].as_deref().unwrap().contains("Tchad"));
        assert_eq!(set_aside(&r, &off)[0].document, "elsewhere");
    }

    #[test]
    fn a_page_naming_the_topic_stays_and_small_piles_keep_everything() {
        let r = pile(&["Tchad"]);
        assert!(off_topic(&r).iter().all(Option::is_none));
        let mut small = pile(&["Islande"]);
        small.documents.drain(..5);
        assert!(off_topic(&small).iter().all(Option::is_none));
    }
}
