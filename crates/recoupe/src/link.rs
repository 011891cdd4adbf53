//! Link: the only stage that sees every document (story entities, duplicates, stories,
//! timeline, claims). Filled in by the cross-checking work; for now it leaves the
//! story-level arrays empty.

use crate::Options;
use recoupe_model::Report;

pub fn link(_report: &mut Report, _options: &Options) {}
