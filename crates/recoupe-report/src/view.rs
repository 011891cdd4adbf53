//! The story as a reader sees it: a [`StoryView`] built once from a finished
//! [`Report`], then drawn as Markdown, as a self-contained HTML file, or as the pages of
//! the web UI.
//!
//! Building the view only reads the report; it decides what goes where (summary,
//! timeline, who said what, figures, sources, entities, articles) and gives every line
//! the anchor of the sentence it came from (`#doc-ID-s12`, see [`sentence_anchor`]).
//! Sections whose stage produced nothing stay empty and the renderers leave them out.
//!
//! It does not escape anything: text stays as the report has it, and each renderer
//! escapes for its own output. It does not judge the analysis either: where the report
//! has `claims` or a `timeline`, those are shown as they are; only when they are absent
//! does the view fall back to what the per-document stages give (the most repeated
//! quotes, the sentences with a resolved date).

use recoupe_model::{
    Document, EntityType, Figure, FigureCategory, Qualifier, Quote, QuoteKind, Report, StoryEntity,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How many statements the summary shows at most.
const SUMMARY_LEN: usize = 6;
/// How many rows the timeline built from dated sentences keeps at most.
const FALLBACK_TIMELINE_LEN: usize = 60;
/// How many statements the sources matrix shows at most.
const MATRIX_ROWS: usize = 40;

/// The anchor of sentence `sentence` of document `document`: `doc-ID-sN`, where ID is
/// the document id with every byte outside `[A-Za-z0-9_-]` written `.XX` (hex), so that
/// any id gives a valid, unique fragment.
pub fn sentence_anchor(document: &str, sentence: usize) -> String {
    format!("{}-s{sentence}", document_anchor(document))
}

/// The anchor of a document's header in the articles section: `doc-ID`.
pub fn document_anchor(document: &str) -> String {
    let mut out = String::from("doc-");
    for b in document.bytes() {
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' {
            out.push(b as char);
        } else {
            out.push_str(&format!(".{b:02X}"));
        }
    }
    out
}

/// A link to one sentence of one article of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    pub document: String,
    pub sentence: usize,
    /// `doc-ID-sN`, without `#`.
    pub anchor: String,
    /// Short words for the link: the outlet (or document id) and the sentence number.
    pub label: String,
}

/// The whole report, arranged for reading.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StoryView {
    pub title: String,
    pub overview: Overview,
    /// The events of the pile, those with the most cross-checked claims first, each
    /// with its claims by side.
    pub events: Vec<EventView>,
    /// Documents set aside as off the pile's topic, with why.
    pub set_aside: Vec<(SourceRef, String)>,
    pub summary: Vec<SummaryItem>,
    /// Where the summary comes from: `claims`, `timeline` or `quotes`.
    pub summary_basis: String,
    pub timeline: Vec<TimelineRow>,
    /// True when the report had no timeline and the rows come from dated sentences.
    pub timeline_from_dates: bool,
    pub speakers: Vec<SpeakerView>,
    pub figures: Vec<FigureSeries>,
    pub sides: SideBySide,
    pub sources: SourcesMatrix,
    pub entities: Vec<EntityRow>,
    pub articles: Vec<ArticleView>,
    pub problems: Vec<String>,
}

/// One event (story) of the pile: what each side claims, and how the claims stand to
/// one another.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub articles: usize,
    /// The parties of the event, when it is a conflict between sides.
    pub parties: Vec<String>,
    /// One column per side (the parties first, then the claims of no side).
    pub sides: Vec<SideClaims>,
    /// Claims that contradict each other, side by side.
    pub disputes: Vec<(ClaimRow, ClaimRow)>,
    /// A claimant's later count and the one it updates (later, earlier).
    pub revisions: Vec<(ClaimRow, ClaimRow)>,
    /// Claims confirmed by an independent source.
    pub corroborations: Vec<(ClaimRow, ClaimRow)>,
}

/// The claims one side makes about an event.
#[derive(Debug, Clone, Serialize)]
pub struct SideClaims {
    /// The party, or "no side" (mediators, observers, outlets).
    pub side: String,
    pub claims: Vec<ClaimRow>,
}

/// One claim, ready to show.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimRow {
    pub id: String,
    /// `figure`, `statement`, `denial` or `accusation`.
    pub kind: String,
    pub text: String,
    pub claimant: String,
    /// The count in words ("at least 105 killed"), for a figure.
    pub figure: Option<String>,
    pub date: Option<String>,
    pub source: SourceRef,
    pub corroborated_by: Vec<String>,
    pub contradicted_by: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Overview {
    pub documents: usize,
    pub outlets: Vec<String>,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub quotes: usize,
    pub figures: usize,
    pub speakers: usize,
}

/// One statement of the summary.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryItem {
    pub text: String,
    /// Who said it (names), possibly empty.
    pub attributed_to: Vec<String>,
    pub date: Option<String>,
    pub sources: Vec<SourceRef>,
    /// Who corroborates and who contradicts it, as the report names them (claims only).
    pub corroborated_by: Vec<String>,
    pub contradicted_by: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineRow {
    /// A TimeML value as the report has it (`2022-08-03`, `2020-11`, `2021-11-16T17:30`).
    pub date: String,
    pub text: String,
    pub sources: Vec<SourceRef>,
    /// Outlets (or relays) that reported it.
    pub outlets: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SpeakerView {
    pub name: String,
    /// Roles as the articles describe them ("le porte-parole du Kremlin").
    pub roles: Vec<String>,
    /// Other names the speaker goes by in the articles.
    pub aliases: Vec<String>,
    pub quotes: Vec<QuoteRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteRow {
    pub text: String,
    pub kind: String,
    pub speaker: String,
    /// The words of the article that name the speaker ("il", "le ministère").
    pub mention: String,
    pub via: Option<String>,
    pub outlet: String,
    pub date: Option<String>,
    pub source: SourceRef,
    /// How many other sentences report the same statement.
    pub repeated: usize,
}

/// Every figure given for one party and one category, with the revisions and disputes
/// between them.
#[derive(Debug, Clone, Serialize)]
pub struct FigureSeries {
    /// The event (story id) the figures are of, when the report has stories.
    pub event: Option<String>,
    pub party: String,
    pub category: String,
    pub rows: Vec<FigureRow>,
    /// Several values, and no two claimants disagree: a toll that was updated.
    pub revised: bool,
    /// Several values from different named claimants.
    pub disputed: bool,
    /// "49 → at least 105": the values in order, when a named party has several.
    pub revision: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureRow {
    pub value: f64,
    /// The value with its qualifier in words: "at least 105".
    pub label: String,
    pub qualifier: String,
    pub claimant: Option<String>,
    pub date: Option<String>,
    pub words: String,
    pub outlet: String,
    pub source: SourceRef,
}

/// Casualty claims by side: one column per party, one row per category.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SideBySide {
    pub parties: Vec<String>,
    pub rows: Vec<SideRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SideRow {
    pub category: String,
    /// One cell per party, in the order of [`SideBySide::parties`].
    pub cells: Vec<Vec<FigureRow>>,
}

/// Which outlet reported which statement.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SourcesMatrix {
    pub columns: Vec<SourceColumn>,
    pub rows: Vec<MatrixRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceColumn {
    pub document: String,
    pub label: String,
    pub anchor: String,
    /// The other documents this one is a copy of (same dispatch republished).
    pub copy_of: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub text: String,
    pub speaker: Option<String>,
    /// One cell per column.
    pub cells: Vec<MatrixCell>,
    pub reported_by: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixCell {
    /// `own`: the document reports it in its own sentence; `copy`: it does, but the
    /// document is a copy of another that also does (wire copy); `none`: absent.
    pub kind: String,
    pub source: Option<SourceRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntityRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub documents: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    pub id: String,
    pub anchor: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// The article's address, only when it is an `http` or `https` URL.
    pub url: Option<String>,
    pub author: Option<String>,
    pub copy_of: Vec<String>,
    pub paragraphs: Vec<Vec<SentenceView>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SentenceView {
    pub index: usize,
    pub anchor: String,
    pub text: String,
    /// The sentence holds a quote.
    pub quoted: bool,
}

/// A lookup from speaker names (and entity ids) to the story entity they belong to.
struct EntityIndex<'a> {
    by_id: HashMap<&'a str, &'a StoryEntity>,
    by_name: HashMap<String, &'a StoryEntity>,
}

impl<'a> EntityIndex<'a> {
    fn new(entities: &'a [StoryEntity]) -> Self {
        let mut by_id = HashMap::new();
        let mut by_name = HashMap::new();
        for e in entities {
            by_id.insert(e.id.as_str(), e);
            by_name.entry(fold(&e.name)).or_insert(e);
            for a in &e.aliases {
                by_name.entry(fold(a)).or_insert(e);
            }
        }
        EntityIndex { by_id, by_name }
    }

    fn find(&self, entity: Option<&str>, name: &str) -> Option<&'a StoryEntity> {
        entity
            .and_then(|id| self.by_id.get(id).copied())
            .or_else(|| self.by_name.get(&fold(name)).copied())
    }
}

/// Lowercase and trimmed, for comparing names.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The label of a document in links and column heads: its outlet, else its id.
fn document_label(d: &Document) -> String {
    match &d.outlet {
        Some(o) if !o.trim().is_empty() => o.trim().to_string(),
        _ => d.id.clone(),
    }
}

fn source_ref(d: &Document, sentence: usize) -> SourceRef {
    SourceRef {
        document: d.id.clone(),
        sentence,
        anchor: sentence_anchor(&d.id, sentence),
        label: format!("{} §{}", document_label(d), sentence + 1),
    }
}

/// The resolved date of sentence `sentence` (a day or a month, the first one named), else
/// the publication date of the document.
fn sentence_date(d: &Document, sentence: usize) -> Option<String> {
    d.dates
        .iter()
        .filter(|m| m.sentence == sentence)
        .filter_map(|m| m.value.as_deref())
        .find(|v| is_calendar_date(v))
        .map(|v| v.get(..10).unwrap_or(v).to_string())
        .or_else(|| {
            d.published
                .as_deref()
                .map(|p| p.get(..10).unwrap_or(p).to_string())
        })
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or longer (`…T17:30`): a value a timeline can place.
pub fn is_calendar_date(v: &str) -> bool {
    let b = v.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    digits(0..4)
        && (b.len() == 4
            || (b.get(4) == Some(&b'-')
                && digits(5..7)
                && (b.len() == 7 || (b.get(7) == Some(&b'-') && digits(8..10)))))
}

fn qualifier_word(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "exact",
        Qualifier::AtLeast => "at_least",
        Qualifier::MoreThan => "more_than",
        Qualifier::About => "about",
        Qualifier::UpTo => "up_to",
        Qualifier::Vague => "vague",
    }
}

/// A number as people write it: `105`, `6 500`, `2.5`.
pub fn number_words(v: f64) -> String {
    if v.fract() != 0.0 || !v.is_finite() || v.abs() >= 1e15 {
        return format!("{v}");
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if v < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

/// The value of a figure with its qualifier: "at least 105", "about 6 500".
pub fn figure_label(f: &Figure) -> String {
    let n = number_words(f.value);
    match f.qualifier {
        Qualifier::Exact => n,
        Qualifier::AtLeast => format!("at least {n}"),
        Qualifier::MoreThan => format!("more than {n}"),
        Qualifier::About => format!("about {n}"),
        Qualifier::UpTo => format!("up to {n}"),
        Qualifier::Vague => format!("{n}s (vague)"),
    }
}

pub fn category_word(c: FigureCategory) -> &'static str {
    match c {
        FigureCategory::Killed => "killed",
        FigureCategory::Wounded => "wounded",
        FigureCategory::Missing => "missing",
        FigureCategory::Arrested => "arrested",
        FigureCategory::Displaced => "displaced",
        FigureCategory::Other => "other",
    }
}

fn kind_word(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    }
}

fn entity_word(k: EntityType) -> &'static str {
    match k {
        EntityType::Person => "person",
        EntityType::Organization => "organization",
        EntityType::Location => "location",
        EntityType::Country => "country",
    }
}

/// The part of a speaker mention that describes a role: "le porte-parole du Kremlin"
/// for the speaker Dmitri Peskov. Pronouns, bare names and mentions that only repeat
/// part of the name give none.
fn role_of_mention(mention: &str, name: &str) -> Option<String> {
    let mention = mention
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c.is_ascii_punctuation() && c != '\'' && c != '.')
        .to_string();
    let folded_name = fold(name);
    let mut role = mention.clone();
    // "le secrétaire d'Etat américain Antony Blinken": the words before the name.
    if let Some(at) = role.to_lowercase().find(&folded_name) {
        if at > 0 {
            role = role.get(..at).unwrap_or("").trim().to_string();
        } else {
            return None;
        }
    }
    let role = role.trim_end_matches([',', ';', ':']).trim().to_string();
    let words: Vec<&str> = role.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() < 2 || role.contains("-t-") {
        return None;
    }
    // "le ministère" for "ministère russe de la Défense": only part of the name.
    let rest = fold(&words[1..].join(" "));
    if folded_name.contains(&rest) {
        return None;
    }
    // A mention that still holds part of the name ("Martin et Durand" for Julie
    // Martin) names people rather than describing a role.
    let name_words: Vec<String> = folded_name
        .split(' ')
        .filter(|w| w.chars().count() > 2)
        .map(str::to_string)
        .collect();
    if words.iter().any(|w| name_words.contains(&fold(w))) {
        return None;
    }
    Some(role)
}

/// A sentence of the story: document id and sentence index.
type SentenceKey = (String, usize);

/// Two descriptions of the same role: equal once folded, or one ends the other ("la
/// maire de Valmont" and "maire de Valmont").
fn same_role(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    a.ends_with(&b) || b.ends_with(&a)
}

/// (document index, sentence) of every sentence that is in a duplicate group, with the
/// group's index.
fn duplicate_groups(report: &Report) -> (HashMap<SentenceKey, usize>, Vec<Vec<SentenceKey>>) {
    let mut of = HashMap::new();
    let mut groups = Vec::new();
    for (g, group) in report.duplicates.iter().enumerate() {
        let members: Vec<(String, usize)> = group
            .members
            .iter()
            .map(|m| (m.document.clone(), m.sentence))
            .collect();
        for m in &members {
            of.insert(m.clone(), g);
        }
        groups.push(members);
    }
    (of, groups)
}

/// Build the view of a report.
pub fn build(report: &Report) -> StoryView {
    let docs: HashMap<&str, &Document> = report
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    let index = EntityIndex::new(&report.entities);
    let (group_of, groups) = duplicate_groups(report);
    let copies = copies_of(report);

    let speakers = speakers(report, &index, &group_of, &groups);
    let overview = overview(report, &speakers);
    let events = events(report);
    let set_aside = report
        .set_aside
        .iter()
        .filter_map(|s| {
            docs.get(s.document.as_str())
                .map(|d| (source_ref(d, 0), s.reason.clone()))
        })
        .collect();
    let (summary, summary_basis) = summary(report, &docs, &speakers);
    let (timeline, timeline_from_dates) = timeline(report, &docs, &group_of);
    let figures = figure_series(report);
    let sides = side_by_side(&figures);
    let sources = sources_matrix(report, &docs, &index, &group_of, &groups, &copies);
    let entities = entities(report);
    let articles = articles(report, &copies);
    StoryView {
        title: story_title(report),
        overview,
        events,
        set_aside,
        summary,
        summary_basis,
        timeline,
        timeline_from_dates,
        speakers,
        figures,
        sides,
        sources,
        entities,
        articles,
        problems: report.problems.iter().map(|p| p.to_string()).collect(),
    }
}

/// Events shown at most.
const EVENTS_LEN: usize = 12;
/// Claims shown per side of an event at most.
const SIDE_CLAIMS_LEN: usize = 8;
/// Pairs of each relation shown per event at most.
const PAIRS_LEN: usize = 10;
/// The label of the claims no party makes.
pub const NO_SIDE: &str = "no side";

/// The events of the pile with their claims by side, those with the most cross-checked
/// claims first.
pub fn events(report: &Report) -> Vec<EventView> {
    let docs: HashMap<&str, &Document> = report
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    let by_id: HashMap<&str, &recoupe_model::Claim> =
        report.claims.iter().map(|c| (c.id.as_str(), c)).collect();
    let row = |c: &recoupe_model::Claim| -> Option<ClaimRow> {
        let d = docs.get(c.document.as_deref()?)?;
        let sentence = c.sentence.unwrap_or(0);
        let figure = c.count.as_ref().map(|n| {
            let f = Figure {
                value: n.value,
                category: n.category,
                qualifier: n.qualifier,
                party: n.party.clone(),
                sentence,
                claimed_by: None,
                text: n.words.clone(),
            };
            format!("{} {}", figure_label(&f), category_word(f.category))
        });
        Some(ClaimRow {
            id: c.id.clone(),
            kind: c.kind.clone().unwrap_or_else(|| "statement".into()),
            text: c.text.clone(),
            claimant: c.claimed_by.join(", "),
            figure,
            date: sentence_date(d, sentence),
            source: source_ref(d, sentence),
            corroborated_by: c.corroborated_by.clone(),
            contradicted_by: c.contradicted_by.clone(),
        })
    };
    let mut out: Vec<(usize, EventView)> = Vec::new();
    for story in &report.stories {
        let claims: Vec<&recoupe_model::Claim> = report
            .claims
            .iter()
            .filter(|c| c.story.as_deref() == Some(story.id.as_str()))
            .collect();
        if claims.is_empty() {
            continue;
        }
        let mut disputes = Vec::new();
        let mut revisions = Vec::new();
        let mut corroborations = Vec::new();
        let mut seen = BTreeSet::new();
        for c in &claims {
            for r in &c.relations {
                let Some(other) = by_id.get(r.claim.as_str()) else {
                    continue;
                };
                let key = if r.kind == "revises" {
                    (r.kind.clone(), c.id.clone(), other.id.clone())
                } else {
                    let (a, b) = if c.id < other.id {
                        (&c.id, &other.id)
                    } else {
                        (&other.id, &c.id)
                    };
                    (r.kind.clone(), a.clone(), b.clone())
                };
                if !seen.insert(key) {
                    continue;
                }
                let (Some(a), Some(b)) = (row(c), row(other)) else {
                    continue;
                };
                match r.kind.as_str() {
                    "contradicts" => disputes.push((a, b)),
                    "revises" => revisions.push((a, b)),
                    "corroborates" => corroborations.push((a, b)),
                    _ => {}
                }
            }
        }
        let weight = |c: &recoupe_model::Claim| {
            let rel = |k: &str| c.relations.iter().filter(|r| r.kind == k).count();
            (rel("contradicts") * 3 + rel("revises") * 2 + rel("corroborates")) * 4
                + usize::from(c.kind.as_deref() == Some("figure")) * 2
                + usize::from(c.side.is_some())
        };
        let mut labels: Vec<String> = story.sides.clone();
        for c in &claims {
            if let Some(s) = &c.side {
                if !labels.contains(s) {
                    labels.push(s.clone());
                }
            }
        }
        labels.push(NO_SIDE.to_string());
        let sides: Vec<SideClaims> = labels
            .into_iter()
            .map(|label| {
                let mut mine: Vec<&&recoupe_model::Claim> = claims
                    .iter()
                    .filter(|c| c.side.as_deref().unwrap_or(NO_SIDE) == label)
                    .collect();
                mine.sort_by_key(|c| std::cmp::Reverse(weight(c)));
                SideClaims {
                    side: label,
                    claims: mine
                        .into_iter()
                        .take(SIDE_CLAIMS_LEN)
                        .filter_map(|c| row(c))
                        .collect(),
                }
            })
            .filter(|s| !s.claims.is_empty())
            .collect();
        let score = disputes.len() * 3 + revisions.len() * 2 + corroborations.len();
        disputes.truncate(PAIRS_LEN);
        revisions.truncate(PAIRS_LEN);
        corroborations.truncate(PAIRS_LEN);
        out.push((
            score * 100 + story.documents.len(),
            EventView {
                id: story.id.clone(),
                title: story.title.clone(),
                date: story.date.clone(),
                articles: story.documents.len(),
                parties: story.sides.clone(),
                sides,
                disputes,
                revisions,
                corroborations,
            },
        ));
    }
    out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.date.cmp(&b.1.date)));
    out.into_iter().take(EVENTS_LEN).map(|(_, e)| e).collect()
}

fn story_title(report: &Report) -> String {
    match report.stories.iter().max_by_key(|s| s.documents.len()) {
        Some(s) if s.documents.len() > 1 && !s.title.trim().is_empty() => s.title.clone(),
        _ => "Story report".to_string(),
    }
}

fn overview(report: &Report, speakers: &[SpeakerView]) -> Overview {
    let docs = &report.documents;
    let outlets: BTreeSet<String> = docs
        .iter()
        .filter_map(|d| d.outlet.as_deref())
        .filter(|o| !o.trim().is_empty())
        .map(|o| o.trim().to_string())
        .collect();
    let mut published: Vec<&str> = docs.iter().filter_map(|d| d.published.as_deref()).collect();
    published.sort_unstable();
    Overview {
        documents: docs.len(),
        outlets: outlets.into_iter().collect(),
        first_published: published.first().map(|s| s.to_string()),
        last_published: published.last().map(|s| s.to_string()),
        quotes: docs.iter().map(|d| d.quotes.len()).sum(),
        figures: docs.iter().map(|d| d.figures.len()).sum(),
        speakers: speakers.iter().filter(|s| !s.name.is_empty()).count(),
    }
}

/// The documents each document is a copy of, from `document_duplicates`.
fn copies_of(report: &Report) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for g in &report.document_duplicates {
        for d in &g.documents {
            let others = g.documents.iter().filter(|o| *o != d).cloned();
            out.entry(d.clone()).or_default().extend(others);
        }
    }
    for v in out.values_mut() {
        v.sort();
        v.dedup();
    }
    out
}

/// The name a quote is filed under: the story entity's name when the speaker belongs
/// to one, else the resolved name; `None` when the speaker is unknown.
fn speaker_key(q: &Quote, index: &EntityIndex) -> Option<(String, Option<String>)> {
    let s = q.speaker.as_ref()?;
    let name = s.name.as_deref().filter(|n| !n.trim().is_empty())?;
    match index.find(s.entity.as_deref(), name) {
        Some(e) => Some((e.name.clone(), Some(e.id.clone()))),
        None => Some((name.trim().to_string(), None)),
    }
}

fn speakers(
    report: &Report,
    index: &EntityIndex,
    group_of: &HashMap<(String, usize), usize>,
    groups: &[Vec<(String, usize)>],
) -> Vec<SpeakerView> {
    struct Acc {
        roles: Vec<String>,
        aliases: BTreeSet<String>,
        quotes: Vec<QuoteRow>,
    }
    let mut by_name: BTreeMap<String, Acc> = BTreeMap::new();
    let mut unknown = Vec::new();
    for d in &report.documents {
        for q in &d.quotes {
            let repeated = group_of
                .get(&(d.id.clone(), q.sentence))
                .map(|g| groups[*g].len().saturating_sub(1))
                .unwrap_or(0);
            let key = speaker_key(q, index);
            let mention = q
                .speaker
                .as_ref()
                .map(|s| s.mention.clone())
                .unwrap_or_default();
            let row = QuoteRow {
                text: q.text.clone(),
                kind: kind_word(q.kind).to_string(),
                speaker: key.as_ref().map(|k| k.0.clone()).unwrap_or_default(),
                mention: mention.clone(),
                via: q.via.as_ref().map(|v| v.name.clone()),
                outlet: document_label(d),
                date: sentence_date(d, q.sentence),
                source: source_ref(d, q.sentence),
                repeated,
            };
            let Some((name, entity)) = key else {
                unknown.push(row);
                continue;
            };
            let acc = by_name.entry(name.clone()).or_insert_with(|| Acc {
                roles: entity
                    .as_deref()
                    .and_then(|id| index.by_id.get(id))
                    .map(|e| e.roles.clone())
                    .unwrap_or_default(),
                aliases: BTreeSet::new(),
                quotes: Vec::new(),
            });
            if let Some(resolved) = q.speaker.as_ref().and_then(|s| s.name.as_deref()) {
                if fold(resolved) != fold(&name) {
                    acc.aliases.insert(resolved.trim().to_string());
                }
                if let Some(role) = role_of_mention(&mention, resolved) {
                    if !acc.roles.iter().any(|r| same_role(r, &role)) {
                        acc.roles.push(role);
                    }
                }
            }
            acc.quotes.push(row);
        }
    }
    let mut out: Vec<SpeakerView> = by_name
        .into_iter()
        .map(|(name, acc)| SpeakerView {
            name,
            roles: acc.roles,
            aliases: acc.aliases.into_iter().collect(),
            quotes: acc.quotes,
        })
        .collect();
    out.sort_by(|a, b| {
        b.quotes
            .len()
            .cmp(&a.quotes.len())
            .then(a.name.cmp(&b.name))
    });
    if !unknown.is_empty() {
        out.push(SpeakerView {
            name: String::new(),
            roles: Vec::new(),
            aliases: Vec::new(),
            quotes: unknown,
        });
    }
    out
}

/// Points a claim's `claimed_by`/`corroborated_by` entries (document ids, or names)
/// back at documents where it can.
fn claim_sources(names: &[&String], docs: &HashMap<&str, &Document>, text: &str) -> Vec<SourceRef> {
    let mut out = Vec::new();
    for n in names {
        if let Some(d) = docs.get(n.as_str()) {
            out.push(locate(d, text));
        }
    }
    out
}

/// The sentence of `d` that holds `text` (or is held in it), else its first sentence.
fn locate(d: &Document, text: &str) -> SourceRef {
    let t = fold(text);
    let found = d.sentences.iter().find(|s| {
        let st = fold(&s.text);
        !st.is_empty() && (st.contains(&t) || t.contains(&st))
    });
    source_ref(d, found.map(|s| s.index).unwrap_or(0))
}

fn summary(
    report: &Report,
    docs: &HashMap<&str, &Document>,
    speakers: &[SpeakerView],
) -> (Vec<SummaryItem>, String) {
    if !report.claims.is_empty() {
        let mut claims: Vec<_> = report.claims.iter().collect();
        claims.sort_by_key(|c| {
            std::cmp::Reverse(
                c.corroborated_by.len() * 2 + c.contradicted_by.len() * 3 + c.claimed_by.len(),
            )
        });
        let items = claims
            .into_iter()
            .take(SUMMARY_LEN)
            .map(|c| {
                let named: Vec<&String> = c.claimed_by.iter().chain(&c.corroborated_by).collect();
                SummaryItem {
                    text: c.text.clone(),
                    attributed_to: c.claimed_by.clone(),
                    date: None,
                    sources: claim_sources(&named, docs, &c.text),
                    corroborated_by: c.corroborated_by.clone(),
                    contradicted_by: c.contradicted_by.clone(),
                }
            })
            .collect();
        return (items, "claims".into());
    }
    if !report.timeline.is_empty() {
        let mut rows: Vec<_> = report.timeline.iter().collect();
        rows.sort_by_key(|t| std::cmp::Reverse(t.documents.len() + t.sources.len()));
        let mut items: Vec<SummaryItem> = rows
            .into_iter()
            .take(SUMMARY_LEN)
            .map(|t| SummaryItem {
                text: t.text.clone(),
                attributed_to: Vec::new(),
                date: Some(t.date.clone()),
                sources: t
                    .documents
                    .iter()
                    .filter_map(|id| docs.get(id.as_str()))
                    .map(|d| locate(d, &t.text))
                    .collect(),
                corroborated_by: Vec::new(),
                contradicted_by: Vec::new(),
            })
            .collect();
        items.sort_by(|a, b| a.date.cmp(&b.date));
        return (items, "timeline".into());
    }
    // The most repeated statements with a known speaker, one per speaker, direct words
    // first.
    let mut candidates: Vec<&QuoteRow> = speakers
        .iter()
        .filter(|s| !s.name.is_empty())
        .flat_map(|s| s.quotes.iter())
        .collect();
    candidates.sort_by(|a, b| {
        b.repeated
            .cmp(&a.repeated)
            .then((b.kind == "direct").cmp(&(a.kind == "direct")))
            .then(b.text.len().min(240).cmp(&a.text.len().min(240)))
    });
    let mut seen = BTreeSet::new();
    let mut items = Vec::new();
    for q in candidates {
        if items.len() >= SUMMARY_LEN {
            break;
        }
        if !seen.insert(q.speaker.clone()) {
            continue;
        }
        items.push(SummaryItem {
            text: q.text.clone(),
            attributed_to: vec![q.speaker.clone()],
            date: q.date.clone(),
            sources: vec![q.source.clone()],
            corroborated_by: Vec::new(),
            contradicted_by: Vec::new(),
        });
    }
    items.sort_by(|a, b| a.date.cmp(&b.date));
    (items, "quotes".into())
}

fn timeline(
    report: &Report,
    docs: &HashMap<&str, &Document>,
    group_of: &HashMap<(String, usize), usize>,
) -> (Vec<TimelineRow>, bool) {
    if !report.timeline.is_empty() {
        let mut rows: Vec<TimelineRow> = report
            .timeline
            .iter()
            .map(|t| {
                let found: Vec<&Document> = t
                    .documents
                    .iter()
                    .filter_map(|id| docs.get(id.as_str()).copied())
                    .collect();
                TimelineRow {
                    date: t.date.clone(),
                    text: t.text.clone(),
                    sources: found.iter().map(|d| locate(d, &t.text)).collect(),
                    outlets: if t.sources.is_empty() {
                        found.iter().filter_map(|d| d.outlet.clone()).collect()
                    } else {
                        t.sources.clone()
                    },
                }
            })
            .collect();
        rows.sort_by(|a, b| a.date.cmp(&b.date));
        return (rows, false);
    }
    // No timeline from the linking stage: every sentence with a resolved day (or month),
    // once per statement.
    let mut rows: Vec<TimelineRow> = Vec::new();
    let mut seen_groups = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for d in &report.documents {
        for m in &d.dates {
            let Some(v) = m
                .value
                .as_deref()
                .filter(|v| is_calendar_date(v) && v.len() >= 7)
            else {
                continue;
            };
            let Some(s) = d.sentences.get(m.sentence) else {
                continue;
            };
            if let Some(g) = group_of.get(&(d.id.clone(), m.sentence)) {
                if !seen_groups.insert(*g) {
                    continue;
                }
            }
            if !seen.insert((d.id.clone(), m.sentence)) {
                continue;
            }
            rows.push(TimelineRow {
                date: v.get(..10).unwrap_or(v).to_string(),
                text: s.text.clone(),
                sources: vec![source_ref(d, m.sentence)],
                outlets: d.outlet.iter().cloned().collect(),
            });
        }
    }
    rows.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.sources[0].label.cmp(&b.sources[0].label))
    });
    rows.truncate(FALLBACK_TIMELINE_LEN);
    (rows, true)
}

fn figure_series(report: &Report) -> Vec<FigureSeries> {
    // Figures of different events say nothing about one another: one series per event,
    // party and category; disputes and revisions are the claims' own relations.
    let story_of: HashMap<&str, &str> = report
        .stories
        .iter()
        .flat_map(|s| s.documents.iter().map(move |d| (d.as_str(), s.id.as_str())))
        .collect();
    let mut related: HashMap<(&str, usize), BTreeSet<&str>> = HashMap::new();
    for c in &report.claims {
        if c.kind.as_deref() != Some("figure") {
            continue;
        }
        if let (Some(d), Some(s)) = (c.document.as_deref(), c.sentence) {
            related
                .entry((d, s))
                .or_default()
                .extend(c.relations.iter().map(|r| r.kind.as_str()));
        }
    }
    let aside: BTreeSet<&str> = report
        .set_aside
        .iter()
        .map(|s| s.document.as_str())
        .collect();
    let mut by_key: BTreeMap<(Option<String>, String, &'static str), Vec<FigureRow>> =
        BTreeMap::new();
    let mut kinds: HashMap<(Option<String>, String, &'static str), BTreeSet<&str>> = HashMap::new();
    for d in &report.documents {
        if aside.contains(d.id.as_str()) {
            continue;
        }
        let event = story_of.get(d.id.as_str()).map(|s| s.to_string());
        for f in &d.figures {
            let party = f.party.clone().unwrap_or_default();
            let row = FigureRow {
                value: f.value,
                label: figure_label(f),
                qualifier: qualifier_word(f.qualifier).to_string(),
                claimant: f.claimed_by.as_ref().map(|c| c.name.clone()),
                date: sentence_date(d, f.sentence),
                words: f.text.clone(),
                outlet: document_label(d),
                source: source_ref(d, f.sentence),
            };
            let key = (event.clone(), party, category_word(f.category));
            if let Some(k) = related.get(&(d.id.as_str(), f.sentence)) {
                kinds
                    .entry(key.clone())
                    .or_default()
                    .extend(k.iter().copied());
            }
            by_key.entry(key).or_default().push(row);
        }
    }
    let mut out: Vec<FigureSeries> = by_key
        .into_iter()
        .map(|(key, mut rows)| {
            let relations = kinds.get(&key).cloned().unwrap_or_default();
            let (event, party, category) = key;
            // Earliest first; a cumulative toll only grows, so on the same day the
            // smaller value comes first.
            rows.sort_by(|a, b| {
                a.date
                    .cmp(&b.date)
                    .then(a.value.total_cmp(&b.value))
                    .then(a.source.label.cmp(&b.source.label))
            });
            let mut values: Vec<f64> = rows.iter().map(|r| r.value).collect();
            values.dedup();
            let several = {
                let mut v = values.clone();
                v.sort_by(f64::total_cmp);
                v.dedup();
                v.len() > 1
            };
            let (disputed, revised) = if report.claims.is_empty() {
                // A report without its cross-check: several values from different
                // named claimants are a dispute, from one a revision.
                let claimants: BTreeSet<String> = rows
                    .iter()
                    .filter_map(|r| r.claimant.as_deref())
                    .map(fold)
                    .collect();
                let disputed = several && claimants.len() > 1 && !party.is_empty();
                (disputed, several && !disputed && !party.is_empty())
            } else {
                let disputed = relations.contains("contradicts");
                (disputed, relations.contains("revises") && !disputed)
            };
            // Values of different parties' tolls or of unrelated events say nothing
            // about one another: a revision line only for a named party.
            let revision = (several && !party.is_empty()).then(|| {
                let mut labels: Vec<&str> = Vec::new();
                for r in &rows {
                    if labels.last() != Some(&r.label.as_str()) {
                        labels.push(&r.label);
                    }
                }
                labels.join(" → ")
            });
            FigureSeries {
                event,
                party,
                category: category.to_string(),
                rows,
                revised,
                disputed,
                revision,
            }
        })
        .collect();
    // Named parties first, then the figures whose party is not stated.
    out.sort_by(|a, b| {
        a.party
            .is_empty()
            .cmp(&b.party.is_empty())
            .then(a.party.cmp(&b.party))
    });
    out
}

fn side_by_side(series: &[FigureSeries]) -> SideBySide {
    let parties: Vec<String> = series
        .iter()
        .filter(|s| !s.party.is_empty())
        .map(|s| s.party.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if parties.len() < 2 {
        return SideBySide::default();
    }
    let mut categories: Vec<&str> = series
        .iter()
        .filter(|s| !s.party.is_empty())
        .map(|s| s.category.as_str())
        .collect();
    categories.sort_by_key(|c| CATEGORY_ORDER.iter().position(|x| x == c));
    categories.dedup();
    let rows = categories
        .into_iter()
        .map(|c| SideRow {
            category: c.to_string(),
            cells: parties
                .iter()
                .map(|p| {
                    series
                        .iter()
                        .find(|s| &s.party == p && s.category == c)
                        .map(|s| s.rows.clone())
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect();
    SideBySide { parties, rows }
}

const CATEGORY_ORDER: [&str; 6] = [
    "killed",
    "wounded",
    "missing",
    "arrested",
    "displaced",
    "other",
];

fn sources_matrix(
    report: &Report,
    docs: &HashMap<&str, &Document>,
    index: &EntityIndex,
    group_of: &HashMap<(String, usize), usize>,
    groups: &[Vec<(String, usize)>],
    copies: &HashMap<String, Vec<String>>,
) -> SourcesMatrix {
    if report.documents.len() < 2 {
        return SourcesMatrix::default();
    }
    let columns: Vec<SourceColumn> = report
        .documents
        .iter()
        .map(|d| SourceColumn {
            document: d.id.clone(),
            label: document_label(d),
            anchor: document_anchor(&d.id),
            copy_of: copies.get(&d.id).cloned().unwrap_or_default(),
        })
        .collect();
    let column_of: HashMap<&str, usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| (c.document.as_str(), i))
        .collect();
    // One row per statement: each duplicate group, and each quote outside any group.
    let mut rows: Vec<MatrixRow> = Vec::new();
    let cell_row = |members: &[(String, usize)]| -> Vec<MatrixCell> {
        let present: BTreeSet<&str> = members.iter().map(|m| m.0.as_str()).collect();
        columns
            .iter()
            .map(|c| {
                let Some(m) = members.iter().find(|m| m.0 == c.document) else {
                    return MatrixCell {
                        kind: "none".into(),
                        source: None,
                    };
                };
                let copied = c.copy_of.iter().any(|o| present.contains(o.as_str()));
                MatrixCell {
                    kind: if copied { "copy" } else { "own" }.into(),
                    source: docs.get(m.0.as_str()).map(|d| source_ref(d, m.1)),
                }
            })
            .collect()
    };
    let quote_at = |doc: &str, sentence: usize| -> Option<&Quote> {
        docs.get(doc)
            .and_then(|d| d.quotes.iter().find(|q| q.sentence == sentence))
    };
    for (g, members) in groups.iter().enumerate() {
        // A group whose documents are all unknown has no column to show it in.
        if !members.iter().any(|m| column_of.contains_key(m.0.as_str())) {
            continue;
        }
        let quote = members.iter().find_map(|m| quote_at(&m.0, m.1));
        let text = report.duplicates[g]
            .members
            .first()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        let cells = cell_row(members);
        rows.push(MatrixRow {
            text: quote.map(|q| q.text.clone()).unwrap_or(text),
            speaker: quote.and_then(|q| speaker_key(q, index)).map(|k| k.0),
            reported_by: cells.iter().filter(|c| c.kind != "none").count(),
            cells,
        });
    }
    for d in &report.documents {
        let mut seen = BTreeSet::new();
        for q in &d.quotes {
            if group_of.contains_key(&(d.id.clone(), q.sentence)) || !seen.insert(q.sentence) {
                continue;
            }
            let cells = cell_row(&[(d.id.clone(), q.sentence)]);
            rows.push(MatrixRow {
                text: q.text.clone(),
                speaker: speaker_key(q, index).map(|k| k.0),
                reported_by: 1,
                cells,
            });
        }
    }
    // Statements reported most widely first; among equals, those with a speaker.
    rows.sort_by(|a, b| {
        b.reported_by
            .cmp(&a.reported_by)
            .then(b.speaker.is_some().cmp(&a.speaker.is_some()))
    });
    rows.truncate(MATRIX_ROWS);
    SourcesMatrix { columns, rows }
}

fn entities(report: &Report) -> Vec<EntityRow> {
    let mut rows: Vec<EntityRow> = if !report.entities.is_empty() {
        report
            .entities
            .iter()
            .map(|e| EntityRow {
                id: e.id.clone(),
                name: e.name.clone(),
                kind: entity_word(e.kind).to_string(),
                aliases: e
                    .aliases
                    .iter()
                    .filter(|a| fold(a) != fold(&e.name))
                    .cloned()
                    .collect(),
                roles: e.roles.clone(),
                documents: e.documents.len(),
            })
            .collect()
    } else {
        // No story-level entities: the documents' own, merged by name.
        let mut by_name: BTreeMap<(String, &'static str), (String, BTreeSet<String>)> =
            BTreeMap::new();
        for d in &report.documents {
            for e in &d.entities {
                let acc = by_name
                    .entry((fold(&e.name), entity_word(e.kind)))
                    .or_insert_with(|| (e.name.clone(), BTreeSet::new()));
                acc.1.insert(d.id.clone());
            }
        }
        by_name
            .into_iter()
            .enumerate()
            .map(|(i, ((_, kind), (name, documents)))| EntityRow {
                id: format!("d{i}"),
                name,
                kind: kind.to_string(),
                aliases: Vec::new(),
                roles: Vec::new(),
                documents: documents.len(),
            })
            .collect()
    };
    rows.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.name.cmp(&b.name)));
    rows
}

/// Only `http:` and `https:` addresses become links; anything else (`javascript:`,
/// `data:`) is shown as text or not at all.
pub fn safe_url(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && !u
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '"' || c == '<' || c == '>');
    ok.then(|| u.to_string())
}

fn articles(report: &Report, copies: &HashMap<String, Vec<String>>) -> Vec<ArticleView> {
    report
        .documents
        .iter()
        .map(|d| {
            let quoted: BTreeSet<usize> = d.quotes.iter().map(|q| q.sentence).collect();
            let mut paragraphs: Vec<Vec<SentenceView>> = Vec::new();
            let mut current: Vec<SentenceView> = Vec::new();
            let mut last_end = 0usize;
            for s in &d.sentences {
                let gap = d.text.get(last_end.min(s.start)..s.start).unwrap_or("");
                if gap.contains('\n') && !current.is_empty() {
                    paragraphs.push(std::mem::take(&mut current));
                }
                current.push(SentenceView {
                    index: s.index,
                    anchor: sentence_anchor(&d.id, s.index),
                    text: s.text.clone(),
                    quoted: quoted.contains(&s.index),
                });
                last_end = s.end.max(last_end);
            }
            if !current.is_empty() {
                paragraphs.push(current);
            }
            ArticleView {
                id: d.id.clone(),
                anchor: document_anchor(&d.id),
                title: d.title.clone(),
                outlet: d.outlet.clone(),
                published: d.published.clone(),
                url: d.url.as_deref().and_then(safe_url),
                author: d.author.clone(),
                copy_of: copies.get(&d.id).cloned().unwrap_or_default(),
                paragraphs,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_fragment_safe_and_distinct() {
        assert_eq!(sentence_anchor("002_ab", 12), "doc-002_ab-s12");
        assert_eq!(document_anchor("a#2"), "doc-a.232");
        assert_ne!(document_anchor("a b"), document_anchor("a_b"));
        assert!(document_anchor("é\"<x>")
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)));
    }

    #[test]
    fn roles_come_from_descriptive_mentions() {
        assert_eq!(
            role_of_mention("le porte-parole de la mairie", "Julie Martin").as_deref(),
            Some("le porte-parole de la mairie")
        );
        assert_eq!(
            role_of_mention("la ministre des Sports Julie Martin", "Julie Martin").as_deref(),
            Some("la ministre des Sports")
        );
        assert_eq!(role_of_mention("elle", "Julie Martin"), None);
        assert_eq!(role_of_mention("a-t-elle ajouté", "Julie Martin"), None);
        assert_eq!(role_of_mention("Julie Martin", "Julie Martin"), None);
        assert_eq!(
            role_of_mention("le syndicat", "syndicat des boulangers"),
            None
        );
        assert_eq!(role_of_mention("Martin et Durand", "Julie Martin"), None);
    }

    #[test]
    fn only_web_addresses_are_links() {
        assert!(safe_url("https://exemple.fr/a").is_some());
        assert!(safe_url("javascript:alert(1)").is_none());
        assert!(safe_url(" JavaScript:alert(1)").is_none());
        assert!(safe_url("data:text/html,x").is_none());
        assert!(safe_url("https://exemple.fr/\"onmouseover=x").is_none());
    }

    #[test]
    fn calendar_dates() {
        assert!(is_calendar_date("2022-08-03"));
        assert!(is_calendar_date("2020-11"));
        assert!(is_calendar_date("2021-11-16T17:30"));
        assert!(!is_calendar_date("PRESENT_REF"));
        assert!(!is_calendar_date("2022-W31"));
        assert!(!is_calendar_date("20"));
    }

    #[test]
    fn numbers_get_thin_spaces() {
        assert_eq!(number_words(105.0), "105");
        assert_eq!(number_words(6500.0), "6\u{202f}500");
        assert_eq!(number_words(1234567.0), "1\u{202f}234\u{202f}567");
        assert_eq!(number_words(2.5), "2.5");
    }
}
