//! Lexical attributes of a token, computed as spaCy computes them for French.
//!
//! `NORM` is the lower-cased text unless a tokenizer exception gives a norm;
//! `PREFIX` is the first character, `SUFFIX` the last three, `SHAPE` spaCy's
//! `word_shape` ("Paris" → "Xxxxx", "1984" → "dddd"). Character classes follow
//! Python's `str` predicates (`isalpha`, `isupper`, `isdigit`, `isspace`), which
//! the trained weights were built on. Strings become ids with spaCy's string hash,
//! except the fixed spaCy symbols, which keep their small ids.
//!
//! Only the attributes the NER model reads are computed here.

use std::collections::HashMap;

use crate::hash::murmurhash64a;

/// Python's `str.isspace` for one character.
pub fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.isalpha` for one character (Unicode letters).
pub fn py_isalpha(c: char) -> bool {
    c.is_alphabetic() && !c.is_numeric()
}

/// Python's `str.isdigit` for one character (decimal and digit characters).
pub fn py_isdigit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    if !c.is_numeric() {
        return false;
    }
    // Numeric characters that are not digits: vulgar fractions, Roman numerals,
    // and other letter-like numbers.
    !matches!(c as u32,
        0xBC..=0xBE | 0x2150..=0x218B | 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303A
        | 0x16EE..=0x16F0 | 0x2CFD | 0x3192..=0x3195 | 0x3220..=0x3229 | 0x3248..=0x324F
        | 0x3251..=0x325F | 0x3280..=0x3289 | 0x32B1..=0x32BF | 0x09F4..=0x09F9
        | 0x0BF0..=0x0BF2 | 0x0D70..=0x0D78 | 0x0F2A..=0x0F33 | 0x1372..=0x137C
        | 0xA830..=0xA835)
}

/// spaCy's `word_shape`.
pub fn word_shape(text: &str) -> String {
    if text.chars().count() >= 100 {
        return "LONG".to_string();
    }
    let mut shape = String::with_capacity(text.len());
    let mut last: Option<char> = None;
    let mut seq = 0;
    for c in text.chars() {
        let s = if py_isalpha(c) {
            if c.is_uppercase() {
                'X'
            } else {
                'x'
            }
        } else if py_isdigit(c) {
            'd'
        } else {
            c
        };
        if Some(s) == last {
            seq += 1;
        } else {
            seq = 0;
            last = Some(s);
        }
        if seq < 4 {
            shape.push(s);
        }
    }
    shape
}

/// First character (spaCy `PREFIX`).
pub fn prefix(text: &str) -> &str {
    match text.char_indices().nth(1) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// Last three characters (spaCy `SUFFIX`).
pub fn suffix(text: &str) -> &str {
    match text.char_indices().rev().nth(2) {
        Some((i, _)) => &text[i..],
        None => text,
    }
}

/// Maps strings to spaCy's 64-bit ids.
#[derive(Debug, Clone, Default)]
pub struct StringIds {
    symbols: HashMap<String, u64>,
}

impl StringIds {
    pub fn new(symbols: HashMap<String, u64>) -> Self {
        Self { symbols }
    }

    /// The id spaCy's `StringStore.add` gives this string.
    pub fn id(&self, s: &str) -> u64 {
        if s.is_empty() {
            return 0;
        }
        if let Some(&id) = self.symbols.get(s) {
            return id;
        }
        murmurhash64a(s.as_bytes(), 1)
    }
}

/// The token attributes spaCy models can embed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attr {
    Orth,
    Lower,
    Norm,
    Prefix,
    Suffix,
    Shape,
}

impl Attr {
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "ORTH" => Attr::Orth,
            "LOWER" => Attr::Lower,
            "NORM" => Attr::Norm,
            "PREFIX" => Attr::Prefix,
            "SUFFIX" => Attr::Suffix,
            "SHAPE" => Attr::Shape,
            _ => return None,
        })
    }

    /// The attribute's string for a token with this text and (optional) norm.
    pub fn value(self, text: &str, norm: Option<&str>, out: &mut String) {
        out.clear();
        match self {
            Attr::Orth => out.push_str(text),
            Attr::Lower => out.push_str(&text.to_lowercase()),
            Attr::Norm => match norm {
                Some(n) => out.push_str(n),
                None => out.push_str(&text.to_lowercase()),
            },
            Attr::Prefix => out.push_str(prefix(text)),
            Attr::Suffix => out.push_str(suffix(text)),
            Attr::Shape => out.push_str(&word_shape(text)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_follow_spacy() {
        assert_eq!(word_shape("Marseille"), "Xxxxx");
        assert_eq!(word_shape("1984"), "dddd");
        assert_eq!(word_shape("C'est"), "X'xxx");
        assert_eq!(word_shape("ÉTÉ"), "XXX");
        assert_eq!(word_shape("x²"), "xd");
    }

    #[test]
    fn affixes_count_characters() {
        assert_eq!(prefix("Évian"), "É");
        assert_eq!(suffix("Évian"), "ian");
        assert_eq!(suffix("là"), "là");
        assert_eq!(prefix(""), "");
    }
}
