//! The page's charts, one module each, every one a function over any plotters `DrawingBackend`:
//! the same code draws on a `<canvas>` in the browser and into an SVG in native tests.
//!
//! A chart takes a plain "view" struct (numbers already computed by the core) and a [`Style`];
//! it never computes statistics itself beyond binning what it is given.

pub mod batch_sweep;
pub mod common;
pub mod curves;
pub mod digits;
pub mod distribution;
pub mod features;
pub mod gradients;
pub mod landscape;
pub mod norm_grid;
pub mod norm_outputs;
pub mod percentiles;
pub mod running;
pub mod samples;
pub mod sweep;

use plotters::style::RGBColor;

use crate::i18n::Lang;

/// Sizes and colours shared by every chart. `scale` multiplies every pixel size, so a chart is
/// crisp on a high-DPI screen (scale = devicePixelRatio) and readable on a projector (larger).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub scale: f64,
    /// The language of titles, legends and axis names.
    pub lang: Lang,
}

impl Default for Style {
    fn default() -> Self {
        Style { scale: 1.0, lang: Lang::En }
    }
}

impl Style {
    /// A pixel size at this scale.
    pub fn px(&self, size: f64) -> u32 {
        (size * self.scale).round().max(1.0) as u32
    }

    /// Font size for axis labels and legends.
    pub fn font(&self) -> f64 {
        14.0 * self.scale
    }

    /// Font size for chart titles.
    pub fn title_font(&self) -> f64 {
        16.0 * self.scale
    }
}

/// The palette: input is blue, output orange, running statistics green, truth grey.
/// (Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.)
pub const INPUT: RGBColor = RGBColor(0, 114, 178);
pub const OUTPUT: RGBColor = RGBColor(213, 94, 0);
pub const RUNNING: RGBColor = RGBColor(0, 158, 115);
pub const TRUTH: RGBColor = RGBColor(90, 90, 90);
pub const SELECTED: RGBColor = RGBColor(204, 121, 167);
pub const TEXT: RGBColor = RGBColor(25, 25, 25);
/// The Train view's two models: with BatchNorm1d (bluish green) and without (orange).
pub const WITH_BN: RGBColor = RGBColor(0, 158, 115);
pub const WITHOUT_BN: RGBColor = RGBColor(230, 159, 0);

/// What [`distribution::draw`] shows: one feature's values before and after the layer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DistributionView {
    /// Which feature (for the title).
    pub feature: usize,
    /// The feature's m input values x.
    pub input: Vec<f32>,
    /// The same values after the layer, y.
    pub output: Vec<f32>,
    /// One sample's value to mark on both histograms (the step-by-step sample), if any.
    pub marked: Option<(f32, f32)>,
    /// The same batch's output in the other mode (train ↔ eval), to overlay.
    pub other: Option<Vec<f32>>,
}

/// What [`features::draw`] shows: every feature's mean and spread, before and after.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FeaturesView {
    /// Per feature: mean and standard deviation (biased) of the input over the batch.
    pub input_mean: Vec<f32>,
    pub input_std: Vec<f32>,
    /// The same for the output.
    pub output_mean: Vec<f32>,
    pub output_std: Vec<f32>,
    /// The highlighted feature.
    pub selected: usize,
}

/// What [`running::draw`] shows: one feature's running statistics over the steps taken.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunningView {
    pub feature: usize,
    /// Step numbers (1, 2, …) of the records below.
    pub steps: Vec<u64>,
    /// running_mean and running_var after each step (None without tracking).
    pub running_mean: Vec<f32>,
    pub running_var: Vec<f32>,
    /// Each step's own batch mean and unbiased variance.
    pub batch_mean: Vec<f32>,
    pub batch_var: Vec<f32>,
    /// The generator's true mean and variance of this feature.
    pub true_mean: f32,
    pub true_var: f32,
}

/// What [`samples::draw`] shows: every sample's input and output for one feature.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SamplesView {
    pub feature: usize,
    /// x and y of each sample (position 0 of an `(N, C, L)` input), at most [`samples::MAX_SAMPLES`].
    pub input: Vec<f32>,
    pub output: Vec<f32>,
    /// The followed sample.
    pub selected: usize,
    /// The outputs before values were set by hand (empty when none were): drawn hollow, so a
    /// student sees which outputs moved.
    pub unedited: Vec<f32>,
}

/// What [`gradients::draw`] shows: ∂L/∂x of every value of the followed feature (beside the
/// per-sample chart), with the wrong "constants" gradient in train mode.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GradientsView {
    pub feature: usize,
    /// ∂L/∂x per value of the feature, sample by sample (`per_sample` values each for `(N, C, L)`).
    pub grad_input: Vec<f32>,
    /// γ·∂L/∂y/√(σ²_B + eps) in the same order: what treating μ_B and σ²_B as constants would
    /// give (drawn hollow); empty when not shown (eval mode, where that formula is the right one).
    pub constants: Vec<f32>,
    /// L: values per sample (1 for `(N, C)` input).
    pub per_sample: usize,
    /// The followed sample.
    pub selected: usize,
}

/// The Train view: index 0 of every pair is the model with BatchNorm1d, index 1 the one without.
/// What [`curves::draw`] shows: training loss per step and test accuracy now and then.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CurvesView {
    pub steps: Vec<u64>,
    /// Each step's training loss (cross-entropy on that mini-batch); NaN once a model diverged.
    pub loss: [Vec<f32>; 2],
    /// The steps at which test accuracy was measured, and the accuracy (0…1) there.
    pub accuracy_steps: Vec<u64>,
    pub accuracy: [Vec<f32>; 2],
    /// The two models' names (i18n keys); empty: "with BatchNorm1d", "without BatchNorm1d".
    pub names: [&'static str; 2],
}

/// What [`percentiles::draw`] shows: one hidden unit's input to ReLU over the steps, as its
/// 15th, 50th and 85th percentiles over each step's batch (in the spirit of Ioffe & Szegedy
/// 2015, Figure 1).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PercentilesView {
    pub unit: usize,
    pub steps: Vec<u64>,
    /// [model][percentile 15, 50, 85][step]
    pub percentiles: [[Vec<f32>; 3]; 2],
    /// The two models' names (i18n keys); empty: "with BatchNorm1d", "without BatchNorm1d".
    pub names: [&'static str; 2],
    /// The y axis (an i18n key: "input to ReLU", "input to sigmoid", …); empty: "input to ReLU".
    pub input_of: &'static str,
}

/// What [`sweep::draw`] shows: test accuracy after a fixed number of steps, per learning rate.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SweepView {
    /// Every learning rate of the sweep (log-spaced), including those not run yet.
    pub learning_rates: Vec<f64>,
    /// Accuracy (0…1) for the first `accuracy[m].len()` learning rates; NaN when a model diverged.
    pub accuracy: [Vec<f32>; 2],
    /// Steps per run.
    pub steps: u64,
    /// The two models' names (i18n keys); empty: "with BatchNorm1d", "without BatchNorm1d".
    pub names: [&'static str; 2],
}

/// What [`landscape::draw`] shows (Santurkar et al. 2018, Fig. 4): every few steps, along the
/// gradient g at θ, for a few step sizes η — the range of L(θ − η·g), the range of
/// ‖∇L(θ − η·g) − g‖, and the largest ‖∇L(θ − η·g) − g‖ / (η‖g‖) — for both models.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LandscapeView {
    pub steps: Vec<u64>,
    /// [model][min, max][probe]
    pub loss: [[Vec<f32>; 2]; 2],
    /// [model][min, max][probe]
    pub grad_change: [[Vec<f32>; 2]; 2],
    /// [model][probe]
    pub beta: [Vec<f32>; 2],
    /// The two models' names (i18n keys).
    pub names: [&'static str; 2],
}

/// What [`batch_sweep::draw`] shows (Wu & He 2018, Fig. 1): test accuracy against batch size for
/// each norm, every run trained the same number of epochs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BatchSweepView {
    pub batch_sizes: Vec<usize>,
    /// The norms' names (i18n keys), one per line.
    pub names: Vec<&'static str>,
    /// [norm][batch size]: accuracy (0…1) of the runs done so far; NaN when a run diverged.
    pub accuracy: Vec<Vec<f32>>,
    pub epochs: u64,
}

/// What [`digits::draw`] shows: a few test digits (8×8 pixels in 0…1, row by row) with their
/// label and both models' predictions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DigitsView {
    pub images: Vec<[f32; 64]>,
    pub labels: Vec<usize>,
    pub predicted: [Vec<usize>; 2],
}

/// One normalization layer as the comparison view draws it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NormPanel {
    /// "BatchNorm1d", "LayerNorm", "InstanceNorm1d", "GroupNorm".
    pub name: String,
    /// What it normalizes over: an i18n key in English ("per feature, over N and L"); the charts
    /// translate it.
    pub over: String,
    /// Row-major `(N, C, L)` flat indices that share one mean and variance with the hovered cell.
    pub group: Vec<usize>,
    /// The layer's output, row-major `(N, C, L)`; empty when PyTorch would refuse the input.
    pub output: Vec<f32>,
    /// Why there is no output (e.g. "C = 6 is not divisible by 4 groups").
    pub refusal: Option<String>,
}

/// What [`norm_grid::draw`] and [`norm_outputs::draw`] show: one `(N, C, L)` batch and four
/// layers' view of it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NormsView {
    pub n: usize,
    pub c: usize,
    pub l: usize,
    /// The input, row-major `(N, C, L)`.
    pub input: Vec<f32>,
    /// The hovered (or clicked) cell: sample, feature, position.
    pub cell: (usize, usize, usize),
    /// BatchNorm1d, LayerNorm, InstanceNorm1d, GroupNorm, in that order.
    pub panels: Vec<NormPanel>,
}
