//! Language of a document (lingua, limited to the languages the workspace compiles in)
//! and the main script of a document's letters.
//!
//! Lines are not run through lingua: a line is too short for a reliable guess, so
//! lines are judged by their Unicode script instead (see [`crate::line`]).

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use std::sync::LazyLock;
use unicode_script::Script;

use crate::line::LineShape;

/// The detector over every language compiled in (the workspace `lingua` features), in
/// low-accuracy mode: trigram models only, enough for a whole article and much lighter.
static DETECTOR: LazyLock<LanguageDetector> = LazyLock::new(|| {
    LanguageDetectorBuilder::from_all_languages()
        .with_low_accuracy_mode()
        .build()
});

/// How much of a long text is read to tell its language.
const SAMPLE_CHARS: usize = 4000;

/// ISO 639-1 code of the language of `text`, if it can be told.
pub fn detect_language(text: &str) -> Option<&'static str> {
    let sample: String = text.chars().take(SAMPLE_CHARS).collect();
    if sample.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    let language = DETECTOR.detect_language_of(sample)?;
    Some(iso_code(language))
}

fn iso_code(language: Language) -> &'static str {
    // `IsoCode639_1` displays as the code; the codes are few, so keep one static copy
    // of each instead of allocating.
    static CODES: LazyLock<Vec<(Language, &'static str)>> = LazyLock::new(|| {
        Language::all()
            .into_iter()
            .map(|l| {
                let code: &'static str = Box::leak(l.iso_code_639_1().to_string().into_boxed_str());
                (l, code)
            })
            .collect()
    });
    CODES
        .iter()
        .find(|(l, _)| *l == language)
        .map(|(_, c)| *c)
        .unwrap_or("und")
}

/// The script most of a document's letters are written in.
pub(crate) fn main_script<'a>(lines: impl IntoIterator<Item = &'a LineShape>) -> Script {
    let mut totals: Vec<(Script, usize)> = Vec::new();
    for shape in lines {
        for &(script, n) in &shape.letters_by_script {
            match totals.iter_mut().find(|(s, _)| *s == script) {
                Some((_, t)) => *t += n,
                None => totals.push((script, n)),
            }
        }
    }
    totals
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(s, _)| s)
        .unwrap_or(Script::Latin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_french_english_russian() {
        assert_eq!(
            detect_language("Le conseil municipal a voté hier soir le budget de la commune, malgré l'opposition."),
            Some("fr")
        );
        assert_eq!(
            detect_language(
                "The city council passed the budget last night despite the opposition."
            ),
            Some("en")
        );
        assert_eq!(
            detect_language("Городской совет вчера вечером утвердил бюджет."),
            Some("ru")
        );
        assert_eq!(detect_language(""), None);
        assert_eq!(detect_language("12 34"), None);
    }
}
