//! Link (stub): the only stage that sees every document. Leaves the story-level arrays
//! empty for now.

use recoupe_model::Report;

/// Options of the cross-document stage.
#[derive(Debug, Clone, Default)]
pub struct LinkOptions {
    /// At most this many dates in the timeline (all when `None`).
    pub timeline_dates: Option<usize>,
    /// At most this many sentences per timeline date (one when `None`).
    pub timeline_sentences: Option<usize>,
}

/// Fill the story-level parts of `report` from its documents.
pub fn link(_report: &mut Report, _options: &LinkOptions) {}
