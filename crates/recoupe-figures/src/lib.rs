//! Figures (in progress).

mod lexicon;
mod numbers;
mod tokens;

use recoupe_model::{Figure, Quote, Sentence};

/// Find the figures of one document. `quotes` are the document's attributed quotes,
/// used to tell who claims each figure.
pub fn find_figures(_text: &str, _sentences: &[Sentence], _quotes: &[Quote]) -> Vec<Figure> {
    Vec::new()
}
