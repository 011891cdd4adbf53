//! The bundled example corpus, rendered as the text report: a snapshot of what a user
//! sees, so that any change to it is reviewed.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn text_report_of_the_examples() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = root.join("examples/valmorin");
    let out = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .current_dir(&root)
        .args([
            "analyze",
            "examples/valmorin",
            "--meta",
            "examples/valmorin/meta.jsonl",
            "--format",
            "text",
            // the same report whether or not statistical NER weights are installed
            "--no-ner",
        ])
        .output()
        .expect("run recoupe");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(corpus.is_dir());
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}
