//! `nn.BatchNorm1d`, computed the way PyTorch computes it, with a trace of every step.
//!
//! For each feature c, over the m = N·L values that feature has in the batch:
//!
//! ```text
//! train:  μ_B = mean(x),  σ²_B = mean((x − μ_B)²)            (biased: ÷ m)
//!         x̂ = (x − μ_B) / √(σ²_B + eps),  y = γ·x̂ + β
//!         running_mean ← (1 − f)·running_mean + f·μ_B
//!         running_var  ← (1 − f)·running_var  + f·σ²_B·m/(m − 1)   (unbiased: ÷ (m − 1))
//!         f = momentum, or 1/num_batches_tracked when momentum is None
//! eval:   x̂ = (x − running_mean) / √(running_var + eps),  y = γ·x̂ + β,  nothing updated
//! ```
//!
//! Without running statistics (`track_running_stats=False`) the batch's own statistics are
//! used in both modes. Statistics are summed in f64 around a value of each feature (shifted
//! sums), which stays exact where a one-pass `E[x²] − E[x]²` in f32 cancels to garbage.

use super::error::{check_finite, check_len, BnError};

/// The constructor's arguments of `nn.BatchNorm1d`, with PyTorch's defaults from [`BatchNormConfig::new`].
#[derive(Debug, Clone, PartialEq)]
pub struct BatchNormConfig {
    pub num_features: usize,
    /// Added to the variance under the square root (PyTorch keeps it as a Python float: f64).
    pub eps: f64,
    /// Weight of the new batch in the running average; `None` = cumulative average.
    pub momentum: Option<f64>,
    /// Learnable γ (weight) and β (bias) when true.
    pub affine: bool,
    /// Keep running_mean / running_var / num_batches_tracked when true.
    pub track_running_stats: bool,
}

impl BatchNormConfig {
    /// `nn.BatchNorm1d(num_features)`: eps=1e-5, momentum=0.1, affine=True, track_running_stats=True.
    pub fn new(num_features: usize) -> Self {
        BatchNormConfig { num_features, eps: 1e-5, momentum: Some(0.1), affine: true, track_running_stats: true }
    }

    /// What `nn.BatchNorm1d(...)` itself refuses: here, only a layer without features. Every
    /// eps and momentum builds, as in PyTorch: eps ≤ 0 is refused when the layer runs (see
    /// [`BatchNorm1d::forward`]); NaN eps gives NaN outputs, ∞ eps gives y = β, and NaN or ∞
    /// momentum NaN running statistics — PyTorch's numbers. The page refuses those settings
    /// before they reach a layer, in its own words (`crate::lab::page_check_eps`, `page_check_momentum`).
    pub fn validate(&self) -> Result<(), BnError> {
        if self.num_features == 0 {
            return Err(BnError::NoFeatures);
        }
        Ok(())
    }
}

/// The buffers PyTorch keeps when `track_running_stats=True`.
#[derive(Debug, Clone, PartialEq)]
pub struct RunningStats {
    pub mean: Vec<f32>,
    pub var: Vec<f32>,
    pub num_batches_tracked: u64,
}

/// The learnable per-feature scale γ (`weight`) and shift β (`bias`).
#[derive(Debug, Clone, PartialEq)]
pub struct Affine {
    pub weight: Vec<f32>,
    pub bias: Vec<f32>,
}

/// The shape of a batch: `(N, C)` is stored as L = 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BatchShape {
    pub n: usize,
    pub c: usize,
    pub l: usize,
    /// `(N, C, L)` rather than `(N, C)`.
    pub has_length: bool,
}

impl BatchShape {
    pub fn nc(n: usize, c: usize) -> Self {
        BatchShape { n, c, l: 1, has_length: false }
    }

    pub fn ncl(n: usize, c: usize, l: usize) -> Self {
        BatchShape { n, c, l, has_length: true }
    }

    /// Reads a PyTorch-style shape list; only 2 or 3 dimensions are a BatchNorm1d input.
    pub fn from_dims(dims: &[usize]) -> Result<Self, BnError> {
        match *dims {
            [n, c] => Ok(BatchShape::nc(n, c)),
            [n, c, l] => Ok(BatchShape::ncl(n, c, l)),
            _ => Err(BnError::WrongDims { dims: dims.len(), layer: "BatchNorm1d" }),
        }
    }

    pub fn dims(&self) -> Vec<usize> {
        if self.has_length {
            vec![self.n, self.c, self.l]
        } else {
            vec![self.n, self.c]
        }
    }

    /// N·C·L, or None when that overflows.
    pub fn checked_len(&self) -> Option<usize> {
        self.n.checked_mul(self.c)?.checked_mul(self.l)
    }

    pub fn len(&self) -> usize {
        self.n * self.c * self.l
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// m: how many values one feature has in the batch (N, or N·L).
    pub fn values_per_feature(&self) -> usize {
        self.n * self.l
    }

    /// Flat row-major index of (sample, feature, position).
    pub fn index(&self, sample: usize, feature: usize, pos: usize) -> usize {
        (sample * self.c + feature) * self.l + pos
    }

    /// The flat indices of every value of one feature, sample by sample.
    pub fn feature_indices(&self, feature: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.n).flat_map(move |s| (0..self.l).map(move |p| self.index(s, feature, p)))
    }
}

/// A batch's own statistics per feature.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchStats {
    /// m, the number of values behind each statistic.
    pub count: usize,
    /// μ_B
    pub mean: Vec<f32>,
    /// σ²_B = Σ(x − μ_B)² / m — what normalizes.
    pub biased_var: Vec<f32>,
    /// Σ(x − μ_B)² / (m − 1) — what `torch.var` prints and running_var averages; None when m = 1.
    pub unbiased_var: Option<Vec<f32>>,
}

/// How one training step moved the running statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct RunningUpdate {
    /// f in running ← (1 − f)·running + f·batch.
    pub factor: f64,
    pub before: RunningStats,
    pub after: RunningStats,
}

/// Every intermediate of one forward pass: what the page's "step by step" shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Trace {
    pub shape: BatchShape,
    /// The layer's mode for this pass.
    pub training: bool,
    /// The batch's own statistics normalized the input (train mode, or no running stats).
    pub used_batch_stats: bool,
    /// The batch's statistics, computed in every mode so the page can compare; None for an empty batch.
    pub batch: Option<BatchStats>,
    /// The mean and variance that normalized (batch or running), per feature.
    pub mean: Vec<f32>,
    pub var: Vec<f32>,
    /// 1/√(var + eps) per feature. x̂ = (x − mean)·inv_std is not stored: the page reads it for
    /// one value or one feature, and [`Trace::x_hat_at`] computes it from the input, to the bit.
    pub inv_std: Vec<f32>,
    /// y = γ·x̂ + β (or x̂ without affine).
    pub output: Vec<f32>,
    /// γ and β as they were in this pass.
    pub affine: Option<Affine>,
    /// The running-stat update of a training step with tracking.
    pub update: Option<RunningUpdate>,
}

/// Gradients of `sum(output · grad_output)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Gradients {
    pub grad_input: Vec<f32>,
    pub grad_weight: Option<Vec<f32>>,
    pub grad_bias: Option<Vec<f32>>,
}

/// `nn.BatchNorm1d`: configuration, state and mode.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchNorm1d {
    config: BatchNormConfig,
    affine: Option<Affine>,
    running: Option<RunningStats>,
    training: bool,
}

/// Rows summed in f32 before their block sum joins the f64 total: short f32 sums of shifted
/// values lose nothing that matters (relative error ~1e-6), and f32 lanes are twice as many.
const ROWS_PER_BLOCK: usize = 64;

/// The per-feature constants of x̂ = (x − mean)·inv_std and y = γ·x̂ + β.
#[derive(Clone, Copy)]
struct Consts<'a> {
    mean: &'a [f32],
    inv_std: &'a [f32],
    gamma: &'a [f32],
    beta: &'a [f32],
}

// The passes over an `(N, C)` batch (L = 1, the page's shape), in memory order, block of rows by
// block of rows. Within a block, features are taken W at a time down the rows, so the W sums
// (and constants) stay in registers instead of going to memory and back for every row. For each
// feature the additions are the same, in the same order, as one row at a time: the results do
// not depend on W, nor on the instruction set the loops are compiled for (no fused
// multiply-adds: Rust never contracts `a * b + c`).
//
// The rows are taken by index or by slicing, not with iterator adapters (`chunks_exact`, `zip`):
// the first view's module is built with LLVM's inliner held to small functions even where std
// marks them `#[inline]`, and these loops then need no adapter inlined to run as fast as at
// opt-level 3 (README, "Loading").

/// Σd and Σd² (d = x − k) of features `c0..c0 + W` over the rows (each `c` long) of `block`,
/// added to `sum` and `sq`.
#[inline(always)]
fn sums_chunk<const W: usize>(block: &[f32], c: usize, c0: usize, k: &[f32], sum: &mut [f32], sq: &mut [f32]) {
    let span = c0..c0 + W;
    let k: [f32; W] = k[span.clone()].try_into().expect("W features");
    let mut s: [f32; W] = sum[span.clone()].try_into().expect("W features");
    let mut q: [f32; W] = sq[span.clone()].try_into().expect("W features");
    // Row by row: the rows still to sum are `rest`, which starts with a whole row (c ≥ W ≥ 1:
    // `add_sums` asks only for features that are there).
    let mut rest = block;
    while rest.len() >= c {
        let x: &[f32; W] = rest[span.clone()].try_into().expect("W features");
        rest = &rest[c..];
        for i in 0..W {
            // d = x − K, then Σd and Σd².
            let d = x[i] - k[i];
            s[i] += d;
            q[i] += d * d;
        }
    }
    sum[span.clone()].copy_from_slice(&s);
    sq[span].copy_from_slice(&q);
}

/// y = γ·x̂ + β with x̂ = (x − mean)·inv_std, elementwise over one `(N, C)` row, x̂ kept in a
/// register (what [`Trace::x_hat_at`] computes, the same two operations). A function of its own so
/// that the compiler knows the slices do not overlap, and vectorizes the loop.
#[inline(always)]
fn output_row(x: &[f32], y: &mut [f32], consts: Consts) {
    let Consts { mean, inv_std, gamma, beta } = consts;
    let n = x.len().min(y.len()).min(mean.len()).min(inv_std.len()).min(gamma.len()).min(beta.len());
    let (x, y) = (&x[..n], &mut y[..n]);
    let (mean, inv_std, gamma, beta) = (&mean[..n], &inv_std[..n], &gamma[..n], &beta[..n]);
    for i in 0..n {
        let x_hat = (x[i] - mean[i]) * inv_std[i];
        y[i] = gamma[i] * x_hat + beta[i];
    }
}

/// y of an `(N, C)` batch, row by row.
#[inline(always)]
fn output_nc(input: &[f32], y: &mut [f32], c: usize, consts: Consts) {
    for r in 0..input.len().min(y.len()) / c {
        let row = r * c..(r + 1) * c;
        output_row(&input[row.clone()], &mut y[row], consts);
    }
}

/// Adds a block's f32 sums to the f64 totals.
#[inline(always)]
fn add_block(total: &mut [f64], block: &[f32]) {
    let n = total.len().min(block.len());
    let (total, block) = (&mut total[..n], &block[..n]);
    for i in 0..n {
        total[i] += block[i] as f64;
    }
}

/// Σd and Σd² per feature of an `(N, C)` batch: f32 within blocks of rows, f64 across blocks.
#[inline(always)]
fn sums_nc<const W: usize>(input: &[f32], c: usize, k: &[f32], sum: &mut [f64], sum_sq: &mut [f64]) {
    let (mut s, mut q) = (vec![0.0f32; c], vec![0.0f32; c]);
    let len = c * ROWS_PER_BLOCK;
    for b in 0..input.len().div_ceil(len) {
        let block = &input[b * len..((b + 1) * len).min(input.len())];
        block_sums::<W>(block, c, k, &mut s, &mut q);
        add_block(sum, &s);
        add_block(sum_sq, &q);
    }
}

/// Σd and Σd² per feature of some rows, added to the f32 sums of their block.
#[inline(always)]
fn add_sums<const W: usize>(rows: &[f32], c: usize, k: &[f32], s: &mut [f32], q: &mut [f32]) {
    let mut c0 = 0;
    while c0 + W <= c {
        sums_chunk::<W>(rows, c, c0, k, s, q);
        c0 += W;
    }
    while c0 < c {
        sums_chunk::<1>(rows, c, c0, k, s, q);
        c0 += 1;
    }
}

/// Σd and Σd² per feature of one block of rows, into the block's f32 sums.
#[inline(always)]
fn block_sums<const W: usize>(block: &[f32], c: usize, k: &[f32], s: &mut [f32], q: &mut [f32]) {
    s.fill(0.0);
    q.fill(0.0);
    add_sums::<W>(block, c, k, s, q);
}

/// Rows the fused pass sums and then normalizes at a time: few enough that they are still in
/// the L1 cache when they are normalized, next to the x̂ and y written for them.
const FUSED_ROWS: usize = 16;

/// [`sums_nc`] and [`output_nc`] in one pass over memory: a few rows at a time are summed, then
/// normalized while they are still in the L1 cache. (One loop doing both would keep the sums in
/// memory: the compiler cannot keep them in registers next to the stores of y.) The f32 sums
/// still run over whole blocks of rows, so they are those of [`sums_nc`].
#[inline(always)]
fn fused_nc<const W: usize>(
    (input, y): (&[f32], &mut [f32]),
    c: usize,
    k: &[f32],
    consts: Consts,
    (sum, sum_sq): (&mut [f64], &mut [f64]),
) {
    let (mut s, mut q) = (vec![0.0f32; c], vec![0.0f32; c]);
    let (len, part) = (c * ROWS_PER_BLOCK, c * FUSED_ROWS);
    let end = input.len().min(y.len());
    for b in 0..end.div_ceil(len) {
        s.fill(0.0);
        q.fill(0.0);
        let block_end = ((b + 1) * len).min(end);
        let mut start = b * len;
        while start < block_end {
            let rows = start..(start + part).min(block_end);
            add_sums::<W>(&input[rows.clone()], c, k, &mut s, &mut q);
            output_nc(&input[rows.clone()], &mut y[rows.clone()], c, consts);
            start = rows.end;
        }
        add_block(sum, &s);
        add_block(sum_sq, &q);
    }
}

/// The passes compiled for the widest vectors the CPU has, picked at run time: x86-64's
/// baseline is SSE2 (4 lanes), AVX2 has 8 and AVX-512 16 — and twice as many registers for the
/// sums. Elsewhere (wasm with SIMD128: 4 lanes) the build's own target.
#[cfg(target_arch = "x86_64")]
mod wide {
    use super::{fused_nc, output_nc, sums_nc, Consts};

    #[target_feature(enable = "avx512f")]
    pub(super) fn sums_avx512(input: &[f32], c: usize, k: &[f32], sum: &mut [f64], sum_sq: &mut [f64]) {
        sums_nc::<128>(input, c, k, sum, sum_sq)
    }

    #[target_feature(enable = "avx2")]
    pub(super) fn sums_avx2(input: &[f32], c: usize, k: &[f32], sum: &mut [f64], sum_sq: &mut [f64]) {
        sums_nc::<32>(input, c, k, sum, sum_sq)
    }

    #[target_feature(enable = "avx512f")]
    pub(super) fn output_avx512(input: &[f32], y: &mut [f32], c: usize, consts: Consts) {
        output_nc(input, y, c, consts)
    }

    #[target_feature(enable = "avx2")]
    pub(super) fn output_avx2(input: &[f32], y: &mut [f32], c: usize, consts: Consts) {
        output_nc(input, y, c, consts)
    }

    #[target_feature(enable = "avx512f")]
    pub(super) fn fused_avx512(
        data: (&[f32], &mut [f32]),
        c: usize,
        k: &[f32],
        consts: Consts,
        sums: (&mut [f64], &mut [f64]),
    ) {
        fused_nc::<128>(data, c, k, consts, sums)
    }

    #[target_feature(enable = "avx2")]
    pub(super) fn fused_avx2(
        data: (&[f32], &mut [f32]),
        c: usize,
        k: &[f32],
        consts: Consts,
        sums: (&mut [f64], &mut [f64]),
    ) {
        fused_nc::<32>(data, c, k, consts, sums)
    }
}

#[cfg(target_arch = "x86_64")]
fn has(feature: &str) -> bool {
    match feature {
        "avx512f" => std::arch::is_x86_feature_detected!("avx512f"),
        _ => std::arch::is_x86_feature_detected!("avx2"),
    }
}

/// [`sums_nc`] for this CPU.
fn sums_pass(input: &[f32], c: usize, k: &[f32], sum: &mut [f64], sum_sq: &mut [f64]) {
    #[cfg(target_arch = "x86_64")]
    {
        if has("avx512f") {
            // SAFETY: the CPU has AVX-512F, the function's only requirement.
            return unsafe { wide::sums_avx512(input, c, k, sum, sum_sq) };
        }
        if has("avx2") {
            // SAFETY: the CPU has AVX2, the function's only requirement.
            return unsafe { wide::sums_avx2(input, c, k, sum, sum_sq) };
        }
    }
    sums_nc::<8>(input, c, k, sum, sum_sq)
}

/// [`output_nc`] for this CPU.
fn output_pass(input: &[f32], y: &mut [f32], c: usize, consts: Consts) {
    #[cfg(target_arch = "x86_64")]
    {
        if has("avx512f") {
            // SAFETY: the CPU has AVX-512F, the function's only requirement.
            return unsafe { wide::output_avx512(input, y, c, consts) };
        }
        if has("avx2") {
            // SAFETY: the CPU has AVX2, the function's only requirement.
            return unsafe { wide::output_avx2(input, y, c, consts) };
        }
    }
    output_nc(input, y, c, consts)
}

/// [`fused_nc`] for this CPU.
fn fused_pass(data: (&[f32], &mut [f32]), c: usize, k: &[f32], consts: Consts, sums: (&mut [f64], &mut [f64])) {
    #[cfg(target_arch = "x86_64")]
    {
        if has("avx512f") {
            // SAFETY: the CPU has AVX-512F, the function's only requirement.
            return unsafe { wide::fused_avx512(data, c, k, consts, sums) };
        }
        if has("avx2") {
            // SAFETY: the CPU has AVX2, the function's only requirement.
            return unsafe { wide::fused_avx2(data, c, k, consts, sums) };
        }
    }
    fused_nc::<8>(data, c, k, consts, sums)
}

/// The shift K of each feature: its first value.
fn shift_of(input: &[f32], shape: &BatchShape) -> Vec<f32> {
    (0..shape.c).map(|c| input[c * shape.l]).collect()
}

/// Σ d and Σ d² per feature, where d = x − K and K is the feature's first value, in one pass over
/// the batch in memory order (so a large batch streams through the cache once): f32 within
/// blocks of rows, f64 across blocks. Shifting by a value of the feature keeps
/// Σd² − (Σd)²/m free of cancellation even for data with a large mean (the one-pass
/// E[x²] − E[x]² in f32 is what goes wrong there).
fn shifted_sums(input: &[f32], shape: &BatchShape, shift32: &[f32]) -> (Vec<f64>, Vec<f64>) {
    let mut sum = vec![0.0f64; shape.c];
    let mut sum_sq = vec![0.0f64; shape.c];
    if shape.l == 1 {
        sums_pass(input, shape.c, shift32, &mut sum, &mut sum_sq);
        return (sum, sum_sq);
    }
    let row = shape.c * shape.l;
    let mut block_sum = vec![0.0f32; shape.c];
    let mut block_sq = vec![0.0f32; shape.c];
    for block in input.chunks(row * ROWS_PER_BLOCK) {
        block_sum.fill(0.0);
        block_sq.fill(0.0);
        for sample in block.chunks_exact(row) {
            let features = block_sum.iter_mut().zip(block_sq.iter_mut()).zip(sample.chunks_exact(shape.l)).zip(shift32);
            for (((s, q), values), &k) in features {
                for &x in values {
                    let d = x - k;
                    *s += d;
                    *q += d * d;
                }
            }
        }
        add_block(&mut sum, &block_sum);
        add_block(&mut sum_sq, &block_sq);
    }
    (sum, sum_sq)
}

/// PyTorch's α = γ·inv_std and β′ = β − μ·α of a feature whose y is computed as x·α + β′
/// (the forward pass does so where |μ·α| > 64, and where μ·α is NaN: μ = 0 with α = ∞, eps = 0
/// on a running variance of 0, gives PyTorch's NaN, not ±∞), else None.
pub fn pytorch_terms(mean: f32, inv_std: f32, gamma: f32, beta: f32) -> Option<(f32, f32)> {
    let alpha = inv_std * gamma;
    let far = (mean as f64 * alpha as f64).abs();
    (far > 64.0 || far.is_nan()).then(|| (alpha, fused(-mean, alpha, beta)))
}

/// a·b + c rounded once, as a fused multiply-add: the f32 product is exact in f64, then one
/// rounding to f32 (the f64 sum's own rounding moves it only in a 2⁻²⁹ case).
pub fn fused(a: f32, b: f32, c: f32) -> f32 {
    (a as f64 * b as f64 + c as f64) as f32
}

/// 1/√(running_var + eps) as PyTorch's eval kernel computes it: in float32, eps made a float.
fn running_inv_std(var: &[f32], eps: f64) -> Vec<f32> {
    var.iter().map(|&v| 1.0 / (v + eps as f32).sqrt()).collect()
}

/// μ_B, σ²_B and the unbiased variance of a non-empty batch from its shifted sums.
fn stats_from_sums(input: &[f32], shape: &BatchShape, shift32: &[f32], sum: &[f64], sum_sq: &[f64]) -> BatchStats {
    let m = shape.values_per_feature() as f64;
    let (mut mean, mut squares) = (Vec::with_capacity(shape.c), Vec::with_capacity(shape.c));
    for (c, ((&k, &s), &q)) in shift32.iter().zip(sum).zip(sum_sq).enumerate() {
        // μ = K + Σd/m and Σ(x − μ)² = Σd² − (Σd)²/m, kept ≥ 0 against rounding (NaN stays NaN).
        let (mu, q) = if s.is_finite() && q.is_finite() {
            (k as f64 + s / m, (q - s * s / m).max(0.0))
        } else {
            // The f32 sums overflowed (an outlier as K: d² past 3.4e38) or met an inf or a NaN:
            // this feature again in f64, in two passes, as PyTorch squares x − μ (an inf then
            // gives μ = ±inf, not the NaN of inf − inf).
            two_pass(input, shape, c)
        };
        mean.push(mu as f32);
        squares.push(if q < 0.0 { 0.0 } else { q });
    }
    BatchStats {
        count: shape.values_per_feature(),
        mean,
        biased_var: squares.iter().map(|&q| (q / m) as f32).collect(),
        unbiased_var: (m > 1.0).then(|| squares.iter().map(|&q| (q / (m - 1.0)) as f32).collect()),
    }
}

/// μ = Σx/m and Σ(x − μ)² of feature `c`, in f64.
fn two_pass(input: &[f32], shape: &BatchShape, c: usize) -> (f64, f64) {
    let values = || shape.feature_indices(c).filter_map(|i| input.get(i)).map(|&x| x as f64);
    let mu = values().sum::<f64>() / shape.values_per_feature() as f64;
    (mu, values().map(|x| (x - mu) * (x - mu)).sum())
}

/// μ_B, σ²_B and the unbiased variance of every feature of a non-empty batch.
pub fn batch_stats(input: &[f32], shape: &BatchShape) -> BatchStats {
    let shift32 = shift_of(input, shape);
    let (sum, sum_sq) = shifted_sums(input, shape, &shift32);
    stats_from_sums(input, shape, &shift32, &sum, &sum_sq)
}

/// The layer as PyTorch builds and uses it: its constructor, attributes, setters and passes,
/// each checking the rules of the layer it touches.
impl BatchNorm1d {
    /// The layer as PyTorch builds it: γ = 1, β = 0, running_mean = 0, running_var = 1,
    /// num_batches_tracked = 0, in training mode.
    pub fn new(config: BatchNormConfig) -> Result<Self, BnError> {
        config.validate()?;
        let c = config.num_features;
        let affine = config.affine.then(|| Affine { weight: vec![1.0; c], bias: vec![0.0; c] });
        let running = config.track_running_stats.then(|| RunningStats {
            mean: vec![0.0; c],
            var: vec![1.0; c],
            num_batches_tracked: 0,
        });
        Ok(BatchNorm1d { config, affine, running, training: true })
    }

    pub fn config(&self) -> &BatchNormConfig {
        &self.config
    }

    pub fn num_features(&self) -> usize {
        self.config.num_features
    }

    pub fn is_training(&self) -> bool {
        self.training
    }

    /// `bn.train()` (true) or `bn.eval()` (false).
    pub fn set_training(&mut self, training: bool) {
        self.training = training;
    }

    pub fn affine(&self) -> Option<&Affine> {
        self.affine.as_ref()
    }

    pub fn running(&self) -> Option<&RunningStats> {
        self.running.as_ref()
    }

    /// `bn.eps = eps`: takes effect at the next forward, which refuses eps ≤ 0 as PyTorch's does
    /// (any eps is set, as in PyTorch).
    pub fn set_eps(&mut self, eps: f64) -> Result<(), BnError> {
        let config = BatchNormConfig { eps, ..self.config.clone() };
        config.validate()?;
        self.config = config;
        Ok(())
    }

    /// `bn.momentum = momentum` (None: cumulative average; NaN or ∞ is set, as in PyTorch, and
    /// makes the running statistics NaN at the next training step).
    pub fn set_momentum(&mut self, momentum: Option<f64>) -> Result<(), BnError> {
        let config = BatchNormConfig { momentum, ..self.config.clone() };
        config.validate()?;
        self.config = config;
        Ok(())
    }

    /// γ and β for an optimizer to update in place. Unlike the setters, no check: as in PyTorch,
    /// a learning rate far too large may write NaN, and the next forward shows it.
    pub fn affine_mut(&mut self) -> Option<&mut Affine> {
        self.affine.as_mut()
    }

    /// Replaces γ and β (all features); refused without affine, or with a wrong length or NaN.
    pub fn set_affine(&mut self, weight: &[f32], bias: &[f32]) -> Result<(), BnError> {
        let c = self.num_features();
        check_len(weight, c, "weight (γ)")?;
        check_len(bias, c, "bias (β)")?;
        check_finite(weight, "weight (γ)")?;
        check_finite(bias, "bias (β)")?;
        match &mut self.affine {
            Some(a) => {
                a.weight.copy_from_slice(weight);
                a.bias.copy_from_slice(bias);
                Ok(())
            }
            None => Err(BnError::Missing { what: "γ and β: it was built with affine=False" }),
        }
    }

    /// Sets γ and β of one feature (the page's sliders).
    pub fn set_feature_affine(&mut self, feature: usize, weight: f32, bias: f32) -> Result<(), BnError> {
        let len = self.num_features();
        if feature >= len {
            return Err(BnError::OutOfRange { what: "feature", index: feature, len });
        }
        check_finite(&[weight], "γ")?;
        check_finite(&[bias], "β")?;
        match &mut self.affine {
            Some(a) => {
                a.weight[feature] = weight;
                a.bias[feature] = bias;
                Ok(())
            }
            None => Err(BnError::Missing { what: "γ and β: it was built with affine=False" }),
        }
    }

    /// Replaces the running statistics; refused without tracking, or with a wrong length or NaN.
    pub fn set_running(&mut self, mean: &[f32], var: &[f32], num_batches_tracked: u64) -> Result<(), BnError> {
        let c = self.num_features();
        check_len(mean, c, "running_mean")?;
        check_len(var, c, "running_var")?;
        check_finite(mean, "running_mean")?;
        check_finite(var, "running_var")?;
        match &mut self.running {
            Some(r) => {
                r.mean.copy_from_slice(mean);
                r.var.copy_from_slice(var);
                r.num_batches_tracked = num_batches_tracked;
                Ok(())
            }
            None => Err(BnError::Missing { what: "running statistics: it was built with track_running_stats=False" }),
        }
    }

    /// Does this pass normalize with the batch's own statistics?
    /// (train mode, or eval mode without running statistics — PyTorch's `bn_training`.)
    fn uses_batch_stats(&self) -> bool {
        self.training || self.running.is_none()
    }

    /// PyTorch checks the feature count only against the per-feature tensors the layer has:
    /// running_mean first, then weight. A layer with neither takes any C.
    fn check_feature_count(&self, shape: &BatchShape) -> Result<(), BnError> {
        let param = if self.running.is_some() {
            "running_mean"
        } else if self.affine.is_some() {
            "weight"
        } else {
            return Ok(());
        };
        if shape.c == self.num_features() {
            Ok(())
        } else {
            Err(BnError::WrongFeatureCount {
                expected: self.num_features(),
                got: shape.c,
                shape: shape.dims(),
                param,
                layer: "BatchNorm1d",
            })
        }
    }

    /// `F.batch_norm`'s check of eps, after the batch size and before the kernel (so before an
    /// empty batch and the feature count): with batch statistics, which may be 0, eps must be
    /// positive (eps ≤ 0 is refused, −0.0 and −∞ too); with running statistics it must not be
    /// negative. NaN fails both comparisons and runs (NaN outputs), as in PyTorch; so does ∞.
    fn check_eps(&self, use_batch: bool) -> Result<(), BnError> {
        let eps = self.config.eps;
        if use_batch && eps <= 0.0 {
            Err(BnError::EpsNotPositiveWithBatchStats(eps))
        } else if eps < 0.0 {
            Err(BnError::NegativeEpsWithRunningStats(eps))
        } else {
            Ok(())
        }
    }

    /// The factor f of running ← (1 − f)·running + f·batch, for the count after this batch.
    fn update_factor(&self, num_batches_tracked: u64) -> f64 {
        match self.config.momentum {
            Some(momentum) => momentum,
            None => 1.0 / num_batches_tracked as f64,
        }
    }

    /// running ← (1 − f)·running + f·batch, with the unbiased variance.
    fn update_running(&mut self, batch: &BatchStats) -> Option<RunningUpdate> {
        let before = self.running.clone()?;
        let factor = self.update_factor(before.num_batches_tracked);
        let unbiased = batch.unbiased_var.as_ref()?;
        let running = self.running.as_mut()?;
        for (running_mean, &batch_mean) in running.mean.iter_mut().zip(&batch.mean) {
            *running_mean = ((1.0 - factor) * *running_mean as f64 + factor * batch_mean as f64) as f32;
        }
        for (running_var, &batch_var) in running.var.iter_mut().zip(unbiased) {
            *running_var = ((1.0 - factor) * *running_var as f64 + factor * batch_var as f64) as f32;
        }
        Some(RunningUpdate { factor, before, after: running.clone() })
    }

    /// y = γ·x̂ + β with x̂ = (x − mean)·inv_std for every value, into `output` (its buffer
    /// reused), then PyTorch's order of operations where it shows ([`Self::in_pytorchs_order`]).
    /// With `count`, the fast pass also sums what the batch's own statistics need, and returns
    /// them: eval mode reads the batch once.
    fn normalize(
        &self,
        input: &[f32],
        shape: &BatchShape,
        (mean, inv_std): (&[f32], &[f32]),
        output: &mut Vec<f32>,
        count: bool,
    ) -> Option<BatchStats> {
        let stats = self.normalize_fast(input, shape, (mean, inv_std), output, count);
        self.in_pytorchs_order(input, shape, (mean, inv_std), output);
        stats
    }

    /// PyTorch's CPU kernel computes y = x·α + β′, with α = γ·inv_std and β′ = β − μ·α (fused
    /// multiply-adds, in float32), not γ·(x − μ)·inv_std + β as the fast pass does. The two agree
    /// to the last bit or so, except where μ·α is large next to y — values far from 0 with a
    /// small spread, x and μ sharing their first digits: there x·α and β′ cancel and PyTorch's y
    /// keeps their rounding (0.5672 where γ·x̂ + β is 0.5675). Such features (|μ·α| > 64, where
    /// the two differ by more than ~4e-6) are done again PyTorch's way. There PyTorch's own μ_B
    /// decides its last digits too, and it is a float32 sum split among the CPU's threads (torch
    /// 2.15, (N, C) input: one partial sum per thread), so PyTorch on 1 and on 2 threads differ by
    /// up to ~5e-3 at offset 10, spread 0.001; the page keeps the accurate μ_B and says so.
    fn in_pytorchs_order(
        &self,
        input: &[f32],
        shape: &BatchShape,
        (mean, inv_std): (&[f32], &[f32]),
        output: &mut [f32],
    ) {
        for c in 0..shape.c.min(mean.len()).min(inv_std.len()) {
            let (gamma, beta) = self.affine.as_ref().map_or((1.0, 0.0), |a| (a.weight[c], a.bias[c]));
            let Some((alpha, beta_shifted)) = pytorch_terms(mean[c], inv_std[c], gamma, beta) else { continue };
            for i in shape.feature_indices(c) {
                if let (Some(&x), Some(y)) = (input.get(i), output.get_mut(i)) {
                    *y = fused(x, alpha, beta_shifted);
                }
            }
        }
    }

    /// [`Self::normalize`]'s fast pass, γ·x̂ + β everywhere, in memory order.
    fn normalize_fast(
        &self,
        input: &[f32],
        shape: &BatchShape,
        (mean, inv_std): (&[f32], &[f32]),
        output: &mut Vec<f32>,
        count: bool,
    ) -> Option<BatchStats> {
        let ones;
        let zeros;
        let (gamma, beta) = match &self.affine {
            Some(a) => (&a.weight[..], &a.bias[..]),
            None => {
                ones = vec![1.0f32; shape.c];
                zeros = vec![0.0f32; shape.c];
                (&ones[..], &zeros[..])
            }
        };
        let consts = Consts { mean, inv_std, gamma, beta };
        // Every value is written below: a reused buffer of the right length needs no clearing.
        output.resize(input.len(), 0.0);
        if shape.l == 1 {
            // (N, C): the per-feature constants line up with the row.
            if !count {
                output_pass(input, output, shape.c, consts);
                return None;
            }
            let shift32 = shift_of(input, shape);
            let (mut sum, mut sum_sq) = (vec![0.0f64; shape.c], vec![0.0f64; shape.c]);
            fused_pass((input, output), shape.c, &shift32, consts, (&mut sum, &mut sum_sq));
            return Some(stats_from_sums(input, shape, &shift32, &sum, &sum_sq));
        }
        let stats = count.then(|| batch_stats(input, shape));
        let row = shape.c * shape.l;
        for (x, y) in input.chunks_exact(row).zip(output.chunks_exact_mut(row)) {
            for c in 0..shape.c {
                let span = c * shape.l..(c + 1) * shape.l;
                let (m, s, g, b) = (mean[c], inv_std[c], gamma[c], beta[c]);
                for (&x, y) in x[span.clone()].iter().zip(&mut y[span]) {
                    let x_hat = (x - m) * s;
                    *y = g * x_hat + b;
                }
            }
        }
        stats
    }
}

/// The layer's public actions: forward and the state a user may set.
impl BatchNorm1d {
    /// One forward pass on a row-major `(N, C)` or `(N, C, L)` batch.
    ///
    /// A refused call leaves the layer as it was, with one exception that is PyTorch's own:
    /// in training mode with running statistics, `num_batches_tracked` is incremented after the
    /// dimension check but *before* the batch-size, feature-count and eps checks, so a refused
    /// batch of one still counts.
    pub fn forward(&mut self, input: &[f32], dims: &[usize]) -> Result<Trace, BnError> {
        let mut trace = Trace::default();
        self.forward_into(input, dims, &mut trace)?;
        Ok(trace)
    }

    /// [`BatchNorm1d::forward`], writing into `trace` and reusing its buffers (a page that
    /// steps many times, or a benchmark, allocates the big ones once). On a refusal `trace` is
    /// left as it was.
    pub fn forward_into(&mut self, input: &[f32], dims: &[usize], trace: &mut Trace) -> Result<(), BnError> {
        let shape = BatchShape::from_dims(dims)?;
        let expected = shape.checked_len().ok_or(BnError::WrongLength {
            what: "the input",
            expected: usize::MAX,
            got: input.len(),
        })?;
        check_len(input, expected, "the input")?;

        if self.training {
            if let Some(running) = &mut self.running {
                running.num_batches_tracked += 1;
            }
        }
        let use_batch = self.uses_batch_stats();
        if use_batch && shape.values_per_feature() == 1 {
            return Err(BnError::OneValuePerFeature { shape: shape.dims(), has_running_stats: self.running.is_some() });
        }
        self.check_eps(use_batch)?;
        if shape.is_empty() {
            // PyTorch returns an empty output for an empty batch, before the feature count.
            *trace = self.empty_trace(shape);
            return Ok(());
        }
        self.check_feature_count(&shape)?;

        let eps = self.config.eps;
        // A batch's 1/√(σ² + eps) in f64 (PyTorch's train kernel: its variance widened to
        // double); the running statistics' in float32, as its eval kernel computes it.
        let inv_std_of =
            |var: &[f32]| -> Vec<f32> { var.iter().map(|&v| (1.0 / (v as f64 + eps).sqrt()) as f32).collect() };
        let (batch, mean, var, inv_std) = match (&self.running, use_batch) {
            (Some(running), false) => {
                // Eval with running statistics: the constants are known, so one pass normalizes
                // and sums the batch statistics the trace shows next to them.
                let (mean, var) = (running.mean.clone(), running.var.clone());
                let inv_std = running_inv_std(&var, eps);
                let batch = self.normalize(input, &shape, (&mean, &inv_std), &mut trace.output, true);
                (batch.expect("counted"), mean, var, inv_std)
            }
            _ => {
                let batch = batch_stats(input, &shape);
                let (mean, var) = (batch.mean.clone(), batch.biased_var.clone());
                let inv_std = inv_std_of(&var);
                self.normalize(input, &shape, (&mean, &inv_std), &mut trace.output, false);
                (batch, mean, var, inv_std)
            }
        };
        trace.update = if self.training { self.update_running(&batch) } else { None };
        trace.shape = shape;
        trace.training = self.training;
        trace.used_batch_stats = use_batch;
        trace.batch = Some(batch);
        trace.mean = mean;
        trace.var = var;
        trace.inv_std = inv_std;
        trace.affine = self.affine.clone();
        Ok(())
    }

    /// Eval mode's output alone, into `output` (its buffer reused): what `model.eval(); model(x)`
    /// returns and all PyTorch's eval kernel computes — y = γ·x̂ + β, x̂ = (x − running_mean)·
    /// 1/√(running_var + eps) — the same bits as [`BatchNorm1d::forward_into`]'s `output`, without
    /// writing x̂ or summing the batch's own statistics (a network's eval pass reads neither).
    /// None when the layer normalizes with batch statistics (training mode, or no running
    /// statistics): only `forward_into` does that. Refusals are `forward_into`'s in eval mode.
    pub fn eval_output_into(
        &self,
        input: &[f32],
        dims: &[usize],
        output: &mut Vec<f32>,
    ) -> Option<Result<(), BnError>> {
        let running = self.running.as_ref().filter(|_| !self.training)?;
        Some(self.eval_output_with(running, input, dims, output))
    }

    fn eval_output_with(
        &self,
        running: &RunningStats,
        input: &[f32],
        dims: &[usize],
        output: &mut Vec<f32>,
    ) -> Result<(), BnError> {
        let shape = BatchShape::from_dims(dims)?;
        let expected = shape.checked_len().ok_or(BnError::WrongLength {
            what: "the input",
            expected: usize::MAX,
            got: input.len(),
        })?;
        check_len(input, expected, "the input")?;
        self.check_eps(false)?;
        output.clear();
        if shape.is_empty() {
            return Ok(());
        }
        self.check_feature_count(&shape)?;
        let eps = self.config.eps;
        // The trace's 1/√(var + eps), computed the same way, and its pass without the sums.
        let inv_std = running_inv_std(&running.var, eps);
        self.normalize(input, &shape, (&running.mean, &inv_std), output, false);
        Ok(())
    }

    /// An empty batch has no statistics at all (and C may be anything: PyTorch checks nothing).
    fn empty_trace(&self, shape: BatchShape) -> Trace {
        Trace {
            shape,
            training: self.training,
            used_batch_stats: self.uses_batch_stats(),
            batch: None,
            mean: Vec::new(),
            var: Vec::new(),
            inv_std: Vec::new(),
            output: Vec::new(),
            affine: self.affine.clone(),
            update: None,
        }
    }
}

impl Trace {
    /// x̂ = (x − mean)·inv_std of value `i` (row-major, as the input) of `input`, the batch this
    /// trace recorded: the kernel's own two f32 operations, so the very bits its output was made
    /// from. None when `i` is outside the batch or `input` is not the batch's length.
    pub fn x_hat_at(&self, input: &[f32], i: usize) -> Option<f32> {
        if input.len() != self.shape.len() {
            return None;
        }
        let x = *input.get(i)?;
        let feature = (i / self.shape.l.max(1)) % self.shape.c.max(1);
        Some((x - self.mean.get(feature)?) * self.inv_std.get(feature)?)
    }

    /// x̂ of every value of `input` ([`Trace::x_hat_at`]); empty when `input` is not the batch.
    pub fn x_hat(&self, input: &[f32]) -> Vec<f32> {
        (0..input.len()).map_while(|i| self.x_hat_at(input, i)).collect()
    }

    /// Gradients of `sum(output · grad_output)` for the pass this trace recorded on `input`.
    ///
    /// With batch statistics every output depends on every value of its feature:
    /// `dx = γ·inv_std/m · (m·g − Σg − x̂·Σ(g·x̂))`. With running statistics the layer is
    /// elementwise: `dx = γ·inv_std·g`. In both, `dγ = Σ(g·x̂)` and `dβ = Σg`.
    pub fn backward(&self, input: &[f32], grad_output: &[f32]) -> Result<Gradients, BnError> {
        let shape = &self.shape;
        check_len(input, shape.len(), "the input")?;
        check_len(grad_output, shape.len(), "grad_output")?;
        let per_channel = super::norms::Grouping::per_channel(shape.n, shape.c, shape.l);
        let weight = self.affine.as_ref().map(|a| &a.weight[..]);
        let x_hat = self.x_hat(input);
        if shape.is_empty() || x_hat.len() != shape.len() {
            // An empty batch (or a trace whose parts do not fit): nothing flows back; γ and β
            // get zero gradients.
            let zeros = self.affine.as_ref().map(|a| vec![0.0f32; a.weight.len()]);
            return Ok(Gradients { grad_input: vec![0.0; shape.len()], grad_weight: zeros.clone(), grad_bias: zeros });
        }
        let pass = super::norms::GroupedPass {
            x_hat: &x_hat,
            groups: per_channel,
            params: per_channel,
            inv_std: &self.inv_std,
            stats_from_input: self.used_batch_stats,
            weight,
            has_bias: weight.is_some(),
        };
        Ok(super::norms::grouped_backward(pass, grad_output))
    }

    /// [`Trace::backward`] of one feature alone: ∂L/∂x of its values (in the order of
    /// [`BatchShape::feature_indices`]), and its ∂L/∂γ, ∂L/∂β (one each) when affine. The same bits
    /// as the whole batch's: a feature's gradients read only its own values, summed in the same
    /// order. (The Backward panel shows one feature: at N·C = 2 Mi the whole took ~130 ms.)
    pub fn backward_feature(&self, input: &[f32], grad_output: &[f32], feature: usize) -> Result<Gradients, BnError> {
        let shape = &self.shape;
        check_len(input, shape.len(), "the input")?;
        check_len(grad_output, shape.len(), "grad_output")?;
        if feature >= shape.c || self.inv_std.len() != shape.c {
            return Err(BnError::OutOfRange { what: "feature", index: feature, len: shape.c });
        }
        let indices: Vec<usize> = shape.feature_indices(feature).collect();
        let x_hat: Vec<f32> = indices.iter().filter_map(|&i| self.x_hat_at(input, i)).collect();
        let grad: Vec<f32> = indices.iter().map(|&i| grad_output[i]).collect();
        let out_of_range = || BnError::OutOfRange { what: "feature", index: feature, len: shape.c };
        let weight = match &self.affine {
            Some(a) => Some([*a.weight.get(feature).ok_or_else(out_of_range)?]),
            None => None,
        };
        let one = super::norms::Grouping::per_channel(shape.n, 1, shape.l.max(1));
        let pass = super::norms::GroupedPass {
            x_hat: &x_hat,
            groups: one,
            params: one,
            inv_std: &self.inv_std[feature..=feature],
            stats_from_input: self.used_batch_stats,
            weight: weight.as_ref().map(|w| &w[..]),
            has_bias: weight.is_some(),
        };
        if x_hat.len() != indices.len() || one.len() != indices.len() {
            return Err(BnError::WrongLength { what: "the input", expected: one.len(), got: x_hat.len() });
        }
        Ok(super::norms::grouped_backward(pass, &grad))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// eps = 0 in eval mode on a running variance of 0 and a running mean of 0: α = ∞ and
    /// β′ = β − 0·∞ = NaN, so PyTorch's x·α + β′ is NaN for every x (torch 2.15:
    /// `tests/golden`'s case of it failed only on its gradients), where γ·(x − 0)·∞ + β is ±∞.
    #[test]
    fn zero_variance_without_eps_is_nan_in_eval_as_in_pytorch() {
        let mut bn = BatchNorm1d::new(BatchNormConfig { eps: 0.0, ..BatchNormConfig::new(2) }).unwrap();
        bn.set_running(&[0.0, 0.0], &[0.0, 1.0], 0).unwrap();
        bn.set_training(false);
        let trace = bn.forward(&[-0.37, 0.5, 2.0, -1.0], &[2, 2]).unwrap();
        assert!(trace.output[0].is_nan() && trace.output[2].is_nan(), "{:?}", trace.output);
        assert_eq!((trace.output[1], trace.output[3]), (0.5, -1.0));
    }

    /// Values near 10 with a spread of 0.001 (μ·α ≈ 10⁴): PyTorch's own float32 y, bit for bit
    /// (torch 2.15, CPU: `nn.BatchNorm1d(3)` with γ = [1, 0.5, 2], β = [0, 0.25, −1], a train
    /// step, then eval with the running statistics set), where γ·x̂ + β differs in the 4th digit.
    #[test]
    fn cancelling_features_get_pytorchs_own_rounding() {
        // PyTorch's float32 values, printed as Python floats (exact in f64).
        let f32s = |v: &[f64]| v.iter().map(|&x| x as f32).collect::<Vec<f32>>();
        let x = f32s(&[
            9.999853134155273,
            10.000785827636719,
            10.000946998596191,
            9.998886108398438,
            10.001690864562988,
            9.999105453491211,
            9.99964427947998,
            10.001232147216797,
            10.000138282775879,
            9.99831771850586,
            10.000317573547363,
            10.00013256072998,
        ]);
        let y = f32s(&[
            0.21014046669006348,
            0.21555747091770172,
            -0.4637473225593567,
            -0.09008803218603134,
            0.35682713985443115,
            -1.6043511629104614,
            0.14529821276664734,
            0.28522470593452454,
            -0.9646443128585815,
            -0.26655369997024536,
            0.14246642589569092,
            -0.9681884050369263,
        ]);
        let x2 = f32s(&[
            10.000137329101562,
            10.000240325927734,
            10.001395225524902,
            10.001346588134766,
            10.00243854522705,
            10.000203132629395,
            10.002450942993164,
            10.002025604248047,
            10.001779556274414,
            9.9990816116333,
            9.999542236328125,
            9.999275207519531,
        ]);
        let y2 = f32s(&[
            0.04140628129243851,
            0.2125139832496643,
            0.17509663105010986,
            0.4060116112232208,
            0.5297996401786804,
            -0.5642080307006836,
            0.738987147808075,
            0.4701967239379883,
            0.4134484529495239,
            -0.27690452337265015,
            0.1117534339427948,
            -1.1396827697753906,
        ]);
        let mut bn = BatchNorm1d::new(BatchNormConfig::new(3)).unwrap();
        bn.set_affine(&[1.0, 0.5, 2.0], &[0.0, 0.25, -1.0]).unwrap();
        let bits = |v: &[f32]| v.iter().map(|y| y.to_bits()).collect::<Vec<_>>();
        // Train: feature 2's μ and 1/σ are PyTorch's to the bit, so is its y. (Features 0 and 1
        // are not: PyTorch sums a 2-D batch's column in float32, pairwise — (x₀ + x₁) + (x₂ + x₃)
        // — one unit from the exact mean computed here, which α ≈ 310 magnifies to ~3e-4.)
        let t = bn.forward(&x, &[4, 3]).unwrap();
        let feature_2 = |v: &[f32]| v.iter().skip(2).step_by(3).map(|y| y.to_bits()).collect::<Vec<_>>();
        assert_eq!(feature_2(&t.output), feature_2(&y), "train");
        bn.set_running(&[10.0, 10.0005, 9.9995], &[1e-6, 2e-6, 4e-7], 1).unwrap();
        bn.set_training(false);
        assert_eq!(bits(&bn.forward(&x2, &[4, 3]).unwrap().output), bits(&y2), "eval");
    }

    #[test]
    fn defaults_are_pytorchs() {
        let bn = BatchNorm1d::new(BatchNormConfig::new(3)).unwrap();
        assert_eq!(bn.config().eps, 1e-5);
        assert_eq!(bn.config().momentum, Some(0.1));
        assert!(bn.is_training());
        assert_eq!(bn.affine().unwrap().weight, vec![1.0; 3]);
        assert_eq!(bn.running().unwrap().var, vec![1.0; 3]);
    }

    #[test]
    fn large_mean_does_not_cancel() {
        // One-pass E[x²] − E[x]² in f32 gives 0 or a negative number here.
        let x = [1e6f32 + 1.0, 1e6 - 1.0, 1e6 + 1.0, 1e6 - 1.0];
        let stats = batch_stats(&x, &BatchShape::nc(4, 1));
        assert_eq!(stats.biased_var[0], 1.0);
        assert!((stats.unbiased_var.unwrap()[0] - 4.0 / 3.0).abs() < 1e-6);
    }

    #[test]
    fn batch_of_one_counts_but_changes_nothing_else() {
        let mut bn = BatchNorm1d::new(BatchNormConfig::new(2)).unwrap();
        let before = bn.clone();
        let err = bn.forward(&[1.0, 2.0], &[1, 2]).unwrap_err();
        assert!(matches!(err, BnError::OneValuePerFeature { .. }));
        assert_eq!(bn.running().unwrap().num_batches_tracked, 1);
        assert_eq!(bn.running().unwrap().mean, before.running().unwrap().mean);
        // The dimension check comes first and counts nothing.
        bn.forward(&[1.0, 2.0], &[2]).unwrap_err();
        assert_eq!(bn.running().unwrap().num_batches_tracked, 1);
    }

    #[test]
    fn vectorized_passes_match_the_formulas_bit_for_bit() {
        // Shapes with features left over after the register-sized chunks, and more than one
        // block of rows; eval goes through the fused pass, train through the two others.
        for (n, c) in [(67, 131), (130, 5), (3, 64), (129, 200)] {
            let x: Vec<f32> = (0..n * c).map(|i| ((i * 7919) % 1013) as f32 * 0.01 - 3.0 + (i % c) as f32).collect();
            let mut bn = BatchNorm1d::new(BatchNormConfig::new(c)).unwrap();
            let weight: Vec<f32> = (0..c).map(|f| 0.5 + f as f32 * 0.01).collect();
            let bias: Vec<f32> = (0..c).map(|f| f as f32 * -0.02).collect();
            bn.set_affine(&weight, &bias).unwrap();
            let mut ways = [0, 0];
            for training in [true, false] {
                bn.set_training(training);
                let t = bn.forward(&x, &[n, c]).unwrap();
                assert_eq!(t.batch.as_ref(), Some(&batch_stats(&x, &BatchShape::nc(n, c))));
                for (i, &v) in x.iter().enumerate() {
                    let f = i % c;
                    let x_hat = (v - t.mean[f]) * t.inv_std[f];
                    assert_eq!(t.x_hat_at(&x, i).map(f32::to_bits), Some(x_hat.to_bits()));
                    // γ·x̂ + β, or PyTorch's x·α + (β − μ·α) where μ·α is large (features far
                    // from 0 next to their spread: the tail of these).
                    let alpha = t.inv_std[f] * weight[f];
                    let fma = |a: f32, b: f32, c: f32| (a as f64 * b as f64 + c as f64) as f32;
                    let far = (t.mean[f] as f64 * alpha as f64).abs() > 64.0;
                    ways[far as usize] += 1;
                    let y =
                        if far { fma(v, alpha, fma(-t.mean[f], alpha, bias[f])) } else { weight[f] * x_hat + bias[f] };
                    assert_eq!(t.output[i].to_bits(), y.to_bits(), "value {i}, feature {f}");
                }
                // Not the batch, or outside it: no x̂.
                assert_eq!(t.x_hat_at(&x[1..], 0), None);
                assert_eq!(t.x_hat_at(&x, x.len()), None);
            }
            if c > 100 {
                assert!(ways[0] > 0 && ways[1] > 0, "both ways taken: {ways:?}");
            }
        }
    }

    /// Eval mode's output alone is the trace's output to the bit, for (N, C) and (N, C, L),
    /// with and without affine, after running statistics moved; training mode has no such path.
    #[test]
    fn eval_output_is_the_traces_output_bit_for_bit() {
        for (dims, affine) in
            [(vec![67, 131], true), (vec![129, 200], false), (vec![5, 3, 7], true), (vec![0, 4], true)]
        {
            let (len, c) = (dims.iter().product::<usize>(), dims[1]);
            let x: Vec<f32> = (0..len).map(|i| ((i * 7919) % 1013) as f32 * 0.01 - 3.0 + (i % 9) as f32).collect();
            let mut bn = BatchNorm1d::new(BatchNormConfig { affine, ..BatchNormConfig::new(c) }).unwrap();
            if affine {
                let weight: Vec<f32> = (0..c).map(|f| 0.5 + f as f32 * 0.01).collect();
                let bias: Vec<f32> = (0..c).map(|f| f as f32 * -0.02).collect();
                bn.set_affine(&weight, &bias).unwrap();
            }
            let mut y = vec![9.0; 3];
            if len > 0 {
                bn.forward(&x, &dims).unwrap(); // running statistics away from 0 and 1
                assert!(bn.eval_output_into(&x, &dims, &mut y).is_none(), "training mode");
            }
            bn.set_training(false);
            let t = bn.forward(&x, &dims).unwrap();
            bn.eval_output_into(&x, &dims, &mut y).unwrap().unwrap();
            assert_eq!(y.len(), t.output.len());
            assert!(y.iter().zip(&t.output).all(|(a, b)| a.to_bits() == b.to_bits()), "{dims:?}");
            // The same refusals as forward_into.
            assert!(bn.eval_output_into(&x[..len.saturating_sub(1)], &dims, &mut y).unwrap().is_err() || len == 0);
            let wrong = [dims[0], c + 1];
            let x_wrong = vec![0.0; dims[0] * (c + 1)];
            assert_eq!(
                bn.eval_output_into(&x_wrong, &wrong, &mut y).unwrap().is_err(),
                bn.forward(&x_wrong, &wrong).is_err()
            );
        }
    }

    #[test]
    fn ncl_pools_over_n_and_l() {
        let mut bn = BatchNorm1d::new(BatchNormConfig::new(1)).unwrap();
        // N=1, C=1, L=2: two values per feature is enough to train.
        let t = bn.forward(&[1.0, 3.0], &[1, 1, 2]).unwrap();
        assert_eq!(t.batch.unwrap().mean, vec![2.0]);
    }
}
