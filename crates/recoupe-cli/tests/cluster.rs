//! recoupe beyond one machine, against the live services: `submit` to NATS JetStream,
//! `worker`s into PostgreSQL, `report --db postgres://…`. Each test has its own stream
//! and schema, dropped at the end (also when it fails). The tests run one at a time:
//! one of them stops PostgreSQL for a few seconds, another the NATS server.
//!
//! The services are found at `RECOUPE_TEST_NATS` (default nats://127.0.0.1:4222) and
//! `RECOUPE_TEST_PG` (default postgres://root@127.0.0.1:5432/test). When they do not
//! answer the tests are skipped, unless `RECOUPE_CLUSTER_TESTS=1` (as in `.ci/run`),
//! which makes that a failure.

mod common;
use common::{bin, ok, orangesum_rows, shared};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

static SERIAL: Mutex<()> = Mutex::new(());

fn nats_url() -> String {
    std::env::var("RECOUPE_TEST_NATS").unwrap_or_else(|_| "nats://127.0.0.1:4222".into())
}

fn pg_url() -> String {
    std::env::var("RECOUPE_TEST_PG")
        .unwrap_or_else(|_| "postgres://root@127.0.0.1:5432/test".into())
}

fn answers(addr: &str) -> bool {
    use std::net::ToSocketAddrs;
    addr.to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .is_some_and(|a| std::net::TcpStream::connect_timeout(&a, Duration::from_secs(2)).is_ok())
}

fn host_port(url: &str, default: &str) -> String {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let rest = rest.rsplit('@').next().unwrap_or(rest);
    let hp = rest.split(['/', '?']).next().unwrap_or(rest);
    if hp.contains(':') {
        hp.to_string()
    } else {
        format!("{hp}:{default}")
    }
}

/// Whether the services answer; skipped tests say so.
fn services() -> bool {
    let up = answers(&host_port(&nats_url(), "4222")) && answers(&host_port(&pg_url(), "5432"));
    if !up {
        assert!(
            std::env::var("RECOUPE_CLUSTER_TESTS").is_err(),
            "NATS at {} or PostgreSQL at {} does not answer",
            nats_url(),
            pg_url()
        );
        eprintln!("skipped: NATS or PostgreSQL does not answer");
    }
    up
}

/// A stream and a schema of one test, dropped when it ends, passed or failed.
struct Cluster {
    name: String,
    workers: Vec<Child>,
}

impl Cluster {
    fn new(test: &str) -> Cluster {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        Cluster {
            name: format!("t_{test}_{}_{nanos}", std::process::id()),
            workers: Vec::new(),
        }
    }

    fn submit(&self, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
        let mut c = bin();
        c.args(["submit", "--nats", &nats_url(), "--stream", &self.name]);
        for a in args {
            c.arg(a);
        }
        ok(c.output().unwrap())
    }

    /// Start a worker; its stderr is collected in the returned buffer.
    fn worker(&mut self, extra: &[&str]) -> Arc<Mutex<String>> {
        let mut child = bin()
            .args([
                "worker",
                "--no-ner",
                "--exit-when-idle",
                "--nats",
                &nats_url(),
            ])
            .args([
                "--stream",
                &self.name,
                "--db",
                &pg_url(),
                "--schema",
                &self.name,
            ])
            .args(extra)
            .env("RAYON_NUM_THREADS", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let said = Arc::new(Mutex::new(String::new()));
        let err = child.stderr.take().unwrap();
        let sink = said.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        self.workers.push(child);
        said
    }

    /// Wait until every worker has exited (they exit when idle); all must succeed.
    fn wait(&mut self, limit: Duration, said: &[&Arc<Mutex<String>>]) {
        let t = Instant::now();
        for w in &mut self.workers {
            loop {
                if let Some(status) = w.try_wait().unwrap() {
                    assert!(status.success(), "a worker failed: {status}\n{}", all(said));
                    break;
                }
                assert!(
                    t.elapsed() < limit,
                    "the workers did not finish in {limit:?}\n{}",
                    all(said)
                );
                std::thread::sleep(Duration::from_millis(200));
            }
        }
        self.workers.clear();
    }

    fn report(&self, args: &[&str]) -> Vec<u8> {
        ok(bin()
            .args([
                "report",
                "--db",
                &pg_url(),
                "--schema",
                &self.name,
                "--max-articles",
                "100000",
            ])
            .args(args)
            .output()
            .unwrap())
        .stdout
    }

    fn store(&self) -> recoupe_pg::PgStore {
        recoupe_pg::PgStore::open(&pg_url(), &self.name).unwrap()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for w in &mut self.workers {
            let _ = w.kill();
            let _ = w.wait();
        }
        if let Err(e) = recoupe_cluster::delete_stream(&nats_url(), &self.name) {
            eprintln!("cannot delete stream {}: {e}", self.name);
        }
        if let Err(e) = recoupe_pg::PgStore::drop_schema(&pg_url(), &self.name) {
            eprintln!("cannot drop schema {}: {e}", self.name);
        }
    }
}

fn all(said: &[&Arc<Mutex<String>>]) -> String {
    said.iter()
        .map(|s| s.lock().unwrap().clone())
        .collect::<Vec<_>>()
        .join("\n---\n")
}

fn analyze(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<u8> {
    let mut c = bin();
    c.args(["analyze", "--no-ner"]);
    for a in args {
        c.arg(a);
    }
    ok(c.output().unwrap()).stdout
}

fn lock() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// The set-up of a run over the first `n` OrangeSum rows: the tests' turn, and the rows
/// as a file; None (the test is skipped) without the services or ../shared.
fn orangesum_run(
    n: usize,
) -> Option<(
    std::sync::MutexGuard<'static, ()>,
    tempfile::TempDir,
    PathBuf,
)> {
    let serial = lock();
    let shared = shared()?;
    if !services() {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news.jsonl");
    orangesum_rows(&shared, n, &news).then_some((serial, dir, news))
}

/// Wait until at least `n` articles are stored (or two minutes have passed).
fn wait_stored(cluster: &Cluster, n: usize) {
    let t = Instant::now();
    while stored_count(cluster) < n && t.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Every one of the `n` articles of `news` stored once, nothing left pending, no
/// problem, and the report from PostgreSQL is analyze's.
fn assert_stored_once(cluster: &Cluster, news: &Path, n: usize, said: &str) {
    use recoupe_store::Storage;
    let store = cluster.store();
    assert_eq!(store.article_count().unwrap(), n, "{said}");
    assert!(store.problems().unwrap().is_empty(), "{said}");
    assert_eq!(store.pending().unwrap(), (0, 0), "{said}");
    assert!(
        analyze(&[&news]) == cluster.report(&[]),
        "the report from PostgreSQL differs from analyze's\n{said}"
    );
}

#[test]
fn two_workers_report_what_analyze_reports() {
    let _serial = lock();
    let Some(shared) = shared() else { return };
    if !services() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news.jsonl");
    if !orangesum_rows(&shared, 2000, &news) {
        return;
    }
    let corpus = shared.join("corpus/karabakh");
    let meta = corpus.join("meta.jsonl");
    let mut cluster = Cluster::new("e2e");
    let sent = cluster.submit(&[&corpus, &news, &"--meta", &meta]);
    let said = String::from_utf8_lossy(&sent.stderr);
    assert!(said.contains("2005 messages published"), "{said}");
    let a = cluster.worker(&["--batch", "32"]);
    let b = cluster.worker(&["--batch", "32"]);
    let analyzed = analyze(&[&corpus, &news, &"--meta", &meta]);
    cluster.wait(Duration::from_secs(600), &[&a, &b]);
    let (sa, sb) = (a.lock().unwrap().clone(), b.lock().unwrap().clone());
    // Both workers took part.
    for s in [&sa, &sb] {
        assert!(s.contains("worker done"), "{s}");
        assert!(!s.contains("worker done: 0 messages"), "{sa}\n---\n{sb}");
    }
    let store = cluster.store();
    use recoupe_store::Storage;
    assert_eq!(store.article_count().unwrap(), 2005);
    assert_eq!(store.pending().unwrap(), (0, 0));
    let reported = cluster.report(&[]);
    assert!(!reported.is_empty());
    assert!(
        analyzed == reported,
        "the report from PostgreSQL differs from analyze's"
    );
    // Every story is listed and covers every article once.
    let list: serde_json::Value = serde_json::from_slice(&cluster.report(&["--list"])).unwrap();
    let total: u64 = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["documents"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 2005);
}

fn stop_postgres() -> bool {
    Command::new("sh")
        .arg("-c")
        .arg("pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main stop -m fast")
        .status()
        .is_ok_and(|s| s.success())
}

fn start_postgres() {
    let _ = Command::new("sh")
        .arg("-c")
        .arg("pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start")
        .status();
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(30)
        && recoupe_pg::PgStore::drop_schema(&pg_url(), "recoupe_probe").is_err()
    {
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// PostgreSQL is started again when this goes out of scope, whatever happened.
struct Restart;
impl Drop for Restart {
    fn drop(&mut self) {
        start_postgres();
    }
}

fn stored_count(cluster: &Cluster) -> usize {
    use recoupe_store::Storage;
    recoupe_pg::PgStore::open(&pg_url(), &cluster.name)
        .and_then(|s| s.article_count())
        .unwrap_or(0)
}

#[test]
fn killed_worker_stopped_database_and_resubmission_lose_nothing_and_store_nothing_twice() {
    let Some((_serial, _dir, news)) = orangesum_run(400) else {
        return;
    };
    let mut cluster = Cluster::new("faults");
    // A short duplicate window, so that a later resubmission reaches the workers.
    let t0 = Instant::now();
    cluster.submit(&[&news, &"--duplicate-window", &"3"]);
    // Resubmitted at once: inside the duplicate window, the server drops every one.
    let again = cluster.submit(&[&news]);
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(
        said.contains("0 messages published") && said.contains("400 dropped"),
        "{said}"
    );
    let short = ["--batch", "8", "--ack-wait", "3", "--link-every", "2"];
    let a = cluster.worker(&short);
    let b = cluster.worker(&short);
    // SIGKILL the first worker once batches are being committed: it dies mid-batch,
    // its unacknowledged messages are redelivered.
    wait_stored(&cluster, 16);
    assert!(stored_count(&cluster) >= 16, "{}", all(&[&a, &b]));
    let mut victim = cluster.workers.remove(0);
    let _ = victim.kill();
    let _ = victim.wait();
    let c = cluster.worker(&short);
    // PostgreSQL stops for a few seconds in the middle of the run.
    let before = stored_count(&cluster);
    {
        let _restart = Restart;
        assert!(stop_postgres(), "cannot stop PostgreSQL");
        std::thread::sleep(Duration::from_secs(4));
    }
    // Resubmitted after the window: the workers receive them and find them stored.
    assert!(t0.elapsed() > Duration::from_secs(3));
    let late = cluster.submit(&[&news]);
    let said = String::from_utf8_lossy(&late.stderr);
    assert!(said.contains("400 messages published"), "{said}");
    cluster.wait(Duration::from_secs(600), &[&a, &b, &c]);
    let said = all(&[&a, &b, &c]);
    assert!(
        before < 400,
        "the run was over before PostgreSQL stopped\n{said}"
    );
    assert!(said.contains("waiting for PostgreSQL"), "{said}");
    assert!(said.contains("PostgreSQL answers again"), "{said}");
    assert!(said.contains("were stored already"), "{said}");
    // Nothing lost, nothing twice, census included: the report is analyze's.
    assert_stored_once(&cluster, &news, 400, &said);
}

fn stop_nats() -> bool {
    let stopped = Command::new("start-stop-daemon")
        .args([
            "--stop",
            "--oknodo",
            "--retry",
            "10",
            "--exec",
            "/usr/sbin/nats-server",
        ])
        .status()
        .is_ok_and(|s| s.success());
    stopped && !answers(&host_port(&nats_url(), "4222"))
}

fn start_nats() {
    let _ = Command::new("start-stop-daemon")
        .args([
            "--start",
            "--oknodo",
            "--background",
            "--exec",
            "/usr/sbin/nats-server",
        ])
        .args([
            "--",
            "-a",
            "127.0.0.1",
            "-p",
            "4222",
            "-js",
            "-sd",
            "/var/lib/nats-server",
        ])
        .args(["-l", "/var/log/nats-server.log"])
        .status();
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(30) && !answers(&host_port(&nats_url(), "4222")) {
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// NATS is started again when this goes out of scope, whatever happened.
struct RestartNats;
impl Drop for RestartNats {
    fn drop(&mut self) {
        start_nats();
    }
}

#[test]
fn stopped_nats_server_loses_nothing_and_the_workers_say_what_they_wait_for() {
    // Only the machine's own server can be stopped and started again.
    if !host_port(&nats_url(), "4222").starts_with("127.0.0.1:")
        || !Path::new("/usr/sbin/nats-server").is_file()
    {
        eprintln!("skipped: NATS is not this machine's /usr/sbin/nats-server");
        return;
    }
    let Some((_serial, _dir, news)) = orangesum_run(400) else {
        return;
    };
    let mut cluster = Cluster::new("nats_outage");
    cluster.submit(&[&news]);
    let short = ["--batch", "8", "--ack-wait", "3", "--link-every", "2"];
    let a = cluster.worker(&short);
    let b = cluster.worker(&short);
    wait_stored(&cluster, 16);
    let before = stored_count(&cluster);
    {
        let _restart = RestartNats;
        assert!(stop_nats(), "cannot stop NATS");
        std::thread::sleep(Duration::from_secs(4));
    }
    cluster.wait(Duration::from_secs(600), &[&a, &b]);
    let said = all(&[&a, &b]);
    assert!(
        (16..400).contains(&before),
        "NATS stopped outside the run ({before} stored)\n{said}"
    );
    assert!(said.contains("waiting for NATS"), "{said}");
    assert!(said.contains("NATS answers again"), "{said}");
    // The stream is kept on disk by the server: nothing is lost, nothing stored twice.
    assert_stored_once(&cluster, &news, 400, &said);
}

#[test]
fn bad_input_becomes_a_problem_row_and_poison_is_given_up() {
    let _serial = lock();
    if !services() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("bon.txt"),
        "Le maire de Valmorin, Paul Ménard, a annoncé lundi la réouverture du pont.\n",
    )
    .unwrap();
    std::fs::write(input.join("binaire.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let mut cluster = Cluster::new("bad");
    let sent = cluster.submit(&[&input]);
    let said = String::from_utf8_lossy(&sent.stderr);
    assert!(
        said.contains("2 messages published") && said.contains("1 of them unreadable"),
        "{said}"
    );
    // Not an article at all, and an article the database refuses on every delivery.
    let window = Duration::from_secs(120);
    recoupe_cluster::publish_raw(&nats_url(), &cluster.name, window, b"{not json".to_vec())
        .unwrap();
    let poison = serde_json::json!({
        "kind": "article", "id": "poison\u{0}", "origin": "poison.jsonl:1",
        "body": "Un texte.", "title": null, "outlet": null, "published": null,
        "url": null, "author": null
    });
    recoupe_cluster::publish_raw(
        &nats_url(),
        &cluster.name,
        window,
        poison.to_string().into_bytes(),
    )
    .unwrap();
    let w = cluster.worker(&["--max-deliveries", "2", "--ack-wait", "3"]);
    cluster.wait(Duration::from_secs(120), &[&w]);
    let said = w.lock().unwrap().clone();
    assert!(said.contains("failed 2 times"), "{said}");
    let report: serde_json::Value = serde_json::from_slice(&cluster.report(&[])).unwrap();
    assert_eq!(report["documents"].as_array().unwrap().len(), 1, "{report}");
    let problems: Vec<String> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{}: {}",
                p["input"].as_str().unwrap(),
                p["reason"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].contains("binaire.txt"), "{problems:?}");
    assert!(problems[1].contains("unreadable message"), "{problems:?}");
    assert!(
        problems[2].starts_with("poison.jsonl:1: given up after 2 deliveries"),
        "{problems:?}"
    );
}

#[test]
fn sigterm_finishes_the_batch_in_hand_acknowledges_it_and_exits() {
    let Some((_serial, _dir, news)) = orangesum_run(200) else {
        return;
    };
    let mut cluster = Cluster::new("term");
    cluster.submit(&[&news]);
    let a = cluster.worker(&["--batch", "8", "--ack-wait", "60"]);
    wait_stored(&cluster, 8);
    let pid = cluster.workers[0].id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    cluster.wait(Duration::from_secs(60), &[&a]);
    let said = a.lock().unwrap().clone();
    assert!(
        said.contains("stopping: finishing the batch in hand"),
        "{said}"
    );
    let stopped_at = stored_count(&cluster);
    assert!(stopped_at < 200, "{said}");
    // What it acknowledged is stored; the rest is still queued, not waiting 60 s for a
    // redelivery: a new worker finishes the run at once.
    let b = cluster.worker(&["--batch", "8", "--ack-wait", "60"]);
    cluster.wait(Duration::from_secs(50), &[&b]);
    let said = b.lock().unwrap().clone();
    assert!(!said.contains("were stored already"), "{said}");
    assert_eq!(stored_count(&cluster), 200);
    assert!(analyze(&[&news]) == cluster.report(&[]));
}
