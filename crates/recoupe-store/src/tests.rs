use super::*;

fn article(id: &str, body: &str) -> Article {
    Article {
        id: id.into(),
        origin: format!("{id}.txt"),
        body: body.into(),
        title: Some("Un titre".into()),
        ..Default::default()
    }
}

fn document(text: &str) -> Document {
    Document {
        id: "first".into(),
        text: text.into(),
        origin: "first.txt".into(),
        ..Default::default()
    }
}

#[test]
fn hashes_tell_articles_and_texts_apart() {
    let a = article("a", "Le maire a parlé.");
    let mut b = a.clone();
    b.id = "b".into();
    b.url = Some("https://exemple.fr/b".into());
    assert_ne!(content_hash(&a), content_hash(&b));
    // The same text under another id and address is the same analysis.
    assert_eq!(analysis_key(&a, "e1"), analysis_key(&b, "e1"));
    assert_ne!(analysis_key(&a, "e1"), analysis_key(&a, "e2"));
    let mut c = a.clone();
    c.published = Some("2024-01-02".into());
    assert_ne!(analysis_key(&a, "e1"), analysis_key(&c, "e1"));
    // Fields do not run into each other.
    let mut d = a.clone();
    d.title = None;
    d.outlet = Some("Un titre".into());
    assert_ne!(content_hash(&a), content_hash(&d));
}

#[test]
fn a_batch_is_stored_and_read_back() {
    let mut s = Store::in_memory().unwrap();
    let a = article("a", "Le maire a parlé.");
    let b = article("b", "Le maire a parlé.");
    let (ha, hb) = (content_hash(&a), content_hash(&b));
    let key = analysis_key(&a, "e1");
    assert_eq!(s.known("a", &ha).unwrap(), Known::New);
    let doc = document("Le maire a parlé.");
    s.commit(&Batch {
        articles: vec![
            NewArticle {
                article: &a,
                id: "a".into(),
                hash: ha,
                analysis: key,
                pile: 1,
            },
            NewArticle {
                article: &b,
                id: "b".into(),
                hash: hb,
                analysis: key,
                pile: 1,
            },
        ],
        analyses: vec![NewAnalysis {
            key,
            engine: "e1",
            document: &doc,
            keys: &[1, 2, 3],
        }],
        census_lines: vec![(line_hash("le maire a parlé."), 2)],
        census_documents: 2,
    })
    .unwrap();
    assert_eq!(s.known("a", &ha).unwrap(), Known::Stored);
    assert_eq!(
        s.known("a", &content_hash(&article("a", "Autre.")))
            .unwrap(),
        Known::IdTaken
    );
    assert_eq!(s.article_count().unwrap(), 2);
    assert_eq!(s.analysis_count().unwrap(), 1);
    assert!(s.analysis(&key, "e1").unwrap().is_some());
    assert!(s.analysis(&key, "e2").unwrap().is_none());
    assert_eq!(s.analysis_keys(&key).unwrap(), Some(vec![1, 2, 3]));
    assert_eq!(s.census_documents().unwrap(), 2);
    assert_eq!(s.census_count(line_hash("le maire a parlé.")).unwrap(), 2);
    // Each stored article gets the shared analysis under its own id and origin.
    let docs = s.documents(&Filter::default()).unwrap();
    assert_eq!(
        docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert_eq!(docs[1].origin, "b.txt");
    assert_eq!(docs[1].text, "Le maire a parlé.");
    assert_eq!(s.body("b").unwrap().as_deref(), Some("Le maire a parlé."));
    assert_eq!(s.articles().unwrap()[1], b);
    let piles = s.piles().unwrap();
    assert_eq!(piles.len(), 1);
    assert_eq!(piles[0].documents, 2);
    assert!(piles[0].dirty);
    assert_eq!(s.dirty_piles().unwrap(), [1]);
    s.save_pile(1, "{}", &Report::default()).unwrap();
    assert!(s.dirty_piles().unwrap().is_empty());
    assert!(s.pile_report(1).unwrap().is_some());
    // Removing an article makes its pile dirty again.
    assert!(s.delete("a").unwrap());
    assert!(!s.delete("a").unwrap());
    assert_eq!(s.dirty_piles().unwrap(), [1]);
    assert!(s.pile_report(1).unwrap().is_none());
}

#[test]
fn filters_select_by_pile_and_date() {
    let mut s = Store::in_memory().unwrap();
    let mut arts = Vec::new();
    for (i, day) in ["2024-01-01", "2024-02-01", "2024-03-01"]
        .iter()
        .enumerate()
    {
        let mut a = article(&format!("d{i}"), &format!("Texte {i}."));
        a.published = Some(day.to_string());
        arts.push(a);
    }
    let doc = document("Texte.");
    let keys: Vec<Hash> = arts.iter().map(|a| analysis_key(a, "e")).collect();
    s.commit(&Batch {
        articles: arts
            .iter()
            .zip(&keys)
            .enumerate()
            .map(|(i, (a, k))| NewArticle {
                article: a,
                id: a.id.clone(),
                hash: content_hash(a),
                analysis: *k,
                pile: 1 + (i as i64 % 2),
            })
            .collect(),
        analyses: keys
            .iter()
            .map(|k| NewAnalysis {
                key: *k,
                engine: "e",
                document: &doc,
                keys: &[],
            })
            .collect(),
        ..Default::default()
    })
    .unwrap();
    let ids = |f: Filter| {
        s.documents(&f)
            .unwrap()
            .into_iter()
            .map(|d| d.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(Filter {
            piles: Some(vec![1]),
            ..Default::default()
        }),
        ["d0", "d2"]
    );
    assert_eq!(
        ids(Filter {
            since: Some("2024-02-01".into()),
            ..Default::default()
        }),
        ["d1", "d2"]
    );
    assert_eq!(
        ids(Filter {
            limit: Some(1),
            ..Default::default()
        }),
        ["d0"]
    );
    assert_eq!(
        s.piles_of(&Filter {
            since: Some("2024-02-15".into()),
            ..Default::default()
        })
        .unwrap(),
        [1]
    );
}

#[test]
fn a_failed_batch_leaves_nothing() {
    let mut s = Store::in_memory().unwrap();
    let a = article("a", "Un.");
    let key = analysis_key(&a, "e");
    // The second row repeats the first one's content hash: the whole batch fails.
    let err = s.commit(&Batch {
        articles: vec![
            NewArticle {
                article: &a,
                id: "a".into(),
                hash: content_hash(&a),
                analysis: key,
                pile: 1,
            },
            NewArticle {
                article: &a,
                id: "a2".into(),
                hash: content_hash(&a),
                analysis: key,
                pile: 1,
            },
        ],
        analyses: vec![NewAnalysis {
            key,
            engine: "e",
            document: &document("Un."),
            keys: &[],
        }],
        census_documents: 2,
        ..Default::default()
    });
    assert!(err.is_err());
    assert_eq!(s.article_count().unwrap(), 0);
    assert_eq!(s.analysis_count().unwrap(), 0);
    assert_eq!(s.census_documents().unwrap(), 0);
    assert!(s.piles().unwrap().is_empty());
}

#[test]
fn another_layout_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    drop(Store::open(&path).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema'", [])
            .unwrap();
    }
    match Store::open(&path) {
        Err(e @ StoreError::Layout { .. }) => assert!(e.to_string().contains("layout 0")),
        other => panic!("expected a layout error, got {:?}", other.err()),
    }
}
