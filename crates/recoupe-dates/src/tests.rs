//! Phenomenon by phenomenon, on made-up sentences.

use super::*;

fn one_line(text: &str) -> Vec<Sentence> {
    vec![Sentence {
        index: 0,
        text: text.to_string(),
        start: 0,
        end: text.len(),
    }]
}

/// Sentences split after each ". ", as a segmenter would.
fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        out.push(Sentence {
            index: out.len(),
            text: text[start..=i].to_string(),
            start,
            end: i + 1,
        });
        start = i + 2;
    }
    out.push(Sentence {
        index: out.len(),
        text: text[start..].to_string(),
        start,
        end: text.len(),
    });
    out
}

/// (text, value) of every mention.
fn dates(text: &str, published: Option<&str>) -> Vec<(String, Option<String>)> {
    find_dates(text, &split(text), published)
        .into_iter()
        .map(|d| (d.text, d.value))
        .collect()
}

fn value_of(text: &str, published: &str, expr: &str) -> Option<String> {
    let all = dates(text, Some(published));
    all.iter()
        .find(|(t, _)| t == expr)
        .unwrap_or_else(|| panic!("{expr:?} not found in {all:?}"))
        .1
        .clone()
}

#[track_caller]
fn check(text: &str, published: &str, expr: &str, want: &str) {
    assert_eq!(
        value_of(text, published, expr).as_deref(),
        Some(want),
        "{expr:?} in {text:?}"
    );
}

// Thursday 2022-08-04
const THU: &str = "2022-08-04";

#[test]
fn weekday_in_a_past_report_is_the_last_one() {
    check(
        "Mercredi, le ministère a déclaré que deux soldats avaient été blessés.",
        THU,
        "Mercredi",
        "2022-08-03",
    );
    check(
        "« Nous restons vigilants », a-t-il ajouté lundi.",
        THU,
        "lundi",
        "2022-08-01",
    );
    check(
        "Le maire avait inauguré la passerelle samedi.",
        THU,
        "samedi",
        "2022-07-30",
    );
}

#[test]
fn weekday_of_the_publication_day_is_that_day() {
    check(
        "Le porte-parole a répondu jeudi aux journalistes.",
        THU,
        "jeudi",
        THU,
    );
    check(
        "Tuesday report: le conseil s'est réuni mardi.",
        "2022-08-02",
        "mardi",
        "2022-08-02",
    );
}

#[test]
fn weekday_in_an_announcement_is_the_coming_one() {
    check(
        "La fête du village aura lieu samedi sur la place.",
        THU,
        "samedi",
        "2022-08-06",
    );
    check(
        "Les travaux de voirie débuteront lundi.",
        THU,
        "lundi",
        "2022-08-08",
    );
    check(
        "Le ministre doit rencontrer mardi les syndicats.",
        THU,
        "mardi",
        "2022-08-09",
    );
    check(
        "La réunion est prévue mercredi en préfecture.",
        THU,
        "mercredi",
        "2022-08-10",
    );
}

#[test]
fn weekday_with_prochain_dernier_suivant() {
    check(
        "Rendez-vous samedi prochain au stade.",
        THU,
        "samedi prochain",
        "2022-08-06",
    );
    check(
        "Il a été élu jeudi dernier.",
        THU,
        "jeudi dernier",
        "2022-07-28",
    );
    check(
        "Le vote a eu lieu vendredi dernier.",
        THU,
        "vendredi dernier",
        "2022-07-29",
    );
    check(
        "Le marché se tiendra jeudi prochain.",
        THU,
        "jeudi prochain",
        "2022-08-11",
    );
}

#[test]
fn tense_both_ways_in_one_sentence() {
    let s = "Le club a confirmé mardi que le match se jouera dimanche.";
    check(s, THU, "mardi", "2022-08-02");
    check(s, THU, "dimanche", "2022-08-07");
}

#[test]
fn parts_of_the_day() {
    check(
        "Les pompiers sont intervenus mardi matin.",
        THU,
        "mardi matin",
        "2022-08-02TMO",
    );
    check(
        "Un incendie s'est déclaré dans la nuit de lundi à mardi.",
        THU,
        "dans la nuit de lundi à mardi",
        "2022-08-01TNI",
    );
    check(
        "Le colis a été livré hier après-midi.",
        THU,
        "hier après-midi",
        "2022-08-03TAF",
    );
    check(
        "Le concert commencera ce soir.",
        THU,
        "ce soir",
        "2022-08-04TEV",
    );
    check(
        "Le maire s'est exprimé hier. La séance s'est prolongée dans la soirée.",
        THU,
        "la soirée",
        "2022-08-03TEV",
    );
    check(
        "Le train est arrivé hier, le matin même de la grève.",
        THU,
        "le matin même",
        "2022-08-03TMO",
    );
}

#[test]
fn deictic_days() {
    check(
        "Le tribunal a rendu hier son jugement.",
        THU,
        "hier",
        "2022-08-03",
    );
    check(
        "Le magasin ouvre aujourd'hui ses portes.",
        THU,
        "aujourd'hui",
        THU,
    );
    check(
        "La décision sera connue demain.",
        THU,
        "demain",
        "2022-08-05",
    );
    check(
        "Tout a commencé avant-hier.",
        THU,
        "avant-hier",
        "2022-08-02",
    );
    check(
        "Il reçoit aujourd'hui jeudi les élus.",
        THU,
        "aujourd'hui jeudi",
        THU,
    );
}

#[test]
fn days_with_a_month() {
    check(
        "Il a appelé ce 30 septembre à cesser le feu.",
        "2020-09-30",
        "ce 30 septembre",
        "2020-09-30",
    );
    check(
        "La loi a été votée le 15 novembre.",
        "2021-11-20",
        "le 15 novembre",
        "2021-11-15",
    );
    check(
        "Elle est née le 15 novembre 1931 à Metz.",
        "2021-11-20",
        "le 15 novembre 1931",
        "1931-11-15",
    );
    check(
        "Le sommet du 11 décembre a été un échec.",
        "2022-02-10",
        "11 décembre",
        "2021-12-11",
    );
    check(
        "Le salon ouvrira le 2 mars.",
        "2022-12-20",
        "le 2 mars",
        "2023-03-02",
    );
    check(
        "Il a quitté ses fonctions le 6 mai dernier.",
        "2022-05-27",
        "le 6 mai dernier",
        "2022-05-06",
    );
    check(
        "Le scrutin se tiendra le 13 avril prochain.",
        "2022-02-24",
        "le 13 avril prochain",
        "2022-04-13",
    );
    check(
        "Les obsèques auront lieu le lundi 1er août.",
        "2022-07-29",
        "le lundi 1er août",
        "2022-08-01",
    );
}

#[test]
fn absolute_dates_resolve_without_publication_date() {
    let all = dates("L'accord a été signé le 15 novembre 2021 à Moscou.", None);
    assert_eq!(
        all,
        vec![(
            "le 15 novembre 2021".to_string(),
            Some("2021-11-15".to_string())
        )]
    );
    let all = dates("Les combats remontent à 1991.", None);
    assert_eq!(all, vec![("1991".to_string(), Some("1991".to_string()))]);
}

#[test]
fn relative_dates_stay_unresolved_without_publication_date() {
    let all = dates("Le ministère a annoncé mardi un bilan, hier soir.", None);
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(|(_, v)| v.is_none()), "{all:?}");
}

#[test]
fn months_and_edges_of_months() {
    check(
        "Un cessez-le-feu a été négocié début novembre 2020.",
        THU,
        "début novembre 2020",
        "2020-11",
    );
    check(
        "Le conflit, déclenché fin septembre de l'année dernière, a duré six semaines.",
        "2021-11-16",
        "fin septembre de l'année dernière",
        "2020-09",
    );
    check(
        "La bibliothèque sera fermée en juillet.",
        "2022-06-20",
        "juillet",
        "2022-07",
    );
    check(
        "Les ventes ont chuté en septembre dernier.",
        "2022-02-09",
        "septembre dernier",
        "2021-09",
    );
    check(
        "La mine a rouvert mi-décembre.",
        "2022-01-10",
        "mi-décembre",
        "2021-12",
    );
    check(
        "Le chantier doit s'achever fin 2024.",
        THU,
        "fin 2024",
        "2024",
    );
    check(
        "La façade a été refaite à la fin de l'année dernière.",
        "2003-02-23",
        "la fin de l'année dernière",
        "2002",
    );
}

#[test]
fn years_and_decades() {
    check(
        "Le village compte une école depuis 1998.",
        THU,
        "1998",
        "1998",
    );
    check(
        "La crise des années 1990 a laissé des traces.",
        THU,
        "années 1990",
        "199X",
    );
    check(
        "On parlait alors des années 90 comme d'un âge d'or.",
        THU,
        "années 90",
        "199X",
    );
    check(
        "Dès l'année 2001, la commune a investi.",
        THU,
        "l'année 2001",
        "2001",
    );
    check(
        "Il est arrivé en octobre 98.",
        "2002-05-01",
        "octobre 98",
        "1998-10",
    );
}

#[test]
fn calendar_units_relative_to_publication() {
    check(
        "Les prix ont grimpé la semaine dernière.",
        "2022-08-04",
        "la semaine dernière",
        "2022-W30",
    );
    check(
        "Le projet sera présenté la semaine prochaine.",
        THU,
        "la semaine prochaine",
        "2022-W32",
    );
    check(
        "Les ventes ont reculé le mois dernier.",
        THU,
        "le mois dernier",
        "2022-07",
    );
    check(
        "L'an dernier, la récolte a été mauvaise.",
        THU,
        "L'an dernier",
        "2021",
    );
    check(
        "Cette année, la rentrée sera retardée.",
        THU,
        "Cette année",
        "2022",
    );
    check(
        "Le festival s'est achevé ce week-end.",
        "2003-02-04",
        "ce week-end",
        "2003-W05-WE",
    );
    check(
        "Le festival aura lieu ce week-end.",
        "2003-02-04",
        "ce week-end",
        "2003-W06-WE",
    );
}

#[test]
fn clock_times() {
    check(
        "« A partir de 17h30 (13h30GMT), un cessez-le-feu a été déclaré », a indiqué le ministère.",
        "2021-11-16",
        "17h30 (13h30GMT)",
        "2021-11-16T17:30",
    );
    check(
        "Le blessé a été transporté à l'hôpital mardi vers 21 h 45.",
        THU,
        "21 h 45",
        "2022-08-02T21:45",
    );
    check(
        "Vers 0 h 40, mercredi, deux voitures se sont percutées.",
        THU,
        "0 h 40",
        "2022-08-03T00:40",
    );
    check(
        "Le rassemblement est prévu à 15 heures.",
        THU,
        "15 heures",
        "2022-08-04T15:00",
    );
    check(
        "Hier, vers midi, la rue a été bloquée.",
        THU,
        "midi",
        "2022-08-03T12:00",
    );
    check(
        "Le bureau a ouvert vendredi. Les premiers clients sont entrés à 9 h.",
        THU,
        "9 h",
        "2022-07-29T09:00",
    );
}

#[test]
fn clock_without_context_is_not_a_duration() {
    let all = dates(
        "La grève a duré 24 heures et le vol a pris 12 heures.",
        Some(THU),
    );
    assert!(all.is_empty(), "{all:?}");
}

#[test]
fn durations_and_shifts() {
    check(
        "Ces villages étaient occupés depuis près de 30 ans.",
        "2021-11-16",
        "depuis près de 30 ans",
        "P30Y",
    );
    check(
        "Le pont a été fermé il y a trois jours.",
        THU,
        "il y a trois jours",
        "2022-08-01",
    );
    check(
        "Le verdict tombera dans deux semaines.",
        THU,
        "dans deux semaines",
        "2022-08-18",
    );
    check(
        "Il a été arrêté lundi. Deux jours plus tard, il a été libéré.",
        THU,
        "Deux jours plus tard",
        "2022-08-03",
    );
}

#[test]
fn vague_references() {
    check(
        "La situation est actuellement sous contrôle.",
        THU,
        "actuellement",
        "PRESENT_REF",
    );
    check(
        "Le pays compte maintenant dix régions.",
        THU,
        "maintenant",
        "PRESENT_REF",
    );
    check(
        "Auparavant, la route était fermée.",
        THU,
        "Auparavant",
        "PAST_REF",
    );
    check("Le club se réunit chaque mois.", THU, "chaque mois", "P1M");
}

#[test]
fn vague_counts_and_centuries() {
    check(
        "Le chantier a repris il y a quelques jours.",
        THU,
        "il y a quelques jours",
        "PAST_REF",
    );
    check(
        "Les prix ont baissé ces dernières semaines.",
        THU,
        "ces dernières semaines",
        "PAST_REF",
    );
    check(
        "Les réformes seront votées dans les semaines à venir.",
        THU,
        "les semaines à venir",
        "FUTURE_REF",
    );
    check("L'église date du XIIe siècle.", THU, "XIIe siècle", "11XX");
    check(
        "Le vote a eu lieu hier midi.",
        THU,
        "midi",
        "2022-08-03T12:00",
    );
}

#[test]
fn lists_share_their_month() {
    let text = "Le musée sera fermé lundi 20, mardi 21 avril.";
    check(text, "2026-04-10", "lundi 20", "2026-04-20");
    check(text, "2026-04-10", "mardi 21 avril", "2026-04-21");
    let text = "Le salon se tiendra du 3 au 5 mai.";
    check(text, "2022-04-20", "3", "2022-05-03");
    check(text, "2022-04-20", "5 mai", "2022-05-05");
    let text = "Les élections auront lieu les 6 et 13 avril prochains.";
    check(text, "2022-02-24", "les 6", "2022-04-06");
    check(text, "2022-02-24", "13 avril prochains", "2022-04-13");
}

#[test]
fn weekday_with_a_day_number_finds_its_month() {
    check(
        "Le conseil se réunira mercredi 13 à la mairie.",
        "2013-02-12",
        "mercredi 13",
        "2013-02-13",
    );
}

#[test]
fn seasons() {
    check("Les ventes augmentent en été.", THU, "été", "XXXX-SU");
    check(
        "Cet hiver, le chauffage coûtera plus cher.",
        "2022-10-04",
        "Cet hiver",
        "2022-WI",
    );
    check(
        "La digue a cédé au printemps 2019.",
        THU,
        "printemps 2019",
        "2019-SP",
    );
}

#[test]
fn anaphoric_days() {
    check(
        "Le verdict est tombé le 3 mars. La veille, l'accusé avait parlé.",
        THU,
        "La veille",
        "2022-03-02",
    );
    let all = dates(
        "La veille du scrutin, les bureaux étaient prêts.",
        Some(THU),
    );
    assert!(all.is_empty(), "{all:?}");
}

#[test]
fn offsets_are_char_boundaries_and_sentences_are_indexed() {
    let text = "Première phrase. Le ministère a déclaré mercredi qu’un soldat était mort.";
    let found = find_dates(text, &split(text), Some(THU));
    assert_eq!(found.len(), 1);
    let d = &found[0];
    assert_eq!(&text[d.start..d.end], "mercredi");
    assert_eq!(d.sentence, 1);
}

#[test]
fn published_date_inferred_only_when_plain() {
    assert_eq!(
        infer_published("Lyon, le 3 mai 2021\nLe conseil a voté.", &[]).as_deref(),
        Some("2021-05-03")
    );
    assert_eq!(infer_published("Le conseil a voté mardi.", &[]), None);
}

mod no_panic {
    use super::*;
    use proptest::prelude::*;

    fn check_offsets(text: &str, sentences: &[Sentence], published: Option<&str>) {
        for d in find_dates(text, sentences, published) {
            assert!(text.is_char_boundary(d.start) && text.is_char_boundary(d.end));
            assert!(d.start < d.end);
            assert_eq!(d.text, &text[d.start..d.end]);
        }
        let _ = infer_published(text, sentences);
    }

    proptest! {
        #[test]
        fn any_text(text in any::<String>(), published in proptest::option::of("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            check_offsets(&text, &one_line(&text), published.as_deref());
            check_offsets(&text, &[], published.as_deref());
        }

        #[test]
        fn date_like_text(words in proptest::collection::vec(prop_oneof![
            Just("le"), Just("1er"), Just("31"), Just("29"), Just("février"), Just("mardi"), Just("soir"),
            Just("17h30"), Just("("), Just("13h30GMT"), Just(")"), Just("la"), Just("nuit"), Just("de"),
            Just("à"), Just("au"), Just("et"), Just(","), Just("dernier"), Just("prochain"), Just("2020"),
            Just("98"), Just("depuis"), Just("près"), Just("ans"), Just("il"), Just("y"), Just("a"),
            Just("heures"), Just("midi"), Just("mi-décembre"), Just("l’année"), Just("é"), Just("\u{a0}"),
            Just("99999999999"), Just("/"), Just("-"), Just("semaine"), Just("h"), Just("les"), Just("années"),
        ], 0..24), published in proptest::option::of(prop_oneof![
            Just("2022-08-04"), Just("0001-01-01"), Just("9999-12-31"), Just("2020-02-29"), Just("garbage"),
        ])) {
            let text = words.join(" ");
            check_offsets(&text, &split(&text), published);
        }
    }

    #[test]
    fn sentences_beyond_the_text_are_ignored() {
        let text = "mardi 3 mai";
        let bogus = vec![Sentence {
            index: 0,
            text: String::new(),
            start: 5,
            end: 500,
        }];
        check_offsets(text, &bogus, Some(THU));
    }
}

#[test]
fn a_year_glued_to_the_next_word_is_still_the_year() {
    let found = dates(
        "Il l'avait déjà dit le 28 janvier 2009à la télévision.",
        Some("2013-02-25"),
    );
    assert!(
        found
            .iter()
            .any(|(_, v)| v.as_deref() == Some("2009-01-28")),
        "{found:?}"
    );
}

#[test]
fn adjectives_that_place_a_noun_in_time() {
    check(
        "Les prochaines législatives pourraient être avancées.",
        THU,
        "prochaines",
        "FUTURE_REF",
    );
    check(
        "Le directeur précédent avait fermé l'usine.",
        THU,
        "précédent",
        "PAST_REF",
    );
    check(
        "Des rodéos nocturnes inquiètent les riverains.",
        THU,
        "nocturnes",
        "TNI",
    );
    let all = dates("Une crue sans précédent a frappé la vallée.", Some(THU));
    assert!(all.is_empty(), "{all:?}");
    // a calendar word after it is read by the unit rules
    check(
        "Le conseil se réunira la semaine prochaine.",
        THU,
        "la semaine prochaine",
        "2022-W32",
    );
}

#[test]
fn today_in_a_general_sense() {
    check(
        "Aujourd'hui, le quartier a retrouvé son calme.",
        THU,
        "Aujourd'hui",
        "PRESENT_REF",
    );
    check(
        "Les villages d'aujourd'hui ressemblent peu à ceux d'hier.",
        THU,
        "aujourd'hui",
        "PRESENT_REF",
    );
    check(
        "Aujourd'hui, le conseil votera le budget.",
        THU,
        "Aujourd'hui",
        THU,
    );
    check(
        "Le couvre-feu s'applique à partir « d'aujourd'hui ».",
        THU,
        "aujourd'hui",
        THU,
    );
    check(
        "Les bus circulent à partir d'aujourd'hui.",
        THU,
        "aujourd'hui",
        THU,
    );
    check(
        "Le préfet se rend aujourd'hui à la mairie.",
        THU,
        "aujourd'hui",
        THU,
    );
}

#[test]
fn decades_and_centuries_as_timeml_writes_them() {
    check(
        "Le quartier a été bâti dans les années 1960.",
        THU,
        "les années 1960",
        "196X",
    );
    check("Ce moulin date du XIXe siècle.", THU, "XIXe siècle", "18XX");
}

#[test]
fn holidays_that_move_with_easter() {
    check(
        "La déchetterie restera fermée le lundi de Pâques.",
        "2022-03-10",
        "le lundi de Pâques",
        "2022-04-18",
    );
    check(
        "La fête du village avait eu lieu à la Pentecôte 2019.",
        THU,
        "la Pentecôte 2019",
        "2019-06-09",
    );
    check(
        "Les magasins seront ouverts le jeudi de l'Ascension.",
        "2023-05-02",
        "le jeudi de l'Ascension",
        "2023-05-18",
    );
    let all = dates("Il a réussi l'ascension du pic en six heures.", Some(THU));
    assert!(all.is_empty(), "{all:?}");
}

#[test]
fn fixed_holidays_follow_the_tense() {
    check(
        "Les résultats seront connus à la Toussaint.",
        THU,
        "la Toussaint",
        "2022-11-01",
    );
    check(
        "La crèche sera installée pour la Saint-Nicolas.",
        THU,
        "la Saint-Nicolas",
        "2022-12-06",
    );
}

#[test]
fn a_restricting_que_is_no_past() {
    check(
        "Les résultats ne seront publiés que lundi.",
        THU,
        "lundi",
        "2022-08-08",
    );
}

#[test]
fn a_weekday_without_tense_just_ahead_is_the_coming_one() {
    check(
        "Grande braderie samedi sur le port.",
        THU,
        "samedi",
        "2022-08-06",
    );
    check(
        "Marché nocturne mardi sur le port.",
        THU,
        "mardi",
        "2022-08-02",
    );
}

#[test]
fn a_month_takes_the_year_at_the_end_of_its_range() {
    check(
        "Les fouilles ont duré d'avril à juillet 2015.",
        THU,
        "avril",
        "2015-04",
    );
    check(
        "La route sera fermée entre mars et mai 2023.",
        THU,
        "mars",
        "2023-03",
    );
}

#[test]
fn a_year_opening_the_sentence_frames_its_months() {
    check(
        "En 2016, la rivière était sortie de son lit en février.",
        THU,
        "février",
        "2016-02",
    );
    check(
        "L'an dernier, la foire avait fermé ses portes en octobre.",
        THU,
        "octobre",
        "2021-10",
    );
    // a year inside the sentence is a comparison, not a frame
    check(
        "Le taux atteignait 60 % en 2014 et le vote a eu lieu en mars.",
        THU,
        "mars",
        "2022-03",
    );
}

#[test]
fn dates_of_a_habit_recur_every_year() {
    check(
        "Chaque année en mai, la confrérie défile dans le bourg.",
        THU,
        "mai",
        "XXXX-05",
    );
    check(
        "Pendant les mois d'hiver, et surtout entre le 20 décembre et le 5 janvier, la station affiche complet.",
        THU,
        "le 20 décembre",
        "XXXX-12-20",
    );
    // a habit word does not turn a dated report into a habit
    check(
        "Le musée, généralement fermé, a ouvert ses portes le 3 mai.",
        THU,
        "le 3 mai",
        "2022-05-03",
    );
}

#[test]
fn today_opening_a_sentence_inside_a_quotation() {
    check(
        "« Nous avons beaucoup travaillé. Aujourd'hui, le village a changé de visage », a-t-il dit.",
        THU,
        "Aujourd'hui",
        "PRESENT_REF",
    );
}

#[test]
fn a_frame_year_spares_quotations_and_stretches() {
    // a title in quotation marks keeps its own month
    check(
        "En 1990, il jouait dans « Rendez-vous en juin » au théâtre.",
        THU,
        "juin",
        "2022-06",
    );
    // "Depuis 1998," starts a stretch of time, it frames nothing
    check(
        "Depuis 1998, la foire se tient le premier dimanche de septembre.",
        THU,
        "septembre",
        "2022-09",
    );
    let all = dates("Le père Noël a défilé dans les rues.", Some(THU));
    assert!(all.is_empty(), "{all:?}");
}

#[test]
fn a_season_with_a_verb_is_one_season() {
    // Thursday 4 August 2022
    check(
        "Les travaux débuteront à l'automne.",
        THU,
        "l'automne",
        "2022-FA",
    );
    check(
        "Le chantier avait pris du retard au printemps.",
        THU,
        "printemps",
        "2022-SP",
    );
    check(
        "Le projet sera présenté au printemps.",
        THU,
        "printemps",
        "2023-SP",
    );
    // a habit or a present-tense truth keeps every year's season
    check(
        "Les ventes de glaces connaissent un pic en été.",
        THU,
        "été",
        "XXXX-SU",
    );
    check(
        "En 2016, le festival avait attiré moins de monde durant l'été.",
        THU,
        "l'été",
        "2016-SU",
    );
}
