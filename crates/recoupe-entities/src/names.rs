//! Name keys: how two spellings of one name are recognised as the same.
//!
//! - [`fold`]: lower case, no accents, one apostrophe: "États-Unis" and "Etats-Unis" meet.
//! - [`sound_key`]: [`fold`], then the romanisation rules of `transliteration.tsv`
//!   (ch/sh, dj/j, ou/u, ï/y…), doubled letters collapsed and a final mute "e" dropped:
//!   "Pachinian" and "Pashinyan", "Poutine" and "Putin", "Baïramov" and "Bayramov" meet.
//! - [`PersonName`]: a person's name split into given names and surname, and
//!   [`PersonName::compatible`], the rule that says when two names may be one person.
//!
//! Keys are for matching only; they are never shown.

use crate::lexicon::lexicon;
use unicode_normalization::UnicodeNormalization;

/// Lower-cases, strips accents and writes every apostrophe as `'`.
pub fn fold(s: &str) -> String {
    // Letters below U+0180 (ASCII, Latin-1, Latin Extended-A) decompose into base
    // characters and combining marks only, and the marks are dropped: folding them
    // one at a time gives what the whole-string normalisation gives, much faster.
    if s.chars().all(|c| (c as u32) < 0x180) {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if c.is_ascii() {
                out.push(fold_char(c.to_ascii_lowercase()));
            } else {
                for d in std::iter::once(c).nfkd() {
                    if !unicode_normalization::char::is_combining_mark(d) {
                        out.extend(d.to_lowercase().map(fold_char));
                    }
                }
            }
        }
        return out;
    }
    fold_slow(s)
}

fn fold_char(c: char) -> char {
    match c {
        '’' | 'ʼ' | '`' => '\'',
        '‑' => '-',
        'œ' => 'o',
        c => c,
    }
}

/// [`fold`] by whole-string normalisation, for any text.
fn fold_slow(s: &str) -> String {
    s.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(fold_char)
        .collect()
}

/// The romanisation-blind key of one word or name.
pub fn sound_key(s: &str) -> String {
    let mut k = fold(s).replace("oe", "e");
    k.retain(|c| c.is_alphanumeric() || c == ' ');
    for (from, to) in &lexicon().transliteration {
        if k.contains(from.as_str()) {
            k = k.replace(from.as_str(), to);
        }
    }
    let k = k.to_lowercase();
    let mut out = String::with_capacity(k.len());
    for c in k.chars() {
        if out.ends_with(c) && c != ' ' {
            continue;
        }
        out.push(c);
    }
    let mut words: Vec<String> = out
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    for w in &mut words {
        let chars: Vec<char> = w.chars().collect();
        if chars.len() > 3
            && chars[chars.len() - 1] == 'e'
            && !"aeiou".contains(chars[chars.len() - 2])
        {
            w.pop();
        }
    }
    words.join(" ")
}

/// A person's name in parts: given names (possibly initials) and surname words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    /// Sound keys of the given names, in order ("vladimir").
    pub given: Vec<String>,
    /// Sound key of the surname, particles included ("de gaul").
    pub surname: String,
}

impl PersonName {
    /// Splits a name as written ("Nikol Pachinian", "Charles de Gaulle", "Poutine").
    /// Titles and a leading article are left out. Returns `None` for an empty name.
    pub fn parse(name: &str) -> Option<PersonName> {
        let lx = lexicon();
        let words: Vec<&str> = name
            .split(|c: char| c.is_whitespace() || c == '.')
            .filter(|w| !w.is_empty())
            .filter(|w| !lx.titles.contains(*w) && !lx.titles.contains(&format!("{w}.")))
            .collect();
        if words.is_empty() {
            return None;
        }
        // The surname starts at the first particle or, without one, is the last word;
        // a run of several capitalised words after known given names is the surname.
        let mut split = words.len() - 1;
        for (i, w) in words.iter().enumerate().skip(1) {
            if lx.particles.contains(&fold(w)) && i + 1 < words.len() {
                split = i;
                break;
            }
        }
        if split == words.len() - 1 {
            let mut i = 0;
            while i + 1 < words.len() && is_given_name(words[i]) {
                i += 1;
            }
            if i > 0 {
                split = i;
            }
        }
        let given = words[..split].iter().map(|w| sound_key(w)).collect();
        let surname = sound_key(&words[split..].join(" "));
        if surname.is_empty() {
            return None;
        }
        Some(PersonName { given, surname })
    }

    /// May these two names denote one person? Same surname (up to romanisation), and
    /// given names that agree where both are written: equal, or one the initial of the
    /// other. A name without a given name is compatible with any given name; whether
    /// that is enough evidence to merge is the caller's decision.
    pub fn compatible(&self, other: &PersonName) -> bool {
        if self.surname != other.surname {
            return false;
        }
        match (self.given.first(), other.given.first()) {
            (Some(a), Some(b)) => given_agree(a, b),
            _ => true,
        }
    }

    pub fn has_given(&self) -> bool {
        !self.given.is_empty()
    }
}

fn given_agree(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.chars().count() == 1 && long.starts_with(short)
}

/// True when the word is a known given name (or an initial such as "L").
pub fn is_given_name(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    let lx = lexicon();
    if lx.first_names.contains(&fold(w)) {
        return true;
    }
    // Hyphenated given names: "Jean-Baptiste".
    w.contains('-') && w.split('-').all(|p| lx.first_names.contains(&fold(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_matches_whole_string_normalisation() {
        let mut samples: Vec<String> = (0u32..0x180)
            .filter_map(char::from_u32)
            .map(|c| format!("a{c}B{c}"))
            .collect();
        samples.extend(
            [
                "États-Unis",
                "Ĳssel Œuvre",
                "l’Arménie",
                "ŉ ſ ¼ ² µ ß Æ ª",
                "Sergueï Lavrov",
                "e\u{301}te\u{301}",
                "Городской совет",
                "",
            ]
            .map(str::to_string),
        );
        for s in &samples {
            assert_eq!(fold(s), fold_slow(s), "{s:?}");
        }
    }

    #[test]
    fn transliteration_pairs_meet() {
        for (a, b) in [
            ("Pachinian", "Pashinyan"),
            ("Pashinian", "Pashinyan"),
            ("Djeyhoun", "Jeyhun"),
            ("Baïramov", "Bayramov"),
            ("Mirzoïan", "Mirzoyan"),
            ("Aliev", "Aliyev"),
            ("Poutine", "Putin"),
            ("Dmitri", "Dmitry"),
            ("Sergueï", "Sergey"),
            ("Sergei", "Sergey"),
            ("Mnatsakanian", "Mnatsakanyan"),
            ("Haut-Karabagh", "Haut-Karabakh"),
            ("Zelensky", "Zelenskyy"),
            ("Khamenei", "Hamenei"),
            ("Tchoudinov", "Choudinov"),
        ] {
            assert_eq!(sound_key(a), sound_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn different_names_stay_apart() {
        for (a, b) in [
            ("Michel", "Barnier"),
            ("Aliev", "Alain"),
            ("Macron", "Marcon"),
            ("Ilham", "Heydar"),
        ] {
            assert_ne!(sound_key(a), sound_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn person_name_parts() {
        let p = PersonName::parse("Charles de Gaulle").unwrap();
        assert_eq!(p.given, vec![sound_key("Charles")]);
        assert_eq!(p.surname, sound_key("de Gaulle"));
        let m = PersonName::parse("M. Poutine").unwrap();
        assert!(m.given.is_empty());
        let v = PersonName::parse("Vladimir Putin").unwrap();
        assert!(m.compatible(&v));
    }

    #[test]
    fn shared_surname_different_given_names_are_not_compatible() {
        let a = PersonName::parse("Ilham Aliev").unwrap();
        let b = PersonName::parse("Heydar Aliyev").unwrap();
        assert!(!a.compatible(&b));
        let c = PersonName::parse("Charles Michel").unwrap();
        let d = PersonName::parse("Michel Barnier").unwrap();
        assert!(!c.compatible(&d));
        let e = PersonName::parse("L. Jalabert").unwrap();
        let f = PersonName::parse("Laurent Jalabert").unwrap();
        assert!(e.compatible(&f));
    }
}
