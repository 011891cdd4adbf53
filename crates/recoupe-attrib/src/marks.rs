//! Pairing of quotation marks: « », “ ”, „ “, ‹ › and straight double quotes.
//!
//! Guillemets and curly quotes nest (a stack per family); a quote left open at the end
//! of a paragraph continues when the next paragraph opens with the same mark (the French
//! convention for quotes over several paragraphs), and is otherwise closed at the end of
//! its paragraph. Straight quotes cannot say which side they are on, so their side is
//! read from their neighbours ("dit : "Oui"," opens then closes; the mark in
//! `l"électricité` is neither and is ignored). This module finds spans; it does not
//! decide whether a span is a quotation or a title.

/// One paired quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset of the closing mark, or of the paragraph end when closed implicitly.
    pub close: usize,
    /// Byte range of the words inside the marks.
    pub inner: (usize, usize),
    /// False when the span was closed at a paragraph end without a mark.
    pub close_mark: bool,
    /// True when the closing mark is one of the marks (not implicit) and continuation
    /// marks of later paragraphs are inside the span.
    pub continued: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Guillemet,
    Curly,
    Low,
    Single,
}

fn family_of(c: char) -> Option<(Family, bool)> {
    // (family, is_opening)
    match c {
        '«' => Some((Family::Guillemet, true)),
        '»' => Some((Family::Guillemet, false)),
        '“' => Some((Family::Curly, true)),
        '”' => Some((Family::Curly, false)),
        '„' => Some((Family::Low, true)),
        '‹' => Some((Family::Single, true)),
        '›' => Some((Family::Single, false)),
        _ => None,
    }
}

fn opens_straight(prev: Option<char>, next: Option<char>) -> bool {
    let next_ok = next.is_some_and(|c| !c.is_whitespace() || c == '\u{a0}');
    let prev_ok = match prev {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || "([{'’:-—–/«".contains(c)
                || (".!?;,".contains(c) && next.is_some_and(|n| n.is_alphanumeric()))
        }
    };
    prev_ok && next_ok && next != Some('"')
}

fn closes_straight(prev: Option<char>, next: Option<char>) -> bool {
    let prev_ok = prev.is_some_and(|c| !c.is_whitespace());
    let next_ok = match next {
        None => true,
        Some(c) => c.is_whitespace() || ".,;:!?)]}…-—–'’»/".contains(c),
    };
    prev_ok && next_ok
}

/// Find the quotation spans of `text`, sorted by opening offset.
pub fn find_quote_spans(text: &str) -> Vec<QuoteSpan> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut spans = Vec::new();
    // Open marks: (family, offset of mark, byte after mark).
    let mut stack: Vec<(Family, usize, usize)> = Vec::new();
    let mut straight_open: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
        let next = chars.get(i + 1).map(|x| x.1);
        let after = b + c.len_utf8();
        if c == '\n' {
            // A paragraph ends: continue open quotes if the next paragraph reopens them.
            let mut j = i + 1;
            while j < chars.len() && chars[j].1.is_whitespace() {
                j += 1;
            }
            let reopen = chars
                .get(j)
                .and_then(|x| family_of(x.1))
                .filter(|(_, opening)| *opening)
                .map(|(f, _)| f);
            let continues =
                !stack.is_empty() && reopen.is_some() && stack.last().map(|s| s.0) == reopen;
            if continues {
                i = j + 1; // skip the continuation mark
                continue;
            }
            while let Some((_, open, inner_start)) = stack.pop() {
                spans.push(QuoteSpan {
                    open,
                    close: b,
                    inner: (inner_start, b),
                    close_mark: false,
                    continued: false,
                });
            }
            straight_open = None;
            i += 1;
            continue;
        }
        if c == '"' {
            let can_open = opens_straight(prev, next);
            let can_close = closes_straight(prev, next);
            match straight_open {
                Some((open, inner_start)) if can_close => {
                    spans.push(QuoteSpan {
                        open,
                        close: b,
                        inner: (inner_start, b),
                        close_mark: true,
                        continued: false,
                    });
                    straight_open = None;
                }
                _ if can_open => straight_open = Some((b, after)),
                _ => {}
            }
            i += 1;
            continue;
        }
        if let Some((fam, opening)) = family_of(c) {
            // “ closes a „ quote (German-style) and opens otherwise.
            let closes_low = c == '“' && stack.last().is_some_and(|s| s.0 == Family::Low);
            if opening && !closes_low {
                stack.push((fam, b, after));
            } else {
                let want = if closes_low { Family::Low } else { fam };
                if let Some(pos) = stack.iter().rposition(|s| s.0 == want) {
                    // Marks opened after the matching one and never closed end here too.
                    while stack.len() > pos + 1 {
                        if let Some((_, open, inner_start)) = stack.pop() {
                            spans.push(QuoteSpan {
                                open,
                                close: b,
                                inner: (inner_start, b),
                                close_mark: false,
                                continued: false,
                            });
                        }
                    }
                    if let Some((_, open, inner_start)) = stack.pop() {
                        spans.push(QuoteSpan {
                            open,
                            close: b,
                            inner: (inner_start, b),
                            close_mark: true,
                            continued: false,
                        });
                    }
                }
            }
        }
        i += 1;
    }
    let end = text.len();
    while let Some((_, open, inner_start)) = stack.pop() {
        spans.push(QuoteSpan {
            open,
            close: end,
            inner: (inner_start, end),
            close_mark: false,
            continued: false,
        });
    }
    spans.sort_by_key(|s| (s.open, std::cmp::Reverse(s.close)));
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner<'a>(text: &'a str, spans: &[QuoteSpan]) -> Vec<&'a str> {
        spans.iter().map(|s| &text[s.inner.0..s.inner.1]).collect()
    }

    #[test]
    fn guillemets_nest() {
        let t = "Il a dit : « Nous voulons une « paix juste » maintenant », puis il est parti.";
        let s = find_quote_spans(t);
        assert_eq!(
            inner(t, &s),
            [
                " Nous voulons une « paix juste » maintenant ",
                " paix juste "
            ]
        );
    }

    #[test]
    fn straight_quotes_by_neighbours() {
        let t =
            "Elle a parlé d'une \"erreur\". \"Nous partons\", a-t-elle ajouté.\"Fin\" et l\"eau.";
        let s = find_quote_spans(t);
        assert_eq!(inner(t, &s), ["erreur", "Nous partons", "Fin"]);
    }

    #[test]
    fn elided_opening_and_glued_sentences() {
        let t = "a dénoncé l'\"abandon\" du projet.\"Honte\", a-t-il écrit.";
        assert_eq!(inner(t, &find_quote_spans(t)), ["abandon", "Honte"]);
    }

    #[test]
    fn quotes_continue_over_paragraphs() {
        let t = "« Premier paragraphe.\n« Second paragraphe », a-t-il conclu.\nAutre « titre";
        let s = find_quote_spans(t);
        assert_eq!(s.len(), 2);
        assert!(t[s[0].inner.0..s[0].inner.1].contains("Second paragraphe"));
        assert!(!s[1].close_mark);
    }

    #[test]
    fn unbalanced_marks_do_not_panic() {
        for t in ["»«", "\"", "« « »", "”“„", "a \" b \" c \"", "\n«\n"] {
            let _ = find_quote_spans(t);
        }
    }
}
