//! Parity with Python spaCy on real text.
//!
//! Runs only when an exported model directory holds a `reference.json` written by
//! `scripts/ner/reference.py` (setup time, from real news text read at run time);
//! skips cleanly otherwise. Compares, per text: tokens, the hashed attributes and
//! encoder output (for the few texts dumped with `--debug`), and entity spans with
//! labels, both for spaCy's full pipeline (the parser's sentence starts fed to
//! `recognize_with_sentences`) and for the pipeline without the parser (plain
//! `recognize`). Agreement = shared spans / max(spaCy spans, Rust spans).
//!
//! Unoptimised (debug) builds check every 4th text to stay quick; release builds
//! (`cargo test --release -p recoupe-ner --test parity -- --nocapture`) check all.

use std::collections::HashSet;
use std::path::PathBuf;

use recoupe_ner::{model_roots, NerModel, MODEL_NAMES};
use serde::Deserialize;

#[derive(Deserialize)]
struct Reference {
    model: String,
    words: usize,
    #[serde(default, alias = "spacy_words_per_cpu_s")]
    spacy_words_per_s: serde_json::Value,
    records: Vec<Record>,
    #[serde(default)]
    debug: Vec<Debug>,
}

#[derive(Deserialize)]
struct Record {
    text: String,
    tokens: Vec<(usize, usize)>,
    sent_starts: Vec<usize>,
    ents: Vec<(usize, usize, String)>,
    ents_no_parser: Vec<(usize, usize, String)>,
}

#[derive(Deserialize)]
struct Debug {
    text: String,
    attrs: Vec<Vec<u64>>,
    norms: Vec<String>,
    tok2vec: Vec<Vec<f32>>,
}

fn model_dirs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for root in model_roots() {
        for name in MODEL_NAMES {
            let dir = root.join(name);
            if dir.join("manifest.json").is_file() && dir.join("reference.json").is_file() {
                out.push(dir);
            }
        }
    }
    out
}

type Span = (usize, usize, String);

fn agreement(refs: &[Vec<Span>], ours: &[Vec<Span>]) -> (usize, usize, usize) {
    let (mut shared, mut n_ref, mut n_ours) = (0, 0, 0);
    for (r, o) in refs.iter().zip(ours) {
        let rs: HashSet<&Span> = r.iter().collect();
        shared += o.iter().filter(|s| rs.contains(s)).count();
        n_ref += r.len();
        n_ours += o.len();
    }
    (shared, n_ref, n_ours)
}

#[test]
fn parity_with_spacy() {
    let dirs = model_dirs();
    if dirs.is_empty() {
        eprintln!("parity: no exported model with reference.json; skipped (run scripts/setup-ner)");
        return;
    }
    for dir in dirs {
        let model = NerModel::load(&dir).expect("load exported model");
        let text = std::fs::read_to_string(dir.join("reference.json")).expect("read reference");
        let mut reference: Reference = serde_json::from_str(&text).expect("parse reference");
        if cfg!(debug_assertions) {
            reference.records = reference.records.into_iter().step_by(4).collect();
        }
        eprintln!(
            "== {} ({} texts, {} spaCy tokens)",
            reference.model,
            reference.records.len(),
            reference.words
        );

        // Layer checks on the dumped texts.
        let mut attr_total = 0;
        let mut attr_same = 0;
        let mut max_diff = 0.0f32;
        for d in &reference.debug {
            let feats = model.features(&d.text);
            for (i, f) in feats.iter().enumerate() {
                if let (Some(a), Some(n)) = (d.attrs.get(i), d.norms.get(i)) {
                    attr_total += 1;
                    if &f.ids == a && &f.norm == n {
                        attr_same += 1;
                    } else if attr_total - attr_same <= 5 {
                        eprintln!(
                            "  attr mismatch {:?}: ours {:?}/{:?} spaCy {:?}/{:?}",
                            &d.text[f.start..f.end],
                            f.norm,
                            f.ids,
                            n,
                            a
                        );
                    }
                }
            }
            let (tokens, v) = model.token_vectors(&d.text);
            if tokens.len() == d.tok2vec.len() {
                let w = v.len() / tokens.len().max(1);
                for (i, row) in d.tok2vec.iter().enumerate() {
                    for (j, x) in row.iter().enumerate() {
                        max_diff = max_diff.max((v[i * w + j] - x).abs());
                    }
                }
            }
        }
        if attr_total > 0 {
            eprintln!("  attributes: {attr_same}/{attr_total} tokens identical; encoder max |diff| {max_diff:.2e}");
            assert_eq!(attr_same, attr_total, "hashed attributes differ");
            assert!(max_diff < 1e-3, "encoder output differs: {max_diff}");
        }

        let mut tok_texts_same = 0;
        let mut tok_ref = 0;
        let mut tok_shared = 0;
        let mut ref_full = Vec::new();
        let mut ours_full = Vec::new();
        let mut ref_np = Vec::new();
        let mut ours_np = Vec::new();
        let mut shown = 0;
        let start = std::time::Instant::now();
        for r in &reference.records {
            let toks: Vec<(usize, usize)> = model
                .tokenize(&r.text)
                .iter()
                .map(|t| (t.start, t.end))
                .collect();
            if toks == r.tokens {
                tok_texts_same += 1;
            } else if shown < 8 {
                shown += 1;
                let ours: HashSet<_> = toks.iter().collect();
                let theirs: HashSet<_> = r.tokens.iter().collect();
                let only_ref: Vec<&str> = r
                    .tokens
                    .iter()
                    .filter(|t| !ours.contains(t))
                    .map(|t| &r.text[t.0..t.1])
                    .take(6)
                    .collect();
                let only_ours: Vec<&str> = toks
                    .iter()
                    .filter(|t| !theirs.contains(t))
                    .map(|t| &r.text[t.0..t.1])
                    .take(6)
                    .collect();
                eprintln!("  tokens differ: spaCy-only {only_ref:?} ours-only {only_ours:?}");
            }
            let ours: HashSet<_> = toks.iter().collect();
            tok_ref += r.tokens.len();
            tok_shared += r.tokens.iter().filter(|t| ours.contains(t)).count();
            let label = |s: &recoupe_ner::NerSpan| (s.start, s.end, s.label.as_str().to_string());
            ours_full.push(
                model
                    .recognize_with_sentences(&r.text, &r.sent_starts)
                    .iter()
                    .map(label)
                    .collect::<Vec<_>>(),
            );
            ours_np.push(
                model
                    .recognize(&r.text)
                    .iter()
                    .map(label)
                    .collect::<Vec<_>>(),
            );
            ref_full.push(r.ents.clone());
            ref_np.push(r.ents_no_parser.clone());
        }
        let secs = start.elapsed().as_secs_f64();
        let n = reference.records.len();
        eprintln!(
            "  tokenization: {tok_texts_same}/{n} texts identical, {tok_shared}/{tok_ref} spaCy tokens reproduced ({:.4})",
            tok_shared as f64 / tok_ref.max(1) as f64
        );
        let report = |name: &str, (s, r, o): (usize, usize, usize)| {
            let agree = s as f64 / r.max(o).max(1) as f64;
            eprintln!(
                "  entities {name}: {s} identical of spaCy {r} / ours {o} -> agreement {agree:.4}"
            );
            agree
        };
        let a_full = report(
            "(full pipeline, parser sentence starts)",
            agreement(&ref_full, &ours_full),
        );
        let a_np = report("(no parser, plain recognize)", agreement(&ref_np, &ours_np));
        let mut diffs = 0;
        for (i, (r, o)) in ref_full.iter().zip(&ours_full).enumerate() {
            if r != o && diffs < 12 {
                diffs += 1;
                let t = &reference.records[i].text;
                let fmt = |v: &Vec<Span>| {
                    v.iter()
                        .map(|(a, b, l)| format!("{}:{l}", &t[*a..*b]))
                        .collect::<Vec<_>>()
                };
                let rs: HashSet<_> = r.iter().collect();
                let os: HashSet<_> = o.iter().collect();
                let ro: Vec<Span> = r.iter().filter(|s| !os.contains(s)).cloned().collect();
                let oo: Vec<Span> = o.iter().filter(|s| !rs.contains(s)).cloned().collect();
                eprintln!(
                    "  differs in text {i}: spaCy-only {:?} ours-only {:?}",
                    fmt(&ro),
                    fmt(&oo)
                );
            }
        }
        eprintln!(
            "  ({:.1}s for both passes; spaCy words/s when the reference was made: {})",
            secs, reference.spacy_words_per_s
        );
        assert!(
            a_full >= 0.99,
            "full-pipeline entity agreement {a_full:.4} < 0.99"
        );
        assert!(a_np >= 0.99, "no-parser entity agreement {a_np:.4} < 0.99");
    }
}

/// Any input, with the real rules and weights: spans stay ordered, on char
/// boundaries, and nothing panics. Skips without an exported model.
#[test]
fn arbitrary_text_never_panics() {
    let Some(dir) = recoupe_ner::default_model_dir() else {
        eprintln!("no exported model; skipped");
        return;
    };
    let model = NerModel::load(&dir).expect("load exported model");
    let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
        cases: 64,
        ..Default::default()
    });
    runner
        .run(&"\\PC{0,80}|[A-Za-zÀ-ÿ'’«»\\-\\. \\n]{0,80}", |text| {
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(7).collect();
            let mut last = 0;
            for s in model.recognize_with_sentences(&text, &starts) {
                proptest::prop_assert!(s.start >= last && s.start < s.end && s.end <= text.len());
                proptest::prop_assert!(
                    text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
                );
                last = s.end;
            }
            Ok(())
        })
        .expect("spans are well formed");
    let made_up = "Le maire de Villebrune, Anatole Pivert, a rencontré mardi la présidente de l'Union des pêcheurs du Lac Vert.";
    let spans = model.recognize(made_up);
    assert!(
        spans
            .iter()
            .any(|s| &made_up[s.start..s.end] == "Anatole Pivert"),
        "{spans:?}"
    );
}
