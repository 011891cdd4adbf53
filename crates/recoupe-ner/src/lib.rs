//! Statistical French named-entity recognition: inference of spaCy's
//! `fr_core_news_sm` / `fr_core_news_md` (3.8) NER component in pure Rust.
//!
//! # Use
//!
//! ```no_run
//! use recoupe_ner::{default_model_dir, NerModel};
//! let dir = default_model_dir().expect("run scripts/setup-ner first");
//! let model = NerModel::load(&dir)?;
//! for span in model.recognize("Emmanuel Macron a reçu Olaf Scholz à Paris.") {
//!     println!("{}..{} {}", span.start, span.end, span.label.as_str());
//! }
//! # Ok::<(), recoupe_ner::NerError>(())
//! ```
//!
//! - [`default_model_dir`] finds exported weights: `$RECOUPE_MODELS/<name>`, then
//!   `~/.cache/recoupe/models/<name>`, for `fr_core_news_md` then `fr_core_news_sm`
//!   (or `$RECOUPE_NER_MODEL` to name one). `None`: no weights, the caller falls
//!   back to rules. Nothing is ever downloaded at run time; `scripts/setup-ner`
//!   installs spaCy and the model from PyPI and runs `scripts/ner/export_spacy.py`.
//! - [`NerModel::recognize`] takes a whole text and returns byte spans with a
//!   [`NerLabel`] (PER, LOC, ORG, MISC), in text order, never overlapping, always on
//!   char boundaries.
//! - [`NerModel::recognize_with_sentences`] also takes sentence start offsets: in
//!   spaCy's pipeline the dependency parser sets sentence starts before NER runs,
//!   and an entity never crosses one. Without them (plain `recognize`) an entity
//!   may span two sentences; give the segmenter's sentence starts to get the
//!   pipeline's behaviour. This crate does not implement the dependency parser.
//! - `NerModel` is `Send + Sync`; share one across threads.
//!
//! # What runs
//!
//! [`tokenizer`] (spaCy's French rules, exported as data) → [`lexeme`] attributes
//! (NORM, PREFIX, SUFFIX, SHAPE; ORTH static vectors for md) hashed into
//! embedding tables → maxout mixer → window encoder → linear projection →
//! [`decode`] (transition-based BILUO decoder). Weights and rules are read from
//! the exported directory at load time.
//!
//! # Plugging into recoupe
//!
//! The entity stage (rules + aliases) calls [`default_model_dir`] once; with
//! `Some(dir)` it loads a [`NerModel`] and, per document, passes the cleaned body
//! text and its sentence start offsets to
//! [`NerModel::recognize_with_sentences`]; the spans are byte offsets into that
//! same text. With `None` (or a load error, which should be reported, not fatal)
//! it keeps its rule-based recogniser. [`NerModel::name`] tells which weights ran.
//!
//! # Parity and speed (measured 2026-11-23, spaCy 3.8.18)
//!
//! `tests/parity.rs` compares with Python spaCy on real text when an exported
//! model and a `reference.json` (from `scripts/ner/reference.py`) exist, and skips
//! otherwise. On 542 texts (116k tokens; HIPE-2022 OCR news and OrangeSum):
//! tokenization 115998/115998 tokens identical; entities 6481/6481 (sm) and
//! 6509/6509 (md) identical in span and label with the full pipeline (given the
//! parser's sentence starts), 6517/6517 and 6547/6547 without the parser.
//! Floating-point sums run in another order than spaCy's BLAS (differences
//! ~1e-5 on the scores), so a true near-tie could in principle go the other way.
//!
//! Speed, one thread, CPU time, same texts (`examples/ner_speed.rs` vs
//! `reference.py --speed-only`): about 30k words/s for sm or md (tokenizer
//! included), against spaCy's 12.9k (sm) / 10.8k (md) words/s for its pipeline
//! reduced to NER and 3.4k words/s for the full sm pipeline. The window encoder's
//! four 288×288 products are 90 % of the time.
//!
//! Not done: the dependency parser (spaCy uses it for sentence starts only, as
//! far as NER is concerned: pass the segmenter's sentences instead), beam search
//! (these models decode greedily), other languages' tokenizer rules (the
//! exporter would carry them, untested).

pub mod decode;
pub mod hash;
pub mod lexeme;
pub mod net;
pub mod tokenizer;
pub mod weights;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

pub use decode::NerLabel;
use decode::{Decoder, Move, TokenFlags};
use lexeme::{py_isspace, Attr, StringIds};
use net::{EncoderScratch, HashEmbed, Linear, MaxoutNorm, Precomputable, WindowEncoder};
pub use tokenizer::{Token, Tokenizer};

/// Errors while loading a model directory.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    #[error("cannot read {0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("model format: {0}")]
    Format(String),
}

/// One recognised entity: byte offsets into the text and its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NerSpan {
    pub start: usize,
    pub end: usize,
    pub label: NerLabel,
}

/// Model names tried by [`default_model_dir`], best first.
pub const MODEL_NAMES: [&str; 2] = ["fr_core_news_md", "fr_core_news_sm"];

/// Root folders holding exported models: `$RECOUPE_MODELS`, then
/// `~/.cache/recoupe/models`.
pub fn model_roots() -> Vec<PathBuf> {
    let mut roots = Vec::new();
    if let Some(r) = std::env::var_os("RECOUPE_MODELS") {
        roots.push(PathBuf::from(r));
    }
    if let Some(home) = std::env::var_os("HOME") {
        roots.push(
            PathBuf::from(home)
                .join(".cache")
                .join("recoupe")
                .join("models"),
        );
    }
    roots
}

/// The exported model directory to use, if any (see the crate documentation).
pub fn default_model_dir() -> Option<PathBuf> {
    let names: Vec<String> = match std::env::var("RECOUPE_NER_MODEL") {
        Ok(n) if !n.is_empty() => vec![n],
        _ => MODEL_NAMES.iter().map(|s| s.to_string()).collect(),
    };
    for root in model_roots() {
        for name in &names {
            let dir = root.join(name);
            if dir.join("manifest.json").is_file() {
                return Some(dir);
            }
        }
    }
    None
}

struct StaticVectors {
    keys: Vec<u64>,
    rows: Vec<i32>,
    /// (n_rows × mixer outputs·pieces): vectors already multiplied by their
    /// projection and by their slice of the mixer.
    mixed: Vec<f32>,
}

/// Ids that tell loaded models apart in the per-thread [`Workspace`].
static NEXT_MODEL_ID: AtomicU64 = AtomicU64::new(1);

/// Most token rows a thread keeps between texts (about 450 bytes each).
const ROW_CACHE_MAX: usize = 1 << 13;

/// Buffers past this many floats (4 MiB; the per-token ones of a text of some
/// 2,500 tokens) are not kept.
const KEEP_FLOATS_MAX: usize = 1 << 20;

/// What one thread keeps between texts: the encoder's first-layer row of each token
/// text seen lately (a pure function of the text, so shared by every text of this
/// model) and the buffers of the last text, reused instead of allocated again.
#[derive(Default)]
struct Workspace {
    model: u64,
    rows: HashMap<Box<str>, Box<[f32]>>,
    x: Vec<f32>,
    pre: Vec<f32>,
    encoder: EncoderScratch,
    hidden: Vec<f32>,
    cached: Vec<f32>,
}

impl Workspace {
    /// Forget rows of another model; drop buffers grown too large.
    fn prepare(&mut self, model: u64) {
        if self.model != model || self.rows.len() >= ROW_CACHE_MAX {
            self.rows.clear();
            self.model = model;
        }
        for v in [
            &mut self.x,
            &mut self.pre,
            &mut self.hidden,
            &mut self.cached,
        ] {
            if v.capacity() > KEEP_FLOATS_MAX {
                *v = Vec::new();
            }
        }
        self.encoder.trim(KEEP_FLOATS_MAX);
    }
}

thread_local! {
    static WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::default());
}

/// Runs `f` with this thread's workspace, prepared for model `id`.
fn with_workspace<R>(id: u64, f: impl FnOnce(&mut Workspace) -> R) -> R {
    WORKSPACE.with(|ws| {
        let mut ws = ws.borrow_mut();
        ws.prepare(id);
        f(&mut ws)
    })
}

/// A loaded NER model.
pub struct NerModel {
    id: u64,
    name: String,
    tokenizer: Tokenizer,
    strings: StringIds,
    /// Lexeme norm exceptions ("«" → "\""); other words' norm is the lower case.
    norms: HashMap<String, String>,
    attrs: Vec<Attr>,
    embeds: Vec<HashEmbed>,
    statics: Option<StaticVectors>,
    width: usize,
    mixer: MaxoutNorm,
    encoder: WindowEncoder,
    proj: Linear,
    decoder: Decoder,
}

/// Per-token model inputs, exposed for parity checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenFeatures {
    pub start: usize,
    pub end: usize,
    pub norm: String,
    /// One id per embedded attribute, in the model's order.
    pub ids: Vec<u64>,
}

impl NerModel {
    /// Load an exported model directory (see `scripts/ner/export_spacy.py`).
    pub fn load(dir: &Path) -> Result<Self, NerError> {
        let file = weights::WeightFile::open(dir)?;
        let m = &file.manifest;
        let tok_path = dir.join("tokenizer.json");
        let tok_json =
            std::fs::read_to_string(&tok_path).map_err(|e| NerError::Io(tok_path.clone(), e))?;
        let tokenizer = Tokenizer::from_json(&tok_json)?;
        let sym_path = dir.join("symbols.json");
        let sym_json =
            std::fs::read_to_string(&sym_path).map_err(|e| NerError::Io(sym_path.clone(), e))?;
        let symbols: HashMap<String, u64> = serde_json::from_str(&sym_json)
            .map_err(|e| NerError::Format(format!("symbols.json: {e}")))?;
        let norms_path = dir.join("norms.json");
        let norms: HashMap<String, String> = match std::fs::read_to_string(&norms_path) {
            Ok(json) => serde_json::from_str(&json)
                .map_err(|e| NerError::Format(format!("norms.json: {e}")))?,
            Err(e) => return Err(NerError::Io(norms_path, e)),
        };
        let attrs = m
            .attrs
            .iter()
            .map(|a| {
                Attr::from_name(a)
                    .ok_or_else(|| NerError::Format(format!("unsupported attribute {a}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if m.rows.len() != attrs.len() || m.hash_seeds.len() != attrs.len() {
            return Err(NerError::Format("attrs, rows and seeds disagree".into()));
        }
        let width = m.width;
        let n_inputs = attrs.len() + usize::from(m.static_vectors);
        let mixer = MaxoutNorm::load(&file, "embed.mix", width, m.embed_pieces, width * n_inputs)?;
        let nop = width * m.embed_pieces;
        let n_in = width * n_inputs;
        let mut embeds = Vec::new();
        for (i, (&rows, &seed)) in m.rows.iter().zip(&m.hash_seeds).enumerate() {
            let table =
                net::tensor_table(file.tensor(&format!("embed.hash{i}.E"), None)?, rows, width)?;
            let mixed =
                net::project_rows(&table, rows, width, mixer.weights(), nop, n_in, i * width);
            embeds.push(HashEmbed { rows, seed, mixed });
        }
        let statics = if m.static_vectors {
            let (keys, rows) = weights::read_vector_keys(dir)?;
            let t = file.tensor("static.projected", None)?;
            if t.shape.len() != 2 || t.shape[1] != width {
                return Err(NerError::Format(
                    "static vector table has the wrong width".into(),
                ));
            }
            let n_rows = t.shape[0];
            if rows.iter().any(|&r| r >= n_rows as i32) {
                return Err(NerError::Format("static vector row out of range".into()));
            }
            let mixed = net::project_rows(
                &t.data,
                n_rows,
                width,
                mixer.weights(),
                nop,
                n_in,
                attrs.len() * width,
            );
            Some(StaticVectors { keys, rows, mixed })
        } else {
            None
        };
        let span = 2 * m.window_size + 1;
        let blocks = (0..m.depth)
            .map(|k| {
                MaxoutNorm::load(
                    &file,
                    &format!("encode.{k}"),
                    width,
                    m.encode_pieces,
                    width * span,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let encoder = WindowEncoder {
            width,
            window: m.window_size,
            blocks,
        };
        let hidden = m.hidden_width;
        let proj = Linear::load(&file, "t2v_proj", hidden, width)?;
        if m.n_features != 3 {
            return Err(NerError::Format(format!(
                "expected 3 NER state features, got {}",
                m.n_features
            )));
        }
        let lower = Precomputable::load(&file, m.n_features, hidden, m.hidden_pieces, hidden)?;
        let moves = m
            .moves
            .iter()
            .map(|s| Move::parse(s))
            .collect::<Result<Vec<_>, _>>()?;
        let upper = Linear::load(&file, "upper", moves.len(), hidden)?;
        let mut seen = vec![true; moves.len()];
        for &u in &m.unseen_classes {
            if let Some(s) = seen.get_mut(u) {
                *s = false;
            }
        }
        let decoder = Decoder {
            moves,
            seen,
            lower,
            upper,
        };
        Ok(Self {
            id: NEXT_MODEL_ID.fetch_add(1, Ordering::Relaxed),
            name: m.model.clone(),
            tokenizer,
            strings: StringIds::new(symbols),
            norms,
            attrs,
            embeds,
            statics,
            width,
            mixer,
            encoder,
            proj,
            decoder,
        })
    }

    /// The spaCy package the weights came from (e.g. `fr_core_news_md`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// spaCy's tokenization of `text`.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        self.tokenizer.tokenize(text)
    }

    /// The hashed attributes the model embeds for each token.
    pub fn features(&self, text: &str) -> Vec<TokenFeatures> {
        let tokens = self.tokenizer.tokenize(text);
        let mut buf = String::new();
        tokens
            .iter()
            .map(|t| {
                let s = &text[t.start..t.end];
                let norm = t
                    .norm
                    .as_deref()
                    .map(str::to_string)
                    .unwrap_or_else(|| s.to_lowercase());
                let ids = self
                    .attrs
                    .iter()
                    .map(|a| {
                        a.value(s, t.norm.as_deref(), &mut buf);
                        self.strings.id(&buf)
                    })
                    .collect();
                TokenFeatures {
                    start: t.start,
                    end: t.end,
                    norm,
                    ids,
                }
            })
            .collect()
    }

    /// The norm given by a tokenizer exception or the lexeme norm table, if any.
    fn norm_exception<'a>(&'a self, token: &'a Token, text: &str) -> Option<&'a str> {
        token
            .norm
            .as_deref()
            .or_else(|| self.norms.get(text).map(String::as_str))
    }

    /// Token vectors the NER decoder reads (encoder output after the linear
    /// projection, n_tokens × hidden width), for parity checks.
    pub fn token_vectors(&self, text: &str) -> (Vec<Token>, Vec<f32>) {
        let tokens = self.tokenizer.tokenize(text);
        let hidden = with_workspace(self.id, |ws| {
            self.encode(text, &tokens, ws);
            let mut hidden = vec![0.0f32; tokens.len() * self.proj.n_out];
            self.proj.forward(&ws.x, tokens.len(), &mut hidden);
            hidden
        });
        (tokens, hidden)
    }

    /// Encoder output of `tokens` (n × width) into `ws.x`.
    fn encode(&self, text: &str, tokens: &[Token], ws: &mut Workspace) {
        let n = tokens.len();
        let w = self.width;
        let nop = self.mixer.n_out * self.mixer.n_pieces;
        let x = &mut ws.x;
        x.clear();
        x.resize(n * w, 0.0);
        let pre = &mut ws.pre;
        pre.clear();
        pre.resize(nop, 0.0);
        let mut buf = String::new();
        for (i, t) in tokens.iter().enumerate() {
            let s = &text[t.start..t.end];
            if t.norm.is_none() {
                if let Some(row) = ws.rows.get(s) {
                    x[i * w..(i + 1) * w].copy_from_slice(row);
                    continue;
                }
            }
            pre.iter_mut().for_each(|v| *v = 0.0);
            let exception = self.norm_exception(t, s);
            for (attr, table) in self.attrs.iter().zip(&self.embeds) {
                attr.value(s, exception, &mut buf);
                table.add_to(self.strings.id(&buf), pre);
            }
            if let Some(sv) = &self.statics {
                let key = self.strings.id(s);
                if let Ok(pos) = sv.keys.binary_search(&key) {
                    if let Ok(r) = usize::try_from(sv.rows[pos]) {
                        for (p, v) in pre.iter_mut().zip(&sv.mixed[r * nop..(r + 1) * nop]) {
                            *p += v;
                        }
                    }
                }
            }
            let row = &mut x[i * w..(i + 1) * w];
            self.mixer.finish_row(pre, row);
            if t.norm.is_none() && ws.rows.len() < ROW_CACHE_MAX {
                ws.rows.insert(s.into(), row.into());
            }
        }
        self.encoder.forward_with(x, n, &mut ws.encoder);
    }

    /// Entities in `text`, without sentence boundaries.
    pub fn recognize(&self, text: &str) -> Vec<NerSpan> {
        self.recognize_with_sentences(text, &[])
    }

    /// Entities in `text`; no entity crosses one of `sentence_starts` (byte
    /// offsets of the first character of each sentence, any order).
    pub fn recognize_with_sentences(&self, text: &str, sentence_starts: &[usize]) -> Vec<NerSpan> {
        self.run(text, sentence_starts, None)
    }

    /// The move scores at each decoding step (for parity checks).
    #[doc(hidden)]
    pub fn step_scores(&self, text: &str, sentence_starts: &[usize]) -> Vec<Vec<f32>> {
        let mut trace = Vec::new();
        self.run(text, sentence_starts, Some(&mut trace));
        trace
    }

    fn run(
        &self,
        text: &str,
        sentence_starts: &[usize],
        trace: Option<&mut Vec<Vec<f32>>>,
    ) -> Vec<NerSpan> {
        let tokens = self.tokenizer.tokenize(text);
        if tokens.is_empty() {
            return Vec::new();
        }
        let n = tokens.len();
        with_workspace(self.id, |ws| {
            self.encode(text, &tokens, ws);
            ws.hidden.clear();
            ws.hidden.resize(n * self.proj.n_out, 0.0);
            self.proj.forward(&ws.x, n, &mut ws.hidden);
            self.decoder.lower.precompute(&ws.hidden, n, &mut ws.cached);
            self.decode(text, &tokens, &ws.cached, sentence_starts, trace)
        })
    }

    fn decode(
        &self,
        text: &str,
        tokens: &[Token],
        cached: &[f32],
        sentence_starts: &[usize],
        trace: Option<&mut Vec<Vec<f32>>>,
    ) -> Vec<NerSpan> {
        let mut starts: Vec<usize> = sentence_starts.to_vec();
        starts.sort_unstable();
        let flags: Vec<TokenFlags> = tokens
            .iter()
            .map(|t| TokenFlags {
                is_space: text[t.start..t.end].chars().all(py_isspace),
                sent_start: starts.binary_search(&t.start).is_ok(),
            })
            .collect();
        self.decoder
            .decode(cached, &flags, trace)
            .into_iter()
            .map(|(a, b, label)| NerSpan {
                start: tokens[a].start,
                end: tokens[b - 1].end,
                label,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_roots_honour_env_first() {
        // Only checks the order logic without touching the process environment.
        let roots = model_roots();
        if let Some(r) = std::env::var_os("RECOUPE_MODELS") {
            assert_eq!(roots[0], PathBuf::from(r));
        }
    }

    #[test]
    fn missing_dir_is_an_error_not_a_panic() {
        let err = NerModel::load(Path::new("/nonexistent/recoupe-ner-model")).err();
        assert!(matches!(err, Some(NerError::Io(_, _))));
    }
}
