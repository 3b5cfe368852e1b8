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
//! `Linear(64, 128) → BatchNorm1d(128) → ReLU → Linear(128, 10)` (a `core::net::Net`) in eval mode then computes the
//! same outputs as `Linear(64, 128) → ReLU → Linear(128, 10)`: one layer fewer at inference.
//! In train mode there is nothing fixed to fold: the batch statistics depend on the batch.

use super::batchnorm::BatchNorm1d;
use super::error::BnError;
use super::net::layer::Linear;
use super::net::{Activation, Layer, LayerSpec, Net, NetSpec, NetState, StateValue};

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
    /// Not the tutorial's kind of model (Linear, BatchNorm1d, ReLU, Linear): the panel folds
    /// only that one.
    NotTutorialModel,
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
            FoldError::NoBatchNorm | FoldError::NotTutorialModel => None,
        }
    }
}

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
/// b′ = γ·(b − running_mean)/√(running_var + eps) + β. Returns (W′ row-major `(out, in)`, b′).
pub fn fold_linear_bn(linear: &Linear, bn: &BatchNorm1d) -> Result<(Vec<f32>, Vec<f32>), FoldError> {
    let (out, inp) = (linear.outputs, linear.inputs);
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
    Ok((weight, bias))
}

/// The tutorial's kind of model, `Linear → [BatchNorm1d] → ReLU → Linear`, taken apart: the
/// first Linear, its BatchNorm1d (None without), the last Linear. None for any other network.
pub fn tutorial_parts(model: &Net) -> Option<(&Linear, Option<&BatchNorm1d>, &Linear)> {
    match model.layers() {
        [Layer::Linear(first), Layer::Activation(Activation::Relu), Layer::Linear(last)] => Some((first, None, last)),
        [Layer::Linear(first), Layer::BatchNorm(bn), Layer::Activation(Activation::Relu), Layer::Linear(last)] => {
            Some((first, Some(&bn.bn), last))
        }
        _ => None,
    }
}

/// The model's BatchNorm1d folded into its first Linear, as PyTorch's
/// `nn.Sequential(nn.Linear(in, hidden), nn.ReLU(), nn.Linear(hidden, classes))` (state_dict keys
/// `0.*` and `2.*`), with the BatchNorm in train mode (`training`, refused) or eval mode.
pub fn fold_net(model: &Net, training: bool) -> Result<Net, FoldError> {
    let (first, bn, last) = tutorial_parts(model).ok_or(FoldError::NotTutorialModel)?;
    let mut bn = bn.ok_or(FoldError::NoBatchNorm)?.clone();
    bn.set_training(training);
    let (weight, bias) = fold_linear_bn(first, &bn)?;
    let mismatch = || FoldError::SizeMismatch { linear_out: first.outputs, bn_features: bn.num_features() };
    let spec = NetSpec::new(vec![
        LayerSpec::Linear { inputs: first.inputs, outputs: first.outputs },
        LayerSpec::Activation(Activation::Relu),
        LayerSpec::Linear { inputs: last.inputs, outputs: last.outputs },
    ])
    .map_err(|_| mismatch())?;
    let state = NetState {
        entries: vec![
            ("0.weight".into(), StateValue::Floats(weight)),
            ("0.bias".into(), StateValue::Floats(bias)),
            ("2.weight".into(), StateValue::Floats(last.weight.clone())),
            ("2.bias".into(), StateValue::Floats(last.bias.clone())),
        ],
    };
    Net::from_state_dict(spec, &state).map_err(|_| mismatch())
}

/// max |folded(x) − model.eval()(x)| over every logit of the images `x` (None for no image, NaN
/// when either gives NaN).
pub fn largest_difference(model: &Net, folded: &Net, x: &[f32]) -> Result<Option<f32>, BnError> {
    let a = folded.clone().eval_logits(x)?;
    let b = model.clone().eval_logits(x)?;
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
    model: &Net,
    test_images: &[f32],
    units: &[usize],
    shown_inputs: usize,
) -> Result<FoldView, FoldError> {
    let folded = fold_net(model, false)?;
    let (first, bn, _) = tutorial_parts(model).ok_or(FoldError::NotTutorialModel)?;
    let bn = bn.ok_or(FoldError::NoBatchNorm)?;
    let (folded_first, _, _) = tutorial_parts(&folded).ok_or(FoldError::NotTutorialModel)?;
    let running = bn.running().ok_or(FoldError::NoRunningStats)?;
    let eps = bn.config().eps;
    let inputs = first.inputs;
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
                weight: row(&first.weight),
                folded_weight: row(&folded_first.weight),
                bias: first.bias[o],
                folded_bias: folded_first.bias[o],
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

    /// A Linear layer with these weights (`outputs` rows of `inputs`) and biases.
    fn linear(inputs: usize, outputs: usize, weight: Vec<f32>, bias: Vec<f32>) -> Linear {
        let spec = NetSpec::new(vec![LayerSpec::Linear { inputs, outputs }]).unwrap();
        let state = NetState {
            entries: vec![("0.weight".into(), StateValue::Floats(weight)), ("0.bias".into(), StateValue::Floats(bias))],
        };
        match &Net::from_state_dict(spec, &state).unwrap().layers()[0] {
            Layer::Linear(l) => l.clone(),
            _ => unreachable!("a Linear spec builds a Linear"),
        }
    }

    #[test]
    fn one_feature_by_hand() {
        let linear = linear(2, 1, vec![1.0, -2.0], vec![0.5]);
        let mut bn = BatchNorm1d::new(BatchNormConfig { eps: 0.0, ..BatchNormConfig::new(1) }).unwrap();
        bn.set_affine(&[3.0], &[1.0]).unwrap();
        bn.set_running(&[0.5], &[4.0], 1).unwrap();
        assert_eq!(fold_linear_bn(&linear, &bn), Err(FoldError::TrainMode));
        bn.set_training(false);
        let (weight, bias) = fold_linear_bn(&linear, &bn).unwrap();
        // scale = 3/√4 = 1.5; W′ = 1.5·W; b′ = 1.5·(0.5 − 0.5) + 1 = 1.
        assert_eq!(weight, vec![1.5, -3.0]);
        assert_eq!(bias, vec![1.0]);
    }

    #[test]
    fn no_running_statistics_no_fold() {
        let linear = linear(1, 1, vec![1.0], vec![0.0]);
        let mut bn =
            BatchNorm1d::new(BatchNormConfig { track_running_stats: false, ..BatchNormConfig::new(1) }).unwrap();
        bn.set_training(false);
        assert_eq!(fold_linear_bn(&linear, &bn), Err(FoldError::NoRunningStats));
        let wide = super::tests::linear(1, 2, vec![1.0, 2.0], vec![0.0, 0.0]);
        assert!(matches!(fold_linear_bn(&wide, &bn), Err(FoldError::SizeMismatch { .. })));
    }
}
