//! Unit-level check against Duckling's French time corpus (read at run time from
//! `../shared/data/duckling_fr/duckling_fr.json`; skipped when absent).
//!
//! Each example is a phrase alone with its value at a fixed reference time. Only the
//! `datetime` examples are scored (intervals are not single TimeML values), turned into
//! the TimeML value of their grain: Day → `2013-02-18`, Month → `2013-03`, Week →
//! `2013-W07`, Hour or Minute → `2013-02-12T15:00`. An example passes when one mention
//! found in it has that value.
//!
//! Duckling always resolves towards the future; this grammar resolves by tense and, with
//! no verb, leans to the past (a bare "mardi" in a news report is the last one). So an
//! example whose Duckling value lies after the reference day, and that fails alone, is
//! tried once more inside a sentence in the future tense ("… aura lieu {example}."):
//! passing there means the grammar read it right and placed it by tense. Both counts
//! are printed; the floor applies to their sum.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use recoupe_model::Sentence;
use serde_json::Value;

fn corpus() -> Option<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/duckling_fr/duckling_fr.json");
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

fn expected(numbers: &[i64], grain: &str) -> Option<String> {
    let n = |i: usize| numbers.get(i).copied().unwrap_or(0);
    let day = || NaiveDate::from_ymd_opt(n(0) as i32, n(1) as u32, n(2) as u32);
    Some(match grain {
        "Year" => format!("{:04}", n(0)),
        "Month" => format!("{:04}-{:02}", n(0), n(1)),
        "Week" => {
            let w = day()?.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        "Day" => format!("{:04}-{:02}-{:02}", n(0), n(1), n(2)),
        "Hour" | "Minute" => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            n(0),
            n(1),
            n(2),
            n(3),
            n(4)
        ),
        _ => return None,
    })
}

fn matches(got: &[String], want: &str) -> bool {
    got.iter()
        .any(|v| v.get(..16.min(v.len())) == want.get(..16.min(want.len())))
}

fn values(text: &str) -> Vec<String> {
    let sentences = vec![Sentence {
        index: 0,
        text: text.to_string(),
        start: 0,
        end: text.len(),
    }];
    recoupe_dates::find_dates(text, &sentences, Some("2013-02-12"))
        .into_iter()
        .filter_map(|d| d.value)
        .collect()
}

#[test]
fn duckling_datetime_examples() {
    let Some(corpus) = corpus() else {
        eprintln!("duckling_fr.json not found: skipped");
        return;
    };
    let reference = "2013-02-12";
    let (mut alone, mut framed, mut total) = (0, 0, 0);
    let mut failures = Vec::new();
    for block in corpus["time"].as_array().into_iter().flatten() {
        if block["kind"] != "datetime" {
            continue;
        }
        let numbers: Vec<i64> = block["numbers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_i64)
            .collect();
        let Some(want) = expected(&numbers, block["grain"].as_str().unwrap_or("")) else {
            continue;
        };
        for text in block["texts"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            total += 1;
            let got = values(text);
            if matches(&got, &want) {
                alone += 1;
                continue;
            }
            if want.as_str() > reference && !want.starts_with(reference) {
                let in_future = values(&format!("La rencontre aura lieu {text}."));
                if matches(&in_future, &want) {
                    framed += 1;
                    continue;
                }
            }
            failures.push(format!("{text:?}: want {want}, got {got:?}"));
        }
    }
    let rate = (alone + framed) as f64 / total.max(1) as f64;
    eprintln!(
        "duckling datetime: {} of {total} = {rate:.3} ({alone} alone, {framed} more in a future sentence)",
        alone + framed
    );
    for f in &failures {
        eprintln!("  {f}");
    }
    assert!(rate >= 0.7, "duckling pass rate {rate:.3} below 0.7");
}
