//! The recoupe engine: runs the stages in order and assembles the story report.
//!
//! ```text
//! inputs ──► ingest ──► clean ──► segment ──► annotate ──► link ──► report
//! ```
//!
//! Per-document stages (clean, segment, annotate) run in parallel with rayon and share
//! no state; [`link`] is the only stage that sees all documents at once; [`render`] only
//! reads the finished [`Report`]. This crate owns the order of stages, not their logic:
//! each stage lives in its own crate.

pub mod ingest;
pub mod render;

pub use recoupe_link::LinkOptions;
pub use recoupe_model as model;

use rayon::prelude::*;
use recoupe_clean::LineCensus;
use recoupe_ingest::MetaTable;
use recoupe_model::{Article, Document, EntityType, InputProblem, Report};
use recoupe_ner::{NerLabel, NerModel};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Options of one analysis run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub link: recoupe_link::LinkOptions,
}

/// The stages whose time is measured, in pipeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    Ingest,
    Clean,
    Segment,
    Language,
    Quotes,
    Figures,
    Dates,
    Ner,
    Entities,
    /// Story-level entity merging (aliases across documents, speakers to entities).
    Aliases,
    Link,
    /// Reading and writing the embedded store (`ingest`).
    Store,
}

impl Stage {
    pub const ALL: [Stage; 12] = [
        Stage::Ingest,
        Stage::Clean,
        Stage::Segment,
        Stage::Language,
        Stage::Quotes,
        Stage::Figures,
        Stage::Dates,
        Stage::Ner,
        Stage::Entities,
        Stage::Aliases,
        Stage::Link,
        Stage::Store,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Ingest => "ingest",
            Stage::Clean => "clean",
            Stage::Segment => "segment",
            Stage::Language => "language",
            Stage::Quotes => "quotes",
            Stage::Figures => "figures",
            Stage::Dates => "dates",
            Stage::Ner => "ner",
            Stage::Entities => "entities",
            Stage::Aliases => "aliases",
            Stage::Link => "link",
            Stage::Store => "store",
        }
    }
}

/// Receives progress from a running analysis; the CLI draws it as a bar and, with
/// `--profile`, adds up the time spent in each stage (summed over threads).
pub trait Progress: Sync {
    /// Total units of work are now known.
    fn start(&self, _total: u64) {}
    /// `n` more units are done.
    fn advance(&self, _n: u64) {}
    /// `stage` just spent `elapsed` on one document (or on all, for ingest and link).
    fn record(&self, _stage: Stage, _elapsed: std::time::Duration) {}
    /// A second phase of work begins (`ingest` linking the stories it touched): `total`
    /// units of it, counted by later `advance` calls.
    fn phase(&self, _name: &str, _total: u64) {}
}

/// Runs `f`, telling `progress` how long it took as `stage`.
fn timed<T>(progress: &dyn Progress, stage: Stage, f: impl FnOnce() -> T) -> T {
    let t = std::time::Instant::now();
    let out = f();
    progress.record(stage, t.elapsed());
    out
}

/// A progress sink that shows nothing.
pub struct Silent;
impl Progress for Silent {}

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Ingest(#[from] recoupe_ingest::IngestError),
}

/// Read every input under `paths` (files and folders), then analyse the articles.
///
/// Inputs that cannot be read become [`InputProblem`]s in the report; they never stop
/// the others. Only a metadata file that cannot be read is an error, since it concerns
/// every input.
pub fn analyze_paths(
    paths: &[PathBuf],
    meta: Option<&Path>,
    options: &Options,
    progress: &dyn Progress,
) -> Result<Report, EngineError> {
    let meta_path = meta;
    let meta = match meta {
        Some(p) => MetaTable::load(p)?,
        None => MetaTable::default(),
    };
    let (files, mut problems) = recoupe_ingest::discover(paths, meta_path);
    let results: Vec<_> = timed(progress, Stage::Ingest, || {
        files
            .par_iter()
            .flat_map_iter(|f| recoupe_ingest::read_path(f, &meta))
            .collect()
    });
    let mut articles = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(a) => articles.push(a),
            Err(p) => problems.push(p),
        }
    }
    let mut report = analyze_articles(articles, options, progress);
    problems.append(&mut report.problems);
    report.problems = problems;
    Ok(report)
}

/// Analyse articles already read.
pub fn analyze_articles(
    articles: Vec<Article>,
    options: &Options,
    progress: &dyn Progress,
) -> Report {
    progress.start(articles.len() as u64);
    let census = LineCensus::build(articles.iter().map(|a| a.body.as_str()));
    let documents: Vec<Document> = articles
        .par_iter()
        .map(|a| {
            let d = analyze_document_observed(a, &census, progress);
            progress.advance(1);
            d
        })
        .collect();
    link_observed(documents, options, progress)
}

/// The story-level part alone: link documents already analysed one by one (with
/// [`analyze_document`]) into a report. `recoupe serve` uses it to add an article
/// without re-running the per-document stages of the others.
pub fn link_documents(documents: Vec<Document>, options: &Options) -> Report {
    link_observed(documents, options, &Silent)
}

fn link_observed(
    mut documents: Vec<Document>,
    options: &Options,
    progress: &dyn Progress,
) -> Report {
    let problems = dedupe_ids(&mut documents);
    let mut report = Report {
        documents,
        problems,
        ..Default::default()
    };
    timed(progress, Stage::Aliases, || {
        recoupe_entities::merge_entities(&mut report)
    });
    timed(progress, Stage::Link, || {
        recoupe_link::link(&mut report, &options.link)
    });
    report
}

/// Clean, segment and annotate one article: the per-document part of the pipeline.
pub fn analyze_document(article: &Article, census: &LineCensus) -> Document {
    analyze_document_observed(article, census, &Silent)
}

fn analyze_document_observed(
    article: &Article,
    census: &LineCensus,
    progress: &dyn Progress,
) -> Document {
    let cleaned = timed(progress, Stage::Clean, || {
        recoupe_clean::clean(article, census)
    });
    let sentences = timed(progress, Stage::Segment, || {
        recoupe_segment::split_sentences(&cleaned.text)
    });
    let language = timed(progress, Stage::Language, || {
        recoupe_clean::detect_language(&cleaned.text).map(str::to_string)
    });
    let quotes = timed(progress, Stage::Quotes, || {
        recoupe_attrib::find_quotes(&cleaned.text, &sentences)
    });
    let figures = timed(progress, Stage::Figures, || {
        recoupe_figures::find_figures(&cleaned.text, &sentences, &quotes)
    });
    let (published, dates) = timed(progress, Stage::Dates, || {
        let published = article
            .published
            .clone()
            .or_else(|| recoupe_dates::infer_published(&cleaned.text, &sentences));
        let dates = recoupe_dates::find_dates(&cleaned.text, &sentences, published.as_deref());
        (published, dates)
    });
    let extra = match ner_model() {
        Some(model) => timed(progress, Stage::Ner, || {
            ner_candidates(model, &cleaned.text, &sentences)
        }),
        None => Vec::new(),
    };
    let (entities, mentions) = timed(progress, Stage::Entities, || {
        recoupe_entities::find_entities_with(&cleaned.text, &sentences, &extra)
    });
    Document {
        id: article.id.clone(),
        title: cleaned.title,
        outlet: cleaned.outlet,
        published,
        text: cleaned.text,
        sentences,
        quotes,
        entities,
        mentions,
        figures,
        dates,
        language,
        origin: article.origin.clone(),
        url: article.url.clone(),
        author: article.author.clone(),
        removed: cleaned.removed,
    }
}

/// The statistical recogniser of the entity stage, chosen once per process: `None`
/// while unset.
static NER: OnceLock<Option<Arc<NerModel>>> = OnceLock::new();

/// Choose the statistical recogniser for every later analysis in this process
/// (`None`: rules and gazetteers only). Returns `false`, changing nothing, when one was
/// already chosen or loaded (by an earlier call or an earlier analysis).
pub fn set_ner_model(model: Option<Arc<NerModel>>) -> bool {
    NER.set(model).is_ok()
}

/// Load the exported spaCy NER weights found by [`recoupe_ner::default_model_dir`]
/// (`scripts/setup-ner` makes them). `Ok(None)`: no model directory; `Err`: one was
/// found but could not be read.
pub fn load_default_ner() -> Result<Option<Arc<NerModel>>, recoupe_ner::NerError> {
    match recoupe_ner::default_model_dir() {
        Some(dir) => NerModel::load(&dir).map(|m| Some(Arc::new(m))),
        None => Ok(None),
    }
}

/// The recogniser in use: the one given to [`set_ner_model`], else the default
/// weights loaded on first use (none when absent or unreadable).
pub fn ner_model() -> Option<&'static NerModel> {
    NER.get_or_init(|| load_default_ner().ok().flatten())
        .as_deref()
}

/// Statistical spans of one document as candidates for the entity stage: PER, LOC
/// and ORG (MISC has no place in the report), never across a sentence start.
fn ner_candidates(
    model: &NerModel,
    text: &str,
    sentences: &[recoupe_model::Sentence],
) -> Vec<recoupe_entities::CandidateSpan> {
    let starts: Vec<usize> = sentences.iter().map(|s| s.start).collect();
    model
        .recognize_with_sentences(text, &starts)
        .into_iter()
        .filter_map(|span| {
            let kind = match span.label {
                NerLabel::Per => EntityType::Person,
                NerLabel::Loc => EntityType::Location,
                NerLabel::Org => EntityType::Organization,
                _ => return None,
            };
            Some(recoupe_entities::CandidateSpan {
                start: span.start,
                end: span.end,
                kind,
            })
        })
        .collect()
}

/// Two inputs with the same id would make the report ambiguous: later ones get a
/// `#2`, `#3`… suffix, and a problem line says so.
fn dedupe_ids(documents: &mut [Document]) -> Vec<InputProblem> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    let mut problems = Vec::new();
    for d in documents.iter_mut() {
        let n = seen.entry(d.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let new_id = format!("{}#{}", d.id, n);
            problems.push(InputProblem {
                input: d.origin.clone(),
                reason: format!("document id {} already used; renamed {}", d.id, new_id),
            });
            d.id = new_id;
        }
    }
    problems
}
