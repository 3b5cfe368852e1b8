//! The layers of a network, each with a forward pass that keeps what its backward pass needs.
//!
//! Every layer maps a row-major `(N, width)` batch to another, and its backward pass turns the
//! gradient of the loss with respect to its output (dL/dy) into the gradients of its parameters
//! and, when asked, with respect to its input (dL/dx). Buffers are reused from step to step.

use super::kernels::{exp, matmul_add, matmul_t_add, transpose_into, Panel};
use super::spec::{Activation, LayerSpec, MAX_WIDTH};
use crate::core::batchnorm::{fused, BatchNorm1d, BatchNormConfig, Trace};
use crate::core::error::{check_len, BnError};
use crate::core::norms::GroupNorm;
use rand_chacha::ChaCha8Rng;
use rand_core::RngCore;
use rand_core::SeedableRng;

/// `nn.Linear(inputs, outputs)`: y = x·Wᵀ + b.
#[derive(Debug, Clone, PartialEq)]
pub struct Linear {
    pub inputs: usize,
    pub outputs: usize,
    /// W, row-major `(outputs, inputs)` as PyTorch stores it.
    pub weight: Vec<f32>,
    pub bias: Vec<f32>,
    /// dL/dW and dL/db of the last backward pass.
    pub grad_weight: Vec<f32>,
    pub grad_bias: Vec<f32>,
    /// Wᵀ `(inputs, outputs)`, rebuilt at each forward pass: the product then runs along rows.
    weight_t: Vec<f32>,
    /// Scratch of the matrix products.
    panel: Panel,
}

impl Linear {
    /// PyTorch's default initialization: W and b ~ U(−1/√inputs, 1/√inputs)
    /// (`kaiming_uniform_(a=√5)` gives W the bound gain·√(3/in) = √(1/3)·√(3/in) = 1/√in).
    /// Draws W row by row, then b, each from 53 random bits of `rng` (ChaCha8: the same bits on
    /// every target, through −, × and √ only).
    pub fn init(inputs: usize, outputs: usize, rng: &mut impl RngCore) -> Result<Linear, BnError> {
        for (value, what) in [(inputs, "in_features"), (outputs, "out_features")] {
            if !(1..=MAX_WIDTH).contains(&value) {
                return Err(BnError::NotWholeNumber { what, value: value as f64, min: 1, max: MAX_WIDTH });
            }
        }
        let bound = 1.0 / (inputs as f64).sqrt();
        // U[0, 1) with 53 random bits (exact: a 53-bit integer times 2⁻⁵³).
        let mut draw = || (bound * (2.0 * ((rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64) - 1.0)) as f32;
        let weight = (0..outputs * inputs).map(|_| draw()).collect();
        let bias = (0..outputs).map(|_| draw()).collect();
        Ok(Linear::with_values(inputs, outputs, weight, bias))
    }

    fn with_values(inputs: usize, outputs: usize, weight: Vec<f32>, bias: Vec<f32>) -> Linear {
        Linear {
            inputs,
            outputs,
            grad_weight: vec![0.0; weight.len()],
            grad_bias: vec![0.0; bias.len()],
            weight,
            bias,
            weight_t: Vec::new(),
            panel: Panel::default(),
        }
    }

    /// y[i] = b + Σ_k x[i][k]·Wᵀ[k]: every row of y starts as b, then gains x·Wᵀ.
    fn forward(&mut self, x: &[f32], n: usize, y: &mut Vec<f32>) {
        transpose_into(&self.weight, self.outputs, self.inputs, &mut self.weight_t);
        y.clear();
        for _ in 0..n {
            y.extend_from_slice(&self.bias);
        }
        matmul_add(y, x, &self.weight_t, (n, self.inputs, self.outputs), &mut self.panel);
    }

    /// dW = dYᵀ·X, db = Σ_i dY[i], dX = dY·W.
    fn backward(&mut self, x: &[f32], n: usize, grad_y: &[f32], grad_x: Option<&mut Vec<f32>>) {
        self.grad_weight.fill(0.0);
        matmul_t_add(&mut self.grad_weight, grad_y, x, (n, self.outputs, self.inputs), &mut self.panel);
        self.grad_bias.fill(0.0);
        for row in grad_y.chunks_exact(self.outputs) {
            for (db, &g) in self.grad_bias.iter_mut().zip(row) {
                *db += g;
            }
        }
        if let Some(grad_x) = grad_x {
            grad_x.clear();
            grad_x.resize(n * self.inputs, 0.0);
            matmul_add(grad_x, grad_y, &self.weight, (n, self.outputs, self.inputs), &mut self.panel);
        }
    }
}

/// y = f(x), elementwise; backward from the output y: f' is a function of y for all three.
fn activate(kind: Activation, x: &[f32], y: &mut Vec<f32>) {
    y.clear();
    match kind {
        // max(0, x), with NaN kept as NaN (as torch.relu keeps it)
        Activation::Relu => y.extend(x.iter().map(|&v| if v < 0.0 { 0.0 } else { v })),
        // σ(x) = 1 / (1 + e⁻ˣ)
        Activation::Sigmoid => y.extend(x.iter().map(|&v| 1.0 / (1.0 + exp(-v)))),
        // tanh(x) = 1 − 2 / (e²ˣ + 1)
        Activation::Tanh => y.extend(x.iter().map(|&v| 1.0 - 2.0 / (exp(2.0 * v) + 1.0))),
    }
}

/// dx = dy · f'(x), with f' written through the output y.
fn activate_backward(kind: Activation, y: &[f32], grad_y: &[f32], grad_x: &mut Vec<f32>) {
    grad_x.clear();
    let pairs = y.iter().zip(grad_y);
    match kind {
        // ReLU passes the gradient where the output is positive (0 at x = 0, as PyTorch).
        Activation::Relu => grad_x.extend(pairs.map(|(&y, &g)| if y > 0.0 { g } else { 0.0 })),
        // σ'(x) = σ(x)·(1 − σ(x))
        Activation::Sigmoid => grad_x.extend(pairs.map(|(&y, &g)| g * (1.0 - y) * y)),
        // tanh'(x) = 1 − tanh²(x)
        Activation::Tanh => grad_x.extend(pairs.map(|(&y, &g)| g * (1.0 - y * y))),
    }
}

/// `nn.BatchNorm1d(features)` in a network: the playground's own [`BatchNorm1d`] (its running
/// statistics, refusals and PyTorch's quirks), with a backward pass row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchNormLayer {
    pub bn: BatchNorm1d,
    /// dL/dγ and dL/dβ of the last backward pass.
    pub grad_weight: Vec<f32>,
    pub grad_bias: Vec<f32>,
    trace: Trace,
    /// Per-feature sums of the backward pass.
    sum_g: Vec<f32>,
    sum_g_x_hat: Vec<f32>,
    /// γ·inv_std per feature.
    scale: Vec<f32>,
    /// Santurkar et al.'s "noisy BatchNorm" (off unless [`BatchNormLayer::set_noise`] turned it on).
    noise: Option<Box<BnNoise>>,
}

/// "Noisy BatchNorm" (Santurkar et al. 2018, Fig. 2): in training mode, after the layer, every
/// feature j of every sample is moved to `scale_j·y + shift_j`, with
/// `scale_j = exp(a·(2u − 1))` and `shift_j = a·(2v − 1)` (u, v uniform in [0, 1), drawn afresh
/// every step from a seeded stream): a distribution shift made on purpose, different each step.
/// Eval mode adds nothing. Not a PyTorch layer: the exported model is the plain network.
#[derive(Debug, Clone, PartialEq)]
pub struct BnNoise {
    /// a ≥ 0; 0 adds nothing.
    pub strength: f32,
    rng: ChaCha8Rng,
    /// This step's scale and shift per feature.
    pub scale: Vec<f32>,
    pub shift: Vec<f32>,
    /// The last forward pass added them (so backward multiplies by the scale).
    applied: bool,
    /// dL/dy before the noise.
    grad: Vec<f32>,
}

impl BnNoise {
    fn uniform(&mut self) -> f32 {
        (self.rng.next_u32() >> 8) as f32 / (1u32 << 24) as f32
    }
}

impl BatchNormLayer {
    fn new(features: usize, eps: f64, momentum: Option<f64>) -> Result<Self, BnError> {
        let bn = BatchNorm1d::new(BatchNormConfig { eps, momentum, ..BatchNormConfig::new(features) })?;
        Ok(BatchNormLayer {
            bn,
            grad_weight: vec![0.0; features],
            grad_bias: vec![0.0; features],
            trace: Trace::default(),
            sum_g: Vec::new(),
            sum_g_x_hat: Vec::new(),
            scale: Vec::new(),
            noise: None,
        })
    }

    fn features(&self) -> usize {
        self.bn.num_features()
    }

    /// Turns "noisy BatchNorm" on with strength `a` (> 0, finite) from stream `seed`, or off (a = 0).
    pub fn set_noise(&mut self, strength: f32, seed: u64) -> Result<(), BnError> {
        if !strength.is_finite() || strength < 0.0 {
            return Err(BnError::OutOfBounds { what: "noise", value: strength as f64, min: 0.0, max: f64::INFINITY });
        }
        self.noise = (strength > 0.0).then(|| {
            Box::new(BnNoise {
                strength,
                rng: ChaCha8Rng::seed_from_u64(seed),
                scale: Vec::new(),
                shift: Vec::new(),
                applied: false,
                grad: Vec::new(),
            })
        });
        Ok(())
    }

    /// The noise, when on.
    pub fn noise(&self) -> Option<&BnNoise> {
        self.noise.as_deref()
    }

    /// The layer's own forward pass in `training` or eval mode (training moves the running
    /// statistics; a refused batch of one is still counted, as in PyTorch).
    fn forward(&mut self, x: &[f32], n: usize, training: bool, y: &mut Vec<f32>) -> Result<(), BnError> {
        self.bn.set_training(training);
        if let Some(noise) = &mut self.noise {
            noise.applied = false;
        }
        // Eval mode with running statistics: y alone (no one reads x̂ or the batch's statistics
        // of an eval pass; the network's backward pass follows a training pass). The trace is
        // emptied, so a backward pass without a training pass before it is refused.
        if let Some(result) = self.bn.eval_output_into(x, &[n, self.features()], y) {
            self.trace.inv_std.clear();
            return result;
        }
        self.bn.forward_into(x, &[n, self.features()], &mut self.trace)?;
        // The output moves to y; y's old buffer is reused by the next pass.
        std::mem::swap(&mut self.trace.output, y);
        let c = self.features();
        if let Some(noise) = &mut self.noise {
            noise.applied = training;
            if training {
                let a = noise.strength;
                noise.scale.clear();
                noise.shift.clear();
                for _ in 0..c {
                    let (u, v) = (noise.uniform(), noise.uniform());
                    noise.scale.push((a * (2.0 * u - 1.0)).exp());
                    noise.shift.push(a * (2.0 * v - 1.0));
                }
                for row in y.chunks_exact_mut(c.max(1)) {
                    for ((y, &s), &t) in row.iter_mut().zip(&noise.scale).zip(&noise.shift) {
                        *y = s * *y + t;
                    }
                }
            }
        }
        Ok(())
    }

    /// With batch statistics every output of a feature depends on every input of it:
    /// `dx = γ·inv_std · (g − mean(g) − x̂·mean(g·x̂))`; with running statistics `dx = γ·inv_std·g`.
    /// `dγ = Σ g·x̂`, `dβ = Σ g` over the batch.
    /// `x` is the input of the last forward pass: x̂ = (x − mean)·inv_std is computed from it
    /// here, the kernel's own operations (the trace does not store x̂).
    fn backward(&mut self, x: &[f32], n: usize, grad_y: &[f32], grad_x: Option<&mut Vec<f32>>) -> Result<(), BnError> {
        let c = self.features();
        check_len(grad_y, n * c, "grad_output")?;
        // Through the noise first: d(s·y + t)/dy = s.
        let mut noise = self.noise.take();
        let grad_y = match &mut noise {
            Some(noise) if noise.applied => {
                noise.grad.clear();
                for row in grad_y.chunks_exact(c.max(1)) {
                    noise.grad.extend(row.iter().zip(&noise.scale).map(|(&g, &s)| g * s));
                }
                &noise.grad[..]
            }
            _ => grad_y,
        };
        let result = self.backward_plain(x, n, grad_y, grad_x);
        self.noise = noise;
        result
    }

    fn backward_plain(
        &mut self,
        x: &[f32],
        n: usize,
        grad_y: &[f32],
        grad_x: Option<&mut Vec<f32>>,
    ) -> Result<(), BnError> {
        let c = self.features();
        check_len(x, n * c, "the BatchNorm1d layer's input")?;
        if n == 0 {
            // An empty batch has no statistics, and nothing flows back: every gradient is 0.
            self.grad_weight.fill(0.0);
            self.grad_bias.fill(0.0);
            if let Some(grad_x) = grad_x {
                grad_x.clear();
            }
            return Ok(());
        }
        let (mean, inv_std) = (&self.trace.mean, &self.trace.inv_std);
        // An eval pass empties them: backward follows a training pass.
        check_len(inv_std, c, "the BatchNorm1d layer's last pass")?;
        check_len(mean, c, "the BatchNorm1d layer's last pass")?;
        self.sum_g.clear();
        self.sum_g.resize(c, 0.0);
        self.sum_g_x_hat.clear();
        self.sum_g_x_hat.resize(c, 0.0);
        for (g_row, x_row) in grad_y.chunks_exact(c).zip(x.chunks_exact(c)) {
            let sums = self.sum_g.iter_mut().zip(&mut self.sum_g_x_hat);
            for ((((s, sx), &g), &x), (&mu, &r)) in sums.zip(g_row).zip(x_row).zip(mean.iter().zip(inv_std)) {
                let x_hat = (x - mu) * r;
                *s += g;
                *sx += g * x_hat;
            }
        }
        self.grad_weight.copy_from_slice(&self.sum_g_x_hat);
        self.grad_bias.copy_from_slice(&self.sum_g);
        let Some(grad_x) = grad_x else { return Ok(()) };

        let gamma = self.bn.affine().map(|a| a.weight.as_slice());
        // Per feature, k = γ·inv_std; then dx = k·g − k·mean(g) − x̂·k·mean(g·x̂), where the two
        // means are 0 with running statistics (the layer is elementwise then). The sums' buffers
        // are reused for k·mean(g) and k·mean(g·x̂).
        let m = n as f32;
        let batch = self.trace.used_batch_stats;
        self.scale.clear();
        for f in 0..c {
            let k = gamma.map_or(1.0, |g| g[f]) * inv_std[f];
            self.scale.push(k);
            self.sum_g[f] = if batch { k * (self.sum_g[f] / m) } else { 0.0 };
            self.sum_g_x_hat[f] = if batch { k * (self.sum_g_x_hat[f] / m) } else { 0.0 };
        }
        grad_x.clear();
        grad_x.resize(n * c, 0.0);
        let rows = grad_x.chunks_exact_mut(c).zip(grad_y.chunks_exact(c)).zip(x.chunks_exact(c));
        for ((dx_row, g_row), x_row) in rows {
            let per_feature = self.scale.iter().zip(&self.sum_g).zip(&self.sum_g_x_hat).zip(mean.iter().zip(inv_std));
            for (((dx, &g), &x), (((&k, &k_mean_g), &k_mean_g_x_hat), (&mu, &r))) in
                dx_row.iter_mut().zip(g_row).zip(x_row).zip(per_feature)
            {
                let x_hat = (x - mu) * r;
                *dx = k * g - k_mean_g - x_hat * k_mean_g_x_hat;
            }
        }
        Ok(())
    }
}

/// `nn.LayerNorm(features)` or `nn.GroupNorm(groups, features)` in a network. Each sample's
/// features split into `groups` groups of consecutive features (LayerNorm: one group), and each
/// group of m values is normalized on its own, the same in train and eval mode:
///
/// ```text
/// μ = mean(x),  σ² = mean((x − μ)²)   (biased: ÷ m, summed in f64 in two passes)
/// x̂ = (x − μ) / √(σ² + eps),  y = γ·x̂ + β   (γ and β per feature)
/// ```
/// The same math as [`crate::core::norms`] (tested equal to it), row by row in memory order:
/// a group is a run of consecutive values, so no index arithmetic per value.
#[derive(Debug, Clone, PartialEq)]
pub struct AffineNorm {
    /// PyTorch's class name: "LayerNorm" or "GroupNorm".
    class_name: &'static str,
    pub groups: usize,
    pub features: usize,
    pub eps: f64,
    /// γ and β, kept here so that training may take them anywhere (even to NaN), as in PyTorch.
    pub weight: Vec<f32>,
    pub bias: Vec<f32>,
    pub grad_weight: Vec<f32>,
    pub grad_bias: Vec<f32>,
    /// x̂ of the last forward pass, and 1/√(σ² + eps) of each group.
    x_hat: Vec<f32>,
    inv_std: Vec<f32>,
}

impl AffineNorm {
    fn new(class_name: &'static str, groups: usize, features: usize, eps: f64) -> Result<AffineNorm, BnError> {
        // The checks of the reference layer: eps ≥ 0 and finite, groups divide the features.
        GroupNorm::new(groups, features, eps, false)?;
        Ok(AffineNorm {
            class_name,
            groups,
            features,
            eps,
            weight: vec![1.0; features],
            bias: vec![0.0; features],
            grad_weight: vec![0.0; features],
            grad_bias: vec![0.0; features],
            x_hat: Vec::new(),
            inv_std: Vec::new(),
        })
    }

    /// PyTorch's class name.
    pub fn class_name(&self) -> &'static str {
        self.class_name
    }

    /// m: the values of one group.
    fn group_size(&self) -> usize {
        self.features / self.groups.max(1)
    }

    /// x̂ and y for every group of every sample.
    fn forward(&mut self, x: &[f32], n: usize, y: &mut Vec<f32>) -> Result<(), BnError> {
        let c = self.features;
        check_len(x, n * c, "the normalization layer's input")?;
        let m = self.group_size().max(1);
        self.x_hat.clear();
        self.x_hat.resize(x.len(), 0.0);
        self.inv_std.clear();
        y.clear();
        let groups_per_row = c / m;
        for (index, (group, x_hat)) in x.chunks_exact(m).zip(self.x_hat.chunks_exact_mut(m)).enumerate() {
            let mean = group.iter().map(|&v| v as f64).sum::<f64>() / m as f64;
            let var = group.iter().map(|&v| (v as f64 - mean).powi(2)).sum::<f64>() / m as f64;
            let inv_std = 1.0 / (var + self.eps).sqrt();
            for (xh, &v) in x_hat.iter_mut().zip(group) {
                *xh = ((v as f64 - mean) * inv_std) as f32;
            }
            self.inv_std.push(inv_std as f32);
            // γ and β of this group's features: the group's place in its row.
            let start = (index % groups_per_row) * m;
            let affine = self
                .weight
                .get(start..start + m)
                .unwrap_or(&[])
                .iter()
                .zip(self.bias.get(start..start + m).unwrap_or(&[]));
            if self.class_name == "GroupNorm" {
                // y = x·a + b′ as PyTorch's GroupNorm kernel computes it, a = inv_std·γ and
                // b′ = β − μ·a each a fused multiply-add in float32: a group of one value (groups
                // = C on an (N, C) input) then gives PyTorch's ±1e-6 residue beside β, not β
                // exactly, whose sign a following ReLU opens or closes.
                let (mean, inv_std) = (mean as f32, inv_std as f32);
                for (&v, (&g, &b)) in group.iter().zip(affine) {
                    let a = inv_std * g;
                    y.push(fused(v, a, fused(-mean, a, b)));
                }
            } else {
                // LayerNorm's kernel gives β exactly for a group of one value (torch 2.x), as
                // x̂·γ + β does.
                y.extend(x_hat.iter().zip(affine).map(|(&xh, (&g, &b))| g * xh + b));
            }
        }
        Ok(())
    }

    /// dγ = Σ g·x̂ and dβ = Σ g over the batch; with dx̂ = g·γ, for each group of m values:
    /// `dx = inv_std/m · (m·dx̂ − Σdx̂ − x̂·Σ(dx̂·x̂))`.
    fn backward(&mut self, grad_y: &[f32], grad_x: Option<&mut Vec<f32>>) -> Result<(), BnError> {
        let c = self.features;
        check_len(grad_y, self.x_hat.len(), "grad_output")?;
        self.grad_weight.fill(0.0);
        self.grad_bias.fill(0.0);
        for (g_row, x_row) in grad_y.chunks_exact(c).zip(self.x_hat.chunks_exact(c)) {
            for (((dw, db), &g), &xh) in self.grad_weight.iter_mut().zip(&mut self.grad_bias).zip(g_row).zip(x_row) {
                *dw += g * xh;
                *db += g;
            }
        }
        let Some(grad_x) = grad_x else { return Ok(()) };
        grad_x.clear();
        grad_x.resize(grad_y.len(), 0.0);
        let m = self.group_size().max(1);
        let groups_per_row = c / m;
        let per_group = grad_y.chunks_exact(m).zip(self.x_hat.chunks_exact(m)).zip(grad_x.chunks_exact_mut(m));
        for (index, ((g, x_hat), dx)) in per_group.enumerate() {
            // γ of this group's features: the group's place in its row.
            let start = (index % groups_per_row) * m;
            let gamma = self.weight.get(start..start + m).unwrap_or(&[]);
            let inv_std = self.inv_std.get(index).copied().unwrap_or(0.0) as f64;
            let (mut sum_d, mut sum_d_x_hat) = (0.0f64, 0.0f64);
            for ((&g, &xh), &w) in g.iter().zip(x_hat).zip(gamma) {
                let d = g as f64 * w as f64;
                sum_d += d;
                sum_d_x_hat += d * xh as f64;
            }
            let mf = m as f64;
            for (((dx, &g), &xh), &w) in dx.iter_mut().zip(g).zip(x_hat).zip(gamma) {
                let d = g as f64 * w as f64;
                *dx = (inv_std / mf * (mf * d - sum_d - xh as f64 * sum_d_x_hat)) as f32;
            }
        }
        Ok(())
    }
}

/// One layer of a network.
#[derive(Debug, Clone, PartialEq)]
pub enum Layer {
    Linear(Linear),
    /// Boxed: its trace is much larger than the other layers.
    BatchNorm(Box<BatchNormLayer>),
    Norm(AffineNorm),
    Activation(Activation),
}

impl Layer {
    /// The layer as PyTorch builds it: Linear from `rng` (see [`Linear::init`]), norms with γ = 1,
    /// β = 0 (and running_mean = 0, running_var = 1).
    pub fn build(spec: &LayerSpec, rng: &mut impl RngCore) -> Result<Layer, BnError> {
        spec.validate()?;
        Ok(match *spec {
            LayerSpec::Linear { inputs, outputs } => Layer::Linear(Linear::init(inputs, outputs, rng)?),
            LayerSpec::BatchNorm1d { features, eps, momentum } => {
                Layer::BatchNorm(Box::new(BatchNormLayer::new(features, eps, momentum)?))
            }
            LayerSpec::LayerNorm { features, eps } => Layer::Norm(AffineNorm::new("LayerNorm", 1, features, eps)?),
            LayerSpec::GroupNorm { groups, features, eps } => {
                Layer::Norm(AffineNorm::new("GroupNorm", groups, features, eps)?)
            }
            LayerSpec::Activation(kind) => Layer::Activation(kind),
        })
    }

    /// PyTorch's class name.
    pub fn class_name(&self) -> &'static str {
        match self {
            Layer::Linear(_) => "Linear",
            Layer::BatchNorm(_) => "BatchNorm1d",
            Layer::Norm(norm) => norm.class_name(),
            Layer::Activation(kind) => kind.class_name(),
        }
    }

    /// y = layer(x) for a row-major `(n, width)` batch; `training` is `model.train()`.
    pub(crate) fn forward(&mut self, x: &[f32], n: usize, training: bool, y: &mut Vec<f32>) -> Result<(), BnError> {
        match self {
            Layer::Linear(linear) => {
                check_len(x, n * linear.inputs, "the Linear layer's input")?;
                linear.forward(x, n, y);
                Ok(())
            }
            Layer::BatchNorm(bn) => bn.forward(x, n, training, y),
            Layer::Norm(norm) => norm.forward(x, n, y),
            Layer::Activation(kind) => {
                activate(*kind, x, y);
                Ok(())
            }
        }
    }

    /// From dL/dy to the parameters' gradients and, when `grad_x` is given, dL/dx. `x` and `y`
    /// are this layer's input and output of the last forward pass.
    pub(crate) fn backward(
        &mut self,
        x: &[f32],
        y: &[f32],
        n: usize,
        grad_y: &[f32],
        grad_x: Option<&mut Vec<f32>>,
    ) -> Result<(), BnError> {
        check_len(grad_y, y.len(), "grad_output")?;
        match self {
            Layer::Linear(linear) => {
                check_len(x, n * linear.inputs, "the Linear layer's input")?;
                check_len(grad_y, n * linear.outputs, "grad_output")?;
                linear.backward(x, n, grad_y, grad_x);
                Ok(())
            }
            Layer::BatchNorm(bn) => bn.backward(x, n, grad_y, grad_x),
            Layer::Norm(norm) => norm.backward(grad_y, grad_x),
            Layer::Activation(kind) => {
                if let Some(grad_x) = grad_x {
                    activate_backward(*kind, y, grad_y, grad_x);
                }
                Ok(())
            }
        }
    }

    /// This layer's state set back to `source`'s (a layer of the same kind and size): its
    /// parameters, and a BatchNorm1d's running statistics and noise stream. Buffers are kept.
    pub(crate) fn reset_state_from(&mut self, source: &Layer) {
        match (self, source) {
            (Layer::Linear(l), Layer::Linear(s)) => {
                l.weight.clone_from(&s.weight);
                l.bias.clone_from(&s.bias);
            }
            (Layer::BatchNorm(b), Layer::BatchNorm(s)) => {
                b.bn.clone_from(&s.bn);
                match (&mut b.noise, &s.noise) {
                    (Some(noise), Some(from)) => {
                        noise.strength = from.strength;
                        noise.rng.clone_from(&from.rng);
                    }
                    (noise, from) => noise.clone_from(from),
                }
            }
            (Layer::Norm(n), Layer::Norm(s)) => {
                n.weight.clone_from(&s.weight);
                n.bias.clone_from(&s.bias);
            }
            (layer, source) => layer.clone_from(source),
        }
    }

    /// The learnable tensors, in `model.parameters()` order: ("weight", W), ("bias", b).
    pub fn parameters(&self) -> Vec<(&'static str, &[f32])> {
        match self {
            Layer::Linear(l) => vec![("weight", &l.weight), ("bias", &l.bias)],
            Layer::BatchNorm(b) => match b.bn.affine() {
                Some(a) => vec![("weight", &a.weight), ("bias", &a.bias)],
                None => Vec::new(),
            },
            Layer::Norm(n) => vec![("weight", &n.weight), ("bias", &n.bias)],
            Layer::Activation(_) => Vec::new(),
        }
    }

    /// The gradients of the last backward pass, in the order of [`Layer::parameters`].
    pub fn gradients(&self) -> Vec<&[f32]> {
        match self {
            Layer::Linear(l) => vec![&l.grad_weight, &l.grad_bias],
            Layer::BatchNorm(b) => vec![&b.grad_weight, &b.grad_bias],
            Layer::Norm(n) => vec![&n.grad_weight, &n.grad_bias],
            Layer::Activation(_) => Vec::new(),
        }
    }

    /// Calls `f(parameter, gradient)` for every learnable tensor, in `model.parameters()` order.
    pub(crate) fn for_each_parameter(&mut self, f: &mut impl FnMut(&mut [f32], &[f32])) {
        match self {
            Layer::Linear(l) => {
                f(&mut l.weight, &l.grad_weight);
                f(&mut l.bias, &l.grad_bias);
            }
            Layer::BatchNorm(b) => {
                if let Some(a) = b.bn.affine_mut() {
                    f(&mut a.weight, &b.grad_weight);
                    f(&mut a.bias, &b.grad_bias);
                }
            }
            Layer::Norm(n) => {
                f(&mut n.weight, &n.grad_weight);
                f(&mut n.bias, &n.grad_bias);
            }
            Layer::Activation(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::norms::LayerNorm;

    fn data(len: usize, seed: f32) -> Vec<f32> {
        (0..len).map(|i| (i as f32 * 0.913 + seed).sin() * 2.0 + 0.5).collect()
    }

    /// The row-by-row LayerNorm and GroupNorm give what the reference layers of
    /// `core::norms` give: output, dx, dγ, dβ (γ and β not 1 and 0).
    #[test]
    fn per_sample_norms_match_the_reference() {
        let (n, c) = (5, 12);
        for groups in [1, 2, 3, 12] {
            let spec = if groups == 1 {
                LayerSpec::LayerNorm { features: c, eps: 1e-3 }
            } else {
                LayerSpec::GroupNorm { groups, features: c, eps: 1e-3 }
            };
            let Ok(Layer::Norm(mut layer)) = Layer::build(&spec, &mut rand_chacha::ChaCha8Rng::from_seed([0; 32]))
            else {
                panic!("a norm layer")
            };
            layer.weight = data(c, 1.0);
            layer.bias = data(c, 2.0);
            let reference = if groups == 1 {
                let mut ln = LayerNorm::new(&[c], 1e-3, true).unwrap();
                ln.set_weight(&layer.weight).unwrap();
                ln.set_bias(&layer.bias).unwrap();
                ln.forward(&data(n * c, 0.0), &[n, c]).unwrap()
            } else {
                let mut gn = GroupNorm::new(groups, c, 1e-3, true).unwrap();
                gn.set_weight(&layer.weight).unwrap();
                gn.set_bias(&layer.bias).unwrap();
                gn.forward(&data(n * c, 0.0), &[n, c]).unwrap()
            };
            let (x, g) = (data(n * c, 0.0), data(n * c, 3.0));
            let (mut y, mut dx) = (Vec::new(), Vec::new());
            layer.forward(&x, n, &mut y).unwrap();
            layer.backward(&g, Some(&mut dx)).unwrap();
            let want = reference.backward(&g).unwrap();
            let close = |a: &[f32], b: &[f32]| a.iter().zip(b).all(|(a, b)| (a - b).abs() <= 1e-5 * (1.0 + b.abs()));
            assert!(close(&y, &reference.output), "groups {groups}: output");
            assert!(close(&dx, &want.grad_input), "groups {groups}: dx");
            assert!(close(&layer.grad_weight, &want.grad_weight.unwrap()), "groups {groups}: dγ");
            assert!(close(&layer.grad_bias, &want.grad_bias.unwrap()), "groups {groups}: dβ");
        }
    }
}
