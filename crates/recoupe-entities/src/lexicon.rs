//! The word lists entity recognition and merging read, loaded once from `data/fr/`.
//!
//! Holds: countries with their capitals, other places, known organisations, seats of
//! power, titles, role nouns, given names, name particles, demonyms, words that are not
//! names, place cues, organisation heads and adjectives, and the transliteration rules.
//! Every list is embedded with `include_str!`, so the binary needs no data at run time.
//! This module parses lists; it does not look at any text.

use crate::names::fold;
use recoupe_model::EntityType;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const COUNTRIES: &str = include_str!("../../../data/fr/countries.tsv");
const LOCATIONS: &str = include_str!("../../../data/fr/locations.tsv");
const ORGANISATIONS: &str = include_str!("../../../data/fr/organisations.tsv");
const AGENCIES: &str = include_str!("../../../data/fr/agencies.txt");
const SEATS: &str = include_str!("../../../data/fr/seats.tsv");
const TITLES: &str = include_str!("../../../data/fr/titles.txt");
const ROLES: &str = include_str!("../../../data/fr/roles.tsv");
const ROLES_EXTRA: &str = include_str!("../../../data/fr/roles_extra.txt");
const FIRST_NAMES: &str = include_str!("../../../data/fr/first_names.txt");
const FIRST_NAMES_F: &str = include_str!("../../../data/fr/first_names_f.txt");
const PARTICLES: &str = include_str!("../../../data/fr/name_particles.txt");
const DEMONYMS: &str = include_str!("../../../data/fr/demonyms.tsv");
const NOT_NAMES: &str = include_str!("../../../data/fr/not_names.txt");
const MONTHS: &str = include_str!("../../../data/fr/months.tsv");
const WEEKDAYS: &str = include_str!("../../../data/fr/weekdays.tsv");
const PLACE_CUES: &str = include_str!("../../../data/fr/location_cues.txt");
const ORG_HEADS: &str = include_str!("../../../data/fr/organisation_name_heads.txt");
const ORG_ADJECTIVES: &str = include_str!("../../../data/fr/organisation_adjectives.txt");
const NAME_FOLLOWERS: &str = include_str!("../../../data/fr/name_followers.txt");
const TRANSLITERATION: &str = include_str!("../../../data/fr/transliteration.tsv");

/// What a gazetteer entry names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known {
    /// A country, by ISO code.
    Country(String),
    /// A capital city of the country with this ISO code.
    Capital(String),
    /// A seat of power standing for the country with this ISO code ("le Kremlin").
    Seat(String),
    /// Another place; the string is its canonical name.
    Place(String),
    /// An organisation; the string is its canonical name.
    Organisation(String),
}

impl Known {
    /// The entity type a mention of this entry has when it is used as written.
    pub fn kind(&self) -> EntityType {
        match self {
            Known::Country(_) => EntityType::Country,
            Known::Capital(_) | Known::Place(_) => EntityType::Location,
            Known::Seat(_) | Known::Organisation(_) => EntityType::Organization,
        }
    }
}

/// One gazetteer name: its words (folded) and whether each word must be capitalised.
#[derive(Debug, Clone)]
pub struct GazetteerName {
    pub words: Vec<String>,
    pub capitalised: Vec<bool>,
    /// Acronyms ("UE", "ONU") match only in capitals.
    pub all_caps: Vec<bool>,
    pub known: Known,
}

/// A country: its names and capitals.
#[derive(Debug, Clone)]
pub struct Country {
    pub french: String,
    pub english: String,
}

/// Every list, parsed.
#[derive(Debug)]
pub struct Lexicon {
    /// Gazetteer names by their first folded word, longest first.
    pub gazetteer: HashMap<String, Vec<GazetteerName>>,
    pub countries: HashMap<String, Country>,
    /// Canonical names of places and organisations by folded key of any variant.
    pub titles: HashSet<String>,
    /// Role nouns as folded word sequences, longest first.
    pub roles: Vec<Vec<String>>,
    /// Indices into `roles` by first word, in list order.
    pub roles_by_first: HashMap<String, Vec<usize>>,
    /// Every word of every role.
    pub role_words: HashSet<String>,
    pub first_names: HashSet<String>,
    pub particles: HashSet<String>,
    /// Folded demonym form → ISO code when the country is known, else its English name.
    pub demonyms: HashMap<String, String>,
    pub not_names: HashSet<String>,
    /// Place cues as folded word sequences.
    pub place_cues: Vec<Vec<String>>,
    pub org_heads: HashSet<String>,
    pub org_adjectives: HashSet<String>,
    pub name_followers: HashSet<String>,
    pub transliteration: Vec<(String, String)>,
}

/// The lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::load)
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Splits a name into words the way the tokenizer does, folded, with capitalisation.
fn name_words(name: &str) -> (Vec<String>, Vec<bool>) {
    let toks = crate::tokens::tokenize(name);
    let words = toks.iter().map(|t| fold(t.text(name))).collect();
    let caps = toks.iter().map(|t| t.is_capitalised(name)).collect();
    (words, caps)
}

fn all_caps_words(name: &str) -> Vec<bool> {
    crate::tokens::tokenize(name)
        .iter()
        .map(|t| t.is_all_caps(name))
        .collect()
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lx = Lexicon {
            gazetteer: HashMap::new(),
            countries: HashMap::new(),
            titles: HashSet::new(),
            roles: Vec::new(),
            roles_by_first: HashMap::new(),
            role_words: HashSet::new(),
            first_names: HashSet::new(),
            particles: HashSet::new(),
            demonyms: HashMap::new(),
            not_names: HashSet::new(),
            place_cues: Vec::new(),
            org_heads: HashSet::new(),
            org_adjectives: HashSet::new(),
            name_followers: HashSet::new(),
            transliteration: Vec::new(),
        };
        let mut english_to_iso = HashMap::new();
        for l in lines(COUNTRIES) {
            let cols: Vec<&str> = l.split('\t').collect();
            if cols.len() < 4 {
                continue;
            }
            let iso = cols[2].trim().to_string();
            let french: Vec<&str> = cols[0].split('|').map(str::trim).collect();
            let english: Vec<&str> = cols[1].split('|').map(str::trim).collect();
            lx.countries.insert(
                iso.clone(),
                Country {
                    french: french[0].to_string(),
                    english: english[0].to_string(),
                },
            );
            for e in &english {
                english_to_iso.insert(fold(e), iso.clone());
            }
            for n in french.iter().chain(english.iter()) {
                lx.add_name(n, Known::Country(iso.clone()));
            }
            for c in cols[3].split('|').map(str::trim).filter(|c| !c.is_empty()) {
                lx.add_name(c, Known::Capital(iso.clone()));
            }
        }
        for l in lines(LOCATIONS) {
            let names: Vec<&str> = l.split('\t').next().unwrap_or("").split('|').collect();
            let canonical = names[0].trim().to_string();
            for n in &names {
                lx.add_name(n.trim(), Known::Place(canonical.clone()));
            }
        }
        for l in lines(SEATS) {
            let mut cols = l.split('\t');
            if let (Some(name), Some(iso)) = (cols.next(), cols.next()) {
                lx.add_name(name.trim(), Known::Seat(iso.trim().to_string()));
            }
        }
        for l in lines(ORGANISATIONS) {
            let names: Vec<&str> = l.split('|').collect();
            let canonical = names[0].trim().to_string();
            for n in &names {
                lx.add_name(n.trim(), Known::Organisation(canonical.clone()));
            }
        }
        for l in lines(AGENCIES) {
            lx.add_name(l.trim(), Known::Organisation(l.trim().to_string()));
        }
        for names in lx.gazetteer.values_mut() {
            names.sort_by_key(|g| std::cmp::Reverse(g.words.len()));
        }
        lx.titles = lines(TITLES).map(|l| l.trim().to_string()).collect();
        let mut roles: Vec<Vec<String>> = lines(ROLES)
            .filter_map(|l| l.split('\t').next())
            .chain(lines(ROLES_EXTRA))
            .map(|r| name_words(r.trim()).0)
            .filter(|w| !w.is_empty())
            .collect();
        roles.sort_by_key(|r| std::cmp::Reverse(r.len()));
        roles.dedup();
        for (i, r) in roles.iter().enumerate() {
            lx.roles_by_first.entry(r[0].clone()).or_default().push(i);
            lx.role_words.extend(r.iter().cloned());
        }
        lx.roles = roles;
        lx.first_names = lines(FIRST_NAMES)
            .chain(lines(FIRST_NAMES_F))
            .map(|l| fold(l.trim()))
            .collect();
        lx.particles = lines(PARTICLES).map(|l| fold(l.trim())).collect();
        for l in lines(DEMONYMS) {
            let cols: Vec<&str> = l.split('\t').collect();
            if cols.len() < 3 {
                continue;
            }
            let english = cols[2].trim();
            let target = english_to_iso
                .get(&fold(english))
                .cloned()
                .unwrap_or_else(|| english.to_string());
            for form in cols[0].split(',') {
                lx.demonyms.insert(fold(form.trim()), target.clone());
            }
        }
        lx.not_names = lines(NOT_NAMES)
            .chain(
                lines(MONTHS)
                    .chain(lines(WEEKDAYS))
                    .filter_map(|l| l.split('\t').next()),
            )
            .map(|l| fold(l.trim()))
            .collect();
        lx.place_cues = lines(PLACE_CUES).map(|l| name_words(l.trim()).0).collect();
        lx.place_cues.sort_by_key(|c| std::cmp::Reverse(c.len()));
        lx.org_heads = lines(ORG_HEADS).map(|l| fold(l.trim())).collect();
        lx.org_adjectives = lines(ORG_ADJECTIVES).map(|l| fold(l.trim())).collect();
        lx.name_followers = lines(NAME_FOLLOWERS)
            .map(|l| l.trim().to_lowercase())
            .collect();
        lx.transliteration = lines(TRANSLITERATION)
            .filter_map(|l| {
                let mut c = l.split('\t');
                Some((c.next()?.to_string(), c.next()?.to_string()))
            })
            .collect();
        lx
    }

    fn add_name(&mut self, name: &str, known: Known) {
        let (words, capitalised) = name_words(name);
        if words.is_empty() {
            return;
        }
        let entry = self.gazetteer.entry(words[0].clone()).or_default();
        if entry.iter().any(|g| g.words == words) {
            return;
        }
        entry.push(GazetteerName {
            words,
            capitalised,
            all_caps: all_caps_words(name),
            known,
        });
    }

    /// Roles whose first word is the folded `word`, in list order (longest first).
    pub fn roles_starting(&self, word: &str) -> impl Iterator<Item = &[String]> {
        self.roles_by_first
            .get(word)
            .into_iter()
            .flatten()
            .map(|&i| self.roles[i].as_slice())
    }

    /// True when the folded word is a demonym or nationality adjective.
    pub fn is_demonym(&self, folded: &str) -> bool {
        self.demonyms.contains_key(folded)
    }

    /// The French name of a country, by ISO code.
    pub fn country_name(&self, iso: &str) -> Option<&str> {
        self.countries.get(iso).map(|c| c.french.as_str())
    }
}
