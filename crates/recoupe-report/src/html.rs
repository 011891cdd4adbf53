//! The story report as HTML: one self-contained file (styles inline, charts as inline
//! SVG, no script, no external asset, works offline), and the same sections as a
//! fragment for the web UI to wrap.
//!
//! Templates are compiled by askama, which escapes every value for HTML; only the SVG
//! charts (escaped by [`crate::svg`]) and already-rendered sections are inserted raw.
//! The file report carries its own Content-Security-Policy that forbids every script,
//! so an article that smuggles markup in stays text even if an escape were missed.
//! Nothing here reads the network or the disk.

use crate::svg;
use crate::view::{self, SourceRef, StoryView};
use askama::Template;

/// The stylesheet of the report and of the web UI.
pub const STYLESHEET: &str = include_str!("../templates/style.css");

#[derive(Template)]
#[template(path = "sections.html")]
struct Sections<'a> {
    v: &'a StoryView,
    timeline_svg: String,
    figures_svg: String,
}

impl Sections<'_> {
    fn plural(&self, n: &usize) -> &'static str {
        if *n == 1 {
            ""
        } else {
            "s"
        }
    }

    /// Outlets and document ids of some sources, `|`-separated, for filtering.
    fn outlets_of(&self, sources: &[SourceRef]) -> String {
        sources
            .iter()
            .map(|s| {
                format!(
                    "{}|{}",
                    s.label.rsplit_once(" §").map_or(s.label.as_str(), |p| p.0),
                    s.document
                )
            })
            .collect::<Vec<_>>()
            .join("|")
    }

    fn speaker_anchor(&self, i: &usize) -> String {
        format!("speaker-{i}")
    }

    fn clip(&self, s: &str, n: usize) -> String {
        svg::clip(s, n)
    }

    fn doc_anchor(&self, id: &str) -> String {
        view::document_anchor(id)
    }
}

#[derive(Template)]
#[template(path = "report.html")]
struct Page<'a> {
    v: &'a StoryView,
    stylesheet: &'a str,
    sections: String,
}

/// The sections of the report as an HTML fragment (no `<html>`, no styles): what the
/// web UI shows inside its own page.
pub fn sections(v: &StoryView) -> String {
    let t = Sections {
        v,
        timeline_svg: svg::timeline_plot(&v.timeline, |i| format!("t{i}")),
        figures_svg: svg::figures_chart(&v.figures),
    };
    // Rendering into a String fails only if a Display impl fails, which ours never do.
    t.render().unwrap_or_default()
}

/// The whole report as one self-contained HTML page.
pub fn page(v: &StoryView) -> String {
    let p = Page {
        v,
        stylesheet: STYLESHEET,
        sections: sections(v),
    };
    p.render().unwrap_or_default()
}
