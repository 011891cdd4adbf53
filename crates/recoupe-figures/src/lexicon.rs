//! The French word lists figure finding needs, loaded once from `data/fr/`.
//!
//! Every list is compiled into the binary with `include_str!`. Phrases are tokenized with
//! the same tokenizer as the text, so "d'après" in a file matches "D’après" in a sentence.
//! This module holds words, not grammar.

use crate::tokens::{normalize, tokenize, Token};
use recoupe_model::{FigureCategory, Qualifier};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const NUMBERS: &str = include_str!("../../../data/fr/numbers.tsv");
const QUALIFIERS: &str = include_str!("../../../data/fr/qualifiers.tsv");
const CASUALTY_TERMS: &str = include_str!("../../../data/fr/casualty_terms.tsv");
const COUNTED_NOUNS: &str = include_str!("../../../data/fr/counted_nouns.tsv");
const NUMBER_CONTEXT: &str = include_str!("../../../data/fr/number_context.tsv");
const DEMONYMS: &str = include_str!("../../../data/fr/demonyms.tsv");
const CLAIM_WORDS: &str = include_str!("../../../data/fr/claim_words.tsv");

/// How a number word combines with its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberWordKind {
    /// Adds its value: "trois", "vingt".
    Word,
    /// "cent": multiplies what precedes.
    Hundred,
    /// "mille": closes a group of thousands.
    Thousand,
    /// "million", "milliard".
    Scale,
    /// "dizaine", "centaine", "millier": a collective noun.
    Approx,
}

#[derive(Debug, Clone)]
pub(crate) struct CasualtyTerm {
    pub words: Vec<String>,
    pub category: FigureCategory,
    pub needs_person: bool,
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NounKinds {
    pub person: bool,
    pub unit: bool,
    pub thing: bool,
    pub pre: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Country {
    pub english: String,
}

/// Roles of the words that introduce a claimant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClaimRole {
    Verb,
    Source,
    Report,
    Skip,
    Aux,
    Pronoun,
    /// "on", "je", "nous": no source a reader could check.
    Nobody,
}

#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    pub numbers: HashMap<String, (f64, NumberWordKind)>,
    /// (phrase, qualifier), longest first.
    pub qualifiers_before: Vec<(Vec<String>, Qualifier)>,
    pub qualifiers_after: Vec<(Vec<String>, Qualifier)>,
    /// Terms by role, longest first.
    pub nouns_terms: Vec<CasualtyTerm>,
    pub after_terms: Vec<CasualtyTerm>,
    pub before_terms: Vec<CasualtyTerm>,
    pub nouns: HashMap<String, NounKinds>,
    pub labels: HashSet<String>,
    pub year_words: HashSet<String>,
    pub months: HashSet<String>,
    pub demonyms: HashMap<String, Country>,
    /// Claim phrases by role, longest first.
    pub claim_phrases: Vec<(Vec<String>, ClaimRole)>,
}

/// The lexicon, loaded on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::load)
}

/// Data rows: non-empty lines not starting with `#`, split on tabs.
fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// A phrase as the sequence of its tokens' lower-cased texts.
fn phrase(s: &str) -> Vec<String> {
    tokenize(s).into_iter().map(|t| t.lower).collect()
}

fn by_length_desc<T>(v: &mut [(Vec<String>, T)]) {
    v.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
}

fn category(s: &str) -> Option<FigureCategory> {
    Some(match s {
        "killed" => FigureCategory::Killed,
        "wounded" => FigureCategory::Wounded,
        "missing" => FigureCategory::Missing,
        "arrested" => FigureCategory::Arrested,
        "displaced" => FigureCategory::Displaced,
        "other" => FigureCategory::Other,
        _ => return None,
    })
}

fn qualifier(s: &str) -> Option<Qualifier> {
    Some(match s {
        "exact" => Qualifier::Exact,
        "at_least" => Qualifier::AtLeast,
        "more_than" => Qualifier::MoreThan,
        "about" => Qualifier::About,
        "up_to" => Qualifier::UpTo,
        _ => return None,
    })
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lex = Lexicon::default();
        for r in rows(NUMBERS) {
            let (Some(word), Some(value), Some(kind)) = (r.first(), r.get(1), r.get(2)) else {
                continue;
            };
            let kind = match *kind {
                "word" => NumberWordKind::Word,
                "hundred" => NumberWordKind::Hundred,
                "thousand" => NumberWordKind::Thousand,
                "scale" => NumberWordKind::Scale,
                "approx" => NumberWordKind::Approx,
                _ => continue,
            };
            if let Ok(v) = value.parse::<f64>() {
                lex.numbers.insert(normalize(word), (v, kind));
            }
        }
        for r in rows(QUALIFIERS) {
            let (Some(p), Some(q), Some(pos)) = (r.first(), r.get(1), r.get(2)) else {
                continue;
            };
            let Some(q) = qualifier(q) else { continue };
            match *pos {
                "before" => lex.qualifiers_before.push((phrase(p), q)),
                "after" => lex.qualifiers_after.push((phrase(p), q)),
                _ => {}
            }
        }
        by_length_desc(&mut lex.qualifiers_before);
        by_length_desc(&mut lex.qualifiers_after);
        for r in rows(CASUALTY_TERMS) {
            let (Some(p), Some(c), Some(role)) = (r.first(), r.get(1), r.get(2)) else {
                continue;
            };
            let Some(category) = category(c) else {
                continue;
            };
            let term = CasualtyTerm {
                words: phrase(p),
                category,
                needs_person: r.get(3) == Some(&"yes"),
            };
            match *role {
                "noun" => lex.nouns_terms.push(term),
                "after" => lex.after_terms.push(term),
                "before" => {
                    // "le massacre de" also reads "le massacre d'une cinquantaine":
                    // the preposition elides before a vowel.
                    if term.words.last().is_some_and(|w| w == "de") {
                        let mut elided = term.clone();
                        *elided.words.last_mut().expect("non-empty") = "d'".to_string();
                        lex.before_terms.push(elided);
                    }
                    lex.before_terms.push(term)
                }
                _ => {}
            }
        }
        for terms in [
            &mut lex.nouns_terms,
            &mut lex.after_terms,
            &mut lex.before_terms,
        ] {
            terms.sort_by_key(|t| std::cmp::Reverse(t.words.len()));
        }
        for r in rows(COUNTED_NOUNS) {
            let (Some(w), Some(kind)) = (r.first(), r.get(1)) else {
                continue;
            };
            let e = lex.nouns.entry(normalize(w)).or_default();
            match *kind {
                "person" => e.person = true,
                "unit" => e.unit = true,
                "thing" => e.thing = true,
                "pre" => e.pre = true,
                _ => {}
            }
        }
        for r in rows(NUMBER_CONTEXT) {
            let (Some(w), Some(role)) = (r.first(), r.get(1)) else {
                continue;
            };
            let w = normalize(w);
            match *role {
                "label" => lex.labels.insert(w),
                "year" => lex.year_words.insert(w),
                "month" => lex.months.insert(w),
                _ => false,
            };
        }
        for r in rows(DEMONYMS) {
            let (Some(forms), Some(english)) = (r.first(), r.get(2)) else {
                continue;
            };
            for f in forms.split(',') {
                lex.demonyms.insert(
                    normalize(f.trim()),
                    Country {
                        english: english.to_string(),
                    },
                );
            }
        }
        for r in rows(CLAIM_WORDS) {
            let (Some(p), Some(role)) = (r.first(), r.get(1)) else {
                continue;
            };
            let role = match *role {
                "verb" => ClaimRole::Verb,
                "source" => ClaimRole::Source,
                "report" => ClaimRole::Report,
                "skip" => ClaimRole::Skip,
                "aux" => ClaimRole::Aux,
                "pronoun" => ClaimRole::Pronoun,
                "nobody" => ClaimRole::Nobody,
                _ => continue,
            };
            lex.claim_phrases.push((phrase(p), role));
        }
        by_length_desc(&mut lex.claim_phrases);
        lex
    }

    pub fn noun(&self, word: &str) -> NounKinds {
        self.nouns.get(word).copied().unwrap_or_default()
    }

    /// The country a demonym form names ("arméniens" → Armenia).
    pub fn demonym(&self, word: &str) -> Option<&Country> {
        self.demonyms.get(word)
    }

    /// The longest claim phrase of `role` starting at token `i`: its length in tokens.
    pub fn claim_at(&self, tokens: &[Token], i: usize, role: ClaimRole) -> Option<usize> {
        self.claim_phrases
            .iter()
            .filter(|(_, r)| *r == role)
            .find(|(p, _)| phrase_at(tokens, i, p))
            .map(|(p, _)| p.len())
    }

    pub fn is_claim(&self, word: &str, role: ClaimRole) -> bool {
        self.claim_phrases
            .iter()
            .any(|(p, r)| *r == role && p.len() == 1 && p[0] == word)
    }
}

/// Whether `phrase` occurs in `tokens` starting at `i`.
pub(crate) fn phrase_at(tokens: &[Token], i: usize, phrase: &[String]) -> bool {
    !phrase.is_empty()
        && tokens
            .get(i..i + phrase.len())
            .is_some_and(|ts| ts.iter().zip(phrase).all(|(t, w)| &t.lower == w))
}

/// Whether `phrase` occurs in `tokens` ending just before `end`.
pub(crate) fn phrase_before(tokens: &[Token], end: usize, phrase: &[String]) -> bool {
    end >= phrase.len() && phrase_at(tokens, end - phrase.len(), phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_loads() {
        let lex = lexicon();
        assert_eq!(lex.numbers.get("vingt").map(|x| x.0), Some(20.0));
        assert!(!lex.qualifiers_before.is_empty());
        assert!(lex.nouns_terms.iter().any(|t| t.words == ["morts"]));
        assert!(lex.noun("soldats").person);
        assert!(lex.noun("ans").unit);
        assert!(lex.months.contains("novembre"));
        assert_eq!(
            lex.demonym("arméniens").map(|c| c.english.as_str()),
            Some("Armenia")
        );
        assert_eq!(
            lex.demonym("azerbaïdjanais").map(|c| c.english.as_str()),
            Some("Azerbaijan")
        );
        assert_eq!(
            lex.demonym("turque").map(|c| c.english.as_str()),
            Some("Turkey")
        );
        assert!(lex.is_claim("annoncé", ClaimRole::Verb));
    }

    #[test]
    fn demonym_file_has_three_columns_everywhere() {
        for r in rows(DEMONYMS) {
            assert_eq!(r.len(), 3, "{r:?}");
            assert!(r.iter().all(|c| !c.is_empty()), "{r:?}");
        }
        assert!(rows(DEMONYMS).count() > 190);
    }
}
