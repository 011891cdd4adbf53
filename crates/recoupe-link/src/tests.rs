//! Behaviour of the whole link stage on small made-up documents.

use super::*;
use recoupe_model::{
    Claimant, DateMention, Document, Figure, FigureCategory, Qualifier, Quote, QuoteKind, Sentence,
    Speaker,
};

/// A document from sentences (joined by spaces, offsets computed).
fn doc(id: &str, published: Option<&str>, outlet: Option<&str>, sentences: &[&str]) -> Document {
    let mut text = String::new();
    let mut list = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(s);
        list.push(Sentence {
            index: i,
            text: s.to_string(),
            start,
            end: text.len(),
        });
    }
    Document {
        id: id.to_string(),
        published: published.map(str::to_string),
        outlet: outlet.map(str::to_string),
        text,
        sentences: list,
        ..Default::default()
    }
}

fn quote(d: &mut Document, sentence: usize, speaker: &str, text: &str) {
    d.quotes.push(Quote {
        text: text.to_string(),
        kind: QuoteKind::Direct,
        sentence,
        speaker: Some(Speaker {
            name: Some(speaker.to_string()),
            mention: speaker.to_string(),
            entity: None,
        }),
        via: None,
        span: None,
    });
}

fn date(d: &mut Document, sentence: usize, value: &str) {
    d.dates.push(DateMention {
        text: "mercredi".into(),
        value: Some(value.into()),
        sentence,
        start: 0,
        end: 0,
    });
}

fn figure(
    d: &mut Document,
    sentence: usize,
    value: f64,
    qualifier: Qualifier,
    party: &str,
    by: Option<&str>,
    words: &str,
) {
    d.figures.push(Figure {
        value,
        category: FigureCategory::Killed,
        qualifier,
        party: Some(party.to_string()),
        sentence,
        claimed_by: by.map(|n| Claimant {
            name: n.to_string(),
            entity: None,
        }),
        text: words.to_string(),
    });
}

fn run(documents: Vec<Document>, options: &LinkOptions) -> Report {
    let mut report = Report {
        documents,
        ..Default::default()
    };
    link(&mut report, options);
    report
}

fn same_group(report: &Report, a: (&str, usize), b: (&str, usize)) -> bool {
    report.duplicates.iter().any(|g| {
        let has =
            |(d, s): (&str, usize)| g.members.iter().any(|m| m.document == d && m.sentence == s);
        has(a) && has(b)
    })
}

const FILLER: &str =
    "Le marché couvert de la vieille ville rouvrira ses portes au printemps prochain.";

#[test]
fn exact_repeat_in_one_document_is_a_duplicate() {
    let line = "La médiation régionale avait obtenu une trêve dès lundi soir, mais les deux camps l'ont rompue aussitôt";
    let r = run(
        vec![doc("a", None, None, &[line, FILLER, line])],
        &LinkOptions::default(),
    );
    assert!(same_group(&r, ("a", 0), ("a", 2)));
    assert!(!same_group(&r, ("a", 0), ("a", 1)));
}

#[test]
fn paraphrase_across_outlets_is_a_duplicate() {
    let mut a = doc(
        "a",
        None,
        None,
        &["« Il est indispensable d'apaiser les tensions, de respecter la trêve et de reprendre les pourparlers sans tarder », a déclaré Lena Varga."],
    );
    quote(&mut a, 0, "Lena Varga", "Il est indispensable d'apaiser les tensions, de respecter la trêve et de reprendre les pourparlers sans tarder");
    let mut b = doc(
        "b",
        Some("2023-05-04"),
        None,
        &["« Il est urgent d'apaiser les tensions, de respecter la trêve et de reprendre les pourparlers sans tarder », a déclaré une porte-parole de la Commission."],
    );
    quote(&mut b, 0, "une porte-parole de la Commission", "Il est urgent d'apaiser les tensions, de respecter la trêve et de reprendre les pourparlers sans tarder");
    let r = run(vec![a, b], &LinkOptions::default());
    assert!(same_group(&r, ("a", 0), ("b", 0)), "{:?}", r.duplicates);
}

#[test]
fn look_alike_statements_by_different_speakers_are_not_merged() {
    let words =
        "Nous invitons toutes les parties à la plus grande retenue et au respect du cessez-le-feu";
    let mut a = doc(
        "a",
        Some("2023-05-04"),
        None,
        &[&format!("« {words} », a affirmé Igor Marchenko.")],
    );
    quote(&mut a, 0, "Igor Marchenko", words);
    let mut b = doc(
        "b",
        Some("2023-05-04"),
        None,
        &[&format!("« {words} », a affirmé Olga Sidorenko.")],
    );
    quote(&mut b, 0, "Olga Sidorenko", words);
    let r = run(vec![a, b], &LinkOptions::default());
    assert!(!same_group(&r, ("a", 0), ("b", 0)));
}

#[test]
fn same_words_on_different_days_are_not_merged() {
    let line = "Le gouverneur de la province a annoncé mercredi la réouverture du poste frontière principal";
    let mut a = doc("a", Some("2023-05-04"), None, &[line]);
    date(&mut a, 0, "2023-05-03");
    let mut b = doc("b", Some("2023-06-08"), None, &[line]);
    date(&mut b, 0, "2023-06-07");
    let mut c = doc("c", Some("2023-05-04"), None, &[line]);
    date(&mut c, 0, "2023-05-03");
    let r = run(vec![a, b, c], &LinkOptions::default());
    assert!(!same_group(&r, ("a", 0), ("b", 0)));
    assert!(same_group(&r, ("a", 0), ("c", 0)));
}

fn dispatch() -> Vec<&'static str> {
    vec![
        "Un incendie a ravagé dans la nuit de mardi à mercredi un entrepôt de la zone portuaire de Saint-Lunaire.",
        "Les pompiers sont intervenus avec une quarantaine d'engins et ont maîtrisé le feu au petit matin.",
        "Aucune victime n'est à déplorer, selon la préfecture, mais les dégâts matériels sont considérables.",
        "L'entrepôt abritait des stocks de papier et de carton destinés à une imprimerie voisine.",
        "Une enquête a été ouverte pour déterminer l'origine du sinistre, a indiqué le parquet.",
    ]
}

#[test]
fn republished_dispatch_is_a_document_duplicate() {
    let a = doc("a", Some("2023-03-01"), Some("Le Courrier"), &dispatch());
    let mut edited = dispatch();
    edited[4] = "Le parquet a ouvert une enquête pour déterminer l'origine du sinistre.";
    let b = doc("b", Some("2023-03-01"), Some("La Gazette"), &edited);
    let c = doc(
        "c",
        Some("2023-03-01"),
        None,
        &[
            FILLER,
            "Les horaires d'ouverture seront affichés à l'entrée du bâtiment rénové.",
        ],
    );
    let r = run(vec![a, b, c], &LinkOptions::default());
    assert_eq!(r.document_duplicates.len(), 1);
    assert_eq!(r.document_duplicates[0].documents, vec!["a", "b"]);
}

#[test]
fn stories_split_one_topic_into_its_events() {
    let flood_a = doc(
        "flood-a",
        Some("2023-04-10"),
        None,
        &[
            "La crue du fleuve Vessan a inondé le village de Mornac et ses vignobles.",
            "Les habitants de Mornac ont été évacués vers le gymnase, la crue continue de monter.",
        ],
    );
    let flood_b = doc(
        "flood-b",
        Some("2023-04-11"),
        None,
        &[
            "À Mornac, la décrue du Vessan se fait attendre et les vignobles restent sous l'eau.",
            "Les habitants évacués du village de Mornac dorment toujours au gymnase.",
        ],
    );
    let later = doc(
        "flood-2024",
        Some("2024-11-02"),
        None,
        &[
            "Un an après, la crue du Vessan inonde de nouveau le village de Mornac.",
            "Les habitants de Mornac redoutent une nouvelle évacuation vers le gymnase.",
        ],
    );
    let r = run(vec![flood_a, flood_b, later], &LinkOptions::default());
    assert_eq!(r.stories.len(), 2, "{:?}", r.stories);
    assert_eq!(r.stories[0].id, "s1");
    assert_eq!(r.stories[0].documents, vec!["flood-a", "flood-b"]);
    assert_eq!(r.stories[1].documents, vec!["flood-2024"]);
    assert!(!r.stories[0].title.is_empty());
}

#[test]
fn timeline_respects_date_and_sentence_limits() {
    let mut a = doc(
        "a",
        Some("2023-02-10"),
        None,
        &[
            "Le barrage de Kesra a cédé mercredi sous la pression des pluies torrentielles.",
            "Mercredi, les eaux du barrage de Kesra ont submergé trois villages en aval.",
            "Les secours ont commencé jeudi à distribuer de l'eau potable aux sinistrés.",
        ],
    );
    date(&mut a, 0, "2023-02-08");
    date(&mut a, 1, "2023-02-08");
    date(&mut a, 2, "2023-02-09");
    let mut b = doc(
        "b",
        Some("2023-02-11"),
        None,
        &["La rupture du barrage de Kesra, mercredi, a privé d'électricité toute la vallée du Nord."],
    );
    date(&mut b, 0, "2023-02-08");
    let one = run(
        vec![a.clone(), b.clone()],
        &LinkOptions {
            timeline_dates: Some(1),
            timeline_sentences: None,
        },
    );
    assert_eq!(one.timeline.len(), 1);
    assert_eq!(one.timeline[0].date, "2023-02-08");
    let two = run(
        vec![a.clone(), b.clone()],
        &LinkOptions {
            timeline_dates: Some(1),
            timeline_sentences: Some(2),
        },
    );
    assert_eq!(two.timeline.len(), 2);
    assert!(two.timeline.iter().all(|e| e.date == "2023-02-08"));
    let all = run(vec![a, b], &LinkOptions::default());
    let dates: Vec<&str> = all.timeline.iter().map(|e| e.date.as_str()).collect();
    assert!(dates.contains(&"2023-02-09"));
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "calendar order: {dates:?}"
    );
}

#[test]
fn same_claimant_updating_a_figure_is_a_revision_not_a_contradiction() {
    let mut a = doc(
        "a",
        Some("2023-02-08"),
        Some("Le Courrier"),
        &["Le ministère de l'Intérieur a fait état de 12 morts mardi soir."],
    );
    figure(
        &mut a,
        0,
        12.0,
        Qualifier::Exact,
        "Valdonia",
        Some("ministère de l'Intérieur"),
        "12 morts",
    );
    let mut b = doc(
        "b",
        Some("2023-02-09"),
        Some("La Gazette"),
        &["Le ministère de l'Intérieur compte désormais au moins 31 morts."],
    );
    figure(
        &mut b,
        0,
        31.0,
        Qualifier::AtLeast,
        "Valdonia",
        Some("ministère de l'Intérieur"),
        "au moins 31 morts",
    );
    let mut c = doc(
        "c",
        Some("2023-02-09"),
        Some("L'Écho"),
        &["L'opposition affirme que 80 personnes ont été tuées."],
    );
    figure(
        &mut c,
        0,
        80.0,
        Qualifier::Exact,
        "Valdonia",
        Some("l'opposition"),
        "80 personnes",
    );
    let mut d = doc(
        "d",
        Some("2023-02-08"),
        Some("Le Veilleur"),
        &["Selon l'opposition, 5 personnes ont été tuées mardi."],
    );
    figure(
        &mut d,
        0,
        5.0,
        Qualifier::Exact,
        "Valdonia",
        Some("l'opposition"),
        "5 personnes",
    );
    let r = run(vec![a, b, c, d], &LinkOptions::default());
    let by = |doc: &str| {
        r.claims
            .iter()
            .find(|c| c.document.as_deref() == Some(doc))
            .unwrap()
    };
    // The ministry's later count revises its earlier one; no contradiction between them.
    assert_eq!(by("b").revises.len(), 1);
    assert!(by("b").revises[0].contains("12 morts"));
    assert_eq!(by("a").revised_by.len(), 1);
    assert!(!by("a")
        .contradicted_by
        .contains(&"ministère de l'Intérieur".to_string()));
    // Another claimant, same day, a count that cannot be reconciled: a contradiction.
    assert_eq!(
        by("d").contradicted_by,
        vec!["ministère de l'Intérieur".to_string()]
    );
    assert_eq!(by("a").contradicted_by, vec!["l'opposition".to_string()]);
    // "au moins 31" and "80" can both hold: no contradiction between b and c.
    assert!(by("b").contradicted_by.is_empty());
    assert!(by("c").contradicted_by.is_empty());
}

#[test]
fn revision_cue_in_the_sentence_marks_the_earlier_count() {
    let s = "Au moins 40 civils ont été tués, a annoncé le gouverneur Ilan Dore, bien plus que le bilan initial de 9 morts";
    let mut a = doc("a", Some("2023-02-09"), None, &[s]);
    figure(
        &mut a,
        0,
        40.0,
        Qualifier::AtLeast,
        "Valdonia",
        Some("Ilan Dore"),
        "Au moins 40 civils ont été tués",
    );
    figure(
        &mut a,
        0,
        9.0,
        Qualifier::Exact,
        "Valdonia",
        None,
        "9 morts",
    );
    let r = run(vec![a], &LinkOptions::default());
    let new = r
        .claims
        .iter()
        .find(|c| c.claimed_by == ["Ilan Dore"])
        .unwrap();
    assert_eq!(new.revises.len(), 1);
    assert!(new.contradicted_by.is_empty());
}

#[test]
fn corroboration_needs_an_independent_source() {
    let line = "« Les négociations reprendront la semaine prochaine à Genève sous l'égide des Nations unies », a annoncé Marta Lind.";
    let words =
        "Les négociations reprendront la semaine prochaine à Genève sous l'égide des Nations unies";
    let mut body = dispatch();
    body.insert(0, line);
    let mut a = doc("a", Some("2023-03-01"), Some("Le Courrier"), &body);
    quote(&mut a, 0, "Marta Lind", words);
    // A copy of the same dispatch under another outlet: not independent.
    let mut copy = doc("copy", Some("2023-03-01"), Some("Le Relais"), &body);
    quote(&mut copy, 0, "Marta Lind", words);
    // An independent report of the same statement.
    let mut other = doc(
        "other",
        Some("2023-03-01"),
        Some("La Gazette"),
        &[line, FILLER],
    );
    quote(&mut other, 0, "Marta Lind", words);
    let r = run(vec![a, copy, other], &LinkOptions::default());
    assert_eq!(r.document_duplicates.len(), 1);
    let statement = |doc: &str| {
        r.claims
            .iter()
            .find(|c| c.kind.as_deref() == Some("statement") && c.document.as_deref() == Some(doc))
            .unwrap()
    };
    // One claim per document; the copy of a dispatch does not corroborate its original,
    // the independent report corroborates both.
    assert_eq!(
        statement("a").corroborated_by,
        vec!["La Gazette".to_string()]
    );
    assert_eq!(
        statement("copy").corroborated_by,
        vec!["La Gazette".to_string()]
    );
    assert_eq!(
        statement("other").corroborated_by,
        vec!["Le Courrier".to_string(), "Le Relais".to_string()]
    );
    let ids: Vec<&str> = statement("a")
        .relations
        .iter()
        .map(|r| r.claim.as_str())
        .collect();
    assert_eq!(ids, vec![statement("other").id.as_str()]);
    assert!(statement("a")
        .relations
        .iter()
        .all(|r| r.kind == "corroborates"));
}

#[test]
fn mutual_accusation_contradicts_both_ways() {
    let d = doc(
        "a",
        None,
        None,
        &["Le Valdor et la Mirésie s'accusent mutuellement d'avoir ouvert le feu les premiers."],
    );
    let r = run(vec![d], &LinkOptions::default());
    let acc: Vec<_> = r
        .claims
        .iter()
        .filter(|c| c.kind.as_deref() == Some("accusation"))
        .collect();
    assert_eq!(acc.len(), 2);
    assert_eq!(acc[0].claimed_by, vec!["Le Valdor".to_string()]);
    assert_eq!(acc[0].contradicted_by, vec!["la Mirésie".to_string()]);
}

#[test]
fn empty_report_links_to_nothing() {
    let r = run(Vec::new(), &LinkOptions::default());
    assert!(
        r.duplicates.is_empty()
            && r.stories.is_empty()
            && r.timeline.is_empty()
            && r.claims.is_empty()
    );
    let r = run(
        vec![doc("empty", Some("not a date"), None, &[])],
        &LinkOptions::default(),
    );
    assert_eq!(r.stories.len(), 1);
}

/// The claims of `doc`, with the ids of the claims each is related to by `kind`.
fn related<'a>(
    r: &'a Report,
    doc: &str,
    kind: &str,
) -> Vec<(&'a recoupe_model::Claim, Vec<&'a str>)> {
    r.claims
        .iter()
        .filter(|c| c.document.as_deref() == Some(doc))
        .map(|c| {
            let ids = c
                .relations
                .iter()
                .filter(|x| x.kind == kind)
                .map(|x| x.claim.as_str())
                .collect();
            (c, ids)
        })
        .collect()
}

#[test]
fn opposite_accounts_of_who_started_it_contradict() {
    // Two countries at war, each blaming the other; a mediator names neither.
    let mut a = doc(
        "a",
        Some("2031-05-14"),
        Some("Le Courrier"),
        &[
            "« Vingt soldats tchadiens ont été tués après une provocation soudanaise », a déclaré le ministère tchadien de la Défense.",
            "« L'armée tchadienne a lancé une offensive à l'aube », a affirmé le ministère soudanais de la Défense.",
            "« Nous appelons au calme », a déclaré Marta Lind, médiatrice de l'ONU.",
        ],
    );
    quote(
        &mut a,
        0,
        "ministère tchadien de la Défense",
        "Vingt soldats tchadiens ont été tués après une provocation soudanaise",
    );
    quote(
        &mut a,
        1,
        "ministère soudanais de la Défense",
        "L'armée tchadienne a lancé une offensive à l'aube",
    );
    quote(&mut a, 2, "Marta Lind", "Nous appelons au calme");
    figure(
        &mut a,
        0,
        20.0,
        Qualifier::Exact,
        "Chad",
        Some("ministère tchadien de la Défense"),
        "Vingt soldats",
    );
    figure(
        &mut a,
        1,
        3.0,
        Qualifier::Exact,
        "Sudan",
        Some("ministère soudanais de la Défense"),
        "3 morts",
    );
    let r = run(vec![a], &LinkOptions::default());
    let claims = related(&r, "a", "contradicts");
    let blame = |s: usize| {
        claims
            .iter()
            .find(|(c, _)| c.sentence == Some(s) && c.kind.as_deref() == Some("statement"))
            .unwrap()
    };
    let (first, against) = blame(0);
    let (second, _) = blame(1);
    assert_eq!(against, &vec![second.id.as_str()], "{claims:?}");
    // The call for calm is no account of who started it.
    assert!(blame(2).1.is_empty());
    assert!(first
        .contradicted_by
        .contains(&"ministère soudanais de la Défense".to_string()));
}

#[test]
fn figures_of_different_events_never_contradict() {
    // The same party's toll in two clashes a year apart.
    let mut a = doc(
        "a",
        Some("2031-05-14"),
        Some("Le Courrier"),
        &["Le ministère tchadien de la Défense a annoncé 50 morts."],
    );
    figure(
        &mut a,
        0,
        50.0,
        Qualifier::Exact,
        "Valdor",
        Some("ministère tchadien de la Défense"),
        "50 morts",
    );
    let mut b = doc(
        "b",
        Some("2032-06-20"),
        Some("La Gazette"),
        &["Selon l'opposition valdorienne, 3 personnes ont été tuées."],
    );
    figure(
        &mut b,
        0,
        3.0,
        Qualifier::Exact,
        "Valdor",
        Some("l'opposition valdorienne"),
        "3 personnes",
    );
    let r = run(vec![a, b], &LinkOptions::default());
    assert_ne!(r.claims[0].story, r.claims[1].story);
    assert!(
        r.claims.iter().all(|c| c.relations.is_empty()),
        "{:?}",
        r.claims
    );
}

#[test]
fn a_claimant_is_never_set_against_itself_and_never_a_document_id() {
    let mut a = doc(
        "doc-17",
        Some("2031-05-14"),
        None,
        &[
            "Au moins 12 personnes ont été tuées, selon un bilan.",
            "Le bilan s'élève à 30 morts.",
        ],
    );
    figure(
        &mut a,
        0,
        12.0,
        Qualifier::AtLeast,
        "Valdor",
        Some("doc-17"),
        "Au moins 12 personnes",
    );
    figure(
        &mut a,
        1,
        30.0,
        Qualifier::Exact,
        "Valdor",
        None,
        "30 morts",
    );
    let r = run(vec![a], &LinkOptions::default());
    for c in &r.claims {
        assert!(!c.claimed_by.iter().any(|n| n == "doc-17"), "{c:?}");
        assert!(
            !c.relations.iter().any(|x| x.kind == "contradicts"),
            "{c:?}"
        );
    }
    // The unattributed toll rising in one article is the outlet updating its count.
    let revises: Vec<_> = related(&r, "doc-17", "revises")
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
    assert_eq!(revises.len(), 1);
    assert_eq!(revises[0].0.sentence, Some(1));
}

#[test]
fn a_rising_toll_revises_step_by_step() {
    let lines = [
        "Le bilan officiel s'élève à 149 morts.",
        "Le bilan officiel s'alourdit à 278 morts.",
        "Le bilan officiel atteint désormais 370 morts.",
    ];
    let mut a = doc("live", Some("2031-08-14"), Some("Le Direct"), &lines);
    for (i, v) in [149.0, 278.0, 370.0].into_iter().enumerate() {
        figure(
            &mut a,
            i,
            v,
            Qualifier::Exact,
            "Valdor",
            None,
            &format!("{v} morts"),
        );
    }
    let r = run(vec![a], &LinkOptions::default());
    let id = |s: usize| {
        r.claims
            .iter()
            .find(|c| c.sentence == Some(s))
            .unwrap()
            .id
            .clone()
    };
    let revises = |s: usize| -> Vec<String> {
        let c = r.claims.iter().find(|c| c.sentence == Some(s)).unwrap();
        c.relations
            .iter()
            .filter(|x| x.kind == "revises")
            .map(|x| x.claim.clone())
            .collect()
    };
    // Each count revises the one before it, not every earlier one.
    assert_eq!(revises(1), vec![id(0)]);
    assert_eq!(revises(2), vec![id(1)]);
    assert!(revises(0).is_empty());
}

#[test]
fn a_denial_contradicts_the_party_it_calls_liars() {
    let mut a = doc(
        "a",
        Some("2031-05-14"),
        Some("Le Courrier"),
        &[
            "« Les manifestants étaient armés », a affirmé l'armée valdorienne.",
            "« L'armée ment », a répondu un porte-parole des manifestants.",
        ],
    );
    quote(
        &mut a,
        0,
        "armée valdorienne",
        "Les manifestants étaient armés",
    );
    quote(&mut a, 1, "porte-parole des manifestants", "L'armée ment");
    let r = run(vec![a], &LinkOptions::default());
    let denial = r.claims.iter().find(|c| c.sentence == Some(1)).unwrap();
    assert_eq!(denial.kind.as_deref(), Some("denial"));
    assert_eq!(
        denial.contradicted_by,
        vec!["armée valdorienne".to_string()]
    );
}

#[test]
fn a_projected_count_is_set_against_no_toll() {
    let lines = [
        "Selon le ministère tchadien de la Santé, 300 personnes sont mortes.",
        "Le modèle de l'institut prédisait 900 morts au Tchad d'ici l'été.",
        "L'opposition tchadienne parle de 900 morts.",
    ];
    let mut a = doc("a", Some("2031-05-14"), Some("Le Courrier"), &lines);
    figure(
        &mut a,
        0,
        300.0,
        Qualifier::Exact,
        "Chad",
        Some("ministère tchadien de la Santé"),
        "300 personnes",
    );
    figure(
        &mut a,
        1,
        900.0,
        Qualifier::Exact,
        "Chad",
        Some("institut de santé publique"),
        "900 morts",
    );
    figure(
        &mut a,
        2,
        900.0,
        Qualifier::Exact,
        "Chad",
        Some("opposition tchadienne"),
        "900 morts",
    );
    let r = run(vec![a], &LinkOptions::default());
    let at = |s: usize| r.claims.iter().find(|c| c.sentence == Some(s)).unwrap();
    // The forecast contradicts nothing; the opposition's toll contradicts the ministry's.
    assert!(
        at(1).relations.iter().all(|x| x.kind != "contradicts"),
        "{:?}",
        r.claims
    );
    assert!(at(2)
        .relations
        .iter()
        .any(|x| x.kind == "contradicts" && x.claim == at(0).id));
}
