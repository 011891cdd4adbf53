//! Claims: what each source asserts, with its side, its event, and how it stands to the
//! other claims (`contradicts`, `corroborates`, `revises`; `../shared/gold/CLAIMS.md`).
//!
//! **Claims.** One per attributed quote (a statement; several quotes of one speaker in
//! one sentence are one claim), one per figure (a count: killed, wounded…), one per
//! party of a mutual accusation ("L'Arménie et l'Azerbaïdjan s'accusent mutuellement":
//! a claim for each, "les deux camps" resolved to the story's parties). The claimant is
//! a resolved name; a stray word or a document id never is: an unattributed claim is
//! the outlet's (the outlet credited in the lead, "(AFP)", when the metadata has none).
//!
//! **Sides.** [`crate::sides`] reads each claimant as an actor and each story's
//! parties from its texts; the claim's side is the party its claimant speaks for.
//!
//! **Relations**, never between claims of different stories except a statement
//! repeated word for word, never a claimant against itself:
//! - *revises*: the same claimant (or, unattributed, the same outlet) gives another
//!   count of the same category and party for the same event: the count the sentence
//!   calls earlier ("le bilan initial de 49 morts"), else the smaller toll (tolls only
//!   grow), is revised by the other.
//! - *contradicts*: counts of the same event, category and party from different
//!   claimants whose ranges cannot both hold (qualifiers read as ranges: "au moins 40"
//!   and "42" agree); opposite accounts of who started it (each blames another party:
//!   `blame` cues); a denial ("dément", "mentent") against the statements of the party
//!   it names, or else against the closest statement of another claimant.
//! - *corroborates*: from independent sources (different documents, not copies of one
//!   dispatch, not one outlet): the same statement (a sentence duplicate or a close
//!   paraphrase), counts that agree closely, or accounts blaming the same party.
//!
//! Cue phrases live in `data/fr/link_*_cues.txt`, actor words in `data/fr/actors.tsv`.
//! It does not judge who is right.

use crate::candidates::intersection_size;
use crate::profile::{is_proper_name, Corpus, SpeakerMatcher};
use crate::sides::{self, Actor, ActorClass, Parties, PartyEvidence};
use crate::words::{data_lines, fold, lower};
use chrono::NaiveDate;
use recoupe_model::{
    Claim, ClaimRelation, Document, EntityType, Figure, FigureCategory, Qualifier, Report,
    StoryEntity,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

const CONTRADICTION_CUES: &str = include_str!("../../../data/fr/link_contradiction_cues.txt");
const REVISION_CUES: &str = include_str!("../../../data/fr/link_revision_cues.txt");
const AGENCIES: &str = include_str!("../../../data/fr/agencies.txt");
const ROLES: &str = include_str!("../../../data/fr/roles.tsv");
const ROLES_EXTRA: &str = include_str!("../../../data/fr/roles_extra.txt");
const ORGANISATION_HEADS: &str = include_str!("../../../data/fr/organisation_heads.tsv");
const FORCES: &str = include_str!("../../../data/fr/link_victim_groups.txt");
const PROJECTIONS: &str = include_str!("../../../data/fr/link_projection_cues.txt");

/// True when the sentence gives its count as a projection or a hypothesis.
fn is_projection(sentence: &str) -> bool {
    static CUES: OnceLock<PhraseSet> = OnceLock::new();
    let cues = CUES.get_or_init(|| PhraseSet::new(data_lines(PROJECTIONS).map(lower).collect()));
    cues.any(&lower(sentence))
}

/// True when the count's words count members of armed or security forces.
fn counts_forces(f: &Figure) -> bool {
    static NOUNS: OnceLock<PhraseSet> = OnceLock::new();
    let nouns = NOUNS.get_or_init(|| PhraseSet::new(data_lines(FORCES).map(fold).collect()));
    nouns.any(&fold(&f.text))
}

/// Folded head nouns that name a speaker by role or body ("préfet", "pompiers").
fn claimant_heads() -> &'static HashSet<String> {
    static HEADS: OnceLock<HashSet<String>> = OnceLock::new();
    HEADS.get_or_init(|| {
        data_lines(ROLES)
            .chain(data_lines(ROLES_EXTRA))
            .chain(data_lines(ORGANISATION_HEADS))
            .filter_map(|l| l.split('\t').next())
            .map(|w| fold(w.trim()))
            .filter(|w| !w.is_empty())
            .collect()
    })
}
/// Stem overlap (Dice) at or above which a denial answers a statement.
const DENIAL_DICE: f64 = 0.3;
/// Stem overlap (Dice) of two quotes at or above which they say the same thing.
const PARAPHRASE_DICE: f64 = 0.6;
/// Characters before a figure's words searched for a revision cue.
const REVISION_WINDOW: usize = 90;
/// Two counts whose values differ by at most this fraction agree closely.
const CLOSE_COUNTS: f64 = 0.25;
/// A count this many times smaller than another of the same event counts a part of it
/// (one town, one unit), not a rival toll.
const MAX_TOLL_RATIO: f64 = 20.0;
/// A day named this many days away from the article's own incident day is a recalled
/// one: the next sentence, naming none, still tells of it.
const RECALLED_DAY_GAP: i64 = 3;
/// Sentences back searched for the day a passage tells of.
const RECALL_WINDOW: usize = 6;
/// Claimant names longer than this many words are cut at their first clause break.
const MAX_CLAIMANT_WORDS: usize = 8;
/// Words after a person's name read for who the person is ("X, militant de …").
const APPOSITION_WORDS: usize = 8;

struct Cues {
    mutual: PhraseSet,
    denial: PhraseSet,
    blame: PhraseSet,
    revision: PhraseSet,
    agencies: PhraseSet,
}

/// A list of phrases looked for all at once (one Aho-Corasick automaton), each found
/// only on word boundaries, as [`find_phrase`] finds one.
struct PhraseSet {
    phrases: Vec<String>,
    finder: aho_corasick::AhoCorasick,
}

impl PhraseSet {
    fn new(phrases: Vec<String>) -> Self {
        let phrases: Vec<String> = phrases.into_iter().filter(|p| !p.is_empty()).collect();
        let finder =
            aho_corasick::AhoCorasick::new(&phrases).expect("cue phrases make an automaton");
        PhraseSet { phrases, finder }
    }

    /// Every occurrence of every phrase on word boundaries: (start, phrase index).
    fn bounded<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.finder
            .find_overlapping_iter(text)
            .filter_map(move |m| {
                let before_ok = text[..m.start()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after_ok = text[m.end()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                (before_ok && after_ok).then_some((m.start(), m.pattern().as_usize()))
            })
    }

    fn any(&self, text: &str) -> bool {
        self.bounded(text).next().is_some()
    }

    /// The start of the earliest phrase found.
    fn earliest(&self, text: &str) -> Option<usize> {
        self.bounded(text).map(|(at, _)| at).min()
    }

    /// The earliest phrase found and where (of two at the same place, the smaller).
    fn earliest_phrase(&self, text: &str) -> Option<(usize, &String)> {
        self.bounded(text)
            .map(|(at, i)| (at, &self.phrases[i]))
            .min()
    }
}

fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| {
        let (mut mutual, mut denial, mut blame) = (Vec::new(), Vec::new(), Vec::new());
        for line in data_lines(CONTRADICTION_CUES) {
            if let Some((kind, phrase)) = line.split_once('\t') {
                let phrase = lower(phrase.trim());
                match kind.trim() {
                    "mutual" => mutual.push(phrase),
                    "denial" => denial.push(phrase),
                    "blame" => blame.push(phrase),
                    _ => {}
                }
            }
        }
        Cues {
            mutual: PhraseSet::new(mutual),
            denial: PhraseSet::new(denial),
            blame: PhraseSet::new(blame),
            revision: PhraseSet::new(data_lines(REVISION_CUES).map(lower).collect()),
            agencies: PhraseSet::new(data_lines(AGENCIES).map(str::to_string).collect()),
        }
    })
}

/// Byte offset of the first occurrence of `phrase` in `text` on word boundaries.
#[cfg(test)]
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
    /// Document index → incident day ([`crate::events`]).
    pub event_days: &'a [Option<NaiveDate>],
    /// Document index → set aside as off the pile's topic ([`crate::relevance`]).
    pub off_topic: &'a [bool],
    /// Story index → its day (`Story::date`).
    pub story_days: &'a [Option<NaiveDate>],
    /// Document TF-IDF vectors ([`crate::stories::tfidf_vectors`]).
    pub vectors: &'a [crate::stories::SparseVector],
}

impl ClaimContext<'_> {
    fn flat(&self, doc: usize, sentence: usize) -> Option<usize> {
        let first = self.corpus.documents.get(doc)?.first_sentence;
        (sentence < self.corpus.sentences_of(doc).len()).then_some(first + sentence)
    }

    /// True when documents `a` and `b` are independent sources.
    fn independent(&self, a: usize, b: usize, outlets: &[Option<String>]) -> bool {
        if a == b {
            return false;
        }
        if let (Some(x), Some(y)) = (self.copy_of.get(&a), self.copy_of.get(&b)) {
            if x == y {
                return false;
            }
        }
        !matches!((&outlets[a], &outlets[b]), (Some(x), Some(y)) if fold(x) == fold(y))
    }
}

/// The outlet of each document: its metadata, else an agency credited in its first
/// lines ("à Le Caire (AFP)").
fn document_outlets(report: &Report) -> Vec<Option<String>> {
    report
        .documents
        .iter()
        .map(|d| {
            d.outlet
                .clone()
                .filter(|o| !o.trim().is_empty())
                .or_else(|| credited_agency(d))
        })
        .collect()
}

/// An agency the sentence names as its source ("124 tués selon l'AFP", "l'agence
/// Reuters fait état de 91 morts").
fn agency_named(sentence: &str) -> Option<String> {
    let agencies = &cues().agencies;
    agencies
        .bounded(sentence)
        .map(|(_, i)| i)
        .filter(|&i| agencies.phrases[i].chars().count() > 2)
        .min()
        .map(|i| agencies.phrases[i].clone())
}

fn credited_agency(d: &Document) -> Option<String> {
    let lead: String = d
        .sentences
        .iter()
        .take(3)
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    cues()
        .agencies
        .phrases
        .iter()
        .find(|a| lead.contains(&format!("({a})")) || lead.contains(&format!("({a} ")))
        .cloned()
}

/// Who a claim is by.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    /// A resolved claimant: its folded name (or its story entity's).
    Named(String),
    /// Unattributed: the outlet's own words (folded outlet, else the document).
    Outlet(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Statement,
    Figure,
    Accusation,
}

/// A claim with what it takes to relate it.
struct Item<'a> {
    doc: usize,
    sentence: usize,
    kind: Kind,
    key: Key,
    actor: Actor,
    figure: Option<&'a Figure>,
    /// The sentence calls this count an earlier one ("le bilan initial de 49 morts").
    earlier: bool,
    /// The places the sentence names (folded place and country mentions): one
    /// claimant's counts of different places ("Cinq morts à Alexandrie", "Près de 50
    /// morts au Caire") are parts of the event, not updates of one count.
    places: Vec<String>,
    /// The sentence is background (it dates itself well before the event).
    background: bool,
    /// The day the claim is about: a day its sentence names, else the document's
    /// incident day.
    day: Option<NaiveDate>,
    /// True when the sentence itself names `day`.
    day_named: bool,
    /// The story (event) the claim is about: its document's, unless the sentence names
    /// the day of another story its document shares words with.
    story: usize,
    /// Stems of the claim's own words.
    stems: Vec<u64>,
    /// Who the claim blames for starting the fighting (a side), once sides are known.
    blamed: Option<String>,
    /// The agent the blame cue names, read before sides are known.
    blame_agent: Option<Option<Actor>>,
    /// A denial, and whom it names as lying, if anyone.
    denial: Option<Denial>,
    /// The country a count is about: the first its sentence names, else the one its
    /// document names most. Counts of different countries are not compared.
    place: Option<String>,
    /// Accusations: the party accused.
    accused: Option<String>,
}

/// Build every claim of the report, with ids, sides, stories and relations; returns
/// the sides of each story (its parties) as well.
pub fn build(report: &Report, cx: &ClaimContext) -> (Vec<Claim>, Vec<Vec<String>>) {
    let outlets = document_outlets(report);
    let entities = EntityIndex::new(&report.entities);
    let mut claims: Vec<Claim> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    for (di, d) in report.documents.iter().enumerate() {
        if cx.off_topic.get(di).copied().unwrap_or(false) {
            continue;
        }
        let scope = DocScope {
            d,
            di,
            cx,
            entities: &entities,
            outlets: &outlets,
            background: background_sentences(d, cx.event_days.get(di).copied().flatten()),
        };
        statements(&scope, &mut claims, &mut items);
        figures(&scope, &mut claims, &mut items);
    }
    let stories = cx.story_of.iter().copied().max().map_or(0, |m| m + 1);
    let parties = story_parties(report, cx, &items, stories);
    accusations(report, cx, &parties, &mut claims, &mut items);
    for (k, it) in items.iter_mut().enumerate() {
        let story = it.story;
        let p = &parties[story];
        claims[k].side = p.side_of(&it.actor);
        claims[k].story = Some(format!("s{}", story + 1));
        if let Some(agent) = &it.blame_agent {
            it.blamed = blamed_side(p, agent.as_ref(), claims[k].side.as_deref());
        }
        if it.kind == Kind::Accusation {
            it.blamed = it.accused.clone();
        }
    }
    for (k, c) in claims.iter_mut().enumerate() {
        c.id = format!("k{}", k + 1);
    }
    relate(report, cx, &parties, &outlets, &items, &mut claims);
    series_sources(&mut items, &mut claims, &parties);
    (claims, parties.iter().map(Parties::labels).collect())
}

/// Folded names and aliases of the story entities, with their roles.
struct EntityIndex<'a> {
    by_alias: HashMap<String, &'a StoryEntity>,
}

impl<'a> EntityIndex<'a> {
    fn new(entities: &'a [StoryEntity]) -> Self {
        let mut by_alias = HashMap::new();
        for e in entities {
            for a in e.aliases.iter().chain(std::iter::once(&e.name)) {
                by_alias.insert(fold(strip_determiner(a)), e);
            }
        }
        EntityIndex { by_alias }
    }

    fn get(&self, name: &str) -> Option<&'a StoryEntity> {
        self.by_alias.get(&fold(strip_determiner(name))).copied()
    }
}

fn strip_determiner(name: &str) -> &str {
    let mut rest = name.trim();
    loop {
        let lowered = rest.to_lowercase();
        let cut = [
            "le ", "la ", "les ", "l'", "l’", "un ", "une ", "des ", "du ", "de ", "d'", "d’",
        ]
        .iter()
        .find(|p| lowered.starts_with(*p))
        .map(|p| p.len());
        match cut {
            Some(n) if rest.is_char_boundary(n) && n < rest.len() => rest = rest[n..].trim_start(),
            _ => return rest,
        }
    }
}

/// A lower-case past participle ("diffusé", "publiée", "rendus").
fn trailing_participle(word: &str) -> bool {
    let w = word.trim_end_matches(',');
    !claimant_heads().contains(&fold(w))
        && w.chars().next().is_some_and(char::is_lowercase)
        && w.chars().count() > 4
        && ["é", "ée", "és", "ées"].iter().any(|e| w.ends_with(e))
}

/// The claimant's name as the report shows it, or `None` when the words name no one
/// (a stray word, a document id): the claim is then the outlet's.
fn canonical_claimant(
    name: &str,
    doc_ids: &HashSet<&str>,
    entities: &EntityIndex,
) -> Option<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = name.trim_matches(|c: char| !c.is_alphanumeric() && c != ')');
    if name.is_empty() || doc_ids.contains(name) {
        return None;
    }
    let mut words: Vec<&str> = name.split(' ').collect();
    if words.len() > MAX_CLAIMANT_WORDS {
        if let Some(cut) = words.iter().position(|w| *w == "et" || w.ends_with(',')) {
            words.truncate(cut.max(1));
        }
        words.truncate(MAX_CLAIMANT_WORDS);
    }
    // A participle left at the end of the phrase belongs to the clause, not the name
    // ("la direction générale de la Santé diffusé", "ministère rendu public").
    while words.len() > 2
        && words.last().is_some_and(|w| trailing_participle(w))
        && words[words.len() - 2]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    {
        words.pop();
    }
    if words.len() > 2 && words[words.len() - 2..] == ["rendu", "public"] {
        words.truncate(words.len() - 2);
    }
    let name = words.join(" ").trim_end_matches(',').to_string();
    let head = strip_determiner(&name)
        .split(|c: char| c.is_whitespace() || c == '\'')
        .next()
        .map(fold)
        .unwrap_or_default();
    let known = entities.get(&name).is_some()
        || sides::class_of(&name).is_some()
        || !sides::countries_in(&name).is_empty()
        || claimant_heads().contains(&head);
    let person_like = is_proper_name(&name)
        && strip_determiner(&name)
            .split(' ')
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            >= 2;
    (known || person_like).then_some(name)
}

/// Who the claim is by, as the report shows it and as relations compare it.
fn claimant_of(
    name: Option<&str>,
    di: usize,
    d: &Document,
    outlets: &[Option<String>],
    doc_ids: &HashSet<&str>,
    entities: &EntityIndex,
) -> (String, Key) {
    if let Some(n) = name.and_then(|n| canonical_claimant(n, doc_ids, entities)) {
        let key = entities
            .get(&n)
            .map(|e| fold(&e.name))
            .unwrap_or_else(|| fold(strip_determiner(&n)));
        return (n, Key::Named(key));
    }
    match &outlets[di] {
        Some(o) => (o.clone(), Key::Outlet(fold(o))),
        None => (unnamed_source(d), Key::Outlet(format!("#{di}"))),
    }
}

/// How an article without a known outlet is named as a source: by its title, else by
/// the first words of its text.
fn unnamed_source(d: &Document) -> String {
    let words = d
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| d.sentences.first().map(|s| s.text.as_str()))
        .unwrap_or("")
        .trim();
    let mut short: String = words.chars().take(50).collect();
    if short.len() < words.len() {
        short.push('…');
    }
    if short.is_empty() {
        "an article without outlet".to_string()
    } else {
        format!("article « {short} »")
    }
}

/// Read the claimant as an actor: its name, its entity's roles and aliases, and for a
/// person named without a role, the words that introduce it in the document.
fn actor_for(name: &str, d: &Document, entities: &EntityIndex) -> Actor {
    let mut descriptions: Vec<String> = vec![name.to_string()];
    if let Some(e) = entities.get(name) {
        descriptions.extend(e.roles.iter().cloned());
        descriptions.extend(e.aliases.iter().cloned());
        descriptions.push(e.name.clone());
    }
    let mut actor = sides::actor_of(descriptions.iter().map(String::as_str));
    if actor.class.is_none() && is_proper_name(name) {
        let surname = strip_determiner(name).split(' ').next_back().unwrap_or("");
        if surname.chars().count() > 2 {
            for s in &d.sentences {
                let Some(at) = s.text.find(surname) else {
                    continue;
                };
                let after: String = s.text[at + surname.len()..]
                    .split_whitespace()
                    .take(APPOSITION_WORDS)
                    .collect::<Vec<_>>()
                    .join(" ");
                let before: String = {
                    let words: Vec<&str> = s.text[..at].split_whitespace().collect();
                    words[words.len().saturating_sub(4)..].join(" ")
                };
                let context = sides::actor_of([after.as_str(), before.as_str()]);
                if context.class.is_some() {
                    actor.class = context.class;
                    if actor.country.is_none() {
                        actor.country = context.country;
                    }
                    break;
                }
            }
        }
    }
    actor
}

/// Sentences that date themselves before the event: a year or month named well
/// before the incident day, and no day of the event's week.
fn background_sentences(d: &Document, event: Option<NaiveDate>) -> HashSet<usize> {
    let Some(event) = event else {
        return HashSet::new();
    };
    let mut old: HashSet<usize> = HashSet::new();
    let mut recent: HashSet<usize> = HashSet::new();
    for dm in &d.dates {
        let Some(v) = dm.value.as_deref() else {
            continue;
        };
        let year: Option<i32> = v.get(..4).and_then(|y| y.parse().ok()).or_else(|| {
            // Decades ("199") stand for their first year.
            v.get(..3)
                .filter(|y| y.chars().all(|c| c.is_ascii_digit()) && v.len() == 3)
                .and_then(|y| y.parse::<i32>().ok())
                .map(|y| y * 10)
        });
        let Some(year) = year else {
            continue;
        };
        use chrono::Datelike;
        if year < event.year() - 1 || (year < event.year() && v.len() == 4) {
            old.insert(dm.sentence);
        } else {
            recent.insert(dm.sentence);
        }
    }
    old.retain(|s| !recent.contains(s));
    old
}

/// A day the sentence names (not after its document's publication).
fn sentence_day(cx: &ClaimContext, doc: usize, sentence: usize) -> Option<NaiveDate> {
    let published = cx.corpus.documents.get(doc).and_then(|d| d.published);
    cx.flat(doc, sentence).and_then(|f| {
        cx.corpus.sentences[f]
            .days
            .iter()
            .copied()
            .find(|d| published.is_none_or(|p| *d <= p))
    })
}

/// The day a count's sentence names nearest to the count's words ("mercredi, un mandat
/// d'arrêt … pour les heurts de lundi qui ont fait 53 morts": Monday), not after the
/// document's publication.
fn count_day(cx: &ClaimContext, d: &Document, doc: usize, f: &Figure) -> Option<NaiveDate> {
    let published = cx.corpus.documents.get(doc).and_then(|p| p.published);
    let s = d.sentences.get(f.sentence)?;
    let words = f.text.trim();
    let at = (!words.is_empty())
        .then(|| s.text.find(words))
        .flatten()
        .map_or(s.start, |p| s.start + p);
    d.dates
        .iter()
        .filter(|m| m.sentence == f.sentence)
        .filter_map(|m| {
            let day = crate::profile::parse_day(m.value.as_deref()?)?;
            published
                .is_none_or(|p| day <= p)
                .then_some((m.start.abs_diff(at), day))
        })
        .min()
        .map(|(_, day)| day)
}

/// The day a sentence's claim is about: a day it names, else the document's incident
/// day.
fn claim_day(cx: &ClaimContext, doc: usize, sentence: usize) -> Option<NaiveDate> {
    let event = cx.event_days.get(doc).copied().flatten();
    sentence_day(cx, doc, sentence)
        .or_else(|| {
            // A sentence that names no day goes on telling of the last day named in the
            // sentences just before it, when that day is not the article's own: a
            // retrospective passage ("le 8 juillet, … . Un article … confirmant que l'armée avait tiré
            // en premier").
            let day = (sentence.saturating_sub(RECALL_WINDOW)..sentence)
                .rev()
                .find_map(|k| sentence_day(cx, doc, k))?;
            event
                .is_some_and(|e| (e - day).num_days().abs() > RECALLED_DAY_GAP)
                .then_some(day)
        })
        .or(event)
}

/// The story a claim is about: its document's, or another story whose day the claim's
/// sentence names and whose documents share words with the claim's document (an
/// article on Friday's march recalling Monday's toll).
fn claim_story(cx: &ClaimContext, doc: usize, day: Option<NaiveDate>) -> usize {
    let own = cx.story_of.get(doc).copied().unwrap_or(0);
    let Some(day) = day else {
        return own;
    };
    let own_day = cx.story_days.get(own).copied().flatten();
    if own_day.is_none_or(|d| (d - day).num_days().abs() <= 1) {
        return own;
    }
    let mut best: Option<(f64, usize)> = None;
    for (other, &d) in cx.story_of.iter().enumerate() {
        if d == own || cx.story_days.get(d).copied().flatten() != Some(day) {
            continue;
        }
        let c = crate::stories::cosine(&cx.vectors[doc], &cx.vectors[other]);
        if c >= crate::stories::EVENT_COSINE && best.is_none_or(|(b, _)| c > b) {
            best = Some((c, d));
        }
    }
    best.map_or(own, |(_, s)| s)
}

fn sentence_text(d: &Document, i: usize) -> String {
    d.sentences
        .get(i)
        .map(|s| s.text.trim().to_string())
        .unwrap_or_default()
}

/// The places a sentence names: its place and country mentions, folded.
fn sentence_places(d: &Document, sentence: usize) -> Vec<String> {
    let mut out: Vec<String> = d
        .mentions
        .iter()
        .filter(|m| {
            m.sentence == sentence && matches!(m.kind, EntityType::Location | EntityType::Country)
        })
        .map(|m| fold(strip_determiner(&m.text)))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The country a document names most (its country mentions).
fn main_country(d: &Document) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for m in d.mentions.iter().filter(|m| m.kind == EntityType::Country) {
        if let Some(c) = sides::countries_in(&m.text).into_iter().next() {
            *counts.entry(c).or_insert(0) += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(c, _)| c)
}

/// A denial and whom it calls wrong.
#[derive(Debug, Clone, Default)]
struct Denial {
    /// A person named before the cue ("Nicole Belloubet a menti").
    person: Option<String>,
    /// Otherwise an actor ("L'armée … mentent").
    actor: Option<Actor>,
    /// The content words of the clause before the cue, folded ("armee", "conseil").
    subject: Vec<String>,
}

fn denial_in(text: &str) -> Option<Denial> {
    let lowered = lower(text);
    let at = cues().denial.earliest(&lowered)?;
    let before = clause_before(&lowered, at);
    // The same clause in the original text (lowercasing keeps byte lengths here only for
    // ASCII, so the clause is found again by its length from the cue).
    let original = text
        .get(at.saturating_sub(before.len())..at)
        .filter(|o| lower(o) == before)
        .unwrap_or("");
    Some(Denial {
        person: last_person(original),
        actor: nearest_actor(before),
        subject: name_words(before),
    })
}

/// The folded content words of a name or a clause (four letters or more, no stopword).
fn name_words(text: &str) -> Vec<String> {
    crate::words::folded_words(text)
        .into_iter()
        .filter(|w| w.chars().count() >= 4 && !crate::words::is_stopword(w))
        .collect()
}

/// The last run of two or more capitalised words in `text` (a person's name).
fn last_person(text: &str) -> Option<String> {
    let mut best: Option<String> = None;
    let mut run: Vec<&str> = Vec::new();
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '«' || c == '»' || c == '"')
        .filter(|w| !w.is_empty())
        .collect();
    for w in words.iter().chain(std::iter::once(&"")) {
        let capital = w.chars().next().is_some_and(char::is_uppercase)
            && !crate::words::is_stopword(&fold(w));
        if capital {
            run.push(w);
        } else {
            if run.len() >= 2 {
                best = Some(run.join(" "));
            }
            run.clear();
        }
    }
    best
}

/// The clause before byte `at`: from the last clause break ("que", "quand", ";", ":",
/// an opening quote) to `at`.
fn clause_before(lowered: &str, at: usize) -> &str {
    let head = &lowered[..at];
    let mut start = 0;
    for brk in [
        " que ",
        " qu'",
        " quand ",
        " lorsque ",
        ";",
        ":",
        "«",
        "\"",
        " où ",
    ] {
        if let Some(p) = head.rfind(brk) {
            start = start.max(p + brk.len());
        }
    }
    &head[start..]
}

/// The actor named last in `text` (the subject nearest to the verb after it).
fn nearest_actor(text: &str) -> Option<Actor> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for n in (0..words.len()).rev() {
        let tail = words[n..].join(" ");
        let a = sides::actor_of([tail.as_str()]);
        if a.class.is_some() || a.country.is_some() {
            return Some(a);
        }
    }
    None
}

/// The agent of a blame cue in `text`: `Some(None)` when the text blames someone it
/// does not name ("ils ont ouvert le feu").
fn blame_in(text: &str) -> Option<Option<Actor>> {
    let lowered = lower(text);
    let (at, cue) = cues().blame.earliest_phrase(&lowered)?;
    if !cue.contains(' ') {
        // A noun: "provocation arménienne", "agression azerbaïdjanaise".
        let after: String = lowered[at + cue.len()..]
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        // The noun's agent is the country named with it, else unnamed (the subject
        // before it only answers the provocation: "n'ont fait que répondre aux
        // provocations").
        return Some(
            sides::countries_in(&after)
                .into_iter()
                .next()
                .map(|c| Actor {
                    class: Some(ActorClass::State),
                    country: Some(c),
                }),
        );
    }
    Some(nearest_actor(clause_before(&lowered, at)))
}

/// The side a blame falls on: the agent's side, or, unnamed, the party other than the
/// claimant's when the story has two.
fn blamed_side(p: &Parties, agent: Option<&Actor>, own: Option<&str>) -> Option<String> {
    if let Some(a) = agent {
        if let Some(side) = p.side_of(a) {
            return Some(side);
        }
    }
    let labels = p.labels();
    match (own, labels.as_slice()) {
        (Some(own), [x, y]) if own == x => Some(y.clone()),
        (Some(own), [x, y]) if own == y => Some(x.clone()),
        _ => None,
    }
}

/// One document as the claim readers see it.
struct DocScope<'r, 'a> {
    d: &'a Document,
    di: usize,
    cx: &'r ClaimContext<'r>,
    entities: &'r EntityIndex<'r>,
    outlets: &'r [Option<String>],
    /// Its background sentences.
    background: HashSet<usize>,
}

fn statements<'a>(scope: &DocScope<'_, 'a>, claims: &mut Vec<Claim>, items: &mut Vec<Item<'a>>) {
    let DocScope {
        d,
        di,
        cx,
        entities,
        outlets,
        ref background,
    } = *scope;
    let doc_ids = HashSet::from([d.id.as_str()]);
    // (sentence, key) → claim index: quotes of one speaker in one sentence are one claim.
    let mut seen: HashMap<(usize, Key), usize> = HashMap::new();
    for q in &d.quotes {
        let Some(speaker) = q.speaker.as_ref() else {
            continue;
        };
        let raw = speaker
            .name
            .clone()
            .unwrap_or_else(|| speaker.mention.clone());
        if q.text.trim().is_empty() || cx.flat(di, q.sentence).is_none() {
            continue;
        }
        let Some(name) = canonical_claimant(&raw, &doc_ids, entities) else {
            continue;
        };
        let (shown, key) = claimant_of(Some(&name), di, d, outlets, &doc_ids, entities);
        for (sentence, words) in quote_sentences(d, q) {
            if cx.flat(di, sentence).is_none() || words.trim().is_empty() {
                continue;
            }
            if let Some(&k) = seen.get(&(sentence, key.clone())) {
                claims[k].text.push_str(" … ");
                claims[k].text.push_str(words.trim());
                items[k]
                    .stems
                    .extend(crate::words::content_stem_hashes(words));
                items[k].stems.sort_unstable();
                items[k].stems.dedup();
                if items[k].blame_agent.is_none() {
                    items[k].blame_agent = blame_in(words);
                }
                continue;
            }
            seen.insert((sentence, key.clone()), claims.len());
            let sentence_words = sentence_text(d, sentence);
            let denial = denial_in(&sentence_words);
            let day = claim_day(cx, di, sentence);
            let mut stems = crate::words::content_stem_hashes(words);
            stems.sort_unstable();
            stems.dedup();
            claims.push(Claim {
                text: words.trim().to_string(),
                claimed_by: vec![shown.clone()],
                kind: Some(
                    if denial.is_some() {
                        "denial"
                    } else {
                        "statement"
                    }
                    .to_string(),
                ),
                document: Some(d.id.clone()),
                sentence: Some(sentence),
                ..Default::default()
            });
            items.push(Item {
                doc: di,
                sentence,
                kind: Kind::Statement,
                key: key.clone(),
                actor: actor_for(&shown, d, entities),
                figure: None,
                earlier: false,
                places: Vec::new(),
                background: background.contains(&sentence),
                day,
                day_named: sentence_day(cx, di, sentence).is_some(),
                story: claim_story(cx, di, day),
                stems,
                blamed: None,
                blame_agent: blame_in(words),
                denial,
                accused: None,
                place: None,
            });
        }
    }
}

/// A quote cut at its sentences: a claim is one sentence's proposition, so a quote
/// that runs over several sentences ("Ce sont des mensonges. L'armée ment.") makes one
/// claim per sentence. A quote without a span in the text stays whole, in its sentence.
fn quote_sentences<'d>(d: &'d Document, q: &'d recoupe_model::Quote) -> Vec<(usize, &'d str)> {
    let whole = vec![(q.sentence, q.text.as_str())];
    let Some((start, end)) = q.span else {
        return whole;
    };
    if d.text.get(start..end) != Some(q.text.as_str()) {
        return whole;
    }
    let parts: Vec<(usize, &str)> = d
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.start < end && s.end > start)
        .filter_map(|(i, s)| {
            let (a, b) = (start.max(s.start), end.min(s.end));
            d.text.get(a..b).map(|w| (i, w))
        })
        .filter(|(_, w)| w.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
        .collect();
    if parts.is_empty() {
        whole
    } else {
        parts
    }
}

fn figures<'a>(scope: &DocScope<'_, 'a>, claims: &mut Vec<Claim>, items: &mut Vec<Item<'a>>) {
    let DocScope {
        d,
        di,
        cx,
        entities,
        outlets,
        ref background,
    } = *scope;
    let doc_ids = HashSet::from([d.id.as_str()]);
    // The claimant of each sentence's counts, for an earlier count it leaves unsaid
    // ("105 morts, a annoncé X, soit plus que le bilan initial de 49 morts").
    let mut sentence_claimant: HashMap<usize, String> = HashMap::new();
    for f in &d.figures {
        if let Some(c) = &f.claimed_by {
            if canonical_claimant(&c.name, &doc_ids, entities).is_some() {
                sentence_claimant
                    .entry(f.sentence)
                    .or_insert(c.name.clone());
            }
        }
    }
    for f in &d.figures {
        if f.qualifier == Qualifier::Vague || cx.flat(di, f.sentence).is_none() {
            continue;
        }
        let sentence = sentence_text(d, f.sentence);
        let earlier = is_earlier_count(&sentence, f) || is_projection(&sentence);
        let named = f
            .claimed_by
            .as_ref()
            .map(|c| c.name.clone())
            .or_else(|| {
                earlier
                    .then(|| sentence_claimant.get(&f.sentence).cloned())
                    .flatten()
            })
            .or_else(|| agency_named(&sentence));
        let (shown, key) = claimant_of(named.as_deref(), di, d, outlets, &doc_ids, entities);
        // An unattributed count is the outlet's, unless the sentence says whose it is:
        // an official toll ("le bilan officiel"), or an actor reporting it before the
        // count ("le ministère de la Santé annonçait 278 morts").
        let actor = match &key {
            Key::Named(_) => actor_for(&shown, d, entities),
            Key::Outlet(_) => reporting_actor(&sentence, f).unwrap_or(Actor {
                class: Some(ActorClass::Media),
                country: None,
            }),
        };
        let named_day = count_day(cx, d, di, f);
        let day_named = named_day.is_some();
        let figure_day = named_day.or_else(|| claim_day(cx, di, f.sentence));
        let mut stems = crate::words::content_stem_hashes(&sentence);
        stems.sort_unstable();
        stems.dedup();
        claims.push(Claim {
            text: sentence.clone(),
            claimed_by: vec![shown],
            count: Some(recoupe_model::ClaimCount {
                value: f.value,
                qualifier: f.qualifier,
                category: f.category,
                party: f.party.clone(),
                words: f.text.clone(),
            }),
            kind: Some("figure".to_string()),
            document: Some(d.id.clone()),
            sentence: Some(f.sentence),
            ..Default::default()
        });
        items.push(Item {
            doc: di,
            sentence: f.sentence,
            kind: Kind::Figure,
            key,
            actor,
            figure: Some(f),
            earlier,
            places: sentence_places(d, f.sentence),
            background: background.contains(&f.sentence),
            day: figure_day,
            day_named,
            story: claim_story(cx, di, figure_day),
            stems,
            blamed: None,
            blame_agent: None,
            denial: None,
            accused: None,
            place: sides::countries_in(&sentence)
                .into_iter()
                .next()
                .or_else(|| main_country(d)),
        });
    }
}

/// Words that make the actor before a count its source, not its subject.
const REPORTING_STEMS: [&str; 10] = [
    "annon",
    "affirm",
    "indiqu",
    "declar",
    "selon",
    "d'apres",
    "fait etat",
    "evoqu",
    "rapport",
    "precis",
];

/// The actor a sentence gives as the source of an unattributed count.
fn reporting_actor(sentence: &str, f: &Figure) -> Option<Actor> {
    let lowered = lower(sentence);
    if lowered.contains("bilan officiel") || lowered.contains("chiffres officiels") {
        return Some(Actor {
            class: Some(ActorClass::State),
            country: None,
        });
    }
    let at = lowered
        .find(&lower(f.text.trim()))
        .filter(|_| !f.text.trim().is_empty())?;
    let clause = clause_before(&lowered, at);
    let folded = fold(clause);
    if !REPORTING_STEMS.iter().any(|w| folded.contains(w)) {
        return None;
    }
    nearest_actor(clause).filter(|a| {
        matches!(
            a.class,
            Some(ActorClass::State | ActorClass::Opposition | ActorClass::Neutral)
        )
    })
}

/// Each story's parties, read from its figures, the countries its texts name and its
/// claimants.
fn story_parties(
    report: &Report,
    cx: &ClaimContext,
    items: &[Item],
    stories: usize,
) -> Vec<Parties> {
    let mut evidence: Vec<PartyEvidence> = (0..stories).map(|_| PartyEvidence::default()).collect();
    // Countries named: the country entities of each document's mentions.
    let country_of_entity: HashMap<&str, String> = report
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Country)
        .filter_map(|e| {
            sides::countries_in(&e.name)
                .into_iter()
                .next()
                .map(|c| (e.id.as_str(), c))
        })
        .collect();
    for (di, d) in report.documents.iter().enumerate() {
        let Some(&s) = cx.story_of.get(di) else {
            continue;
        };
        let ev = &mut evidence[s];
        let mut local: HashMap<String, String> = HashMap::new();
        for e in &d.entities {
            if e.kind == EntityType::Country {
                if let Some(c) = country_of_entity
                    .get(e.id.as_str())
                    .cloned()
                    .or_else(|| sides::countries_in(&e.name).into_iter().next())
                {
                    local.insert(e.id.clone(), c);
                }
            }
        }
        for m in &d.mentions {
            if let Some(c) = local.get(&m.entity) {
                *ev.mentions.entry(c.clone()).or_insert(0) += 1;
            }
        }
        for f in &d.figures {
            if matches!(f.category, FigureCategory::Killed | FigureCategory::Wounded) {
                if let Some(c) = f
                    .party
                    .as_deref()
                    .and_then(|p| sides::countries_in(p).into_iter().next())
                {
                    *ev.loss_countries.entry(c).or_insert(0) += 1;
                }
            }
        }
    }
    for it in items {
        let Some(ev) = evidence.get_mut(it.story) else {
            continue;
        };
        if it.actor.class == Some(ActorClass::Opposition) {
            ev.opposition_claims += 1;
        }
    }
    evidence.iter().map(PartyEvidence::decide).collect()
}

/// Parties accusing each other: one claim per party, each blaming the other.
fn accusations<'a>(
    report: &'a Report,
    cx: &ClaimContext,
    parties: &[Parties],
    claims: &mut Vec<Claim>,
    items: &mut Vec<Item<'a>>,
) {
    let mut done: HashSet<usize> = HashSet::new();
    for (di, d) in report.documents.iter().enumerate() {
        if cx.off_topic.get(di).copied().unwrap_or(false) {
            continue;
        }
        let story = cx.story_of.get(di).copied().unwrap_or(0);
        let labels = parties.get(story).map(Parties::labels).unwrap_or_default();
        for (si, s) in d.sentences.iter().enumerate() {
            let lowered = lower(&s.text);
            let Some(at) = cues().mutual.earliest(&lowered) else {
                continue;
            };
            if let Some(flat) = cx.flat(di, si) {
                let rep = cx
                    .group_of
                    .get(&flat)
                    .and_then(|g| g.first().copied())
                    .unwrap_or(flat);
                if !done.insert(rep) {
                    continue;
                }
            }
            // The parties named before the cue, else the story's own two parties
            // ("les deux camps").
            let before = s.text.get(..at).unwrap_or("");
            let named = sides::countries_in(clause_before(&lowered, at));
            let sides: Vec<String> = if named.len() >= 2 {
                named.into_iter().take(2).collect()
            } else if let Some(two) = two_parties(before) {
                two
            } else if labels.len() == 2 {
                labels.clone()
            } else {
                continue;
            };
            for (i, side) in sides.iter().enumerate() {
                let other = sides[1 - i].clone();
                claims.push(Claim {
                    text: s.text.trim().to_string(),
                    claimed_by: vec![side.clone()],
                    kind: Some("accusation".to_string()),
                    document: Some(d.id.clone()),
                    sentence: Some(si),
                    ..Default::default()
                });
                items.push(Item {
                    doc: di,
                    sentence: si,
                    kind: Kind::Accusation,
                    key: Key::Named(fold(side)),
                    actor: Actor {
                        class: Some(ActorClass::State),
                        country: Some(side.clone()),
                    },
                    figure: None,
                    earlier: false,
                    places: Vec::new(),
                    background: false,
                    day: cx.event_days.get(di).copied().flatten(),
                    day_named: false,
                    story,
                    stems: Vec::new(),
                    blamed: None,
                    blame_agent: None,
                    denial: None,
                    accused: Some(other),
                    place: None,
                });
            }
        }
    }
}

/// A series of counts that revise one another is one source's series: when one of its
/// unattributed counts names whose it is ("le bilan officiel", "le ministère de la
/// Santé annonçait"), the other unattributed counts of the series are that source's
/// too, and take its side.
fn series_sources(items: &mut [Item], claims: &mut [Claim], parties: &[Parties]) {
    let n = items.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let index: HashMap<&str, usize> = claims
        .iter()
        .enumerate()
        .map(|(k, c)| (c.id.as_str(), k))
        .collect();
    for (k, c) in claims.iter().enumerate() {
        for r in c.relations.iter().filter(|r| r.kind == "revises") {
            if let Some(&o) = index.get(r.claim.as_str()) {
                let (a, b) = (find(&mut parent, k), find(&mut parent, o));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let unattributed = |it: &Item| matches!(it.key, Key::Outlet(_));
    let mut source: HashMap<usize, Actor> = HashMap::new();
    for (k, it) in items.iter().enumerate() {
        if unattributed(it)
            && matches!(
                it.actor.class,
                Some(ActorClass::State | ActorClass::Opposition | ActorClass::Neutral)
            )
        {
            let root = find(&mut parent, k);
            source.entry(root).or_insert_with(|| it.actor.clone());
        }
    }
    for k in 0..n {
        let root = find(&mut parent, k);
        let it = &mut items[k];
        if unattributed(it) && it.actor.class == Some(ActorClass::Media) {
            if let Some(actor) = source.get(&root) {
                it.actor = actor.clone();
                claims[k].side = parties.get(it.story).and_then(|p| p.side_of(actor));
            }
        }
    }
}

/// Two parties named before a mutual-accusation cue, as written ("Le Valdor et la
/// Mirésie"): the last clause before the cue, split on "et".
fn two_parties(before: &str) -> Option<Vec<String>> {
    let clause = before
        .rsplit([',', ';', ':', '('])
        .next()
        .unwrap_or("")
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    let parts: Vec<String> = clause
        .split(" et ")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    (parts.len() == 2 && parts.iter().all(|p| is_proper_name(p) && !collective(p))).then_some(parts)
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
    cues().revision.any(window)
}

/// Collective words that never make two claimants distinct.
fn collective(name: &str) -> bool {
    let f = fold(name);
    [
        "deux camps",
        "deux parties",
        "deux pays",
        "mutuellement",
        "belligerants",
    ]
    .iter()
    .any(|w| f.contains(w))
}

struct Relations<'c> {
    claims: &'c mut [Claim],
    pairs: HashSet<(usize, usize, &'static str)>,
    /// How each claim's document is named as a source (its outlet, else its title).
    sources: Vec<String>,
}

impl Relations<'_> {
    fn add(&mut self, a: usize, b: usize, kind: &'static str) {
        if a == b {
            return;
        }
        let (x, y) = if kind == "revises" {
            (a, b)
        } else {
            (a.min(b), a.max(b))
        };
        if !self.pairs.insert((x, y, kind)) {
            return;
        }
        if kind == "contradicts" {
            let (na, nb) = (&self.claims[a].claimed_by, &self.claims[b].claimed_by);
            if na.iter().any(|n| nb.iter().any(|m| fold(n) == fold(m)))
                || na.iter().chain(nb).any(|n| collective(n))
            {
                return;
            }
        }
        let (ida, idb) = (self.claims[a].id.clone(), self.claims[b].id.clone());
        let (mut la, mut lb) = (
            self.claims[a].claimed_by[0].clone(),
            self.claims[b].claimed_by[0].clone(),
        );
        if la == lb {
            // The same claimant carried by another source: name the source.
            la = self.sources[a].clone();
            lb = self.sources[b].clone();
        }
        self.claims[a].relations.push(ClaimRelation {
            claim: idb,
            kind: kind.to_string(),
        });
        if kind != "revises" {
            self.claims[b].relations.push(ClaimRelation {
                claim: ida,
                kind: kind.to_string(),
            });
        }
        let push = |list: &mut Vec<String>, item: String| {
            if !list.contains(&item) {
                list.push(item);
            }
        };
        match kind {
            "contradicts" => {
                push(&mut self.claims[a].contradicted_by, lb);
                push(&mut self.claims[b].contradicted_by, la);
            }
            "corroborates" => {
                push(&mut self.claims[a].corroborated_by, lb);
                push(&mut self.claims[b].corroborated_by, la);
            }
            _ => {}
        }
    }
}

fn relate(
    report: &Report,
    cx: &ClaimContext,
    parties: &[Parties],
    outlets: &[Option<String>],
    items: &[Item],
    claims: &mut [Claim],
) {
    let story = |it: &Item| Some(it.story);
    let sources = items
        .iter()
        .map(|it| {
            let d = &report.documents[it.doc];
            outlets[it.doc].clone().unwrap_or_else(|| unnamed_source(d))
        })
        .collect();
    let mut rel = Relations {
        claims,
        pairs: HashSet::new(),
        sources,
    };
    // Claims by story.
    let mut by_story: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
    for (k, it) in items.iter().enumerate() {
        by_story.entry(story(it)).or_default().push(k);
    }

    // Figures: revisions, contradictions and corroborations within a story.
    for members in by_story.values() {
        let mut buckets: BTreeMap<(&'static str, String), Vec<usize>> = BTreeMap::new();
        for &k in members {
            if let Some(f) = items[k].figure {
                if items[k].background {
                    continue;
                }
                let party = f.party.as_deref().map(fold).unwrap_or_default();
                buckets
                    .entry((category_word(f.category), party))
                    .or_default()
                    .push(k);
            }
        }
        for ks in buckets.values() {
            // Revisions: each claimant's counts in order, each revising the one before.
            // One claimant's counts of one place (the places its sentence names, and its
            // country): counts of other countries or towns are other tolls.
            let mut by_claimant: BTreeMap<SeriesKey, Vec<usize>> = BTreeMap::new();
            for &k in ks {
                by_claimant
                    .entry((&items[k].key, items[k].places.as_slice(), &items[k].place))
                    .or_default()
                    .push(k);
            }
            for chain in by_claimant.values_mut() {
                chain.sort_by(|&a, &b| revision_order(cx, items, a, b));
                let mut last: Option<usize> = None;
                for &k in chain.iter() {
                    if let Some(prev) = last {
                        let (fp, fk) = (items[prev].figure.unwrap(), items[k].figure.unwrap());
                        let same_sentence = items[prev].doc == items[k].doc
                            && items[prev].sentence == items[k].sentence;
                        if fp.value == fk.value && fp.qualifier == fk.qualifier {
                            // The same count again: the next update revises the last
                            // time it was given.
                            last = Some(k);
                            continue;
                        }
                        if same_sentence && !items[prev].earlier && !items[k].earlier {
                            continue;
                        }
                        // Counts the sentences date to different days are of
                        // different moments of the story, not one count updated.
                        let (p, q) = (&items[prev], &items[k]);
                        if p.day_named && q.day_named && p.day != q.day && !p.earlier {
                            last = Some(k);
                            continue;
                        }
                        revise(items, k, prev, &mut rel);
                    }
                    last = Some(k);
                }
            }
            // Within one document (a live report), two claimants' counts are set against
            // each other only when each is the other's nearest in the text: the counts
            // given at that time.
            let nearest = |a: usize, key: &Key| -> Option<usize> {
                ks.iter()
                    .copied()
                    .filter(|&o| items[o].doc == items[a].doc && &items[o].key == key)
                    .min_by_key(|&o| (items[o].sentence.abs_diff(items[a].sentence), o))
            };
            for (i, &a) in ks.iter().enumerate() {
                for &b in &ks[i + 1..] {
                    if items[a].key == items[b].key {
                        continue;
                    }
                    let near = items[a].doc != items[b].doc
                        || (nearest(a, &items[b].key) == Some(b)
                            && nearest(b, &items[a].key) == Some(a));
                    if near {
                        relate_figures(cx, outlets, items, a, b, &mut rel);
                    }
                }
            }
        }
    }

    // Statements: opposite accounts, denials, corroborations.
    for members in by_story.values() {
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                let (x, y) = (&items[a], &items[b]);
                // An accusation is set only against its counterpart in its own
                // sentence ("X et Y s'accusent mutuellement"); other claims against
                // other claims of other sentences.
                let same_sentence = x.doc == y.doc && x.sentence == y.sentence;
                let accusations = usize::from(x.kind == Kind::Accusation)
                    + usize::from(y.kind == Kind::Accusation);
                if (accusations == 2) != same_sentence || accusations == 1 {
                    continue;
                }
                if let (Some(bx), Some(by)) = (&x.blamed, &y.blamed) {
                    let sides_differ = rel.claims[a].side.is_none()
                        || rel.claims[b].side.is_none()
                        || rel.claims[a].side != rel.claims[b].side;
                    if bx != by && x.key != y.key && sides_differ {
                        rel.add(a, b, "contradicts");
                    } else if bx == by && x.key != y.key && cx.independent(x.doc, y.doc, outlets) {
                        rel.add(a, b, "corroborates");
                    }
                }
            }
        }
        // A denial naming a liar contradicts that party's statements; otherwise the
        // closest statement of another claimant.
        for &a in members {
            let Some(target) = &items[a].denial else {
                continue;
            };
            if let Some(person) = &target.person {
                // A named liar: that person's statements, and no other.
                for &b in members {
                    if items[b].kind == Kind::Statement
                        && items[b].key != items[a].key
                        && rel.claims[b]
                            .claimed_by
                            .iter()
                            .any(|n| is_proper_name(n) && cx.speakers.same(n, person))
                    {
                        rel.add(a, b, "contradicts");
                    }
                }
                continue;
            }
            let p_side = target.actor.as_ref().and_then(|t| {
                let s = story(&items[a]).unwrap_or(0);
                parties.get(s).and_then(|p| p.side_of(t))
            });
            if let Some(side) = p_side {
                let of_side: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|&b| {
                        items[b].kind == Kind::Statement
                            && items[b].key != items[a].key
                            && rel.claims[b].side.as_deref() == Some(side.as_str())
                            && rel.claims[a].side.as_deref() != Some(side.as_str())
                    })
                    .collect();
                // "L'armée ment": the army's statements, when the side has some; the
                // rest of its side (an emergency service's toll) is not called a lie.
                let named: Vec<usize> = of_side
                    .iter()
                    .copied()
                    .filter(|&b| {
                        rel.claims[b]
                            .claimed_by
                            .iter()
                            .any(|n| name_words(n).iter().any(|w| target.subject.contains(w)))
                    })
                    .collect();
                for b in if named.is_empty() { of_side } else { named } {
                    rel.add(a, b, "contradicts");
                }
                continue;
            }
            let mut best: Option<(f64, usize)> = None;
            for &b in members {
                if b == a || items[b].key == items[a].key || items[b].kind != Kind::Statement {
                    continue;
                }
                let (sa, sb) = (&items[a].stems, &items[b].stems);
                let dice =
                    2.0 * intersection_size(sa, sb) as f64 / (sa.len() + sb.len()).max(1) as f64;
                if dice >= DENIAL_DICE && best.is_none_or(|(d, _)| dice > d) {
                    best = Some((dice, b));
                }
            }
            if let Some((_, b)) = best {
                rel.add(a, b, "contradicts");
            }
        }
    }

    // The same statement in independent documents corroborates, across stories too
    // (a spokesman's call carried by two outlets).
    let mut by_rep: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, it) in items.iter().enumerate() {
        if it.kind != Kind::Statement {
            continue;
        }
        if let Some(flat) = cx.flat(it.doc, it.sentence) {
            let rep = cx
                .group_of
                .get(&flat)
                .and_then(|g| g.first().copied())
                .unwrap_or(flat);
            by_rep.entry(rep).or_default().push(k);
        }
    }
    let mut groups: Vec<Vec<usize>> = by_rep.into_values().collect();
    groups.sort();
    for g in groups {
        for (i, &a) in g.iter().enumerate() {
            for &b in &g[i + 1..] {
                if cx.independent(items[a].doc, items[b].doc, outlets) {
                    rel.add(a, b, "corroborates");
                }
            }
        }
    }
    // Close paraphrases of one statement within a story.
    for members in by_story.values() {
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                let (x, y) = (&items[a], &items[b]);
                if x.kind != Kind::Statement
                    || y.kind != Kind::Statement
                    || !cx.independent(x.doc, y.doc, outlets)
                {
                    continue;
                }
                let dice = 2.0 * intersection_size(&x.stems, &y.stems) as f64
                    / (x.stems.len() + y.stems.len()).max(1) as f64;
                if dice >= PARAPHRASE_DICE && x.stems.len() >= 4 {
                    rel.add(a, b, "corroborates");
                }
            }
        }
    }
}

/// Whose counts of where form one series of revisions: the claimant, the places its
/// sentence names, its country.
type SeriesKey<'i> = (&'i Key, &'i [String], &'i Option<String>);

/// Two days are compatible when either is unknown or they are the same.
fn same_day(a: Option<NaiveDate>, b: Option<NaiveDate>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// The order in which one claimant's counts were given: a count the sentence calls
/// earlier first, then the smaller toll (a toll only grows), then document order.
fn revision_order(cx: &ClaimContext, items: &[Item], a: usize, b: usize) -> std::cmp::Ordering {
    let (x, y) = (&items[a], &items[b]);
    let (fx, fy) = (x.figure.unwrap(), y.figure.unwrap());
    y.earlier
        .cmp(&x.earlier)
        .then(fx.value.total_cmp(&fy.value))
        .then(
            (cx.corpus.documents[x.doc].published, x.doc, x.sentence).cmp(&(
                cx.corpus.documents[y.doc].published,
                y.doc,
                y.sentence,
            )),
        )
}

/// `new` revises `old`.
fn revise(items: &[Item], new: usize, old: usize, rel: &mut Relations) {
    let (fo, fnew) = (items[old].figure.unwrap(), items[new].figure.unwrap());
    let lo = figure_label(fo, &rel.claims[old].claimed_by[0]);
    let ln = figure_label(fnew, &rel.claims[new].claimed_by[0]);
    if !rel.claims[new].revises.contains(&lo) {
        rel.claims[new].revises.push(lo);
    }
    if !rel.claims[old].revised_by.contains(&ln) {
        rel.claims[old].revised_by.push(ln);
    }
    rel.add(new, old, "revises");
}

/// Counts of different claimants: irreconcilable ranges for the same day contradict;
/// close counts from independent sources corroborate. A single death ("un officier
/// tué") is an incident, not a toll, and is set against no toll; a count far smaller
/// than another counts a part of the event. An outlet's own tally (an agency's count,
/// an unattributed figure) lags or leads the sources it gathers: it corroborates, and a
/// difference with it is not a dispute between sources.
fn relate_figures(
    cx: &ClaimContext,
    outlets: &[Option<String>],
    items: &[Item],
    a: usize,
    b: usize,
    rel: &mut Relations,
) {
    let (x, y) = (&items[a], &items[b]);
    let (Some(fx), Some(fy)) = (x.figure, y.figure) else {
        return;
    };
    let (Some(rx), Some(ry)) = (value_range(fx), value_range(fy)) else {
        return;
    };
    // Counts of two countries say nothing about one another; a count that names no
    // country is set against another only when that one names none either.
    let elsewhere = matches!((&x.place, &y.place), (Some(a), Some(b)) if a != b);
    let same_place = x.place == y.place;
    if (x.doc == y.doc && x.sentence == y.sentence)
        || elsewhere
        || counts_forces(fx) != counts_forces(fy)
        || !same_day(x.day, y.day)
        || fx.value < 2.0
        || fy.value < 2.0
    {
        return;
    }
    let disjoint = rx.1 < ry.0 || ry.1 < rx.0;
    let ratio = fx.value.max(fy.value) / fx.value.min(fy.value);
    let media = |it: &Item| it.actor.class == Some(ActorClass::Media);
    if disjoint {
        if !x.earlier
            && !y.earlier
            && same_place
            && ratio <= MAX_TOLL_RATIO
            && !media(x)
            && !media(y)
        {
            rel.add(a, b, "contradicts");
        }
        return;
    }
    let close = (fx.value - fy.value).abs() <= CLOSE_COUNTS * fx.value.max(fy.value);
    if close && cx.independent(x.doc, y.doc, outlets) {
        rel.add(a, b, "corroborates");
    }
}

#[cfg(test)]
mod phrase_tests {
    use super::*;

    #[test]
    fn a_phrase_set_finds_what_each_phrase_finds_alone() {
        let phrases: Vec<String> = ["feu", "ouvert le feu", "a ouvert", "tir", "tirs", "é"]
            .map(String::from)
            .to_vec();
        let set = PhraseSet::new(phrases.clone());
        for text in [
            "l'armée a ouvert le feu sur les manifestants",
            "des tirs nourris, puis le cessez-le-feu",
            "aucun couvre-feu ni tir",
            "le feufollet",
            "été",
            "",
        ] {
            let alone: Vec<(usize, &String)> = phrases
                .iter()
                .filter_map(|p| find_phrase(text, p).map(|at| (at, p)))
                .collect();
            assert_eq!(set.any(text), !alone.is_empty(), "{text}");
            assert_eq!(
                set.earliest(text),
                alone.iter().map(|a| a.0).min(),
                "{text}"
            );
            assert_eq!(
                set.earliest_phrase(text),
                alone.iter().copied().min(),
                "{text}"
            );
        }
    }
}
