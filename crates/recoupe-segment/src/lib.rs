//! Sentence segmentation (stub: one sentence per non-empty line).

use recoupe_model::Sentence;

/// Split `text` into sentences; offsets are byte offsets into `text`.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = pos + (line.len() - line.trim_start().len());
            let end = start + trimmed.len();
            out.push(Sentence { index: out.len(), text: trimmed.to_string(), start, end });
        }
        pos += line.len();
    }
    out
}
