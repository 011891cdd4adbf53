//! The French attribution grammar: speech frames and the reported content they govern.
//!
//! A document is cut into clause units (sentences, never cut inside a quotation). In each
//! unit the grammar finds *anchors*:
//! - a speech verb in an inverted frame after the content (`«…», a déclaré X`,
//!   `…, a-t-il ajouté`, `…, indique le communiqué`), the content running from the unit
//!   start (or the previous anchor) to the comma;
//! - a speech verb in a preposed frame (`X a déclaré : «…»`, `X a affirmé que …`,
//!   `X a accusé Y d'avoir …`, `X a appelé Y à …`, participles `…, affirmant que …`,
//!   `Et d'ajouter : «…»`), the content running to the next anchor or the unit end;
//! - `selon X` / `d'après X`, the content being the clause it qualifies, and `Pour X, …`
//!   opening a clause when its words are quoted;
//! - `X a «souligné …»` (a quoted predicate after the auxiliary);
//! - impersonal frames: `il leur a été répondu que …`, `…, a-t-on appris auprès de X`.
//!
//! A frame closing its paragraph with a colon (`Elle ajoute :`) reports the next
//! paragraph; a verb that only frames quotes after them (`lâcher`), found before its
//! words, is silent: it names a speaker but bounds no other frame's words. A quoted
//! intertitle goes to the speaker of the later quote holding its words, and a quotation
//! alone right after a sentence about a named person is that person's. Lines wrapped at a
//! fixed width are read as running text.
//!
//! Relays ("a rapporté Reuters", "selon l'agence TASS" after another frame) become the
//! `via` of the quote they follow. A quotation in a unit of its own right after a direct
//! quote continues that speaker. Quotation marks with no frame (scare quotes, titles)
//! yield nothing. Speakers are resolved by [`crate::resolver::SpeakerResolver`].

use crate::lexicon::{lexicon, FormKind, Gender, VerbForm};
use crate::marks::QuoteSpan;
use crate::phrase::{
    adverbial_at, dative_at, determiner_agreement, is_determiner, is_name_word, name_run_end,
    np_end, opens_adverbial, org_head_at, role_at, skip_determiners,
};
use crate::resolver::{Referent, ReferentKind, SpeakerResolver};
use crate::tokens::{Token, TokenKind};
use recoupe_model::QuoteKind;

/// Auxiliaries before a past participle (inverted clitic forms are handled apart).
const AUXILIARIES: &[&str] = &[
    "a", "ont", "avait", "avaient", "aurait", "auraient", "aura", "auront", "eut", "avoir",
];
/// Auxiliaries of pronominal verbs ("s'est félicité").
const BE_AUXILIARIES: &[&str] = &[
    "est", "sont", "était", "étaient", "serait", "seraient", "sera",
];
/// Negation particles after the verb or auxiliary.
const NEGATION_AFTER: &[&str] = &["pas", "jamais", "plus", "guère", "point"];
/// Words that close the subject of a preposed frame on their left.
const SUBJECT_BOUNDARIES: &[&str] = &[
    "que", "qu'", "tandis", "alors", "lorsque", "lorsqu'", "quand", "car", "mais", "si", "où",
    "puisque", "puisqu'", "parce", "bien", "comme",
];
/// Adjectives that stand before a noun: a verb form right after one, itself after a
/// determiner, is the noun ("une probable réplique", "sa dernière remarque").
const PRENOMINAL_ADJECTIVES: &[&str] = &[
    "probable",
    "dernière",
    "dernier",
    "nouvelle",
    "nouveau",
    "première",
    "premier",
    "seule",
    "seul",
    "simple",
    "vive",
    "vif",
    "petite",
    "petit",
    "grande",
    "grand",
    "belle",
    "bonne",
    "mauvaise",
    "forte",
    "sévère",
    "longue",
    "courte",
    "même",
    "autre",
    "véritable",
    "vraie",
    "vrai",
    "large",
    "légère",
    "moindre",
    "énième",
    "ultime",
    "cinglante",
    "cinglant",
];
/// Words that cannot be a bare infinitive complement though they end like one.
const NOT_INFINITIVES: &[&str] = &[
    "hier",
    "leur",
    "pour",
    "sur",
    "entre",
    "contre",
    "notre",
    "votre",
    "autre",
    "premier",
    "dernier",
    "hiver",
    "cher",
    "fier",
    "mer",
    "fer",
    "ciel",
    "mère",
    "père",
    "frère",
    "guerre",
    "terre",
    "pierre",
    "centre",
    "ministre",
    "lettre",
    "titre",
    "nombre",
    "membre",
    "offre",
    "ordre",
    "libre",
    "chiffre",
    "cadre",
    "propre",
    "plusieurs",
    "auteur",
    "secteur",
    "acteur",
    "pouvoir",
    "espoir",
    "devoir",
    "soir",
    "miroir",
    "noir",
    "avenir",
    "désir",
    "plaisir",
    "loisir",
    "empire",
    "dire",
    "pire",
    "rire",
    "sourire",
    "navire",
    "entière",
    "dernière",
    "première",
    "frontière",
    "matière",
    "manière",
    "carrière",
    "barrière",
    "prière",
    "lumière",
    "rivière",
    "sphère",
    "colère",
    "affaire",
    "salaire",
    "militaire",
    "partenaire",
    "secrétaire",
    "commentaire",
    "territoire",
    "histoire",
    "mémoire",
    "victoire",
    "gloire",
    "trajectoire",
    "offensive",
    "dossier",
    "papier",
    "quartier",
    "chantier",
    "métier",
    "héritier",
    "officier",
    "policier",
    "janvier",
    "février",
    "particulier",
    "foyer",
    "loyer",
    "clair",
    "air",
    "chair",
    "désespoir",
    "tir",
    "zaïr",
    "leader",
    "monsieur",
    "plusieur",
];

/// A subject's token range and, when written, its apposition's.
type SubjectRanges = ((usize, usize), Option<(usize, usize)>);

/// What kind of frame an anchor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AnchorKind {
    /// `«…», a déclaré X`: content before, speaker after.
    Inverted,
    /// `X a déclaré que …`: speaker before, content after.
    Preposed,
    /// `selon X`, `d'après X`.
    Selon,
    /// `X a «souligné …»`.
    AuxQuote,
}

#[derive(Debug, Clone)]
struct Anchor {
    kind: AnchorKind,
    verb: Option<VerbForm>,
    /// First token of the frame: the comma or coordination before the verb or auxiliary.
    start: usize,
    /// First token after the verb (and its fixed tail and negation).
    after_verb: usize,
    /// First token after the whole frame (after the subject of an inverted frame).
    end: usize,
    /// Token range of the subject mention, when written.
    subject: Option<(usize, usize)>,
    /// Token range of an apposed name ("le porte-parole, Paul Durand").
    apposition: Option<(usize, usize)>,
    /// The subject is the previous anchor's (coordination, participle, relative "qui").
    inherits: bool,
    /// An inverted frame inside a quotation: `«A, a-t-il dit. B»`.
    interrupts: Option<usize>,
    /// A frame that relays another's words (agency, outlet, document).
    relay: bool,
    /// Only quoted words make this frame report speech ("pour dénoncer un «coup»").
    needs_quotes: bool,
    /// "il a été annoncé que …": reported words with no speaker written.
    impersonal: bool,
    /// A frame with no words of its own ("il continuait à travailler"): it names a
    /// speaker but neither reports nor bounds another frame's words.
    silent: bool,
}

/// One quote found, before it becomes a [`recoupe_model::Quote`].
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: QuoteKind,
    pub speaker: Option<(Referent, String)>,
    pub via: Option<String>,
    pub priority: u8,
}

/// The analysis of one document.
pub(crate) struct DocumentGrammar<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// For each token, the index of the innermost quote span it lies strictly inside.
    inside: Vec<Option<usize>>,
    /// For each token, the outermost quote span closed by a real mark that holds it.
    inside_closed: Vec<Option<usize>>,
    /// Token index of each span's opening and closing mark.
    span_toks: Vec<(Option<usize>, Option<usize>)>,
    pub resolver: SpeakerResolver,
    /// The speaker of a frame that ends its paragraph with a colon ("Elle ajoute :"),
    /// whose words are the next paragraph.
    colon_intro: Option<(Referent, String)>,
    /// The text is wrapped at a fixed width: most lines run on into the next.
    hard_wrapped: bool,
    /// The named person the previous unit was about, when it had no frame.
    previous_subject: Option<(Referent, String)>,
}

fn clitic_of(word: &str) -> Option<&'static str> {
    for (suffix, clitic) in [
        ("-t-il", "il"),
        ("-t-elle", "elle"),
        ("-t-ils", "ils"),
        ("-t-elles", "elles"),
        ("-t-on", "on"),
        ("-ils", "ils"),
        ("-elles", "elles"),
        ("-il", "il"),
        ("-elle", "elle"),
        ("-on", "on"),
    ] {
        if word.ends_with(suffix) && word.len() > suffix.len() {
            return Some(clitic);
        }
    }
    None
}

fn strip_clitic(word: &str) -> &str {
    for suffix in [
        "-t-il", "-t-elle", "-t-ils", "-t-elles", "-t-on", "-ils", "-elles", "-il", "-elle", "-on",
    ] {
        if let Some(base) = word.strip_suffix(suffix) {
            if !base.is_empty() {
                return base;
            }
        }
    }
    word
}

/// A day of the month and its month at `i` ("28 septembre", "1er mai").
fn is_date_at(toks: &[Token], i: usize) -> bool {
    const MONTHS: &[&str] = &[
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let day = toks.get(i).is_some_and(|t| {
        t.norm == "1er" || (t.norm.len() <= 2 && t.norm.chars().all(|c| c.is_ascii_digit()))
    });
    day && toks
        .get(i + 1)
        .is_some_and(|t| MONTHS.contains(&t.norm.as_str()))
}

/// Nouns in -ment, which are not manner adverbs.
const MENT_NOUNS: &[&str] = &[
    "moment",
    "gouvernement",
    "parlement",
    "document",
    "traitement",
    "commencement",
    "logement",
    "mouvement",
    "événement",
    "comportement",
    "financement",
    "jugement",
    "sentiment",
    "argument",
    "monument",
    "élément",
    "département",
    "équipement",
    "appartement",
    "investissement",
    "changement",
    "développement",
    "enseignement",
    "engagement",
    "établissement",
    "bâtiment",
    "paiement",
    "versement",
    "licenciement",
    "confinement",
    "déconfinement",
    "armement",
    "régiment",
    "testament",
    "aliment",
    "médicament",
    "segment",
    "fragment",
    "ciment",
    "serment",
    "tourment",
    "vêtement",
    "rassemblement",
    "classement",
    "lancement",
    "recrutement",
    "remboursement",
];

/// A manner adverb in -ment ("tristement", "fermement", "longuement").
fn is_ment_adverb(t: &Token) -> bool {
    let n = t.norm.as_str();
    t.kind == TokenKind::Word
        && !t.capitalized
        && n.chars().count() > 6
        && n.ends_with("ment")
        && !n.ends_with("ements")
        && !MENT_NOUNS.contains(&n)
}

/// True when at least five lines, and a third of all, end inside a sentence and run on
/// in lowercase on the next line (text wrapped at a fixed width).
fn hard_wrapped(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let runs_on = lines
        .windows(2)
        .filter(|w| {
            let ends_open = w[0]
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == ',');
            let next_lower = w[1].chars().next().is_some_and(char::is_lowercase);
            ends_open && next_lower
        })
        .count();
    runs_on >= 5 && runs_on * 3 >= lines.len()
}

fn looks_infinitive(t: &Token) -> bool {
    if t.kind != TokenKind::Word || t.capitalized {
        return false;
    }
    let n = t.norm.as_str();
    if NOT_INFINITIVES.contains(&n) {
        return false;
    }
    n == "avoir"
        || n == "être"
        || (n.chars().count() > 3
            && (n.ends_with("er") || n.ends_with("ir") || n.ends_with("re") || n.ends_with("oir")))
}

impl<'a> DocumentGrammar<'a> {
    pub fn new(text: &'a str, toks: &'a [Token], spans: &'a [QuoteSpan]) -> Self {
        let mut inside = vec![None; toks.len()];
        let mut inside_closed: Vec<Option<usize>> = vec![None; toks.len()];
        let mut span_toks = vec![(None, None); spans.len()];
        for (i, t) in toks.iter().enumerate() {
            match t.kind {
                TokenKind::Open(k) if k < spans.len() => span_toks[k].0 = Some(i),
                TokenKind::Close(k) if k < spans.len() => span_toks[k].1 = Some(i),
                _ => {}
            }
        }
        for (k, s) in spans.iter().enumerate() {
            let first = toks.partition_point(|t| t.start < s.inner.0);
            for (i, t) in toks.iter().enumerate().skip(first) {
                if t.end > s.inner.1 {
                    break;
                }
                // innermost: later spans (sorted by open) nest inside earlier ones
                inside[i] = Some(k);
                if s.close_mark && inside_closed[i].is_none() {
                    inside_closed[i] = Some(k);
                }
            }
        }
        DocumentGrammar {
            text,
            toks,
            inside,
            inside_closed,
            span_toks,
            resolver: SpeakerResolver::new(text),
            colon_intro: None,
            hard_wrapped: hard_wrapped(text),
            previous_subject: None,
        }
    }

    fn slice(&self, a: usize, b: usize) -> &'a str {
        if a >= b || b > self.toks.len() {
            return "";
        }
        self.text
            .get(self.toks[a].start..self.toks[b - 1].end)
            .unwrap_or("")
    }

    fn in_quote(&self, i: usize) -> bool {
        self.inside.get(i).is_some_and(Option::is_some)
    }

    /// Clause units: token ranges cut at sentence ends and paragraph breaks outside
    /// quotations.
    pub fn units(&self) -> Vec<(usize, usize)> {
        let toks = self.toks;
        let mut units = Vec::new();
        let mut start = 0;
        for i in 0..toks.len() {
            let t = &toks[i];
            let next = toks.get(i + 1);
            let mut cut = false;
            // paragraph break between this token and the next
            if let Some(n) = next {
                let gap = self.text.get(t.end..n.start).unwrap_or("");
                // a line wrapped inside a sentence ("selon\ndes témoins") is no break
                let soft_wrap = self.hard_wrapped
                    && !gap.contains("\n\n")
                    && n.kind == TokenKind::Word
                    && !n.capitalized
                    && (t.kind == TokenKind::Word || t.norm == ",");
                if gap.contains('\n') && !soft_wrap && !self.inside_closed_span(i, i + 1) {
                    cut = true;
                }
            }
            if !cut
                && t.kind == TokenKind::Punct
                && matches!(t.norm.as_str(), "." | "!" | "?" | "…")
                && !self.inside_closed_span(i, i)
            {
                // a closing mark right after the period belongs to this sentence
                let mut j = i + 1;
                while toks
                    .get(j)
                    .is_some_and(|u| matches!(u.kind, TokenKind::Close(_)) || u.norm == ")")
                {
                    j += 1;
                }
                if j == i + 1 {
                    let abbrev = i > 0 && {
                        let p = &toks[i - 1];
                        p.kind == TokenKind::Word && p.capitalized && p.norm.chars().count() == 1
                    };
                    let opens_next = toks.get(j).is_some_and(|u| {
                        u.capitalized
                            || matches!(u.kind, TokenKind::Open(_))
                            || matches!(u.norm.as_str(), "-" | "—" | "–")
                    });
                    if opens_next && !abbrev {
                        cut = true;
                    }
                }
            }
            // an intertitle "- «…» -Dans la foule": the dash glued to the next word ends it
            if !cut
                && t.kind == TokenKind::Punct
                && matches!(t.norm.as_str(), "-" | "—" | "–")
                && !self.in_quote(i)
            {
                if let Some(n) = next {
                    if n.start == t.end && n.capitalized && i > start {
                        cut = true;
                    }
                }
            }
            if cut {
                if i + 1 > start {
                    units.push((start, i + 1));
                }
                start = i + 1;
            }
        }
        if start < toks.len() {
            units.push((start, toks.len()));
        }
        units
    }

    /// True when tokens `a` and `b` lie inside one quotation closed by a real mark.
    fn inside_closed_span(&self, a: usize, b: usize) -> bool {
        match (self.inside_closed.get(a), self.inside_closed.get(b)) {
            (Some(Some(x)), Some(Some(y))) => x == y,
            _ => false,
        }
    }

    /// Skip frame adverbials, datives and negation from token `i`.
    fn skip_adverbials(&self, mut i: usize, end: usize) -> usize {
        loop {
            if i >= end {
                return i;
            }
            if let Some(n) = adverbial_at(self.toks, i) {
                i += n;
                continue;
            }
            if is_ment_adverb(&self.toks[i]) {
                i += 1;
                continue;
            }
            if let Some(n) = dative_at(self.toks, i) {
                i += n;
                continue;
            }
            if NEGATION_AFTER.contains(&self.toks[i].norm.as_str()) {
                i += 1;
                continue;
            }
            if matches!(self.toks[i].norm.as_str(), "une" | "de" | "à")
                && matches!(
                    self.toks.get(i + 1).map(|t| t.norm.as_str()),
                    Some("nouvelle" | "nouveau")
                )
            {
                i += if self.toks.get(i + 2).is_some_and(|t| t.norm == "fois") {
                    3
                } else {
                    2
                };
                continue;
            }
            return i;
        }
    }

    /// Skip frame adverbials backwards from token `i` (exclusive); returns the new end.
    fn skip_adverbials_back(&self, i: usize, floor: usize) -> usize {
        let mut j = i;
        'outer: while j > floor {
            for len in 1..=6.min(j - floor) {
                let s = j - len;
                if adverbial_at(self.toks, s) == Some(len)
                    || (len == 1
                        && (NEGATION_AFTER.contains(&self.toks[s].norm.as_str())
                            || is_ment_adverb(&self.toks[s])))
                {
                    j = s;
                    continue 'outer;
                }
            }
            break;
        }
        j
    }

    /// Find the anchors of a unit.
    fn anchors(&self, us: usize, ue: usize) -> Vec<Anchor> {
        let lx = lexicon();
        let toks = self.toks;
        let mut out: Vec<Anchor> = Vec::new();
        let mut i = us;
        while i < ue {
            let t = &toks[i];
            if t.kind != TokenKind::Word {
                i += 1;
                continue;
            }
            let quoted = self.in_quote(i);
            // selon X, d'après X
            if !quoted
                && (t.norm == "selon"
                    || (t.norm == "d'" && toks.get(i + 1).is_some_and(|u| u.norm == "après")))
            {
                let first = if t.norm == "selon" { i + 1 } else { i + 2 };
                if let Some(a) = self.selon_anchor(us, ue, i, first) {
                    i = a.end.max(i + 1);
                    out.push(a);
                    continue;
                }
                i += 1;
                continue;
            }
            // "Pour le ministre Paul Roux, « la réforme est nécessaire »": opening its
            // clause, like "selon", when its words are quoted
            if !quoted
                && t.norm == "pour"
                && (i == us || (i == us + 1 && matches!(toks[us].norm.as_str(), "mais" | "et")))
            {
                if let Some(a) = self.pour_anchor(us, ue, i) {
                    i = a.end.max(i + 1);
                    out.push(a);
                    continue;
                }
            }
            // X a «souligné …»
            if !quoted && AUXILIARIES.contains(&t.norm.as_str()) {
                let j = self.skip_adverbials(i + 1, ue);
                if let Some(TokenKind::Open(k)) = toks.get(j).map(|u| u.kind) {
                    let first_inner = toks.get(j + 1);
                    let participle = first_inner.is_some_and(|u| {
                        u.kind == TokenKind::Word
                            && !u.capitalized
                            && (u.norm.ends_with('é')
                                || u.norm.ends_with("és")
                                || u.norm.ends_with("ée")
                                || !lx.verb_forms(&u.norm).is_empty()
                                || [
                                    "offert",
                                    "fait",
                                    "mis",
                                    "pris",
                                    "dit",
                                    "écrit",
                                    "ouvert",
                                    "promis",
                                    "permis",
                                    "appelé",
                                    "réaffirmé",
                                ]
                                .contains(&u.norm.as_str()))
                    });
                    if participle && i > us {
                        let close = self.span_toks.get(k).and_then(|s| s.1).unwrap_or(ue);
                        let mut a = Anchor {
                            kind: AnchorKind::AuxQuote,
                            verb: None,
                            start: i,
                            after_verb: j,
                            end: close.min(ue),
                            subject: None,
                            apposition: None,
                            inherits: false,
                            interrupts: None,
                            relay: false,
                            needs_quotes: false,
                            impersonal: false,
                            silent: false,
                        };
                        self.left_subject(&mut a, us, &out);
                        if a.subject.is_some() || a.inherits {
                            out.push(a);
                        }
                        i = j + 1;
                        continue;
                    }
                }
            }
            let base = strip_clitic(&t.norm);
            let clitic = clitic_of(&t.norm);
            let forms: Vec<VerbForm> = lx.verb_forms(base).to_vec();
            if forms.is_empty() {
                // an inverted auxiliary: "a-t-il déclaré"
                i += 1;
                continue;
            }
            if let Some(a) = self.verb_anchor(us, ue, i, &forms, clitic, quoted, &out) {
                i = a.after_verb.max(i + 1);
                if !self.answers_a_call(&a, ue) {
                    let silent = self.frames_nothing(&a, ue);
                    out.push(Anchor { silent, ..a });
                }
                continue;
            }
            i += 1;
        }
        out
    }

    /// "ont répondu à son appel", "a réagi aux critiques": a verb of the lexicon
    /// followed by à + noun phrase that it does not govern, with no content after it,
    /// is no speech frame.
    fn answers_a_call(&self, a: &Anchor, ue: usize) -> bool {
        let lx = lexicon();
        let toks = self.toks;
        let Some(v) = a.verb else {
            return false;
        };
        let f = lx.verbs[v.verb].frames;
        if a.kind != AnchorKind::Preposed || f.a || f.object_a {
            return false;
        }
        let j = self.skip_adverbials(a.after_verb, ue);
        let dative = toks
            .get(j)
            .is_some_and(|t| matches!(t.norm.as_str(), "à" | "au" | "aux"))
            && toks.get(j + 1).is_some_and(|t| {
                matches!(
                    t.norm.as_str(),
                    "son" | "sa" | "ses" | "leur" | "leurs" | "cet" | "cette" | "ces" | "la"
                ) || toks[j].norm != "à"
            });
        dative && j < ue && self.complement(a, ue).is_none()
    }

    /// A verb that only frames quotes after them ("lâcher", "continuer"), found before its
    /// words, frames nothing unless a colon or a quotation follows it ("il continuait à
    /// travailler").
    fn frames_nothing(&self, a: &Anchor, ue: usize) -> bool {
        let lx = lexicon();
        let toks = self.toks;
        let Some(v) = a.verb else {
            return false;
        };
        let f = lx.verbs[v.verb].frames;
        let content = f.que
            || f.infinitive
            || f.de_infinitive
            || f.object_a
            || f.a
            || f.object_de
            || f.noun
            || f.noun_quoted
            || f.comme
            || f.pour
            || f.attribute;
        if a.kind != AnchorKind::Preposed || content {
            return false;
        }
        let j = self.skip_adverbials(a.after_verb, ue);
        let colon_on = (j..ue.min(j + 12))
            .take_while(|&x| {
                toks[x].kind == TokenKind::Word || matches!(toks[x].norm.as_str(), "," | ":")
            })
            .any(|x| toks[x].norm == ":");
        !toks
            .get(j)
            .is_some_and(|t| t.norm == ":" || matches!(t.kind, TokenKind::Open(_)))
            && !colon_on
    }

    /// "Pour X, «…»" opening a clause, X a speaker: the quoted words of the clause after
    /// the comma.
    fn pour_anchor(&self, us: usize, ue: usize, at: usize) -> Option<Anchor> {
        let toks = self.toks;
        let s = at + 1;
        if s >= ue || looks_infinitive(&toks[s]) || !self.speaker_like(s, ue) {
            return None;
        }
        let e = np_end(toks, s, ue);
        let e = self.apposition_end(e, ue);
        if e <= s || e + 1 >= ue || toks[e].norm != "," {
            return None;
        }
        let h = skip_determiners(toks, s, e);
        if h < e && lexicon().time_words.contains(toks[h].norm.as_str()) {
            return None;
        }
        let mut a = self.selon_anchor(us, ue, at, s)?;
        if a.end != e {
            a.end = e;
            a.subject = Some((s, e));
        }
        a.relay = false;
        // only quoted words make it a report: "Pour la ministre, «…»"
        a.needs_quotes = true;
        Some(a)
    }

    fn selon_anchor(&self, us: usize, ue: usize, at: usize, first: usize) -> Option<Anchor> {
        let lx = lexicon();
        let toks = self.toks;
        let f = toks.get(first)?;
        if matches!(
            f.norm.as_str(),
            "que"
                | "qu'"
                | "lequel"
                | "laquelle"
                | "lesquels"
                | "lesquelles"
                | "nous"
                | "moi"
                | "lui"
                | "eux"
                | "elle"
                | "elles"
        ) {
            return None;
        }
        let mut s = first;
        // "selon dernier un bilan": skip a stray adjective
        while s < ue
            && matches!(
                toks[s].norm.as_str(),
                "dernier" | "dernière" | "derniers" | "dernières"
            )
        {
            s += 1;
        }
        let mut e = np_end(toks, s, ue);
        // "selon Pyongyang une bombe": a name then a new noun phrase
        if e > s && is_name_word(&toks[s]) {
            let run_end = name_run_end(toks, s, e);
            if run_end < e && is_determiner(&toks[run_end].norm) {
                e = run_end;
            }
        }
        // "… communiqué par le Premier ministre": the agent after "par" is the speaker
        let mut agent = None;
        if e < ue
            && (matches!(
                toks[e].norm.as_str(),
                "communiqué"
                    | "communiqués"
                    | "cité"
                    | "citée"
                    | "cités"
                    | "citées"
                    | "publié"
                    | "publiée"
                    | "publiés"
                    | "diffusé"
                    | "diffusée"
                    | "rapporté"
                    | "rapportée"
                    | "rapportés"
                    | "rapportées"
                    | "recueillis"
                    | "recueillies"
                    | "tenus"
                    | "fourni"
                    | "donné"
            ) || toks[e].norm == "par")
        {
            let mut k = e;
            while k < ue && toks[k].norm != "par" && k < e + 3 {
                k += 1;
            }
            if k < ue && toks[k].norm == "par" {
                let e2 = np_end(toks, k + 1, ue);
                if e2 > k + 1 {
                    agent = Some((k + 1, e2));
                    e = e2;
                }
            }
        }
        if e <= s {
            return None;
        }
        // a noun that names no speaker: "selon les cas", "selon les endroits"
        let head =
            (s..e).find(|&k| toks[k].kind == TokenKind::Word && !is_determiner(&toks[k].norm))?;
        if lx.selon_non_agents.contains(toks[head].norm.as_str()) {
            return None;
        }
        let start = if at > us && toks[at - 1].norm == "," {
            at - 1
        } else {
            at
        };
        let start = if start > us && matches!(toks[start - 1].norm.as_str(), "et" | "mais") {
            start - 1
        } else {
            start
        };
        let relay = self.is_relay_phrase(s, e);
        Some(Anchor {
            kind: AnchorKind::Selon,
            verb: None,
            start,
            after_verb: first,
            end: e,
            subject: Some(agent.unwrap_or((s, e))),
            apposition: None,
            inherits: false,
            interrupts: None,
            relay,
            needs_quotes: false,
            impersonal: false,
            silent: false,
        })
    }

    /// A relay phrase: an agency or outlet, "l'agence TASS", "une dépêche de l'agence KCNA".
    fn is_relay_phrase(&self, s: usize, e: usize) -> bool {
        let lx = lexicon();
        let toks = self.toks;
        let k = skip_determiners(toks, s, e);
        if k >= e {
            return false;
        }
        if lx.is_agency(self.slice(k, e))
            || lx.is_agency(self.slice(k, name_run_end(toks, k, e).max(k + 1)))
        {
            return true;
        }
        let n = toks[k].norm.as_str();
        if matches!(
            n,
            "agence"
                | "dépêche"
                | "journal"
                | "quotidien"
                | "hebdomadaire"
                | "chaîne"
                | "télévision"
                | "radio"
                | "site"
        ) {
            return true;
        }
        false
    }

    #[allow(clippy::too_many_arguments)]
    fn verb_anchor(
        &self,
        us: usize,
        ue: usize,
        i: usize,
        forms: &[VerbForm],
        clitic: Option<&str>,
        quoted: bool,
        prev: &[Anchor],
    ) -> Option<Anchor> {
        let lx = lexicon();
        let toks = self.toks;
        // pick the form the context allows
        let mut chosen: Option<(VerbForm, usize)> = None; // form, frame start (aux or verb)
        let mut impersonal = false;
        for f in forms {
            let verb = &lx.verbs[f.verb];
            // the fixed tail of a multiword verb must follow, its clitic precede
            if !verb
                .tail
                .iter()
                .enumerate()
                .all(|(k, w)| toks.get(i + 1 + k).is_some_and(|t| t.norm == *w))
            {
                continue;
            }
            if let Some(p) = &verb.prefix {
                let j = self.skip_adverbials_back(i, us);
                let aux_before = j > us && AUXILIARIES.contains(&toks[j - 1].norm.as_str());
                let k = if aux_before { j - 1 } else { i };
                if !(k > us && toks[k - 1].norm == *p) {
                    continue;
                }
            }
            match f.kind {
                FormKind::Participle => {
                    let j = self.skip_adverbials_back(i, us);
                    if let Some(s) = self.impersonal_passive(us, j, i, verb.frames.que) {
                        chosen = Some((*f, s));
                        impersonal = true;
                        break;
                    }
                    if j > us {
                        let aux = strip_clitic(&toks[j - 1].norm);
                        let mut s = j - 1;
                        let is_aux = AUXILIARIES.contains(&aux)
                            || (verb.reflexive
                                && BE_AUXILIARIES.contains(&aux)
                                && s > us
                                && matches!(toks[s - 1].norm.as_str(), "s'" | "se"));
                        let reflexive_before =
                            s > us && matches!(toks[s - 1].norm.as_str(), "s'" | "se");
                        if is_aux && reflexive_before != verb.reflexive {
                            continue;
                        }
                        if is_aux {
                            if s > us
                                && matches!(
                                    toks[s - 1].norm.as_str(),
                                    "s'" | "se"
                                        | "l'"
                                        | "lui"
                                        | "leur"
                                        | "y"
                                        | "m'"
                                        | "nous"
                                        | "vous"
                                )
                            {
                                s -= 1;
                            }
                            if s > us && matches!(toks[s - 1].norm.as_str(), "n'" | "ne") {
                                s -= 1;
                            }
                            chosen = Some((*f, s));
                            break;
                        }
                        // coordination: "…, et réclamé une enquête"
                        let coord = toks[j - 1].norm == "et";
                        if coord
                            && !quoted
                            && prev
                                .iter()
                                .any(|a| a.kind == AnchorKind::Preposed && a.verb.is_some())
                        {
                            chosen = Some((*f, j - 1));
                            break;
                        }
                    }
                }
                FormKind::Finite => {
                    let before = if i > us {
                        toks[i - 1].norm.as_str()
                    } else {
                        ""
                    };
                    let noun_after_adjective = i > us + 1
                        && PRENOMINAL_ADJECTIVES.contains(&before)
                        && is_determiner(&toks[i - 2].norm);
                    // after an auxiliary it is the participle ("s'est dit")
                    if is_determiner(before)
                        || noun_after_adjective
                        || BE_AUXILIARIES.contains(&before)
                        || matches!(
                            before,
                            "de" | "d'" | "à" | "au" | "aux" | "en" | "pour" | "par" | "sans"
                        )
                    {
                        continue;
                    }
                    let mut s = i;
                    let reflexive_before =
                        s > us && matches!(toks[s - 1].norm.as_str(), "s'" | "se");
                    if reflexive_before != verb.reflexive {
                        continue;
                    }
                    if reflexive_before
                        || (s > us
                            && matches!(toks[s - 1].norm.as_str(), "l'" | "lui" | "leur" | "y"))
                    {
                        s -= 1;
                    }
                    if s > us && matches!(toks[s - 1].norm.as_str(), "n'" | "ne") {
                        s -= 1;
                    }
                    chosen = Some((*f, s));
                    break;
                }
                FormKind::PresentParticiple => {
                    let before = if i > us {
                        toks[i - 1].norm.as_str()
                    } else {
                        ""
                    };
                    let fr = verb.frames;
                    let governs = fr.que
                        || fr.infinitive
                        || fr.de_infinitive
                        || fr.object_a
                        || fr.a
                        || fr.object_de
                        || fr.noun
                        || fr.noun_quoted
                        || fr.comme
                        || fr.pour
                        || fr.attribute;
                    let reflexive_before = matches!(before, "s'" | "se");
                    if is_determiner(before)
                        || quoted
                        || !governs
                        || reflexive_before != verb.reflexive
                    {
                        continue;
                    }
                    let mut s = i;
                    if s > us && matches!(toks[s - 1].norm.as_str(), "s'" | "se") {
                        s -= 1;
                    }
                    if s > us && toks[s - 1].norm == "en" {
                        s -= 1;
                        if s > us && toks[s - 1].norm == "tout" {
                            s -= 1;
                        }
                    }
                    chosen = Some((*f, s));
                    break;
                }
                FormKind::Infinitive => {
                    // "Et d'ajouter : «…»"
                    if i > us
                        && matches!(toks[i - 1].norm.as_str(), "d'" | "de")
                        && (i - 1 == us || (i - 2 == us && toks[us].norm == "et"))
                    {
                        chosen = Some((*f, us));
                        break;
                    }
                    // "… pour dénoncer un «coup d'État»", "… et dénoncer …"
                    // "… a amené des milliers d'Égyptiens à dénoncer le «coup»"
                    if !quoted
                        && i > us + 1
                        && matches!(toks[i - 1].norm.as_str(), "pour" | "et" | "à")
                    {
                        chosen = Some((*f, i - 1));
                        break;
                    }
                }
            }
        }
        let (form, fstart) = chosen?;
        let verb = &lx.verbs[form.verb];
        let mut after_verb = i + 1 + verb.tail.len();
        while after_verb < ue && NEGATION_AFTER.contains(&toks[after_verb].norm.as_str()) {
            after_verb += 1;
        }
        // the inverted clitic may sit on the auxiliary: "a-t-il déclaré"
        let aux_clitic = if form.kind == FormKind::Participle {
            clitic_of(&toks[self.skip_adverbials_back(i, us).saturating_sub(1).max(us)].norm)
        } else {
            None
        };
        let clitic = clitic.or(aux_clitic);
        let mut a = Anchor {
            kind: AnchorKind::Preposed,
            verb: Some(form),
            start: fstart,
            after_verb,
            end: after_verb,
            subject: None,
            apposition: None,
            inherits: false,
            interrupts: None,
            relay: false,
            needs_quotes: false,
            impersonal: false,
            silent: false,
        };
        // inverted frame?
        let before = if fstart > us {
            Some(&toks[fstart - 1])
        } else {
            None
        };
        let after_comma = before.is_some_and(|b| {
            b.norm == ","
                || matches!(b.kind, TokenKind::Close(_))
                || matches!(b.norm.as_str(), "-" | "—" | "–")
        });
        if matches!(form.kind, FormKind::Participle | FormKind::Finite)
            && verb.frames.inverted
            && (clitic.is_some() || after_comma)
        {
            let s = self.skip_adverbials(after_verb, ue);
            let s = if s < ue && toks[s].norm == "," {
                self.skip_adverbials(s + 1, ue)
            } else {
                s
            };
            if let Some(c) = clitic {
                if c != "on" {
                    // the clitic is the subject; the frame ends after its adverbials
                    a.kind = AnchorKind::Inverted;
                    let clitic_tok = if clitic_of(&toks[i].norm).is_some() {
                        i
                    } else {
                        self.skip_adverbials_back(i, us).saturating_sub(1).max(us)
                    };
                    a.subject = Some((clitic_tok, clitic_tok + 1));
                    a.start = if after_comma { fstart - 1 } else { fstart };
                    a.end = s;
                    if quoted {
                        a.interrupts = self.interrupt_end(s, ue);
                        a.interrupts?;
                    }
                    return Some(a);
                }
                // "…, a-t-on appris auprès de la police": the source is the speaker;
                // "…, a-t-on ajouté": the speaker of the story so far
                if quoted || !after_comma {
                    return None;
                }
                a.kind = AnchorKind::Inverted;
                a.start = fstart - 1;
                match self.on_source(s, ue) {
                    Some((x, y)) => {
                        a.subject = Some((x, y));
                        a.end = y;
                    }
                    None => {
                        a.inherits = true;
                        a.impersonal = true;
                        a.end = s;
                    }
                }
                return Some(a);
            }
            let s = self.skip_frame_pp(s, ue);
            let next = toks.get(s);
            let opens_np = next.is_some_and(|n| {
                n.kind == TokenKind::Word
                    && (is_determiner(&n.norm)
                        || is_name_word(n)
                        || lexicon()
                            .titles
                            .contains_key(self.text.get(n.start..n.end).unwrap_or("")))
                    && !matches!(n.norm.as_str(), "que" | "qu'" | "de" | "d'")
            });
            // right after a quotation, any noun phrase after the verb is its subject
            // ("«…», avoue le jeune homme", "«…», a expliqué la comédienne")
            let closes_quotation = (fstart >= us + 2
                && matches!(toks[fstart - 2].kind, TokenKind::Close(_)))
                || (fstart > us && matches!(toks[fstart - 1].kind, TokenKind::Close(_)));
            let after_quote = closes_quotation && next.is_some_and(|n| is_determiner(&n.norm));
            if opens_np && s < ue && (self.speaker_like(s, ue) || after_quote) {
                let e = np_end(toks, s, ue);
                let strict = e >= ue
                    || matches!(
                        toks[e].norm.as_str(),
                        "," | "." | ";" | "!" | "?" | ":" | ")"
                    )
                    || matches!(toks[e].kind, TokenKind::Open(_) | TokenKind::Close(_))
                    || adverbial_at(toks, e).is_some();
                // a finite verb right after a quotation is inverted however its subject
                // ends ("«…», souligne Jim Collins dans le journal")
                let ends_clause = form.kind == FormKind::Participle || strict || closes_quotation;
                let ends_clause = ends_clause
                    && (e >= ue
                        || matches!(
                            toks[e].norm.as_str(),
                            "," | "." | ";" | "!" | "?" | ":" | "-" | "—" | "–" | ")"
                        )
                        || matches!(toks[e].kind, TokenKind::Open(_) | TokenKind::Close(_))
                        || matches!(
                            toks[e].norm.as_str(),
                            "dans"
                                | "selon"
                                | "qui"
                                | "lors"
                                | "sur"
                                | "en"
                                | "devant"
                                | "après"
                                | "avant"
                                | "pour"
                                | "à"
                                | "au"
                        )
                        || adverbial_at(toks, e).is_some()
                        || clitic_of(&toks[e].norm).is_none()
                            && !lexicon().verb_forms(&toks[e].norm).is_empty()
                        || matches!(
                            toks[e].norm.as_str(),
                            "où" | "s'exprimant"
                                | "qui"
                                | "interrogé"
                                | "interrogée"
                                | "cité"
                                | "citée"
                                | "dont"
                                | "ajoutant"
                                | "précisant"
                                | "soulignant"
                                | "estimant"
                                | "affirmant"
                                | "selon"
                        ));
                let relay = self.is_relay_phrase(s, e);
                let follows_frame = prev
                    .iter()
                    .any(|p| p.verb.is_some() && p.kind == AnchorKind::Preposed);
                let closes_quote =
                    fstart >= us + 2 && matches!(toks[fstart - 2].kind, TokenKind::Close(_));
                if e > s && ends_clause && (!follows_frame || relay || closes_quote) {
                    if quoted {
                        let stop = self.apposition_end(e, ue);
                        a.interrupts = self.interrupt_end(stop, ue);
                        a.interrupts?;
                    }
                    a.kind = AnchorKind::Inverted;
                    a.start = fstart - 1;
                    a.subject = Some((s, e));
                    a.apposition = self.apposition(e, ue);
                    a.end = a.apposition.map_or(e, |p| p.1);
                    a.relay = relay && verb.lemma != "déclarer";
                    return Some(a);
                }
            }
        }
        if quoted {
            return None;
        }
        if form.kind == FormKind::Infinitive {
            if fstart > us {
                a.needs_quotes = true;
                if toks[fstart].norm == "à" {
                    // "a amené des milliers d'Égyptiens à dénoncer le «coup»": the object
                    // before "à" does the saying
                    if let Some(o) = self.object_before(us, fstart) {
                        a.subject = Some(o);
                        return Some(a);
                    }
                    // "tient à préciser que", "n'hésitent plus à dire que": the subject of
                    // the governing verb, whose words need no marks
                    let g = self.skip_adverbials_back(fstart, us);
                    if g > us + 1 && toks[g - 1].kind == TokenKind::Word {
                        let mut v = g - 1;
                        let j = self.skip_adverbials_back(v, us);
                        if j > us && AUXILIARIES.contains(&toks[j - 1].norm.as_str()) {
                            v = j - 1;
                        }
                        if v > us && matches!(toks[v - 1].norm.as_str(), "n'" | "ne") {
                            v -= 1;
                        }
                        let mut governing = Anchor {
                            start: v,
                            ..a.clone()
                        };
                        self.left_subject(&mut governing, us, prev);
                        if governing.subject.is_some() {
                            a.subject = governing.subject;
                            a.apposition = governing.apposition;
                            a.needs_quotes = false;
                            return Some(a);
                        }
                    }
                }
                // purpose or coordination: the subject of the clause
                if let Some(p) = prev
                    .iter()
                    .rev()
                    .find(|p| p.subject.is_some() && p.kind != AnchorKind::Selon)
                {
                    a.subject = p.subject;
                    a.apposition = p.apposition;
                } else if let Some(s) = self.main_subject(us, fstart) {
                    a.subject = Some(s.0);
                    a.apposition = s.1;
                } else {
                    return None;
                }
                return Some(a);
            }
            a.inherits = true;
            return Some(a);
        }
        if impersonal {
            // "il a été annoncé que …": the speaker is the one the story is about, if any
            a.inherits = true;
            a.impersonal = true;
            return Some(a);
        }
        self.left_subject(&mut a, us, prev);
        if a.subject.is_none() && !a.inherits {
            return None;
        }
        Some(a)
    }

    /// The impersonal passive "il (leur) a été répondu que …", "il est précisé que …":
    /// the first token of the frame ("il"), when the participle at `i` (its adverbials
    /// starting at `j`) takes a que-clause that follows.
    fn impersonal_passive(&self, us: usize, j: usize, i: usize, que: bool) -> Option<usize> {
        let toks = self.toks;
        if !que || j < us + 2 {
            return None;
        }
        // the que-clause follows, past a short phrase ("dans le rapport")
        let que_follows = (i + 1..(i + 9).min(toks.len()))
            .take_while(|&x| toks[x].kind == TokenKind::Word)
            .any(|x| matches!(toks[x].norm.as_str(), "que" | "qu'"));
        if !que_follows {
            return None;
        }
        let mut k = j - 1;
        if toks[k].norm == "été" {
            if k == us || !AUXILIARIES.contains(&toks[k - 1].norm.as_str()) {
                return None;
            }
            k -= 1;
        } else if !BE_AUXILIARIES.contains(&toks[k].norm.as_str()) {
            return None;
        }
        if k > us
            && matches!(
                toks[k - 1].norm.as_str(),
                "leur" | "lui" | "nous" | "vous" | "me" | "m'"
            )
        {
            k -= 1;
        }
        // "il n'est pas dit que", "s'il était observé que": no report
        let conditional = k >= us + 2 && matches!(toks[k - 2].norm.as_str(), "s'" | "si");
        (k > us && toks[k - 1].norm == "il" && !conditional).then_some(k - 1)
    }

    /// The noun phrase ending right before token `at` ("des milliers d'Égyptiens" in
    /// "a amené des milliers d'Égyptiens à dénoncer"), starting with a determiner or a
    /// name, within twelve words and without a verb or punctuation.
    fn object_before(&self, us: usize, at: usize) -> Option<(usize, usize)> {
        let toks = self.toks;
        let floor = at.saturating_sub(12).max(us);
        let mut best = None;
        let mut d = at;
        while d > floor {
            d -= 1;
            let t = &toks[d];
            if t.kind != TokenKind::Word
                || AUXILIARIES.contains(&t.norm.as_str())
                || BE_AUXILIARIES.contains(&t.norm.as_str())
                || matches!(t.norm.as_str(), "qui" | "que" | "qu'")
            {
                break;
            }
            if (is_determiner(&t.norm) || is_name_word(t)) && np_end(toks, d, at) == at {
                best = Some((d, at));
            }
        }
        best
    }

    /// The source after an inverted "on" frame: "auprès de la police", "de sources
    /// judiciaires", "dans l'entourage de M. Roux", "chez Airbus", "au ministère".
    fn on_source(&self, s: usize, ue: usize) -> Option<(usize, usize)> {
        let toks = self.toks;
        let t = toks.get(s).filter(|_| s < ue)?;
        let k = match t.norm.as_str() {
            "auprès" => {
                let k = s + 1;
                if toks
                    .get(k)
                    .is_some_and(|u| matches!(u.norm.as_str(), "de" | "d'"))
                {
                    k + 1
                } else {
                    k
                }
            }
            "de" | "d'" => s + 1,
            "dans" | "chez" | "au" | "aux" | "à" => s + 1,
            _ => return None,
        };
        if k >= ue || toks[k].kind != TokenKind::Word {
            return None;
        }
        let e = np_end(toks, k, ue);
        (e > k).then_some((k, e))
    }

    /// Skip one prepositional phrase between an inverted verb and its subject ("a
    /// estimé sur Sud Radio le patron du parti", "précise auprès du quotidien suisse
    /// le porte-parole"): the phrase runs to the first determiner or title, within
    /// six words.
    fn skip_frame_pp(&self, s: usize, ue: usize) -> usize {
        let toks = self.toks;
        let lx = lexicon();
        if s >= ue
            || !matches!(
                toks[s].norm.as_str(),
                "à" | "au" | "aux" | "auprès" | "sur" | "dans" | "devant" | "lors"
            )
        {
            return s;
        }
        let mut k = s + 1;
        if matches!(toks[s].norm.as_str(), "auprès" | "lors")
            && toks
                .get(k)
                .is_some_and(|u| matches!(u.norm.as_str(), "de" | "d'"))
        {
            k += 1;
        }
        // the article of the phrase itself
        if toks.get(k).is_some_and(|u| is_determiner(&u.norm)) {
            k += 1;
        }
        let mut m = k;
        while m < ue && m < k + 6 && toks[m].kind == TokenKind::Word {
            let w = &toks[m];
            let title = lx
                .titles
                .contains_key(self.text.get(w.start..w.end).unwrap_or(""));
            let date = is_date_at(toks, m + 1);
            if m > k && (is_determiner(&w.norm) || title) && !date {
                return m;
            }
            m += 1;
        }
        s
    }

    /// A capitalized word that may only be capitalized because it starts a sentence or a
    /// line ("Personnellement, …", "Lauréat du prix, …"): not taken for a name unless
    /// the document names someone so, or another name word follows.
    fn doubtful_capital(&self, s: usize) -> bool {
        let toks = self.toks;
        let t = &toks[s];
        if !t.capitalized || t.is_acronym(self.text) {
            return false;
        }
        let sentence_start = s == 0
            || t.newline_before
            || matches!(
                toks[s - 1].norm.as_str(),
                "." | "!" | "?" | "-" | "—" | "–" | ":"
            )
            || matches!(toks[s - 1].kind, TokenKind::Open(_) | TokenKind::Close(_));
        sentence_start
            && !toks.get(s + 1).is_some_and(is_name_word)
            && !self.resolver.knows_name(&t.norm)
            && !lexicon().is_agency(&t.norm)
    }

    /// True when the noun phrase at `s` can name a speaker: a name, a title, a role, an
    /// organisation or collective, a document ("le communiqué"), possibly after one
    /// adjective ("un haut responsable", "le principal parti").
    fn speaker_like(&self, s: usize, ue: usize) -> bool {
        let lx = lexicon();
        let toks = self.toks;
        let h = skip_determiners(toks, s, ue);
        if h >= ue {
            return false;
        }
        let t = &toks[h];
        let title = lx
            .titles
            .contains_key(self.text.get(t.start..t.end).unwrap_or(""));
        let known = |k: usize| {
            k < ue
                && (role_at(toks, k).is_some()
                    || org_head_at(toks, k).is_some()
                    || lx.document_nouns.contains(toks[k].norm.as_str()))
        };
        let e = np_end(toks, h, ue);
        let named = (h + 1..e)
            .find(|&k| is_name_word(&toks[k]) && toks[k].norm.chars().count() >= 2)
            .is_some_and(|k| {
                !matches!(
                    toks[k - 1].norm.as_str(),
                    "de" | "du" | "des" | "d'" | "l'" | "la" | "le"
                )
            });
        title
            || (is_name_word(t) && !self.doubtful_capital(h))
            || known(h)
            || (toks[h].kind == TokenKind::Word && known(h + 1))
            || named
    }

    /// After a subject inside a quotation: the frame must end with "," or "." before more
    /// quoted words. Returns the first token of the rest of the quotation.
    fn interrupt_end(&self, e: usize, ue: usize) -> Option<usize> {
        let e = self.skip_adverbials(e, ue);
        let t = self.toks.get(e)?;
        if matches!(t.norm.as_str(), "," | "." | ";") && self.in_quote(e) {
            let n = e + 1;
            if n < ue && self.in_quote(n) && self.toks[n].kind == TokenKind::Word {
                return Some(n);
            }
        }
        None
    }

    fn apposition_end(&self, e: usize, ue: usize) -> usize {
        self.apposition(e, ue).map_or(e, |p| p.1)
    }

    /// ", Name" (or ", une traductrice de 26 ans") after a subject: the apposition's range.
    fn apposition(&self, e: usize, ue: usize) -> Option<(usize, usize)> {
        let toks = self.toks;
        if e + 1 >= ue || toks[e].norm != "," {
            return None;
        }
        let s = e + 1;
        let n = &toks[s];
        if is_name_word(n) || is_determiner(&n.norm) || role_at(toks, s).is_some() {
            let end = np_end(toks, s, ue);
            if end > s {
                // an apposition is followed by a phrase end, not by a verb
                let closes = end >= ue
                    || matches!(
                        toks[end].norm.as_str(),
                        "," | "." | ";" | ")" | "dans" | "lors" | "à" | "selon"
                    )
                    || matches!(toks[end].kind, TokenKind::Close(_) | TokenKind::Open(_));
                if closes {
                    return Some((s, end));
                }
            }
        }
        None
    }

    /// Find the subject of a preposed frame on its left.
    fn left_subject(&self, a: &mut Anchor, us: usize, prev: &[Anchor]) {
        let toks = self.toks;
        let fstart = a.start;
        let floor = prev.last().map_or(us, |p| p.end.max(us)).min(fstart);
        // directly after a coordination, a comma or at the unit start: the previous subject
        let before = if fstart > floor {
            Some(toks[fstart - 1].norm.as_str())
        } else {
            None
        };
        if before == Some("qui") {
            // relative: the noun phrase before "qui"
            let q = fstart - 1;
            let mut e = q;
            if e > us && toks[e - 1].norm == "," {
                e -= 1;
            }
            if let Some(p) = prev.last() {
                if p.end == e
                    || p.apposition.is_some_and(|x| x.1 == e)
                    || p.subject.is_some_and(|x| x.1 == e)
                {
                    a.subject = p.subject;
                    a.apposition = p.apposition;
                    return;
                }
            }
            if let Some(np) = self.noun_phrase_ending_at(e, us) {
                a.subject = Some(np);
            }
            return;
        }
        // A present participle right after a noun phrase, with no comma, says what that
        // noun phrase says: "des résidents confirmant que …" (they confirm), unlike
        // "…, affirmant que …" (the main clause's subject).
        if a.verb
            .is_some_and(|v| v.kind == FormKind::PresentParticiple)
            && fstart > floor
        {
            let t = &toks[fstart - 1];
            if t.kind == TokenKind::Word
                && !crate::phrase::is_np_stop(&t.norm)
                && lexicon().verb_forms(&t.norm).is_empty()
            {
                if let Some(np) = self.noun_phrase_ending_at(fstart, us) {
                    a.subject = Some(np);
                    return;
                }
            }
        }
        let coordinated =
            before.is_none() || matches!(before, Some("et" | "," | "mais" | "puis" | "ou"));
        if coordinated
            && (before.is_some()
                || a.verb
                    .is_some_and(|v| v.kind == FormKind::PresentParticiple)
                || fstart == us)
        {
            if let Some(p) = prev
                .iter()
                .rev()
                .find(|p| p.subject.is_some() && p.kind != AnchorKind::Selon)
            {
                a.subject = p.subject;
                a.apposition = p.apposition;
                a.inherits = true;
                a.start = if before == Some(",") || before == Some("et") || before == Some("mais") {
                    fstart - 1
                } else {
                    fstart
                };
                return;
            }
            if before == Some(",")
                && a.verb
                    .is_some_and(|v| v.kind == FormKind::PresentParticiple)
            {
                // "…, affirmant que": the main clause's subject
                if let Some(s) = self.main_subject(us, fstart - 1) {
                    a.subject = Some(s.0);
                    a.apposition = s.1;
                    a.start = fstart - 1;
                    return;
                }
            }
            if before.is_none() && fstart == us {
                a.inherits = true;
                return;
            }
        }
        // the clause boundary on the left
        let mut b = fstart;
        while b > floor {
            let t = &toks[b - 1];
            let n = t.norm.as_str();
            if matches!(n, "." | ";" | ":" | "!" | "?")
                || SUBJECT_BOUNDARIES.contains(&n)
                || matches!(t.kind, TokenKind::Close(_))
                    && b - 1 < fstart.saturating_sub(1)
                    && !self.in_quote(b - 1)
                    && toks.get(b).is_some_and(|u| u.norm != ",")
            {
                break;
            }
            if matches!(t.kind, TokenKind::Close(_)) {
                break;
            }
            b -= 1;
        }
        if let Some((s, app)) = self.subject_in(b, fstart) {
            a.subject = Some(s);
            a.apposition = app;
        }
    }

    /// The noun phrase that ends right before token `e` (at most 12 tokens back, not
    /// before `us`), from its determiner or first name word.
    fn noun_phrase_ending_at(&self, e: usize, us: usize) -> Option<(usize, usize)> {
        let toks = self.toks;
        let mut s = e;
        while s > us && e - s < 12 {
            let t = &toks[s - 1];
            let ok = (t.kind == TokenKind::Word || t.norm == "'" || t.norm == "(" || t.norm == ")")
                && !crate::phrase::is_np_stop(&t.norm)
                && (lexicon().verb_forms(&t.norm).is_empty() || t.capitalized);
            if !ok {
                break;
            }
            s -= 1;
        }
        while s < e && !(is_determiner(&toks[s].norm) || is_name_word(&toks[s])) {
            s += 1;
        }
        (s < e).then_some((s, e))
    }

    /// The subject of the main clause of tokens [b, e): used for participles.
    fn main_subject(&self, b: usize, e: usize) -> Option<SubjectRanges> {
        let toks = self.toks;
        // segments before the first verb-like token
        let mut k = b;
        while k < e {
            let n = toks[k].norm.as_str();
            if AUXILIARIES.contains(&n) || BE_AUXILIARIES.contains(&n) {
                break;
            }
            k += 1;
        }
        self.subject_in(b, k)
    }

    /// Choose the subject among the comma-separated segments of tokens [b, e).
    fn subject_in(&self, b: usize, e: usize) -> Option<SubjectRanges> {
        let toks = self.toks;
        let mut segs: Vec<(usize, usize)> = Vec::new();
        let mut s = b;
        for (k, t) in toks.iter().enumerate().take(e).skip(b) {
            if t.norm == "," && !self.in_quote(k) {
                if k > s {
                    segs.push((s, k));
                }
                s = k + 1;
            }
        }
        if e > s {
            segs.push((s, e));
        }
        let mut chosen: Vec<(usize, usize)> = Vec::new();
        for &(s, e) in segs.iter().rev() {
            let first = &toks[s];
            let n = first.norm.as_str();
            let lx = lexicon();
            let title = lx
                .titles
                .contains_key(self.text.get(first.start..first.end).unwrap_or(""));
            let other = n == "d'" && toks.get(s + 1).is_some_and(|t| t.norm == "autres");
            let np_like = (is_determiner(n)
                || other
                || (is_name_word(first)
                    && (e == s + 1 || !self.doubtful_capital(s))
                    && !(self.doubtful_capital(s) && lx.not_names.contains(n)))
                || lx.pronouns.contains_key(n)
                || n == "celui-ci"
                || n == "celle-ci"
                || title
                || role_at(toks, s).is_some()
                || org_head_at(toks, s).is_some())
                && !self.is_adverbial_segment(s, e)
                && !first.is_acronym(self.text)
                || first.is_acronym(self.text) && e - s <= 3 && !self.in_quote(s)
                // a subject pronoun alone ("Elle a déclaré"), though "elle aussi" is a
                // frame adverbial
                || e == s + 1 && lx.pronouns.contains_key(n);
            let has_verb = (s..e).any(|k| {
                let n = toks[k].norm.as_str();
                k > s && (AUXILIARIES.contains(&n) || BE_AUXILIARIES.contains(&n))
                    || matches!(n, "qui" | "que" | "qu'" | "dont" | "où")
            });
            if np_like && !has_verb {
                if !chosen.is_empty() {
                    // a second noun phrase on the left is an apposition only when one of
                    // the two is a name and the other a role ("Le porte-parole, Paul Roux")
                    let named = |x: usize| {
                        is_name_word(&toks[x])
                            || lx.titles.contains_key(
                                self.text.get(toks[x].start..toks[x].end).unwrap_or(""),
                            )
                    };
                    let has_name = |x: usize, y: usize| {
                        (x..y).any(|k| {
                            is_name_word(&toks[k])
                                && k > x
                                && !matches!(
                                    toks[k - 1].norm.as_str(),
                                    "de" | "du" | "des" | "d'" | "l'" | "la" | "le"
                                )
                        })
                    };
                    let roleish = |x: usize, y: usize| {
                        (x..y.min(x + 3))
                            .any(|k| role_at(toks, k).is_some() || org_head_at(toks, k).is_some())
                    };
                    let (ps, pe) = chosen[chosen.len() - 1];
                    let ok = (named(s) && roleish(ps, pe))
                        || (roleish(s, e) && named(ps))
                        || (named(s) && named(ps) && e - s <= 4)
                        || (has_name(s, e) && !named(ps) && !roleish(ps, pe) && !has_name(ps, pe));
                    if !ok {
                        break;
                    }
                }
                // keep the noun phrase itself (drop anything after it); a pronoun alone
                let ne = if lx.pronouns.contains_key(n) {
                    s + 1
                } else {
                    np_end(toks, s, e)
                };
                chosen.push((s, if ne > s { ne } else { e }));
                continue;
            }
            if !chosen.is_empty() {
                break;
            }
        }
        let head = *chosen.last()?;
        let app = if chosen.len() >= 2 {
            Some(chosen[chosen.len() - 2])
        } else {
            None
        };
        Some((head, app))
    }

    fn is_adverbial_segment(&self, s: usize, e: usize) -> bool {
        let toks = self.toks;
        let first = &toks[s];
        let n = first.norm.as_str();
        // a date: "Le 28 septembre à Lyon"
        if matches!(n, "le" | "dès" | "depuis") && is_date_at(toks, s + 1) {
            return true;
        }
        if n == "ce"
            && toks
                .get(s + 1)
                .is_some_and(|t| matches!(t.norm.as_str(), "dernier"))
        {
            return false;
        }
        if opens_adverbial(n) && !(n == "ce" || n == "cette") {
            return true;
        }
        if adverbial_at(toks, s).is_some_and(|l| s + l >= e) {
            return true;
        }
        if matches!(n, "ce" | "cette") && adverbial_at(toks, s).is_some() {
            return true;
        }
        // "Réagissant sur Twitter", "Interrogé par l'AFP", "Présent dans la salle"
        if first.kind == TokenKind::Word
            && !is_determiner(n)
            && first.capitalized
            && role_at(toks, s).is_none()
        {
            let participle =
                n.ends_with("ant") || n.ends_with('é') || n.ends_with("ée") || n.ends_with("és");
            let next = toks.get(s + 1).map(|t| t.norm.as_str());
            let prep_next = matches!(
                next,
                Some(
                    "à" | "au"
                        | "aux"
                        | "par"
                        | "dans"
                        | "en"
                        | "sur"
                        | "pour"
                        | "avec"
                        | "sous"
                        | "devant"
                        | "après"
                        | "lors"
                )
            );
            if (participle && toks.get(s + 1).is_some_and(|t| !is_name_word(t)))
                || (prep_next && s + 1 < e)
            {
                return true;
            }
        }
        false
    }

    /// The content range a preposed frame governs, from the token after the verb to `limit`.
    fn complement(&self, a: &Anchor, limit: usize) -> Option<(usize, usize, bool)> {
        let lx = lexicon();
        let toks = self.toks;
        let frames = a.verb.map(|v| lx.verbs[v.verb].frames)?;
        let mut j = self.skip_adverbials(a.after_verb, limit);
        loop {
            if j < limit && toks[j].norm == "," {
                // ", à la tribune de l'ONU," : an insertion after the verb
                let k = j + 1;
                if k < limit && opens_adverbial(&toks[k].norm) && toks[k].norm != "et"
                    || k < limit && adverbial_at(toks, k).is_some()
                {
                    if let Some(c) = (k..limit.min(k + 12)).find(|&x| toks[x].norm == ",") {
                        j = self.skip_adverbials(c + 1, limit);
                        continue;
                    }
                }
                j = self.skip_adverbials(j + 1, limit);
                continue;
            }
            break;
        }
        if j >= limit {
            return None;
        }
        let t = &toks[j];
        let n = t.norm.as_str();
        if t.norm == ":" {
            let k = j + 1;
            if k < limit {
                return Some((k, limit, false));
            }
            return None;
        }
        if matches!(t.kind, TokenKind::Open(_)) {
            return Some((j, self.phrase_end(j, limit), false));
        }
        if frames.que && (n == "que" || n == "qu'") {
            return (j + 1 < limit).then_some((j + 1, limit, false));
        }
        let infinitive_at = |k: usize| -> bool {
            toks.get(k).is_some_and(looks_infinitive)
                || (toks.get(k).is_some_and(|u| {
                    matches!(
                        u.norm.as_str(),
                        "n'" | "ne"
                            | "le"
                            | "la"
                            | "les"
                            | "l'"
                            | "lui"
                            | "leur"
                            | "se"
                            | "s'"
                            | "y"
                            | "en"
                    )
                }) && toks.get(k + 1).is_some_and(|u| {
                    looks_infinitive(u)
                        || matches!(u.norm.as_str(), "pas" | "plus" | "jamais")
                        || u.norm == "s'"
                        || u.norm == "se"
                }))
        };
        if frames.infinitive && infinitive_at(j) {
            return Some((j, limit, false));
        }
        if frames.de_infinitive
            && matches!(n, "de" | "d'")
            && (infinitive_at(j + 1)
                || toks
                    .get(j + 1)
                    .is_some_and(|u| matches!(u.kind, TokenKind::Open(_))))
        {
            return Some((j + 1, self.phrase_end(j + 1, limit), false));
        }
        // "s'est dit prêt à négocier", "se disent profondément choqués par …"
        if frames.attribute
            && t.kind == TokenKind::Word
            && !t.capitalized
            && !is_determiner(n)
            && !matches!(
                n,
                "que" | "qu'" | "de" | "d'" | "à" | "au" | "ce" | "c'" | "ça"
            )
        {
            return Some((j, self.phrase_end(j, limit), false));
        }
        if frames.pour && n == "pour" {
            let s = j + 1;
            return (s < limit).then(|| (s, self.phrase_end(s, limit), false));
        }
        if (frames.a || frames.object_a) && matches!(n, "à" | "au" | "aux") {
            let s = j + 1;
            return (s < limit).then(|| (s, self.phrase_end(s, limit), false));
        }
        let object_start = is_determiner(n) || is_name_word(t) || matches!(n, "l'");
        if frames.comme {
            // "(l'a) décrit comme un fou", "qualifié X comme …"
            let k = if n == "comme" {
                Some(j)
            } else {
                (j..limit.min(j + 10)).find(|&x| toks[x].norm == "comme")
            };
            if let Some(k) = k {
                if !(j..k).any(|x| matches!(toks[x].norm.as_str(), "," | "." | ";"))
                    && k + 1 < limit
                {
                    return Some((k + 1, self.phrase_end(k + 1, limit), false));
                }
            }
        }
        if (frames.object_a || frames.object_de) && object_start {
            // an object, then "à …" or "de …" not far
            let mut k = j + 1;
            while k < limit
                && k < j + 30
                && !matches!(toks[k].norm.as_str(), "." | ";" | ":")
                && !toks[k].is_quote_mark()
            {
                let m = toks[k].norm.as_str();
                if frames.object_a
                    && matches!(m, "à" | "au")
                    && toks.get(k + 1).is_some_and(|u| {
                        looks_infinitive(u)
                            || is_determiner(&u.norm)
                            || matches!(u.kind, TokenKind::Open(_))
                    })
                {
                    return Some((j, self.phrase_end(k, limit), false));
                }
                if frames.object_de
                    && matches!(m, "de" | "d'")
                    && (infinitive_at(k + 1)
                        || toks
                            .get(k + 1)
                            .is_some_and(|u| matches!(u.kind, TokenKind::Open(_))))
                {
                    return Some((j, self.phrase_end(k, limit), false));
                }
                if frames.object_de && m == "pour" {
                    return Some((j, self.phrase_end(k, limit), false));
                }
                if m == ","
                    && !toks.get(k + 1).is_some_and(|u| {
                        matches!(
                            u.norm.as_str(),
                            "qui" | "dont" | "où" | "la" | "le" | "les" | "l'" | "à" | "au"
                        )
                    })
                {
                    break;
                }
                k += 1;
            }
        }
        if frames.que {
            // "a promis aux manifestants qui campent … qu'il n'y aurait …"
            if let Some(k) = (j..limit.min(j + 16))
                .find(|&x| matches!(toks[x].norm.as_str(), "que" | "qu'") && !self.in_quote(x))
            {
                if !(j..k).any(|x| {
                    matches!(toks[x].norm.as_str(), "." | ";" | ":") || toks[x].is_quote_mark()
                }) && k + 1 < limit
                {
                    return Some((k + 1, limit, false));
                }
            }
        }
        // a verb of reported content governs a noun phrase holding quoted words ("a
        // promis des mesures « à la fin de la semaine »"); some take any noun phrase
        let reports = frames.que
            || frames.infinitive
            || frames.de_infinitive
            || frames.object_a
            || frames.a
            || frames.pour
            || frames.noun
            || frames.noun_quoted;
        if reports {
            let mut k = j;
            if matches!(n, "de" | "d'" | "contre" | "sur") {
                k = j + 1;
            }
            let starts = k < limit
                && (is_determiner(&toks[k].norm)
                    || is_name_word(&toks[k])
                    || toks[k].norm == "l'"
                    || matches!(toks[k].kind, TokenKind::Open(_)))
                || matches!(n, "du" | "des")
                || (matches!(n, "de" | "d'") && k < limit && toks[k].kind == TokenKind::Word);
            if starts {
                let e = self.phrase_end(k, limit);
                let quoted = (k..e).any(|x| matches!(toks[x].kind, TokenKind::Open(_)));
                if frames.noun || quoted {
                    return Some((k, e, false));
                }
            }
        }
        // "a réagi avec beaucoup d'émotion : « … »": a colon after a prepositional
        // phrase
        let prepositional = matches!(
            n,
            "avec"
                | "sur"
                | "dans"
                | "à"
                | "au"
                | "aux"
                | "en"
                | "devant"
                | "lors"
                | "pour"
                | "face"
                | "auprès"
                | "depuis"
                | "par"
        );
        if let Some(c) = (j..limit.min(j + 12))
            .filter(|_| prepositional)
            .take_while(|&x| {
                toks[x].kind == TokenKind::Word || toks[x].norm == "," || toks[x].norm == ":"
            })
            .find(|&x| toks[x].norm == ":")
        {
            if c + 1 < limit {
                return Some((c + 1, limit, false));
            }
        }
        None
    }

    /// Where a noun or infinitive complement ends: at the first comma outside quotation
    /// marks (past a relative ", qui …,"), or at `limit`.
    fn phrase_end(&self, s: usize, limit: usize) -> usize {
        let toks = self.toks;
        let mut k = s;
        while k < limit {
            // a gerund after quoted words opens a clause of its own: "… «coup» en
            // manifestant"
            if k > s
                && matches!(toks[k - 1].kind, TokenKind::Close(_))
                && toks[k].norm == "en"
                && !self.in_quote(k)
                && toks.get(k + 1).is_some_and(|u| {
                    u.kind == TokenKind::Word && u.norm.ends_with("ant") && u.norm.len() > 5
                })
            {
                return k;
            }
            if toks[k].norm == "," && !self.in_quote(k) {
                // a list of quoted words goes on: «a», de «b» et de «c»
                let n1 = toks.get(k + 1);
                let n2 = toks.get(k + 2);
                let list = n1.is_some_and(|t| matches!(t.kind, TokenKind::Open(_)))
                    || (n1.is_some_and(|t| matches!(t.norm.as_str(), "de" | "d'" | "à"))
                        && n2.is_some_and(|t| matches!(t.kind, TokenKind::Open(_))));
                if list {
                    k += 1;
                    continue;
                }
                return k;
            }
            k += 1;
        }
        limit
    }

    /// The quotes of one unit.
    pub fn unit_quotes(
        &mut self,
        us: usize,
        ue: usize,
        previous_direct: Option<(Referent, String)>,
    ) -> Vec<Found> {
        let anchors = self.anchors(us, ue);
        let toks = self.toks;
        if std::env::var_os("RECOUPE_ATTRIB_TRACE").is_some() {
            for a in &anchors {
                eprintln!(
                    "{:?} start={:?} subj={:?} end={:?} relay={}",
                    a.kind,
                    self.slice(a.start, a.after_verb),
                    a.subject.map(|(s, e)| self.slice(s, e)),
                    self.slice(a.end, (a.end + 3).min(ue)),
                    a.relay
                );
            }
        }
        let mut out: Vec<Found> = Vec::new();
        let previous_subject = self.previous_subject.take();
        if anchors.is_empty() {
            // a quotation standing alone right after a direct quote continues it; right
            // after a sentence about a named person, it is that person's
            // ("Marie Roux tient la boulangerie depuis vingt ans. « Je n'ai jamais vu ça. »")
            let (sp, strict) = match previous_direct {
                Some(sp) => (Some(sp), false),
                None => (previous_subject, true),
            };
            self.note_unit_subject(us, ue);
            if let Some(sp) = sp {
                let spans = self.top_spans(us, ue);
                if !spans.is_empty() {
                    let (inside, outside) = self.word_balance(us, ue);
                    // after a sentence about someone, only a quotation alone is theirs
                    let alone = if strict {
                        outside == 0
                    } else {
                        outside * 2 <= inside
                    };
                    if alone && inside >= 4 {
                        for (o, c) in spans {
                            if let Some(f) = self.direct_found(o, c, Some(sp.clone()), None, 1) {
                                out.push(f);
                            }
                        }
                    }
                }
            }
            return out;
        }
        let mut pending_via: Option<String> = None;
        // speakers, in reading order
        let mut speakers: Vec<Option<(Referent, String)>> = Vec::with_capacity(anchors.len());
        for (k, a) in anchors.iter().enumerate() {
            let sp = self.anchor_speaker(a, &anchors[..k], us, ue);
            speakers.push(sp);
        }
        // the quotes each anchor produced, as a range of `out`
        let mut produced: Vec<(usize, usize)> = Vec::with_capacity(anchors.len());
        let has_verb_anchor = anchors.iter().any(|a| a.verb.is_some() && !a.relay);
        for (k, a) in anchors.iter().enumerate() {
            let first = out.len();
            let prev_quotes = k > 0 && produced[k - 1].1 > produced[k - 1].0;
            let any_quotes = produced.iter().any(|p| p.1 > p.0);
            // a relay: its name goes to the quotes of the frame before (or after) it
            if a.relay && (has_verb_anchor || k > 0) {
                if let Some((s, e)) = a.subject {
                    let name = self.relay_name(s, e);
                    if prev_quotes {
                        for f in &mut out[produced[k - 1].0..produced[k - 1].1] {
                            f.via.get_or_insert_with(|| name.clone());
                        }
                    } else {
                        pending_via = Some(name);
                    }
                }
                produced.push((first, first));
                continue;
            }
            // the content stops before the next frame, and before that frame's subject
            // when it stands after this one ("…, mais certains experts hésitent à dire")
            let next_start = anchors[k + 1..].iter().find(|n| !n.silent).map_or(ue, |n| {
                let s = match n.subject {
                    Some((ss, _))
                        if ss > a.end
                            && ss < n.start
                            && matches!(
                                toks[ss - 1].norm.as_str(),
                                "," | ";" | "mais" | "et" | "car" | "or" | "puis"
                            ) =>
                    {
                        ss
                    }
                    _ => n.start,
                };
                s.max(a.end)
            });
            let sp = speakers[k].clone();
            if (sp.is_none() && !a.impersonal) || a.silent {
                // "je", "nous", "on": not a speaker the story can name
                produced.push((first, first));
                continue;
            }
            let via = pending_via.take();
            let content = match a.kind {
                AnchorKind::Inverted => {
                    if k > 0 && anchors[k - 1].kind != AnchorKind::Inverted && prev_quotes {
                        // content after a preposed frame belongs to it
                        produced.push((first, first));
                        continue;
                    }
                    let from = if any_quotes {
                        anchors[k - 1].end.min(a.start)
                    } else {
                        us
                    };
                    if let Some(rest) = a.interrupts {
                        // «A, a-t-il dit. B»: two quotes
                        let open = (from..a.start)
                            .rev()
                            .find(|&x| matches!(toks[x].kind, TokenKind::Open(_)));
                        if let Some(o) = open {
                            if let Some(f) = self.slice_found(
                                o + 1,
                                a.start,
                                QuoteKind::Direct,
                                sp.clone(),
                                via.clone(),
                                3,
                            ) {
                                out.push(f);
                            }
                        }
                        let close = (rest..ue)
                            .find(|&x| matches!(toks[x].kind, TokenKind::Close(_)))
                            .unwrap_or(ue);
                        if let Some(f) = self.slice_found(
                            rest,
                            close,
                            QuoteKind::Direct,
                            sp.clone(),
                            via.clone(),
                            3,
                        ) {
                            out.push(f);
                        }
                        produced.push((first, out.len()));
                        continue;
                    }
                    Some((from, a.start))
                }
                AnchorKind::Selon if a.relay => None,
                AnchorKind::Selon => {
                    let ends_unit = (a.end..ue).all(|x| {
                        toks[x].kind == TokenKind::Punct
                            && !matches!(toks[x].kind, TokenKind::Open(_))
                    });
                    if prev_quotes && anchors[k - 1].kind != AnchorKind::Selon && ends_unit {
                        // "X a dit que …, selon Y": Y relays
                        if let Some((s, e)) = a.subject {
                            let name = self.relay_name(s, e);
                            for f in &mut out[produced[k - 1].0..produced[k - 1].1] {
                                f.via.get_or_insert_with(|| name.clone());
                            }
                        }
                        produced.push((first, first));
                        continue;
                    }
                    let before_from = if any_quotes { anchors[k - 1].end } else { us };
                    let words_before = (before_from..a.start)
                        .filter(|&x| toks[x].kind == TokenKind::Word)
                        .count();
                    let followed_by_words = a.end < ue && toks[a.end].kind == TokenKind::Word;
                    if followed_by_words {
                        // "qui concernait selon X une bombe": the phrase after, to the comma
                        let e = (a.end..next_start)
                            .find(|&x| toks[x].norm == "," && !self.in_quote(x))
                            .unwrap_or(next_start);
                        Some((a.end, e))
                    } else if words_before >= 2
                        && !(prev_quotes && anchors[k - 1].kind != AnchorKind::Inverted)
                    {
                        Some((before_from, a.start))
                    } else {
                        // "Selon X, …" : the clause after, past a relative ", où …,"
                        let mut s = a.end;
                        if s < ue && toks[s].norm == "," {
                            s += 1;
                            if s < ue && matches!(toks[s].norm.as_str(), "où" | "qui" | "dont") {
                                if let Some(c) = (s..next_start).find(|&x| toks[x].norm == ",") {
                                    s = c + 1;
                                }
                            }
                        }
                        Some((s, next_start))
                    }
                }
                AnchorKind::AuxQuote => {
                    // X a «souligné …»: the quoted predicate, a mixed quote
                    let close = self
                        .top_spans(a.after_verb, ue)
                        .first()
                        .map_or(a.end, |p| p.1);
                    if let Some(f) =
                        self.slice_found(a.after_verb + 1, close, QuoteKind::Mixed, sp, via, 2)
                    {
                        out.push(f);
                    }
                    produced.push((first, out.len()));
                    continue;
                }
                AnchorKind::Preposed => {
                    let c = self.complement(a, next_start).map(|(s, e, _)| (s, e));
                    // "Elle ajoute :" closing its paragraph: the words come next
                    if c.is_none()
                        && k + 1 == anchors.len()
                        && a.verb.is_some()
                        && ue > a.after_verb
                        && toks[ue - 1].norm == ":"
                        && !self.in_quote(ue - 1)
                    {
                        self.colon_intro = sp.clone();
                    }
                    c
                }
            };
            if let Some((cs, ce)) = content {
                if let Some(f) = self.content_found(cs, ce, a, sp, via) {
                    out.extend(f);
                }
            }
            produced.push((first, out.len()));
        }
        // a quotation alone in the next unit may be this speaker's ("X a confié son
        // admiration. « … »")
        self.previous_subject = anchors
            .iter()
            .zip(&speakers)
            .rev()
            .find(|(a, _)| !a.relay && a.kind != AnchorKind::Selon)
            .and_then(|(_, sp)| sp.clone())
            .filter(|(r, _)| r.name.is_some() && r.kind == ReferentKind::Person);
        out
    }

    /// The speaker of a colon frame that closed the unit just read, if any.
    pub fn take_colon_intro(&mut self) -> Option<(Referent, String)> {
        self.colon_intro.take()
    }

    /// The words of the paragraph starting at token `from`, when a paragraph break
    /// stands right before it: the reported words of a colon frame ("Elle précise :").
    /// A quotation opening the paragraph is taken alone.
    pub fn paragraph_quote(&self, from: usize, sp: (Referent, String)) -> Option<Found> {
        let toks = self.toks;
        if from == 0 || from >= toks.len() {
            return None;
        }
        let gap = self.text.get(toks[from - 1].end..toks[from].start)?;
        if !gap.contains('\n') {
            return None;
        }
        if let TokenKind::Open(k) = toks[from].kind {
            let close = self.span_toks.get(k).and_then(|s| s.1)?;
            return self.direct_found(from, close, Some(sp), None, 1);
        }
        let mut end = from + 1;
        while end < toks.len() {
            let gap = self
                .text
                .get(toks[end - 1].end..toks[end].start)
                .unwrap_or("");
            if gap.contains('\n') {
                break;
            }
            end += 1;
        }
        self.slice_found(from, end, QuoteKind::Direct, Some(sp), None, 1)
    }

    fn relay_name(&self, s: usize, e: usize) -> String {
        let toks = self.toks;
        let k = skip_determiners(toks, s, e);
        // the name in "l'agence de presse officielle russe TASS"
        if let Some(n) = (k..e).find(|&x| is_name_word(&toks[x])) {
            let ne = name_run_end(toks, n, e);
            return self.slice(n, ne).to_string();
        }
        self.slice(k, e).to_string()
    }

    /// Resolve and record the speaker of an anchor.
    fn anchor_speaker(
        &mut self,
        a: &Anchor,
        before: &[Anchor],
        us: usize,
        ue: usize,
    ) -> Option<(Referent, String)> {
        let toks = self.toks;
        let at = toks.get(a.start).map_or(0, |t| t.start);
        if a.inherits && a.subject.is_none() {
            let r = self.resolver.last_speaker(at).cloned()?;
            return Some((r, String::new()));
        }
        let (s, e) = a.subject?;
        if e == s + 1
            && matches!(
                toks[s].norm.as_str(),
                "je" | "j'" | "tu" | "nous" | "vous" | "on"
            )
        {
            return None;
        }
        let mention = self.slice(s, e).to_string();
        let is_pronoun = e == s + 1
            && (clitic_of(&toks[s].norm).is_some()
                || lexicon().pronouns.contains_key(toks[s].norm.as_str()));
        let mut referent = None;
        if is_pronoun && a.kind == AnchorKind::Inverted {
            // `X «a fait …», a-t-il indiqué`: the subject written before the quoted predicate
            let from = before.last().map_or(us, |p| p.end);
            // "Mais «…», a-t-il dit": a capitalized conjunction names no one
            let function_word = crate::phrase::is_np_stop(&toks[from].norm)
                || matches!(
                    toks[from].norm.as_str(),
                    "même" | "or" | "donc" | "car" | "pourtant" | "alors" | "enfin" | "aussi"
                );
            if from < a.start
                && !function_word
                && (is_determiner(&toks[from].norm) || is_name_word(&toks[from]))
            {
                let ne = np_end(toks, from, a.start);
                let first_person = (ne..a.start).any(|x| {
                    matches!(
                        toks[x].norm.as_str(),
                        "je" | "j'"
                            | "me"
                            | "m'"
                            | "moi"
                            | "mon"
                            | "ma"
                            | "mes"
                            | "nous"
                            | "notre"
                            | "nos"
                    )
                });
                if ne > from
                    && ne < ue
                    && matches!(toks[ne].kind, TokenKind::Open(_))
                    && !first_person
                {
                    let r = self
                        .resolver
                        .resolve_tokens(self.text, self.text, &toks[from..ne], at);
                    let (g, _) = pronoun_agreement(&toks[s].norm);
                    if r.name.is_some() && r.gender.agrees(g) {
                        referent = Some(r);
                    }
                }
            }
        }
        let mut referent = referent.unwrap_or_else(|| {
            self.resolver
                .resolve_tokens(self.text, self.text, &toks[s..e], at)
        });
        if let Some((p, q)) = a.apposition {
            // an apposed name wins over a role: "le porte-parole, Paul Durand"
            let app = self
                .resolver
                .resolve_tokens(self.text, self.text, &toks[p..q], at);
            let head_is_name = is_name_word(&toks[s])
                && !is_determiner(&toks[s].norm)
                && role_at(toks, s).is_none()
                && org_head_at(toks, s).is_none();
            // … and so does an apposed proper name ("le principal parti salafiste, al-Nour")
            if app.kind != ReferentKind::Group && is_name_word(&toks[p]) && !head_is_name {
                let g = if referent.gender != Gender::Unknown {
                    referent.gender
                } else {
                    app.gender
                };
                referent = Referent { gender: g, ..app };
            } else if head_is_name && referent.gender == Gender::Unknown {
                let (g, _) = determiner_agreement(&toks[p].norm);
                referent.gender = g;
            }
        }
        if !a.relay || before.is_empty() {
            self.resolver.note(&referent, at, true);
        }
        Some((referent, mention))
    }

    /// For a unit without frames, remember its subject as a possible antecedent.
    fn note_unit_subject(&mut self, us: usize, ue: usize) {
        let toks = self.toks;
        let mut s = us;
        // "c'est X qui"
        if let Some(c) = (us..ue.min(us + 8))
            .find(|&k| toks[k].norm == "c'" && toks.get(k + 1).is_some_and(|t| t.norm == "est"))
        {
            s = c + 2;
        } else {
            // skip leading adverbial and relative segments: "Dans la foule, qui …, X"
            loop {
                let seg_end = (s..ue).find(|&k| toks[k].norm == ",").unwrap_or(ue);
                if seg_end >= ue || seg_end - s > 12 {
                    break;
                }
                let adverbial = self.is_adverbial_segment(s, seg_end)
                    || matches!(toks[s].norm.as_str(), "qui" | "dont" | "où");
                if !adverbial {
                    break;
                }
                s = seg_end + 1;
            }
        }
        // "Mais Pascal Roux ne baisse pas les bras": past a capitalized conjunction
        if s + 1 < ue
            && matches!(
                toks[s].norm.as_str(),
                "mais" | "et" | "or" | "puis" | "alors"
            )
            && is_name_word(&toks[s + 1])
        {
            s += 1;
        }
        if s >= ue || toks[s].is_acronym(self.text) {
            return;
        }
        let first = &toks[s];
        let starts = is_determiner(&first.norm)
            || (is_name_word(first) && !self.doubtful_capital(s))
            || lexicon()
                .titles
                .contains_key(self.text.get(first.start..first.end).unwrap_or(""));
        if !starts {
            return;
        }
        let e = np_end(toks, s, ue);
        if e <= s || e >= ue {
            return;
        }
        let head = if is_determiner(&first.norm) { s + 1 } else { s };
        let personish = head < e
            && (role_at(toks, head).is_some()
                || org_head_at(toks, head).is_some()
                || is_name_word(&toks[head]));
        if personish && (toks[e].kind == TokenKind::Word || toks[e].norm == ",") {
            let at = first.start;
            let r = self
                .resolver
                .resolve_tokens(self.text, self.text, &toks[s..e], at);
            self.resolver.note(&r, at, false);
            let quoted = (us..ue).any(|k| matches!(toks[k].kind, TokenKind::Open(_)));
            if r.kind == ReferentKind::Person && r.name.is_some() && !quoted {
                self.previous_subject = Some((r, self.slice(s, e).to_string()));
            }
        }
    }

    /// Top-level quotation spans opening in [us, ue): (open token, close token).
    fn top_spans(&self, us: usize, ue: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = us;
        while i < ue {
            if let TokenKind::Open(k) = self.toks[i].kind {
                let close = self
                    .span_toks
                    .get(k)
                    .and_then(|s| s.1)
                    .unwrap_or(ue)
                    .min(ue);
                out.push((i, close));
                i = close.max(i + 1);
                continue;
            }
            i += 1;
        }
        out
    }

    /// Words inside and outside quotation marks in [s, e).
    fn word_balance(&self, s: usize, e: usize) -> (usize, usize) {
        let mut inside = 0;
        let mut outside = 0;
        let spans = self.top_spans(s, e);
        for k in s..e {
            if self.toks[k].kind != TokenKind::Word {
                continue;
            }
            if spans.iter().any(|&(o, c)| k > o && k < c) {
                inside += 1;
            } else if !matches!(self.toks[k].norm.as_str(), "et" | "ou" | "encore") {
                outside += 1;
            }
        }
        (inside, outside)
    }

    fn content_found(
        &self,
        cs: usize,
        ce: usize,
        a: &Anchor,
        sp: Option<(Referent, String)>,
        via: Option<String>,
    ) -> Option<Vec<Found>> {
        let toks = self.toks;
        let lx = lexicon();
        // trim punctuation and a leading "que"
        let mut cs = cs;
        let mut ce = ce;
        while cs < ce
            && (matches!(
                toks[cs].norm.as_str(),
                "," | ":" | ";" | "-" | "—" | "–" | "que" | "qu'"
            ) && toks[cs].kind == TokenKind::Punct
                || (a.kind == AnchorKind::Preposed && cs == ce))
        {
            cs += 1;
        }
        while ce > cs
            && (toks[ce - 1].kind == TokenKind::Punct
                && matches!(
                    toks[ce - 1].norm.as_str(),
                    "," | "." | ";" | ":" | "-" | "—" | "–" | "!"
                )
                || matches!(toks[ce - 1].norm.as_str(), "mais" | "et" | "car" | "or")
                    && !self.in_quote(ce - 1))
        {
            ce -= 1;
        }
        if ce <= cs {
            return None;
        }
        // a leading "Plus tard," or "Selon les premières constatations," before a quotation
        if let Some(c) = (cs..ce.min(cs + 7)).find(|&x| toks[x].norm == "," && !self.in_quote(x)) {
            let before_open = toks
                .get(c + 1)
                .is_some_and(|t| matches!(t.kind, TokenKind::Open(_)));
            if before_open
                && c > cs
                && !(cs..c).any(|x| toks[x].is_quote_mark())
                && (self.is_adverbial_segment(cs, c) || adverbial_at(toks, cs).is_some())
            {
                cs = c + 1;
            }
        }
        let spans = self.top_spans(cs, ce);
        let (inside, outside) = self.word_balance(cs, ce);
        let words = inside + outside;
        if words == 0 {
            return None;
        }
        let priority = match a.kind {
            AnchorKind::Inverted | AnchorKind::Preposed => 3,
            AnchorKind::Selon | AnchorKind::AuxQuote => 2,
        };
        if spans.is_empty() {
            if a.needs_quotes {
                return None;
            }
            if a.verb.is_some_and(|v| {
                let f = lx.verbs[v.verb].frames;
                f.noun_quoted
                    && !f.noun
                    && !f.que
                    && !f.infinitive
                    && !f.object_a
                    && !f.object_de
                    && !f.a
                    && !f.de_infinitive
            }) {
                return None;
            }
            let min_words = if a.kind == AnchorKind::Preposed { 1 } else { 2 };
            if words < min_words {
                return None;
            }
            let f = self.slice_found(cs, ce, QuoteKind::Indirect, sp, via, priority)?;
            return Some(vec![f]);
        }
        let direct = if spans.len() == 1 {
            outside * 2 <= inside
        } else {
            outside == 0
        };
        if direct {
            let mut out = Vec::new();
            for (o, c) in spans {
                if let Some(f) = self.direct_found(o, c, sp.clone(), via.clone(), priority) {
                    out.push(f);
                }
            }
            return Some(out);
        }
        let f = self.slice_found(cs, ce, QuoteKind::Mixed, sp, via, priority)?;
        Some(vec![f])
    }

    fn direct_found(
        &self,
        o: usize,
        c: usize,
        sp: Option<(Referent, String)>,
        via: Option<String>,
        priority: u8,
    ) -> Option<Found> {
        self.slice_found(o + 1, c, QuoteKind::Direct, sp, via, priority)
    }

    fn slice_found(
        &self,
        s: usize,
        e: usize,
        kind: QuoteKind,
        sp: Option<(Referent, String)>,
        via: Option<String>,
        priority: u8,
    ) -> Option<Found> {
        let toks = self.toks;
        let mut s = s;
        let mut e = e.min(toks.len());
        while s < e
            && toks[s].kind == TokenKind::Punct
            && matches!(toks[s].norm.as_str(), "," | ":" | ";" | "-" | "—" | "–")
        {
            s += 1;
        }
        while e > s
            && toks[e - 1].kind == TokenKind::Punct
            && matches!(toks[e - 1].norm.as_str(), "," | ";" | ":" | "-" | "—" | "–")
        {
            e -= 1;
        }
        if e <= s || !(s..e).any(|k| toks[k].kind == TokenKind::Word) {
            return None;
        }
        let (bs, be) = (toks[s].start, toks[e - 1].end);
        let text = self.text.get(bs..be)?.trim().to_string();
        Some(Found {
            start: bs,
            end: be,
            text,
            kind,
            speaker: sp,
            via,
            priority,
        })
    }
}

fn pronoun_agreement(word: &str) -> (Gender, bool) {
    let lx = lexicon();
    let c = clitic_of(word).unwrap_or(word);
    lx.pronouns
        .get(c)
        .copied()
        .unwrap_or((Gender::Unknown, false))
}
