//! Calendar arithmetic: from the meaning of an expression to its TimeML value, relative
//! to the publication date.
//!
//! A weekday alone is placed by tense: past → the most recent such day (the publication
//! day included), future → the coming one (the publication day included), no cue → the
//! past, as news reports mostly do, unless it is one or two days ahead ("Grande braderie
//! samedi" in a Thursday paper). A day or a month without a year is placed by tense
//! when the tense points to a date not too far (half a year back for a past verb, which
//! often frames a coming date; almost a year ahead for a future verb), else at the
//! nearest one; "dernier"/"prochain" always win. Values follow TimeML: `2022-08-03`,
//! `2020-11`, `1991`, `199X` (a decade), `18XX` (a century), `2022-W30`, `2003-W05-WE`, `2022-08-02TMO`,
//! `2021-11-16T17:30`, `XXXX-SU`. Without a publication date only absolute expressions
//! get a value: nothing is invented. Expressions that hang on another day (clock times,
//! "le matin même", "la veille") are resolved by the caller with [`on_day`].

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::grammar::{Expr, WeekShift, YearSpec};
use crate::lexicon::{Part, Unit};
use crate::tense::Tense;

/// What resolving an expression gave.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// The value, or `None` when it cannot be known without inventing.
    Done(Option<String>),
    /// The expression hangs on the day in force (clock times, parts of the day, "la veille").
    OnDay,
    /// "à ce moment-là": the time last mentioned.
    Moment,
}

/// How many days ahead a weekday with no tense cue may be read forward.
const NEAR_AHEAD: i64 = 2;

/// How far a past tense may pull a day without a year back, in days: half a year (past
/// verbs often frame a coming date: "a annoncé qu'il partira le 30 octobre").
const DAY_PULL_PAST: i64 = 183;
/// How far a future tense may pull a day without a year ahead: almost a year.
const DAY_PULL_FUTURE: i64 = 330;
/// The same for a month without a year, in months.
const MONTH_PULL_PAST: i64 = 9;
const MONTH_PULL_FUTURE: i64 = 11;

pub(crate) fn day_string(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let first = d.with_day(1)?;
    if n >= 0 {
        first.checked_add_months(Months::new(u32::try_from(n).ok()?))
    } else {
        first.checked_sub_months(Months::new(u32::try_from(n.unsigned_abs()).ok()?))
    }
}

fn weekday_of(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// A two-digit year widened to the latest year at most ten years after the publication
/// year ("98" in 2002 → 1998, "21" in 2022 → 2021).
fn widen(yy: i32, dct: Option<NaiveDate>) -> i32 {
    let limit = dct.map_or(2030, |d| d.year() + 10);
    let mut y = limit - (limit - yy).rem_euclid(100);
    if y > limit {
        y -= 100;
    }
    y
}

fn year_of(spec: YearSpec, dct: Option<NaiveDate>) -> Option<i32> {
    match spec {
        YearSpec::Known(y) => Some(y),
        YearSpec::TwoDigits(yy) => Some(widen(yy, dct)),
        YearSpec::Offset(n) => dct.map(|d| d.year() + n),
        YearSpec::Unknown => None,
    }
}

/// Pick among candidates at signed distances from the anchor (negative = before).
fn choose<T: Copy>(
    cands: &[(T, i64)],
    dir: Option<i32>,
    tense: Tense,
    pull: (i64, i64),
) -> Option<T> {
    let (pull_past, pull_future) = pull;
    let before = cands.iter().filter(|c| c.1 <= 0).max_by_key(|c| c.1);
    let after = cands.iter().filter(|c| c.1 >= 0).min_by_key(|c| c.1);
    match dir {
        Some(d) if d < 0 => {
            return cands
                .iter()
                .filter(|c| c.1 < 0)
                .max_by_key(|c| c.1)
                .map(|c| c.0)
        }
        Some(_) => {
            return cands
                .iter()
                .filter(|c| c.1 > 0)
                .min_by_key(|c| c.1)
                .map(|c| c.0)
        }
        None => {}
    }
    match tense {
        Tense::Past => {
            if let Some(c) = before.filter(|c| -c.1 <= pull_past) {
                return Some(c.0);
            }
        }
        Tense::Future => {
            if let Some(c) = after.filter(|c| c.1 <= pull_future) {
                return Some(c.0);
            }
        }
        Tense::Unknown => {}
    }
    // nearest; a tie goes to the past
    cands
        .iter()
        .min_by_key(|c| (c.1.abs(), c.1 > 0))
        .map(|c| c.0)
}

fn weekday_value(
    dct: NaiveDate,
    weekday: u32,
    shift: WeekShift,
    tense: Tense,
) -> Option<NaiveDate> {
    let target = weekday_of(weekday).num_days_from_monday() as i64;
    let today = dct.weekday().num_days_from_monday() as i64;
    let back = (today - target).rem_euclid(7); // days since the last one, today included
    let ahead = (target - today).rem_euclid(7); // days to the next one, today included
    let offset = match shift {
        WeekShift::Before => -(if back == 0 { 7 } else { back }),
        WeekShift::After => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        WeekShift::Week(w) => target - today + 7 * w,
        WeekShift::Ahead(n) => ahead + n,
        WeekShift::ByTense => match tense {
            Tense::Future => ahead,
            Tense::Past => -back,
            // no verb to go by: tomorrow or the day after rather than five or six days
            // back ("Grand prix samedi" in a Friday paper)
            Tense::Unknown if (1..=NEAR_AHEAD).contains(&ahead) => ahead,
            Tense::Unknown => -back,
        },
    };
    add_days(dct, offset)
}

fn day_value(
    dct: Option<NaiveDate>,
    day: u32,
    month: Option<u32>,
    year: YearSpec,
    weekday: Option<u32>,
    dir: Option<i32>,
    tense: Tense,
) -> Option<NaiveDate> {
    if let (Some(m), Some(y)) = (month, year_of(year, dct)) {
        return NaiveDate::from_ymd_opt(y, m, day);
    }
    let dct = dct?;
    let wd = weekday.map(weekday_of);
    let mut cands: Vec<(NaiveDate, i64)> = Vec::new();
    match month {
        Some(m) => {
            for y in dct.year() - 1..=dct.year() + 1 {
                if let Some(d) = NaiveDate::from_ymd_opt(y, m, day) {
                    cands.push((d, (d - dct).num_days()));
                }
            }
            // a weekday written with the date settles the year
            if let Some(wd) = wd {
                let fitting: Vec<_> = cands
                    .iter()
                    .copied()
                    .filter(|c| c.0.weekday() == wd)
                    .collect();
                if !fitting.is_empty() {
                    cands = fitting;
                }
            }
        }
        None => {
            // "mercredi 13": the months around where the 13th is a Wednesday; "le 16"
            // alone: this month, the last or the next
            let reach = if wd.is_some() { 6 } else { 1 };
            for n in -reach..=reach {
                if let Some(d) = add_months(dct, n).and_then(|f| f.with_day(day)) {
                    if wd.is_none_or(|wd| d.weekday() == wd) {
                        cands.push((d, (d - dct).num_days()));
                    }
                }
            }
        }
    }
    choose(&cands, dir, tense, (DAY_PULL_PAST, DAY_PULL_FUTURE))
}

fn month_value(
    dct: Option<NaiveDate>,
    month: u32,
    year: YearSpec,
    dir: Option<i32>,
    tense: Tense,
) -> Option<String> {
    if let Some(y) = year_of(year, dct) {
        return Some(format!("{y:04}-{month:02}"));
    }
    let dct = dct?;
    let here = dct.year() as i64 * 12 + dct.month0() as i64;
    let cands: Vec<((i32, u32), i64)> = (dct.year() - 1..=dct.year() + 1)
        .map(|y| ((y, month), y as i64 * 12 + (month as i64 - 1) - here))
        .collect();
    let (y, m) = choose(&cands, dir, tense, (MONTH_PULL_PAST, MONTH_PULL_FUTURE))?;
    Some(format!("{y:04}-{m:02}"))
}

/// Easter Sunday of a year (the Gregorian computus).
pub(crate) fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// A holiday `offset` days from Easter, in the year written or placed like a day
/// without a year.
fn easter_value(
    dct: Option<NaiveDate>,
    offset: i64,
    year: YearSpec,
    dir: Option<i32>,
    tense: Tense,
) -> Option<NaiveDate> {
    if let Some(y) = year_of(year, dct) {
        return add_days(easter(y)?, offset);
    }
    let dct = dct?;
    let cands: Vec<(NaiveDate, i64)> = (dct.year() - 1..=dct.year() + 1)
        .filter_map(|y| add_days(easter(y)?, offset))
        .map(|d| (d, (d - dct).num_days()))
        .collect();
    choose(&cands, dir, tense, (DAY_PULL_PAST, DAY_PULL_FUTURE))
}

fn week_string(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn weekend_value(dct: NaiveDate, shift: Option<i64>, tense: Tense) -> Option<String> {
    let today = dct.weekday().num_days_from_monday() as i64; // Sat = 5, Sun = 6
    let this_saturday = add_days(dct, 5 - today)?;
    let weeks = match shift {
        Some(n) if n < 0 => -1,
        Some(_) => {
            if today >= 5 {
                1
            } else {
                0
            }
        }
        None => match tense {
            Tense::Past => {
                if today >= 5 {
                    0
                } else {
                    -1
                }
            }
            Tense::Future => 0,
            Tense::Unknown => {
                if today <= 2 {
                    -1
                } else {
                    0
                }
            }
        },
    };
    Some(format!(
        "{}-WE",
        week_string(add_days(this_saturday, 7 * weeks)?)
    ))
}

fn season_value(
    dct: Option<NaiveDate>,
    season: &str,
    year: YearSpec,
    dir: Option<i32>,
    generic: bool,
    tense: Tense,
) -> Option<String> {
    if let Some(y) = year_of(year, dct) {
        return Some(format!("{y:04}-{season}"));
    }
    let start = match season {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    };
    // "à l'automne" with a verb that reports or announces is one autumn: the one begun
    // for a past verb, the one not yet over for a future verb ("les travaux débuteront
    // à l'automne"). A winter straddles two years and stays as written.
    let dir = match (generic, tense, dct) {
        (true, Tense::Past | Tense::Future, Some(d)) if start < 12 => {
            let m = d.month();
            let y = if tense == Tense::Past {
                if m >= start {
                    d.year()
                } else {
                    d.year() - 1
                }
            } else if m < start + 3 {
                d.year()
            } else {
                d.year() + 1
            };
            return Some(format!("{y:04}-{season}"));
        }
        _ => dir,
    };
    if generic {
        return Some(format!("XXXX-{season}"));
    }
    let dct = dct?;
    let m = dct.month();
    let y = match dir {
        Some(d) if d < 0 => {
            if m >= start + 3 {
                dct.year()
            } else {
                dct.year() - 1
            }
        }
        Some(_) => {
            if m < start {
                dct.year()
            } else {
                dct.year() + 1
            }
        }
        None => dct.year(),
    };
    Some(format!("{y:04}-{season}"))
}

/// The value of an expression that does not hang on another day.
pub(crate) fn resolve(
    expr: &Expr,
    part: Option<Part>,
    dct: Option<NaiveDate>,
    tense: Tense,
) -> Value {
    let with_part = |d: NaiveDate| match part {
        Some(p) => format!("{}T{}", day_string(d), p.code()),
        None => day_string(d),
    };
    let v = match expr {
        Expr::Fixed(v) => Some(v.clone()),
        Expr::Moment => return Value::Moment,
        Expr::Anaphoric(_) | Expr::Clock { .. } => return Value::OnDay,
        Expr::Deictic(n) => dct.and_then(|d| add_days(d, *n)).map(with_part),
        Expr::Day {
            day,
            month,
            year,
            weekday,
            dir,
        } => day_value(dct, *day, *month, *year, *weekday, *dir, tense).map(with_part),
        Expr::Weekday { weekday, shift } => dct
            .and_then(|d| weekday_value(d, *weekday, *shift, tense))
            .map(with_part),
        Expr::WeekdayHabit(w) => match tense {
            Tense::Past => dct
                .and_then(|d| weekday_value(d, *w, WeekShift::ByTense, tense))
                .map(with_part),
            _ => Some(format!("XXXX-WXX-{w}")),
        },
        Expr::Month { month, year, dir } => month_value(dct, *month, *year, *dir, tense),
        Expr::Year(spec) => year_of(*spec, dct).map(|y| format!("{y:04}")),
        Expr::Decade(d) => Some(format!("{d:03}X")),
        Expr::Easter { offset, year, dir } => {
            easter_value(dct, *offset, *year, *dir, tense).map(with_part)
        }
        Expr::Nowadays => match (tense, dct) {
            (Tense::Future, Some(d)) => Some(day_string(d)),
            _ => Some("PRESENT_REF".to_string()),
        },
        Expr::Season {
            season,
            year,
            dir,
            generic,
        } => season_value(dct, season, *year, *dir, *generic, tense),
        Expr::Week(n) => dct.and_then(|d| add_days(d, 7 * n)).map(week_string),
        Expr::Weekend(shift) => dct.and_then(|d| weekend_value(d, *shift, tense)),
        Expr::MonthShift(n) => dct
            .and_then(|d| add_months(d, *n))
            .map(|d| d.format("%Y-%m").to_string()),
        Expr::Quarter(n) => dct
            .and_then(|d| add_months(d, 3 * n))
            .map(|d| format!("{}-Q{}", d.year(), d.month0() / 3 + 1)),
        Expr::NewYear => dct
            .map(|d| {
                if d.month() <= 6 {
                    d.year()
                } else {
                    d.year() + 1
                }
            })
            .map(|y| format!("{y:04}")),
        Expr::Shift { n, unit } => dct.and_then(|d| match unit {
            Unit::Day => add_days(d, *n).map(day_string),
            Unit::Week => add_days(d, 7 * n).map(day_string),
            Unit::Month => add_months(d, *n).map(|d| d.format("%Y-%m").to_string()),
            Unit::Year => Some(format!("{:04}", d.year() as i64 + n)),
            _ => None,
        }),
        Expr::Offset { inner, days } => match resolve(inner, None, dct, tense) {
            Value::Done(Some(v)) => parse_day(&v)
                .and_then(|d| add_days(d, *days))
                .map(with_part),
            _ => None,
        },
    };
    Value::Done(v)
}

/// A month, a day or a season without a year read in the year the sentence tells its story in
/// (see the caller), when that is not the publication year. `None` when the
/// publication date decides.
pub(crate) fn in_story_year(
    expr: &Expr,
    part: Option<Part>,
    dct: Option<NaiveDate>,
    year: Option<i32>,
) -> Option<Value> {
    let y = year.filter(|y| dct.is_none_or(|d| d.year() != *y))?;
    match expr {
        Expr::Season {
            season,
            year: YearSpec::Unknown,
            dir: None,
            ..
        } => Some(Value::Done(Some(format!("{y:04}-{season}")))),
        Expr::Month {
            month,
            year: YearSpec::Unknown,
            dir: None,
        } => Some(Value::Done(Some(format!("{y:04}-{month:02}")))),
        Expr::Day {
            day,
            month: Some(m),
            year: YearSpec::Unknown,
            weekday: None,
            dir: None,
        } => {
            let d = NaiveDate::from_ymd_opt(y, *m, *day)?;
            Some(Value::Done(Some(match part {
                Some(p) => format!("{}T{}", day_string(d), p.code()),
                None => day_string(d),
            })))
        }
        _ => None,
    }
}

/// A month or a day without a year in a sentence that tells a habit: every year's
/// (`XXXX-05`, `XXXX-07-15`). `None` for any other expression.
pub(crate) fn every_year(expr: &Expr) -> Option<Value> {
    match expr {
        Expr::Month {
            month,
            year: YearSpec::Unknown,
            dir: None,
        } => Some(Value::Done(Some(format!("XXXX-{month:02}")))),
        Expr::Day {
            day,
            month: Some(m),
            year: YearSpec::Unknown,
            weekday: None,
            dir: None,
        } => Some(Value::Done(Some(format!("XXXX-{m:02}-{day:02}")))),
        _ => None,
    }
}

/// The value of an expression that hangs on `day` (a clock time, "le matin même", "la
/// veille"); `None` for any other expression.
pub(crate) fn on_day(expr: &Expr, part: Option<Part>, day: NaiveDate) -> Option<String> {
    match expr {
        Expr::Clock { hour, minute } => Some(format!("{}T{hour:02}:{minute:02}", day_string(day))),
        Expr::Anaphoric(n) => {
            let d = add_days(day, *n)?;
            Some(match part {
                Some(p) => format!("{}T{}", day_string(d), p.code()),
                None => day_string(d),
            })
        }
        _ => None,
    }
}

/// The day a value names, if it names one ("2022-08-03", "2022-08-03TEV", "…T17:30").
pub(crate) fn parse_day(value: &str) -> Option<NaiveDate> {
    let head = value.get(..10)?;
    if value.len() > 10 && !value[10..].starts_with('T') {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// The publication date from metadata: an ISO date, possibly with a time after it.
pub(crate) fn parse_published(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    s.get(..10)
        .and_then(|h| NaiveDate::parse_from_str(h, "%Y-%m-%d").ok())
        .or_else(|| NaiveDate::parse_from_str(s, "%d/%m/%Y").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weekday_by_tense() {
        let thursday = d("2022-08-04");
        let wed = |t| weekday_value(thursday, 3, WeekShift::ByTense, t).map(day_string);
        assert_eq!(wed(Tense::Past).as_deref(), Some("2022-08-03"));
        assert_eq!(wed(Tense::Unknown).as_deref(), Some("2022-08-03"));
        assert_eq!(wed(Tense::Future).as_deref(), Some("2022-08-10"));
        let thu = |t| weekday_value(thursday, 4, WeekShift::ByTense, t).map(day_string);
        assert_eq!(thu(Tense::Past).as_deref(), Some("2022-08-04"));
        assert_eq!(thu(Tense::Future).as_deref(), Some("2022-08-04"));
        let next = weekday_value(thursday, 4, WeekShift::After, Tense::Unknown).map(day_string);
        assert_eq!(next.as_deref(), Some("2022-08-11"));
        let last = weekday_value(thursday, 5, WeekShift::Before, Tense::Unknown).map(day_string);
        assert_eq!(last.as_deref(), Some("2022-07-29"));
    }

    #[test]
    fn day_without_year_follows_tense_within_half_a_year() {
        let dct = Some(d("2002-02-09"));
        let sept11 =
            |t| day_value(dct, 11, Some(9), YearSpec::Unknown, None, None, t).map(day_string);
        assert_eq!(sept11(Tense::Past).as_deref(), Some("2001-09-11"));
        assert_eq!(sept11(Tense::Unknown).as_deref(), Some("2001-09-11"));
        let dct = Some(d("2002-09-14"));
        let oct30 =
            |t| day_value(dct, 30, Some(10), YearSpec::Unknown, None, None, t).map(day_string);
        assert_eq!(oct30(Tense::Past).as_deref(), Some("2002-10-30"));
    }

    #[test]
    fn weeks_and_weekends() {
        assert_eq!(week_string(d("2022-07-28")), "2022-W30");
        assert_eq!(
            weekend_value(d("2003-02-04"), None, Tense::Past).as_deref(),
            Some("2003-W05-WE")
        );
    }

    #[test]
    fn published_dates() {
        assert_eq!(
            parse_published("2022-08-04T10:00:00Z"),
            Some(d("2022-08-04"))
        );
        assert_eq!(parse_published("n/a"), None);
    }
}
