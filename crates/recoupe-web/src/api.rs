//! The JSON HTTP API: the report of `CONTRACT.md` and its parts, filtered lists of
//! quotes and figures, and a way to add articles. `/api/openapi.json` describes it.
//!
//! Every failure is a JSON object `{"error": "…"}` with a 4xx status that says what to
//! change (bad JSON 400, wrong content type 415, missing or contradictory fields 422,
//! unknown id 404, body too large 413); only a store failure is a 500. Handlers never
//! panic on input.

use crate::story::Story;
use crate::{analysis_failed, AppState};
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use recoupe_model::{Article, Report};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The OpenAPI description of this API.
pub const OPENAPI: &str = include_str!("openapi.json");

/// An API error: a status and a message, sent as `{"error": message}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(serde_json::json!({ "error": self.message })),
        )
            .into_response()
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        ApiError::new(r.status(), r.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, r.body_text())
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/report", get(report))
        .route("/api/documents", get(documents))
        .route("/api/documents/{id}", get(document).delete(delete_document))
        .route("/api/quotes", get(quotes))
        .route("/api/figures", get(figures))
        .route(
            "/api/entities",
            get(|s: State<AppState>| part(s, |r| &r.entities)),
        )
        .route(
            "/api/duplicates",
            get(|s: State<AppState>| part(s, |r| &r.duplicates)),
        )
        .route(
            "/api/document_duplicates",
            get(|s: State<AppState>| part(s, |r| &r.document_duplicates)),
        )
        .route(
            "/api/stories",
            get(|s: State<AppState>| part(s, |r| &r.stories)),
        )
        .route(
            "/api/timeline",
            get(|s: State<AppState>| part(s, |r| &r.timeline)),
        )
        .route(
            "/api/claims",
            get(|s: State<AppState>| part(s, |r| &r.claims)),
        )
        .route("/api/articles", axum::routing::post(add_article))
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

async fn report(State(s): State<AppState>) -> Response {
    Json(&*s.story.report()).into_response()
}

async fn part<T: Serialize>(State(s): State<AppState>, f: impl Fn(&Report) -> &T) -> Response {
    let r = s.story.report();
    Json(f(&r)).into_response()
}

/// One line of the document list.
#[derive(Serialize)]
struct DocumentSummary<'a> {
    id: &'a str,
    title: Option<&'a str>,
    outlet: Option<&'a str>,
    published: Option<&'a str>,
    url: Option<&'a str>,
    sentences: usize,
    quotes: usize,
    figures: usize,
}

async fn documents(State(s): State<AppState>) -> Response {
    let r = s.story.report();
    let list: Vec<DocumentSummary> = r
        .documents
        .iter()
        .map(|d| DocumentSummary {
            id: &d.id,
            title: d.title.as_deref(),
            outlet: d.outlet.as_deref(),
            published: d.published.as_deref(),
            url: d.url.as_deref(),
            sentences: d.sentences.len(),
            quotes: d.quotes.len(),
            figures: d.figures.len(),
        })
        .collect();
    Json(list).into_response()
}

async fn document(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let r = s.story.report();
    match r.documents.iter().find(|d| d.id == id) {
        Some(d) => Json(d).into_response(),
        None => unknown_document(&id).into_response(),
    }
}

fn unknown_document(id: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!(
            "no document with id {:?}; GET /api/documents lists them",
            recoupe_report::svg::clip(id, 80)
        ),
    )
}

async fn delete_document(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let story = Arc::clone(&s.story);
    let key = id.clone();
    match tokio::task::spawn_blocking(move || story.remove(&key)).await {
        Ok(Ok(true)) => StatusCode::NO_CONTENT.into_response(),
        Ok(Ok(false)) => unknown_document(&id).into_response(),
        Ok(Err(e)) => analysis_failed(e).into_response(),
        Err(e) => analysis_failed(e).into_response(),
    }
}

/// Filters of `/api/quotes`; every one is optional, all must hold.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct QuoteFilter {
    /// Part of the speaker's name or of the words that name them, any case.
    speaker: Option<String>,
    /// The outlet, or the document id.
    outlet: Option<String>,
    document: Option<String>,
    /// `direct`, `indirect` or `mixed`.
    kind: Option<String>,
}

#[derive(Serialize)]
struct QuoteHit<'a> {
    document: &'a str,
    outlet: Option<&'a str>,
    published: Option<&'a str>,
    sentence: usize,
    sentence_text: Option<&'a str>,
    #[serde(flatten)]
    quote: &'a recoupe_model::Quote,
}

fn contains_folded(hay: &str, needle: &str) -> bool {
    hay.to_lowercase().contains(&needle.to_lowercase())
}

async fn quotes(
    State(s): State<AppState>,
    filter: Result<Query<QuoteFilter>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(f) = filter?;
    if let Some(k) = &f.kind {
        if !["direct", "indirect", "mixed"].contains(&k.as_str()) {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "kind must be direct, indirect or mixed",
            ));
        }
    }
    let r = s.story.report();
    let mut hits = Vec::new();
    for d in &r.documents {
        if f.document.as_ref().is_some_and(|id| *id != d.id) {
            continue;
        }
        if let Some(o) = &f.outlet {
            let matches = d.id == *o
                || d.outlet
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(o));
            if !matches {
                continue;
            }
        }
        for q in &d.quotes {
            if let Some(want) = &f.speaker {
                let ok = q.speaker.as_ref().is_some_and(|sp| {
                    sp.name.as_deref().is_some_and(|n| contains_folded(n, want))
                        || contains_folded(&sp.mention, want)
                        || sp
                            .entity
                            .as_deref()
                            .and_then(|e| r.entities.iter().find(|x| x.id == e))
                            .is_some_and(|e| {
                                e.aliases
                                    .iter()
                                    .chain(std::iter::once(&e.name))
                                    .any(|a| contains_folded(a, want))
                            })
                });
                if !ok {
                    continue;
                }
            }
            if let Some(k) = &f.kind {
                let kind = serde_json::to_value(q.kind).ok();
                if kind.as_ref().and_then(|v| v.as_str()) != Some(k.as_str()) {
                    continue;
                }
            }
            hits.push(QuoteHit {
                document: &d.id,
                outlet: d.outlet.as_deref(),
                published: d.published.as_deref(),
                sentence: q.sentence,
                sentence_text: d.sentences.get(q.sentence).map(|s| s.text.as_str()),
                quote: q,
            });
        }
    }
    Ok(Json(hits).into_response())
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FigureFilter {
    party: Option<String>,
    category: Option<String>,
}

#[derive(Serialize)]
struct FigureHit<'a> {
    document: &'a str,
    outlet: Option<&'a str>,
    published: Option<&'a str>,
    #[serde(flatten)]
    figure: &'a recoupe_model::Figure,
}

async fn figures(
    State(s): State<AppState>,
    filter: Result<Query<FigureFilter>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(f) = filter?;
    let r = s.story.report();
    let mut hits = Vec::new();
    for d in &r.documents {
        for fig in &d.figures {
            if let Some(p) = &f.party {
                if !fig
                    .party
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(p))
                {
                    continue;
                }
            }
            if let Some(c) = &f.category {
                if recoupe_report::view::category_word(fig.category) != c.as_str() {
                    continue;
                }
            }
            hits.push(FigureHit {
                document: &d.id,
                outlet: d.outlet.as_deref(),
                published: d.published.as_deref(),
                figure: fig,
            });
        }
    }
    Ok(Json(hits).into_response())
}

/// A new article, as JSON: exactly one of `text` and `html`.
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct ArticleInput {
    pub id: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub text: Option<String>,
    pub html: Option<String>,
}

/// Longest id accepted for an article.
const MAX_ID_CHARS: usize = 200;

impl ArticleInput {
    /// The article to analyse, or what is wrong with the input.
    pub fn into_article(self) -> Result<Article, String> {
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|t| t.trim().is_empty());
        let (body, is_html) = match (self.text, self.html) {
            (Some(_), Some(_)) => return Err("give either text or html, not both".into()),
            (Some(t), None) => (t, false),
            (None, Some(h)) => (h, true),
            (None, None) => return Err("the article needs a text (or an html) field".into()),
        };
        if body.trim().is_empty() {
            return Err("the article text is empty".into());
        }
        if let Some(p) = &self.published {
            if !p.trim().is_empty() && !recoupe_report::view::is_calendar_date(p.trim()) {
                return Err(format!(
                    "published must be an ISO date such as 2024-03-05, not {:?}",
                    recoupe_report::svg::clip(p, 40)
                ));
            }
        }
        let id = match self.id.filter(|i| !i.trim().is_empty()) {
            Some(i) if i.chars().count() > MAX_ID_CHARS || i.chars().any(char::is_control) => {
                return Err(format!(
                    "id must be at most {MAX_ID_CHARS} printable characters"
                ));
            }
            Some(i) => i.trim().to_string(),
            None => format!("upload_{:016x}", fnv1a(body.as_bytes())),
        };
        let mut article = if is_html {
            let parsed = recoupe_ingest::parse_bytes(&format!("{id}.html"), body.as_bytes());
            match parsed.into_iter().next() {
                Some(Ok(a)) => a,
                Some(Err(p)) => return Err(p.reason),
                None => return Err("no article found in the HTML".into()),
            }
        } else {
            Article {
                body: body.replace("\r\n", "\n"),
                ..Default::default()
            }
        };
        article.id = id.clone();
        article.origin = format!("upload:{id}");
        let keep = |given: Option<String>, found: Option<String>| {
            if blank(&given) {
                found
            } else {
                given.map(|g| g.trim().to_string())
            }
        };
        article.title = keep(self.title, article.title);
        article.outlet = keep(self.outlet, article.outlet);
        article.published = keep(self.published, article.published);
        article.url = keep(self.url, article.url);
        article.author = keep(self.author, article.author);
        Ok(article)
    }
}

/// FNV-1a, 64 bits: a stable short name for an uploaded text.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

async fn add_article(
    State(s): State<AppState>,
    payload: Result<Json<ArticleInput>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(input) = payload?;
    let article = input
        .into_article()
        .map_err(|m| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, m))?;
    let added = add(&s.story, article).await?;
    Ok((StatusCode::CREATED, Json(added)).into_response())
}

/// Analyse one article off the async threads and merge it into the story.
pub async fn add(story: &Arc<Story>, article: Article) -> Result<crate::story::Added, ApiError> {
    let story = Arc::clone(story);
    match tokio::task::spawn_blocking(move || story.add(vec![article])).await {
        Ok(Ok(a)) => Ok(a),
        Ok(Err(e)) => Err(analysis_failed(e)),
        Err(e) => Err(analysis_failed(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_needs_one_body() {
        assert!(ArticleInput::default().into_article().is_err());
        let both = ArticleInput {
            text: Some("a".into()),
            html: Some("<p>a</p>".into()),
            ..Default::default()
        };
        assert!(both.into_article().is_err());
        let bad_date = ArticleInput {
            text: Some("Le maire a parlé.".into()),
            published: Some("hier".into()),
            ..Default::default()
        };
        assert!(bad_date.into_article().unwrap_err().contains("ISO date"));
    }

    #[test]
    fn text_input_gets_a_stable_id() {
        let input = || ArticleInput {
            text: Some("Le maire a parlé.".into()),
            outlet: Some("  La Gazette ".into()),
            ..Default::default()
        };
        let a = input().into_article().unwrap();
        let b = input().into_article().unwrap();
        assert_eq!(a.id, b.id);
        assert!(a.id.starts_with("upload_"));
        assert_eq!(a.outlet.as_deref(), Some("La Gazette"));
    }
}
