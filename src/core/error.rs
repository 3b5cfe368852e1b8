//! Everything the core can refuse, as data: what went wrong, with its numbers. The words a
//! student reads, in each of the page's languages, live in the text layer
//! (`crate::i18n::error_message`, one exhaustive match).
//!
//! Where PyTorch raises for the same input, `pytorch_message` gives PyTorch's own words — a
//! quote of PyTorch, the same in every language — so the page can show both.

/// Why the core refused a call: a rule of BatchNorm, a normalization layer or a network, or an
/// argument out of its range. (What only the page refuses — a bad CSV, an empty box — is
/// `crate::refusal::Refusal`.) A `what` names the value refused by its English name, the key
/// of the text layer's table of names. A refused call changes no state (the one exception is
/// PyTorch's own: see [`crate::core::batchnorm::BatchNorm1d::forward`]).
#[derive(Debug, Clone, PartialEq)]
pub enum BnError {
    /// A layer needs at least one feature.
    NoFeatures,
    /// The page's own rule, not PyTorch's: eps must be positive and finite (negative, NaN and
    /// infinite eps PyTorch builds, and runs where it can). Only the page's state refuses with
    /// it (`crate::lab::page_check_eps`, `page_check_momentum`); the core's layers take any eps, as
    /// PyTorch's do. (The value as given: as a float32, -1e-50 would read as the -0 it is not.)
    BadEps(f64),
    /// PyTorch's `F.batch_norm` refuses eps ≤ 0 (−0.0 and −∞ too; NaN passes) when it normalizes
    /// with the batch's own statistics (training, or eval without running statistics): a batch
    /// variance of 0 would divide by zero. The value is the layer's eps.
    EpsNotPositiveWithBatchStats(f64),
    /// PyTorch's `F.batch_norm` refuses a negative eps in eval mode with running statistics too
    /// (eps = 0 it takes there).
    NegativeEpsWithRunningStats(f64),
    /// The page's own rule, not PyTorch's: momentum must be finite (or None for a cumulative
    /// average). PyTorch runs NaN or ∞ momentum (its running statistics turn NaN); only the
    /// page's state refuses with it, as with [`BnError::BadEps`].
    BadMomentum(f64),
    /// A setting (γ, β, a running statistic, …) that is NaN or infinite.
    NotFinite { what: &'static str },
    /// BatchNorm1d and InstanceNorm1d take `(N, C)` or `(N, C, L)`; GroupNorm at least `(N, C)`.
    /// `layer` is the layer's PyTorch name ("BatchNorm1d", "InstanceNorm1d", "GroupNorm").
    WrongDims { dims: usize, layer: &'static str },
    /// The input's feature axis does not match the layer's per-feature tensor `param`
    /// (`running_mean` or `weight`) of `expected` values. `layer` as in `WrongDims`.
    WrongFeatureCount { expected: usize, got: usize, shape: Vec<usize>, param: &'static str, layer: &'static str },
    /// Batch statistics from a single value per feature are meaningless. Without running
    /// statistics (`track_running_stats=False`) eval mode uses the batch's too, so it refuses as well.
    OneValuePerFeature { shape: Vec<usize>, has_running_stats: bool },
    /// GroupNorm on a batch that holds one value per group in all (N = 1, one channel per group,
    /// L = 1; PyTorch checks N·C/G·L = 1): refused in training and eval mode alike.
    OneValuePerGroup { shape: Vec<usize>, groups: usize },
    /// LayerNorm's input must end with `normalized_shape`.
    NormalizedShapeMismatch { normalized_shape: Vec<usize>, shape: Vec<usize> },
    /// GroupNorm without γ and β takes any C, but C must split into `groups` equal groups.
    ChannelsDoNotSplit { groups: usize, shape: Vec<usize> },
    /// The flat data does not hold `N·C(·L)` numbers.
    WrongLength { what: &'static str, expected: usize, got: usize },
    /// A feature (or sample) index past the end.
    OutOfRange { what: &'static str, index: usize, len: usize },
    /// A setting outside the range the page allows.
    OutOfBounds { what: &'static str, value: f64, min: f64, max: f64 },
    /// The layer has no such state (γ/β without affine, running stats without tracking).
    Missing { what: &'static str },
    /// A count (N, L, C, a seed, an index) that is not a whole number in range.
    NotWholeNumber { what: &'static str, value: f64, min: usize, max: usize },
    /// GroupNorm splits the channels into equal groups.
    GroupsDoNotDivide { groups: usize, channels: usize },
    /// InstanceNorm1d normalizes over L: one position has no variance.
    OnePositionPerInstance { shape: Vec<usize> },
}

/// `values` must hold `expected` numbers (the layers' one check of a tensor's length).
pub(crate) fn check_len(values: &[f32], expected: usize, what: &'static str) -> Result<(), BnError> {
    if values.len() == expected {
        Ok(())
    } else {
        Err(BnError::WrongLength { what, expected, got: values.len() })
    }
}

/// Every value must be finite: a setting (γ, β, a running statistic) that is NaN or ∞ is refused.
pub(crate) fn check_finite(values: &[f32], what: &'static str) -> Result<(), BnError> {
    if values.iter().all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(BnError::NotFinite { what })
    }
}

/// The numbers of groups that divide `n` (at most 12 of them), listed with `comma` between them
/// and `or` before the last: "1, 2, 3 or 6" (English), "1、2、3 或 6" (Chinese).
pub fn divisor_list(n: usize, comma: &str, or: &str) -> String {
    let all: Vec<String> =
        (1..=n.min(10_000)).filter(|g| n.is_multiple_of(*g)).take(12).map(|g| g.to_string()).collect();
    match all.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {or} {last}", rest.join(comma)),
        None => "1".into(),
    }
}

/// A shape as PyTorch prints it in a message: `[4, 6, 1]`.
pub fn shape_text(shape: &[usize]) -> String {
    let parts: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    format!("[{}]", parts.join(", "))
}

impl BnError {
    /// `value`, a count, is one from `min` to `max`; else [`BnError::NotWholeNumber`], told as
    /// the boxes tell counts ("a whole number from 2 to 256").
    pub fn check_count(what: &'static str, value: usize, min: usize, max: usize) -> Result<(), BnError> {
        if (min..=max).contains(&value) {
            Ok(())
        } else {
            Err(BnError::NotWholeNumber { what, value: value as f64, min, max })
        }
    }

    /// What PyTorch (2.15) raises for the same situation, verbatim, when it raises at all.
    /// `.ci/pytorch-check` runs each situation in PyTorch and compares.
    pub fn pytorch_message(&self) -> Option<String> {
        match self {
            BnError::WrongDims { dims, layer: "GroupNorm" } => {
                Some(format!("RuntimeError: Expected at least 2 dimensions for input tensor but received {dims}"))
            }
            BnError::WrongDims { dims, .. } => Some(format!("ValueError: expected 2D or 3D input (got {dims}D input)")),
            BnError::WrongFeatureCount { expected, got, shape, param, layer } => Some(match *layer {
                "GroupNorm" => format!(
                    "RuntimeError: Expected {param} to be a vector of size equal to the number of channels in input, but got {param} of shape [{expected}] and input of shape {}",
                    shape_text(shape)
                ),
                // F.instance_norm repeats the running statistics once per sample: N·C counted.
                "InstanceNorm1d" if *param == "running_mean" => {
                    let n = if shape.len() == 3 { shape[0] } else { 1 };
                    format!("RuntimeError: running_mean should contain {} elements not {}", n * got, n * expected)
                }
                "InstanceNorm1d" => format!(
                    "ValueError: expected input's size at dim={} to match num_features ({expected}), but got: {got}.",
                    feature_axis(layer, shape)
                ),
                _ => format!("RuntimeError: {param} should contain {got} elements not {expected}"),
            }),
            BnError::GroupsDoNotDivide { groups: 0, .. } => Some("ZeroDivisionError: integer modulo by zero".into()),
            BnError::GroupsDoNotDivide { groups, channels } => {
                Some(format!("ValueError: num_channels ({channels}) must be divisible by num_groups ({groups})"))
            }
            BnError::ChannelsDoNotSplit { groups, shape } => Some(format!(
                "RuntimeError: Expected number of channels in input to be divisible by num_groups, but got input of shape {} and num_groups={groups}",
                shape_text(shape)
            )),
            BnError::NormalizedShapeMismatch { normalized_shape, shape } => {
                let dims: Vec<String> = normalized_shape.iter().map(|d| d.to_string()).collect();
                Some(format!(
                    "RuntimeError: Given normalized_shape={}, expected input with shape [*, {}], but got input of size{}",
                    shape_text(normalized_shape),
                    dims.join(", "),
                    shape_text(shape)
                ))
            }
            BnError::OnePositionPerInstance { shape } => {
                // PyTorch checks an unbatched (C, L) input after adding the batch axis.
                let batched: Vec<usize> = if shape.len() == 2 { [&[1], &shape[..]].concat() } else { shape.clone() };
                Some(format!(
                    "ValueError: Expected more than 1 spatial element when training, got input size torch.Size({})",
                    shape_text(&batched)
                ))
            }
            BnError::EpsNotPositiveWithBatchStats(eps) => {
                Some(format!("ValueError: batch_norm eps must be positive during training, but got {}", python_str(*eps)))
            }
            BnError::NegativeEpsWithRunningStats(eps) => {
                Some(format!("ValueError: batch_norm eps must be non-negative, but got {}", python_str(*eps)))
            }
            BnError::OneValuePerFeature { shape, .. } => Some(format!(
                "ValueError: Expected more than 1 value per channel when training, got input size torch.Size({})",
                shape_text(shape)
            )),
            BnError::OneValuePerGroup { shape, groups } => {
                // F.group_norm checks the shape [N·C/G, G, *rest] (a list, not a torch.Size).
                let (n, c) = (shape.first().copied().unwrap_or(0), shape.get(1).copied().unwrap_or(0));
                let mut checked = vec![(n * c).checked_div(*groups).unwrap_or(0), *groups];
                checked.extend(shape.iter().skip(2));
                Some(format!(
                    "ValueError: Expected more than 1 value per channel when training, got input size {}",
                    shape_text(&checked)
                ))
            }
            _ => None,
        }
    }
}

/// A float as Python's `str` (and an f-string) prints it: `0.0`, `-0.0`, `-0.001`, `-1e-05`,
/// `-1e+20`, `nan`, `inf`, `-inf` — the shortest digits that read back, positional for decimal
/// exponents −4 … 15 (always with a fraction), else `d.ddde±XX`, as CPython does.
pub fn python_str(x: f64) -> String {
    if x.is_nan() {
        "nan".into()
    } else if x.is_infinite() {
        if x < 0.0 { "-inf" } else { "inf" }.into()
    } else {
        python_digits(&format!("{x:e}"))
    }
}

/// CPython's `repr` of a finite number from the shortest digits Rust's `{:e}` wrote for it.
pub fn python_digits(scientific: &str) -> String {
    let Some((mantissa, exp)) = scientific.split_once('e') else { return scientific.to_string() };
    let Ok(exp) = exp.parse::<i32>() else { return scientific.to_string() };
    let (sign, mantissa) = mantissa.strip_prefix('-').map_or(("", mantissa), |m| ("-", m));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if !(-4..16).contains(&exp) {
        let exp_sign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{mantissa}e{exp_sign}{:02}", exp.unsigned_abs());
    }
    if exp < 0 {
        return format!("{sign}0.{}{digits}", "0".repeat((-exp - 1) as usize));
    }
    let int_len = exp as usize + 1;
    if digits.len() <= int_len {
        format!("{sign}{digits}{}.0", "0".repeat(int_len - digits.len()))
    } else {
        format!("{sign}{}.{}", &digits[..int_len], &digits[int_len..])
    }
}

/// The input's feature axis: dimension 1, or 0 for InstanceNorm1d's unbatched `(C, L)`.
pub fn feature_axis(layer: &str, shape: &[usize]) -> usize {
    if layer == "InstanceNorm1d" && shape.len() == 2 {
        0
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{BatchNorm1d, BatchNormConfig};

    /// The refusal says whether eval mode has running statistics to use (the text layer's
    /// advice depends on it: `i18n::tests::a_batch_of_one_gets_advice_that_fits_the_layer`).
    #[test]
    fn a_batch_of_one_records_whether_there_are_running_stats() {
        let tracked = BatchNorm1d::new(BatchNormConfig::new(3)).unwrap().forward(&[1.0, 2.0, 3.0], &[1, 3]);
        let err = tracked.unwrap_err();
        assert_eq!(err, BnError::OneValuePerFeature { shape: vec![1, 3], has_running_stats: true });

        let config = BatchNormConfig { track_running_stats: false, ..BatchNormConfig::new(3) };
        let mut untracked = BatchNorm1d::new(config).unwrap();
        untracked.set_training(false);
        let err = untracked.forward(&[1.0, 2.0, 3.0], &[1, 3]).unwrap_err();
        assert_eq!(err, BnError::OneValuePerFeature { shape: vec![1, 3], has_running_stats: false });
        assert_eq!(
            err.pytorch_message().unwrap(),
            "ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 3])"
        );
    }

    /// PyTorch's words with its eps as `f"{eps}"` prints it (checked in torch 2.15).
    #[test]
    fn eps_refusals_quote_pytorch_with_its_float() {
        let cases = [
            (BnError::EpsNotPositiveWithBatchStats(0.0), "must be positive during training, but got 0.0"),
            (BnError::EpsNotPositiveWithBatchStats(-0.0), "must be positive during training, but got -0.0"),
            (BnError::EpsNotPositiveWithBatchStats(-1e-3), "must be positive during training, but got -0.001"),
            (BnError::EpsNotPositiveWithBatchStats(-1e-50), "must be positive during training, but got -1e-50"),
            (
                BnError::EpsNotPositiveWithBatchStats(f64::NEG_INFINITY),
                "must be positive during training, but got -inf",
            ),
            (BnError::NegativeEpsWithRunningStats(-1.0), "must be non-negative, but got -1.0"),
            (BnError::NegativeEpsWithRunningStats(-1e20), "must be non-negative, but got -1e+20"),
        ];
        for (error, words) in cases {
            assert_eq!(error.pytorch_message().unwrap(), format!("ValueError: batch_norm eps {words}"));
        }
    }

    #[test]
    fn python_str_prints_as_cpython() {
        for (x, text) in [(1e-5, "1e-05"), (0.0001, "0.0001"), (1e16, "1e+16"), (123.0, "123.0"), (f64::NAN, "nan")] {
            assert_eq!(python_str(x), text);
        }
    }
}
