//! The neural layers of the NER model, as thinc computes them at inference time.
//!
//! - `HashEmbed`: each attribute id is hashed into four rows of a table
//!   (thinc's MurmurHash3 with the layer's seed); the four rows are summed.
//! - `Maxout` (+ `LayerNorm`): `y = max_p (W x + b)[o, p]`, then
//!   `(y - mean) / sqrt(var + 1e-8) * G + b`.
//! - The window encoder: `depth` residual blocks of
//!   `expand_window(1) >> Maxout >> LayerNorm`. As in thinc's `with_array(pad=4)`,
//!   the sequence is framed by `depth` zero rows on each side that go through the
//!   blocks too, so the first and last tokens see exactly what spaCy gives them.
//! - The parser's lower layer (`PrecomputableAffine`) is applied once per token
//!   and per state-feature slot; states then only add up cached rows.
//!
//! Matrix products go through `matrixmultiply::sgemm` (pure Rust, SIMD). Results
//! agree with spaCy's to float rounding, not bit for bit.

use crate::hash::murmurhash3_uint64;
use crate::weights::{Tensor, WeightFile};
use crate::NerError;

/// `out (m×n) = x (m×k) · wᵀ`, with `w` stored (n×k), row-major.
pub fn gemm_xwt(x: &[f32], m: usize, k: usize, w: &[f32], n: usize, out: &mut [f32]) {
    assert!(x.len() >= m * k && w.len() >= n * k && out.len() >= m * n);
    if m == 0 || n == 0 {
        return;
    }
    // SAFETY: the asserts above guarantee every index sgemm touches is in bounds:
    // x is read at i*k + l (i < m, l < k), w at j*k + l (j < n), out written at i*n + j.
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            x.as_ptr(),
            k as isize,
            1,
            w.as_ptr(),
            1,
            k as isize,
            0.0,
            out.as_mut_ptr(),
            n as isize,
            1,
        );
    }
}

/// `table (rows×width) · W[:, col..col+width]ᵀ` where `W` is (n × n_in) row-major:
/// each embedding row pushed through its slice of a dense layer.
pub fn project_rows(
    table: &[f32],
    rows: usize,
    width: usize,
    w: &[f32],
    n: usize,
    n_in: usize,
    col: usize,
) -> Vec<f32> {
    assert!(table.len() >= rows * width && w.len() >= n * n_in && col + width <= n_in);
    let mut out = vec![0.0f32; rows * n];
    if rows == 0 || n == 0 {
        return out;
    }
    // SAFETY: table is read at i*width + l (i < rows, l < width); w at
    // j*n_in + col + l (j < n, l < width), all within the asserted lengths; out
    // is written at i*n + j.
    unsafe {
        matrixmultiply::sgemm(
            rows,
            width,
            n,
            1.0,
            table.as_ptr(),
            width as isize,
            1,
            w.as_ptr().add(col),
            1,
            n_in as isize,
            0.0,
            out.as_mut_ptr(),
            n as isize,
            1,
        );
    }
    out
}

/// One hashed embedding table, stored already multiplied by its slice of the
/// mixer's weights: thinc sums four rows then applies the mixer; summing the
/// four projected rows gives the same pre-activation with 20× fewer products.
#[derive(Debug)]
pub struct HashEmbed {
    pub rows: usize,
    pub seed: u32,
    /// (rows × mixer outputs·pieces)
    pub mixed: Vec<f32>,
}

impl HashEmbed {
    /// Add the mixer pre-activation contribution of `id` to `out`.
    #[inline]
    pub fn add_to(&self, id: u64, out: &mut [f32]) {
        let n = out.len();
        let keys = murmurhash3_uint64(id, self.seed);
        for key in keys {
            let row = (key as usize) % self.rows;
            let src = &self.mixed[row * n..(row + 1) * n];
            for (o, s) in out.iter_mut().zip(src) {
                *o += *s;
            }
        }
    }
}

/// Maxout followed by layer normalisation.
#[derive(Debug)]
pub struct MaxoutNorm {
    pub n_out: usize,
    pub n_pieces: usize,
    pub n_in: usize,
    w: Vec<f32>,
    b: Vec<f32>,
    g: Vec<f32>,
    ln_b: Vec<f32>,
}

impl MaxoutNorm {
    pub fn load(
        file: &WeightFile,
        name: &str,
        n_out: usize,
        n_pieces: usize,
        n_in: usize,
    ) -> Result<Self, NerError> {
        let w = file
            .tensor(&format!("{name}.W"), Some(&[n_out, n_pieces, n_in]))?
            .data;
        let b = file
            .tensor(&format!("{name}.b"), Some(&[n_out, n_pieces]))?
            .data;
        let g = file.tensor(&format!("{name}.G"), Some(&[n_out]))?.data;
        let ln_b = file.tensor(&format!("{name}.ln_b"), Some(&[n_out]))?.data;
        Ok(Self {
            n_out,
            n_pieces,
            n_in,
            w,
            b,
            g,
            ln_b,
        })
    }

    /// The weights, (n_out·n_pieces × n_in).
    pub fn weights(&self) -> &[f32] {
        &self.w
    }

    /// Bias, maxout and layer norm of one row of pre-activations (n_out·n_pieces).
    pub fn finish_row(&self, pre: &[f32], y: &mut [f32]) {
        for (o, yo) in y.iter_mut().enumerate() {
            let base = o * self.n_pieces;
            let mut best = pre[base] + self.b[base];
            for p in 1..self.n_pieces {
                let v = pre[base + p] + self.b[base + p];
                if v > best {
                    best = v;
                }
            }
            *yo = best;
        }
        layer_norm(y, &self.g, &self.ln_b);
    }

    /// `x` is (m × n_in); writes (m × n_out) into `out`; `scratch` is resized as needed.
    pub fn forward(&self, x: &[f32], m: usize, out: &mut [f32], scratch: &mut Vec<f32>) {
        let np = self.n_out * self.n_pieces;
        scratch.clear();
        scratch.resize(m * np, 0.0);
        gemm_xwt(x, m, self.n_in, &self.w, np, scratch);
        for i in 0..m {
            let pre = &scratch[i * np..(i + 1) * np];
            let y = &mut out[i * self.n_out..(i + 1) * self.n_out];
            self.finish_row(pre, y);
        }
    }
}

fn layer_norm(y: &mut [f32], g: &[f32], b: &[f32]) {
    let n = y.len() as f32;
    let mean = y.iter().sum::<f32>() / n;
    let var = y.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n + 1e-8;
    let inv = 1.0 / var.sqrt();
    for ((v, g), b) in y.iter_mut().zip(g).zip(b) {
        *v = (*v - mean) * inv * g + b;
    }
}

/// Dense layer `y = W x + b`, W stored (n_out × n_in).
#[derive(Debug)]
pub struct Linear {
    pub n_out: usize,
    pub n_in: usize,
    pub w: Vec<f32>,
    pub b: Vec<f32>,
}

impl Linear {
    pub fn load(
        file: &WeightFile,
        name: &str,
        n_out: usize,
        n_in: usize,
    ) -> Result<Self, NerError> {
        let w = file
            .tensor(&format!("{name}.W"), Some(&[n_out, n_in]))?
            .data;
        let b = file.tensor(&format!("{name}.b"), Some(&[n_out]))?.data;
        Ok(Self { n_out, n_in, w, b })
    }

    pub fn forward(&self, x: &[f32], m: usize, out: &mut [f32]) {
        gemm_xwt(x, m, self.n_in, &self.w, self.n_out, out);
        for row in out[..m * self.n_out].chunks_exact_mut(self.n_out) {
            for (v, b) in row.iter_mut().zip(&self.b) {
                *v += b;
            }
        }
    }
}

/// The window encoder: residual Maxout+LayerNorm blocks over a ±`window` context.
#[derive(Debug)]
pub struct WindowEncoder {
    pub width: usize,
    pub window: usize,
    pub blocks: Vec<MaxoutNorm>,
}

impl WindowEncoder {
    /// Encode `x` (n × width) in place.
    pub fn forward(&self, x: &mut Vec<f32>, n: usize, scratch: &mut Vec<f32>) {
        let w = self.width;
        let pad = self.blocks.len();
        let total = n + 2 * pad;
        let mut seq = vec![0.0f32; total * w];
        seq[pad * w..(pad + n) * w].copy_from_slice(&x[..n * w]);
        let span = 2 * self.window + 1;
        let mut cols = vec![0.0f32; total * span * w];
        let mut out = vec![0.0f32; total * w];
        for block in &self.blocks {
            // seq2col: [x(t-window) .. x(t+window)], zeros outside the array.
            cols.iter_mut().for_each(|v| *v = 0.0);
            for t in 0..total {
                for d in 0..span {
                    let src = t as isize + d as isize - self.window as isize;
                    if src < 0 || src as usize >= total {
                        continue;
                    }
                    let src = src as usize;
                    let dst = (t * span + d) * w;
                    cols[dst..dst + w].copy_from_slice(&seq[src * w..(src + 1) * w]);
                }
            }
            block.forward(&cols, total, &mut out, scratch);
            for (s, o) in seq.iter_mut().zip(&out) {
                *s += o;
            }
        }
        x.clear();
        x.extend_from_slice(&seq[pad * w..(pad + n) * w]);
    }
}

/// The parser's lower layer, precomputed per token.
#[derive(Debug)]
pub struct Precomputable {
    pub n_feat: usize,
    pub n_out: usize,
    pub n_pieces: usize,
    pub n_in: usize,
    /// (n_feat·n_out·n_pieces × n_in)
    pub w: Vec<f32>,
    /// (n_out·n_pieces)
    pub b: Vec<f32>,
    /// (n_feat·n_out·n_pieces): the row used when a feature slot is empty
    pub pad: Vec<f32>,
}

impl Precomputable {
    pub fn load(
        file: &WeightFile,
        n_feat: usize,
        n_out: usize,
        n_pieces: usize,
        n_in: usize,
    ) -> Result<Self, NerError> {
        let w = file
            .tensor("lower.W", Some(&[n_feat, n_out, n_pieces, n_in]))?
            .data;
        let b = file.tensor("lower.b", Some(&[n_out, n_pieces]))?.data;
        let pad = file
            .tensor("lower.pad", Some(&[1, n_feat, n_out, n_pieces]))?
            .data;
        Ok(Self {
            n_feat,
            n_out,
            n_pieces,
            n_in,
            w,
            b,
            pad,
        })
    }

    pub fn row_len(&self) -> usize {
        self.n_feat * self.n_out * self.n_pieces
    }

    /// (n × row_len): every token's contribution to every feature slot.
    pub fn precompute(&self, x: &[f32], n: usize, out: &mut Vec<f32>) {
        out.clear();
        out.resize(n * self.row_len(), 0.0);
        gemm_xwt(x, n, self.n_in, &self.w, self.row_len(), out);
    }
}

pub fn tensor_table(t: Tensor, rows: usize, width: usize) -> Result<Vec<f32>, NerError> {
    if t.shape != [rows, width] {
        return Err(NerError::Format(format!(
            "table shape {:?}, expected [{rows}, {width}]",
            t.shape
        )));
    }
    Ok(t.data)
}
