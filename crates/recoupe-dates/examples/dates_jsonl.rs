//! Run the date finder alone over JSON Lines articles (`id`, `text`, `published`) and
//! print a report with only `documents[].dates` and `sentences` (one sentence per line),
//! for measuring this stage without the rest of the pipeline.
//!
//! `cargo run -p recoupe-dates --example dates_jsonl -- in.jsonl > report.json`

use std::io::{BufRead, BufReader};

use recoupe_model::Sentence;
use serde_json::{json, Value};

fn lines_as_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if !trimmed.trim().is_empty() {
            out.push(Sentence {
                index: out.len(),
                text: trimmed.to_string(),
                start,
                end: start + trimmed.len(),
            });
        }
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
