//! The Train view's state machine, web-free: two small networks (by default the tutorial's
//! model with and without `BatchNorm1d(128)`), from the same start, trained side by side on the
//! same mini-batches of the handwritten digits; a learning-rate sweep run in chunks; and
//! "forgot model.eval()" measured. Both run on [`crate::core::net::Net`].

use crate::charts::{CurvesView, DigitsView, PercentilesView, SweepView};
use crate::core::digits::{Digits, DIGIT_CLASSES, DIGIT_PIXELS};
use crate::core::net::loss::predictions;
use crate::core::net::{Activation, Layer, LayerSpec, Net, NetSpec, Norm, Sgd};
use crate::core::BnError;

/// The share of the digits held out for testing.
pub const TEST_FRACTION: f64 = 0.2;
/// Test accuracy is measured every this many steps (and at step 0).
pub const ACCURACY_EVERY: u64 = 10;
/// The most step records the Train view keeps ([`StepHistory`]): a longer run is thinned, not cut.
pub const HISTORY_LIMIT: usize = 5000;
/// The run's first and its latest this many steps are kept, every one of them, however long the
/// run ([`StepHistory`]): Figure 1's caption compares the two windows.
pub const HISTORY_WINDOW: usize = 50;
/// The sweep's learning rates: 8 on a log scale from 0.001 to 2.
pub const SWEEP_RATES: [f64; 8] = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 2.0];

/// The normalization after each hidden Linear layer of one of the two models.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NormChoice {
    None,
    BatchNorm,
    LayerNorm,
    GroupNorm,
}

impl NormChoice {
    pub const ALL: [NormChoice; 4] =
        [NormChoice::None, NormChoice::BatchNorm, NormChoice::LayerNorm, NormChoice::GroupNorm];

    /// The name in the page's menus and links.
    pub fn name(self) -> &'static str {
        match self {
            NormChoice::None => "none",
            NormChoice::BatchNorm => "batchnorm",
            NormChoice::LayerNorm => "layernorm",
            NormChoice::GroupNorm => "groupnorm",
        }
    }

    pub fn from_name(name: &str) -> Option<NormChoice> {
        NormChoice::ALL.into_iter().find(|n| n.name() == name)
    }

    /// The core's norm, with `groups` for GroupNorm.
    pub fn norm(self, groups: usize) -> Norm {
        match self {
            NormChoice::None => Norm::None,
            NormChoice::BatchNorm => Norm::BatchNorm,
            NormChoice::LayerNorm => Norm::LayerNorm,
            NormChoice::GroupNorm => Norm::GroupNorm { groups },
        }
    }

    /// The i18n key of a model with this norm, for legends ("with BatchNorm1d", …).
    pub fn model_key(self, other: NormChoice) -> &'static str {
        match (self, other) {
            (NormChoice::BatchNorm, _) => "with BatchNorm1d",
            (NormChoice::LayerNorm, _) => "with LayerNorm",
            (NormChoice::GroupNorm, _) => "with GroupNorm",
            (NormChoice::None, NormChoice::BatchNorm) => "without BatchNorm1d",
            (NormChoice::None, _) => "without normalization",
        }
    }

    /// The i18n key of the same model's short name, under each test digit ("BN", …).
    pub fn short_key(self, other: NormChoice) -> &'static str {
        match (self, other) {
            (NormChoice::BatchNorm, _) => "BN",
            (NormChoice::LayerNorm, _) => "LN",
            (NormChoice::GroupNorm, _) => "GN",
            (NormChoice::None, NormChoice::BatchNorm) => "no BN",
            (NormChoice::None, _) => "no norm",
        }
    }
}

/// The Train view's controls.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainSettings {
    pub seed: u64,
    pub lr: f64,
    pub momentum: f64,
    pub batch_size: usize,
    /// The unit of the last hidden layer whose input to the activation the percentile chart follows.
    pub unit: usize,
    /// Hidden layers (1 … 6), each `width` units wide.
    pub depth: usize,
    pub width: usize,
    pub activation: Activation,
    /// The norm of model A (index 0) and of model B (index 1).
    pub norms: [NormChoice; 2],
    /// GroupNorm's number of groups (must divide the width).
    pub groups: usize,
    /// "Noisy BatchNorm" strength after model B's BatchNorm1d layers (0: off; Santurkar et al. 2018, Fig. 2).
    pub noise: f64,
    /// Probe both models along the gradient every [`PROBE_EVERY`] steps (Santurkar et al. 2018, Fig. 4).
    pub probes: bool,
}

impl Default for TrainSettings {
    fn default() -> Self {
        TrainSettings {
            seed: 1,
            lr: 0.1,
            momentum: 0.0,
            batch_size: 64,
            unit: 0,
            depth: 1,
            width: 128,
            activation: Activation::Relu,
            norms: [NormChoice::BatchNorm, NormChoice::None],
            groups: 4,
            noise: 0.0,
            probes: false,
        }
    }
}

/// The probes' cadence (steps) and step sizes, as multiples of the learning rate.
pub const PROBE_EVERY: u64 = 10;
/// The most multiply-adds one model's forward pass may take in a step ([`TrainSettings::multiply_adds`]):
/// 8 Mi, a step pair of ~13 ms in the page here. The largest network the boxes allow (6 × 256,
/// batch 256) is 89 Mi: Play was one task of 150–440 ms a frame.
pub const MAX_STEP_WORK: usize = 1 << 23;
/// The same with the probe (Santurkar's preset is 1.6 Mi): a probe step is ~10 steps' work (the
/// largest network's took ~1 s in one task).
pub const MAX_PROBE_WORK: usize = 1 << 21;
pub const PROBE_ETAS: [f64; 4] = [0.25, 0.5, 1.0, 2.0];

/// The most hidden layers a model of the Train view has (the page has a button to open each
/// one's BatchNorm1d).
pub const MAX_DEPTH: usize = 6;

/// The networks of the papers, as the Train view's presets.
pub const PRESETS: [&str; 4] = ["tutorial", "fig1", "santurkar", "wuhe"];

/// `value` of the setting `what` from `min` to `max`, or the refusal that says so.
fn in_bounds(what: &'static str, value: f64, min: f64, max: f64) -> Result<(), BnError> {
    if value.is_finite() && value >= min && value <= max {
        Ok(())
    } else {
        Err(BnError::OutOfBounds { what, value, min, max })
    }
}

impl TrainSettings {
    /// A preset by name: "tutorial" (the default), "fig1" (Ioffe & Szegedy 2015, Figure 1: three
    /// hidden layers of 100 sigmoids, BatchNorm1d before each sigmoid or none, batch 60, lr 0.5),
    /// "wuhe" (Wu & He 2018: BatchNorm1d against GroupNorm at a batch of 4). The seed is kept.
    pub fn preset(name: &str, seed: u64) -> Option<TrainSettings> {
        let base = TrainSettings { seed, ..TrainSettings::default() };
        match name {
            "tutorial" => Some(base),
            "fig1" => Some(TrainSettings {
                lr: 0.5,
                batch_size: 60,
                depth: 3,
                width: 100,
                activation: Activation::Sigmoid,
                ..base
            }),
            "santurkar" => Some(TrainSettings {
                lr: 0.5,
                batch_size: 60,
                depth: 3,
                width: 100,
                activation: Activation::Sigmoid,
                norms: [NormChoice::BatchNorm, NormChoice::BatchNorm],
                noise: 1.0,
                probes: true,
                ..base
            }),
            "wuhe" => Some(TrainSettings {
                batch_size: 4,
                lr: 0.05,
                depth: 2,
                width: 64,
                norms: [NormChoice::BatchNorm, NormChoice::GroupNorm],
                groups: 8,
                ..base
            }),
            _ => None,
        }
    }

    /// The preset these settings are, if any (the seed aside).
    pub fn preset_name(&self) -> Option<&'static str> {
        PRESETS.into_iter().find(|p| TrainSettings::preset(p, self.seed).as_ref() == Some(self))
    }

    /// Model `m`'s network.
    pub fn spec(&self, m: usize) -> Result<NetSpec, BnError> {
        let hidden = vec![self.width; self.depth];
        let norm = self.norms[m.min(1)].norm(self.groups);
        NetSpec::mlp(DIGIT_PIXELS, &hidden, DIGIT_CLASSES, self.activation, norm)
    }

    /// One model's multiply-adds in a forward pass of one batch: batch size × its Linear
    /// layers' weights (the work of a step pair is about six times that).
    pub fn multiply_adds(&self, batch_size: usize) -> Result<usize, BnError> {
        let weights: usize = (self.spec(0)?.layers.iter())
            .map(|layer| match layer {
                LayerSpec::Linear { inputs, outputs } => inputs * outputs,
                _ => 0,
            })
            .sum();
        Ok(batch_size.saturating_mul(weights))
    }

    pub fn check(&self) -> Result<(), BnError> {
        in_bounds("learning rate", self.lr, 0.0001, 10.0)?;
        in_bounds("SGD momentum", self.momentum, 0.0, 0.99)?;
        BnError::check_count("batch size", self.batch_size, 2, 256)?;
        BnError::check_count("hidden layers", self.depth, 1, MAX_DEPTH)?;
        BnError::check_count("width", self.width, 2, 256)?;
        self.check_unit()?;
        in_bounds("noise", self.noise, 0.0, 3.0)?;
        self.check_norms()?;
        self.check_work()
    }

    /// The followed hidden unit is one of the width's.
    pub fn check_unit(&self) -> Result<(), BnError> {
        BnError::check_count("hidden unit", self.unit, 0, self.width.saturating_sub(1))
    }

    /// Each model's norm is one the network's width allows (GroupNorm's groups divide it).
    pub fn check_norms(&self) -> Result<(), BnError> {
        (0..2).try_for_each(|m| self.spec(m).map(drop))
    }

    /// What a frame can hold: every frame of Play takes at least one step (and the probe's,
    /// ten steps' work, every PROBE_EVERY), which no frame can split.
    pub fn check_work(&self) -> Result<(), BnError> {
        let work = self.multiply_adds(self.batch_size)? as f64;
        in_bounds("multiply-adds in one step (batch size × weights)", work, 1.0, MAX_STEP_WORK as f64)?;
        if self.probes {
            in_bounds(
                "multiply-adds in one step with the probe (batch size × weights)",
                work,
                1.0,
                MAX_PROBE_WORK as f64,
            )?;
        }
        Ok(())
    }

    /// The i18n keys of the two models' names.
    pub fn model_keys(&self) -> [&'static str; 2] {
        let b = match (self.norms[1], self.noise > 0.0) {
            (NormChoice::BatchNorm, true) => "with noisy BatchNorm1d",
            (b, _) => b.model_key(self.norms[0]),
        };
        [self.norms[0].model_key(self.norms[1]), b]
    }

    /// The i18n keys of the two models' short names, in the same order as [`Self::model_keys`].
    pub fn short_keys(&self) -> [&'static str; 2] {
        let b = match (self.norms[1], self.noise > 0.0) {
            (NormChoice::BatchNorm, true) => "noisy BN",
            (b, _) => b.short_key(self.norms[0]),
        };
        [self.norms[0].short_key(self.norms[1]), b]
    }

    /// The i18n key of the percentile chart's axis: the input of this activation.
    pub fn activation_input_key(&self) -> &'static str {
        match self.activation {
            Activation::Relu => "input to ReLU",
            Activation::Sigmoid => "input to sigmoid",
            Activation::Tanh => "input to tanh",
        }
    }
}

/// One model and its optimizer.
#[derive(Clone)]
struct Run {
    model: Net,
    sgd: Sgd,
}

/// What one step recorded, for both models (index 0 is model A, 1 model B).
#[derive(Debug, Clone, PartialEq)]
pub struct TrainRecord {
    pub step: u64,
    pub loss: [f32; 2],
    /// The followed unit's input to its activation over this step's batch: 15th, 50th, 85th percentile.
    pub percentiles: [[f32; 3]; 2],
}

impl TrainRecord {
    /// One bit per value (the two losses, then the six percentiles) that is not a number.
    fn not_finite(&self) -> u8 {
        let values = self.loss.iter().chain(self.percentiles.iter().flatten());
        values.enumerate().fold(0, |bits, (i, v)| if v.is_finite() { bits } else { bits | 1 << i })
    }
}

/// The records of a whole run at bounded memory, for the charts and Figure 1's caption: every
/// step's while they are at most [`HISTORY_LIMIT`]; then the run's first [`HISTORY_WINDOW`] steps,
/// every `stride`-th step after them (the stride doubling each time the records fill up again)
/// and the latest [`HISTORY_WINDOW`] steps. A record where a value first stopped being a number
/// stays too: the charts name the step a model diverged at. (It kept the latest 5000 steps:
/// past them the loss curves began at step 844 while the accuracy's began at 0, and Figure 1's
/// caption said "from the first 50 steps" of steps 844–893.) A push costs a move of
/// [`HISTORY_WINDOW`] records at most, a thinning (every 2 500 × stride steps) one pass.
#[derive(Debug, Clone)]
pub struct StepHistory {
    records: Vec<TrainRecord>,
    stride: u64,
    /// The values that have been non-finite, and the steps where each first was.
    seen_not_finite: u8,
    first_not_finite: Vec<u64>,
}

impl Default for StepHistory {
    fn default() -> Self {
        StepHistory { records: Vec::new(), stride: 1, seen_not_finite: 0, first_not_finite: Vec::new() }
    }
}

impl StepHistory {
    /// The records, oldest first.
    pub fn records(&self) -> &[TrainRecord] {
        &self.records
    }

    /// Adds the latest step's record (steps in order, one after another).
    pub fn push(&mut self, record: TrainRecord) {
        let not_finite = record.not_finite();
        if not_finite & !self.seen_not_finite != 0 {
            self.seen_not_finite |= not_finite;
            self.first_not_finite.push(record.step);
        }
        self.records.push(record);
        // The record that just left the latest window stays only if the thinning would keep it.
        let n = self.records.len();
        if self.stride > 1 && n > 2 * HISTORY_WINDOW {
            let leaving = n - 1 - HISTORY_WINDOW;
            if !self.keeps(&self.records[leaving]) {
                self.records.remove(leaving);
            }
        }
        if self.records.len() > HISTORY_LIMIT {
            self.thin();
        }
    }

    /// Whether a record between the first and the latest window stays at this stride.
    fn keeps(&self, record: &TrainRecord) -> bool {
        record.step.is_multiple_of(self.stride) || self.first_not_finite.contains(&record.step)
    }

    /// Doubles the stride: of the records between the two windows, those off its grid go.
    fn thin(&mut self) {
        self.stride *= 2;
        let n = self.records.len();
        let mut i = 0;
        let records = std::mem::take(&mut self.records);
        self.records = records
            .into_iter()
            .filter(|r| {
                i += 1;
                i <= HISTORY_WINDOW || i > n - HISTORY_WINDOW || self.keeps(r)
            })
            .collect();
    }
}

/// The digits, split once with the settings' seed.
#[derive(Clone)]
pub struct DigitsSplit {
    pub train: Digits,
    pub test: Digits,
}

impl DigitsSplit {
    pub fn new(digits: &Digits, seed: u64) -> Result<Self, BnError> {
        let (train, test) = digits.split(seed, TEST_FRACTION)?;
        Ok(DigitsSplit { train, test })
    }
}

/// Both models training side by side.
#[derive(Clone)]
pub struct Trainer {
    settings: TrainSettings,
    data: DigitsSplit,
    runs: [Run; 2],
    /// The training images in this epoch's order, and how far the epoch has got.
    order: Vec<usize>,
    cursor: usize,
    epoch: u64,
    steps: u64,
    history: StepHistory,
    accuracy: Vec<(u64, [f32; 2])>,
    probes: Vec<ProbeRecord>,
    /// The last "forgot model.eval()" report, for the step and test batch sizes it was measured
    /// at, and the one being measured a part at a time ([`Trainer::eval_report_part`]).
    eval_kept: Option<(u64, Vec<usize>, EvalReport)>,
    eval_measuring: Option<EvalMeasuring>,
    /// A test accuracy being measured a share of the test digits at a time ([`Trainer::step_in_parts`]):
    /// the next test digit and each model's correct predictions so far.
    measuring: Option<(usize, [usize; 2])>,
}

/// Multiply-adds of test digits per share of a measurement taken in parts (both models): about
/// half a millisecond of the page's frame (6 × 256 ReLU's 360 test digits were one task of
/// ~100 ms every tenth step).
const MEASURE_PART_WORK: usize = 1 << 20;

/// "Forgot model.eval()" being measured a part at a time: of model A at step `steps`, on a copy
/// (in train mode a forward pass moves its running statistics), for the test batch `sizes`.
#[derive(Clone)]
struct EvalMeasuring {
    steps: u64,
    sizes: Vec<usize>,
    copy: Net,
    /// In eval mode: the next test digit, and those predicted right so far.
    eval: (usize, usize),
    /// In train mode: the rows done, and of the next one its next test batch and the digits
    /// predicted right and seen so far.
    rows: Vec<EvalRow>,
    batch: usize,
    right: usize,
    seen: usize,
}

/// Model A's accuracy in eval mode, and a row per test batch size in train mode.
pub type EvalReport = (f32, Vec<EvalRow>);

/// What the probes measured at one step, for both models (Santurkar et al. 2018, Fig. 4).
#[derive(Debug, Clone, PartialEq)]
pub struct ProbeRecord {
    pub step: u64,
    /// `[model]` → (min, max) over η of L(θ − η·g): the loss landscape along the gradient.
    pub loss: [(f32, f32); 2],
    /// `[model]` → (min, max) over η of ‖∇L(θ − η·g) − g‖: gradient predictiveness.
    pub grad_change: [(f32, f32); 2],
    /// `[model]` → max over η of ‖∇L(θ − η·g) − g‖ / (η‖g‖): "effective β-smoothness".
    pub beta: [f32; 2],
}

/// A model whose weights are no longer all finite: its accuracy is NaN, not a share of guesses.
fn diverged(model: &Net) -> bool {
    !model.parameters().iter().all(|(_, p)| p.iter().all(|v| v.is_finite()))
}

/// Test accuracy of a model in eval mode (on a copy); NaN once its weights are NaN (a diverged model).
pub fn test_accuracy(model: &Net, test: &Digits) -> f32 {
    test_accuracy_in_place(&mut model.clone(), test)
}

/// [`test_accuracy`] on the model itself: eval mode changes none of its parameters or
/// statistics, only the outputs it keeps of its last pass.
fn test_accuracy_in_place(model: &mut Net, test: &Digits) -> f32 {
    if diverged(model) {
        return f32::NAN;
    }
    match model.accuracy(&test.images, &test.labels) {
        Ok(a) => a as f32,
        _ => f32::NAN,
    }
}

impl Trainer {
    /// Fresh models, their test accuracy at step 0 begun: measured a share of the test digits at
    /// a time like every later one ([`Trainer::measure_part`]; the first step finishes it first).
    /// At 6 × 256 it was one task of ~100 ms on every settings change, Reset or preset.
    pub fn new(digits: &Digits, settings: TrainSettings) -> Result<Trainer, BnError> {
        let mut trainer = Trainer::unmeasured(digits, settings)?;
        trainer.measuring = Some((0, [0, 0]));
        Ok(trainer)
    }

    /// Fresh models, no test accuracy begun (the learning-rate sweep measures only its runs' last).
    fn unmeasured(digits: &Digits, settings: TrainSettings) -> Result<Trainer, BnError> {
        settings.check()?;
        let data = DigitsSplit::new(digits, settings.seed)?;
        let run = |m| -> Result<Run, BnError> {
            let mut model = Net::new(settings.spec(m)?, settings.seed)?;
            if m == 1 {
                model.set_bn_noise(settings.noise as f32, settings.seed.wrapping_mul(7919).wrapping_add(17))?;
            }
            Ok(Run { model, sgd: Sgd::new(settings.lr, settings.momentum)? })
        };
        let trainer = Trainer {
            order: data.train.shuffled_indices(settings.seed),
            data,
            runs: [run(0)?, run(1)?],
            cursor: 0,
            epoch: 0,
            steps: 0,
            history: StepHistory::default(),
            accuracy: Vec::new(),
            probes: Vec::new(),
            eval_kept: None,
            eval_measuring: None,
            measuring: None,
            settings,
        };
        Ok(trainer)
    }

    fn measure(&mut self) {
        let test = &self.data.test;
        let [a, b] = &mut self.runs;
        let accuracy = [test_accuracy_in_place(&mut a.model, test), test_accuracy_in_place(&mut b.model, test)];
        self.accuracy.push((self.steps, accuracy));
    }

    /// The next mini-batch's indices: the shuffled training set, a new order every epoch.
    fn next_batch(&mut self) -> Vec<usize> {
        let n = self.settings.batch_size.min(self.order.len());
        if self.cursor + n > self.order.len() {
            self.epoch += 1;
            self.order = self.data.train.shuffled_indices(self.settings.seed.wrapping_add(self.epoch));
            self.cursor = 0;
        }
        let batch = self.order[self.cursor..self.cursor + n].to_vec();
        self.cursor += n;
        batch
    }

    /// The next mini-batch: images and labels.
    pub fn next_xy(&mut self) -> Result<(Vec<f32>, Vec<usize>), BnError> {
        let indices = self.next_batch();
        self.data.train.batch(&indices)
    }

    /// One training step of both models on the same mini-batch.
    pub fn step(&mut self) -> Result<(), BnError> {
        let (x, labels) = self.next_xy()?;
        self.step_on(&x, &labels)
    }

    /// One training step of both models on the batch `x`, `labels` (its test accuracy, when one
    /// is due, measured at once).
    pub fn step_on(&mut self, x: &[f32], labels: &[usize]) -> Result<(), BnError> {
        self.finish_measuring();
        self.step_alone(x, labels)?;
        if self.steps.is_multiple_of(ACCURACY_EVERY) {
            self.measure();
        }
        Ok(())
    }

    /// [`Trainer::step`], but a test accuracy due after it is only begun: [`Trainer::measure_part`]
    /// takes it a share of the test digits at a time, and the next step finishes it first. The
    /// same numbers: in eval mode each digit's prediction is its own.
    pub fn step_in_parts(&mut self) -> Result<(), BnError> {
        self.finish_measuring();
        let (x, labels) = self.next_xy()?;
        self.step_alone(&x, &labels)?;
        if self.steps.is_multiple_of(ACCURACY_EVERY) {
            self.measuring = Some((0, [0, 0]));
        }
        Ok(())
    }

    /// True while a test accuracy begun by [`Trainer::step_in_parts`] is not finished.
    pub fn measuring(&self) -> bool {
        self.measuring.is_some()
    }

    /// The next share of the test digits of the accuracy being measured (about
    /// [`MEASURE_PART_WORK`] multiply-adds); the last share records it.
    pub fn measure_part(&mut self) {
        let weights = self.settings.multiply_adds(1).unwrap_or(1).max(1);
        self.measure_rows((MEASURE_PART_WORK / (2 * weights)).max(1));
    }

    fn finish_measuring(&mut self) {
        self.measure_rows(usize::MAX);
    }

    /// `rows` more test digits of the accuracy being measured (none when none is).
    fn measure_rows(&mut self, rows: usize) {
        let Some((start, mut correct)) = self.measuring else { return };
        let test = &self.data.test;
        let end = start.saturating_add(rows).min(test.len());
        let pixels = test.images.len() / test.len().max(1);
        for (m, run) in self.runs.iter_mut().enumerate() {
            if let Ok(predicted) = run.model.predict(&test.images[start * pixels..end * pixels]) {
                correct[m] += predicted.iter().zip(&test.labels[start..end]).filter(|(p, y)| p == y).count();
            }
        }
        if end < test.len() {
            self.measuring = Some((end, correct));
            return;
        }
        self.measuring = None;
        // As test_accuracy: NaN for a diverged model, the share of digits predicted right else.
        let accuracy = [0, 1].map(|m| {
            if diverged(&self.runs[m].model) {
                f32::NAN
            } else {
                // As loss::accuracy: 0 of no digits.
                (correct[m] as f64 / test.len().max(1) as f64) as f32
            }
        });
        self.accuracy.push((self.steps, accuracy));
    }

    /// One training step of both models, its records kept, no accuracy measured.
    fn step_alone(&mut self, x: &[f32], labels: &[usize]) -> Result<(), BnError> {
        if self.settings.probes && self.steps.is_multiple_of(PROBE_EVERY) {
            self.probe(x, labels);
        }
        let unit = self.settings.unit;
        let last = self.settings.depth - 1;
        let mut loss = [f32::NAN; 2];
        let mut percentiles = [[f32::NAN; 3]; 2];
        for (m, run) in self.runs.iter_mut().enumerate() {
            loss[m] = run.model.train_step(x, labels, &mut run.sgd)?;
            if let Ok(p) = run.model.unit_percentiles(last, unit, &[15.0, 50.0, 85.0]) {
                percentiles[m] = [p[0] as f32, p[1] as f32, p[2] as f32];
            }
        }
        self.steps += 1;
        self.history.push(TrainRecord { step: self.steps, loss, percentiles });
        Ok(())
    }

    /// Both models probed on this batch before the step (on copies: nothing of them changes).
    fn probe(&mut self, x: &[f32], labels: &[usize]) {
        let etas: Vec<f64> = PROBE_ETAS.iter().map(|k| k * self.settings.lr).collect();
        let mut record = ProbeRecord {
            step: self.steps,
            loss: [(f32::NAN, f32::NAN); 2],
            grad_change: [(f32::NAN, f32::NAN); 2],
            beta: [f32::NAN; 2],
        };
        for m in 0..2 {
            let Ok(p) = self.runs[m].model.probe(x, labels, &etas) else { continue };
            let range = |v: &[f64]| {
                let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                (lo as f32, hi as f32)
            };
            record.loss[m] = range(&p.loss);
            record.grad_change[m] = range(&p.grad_change);
            record.beta[m] = p
                .grad_change
                .iter()
                .zip(&p.etas)
                .map(|(d, eta)| d / (eta * p.grad_norm))
                .fold(f64::NEG_INFINITY, f64::max) as f32;
        }
        self.probes.push(record);
        if self.probes.len() > HISTORY_LIMIT {
            self.probes.remove(0);
        }
    }

    /// Every probe so far.
    pub fn probe_history(&self) -> &[ProbeRecord] {
        &self.probes
    }

    pub fn landscape_view(&self) -> crate::charts::LandscapeView {
        let p = &self.probes;
        crate::charts::LandscapeView {
            steps: p.iter().map(|r| r.step).collect(),
            loss: [0, 1].map(|m| [p.iter().map(|r| r.loss[m].0).collect(), p.iter().map(|r| r.loss[m].1).collect()]),
            grad_change: [0, 1].map(|m| {
                [p.iter().map(|r| r.grad_change[m].0).collect(), p.iter().map(|r| r.grad_change[m].1).collect()]
            }),
            beta: [0, 1].map(|m| p.iter().map(|r| r.beta[m]).collect()),
            names: self.settings.model_keys(),
            probing: self.settings.probes,
        }
    }

    pub fn settings(&self) -> &TrainSettings {
        &self.settings
    }

    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Steps in one epoch: the training digits, shuffled afresh each epoch, cut into whole
    /// batches; the few left over wait for the next shuffle (PyTorch's
    /// `DataLoader(shuffle=True, drop_last=True)`): 1437 digits in batches of 60 are 23 steps.
    pub fn steps_per_epoch(&self) -> u64 {
        let n = self.settings.batch_size.clamp(1, self.order.len().max(1));
        (self.order.len() / n).max(1) as u64
    }

    /// Epochs done so far, steps over [`Self::steps_per_epoch`] (69 steps of 23 are 3.0): the one
    /// count the status line and Figure 1's caption both give.
    pub fn epochs_done(&self) -> f64 {
        self.steps as f64 / self.steps_per_epoch() as f64
    }

    /// [`Self::epochs_done`] as the page writes it, to one decimal ("145.7": a whole number
    /// rounded would say 146 before the 146th epoch ended).
    pub fn epochs_text(&self) -> String {
        format!("{:.1}", (self.epochs_done() * 10.0).floor() / 10.0)
    }

    /// Model A (0) or model B (1).
    pub fn model(&self, which: usize) -> &Net {
        &self.runs[which.min(1)].model
    }

    /// How many digits the models train on (the rest are held out for testing).
    pub fn train_len(&self) -> usize {
        self.data.train.len()
    }

    /// The test digits (held out from training).
    pub fn test_digits(&self) -> &Digits {
        &self.data.test
    }

    /// The run's step records ([`StepHistory`]): the first and the latest [`HISTORY_WINDOW`]
    /// steps each, the steps between thinned evenly once there are more than [`HISTORY_LIMIT`].
    pub fn history(&self) -> &[TrainRecord] {
        self.history.records()
    }

    /// Every measured test accuracy: (step, [model A, model B]).
    pub fn accuracy_history(&self) -> &[(u64, [f32; 2])] {
        &self.accuracy
    }

    /// The latest test accuracy of both models, and the step it was measured at (every
    /// [`ACCURACY_EVERY`] steps: the page says which).
    pub fn latest_accuracy(&self) -> (u64, [f32; 2]) {
        self.accuracy.last().copied().unwrap_or((0, [f32::NAN; 2]))
    }

    pub fn curves_view(&self) -> CurvesView {
        CurvesView {
            steps: self.history().iter().map(|r| r.step).collect(),
            loss: [0, 1].map(|m| self.history().iter().map(|r| r.loss[m]).collect()),
            accuracy_steps: self.accuracy.iter().map(|a| a.0).collect(),
            accuracy: [0, 1].map(|m| self.accuracy.iter().map(|a| a.1[m]).collect()),
            names: self.settings.model_keys(),
        }
    }

    pub fn percentiles_view(&self) -> PercentilesView {
        PercentilesView {
            unit: self.settings.unit,
            steps: self.history().iter().map(|r| r.step).collect(),
            percentiles: [0, 1]
                .map(|m| [0, 1, 2].map(|p| self.history().iter().map(|r| r.percentiles[m][p]).collect())),
            names: self.settings.model_keys(),
            input_of: self.settings.activation_input_key(),
        }
    }

    /// The first `count` test digits with both models' predictions (eval mode).
    pub fn digits_view(&self, count: usize) -> DigitsView {
        let count = count.min(self.data.test.len());
        let indices: Vec<usize> = (0..count).collect();
        let Ok((x, labels)) = self.data.test.batch(&indices) else { return DigitsView::default() };
        let images = x
            .chunks(DIGIT_PIXELS)
            .map(|c| {
                let mut image = [0.0f32; 64];
                image.copy_from_slice(c);
                image
            })
            .collect();
        let predicted = [0, 1].map(|m| self.runs[m].model.clone().predict(&x).unwrap_or_default());
        DigitsView { images, labels, predicted, names: self.settings.model_keys(), short: self.settings.short_keys() }
    }

    /// Where model A's BatchNorm1d layers sit: for each hidden layer that has one (counted from
    /// 1, as the page names them), its index in `nn.Sequential` (`model_a[i]`) and its width.
    pub fn batchnorm_places(&self) -> Vec<BatchNormPlace> {
        batchnorm_places(self.runs[0].model.layers())
    }

    /// The BatchNorm1d of model A's hidden layer `hidden` (from 1) as training left it, and its
    /// input for the first `count` test digits (in eval mode): what the layers before it give,
    /// row-major `(count, width)`.
    pub fn layer_and_its_input(
        &self,
        hidden: usize,
        count: usize,
    ) -> Result<(crate::core::BatchNorm1d, Vec<f32>, Vec<usize>), BnError> {
        let model = &self.runs[0].model;
        let place = self.batchnorm_places().into_iter().find(|p| p.hidden == hidden);
        let index = place.ok_or(BnError::Missing { what: "BatchNorm1d" })?.index;
        let Layer::BatchNorm(b) = &model.layers()[index] else { return Err(BnError::Missing { what: "BatchNorm1d" }) };
        let layer = b.bn.clone();
        let count = count.min(self.data.test.len());
        let indices: Vec<usize> = (0..count).collect();
        let (x, _) = self.data.test.batch(&indices)?;
        let mut copy = model.clone();
        copy.forward(&x, false)?;
        let width = layer.num_features();
        let input = match index.checked_sub(1) {
            Some(before) => copy.layer_output(before).to_vec(),
            None => x,
        };
        Ok((layer, input, vec![count, width]))
    }

    /// "Forgot model.eval()": model A's test accuracy in eval mode, and in train mode on test
    /// batches of `sizes` (batch statistics of each test batch; with BatchNorm1d a batch of 1 is
    /// refused), measured at once on copies: the reference [`Trainer::eval_report_part`] keeps to.
    #[cfg(test)]
    pub fn eval_report(&self, sizes: &[usize]) -> EvalReport {
        let model = &self.runs[0].model;
        let eval = test_accuracy(model, &self.data.test);
        let rows = sizes
            .iter()
            .map(|&size| {
                let mut right = 0usize;
                let mut seen = 0usize;
                let mut copy = model.clone();
                let indices: Vec<usize> = (0..self.data.test.len()).collect();
                for chunk in indices.chunks(size.max(1)).filter(|c| c.len() == size) {
                    let (x, labels) = match self.data.test.batch(chunk) {
                        Ok(b) => b,
                        Err(e) => return (size, Err(e)),
                    };
                    match copy.forward(&x, true) {
                        Ok(logits) => {
                            let predicted = predictions(logits, DIGIT_CLASSES);
                            right += predicted.iter().zip(&labels).filter(|(p, l)| p == l).count();
                            seen += labels.len();
                        }
                        Err(e) => return (size, Err(e)),
                    }
                }
                (size, Ok(if seen == 0 { f32::NAN } else { right as f32 / seen as f32 }))
            })
            .collect();
        (eval, rows)
    }

    /// The last "forgot model.eval()" report measured for test batches of `sizes`, and the
    /// step it is of (an earlier one while training goes on).
    pub fn eval_report_kept(&self, sizes: &[usize]) -> Option<(u64, &EvalReport)> {
        self.eval_kept.as_ref().filter(|(_, kept, _)| kept == sizes).map(|(steps, _, report)| (*steps, report))
    }

    /// Whether the report for these sizes is still to measure at this step.
    pub fn eval_report_due(&self, sizes: &[usize]) -> bool {
        self.eval_report_kept(sizes).is_none_or(|(steps, _)| steps != self.steps)
    }

    /// The next part of the "forgot model.eval()" report at this step (at 6 × 256 it was
    /// ~360 Mi multiply-adds in one task, every frame a step was taken): in eval mode about
    /// [`MEASURE_PART_WORK`] multiply-adds of test digits at a time (each digit's prediction is
    /// its own), in train mode one test batch (its statistics are the whole batch's). The same
    /// numbers as [`Trainer::eval_report`] measured at once. True while some is left.
    pub fn eval_report_part(&mut self, sizes: &[usize]) -> bool {
        if !self.eval_report_due(sizes) {
            return false;
        }
        let model = &self.runs[0].model;
        let mut m = match self.eval_measuring.take() {
            Some(m) if m.steps == self.steps && m.sizes == sizes => m,
            _ => EvalMeasuring {
                steps: self.steps,
                sizes: sizes.to_vec(),
                copy: model.clone(),
                eval: (0, 0),
                rows: Vec::new(),
                batch: 0,
                right: 0,
                seen: 0,
            },
        };
        let test = &self.data.test;
        let n = test.len();
        if m.eval.0 < n {
            // As test_accuracy, on the copy before any pass in train mode.
            let weights = self.settings.multiply_adds(1).unwrap_or(1).max(1);
            let end = m.eval.0.saturating_add((MEASURE_PART_WORK / weights).max(1)).min(n);
            let pixels = test.images.len() / n.max(1);
            if let Ok(predicted) = m.copy.predict(&test.images[m.eval.0 * pixels..end * pixels]) {
                m.eval.1 += predicted.iter().zip(&test.labels[m.eval.0..end]).filter(|(p, y)| p == y).count();
            }
            m.eval.0 = end;
        } else if let Some(&size) = sizes.get(m.rows.len()) {
            if m.batch == 0 {
                m.copy = model.clone(); // each size on a fresh copy, as at once
            }
            let start = m.batch * size;
            let row = if size == 0 || start + size > n {
                Some(Ok(if m.seen == 0 { f32::NAN } else { m.right as f32 / m.seen as f32 }))
            } else {
                let indices: Vec<usize> = (start..start + size).collect();
                let pass = test.batch(&indices).and_then(|(x, labels)| {
                    let predicted = predictions(m.copy.forward(&x, true)?, DIGIT_CLASSES);
                    Ok(predicted.iter().zip(&labels).filter(|(p, l)| p == l).count())
                });
                match pass {
                    Ok(right) => {
                        (m.right, m.seen, m.batch) = (m.right + right, m.seen + size, m.batch + 1);
                        None
                    }
                    Err(e) => Some(Err(e)),
                }
            };
            if let Some(row) = row {
                m.rows.push((size, row));
                (m.batch, m.right, m.seen) = (0, 0, 0);
            }
        }
        if m.eval.0 >= n && m.rows.len() == sizes.len() {
            // As test_accuracy: NaN for a diverged model, the share right else (0 of none).
            let eval = if diverged(model) { f32::NAN } else { (m.eval.1 as f64 / n.max(1) as f64) as f32 };
            self.eval_kept = Some((m.steps, m.sizes, (eval, m.rows)));
            return false;
        }
        self.eval_measuring = Some(m);
        true
    }
}

/// The test batch sizes of "forgot model.eval()" in train mode.
pub const EVAL_REPORT_SIZES: [usize; 3] = [64, 8, 1];

/// One row of the eval report: a test batch size, and the accuracy in train mode (or why not).
pub type EvalRow = (usize, Result<f32, BnError>);

/// The learning-rate sweep: both models trained `steps` steps at each rate, one rate after the
/// other, in chunks the page runs between frames.
#[derive(Clone)]
pub struct Sweep {
    base: TrainSettings,
    steps: u64,
    /// Accuracy of both models for every finished rate.
    results: Vec<[f32; 2]>,
    current: Option<Trainer>,
}

impl Sweep {
    pub fn new(base: TrainSettings, steps: u64) -> Sweep {
        Sweep { base, steps: steps.max(1), results: Vec::new(), current: None }
    }

    /// Whether this sweep measured the models `settings` set: all but the learning rate (which
    /// it varies), the followed unit and the probe (on copies: neither changes a model) the same.
    pub fn measures(&self, settings: &TrainSettings) -> bool {
        let key = |s: &TrainSettings| TrainSettings { lr: 0.0, unit: 0, probes: false, ..s.clone() };
        key(&self.base) == key(settings)
    }

    pub fn done(&self) -> bool {
        self.results.len() == SWEEP_RATES.len()
    }

    /// 0…1: how much of the sweep has run (short of 1 while the last rate's accuracy is measured).
    pub fn progress(&self) -> f64 {
        if self.done() {
            return 1.0;
        }
        let steps_done = self.results.len() as u64 * self.steps + self.current.as_ref().map_or(0, |t| t.steps());
        (steps_done as f64 / (SWEEP_RATES.len() as u64 * self.steps) as f64).min(0.999)
    }

    /// Runs at most `budget` units of work and returns: a training step (of both models), or a
    /// share of a rate's last test accuracy ([`Trainer::measure_part`]: at 6 × 256 it was one task
    /// of ~100 ms at every rate's end, and the step-0 and every tenth step's, which the sweep
    /// never shows, as many). The same results: neither the accuracies left out nor the probe
    /// (on copies) change a model.
    pub fn advance(&mut self, digits: &Digits, budget: u64) -> Result<(), BnError> {
        let mut left = budget;
        while left > 0 && !self.done() {
            if self.current.is_none() {
                let lr = SWEEP_RATES[self.results.len()];
                let settings = TrainSettings { lr, probes: false, ..self.base.clone() };
                self.current = Some(Trainer::unmeasured(digits, settings)?);
            }
            let Some(trainer) = &mut self.current else { break };
            while left > 0 && trainer.steps() < self.steps {
                let (x, labels) = trainer.next_xy()?;
                trainer.step_alone(&x, &labels)?;
                left -= 1;
            }
            if left == 0 {
                break;
            }
            if !trainer.measuring() {
                trainer.measuring = Some((0, [0, 0]));
            }
            trainer.measure_part();
            left -= 1;
            if !trainer.measuring() {
                self.results.push(trainer.latest_accuracy().1);
                self.current = None;
            }
        }
        Ok(())
    }

    pub fn view(&self) -> SweepView {
        SweepView {
            learning_rates: SWEEP_RATES.to_vec(),
            accuracy: [0, 1].map(|m| self.results.iter().map(|r| r[m]).collect()),
            steps: self.steps,
            names: self.base.model_keys(),
        }
    }
}

/// A BatchNorm1d of a model, named as the page names it: hidden layer `hidden` (from 1), at
/// `model_a[index]` in the PyTorch code the page shows, over `features` features.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BatchNormPlace {
    pub hidden: usize,
    pub index: usize,
    pub features: usize,
}

impl BatchNormPlace {
    /// Its button's words: "Open the BatchNorm1d of hidden layer 2 (model_a[4]) in the main view".
    pub fn button(&self, lang: crate::i18n::Lang) -> String {
        let (h, i) = (self.hidden.to_string(), self.index.to_string());
        crate::i18n::tf(lang, "open-layer", &[("h", &h), ("i", &i)])
    }

    /// The notice once it is open, `tracked` its num_batches_tracked: which layer, on what input.
    pub fn opened(&self, lang: crate::i18n::Lang, tracked: u64) -> String {
        let (h, i, c, k) =
            (self.hidden.to_string(), self.index.to_string(), self.features.to_string(), tracked.to_string());
        let j = self.index.saturating_sub(1).to_string();
        let args = [("h", h.as_str()), ("i", &i), ("j", &j), ("c", &c), ("k", &k)];
        crate::i18n::tf(lang, "opened-layer", &args)
    }
}

/// The BatchNorm1d layers among `layers`, in order: the k-th one is hidden layer k's (each
/// hidden layer of the page's networks is Linear, its norm, its activation).
fn batchnorm_places(layers: &[Layer]) -> Vec<BatchNormPlace> {
    let bns = layers.iter().enumerate().filter_map(|(index, l)| match l {
        Layer::BatchNorm(b) => Some((index, b.bn.num_features())),
        _ => None,
    });
    bns.enumerate().map(|(k, (index, features))| BatchNormPlace { hidden: k + 1, index, features }).collect()
}

/// Wu & He 2018, Fig. 1 in miniature: the batch sizes and norms of the batch-size sweep.
pub const SWEEP_BATCH_SIZES: [usize; 7] = [2, 4, 8, 16, 32, 64, 128];
pub const SWEEP_NORMS: [NormChoice; 4] =
    [NormChoice::BatchNorm, NormChoice::GroupNorm, NormChoice::LayerNorm, NormChoice::None];

/// One run of the batch-size sweep: a network, its optimizer, and where it is in its epochs.
#[derive(Clone)]
struct BatchRun {
    net: Net,
    sgd: Sgd,
    batch: usize,
    order: Vec<usize>,
    cursor: usize,
    epoch: u64,
    steps_left: u64,
}

/// The batch-size sweep (Wu & He 2018, Fig. 1): for every batch size and every norm, a fresh
/// network of the Train view's shape trained the same number of epochs, with the learning rate
/// scaled linearly with the batch size (lr·N/32, as Wu & He do), then its test accuracy in eval
/// mode. Run in chunks the page takes between frames.
#[derive(Clone)]
pub struct BatchSweep {
    base: TrainSettings,
    epochs: u64,
    data: DigitsSplit,
    /// [norm][batch size index]
    results: Vec<Vec<f32>>,
    /// Index of the next run (batch size major, norm minor).
    next: usize,
    current: Option<BatchRun>,
    steps_done: u64,
    steps_total: u64,
}

impl BatchSweep {
    /// Whether this sweep measured the networks `settings` set: its runs take their shape,
    /// activation, learning rate, momentum and seed; the batch size and the norms are what it
    /// varies, and model B's noise, the probe and the followed unit are no part of them.
    pub fn measures(&self, settings: &TrainSettings) -> bool {
        let key = |s: &TrainSettings| TrainSettings {
            batch_size: 0,
            norms: [NormChoice::None; 2],
            noise: 0.0,
            probes: false,
            unit: 0,
            ..s.clone()
        };
        key(&self.base) == key(settings)
    }

    pub fn new(digits: &Digits, base: TrainSettings, epochs: u64) -> Result<BatchSweep, BnError> {
        let epochs = epochs.max(1);
        // Its largest batch is a step of the network at batch 128: within a frame's work too.
        let largest = SWEEP_BATCH_SIZES.iter().max().copied().unwrap_or(1);
        let work = base.multiply_adds(largest)?;
        if work > MAX_STEP_WORK {
            let what = "multiply-adds in one step of the batch-size sweep (128 × weights)";
            return Err(BnError::OutOfBounds { what, value: work as f64, min: 1.0, max: MAX_STEP_WORK as f64 });
        }
        let data = DigitsSplit::new(digits, base.seed)?;
        let per_epoch: u64 = SWEEP_BATCH_SIZES.iter().map(|&b| (data.train.len() / b) as u64).sum();
        Ok(BatchSweep {
            base,
            epochs,
            results: vec![Vec::new(); SWEEP_NORMS.len()],
            next: 0,
            current: None,
            steps_done: 0,
            steps_total: per_epoch * epochs * SWEEP_NORMS.len() as u64,
            data,
        })
    }

    pub fn runs() -> usize {
        SWEEP_BATCH_SIZES.len() * SWEEP_NORMS.len()
    }

    pub fn done(&self) -> bool {
        self.next >= Self::runs() && self.current.is_none()
    }

    pub fn progress(&self) -> f64 {
        if self.done() {
            1.0
        } else {
            (self.steps_done as f64 / self.steps_total.max(1) as f64).min(0.999)
        }
    }

    fn start(&mut self) -> Result<(), BnError> {
        let (b, k) = (self.next / SWEEP_NORMS.len(), self.next % SWEEP_NORMS.len());
        let batch = SWEEP_BATCH_SIZES[b];
        let settings = TrainSettings { norms: [SWEEP_NORMS[k]; 2], ..self.base.clone() };
        let net = Net::new(settings.spec(0)?, settings.seed)?;
        let sgd = Sgd::new(self.base.lr * batch as f64 / 32.0, self.base.momentum)?;
        let steps_left = self.steps_per_run(batch);
        let order = self.data.train.shuffled_indices(self.base.seed);
        self.current = Some(BatchRun { net, sgd, batch, order, cursor: 0, epoch: 0, steps_left });
        self.next += 1;
        Ok(())
    }

    /// Runs at most `budget` training steps and returns.
    pub fn advance(&mut self, budget: u64) -> Result<(), BnError> {
        let mut left = budget;
        while left > 0 && !self.done() {
            if self.current.is_none() {
                self.start()?;
            }
            let Some(run) = &mut self.current else { break };
            while left > 0 && run.steps_left > 0 {
                if run.cursor + run.batch > run.order.len() {
                    run.epoch += 1;
                    run.order = self.data.train.shuffled_indices(self.base.seed.wrapping_add(run.epoch));
                    run.cursor = 0;
                }
                let (x, labels) = self.data.train.batch(&run.order[run.cursor..run.cursor + run.batch])?;
                run.cursor += run.batch;
                // A diverged run keeps its NaN: PyTorch would carry on the same way.
                run.net.train_step(&x, &labels, &mut run.sgd)?;
                run.steps_left -= 1;
                self.steps_done += 1;
                left -= 1;
            }
            if run.steps_left == 0 {
                let accuracy = test_accuracy_in_place(&mut run.net, &self.data.test);
                let k = (self.next - 1) % SWEEP_NORMS.len();
                self.results[k].push(accuracy);
                self.current = None;
            }
        }
        Ok(())
    }

    pub fn view(&self) -> crate::charts::BatchSweepView {
        crate::charts::BatchSweepView {
            batch_sizes: SWEEP_BATCH_SIZES.to_vec(),
            names: SWEEP_NORMS.iter().map(|n| n.model_key(NormChoice::None)).collect(),
            accuracy: self.results.clone(),
            epochs: self.epochs,
            steps: SWEEP_BATCH_SIZES.iter().map(|&b| self.steps_per_run(b)).collect(),
        }
    }

    /// The training steps of each run at batch size `batch`: its epochs of whole batches.
    pub fn steps_per_run(&self, batch: usize) -> u64 {
        (self.data.train.len() / batch.max(1)) as u64 * self.epochs
    }

    /// [norm][batch size index] accuracies so far.
    pub fn results(&self) -> &[Vec<f32>] {
        &self.results
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::csv::parse_digits_csv;

    /// The page's steps measure the test accuracy a share of the test digits at a time (hostile25:
    /// 6 × 256 ReLU's 360 test digits were one task of ~100 ms every tenth step), to the same
    /// numbers as a measurement at once, for every norm (eval mode: each digit's prediction is its own).
    #[test]
    fn an_accuracy_measured_in_parts_is_the_accuracy_measured_at_once() {
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        let digits = parse_digits_csv(&digits).unwrap();
        for preset in ["tutorial", "fig1", "wuhe"] {
            let settings = TrainSettings::preset(preset, 3).unwrap();
            let mut whole = Trainer::new(&digits, settings.clone()).unwrap();
            let mut parts = Trainer::new(&digits, settings).unwrap();
            let mut shares = 0;
            for _ in 0..25 {
                whole.step().unwrap();
                parts.step_in_parts().unwrap();
                while parts.measuring() {
                    parts.measure_part();
                    shares += 1;
                }
            }
            assert_eq!(whole.accuracy_history(), parts.accuracy_history(), "{preset}");
            assert_eq!(parts.accuracy_history().len(), 3, "{preset}");
            assert!(shares >= 2, "{preset}: {shares} shares");
        }
        // The largest network the page allows: a digit a share, and the next step finishes an
        // unfinished measurement first.
        let settings = TrainSettings { depth: 6, width: 256, ..TrainSettings::preset("wuhe", 3).unwrap() };
        let mut whole = Trainer::new(&digits, settings.clone()).unwrap();
        let mut parts = Trainer::new(&digits, settings).unwrap();
        for _ in 0..10 {
            whole.step().unwrap();
            parts.step_in_parts().unwrap();
        }
        parts.measure_part();
        assert_eq!(parts.measuring.map(|(next, _)| next), Some(1));
        parts.step_in_parts().unwrap();
        whole.step().unwrap();
        assert!(!parts.measuring());
        assert_eq!(whole.accuracy_history(), parts.accuracy_history());
    }

    /// A new run's accuracy at step 0 is measured in parts too (a settings change, Reset or a
    /// preset at 6 × 256 was one task of ~100 ms): nothing measured until the parts are, then
    /// the numbers measured at once, bit for bit, for every norm and the largest network.
    #[test]
    fn a_new_runs_accuracy_is_measured_in_parts_as_at_once() {
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        let digits = parse_digits_csv(&digits).unwrap();
        let largest = TrainSettings { depth: MAX_DEPTH, width: 256, ..TrainSettings::preset("wuhe", 2).unwrap() };
        let settings = ["tutorial", "fig1", "santurkar", "wuhe"].map(|p| TrainSettings::preset(p, 2).unwrap());
        for settings in settings.into_iter().chain([largest]) {
            let mut trainer = Trainer::new(&digits, settings.clone()).unwrap();
            assert!(trainer.measuring() && trainer.accuracy_history().is_empty(), "{settings:?}");
            let at_once = [0, 1].map(|m| test_accuracy(trainer.model(m), trainer.test_digits()));
            let mut shares = 0;
            while trainer.measuring() {
                trainer.measure_part();
                shares += 1;
            }
            assert!(shares >= 2, "{settings:?}: {shares} shares");
            assert_eq!(trainer.accuracy_history(), &[(0, at_once)], "{settings:?}");
        }
    }

    /// "Forgot model.eval()" measured a part at a time (it was ~360 Mi multiply-adds in one task
    /// at 6 × 256, every frame after a step) is the report measured at once, the refused batch
    /// of 1 included; it is of the step it was measured at, and a step makes it due again.
    #[test]
    fn the_eval_report_measured_in_parts_is_the_report_measured_at_once() {
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        let digits = parse_digits_csv(&digits).unwrap();
        let largest = TrainSettings { depth: MAX_DEPTH, width: 256, batch_size: 24, ..TrainSettings::default() };
        for settings in [TrainSettings::default(), TrainSettings::preset("fig1", 4).unwrap(), largest] {
            let mut trainer = Trainer::new(&digits, settings.clone()).unwrap();
            for _ in 0..3 {
                trainer.step().unwrap();
            }
            let sizes = EVAL_REPORT_SIZES;
            assert!(trainer.eval_report_due(&sizes) && trainer.eval_report_kept(&sizes).is_none());
            let mut parts = 1;
            while trainer.eval_report_part(&sizes) {
                parts += 1;
            }
            assert!(parts > 360 / 64, "{settings:?}: {parts} parts");
            let at_once = trainer.eval_report(&sizes);
            assert!(at_once.1[2].1.is_err(), "a batch of 1 is refused");
            assert_eq!(trainer.eval_report_kept(&sizes), Some((3, &at_once)), "{settings:?}");
            assert!(!trainer.eval_report_due(&sizes));
            trainer.step().unwrap();
            assert!(trainer.eval_report_due(&sizes));
            assert_eq!(trainer.eval_report_kept(&sizes).map(|(k, _)| k), Some(3), "the last one, said of its step");
        }
    }

    /// The learning-rate sweep measures each rate's accuracy in parts at its end, and no other
    /// (nor the probe's, on copies): the results are those of runs stepped and measured at once.
    #[test]
    fn a_sweep_measures_each_rates_accuracy_in_parts_to_the_same_results() {
        let digits = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits.csv")).unwrap();
        let digits = parse_digits_csv(&digits).unwrap();
        let base = TrainSettings { batch_size: 16, ..TrainSettings::preset("santurkar", 5).unwrap() };
        let steps = 12;
        let mut sweep = Sweep::new(base.clone(), steps);
        let mut calls = 0;
        while !sweep.done() {
            sweep.advance(&digits, 1).unwrap();
            calls += 1;
            assert!(sweep.done() || sweep.progress() < 1.0);
        }
        let parts = calls - SWEEP_RATES.len() as u64 * steps;
        assert!(parts >= 2 * SWEEP_RATES.len() as u64, "{parts} parts");
        for (i, &lr) in SWEEP_RATES.iter().enumerate() {
            let mut trainer = Trainer::new(&digits, TrainSettings { lr, ..base.clone() }).unwrap();
            for _ in 0..steps {
                trainer.step().unwrap();
            }
            let at_once = [0, 1].map(|m| test_accuracy(trainer.model(m), trainer.test_digits()));
            let same = |a: f32, b: f32| a == b || (a.is_nan() && b.is_nan());
            assert!(
                (0..2).all(|m| same(sweep.results[i][m], at_once[m])),
                "lr {lr}: {:?} {at_once:?}",
                sweep.results[i]
            );
        }
    }

    /// 200 synthetic digits: class k lights up pixel row k % 8 (enough to learn, quick to run).
    pub(crate) fn toy_digits() -> Digits {
        let mut text = String::from("label");
        for p in 0..64 {
            text += &format!(",p{p}");
        }
        text.push('\n');
        for i in 0..200 {
            let label = i % 10;
            let pixels: Vec<String> = (0..64)
                .map(|p| {
                    if p / 8 == label % 8 && (label < 8 || p % 2 == label % 2) {
                        "16".into()
                    } else {
                        format!("{}", (i * 7 + p) % 3)
                    }
                })
                .collect();
            text += &format!("{label},{}\n", pixels.join(","));
        }
        parse_digits_csv(&text).expect("toy digits")
    }

    /// A run longer than [`HISTORY_LIMIT`] steps stays whole (review24: past 5 000 steps the loss
    /// curves began at step ~844 while the accuracy's began at 0, and Figure 1's caption said
    /// "from the first 50 steps" of steps 844–893): its first and latest [`HISTORY_WINDOW`] steps
    /// each, every `stride`-th step between, at most [`HISTORY_LIMIT`] records, and the step where
    /// a loss first stopped being a number (the charts name it).
    #[test]
    fn a_long_run_keeps_its_first_and_latest_steps_and_thins_the_middle_evenly() {
        let mut history = StepHistory::default();
        let diverged = 12_345;
        for step in 1..=20_000u64 {
            let loss = if step >= diverged { [0.5, f32::NAN] } else { [0.5, 0.25] };
            history.push(TrainRecord { step, loss, percentiles: [[0.0; 3]; 2] });
            assert!(history.records().len() <= HISTORY_LIMIT, "{} records at step {step}", history.records().len());
        }
        let steps: Vec<u64> = history.records().iter().map(|r| r.step).collect();
        let w = HISTORY_WINDOW;
        assert_eq!(steps[..w], (1..=w as u64).collect::<Vec<_>>()[..]);
        assert_eq!(steps[steps.len() - w..], (20_001 - w as u64..=20_000).collect::<Vec<_>>()[..]);
        assert!(steps.windows(2).all(|p| p[0] < p[1]), "in order");
        // Between the windows: the stride's grid (8 at 20 000 steps), and the step it diverged at.
        let stride = history.stride;
        assert_eq!(stride, 8);
        let middle = &steps[w..steps.len() - w];
        assert!(middle.iter().all(|s| s % stride == 0 || *s == diverged), "{middle:?}");
        assert!(middle.contains(&diverged) && !middle.contains(&(diverged + 1)));
        assert!(middle.windows(2).all(|p| p[1] - p[0] <= stride), "evenly: no gap wider than the stride");
        assert!(steps.len() > HISTORY_LIMIT / 2, "{} records: thinned, not emptied", steps.len());
    }

    /// The Train view's charts and Figure 1's caption read the run from step 1 after more than
    /// [`HISTORY_LIMIT`] steps (a small network: the records, not the learning, are tested).
    #[test]
    fn the_charts_of_a_long_run_start_at_its_first_step() {
        let settings = TrainSettings { batch_size: 2, width: 4, ..TrainSettings::default() };
        let mut trainer = Trainer::new(&toy_digits(), settings).unwrap();
        for _ in 0..HISTORY_LIMIT + 200 {
            trainer.step().unwrap();
        }
        let view = trainer.curves_view();
        assert_eq!(view.steps.first(), Some(&1), "the loss curves start where the accuracy's do");
        assert_eq!(view.steps.last(), Some(&(HISTORY_LIMIT as u64 + 200)));
        assert_eq!(trainer.percentiles_view().steps, view.steps);
        let h = trainer.history();
        assert!(h[..HISTORY_WINDOW].iter().enumerate().all(|(i, r)| r.step == i as u64 + 1));
    }

    /// A sweep's chart and caption are of the models it ran: a change of those clears it; a
    /// change of what it varies (the learning rate; the batch size and the norms) keeps it.
    #[test]
    fn a_sweep_is_kept_only_while_it_measured_the_models_now_set() {
        let mut train = TrainState { batch_sweep_epochs: 1, ..TrainState::default() };
        train.load(toy_digits()).unwrap();
        let base = train.settings.clone();
        train.start_sweep(2);
        train.start_batch_sweep().unwrap();
        train.change(TrainSettings { lr: 0.5, probes: true, ..base.clone() }).unwrap();
        assert!(train.sweep.is_some(), "the rate it varies, and the probe");
        assert!(train.batch_sweep.is_none(), "its runs' rates are the base's, scaled");
        train.change(base.clone()).unwrap();
        train.start_sweep(2);
        train.start_batch_sweep().unwrap();
        train
            .change(TrainSettings { batch_size: 16, norms: [NormChoice::LayerNorm, NormChoice::None], ..base.clone() })
            .unwrap();
        assert!(train.sweep.is_none(), "the learning-rate sweep ran BatchNorm1d models at batch 64");
        assert!(train.batch_sweep.is_some(), "the batch sweep runs every norm at every batch size");
        train.change(TrainSettings { width: 16, ..base }).unwrap();
        assert!(train.batch_sweep.is_none(), "it ran 128-wide networks");
    }

    /// No frame holds a step larger than MAX_STEP_WORK (the boxes allowed 89 Mi: Play froze
    /// the page a frame at a time); every preset fits, with its probe and its batch sweep.
    #[test]
    fn a_step_too_large_for_a_frame_is_refused_and_every_preset_fits() {
        let big = TrainSettings { depth: 6, width: 256, batch_size: 256, ..TrainSettings::default() };
        assert_eq!(big.multiply_adds(256).unwrap(), 256 * (64 * 256 + 5 * 256 * 256 + 256 * 10));
        let Err(BnError::OutOfBounds { what, max, .. }) = big.check() else { panic!("{:?}", big.check()) };
        assert!(what.starts_with("multiply-adds in one step") && max == MAX_STEP_WORK as f64, "{what}");
        let small = TrainSettings { batch_size: 24, ..big.clone() };
        assert!(small.check().is_ok(), "6 × 256 at batch 24 fits");
        let probed = TrainSettings { probes: true, ..small.clone() };
        assert!(matches!(probed.check(), Err(BnError::OutOfBounds { what, .. }) if what.contains("probe")));
        let sweep = BatchSweep::new(&toy_digits(), small, 1);
        assert!(matches!(sweep, Err(BnError::OutOfBounds { what, .. }) if what.contains("batch-size sweep")));
        for preset in PRESETS {
            let settings = TrainSettings::preset(preset, 1).unwrap();
            assert!(settings.check().is_ok(), "{preset}: {:?}", settings.check());
            assert!(BatchSweep::new(&toy_digits(), settings, 1).is_ok(), "{preset}'s batch sweep");
        }
        assert!(TrainSettings::default().check().is_ok());
    }

    /// An epoch is the shuffled training digits cut into whole batches (the rest wait for the
    /// next shuffle): the status line and Figure 1's caption count the same epochs, and before
    /// the first step the status names none ("Step 0 (epoch 1)" said one had begun).
    #[test]
    fn epochs_are_whole_batches_of_each_shuffle_and_none_before_the_first_step() {
        let digits = toy_digits();
        let mut t = Trainer::new(&digits, TrainSettings { batch_size: 32, ..TrainSettings::default() }).unwrap();
        let per_epoch = (t.train_len() / 32) as u64;
        assert_eq!(t.steps_per_epoch(), per_epoch);
        let status = |t: &Trainer| {
            let state = TrainState { trainer: Some(t.clone()), ..TrainState::default() };
            crate::explain::train_status(&state, crate::i18n::Lang::En)
        };
        // Its accuracy is measured over the frames after (`Trainer::new`), said meanwhile.
        assert_eq!(status(&t), "Step 0, untrained · measuring the test accuracy…");
        while t.measuring() {
            t.measure_part();
        }
        let before = status(&t);
        assert!(before.starts_with("Step 0, untrained · test accuracy: ") && !before.contains("epoch"), "{before}");
        for _ in 0..per_epoch {
            t.step().unwrap();
        }
        assert_eq!(t.epochs_done(), 1.0);
        // The trainer's own shuffle agrees: the next batch starts the second epoch's order.
        assert_eq!(t.epoch, 0);
        t.step().unwrap();
        assert_eq!(t.epoch, 1);
        assert!(status(&t).starts_with(&format!("Step {} ({} epochs)", per_epoch + 1, t.epochs_text())));
        for lang in crate::i18n::Lang::ALL {
            let state = TrainState { trainer: Some(t.clone()), ..TrainState::default() };
            let said = crate::explain::train_status(&state, lang);
            assert!(said.contains(&t.epochs_text()) && !said.contains('{'), "{said}");
        }
    }

    #[test]
    fn both_models_start_equal_and_learn() {
        let digits = toy_digits();
        let mut t = Trainer::new(&digits, TrainSettings { batch_size: 32, ..TrainSettings::default() }).unwrap();
        assert_eq!(t.model(0).parameters()[0], t.model(1).parameters()[0], "the same start");
        for _ in 0..60 {
            t.step().unwrap();
        }
        let view = t.curves_view();
        assert_eq!(view.steps.len(), 60);
        assert_eq!(view.accuracy_steps, vec![0, 10, 20, 30, 40, 50, 60]);
        assert!(view.loss[0][59] < view.loss[0][0], "the BN model's loss went down");
        assert!(t.latest_accuracy().1[0] > 0.5, "{:?}", t.latest_accuracy());
        // Between two measurements the accuracy shown names its step ("at step 60" at step 65).
        for _ in 0..5 {
            t.step().unwrap();
        }
        assert_eq!(t.latest_accuracy().0, 60);
        let state = TrainState { trainer: Some(t.clone()), ..TrainState::default() };
        let status = crate::explain::train_status(&state, crate::i18n::Lang::En);
        // Epochs as Figure 1's caption counts them: whole batches of each shuffle.
        let epochs = format!(
            "({:.1} epochs)",
            (65.0 / state.trainer.as_ref().unwrap().steps_per_epoch() as f64 * 10.0).floor() / 10.0
        );
        assert!(
            status.starts_with(&format!("Step 65 {epochs}")) && status.contains("test accuracy at step 60:"),
            "{status}"
        );
        let t = state.trainer.unwrap();
        let p = t.percentiles_view();
        assert!(p.percentiles[0][0][5] <= p.percentiles[0][1][5] && p.percentiles[0][1][5] <= p.percentiles[0][2][5]);
    }

    /// The status line and the charts' words name the models as the legends do, in every
    /// language: not "with BatchNorm1d … without" for two other models.
    #[test]
    fn the_words_name_the_models_as_the_legends_do() {
        use crate::i18n::{t, Lang};
        let digits = toy_digits();
        let noisy = TrainSettings { norms: [NormChoice::BatchNorm; 2], noise: 1.0, ..TrainSettings::default() };
        let ln_gn = TrainSettings { norms: [NormChoice::LayerNorm, NormChoice::GroupNorm], ..TrainSettings::default() };
        for settings in [noisy, ln_gn] {
            let mut trainer = Trainer::new(&digits, settings.clone()).unwrap();
            trainer.step().unwrap();
            let state = TrainState { settings: settings.clone(), trainer: Some(trainer), ..TrainState::default() };
            for lang in Lang::ALL {
                let [a, b] = settings.model_keys().map(|k| t(lang, k));
                let status = crate::explain::train_status(&state, lang);
                assert!(status.contains(&a) && status.contains(&b), "{status}");
                for chart in ["curves", "percentiles", "digits"] {
                    let said = crate::explain::train_summary(&state, 5, chart, lang);
                    assert!(said.contains(&a) && said.contains(&b), "{said}");
                    for other in ["without BatchNorm1d", "with BatchNorm1d"].map(|k| t(lang, k)) {
                        assert!(a == other || b == other || !said.contains(&other), "{said}");
                    }
                }
            }
        }
    }

    /// The curves in words: the step it is at (no "After 1 steps") and accuracies in percent, as
    /// the status line gives them (not "0.125 with" beside "12.5 %").
    #[test]
    fn the_curves_in_words_give_the_step_and_percentages() {
        let digits = toy_digits();
        let mut trainer = Trainer::new(&digits, TrainSettings::default()).unwrap();
        trainer.step().unwrap();
        let (_, [a, b]) = trainer.latest_accuracy();
        let state = TrainState { trainer: Some(trainer), ..TrainState::default() };
        let said = crate::explain::train_summary(&state, 5, "curves", crate::i18n::Lang::En);
        assert!(said.starts_with("At step 1: training loss"), "{said}");
        let (a, b) = (crate::numbers::percent(a as f64), crate::numbers::percent(b as f64));
        assert!(
            said.contains(&format!("test accuracy at step 0: {a} with BatchNorm1d, {b} without BatchNorm1d")),
            "{said}"
        );
    }

    /// The digits in words say how many the chart showed, and count the right guesses among
    /// those (a box with room for 9 showed 9 while its summary spoke of 12).
    #[test]
    fn the_digits_in_words_count_the_digits_drawn() {
        let digits = toy_digits();
        let mut trainer = Trainer::new(&digits, TrainSettings::default()).unwrap();
        trainer.step().unwrap();
        let right = |n: usize, m: usize| {
            let v = trainer.digits_view(n);
            v.predicted[m].iter().zip(&v.labels).filter(|(p, l)| p == l).count()
        };
        let expected = |n: usize| {
            format!(
                "{n} test digits: the model with BatchNorm1d names {} correctly, the one without BatchNorm1d {}.",
                right(n, 0),
                right(n, 1)
            )
        };
        let (nine, all) = (expected(9), expected(12));
        let state = TrainState { trainer: Some(trainer), ..TrainState::default() };
        let said = |shown| crate::explain::train_summary_drawn(&state, 5, "digits", shown, crate::i18n::Lang::En);
        assert_eq!(said(Some(9)), nine);
        // Before a draw, and where the box showed none ("Too small to draw"): the twelve.
        assert_eq!(said(None), all);
        assert_eq!(said(Some(0)), all);
        for lang in [crate::i18n::Lang::ZhHant, crate::i18n::Lang::ZhHans] {
            let zh = crate::explain::train_summary_drawn(&state, 5, "digits", Some(9), lang);
            assert!(zh.starts_with("9 個") || zh.starts_with("9 个"), "{zh}");
        }
    }

    #[test]
    fn forgetting_eval_is_measured_and_a_batch_of_one_is_refused() {
        let digits = toy_digits();
        let mut t = Trainer::new(&digits, TrainSettings::default()).unwrap();
        for _ in 0..20 {
            t.step().unwrap();
        }
        let (eval, rows) = t.eval_report(&[1, 8, 20]);
        assert!(eval.is_finite());
        assert!(matches!(rows[0].1, Err(BnError::OneValuePerFeature { .. })));
        assert!(rows[1].1.as_ref().is_ok_and(|a| a.is_finite()));
    }

    #[test]
    fn a_sweep_runs_in_chunks_and_records_divergence() {
        let digits = toy_digits();
        let mut sweep = Sweep::new(TrainSettings { batch_size: 16, ..TrainSettings::default() }, 5);
        let mut chunks = 0;
        while !sweep.done() {
            sweep.advance(&digits, 7).unwrap();
            chunks += 1;
            assert!(sweep.progress() <= 1.0);
        }
        assert!(chunks >= 6, "{chunks} chunks");
        assert_eq!(sweep.view().accuracy[0].len(), 8);
    }
}

/// The most training steps a shared link replays (a few seconds of work when the digits
/// arrive); the page's own history (a reload, the full module taking over) gets
/// [`crate::lab::HANDOVER_BUDGET_SCALE`] times as many. Beyond, the page runs this many and says
/// how many it left out.
pub const MAX_TRAIN_REPLAY: u64 = 3000;

/// Everything the Train view holds: the digits (once loaded), its settings, the two models
/// training, and a sweep when one runs.
#[derive(Clone, Default)]
pub struct TrainState {
    pub digits: Option<Digits>,
    pub settings: TrainSettings,
    pub trainer: Option<Trainer>,
    pub sweep: Option<Sweep>,
    /// The batch-size sweep (Wu & He 2018), when one runs or ran.
    pub batch_sweep: Option<BatchSweep>,
    /// Epochs per run of the next batch-size sweep.
    pub batch_sweep_epochs: u64,
    /// Steps to replay once the digits arrive (from a shared link, or the page's own address).
    pub pending_steps: u64,
    /// A Step pressed while a test accuracy was being measured: taken once it is (the step
    /// would finish it at once first, ~100 ms at 6 × 256).
    pub step_asked: bool,
    /// Those steps are the page's own history (a reload, the full module taking over), not a
    /// stranger's link: said as the student's own.
    pub pending_own: bool,
    /// What the student last set running: the chart the live region says once it is done.
    pub last_run: LastRun,
}

/// The Train view's work a student sets running, each said by its own chart when done.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum LastRun {
    /// A Step, Play or a link's steps: the training curves.
    #[default]
    Training,
    /// The learning-rate sweep.
    Sweep,
    /// The batch-size sweep (Wu & He 2018).
    BatchSweep,
}

impl TrainState {
    /// Takes the digits (the page loads them when the view first opens) and starts the models.
    /// (The steps a link asked for stay in `pending_steps`: the page takes them a frame's worth
    /// at a time, so a long link never freezes it.)
    pub fn load(&mut self, digits: Digits) -> Result<(), BnError> {
        self.digits = Some(digits);
        self.restart()
    }

    /// Fresh models with the current settings (nothing when the digits are not loaded yet).
    pub fn restart(&mut self) -> Result<(), BnError> {
        self.settings.check()?;
        self.step_asked = false; // of the models before
        if let Some(digits) = &self.digits {
            self.trainer = Some(Trainer::new(digits, self.settings.clone())?);
        }
        Ok(())
    }

    /// New settings: checked first, then fresh models (a changed setting is a new experiment).
    pub fn change(&mut self, settings: TrainSettings) -> Result<(), BnError> {
        settings.check()?;
        let unit_only = TrainSettings { unit: self.settings.unit, ..settings.clone() } == self.settings;
        // A sweep, running or done, is of the models it was started with: kept only while those
        // are still the ones set, apart from what it varies itself (its chart and caption sat
        // beside other models, saying nothing: a hostile tester's width 16 under a 128's sweep).
        if self.sweep.as_ref().is_some_and(|sweep| !sweep.measures(&settings)) {
            self.sweep = None;
        }
        if self.batch_sweep.as_ref().is_some_and(|sweep| !sweep.measures(&settings)) {
            self.batch_sweep = None;
        }
        self.settings = settings;
        // New models start at step 0: steps of a link or a reload still to redo were of the
        // old ones (they went on over the new models, as if the change came after them).
        if !unit_only {
            self.pending_steps = 0;
        }
        match (&mut self.trainer, unit_only) {
            // Following another unit changes no model: only the chart, from the next step on.
            (Some(trainer), true) => {
                trainer.settings.unit = self.settings.unit;
                Ok(())
            }
            _ => self.restart(),
        }
    }

    pub fn step(&mut self) -> Result<(), BnError> {
        self.last_run = LastRun::Training;
        match &mut self.trainer {
            Some(trainer) => trainer.step(),
            None => Ok(()),
        }
    }

    /// The page's step: its test accuracy, when due, measured over the next frames
    /// ([`Trainer::step_in_parts`]).
    pub fn step_in_parts(&mut self) -> Result<(), BnError> {
        self.last_run = LastRun::Training;
        match &mut self.trainer {
            Some(trainer) => trainer.step_in_parts(),
            None => Ok(()),
        }
    }

    /// True while a test accuracy is being measured in parts.
    pub fn measuring(&self) -> bool {
        self.trainer.as_ref().is_some_and(Trainer::measuring)
    }

    /// The next share of the test accuracy being measured.
    pub fn measure_part(&mut self) {
        if let Some(trainer) = &mut self.trainer {
            trainer.measure_part();
        }
    }

    /// Whether "forgot model.eval()" is shown (model A has BatchNorm1d) and still to measure at
    /// this step.
    pub fn eval_report_due(&self) -> bool {
        self.trainer
            .as_ref()
            .is_some_and(|t| t.settings().norms[0] == NormChoice::BatchNorm && t.eval_report_due(&EVAL_REPORT_SIZES))
    }

    /// The next part of "forgot model.eval()" at this step; true while some is left.
    pub fn eval_report_part(&mut self) -> bool {
        self.eval_report_due() && self.trainer.as_mut().is_some_and(|t| t.eval_report_part(&EVAL_REPORT_SIZES))
    }

    /// The steps taken, with those still to replay: while a link's or a reload's steps are
    /// redone, the address stands for all of them (it said the steps redone so far, and a
    /// second reload meanwhile lost the rest).
    pub fn steps(&self) -> u64 {
        self.trainer.as_ref().map_or(0, Trainer::steps) + self.pending_steps
    }

    /// While a link's or a reload's steps are redone: what the progress bar says (the step
    /// reached and the step it ends at) and how far it is (0…1).
    pub fn replay_progress(&self, lang: crate::i18n::Lang) -> Option<(String, f64)> {
        let done = self.trainer.as_ref().filter(|_| self.pending_steps > 0)?.steps();
        let end = done + self.pending_steps;
        let key = if self.pending_own { "train-replay-own" } else { "train-replay-link" };
        let said = crate::i18n::tf(lang, key, &[("k", &done.to_string()), ("n", &end.to_string())]);
        Some((said, done as f64 / end as f64))
    }

    /// Starts a sweep of `steps` steps per learning rate (replacing one that runs).
    pub fn start_sweep(&mut self, steps: u64) {
        self.sweep = Some(Sweep::new(self.settings.clone(), steps));
        self.last_run = LastRun::Sweep;
    }

    pub fn cancel_sweep(&mut self) {
        self.sweep = None;
    }

    /// Starts the batch-size sweep with the current network shape (nothing before the digits load).
    pub fn start_batch_sweep(&mut self) -> Result<(), BnError> {
        if let Some(digits) = &self.digits {
            self.batch_sweep = Some(BatchSweep::new(digits, self.settings.clone(), self.batch_sweep_epochs.max(1))?);
            self.last_run = LastRun::BatchSweep;
        }
        Ok(())
    }

    pub fn cancel_batch_sweep(&mut self) {
        self.batch_sweep = None;
    }

    /// Runs at most `budget` steps of the batch-size sweep: None when none runs, else whether
    /// it has more to do.
    pub fn advance_batch_sweep(&mut self, budget: u64) -> Result<Option<bool>, BnError> {
        match &mut self.batch_sweep {
            Some(sweep) if !sweep.done() => {
                sweep.advance(budget)?;
                Ok(Some(!sweep.done()))
            }
            _ => Ok(None),
        }
    }

    /// Runs at most `budget` steps of the sweep; true while it has more to do.
    pub fn advance_sweep(&mut self, budget: u64) -> Result<bool, BnError> {
        match (&mut self.sweep, &self.digits) {
            (Some(sweep), Some(digits)) if !sweep.done() => {
                sweep.advance(digits, budget)?;
                Ok(!sweep.done())
            }
            _ => Ok(false),
        }
    }
}
