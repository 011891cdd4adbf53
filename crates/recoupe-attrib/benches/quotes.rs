//! Micro-benchmark of quote finding with speaker resolution (`cargo bench -p
//! recoupe-attrib`); sentences are cut beforehand and not timed.
//!
//! Input: made-up French news paragraphs built from a few templates (abbreviations,
//! quotes, figures, initials), or the `text` of every line of the JSON Lines file named
//! by `RECOUPE_BENCH_JSONL` when set. A benchmark, not a test: it asserts nothing.

use recoupe_attrib::find_quotes;
use recoupe_segment::split_sentences;

fn main() {
    divan::main();
}

#[path = "../../recoupe-segment/benches/support/articles.rs"]
mod articles;
use articles::texts;

#[divan::bench]
fn find_quotes_in_articles(bencher: divan::Bencher) {
    let docs: Vec<_> = texts()
        .into_iter()
        .map(|t| {
            let sentences = split_sentences(&t);
            (t, sentences)
        })
        .collect();
    let bytes: usize = docs.iter().map(|(t, _)| t.len()).sum();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            docs.iter()
                .map(|(t, s)| find_quotes(divan::black_box(t), s).len())
                .sum::<usize>()
        });
}
