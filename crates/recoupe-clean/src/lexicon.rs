//! The word lists cleaning relies on, read from `data/fr/boilerplate_*.txt` at compile
//! time (the binary stays self-contained) and parsed once.
//!
//! This module only loads and looks up; it does not decide what is boilerplate.

use crate::line::words_of;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

const FUNCTION_WORDS: &str = include_str!("../../../data/fr/boilerplate_function_words.txt");
const UI_PHRASES: &str = include_str!("../../../data/fr/boilerplate_ui.txt");
const LINK_LEADS: &str = include_str!("../../../data/fr/boilerplate_link_leads.txt");
const CREDITS: &str = include_str!("../../../data/fr/boilerplate_credits.txt");
const DATELINE: &str = include_str!("../../../data/fr/boilerplate_dateline.txt");

/// All the lists, lowercased, with phrases split into words the way lines are.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub function_words: HashSet<String>,
    /// Interface phrases, each as its sequence of lowercase words.
    pub ui_phrases: Vec<Vec<String>>,
    /// Indices into `ui_phrases` by their first word, so that a line is matched only
    /// against the phrases that can start at each of its words.
    pub ui_by_first: HashMap<String, Vec<usize>>,
    /// Openings of links to other articles, each as its sequence of lowercase words.
    pub link_leads: Vec<Vec<String>>,
    /// Openings of picture or page credits, lowercase, compared on the raw line.
    pub credit_markers: Vec<String>,
    /// News agency names, each as its sequence of lowercase words.
    pub agencies: Vec<Vec<String>>,
    /// Words that open a "Source : NAME" line.
    pub source_heads: HashSet<String>,
    /// Words allowed between agency names in a credit line.
    pub credit_joiners: HashSet<String>,
    pub months: HashSet<String>,
    /// Words allowed around a date in a line that holds only a date.
    pub date_words: HashSet<String>,
    /// Words and phrases of a publication record ("publié", "mis à jour"), each as its
    /// sequence of lowercase words.
    pub stamps: Vec<Vec<String>>,
}

/// The lines of a list file that carry an entry: trimmed, not empty, not a `#` comment.
fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn phrase_words(phrase: &str) -> Vec<String> {
    words_of(phrase).into_iter().map(|w| w.lower).collect()
}

fn load() -> Lexicon {
    let mut lexicon = Lexicon {
        function_words: entries(FUNCTION_WORDS)
            .map(|w| w.replace('’', "'").to_lowercase())
            .collect(),
        ui_phrases: entries(UI_PHRASES).map(phrase_words).collect(),
        ui_by_first: HashMap::new(),
        link_leads: entries(LINK_LEADS).map(phrase_words).collect(),
        credit_markers: Vec::new(),
        agencies: Vec::new(),
        source_heads: HashSet::new(),
        credit_joiners: HashSet::new(),
        months: HashSet::new(),
        date_words: HashSet::new(),
        stamps: Vec::new(),
    };
    for entry in entries(CREDITS) {
        match entry.split_once('\t') {
            Some(("marker", text)) => lexicon.credit_markers.push(text.trim().to_lowercase()),
            Some(("agency", name)) => lexicon.agencies.push(phrase_words(name)),
            Some(("source", word)) => {
                lexicon.source_heads.insert(word.trim().to_lowercase());
            }
            Some(("joiner", word)) => {
                lexicon.credit_joiners.insert(word.trim().to_lowercase());
            }
            _ => {}
        }
    }
    for entry in entries(DATELINE) {
        match entry.split_once('\t') {
            Some(("month", word)) => {
                lexicon.months.insert(word.trim().to_lowercase());
            }
            Some(("other", word)) => {
                lexicon.date_words.insert(word.trim().to_lowercase());
            }
            Some(("stamp", phrase)) => lexicon.stamps.push(phrase_words(phrase)),
            _ => {}
        }
    }
    lexicon.ui_phrases.retain(|p| !p.is_empty());
    lexicon.link_leads.retain(|p| !p.is_empty());
    lexicon.agencies.retain(|p| !p.is_empty());
    lexicon.stamps.retain(|p| !p.is_empty());
    for (i, phrase) in lexicon.ui_phrases.iter().enumerate() {
        lexicon
            .ui_by_first
            .entry(phrase[0].clone())
            .or_default()
            .push(i);
    }
    lexicon
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(load);

pub(crate) fn lexicon() -> &'static Lexicon {
    &LEXICON
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_split_like_lines() {
        let lx = lexicon();
        assert!(lx.function_words.contains("l'"));
        assert!(lx.function_words.contains("les"));
        assert!(lx
            .ui_phrases
            .iter()
            .any(|p| p == &["fil", "d'", "actu"].map(String::from)));
        assert!(lx.credit_markers.iter().any(|m| m == "©"));
        assert!(lx.agencies.iter().any(|a| a == &["afp".to_string()]));
        assert!(lx.months.contains("novembre"));
        assert!(lx.date_words.contains("publié"));
        assert!(lx
            .stamps
            .contains(&vec!["mis".to_string(), "à".into(), "jour".into()]));
    }
}
