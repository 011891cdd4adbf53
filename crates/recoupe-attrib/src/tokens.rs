//! Word tokens with byte offsets, the unit the attribution grammar reads.
//!
//! Words keep internal hyphens ("porte-parole", "a-t-il") and internal apostrophes
//! ("aujourd'hui"); elided words are split off with their apostrophe ("l'", "qu'",
//! "d'"); titles written with a period keep it ("M."); numbers keep their inner
//! separators ("3.000", "6,3"). Quotation marks become `Open`/`Close` tokens when the
//! pairing of [`crate::marks`] says so, plain punctuation otherwise. Nothing here knows
//! any grammar.

use std::collections::HashMap;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Punct,
    /// An opening quotation mark; the number is the quote span's index.
    Open(usize),
    /// A closing quotation mark; the number is the quote span's index.
    Close(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Lowercase, with typographic apostrophes made straight.
    pub norm: String,
    pub kind: TokenKind,
    /// First character is an uppercase letter.
    pub capitalized: bool,
    /// A line break stands between this token and the previous one.
    pub newline_before: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is_punct(&self, c: &str) -> bool {
        self.kind == TokenKind::Punct && self.norm == c
    }

    pub fn is_quote_mark(&self) -> bool {
        matches!(self.kind, TokenKind::Open(_) | TokenKind::Close(_))
    }

    /// All letters uppercase, at least two of them ("RSF", "USGS").
    pub fn is_acronym(&self, text: &str) -> bool {
        let s = text.get(self.start..self.end).unwrap_or("");
        s.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && s.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
    }
}

/// Role of a quotation mark at a byte offset, decided by [`crate::marks`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkRole {
    Open(usize),
    Close(usize),
}

const ELIDED: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '#' || c == '@'
}

/// Tokenize text with no quotation-mark pairing (quotation marks become punctuation).
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_with_marks(text, &HashMap::new())
}

/// Tokenize `text`; `marks` gives the role of paired quotation marks by byte offset.
pub fn tokenize_with_marks(text: &str, marks: &HashMap<usize, MarkRole>) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let end_of = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if let Some(role) = marks.get(&b) {
            let kind = match *role {
                MarkRole::Open(k) => TokenKind::Open(k),
                MarkRole::Close(k) => TokenKind::Close(k),
            };
            out.push(Token {
                start: b,
                end: end_of(i + 1),
                norm: c.to_string(),
                kind,
                capitalized: false,
                newline_before: false,
            });
            i += 1;
            continue;
        }
        if !is_word_char(c) {
            let norm = if is_apostrophe(c) {
                "'".to_string()
            } else {
                c.to_string()
            };
            out.push(Token {
                start: b,
                end: end_of(i + 1),
                norm,
                kind: TokenKind::Punct,
                capitalized: false,
                newline_before: false,
            });
            i += 1;
            continue;
        }
        // A word: letters and digits, with inner hyphens, apostrophes and number separators.
        let mut j = i;
        loop {
            j += 1;
            if j >= n {
                break;
            }
            let c = chars[j].1;
            if is_word_char(c) {
                continue;
            }
            let next_is_word =
                j + 1 < n && is_word_char(chars[j + 1].1) && !marks.contains_key(&chars[j + 1].0);
            if c == '-' && next_is_word {
                continue;
            }
            if (c == '.' || c == ',')
                && next_is_word
                && chars[j - 1].1.is_ascii_digit()
                && chars[j + 1].1.is_ascii_digit()
            {
                continue;
            }
            // "L?ONG": a mis-encoded apostrophe between letters
            let broken_apostrophe = c == '?'
                && next_is_word
                && chars[j - 1].1.is_alphabetic()
                && chars[j + 1].1.is_alphabetic();
            if (is_apostrophe(c) || broken_apostrophe) && !marks.contains_key(&chars[j].0) {
                let so_far: String = text[chars[i].0..chars[j].0].to_lowercase();
                if ELIDED.contains(&so_far.as_str()) {
                    j += 1; // keep the apostrophe with the elided word, end it here
                    break;
                }
                if next_is_word {
                    continue;
                }
            }
            break;
        }
        let mut end = end_of(j);
        // Titles written with a period: "M.", "MM.", "Mme." stays a word.
        if j < n && chars[j].1 == '.' {
            let w = &text[b..end];
            if matches!(w, "M" | "MM" | "Mme" | "Mlle" | "Dr" | "Pr" | "St" | "Ste") {
                end = end_of(j + 1);
                j += 1;
            }
        }
        let raw = &text[b..end];
        let mut norm = raw.replace('\u{2019}', "'").to_lowercase();
        if norm.ends_with('?') {
            norm.pop();
            norm.push('\'');
        }
        out.push(Token {
            start: b,
            end,
            norm,
            kind: TokenKind::Word,
            capitalized: c.is_uppercase(),
            newline_before: false,
        });
        i = j;
    }
    let mut prev_end = 0;
    for t in &mut out {
        t.newline_before = text
            .get(prev_end..t.start)
            .is_some_and(|g| g.contains('\n'));
        prev_end = t.end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn elisions_hyphens_and_titles() {
        assert_eq!(
            words("L’armée a-t-elle dit qu'il viendra aujourd'hui ?"),
            [
                "l'",
                "armée",
                "a-t-elle",
                "dit",
                "qu'",
                "il",
                "viendra",
                "aujourd'hui",
                "?"
            ]
        );
        assert_eq!(
            words("M. Durand, porte-parole"),
            ["m.", "durand", ",", "porte-parole"]
        );
        assert_eq!(
            words("quelque 3.000 personnes, 6,3 degrés."),
            ["quelque", "3.000", "personnes", ",", "6,3", "degrés", "."]
        );
    }

    #[test]
    fn offsets_are_char_boundaries() {
        let s = "«Élan» d’été — ça ;";
        for t in tokenize(s) {
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
            assert!(t.start < t.end);
        }
    }
}
