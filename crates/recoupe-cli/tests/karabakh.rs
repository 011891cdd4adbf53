//! End to end on the real Karabakh corpus in `../shared` (skipped when it is absent):
//! what cleaning must remove, the titles, and one sentence per body line.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.join("corpus/karabakh").is_dir().then_some(p)
}

fn report() -> Option<Value> {
    let shared = shared()?;
    let corpus = shared.join("corpus/karabakh");
    let out = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .arg("analyze")
        .arg(&corpus)
        .arg("--meta")
        .arg(corpus.join("meta.jsonl"))
        .output()
        .expect("run recoupe");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("json report"))
}

fn doc<'a>(r: &'a Value, prefix: &str) -> &'a Value {
    r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"].as_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no document {prefix}"))
}

fn source_lines(prefix: &str) -> Vec<String> {
    let dir = shared().unwrap().join("corpus/karabakh");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap()
        .path();
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn five_documents_and_no_metadata_file_read_as_articles() {
    let Some(r) = report() else { return };
    assert_eq!(r["documents"].as_array().unwrap().len(), 5);
    assert!(
        r["problems"].as_array().unwrap().is_empty(),
        "{}",
        r["problems"]
    );
}

#[test]
fn debris_lines_are_removed() {
    let Some(r) = report() else { return };
    let t3 = doc(&r, "003")["text"].as_str().unwrap();
    let t4 = doc(&r, "004")["text"].as_str().unwrap();
    for gone in ["Ayelet Shaked", "22 Novembre 2024", "Source : AA"] {
        assert!(!t3.contains(gone), "003 still has {gone:?}");
    }
    for gone in [
        "© Sputnik",
        "S'abonner",
        "Fil d’actu",
        "Pour participer aux discussions",
        "loader",
        "Chat",
        "Заголовок",
        "Sergueï Lavrov - Sputnik Afrique",
    ] {
        assert!(!t4.contains(gone), "004 still has {gone:?}");
    }
    assert!(
        !t4.lines().any(|l| l.trim() == "0"),
        "004 still has the lone 0"
    );
}

#[test]
fn titles_and_credit_line() {
    let Some(r) = report() else { return };
    let d4 = doc(&r, "004");
    assert_eq!(d4["title"].as_str(), Some(source_lines("004")[0].as_str()));
    let d3 = doc(&r, "003");
    assert_ne!(d3["title"].as_str(), Some(source_lines("003")[0].as_str()));
    assert_eq!(d3["outlet"].as_str(), Some("AA"));
}

#[test]
fn every_body_line_of_the_wire_leads_is_one_sentence() {
    let Some(r) = report() else { return };
    for prefix in ["000", "001"] {
        let d = doc(&r, prefix);
        let sentences: Vec<&str> = d["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["text"].as_str().unwrap())
            .collect();
        let lines = source_lines(prefix);
        assert_eq!(sentences.len(), lines.len(), "{prefix}: {sentences:#?}");
        for line in &lines {
            assert!(
                sentences.contains(&line.as_str()),
                "{prefix}: {line:?} is not one sentence"
            );
        }
    }
    // 001 repeats one line: both copies stay.
    let lines = source_lines("001");
    let repeated = lines
        .iter()
        .find(|l| lines.iter().filter(|m| m == l).count() == 2)
        .expect("a repeated line");
    let d1 = doc(&r, "001");
    let n = d1["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["text"].as_str() == Some(repeated))
        .count();
    assert_eq!(n, 2);
}

#[test]
fn every_body_sentence_of_002_is_kept() {
    let Some(r) = report() else { return };
    let text = doc(&r, "002")["text"].as_str().unwrap().to_string();
    for line in source_lines("002") {
        assert!(text.contains(&line), "002 lost {line:?}");
    }
}

#[test]
fn sentence_offsets_point_into_text() {
    let Some(r) = report() else { return };
    for d in r["documents"].as_array().unwrap() {
        let text = d["text"].as_str().unwrap();
        for (i, s) in d["sentences"].as_array().unwrap().iter().enumerate() {
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(s["index"].as_u64().unwrap() as usize, i);
            assert_eq!(
                text.get(a..b),
                s["text"].as_str(),
                "{} sentence {i}",
                d["id"]
            );
        }
    }
}
