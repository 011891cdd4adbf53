//! A small French tokenizer for figure finding.
//!
//! It splits a sentence into words, numbers and punctuation with byte offsets, and reads
//! French digit groups as one number ("6 500" with a plain, no-break or narrow no-break
//! space, "1.440", "30.000", "1,5"). Digits glued to letters or to `h`, `:`, `-`, `/`
//! ("17h30", "1er", "08-07-13", "Covid-19") are not numbers. Elided articles and
//! prepositions are their own tokens ("d'", "l'", "qu'"). It does not know any grammar.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters, possibly with inner hyphens or digits ("Haut-Karabakh", "a-t-il").
    Word,
    /// A number written in digits; its value is in [`Token::value`].
    Number,
    /// Digits glued to other signs: times, ordinals, dates ("17h30", "1er", "08-07-13").
    Code,
    /// A quotation mark or parenthesis: skipped by most scans.
    Quote,
    /// Any other punctuation sign.
    Punct,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    /// Lower-cased text with typographic apostrophes made straight.
    pub lower: String,
    /// Byte offsets into the tokenized text.
    pub start: usize,
    pub end: usize,
    /// For numbers: the value.
    pub value: f64,
    /// For numbers: written with a decimal part ("1,5").
    pub decimal: bool,
    /// For numbers: digits only, no separator ("2020").
    pub plain_digits: bool,
}

const GROUP_SEPARATORS: &[char] = &[' ', '\u{a0}', '\u{202f}', '\u{2009}', '.'];
const ELIDED: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];
const QUOTES: &[char] = &['«', '»', '"', '“', '”', '„', '(', ')', '[', ']'];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’' || c == 'ʼ'
}

/// Split `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = byte_at(i);
        if c.is_ascii_digit() {
            let (next, token) = read_digits(text, &chars, i);
            out.push(token);
            i = next;
            continue;
        }
        if c.is_alphabetic() {
            let mut j = i + 1;
            loop {
                match char_at(j) {
                    Some(d) if d.is_alphanumeric() => j += 1,
                    Some('-') if char_at(j + 1).is_some_and(char::is_alphanumeric) => j += 2,
                    Some(a) if is_apostrophe(a) => {
                        let word = text[start..byte_at(j)].to_lowercase();
                        if ELIDED.contains(&word.as_str()) {
                            j += 1;
                            break;
                        }
                        if char_at(j + 1).is_some_and(char::is_alphabetic) {
                            j += 2;
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            let end = byte_at(j);
            out.push(Token {
                kind: TokenKind::Word,
                lower: normalize(&text[start..end]),
                start,
                end,
                value: 0.0,
                decimal: false,
                plain_digits: false,
            });
            i = j;
            continue;
        }
        let end = byte_at(i + 1);
        let kind = if QUOTES.contains(&c) || is_apostrophe(c) {
            TokenKind::Quote
        } else if c == '%' || c == '€' || c == '$' || c == '£' {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        out.push(Token {
            kind,
            lower: normalize(&text[start..end]),
            start,
            end,
            value: 0.0,
            decimal: false,
            plain_digits: false,
        });
        i += 1;
    }
    out
}

/// Lower-case and straighten apostrophes.
pub(crate) fn normalize(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect()
}

fn count_digits(chars: &[(usize, char)], from: usize) -> usize {
    chars[from.min(chars.len())..]
        .iter()
        .take_while(|(_, c)| c.is_ascii_digit())
        .count()
}

/// Read a number starting at char index `i` (a digit). Returns the next char index.
fn read_digits(text: &str, chars: &[(usize, char)], i: usize) -> (usize, Token) {
    let byte_at = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let char_at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let first = count_digits(chars, i);
    let mut j = i + first;
    let mut digits: String = chars[i..j].iter().map(|&(_, c)| c).collect();
    let mut grouped = false;
    if first <= 3 {
        while let Some(sep) = char_at(j) {
            if !GROUP_SEPARATORS.contains(&sep) {
                break;
            }
            let n = count_digits(chars, j + 1);
            if n != 3 {
                break;
            }
            // "12.345.678" or "6 500"; a separator between groups must stay the same kind
            digits.extend(chars[j + 1..j + 4].iter().map(|&(_, c)| c));
            j += 4;
            grouped = true;
        }
    }
    let mut decimal = false;
    if let Some(sep) = char_at(j) {
        let n = count_digits(chars, j + 1);
        if (sep == ',' || (sep == '.' && !grouped)) && n > 0 && !(sep == '.' && n == 3) {
            digits.push('.');
            digits.extend(chars[j + 1..j + 1 + n].iter().map(|&(_, c)| c));
            j += 1 + n;
            decimal = true;
        }
    }
    // digits glued to letters or signs are codes: 17h30, 1er, 08-07-13, 12:30, 3/4
    let glued = match char_at(j) {
        Some(c) if c.is_alphabetic() => true,
        Some('-' | ':' | '/' | '_') => char_at(j + 1).is_some_and(char::is_alphanumeric),
        _ => false,
    };
    if glued {
        let mut k = j;
        while let Some(c) = char_at(k) {
            if c.is_alphanumeric() || matches!(c, '-' | ':' | '/' | '_') {
                k += 1;
            } else {
                break;
            }
        }
        let (start, end) = (byte_at(i), byte_at(k));
        let token = Token {
            kind: TokenKind::Code,
            lower: normalize(&text[start..end]),
            start,
            end,
            value: 0.0,
            decimal: false,
            plain_digits: false,
        };
        return (k, token);
    }
    let (start, end) = (byte_at(i), byte_at(j));
    let value = digits.parse::<f64>().unwrap_or(0.0);
    let token = Token {
        kind: TokenKind::Number,
        lower: text[start..end].to_string(),
        start,
        end,
        value,
        decimal,
        plain_digits: !grouped && !decimal,
    };
    (j, token)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, TokenKind)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.lower, t.kind))
            .collect()
    }

    fn numbers(text: &str) -> Vec<f64> {
        tokenize(text)
            .into_iter()
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| t.value)
            .collect()
    }

    #[test]
    fn digit_groups_with_french_separators() {
        assert_eq!(numbers("plus de 6 500 victimes"), vec![6500.0]);
        assert_eq!(numbers("plus de 6\u{a0}500 victimes"), vec![6500.0]);
        assert_eq!(numbers("plus de 6\u{202f}500 victimes"), vec![6500.0]);
        assert_eq!(numbers("on compte 1.440 blessés"), vec![1440.0]);
        assert_eq!(numbers("on compte 30.000 morts"), vec![30000.0]);
        assert_eq!(numbers("un total de 1 250 000 réfugiés"), vec![1_250_000.0]);
        assert_eq!(numbers("1,5 million"), vec![1.5]);
    }

    #[test]
    fn a_year_does_not_swallow_the_next_number() {
        assert_eq!(numbers("en 2020 300 soldats"), vec![2020.0, 300.0]);
        assert_eq!(numbers("les 20 et 21 mai"), vec![20.0, 21.0]);
    }

    #[test]
    fn sentence_final_period_is_not_a_separator() {
        assert_eq!(
            numbers("ils étaient 161. Puis 200 autres"),
            vec![161.0, 200.0]
        );
    }

    #[test]
    fn glued_digits_are_codes() {
        for s in ["17h30", "1er", "08-07-13", "12:30", "20H05", "3e"] {
            assert_eq!(kinds(s), vec![(s.to_lowercase(), TokenKind::Code)], "{s}");
        }
    }

    #[test]
    fn elisions_split() {
        let k: Vec<String> = kinds("d’au moins l'armée aujourd'hui a-t-il")
            .into_iter()
            .map(|x| x.0)
            .collect();
        assert_eq!(
            k,
            ["d'", "au", "moins", "l'", "armée", "aujourd'hui", "a-t-il"]
        );
    }

    #[test]
    fn quotes_and_punctuation() {
        let k = kinds("«Cinquante», dit-il.");
        assert_eq!(k[0].1, TokenKind::Quote);
        assert_eq!(k[1], ("cinquante".to_string(), TokenKind::Word));
        assert_eq!(k[3].1, TokenKind::Punct);
        assert_eq!(k.last().unwrap().1, TokenKind::Punct);
    }
}
