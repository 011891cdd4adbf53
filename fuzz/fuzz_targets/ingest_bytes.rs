//! Feeds arbitrary bytes to ingest as a text file, an HTML page and a JSON Lines file:
//! reading must never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["fuzz.txt", "fuzz.html", "fuzz.jsonl", "fuzz.dat"] {
        for result in recoupe_ingest::parse_bytes(name, data) {
            if let Ok(article) = result {
                assert!(!article.body.trim().is_empty());
            }
        }
    }
});
