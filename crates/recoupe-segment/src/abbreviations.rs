//! The French abbreviation table: which words end with a period that does not
//! end a sentence ("M.", "cf.", "janv.").
//!
//! The words live in `data/fr/abbreviations.txt` (format described at the top of
//! that file) and are compiled into the binary. This module only parses that
//! list and answers look-ups; it does not decide on initials ("J.-L."),
//! numbers or URLs, which the segmentation rules recognise by shape.

use std::collections::HashMap;
use std::sync::LazyLock;

/// How an abbreviation's period behaves before the next word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbreviationKind {
    /// The period never ends a sentence ("M. Durand", "cf. Le Monde").
    Inner,
    /// The period ends the sentence when the next word is capitalised
    /// ("etc. Le lendemain"), and only then.
    MayEndSentence,
}

/// Abbreviations keyed by their written form without the final period.
#[derive(Debug, Default)]
pub struct AbbreviationTable {
    entries: HashMap<String, (AbbreviationKind, bool)>,
}

static FRENCH: LazyLock<AbbreviationTable> =
    LazyLock::new(|| AbbreviationTable::parse(include_str!("../../../data/fr/abbreviations.txt")));

impl AbbreviationTable {
    /// The French table compiled from `data/fr/abbreviations.txt`.
    pub fn french() -> &'static AbbreviationTable {
        &FRENCH
    }

    /// Parse the list format: one abbreviation per line with its final period,
    /// an optional tab and kind (`final`), `#` comments. Malformed lines (no
    /// final period) are skipped.
    pub fn parse(source: &str) -> AbbreviationTable {
        let mut entries = HashMap::new();
        for line in source.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut columns = line.split('\t');
            let word = columns.next().unwrap_or("").trim();
            let kind = match columns.next().map(str::trim) {
                Some("final") => AbbreviationKind::MayEndSentence,
                _ => AbbreviationKind::Inner,
            };
            let Some(stem) = word.strip_suffix('.') else {
                continue;
            };
            if stem.is_empty() {
                continue;
            }
            let case_sensitive = stem.chars().any(char::is_uppercase);
            entries.insert(stem.to_string(), (kind, case_sensitive));
        }
        AbbreviationTable { entries }
    }

    /// Look up `stem` (the word before the period, without it). An entry with
    /// a capital letter matches only as written; an all-lowercase entry also
    /// matches the same word written with capitals ("Cf", "CF").
    pub fn kind(&self, stem: &str) -> Option<AbbreviationKind> {
        if let Some(&(kind, _)) = self.entries.get(stem) {
            return Some(kind);
        }
        if !stem.chars().any(char::is_uppercase) {
            return None;
        }
        match self.entries.get(stem.to_lowercase().as_str()) {
            Some(&(kind, false)) => Some(kind),
            _ => None,
        }
    }

    /// All stems, lowercased, for libraries that want a plain set.
    pub fn lowercase_stems(&self) -> impl Iterator<Item = String> + '_ {
        self.entries.keys().map(|stem| stem.to_lowercase())
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the table holds no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_table_loads_titles_and_final_kinds() {
        let table = AbbreviationTable::french();
        assert!(table.len() > 50);
        assert_eq!(table.kind("M"), Some(AbbreviationKind::Inner));
        assert_eq!(table.kind("Mme"), Some(AbbreviationKind::Inner));
        assert_eq!(table.kind("etc"), Some(AbbreviationKind::MayEndSentence));
        assert_eq!(table.kind("sept"), Some(AbbreviationKind::MayEndSentence));
    }

    #[test]
    fn case_rules() {
        let table = AbbreviationTable::french();
        // "M." is a title, "m." a metre.
        assert_eq!(table.kind("m"), None);
        // lowercase entries match capitalised at a sentence start
        assert_eq!(table.kind("Cf"), Some(AbbreviationKind::Inner));
        assert_eq!(table.kind("c.-à-d"), Some(AbbreviationKind::Inner));
        assert_eq!(table.kind("maison"), None);
    }

    #[test]
    fn parse_skips_comments_and_malformed_lines() {
        let table = AbbreviationTable::parse("# comment\n\nabc.\ndef\nghi.\tfinal\n.\n");
        assert_eq!(table.len(), 2);
        assert_eq!(table.kind("abc"), Some(AbbreviationKind::Inner));
        assert_eq!(table.kind("ghi"), Some(AbbreviationKind::MayEndSentence));
        assert_eq!(table.kind("def"), None);
    }
}
