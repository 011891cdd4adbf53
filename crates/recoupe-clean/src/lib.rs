//! Cleaning (stub: passes the body through).

use recoupe_model::{Article, RemovedLine};
use std::collections::HashMap;

/// How often each normalised line occurs across the whole set of documents.
#[derive(Debug, Default)]
pub struct LineCensus {
    counts: HashMap<String, usize>,
    documents: usize,
}

impl LineCensus {
    pub fn build<'a>(bodies: impl IntoIterator<Item = &'a str>) -> Self {
        let mut census = LineCensus::default();
        for body in bodies {
            census.documents += 1;
            let mut seen = std::collections::HashSet::new();
            for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
                if seen.insert(line) {
                    *census.counts.entry(line.to_string()).or_default() += 1;
                }
            }
        }
        census
    }

    /// In how many documents `line` occurs.
    pub fn documents_with(&self, line: &str) -> usize {
        self.counts.get(line.trim()).copied().unwrap_or(0)
    }
}

/// The result of cleaning one article.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub text: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub removed: Vec<RemovedLine>,
}

pub fn clean(article: &Article, _census: &LineCensus) -> Cleaned {
    Cleaned {
        text: article.body.trim().to_string(),
        title: article.title.clone(),
        outlet: article.outlet.clone(),
        removed: Vec::new(),
    }
}

/// ISO 639-1 code of the language of `text`, if it can be told.
pub fn detect_language(_text: &str) -> Option<&'static str> {
    None
}
