//! spaCy's rule-based tokenizer, driven by the rules exported from a French pipeline.
//!
//! The algorithm is a port of `spacy/tokenizer.pyx` (3.8): split on whitespace
//! (one ordinary space after a token is absorbed, other whitespace becomes
//! tokens), then for each chunk look up the special cases (tokenizer
//! exceptions: "M.", "aujourd'hui", emoticons...), else peel prefixes and
//! suffixes with the exported regexes (stopping at a special case or a
//! `token_match`), then split the remainder on infixes. Last, special cases
//! whose text contains affixes are re-applied over the token sequence (spaCy's
//! special-case matcher).
//!
//! The regexes come from the exported model directory, rewritten for Rust; those
//! with look-around run on `fancy-regex`, the others on `regex`. Python's `re`
//! and Rust's engines agree on these patterns for ordinary text; the parity test
//! measures the agreement. This module does not normalise the text and keeps
//! byte offsets into the input.

use std::collections::HashMap;
use std::sync::RwLock;

use serde::Deserialize;

use crate::lexeme::py_isspace;
use crate::NerError;

/// One token: byte span in the input text, and the norm a tokenizer exception
/// gave it (None: the norm is the lower-cased text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub norm: Option<Box<str>>,
}

#[derive(Debug, Clone)]
struct Piece {
    len: usize,
    norm: Option<Box<str>>,
}

/// A compiled pattern: the plain `regex` engine when the pattern allows it,
/// `fancy-regex` when it needs look-around. A fancy pattern carries a plain
/// superset filter (the pattern with its look-around assertions removed): when
/// the filter finds nothing, neither can the pattern, and most words are
/// settled by the fast filter alone.
#[derive(Debug)]
enum Pattern {
    Plain {
        re: regex::Regex,
        /// `^(?:pattern)`, for Python's `re.match`.
        anchored: regex::Regex,
    },
    Fancy {
        re: Box<fancy_regex::Regex>,
        filter: Option<regex::Regex>,
    },
}

/// The pattern with every `(?=...)`, `(?!...)`, `(?<=...)`, `(?<!...)` group
/// removed. Matches a superset of the original's matches.
fn strip_lookaround(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let mut in_class = false;
    while i < b.len() {
        let c = b[i];
        if c == b'\\' {
            let len = src[i + 1..].chars().next().map_or(0, char::len_utf8);
            out.push_str(&src[i..i + 1 + len]);
            i += 1 + len;
            continue;
        }
        if in_class {
            if c == b']' {
                in_class = false;
            }
        } else if c == b'[' {
            in_class = true;
            // a ']' right after '[' or '[^' is a literal
            let mut j = i + 1;
            if b.get(j) == Some(&b'^') {
                j += 1;
            }
            if b.get(j) == Some(&b']') {
                out.push_str(&src[i..=j]);
                i = j + 1;
                continue;
            }
        } else if c == b'(' {
            let rest = &src[i..];
            if rest.starts_with("(?=")
                || rest.starts_with("(?!")
                || rest.starts_with("(?<=")
                || rest.starts_with("(?<!")
            {
                i += group_len(&src[i..]);
                continue;
            }
        }
        let len = src[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&src[i..i + len]);
        i += len;
    }
    out
}

/// Byte length of the group that opens at the start of `src`.
fn group_len(src: &str) -> usize {
    let b = src.as_bytes();
    let mut depth = 0;
    let mut i = 0;
    let mut in_class = false;
    while i < b.len() {
        match b[i] {
            b'\\' => {
                i += 2;
                continue;
            }
            b'[' if !in_class => in_class = true,
            b']' if in_class => in_class = false,
            b'(' if !in_class => depth += 1,
            b')' if !in_class => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

impl Pattern {
    fn new(source: &str) -> Result<Self, NerError> {
        if let Ok(re) = regex::Regex::new(source) {
            let anchored = regex::Regex::new(&format!("^(?:{source})"))
                .map_err(|e| NerError::Format(format!("tokenizer regex: {e}")))?;
            return Ok(Pattern::Plain { re, anchored });
        }
        let re = fancy_regex::RegexBuilder::new(source)
            .backtrack_limit(100_000)
            .build()
            .map_err(|e| NerError::Format(format!("tokenizer regex: {e}")))?;
        let filter = regex::Regex::new(&strip_lookaround(source)).ok();
        Ok(Pattern::Fancy {
            re: Box::new(re),
            filter,
        })
    }

    /// Leftmost match at or after `pos` (look-behind sees the text before `pos`).
    fn find_at(&self, text: &str, pos: usize) -> Option<(usize, usize)> {
        match self {
            Pattern::Plain { re, .. } => re.find_at(text, pos).map(|m| (m.start(), m.end())),
            Pattern::Fancy { re, filter } => {
                if let Some(f) = filter {
                    f.find_at(text, pos)?;
                }
                re.find_from_pos(text, pos)
                    .ok()
                    .flatten()
                    .map(|m| (m.start(), m.end()))
            }
        }
    }

    /// Python's `re.match`: a match that starts at 0.
    fn matches_at_start(&self, text: &str) -> bool {
        match self {
            Pattern::Plain { anchored, .. } => anchored.is_match(text),
            Pattern::Fancy { .. } => matches!(self.find_at(text, 0), Some((0, _))),
        }
    }
}

/// One piece of a special case: its text and optional norm.
type RulePiece = (String, Option<String>);

#[derive(Deserialize)]
struct TokenizerFile {
    prefix: Option<String>,
    suffix: Option<String>,
    infix: Option<String>,
    token_match: Option<String>,
    url_match: Option<String>,
    #[serde(default = "default_true")]
    faster_heuristics: bool,
    rules: Vec<(String, Vec<RulePiece>)>,
}

fn default_true() -> bool {
    true
}

/// The French tokenizer.
#[derive(Debug)]
pub struct Tokenizer {
    prefix: Option<Pattern>,
    suffix: Option<Pattern>,
    infix: Option<Pattern>,
    token_match: Option<Pattern>,
    url_match: Option<Pattern>,
    specials: HashMap<String, Vec<Piece>>,
    /// Special cases re-applied over token sequences, by the text of their first token.
    matcher: HashMap<String, Vec<Vec<String>>>,
    /// Tokenization of whitespace-free chunks already seen (offsets relative to
    /// the chunk), as spaCy caches it; bounded by `CACHE_LIMIT`.
    cache: RwLock<HashMap<Box<str>, Box<[Token]>>>,
}

/// Most chunks kept in the tokenizer cache.
const CACHE_LIMIT: usize = 200_000;

impl Tokenizer {
    /// Build from the `tokenizer.json` written by `scripts/ner/export_spacy.py`.
    pub fn from_json(json: &str) -> Result<Self, NerError> {
        let file: TokenizerFile = serde_json::from_str(json)
            .map_err(|e| NerError::Format(format!("tokenizer.json: {e}")))?;
        let compile = |s: &Option<String>| -> Result<Option<Pattern>, NerError> {
            s.as_deref().map(Pattern::new).transpose()
        };
        let mut tok = Tokenizer {
            prefix: compile(&file.prefix)?,
            suffix: compile(&file.suffix)?,
            infix: compile(&file.infix)?,
            token_match: compile(&file.token_match)?,
            url_match: compile(&file.url_match)?,
            specials: HashMap::new(),
            matcher: HashMap::new(),
            cache: RwLock::new(HashMap::new()),
        };
        for (chunk, pieces) in &file.rules {
            let joined: String = pieces.iter().map(|(o, _)| o.as_str()).collect();
            if &joined != chunk {
                return Err(NerError::Format(format!(
                    "special case {chunk:?} does not spell its pieces"
                )));
            }
            let pieces = pieces
                .iter()
                .map(|(orth, norm)| Piece {
                    len: orth.len(),
                    norm: norm.as_deref().map(Box::from),
                })
                .collect();
            tok.specials.insert(chunk.clone(), pieces);
        }
        let mut matcher: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for (chunk, _) in &file.rules {
            let needs_matcher = !file.faster_heuristics
                || tok.find_prefix(chunk) != 0
                || tok.find_suffix(chunk) != 0
                || !tok.find_infixes(chunk).is_empty()
                || chunk.contains(' ');
            if !needs_matcher {
                continue;
            }
            let mut toks = Vec::new();
            tok.tokenize_affixes(chunk, false, &mut toks);
            let pattern: Vec<String> = toks
                .iter()
                .map(|t| chunk[t.start..t.end].to_string())
                .collect();
            if let Some(first) = pattern.first() {
                matcher.entry(first.clone()).or_default().push(pattern);
            }
        }
        tok.matcher = matcher;
        Ok(tok)
    }

    fn find_prefix(&self, s: &str) -> usize {
        match &self.prefix {
            Some(p) => match p.find_at(s, 0) {
                Some((a, b)) => b - a,
                None => 0,
            },
            None => 0,
        }
    }

    fn find_suffix(&self, s: &str) -> usize {
        match &self.suffix {
            Some(p) => match p.find_at(s, 0) {
                Some((a, b)) => b - a,
                None => 0,
            },
            None => 0,
        }
    }

    /// All infix matches, with Python's `finditer` rules for empty matches.
    fn find_infixes(&self, s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let Some(p) = &self.infix else { return out };
        let mut pos = 0;
        let mut last_empty_at: Option<usize> = None;
        while pos <= s.len() {
            let Some((a, b)) = p.find_at(s, pos) else {
                break;
            };
            if a == b && last_empty_at == Some(a) {
                // Python forbids a second empty match at the same place: move on.
                match s[pos..].chars().next() {
                    Some(c) => pos += c.len_utf8(),
                    None => break,
                }
                continue;
            }
            out.push((a, b));
            if a == b {
                last_empty_at = Some(a);
            } else {
                last_empty_at = Some(b);
            }
            pos = b;
        }
        out
    }

    fn is_token_match(&self, s: &str) -> bool {
        self.token_match
            .as_ref()
            .is_some_and(|p| p.matches_at_start(s))
    }

    fn is_url_match(&self, s: &str) -> bool {
        self.url_match
            .as_ref()
            .is_some_and(|p| p.matches_at_start(s))
    }

    /// Tokenize a text; tokens carry byte offsets into `text`.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
        self.tokenize_affixes(text, true, &mut tokens);
        self.apply_special_matcher(text, &mut tokens);
        tokens
    }

    fn tokenize_affixes(&self, text: &str, with_specials: bool, tokens: &mut Vec<Token>) {
        let Some(first) = text.chars().next() else {
            return;
        };
        let mut in_ws = py_isspace(first);
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if py_isspace(c) != in_ws {
                if start < i {
                    self.tokenize_chunk(text, start, i, with_specials, tokens);
                }
                if c == ' ' {
                    start = i + 1;
                } else {
                    start = i;
                }
                in_ws = !in_ws;
            }
        }
        if start < text.len() {
            self.tokenize_chunk(text, start, text.len(), with_specials, tokens);
        }
    }

    fn push_special(&self, pieces: &[Piece], mut at: usize, tokens: &mut Vec<Token>) {
        for p in pieces {
            tokens.push(Token {
                start: at,
                end: at + p.len,
                norm: p.norm.clone(),
            });
            at += p.len;
        }
    }

    fn tokenize_chunk(
        &self,
        text: &str,
        lo: usize,
        hi: usize,
        with_specials: bool,
        tokens: &mut Vec<Token>,
    ) {
        if !with_specials {
            self.tokenize_chunk_uncached(text, lo, hi, with_specials, tokens);
            return;
        }
        let chunk = &text[lo..hi];
        if let Ok(cache) = self.cache.read() {
            if let Some(cached) = cache.get(chunk) {
                tokens.extend(cached.iter().map(|t| Token {
                    start: t.start + lo,
                    end: t.end + lo,
                    norm: t.norm.clone(),
                }));
                return;
            }
        }
        let first = tokens.len();
        self.tokenize_chunk_uncached(text, lo, hi, with_specials, tokens);
        if let Ok(mut cache) = self.cache.write() {
            if cache.len() < CACHE_LIMIT {
                let rel: Box<[Token]> = tokens[first..]
                    .iter()
                    .map(|t| Token {
                        start: t.start - lo,
                        end: t.end - lo,
                        norm: t.norm.clone(),
                    })
                    .collect();
                cache.insert(Box::from(chunk), rel);
            }
        }
    }

    fn tokenize_chunk_uncached(
        &self,
        text: &str,
        lo: usize,
        hi: usize,
        with_specials: bool,
        tokens: &mut Vec<Token>,
    ) {
        let chunk = &text[lo..hi];
        if with_specials {
            if let Some(pieces) = self.specials.get(chunk) {
                self.push_special(pieces, lo, tokens);
                return;
            }
        }
        // Peel prefixes and suffixes.
        let (mut a, mut b) = (lo, hi);
        let mut prefixes: Vec<(usize, usize)> = Vec::new();
        let mut suffixes: Vec<(usize, usize)> = Vec::new();
        let mut last_size = 0;
        while a < b && b - a != last_size {
            let cur = &text[a..b];
            if self.is_token_match(cur) {
                break;
            }
            if with_specials && self.specials.contains_key(cur) {
                break;
            }
            last_size = b - a;
            let pre_len = self.find_prefix(cur);
            if pre_len != 0 {
                let minus_pre = &cur[pre_len..];
                if !minus_pre.is_empty() && with_specials && self.specials.contains_key(minus_pre) {
                    prefixes.push((a, a + pre_len));
                    a += pre_len;
                    break;
                }
            }
            let suf_len = self.find_suffix(&cur[pre_len..]);
            if suf_len != 0 {
                let minus_suf = &cur[..cur.len() - suf_len];
                if !minus_suf.is_empty() && with_specials && self.specials.contains_key(minus_suf) {
                    suffixes.push((b - suf_len, b));
                    b -= suf_len;
                    break;
                }
            }
            if pre_len != 0 && suf_len != 0 && pre_len + suf_len <= cur.len() {
                prefixes.push((a, a + pre_len));
                suffixes.push((b - suf_len, b));
                a += pre_len;
                b -= suf_len;
            } else if pre_len != 0 {
                prefixes.push((a, a + pre_len));
                a += pre_len;
            } else if suf_len != 0 {
                suffixes.push((b - suf_len, b));
                b -= suf_len;
            }
        }
        for &(s, e) in &prefixes {
            tokens.push(Token {
                start: s,
                end: e,
                norm: None,
            });
        }
        if a < b {
            let mid = &text[a..b];
            if let Some(pieces) = with_specials.then(|| self.specials.get(mid)).flatten() {
                self.push_special(pieces, a, tokens);
            } else if self.is_token_match(mid) || self.is_url_match(mid) {
                tokens.push(Token {
                    start: a,
                    end: b,
                    norm: None,
                });
            } else {
                let infixes = self.find_infixes(mid);
                if infixes.is_empty() {
                    tokens.push(Token {
                        start: a,
                        end: b,
                        norm: None,
                    });
                } else {
                    let mut start = 0;
                    for (is, ie) in infixes {
                        if is == 0 {
                            continue;
                        }
                        if is != start {
                            tokens.push(Token {
                                start: a + start,
                                end: a + is,
                                norm: None,
                            });
                        }
                        if is != ie {
                            tokens.push(Token {
                                start: a + is,
                                end: a + ie,
                                norm: None,
                            });
                        }
                        start = ie;
                    }
                    if start < mid.len() {
                        tokens.push(Token {
                            start: a + start,
                            end: b,
                            norm: None,
                        });
                    }
                }
            }
        }
        for &(s, e) in suffixes.iter().rev() {
            tokens.push(Token {
                start: s,
                end: e,
                norm: None,
            });
        }
    }

    /// spaCy's `_apply_special_cases`: special cases that span several affix tokens.
    fn apply_special_matcher(&self, text: &str, tokens: &mut Vec<Token>) {
        if self.matcher.is_empty() || tokens.is_empty() {
            return;
        }
        let mut found: Vec<(usize, usize)> = Vec::new();
        for i in 0..tokens.len() {
            let first = &text[tokens[i].start..tokens[i].end];
            let Some(patterns) = self.matcher.get(first) else {
                continue;
            };
            for pat in patterns {
                let end = i + pat.len();
                if end > tokens.len() {
                    continue;
                }
                let same = pat
                    .iter()
                    .zip(&tokens[i..end])
                    .all(|(p, t)| p.as_str() == &text[t.start..t.end]);
                if same && !found.contains(&(i, end)) {
                    found.push((i, end));
                }
            }
        }
        if found.is_empty() {
            return;
        }
        // Longest first, then leftmost; drop spans whose first or last token is taken.
        found.sort_by(|x, y| (x.1 - x.0).cmp(&(y.1 - y.0)).then(y.0.cmp(&x.0)));
        let mut seen = vec![false; tokens.len()];
        let mut kept: Vec<(usize, usize)> = Vec::new();
        for &(s, e) in found.iter().rev() {
            if !seen[s] && !seen[e - 1] {
                kept.push((s, e));
            }
            for flag in &mut seen[s..e] {
                *flag = true;
            }
        }
        kept.sort();
        let mut out = Vec::with_capacity(tokens.len());
        let mut i = 0;
        let mut k = 0;
        while i < tokens.len() {
            if k < kept.len() && kept[k].0 == i {
                let (s, e) = kept[k];
                k += 1;
                let span = &text[tokens[s].start..tokens[e - 1].end];
                match self.specials.get(span) {
                    Some(pieces) => self.push_special(pieces, tokens[s].start, &mut out),
                    None => out.extend_from_slice(&tokens[s..e]),
                }
                i = e;
            } else {
                out.push(tokens[i].clone());
                i += 1;
            }
        }
        *tokens = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookaround_is_stripped_outside_classes() {
        assert_eq!(strip_lookaround(r"(?<=[a-z])\.$"), r"\.$");
        assert_eq!(strip_lookaround(r"^\+(?![0-9])|^x"), r"^\+|^x");
        assert_eq!(strip_lookaround(r"[(?=]a(?=(b|c))d"), r"[(?=]ad");
        assert_eq!(strip_lookaround(r"\(?=x"), r"\(?=x");
    }

    fn toy() -> Tokenizer {
        let json = r#"{
            "prefix": "^\\(|^«",
            "suffix": "\\)$|(?<=[a-z])\\.$|»$|,$",
            "infix": "(?<=[a-z])'(?=[a-z])",
            "token_match": null,
            "url_match": null,
            "rules": [["M.", [["M.", null]]], ["aujourd'hui", [["aujourd'hui", null]]], ["\u00a0", [["\u00a0", "  "]]]]
        }"#;
        Tokenizer::from_json(json).expect("toy tokenizer")
    }

    fn words(tok: &Tokenizer, text: &str) -> Vec<String> {
        tok.tokenize(text)
            .iter()
            .map(|t| text[t.start..t.end].to_string())
            .collect()
    }

    #[test]
    fn affixes_infixes_and_special_cases() {
        let tok = toy();
        assert_eq!(
            words(&tok, "(M. Durand) dit l'affaire aujourd'hui."),
            [
                "(",
                "M.",
                "Durand",
                ")",
                "dit",
                "l",
                "'",
                "affaire",
                "aujourd'hui",
                "."
            ]
        );
        assert_eq!(words(&tok, "«Bonjour»,"), ["«", "Bonjour", "»", ","]);
    }

    #[test]
    fn whitespace_runs_become_tokens() {
        let tok = toy();
        assert_eq!(words(&tok, "a  b\n\nc"), ["a", " ", "b", "\n\n", "c"]);
        assert!(tok.tokenize("").is_empty());
        assert_eq!(words(&tok, "   "), ["   "]);
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_ordered_char_boundaries(text in "\\PC{0,60}") {
            let tok = toy();
            let mut last = 0;
            for t in tok.tokenize(&text) {
                proptest::prop_assert!(t.start >= last && t.start < t.end && t.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                last = t.end;
            }
        }
    }
}
