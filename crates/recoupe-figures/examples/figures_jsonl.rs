//! Print the figures found in a JSON Lines file of articles (`{"id", "text"}` per line),
//! one line per figure, for eyeballing precision: `cargo run -p recoupe-figures --example
//! figures_jsonl -- FILE.jsonl`. Sentences are the text's lines (no segmenter here).

use recoupe_model::Sentence;
use std::io::BufRead;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: figures_jsonl FILE.jsonl");
        std::process::exit(2);
    };
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("cannot open {path}: {e}");
            std::process::exit(2);
        }
    };
    for line in std::io::BufReader::new(file).lines().map_while(Result::ok) {
        let Ok(row) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let id = row["id"].as_str().unwrap_or("?");
        let text = row["text"].as_str().unwrap_or("");
        let mut sentences = Vec::new();
        let mut pos = 0;
        for l in text.split_inclusive('\n') {
            let t = l.trim();
            if !t.is_empty() {
                let start = pos + (l.len() - l.trim_start().len());
                sentences.push(Sentence {
                    index: sentences.len(),
                    text: t.to_string(),
                    start,
                    end: start + t.len(),
                });
            }
            pos += l.len();
        }
        for f in recoupe_figures::find_figures(text, &sentences, &[]) {
            let claim = f.claimed_by.map(|c| c.name).unwrap_or_default();
            let party = f.party.unwrap_or_default();
            println!(
                "{id}\t{}\t{:?}\t{:?}\t{party}\t{claim}\t{}",
                f.value, f.category, f.qualifier, f.text
            );
        }
    }
}
