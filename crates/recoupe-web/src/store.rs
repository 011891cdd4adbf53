//! The store behind `recoupe serve`: the same SQLite store `recoupe ingest` writes
//! (`recoupe-store`), so a server opens what an ingest filled, and an article added in
//! the browser is in the store for `recoupe report`.
//!
//! This module only adapts: it keeps the connection behind a lock (every call takes it
//! for its own duration only) and gives the story its articles with their documents. It
//! does no analysis and no HTTP.

use recoupe_model::{Article, Document};
use recoupe_store::Storage;
use std::path::Path;
use std::sync::Mutex;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Store(#[from] recoupe_store::StoreError),
    #[error("stored document {id} cannot be read: {reason}")]
    Corrupt { id: String, reason: String },
    #[error("the database lock was poisoned by a panic")]
    Poisoned,
}

/// An article with its stored analysis, if any.
pub struct StoredArticle {
    pub article: Article,
    pub document: Option<Document>,
}

/// Any backend of the store: the embedded SQLite file, or a shared database.
type Backend = Box<dyn recoupe_store::Storage + Send>;

pub struct Store {
    inner: Mutex<Backend>,
}

impl Store {
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Ok(Store::with(Box::new(recoupe_store::Store::open(path)?)))
    }

    pub fn in_memory() -> Result<Store, StoreError> {
        Ok(Store::with(Box::new(recoupe_store::Store::in_memory()?)))
    }

    /// A store over another backend (the shared PostgreSQL store of a cluster).
    pub fn with(backend: Backend) -> Store {
        Store {
            inner: Mutex::new(backend),
        }
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Backend>, StoreError> {
        self.inner.lock().map_err(|_| StoreError::Poisoned)
    }

    /// Every stored article with its document, in the order they were added.
    pub fn load(&self) -> Result<Vec<StoredArticle>, StoreError> {
        let store = self.lock()?;
        let articles = store.articles()?;
        let mut documents: std::collections::HashMap<String, Document> = store
            .documents(&recoupe_store::Filter::default())?
            .into_iter()
            .map(|d| (d.id.clone(), d))
            .collect();
        Ok(articles
            .into_iter()
            .map(|a| {
                let document = documents.remove(&a.id);
                StoredArticle {
                    article: a,
                    document,
                }
            })
            .collect())
    }

    /// One stored article's body as given.
    pub fn body(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self.lock()?.body(id)?)
    }

    /// Store analysed articles; a stored id is replaced.
    pub fn put(&self, items: &[(Article, Document)]) -> Result<(), StoreError> {
        let mut store = self.lock()?;
        recoupe::ingest::put_analysed(&mut **store, items)?;
        Ok(())
    }

    /// Remove an article; false when there was none.
    pub fn delete(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self.lock()?.delete(id)?)
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

    fn document(id: &str, text: &str) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            origin: format!("{id}.txt"),
            ..Default::default()
        }
    }

    #[test]
    fn put_load_replace_delete() {
        let s = Store::in_memory().unwrap();
        s.put(&[
            (article("b", "deux"), document("b", "deux")),
            (article("a", "un"), document("a", "un")),
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
        s.put(&[(article("b", "deux bis"), document("b", "deux bis"))])
            .unwrap();
        let all = s.load().unwrap();
        assert_eq!(all.len(), 2);
        let b = all.iter().find(|x| x.article.id == "b").unwrap();
        assert_eq!(b.article.body, "deux bis");
        assert_eq!(b.document.as_ref().unwrap().text, "deux bis");
        assert_eq!(s.body("a").unwrap().as_deref(), Some("un"));
        assert!(s.delete("a").unwrap());
        assert!(!s.delete("a").unwrap());
        assert_eq!(s.load().unwrap().len(), 1);
    }

    #[test]
    fn survives_a_reopen_and_reads_what_ingest_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.sqlite");
        {
            let s = Store::open(&path).unwrap();
            s.put(&[(article("x", "texte"), document("x", "Le maire a parlé."))])
                .unwrap();
        }
        {
            let mut store = recoupe_store::Store::open(&path).unwrap();
            let a = article("y", "Le conseil a voté le budget.");
            recoupe::ingest::ingest(
                &mut store,
                std::iter::once(Ok(a)),
                &recoupe::Options::default(),
                &recoupe::Silent,
            )
            .unwrap();
        }
        let s = Store::open(&path).unwrap();
        let all = s.load().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].document.as_ref().unwrap().text, "Le maire a parlé.");
        assert_eq!(all[1].article.id, "y");
        assert!(all[1].document.as_ref().unwrap().text.contains("budget"));
    }
}
