//! `nn.Sequential(*layers)`: forward in train or eval mode, backward, and the `state_dict`.
//!
//! A training step is PyTorch's
//! `model.train(); opt.zero_grad(); loss = F.cross_entropy(model(x), y); loss.backward(); opt.step()`.

use super::layer::Layer;
use super::loss::cross_entropy;
use super::loss::{accuracy, predictions};
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
        if state.entries.iter().any(|(k, _)| mine.get(k).is_none()) {
            return Err(BnError::WrongLength {
                what: "the state_dict's entries (it has keys this network does not)",
                expected: mine.entries.len(),
                got: state.entries.len(),
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

    /// "Noisy BatchNorm" (Santurkar et al. 2018, Fig. 2) after every BatchNorm1d of the network,
    /// strength `strength` (0: off, the plain network), the k-th BatchNorm1d from stream
    /// `seed + k` (see [`super::layer::BnNoise`]). The state_dict does not change.
    pub fn set_bn_noise(&mut self, strength: f32, seed: u64) -> Result<(), BnError> {
        if !strength.is_finite() || strength < 0.0 {
            return Err(BnError::OutOfBounds { what: "noise", value: strength as f64, min: 0.0, max: f64::INFINITY });
        }
        for (k, layer) in self.layers.iter_mut().enumerate() {
            if let Layer::BatchNorm(b) = layer {
                b.set_noise(strength, seed.wrapping_add(k as u64))?;
            }
        }
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

    /// N for a batch `x` of whole rows (N ≤ [`MAX_BATCH`]). N = 0 is a batch PyTorch takes: a
    /// run whose batches are cut from the data in order meets it past the data's end.
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
        if n > MAX_BATCH {
            return Err(BnError::OutOfBounds {
                what: "the batch size",
                value: n as f64,
                min: 0.0,
                max: MAX_BATCH as f64,
            });
        }
        Ok(n)
    }

    /// N = `labels.len()`; x holds N rows and every label is a class.
    pub(crate) fn check_batch(&self, x: &[f32], labels: &[usize]) -> Result<usize, BnError> {
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

    /// The class the network gives each row of `x` in eval mode (the first largest logit).
    pub fn predict(&mut self, x: &[f32]) -> Result<Vec<usize>, BnError> {
        let classes = self.classes();
        Ok(predictions(self.forward(x, false)?, classes))
    }

    /// The share of rows of `x` whose eval-mode prediction is their label.
    pub fn accuracy(&mut self, x: &[f32], labels: &[usize]) -> Result<f64, BnError> {
        let predicted = self.predict(x)?;
        if predicted.len() != labels.len() {
            return Err(BnError::WrongLength {
                what: "the labels (one per sample)",
                expected: predicted.len(),
                got: labels.len(),
            });
        }
        Ok(accuracy(&predicted, labels))
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
    pub(crate) fn loss_and_gradients(&mut self, x: &[f32], labels: &[usize], n: usize) -> Result<f32, BnError> {
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

    /// This network (a copy of `source`, or one of the same spec) set back to `source`'s state —
    /// everything a training pass reads or moves: parameters, BatchNorm's running statistics and
    /// its noise's stream — with every parameter then moved to p − η·g (`g` in
    /// `model.parameters()` order). Its buffers are kept, so no allocation. The next training
    /// pass gives what it gives on `source.clone()` moved the same way.
    pub(crate) fn reset_moved_from(&mut self, source: &Net, g: &[Vec<f32>], eta: f32) {
        for (layer, from) in self.layers.iter_mut().zip(&source.layers) {
            layer.reset_state_from(from);
        }
        let mut tensors = g.iter();
        self.for_each_parameter(&mut |p: &mut [f32], _| {
            if let Some(g) = tensors.next() {
                for (p, &g) in p.iter_mut().zip(g) {
                    *p -= eta * g;
                }
            }
        });
    }

    /// The input of the `k`-th activation layer (counting from 0) in the last forward pass:
    /// What layer `i` gave in the last forward pass, row-major `(batch, width)` (empty before any).
    pub fn layer_output(&self, i: usize) -> &[f32] {
        match (self.batch, self.outputs.get(i)) {
            (0, _) | (_, None) => &[],
            (_, Some(values)) => values,
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::net::spec::{Activation, Norm};

    fn batch(n: usize, inputs: usize, classes: usize) -> (Vec<f32>, Vec<usize>) {
        let x = (0..n * inputs).map(|i| (i as f32 * 0.77).sin() * 1.5).collect();
        let y = (0..n).map(|i| (i * 7 + 3) % classes).collect();
        (x, y)
    }

    fn norms() -> [Norm; 4] {
        [Norm::None, Norm::BatchNorm, Norm::LayerNorm, Norm::GroupNorm { groups: 2 }]
    }

    /// Every parameter's gradient equals the central difference of the loss, for every
    /// activation and norm (two hidden layers, so gradients flow through a whole hidden layer).
    #[test]
    fn gradients_match_finite_differences() {
        let (x, y) = batch(6, 5, 3);
        for activation in Activation::ALL {
            for (norm, noise) in norms().into_iter().map(|n| (n, 0.0)).chain([(Norm::BatchNorm, 0.7)]) {
                let spec = NetSpec::mlp(5, &[4, 4], 3, activation, norm).unwrap();
                let mut net = Net::new(spec, 3).unwrap();
                // "Noisy BatchNorm": every copy draws the same noise, so the loss is a function.
                net.set_bn_noise(noise, 11).unwrap();
                let (_, grads) = net.gradients_at(&x, &y).unwrap();
                let loss_at = |net: &Net| {
                    let mut copy = net.clone();
                    let n = copy.check_batch(&x, &y).unwrap();
                    copy.loss_and_gradients(&x, &y, n).unwrap() as f64
                };
                let h = 1e-3f32;
                for (t, g) in grads.iter().enumerate() {
                    for k in 0..g.len() {
                        let shift = |delta: f32| {
                            let mut copy = net.clone();
                            let mut index = 0;
                            copy.for_each_parameter(&mut |p: &mut [f32], _| {
                                if index == t {
                                    p[k] += delta;
                                }
                                index += 1;
                            });
                            loss_at(&copy)
                        };
                        let numeric = (shift(h) - shift(-h)) / (2.0 * h as f64);
                        let got = g[k] as f64;
                        assert!(
                            (got - numeric).abs() < 2e-3 + 0.02 * numeric.abs(),
                            "{activation:?} {norm:?} tensor {t}[{k}]: {got} vs {numeric}"
                        );
                    }
                }
            }
        }
    }

    /// The row-by-row BatchNorm1d backward gives what the playground layer's own backward gives.
    #[test]
    fn batchnorm_backward_matches_the_layers_own() {
        let spec = NetSpec::mlp(5, &[6], 3, Activation::Tanh, Norm::BatchNorm).unwrap();
        let mut net = Net::new(spec, 9).unwrap();
        let (x, y) = batch(7, 5, 3);
        let n = net.check_batch(&x, &y).unwrap();
        net.loss_and_gradients(&x, &y, n).unwrap();
        let hidden = net.outputs[0].clone();
        let mut bn = match &net.layers[1] {
            Layer::BatchNorm(b) => b.bn.clone(),
            _ => unreachable!(),
        };
        // Any upstream gradient, through the net's layer and through the playground's layer.
        let grad_y: Vec<f32> = (0..hidden.len()).map(|i| (i as f32 * 0.3).cos()).collect();
        let mut layer = net.layers[1].clone();
        let mut grad_x = Vec::new();
        let mut out = Vec::new();
        layer.forward(&hidden, n, true, &mut out).unwrap();
        layer.backward(&hidden, &out, n, &grad_y, Some(&mut grad_x)).unwrap();
        let trace = bn.forward(&hidden, &[n, 6]).unwrap();
        let want = trace.backward(&hidden, &grad_y).unwrap();
        for (a, b) in grad_x.iter().zip(&want.grad_input) {
            assert!((a - b).abs() < 1e-5 * (1.0 + b.abs()), "{a} vs {b}");
        }
        let got = layer.gradients();
        assert_eq!(got[0].len(), 6);
        for (a, b) in got[0].iter().zip(want.grad_weight.as_ref().unwrap()) {
            assert!((a - b).abs() < 1e-5 * (1.0 + b.abs()));
        }
    }

    #[test]
    fn state_dict_has_pytorchs_keys_and_round_trips() {
        let spec = NetSpec::mlp(4, &[6, 6], 2, Activation::Sigmoid, Norm::BatchNorm).unwrap();
        let mut net = Net::new(spec.clone(), 1).unwrap();
        let (x, y) = batch(3, 4, 2);
        net.train_step(&x, &y, &mut Sgd::new(0.1, 0.5).unwrap()).unwrap();
        let state = net.state_dict();
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
                "3.bias",
                "4.weight",
                "4.bias",
                "4.running_mean",
                "4.running_var",
                "4.num_batches_tracked",
                "6.weight",
                "6.bias"
            ]
        );
        assert_eq!(state.count("4.num_batches_tracked"), Some(1));
        let mut other = Net::new(spec, 2).unwrap();
        other.load_state_dict(&state).unwrap();
        assert_eq!(other.state_dict(), state);
        assert_eq!(other.eval_logits(&x).unwrap(), net.eval_logits(&x).unwrap());

        // Refusals change nothing.
        let before = other.state_dict();
        let mut extra = state.clone();
        extra.entries.push(("7.weight".into(), StateValue::Floats(vec![1.0])));
        assert!(other.load_state_dict(&extra).is_err());
        let mut short = state.clone();
        short.entries[0].1 = StateValue::Floats(vec![0.0; 3]);
        assert!(matches!(other.load_state_dict(&short), Err(BnError::WrongLength { .. })));
        let mut nan = state.clone();
        nan.entries[7].1 = StateValue::Floats(vec![f32::NAN; 6]);
        assert!(other.load_state_dict(&nan).is_err());
        let mut no_count = state;
        no_count.entries.retain(|(k, _)| k != "1.num_batches_tracked");
        assert!(other.load_state_dict(&no_count).is_err());
        assert_eq!(other.state_dict(), before);
    }

    /// Same seed, same Linear weights with and without norms (so Fig. 1's two networks start alike).
    #[test]
    fn init_is_seeded_and_shared_across_norms() {
        let spec = |norm| NetSpec::mlp(64, &[100, 100, 100], 10, Activation::Sigmoid, norm).unwrap();
        let a = Net::new(spec(Norm::BatchNorm), 7).unwrap();
        let b = Net::new(spec(Norm::None), 7).unwrap();
        let linear = |net: &Net| -> Vec<Vec<f32>> {
            net.parameters().into_iter().filter(|(_, p)| p.len() != 100).map(|(_, p)| p.to_vec()).collect()
        };
        assert_eq!(linear(&a), linear(&b));
        assert_ne!(Net::new(spec(Norm::None), 8).unwrap().parameters()[0].1, b.parameters()[0].1);
        let bound = 1.0 / 8.0;
        assert!(b.parameters()[0].1.iter().all(|w| w.abs() <= bound));
    }

    #[test]
    fn pre_activation_percentiles_follow_one_unit() {
        let spec = NetSpec::mlp(4, &[5, 3], 2, Activation::Sigmoid, Norm::BatchNorm).unwrap();
        let mut net = Net::new(spec, 1).unwrap();
        assert!(net.unit_percentiles(1, 0, &[50.0]).is_err(), "no pass yet");
        let (x, y) = batch(11, 4, 2);
        net.train_step(&x, &y, &mut Sgd::new(0.1, 0.0).unwrap()).unwrap();
        let (values, width) = net.pre_activations(1).unwrap();
        assert_eq!((values.len(), width), (33, 3));
        let p = net.unit_percentiles(1, 2, &[0.0, 50.0, 100.0]).unwrap();
        let column: Vec<f32> = values.iter().skip(2).step_by(3).copied().collect();
        let max = column.iter().copied().fold(f32::MIN, f32::max) as f64;
        assert_eq!(p[2], max);
        assert!(p[0] <= p[1] && p[1] <= p[2]);
        assert!(net.unit_percentiles(1, 3, &[50.0]).is_err());
        assert!(net.unit_percentiles(2, 0, &[50.0]).is_err());
    }

    #[test]
    fn refused_steps_change_nothing_but_pytorchs_count() {
        let spec = NetSpec::mlp(3, &[4, 4], 3, Activation::Relu, Norm::BatchNorm).unwrap();
        let mut net = Net::new(spec, 4).unwrap();
        let mut sgd = Sgd::new(0.1, 0.9).unwrap();
        let (x, y) = batch(4, 3, 3);
        net.train_step(&x, &y, &mut sgd).unwrap();
        let before = (net.state_dict(), sgd.clone());
        assert!(matches!(net.train_step(&x, &[0, 1, 3, 0], &mut sgd), Err(BnError::OutOfRange { .. })));
        assert!(net.train_step(&x[..11], &y, &mut sgd).is_err());
        assert!(net.train_step(&x, &y[..3], &mut sgd).is_err());
        let mut other = Sgd::new(0.1, 0.9).unwrap();
        other.buffers = vec![Some(vec![0.0; 2])];
        assert!(net.train_step(&x, &y, &mut other).is_err());
        assert_eq!((net.state_dict(), sgd.clone()), before);

        // A batch of one: the first BatchNorm1d counts it, then refuses; nothing else moves.
        let err = net.train_step(&x[..3], &y[..1], &mut sgd).unwrap_err();
        assert!(matches!(err, BnError::OneValuePerFeature { .. }));
        let after = net.state_dict();
        assert_eq!(after.count("1.num_batches_tracked"), Some(2));
        assert_eq!(after.count("4.num_batches_tracked"), Some(1));
        assert_eq!(after.floats("0.weight"), before.0.floats("0.weight"));
        // In eval mode a batch of one is fine.
        assert_eq!(net.eval_logits(&x[..3]).unwrap().len(), 3);

        // An empty batch is a step, as in PyTorch: the loss NaN, every gradient 0, so only SGD's
        // momentum moves the weights; each BatchNorm1d counts it, its running statistics stay.
        let before = net.state_dict();
        assert!(net.train_step(&[], &[], &mut sgd).unwrap().is_nan());
        let after = net.state_dict();
        assert_eq!(after.count("1.num_batches_tracked"), Some(3));
        assert_eq!(after.floats("1.running_mean"), before.floats("1.running_mean"));
        assert_ne!(after.floats("0.weight"), before.floats("0.weight"), "momentum moves the weights");
        assert!(net.logits().is_empty() && net.eval_logits(&[]).unwrap().is_empty());
        let acc = net.accuracy(&x, &y).unwrap();
        assert!((0.0..=1.0).contains(&acc));
        assert!(net.accuracy(&x, &y[..2]).is_err());
    }
}
