//! The tense around a temporal expression: does the sentence report a past event or
//! announce a coming one?
//!
//! Cues are read from the verbs of the sentence: a compound past ("a affirmé", "se sont
//! rendus", "avait été tué"), an imperfect ("comparaissait"), a simple past plural
//! ("déclarèrent") → past; a simple future ("débuteront", "aura lieu"), a conditional
//! ("devrait"), an auxiliary of intent before an infinitive ("va signer", "doit
//! rencontrer") or a word like "prévu" → future. The cue nearest to the expression, in
//! tokens, wins. Present-tense sentences give no cue: the caller decides (news reports
//! lean to the past). The auxiliaries, skippable words and non-verbs are in
//! `data/fr/tense.tsv`; this module does no part-of-speech tagging beyond endings.

use crate::lexicon::Lexicon;
use crate::tokens::{Shape, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    Unknown,
}

/// How far after an auxiliary its participle or infinitive may be, in tokens.
const REACH: usize = 4;

fn is_participle(t: &Token) -> bool {
    if t.shape != Shape::Word {
        return false;
    }
    const ENDINGS: [&str; 25] = [
        "é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues", "û", "it", "ite",
        "its", "ert", "erte", "erts", "eint", "einte", "aint", "ort", "orte", "ait",
    ];
    let w = t.low.as_str();
    w.chars().count() >= 2 && ENDINGS.iter().any(|e| w.ends_with(e))
}

fn is_infinitive(t: &Token) -> bool {
    let w = t.low.as_str();
    t.shape == Shape::Word
        && w.chars().count() >= 4
        && ["er", "ir", "re", "oir"].iter().any(|e| w.ends_with(e))
}

/// The auxiliary in a token, without an inverted subject ("a-t-il" → "a").
fn bare(t: &Token) -> &str {
    let w = t.low.as_str();
    for suffix in [
        "-t-il", "-t-elle", "-t-on", "-t-ils", "-t-elles", "-il", "-elle", "-ils", "-elles", "-on",
        "-nous", "-vous",
    ] {
        if let Some(stem) = w.strip_suffix(suffix) {
            return stem;
        }
    }
    w
}

/// The tense cue that starts at token `k`, if any.
fn cue_at(lx: &Lexicon, toks: &[Token], k: usize) -> Option<Tense> {
    let t = &toks[k];
    if lx.future_cue(toks, k).is_some() {
        return Some(Tense::Future);
    }
    if lx.past_cue(t) {
        return Some(Tense::Past);
    }
    let aux = bare(t);
    if t.shape == Shape::Word && lx.aux_past.contains(aux) {
        // "a déclaré", "ont également été", "s'est rendu"; "est prévu" announces.
        let mut j = k + 1;
        while j < toks.len() && j <= k + REACH {
            let u = &toks[j];
            if lx.future_cue(toks, j).is_some() {
                return Some(Tense::Future);
            }
            if is_participle(u) && !lx.not_verb.contains(&u.fold) {
                return Some(Tense::Past);
            }
            if !lx.skip.contains(&u.low)
                && !lx.weekdays.contains_key(&u.fold)
                && u.shape != Shape::Punct
            {
                break;
            }
            j += 1;
        }
        // "avait", "était" alone are imperfects.
        if aux.ends_with("ait") || aux.ends_with("aient") {
            return Some(Tense::Past);
        }
        return None;
    }
    if t.shape == Shape::Word && lx.aux_future.contains(aux) {
        let mut j = k + 1;
        while j < toks.len() && j <= k + REACH {
            let u = &toks[j];
            if is_infinitive(u) {
                return Some(Tense::Future);
            }
            if !lx.skip.contains(&u.low) && u.shape != Shape::Punct {
                break;
            }
            j += 1;
        }
        return None;
    }
    ending_cue(lx, toks, k)
}

/// A tense read from a verb ending alone.
fn ending_cue(lx: &Lexicon, toks: &[Token], k: usize) -> Option<Tense> {
    let t = &toks[k];
    if t.shape != Shape::Word || t.capital || lx.not_verb.contains(&t.fold) {
        return None;
    }
    let w = bare(t);
    let len = w.chars().count();
    let prev = k.checked_sub(1).map(|p| toks[p].low.as_str()).unwrap_or("");
    if len >= 5 && (w.ends_with("rait") || w.ends_with("raient")) {
        return Some(Tense::Future);
    }
    if len >= 5 && (w.ends_with("ait") || w.ends_with("aient")) {
        return Some(Tense::Past);
    }
    if len >= 6 && w.ends_with("èrent") {
        return Some(Tense::Past);
    }
    if (len >= 4 && w.ends_with("ra")) || (len >= 5 && w.ends_with("ront")) {
        return Some(Tense::Future);
    }
    if (prev == "nous" && w.ends_with("rons")) || (prev == "vous" && w.ends_with("rez")) {
        return Some(Tense::Future);
    }
    if (prev == "je" || prev == "j'") && w.ends_with("rai") {
        return Some(Tense::Future);
    }
    None
}

/// The tense cue starting at each token of a sentence.
pub(crate) fn cues(lx: &Lexicon, toks: &[Token]) -> Vec<Option<Tense>> {
    (0..toks.len()).map(|k| cue_at(lx, toks, k)).collect()
}

/// The tense of the cue nearest to the tokens `start..end`, outside them.
pub(crate) fn nearest(cues: &[Option<Tense>], start: usize, end: usize) -> Tense {
    let mut best: Option<(usize, Tense)> = None;
    for (k, cue) in cues
        .iter()
        .enumerate()
        .filter(|&(k, _)| k < start || k >= end)
    {
        let Some(tense) = *cue else { continue };
        let distance = if k < start { start - k } else { k + 1 - end };
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, tense));
        }
    }
    best.map_or(Tense::Unknown, |(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LEXICON;
    use crate::tokens::tokenize;

    fn tense_of(sentence: &str, word: &str) -> Tense {
        let toks = tokenize(sentence);
        let i = toks
            .iter()
            .position(|t| t.fold == word)
            .expect("word in sentence");
        nearest(&cues(&LEXICON, &toks), i, i + 1)
    }

    #[test]
    fn compound_past_and_imperfect() {
        assert_eq!(
            tense_of("Le maire a inauguré mardi la nouvelle salle.", "mardi"),
            Tense::Past
        );
        assert_eq!(
            tense_of("« Tout va bien », a-t-elle assuré jeudi.", "jeudi"),
            Tense::Past
        );
        assert_eq!(
            tense_of("Les deux équipes se sont affrontées samedi.", "samedi"),
            Tense::Past
        );
        assert_eq!(
            tense_of("Le magasin fermait lundi à cause des travaux.", "lundi"),
            Tense::Past
        );
    }

    #[test]
    fn future_and_announcements() {
        assert_eq!(
            tense_of("Les travaux débuteront lundi près de la gare.", "lundi"),
            Tense::Future
        );
        assert_eq!(
            tense_of("La réunion aura lieu samedi en mairie.", "samedi"),
            Tense::Future
        );
        assert_eq!(
            tense_of("Le ministre va signer vendredi un accord.", "vendredi"),
            Tense::Future
        );
        assert_eq!(
            tense_of("Le vote est prévu mercredi.", "mercredi"),
            Tense::Future
        );
    }

    #[test]
    fn nouns_that_end_like_verbs_are_not_cues() {
        assert_eq!(
            tense_of("Des combats sur le front mardi.", "mardi"),
            Tense::Unknown
        );
        assert_eq!(
            tense_of("Un portrait du maire, jeudi.", "jeudi"),
            Tense::Unknown
        );
    }

    #[test]
    fn a_participle_in_u_circumflex_makes_a_compound_past() {
        assert_eq!(
            tense_of("Le maire a dû annuler la fête samedi.", "samedi"),
            Tense::Past
        );
    }

    #[test]
    fn nearest_verb_decides() {
        let s = "Mercredi, le club a annoncé que la finale se jouera dimanche.";
        assert_eq!(tense_of(s, "mercredi"), Tense::Past);
        assert_eq!(tense_of(s, "dimanche"), Tense::Future);
        assert_eq!(
            tense_of("Grand marché dimanche.", "dimanche"),
            Tense::Unknown
        );
    }
}
