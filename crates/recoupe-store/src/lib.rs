//! The embedded store: one SQLite file (WAL) that holds a day of news and more, so that
//! `recoupe ingest` can take articles in as a stream, survive being killed, and answer
//! `recoupe report` and `recoupe serve` later without analysing anything twice.
//!
//! What is kept, per table:
//!
//! | table | one row per | holds |
//! |---|---|---|
//! | `articles` | article taken in, in order of arrival (`seq`) | id, content hash, metadata, body (LZ4), the key of its analysis, its pile |
//! | `analyses` | distinct analysed text | the per-document [`Document`] (JSON, LZ4) and the document's compact keys; a republished text is analysed once |
//! | `census` | distinct line of the bodies (64-bit hash) | in how many articles it occurs: the running line census cleaning needs |
//! | `piles` | pile of articles on one subject | size, whether it must be linked again, a summary, and its linked report (JSON, LZ4) |
//! | `meta` | setting | schema version, census size |
//!
//! A batch of articles is committed in one transaction with everything it changes
//! (analyses, census counts, piles), so a process killed at any point leaves the store
//! as it was after the last whole batch. The same article given twice (same content
//! hash) is stored once.
//!
//! This crate does no analysis and no linking: it stores what the engine gives it.

use recoupe_model::{Article, Document, InputProblem, Report};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The layout of the tables; a store of another layout is refused, not misread.
pub const SCHEMA_VERSION: &str = "1";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("stored {what} cannot be read: {reason}")]
    Corrupt { what: String, reason: String },
    #[error("the store was made by another version of recoupe (layout {found}, this one reads {SCHEMA_VERSION}); ingest into a new file")]
    Layout { found: String },
    /// An error of another backend than SQLite (the shared PostgreSQL store).
    #[error("{0}")]
    Backend(Box<dyn std::error::Error + Send + Sync>),
}

/// What the store functions return.
pub type Result<T> = std::result::Result<T, StoreError>;

/// A 128-bit hash, as stored.
pub type Hash = [u8; 16];

fn hash_fields(parts: &[Option<&str>]) -> Hash {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for p in parts {
        match p {
            Some(s) => {
                h.update(&[1]);
                h.update(&(s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            None => h.update(&[0]),
        }
    }
    h.digest128().to_le_bytes()
}

/// The identity of an article as given: the same id, text and metadata make the same
/// hash, so an article given twice is stored once.
pub fn content_hash(a: &Article) -> Hash {
    hash_fields(&[
        Some(&a.id),
        Some(&a.body),
        Some(if a.from_html { "html" } else { "text" }),
        a.title.as_deref(),
        a.outlet.as_deref(),
        a.published.as_deref(),
        a.url.as_deref(),
        a.author.as_deref(),
    ])
}

/// The key of an article's analysis: everything the per-document stages read (text,
/// title, outlet, publication date) and the engine that analyses it, but not the id,
/// origin, address or author, which the analysis only copies. A text republished
/// under another id (wire copy) has the same key and is analysed once.
pub fn analysis_key(a: &Article, engine: &str) -> Hash {
    hash_fields(&[
        Some(engine),
        Some(&a.body),
        Some(if a.from_html { "html" } else { "text" }),
        a.title.as_deref(),
        a.outlet.as_deref(),
        a.published.as_deref(),
    ])
}

/// The 64-bit hash a census line is counted under.
pub fn line_hash(line: &str) -> i64 {
    xxhash_rust::xxh3::xxh3_64(line.as_bytes()) as i64
}

/// A value as stored: JSON, LZ4.
pub fn pack<T: Serialize>(value: &T, what: &str) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(value).map_err(|e| StoreError::Corrupt {
        what: what.to_string(),
        reason: e.to_string(),
    })?;
    Ok(lz4_flex::compress_prepend_size(&json))
}

/// A value stored by [`pack`].
pub fn unpack<T: for<'de> Deserialize<'de>>(bytes: &[u8], what: &str) -> Result<T> {
    let corrupt = |reason: String| StoreError::Corrupt {
        what: what.to_string(),
        reason,
    };
    let json = lz4_flex::decompress_size_prepended(bytes).map_err(|e| corrupt(e.to_string()))?;
    serde_json::from_slice(&json).map_err(|e| corrupt(e.to_string()))
}

/// A report as stored (JSON, LZ4), for [`Store::save_piles`].
pub fn pack_report(report: &Report) -> Result<Vec<u8>> {
    pack(report, "pile report")
}

/// A text as stored: LZ4.
pub fn pack_text(text: &str) -> Vec<u8> {
    lz4_flex::compress_prepend_size(text.as_bytes())
}

/// A text stored by [`pack_text`].
pub fn unpack_text(bytes: &[u8], what: &str) -> Result<String> {
    let corrupt = |reason: String| StoreError::Corrupt {
        what: what.to_string(),
        reason,
    };
    let raw = lz4_flex::decompress_size_prepended(bytes).map_err(|e| corrupt(e.to_string()))?;
    String::from_utf8(raw).map_err(|e| corrupt(e.to_string()))
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS analyses (
    key      BLOB PRIMARY KEY,
    engine   TEXT NOT NULL,
    document BLOB NOT NULL,
    keys     BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    seq       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    hash      BLOB NOT NULL UNIQUE,
    analysis  BLOB NOT NULL REFERENCES analyses(key),
    origin    TEXT NOT NULL,
    from_html INTEGER NOT NULL,
    title     TEXT,
    outlet    TEXT,
    published TEXT,
    url       TEXT,
    author    TEXT,
    body      BLOB NOT NULL,
    pile      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_pile ON articles(pile, seq);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS census (
    line      INTEGER PRIMARY KEY,
    documents INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS piles (
    id        INTEGER PRIMARY KEY,
    documents INTEGER NOT NULL,
    dirty     INTEGER NOT NULL,
    summary   TEXT,
    report    BLOB
);
CREATE INDEX IF NOT EXISTS piles_dirty ON piles(dirty) WHERE dirty = 1;
";

/// What the store knows of an article about to be taken in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known {
    /// Not stored yet, and its id is free.
    New,
    /// Stored already (same content hash): nothing to do.
    Stored,
    /// Another article is stored under this id.
    IdTaken,
}

/// One article of a batch, ready to be stored.
pub struct NewArticle<'a> {
    pub article: &'a Article,
    /// The id it is stored under (the article's, or a renamed one when it was taken).
    pub id: String,
    pub hash: Hash,
    pub analysis: Hash,
    pub pile: i64,
}

/// A new analysis: a document analysed for the first time, with its compact keys
/// (opaque to the store).
pub struct NewAnalysis<'a> {
    pub key: Hash,
    pub engine: &'a str,
    pub document: &'a Document,
    pub keys: &'a [u8],
}

/// Everything one batch changes, committed at once.
#[derive(Default)]
pub struct Batch<'a> {
    pub articles: Vec<NewArticle<'a>>,
    pub analyses: Vec<NewAnalysis<'a>>,
    /// Census lines of the batch's new articles, with how many of them have each.
    pub census_lines: Vec<(i64, usize)>,
    /// How many articles the census counted in this batch.
    pub census_documents: usize,
}

/// A pile as listed: its id, size, whether it awaits linking, and the summary the
/// engine wrote when it last linked it.
#[derive(Debug, Clone)]
pub struct PileRow {
    pub id: i64,
    pub documents: usize,
    pub dirty: bool,
    pub summary: Option<String>,
}

/// A stored article's row in order of arrival, with its analysis key and pile.
pub struct KeyRow {
    pub seq: i64,
    pub pile: i64,
    pub analysis: Hash,
    pub keys: Vec<u8>,
}

/// The store. One writer at a time (SQLite's own lock); readers may share the file.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Open (or create) the store at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path)?;
        Self::setup(conn)
    }

    /// A store that lives in memory only (the one-shot path, tests).
    pub fn in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        let _: Option<String> = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .optional()?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.execute_batch(SCHEMA)?;
        let found: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
                r.get(0)
            })
            .optional()?;
        match found {
            Some(v) if v != SCHEMA_VERSION => return Err(StoreError::Layout { found: v }),
            Some(_) => {}
            None => {
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema', ?1)",
                    [SCHEMA_VERSION],
                )?;
            }
        }
        Ok(Store { conn })
    }

    /// How many articles are stored.
    pub fn article_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))?
            as usize)
    }

    /// How many distinct texts were analysed.
    pub fn analysis_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM analyses", [], |r| r.get::<_, i64>(0))?
            as usize)
    }

    /// Whether an article with this id and content hash is new, stored, or its id taken.
    pub fn known(&self, id: &str, hash: &Hash) -> Result<Known> {
        let mut by_hash = self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE hash = ?1")?;
        if by_hash.exists([&hash[..]])? {
            return Ok(Known::Stored);
        }
        let mut by_id = self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
        Ok(if by_id.exists([id])? {
            Known::IdTaken
        } else {
            Known::New
        })
    }

    /// Whether an id is taken.
    pub fn id_taken(&self, id: &str) -> Result<bool> {
        let mut by_id = self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
        Ok(by_id.exists([id])?)
    }

    /// The stored analysis under `key` made by `engine`, if any.
    pub fn analysis(&self, key: &Hash, engine: &str) -> Result<Option<Document>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT document FROM analyses WHERE key = ?1 AND engine = ?2")?;
        let blob: Option<Vec<u8>> = stmt
            .query_row(params![&key[..], engine], |r| r.get(0))
            .optional()?;
        blob.map(|b| unpack(&b, "analysis")).transpose()
    }

    /// The compact keys stored with the analysis under `key`.
    pub fn analysis_keys(&self, key: &Hash) -> Result<Option<Vec<u8>>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT keys FROM analyses WHERE key = ?1")?;
        Ok(stmt.query_row([&key[..]], |r| r.get(0)).optional()?)
    }

    /// Whether an analysis is stored under `key`.
    pub fn has_analysis(&self, key: &Hash) -> Result<bool> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM analyses WHERE key = ?1")?;
        Ok(stmt.exists([&key[..]])?)
    }

    /// How many articles the running census has counted.
    pub fn census_documents(&self) -> Result<usize> {
        let v: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'census_documents'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    /// In how many counted articles the line with this hash occurs.
    pub fn census_count(&self, line: i64) -> Result<usize> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT documents FROM census WHERE line = ?1")?;
        Ok(stmt
            .query_row([line], |r| r.get::<_, i64>(0))
            .optional()?
            .unwrap_or(0) as usize)
    }

    /// Commit a batch in one transaction: its articles, new analyses, census counts, and
    /// the piles it touches (which become dirty: to be linked again).
    pub fn commit(&mut self, batch: &Batch) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut analysis = tx.prepare_cached(
                "INSERT OR REPLACE INTO analyses (key, engine, document, keys) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for a in &batch.analyses {
                analysis.execute(params![
                    &a.key[..],
                    a.engine,
                    pack(a.document, "analysis")?,
                    a.keys
                ])?;
            }
            let mut article = tx.prepare_cached(
                "INSERT INTO articles (id, hash, analysis, origin, from_html, title, outlet,
                    published, url, author, body, pile)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            let mut pile = tx.prepare_cached(
                "INSERT INTO piles (id, documents, dirty) VALUES (?1, 1, 1)
                 ON CONFLICT(id) DO UPDATE SET documents = documents + 1, dirty = 1",
            )?;
            for n in &batch.articles {
                let a = n.article;
                article.execute(params![
                    n.id,
                    &n.hash[..],
                    &n.analysis[..],
                    a.origin,
                    a.from_html as i64,
                    a.title,
                    a.outlet,
                    a.published,
                    a.url,
                    a.author,
                    pack_text(&a.body),
                    n.pile
                ])?;
                pile.execute([n.pile])?;
            }
            let mut census = tx.prepare_cached(
                "INSERT INTO census (line, documents) VALUES (?1, ?2)
                 ON CONFLICT(line) DO UPDATE SET documents = documents + excluded.documents",
            )?;
            for (line, n) in &batch.census_lines {
                census.execute(params![line, *n as i64])?;
            }
            if batch.census_documents > 0 {
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ('census_documents', ?1)
                     ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + CAST(excluded.value AS INTEGER)",
                    [batch.census_documents.to_string()],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every stored article's compact keys, in order of arrival, given to `f`.
    pub fn for_each_key(&self, mut f: impl FnMut(KeyRow)) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT a.seq, a.pile, a.analysis, n.keys FROM articles a
             JOIN analyses n ON n.key = a.analysis ORDER BY a.seq",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let analysis: Vec<u8> = r.get(2)?;
            let mut key = [0u8; 16];
            if analysis.len() == 16 {
                key.copy_from_slice(&analysis);
            }
            f(KeyRow {
                seq: r.get(0)?,
                pile: r.get(1)?,
                analysis: key,
                keys: r.get(3)?,
            });
        }
        Ok(())
    }

    /// The piles that must be linked again, smallest id first.
    pub fn dirty_piles(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM piles WHERE dirty = 1 ORDER BY id")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<Vec<i64>, _>>()?;
        Ok(ids)
    }

    /// Every pile, largest first.
    pub fn piles(&self) -> Result<Vec<PileRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, documents, dirty, summary FROM piles ORDER BY documents DESC, id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(PileRow {
                    id: r.get(0)?,
                    documents: r.get::<_, i64>(1)? as usize,
                    dirty: r.get::<_, i64>(2)? != 0,
                    summary: r.get(3)?,
                })
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// One pile's row.
    pub fn pile(&self, id: i64) -> Result<Option<PileRow>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, documents, dirty, summary FROM piles WHERE id = ?1",
                [id],
                |r| {
                    Ok(PileRow {
                        id: r.get(0)?,
                        documents: r.get::<_, i64>(1)? as usize,
                        dirty: r.get::<_, i64>(2)? != 0,
                        summary: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// Store a pile's linked report and summary; it is no longer dirty.
    pub fn save_pile(&mut self, id: i64, summary: &str, report: &Report) -> Result<()> {
        self.save_piles(&[(id, summary.to_string(), pack_report(report)?)])
    }

    /// Several piles' reports at once, in one transaction.
    pub fn save_piles(&mut self, piles: &[(i64, String, Vec<u8>)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "UPDATE piles SET dirty = 0, summary = ?2, report = ?3 WHERE id = ?1",
            )?;
            for (id, summary, blob) in piles {
                stmt.execute(params![id, summary, blob])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// A pile's stored report, when it is linked and up to date.
    pub fn pile_report(&self, id: i64) -> Result<Option<Report>> {
        let blob: Option<Option<Vec<u8>>> = self
            .conn
            .query_row(
                "SELECT report FROM piles WHERE id = ?1 AND dirty = 0",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        blob.flatten()
            .map(|b| unpack(&b, &format!("report of pile {id}")))
            .transpose()
    }

    /// The documents of the articles selected by `filter`, in order of arrival, with
    /// their own id, origin, address and author.
    pub fn documents(&self, filter: &Filter) -> Result<Vec<Document>> {
        let mut sql = String::from(
            "SELECT a.id, a.origin, a.url, a.author, n.document FROM articles a
             JOIN analyses n ON n.key = a.analysis WHERE 1 = 1",
        );
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(piles) = &filter.piles {
            sql += &format!(
                " AND a.pile IN ({})",
                piles.iter().map(|_| "?").collect::<Vec<_>>().join(",")
            );
            args.extend(piles.iter().map(|&p| rusqlite::types::Value::Integer(p)));
        }
        if let Some(since) = &filter.since {
            sql += " AND a.published >= ?";
            args.push(rusqlite::types::Value::Text(since.clone()));
        }
        sql += " ORDER BY a.seq";
        if let Some(limit) = filter.limit {
            sql += &format!(" LIMIT {limit}");
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let blob: Vec<u8> = r.get(4)?;
            let mut d: Document = unpack(&blob, &format!("document {id}"))?;
            d.id = id;
            d.origin = r.get(1)?;
            d.url = r.get(2)?;
            d.author = r.get(3)?;
            out.push(d);
        }
        Ok(out)
    }

    /// The piles that hold the articles matching `filter` (by publication date).
    pub fn piles_of(&self, filter: &Filter) -> Result<Vec<i64>> {
        let mut sql = String::from("SELECT DISTINCT pile FROM articles WHERE 1 = 1");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(since) = &filter.since {
            sql += " AND published >= ?";
            args.push(rusqlite::types::Value::Text(since.clone()));
        }
        sql += " ORDER BY pile";
        let mut stmt = self.conn.prepare(&sql)?;
        let ids = stmt
            .query_map(rusqlite::params_from_iter(args), |r| r.get(0))?
            .collect::<std::result::Result<Vec<i64>, _>>()?;
        Ok(ids)
    }

    /// The stored articles as given (for re-analysis and for the web UI's source view),
    /// in order of arrival.
    pub fn articles(&self) -> Result<Vec<Article>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, origin, body, from_html, title, outlet, published, url, author
             FROM articles ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let body: Vec<u8> = r.get(2)?;
            out.push(Article {
                body: unpack_text(&body, &format!("body of {id}"))?,
                id,
                origin: r.get(1)?,
                from_html: r.get::<_, i64>(3)? != 0,
                title: r.get(4)?,
                outlet: r.get(5)?,
                published: r.get(6)?,
                url: r.get(7)?,
                author: r.get(8)?,
            });
        }
        Ok(out)
    }

    /// One stored article's body as given.
    pub fn body(&self, id: &str) -> Result<Option<String>> {
        let blob: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT body FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        blob.map(|b| unpack_text(&b, &format!("body of {id}")))
            .transpose()
    }

    /// Remove an article; its pile must be linked again. `false` when no such id.
    pub fn delete(&mut self, id: &str) -> Result<bool> {
        let tx = self.conn.transaction()?;
        let pile: Option<i64> = tx
            .query_row("SELECT pile FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(pile) = pile else {
            return Ok(false);
        };
        tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
        tx.execute(
            "UPDATE piles SET documents = documents - 1, dirty = 1 WHERE id = ?1",
            [pile],
        )?;
        tx.execute("DELETE FROM piles WHERE id = ?1 AND documents <= 0", [pile])?;
        tx.commit()?;
        Ok(true)
    }
}

/// Which stored articles a report is about.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only the articles of these piles.
    pub piles: Option<Vec<i64>>,
    /// Only articles published on or after this ISO date.
    pub since: Option<String>,
    /// At most this many articles (the first in order of arrival).
    pub limit: Option<usize>,
}

/// What the engine needs of a store, whatever holds it: the embedded SQLite file
/// ([`Store`]) or a shared database on another machine. Every method means what the
/// [`Store`] method of the same name means; the same articles give the same rows.
pub trait Storage {
    fn article_count(&self) -> Result<usize>;
    fn analysis_count(&self) -> Result<usize>;
    fn known(&self, id: &str, hash: &Hash) -> Result<Known>;
    fn id_taken(&self, id: &str) -> Result<bool>;
    fn analysis(&self, key: &Hash, engine: &str) -> Result<Option<Document>>;
    fn analysis_keys(&self, key: &Hash) -> Result<Option<Vec<u8>>>;
    fn has_analysis(&self, key: &Hash) -> Result<bool>;
    fn census_documents(&self) -> Result<usize>;
    fn census_count(&self, line: i64) -> Result<usize>;
    fn commit(&mut self, batch: &Batch) -> Result<()>;
    fn for_each_key(&self, f: &mut dyn FnMut(KeyRow)) -> Result<()>;
    fn dirty_piles(&self) -> Result<Vec<i64>>;
    fn piles(&self) -> Result<Vec<PileRow>>;
    fn pile(&self, id: i64) -> Result<Option<PileRow>>;
    fn save_piles(&mut self, piles: &[(i64, String, Vec<u8>)]) -> Result<()>;
    fn pile_report(&self, id: i64) -> Result<Option<Report>>;
    fn documents(&self, filter: &Filter) -> Result<Vec<Document>>;
    fn piles_of(&self, filter: &Filter) -> Result<Vec<i64>>;
    fn articles(&self) -> Result<Vec<Article>>;
    fn body(&self, id: &str) -> Result<Option<String>>;
    fn delete(&mut self, id: &str) -> Result<bool>;
    /// Inputs that reached the store only as a problem (unreadable, or given up on
    /// after failing again and again), in order of arrival. The embedded store keeps
    /// none: `ingest` prints them instead.
    fn problems(&self) -> Result<Vec<InputProblem>> {
        Ok(Vec::new())
    }
}

impl Storage for Store {
    fn article_count(&self) -> Result<usize> {
        Store::article_count(self)
    }
    fn analysis_count(&self) -> Result<usize> {
        Store::analysis_count(self)
    }
    fn known(&self, id: &str, hash: &Hash) -> Result<Known> {
        Store::known(self, id, hash)
    }
    fn id_taken(&self, id: &str) -> Result<bool> {
        Store::id_taken(self, id)
    }
    fn analysis(&self, key: &Hash, engine: &str) -> Result<Option<Document>> {
        Store::analysis(self, key, engine)
    }
    fn analysis_keys(&self, key: &Hash) -> Result<Option<Vec<u8>>> {
        Store::analysis_keys(self, key)
    }
    fn has_analysis(&self, key: &Hash) -> Result<bool> {
        Store::has_analysis(self, key)
    }
    fn census_documents(&self) -> Result<usize> {
        Store::census_documents(self)
    }
    fn census_count(&self, line: i64) -> Result<usize> {
        Store::census_count(self, line)
    }
    fn commit(&mut self, batch: &Batch) -> Result<()> {
        Store::commit(self, batch)
    }
    fn for_each_key(&self, f: &mut dyn FnMut(KeyRow)) -> Result<()> {
        Store::for_each_key(self, f)
    }
    fn dirty_piles(&self) -> Result<Vec<i64>> {
        Store::dirty_piles(self)
    }
    fn piles(&self) -> Result<Vec<PileRow>> {
        Store::piles(self)
    }
    fn pile(&self, id: i64) -> Result<Option<PileRow>> {
        Store::pile(self, id)
    }
    fn save_piles(&mut self, piles: &[(i64, String, Vec<u8>)]) -> Result<()> {
        Store::save_piles(self, piles)
    }
    fn pile_report(&self, id: i64) -> Result<Option<Report>> {
        Store::pile_report(self, id)
    }
    fn documents(&self, filter: &Filter) -> Result<Vec<Document>> {
        Store::documents(self, filter)
    }
    fn piles_of(&self, filter: &Filter) -> Result<Vec<i64>> {
        Store::piles_of(self, filter)
    }
    fn articles(&self) -> Result<Vec<Article>> {
        Store::articles(self)
    }
    fn body(&self, id: &str) -> Result<Option<String>> {
        Store::body(self, id)
    }
    fn delete(&mut self, id: &str) -> Result<bool> {
        Store::delete(self, id)
    }
}

impl<S: Storage + ?Sized> Storage for Box<S> {
    fn article_count(&self) -> Result<usize> {
        (**self).article_count()
    }
    fn analysis_count(&self) -> Result<usize> {
        (**self).analysis_count()
    }
    fn known(&self, id: &str, hash: &Hash) -> Result<Known> {
        (**self).known(id, hash)
    }
    fn id_taken(&self, id: &str) -> Result<bool> {
        (**self).id_taken(id)
    }
    fn analysis(&self, key: &Hash, engine: &str) -> Result<Option<Document>> {
        (**self).analysis(key, engine)
    }
    fn analysis_keys(&self, key: &Hash) -> Result<Option<Vec<u8>>> {
        (**self).analysis_keys(key)
    }
    fn has_analysis(&self, key: &Hash) -> Result<bool> {
        (**self).has_analysis(key)
    }
    fn census_documents(&self) -> Result<usize> {
        (**self).census_documents()
    }
    fn census_count(&self, line: i64) -> Result<usize> {
        (**self).census_count(line)
    }
    fn commit(&mut self, batch: &Batch) -> Result<()> {
        (**self).commit(batch)
    }
    fn for_each_key(&self, f: &mut dyn FnMut(KeyRow)) -> Result<()> {
        (**self).for_each_key(f)
    }
    fn dirty_piles(&self) -> Result<Vec<i64>> {
        (**self).dirty_piles()
    }
    fn piles(&self) -> Result<Vec<PileRow>> {
        (**self).piles()
    }
    fn pile(&self, id: i64) -> Result<Option<PileRow>> {
        (**self).pile(id)
    }
    fn save_piles(&mut self, piles: &[(i64, String, Vec<u8>)]) -> Result<()> {
        (**self).save_piles(piles)
    }
    fn pile_report(&self, id: i64) -> Result<Option<Report>> {
        (**self).pile_report(id)
    }
    fn documents(&self, filter: &Filter) -> Result<Vec<Document>> {
        (**self).documents(filter)
    }
    fn piles_of(&self, filter: &Filter) -> Result<Vec<i64>> {
        (**self).piles_of(filter)
    }
    fn articles(&self) -> Result<Vec<Article>> {
        (**self).articles()
    }
    fn body(&self, id: &str) -> Result<Option<String>> {
        (**self).body(id)
    }
    fn delete(&mut self, id: &str) -> Result<bool> {
        (**self).delete(id)
    }
    fn problems(&self) -> Result<Vec<InputProblem>> {
        (**self).problems()
    }
}

#[cfg(test)]
mod tests;
