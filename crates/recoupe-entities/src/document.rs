//! One document's entities: candidates kept or dropped, then grouped by referent.
//!
//! - Weak candidates (a single capitalised word with nothing else for it) are kept when
//!   the document names the same person in full elsewhere, when the word is a subject
//!   ("Blinken a souligné"); otherwise dropped. Capitalised words the document also
//!   writes in lower case ("Attentat" / "attentat") are common words, not names.
//! - Persons: a surname alone, or with a title, joins the full name it ends (up to
//!   romanisation): "M. Poutine" and "Pachinian" join "Vladimir Poutine" and "Nikol
//!   Pachinian". With two full names sharing that surname, it joins the nearest before.
//! - Countries by ISO code; capitals and seats of power used as actors ("Bakou accuse",
//!   "le Kremlin") join their country; after a place cue ("à Moscou") a capital is a city.
//! - Places and organisations by canonical name, or by their folded text.
//!
//! It does not look across documents (that is [`crate::merge`]).

use crate::lexicon::{lexicon, Known};
use crate::names::{fold, sound_key, PersonName};
use crate::recognize::{Candidate, Evidence};
use recoupe_model::{DocEntity, EntityType, Mention};
use std::collections::{HashMap, HashSet};

/// The key that groups mentions of one referent inside a document.
fn group_key(c: &Candidate, text: &str) -> String {
    let name = text.get(c.name_start..c.end).unwrap_or("");
    match &c.known {
        Some(Known::Country(iso)) => format!("country:{iso}"),
        Some(Known::Capital(iso)) if c.actor => format!("country:{iso}"),
        Some(Known::Seat(iso)) => format!("country:{iso}"),
        Some(Known::Place(p)) => format!("place:{}", fold(p)),
        Some(Known::Organisation(o)) => format!("org:{}", fold(o)),
        Some(Known::Capital(_)) => format!("place:{}", fold(name)),
        None => match c.kind {
            EntityType::Person => format!("person:{}", sound_key(name)),
            EntityType::Organization => format!("org:{}", fold(name)),
            _ => format!("place:{}", sound_key(name)),
        },
    }
}

/// The type a kept candidate's mention gets.
fn mention_kind(c: &Candidate) -> EntityType {
    match &c.known {
        Some(Known::Capital(_)) if c.actor => EntityType::Country,
        Some(Known::Seat(_)) => EntityType::Country,
        Some(k) => k.kind(),
        None => c.kind,
    }
}

/// The entity name for a group key, when a list names it.
fn listed_name(c: &Candidate) -> Option<String> {
    let lx = lexicon();
    match &c.known {
        Some(Known::Country(iso)) | Some(Known::Seat(iso)) => {
            lx.country_name(iso).map(str::to_string)
        }
        Some(Known::Capital(iso)) if c.actor => lx.country_name(iso).map(str::to_string),
        Some(Known::Place(p)) | Some(Known::Organisation(p)) => Some(p.clone()),
        _ => None,
    }
}

/// Keeps the candidates worth keeping, groups them, and names the groups.
/// Returns entities (ids `e1`, `e2`… in order of first mention), mentions, and the
/// role phrases seen before each entity's names.
pub fn assemble(
    text: &str,
    mut cands: Vec<Candidate>,
) -> (Vec<DocEntity>, Vec<Mention>, Vec<(String, String)>) {
    cands.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    // Words that some strong person mention holds, by sound key.
    let mut person_words: HashMap<String, usize> = HashMap::new();
    for c in &cands {
        let name = text.get(c.name_start..c.end).unwrap_or("");
        if c.kind == EntityType::Person && c.evidence > Evidence::Weak {
            for w in name.split_whitespace() {
                *person_words.entry(sound_key(w)).or_default() += 1;
            }
        }
    }
    // Words the document also writes in lower case are common words, not names
    // ("Attentat" in a heading, "attentat" in the text).
    let lower: HashSet<String> = crate::tokens::tokenize(text)
        .iter()
        .filter(|t| t.word && t.text(text).chars().next().is_some_and(char::is_lowercase))
        .map(|t| fold(t.text(text)))
        .collect();
    let kept: Vec<Candidate> = cands
        .into_iter()
        .filter(|c| {
            if c.evidence <= Evidence::Shape && c.known.is_none() {
                let name = text.get(c.name_start..c.end).unwrap_or("");
                let words: Vec<String> = crate::tokens::tokenize(name)
                    .iter()
                    .filter(|t| t.word)
                    .map(|t| fold(t.text(name)))
                    .collect();
                if !words.is_empty() && words.iter().all(|w| lower.contains(w)) {
                    return false;
                }
            }
            if c.evidence != Evidence::Weak {
                return true;
            }
            let key = sound_key(text.get(c.name_start..c.end).unwrap_or(""));
            person_words.contains_key(&key) || c.subject
        })
        .collect();

    // Person groups: full names first, then surnames join them.
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut full: Vec<(usize, PersonName, usize)> = Vec::new(); // (group, name, first start)
    for (ci, c) in kept.iter().enumerate() {
        if c.kind != EntityType::Person || c.known.is_some() {
            continue;
        }
        let name = text.get(c.name_start..c.end).unwrap_or("");
        if let Some(p) = PersonName::parse(name) {
            if p.has_given() {
                let found = full
                    .iter()
                    .find(|(_, q, _)| q.compatible(&p) && q.has_given())
                    .map(|f| f.0);
                match found {
                    Some(g) => groups[g].1.push(ci),
                    None => {
                        groups.push((format!("person:{}", sound_key(name)), vec![ci]));
                        full.push((groups.len() - 1, p, c.start));
                    }
                }
            }
        }
    }
    let mut assigned: Vec<bool> = vec![false; kept.len()];
    for (_, members) in &groups {
        for &m in members {
            assigned[m] = true;
        }
    }
    for (ci, c) in kept.iter().enumerate() {
        if assigned[ci] {
            continue;
        }
        if c.kind == EntityType::Person && c.known.is_none() {
            let name = text.get(c.name_start..c.end).unwrap_or("");
            if let Some(p) = PersonName::parse(name) {
                // nearest full name before with this surname, else the first after
                let mut best: Option<(usize, usize)> = None;
                for (g, q, start) in &full {
                    if q.surname == p.surname {
                        let score = if *start <= c.start {
                            c.start - start
                        } else {
                            usize::MAX / 2 + start
                        };
                        if best.is_none_or(|(_, s)| score < s) {
                            best = Some((*g, score));
                        }
                    }
                }
                if let Some((g, _)) = best {
                    groups[g].1.push(ci);
                    continue;
                }
            }
        }
        let key = group_key(c, text);
        match by_key.get(&key) {
            Some(&g) => groups[g].1.push(ci),
            None => {
                groups.push((key.clone(), vec![ci]));
                by_key.insert(key, groups.len() - 1);
            }
        }
    }

    // Order groups by first mention, name them, write out.
    let mut order: Vec<(usize, usize)> = groups
        .iter()
        .enumerate()
        .map(|(g, (_, m))| (m.iter().map(|&i| kept[i].start).min().unwrap_or(0), g))
        .collect();
    order.sort();
    let mut entities = Vec::new();
    let mut mentions = Vec::new();
    let mut roles = Vec::new();
    for (n, &(_, g)) in order.iter().enumerate() {
        let id = format!("e{}", n + 1);
        let members = &groups[g].1;
        let first = &kept[members[0]];
        let kind = members
            .iter()
            .map(|&i| mention_kind(&kept[i]))
            .max_by_key(|k| match k {
                EntityType::Country => 3,
                EntityType::Person => 2,
                EntityType::Organization => 1,
                EntityType::Location => 0,
            })
            .unwrap_or(first.kind);
        let name = members
            .iter()
            .find_map(|&i| listed_name(&kept[i]).filter(|_| mention_kind(&kept[i]) == kind))
            .unwrap_or_else(|| {
                // the fullest name as written: most words, then first seen
                let mut best = String::new();
                for &i in members {
                    let s = text.get(kept[i].name_start..kept[i].end).unwrap_or("");
                    if s.split_whitespace().count() > best.split_whitespace().count() {
                        best = s.to_string();
                    }
                }
                best
            });
        entities.push(DocEntity {
            id: id.clone(),
            name: one_line(&name),
            kind,
        });
        for &i in members {
            let c = &kept[i];
            mentions.push(Mention {
                entity: id.clone(),
                text: text.get(c.start..c.end).unwrap_or("").to_string(),
                kind: mention_kind(c),
                sentence: c.sentence,
                start: c.start,
                end: c.end,
            });
            if let Some(r) = &c.role {
                roles.push((id.clone(), one_line(r)));
            }
        }
    }
    mentions.sort_by_key(|m| (m.start, m.end));
    (entities, mentions, roles)
}

/// Collapses line breaks and runs of spaces inside a name.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
