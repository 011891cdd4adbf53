//! The French lexicons of attribution, loaded once from `data/fr/`.
//!
//! This module turns the data files into lookup tables: speech verbs with their frames
//! and every inflected form (generated for regular first-group verbs, listed for the
//! others), role nouns, organisation heads, titles, relay names, frame adverbials, time
//! words and the nouns after "selon" that name no speaker. It holds words, not grammar:
//! the grammar that uses them lives in [`crate::frames`].

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// What a speech verb can govern (see `data/fr/speech_verbs.tsv`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Frames {
    pub que: bool,
    pub infinitive: bool,
    pub de_infinitive: bool,
    pub object_a: bool,
    pub a: bool,
    pub object_de: bool,
    pub noun: bool,
    pub noun_quoted: bool,
    pub comme: bool,
    /// Takes pour + noun or infinitive ("a plaidé pour un cessez-le-feu").
    pub pour: bool,
    /// Takes an attribute that is reported content ("s'est dit prêt à négocier").
    pub attribute: bool,
    pub inverted: bool,
}

/// The grammatical shape of one inflected verb form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// Past participle: needs an auxiliary ("a déclaré") or a coordination.
    Participle,
    /// Finite form: present, imperfect, simple past ("déclare", "expliquait").
    Finite,
    /// Present participle ("affirmant").
    PresentParticiple,
    /// Infinitive ("d'ajouter").
    Infinitive,
}

/// One speech verb.
#[derive(Debug, Clone)]
pub struct Verb {
    pub lemma: String,
    pub frames: Frames,
    /// Words after the inflected one in a multiword verb ("état" in "faire état").
    pub tail: Vec<String>,
    /// True for pronominal verbs ("se féliciter").
    pub reflexive: bool,
    /// A clitic that must stand before the verb ("y" in "y voir").
    pub prefix: Option<String>,
}

/// A form of a speech verb as found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbForm {
    pub verb: usize,
    pub kind: FormKind,
}

/// Grammatical gender as far as the words tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Masculine,
    Feminine,
    Unknown,
}

impl Gender {
    fn parse(s: &str) -> Gender {
        match s.trim() {
            "m" => Gender::Masculine,
            "f" => Gender::Feminine,
            _ => Gender::Unknown,
        }
    }

    /// True when a mention of gender `self` may refer to something of gender `other`.
    pub fn agrees(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

/// A role noun ("porte-parole", "Premier ministre").
#[derive(Debug, Clone)]
pub struct Role {
    /// Lowercase words of the noun.
    pub words: Vec<String>,
    pub gender: Gender,
    /// Synonymous roles share a group.
    pub group: String,
}

/// An organisation or collective head noun ("ministère", "police", "sources").
#[derive(Debug, Clone)]
pub struct OrgHead {
    pub words: Vec<String>,
    pub gender: Gender,
    pub plural: bool,
}

/// All attribution lexicons.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub verbs: Vec<Verb>,
    /// Lowercase form → the verbs it may be a form of.
    pub verb_forms: HashMap<String, Vec<VerbForm>>,
    pub roles: Vec<Role>,
    pub org_heads: Vec<OrgHead>,
    /// Titles as written ("M.", "Mme") → gender.
    pub titles: HashMap<String, Gender>,
    /// Relay names, lowercase.
    pub agencies: HashSet<String>,
    pub document_nouns: HashSet<String>,
    /// Frame adverbials as lowercase word sequences.
    pub adverbials: Vec<Vec<String>>,
    pub time_words: HashSet<String>,
    pub selon_non_agents: HashSet<String>,
    /// Capitalised words that are not names (sentence adverbs, articles…), shared with
    /// the entity reader: "Justement, la préfecture affirme" has no speaker "Justement".
    pub not_names: HashSet<String>,
    /// Pronoun → (gender, plural).
    pub pronouns: HashMap<String, (Gender, bool)>,
    /// Prepositional tails kept inside a noun phrase ("sur place").
    pub np_tails: Vec<Vec<String>>,
    /// Feminine first names, as written.
    pub feminine_first_names: HashSet<String>,
    /// First word → indices into `roles`, `org_heads`, `adverbials` (longest first).
    pub role_index: HashMap<String, Vec<usize>>,
    pub org_index: HashMap<String, Vec<usize>>,
    pub adverbial_index: HashMap<String, Vec<usize>>,
}

/// The lexicon, loaded from the data files compiled into the binary.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::load)
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Lowercase words of a lexicon entry, split the way the tokenizer splits text.
pub fn entry_words(s: &str) -> Vec<String> {
    crate::tokens::tokenize(s)
        .into_iter()
        .map(|t| t.norm)
        .collect()
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lx = Lexicon::default();
        for line in data_lines(include_str!("../../../data/fr/speech_verbs.tsv")) {
            lx.add_verb(line);
        }
        for line in data_lines(include_str!("../../../data/fr/roles.tsv")) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() >= 3 {
                lx.roles.push(Role {
                    words: entry_words(cols[0]),
                    gender: Gender::parse(cols[1]),
                    group: cols[2].trim().to_string(),
                });
            }
        }
        // Longest first, so that "premier ministre" wins over "ministre".
        lx.roles.sort_by_key(|r| std::cmp::Reverse(r.words.len()));
        for line in data_lines(include_str!("../../../data/fr/organisation_heads.tsv")) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() >= 3 {
                lx.org_heads.push(OrgHead {
                    words: entry_words(cols[0]),
                    gender: Gender::parse(cols[1]),
                    plural: cols[2].trim() == "p",
                });
            }
        }
        lx.org_heads
            .sort_by_key(|o| std::cmp::Reverse(o.words.len()));
        for line in data_lines(include_str!("../../../data/fr/titles.tsv")) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() >= 2 {
                lx.titles
                    .insert(cols[0].trim().to_string(), Gender::parse(cols[1]));
            }
        }
        for line in data_lines(include_str!("../../../data/fr/agencies.txt")) {
            lx.agencies.insert(line.trim().to_lowercase());
        }
        for line in data_lines(include_str!("../../../data/fr/document_nouns.txt")) {
            lx.document_nouns.insert(line.trim().to_lowercase());
        }
        for line in data_lines(include_str!("../../../data/fr/frame_adverbs.txt")) {
            lx.adverbials.push(entry_words(line.trim()));
        }
        lx.adverbials.sort_by_key(|a| std::cmp::Reverse(a.len()));
        for line in data_lines(include_str!("../../../data/fr/time_words.txt")) {
            lx.time_words.insert(line.trim().to_lowercase());
        }
        for line in data_lines(include_str!("../../../data/fr/not_names.txt")) {
            lx.not_names.insert(line.trim().to_lowercase());
        }
        for line in data_lines(include_str!("../../../data/fr/selon_non_agents.txt")) {
            lx.selon_non_agents.insert(line.trim().to_lowercase());
        }
        for line in data_lines(include_str!("../../../data/fr/pronouns.tsv")) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() >= 3 {
                lx.pronouns.insert(
                    cols[0].trim().to_string(),
                    (Gender::parse(cols[1]), cols[2].trim() == "p"),
                );
            }
        }
        for line in data_lines(include_str!("../../../data/fr/noun_phrase_tails.txt")) {
            lx.np_tails.push(entry_words(line.trim()));
        }
        for line in data_lines(include_str!("../../../data/fr/first_names_f.txt")) {
            lx.feminine_first_names.insert(line.trim().to_string());
        }
        for (k, r) in lx.roles.iter().enumerate() {
            if let Some(w) = r.words.first() {
                lx.role_index.entry(w.clone()).or_default().push(k);
            }
        }
        for (k, o) in lx.org_heads.iter().enumerate() {
            if let Some(w) = o.words.first() {
                lx.org_index.entry(w.clone()).or_default().push(k);
            }
        }
        for (k, a) in lx.adverbials.iter().enumerate() {
            if let Some(w) = a.first() {
                lx.adverbial_index.entry(w.clone()).or_default().push(k);
            }
        }
        lx
    }

    fn add_verb(&mut self, line: &str) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return;
        }
        let mut words: Vec<String> = cols[0].split_whitespace().map(str::to_lowercase).collect();
        let reflexive = matches!(words.first().map(String::as_str), Some("se"))
            || words.first().is_some_and(|w| w.starts_with("s'"));
        if words.first().map(String::as_str) == Some("se") {
            words.remove(0);
        } else if let Some(w) = words.first_mut() {
            if let Some(rest) = w.strip_prefix("s'") {
                *w = rest.to_string();
            }
        }
        let prefix = if words.len() >= 2 && words[0] == "y" {
            Some(words.remove(0))
        } else {
            None
        };
        if words.is_empty() {
            return;
        }
        let head = words[0].clone();
        let tail = words[1..].to_vec();
        let mut frames = Frames::default();
        for f in cols[1].split_whitespace() {
            match f {
                "Q" => frames.que = true,
                "I" => frames.infinitive = true,
                "D" => frames.de_infinitive = true,
                "OA" => frames.object_a = true,
                "A" => frames.a = true,
                "OD" => frames.object_de = true,
                "N" => frames.noun = true,
                "NQ" => frames.noun_quoted = true,
                "C" => frames.comme = true,
                "P" => frames.pour = true,
                "X" => frames.attribute = true,
                "V" => frames.inverted = true,
                _ => {}
            }
        }
        let mut spec = cols[2].split_whitespace();
        let mut forms: HashMap<&str, String> = HashMap::new();
        let regular = cols[2].split_whitespace().next() == Some("er");
        if regular {
            spec.next();
            forms = first_group_forms(&head);
        }
        for kv in spec {
            if let Some((k, v)) = kv.split_once('=') {
                let v = v.strip_prefix("s'").unwrap_or(v);
                forms.insert(k, v.to_string());
            }
        }
        let id = self.verbs.len();
        self.verbs.push(Verb {
            lemma: cols[0].to_string(),
            frames,
            tail,
            reflexive,
            prefix,
        });
        let mut add = |form: String, kind: FormKind| {
            let e = self.verb_forms.entry(form).or_default();
            if !e.iter().any(|f| f.verb == id && f.kind == kind) {
                e.push(VerbForm { verb: id, kind });
            }
        };
        add(
            forms.get("inf").cloned().unwrap_or_else(|| head.clone()),
            FormKind::Infinitive,
        );
        if let Some(pp) = forms.get("pp") {
            for suffix in ["", "e", "s", "es"] {
                if suffix == "s" && pp.ends_with('s') {
                    continue;
                }
                add(format!("{pp}{suffix}"), FormKind::Participle);
            }
        }
        for key in ["p3s", "p3p", "ps3s", "ps3p"] {
            if let Some(f) = forms.get(key) {
                add(f.clone(), FormKind::Finite);
            }
        }
        if let Some(stem) = forms.get("impf") {
            for ending in ["ait", "aient"] {
                let s = soften_stem(stem, ending);
                add(format!("{s}{ending}"), FormKind::Finite);
            }
        }
        if let Some(ppr) = forms.get("ppr") {
            add(ppr.clone(), FormKind::PresentParticiple);
        }
    }

    /// The forms a lowercase word may be.
    pub fn verb_forms(&self, word: &str) -> &[VerbForm] {
        self.verb_forms.get(word).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn is_agency(&self, name: &str) -> bool {
        self.agencies.contains(&name.to_lowercase())
    }
}

/// For -cer and -ger verbs, the stem before an ending in a or o ("annonç", "jugea").
fn soften_stem(stem: &str, ending: &str) -> String {
    let starts_hard = ending.starts_with('a') || ending.starts_with('o');
    if starts_hard {
        if let Some(s) = stem.strip_suffix('c') {
            return format!("{s}ç");
        }
        if stem.ends_with('g') {
            return format!("{stem}e");
        }
    }
    stem.to_string()
}

/// Inflections of a regular first-group verb.
fn first_group_forms(lemma: &str) -> HashMap<&'static str, String> {
    let mut m = HashMap::new();
    let Some(stem) = lemma.strip_suffix("er") else {
        return m;
    };
    m.insert("pp", format!("{stem}é"));
    m.insert("p3s", format!("{stem}e"));
    m.insert("p3p", format!("{stem}ent"));
    m.insert("impf", stem.to_string());
    m.insert("ppr", format!("{}ant", soften_stem(stem, "ant")));
    m.insert("ps3s", format!("{}a", soften_stem(stem, "a")));
    m.insert("ps3p", format!("{stem}èrent"));
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_verbs_are_inflected() {
        let lx = lexicon();
        for (form, kind) in [
            ("déclaré", FormKind::Participle),
            ("déclarée", FormKind::Participle),
            ("annonçait", FormKind::Finite),
            ("annonçant", FormKind::PresentParticiple),
            ("jugeait", FormKind::Finite),
            ("indiquent", FormKind::Finite),
            ("martèle", FormKind::Finite),
            ("dit", FormKind::Finite),
            ("dit", FormKind::Participle),
            ("d'ajouter", FormKind::Infinitive),
        ] {
            let form = form.strip_prefix("d'").unwrap_or(form);
            assert!(
                lx.verb_forms(form).iter().any(|f| f.kind == kind),
                "{form} {kind:?}"
            );
        }
        assert!(lx.verb_forms("maison").is_empty());
    }

    #[test]
    fn reflexive_and_multiword_verbs_are_read() {
        let lx = lexicon();
        let f = lx.verb_forms("félicité");
        assert!(f.iter().any(|f| lx.verbs[f.verb].reflexive));
        let f = lx.verb_forms("fait");
        assert!(f.iter().any(|f| lx.verbs[f.verb].tail == ["état"]));
    }

    #[test]
    fn other_lists_are_loaded() {
        let lx = lexicon();
        assert!(lx.roles.iter().any(|r| r.words == ["porte-parole"]));
        assert!(lx.org_heads.iter().any(|o| o.words == ["ministère"]));
        assert_eq!(lx.titles.get("Mme"), Some(&Gender::Feminine));
        assert!(lx.is_agency("Reuters"));
        assert!(lx.selon_non_agents.contains("cas"));
        assert!(lx.adverbials.iter().any(|a| a == &["pour", "sa", "part"]));
    }
}
