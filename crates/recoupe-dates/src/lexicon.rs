//! The French words of dates, loaded once from `data/fr/`.
//!
//! Month and weekday names (`months.tsv`, `weekdays.tsv`), number words
//! (`date_numbers.tsv`), temporal words and fixed phrases (`temporal.tsv`) and tense cues
//! (`tense.tsv`) become lookup tables keyed by the accent-free lowercase form the
//! tokenizer gives (multiword keys are the folded tokens joined by spaces, an elided
//! word glued to the next: "l'annee derniere"). This module holds words, not grammar.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::tokens::{tokenize, Token};

/// A part of the day, as TimeML writes it after the `T` (`MO`, `AF`, `EV`, `NI`, `DT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Morning,
    Afternoon,
    Evening,
    Night,
    Daytime,
}

impl Part {
    pub fn code(self) -> &'static str {
        match self {
            Part::Morning => "MO",
            Part::Afternoon => "AF",
            Part::Evening => "EV",
            Part::Night => "NI",
            Part::Daytime => "DT",
        }
    }

    fn parse(s: &str) -> Option<Part> {
        Some(match s {
            "MO" => Part::Morning,
            "AF" => Part::Afternoon,
            "EV" => Part::Evening,
            "NI" => Part::Night,
            "DT" => Part::Daytime,
            _ => return None,
        })
    }
}

/// A calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Hour,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "D" => Unit::Day,
            "W" => Unit::Week,
            "WE" => Unit::Weekend,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            "H" => Unit::Hour,
            _ => return None,
        })
    }
}

/// What a fixed phrase of `temporal.tsv` denotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Phrase {
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(String),
    /// Days from the publication date.
    Deictic(i64),
    /// Days from the day last mentioned.
    Anaphoric(i64),
    /// The time last mentioned.
    Moment,
    /// A recurring time, with its TimeML value.
    Set(String),
    /// A fixed-date holiday.
    Holiday { month: u32, day: u32 },
    /// A holiday that moves with Easter: days from Easter Sunday.
    Easter(i64),
}

#[derive(Default)]
pub(crate) struct Lexicon {
    pub months: HashMap<String, u32>,
    pub weekdays: HashMap<String, u32>,
    numbers: HashMap<String, u32>,
    phrases: HashMap<String, Phrase>,
    pub parts: HashMap<String, Part>,
    pub clocks: HashMap<String, (u32, u32)>,
    pub units: HashMap<String, Unit>,
    pub seasons: HashMap<String, &'static str>,
    rels: HashMap<String, i32>,
    /// Adjectives that place what they qualify ("prochaines" → FUTURE_REF).
    pub ref_adjectives: HashMap<String, String>,
    pub modifiers: HashSet<String>,
    zones: HashSet<String>,
    approx: HashSet<String>,
    vague: HashSet<String>,
    /// Words that make a present-tense sentence a habit ("chaque année", "généralement").
    habits: HashMap<String, ()>,
    /// Words before a publication date, with their rank (1 first publication, 2 update).
    published: HashMap<String, u8>,
    /// Month names written out in full (the other forms are abbreviations).
    pub full_months: HashSet<String>,
    pub aux_past: HashSet<String>,
    pub aux_future: HashSet<String>,
    future: HashSet<String>,
    past: HashSet<String>,
    pub skip: HashSet<String>,
    pub not_verb: HashSet<String>,
    /// The longest multiword key, in tokens.
    longest: usize,
    /// The first word of every key: a lookup starting elsewhere is skipped at once.
    firsts: HashSet<String>,
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// The lookup key of a lexicon entry: its folded tokens, joined the way [`key_of`] joins
/// text tokens.
fn entry_key(s: &str) -> (String, usize) {
    let toks = tokenize(s);
    (key_of(&toks), toks.len())
}

/// The first token of a key ("l'annee derniere" → "l'", "aujourd'hui" → itself).
fn first_word(key: &str) -> String {
    tokenize(key)
        .into_iter()
        .next()
        .map(|t| t.fold)
        .unwrap_or_default()
}

/// Folded tokens joined by spaces, with no space after an elided word.
pub(crate) fn key_of(toks: &[Token]) -> String {
    let mut key = String::new();
    for (n, t) in toks.iter().enumerate() {
        if n > 0 && !key.ends_with('\'') {
            key.push(' ');
        }
        key.push_str(&t.fold);
    }
    key
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lx = Lexicon::default();
        for line in data_lines(include_str!("../../../data/fr/months.tsv")) {
            if let Some((form, n)) = line.split_once('\t') {
                if let Ok(n) = n.trim().parse() {
                    lx.months.insert(entry_key(form).0, n);
                }
            }
        }
        let mut longest_name: HashMap<u32, usize> = HashMap::new();
        for (form, &n) in &lx.months {
            let len = longest_name.entry(n).or_default();
            *len = (*len).max(form.chars().count());
        }
        for (form, n) in &lx.months {
            if longest_name.get(n) == Some(&form.chars().count()) {
                lx.full_months.insert(form.clone());
            }
        }
        for line in data_lines(include_str!("../../../data/fr/weekdays.tsv")) {
            if let Some((form, n)) = line.split_once('\t') {
                if let Ok(n) = n.trim().parse() {
                    lx.weekdays.insert(entry_key(form).0, n);
                }
            }
        }
        for line in data_lines(include_str!("../../../data/fr/date_numbers.tsv")) {
            if let Some((form, n)) = line.split_once('\t') {
                if let Ok(n) = n.trim().parse() {
                    let (key, len) = entry_key(form);
                    lx.longest = lx.longest.max(len);
                    lx.numbers.insert(key, n);
                }
            }
        }
        for line in data_lines(include_str!("../../../data/fr/temporal.tsv")) {
            let cols: Vec<&str> = line.split('\t').collect();
            let [kind, form, value] = cols[..] else {
                continue;
            };
            let (key, len) = entry_key(form);
            let value = value.trim();
            match kind {
                "ref" => {
                    lx.phrases
                        .insert(key.clone(), Phrase::Ref(value.to_string()));
                }
                "deictic" | "anaphoric" => {
                    if let Ok(n) = value.parse() {
                        let p = if kind == "deictic" {
                            Phrase::Deictic(n)
                        } else {
                            Phrase::Anaphoric(n)
                        };
                        lx.phrases.insert(key.clone(), p);
                    }
                }
                "moment" => {
                    lx.phrases.insert(key.clone(), Phrase::Moment);
                }
                "set" => {
                    lx.phrases
                        .insert(key.clone(), Phrase::Set(value.to_string()));
                }
                "holiday" => {
                    if let Some((m, d)) = value.split_once('-') {
                        if let (Ok(month), Ok(day)) = (m.parse(), d.parse()) {
                            lx.phrases
                                .insert(key.clone(), Phrase::Holiday { month, day });
                        }
                    }
                }
                "easter" => {
                    if let Ok(n) = value.parse() {
                        lx.phrases.insert(key.clone(), Phrase::Easter(n));
                    }
                }
                "refadj" => {
                    lx.ref_adjectives.insert(key.clone(), value.to_string());
                }
                "part" => {
                    if let Some(p) = Part::parse(value) {
                        lx.parts.insert(key.clone(), p);
                    }
                }
                "clock" => {
                    if let Some((h, m)) = value.split_once(':') {
                        if let (Ok(h), Ok(m)) = (h.parse(), m.parse()) {
                            lx.clocks.insert(key.clone(), (h, m));
                        }
                    }
                }
                "unit" => {
                    if let Some(u) = Unit::parse(value) {
                        lx.units.insert(key.clone(), u);
                    }
                }
                "season" => {
                    let code = match value {
                        "SP" => "SP",
                        "SU" => "SU",
                        "FA" => "FA",
                        "WI" => "WI",
                        _ => continue,
                    };
                    lx.seasons.insert(key.clone(), code);
                }
                "rel" => {
                    if let Ok(n) = value.parse() {
                        lx.rels.insert(key.clone(), n);
                    }
                }
                "modifier" => {
                    lx.modifiers.insert(key.clone());
                }
                "zone" => {
                    lx.zones.insert(key.clone());
                }
                "approx" => {
                    lx.approx.insert(key.clone());
                }
                "vague" => {
                    lx.vague.insert(key.clone());
                }
                "habit" => {
                    lx.habits.insert(key.clone(), ());
                }
                "published" => {
                    if let Ok(rank) = value.parse() {
                        lx.published.insert(key.clone(), rank);
                    }
                }
                _ => continue,
            }
            lx.longest = lx.longest.max(len);
        }
        for line in data_lines(include_str!("../../../data/fr/tense.tsv")) {
            let Some((kind, form)) = line.split_once('\t') else {
                continue;
            };
            let form = form.trim();
            let (key, len) = entry_key(form);
            lx.longest = lx.longest.max(len);
            let low = crate::tokens::lower(form);
            match kind {
                "aux_past" => lx.aux_past.insert(low),
                "aux_future" => lx.aux_future.insert(low),
                "future" => lx.future.insert(key),
                "past" => lx.past.insert(key),
                "skip" => lx.skip.insert(low),
                "not_verb" => lx.not_verb.insert(key),
                _ => false,
            };
        }
        let firsts: HashSet<String> = lx
            .numbers
            .keys()
            .chain(lx.phrases.keys())
            .chain(lx.rels.keys())
            .chain(lx.zones.iter())
            .chain(lx.approx.iter())
            .chain(lx.future.iter())
            .chain(lx.published.keys())
            .chain(lx.habits.keys())
            .map(|k| first_word(k))
            .collect();
        lx.firsts = firsts;
        lx
    }

    /// How many tokens from `i` a lookup may span: none when no key starts with token `i`.
    fn reach(&self, toks: &[Token], i: usize) -> usize {
        match toks.get(i) {
            Some(t) if self.firsts.contains(&t.fold) => self.longest.min(toks.len() - i),
            _ => 0,
        }
    }

    /// The longest entry of `table` starting at token `i`: its value and the token after it.
    fn longest_in<'a, V>(
        &self,
        table: &'a HashMap<String, V>,
        toks: &[Token],
        i: usize,
    ) -> Option<(&'a V, usize)> {
        let max = self.reach(toks, i);
        (1..=max).rev().find_map(|n| {
            let window = &toks[i..i + n];
            // A phrase never spans punctuation other than an apostrophe or hyphen inside a token.
            if n > 1
                && window
                    .iter()
                    .any(|t| t.shape == crate::tokens::Shape::Punct)
            {
                return None;
            }
            table.get(&key_of(window)).map(|v| (v, i + n))
        })
    }

    pub fn phrase(&self, toks: &[Token], i: usize) -> Option<(&Phrase, usize)> {
        self.longest_in(&self.phrases, toks, i)
    }

    pub fn number_word(&self, toks: &[Token], i: usize) -> Option<(u32, usize)> {
        self.longest_in(&self.numbers, toks, i)
            .map(|(v, e)| (*v, e))
    }

    pub fn rel(&self, toks: &[Token], i: usize) -> Option<(i32, usize)> {
        self.longest_in(&self.rels, toks, i).map(|(v, e)| (*v, e))
    }

    pub fn zone(&self, toks: &[Token], i: usize) -> Option<usize> {
        let max = self.reach(toks, i);
        (1..=max)
            .rev()
            .find(|&n| self.zones.contains(&key_of(&toks[i..i + n])))
            .map(|n| i + n)
    }

    /// Words before a publication date ("Publié le"): their rank and the token after them.
    pub fn published_cue(&self, toks: &[Token], i: usize) -> Option<(u8, usize)> {
        self.longest_in(&self.published, toks, i)
            .map(|(v, e)| (*v, e))
    }

    /// A word that makes the count after it approximate ("près de"): the token after it.
    pub fn approx(&self, toks: &[Token], i: usize) -> Option<usize> {
        let max = self.reach(toks, i);
        (1..=max)
            .rev()
            .find(|&n| self.approx.contains(&key_of(&toks[i..i + n])))
            .map(|n| i + n)
    }

    /// A word or phrase of habit ("généralement", "chaque année") at token `i`; of the
    /// recurring times, only yearly ones ("chaque jour" says nothing of a date's year).
    pub fn habit(&self, toks: &[Token], i: usize) -> bool {
        self.longest_in(&self.habits, toks, i).is_some()
            || matches!(self.phrase(toks, i), Some((Phrase::Set(v), _)) if v == "P1Y" || v.starts_with("XXXX"))
    }

    /// A word that stands for an unknown count ("quelques"): the token after it.
    pub fn vague(&self, toks: &[Token], i: usize) -> Option<usize> {
        self.vague
            .contains(toks.get(i).map_or("", |t| t.fold.as_str()))
            .then_some(i + 1)
    }

    /// A word or phrase that marks a future event by itself ("prévu", "à venir").
    pub fn future_cue(&self, toks: &[Token], i: usize) -> Option<usize> {
        let max = self.reach(toks, i);
        (1..=max)
            .rev()
            .find(|&n| self.future.contains(&key_of(&toks[i..i + n])))
            .map(|n| i + n)
    }

    /// A word that marks a past event by itself ("depuis").
    pub fn past_cue(&self, tok: &Token) -> bool {
        self.past.contains(&tok.fold)
    }
}

pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_load() {
        let lx = &*LEXICON;
        assert_eq!(lx.months.get("aout"), Some(&8));
        assert_eq!(lx.weekdays.get("dimanche"), Some(&7));
        let toks = tokenize("l'année dernière");
        assert_eq!(lx.rel(&toks, 2), Some((-1, 3)));
        let toks = tokenize("vingt et un");
        assert_eq!(lx.number_word(&toks, 0), Some((21, 3)));
        let toks = tokenize("Aujourd’hui");
        assert_eq!(
            lx.phrase(&toks, 0).map(|(p, _)| p.clone()),
            Some(Phrase::Deictic(0))
        );
        assert!(lx.aux_past.contains("avait"));
    }
}
