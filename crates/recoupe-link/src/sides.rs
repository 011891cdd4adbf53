//! Sides: which party of a story each claimant speaks for.
//!
//! A claimant is read as an **actor**: a class (state, opposition, neutral, media; from
//! `data/fr/actors.tsv` and `agencies.txt`) and a country (from demonyms, country names,
//! capitals and seats of power: `demonyms.tsv`, `countries.tsv`, `seats.tsv`). The words
//! read are the claimant's name, the roles and aliases of its story entity, and, for a
//! person named without a role, the words that introduce the person in the document
//! ("Gamal Zayed, militant des Frères musulmans").
//!
//! The **parties** of a story are found from the pile:
//! - between countries (a border war): the countries whose losses the figures count,
//!   two of them, or one topped up with the country the story's texts name most after
//!   it; each party is a country, and a state actor of a party country speaks for it. Other governments (mediators, allies) have no side.
//! - inside one country (a story that names one country far more than any other): the
//!   government and its forces on one side, those who oppose it on the other.
//!
//! Mediators, international bodies, NGOs, observers, witnesses, outlets and agencies
//! never have a side. It does not judge who is right.

use crate::words::{data_lines, fold};
use std::collections::HashMap;
use std::sync::OnceLock;

const ACTORS: &str = include_str!("../../../data/fr/actors.tsv");
const AGENCIES: &str = include_str!("../../../data/fr/agencies.txt");
const DEMONYMS: &str = include_str!("../../../data/fr/demonyms.tsv");
const COUNTRIES: &str = include_str!("../../../data/fr/countries.tsv");
const SEATS: &str = include_str!("../../../data/fr/seats.tsv");

/// What kind of actor a claimant is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActorClass {
    State,
    Opposition,
    Neutral,
    Media,
}

impl ActorClass {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "state" => Some(Self::State),
            "opposition" => Some(Self::Opposition),
            "neutral" => Some(Self::Neutral),
            "media" => Some(Self::Media),
            _ => None,
        }
    }

    /// Which class wins when two phrases of the same length match.
    fn precedence(self) -> u8 {
        match self {
            Self::Opposition => 4,
            Self::Neutral => 3,
            Self::Media => 2,
            Self::State => 1,
        }
    }
}

/// A claimant read as an actor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    pub class: Option<ActorClass>,
    /// English country name (the party value), when the words name one.
    pub country: Option<String>,
}

struct Lexicon {
    /// Folded phrase (padded with spaces) → class.
    phrases: Vec<(String, ActorClass)>,
    /// Folded word or phrase (padded) → English country name.
    countries: Vec<(String, String)>,
    /// All `phrases` at once, pattern `i` being `phrases[i]`.
    phrase_finder: aho_corasick::AhoCorasick,
    /// All `countries` at once, pattern `i` being `countries[i]`.
    country_finder: aho_corasick::AhoCorasick,
}

fn padded(folded: &str) -> String {
    let words: Vec<&str> = folded
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    format!(" {} ", words.join(" "))
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut phrases = Vec::new();
        for line in data_lines(ACTORS) {
            if let Some((class, phrase)) = line.split_once('\t') {
                if let Some(c) = ActorClass::parse(class.trim()) {
                    phrases.push((padded(&fold(phrase.trim())), c));
                }
            }
        }
        for line in data_lines(AGENCIES) {
            phrases.push((padded(&fold(line)), ActorClass::Media));
        }
        let mut countries = Vec::new();
        let mut by_iso: HashMap<String, String> = HashMap::new();
        for line in data_lines(COUNTRIES) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                continue;
            }
            let english = cols[1].split('|').next().unwrap_or("").trim().to_string();
            by_iso.insert(cols[2].trim().to_string(), english.clone());
            let mut names: Vec<&str> = cols[0].split('|').collect();
            names.extend(cols[1].split('|'));
            if let Some(caps) = cols.get(3) {
                names.extend(caps.split('|'));
            }
            for n in names {
                let n = n.trim();
                if !n.is_empty() {
                    countries.push((padded(&fold(n)), english.clone()));
                }
            }
        }
        for line in data_lines(DEMONYMS) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                continue;
            }
            for form in cols[0].split(',') {
                let form = form.trim();
                if !form.is_empty() {
                    countries.push((padded(&fold(form)), cols[2].trim().to_string()));
                }
            }
        }
        for line in data_lines(SEATS) {
            if let Some((seat, iso)) = line.split_once('\t') {
                if let Some(en) = by_iso.get(iso.trim()) {
                    countries.push((padded(&fold(seat.trim())), en.clone()));
                }
            }
        }
        // Longest first: "Guinée-Bissau" before "Guinée".
        countries.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let finder = |patterns: Vec<&str>| {
            aho_corasick::AhoCorasick::new(patterns).expect("lexicon phrases make an automaton")
        };
        Lexicon {
            phrase_finder: finder(phrases.iter().map(|(p, _)| p.as_str()).collect()),
            country_finder: finder(countries.iter().map(|(p, _)| p.as_str()).collect()),
            phrases,
            countries,
        }
    })
}

/// The actor class the words name (longest phrase wins; ties by precedence).
pub fn class_of(text: &str) -> Option<ActorClass> {
    let p = padded(&fold(text));
    let lex = lexicon();
    let mut found: Vec<usize> = lex
        .phrase_finder
        .find_overlapping_iter(&p)
        .map(|m| m.pattern().as_usize())
        .collect();
    found.sort_unstable();
    found.dedup();
    found
        .into_iter()
        .map(|i| &lex.phrases[i])
        .max_by_key(|(phrase, c)| (phrase.len(), c.precedence()))
        .map(|(_, c)| *c)
}

/// The countries the words name, in order of first appearance.
pub fn countries_in(text: &str) -> Vec<String> {
    let p = padded(&fold(text));
    let lex = lexicon();
    // Every occurrence of every phrase, taken in lexicon order (longest phrases first),
    // each unless it overlaps one taken before.
    let mut hits: Vec<(usize, usize, usize)> = lex
        .country_finder
        .find_overlapping_iter(&p)
        .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
        .collect();
    hits.sort_unstable();
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for (i, start, end) in hits {
        if !taken.iter().any(|&(s, e)| start < e && s < end) {
            taken.push((start, end));
            found.push((start, lex.countries[i].1.clone()));
        }
    }
    found.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, c) in found {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Read an actor from its descriptions (name first, then roles and context).
pub fn actor_of<'a>(descriptions: impl IntoIterator<Item = &'a str>) -> Actor {
    let mut actor = Actor::default();
    for d in descriptions {
        if actor.class.is_none() {
            actor.class = class_of(d);
        }
        if actor.country.is_none() {
            actor.country = countries_in(d).into_iter().next();
        }
        if actor.class.is_some() && actor.country.is_some() {
            break;
        }
    }
    actor
}

/// How a story's sides are drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parties {
    /// No conflict between sides can be read: every side is null.
    None,
    /// Countries at war with each other (English names).
    Countries(Vec<String>),
    /// One country's government against those who oppose it.
    Internal { country: String },
}

impl Parties {
    /// The side labels, for the report.
    pub fn labels(&self) -> Vec<String> {
        match self {
            Parties::None => Vec::new(),
            Parties::Countries(c) => c.clone(),
            Parties::Internal { country } => vec![state_label(country), opposition_label(country)],
        }
    }

    /// The side an actor speaks for.
    pub fn side_of(&self, actor: &Actor) -> Option<String> {
        match (self, actor.class) {
            (_, Some(ActorClass::Neutral | ActorClass::Media)) => None,
            (Parties::None, _) => None,
            (Parties::Countries(parties), class) => {
                let country = actor.country.as_ref()?;
                // A country's government, forces or people; an opposition actor of a
                // party country in a war between countries is not read as either side.
                (parties.contains(country) && class != Some(ActorClass::Opposition))
                    .then(|| country.clone())
            }
            (Parties::Internal { country, .. }, Some(ActorClass::State)) => match &actor.country {
                Some(c) if c != country => None,
                _ => Some(state_label(country)),
            },
            (Parties::Internal { country, .. }, Some(ActorClass::Opposition)) => {
                Some(opposition_label(country))
            }
            (Parties::Internal { .. }, None) => None,
        }
    }
}

fn opposition_label(country: &str) -> String {
    format!("{country}: opposition")
}

fn state_label(country: &str) -> String {
    format!("{country}: government and security forces")
}

/// What a story's texts say about its parties, gathered before deciding.
#[derive(Debug, Default)]
pub struct PartyEvidence {
    /// Country → figures counting its losses.
    pub loss_countries: HashMap<String, usize>,
    /// Country → mentions in the story's texts (names, demonyms, capitals).
    pub mentions: HashMap<String, usize>,
    /// Number of claims by opposition actors.
    pub opposition_claims: usize,
}

/// A country named this many halves more than the next one (1.5 times) makes a story
/// about one country.
const INTERNAL_RATIO: usize = 3;

impl PartyEvidence {
    pub fn decide(&self) -> Parties {
        let mut by_mentions: Vec<(&String, &usize)> = self.mentions.iter().collect();
        by_mentions.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let mut losses: Vec<(&String, &usize)> = self.loss_countries.iter().collect();
        losses.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let mut parties: Vec<String> = losses.iter().map(|(c, _)| (*c).clone()).collect();
        // Between countries: two countries whose losses are counted.
        if parties.len() >= 2 {
            parties.truncate(2);
            parties.sort();
            return Parties::Countries(parties);
        }
        // Inside one country: one country dominates the texts, and its opposition
        // speaks.
        let top = by_mentions.first().map(|(c, n)| ((*c).clone(), **n));
        let second = by_mentions.get(1).map_or(0, |(_, n)| **n);
        if let Some((country, n)) = &top {
            if 2 * *n >= INTERNAL_RATIO * second.max(1) && self.opposition_claims > 0 {
                return Parties::Internal {
                    country: country.clone(),
                };
            }
        }
        // One country's losses: the other party is the country named most with it.
        if let Some(other) = by_mentions
            .iter()
            .map(|(c, _)| (*c).clone())
            .find(|c| !parties.is_empty() && !parties.contains(c))
        {
            parties.push(other);
            parties.sort();
            return Parties::Countries(parties);
        }
        Parties::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_from_names_and_roles() {
        let a = actor_of(["ministère azerbaïdjanais de la Défense"]);
        assert_eq!(a.class, Some(ActorClass::State));
        assert_eq!(a.country.as_deref(), Some("Azerbaijan"));
        let b = actor_of(["Nikol Pachinian", "Premier ministre arménien"]);
        assert_eq!(b.class, Some(ActorClass::State));
        assert_eq!(b.country.as_deref(), Some("Armenia"));
        assert_eq!(actor_of(["Bakou"]).country.as_deref(), Some("Azerbaijan"));
        assert_eq!(
            actor_of(["porte-parole de l'UE"]).class,
            Some(ActorClass::Neutral)
        );
        assert_eq!(actor_of(["Reuters"]).class, Some(ActorClass::Media));
        assert_eq!(
            actor_of(["partisans du président déchu"]).class,
            Some(ActorClass::Opposition)
        );
        assert_eq!(
            actor_of(["télévision d'État"]).class,
            Some(ActorClass::State)
        );
        assert_eq!(actor_of(["Jeanne Martin"]), Actor::default());
    }

    #[test]
    fn war_between_countries_gives_country_sides() {
        let mut e = PartyEvidence::default();
        e.loss_countries.insert("Armenia".into(), 2);
        e.loss_countries.insert("Azerbaijan".into(), 1);
        e.mentions.insert("Armenia".into(), 10);
        e.mentions.insert("Azerbaijan".into(), 9);
        e.mentions.insert("Russia".into(), 4);
        let p = e.decide();
        assert_eq!(
            p,
            Parties::Countries(vec!["Armenia".into(), "Azerbaijan".into()])
        );
        let russia = actor_of(["ministère russe de la Défense"]);
        assert_eq!(p.side_of(&russia), None);
        let erevan = actor_of(["ministère arménien des Affaires étrangères"]);
        assert_eq!(p.side_of(&erevan).as_deref(), Some("Armenia"));
    }

    #[test]
    fn one_country_gives_government_and_opposition() {
        let mut e = PartyEvidence::default();
        e.mentions.insert("Egypt".into(), 30);
        e.mentions.insert("United States".into(), 3);
        e.opposition_claims = 4;
        let p = e.decide();
        let army = actor_of(["porte-parole de l'armée"]);
        let brothers = actor_of(["des partisans des Frères musulmans"]);
        let us = actor_of(["porte-parole du département d'État américain"]);
        assert!(p.side_of(&army).is_some());
        assert_eq!(p.side_of(&brothers).as_deref(), Some("Egypt: opposition"));
        assert_ne!(p.side_of(&army), p.side_of(&brothers));
        assert_eq!(p.side_of(&us), None);
    }
}
