//! Dates: French temporal expressions, found and normalized to TimeML TIMEX3 values
//! relative to the publication date.
//!
//! [`find_dates`] tokenizes the text ([`tokens`]), parses each sentence with the French
//! grammar ([`grammar`], words from `data/fr/` via [`lexicon`]), reads the tense around
//! each expression ([`tense`]) and computes values with chrono
//! ([`resolve`]). A month or a day without a year takes the year that frames its
//! sentence ("En 2016, … en février"), or no year in a present-tense sentence that tells
//! a habit ("Chaque année en mai, …" → `XXXX-05`). Clock
//! times and parts of the day that hang on another day take the day in force: the
//! nearest day named before them in the sentence, else after them in the sentence, else
//! the last day named before, else the publication date. [`infer_published`] reads a
//! publication date from the top of the text when it plainly says so ([`published`]).
//!
//! It does not: resolve expressions that need the event they refer to ("la veille du
//! scrutin"), treat time zones in values, build intervals (each end of "du 3 au 5 mai"
//! is its own mention), or give a value to a relative expression without a
//! publication date.

mod grammar;
mod lexicon;
mod published;
mod resolve;
mod tense;
mod tokens;

use std::ops::Range;

use chrono::NaiveDate;
use recoupe_model::{DateMention, Sentence};

use grammar::{Expr, Hit, Parser};
use lexicon::LEXICON;
use resolve::Value;
use tense::Tense;
use tokens::Token;

/// One expression on its way to a [`DateMention`].
struct Found {
    sentence: usize,
    /// Position of its sentence in the sentence list.
    slot: usize,
    start: usize,
    end: usize,
    hit: Hit,
    value: Value,
}

/// The token ranges of each sentence, with the sentence index; the whole text as one
/// sentence when there are none.
fn sentence_tokens(toks: &[Token], sentences: &[Sentence]) -> Vec<(usize, Range<usize>)> {
    if sentences.is_empty() {
        return vec![(0, 0..toks.len())];
    }
    sentences
        .iter()
        .map(|s| {
            let a = toks.partition_point(|t| t.start < s.start);
            let b = toks.partition_point(|t| t.end <= s.end).max(a);
            (s.index, a..b)
        })
        .collect()
}

fn needs_tense(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::Weekday { .. }
            | Expr::WeekdayHabit(_)
            | Expr::Day { .. }
            | Expr::Month { .. }
            | Expr::Weekend(_)
            | Expr::Offset { .. }
            | Expr::Easter { .. }
            | Expr::Season { .. }
            | Expr::Nowadays
    )
}

/// Find and normalise the temporal expressions of one document. `published` is the
/// document's ISO publication date, if known.
pub fn find_dates(text: &str, sentences: &[Sentence], published: Option<&str>) -> Vec<DateMention> {
    let dct: Option<NaiveDate> = published.and_then(resolve::parse_published);
    let lx = &*LEXICON;
    let toks = tokens::tokenize(text);
    let mut found: Vec<Found> = Vec::new();
    let mut story = Narrative::default();
    for (slot, (sentence, range)) in sentence_tokens(&toks, sentences).into_iter().enumerate() {
        let Some(sent) = toks.get(range) else {
            continue;
        };
        let mut cues: Option<Vec<Option<Tense>>> = None;
        let hits = Parser::new(sent, lx).hits();
        // "Chaque année en mai, …", "les mois d'été": the sentence tells a habit
        let habitual = (0..sent.len()).any(|k| lx.habit(sent, k))
            || hits.iter().any(|h| {
                matches!(
                    h.expr,
                    Expr::Season {
                        generic: true,
                        year: grammar::YearSpec::Unknown,
                        ..
                    }
                ) && sent.get(h.start + 1).is_some_and(|t| t.fold == "mois")
            });
        for hit in hits {
            let tense = if needs_tense(&hit.expr) {
                let cues = cues.get_or_insert_with(|| tense::cues(lx, sent));
                tense::nearest(cues, hit.start, hit.end)
            } else {
                Tense::Unknown
            };
            // a season in a habit stays every year's ("Le printemps est généralement…")
            let tense = if habitual && matches!(hit.expr, Expr::Season { .. }) {
                Tense::Unknown
            } else {
                tense
            };
            // a title or a speaker's words in quotation marks keep their own time
            let story_year = story.at(slot).filter(|_| !quoted(sent, hit.start));
            let value = resolve::in_story_year(&hit.expr, hit.part, dct, story_year)
                .or_else(|| {
                    (habitual && tense == Tense::Unknown).then(|| resolve::every_year(&hit.expr))?
                })
                .unwrap_or_else(|| resolve::resolve(&hit.expr, hit.part, dct, tense));
            // "Le 12 mars 2015, …", "En 2015, …": a date opening its sentence frames it
            // ("Depuis 1998, …" starts a stretch of time, it frames nothing)
            let framing = (hit.start == 0 || (hit.start == 1 && sent[0].fold != "depuis"))
                && sent.get(hit.end).is_some_and(|t| t.fold == ",");
            story.follow(&hit.expr, &value, dct, slot, framing);
            let (start, end) = (sent[hit.start].start, sent[hit.end - 1].end);
            found.push(Found {
                sentence,
                slot,
                start,
                end,
                hit,
                value,
            });
        }
    }
    settle_dependent(&mut found, dct);
    found
        .into_iter()
        .map(|f| DateMention {
            text: text[f.start..f.end].to_string(),
            value: match f.value {
                Value::Done(v) => v,
                _ => None,
            },
            sentence: f.sentence,
            start: f.start,
            end: f.end,
        })
        .collect()
}

/// The year a sentence tells its story in, when it says so: a year opening the sentence
/// as a frame, named ("En 2015, …", "Le 3 mars 2015, …") or counted from the
/// publication ("L'an dernier, …", "L'année précédente, …"). A month or a day without a year later in the
/// same sentence is read in that year rather than around the publication date ("En
/// 2019, mai avait attiré…", "l'an dernier, de janvier au 10 mai"). A year named inside
/// the sentence sets nothing: news compares with other years ("contre 60 % en 2014")
/// far more often than it moves the story there.
#[derive(Default)]
struct Narrative {
    year: Option<(i32, usize)>,
}

impl Narrative {
    /// The story's year in force in sentence `slot`.
    fn at(&self, slot: usize) -> Option<i32> {
        self.year.filter(|&(_, s)| s == slot).map(|(y, _)| y)
    }

    /// Take in an expression just resolved in sentence `slot`; `framing` when it opens
    /// the sentence before a comma.
    fn follow(
        &mut self,
        expr: &Expr,
        value: &Value,
        dct: Option<NaiveDate>,
        slot: usize,
        framing: bool,
    ) {
        use chrono::Datelike;
        use grammar::YearSpec;
        let named = match (expr, value) {
            (
                Expr::Day {
                    year: YearSpec::Known(_) | YearSpec::TwoDigits(_),
                    ..
                },
                Value::Done(Some(v)),
            ) => resolve::parse_day(v).map(|d| d.year()),
            (
                Expr::Month {
                    year: YearSpec::Known(y),
                    ..
                }
                | Expr::Year(YearSpec::Known(y)),
                _,
            ) => Some(*y),
            (Expr::Year(YearSpec::Offset(n)), _) if *n != 0 && framing => {
                self.year = dct.map(|d| (d.year() + n, slot));
                return;
            }
            (Expr::Deictic(_) | Expr::Year(YearSpec::Offset(_)), _) => {
                self.year = None;
                return;
            }
            _ => None,
        };
        if let Some(y) = named.filter(|_| framing) {
            self.year = Some((y, slot));
        }
    }
}

/// Whether token `k` of a sentence lies inside quotation marks.
fn quoted(sent: &[Token], k: usize) -> bool {
    let before = &sent[..k];
    let straight = before.iter().filter(|t| t.fold == "\"").count();
    let open = before.iter().filter(|t| t.fold == "«").count();
    let close = before.iter().filter(|t| t.fold == "»").count();
    straight % 2 == 1 || open > close
}

/// Give clock times, parts of the day and "à ce moment-là" the day in force.
fn settle_dependent(found: &mut [Found], dct: Option<NaiveDate>) {
    let day_of = |v: &Value| match v {
        Value::Done(Some(s)) => resolve::parse_day(s),
        _ => None,
    };
    let mut last_day: Option<(NaiveDate, usize)> = None;
    let mut last_time: Option<String> = None;
    for i in 0..found.len() {
        let slot = found[i].slot;
        match found[i].value {
            Value::OnDay => {
                let same_sentence_before = last_day.filter(|&(_, s)| s == slot).map(|(d, _)| d);
                let same_sentence_after = found[i + 1..]
                    .iter()
                    .take_while(|f| f.slot == slot)
                    .find_map(|f| day_of(&f.value));
                let day = same_sentence_before
                    .or(same_sentence_after)
                    .or(last_day.map(|(d, _)| d))
                    .or(dct);
                let v = day.and_then(|d| resolve::on_day(&found[i].hit.expr, found[i].hit.part, d));
                found[i].value = Value::Done(v);
            }
            Value::Moment => {
                let v = last_time
                    .clone()
                    .or_else(|| last_day.map(|(d, _)| resolve::day_string(d)));
                found[i].value = Value::Done(v);
            }
            Value::Done(_) => {}
        }
        if let Some(d) = day_of(&found[i].value) {
            if let Value::Done(Some(v)) = &found[i].value {
                if v.contains(':') {
                    last_time = Some(v.clone());
                } else if last_time.as_deref().and_then(resolve::parse_day) != Some(d) {
                    last_time = None;
                }
            }
            last_day = Some((d, slot));
        }
    }
}

/// Guess the publication date from the text itself, when metadata gave none: a line
/// "Publié le 3 mai 2021" or a dateline "Paris, le 3 mai 2021" at the top. A date
/// without a year or without such words is not taken.
pub fn infer_published(text: &str, _sentences: &[Sentence]) -> Option<String> {
    published::from_top(text)
}

#[cfg(test)]
mod tests;
