//! Human renderings of a recoupe story report: Markdown, and one self-contained HTML
//! file with inline SVG charts. The web UI (`recoupe-web`) reuses the same view and
//! HTML sections.
//!
//! ```text
//! Report ──► view::build ──► StoryView ──┬─► markdown::render
//!                                        └─► html::page / html::sections (+ svg charts)
//! ```
//!
//! This crate only reads a finished [`Report`]: it never runs or changes the analysis.
//! Sections whose stage produced nothing are left out.

pub mod html;
pub mod markdown;
pub mod svg;
pub mod view;

use recoupe_model::Report;
pub use view::StoryView;

/// The report as Markdown.
pub fn markdown(report: &Report) -> String {
    markdown::render(&view::build(report))
}

/// The report as one self-contained HTML page (no script, no external asset).
pub fn html(report: &Report) -> String {
    html::page(&view::build(report))
}
