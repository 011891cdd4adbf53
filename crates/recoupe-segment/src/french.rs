//! French rules plugged into `sentencex`'s segmenter through its `Language`
//! trait: which periods do not end a sentence, and which following words
//! continue the current one.
//!
//! Does: abbreviations from [`AbbreviationTable`] (case-aware: "M." is a
//! title, "m." is not), capital initials and initial chains ("J.", "J.-L.",
//! "J.-C.", "U.S.A.", "l'O.N.U."), URL, domain and e-mail tokens, and
//! continuation when the next word starts with a lowercase letter (accented
//! ones included, which the library's ASCII check misses: "av. J.-C. à Rome",
//! "Il attendit... à peine").
//! Does not: quotes, parentheses and terminator detection, which stay the
//! library's; line breaks, which the caller handles before calling us.

use rustc_hash::FxHashSet;
use sentencex::languages::Language;
use std::sync::LazyLock;

use crate::abbreviations::{AbbreviationKind, AbbreviationTable};
use crate::enclosures::is_mask;

/// French segmentation rules for `sentencex`.
#[derive(Debug, Clone, Copy, Default)]
pub struct FrenchRules;

static LOWERCASE_STEMS: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| AbbreviationTable::french().lowercase_stems().collect());

/// Characters that may open a token before the word itself: quotes and brackets.
fn is_opening_mark(c: char) -> bool {
    matches!(
        c,
        '«' | '“' | '"' | '‘' | '(' | '[' | '{' | '\'' | '„' | '‹'
    )
}

/// Quote marks that may close a quotation.
fn is_closing_quote(c: char) -> bool {
    matches!(c, '»' | '”' | '"' | '’' | '\'' | '›')
}

/// The whitespace-delimited token that ends `head`, without opening marks
/// and without an elided article or pronoun ("l'O.N.U" → "O.N.U").
fn last_token(head: &str) -> &str {
    let head = head.trim_end();
    let token = head.rsplit(char::is_whitespace).next().unwrap_or(head);
    let token = token.trim_start_matches(is_opening_mark);
    // the apostrophe may have been masked (see `enclosures`)
    match token.rfind(|c: char| c == '\'' || c == '’' || is_mask(c)) {
        Some(at) => &token[at + token[at..].chars().next().map_or(1, char::len_utf8)..],
        None => token,
    }
}

/// True for single capital initials and chains of them: "J", "J.-L", "U.S.A",
/// "P.-D.G" (what precedes the final period).
fn is_initial_chain(token: &str) -> bool {
    if token.is_empty() {
        return false;
    }
    token.split('.').all(|part| {
        let part = part.strip_prefix('-').unwrap_or(part);
        let mut chars = part.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
    })
}

/// True for tokens that are web addresses, domains or e-mail addresses, in
/// which a period is never a sentence end when text follows without a space.
fn is_address_like(token: &str) -> bool {
    token.contains("://") || token.starts_with("www.") || token.contains('@')
}

/// The first word of `next`, after spaces and opening quotes.
fn first_letter_after(next: &str) -> Option<char> {
    next.trim_start()
        .trim_start_matches(|c: char| is_opening_mark(c) || c.is_whitespace())
        .chars()
        .next()
}

impl Language for FrenchRules {
    fn get_abbreviations(&self) -> &FxHashSet<String> {
        &LOWERCASE_STEMS
    }

    fn is_abbreviation_for(&self, last_word: &str, separator: &str) -> bool {
        separator == "."
            && !last_word.is_empty()
            && AbbreviationTable::french().kind(last_word).is_some()
    }

    fn is_multi_dot_abbreviation(&self, head: &str, _tail_len: usize) -> bool {
        let token = last_token(head);
        token.contains('.') && AbbreviationTable::french().kind(token).is_some()
    }

    fn continue_in_next_word(&self, text_after_boundary: &str) -> bool {
        let mut chars = text_after_boundary.chars();
        match chars.next() {
            // "1.440", "15.11.2021", "exemple.fr"
            Some(c) if c.is_lowercase() || c.is_ascii_digit() => return true,
            // ". dernier", "? à quoi bon"
            Some(c) if c.is_whitespace() => {
                let rest = text_after_boundary.trim_start();
                if rest.chars().next().is_some_and(char::is_lowercase) {
                    return true;
                }
            }
            _ => {}
        }
        // '.", a-t-il dit' / '?», a-t-il demandé'
        text_after_boundary
            .trim_start_matches(|c: char| is_closing_quote(c) || is_mask(c) || c.is_whitespace())
            .starts_with(',')
    }

    fn is_ellipsis_continuation(&self, text_after_run: &str) -> bool {
        text_after_run.starts_with(char::is_whitespace)
            && text_after_run
                .trim_start()
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
    }

    fn period_suppresses_boundary(&self, head: &str, _last_word: &str, next: &str) -> bool {
        let token = last_token(head);
        if token.is_empty() {
            return false;
        }
        // a period inside a hyphenated abbreviation: "c.-à-d.", "J.-C."
        let mut token_chars = token.chars();
        let single_letter =
            token_chars.next().is_some_and(char::is_alphabetic) && token_chars.next().is_none();
        if single_letter
            && next
                .strip_prefix('-')
                .is_some_and(|rest| rest.starts_with(char::is_alphabetic))
        {
            return true;
        }
        // the whole token ("c.-à-d"), else its last dotted part, for text
        // scraped without a space after a period ("sur place.M. Durand")
        let table = AbbreviationTable::french();
        let kind = table.kind(token).or_else(|| {
            let (_, part) = token.rsplit_once('.')?;
            table.kind(part)
        });
        match kind {
            Some(AbbreviationKind::Inner) => return true,
            Some(AbbreviationKind::MayEndSentence) => {
                return !first_letter_after(next).is_some_and(char::is_uppercase);
            }
            None => {}
        }
        if is_initial_chain(token) {
            return true;
        }
        is_address_like(token) && next.starts_with(|c: char| !c.is_whitespace())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_token_strips_marks_and_elision() {
        assert_eq!(last_token("selon l'O.N.U"), "O.N.U");
        assert_eq!(last_token("(cf"), "cf");
        assert_eq!(last_token("« M"), "M");
        assert_eq!(last_token("aujourd’hui"), "hui");
        assert_eq!(last_token(""), "");
    }

    #[test]
    fn initial_chains() {
        for ok in ["J", "J.-L", "J.-C", "U.S.A", "É", "P.-D.G"] {
            assert!(is_initial_chain(ok), "{ok}");
        }
        for no in ["", "Je", "ONU", "U.S.Aa", "j", "1", "XIV"] {
            assert!(!is_initial_chain(no), "{no}");
        }
    }
}
