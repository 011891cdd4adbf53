//! Pages built in the shapes that make a main-text extractor lose the article or keep
//! the wrong text: the article inside a list of teasers, in plain `<div>`s without an
//! `<article>`, followed by a long thread of reader comments, or cut by a paywall. Each
//! page must keep every paragraph of its article and none of the teasers or comments
//! around it (lines of site furniture, such as a footer's links, are the cleaning
//! stage's to judge).

use recoupe_ingest::parse_bytes;

/// The article: eight paragraphs of ordinary news prose.
const ARTICLE: [&str; 8] = [
    "Le conseil départemental a voté jeudi soir, après près de quatre heures de débats, le plan de rénovation des collèges qui doit s'étaler sur les dix prochaines années.",
    "Le projet prévoit la reconstruction complète de six établissements et la remise aux normes énergétiques de vingt-deux autres, pour un montant total estimé à 410 millions d'euros.",
    "Pour la présidente de l'assemblée, il s'agit « du plus gros investissement jamais consenti par la collectivité », un effort qu'elle juge indispensable face au vieillissement des bâtiments.",
    "L'opposition, qui s'est abstenue, a dénoncé un calendrier trop lent et réclamé que les collèges des zones rurales passent en priorité, plusieurs d'entre eux n'ayant pas été rénovés depuis les années 1970.",
    "Les syndicats d'enseignants saluent de leur côté un plan attendu depuis longtemps, tout en s'inquiétant des conditions dans lesquelles les élèves suivront les cours pendant la durée des chantiers.",
    "Des bâtiments modulaires seront installés dans les cours de récréation des établissements concernés, a précisé le vice-président chargé de l'éducation, qui promet une concertation avec chaque équipe.",
    "Les premiers travaux doivent commencer à l'automne prochain dans deux collèges de l'agglomération, où les infiltrations d'eau et les problèmes de chauffage se sont multipliés ces derniers hivers.",
    "Le financement reposera pour moitié sur l'emprunt, le reste provenant des économies réalisées sur le fonctionnement et d'une participation de l'État dans le cadre du plan de relance.",
];

/// Site furniture around every page.
fn page(main: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Collèges : un plan de 410 millions voté - Le Journal du Val</title></head><body>\
<div class=\"top\"><a href=\"/\">Le Journal du Val</a><ul><li><a href=\"/politique\">Politique</a></li><li><a href=\"/societe\">Société</a></li><li><a href=\"/sport\">Sport</a></li><li><a href=\"/culture\">Culture</a></li></ul></div>\
{main}\
<div class=\"bas\"><p><a href=\"/contact\">Contact</a> | <a href=\"/mentions\">Mentions légales</a> | <a href=\"/cgu\">Conditions d'utilisation</a></p><p>© Le Journal du Val 2024</p></div></body></html>"
    )
}

fn paragraphs(from: usize, to: usize) -> String {
    ARTICLE[from..to]
        .iter()
        .map(|p| format!("<p>{p}</p>"))
        .collect()
}

/// Other stories, each a linked title and a one-sentence summary.
fn teasers(n: usize) -> Vec<String> {
    let subjects = [
        "La piscine municipale fermera tout l'été pour travaux de mise aux normes",
        "Un nouveau marché de producteurs s'installe le samedi matin place du Foirail",
        "Le club de handball monte en nationale après une saison sans défaite",
        "La ligne de bus 12 sera prolongée jusqu'à la zone d'activités dès septembre",
        "Un incendie a détruit un hangar agricole dans la nuit de mardi à mercredi",
        "Les inscriptions au festival de théâtre amateur sont ouvertes jusqu'au 15 mai",
        "La médiathèque propose des ateliers numériques gratuits pour les seniors",
        "Le chantier du contournement routier prend trois mois de retard",
        "Une exposition retrace un siècle d'histoire ouvrière dans la vallée",
        "La préfecture maintient les restrictions d'eau dans tout le département",
    ];
    (0..n)
        .map(|i| {
            let s = subjects[i % subjects.len()];
            format!(
                "<a href=\"/info/{i}\"><h3>{s}</h3></a><p>{s}, ont annoncé les responsables lors d'une réunion publique organisée en début de semaine.</p>"
            )
        })
        .collect()
}

/// What readers wrote under the article, with the usual buttons.
fn comments(n: usize) -> Vec<String> {
    let words = [
        "Enfin une bonne nouvelle pour nos enfants, le collège de mon fils tombe littéralement en ruine depuis des années et personne ne bougeait.",
        "Dix ans c'est beaucoup trop long, les élèves d'aujourd'hui auront quitté le collège bien avant la fin des travaux, comme d'habitude.",
        "Et qui va payer tout cela au final ? Encore le contribuable, alors que les impôts locaux ont déjà augmenté deux fois depuis le début du mandat.",
        "Je suis enseignante dans un des collèges concernés et je peux vous dire que les conditions de travail sont devenues franchement indignes.",
        "Les bâtiments modulaires, on connaît, ils devaient être provisoires dans ma commune et ils sont toujours là quinze ans plus tard.",
    ];
    (0..n)
        .map(|i| {
            format!(
                "<div class=\"c\"><div class=\"h\"><strong>Lecteur{i}</strong> <span>le 1{}/03/2024 à 1{}h{}2</span></div><p>{}</p><div class=\"a\"><a href=\"#r{i}\">Répondre</a> <a href=\"#s{i}\">Signaler un abus</a></div></div>",
                i % 10,
                i % 10,
                i % 6,
                words[i % words.len()]
            )
        })
        .collect()
}

fn body_of(html: &str) -> String {
    let a = parse_bytes("page.html", html.as_bytes())
        .into_iter()
        .next()
        .expect("one result")
        .unwrap_or_else(|p| panic!("{}", p.reason));
    a.body
}

fn assert_article(body: &str) {
    for p in ARTICLE {
        assert!(body.contains(p), "lost {p:?} from:\n{body}");
    }
}

fn assert_without(body: &str, furniture: &[&str]) {
    for f in furniture {
        assert!(!body.contains(f), "kept {f:?} in:\n{body}");
    }
}

#[test]
fn article_inside_a_list_of_teasers() {
    let mut items: Vec<String> = teasers(9)
        .into_iter()
        .map(|t| format!("<li class=\"item\">{t}</li>"))
        .collect();
    items.insert(
        4,
        format!(
            "<li class=\"item\"><h1>Collèges : un plan de 410 millions voté</h1><div class=\"desc\">{}</div></li>",
            paragraphs(0, 8)
        ),
    );
    let html = page(&format!(
        "<div class=\"liste\"><ul>{}</ul></div>",
        items.concat()
    ));
    let body = body_of(&html);
    assert_article(&body);
    assert_without(
        &body,
        &[
            "La piscine municipale fermera",
            "ont annoncé les responsables",
        ],
    );
}

#[test]
fn article_in_plain_divs() {
    let side: String = teasers(6)
        .into_iter()
        .map(|t| format!("<div class=\"z4\">{t}</div>"))
        .collect();
    let html = page(&format!(
        "<div class=\"z1\"><div class=\"z2\"><h1>Collèges : un plan de 410 millions voté</h1><div class=\"z3\">Par Jeanne Martin, le 14 mars 2024</div><div class=\"z5\">{}</div><div class=\"z5\">{}</div></div><div class=\"z6\">{side}</div></div>",
        paragraphs(0, 4),
        paragraphs(4, 8)
    ));
    let body = body_of(&html);
    assert_article(&body);
    assert_without(
        &body,
        &[
            "La piscine municipale fermera",
            "ont annoncé les responsables",
        ],
    );
}

/// A rail of other stories beside the article.
fn rail() -> String {
    let items: String = teasers(12)
        .into_iter()
        .map(|t| format!("<div class=\"item\">{t}</div>"))
        .collect();
    format!("<div class=\"rail\">{items}</div>")
}

#[test]
fn article_in_a_div_named_like_page_furniture() {
    // Named as a sidebar, the article's container is discarded by the extractor, which
    // then keeps the rail of teasers instead.
    for name in [
        "sidebar-text",
        "share-text",
        "teaser-content",
        "widget-text",
    ] {
        let html = page(&format!(
            "<div class=\"wrap\"><h1>Collèges : un plan de 410 millions voté</h1><div class=\"{name}\">{}</div></div>{}",
            paragraphs(0, 8),
            rail()
        ));
        let body = body_of(&html);
        assert_article(&body);
        assert_without(
            &body,
            &[
                "La piscine municipale fermera",
                "ont annoncé les responsables",
            ],
        );
    }
}

#[test]
fn article_whose_lede_alone_is_in_the_article_element() {
    for name in ["extra-texte", "related-text", "widget-text"] {
        let html = page(&format!(
            "<article><h1>Collèges : un plan de 410 millions voté</h1><p class=\"chapo\">{} {}</p></article><div class=\"{name}\">{}</div>{}",
            ARTICLE[0],
            ARTICLE[1],
            paragraphs(2, 8),
            rail()
        ));
        let body = body_of(&html);
        assert_article(&body);
        assert_without(
            &body,
            &[
                "La piscine municipale fermera",
                "ont annoncé les responsables",
            ],
        );
    }
}

#[test]
fn lede_kept_apart_from_the_body_stays_in_front() {
    for name in ["related-text", "widget-text"] {
        let html = page(&format!(
            "<div class=\"art\"><div class=\"head\"><div class=\"in\"><h1>Collèges : un plan de 410 millions voté</h1><p class=\"chapo\">{} {}</p></div></div><div class=\"by\">Par <a href=\"/auteur/jm\">Jeanne Martin</a></div><div class=\"row\"><div class=\"{name}\">{}</div></div></div>{}",
            ARTICLE[0],
            ARTICLE[1],
            paragraphs(2, 8),
            rail()
        ));
        let body = body_of(&html);
        assert_article(&body);
        assert!(body.starts_with(ARTICLE[0]), "{name}: {body}");
        assert_without(&body, &["La piscine municipale fermera"]);
    }
}

#[test]
fn article_as_text_lines_in_a_div() {
    let html = page(&format!(
        "<div class=\"z1\"><h1>Collèges : un plan de 410 millions voté</h1><div class=\"z2\">{}</div></div>",
        ARTICLE.join("<br><br>\n")
    ));
    let body = body_of(&html);
    assert_article(&body);
    assert_without(&body, &["Mentions légales"]);
}

#[test]
fn long_unnamed_comment_thread_is_cut() {
    let html = page(&format!(
        "<div class=\"z1\"><h1>Collèges : un plan de 410 millions voté</h1><div class=\"z2\">{}</div><div class=\"z7\"><h3>42 réactions</h3><div class=\"z8\">{}</div></div></div>",
        paragraphs(0, 8),
        comments(24).concat()
    ));
    let body = body_of(&html);
    assert_article(&body);
    assert_without(
        &body,
        &[
            "Enfin une bonne nouvelle pour nos enfants",
            "Encore le contribuable",
            "Signaler un abus",
        ],
    );
}

#[test]
fn comment_thread_longer_than_a_short_article_is_cut() {
    let html = page(&format!(
        "<div class=\"z1\"><h1>Collèges : un plan de 410 millions voté</h1><div class=\"z2\">{}</div><ol class=\"z8\">{}</ol></div>",
        paragraphs(0, 3),
        comments(40)
            .into_iter()
            .map(|c| format!("<li>{c}</li>"))
            .collect::<String>()
    ));
    let body = body_of(&html);
    for p in &ARTICLE[..3] {
        assert!(body.contains(p), "lost {p:?} from:\n{body}");
    }
    assert_without(
        &body,
        &[
            "Enfin une bonne nouvelle pour nos enfants",
            "Encore le contribuable",
        ],
    );
}

#[test]
fn named_comment_section_is_cut() {
    let html = page(&format!(
        "<article><h1>Collèges : un plan de 410 millions voté</h1>{}</article><section id=\"commentaires\"><h2>Commentaires</h2>{}</section>",
        paragraphs(0, 8),
        comments(12).concat()
    ));
    let body = body_of(&html);
    assert_article(&body);
    assert_without(
        &body,
        &[
            "Enfin une bonne nouvelle pour nos enfants",
            "Encore le contribuable",
        ],
    );
}

#[test]
fn paywall_teaser_keeps_its_lede_and_nothing_else() {
    let related: String = teasers(10)
        .into_iter()
        .map(|t| format!("<div class=\"z9\">{t}</div>"))
        .collect();
    let html = page(&format!(
        "<div class=\"z1\"><h1>Collèges : un plan de 410 millions voté</h1><div class=\"z2\">{}<div class=\"z3\"><p>Cet article est réservé aux abonnés. Il vous reste 80% de l'article à lire.</p><p><a href=\"/abo\">Je m'abonne</a> Déjà abonné ? <a href=\"/login\">Se connecter</a></p></div></div><div class=\"z4\"><h2>À lire aussi</h2>{related}</div></div>",
        paragraphs(0, 2)
    ));
    let body = body_of(&html);
    for p in &ARTICLE[..2] {
        assert!(body.contains(p), "lost {p:?} from:\n{body}");
    }
    assert_without(
        &body,
        &[
            "La piscine municipale fermera",
            "ont annoncé les responsables",
        ],
    );
}

#[test]
fn page_drawn_by_script_keeps_the_article_it_declares() {
    // The page shows only its lede; the whole text is in its JSON-LD.
    let ld = serde_json::json!({
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Le Journal du Val"},
            {"@type": "NewsArticle", "headline": "Collèges : un plan de 410 millions voté",
             "articleBody": ARTICLE.join("\n")}
        ]
    });
    let html = page(&format!(
        "<script type=\"application/ld+json\">{ld}</script><div id=\"app\"><h1>Collèges : un plan de 410 millions voté</h1><p class=\"chapo\">{}</p><div class=\"loading\">Chargement…</div></div>{}",
        ARTICLE[0],
        rail()
    ));
    let body = body_of(&html);
    assert_article(&body);
    assert!(
        body.contains(&format!("{}\n\n{}", ARTICLE[1], ARTICLE[2])),
        "{body}"
    );
    assert_without(&body, &["La piscine municipale fermera"]);
}

#[test]
fn long_cookie_notice_never_replaces_a_short_article() {
    let notice: String = [
        "Nous utilisons des cookies et des technologies similaires pour mesurer l'audience de ce site, vous proposer des contenus et des publicités adaptés.",
        "Vous pouvez accepter ou refuser ces traceurs, et modifier vos choix à tout moment depuis la page consacrée à la protection de la vie privée.",
        "Certains de nos partenaires traitent vos données sur la base de leur intérêt légitime, auquel vous pouvez vous opposer en paramétrant vos choix.",
        "Les données collectées peuvent inclure votre adresse IP, des identifiants de votre terminal et des informations sur votre navigation sur le site.",
        "Votre consentement est valable pour une durée de treize mois, au terme de laquelle nous vous le demanderons à nouveau lors de votre visite.",
    ]
    .iter()
    .map(|p| format!("<p>{p}</p>"))
    .collect();
    for wrapper in [
        "<div class=\"bandeau-cc\" role=\"dialog\">",
        "<div id=\"consent-box\">",
        "<div class=\"z9\">",
    ] {
        let html = page(&format!(
            "<div class=\"z1\"><h1>Collèges : un plan de 410 millions voté</h1><div class=\"z2\">{}</div></div>{wrapper}{notice}</div>",
            paragraphs(0, 2)
        ));
        let body = body_of(&html);
        for p in &ARTICLE[..2] {
            assert!(body.contains(p), "{wrapper}: lost {p:?} from:\n{body}");
        }
    }
}

#[test]
fn bad_pages_give_an_error_or_text_never_a_panic() {
    let deep = "<div>".repeat(2000) + ARTICLE[0] + &"</div>".repeat(2000);
    let deep_item = format!(
        "<li>{}Lecteur le 12/03 à 14h32 Répondre Signaler. {}{}</li>",
        "<div>".repeat(1500),
        ARTICLE[1],
        "</div>".repeat(1500)
    );
    let cases = [
        String::new(),
        format!("<ul>{}</ul>", deep_item.repeat(3)),
        "<html><body><ul><li>Répondre</li><li>Répondre</li><li>Répondre</li></ul></body></html>"
            .to_string(),
        deep,
        "<div class=\"comments\"><p>".repeat(300),
        format!(
            "<html><body><div>{}</div>",
            "<p>a, b, c, d, e, f, g, h, i, j, k.</p>".repeat(2000)
        ),
    ];
    for html in cases {
        for r in parse_bytes("page.html", html.as_bytes()) {
            match r {
                Ok(a) => assert!(!a.body.trim().is_empty()),
                Err(p) => assert!(!p.reason.is_empty() && !p.reason.contains('\n')),
            }
        }
    }
}
