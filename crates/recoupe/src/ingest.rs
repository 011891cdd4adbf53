//! Streaming ingest into the embedded store, and reports read back from it.
//!
//! ```text
//! articles (stream) ─► batches of BATCH ─► new? (content hash) ─► analysed before? (analysis key)
//!    ─► clean+segment+annotate in parallel (census: the store's running count + the batch)
//!    ─► compact keys ─► pile ─► one transaction per batch
//! then: every pile the run touched is linked again (in parallel), its report stored
//! ```
//!
//! Memory holds one batch, the pile index (compact keys: stems and counts, not
//! documents) and, while linking, the piles being linked (each at most
//! [`recoupe_link::piles::MAX_PILE`] texts plus their copies). Batches are formed from
//! the input order and committed whole, in order, so a run killed at any point and run
//! again ends with the same store as a run that was never interrupted.

use crate::{analyze_document_observed, link_observed, Options, Progress, Stage};
use rayon::prelude::*;
use recoupe_clean::LineCensus;
use recoupe_link::piles::{DocKeys, PileIndex};
use recoupe_model::{Article, Document, InputProblem, Report};
use recoupe_store::{
    analysis_key, content_hash, line_hash, Batch, Filter, Hash, Known, NewAnalysis, NewArticle,
    Storage, StoreError,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Articles per batch: per transaction, and per parallel analysis.
pub const BATCH: usize = 256;

/// Piles linked per transaction while linking.
const LINK_CHUNK: usize = 64;

/// The largest selection `report` links at once; a larger one is listed by pile.
pub const MAX_REPORT_DOCUMENTS: usize = 2000;

/// The stamp of the analyses made by this engine: its version and whether the
/// statistical recogniser is in use. A text is analysed again when the stamp changes.
pub fn engine_stamp() -> String {
    let ner = if crate::ner_model().is_some() {
        "ner"
    } else {
        "rules"
    };
    format!("recoupe-{}/{ner}", env!("CARGO_PKG_VERSION"))
}

/// What one ingest run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IngestSummary {
    /// Articles read from the inputs.
    pub read: usize,
    /// Articles stored by this run.
    pub stored: usize,
    /// Articles found already stored (same content), skipped.
    pub already_stored: usize,
    /// Texts analysed by this run.
    pub analysed: usize,
    /// Stored articles whose text was analysed before (a republished text).
    pub reused: usize,
    /// Piles linked again.
    pub piles_linked: usize,
    /// Inputs that could not be read, and renamed ids.
    pub problems: Vec<InputProblem>,
}

/// One pile's summary, written when it is linked: what the listing shows and what
/// `--query` searches.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct PileSummary {
    pub documents: usize,
    pub title: String,
    pub first: Option<String>,
    pub last: Option<String>,
    pub stories: usize,
    pub claims: usize,
    pub contradictions: usize,
    /// The most named entities, most documents first.
    pub entities: Vec<String>,
    /// Titles of its first documents (for `--query`).
    pub titles: Vec<String>,
}

impl PileSummary {
    fn of(report: &Report) -> PileSummary {
        let mut days: Vec<&str> = report
            .documents
            .iter()
            .filter_map(|d| d.published.as_deref())
            .map(|p| p.get(..10).unwrap_or(p))
            .collect();
        days.sort_unstable();
        let mut entities: Vec<&recoupe_model::StoryEntity> = report.entities.iter().collect();
        entities.sort_by(|a, b| {
            b.documents
                .len()
                .cmp(&a.documents.len())
                .then(a.name.cmp(&b.name))
        });
        let titles: Vec<String> = report
            .documents
            .iter()
            .filter_map(|d| d.title.clone())
            .take(8)
            .collect();
        PileSummary {
            documents: report.documents.len(),
            title: report
                .stories
                .first()
                .map(|s| s.title.clone())
                .or_else(|| titles.first().cloned())
                .unwrap_or_default(),
            first: days.first().map(|d| d.to_string()),
            last: days.last().map(|d| d.to_string()),
            stories: report.stories.len(),
            claims: report.claims.len(),
            contradictions: report
                .claims
                .iter()
                .map(|c| c.contradicted_by.len())
                .sum::<usize>()
                / 2,
            entities: entities.iter().take(6).map(|e| e.name.clone()).collect(),
            titles,
        }
    }

    /// Whether every word of `query` is in its title, titles or entities (case and
    /// accents aside).
    pub fn matches(&self, query: &str) -> bool {
        let hay = fold(&format!(
            "{} {} {}",
            self.title,
            self.titles.join(" "),
            self.entities.join(" ")
        ));
        let words: Vec<String> = query.split_whitespace().map(fold).collect();
        !words.is_empty() && words.iter().all(|w| hay.contains(w.as_str()))
    }
}

fn fold(s: &str) -> String {
    recoupe_link::words::fold(&s.to_lowercase())
}

/// The pile index of everything stored, rebuilt by replaying the stored keys in order.
pub fn replay<S: Storage + ?Sized>(store: &S) -> Result<PileIndex, StoreError> {
    let mut index = PileIndex::new();
    let mut bad = None;
    store.for_each_key(&mut |row| match DocKeys::from_bytes(&row.keys) {
        Some(keys) => index.add(row.pile, u128::from_le_bytes(row.analysis), &keys),
        None => bad = Some(row.seq),
    })?;
    if let Some(seq) = bad {
        return Err(StoreError::Corrupt {
            what: format!("keys of article {seq}"),
            reason: "not compact keys".into(),
        });
    }
    Ok(index)
}

/// Take the articles of `sources` into the store: analyse what is new, commit batch by
/// batch, then link every pile that changed. Problems with single inputs are returned
/// in the summary; only a store failure stops the run.
pub fn ingest<S: Storage + ?Sized>(
    store: &mut S,
    sources: impl Iterator<Item = Result<Article, InputProblem>>,
    options: &Options,
    progress: &dyn Progress,
) -> Result<IngestSummary, StoreError> {
    ingest_batched(store, sources, options, BATCH, progress)
}

/// [`ingest`] with `batch` articles per transaction (at least one). The same inputs with
/// the same batch size always give the same store, however often the run was killed.
pub fn ingest_batched<S: Storage + ?Sized>(
    store: &mut S,
    sources: impl Iterator<Item = Result<Article, InputProblem>>,
    options: &Options,
    batch_size: usize,
    progress: &dyn Progress,
) -> Result<IngestSummary, StoreError> {
    let batch_size = batch_size.max(1);
    let engine = engine_stamp();
    let mut index = replay(store)?;
    let mut summary = IngestSummary::default();
    let mut sources = sources.peekable();
    while sources.peek().is_some() {
        let mut batch = Vec::with_capacity(batch_size);
        let t = std::time::Instant::now();
        for item in sources.by_ref() {
            match item {
                Ok(a) => batch.push(a),
                Err(p) => summary.problems.push(p),
            }
            if batch.len() == batch_size {
                break;
            }
        }
        progress.record(Stage::Ingest, t.elapsed());
        summary.read += batch.len();
        ingest_batch(store, &mut index, batch, &engine, &mut summary, progress)?;
    }
    summary.piles_linked = link_dirty(store, options, progress)?;
    Ok(summary)
}

/// One batch read against the store and analysed, ready to be committed: which of its
/// articles are new (under which id), the analyses it made, and its census lines. The
/// articles are not in piles yet.
pub struct Prepared {
    /// The new articles: the article, the id it is stored under, its content hash, and
    /// its position in the batch given.
    pub fresh: Vec<(Article, String, Hash, usize)>,
    /// The analysis key of each new article.
    pub keys: Vec<Hash>,
    /// Which new articles were analysed (positions in `fresh`), with their documents and
    /// compact keys; the others reuse a stored analysis or one made earlier in the batch.
    pub analysed: Vec<(usize, Document, DocKeys)>,
    /// Census lines of the new articles, with how many of them have each.
    pub census_lines: Vec<(i64, usize)>,
}

impl Prepared {
    /// The analyses to store, with their compact keys as bytes.
    pub fn analyses<'a>(
        &'a self,
        engine: &'a str,
        key_bytes: &'a [Vec<u8>],
    ) -> Vec<NewAnalysis<'a>> {
        self.analysed
            .iter()
            .zip(key_bytes)
            .map(|((i, doc, _), bytes)| NewAnalysis {
                key: self.keys[*i],
                engine,
                document: doc,
                keys: bytes,
            })
            .collect()
    }

    /// The compact keys of the analyses, as stored.
    pub fn key_bytes(&self) -> Vec<Vec<u8>> {
        self.analysed.iter().map(|(_, _, k)| k.to_bytes()).collect()
    }
}

/// Read a batch against the store and analyse what is new: the per-document part of
/// ingest, which any number of processes may run at once over a shared store. Already
/// stored articles are counted in `summary` and skipped; a taken id is renamed `id#2`.
pub fn prepare_batch<S: Storage + ?Sized>(
    store: &S,
    batch: Vec<Article>,
    engine: &str,
    summary: &mut IngestSummary,
    progress: &dyn Progress,
) -> Result<Prepared, StoreError> {
    // Which articles are new, under which id.
    let mut fresh: Vec<(Article, String, Hash, usize)> = Vec::new();
    let mut hashes: HashSet<Hash> = HashSet::new();
    let mut ids: HashSet<String> = HashSet::new();
    for (position, a) in batch.into_iter().enumerate() {
        let hash = content_hash(&a);
        if !hashes.insert(hash) {
            summary.already_stored += 1;
            progress.advance(1);
            continue;
        }
        let id = match store.known(&a.id, &hash)? {
            Known::Stored => {
                summary.already_stored += 1;
                progress.advance(1);
                continue;
            }
            Known::New if !ids.contains(&a.id) => a.id.clone(),
            _ => {
                let mut n = 2;
                let renamed = loop {
                    let candidate = format!("{}#{n}", a.id);
                    if !ids.contains(&candidate) && !store.id_taken(&candidate)? {
                        break candidate;
                    }
                    n += 1;
                };
                summary.problems.push(InputProblem {
                    input: a.origin.clone(),
                    reason: format!("document id {} already used; renamed {renamed}", a.id),
                });
                renamed
            }
        };
        ids.insert(id.clone());
        fresh.push((a, id, hash, position));
    }
    if fresh.is_empty() {
        return Ok(Prepared {
            fresh,
            keys: Vec::new(),
            analysed: Vec::new(),
            census_lines: Vec::new(),
        });
    }

    // The census: the store's running count plus this batch.
    let mut census = LineCensus::build(fresh.iter().map(|(a, ..)| a.body.as_str()));
    let census_lines: Vec<(i64, usize)> = census.lines().map(|(k, n)| (line_hash(k), n)).collect();
    let earlier = store.census_documents()?;
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for (h, _) in &census_lines {
        counts.insert(*h, store.census_count(*h)?);
    }
    census.add_earlier(earlier, |k| counts.get(&line_hash(k)).copied().unwrap_or(0));

    // What must be analysed: texts neither stored nor met earlier in the batch.
    let keys: Vec<Hash> = fresh
        .iter()
        .map(|(a, ..)| analysis_key(a, engine))
        .collect();
    let mut first_of: HashMap<Hash, usize> = HashMap::new();
    let mut to_analyse = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        if first_of.contains_key(k) || store.has_analysis(k)? {
            continue;
        }
        first_of.insert(*k, i);
        to_analyse.push(i);
    }
    let analysed: Vec<(usize, Document, DocKeys)> = to_analyse
        .par_iter()
        .map(|&i| {
            let doc = analyze_document_observed(&fresh[i].0, &census, progress);
            progress.advance(1);
            let keys = DocKeys::of(&doc);
            (i, doc, keys)
        })
        .collect();
    summary.analysed += analysed.len();
    summary.reused += fresh.len() - analysed.len();
    Ok(Prepared {
        fresh,
        keys,
        analysed,
        census_lines,
    })
}

fn ingest_batch<S: Storage + ?Sized>(
    store: &mut S,
    index: &mut PileIndex,
    batch: Vec<Article>,
    engine: &str,
    summary: &mut IngestSummary,
    progress: &dyn Progress,
) -> Result<(), StoreError> {
    let prepared = prepare_batch(&*store, batch, engine, summary, progress)?;
    if prepared.fresh.is_empty() {
        return Ok(());
    }
    let Prepared {
        fresh,
        keys,
        analysed,
        ..
    } = &prepared;
    let mut keys_of: HashMap<Hash, DocKeys> = HashMap::new();
    for (i, _, k) in analysed {
        keys_of.insert(keys[*i], k.clone());
    }

    // Piles, in input order.
    let mut articles = Vec::with_capacity(fresh.len());
    for (i, (a, id, hash, _)) in fresh.iter().enumerate() {
        let k = match keys_of.get(&keys[i]) {
            Some(k) => k.clone(),
            None => {
                let bytes = store.analysis_keys(&keys[i])?.unwrap_or_default();
                let k = DocKeys::from_bytes(&bytes).unwrap_or_default();
                keys_of.insert(keys[i], k.clone());
                k
            }
        };
        let pile = index.assign(u128::from_le_bytes(keys[i]), &k);
        articles.push(NewArticle {
            article: a,
            id: id.clone(),
            hash: *hash,
            analysis: keys[i],
            pile,
        });
    }
    let key_bytes = prepared.key_bytes();
    let analyses = prepared.analyses(engine, &key_bytes);
    let t = std::time::Instant::now();
    store.commit(&Batch {
        articles,
        analyses,
        census_lines: prepared.census_lines.clone(),
        census_documents: fresh.len(),
    })?;
    progress.record(Stage::Store, t.elapsed());
    progress.advance((fresh.len() - analysed.len()) as u64);
    summary.stored += fresh.len();
    Ok(())
}

/// Store articles analysed by the caller (`recoupe serve` adds them one request at a
/// time): an article whose id is stored replaces it; each goes to its pile, which is left
/// to be linked again. The census counts their lines.
pub fn put_analysed<S: Storage + ?Sized>(
    store: &mut S,
    items: &[(Article, Document)],
) -> Result<(), StoreError> {
    if items.is_empty() {
        return Ok(());
    }
    for (a, _) in items {
        if store.id_taken(&a.id)? {
            store.delete(&a.id)?;
        }
    }
    let engine = engine_stamp();
    let mut index = replay(store)?;
    let census = LineCensus::build(items.iter().map(|(a, _)| a.body.as_str()));
    let keys: Vec<Hash> = items
        .iter()
        .map(|(a, _)| analysis_key(a, &engine))
        .collect();
    let doc_keys: Vec<DocKeys> = items.iter().map(|(_, d)| DocKeys::of(d)).collect();
    let key_bytes: Vec<Vec<u8>> = doc_keys.iter().map(DocKeys::to_bytes).collect();
    let mut articles = Vec::new();
    let mut analyses = Vec::new();
    let mut seen: HashSet<Hash> = HashSet::new();
    for (i, (a, d)) in items.iter().enumerate() {
        let pile = index.assign(u128::from_le_bytes(keys[i]), &doc_keys[i]);
        articles.push(NewArticle {
            article: a,
            id: a.id.clone(),
            hash: content_hash(a),
            analysis: keys[i],
            pile,
        });
        if seen.insert(keys[i]) && !store.has_analysis(&keys[i])? {
            analyses.push(NewAnalysis {
                key: keys[i],
                engine: &engine,
                document: d,
                keys: &key_bytes[i],
            });
        }
    }
    store.commit(&Batch {
        articles,
        analyses,
        census_lines: census.lines().map(|(k, n)| (line_hash(k), n)).collect(),
        census_documents: items.len(),
    })
}

/// A pile linked: its id, summary (JSON) and packed report.
pub type LinkedPile = (i64, String, Vec<u8>);

/// Link piles in parallel: each one's summary (JSON) and packed report.
/// Link these piles (their documents loaded), in parallel: each one's summary and
/// packed report, as [`Storage::save_piles`] takes them.
pub fn link_piles(
    piles: Vec<(i64, Vec<Document>)>,
    options: &Options,
    progress: &dyn Progress,
) -> Result<Vec<LinkedPile>, StoreError> {
    piles
        .into_par_iter()
        .map(|(id, docs)| {
            let report = link_observed(docs, options, progress);
            progress.advance(1);
            let summary = PileSummary::of(&report);
            let summary = serde_json::to_string(&summary).map_err(|e| StoreError::Corrupt {
                what: format!("summary of pile {id}"),
                reason: e.to_string(),
            })?;
            Ok((id, summary, recoupe_store::pack_report(&report)?))
        })
        .collect()
}

/// Link every pile marked dirty, in parallel, a chunk at a time, and store each one's
/// report and summary. Returns how many piles were linked.
pub fn link_dirty<S: Storage + ?Sized>(
    store: &mut S,
    options: &Options,
    progress: &dyn Progress,
) -> Result<usize, StoreError> {
    let dirty = store.dirty_piles()?;
    if !dirty.is_empty() {
        progress.phase("stories linked", dirty.len() as u64);
    }
    let chunks: Vec<&[i64]> = dirty.chunks(LINK_CHUNK).collect();
    let mut next = match chunks.first() {
        Some(c) => load(store, c)?,
        None => Vec::new(),
    };
    for k in 0..chunks.len() {
        let piles = std::mem::take(&mut next);
        // Link this chunk on the pool while this thread reads the next one.
        let (linked, loaded) = std::thread::scope(|scope| {
            let linking = scope.spawn(|| link_piles(piles, options, progress));
            let loaded = chunks.get(k + 1).map(|c| load(store, c)).transpose();
            (linking.join(), loaded)
        });
        let linked = linked.map_err(|_| StoreError::Corrupt {
            what: "a story".into(),
            reason: "linking it failed".into(),
        })??;
        next = loaded?.unwrap_or_default();
        let t = std::time::Instant::now();
        store.save_piles(&linked)?;
        progress.record(Stage::Store, t.elapsed());
    }
    Ok(dirty.len())
}

/// The documents of these piles, pile by pile.
fn load<S: Storage + ?Sized>(
    store: &S,
    ids: &[i64],
) -> Result<Vec<(i64, Vec<Document>)>, StoreError> {
    ids.iter()
        .map(|&id| {
            let docs = store.documents(&Filter {
                piles: Some(vec![id]),
                ..Default::default()
            })?;
            Ok((id, docs))
        })
        .collect()
}

/// Which part of the store a report is about.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// One pile, by id.
    pub pile: Option<i64>,
    /// Piles whose titles or entities hold every word.
    pub query: Option<String>,
    /// Articles published on or after this ISO date.
    pub since: Option<String>,
}

/// What `report` gives: a report, or (when the selection is too large to link at once)
/// the list of piles it covers.
#[derive(Debug)]
pub enum StoreReport {
    Report(Box<Report>),
    Piles(Vec<PileListing>),
}

/// One line of a pile listing.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PileListing {
    pub pile: i64,
    pub documents: usize,
    #[serde(flatten)]
    pub summary: PileSummary,
}

fn listing<S: Storage + ?Sized>(
    store: &S,
    ids: Option<&HashSet<i64>>,
) -> Result<Vec<PileListing>, StoreError> {
    Ok(store
        .piles()?
        .into_iter()
        .filter(|p| ids.is_none_or(|ids| ids.contains(&p.id)))
        .map(|p| PileListing {
            pile: p.id,
            documents: p.documents,
            summary: p
                .summary
                .as_deref()
                .and_then(|s| serde_json::from_str(s).ok())
                .unwrap_or_default(),
        })
        .collect())
}

/// The report of a part of the store (or of all of it). A single pile's stored report
/// is used as it is; any other selection of at most [`MAX_REPORT_DOCUMENTS`] articles is
/// linked now, exactly as `analyze` links a pile; a larger one is listed by pile.
pub fn report<S: Storage + ?Sized>(
    store: &S,
    selection: &Selection,
    options: &Options,
    stored_ok: bool,
) -> Result<StoreReport, StoreError> {
    report_at_most(store, selection, options, stored_ok, MAX_REPORT_DOCUMENTS)
}

/// [`report`], linking selections of at most `max_documents` articles at once. The
/// problems the store keeps (see [`Storage::problems`]) are listed in every report
/// linked now.
pub fn report_at_most<S: Storage + ?Sized>(
    store: &S,
    selection: &Selection,
    options: &Options,
    stored_ok: bool,
    max_documents: usize,
) -> Result<StoreReport, StoreError> {
    let mut piles: Option<HashSet<i64>> = selection.pile.map(|p| [p].into());
    if let Some(q) = &selection.query {
        let found: HashSet<i64> = listing(store, None)?
            .into_iter()
            .filter(|l| l.summary.matches(q))
            .map(|l| l.pile)
            .collect();
        piles = Some(match piles {
            Some(p) => p.intersection(&found).copied().collect(),
            None => found,
        });
    }
    if let (Some(p), None, true) = (selection.pile, &selection.since, stored_ok) {
        if piles.as_ref().is_some_and(|s| s.len() == 1) {
            if let Some(r) = store.pile_report(p)? {
                return Ok(StoreReport::Report(Box::new(r)));
            }
        }
    }
    let filter = Filter {
        piles: piles.as_ref().map(|p| {
            let mut v: Vec<i64> = p.iter().copied().collect();
            v.sort_unstable();
            v
        }),
        since: selection.since.clone(),
        limit: Some(max_documents.saturating_add(1)),
    };
    if filter.piles.as_ref().is_some_and(Vec::is_empty) {
        return Ok(StoreReport::Piles(Vec::new()));
    }
    let docs = store.documents(&filter)?;
    if docs.len() > max_documents {
        let ids: HashSet<i64> = match &piles {
            Some(p) => p.clone(),
            None => store.piles_of(&filter)?.into_iter().collect(),
        };
        return Ok(StoreReport::Piles(listing(store, Some(&ids))?));
    }
    let mut report = link_observed(docs, options, &crate::Silent);
    report.problems.extend(store.problems()?);
    Ok(StoreReport::Report(Box::new(report)))
}

/// Every pile of the store, largest first.
pub fn piles<S: Storage + ?Sized>(store: &S) -> Result<Vec<PileListing>, StoreError> {
    listing(store, None)
}

#[cfg(test)]
mod tests;
