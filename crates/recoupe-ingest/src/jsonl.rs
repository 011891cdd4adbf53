//! JSON Lines input: one article per row, `{"id", "text" or "html", "title", "outlet",
//! "published", "url", "author"}`, the shape news crawlers produce.
//!
//! Rows are streamed with `BufRead`, so a file of any size is read in bounded memory; a
//! single row over [`crate::MAX_INPUT_BYTES`] is skipped with a problem line. Every bad
//! row (invalid UTF-8, malformed JSON, not an object, neither `text` nor `html`, empty
//! text, a field of the wrong type) becomes an [`InputProblem`] naming `path:line`; the
//! other rows are read as usual. A row without `id` gets `STEM-LINE`.
//!
//! This module does not extract HTML itself; it hands `html` rows to [`crate::html`].

use crate::meta::{json_kind, string_field, MetaFields};
use crate::read::{non_empty, problem};
use recoupe_model::{Article, InputProblem};
use std::io::BufRead;

/// The reason to give for a serde_json error, with the column but without serde's
/// "line 1" (each row is one line; the caller names the file line).
pub(crate) fn json_reason(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let what = full.split(" at line ").next().unwrap_or(&full);
    if e.is_eof() {
        format!("malformed JSON: {what} (the row is cut short)")
    } else {
        format!("malformed JSON at column {}: {what}", e.column())
    }
}

/// Read every row of a JSON Lines stream. `origin` names the file in messages and
/// `stem` makes ids for rows without one.
pub fn read_rows<R: BufRead>(
    reader: R,
    origin: &str,
    stem: &str,
    limit: usize,
) -> Vec<Result<Article, InputProblem>> {
    Rows::new(reader, origin, stem, limit).collect()
}

/// The rows of a JSON Lines stream, one at a time: only the current row is held, so a
/// stream of any length is read in bounded memory.
pub struct Rows<R> {
    reader: R,
    origin: String,
    stem: String,
    limit: usize,
    buf: Vec<u8>,
    line_no: usize,
    done: bool,
}

impl<R: BufRead> Rows<R> {
    /// `origin` names the stream in messages (`origin:line`), `stem` makes ids for rows
    /// without one (`stem-line`); a row over `limit` bytes is skipped with a problem.
    pub fn new(reader: R, origin: &str, stem: &str, limit: usize) -> Self {
        Rows {
            reader,
            origin: origin.to_string(),
            stem: stem.to_string(),
            limit,
            buf: Vec::new(),
            line_no: 0,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for Rows<R> {
    type Item = Result<Article, InputProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line_no += 1;
            self.buf.clear();
            let at = format!("{}:{}", self.origin, self.line_no);
            let limit = self.limit;
            let read = std::io::Read::take(&mut self.reader, limit as u64 + 1)
                .read_until(b'\n', &mut self.buf);
            match read {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(problem(&at, crate::read::io_reason(&e))));
                }
            }
            if self.buf.len() > limit && self.buf.last() != Some(&b'\n') {
                // Skip the rest of the oversized row without holding it.
                if let Err(e) = self.reader.skip_until(b'\n') {
                    self.done = true;
                    return Some(Err(problem(&at, crate::read::io_reason(&e))));
                }
                return Some(Err(problem(
                    &at,
                    format!("row is over the {} MiB limit for one article", limit >> 20),
                )));
            }
            let mut row: &[u8] = &self.buf;
            if self.line_no == 1 {
                row = row.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(row);
            }
            if row.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let id = format!("{}-{}", self.stem, self.line_no);
            return Some(read_row(row, &at, &id));
        }
        None
    }
}

/// One row into an article.
fn read_row(row: &[u8], at: &str, default_id: &str) -> Result<Article, InputProblem> {
    let text = std::str::from_utf8(row).map_err(|e| {
        problem(
            at,
            format!(
                "not valid UTF-8 (first bad byte at offset {} of the row)",
                e.valid_up_to()
            ),
        )
    })?;
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| problem(at, json_reason(&e)))?;
    let serde_json::Value::Object(obj) = value else {
        return Err(problem(
            at,
            format!("row should be a JSON object, found {}", json_kind(&value)),
        ));
    };
    let id = match obj.get("id") {
        None | Some(serde_json::Value::Null) => default_id.to_string(),
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(serde_json::Value::String(_)) => default_id.to_string(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(other) => {
            return Err(problem(
                at,
                format!("field `id` should be a string, found {}", json_kind(other)),
            ))
        }
    };
    let fields = MetaFields::from_json(&obj).map_err(|r| problem(at, r))?;
    let body_text = string_field(&obj, "text").map_err(|r| problem(at, r))?;
    let body_html = string_field(&obj, "html").map_err(|r| problem(at, r))?;
    let mut article = match (body_text, body_html) {
        (Some(text), _) => {
            let body = non_empty(crate::decode::normalize_newlines(text))
                .ok_or_else(|| problem(at, "row text is empty".to_string()))?;
            Article {
                body,
                ..Default::default()
            }
        }
        (None, Some(html)) => crate::html::extract(&crate::decode::normalize_newlines(html))
            .map_err(|reason| problem(at, reason))?,
        (None, None) => {
            let reason = if obj.contains_key("text") || obj.contains_key("html") {
                "row text is empty"
            } else {
                "row has neither text nor html"
            };
            return Err(problem(at, reason.to_string()));
        }
    };
    article.id = id;
    article.origin = at.to_string();
    fields.overwrite(&mut article);
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(input: &str) -> Vec<Result<Article, InputProblem>> {
        read_rows(input.as_bytes(), "flux.jsonl", "flux", 1 << 20)
    }

    #[test]
    fn text_rows_with_and_without_id() {
        let r = rows(
            "{\"id\": \"d1\", \"text\": \"Le conseil a voté.\\r\\nLa séance est levée.\", \"outlet\": \"Le Courrier\", \"published\": \"2023-05-02\"}\n\n{\"text\": \"Sans identifiant.\"}\n",
        );
        assert_eq!(r.len(), 2);
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.id, "d1");
        assert_eq!(a.origin, "flux.jsonl:1");
        assert_eq!(a.body, "Le conseil a voté.\nLa séance est levée.");
        assert_eq!(a.outlet.as_deref(), Some("Le Courrier"));
        assert!(!a.from_html);
        let b = r[1].as_ref().unwrap();
        assert_eq!(b.id, "flux-3");
    }

    #[test]
    fn html_row_is_extracted() {
        let para = "Le maire de la commune a présenté mardi le nouveau plan de circulation, qui doit entrer en vigueur au printemps prochain.";
        let html = format!(
            "<html><head><title>Plan de circulation</title></head><body><nav><a href=\"/\">Accueil</a></nav><article><h1>Plan de circulation</h1><p>{para}</p><p>{para}</p><p>Les commerçants du centre-ville ont fait part de leurs inquiétudes lors de la réunion publique.</p></article></body></html>"
        );
        let line =
            serde_json::json!({ "id": "h1", "html": html, "title": "Titre du flux" }).to_string();
        let r = rows(&line);
        let a = r[0].as_ref().unwrap();
        assert!(a.from_html);
        assert!(a.body.contains("plan de circulation"), "{}", a.body);
        assert!(!a.body.contains("Accueil"), "{}", a.body);
        assert_eq!(a.title.as_deref(), Some("Titre du flux"));
    }

    #[test]
    fn malformed_row_among_good_ones() {
        let r = rows(
            "{\"text\": \"Première.\"}\n{\"text\": \"Deuxième\"\n{\"text\": \"Troisième.\"}\n",
        );
        assert_eq!(r.len(), 3);
        assert!(r[0].is_ok() && r[2].is_ok());
        let p = r[1].as_ref().unwrap_err();
        assert_eq!(p.input, "flux.jsonl:2");
        assert!(p.reason.starts_with("malformed JSON"), "{p}");
        assert_eq!(r[2].as_ref().unwrap().id, "flux-3");
    }

    #[test]
    fn bad_rows_give_clear_reasons() {
        let cases = [
            (
                "{\"id\": \"x\", \"title\": \"Rien\"}",
                "row has neither text nor html",
            ),
            ("{\"text\": \"   \"}", "row text is empty"),
            (
                "{\"text\": 42}",
                "field `text` should be a string, found a number",
            ),
            ("[\"texte\"]", "row should be a JSON object, found an array"),
            (
                "{\"id\": [1], \"text\": \"Oui.\"}",
                "field `id` should be a string, found an array",
            ),
        ];
        for (row, want) in cases {
            let r = rows(row);
            assert_eq!(r[0].as_ref().unwrap_err().reason, want, "{row}");
        }
    }

    #[test]
    fn invalid_utf8_row_and_bom() {
        let mut input = b"\xEF\xBB\xBF{\"text\": \"Bonjour.\"}\n".to_vec();
        input.extend_from_slice(b"{\"text\": \"Caf\xE9\"}\n");
        let r = read_rows(&input[..], "f.jsonl", "f", 1 << 20);
        assert_eq!(r[0].as_ref().unwrap().body, "Bonjour.");
        let p = r[1].as_ref().unwrap_err();
        assert_eq!(p.input, "f.jsonl:2");
        assert!(
            p.reason
                .contains("not valid UTF-8 (first bad byte at offset 13"),
            "{p}"
        );
    }

    #[test]
    fn oversized_row_is_skipped_and_next_rows_read() {
        let big = format!("{{\"text\": \"{}\"}}\n", "a".repeat(300));
        let input = format!("{{\"text\": \"Avant.\"}}\n{big}{{\"text\": \"Après.\"}}");
        let r = read_rows(input.as_bytes(), "f.jsonl", "f", 100);
        assert_eq!(r.len(), 3);
        assert!(
            r[1].as_ref().unwrap_err().reason.contains("over the"),
            "{:?}",
            r[1]
        );
        assert_eq!(r[2].as_ref().unwrap().body, "Après.");
        assert_eq!(r[2].as_ref().unwrap().origin, "f.jsonl:3");
    }
}
