//! Run the date finder alone over JSON Lines articles (`id`, `text`, `published`) and
//! print a report with only `documents[].dates` and `sentences` (one sentence per line),
//! for measuring this stage without the rest of the pipeline.
//!
//! `cargo run -p recoupe-dates --example dates_jsonl -- in.jsonl > report.json`

use std::io::{BufRead, BufReader};

use recoupe_model::Sentence;
use serde_json::{json, Value};

/// Lines, each cut after ". ", "! " or "? " before a capital letter, as a rough
/// segmenter would (articles stored as one long line still get sentences).
fn lines_as_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut push = |a: usize, b: usize| {
        let piece = text[a..b].trim_end();
        if !piece.trim().is_empty() {
            out.push(Sentence {
                index: out.len(),
                text: piece.to_string(),
                start: a,
                end: a + piece.len(),
            });
        }
    };
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let mut a = start;
        let bytes = line.as_bytes();
        for (i, _) in line.match_indices(['.', '!', '?']) {
            // "temps. Il" and "temps.Il" (scraped text loses the space), not "M.Dupont"
            let rest = &line[i + 1..];
            let glued =
                !rest.starts_with(' ') && line[..i].chars().rev().take(2).all(char::is_lowercase);
            let next_capital = rest
                .strip_prefix(' ')
                .or(glued.then_some(rest))
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_uppercase);
            if next_capital && i + 1 < bytes.len() {
                push(a, start + i + 1);
                a = start + i + if glued { 1 } else { 2 };
            }
        }
        push(a, start + line.len());
        start += line.len();
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: dates_jsonl FILE.jsonl")?;
    let mut documents = Vec::new();
    for line in BufReader::new(std::fs::File::open(path)?).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let article: Value = serde_json::from_str(&line)?;
        let text = article["text"].as_str().unwrap_or_default();
        let sentences = lines_as_sentences(text);
        let published = article["published"]
            .as_str()
            .map(str::to_string)
            .or_else(|| recoupe_dates::infer_published(text, &sentences));
        let dates = recoupe_dates::find_dates(text, &sentences, published.as_deref());
        documents.push(json!({
            "id": article["id"],
            "published": published,
            "sentences": sentences,
            "dates": dates,
        }));
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&json!({ "documents": documents }))?
    );
    Ok(())
}
