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
        // Piece-major order (row p·n_out + o holds output o, piece p): the maxout then
        // compares whole rows of outputs, which vectorises.
        let mut w_pm = vec![0.0f32; w.len()];
        let mut b_pm = vec![0.0f32; b.len()];
        for o in 0..n_out {
            for p in 0..n_pieces {
                let (from, to) = (o * n_pieces + p, p * n_out + o);
                w_pm[to * n_in..(to + 1) * n_in]
                    .copy_from_slice(&w[from * n_in..(from + 1) * n_in]);
                b_pm[to] = b[from];
            }
        }
        let (w, b) = (w_pm, b_pm);
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

    /// The weights, (n_pieces·n_out × n_in), piece-major: row `p·n_out + o` is output
    /// `o`, piece `p`.
    pub fn weights(&self) -> &[f32] {
        &self.w
    }

    /// Bias, maxout and layer norm of one row of pre-activations (n_pieces·n_out,
    /// piece-major like [`Self::weights`]).
    pub fn finish_row(&self, pre: &[f32], y: &mut [f32]) {
        let n = self.n_out;
        if self.n_pieces == 3 {
            let (p0, rest) = pre[..3 * n].split_at(n);
            let (p1, p2) = rest.split_at(n);
            let (b0, rest) = self.b[..3 * n].split_at(n);
            let (b1, b2) = rest.split_at(n);
            for (o, yo) in y[..n].iter_mut().enumerate() {
                let mut best = p0[o] + b0[o];
                let v = p1[o] + b1[o];
                best = if v > best { v } else { best };
                let v = p2[o] + b2[o];
                *yo = if v > best { v } else { best };
            }
            layer_norm(y, &self.g, &self.ln_b);
            return;
        }
        for ((yo, &v), &b) in y.iter_mut().zip(&pre[..n]).zip(&self.b[..n]) {
            *yo = v + b;
        }
        for p in 1..self.n_pieces {
            let piece = &pre[p * n..(p + 1) * n];
            let bias = &self.b[p * n..(p + 1) * n];
            for ((yo, &v), &b) in y.iter_mut().zip(piece).zip(bias) {
                let v = v + b;
                if v > *yo {
                    *yo = v;
                }
            }
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

/// Buffers of [`WindowEncoder::forward_with`], kept between calls so that a thread
/// encoding text after text allocates once.
#[derive(Debug, Default)]
pub struct EncoderScratch {
    seq: Vec<f32>,
    chunk: Vec<f32>,
    cols: Vec<f32>,
    out: Vec<f32>,
    pre: Vec<f32>,
}

impl EncoderScratch {
    /// Drop buffers that grew past `max_floats` (after one very long text).
    pub fn trim(&mut self, max_floats: usize) {
        for v in [
            &mut self.seq,
            &mut self.chunk,
            &mut self.cols,
            &mut self.out,
            &mut self.pre,
        ] {
            if v.capacity() > max_floats {
                *v = Vec::new();
            }
        }
    }
}

impl WindowEncoder {
    /// Encode `x` (n × width) in place.
    pub fn forward(&self, x: &mut Vec<f32>, n: usize, scratch: &mut Vec<f32>) {
        let mut ws = EncoderScratch {
            pre: std::mem::take(scratch),
            ..Default::default()
        };
        self.forward_with(x, n, &mut ws);
        *scratch = ws.pre;
    }

    /// Encode `x` (n × width) in place, with reusable buffers.
    pub fn forward_with(&self, x: &mut Vec<f32>, n: usize, ws: &mut EncoderScratch) {
        let w = self.width;
        let pad = self.blocks.len();
        let total = n + 2 * pad;
        let seq = &mut ws.seq;
        seq.clear();
        seq.resize(total * w, 0.0);
        seq[pad * w..(pad + n) * w].copy_from_slice(&x[..n * w]);
        // Row t of the output depends on rows t ± blocks·window of the input only, so
        // the sequence is encoded in chunks, each with that many rows of context on
        // both sides: buffers stay small however long the text, and every row is
        // computed exactly as over the whole sequence.
        let halo = self.blocks.len() * self.window;
        let mut a = 0;
        while a < total {
            let b = (a + ENCODER_CHUNK).min(total);
            let (lo, hi) = (a.saturating_sub(halo), (b + halo).min(total));
            let parts = (&mut ws.chunk, &mut ws.cols, &mut ws.out, &mut ws.pre);
            self.encode_rows(&seq[lo * w..hi * w], hi - lo, parts);
            // rows a..b of the padded sequence that are tokens
            let (from, to) = (a.max(pad), b.min(pad + n));
            if from < to {
                x[(from - pad) * w..(to - pad) * w]
                    .copy_from_slice(&ws.chunk[(from - lo) * w..(to - lo) * w]);
            }
            a = b;
        }
        x.truncate(n * w);
    }

    /// Runs every block over `m` rows (`rows`, m × width; zeros outside), the result
    /// left in `parts.0`.
    fn encode_rows(&self, rows: &[f32], m: usize, parts: ChunkBuffers<'_>) {
        let (seq, cols, out, pre) = parts;
        let w = self.width;
        seq.clear();
        seq.extend_from_slice(&rows[..m * w]);
        let span = 2 * self.window + 1;
        cols.clear();
        cols.resize(m * span * w, 0.0);
        out.clear();
        out.resize(m * w, 0.0);
        for block in &self.blocks {
            // seq2col: [x(t-window) .. x(t+window)], zeros outside the array.
            for t in 0..m {
                for d in 0..span {
                    let dst = (t * span + d) * w;
                    let src = t as isize + d as isize - self.window as isize;
                    if src < 0 || src as usize >= m {
                        cols[dst..dst + w].fill(0.0);
                        continue;
                    }
                    let src = src as usize;
                    cols[dst..dst + w].copy_from_slice(&seq[src * w..(src + 1) * w]);
                }
            }
            block.forward(cols, m, out, pre);
            for (s, o) in seq.iter_mut().zip(out.iter()) {
                *s += o;
            }
        }
    }
}

/// Rows the window encoder runs at once (plus context rows on each side).
const ENCODER_CHUNK: usize = 512;

type ChunkBuffers<'a> = (
    &'a mut Vec<f32>,
    &'a mut Vec<f32>,
    &'a mut Vec<f32>,
    &'a mut Vec<f32>,
);

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Small deterministic pseudo-random numbers in [-1, 1).
    fn numbers(n: usize, seed: u64) -> Vec<f32> {
        let mut s = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        (0..n)
            .map(|_| {
                s = s
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((s >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
            })
            .collect()
    }

    fn encoder(width: usize, pieces: usize, depth: usize) -> WindowEncoder {
        let n_in = width * 3;
        let blocks = (0..depth)
            .map(|k| MaxoutNorm {
                n_out: width,
                n_pieces: pieces,
                n_in,
                w: numbers(width * pieces * n_in, 10 + k as u64),
                b: numbers(width * pieces, 20 + k as u64),
                g: numbers(width, 30 + k as u64),
                ln_b: numbers(width, 40 + k as u64),
            })
            .collect();
        WindowEncoder {
            width,
            window: 1,
            blocks,
        }
    }

    /// The encoder over the whole padded sequence at once.
    fn encode_whole(enc: &WindowEncoder, x: &[f32], n: usize) -> Vec<f32> {
        let w = enc.width;
        let pad = enc.blocks.len();
        let total = n + 2 * pad;
        let mut seq = vec![0.0f32; total * w];
        seq[pad * w..(pad + n) * w].copy_from_slice(&x[..n * w]);
        let (mut chunk, mut cols, mut out, mut pre) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        enc.encode_rows(&seq, total, (&mut chunk, &mut cols, &mut out, &mut pre));
        chunk[pad * w..(pad + n) * w].to_vec()
    }

    #[test]
    fn chunked_encoder_equals_whole_sequence() {
        let enc = encoder(8, 3, 4);
        let mut ws = EncoderScratch::default();
        for n in [
            1,
            2,
            7,
            ENCODER_CHUNK - 8,
            ENCODER_CHUNK + 3,
            3 * ENCODER_CHUNK + 17,
        ] {
            let x = numbers(n * enc.width, n as u64);
            let whole = encode_whole(&enc, &x, n);
            let mut chunked = x.clone();
            enc.forward_with(&mut chunked, n, &mut ws);
            assert_eq!(chunked, whole, "{n} tokens");
        }
    }

    #[test]
    fn maxout_takes_the_best_piece_of_each_output() {
        for pieces in [2, 3] {
            let m = MaxoutNorm {
                n_out: 4,
                n_pieces: pieces,
                n_in: 1,
                w: vec![0.0; 4 * pieces],
                b: vec![0.0; 4 * pieces],
                g: vec![1.0; 4],
                ln_b: vec![0.0; 4],
            };
            // piece-major: output o of piece p at p·4 + o; output o's best is o
            let mut pre = vec![-10.0f32; 4 * pieces];
            for o in 0..4 {
                pre[(o % pieces) * 4 + o] = o as f32;
            }
            let mut y = vec![0.0f32; 4];
            m.finish_row(&pre, &mut y);
            // layer norm of 0, 1, 2, 3: increasing, centred
            assert!(y.windows(2).all(|p| p[0] < p[1]), "{y:?}");
            assert!(y.iter().sum::<f32>().abs() < 1e-5);
        }
    }
}
