//! The HTML pages of the web UI: the story (the report's sections with filters by
//! speaker, outlet and date, a search box, and a form to add an article), the
//! self-contained HTML report and the Markdown report as downloads.
//!
//! Every page gets a fresh nonce, and its Content-Security-Policy allows only the
//! script and the stylesheet that carry it: no inline handlers, no `javascript:` URLs,
//! no external resource. Article text reaches the page only through askama's escaping
//! (in `recoupe-report`'s templates and here). The script filters rows already on the
//! page; it never builds HTML from data.

use crate::api::{self, ArticleInput};
use crate::AppState;
use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use recoupe_report::{html, view, StoryView};
use serde::Deserialize;
use std::collections::BTreeSet;

const SCRIPT: &str = include_str!("../templates/ui.js");
const UI_STYLE: &str = include_str!("../templates/ui.css");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(index))
        .route("/articles", axum::routing::post(upload))
        .route("/report.html", get(report_html))
        .route("/report.md", get(report_md))
}

/// 128 random bits, hex: the nonce of one page.
fn nonce() -> String {
    let mut buf = [0u8; 16];
    if getrandom::fill(&mut buf).is_err() {
        // No system randomness: the address of a stack value and the time still differ
        // per request; the policy stays strict either way.
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        buf.copy_from_slice(&t.to_le_bytes());
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// The policy of a page whose script and style carry `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src 'self' data:; \
         connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )
}

fn html_response(status: StatusCode, nonce: &str, body: String) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&page_policy(nonce)) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

struct Choice {
    value: String,
    label: String,
}

#[derive(Template)]
#[template(path = "ui.html")]
struct UiPage<'a> {
    v: &'a StoryView,
    nonce: &'a str,
    stylesheet: &'a str,
    ui_style: &'a str,
    script: &'a str,
    sections: String,
    speakers: Vec<String>,
    outlets: Vec<Choice>,
    max_upload_kib: usize,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
struct IndexQuery {
    added: Option<String>,
}

/// The choices of the outlet filter: outlets, then documents without one.
fn outlet_choices(v: &StoryView) -> Vec<Choice> {
    let mut named = BTreeSet::new();
    let mut out = Vec::new();
    for a in &v.articles {
        if let Some(o) = a.outlet.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
            if named.insert(o.to_string()) {
                out.push(Choice {
                    value: o.to_string(),
                    label: o.to_string(),
                });
            }
        }
    }
    out.sort_by(|a, b| a.label.cmp(&b.label));
    for a in &v.articles {
        if a.outlet.as_deref().is_none_or(|o| o.trim().is_empty()) {
            let label = match &a.title {
                Some(t) => format!(
                    "{} — {}",
                    recoupe_report::svg::clip(&a.id, 16),
                    recoupe_report::svg::clip(t, 40)
                ),
                None => a.id.clone(),
            };
            out.push(Choice {
                value: a.id.clone(),
                label,
            });
        }
    }
    out
}

fn render_index(
    s: &AppState,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let report = s.story.report();
    let v = view::build(&report);
    let nonce = nonce();
    let page = UiPage {
        sections: html::sections(&v),
        speakers: v
            .speakers
            .iter()
            .filter(|x| !x.name.is_empty())
            .map(|x| x.name.clone())
            .collect(),
        outlets: outlet_choices(&v),
        v: &v,
        nonce: &nonce,
        stylesheet: html::STYLESHEET,
        ui_style: UI_STYLE,
        script: SCRIPT,
        max_upload_kib: s.max_upload / 1024,
        notice,
        error,
    };
    match page.render() {
        Ok(body) => html_response(status, &nonce, body),
        Err(e) => crate::analysis_failed(e).into_response(),
    }
}

async fn index(
    State(s): State<AppState>,
    q: Result<Query<IndexQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let report = s.story.report();
    let notice = q.ok().and_then(|Query(q)| q.added).and_then(|id| {
        report.documents.iter().find(|d| d.id == id).map(|d| {
            format!(
                "Added {}: {} sentence{}, {} quote{}, {} figure{}.",
                d.title.as_deref().unwrap_or(&d.id),
                d.sentences.len(),
                if d.sentences.len() == 1 { "" } else { "s" },
                d.quotes.len(),
                if d.quotes.len() == 1 { "" } else { "s" },
                d.figures.len(),
                if d.figures.len() == 1 { "" } else { "s" },
            )
        })
    });
    render_index(&s, notice, None, StatusCode::OK)
}

/// The upload form: pasted (or file-read) text or HTML with optional metadata.
#[derive(Deserialize)]
struct UploadForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    outlet: String,
    #[serde(default)]
    published: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    content: String,
}

async fn upload(
    State(s): State<AppState>,
    form: Result<Form<UploadForm>, FormRejection>,
) -> Response {
    let f = match form {
        Ok(Form(f)) => f,
        Err(e) => return render_index(&s, None, Some(e.body_text()), e.status()),
    };
    let opt = |v: String| Some(v).filter(|x| !x.trim().is_empty());
    let is_html = match f.format.as_str() {
        "html" => true,
        "text" | "" => false,
        _ => {
            return render_index(
                &s,
                None,
                Some("format must be text or html".into()),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    };
    let input = ArticleInput {
        id: None,
        title: opt(f.title),
        outlet: opt(f.outlet),
        published: opt(f.published),
        url: opt(f.url),
        author: None,
        text: (!is_html).then(|| f.content.clone()),
        html: is_html.then_some(f.content),
    };
    let article = match input.into_article() {
        Ok(a) => a,
        Err(m) => return render_index(&s, None, Some(m), StatusCode::UNPROCESSABLE_ENTITY),
    };
    let id = article.id.clone();
    match api::add(&s.story, article).await {
        Ok(_) => {
            let target = format!(
                "/?added={}#{}",
                percent_encode(&id),
                view::document_anchor(&id)
            );
            // `Redirect::to` answers 303 See Other: the browser then GETs the page.
            Redirect::to(&target).into_response()
        }
        Err(e) => render_index(&s, None, Some(e.message), e.status),
    }
}

/// Percent-encode everything but unreserved URL characters.
fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

async fn report_html(State(s): State<AppState>) -> Response {
    let body = recoupe_report::html(&s.story.report());
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    // The file's own policy, as a header too: no script at all.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    );
    r
}

async fn report_md(State(s): State<AppState>) -> Response {
    let body = recoupe_report::markdown(&s.story.report());
    (
        [
            (header::CONTENT_TYPE, "text/markdown; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "inline; filename=\"report.md\"",
            ),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_differ_and_are_hex() {
        let (a, b) = (nonce(), nonce());
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert!(page_policy(&a).contains(&format!("script-src 'nonce-{a}'")));
    }

    #[test]
    fn percent_encoding() {
        assert_eq!(percent_encode("a b#c"), "a%20b%23c");
        assert_eq!(percent_encode("é"), "%C3%A9");
    }
}
