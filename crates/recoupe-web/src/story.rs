//! The story a server holds: the stored articles, their per-document analyses and the
//! current report, kept in step.
//!
//! Adding articles is incremental: only the new (or changed) articles run the
//! per-document stages (`recoupe::analyze_document`), then the story-level linking runs
//! again over every stored document (`recoupe::link_documents`), and the new report
//! replaces the old one at once. Readers never wait for an analysis: they get the last
//! finished report. Writers are serialized.
//!
//! The boilerplate census (lines repeated across articles) is built over all stored
//! bodies plus the new ones when a new article is analysed; documents analysed earlier
//! keep the cleaning they had.

use crate::store::{Store, StoreError};
use rayon::prelude::*;
use recoupe_clean::LineCensus;
use recoupe_model::{Article, Document, Report};
use serde::Serialize;
use std::sync::{Arc, Mutex, RwLock};

pub struct Story {
    store: Store,
    options: recoupe::Options,
    report: RwLock<Arc<Report>>,
    writer: Mutex<()>,
}

/// What adding articles did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Added {
    /// Ids analysed and stored (new or changed).
    pub analysed: Vec<String>,
    /// Ids already stored with the same text: nothing to do.
    pub unchanged: Vec<String>,
    /// How many documents the story has now.
    pub documents: usize,
}

impl Story {
    /// Open the story in `store`: documents analysed by another engine version are
    /// analysed again, then the story is linked.
    pub fn open(store: Store, options: recoupe::Options) -> Result<Story, StoreError> {
        let story = Story {
            store,
            options,
            report: RwLock::new(Arc::new(Report::default())),
            writer: Mutex::new(()),
        };
        let stored = story.store.load()?;
        let stale: Vec<Article> = stored
            .iter()
            .filter(|s| s.document.is_none())
            .map(|s| s.article.clone())
            .collect();
        if stale.is_empty() {
            story.relink(stored.into_iter().filter_map(|s| s.document).collect());
        } else {
            story.add(stale)?;
        }
        Ok(story)
    }

    /// The last finished report.
    pub fn report(&self) -> Arc<Report> {
        match self.report.read() {
            Ok(r) => Arc::clone(&r),
            Err(p) => Arc::clone(&p.into_inner()),
        }
    }

    /// Analyse and store `articles` (new ids, or stored ids with a changed text), then
    /// link the whole story again.
    pub fn add(&self, articles: Vec<Article>) -> Result<Added, StoreError> {
        let _writing = self.writer.lock().map_err(|_| StoreError::Poisoned)?;
        let stored = self.store.load()?;
        let mut added = Added::default();
        let mut fresh: Vec<Article> = Vec::new();
        for a in articles {
            let same = stored
                .iter()
                .any(|s| s.article.id == a.id && s.article.body == a.body && s.document.is_some());
            if same || fresh.iter().any(|f| f.id == a.id && f.body == a.body) {
                added.unchanged.push(a.id);
            } else {
                // A later article with the same id replaces an earlier one of this batch.
                fresh.retain(|f| f.id != a.id);
                fresh.push(a);
            }
        }
        if !fresh.is_empty() {
            let census = LineCensus::build(
                stored
                    .iter()
                    .filter(|s| !fresh.iter().any(|f| f.id == s.article.id))
                    .map(|s| s.article.body.as_str())
                    .chain(fresh.iter().map(|a| a.body.as_str())),
            );
            let analysed: Vec<(Article, Document)> = fresh
                .into_par_iter()
                .map(|a| {
                    let d = recoupe::analyze_document(&a, &census);
                    (a, d)
                })
                .collect();
            self.store.put(&analysed)?;
            added.analysed = analysed.into_iter().map(|(a, _)| a.id).collect();
        }
        let documents: Vec<Document> = self
            .store
            .load()?
            .into_iter()
            .filter_map(|s| s.document)
            .collect();
        added.documents = documents.len();
        if !added.analysed.is_empty() || self.report().documents.len() != documents.len() {
            self.relink(documents);
        }
        Ok(added)
    }

    /// Remove article `id`; false when there was none.
    pub fn remove(&self, id: &str) -> Result<bool, StoreError> {
        let _writing = self.writer.lock().map_err(|_| StoreError::Poisoned)?;
        let removed = self.store.delete(id)?;
        if removed {
            let documents = self
                .store
                .load()?
                .into_iter()
                .filter_map(|s| s.document)
                .collect();
            self.relink(documents);
        }
        Ok(removed)
    }

    fn relink(&self, documents: Vec<Document>) {
        let report = Arc::new(recoupe::link_documents(documents, &self.options));
        match self.report.write() {
            Ok(mut r) => *r = report,
            Err(p) => *p.into_inner() = report,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, body: &str) -> Article {
        Article {
            id: id.into(),
            origin: id.into(),
            body: body.into(),
            published: Some("2024-03-05".into()),
            ..Default::default()
        }
    }

    #[test]
    fn adding_is_incremental_and_idempotent() {
        let story = Story::open(Store::in_memory().unwrap(), recoupe::Options::default()).unwrap();
        let a = article("a", "« Nous rouvrirons le pont lundi », a déclaré mardi le maire de Villeneuve, Paul Durand.");
        let first = story.add(vec![a.clone()]).unwrap();
        assert_eq!(first.analysed, ["a"]);
        assert_eq!(story.report().documents.len(), 1);
        let again = story.add(vec![a]).unwrap();
        assert!(again.analysed.is_empty());
        assert_eq!(again.unchanged, ["a"]);
        let b = article(
            "b",
            "Le pont de Villeneuve restera fermé jusqu'à lundi, selon la mairie.",
        );
        let second = story.add(vec![b]).unwrap();
        assert_eq!(second.analysed, ["b"]);
        assert_eq!(second.documents, 2);
        assert_eq!(story.report().documents.len(), 2);
        assert!(story.remove("a").unwrap());
        assert_eq!(story.report().documents.len(), 1);
    }
}
