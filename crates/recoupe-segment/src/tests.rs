//! One test per segmentation rule, on made-up French sentences.

use super::split_sentences;

fn texts(input: &str) -> Vec<String> {
    let sentences = split_sentences(input);
    for s in &sentences {
        assert_eq!(s.text, &input[s.start..s.end], "offsets of {:?}", s.text);
    }
    sentences.into_iter().map(|s| s.text).collect()
}

fn assert_split(input: &str, expected: &[&str]) {
    assert_eq!(texts(input), expected, "input: {input:?}");
}

fn assert_one(input: &str) {
    assert_split(input, &[input.trim()]);
}

#[test]
fn empty_and_blank_inputs_give_nothing() {
    assert!(split_sentences("").is_empty());
    assert!(split_sentences(" \n\n\t \r\n").is_empty());
}

#[test]
fn indexes_and_offsets() {
    let input = "  Le train part.  Il pleut.\n";
    let sentences = split_sentences(input);
    assert_eq!(sentences.len(), 2);
    assert_eq!(
        (sentences[0].index, sentences[0].start, sentences[0].end),
        (0, 2, 16)
    );
    assert_eq!(
        (sentences[1].index, &sentences[1].text[..]),
        (1, "Il pleut.")
    );
}

#[test]
fn plain_periods_split() {
    assert_split(
        "Le marché ouvre à huit heures. Les clients arrivent tôt. Tout est vendu à midi.",
        &[
            "Le marché ouvre à huit heures.",
            "Les clients arrivent tôt.",
            "Tout est vendu à midi.",
        ],
    );
}

#[test]
fn line_break_ends_a_sentence_without_period() {
    assert_split(
        "Le préfet a ordonné l'évacuation du quartier\nLes pompiers luttent toujours contre le feu\r\nAucune victime n'est à déplorer",
        &[
            "Le préfet a ordonné l'évacuation du quartier",
            "Les pompiers luttent toujours contre le feu",
            "Aucune victime n'est à déplorer",
        ],
    );
}

#[test]
fn line_break_ends_a_sentence_even_mid_phrase() {
    assert_split(
        "Le maire de la\nville a parlé.",
        &["Le maire de la", "ville a parlé."],
    );
}

#[test]
fn paragraphs_split() {
    assert_split(
        "Premier paragraphe ici.\n\nSecond paragraphe là.",
        &["Premier paragraphe ici.", "Second paragraphe là."],
    );
}

#[test]
fn dashes_and_bullets_at_line_start_start_a_sentence() {
    assert_split(
        "Les mesures annoncées :\n- la fermeture des écoles\n– le couvre-feu à 20 heures\n• la gratuité des masques",
        &[
            "Les mesures annoncées :",
            "- la fermeture des écoles",
            "– le couvre-feu à 20 heures",
            "• la gratuité des masques",
        ],
    );
}

#[test]
fn guillemets_followed_by_attribution_stay_one_sentence() {
    assert_one("« Nous restons très attentifs. Nous sommes inquiets », a-t-il affirmé lundi.");
}

#[test]
fn two_attributed_quotes_give_two_sentences() {
    assert_split(
        "« Nous restons attentifs. La situation évolue », a-t-il affirmé lundi. « Nous appelons au calme », a-t-il ajouté.",
        &[
            "« Nous restons attentifs. La situation évolue », a-t-il affirmé lundi.",
            "« Nous appelons au calme », a-t-il ajouté.",
        ],
    );
}

#[test]
fn english_curly_and_straight_quotes_with_attribution() {
    assert_one("“Le calme revient. La ville dort”, a confié un habitant.");
    assert_one("\"Tout va bien. Rien à signaler\", a assuré le préfet.");
}

#[test]
fn closing_guillemet_then_capital_splits_after_the_mark() {
    assert_split(
        "« Première idée. » Deuxième idée ici.",
        &["« Première idée. »", "Deuxième idée ici."],
    );
    assert_split(
        "Il a lancé : « Nous partirons demain. » Le lendemain, personne ne bougea.",
        &[
            "Il a lancé : « Nous partirons demain. »",
            "Le lendemain, personne ne bougea.",
        ],
    );
}

#[test]
fn quote_without_space_inside_guillemets() {
    assert_one("«Le pont est fermé. Il rouvrira lundi», a indiqué la mairie.");
}

#[test]
fn nested_quotes_stay_inside_the_sentence() {
    assert_split(
        "« Il a parlé d'une “crise grave. Très grave” hier. Rien de plus », dit-elle. Ensuite, le calme.",
        &["« Il a parlé d'une “crise grave. Très grave” hier. Rien de plus », dit-elle.", "Ensuite, le calme."],
    );
}

#[test]
fn unclosed_quote_does_not_swallow_the_line_or_the_document() {
    assert_split(
        "Il a crié « Non. Jamais. Une autre phrase suit. Et encore une.",
        &[
            "Il a crié « Non.",
            "Jamais.",
            "Une autre phrase suit.",
            "Et encore une.",
        ],
    );
    let doc =
        "Il a dit « rien ne change.\n\nLe lendemain, la neige est tombée. Les routes sont coupées.";
    let out = texts(doc);
    assert_eq!(
        &out[1..],
        [
            "Le lendemain, la neige est tombée.",
            "Les routes sont coupées."
        ]
    );
}

#[test]
fn question_and_exclamation_end_sentences() {
    assert_split(
        "Pourquoi partir maintenant ? Personne ne le sait ! La réunion continue.",
        &[
            "Pourquoi partir maintenant ?",
            "Personne ne le sait !",
            "La réunion continue.",
        ],
    );
}

#[test]
fn question_or_exclamation_inside_attributed_quote_continues() {
    assert_split(
        "« Qui peut encore le croire ?», a-t-il demandé. « Assez !», a-t-il dit ensuite.",
        &[
            "« Qui peut encore le croire ?», a-t-il demandé.",
            "« Assez !», a-t-il dit ensuite.",
        ],
    );
    assert_one("« Assez ! » a lancé le maire devant la foule.");
}

#[test]
fn french_spacing_before_question_mark() {
    assert_split(
        "Faut-il\u{a0}rester\u{202f}? Les avis divergent.",
        &["Faut-il\u{a0}rester\u{202f}?", "Les avis divergent."],
    );
}

#[test]
fn ellipsis_then_lowercase_continues() {
    assert_one("Il hésita... puis reprit la route vers le nord.");
    assert_one("Elle attendit… à peine une minute.");
    assert_split(
        "Rien ne bougeait... Puis la porte s'ouvrit.",
        &["Rien ne bougeait...", "Puis la porte s'ouvrit."],
    );
}

#[test]
fn parentheses_brackets_and_elisions_do_not_split() {
    assert_one("Le bilan (...) reste lourd pour la région.");
    assert_one("Les secours [...] sont arrivés sur place dans la nuit.");
    assert_one("Il avait prévenu (voir plus haut. Rien ne change) que le projet échouerait.");
}

#[test]
fn titles_do_not_split() {
    assert_split(
        "M. Dupont et Mme Martin sont venus. MM. Durand et Leroy aussi, avec Mmes Petit et Blanc.",
        &[
            "M. Dupont et Mme Martin sont venus.",
            "MM. Durand et Leroy aussi, avec Mmes Petit et Blanc.",
        ],
    );
    assert_one("Le Dr. Roux et le Pr. Morel ont signé la tribune.");
    assert_one("La rue St. Michel croise la place Ste. Marie.");
}

#[test]
fn reference_abbreviations_do_not_split() {
    assert_one("Le texte, cf. p. 12 du vol. 3, reste flou.");
    assert_one("Il cite Le Monde, cf. Le Figaro du jour.");
    assert_one("Le n° 3 du classement, c.-à-d. le plus lent, a abandonné.");
}

#[test]
fn title_after_a_period_without_space() {
    assert_split(
        "Le maire a parlé.M. Girard a répondu aussitôt.",
        &["Le maire a parlé.", "M. Girard a répondu aussitôt."],
    );
}

#[test]
fn etc_ends_a_sentence_only_before_a_capital() {
    assert_one("Ils ont vendu des pommes, des poires, etc. pendant tout l'été.");
    assert_split(
        "Ils ont vendu des pommes, des poires, etc. Le marché a fermé tôt.",
        &[
            "Ils ont vendu des pommes, des poires, etc.",
            "Le marché a fermé tôt.",
        ],
    );
}

#[test]
fn era_abbreviation_and_hyphenated_initials() {
    assert_one("La cité fut fondée en 753 av. J.-C. à ce qu'on raconte.");
    assert_one("Le texte date du IIe siècle apr. J.-C. selon les historiens.");
}

#[test]
fn month_abbreviations() {
    assert_one("La réunion du 5 janv. 2021 et celle du 12 févr. 2022 ont échoué.");
    assert_one("Le 14 sept. dernier, le conseil a voté.");
    assert_split(
        "Ils étaient sept. Le huitième est arrivé plus tard.",
        &["Ils étaient sept.", "Le huitième est arrivé plus tard."],
    );
}

#[test]
fn metre_is_not_the_title_m() {
    assert_split(
        "Le mur mesure 3 m. Le toit est plat.",
        &["Le mur mesure 3 m.", "Le toit est plat."],
    );
}

#[test]
fn single_capital_initials_do_not_split() {
    assert_one("Le ministre Paul R. Girard est attendu lundi.");
    assert_one("Le député J.-L. Moreau a répondu aux questions.");
    assert_one("Selon É. Fournier, le vote est reporté.");
    assert_one("J. Lambert a quitté la réunion.");
}

#[test]
fn dotted_acronyms_do_not_split() {
    assert_one("Les U.S.A. et l'O.N.U. ont réagi dans la soirée.");
    assert_one("Le P.-D.G. du groupe a démissionné.");
}

#[test]
fn numbers_with_spaces_dots_and_commas_do_not_split() {
    assert_one(
        "Il y a eu 6 500 victimes, 1.440 blessés et 30.000 déplacés, soit 3,5 % de la population.",
    );
    assert_one("Le chiffre atteint 12.5 points.");
}

#[test]
fn times_and_dates_do_not_split() {
    assert_one("À 17h30 (13h30GMT), le vote a repris jusqu'à 20H05 GMT.");
    assert_one("Le décret du 15.11.2021 entre en vigueur.");
    assert_one("Le 1er. mai, les cortèges ont défilé.");
}

#[test]
fn ordinal_ending_a_sentence_splits() {
    assert_split(
        "Il a fini 2e. Son frère a abandonné.",
        &["Il a fini 2e.", "Son frère a abandonné."],
    );
}

#[test]
fn urls_and_emails_do_not_split() {
    assert_one("Le dossier est sur www.exemple.fr depuis lundi.");
    assert_one("Écrivez à contact.presse@exemple.fr pour un rendez-vous.");
    assert_one("Voir https://www.exemple.fr/Dossiers/Rapport.Final pour le détail.");
    assert_split(
        "Le site est www.exemple.fr. Il ouvre demain.",
        &["Le site est www.exemple.fr.", "Il ouvre demain."],
    );
}

#[test]
fn period_before_a_dash_item_splits() {
    assert_split(
        "Le port du masque est imposé.- Vaccins : les doses arrivent.",
        &[
            "Le port du masque est imposé.",
            "- Vaccins : les doses arrivent.",
        ],
    );
}

#[test]
fn period_then_lowercase_continues() {
    assert_one("Il habite av. des Tilleuls. dans le centre.");
}

#[test]
fn sentence_never_starts_with_a_closing_mark() {
    for input in [
        "Elle est partie. » Puis il est venu.",
        "Il a dit « oui. » Puis il est parti.",
        "Le vote est clos.\n» Reprise des débats demain.",
        "Tout est calme.\n) note",
        "Une phrase. \" Une autre.",
        "Il dit: «Non.»\n, ajoute-t-il.",
    ] {
        for s in split_sentences(input) {
            let first = s.text.chars().next().unwrap();
            assert!(
                !"»”’),;:.!?…".contains(first),
                "{input:?} gave {:?}",
                s.text
            );
        }
    }
}

#[test]
fn closing_mark_does_not_join_across_a_blank_line() {
    assert_split(
        "Premier paragraphe.\n\n» Second.",
        &["Premier paragraphe.", "» Second."],
    );
}

#[test]
fn multibyte_text_keeps_char_boundaries() {
    let input = "Ça été dur ! Œuvre d’art… 日本語。 Fin.";
    for s in split_sentences(input) {
        assert!(input.is_char_boundary(s.start) && input.is_char_boundary(s.end));
    }
}
