//! Quotations and brackets inside one line: decide which marks pair up, and
//! mask every other mark so that the segmenter only sees clean pairs.
//!
//! `sentencex` pairs quotes by itself, in ways that hurt French text: a stray
//! "»" opens a German-style »…« pair up to the next "«", "<" and "{" count as
//! brackets, and an unclosed opener is searched for to the end of the text.
//! Its range-collection types are not public, so instead of replacing that
//! step we hand it a copy of the line in which every mark we do not accept
//! is replaced by a neutral symbol of the same byte length (offsets stay
//! valid).
//!
//! Does: one left-to-right pass with a stack over « », “ ”, ‹ ›, straight
//! `"`, ( ) and [ ]; a closer closes the nearest matching opener (openers left
//! open inside it are dropped); a closer with no opener pairs with nothing. A
//! straight quote shaped like a closer (after a word, before a space or
//! punctuation) only closes. Pairs longer than a few hundred words are
//! refused (a mispaired mark must not swallow the line). Only the two marks
//! of each outermost accepted pair are kept; inner marks, unpaired marks,
//! and marks French text does not use as brackets or quotes (< > { } ‘ ` „
//! and every ASCII apostrophe) are masked.
//! Does not: pair marks across lines (the caller passes one line), or decide
//! where sentences end.

use std::borrow::Cow;

/// Longest quotation kept as one pair, in bytes (about 250 words).
const MAX_QUOTE_BYTES: usize = 1500;
/// Longest parenthesis or bracket kept as one pair, in bytes.
const MAX_BRACKET_BYTES: usize = 600;

/// The neutral symbols that replace masked marks, by UTF-8 length.
const MASK_1: char = '#';
const MASK_2: char = '¤';
const MASK_3: char = '†';

/// True for the symbols [`masked_line`] writes in place of a mark.
pub fn is_mask(c: char) -> bool {
    matches!(c, MASK_1 | MASK_2 | MASK_3)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Guillemet,
    Curly,
    Angle,
    Straight,
    Paren,
    Bracket,
}

impl Mark {
    fn max_bytes(self) -> usize {
        match self {
            Mark::Paren | Mark::Bracket => MAX_BRACKET_BYTES,
            _ => MAX_QUOTE_BYTES,
        }
    }
}

/// What a character is to the pairing pass.
enum Role {
    Opens(Mark),
    Closes(Mark),
    Straight,
    /// Never a pairing mark in French text: always masked.
    Foreign,
    Other,
}

fn role(c: char) -> Role {
    match c {
        '«' => Role::Opens(Mark::Guillemet),
        '“' => Role::Opens(Mark::Curly),
        '‹' => Role::Opens(Mark::Angle),
        '(' => Role::Opens(Mark::Paren),
        '[' => Role::Opens(Mark::Bracket),
        '»' => Role::Closes(Mark::Guillemet),
        '”' => Role::Closes(Mark::Curly),
        '›' => Role::Closes(Mark::Angle),
        ')' => Role::Closes(Mark::Paren),
        ']' => Role::Closes(Mark::Bracket),
        '"' => Role::Straight,
        '<' | '>' | '{' | '}' | '‘' | '`' | '„' | '‚' | '‛' | '‟' | '（' | '）' | '《' | '》'
        | '「' | '」' => Role::Foreign,
        // French writes no single-quote pairs: an apostrophe is an elision
        // ("l'ONU") or noise, never something that spans a sentence end
        '\'' => Role::Foreign,
        _ => Role::Other,
    }
}

/// True when a straight quote between `before` and `after` can only close:
/// it follows a word and precedes a space, punctuation or the line end.
fn straight_quote_is_closer_shaped(before: Option<char>, after: Option<char>) -> bool {
    let after_word = before.is_some_and(|c| !c.is_whitespace());
    let before_gap = after.is_none_or(|c| {
        c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '»')
    });
    after_word && before_gap
}

/// Byte spans `(start, end)` of the outermost accepted pairs of `line`,
/// sorted and non-overlapping.
pub fn outer_pairs(line: &str) -> Vec<(usize, usize)> {
    let mut stack: Vec<(Mark, usize)> = Vec::new();
    let mut closed: Vec<(usize, usize)> = Vec::new();
    let mut close = |stack: &mut Vec<(Mark, usize)>, mark: Mark, end: usize| {
        if let Some(depth) = stack.iter().rposition(|&(open, _)| open == mark) {
            let (_, start) = stack[depth];
            stack.truncate(depth);
            if end - start <= mark.max_bytes() {
                closed.push((start, end));
            }
        }
    };
    let mut before: Option<char> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let end = at + c.len_utf8();
        match role(c) {
            Role::Opens(mark) => stack.push((mark, at)),
            Role::Closes(mark) => close(&mut stack, mark, end),
            Role::Straight => {
                if stack.iter().any(|&(mark, _)| mark == Mark::Straight) {
                    close(&mut stack, Mark::Straight, end);
                } else if !straight_quote_is_closer_shaped(before, chars.peek().map(|&(_, c)| c)) {
                    stack.push((Mark::Straight, at));
                }
            }
            Role::Foreign | Role::Other => {}
        }
        before = Some(c);
    }
    // Outermost first: sorted by start, longest first on ties.
    closed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut outer = Vec::with_capacity(closed.len());
    let mut reach = 0;
    for (start, end) in closed {
        if start >= reach {
            outer.push((start, end));
            reach = end;
        }
    }
    outer
}

fn mask_for(c: char) -> char {
    match c.len_utf8() {
        1 => MASK_1,
        2 => MASK_2,
        _ => MASK_3,
    }
}

/// `line` with every mark masked except the two ends of each outermost
/// accepted pair; borrowed unchanged when nothing needs masking. The result
/// has the same length and char boundaries as `line`.
pub fn masked_line(line: &str) -> Cow<'_, str> {
    let has_marks = line.chars().any(|c| !matches!(role(c), Role::Other));
    if !has_marks {
        return Cow::Borrowed(line);
    }
    // char positions of the kept marks: each pair's opener and closer
    let kept: Vec<usize> = outer_pairs(line)
        .into_iter()
        .flat_map(|(start, end)| {
            let closer = line[..end].chars().next_back().map_or(1, char::len_utf8);
            [start, end - closer]
        })
        .collect();
    let mut next_kept = 0;
    let mut out = String::with_capacity(line.len());
    for (at, c) in line.char_indices() {
        while kept.get(next_kept).is_some_and(|&k| k < at) {
            next_kept += 1;
        }
        let keep = match role(c) {
            Role::Other => true,
            Role::Foreign => false,
            Role::Opens(_) | Role::Closes(_) | Role::Straight => kept.get(next_kept) == Some(&at),
        };
        out.push(if keep { c } else { mask_for(c) });
    }
    debug_assert_eq!(out.len(), line.len());
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(line: &str) -> Vec<&str> {
        outer_pairs(line)
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect()
    }

    #[test]
    fn pairs_guillemets_and_keeps_outermost() {
        assert_eq!(pairs("a « b “c” d » e"), ["« b “c” d »"]);
        assert_eq!(pairs("« un » et « deux »"), ["« un »", "« deux »"]);
        assert_eq!(pairs("« a « b » c »"), ["« a « b » c »"]);
    }

    #[test]
    fn stray_closer_never_pairs_with_a_later_opener() {
        assert!(pairs("fin » milieu. Début « suite").is_empty());
    }

    #[test]
    fn unclosed_outer_keeps_closed_inner() {
        assert_eq!(pairs("« a (b. c) d"), ["(b. c)"]);
    }

    #[test]
    fn straight_quotes_by_shape() {
        assert_eq!(pairs("pas\", dit-il. Puis \"tardive\" et"), ["\"tardive\""]);
        assert_eq!(pairs("il a dit \"non. jamais\", puis"), ["\"non. jamais\""]);
    }

    #[test]
    fn overlong_pairs_are_refused() {
        let long = format!("« {} »", "mot. ".repeat(400));
        assert!(pairs(&long).is_empty());
    }

    #[test]
    fn masking_keeps_length_and_outer_marks_only() {
        let line = "fin » puis « a “b” c » et <x> l'eau 'cité'";
        let masked = masked_line(line);
        assert_eq!(masked.len(), line.len());
        assert_eq!(masked, "fin ¤ puis « a †b† c » et #x# l#eau #cité#");
        assert!(matches!(
            masked_line("Rien à masquer ici."),
            Cow::Borrowed(_)
        ));
    }
}
