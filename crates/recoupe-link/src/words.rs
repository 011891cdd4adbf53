//! Word normalization for comparing texts across documents.
//!
//! Turns a sentence or a document into comparable units: words lowercased with accents
//! folded, French elisions split (`l'Azerbaïdjan` → `l`, `azerbaidjan`), content words
//! stemmed with the Snowball French stemmer (so `négociations` and `négociées` meet)
//! and function words (from `data/fr/link_stopwords.txt`) left out.
//!
//! It does not parse: no part of speech, no lemma beyond the stemmer's suffix rules.

use std::collections::HashSet;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

const STOPWORDS: &str = include_str!("../../../data/fr/link_stopwords.txt");

/// Lines of a data file, without comments and blank lines.
pub(crate) fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn stopwords() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| data_lines(STOPWORDS).map(fold).collect())
}

/// Lowercase, fold accents (`é` → `e`, `œ` → `oe`), typographic apostrophes to `'`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '´' => out.push('\''),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Lowercase and unify apostrophes, keeping accents (what the stemmer expects).
pub fn lower(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '´' => out.push('\''),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The words of `text` in order, lowercased (accents kept); apostrophes and every other
/// non-alphanumeric character separate words.
pub fn raw_words(text: &str) -> Vec<String> {
    lower(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The words of `text` in order, folded (no accents, lowercase).
pub fn folded_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// True for a function word (`le`, `de`, `qu`…).
pub fn is_stopword(folded_word: &str) -> bool {
    stopwords().contains(folded_word)
}

/// Stem one lowercase word and fold its accents.
pub fn stem(word: &str) -> String {
    static STEMMER: OnceLock<frostem::Stemmer> = OnceLock::new();
    let stemmer = STEMMER.get_or_init(|| frostem::Stemmer::new(frostem::Algorithm::French));
    if word.chars().all(|c| c.is_ascii_digit()) {
        return word.to_string();
    }
    let stemmed = stemmer.stem(word);
    if stemmed.is_ascii() {
        stemmed.into_owned()
    } else {
        fold(&stemmed)
    }
}

/// The content words of `text` in order: stemmed, folded, function words left out.
pub fn content_stems(text: &str) -> Vec<String> {
    raw_words(text)
        .into_iter()
        .filter(|w| {
            // Most words are plain ASCII: fold only when needed.
            if w.is_ascii() {
                !is_stopword(w)
            } else {
                !is_stopword(&fold(w))
            }
        })
        .map(|w| stem(&w))
        .filter(|s| !s.is_empty())
        .collect()
}

/// A 64-bit hash of a string, stable across runs (FNV-1a).
pub fn stable_hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_apostrophes() {
        assert_eq!(fold("L’Été à Œuvre"), "l'ete a oeuvre");
    }

    #[test]
    fn splits_elisions() {
        assert_eq!(
            folded_words("l’Arménie d'abord"),
            vec!["l", "armenie", "d", "abord"]
        );
    }

    #[test]
    fn stems_meet_across_inflections() {
        let a = content_stems("des solutions négociées");
        let b = content_stems("la solution négociée");
        assert_eq!(a, b);
    }

    #[test]
    fn drops_function_words() {
        let s = content_stems("Il est nécessaire de partir");
        assert!(!s.iter().any(|w| w == "il" || w == "de" || w == "est"));
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in ["", "’’’", "12 000", "\u{301}e", "ﬁn"] {
            let _ = content_stems(t);
            let _ = folded_words(t);
        }
    }
}
