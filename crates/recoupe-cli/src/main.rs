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

const SUBMIT_EXIT_CODES: &str = "Exit codes:
  0  every article read is in the stream (problems with other inputs travel as problem messages)
  1  no article could be read
  2  usage error, or the metadata file or the stream cannot be used";

const INGEST_EXIT_CODES: &str = "Exit codes:
  0  every article read is in the store (problems with other inputs are reported on stderr)
  1  no article could be read
  2  usage error, or the metadata file or the store cannot be used";

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
        #[command(flatten)]
        output: Output,
        /// Print on stderr the time spent in each stage (summed over threads).
        #[arg(long)]
        profile: bool,
        /// Find entities by rules and gazetteers only, without the statistical NER model.
        #[arg(long)]
        no_ner: bool,
    },
    /// Take articles into the embedded store as a stream (files, folders, JSON Lines,
    /// or `-` for JSON Lines on standard input): each new article is analysed once and
    /// committed batch by batch, then every story it joined is linked again. Killed at
    /// any point, run it again: nothing committed is lost or counted twice.
    #[command(after_help = INGEST_EXIT_CODES)]
    Ingest {
        /// Files or folders (searched recursively); `-` reads JSON Lines from standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// JSON Lines metadata for plain files, as for analyze.
        #[arg(long)]
        meta: Option<PathBuf>,
        /// The SQLite file of the store (created if absent).
        #[arg(long, default_value = "recoupe.sqlite")]
        db: PathBuf,
        /// Articles per transaction (and per parallel analysis).
        #[arg(long, value_name = "N", default_value_t = recoupe::ingest::BATCH as u64, value_parser = clap::value_parser!(u64).range(1..))]
        batch: u64,
        /// Print on stderr the time spent in each stage (summed over threads).
        #[arg(long)]
        profile: bool,
        /// Find entities by rules and gazetteers only, without the statistical NER model.
        #[arg(long)]
        no_ner: bool,
    },
    /// Publish articles to a NATS JetStream stream (work-queue retention), one message
    /// per article with its content hash as message id, for `recoupe worker`s to analyse.
    #[command(after_help = SUBMIT_EXIT_CODES)]
    Submit {
        /// Files or folders (searched recursively); `-` reads JSON Lines from standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// JSON Lines metadata for plain files, as for analyze.
        #[arg(long)]
        meta: Option<PathBuf>,
        #[command(flatten)]
        nats: Nats,
    },
    /// Analyse the articles of a JetStream stream into the shared PostgreSQL store: a
    /// durable pull consumer shared by any number of workers; each batch is committed in
    /// one transaction, then acknowledged; one worker at a time links the stories.
    /// SIGTERM finishes the batch in hand, acknowledges it and exits.
    Worker {
        #[command(flatten)]
        nats: Nats,
        /// The shared store: postgres://user@host/database.
        #[arg(long)]
        db: String,
        /// The schema of the store in that database (created if absent).
        #[arg(long, default_value = "recoupe")]
        schema: String,
        /// Articles per batch (per transaction).
        #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..))]
        batch: u64,
        /// Messages handed out and not yet acknowledged, over all workers (set when the
        /// consumer is created).
        #[arg(long, value_name = "N", default_value_t = 512, value_parser = clap::value_parser!(i64).range(1..))]
        max_ack_pending: i64,
        /// Seconds the server waits for an acknowledgement before it redelivers (set
        /// when the consumer is created).
        #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
        ack_wait: u64,
        /// Deliveries after which a message that keeps failing is stored as a problem.
        #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(i64).range(1..))]
        max_deliveries: i64,
        /// Link the stories at least this often (seconds) while articles keep coming.
        #[arg(long, value_name = "SECONDS", default_value_t = 30)]
        link_every: u64,
        /// Exit once the stream is empty and every stored article is linked.
        #[arg(long)]
        exit_when_idle: bool,
        /// Find entities by rules and gazetteers only, without the statistical NER model.
        #[arg(long)]
        no_ner: bool,
    },
    /// Take a cluster down: delete its stream (with the workers' consumer and any message
    /// left in it) and drop its schema from the shared store.
    Down {
        #[command(flatten)]
        nats: Nats,
        /// The shared store: postgres://user@host/database.
        #[arg(long)]
        db: String,
        /// The schema to drop.
        #[arg(long, default_value = "recoupe")]
        schema: String,
    },
    /// Render a report from the store: one story (`--story`), the stories matching words
    /// (`--query`), the articles published since a date (`--since`), or everything; a
    /// selection too large to link at once is listed story by story.
    #[command(after_help = EXIT_CODES)]
    Report {
        /// The store: an SQLite file, or a shared PostgreSQL store (postgres://…).
        #[arg(long, default_value = "recoupe.sqlite")]
        db: PathBuf,
        /// The schema of a PostgreSQL store.
        #[arg(long, default_value = "recoupe")]
        schema: String,
        /// Link selections of at most N articles at once; a larger one is listed.
        #[arg(long, value_name = "N", default_value_t = recoupe::ingest::MAX_REPORT_DOCUMENTS)]
        max_articles: usize,
        /// One stored story, by the number the listing gives.
        #[arg(long, value_name = "ID")]
        story: Option<i64>,
        /// The stories whose titles or main entities hold every one of these words.
        #[arg(long, value_name = "WORDS")]
        query: Option<String>,
        /// Only articles published on or after this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// List the stored stories instead of reporting on them.
        #[arg(long)]
        list: bool,
        #[command(flatten)]
        output: Output,
    },
    /// Serve the story in a browser (and as a JSON API) on this machine; articles and
    /// results are kept in an SQLite file, so a restart loses nothing.
    Serve {
        /// Files or folders to add to the story at start (articles already stored are skipped).
        paths: Vec<PathBuf>,
        /// JSON Lines metadata for plain files, as for analyze.
        #[arg(long)]
        meta: Option<PathBuf>,
        /// The SQLite file holding articles and results (created if absent), or a shared
        /// PostgreSQL store (postgres://…).
        #[arg(long, default_value = "recoupe.sqlite")]
        db: PathBuf,
        /// The schema of a PostgreSQL store.
        #[arg(long, default_value = "recoupe")]
        schema: String,
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

/// Where the stream is.
#[derive(clap::Args)]
struct Nats {
    /// The NATS server (with JetStream), e.g. nats://127.0.0.1:4222.
    #[arg(long, value_name = "URL")]
    nats: String,
    /// The JetStream stream (created if absent).
    #[arg(long, default_value = "recoupe")]
    stream: String,
    /// Seconds during which the server drops a resubmitted article (set when the stream
    /// is created).
    #[arg(long, value_name = "SECONDS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..))]
    duplicate_window: u64,
}

impl Nats {
    fn checked(&self) -> anyhow::Result<()> {
        if !recoupe_cluster::valid_stream(&self.stream) {
            anyhow::bail!(
                "--stream {}: use letters, digits, _ and - only",
                self.stream
            );
        }
        Ok(())
    }
}

/// How a report is written: format, destination, timeline size.
#[derive(clap::Args)]
struct Output {
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
}

impl Output {
    fn options(&self) -> recoupe::Options {
        recoupe::Options {
            link: recoupe::LinkOptions {
                timeline_dates: self.timeline_dates,
                timeline_sentences: self.timeline_sentences,
            },
        }
    }

    fn render(&self, report: &recoupe::model::Report) -> anyhow::Result<String> {
        Ok(match self.format {
            Format::Json => serde_json::to_string_pretty(report)? + "\n",
            Format::Text => recoupe::render::text(report),
            Format::Md => recoupe_report::markdown(report),
            Format::Html => recoupe_report::html(report),
        })
    }
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

impl Bar {
    /// The bar of `ingest`: articles, their rate and the time left.
    fn new_ingest() -> Self {
        let bar = Bar::new();
        bar.0.set_style(
            ProgressStyle::with_template(
                "{elapsed_precise} [{bar:40}] {pos}/{len} articles ({per_sec}, {eta} left)",
            )
            .expect("static template")
            .progress_chars("=> "),
        );
        bar
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
    fn phase(&self, name: &str, total: u64) {
        let template = format!(
            "{{elapsed_precise}} [{{bar:40}}] {{pos}}/{{len}} {name} ({{per_sec}}, {{eta}} left)"
        );
        if let Ok(style) = ProgressStyle::with_template(&template) {
            self.0.set_style(style.progress_chars("=> "));
        }
        self.0.set_length(total);
        self.0.set_position(0);
        self.0.reset_eta();
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
            output,
            profile,
            no_ner,
        } => {
            use_ner(!no_ner);
            let bar = Bar::new();
            let report = recoupe::analyze_paths(&paths, meta.as_deref(), &output.options(), &bar)?;
            bar.0.finish_and_clear();
            if profile {
                eprint!("{}", bar.profile());
            }
            for p in &report.problems {
                eprintln!("recoupe: {p}");
            }
            write_out(output.out.as_deref(), &output.render(&report)?)?;
            Ok(if report.documents.is_empty() { 1 } else { 0 })
        }
        Command::Ingest {
            paths,
            meta,
            db,
            batch,
            profile,
            no_ner,
        } => {
            use_ner(!no_ner);
            ingest(&paths, meta.as_deref(), &db, batch as usize, profile)
        }
        Command::Submit { paths, meta, nats } => {
            nats.checked()?;
            submit(&paths, meta.as_deref(), &nats)
        }
        Command::Worker {
            nats,
            db,
            schema,
            batch,
            max_ack_pending,
            ack_wait,
            max_deliveries,
            link_every,
            exit_when_idle,
            no_ner,
        } => {
            nats.checked()?;
            if !recoupe_pg::is_postgres_url(&db) {
                anyhow::bail!("--db {db}: a worker needs a shared PostgreSQL store (postgres://…)");
            }
            if !recoupe_pg::valid_schema(&schema) {
                anyhow::bail!("--schema {schema}: use lower-case letters, digits and _");
            }
            use_ner(!no_ner);
            let summary = recoupe_cluster::work(recoupe_cluster::WorkerConfig {
                nats: nats.nats,
                stream: nats.stream,
                db,
                schema,
                batch: batch as usize,
                max_ack_pending,
                ack_wait: Duration::from_secs(ack_wait),
                max_deliveries,
                link_every: Duration::from_secs(link_every),
                exit_when_idle,
                duplicate_window: Duration::from_secs(nats.duplicate_window),
                options: recoupe::Options::default(),
            })?;
            eprintln!(
                "recoupe: worker done: {} messages in {} batches: {} articles stored ({} texts analysed), {} already stored, {} problems; {} stories linked",
                summary.messages,
                summary.batches,
                summary.stored,
                summary.analysed,
                summary.already_stored,
                summary.problems,
                summary.piles_linked
            );
            Ok(0)
        }
        Command::Down { nats, db, schema } => {
            nats.checked()?;
            if !recoupe_pg::is_postgres_url(&db) || !recoupe_pg::valid_schema(&schema) {
                anyhow::bail!("--db {db} --schema {schema}: expected a postgres:// address and a schema of lower-case letters, digits and _");
            }
            let deleted = recoupe_cluster::delete_stream(&nats.nats, &nats.stream)?;
            recoupe_pg::PgStore::drop_schema(&db, &schema)
                .with_context(|| format!("cannot drop schema {schema}"))?;
            eprintln!(
                "recoupe: stream {} {}; schema {schema} dropped",
                nats.stream,
                if deleted { "deleted" } else { "was absent" }
            );
            Ok(0)
        }
        Command::Report {
            db,
            schema,
            max_articles,
            story,
            query,
            since,
            list,
            output,
        } => {
            let shared = db.to_str().is_some_and(recoupe_pg::is_postgres_url);
            if !shared && !db.exists() {
                anyhow::bail!(
                    "no store at {} (make one with recoupe ingest)",
                    db.display()
                );
            }
            if let Some(d) = &since {
                if !is_iso_date(d) {
                    anyhow::bail!("--since {d}: expected a date as YYYY-MM-DD");
                }
            }
            let store = recoupe_cluster::open_storage(&db.to_string_lossy(), &schema)
                .with_context(|| format!("cannot open the store {}", db.display()))?;
            let options = output.options();
            let stored_ok = output.timeline_dates.is_none() && output.timeline_sentences.is_none();
            let result = if list {
                recoupe::ingest::StoreReport::Piles(recoupe::ingest::piles(&*store)?)
            } else {
                let selection = recoupe::ingest::Selection {
                    pile: story,
                    query,
                    since,
                };
                recoupe::ingest::report_at_most(
                    &*store,
                    &selection,
                    &options,
                    stored_ok,
                    max_articles,
                )
                .with_context(|| format!("cannot read the store {}", db.display()))?
            };
            let (rendered, empty) = match &result {
                recoupe::ingest::StoreReport::Report(report) => {
                    (output.render(report)?, report.documents.is_empty())
                }
                recoupe::ingest::StoreReport::Piles(piles) => {
                    if !list {
                        eprintln!("recoupe: the selection holds more than {max_articles} articles; its stories are listed (choose one with --story)");
                    }
                    (render_piles(piles, output.format)?, piles.is_empty())
                }
            };
            write_out(output.out.as_deref(), &rendered)?;
            Ok(if empty { 1 } else { 0 })
        }
        Command::Serve {
            paths,
            meta,
            db,
            schema,
            host,
            port,
            max_upload,
            no_ner,
        } => {
            use_ner(!no_ner);
            let config = recoupe_web::ServeConfig {
                paths,
                meta,
                db,
                host,
                port,
                max_upload: max_upload.saturating_mul(1024),
                options: recoupe::Options::default(),
            };
            match config
                .db
                .to_str()
                .filter(|d| recoupe_pg::is_postgres_url(d))
            {
                Some(url) => {
                    let store = recoupe_pg::PgStore::open(url, &schema)
                        .with_context(|| format!("cannot open the store {url}"))?;
                    recoupe_web::serve_store(config, recoupe_web::Store::with(Box::new(store)))?
                }
                None => recoupe_web::serve(config)?,
            }
            Ok(0)
        }
    }
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn write_out(out: Option<&std::path::Path>, rendered: &str) -> anyhow::Result<()> {
    match out {
        Some(path) => std::fs::write(path, rendered)
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
    Ok(())
}

/// The stored stories as a table (text, Markdown, HTML) or a JSON array.
fn render_piles(piles: &[recoupe::ingest::PileListing], format: Format) -> anyhow::Result<String> {
    const HEADS: [&str; 8] = [
        "story", "articles", "events", "claims", "disputes", "from", "to", "title",
    ];
    // One row of cells per story, in the order of HEADS.
    let cells = |p: &recoupe::ingest::PileListing| -> [String; 8] {
        let day = |d: &Option<String>| d.clone().unwrap_or_else(|| "—".into());
        [
            p.pile.to_string(),
            p.documents.to_string(),
            p.summary.stories.to_string(),
            p.summary.claims.to_string(),
            p.summary.contradictions.to_string(),
            day(&p.summary.first),
            day(&p.summary.last),
            p.summary.title.clone(),
        ]
    };
    Ok(match format {
        Format::Json => serde_json::to_string_pretty(piles)? + "\n",
        Format::Text => {
            let mut out = format!("{} stories (recoupe report --story ID)\n", piles.len());
            out += "   ID  ARTICLES  EVENTS  CLAIMS  DISPUTES  FROM        TO          TITLE\n";
            for p in piles {
                let [id, n, events, claims, disputes, from, to, title] = cells(p);
                out += &format!(
                    "{id:>5}  {n:>8}  {events:>6}  {claims:>6}  {disputes:>8}  {from:<10}  {to:<10}  {title}\n"
                );
            }
            out
        }
        Format::Md => {
            let mut out = format!(
                "| {} |\n|---:|---:|---:|---:|---:|---|---|---|\n",
                HEADS.join(" | ")
            );
            for p in piles {
                let row: Vec<String> = cells(p)
                    .iter()
                    .map(|c| recoupe_report::markdown::escape(c))
                    .collect();
                out += &format!("| {} |\n", row.join(" | "));
            }
            out
        }
        Format::Html => {
            let row = |tag: &str, cells: &[String]| {
                cells
                    .iter()
                    .map(|c| format!("<{tag}>{}</{tag}>", recoupe_report::svg::xml_escape(c)))
                    .collect::<String>()
            };
            let heads: Vec<String> = HEADS.iter().map(|h| h.to_string()).collect();
            let mut out = format!("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>recoupe: stories</title></head><body>\n<table>\n<tr>{}</tr>\n", row("th", &heads));
            for p in piles {
                out += &format!("<tr>{}</tr>\n", row("td", &cells(p)));
            }
            out += "</table>\n</body></html>\n";
            out
        }
    })
}

/// The inputs named on the command line: the files found under `paths` (with the
/// problems met finding them), and whether `-` asks for standard input.
struct Inputs {
    files: Vec<PathBuf>,
    problems: Vec<recoupe::model::InputProblem>,
    stdin: bool,
}

impl Inputs {
    fn find(paths: &[PathBuf], meta: Option<&std::path::Path>) -> Inputs {
        let stdin = paths.iter().any(|p| p.as_os_str() == "-");
        let files: Vec<PathBuf> = paths
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .cloned()
            .collect();
        let (files, problems) = if files.is_empty() {
            (Vec::new(), Vec::new())
        } else {
            recoupe_ingest::discover(&files, meta)
        };
        Inputs {
            files,
            problems,
            stdin,
        }
    }

    /// One stream of articles (and problems), in order: the problems met finding the
    /// files, the files, then JSON Lines on standard input.
    fn stream<'a>(
        self,
        table: &'a recoupe_ingest::MetaTable,
    ) -> Box<dyn Iterator<Item = Result<recoupe::model::Article, recoupe::model::InputProblem>> + 'a>
    {
        let from_files = self
            .files
            .into_iter()
            .flat_map(move |f| recoupe_ingest::stream_path(&f, table));
        let from_stdin: Box<dyn Iterator<Item = _> + Send> = if self.stdin {
            recoupe_ingest::stream_jsonl(std::io::BufReader::new(std::io::stdin()), "stdin", table)
        } else {
            Box::new(std::iter::empty())
        };
        Box::new(
            self.problems
                .into_iter()
                .map(Err)
                .chain(from_files)
                .chain(from_stdin),
        )
    }
}

/// `recoupe submit`: the inputs as one stream of messages.
fn submit(paths: &[PathBuf], meta: Option<&std::path::Path>, nats: &Nats) -> anyhow::Result<i32> {
    let table = match meta {
        Some(p) => recoupe_ingest::MetaTable::load(p)?,
        None => recoupe_ingest::MetaTable::default(),
    };
    let items = Inputs::find(paths, meta).stream(&table);
    let summary = recoupe_cluster::submit(
        &nats.nats,
        &nats.stream,
        Duration::from_secs(nats.duplicate_window),
        items,
    )?;
    for p in &summary.refused {
        eprintln!("recoupe: {p}");
    }
    eprintln!(
        "recoupe: {} messages published to stream {} ({} of them unreadable inputs), {} dropped by the server as already submitted",
        summary.published, nats.stream, summary.problems, summary.duplicates
    );
    Ok(
        if summary.published + summary.duplicates == summary.problems {
            1
        } else {
            0
        },
    )
}

/// `recoupe ingest`: the inputs as one stream into the store, with a progress bar
/// (articles/s, and the time left when the inputs can be counted).
fn ingest(
    paths: &[PathBuf],
    meta: Option<&std::path::Path>,
    db: &std::path::Path,
    batch: usize,
    profile: bool,
) -> anyhow::Result<i32> {
    let table = match meta {
        Some(p) => recoupe_ingest::MetaTable::load(p)?,
        None => recoupe_ingest::MetaTable::default(),
    };
    let inputs = Inputs::find(paths, meta);
    let mut store = recoupe_store::Store::open(db)
        .with_context(|| format!("cannot open the store {}", db.display()))?;
    let bar = Bar::new_ingest();
    if !inputs.stdin {
        bar.0.set_length(count_articles(&inputs.files));
    }
    let sources = inputs.stream(&table);
    let summary = recoupe::ingest::ingest_batched(
        &mut store,
        sources,
        &recoupe::Options::default(),
        batch,
        &bar,
    )
    .with_context(|| format!("cannot write the store {}", db.display()))?;
    bar.0.finish_and_clear();
    if profile {
        eprint!("{}", bar.profile());
    }
    for p in &summary.problems {
        eprintln!("recoupe: {p}");
    }
    eprintln!(
        "recoupe: {} articles read: {} stored ({} texts analysed, {} republished texts reused), {} already in the store; {} stories linked; {} articles in {}",
        summary.read,
        summary.stored,
        summary.analysed,
        summary.reused,
        summary.already_stored,
        summary.piles_linked,
        store.article_count()?,
        db.display()
    );
    Ok(if summary.read == 0 { 1 } else { 0 })
}

/// How many articles the files hold, for the progress bar: the lines of JSON Lines
/// files, one per other file.
fn count_articles(files: &[PathBuf]) -> u64 {
    use std::io::Read;
    files
        .iter()
        .map(|f| {
            let jsonl = f
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
            if !jsonl {
                return 1;
            }
            let Ok(mut file) = std::fs::File::open(f) else {
                return 0;
            };
            let mut buf = vec![0u8; 1 << 16];
            let mut n = 0u64;
            while let Ok(k) = file.read(&mut buf) {
                if k == 0 {
                    break;
                }
                n += buf[..k].iter().filter(|&&b| b == b'\n').count() as u64;
            }
            n
        })
        .sum()
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
