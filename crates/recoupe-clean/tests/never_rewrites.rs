//! Property: cleaning never panics and only removes lines — every line of the cleaned
//! text is a (trimmed) line of the input, and the title too.

use proptest::prelude::*;
use recoupe_clean::{clean, detect_language, LineCensus};
use recoupe_model::Article;

/// Lines mixing prose, interface words, credits, dates, other scripts and odd characters.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-zÀ-ÿ' ,.;:!?«»()0-9-]{0,80}",
        Just("S'abonner".to_string()),
        Just("© Photo : Jean Martin".to_string()),
        Just("Source : AFP".to_string()),
        Just("- Le 3 mai 2024".to_string()),
        Just("Заголовок".to_string()),
        Just("Le conseil a voté le budget de la commune hier soir.".to_string()),
        Just("Lire aussi : un autre titre".to_string()),
        "\\PC{0,40}",
        Just(String::new()),
        Just("   ".to_string()),
    ]
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..25).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #[test]
    fn cleaning_only_removes_lines(bodies in prop::collection::vec(body(), 1..4), html in any::<bool>(), title in prop::option::of("[A-Za-z ]{0,30}")) {
        let census = LineCensus::build(bodies.iter().map(String::as_str));
        for b in &bodies {
            let article = Article { id: "p".into(), body: b.clone(), from_html: html, title: title.clone(), ..Article::default() };
            let cleaned = clean(&article, &census);
            let input: Vec<&str> = b.lines().map(str::trim).collect();
            for out in cleaned.text.lines() {
                prop_assert!(out.is_empty() || input.contains(&out), "rewritten line {:?}", out);
                prop_assert_eq!(out, out.trim());
            }
            prop_assert!(!cleaned.text.contains("\n\n\n"));
            if title.is_none() {
                if let Some(t) = &cleaned.title {
                    prop_assert!(input.contains(&t.as_str()));
                }
            }
            let _ = detect_language(&cleaned.text);
        }
    }
}
