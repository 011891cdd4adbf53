//! Prints the sentences of the text read from standard input, one per line
//! with their byte offsets: a quick way to inspect segmentation by hand.

use std::io::Read;

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("cannot read standard input as UTF-8 text");
        std::process::exit(2);
    }
    for s in recoupe_segment::split_sentences(&text) {
        println!("{}\t{}..{}\t{}", s.index, s.start, s.end, s.text);
    }
}
