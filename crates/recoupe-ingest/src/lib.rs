//! Ingest: the inputs a user names (files, folders, JSON Lines rows, HTML pages) into
//! [`Article`]s, with their metadata.
//!
//! - [`discover`] expands paths into input files ([`discover`] module);
//! - [`read_path`] reads one file into articles ([`read`]): plain text ([`decode`]),
//!   HTML pages ([`html`], main text and metadata by the `trafilatura` crate, with a
//!   paragraph-density fallback that keeps the article when it is lost), JSON Lines
//!   ([`jsonl`], streamed);
//! - [`MetaTable`] holds the `--meta` file and overrides what pages say ([`meta`]).
//!
//! One bad input never stops the others: each becomes an [`InputProblem`] naming the
//! input (`path` or `path:line`) and the reason. Only a bad metadata file is an
//! [`IngestError`], since it concerns every input. Nothing here panics on any input.
//!
//! Ingest does not clean text (boilerplate lines, credits): that is `recoupe-clean`.

pub mod decode;
pub mod discover;
pub mod html;
pub mod jsonl;
pub mod meta;
pub mod read;

pub use discover::{discover, INPUT_EXTENSIONS};
pub use meta::{MetaFields, MetaTable};
pub use read::{parse_bytes, read_path, stream_jsonl, stream_path, MAX_INPUT_BYTES};
pub use recoupe_model::{Article, InputProblem};

/// A failure that concerns the whole run: the metadata file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// `path` is the file, or `path:line` for a bad row.
    #[error("metadata file {path}: {reason}")]
    Meta { path: String, reason: String },
}
