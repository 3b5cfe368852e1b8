//! The playground's state machine, with no web dependency: one BatchNorm1d layer fed by a
//! seeded data source, one Step at a time, with every setting the page has.
//!
//! The rules a user sees:
//! - **Step** draws batch k (a pure function of the data settings and k) and runs `bn(x)`.
//! - Moving a layer control (eps, momentum, γ, β) or the batch size **redoes the last step** with
//!   the new setting, from the state before it: the page always shows "the last step, as it
//!   would have gone with these settings".
//! - Switching train/eval is `bn.train()` / `bn.eval()` followed by `bn(x)` on the **same** batch,
//!   from the current state: eval shows that batch through the running statistics and changes
//!   nothing; back in train it is a real training forward, so the running stats move again.
//! - Building a different layer (C, affine, track_running_stats) or a different data source
//!   (distribution, shift, spread, seed) starts over: **Reset**, then one step.
//! - A refused step keeps the layer as it was, except for PyTorch's own num_batches_tracked
//!   increment, which the page points out.

use crate::charts::{DistributionView, FeaturesView, RunningView};
use crate::core::stats::mean_std;
use crate::core::{BatchNorm1d, BatchNormConfig, BnError, DataSpec, Distribution, Generator, Trace};

/// The most steps the running-statistics chart remembers.
pub const HISTORY_LIMIT: usize = 500;
pub const MAX_FEATURES: usize = 1024;
pub const MAX_BATCH: usize = 4096;
pub const MAX_LENGTH: usize = 64;
/// Largest N·C·L one step may hold (N = 4096, C = 128, L = 4 is 2 Mi values).
pub const MAX_VALUES: usize = 1 << 21;

/// Every control of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub layer: BatchNormConfig,
    /// `bn.train()` when true, `bn.eval()` when false.
    pub training: bool,
    pub data: DataSpec,
    /// N
    pub batch_size: usize,
    /// L of an `(N, C, L)` input; 0 means `(N, C)` input.
    pub length: usize,
    pub feature: usize,
    pub sample: usize,
}

impl Default for Settings {
    /// The page's start: `nn.BatchNorm1d(128)` after a Linear-like layer, batches of 32.
    fn default() -> Self {
        Settings {
            layer: BatchNormConfig::new(128),
            training: true,
            data: DataSpec::new(128, 1),
            batch_size: 32,
            length: 0,
            feature: 0,
            sample: 0,
        }
    }
}

impl Settings {
    /// The input's dims: `[N, C]` or `[N, C, L]`.
    pub fn dims(&self) -> Vec<usize> {
        let (n, c) = (self.batch_size, self.layer.num_features);
        if self.length == 0 {
            vec![n, c]
        } else {
            vec![n, c, self.length]
        }
    }
}

/// One step's statistics, for the running-statistics chart.
#[derive(Debug, Clone, PartialEq)]
pub struct StepRecord {
    pub step: u64,
    pub running_mean: Option<Vec<f32>>,
    pub running_var: Option<Vec<f32>>,
    pub batch_mean: Vec<f32>,
    /// Unbiased (what running_var averages); the biased one when m = 1.
    pub batch_var: Vec<f32>,
}

/// A refused step: why, and whether PyTorch's num_batches_tracked still went up.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub error: BnError,
    pub counted: bool,
}

pub struct Lab {
    settings: Settings,
    generator: Generator,
    /// The layer before the current step: replays start here.
    before: BatchNorm1d,
    /// The layer after the current step.
    layer: BatchNorm1d,
    /// Batches drawn since Reset (the current one is batch `steps − 1`).
    steps: u64,
    batch: Vec<f32>,
    trace: Option<Trace>,
    refusal: Option<Refusal>,
    history: Vec<StepRecord>,
}

fn in_bounds(what: &'static str, value: f64, min: f64, max: f64) -> Result<(), BnError> {
    if value.is_finite() && value >= min && value <= max {
        Ok(())
    } else {
        Err(BnError::OutOfBounds { what, value, min, max })
    }
}

/// Rust-only helpers: the rules above, one per function.
impl Lab {
    /// Refuses settings the page cannot show (too large, NaN, …) before anything changes.
    fn check(settings: &Settings) -> Result<(), BnError> {
        settings.layer.validate()?;
        in_bounds("num_features", settings.layer.num_features as f64, 1.0, MAX_FEATURES as f64)?;
        in_bounds("batch size N", settings.batch_size as f64, 1.0, MAX_BATCH as f64)?;
        in_bounds("length L", settings.length as f64, 0.0, MAX_LENGTH as f64)?;
        in_bounds("shift", settings.data.shift, 0.0, 100.0)?;
        in_bounds("spread", settings.data.spread, 0.01, 100.0)?;
        let values = settings.batch_size * settings.layer.num_features * settings.length.max(1);
        in_bounds("N·C·L (values in one batch)", values as f64, 1.0, MAX_VALUES as f64)?;
        Ok(())
    }

    /// A new layer as `nn.BatchNorm1d(...)` builds it, in the settings' mode.
    fn fresh_layer(settings: &Settings) -> Result<BatchNorm1d, BnError> {
        let mut layer = BatchNorm1d::new(settings.layer.clone())?;
        layer.set_training(settings.training);
        Ok(layer)
    }

    /// Runs `bn(x)` on the current batch from the state before the step.
    fn run_current_step(&mut self) {
        let mut layer = self.before.clone();
        layer.set_training(self.settings.training);
        let dims = self.settings.dims();
        match layer.forward(&self.batch, &dims) {
            Ok(trace) => {
                self.record(&trace, &layer);
                self.trace = Some(trace);
                self.refusal = None;
            }
            Err(error) => {
                let counted = layer.running().map(|r| r.num_batches_tracked)
                    != self.before.running().map(|r| r.num_batches_tracked);
                self.trace = None;
                self.refusal = Some(Refusal { error, counted });
                self.history.retain(|r| r.step != self.steps);
            }
        }
        self.layer = layer;
    }

    /// Keeps this step's statistics; a redone step replaces its own record.
    fn record(&mut self, trace: &Trace, layer: &BatchNorm1d) {
        let Some(batch) = &trace.batch else { return };
        let record = StepRecord {
            step: self.steps,
            running_mean: layer.running().map(|r| r.mean.clone()),
            running_var: layer.running().map(|r| r.var.clone()),
            batch_mean: batch.mean.clone(),
            batch_var: batch.unbiased_var.clone().unwrap_or_else(|| batch.biased_var.clone()),
        };
        self.history.retain(|r| r.step != self.steps);
        self.history.push(record);
        if self.history.len() > HISTORY_LIMIT {
            self.history.remove(0);
        }
    }

    /// Applies a layer change to the state before the step, then redoes the step.
    fn change_layer(&mut self, change: impl Fn(&mut BatchNorm1d) -> Result<(), BnError>) -> Result<(), BnError> {
        let mut before = self.before.clone();
        change(&mut before)?;
        self.before = before;
        self.run_current_step();
        Ok(())
    }

    /// Redoes the last step after a setting that does not change the layer.
    fn change_step(&mut self, settings: Settings) -> Result<(), BnError> {
        Lab::check(&settings)?;
        self.settings = settings;
        self.batch = self.generator.batch(self.steps.saturating_sub(1), self.settings.batch_size, self.settings.length.max(1));
        self.run_current_step();
        Ok(())
    }

    /// Starts over with these settings.
    fn rebuild(&mut self, settings: Settings) -> Result<(), BnError> {
        *self = Lab::new(settings)?;
        Ok(())
    }
}

/// What the page does: one method per user action, and what it reads back.
impl Lab {
    /// Reset with these settings, then one step, so there is always something to see.
    pub fn new(settings: Settings) -> Result<Lab, BnError> {
        Lab::check(&settings)?;
        let layer = Lab::fresh_layer(&settings)?;
        let mut lab = Lab {
            generator: Generator::new(settings.data.clone()),
            before: layer.clone(),
            layer,
            settings,
            steps: 0,
            batch: Vec::new(),
            trace: None,
            refusal: None,
            history: Vec::new(),
        };
        lab.step();
        Ok(lab)
    }

    /// Draws the next batch and runs `bn(x)`.
    pub fn step(&mut self) {
        self.before = self.layer.clone();
        self.batch = self.generator.batch(self.steps, self.settings.batch_size, self.settings.length.max(1));
        self.steps += 1;
        self.run_current_step();
    }

    /// Same settings, fresh layer, batch 0 again.
    pub fn reset(&mut self) {
        if let Ok(lab) = Lab::new(self.settings.clone()) {
            *self = lab;
        }
    }

    /// `bn.train()` / `bn.eval()`, then `bn(x)` on the current batch from the current state.
    pub fn set_training(&mut self, training: bool) {
        if self.settings.training == training {
            return;
        }
        self.settings.training = training;
        self.before = self.layer.clone();
        self.run_current_step();
    }

    pub fn set_eps(&mut self, eps: f64) -> Result<(), BnError> {
        in_bounds("eps", eps, 1e-12, 10.0)?;
        self.change_layer(|l| l.set_eps(eps))?;
        self.settings.layer.eps = eps;
        Ok(())
    }

    pub fn set_momentum(&mut self, momentum: Option<f64>) -> Result<(), BnError> {
        if let Some(m) = momentum {
            in_bounds("momentum", m, 0.0, 1.0)?;
        }
        self.change_layer(|l| l.set_momentum(momentum))?;
        self.settings.layer.momentum = momentum;
        Ok(())
    }

    /// γ and β of the selected feature.
    pub fn set_gamma_beta(&mut self, gamma: f32, beta: f32) -> Result<(), BnError> {
        in_bounds("γ", gamma as f64, -10.0, 10.0)?;
        in_bounds("β", beta as f64, -10.0, 10.0)?;
        let feature = self.settings.feature;
        self.change_layer(|l| l.set_feature_affine(feature, gamma, beta))
    }

    pub fn set_num_features(&mut self, c: usize) -> Result<(), BnError> {
        let mut s = self.settings.clone();
        s.layer.num_features = c;
        s.data.num_features = c;
        s.feature = s.feature.min(c.saturating_sub(1));
        self.rebuild(s)
    }

    pub fn set_affine(&mut self, affine: bool) -> Result<(), BnError> {
        let mut s = self.settings.clone();
        s.layer.affine = affine;
        self.rebuild(s)
    }

    pub fn set_track_running_stats(&mut self, track: bool) -> Result<(), BnError> {
        let mut s = self.settings.clone();
        s.layer.track_running_stats = track;
        self.rebuild(s)
    }

    pub fn set_batch_size(&mut self, n: usize) -> Result<(), BnError> {
        let mut s = self.settings.clone();
        s.batch_size = n;
        s.sample = s.sample.min(n.saturating_sub(1));
        self.change_step(s)
    }

    pub fn set_length(&mut self, l: usize) -> Result<(), BnError> {
        let mut s = self.settings.clone();
        s.length = l;
        self.change_step(s)
    }

    pub fn set_distribution(&mut self, name: &str) -> Result<(), BnError> {
        let distribution = Distribution::from_name(name).ok_or(BnError::OutOfRange {
            what: "distribution",
            index: 0,
            len: Distribution::ALL.len(),
        })?;
        let mut s = self.settings.clone();
        s.data.distribution = distribution;
        self.rebuild(s)
    }

    pub fn set_shift_spread(&mut self, shift: f64, spread: f64) -> Result<(), BnError> {
        let mut s = self.settings.clone();
        s.data.shift = shift;
        s.data.spread = spread;
        self.rebuild(s)
    }

    pub fn set_seed(&mut self, seed: u64) -> Result<(), BnError> {
        let mut s = self.settings.clone();
        s.data.seed = seed;
        self.rebuild(s)
    }

    pub fn select_feature(&mut self, feature: usize) -> Result<(), BnError> {
        let len = self.settings.layer.num_features;
        if feature >= len {
            return Err(BnError::OutOfRange { what: "feature", index: feature, len });
        }
        self.settings.feature = feature;
        Ok(())
    }

    pub fn select_sample(&mut self, sample: usize) -> Result<(), BnError> {
        let len = self.settings.batch_size;
        if sample >= len {
            return Err(BnError::OutOfRange { what: "sample", index: sample, len });
        }
        self.settings.sample = sample;
        Ok(())
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn layer(&self) -> &BatchNorm1d {
        &self.layer
    }

    /// The layer before the current step (what a redone step starts from).
    pub fn layer_before(&self) -> &BatchNorm1d {
        &self.before
    }

    pub fn steps(&self) -> u64 {
        self.steps
    }

    pub fn batch(&self) -> &[f32] {
        &self.batch
    }

    pub fn trace(&self) -> Option<&Trace> {
        self.trace.as_ref()
    }

    pub fn refusal(&self) -> Option<&Refusal> {
        self.refusal.as_ref()
    }

    pub fn history(&self) -> &[StepRecord] {
        &self.history
    }

    pub fn generator(&self) -> &Generator {
        &self.generator
    }

    /// The selected feature's values before and after the layer.
    pub fn distribution_view(&self) -> DistributionView {
        let feature = self.settings.feature;
        let Some(trace) = &self.trace else {
            return DistributionView { feature, ..DistributionView::default() };
        };
        let indices: Vec<usize> = trace.shape.feature_indices(feature).collect();
        let input: Vec<f32> = indices.iter().map(|&i| self.batch[i]).collect();
        let output: Vec<f32> = indices.iter().map(|&i| trace.output[i]).collect();
        let marked_index = trace.shape.index(self.settings.sample, feature, 0);
        let marked = self.batch.get(marked_index).zip(trace.output.get(marked_index)).map(|(&x, &y)| (x, y));
        DistributionView { feature, input, output, marked }
    }

    /// Every feature's mean and spread, before and after.
    pub fn features_view(&self) -> FeaturesView {
        let selected = self.settings.feature;
        let Some(trace) = &self.trace else {
            return FeaturesView { selected, ..FeaturesView::default() };
        };
        let mut view = FeaturesView { selected, ..FeaturesView::default() };
        for c in 0..trace.shape.c {
            let x: Vec<f32> = trace.shape.feature_indices(c).map(|i| self.batch[i]).collect();
            let y: Vec<f32> = trace.shape.feature_indices(c).map(|i| trace.output[i]).collect();
            let (xm, xs) = mean_std(&x).unwrap_or((f64::NAN, f64::NAN));
            let (ym, ys) = mean_std(&y).unwrap_or((f64::NAN, f64::NAN));
            view.input_mean.push(xm as f32);
            view.input_std.push(xs as f32);
            view.output_mean.push(ym as f32);
            view.output_std.push(ys as f32);
        }
        view
    }

    /// The selected feature's running statistics over the remembered steps.
    pub fn running_view(&self) -> RunningView {
        let f = self.settings.feature;
        let pick = |v: &Option<Vec<f32>>| v.as_ref().and_then(|v| v.get(f).copied());
        let tracked: Vec<&StepRecord> = self.history.iter().collect();
        RunningView {
            feature: f,
            steps: tracked.iter().map(|r| r.step).collect(),
            running_mean: tracked.iter().filter_map(|r| pick(&r.running_mean)).collect(),
            running_var: tracked.iter().filter_map(|r| pick(&r.running_var)).collect(),
            batch_mean: tracked.iter().filter_map(|r| r.batch_mean.get(f).copied()).collect(),
            batch_var: tracked.iter().filter_map(|r| r.batch_var.get(f).copied()).collect(),
            true_mean: self.generator.true_mean().get(f).copied().unwrap_or(f32::NAN),
            true_var: self.generator.true_var().get(f).copied().unwrap_or(f32::NAN),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_with_one_step_of_the_default_layer() {
        let lab = Lab::new(Settings::default()).unwrap();
        assert_eq!(lab.steps(), 1);
        assert_eq!(lab.layer().running().unwrap().num_batches_tracked, 1);
        assert_eq!(lab.trace().unwrap().output.len(), 32 * 128);
    }

    #[test]
    fn redoing_a_step_does_not_update_twice() {
        let mut lab = Lab::new(Settings::default()).unwrap();
        lab.step();
        let after = lab.layer().clone();
        lab.set_momentum(Some(0.1)).unwrap();
        assert_eq!(lab.layer(), &after);
        assert_eq!(lab.history().len(), 2);
    }

    #[test]
    fn switching_to_eval_keeps_what_training_learned() {
        let mut lab = Lab::new(Settings::default()).unwrap();
        lab.step();
        let trained = lab.layer().running().cloned();
        lab.set_training(false);
        assert_eq!(lab.layer().running().cloned(), trained);
        assert!(!lab.trace().unwrap().used_batch_stats);
        lab.step();
        assert_eq!(lab.layer().running().cloned(), trained);
    }

    #[test]
    fn a_batch_of_one_is_refused_and_counted() {
        let mut lab = Lab::new(Settings::default()).unwrap();
        let mean = lab.layer().running().unwrap().mean.clone();
        lab.set_batch_size(1).unwrap();
        let refusal = lab.refusal().unwrap();
        assert!(refusal.counted);
        assert_eq!(lab.layer().running().unwrap().mean, lab.layer_before().running().unwrap().mean);
        assert_ne!(lab.layer().running().unwrap().mean, mean);
        // Eval mode takes it.
        lab.set_training(false);
        assert!(lab.refusal().is_none());
    }

    #[test]
    fn bad_settings_change_nothing() {
        let mut lab = Lab::new(Settings::default()).unwrap();
        let settings = lab.settings().clone();
        assert!(lab.set_batch_size(0).is_err());
        assert!(lab.set_eps(-1.0).is_err());
        assert!(lab.set_eps(f64::NAN).is_err());
        assert!(lab.set_num_features(0).is_err());
        assert!(lab.select_feature(128).is_err());
        assert!(lab.set_distribution("cauchy").is_err());
        assert_eq!(lab.settings(), &settings);
    }

    #[test]
    fn the_same_settings_give_the_same_numbers() {
        let mut a = Lab::new(Settings::default()).unwrap();
        let mut b = Lab::new(Settings::default()).unwrap();
        for _ in 0..3 {
            a.step();
            b.step();
        }
        assert_eq!(a.trace(), b.trace());
    }
}
