//! The data model shared by every stage of recoupe.
//!
//! Two families of types live here:
//! - [`Article`]: what ingest produces from one input (a file, a JSON Lines row), before
//!   any cleaning;
//! - [`Report`] and its parts: the story report of `CONTRACT.md`. Field names and meanings
//!   of the contract are stable; fields added beyond it are marked as such.
//!
//! Invariants the stages rely on:
//! - every `start`/`end` is a byte offset into the owning [`Document::text`], on a UTF-8
//!   character boundary, `start <= end`;
//! - every `sentence` field is an index into [`Document::sentences`];
//! - sentence `index` equals its position in `sentences`.
//!
//! This crate holds data only: no parsing, no I/O.

use serde::{Deserialize, Serialize};

/// The input format an article came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Txt,
    Html,
    Jsonl,
}

/// One article as read from its input, before cleaning.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    /// Document id: the file stem, or the `id` field of a JSON Lines row.
    pub id: String,
    /// Where it came from, for messages (`path` or `path:line`).
    pub origin: String,
    /// The body text: plain text as read, or the main text extracted from HTML.
    pub body: String,
    /// True when `body` was extracted from HTML (so line-level cleaning is lighter).
    pub from_html: bool,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// ISO date (`YYYY-MM-DD`) or a longer ISO timestamp as given.
    pub published: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
}

/// The story report (`CONTRACT.md`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub documents: Vec<Document>,
    pub entities: Vec<StoryEntity>,
    pub duplicates: Vec<DuplicateGroup>,
    pub document_duplicates: Vec<DocumentDuplicate>,
    pub stories: Vec<Story>,
    pub timeline: Vec<TimelineEntry>,
    pub claims: Vec<Claim>,
    /// Beyond the contract: inputs that could not be analysed, one line each.
    #[serde(default)]
    pub problems: Vec<InputProblem>,
    /// Beyond the contract: documents set aside as off the pile's topic (a scraped page
    /// about another story, a page of reader comments): listed, kept in `documents`,
    /// but in no story, claim or timeline entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<SetAside>,
}

/// A document set aside as off the pile's topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetAside {
    pub document: String,
    /// Why, in words.
    pub reason: String,
}

/// An input that could not be read or analysed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputProblem {
    /// The path (and line, for JSON Lines) of the input.
    pub input: String,
    /// Why, in words a user can act on.
    pub reason: String,
}

impl std::fmt::Display for InputProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.input, self.reason)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// The cleaned body: boilerplate removed, paragraphs kept.
    pub text: String,
    pub sentences: Vec<Sentence>,
    pub quotes: Vec<Quote>,
    pub entities: Vec<DocEntity>,
    pub mentions: Vec<Mention>,
    pub figures: Vec<Figure>,
    pub dates: Vec<DateMention>,
    /// Beyond the contract: ISO 639-1 code of the detected language, or null.
    #[serde(default)]
    pub language: Option<String>,
    /// Beyond the contract: where the document came from.
    #[serde(default)]
    pub origin: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    /// Beyond the contract: the lines cleaning removed, with the reason.
    #[serde(default)]
    pub removed: Vec<RemovedLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedLine {
    pub text: String,
    /// A short machine-readable reason, e.g. `ui-string`, `credit`, `foreign-script`.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub index: usize,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Indirect,
    Mixed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub kind: QuoteKind,
    pub sentence: usize,
    pub speaker: Option<Speaker>,
    pub via: Option<Relay>,
    /// Beyond the contract: byte span of `text` in the document text, when it is a slice of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The resolved, fullest name; null when unknown.
    pub name: Option<String>,
    /// The surface form in the sentence ("il", "le ministère").
    pub mention: String,
    pub entity: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relay {
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    Person,
    Organization,
    Location,
    Country,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocEntity {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub entity: String,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureCategory {
    Killed,
    Wounded,
    Missing,
    Arrested,
    Displaced,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    MoreThan,
    About,
    UpTo,
    /// Beyond the contract: "des dizaines", "des centaines": a vague count.
    Vague,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub value: f64,
    pub category: FigureCategory,
    pub qualifier: Qualifier,
    pub party: Option<String>,
    pub sentence: usize,
    pub claimed_by: Option<Claimant>,
    /// Beyond the contract: the words the figure was read from.
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claimant {
    pub name: String,
    pub entity: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub text: String,
    /// TimeML TIMEX3 value, or null when it cannot be resolved without inventing.
    pub value: Option<String>,
    pub sentence: usize,
    #[serde(default)]
    pub start: usize,
    #[serde(default)]
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryEntity {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub aliases: Vec<String>,
    pub documents: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateGroup {
    pub members: Vec<DuplicateMember>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateMember {
    pub document: String,
    pub sentence: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentDuplicate {
    pub documents: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub title: String,
    pub documents: Vec<String>,
    /// The day of the event the story reports (ISO), when the texts give it: the
    /// incident date its articles name, else their publication date.
    #[serde(default)]
    pub date: Option<String>,
    /// Beyond the contract: the documents' parties, when the story is a conflict
    /// between sides ("Armenia", "Azerbaijan"); claims carry one of these as `side`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sides: Vec<String>,
}

/// How one claim stands to another (`Claim::relations`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimRelation {
    /// The other claim's id.
    pub claim: String,
    /// `contradicts`, `corroborates` or `revises` (this claim revises the other).
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub date: String,
    pub text: String,
    pub documents: Vec<String>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Stable within the report (`k1`, `k2`…).
    #[serde(default)]
    pub id: String,
    pub text: String,
    pub claimed_by: Vec<String>,
    pub corroborated_by: Vec<String>,
    pub contradicted_by: Vec<String>,
    /// Beyond the contract: `statement` (an attributed quote), `figure` (a count),
    /// `accusation` (parties accusing each other) or `denial`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Beyond the contract: the document the claim was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// Beyond the contract: the sentence (index into that document's sentences).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<usize>,
    /// Beyond the contract: earlier figures, by the same claimant or outlet, that this
    /// one updates ("bien plus que le bilan initial de 49 morts"): a revision, not a
    /// contradiction.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revises: Vec<String>,
    /// Beyond the contract: later figures by the same claimant or outlet that update
    /// this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revised_by: Vec<String>,
    /// The party of the story the claimant speaks for, or null (mediators, observers,
    /// outlets).
    #[serde(default)]
    pub side: Option<String>,
    /// The story (event) the claim is about.
    #[serde(default)]
    pub story: Option<String>,
    /// Relations to other claims of the report.
    #[serde(default)]
    pub relations: Vec<ClaimRelation>,
    /// Beyond the contract: for a figure, the count it gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<ClaimCount>,
}

/// The count a figure claim gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimCount {
    pub value: f64,
    pub qualifier: Qualifier,
    pub category: FigureCategory,
    pub party: Option<String>,
    /// The words the count was read from ("au moins 105 militaires").
    pub words: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_report_has_every_contract_field() {
        let v = serde_json::to_value(Report::default()).unwrap();
        for key in [
            "documents",
            "entities",
            "duplicates",
            "document_duplicates",
            "stories",
            "timeline",
            "claims",
        ] {
            assert!(v.get(key).is_some_and(|x| x.is_array()), "missing {key}");
        }
    }

    #[test]
    fn document_fields_present_when_empty() {
        let v = serde_json::to_value(Document::default()).unwrap();
        for key in [
            "id",
            "title",
            "outlet",
            "published",
            "text",
            "sentences",
            "quotes",
            "entities",
            "mentions",
            "figures",
            "dates",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        assert!(v["title"].is_null());
    }

    #[test]
    fn enums_serialize_as_contract_words() {
        assert_eq!(
            serde_json::to_value(Qualifier::AtLeast).unwrap(),
            "at_least"
        );
        assert_eq!(serde_json::to_value(QuoteKind::Mixed).unwrap(), "mixed");
        assert_eq!(
            serde_json::to_value(EntityType::Organization).unwrap(),
            "organization"
        );
        assert_eq!(
            serde_json::to_value(FigureCategory::Killed).unwrap(),
            "killed"
        );
    }
}
