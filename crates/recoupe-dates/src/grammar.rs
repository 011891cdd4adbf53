//! The French grammar of temporal expressions: which token spans are dates, times,
//! durations, and what they mean before any calendar arithmetic.
//!
//! The parser works on the tokens of one sentence and, at each position, tries every
//! rule and keeps the longest match: fixed phrases ("hier", "actuellement", "la
//! veille"), day phrases and their lists ("lundi 20, mardi 21 avril", "du 3 au 5 mai",
//! "le 6 mai dernier", "mardi soir"), months ("début novembre 2020", "fin septembre de
//! l'année dernière"), calendar units ("la semaine dernière", "l'an prochain", "ce
//! week-end"), seasons, years and decades ("les années 1990"), clock times ("17h30
//! (13h30GMT)", "18 h 55", "à quinze heures"), parts of the day ("dans la nuit de jeudi",
//! "le matin même"), durations and shifts ("depuis près de 30 ans", "il y a trois
//! jours") and numeric dates ("15/02/2013"). A span starts at its determiner ("le",
//! "ce") but never at a preposition ("du", "à", "en"), except "depuis", "il y a" and
//! "dans" which make the duration or the shift. Words come from [`crate::lexicon`];
//! values are computed in [`crate::resolve`].

use crate::lexicon::{Lexicon, Part, Phrase, Unit};
use crate::tokens::{Shape, Token};

/// A year as written: known, two digits to widen, or counted from the publication year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearSpec {
    Known(i32),
    TwoDigits(i32),
    Offset(i32),
    Unknown,
}

/// How a bare weekday is placed around the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WeekShift {
    /// By the tense of the sentence.
    ByTense,
    /// "dernier", "précédent": strictly before.
    Before,
    /// "prochain", "suivant": strictly after.
    After,
    /// "de la semaine dernière" (−1), "cette semaine" (0), "de la semaine prochaine" (+1).
    Week(i64),
    /// "en huit", "en quinze": the coming one (today included) plus so many days.
    Ahead(i64),
}

/// The meaning of a temporal expression, before calendar arithmetic.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    /// A value that needs no anchor: PRESENT_REF, P1M, P30Y…
    Fixed(String),
    /// Days from the publication date ("hier" = −1).
    Deictic(i64),
    /// Days from the day last mentioned ("la veille" = −1, "le matin même" = 0).
    Anaphoric(i64),
    /// The time last mentioned ("à ce moment-là").
    Moment,
    /// A day of the month; the month is missing in "mercredi 13".
    Day {
        day: u32,
        month: Option<u32>,
        year: YearSpec,
        weekday: Option<u32>,
        dir: Option<i32>,
    },
    /// A bare weekday.
    Weekday {
        weekday: u32,
        shift: WeekShift,
    },
    /// "le mercredi" in a habit: every Wednesday, unless the sentence is in the past.
    WeekdayHabit(u32),
    Month {
        month: u32,
        year: YearSpec,
        dir: Option<i32>,
    },
    Year(YearSpec),
    /// The first three digits of a decade ("199").
    Decade(i32),
    Season {
        season: &'static str,
        year: YearSpec,
        dir: Option<i32>,
        generic: bool,
    },
    /// ISO weeks from the publication week.
    Week(i64),
    /// `None`: "ce week-end", placed by tense; `Some(n)`: "le week-end dernier/prochain".
    Weekend(Option<i64>),
    /// Months from the publication month.
    MonthShift(i64),
    /// Quarters from the publication quarter.
    Quarter(i64),
    /// "la nouvelle année".
    NewYear,
    /// "il y a trois jours" (−3 days), "dans deux mois".
    Shift {
        n: i64,
        unit: Unit,
    },
    /// A time of day on the day in force.
    Clock {
        hour: u32,
        minute: u32,
    },
    /// A holiday that moves with Easter ("la Pentecôte", "lundi de Pâques"): days from
    /// Easter Sunday.
    Easter {
        offset: i64,
        year: YearSpec,
        dir: Option<i32>,
    },
    /// "Aujourd'hui, …" opening a sentence: the present in general (PRESENT_REF), unless
    /// the sentence announces something, when it is the publication day.
    Nowadays,
    /// Days after another expression ("le lendemain du 13 février").
    Offset {
        inner: Box<Expr>,
        days: i64,
    },
}

/// One expression found: tokens `start..end` of the sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
    pub part: Option<Part>,
}

/// A day phrase before it is turned into hits (lists share their month).
#[derive(Debug, Clone)]
struct Item {
    start: usize,
    end: usize,
    det: Option<String>,
    weekday: Option<u32>,
    day: Option<u32>,
    month: Option<u32>,
    year: YearSpec,
    dir: Option<i32>,
    part: Option<Part>,
    week: Option<WeekShift>,
}

const DAY_DETS: [&str; 3] = ["le", "les", "ce"];
const UNIT_DETS: [&str; 6] = ["le", "la", "l'", "ce", "cet", "cette"];
const DEMONSTRATIVES: [&str; 3] = ["ce", "cet", "cette"];
/// Words after which a bare month name is a date ("en mai", "depuis juin").
const MONTH_CONTEXT: [&str; 16] = [
    "en", "de", "d'", "des", "depuis", "avant", "apres", "entre", "vers", "pour", "courant", "(",
    "ici", "jusqu'en", "fin", "debut",
];
/// Words after which a bare four-digit number is a year ("en 1995", "depuis 1999").
const YEAR_CONTEXT: [&str; 22] = [
    "en", "ici", "depuis", "des", "de", "d'", "a", "avant", "apres", "jusqu'en", "vers", "entre",
    "et", "ou", "(", "/", "-", ",", "saison", "exercice", "fin", "debut",
];
/// Words that may follow a year ("en 1995, Hervé…", "remontent à 1991, lorsque…").
const AFTER_YEAR: [&str; 30] = [
    "et", "a", "au", "aux", "ou", "lorsque", "quand", "alors", "puis", "deja", "avec", "contre",
    "selon", "le", "la", "les", "l'", "il", "elle", "ils", "elles", "on", "ce", "cette", "un",
    "une", "sur", "dans", "pour", "par",
];
/// Words before a clock time written with "heures" ("à 15 heures", "vers midi").
/// "de" counts only in "à partir de" or before a range ("de 15 heures à 18 heures").
const CLOCK_CONTEXT: [&str; 8] = [
    "a", "vers", "des", "avant", "apres", "entre", "et", "environ",
];

pub(crate) struct Parser<'a> {
    t: &'a [Token],
    lx: &'a Lexicon,
}

impl<'a> Parser<'a> {
    pub fn new(t: &'a [Token], lx: &'a Lexicon) -> Self {
        Parser { t, lx }
    }

    /// Every expression of the sentence, left to right, never overlapping.
    pub fn hits(&self) -> Vec<Hit> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.t.len() {
            match self.best_at(i) {
                Some(hits) if !hits.is_empty() => {
                    i = hits.iter().map(|h| h.end).max().unwrap_or(i + 1).max(i + 1);
                    out.extend(hits);
                }
                _ => i += 1,
            }
        }
        out
    }

    fn best_at(&self, i: usize) -> Option<Vec<Hit>> {
        let single = [
            self.phrase_hit(i),
            self.month_phrase(i),
            self.modified(i),
            self.rel_unit(i),
            self.season(i),
            self.year(i),
            self.clock(i),
            self.part_of_day(i),
            self.span_phrase(i),
            self.numeric_date(i),
            self.ref_adjective(i),
        ];
        let mut best: Option<Vec<Hit>> = self.day_list(i);
        for hit in single.into_iter().flatten() {
            let end = best
                .as_ref()
                .map_or(0, |b| b.iter().map(|h| h.end).max().unwrap_or(0));
            if hit.end > end {
                best = Some(vec![hit]);
            }
        }
        best
    }

    // ---- token helpers ----

    fn f(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.fold.as_str())
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.f(i) == w
    }

    fn any(&self, i: usize, ws: &[&str]) -> bool {
        self.t.get(i).is_some_and(|t| ws.contains(&t.fold.as_str()))
    }

    fn prev(&self, i: usize) -> &str {
        i.checked_sub(1).map_or("", |p| self.f(p))
    }

    fn shape(&self, i: usize) -> Option<Shape> {
        self.t.get(i).map(|t| t.shape)
    }

    fn adjacent(&self, i: usize, j: usize) -> bool {
        matches!((self.t.get(i), self.t.get(j)), (Some(a), Some(b)) if a.end == b.start)
    }

    /// The value of a digits-only token of at most `max_len` digits.
    fn digits(&self, i: usize, max_len: usize) -> Option<u32> {
        let t = self.t.get(i)?;
        if t.shape != Shape::Number
            || t.fold.len() > max_len
            || !t.fold.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        t.fold.parse().ok()
    }

    fn four_digits(&self, i: usize) -> Option<i32> {
        let t = self.t.get(i)?;
        if t.fold.len() != 4 {
            return None;
        }
        self.digits(i, 4).map(|v| v as i32)
    }

    /// A count written in digits or words: value and the token after it.
    fn count(&self, i: usize) -> Option<(u32, usize)> {
        if let Some(v) = self.digits(i, 4) {
            return Some((v, i + 1));
        }
        self.lx.number_word(self.t, i)
    }

    fn det(&self, i: usize, dets: &[&str]) -> Option<(String, usize)> {
        if !self.any(i, dets) {
            return None;
        }
        let mut k = i + 1;
        if self.is(k, "meme") {
            k += 1;
        }
        Some((self.f(i).to_string(), k))
    }

    // ---- word classes ----

    fn weekday(&self, i: usize) -> Option<(u32, usize)> {
        let &n = self.lx.weekdays.get(self.f(i))?;
        if self.f(i).chars().count() > 4 {
            return Some((n, i + 1));
        }
        // Abbreviations only as "lun. 3" or "lun 3".
        if self.is(i + 1, ".") && self.adjacent(i, i + 1) && self.day_number(i + 2).is_some() {
            return Some((n, i + 2));
        }
        if self.digits(i + 1, 2).is_some() {
            return Some((n, i + 1));
        }
        None
    }

    /// A day of the month: value, the token after it, and whether it was a word.
    fn day_number(&self, i: usize) -> Option<(u32, usize, bool)> {
        let t = self.t.get(i)?;
        let ok = |v: u32| (1..=31).contains(&v);
        match t.shape {
            Shape::Number if t.fold.len() <= 2 => self
                .digits(i, 2)
                .filter(|&v| ok(v))
                .map(|v| (v, i + 1, false)),
            Shape::Alnum => {
                let digits: String = t.fold.chars().take_while(char::is_ascii_digit).collect();
                let suffix = &t.fold[digits.len()..];
                let v: u32 = digits.parse().ok()?;
                (digits.len() <= 2 && ok(v) && ["er", "re", "e", "eme", "ieme"].contains(&suffix))
                    .then_some((v, i + 1, false))
            }
            Shape::Word => self
                .lx
                .number_word(self.t, i)
                .filter(|&(v, _)| ok(v))
                .map(|(v, e)| (v, e, true)),
            _ => None,
        }
    }

    /// A month name; abbreviations only next to a dot, a year or punctuation.
    fn month(&self, i: usize, abbreviation_ok: bool) -> Option<(u32, usize)> {
        let key = self.f(i);
        let &m = self.lx.months.get(key)?;
        if self.lx.full_months.contains(key) {
            return Some((m, i + 1));
        }
        if !abbreviation_ok {
            return None;
        }
        if self.is(i + 1, ".") && self.adjacent(i, i + 1) {
            return Some((m, i + 2));
        }
        let followed_ok = match self.shape(i + 1) {
            None | Some(Shape::Punct) => true,
            Some(Shape::Number) => self.four_digits(i + 1).is_some(),
            _ => false,
        };
        followed_ok.then_some((m, i + 1))
    }

    /// A year after a month or a day: "2020", "98", "de l'année dernière".
    fn year_after(&self, i: usize) -> Option<(YearSpec, usize)> {
        if let Some(y) = self.four_digits(i).filter(|y| (1000..=2100).contains(y)) {
            return Some((YearSpec::Known(y), i + 1));
        }
        if let Some(y) = self.digits(i, 2).filter(|_| self.f(i).len() == 2) {
            let next_ok = match self.shape(i + 1) {
                None => true,
                Some(Shape::Punct) => !(self.is(i + 1, ":") || self.is(i + 1, "/")),
                _ => self.any(i + 1, &["a", "au", "et"]),
            };
            if next_ok {
                return Some((YearSpec::TwoDigits(y as i32), i + 1));
            }
        }
        if self.any(i, &["de", "d'"]) {
            if let Some(hit) = self.rel_unit(i + 1) {
                if let Expr::Year(spec @ YearSpec::Offset(_)) = hit.expr {
                    return Some((spec, hit.end));
                }
            }
        }
        None
    }

    /// What may follow a month: a year, then a direction ("dernier", "prochain"):
    /// "novembre 2020", "mai dernier". Returns the year, the direction and the end.
    fn month_tail(&self, end: usize) -> (YearSpec, Option<i32>, usize) {
        let (year, end) = self.year_after(end).unwrap_or((YearSpec::Unknown, end));
        match self.rel_after(end) {
            Some((dir, e)) => (year, Some(dir), e),
            None => (year, None, end),
        }
    }

    fn rel_after(&self, i: usize) -> Option<(i32, usize)> {
        self.lx.rel(self.t, i)
    }

    fn part_word(&self, i: usize) -> Option<Part> {
        self.lx.parts.get(self.f(i)).copied()
    }

    /// A part of the day after a day: "soir", "au matin", "dans la soirée", "en fin de
    /// journée", "en début d'après-midi".
    fn part_suffix(&self, i: usize) -> Option<(Part, usize)> {
        if let Some(p) = self
            .part_word(i)
            .filter(|_| self.any(i, &["matin", "soir", "apres-midi", "nuit"]))
        {
            return Some((p, i + 1));
        }
        if self.any(i, &["au", "le"]) && self.any(i + 1, &["matin", "soir"]) {
            return self.part_word(i + 1).map(|p| (p, i + 2));
        }
        if self.any(i, &["dans", "pendant", "durant"]) && self.any(i + 1, &["la", "l'"]) {
            return self.part_word(i + 2).map(|p| (p, i + 3));
        }
        if self.is(i, "en") {
            if let Some(p) = self
                .part_word(i + 1)
                .filter(|_| self.any(i + 1, &["matinee", "soiree", "journee"]))
            {
                return Some((p, i + 2));
            }
            if let Some((p, end)) = self.edge_of_day(i + 1) {
                return Some((p, end));
            }
        }
        None
    }

    /// "début de soirée", "fin de journée", "fin d'après-midi": the part of the day meant.
    fn edge_of_day(&self, i: usize) -> Option<(Part, usize)> {
        if !self.any(i, &["debut", "fin", "milieu"]) || !self.any(i + 1, &["de", "d'"]) {
            return None;
        }
        let part = self.part_word(i + 2)?;
        let part = match (self.f(i), part) {
            ("fin", Part::Daytime) => Part::Evening,
            ("debut", Part::Daytime) => Part::Morning,
            (_, p) => p,
        };
        Some((part, i + 3))
    }

    // ---- rules ----

    /// Fixed phrases of `temporal.tsv`, with what may follow a deictic day ("hier soir",
    /// "aujourd'hui vendredi").
    fn phrase_hit(&self, i: usize) -> Option<Hit> {
        // "le lundi de Pâques": the determiner of a holiday named after a weekday
        if self.any(i, &["le", "ce"]) && self.weekday(i + 1).is_some() {
            if let Some((Phrase::Easter(_), _)) = self.lx.phrase(self.t, i + 1) {
                return self.phrase_hit(i + 1).map(|h| Hit { start: i, ..h });
            }
        }
        let (phrase, mut end) = self.lx.phrase(self.t, i)?;
        if self.is(i, "aujourd'hui") && end == i + 1 {
            if let Some(expr) = self.nowadays(i) {
                return Some(Hit {
                    start: i,
                    end,
                    expr,
                    part: None,
                });
            }
        }
        let mut part = None;
        let expr = match phrase {
            Phrase::Ref(v) | Phrase::Set(v) => Expr::Fixed(v.clone()),
            Phrase::Moment => Expr::Moment,
            Phrase::Deictic(d) => {
                if let Some((_, e)) = self.weekday(end) {
                    end = e;
                    if let Some((_, e, _)) = self.day_number(end) {
                        if let Some((_, e)) = self.month(e, true) {
                            end = e;
                        }
                    }
                }
                if let Some((p, e)) = self.part_suffix(end) {
                    part = Some(p);
                    end = e;
                }
                Expr::Deictic(*d)
            }
            Phrase::Anaphoric(d) => {
                if self.any(end, &["de", "du", "d'", "des"]) {
                    // "le lendemain du 13 février"; "la veille du scrutin" names no date.
                    let items = self.day_list(end + 1).or_else(|| self.day_list(end))?;
                    let first = items.into_iter().next()?;
                    return Some(Hit {
                        start: i,
                        end: first.end,
                        expr: Expr::Offset {
                            inner: Box::new(first.expr),
                            days: *d,
                        },
                        part: first.part,
                    });
                }
                if let Some((p, e)) = self.part_suffix(end) {
                    part = Some(p);
                    end = e;
                }
                Expr::Anaphoric(*d)
            }
            Phrase::Easter(offset) => {
                // "l'ascension du sommet" is a climb; "l'île de Pâques" a place
                if self.t[end - 1].fold == "ascension" && !self.t[end - 1].capital {
                    return None;
                }
                if self.prev(i) == "de" && self.f(i.wrapping_sub(2)) == "ile" {
                    return None;
                }
                let (year, e) = self.year_after(end).unwrap_or((YearSpec::Unknown, end));
                end = e;
                let dir = self.rel_after(end).map(|(d, e)| {
                    end = e;
                    d
                });
                Expr::Easter {
                    offset: *offset,
                    year,
                    dir,
                }
            }
            // "le père Noël" is no day
            Phrase::Holiday { .. } if self.any(i.wrapping_sub(1), &["pere", "papa"]) => {
                return None;
            }
            Phrase::Holiday { month, day } => {
                let (year, e) = self.year_after(end).unwrap_or((YearSpec::Unknown, end));
                end = e;
                let dir = self.rel_after(end).map(|(d, e)| {
                    end = e;
                    d
                });
                Expr::Day {
                    day: *day,
                    month: Some(*month),
                    year,
                    weekday: None,
                    dir,
                }
            }
        };
        Some(Hit {
            start: i,
            end,
            expr,
            part,
        })
    }

    /// "aujourd'hui" meaning the present in general: "la France d'aujourd'hui",
    /// "jusqu'à aujourd'hui", "encore aujourd'hui", or opening a sentence before a comma
    /// ("Aujourd'hui, le village a bien changé"). `None` when it names the day.
    fn nowadays(&self, i: usize) -> Option<Expr> {
        let prev = self.prev(i);
        // "à partir d'aujourd'hui" starts from the day itself
        let partir = (0..i.saturating_sub(1))
            .rev()
            .map(|k| self.f(k))
            .find(|w| !["\"", "«"].contains(w))
            == Some("partir");
        let general = (prev == "d'" && !partir)
            || prev == "encore"
            || (prev == "a" && self.f(i.wrapping_sub(2)) == "jusqu'");
        if general {
            return Some(Expr::Fixed("PRESENT_REF".to_string()));
        }
        // a sentence may open inside a quotation the segmenter kept whole
        let opening = i == 0 || self.any(i - 1, &["«", "\"", "-", "—", "–", ".", "!", "?"]);
        (opening && self.is(i + 1, ",")).then_some(Expr::Nowadays)
    }

    /// "les prochaines élections", "son précédent album", "le mandat précédent": an
    /// adjective that places a noun in the future or the past (FUTURE_REF, PAST_REF).
    /// Not "un précédent", "sans précédent" (the noun), nor before a calendar word, which
    /// the other rules read.
    fn ref_adjective(&self, i: usize) -> Option<Hit> {
        let value = self.lx.ref_adjectives.get(self.f(i))?;
        const DETS: [&str; 18] = [
            "le", "la", "les", "l'", "son", "sa", "ses", "leur", "leurs", "du", "des", "au", "aux",
            "ce", "cette", "ces", "notre", "nos",
        ];
        let prev = self.prev(i);
        let next_word = self.shape(i + 1) == Some(Shape::Word);
        let before_noun = DETS.contains(&prev) && next_word;
        let after_noun = i > 0
            && self.shape(i - 1) == Some(Shape::Word)
            && !DETS.contains(&prev)
            && ![
                "un", "une", "sans", "aucun", "aucune", "de", "d'", "et", "ou",
            ]
            .contains(&prev);
        if !(before_noun || after_noun) {
            return None;
        }
        if self.lx.units.contains_key(self.f(i + 1)) || self.lx.weekdays.contains_key(self.f(i + 1))
        {
            return None;
        }
        Some(Hit {
            start: i,
            end: i + 1,
            expr: Expr::Fixed(value.clone()),
            part: None,
        })
    }

    fn day_item(&self, i: usize) -> Option<Item> {
        let (det, mut k) = match self.det(i, &DAY_DETS) {
            Some((d, k)) => (Some(d), k),
            None => (None, i),
        };
        let weekday = self.weekday(k).map(|(w, e)| {
            k = e;
            w
        });
        let mut day = None;
        let mut month = None;
        let mut year = YearSpec::Unknown;
        if let Some((d, e, word)) = self.day_number(k) {
            let month_after = self.month(e, true);
            if !word || month_after.is_some() {
                day = Some(d);
                k = e;
                if let Some((m, e)) = month_after {
                    month = Some(m);
                    k = e;
                    if let Some((y, e)) = self.year_after(k) {
                        year = y;
                        k = e;
                    }
                }
            }
        }
        if day.is_none() && weekday.is_none() {
            return None;
        }
        let mut week = None;
        if weekday.is_some() && day.is_none() {
            if let Some((w, e)) = self.week_tail(k) {
                week = Some(w);
                k = e;
            }
        }
        let mut dir = None;
        if week.is_none() {
            if let Some((d, e)) = self.rel_after(k) {
                // "mardi suivant": the Tuesday of the following week
                if weekday.is_some() && day.is_none() && self.f(k).starts_with("suivant") {
                    week = Some(WeekShift::Week(1));
                } else {
                    dir = Some(d);
                }
                k = e;
            }
        }
        let mut part = None;
        if let Some((p, e)) = self.part_suffix(k) {
            part = Some(p);
            k = e;
        }
        Some(Item {
            start: i,
            end: k,
            det,
            weekday,
            day,
            month,
            year,
            dir,
            part,
            week,
        })
    }

    /// "de la semaine dernière", "la semaine prochaine", "cette semaine", "en huit",
    /// "d'après" after a weekday.
    fn week_tail(&self, i: usize) -> Option<(WeekShift, usize)> {
        if self.is(i, "en") {
            return match self.f(i + 1) {
                "huit" | "8" => Some((WeekShift::Ahead(7), i + 2)),
                "quinze" | "15" => Some((WeekShift::Ahead(14), i + 2)),
                _ => None,
            };
        }
        if self.is(i, "d'") && self.is(i + 1, "apres") {
            return Some((WeekShift::Week(1), i + 2));
        }
        let k = if self.is(i, "de") { i + 1 } else { i };
        if self.any(k, &["la", "cette"]) && self.any(k + 1, &["semaine"]) {
            if self.is(k, "cette") {
                return Some((WeekShift::Week(0), k + 2));
            }
            if let Some((d, e)) = self.rel_after(k + 2) {
                return Some((WeekShift::Week(d as i64), e));
            }
            if self.is(k + 2, "d'") && self.is(k + 3, "apres") {
                return Some((WeekShift::Week(1), k + 4));
            }
        }
        None
    }

    /// Day phrases, alone or in a list sharing the month written last.
    fn day_list(&self, i: usize) -> Option<Vec<Hit>> {
        let mut items = vec![self.day_item(i)?];
        loop {
            let last = items.last()?;
            if last.month.is_some() || last.day.is_none() {
                break;
            }
            let k = last.end;
            let after_sep = match self.f(k) {
                "," | "et" | "ou" | "au" | "a" | "-" => k + 1,
                "jusqu'" if self.any(k + 1, &["au", "a"]) => k + 2,
                _ => break,
            };
            match self.day_item(after_sep) {
                Some(next) if next.day.is_some() => items.push(next),
                _ => break,
            }
        }
        if let Some(tail) = items.iter().rev().find(|it| it.month.is_some()).cloned() {
            for it in items
                .iter_mut()
                .filter(|it| it.day.is_some() && it.month.is_none())
            {
                it.month = tail.month;
                it.year = tail.year;
                if it.dir.is_none() {
                    it.dir = tail.dir;
                }
            }
        }
        let hits: Vec<Hit> = items
            .into_iter()
            .filter_map(|it| self.item_hit(it))
            .collect();
        (!hits.is_empty()).then_some(hits)
    }

    fn item_hit(&self, it: Item) -> Option<Hit> {
        let expr = match (it.day, it.month, it.weekday) {
            (Some(day), Some(month), weekday) => Expr::Day {
                day,
                month: Some(month),
                year: it.year,
                weekday,
                dir: it.dir,
            },
            (Some(day), None, Some(weekday)) => Expr::Day {
                day,
                month: None,
                year: YearSpec::Unknown,
                weekday: Some(weekday),
                dir: it.dir,
            },
            // "le 16 à 18h": a day of the month alone only before a clock time
            (Some(day), None, None)
                if it.det.as_deref() == Some("le") && self.clock_follows(it.end) =>
            {
                Expr::Day {
                    day,
                    month: None,
                    year: YearSpec::Unknown,
                    weekday: None,
                    dir: it.dir,
                }
            }
            (Some(_), None, None) => return None,
            (None, _, Some(weekday)) => {
                let shift = match (it.week, it.dir) {
                    (Some(w), _) => w,
                    (None, Some(d)) if d < 0 => WeekShift::Before,
                    (None, Some(_)) => WeekShift::After,
                    (None, None) => WeekShift::ByTense,
                };
                let habit = it.det.as_deref() == Some("le")
                    && shift == WeekShift::ByTense
                    && it.part.is_none();
                if habit {
                    Expr::WeekdayHabit(weekday)
                } else {
                    Expr::Weekday { weekday, shift }
                }
            }
            (None, _, None) => return None,
        };
        Some(Hit {
            start: it.start,
            end: it.end,
            expr,
            part: it.part,
        })
    }

    fn clock_follows(&self, i: usize) -> bool {
        let k = if self.any(i, &["a", "vers"]) {
            i + 1
        } else {
            i
        };
        self.clock_core(k).is_some()
    }

    /// "mai 2021", "en juillet", "le mois de juin", "septembre dernier", "fin septembre
    /// de l'année dernière" (the month part).
    fn month_phrase(&self, i: usize) -> Option<Hit> {
        let mut k = i;
        let det = self.any(k, &["le", "ce"]).then(|| {
            k += 1;
            self.f(i).to_string()
        });
        let mois = self.is(k, "mois") && self.any(k + 1, &["de", "d'"]);
        if mois {
            k += 2;
        } else if det.is_some() {
            return None;
        }
        let abbreviation_ok = self.four_digits(k + 1).is_some()
            || (self.is(k + 1, ".") && self.four_digits(k + 2).is_some());
        let (month, end) = self.month(k, abbreviation_ok)?;
        let (mut year, dir, end) = self.month_tail(end);
        if year == YearSpec::Unknown && dir.is_none() {
            year = self.year_of_range(end);
        }
        let prev = self.prev(i);
        let listed = ["et", "ou", ",", "-", "a", "au"].contains(&prev)
            && i >= 2
            && (self.lx.months.contains_key(self.f(i - 2)) || self.four_digits(i - 2).is_some());
        let context = mois
            || year != YearSpec::Unknown
            || dir.is_some()
            || MONTH_CONTEXT.contains(&prev)
            || listed
            || self.is_modifier(i.wrapping_sub(1));
        if !context {
            return None;
        }
        Some(Hit {
            start: i,
            end,
            expr: Expr::Month { month, year, dir },
            part: None,
        })
    }

    /// The year written at the far end of a range or list of months: "d'avril à juillet
    /// 1994", "entre mars et mai 2019" give the first month 1994 and 2019.
    fn year_of_range(&self, i: usize) -> YearSpec {
        if !self.any(i, &["a", "au", "et", "ou", "-"]) {
            return YearSpec::Unknown;
        }
        let Some((_, end)) = self.month(i + 1, false) else {
            return YearSpec::Unknown;
        };
        match self.year_after(end) {
            Some((y @ (YearSpec::Known(_) | YearSpec::TwoDigits(_)), _)) => y,
            _ => YearSpec::Unknown,
        }
    }

    fn is_modifier(&self, i: usize) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| self.lx.modifiers.contains(&t.fold))
    }

    /// "début novembre 2020", "la fin de l'année dernière", "mi-décembre", "fin 2019",
    /// "début de la semaine", "en fin de journée" (the edge itself is not in the value).
    fn modified(&self, i: usize) -> Option<Hit> {
        let mut k = i;
        if self.any(k, &["la", "le"]) {
            k += 1;
        }
        // "mi-décembre", "mi-juin 2020", "mi-mai dernier"
        if let Some(rest) = self.f(k).strip_prefix("mi-") {
            let &month = self.lx.months.get(rest)?;
            let end = k + 1;
            let (year, dir, end) = self.month_tail(end);
            return Some(Hit {
                start: i,
                end,
                expr: Expr::Month { month, year, dir },
                part: None,
            });
        }
        if !self.is_modifier(k) || (self.is(k, "mi") && !self.is(k + 1, "-")) {
            return None;
        }
        k += 1;
        if self.is(k, "-") && self.is(k - 1, "mi") {
            k += 1;
        }
        if let Some((part, end)) = self.edge_of_day(k - 1) {
            return Some(Hit {
                start: i,
                end,
                expr: Expr::Anaphoric(0),
                part: Some(part),
            });
        }
        let inner_start = if self.any(k, &["de", "du", "d'", "des"]) {
            k + 1
        } else {
            k
        };
        let mut best: Option<Hit> = None;
        let mut consider = |h: Option<Hit>| {
            if let Some(h) = h {
                if best.as_ref().is_none_or(|b| h.end > b.end) {
                    best = Some(h);
                }
            }
        };
        // the month itself needs no other context after an edge word
        if let Some((month, end)) = self.month(inner_start, false).or_else(|| {
            (self.is(inner_start, "mois") && self.any(inner_start + 1, &["de", "d'"]))
                .then(|| self.month(inner_start + 2, false))
                .flatten()
        }) {
            let (year, dir, end) = self.month_tail(end);
            consider(Some(Hit {
                start: i,
                end,
                expr: Expr::Month { month, year, dir },
                part: None,
            }));
        }
        if let Some(y) = self
            .four_digits(inner_start)
            .filter(|y| (1000..=2100).contains(y))
        {
            consider(Some(Hit {
                start: i,
                end: inner_start + 1,
                expr: Expr::Year(YearSpec::Known(y)),
                part: None,
            }));
        }
        consider(self.rel_unit(inner_start));
        consider(self.season(inner_start));
        consider(self.year(inner_start));
        // "début de l'année", "fin du mois", "début de semaine"
        let mut u = inner_start;
        if self.any(u, &["l'", "la", "le", "ce", "cette"]) {
            u += 1;
        }
        let this = match self.lx.units.get(self.f(u)) {
            Some(Unit::Year) => Some(Expr::Year(YearSpec::Offset(0))),
            Some(Unit::Month) => Some(Expr::MonthShift(0)),
            Some(Unit::Week) => Some(Expr::Week(0)),
            _ => None,
        };
        if let Some(expr) = this {
            if self.rel_after(u + 1).is_none() && !self.any(u + 1, &["de", "d'", "du", "des"]) {
                consider(Some(Hit {
                    start: i,
                    end: u + 1,
                    expr,
                    part: None,
                }));
            }
        }
        best.map(|mut h| {
            h.start = i;
            h
        })
    }

    /// "la semaine dernière", "le mois prochain", "l'an dernier", "cette année", "ce
    /// week-end", "le week-end dernier", "ce mois-ci", "la nouvelle année".
    fn rel_unit(&self, i: usize) -> Option<Hit> {
        let (det, k) = self.det(i, &UNIT_DETS)?;
        let demonstrative = DEMONSTRATIVES.contains(&det.as_str());
        if self.is(k, "nouvelle") && self.any(k + 1, &["annee"]) && !demonstrative {
            return Some(Hit {
                start: i,
                end: k + 2,
                expr: Expr::NewYear,
                part: None,
            });
        }
        // det + rel + unit: "le dernier week-end", "la semaine passée" is below
        let (unit, mut end, mut offset) = if let Some((d, e)) = self.rel_after(k) {
            let &unit = self.lx.units.get(self.f(e))?;
            if self.any(e + 1, &["de", "d'", "du", "des"]) {
                return None;
            }
            (unit, e + 1, Some(d as i64))
        } else {
            let key = self.f(k);
            let (unit_key, ci) = match key.strip_suffix("-ci") {
                Some(stem) => (stem, true),
                None => (key, false),
            };
            let &unit = self.lx.units.get(unit_key)?;
            (unit, k + 1, ci.then_some(0))
        };
        if offset.is_none() {
            if let Some((d, e)) = self.rel_after(end) {
                offset = Some(d as i64);
                end = e;
            } else if self.is(end, "en") && self.is(end + 1, "cours") {
                offset = Some(0);
                end += 2;
            } else if demonstrative {
                offset = Some(0);
            }
        }
        let offset = offset?;
        let expr = match unit {
            Unit::Week => Expr::Week(offset),
            Unit::Weekend if demonstrative => Expr::Weekend(None),
            Unit::Weekend => Expr::Weekend(Some(offset)),
            Unit::Month => Expr::MonthShift(offset),
            Unit::Quarter => Expr::Quarter(offset),
            Unit::Year => Expr::Year(YearSpec::Offset(offset as i32)),
            _ => return None,
        };
        Some(Hit {
            start: i,
            end,
            expr,
            part: None,
        })
    }

    /// "cet été", "l'hiver dernier", "en été", "au printemps 2020", "les mois d'été".
    fn season(&self, i: usize) -> Option<Hit> {
        let mut start = i;
        let mut k = i;
        let mut det = "";
        if self.any(k, &["les", "le"]) && self.is(k + 1, "mois") {
            k += 1;
        }
        if self.is(k, "mois") && self.any(k + 1, &["d'", "de"]) {
            det = "mois";
            k += 2;
        } else if self.any(k, &["cet", "ce", "cette", "l'", "le"]) {
            det = if DEMONSTRATIVES.contains(&self.f(k)) {
                "ce"
            } else {
                "le"
            };
            k += 1;
        } else if self.any(k, &["en", "au", "comme"]) {
            det = "en";
            k += 1;
            start = k;
        }
        let &season = self.lx.seasons.get(self.f(k))?;
        let mut end = k + 1;
        let mut year = YearSpec::Unknown;
        if let Some(y) = self.four_digits(end).filter(|y| (1000..=2100).contains(y)) {
            year = YearSpec::Known(y);
            end += 1;
        }
        let dir = self.rel_after(end).map(|(d, e)| {
            end = e;
            d
        });
        let sentence_initial = k == 0 && self.t[k].capital && (self.any(1, &["comme", ","]));
        if det.is_empty() && year == YearSpec::Unknown && !sentence_initial {
            return None;
        }
        let generic = year == YearSpec::Unknown && dir.is_none() && det != "ce";
        if det == "ce" && year == YearSpec::Unknown && dir.is_none() {
            year = YearSpec::Offset(0);
        }
        Some(Hit {
            start,
            end,
            expr: Expr::Season {
                season,
                year,
                dir,
                generic,
            },
            part: None,
        })
    }

    /// "1991", "l'année 2001", "en l'an 2000", "les années 1990", "années 90".
    fn year(&self, i: usize) -> Option<Hit> {
        let mut k = i;
        if self.is(k, "les") && self.is(k + 1, "annees") {
            k += 1;
        }
        if self.is(k, "annees") {
            let decade = if let Some(y) = self.four_digits(k + 1) {
                (y % 10 == 0).then_some(y / 10)?
            } else {
                let y = self.digits(k + 1, 2).filter(|_| self.f(k + 1).len() == 2)? as i32;
                (y % 10 == 0).then_some(if y >= 30 { 190 + y / 10 } else { 200 + y / 10 })?
            };
            return Some(Hit {
                start: i,
                end: k + 2,
                expr: Expr::Decade(decade),
                part: None,
            });
        }
        if let Some(c) = self.century(k) {
            return Some(Hit {
                start: i,
                end: k + 2,
                expr: Expr::Fixed(format!("{:02}XX", c - 1)),
                part: None,
            });
        }
        if self.is(k, "l'") {
            k += 1;
        }
        if self.any(k, &["annee", "an"]) {
            let y = self
                .four_digits(k + 1)
                .filter(|y| (1000..=2100).contains(y))?;
            return Some(Hit {
                start: i,
                end: k + 2,
                expr: Expr::Year(YearSpec::Known(y)),
                part: None,
            });
        }
        // "en 98." (two digits only right after "en" and before punctuation)
        if self.prev(i) == "en"
            && self.f(i).len() == 2
            && matches!(self.shape(i + 1), None | Some(Shape::Punct))
        {
            let yy = self.digits(i, 2)? as i32;
            return Some(Hit {
                start: i,
                end: i + 1,
                expr: Expr::Year(YearSpec::TwoDigits(yy)),
                part: None,
            });
        }
        let y = self.four_digits(i).filter(|y| (1000..=2100).contains(y))?;
        // not part of a number written with separators ("1.440", "30,5")
        let glued = |a: usize, b: usize| self.adjacent(a, b) && self.any(b, &[".", ","]);
        if (i > 0 && glued(i - 1, i) && self.shape(i.wrapping_sub(2)) == Some(Shape::Number))
            || (glued(i, i + 1)
                && self.shape(i + 2) == Some(Shape::Number)
                && self.adjacent(i + 1, i + 2))
        {
            return None;
        }
        let prev = self.prev(i);
        let before_ok = YEAR_CONTEXT.contains(&prev) || i == 0;
        let after_ok = match self.t.get(i + 1) {
            None => true,
            Some(t) if t.shape == Shape::Punct => true,
            Some(t) => AFTER_YEAR.contains(&t.fold.as_str()),
        };
        (before_ok && after_ok).then_some(Hit {
            start: i,
            end: i + 1,
            expr: Expr::Year(YearSpec::Known(y)),
            part: None,
        })
    }

    /// "XXe siècle", "19e siècle", "XIXème siècle": the century's number.
    fn century(&self, i: usize) -> Option<u32> {
        if !self.any(i + 1, &["siecle"]) {
            return None;
        }
        let t = self.t.get(i)?;
        let word = t.low.as_str();
        let stem = ["ème", "eme", "e"]
            .iter()
            .find_map(|s| word.strip_suffix(s))?;
        let n = if stem.bytes().all(|b| b.is_ascii_digit()) {
            stem.parse().ok()?
        } else {
            roman(stem)?
        };
        (1..=21).contains(&n).then_some(n)
    }

    /// A clock time: hour, minute, the token after it, and whether a zone was glued to it.
    fn clock_core(&self, i: usize) -> Option<(u32, u32, usize, bool)> {
        let t = self.t.get(i)?;
        let (hour, minute, mut end, zoned) = match t.shape {
            Shape::Alnum => {
                let s = t.fold.as_str();
                let (h, rest) = s.split_once('h')?;
                let m: String = rest.chars().take_while(char::is_ascii_digit).collect();
                let zone = &rest[m.len()..];
                if h.is_empty() || h.len() > 2 || !h.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                if !(m.is_empty() || m.len() == 2) || !["", "gmt", "utc", "tu", "z"].contains(&zone)
                {
                    return None;
                }
                (
                    h.parse().ok()?,
                    if m.is_empty() { 0 } else { m.parse().ok()? },
                    i + 1,
                    !zone.is_empty(),
                )
            }
            Shape::Number => {
                let h = self.digits(i, 2)?;
                if self.is(i + 1, "h") {
                    match self.digits(i + 2, 2).filter(|_| self.f(i + 2).len() == 2) {
                        Some(m) => (h, m, i + 3, false),
                        None => (h, 0, i + 2, false),
                    }
                } else if self.is(i + 1, ":")
                    && self.adjacent(i, i + 1)
                    && self.adjacent(i + 1, i + 2)
                    && self.f(i + 2).len() == 2
                    && h <= 23
                {
                    (h, self.digits(i + 2, 2)?, i + 3, false)
                } else {
                    return self.clock_in_words(i);
                }
            }
            Shape::Word => return self.clock_in_words(i),
            Shape::Punct => return None,
        };
        if hour > 24 || minute > 59 {
            return None;
        }
        let (hour, e, _) = self.day_half(hour, end);
        end = e;
        Some((hour, minute, end, zoned))
    }

    /// "15 heures", "quinze heures trente", "midi": only after "à", "vers", "dès"…
    fn clock_in_words(&self, i: usize) -> Option<(u32, u32, usize, bool)> {
        let prev = self.prev(i);
        let after_de = prev == "de";
        // "il y a deux heures" is a shift, not a time of day
        let ago = prev == "a" && self.f(i.wrapping_sub(2)) == "y";
        let prev_ok = !ago
            && (CLOCK_CONTEXT.contains(&prev)
                || (after_de && self.f(i.wrapping_sub(2)) == "partir"));
        let range_ok = |end: usize| after_de && self.any(end, &["a", "jusqu'"]);
        let named = self.lx.clocks.get(self.f(i)).copied();
        let (h, m, end) = if let Some((h, m)) = named {
            if self.t[i].capital {
                return None;
            }
            if ["hier", "demain", "aujourd'hui"].contains(&prev)
                || self.lx.weekdays.contains_key(prev)
            {
                return Some((h, m, i + 1, false));
            }
            (h, m, i + 1)
        } else {
            let (h, k) = self.count(i)?;
            if h > 24 || !self.any(k, &["heure", "heures"]) {
                return None;
            }
            (h, 0, k + 1)
        };
        let minutes = self.minutes_after(end);
        let (h, m, end) = match minutes {
            Some((delta, e)) => {
                let total = (h * 60 + m) as i64 + delta;
                let total = total.rem_euclid(24 * 60) as u32;
                (total / 60, total % 60, e)
            }
            None => (h, m, end),
        };
        let (h, e, said_half) = self.day_half(h, end);
        let plain = (named.is_some() && (minutes.is_some() || prev == "ce")) || said_half;
        (prev_ok || range_ok(e) || (plain && !ago)).then_some((h, m, e, false))
    }

    /// Minutes after an hour written in words: "trente", "et quart", "et demie",
    /// "moins le quart", "moins cinq", "trois quarts", "et quinze minutes".
    fn minutes_after(&self, i: usize) -> Option<(i64, usize)> {
        let minutes_word = |e: usize| {
            if self.any(e, &["minute", "minutes"]) {
                e + 1
            } else {
                e
            }
        };
        if self.is(i, "et") {
            if self.any(i + 1, &["demie", "demi"]) {
                return Some((30, i + 2));
            }
            if self.is(i + 1, "quart") {
                return Some((15, i + 2));
            }
            let (m, e) = self.count(i + 1).filter(|(m, _)| *m <= 59)?;
            return Some((m as i64, minutes_word(e)));
        }
        if self.is(i, "moins") {
            if self.is(i + 1, "le") && self.is(i + 2, "quart") {
                return Some((-15, i + 3));
            }
            let (m, e) = self.count(i + 1).filter(|(m, _)| *m <= 59)?;
            return Some((-(m as i64), minutes_word(e)));
        }
        if self
            .lx
            .number_word(self.t, i)
            .is_some_and(|(n, e)| n == 3 && self.is(e, "quarts"))
        {
            return Some((45, i + 2));
        }
        let (m, e) = self.count(i).filter(|(m, _)| *m <= 59)?;
        Some((m as i64, minutes_word(e)))
    }

    /// "du matin", "du soir", "de l'après-midi" after an hour; "ce soir", "cet
    /// après-midi", "demain après-midi", "dans la soirée" after it make it an afternoon
    /// or evening hour without being part of it. Also says whether a half was named.
    fn day_half(&self, hour: u32, i: usize) -> (u32, usize, bool) {
        let pm = |h: u32| if (1..12).contains(&h) { h + 12 } else { h };
        if self.is(i, "du") && self.any(i + 1, &["soir", "matin"]) {
            let h = if self.is(i + 1, "soir") {
                pm(hour)
            } else {
                hour
            };
            return (h, i + 2, true);
        }
        if self.is(i, "de") && self.is(i + 1, "l'") && self.is(i + 2, "apres-midi") {
            return (pm(hour), i + 3, true);
        }
        let k = if self.any(i, &["ce", "cet", "cette", "demain", "hier", "aujourd'hui"])
            || self.lx.weekdays.contains_key(self.f(i))
        {
            i + 1
        } else if self.is(i, "dans") && self.any(i + 1, &["la", "l'"]) {
            i + 2
        } else {
            i
        };
        if k > i && self.any(k, &["soir", "apres-midi", "soiree"]) {
            return (pm(hour), i, true);
        }
        (hour, i, false)
    }

    /// "17h30", "18 h 55", "à 15 heures", "midi", "17h30 (13h30GMT)", "12 h 30 locales".
    fn clock(&self, i: usize) -> Option<Hit> {
        let (hour, minute, mut end, _) = self.clock_core(i)?;
        if let Some(e) = self.lx.zone(self.t, end) {
            end = e;
        }
        // the same time restated in universal time: "(13h30 GMT)"
        if self.is(end, "(") {
            if let Some((_, _, e, zoned)) = self.clock_core(end + 1) {
                let (zoned, e) = match self.lx.zone(self.t, e) {
                    Some(z) if self.any(e, &["gmt", "utc", "tu"]) => (true, z),
                    _ => (zoned, e),
                };
                if zoned && self.is(e, ")") {
                    end = e + 1;
                }
            }
        }
        Some(Hit {
            start: i,
            end,
            expr: Expr::Clock { hour, minute },
            part: None,
        })
    }

    /// "ce matin", "cette nuit", "la nuit de jeudi à vendredi", "le matin même",
    /// "dans la soirée", "en matinée", "la nuit dernière".
    fn part_of_day(&self, i: usize) -> Option<Hit> {
        if self.any(i, &["ce", "cet", "cette"]) {
            let part = self
                .part_word(i + 1)
                .filter(|_| !self.is(i + 1, "journee"))?;
            return Some(Hit {
                start: i,
                end: i + 2,
                expr: Expr::Deictic(0),
                part: Some(part),
            });
        }
        if self.is(i, "en") {
            let part = self
                .part_word(i + 1)
                .filter(|_| self.any(i + 1, &["matinee", "soiree", "journee"]))?;
            return Some(Hit {
                start: i + 1,
                end: i + 2,
                expr: Expr::Anaphoric(0),
                part: Some(part),
            });
        }
        if self.is(i, "dans")
            && self.any(i + 1, &["la", "l'"])
            && self.any(i + 3, &["de", "du", "d'"])
        {
            // "dans la nuit de jeudi": the whole phrase names the night
            let part = self.part_word(i + 2)?;
            return self.night_of(i, part, i + 4);
        }
        if !self.any(i, &["la", "le", "l'"]) {
            return None;
        }
        let part = self.part_word(i + 1)?;
        let k = i + 2;
        if self.any(k, &["de", "du", "d'"]) {
            return self.night_of(i, part, k + 1);
        }
        if self.is(k, "meme") {
            return Some(Hit {
                start: i,
                end: k + 1,
                expr: Expr::Anaphoric(0),
                part: Some(part),
            });
        }
        if let Some((d, e)) = self.rel_after(k) {
            return (d < 0).then_some(Hit {
                start: i,
                end: e,
                expr: Expr::Deictic(-1),
                part: Some(part),
            });
        }
        if part == Part::Daytime && !["dans", "pendant", "durant", "de"].contains(&self.prev(i)) {
            return None;
        }
        Some(Hit {
            start: i,
            end: k,
            expr: Expr::Anaphoric(0),
            part: Some(part),
        })
    }

    /// "la nuit de jeudi à vendredi", "la nuit du 3 au 4 mai", "l'après-midi de mardi",
    /// "la nuit d'hier".
    fn night_of(&self, start: usize, part: Part, k: usize) -> Option<Hit> {
        let Some(mut first) = self.day_item(k) else {
            let hit = self
                .phrase_hit(k)
                .filter(|h| matches!(h.expr, Expr::Deictic(_)))?;
            return Some(Hit {
                start,
                end: hit.end,
                expr: hit.expr,
                part: Some(part),
            });
        };
        let mut end = first.end;
        if self.any(end, &["a", "au"]) {
            if let Some(second) = self
                .day_item(end + 1)
                .filter(|s| s.weekday.is_some() || s.day.is_some())
            {
                end = second.end;
                if first.month.is_none() && first.day.is_some() {
                    first.month = second.month;
                    first.year = second.year;
                }
            }
        }
        first.part = None;
        first.end = end;
        let hit = self.item_hit(first)?;
        let expr = match hit.expr {
            Expr::WeekdayHabit(w) => Expr::Weekday {
                weekday: w,
                shift: WeekShift::ByTense,
            },
            e => e,
        };
        Some(Hit {
            start,
            end,
            expr,
            part: Some(part),
        })
    }

    /// "depuis près de 30 ans" (a duration), "il y a trois jours", "dans deux mois",
    /// "deux jours plus tard" (from the day last mentioned).
    fn span_phrase(&self, i: usize) -> Option<Hit> {
        if let Some(hit) = self.later(i) {
            return Some(hit);
        }
        let (kind, mut k) = if self.is(i, "depuis") {
            ("since", i + 1)
        } else if self.is(i, "il") && self.is(i + 1, "y") && self.is(i + 2, "a") {
            ("ago", i + 3)
        } else if self.is(i, "dans") {
            ("in", i + 1)
        } else {
            return None;
        };
        if kind == "since" {
            if let Some(e) = self.lx.approx(self.t, k) {
                k = e;
            }
        }
        if let Some(e) = self.lx.vague(self.t, k) {
            // "il y a quelques jours", "dans plusieurs semaines", "depuis des années"
            let e = if self.any(e, &["de", "d'"]) { e + 1 } else { e };
            let &unit = self.lx.units.get(self.f(e))?;
            let code = match unit {
                Unit::Year => "Y",
                Unit::Month => "M",
                Unit::Week => "W",
                Unit::Day => "D",
                Unit::Decade => "DE",
                Unit::Century => "CE",
                _ => return None,
            };
            let value = match kind {
                "since" => format!("PX{code}"),
                "ago" => "PAST_REF".to_string(),
                _ => "FUTURE_REF".to_string(),
            };
            return Some(Hit {
                start: i,
                end: e + 1,
                expr: Expr::Fixed(value),
                part: None,
            });
        }
        let (n, mut e) = self.count(k)?;
        if self.any(e, &["de", "d'"]) {
            e += 1;
        }
        let &unit = self.lx.units.get(self.f(e))?;
        let end = e + 1;
        let n = n as i64;
        let expr = match kind {
            "since" => {
                let v = match unit {
                    Unit::Year => format!("P{n}Y"),
                    Unit::Month => format!("P{n}M"),
                    Unit::Week => format!("P{n}W"),
                    Unit::Day => format!("P{n}D"),
                    Unit::Hour => format!("PT{n}H"),
                    Unit::Decade => format!("P{n}DE"),
                    Unit::Century => format!("P{n}CE"),
                    Unit::Quarter => format!("P{n}Q"),
                    Unit::Weekend => return None,
                };
                Expr::Fixed(v)
            }
            _ if matches!(
                unit,
                Unit::Day | Unit::Week | Unit::Month | Unit::Year | Unit::Hour
            ) =>
            {
                Expr::Shift {
                    n: if kind == "ago" { -n } else { n },
                    unit,
                }
            }
            _ => return None,
        };
        Some(Hit {
            start: i,
            end,
            expr,
            part: None,
        })
    }

    /// "deux jours plus tard", "une semaine après", "trois jours plus tôt": days from
    /// the day last mentioned, when nothing follows that names another event.
    fn later(&self, i: usize) -> Option<Hit> {
        let (n, e) = self.count(i)?;
        let days = match self.lx.units.get(self.f(e))? {
            Unit::Day => n as i64,
            Unit::Week => 7 * n as i64,
            _ => return None,
        };
        let (sign, end) = if self.is(e + 1, "plus") && self.any(e + 2, &["tard", "tot"]) {
            (if self.is(e + 2, "tard") { 1 } else { -1 }, e + 3)
        } else if self.any(e + 1, &["apres", "avant"]) {
            (if self.is(e + 1, "apres") { 1 } else { -1 }, e + 2)
        } else {
            return None;
        };
        if !matches!(self.shape(end), None | Some(Shape::Punct)) {
            return None;
        }
        Some(Hit {
            start: i,
            end,
            expr: Expr::Anaphoric(sign * days),
            part: None,
        })
    }

    /// "15/02/2013", "1/3/2013", "2015-03-03", "le 17/02".
    fn numeric_date(&self, i: usize) -> Option<Hit> {
        let k = if self.is(i, "le") { i + 1 } else { i };
        let glued = |a: usize| self.adjacent(a, a + 1);
        if let Some(y) = self.four_digits(k) {
            // ISO 2015-03-03
            if self.is(k + 1, "-") && self.is(k + 3, "-") && (k..k + 4).all(glued) {
                let m = self.digits(k + 2, 2)?;
                let d = self.digits(k + 4, 2)?;
                return Some(Hit {
                    start: i,
                    end: k + 5,
                    expr: Expr::Day {
                        day: d,
                        month: Some(m),
                        year: YearSpec::Known(y),
                        weekday: None,
                        dir: None,
                    },
                    part: None,
                });
            }
            return None;
        }
        let d = self.digits(k, 2)?;
        if !self.is(k + 1, "/") || !glued(k) || !glued(k + 1) {
            return None;
        }
        let m = self.digits(k + 2, 2)?;
        if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
            return None;
        }
        if self.is(k + 3, "/") && glued(k + 2) && glued(k + 3) {
            let yt = self.f(k + 4);
            let year = match yt.len() {
                4 => YearSpec::Known(self.digits(k + 4, 4)? as i32),
                2 => YearSpec::TwoDigits(self.digits(k + 4, 2)? as i32),
                _ => return None,
            };
            return Some(Hit {
                start: i,
                end: k + 5,
                expr: Expr::Day {
                    day: d,
                    month: Some(m),
                    year,
                    weekday: None,
                    dir: None,
                },
                part: None,
            });
        }
        // no year: only after "le", "du", "au"
        if k == i && !["le", "du", "au"].contains(&self.prev(i)) {
            return None;
        }
        Some(Hit {
            start: i,
            end: k + 3,
            expr: Expr::Day {
                day: d,
                month: Some(m),
                year: YearSpec::Unknown,
                weekday: None,
                dir: None,
            },
            part: None,
        })
    }
}

/// The value of a Roman numeral in capitals or not ("xix" → 19).
fn roman(s: &str) -> Option<u32> {
    let digit = |c: char| match c.to_ascii_lowercase() {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        _ => None,
    };
    let values: Vec<u32> = s.chars().map(digit).collect::<Option<_>>()?;
    if values.is_empty() {
        return None;
    }
    let mut total = 0;
    for (k, &v) in values.iter().enumerate() {
        if values.get(k + 1).is_some_and(|&next| next > v) {
            total -= v as i64;
        } else {
            total += v as i64;
        }
    }
    u32::try_from(total).ok().filter(|&n| n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LEXICON;
    use crate::tokens::tokenize;

    fn spans(s: &str) -> Vec<String> {
        let toks = tokenize(s);
        Parser::new(&toks, &LEXICON)
            .hits()
            .into_iter()
            .map(|h| s[toks[h.start].start..toks[h.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn spans_start_at_determiners_not_prepositions() {
        assert_eq!(
            spans("Il est né le 3 mai 1950 à Lyon."),
            vec!["le 3 mai 1950"]
        );
        assert_eq!(spans("la déclaration du 15 novembre"), vec!["15 novembre"]);
        assert_eq!(
            spans("Il a appelé ce 30 septembre à cesser le feu."),
            vec!["ce 30 septembre"]
        );
        assert_eq!(
            spans("un cessez-le-feu négocié début novembre 2020"),
            vec!["début novembre 2020"]
        );
    }

    #[test]
    fn lists_give_one_span_per_day() {
        assert_eq!(
            spans("Fermé lundi 20, mardi 21 avril."),
            vec!["lundi 20", "mardi 21 avril"]
        );
        assert_eq!(
            spans("Le salon se tient du 3 au 5 mai."),
            vec!["3", "5 mai"]
        );
    }

    #[test]
    fn clock_with_universal_time_is_one_span() {
        assert_eq!(
            spans("A partir de 17h30 (13h30GMT), le feu a cessé."),
            vec!["17h30 (13h30GMT)"]
        );
        assert_eq!(
            spans("vers 12 h 30 locales (20 h 30 en France)"),
            vec!["12 h 30 locales", "20 h 30"]
        );
    }

    #[test]
    fn numbers_that_are_not_years() {
        assert!(spans("Le bilan atteint 1991 morts.").is_empty());
        assert_eq!(
            spans("Les tensions remontent à 1991, lorsque la guerre a éclaté."),
            vec!["1991"]
        );
        assert!(spans("Il a été élu avec 2000 voix.").is_empty());
    }

    #[test]
    fn ete_the_participle_is_not_summer() {
        assert!(spans("Le pont a été fermé.").is_empty());
        assert_eq!(spans("Les ventes augmentent en été."), vec!["été"]);
    }
}
