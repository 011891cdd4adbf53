//! Property tests: reading any bytes as a `.txt`, `.html` or `.jsonl` file never panics,
//! and every result either is an article with a non-empty body or names its input.

use proptest::prelude::*;
use recoupe_ingest::{parse_bytes, read_path, MetaTable};

/// Bytes that are often HTML-, JSON- or text-like, mixed with arbitrary ones.
fn input_bytes() -> impl Strategy<Value = Vec<u8>> {
    let fragment = prop_oneof![
        Just(
            b"<html><head><meta charset=\"windows-1252\"><title>T\xE9l\xE9</title></head>".to_vec()
        ),
        Just(b"<p>Le pr\xC3\xA9fet a parl\xC3\xA9.</p>".to_vec()),
        Just(b"<article><h1>Titre</h1><p>".to_vec()),
        Just(b"</p></article></body></html>".to_vec()),
        Just(b"{\"id\": \"a\", \"text\": \"Bonjour.\"}\n".to_vec()),
        Just(b"{\"html\": \"<p>Un</p>\"}\n".to_vec()),
        Just(b"{\"text\": \n".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\x00\xFF\xFE".to_vec()),
        "[ -~\u{e0}-\u{ff}\u{2019}\n]{0,40}".prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..40),
    ];
    proptest::collection::vec(fragment, 0..12).prop_map(|parts| parts.concat())
}

fn check(name: &str, bytes: &[u8]) {
    for r in parse_bytes(name, bytes) {
        match r {
            Ok(a) => {
                assert!(!a.body.trim().is_empty());
                assert!(!a.body.contains('\r'));
                assert!(!a.id.is_empty());
            }
            Err(p) => {
                assert!(p.input.starts_with(name));
                assert!(!p.reason.is_empty());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn parse_bytes_never_panics(bytes in input_bytes()) {
        check("page.html", &bytes);
        check("depeche.txt", &bytes);
        check("flux.jsonl", &bytes);
        check("autre.dat", &bytes);
    }

    #[test]
    fn read_path_never_panics(bytes in input_bytes(), ext in prop_oneof![Just("txt"), Just("html"), Just("jsonl")]) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(format!("entree.{ext}"));
        std::fs::write(&p, &bytes).unwrap();
        for r in read_path(&p, &MetaTable::default()) {
            if let Err(problem) = r {
                prop_assert!(problem.input.starts_with(&p.display().to_string()));
            }
        }
    }
}
