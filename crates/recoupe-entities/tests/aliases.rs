//! One test per alias phenomenon, on made-up French sentences (invented people and a
//! few real ones), through `find_entities` then `merge_entities` as the pipeline runs
//! them.

use recoupe_entities::{find_entities, merge_entities};
use recoupe_model::{
    Claimant, Document, EntityType, Figure, FigureCategory, Qualifier, Quote, QuoteKind, Report,
    Sentence, Speaker, StoryEntity,
};

/// A document whose sentences are its lines.
fn doc(id: &str, text: &str) -> Document {
    let mut sentences = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.trim_end().len();
        sentences.push(Sentence {
            index: sentences.len(),
            text: text[start..end].to_string(),
            start,
            end,
        });
        start += line.len();
    }
    let (entities, mentions) = find_entities(text, &sentences);
    Document {
        id: id.into(),
        text: text.into(),
        sentences,
        entities,
        mentions,
        ..Default::default()
    }
}

fn story(docs: Vec<Document>) -> Report {
    let mut r = Report {
        documents: docs,
        ..Default::default()
    };
    merge_entities(&mut r);
    r
}

/// The story entity one of whose names or aliases is `name`.
fn entity<'a>(r: &'a Report, name: &str) -> &'a StoryEntity {
    r.entities
        .iter()
        .find(|e| e.name == name || e.aliases.iter().any(|a| a == name))
        .unwrap_or_else(|| panic!("no entity {name} in {:#?}", r.entities))
}

fn same(r: &Report, a: &str, b: &str) -> bool {
    entity(r, a).id == entity(r, b).id
}

#[test]
fn transliterated_surname_and_full_name_merge() {
    let r = story(vec![
        doc("a", "Le Premier ministre arménien Nikol Pachinian a parlé mardi.\nPachinian a ensuite quitté la salle.\n"),
        doc("b", "Nikol Pashinyan a rencontré des diplomates.\nPlus tard, le chef du gouvernement Nikol Pashinian a signé.\n"),
    ]);
    assert!(same(&r, "Pachinian", "Nikol Pashinyan"));
    assert!(same(&r, "Nikol Pachinian", "Nikol Pashinian"));
    let e = entity(&r, "Pachinian");
    assert_eq!(e.kind, EntityType::Person);
    assert!(
        e.roles.iter().any(|x| x == "Premier ministre arménien"),
        "{e:?}"
    );
    assert_eq!(e.documents, vec!["a", "b"]);
}

#[test]
fn invented_names_in_two_romanisations_merge() {
    let r = story(vec![
        doc("a", "Le ministre Djamshid Kouliev a reçu la presse.\n"),
        doc("b", "Le ministre Jamshid Kuliyev a reçu la presse.\n"),
    ]);
    assert!(same(&r, "Djamshid Kouliev", "Jamshid Kuliyev"));
}

#[test]
fn foreign_minister_in_french_and_english_spelling() {
    let r = story(vec![
        doc("a", "Son homologue azerbaïdjanais Djeyhoun Baïramov est arrivé.\nBaïramov a salué la rencontre.\n"),
        doc("b", "Le ministre Jeyhun Bayramov a parlé.\n"),
    ]);
    assert!(same(&r, "Baïramov", "Jeyhun Bayramov"));
}

#[test]
fn place_spellings_are_one_place() {
    let r = story(vec![
        doc("a", "Les combats ont repris au Nagorny Karabakh mardi.\n"),
        doc("b", "La situation au Haut-Karabakh reste tendue.\nLe Nagorny-Karabakh est aussi appelé Haut-Karabagh.\n"),
        doc("c", "Fighting in Nagorno-Karabakh, selon des témoins.\n"),
    ]);
    assert!(same(&r, "Nagorny Karabakh", "Haut-Karabakh"));
    assert!(same(&r, "Nagorny-Karabakh", "Haut-Karabagh"));
    assert!(same(&r, "Haut-Karabakh", "Nagorno-Karabakh"));
    assert_eq!(entity(&r, "Haut-Karabakh").kind, EntityType::Location);
}

#[test]
fn title_and_surname_join_the_full_name_and_free_role_becomes_alias() {
    let r = story(vec![
        doc("a", "« Nous appelons au calme », a déclaré M. Poutine.\nLes propos du président russe ont surpris.\n"),
        doc("b", "Le président russe Vladimir Poutine a appelé Erevan.\n"),
    ]);
    assert!(same(&r, "M. Poutine", "Vladimir Poutine"));
    let e = entity(&r, "Vladimir Poutine");
    assert!(e.aliases.iter().any(|a| a == "président russe"), "{e:?}");
}

#[test]
fn capitals_and_seats_as_actors_are_their_country() {
    let r = story(vec![
        doc("a", "Le Premier ministre a accusé Bakou d'avoir bombardé des villages.\nLe Kremlin a appelé au calme.\n"),
        doc("b", "L'Azerbaïdjan dément.\nLa Russie et l'Arménie discutent, une paix entre Bakou et Erevan reste loin.\n"),
    ]);
    assert!(same(&r, "Bakou", "Azerbaïdjan"));
    assert!(same(&r, "Erevan", "Arménie"));
    assert!(same(&r, "Kremlin", "Russie"));
    assert_eq!(entity(&r, "Bakou").kind, EntityType::Country);
}

#[test]
fn a_capital_after_a_place_cue_is_a_city() {
    let r = story(vec![doc(
        "a",
        "Le sommet aura lieu à Moscou la semaine prochaine.\nLa Russie accueille.\n",
    )]);
    assert!(!same(&r, "Moscou", "Russie"));
    assert_eq!(entity(&r, "Moscou").kind, EntityType::Location);
}

#[test]
fn shared_surname_without_evidence_stays_apart() {
    let r = story(vec![
        doc("a", "Le président Ilham Aliev a parlé.\nSelon Heydar Aliev, fondateur du parti, rien n'a changé.\n"),
        doc("b", "Le négociateur Michel Barnier est arrivé.\nLe président du Conseil européen Charles Michel l'attendait.\n"),
        doc("c", "Le juge Paul Varnel a tranché.\nSa cousine Lucie Varnel a fait appel.\n"),
    ]);
    assert!(!same(&r, "Ilham Aliev", "Heydar Aliev"));
    assert!(!same(&r, "Michel Barnier", "Charles Michel"));
    assert!(!same(&r, "Paul Varnel", "Lucie Varnel"));
}

#[test]
fn ambiguous_bare_surname_is_not_forced_onto_one_person() {
    let r = story(vec![
        doc("a", "Le juge Paul Varnel a tranché.\n"),
        doc("b", "Sa cousine Lucie Varnel a fait appel.\n"),
        doc("c", "« Rien ne change », a déclaré M. Varnel.\n"),
    ]);
    let bare = entity(&r, "M. Varnel");
    assert_ne!(bare.id, entity(&r, "Paul Varnel").id);
    assert_ne!(bare.id, entity(&r, "Lucie Varnel").id);
}

#[test]
fn role_evidence_picks_among_namesakes() {
    let r = story(vec![
        doc("a", "Le maire Paul Varnel a tranché.\n"),
        doc("b", "La juge Lucie Varnel a fait appel.\n"),
        doc("c", "Le maire Varnel a répondu.\n"),
    ]);
    assert!(same(&r, "Varnel", "Paul Varnel"));
    assert!(!same(&r, "Varnel", "Lucie Varnel"));
}

#[test]
fn speakers_and_claimants_take_the_merged_name() {
    let mut a = doc(
        "a",
        "Le secrétaire d'Etat américain Antony Blinken est arrivé à Erevan.\n",
    );
    let mut b = doc(
        "b",
        "« Il faut négocier », a dit Blinken.\nLe secrétaire d'Etat américain a insisté.\n",
    );
    let quote = |name: &str, mention: &str| Quote {
        text: "Il faut négocier".into(),
        kind: QuoteKind::Direct,
        sentence: 0,
        speaker: Some(Speaker {
            name: Some(name.into()),
            mention: mention.into(),
            entity: None,
        }),
        via: None,
        span: None,
    };
    b.quotes.push(quote("Blinken", "Blinken"));
    b.quotes.push(quote(
        "secrétaire d'Etat américain",
        "Le secrétaire d'Etat américain",
    ));
    b.figures.push(Figure {
        value: 3.0,
        category: FigureCategory::Killed,
        qualifier: Qualifier::Exact,
        party: None,
        sentence: 1,
        claimed_by: Some(Claimant {
            name: "Blinken".into(),
            entity: None,
        }),
        text: String::new(),
    });
    a.quotes.push(quote("Antony Blinken", "Antony Blinken"));
    let r = story(vec![a, b]);
    let id = entity(&r, "Antony Blinken").id.clone();
    for q in &r.documents[1].quotes {
        let sp = q.speaker.as_ref().unwrap();
        assert_eq!(sp.name.as_deref(), Some("Antony Blinken"));
        assert_eq!(sp.entity.as_deref(), Some(id.as_str()));
    }
    assert_eq!(
        r.documents[1].quotes[0].speaker.as_ref().unwrap().mention,
        "Blinken"
    );
    let cb = r.documents[1].figures[0].claimed_by.as_ref().unwrap();
    assert_eq!(
        (cb.name.as_str(), cb.entity.as_deref()),
        ("Antony Blinken", Some(id.as_str()))
    );
}

#[test]
fn document_ids_and_mentions_use_story_ids() {
    let r = story(vec![
        doc("a", "La France et l'Arménie ont signé.\n"),
        doc("b", "L'Arménie remercie la France.\n"),
    ]);
    for d in &r.documents {
        for m in &d.mentions {
            assert!(r.entities.iter().any(|e| e.id == m.entity), "{m:?}");
            assert!(d.entities.iter().any(|e| e.id == m.entity), "{m:?}");
        }
    }
    assert_eq!(entity(&r, "France").documents, vec!["a", "b"]);
}

#[test]
fn a_role_introducing_the_next_name_is_not_the_previous_ones() {
    let r = story(vec![doc(
        "a",
        "Avec Ivo Darmek et Pavel Sorin, le chef de la diplomatie russe, Anton Kelm, a parlé.\n",
    )]);
    assert!(
        entity(&r, "Pavel Sorin").roles.is_empty(),
        "{:?}",
        r.entities
    );
}
