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
///
/// Runs of ASCII are copied lowercased; only the runs between them go through NFKD
/// (an ASCII character never decomposes and never takes part in the reordering of
/// combining marks, so the result is the same as decomposing the whole text).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii_end = rest.find(|c: char| !c.is_ascii()).unwrap_or(rest.len());
        let (ascii, tail) = rest.split_at(ascii_end);
        push_ascii_lower(ascii, &mut out);
        let other_end = tail.find(|c: char| c.is_ascii()).unwrap_or(tail.len());
        let (other, tail) = tail.split_at(other_end);
        fold_decomposed(other, &mut out);
        rest = tail;
    }
    out
}

/// ASCII text lowercased, with the backtick as an apostrophe, appended to `out`.
fn push_ascii_lower(ascii: &str, out: &mut String) {
    let start = out.len();
    out.push_str(ascii);
    out.as_mut_str()[start..].make_ascii_lowercase();
    if ascii.contains('`') {
        let tail = out[start..].replace('`', "'");
        out.truncate(start);
        out.push_str(&tail);
    }
}

/// [`fold`] of any text through NFKD, appended to `out`.
fn fold_decomposed(text: &str, out: &mut String) {
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
}

/// Lowercase and unify apostrophes, keeping accents (what the stemmer expects).
pub fn lower(text: &str) -> String {
    if text.is_ascii() {
        let mut out = String::with_capacity(text.len());
        push_ascii_lower(text, &mut out);
        return out;
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while !rest.is_empty() {
        let ascii_end = rest.find(|c: char| !c.is_ascii()).unwrap_or(rest.len());
        let (ascii, tail) = rest.split_at(ascii_end);
        push_ascii_lower(ascii, &mut out);
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' | '´' => out.push('\''),
                _ => out.extend(c.to_lowercase()),
            }
        }
        rest = chars.as_str();
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
        .filter_map(|w| content_stem(&w))
        .collect()
}

/// The stem of one lowercase word, or `None` for a function word (or an empty stem).
fn content_stem(w: &str) -> Option<String> {
    // Most words are plain ASCII: fold only when needed.
    let stop = if w.is_ascii() {
        is_stopword(w)
    } else {
        is_stopword(&fold(w))
    };
    if stop {
        return None;
    }
    Some(stem(w)).filter(|s| !s.is_empty())
}

/// [`content_stems`] hashed with [`stable_hash`]: the same values, with each distinct
/// word stemmed once per thread (a bounded cache), as linking every sentence of a large
/// pile meets the same words again and again.
pub fn content_stem_hashes(text: &str) -> Vec<u64> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    /// Words remembered per thread before the cache starts over.
    const CACHE_WORDS: usize = 1 << 18;
    thread_local! {
        static CACHE: RefCell<HashMap<String, Option<u64>>> = RefCell::new(HashMap::new());
    }
    let lowered = lower(text);
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let mut out = Vec::new();
        for w in lowered.split(|c: char| !c.is_alphanumeric()) {
            if w.is_empty() {
                continue;
            }
            let hash = match cache.get(w) {
                Some(h) => *h,
                None => {
                    let h = content_stem(w).map(|s| stable_hash(&s));
                    if cache.len() >= CACHE_WORDS {
                        cache.clear();
                    }
                    cache.insert(w.to_string(), h);
                    h
                }
            };
            out.extend(hash);
        }
        out
    })
}

/// A 64-bit hash of a string, stable across runs (FNV-1a).
pub fn stable_hash(text: &str) -> u64 {
    fnv(FNV_OFFSET, text.as_bytes())
}

/// [`stable_hash`] of the words joined by single spaces, without joining them.
pub fn stable_hash_words<'a>(words: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut h = FNV_OFFSET;
    for (i, w) in words.into_iter().enumerate() {
        if i > 0 {
            h = fnv(h, b" ");
        }
        h = fnv(h, w.as_bytes());
    }
    h
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
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
        assert_eq!(fold("Rock`n ROLL à Paris"), "rock'n roll a paris");
        assert_eq!(lower("Rock`n ROLL"), "rock'n roll");
        assert_eq!(lower("L’Été"), "l'été");
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

    /// The fold of the whole text through NFKD, as `fold` was first written.
    fn fold_reference(text: &str) -> String {
        let mut out = String::new();
        fold_decomposed(text, &mut out);
        out
    }

    #[test]
    fn fold_by_runs_equals_fold_of_the_whole() {
        for t in [
            "L’Été à Œuvre, `quote´ ﬁn",
            "e\u{301}te\u{301} A\u{308}\u{301}b",
            "\u{301}\u{302}x",
            "Ça coûte 12\u{a0}000\u{a0}€ à Noël",
            "ÉTÉ ŒIL Æther İstanbul ß",
            "Zürich – « Genève » ½ ²",
            "",
        ] {
            assert_eq!(fold(t), fold_reference(t), "{t:?}");
        }
    }

    /// `lower` character by character, as it was first written.
    fn lower_reference(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '´' => out.push('\''),
                _ => out.extend(c.to_lowercase()),
            }
        }
        out
    }

    #[test]
    fn lower_by_runs_equals_lower_char_by_char() {
        for t in [
            "L’Été à Œuvre, `quote´ ﬁn",
            "ÉTÉ ŒIL Æther İstanbul ß ΣΑΣ",
            "Ça coûte 12\u{a0}000\u{a0}€ à Noël",
            "plain ASCII `Text`",
            "é",
            "",
        ] {
            assert_eq!(lower(t), lower_reference(t), "{t:?}");
        }
    }

    #[test]
    fn stem_hashes_match_stems() {
        let t = "Les négociations reprendront mardi à Genève, a-t-il déclaré ; l’accord tient.";
        for _ in 0..2 {
            let hashed: Vec<u64> = content_stems(t).iter().map(|s| stable_hash(s)).collect();
            assert_eq!(content_stem_hashes(t), hashed);
        }
    }

    #[test]
    fn word_hash_equals_hash_of_joined_words() {
        let w = ["le", "conseil", "a", "vote"];
        assert_eq!(stable_hash_words(w), stable_hash(&w.join(" ")));
        assert_eq!(stable_hash_words([]), stable_hash(""));
    }
}
