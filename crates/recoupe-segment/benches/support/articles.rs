//! Bench input shared by the segmentation and quote-finding micro-benchmarks:
//! made-up French news paragraphs built from a few templates (abbreviations, quotes,
//! figures, initials), or the `text` of every line of the JSON Lines file named by
//! `RECOUPE_BENCH_JSONL` when set. Included by path from both `benches/` folders.

/// Sentence templates; `{n}` is replaced by a number, `{p}` by a name.
const TEMPLATES: &[&str] = &[
    "Le ministre a annoncé mardi que {n} personnes avaient été évacuées.",
    "« Nous ne céderons pas », a déclaré M. {p} devant la presse.",
    "Selon la préfecture, au moins {n} logements ont été endommagés.",
    "Le bilan provisoire, publié vers 18 h, fait état de {n} blessés.",
    "Mme {p}, porte-parole du gouvernement, a démenti ces informations.",
    "La réunion s'est tenue au siège de l'ONU, à New York (États-Unis).",
    "D'après J.-P. {p}, la situation « reste très préoccupante ».",
    "Les secours, arrivés sur place vers 3 h du matin, ont dégagé {n} véhicules.",
    "Il a ajouté : « Tout sera fait pour retrouver les disparus. »",
    "Environ {n} km de routes restent fermés, a précisé la gendarmerie.",
];
const NAMES: &[&str] = &[
    "Durand", "Lefèvre", "Nguyen", "Benali", "Moreau", "Kowalski",
];

/// `count` paragraphs of about 20 sentences, deterministic.
pub fn made_up_texts(count: usize) -> Vec<String> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    (0..count)
        .map(|_| {
            (0..20)
                .map(|_| {
                    TEMPLATES[next() % TEMPLATES.len()]
                        .replace("{n}", &(next() % 900 + 2).to_string())
                        .replace("{p}", NAMES[next() % NAMES.len()])
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Texts from `RECOUPE_BENCH_JSONL` when set and readable, else made-up ones.
pub fn texts() -> Vec<String> {
    let from_file = std::env::var("RECOUPE_BENCH_JSONL")
        .ok()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .map(|s| {
            s.lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v.get("text")?.as_str().map(str::to_string))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    if from_file.is_empty() {
        made_up_texts(100)
    } else {
        from_file
    }
}
