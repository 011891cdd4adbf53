//! Per-document recognition on made-up sentences, and a property test that spans are
//! always valid.

use proptest::prelude::*;
use recoupe_entities::{find_entities, find_entities_with, CandidateSpan};
use recoupe_model::{EntityType, Sentence};

fn one_sentence(text: &str) -> Vec<Sentence> {
    vec![Sentence {
        index: 0,
        text: text.into(),
        start: 0,
        end: text.len(),
    }]
}

fn found(text: &str) -> Vec<(String, EntityType)> {
    let (entities, _) = find_entities(text, &one_sentence(text));
    entities.into_iter().map(|e| (e.name, e.kind)).collect()
}

fn has(text: &str, name: &str, kind: EntityType) -> bool {
    found(text).iter().any(|(n, k)| n == name && *k == kind)
}

#[test]
fn titles_roles_and_given_names_make_persons() {
    assert!(has(
        "Hier, M. Tarvel a démissionné.",
        "Tarvel",
        EntityType::Person
    ));
    assert!(has(
        "Le porte-parole du ministère, Olaf Brennik, a démenti.",
        "Olaf Brennik",
        EntityType::Person
    ));
    assert!(has(
        "selon le ministre des Finances ruritanien Kasimir Olbek.",
        "Kasimir Olbek",
        EntityType::Person
    ));
    assert!(has(
        "Le général de Malaret est arrivé.",
        "de Malaret",
        EntityType::Person
    ));
}

#[test]
fn organisations_from_heads_and_lists() {
    assert!(has(
        "a annoncé le ministère russe de la Défense.",
        "ministère russe de la Défense",
        EntityType::Organization
    ));
    assert!(has(
        "selon la diplomatie française.",
        "diplomatie française",
        EntityType::Organization
    ));
    assert!(has(
        "Le Conseil fédéral a tranché.",
        "Conseil fédéral",
        EntityType::Organization
    ));
    assert!(has(
        "l'ONU a réagi.",
        "Organisation des Nations unies",
        EntityType::Organization
    ));
    assert!(has(
        "a rapporté Reuters.",
        "Reuters",
        EntityType::Organization
    ));
}

#[test]
fn places_from_lists_and_cues() {
    assert!(has(
        "Les soldats sont entrés dans la région de Volkhorsk.",
        "Volkhorsk",
        EntityType::Location
    ));
    assert!(has(
        "Il vit à Brenzac depuis longtemps.",
        "Brenzac",
        EntityType::Location
    ));
    assert!(has("Le Portugal a voté.", "Portugal", EntityType::Country));
    assert!(has("LONDRES, 3 mai.", "LONDRES", EntityType::Location));
}

#[test]
fn sentence_openers_are_not_names_unless_something_says_so() {
    assert!(found("Mercredi, rien.").is_empty());
    assert!(has(
        "« Rien ne change », a souligné Kervella.",
        "Kervella",
        EntityType::Person
    ));
    assert!(found("Plusieurs voitures ont brûlé.").is_empty());
    assert!(found("Ensemble ils partent.").is_empty());
    assert!(has(
        "Kervella a souligné le risque.",
        "Kervella",
        EntityType::Person
    ));
}

#[test]
fn demonyms_are_not_names() {
    assert!(found("Les Arméniens de la diaspora manifestent.")
        .iter()
        .all(|(_, k)| *k != EntityType::Person));
}

#[test]
fn surname_joins_full_name_in_a_document() {
    let text = "Le ministre Ivan Tolkov est arrivé.\nTolkov a signé.\n";
    let sentences = vec![
        Sentence {
            index: 0,
            text: "Le ministre Ivan Tolkov est arrivé.".into(),
            start: 0,
            end: 35,
        },
        Sentence {
            index: 1,
            text: "Tolkov a signé.".into(),
            start: 36,
            end: 51,
        },
    ];
    let (entities, mentions) = find_entities(text, &sentences);
    let persons: Vec<_> = entities
        .iter()
        .filter(|e| e.kind == EntityType::Person)
        .collect();
    assert_eq!(persons.len(), 1, "{entities:?}");
    assert_eq!(
        mentions
            .iter()
            .filter(|m| m.entity == persons[0].id)
            .count(),
        2
    );
    assert_eq!(mentions[1].sentence, 1);
}

#[test]
fn extra_spans_are_used_where_rules_have_no_evidence() {
    let text = "Les usines Zorvak tournent.";
    let start = text.find("Zorvak").unwrap();
    let extra = [CandidateSpan {
        start,
        end: start + 6,
        kind: EntityType::Organization,
    }];
    let (entities, _) = find_entities_with(text, &one_sentence(text), &extra);
    assert!(entities
        .iter()
        .any(|e| e.name == "Zorvak" && e.kind == EntityType::Organization));
    let bad = [CandidateSpan {
        start: 1,
        end: 500,
        kind: EntityType::Person,
    }];
    let _ = find_entities_with(text, &one_sentence(text), &bad);
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_valid(text in "[A-Za-zÉéèàç'’ .,«»\\-\n]{0,120}", cut in 0usize..130) {
        let cut = (0..=cut.min(text.len())).rev().find(|&c| text.is_char_boundary(c)).unwrap_or(0);
        let sentences = vec![
            Sentence { index: 0, text: text[..cut].into(), start: 0, end: cut },
            Sentence { index: 1, text: text[cut..].into(), start: cut, end: text.len() },
        ];
        let (entities, mentions) = find_entities(&text, &sentences);
        for m in &mentions {
            prop_assert!(m.start <= m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert_eq!(&text[m.start..m.end], m.text.as_str());
            prop_assert!(m.sentence < sentences.len());
            prop_assert!(entities.iter().any(|e| e.id == m.entity));
        }
        let extra = [CandidateSpan { start: cut, end: text.len(), kind: EntityType::Person }];
        let _ = find_entities_with(&text, &sentences, &extra);
    }
}
