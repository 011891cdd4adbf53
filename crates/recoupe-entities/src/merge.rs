//! Story level: one entity per real-world referent across all documents.
//!
//! Documents' entities are merged when:
//! - they name the same country, listed place or organisation (any listed spelling:
//!   "Nagorny Karabakh" and "Haut-Karabakh"; a capital or seat used as an actor was
//!   already read as its country by [`crate::document`]);
//! - two persons have the same surname up to romanisation and agreeing given names
//!   ("Nikol Pachinian" / "Nikol Pashinyan", "Djeyhoun Baïramov" / "Jeyhun Bayramov");
//! - a surname alone ("Pachinian", "M. Poutine") matches exactly one full name in the
//!   story, or, when several share it, exactly one with the same role. Two people who
//!   share a surname are never merged without such evidence.
//!
//! Free role phrases ("le Premier ministre arménien") become aliases of the one person
//! who holds that role in the story. Speakers of quotes and claimants of figures that
//! name an entity get its name and id. Nothing here reads text beyond the mentions and
//! the role phrases next to them.

use crate::document::one_line;
use crate::lexicon::{lexicon, Known};
use crate::names::{fold, sound_key, PersonName};
use crate::roles::{find_roles, role_key};
use rayon::prelude::*;
use recoupe_model::{Document, EntityType, Report, StoryEntity};
use std::collections::{BTreeSet, HashMap};

/// One document entity, as merging sees it.
struct Item {
    doc: usize,
    local: String,
    name: String,
    kind: EntityType,
    surfaces: Vec<String>,
    key: Option<String>,
    person: Option<PersonName>,
    roles: Vec<String>,
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut j = i;
        while self.0[j] != r {
            let n = self.0[j];
            self.0[j] = r;
            j = n;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

/// What a list says a name is, when the whole name is a list entry.
pub fn known_name(name: &str) -> Option<Known> {
    let toks = crate::tokens::tokenize(name);
    let words: Vec<String> = toks.iter().map(|t| fold(t.text(name))).collect();
    let skip = usize::from(
        words
            .first()
            .is_some_and(|w| matches!(w.as_str(), "le" | "la" | "les")),
    );
    let skip = if words.len() > 2 && words[0] == "l" && crate::tokens::is_apostrophe(&words[1]) {
        2
    } else {
        skip
    };
    let words = &words[skip.min(words.len())..];
    let first = words.first()?;
    lexicon()
        .gazetteer
        .get(first)?
        .iter()
        .find(|g| g.words == words)
        .map(|g| g.known.clone())
}

fn list_key(known: &Known) -> String {
    match known {
        Known::Country(iso) | Known::Seat(iso) => format!("country:{iso}"),
        Known::Capital(iso) => format!("capital:{iso}"),
        Known::Place(p) => format!("place:{}", fold(p)),
        Known::Organisation(o) => format!("org:{}", fold(o)),
    }
}

/// The merge items of document `di` (one per document entity, in order) and its free
/// role phrases.
fn document_items(di: usize, d: &Document) -> (Vec<Item>, Vec<String>) {
    let roles = find_roles(&d.text, &d.mentions);
    let mut items = Vec::with_capacity(d.entities.len());
    for e in &d.entities {
        let surfaces: Vec<String> = d
            .mentions
            .iter()
            .filter(|m| m.entity == e.id)
            .map(|m| one_line(&m.text))
            .collect();
        let key = match e.kind {
            EntityType::Person => None,
            _ => known_name(&e.name)
                .or_else(|| surfaces.iter().find_map(|s| known_name(s)))
                .map(|k| list_key(&k))
                .or_else(|| Some(format!("{:?}:{}", e.kind, sound_key(&e.name)))),
        };
        let person = if e.kind == EntityType::Person {
            PersonName::parse(&e.name)
        } else {
            None
        };
        items.push(Item {
            doc: di,
            local: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind,
            surfaces,
            key,
            person,
            roles: roles
                .attached
                .iter()
                .filter(|(id, _)| *id == e.id)
                .map(|(_, r)| r.clone())
                .collect(),
        });
    }
    (items, roles.free)
}

/// Fills `report.entities` and rewrites documents' entity ids, mentions, speakers and
/// claimants to story ids (`e1`, `e2`…, in order of first appearance).
pub fn merge_entities(report: &mut Report) {
    // Per document and independent: role phrases, list keys and parsed names.
    let per_document: Vec<(Vec<Item>, Vec<String>)> = report
        .documents
        .par_iter()
        .enumerate()
        .map(|(di, d)| document_items(di, d))
        .collect();
    let mut items: Vec<Item> = Vec::new();
    let mut free_roles: Vec<(usize, String)> = Vec::new();
    for (di, (doc_items, free)) in per_document.into_iter().enumerate() {
        items.extend(doc_items);
        free_roles.extend(free.into_iter().map(|r| (di, r)));
    }
    let mut uf = UnionFind((0..items.len()).collect());
    // keyed entities
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        if let Some(k) = &it.key {
            match by_key.get(k) {
                Some(&j) => uf.union(i, j),
                None => {
                    by_key.insert(k.clone(), i);
                }
            }
        }
    }
    // persons with given names
    let persons: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].person.is_some())
        .collect();
    let person = |i: usize| items[i].person.as_ref().unwrap();
    // Only persons of one surname can be compatible or share a cluster, so they are
    // compared within their surname's group (in `persons` order), with and without
    // a given name.
    let mut by_surname: HashMap<&str, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for &i in &persons {
        let p = person(i);
        let group = by_surname.entry(p.surname.as_str()).or_default();
        if p.has_given() {
            group.0.push(i);
        } else {
            group.1.push(i);
        }
    }
    for (given, _) in by_surname.values() {
        for (a, &i) in given.iter().enumerate() {
            for &j in &given[a + 1..] {
                if person(i).compatible(person(j)) {
                    uf.union(i, j);
                }
            }
        }
    }
    // surnames alone: one full-name cluster with that surname, or one with the same role
    for &i in &persons {
        let p = person(i);
        if p.has_given() {
            continue;
        }
        let (given, alone) = &by_surname[p.surname.as_str()];
        let mut clusters: BTreeSet<usize> = BTreeSet::new();
        for &j in given {
            clusters.insert(uf.find(j));
        }
        let target = if clusters.len() == 1 {
            clusters.into_iter().next()
        } else if clusters.len() > 1 {
            let mine: BTreeSet<String> = items[i].roles.iter().map(|r| role_key(r)).collect();
            let with_role: Vec<usize> = clusters
                .into_iter()
                .filter(|&c| {
                    given.iter().chain(alone).any(|&j| {
                        uf.find(j) == c
                            && items[j].roles.iter().any(|r| mine.contains(&role_key(r)))
                    })
                })
                .collect();
            (with_role.len() == 1).then(|| with_role[0])
        } else {
            // no full name anywhere: surnames alone merge with each other
            alone.iter().find(|&&j| j != i).copied()
        };
        if let Some(t) = target {
            uf.union(i, t);
        }
    }

    // clusters in order of first appearance (items are in document order)
    let mut cluster_of: HashMap<usize, usize> = HashMap::new();
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for i in 0..items.len() {
        let r = uf.find(i);
        let c = *cluster_of.entry(r).or_insert_with(|| {
            clusters.push(Vec::new());
            clusters.len() - 1
        });
        clusters[c].push(i);
    }
    let mut story: Vec<StoryEntity> = Vec::new();
    for (c, members) in clusters.iter().enumerate() {
        let kind = items[members[0]].kind;
        let name = cluster_name(&items, members);
        let mut aliases: Vec<String> = Vec::new();
        let mut roles: Vec<String> = Vec::new();
        let mut documents: Vec<String> = Vec::new();
        for &i in members {
            for s in std::iter::once(&items[i].name).chain(items[i].surfaces.iter()) {
                let s = strip_article(s);
                if !s.is_empty() && s != name && !aliases.iter().any(|a| fold(a) == fold(&s)) {
                    aliases.push(s);
                }
            }
            for r in &items[i].roles {
                let r = strip_article(r);
                if !roles.iter().any(|x| role_key(x) == role_key(&r)) {
                    roles.push(r);
                }
            }
            let d = &report.documents[items[i].doc].id;
            if !documents.contains(d) {
                documents.push(d.clone());
            }
        }
        story.push(StoryEntity {
            id: format!("e{}", c + 1),
            name,
            kind,
            aliases,
            documents,
            roles,
        });
    }
    // free role phrases: alias of the one person holding that role
    for (_, r) in &free_roles {
        let k = role_key(r);
        let holders: Vec<usize> = (0..story.len())
            .filter(|&s| {
                story[s].kind == EntityType::Person
                    && story[s].roles.iter().any(|x| role_key(x) == k)
            })
            .collect();
        if holders.len() == 1 {
            let e = &mut story[holders[0]];
            let r = strip_article(r);
            if !e.aliases.iter().any(|a| role_key(a) == k) {
                e.aliases.push(r);
            }
        }
    }
    // add the role phrases themselves as aliases (the contract's example does)
    for e in &mut story {
        for r in e.roles.clone() {
            if !e.aliases.iter().any(|a| role_key(a) == role_key(&r)) {
                e.aliases.push(r);
            }
        }
    }

    // rewrite documents
    let mut local_to_story: HashMap<(usize, String), usize> = HashMap::new();
    for (c, members) in clusters.iter().enumerate() {
        for &i in members {
            local_to_story.insert((items[i].doc, items[i].local.clone()), c);
        }
    }
    let index = ResolveIndex::new(&story);
    let position: HashMap<&str, usize> = story
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    for (di, d) in report.documents.iter_mut().enumerate() {
        let mut seen: Vec<String> = Vec::new();
        let mut entities = Vec::new();
        for e in &d.entities {
            let Some(&c) = local_to_story.get(&(di, e.id.clone())) else {
                continue;
            };
            let id = story[c].id.clone();
            if seen.contains(&id) {
                continue;
            }
            seen.push(id.clone());
            let mut e = e.clone();
            e.id = id;
            e.kind = story[c].kind;
            entities.push(e);
        }
        for m in &mut d.mentions {
            if let Some(&c) = local_to_story.get(&(di, m.entity.clone())) {
                m.entity = story[c].id.clone();
            }
        }
        d.entities = entities;
        let present: Vec<usize> = seen
            .iter()
            .filter_map(|id| position.get(id.as_str()).copied())
            .collect();
        for q in &mut d.quotes {
            if let Some(sp) = &mut q.speaker {
                if let Some(n) = sp.name.clone() {
                    if let Some(s) = resolve(&index, &present, &n) {
                        sp.name = Some(story[s].name.clone());
                        sp.entity = Some(story[s].id.clone());
                    }
                }
            }
        }
        for f in &mut d.figures {
            if let Some(cb) = &mut f.claimed_by {
                if let Some(s) = resolve(&index, &present, &cb.name) {
                    cb.name = story[s].name.clone();
                    cb.entity = Some(story[s].id.clone());
                }
            }
        }
    }
    report.entities = story;
}

/// What [`resolve`] compares of each story entity, computed once per story rather
/// than once per speaker: folded name and aliases, parsed person names with a given
/// name, role keys.
struct ResolveIndex {
    folds: Vec<Vec<String>>,
    persons: Vec<Vec<PersonName>>,
    roles: Vec<Vec<String>>,
}

impl ResolveIndex {
    fn new(story: &[StoryEntity]) -> ResolveIndex {
        let mut index = ResolveIndex {
            folds: Vec::with_capacity(story.len()),
            persons: Vec::with_capacity(story.len()),
            roles: Vec::with_capacity(story.len()),
        };
        for e in story {
            let mut folds = vec![fold(&e.name)];
            for a in &e.aliases {
                folds.push(fold(&strip_title(a)));
                folds.push(fold(a));
            }
            let is_person = e.kind == EntityType::Person;
            let persons = if is_person {
                std::iter::once(&e.name)
                    .chain(e.aliases.iter())
                    .filter_map(|a| PersonName::parse(a))
                    .filter(PersonName::has_given)
                    .collect()
            } else {
                Vec::new()
            };
            let roles = if is_person {
                e.roles.iter().map(|r| role_key(r)).collect()
            } else {
                Vec::new()
            };
            index.folds.push(folds);
            index.persons.push(persons);
            index.roles.push(roles);
        }
        index
    }
}

/// The story entity a speaker's name denotes: an alias, a compatible person's name, or
/// a role phrase held by one person, preferring entities of the speaker's document.
fn resolve(index: &ResolveIndex, present: &[usize], name: &str) -> Option<usize> {
    let name = strip_article(&one_line(name));
    if name.is_empty() {
        return None;
    }
    let f = fold(&name);
    let everyone: Vec<usize> = (0..index.folds.len()).collect();
    let person = PersonName::parse(&name);
    let k = role_key(&name);
    for pool in [present, everyone.as_slice()] {
        let exact: Vec<usize> = pool
            .iter()
            .copied()
            .filter(|&s| index.folds[s].contains(&f))
            .collect();
        if exact.len() == 1 {
            return Some(exact[0]);
        }
        if let Some(p) = &person {
            let compatible: Vec<usize> = pool
                .iter()
                .copied()
                .filter(|&s| index.persons[s].iter().any(|q| q.compatible(p)))
                .collect();
            if compatible.len() == 1 {
                return Some(compatible[0]);
            }
        }
        let by_role: Vec<usize> = pool
            .iter()
            .copied()
            .filter(|&s| index.roles[s].contains(&k))
            .collect();
        if by_role.len() == 1 {
            return Some(by_role[0]);
        }
    }
    None
}

/// The story name: a listed name, else the most used full name, else the most used name.
fn cluster_name(items: &[Item], members: &[usize]) -> String {
    for &i in members {
        let it = &items[i];
        if it.kind != EntityType::Person {
            if let Some(k) = known_name(&it.name) {
                return match k {
                    Known::Country(iso) | Known::Seat(iso) => {
                        lexicon().country_name(&iso).unwrap_or(&it.name).to_string()
                    }
                    Known::Place(p) | Known::Organisation(p) => p,
                    Known::Capital(_) => it.name.clone(),
                };
            }
        }
    }
    let mut counts: Vec<(String, usize, usize)> = Vec::new(); // name, words, count
    for &i in members {
        let n = one_line(&items[i].name);
        let words = n.split_whitespace().count();
        match counts.iter_mut().find(|(x, _, _)| fold(x) == fold(&n)) {
            Some(e) => e.2 += 1,
            None => counts.push((n, words, 1)),
        }
    }
    let max_words = counts.iter().map(|c| c.1.min(2)).max().unwrap_or(0);
    let mut best: Option<&(String, usize, usize)> = None;
    for c in counts.iter().filter(|c| c.1.min(2) == max_words) {
        if best.is_none_or(|b| c.2 > b.2) {
            best = Some(c);
        }
    }
    best.map(|b| b.0.clone()).unwrap_or_default()
}

fn strip_article(s: &str) -> String {
    let s = one_line(s);
    for a in [
        "le ", "la ", "les ", "Le ", "La ", "Les ", "l'", "l’", "L'", "L’", "un ", "une ", "Un ",
        "Une ",
    ] {
        if let Some(rest) = s.strip_prefix(a) {
            return rest.to_string();
        }
    }
    s
}

fn strip_title(s: &str) -> String {
    let lx = lexicon();
    let words: Vec<&str> = s.split_whitespace().collect();
    let skip = words.iter().take_while(|w| lx.titles.contains(**w)).count();
    words[skip.min(words.len())..].join(" ")
}
