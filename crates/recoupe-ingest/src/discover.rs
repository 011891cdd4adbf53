//! Expanding the paths a user named into the list of input files.
//!
//! A named file is always an input (whatever its extension; [`crate::read_path`] then
//! decides whether it is text). A named folder is walked recursively, in file-name order
//! so that runs are deterministic, keeping `.txt`, `.html`, `.htm` and `.jsonl` files
//! (any case) and skipping hidden entries (`.git`, `.DS_Store`). The `--meta` file is
//! never read as articles, and a file reached twice is read once.
//!
//! This module does not open files; unreadable ones are reported when read.

use recoupe_model::InputProblem;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Extensions kept when walking a folder.
pub const INPUT_EXTENSIONS: [&str; 4] = ["txt", "html", "htm", "jsonl"];

fn has_input_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| INPUT_EXTENSIONS.iter().any(|k| k.eq_ignore_ascii_case(e)))
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0
        && entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.'))
}

/// Expand files and folders into the list of input files, with a problem line for each
/// path that gives nothing. `exclude` is the `--meta` file, compared by canonical path.
pub fn discover(paths: &[PathBuf], exclude: Option<&Path>) -> (Vec<PathBuf>, Vec<InputProblem>) {
    let excluded = exclude.and_then(|p| std::fs::canonicalize(p).ok());
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let problem = |p: &Path, reason: &str| InputProblem {
        input: p.display().to_string(),
        reason: reason.to_string(),
    };
    // Keep a file unless it is the meta file or was already taken.
    let mut take = |path: PathBuf, files: &mut Vec<PathBuf>| -> bool {
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if excluded.as_ref() == Some(&canonical) {
            return false;
        }
        if seen.insert(canonical) {
            files.push(path);
        }
        true
    };
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                problems.push(problem(p, "no such file or folder"))
            }
            Err(e) => problems.push(problem(p, &crate::read::io_reason(&e))),
            Ok(m) if m.is_dir() => {
                let before = files.len();
                let mut found_any = false;
                let walker = walkdir::WalkDir::new(p)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter();
                for entry in walker.filter_entry(|e| !is_hidden(e)) {
                    match entry {
                        Ok(e) if e.file_type().is_file() && has_input_extension(e.path()) => {
                            found_any |= take(e.into_path(), &mut files);
                        }
                        Ok(_) => {}
                        Err(e) => {
                            let at = e.path().unwrap_or(p).to_path_buf();
                            let reason = match e.io_error() {
                                Some(io) => crate::read::io_reason(io),
                                None => "symbolic link loop".to_string(),
                            };
                            problems.push(problem(&at, &reason));
                        }
                    }
                }
                if !found_any && files.len() == before {
                    problems.push(problem(p, "folder has no .txt, .html, .htm or .jsonl file"));
                }
            }
            Ok(_) => {
                if !take(p.clone(), &mut files) {
                    problems.push(problem(
                        p,
                        "this is the --meta file; it is read as metadata, not as articles",
                    ));
                }
            }
        }
    }
    (files, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, rel: &str) -> PathBuf {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, "Un texte.").unwrap();
        p
    }

    #[test]
    fn walks_recursively_sorted_with_input_extensions_only() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        touch(d, "b.txt");
        touch(d, "a.HTML");
        touch(d, "sub/c.jsonl");
        touch(d, "sub/deeper/d.htm");
        touch(d, "notes.md");
        touch(d, "image.png");
        touch(d, ".git/e.txt");
        touch(d, ".cache.txt");
        let (files, problems) = discover(&[d.to_path_buf()], None);
        assert!(problems.is_empty(), "{problems:?}");
        let names: Vec<_> = files
            .iter()
            .map(|f| f.strip_prefix(d).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            ["a.HTML", "b.txt", "sub/c.jsonl", "sub/deeper/d.htm"]
        );
    }

    #[test]
    fn meta_file_inside_a_folder_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        touch(d, "a.txt");
        let meta = touch(d, "meta.jsonl");
        let (files, problems) = discover(&[d.to_path_buf()], Some(&meta));
        assert!(problems.is_empty());
        assert_eq!(files, vec![d.join("a.txt")]);
        // Named by another spelling of the same path.
        let other = d.join("sub/../meta.jsonl");
        std::fs::create_dir_all(d.join("sub")).unwrap();
        let (files, problems) = discover(std::slice::from_ref(&other), Some(&meta));
        assert!(files.is_empty());
        assert!(problems[0].reason.contains("--meta"), "{problems:?}");
    }

    #[test]
    fn explicit_file_of_any_extension_is_kept_and_duplicates_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let md = touch(d, "notes.md");
        let a = touch(d, "a.txt");
        let (files, problems) = discover(&[md.clone(), a.clone(), d.to_path_buf()], None);
        assert!(problems.is_empty());
        assert_eq!(files, vec![md, a]);
    }

    #[test]
    fn missing_path_and_folder_without_inputs_are_problems() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        touch(d, "empty/readme.md");
        let (files, problems) = discover(&[d.join("absent.txt"), d.join("empty")], None);
        assert!(files.is_empty());
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].reason, "no such file or folder");
        assert!(
            problems[1].reason.starts_with("folder has no .txt"),
            "{problems:?}"
        );
    }
}
