//! The `recoupe` command line.

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

const EXIT_CODES: &str = "Exit codes:
  0  at least one document was analysed (problems with other inputs are reported on stderr)
  1  no document could be analysed
  2  usage error, or the metadata file or the output file cannot be used";

#[derive(Parser)]
#[command(name = "recoupe", version, about = "Cross-check news sources: who said what, when, according to whom.", after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles (files and folders of .txt, .html/.htm, .jsonl) into a story report.
    #[command(after_help = EXIT_CODES)]
    Analyze {
        /// Files or folders (searched recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// JSON Lines metadata for plain files: {"id", "title", "outlet", "published", "url", "author"}; id = file stem.
        #[arg(long)]
        meta: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Write the report to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// At most N dates in the timeline.
        #[arg(long, value_name = "N")]
        timeline_dates: Option<usize>,
        /// At most K sentences per timeline date.
        #[arg(long, value_name = "K")]
        timeline_sentences: Option<usize>,
        /// Print on stderr the time spent in each stage (summed over threads).
        #[arg(long)]
        profile: bool,
        /// Find entities by rules and gazetteers only, without the statistical NER model.
        #[arg(long)]
        no_ner: bool,
    },
    /// Serve the story in a browser (and as a JSON API) on this machine; articles and
    /// results are kept in an SQLite file, so a restart loses nothing.
    Serve {
        /// Files or folders to add to the story at start (articles already stored are skipped).
        paths: Vec<PathBuf>,
        /// JSON Lines metadata for plain files, as for analyze.
        #[arg(long)]
        meta: Option<PathBuf>,
        /// The SQLite file holding articles and results (created if absent).
        #[arg(long, default_value = "recoupe.sqlite")]
        db: PathBuf,
        /// Address to listen on; the default keeps the server private to this machine.
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Largest upload accepted, in KiB.
        #[arg(long, value_name = "KIB", default_value_t = recoupe_web::DEFAULT_MAX_UPLOAD / 1024)]
        max_upload: usize,
        /// Find entities by rules and gazetteers only, without the statistical NER model.
        #[arg(long)]
        no_ner: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Text,
    /// Markdown, every line linked to its sentence.
    Md,
    /// One self-contained HTML file (no script, no external asset), with charts.
    Html,
}

/// Draws a progress bar on stderr once a run has lasted two seconds, and only on a
/// terminal; adds up the time of each stage for `--profile`.
struct Bar(ProgressBar, Mutex<BTreeMap<recoupe::Stage, Duration>>);

impl Bar {
    /// The time per stage as a few lines of text, largest share first.
    fn profile(&self) -> String {
        let times = self.1.lock().map(|t| t.clone()).unwrap_or_default();
        let total: f64 = times.values().map(Duration::as_secs_f64).sum();
        let mut rows: Vec<_> = times.into_iter().collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.1));
        let mut out = String::from("stage      seconds   share (CPU time summed over threads)\n");
        for (stage, d) in rows {
            let s = d.as_secs_f64();
            out += &format!(
                "{:<10} {:>7.3}  {:>5.1}%\n",
                stage.name(),
                s,
                if total > 0.0 { 100.0 * s / total } else { 0.0 }
            );
        }
        out
    }

    fn new() -> Self {
        let bar = ProgressBar::hidden();
        bar.set_style(
            ProgressStyle::with_template(
                "{elapsed_precise} [{bar:40}] {pos}/{len} documents ({per_sec})",
            )
            .expect("static template")
            .progress_chars("=> "),
        );
        Bar(bar, Mutex::new(BTreeMap::new()))
    }
}

impl recoupe::Progress for Bar {
    fn start(&self, total: u64) {
        self.0.set_length(total);
        self.0.reset_elapsed();
    }
    fn advance(&self, n: u64) {
        self.0.inc(n);
        if self.0.is_hidden() && self.0.elapsed() > Duration::from_secs(2) {
            // ProgressDrawTarget::stderr() draws nothing when stderr is not a terminal.
            self.0.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
    fn record(&self, stage: recoupe::Stage, elapsed: Duration) {
        if let Ok(mut t) = self.1.lock() {
            *t.entry(stage).or_default() += elapsed;
        }
    }
}

fn main() {
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("recoupe: {e:#}");
            2
        }
    };
    std::process::exit(code);
}

fn run(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Analyze {
            paths,
            meta,
            format,
            out,
            timeline_dates,
            timeline_sentences,
            profile,
            no_ner,
        } => {
            use_ner(!no_ner);
            let options = recoupe::Options {
                link: recoupe::LinkOptions {
                    timeline_dates,
                    timeline_sentences,
                },
            };
            let bar = Bar::new();
            let report = recoupe::analyze_paths(&paths, meta.as_deref(), &options, &bar)?;
            bar.0.finish_and_clear();
            if profile {
                eprint!("{}", bar.profile());
            }
            for p in &report.problems {
                eprintln!("recoupe: {p}");
            }
            let rendered = match format {
                Format::Json => serde_json::to_string_pretty(&report)? + "\n",
                Format::Text => recoupe::render::text(&report),
                Format::Md => recoupe_report::markdown(&report),
                Format::Html => recoupe_report::html(&report),
            };
            match out {
                Some(path) => std::fs::write(&path, rendered)
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => {
                    let mut stdout = std::io::stdout().lock();
                    if let Err(e) = stdout
                        .write_all(rendered.as_bytes())
                        .and_then(|_| stdout.flush())
                    {
                        if e.kind() != std::io::ErrorKind::BrokenPipe {
                            return Err(e).context("cannot write the report to standard output");
                        }
                    }
                }
            }
            Ok(if report.documents.is_empty() { 1 } else { 0 })
        }
        Command::Serve {
            paths,
            meta,
            db,
            host,
            port,
            max_upload,
            no_ner,
        } => {
            use_ner(!no_ner);
            recoupe_web::serve(recoupe_web::ServeConfig {
                paths,
                meta,
                db,
                host,
                port,
                max_upload: max_upload.saturating_mul(1024),
                options: recoupe::Options::default(),
            })?;
            Ok(0)
        }
    }
}

/// Loads the statistical NER model installed by `scripts/setup-ner` for every later
/// analysis, or leaves entities to rules and gazetteers (when `wanted` is false, or with
/// a one-line notice when the model is absent or unreadable).
fn use_ner(wanted: bool) {
    let ner = if wanted {
        match recoupe::load_default_ner() {
            Ok(Some(model)) => Some(model),
            Ok(None) => {
                eprintln!("recoupe: no statistical NER model found (run scripts/setup-ner); entities from rules only");
                None
            }
            Err(e) => {
                eprintln!("recoupe: cannot load the statistical NER model ({e}); entities from rules only");
                None
            }
        }
    } else {
        None
    };
    recoupe::set_ner_model(ner);
}
