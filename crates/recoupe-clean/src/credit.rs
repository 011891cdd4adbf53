//! Credit lines: picture and page credits ("© Sputnik / ...", "Crédit photo : ..."),
//! agency credits ("AFP", "(Reuters)", "Avec AFP", "— Reuters", "à Paris (AFP)") and
//! source lines ("Source : AA").
//!
//! A sentence that merely names an agency ("Avec des informations supplémentaires de
//! Reuters.") is not a credit line: an agency credit is made of agency names and
//! joining words only.

use crate::lexicon::Lexicon;
use crate::line::{words_of, Word};

/// What kind of credit a line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Credit {
    /// A picture or page credit.
    Picture,
    /// Agency names only.
    Agency,
    /// "Source : NAME": the name of the outlet the text comes from.
    Source(String),
}

/// Longest name a "Source : NAME" line may carry, in words.
const MAX_SOURCE_WORDS: usize = 6;
/// Longest dateline ending with an agency in brackets ("à Le Caire (AFP)"), in words.
const MAX_DATELINE_WORDS: usize = 6;

pub(crate) fn credit_of(line: &str, lexicon: &Lexicon) -> Option<Credit> {
    let trimmed = line.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '—' | '–' | '•' | '*')
    });
    let lower = trimmed.replace('’', "'").to_lowercase();
    if lower.contains('©')
        || lexicon
            .credit_markers
            .iter()
            .any(|m| lower.starts_with(m.as_str()))
    {
        return Some(Credit::Picture);
    }
    if let Some(name) = source_name(trimmed, lexicon) {
        return Some(Credit::Source(name));
    }
    let words = words_of(trimmed);
    if !words.is_empty() && only_agencies(&words, lexicon) {
        return Some(Credit::Agency);
    }
    // A dateline that ends with the agency in brackets: "à Le Caire (AFP)".
    if words.len() <= MAX_DATELINE_WORDS && trimmed.trim_end().ends_with(')') {
        if let Some(open) = trimmed.rfind('(') {
            let inner = words_of(&trimmed[open..]);
            if !inner.is_empty() && only_agencies(&inner, lexicon) {
                return Some(Credit::Agency);
            }
        }
    }
    None
}

/// "Source : NAME" / "Sources: NAME" with a short name and no sentence after it.
fn source_name(line: &str, lexicon: &Lexicon) -> Option<String> {
    let (head, rest) = line.split_once(':')?;
    let head = head.trim().to_lowercase();
    if !lexicon.source_heads.contains(&head) {
        return None;
    }
    let name = rest.trim().trim_end_matches('.').trim();
    let words = words_of(name);
    if words.is_empty() || words.len() > MAX_SOURCE_WORDS || name.contains(['.', '!', '?']) {
        return None;
    }
    Some(name.to_string())
}

/// Every word belongs to an agency name or is a joining word, and there is at least one
/// agency.
fn only_agencies(words: &[Word], lexicon: &Lexicon) -> bool {
    let mut i = 0;
    let mut agencies = 0;
    while i < words.len() {
        if let Some(len) = lexicon
            .agencies
            .iter()
            .filter(|a| {
                words[i..]
                    .iter()
                    .map(|w| &w.lower)
                    .take(a.len())
                    .eq(a.iter())
            })
            .map(Vec::len)
            .max()
        {
            agencies += 1;
            i += len;
        } else if lexicon.credit_joiners.contains(&words[i].lower) {
            i += 1;
        } else {
            return false;
        }
    }
    agencies > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;

    fn credit(line: &str) -> Option<Credit> {
        credit_of(line, lexicon())
    }

    #[test]
    fn picture_credits() {
        assert_eq!(
            credit("© Photothèque du port / Jean Durand"),
            Some(Credit::Picture)
        );
        assert_eq!(credit("Crédit photo : Marie Dupont"), Some(Credit::Picture));
        assert_eq!(credit("Photo : archives"), Some(Credit::Picture));
    }

    #[test]
    fn agency_credits() {
        assert_eq!(credit("AFP"), Some(Credit::Agency));
        assert_eq!(credit("(Reuters)"), Some(Credit::Agency));
        assert_eq!(credit("Avec AFP"), Some(Credit::Agency));
        assert_eq!(credit("— Reuters"), Some(Credit::Agency));
        assert_eq!(credit("AFP et Reuters"), Some(Credit::Agency));
        assert_eq!(credit("à Lyon (AFP)"), Some(Credit::Agency));
    }

    #[test]
    fn source_lines_name_the_outlet() {
        assert_eq!(credit("Source : AA"), Some(Credit::Source("AA".into())));
        assert_eq!(
            credit("Sources: La Gazette du Val"),
            Some(Credit::Source("La Gazette du Val".into()))
        );
        assert_eq!(
            credit("Source : un responsable a dit que tout allait bien. Puis il est parti."),
            None
        );
    }

    #[test]
    fn sentences_naming_an_agency_are_not_credits() {
        assert_eq!(credit("Avec des compléments d'information de l'AFP."), None);
        assert_eq!(credit("L'AFP a interrogé trois témoins sur place."), None);
        assert_eq!(credit("Le maire de Lyon (LR) a démissionné"), None);
    }
}
