//! Bad inputs: each gets one line on stderr naming it, the other inputs are still
//! analysed, and the exit code says whether anything was.

use std::path::Path;
use std::process::{Command, Output};

const GOOD: &str = "Le maire a inauguré le pont mardi. « Il tiendra cent ans », a-t-il assuré.\n";

fn run(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .arg("analyze")
        .args(args)
        .output()
        .expect("run recoupe")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ids(o: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json on stdout");
    v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect()
}

/// Asserts that `bad` is reported on one stderr line that names it, and that the good
/// input beside it is still analysed.
fn reported_beside_a_good_one(name: &str, content: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    let bad = dir.path().join(name);
    std::fs::write(&bad, content).unwrap();
    let out = run(&[&good, &bad]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(ids(&out), ["good"]);
    let err = stderr(&out);
    let line = err
        .lines()
        .find(|l| l.contains(name))
        .unwrap_or_else(|| panic!("no line names {name}: {err}"));
    assert!(!err.contains("panicked"), "{err}");
    line.to_string()
}

#[test]
fn missing_path() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    let out = run(&[&good, &dir.path().join("absent.txt")]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("absent.txt"));
}

#[test]
fn binary_file() {
    let line = reported_beside_a_good_one("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01");
    assert!(line.to_lowercase().contains("binary"), "{line}");
}

#[test]
fn invalid_utf8() {
    let line = reported_beside_a_good_one("latin.txt", b"Le pr\xe9fet a parl\xe9 hier soir.\n");
    assert!(line.contains("UTF-8"), "{line}");
}

#[test]
fn empty_file() {
    let line = reported_beside_a_good_one("vide.txt", b"   \n\n");
    let l = line.to_lowercase();
    assert!(
        l.contains("empty") || l.contains("only whitespace"),
        "{line}"
    );
}

#[test]
fn malformed_jsonl_line_keeps_the_other_rows() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("fil.jsonl");
    std::fs::write(
        &f,
        "{\"id\": \"a\", \"text\": \"Le ministre est arrivé lundi.\"}\n{\"id\": \"b\", \"text\": \n{\"id\": \"c\", \"text\": \"La séance a été levée.\"}\n",
    )
    .unwrap();
    let out = run(&[&f]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(ids(&out), ["a", "c"]);
    assert!(stderr(&out).contains("fil.jsonl:2"), "{}", stderr(&out));
}

#[test]
fn malformed_html_still_gives_its_text_or_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("cassee.html");
    std::fs::write(&f, "<html><body><p>Le conseil municipal a voté le budget jeudi soir après un long débat.<div><p>").unwrap();
    let out = run(&[&f]);
    assert!(!stderr(&out).contains("panicked"));
    assert!(out.status.code() == Some(0) || stderr(&out).contains("cassee.html"));
}

#[test]
fn nothing_analysed_exits_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&[&dir.path().join("absent.txt")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("absent.txt"));
}

#[test]
fn unreadable_metadata_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .arg("analyze")
        .arg(&good)
        .arg("--meta")
        .arg(dir.path().join("meta-absent.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("meta-absent.jsonl"));
}
