//! Reading the casualty figures of one sentence.
//!
//! A figure is a count ([`crate::numbers`]) of people to whom something happened: the
//! counted noun names the casualty ("49 morts"), or the clause says it later ("50
//! militaires ont été tués") or before ("un conflit qui a tué 6 500 personnes"). Counts of
//! units, things, dates, years and labels are not figures; neither is a lone "un"
//! ("un soldat a été tué"), unless a qualifier makes it a count ("au moins un soldat").
//! The party is read from a demonym in the counted noun phrase ("militaires arméniens"
//! → Armenia) or from "côté arménien". Who claims the figure is not decided here.

use crate::lexicon::{phrase_at, phrase_before, CasualtyTerm, Lexicon};
use crate::numbers::{read_count, Count, Precision};
use crate::tokens::{tokenize, Token, TokenKind};
use recoupe_model::{FigureCategory, Qualifier};

/// A figure found in a sentence; offsets are bytes into the sentence text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FoundFigure {
    pub value: f64,
    pub category: FigureCategory,
    pub qualifier: Qualifier,
    pub party: Option<String>,
    /// The words the figure was read from.
    pub start: usize,
    pub end: usize,
    /// Where the count itself starts.
    pub count_start: usize,
}

/// What follows the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NounClass {
    /// The noun names the casualty: "morts", "blessés".
    Casualty,
    /// People: "soldats", "Palestiniens".
    Person,
    /// A word not in the lists.
    Unknown,
    /// No noun: "dont 284 sont décédées", "huit ont été tués".
    None,
}

const SENTENCE_STOPS: &[&str] = &[".", "!", "?", ";"];
const ABBREVIATIONS: &[&str] = &["m", "mme", "mlle", "dr", "me", "st", "ste", "p"];
const CLAUSE_BREAKS: &[&str] = &[
    "tandis", "alors", "mais", "car", "lorsque", "lorsqu'", "quand", "puisque", "où", "si",
    "pendant",
];
const PARENTHETICAL_OPENERS: &[&str] = &["dont", "selon", "d'", "parmi", "notamment", "en", "y"];
const LINKS: &[&str] = &["et", "ou"];
const DEGREE_ADVERBS: &[&str] = &[
    "grièvement",
    "légèrement",
    "gravement",
    "sérieusement",
    "mortellement",
    "portés",
];
const NOT_A_NOUN: &[&str] = &[
    "ont",
    "sont",
    "avaient",
    "étaient",
    "a",
    "est",
    "auraient",
    "seraient",
    "en",
    "y",
    "se",
    "s'",
    "ont-ils",
    "ont-elles",
    "sont-ils",
    "avait",
    "était",
    "furent",
    "ayant",
    "étant",
    "qui",
    "dans",
];
/// Words after which a casualty word is a noun, not a participle: "la mort de",
/// "avec les morts", "libérations de détenus".
const NOUN_MARKERS: &[&str] = &[
    "la", "le", "l'", "les", "sa", "son", "ses", "leur", "leurs", "une", "un", "cette", "ce",
    "ces", "des", "de", "d'", "du",
];
const BETWEEN_VERB_AND_COUNT: &[&str] = &[
    "les",
    "ses",
    "ces",
    "leurs",
    "des",
    "de",
    "d'",
    "au",
    "à",
    "aux",
    "hier",
    "aussi",
    "également",
    "encore",
    "déjà",
    "ainsi",
    "notamment",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "matin",
    "soir",
];
/// Negations: "n'ont pas été tués" is not a casualty.
const NEGATIONS: &[&str] = &["pas", "jamais", "aucun", "aucune", "nullement"];
const SUBSET_LINKS: &[&str] = &["dont", "notamment", "lesquels", "lesquelles"];

/// Whether token `k` ends a sentence inside the given sentence (segmenters miss some).
pub(crate) fn is_sentence_stop(tokens: &[Token], k: usize) -> bool {
    let t = &tokens[k];
    if t.kind != TokenKind::Punct || !SENTENCE_STOPS.contains(&t.lower.as_str()) {
        return false;
    }
    if t.lower == "." && k > 0 {
        let prev = &tokens[k - 1];
        let initial = prev.kind == TokenKind::Word && prev.lower.chars().count() == 1;
        if prev.end == t.start && (initial || ABBREVIATIONS.contains(&prev.lower.as_str())) {
            return false;
        }
    }
    true
}

/// The figures of one sentence, in reading order.
pub(crate) fn read_sentence(text: &str, lex: &Lexicon) -> Vec<FoundFigure> {
    // quotation marks do not change what a count is: "la « neutralisation » de 40 jihadistes"
    let mut tokens = tokenize(text);
    tokens.retain(|t| t.kind != TokenKind::Quote || t.lower == "(" || t.lower == ")");
    let mut out: Vec<FoundFigure> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(count) = read_count(&tokens, i, lex) else {
            i += 1;
            continue;
        };
        if let Some(f) = read_figure(&tokens, &count, &out, lex) {
            out.push(f);
        }
        i = count.end.max(i + 1);
    }
    out
}

/// The qualifier phrase right before the count, with where it starts.
fn qualifier_before(tokens: &[Token], start: usize, lex: &Lexicon) -> Option<(usize, Qualifier)> {
    let mut best: Option<(usize, Qualifier)> = None;
    for (p, q) in &lex.qualifiers_before {
        let mut candidates = vec![start];
        let ends_with_de = p.last().is_some_and(|w| w == "de" || w == "d'");
        if !ends_with_de && start > 0 && matches!(tokens[start - 1].lower.as_str(), "de" | "d'") {
            candidates.push(start - 1);
        }
        for end in candidates {
            if phrase_before(tokens, end, p) {
                let from = end - p.len();
                if best.is_none_or(|(b, _)| from < b) {
                    best = Some((from, *q));
                }
            }
        }
    }
    best
}

fn term_at<'a>(terms: &'a [CasualtyTerm], tokens: &[Token], k: usize) -> Option<&'a CasualtyTerm> {
    terms.iter().find(|t| phrase_at(tokens, k, &t.words))
}

fn term_ending_at<'a>(
    terms: &'a [CasualtyTerm],
    tokens: &[Token],
    end: usize,
) -> Option<&'a CasualtyTerm> {
    terms.iter().find(|t| phrase_before(tokens, end, &t.words))
}

/// After a casualty term at `k..k+len`: "tués ou (grièvement) blessés" mixes categories.
fn mixed_with_next(
    tokens: &[Token],
    after: usize,
    category: FigureCategory,
    lex: &Lexicon,
) -> bool {
    let mut k = after;
    while tokens
        .get(k)
        .is_some_and(|t| DEGREE_ADVERBS.contains(&t.lower.as_str()))
    {
        k += 1;
    }
    if !tokens
        .get(k)
        .is_some_and(|t| LINKS.contains(&t.lower.as_str()))
    {
        return false;
    }
    k += 1;
    for _ in 0..2 {
        let Some(t) = tokens.get(k) else { return false };
        if let Some(other) =
            term_at(&lex.after_terms, tokens, k).or_else(|| term_at(&lex.nouns_terms, tokens, k))
        {
            return other.category != category;
        }
        if !DEGREE_ADVERBS.contains(&t.lower.as_str()) {
            return false;
        }
        k += 1;
    }
    false
}

/// A casualty term later in the clause: (category, index after the term).
fn scan_forward(
    tokens: &[Token],
    from: usize,
    class: NounClass,
    lex: &Lexicon,
) -> Option<(FigureCategory, usize)> {
    let mut k = from;
    let mut seen = 0;
    while k < tokens.len() && seen < 14 {
        let t = &tokens[k];
        if t.kind == TokenKind::Quote {
            if t.lower == "(" {
                match tokens[k..].iter().position(|x| x.lower == ")") {
                    Some(p) => k += p + 1,
                    None => return None,
                }
            } else {
                k += 1;
            }
            continue;
        }
        if is_sentence_stop(tokens, k) || t.lower == ":" {
            return None;
        }
        if t.lower == "," {
            let opens = tokens
                .get(k + 1)
                .is_some_and(|n| PARENTHETICAL_OPENERS.contains(&n.lower.as_str()));
            let close = tokens[k + 1..].iter().position(|x| x.lower == ",");
            match (opens, close) {
                (true, Some(p)) => {
                    k += p + 2;
                    continue;
                }
                _ => return None,
            }
        }
        if CLAUSE_BREAKS.contains(&t.lower.as_str()) || NEGATIONS.contains(&t.lower.as_str()) {
            return None;
        }
        if t.kind == TokenKind::Number || read_count(tokens, k, lex).is_some_and(|c| !c.bare_one) {
            let linked = k > 0 && LINKS.contains(&tokens[k - 1].lower.as_str());
            if !linked {
                return None;
            }
        }
        // a determiner makes a noun of a participle ("après la mort de"); a reflexive
        // makes another verb of it ("se sont déplacés": travelled)
        let after_determiner = k > 0 && NOUN_MARKERS.contains(&tokens[k - 1].lower.as_str());
        let reflexive = tokens[k.saturating_sub(2)..k]
            .iter()
            .any(|t| t.lower == "se" || t.lower == "s'");
        if let Some(term) =
            term_at(&lex.after_terms, tokens, k).filter(|_| !after_determiner && !reflexive)
        {
            if !term.needs_person || class == NounClass::Person {
                let after = k + term.words.len();
                let category = if mixed_with_next(tokens, after, term.category, lex) {
                    FigureCategory::Other
                } else {
                    term.category
                };
                return Some((category, after));
            }
        }
        k += 1;
        seen += 1;
    }
    None
}

/// A casualty verb or noun before the count ("a tué", "la mort de"): (category, its first token).
fn scan_backward(
    tokens: &[Token],
    before: usize,
    class: NounClass,
    lex: &Lexicon,
) -> Option<(FigureCategory, usize)> {
    // only a determiner or a short adverb may stand between the verb and the count:
    // "tuant ses cinq passagers", "a arrêté hier 40 personnes"
    let mut end = before;
    for _ in 0..3 {
        if let Some(term) = term_ending_at(&lex.before_terms, tokens, end) {
            if !term.needs_person || class == NounClass::Person {
                return Some((term.category, end - term.words.len()));
            }
        }
        let t = end.checked_sub(1).and_then(|k| tokens.get(k))?;
        if !BETWEEN_VERB_AND_COUNT.contains(&t.lower.as_str()) {
            break;
        }
        end -= 1;
    }
    inserted_before(tokens, before, class, lex)
}

/// Most tokens of the incises that may stand between a casualty noun and its "de"
/// ("la mort, il y a un an, de huit personnes"), and how many incises.
const INCISE_TOKENS: usize = 10;
const INCISES: usize = 2;

/// Determiners a casualty noun phrase may open with, in the lexicon or in the text
/// ("le massacre de" is read in "du massacre, lundi, de …").
const NOUN_DETERMINERS: &[&str] = &["le", "la", "l'", "les", "du", "des", "au", "aux"];

/// A casualty noun separated from "de"/"d'" + count by one or two incises between
/// commas: "du massacre, lundi au Caire, par des soldats, d'une cinquantaine de
/// sympathisants". Only nouns ("le massacre de", not "tuer") take this frame, and an
/// incise holds no sentence punctuation.
fn inserted_before(
    tokens: &[Token],
    before: usize,
    class: NounClass,
    lex: &Lexicon,
) -> Option<(FigureCategory, usize)> {
    let de = tokens.get(before.checked_sub(1)?)?;
    if de.lower != "de" && de.lower != "d'" {
        return None;
    }
    let mut comma = before.checked_sub(2)?;
    if tokens.get(comma)?.lower != "," {
        return None;
    }
    for _ in 0..INCISES {
        // the comma that opens this incise
        let open = (comma.saturating_sub(INCISE_TOKENS)..comma)
            .rev()
            .find(|&k| tokens[k].lower == ",")
            .filter(|&open| {
                tokens[open + 1..comma]
                    .iter()
                    .all(|t| t.kind != TokenKind::Punct || t.lower == "'")
                    && open + 1 < comma
            })?;
        for term in &lex.before_terms {
            let Some((last, head)) = term.words.split_last() else {
                continue;
            };
            if last != "de" && last != "d'" {
                continue;
            }
            let head = match head.split_first() {
                Some((first, rest)) if NOUN_DETERMINERS.contains(&first.as_str()) => rest,
                _ => head,
            };
            if head.is_empty() || !phrase_before(tokens, open, head) {
                continue;
            }
            let start = open - head.len();
            let determined = start
                .checked_sub(1)
                .is_some_and(|k| NOUN_DETERMINERS.contains(&tokens[k].lower.as_str()));
            if determined && (!term.needs_person || class == NounClass::Person) {
                return Some((term.category, start - 1));
            }
        }
        comma = open;
    }
    None
}

/// A demonym among the words right after the noun ("militaires arméniens"), or "côté arménien".
fn party_after(tokens: &[Token], from: usize, lex: &Lexicon) -> Option<String> {
    for t in tokens.iter().skip(from).take(3) {
        if t.kind != TokenKind::Word || NOT_A_NOUN.contains(&t.lower.as_str()) {
            break;
        }
        if let Some(c) = lex.demonym(&t.lower) {
            return Some(c.english.clone());
        }
    }
    None
}

fn party_on_side(tokens: &[Token], from: usize, to: usize, lex: &Lexicon) -> Option<String> {
    let to = to.min(tokens.len());
    (from..to).find_map(|k| {
        (tokens[k].lower == "côté")
            .then(|| {
                tokens
                    .get(k + 1)
                    .and_then(|n| lex.demonym(&n.lower))
                    .map(|c| c.english.clone())
            })
            .flatten()
    })
}

fn read_figure(
    tokens: &[Token],
    count: &Count,
    previous: &[FoundFigure],
    lex: &Lexicon,
) -> Option<FoundFigure> {
    let first = &tokens[count.start];
    let prev_word = count.start.checked_sub(1).map(|k| tokens[k].lower.as_str());
    if prev_word.is_some_and(|w| lex.labels.contains(w)) {
        return None;
    }
    let year_like = first.plain_digits
        && (1800.0..=2100.0).contains(&count.value)
        && count.end == count.start + 1;
    if year_like && prev_word.is_some_and(|w| lex.year_words.contains(w) || lex.months.contains(w))
    {
        return None;
    }
    if count.value <= 0.0 {
        return None;
    }
    let (q_start, mut explicit) = match qualifier_before(tokens, count.start, lex) {
        Some((s, q)) => (s, Some(q)),
        None => (count.start, None),
    };
    // "entre 20 et 30 morts": the upper bound is the figure, read as "up to"
    let word_at = |k: usize| tokens.get(k).map(|t| t.lower.as_str());
    if word_at(q_start.wrapping_sub(1)) == Some("entre") && word_at(count.end) == Some("et") {
        return None;
    }
    if explicit.is_none()
        && count.start >= 3
        && word_at(count.start - 1) == Some("et")
        && word_at(count.start - 3) == Some("entre")
        && read_count(tokens, count.start - 2, lex).is_some()
    {
        explicit = Some(Qualifier::UpTo);
    }
    // "cinquante-huit des 360 enfants": a part of another count
    if tokens.get(count.end).is_some_and(|t| t.lower == "des")
        && tokens.get(count.end + 1).is_some_and(|t| {
            read_count(tokens, count.end + 1, lex).is_some() || t.kind == TokenKind::Number
        })
    {
        return None;
    }
    let mut j = count.end;
    let collective = count.precision != Precision::Exact
        || tokens
            .get(count.end - 1)
            .and_then(|t| lex.numbers.get(&t.lower))
            .is_some_and(|x| x.0 >= 1e6);
    if collective
        && tokens
            .get(j)
            .is_some_and(|t| t.lower == "de" || t.lower == "d'")
    {
        j += 1;
    }
    while let Some(t) = tokens.get(j) {
        let kinds = lex.noun(&t.lower);
        let next_is_noun = tokens.get(j + 1).is_some_and(|n| {
            n.kind == TokenKind::Word
                && (lex.noun(&n.lower).person
                    || lex.demonym(&n.lower).is_some()
                    || term_at(&lex.nouns_terms, tokens, j + 1).is_some()
                    || (!kinds.person && !NOT_A_NOUN.contains(&n.lower.as_str())))
        });
        if kinds.pre && next_is_noun {
            j += 1;
        } else {
            break;
        }
    }
    let noun = tokens.get(j);
    let noun_term = term_at(&lex.nouns_terms, tokens, j);
    let (class, noun_end) = match noun {
        Some(n) if n.kind == TokenKind::Word => {
            let kinds = lex.noun(&n.lower);
            if lex.months.contains(&n.lower) {
                return None;
            }
            if let Some(term) = noun_term {
                (NounClass::Casualty, j + term.words.len())
            } else if kinds.unit || kinds.thing {
                return None;
            } else if kinds.person || lex.demonym(&n.lower).is_some() {
                (NounClass::Person, j + 1)
            } else if NOT_A_NOUN.contains(&n.lower.as_str()) {
                (NounClass::None, j)
            } else {
                (NounClass::Unknown, j + 1)
            }
        }
        _ => (NounClass::None, j),
    };
    let mut party = noun
        .filter(|_| class == NounClass::Person)
        .and_then(|n| lex.demonym(&n.lower))
        .map(|c| c.english.clone())
        .or_else(|| party_after(tokens, noun_end, lex));

    let mut text_start = q_start;
    let mut text_end = noun_end.max(count.end);
    let category = if let Some(term) = noun_term.filter(|_| class == NounClass::Casualty) {
        if mixed_with_next(tokens, noun_end, term.category, lex) {
            FigureCategory::Other
        } else {
            term.category
        }
    } else if let Some((c, end)) = scan_forward(tokens, noun_end, class, lex) {
        text_end = end;
        c
    } else if let Some((c, start)) = scan_backward(tokens, q_start, class, lex) {
        text_start = start;
        c
    } else if q_start > 0
        && SUBSET_LINKS.contains(&tokens[q_start - 1].lower.as_str())
        && class != NounClass::Casualty
    {
        // "… ont été tuées, dont huit au Caire": the part shares the whole's category
        let whole = previous.last()?;
        party = party.or_else(|| whole.party.clone());
        whole.category
    } else {
        return None;
    };
    if count.bare_one && explicit.is_none() {
        return None;
    }
    if party.is_none() {
        party = party_on_side(tokens, noun_end, text_end + 3, lex);
    }
    if party.is_none() {
        // a restated figure: "… soit bien plus que le bilan initial de 49 morts"
        if let Some(p) = previous
            .iter()
            .rev()
            .find(|p| p.category == category && p.party.is_some())
        {
            let between = tokens
                .iter()
                .filter(|t| t.start >= p.end && t.end <= first.start);
            if between
                .clone()
                .any(|t| t.lower == "soit" || t.lower == "bilan")
            {
                party = p.party.clone();
            }
        }
    }
    let after_qualifier = lex
        .qualifiers_after
        .iter()
        .find(|(p, _)| phrase_at(tokens, text_end, p))
        .map(|(_, q)| *q);
    let qualifier = match (count.precision, explicit.or(after_qualifier)) {
        (Precision::Vague, _) => Qualifier::Vague,
        (_, Some(q)) => q,
        (Precision::About, None) => Qualifier::About,
        (Precision::Exact, None) => Qualifier::Exact,
    };
    let last = text_end.max(count.end).min(tokens.len()) - 1;
    Some(FoundFigure {
        value: count.value,
        category,
        qualifier,
        party,
        start: tokens[text_start].start,
        end: tokens[last].end,
        count_start: first.start,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;
    use FigureCategory::*;

    fn read(text: &str) -> Vec<FoundFigure> {
        read_sentence(text, lexicon())
    }

    /// (value, category, qualifier, party) of each figure.
    fn short(text: &str) -> Vec<(f64, FigureCategory, Qualifier, Option<String>)> {
        read(text)
            .into_iter()
            .map(|f| (f.value, f.category, f.qualifier, f.party))
            .collect()
    }

    fn one(text: &str) -> (f64, FigureCategory, Qualifier, Option<String>) {
        let v = short(text);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v.into_iter().next().unwrap()
    }

    fn none(text: &str) {
        assert!(read(text).is_empty(), "{text}: {:?}", read(text));
    }

    #[test]
    fn a_casualty_noun_reads_across_incises_and_elision() {
        // "de" elides before a vowel: "le massacre de" reads "le massacre d'une vingtaine"
        assert_eq!(
            one("Le massacre d'une vingtaine de villageois a révolté le pays."),
            (20.0, Killed, Qualifier::About, None)
        );
        // one or two incises between commas may stand between the noun and its "de"
        assert_eq!(
            one("Le procès porte sur la mort, il y a deux ans, de neuf ouvriers.").0,
            9.0
        );
        assert_eq!(
            one("Malgré le massacre, mardi à Lyon, par des miliciens, de trente paysans, rien ne change.")
                .1,
            Killed
        );
        // a verb is no noun: no incise after "tuer"
        none("Ils veulent tuer, dit-on, de nombreux loups.");
        // an incise ends at sentence punctuation
        none("Sa mort; puis, de 12 façons différentes, le récit change.");
    }

    #[test]
    fn number_words_and_digits() {
        assert_eq!(one("Vingt-trois gendarmes ont été blessés hier.").0, 23.0);
        assert_eq!(one("La tempête a fait quatre-vingt-dix morts.").0, 90.0);
        assert_eq!(
            one("Deux cent cinquante villageois ont été évacués.").0,
            250.0
        );
        assert_eq!(one("Le séisme a fait 6 500 morts.").0, 6500.0);
        assert_eq!(one("Le séisme a fait 6\u{202f}500 morts.").0, 6500.0);
        assert_eq!(one("Les émeutes ont fait 1.440 blessés.").0, 1440.0);
        assert_eq!(one("La guerre a fait 30.000 morts.").0, 30000.0);
        assert_eq!(
            one("La guerre a fait 1,5 million de déplacés.").0,
            1_500_000.0
        );
    }

    #[test]
    fn qualifiers() {
        assert_eq!(one("Au moins 12 marins sont morts.").2, Qualifier::AtLeast);
        assert_eq!(
            one("Plus de 300 personnes ont été arrêtées.").2,
            Qualifier::MoreThan
        );
        assert_eq!(
            one("Près de 40 pêcheurs sont portés disparus.").2,
            Qualifier::About
        );
        assert_eq!(one("Environ 70 civils ont été tués.").2, Qualifier::About);
        assert_eq!(
            one("Quelque 800 habitants ont fui leurs maisons.").2,
            Qualifier::About
        );
        assert_eq!(
            one("Jusqu'à 90 mineurs ont été blessés.").2,
            Qualifier::UpTo
        );
        assert_eq!(one("Les heurts ont fait 9 morts.").2, Qualifier::Exact);
        assert_eq!(
            one("Les heurts ont fait au moins de 9 blessés.").2,
            Qualifier::AtLeast
        );
        assert_eq!(
            one("Les heurts ont fait 9 morts environ.").2,
            Qualifier::About
        );
        assert_eq!(
            one("Une dizaine de rebelles ont été capturés.").2,
            Qualifier::About
        );
        assert_eq!(
            one("Plus d'un millier de personnes ont été interpellées.").2,
            Qualifier::MoreThan
        );
    }

    #[test]
    fn categories() {
        assert_eq!(
            one("Quinze soldats ont été tués dans l'embuscade.").1,
            Killed
        );
        assert_eq!(
            one("Quinze soldats ont été blessés dans l'embuscade.").1,
            Wounded
        );
        assert_eq!(
            one("Quinze soldats sont portés disparus depuis l'embuscade.").1,
            Missing
        );
        assert_eq!(
            one("La police a arrêté 45 manifestants samedi.").1,
            Arrested
        );
        assert_eq!(one("Les inondations ont fait 3 000 déplacés.").1, Displaced);
        assert_eq!(one("L'armée a neutralisé 12 insurgés.").1, Other);
        assert_eq!(
            one("On compte 14 soldats tués ou grièvement blessés.").1,
            Other
        );
        assert_eq!(one("Une épidémie qui a contaminé 700 personnes.").1, Other);
        assert_eq!(
            one("Un glissement de terrain qui a tué au moins 60 personnes.").1,
            Killed
        );
        assert_eq!(one("L'attentat a coûté la vie à 31 pèlerins.").1, Killed);
        assert_eq!(
            one("Sept ouvriers restent dans un état critique.").1,
            Wounded
        );
        assert_eq!(
            one("On a retrouvé une trentaine de corps sur la plage.").1,
            Killed
        );
    }

    #[test]
    fn party_from_demonym_or_side() {
        assert_eq!(
            one("Quarante militaires géorgiens ont été tués.")
                .3
                .as_deref(),
            Some("Georgia")
        );
        assert_eq!(
            one("Neuf soldats turcs ont été blessés.").3.as_deref(),
            Some("Turkey")
        );
        assert_eq!(
            one("Trois Palestiniens ont été tués lors du raid.")
                .3
                .as_deref(),
            Some("Palestine")
        );
        assert_eq!(
            one("Le raid a fait 8 morts côté syrien.").3.as_deref(),
            Some("Syria")
        );
        assert_eq!(one("Le raid a fait 8 morts.").3, None);
    }

    #[test]
    fn a_restated_toll_keeps_the_party() {
        let v = short("Au moins 70 soldats moldaves ont été tués, soit davantage que le bilan initial de 20 morts.");
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].3.as_deref(), Some("Moldova"));
    }

    #[test]
    fn vague_counts_keep_their_order_of_magnitude() {
        assert_eq!(
            one("Des dizaines de civils ont été tués."),
            (10.0, Killed, Qualifier::Vague, None)
        );
        assert_eq!(
            one("Les combats ont fait des centaines de blessés."),
            (100.0, Wounded, Qualifier::Vague, None)
        );
        assert_eq!(
            one("Des milliers de personnes ont été déplacées."),
            (1000.0, Displaced, Qualifier::Vague, None)
        );
        assert_eq!(
            one("Plusieurs dizaines de manifestants ont été interpellés.").2,
            Qualifier::Vague
        );
    }

    #[test]
    fn a_part_shares_the_whole_category() {
        let v =
            short("Au moins trente personnes ont été tuées, dont douze à Tunis, selon la police.");
        assert_eq!(
            v.iter().map(|x| (x.0, x.1)).collect::<Vec<_>>(),
            vec![(30.0, Killed), (12.0, Killed)]
        );
        let v = short("Le virus a contaminé 900 personnes, dont 17 sont décédées.");
        assert_eq!(
            v.iter().map(|x| (x.0, x.1)).collect::<Vec<_>>(),
            vec![(900.0, Other), (17.0, Killed)]
        );
    }

    #[test]
    fn coordinated_counts_share_the_verb() {
        let v = short("Cinq officiers et 29 soldats ont été arrêtés.");
        assert_eq!(
            v.iter().map(|x| (x.0, x.1)).collect::<Vec<_>>(),
            vec![(5.0, Arrested), (29.0, Arrested)]
        );
    }

    #[test]
    fn single_victims_only_with_a_qualifier() {
        none("Un policier a été tué mardi.");
        none("Il a tué un passant.");
        assert_eq!(
            one("Au moins un soldat a été tué mardi."),
            (1.0, Killed, Qualifier::AtLeast, None)
        );
    }

    #[test]
    fn not_counts_of_casualties() {
        none("En 2020, la guerre a repris.");
        none("Il est arrivé à 17h30 (13h30 GMT).");
        none("Le chômage atteint 12 % et 7 pour cent chez les jeunes.");
        none("L'aide s'élève à 50 millions d'euros.");
        none("Un homme âgé de 45 ans a été blessé.");
        none("C'est le 1er bilan de la saison.");
        none("La réunion a eu lieu le 15 novembre.");
        none("Selon l'article 12 de la loi, 40 jours de deuil sont prévus.");
        none("Voir la page 3.");
        none("Plus d'un millier de personnes se sont réunies place de la Bastille.");
        none("Des centaines de soldats ont été déployés en renfort.");
        none("Deux drones ont été abattus au-dessus de la ville.");
        none("Trois chars ont été touchés par des tirs.");
        none("Le conflit a duré 44 jours et 300 villages ont été repris.");
        none("Cinq généraux ont été démis de leurs fonctions.");
        none("Le 20 mai, deux pays ont signé l'accord.");
        none("Des dizaines de milliers de gens dans les rues après la mort du chanteur.");
        none("Cinq ministres se sont déplacés à Genève.");
        none("Deux millions vivent avec leurs morts.");
        none("Il y a eu 4 libérations de détenus.");
        none("Dix manifestants n'ont pas été blessés, contrairement aux rumeurs.");
        none("Près de 2 000 peines ne sont pas exécutées.");
        none("Ils ont arrêté le défilé [15 heures].");
        none("La police a arrêté le cortège de 300 personnes.");
    }

    #[test]
    fn a_range_gives_its_upper_bound() {
        assert_eq!(
            one("Les combats ont fait entre 20 et 30 morts."),
            (30.0, Killed, Qualifier::UpTo, None)
        );
    }

    #[test]
    fn quotation_marks_are_transparent() {
        assert_eq!(
            one("L'opération a permis la « neutralisation » de 25 combattants.").1,
            Other
        );
        assert_eq!(
            one("Une dizaine d'assaillants ont été mis \"hors de combat\".").1,
            Other
        );
    }

    #[test]
    fn the_text_holds_the_words() {
        let text = "Selon la police, au moins 17 manifestants ont été tués à Lyon.";
        let f = &read(text)[0];
        assert_eq!(
            &text[f.start..f.end],
            "au moins 17 manifestants ont été tués"
        );
        let text = "Un conflit qui a tué au moins 6 500 personnes.";
        let f = &read(text)[0];
        assert_eq!(&text[f.start..f.end], "tué au moins 6 500 personnes");
    }
}
