//! Reading one input file (or its bytes) into articles, by format.
//!
//! The format comes from the extension: `.html`/`.htm` is a page, `.jsonl` a stream of
//! rows, `.txt` plain text; a file of any other extension is plain text, or a page when
//! it starts like one (`<!DOCTYPE html`, `<html`). Text and pages are read whole, up to
//! [`MAX_INPUT_BYTES`]; JSON Lines files are streamed.
//!
//! Every failure is an [`InputProblem`] with the path (or `path:line`) and a reason a
//! user can act on; nothing here panics on any input.

use crate::{decode, html, jsonl, MetaTable};
use recoupe_model::{Article, InputProblem};
use std::io::Read;
use std::path::Path;

/// The largest single article (a text file, a page, or one JSON Lines row), in bytes.
pub const MAX_INPUT_BYTES: usize = 32 << 20;

/// The input formats, as told by the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Html,
    Jsonl,
    /// Another extension: text, or a page if it looks like one.
    Other,
}

fn format_of(name: &str) -> Format {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "txt" => Format::Text,
        "html" | "htm" => Format::Html,
        "jsonl" => Format::Jsonl,
        _ => Format::Other,
    }
}

pub(crate) fn problem(input: &str, reason: String) -> InputProblem {
    InputProblem {
        input: input.to_string(),
        reason,
    }
}

/// `Some(text)` unless it is empty or only whitespace.
pub(crate) fn non_empty(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

/// An I/O error in words, without Rust's debug wrapping.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "cannot read: permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}

fn size_in_words(n: usize) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64)
    } else {
        format!("{n} bytes")
    }
}

/// The id of a file's article: its stem.
fn stem_of(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "doc".to_string())
}

/// Read one input file into articles (a JSON Lines file gives one per row), then apply
/// the metadata table.
pub fn read_path(path: &Path, meta: &MetaTable) -> Vec<Result<Article, InputProblem>> {
    let name = path.display().to_string();
    let mut results = read_file(path, &name);
    for a in results.iter_mut().flatten() {
        meta.apply(a);
    }
    results
}

/// The articles of one input file as a stream: a JSON Lines file is read one row at a
/// time (bounded memory, whatever its length), any other file whole, as
/// [`read_path`] does. The metadata table is applied to each article.
pub fn stream_path<'a>(
    path: &Path,
    meta: &'a MetaTable,
) -> Box<dyn Iterator<Item = Result<Article, InputProblem>> + Send + 'a> {
    let name = path.display().to_string();
    if format_of(&name) == Format::Jsonl {
        let file = std::fs::File::open(path).and_then(|f| match f.metadata() {
            Ok(m) if m.is_dir() => Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "is a folder, not a file",
            )),
            Ok(_) => Ok(f),
            Err(e) => Err(e),
        });
        return match file {
            Ok(f) => {
                let reader = std::io::BufReader::with_capacity(1 << 16, f);
                let rows = jsonl::Rows::new(reader, &name, &stem_of(&name), MAX_INPUT_BYTES);
                Box::new(rows.map(move |mut r| {
                    if let Ok(a) = r.as_mut() {
                        meta.apply(a);
                    }
                    r
                }))
            }
            Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => Box::new(std::iter::once(
                Err(problem(&name, "is a folder, not a file".into())),
            )),
            Err(e) => Box::new(std::iter::once(Err(problem(&name, io_reason(&e))))),
        };
    }
    Box::new(read_path(path, meta).into_iter())
}

/// The rows of JSON Lines read from `reader` (standard input, a pipe) as a stream;
/// `name` names it in messages and makes ids for rows without one.
pub fn stream_jsonl<'a, R: std::io::BufRead + Send + 'a>(
    reader: R,
    name: &str,
    meta: &'a MetaTable,
) -> Box<dyn Iterator<Item = Result<Article, InputProblem>> + Send + 'a> {
    let rows = jsonl::Rows::new(reader, name, name, MAX_INPUT_BYTES);
    Box::new(rows.map(move |mut r| {
        if let Ok(a) = r.as_mut() {
            meta.apply(a);
        }
        r
    }))
}

fn read_file(path: &Path, name: &str) -> Vec<Result<Article, InputProblem>> {
    let fail = |reason: String| vec![Err(problem(name, reason))];
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(io_reason(&e)),
    };
    match file.metadata() {
        Ok(m) if m.is_dir() => return fail("is a folder, not a file".into()),
        Ok(m) if format_of(name) != Format::Jsonl && m.len() > MAX_INPUT_BYTES as u64 => {
            return fail(too_big(m.len() as usize));
        }
        Ok(_) => {}
        Err(e) => return fail(io_reason(&e)),
    }
    if format_of(name) == Format::Jsonl {
        let reader = std::io::BufReader::with_capacity(1 << 16, file);
        return jsonl::read_rows(reader, name, &stem_of(name), MAX_INPUT_BYTES);
    }
    // The size may change between the check and the read (or be unknown, as for a pipe).
    let mut bytes = Vec::new();
    if let Err(e) = file
        .take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
    {
        return fail(io_reason(&e));
    }
    if bytes.len() > MAX_INPUT_BYTES {
        return fail(too_big(bytes.len()));
    }
    parse_named(name, &bytes)
}

fn too_big(len: usize) -> String {
    format!(
        "file is {}, over the {} limit for one article (split it, or use JSON Lines with one article per line)",
        size_in_words(len),
        size_in_words(MAX_INPUT_BYTES)
    )
}

/// Parse the bytes of one input whose file name is `name_hint` (its extension picks
/// the format, its stem the id). No metadata table is applied. Never panics.
pub fn parse_bytes(name_hint: &str, bytes: &[u8]) -> Vec<Result<Article, InputProblem>> {
    if format_of(name_hint) != Format::Jsonl && bytes.len() > MAX_INPUT_BYTES {
        return vec![Err(problem(name_hint, too_big(bytes.len())))];
    }
    parse_named(name_hint, bytes)
}

fn parse_named(name: &str, bytes: &[u8]) -> Vec<Result<Article, InputProblem>> {
    let stem = stem_of(name);
    let format = match format_of(name) {
        Format::Other if looks_like_html(bytes) => Format::Html,
        f => f,
    };
    let one = |r: Result<Article, String>| {
        vec![r
            .map(|mut a| {
                a.id = stem.clone();
                a.origin = name.to_string();
                a
            })
            .map_err(|reason| problem(name, reason))]
    };
    match format {
        Format::Jsonl => jsonl::read_rows(bytes, name, &stem, MAX_INPUT_BYTES),
        Format::Html => one(read_html(bytes)),
        Format::Text | Format::Other => one(read_text(bytes)),
    }
}

fn empty_reason(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        "empty file"
    } else {
        "file has only whitespace"
    }
    .to_string()
}

fn read_text(bytes: &[u8]) -> Result<Article, String> {
    let text = decode::decode_text(bytes).map_err(|e| e.to_string())?;
    let body = non_empty(text).ok_or_else(|| empty_reason(bytes))?;
    Ok(Article {
        body,
        ..Default::default()
    })
}

fn read_html(bytes: &[u8]) -> Result<Article, String> {
    let text = decode::decode_html(bytes).map_err(|e| e.to_string())?;
    if text.trim().is_empty() {
        return Err(empty_reason(bytes));
    }
    html::extract(&text)
}

/// True when the bytes start like an HTML page (after a BOM and blank space).
fn looks_like_html(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let head: Vec<u8> = b[start..]
        .iter()
        .take(15)
        .map(u8::to_ascii_lowercase)
        .collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn only_problem(r: Vec<Result<Article, InputProblem>>) -> InputProblem {
        assert_eq!(r.len(), 1, "{r:?}");
        r.into_iter().next().unwrap().unwrap_err()
    }

    #[test]
    fn text_file_is_read_with_stem_as_id() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "depeche-12.txt",
            "\u{FEFF}La préfecture a annoncé la fermeture du pont.\r\n".as_bytes(),
        );
        let r = read_path(&p, &MetaTable::default());
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.id, "depeche-12");
        assert_eq!(a.origin, p.display().to_string());
        assert_eq!(a.body, "La préfecture a annoncé la fermeture du pont.\n");
        assert!(!a.from_html);
    }

    #[test]
    fn missing_file() {
        let p = only_problem(read_path(
            Path::new("/nonexistent/recoupe/a.txt"),
            &MetaTable::default(),
        ));
        assert_eq!(p.input, "/nonexistent/recoupe/a.txt");
        assert_eq!(p.reason, "no such file or folder");
    }

    #[test]
    fn unreadable_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "secret.txt", b"Texte confidentiel.");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&p).is_ok() {
            eprintln!("running with privileges that ignore file modes: skipped");
            return;
        }
        let pr = only_problem(read_path(&p, &MetaTable::default()));
        assert_eq!(pr.reason, "cannot read: permission denied");
    }

    #[test]
    fn binary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "photo.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        );
        assert!(only_problem(read_path(&p, &MetaTable::default()))
            .reason
            .starts_with("binary file"));
        let p = write(dir.path(), "page.html", b"\x00\x01\x02\x03<html>");
        assert!(only_problem(read_path(&p, &MetaTable::default()))
            .reason
            .starts_with("binary file"));
    }

    #[test]
    fn invalid_utf8_text_names_offset() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "latin.txt",
            b"Le d\xE9put\xE9 de l'Is\xE8re a vot\xE9 contre le texte.",
        );
        let pr = only_problem(read_path(&p, &MetaTable::default()));
        assert!(
            pr.reason
                .contains("not valid UTF-8 (first bad byte at offset 4"),
            "{pr}"
        );
    }

    #[test]
    fn empty_and_whitespace_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "vide.txt", b"");
        assert_eq!(
            only_problem(read_path(&p, &MetaTable::default())).reason,
            "empty file"
        );
        let p = write(dir.path(), "blanc.txt", b" \r\n\t\n");
        assert_eq!(
            only_problem(read_path(&p, &MetaTable::default())).reason,
            "file has only whitespace"
        );
        let p = write(dir.path(), "vide.html", b"   ");
        assert_eq!(
            only_problem(read_path(&p, &MetaTable::default())).reason,
            "file has only whitespace"
        );
    }

    #[test]
    fn enormous_text_file_is_refused_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("enorme.txt");
        let f = std::fs::File::create(&p).unwrap();
        f.set_len(MAX_INPUT_BYTES as u64 + 10).unwrap(); // sparse: no disk used
        let pr = only_problem(read_path(&p, &MetaTable::default()));
        assert!(
            pr.reason
                .starts_with("file is 32.0 MiB, over the 32.0 MiB limit"),
            "{pr}"
        );
    }

    #[test]
    fn folder_named_as_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            only_problem(read_path(dir.path(), &MetaTable::default())).reason,
            "is a folder, not a file"
        );
    }

    #[test]
    fn other_extension_is_text_or_page() {
        let r = parse_bytes("note.md", "Une note en texte brut.".as_bytes());
        assert_eq!(r[0].as_ref().unwrap().body, "Une note en texte brut.");
        let r = parse_bytes("image.bin", b"\x00\x01\x02");
        assert!(r[0].as_ref().unwrap_err().reason.starts_with("binary file"));
        let page = "<!DOCTYPE html><html><head><title>Essai</title></head><body><article><p>Le tribunal administratif a rejeté mardi le recours déposé par les riverains contre le projet de parking souterrain.</p><p>Les travaux commenceront donc comme prévu à la rentrée, selon la mairie.</p></article></body></html>";
        let r = parse_bytes("page.php", page.as_bytes());
        let a = r[0].as_ref().unwrap();
        assert!(a.from_html);
        assert!(a.body.contains("Le tribunal administratif"), "{}", a.body);
    }

    #[test]
    fn jsonl_file_with_meta() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "flux.jsonl",
            b"{\"text\": \"Premier article.\"}\n{\"id\": \"b\", \"text\": \"Second article.\"}\n",
        );
        let m = write(dir.path(), "meta.jsonl", b"{\"id\": \"flux-1\", \"outlet\": \"Le Journal\"}\n{\"id\": \"b\", \"published\": \"2020-01-02\"}\n");
        let meta = MetaTable::load(&m).unwrap();
        let r = read_path(&p, &meta);
        assert_eq!(r[0].as_ref().unwrap().outlet.as_deref(), Some("Le Journal"));
        assert_eq!(
            r[1].as_ref().unwrap().published.as_deref(),
            Some("2020-01-02")
        );
    }
}
