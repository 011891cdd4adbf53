//! `recoupe ingest` and `recoupe report` end to end: the store gives the same report as
//! `analyze`, survives SIGKILL at random points, and keeps bad inputs to one line each.
//! Real articles come from `../shared` (tests that need them are skipped when absent).

mod common;
use common::{bin, ok, orangesum_rows, shared};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn report(db: &Path, args: &[&str]) -> Vec<u8> {
    ok(bin()
        .arg("report")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap())
    .stdout
}

#[test]
fn karabakh_through_the_store_is_the_same_report_as_analyze() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpus/karabakh");
    let meta = corpus.join("meta.jsonl");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite");
    let analyzed = ok(bin()
        .arg("analyze")
        .arg(&corpus)
        .arg("--meta")
        .arg(&meta)
        .arg("--no-ner")
        .output()
        .unwrap())
    .stdout;
    let first = ok(bin()
        .args(["ingest", "--no-ner", "--db"])
        .arg(&db)
        .arg(&corpus)
        .arg("--meta")
        .arg(&meta)
        .output()
        .unwrap());
    let said = String::from_utf8_lossy(&first.stderr);
    assert!(said.contains("5 stored (5 texts analysed"), "{said}");
    let stored = report(&db, &[]);
    assert!(!stored.is_empty());
    assert!(analyzed == stored, "ingest + report differs from analyze");
    // Ingesting the same corpus again stores nothing and changes nothing.
    let again = ok(bin()
        .args(["ingest", "--no-ner", "--db"])
        .arg(&db)
        .arg(&corpus)
        .arg("--meta")
        .arg(&meta)
        .output()
        .unwrap());
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(
        said.contains("0 stored") && said.contains("5 already in the store"),
        "{said}"
    );
    assert!(report(&db, &[]) == stored);
    // Every story is listed, and each one's report holds its own articles.
    let list: serde_json::Value = serde_json::from_slice(&report(&db, &["--list"])).unwrap();
    let list = list.as_array().unwrap();
    assert!(!list.is_empty());
    let total: u64 = list.iter().map(|p| p["documents"].as_u64().unwrap()).sum();
    assert_eq!(total, 5);
    let id = list[0]["pile"].as_i64().unwrap().to_string();
    let one: serde_json::Value = serde_json::from_slice(&report(&db, &["--story", &id])).unwrap();
    assert_eq!(
        one["documents"].as_array().unwrap().len() as u64,
        list[0]["documents"].as_u64().unwrap()
    );
    let text = String::from_utf8(report(&db, &["--list", "--format", "text"])).unwrap();
    assert!(
        text.starts_with(&format!("{} stories", list.len())),
        "{text}"
    );
}

fn ingest_cmd(db: &Path, input: &Path) -> Command {
    let mut c = bin();
    c.args(["ingest", "--no-ner", "--batch", "6", "--db"])
        .arg(db)
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// A small pseudo-random generator (the seed is printed, so a failure can be replayed).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}

#[test]
fn sigkill_at_random_points_loses_nothing_and_counts_nothing_twice() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("news.jsonl");
    if !orangesum_rows(&shared, 90, &input) {
        return;
    }
    // The same rows once more, under new ids: republished texts.
    let rows = std::fs::read_to_string(&input).unwrap();
    let mut all = rows.clone();
    for (i, line) in rows.lines().take(30).enumerate() {
        let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
        v["id"] = format!("again-{i}").into();
        all += &format!("{v}\n");
    }
    std::fs::write(&input, &all).unwrap();
    let distinct = 120;

    // The reference: one uninterrupted run, timed to aim the kills.
    let straight = dir.path().join("straight.sqlite");
    let t = Instant::now();
    ok(ingest_cmd(&straight, &input).output().unwrap());
    let full = t.elapsed();

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    eprintln!("kill seed {seed}, an uninterrupted run takes {full:?}");
    let mut rng = Lcg(seed);
    let killed = dir.path().join("killed.sqlite");
    let mut kills = 0;
    for _ in 0..4 {
        let mut child = ingest_cmd(&killed, &input).spawn().unwrap();
        // Within the first half of a full run's time: a resumed run has less left to do.
        let wait = Duration::from_millis(rng.next(full.as_millis() as u64 / 2 + 1));
        std::thread::sleep(wait);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        child.wait().unwrap();
    }
    eprintln!("{kills} runs killed");
    assert!(kills > 0, "no run was killed (seed {seed})");
    ok(ingest_cmd(&killed, &input).output().unwrap());

    let whole = |db: &Path| report(db, &[]);
    let reference = whole(&straight);
    let resumed = whole(&killed);
    let r: serde_json::Value = serde_json::from_slice(&resumed).unwrap();
    let ids: std::collections::HashSet<&str> = r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(r["documents"].as_array().unwrap().len(), distinct);
    assert_eq!(ids.len(), distinct);
    assert!(
        reference == resumed,
        "the resumed store reports differently (seed {seed})"
    );
    assert!(
        report(&straight, &["--list"]) == report(&killed, &["--list"]),
        "the resumed store lists different stories (seed {seed})"
    );
}

#[test]
fn bad_inputs_are_one_line_each_and_the_others_are_stored() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("flux.jsonl");
    std::fs::write(
        &good,
        "{\"id\": \"a\", \"text\": \"Le conseil municipal a voté le budget mardi.\"}\n{\"id\": \"b\", \"text\": \n{\"id\": \"c\", \"text\": \"La piscine rouvrira en juin, a annoncé le maire.\"}\n",
    )
    .unwrap();
    let db = dir.path().join("s.sqlite");
    let out = bin()
        .args(["ingest", "--no-ner", "--db"])
        .arg(&db)
        .arg(&good)
        .arg(dir.path().join("absent.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("flux.jsonl:2: malformed JSON"), "{err}");
    assert!(err.contains("absent.txt: no such file or folder"), "{err}");
    assert!(err.contains("2 stored"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let r: serde_json::Value = serde_json::from_slice(&report(&db, &[])).unwrap();
    assert_eq!(r["documents"].as_array().unwrap().len(), 2);

    // Standard input is a stream of rows too.
    let mut child = bin()
        .args(["ingest", "--no-ner", "--db"])
        .arg(&db)
        .arg("-")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(b"{\"id\": \"d\", \"text\": \"Le marche de Noel ouvre samedi.\"}\n")
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&report(&db, &[])).unwrap();
    assert_eq!(r["documents"].as_array().unwrap().len(), 3);
}

#[test]
fn report_names_a_missing_store_and_a_bad_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.sqlite");
    let out = bin().arg("report").arg("--db").arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no store at") && err.contains("none.sqlite"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    std::fs::write(&db, b"").unwrap();
    let out = bin()
        .arg("report")
        .arg("--db")
        .arg(&db)
        .args(["--since", "hier"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--since hier"));
}
