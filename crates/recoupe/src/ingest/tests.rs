use super::*;
use recoupe_model::Article;
use recoupe_store::Store;

fn article(id: &str, title: &str, body: &str) -> Article {
    Article {
        id: id.into(),
        origin: format!("{id}.txt"),
        body: body.into(),
        title: Some(title.into()),
        published: Some("2024-03-04".into()),
        ..Default::default()
    }
}

fn flood(id: &str) -> Article {
    article(
        id,
        "Crue de la Loire à Orléans",
        "La Loire est sortie de son lit à Orléans dans la nuit de dimanche à lundi.\n\n« Nous avons évacué deux cents riverains », a déclaré le préfet du Loiret, Jean Dumas.\n\nLa crue devrait culminer mardi selon Vigicrues.",
    )
}

fn flood_follow_up(id: &str) -> Article {
    article(
        id,
        "Orléans: la Loire en crue, les riverains évacués",
        "À Orléans, la crue de la Loire a contraint les pompiers à évacuer les riverains des quais.\n\n« La situation reste tendue », a indiqué le maire d'Orléans, Paul Martin, lundi.\n\nLe préfet du Loiret a évoqué deux cents personnes évacuées.",
    )
}

fn budget(id: &str) -> Article {
    article(
        id,
        "Le budget régional adopté",
        "Le conseil régional a adopté lundi son budget pour l'année, en hausse de 3 %.\n\n« C'est un budget de combat », a affirmé la présidente de la région, Claire Noël.\n\nL'opposition a voté contre le budget des transports.",
    )
}

fn run(store: &mut Store, articles: Vec<Article>, batch: usize) -> IngestSummary {
    ingest_batched(
        store,
        articles.into_iter().map(Ok),
        &Options::default(),
        batch,
        &crate::Silent,
    )
    .unwrap()
}

fn whole(store: &Store) -> Report {
    match report(store, &Selection::default(), &Options::default(), true).unwrap() {
        StoreReport::Report(r) => *r,
        StoreReport::Piles(_) => panic!("a small store is reported whole"),
    }
}

#[test]
fn the_same_article_twice_is_stored_once() {
    let mut store = Store::in_memory().unwrap();
    let first = run(&mut store, vec![flood("a"), budget("b"), flood("a")], 8);
    assert_eq!((first.read, first.stored, first.already_stored), (3, 2, 1));
    let again = run(&mut store, vec![flood("a"), budget("b")], 8);
    assert_eq!(
        (again.stored, again.already_stored, again.analysed),
        (0, 2, 0)
    );
    assert_eq!(again.piles_linked, 0);
    assert_eq!(store.article_count().unwrap(), 2);
}

#[test]
fn a_republished_text_is_analysed_once_and_joins_its_pile() {
    let mut store = Store::in_memory().unwrap();
    let s = run(
        &mut store,
        vec![flood("a"), budget("b"), flood("a-copy")],
        8,
    );
    assert_eq!((s.stored, s.analysed, s.reused), (3, 2, 1));
    let docs = store.documents(&Filter::default()).unwrap();
    assert_eq!(docs[2].id, "a-copy");
    assert_eq!(docs[2].origin, "a-copy.txt");
    assert_eq!(docs[2].quotes, docs[0].quotes);
    let piles = piles(&store).unwrap();
    let of = |id: &str| {
        piles
            .iter()
            .find(|p| {
                p.summary.titles.iter().any(|_| true) && p.documents > 0 && {
                    let StoreReport::Report(r) = report(
                        &store,
                        &Selection {
                            pile: Some(p.pile),
                            ..Default::default()
                        },
                        &Options::default(),
                        true,
                    )
                    .unwrap() else {
                        return false;
                    };
                    r.documents.iter().any(|d| d.id == id)
                }
            })
            .map(|p| p.pile)
    };
    assert_eq!(of("a"), of("a-copy"));
    assert_ne!(of("a"), of("b"));
}

#[test]
fn a_taken_id_is_renamed_with_a_problem_line() {
    let mut store = Store::in_memory().unwrap();
    run(&mut store, vec![flood("a")], 8);
    let s = run(&mut store, vec![budget("a")], 8);
    assert_eq!(s.stored, 1);
    assert_eq!(s.problems.len(), 1);
    assert!(
        s.problems[0].reason.contains("renamed a#2"),
        "{}",
        s.problems[0]
    );
    let ids: Vec<String> = store
        .documents(&Filter::default())
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, ["a", "a#2"]);
}

#[test]
fn a_second_ingest_joins_the_existing_story_without_analysing_the_old_articles() {
    let mut store = Store::in_memory().unwrap();
    run(&mut store, vec![flood("a"), budget("b")], 8);
    let before = piles(&store).unwrap();
    assert_eq!(before.len(), 2);
    let s = run(&mut store, vec![flood_follow_up("c")], 8);
    assert_eq!((s.analysed, s.piles_linked), (1, 1));
    let after = piles(&store).unwrap();
    assert_eq!(after.len(), 2, "{after:?}");
    assert_eq!(after[0].documents, 2);
    assert!(after[0]
        .summary
        .titles
        .iter()
        .any(|t| t.contains("Orléans")));
    // The story's report holds both flood articles, linked together.
    let StoreReport::Report(r) = report(
        &store,
        &Selection {
            pile: Some(after[0].pile),
            ..Default::default()
        },
        &Options::default(),
        true,
    )
    .unwrap() else {
        panic!("one pile is a report")
    };
    let mut ids: Vec<&str> = r.documents.iter().map(|d| d.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["a", "c"]);
}

#[test]
fn batches_give_the_same_report_as_the_one_shot_analysis() {
    let articles = vec![flood("a"), budget("b"), flood_follow_up("c"), flood("d")];
    let mut store = Store::in_memory().unwrap();
    run(&mut store, articles.clone(), 256);
    let one_shot = crate::analyze_articles(articles, &Options::default(), &crate::Silent);
    assert_eq!(whole(&store), one_shot);
}

#[test]
fn an_interrupted_run_resumes_to_the_same_store() {
    let articles = vec![
        flood("a"),
        budget("b"),
        flood_follow_up("c"),
        flood("d"),
        budget("e"),
    ];
    let mut straight = Store::in_memory().unwrap();
    run(&mut straight, articles.clone(), 2);
    // A run that stopped after its first two batches, then the whole input again.
    let mut resumed = Store::in_memory().unwrap();
    run(&mut resumed, articles[..4].to_vec(), 2);
    let s = run(&mut resumed, articles.clone(), 2);
    assert_eq!((s.stored, s.already_stored), (1, 4));
    assert_eq!(whole(&resumed), whole(&straight));
    let listing = |st: &Store| serde_json::to_string(&piles(st).unwrap()).unwrap();
    assert_eq!(listing(&resumed), listing(&straight));
}

#[test]
fn query_and_since_select_stories() {
    let mut store = Store::in_memory().unwrap();
    let mut old = budget("b");
    old.published = Some("2023-01-05".into());
    run(&mut store, vec![flood("a"), old], 8);
    let ids = |sel: Selection| match report(&store, &sel, &Options::default(), true).unwrap() {
        StoreReport::Report(r) => r.documents.into_iter().map(|d| d.id).collect::<Vec<_>>(),
        StoreReport::Piles(p) if p.is_empty() => Vec::new(),
        StoreReport::Piles(p) => panic!("{p:?}"),
    };
    assert_eq!(
        ids(Selection {
            query: Some("loire".into()),
            ..Default::default()
        }),
        ["a"]
    );
    assert_eq!(
        ids(Selection {
            query: Some("BUDGET régional".into()),
            ..Default::default()
        }),
        ["b"]
    );
    assert_eq!(
        ids(Selection {
            since: Some("2024-01-01".into()),
            ..Default::default()
        }),
        ["a"]
    );
    assert!(ids(Selection {
        query: Some("volcan".into()),
        ..Default::default()
    })
    .is_empty());
}
