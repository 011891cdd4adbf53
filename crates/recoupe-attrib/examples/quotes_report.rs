//! Development harness: run quote finding alone over `.txt` files or a JSON Lines file
//! and print a minimal report (`documents[].quotes`) that `eval/score.py` can read.
//! Sentences are one per line here; the real pipeline uses recoupe-segment.
//!
//! `cargo run -p recoupe-attrib --example quotes_report -- PATH...`

use recoupe_model::Sentence;
use std::time::Instant;

fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if !t.is_empty() {
            let start = pos + (line.len() - line.trim_start().len());
            out.push(Sentence {
                index: out.len(),
                text: t.to_string(),
                start,
                end: start + t.len(),
            });
        }
        pos += line.len();
    }
    out
}

fn main() {
    let mut docs: Vec<(String, String)> = Vec::new();
    for arg in std::env::args().skip(1) {
        let p = std::path::Path::new(&arg);
        if p.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(p)
                .unwrap()
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .collect();
            files.sort();
            for f in files {
                if f.extension().is_some_and(|e| e == "txt") {
                    let id = f.file_stem().unwrap().to_string_lossy().to_string();
                    docs.push((id, std::fs::read_to_string(&f).unwrap_or_default()));
                }
            }
        } else if arg.ends_with(".jsonl") {
            for line in std::fs::read_to_string(p).unwrap_or_default().lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                    let id = v["id"].as_str().unwrap_or("").to_string();
                    let text = v["text"].as_str().unwrap_or("").to_string();
                    docs.push((id, text));
                }
            }
        }
    }
    let t0 = Instant::now();
    let mut n = 0;
    let mut out = Vec::new();
    for (id, text) in &docs {
        let q = recoupe_attrib::find_quotes(text, &sentences(text));
        n += q.len();
        out.push(serde_json::json!({"id": id, "text": text, "quotes": q}));
    }
    let dt = t0.elapsed().as_secs_f64();
    eprintln!(
        "{} documents, {} quotes, {:.3} s, {:.0} quotes/s, {:.0} docs/s",
        docs.len(),
        n,
        dt,
        n as f64 / dt,
        docs.len() as f64 / dt
    );
    println!(
        "{}",
        serde_json::to_string_pretty(&serde_json::json!({"documents": out})).unwrap()
    );
}
