//! Words of a line and the measurements taken on one line by itself: length, final
//! punctuation, share of function words, content words, script of its letters.
//!
//! Nothing here looks at the rest of the document; [`crate::scoring`] does.

use std::collections::HashSet;
use std::sync::LazyLock;
use unicode_script::{Script, UnicodeScript};

/// Elided forms that split a word at their apostrophe (`l'`, `qu'`...): the entries of
/// the function word list that end with an apostrophe.
static ELIDED: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("../../../data/fr/boilerplate_function_words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.strip_suffix('\''))
        .map(str::to_lowercase)
        .collect()
});

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

/// One word of a line, as written and lowercased (apostrophes folded to `'`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub text: String,
    pub lower: String,
}

impl Word {
    fn new(text: String) -> Word {
        let lower = text.to_lowercase();
        Word { text, lower }
    }

    pub fn is_number(&self) -> bool {
        self.text.chars().all(|c| c.is_ascii_digit())
    }

    pub fn has_letter(&self) -> bool {
        self.text.chars().any(char::is_alphabetic)
    }

    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Splits a line into words: runs of letters and digits, with inner hyphens and
/// apostrophes kept (`cessez-le-feu`, `aujourd'hui`), and French elisions split off
/// (`l'Arménie` gives `l'` and `Arménie`).
pub(crate) fn words_of(line: &str) -> Vec<Word> {
    let chars: Vec<char> = line.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let next_is_alnum = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if c.is_alphanumeric() {
            current.push(c);
        } else if c == '-' && !current.is_empty() && next_is_alnum {
            current.push('-');
        } else if is_apostrophe(c) && !current.is_empty() {
            if ELIDED.contains(&current.to_lowercase()) {
                current.push('\'');
                words.push(Word::new(std::mem::take(&mut current)));
            } else if next_is_alnum {
                current.push('\'');
            } else {
                words.push(Word::new(std::mem::take(&mut current)));
            }
        } else if !current.is_empty() {
            words.push(Word::new(std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        words.push(Word::new(current));
    }
    words
}

/// The stem a content word is compared by: its first five characters, lowercased, so
/// that `arménien` meets `Arménie` and `négociations` meets `négocier`.
pub(crate) fn stem(lower: &str) -> String {
    lower.chars().take(5).collect()
}

/// Everything measured on one line alone.
#[derive(Debug, Clone)]
pub(crate) struct LineShape {
    pub words: Vec<Word>,
    /// The last visible character (after closing quotes and brackets) is `.`, `!`, `?`
    /// or `…`.
    pub ends_sentence: bool,
    /// The sentence end is a period (or an ellipsis), not a question or exclamation mark,
    /// which headlines also use.
    pub ends_period: bool,
    /// The line ends with a colon: it introduces what follows.
    pub ends_colon: bool,
    /// Share of words that are function words (0 when the line has no words).
    pub function_share: f32,
    /// Distinct stems of the content words (not function words, not numbers, at least
    /// four characters).
    pub stems: Vec<String>,
    /// The first letter of the line is uppercase (or the line opens with a digit or quote).
    pub starts_like_sentence: bool,
    /// Letters per Unicode script (Common and Inherited not counted).
    pub letters_by_script: Vec<(Script, usize)>,
}

impl LineShape {
    pub fn of(line: &str, function_words: &HashSet<String>) -> LineShape {
        let words = words_of(line);
        let last = line
            .trim_end()
            .trim_end_matches(|c: char| {
                matches!(
                    c,
                    '»' | '"' | '”' | '“' | '\'' | '’' | ')' | ']' | ' ' | '\u{a0}'
                )
            })
            .chars()
            .last();
        let ends_sentence = matches!(last, Some('.' | '!' | '?' | '…'));
        let ends_period = matches!(last, Some('.' | '…'));
        let ends_colon = line.trim_end().ends_with(':');
        let function = words
            .iter()
            .filter(|w| function_words.contains(&w.lower))
            .count();
        let function_share = if words.is_empty() {
            0.0
        } else {
            function as f32 / words.len() as f32
        };
        let content: Vec<&Word> = words
            .iter()
            .filter(|w| !function_words.contains(&w.lower))
            .collect();
        let mut stems: Vec<String> = Vec::new();
        for w in &content {
            if w.has_letter() && w.lower.chars().count() >= 4 {
                let s = stem(&w.lower);
                if !stems.contains(&s) {
                    stems.push(s);
                }
            }
        }
        let first = line.chars().find(|c| !c.is_whitespace() && *c != '-');
        let starts_like_sentence = first.is_some_and(|c| {
            c.is_uppercase() || c.is_ascii_digit() || matches!(c, '«' | '"' | '“' | '\'' | '(')
        });
        let mut letters_by_script: Vec<(Script, usize)> = Vec::new();
        for c in line.chars().filter(|c| c.is_alphabetic()) {
            let script = c.script();
            if matches!(script, Script::Common | Script::Inherited | Script::Unknown) {
                continue;
            }
            match letters_by_script.iter_mut().find(|(s, _)| *s == script) {
                Some((_, n)) => *n += 1,
                None => letters_by_script.push((script, 1)),
            }
        }
        LineShape {
            words,
            ends_sentence,
            ends_period,
            ends_colon,
            function_share,
            stems,
            starts_like_sentence,
            letters_by_script,
        }
    }

    pub fn n_words(&self) -> usize {
        self.words.len()
    }

    pub fn letters(&self) -> usize {
        self.letters_by_script.iter().map(|(_, n)| n).sum()
    }

    /// Letters that are not in `script`.
    pub fn letters_outside(&self, script: Script) -> usize {
        self.letters_by_script
            .iter()
            .filter(|(s, _)| *s != script)
            .map(|(_, n)| n)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(line: &str) -> Vec<String> {
        words_of(line).into_iter().map(|w| w.lower).collect()
    }

    #[test]
    fn splits_elisions_keeps_compounds() {
        assert_eq!(
            lower("L’équipe d'Orléans a signé aujourd'hui un cessez-le-feu."),
            [
                "l'",
                "équipe",
                "d'",
                "orléans",
                "a",
                "signé",
                "aujourd'hui",
                "un",
                "cessez-le-feu"
            ]
        );
        assert_eq!(lower("- Le 3 mai -"), ["le", "3", "mai"]);
        assert!(lower("").is_empty());
    }

    #[test]
    fn final_punctuation_looks_through_closing_quotes() {
        let fw = HashSet::new();
        assert!(LineShape::of("Il l'a dit « hier ».", &fw).ends_sentence);
        assert!(LineShape::of("« Nous partirons demain. »", &fw).ends_sentence);
        assert!(!LineShape::of("Le maire répond : « jamais »", &fw).ends_sentence);
        assert!(LineShape::of("Elle précise :", &fw).ends_colon);
    }

    #[test]
    fn counts_letters_per_script() {
        let shape = LineShape::of("Мост закрыт today", &HashSet::new());
        assert_eq!(shape.letters(), 15);
        assert_eq!(shape.letters_outside(Script::Latin), 10);
    }
}
