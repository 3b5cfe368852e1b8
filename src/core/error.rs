//! Everything the core can refuse, with a message a student understands.
//!
//! Where PyTorch raises for the same input, `pytorch_message` gives PyTorch's own words,
//! so the page can show both.

use std::fmt;

/// Why the core refused a call. A refused call changes no state (the one exception is
/// PyTorch's own: see [`crate::core::batchnorm::BatchNorm1d::forward`]).
#[derive(Debug, Clone, PartialEq)]
pub enum BnError {
    /// A layer needs at least one feature.
    NoFeatures,
    /// eps is added to the variance before the square root; it must not be negative.
    BadEps(f32),
    /// eps = 0 works only with running statistics: a batch variance of 0 would divide by zero.
    ZeroEpsWithBatchStats,
    /// momentum must be a finite number (or None for a cumulative average).
    BadMomentum(f32),
    /// A setting (γ, β, a running statistic, …) that is NaN or infinite.
    NotFinite { what: &'static str },
    /// BatchNorm1d takes `(N, C)` or `(N, C, L)`.
    WrongDims { dims: usize },
    /// The input's feature axis does not match `num_features`.
    WrongFeatureCount { expected: usize, got: usize, shape: Vec<usize>, param: &'static str },
    /// Batch statistics from a single value per feature are meaningless.
    OneValuePerFeature { shape: Vec<usize> },
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
    /// The user's own batch fixes N, C and L.
    FixedByOwnData { what: &'static str },
    /// A CSV cell that cannot be a value of the batch (rows and columns count from 1).
    BadCsv { row: usize, column: usize, why: &'static str },
    /// The Train view has not trained a model yet.
    NoTrainedModel,
    /// The page sent an action with the wrong kind of value (a bug in the page, not the user's).
    BadArgument { what: &'static str },
    /// A number box left empty.
    EmptyBox { what: &'static str },
    /// A number box holding something that is not a number (quoted, at most 40 characters).
    NotANumber { what: &'static str, typed: String },
    /// An action the page does not know (quoted, at most 40 characters).
    UnknownAction { name: String },
    /// Nothing to export: the current step was refused, so there is no output.
    NothingToExport,
    /// A CSV larger than the page reads (refused before it is read).
    CsvTooLarge { chars: usize, max: usize },
    /// A language the page does not have (quoted, at most 20 characters).
    UnknownLanguage { code: String },
}

/// "1, 2, 3 or 6": the numbers of groups that divide `n` (at most 12 of them).
fn divisors(n: usize) -> String {
    let all: Vec<String> =
        (1..=n.min(10_000)).filter(|g| n.is_multiple_of(*g)).take(12).map(|g| g.to_string()).collect();
    match all.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => "1".into(),
    }
}

/// A number as a refusal quotes it: short, never 300 digits (1e308 stays "1e308").
pub fn short(x: f64) -> String {
    if x != 0.0 && x.is_finite() && (x.abs() >= 1e9 || x.abs() < 1e-4) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

fn shape_text(shape: &[usize]) -> String {
    let parts: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    format!("[{}]", parts.join(", "))
}

impl BnError {
    /// What PyTorch raises for the same situation, verbatim, when it raises at all.
    pub fn pytorch_message(&self) -> Option<String> {
        match self {
            BnError::WrongDims { dims } => Some(format!("ValueError: expected 2D or 3D input (got {dims}D input)")),
            BnError::WrongFeatureCount { expected, got, param, .. } => {
                Some(format!("RuntimeError: {param} should contain {got} elements not {expected}"))
            }
            BnError::GroupsDoNotDivide { .. } => {
                Some("ValueError: num_channels must be divisible by num_groups".into())
            }
            BnError::OnePositionPerInstance { shape } => Some(format!(
                "ValueError: Expected more than 1 spatial element when training, got input size torch.Size({})",
                shape_text(shape)
            )),
            BnError::ZeroEpsWithBatchStats => {
                Some("RuntimeError: batch_norm eps must be positive during training, but got 0.0".into())
            }
            BnError::OneValuePerFeature { shape } => Some(format!(
                "ValueError: Expected more than 1 value per channel when training, got input size torch.Size({})",
                shape_text(shape)
            )),
            _ => None,
        }
    }
}

impl fmt::Display for BnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BnError::NoFeatures => write!(f, "A BatchNorm1d layer needs at least one feature."),
            BnError::BadEps(eps) => write!(
                f,
                "eps must be a positive number (got {eps}): it keeps 1/√(σ² + eps) finite when a feature's variance is 0."
            ),
            BnError::ZeroEpsWithBatchStats => write!(
                f,
                "eps = 0 works only in eval mode with running statistics: normalizing with a batch's own variance, a feature whose values are all equal would divide by zero."
            ),
            BnError::BadMomentum(m) => write!(
                f,
                "momentum must be a number like 0.1 (got {m}), or None for a cumulative average."
            ),
            BnError::NotFinite { what } => write!(f, "{what} must be a finite number, not NaN or infinity."),
            BnError::WrongDims { dims } => write!(
                f,
                "BatchNorm1d takes a batch shaped (N, C) or (N, C, L), but this input has {dims} dimension{}.",
                if *dims == 1 { "" } else { "s" }
            ),
            BnError::WrongFeatureCount { expected, got, shape, .. } => write!(
                f,
                "The layer was built for {expected} features, but the input {} has {got} on its feature axis (dimension 1).",
                shape_text(shape)
            ),
            BnError::OneValuePerFeature { shape } => write!(
                f,
                "Training needs more than one value per feature: input {} gives each feature a single value, so its batch variance is undefined. Use a batch of 2 or more, or switch to eval mode, which uses the running statistics.",
                shape_text(shape)
            ),
            BnError::WrongLength { what, expected, got } => {
                write!(f, "{what} should hold {expected} numbers, but it holds {got}.")
            }
            BnError::OutOfRange { what, index, len } => {
                write!(f, "There is no {what} {index}: valid ones are 0 to {}.", len.saturating_sub(1))
            }
            BnError::OutOfBounds { what, value, min, max } => {
                write!(f, "{what} must be between {} and {} (got {}).", short(*min), short(*max), short(*value))
            }
            BnError::NotWholeNumber { what, value, min, max } => {
                write!(f, "{what} must be a whole number from {min} to {max} (got {}).", short(*value))
            }
            BnError::GroupsDoNotDivide { groups, channels } => write!(
                f,
                "GroupNorm splits the {channels} features into {groups} equal groups, so the number of groups must divide the number of features ({channels} is not a multiple of {groups}; try {}).",
                divisors(*channels)
            ),
            BnError::OnePositionPerInstance { shape } => write!(
                f,
                "InstanceNorm1d normalizes each sample's feature over its L positions, but input {} has L = 1: one value has no variance. Use L of 2 or more.",
                shape_text(shape)
            ),
            BnError::FixedByOwnData { what } => {
                write!(f, "Your own data fixes {what}: switch back to generated data to change it.")
            }
            BnError::BadCsv { row, column, why } => write!(f, "CSV row {row}, column {column}: {why}."),
            BnError::Missing { what } => write!(f, "This layer has no {what}."),
            BnError::NoTrainedModel => write!(f, "There is no trained model yet: open the Train view and let the digits load."),
            BnError::BadArgument { what } => write!(f, "The page sent {what} a value of the wrong kind."),
            BnError::EmptyBox { what } => write!(f, "The box for {what} is empty: type a number."),
            BnError::NotANumber { what, typed } => write!(f, "{what}: \"{typed}\" is not a number."),
            BnError::UnknownAction { name } => write!(f, "The page does not know the action \"{name}\"."),
            BnError::CsvTooLarge { chars, max } => write!(f, "This CSV has {chars} characters; the page reads at most {max} (a batch of at most 4096 rows)."),
            BnError::UnknownLanguage { code } => write!(f, "The page has no language \"{code}\": use en, zh-Hant or zh-Hans."),
            BnError::NothingToExport => write!(f, "Nothing to export: this step was refused, so there is no output. Change the setting that was refused first."),
        }
    }
}

impl std::error::Error for BnError {}
