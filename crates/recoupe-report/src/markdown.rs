//! The story report as Markdown (CommonMark with GitHub tables), for reading in an
//! editor, a wiki or a code host.
//!
//! Every text from the articles is escaped so that it stays text: Markdown syntax is
//! backslash-escaped and `<`, `>`, `&` become entities, so neither links nor raw HTML can
//! be injected. Each line links to its sentence in the "Articles" section at the end,
//! where every sentence carries an HTML anchor (`<a id="doc-ID-s12"></a>`). Charts are
//! left to the HTML report.

use crate::view::{self, StoryView};
use std::fmt::Write;

/// Escape text for Markdown: inline syntax characters get a backslash, HTML
/// characters become entities, line breaks become spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '|' | '!' | '~' | '{' | '}'
            | '+' | '-' | '.' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Lighter escaping for running text where `.`, `-`, `(` are common and harmless in
/// the middle of a line: only what could open a construct anywhere in a line.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    // A line must not start with something Markdown reads as a block.
    match out.chars().next() {
        Some('#' | '-' | '+' | '=' | '!') => format!("\\{out}"),
        Some(c) if c.is_ascii_digit() && out.contains(". ") => {
            // "1. " at the start would make a list: escape the period.
            out.replacen(". ", "\\. ", 1)
        }
        _ => out,
    }
}

fn link(label: &str, anchor: &str) -> String {
    format!("[{}](#{anchor})", text(label))
}

fn sources(refs: &[view::SourceRef]) -> String {
    refs.iter()
        .map(|r| link(&r.label, &r.anchor))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Render the report as Markdown.
pub fn render(v: &StoryView) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", text(&v.title));
    overview(v, &mut out);
    events(v, &mut out);
    summary(v, &mut out);
    timeline(v, &mut out);
    speakers(v, &mut out);
    figures(v, &mut out);
    sources_matrix(v, &mut out);
    entities(v, &mut out);
    articles(v, &mut out);
    problems(v, &mut out);
    out
}

fn overview(v: &StoryView, out: &mut String) {
    let o = &v.overview;
    let published = match (&o.first_published, &o.last_published) {
        (Some(a), Some(b)) if a == b => format!(", published {}", text(a)),
        (Some(a), Some(b)) => format!(", published {} to {}", text(a), text(b)),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "{} article{}{}{}; {} quote{} from {} speaker{}; {} figure{}.\n",
        o.documents,
        plural(o.documents),
        if o.outlets.is_empty() {
            String::new()
        } else {
            format!(
                " from {}",
                o.outlets
                    .iter()
                    .map(|s| text(s))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
        published,
        o.quotes,
        plural(o.quotes),
        o.speakers,
        plural(o.speakers),
        o.figures,
        plural(o.figures),
    );
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn claim_words(c: &view::ClaimRow) -> String {
    let mut line = String::new();
    if let Some(f) = &c.figure {
        let _ = write!(line, "**{}** ", text(f));
    }
    let _ = write!(
        line,
        "«\u{a0}{}\u{a0}» — {} ({})",
        text(&clip(&c.text, 200)),
        text(&c.claimant),
        link(&c.source.label, &c.source.anchor)
    );
    line
}

fn clip(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn events(v: &StoryView, out: &mut String) {
    if v.events.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "## Events
"
    );
    for e in &v.events {
        let date = e
            .date
            .as_deref()
            .map(|d| format!("{} · ", text(d)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "### {date}{}
",
            text(&e.title)
        );
        let mut meta = format!("{} article{}", e.articles, plural(e.articles));
        if !e.parties.is_empty() {
            let names: Vec<String> = e.parties.iter().map(|p| text(p)).collect();
            let _ = write!(meta, "; sides: {}", names.join(" · "));
        }
        let _ = writeln!(out, "{meta}.\n");
        if !e.disputes.is_empty() {
            let _ = writeln!(out, "| One source says | Another contradicts |\n|---|---|");
            for (a, b) in &e.disputes {
                let _ = writeln!(out, "| {} | {} |", claim_words(a), claim_words(b));
            }
            out.push('\n');
        }
        for (new, old) in &e.revisions {
            let before = old.figure.clone().unwrap_or_else(|| clip(&old.text, 80));
            let after = new.figure.clone().unwrap_or_else(|| clip(&new.text, 80));
            let _ = writeln!(
                out,
                "- revised: **{}** {} ({}) → {} ({})",
                text(&new.claimant),
                text(&before),
                link(&old.source.label, &old.source.anchor),
                text(&after),
                link(&new.source.label, &new.source.anchor)
            );
        }
        if !e.revisions.is_empty() {
            out.push('\n');
        }
        for col in &e.sides {
            let _ = writeln!(out, "**{}**\n", text(&col.side));
            for c in &col.claims {
                let mut line = format!("- {}", claim_words(c));
                if !c.contradicted_by.is_empty() {
                    let names: Vec<String> = c.contradicted_by.iter().map(|n| text(n)).collect();
                    let _ = write!(line, "; **contradicted by {}**", names.join(", "));
                }
                if !c.corroborated_by.is_empty() {
                    let names: Vec<String> = c.corroborated_by.iter().map(|n| text(n)).collect();
                    let _ = write!(line, "; corroborated by {}", names.join(", "));
                }
                let _ = writeln!(out, "{line}");
            }
            out.push('\n');
        }
    }
    if !v.set_aside.is_empty() {
        let _ = writeln!(out, "Set aside as off the pile's topic:\n");
        for (r, why) in &v.set_aside {
            let _ = writeln!(out, "- {}: {}", link(&r.document, &r.anchor), text(why));
        }
        out.push('\n');
    }
}

fn summary(v: &StoryView, out: &mut String) {
    if v.summary.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Summary\n");
    for s in &v.summary {
        let mut line = format!("- «\u{a0}{}\u{a0}»", text(&s.text));
        if !s.attributed_to.is_empty() {
            let names: Vec<String> = s.attributed_to.iter().map(|n| text(n)).collect();
            let _ = write!(line, " — **{}**", names.join(", "));
        }
        if let Some(d) = &s.date {
            let _ = write!(line, ", {}", text(d));
        }
        if !s.sources.is_empty() {
            let _ = write!(line, " ({})", sources(&s.sources));
        }
        if !s.corroborated_by.is_empty() {
            let names: Vec<String> = s.corroborated_by.iter().map(|n| text(n)).collect();
            let _ = write!(line, "; corroborated by {}", names.join(", "));
        }
        if !s.contradicted_by.is_empty() {
            let names: Vec<String> = s.contradicted_by.iter().map(|n| text(n)).collect();
            let _ = write!(line, "; **contradicted by {}**", names.join(", "));
        }
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
}

fn timeline(v: &StoryView, out: &mut String) {
    if v.timeline.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Timeline\n");
    if v.timeline_from_dates {
        let _ = writeln!(out, "_Sentences with a resolved date, earliest first._\n");
    }
    let _ = writeln!(out, "| Date | Event | Sources |\n|---|---|---|");
    for r in &v.timeline {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            text(&r.date),
            text(&r.text),
            sources(&r.sources)
        );
    }
    out.push('\n');
}

fn speakers(v: &StoryView, out: &mut String) {
    if v.speakers.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Who said what\n");
    for s in &v.speakers {
        let name = if s.name.is_empty() {
            "Speaker not identified".to_string()
        } else {
            text(&s.name)
        };
        let mut head = format!("### {name}");
        if !s.roles.is_empty() {
            let roles: Vec<String> = s.roles.iter().map(|r| text(r)).collect();
            let _ = write!(head, " — {}", roles.join("; "));
        }
        let _ = writeln!(out, "{head}\n");
        if !s.aliases.is_empty() {
            let names: Vec<String> = s.aliases.iter().map(|r| text(r)).collect();
            let _ = writeln!(out, "_Also named:_ {}\n", names.join(", "));
        }
        for q in &s.quotes {
            let mut line = format!("- ({}) «\u{a0}{}\u{a0}»", q.kind, text(&q.text));
            if s.name.is_empty() && !q.mention.is_empty() {
                let _ = write!(line, " — {}", text(&q.mention));
            }
            if let Some(via) = &q.via {
                let _ = write!(line, ", via {}", text(via));
            }
            if let Some(d) = &q.date {
                let _ = write!(line, ", {}", text(d));
            }
            let _ = write!(line, " ({})", link(&q.source.label, &q.source.anchor));
            if q.repeated > 0 {
                let _ = write!(
                    line,
                    " — reported {} more time{}",
                    q.repeated,
                    plural(q.repeated)
                );
            }
            let _ = writeln!(out, "{line}");
        }
        out.push('\n');
    }
}

fn figures(v: &StoryView, out: &mut String) {
    if v.figures.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Figures\n");
    if !v.sides.parties.is_empty() {
        let _ = writeln!(out, "### Casualty claims by side\n");
        let heads: Vec<String> = v.sides.parties.iter().map(|p| text(p)).collect();
        let _ = writeln!(out, "| | {} |", heads.join(" | "));
        let _ = writeln!(out, "|---|{}", "---|".repeat(heads.len()));
        for r in &v.sides.rows {
            let cells: Vec<String> = r
                .cells
                .iter()
                .map(|c| {
                    c.iter()
                        .map(|f| {
                            format!(
                                "{} ({}{})",
                                text(&f.label),
                                text(f.claimant.as_deref().unwrap_or("no claimant")),
                                f.date
                                    .as_deref()
                                    .map(|d| format!(", {}", text(d)))
                                    .unwrap_or_default()
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .collect();
            let _ = writeln!(out, "| {} | {} |", r.category, cells.join(" | "));
        }
        out.push('\n');
    }
    let revised: Vec<_> = v.figures.iter().filter(|s| s.revision.is_some()).collect();
    if !revised.is_empty() {
        for s in revised {
            let party = if s.party.is_empty() {
                "party not stated"
            } else {
                &s.party
            };
            let mark = if s.disputed {
                " — **disputed**"
            } else if s.revised {
                " — **revised**"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "- {} · {}: {}{mark}",
                text(party),
                s.category,
                text(s.revision.as_deref().unwrap_or(""))
            );
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "| Party | Category | Figure | Claimed by | Date | Source |\n|---|---|---|---|---|---|"
    );
    for s in &v.figures {
        for f in &s.rows {
            let _ = writeln!(
                out,
                "| {} | {} | {}{} | {} | {} | {} |",
                text(if s.party.is_empty() { "—" } else { &s.party }),
                s.category,
                text(&f.label),
                if s.disputed { " ⚠" } else { "" },
                text(f.claimant.as_deref().unwrap_or("—")),
                text(f.date.as_deref().unwrap_or("—")),
                link(&f.source.label, &f.source.anchor)
            );
        }
    }
    out.push('\n');
}

fn sources_matrix(v: &StoryView, out: &mut String) {
    let m = &v.sources;
    if m.rows.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Sources\n");
    let _ = writeln!(out, "Which article reports which statement: ● own sentence, ◐ copy of another article's dispatch.\n");
    let heads: Vec<String> = m
        .columns
        .iter()
        .map(|c| link(&crate::svg::clip(&c.label, 24), &c.anchor))
        .collect();
    let _ = writeln!(out, "| Statement | {} |", heads.join(" | "));
    let _ = writeln!(out, "|---|{}", "---|".repeat(heads.len()));
    for r in &m.rows {
        let cells: Vec<String> = r
            .cells
            .iter()
            .map(|c| match (&c.source, c.kind.as_str()) {
                (Some(s), "copy") => link("◐", &s.anchor),
                (Some(s), _) => link("●", &s.anchor),
                _ => String::new(),
            })
            .collect();
        let who = r
            .speaker
            .as_deref()
            .map(|s| format!(" — {}", text(s)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| {}{who} | {} |",
            text(&crate::svg::clip(&r.text, 140)),
            cells.join(" | ")
        );
    }
    out.push('\n');
}

fn entities(v: &StoryView, out: &mut String) {
    if v.entities.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Entities\n");
    let _ = writeln!(
        out,
        "| Name | Type | Also named | Articles |\n|---|---|---|---|"
    );
    for e in &v.entities {
        let aliases: Vec<String> = e.aliases.iter().chain(&e.roles).map(|a| text(a)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            text(&e.name),
            e.kind,
            aliases.join(", "),
            e.documents
        );
    }
    out.push('\n');
}

fn articles(v: &StoryView, out: &mut String) {
    if v.articles.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Articles\n");
    for a in &v.articles {
        let title = a.title.as_deref().unwrap_or(&a.id);
        let _ = writeln!(out, "### <a id=\"{}\"></a>{}\n", a.anchor, text(title));
        let mut meta = vec![text(&a.id)];
        if let Some(o) = &a.outlet {
            meta.push(text(o));
        }
        if let Some(p) = &a.published {
            meta.push(text(p));
        }
        if let Some(au) = &a.author {
            meta.push(text(au));
        }
        if let Some(u) = &a.url {
            meta.push(format!("<{}>", u.replace('>', "%3E")));
        }
        if !a.copy_of.is_empty() {
            let copies: Vec<String> = a
                .copy_of
                .iter()
                .map(|c| link(c, &view::document_anchor(c)))
                .collect();
            meta.push(format!("copy of {}", copies.join(", ")));
        }
        let _ = writeln!(out, "{}\n", meta.join(" · "));
        for p in &a.paragraphs {
            let line: Vec<String> = p
                .iter()
                .map(|s| format!("<a id=\"{}\"></a>{}", s.anchor, text(&s.text)))
                .collect();
            let _ = writeln!(out, "{}\n", line.join(" "));
        }
    }
}

fn problems(v: &StoryView, out: &mut String) {
    if v.problems.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Inputs not analysed\n");
    for p in &v.problems {
        let _ = writeln!(out, "- {}", text(p));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_markup_inert() {
        assert_eq!(text("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert_eq!(text("[clic](javascript:x)"), "\\[clic\\](javascript:x)");
        assert_eq!(text("# titre"), "\\# titre");
        assert_eq!(text("- tiret"), "\\- tiret");
        assert_eq!(text("a | b"), "a \\| b");
        assert_eq!(text("1. un"), "1\\. un");
        assert_eq!(text("ligne\nsuite"), "ligne suite");
        assert_eq!(escape("a.b"), "a\\.b");
    }
}
