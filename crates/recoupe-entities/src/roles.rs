//! Role phrases in a document: next to a person's name, or standing alone.
//!
//! - Apposition before a name: "le président russe Vladimir Poutine", "le porte-parole
//!   du Kremlin, Dmitri Peskov" → the role of the person mentioned.
//! - Apposition after a name: "Dmitri Peskov, porte-parole du Kremlin," → the same.
//! - A role with its article and no name ("Le Premier ministre arménien a accusé
//!   Bakou") → a free role reference, resolved at story level.
//!
//! Works from the text and the document's mentions, so it serves any source of
//! mentions. It does not decide who a free role refers to (that is [`crate::merge`]).

use crate::lexicon::lexicon;
use crate::names::fold;
use crate::recognize::Scanner;
use crate::tokens::tokenize;
use recoupe_model::{EntityType, Mention};

/// Roles found in one document.
#[derive(Debug, Default)]
pub struct DocumentRoles {
    /// (entity id, role phrase) for roles written next to a person's name.
    pub attached: Vec<(String, String)>,
    /// Role phrases without a name.
    pub free: Vec<String>,
}

/// Folded role phrase without article, the key roles are compared by.
pub fn role_key(role: &str) -> String {
    let f = fold(role).replace(['\n', ','], " ");
    let words: Vec<&str> = f.split_whitespace().collect();
    let skip = usize::from(
        words
            .first()
            .is_some_and(|w| matches!(*w, "le" | "la" | "les" | "l'" | "un" | "une")),
    );
    words[skip..].join(" ")
}

pub fn find_roles(text: &str, mentions: &[Mention]) -> DocumentRoles {
    let toks = tokenize(text);
    let sc = Scanner::new(text, &toks);
    let lx = lexicon();
    let mut out = DocumentRoles::default();
    // tokens are in text order, one start each
    let tok_at = |b: usize| toks.binary_search_by_key(&b, |t| t.start).ok();
    for m in mentions.iter().filter(|m| m.kind == EntityType::Person) {
        let Some(i) = tok_at(m.start) else { continue };
        let sentence_start = toks[..i]
            .iter()
            .rposition(|t| t.is_punct(text, ".") || t.is_punct(text, "\n"))
            .map_or(0, |p| p + 1);
        if let Some(r) = sc.role_before_pub(i, sentence_start) {
            out.attached
                .push((m.entity.clone(), crate::document::one_line(&r)));
        }
        // ", porte-parole du Kremlin," after the name
        let j = toks.partition_point(|t| t.start < m.end);
        if j < toks.len() && toks[j].is_punct(text, ",") {
            let mut k = j + 1;
            if matches!(sc.fold_at(k), "le" | "la" | "l") {
                k += 1 + usize::from(crate::tokens::is_apostrophe(sc.text_at(k + 1)));
            }
            if let Some(end) = sc.role_phrase_at(k, toks.len()) {
                // the role closes with a comma and does not introduce the next name
                // ("…, le chef de la diplomatie russe, Sergueï Lavrov")
                let next_is_name = toks.get(end + 1).is_some_and(|t| t.is_capitalised(text));
                if end < toks.len() && toks[end].is_punct(text, ",") && !next_is_name {
                    if let Some(r) = text.get(toks[k].start..toks[end - 1].end) {
                        out.attached
                            .push((m.entity.clone(), crate::document::one_line(r)));
                    }
                }
            }
        }
    }
    // free roles: an article, a role, its complement, and no name after
    for i in 0..toks.len() {
        let f = sc.fold_at(i);
        let article = matches!(f, "le" | "la" | "du" | "au")
            || (f == "l" && crate::tokens::is_apostrophe(sc.text_at(i + 1)));
        if !article {
            continue;
        }
        let k = if f == "l" { i + 2 } else { i + 1 };
        let Some(end) = sc.role_phrase_at(k, toks.len()) else {
            continue;
        };
        let next_is_name = end < toks.len()
            && toks[end].is_capitalised(text)
            && !lx.not_names.contains(sc.fold_at(end));
        let comma_name = end + 1 < toks.len()
            && toks[end].is_punct(text, ",")
            && toks[end + 1].is_capitalised(text);
        if next_is_name || comma_name {
            continue;
        }
        // a bare role noun ("le président") says too little; keep roles with a complement
        if end - k < 2 {
            continue;
        }
        if let Some(r) = text.get(toks[k].start..toks[end - 1].end) {
            out.free.push(crate::document::one_line(r));
        }
    }
    out
}

impl Scanner<'_> {
    pub(crate) fn fold_at(&self, i: usize) -> &str {
        self.f(i)
    }

    pub(crate) fn text_at(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    /// A role noun at `i` and its complement: the end (exclusive) of the phrase.
    pub(crate) fn role_phrase_at(&self, i: usize, end: usize) -> Option<usize> {
        let lx = lexicon();
        let r = lx
            .roles_starting(self.f(i))
            .find(|r| self.matches(i, end, r))?;
        let mut j = i + r.len();
        while j < end && self.is_complement(j) {
            j += 1;
        }
        // do not end on a particle or an article
        while j > i + r.len()
            && matches!(
                self.fold_at(j - 1),
                "de" | "du" | "des" | "la" | "l" | "d" | "le" | "les" | "'"
            )
        {
            j -= 1;
        }
        Some(j)
    }
}
