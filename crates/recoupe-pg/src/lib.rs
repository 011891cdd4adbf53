//! The shared store in PostgreSQL: the tables of the embedded store (`recoupe-store`),
//! in one schema of a database that any number of workers on any number of machines
//! write to at once. It implements the same [`Storage`] trait, so `ingest`, `report`
//! and `serve` work on it unchanged, and it adds what a cluster needs:
//!
//! - [`PgStore::commit_stream`]: a batch of articles taken from the message stream,
//!   committed in one transaction under their stream sequence numbers, not yet in
//!   piles; an article stored already (same content hash) makes the transaction roll
//!   back and the batch be read again, so a redelivered batch is stored exactly once.
//! - [`PgStore::try_lead`]: the advisory lock that lets one process at a time put the
//!   new articles into piles ([`PgStore::unassigned`], [`PgStore::assign`]) and link
//!   the piles that changed.
//! - problem rows: inputs that could not be read, or that failed again and again, are
//!   stored as one line each and listed in the reports.
//!
//! The layout is created and brought up to date by numbered migrations when a store is
//! opened.

use postgres::{Client, NoTls};
use recoupe_model::{Article, Document, InputProblem, Report};
use recoupe_store::{
    pack, pack_text, unpack, unpack_text, Batch, Filter, Hash, KeyRow, Known, PileRow, Result,
    Storage, StoreError,
};
use std::cell::RefCell;
use std::str::FromStr;

/// The migrations, in order; each runs once per schema, in its own transaction.
const MIGRATIONS: &[(i32, &str)] = &[(
    1,
    "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE analyses (
    key      BYTEA PRIMARY KEY,
    engine   TEXT NOT NULL,
    document BYTEA NOT NULL,
    keys     BYTEA NOT NULL
);
CREATE TABLE articles (
    seq       BIGINT PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    hash      BYTEA NOT NULL UNIQUE,
    analysis  BYTEA NOT NULL REFERENCES analyses(key),
    origin    TEXT NOT NULL,
    from_html BOOLEAN NOT NULL,
    title     TEXT,
    outlet    TEXT,
    published TEXT,
    url       TEXT,
    author    TEXT,
    body      BYTEA NOT NULL,
    pile      BIGINT
);
CREATE INDEX articles_pile ON articles(pile, seq);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_unassigned ON articles(seq) WHERE pile IS NULL;
CREATE TABLE census (
    line      BIGINT PRIMARY KEY,
    documents BIGINT NOT NULL
);
CREATE TABLE piles (
    id        BIGINT PRIMARY KEY,
    documents BIGINT NOT NULL,
    dirty     BOOLEAN NOT NULL,
    summary   TEXT,
    report    BYTEA
);
CREATE INDEX piles_dirty ON piles(dirty) WHERE dirty;
CREATE TABLE problems (
    seq    BIGINT PRIMARY KEY,
    input  TEXT NOT NULL,
    reason TEXT NOT NULL
);
-- Articles written directly (not from the stream: `serve` uploads, `ingest`) are
-- numbered far above any stream sequence.
CREATE SEQUENCE direct_seq START WITH 1099511627776;
",
)];

/// The document of a row whose columns from `c` on are the article's id, origin, url,
/// author and packed analysed document.
fn document_at(r: &postgres::Row, c: usize) -> Result<Document> {
    let id: String = r.get(c);
    let mut d: Document = unpack(r.get::<_, &[u8]>(c + 4), &format!("document {id}"))?;
    d.id = id;
    d.origin = r.get(c + 1);
    d.url = r.get(c + 2);
    d.author = r.get(c + 3);
    Ok(d)
}

fn backend(e: postgres::Error) -> StoreError {
    StoreError::Backend(Box::new(e))
}

/// Whether a store error means the database cannot be reached (rather than a refused
/// statement): the connection is closed or cannot be made, or the server is shutting
/// down or starting.
pub fn is_unreachable(e: &StoreError) -> bool {
    let StoreError::Backend(b) = e else {
        return false;
    };
    let Some(pg) = b.downcast_ref::<postgres::Error>() else {
        return false;
    };
    if pg.is_closed() {
        return true;
    }
    if let Some(d) = pg.as_db_error() {
        // admin_shutdown, crash_shutdown, cannot_connect_now, and connection exceptions
        let code = d.code().code();
        return matches!(code, "57P01" | "57P02" | "57P03") || code.starts_with("08");
    }
    let mut source = std::error::Error::source(pg);
    while let Some(s) = source {
        if s.is::<std::io::Error>() {
            return true;
        }
        source = s.source();
    }
    false
}

/// A schema name as accepted: lower-case letters, digits and `_`, not starting with a
/// digit, at most 63 bytes.
pub fn valid_schema(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Whether a `--db` value names a PostgreSQL database rather than an SQLite file.
pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// The shared store: one schema of a PostgreSQL database.
pub struct PgStore {
    client: RefCell<Client>,
    url: String,
    schema: String,
}

/// A stored article as the cluster's linker needs it: its stream position, analysis key
/// and the compact keys of that analysis.
pub struct Unassigned {
    pub seq: i64,
    pub analysis: Hash,
    pub keys: Vec<u8>,
}

/// What [`PgStore::commit_stream`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Committed {
    /// Everything is in.
    Done,
    /// Another process stored one of these articles (or took one of their ids) since the
    /// batch was read: nothing was written; read the batch again.
    Raced,
}

fn hash_of(bytes: &[u8]) -> Hash {
    let mut h = [0u8; 16];
    if bytes.len() == 16 {
        h.copy_from_slice(bytes);
    }
    h
}

fn connect(url: &str, schema: &str) -> Result<Client> {
    let mut config = postgres::Config::from_str(url).map_err(backend)?;
    config.options(&format!("-c search_path={schema}"));
    config.connect_timeout(std::time::Duration::from_secs(5));
    config.connect(NoTls).map_err(backend)
}

impl PgStore {
    /// Connect to the database at `url` and use (or create) its schema `schema`,
    /// applying the migrations it lacks.
    pub fn open(url: &str, schema: &str) -> Result<PgStore> {
        if !valid_schema(schema) {
            return Err(StoreError::Corrupt {
                what: format!("schema name {schema:?}"),
                reason: "use lower-case letters, digits and _".into(),
            });
        }
        let mut client = connect(url, schema)?;
        let mut tx = client.transaction().map_err(backend)?;
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtext('recoupe-migrate:' || $1))",
            &[&schema],
        )
        .map_err(backend)?;
        tx.batch_execute(&format!(
            "CREATE SCHEMA IF NOT EXISTS {schema};
             CREATE TABLE IF NOT EXISTS {schema}.migrations (version INTEGER PRIMARY KEY);"
        ))
        .map_err(backend)?;
        let applied: Vec<i32> = tx
            .query("SELECT version FROM migrations", &[])
            .map_err(backend)?
            .iter()
            .map(|r| r.get(0))
            .collect();
        for (version, sql) in MIGRATIONS {
            if !applied.contains(version) {
                tx.batch_execute(sql).map_err(backend)?;
                tx.execute("INSERT INTO migrations (version) VALUES ($1)", &[version])
                    .map_err(backend)?;
            }
        }
        if let Some(newest) = applied.iter().max() {
            let known = MIGRATIONS.last().map(|m| m.0).unwrap_or(0);
            if *newest > known {
                return Err(StoreError::Layout {
                    found: format!("postgres migration {newest}"),
                });
            }
        }
        tx.commit().map_err(backend)?;
        Ok(PgStore {
            client: RefCell::new(client),
            url: url.to_string(),
            schema: schema.to_string(),
        })
    }

    /// The schema this store lives in.
    pub fn schema(&self) -> &str {
        &self.schema
    }

    /// Whether the connection is lost.
    pub fn is_closed(&self) -> bool {
        self.client.borrow().is_closed()
    }

    /// Connect again (after the database came back).
    pub fn reconnect(&mut self) -> Result<()> {
        *self.client.get_mut() = connect(&self.url, &self.schema)?;
        Ok(())
    }

    /// Drop a schema and everything in it (tests, and a cluster taken down).
    pub fn drop_schema(url: &str, schema: &str) -> Result<()> {
        if !valid_schema(schema) {
            return Ok(());
        }
        let mut client = connect(url, "public")?;
        client
            .batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
            .map_err(backend)
    }

    /// Commit a batch read from the stream in one transaction: its new articles under
    /// their stream sequence numbers `seqs` (one per article of `batch`), not in piles
    /// yet; its analyses and census counts; and `problems`, inputs stored as a problem
    /// row under their own sequence numbers (a row already there is kept).
    pub fn commit_stream(
        &mut self,
        batch: &Batch,
        seqs: &[i64],
        problems: &[(i64, InputProblem)],
    ) -> Result<Committed> {
        let client = self.client.get_mut();
        let mut tx = client.transaction().map_err(backend)?;
        {
            let analysis = tx
                .prepare(
                    "INSERT INTO analyses (key, engine, document, keys) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (key) DO NOTHING",
                )
                .map_err(backend)?;
            for a in &batch.analyses {
                let doc = pack(a.document, "analysis")?;
                tx.execute(&analysis, &[&&a.key[..], &a.engine, &doc, &a.keys])
                    .map_err(backend)?;
            }
            let article = tx
                .prepare(
                    "INSERT INTO articles (seq, id, hash, analysis, origin, from_html, title,
                        outlet, published, url, author, body, pile)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL)
                     ON CONFLICT DO NOTHING",
                )
                .map_err(backend)?;
            for (n, seq) in batch.articles.iter().zip(seqs) {
                let a = n.article;
                let inserted = tx
                    .execute(
                        &article,
                        &[
                            seq,
                            &n.id,
                            &&n.hash[..],
                            &&n.analysis[..],
                            &a.origin,
                            &a.from_html,
                            &a.title,
                            &a.outlet,
                            &a.published,
                            &a.url,
                            &a.author,
                            &pack_text(&a.body),
                        ],
                    )
                    .map_err(backend)?;
                if inserted == 0 {
                    tx.rollback().map_err(backend)?;
                    return Ok(Committed::Raced);
                }
            }
            census(&mut tx, batch)?;
            let problem = tx
                .prepare(
                    "INSERT INTO problems (seq, input, reason) VALUES ($1, $2, $3)
                     ON CONFLICT (seq) DO NOTHING",
                )
                .map_err(backend)?;
            for (seq, p) in problems {
                tx.execute(
                    &problem,
                    &[seq, &p.input.replace('\0', ""), &p.reason.replace('\0', "")],
                )
                .map_err(backend)?;
            }
        }
        tx.commit().map_err(backend)?;
        Ok(Committed::Done)
    }

    /// Take the linker's lock if no other process holds it (held until
    /// [`PgStore::release_lead`] or the connection ends).
    pub fn try_lead(&self) -> Result<bool> {
        let row = self
            .client
            .borrow_mut()
            .query_one(
                "SELECT pg_try_advisory_lock(hashtext('recoupe-link:' || $1))",
                &[&self.schema],
            )
            .map_err(backend)?;
        Ok(row.get(0))
    }

    /// Give the linker's lock back.
    pub fn release_lead(&self) -> Result<()> {
        self.client
            .borrow_mut()
            .execute(
                "SELECT pg_advisory_unlock(hashtext('recoupe-link:' || $1))",
                &[&self.schema],
            )
            .map_err(backend)?;
        Ok(())
    }

    /// Link up to `n` dirty piles that no other worker is linking, with `link`, and
    /// store what it gives; returns how many were linked (0: none was free).
    ///
    /// The piles are taken with `FOR UPDATE SKIP LOCKED` in one transaction that also
    /// reads their documents and saves their reports: workers link different piles at
    /// once, a pile being linked is never taken twice, and an article put into it
    /// meanwhile waits for the commit and makes it dirty again. A worker that dies
    /// mid-way leaves its piles dirty for the others.
    pub fn link_free_piles(
        &mut self,
        n: usize,
        link: impl FnOnce(Vec<(i64, Vec<Document>)>) -> Result<Vec<(i64, String, Vec<u8>)>>,
    ) -> Result<usize> {
        let mut tx = self.client.get_mut().transaction().map_err(backend)?;
        let ids: Vec<i64> = tx
            .query(
                "SELECT id FROM piles WHERE dirty ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED",
                &[&(n as i64)],
            )
            .map_err(backend)?
            .iter()
            .map(|r| r.get(0))
            .collect();
        if ids.is_empty() {
            return Ok(0);
        }
        let rows = tx
            .query(
                "SELECT a.pile, a.id, a.origin, a.url, a.author, n.document FROM articles a
                 JOIN analyses n ON n.key = a.analysis
                 WHERE a.pile = ANY($1) ORDER BY a.pile, a.seq",
                &[&ids],
            )
            .map_err(backend)?;
        let mut piles: Vec<(i64, Vec<Document>)> = ids.iter().map(|&id| (id, Vec::new())).collect();
        let at: std::collections::HashMap<i64, usize> =
            ids.iter().enumerate().map(|(k, &id)| (id, k)).collect();
        for r in &rows {
            let pile: i64 = r.get(0);
            piles[at[&pile]].1.push(document_at(r, 1)?);
        }
        let linked = link(piles)?;
        let stmt = tx
            .prepare("UPDATE piles SET dirty = FALSE, summary = $2, report = $3 WHERE id = $1")
            .map_err(backend)?;
        for (id, summary, blob) in &linked {
            tx.execute(&stmt, &[id, summary, blob]).map_err(backend)?;
        }
        tx.commit().map_err(backend)?;
        Ok(linked.len())
    }

    /// The stored articles not in a pile yet whose stream position is below `below`,
    /// in stream order.
    pub fn unassigned(&self, below: i64) -> Result<Vec<Unassigned>> {
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT a.seq, a.analysis, n.keys FROM articles a
                 JOIN analyses n ON n.key = a.analysis
                 WHERE a.pile IS NULL AND a.seq < $1 ORDER BY a.seq",
                &[&below],
            )
            .map_err(backend)?;
        Ok(rows
            .iter()
            .map(|r| Unassigned {
                seq: r.get(0),
                analysis: hash_of(r.get(1)),
                keys: r.get(2),
            })
            .collect())
    }

    /// How many stored articles are not in a pile yet, and how many piles await linking.
    pub fn pending(&self) -> Result<(usize, usize)> {
        let row = self
            .client
            .borrow_mut()
            .query_one(
                "SELECT (SELECT COUNT(*) FROM articles WHERE pile IS NULL),
                        (SELECT COUNT(*) FROM piles WHERE dirty)",
                &[],
            )
            .map_err(backend)?;
        Ok((row.get::<_, i64>(0) as usize, row.get::<_, i64>(1) as usize))
    }

    /// Put articles (by stream position) into their piles, which become dirty, in one
    /// transaction.
    pub fn assign(&mut self, rows: &[(i64, i64)]) -> Result<()> {
        let mut tx = self.client.get_mut().transaction().map_err(backend)?;
        {
            let article = tx
                .prepare("UPDATE articles SET pile = $2 WHERE seq = $1 AND pile IS NULL")
                .map_err(backend)?;
            let pile = tx
                .prepare(
                    "INSERT INTO piles (id, documents, dirty) VALUES ($1, 1, TRUE)
                     ON CONFLICT (id) DO UPDATE SET documents = piles.documents + 1, dirty = TRUE",
                )
                .map_err(backend)?;
            for (seq, p) in rows {
                if tx.execute(&article, &[seq, p]).map_err(backend)? == 1 {
                    tx.execute(&pile, &[p]).map_err(backend)?;
                }
            }
        }
        tx.commit().map_err(backend)
    }
}

/// The census counts of a batch, in the order of their hashes (so that two workers
/// committing at once take the row locks in one order and never deadlock).
fn census(tx: &mut postgres::Transaction, batch: &Batch) -> Result<()> {
    let mut lines = batch.census_lines.clone();
    lines.sort_unstable();
    let census = tx
        .prepare(
            "INSERT INTO census (line, documents) VALUES ($1, $2)
             ON CONFLICT (line) DO UPDATE SET documents = census.documents + excluded.documents",
        )
        .map_err(backend)?;
    for (line, n) in &lines {
        tx.execute(&census, &[line, &(*n as i64)])
            .map_err(backend)?;
    }
    if batch.census_documents > 0 {
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('census_documents', $1)
             ON CONFLICT (key) DO UPDATE SET value = (CAST(meta.value AS BIGINT) + CAST(excluded.value AS BIGINT))::TEXT",
            &[&batch.census_documents.to_string()],
        )
        .map_err(backend)?;
    }
    Ok(())
}

fn pile_row(r: &postgres::Row) -> PileRow {
    PileRow {
        id: r.get(0),
        documents: r.get::<_, i64>(1) as usize,
        dirty: r.get(2),
        summary: r.get(3),
    }
}

impl Storage for PgStore {
    fn article_count(&self) -> Result<usize> {
        let r = self
            .client
            .borrow_mut()
            .query_one("SELECT COUNT(*) FROM articles", &[])
            .map_err(backend)?;
        Ok(r.get::<_, i64>(0) as usize)
    }

    fn analysis_count(&self) -> Result<usize> {
        let r = self
            .client
            .borrow_mut()
            .query_one("SELECT COUNT(*) FROM analyses", &[])
            .map_err(backend)?;
        Ok(r.get::<_, i64>(0) as usize)
    }

    fn known(&self, id: &str, hash: &Hash) -> Result<Known> {
        let mut c = self.client.borrow_mut();
        if c.query_opt("SELECT 1 FROM articles WHERE hash = $1", &[&&hash[..]])
            .map_err(backend)?
            .is_some()
        {
            return Ok(Known::Stored);
        }
        Ok(
            if c.query_opt("SELECT 1 FROM articles WHERE id = $1", &[&id])
                .map_err(backend)?
                .is_some()
            {
                Known::IdTaken
            } else {
                Known::New
            },
        )
    }

    fn id_taken(&self, id: &str) -> Result<bool> {
        Ok(self
            .client
            .borrow_mut()
            .query_opt("SELECT 1 FROM articles WHERE id = $1", &[&id])
            .map_err(backend)?
            .is_some())
    }

    fn analysis(&self, key: &Hash, engine: &str) -> Result<Option<Document>> {
        let row = self
            .client
            .borrow_mut()
            .query_opt(
                "SELECT document FROM analyses WHERE key = $1 AND engine = $2",
                &[&&key[..], &engine],
            )
            .map_err(backend)?;
        row.map(|r| unpack(r.get::<_, &[u8]>(0), "analysis"))
            .transpose()
    }

    fn analysis_keys(&self, key: &Hash) -> Result<Option<Vec<u8>>> {
        Ok(self
            .client
            .borrow_mut()
            .query_opt("SELECT keys FROM analyses WHERE key = $1", &[&&key[..]])
            .map_err(backend)?
            .map(|r| r.get(0)))
    }

    fn has_analysis(&self, key: &Hash) -> Result<bool> {
        Ok(self
            .client
            .borrow_mut()
            .query_opt("SELECT 1 FROM analyses WHERE key = $1", &[&&key[..]])
            .map_err(backend)?
            .is_some())
    }

    fn census_documents(&self) -> Result<usize> {
        let v: Option<String> = self
            .client
            .borrow_mut()
            .query_opt("SELECT value FROM meta WHERE key = 'census_documents'", &[])
            .map_err(backend)?
            .map(|r| r.get(0));
        Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    fn census_count(&self, line: i64) -> Result<usize> {
        Ok(self
            .client
            .borrow_mut()
            .query_opt("SELECT documents FROM census WHERE line = $1", &[&line])
            .map_err(backend)?
            .map(|r| r.get::<_, i64>(0))
            .unwrap_or(0) as usize)
    }

    fn commit(&mut self, batch: &Batch) -> Result<()> {
        let mut tx = self.client.get_mut().transaction().map_err(backend)?;
        {
            let analysis = tx
                .prepare(
                    "INSERT INTO analyses (key, engine, document, keys) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (key) DO UPDATE SET engine = excluded.engine,
                        document = excluded.document, keys = excluded.keys",
                )
                .map_err(backend)?;
            for a in &batch.analyses {
                let doc = pack(a.document, "analysis")?;
                tx.execute(&analysis, &[&&a.key[..], &a.engine, &doc, &a.keys])
                    .map_err(backend)?;
            }
            let article = tx
                .prepare(
                    "INSERT INTO articles (seq, id, hash, analysis, origin, from_html, title,
                        outlet, published, url, author, body, pile)
                     VALUES (nextval('direct_seq'), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                )
                .map_err(backend)?;
            let pile = tx
                .prepare(
                    "INSERT INTO piles (id, documents, dirty) VALUES ($1, 1, TRUE)
                     ON CONFLICT (id) DO UPDATE SET documents = piles.documents + 1, dirty = TRUE",
                )
                .map_err(backend)?;
            for n in &batch.articles {
                let a = n.article;
                tx.execute(
                    &article,
                    &[
                        &n.id,
                        &&n.hash[..],
                        &&n.analysis[..],
                        &a.origin,
                        &a.from_html,
                        &a.title,
                        &a.outlet,
                        &a.published,
                        &a.url,
                        &a.author,
                        &pack_text(&a.body),
                        &n.pile,
                    ],
                )
                .map_err(backend)?;
                tx.execute(&pile, &[&n.pile]).map_err(backend)?;
            }
            census(&mut tx, batch)?;
        }
        tx.commit().map_err(backend)
    }

    fn for_each_key(&self, f: &mut dyn FnMut(KeyRow)) -> Result<()> {
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT a.seq, a.pile, a.analysis, n.keys FROM articles a
                 JOIN analyses n ON n.key = a.analysis
                 WHERE a.pile IS NOT NULL ORDER BY a.seq",
                &[],
            )
            .map_err(backend)?;
        for r in rows {
            f(KeyRow {
                seq: r.get(0),
                pile: r.get(1),
                analysis: hash_of(r.get(2)),
                keys: r.get(3),
            });
        }
        Ok(())
    }

    fn dirty_piles(&self) -> Result<Vec<i64>> {
        Ok(self
            .client
            .borrow_mut()
            .query("SELECT id FROM piles WHERE dirty ORDER BY id", &[])
            .map_err(backend)?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    fn piles(&self) -> Result<Vec<PileRow>> {
        Ok(self
            .client
            .borrow_mut()
            .query(
                "SELECT id, documents, dirty, summary FROM piles ORDER BY documents DESC, id",
                &[],
            )
            .map_err(backend)?
            .iter()
            .map(pile_row)
            .collect())
    }

    fn pile(&self, id: i64) -> Result<Option<PileRow>> {
        Ok(self
            .client
            .borrow_mut()
            .query_opt(
                "SELECT id, documents, dirty, summary FROM piles WHERE id = $1",
                &[&id],
            )
            .map_err(backend)?
            .as_ref()
            .map(pile_row))
    }

    fn save_piles(&mut self, piles: &[(i64, String, Vec<u8>)]) -> Result<()> {
        let mut tx = self.client.get_mut().transaction().map_err(backend)?;
        {
            let stmt = tx
                .prepare("UPDATE piles SET dirty = FALSE, summary = $2, report = $3 WHERE id = $1")
                .map_err(backend)?;
            for (id, summary, blob) in piles {
                tx.execute(&stmt, &[id, summary, blob]).map_err(backend)?;
            }
        }
        tx.commit().map_err(backend)
    }

    fn pile_report(&self, id: i64) -> Result<Option<Report>> {
        let row = self
            .client
            .borrow_mut()
            .query_opt(
                "SELECT report FROM piles WHERE id = $1 AND NOT dirty",
                &[&id],
            )
            .map_err(backend)?;
        row.and_then(|r| r.get::<_, Option<Vec<u8>>>(0))
            .map(|b| unpack(&b, &format!("report of pile {id}")))
            .transpose()
    }

    fn documents(&self, filter: &Filter) -> Result<Vec<Document>> {
        let mut sql = String::from(
            "SELECT a.id, a.origin, a.url, a.author, n.document FROM articles a
             JOIN analyses n ON n.key = a.analysis WHERE TRUE",
        );
        let piles = filter.piles.clone();
        let since = filter.since.clone();
        let mut args: Vec<&(dyn postgres::types::ToSql + Sync)> = Vec::new();
        if let Some(p) = &piles {
            args.push(p);
            sql += &format!(" AND a.pile = ANY(${})", args.len());
        }
        if let Some(s) = &since {
            args.push(s);
            sql += &format!(" AND a.published >= ${}", args.len());
        }
        sql += " ORDER BY a.seq";
        if let Some(limit) = filter.limit {
            sql += &format!(" LIMIT {limit}");
        }
        let rows = self
            .client
            .borrow_mut()
            .query(&sql, &args)
            .map_err(backend)?;
        rows.iter().map(|r| document_at(r, 0)).collect()
    }

    fn piles_of(&self, filter: &Filter) -> Result<Vec<i64>> {
        let since = filter.since.clone();
        let rows = match &since {
            Some(s) => self.client.borrow_mut().query(
                "SELECT DISTINCT pile FROM articles WHERE pile IS NOT NULL AND published >= $1 ORDER BY pile",
                &[s],
            ),
            None => self.client.borrow_mut().query(
                "SELECT DISTINCT pile FROM articles WHERE pile IS NOT NULL ORDER BY pile",
                &[],
            ),
        }
        .map_err(backend)?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn articles(&self) -> Result<Vec<Article>> {
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT id, origin, body, from_html, title, outlet, published, url, author
                 FROM articles ORDER BY seq",
                &[],
            )
            .map_err(backend)?;
        rows.iter()
            .map(|r| {
                let id: String = r.get(0);
                Ok(Article {
                    body: unpack_text(r.get::<_, &[u8]>(2), &format!("body of {id}"))?,
                    origin: r.get(1),
                    from_html: r.get(3),
                    title: r.get(4),
                    outlet: r.get(5),
                    published: r.get(6),
                    url: r.get(7),
                    author: r.get(8),
                    id,
                })
            })
            .collect()
    }

    fn body(&self, id: &str) -> Result<Option<String>> {
        let row = self
            .client
            .borrow_mut()
            .query_opt("SELECT body FROM articles WHERE id = $1", &[&id])
            .map_err(backend)?;
        row.map(|r| unpack_text(r.get::<_, &[u8]>(0), &format!("body of {id}")))
            .transpose()
    }

    fn delete(&mut self, id: &str) -> Result<bool> {
        let mut tx = self.client.get_mut().transaction().map_err(backend)?;
        let pile: Option<Option<i64>> = tx
            .query_opt("SELECT pile FROM articles WHERE id = $1", &[&id])
            .map_err(backend)?
            .map(|r| r.get(0));
        let Some(pile) = pile else {
            return Ok(false);
        };
        tx.execute("DELETE FROM articles WHERE id = $1", &[&id])
            .map_err(backend)?;
        if let Some(pile) = pile {
            tx.execute(
                "UPDATE piles SET documents = documents - 1, dirty = TRUE WHERE id = $1",
                &[&pile],
            )
            .map_err(backend)?;
            tx.execute(
                "DELETE FROM piles WHERE id = $1 AND documents <= 0",
                &[&pile],
            )
            .map_err(backend)?;
        }
        tx.commit().map_err(backend)?;
        Ok(true)
    }

    fn problems(&self) -> Result<Vec<InputProblem>> {
        Ok(self
            .client
            .borrow_mut()
            .query("SELECT input, reason FROM problems ORDER BY seq", &[])
            .map_err(backend)?
            .iter()
            .map(|r| InputProblem {
                input: r.get(0),
                reason: r.get(1),
            })
            .collect())
    }
}
