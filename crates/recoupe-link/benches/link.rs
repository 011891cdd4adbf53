//! Micro-benchmarks of the cross-document stage (`cargo bench -p recoupe-link`): MinHash
//! candidate pairs over document shingles, and the whole `link` on a pile of made-up
//! articles where every article is published several times (the case that makes
//! duplicate groups and stories large).
//!
//! `RECOUPE_BENCH_REPORT=report.json` adds a run of `link` on the documents of a report
//! written by `recoupe analyze` (its story-level arrays are cleared first). A benchmark,
//! not a test: it asserts nothing.

use recoupe_link::candidates::CandidateFinder;
use recoupe_link::document_duplicates::shingles;
use recoupe_link::{link, LinkOptions};
use recoupe_model::{Document, Quote, QuoteKind, Report, Sentence, Speaker};

fn main() {
    divan::main();
}

const SUBJECTS: &[&str] = &[
    "Le maire",
    "La préfète",
    "Le syndicat des cheminots",
    "L'association des riverains",
    "Le conseil régional",
    "La ministre de la Santé",
    "Le directeur de l'usine",
    "La fédération agricole",
];
const VERBS: &[&str] = &[
    "a annoncé la fermeture",
    "a réclamé la réouverture",
    "a dénoncé le retard",
    "a salué la rénovation",
    "a contesté le financement",
    "a présenté le projet",
];
const THINGS: &[&str] = &[
    "du pont",
    "de la gare",
    "du collège",
    "de la piscine",
    "de l'hôpital",
    "du marché",
    "de la bibliothèque",
    "du stade",
    "de la caserne",
    "du port",
    "de la mairie annexe",
    "du centre de tri",
    "de la ligne de bus",
    "de la crèche",
    "du musée",
    "de l'abattoir",
];
const PLACES: &[&str] = &[
    "Valbonne",
    "Saint-Aubin",
    "Mérignac",
    "Carnoux",
    "Villeneuve",
    "Pontivy",
    "Aurillac",
    "Briançon",
    "Lunel",
    "Redon",
    "Millau",
    "Oloron",
];
const SPEAKERS: &[&str] = &[
    "Claire Dumont",
    "Yanis Ferrand",
    "Odile Marchal",
    "Luc Perrin",
];

struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        list[(self.0 >> 33) as usize % list.len()]
    }
}

/// One made-up article of `n` sentences, its first sentence quoting someone.
fn article(id: String, day: u32, rng: &mut Lcg, n: usize) -> Document {
    let mut text = String::new();
    let mut sentences = Vec::new();
    for i in 0..n {
        let s = format!(
            "{} de {} {} {} et {} {} à {}.",
            rng.pick(SUBJECTS),
            rng.pick(PLACES),
            rng.pick(VERBS),
            rng.pick(THINGS),
            rng.pick(VERBS).replacen("a ", "", 1),
            rng.pick(THINGS),
            rng.pick(PLACES)
        );
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(&s);
        sentences.push(Sentence {
            index: i,
            text: s,
            start,
            end: text.len(),
        });
    }
    let speaker = rng.pick(SPEAKERS).to_string();
    let quotes = vec![Quote {
        text: sentences[0].text.clone(),
        kind: QuoteKind::Indirect,
        sentence: 0,
        speaker: Some(Speaker {
            name: Some(speaker.clone()),
            mention: speaker,
            entity: None,
        }),
        via: None,
        span: None,
    }];
    Document {
        id,
        title: Some(sentences[0].text.clone()),
        published: Some(format!("2024-03-{:02}", 1 + day % 28)),
        text,
        sentences,
        quotes,
        ..Default::default()
    }
}

/// `articles` distinct articles, each published `copies` times under distinct ids.
fn pile(articles: usize, copies: usize) -> Vec<Document> {
    let mut rng = Lcg(42);
    let originals: Vec<Document> = (0..articles)
        .map(|i| article(format!("a{i}"), (i / 20) as u32, &mut rng, 12))
        .collect();
    let mut docs = Vec::with_capacity(articles * copies);
    for c in 0..copies {
        for d in &originals {
            let mut copy = d.clone();
            copy.id = format!("{}-{c}", d.id);
            docs.push(copy);
        }
    }
    docs
}

#[divan::bench(args = [(500, 1), (500, 9), (2000, 1)])]
fn link_made_up_pile(bencher: divan::Bencher, (articles, copies): (usize, usize)) {
    let docs = pile(articles, copies);
    bencher
        .counter(divan::counter::ItemsCount::new(docs.len()))
        .with_inputs(|| Report {
            documents: docs.clone(),
            ..Default::default()
        })
        .bench_local_values(|mut report| {
            link(&mut report, &LinkOptions::default());
            report.stories.len()
        });
}

#[divan::bench(args = [(2000, 1), (500, 9)])]
fn minhash_candidate_pairs(bencher: divan::Bencher, (articles, copies): (usize, usize)) {
    let sets: Vec<Vec<u64>> = pile(articles, copies).iter().map(shingles).collect();
    bencher
        .counter(divan::counter::ItemsCount::new(sets.len()))
        .bench(|| CandidateFinder::for_threshold(0.3).pairs(&sets).len());
}

#[divan::bench]
fn link_report_from_file(bencher: divan::Bencher) {
    let Some(report) = std::env::var("RECOUPE_BENCH_REPORT")
        .ok()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|s| serde_json::from_str::<Report>(&s).ok())
    else {
        return;
    };
    let docs = report.documents;
    let entities = report.entities;
    bencher
        .counter(divan::counter::ItemsCount::new(docs.len()))
        .with_inputs(|| Report {
            documents: docs.clone(),
            entities: entities.clone(),
            ..Default::default()
        })
        .bench_local_values(|mut report| {
            link(&mut report, &LinkOptions::default());
            report.stories.len()
        });
}
