//! `nn.Sequential(*layers)`: forward in train or eval mode, backward, and the `state_dict`.
//!
//! A training step is PyTorch's
//! `model.train(); opt.zero_grad(); loss = F.cross_entropy(model(x), y); loss.backward(); opt.step()`.

use super::layer::Layer;
use super::loss::cross_entropy;
use super::sgd::Sgd;
use super::spec::{LayerSpec, NetSpec, MAX_BATCH};
use crate::core::error::BnError;
use crate::core::stats::percentile;
use rand_chacha::ChaCha8Rng;
use rand_core::SeedableRng;

/// One value of a `state_dict`: a float tensor (flat, row-major) or BatchNorm's integer count.
#[derive(Debug, Clone, PartialEq)]
pub enum StateValue {
    Floats(Vec<f32>),
    Count(u64),
}

/// The model's `state_dict()`: PyTorch's keys ("0.weight", "1.running_mean",
/// "1.num_batches_tracked", …) in PyTorch's order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NetState {
    pub entries: Vec<(String, StateValue)>,
}

impl NetState {
    pub fn get(&self, key: &str) -> Option<&StateValue> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The float tensor under `key`.
    pub fn floats(&self, key: &str) -> Option<&[f32]> {
        match self.get(key)? {
            StateValue::Floats(v) => Some(v),
            StateValue::Count(_) => None,
        }
    }

    /// The count under `key` (a `num_batches_tracked`).
    pub fn count(&self, key: &str) -> Option<u64> {
        match self.get(key)? {
            StateValue::Count(c) => Some(*c),
            StateValue::Floats(_) => None,
        }
    }

    pub fn keys(&self) -> Vec<&str> {
        self.entries.iter().map(|(k, _)| k.as_str()).collect()
    }

    /// Every float is finite.
    pub fn is_finite(&self) -> bool {
        self.entries.iter().all(|(_, v)| match v {
            StateValue::Floats(v) => v.iter().all(|x| x.is_finite()),
            StateValue::Count(_) => true,
        })
    }

    fn push_floats(&mut self, key: String, values: &[f32]) {
        self.entries.push((key, StateValue::Floats(values.to_vec())));
    }

    /// The tensor under `key`, which must hold `len` finite numbers.
    fn take(&self, key: &str, len: usize) -> Result<&[f32], BnError> {
        let what = "a tensor of the state_dict (its key is missing, or it has the wrong size)";
        let values = self.floats(key).ok_or(BnError::WrongLength { what, expected: len, got: 0 })?;
        if values.len() != len {
            return Err(BnError::WrongLength { what, expected: len, got: values.len() });
        }
        if !values.iter().all(|v| v.is_finite()) {
            return Err(BnError::NotFinite { what: "every value of the state_dict" });
        }
        Ok(values)
    }
}

/// A network of any of [`LayerSpec`]'s layers, trained with cross-entropy.
#[derive(Debug, Clone)]
pub struct Net {
    spec: NetSpec,
    layers: Vec<Layer>,
    /// outputs[i]: what layer i gave in the last forward pass, row-major `(batch, width)`.
    outputs: Vec<Vec<f32>>,
    /// N of the last forward pass (0 before any).
    batch: usize,
    /// dL/d(output) of the layer being gone back through, and of the one before it.
    grad: Vec<f32>,
    grad_before: Vec<f32>,
}

impl Net {
    /// The network as PyTorch builds it, from `seed`: each Linear layer draws W then b ~
    /// U(−1/√in, 1/√in) from its own ChaCha8 stream (the k-th Linear from stream k + 1), so
    /// networks that differ only in their norms start with the same weights; norm layers start
    /// with γ = 1, β = 0, running_mean = 0, running_var = 1.
    pub fn new(spec: NetSpec, seed: u64) -> Result<Net, BnError> {
        spec.validate()?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut linear = 0u64;
        let mut layers = Vec::with_capacity(spec.layers.len());
        for layer in &spec.layers {
            if let LayerSpec::Linear { .. } = layer {
                linear += 1;
                rng.set_stream(linear);
            }
            layers.push(Layer::build(layer, &mut rng)?);
        }
        let outputs = vec![Vec::new(); layers.len()];
        Ok(Net { spec, layers, outputs, batch: 0, grad: Vec::new(), grad_before: Vec::new() })
    }

    /// A network with the weights and buffers of `state` (see [`Net::load_state_dict`]).
    pub fn from_state_dict(spec: NetSpec, state: &NetState) -> Result<Net, BnError> {
        let mut net = Net::new(spec, 0)?;
        net.load_state_dict(state)?;
        Ok(net)
    }

    pub fn spec(&self) -> &NetSpec {
        &self.spec
    }

    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// The width of one input sample.
    pub fn inputs(&self) -> usize {
        self.spec.inputs()
    }

    /// The number of classes (the width of the logits).
    pub fn classes(&self) -> usize {
        self.spec.outputs()
    }

    /// `model.state_dict()`.
    pub fn state_dict(&self) -> NetState {
        let mut state = NetState::default();
        for (i, layer) in self.layers.iter().enumerate() {
            for (name, values) in layer.parameters() {
                state.push_floats(format!("{i}.{name}"), values);
            }
            if let Layer::BatchNorm(b) = layer {
                if let Some(r) = b.bn.running() {
                    state.push_floats(format!("{i}.running_mean"), &r.mean);
                    state.push_floats(format!("{i}.running_var"), &r.var);
                    state.entries.push((format!("{i}.num_batches_tracked"), StateValue::Count(r.num_batches_tracked)));
                }
            }
        }
        state
    }

    /// `model.load_state_dict(state)`: every key of the model must be there with the right size
    /// and finite values, and no other key; a refused dict changes nothing.
    pub fn load_state_dict(&mut self, state: &NetState) -> Result<(), BnError> {
        let mine = self.state_dict();
        if let Some((key, _)) = state.entries.iter().find(|(k, _)| mine.get(k).is_none()) {
            return Err(BnError::Missing {
                what: if key.ends_with("num_batches_tracked") || key.contains("running") {
                    "running statistics under one of the state_dict's keys"
                } else {
                    "tensor under one of the state_dict's keys"
                },
            });
        }
        let mut next = self.layers.clone();
        for (i, layer) in next.iter_mut().enumerate() {
            let key = |name: &str| format!("{i}.{name}");
            match layer {
                Layer::Linear(l) => {
                    let (w, b) = (state.take(&key("weight"), l.weight.len())?, state.take(&key("bias"), l.bias.len())?);
                    l.weight.copy_from_slice(w);
                    l.bias.copy_from_slice(b);
                }
                Layer::BatchNorm(b) => {
                    let c = b.bn.num_features();
                    b.bn.set_affine(state.take(&key("weight"), c)?, state.take(&key("bias"), c)?)?;
                    let count = state
                        .count(&key("num_batches_tracked"))
                        .ok_or(BnError::Missing { what: "num_batches_tracked in the state_dict" })?;
                    let (mean, var) = (state.take(&key("running_mean"), c)?, state.take(&key("running_var"), c)?);
                    b.bn.set_running(mean, var, count)?;
                }
                Layer::Norm(n) => {
                    n.weight.copy_from_slice(state.take(&key("weight"), n.features)?);
                    n.bias.copy_from_slice(state.take(&key("bias"), n.features)?);
                }
                Layer::Activation(_) => {}
            }
        }
        self.layers = next;
        Ok(())
    }

    /// How many values each parameter tensor holds, in `model.parameters()` order.
    pub fn parameter_lengths(&self) -> Vec<usize> {
        self.layers.iter().flat_map(|l| l.parameters().into_iter().map(|(_, p)| p.len())).collect()
    }

    /// Every parameter tensor with its name ("0.weight", …), in `model.parameters()` order.
    pub fn parameters(&self) -> Vec<(String, &[f32])> {
        let mut all = Vec::new();
        for (i, layer) in self.layers.iter().enumerate() {
            all.extend(layer.parameters().into_iter().map(|(name, p)| (format!("{i}.{name}"), p)));
        }
        all
    }

    /// The gradients of the last backward pass, in `model.parameters()` order.
    pub fn gradients(&self) -> Vec<&[f32]> {
        self.layers.iter().flat_map(Layer::gradients).collect()
    }

    /// Calls `f(parameter, gradient)` for every parameter tensor, in `model.parameters()` order.
    pub(crate) fn for_each_parameter(&mut self, f: &mut impl FnMut(&mut [f32], &[f32])) {
        for layer in &mut self.layers {
            layer.for_each_parameter(f);
        }
    }

    /// N for a batch `x` of whole rows (1 ≤ N ≤ [`MAX_BATCH`]).
    fn rows(&self, x: &[f32]) -> Result<usize, BnError> {
        let inputs = self.inputs().max(1);
        if !x.len().is_multiple_of(inputs) {
            return Err(BnError::WrongLength {
                what: "the batch (whole rows of the network's inputs)",
                expected: (x.len() / inputs + 1) * inputs,
                got: x.len(),
            });
        }
        let n = x.len() / inputs;
        if !(1..=MAX_BATCH).contains(&n) {
            return Err(BnError::OutOfBounds {
                what: "the batch size",
                value: n as f64,
                min: 1.0,
                max: MAX_BATCH as f64,
            });
        }
        Ok(n)
    }

    /// N = `labels.len()`; x holds N rows and every label is a class.
    fn check_batch(&self, x: &[f32], labels: &[usize]) -> Result<usize, BnError> {
        let n = self.rows(x)?;
        if labels.len() != n {
            return Err(BnError::WrongLength { what: "the labels (one per sample)", expected: n, got: labels.len() });
        }
        let classes = self.classes();
        match labels.iter().find(|&&y| y >= classes) {
            Some(&y) => Err(BnError::OutOfRange { what: "class", index: y, len: classes }),
            None => Ok(n),
        }
    }

    /// Every layer in turn on `n` rows. A refusal stops the pass where PyTorch's would stop
    /// (a BatchNorm1d in training counts a refused batch of one first, as PyTorch does).
    fn forward_pass(&mut self, x: &[f32], n: usize, training: bool) -> Result<(), BnError> {
        self.batch = 0;
        for (i, layer) in self.layers.iter_mut().enumerate() {
            let (before, rest) = self.outputs.split_at_mut(i);
            let input = match i {
                0 => x,
                _ => &before[i - 1],
            };
            let Some(output) = rest.first_mut() else { break };
            layer.forward(input, n, training, output)?;
        }
        self.batch = n;
        Ok(())
    }

    /// `model(x)` in train (`training`) or eval mode, on row-major `(N, inputs)`; returns the
    /// `(N, classes)` logits. In training mode BatchNorm1d moves its running statistics, as in
    /// PyTorch; in eval mode nothing of the model changes. Each layer's output is kept for
    /// [`Net::pre_activations`] until the next pass.
    pub fn forward(&mut self, x: &[f32], training: bool) -> Result<&[f32], BnError> {
        let n = self.rows(x)?;
        self.forward_pass(x, n, training)?;
        Ok(self.logits())
    }

    /// `model.eval(); with torch.no_grad(): model(x)`.
    pub fn eval_logits(&mut self, x: &[f32]) -> Result<Vec<f32>, BnError> {
        Ok(self.forward(x, false)?.to_vec())
    }

    /// The logits of the last forward pass (empty before any).
    pub fn logits(&self) -> &[f32] {
        match (self.batch, self.outputs.last()) {
            (0, _) | (_, None) => &[],
            (_, Some(logits)) => logits,
        }
    }

    /// Forward in training mode, the loss, and backward: every layer's gradient of this batch's
    /// mean cross-entropy. Moves BatchNorm's running statistics (it is a training forward).
    fn loss_and_gradients(&mut self, x: &[f32], labels: &[usize], n: usize) -> Result<f32, BnError> {
        self.forward_pass(x, n, true)?;
        let classes = self.classes();
        let Net { layers, outputs, grad, grad_before, .. } = self;
        let loss = cross_entropy(outputs.last().map_or(&[][..], |v| v), labels, classes, grad)?;
        for i in (0..layers.len()).rev() {
            let input = match i {
                0 => x,
                _ => &outputs[i - 1],
            };
            // The network's input needs no gradient (PyTorch does not compute it either).
            let grad_x = (i > 0).then_some(&mut *grad_before);
            layers[i].backward(input, &outputs[i], n, grad, grad_x)?;
            std::mem::swap(grad, grad_before);
        }
        Ok(loss)
    }

    /// One training step: forward in training mode, cross-entropy (mean over the batch), backward,
    /// `sgd.step()`. Returns the loss before the update; [`Net::logits`] gives the logits.
    ///
    /// `x` is row-major `(N, inputs)` with N = `labels.len()`. A refused step changes neither the
    /// network nor `sgd`, with PyTorch's own exception: a BatchNorm1d that refuses a batch of one
    /// (or eps = 0) in training has counted it in `num_batches_tracked` first. As in PyTorch, a
    /// learning rate far too large makes the weights overflow to ∞ and NaN: the step is taken,
    /// and the loss says so.
    pub fn train_step(&mut self, x: &[f32], labels: &[usize], sgd: &mut Sgd) -> Result<f32, BnError> {
        let n = self.check_batch(x, labels)?;
        sgd.check_fits(self)?;
        let loss = self.loss_and_gradients(x, labels, n)?;
        sgd.step(self)?;
        Ok(loss)
    }

    /// The loss and gradients at the current parameters, in training mode (batch statistics), on
    /// a copy: the network itself is left as it was. The gradients are in `model.parameters()` order.
    pub fn gradients_at(&self, x: &[f32], labels: &[usize]) -> Result<(f32, Vec<Vec<f32>>), BnError> {
        let n = self.check_batch(x, labels)?;
        let mut copy = self.clone();
        let loss = copy.loss_and_gradients(x, labels, n)?;
        Ok((loss, copy.gradients().into_iter().map(<[f32]>::to_vec).collect()))
    }

    /// The network with every parameter moved to p − η·g (`g` in `model.parameters()` order).
    pub(crate) fn moved_against(&self, g: &[Vec<f32>], eta: f32) -> Net {
        let mut copy = self.clone();
        let mut tensors = g.iter();
        copy.for_each_parameter(&mut |p: &mut [f32], _| {
            if let Some(g) = tensors.next() {
                for (p, &g) in p.iter_mut().zip(g) {
                    *p -= eta * g;
                }
            }
        });
        copy
    }

    /// The input of the `k`-th activation layer (counting from 0) in the last forward pass:
    /// row-major `(N, width)`, the "pre-activations" of Ioffe & Szegedy's Fig. 1.
    pub fn pre_activations(&self, k: usize) -> Result<(&[f32], usize), BnError> {
        let acts = self.spec.activation_layers();
        let &layer = acts.get(k).ok_or(BnError::OutOfRange { what: "activation layer", index: k, len: acts.len() })?;
        if self.batch == 0 {
            return Err(BnError::Missing { what: "forward pass yet: take a step first" });
        }
        let widths = self.spec.widths();
        match layer.checked_sub(1) {
            Some(before) => Ok((&self.outputs[before], widths[before])),
            None => Err(BnError::Missing { what: "pre-activations to show: its activation comes first" }),
        }
    }

    /// Percentiles (0–100, e.g. 15, 50, 85) over the batch of one unit's pre-activation, at the
    /// `k`-th activation layer, in the last forward pass.
    pub fn unit_percentiles(&self, k: usize, unit: usize, percents: &[f64]) -> Result<Vec<f64>, BnError> {
        let (values, width) = self.pre_activations(k)?;
        if unit >= width {
            return Err(BnError::OutOfRange { what: "unit", index: unit, len: width });
        }
        let column: Vec<f32> = values.iter().skip(unit).step_by(width).copied().collect();
        Ok(percents.iter().map(|&p| percentile(&column, p).unwrap_or(f64::NAN)).collect())
    }
}
