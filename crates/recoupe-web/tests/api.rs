//! The HTTP API and pages answered in-process (no socket): good requests, bad ones
//! (malformed JSON, wrong content type, unknown fields, huge bodies, unknown ids, wrong
//! methods), security headers, and persistence across a restart.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::BodyExt;
use recoupe_web::{app, AppState, Store, Story};
use std::sync::Arc;
use tower::ServiceExt;

const LIMIT: usize = 64 * 1024;

fn state_with(store: Store) -> AppState {
    AppState {
        story: Arc::new(Story::open(store, recoupe::Options::default()).unwrap()),
        max_upload: LIMIT,
    }
}

fn state() -> AppState {
    state_with(Store::in_memory().unwrap())
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Answer {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

async fn send(state: &AppState, req: Request<Body>) -> Answer {
    let res = app(state.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get(state: &AppState, uri: &str) -> Answer {
    send(state, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post_json(state: &AppState, uri: &str, body: impl Into<Body>) -> Answer {
    let req = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .unwrap();
    send(state, req).await
}

const ARTICLE: &str = "« Nous rouvrirons la ligne de tramway lundi », a déclaré mardi la présidente de la métropole, Hélène Garnier. Au moins 4 personnes ont été blessées lors de l'accident, selon les pompiers.";

fn article_json(id: &str) -> String {
    serde_json::json!({
        "id": id,
        "title": "Le tramway reprend lundi",
        "outlet": "Le Courrier du Nord",
        "published": "2024-05-14",
        "text": ARTICLE,
    })
    .to_string()
}

#[tokio::test]
async fn add_then_read_back() {
    let s = state();
    let r = post_json(&s, "/api/articles", article_json("tram-1")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["analysed"][0], "tram-1");

    let doc = get(&s, "/api/documents/tram-1").await;
    assert_eq!(doc.status, StatusCode::OK);
    let d = doc.json();
    assert_eq!(d["outlet"], "Le Courrier du Nord");
    assert!(d["sentences"].as_array().unwrap().len() >= 2);

    let list = get(&s, "/api/documents").await.json();
    assert_eq!(list.as_array().unwrap().len(), 1);

    let report = get(&s, "/api/report").await.json();
    for key in [
        "documents",
        "entities",
        "duplicates",
        "document_duplicates",
        "stories",
        "timeline",
        "claims",
    ] {
        assert!(report[key].is_array(), "{key}");
    }
    for part in [
        "/api/entities",
        "/api/duplicates",
        "/api/document_duplicates",
        "/api/stories",
        "/api/timeline",
        "/api/claims",
        "/api/figures",
    ] {
        let a = get(&s, part).await;
        assert_eq!(a.status, StatusCode::OK, "{part}");
        assert!(a.json().is_array(), "{part}");
    }

    // Quotes filtered by speaker: every hit names the speaker somewhere.
    let quotes = get(&s, "/api/quotes?speaker=garnier").await.json();
    for q in quotes.as_array().unwrap() {
        let sp = q["speaker"].to_string().to_lowercase();
        assert!(sp.contains("garnier") || sp.contains("présidente"), "{q}");
    }
    let none = get(&s, "/api/quotes?speaker=personne-de-ce-nom")
        .await
        .json();
    assert_eq!(none.as_array().unwrap().len(), 0);

    // The same article again changes nothing.
    let again = post_json(&s, "/api/articles", article_json("tram-1")).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.json()["unchanged"][0], "tram-1");

    // Removing it.
    let del = send(
        &s,
        Request::delete("/api/documents/tram-1")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    assert_eq!(
        get(&s, "/api/documents/tram-1").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn bad_requests_get_4xx_with_a_reason() {
    let s = state();
    let cases: Vec<(&str, Request<Body>, StatusCode)> = vec![
        (
            "malformed JSON",
            Request::post("/api/articles")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{\"text\": "))
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "not JSON at all",
            Request::post("/api/articles")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("\u{0}\u{1}garbage"))
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "wrong content type",
            Request::post("/api/articles")
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from(article_json("x")))
                .unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "wrong JSON type",
            Request::post("/api/articles")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("[1, 2, 3]"))
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "unknown field",
            Request::post("/api/articles")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(r#"{"text": "Un texte.", "colour": "red"}"#))
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "no body field",
            Request::post("/api/articles")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(r#"{"title": "Sans texte"}"#))
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "text and html",
            Request::post("/api/articles")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(r#"{"text": "a", "html": "<p>a</p>"}"#))
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "bad date",
            Request::post("/api/articles")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(
                    r#"{"text": "Un texte.", "published": "demain"}"#,
                ))
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "huge body",
            Request::post("/api/articles")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(format!(
                    r#"{{"text": "{}"}}"#,
                    "a".repeat(LIMIT * 2)
                )))
                .unwrap(),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            "huge form",
            Request::post("/articles")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!("content={}", "a".repeat(LIMIT * 2))))
                .unwrap(),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            "unknown id",
            Request::get("/api/documents/nope")
                .body(Body::empty())
                .unwrap(),
            StatusCode::NOT_FOUND,
        ),
        (
            "unknown id deleted",
            Request::delete("/api/documents/nope")
                .body(Body::empty())
                .unwrap(),
            StatusCode::NOT_FOUND,
        ),
        (
            "unknown path",
            Request::get("/api/nothing-here")
                .body(Body::empty())
                .unwrap(),
            StatusCode::NOT_FOUND,
        ),
        (
            "unknown filter",
            Request::get("/api/quotes?colour=red")
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "bad quote kind",
            Request::get("/api/quotes?kind=shouted")
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "wrong method on report",
            Request::delete("/api/report").body(Body::empty()).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            "wrong method on articles",
            Request::get("/api/articles").body(Body::empty()).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            "wrong method on a page",
            Request::put("/").body(Body::empty()).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            "form with a bad format",
            Request::post("/articles")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("format=pdf&content=Un+texte."))
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "form with wrong content type",
            Request::post("/articles")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{}"))
                .unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
    ];
    for (what, req, want) in cases {
        let r = send(&s, req).await;
        assert_eq!(r.status, want, "{what}: {}", r.body);
        assert!(!r.body.is_empty(), "{what}: an error says why");
        assert_eq!(
            r.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(),
            "nosniff",
            "{what}"
        );
    }
    // Nothing was added by all that.
    assert_eq!(
        get(&s, "/api/documents")
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn page_has_a_strict_policy_with_its_nonce() {
    let s = state();
    post_json(&s, "/api/articles", article_json("tram-2")).await;
    let r = get(&s, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    let csp = r
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
        "{csp}"
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(r.body.contains(&format!("<script nonce=\"{nonce}\"")));
    assert!(r.body.contains(&format!("<style nonce=\"{nonce}\"")));
    assert!(!r.body.contains(" onclick=") && !r.body.contains(" onload="));
    assert!(r.body.contains("Le tramway reprend lundi"));
    // A second page has another nonce.
    let again = get(&s, "/").await;
    assert_ne!(
        again
            .headers
            .get(header::CONTENT_SECURITY_POLICY)
            .unwrap()
            .to_str()
            .unwrap(),
        csp
    );
    // The downloads.
    let html = get(&s, "/report.html").await;
    assert!(html.body.starts_with("<!DOCTYPE html>") && !html.body.contains("<script"));
    let md = get(&s, "/report.md").await;
    assert!(md
        .headers
        .get(header::CONTENT_TYPE)
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/markdown"));
    assert!(md.body.contains("## Articles"));
}

#[tokio::test]
async fn form_upload_redirects_to_the_new_article() {
    let s = state();
    let body = format!(
        "title=Tram&outlet=Gazette&published=2024-05-14&format=text&content={}",
        ARTICLE
            .bytes()
            .map(|b| format!("%{b:02X}"))
            .collect::<String>()
    );
    let req = Request::builder()
        .method(Method::POST)
        .uri("/articles")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let r = send(&s, req).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let to = r.headers.get(header::LOCATION).unwrap().to_str().unwrap();
    assert!(to.starts_with("/?added=upload_"), "{to}");
    let page = get(&s, to.split('#').next().unwrap()).await;
    assert!(page.body.contains("id=\"notice\""));
}

#[tokio::test]
async fn openapi_lists_every_route() {
    let s = state();
    let r = get(&s, "/api/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let spec = r.json();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/report",
        "/api/documents",
        "/api/documents/{id}",
        "/api/quotes",
        "/api/figures",
        "/api/entities",
        "/api/duplicates",
        "/api/document_duplicates",
        "/api/stories",
        "/api/timeline",
        "/api/claims",
        "/api/articles",
    ] {
        assert!(spec["paths"][path].is_object(), "{path} is not described");
        let probe = path.replace("{id}", "nope");
        let status = if path == "/api/articles" {
            post_json(&s, &probe, "{}").await.status
        } else {
            get(&s, &probe).await.status
        };
        assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{path}");
        assert!(
            status != StatusCode::NOT_FOUND || path.contains("{id}"),
            "{path} is described but not served"
        );
    }
}

#[tokio::test]
async fn a_restart_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("story.sqlite");
    {
        let s = state_with(Store::open(&db).unwrap());
        let r = post_json(&s, "/api/articles", article_json("tram-3")).await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
    let s = state_with(Store::open(&db).unwrap());
    let d = get(&s, "/api/documents/tram-3").await;
    assert_eq!(d.status, StatusCode::OK);
    assert_eq!(d.json()["title"], "Le tramway reprend lundi");
}
