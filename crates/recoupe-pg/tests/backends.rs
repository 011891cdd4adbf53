//! One storage trait, two backends: the same articles ingested into the embedded SQLite
//! store and into PostgreSQL give the same rows, stories and reports. Runs against the
//! live PostgreSQL at `RECOUPE_TEST_PG` (default postgres://root@127.0.0.1:5432/test),
//! in a schema of its own dropped at the end; skipped when it does not answer, unless
//! `RECOUPE_CLUSTER_TESTS=1`.

use recoupe::ingest::{ingest_batched, piles, report, Selection, StoreReport};
use recoupe_pg::PgStore;
use recoupe_store::{Storage, Store};
use std::path::PathBuf;

fn pg_url() -> String {
    std::env::var("RECOUPE_TEST_PG")
        .unwrap_or_else(|_| "postgres://root@127.0.0.1:5432/test".into())
}

struct Schema(String);
impl Drop for Schema {
    fn drop(&mut self) {
        let _ = PgStore::drop_schema(&pg_url(), &self.0);
    }
}

/// The store in this schema; None (the test is skipped) when PostgreSQL does not
/// answer, which fails the test under `RECOUPE_CLUSTER_TESTS=1`.
fn open_or_skip(schema: &Schema) -> Option<PgStore> {
    match PgStore::open(&pg_url(), &schema.0) {
        Ok(s) => Some(s),
        Err(e) => {
            assert!(
                std::env::var("RECOUPE_CLUSTER_TESTS").is_err(),
                "PostgreSQL at {}: {e}",
                pg_url()
            );
            eprintln!("skipped: PostgreSQL does not answer ({e})");
            None
        }
    }
}

fn articles() -> Vec<Result<recoupe_model::Article, recoupe_model::InputProblem>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/valmorin");
    let meta = dir.join("meta.jsonl");
    let table = recoupe_ingest::MetaTable::load(&meta).unwrap();
    let (files, problems) = recoupe_ingest::discover(&[dir], Some(&meta));
    assert!(problems.is_empty());
    files
        .iter()
        .flat_map(|f| recoupe_ingest::read_path(f, &table))
        .collect()
}

fn whole<S: Storage + ?Sized>(store: &S) -> String {
    match report(
        store,
        &Selection::default(),
        &recoupe::Options::default(),
        true,
    )
    .unwrap()
    {
        StoreReport::Report(r) => serde_json::to_string(&r).unwrap(),
        StoreReport::Piles(_) => panic!("a listing"),
    }
}

#[test]
fn sqlite_and_postgres_store_and_report_the_same() {
    let schema = Schema(format!("t_backends_{}", std::process::id()));
    let Some(mut pg) = open_or_skip(&schema) else {
        return;
    };
    let mut lite = Store::in_memory().unwrap();
    let options = recoupe::Options::default();
    let silent = recoupe::Silent;
    // Two batches, then the same articles again: nothing is stored twice.
    for _ in 0..2 {
        let a = ingest_batched(&mut lite, articles().into_iter(), &options, 3, &silent).unwrap();
        let b = ingest_batched(&mut pg, articles().into_iter(), &options, 3, &silent).unwrap();
        assert_eq!(a, b);
    }
    assert_eq!(lite.article_count().unwrap(), 4);
    assert_eq!(Storage::article_count(&pg).unwrap(), 4);
    assert_eq!(Storage::analysis_count(&pg).unwrap(), 4);
    assert_eq!(
        Storage::census_documents(&pg).unwrap(),
        lite.census_documents().unwrap()
    );
    assert_eq!(whole(&lite), whole(&pg));
    let (lp, pp) = (piles(&lite).unwrap(), piles(&pg).unwrap());
    assert!(!lp.is_empty());
    assert_eq!(lp, pp);
    for p in &lp {
        let one = Selection {
            pile: Some(p.pile),
            ..Default::default()
        };
        let a = report(&lite, &one, &options, true).unwrap();
        let b = report(&pg, &one, &options, true).unwrap();
        match (a, b) {
            (StoreReport::Report(a), StoreReport::Report(b)) => assert_eq!(a, b),
            _ => panic!("story {} is not reported by both", p.pile),
        }
    }
    // Articles read back as given; a deleted one leaves its story to be linked again.
    let la: Vec<_> = lite.articles().unwrap();
    assert_eq!(la, Storage::articles(&pg).unwrap());
    assert_eq!(
        lite.body(&la[0].id).unwrap(),
        Storage::body(&pg, &la[0].id).unwrap()
    );
    assert!(Storage::delete(&mut pg, &la[0].id).unwrap());
    assert!(!Storage::delete(&mut pg, &la[0].id).unwrap());
    assert_eq!(Storage::article_count(&pg).unwrap(), 3);
    assert!(!Storage::dirty_piles(&pg).unwrap().is_empty());
    // A store opened again finds its migrations applied.
    drop(pg);
    let again = PgStore::open(&pg_url(), &schema.0).unwrap();
    assert_eq!(Storage::article_count(&again).unwrap(), 3);
    assert!(PgStore::open(&pg_url(), "Bad-Name").is_err());
}

#[test]
fn two_workers_link_different_piles_at_once_and_none_twice() {
    let schema = Schema(format!("t_link_free_{}", std::process::id()));
    let Some(mut a) = open_or_skip(&schema) else {
        return;
    };
    let options = recoupe::Options::default();
    let silent = recoupe::Silent;
    ingest_batched(&mut a, articles().into_iter(), &options, 3, &silent).unwrap();
    let before = whole(&a);
    let piles_n = piles(&a).unwrap().len();
    assert!(piles_n >= 2, "{piles_n} piles");
    // Every pile to be linked again.
    let mut sql = postgres::Client::connect(&pg_url(), postgres::NoTls).unwrap();
    sql.batch_execute(&format!("UPDATE {}.piles SET dirty = TRUE", schema.0))
        .unwrap();
    let mut b = PgStore::open(&pg_url(), &schema.0).unwrap();
    let link = |p| recoupe::ingest::link_piles(p, &options, &silent);
    // While the first store holds one pile, the second takes all the others.
    let mut by_b = 0;
    let by_a = a
        .link_free_piles(1, |held| {
            assert_eq!(held.len(), 1);
            by_b = b.link_free_piles(100, link).unwrap();
            assert_eq!(
                b.link_free_piles(100, link).unwrap(),
                0,
                "the held pile is taken"
            );
            link(held)
        })
        .unwrap();
    assert_eq!((by_a, by_b), (1, piles_n - 1));
    assert_eq!(a.link_free_piles(100, link).unwrap(), 0);
    assert!(Storage::dirty_piles(&a).unwrap().is_empty());
    assert_eq!(whole(&a), before);
}
