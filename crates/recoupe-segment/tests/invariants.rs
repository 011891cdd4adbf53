//! Property tests: on arbitrary text the sentence spans are well formed.

use proptest::prelude::*;
use recoupe_segment::split_sentences;

fn check_invariants(input: &str) {
    let sentences = split_sentences(input);
    let mut covered = vec![false; input.len()];
    let mut previous_end = 0;
    for (i, s) in sentences.iter().enumerate() {
        assert_eq!(s.index, i);
        assert!(s.start < s.end, "empty sentence {s:?}");
        assert!(s.start >= previous_end, "overlap or disorder at {s:?}");
        assert!(input.is_char_boundary(s.start) && input.is_char_boundary(s.end));
        assert_eq!(s.text, &input[s.start..s.end]);
        assert_eq!(s.text.trim(), s.text, "untrimmed {s:?}");
        covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
        previous_end = s.end;
    }
    for (at, c) in input.char_indices() {
        assert!(
            c.is_whitespace() || covered[at],
            "{c:?} at {at} not covered in {input:?}"
        );
    }
}

/// Number of line breaks in `gap` ("\r\n" counts once).
fn line_breaks(gap: &str) -> usize {
    gap.replace("\r\n", "\n")
        .chars()
        .filter(|c| {
            matches!(
                c,
                '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{0B}' | '\u{0C}'
            )
        })
        .count()
}

/// Within a paragraph, no sentence starts with a closing quote or bracket or
/// with clause punctuation.
fn check_no_closing_start(input: &str) {
    let sentences = split_sentences(input);
    for pair in sentences.windows(2) {
        let (previous, s) = (&pair[0], &pair[1]);
        if line_breaks(&input[previous.end..s.start]) >= 2 {
            continue;
        }
        let first = s.text.chars().next().unwrap_or(' ');
        assert!(
            !"»”’›)]},;:.!?…".contains(first),
            "sentence {:?} starts with a closing mark in {input:?}",
            s.text
        );
    }
}

/// Strings made of the characters that drive segmentation.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "M",
        "Mme",
        "J",
        "-",
        "C",
        "etc",
        "Le",
        "la",
        "é",
        "Ça",
        "日本",
        "1",
        "440",
        "er",
        "www",
        "fr",
        "@",
        ".",
        ". ",
        "...",
        "…",
        "!",
        "?",
        ",",
        ";",
        ":",
        "'",
        "’",
        "\"",
        "«",
        "»",
        "« ",
        " »",
        "“",
        "”",
        "(",
        ")",
        "[",
        "]",
        " ",
        "\u{a0}",
        "\u{202f}",
        "\n",
        "\r\n",
        "\n\n",
        "\r",
        "\u{2028}",
        "- ",
        "• ",
        "a-t-il dit",
        "http://",
        "/",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn spans_are_well_formed_on_tricky_text(input in tricky_text()) {
        check_invariants(&input);
    }

    #[test]
    fn no_sentence_starts_with_a_closing_mark(input in tricky_text()) {
        check_no_closing_start(&input);
    }

    #[test]
    fn spans_are_well_formed_on_any_string(input in any::<String>()) {
        check_invariants(&input);
    }

    #[test]
    fn spans_are_well_formed_on_punctuated_words(input in "[a-zA-Zéà«»“”\"'’().!?… \n]{0,200}") {
        check_invariants(&input);
    }
}
