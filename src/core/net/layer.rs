//! The layers of a network, each with a forward pass that keeps what its backward pass needs.
//!
//! Every layer maps a row-major `(N, width)` batch to another, and its backward pass turns the
//! gradient of the loss with respect to its output (dL/dy) into the gradients of its parameters
//! and, when asked, with respect to its input (dL/dx). Buffers are reused from step to step.

use super::kernels::{exp, matmul_add, matmul_t_add, transpose_into, Panel};
use super::spec::{Activation, LayerSpec};
use crate::core::batchnorm::{BatchNorm1d, BatchNormConfig, Trace};
use crate::core::error::BnError;
use crate::core::mlp;
use crate::core::norms::{GroupNorm, LayerNorm, NormTrace};
use rand_core::RngCore;

fn check_len(values: &[f32], expected: usize, what: &'static str) -> Result<(), BnError> {
    if values.len() == expected {
        Ok(())
    } else {
        Err(BnError::WrongLength { what, expected, got: values.len() })
    }
}

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
    /// PyTorch's default initialization, W and b ~ U(−1/√inputs, 1/√inputs)
    /// (see [`mlp::Linear::init`], which draws them).
    pub fn init(inputs: usize, outputs: usize, rng: &mut impl RngCore) -> Result<Linear, BnError> {
        let drawn = mlp::Linear::init(inputs, outputs, rng)?;
        Ok(Linear::with_values(inputs, outputs, drawn.weight, drawn.bias))
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
        })
    }

    fn features(&self) -> usize {
        self.bn.num_features()
    }

    /// The layer's own forward pass in `training` or eval mode (training moves the running
    /// statistics; a refused batch of one is still counted, as in PyTorch).
    fn forward(&mut self, x: &[f32], n: usize, training: bool, y: &mut Vec<f32>) -> Result<(), BnError> {
        self.bn.set_training(training);
        self.bn.forward_into(x, &[n, self.features()], &mut self.trace)?;
        // The output moves to y; y's old buffer is reused by the next pass.
        std::mem::swap(&mut self.trace.output, y);
        Ok(())
    }

    /// With batch statistics every output of a feature depends on every input of it:
    /// `dx = γ·inv_std · (g − mean(g) − x̂·mean(g·x̂))`; with running statistics `dx = γ·inv_std·g`.
    /// `dγ = Σ g·x̂`, `dβ = Σ g` over the batch.
    fn backward(&mut self, n: usize, grad_y: &[f32], grad_x: Option<&mut Vec<f32>>) -> Result<(), BnError> {
        let c = self.features();
        let x_hat = &self.trace.x_hat;
        check_len(grad_y, n * c, "grad_output")?;
        check_len(x_hat, n * c, "the BatchNorm1d layer's last pass")?;
        self.sum_g.clear();
        self.sum_g.resize(c, 0.0);
        self.sum_g_x_hat.clear();
        self.sum_g_x_hat.resize(c, 0.0);
        for (g_row, x_row) in grad_y.chunks_exact(c).zip(x_hat.chunks_exact(c)) {
            for (((s, sx), &g), &xh) in self.sum_g.iter_mut().zip(&mut self.sum_g_x_hat).zip(g_row).zip(x_row) {
                *s += g;
                *sx += g * xh;
            }
        }
        self.grad_weight.copy_from_slice(&self.sum_g_x_hat);
        self.grad_bias.copy_from_slice(&self.sum_g);
        let Some(grad_x) = grad_x else { return Ok(()) };

        let gamma = self.bn.affine().map(|a| a.weight.as_slice());
        let inv_std = &self.trace.inv_std;
        check_len(inv_std, c, "the BatchNorm1d layer's last pass")?;
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
        let rows = grad_x.chunks_exact_mut(c).zip(grad_y.chunks_exact(c)).zip(x_hat.chunks_exact(c));
        for ((dx_row, g_row), x_row) in rows {
            let per_feature = self.scale.iter().zip(&self.sum_g).zip(&self.sum_g_x_hat);
            for (((dx, &g), &xh), ((&k, &k_mean_g), &k_mean_g_x_hat)) in
                dx_row.iter_mut().zip(g_row).zip(x_row).zip(per_feature)
            {
                *dx = k * g - k_mean_g - xh * k_mean_g_x_hat;
            }
        }
        Ok(())
    }
}

/// Which per-sample normalization an [`AffineNorm`] runs.
#[derive(Debug, Clone, PartialEq)]
enum PerSample {
    Layer(LayerNorm),
    Group(GroupNorm),
}

/// `nn.LayerNorm(features)` or `nn.GroupNorm(groups, features)` in a network: the statistics of
/// each sample (of each group of its features), from [`crate::core::norms`], then y = γ·x̂ + β
/// with γ and β per feature (kept here, so that training may take them anywhere, even to NaN).
#[derive(Debug, Clone, PartialEq)]
pub struct AffineNorm {
    norm: PerSample,
    pub features: usize,
    pub weight: Vec<f32>,
    pub bias: Vec<f32>,
    pub grad_weight: Vec<f32>,
    pub grad_bias: Vec<f32>,
    trace: Option<NormTrace>,
    /// dL/dx̂ = g·γ, the gradient the normalization itself sees.
    grad_x_hat: Vec<f32>,
}

impl AffineNorm {
    fn new(norm: PerSample, features: usize) -> AffineNorm {
        AffineNorm {
            norm,
            features,
            weight: vec![1.0; features],
            bias: vec![0.0; features],
            grad_weight: vec![0.0; features],
            grad_bias: vec![0.0; features],
            trace: None,
            grad_x_hat: Vec::new(),
        }
    }

    /// PyTorch's class name.
    pub fn class_name(&self) -> &'static str {
        match self.norm {
            PerSample::Layer(_) => "LayerNorm",
            PerSample::Group(_) => "GroupNorm",
        }
    }

    /// x̂ from the statistics of each sample (the same in train and eval mode), y = γ·x̂ + β.
    fn forward(&mut self, x: &[f32], n: usize, y: &mut Vec<f32>) -> Result<(), BnError> {
        let dims = [n, self.features];
        let trace = match &self.norm {
            PerSample::Layer(ln) => ln.forward(x, &dims)?,
            PerSample::Group(gn) => gn.forward(x, &dims)?,
        };
        y.clear();
        for x_hat in trace.x_hat.chunks_exact(self.features) {
            y.extend(x_hat.iter().zip(&self.weight).zip(&self.bias).map(|((&xh, &g), &b)| g * xh + b));
        }
        self.trace = Some(trace);
        Ok(())
    }

    /// dγ = Σ g·x̂, dβ = Σ g over the batch; dx from the normalization's own backward pass,
    /// fed dL/dx̂ = g·γ.
    fn backward(&mut self, grad_y: &[f32], grad_x: Option<&mut Vec<f32>>) -> Result<(), BnError> {
        let trace = self.trace.as_ref().ok_or(BnError::Missing { what: "forward pass to go back through" })?;
        check_len(grad_y, trace.x_hat.len(), "grad_output")?;
        self.grad_weight.fill(0.0);
        self.grad_bias.fill(0.0);
        for (g_row, x_row) in grad_y.chunks_exact(self.features).zip(trace.x_hat.chunks_exact(self.features)) {
            for (((dw, db), &g), &xh) in self.grad_weight.iter_mut().zip(&mut self.grad_bias).zip(g_row).zip(x_row) {
                *dw += g * xh;
                *db += g;
            }
        }
        if let Some(grad_x) = grad_x {
            self.grad_x_hat.clear();
            for g_row in grad_y.chunks_exact(self.features) {
                self.grad_x_hat.extend(g_row.iter().zip(&self.weight).map(|(&g, &w)| g * w));
            }
            *grad_x = trace.backward(&self.grad_x_hat)?.grad_input;
        }
        Ok(())
    }
}

/// One layer of a network.
#[derive(Debug, Clone, PartialEq)]
pub enum Layer {
    Linear(Linear),
    BatchNorm(BatchNormLayer),
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
                Layer::BatchNorm(BatchNormLayer::new(features, eps, momentum)?)
            }
            LayerSpec::LayerNorm { features, eps } => {
                Layer::Norm(AffineNorm::new(PerSample::Layer(LayerNorm::new(&[features], eps, false)?), features))
            }
            LayerSpec::GroupNorm { groups, features, eps } => {
                Layer::Norm(AffineNorm::new(PerSample::Group(GroupNorm::new(groups, features, eps, false)?), features))
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
            Layer::BatchNorm(bn) => bn.backward(n, grad_y, grad_x),
            Layer::Norm(norm) => norm.backward(grad_y, grad_x),
            Layer::Activation(kind) => {
                if let Some(grad_x) = grad_x {
                    activate_backward(*kind, y, grad_y, grad_x);
                }
                Ok(())
            }
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
