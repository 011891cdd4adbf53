//! Speaker resolution inside one document: from a mention ("il", "le ministère",
//! "le porte-parole du Kremlin", "M. Poutine") to the fullest name the document gives.
//!
//! [`SpeakerResolver`] reads the whole document once to learn its names (the longest
//! form of each person's name), which person holds which role ("le porte-parole du
//! Kremlin, Dmitri Peskov"; "Lassina Zerbo, patron de ...") and which organisations it
//! names in full ("le ministère arménien de la Défense"). It then resolves mentions in
//! reading order, keeping the recent speakers and subjects as antecedents for pronouns,
//! "ce dernier" and bare heads ("le ministère", "le communiqué").
//!
//! It does not find quotes (see [`crate::frames`]) and does not link across documents.

use crate::lexicon::{lexicon, Gender};
use crate::phrase::{
    determiner_agreement, is_determiner, is_name_word, name_run_end, np_end, org_head_at, role_at,
};
use crate::tokens::{tokenize, Token, TokenKind};

/// What kind of thing a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferentKind {
    Person,
    Organization,
    /// A proper name of unknown kind (a country, a capital, a movement).
    Proper,
    /// A group or unnamed source ("des sources sécuritaires", "un témoin").
    Group,
}

/// A resolved mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Referent {
    /// The fullest name, or the mention's words without determiner for an unnamed
    /// group or organisation; `None` for an unresolved pronoun.
    pub name: Option<String>,
    pub kind: ReferentKind,
    pub gender: Gender,
    pub plural: bool,
}

#[derive(Debug, Clone)]
struct RoleBinding {
    group: String,
    modifiers: Vec<String>,
    name: String,
    gender: Gender,
}

#[derive(Debug, Clone)]
struct OrgName {
    head: usize,
    name: String,
    at: usize,
}

#[derive(Debug, Clone)]
struct Salient {
    referent: Referent,
    at: usize,
    /// A speaker (rather than a subject merely mentioned).
    speaker: bool,
}

/// Document-level speaker context: names, roles, organisations, recent speakers.
#[derive(Debug, Clone)]
pub struct SpeakerResolver {
    /// Person names of two words or more, with the byte offset of each occurrence.
    names: Vec<(Vec<String>, usize)>,
    roles: Vec<RoleBinding>,
    orgs: Vec<OrgName>,
    salient: Vec<Salient>,
}

fn words_text(text: &str, toks: &[Token]) -> String {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => text.get(a.start..b.end).unwrap_or("").to_string(),
        _ => String::new(),
    }
}

/// Lowercase without accents, for comparing names and modifiers.
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ÿ' => 'y',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

/// True when a run of name words is an organisation rather than a person.
fn run_is_organization(text: &str, run: &[Token]) -> bool {
    let lx = lexicon();
    if run.iter().any(|t| t.is_acronym(text)) {
        return true;
    }
    if org_head_at(run, 0).is_some() {
        return true;
    }
    lx.is_agency(&words_text(text, run))
}

impl SpeakerResolver {
    /// Learn the names, roles and organisations of a document.
    pub fn new(text: &str) -> SpeakerResolver {
        let toks = tokenize(text);
        let mut r = SpeakerResolver {
            names: Vec::new(),
            roles: Vec::new(),
            orgs: Vec::new(),
            salient: Vec::new(),
        };
        let mut i = 0;
        while i < toks.len() {
            // Person names: two name words or more, or a title and a name.
            if is_name_word(&toks[i]) {
                let e = name_run_end(&toks, i, toks.len());
                let mut run = &toks[i..e];
                // "du Kremlin Dmitri Peskov": the complement's word is not part of the name
                // ("de la Santé Olivier Véran": the article may stand between)
                let in_complement = i > 0
                    && (matches!(toks[i - 1].norm.as_str(), "de" | "du" | "des" | "d'" | "l'")
                        || (i > 1
                            && matches!(toks[i - 1].norm.as_str(), "la" | "l'")
                            && toks[i - 2].norm == "de"));
                if in_complement && run.len() >= 3 && !run_is_organization(text, &run[1..]) {
                    run = &run[1..];
                }
                let n = e - run.len();
                let after_title = n > 0
                    && lexicon()
                        .titles
                        .contains_key(text.get(toks[n - 1].start..toks[n - 1].end).unwrap_or(""));
                if (run.len() >= 2 || after_title)
                    && !run_is_organization(text, run)
                    && !starts_sentence(&toks, n)
                {
                    r.names
                        .push((run.iter().map(|t| t.norm.clone()).collect(), toks[n].start));
                } else if run.len() >= 3
                    && !run_is_organization(text, &run[1..])
                    && starts_sentence(&toks, n)
                {
                    // "Selon Jean Dupont" at a sentence start keeps the name without "Selon"
                    r.names.push((
                        run[1..].iter().map(|t| t.norm.clone()).collect(),
                        toks[n + 1].start,
                    ));
                }
                i = e.max(i + 1);
                continue;
            }
            i += 1;
        }
        // Roles held by named persons, and organisations named in full.
        for i in 0..toks.len() {
            if let Some((role, len)) = role_at(&toks, i) {
                r.learn_role(text, &toks, i, role, len);
            }
            if let Some((head, len)) = org_head_at(&toks, i) {
                let e = np_end(&toks, i, toks.len());
                if e > i + len {
                    r.orgs.push(OrgName {
                        head,
                        name: words_text(text, &toks[i..e]),
                        at: toks[i].start,
                    });
                }
            }
        }
        r
    }

    fn learn_role(&mut self, text: &str, toks: &[Token], i: usize, role: usize, len: usize) {
        let lx = lexicon();
        let role_def = &lx.roles[role];
        let det = if i > 0 { toks[i - 1].norm.as_str() } else { "" };
        let mut gender = role_def.gender;
        if gender == Gender::Unknown {
            gender = determiner_agreement(det).0;
        }
        // role + modifiers + Name, or role + modifiers + ", Name"
        let end = np_end(toks, i, toks.len());
        let mut j = i + len;
        let mut modifiers = Vec::new();
        let mut name = None;
        while j <= end && j < toks.len() {
            if j < end && is_name_word(&toks[j]) {
                let e = name_run_end(toks, j, end);
                let run = &toks[j..e];
                let prev = toks[j - 1].norm.as_str();
                let in_complement = matches!(prev, "de" | "du" | "des" | "d'" | "l'" | "la" | "le");
                if !in_complement && !run_is_organization(text, run) && (run.len() >= 2 || e == end)
                {
                    name = Some(run);
                    break;
                }
                // "du Kremlin Dmitri Peskov": the complement's word, then a person's name
                if in_complement && run.len() >= 3 && !run_is_organization(text, &run[1..]) {
                    modifiers.push(fold(&run[0].norm));
                    name = Some(&run[1..]);
                    break;
                }
                modifiers.extend(run.iter().map(|t| fold(&t.norm)));
                j = e;
                continue;
            }
            if j == end {
                // apposition: ", Name," or ", Name" at a phrase end
                if toks.get(j).is_some_and(|t| t.norm == ",")
                    && toks.get(j + 1).is_some_and(is_name_word)
                {
                    let e = name_run_end(toks, j + 1, toks.len());
                    let run = &toks[j + 1..e];
                    let closes = toks
                        .get(e)
                        .is_none_or(|t| t.kind != TokenKind::Word || t.norm == "a");
                    if run.len() >= 2 && closes && !run_is_organization(text, run) {
                        name = Some(run);
                    }
                }
                break;
            }
            let n = toks[j].norm.as_str();
            if matches!(n, "de" | "du" | "des" | "d'")
                && toks.get(j + 1).is_some_and(|t| {
                    role_at(toks, j + 1).is_some()
                        || role_at(toks, j + 2).is_some() && is_determiner(&t.norm)
                })
            {
                break; // "le porte-parole du président X": X is not the porte-parole
            }
            if toks[j].kind == TokenKind::Word
                && !is_determiner(n)
                && !matches!(n, "de" | "du" | "des" | "d'" | "à" | "et")
            {
                modifiers.push(fold(n));
            }
            j += 1;
        }
        // Name, role: "Lassina Zerbo, patron de ..."
        if name.is_none() && i >= 2 {
            let mut k = i;
            if k > 0 && is_determiner(&toks[k - 1].norm) {
                k -= 1;
            }
            if k >= 2 && toks[k - 1].norm == "," && is_name_word(&toks[k - 2]) {
                let mut s = k - 2;
                while s > 0
                    && (is_name_word(&toks[s - 1])
                        || toks[s - 1].norm == "de" && s >= 2 && is_name_word(&toks[s - 2]))
                {
                    s -= 1;
                }
                while s < k - 1
                    && (crate::phrase::opens_adverbial(&toks[s].norm)
                        || is_determiner(&toks[s].norm))
                {
                    s += 1;
                }
                let run = &toks[s..k - 1];
                let after_opener = s > 0 && crate::phrase::opens_adverbial(&toks[s - 1].norm);
                if run.len() >= 2
                    && !run_is_organization(text, run)
                    && (!starts_sentence(toks, s) || after_opener)
                {
                    name = Some(run);
                }
            }
        }
        if let Some(run) = name {
            let n = self.fullest(
                &run.iter().map(|t| t.norm.clone()).collect::<Vec<_>>(),
                text,
                words_text(text, run),
            );
            self.roles.push(RoleBinding {
                group: role_def.group.clone(),
                modifiers,
                name: n,
                gender,
            });
        }
    }

    /// The fullest written form of a person's name whose words include `words`.
    fn fullest(&self, words: &[String], text: &str, fallback: String) -> String {
        let best = self
            .names
            .iter()
            .filter(|(n, _)| {
                n.len() >= words.len()
                    && n.last() == words.last()
                    && words.iter().all(|w| n.contains(w))
            })
            .max_by_key(|(n, at)| (n.len(), std::cmp::Reverse(*at)));
        match best {
            Some((n, _)) if n.len() > words.len() => self.written(text, n).unwrap_or(fallback),
            _ => fallback,
        }
    }

    /// The name as written in the document (first occurrence), from its lowercase words.
    fn written(&self, text: &str, words: &[String]) -> Option<String> {
        let (_, at) = self.names.iter().find(|(n, _)| n == words)?;
        let mut end = (*at + 400).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let rest = text.get(*at..end)?;
        let toks = tokenize(rest);
        let e = name_run_end(&toks, 0, toks.len());
        (e >= words.len()).then(|| words_text(rest, &toks[..words.len()]))
    }

    /// Resolve a mention written at byte offset `at` of the document text; the mention
    /// is resolved against what came before it (and the document's names and roles).
    pub fn resolve(&mut self, text: &str, mention: &str, at: usize) -> Referent {
        let toks = tokenize(mention);
        self.resolve_tokens(text, mention, &toks, at)
    }

    /// Resolve the tokens of a mention (offsets relative to `mention_text`).
    pub(crate) fn resolve_tokens(
        &self,
        doc: &str,
        mention_text: &str,
        toks: &[Token],
        at: usize,
    ) -> Referent {
        let lx = lexicon();
        let unknown = Referent {
            name: None,
            kind: ReferentKind::Person,
            gender: Gender::Unknown,
            plural: false,
        };
        let Some(first) = toks.first() else {
            return unknown;
        };
        // pronouns, inverted clitics, "ce dernier"
        let clitic = first.norm.rsplit('-').next().unwrap_or("");
        if toks.len() == 1 {
            if let Some(&(g, p)) = lx
                .pronouns
                .get(first.norm.as_str())
                .or_else(|| lx.pronouns.get(clitic))
            {
                return self.antecedent(doc, g, p, at, false).unwrap_or(Referent {
                    gender: g,
                    plural: p,
                    ..unknown
                });
            }
        }
        if matches!(
            first.norm.as_str(),
            "ce" | "cette" | "celui-ci" | "celle-ci"
        ) && toks
            .get(1)
            .is_none_or(|t| matches!(t.norm.as_str(), "dernier" | "dernière"))
        {
            let g = if matches!(first.norm.as_str(), "cette" | "celle-ci") {
                Gender::Feminine
            } else {
                Gender::Masculine
            };
            if first.norm.ends_with("-ci") || toks.len() == 2 {
                return self
                    .antecedent(doc, g, false, at, true)
                    .unwrap_or(Referent {
                        gender: g,
                        ..unknown
                    });
            }
        }
        let mut i = 0;
        let mut gender = Gender::Unknown;
        let mut plural = false;
        while i < toks.len() && is_determiner(&toks[i].norm) {
            let (g, p) = determiner_agreement(&toks[i].norm);
            if g != Gender::Unknown {
                gender = g;
            }
            plural |= p;
            i += 1;
        }
        let body = &toks[i..];
        let body_text = words_text(mention_text, body);
        if body.is_empty() {
            return unknown;
        }
        // a title: "M. Poutine", "Mme Dupont"
        if let Some(&g) = lx
            .titles
            .get(mention_text.get(body[0].start..body[0].end).unwrap_or(""))
        {
            let e = name_run_end(body, 1, body.len());
            if e > 1 {
                let words: Vec<String> = body[1..e].iter().map(|t| t.norm.clone()).collect();
                let name = self.fullest(&words, doc, words_text(mention_text, &body[1..e]));
                return Referent {
                    name: Some(name),
                    kind: ReferentKind::Person,
                    gender: g,
                    plural: false,
                };
            }
        }
        // a role: "le porte-parole du Kremlin", "le colonel Barbry", "la porte-parole X"
        if let Some((role, len)) = role_at(body, 0) {
            let def = &lx.roles[role];
            if def.gender != Gender::Unknown {
                gender = def.gender;
            }
            let (name, modifiers) = role_name_and_modifiers(mention_text, body, len);
            if let Some(run) = name {
                let words: Vec<String> = run.iter().map(|t| t.norm.clone()).collect();
                let g = self.first_name_gender(&words).unwrap_or(gender);
                return Referent {
                    name: Some(self.fullest(&words, doc, words_text(mention_text, run))),
                    kind: ReferentKind::Person,
                    gender: g,
                    plural,
                };
            }
            if let Some(b) = self.role_binding(&def.group, &modifiers) {
                let g = if gender == Gender::Unknown {
                    b.gender
                } else {
                    gender
                };
                return Referent {
                    name: Some(b.name.clone()),
                    kind: ReferentKind::Person,
                    gender: g,
                    plural,
                };
            }
            return Referent {
                name: Some(body_text),
                kind: ReferentKind::Person,
                gender,
                plural,
            };
        }
        // a document: "le communiqué" speaks for the last organisation that spoke
        if lx.document_nouns.contains(body[0].norm.as_str()) && body.len() == 1 {
            if let Some(s) = self
                .salient
                .iter()
                .rev()
                .find(|s| s.at <= at && s.referent.kind == ReferentKind::Organization)
            {
                return s.referent.clone();
            }
        }
        // an organisation or collective: "le ministère", "la police israélienne"
        if let Some((head, len)) = org_head_at(body, 0) {
            let def = &lx.org_heads[head];
            let g = if def.gender != Gender::Unknown {
                def.gender
            } else {
                gender
            };
            let plural = plural || def.plural;
            let kind = if def.plural {
                ReferentKind::Group
            } else {
                ReferentKind::Organization
            };
            if body.len() == len {
                // a bare head: the last organisation named in full with this head
                if let Some(o) = self
                    .orgs
                    .iter()
                    .rev()
                    .find(|o| o.head == head && o.at <= at)
                {
                    return Referent {
                        name: Some(o.name.clone()),
                        kind,
                        gender: g,
                        plural,
                    };
                }
            }
            return Referent {
                name: Some(body_text),
                kind,
                gender: g,
                plural,
            };
        }
        // a name with its acronym: "Reporters sans frontières (RSF)"
        if is_name_word(&body[0]) {
            if let Some(p) = body.iter().position(|t| t.norm == "(") {
                if body.get(p + 1).is_some_and(|t| t.is_acronym(mention_text))
                    && body.get(p + 2).is_some_and(|t| t.norm == ")")
                {
                    return Referent {
                        name: Some(body_text),
                        kind: ReferentKind::Organization,
                        gender,
                        plural,
                    };
                }
            }
        }
        // a proper name: the fullest form in the document
        if is_name_word(&body[0]) {
            let e = name_run_end(body, 0, body.len());
            let run = &body[..e];
            let words: Vec<String> = run.iter().map(|t| t.norm.clone()).collect();
            if run_is_organization(mention_text, run) {
                return Referent {
                    name: Some(words_text(mention_text, run)),
                    kind: ReferentKind::Organization,
                    gender,
                    plural,
                };
            }
            let name = self.fullest(&words, doc, words_text(mention_text, run));
            let is_person = self.names.iter().any(|(n, _)| n.last() == words.last());
            let g = self
                .first_name_gender(
                    &name
                        .split_whitespace()
                        .map(str::to_lowercase)
                        .collect::<Vec<_>>(),
                )
                .unwrap_or(gender);
            let kind = if is_person {
                ReferentKind::Person
            } else {
                ReferentKind::Proper
            };
            return Referent {
                name: Some(name),
                kind,
                gender: g,
                plural,
            };
        }
        // "le prix Nobel de la paix Mohamed ElBaradei": a name apposed to a description
        let mut k = 1;
        while k < body.len() {
            if is_name_word(&body[k]) {
                let e = name_run_end(body, k, body.len());
                let in_complement = matches!(
                    body[k - 1].norm.as_str(),
                    "de" | "du" | "des" | "d'" | "l'" | "la" | "le"
                );
                if !in_complement
                    && e - k >= 2
                    && e == body.len()
                    && !run_is_organization(mention_text, &body[k..e])
                {
                    let words: Vec<String> = body[k..e].iter().map(|t| t.norm.clone()).collect();
                    let name = self.fullest(&words, doc, words_text(mention_text, &body[k..e]));
                    return Referent {
                        name: Some(name),
                        kind: ReferentKind::Person,
                        gender,
                        plural: false,
                    };
                }
                k = e;
                continue;
            }
            k += 1;
        }
        // anything else: a group or unnamed source
        Referent {
            name: Some(body_text),
            kind: ReferentKind::Group,
            gender,
            plural,
        }
    }

    fn first_name_gender(&self, words: &[String]) -> Option<Gender> {
        let lx = lexicon();
        let first = words.first()?;
        let cap: String = {
            let mut c = first.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        };
        (words.len() >= 2 && lx.feminine_first_names.contains(&cap)).then_some(Gender::Feminine)
    }

    fn role_binding(&self, group: &str, modifiers: &[String]) -> Option<&RoleBinding> {
        let same_group: Vec<&RoleBinding> =
            self.roles.iter().filter(|b| b.group == group).collect();
        if let Some(b) = same_group
            .iter()
            .rev()
            .find(|b| !modifiers.is_empty() && modifiers.iter().all(|m| b.modifiers.contains(m)))
        {
            return Some(b);
        }
        if modifiers.is_empty() || same_group.iter().all(|b| b.modifiers.is_empty()) {
            let mut people: Vec<&str> = same_group.iter().map(|b| b.name.as_str()).collect();
            people.dedup();
            if people.len() == 1 {
                return same_group.last().copied();
            }
            if modifiers.is_empty() {
                return same_group
                    .iter()
                    .rev()
                    .find(|b| b.modifiers.is_empty())
                    .copied();
            }
        }
        None
    }

    /// The most recent speaker or subject before `at` that a pronoun of this gender and
    /// number may name. With `any_mention`, persons merely named count too ("ce dernier").
    fn antecedent(
        &self,
        text: &str,
        gender: Gender,
        plural: bool,
        at: usize,
        any_mention: bool,
    ) -> Option<Referent> {
        let from_salient = self.salient.iter().rev().filter(|s| s.at <= at).find(|s| {
            s.referent.plural == plural
                && s.referent.gender.agrees(gender)
                && s.referent.name.is_some()
        });
        if any_mention {
            let last_name = self
                .names
                .iter()
                .filter(|(_, p)| *p < at)
                .max_by_key(|(_, p)| *p);
            if let Some((words, p)) = last_name {
                if from_salient.is_none_or(|s| s.at < *p) && !plural {
                    let written = self.written(text, words).unwrap_or_else(|| words.join(" "));
                    let full = self.fullest(words, text, written);
                    return Some(Referent {
                        name: Some(full),
                        kind: ReferentKind::Person,
                        gender,
                        plural,
                    });
                }
            }
        }
        from_salient.map(|s| s.referent.clone())
    }

    /// Record that `referent` was the subject (or, with `speaker`, the speaker) of
    /// something said at byte offset `at`; pronouns after it may name it.
    pub fn note(&mut self, referent: &Referent, at: usize, speaker: bool) {
        if referent.name.is_some() {
            self.salient.push(Salient {
                referent: referent.clone(),
                at,
                speaker,
            });
        }
    }

    /// True when `word` (lowercase) is the last word of a person's name the document
    /// writes in full, or when the document writes it as a name mid-sentence.
    pub(crate) fn knows_name(&self, word: &str) -> bool {
        self.names
            .iter()
            .any(|(n, _)| n.last().is_some_and(|l| l == word))
    }

    /// The last speaker recorded before `at`.
    pub fn last_speaker(&self, at: usize) -> Option<&Referent> {
        self.salient
            .iter()
            .rev()
            .find(|s| s.speaker && s.at <= at)
            .map(|s| &s.referent)
    }
}

/// In a role mention, the person's name written with the role, and the role's modifiers.
fn role_name_and_modifiers<'a>(
    text: &str,
    body: &'a [Token],
    len: usize,
) -> (Option<&'a [Token]>, Vec<String>) {
    let mut modifiers = Vec::new();
    let mut j = len;
    while j < body.len() {
        if is_name_word(&body[j]) {
            let e = name_run_end(body, j, body.len());
            let run = &body[j..e];
            let prev = body[j - 1].norm.as_str();
            let in_complement = matches!(prev, "de" | "du" | "des" | "d'" | "l'" | "la" | "le");
            if !in_complement && !run_is_organization(text, run) {
                return (Some(run), modifiers);
            }
            if in_complement && run.len() >= 3 && !run_is_organization(text, &run[1..]) {
                modifiers.push(fold(&run[0].norm));
                return (Some(&run[1..]), modifiers);
            }
            modifiers.extend(run.iter().map(|t| fold(&t.norm)));
            j = e;
            continue;
        }
        let n = body[j].norm.as_str();
        if matches!(n, "de" | "du" | "des" | "d'") && role_at(body, j + 1).is_some() {
            break;
        }
        if body[j].kind == TokenKind::Word
            && !is_determiner(n)
            && !matches!(n, "de" | "du" | "des" | "d'" | "à" | "et")
        {
            modifiers.push(fold(n));
        }
        j += 1;
    }
    (None, modifiers)
}

fn starts_sentence(toks: &[Token], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let p = &toks[i - 1];
    matches!(p.norm.as_str(), "." | "!" | "?" | "\n" | "-" | "—" | "–") || p.is_quote_mark()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(doc: &str, mention: &str, at_marker: &str) -> Option<String> {
        let mut r = SpeakerResolver::new(doc);
        let at = doc.find(at_marker).unwrap_or(doc.len());
        r.resolve(doc, mention, at).name
    }

    #[test]
    fn role_then_name_later_resolves() {
        let doc = "Le porte-parole de la mairie, Paul Verlaine-Dumas, a parlé. Puis le porte-parole de la mairie a ajouté.";
        assert_eq!(
            resolve(doc, "le porte-parole de la mairie", "Puis").as_deref(),
            Some("Paul Verlaine-Dumas")
        );
    }

    #[test]
    fn surname_and_title_take_the_fullest_name() {
        let doc = "La ministre Jeanne Ardoin est arrivée. Mme Ardoin a parlé. Ardoin a conclu.";
        assert_eq!(
            resolve(doc, "Mme Ardoin", "Mme").as_deref(),
            Some("Jeanne Ardoin")
        );
        assert_eq!(
            resolve(doc, "Ardoin", "Ardoin a").as_deref(),
            Some("Jeanne Ardoin")
        );
    }

    #[test]
    fn bare_organisation_head_takes_the_last_full_name() {
        let doc = "Le ministère letton de la Culture a protesté. Le ministère a ensuite démenti.";
        assert_eq!(
            resolve(doc, "le ministère", "Le ministère a").as_deref(),
            Some("ministère letton de la Culture")
        );
    }

    #[test]
    fn name_after_a_complement_with_article_leaves_the_complement_out() {
        let text = "La ministre de la Culture Jeanne Morel a déclaré que le festival aurait lieu.";
        let r = SpeakerResolver::new(text);
        assert!(
            r.names.iter().any(|(n, _)| n.join(" ") == "jeanne morel"),
            "{:?}",
            r.names
        );
        assert!(!r
            .names
            .iter()
            .any(|(n, _)| n.first().is_some_and(|w| w == "culture")));
    }

    #[test]
    fn name_then_role_apposition() {
        let doc = "Selon Hugo Marchal, directeur de l'observatoire, la crue monte. Le directeur de l'observatoire a insisté.";
        assert_eq!(
            resolve(doc, "le directeur de l'observatoire", "Le directeur").as_deref(),
            Some("Hugo Marchal")
        );
    }

    #[test]
    fn role_of_someone_else_is_not_their_name() {
        let doc = "Le porte-parole du président Jean Morel a parlé.";
        let mut r = SpeakerResolver::new(doc);
        let got = r.resolve(doc, "Le porte-parole du président Jean Morel", 0);
        assert_ne!(got.name.as_deref(), Some("Jean Morel"));
    }

    #[test]
    fn pronouns_follow_gender() {
        let doc = "x";
        let mut r = SpeakerResolver::new(doc);
        let him = Referent {
            name: Some("Paul Roux".into()),
            kind: ReferentKind::Person,
            gender: Gender::Masculine,
            plural: false,
        };
        let her = Referent {
            name: Some("Lise Roux".into()),
            kind: ReferentKind::Person,
            gender: Gender::Feminine,
            plural: false,
        };
        r.note(&her, 1, true);
        r.note(&him, 2, true);
        assert_eq!(r.resolve(doc, "elle", 3).name.as_deref(), Some("Lise Roux"));
        assert_eq!(
            r.resolve(doc, "a-t-il", 3).name.as_deref(),
            Some("Paul Roux")
        );
        assert_eq!(r.resolve(doc, "ils", 3).name, None);
    }
}
