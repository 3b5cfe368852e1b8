//! The tutorial's model, trained the way PyTorch trains it:
//!
//! ```text
//! model = nn.Sequential(nn.Linear(64, 128), nn.BatchNorm1d(128), nn.ReLU(), nn.Linear(128, 10))
//!         (or without the BatchNorm1d)
//! loss  = nn.CrossEntropyLoss()(model(x), y)        mean over the batch
//! opt   = torch.optim.SGD(model.parameters(), lr, momentum)
//! step:   model.train(); opt.zero_grad(); loss.backward(); opt.step()
//! ```
//!
//! The BatchNorm layer is [`BatchNorm1d`] itself, so the model's running statistics move exactly
//! as the playground's layer does. Sums and matrix products accumulate in f64 and store f32.
//! The digits it learns from are [`super::digits`].
//!
//! Same seed, same numbers natively and in wasm: weights come from ChaCha8 (specified bit for
//! bit) through +, −, ×, ÷ and √ only, and the loss's exp/ln come from `libm`.

use super::batchnorm::{BatchNorm1d, BatchNormConfig, Trace};
pub use super::digits::{Digits, DIGIT_CLASSES, DIGIT_PIXELS};
use super::error::BnError;
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// The tutorial's hidden width (the BatchNorm1d's features).
pub const TUTORIAL_HIDDEN: usize = 128;
/// The widest layer a model may have (keeps a bad setting from allocating gigabytes).
pub const MAX_WIDTH: usize = 4096;

/// ChaCha8 streams of one seed: each layer draws from its own, so the first layer's weights do not
/// depend on the rest of the model (with or without BatchNorm, the Linear layers start the same).
const FIRST_LAYER_STREAM: u64 = 1;
const LAST_LAYER_STREAM: u64 = 2;

fn check_len(values: &[f32], expected: usize, what: &'static str) -> Result<(), BnError> {
    if values.len() == expected {
        Ok(())
    } else {
        Err(BnError::WrongLength { what, expected, got: values.len() })
    }
}

fn check_finite(values: &[f32], what: &'static str) -> Result<(), BnError> {
    if values.iter().all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(BnError::NotFinite { what })
    }
}

/// rows·width, or a WrongLength error (naming `got`) when that overflows.
fn rows_len(rows: usize, width: usize, what: &'static str, got: usize) -> Result<usize, BnError> {
    rows.checked_mul(width).ok_or(BnError::WrongLength { what, expected: usize::MAX, got })
}

/// A layer size must be a whole number from 1 to [`MAX_WIDTH`].
fn check_width(value: usize, what: &'static str) -> Result<(), BnError> {
    if (1..=MAX_WIDTH).contains(&value) {
        Ok(())
    } else {
        Err(BnError::NotWholeNumber { what, value: value as f64, min: 1, max: MAX_WIDTH })
    }
}

/// Training and the loss average over the batch: it needs at least one sample.
fn empty_batch() -> BnError {
    BnError::OutOfBounds { what: "the batch size", value: 0.0, min: 1.0, max: f64::INFINITY }
}

/// Every label must name one of the classes.
fn check_labels(labels: &[usize], classes: usize) -> Result<(), BnError> {
    match labels.iter().find(|&&y| y >= classes) {
        Some(&y) => Err(BnError::OutOfRange { what: "class", index: y, len: classes }),
        None => Ok(()),
    }
}

/// U[0, 1) with 53 random bits (exact: a 53-bit integer times 2⁻⁵³).
fn unit(rng: &mut impl RngCore) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

// ---------------------------------------------------------------------------------------------
// Linear
// ---------------------------------------------------------------------------------------------

/// `nn.Linear(in_features, out_features)`: y = x·Wᵀ + b.
#[derive(Debug, Clone, PartialEq)]
pub struct Linear {
    pub in_features: usize,
    pub out_features: usize,
    /// W, row-major `(out, in)` as PyTorch stores it: row o holds the weights into output o.
    pub weight: Vec<f32>,
    /// b, one per output.
    pub bias: Vec<f32>,
}

/// Gradients of `sum(y · grad_output)` through a [`Linear`] layer.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearGradients {
    /// ∂/∂x = grad_output · W, `(N, in)`.
    pub grad_input: Vec<f32>,
    /// ∂/∂W = grad_outputᵀ · x, `(out, in)`.
    pub grad_weight: Vec<f32>,
    /// ∂/∂b = Σ over the batch of grad_output, `(out)`.
    pub grad_bias: Vec<f32>,
}

impl Linear {
    /// PyTorch's default initialization: W and b ~ U(−1/√in, 1/√in).
    /// (`kaiming_uniform_(a=√5)` gives W the bound gain·√(3/in) = √(1/3)·√(3/in) = 1/√in.)
    /// Draws W row by row, then b.
    pub fn init(in_features: usize, out_features: usize, rng: &mut impl RngCore) -> Result<Linear, BnError> {
        check_width(in_features, "in_features")?;
        check_width(out_features, "out_features")?;
        let bound = 1.0 / (in_features as f64).sqrt();
        let mut draw = || (bound * (2.0 * unit(rng) - 1.0)) as f32;
        let weight = (0..out_features * in_features).map(|_| draw()).collect();
        let bias = (0..out_features).map(|_| draw()).collect();
        Ok(Linear { in_features, out_features, weight, bias })
    }

    /// The sizes are in range and W, b hold out·in and out numbers.
    fn check_shape(&self) -> Result<(), BnError> {
        check_width(self.in_features, "in_features")?;
        check_width(self.out_features, "out_features")?;
        check_len(&self.weight, self.out_features * self.in_features, "the Linear layer's weight")?;
        check_len(&self.bias, self.out_features, "the Linear layer's bias")
    }

    /// y[i][o] = b[o] + Σ_k x[i][k]·W[o][k] for a row-major `(n, in)` batch; returns `(n, out)`.
    /// Sums in f32, as PyTorch's CPU kernels do, in eight interleaved partial sums so the loop
    /// vectorizes (the tolerance against PyTorch is 1e-4; these sums are good to ~1e-6).
    pub fn forward(&self, x: &[f32], n: usize) -> Result<Vec<f32>, BnError> {
        self.check_shape()?;
        let (inp, out) = (self.in_features, self.out_features);
        check_len(x, rows_len(n, inp, "the Linear layer's input", x.len())?, "the Linear layer's input")?;
        let mut y = Vec::with_capacity(n * out);
        for row in x.chunks_exact(inp.max(1)).take(n) {
            for (w, &b) in self.weight.chunks_exact(inp.max(1)).zip(&self.bias) {
                y.push(b + dot(row, w));
            }
        }
        y.resize(n * out, 0.0);
        Ok(y)
    }

    /// Gradients of `sum(y · grad_output)` for the batch `x` (the input of the forward pass):
    /// grad_input[i][k] = Σ_o g[i][o]·W[o][k], grad_weight[o][k] = Σ_i g[i][o]·x[i][k],
    /// grad_bias[o] = Σ_i g[i][o].
    pub fn backward(&self, x: &[f32], n: usize, grad_output: &[f32]) -> Result<LinearGradients, BnError> {
        self.check_shape()?;
        let (inp, out) = (self.in_features, self.out_features);
        check_len(x, rows_len(n, inp, "the Linear layer's input", x.len())?, "the Linear layer's input")?;
        check_len(grad_output, rows_len(n, out, "grad_output", grad_output.len())?, "grad_output")?;
        let mut grad_input = vec![0.0f32; n * inp];
        let mut grad_weight = vec![0.0f32; out * inp];
        let mut grad_bias = vec![0.0f32; out];
        if inp > 0 && out > 0 {
            // Row by row: grad_input[i] += g[i][o]·W[o] and grad_weight[o] += g[i][o]·x[i]
            // (axpy loops over contiguous rows, which vectorize).
            for ((g_row, x_row), gi_row) in
                grad_output.chunks_exact(out).zip(x.chunks_exact(inp)).zip(grad_input.chunks_exact_mut(inp))
            {
                for (o, &g) in g_row.iter().enumerate() {
                    grad_bias[o] += g;
                    axpy(gi_row, g, &self.weight[o * inp..(o + 1) * inp]);
                    axpy(&mut grad_weight[o * inp..(o + 1) * inp], g, x_row);
                }
            }
        }
        Ok(LinearGradients { grad_input, grad_weight, grad_bias })
    }
}

/// Σ a[k]·b[k] in f32, in eight interleaved partial sums (so the loop vectorizes).
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut lanes = [0.0f32; 8];
    let (a8, a_rest) = a.split_at(n - n % 8);
    let (b8, b_rest) = b.split_at(n - n % 8);
    for (x, y) in a8.chunks_exact(8).zip(b8.chunks_exact(8)) {
        for j in 0..8 {
            lanes[j] += x[j] * y[j];
        }
    }
    let tail: f32 = a_rest.iter().zip(b_rest).map(|(x, y)| x * y).sum();
    lanes.iter().sum::<f32>() + tail
}

/// y += a·x, elementwise.
fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    let n = y.len().min(x.len());
    let (y, x) = (&mut y[..n], &x[..n]);
    for k in 0..n {
        y[k] += a * x[k];
    }
}

// ---------------------------------------------------------------------------------------------
// ReLU and the loss
// ---------------------------------------------------------------------------------------------

/// ReLU(x) = max(0, x), elementwise.
pub fn relu(x: &[f32]) -> Vec<f32> {
    x.iter().map(|&v| v.max(0.0)).collect()
}

/// ∂ReLU: the gradient passes where the input was positive and is 0 elsewhere (0 at x = 0, as in PyTorch).
pub fn relu_backward(input: &[f32], grad_output: &[f32]) -> Result<Vec<f32>, BnError> {
    check_len(grad_output, input.len(), "grad_output")?;
    Ok(input.iter().zip(grad_output).map(|(&x, &g)| if x > 0.0 { g } else { 0.0 }).collect())
}

/// `nn.CrossEntropyLoss()` on row-major `(n, classes)` logits: the loss and ∂loss/∂logits.
///
/// ```text
/// loss = (1/n) Σ_i [ log Σ_j exp(z_ij) − z_i,y_i ]
/// log Σ_j exp(z_j) = m + log Σ_j exp(z_j − m),  m = max_j z_j   (no exp can overflow)
/// ∂loss/∂z_ij = (softmax(z_i)_j − [j = y_i]) / n
/// ```
/// An empty batch (PyTorch: NaN) and a label that is not a class are refused.
pub fn cross_entropy(logits: &[f32], labels: &[usize], n: usize, classes: usize) -> Result<(f32, Vec<f32>), BnError> {
    if n == 0 {
        return Err(empty_batch());
    }
    if labels.len() != n {
        return Err(BnError::WrongLength { what: "the labels (one per sample)", expected: n, got: labels.len() });
    }
    check_len(logits, rows_len(n, classes, "the logits", logits.len())?, "the logits")?;
    // With n ≥ 1 labels, classes = 0 fails here too: no label is below 0.
    check_labels(labels, classes)?;

    let mut loss_sum = 0.0f64;
    let mut grad = vec![0.0f32; n * classes];
    for (i, &y) in labels.iter().enumerate() {
        let z = &logits[i * classes..(i + 1) * classes];
        let m = z.iter().fold(f64::NEG_INFINITY, |acc, &v| acc.max(v as f64));
        let sum_exp: f64 = z.iter().map(|&v| libm::exp(v as f64 - m)).sum();
        let log_sum_exp = m + libm::log(sum_exp);
        loss_sum += log_sum_exp - z[y] as f64;
        for (j, &v) in z.iter().enumerate() {
            let softmax = libm::exp(v as f64 - log_sum_exp);
            let target = if j == y { 1.0 } else { 0.0 };
            grad[i * classes + j] = ((softmax - target) / n as f64) as f32;
        }
    }
    Ok(((loss_sum / n as f64) as f32, grad))
}

/// The predicted class of every row of `(n, classes)` logits: the first largest logit, like `argmax`.
pub fn predictions(logits: &[f32], classes: usize) -> Vec<usize> {
    if classes == 0 {
        return Vec::new();
    }
    logits
        .chunks_exact(classes)
        .map(|row| {
            let mut best = 0;
            for (j, &v) in row.iter().enumerate() {
                if v > row[best] {
                    best = j;
                }
            }
            best
        })
        .collect()
}

/// The share of predictions equal to their label (0 for no prediction); extra items of the longer list are ignored.
pub fn accuracy(predicted: &[usize], labels: &[usize]) -> f64 {
    let n = predicted.len().min(labels.len());
    if n == 0 {
        return 0.0;
    }
    let correct = predicted.iter().zip(labels).filter(|(p, y)| p == y).count();
    correct as f64 / n as f64
}

// ---------------------------------------------------------------------------------------------
// SGD
// ---------------------------------------------------------------------------------------------

/// `torch.optim.SGD(params, lr, momentum)` (no dampening, weight decay or Nesterov):
///
/// ```text
/// momentum = 0:  p ← p − lr·g
/// momentum > 0:  buf ← g on the first step, then buf ← momentum·buf + g;   p ← p − lr·buf
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Sgd {
    pub lr: f64,
    pub momentum: f64,
    /// One slot per parameter, in the order `step` receives them; None until momentum first uses it
    /// (PyTorch keeps no buffer while momentum is 0, and keeps an old one untouched).
    pub buffers: Vec<Option<Vec<f32>>>,
}

impl Sgd {
    pub fn new(lr: f64, momentum: f64) -> Result<Sgd, BnError> {
        let sgd = Sgd { lr, momentum, buffers: Vec::new() };
        sgd.validate()?;
        Ok(sgd)
    }

    /// PyTorch refuses a negative lr or momentum; NaN and ∞ are refused too.
    pub fn validate(&self) -> Result<(), BnError> {
        if !(self.lr >= 0.0 && self.lr.is_finite()) {
            return Err(BnError::OutOfBounds {
                what: "the learning rate",
                value: self.lr,
                min: 0.0,
                max: f64::INFINITY,
            });
        }
        if !(self.momentum >= 0.0 && self.momentum.is_finite()) {
            return Err(BnError::OutOfBounds {
                what: "SGD's momentum",
                value: self.momentum,
                min: 0.0,
                max: f64::INFINITY,
            });
        }
        Ok(())
    }

    /// Forgets the momentum buffers (a new `torch.optim.SGD`).
    pub fn reset(&mut self) {
        self.buffers.clear();
    }

    /// `optimizer.step()`: moves every parameter against its gradient. `params[i]` and `grads[i]`
    /// must have the same length, and the parameter list must be the one of the previous steps.
    /// Everything is checked before anything moves.
    pub fn step(&mut self, params: &mut [&mut [f32]], grads: &[&[f32]]) -> Result<(), BnError> {
        self.validate()?;
        if grads.len() != params.len() {
            return Err(BnError::WrongLength {
                what: "the gradients (one per parameter)",
                expected: params.len(),
                got: grads.len(),
            });
        }
        if !self.buffers.is_empty() && self.buffers.len() != params.len() {
            return Err(BnError::WrongLength {
                what: "SGD's momentum buffers (one per parameter)",
                expected: params.len(),
                got: self.buffers.len(),
            });
        }
        for (i, (p, g)) in params.iter().zip(grads).enumerate() {
            check_len(g, p.len(), "a gradient (as long as its parameter)")?;
            if let Some(Some(buf)) = self.buffers.get(i) {
                check_len(buf, p.len(), "a momentum buffer (as long as its parameter)")?;
            }
        }
        if self.buffers.is_empty() {
            self.buffers = vec![None; params.len()];
        }

        let (lr, momentum) = (self.lr, self.momentum);
        for ((p, &g), slot) in params.iter_mut().zip(grads).zip(&mut self.buffers) {
            let direction: &[f32] = if momentum != 0.0 {
                let buf = match slot {
                    None => slot.insert(g.to_vec()),
                    Some(buf) => {
                        for (b, &gk) in buf.iter_mut().zip(g) {
                            *b = (momentum * *b as f64 + gk as f64) as f32;
                        }
                        buf
                    }
                };
                buf
            } else {
                g
            };
            for (pk, &dk) in p.iter_mut().zip(direction) {
                *pk = (*pk as f64 - lr * dk as f64) as f32;
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

/// The BatchNorm1d's constructor arguments the page may change (affine and running stats stay on).
#[derive(Debug, Clone, PartialEq)]
pub struct BnSettings {
    pub eps: f64,
    /// None: cumulative average.
    pub momentum: Option<f64>,
}

impl Default for BnSettings {
    /// PyTorch's defaults: eps = 1e-5, momentum = 0.1.
    fn default() -> Self {
        BnSettings { eps: 1e-5, momentum: Some(0.1) }
    }
}

/// The model's sizes, and its BatchNorm1d (None: the model without it).
#[derive(Debug, Clone, PartialEq)]
pub struct MlpConfig {
    pub inputs: usize,
    pub hidden: usize,
    pub classes: usize,
    pub batchnorm: Option<BnSettings>,
}

impl MlpConfig {
    /// The tutorial's 64 → 128 → 10, with a default BatchNorm1d(128) or without.
    pub fn tutorial(batchnorm: bool) -> Self {
        MlpConfig {
            inputs: DIGIT_PIXELS,
            hidden: TUTORIAL_HIDDEN,
            classes: DIGIT_CLASSES,
            batchnorm: batchnorm.then(BnSettings::default),
        }
    }

    fn batchnorm_config(&self) -> Option<BatchNormConfig> {
        self.batchnorm.as_ref().map(|s| BatchNormConfig {
            eps: s.eps,
            momentum: s.momentum,
            ..BatchNormConfig::new(self.hidden)
        })
    }

    pub fn validate(&self) -> Result<(), BnError> {
        check_width(self.inputs, "the number of inputs")?;
        check_width(self.hidden, "the hidden width")?;
        check_width(self.classes, "the number of classes")?;
        match self.batchnorm_config() {
            Some(c) => c.validate(),
            None => Ok(()),
        }
    }
}

/// What one training step gives the page.
#[derive(Debug, Clone, PartialEq)]
pub struct StepResult {
    /// `(N, classes)` logits of the forward pass, before the update.
    pub logits: Vec<f32>,
    /// The mean cross-entropy of the batch, before the update.
    pub loss: f32,
    /// The input of the ReLU, `(N, hidden)`: BatchNorm's output, or the first Linear's without it.
    pub pre_activation: Vec<f32>,
}

/// The model's `state_dict()`: float tensors under PyTorch's keys, in PyTorch's order, and
/// BatchNorm's `1.num_batches_tracked` (an integer, so kept apart; None without BatchNorm).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StateDict {
    pub tensors: Vec<(String, Vec<f32>)>,
    pub num_batches_tracked: Option<u64>,
}

impl StateDict {
    /// The key of `num_batches_tracked` in PyTorch's state dict.
    pub const NUM_BATCHES_TRACKED: &'static str = "1.num_batches_tracked";

    /// The tensor under `key`.
    pub fn get(&self, key: &str) -> Option<&[f32]> {
        self.tensors.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_slice())
    }

    /// Every key in PyTorch's order, `1.num_batches_tracked` after `1.running_var`.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys = Vec::with_capacity(self.tensors.len() + 1);
        for (k, _) in &self.tensors {
            keys.push(k.as_str());
            if k == "1.running_var" && self.num_batches_tracked.is_some() {
                keys.push(Self::NUM_BATCHES_TRACKED);
            }
        }
        keys
    }

    /// Every float is finite.
    pub fn is_finite(&self) -> bool {
        self.tensors.iter().all(|(_, v)| v.iter().all(|x| x.is_finite()))
    }
}

/// One state-dict key and the words errors use for it.
struct Key {
    name: &'static str,
    label: &'static str,
}

macro_rules! key {
    ($name:literal) => {
        Key { name: $name, label: concat!("state_dict[\"", $name, "\"]") }
    };
}

const FIRST_WEIGHT: Key = key!("0.weight");
const FIRST_BIAS: Key = key!("0.bias");
const BN_WEIGHT: Key = key!("1.weight");
const BN_BIAS: Key = key!("1.bias");
const BN_MEAN: Key = key!("1.running_mean");
const BN_VAR: Key = key!("1.running_var");
const BN_COUNT: Key = key!("1.num_batches_tracked");
/// With BatchNorm the layers are 0 Linear, 1 BatchNorm1d, 2 ReLU, 3 Linear; without: 0, 1 ReLU, 2.
const LAST_WEIGHT_AFTER_BN: Key = key!("3.weight");
const LAST_BIAS_AFTER_BN: Key = key!("3.bias");
const LAST_WEIGHT: Key = key!("2.weight");
const LAST_BIAS: Key = key!("2.bias");

/// The tensor under `key`, which must hold `len` finite numbers; a missing key holds 0 numbers.
fn take<'a>(state: &'a StateDict, key: &Key, len: usize) -> Result<&'a [f32], BnError> {
    let values = state.get(key.name).unwrap_or(&[]);
    check_len(values, len, key.label)?;
    check_finite(values, key.label)?;
    Ok(values)
}

/// What one forward pass computed, kept for backward.
struct Pass {
    trace: Option<Trace>,
    pre_activation: Vec<f32>,
    activation: Vec<f32>,
    logits: Vec<f32>,
}

/// Linear → [BatchNorm1d] → ReLU → Linear on `n` rows, with `bn` in whatever mode it is in.
fn forward_pass(
    first: &Linear,
    bn: Option<&mut BatchNorm1d>,
    last: &Linear,
    x: &[f32],
    n: usize,
) -> Result<Pass, BnError> {
    let hidden = first.forward(x, n)?;
    let (trace, pre_activation) = match bn {
        Some(bn) => {
            let trace = bn.forward(&hidden, &[n, first.out_features])?;
            let output = trace.output.clone();
            (Some(trace), output)
        }
        None => (None, hidden),
    };
    let activation = relu(&pre_activation);
    let logits = last.forward(&activation, n)?;
    Ok(Pass { trace, pre_activation, activation, logits })
}

/// The tutorial's model: Linear(in, hidden) → [BatchNorm1d(hidden)] → ReLU → Linear(hidden, classes).
///
/// Its BatchNorm layer stays in training mode; the eval-mode methods use a copy in eval mode.
#[derive(Debug, Clone, PartialEq)]
pub struct Mlp {
    config: MlpConfig,
    first: Linear,
    bn: Option<BatchNorm1d>,
    last: Linear,
}

impl Mlp {
    /// The tutorial's model (64 → 128 → 10, default BatchNorm1d when `batchnorm`) from `seed`.
    /// Two models of the same seed start with the same Linear weights, BatchNorm or not.
    pub fn init(seed: u64, batchnorm: bool) -> Result<Mlp, BnError> {
        Mlp::new(MlpConfig::tutorial(batchnorm), seed)
    }

    /// A model of any sizes: Linear layers as [`Linear::init`] (each from its own stream of `seed`),
    /// BatchNorm1d as PyTorch builds it (γ = 1, β = 0, running_mean = 0, running_var = 1).
    pub fn new(config: MlpConfig, seed: u64) -> Result<Mlp, BnError> {
        config.validate()?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(FIRST_LAYER_STREAM);
        let first = Linear::init(config.inputs, config.hidden, &mut rng)?;
        rng.set_stream(LAST_LAYER_STREAM);
        let last = Linear::init(config.hidden, config.classes, &mut rng)?;
        let bn = match config.batchnorm_config() {
            Some(c) => Some(BatchNorm1d::new(c)?),
            None => None,
        };
        Ok(Mlp { config, first, bn, last })
    }

    pub fn config(&self) -> &MlpConfig {
        &self.config
    }

    pub fn has_batchnorm(&self) -> bool {
        self.bn.is_some()
    }

    /// The first Linear layer (`0.*`).
    pub fn first(&self) -> &Linear {
        &self.first
    }

    /// The BatchNorm1d layer (`1.*`), with its running statistics.
    pub fn batchnorm(&self) -> Option<&BatchNorm1d> {
        self.bn.as_ref()
    }

    /// The last Linear layer (`3.*`, or `2.*` without BatchNorm).
    pub fn last(&self) -> &Linear {
        &self.last
    }

    /// How many rows of `inputs` values `x` holds; refuses a ragged or non-finite batch.
    fn rows(&self, x: &[f32]) -> Result<usize, BnError> {
        let inputs = self.config.inputs;
        if !x.len().is_multiple_of(inputs) {
            return Err(BnError::WrongLength {
                what: "the images (whole rows of the model's inputs)",
                expected: (x.len() / inputs + 1).saturating_mul(inputs),
                got: x.len(),
            });
        }
        check_finite(x, "the images")?;
        Ok(x.len() / inputs)
    }

    /// A forward pass on a copy of the BatchNorm layer in the given mode: the model does not change.
    fn forward_on_copy(&self, x: &[f32], training: bool) -> Result<Pass, BnError> {
        let n = self.rows(x)?;
        let mut bn = self.bn.clone();
        if let Some(bn) = &mut bn {
            bn.set_training(training);
        }
        forward_pass(&self.first, bn.as_mut(), &self.last, x, n)
    }

    /// `model.eval(); with torch.no_grad(): model(x)`: BatchNorm normalizes with its running
    /// statistics. Row-major `(M, inputs)` in, `(M, classes)` out; nothing changes.
    pub fn eval_logits(&self, x: &[f32]) -> Result<Vec<f32>, BnError> {
        Ok(self.forward_on_copy(x, false)?.logits)
    }

    /// The "forgot `model.eval()`" demo: the logits of a test batch with BatchNorm in training mode,
    /// normalized by the test batch's own statistics (so one sample's answer depends on the others,
    /// and a batch of one is refused). PyTorch would also move the running statistics and count the
    /// batch; this runs on a copy, so the model is left exactly as it was.
    pub fn logits_in_train_mode(&self, x: &[f32]) -> Result<Vec<f32>, BnError> {
        Ok(self.forward_on_copy(x, true)?.logits)
    }

    /// The class the model gives every image, in eval mode.
    pub fn predict(&self, x: &[f32]) -> Result<Vec<usize>, BnError> {
        Ok(predictions(&self.eval_logits(x)?, self.config.classes))
    }

    /// The share of images whose eval-mode prediction is their label (0 for no image).
    pub fn accuracy(&self, x: &[f32], labels: &[usize]) -> Result<f64, BnError> {
        let predicted = self.predict(x)?;
        if predicted.len() != labels.len() {
            return Err(BnError::WrongLength {
                what: "the labels (one per image)",
                expected: predicted.len(),
                got: labels.len(),
            });
        }
        Ok(accuracy(&predicted, labels))
    }

    /// One training step, as
    /// `model.train(); opt.zero_grad(); loss = loss_fn(model(x), y); loss.backward(); opt.step()`.
    /// The BatchNorm forward moves the running statistics, as in PyTorch.
    ///
    /// `x` is row-major `(N, inputs)` with N = `labels.len()`. A refused step changes neither the
    /// model nor `sgd`, with one exception that is PyTorch's own: with BatchNorm, a batch of one is
    /// refused after `num_batches_tracked` has counted it. A learning rate far too large makes the
    /// weights overflow to infinity and NaN, as in PyTorch: the step is taken, and the loss says so.
    pub fn train_step(&mut self, x: &[f32], labels: &[usize], sgd: &mut Sgd) -> Result<StepResult, BnError> {
        let n = labels.len();
        if n == 0 {
            return Err(empty_batch());
        }
        let expected = rows_len(n, self.config.inputs, "the images (one row per label)", x.len())?;
        check_len(x, expected, "the images (one row per label)")?;
        check_finite(x, "the images")?;
        check_labels(labels, self.config.classes)?;
        sgd.validate()?;

        let mut next = self.clone();
        let mut next_sgd = sgd.clone();
        match next.step_in_place(x, labels, &mut next_sgd) {
            Ok(result) => {
                *self = next;
                *sgd = next_sgd;
                Ok(result)
            }
            Err(e) => {
                if matches!(e, BnError::OneValuePerFeature { .. }) {
                    // BatchNorm1d counted the batch before refusing it: keep that count.
                    self.bn = next.bn;
                }
                Err(e)
            }
        }
    }

    /// The step itself, on a model the caller may throw away when it fails.
    fn step_in_place(&mut self, x: &[f32], labels: &[usize], sgd: &mut Sgd) -> Result<StepResult, BnError> {
        let n = labels.len();
        let classes = self.config.classes;
        if let Some(bn) = &mut self.bn {
            bn.set_training(true);
        }
        let pass = forward_pass(&self.first, self.bn.as_mut(), &self.last, x, n)?;
        let (loss, grad_logits) = cross_entropy(&pass.logits, labels, n, classes)?;

        // Backward, layer by layer from the loss.
        let last_grads = self.last.backward(&pass.activation, n, &grad_logits)?;
        let grad_pre_activation = relu_backward(&pass.pre_activation, &last_grads.grad_input)?;
        let (grad_hidden, bn_grads) = match &pass.trace {
            Some(trace) => {
                let g = trace.backward(&grad_pre_activation)?;
                let affine = g.grad_weight.zip(g.grad_bias);
                (g.grad_input, affine)
            }
            None => (grad_pre_activation, None),
        };
        let first_grads = self.first.backward(x, n, &grad_hidden)?;

        // optimizer.step() over model.parameters(): 0.weight, 0.bias, [1.weight, 1.bias,] last.weight, last.bias.
        let Mlp { first, bn, last, .. } = self;
        let mut params: Vec<&mut [f32]> = vec![&mut first.weight, &mut first.bias];
        let mut grads: Vec<&[f32]> = vec![&first_grads.grad_weight, &first_grads.grad_bias];
        if let (Some(affine), Some((grad_gamma, grad_beta))) = (bn.as_mut().and_then(|bn| bn.affine_mut()), &bn_grads) {
            params.push(&mut affine.weight);
            params.push(&mut affine.bias);
            grads.push(grad_gamma);
            grads.push(grad_beta);
        }
        params.push(&mut last.weight);
        params.push(&mut last.bias);
        grads.push(&last_grads.grad_weight);
        grads.push(&last_grads.grad_bias);
        sgd.step(&mut params, &grads)?;

        Ok(StepResult { logits: pass.logits, loss, pre_activation: pass.pre_activation })
    }

    /// The keys of the last Linear layer: `3.*` after a BatchNorm, `2.*` without.
    fn last_keys(&self) -> (Key, Key) {
        if self.bn.is_some() {
            (LAST_WEIGHT_AFTER_BN, LAST_BIAS_AFTER_BN)
        } else {
            (LAST_WEIGHT, LAST_BIAS)
        }
    }

    /// `model.state_dict()`, with PyTorch's keys in PyTorch's order.
    pub fn state_dict(&self) -> StateDict {
        let mut tensors = vec![
            (FIRST_WEIGHT.name.to_string(), self.first.weight.clone()),
            (FIRST_BIAS.name.to_string(), self.first.bias.clone()),
        ];
        let mut num_batches_tracked = None;
        if let Some(bn) = &self.bn {
            if let Some(a) = bn.affine() {
                tensors.push((BN_WEIGHT.name.to_string(), a.weight.clone()));
                tensors.push((BN_BIAS.name.to_string(), a.bias.clone()));
            }
            if let Some(r) = bn.running() {
                tensors.push((BN_MEAN.name.to_string(), r.mean.clone()));
                tensors.push((BN_VAR.name.to_string(), r.var.clone()));
                num_batches_tracked = Some(r.num_batches_tracked);
            }
        }
        let (weight, bias) = self.last_keys();
        tensors.push((weight.name.to_string(), self.last.weight.clone()));
        tensors.push((bias.name.to_string(), self.last.bias.clone()));
        StateDict { tensors, num_batches_tracked }
    }

    /// `model.load_state_dict(state)` (strict, as PyTorch's default): every key of the model with
    /// the right length and finite values, and no other key. A missing key reads as holding 0
    /// numbers. A refused load changes nothing.
    pub fn load_state_dict(&mut self, state: &StateDict) -> Result<(), BnError> {
        let (inputs, hidden, classes) = (self.config.inputs, self.config.hidden, self.config.classes);
        let mut next = self.clone();
        next.first.weight = take(state, &FIRST_WEIGHT, hidden * inputs)?.to_vec();
        next.first.bias = take(state, &FIRST_BIAS, hidden)?.to_vec();
        let mut expected_tensors = 4;
        if let Some(bn) = &mut next.bn {
            bn.set_affine(take(state, &BN_WEIGHT, hidden)?, take(state, &BN_BIAS, hidden)?)?;
            let count =
                state.num_batches_tracked.ok_or(BnError::WrongLength { what: BN_COUNT.label, expected: 1, got: 0 })?;
            bn.set_running(take(state, &BN_MEAN, hidden)?, take(state, &BN_VAR, hidden)?, count)?;
            expected_tensors += 4;
        } else if state.num_batches_tracked.is_some() {
            return Err(BnError::Missing { what: "BatchNorm (the state_dict has 1.num_batches_tracked)" });
        }
        let (weight, bias) = self.last_keys();
        next.last.weight = take(state, &weight, classes * hidden)?.to_vec();
        next.last.bias = take(state, &bias, classes)?.to_vec();
        if state.tensors.len() != expected_tensors {
            return Err(BnError::WrongLength {
                what: "the state_dict's tensors (it has keys this model does not)",
                expected: expected_tensors,
                got: state.tensors.len(),
            });
        }
        *self = next;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny model: 3 inputs → 4 hidden → 3 classes.
    fn tiny(batchnorm: bool, seed: u64) -> Mlp {
        let config = MlpConfig { inputs: 3, hidden: 4, classes: 3, batchnorm: batchnorm.then(BnSettings::default) };
        Mlp::new(config, seed).unwrap()
    }

    fn tiny_batch() -> (Vec<f32>, Vec<usize>) {
        let x = vec![0.5, -1.0, 0.25, 1.5, 0.75, -0.5, -0.25, 0.5, 1.0, 0.1, -0.3, 0.7];
        (x, vec![0, 2, 1, 2])
    }

    fn close(a: f32, b: f32, tol: f32) -> bool {
        (a - b).abs() <= tol * (1.0 + b.abs())
    }

    #[test]
    fn linear_gradients_match_finite_differences() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let layer = Linear::init(3, 2, &mut rng).unwrap();
        let x = [0.3f32, -0.7, 1.1, 0.9, 0.2, -0.4];
        let r = [0.6f32, -1.3, 0.2, 0.8]; // the loss is Σ y·r, so grad_output = r
        let loss = |layer: &Linear, x: &[f32]| -> f64 {
            let y = layer.forward(x, 2).unwrap();
            y.iter().zip(&r).map(|(&a, &b)| a as f64 * b as f64).sum()
        };
        let grads = layer.backward(&x, 2, &r).unwrap();
        let h = 1e-2f32;
        for k in 0..x.len() {
            let (mut plus, mut minus) = (x, x);
            plus[k] += h;
            minus[k] -= h;
            let numeric = (loss(&layer, &plus) - loss(&layer, &minus)) / (2.0 * h as f64);
            assert!(close(grads.grad_input[k], numeric as f32, 1e-3), "x[{k}]");
        }
        for k in 0..layer.weight.len() {
            let (mut plus, mut minus) = (layer.clone(), layer.clone());
            plus.weight[k] += h;
            minus.weight[k] -= h;
            let numeric = (loss(&plus, &x) - loss(&minus, &x)) / (2.0 * h as f64);
            assert!(close(grads.grad_weight[k], numeric as f32, 1e-3), "W[{k}]");
        }
        for o in 0..2 {
            let (mut plus, mut minus) = (layer.clone(), layer.clone());
            plus.bias[o] += h;
            minus.bias[o] -= h;
            let numeric = (loss(&plus, &x) - loss(&minus, &x)) / (2.0 * h as f64);
            assert!(close(grads.grad_bias[o], numeric as f32, 1e-3), "b[{o}]");
        }
    }

    #[test]
    fn cross_entropy_gradient_matches_finite_differences() {
        let logits = [1.0f32, -0.5, 2.0, 0.3, 0.3, -1.2];
        let labels = [2, 0];
        let (loss, grad) = cross_entropy(&logits, &labels, 2, 3).unwrap();
        // By hand: row 0 = lse(1, −0.5, 2) − 2, row 1 = lse(0.3, 0.3, −1.2) − 0.3.
        let lse = |z: &[f64]| z.iter().map(|v| v.exp()).sum::<f64>().ln();
        let want = (lse(&[1.0, -0.5, 2.0]) - 2.0 + lse(&[0.3, 0.3, -1.2]) - 0.3) / 2.0;
        assert!((loss as f64 - want).abs() < 1e-6);
        let h = 1e-3f32;
        for k in 0..logits.len() {
            let (mut plus, mut minus) = (logits, logits);
            plus[k] += h;
            minus[k] -= h;
            let numeric = (cross_entropy(&plus, &labels, 2, 3).unwrap().0
                - cross_entropy(&minus, &labels, 2, 3).unwrap().0)
                / (2.0 * h);
            assert!((grad[k] - numeric).abs() < 1e-3, "logit {k}: {} vs {numeric}", grad[k]);
        }
    }

    #[test]
    fn cross_entropy_is_stable_and_refuses_bad_labels() {
        // exp(1000) overflows; the max-subtracted form does not.
        let (loss, grad) = cross_entropy(&[1000.0, 0.0], &[0], 1, 2).unwrap();
        assert_eq!(loss, 0.0);
        assert!(grad.iter().all(|g| g.is_finite()));
        let (loss, _) = cross_entropy(&[1000.0, 0.0], &[1], 1, 2).unwrap();
        assert_eq!(loss, 1000.0);
        assert_eq!(
            cross_entropy(&[0.0, 0.0], &[2], 1, 2).unwrap_err(),
            BnError::OutOfRange { what: "class", index: 2, len: 2 }
        );
        assert!(cross_entropy(&[], &[], 0, 2).is_err());
        assert!(cross_entropy(&[0.0], &[0], 1, 2).is_err());
        assert!(cross_entropy(&[0.0], &[0], 1, 0).is_err());
    }

    #[test]
    fn relu_passes_gradient_only_where_positive() {
        assert_eq!(relu(&[-1.0, 0.0, 2.0]), vec![0.0, 0.0, 2.0]);
        assert_eq!(relu_backward(&[-1.0, 0.0, 2.0], &[5.0, 5.0, 5.0]).unwrap(), vec![0.0, 0.0, 5.0]);
        assert!(relu_backward(&[1.0], &[]).is_err());
    }

    /// The whole chain (Linear, BatchNorm, ReLU, Linear, loss): one SGD step with lr = 1 moves every
    /// parameter by exactly −gradient, which must match finite differences of the loss.
    #[test]
    fn model_gradients_match_finite_differences() {
        let (x, y) = tiny_batch();
        for batchnorm in [true, false] {
            let model = tiny(batchnorm, 3);
            let mut stepped = model.clone();
            let mut sgd = Sgd::new(1.0, 0.0).unwrap();
            stepped.train_step(&x, &y, &mut sgd).unwrap();
            let (before, after) = (model.state_dict(), stepped.state_dict());
            let loss_with = |state: &StateDict| {
                let mut m = model.clone();
                m.load_state_dict(state).unwrap();
                m.train_step(&x, &y, &mut Sgd::new(0.0, 0.0).unwrap()).unwrap().loss as f64
            };
            let h = 1e-3f32;
            for (t, (key, values)) in before.tensors.iter().enumerate() {
                if key.contains("running") {
                    continue;
                }
                for (k, (&value, &stepped)) in values.iter().zip(&after.tensors[t].1).enumerate() {
                    let analytic = (value - stepped) as f64;
                    let (mut plus, mut minus) = (before.clone(), before.clone());
                    plus.tensors[t].1[k] += h;
                    minus.tensors[t].1[k] -= h;
                    let numeric = (loss_with(&plus) - loss_with(&minus)) / (2.0 * h as f64);
                    assert!(
                        (analytic - numeric).abs() < 2e-3 + 0.02 * numeric.abs(),
                        "bn={batchnorm} {key}[{k}]: {analytic} vs {numeric}"
                    );
                }
            }
        }
    }

    #[test]
    fn sgd_follows_pytorchs_momentum_rule() {
        let mut sgd = Sgd::new(0.1, 0.9).unwrap();
        let mut p = vec![1.0f32, -2.0];
        // Step 1: buf = g = (1, 0.5); p = p − 0.1·buf.
        sgd.step(&mut [&mut p], &[&[1.0, 0.5]]).unwrap();
        assert_eq!(sgd.buffers, vec![Some(vec![1.0, 0.5])]);
        assert!(close(p[0], 0.9, 1e-7) && close(p[1], -2.05, 1e-7));
        // Step 2: buf = 0.9·buf + g = (0.9 + 2, 0.45 − 1); p = p − 0.1·buf.
        sgd.step(&mut [&mut p], &[&[2.0, -1.0]]).unwrap();
        assert!(close(p[0], 0.9 - 0.29, 1e-6) && close(p[1], -2.05 + 0.055, 1e-6), "{p:?}");

        // momentum = 0: plain p ← p − lr·g, and no buffer is kept.
        let mut plain = Sgd::new(0.5, 0.0).unwrap();
        let mut q = vec![1.0f32];
        plain.step(&mut [&mut q], &[&[0.5]]).unwrap();
        plain.step(&mut [&mut q], &[&[0.5]]).unwrap();
        assert_eq!(q, vec![0.5]);
        assert_eq!(plain.buffers, vec![None]);

        // Refusals change nothing.
        let before = (sgd.clone(), p.clone());
        assert!(sgd.step(&mut [&mut p], &[&[1.0]]).is_err());
        assert!(sgd.step(&mut [&mut p, &mut q], &[&[1.0, 1.0], &[1.0]]).is_err());
        assert_eq!((sgd, p), before);
        assert!(Sgd::new(-0.1, 0.0).is_err());
        assert!(Sgd::new(0.1, f64::NAN).is_err());
    }

    #[test]
    fn init_is_pytorchs_uniform_and_seeded() {
        let a = Mlp::init(11, true).unwrap();
        let b = Mlp::init(11, false).unwrap();
        assert_eq!(a.first(), b.first());
        assert_eq!(a.last(), b.last());
        assert_ne!(Mlp::init(12, true).unwrap().first(), a.first());
        let bound = 1.0 / 8.0; // 1/√64
        assert!(a.first().weight.iter().chain(&a.first().bias).all(|w| w.abs() <= bound));
        let bound = 1.0 / 128f32.sqrt();
        assert!(a.last().weight.iter().chain(&a.last().bias).all(|w| w.abs() <= bound));
        let mean = a.first().weight.iter().map(|&w| w as f64).sum::<f64>() / 8192.0;
        assert!(mean.abs() < 0.005, "{mean}");
        let bn = a.batchnorm().unwrap();
        assert_eq!(bn.affine().unwrap().weight, vec![1.0; 128]);
        assert_eq!(bn.running().unwrap().var, vec![1.0; 128]);
        assert!(Mlp::new(MlpConfig { hidden: 0, ..MlpConfig::tutorial(true) }, 0).is_err());
        assert!(Mlp::new(
            MlpConfig { batchnorm: Some(BnSettings { eps: -1.0, momentum: None }), ..MlpConfig::tutorial(true) },
            0
        )
        .is_err());
    }

    #[test]
    fn state_dict_round_trips_with_pytorchs_keys() {
        let (x, y) = tiny_batch();
        let mut a = tiny(true, 1);
        a.train_step(&x, &y, &mut Sgd::new(0.1, 0.9).unwrap()).unwrap();
        let state = a.state_dict();
        assert_eq!(
            state.keys(),
            [
                "0.weight",
                "0.bias",
                "1.weight",
                "1.bias",
                "1.running_mean",
                "1.running_var",
                "1.num_batches_tracked",
                "3.weight",
                "3.bias"
            ]
        );
        assert_eq!(state.num_batches_tracked, Some(1));
        let mut b = tiny(true, 2);
        b.load_state_dict(&state).unwrap();
        assert_eq!(b, a);
        assert_eq!(b.eval_logits(&x).unwrap(), a.eval_logits(&x).unwrap());

        let plain = tiny(false, 1).state_dict();
        assert_eq!(plain.keys(), ["0.weight", "0.bias", "2.weight", "2.bias"]);
        assert_eq!(plain.num_batches_tracked, None);
        let mut c = tiny(false, 9);
        c.load_state_dict(&plain).unwrap();
        assert_eq!(c.state_dict(), plain);
    }

    #[test]
    fn load_state_dict_refuses_bad_dicts_and_changes_nothing() {
        let mut model = tiny(true, 1);
        let before = model.clone();
        let good = model.state_dict();

        let mut missing = good.clone();
        missing.tensors.retain(|(k, _)| k != "3.bias");
        assert_eq!(
            model.load_state_dict(&missing).unwrap_err(),
            BnError::WrongLength { what: "state_dict[\"3.bias\"]", expected: 3, got: 0 }
        );
        let mut short = good.clone();
        short.tensors[0].1.pop();
        assert!(matches!(
            model.load_state_dict(&short),
            Err(BnError::WrongLength { what: "state_dict[\"0.weight\"]", .. })
        ));
        let mut nan = good.clone();
        nan.tensors[7].1[0] = f32::NAN;
        assert!(matches!(model.load_state_dict(&nan), Err(BnError::NotFinite { .. })));
        let mut extra = good.clone();
        extra.tensors.push(("4.weight".into(), vec![1.0]));
        assert!(model.load_state_dict(&extra).is_err());
        let no_count = StateDict { num_batches_tracked: None, ..good.clone() };
        assert!(model.load_state_dict(&no_count).is_err());
        // A model without BatchNorm into one with it, and back.
        assert!(model.load_state_dict(&tiny(false, 1).state_dict()).is_err());
        assert!(tiny(false, 1).load_state_dict(&good).is_err());
        assert_eq!(model, before);
    }

    #[test]
    fn train_step_refusals_change_nothing_but_pytorchs_count() {
        let (x, y) = tiny_batch();
        let mut model = tiny(true, 4);
        let mut sgd = Sgd::new(0.1, 0.9).unwrap();
        let before = (model.clone(), sgd.clone());
        assert_eq!(
            model.train_step(&x, &[0, 1, 3, 0], &mut sgd).unwrap_err(),
            BnError::OutOfRange { what: "class", index: 3, len: 3 }
        );
        assert!(model.train_step(&x[..11], &y, &mut sgd).is_err());
        assert!(model.train_step(&[], &[], &mut sgd).is_err());
        let mut bad = x.clone();
        bad[2] = f32::INFINITY;
        assert!(model.train_step(&bad, &y, &mut sgd).is_err());
        assert_eq!((model.clone(), sgd.clone()), before);

        // A learning rate so large the weights overflow: as in PyTorch, training goes on and the
        // loss turns NaN (the page shows the model diverged).
        let mut diverging = model.clone();
        let mut huge = Sgd::new(1e37, 0.9).unwrap();
        let losses: Vec<f32> =
            (0..20).filter_map(|_| diverging.train_step(&x, &y, &mut huge).ok()).map(|r| r.loss).collect();
        assert_eq!(losses.len(), 20, "every step is taken");
        assert!(losses.iter().any(|l| !l.is_finite()), "{losses:?}");
        assert!(!diverging.state_dict().is_finite());

        // A batch of one: BatchNorm1d counts it, then refuses (PyTorch does the same).
        let err = model.train_step(&x[..3], &y[..1], &mut sgd).unwrap_err();
        assert!(matches!(err, BnError::OneValuePerFeature { .. }));
        assert_eq!(model.state_dict().num_batches_tracked, Some(1));
        assert_eq!(model.first(), before.0.first());
        // Without BatchNorm a batch of one trains.
        tiny(false, 4).train_step(&x[..3], &y[..1], &mut Sgd::new(0.1, 0.0).unwrap()).unwrap();
    }

    #[test]
    fn eval_and_train_mode_logits_leave_the_model_alone() {
        let (x, y) = tiny_batch();
        let mut model = tiny(true, 6);
        let mut sgd = Sgd::new(0.2, 0.0).unwrap();
        for _ in 0..3 {
            let step = model.train_step(&x, &y, &mut sgd).unwrap();
            assert_eq!(step.logits.len(), 12);
            assert_eq!(step.pre_activation.len(), 16);
        }
        let before = model.clone();
        let eval = model.eval_logits(&x).unwrap();
        let train = model.logits_in_train_mode(&x).unwrap();
        assert_eq!(model, before);
        assert_ne!(eval, train, "running stats after 3 steps differ from this batch's");
        // In train mode one sample's logits depend on the rest of the batch; in eval mode they do not.
        // (Sample 1: sample 0's pre-activations are all negative, so its logits are the last bias.)
        assert_eq!(model.eval_logits(&x[..6]).unwrap()[3..], eval[3..6]);
        assert_ne!(model.logits_in_train_mode(&x[..6]).unwrap()[3..], train[3..6]);
        assert!(model.logits_in_train_mode(&x[..3]).is_err());
        assert_eq!(model.eval_logits(&x[..3]).unwrap()[..], eval[..3]);
        assert!(model.eval_logits(&x[..4]).is_err());
        assert_eq!(model.eval_logits(&[]).unwrap(), Vec::<f32>::new());

        assert_eq!(predictions(&[0.0, 2.0, 2.0, 5.0, 1.0, 1.0], 3), vec![1, 0]);
        let acc = model.accuracy(&x, &y).unwrap();
        assert!((0.0..=1.0).contains(&acc));
        assert!(model.accuracy(&x, &y[..3]).is_err());
        assert_eq!(accuracy(&[1, 2, 3, 4], &[1, 2, 0, 0]), 0.5);
    }

    #[test]
    fn same_seed_same_training() {
        let (x, y) = tiny_batch();
        let run = || {
            let mut m = tiny(true, 8);
            let mut sgd = Sgd::new(0.1, 0.9).unwrap();
            (0..3).map(|_| m.train_step(&x, &y, &mut sgd).unwrap().loss).collect::<Vec<_>>()
        };
        let losses = run();
        assert_eq!(losses, run());
        assert!(losses[2] < losses[0], "{losses:?}");
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod never_panics {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            #[test]
            fn model_takes_any_batch(
                x in proptest::collection::vec(-1e3f32..1e3, 0..20),
                labels in proptest::collection::vec(0usize..5, 0..6),
                lr in -1.0f64..1e3,
                bn in any::<bool>(),
            ) {
                let config = MlpConfig { inputs: 3, hidden: 4, classes: 3, batchnorm: bn.then(BnSettings::default) };
                let mut m = Mlp::new(config, 1).unwrap();
                let mut sgd = Sgd { lr, momentum: 0.5, buffers: Vec::new() };
                let _ = m.train_step(&x, &labels, &mut sgd);
                let _ = m.eval_logits(&x);
                let _ = m.logits_in_train_mode(&x);
                let _ = m.predict(&x);
                let _ = m.accuracy(&x, &labels);
                let _ = cross_entropy(&x, &labels, labels.len(), 3);
                prop_assert!(m.state_dict().is_finite());
            }
        }
    }
}
