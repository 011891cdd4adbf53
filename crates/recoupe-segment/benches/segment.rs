//! Micro-benchmark of sentence segmentation (`cargo bench -p recoupe-segment`).
//!
//! Input: made-up French news paragraphs built from a few templates (abbreviations,
//! quotes, figures, initials), or the `text` of every line of the JSON Lines file named
//! by `RECOUPE_BENCH_JSONL` when set. A benchmark, not a test: it asserts nothing.

use recoupe_segment::split_sentences;

fn main() {
    divan::main();
}

#[path = "support/articles.rs"]
mod articles;
use articles::texts;

#[divan::bench]
fn split_sentences_of_articles(bencher: divan::Bencher) {
    let texts = texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            texts
                .iter()
                .map(|t| split_sentences(divan::black_box(t)).len())
                .sum::<usize>()
        });
}
