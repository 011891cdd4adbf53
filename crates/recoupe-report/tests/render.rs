//! The Markdown report of a small hand-built story, as an insta snapshot, and the
//! properties the HTML file must keep: self-contained, no script, hostile text inert.

use recoupe_model::*;

fn sentence(index: usize, text: &str, start: usize) -> Sentence {
    Sentence {
        index,
        text: text.to_string(),
        start,
        end: start + text.len(),
    }
}

/// Two made-up articles about a bridge closed after a flood in an invented town, one a
/// copy of a wire dispatch, with a revised toll and a disputed one.
fn story() -> Report {
    let s0 = "« Le pont restera fermé jusqu'à lundi », a déclaré mardi la maire de Valmont, Claire Aubert.";
    let s1 = "Au moins 12 personnes ont été blessées, selon la préfecture, qui faisait état de 7 blessés la veille.";
    let s2 = "Le syndicat des transporteurs parle de 30 blessés.";
    let text_a = format!("{s0}\n\n{s1} {s2}");
    let a = Document {
        id: "valmont_a".into(),
        title: Some("Crue à Valmont : le pont reste fermé".into()),
        outlet: Some("La Gazette du Val".into()),
        published: Some("2024-03-06".into()),
        url: Some("https://gazette.example/valmont".into()),
        sentences: vec![
            sentence(0, s0, 0),
            sentence(1, s1, s0.len() + 2),
            sentence(2, s2, s0.len() + 3 + s1.len()),
        ],
        text: text_a,
        quotes: vec![
            Quote {
                text: "Le pont restera fermé jusqu'à lundi".into(),
                kind: QuoteKind::Direct,
                sentence: 0,
                speaker: Some(Speaker {
                    name: Some("Claire Aubert".into()),
                    mention: "la maire de Valmont, Claire Aubert".into(),
                    entity: Some("e1".into()),
                }),
                via: None,
                span: None,
            },
            Quote {
                text: "30 blessés".into(),
                kind: QuoteKind::Indirect,
                sentence: 2,
                speaker: Some(Speaker {
                    name: Some("syndicat des transporteurs".into()),
                    mention: "Le syndicat des transporteurs".into(),
                    entity: None,
                }),
                via: None,
                span: None,
            },
        ],
        figures: vec![
            Figure {
                value: 12.0,
                category: FigureCategory::Wounded,
                qualifier: Qualifier::AtLeast,
                party: Some("Valmont".into()),
                sentence: 1,
                claimed_by: Some(Claimant {
                    name: "préfecture".into(),
                    entity: None,
                }),
                text: "Au moins 12 personnes ont été blessées".into(),
            },
            Figure {
                value: 7.0,
                category: FigureCategory::Wounded,
                qualifier: Qualifier::Exact,
                party: Some("Valmont".into()),
                sentence: 1,
                claimed_by: None,
                text: "7 blessés".into(),
            },
        ],
        dates: vec![DateMention {
            text: "mardi".into(),
            value: Some("2024-03-05".into()),
            sentence: 0,
            start: 0,
            end: 0,
        }],
        ..Default::default()
    };
    let t0 = "La maire de Valmont a annoncé mardi que le pont resterait fermé jusqu'à lundi.";
    let t1 = "Un appel <script>alert(1)</script> [lien](javascript:alert(2)) | # titre";
    let b = Document {
        id: "valmont_b".into(),
        title: None,
        outlet: Some("Agence Centre".into()),
        published: Some("2024-03-06".into()),
        url: Some("javascript:alert(3)".into()),
        text: format!("{t0} {t1}"),
        sentences: vec![sentence(0, t0, 0), sentence(1, t1, t0.len() + 1)],
        quotes: vec![Quote {
            text: "le pont resterait fermé jusqu'à lundi".into(),
            kind: QuoteKind::Indirect,
            sentence: 0,
            speaker: Some(Speaker {
                name: Some("Aubert".into()),
                mention: "La maire de Valmont".into(),
                entity: Some("e1".into()),
            }),
            via: None,
            span: None,
        }],
        figures: vec![Figure {
            value: 3.0,
            category: FigureCategory::Wounded,
            qualifier: Qualifier::Exact,
            party: Some("Montclar".into()),
            sentence: 1,
            claimed_by: None,
            text: "3 blessés".into(),
        }],
        ..Default::default()
    };
    Report {
        documents: vec![a, b],
        entities: vec![StoryEntity {
            id: "e1".into(),
            name: "Claire Aubert".into(),
            kind: EntityType::Person,
            aliases: vec![
                "Claire Aubert".into(),
                "Aubert".into(),
                "la maire de Valmont".into(),
            ],
            documents: vec!["valmont_a".into(), "valmont_b".into()],
            roles: vec!["maire de Valmont".into()],
        }],
        duplicates: vec![DuplicateGroup {
            members: vec![
                DuplicateMember {
                    document: "valmont_a".into(),
                    sentence: 0,
                    text: "« Le pont restera fermé jusqu'à lundi »".into(),
                },
                DuplicateMember {
                    document: "valmont_b".into(),
                    sentence: 0,
                    text: t0.into(),
                },
            ],
        }],
        document_duplicates: vec![],
        stories: vec![Story {
            id: "s1".into(),
            title: "Crue à Valmont : le pont reste fermé".into(),
            documents: vec!["valmont_a".into(), "valmont_b".into()],
            date: None,
            sides: vec![],
        }],
        timeline: vec![],
        claims: vec![],
        problems: vec![],
        set_aside: vec![],
    }
}

#[test]
fn markdown_report_snapshot() {
    insta::assert_snapshot!(recoupe_report::markdown(&story()));
}

#[test]
fn markdown_of_an_empty_report_is_short() {
    let md = recoupe_report::markdown(&Report::default());
    assert!(md.starts_with("# Story report"));
    assert!(!md.contains("## "), "{md}");
}

#[test]
fn html_is_self_contained_and_inert() {
    let html = recoupe_report::html(&story());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "no script element may appear");
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
    assert!(
        !html.contains("href=\"javascript:"),
        "javascript: URLs never become links"
    );
    assert!(html.contains("href=\"https://gazette.example/valmont\""));
    for external in ["src=\"http", "href=\"//", "@import", "url(http"] {
        assert!(!html.contains(external), "external asset: {external}");
    }
    assert!(html.contains("default-src 'none'"));
    // Every sentence has its anchor, and links point at them.
    assert!(html.contains("id=\"doc-valmont_a-s1\""));
    assert!(html.contains("href=\"#doc-valmont_a-s0\""));
    // The revised toll and the side-by-side table.
    assert!(html.contains("7 → at least 12"));
    assert!(html.contains("Casualty claims by side"));
    assert!(html.contains("<svg"));
}

#[test]
fn hostile_fields_everywhere_stay_text() {
    let mut r = story();
    let evil = "\"><img src=x onerror=alert(1)><script>window.pwned=1</script>";
    r.documents[0].title = Some(evil.into());
    r.documents[0].outlet = Some(evil.into());
    r.documents[0].id = evil.into();
    r.documents[0].quotes[0].speaker.as_mut().unwrap().name = Some(evil.into());
    r.documents[0].figures[0].party = Some(evil.into());
    r.entities[0].name = evil.into();
    let html = recoupe_report::html(&r);
    assert!(!html.contains("<img"));
    assert!(!html.contains("<script"));
    assert!(!html.contains("onerror=alert(1)>"));
    let md = recoupe_report::markdown(&r);
    assert!(!md.contains("<img") && !md.contains("<script"));
}

#[test]
fn sentence_offsets_off_char_boundaries_do_not_panic() {
    let mut r = story();
    for s in &mut r.documents[0].sentences {
        s.start += 1;
        s.end += 7;
    }
    r.documents[0].quotes[0].sentence = 99;
    r.documents[0].figures[0].sentence = 99;
    r.duplicates[0].members[0].sentence = 99;
    let _ = recoupe_report::html(&r);
    let _ = recoupe_report::markdown(&r);
}
