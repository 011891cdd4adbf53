//! Reading a count at a token: digits ("6 500", "1,5 million"), number words
//! ("vingt-trois", "quatre-vingt-dix", "deux cent cinquante", "trente et un") and
//! collective nouns ("une dizaine" → about 10; "des centaines" → vague, 100).
//!
//! It says how much, not of what: whether the number counts people is decided by the
//! figure reader.

use crate::lexicon::{Lexicon, NumberWordKind};
use crate::tokens::{Token, TokenKind};

/// How precise the words of a count are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Precision {
    Exact,
    /// "une dizaine", "un millier".
    About,
    /// "des dizaines", "plusieurs centaines", "des milliers": an order of magnitude.
    Vague,
}

/// A count read from tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Count {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub precision: Precision,
    /// Written with digits.
    pub digits: bool,
    /// Only "un"/"une": an article as often as a number.
    pub bare_one: bool,
}

const VAGUE_DETERMINERS: &[&str] = &["des", "plusieurs", "quelques"];

/// Read a count starting at token `i`, if there is one.
pub(crate) fn read_count(tokens: &[Token], i: usize, lex: &Lexicon) -> Option<Count> {
    let t = tokens.get(i)?;
    if t.kind == TokenKind::Number {
        let mut value = t.value;
        let mut end = i + 1;
        if let Some((scale, kind)) = tokens.get(end).and_then(|n| lex.numbers.get(&n.lower)) {
            if matches!(kind, NumberWordKind::Scale | NumberWordKind::Thousand) {
                value *= scale;
                end += 1;
            }
        }
        if t.decimal && value.fract() != 0.0 {
            return None;
        }
        return Some(Count {
            start: i,
            end,
            value,
            precision: Precision::Exact,
            digits: true,
            bare_one: false,
        });
    }
    if t.kind != TokenKind::Word {
        return None;
    }
    // "des dizaines (de milliers)", "plusieurs centaines", "des milliers"
    if VAGUE_DETERMINERS.contains(&t.lower.as_str()) {
        let next = tokens.get(i + 1)?;
        let &(v, kind) = lex.numbers.get(&next.lower)?;
        let collective = kind == NumberWordKind::Approx
            || (kind == NumberWordKind::Scale && next.lower.ends_with('s'));
        if !collective {
            return None;
        }
        let (value, end) = times_collective(tokens, i + 2, v, lex);
        return Some(Count {
            start: i,
            end,
            value,
            precision: Precision::Vague,
            digits: false,
            bare_one: false,
        });
    }
    // "une dizaine", "un millier (de milliers)"
    if (t.lower == "un" || t.lower == "une")
        && tokens
            .get(i + 1)
            .and_then(|n| lex.numbers.get(&n.lower))
            .is_some_and(|&(_, k)| k == NumberWordKind::Approx)
    {
        let v = lex.numbers[&tokens[i + 1].lower].0;
        let (value, end) = times_collective(tokens, i + 2, v, lex);
        return Some(Count {
            start: i,
            end,
            value,
            precision: Precision::About,
            digits: false,
            bare_one: false,
        });
    }
    read_number_words(tokens, i, lex)
}

/// "de milliers", "de millions" after a collective noun multiply it.
fn times_collective(tokens: &[Token], i: usize, value: f64, lex: &Lexicon) -> (f64, usize) {
    if tokens.get(i).is_some_and(|t| t.lower == "de") {
        if let Some(&(v, k)) = tokens.get(i + 1).and_then(|t| lex.numbers.get(&t.lower)) {
            if matches!(k, NumberWordKind::Approx | NumberWordKind::Scale) && v >= 1000.0 {
                return (value * v, i + 2);
            }
        }
    }
    (value, i)
}

/// The parts of a (possibly hyphenated) token if all are number words or "et".
fn number_parts<'a>(token: &'a Token, lex: &Lexicon) -> Option<Vec<&'a str>> {
    let parts: Vec<&str> = token.lower.split('-').collect();
    let ok = parts.iter().all(|p| {
        *p == "et"
            || lex
                .numbers
                .get(*p)
                .is_some_and(|&(_, k)| k != NumberWordKind::Approx)
    });
    (ok && parts.first() != Some(&"et") && parts.last() != Some(&"et")).then_some(parts)
}

/// Number words across tokens: "deux cent cinquante", "trente et un", "mille deux cents".
fn read_number_words(tokens: &[Token], i: usize, lex: &Lexicon) -> Option<Count> {
    let mut words: Vec<&str> = number_parts(tokens.get(i)?, lex)?;
    let mut end = i + 1;
    loop {
        let last = *words.last()?;
        let last_kind = lex.numbers.get(last).map(|x| x.1);
        let last_value = lex.numbers.get(last).map_or(0.0, |x| x.0);
        let Some(next) = tokens.get(end) else { break };
        if next.lower == "et" {
            // "trente et un", "soixante et onze"
            let Some(after) = tokens.get(end + 1) else {
                break;
            };
            let is_tens = last_kind == Some(NumberWordKind::Word) && last_value >= 20.0;
            if is_tens && matches!(after.lower.as_str(), "un" | "une" | "onze") {
                words.push(if after.lower == "onze" { "onze" } else { "un" });
                end += 2;
                continue;
            }
            break;
        }
        let Some(parts) = number_parts(next, lex) else {
            break;
        };
        let first_kind = lex.numbers.get(parts[0]).map(|x| x.1);
        let first_value = lex.numbers.get(parts[0]).map_or(0.0, |x| x.0);
        let joins = match (last_kind, first_kind) {
            (
                _,
                Some(NumberWordKind::Hundred | NumberWordKind::Thousand | NumberWordKind::Scale),
            ) => true,
            (
                Some(NumberWordKind::Hundred | NumberWordKind::Thousand | NumberWordKind::Scale),
                _,
            ) => true,
            // "vingt cinq" written without its hyphen
            (Some(NumberWordKind::Word), Some(NumberWordKind::Word)) => {
                last_value >= 20.0
                    && last_value % 10.0 == 0.0
                    && first_value < 10.0
                    && parts.len() == 1
            }
            _ => false,
        };
        if !joins {
            break;
        }
        words.extend(parts);
        end += 1;
    }
    let bare_one = words.len() == 1 && words[0] == "un" || words == ["une"];
    let value = combine(&words, lex)?;
    // "un million de", "deux millions de": fine; a lone scale word is not a count
    Some(Count {
        start: i,
        end,
        value,
        precision: Precision::Exact,
        digits: false,
        bare_one,
    })
}

/// The value of a sequence of number words.
fn combine(words: &[&str], lex: &Lexicon) -> Option<f64> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut previous = "";
    let mut seen_number = false;
    for w in words {
        if *w == "et" {
            continue;
        }
        let &(v, kind) = lex.numbers.get(*w)?;
        match kind {
            NumberWordKind::Word => {
                if v == 20.0 && previous == "quatre" {
                    current += 76.0; // quatre-vingt(s)
                } else {
                    current += v;
                }
                seen_number = true;
            }
            NumberWordKind::Hundred => {
                current = if current == 0.0 { 1.0 } else { current } * 100.0;
                seen_number = true;
            }
            NumberWordKind::Thousand => {
                total += if current == 0.0 { 1.0 } else { current } * 1000.0;
                current = 0.0;
                seen_number = true;
            }
            NumberWordKind::Scale => {
                if !seen_number {
                    return None;
                }
                let group = total + current;
                total = if group == 0.0 { 1.0 } else { group } * v;
                current = 0.0;
            }
            NumberWordKind::Approx => return None,
        }
        previous = w;
    }
    seen_number.then_some(total + current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;
    use crate::tokens::tokenize;

    fn count(text: &str) -> Option<(f64, Precision, usize)> {
        let tokens = tokenize(text);
        read_count(&tokens, 0, lexicon()).map(|c| (c.value, c.precision, c.end))
    }

    fn value(text: &str) -> f64 {
        count(text).map_or(-1.0, |c| c.0)
    }

    #[test]
    fn simple_and_compound_words() {
        assert_eq!(value("Cinquante soldats"), 50.0);
        assert_eq!(value("vingt-trois blessés"), 23.0);
        assert_eq!(value("quatre-vingt-dix morts"), 90.0);
        assert_eq!(value("quatre-vingts morts"), 80.0);
        assert_eq!(value("quatre-vingt-dix-sept morts"), 97.0);
        assert_eq!(value("soixante-dix morts"), 70.0);
        assert_eq!(value("soixante et onze morts"), 71.0);
        assert_eq!(value("trente et un morts"), 31.0);
        assert_eq!(value("deux cent cinquante morts"), 250.0);
        assert_eq!(value("deux cents morts"), 200.0);
        assert_eq!(value("mille deux cents morts"), 1200.0);
        assert_eq!(value("trois mille cinq cents morts"), 3500.0);
        assert_eq!(value("cent vingt morts"), 120.0);
        assert_eq!(value("deux millions de réfugiés"), 2_000_000.0);
        assert_eq!(value("dix-sept morts"), 17.0);
        assert_eq!(value("nonante morts"), 90.0);
    }

    #[test]
    fn words_that_do_not_combine_stop_the_count() {
        assert_eq!(count("deux trois"), Some((2.0, Precision::Exact, 1)));
        assert_eq!(
            count("vingt et une heures"),
            Some((21.0, Precision::Exact, 3))
        );
        assert_eq!(
            count("vingt et quelques"),
            Some((20.0, Precision::Exact, 1))
        );
    }

    #[test]
    fn digits_with_scale_words() {
        assert_eq!(value("1,5 million de déplacés"), 1_500_000.0);
        assert_eq!(value("30 000 morts"), 30000.0);
        assert_eq!(value("2 millions"), 2_000_000.0);
        assert_eq!(count("1,5 morts"), None);
    }

    #[test]
    fn collective_nouns() {
        assert_eq!(
            count("une dizaine de morts"),
            Some((10.0, Precision::About, 2))
        );
        assert_eq!(
            count("une vingtaine de corps"),
            Some((20.0, Precision::About, 2))
        );
        assert_eq!(
            count("un millier de personnes"),
            Some((1000.0, Precision::About, 2))
        );
        assert_eq!(
            count("des dizaines de morts"),
            Some((10.0, Precision::Vague, 2))
        );
        assert_eq!(
            count("des centaines de blessés"),
            Some((100.0, Precision::Vague, 2))
        );
        assert_eq!(
            count("des milliers de déplacés"),
            Some((1000.0, Precision::Vague, 2))
        );
        assert_eq!(
            count("plusieurs dizaines de morts"),
            Some((10.0, Precision::Vague, 2))
        );
        assert_eq!(
            count("des dizaines de milliers de réfugiés"),
            Some((10000.0, Precision::Vague, 4))
        );
        assert_eq!(
            count("des millions de déplacés"),
            Some((1_000_000.0, Precision::Vague, 2))
        );
        assert_eq!(count("des soldats"), None);
        assert_eq!(count("de la"), None);
    }

    #[test]
    fn one_is_marked_as_bare() {
        let tokens = tokenize("un soldat");
        assert!(read_count(&tokens, 0, lexicon()).unwrap().bare_one);
        let tokens = tokenize("vingt et un soldats");
        assert!(!read_count(&tokens, 0, lexicon()).unwrap().bare_one);
    }
}
