//! Human-readable renderings of a finished [`Report`]. Reads only; never changes it.
//!
//! The plain-text report is for a terminal: an overview of the inputs, then who said
//! what (grouped by speaker), the figures by party with their claimants, the events with
//! each side's claims (disputes, revisions, corroborations), the documents set aside as
//! off topic, the timeline, and what cleaning removed. Sections
//! with nothing to show are left out.

use recoupe_model::{Document, Figure, Qualifier, Quote, QuoteKind, Report};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The plain-text report.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    overview(report, &mut out);
    who_said_what(report, &mut out);
    figures(report, &mut out);
    claims(report, &mut out);
    timeline(report, &mut out);
    removed(report, &mut out);
    problems(report, &mut out);
    out
}

fn heading(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{title}\n{}", "-".repeat(title.chars().count()));
}

fn overview(report: &Report, out: &mut String) {
    let docs = &report.documents;
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let quotes: usize = docs.iter().map(|d| d.quotes.len()).sum();
    let mut outlets: Vec<&str> = docs.iter().filter_map(|d| d.outlet.as_deref()).collect();
    outlets.sort_unstable();
    outlets.dedup();
    let mut dates: Vec<&str> = docs.iter().filter_map(|d| d.published.as_deref()).collect();
    dates.sort_unstable();
    let _ = writeln!(out, "recoupe story report");
    let _ = writeln!(out, "====================");
    let _ = writeln!(out, "documents  {}", docs.len());
    let _ = writeln!(out, "sentences  {sentences}");
    let _ = writeln!(out, "quotes     {quotes}");
    let _ = writeln!(
        out,
        "outlets    {}",
        if outlets.is_empty() {
            "(none known)".to_string()
        } else {
            outlets.join(", ")
        }
    );
    let published = match (dates.first(), dates.last()) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} .. {b}"),
        _ => "(unknown)".to_string(),
    };
    let _ = writeln!(out, "published  {published}");
    heading(out, "Documents");
    for d in docs {
        let _ = writeln!(
            out,
            "{}  {}  {}  {}  {} sentences{}",
            d.id,
            d.published.as_deref().unwrap_or("????-??-??"),
            d.language.as_deref().unwrap_or("??"),
            d.outlet.as_deref().unwrap_or("-"),
            d.sentences.len(),
            match debris(d).count() {
                0 => String::new(),
                1 => ", 1 line removed".to_string(),
                n => format!(", {n} lines removed"),
            },
        );
        if let Some(t) = &d.title {
            let _ = writeln!(out, "    title: {t}");
        }
    }
}

fn speaker_name(q: &Quote) -> Option<&str> {
    q.speaker
        .as_ref()
        .and_then(|s| s.name.as_deref().or(Some(s.mention.as_str())))
}

fn who_said_what(report: &Report, out: &mut String) {
    let mut by_speaker: BTreeMap<&str, Vec<(&Document, &Quote)>> = BTreeMap::new();
    for d in &report.documents {
        for q in &d.quotes {
            if let Some(name) = speaker_name(q) {
                by_speaker.entry(name).or_default().push((d, q));
            }
        }
    }
    if by_speaker.is_empty() {
        return;
    }
    heading(out, "Who said what");
    let mut speakers: Vec<_> = by_speaker.into_iter().collect();
    speakers.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    for (name, quotes) in speakers {
        let _ = writeln!(out, "{name} ({})", quotes.len());
        for (d, q) in quotes {
            let kind = match q.kind {
                QuoteKind::Direct => "direct",
                QuoteKind::Indirect => "indirect",
                QuoteKind::Mixed => "mixed",
            };
            let via = q
                .via
                .as_ref()
                .map(|v| format!(" via {}", v.name))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  [{kind}] {}  ({} #{}{via})",
                clip(&q.text, 90),
                d.id,
                q.sentence
            );
        }
    }
}

fn qualified(f: &Figure) -> String {
    let n = if f.value.fract() == 0.0 {
        format!("{}", f.value as i64)
    } else {
        format!("{}", f.value)
    };
    match f.qualifier {
        Qualifier::Exact => n,
        Qualifier::AtLeast => format!("≥ {n}"),
        Qualifier::MoreThan => format!("> {n}"),
        Qualifier::About => format!("~ {n}"),
        Qualifier::UpTo => format!("≤ {n}"),
        Qualifier::Vague => format!("{n}s (vague)"),
    }
}

fn figures(report: &Report, out: &mut String) {
    let mut by_party: BTreeMap<&str, Vec<(&Document, &Figure)>> = BTreeMap::new();
    for d in &report.documents {
        for f in &d.figures {
            by_party
                .entry(f.party.as_deref().unwrap_or("(party unknown)"))
                .or_default()
                .push((d, f));
        }
    }
    if by_party.is_empty() {
        return;
    }
    heading(out, "Figures by party");
    for (party, figs) in by_party {
        let _ = writeln!(out, "{party}");
        for (d, f) in figs {
            let claimant = f
                .claimed_by
                .as_ref()
                .map(|c| c.name.as_str())
                .unwrap_or("(unattributed)");
            let _ = writeln!(
                out,
                "  {:<10} {:<10} {:<28} {}  ({} #{})",
                format!("{:?}", f.category).to_lowercase(),
                qualified(f),
                clip(claimant, 28),
                d.published.as_deref().unwrap_or("????-??-??"),
                d.id,
                f.sentence
            );
        }
    }
}

/// The events with their claims by side: disputes with both sides' words, revisions,
/// then each side's claims.
fn claims(report: &Report, out: &mut String) {
    let events = recoupe_report::view::events(report);
    if events.is_empty() {
        return;
    }
    heading(out, "Events");
    for e in &events {
        let date = e.date.as_deref().unwrap_or("undated");
        let _ = writeln!(out, "\n{} {}  {}", e.id, date, clip(&e.title, 80));
        let mut meta = format!("    {} article(s)", e.articles);
        if !e.parties.is_empty() {
            let _ = write!(meta, "; sides: {}", e.parties.join(" vs "));
        }
        let _ = writeln!(out, "{meta}");
        for (a, b) in &e.disputes {
            let _ = writeln!(out, "    DISPUTE  {}: {}", a.claimant, clip(&a.text, 70));
            let _ = writeln!(out, "         vs  {}: {}", b.claimant, clip(&b.text, 70));
        }
        for (new, old) in &e.revisions {
            let label = |c: &recoupe_report::view::ClaimRow| {
                c.figure.clone().unwrap_or_else(|| clip(&c.text, 40))
            };
            let _ = writeln!(
                out,
                "    REVISED  {}: {} → {}",
                new.claimant,
                label(old),
                label(new)
            );
        }
        for (a, b) in &e.corroborations {
            let _ = writeln!(
                out,
                "    AGREE    {} ({}) and {} ({}): {}",
                a.claimant,
                a.source.label,
                b.claimant,
                b.source.label,
                clip(&a.text, 60)
            );
        }
        for col in &e.sides {
            let _ = writeln!(out, "    [{}]", col.side);
            for c in &col.claims {
                let figure = c
                    .figure
                    .as_deref()
                    .map(|f| format!("{f}: "))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "      {figure}{}  — {}  ({} #{})",
                    clip(&c.text, 70),
                    c.claimant,
                    c.source.document,
                    c.source.sentence
                );
            }
        }
    }
    if !report.set_aside.is_empty() {
        heading(out, "Set aside");
        for s in &report.set_aside {
            let _ = writeln!(out, "{}  {}", s.document, s.reason);
        }
    }
}

fn timeline(report: &Report, out: &mut String) {
    if report.timeline.is_empty() {
        return;
    }
    heading(out, "Timeline");
    for e in &report.timeline {
        let _ = writeln!(out, "{:<10}  {}", e.date, clip(&e.text, 100));
        let mut from = e.sources.clone();
        if from.is_empty() {
            from = e.documents.clone();
        }
        if !from.is_empty() {
            let _ = writeln!(out, "            ({})", from.join(", "));
        }
    }
}

/// The lines cleaning removed as debris; the title line is shown as the title instead.
fn debris(d: &Document) -> impl Iterator<Item = &recoupe_model::RemovedLine> {
    d.removed.iter().filter(|r| r.reason != "title")
}

fn removed(report: &Report, out: &mut String) {
    let lines: Vec<_> = report
        .documents
        .iter()
        .flat_map(|d| debris(d).map(move |r| (d, r)))
        .collect();
    if lines.is_empty() {
        return;
    }
    heading(out, "Removed from the body");
    for (d, r) in lines {
        let _ = writeln!(out, "{}  [{}]  {}", d.id, r.reason, clip(&r.text, 70));
    }
}

fn problems(report: &Report, out: &mut String) {
    if report.problems.is_empty() {
        return;
    }
    heading(out, "Inputs not analysed");
    for p in &report.problems {
        let _ = writeln!(out, "{p}");
    }
}

/// At most `n` characters of `s`, with an ellipsis when cut.
pub fn clip(s: &str, n: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use recoupe_model::{Claimant, FigureCategory, Speaker};

    fn doc() -> Document {
        Document {
            id: "d1".into(),
            published: Some("2024-01-02".into()),
            quotes: vec![Quote {
                text: "Tout va bien".into(),
                kind: QuoteKind::Direct,
                sentence: 0,
                speaker: Some(Speaker {
                    name: Some("Jeanne Roche".into()),
                    mention: "elle".into(),
                    entity: None,
                }),
                via: None,
                span: None,
            }],
            figures: vec![Figure {
                value: 7.0,
                category: FigureCategory::Wounded,
                qualifier: Qualifier::AtLeast,
                party: Some("Freedonia".into()),
                sentence: 1,
                claimed_by: Some(Claimant {
                    name: "Jeanne Roche".into(),
                    entity: None,
                }),
                text: "au moins sept blessés".into(),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn groups_quotes_under_the_resolved_speaker() {
        let r = Report {
            documents: vec![doc()],
            ..Default::default()
        };
        let t = text(&r);
        let at = t.find("Who said what").expect("section");
        assert!(t[at..].contains("Jeanne Roche (1)"));
        assert!(t[at..].contains("[direct] Tout va bien  (d1 #0)"));
    }

    #[test]
    fn figures_show_qualifier_claimant_and_date() {
        let r = Report {
            documents: vec![doc()],
            ..Default::default()
        };
        let t = text(&r);
        assert!(t.contains("Freedonia"));
        let line = t
            .lines()
            .find(|l| l.contains("wounded"))
            .expect("figure line");
        assert!(
            line.contains("≥ 7") && line.contains("Jeanne Roche") && line.contains("2024-01-02")
        );
    }

    #[test]
    fn empty_sections_are_left_out() {
        let t = text(&Report::default());
        assert!(!t.contains("Who said what"));
        assert!(!t.contains("Timeline"));
        assert!(t.contains("documents  0"));
    }

    #[test]
    fn clip_counts_characters_not_bytes() {
        assert_eq!(clip("éééé", 2), "éé…");
        assert_eq!(clip("abc", 5), "abc");
    }
}
