//! Render a report JSON file (as written by `recoupe analyze --format json`) as
//! Markdown or HTML: `cargo run -p recoupe-report --example render -- report.json html`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), format) = (args.get(1), args.get(2).map(String::as_str).unwrap_or("md"))
    else {
        eprintln!("usage: render REPORT.json [md|html]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let report: recoupe_model::Report = match serde_json::from_str(&text) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path} is not a recoupe report: {e}");
            std::process::exit(2);
        }
    };
    let out = match format {
        "html" => recoupe_report::html(&report),
        _ => recoupe_report::markdown(&report),
    };
    print!("{out}");
}
