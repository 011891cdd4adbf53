//! Small charts as inline SVG, drawn in Rust: a strip of the timeline's dates and a bar
//! chart of the figures. They are pictures of the tables next to them, not a charting
//! library: fixed sizes, no JavaScript, every text escaped, colours from classes the
//! page's stylesheet defines (no `style` attributes, so a strict Content-Security-Policy
//! holds). Each mark links to the row or sentence it stands for.

use crate::view::{FigureSeries, TimelineRow};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Escape text for SVG/XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Days since 1970-01-01 of a TimeML calendar value (`YYYY`, `YYYY-MM`, `YYYY-MM-DD…`);
/// a month counts as its 15th day, a year as its 1st of July.
pub fn day_number(v: &str) -> Option<i64> {
    let y: i64 = v.get(0..4)?.parse().ok()?;
    let m: i64 = match v.get(5..7) {
        Some(m) => m.parse().ok()?,
        None => 7,
    };
    let d: i64 = match v.get(8..10) {
        Some(d) => d.parse().ok()?,
        None if v.len() >= 7 => 15,
        None => 1,
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (H. Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

const WIDTH: f64 = 760.0;

/// A strip with one dot per date of the timeline (bigger for more events); empty when
/// there are fewer than two dated rows.
pub fn timeline_plot(rows: &[TimelineRow], row_anchor: impl Fn(usize) -> String) -> String {
    let mut by_day: BTreeMap<i64, (String, Vec<usize>)> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let Some(d) = day_number(&r.date) {
            by_day
                .entry(d)
                .or_insert_with(|| (r.date.get(..10).unwrap_or(&r.date).to_string(), Vec::new()))
                .1
                .push(i);
        }
    }
    if by_day.len() < 2 {
        return String::new();
    }
    let (first, last) = match (by_day.keys().next(), by_day.keys().next_back()) {
        (Some(a), Some(b)) => (*a, *b),
        _ => return String::new(),
    };
    let span = (last - first).max(1) as f64;
    let (left, right, height, axis) = (40.0, WIDTH - 40.0, 86.0, 52.0);
    let x = |d: i64| left + (d - first) as f64 / span * (right - left);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart timeline-plot" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-label="Timeline: {} dates from {} to {}" xmlns="http://www.w3.org/2000/svg">"#,
        by_day.len(),
        xml_escape(&by_day[&first].0),
        xml_escape(&by_day[&last].0)
    );
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{left}" y1="{axis}" x2="{right}" y2="{axis}"/>"#
    );
    // Ticks: years, or months when the span is short.
    for (tick, label) in ticks(first, last) {
        let tx = x(tick);
        let _ = write!(
            svg,
            r#"<line class="tick" x1="{tx:.1}" y1="{a}" x2="{tx:.1}" y2="{b}"/><text class="tick-label" x="{tx:.1}" y="{ty}" text-anchor="middle">{}</text>"#,
            xml_escape(&label),
            a = axis - 4.0,
            b = axis + 4.0,
            ty = axis + 20.0,
        );
    }
    let max = by_day.values().map(|v| v.1.len()).max().unwrap_or(1) as f64;
    for (day, (label, idx)) in &by_day {
        let r = 4.0 + 6.0 * (idx.len() as f64 / max).sqrt();
        let _ = write!(
            svg,
            r##"<a href="#{}"><circle class="event" cx="{:.1}" cy="{axis}" r="{r:.1}"><title>{} — {} event{}</title></circle></a>"##,
            xml_escape(&row_anchor(idx[0])),
            x(*day),
            xml_escape(label),
            idx.len(),
            if idx.len() == 1 { "" } else { "s" },
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Yearly ticks, or monthly ones (every few months) when the span is under two years.
fn ticks(first: i64, last: i64) -> Vec<(i64, String)> {
    let year_of = |d: i64| 1970 + (d as f64 / 365.2425).floor() as i64;
    let mut out = Vec::new();
    if last - first > 730 {
        for y in year_of(first)..=year_of(last) + 1 {
            if let Some(d) = day_number(&format!("{y:04}-01-01")) {
                if d >= first && d <= last {
                    out.push((d, format!("{y}")));
                }
            }
        }
    } else {
        let step = if last - first > 240 { 3 } else { 1 };
        for y in year_of(first) - 1..=year_of(last) + 1 {
            for m in (1..=12).step_by(step) {
                if let Some(d) = day_number(&format!("{y:04}-{m:02}-01")) {
                    if d >= first && d <= last {
                        out.push((d, format!("{y}-{m:02}")));
                    }
                }
            }
        }
    }
    if out.len() > 12 {
        let keep = out.len().div_ceil(12);
        out = out.into_iter().step_by(keep).collect();
    }
    out
}

/// Horizontal bars, one per figure, grouped by party and category; revised series show
/// their earlier values pale, disputed ones are marked. A logarithmic scale is used when
/// the values differ by more than fifty times. Empty when there is no figure.
pub fn figures_chart(series: &[FigureSeries]) -> String {
    let values: Vec<f64> = series
        .iter()
        .flat_map(|s| s.rows.iter().map(|r| r.value))
        .filter(|v| v.is_finite() && *v > 0.0)
        .collect();
    if values.is_empty() {
        return String::new();
    }
    let max = values.iter().cloned().fold(f64::MIN, f64::max);
    let min = values.iter().cloned().fold(f64::MAX, f64::min);
    let log = max / min > 50.0;
    let (label_w, bar_left, bar_right) = (210.0, 220.0, WIDTH - 250.0);
    let scale = |v: f64| -> f64 {
        let t = if log {
            (v.max(1.0)).log10() / max.max(10.0).log10()
        } else {
            v / max
        };
        (bar_right - bar_left) * t.clamp(0.0, 1.0)
    };
    let (bar_h, gap, head) = (16.0, 6.0, 24.0);
    let mut body = String::new();
    let mut y = 8.0;
    for s in series {
        let party = if s.party.is_empty() {
            "party not stated"
        } else {
            &s.party
        };
        let _ = write!(
            body,
            r#"<text class="series-label" x="4" y="{:.1}">{} · {}{}</text>"#,
            y + 14.0,
            xml_escape(party),
            xml_escape(&s.category),
            if s.disputed {
                " (disputed)"
            } else if s.revised {
                " (revised)"
            } else {
                ""
            }
        );
        y += head;
        let n = s.rows.len();
        for (i, r) in s.rows.iter().enumerate() {
            let w = scale(r.value).max(2.0);
            let class = if s.disputed {
                "bar disputed"
            } else if s.revised && i + 1 < n {
                "bar earlier"
            } else {
                "bar"
            };
            let who = r.claimant.as_deref().unwrap_or("no claimant");
            let _ = write!(
                body,
                r##"<a href="#{a}"><rect class="{class}" x="{bar_left}" y="{y:.1}" width="{w:.1}" height="{bar_h}"><title>{t}</title></rect></a><text class="bar-value" x="{vx:.1}" y="{ty:.1}">{label}</text><text class="bar-who" x="{label_w}" y="{ty:.1}" text-anchor="end">{who}</text>"##,
                a = xml_escape(&r.source.anchor),
                t = xml_escape(&format!("{} — {who}", r.label)),
                vx = bar_left + w + 6.0,
                ty = y + 12.5,
                label = xml_escape(&format!(
                    "{}{}",
                    r.label,
                    r.date
                        .as_deref()
                        .map(|d| format!(" ({d})"))
                        .unwrap_or_default()
                )),
                who = xml_escape(&clip(who, 32)),
            );
            y += bar_h + gap;
        }
        y += 6.0;
    }
    let height = y + 8.0;
    format!(
        r#"<svg class="chart figures-chart" viewBox="0 0 {WIDTH} {height:.0}" width="{WIDTH}" height="{height:.0}" role="img" aria-label="Figures by party{}" xmlns="http://www.w3.org/2000/svg">{body}</svg>"#,
        if log { " (logarithmic scale)" } else { "" }
    )
}

/// At most `n` characters, with an ellipsis when cut.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::{FigureRow, SourceRef};

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2022-08-04"), Some(19208));
        assert_eq!(day_number("2020-11"), day_number("2020-11-15"));
        assert_eq!(day_number("2021-11-16T17:30"), day_number("2021-11-16"));
        assert_eq!(day_number("PRESENT_REF"), None);
        assert_eq!(day_number("2022-13-01"), None);
        assert_eq!(day_number("é"), None);
    }

    fn row(date: &str) -> TimelineRow {
        TimelineRow {
            date: date.into(),
            text: "<b>x</b>".into(),
            sources: vec![],
            outlets: vec![],
        }
    }

    #[test]
    fn timeline_plot_needs_two_dates_and_escapes() {
        assert!(timeline_plot(&[row("2022-08-03")], |i| format!("t{i}")).is_empty());
        let svg = timeline_plot(
            &[row("2020-09-30"), row("2022-08-03"), row("2022-08-03")],
            |i| format!("t\"{i}"),
        );
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("2021"));
        assert!(svg.contains("t&quot;0"));
        assert!(!svg.contains("style="));
    }

    #[test]
    fn figures_chart_escapes_claimants() {
        let r = |v: f64, who: &str| FigureRow {
            value: v,
            label: format!("{v}"),
            qualifier: "exact".into(),
            claimant: Some(who.into()),
            date: None,
            words: String::new(),
            outlet: "o".into(),
            source: SourceRef {
                document: "d".into(),
                sentence: 0,
                anchor: "doc-d-s0".into(),
                label: "d §1".into(),
            },
        };
        let s = FigureSeries {
            event: None,
            party: "Ruritanie".into(),
            category: "killed".into(),
            rows: vec![r(3.0, "<script>"), r(3000.0, "le maire")],
            revised: false,
            disputed: true,
            revision: None,
        };
        let svg = figures_chart(&[s]);
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("logarithmic"));
        assert!(svg.contains("(disputed)"));
        assert!(figures_chart(&[]).is_empty());
    }
}
