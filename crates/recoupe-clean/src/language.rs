//! Language of a document (lingua, limited to the languages the workspace compiles in)
//! and the main script of a document's letters.
//!
//! Lines are not run through lingua: a line is too short for a reliable guess, so
//! lines are judged by their Unicode script instead (see [`crate::line`]).

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use std::sync::LazyLock;
use unicode_script::{Script, UnicodeScript};

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
///
/// A text full of French (or English) function words and with almost none of the
/// other compiled languages' is told by [`function_word_guess`] without lingua;
/// anything less clear-cut goes to lingua.
pub fn detect_language(text: &str) -> Option<&'static str> {
    let sample: String = text.chars().take(SAMPLE_CHARS).collect();
    if sample.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    if let Some(code) = function_word_guess(&sample) {
        return Some(code);
    }
    let language = DETECTOR.detect_language_of(sample)?;
    Some(iso_code(language))
}

/// Languages whose function words [`function_word_guess`] counts, in the order of
/// [`function_word_language`]'s indices.
const FUNCTION_WORD_LANGUAGES: [&str; 7] = ["fr", "en", "es", "it", "pt", "de", "nl"];

/// The language a lower-case word is a frequent function word of, if it belongs to
/// one language only among those counted (words shared by several, such as "de" or
/// "la", count for none).
fn function_word_language(word: &str) -> Option<usize> {
    Some(match word {
        "les" | "des" | "du" | "et" | "est" | "une" | "dans" | "pour" | "pas" | "sur" | "aux"
        | "qui" | "avec" | "ont" | "été" | "cette" | "sont" | "ses" | "leur" | "leurs" | "mais"
        | "elle" | "ils" | "nous" | "vous" | "était" | "ces" | "aussi" | "selon" | "après"
        | "où" | "très" | "être" => 0,
        "the" | "of" | "and" | "to" | "is" | "was" | "that" | "with" | "for" | "it" | "on"
        | "are" | "be" | "this" | "by" | "from" | "have" | "has" | "were" | "which" | "at"
        | "not" | "but" | "they" | "their" | "said" => 1,
        "el" | "los" | "las" | "y" | "por" | "con" | "del" | "para" | "es" | "lo" | "pero"
        | "su" | "sus" | "fue" | "según" => 2,
        "di" | "che" | "gli" | "della" | "sono" | "non" | "alla" | "nel" | "delle" | "anche"
        | "è" | "questo" | "dei" => 3,
        "os" | "do" | "da" | "em" | "um" | "não" | "com" | "dos" | "uma" | "ao" | "foi"
        | "também" | "pelo" | "pela" => 4,
        "der" | "die" | "und" | "das" | "ist" | "nicht" | "mit" | "den" | "von" | "zu" | "ein"
        | "eine" | "auf" | "sich" | "dem" | "wird" => 5,
        "het" | "een" | "van" | "niet" | "op" | "dat" | "zijn" | "voor" | "wordt" => 6,
        _ => return None,
    })
}

/// French or English told by function words alone: at least 30 of one language's,
/// at least one word in eight of the text, and ten times as many as of any other
/// counted language. `None` when any of that fails, or when letters outside the
/// Latin script are more than one in fifty.
fn function_word_guess(sample: &str) -> Option<&'static str> {
    let mut counts = [0usize; FUNCTION_WORD_LANGUAGES.len()];
    let mut words = 0usize;
    let mut letters = 0usize;
    let mut non_latin = 0usize;
    let mut word = String::new();
    let flush = |word: &mut String, counts: &mut [usize], words: &mut usize| {
        if !word.is_empty() {
            *words += 1;
            if let Some(l) = function_word_language(word) {
                counts[l] += 1;
            }
            word.clear();
        }
    };
    for c in sample.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if !c.is_ascii() && c.script() != Script::Latin {
                non_latin += 1;
            }
            word.extend(c.to_lowercase());
        } else {
            flush(&mut word, &mut counts, &mut words);
        }
    }
    flush(&mut word, &mut counts, &mut words);
    if non_latin * 50 > letters {
        return None;
    }
    for lang in [0, 1] {
        let n = counts[lang];
        let others = counts
            .iter()
            .enumerate()
            .filter(|&(l, _)| l != lang)
            .map(|(_, &m)| m)
            .max()
            .unwrap_or(0);
        if n >= 30 && n * 8 >= words && others * 10 <= n {
            return Some(FUNCTION_WORD_LANGUAGES[lang]);
        }
    }
    None
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

    const FRENCH: &str = "Les habitants du quartier sont inquiets. Selon la mairie, les travaux \
        de la place centrale ont pris du retard et ne seront pas terminés avant l'été. \
        Les commerçants, qui avaient déjà subi une baisse de leur chiffre d'affaires, \
        demandent une aide et des explications. Le maire a répondu qu'il était très \
        attentif à leur situation et que des mesures seront annoncées dans les jours \
        qui viennent. Les riverains, eux, se plaignent du bruit et des camions qui \
        passent dans les rues étroites du centre. Une réunion publique est prévue pour \
        la fin du mois, avec les élus et les responsables du chantier, mais beaucoup \
        doutent que cette réunion change quoi que ce soit. Ils attendent des actes.";

    const ENGLISH: &str = "The residents of the district are worried. According to the \
        town hall, the works on the central square have been delayed and will not be \
        finished before the summer. The shopkeepers, who had already suffered a fall in \
        their sales, are asking for help and for explanations. The mayor said that he was \
        paying close attention to their situation and that measures would be announced in \
        the coming days. The residents complain about the noise and about the lorries that \
        drive through the narrow streets of the centre. A public meeting is planned for the \
        end of the month with the councillors and the people in charge of the site, but \
        many doubt that this meeting will change anything at all. They want to see action \
        and they say that it has taken far too long. It was promised by the council.";

    #[test]
    fn function_words_tell_long_french_and_english() {
        assert_eq!(function_word_guess(FRENCH), Some("fr"));
        assert_eq!(function_word_guess(ENGLISH), Some("en"));
        // the same answers lingua gives
        assert_eq!(detect_language(FRENCH), Some("fr"));
        assert_eq!(detect_language(ENGLISH), Some("en"));
        let sample: String = FRENCH.chars().take(SAMPLE_CHARS).collect();
        assert_eq!(
            DETECTOR.detect_language_of(sample).map(iso_code),
            Some("fr")
        );
        let sample: String = ENGLISH.chars().take(SAMPLE_CHARS).collect();
        assert_eq!(
            DETECTOR.detect_language_of(sample).map(iso_code),
            Some("en")
        );
    }

    #[test]
    fn function_words_leave_unclear_texts_to_lingua() {
        // too short to count on function words
        assert_eq!(
            function_word_guess("Les travaux de la place sont en retard, selon la mairie."),
            None
        );
        // half French, half English
        let mixed = format!("{FRENCH} {ENGLISH}");
        assert_eq!(function_word_guess(&mixed), None);
        // other languages, and French written next to another script
        assert_eq!(
            function_word_guess(
                "Los vecinos del barrio están preocupados por las obras de la plaza, \
                 que según el ayuntamiento no terminarán antes del verano."
            ),
            None
        );
        let cyrillic = format!("{FRENCH} Городской совет вчера вечером утвердил бюджет.");
        assert_eq!(function_word_guess(&cyrillic), None);
    }

    #[test]
    fn function_words_shared_by_languages_count_for_none() {
        for w in ["de", "la", "le", "en", "a", "il", "e", "que"] {
            assert_eq!(function_word_language(w), None, "{w}");
        }
        assert_eq!(function_word_language("les"), Some(0));
        assert_eq!(function_word_language("the"), Some(1));
    }
}
