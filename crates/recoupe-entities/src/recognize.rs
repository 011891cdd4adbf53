//! Per-document recognition: candidate mentions from rules and gazetteers.
//!
//! Reads one sentence at a time and proposes spans with a type and the evidence for it:
//! - gazetteer names (countries, capitals, places, organisations, agencies, seats);
//! - a title before capitalised words ("M. Poutine", "général de Gaulle") → person;
//! - a role phrase before them ("le président russe Vladimir Poutine", "le porte-parole
//!   du Kremlin, Dmitri Peskov") → person, the role kept;
//! - a known given name first ("Peter Stano") → person;
//! - a place cue before them ("à Munich", "la région de Kalbajar") → location;
//! - an organisation head ("Conseil fédéral", "le ministère azerbaïdjanais de la
//!   Défense", "la diplomatie russe") → organisation;
//! - other capitalised runs: several words → person; one word → a weak person that
//!   [`crate::document`] keeps only with more evidence. A capitalised word opening a
//!   sentence is not a name unless something else says so.
//!
//! It does not group mentions into entities (that is [`crate::document`]).

use crate::lexicon::{lexicon, Known};
use crate::names::{fold, is_given_name};
use crate::tokens::{is_apostrophe, Token};
use recoupe_model::EntityType;

/// Why a span was taken as a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evidence {
    /// A single capitalised word with nothing else for it.
    Weak,
    /// A capitalised run of several words, or a span given from outside.
    Shape,
    /// A cue word, head noun or given name.
    Cue,
    /// A title or role in front of the name.
    Title,
    /// A gazetteer entry.
    Known,
}

/// One proposed mention.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub sentence: usize,
    /// Byte span of the mention (title included for persons: "M. Poutine").
    pub start: usize,
    pub end: usize,
    /// Byte offset where the name proper starts (after a title).
    pub name_start: usize,
    pub kind: EntityType,
    pub evidence: Evidence,
    pub known: Option<Known>,
    /// A role phrase standing before the name ("président russe").
    pub role: Option<String>,
    /// The span opens its sentence.
    pub initial: bool,
    /// The word after the span shows it is a subject ("Blinken a souligné").
    pub subject: bool,
    /// After a place cue ("à Moscou"): a place, not an actor.
    pub after_place_cue: bool,
    /// Used as an actor: a subject, or after a verb or "entre … et" ("accuse Bakou").
    pub actor: bool,
}

pub(crate) struct Scanner<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    /// Each token's text, folded once.
    folds: Vec<String>,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a str, toks: &'a [Token]) -> Self {
        let folds = toks.iter().map(|t| fold(t.text(text))).collect();
        Scanner { text, toks, folds }
    }

    fn t(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    /// The folded text of token `i` ("" past the end).
    pub(crate) fn f(&self, i: usize) -> &str {
        self.folds.get(i).map_or("", String::as_str)
    }

    fn word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.word)
    }

    fn cap(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.is_capitalised(self.text))
    }

    fn caps(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_all_caps(self.text))
    }

    /// Words of the sequence `words` (folded) match tokens from `i`.
    pub(crate) fn matches(&self, i: usize, end: usize, words: &[String]) -> bool {
        i + words.len() <= end
            && words.iter().enumerate().all(|(k, w)| {
                let t = self.f(i + k);
                t == w || (is_apostrophe(w) && is_apostrophe(t))
            })
    }

    /// The longest gazetteer entry at `i`: its length in tokens and what it names.
    fn gazetteer_at(&self, i: usize, end: usize) -> Option<(usize, Known)> {
        let lx = lexicon();
        let first = self.f(i);
        let names = lx.gazetteer.get(first)?;
        for g in names {
            if !self.matches(i, end, &g.words) {
                continue;
            }
            let case_ok = g
                .capitalised
                .iter()
                .enumerate()
                .all(|(k, &c)| (!c || self.cap(i + k)) && (!g.all_caps[k] || self.caps(i + k)));
            if case_ok {
                return Some((g.words.len(), g.known.clone()));
            }
        }
        None
    }

    /// A title at `i` (with its final dot): its length in tokens.
    fn title_at(&self, i: usize) -> Option<usize> {
        let lx = lexicon();
        let w = self.t(i);
        if !self.word(i) {
            return None;
        }
        let next_is_dot = self
            .toks
            .get(i + 1)
            .is_some_and(|t| t.is_punct(self.text, ".") && t.start == self.toks[i].end);
        if next_is_dot && lx.titles.contains(&format!("{w}.")) {
            return Some(2);
        }
        if lx.titles.contains(w) {
            return Some(1);
        }
        None
    }

    /// A name word: capitalised and not a known non-name, or a name particle
    /// followed by one.
    fn name_word(&self, i: usize) -> bool {
        self.cap(i) && !lexicon().not_names.contains(self.f(i))
    }

    /// End (exclusive) of the run of name words starting at `i`.
    fn name_run(&self, i: usize, end: usize) -> usize {
        let lx = lexicon();
        let mut j = i;
        while j < end {
            let one_letter = self.t(j).chars().count() == 1;
            if one_letter && self.cap(j) {
                // an initial: "L. Jalabert"
                let dot = self
                    .toks
                    .get(j + 1)
                    .is_some_and(|t| t.is_punct(self.text, "."));
                if dot && self.name_word(j + 2) && self.t(j + 2).chars().count() > 1 {
                    j += 2;
                    continue;
                }
                break;
            }
            if j > i && is_roman_numeral(self.t(j)) {
                // "Napoléon III"
                j += 1;
                continue;
            }
            if self.name_word(j) && !(j > i && self.caps(j) != self.caps(i) && self.caps(j)) {
                j += 1;
                continue;
            }
            if self.word(j) && !self.cap(j) && lx.particles.contains(self.f(j)) {
                // "de Gaulle", "d'Estaing", "ben Salmane"
                if self.name_word(j + 1) && self.gazetteer_at(j + 1, end).is_none() {
                    j += 2;
                    continue;
                }
                if j + 2 < end && is_apostrophe(self.t(j + 1)) && self.name_word(j + 2) {
                    j += 3;
                    continue;
                }
            }
            break;
        }
        j
    }

    /// A role phrase ending right before token `i` (a comma between is allowed):
    /// the role's text, from its noun to its last complement.
    fn role_before(&self, i: usize, start: usize) -> Option<String> {
        let lx = lexicon();
        let mut last = i;
        if last > start && self.toks[last - 1].is_punct(self.text, ",") {
            last -= 1;
        }
        if last == start {
            return None;
        }
        let mut best = None;
        let lowest = last.saturating_sub(9).max(start);
        for j in (lowest..last).rev() {
            for r in lx.roles_starting(self.f(j)) {
                if !self.matches(j, last, r) {
                    continue;
                }
                let between_ok = (j + r.len()..last).all(|k| self.complement_word(k));
                if between_ok {
                    best = Some(j);
                }
                break;
            }
            // stop at a verb-like gap: a lower-case word that is no complement and no role
            if !self.complement_word(j)
                && !lx.roles_by_first.contains_key(self.f(j))
                && j + 1 < last
            {
                let any_role_inside = lx.role_words.contains(self.f(j));
                if !any_role_inside {
                    break;
                }
            }
        }
        let j = best?;
        let s = self.toks[j].start;
        let e = self.toks[last - 1].end;
        self.text.get(s..e).map(str::to_string)
    }

    /// A word that may stand inside a role's complement ("du Kremlin", "d'Etat
    /// américain", "des Affaires étrangères").
    pub(crate) fn is_complement(&self, k: usize) -> bool {
        self.complement_word(k)
    }

    pub(crate) fn role_before_pub(&self, i: usize, start: usize) -> Option<String> {
        self.role_before(i, start)
    }

    fn complement_word(&self, k: usize) -> bool {
        let lx = lexicon();
        let f = self.f(k);
        if !self.word(k) {
            return is_apostrophe(self.t(k));
        }
        self.cap(k)
            || lx.is_demonym(f)
            || lx.org_adjectives.contains(f)
            || matches!(f, "de" | "du" | "des" | "la" | "l" | "d" | "le" | "les")
    }

    /// The word at `i` follows an auxiliary and a past participle: an inverted subject
    /// ("a souligné Macron").
    fn inverted_subject(&self, i: usize, start: usize) -> bool {
        i >= start + 2
            && self.word(i - 1)
            && !self.cap(i - 1)
            && self.t(i - 1).ends_with('é')
            && matches!(self.t(i - 2), "a" | "ont" | "avait" | "avaient")
    }

    /// A place cue ending right before `i`.
    fn place_cue_before(&self, i: usize, start: usize) -> bool {
        lexicon()
            .place_cues
            .iter()
            .any(|c| c.len() <= i - start && self.matches(i - c.len(), i, c))
    }

    /// Extends an organisation head at `i` over adjectives and a "de …" complement.
    fn org_extent(&self, i: usize, end: usize) -> usize {
        let lx = lexicon();
        let mut j = i + 1;
        let mut extended = false;
        while j < end
            && self.word(j)
            && !self.cap(j)
            && (lx.is_demonym(self.f(j)) || lx.org_adjectives.contains(self.f(j)))
        {
            j += 1;
            extended = true;
        }
        // "de la Défense", "des Affaires étrangères", "de Minsk"
        let mut k = j;
        let f = self.f(k);
        if matches!(f, "de" | "du" | "des" | "d") {
            k += 1;
            if is_apostrophe(self.t(k)) {
                k += 1;
            }
            if self.f(k) == "la" || (self.f(k) == "l" && is_apostrophe(self.t(k + 1))) {
                k += if self.f(k) == "l" { 2 } else { 1 };
            }
            if k < end && self.cap(k) && !self.caps(k) {
                let mut m = k;
                while m < end
                    && (self.cap(m)
                        || (m > k && self.word(m) && lx.org_adjectives.contains(self.f(m))))
                {
                    m += 1;
                }
                // a demonym after the complement: "des Affaires étrangères azerbaïdjanais"
                while m < end && self.word(m) && lx.is_demonym(self.f(m)) {
                    m += 1;
                }
                return m;
            }
        }
        if extended {
            j
        } else {
            i + 1
        }
    }
}

/// "II", "III", "IV"… as written after a sovereign's name.
fn is_roman_numeral(w: &str) -> bool {
    (2..=5).contains(&w.len()) && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Proposes candidates in every sentence. `toks` are the tokens of the whole text;
/// `sentence_of` gives the token ranges of sentences.
pub fn candidates(
    text: &str,
    toks: &[Token],
    sentences: &[(usize, usize, usize)],
) -> Vec<Candidate> {
    let sc = Scanner::new(text, toks);
    let lx = lexicon();
    let mut out = Vec::new();
    for &(sentence, s, e) in sentences {
        // first word of the sentence, past opening marks
        let first_word = (s..e).find(|&k| toks[k].word);
        let mut i = s;
        while i < e {
            if !toks[i].word {
                i += 1;
                continue;
            }
            let initial = Some(i) == first_word;
            let mk = |start_tok: usize,
                      name_tok: usize,
                      end_tok: usize,
                      kind,
                      evidence,
                      known: Option<Known>| Candidate {
                sentence,
                start: toks[start_tok].start,
                end: toks[end_tok - 1].end,
                name_start: toks[name_tok].start,
                kind,
                evidence,
                known,
                role: None,
                initial: start_tok == first_word.unwrap_or(usize::MAX),
                subject: (end_tok < e && lx.name_followers.contains(&sc.t(end_tok).to_lowercase()))
                    || sc.inverted_subject(start_tok, s),
                after_place_cue: sc.place_cue_before(start_tok, s),
                actor: !sc.place_cue_before(start_tok, s)
                    && ((end_tok < e && lx.name_followers.contains(&sc.t(end_tok).to_lowercase()))
                        || (start_tok > s
                            && sc.word(start_tok - 1)
                            && !sc.cap(start_tok - 1)
                            && !lx.particles.contains(sc.f(start_tok - 1))
                            && !matches!(
                                sc.f(start_tok - 1),
                                "a" | "au"
                                    | "aux"
                                    | "en"
                                    | "dans"
                                    | "vers"
                                    | "sur"
                                    | "pour"
                                    | "par"
                                    | "depuis"
                                    | "pres"
                                    | "chez"
                            ))),
            };
            // 1. gazetteer, unless a given name starts a longer personal name ("Nancy Pelosi")
            if let Some((len, known)) = sc.gazetteer_at(i, e) {
                let person_instead = len == 1
                    && is_given_name(sc.t(i))
                    && sc.name_word(i + 1)
                    && sc.gazetteer_at(i + 1, e).is_none();
                if !person_instead {
                    let kind = known.kind();
                    out.push(mk(i, i, i + len, kind, Evidence::Known, Some(known)));
                    i += len;
                    continue;
                }
            }
            // 2. a title, then a name
            if let Some(tl) = sc.title_at(i) {
                let titled_cap = sc.cap(i);
                let run = sc.name_run(i + tl, e);
                let lower_title_ok = titled_cap || run > i + tl;
                if run > i + tl && lower_title_ok && sc.gazetteer_at(i + tl, e).is_none() {
                    let mut c = mk(i, i + tl, run, EntityType::Person, Evidence::Title, None);
                    c.role = sc.role_before(i, s);
                    out.push(c);
                    i = run;
                    continue;
                }
            }
            // 3. an organisation head: capitalised ("Conseil fédéral") or lower-case with
            // a nationality or a complement ("le ministère russe de la Défense")
            let head = sc.f(i);
            if lx.org_heads.contains(head)
                && !(initial && !sc.cap(i + 1) && !lx.is_demonym(sc.f(i + 1)))
            {
                let end_org = sc.org_extent(i, e);
                let lower = !sc.cap(i);
                let named = end_org > i + 1;
                let after_det =
                    i > s && matches!(sc.f(i - 1), "le" | "la" | "les" | "l" | "du" | "au" | "'");
                if named && (!lower || after_det) {
                    out.push(mk(
                        i,
                        i,
                        end_org,
                        EntityType::Organization,
                        Evidence::Cue,
                        None,
                    ));
                    i = end_org;
                    continue;
                }
            }
            // 4. a capitalised run
            if sc.cap(i) {
                if sc.caps(i) {
                    // acronyms: unknown ones are organisations, headlines are skipped
                    let headline = (i > s && sc.caps(i - 1)) || sc.caps(i + 1);
                    let n = sc.t(i).chars().count();
                    if !headline && (2..=6).contains(&n) && !lx.not_names.contains(head) {
                        out.push(mk(
                            i,
                            i,
                            i + 1,
                            EntityType::Organization,
                            Evidence::Shape,
                            None,
                        ));
                    }
                    i += 1;
                    continue;
                }
                if lx.not_names.contains(head) || lx.is_demonym(head) {
                    i += 1;
                    continue;
                }
                let run = sc.name_run(i, e);
                if run == i {
                    i += 1;
                    continue;
                }
                let role = sc.role_before(i, s);
                let given = is_given_name(sc.t(i)) && run > i + 1;
                let (kind, evidence) = if role.is_some() {
                    (EntityType::Person, Evidence::Title)
                } else if given {
                    (EntityType::Person, Evidence::Cue)
                } else if run == i + 1 && sc.place_cue_before(i, s) {
                    (EntityType::Location, Evidence::Cue)
                } else if run > i + 1 {
                    (EntityType::Person, Evidence::Shape)
                } else {
                    (EntityType::Person, Evidence::Weak)
                };
                let mut c = mk(i, i, run, kind, evidence, None);
                c.role = role;
                c.initial = initial;
                out.push(c);
                i = run;
                continue;
            }
            i += 1;
        }
    }
    out
}
