//! The line census: in how many documents of the set each line occurs.
//!
//! Page furniture (a footer, a "share" bar) is repeated word for word across the pages
//! of one site, so a line found in many documents is likely boilerplate. The census only
//! counts; [`crate::scoring`] weighs the count against the line's other features, since
//! in a set of copies of one dispatch a repeated sentence is real content.

use std::collections::{HashMap, HashSet};

/// How often each normalised line occurs across the whole set of documents.
#[derive(Debug, Default)]
pub struct LineCensus {
    counts: HashMap<String, usize>,
    documents: usize,
}

/// The form lines are counted under: lowercase, inner whitespace collapsed, typographic
/// apostrophes folded.
fn census_key(line: &str) -> String {
    line.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('’', "'")
        .to_lowercase()
}

impl LineCensus {
    /// Counts, for each distinct non-blank line, the documents it occurs in (a line
    /// repeated inside one document counts once).
    pub fn build<'a>(bodies: impl IntoIterator<Item = &'a str>) -> Self {
        let mut census = LineCensus::default();
        for body in bodies {
            census.documents += 1;
            let mut seen = HashSet::new();
            for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let key = census_key(line);
                if seen.insert(key.clone()) {
                    *census.counts.entry(key).or_default() += 1;
                }
            }
        }
        census
    }

    /// In how many documents `line` occurs.
    pub fn documents_with(&self, line: &str) -> usize {
        self.counts.get(&census_key(line)).copied().unwrap_or(0)
    }

    /// Each distinct line counted, in its counted form (lowercase, whitespace collapsed,
    /// apostrophes folded), with the number of documents that have it.
    pub fn lines(&self) -> impl Iterator<Item = (&str, usize)> {
        self.counts.iter().map(|(k, &n)| (k.as_str(), n))
    }

    /// Add what was counted on `documents` earlier documents that are not in this census
    /// (a store's running count): `earlier(line)` says in how many of them a line of this
    /// census occurs. Lines absent from this census are not needed: cleaning only asks
    /// about the lines of the documents being cleaned.
    pub fn add_earlier(&mut self, documents: usize, mut earlier: impl FnMut(&str) -> usize) {
        self.documents += documents;
        for (key, n) in self.counts.iter_mut() {
            *n += earlier(key);
        }
    }

    /// How many documents were counted.
    pub fn documents(&self) -> usize {
        self.documents
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_documents_not_occurrences() {
        let census = LineCensus::build([
            "Partager l’article\nUn texte.\nUn texte.",
            "partager  l'article\nAutre chose.",
            "Rien ici.",
        ]);
        assert_eq!(census.documents(), 3);
        assert_eq!(census.documents_with("Partager l'article"), 2);
        assert_eq!(census.documents_with("Un texte."), 1);
        assert_eq!(census.documents_with("absent"), 0);
    }

    #[test]
    fn earlier_counts_add_up() {
        let mut census = LineCensus::build(["Partager l'article\nUn texte.", "Autre chose."]);
        let earlier: std::collections::HashMap<&str, usize> =
            [("partager l'article", 5), ("absent ici", 7)].into();
        census.add_earlier(9, |k| earlier.get(k).copied().unwrap_or(0));
        assert_eq!(census.documents(), 11);
        assert_eq!(census.documents_with("Partager l’article"), 6);
        assert_eq!(census.documents_with("Autre chose."), 1);
        assert_eq!(census.documents_with("absent ici"), 0);
        assert_eq!(census.lines().count(), 3);
    }
}
