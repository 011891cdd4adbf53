//! Dates (stub): finds no temporal expressions yet.

use recoupe_model::{DateMention, Sentence};

/// Find and normalise the temporal expressions of one document. `published` is the
/// document's ISO publication date, if known.
pub fn find_dates(_text: &str, _sentences: &[Sentence], _published: Option<&str>) -> Vec<DateMention> {
    Vec::new()
}

/// Guess the publication date from the text itself, when metadata gave none.
pub fn infer_published(_text: &str, _sentences: &[Sentence]) -> Option<String> {
    None
}
