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
    fn spans_are_well_formed_on_any_string(input in any::<String>()) {
        check_invariants(&input);
    }

    #[test]
    fn spans_are_well_formed_on_punctuated_words(input in "[a-zA-Zéà«»“”\"'’().!?… \n]{0,200}") {
        check_invariants(&input);
    }
}
