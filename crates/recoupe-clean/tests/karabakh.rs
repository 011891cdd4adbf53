//! Cleaning of the Karabakh corpus in ../shared (skipped when it is absent): the page
//! debris of 003 and 004 goes, every body line of 000–002 stays.

use recoupe_clean::{clean, Cleaned, LineCensus};
use recoupe_model::Article;
use std::path::{Path, PathBuf};

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/karabakh");
    dir.is_dir().then_some(dir)
}

/// The articles of the corpus, with the outlet and date of `meta.jsonl`.
fn articles(dir: &Path) -> Vec<Article> {
    let meta = std::fs::read_to_string(dir.join("meta.jsonl")).unwrap_or_default();
    let meta: Vec<serde_json::Value> = meta
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let id = path.file_stem().unwrap().to_string_lossy().to_string();
            let row = meta.iter().find(|m| m["id"] == id.as_str());
            let field = |k: &str| row.and_then(|r| r[k].as_str()).map(String::from);
            Article {
                body: std::fs::read_to_string(path).expect("readable article"),
                outlet: field("outlet"),
                published: field("published"),
                id,
                ..Article::default()
            }
        })
        .collect()
}

fn cleaned_corpus() -> Option<Vec<(Article, Cleaned)>> {
    let Some(dir) = corpus_dir() else {
        eprintln!("skipped: ../shared/corpus/karabakh is absent");
        return None;
    };
    let articles = articles(&dir);
    let census = LineCensus::build(articles.iter().map(|a| a.body.as_str()));
    Some(
        articles
            .into_iter()
            .map(|a| {
                let c = clean(&a, &census);
                (a, c)
            })
            .collect(),
    )
}

fn find<'a>(docs: &'a [(Article, Cleaned)], prefix: &str) -> &'a (Article, Cleaned) {
    docs.iter()
        .find(|(a, _)| a.id.starts_with(prefix))
        .unwrap_or_else(|| panic!("document {prefix} in the corpus"))
}

fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// True when no line of the cleaned text starts with `start`.
fn gone(cleaned: &Cleaned, start: &str) -> bool {
    !lines(&cleaned.text).iter().any(|l| l.starts_with(start))
}

#[test]
fn debris_of_003_is_removed_and_the_source_names_the_outlet() {
    let Some(docs) = cleaned_corpus() else { return };
    let (article, cleaned) = find(&docs, "003_");
    let first = lines(&article.body)[0];
    for debris in [first, "- Le 22 Novembre 2024", "Source : AA"] {
        assert!(gone(cleaned, debris), "{debris:?} still in 003");
    }
    assert_ne!(cleaned.title.as_deref(), Some(first));
    assert_eq!(cleaned.outlet.as_deref(), Some("AA"));
    assert!(cleaned.text.starts_with("Les États-Unis ont exprimé"));
}

#[test]
fn debris_of_004_is_removed_and_its_first_line_is_the_title() {
    let Some(docs) = cleaned_corpus() else { return };
    let (article, cleaned) = find(&docs, "004_");
    let first = lines(&article.body)[0];
    assert_eq!(cleaned.title.as_deref(), Some(first));
    assert!(gone(cleaned, first));
    for debris in [
        "©",
        "Sergueï Lavrov - Sputnik",
        "S'abonner",
        "Conflit dans le Haut-Karabagh - Sputnik",
        "Conflit dans le Haut-Karabakh:",
        "Fil d",
        "0",
        "Pour participer aux discussions",
        "loader",
        "Chat",
        "Заголовок",
    ] {
        assert!(gone(cleaned, debris), "{debris:?} still in 004");
    }
    assert!(cleaned
        .text
        .contains("Les deux pays ont proclamé la loi martiale"));
    // Paragraph breaks survive.
    assert!(cleaned.text.contains("\n\n"));
}

#[test]
fn every_line_of_000_001_002_is_kept() {
    let Some(docs) = cleaned_corpus() else { return };
    for prefix in ["000_", "001_", "002_"] {
        let (article, cleaned) = find(&docs, prefix);
        assert_eq!(
            lines(&cleaned.text),
            lines(&article.body),
            "{prefix}: removed {:?}",
            cleaned.removed
        );
        assert!(
            cleaned.removed.is_empty(),
            "{prefix}: {:?}",
            cleaned.removed
        );
        assert_eq!(cleaned.title, None, "{prefix}");
    }
    // 001 holds one line twice; both copies stay.
    let (article, cleaned) = find(&docs, "001_");
    let body = lines(&article.body);
    let twice = body
        .iter()
        .find(|l| body.iter().filter(|m| m == l).count() == 2)
        .expect("a repeated line in 001");
    assert_eq!(
        lines(&cleaned.text).iter().filter(|l| *l == twice).count(),
        2
    );
    // 002's closing sentence about Reuters is body.
    let (_, cleaned) = find(&docs, "002_");
    assert!(cleaned
        .text
        .ends_with("Avec des informations supplémentaires de Reuters."));
}
