//! Ingest (stub): plain text files and JSON Lines rows into [`Article`]s.

use recoupe_model::{Article, InputProblem};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: {reason}")]
    Meta { path: String, reason: String },
}

/// Per-document metadata given with `--meta`, keyed by document id.
#[derive(Debug, Default, Clone)]
pub struct MetaTable {
    rows: HashMap<String, serde_json::Value>,
}

impl MetaTable {
    pub fn load(path: &Path) -> Result<Self, IngestError> {
        let text = std::fs::read_to_string(path).map_err(|e| IngestError::Meta {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let mut rows = HashMap::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).map_err(|e| IngestError::Meta {
                path: path.display().to_string(),
                reason: e.to_string(),
            })?;
            if let Some(id) = v.get("id").and_then(|x| x.as_str()) {
                rows.insert(id.to_string(), v.clone());
            }
        }
        Ok(MetaTable { rows })
    }

    fn apply(&self, a: &mut Article) {
        if let Some(v) = self.rows.get(&a.id) {
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
            a.title = a.title.take().or(s("title"));
            a.outlet = a.outlet.take().or(s("outlet"));
            a.published = a.published.take().or(s("published"));
            a.url = a.url.take().or(s("url"));
        }
    }
}

/// Expand files and folders into the list of input files.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<_> = std::fs::read_dir(p).into_iter().flatten().flatten().map(|e| e.path()).collect();
            entries.sort();
            let (f, pr) = discover(&entries);
            files.extend(f.into_iter().filter(|f| matches!(f.extension().and_then(|e| e.to_str()), Some("txt" | "jsonl"))));
            problems.extend(pr);
        } else if p.is_file() {
            files.push(p.clone());
        } else {
            problems.push(InputProblem { input: p.display().to_string(), reason: "no such file or folder".into() });
        }
    }
    (files, problems)
}

/// Read one input file into articles (a JSON Lines file gives one per row).
pub fn read_path(path: &Path, meta: &MetaTable) -> Vec<Result<Article, InputProblem>> {
    let problem = |reason: String| InputProblem { input: path.display().to_string(), reason };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => return vec![Err(problem(e.to_string()))],
    };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("doc").to_string();
    if path.extension().and_then(|e| e.to_str()) == Some("jsonl") {
        return text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                let v: serde_json::Value = serde_json::from_str(l)
                    .map_err(|e| InputProblem { input: format!("{}:{}", path.display(), i + 1), reason: e.to_string() })?;
                let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
                let mut a = Article {
                    id: s("id").unwrap_or_else(|| format!("{stem}-{}", i + 1)),
                    origin: format!("{}:{}", path.display(), i + 1),
                    body: s("text").unwrap_or_default(),
                    title: s("title"),
                    outlet: s("outlet"),
                    published: s("published"),
                    url: s("url"),
                    ..Default::default()
                };
                meta.apply(&mut a);
                Ok(a)
            })
            .collect();
    }
    let mut a = Article { id: stem, origin: path.display().to_string(), body: text, ..Default::default() };
    meta.apply(&mut a);
    vec![Ok(a)]
}
