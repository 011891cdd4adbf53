//! Re-run only the link stage on a saved report: reads a report (JSON) on standard
//! input, recomputes the story-level arrays and writes the report on standard output.
//!
//! `relink [--timeline-dates N] [--timeline-sentences K] < report.json > relinked.json`
//!
//! For tuning the link stage without re-running the per-document stages.

use recoupe_link::{link, LinkOptions};
use recoupe_model::Report;
use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut options = LinkOptions::default();
    let mut i = 1;
    while i < args.len() {
        let value = args.get(i + 1).and_then(|v| v.parse().ok());
        match args[i].as_str() {
            "--timeline-dates" => options.timeline_dates = value,
            "--timeline-sentences" => options.timeline_sentences = value,
            other => {
                eprintln!("relink: unknown argument {other}");
                std::process::exit(2);
            }
        }
        i += 2;
    }
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        eprintln!("relink: cannot read standard input: {e}");
        std::process::exit(2);
    }
    let mut report: Report = match serde_json::from_str(&input) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("relink: standard input is not a recoupe report: {e}");
            std::process::exit(2);
        }
    };
    let started = std::time::Instant::now();
    link(&mut report, &options);
    eprintln!("relink: link stage took {:.2?}", started.elapsed());
    match serde_json::to_string(&report) {
        Ok(s) => println!("{s}"),
        Err(e) => {
            eprintln!("relink: cannot write the report: {e}");
            std::process::exit(1);
        }
    }
}
