//! Per-document metadata given with `--meta`: a JSON Lines file, one object per
//! article, `{"id", "title", "outlet", "published", "url", "author"}` (other keys are
//! ignored, `null` means "not given").
//!
//! A metadata file concerns every input, so any defect in it (unreadable file, bad JSON,
//! a row without `id`, a field that is not a string, an id given twice) is an
//! [`IngestError`] naming `path:line`, and the run stops: silently dropping a row would
//! give wrong dates to a whole report.
//!
//! Explicit metadata wins: [`MetaTable::apply`] overwrites what was found in the page or
//! in the JSON Lines row.

use crate::IngestError;
use recoupe_model::Article;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

/// The metadata fields an input may carry, each optional.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MetaFields {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
}

impl MetaFields {
    /// The metadata keys of a JSON object; `Err` names the first field of the wrong type.
    pub fn from_json(obj: &serde_json::Map<String, serde_json::Value>) -> Result<Self, String> {
        Ok(MetaFields {
            title: string_field(obj, "title")?,
            outlet: string_field(obj, "outlet")?,
            published: string_field(obj, "published")?,
            url: string_field(obj, "url")?,
            author: string_field(obj, "author")?,
        })
    }

    /// Overwrite the article's fields with those given here.
    pub fn overwrite(&self, a: &mut Article) {
        let set = |slot: &mut Option<String>, v: &Option<String>| {
            if v.is_some() {
                slot.clone_from(v);
            }
        };
        set(&mut a.title, &self.title);
        set(&mut a.outlet, &self.outlet);
        set(&mut a.published, &self.published);
        set(&mut a.url, &self.url);
        set(&mut a.author, &self.author);
    }
}

/// A string field of a JSON object: absent, `null` and blank strings are `None`.
pub(crate) fn string_field(
    obj: &serde_json::Map<String, serde_json::Value>,
    key: &str,
) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => {
            Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty()))
        }
        Some(other) => Err(format!(
            "field `{key}` should be a string, found {}",
            json_kind(other)
        )),
    }
}

pub(crate) fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Per-document metadata given with `--meta`, keyed by document id.
#[derive(Debug, Default, Clone)]
pub struct MetaTable {
    rows: HashMap<String, MetaFields>,
}

impl MetaTable {
    /// Read a JSON Lines metadata file. Blank lines are skipped.
    pub fn load(path: &Path) -> Result<Self, IngestError> {
        let err = |at: String, reason: String| IngestError::Meta { path: at, reason };
        let file = std::fs::File::open(path)
            .map_err(|e| err(path.display().to_string(), crate::read::io_reason(&e)))?;
        let mut rows: HashMap<String, MetaFields> = HashMap::new();
        let mut first_line: HashMap<String, usize> = HashMap::new();
        for (i, line) in std::io::BufReader::new(file).split(b'\n').enumerate() {
            let at = format!("{}:{}", path.display(), i + 1);
            let line = line.map_err(|e| err(at.clone(), crate::read::io_reason(&e)))?;
            let line = if i == 0 {
                line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&line).to_vec()
            } else {
                line
            };
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let value: serde_json::Value = serde_json::from_slice(&line)
                .map_err(|e| err(at.clone(), crate::jsonl::json_reason(&e)))?;
            let serde_json::Value::Object(obj) = value else {
                return Err(err(
                    at,
                    format!("row should be a JSON object, found {}", json_kind(&value)),
                ));
            };
            let id = match obj.get("id") {
                Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => {
                    return Err(err(
                        at,
                        "row has no `id` (the file stem or the JSON Lines id of the article)"
                            .into(),
                    ))
                }
            };
            let fields = MetaFields::from_json(&obj).map_err(|r| err(at.clone(), r))?;
            if let Some(first) = first_line.get(&id) {
                return Err(err(
                    at,
                    format!("id `{id}` was already given on line {first}"),
                ));
            }
            first_line.insert(id.clone(), i + 1);
            rows.insert(id, fields);
        }
        Ok(MetaTable { rows })
    }

    /// Number of ids with metadata.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The metadata given for `id`, if any.
    pub fn get(&self, id: &str) -> Option<&MetaFields> {
        self.rows.get(id)
    }

    /// Overwrite the article's metadata with what the table gives for its id.
    pub fn apply(&self, a: &mut Article) {
        if let Some(fields) = self.rows.get(&a.id) {
            fields.overwrite(a);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn meta_file(content: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(content.as_bytes()).unwrap();
        f
    }

    #[test]
    fn loads_rows_and_ignores_blank_lines_and_nulls() {
        let f = meta_file(
            "{\"id\": \"a1\", \"title\": \"Un titre\", \"outlet\": null, \"published\": \"2022-08-04\", \"note\": 3}\n\n{\"id\": 7, \"author\": \"Jeanne Martin\"}\n",
        );
        let t = MetaTable::load(f.path()).unwrap();
        assert_eq!(t.len(), 2);
        let a1 = t.get("a1").unwrap();
        assert_eq!(a1.title.as_deref(), Some("Un titre"));
        assert_eq!(a1.outlet, None);
        assert_eq!(t.get("7").unwrap().author.as_deref(), Some("Jeanne Martin"));
    }

    #[test]
    fn explicit_metadata_wins() {
        let f = meta_file(
            "{\"id\": \"a1\", \"title\": \"Titre donné\", \"published\": \"2021-11-16\"}\n",
        );
        let t = MetaTable::load(f.path()).unwrap();
        let mut a = Article {
            id: "a1".into(),
            title: Some("Titre de la page".into()),
            outlet: Some("La Gazette".into()),
            ..Default::default()
        };
        t.apply(&mut a);
        assert_eq!(a.title.as_deref(), Some("Titre donné"));
        assert_eq!(a.published.as_deref(), Some("2021-11-16"));
        assert_eq!(a.outlet.as_deref(), Some("La Gazette"));
    }

    #[test]
    fn malformed_line_names_path_and_line() {
        let f = meta_file("{\"id\": \"a\"}\n{\"id\": \"b\", oops}\n");
        let e = MetaTable::load(f.path()).unwrap_err().to_string();
        assert!(e.contains(&format!("{}:2", f.path().display())), "{e}");
        assert!(e.contains("malformed JSON"), "{e}");
    }

    #[test]
    fn row_without_id_or_with_bad_field_is_an_error() {
        let f = meta_file("{\"title\": \"Sans identifiant\"}\n");
        assert!(MetaTable::load(f.path())
            .unwrap_err()
            .to_string()
            .contains(":1: row has no `id`"));
        let f = meta_file("{\"id\": \"a\", \"published\": 2022}\n");
        assert!(MetaTable::load(f.path())
            .unwrap_err()
            .to_string()
            .contains("field `published` should be a string"));
        let f = meta_file("[1, 2]\n");
        assert!(MetaTable::load(f.path())
            .unwrap_err()
            .to_string()
            .contains("JSON object"));
    }

    #[test]
    fn duplicate_id_is_an_error() {
        let f = meta_file("{\"id\": \"a\"}\n{\"id\": \"a\"}\n");
        let e = MetaTable::load(f.path()).unwrap_err().to_string();
        assert!(e.contains(":2: id `a` was already given on line 1"), "{e}");
    }

    #[test]
    fn missing_file_is_an_error() {
        let e = MetaTable::load(Path::new("/nonexistent/recoupe/meta.jsonl"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("no such file"), "{e}");
    }
}
