//! The page's charts, one module each, every one a function over any plotters `DrawingBackend`:
//! the same code draws on a `<canvas>` in the browser and into an SVG in native tests.
//!
//! A chart takes a plain "view" struct (numbers already computed by the core) and a [`Style`];
//! it never computes statistics itself beyond binning what it is given. This module holds the
//! view structs (and their [`Fingerprint`], what the page compares to skip an unchanged chart);
//! `common.rs` the palette, legend, layout helpers and [`common::Shapes`] (many marks as one
//! element); `text.rs` the one text-width estimate, wrapping and ellipsis. Every chart costs what
//! the eye can see: marks of a colour are one element, and samples or features closer than a
//! couple of pixels are drawn as per-column ranges. The interactive charts (features, samples,
//! the norm grid) return where they drew ([`PlotArea`], [`norm_grid::GridMap`]) so clicks and
//! taps map back through the drawing itself ([`Picks`]). No chart imports a web crate.

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
pub mod text;

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

// The palette lives in common.rs; the charts and tests still reach it here.
pub use common::{INPUT, OUTPUT, RUNNING, SELECTED, TEXT, TRUTH, WITHOUT_BN, WITH_BN};

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
    /// Each step's own batch mean and unbiased variance: the batch its training pass moved the
    /// running statistics toward (NaN for a step with none).
    pub batch_mean: Vec<f32>,
    pub batch_var: Vec<f32>,
    /// An eval pass's batch (its mean and unbiased variance), drawn apart from the steps'
    /// batches, as a ring at the last step: it moved nothing.
    pub eval_batch: Option<(f32, f32)>,
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
    /// `[model][percentile 15, 50, 85][step]`
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
    /// `[model][min, max][probe]`
    pub loss: [[Vec<f32>; 2]; 2],
    /// `[model][min, max][probe]`
    pub grad_change: [[Vec<f32>; 2]; 2],
    /// `[model][probe]`
    pub beta: [Vec<f32>; 2],
    /// The two models' names (i18n keys).
    pub names: [&'static str; 2],
    /// Whether the models are probed as they train (the Santurkar et al. preset, or "probe").
    pub probing: bool,
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
    /// The training steps of a run at each batch size (empty before a sweep): written under the
    /// batch sizes, since a large batch's few steps, not its batch, lower every line there.
    pub steps: Vec<u64>,
}

/// What [`digits::draw`] shows: a few test digits (8×8 pixels in 0…1, row by row) with their
/// label and both models' predictions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DigitsView {
    pub images: Vec<[f32; 64]>,
    pub labels: Vec<usize>,
    pub predicted: [Vec<usize>; 2],
    /// The two models' names and short names (i18n keys); "" for the tutorial's pair.
    pub names: [&'static str; 2],
    pub short: [&'static str; 2],
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

/// Where a chart's last draw put its plot, in backend pixels, and the values at its edges: what a
/// click or tap is mapped back through, so the pointer always meets what was drawn. The page's
/// pointer gives CSS pixels of an element `width` × `height` CSS pixels big; the drawing's
/// `size` over that converts them (whatever the ratio or presenter scale was).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PlotArea {
    /// The whole drawing's size in backend pixels.
    pub size: (u32, u32),
    /// Backend pixels of the axis ends: x of `x.0` and of `x.1`, y of `y.0` and of `y.1`.
    pub px: (f64, f64),
    pub py: (f64, f64),
    /// The axis ranges drawn there.
    pub x: (f64, f64),
    pub y: (f64, f64),
    /// How many items (features, samples) the x axis holds; item k is centred at x = k.
    pub items: usize,
}

impl PlotArea {
    /// A CSS-pixel point of an element `width` × `height` CSS pixels big, in backend pixels;
    /// None for a point that is not a number or an element of no size.
    pub fn backend(&self, x: f64, y: f64, width: f64, height: f64) -> Option<(f64, f64)> {
        let ok = |v: f64| v.is_finite();
        if !(ok(x) && ok(y) && ok(width) && ok(height)) || width <= 0.0 || height <= 0.0 {
            return None;
        }
        Some((x * self.size.0 as f64 / width, y * self.size.1 as f64 / height))
    }

    /// The x value at backend pixel column `px` (None outside the plot).
    pub fn value_x(&self, px: f64) -> Option<f64> {
        let (a, b) = (self.px.0.min(self.px.1), self.px.0.max(self.px.1));
        if !(px >= a - 0.5 && px <= b + 0.5) || b - a <= 0.0 {
            return None;
        }
        Some(self.x.0 + (px - self.px.0) / (self.px.1 - self.px.0) * (self.x.1 - self.x.0))
    }

    /// The y value at backend pixel row `py` (None outside the plot).
    pub fn value_y(&self, py: f64) -> Option<f64> {
        let (a, b) = (self.py.0.min(self.py.1), self.py.0.max(self.py.1));
        if !(py >= a - 0.5 && py <= b + 0.5) || b - a <= 0.0 {
            return None;
        }
        Some(self.y.0 + (py - self.py.0) / (self.py.1 - self.py.0) * (self.y.1 - self.y.0))
    }

    /// The item whose slot [k − ½, k + ½] holds backend pixel column `px`.
    pub fn item_at(&self, px: f64) -> Option<usize> {
        let k = (self.value_x(px)? + 0.5).floor();
        (k >= 0.0 && k < self.items as f64).then_some(k as usize)
    }

    /// The backend pixel column of x value `v`.
    pub fn pixel_x(&self, v: f64) -> f64 {
        self.px.0 + (v - self.x.0) / (self.x.1 - self.x.0) * (self.px.1 - self.px.0)
    }

    /// The backend pixel row of y value `v`.
    pub fn pixel_y(&self, v: f64) -> f64 {
        self.py.0 + (v - self.y.0) / (self.y.1 - self.y.0) * (self.py.1 - self.py.0)
    }
}

/// What the interactive charts' last draws recorded, for the clicks and taps that follow.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Picks {
    pub features: Option<PlotArea>,
    pub samples: Option<PlotArea>,
    pub norm_grid: Option<norm_grid::GridMap>,
    /// How many test digits the digits chart last showed on the page (its box may hold fewer
    /// than [`digits::MAX_DIGITS`]): its summary says that many.
    pub digits: Option<digits::Shown>,
}

/// A view's bits, fed to a hasher: what the page compares to know whether a chart changed,
/// without formatting the view (which for a batch of 4096 cost more than drawing it). Floats
/// count by their bits, so a NaN equals the same NaN.
pub trait Fingerprint {
    fn fingerprint<H: std::hash::Hasher>(&self, h: &mut H);

    /// The fingerprint as one number.
    fn fingerprint64(&self) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.fingerprint(&mut h);
        std::hash::Hasher::finish(&h)
    }
}

impl Fingerprint for f32 {
    fn fingerprint<H: std::hash::Hasher>(&self, h: &mut H) {
        h.write_u32(self.to_bits());
    }
}

impl Fingerprint for f64 {
    fn fingerprint<H: std::hash::Hasher>(&self, h: &mut H) {
        h.write_u64(self.to_bits());
    }
}

macro_rules! fingerprint_int {
    ($($t:ty),*) => {$(
        impl Fingerprint for $t {
            fn fingerprint<H: std::hash::Hasher>(&self, h: &mut H) {
                std::hash::Hash::hash(self, h);
            }
        }
    )*};
}
fingerprint_int!(u64, usize, bool, String, &'static str);

impl<T: Fingerprint> Fingerprint for [T] {
    fn fingerprint<H: std::hash::Hasher>(&self, h: &mut H) {
        h.write_usize(self.len());
        self.iter().for_each(|v| v.fingerprint(h));
    }
}

impl<T: Fingerprint> Fingerprint for Vec<T> {
    fn fingerprint<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_slice().fingerprint(h);
    }
}

impl<T: Fingerprint, const K: usize> Fingerprint for [T; K] {
    fn fingerprint<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_slice().fingerprint(h);
    }
}

impl<T: Fingerprint> Fingerprint for Option<T> {
    fn fingerprint<H: std::hash::Hasher>(&self, h: &mut H) {
        h.write_u8(u8::from(self.is_some()));
        if let Some(v) = self {
            v.fingerprint(h);
        }
    }
}

impl<A: Fingerprint, B: Fingerprint> Fingerprint for (A, B) {
    fn fingerprint<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.fingerprint(h);
        self.1.fingerprint(h);
    }
}

impl<A: Fingerprint, B: Fingerprint, C: Fingerprint> Fingerprint for (A, B, C) {
    fn fingerprint<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.fingerprint(h);
        self.1.fingerprint(h);
        self.2.fingerprint(h);
    }
}

macro_rules! fingerprint_struct {
    ($($t:ty { $($field:ident),* })*) => {$(
        impl Fingerprint for $t {
            fn fingerprint<H: std::hash::Hasher>(&self, h: &mut H) {
                // Every field, so a field added to the struct must be added here.
                let Self { $($field),* } = self;
                $($field.fingerprint(h);)*
            }
        }
    )*};
}

fingerprint_struct! {
    DistributionView { feature, input, output, marked, other }
    FeaturesView { input_mean, input_std, output_mean, output_std, selected }
    RunningView { feature, steps, running_mean, running_var, batch_mean, batch_var, eval_batch, true_mean, true_var }
    SamplesView { feature, input, output, selected, unedited }
    GradientsView { feature, grad_input, constants, per_sample, selected }
    CurvesView { steps, loss, accuracy_steps, accuracy, names }
    PercentilesView { unit, steps, percentiles, names, input_of }
    SweepView { learning_rates, accuracy, steps, names }
    LandscapeView { steps, loss, grad_change, beta, names, probing }
    BatchSweepView { batch_sizes, names, accuracy, epochs, steps }
    DigitsView { images, labels, predicted, names, short }
    NormPanel { name, over, group, output, refusal }
    NormsView { n, c, l, input, cell, panels }
}
