//! `recoupe serve`: the story in a browser, over a local HTTP server.
//!
//! ```text
//! paths ──► ingest ──► Story::add ──► Store (SQLite: articles + per-document results)
//!                          │
//!                          └──► link over all documents ──► Report ──► pages / JSON API
//! ```
//!
//! - [`story`]: the articles, their analyses and the current report, kept in step;
//!   adding an article analyses only that article, then links the story again;
//! - [`store`]: the SQLite file that makes a restart lose nothing;
//! - [`pages`]: the HTML UI (filters, search, upload) under a strict CSP with nonces;
//! - [`api`]: the JSON API that mirrors the report contract, described by
//!   `/api/openapi.json`.
//!
//! Every response carries `X-Content-Type-Options: nosniff`, `Referrer-Policy:
//! no-referrer`, `X-Frame-Options: DENY` and a Content-Security-Policy (`default-src
//! 'none'` unless the page sets its own). Request bodies are capped (413 beyond).
//! The server listens on 127.0.0.1 unless told otherwise; it has no accounts: whoever
//! can reach it can add and remove articles.

pub mod api;
pub mod pages;
pub mod store;
pub mod story;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::Router;
use recoupe_model::{Article, InputProblem};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

pub use store::Store;
pub use story::{Added, Story};

/// Default cap on a request body: 4 MiB.
pub const DEFAULT_MAX_UPLOAD: usize = 4 << 20;

/// What the server shares between requests.
#[derive(Clone)]
pub struct AppState {
    pub story: Arc<Story>,
    /// Largest request body accepted, in bytes.
    pub max_upload: usize,
}

/// The whole application: pages, API, security headers, body cap.
pub fn app(state: AppState) -> Router {
    let limit = state.max_upload;
    Router::new()
        .merge(pages::routes())
        .merge(api::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(wrong_method)
        .with_state(state)
        .layer(DefaultBodyLimit::max(limit))
        .layer(RequestBodyLimitLayer::new(limit))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
}

async fn not_found(uri: axum::http::Uri) -> impl IntoResponse {
    api::ApiError::new(
        StatusCode::NOT_FOUND,
        format!(
            "nothing at {}; the story is at /, the API at /api/ (see /api/openapi.json)",
            recoupe_report::svg::clip(uri.path(), 100)
        ),
    )
}

async fn wrong_method(method: axum::http::Method, uri: axum::http::Uri) -> impl IntoResponse {
    api::ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!(
            "{method} is not allowed on {}; see /api/openapi.json",
            recoupe_report::svg::clip(uri.path(), 100)
        ),
    )
}

/// A server-side failure (the store, a panicked analysis): logged, answered with 500.
pub fn analysis_failed(e: impl std::fmt::Display) -> api::ApiError {
    eprintln!("recoupe serve: {e}");
    api::ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "the server could not complete the request; see its log",
    )
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error(transparent)]
    Engine(#[from] recoupe::EngineError),
    #[error("cannot listen on {addr}: {source} (is another server using that port? try --port)")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// How `recoupe serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Files and folders to add to the story at start (already stored ones are skipped).
    pub paths: Vec<PathBuf>,
    pub meta: Option<PathBuf>,
    /// The SQLite file.
    pub db: PathBuf,
    pub host: String,
    pub port: u16,
    pub max_upload: usize,
    pub options: recoupe::Options,
}

/// Read the inputs under `paths` (with the `--meta` file) and add them to the story.
pub fn load_paths(
    story: &Story,
    paths: &[PathBuf],
    meta: Option<&Path>,
) -> Result<(Added, Vec<InputProblem>), ServeError> {
    let table = match meta {
        Some(p) => recoupe_ingest::MetaTable::load(p).map_err(recoupe::EngineError::from)?,
        None => recoupe_ingest::MetaTable::default(),
    };
    let (files, mut problems) = recoupe_ingest::discover(paths, meta);
    let mut articles: Vec<Article> = Vec::new();
    for f in &files {
        for r in recoupe_ingest::read_path(f, &table) {
            match r {
                Ok(a) => articles.push(a),
                Err(p) => problems.push(p),
            }
        }
    }
    let added = story.add(articles)?;
    Ok((added, problems))
}

/// Run the server until Ctrl-C: open the store, add the inputs, listen.
pub fn serve(config: ServeConfig) -> Result<(), ServeError> {
    let store = Store::open(&config.db)?;
    serve_store(config, store)
}

/// [`serve`] over a store opened by the caller (`config.db` only names it).
pub fn serve_store(config: ServeConfig, store: Store) -> Result<(), ServeError> {
    let story = Story::open(store, config.options.clone())?;
    if !config.paths.is_empty() {
        let (added, problems) = load_paths(&story, &config.paths, config.meta.as_deref())?;
        for p in &problems {
            eprintln!("recoupe: {p}");
        }
        eprintln!(
            "recoupe: {} article{} analysed, {} already stored",
            added.analysed.len(),
            if added.analysed.len() == 1 { "" } else { "s" },
            added.unchanged.len()
        );
    }
    let state = AppState {
        story: Arc::new(story),
        max_upload: config.max_upload,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let addr = format!("{}:{}", config.host, config.port);
        let listener = tokio::net::TcpListener::bind(&addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: addr.clone(),
                source,
            })?;
        let shown = listener.local_addr().map(|a| a.to_string()).unwrap_or(addr);
        eprintln!(
            "recoupe: {} document{} in {}; serving on http://{shown}/ (Ctrl-C to stop)",
            state.story.report().documents.len(),
            if state.story.report().documents.len() == 1 {
                ""
            } else {
                "s"
            },
            config.db.display()
        );
        axum::serve(listener, app(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
