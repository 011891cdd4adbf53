//! Sentence segmentation for French article bodies, with byte offsets.
//!
//! Does: split a cleaned article body into sentences. A line break always
//! ends a sentence (wire leads come one per line without final periods; a
//! line starting with "- ", "– " or "• " is its own sentence). Within a line,
//! [`enclosures`] decides which quotation marks and brackets pair up and masks
//! the others; `sentencex` then finds the sentence ends (terminators, ellipses,
//! quotes, parentheses, "?»," and "!», a-t-il dit" continuations) under our
//! French rules in [`french`]: abbreviations from `data/fr/abbreviations.txt`,
//! initials ("J.-L. Mélenchon", "O.N.U."), numbers and dates ("1.440",
//! "15.11.2021"), URLs and e-mail addresses, lowercase continuations. A
//! quotation followed by its attribution ("« … . … », a-t-il déclaré.") stays
//! one sentence; ". »" followed by a capital splits after the closing mark.
//! Within a paragraph a sentence never starts with a closing quote, bracket or
//! clause punctuation: such marks join the sentence before, and the rest
//! joins too unless it reads as a new sentence (capital, digit, opening mark).
//! Does not: tokenise words, detect quotations or speakers (recoupe-attrib
//! does), repair hard-wrapped OCR lines (each line stays a sentence), split
//! inside a quotation (a multi-sentence quotation is one sentence, up to about
//! 1500 bytes), or split a line that has no terminator.
//!
//! Why `sentencex` and not a hand-written splitter: measured on French test
//! sentences, its handling of terminators around quotes and brackets (inner
//! terminators, orphan closers, attribution after the closing mark) is what
//! we need. What it gets wrong for French out of the box is fixed around it:
//! abbreviations, initials and accented lowercase continuations through its
//! `Language` trait; line breaks by feeding it one line at a time (which also
//! bounds any quote look-ahead to the line); and its own quote pairing (a
//! stray "»" opening a »…« pair, "<" as a bracket, unbounded search for a
//! missing closer) by masking every mark we do not pair ourselves, since the
//! types of its range-collection step are not public.
//!
//! Invariants (checked by the property tests): sentences are in order, do not
//! overlap, start and end on char boundaries, `text == input[start..end]`
//! with no surrounding whitespace, and together cover every non-whitespace
//! character. Time is linear in the input (one pass per line, pairs bounded).

pub mod abbreviations;
pub mod enclosures;
pub mod french;

use recoupe_model::Sentence;
use sentencex::languages::Language;

pub use french::FrenchRules;

/// True for characters that end a line: the sentence never runs past them.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{0B}' | '\u{0C}'
    )
}

/// True for marks that close something or end a clause: a sentence never
/// starts with one.
fn is_closing_mark(c: char) -> bool {
    matches!(
        c,
        '»' | '”' | '’' | '›' | ')' | ']' | '}' | ',' | ';' | ':' | '.' | '!' | '?' | '…'
    )
}

/// Byte length of the run of closing marks (and spaces between them) that
/// starts `s`, up to the end of its last mark; 0 when `s` starts otherwise.
/// A straight quote counts as closing when nothing word-like follows it.
fn leading_closing_marks(s: &str) -> usize {
    let mut marks_end = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let closing = is_closing_mark(c)
            || (matches!(c, '"' | '\'')
                && chars.peek().is_none_or(|&(_, next)| {
                    next.is_whitespace() || is_closing_mark(next) || next == '"'
                }));
        if closing {
            marks_end = at + c.len_utf8();
        } else if !c.is_whitespace() {
            break;
        }
    }
    marks_end
}

/// True when `s` reads as the start of a new sentence rather than the rest
/// of the one before: a capital, a digit, an opening quote or bracket, a dash.
fn starts_new_sentence(s: &str) -> bool {
    s.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '«' | '“' | '"' | '(' | '[' | '-' | '–' | '—' | '•')
    })
}

/// Byte spans of the lines of `text` (without their line-break characters),
/// each with a flag telling whether a blank line came before it.
fn line_spans(text: &str) -> Vec<(usize, usize, bool)> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut after_blank = true;
    let mut push = |start: usize, end: usize, after_blank: &mut bool| {
        if text[start..end].trim().is_empty() {
            *after_blank = true;
        } else {
            lines.push((start, end, *after_blank));
            *after_blank = false;
        }
    };
    for (at, c) in text.char_indices() {
        if !is_line_break(c) {
            continue;
        }
        // "\r\n" is one line break, not a blank line between two
        if c == '\n' && text.as_bytes()[..at].ends_with(b"\r") {
            start = at + 1;
            continue;
        }
        push(start, at, &mut after_blank);
        start = at + c.len_utf8();
    }
    push(start, text.len(), &mut after_blank);
    lines
}

/// Split `text` into sentences; offsets are byte offsets into `text`.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let rules = FrenchRules;
    // (start, end) of each sentence, trimmed.
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 80 + 1);
    // index in `spans` of the first sentence of the current paragraph
    let mut paragraph_first = 0;
    for (line_start, line_end, after_blank) in line_spans(text) {
        if after_blank {
            paragraph_first = spans.len();
        }
        let line = &text[line_start..line_end];
        // the segmenter reads a copy with unpaired marks masked (same offsets)
        let masked = enclosures::masked_line(line);
        let masked_addr = masked.as_ptr() as usize;
        for masked_piece in rules.segment(&masked) {
            let piece_start = masked_piece.as_ptr() as usize - masked_addr;
            let piece_end = piece_start + masked_piece.len();
            let piece = &line[piece_start..piece_end];
            let piece_start = line_start + piece_start;
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            let mut start = piece_start + (piece.len() - piece.trim_start().len());
            let end = start + trimmed.len();
            // Closing marks at the start belong to the sentence before (within
            // the paragraph); what follows them is a new sentence only if it
            // reads as one.
            let marks = leading_closing_marks(trimmed);
            if marks > 0 && spans.len() > paragraph_first {
                let rest = trimmed[marks..].trim_start();
                if let Some(last) = spans.last_mut() {
                    if !starts_new_sentence(rest) {
                        last.1 = end;
                        continue;
                    }
                    last.1 = start + marks;
                    start = end - rest.len();
                }
            }
            spans.push((start, end));
        }
    }
    spans
        .into_iter()
        .enumerate()
        .map(|(index, (start, end))| Sentence {
            index,
            text: text[start..end].to_string(),
            start,
            end,
        })
        .collect()
}

#[cfg(test)]
mod tests;
