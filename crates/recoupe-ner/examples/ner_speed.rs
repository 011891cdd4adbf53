//! Words per second of tokenization and of the whole NER on the texts of a
//! reference file: `ner_speed MODEL_DIR [REFERENCE_JSON]` (one thread).
use std::time::Instant;

/// CPU time of this process in seconds (Linux `/proc/self/schedstat`), so that
/// the figure is per core even on a busy machine; wall time elsewhere.
fn cpu_seconds(wall: Instant) -> f64 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map(|ns| ns / 1e9)
        .unwrap_or_else(|| wall.elapsed().as_secs_f64())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1) else {
        eprintln!("usage: ner_speed MODEL_DIR [REFERENCE_JSON]");
        return;
    };
    let dir = std::path::Path::new(dir);
    let t0 = Instant::now();
    let model = recoupe_ner::NerModel::load(dir).expect("model");
    eprintln!("load: {:.2}s", t0.elapsed().as_secs_f64());
    let ref_path = args
        .get(2)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.join("reference.json"));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ref_path).expect("read")).expect("json");
    let texts: Vec<String> = v["records"]
        .as_array()
        .expect("records")
        .iter()
        .filter_map(|r| r["text"].as_str().map(str::to_string))
        .collect();
    let wall = Instant::now();
    let mut words = 0;
    let c0 = cpu_seconds(wall);
    for text in &texts {
        words += model.tokenize(text).len();
    }
    let c1 = cpu_seconds(wall);
    let mut ents = 0;
    for text in &texts {
        ents += model.recognize(text).len();
    }
    let c2 = cpu_seconds(wall);
    let mut sink = 0.0f32;
    for text in &texts {
        let (_, v) = model.token_vectors(text);
        sink += v.first().copied().unwrap_or(0.0);
    }
    let c3 = cpu_seconds(wall);
    let (tok_s, all_s) = (c1 - c0, c2 - c1);
    eprintln!(
        "tokenize+encode alone: {:.0} words/s ({sink:.1})",
        words as f64 / (c3 - c2)
    );
    println!(
        "{} texts, {words} words, {ents} entities; tokenizer {:.0} words/s; NER (incl. tokenizer) {:.0} words/s (CPU time, one thread)",
        texts.len(),
        words as f64 / tok_s,
        words as f64 / all_s
    );
}
