//! Ingest on the real French pages of `../shared/data` (skipped when that folder is
//! absent): the article text keeps the gold `with` snippets, and titles and dates match.
//! The full boilerplate score, after cleaning, is measured by `score_sets.py html` in CI.

use recoupe_ingest::{read_path, MetaTable};
use std::path::PathBuf;

fn shared_data(name: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(name);
    p.is_dir().then_some(p)
}

/// Lower case, one apostrophe, words separated by single spaces.
fn loose(s: &str) -> String {
    let s = s.to_lowercase().replace('\u{2019}', "'");
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn boilerplate_pages_keep_main_text_and_metadata() {
    let Some(dir) = shared_data("boilerplate_fr.dev") else {
        eprintln!("../shared/data/boilerplate_fr.dev is absent: skipped");
        return;
    };
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let (mut kept, mut wanted, mut titles, mut dates, mut with_title, mut with_date) =
        (0, 0, 0, 0, 0, 0);
    for (file, g) in gold.as_object().unwrap() {
        let results = read_path(&dir.join(file), &MetaTable::default());
        let a = results
            .into_iter()
            .next()
            .unwrap()
            .unwrap_or_else(|p| panic!("{p}"));
        assert!(a.from_html);
        let text = loose(&a.body);
        for s in g["with"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str())
        {
            wanted += 1;
            kept += usize::from(text.contains(&loose(s)));
        }
        if let Some(t) = g["title"].as_str().filter(|t| !t.is_empty()) {
            with_title += 1;
            titles += usize::from(a.title.as_deref().map(loose) == Some(loose(t)));
        }
        if let Some(d) = g["date"].as_str().filter(|d| !d.is_empty()) {
            with_date += 1;
            dates += usize::from(a.published.as_deref() == Some(d));
        }
    }
    eprintln!("with kept {kept}/{wanted}, titles {titles}/{with_title}, dates {dates}/{with_date}");
    assert!(kept * 10 >= wanted * 9, "with kept {kept}/{wanted}");
    assert!(
        titles * 10 >= with_title * 8,
        "titles {titles}/{with_title}"
    );
    assert!(dates * 10 >= with_date * 8, "dates {dates}/{with_date}");
}

#[test]
fn mercury_pages_titles_and_dates() {
    let Some(dir) = shared_data("mercury_fr") else {
        eprintln!("../shared/data/mercury_fr is absent: skipped");
        return;
    };
    // The expected values are read from the fixtures' test files, not written here.
    for page in ["www.lemonde.fr", "ici.radio-canada.ca"] {
        let js = std::fs::read_to_string(dir.join(format!("{page}.index.test.js"))).unwrap();
        let a = read_path(&dir.join(format!("{page}.html")), &MetaTable::default())
            .into_iter()
            .next()
            .unwrap()
            .unwrap();
        let title = a.title.unwrap_or_default();
        assert!(
            !title.is_empty() && js.contains(&title),
            "{page}: title {title:?}"
        );
        let date = a.published.unwrap_or_default();
        assert!(
            date.len() == 10
                && (js.contains(&format!("'{date}T")) || js.contains(&format!("`{date}T"))),
            "{page}: date {date:?}"
        );
    }
}
