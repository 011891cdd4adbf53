//! Reading an exported model directory: `manifest.json` and the raw float32
//! tensors of `weights.bin` (little-endian, C order), plus the static-vector key
//! table for models that have one. No computation here.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::NerError;

#[derive(Debug, Deserialize)]
pub struct TensorEntry {
    pub offset: usize,
    pub shape: Vec<usize>,
}

/// The manifest written by `scripts/ner/export_spacy.py`.
#[derive(Debug, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub model: String,
    #[serde(default)]
    pub model_version: Option<String>,
    pub attrs: Vec<String>,
    pub rows: Vec<usize>,
    pub hash_seeds: Vec<u32>,
    pub width: usize,
    pub depth: usize,
    pub window_size: usize,
    pub encode_pieces: usize,
    pub embed_pieces: usize,
    pub static_vectors: bool,
    pub hidden_width: usize,
    pub hidden_pieces: usize,
    pub n_features: usize,
    pub moves: Vec<String>,
    #[serde(default)]
    pub unseen_classes: Vec<usize>,
    pub tensors: HashMap<String, TensorEntry>,
}

/// A tensor: its shape and values.
#[derive(Debug, Clone)]
pub struct Tensor {
    pub shape: Vec<usize>,
    pub data: Vec<f32>,
}

pub struct WeightFile {
    pub manifest: Manifest,
    bytes: Vec<u8>,
}

impl WeightFile {
    pub fn open(dir: &Path) -> Result<Self, NerError> {
        let manifest_path = dir.join("manifest.json");
        let text = std::fs::read_to_string(&manifest_path)
            .map_err(|e| NerError::Io(manifest_path.clone(), e))?;
        let manifest: Manifest = serde_json::from_str(&text)
            .map_err(|e| NerError::Format(format!("manifest.json: {e}")))?;
        if manifest.format != 1 {
            return Err(NerError::Format(format!(
                "unsupported manifest format {}",
                manifest.format
            )));
        }
        let weights_path = dir.join("weights.bin");
        let bytes =
            std::fs::read(&weights_path).map_err(|e| NerError::Io(weights_path.clone(), e))?;
        Ok(Self { manifest, bytes })
    }

    /// The named tensor; its shape must be `expected` when given.
    pub fn tensor(&self, name: &str, expected: Option<&[usize]>) -> Result<Tensor, NerError> {
        let entry = self
            .manifest
            .tensors
            .get(name)
            .ok_or_else(|| NerError::Format(format!("missing tensor {name}")))?;
        if let Some(exp) = expected {
            if entry.shape != exp {
                return Err(NerError::Format(format!(
                    "tensor {name} has shape {:?}, expected {exp:?}",
                    entry.shape
                )));
            }
        }
        let count: usize = entry.shape.iter().product();
        let end = entry
            .offset
            .checked_add(count * 4)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| NerError::Format(format!("tensor {name} runs past weights.bin")))?;
        let data = self.bytes[entry.offset..end]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Ok(Tensor {
            shape: entry.shape.clone(),
            data,
        })
    }
}

/// Static word vectors: sorted 64-bit keys and the row of each.
pub fn read_vector_keys(dir: &Path) -> Result<(Vec<u64>, Vec<i32>), NerError> {
    let kp = dir.join("vectors_keys.bin");
    let rp = dir.join("vectors_rows.bin");
    let kb = std::fs::read(&kp).map_err(|e| NerError::Io(kp.clone(), e))?;
    let rb = std::fs::read(&rp).map_err(|e| NerError::Io(rp.clone(), e))?;
    if kb.len() % 8 != 0 || rb.len() % 4 != 0 || kb.len() / 8 != rb.len() / 4 {
        return Err(NerError::Format("vector key and row files disagree".into()));
    }
    let keys: Vec<u64> = kb
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
        .collect();
    let rows = rb
        .chunks_exact(4)
        .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    if keys.windows(2).any(|w| w[0] >= w[1]) {
        return Err(NerError::Format("vector keys are not sorted".into()));
    }
    Ok((keys, rows))
}
