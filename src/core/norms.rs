//! `nn.LayerNorm`, `nn.GroupNorm` and `nn.InstanceNorm1d` (training mode), computed the way
//! PyTorch computes them, and a common view of all four normalization layers.
//!
//! All four layers do the same thing to a different group of values:
//!
//! ```text
//! for each group of m values:   μ = mean(x),  σ² = mean((x − μ)²)          (biased: ÷ m)
//!                               x̂ = (x − μ) / √(σ² + eps),  y = γ·x̂ + β
//! ```
//!
//! | layer          | a group is                                          | γ, β are    |
//! |----------------|-----------------------------------------------------|-------------|
//! | BatchNorm1d    | one channel, over the batch (N and L)               | per channel |
//! | LayerNorm      | one sample, over its trailing `normalized_shape`    | per element of `normalized_shape` |
//! | GroupNorm      | one sample, over C/G consecutive channels and all L | per channel |
//! | InstanceNorm1d | one sample and one channel, over L                  | per channel |
//!
//! So γ may differ inside a group (LayerNorm, GroupNorm), which the backward pass must respect.
//! Statistics are summed in f64 in two passes: this is the plain reference the fast BatchNorm1d
//! kernel ([`super::batchnorm`], one shifted pass) is tested against ([`batchnorm_reference`]),
//! and `grouped_backward` is the one backward pass of all four layers.
//!
//! Any eps builds and runs, as in PyTorch (LayerNorm, GroupNorm and InstanceNorm1d never check
//! it): eps = 0 gives NaN for a constant group (0/0), a negative eps NaN for each group whose
//! σ² + eps < 0 (the square root of a negative number), NaN eps NaN everywhere, and ∞ eps x̂ = 0,
//! so y = β. The page offers none of these: its own check refuses them before a layer is built.
//!
//! Data is row-major. Which group a value belongs to, and which γ it uses, are both its index
//! on the middle axis of a 3-axis view of the flat data: see [`Grouping`].

use super::batchnorm::{BatchNorm1d, BatchShape, Gradients, Trace};
use super::error::BnError;

/// PyTorch's default eps for every normalization layer.
pub const DEFAULT_EPS: f64 = 1e-5;

/// Which values share something (a mean and variance, or a γ and β): view the row-major data
/// as an `(outer, count, inner)` array; a value's group is its index on the middle axis, so
/// value i is in group `(i / inner) % count`.
///
/// | layer          | groups (share μ, σ²)         | parameter slots (share γ, β) |
/// |----------------|------------------------------|------------------------------|
/// | BatchNorm1d    | `(N, C, L)`                  | `(N, C, L)`                  |
/// | LayerNorm      | `(1, rows, size)`            | `(rows, size, 1)`            |
/// | GroupNorm      | `(1, N·G, C/G·L)`            | `(N, C, L)`                  |
/// | InstanceNorm1d | `(1, N·C, L)`                | `(N, C, L)`                  |
///
/// where `size` is the product of LayerNorm's `normalized_shape` and `rows` of the dims before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grouping {
    outer: usize,
    count: usize,
    inner: usize,
}

impl Grouping {
    /// The caller makes sure `outer · count · inner` fits in a usize (see [`check_size`]).
    fn middle_axis(outer: usize, count: usize, inner: usize) -> Self {
        Grouping { outer, count, inner }
    }

    /// BatchNorm1d's grouping of an `(N, C, L)` batch: one group per channel, over N and L.
    pub fn per_channel(n: usize, c: usize, l: usize) -> Self {
        Grouping::middle_axis(n, c, l)
    }

    /// How many groups.
    pub fn count(&self) -> usize {
        self.count
    }

    /// m: how many values each group has.
    pub fn group_size(&self) -> usize {
        self.outer * self.inner
    }

    /// How many values in all.
    pub fn len(&self) -> usize {
        self.count * self.group_size()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The group of the value at `flat_index`, or None past the end.
    pub fn group_of(&self, flat_index: usize) -> Option<usize> {
        (flat_index < self.len()).then(|| self.digit(flat_index))
    }

    /// The flat indices of every value of `group`, in order; empty when there is no such group.
    pub fn members(&self, group: usize) -> Vec<usize> {
        if group < self.count {
            self.member_iter(group).collect()
        } else {
            Vec::new()
        }
    }

    /// `(i / inner) % count`, for an index in range (so inner and count are not 0).
    fn digit(&self, flat_index: usize) -> usize {
        (flat_index / self.inner) % self.count
    }

    /// Index `(o, group, s)` of the `(outer, count, inner)` view, for every o and s.
    fn member_iter(&self, group: usize) -> impl Iterator<Item = usize> + Clone {
        let Grouping { outer, count, inner } = *self;
        (0..outer).flat_map(move |o| {
            let start = (o * count + group) * inner;
            start..start + inner
        })
    }
}

/// Every intermediate of one forward pass of any of the four layers: what the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct NormTrace {
    /// PyTorch's class name of the layer that made it ("GroupNorm", …).
    pub layer: &'static str,
    /// The input's shape.
    pub dims: Vec<usize>,
    /// Which values share a mean and a variance.
    pub groups: Grouping,
    /// Which γ and β each value uses (group k of `params` uses `weight[k]`, `bias[k]`).
    pub params: Grouping,
    /// The statistics came from this input, so gradients flow through them. False only for
    /// BatchNorm1d in eval mode with running statistics, where the layer is elementwise.
    pub stats_from_input: bool,
    /// Per group: the mean and variance that normalized (biased, ÷ m — except BatchNorm1d's
    /// running variance in eval mode), and 1/√(var + eps). Empty for an empty input (but
    /// BatchNorm1d's: NaN per channel).
    pub mean: Vec<f32>,
    pub var: Vec<f32>,
    pub inv_std: Vec<f32>,
    /// x̂ = (x − mean)·inv_std, same shape as the input.
    pub x_hat: Vec<f32>,
    /// y = γ·x̂ + β (without γ: x̂ + β; without β: γ·x̂), same shape as the input.
    pub output: Vec<f32>,
    /// γ and β as they were in this pass; None when the layer has none.
    pub weight: Option<Vec<f32>>,
    pub bias: Option<Vec<f32>>,
}

impl NormTrace {
    /// The group of the value at `flat_index` (the values sharing its mean and variance are
    /// `members(group)`), or None past the end.
    pub fn group_of(&self, flat_index: usize) -> Option<usize> {
        self.groups.group_of(flat_index)
    }

    /// The flat indices that share the mean and variance of `group`.
    pub fn members(&self, group: usize) -> Vec<usize> {
        self.groups.members(group)
    }

    /// Gradients of `sum(output · grad_output)`: `grouped_backward` over this trace's groups.
    pub fn backward(&self, grad_output: &[f32]) -> Result<Gradients, BnError> {
        self.check_consistent(grad_output)?;
        Ok(grouped_backward(
            GroupedPass {
                x_hat: &self.x_hat,
                groups: self.groups,
                params: self.params,
                inv_std: &self.inv_std,
                stats_from_input: self.stats_from_input,
                weight: self.weight.as_deref(),
                has_bias: self.bias.is_some(),
            },
            grad_output,
        ))
    }

    /// The fields are public, so backward checks they still fit together before indexing.
    fn check_consistent(&self, grad_output: &[f32]) -> Result<(), BnError> {
        let len = self.x_hat.len();
        let expect = |what: &'static str, expected: usize, got: usize| {
            if expected == got {
                Ok(())
            } else {
                Err(BnError::WrongLength { what, expected, got })
            }
        };
        expect("grad_output", len, grad_output.len())?;
        expect("the trace's groups", len, self.groups.len())?;
        expect("the trace's parameter slots", len, self.params.len())?;
        if len > 0 {
            expect("the trace's inv_std", self.groups.count(), self.inv_std.len())?;
        }
        if let Some(w) = &self.weight {
            expect("the trace's weight (γ)", self.params.count(), w.len())?;
        }
        Ok(())
    }
}

/// What the backward pass of any of the four layers needs from its forward pass.
#[derive(Clone, Copy)]
pub(crate) struct GroupedPass<'a> {
    pub x_hat: &'a [f32],
    /// Which values share a mean and a variance.
    pub groups: Grouping,
    /// Which γ and β each value uses.
    pub params: Grouping,
    pub inv_std: &'a [f32],
    /// The statistics came from this input (train mode, or no running statistics).
    pub stats_from_input: bool,
    pub weight: Option<&'a [f32]>,
    pub has_bias: bool,
}

/// The one backward pass of BatchNorm1d, LayerNorm, GroupNorm and InstanceNorm1d: gradients of
/// `sum(output · grad_output)`. For each group of m values, with ∂L/∂x̂ = g·γ (γ of each value's
/// own parameter slot):
///
/// ```text
/// ∂L/∂x_i = (1/√(σ² + eps)) · (∂L/∂x̂_i − mean(∂L/∂x̂) − x̂_i · mean(∂L/∂x̂ · x̂))
/// ```
///
/// and with running statistics (eval mode) the layer is elementwise: ∂L/∂x_i = ∂L/∂x̂_i/√(σ² + eps).
/// Over the values that share a parameter: ∂L/∂γ = Σ g·x̂, ∂L/∂β = Σ g. Sums in f64. The caller
/// checks that the lengths fit (`grad_output`, `x_hat` and both groupings hold the same values).
pub(crate) fn grouped_backward(pass: GroupedPass, grad_output: &[f32]) -> Gradients {
    let GroupedPass { x_hat, groups, params, inv_std, stats_from_input, weight, has_bias } = pass;
    // When γ is per group (BatchNorm1d, InstanceNorm1d), it is read once per group.
    let gamma_per_group = params == groups;
    let gamma_of = |i: usize| weight.map_or(1.0, |w| w[params.digit(i)] as f64);
    let mut grad_input = vec![0.0f32; x_hat.len()];
    let m = groups.group_size() as f64;
    for (group, &inv_std) in inv_std.iter().enumerate() {
        let inv_std = inv_std as f64;
        let members = groups.member_iter(group);
        let group_gamma = if gamma_per_group { weight.map_or(1.0, |w| w[group] as f64) } else { 1.0 };
        let d_x_hat = |i: usize| grad_output[i] as f64 * if gamma_per_group { group_gamma } else { gamma_of(i) };
        if stats_from_input {
            let mean_d = members.clone().map(d_x_hat).sum::<f64>() / m;
            let mean_d_x_hat = members.clone().map(|i| d_x_hat(i) * x_hat[i] as f64).sum::<f64>() / m;
            for i in members {
                grad_input[i] = (inv_std * (d_x_hat(i) - mean_d - x_hat[i] as f64 * mean_d_x_hat)) as f32;
            }
        } else {
            for i in members {
                grad_input[i] = (inv_std * d_x_hat(i)) as f32;
            }
        }
    }

    let slots = params.count();
    let mut grad_weight = vec![0.0f64; if weight.is_some() { slots } else { 0 }];
    let mut grad_bias = vec![0.0f64; if has_bias { slots } else { 0 }];
    for (i, &g) in grad_output.iter().enumerate() {
        let slot = params.digit(i);
        if let Some(w) = grad_weight.get_mut(slot) {
            *w += g as f64 * x_hat[i] as f64;
        }
        if let Some(b) = grad_bias.get_mut(slot) {
            *b += g as f64;
        }
    }
    let to_f32 = |v: Vec<f64>| v.into_iter().map(|x| x as f32).collect::<Vec<f32>>();
    Gradients {
        grad_input,
        grad_weight: weight.is_some().then(|| to_f32(grad_weight)),
        grad_bias: has_bias.then(|| to_f32(grad_bias)),
    }
}

impl NormTrace {
    /// BatchNorm1d's trace of a pass on `input` in the common form: one group per channel, with
    /// x̂ computed from the input (BatchNorm1d's trace does not store it; the same bits).
    fn of_batchnorm(trace: Trace, input: &[f32]) -> Self {
        let x_hat = trace.x_hat(input);
        let s = trace.shape;
        let per_channel = Grouping::middle_axis(s.n, s.c, s.l);
        let (weight, bias) = match trace.affine {
            Some(a) => (Some(a.weight), Some(a.bias)),
            None => (None, None),
        };
        NormTrace {
            layer: "BatchNorm1d",
            dims: s.dims(),
            groups: per_channel,
            params: per_channel,
            stats_from_input: trace.used_batch_stats,
            mean: trace.mean,
            var: trace.var,
            inv_std: trace.inv_std,
            x_hat,
            output: trace.output,
            weight,
            bias,
        }
    }
}

/// What the comparison view needs from any of the four layers.
pub trait Normalization {
    /// PyTorch's class name: "BatchNorm1d", "LayerNorm", "GroupNorm", "InstanceNorm1d".
    fn name(&self) -> &'static str;

    /// Which values share a mean and variance, in words, e.g. "per sample, over C and L".
    fn describe(&self) -> String;

    /// How an input of this shape splits into groups (refuses a shape the layer refuses).
    fn grouping(&self, dims: &[usize]) -> Result<Grouping, BnError>;

    /// One training-mode forward pass (BatchNorm1d: in the layer's own mode, updating its
    /// running statistics as PyTorch does).
    fn forward(&mut self, input: &[f32], dims: &[usize]) -> Result<NormTrace, BnError>;

    /// The group of the value at `flat_index` in an input of shape `dims`.
    fn group_of(&self, dims: &[usize], flat_index: usize) -> Result<usize, BnError> {
        let groups = self.grouping(dims)?;
        groups.group_of(flat_index).ok_or(BnError::OutOfRange { what: "value", index: flat_index, len: groups.len() })
    }

    /// The flat indices of the values of `group` in an input of shape `dims` (a Vec of the
    /// group's size: meant for shapes that hold data, like the page's).
    fn members(&self, dims: &[usize], group: usize) -> Result<Vec<usize>, BnError> {
        let groups = self.grouping(dims)?;
        if group < groups.count() {
            Ok(groups.members(group))
        } else {
            Err(BnError::OutOfRange { what: "group", index: group, len: groups.count() })
        }
    }
}

/// The optional γ (weight) and β (bias) of a layer, `len` values each.
#[derive(Debug, Clone, PartialEq)]
struct Params {
    len: usize,
    weight: Option<Vec<f32>>,
    bias: Option<Vec<f32>>,
}

impl Params {
    /// PyTorch's initial values: γ = 1, β = 0; none without affine. `bias=False` drops β only.
    fn new(len: usize, affine: bool) -> Self {
        Params { len, weight: affine.then(|| vec![1.0; len]), bias: affine.then(|| vec![0.0; len]) }
    }

    /// Replaces γ or β: refused when the layer has none, or with a wrong length or NaN.
    fn set(slot: &mut Option<Vec<f32>>, values: &[f32], len: usize, what: &'static str) -> Result<(), BnError> {
        let Some(current) = slot else {
            return Err(BnError::Missing { what });
        };
        if values.len() != len {
            return Err(BnError::WrongLength { what, expected: len, got: values.len() });
        }
        if !values.iter().all(|v| v.is_finite()) {
            return Err(BnError::NotFinite { what });
        }
        current.copy_from_slice(values);
        Ok(())
    }

    /// Has γ (and so the input's channels must match it).
    fn is_affine(&self) -> bool {
        self.weight.is_some()
    }

    fn set_weight(&mut self, weight: &[f32]) -> Result<(), BnError> {
        Params::set(&mut self.weight, weight, self.len, "weight (γ)")
    }

    fn set_bias(&mut self, bias: &[f32]) -> Result<(), BnError> {
        Params::set(&mut self.bias, bias, self.len, "bias (β)")
    }
}

/// The product of `dims`, or None when it overflows.
fn product(dims: &[usize]) -> Option<usize> {
    dims.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d))
}

/// Refuses a shape whose product of non-zero dims overflows a usize. After this check, the
/// product of any of its dims fits, so shapes can be multiplied freely (even with a 0 in them).
fn check_size(dims: &[usize]) -> Result<(), BnError> {
    match dims.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d.max(1))) {
        Some(_) => Ok(()),
        None => Err(BnError::OutOfBounds {
            what: "the input's number of values (the product of its dims)",
            value: dims.iter().map(|&d| d as f64).product(),
            min: 0.0,
            max: usize::MAX as f64,
        }),
    }
}

/// The input must hold exactly the product of its dims (checked by [`check_size`]).
fn check_input_len(input: &[f32], dims: &[usize]) -> Result<(), BnError> {
    let expected: usize = dims.iter().product();
    if input.len() == expected {
        Ok(())
    } else {
        Err(BnError::WrongLength { what: "the input", expected, got: input.len() })
    }
}

/// Which values share statistics, and which γ/β each value uses.
struct Plan {
    groups: Grouping,
    params: Grouping,
}

/// μ and the biased σ² = Σ(x − μ)²/m of the values at `indices`, in f64, in two passes.
fn mean_and_var(input: &[f32], indices: impl Iterator<Item = usize> + Clone, m: usize) -> (f64, f64) {
    let m = m as f64;
    let mean = indices.clone().map(|i| input[i] as f64).sum::<f64>() / m;
    let var = indices
        .map(|i| {
            let d = input[i] as f64 - mean;
            d * d
        })
        .sum::<f64>()
        / m;
    (mean, var)
}

/// The forward pass shared by the three layers: statistics per group, then x̂ and y per value.
fn normalize(layer: &'static str, input: &[f32], dims: &[usize], plan: Plan, eps: f64, params: &Params) -> NormTrace {
    let Plan { groups, params: slots } = plan;
    // An empty input has no statistics (PyTorch returns an empty output).
    let count = if input.is_empty() { 0 } else { groups.count() };
    let (mut mean, mut var, mut inv_std) =
        (Vec::with_capacity(count), Vec::with_capacity(count), Vec::with_capacity(count));
    let mut x_hat = vec![0.0f32; input.len()];
    let mut output = vec![0.0f32; input.len()];
    for group in 0..count {
        let members = groups.member_iter(group);
        let (mu, sigma2) = mean_and_var(input, members.clone(), groups.group_size());
        let r = 1.0 / (sigma2 + eps).sqrt();
        for i in members {
            let slot = slots.digit(i);
            let gamma = params.weight.as_ref().map_or(1.0, |w| w[slot] as f64);
            let beta = params.bias.as_ref().map_or(0.0, |b| b[slot] as f64);
            let xh = (input[i] as f64 - mu) * r;
            x_hat[i] = xh as f32;
            output[i] = (gamma * xh + beta) as f32;
        }
        mean.push(mu as f32);
        var.push(sigma2 as f32);
        inv_std.push(r as f32);
    }
    NormTrace {
        layer,
        dims: dims.to_vec(),
        groups,
        params: slots,
        stats_from_input: true,
        mean,
        var,
        inv_std,
        x_hat,
        output,
        weight: params.weight.clone(),
        bias: params.bias.clone(),
    }
}

/// BatchNorm1d in train mode written plainly: per channel, μ and the biased σ² in two passes over
/// N (and L), x̂ = (x − μ)/√(σ² + eps), y = γ·x̂ + β. The fast kernel ([`BatchNorm1d::forward`])
/// must agree with it (a property test says so); the page never runs it.
pub fn batchnorm_reference(
    input: &[f32],
    dims: &[usize],
    eps: f64,
    weight: Option<&[f32]>,
    bias: Option<&[f32]>,
) -> Result<NormTrace, BnError> {
    let shape = BatchShape::from_dims(dims)?;
    if shape.checked_len() != Some(input.len()) {
        return Err(BnError::WrongLength {
            what: "input",
            expected: shape.checked_len().unwrap_or(0),
            got: input.len(),
        });
    }
    let mut params = Params::new(shape.c, weight.is_some());
    if let Some(w) = weight {
        Params::set(&mut params.weight, w, shape.c, "weight (γ)")?;
    }
    params.bias = bias.map(<[f32]>::to_vec).or(params.bias);
    let per_channel = Grouping::per_channel(shape.n, shape.c, shape.l);
    Ok(normalize("BatchNorm1d", input, dims, Plan { groups: per_channel, params: per_channel }, eps, &params))
}

/// `nn.LayerNorm(normalized_shape, eps, elementwise_affine, bias=…)`: each sample is normalized
/// over its trailing dims, which must equal `normalized_shape`; γ and β have that shape.
///
/// Any number of leading dims is accepted: `(N, C)` with `[C]`, `(N, C, L)` with `[L]`
/// (per sample and channel) or `[C, L]` (per sample), or an input that is `normalized_shape` itself.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerNorm {
    normalized_shape: Vec<usize>,
    /// The product of `normalized_shape`: m, the values per group.
    size: usize,
    eps: f64,
    params: Params,
}

impl LayerNorm {
    /// PyTorch's defaults are eps = [`DEFAULT_EPS`], elementwise_affine = true (γ = 1, β = 0).
    /// PyTorch refuses an empty `normalized_shape` (at forward; here at construction).
    pub fn new(normalized_shape: &[usize], eps: f64, elementwise_affine: bool) -> Result<Self, BnError> {
        if normalized_shape.is_empty() {
            return Err(BnError::OutOfBounds {
                what: "the number of dimensions of normalized_shape",
                value: 0.0,
                min: 1.0,
                max: f64::INFINITY,
            });
        }
        let size = product(normalized_shape).ok_or(BnError::OutOfBounds {
            what: "the product of normalized_shape",
            value: f64::INFINITY,
            min: 0.0,
            max: usize::MAX as f64,
        })?;
        Ok(LayerNorm {
            normalized_shape: normalized_shape.to_vec(),
            size,
            eps,
            params: Params::new(size, elementwise_affine),
        })
    }

    /// `bias=False`: keep γ, drop β.
    pub fn without_bias(mut self) -> Self {
        self.params.bias = None;
        self
    }

    pub fn normalized_shape(&self) -> &[usize] {
        &self.normalized_shape
    }

    pub fn eps(&self) -> f64 {
        self.eps
    }

    /// `layer.eps = eps`: any eps, as in PyTorch (see the module's note).
    pub fn set_eps(&mut self, eps: f64) -> Result<(), BnError> {
        self.eps = eps;
        Ok(())
    }

    /// γ, flat in `normalized_shape`'s row-major order; None without elementwise_affine.
    pub fn weight(&self) -> Option<&[f32]> {
        self.params.weight.as_deref()
    }

    pub fn bias(&self) -> Option<&[f32]> {
        self.params.bias.as_deref()
    }

    /// Replaces γ (one value per element of `normalized_shape`).
    pub fn set_weight(&mut self, weight: &[f32]) -> Result<(), BnError> {
        self.params.set_weight(weight)
    }

    pub fn set_bias(&mut self, bias: &[f32]) -> Result<(), BnError> {
        self.params.set_bias(bias)
    }

    /// The trailing dims must equal `normalized_shape`; every index of the leading dims is a group.
    fn plan(&self, dims: &[usize]) -> Result<Plan, BnError> {
        let k = self.normalized_shape.len();
        if dims.len() < k || dims[dims.len() - k..] != self.normalized_shape[..] {
            return Err(BnError::NormalizedShapeMismatch {
                normalized_shape: self.normalized_shape.clone(),
                shape: dims.to_vec(),
            });
        }
        let leading = &dims[..dims.len() - k];
        check_size(dims)?;
        let rows: usize = leading.iter().product();
        Ok(Plan {
            // Each row (an index of the leading dims) is one group of `size` consecutive values.
            groups: Grouping::middle_axis(1, rows, self.size),
            // Value i uses γ[i mod size]: one slot per element of normalized_shape.
            params: Grouping::middle_axis(rows, self.size, 1),
        })
    }

    /// One forward pass on a row-major input whose trailing dims are `normalized_shape`.
    pub fn forward(&self, input: &[f32], dims: &[usize]) -> Result<NormTrace, BnError> {
        let plan = self.plan(dims)?;
        check_input_len(input, dims)?;
        Ok(normalize("LayerNorm", input, dims, plan, self.eps, &self.params))
    }
}

/// `nn.GroupNorm(num_groups, num_channels, eps, affine, bias=…)` on `(N, C, *)`: each sample's
/// C channels are split into `num_groups` groups of C/G consecutive channels, normalized over
/// those channels and all positions; γ and β are per channel.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupNorm {
    num_groups: usize,
    num_channels: usize,
    eps: f64,
    params: Params,
}

impl GroupNorm {
    /// PyTorch's defaults are eps = [`DEFAULT_EPS`], affine = true (γ = 1, β = 0).
    /// `num_channels` must be divisible by `num_groups` (PyTorch: "num_channels (6) must be
    /// divisible by num_groups (4)").
    pub fn new(num_groups: usize, num_channels: usize, eps: f64, affine: bool) -> Result<Self, BnError> {
        if num_groups == 0 || !num_channels.is_multiple_of(num_groups) {
            return Err(BnError::GroupsDoNotDivide { groups: num_groups, channels: num_channels });
        }
        Ok(GroupNorm { num_groups, num_channels, eps, params: Params::new(num_channels, affine) })
    }

    /// `bias=False`: keep γ, drop β.
    pub fn without_bias(mut self) -> Self {
        self.params.bias = None;
        self
    }

    pub fn num_groups(&self) -> usize {
        self.num_groups
    }

    pub fn num_channels(&self) -> usize {
        self.num_channels
    }

    pub fn eps(&self) -> f64 {
        self.eps
    }

    /// `layer.eps = eps`: any eps, as in PyTorch (see the module's note).
    pub fn set_eps(&mut self, eps: f64) -> Result<(), BnError> {
        self.eps = eps;
        Ok(())
    }

    pub fn weight(&self) -> Option<&[f32]> {
        self.params.weight.as_deref()
    }

    pub fn bias(&self) -> Option<&[f32]> {
        self.params.bias.as_deref()
    }

    /// Replaces γ (one value per channel).
    pub fn set_weight(&mut self, weight: &[f32]) -> Result<(), BnError> {
        self.params.set_weight(weight)
    }

    pub fn set_bias(&mut self, bias: &[f32]) -> Result<(), BnError> {
        self.params.set_bias(bias)
    }

    /// Like PyTorch: C must match num_channels only when there is a γ or β to match; it must
    /// always split into num_groups groups; positions (the product of dims after C) must exist.
    fn plan(&self, dims: &[usize]) -> Result<Plan, BnError> {
        let (n, c, rest) = match dims {
            [n, c, rest @ ..] => (*n, *c, rest),
            _ => return Err(BnError::WrongDims { dims: dims.len(), layer: "GroupNorm" }),
        };
        check_size(dims)?;
        let l: usize = rest.iter().product();
        // PyTorch's order: F.group_norm checks [N·C/G, G, *rest] like a batch for BatchNorm (one
        // value in all is refused, though N = 2 samples with one value per group only give
        // zeros), then the positions, then that C splits into groups, then γ and β.
        if (n * c / self.num_groups) * l == 1 {
            return Err(BnError::OneValuePerGroup { shape: dims.to_vec(), groups: self.num_groups });
        }
        if l == 0 {
            // PyTorch: "Expected HxW to be greater than 0, got 0".
            return Err(BnError::OutOfBounds {
                what: "L (the positions per channel)",
                value: 0.0,
                min: 1.0,
                max: f64::INFINITY,
            });
        }
        if !c.is_multiple_of(self.num_groups) {
            return Err(BnError::ChannelsDoNotSplit { groups: self.num_groups, shape: dims.to_vec() });
        }
        if self.params.is_affine() && c != self.num_channels {
            return Err(BnError::WrongFeatureCount {
                expected: self.num_channels,
                got: c,
                shape: dims.to_vec(),
                param: "weight",
                layer: "GroupNorm",
            });
        }
        let channels_per_group = c / self.num_groups;
        Ok(Plan {
            // Each sample's channels c·C/G … (c+1)·C/G − 1, all positions: consecutive values.
            groups: Grouping::middle_axis(1, n * self.num_groups, channels_per_group * l),
            params: Grouping::middle_axis(n, c, l),
        })
    }

    /// One forward pass on a row-major `(N, C)`, `(N, C, L)` or `(N, C, …)` input.
    pub fn forward(&self, input: &[f32], dims: &[usize]) -> Result<NormTrace, BnError> {
        let plan = self.plan(dims)?;
        check_input_len(input, dims)?;
        Ok(normalize("GroupNorm", input, dims, plan, self.eps, &self.params))
    }
}

/// `nn.InstanceNorm1d(num_features, eps, affine=False, track_running_stats=False)` in training
/// mode: each sample's each channel is normalized over its L positions; γ and β are per channel.
///
/// A 2D input is PyTorch's unbatched `(C, L)` — one sample — not a batch `(N, C)`.
/// No running statistics are kept: in training mode PyTorch's output and gradients are the
/// same with `track_running_stats=True`.
#[derive(Debug, Clone, PartialEq)]
pub struct InstanceNorm1d {
    num_features: usize,
    eps: f64,
    params: Params,
    /// `track_running_stats=True`: in training mode it changes no output, only what C may be.
    tracked: bool,
}

impl InstanceNorm1d {
    /// PyTorch's defaults are eps = [`DEFAULT_EPS`] and affine = **false**; with affine, γ = 1, β = 0.
    pub fn new(num_features: usize, eps: f64, affine: bool) -> Result<Self, BnError> {
        Ok(InstanceNorm1d { num_features, eps, params: Params::new(num_features, affine), tracked: false })
    }

    /// `bias=False`: keep γ, drop β.
    pub fn without_bias(mut self) -> Self {
        self.params.bias = None;
        self
    }

    /// `track_running_stats=True`. The forward pass here is training mode's, which normalizes
    /// each instance by its own statistics either way; the running statistics make C count.
    pub fn with_running_stats(mut self) -> Self {
        self.tracked = true;
        self
    }

    pub fn num_features(&self) -> usize {
        self.num_features
    }

    pub fn eps(&self) -> f64 {
        self.eps
    }

    /// `layer.eps = eps`: any eps, as in PyTorch (see the module's note).
    pub fn set_eps(&mut self, eps: f64) -> Result<(), BnError> {
        self.eps = eps;
        Ok(())
    }

    pub fn weight(&self) -> Option<&[f32]> {
        self.params.weight.as_deref()
    }

    pub fn bias(&self) -> Option<&[f32]> {
        self.params.bias.as_deref()
    }

    /// Replaces γ (one value per channel).
    pub fn set_weight(&mut self, weight: &[f32]) -> Result<(), BnError> {
        self.params.set_weight(weight)
    }

    pub fn set_bias(&mut self, bias: &[f32]) -> Result<(), BnError> {
        self.params.set_bias(bias)
    }

    /// `(N, C, L)`, or `(C, L)` as one sample. Like PyTorch, C must match num_features only
    /// when there is a γ or β (without, PyTorch only warns).
    fn plan(&self, dims: &[usize]) -> Result<Plan, BnError> {
        let (n, c, l) = match *dims {
            [c, l] => (1, c, l),
            [n, c, l] => (n, c, l),
            _ => return Err(BnError::WrongDims { dims: dims.len(), layer: "InstanceNorm1d" }),
        };
        if self.params.is_affine() && c != self.num_features {
            return Err(BnError::WrongFeatureCount {
                expected: self.num_features,
                got: c,
                shape: dims.to_vec(),
                param: "weight",
                layer: "InstanceNorm1d",
            });
        }
        check_size(dims)?;
        Ok(Plan {
            // Each (sample, channel) row of L values is one group.
            groups: Grouping::middle_axis(1, n * c, l),
            params: Grouping::middle_axis(n, c, l),
        })
    }

    /// One training-mode forward pass on a row-major `(N, C, L)` or unbatched `(C, L)` input.
    /// L = 1 is refused, as in PyTorch: a single position has no variance to normalize by.
    pub fn forward(&self, input: &[f32], dims: &[usize]) -> Result<NormTrace, BnError> {
        let plan = self.plan(dims)?;
        if dims.last() == Some(&1) {
            return Err(BnError::OnePositionPerInstance { shape: dims.to_vec() });
        }
        // Without γ and β PyTorch only warns of another C, then refuses it where the running
        // statistics meet the input (after the check of L above).
        let c = dims[dims.len() - 2];
        if self.tracked && c != self.num_features {
            return Err(BnError::WrongFeatureCount {
                expected: self.num_features,
                got: c,
                shape: dims.to_vec(),
                param: "running_mean",
                layer: "InstanceNorm1d",
            });
        }
        check_input_len(input, dims)?;
        Ok(normalize("InstanceNorm1d", input, dims, plan, self.eps, &self.params))
    }
}

impl Normalization for BatchNorm1d {
    fn name(&self) -> &'static str {
        "BatchNorm1d"
    }

    fn describe(&self) -> String {
        "per channel, over the batch: all N samples (and all L positions)".to_string()
    }

    /// One group per channel. Like PyTorch, C must match num_features only when the layer
    /// has running statistics or γ and β.
    fn grouping(&self, dims: &[usize]) -> Result<Grouping, BnError> {
        let shape = BatchShape::from_dims(dims)?;
        let checked = self.running().is_some() || self.affine().is_some();
        if checked && shape.c != self.num_features() {
            let param = if self.running().is_some() { "running_mean" } else { "weight" };
            return Err(BnError::WrongFeatureCount {
                expected: self.num_features(),
                got: shape.c,
                shape: dims.to_vec(),
                param,
                layer: "BatchNorm1d",
            });
        }
        check_size(dims)?;
        Ok(Grouping::middle_axis(shape.n, shape.c, shape.l))
    }

    fn forward(&mut self, input: &[f32], dims: &[usize]) -> Result<NormTrace, BnError> {
        // BatchNorm1d allocates C values for an empty batch before it checks C: refuse a
        // shape whose size overflows first (no real shape does), so that cannot panic.
        if matches!(dims.len(), 2 | 3) {
            check_size(dims)?;
        }
        BatchNorm1d::forward(self, input, dims).map(|trace| NormTrace::of_batchnorm(trace, input))
    }
}

impl Normalization for LayerNorm {
    fn name(&self) -> &'static str {
        "LayerNorm"
    }

    fn describe(&self) -> String {
        match self.normalized_shape.as_slice() {
            [d] => format!("per row, over the last dimension ({d} values)"),
            shape => {
                format!("per sample, over the last {} dimensions {shape:?} ({} values)", shape.len(), self.size)
            }
        }
    }

    fn grouping(&self, dims: &[usize]) -> Result<Grouping, BnError> {
        self.plan(dims).map(|p| p.groups)
    }

    fn forward(&mut self, input: &[f32], dims: &[usize]) -> Result<NormTrace, BnError> {
        LayerNorm::forward(self, input, dims)
    }
}

impl Normalization for GroupNorm {
    fn name(&self) -> &'static str {
        "GroupNorm"
    }

    fn describe(&self) -> String {
        let per_group = self.num_channels / self.num_groups;
        format!(
            "per sample, over each group of {per_group} consecutive channel{} (and all L): {} groups per sample",
            if per_group == 1 { "" } else { "s" },
            self.num_groups
        )
    }

    fn grouping(&self, dims: &[usize]) -> Result<Grouping, BnError> {
        self.plan(dims).map(|p| p.groups)
    }

    fn forward(&mut self, input: &[f32], dims: &[usize]) -> Result<NormTrace, BnError> {
        GroupNorm::forward(self, input, dims)
    }
}

impl Normalization for InstanceNorm1d {
    fn name(&self) -> &'static str {
        "InstanceNorm1d"
    }

    fn describe(&self) -> String {
        "per sample and channel, over the L positions".to_string()
    }

    fn grouping(&self, dims: &[usize]) -> Result<Grouping, BnError> {
        self.plan(dims).map(|p| p.groups)
    }

    fn forward(&mut self, input: &[f32], dims: &[usize]) -> Result<NormTrace, BnError> {
        InstanceNorm1d::forward(self, input, dims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::BatchNormConfig;

    /// Deterministic, uneven data: channels get different scales and offsets.
    fn data(len: usize, seed: f32) -> Vec<f32> {
        (0..len)
            .map(|i| {
                ((i as f32 * 0.737 + seed).sin() * 2.5 + (i % 3) as f32 * 1.5 - 1.0) * (1.0 + (i % 5) as f32 * 0.4)
            })
            .collect()
    }

    /// Non-default γ and β, different for every slot, so that γ varies inside a group.
    fn params(len: usize) -> (Vec<f32>, Vec<f32>) {
        let w = (0..len).map(|i| 0.5 + (i as f32 * 0.31).fract() * 1.5).collect();
        let b = (0..len).map(|i| (i as f32 * 0.53).cos()).collect();
        (w, b)
    }

    fn layer_norm(shape: &[usize], affine: bool) -> LayerNorm {
        let mut ln = LayerNorm::new(shape, DEFAULT_EPS, affine).unwrap();
        if affine {
            let (w, b) = params(shape.iter().product());
            ln.set_weight(&w).and(ln.set_bias(&b)).unwrap();
        }
        ln
    }

    fn group_norm(g: usize, c: usize, affine: bool) -> GroupNorm {
        let mut gn = GroupNorm::new(g, c, DEFAULT_EPS, affine).unwrap();
        if affine {
            let (w, b) = params(c);
            gn.set_weight(&w).and(gn.set_bias(&b)).unwrap();
        }
        gn
    }

    fn instance_norm(c: usize, affine: bool) -> InstanceNorm1d {
        let mut inn = InstanceNorm1d::new(c, DEFAULT_EPS, affine).unwrap();
        if affine {
            let (w, b) = params(c);
            inn.set_weight(&w).and(inn.set_bias(&b)).unwrap();
        }
        inn
    }

    fn batch_norm(c: usize) -> BatchNorm1d {
        let mut bn = BatchNorm1d::new(BatchNormConfig::new(c)).unwrap();
        let (w, b) = params(c);
        bn.set_affine(&w, &b).unwrap();
        bn
    }

    /// Layers, each with an input shape it takes.
    type Cases = Vec<(Box<dyn Normalization>, Vec<usize>)>;

    /// Every layer with affine parameters, and an input shape it takes.
    fn layers_with_shapes() -> Cases {
        vec![
            (Box::new(layer_norm(&[4, 3], true)), vec![2, 4, 3]),
            (Box::new(layer_norm(&[3], true)), vec![2, 4, 3]),
            (Box::new(layer_norm(&[5], true)), vec![3, 5]),
            (Box::new(layer_norm(&[2, 3], true).without_bias()), vec![2, 2, 2, 3]),
            (Box::new(group_norm(2, 4, true)), vec![3, 4, 3]),
            (Box::new(group_norm(3, 6, true)), vec![2, 6]),
            (Box::new(group_norm(1, 4, true).without_bias()), vec![2, 4, 2, 2]),
            (Box::new(instance_norm(3, true)), vec![2, 3, 4]),
            (Box::new(instance_norm(3, true)), vec![3, 5]),
            (Box::new(batch_norm(3)), vec![4, 3, 2]),
        ]
    }

    #[test]
    fn constructors_refuse_bad_settings() {
        assert!(matches!(GroupNorm::new(2, 7, DEFAULT_EPS, true), Err(BnError::GroupsDoNotDivide { .. })));
        assert!(matches!(GroupNorm::new(0, 4, DEFAULT_EPS, true), Err(BnError::GroupsDoNotDivide { .. })));
        assert!(matches!(GroupNorm::new(0, 0, DEFAULT_EPS, false), Err(BnError::GroupsDoNotDivide { .. })));
        assert!(GroupNorm::new(4, 8, DEFAULT_EPS, true).is_ok());
        assert!(matches!(LayerNorm::new(&[], DEFAULT_EPS, true), Err(BnError::OutOfBounds { .. })));
        assert!(matches!(LayerNorm::new(&[usize::MAX, 2], DEFAULT_EPS, false), Err(BnError::OutOfBounds { .. })));
    }

    /// PyTorch builds and runs these three layers with any eps (torch 2.15): a negative eps
    /// gives NaN only where σ² + eps < 0, NaN eps NaN, ∞ eps y = β.
    #[test]
    fn any_eps_builds_and_runs_as_in_pytorch() {
        let input = [0.0, 1.0, 2.0, 3.0, 10.0, 10.0, 10.0, 11.0];
        for eps in [0.0, -1e-3, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let ln = LayerNorm::new(&[4], eps, true).unwrap();
            let gn = GroupNorm::new(1, 4, eps, true).unwrap();
            let inn = InstanceNorm1d::new(2, eps, true).unwrap();
            for trace in [ln.forward(&input, &[2, 4]), gn.forward(&input, &[2, 4]), inn.forward(&input, &[2, 2, 2])] {
                let out = trace.unwrap().output;
                // The last value's group has σ² = 0.1875 (LayerNorm, GroupNorm) or 0.25.
                let (first, last) = (out[0], out[7]);
                match eps {
                    e if e.is_nan() || e == f64::NEG_INFINITY => assert!(first.is_nan() && last.is_nan()),
                    e if e == f64::INFINITY => assert_eq!((first, last), (0.0, 0.0), "y = β = 0"),
                    -1.0 => assert!(last.is_nan(), "σ² + eps = 0.1875 − 1 < 0"),
                    _ => assert!(first.is_finite() && last.is_finite()),
                }
            }
        }
        let mut gn = GroupNorm::new(1, 3, DEFAULT_EPS, true).unwrap();
        assert!(gn.set_eps(-1.0).is_ok());
        assert_eq!(gn.eps(), -1.0);
    }

    #[test]
    fn defaults_are_pytorchs() {
        let ln = LayerNorm::new(&[2, 3], DEFAULT_EPS, true).unwrap();
        assert_eq!(ln.weight(), Some(&[1.0f32; 6][..]));
        assert_eq!(ln.bias(), Some(&[0.0f32; 6][..]));
        let gn = GroupNorm::new(2, 4, DEFAULT_EPS, true).unwrap().without_bias();
        assert_eq!(gn.weight(), Some(&[1.0f32; 4][..]));
        assert_eq!(gn.bias(), None);
        let inn = InstanceNorm1d::new(4, DEFAULT_EPS, false).unwrap();
        assert_eq!((inn.weight(), inn.bias()), (None, None));
    }

    #[test]
    fn setters_check_length_finiteness_and_presence() {
        let mut ln = LayerNorm::new(&[2, 3], DEFAULT_EPS, true).unwrap();
        assert_eq!(ln.set_weight(&[1.0; 5]), Err(BnError::WrongLength { what: "weight (γ)", expected: 6, got: 5 }));
        assert!(matches!(ln.set_bias(&[0.0, 0.0, 0.0, 0.0, 0.0, f32::NAN]), Err(BnError::NotFinite { .. })));
        assert_eq!(ln.bias(), Some(&[0.0f32; 6][..]), "a refused call changes nothing");
        ln.set_weight(&[2.0; 6]).unwrap();
        assert_eq!(ln.weight(), Some(&[2.0f32; 6][..]));

        let mut gn = GroupNorm::new(2, 4, DEFAULT_EPS, false).unwrap();
        assert!(matches!(gn.set_weight(&[1.0; 4]), Err(BnError::Missing { .. })));
        let mut inn = InstanceNorm1d::new(4, DEFAULT_EPS, true).unwrap().without_bias();
        assert!(matches!(inn.set_bias(&[1.0; 4]), Err(BnError::Missing { .. })));
        assert!(matches!(inn.set_weight(&[1.0, f32::INFINITY, 1.0, 1.0]), Err(BnError::NotFinite { .. })));
    }

    #[test]
    fn forward_refuses_shapes_pytorch_refuses() {
        let ln = LayerNorm::new(&[8, 5], DEFAULT_EPS, true).unwrap();
        let x = data(6 * 8 * 4, 0.0);
        let err = ln.forward(&x, &[6, 8, 4]).unwrap_err();
        assert_eq!(err, BnError::NormalizedShapeMismatch { normalized_shape: vec![8, 5], shape: vec![6, 8, 4] });
        assert_eq!(
            ln.forward(&x[..5], &[5]),
            Err(BnError::NormalizedShapeMismatch { normalized_shape: vec![8, 5], shape: vec![5] })
        );
        assert!(matches!(ln.forward(&x[..39], &[8, 5]), Err(BnError::WrongLength { expected: 40, got: 39, .. })));
        assert!(ln.forward(&x[..40], &[8, 5]).is_ok(), "an input that is normalized_shape itself is one group");

        let gn = GroupNorm::new(2, 8, DEFAULT_EPS, true).unwrap();
        assert_eq!(gn.forward(&x[..8], &[8]), Err(BnError::WrongDims { dims: 1, layer: "GroupNorm" }));
        assert!(matches!(gn.forward(&x[..36], &[2, 6, 3]), Err(BnError::WrongFeatureCount { param: "weight", .. })));
        assert!(matches!(gn.forward(&[], &[2, 8, 0]), Err(BnError::OutOfBounds { .. })));
        // Without γ and β, PyTorch takes any C that splits into num_groups groups.
        let gn = GroupNorm::new(2, 8, DEFAULT_EPS, false).unwrap();
        assert!(gn.forward(&x[..36], &[2, 6, 3]).is_ok());
        assert_eq!(
            gn.forward(&x[..42], &[2, 7, 3]),
            Err(BnError::ChannelsDoNotSplit { groups: 2, shape: vec![2, 7, 3] })
        );

        let inn = InstanceNorm1d::new(8, DEFAULT_EPS, true).unwrap();
        assert_eq!(inn.forward(&x[..96], &[2, 8, 3, 2]), Err(BnError::WrongDims { dims: 4, layer: "InstanceNorm1d" }));
        assert_eq!(inn.forward(&x[..16], &[2, 8, 1]), Err(BnError::OnePositionPerInstance { shape: vec![2, 8, 1] }));
        assert_eq!(inn.forward(&x[..8], &[8, 1]), Err(BnError::OnePositionPerInstance { shape: vec![8, 1] }));
        assert!(matches!(inn.forward(&x[..48], &[6, 8]), Err(BnError::WrongFeatureCount { expected: 8, got: 6, .. })));
        assert!(InstanceNorm1d::new(8, DEFAULT_EPS, false).unwrap().forward(&x[..36], &[2, 6, 3]).is_ok());

        let huge = [usize::MAX, 2, 2];
        assert!(matches!(ln.forward(&x, &[usize::MAX, 8, 5]), Err(BnError::OutOfBounds { .. })));
        assert!(matches!(
            GroupNorm::new(1, 2, DEFAULT_EPS, true).unwrap().forward(&x, &huge),
            Err(BnError::OutOfBounds { .. })
        ));
        assert!(matches!(
            InstanceNorm1d::new(2, DEFAULT_EPS, true).unwrap().forward(&x, &huge),
            Err(BnError::OutOfBounds { .. })
        ));
    }

    /// PyTorch refuses GroupNorm when N·(C/G)·L = 1 — in eval mode too — but computes a batch of
    /// two such samples (each group gives β).
    #[test]
    fn group_norm_refuses_one_value_per_group_as_pytorch_does() {
        let gn = GroupNorm::new(6, 6, DEFAULT_EPS, true).unwrap();
        let x = data(12, 0.0);
        for dims in [vec![1, 6], vec![1, 6, 1]] {
            let err = gn.forward(&x[..6], &dims).unwrap_err();
            assert_eq!(err, BnError::OneValuePerGroup { shape: dims.clone(), groups: 6 });
        }
        assert_eq!(
            gn.forward(&x[..6], &[1, 6]).unwrap_err().pytorch_message().unwrap(),
            "ValueError: Expected more than 1 value per channel when training, got input size [1, 6]"
        );
        assert_eq!(
            gn.forward(&x[..6], &[1, 6, 1]).unwrap_err().pytorch_message().unwrap(),
            "ValueError: Expected more than 1 value per channel when training, got input size [1, 6, 1]"
        );
        let t = gn.forward(&x, &[2, 6]).unwrap();
        assert_eq!(t.output, gn.bias().unwrap().repeat(2), "two samples: each group's only value becomes β");
        assert!(GroupNorm::new(3, 6, DEFAULT_EPS, true).unwrap().forward(&x[..6], &[1, 6]).is_ok());
        // C that does not split, and the constructor's refusal, in PyTorch's words with the numbers.
        let err = GroupNorm::new(4, 6, DEFAULT_EPS, true).unwrap_err();
        assert_eq!(err.pytorch_message().unwrap(), "ValueError: num_channels (6) must be divisible by num_groups (4)");
    }

    #[test]
    fn backward_refuses_a_wrong_gradient_length() {
        let t = layer_norm(&[3], true).forward(&data(6, 0.0), &[2, 3]).unwrap();
        assert_eq!(t.backward(&[1.0; 5]), Err(BnError::WrongLength { what: "grad_output", expected: 6, got: 5 }));
        let mut broken = t.clone();
        broken.weight = Some(vec![1.0]);
        assert!(matches!(broken.backward(&[1.0; 6]), Err(BnError::WrongLength { .. })));
    }

    /// Without affine, every group of the output has mean 0 and variance σ²/(σ² + eps).
    #[test]
    fn every_group_is_normalized() {
        for eps in [1e-5, 0.5, 3.0] {
            let layers: Cases = vec![
                (Box::new(LayerNorm::new(&[4, 3], eps, false).unwrap()), vec![3, 4, 3]),
                (Box::new(LayerNorm::new(&[3], eps, false).unwrap()), vec![3, 4, 3]),
                (Box::new(GroupNorm::new(2, 4, eps, false).unwrap()), vec![3, 4, 3]),
                (Box::new(GroupNorm::new(4, 4, eps, false).unwrap()), vec![3, 4, 2, 2]),
                (Box::new(InstanceNorm1d::new(4, eps, false).unwrap()), vec![3, 4, 3]),
            ];
            for (mut layer, dims) in layers {
                let x = data(dims.iter().product(), eps as f32);
                let t = layer.forward(&x, &dims).unwrap();
                assert_eq!(t.mean.len(), t.groups.count());
                for g in 0..t.groups.count() {
                    let members = t.members(g);
                    let m = members.len() as f64;
                    assert_eq!(m as usize, t.groups.group_size());
                    let mean_y = members.iter().map(|&i| t.output[i] as f64).sum::<f64>() / m;
                    let var_y = members.iter().map(|&i| (t.output[i] as f64 - mean_y).powi(2)).sum::<f64>() / m;
                    let var_x = t.var[g] as f64;
                    assert!(mean_y.abs() < 1e-5, "{}: group {g} mean {mean_y}", layer.name());
                    let want = var_x / (var_x + eps);
                    assert!(
                        (var_y - want).abs() < 1e-5 * (1.0 + want),
                        "{}: group {g} var {var_y}, want {want}",
                        layer.name()
                    );
                }
            }
        }
    }

    /// Σ(output · g) as a function of the input, for finite differences.
    fn loss(layer: &mut dyn Normalization, x: &[f32], dims: &[usize], g: &[f32]) -> f64 {
        let t = layer.forward(x, dims).unwrap();
        t.output.iter().zip(g).map(|(&y, &g)| y as f64 * g as f64).sum()
    }

    /// dx from backward equals the central difference of Σ(output · g), for every layer,
    /// including those where γ varies inside a group.
    #[test]
    fn backward_matches_finite_differences() {
        for (mut layer, dims) in layers_with_shapes() {
            let len: usize = dims.iter().product();
            let x = data(len, 0.3);
            let g = data(len, 1.7);
            let grads = layer.forward(&x, &dims).unwrap().backward(&g).unwrap();
            let h = 5e-3f32;
            for i in 0..len {
                let (mut up, mut down) = (x.clone(), x.clone());
                up[i] += h;
                down[i] -= h;
                let numeric =
                    (loss(layer.as_mut(), &up, &dims, &g) - loss(layer.as_mut(), &down, &dims, &g)) / (2.0 * h as f64);
                let got = grads.grad_input[i] as f64;
                assert!(
                    (got - numeric).abs() < 2e-3 * (1.0 + numeric.abs()),
                    "{} {dims:?}: dx[{i}] = {got}, numeric {numeric}",
                    layer.name()
                );
            }
        }
    }

    /// dγ = Σ g·x̂ and dβ = Σ g over the values that share each parameter.
    #[test]
    fn parameter_gradients_sum_over_their_slot() {
        for (mut layer, dims) in layers_with_shapes() {
            let len: usize = dims.iter().product();
            let t = layer.forward(&data(len, 0.1), &dims).unwrap();
            let g = data(len, 2.9);
            let grads = t.backward(&g).unwrap();
            let slots = t.params.count();
            let mut want_w = vec![0.0f64; slots];
            let mut want_b = vec![0.0f64; slots];
            for (slot, (w, b)) in want_w.iter_mut().zip(&mut want_b).enumerate() {
                for i in t.params.members(slot) {
                    *w += g[i] as f64 * t.x_hat[i] as f64;
                    *b += g[i] as f64;
                }
            }
            let gw = grads.grad_weight.expect("affine");
            assert_eq!(gw.len(), slots);
            for (got, want) in gw.iter().zip(&want_w) {
                assert!((*got as f64 - want).abs() < 1e-4 * (1.0 + want.abs()));
            }
            match (&t.bias, grads.grad_bias) {
                (Some(_), Some(gb)) => {
                    for (got, want) in gb.iter().zip(&want_b) {
                        assert!((*got as f64 - want).abs() < 1e-4 * (1.0 + want.abs()));
                    }
                }
                (None, None) => {}
                _ => panic!("{}: grad_bias must exist exactly when bias does", layer.name()),
            }
        }
    }

    #[test]
    fn groups_are_the_values_that_share_statistics() {
        // GroupNorm(2, 4) on (2, 4, 3): value (n=1, c=2, l=0) is flat 18, in group 1·2 + 1 = 3,
        // with channels 2 and 3 of sample 1.
        let gn = group_norm(2, 4, false);
        assert_eq!(gn.group_of(&[2, 4, 3], 18), Ok(3));
        assert_eq!(gn.members(&[2, 4, 3], 3), Ok((18..24).collect()));
        assert_eq!(gn.group_of(&[2, 4, 3], 24), Err(BnError::OutOfRange { what: "value", index: 24, len: 24 }));
        assert!(matches!(gn.members(&[2, 4, 3], 4), Err(BnError::OutOfRange { what: "group", .. })));
        // LayerNorm([4]) on (2, 3, 4): each (sample, channel) row.
        let ln = layer_norm(&[4], false);
        assert_eq!(ln.group_of(&[2, 3, 4], 5), Ok(1));
        assert_eq!(ln.members(&[2, 3, 4], 1), Ok(vec![4, 5, 6, 7]));
        assert_eq!(layer_norm(&[3, 4], false).members(&[2, 3, 4], 1), Ok((12..24).collect()));
        // InstanceNorm1d on (2, 3, 2): one group per (sample, channel); unbatched (3, 2): per channel.
        let inn = instance_norm(3, false);
        assert_eq!(inn.group_of(&[2, 3, 2], 7), Ok(3));
        assert_eq!(inn.members(&[3, 2], 2), Ok(vec![4, 5]));
        // BatchNorm1d on (2, 3, 2): value (n=1, c=1, l=0) is flat 8, in channel 1's group.
        let bn = batch_norm(3);
        assert_eq!(Normalization::group_of(&bn, &[2, 3, 2], 8), Ok(1));
        assert_eq!(Normalization::members(&bn, &[2, 3, 2], 1), Ok(vec![2, 3, 8, 9]));

        // In every layer, the groups split the input: each value is in exactly its own group.
        for (layer, dims) in layers_with_shapes() {
            let groups = layer.grouping(&dims).unwrap();
            let len: usize = dims.iter().product();
            let mut seen = vec![0; len];
            for g in 0..groups.count() {
                for i in groups.members(g) {
                    seen[i] += 1;
                    assert_eq!(groups.group_of(i), Some(g));
                }
            }
            assert!(seen.iter().all(|&k| k == 1), "{}", layer.name());
        }
    }

    #[test]
    fn unbatched_instance_norm_is_one_sample() {
        let inn = instance_norm(3, true);
        let x = data(12, 0.0);
        let unbatched = inn.forward(&x, &[3, 4]).unwrap();
        let batched = inn.forward(&x, &[1, 3, 4]).unwrap();
        assert_eq!(unbatched.output, batched.output);
        assert_eq!(unbatched.dims, vec![3, 4]);
    }

    #[test]
    fn batch_norm_adapter_matches_its_own_backward() {
        for training in [true, false] {
            let mut bn = batch_norm(3);
            bn.set_training(training);
            let x = data(24, 0.2);
            let g = data(24, 4.1);
            let own = BatchNorm1d::forward(&mut bn.clone(), &x, &[4, 3, 2]).unwrap();
            let common = Normalization::forward(&mut bn, &x, &[4, 3, 2]).unwrap();
            assert_eq!(common.layer, "BatchNorm1d");
            assert_eq!(common.output, own.output);
            assert_eq!(common.stats_from_input, training);
            let (a, b) = (own.backward(&x, &g).unwrap(), common.backward(&g).unwrap());
            assert_eq!(a.grad_weight, b.grad_weight);
            assert_eq!(a.grad_bias, b.grad_bias);
            for (p, q) in a.grad_input.iter().zip(&b.grad_input) {
                assert!((p - q).abs() <= 1e-5 * (1.0 + p.abs()), "{p} vs {q}");
            }
        }
    }

    #[test]
    fn describe_names_the_group() {
        assert_eq!(
            group_norm(2, 8, true).describe(),
            "per sample, over each group of 4 consecutive channels (and all L): 2 groups per sample"
        );
        assert_eq!(layer_norm(&[8, 5], true).describe(), "per sample, over the last 2 dimensions [8, 5] (40 values)");
        assert_eq!(instance_norm(8, false).name(), "InstanceNorm1d");
        assert!(batch_norm(2).describe().starts_with("per channel"));
    }

    #[test]
    fn nothing_panics_on_odd_input() {
        let shapes: Vec<Vec<usize>> = vec![
            vec![],
            vec![0],
            vec![3],
            vec![0, 0],
            vec![2, 0],
            vec![0, 3],
            vec![1, 3],
            vec![2, 3, 0],
            vec![0, 3, 1],
            vec![2, 3, 1],
            vec![1, 3, 2],
            vec![2, 3, 2, 1],
            vec![usize::MAX, 3],
            vec![3, usize::MAX],
            vec![0, usize::MAX, usize::MAX],
            vec![usize::MAX / 4, 3, 2],
        ];
        let mut layers: Vec<Box<dyn Normalization>> = vec![
            Box::new(layer_norm(&[3], true)),
            Box::new(layer_norm(&[3, 2], false)),
            Box::new(group_norm(3, 3, true)),
            Box::new(group_norm(1, 3, false)),
            Box::new(instance_norm(3, true)),
            Box::new(InstanceNorm1d::new(3, 0.0, false).unwrap()),
            Box::new(batch_norm(3)),
        ];
        for layer in layers.iter_mut() {
            for dims in &shapes {
                // A shape with data gets data of its size (and one more); an absurd one, 7 values.
                let small = dims.iter().try_fold(1usize, |a, &d| a.checked_mul(d.max(1))).is_some_and(|s| s < 100);
                let len = if small { dims.iter().product() } else { 7 };
                for input in [vec![], data(len, 0.0), vec![f32::NAN; len], data(len + 1, 0.0)] {
                    let _ = layer.grouping(dims);
                    let _ = layer.group_of(dims, 2);
                    if small {
                        let _ = layer.members(dims, 1);
                    }
                    if let Ok(t) = layer.forward(&input, dims) {
                        assert_eq!(t.output.len(), input.len());
                        let _ = t.backward(&input);
                        let _ = t.backward(&[]);
                        let _ = t.group_of(0);
                        let _ = t.members(0);
                    }
                }
            }
        }
    }
}
