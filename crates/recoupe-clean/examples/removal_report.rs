//! Cleans a set of articles and reports what was removed: the share of lines removed,
//! then each removed line with its reason.
//!
//! ```text
//! cargo run -p recoupe-clean --example removal_report -- FILE.jsonl|DIR [--quiet]
//! ```
//! A JSON Lines file holds one article per line (`id`, `text`, `title`, `outlet`); a
//! directory is read as its `.txt` files. This is a measuring tool, not part of the
//! pipeline.

use recoupe_clean::{clean, LineCensus};
use recoupe_model::Article;
use std::path::Path;

fn read(path: &Path) -> Vec<Article> {
    if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .expect("readable directory")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        return files
            .iter()
            .map(|p| Article {
                id: p.file_stem().unwrap_or_default().to_string_lossy().into(),
                body: std::fs::read_to_string(p).unwrap_or_default(),
                ..Article::default()
            })
            .collect();
    }
    let text = std::fs::read_to_string(path).expect("readable file");
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let field = |k: &str| v.get(k).and_then(|x| x.as_str()).map(String::from);
            Article {
                id: field("id").unwrap_or_default(),
                body: field("text").unwrap_or_default(),
                title: field("title"),
                outlet: field("outlet"),
                ..Article::default()
            }
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: removal_report FILE.jsonl|DIR [--quiet]");
        std::process::exit(2);
    };
    let quiet = args.iter().any(|a| a == "--quiet");
    // `--text ID`: print the cleaned text of that document instead of the report.
    let show = args
        .iter()
        .position(|a| a == "--text")
        .and_then(|i| args.get(i + 1));
    // `--explain ID`: print every line of that document with its score and evidence.
    let explain = args
        .iter()
        .position(|a| a == "--explain")
        .and_then(|i| args.get(i + 1));
    let articles = read(Path::new(path));
    let census = LineCensus::build(articles.iter().map(|a| a.body.as_str()));
    let (mut lines, mut removed, mut titles) = (0usize, 0usize, 0usize);
    for article in &articles {
        if let Some(id) = explain {
            if *id == article.id {
                print!("{}", recoupe_clean::explain(article, &census));
            }
            continue;
        }
        let cleaned = clean(article, &census);
        if let Some(id) = show {
            if *id == article.id {
                println!(
                    "TITLE: {:?}\nOUTLET: {:?}\n{}",
                    cleaned.title, cleaned.outlet, cleaned.text
                );
            }
            continue;
        }
        lines += article
            .body
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count();
        for r in &cleaned.removed {
            if r.reason == "title" {
                titles += 1;
            } else {
                removed += 1;
            }
            if !quiet {
                let short: String = r.text.chars().take(110).collect();
                println!("{}\t{}\t{}", article.id, r.reason, short);
            }
        }
    }
    if show.is_some() || explain.is_some() {
        return;
    }
    println!(
        "documents {}  lines {}  removed {} ({:.1}%)  titles taken from the first line {}",
        articles.len(),
        lines,
        removed,
        100.0 * removed as f32 / lines.max(1) as f32,
        titles
    );
}
