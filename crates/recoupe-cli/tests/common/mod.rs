//! What the end-to-end tests share: the binary, `../shared`, and real articles from it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_recoupe"))
}

/// `../shared`, when it is there (tests that need it are skipped otherwise).
pub fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.join("corpus/karabakh").is_dir().then_some(p)
}

/// The output of a command that must succeed.
pub fn ok(out: Output) -> Output {
    assert!(
        out.status.success(),
        "exit {:?}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The first `n` rows of the OrangeSum articles as a JSON Lines file.
pub fn orangesum_rows(shared: &Path, n: usize, dst: &Path) -> bool {
    let src = shared.join("data/orangesum_news.jsonl.gz");
    if !src.is_file() {
        return false;
    }
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("zcat '{}' | head -n {n}", src.display()))
        .output()
        .unwrap();
    std::fs::write(dst, out.stdout).unwrap();
    true
}
