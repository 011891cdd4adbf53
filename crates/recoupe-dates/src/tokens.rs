//! Word tokens for the date grammar, with byte offsets into the text.
//!
//! A token is a run of letters and digits ("mardi", "2021", "17h30", "1er"), letters
//! joined by hyphens ("après-midi", "a-t-il", "mi-décembre"), an elided word with its
//! apostrophe ("l'", "d'", "jusqu'"), or one punctuation character. "aujourd'hui" is one
//! token. Each token carries its lowercase form and an accent-free lowercase form
//! ("août" → "aout") used for lexicon lookups. This module does not know any French
//! word beyond that one elision.

use unicode_normalization::UnicodeNormalization;

/// The shape of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Letters only (hyphens and a final apostrophe allowed).
    Word,
    /// Digits only.
    Number,
    /// Letters and digits mixed ("17h30", "1er", "13h30GMT").
    Alnum,
    /// One character that is neither a letter nor a digit.
    Punct,
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    /// Lowercase, with typographic apostrophes made straight.
    pub low: String,
    /// `low` without accents.
    pub fold: String,
    pub shape: Shape,
    /// The first character is an uppercase letter.
    pub capital: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Lowercase, straight apostrophes, no accents: the key for every lexicon lookup.
pub(crate) fn fold(s: &str) -> String {
    lower(s)
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// Lowercase with straight apostrophes and plain hyphens.
pub(crate) fn lower(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            if is_apostrophe(c) {
                '\''
            } else if is_hyphen(c) {
                '-'
            } else {
                c
            }
        })
        .collect()
}

fn make(text: &str, start: usize, end: usize) -> Token {
    let raw = &text[start..end];
    let has_digit = raw.chars().any(|c| c.is_ascii_digit() || c.is_numeric());
    let has_alpha = raw.chars().any(char::is_alphabetic);
    let shape = match (has_alpha, has_digit) {
        (true, true) => Shape::Alnum,
        (false, true) => Shape::Number,
        (true, false) => Shape::Word,
        (false, false) => Shape::Punct,
    };
    Token {
        start,
        end,
        low: lower(raw),
        fold: fold(raw),
        shape,
        capital: raw.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Split `text` into tokens. Offsets always fall on character boundaries.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let offset = |k: usize| chars.get(k).map_or(text.len(), |&(o, _)| o);
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(make(text, offset(i), offset(i + 1)));
            i += 1;
            continue;
        }
        let mut j = i;
        loop {
            while at(j).is_some_and(char::is_alphanumeric) {
                j += 1;
            }
            let prev_alpha = j > i && at(j - 1).is_some_and(char::is_alphabetic);
            let next_alpha = at(j + 1).is_some_and(char::is_alphabetic);
            match at(j) {
                Some(h) if is_hyphen(h) && prev_alpha && next_alpha => {
                    j += 1;
                }
                Some(a) if is_apostrophe(a) && prev_alpha && next_alpha => {
                    j += 1;
                    break;
                }
                _ => break,
            }
        }
        // A year glued to the next word by a lost space ("le 28 janvier 2009à la
        // télévision"): the year stands alone. Ordinals ("2000e") stay whole.
        let glued_year = j - i > 4
            && (i..i + 4).all(|k| at(k).is_some_and(|c| c.is_ascii_digit()))
            && matches!(at(i), Some('1' | '2'))
            && (i + 4..j).all(|k| at(k).is_some_and(char::is_lowercase))
            && !ORDINAL_SUFFIXES.contains(&lower(&text[offset(i + 4)..offset(j)]).as_str());
        if glued_year {
            out.push(make(text, offset(i), offset(i + 4)));
            out.push(make(text, offset(i + 4), offset(j)));
        } else {
            out.push(make(text, offset(i), offset(j)));
        }
        i = j;
    }
    merge_aujourdhui(out)
}

/// Letters that make a number an ordinal ("2000e", "1900ème").
const ORDINAL_SUFFIXES: &[&str] = &["e", "è", "ème", "eme", "er", "re", "ère", "nd", "nde"];

/// "aujourd'" + "hui" are one word.
fn merge_aujourdhui(toks: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(toks.len());
    for t in toks {
        if let Some(last) = out.last_mut() {
            if last.fold == "aujourd'" && t.fold == "hui" && last.end == t.start {
                last.end = t.end;
                last.low.push_str(&t.low);
                last.fold.push_str(&t.fold);
                continue;
            }
        }
        out.push(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folds(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.fold).collect()
    }

    #[test]
    fn splits_elisions_and_keeps_hyphenated_words() {
        assert_eq!(
            folds("l’année dernière, a-t-il dit aujourd'hui vers 17h30 (13h30GMT)"),
            vec![
                "l'",
                "annee",
                "derniere",
                ",",
                "a-t-il",
                "dit",
                "aujourd'hui",
                "vers",
                "17h30",
                "(",
                "13h30gmt",
                ")"
            ]
        );
    }

    #[test]
    fn digits_joined_by_hyphens_stay_apart() {
        assert_eq!(folds("13-15 juillet"), vec!["13", "-", "15", "juillet"]);
        assert_eq!(folds("mi-décembre"), vec!["mi-decembre"]);
    }

    #[test]
    fn a_year_glued_to_the_next_word_stands_alone() {
        assert_eq!(
            folds("le 28 janvier 2009à la radio"),
            vec!["le", "28", "janvier", "2009", "a", "la", "radio"]
        );
        assert_eq!(folds("le 2000e visiteur"), vec!["le", "2000e", "visiteur"]);
        assert_eq!(folds("vers 13h30GMT"), vec!["vers", "13h30gmt"]);
    }

    #[test]
    fn offsets_slice_the_text() {
        let s = "Le 1er mai, à 8 h 30 : défilé.";
        for t in tokenize(s) {
            assert_eq!(lower(&s[t.start..t.end]), t.low);
        }
    }
}
