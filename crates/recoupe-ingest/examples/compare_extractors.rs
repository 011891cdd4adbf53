//! Runs each candidate main-text extractor over a folder of HTML pages and writes, per
//! candidate, a minimal report (`{"documents": [{id, text, title, published, author}]}`)
//! that `score_sets.py html` can score. Measurement only; not used by the engine.
//!
//!     cargo run -p recoupe-ingest --example compare_extractors -- DIR OUT_PREFIX

use std::path::Path;

/// One extractor: page text to a report document.
type Candidate = (&'static str, Box<dyn Fn(&str) -> serde_json::Value>);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (dir, prefix) = (Path::new(&args[1]), &args[2]);
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .expect("readable folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    let candidates: Vec<Candidate> = vec![
        ("ingest", Box::new(ingest)),
        (
            "traf",
            Box::new(|h| traf(h, trafilatura::Options::default())),
        ),
        (
            "traf_fb",
            Box::new(|h| traf(h, trafilatura::Options::default().with_fallback(true))),
        ),
        (
            "traf_recall",
            Box::new(|h| {
                traf(
                    h,
                    trafilatura::Options::default()
                        .with_fallback(true)
                        .with_focus(trafilatura::ExtractionFocus::FavorRecall),
                )
            }),
        ),
        (
            "traf_prec",
            Box::new(|h| {
                traf(
                    h,
                    trafilatura::Options::default()
                        .with_fallback(true)
                        .with_focus(trafilatura::ExtractionFocus::FavorPrecision),
                )
            }),
        ),
        (
            "smoothie",
            Box::new(|h| smoothie(h, dom_smoothie::TextMode::Formatted)),
        ),
        (
            "smoothie_raw",
            Box::new(|h| smoothie(h, dom_smoothie::TextMode::Raw)),
        ),
    ];
    for (name, f) in &candidates {
        let start = std::time::Instant::now();
        let docs: Vec<_> = pages
            .iter()
            .map(|p| {
                let bytes = std::fs::read(p).expect("readable page");
                let html = String::from_utf8_lossy(&bytes);
                let mut v = f(&html);
                v["id"] = p.file_stem().unwrap().to_string_lossy().into();
                v
            })
            .collect();
        let out = format!("{prefix}{name}.json");
        std::fs::write(
            &out,
            serde_json::to_string_pretty(&serde_json::json!({ "documents": docs })).unwrap(),
        )
        .unwrap();
        eprintln!(
            "{name}: {} pages in {:?} -> {out}",
            pages.len(),
            start.elapsed()
        );
    }
}

/// What `recoupe-ingest` itself gives (trafilatura, laid out in paragraphs), before cleaning.
fn ingest(html: &str) -> serde_json::Value {
    match recoupe_ingest::parse_bytes("page.html", html.as_bytes())
        .into_iter()
        .next()
    {
        Some(Ok(a)) => serde_json::json!({
            "text": a.body,
            "title": a.title,
            "author": a.author,
            "published": a.published,
            "outlet": a.outlet,
        }),
        Some(Err(p)) => serde_json::json!({ "text": "", "error": p.reason }),
        None => serde_json::json!({ "text": "" }),
    }
}

fn traf(html: &str, opts: trafilatura::Options) -> serde_json::Value {
    match trafilatura::extract(html, &opts) {
        Ok(r) => serde_json::json!({
            "text": r.content_text,
            "title": r.metadata.title,
            "author": r.metadata.author,
            "published": r.metadata.date.map(|d| d.to_string()),
            "outlet": r.metadata.sitename,
        }),
        Err(e) => serde_json::json!({ "text": "", "error": e.to_string() }),
    }
}

fn smoothie(html: &str, mode: dom_smoothie::TextMode) -> serde_json::Value {
    let cfg = dom_smoothie::Config {
        text_mode: mode,
        ..Default::default()
    };
    match dom_smoothie::Readability::new(html, None, Some(cfg)).and_then(|mut r| r.parse()) {
        Ok(a) => serde_json::json!({
            "text": a.text_content.to_string(),
            "title": a.title,
            "author": a.byline,
            "published": a.published_time,
            "outlet": a.site_name,
        }),
        Err(e) => serde_json::json!({ "text": "", "error": e.to_string() }),
    }
}
