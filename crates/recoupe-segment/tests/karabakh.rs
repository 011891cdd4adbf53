//! Segmentation of the real Karabakh corpus, read from ../shared at run time
//! (skipped when the corpus is absent).

use std::fs;
use std::path::PathBuf;

use recoupe_segment::split_sentences;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/karabakh")
}

/// The text of the corpus file whose name starts with `prefix`, if present.
fn read_document(prefix: &str) -> Option<String> {
    let entries = fs::read_dir(corpus_dir()).ok()?;
    let path = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with(prefix) && name.ends_with(".txt"))
        })?;
    fs::read_to_string(path).ok()
}

fn assert_every_line_is_one_sentence(prefix: &str) {
    let Some(text) = read_document(prefix) else {
        eprintln!(
            "skipped: corpus file {prefix}_* not found under {:?}",
            corpus_dir()
        );
        return;
    };
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    let sentences = split_sentences(&text);
    let got: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(got, lines, "document {prefix}");
}

#[test]
fn wire_leads_000_are_one_sentence_per_line() {
    assert_every_line_is_one_sentence("000");
}

#[test]
fn wire_leads_001_are_one_sentence_per_line() {
    assert_every_line_is_one_sentence("001");
}

#[test]
fn two_attributed_quotes_in_002_give_two_sentences() {
    let Some(text) = read_document("002") else {
        eprintln!(
            "skipped: corpus file 002_* not found under {:?}",
            corpus_dir()
        );
        return;
    };
    // The paragraph holding both quotes, found by its content.
    let mut offset = 0;
    let mut paragraph = None;
    for line in text.split_inclusive('\n') {
        if line.contains("Nous surveillons") && line.contains("a-t-il ajouté") {
            paragraph = Some((offset, offset + line.trim_end().len()));
        }
        offset += line.len();
    }
    let (start, end) = paragraph.expect("002 holds the paragraph with the two quotes");
    let sentences = split_sentences(&text);
    let inside: Vec<&str> = sentences
        .iter()
        .filter(|s| s.start < end && s.end > start)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(inside.len(), 2, "{inside:#?}");
    assert!(inside[0].starts_with('«') && inside[0].contains("Nous surveillons"));
    assert!(inside[0].ends_with("a-t-il déclaré jeudi."));
    assert!(inside[1].starts_with("« Nous demandons"));
    assert!(inside[1].ends_with("a-t-il ajouté."));
}
