//! Noun-phrase shapes over tokens: determiners, role and organisation heads, proper-name
//! runs, frame adverbials, and where a speaker's noun phrase ends.
//!
//! These are the small recognisers the attribution grammar ([`crate::frames`]) and the
//! speaker resolver ([`crate::resolver`]) share. They look at words only; they do not
//! decide who spoke.

use crate::lexicon::{lexicon, Gender};
use crate::tokens::{Token, TokenKind};

/// Determiners that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "le",
    "la",
    "les",
    "l'",
    "un",
    "une",
    "des",
    "du",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "ce",
    "cet",
    "cette",
    "ces",
    "notre",
    "nos",
    "plusieurs",
    "certains",
    "certaines",
    "quelques",
    "aucun",
    "aucune",
    "chaque",
    "d'autres",
    "deux",
    "trois",
    "quatre",
    "nombre",
    "nombreux",
    "nombreuses",
];

/// Words that end a speaker's noun phrase.
const NP_STOPS: &[&str] = &[
    "a",
    "ont",
    "avait",
    "avaient",
    "aurait",
    "auraient",
    "aura",
    "est",
    "sont",
    "était",
    "étaient",
    "sera",
    "fut",
    "s'",
    "se",
    "qui",
    "que",
    "qu'",
    "dont",
    "où",
    "lequel",
    "laquelle",
    "lesquels",
    "lesquelles",
    "dans",
    "lors",
    "devant",
    "sur",
    "sous",
    "selon",
    "pour",
    "par",
    "après",
    "avant",
    "afin",
    "mais",
    "soit",
    "car",
    "lorsque",
    "lorsqu'",
    "quand",
    "en",
    "avec",
    "depuis",
    "contre",
    "vers",
    "malgré",
    "pendant",
    "sans",
    "comme",
    "ainsi",
    "puis",
    "tout",
    "ne",
    "n'",
    "y",
    "cité",
    "citée",
    "cités",
    "citées",
    "interrogé",
    "interrogée",
    "peu",
    "dès",
    "jusqu'",
    "jusque",
    "si",
    "ou",
    "ni",
    "lui",
    "elle",
    "eux",
    "il",
    "ils",
    "elles",
    "on",
    "aussi",
    "également",
    "encore",
    "déjà",
    "toujours",
    "notamment",
    "d'après",
];

/// Prepositions and other words that open an adverbial segment ("Dans un communiqué, ...").
const ADVERBIAL_OPENERS: &[&str] = &[
    "à",
    "a",
    "au",
    "aux",
    "dans",
    "en",
    "lors",
    "selon",
    "d'après",
    "après",
    "avant",
    "pour",
    "par",
    "sur",
    "sous",
    "vers",
    "depuis",
    "devant",
    "face",
    "malgré",
    "comme",
    "outre",
    "contre",
    "chez",
    "entre",
    "pendant",
    "dès",
    "sans",
    "avec",
    "quelques",
    "tout",
    "alors",
    "ainsi",
    "enfin",
    "puis",
    "mais",
    "or",
    "donc",
    "pourtant",
    "cependant",
    "toutefois",
    "néanmoins",
    "d'ailleurs",
    "ensuite",
    "hier",
    "aujourd'hui",
    "mercredi",
    "et",
    "si",
    "quant",
    "afin",
    "loin",
    "près",
    "non",
    "plus",
    "moins",
    "là",
    "ici",
    "côté",
    "parmi",
    "jusqu'",
    "jusque",
    "sur",
    "autour",
    "auprès",
    "durant",
    "suite",
    "concernant",
    "s'agissant",
    "interrogé",
    "interrogée",
    "interrogés",
    "interrogées",
    "présent",
    "présente",
    "cité",
    "citée",
    "quelques",
    "peu",
    "dimanche",
    "lundi",
    "mardi",
    "jeudi",
    "vendredi",
    "samedi",
    "cette",
    "ce",
];

/// Lowercase particles that may stand inside a person's name ("Ban Ki-moon" needs none,
/// "Charles de Gaulle" needs "de").
const NAME_PARTICLES: &[&str] = &[
    "de", "del", "della", "da", "di", "van", "von", "der", "den", "ben", "bin", "ibn", "abu", "al",
    "el",
];

/// The first token at or after `s` (and before `e`) that is not a determiner.
pub fn skip_determiners(toks: &[Token], s: usize, e: usize) -> usize {
    let mut k = s;
    while k < e && toks.get(k).is_some_and(|t| is_determiner(&t.norm)) {
        k += 1;
    }
    k
}

pub fn is_determiner(norm: &str) -> bool {
    DETERMINERS.contains(&norm)
}

/// Gender and plurality a determiner tells.
pub fn determiner_agreement(norm: &str) -> (Gender, bool) {
    match norm {
        "le" | "un" | "ce" | "cet" | "du" | "aucun" => (Gender::Masculine, false),
        "la" | "une" | "cette" | "aucune" => (Gender::Feminine, false),
        "les" | "des" | "ses" | "leurs" | "ces" | "nos" | "plusieurs" | "quelques" | "d'autres"
        | "deux" | "trois" | "quatre" | "nombreux" => (Gender::Unknown, true),
        "certaines" | "nombreuses" => (Gender::Feminine, true),
        "certains" => (Gender::Masculine, true),
        _ => (Gender::Unknown, false),
    }
}

pub fn is_np_stop(norm: &str) -> bool {
    NP_STOPS.contains(&norm)
}

pub fn opens_adverbial(norm: &str) -> bool {
    ADVERBIAL_OPENERS.contains(&norm)
}

/// True when `toks[i..]` starts with `words`.
pub fn starts_with_words(toks: &[Token], i: usize, words: &[String]) -> bool {
    !words.is_empty()
        && i + words.len() <= toks.len()
        && words
            .iter()
            .enumerate()
            .all(|(k, w)| toks[i + k].is_word_or_apostrophe() && toks[i + k].norm == *w)
}

trait WordLike {
    fn is_word_or_apostrophe(&self) -> bool;
}

impl WordLike for Token {
    fn is_word_or_apostrophe(&self) -> bool {
        self.kind == TokenKind::Word || (self.kind == TokenKind::Punct && self.norm == "'")
    }
}

/// A role noun starting at `i`: (index into the role list, number of tokens).
pub fn role_at(toks: &[Token], i: usize) -> Option<(usize, usize)> {
    let lx = lexicon();
    let first = &toks.get(i)?.norm;
    let cands = lx.role_index.get(first)?;
    cands
        .iter()
        .find(|&&k| starts_with_words(toks, i, &lx.roles[k].words))
        .map(|&k| (k, lx.roles[k].words.len()))
}

/// An organisation or collective head starting at `i`: (index, number of tokens).
pub fn org_head_at(toks: &[Token], i: usize) -> Option<(usize, usize)> {
    let lx = lexicon();
    let first = &toks.get(i)?.norm;
    let cands = lx.org_index.get(first)?;
    cands
        .iter()
        .find(|&&k| starts_with_words(toks, i, &lx.org_heads[k].words))
        .map(|&k| (k, lx.org_heads[k].words.len()))
}

/// A frame adverbial starting at `i` ("également", "mercredi", "jeudi 9 janvier",
/// "dans un communiqué", "à l'AFP"): its length in tokens.
pub fn adverbial_at(toks: &[Token], i: usize) -> Option<usize> {
    let lx = lexicon();
    let t = toks.get(i)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    if let Some(cands) = lx.adverbial_index.get(&t.norm) {
        if let Some(&k) = cands
            .iter()
            .find(|&&k| starts_with_words(toks, i, &lx.adverbials[k]))
        {
            return Some(lx.adverbials[k].len());
        }
    }
    if lx.time_words.contains(t.norm.as_str()) {
        // "jeudi 9 janvier", "mardi soir", "samedi dernier"
        let mut n = 1;
        while let Some(u) = toks.get(i + n) {
            let more = u.kind == TokenKind::Word
                && (lx.time_words.contains(u.norm.as_str())
                    || u.norm.chars().all(|c| c.is_ascii_digit()));
            if !more {
                break;
            }
            n += 1;
        }
        return Some(n);
    }
    // "ce matin", "cette semaine", "la semaine dernière", "le 3 mars"
    if matches!(t.norm.as_str(), "ce" | "cette" | "cet") {
        if let Some(u) = toks.get(i + 1) {
            if lx.time_words.contains(u.norm.as_str())
                || matches!(
                    u.norm.as_str(),
                    "semaine" | "mois" | "année" | "week-end" | "jour"
                )
            {
                return Some(2);
            }
        }
    }
    if t.norm == "le" {
        if let Some(u) = toks.get(i + 1) {
            if u.norm.chars().all(|c| c.is_ascii_digit())
                && toks
                    .get(i + 2)
                    .is_some_and(|m| lx.time_words.contains(m.norm.as_str()))
            {
                return Some(3);
            }
        }
    }
    None
}

/// A dative after a speech verb ("à l'AFP", "aux journalistes", "à la presse"): its length.
pub fn dative_at(toks: &[Token], i: usize) -> Option<usize> {
    let t = toks.get(i)?;
    match t.norm.as_str() {
        "à" => {
            let d = toks.get(i + 1)?;
            if matches!(d.norm.as_str(), "l'" | "la") {
                let n = toks.get(i + 2)?;
                if n.kind == TokenKind::Word
                    && (n.capitalized
                        || matches!(
                            n.norm.as_str(),
                            "presse" | "agence" | "télévision" | "radio" | "chaîne"
                        ))
                {
                    return Some(3);
                }
            }
            if d.capitalized && d.kind == TokenKind::Word {
                return Some(2);
            }
            None
        }
        "aux" => {
            let n = toks.get(i + 1)?;
            if matches!(
                n.norm.as_str(),
                "journalistes" | "médias" | "députés" | "parlementaires" | "sénateurs"
            ) {
                return Some(2);
            }
            None
        }
        _ => None,
    }
}

/// True for a word that can be part of a proper name.
pub fn is_name_word(t: &Token) -> bool {
    if t.kind != TokenKind::Word {
        return false;
    }
    if t.capitalized {
        return !t.norm.chars().all(|c| c.is_ascii_digit());
    }
    // "al-Nour", "el-Sissi", "ad-Din"
    for p in ["al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-"] {
        if let Some(rest) = t.norm.strip_prefix(p) {
            return !rest.is_empty();
        }
    }
    false
}

/// The end (exclusive) of a run of name words starting at `i`, allowing particles between
/// name words. Returns `i` when `toks[i]` is not a name word.
pub fn name_run_end(toks: &[Token], i: usize, limit: usize) -> usize {
    let mut j = i;
    while j < limit && j < toks.len() {
        if j > i && toks[j].newline_before {
            break;
        }
        if is_name_word(&toks[j]) {
            j += 1;
            continue;
        }
        if NAME_PARTICLES.contains(&toks[j].norm.as_str())
            && j > i
            && j + 1 < limit
            && is_name_word(&toks[j + 1])
        {
            j += 1;
            continue;
        }
        break;
    }
    j
}

/// Where a speaker's noun phrase starting at `start` ends (exclusive), at most `limit`:
/// before a verb, a preposition that opens a new phrase, punctuation or a quotation mark.
/// Keeps "de"/"du"/"des" complements, adjectives, parentheses, "X et Y", "à Aden".
pub fn np_end(toks: &[Token], start: usize, limit: usize) -> usize {
    let lx = lexicon();
    let limit = limit.min(toks.len());
    let mut j = start;
    let mut words = 0;
    while j < limit {
        let t = &toks[j];
        if t.kind == TokenKind::Punct && t.norm == "(" {
            // a parenthesis right after a name: "(USGS)"
            if let Some(k) = (j + 1..limit.min(j + 12)).find(|&k| toks[k].norm == ")") {
                j = k + 1;
                continue;
            }
            break;
        }
        if t.kind == TokenKind::Punct && t.norm == "'" {
            j += 1;
            continue;
        }
        if t.kind != TokenKind::Word || (j > start && t.newline_before) {
            break;
        }
        if let Some(tail) = lx.np_tails.iter().find(|w| starts_with_words(toks, j, w)) {
            j += tail.len();
            continue;
        }
        let n = t.norm.as_str();
        if j > start {
            if n == "et" {
                // "X et Y": go on only when a new noun phrase follows
                let next = toks.get(j + 1);
                if next.is_some_and(|u| {
                    u.kind == TokenKind::Word
                        && (is_determiner(&u.norm)
                            || u.capitalized
                            || matches!(u.norm.as_str(), "de" | "d'"))
                }) {
                    j += 1;
                    continue;
                }
                break;
            }
            if n == "à" {
                if toks
                    .get(j + 1)
                    .is_some_and(|u| u.capitalized && u.kind == TokenKind::Word)
                {
                    j += 2;
                    continue;
                }
                break;
            }
            if n == "dans"
                && adverbial_at(toks, j).is_none()
                && !toks[start..j].iter().any(is_name_word)
                && toks
                    .get(j + 1)
                    .is_some_and(|u| matches!(u.norm.as_str(), "la" | "le" | "les" | "l'"))
            {
                // "des sources sécuritaires dans la région"
                j += 1;
                continue;
            }
            if matches!(n, "de" | "d'")
                && toks.get(j + 1).is_some_and(|u| {
                    u.kind == TokenKind::Word
                        && !u.capitalized
                        && (u.norm.ends_with("er")
                            || u.norm.ends_with("ir")
                            || u.norm == "avoir"
                            || u.norm == "être")
                })
            {
                // "accusé les forces d'avoir violé": de + infinitive ends the phrase
                break;
            }
            if is_np_stop(n) || !lx.verb_forms(n).is_empty() && !t.capitalized {
                // "Reporters sans frontières (RSF)": lowercase words inside a name with its acronym
                let named = j > start && is_name_word(&toks[j - 1]);
                let acronym_at = (j + 1..limit.min(j + 4)).find(|&k| toks[k].norm == "(");
                if let (true, Some(p)) = (named, acronym_at) {
                    let lower = (j..p).all(|k| {
                        toks[k].kind == TokenKind::Word && !toks[k].capitalized
                            || is_name_word(&toks[k])
                    });
                    if lower
                        && toks.get(p + 2).is_some_and(|t| t.norm == ")")
                        && toks.get(p + 1).is_some_and(|t| {
                            t.kind == TokenKind::Word && t.norm.len() >= 2 && t.capitalized
                        })
                    {
                        j = p;
                        continue;
                    }
                }
                break;
            }
            let ce_dernier = j == start + 1
                && matches!(toks[start].norm.as_str(), "ce" | "cette")
                && matches!(n, "dernier" | "dernière");
            if adverbial_at(toks, j).is_some() && !t.capitalized && !ce_dernier {
                break;
            }
            if n.ends_with("ant") && !t.capitalized && n.len() > 5 && !is_adjective_in_ant(n) {
                break;
            }
        }
        words += 1;
        if words > 14 {
            break;
        }
        j += 1;
    }
    // do not end on a dangling preposition or determiner
    while j > start
        && matches!(
            toks[j - 1].norm.as_str(),
            "de" | "du" | "des" | "d'" | "l'" | "la" | "le" | "les" | "et" | "à" | "'"
        )
    {
        j -= 1;
    }
    j
}

/// Adjectives in -ant that stand in speaker phrases ("un haut responsable important").
fn is_adjective_in_ant(n: &str) -> bool {
    matches!(
        n,
        "important"
            | "puissant"
            | "influent"
            | "dirigeant"
            | "représentant"
            | "commandant"
            | "manifestant"
            | "habitant"
            | "sortant"
            | "militant"
            | "intérimaire"
    ) || n.ends_with("ants")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn np(s: &str) -> String {
        let t = tokenize(s);
        let e = np_end(&t, 0, t.len());
        if e == 0 {
            return String::new();
        }
        s[t[0].start..t[e - 1].end].to_string()
    }

    #[test]
    fn noun_phrase_extent() {
        assert_eq!(
            np("le ministère letton de la Culture dans un communiqué"),
            "le ministère letton de la Culture"
        );
        assert_eq!(np("la police qui a ajouté"), "la police");
        assert_eq!(
            np("les services météorologiques (SMN) et la mairie, puis"),
            "les services météorologiques (SMN) et la mairie"
        );
        assert_eq!(
            np("un reporter de l'AFP sur place."),
            "un reporter de l'AFP sur place"
        );
        assert_eq!(
            np("une source policière à Lyon, ajoutant"),
            "une source policière à Lyon"
        );
        assert_eq!(np("le maire mercredi"), "le maire");
    }

    #[test]
    fn adverbials_and_datives() {
        let t = tokenize("jeudi 9 janvier à l'AFP pour sa part");
        assert_eq!(adverbial_at(&t, 0), Some(3));
        assert_eq!(dative_at(&t, 3), Some(3));
        assert_eq!(adverbial_at(&t, 6), Some(3));
    }

    #[test]
    fn roles_and_names() {
        let t = tokenize("le Premier ministre Jean Castelnau de Brive");
        assert_eq!(role_at(&t, 1).map(|r| r.1), Some(2));
        assert_eq!(name_run_end(&t, 3, t.len()), t.len());
        let t = tokenize("le chef rebelle al-Qassimi");
        assert_eq!(name_run_end(&t, 3, t.len()), 4);
    }
}
