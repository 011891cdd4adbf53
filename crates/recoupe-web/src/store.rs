//! The SQLite store behind `recoupe serve`: the articles as given and each one's
//! per-document analysis, so that a restart loses nothing and a new article does not
//! re-run the per-document stages of the others.
//!
//! Two tables: `articles` (the input, in the order it was added) and `documents` (the
//! [`Document`] JSON that `recoupe::analyze_document` made of it, stamped with the
//! engine version that made it). Story-level results (entities across documents,
//! duplicates, timeline, claims) are not stored: they are recomputed from the stored
//! documents when the server starts and after each change, which takes far less time
//! than the per-document stages.
//!
//! This module does no analysis and no HTTP; every call takes the connection's lock for
//! its own duration only.

use recoupe_model::{Article, Document};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;
use std::sync::Mutex;

/// The version stamp of stored analyses; documents made by another version are
/// analysed again when the store is opened.
pub const ENGINE_STAMP: &str = concat!("recoupe-", env!("CARGO_PKG_VERSION"), "/1");

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("stored document {id} cannot be read: {reason}")]
    Corrupt { id: String, reason: String },
    #[error("the database lock was poisoned by a panic")]
    Poisoned,
}

/// An article with the stamp of its stored analysis, if any.
pub struct StoredArticle {
    pub article: Article,
    pub document: Option<Document>,
}

pub struct Store {
    conn: Mutex<Connection>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS articles (
    id        TEXT PRIMARY KEY,
    seq       INTEGER NOT NULL,
    origin    TEXT NOT NULL,
    body      TEXT NOT NULL,
    from_html INTEGER NOT NULL,
    title     TEXT,
    outlet    TEXT,
    published TEXT,
    url       TEXT,
    author    TEXT
);
CREATE TABLE IF NOT EXISTS documents (
    id     TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    engine TEXT NOT NULL,
    json   TEXT NOT NULL
);
";

impl Store {
    /// Open (or create) the store in the file at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::setup(Connection::open(path)?)
    }

    /// A store that lives in memory only, for tests.
    pub fn in_memory() -> Result<Store, StoreError> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(conn: Connection) -> Result<Store, StoreError> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // WAL keeps readers going during a write; in-memory databases ignore it.
        let _: Option<String> = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .optional()?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Connection>, StoreError> {
        self.conn.lock().map_err(|_| StoreError::Poisoned)
    }

    /// Every article in the order it was added, with its stored analysis when that was
    /// made by this engine version.
    pub fn load(&self) -> Result<Vec<StoredArticle>, StoreError> {
        let conn = self.lock()?;
        let mut stmt = conn.prepare(
            "SELECT a.id, a.origin, a.body, a.from_html, a.title, a.outlet, a.published, a.url,
                    a.author, d.engine, d.json
             FROM articles a LEFT JOIN documents d ON d.id = a.id
             ORDER BY a.seq",
        )?;
        let rows = stmt.query_map([], |r| {
            let article = Article {
                id: r.get(0)?,
                origin: r.get(1)?,
                body: r.get(2)?,
                from_html: r.get::<_, i64>(3)? != 0,
                title: r.get(4)?,
                outlet: r.get(5)?,
                published: r.get(6)?,
                url: r.get(7)?,
                author: r.get(8)?,
            };
            let engine: Option<String> = r.get(9)?;
            let json: Option<String> = r.get(10)?;
            Ok((article, engine, json))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (article, engine, json) = row?;
            let document = match (engine, json) {
                (Some(e), Some(j)) if e == ENGINE_STAMP => Some(
                    serde_json::from_str::<Document>(&j).map_err(|e| StoreError::Corrupt {
                        id: article.id.clone(),
                        reason: e.to_string(),
                    })?,
                ),
                _ => None,
            };
            out.push(StoredArticle { article, document });
        }
        Ok(out)
    }

    /// The stored body of article `id`, if there is one.
    pub fn body(&self, id: &str) -> Result<Option<String>, StoreError> {
        let conn = self.lock()?;
        Ok(conn
            .query_row("SELECT body FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Store articles with their analyses, in one transaction: an article whose id is
    /// already stored is replaced (and keeps its place in the order).
    pub fn put(&self, items: &[(Article, Document)]) -> Result<(), StoreError> {
        let mut conn = self.lock()?;
        let tx = conn.transaction()?;
        {
            let first: i64 =
                tx.query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles", [], |r| {
                    r.get(0)
                })?;
            let mut upsert = tx.prepare(
                "INSERT INTO articles (id, seq, origin, body, from_html, title, outlet, published, url, author)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT(id) DO UPDATE SET origin = excluded.origin, body = excluded.body,
                   from_html = excluded.from_html, title = excluded.title, outlet = excluded.outlet,
                   published = excluded.published, url = excluded.url, author = excluded.author",
            )?;
            let mut doc = tx.prepare(
                "INSERT INTO documents (id, engine, json) VALUES (?1, ?2, ?3)
                 ON CONFLICT(id) DO UPDATE SET engine = excluded.engine, json = excluded.json",
            )?;
            for ((a, d), seq) in items.iter().zip(first..) {
                upsert.execute(params![
                    a.id,
                    seq,
                    a.origin,
                    a.body,
                    a.from_html as i64,
                    a.title,
                    a.outlet,
                    a.published,
                    a.url,
                    a.author
                ])?;
                let json = serde_json::to_string(d).map_err(|e| StoreError::Corrupt {
                    id: d.id.clone(),
                    reason: e.to_string(),
                })?;
                doc.execute(params![a.id, ENGINE_STAMP, json])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Remove article `id` and its analysis; false when there was none.
    pub fn delete(&self, id: &str) -> Result<bool, StoreError> {
        let conn = self.lock()?;
        conn.execute("DELETE FROM documents WHERE id = ?1", [id])?;
        Ok(conn.execute("DELETE FROM articles WHERE id = ?1", [id])? > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, body: &str) -> Article {
        Article {
            id: id.into(),
            origin: format!("{id}.txt"),
            body: body.into(),
            title: Some("Un titre".into()),
            ..Default::default()
        }
    }

    fn document(id: &str) -> Document {
        Document {
            id: id.into(),
            text: "Le maire a parlé.".into(),
            ..Default::default()
        }
    }

    #[test]
    fn put_load_replace_delete() {
        let s = Store::in_memory().unwrap();
        s.put(&[
            (article("b", "deux"), document("b")),
            (article("a", "un"), document("a")),
        ])
        .unwrap();
        let all = s.load().unwrap();
        assert_eq!(
            all.iter()
                .map(|x| x.article.id.as_str())
                .collect::<Vec<_>>(),
            ["b", "a"]
        );
        assert!(all.iter().all(|x| x.document.is_some()));
        s.put(&[(article("b", "deux bis"), document("b"))]).unwrap();
        let all = s.load().unwrap();
        assert_eq!(all[0].article.id, "b");
        assert_eq!(all[0].article.body, "deux bis");
        assert_eq!(s.body("a").unwrap().as_deref(), Some("un"));
        assert!(s.delete("a").unwrap());
        assert!(!s.delete("a").unwrap());
        assert_eq!(s.load().unwrap().len(), 1);
    }

    #[test]
    fn survives_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.sqlite");
        {
            let s = Store::open(&path).unwrap();
            s.put(&[(article("x", "texte"), document("x"))]).unwrap();
        }
        let s = Store::open(&path).unwrap();
        let all = s.load().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].document.as_ref().unwrap().text, "Le maire a parlé.");
    }
}
