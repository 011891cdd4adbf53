//! Word tokens with byte offsets, as entity recognition needs them.
//!
//! A word is a run of letters and digits; a hyphen between two such characters stays
//! inside it ("Haut-Karabakh", "Jean-Pierre"). Apostrophes and every other mark are
//! one-character punctuation tokens, so "l'Arménie" is `l`, `'`, `Arménie`. Spaces are
//! dropped. Offsets are byte offsets on character boundaries of the text given.
//! This module does not know French; it only cuts.

/// One token: a word or a punctuation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub word: bool,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// First character is an upper-case letter.
    pub fn is_capitalised(&self, text: &str) -> bool {
        self.word
            && self
                .text(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    /// Two letters or more, all upper case ("ONU", "PARIS").
    pub fn is_all_caps(&self, text: &str) -> bool {
        let t = self.text(text);
        let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
        self.word && letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    }

    pub fn is_punct(&self, text: &str, mark: &str) -> bool {
        !self.word && self.text(text) == mark
    }
}

/// True for the apostrophes French elision uses.
pub fn is_apostrophe(s: &str) -> bool {
    matches!(s, "'" | "’" | "ʼ")
}

/// Cuts `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                if cj.is_alphanumeric() {
                    j += 1;
                } else if (cj == '-' || cj == '‑')
                    && j + 1 < chars.len()
                    && chars[j + 1].1.is_alphanumeric()
                {
                    j += 2;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            out.push(Token {
                start: at,
                end,
                word: true,
            });
            i = j;
        } else if c.is_whitespace() {
            i += 1;
        } else {
            out.push(Token {
                start: at,
                end: at + c.len_utf8(),
                word: false,
            });
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn cuts_elision_and_keeps_hyphenated_names() {
        assert_eq!(
            words("le Haut-Karabakh, a-t-il")[..],
            ["le", "Haut-Karabakh", ",", "a-t-il"]
        );
        assert_eq!(words("l’Arménie")[..], ["l", "’", "Arménie"]);
        assert_eq!(words("M. Dupont")[..], ["M", ".", "Dupont"]);
        assert_eq!(words("fin -")[..], ["fin", "-"]);
    }

    #[test]
    fn capitals() {
        let t = "PARIS Paris paris";
        let toks = tokenize(t);
        assert!(toks[0].is_all_caps(t));
        assert!(toks[1].is_capitalised(t) && !toks[1].is_all_caps(t));
        assert!(!toks[2].is_capitalised(t));
    }
}
