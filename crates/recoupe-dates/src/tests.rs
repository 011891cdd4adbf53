//! Phenomenon by phenomenon, on made-up sentences.

use super::*;

fn one_line(text: &str) -> Vec<Sentence> {
    vec![Sentence {
        index: 0,
        text: text.to_string(),
        start: 0,
        end: text.len(),
    }]
}

/// (text, value) of every mention.
fn dates(text: &str, published: Option<&str>) -> Vec<(String, Option<String>)> {
    find_dates(text, &one_line(text), published)
        .into_iter()
        .map(|d| (d.text, d.value))
        .collect()
}

fn value_of(text: &str, published: &str, expr: &str) -> Option<String> {
    let all = dates(text, Some(published));
    all.iter()
        .find(|(t, _)| t == expr)
        .unwrap_or_else(|| panic!("{expr:?} not found in {all:?}"))
        .1
        .clone()
}

#[test]
fn smoke() {
    assert_eq!(
        value_of("Le maire a parlé mercredi.", "2022-08-04", "mercredi").as_deref(),
        Some("2022-08-03")
    );
}
