//! The publication date written at the top of an article.
//!
//! Only the first lines are read, and only two shapes count: a date after words such
//! as "Publié le" or "Mis à jour le" (`published` entries of `data/fr/temporal.tsv`; a
//! first publication wins over an update), and a dateline, a place name then a comma
//! then a full date ("Paris, le 3 mai 2021"). The date must carry its year. A bare date
//! on a line of its own is not taken: on copied pages it is as often a sidebar's.

use crate::grammar::{Expr, Parser, YearSpec};
use crate::lexicon::LEXICON;
use crate::resolve::{resolve, Value};
use crate::tense::Tense;
use crate::tokens::{tokenize, Shape, Token};

/// How many lines from the top are read.
const TOP_LINES: usize = 8;
/// How many bytes from the top are read.
const TOP_BYTES: usize = 1500;
/// How many words a place name in a dateline may have.
const PLACE_WORDS: usize = 5;

/// A full date (day, month and year) starting within a token or two of `at`.
fn full_date_at(toks: &[Token], at: usize) -> Option<String> {
    let hits = Parser::new(toks, &LEXICON).hits();
    let hit = hits.into_iter().find(|h| h.end > at && h.start <= at + 2)?;
    let full = match &hit.expr {
        Expr::Day {
            month: Some(_),
            year,
            ..
        } => matches!(year, YearSpec::Known(_) | YearSpec::TwoDigits(_)),
        _ => false,
    };
    if !full {
        return None;
    }
    match resolve(&hit.expr, None, None, Tense::Unknown) {
        Value::Done(Some(v)) if v.len() == 10 => Some(v),
        _ => None,
    }
}

/// "Paris, le 3 mai 2021": capitalized words, a comma, a full date.
fn dateline(toks: &[Token]) -> Option<String> {
    let comma = toks.iter().position(|t| t.fold == ",")?;
    if comma == 0 || comma > PLACE_WORDS {
        return None;
    }
    let place_ok = toks[..comma]
        .iter()
        .all(|t| t.shape == Shape::Word && (t.capital || t.fold.ends_with('\'')))
        && toks[0].capital;
    if !place_ok {
        return None;
    }
    full_date_at(toks, comma + 1)
}

pub(crate) fn from_top(text: &str) -> Option<String> {
    let mut top = text;
    if top.len() > TOP_BYTES {
        let mut cut = TOP_BYTES;
        while !top.is_char_boundary(cut) {
            cut -= 1;
        }
        top = &top[..cut];
    }
    let mut best: Option<(u8, String)> = None;
    for line in top.lines().take(TOP_LINES) {
        let toks = tokenize(line);
        for i in 0..toks.len() {
            if let Some((rank, after)) = LEXICON.published_cue(&toks, i) {
                if let Some(date) = full_date_at(&toks, after) {
                    if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                        best = Some((rank, date));
                    }
                }
            }
        }
        if best.is_none() {
            if let Some(date) = dateline(&toks) {
                best = Some((1, date));
            }
        }
        if best.as_ref().is_some_and(|(r, _)| *r == 1) {
            break;
        }
    }
    best.map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_line_and_dateline() {
        assert_eq!(
            from_top("Publié le 3 mai 2021 à 10h12\nLe texte.").as_deref(),
            Some("2021-05-03")
        );
        assert_eq!(
            from_top("Mis à jour le 4 mai 2021\nPublié le 03/05/2021\nLe texte.").as_deref(),
            Some("2021-05-03")
        );
        assert_eq!(
            from_top("Saint-Dié, le 12 juin 2019. Le conseil a voté.").as_deref(),
            Some("2019-06-12")
        );
    }

    #[test]
    fn bare_or_partial_dates_are_not_taken() {
        assert_eq!(from_top("Un titre\n- Le 22 Novembre 2024\nLe texte."), None);
        assert_eq!(from_top("Publié le 3 mai\nLe texte."), None);
        assert_eq!(
            from_top("Le maire a parlé le 3 mai 2021 devant le conseil."),
            None
        );
    }
}
