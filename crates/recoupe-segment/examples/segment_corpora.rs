//! Segments the French evaluation texts under ../shared/data and prints, per
//! set: documents, bytes, sentences, throughput (MB/s, one call per article),
//! the longest sentence and how many exceed 2000 characters.
//!
//! Run with `cargo run --release -p recoupe-segment --example segment_corpora`
//! (or without `--release` for a rough figure). Sets that are absent are skipped.

use std::path::PathBuf;
use std::time::Instant;

use recoupe_segment::split_sentences;
use serde_json::Value;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

fn load(name: &str) -> Option<Value> {
    let text = std::fs::read_to_string(data_dir().join(name)).ok()?;
    serde_json::from_str(&text).ok()
}

/// The string under `key` of every object in `value` that has one (not
/// looking inside such an object).
fn collect_texts(value: &Value, key: &str, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => items.iter().for_each(|item| collect_texts(item, key, out)),
        Value::Object(map) => match map.get(key) {
            // a document: its own text, not the texts of its annotations
            Some(Value::String(s)) => out.push(s.clone()),
            _ => map.values().for_each(|v| collect_texts(v, key, out)),
        },
        _ => {}
    }
}

fn survey(set: &str, texts: &[String], rounds: usize) {
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut sentences = 0;
    let mut longest = (0usize, String::new());
    let mut over_2000 = 0;
    let started = Instant::now();
    for round in 0..rounds {
        for text in texts {
            let split = split_sentences(text);
            if round == 0 {
                sentences += split.len();
                for s in &split {
                    let chars = s.text.chars().count();
                    over_2000 += usize::from(chars > 2000);
                    if chars > 1000 && std::env::var_os("SEGMENT_SHOW_LONG").is_some() {
                        println!("--- {set}: {chars} chars\n{}", s.text);
                    }
                    if chars > longest.0 {
                        longest = (chars, s.text.clone());
                    }
                }
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let megabytes = (bytes * rounds) as f64 / 1e6;
    let preview: String = longest.1.chars().take(160).collect();
    println!(
        "{set}: {} documents, {:.2} MB x {rounds}, {sentences} sentences, {:.1} MB/s, longest {} chars, {over_2000} over 2000 chars\n  longest starts: {preview:?}",
        texts.len(),
        bytes as f64 / 1e6,
        megabytes / seconds,
        longest.0,
    );
}

fn main() {
    let sets = [
        ("orangesum_dups.dev.json", "article", 3),
        ("fr_timebank.dev.json", "text", 3),
        ("hipe2022_fr.dev.json", "text", 3),
        ("ml_crisis_fr.dev.json", "text", 1),
    ];
    for (file, key, rounds) in sets {
        let Some(value) = load(file) else {
            println!("{file}: absent, skipped");
            continue;
        };
        let mut texts = Vec::new();
        collect_texts(&value, key, &mut texts);
        survey(file, &texts, rounds);
    }
}
