//! BatchNorm folded into the Linear layer before it, for inference.
//!
//! In eval mode BatchNorm1d is a fixed scale and shift per feature, so it can be multiplied into
//! the preceding `nn.Linear` (what `torch.nn.utils.fusion.fuse_linear_bn_eval` does):
//!
//! ```text
//! scale_o = γ_o / √(running_var_o + eps)                 (γ = 1, β = 0 without affine)
//! W′[o][k] = scale_o · W[o][k]
//! b′_o     = scale_o · (b_o − running_mean_o) + β_o
//! ```
//!
//! `Linear(64, 128) → BatchNorm1d(128) → ReLU → Linear(128, 10)` in eval mode then computes the
//! same outputs as `Linear(64, 128) → ReLU → Linear(128, 10)`: one layer fewer at inference.
//! In train mode there is nothing fixed to fold: the batch statistics depend on the batch.

use std::fmt;

use super::batchnorm::BatchNorm1d;
use super::error::BnError;
use super::mlp::{relu, Linear, Mlp};

/// Why BatchNorm cannot be folded away.
#[derive(Debug, Clone, PartialEq)]
pub enum FoldError {
    /// The layer (or the model) is in train mode.
    TrainMode,
    /// `track_running_stats=False`: no fixed statistics, in any mode.
    NoRunningStats,
    /// A model without BatchNorm1d.
    NoBatchNorm,
    /// The Linear layer's outputs are not the BatchNorm's features (or its weights are not out·in).
    SizeMismatch { linear_out: usize, bn_features: usize },
}

impl FoldError {
    /// What PyTorch's `fuse_linear_bn_eval` raises for the same situation, when it raises.
    pub fn pytorch_message(&self) -> Option<String> {
        match self {
            FoldError::TrainMode => Some("AssertionError: Fusion only for eval!".into()),
            FoldError::NoRunningStats => {
                Some("AssertionError: bn.running_mean and bn.running_var must not be None".into())
            }
            FoldError::SizeMismatch { linear_out, bn_features } => Some(format!(
                "AssertionError: To fuse, linear.out_features == bn.num_features or bn.num_features == 1, got linear.out_features={linear_out} and bn.num_features={bn_features}"
            )),
            FoldError::NoBatchNorm => None,
        }
    }
}

impl fmt::Display for FoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FoldError::TrainMode => write!(
                f,
                "Folding BatchNorm into the Linear layer is impossible in train mode: the batch statistics depend on the batch, so there is no fixed scale and shift to fold. Call model.eval() first."
            ),
            FoldError::NoRunningStats => write!(
                f,
                "There is nothing fixed to fold: without running statistics (track_running_stats=False) BatchNorm normalizes every batch with its own statistics, even in eval mode."
            ),
            FoldError::NoBatchNorm => write!(f, "This model has no BatchNorm1d to fold."),
            FoldError::SizeMismatch { linear_out, bn_features } => write!(
                f,
                "The Linear layer gives {linear_out} outputs but the BatchNorm1d normalizes {bn_features} features: they must be the same to fold."
            ),
        }
    }
}

impl std::error::Error for FoldError {}

/// γ_o/√(running_var_o + eps) and β_o − running_mean_o·that, per feature, in f64.
fn scale_and_shift(bn: &BatchNorm1d) -> Result<(Vec<f64>, Vec<f64>), FoldError> {
    if bn.is_training() {
        return Err(FoldError::TrainMode);
    }
    let running = bn.running().ok_or(FoldError::NoRunningStats)?;
    let eps = bn.config().eps;
    let c = bn.num_features();
    let gamma = |o: usize| bn.affine().map_or(1.0, |a| a.weight[o] as f64);
    let beta = |o: usize| bn.affine().map_or(0.0, |a| a.bias[o] as f64);
    let scale: Vec<f64> = (0..c).map(|o| gamma(o) / (running.var[o] as f64 + eps).sqrt()).collect();
    let shift = (0..c).map(|o| beta(o) - scale[o] * running.mean[o] as f64).collect();
    Ok((scale, shift))
}

/// `Linear → BatchNorm1d` (eval mode) as one `Linear`: W′ = diag(γ/√(running_var + eps))·W,
/// b′ = γ·(b − running_mean)/√(running_var + eps) + β.
pub fn fold_linear_bn(linear: &Linear, bn: &BatchNorm1d) -> Result<Linear, FoldError> {
    let (out, inp) = (linear.out_features, linear.in_features);
    let mismatch = FoldError::SizeMismatch { linear_out: out, bn_features: bn.num_features() };
    if out != bn.num_features() || linear.bias.len() != out || Some(linear.weight.len()) != out.checked_mul(inp) {
        return Err(mismatch);
    }
    let (scale, _) = scale_and_shift(bn)?;
    let running = bn.running().ok_or(FoldError::NoRunningStats)?;
    let beta = |o: usize| bn.affine().map_or(0.0, |a| a.bias[o] as f64);
    let mut weight = Vec::with_capacity(out * inp);
    for (o, row) in linear.weight.chunks_exact(inp.max(1)).take(out).enumerate() {
        weight.extend(row.iter().map(|&w| (scale[o] * w as f64) as f32));
    }
    weight.resize(out * inp, 0.0);
    let bias =
        (0..out).map(|o| (scale[o] * (linear.bias[o] as f64 - running.mean[o] as f64) + beta(o)) as f32).collect();
    Ok(Linear { in_features: inp, out_features: out, weight, bias })
}

/// `nn.Sequential(nn.Linear(in, hidden), nn.ReLU(), nn.Linear(hidden, classes))`: the tutorial's
/// model with its BatchNorm1d folded into the first Linear.
#[derive(Debug, Clone, PartialEq)]
pub struct FoldedMlp {
    /// `0.*`: the first Linear with BatchNorm folded in.
    pub first: Linear,
    /// `2.*`: the last Linear, unchanged.
    pub last: Linear,
}

impl FoldedMlp {
    /// Row-major `(M, in)` in, `(M, classes)` logits out.
    pub fn forward(&self, x: &[f32]) -> Result<Vec<f32>, BnError> {
        let inputs = self.first.in_features.max(1);
        if !x.len().is_multiple_of(inputs) {
            return Err(BnError::WrongLength {
                what: "the images (whole rows of the model's inputs)",
                expected: (x.len() / inputs + 1).saturating_mul(inputs),
                got: x.len(),
            });
        }
        let n = x.len() / inputs;
        let hidden = self.first.forward(x, n)?;
        self.last.forward(&relu(&hidden), n)
    }

    /// `state_dict()` of the folded `nn.Sequential`: `0.weight` `(hidden, in)`, `0.bias`,
    /// `2.weight` `(classes, hidden)`, `2.bias`: (key, values flat row-major, PyTorch's shape),
    /// in PyTorch's order.
    pub fn state_dict(&self) -> Vec<(&'static str, &[f32], Vec<usize>)> {
        let (first, last) = (&self.first, &self.last);
        vec![
            ("0.weight", &first.weight[..], vec![first.out_features, first.in_features]),
            ("0.bias", &first.bias[..], vec![first.out_features]),
            ("2.weight", &last.weight[..], vec![last.out_features, last.in_features]),
            ("2.bias", &last.bias[..], vec![last.out_features]),
        ]
    }
}

/// The model's BatchNorm1d folded into its first Linear, with the model in train mode
/// (`training`, refused) or eval mode. (The `Mlp` keeps its BatchNorm layer in training mode for
/// its steps; the page says which mode it shows.)
pub fn fold_mlp(model: &Mlp, training: bool) -> Result<FoldedMlp, FoldError> {
    let mut bn = model.batchnorm().ok_or(FoldError::NoBatchNorm)?.clone();
    bn.set_training(training);
    Ok(FoldedMlp { first: fold_linear_bn(model.first(), &bn)?, last: model.last().clone() })
}

/// max |folded(x) − model.eval()(x)| over every logit of the images `x` (None for no image, NaN
/// when either gives NaN).
pub fn largest_difference(model: &Mlp, folded: &FoldedMlp, x: &[f32]) -> Result<Option<f32>, BnError> {
    let a = folded.forward(x)?;
    let b = model.eval_logits(x)?;
    let mut largest: Option<f32> = None;
    for (&p, &q) in a.iter().zip(&b) {
        let d = (p - q).abs();
        largest = Some(match largest {
            None => d,
            Some(l) if l.is_nan() || d.is_nan() => f32::NAN,
            Some(l) => l.max(d),
        });
    }
    Ok(largest)
}

/// One hidden unit of the folded first layer, for the Train view's table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FoldRow {
    pub unit: usize,
    pub gamma: f32,
    pub beta: f32,
    pub running_mean: f32,
    pub running_var: f32,
    /// γ/√(running_var + eps)
    pub scale: f32,
    /// The first few weights into this unit, before (W) and after (W′) folding.
    pub weight: Vec<f32>,
    pub folded_weight: Vec<f32>,
    pub bias: f32,
    pub folded_bias: f32,
}

/// What the Train view shows about folding: a few rows of W′ and b′, and how close the folded
/// model's outputs are to `model.eval()`'s on the test digits.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FoldView {
    pub eps: f64,
    pub rows: Vec<FoldRow>,
    /// How many inputs each row shows (of `inputs`).
    pub inputs: usize,
    /// The test images compared, and max |folded − eval| over all their logits.
    pub images: usize,
    pub largest_difference: Option<f32>,
    /// Linear, BatchNorm1d, ReLU, Linear → Linear, ReLU, Linear.
    pub layers_before: usize,
    pub layers_after: usize,
}

/// The Train view's folding numbers: `units` rows (their first `shown_inputs` weights) and the
/// largest difference on `test_images` (row-major `(M, 64)`), with the model in eval mode.
pub fn fold_view(
    model: &Mlp,
    test_images: &[f32],
    units: &[usize],
    shown_inputs: usize,
) -> Result<FoldView, FoldError> {
    let folded = fold_mlp(model, false)?;
    let bn = model.batchnorm().ok_or(FoldError::NoBatchNorm)?;
    let running = bn.running().ok_or(FoldError::NoRunningStats)?;
    let eps = bn.config().eps;
    let inputs = model.first().in_features;
    let shown = shown_inputs.min(inputs);
    let rows = units
        .iter()
        .filter(|&&o| o < bn.num_features())
        .map(|&o| {
            let gamma = bn.affine().map_or(1.0, |a| a.weight[o]);
            let row = |w: &[f32]| w.get(o * inputs..o * inputs + shown).map(<[f32]>::to_vec).unwrap_or_default();
            FoldRow {
                unit: o,
                gamma,
                beta: bn.affine().map_or(0.0, |a| a.bias[o]),
                running_mean: running.mean[o],
                running_var: running.var[o],
                scale: (gamma as f64 / (running.var[o] as f64 + eps).sqrt()) as f32,
                weight: row(&model.first().weight),
                folded_weight: row(&folded.first.weight),
                bias: model.first().bias[o],
                folded_bias: folded.first.bias[o],
            }
        })
        .collect();
    let images = test_images.len() / inputs.max(1);
    // A ragged or non-finite batch of images gives no difference rather than an error.
    let largest = largest_difference(model, &folded, test_images).ok().flatten();
    Ok(FoldView { eps, rows, inputs: shown, images, largest_difference: largest, layers_before: 4, layers_after: 3 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::BatchNormConfig;

    #[test]
    fn one_feature_by_hand() {
        let linear = Linear { in_features: 2, out_features: 1, weight: vec![1.0, -2.0], bias: vec![0.5] };
        let mut bn = BatchNorm1d::new(BatchNormConfig { eps: 0.0, ..BatchNormConfig::new(1) }).unwrap();
        bn.set_affine(&[3.0], &[1.0]).unwrap();
        bn.set_running(&[0.5], &[4.0], 1).unwrap();
        assert_eq!(fold_linear_bn(&linear, &bn), Err(FoldError::TrainMode));
        bn.set_training(false);
        let folded = fold_linear_bn(&linear, &bn).unwrap();
        // scale = 3/√4 = 1.5; W′ = 1.5·W; b′ = 1.5·(0.5 − 0.5) + 1 = 1.
        assert_eq!(folded.weight, vec![1.5, -3.0]);
        assert_eq!(folded.bias, vec![1.0]);
    }

    #[test]
    fn no_running_statistics_no_fold() {
        let linear = Linear { in_features: 1, out_features: 1, weight: vec![1.0], bias: vec![0.0] };
        let mut bn =
            BatchNorm1d::new(BatchNormConfig { track_running_stats: false, ..BatchNormConfig::new(1) }).unwrap();
        bn.set_training(false);
        assert_eq!(fold_linear_bn(&linear, &bn), Err(FoldError::NoRunningStats));
        let wide = Linear { in_features: 1, out_features: 2, weight: vec![1.0, 2.0], bias: vec![0.0, 0.0] };
        assert!(matches!(fold_linear_bn(&wide, &bn), Err(FoldError::SizeMismatch { .. })));
    }
}
