//! Human-readable renderings of a finished [`Report`]. Reads only; never changes it.

use recoupe_model::Report;
use std::fmt::Write;

/// A short plain-text summary: documents, outlets, dates, sentence counts, and what
/// cleaning removed.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    let docs = &report.documents;
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let mut outlets: Vec<&str> = docs.iter().filter_map(|d| d.outlet.as_deref()).collect();
    outlets.sort_unstable();
    outlets.dedup();
    let mut dates: Vec<&str> = docs.iter().filter_map(|d| d.published.as_deref()).collect();
    dates.sort_unstable();
    let _ = writeln!(out, "recoupe story report");
    let _ = writeln!(out, "====================");
    let _ = writeln!(out, "documents  {}", docs.len());
    let _ = writeln!(out, "sentences  {sentences}");
    let _ = writeln!(
        out,
        "outlets    {}",
        if outlets.is_empty() { "(none known)".to_string() } else { outlets.join(", ") }
    );
    match (dates.first(), dates.last()) {
        (Some(a), Some(b)) if a == b => {
            let _ = writeln!(out, "published  {a}");
        }
        (Some(a), Some(b)) => {
            let _ = writeln!(out, "published  {a} .. {b}");
        }
        _ => {
            let _ = writeln!(out, "published  (unknown)");
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Documents");
    let _ = writeln!(out, "---------");
    for d in docs {
        let _ = writeln!(
            out,
            "{}  {}  {}  {}  {} sentences{}",
            d.id,
            d.published.as_deref().unwrap_or("????-??-??"),
            d.language.as_deref().unwrap_or("??"),
            d.outlet.as_deref().unwrap_or("-"),
            d.sentences.len(),
            if d.removed.is_empty() { String::new() } else { format!(", {} lines removed", d.removed.len()) },
        );
        if let Some(t) = &d.title {
            let _ = writeln!(out, "    title: {t}");
        }
    }
    let removed: Vec<_> = docs.iter().flat_map(|d| d.removed.iter().map(move |r| (d, r))).collect();
    if !removed.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Removed as boilerplate");
        let _ = writeln!(out, "----------------------");
        for (d, r) in removed {
            let _ = writeln!(out, "{}  [{}]  {}", d.id, r.reason, clip(&r.text, 70));
        }
    }
    if !report.problems.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Inputs not analysed");
        let _ = writeln!(out, "-------------------");
        for p in &report.problems {
            let _ = writeln!(out, "{p}");
        }
    }
    out
}

/// At most `n` characters of `s`, with an ellipsis when cut.
pub fn clip(s: &str, n: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
