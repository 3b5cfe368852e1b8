//! The playground's state machine, with no web dependency: one BatchNorm1d layer fed by a
//! seeded data source, one Step at a time, with every setting the page has.
//!
//! The rules a user sees:
//! - **Step** draws batch k (a pure function of the data settings and k) and runs `bn(x)`.
//! - Moving a layer control (eps, momentum, γ, β) or the batch size **redoes the last step** with
//!   the new setting, from the state before it: the page always shows "the last step, as it
//!   would have gone with these settings".
//! - Switching to eval is `bn.eval()` then `bn(x)` on the **same** batch from the current state:
//!   the page shows it through the running statistics and nothing changes. Switching back to
//!   train only sets the mode; the next Step trains. Toggling never moves the statistics.
//! - Building a different layer (C, affine, track_running_stats) or a different data source
//!   (distribution, shift, spread, seed) starts over: **Reset**, then one step.
//! - A refused step keeps the layer as it was, except for PyTorch's own num_batches_tracked
//!   increment, which the page points out.

use crate::charts::{DistributionView, FeaturesView, RunningView, SamplesView};
use crate::core::stats::mean_std_per_feature;
use crate::core::{
    BatchMaker, BatchNorm1d, BatchNormConfig, BatchOrder, BnError, DataSpec, Distribution, Generator, Trace,
};
use crate::refusal::Refusal;

/// The most steps the running-statistics chart remembers.
pub const HISTORY_LIMIT: usize = 500;
pub const MAX_FEATURES: usize = 1024;
pub const MAX_BATCH: usize = 4096;
pub const MAX_LENGTH: usize = 64;
/// The most values a link's replay may push through the layer, and the most steps it may
/// take (a few seconds of frame-sized chunks).
pub const REPLAY_VALUES: usize = 1 << 26;
pub const REPLAY_STEPS: u64 = 10_000;
/// The full module taking over from the first view's replays the page's own history, which the
/// student took step by step and may be longer than a link's budget: it gets this many times
/// that budget (still a frame-sized chunk at a time, with progress), so the lab comes across
/// whole (a tab opened after 33 steps at N·C = 2 Mi lost the 34th).
pub const HANDOVER_BUDGET_SCALE: u64 = 100;
/// The next batch is made this many values at a time (about a millisecond): in idle time, on
/// Play and in a link's replay.
pub const AHEAD_CHUNK: usize = 1 << 14;
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
    /// m: how many values one feature has in a batch (N, or N·L).
    pub fn values_per_feature(&self) -> usize {
        self.batch_size * self.length.max(1)
    }

    /// The input's dims: `[N, C]` or `[N, C, L]`.
    pub fn dims(&self) -> Vec<usize> {
        let (n, c) = (self.batch_size, self.layer.num_features);
        if self.length == 0 {
            vec![n, c]
        } else {
            vec![n, c, self.length]
        }
    }

    /// The settings `actions` lead to from these, without running a step: N, L, eps, momentum
    /// and the mode as each action sets them (the sample followed kept within N), the feature
    /// followed as a γ/β change selects it.
    pub fn after(&self, actions: &[Action]) -> Settings {
        let mut s = self.clone();
        for action in actions {
            match *action {
                Action::Mode(training) => s.training = training,
                Action::Eps(eps) => s.layer.eps = eps,
                Action::Momentum(m) => s.layer.momentum = m,
                Action::BatchSize(n) => (s.batch_size, s.sample) = (n, s.sample.min(n.saturating_sub(1))),
                Action::Length(l) => s.length = l,
                Action::GammaBeta { feature, .. } => s.feature = feature,
                Action::Step(_) | Action::Value { .. } => {}
            }
        }
        s
    }
}

/// One step's statistics, for the running-statistics chart.
#[derive(Debug, Clone, PartialEq)]
pub struct StepRecord {
    pub step: u64,
    pub running_mean: Option<Vec<f32>>,
    pub running_var: Option<Vec<f32>>,
    /// The batch's mean and unbiased variance (what running_var averages; the biased one when
    /// m = 1); None at step 0, before any batch.
    pub batch_mean: Option<Vec<f32>>,
    pub batch_var: Option<Vec<f32>>,
}

/// One thing a user did since the layer was built. Replaying the list from the same base
/// settings gives the same page, number for number (this is what a shared link carries).
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// `count` Steps.
    Step(u64),
    /// `bn.train()` (true) / `bn.eval()` (false), then `bn(x)` on the same batch.
    Mode(bool),
    Eps(f64),
    Momentum(Option<f64>),
    GammaBeta {
        feature: usize,
        gamma: f32,
        beta: f32,
    },
    BatchSize(usize),
    Length(usize),
    /// One value of the current batch, set by hand.
    Value {
        sample: usize,
        feature: usize,
        value: f32,
    },
}

impl Action {
    /// Two actions of which only the later matters when nothing happened in between.
    fn replaces(&self, earlier: &Action) -> bool {
        use Action::*;
        match (self, earlier) {
            (Eps(_), Eps(_)) | (Momentum(_), Momentum(_)) | (BatchSize(_), BatchSize(_)) | (Length(_), Length(_)) => {
                true
            }
            (GammaBeta { feature: a, .. }, GammaBeta { feature: b, .. }) => a == b,
            (Value { sample: s1, feature: f1, .. }, Value { sample: s2, feature: f2, .. }) => s1 == s2 && f1 == f2,
            _ => false,
        }
    }
}

/// Where batches come from: the seeded generator, or one batch the user brought.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Generated,
    /// The user's batch, row-major with the settings' dims; every Step runs it again.
    Own(Vec<f32>),
}

/// A refused step: why, and whether PyTorch's num_batches_tracked still went up.
#[derive(Debug, Clone, PartialEq)]
pub struct RefusedStep {
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
    /// The mode of the pass shown (the current step's `bn(x)`): the settings' mode at a Step or
    /// a switch to eval, but still eval after a switch back to train, until the next Step — a
    /// changed setting then redoes that eval pass, not a training pass that would count the
    /// same batch twice in num_batches_tracked.
    pass_training: bool,
    /// Batches drawn since Reset (the current one is batch `steps − 1`).
    steps: u64,
    batch: Vec<f32>,
    trace: Option<Trace>,
    /// Names `trace` among every trace any lab made ([`Lab::trace_id`]).
    trace_id: u64,
    /// Each feature's output mean and σ of `trace`, measured once per trace (a frame reads
    /// them twice, the chart and its summary; ~2 passes over N·C values each).
    output_stats: std::cell::OnceCell<Vec<(f64, f64)>>,
    refusal: Option<RefusedStep>,
    history: Vec<StepRecord>,
    /// The settings the layer was built with, and what was done since.
    base: Settings,
    actions: Vec<Action>,
    source: Source,
    /// The output before the values set by hand since the last step or setting, so the
    /// per-sample chart can show which outputs moved.
    unedited_output: Option<Vec<f32>>,
    /// The next Step's batch, made ahead while the page is idle ([`Lab::make_ahead`]); a Step
    /// takes it only when it is that very batch (index, N, L and data settings).
    ahead: Option<BatchMaker>,
    /// Batch 0, kept once made: a new layer (the affine or track box, Reset) starts from it
    /// again, and new feature means or spreads from its draws (at N = 4096 they take ~30 ms).
    first: Option<BatchMaker>,
    /// The batch a change draws, made before it ([`Lab::resized_batch`], [`Lab::first_batch_for`]:
    /// the page makes a large one a frame's share at a time, then applies the change, which takes it).
    made: Option<BatchMaker>,
    /// The layer's γ and β were learned by training (the Train view's BatchNorm1d opened here),
    /// not set on the page: the PyTorch code says so. A fresh layer (Reset, a new setting) clears it.
    trained: bool,
}

/// Traces made so far, by every lab ([`Lab::trace_id`]).
static TRACES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The page's own rule for a BatchNorm1d's eps: positive and finite, in the page's words
/// ([`BnError::BadEps`]), before anything changes. PyTorch is laxer, and so is the core, which
/// does as PyTorch: `nn.BatchNorm1d(eps=…)` builds with any eps; eps ≤ 0 is refused only when
/// the layer runs (with batch statistics; a negative one in eval mode too), and NaN (NaN
/// outputs) and ∞ (y = β) run. A student who typed those learns nothing from NaN, so every
/// place the page takes an eps from a student (a control, a link's `eps=` and `do=p…`, the
/// settings a lab is built from) asks this first.
pub fn page_check_eps(eps: f64) -> Result<(), BnError> {
    if eps > 0.0 && eps.is_finite() {
        Ok(())
    } else {
        Err(BnError::BadEps(eps))
    }
}

/// The page's own rule for momentum: a finite number (or None for a cumulative average), in
/// the page's words ([`BnError::BadMomentum`]). PyTorch (and the core) run NaN or ∞ momentum and
/// the running statistics turn NaN at the first training step; the page refuses it instead,
/// wherever it takes a momentum from a student (as [`page_check_eps`]).
pub fn page_check_momentum(momentum: Option<f64>) -> Result<(), BnError> {
    match momentum {
        Some(m) if !m.is_finite() => Err(BnError::BadMomentum(m)),
        _ => Ok(()),
    }
}

fn in_bounds(what: &'static str, value: f64, min: f64, max: f64) -> Result<(), Refusal> {
    if value.is_finite() && value >= min && value <= max {
        Ok(())
    } else {
        Err(BnError::OutOfBounds { what, value, min, max }.into())
    }
}

/// What a link's replay leaves out beyond its budget: steps, and changes dropped whole (the
/// two are counted apart, so that a notice says which).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cut {
    pub steps: u64,
    pub changes: u64,
}

impl Cut {
    pub fn is_empty(&self) -> bool {
        self.steps == 0 && self.changes == 0
    }
}

/// A link's actions, replayed a chunk at a time (each animation frame does one chunk).
pub struct Replay {
    /// The link's own settings, its data and its batch 0, made a chunk at a time before its lab
    /// is built (at N·C = 2 Mi batch 0 is 150–550 ms of work, which opening the link did in
    /// one task); None once the lab is.
    first: Option<Box<(Settings, Generator, BatchMaker)>>,
    actions: std::collections::VecDeque<Action>,
    /// Steps still owed by the action at the front.
    pending_steps: u64,
    /// The batch of the change of N or L at the front, made a chunk at a time before it is
    /// applied (at N·C = 2 Mi ~100-300 ms of work: `do=n4096,n1,…` ran one per task).
    batch: Option<Box<ChangeBatch>>,
    /// Steps replayed so far and in all (for the progress bar).
    pub done_steps: u64,
    pub total_steps: u64,
    /// Other actions replayed so far and in all (the progress bar counts them too: a link of
    /// changes alone showed none).
    done_changes: u64,
    total_changes: u64,
    /// The action that stopped the replay, refused (the page names it).
    pub refused: Option<Action>,
    /// Stop once the link's lab is built (a student's action waits for that, then stops the
    /// opening where it is).
    pub stop_at_first: bool,
}

/// The batch of a link's change of N or L, being made.
struct ChangeBatch {
    generator: Generator,
    maker: BatchMaker,
    /// Its rows, and the values of one.
    n: usize,
    row: usize,
}

impl Replay {
    /// Builds the base layer (which takes its first step) and queues the actions. A link
    /// may ask for at most [`REPLAY_STEPS`] steps and [`REPLAY_VALUES`] values in all, `scale`
    /// times that for a hand-over ([`HANDOVER_BUDGET_SCALE`]); what is beyond that is dropped
    /// here ([`Replay::over_budget`] says how much).
    ///
    /// The lab returned stands in until the link's own is built: the default one. Its batch 0 is
    /// made by [`Replay::advance`] a chunk at a time ([`Replay::base`] says the link's settings
    /// meanwhile).
    pub fn new(base: Settings, actions: Vec<Action>, scale: u64) -> Result<(Lab, Replay), Refusal> {
        // Refused at once, as building the lab would be.
        Lab::check(&base)?;
        Lab::fresh_layer(&base)?;
        let mut actions: std::collections::VecDeque<Action> = actions.into();
        let (total, _) = Replay::cut_to_budget(&base, &mut actions, scale);
        let total_changes = actions.iter().filter(|a| !matches!(a, Action::Step(_))).count() as u64;
        let generator = Generator::new(base.data.clone());
        let maker = generator.maker(0, base.batch_size, base.length.max(1));
        let first = Some(Box::new((base, generator, maker)));
        Ok((
            Lab::default(),
            Replay {
                first,
                actions,
                pending_steps: 0,
                batch: None,
                done_steps: 0,
                total_steps: total,
                done_changes: 0,
                total_changes,
                refused: None,
                stop_at_first: false,
            },
        ))
    }

    /// The link's settings while its batch 0 is still being made (the lab is then a stand-in).
    pub fn base(&self) -> Option<&Settings> {
        self.first.as_ref().map(|first| &first.0)
    }

    /// Cuts a link's actions to the budget: the first Step less the one `Lab::new` takes, then
    /// each action to what is left of it. A Step costs its values through the layer (N·C·L at the
    /// batch size and length in effect then: `n=4&do=n4096,s10000` is 10 000 steps of 4096 × 128);
    /// any other action the step it redoes (a change of 4096 and back, 5 000 times, ran for
    /// minutes). Returns the steps kept and what was cut: steps, and the changes dropped whole.
    fn cut_to_budget(base: &Settings, actions: &mut std::collections::VecDeque<Action>, scale: u64) -> (u64, Cut) {
        // Lab::new took the first step already.
        if let Some(Action::Step(k)) = actions.front_mut() {
            *k = k.saturating_sub(1);
        }
        let scale = scale.max(1);
        let (mut steps_left, mut values_left) =
            (scale.saturating_mul(REPLAY_STEPS), scale.saturating_mul(REPLAY_VALUES as u64));
        let (c, mut n, mut l) = (base.layer.num_features, base.batch_size, base.length);
        let (mut total, mut cut) = (0u64, Cut::default());
        actions.retain_mut(|action| {
            match action {
                Action::BatchSize(size) => n = *size,
                Action::Length(length) => l = *length,
                _ => {}
            }
            let per_step = n.saturating_mul(c).saturating_mul(l.max(1)).max(1) as u64;
            if let Action::Step(k) = action {
                let kept = (*k).min(steps_left).min(values_left / per_step);
                (cut.steps, total) = (cut.steps + (*k - kept), total + kept);
                (steps_left, values_left) = (steps_left - kept, values_left - kept * per_step);
                *k = kept;
                true
            } else if values_left >= per_step {
                values_left -= per_step;
                true
            } else {
                cut.changes += 1;
                false
            }
        });
        (total, cut)
    }

    /// The steps and changes a link asked for beyond the budget, exactly those [`Replay::new`]
    /// leaves out (none when it is all replayed). A link the page wrote itself is never over:
    /// its first step is the one `Lab::new` takes.
    pub fn over_budget(base: &Settings, actions: &[Action], scale: u64) -> Cut {
        Replay::cut_to_budget(base, &mut actions.iter().cloned().collect(), scale).1
    }

    pub fn done(&self) -> bool {
        self.first.is_none() && self.pending_steps == 0 && self.actions.is_empty()
    }

    /// The actions still to replay, the steps owed by the current one first.
    pub fn remaining(&self) -> impl Iterator<Item = Action> + '_ {
        let owed = (self.pending_steps > 0).then_some(Action::Step(self.pending_steps));
        owed.into_iter().chain(self.actions.iter().cloned())
    }

    /// Actions redone so far and in all, each Step one, when the replay holds other actions than
    /// Steps (a change of N, a toggle): its line then counts actions, as its bar does. Counting
    /// Steps, a reload of 40 000 changes of N said "step 1 of 1" throughout.
    pub fn actions(&self) -> Option<(u64, u64)> {
        let (done, total) = (self.done_steps + self.done_changes, self.total_steps + self.total_changes);
        (self.total_changes > 0).then_some((done, total))
    }

    /// 0…1, batch 0 counted as a step, and every other action as one.
    pub fn progress(&self) -> f64 {
        let first = self.first.as_ref().map_or(1.0, |first| first.2.rows() as f64 / first.0.batch_size.max(1) as f64);
        let making = self.batch.as_ref().map_or(0.0, |b| b.maker.rows() as f64 / b.n.max(1) as f64);
        let done = (self.done_steps + self.done_changes) as f64 + first + making;
        done / ((self.total_steps + self.total_changes) as f64 + 1.0)
    }

    /// Replays while `go_on(values spent so far)` says so, at least one action; stops at the
    /// first refused action and says why (the refusal names the setting it refused). Batch 0 and
    /// each step's batch are made a chunk at a time ([`Lab::make_ahead`]), asking between chunks:
    /// at N·C = 2 Mi a batch is ~150 ms of work, which would otherwise be one task.
    pub fn advance(&mut self, lab: &mut Lab, go_on: &mut dyn FnMut(usize) -> bool) -> Result<(), Refusal> {
        let mut spent = 0usize;
        let mut first = true;
        while (first || go_on(spent)) && !self.done() {
            first = false;
            if let Some(pending) = &mut self.first {
                let (settings, generator, maker) = &mut **pending;
                // A chunk, counted when more is left (as Lab::make_ahead's): a small batch 0
                // costs only its step, as when the lab was built at once.
                let row = settings.layer.num_features * settings.length.max(1);
                maker.make(generator, (AHEAD_CHUNK / row.max(1)).max(1));
                if !maker.done() {
                    spent = spent.saturating_add(AHEAD_CHUNK);
                    continue;
                }
                // Batch 0 made: the link's lab takes its first step on it.
                let Some(pending) = self.first.take() else { break };
                let (settings, _, maker) = *pending;
                *lab = Lab::starting_with(settings, Some(maker)).inspect_err(|_| self.actions.clear())?;
                spent = spent.saturating_add(lab.values_per_step());
                if self.stop_at_first {
                    break;
                }
                continue;
            }
            if self.pending_steps > 0 {
                if lab.make_ahead(AHEAD_CHUNK) {
                    spent = spent.saturating_add(AHEAD_CHUNK);
                    continue;
                }
                lab.step();
                self.pending_steps -= 1;
                self.done_steps += 1;
                spent = spent.saturating_add(lab.values_per_step());
                continue;
            }
            let Some(action) = self.actions.front() else { break };
            if let Action::Step(k) = *action {
                self.pending_steps = k;
                self.actions.pop_front();
                continue;
            }
            // A change of N or L: its batch first, a chunk at a time when it is large.
            if let Some(batch) = &mut self.batch {
                batch.maker.make(&batch.generator, (AHEAD_CHUNK / batch.row.max(1)).max(1));
                if !batch.maker.done() {
                    spent = spent.saturating_add(AHEAD_CHUNK);
                    continue;
                }
                if let Some(made) = self.batch.take() {
                    lab.keep_made(made.maker);
                }
            } else if let Some(order) = lab.changed_batch(action).filter(|o| o.values() > AHEAD_CHUNK) {
                let generator = Generator::new(order.spec.clone());
                let maker = generator.maker(order.index, order.n, order.l);
                let (n, row) = (order.n, order.spec.num_features * order.l);
                self.batch = Some(Box::new(ChangeBatch { generator, maker, n, row }));
                continue;
            }
            let Some(action) = self.actions.pop_front() else { break };
            self.done_changes += 1;
            spent = spent.saturating_add(lab.values_per_step());
            if let Err(e) = lab.apply(&action) {
                self.actions.clear();
                self.refused = Some(action);
                return Err(e);
            }
        }
        Ok(())
    }
}

impl Default for Lab {
    /// `nn.BatchNorm1d(128)` on batches of 32, after one step.
    fn default() -> Lab {
        // The default settings pass every check (a test says so).
        Lab::new(Settings::default()).unwrap_or_else(|_| unreachable!("the default settings are valid"))
    }
}

/// Rust-only helpers: the rules above, one per function.
impl Lab {
    /// Refuses settings the page cannot show (too large, NaN, …) before anything changes: what
    /// PyTorch refuses to build, then the page's own rules (eps, momentum, bounds).
    pub fn check(settings: &Settings) -> Result<(), Refusal> {
        settings.layer.validate()?;
        page_check_eps(settings.layer.eps)?;
        page_check_momentum(settings.layer.momentum)?;
        in_bounds("num_features", settings.layer.num_features as f64, 1.0, MAX_FEATURES as f64)?;
        in_bounds("batch size N", settings.batch_size as f64, 1.0, MAX_BATCH as f64)?;
        in_bounds("length L", settings.length as f64, 0.0, MAX_LENGTH as f64)?;
        in_bounds("offset", settings.data.offset, -100.0, 100.0)?;
        in_bounds("shift", settings.data.shift, 0.0, 100.0)?;
        in_bounds("spread", settings.data.spread, 0.0001, 100.0)?;
        let values = settings.batch_size * settings.layer.num_features * settings.length.max(1);
        in_bounds("N·C·L (values in one batch)", values as f64, 1.0, MAX_VALUES as f64)?;
        Ok(())
    }

    /// A new layer as `nn.BatchNorm1d(...)` builds it, in the settings' mode.
    fn fresh_layer(settings: &Settings) -> Result<BatchNorm1d, Refusal> {
        let mut layer = BatchNorm1d::new(settings.layer.clone())?;
        layer.set_training(settings.training);
        Ok(layer)
    }

    /// The trace, and nothing measured from the one before.
    fn set_trace(&mut self, trace: Option<Trace>) {
        self.trace = trace;
        self.trace_id = TRACES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.output_stats = std::cell::OnceCell::new();
    }

    /// Runs `bn(x)` on the current batch from the state before the step, in the pass's mode.
    fn run_current_step(&mut self) {
        let mut layer = self.before.clone();
        layer.set_training(self.pass_training);
        let dims = self.settings.dims();
        match layer.forward(&self.batch, &dims) {
            Ok(trace) => {
                self.record(&trace, &layer);
                self.set_trace(Some(trace));
                self.refusal = None;
            }
            Err(error) => {
                let counted = layer.running().map(|r| r.num_batches_tracked)
                    != self.before.running().map(|r| r.num_batches_tracked);
                self.set_trace(None);
                self.refusal = Some(RefusedStep { error, counted });
                self.history.retain(|r| r.step != self.steps);
            }
        }
        self.layer = layer;
    }

    /// Keeps this step's statistics; a redone step replaces its own record.
    fn record(&mut self, trace: &Trace, layer: &BatchNorm1d) {
        let Some(batch) = &trace.batch else { return };
        // A step's batch is the one its training pass moved the running statistics toward. An
        // eval pass moves nothing: it keeps the step's training batch, if any (a batch resized
        // in eval mode at step 20 drew its own statistics as step 20's, off the line they fed).
        let (batch_mean, batch_var) = if trace.training {
            // The unbiased variance (what running_var averages); of one value there is none
            // (0/0: `x.var()` prints nan), not the biased 0.
            (Some(batch.mean.clone()), batch.unbiased_var.clone())
        } else {
            let trained = self.history.iter().find(|r| r.step == self.steps);
            trained.map_or((None, None), |r| (r.batch_mean.clone(), r.batch_var.clone()))
        };
        let record = StepRecord {
            step: self.steps,
            running_mean: layer.running().map(|r| r.mean.clone()),
            running_var: layer.running().map(|r| r.var.clone()),
            batch_mean,
            batch_var,
        };
        self.history.retain(|r| r.step != self.steps);
        self.history.push(record);
        if self.history.len() > HISTORY_LIMIT {
            self.history.remove(0);
        }
    }

    /// Applies a layer change to the state before the step, then redoes the step.
    fn change_layer(&mut self, change: impl Fn(&mut BatchNorm1d) -> Result<(), BnError>) -> Result<(), Refusal> {
        let mut before = self.before.clone();
        change(&mut before)?;
        self.before = before;
        self.unedited_output = None;
        self.run_current_step();
        Ok(())
    }

    /// Redoes the last step after a setting that does not change the layer.
    fn change_step(&mut self, settings: Settings) -> Result<(), Refusal> {
        Lab::check(&settings)?;
        self.settings = settings;
        self.unedited_output = None;
        let index = self.steps.saturating_sub(1);
        let (n, l) = (self.settings.batch_size, self.settings.length.max(1));
        self.batch = match self.made.take() {
            Some(made) if made.is_for(&self.generator, index, n, l) => made.finish(&self.generator),
            _ => self.draw_batch(index),
        };
        self.run_current_step();
        Ok(())
    }

    /// Remembers an action; a repeated setting replaces its earlier value when no Step or mode
    /// switch came in between, and consecutive Steps are counted together.
    fn log(&mut self, action: Action) {
        if let (Action::Step(k), Some(Action::Step(j))) = (&action, self.actions.last_mut()) {
            *j += k;
            return;
        }
        // Mode switches with nothing between them end as their first one or two do: after any
        // switch the page shows the batch through the running statistics (bn.eval() runs that
        // pass, bn.train() keeps it until the next Step), so a third switch undoes the second:
        // e,t,e is e. (Kept, 41 switches at N = 4096 spent the link's replay budget, and a
        // student's copy of the link stopped 5 Steps short: hostile30.)
        if let (Action::Mode(_), [.., Action::Mode(_), Action::Mode(_)]) = (&action, self.actions.as_slice()) {
            self.actions.pop();
            return;
        }
        let since_forward =
            self.actions.iter().rposition(|a| matches!(a, Action::Step(_) | Action::Mode(_))).map_or(0, |i| i + 1);
        if let Some(i) = self.actions[since_forward..].iter().position(|a| action.replaces(a)) {
            self.actions.remove(since_forward + i);
        }
        self.actions.push(action);
    }

    /// The next Step's batch: what idle time made of it (or batch 0 as kept), the rest made now.
    fn next_batch(&mut self) -> Vec<f32> {
        let (n, l) = (self.settings.batch_size, self.settings.length.max(1));
        if !matches!(self.source, Source::Generated) {
            return self.draw_batch(self.steps);
        }
        let mut maker = match self.ahead.take() {
            Some(maker) if maker.is_for(&self.generator, self.steps, n, l) => maker,
            Some(first) if self.steps == 0 => {
                first.moved_to(&self.generator, n, l).unwrap_or_else(|| self.generator.maker(0, n, l))
            }
            _ => self.generator.maker(self.steps, n, l),
        };
        maker.make(&self.generator, n);
        if self.steps == 0 {
            self.first = Some(maker.clone());
        }
        maker.finish(&self.generator)
    }

    /// Batch `index` of the current source, in the settings' shape.
    fn draw_batch(&self, index: u64) -> Vec<f32> {
        match &self.source {
            Source::Own(values) => values.clone(),
            Source::Generated => self.generator.batch(index, self.settings.batch_size, self.settings.length.max(1)),
        }
    }

    /// Starts over with these settings and the same source of batches.
    fn rebuild(&mut self, settings: Settings) -> Result<(), Refusal> {
        if let Source::Own(values) = &self.source {
            let mut lab = Lab::unstarted(settings, self.first.take(), Source::Own(values.clone()))?;
            lab.feature_and_sample_from(&self.settings);
            lab.restart();
            *self = lab;
            return Ok(());
        }
        // Batch 0 of a new C made before the change, or the one kept (Lab::next_batch takes it
        // only if it is the new lab's).
        let mut lab = Lab::starting_with(settings, self.take_first())?;
        lab.keep_ahead(self.ahead.take());
        lab.feature_and_sample_from(&self.settings);
        *self = lab;
        Ok(())
    }

    /// Starts over with new data settings: back to the seeded generator.
    fn rebuild_generated(&mut self, settings: Settings) -> Result<(), Refusal> {
        // Batch 0 of a new seed made before the change, or the one kept (moved to the new
        // means and spreads when only they changed).
        *self = Lab::starting_with(settings, self.take_first())?;
        Ok(())
    }

    /// Batch 0 for a new lab of generated data: the one made for the change ([`Lab::keep_made`]),
    /// or the one kept (the new lab takes it only if it is its own, or its draws moved).
    fn take_first(&mut self) -> Option<BatchMaker> {
        self.made.take().or(self.first.take())
    }

    /// A fresh layer, no steps, no history; then the first step.
    fn restart(&mut self) {
        if let Ok(layer) = Lab::fresh_layer(&self.settings) {
            self.trained = false;
            self.restart_from(layer);
        }
    }

    /// Starts over from `layer` (in the settings' mode): no steps, no history; then the first step.
    fn restart_from(&mut self, mut layer: BatchNorm1d) {
        layer.set_training(self.settings.training);
        self.before = layer.clone();
        self.layer = layer;
        self.base = self.settings.clone();
        self.steps = 0;
        self.set_trace(None);
        self.refusal = None;
        self.history.clear();
        // Step 0: where the running statistics start (0 and 1 for a new layer), before any batch.
        self.history.push(StepRecord {
            step: 0,
            running_mean: self.layer.running().map(|r| r.mean.clone()),
            running_var: self.layer.running().map(|r| r.var.clone()),
            batch_mean: None,
            batch_var: None,
        });
        self.actions.clear();
        self.step();
    }

    /// A batch made ahead by the lab this one replaces, kept when it is this lab's next one (the
    /// same data, N and L, and as many steps: a new layer after the first step, or Reset), so a
    /// tick of the affine box at N = 4096 does not make batch 1 again (~35 ms of idle time).
    fn keep_ahead(&mut self, ahead: Option<BatchMaker>) {
        let (n, l) = (self.settings.batch_size, self.settings.length.max(1));
        if let Some(maker) = ahead.filter(|m| m.is_for(&self.generator, self.steps, n, l)) {
            self.ahead = Some(maker);
        }
    }

    /// Keeps the followed feature and sample of `other` where they still exist.
    fn feature_and_sample_from(&mut self, other: &Settings) {
        self.settings.feature = other.feature.min(self.settings.layer.num_features - 1);
        self.settings.sample = other.sample.min(self.settings.batch_size.saturating_sub(1));
    }

    /// The user's own batch fixes N, C and L.
    fn refuse_with_own_data(&self, what: &'static str) -> Result<(), Refusal> {
        match self.source {
            Source::Own(_) => Err(Refusal::FixedByOwnData { what }),
            Source::Generated => Ok(()),
        }
    }
}

/// What the page does: one method per user action, and what it reads back.
impl Lab {
    /// Reset with these settings, then one step, so there is always something to see.
    pub fn new(settings: Settings) -> Result<Lab, Refusal> {
        Lab::starting_with(settings, None)
    }

    /// [`Lab::new`], given batch 0 when it is already made (taken only if it is that very batch,
    /// or the same draws moved and scaled: [`BatchMaker::moved_to`]).
    fn starting_with(settings: Settings, first: Option<BatchMaker>) -> Result<Lab, Refusal> {
        let mut lab = Lab::unstarted(settings, first, Source::Generated)?;
        lab.restart();
        Ok(lab)
    }

    /// A lab of these settings fed by `source`, before its first step ([`Lab::restart`] takes
    /// it). A user's own batch starts here: built as a generated lab first, it made a batch 0 of
    /// its size only to throw it away (~50 ms for a 4 MB CSV).
    fn unstarted(settings: Settings, first: Option<BatchMaker>, source: Source) -> Result<Lab, Refusal> {
        Lab::check(&settings)?;
        let layer = Lab::fresh_layer(&settings)?;
        let lab = Lab {
            generator: Generator::new(settings.data.clone()),
            before: layer.clone(),
            layer,
            pass_training: settings.training,
            base: settings.clone(),
            settings,
            steps: 0,
            batch: Vec::new(),
            trace: None,
            trace_id: TRACES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            output_stats: std::cell::OnceCell::new(),
            refusal: None,
            history: Vec::new(),
            actions: Vec::new(),
            source,
            unedited_output: None,
            ahead: first,
            first: None,
            made: None,
            trained: false,
        };
        Ok(lab)
    }

    /// Draws the next batch and runs `bn(x)`.
    pub fn step(&mut self) {
        self.unedited_output = None;
        self.before = self.layer.clone();
        self.batch = self.next_batch();
        self.steps += 1;
        self.pass_training = self.settings.training;
        self.run_current_step();
        self.log(Action::Step(1));
    }

    /// Makes about `values` values of the next Step's batch ahead of it (idle time's work, so a
    /// Step at N = 4096 does not wait ~25 ms for its batch); true while some of it is still to make.
    /// The numbers are the generator's either way ([`BatchMaker`]); a user's own batch needs none.
    pub fn make_ahead(&mut self, values: usize) -> bool {
        if !matches!(self.source, Source::Generated) {
            return false;
        }
        let (n, l) = (self.settings.batch_size, self.settings.length.max(1));
        let fresh = || self.generator.maker(self.steps, n, l);
        let mut maker = match self.ahead.take() {
            Some(maker) if maker.is_for(&self.generator, self.steps, n, l) => maker,
            _ => fresh(),
        };
        let row = self.settings.layer.num_features * l;
        maker.make(&self.generator, (values / row.max(1)).max(1));
        let more = !maker.done();
        self.ahead = Some(maker);
        more
    }

    /// The values of the next Step's batch still to make (0 once made, and for the user's own
    /// batch, which is there already).
    pub fn values_to_make(&self) -> usize {
        if !matches!(self.source, Source::Generated) {
            return 0;
        }
        let (n, l) = (self.settings.batch_size, self.settings.length.max(1));
        let ahead = self.ahead.as_ref().filter(|m| m.is_for(&self.generator, self.steps, n, l));
        let made = ahead.map_or(0, |m| m.rows().min(n));
        (n - made) * self.settings.layer.num_features * l
    }

    /// The batch a change to N, C, L and the seed draws, when it is generated: the current
    /// step's again for N and L ([`Lab::set_batch_size`]), batch 0 of the new layer for C
    /// ([`Lab::set_num_features`]) and of the new data for the seed ([`Lab::set_seed`]). None
    /// where the change is refused (said when it is made) or the batch is the user's own. Made
    /// elsewhere, it is given back with [`Lab::keep_made`].
    pub fn resized_batch(&self, n: usize, c: usize, l: usize, seed: Option<u64>) -> Option<BatchOrder> {
        let mut s = self.settings.clone();
        (s.batch_size, s.layer.num_features, s.data.num_features, s.length) = (n, c, c, l);
        s.data.seed = seed.unwrap_or(s.data.seed);
        if !matches!(self.source, Source::Generated) || Lab::check(&s).is_err() {
            return None;
        }
        let new_data = seed.is_some() || c != self.settings.layer.num_features;
        let index = if new_data { 0 } else { self.steps.saturating_sub(1) };
        Some(BatchOrder { spec: s.data, index, n, l: l.max(1) })
    }

    /// Batch 0 of `data` at the lab's N and L, when a new lab of it must draw it: new feature
    /// means or spreads (offset, shift, spread, whether spreads vary), another distribution, or a
    /// new layer of the same data (Reset, the affine and track boxes). None when the batch is the
    /// user's own, or when batch 0 made or kept gives it at once ([`BatchMaker::gives_first`]:
    /// itself, or its draws moved). After a change of N or L batch 0 is kept at the old N or L,
    /// and a new distribution draws anew: the action drew 2 Mi values in its task (offset after a
    /// change of N 194 ms, a distribution ~130 ms; ~400 ms on a loaded machine). Made elsewhere,
    /// it is given back with [`Lab::keep_made`].
    pub fn first_batch_for(&self, data: &DataSpec) -> Option<BatchOrder> {
        let (n, l) = (self.settings.batch_size, self.settings.length.max(1));
        let kept = self.made.as_ref().or(self.first.as_ref()).is_some_and(|m| m.gives_first(data, n, l));
        let generated = matches!(self.source, Source::Generated);
        (generated && !kept).then(|| BatchOrder { spec: data.clone(), index: 0, n, l })
    }

    /// The batch a link's change of N or L draws (None for any other action): see
    /// [`Lab::resized_batch`].
    pub fn changed_batch(&self, action: &Action) -> Option<BatchOrder> {
        let s = &self.settings;
        let (n, c, l) = (s.batch_size, s.layer.num_features, s.length);
        match *action {
            Action::BatchSize(n) => self.resized_batch(n, c, l, None),
            Action::Length(l) => self.resized_batch(n, c, l, None),
            _ => None,
        }
    }

    /// A batch made for the change about to be applied ([`Lab::resized_batch`], [`Lab::first_batch_for`]):
    /// that change takes it instead of making it again (only if it is that very batch).
    pub fn keep_made(&mut self, made: BatchMaker) {
        self.made = Some(made);
    }

    /// True when the batch `order` names is made and waits for its change ([`Lab::keep_made`]).
    pub fn has_made(&self, order: &BatchOrder) -> bool {
        self.made.as_ref().is_some_and(|m| m.is_order(order))
    }

    /// The next Step's batch when it is still to make and is no first batch (a worker may make
    /// it: [`Lab::take_made`]); None for a user's own batch or one already made.
    pub fn ahead_order(&self) -> Option<BatchOrder> {
        let (n, l) = (self.settings.batch_size, self.settings.length.max(1));
        let made = self.ahead.as_ref().is_some_and(|m| m.is_for(&self.generator, self.steps, n, l) && m.done());
        let wanted = matches!(self.source, Source::Generated) && self.steps > 0 && !made;
        wanted.then(|| BatchOrder { spec: self.generator.spec().clone(), index: self.steps, n, l })
    }

    /// The batch `order` names, made elsewhere: kept for the next Step when it is the one
    /// [`Lab::ahead_order`] asks for now and has its size; false (and nothing kept) otherwise.
    pub fn take_made(&mut self, order: BatchOrder, values: Vec<f32>) -> bool {
        if self.ahead_order().as_ref() != Some(&order) {
            return false;
        }
        match BatchMaker::made(order, values) {
            Some(made) => {
                self.ahead = Some(made);
                true
            }
            None => false,
        }
    }

    /// Replays `actions` on a fresh lab; stops at the first one refused and says which.
    /// Replay is a fold of [`Lab::apply`]; the page replays a link in frame-sized chunks with
    /// [`Replay`] instead, so a long one never freezes it.
    // The error carries the lab as far as the replay got: the page shows it, so it is big.
    #[allow(clippy::result_large_err)]
    pub fn replay(base: Settings, actions: &[Action]) -> Result<Lab, (Lab, Refusal)> {
        let (mut lab, mut replay) = Replay::new(base, actions.to_vec(), 1).map_err(|e| (Lab::default(), e))?;
        while !replay.done() {
            if let Err(why) = replay.advance(&mut lab, &mut |_| true) {
                return Err((lab, why));
            }
        }
        Ok(lab)
    }

    /// One logged action, as the page did it (a Step(k) is k Steps).
    pub fn apply(&mut self, action: &Action) -> Result<(), Refusal> {
        match *action {
            Action::Step(k) => {
                (0..k).for_each(|_| self.step());
                Ok(())
            }
            Action::Mode(training) => {
                self.set_training(training);
                Ok(())
            }
            Action::Eps(eps) => self.set_eps(eps),
            Action::Momentum(m) => self.set_momentum(m),
            Action::GammaBeta { feature, gamma, beta } => {
                self.select_feature(feature).and_then(|_| self.set_gamma_beta(gamma, beta))
            }
            Action::BatchSize(n) => self.set_batch_size(n),
            Action::Length(l) => self.set_length(l),
            Action::Value { sample, feature, value } => self.set_value(sample, feature, value),
        }
    }

    /// The values one step pushes through the layer (N·C·L).
    pub fn values_per_step(&self) -> usize {
        self.settings.batch_size * self.settings.layer.num_features * self.settings.length.max(1)
    }

    /// Same settings, fresh layer, batch 0 again (the user's own batch stays).
    pub fn reset(&mut self) {
        if let Source::Own(values) = &self.source {
            if let Ok(mut lab) = Lab::unstarted(self.settings.clone(), self.first.take(), Source::Own(values.clone())) {
                lab.feature_and_sample_from(&self.settings);
                lab.restart();
                *self = lab;
            }
            return;
        }
        if let Ok(mut lab) = Lab::starting_with(self.settings.clone(), self.take_first()) {
            lab.keep_ahead(self.ahead.take());
            lab.feature_and_sample_from(&self.settings);
            *self = lab;
        }
    }

    /// `bn.train()` / `bn.eval()`. Switching to eval runs `bn(x)` on the current batch from the
    /// current state, which changes nothing (eval updates nothing), so the page shows that batch
    /// through the running statistics. Switching to train only sets the mode: a training forward
    /// would move the running statistics, so it waits for the next Step (a changed setting
    /// meanwhile redoes the eval pass shown).
    pub fn set_training(&mut self, training: bool) {
        if self.settings.training == training {
            return;
        }
        self.settings.training = training;
        self.unedited_output = None;
        if !training {
            self.before = self.layer.clone();
            self.pass_training = false;
            self.run_current_step();
        }
        self.log(Action::Mode(training));
    }

    pub fn set_eps(&mut self, eps: f64) -> Result<(), Refusal> {
        page_check_eps(eps)?;
        in_bounds("eps", eps, 1e-12, 10.0)?;
        self.change_layer(|l| l.set_eps(eps))?;
        self.settings.layer.eps = eps;
        self.log(Action::Eps(eps));
        Ok(())
    }

    pub fn set_momentum(&mut self, momentum: Option<f64>) -> Result<(), Refusal> {
        page_check_momentum(momentum)?;
        if let Some(m) = momentum {
            in_bounds("momentum", m, 0.0, 1.0)?;
        }
        self.change_layer(|l| l.set_momentum(momentum))?;
        self.settings.layer.momentum = momentum;
        self.log(Action::Momentum(momentum));
        Ok(())
    }

    /// γ and β of the selected feature.
    pub fn set_gamma_beta(&mut self, gamma: f32, beta: f32) -> Result<(), Refusal> {
        in_bounds("γ", gamma as f64, -10.0, 10.0)?;
        in_bounds("β", beta as f64, -10.0, 10.0)?;
        let feature = self.settings.feature;
        self.change_layer(|l| l.set_feature_affine(feature, gamma, beta))?;
        self.log(Action::GammaBeta { feature, gamma, beta });
        Ok(())
    }

    /// Sets one value of the current batch by hand (sample, feature, position 0) and redoes
    /// the step: in train mode every output of that feature moves, in eval mode only this one.
    pub fn set_value(&mut self, sample: usize, feature: usize, value: f32) -> Result<(), Refusal> {
        in_bounds("value", value as f64, -1e6, 1e6)?;
        let shape = crate::core::BatchShape::from_dims(&self.settings.dims())?;
        if sample >= shape.n {
            return Err(BnError::OutOfRange { what: "sample", index: sample, len: shape.n }.into());
        }
        if feature >= shape.c {
            return Err(BnError::OutOfRange { what: "feature", index: feature, len: shape.c }.into());
        }
        let i = shape.index(sample, feature, 0);
        let Some(slot) = self.batch.get_mut(i) else {
            return Err(BnError::OutOfRange { what: "value", index: i, len: self.batch.len() }.into());
        };
        *slot = value;
        if self.unedited_output.is_none() {
            self.unedited_output = self.trace.as_ref().map(|t| t.output.clone());
        }
        self.run_current_step();
        self.log(Action::Value { sample, feature, value });
        Ok(())
    }

    pub fn set_num_features(&mut self, c: usize) -> Result<(), Refusal> {
        self.refuse_with_own_data("num_features C")?;
        let mut s = self.settings.clone();
        s.layer.num_features = c;
        s.data.num_features = c;
        s.feature = s.feature.min(c.saturating_sub(1));
        self.rebuild(s)
    }

    pub fn set_affine(&mut self, affine: bool) -> Result<(), Refusal> {
        let mut s = self.settings.clone();
        s.layer.affine = affine;
        self.rebuild(s)
    }

    pub fn set_track_running_stats(&mut self, track: bool) -> Result<(), Refusal> {
        let mut s = self.settings.clone();
        s.layer.track_running_stats = track;
        self.rebuild(s)
    }

    pub fn set_batch_size(&mut self, n: usize) -> Result<(), Refusal> {
        self.refuse_with_own_data("batch size N")?;
        let mut s = self.settings.clone();
        s.batch_size = n;
        s.sample = s.sample.min(n.saturating_sub(1));
        self.change_step(s)?;
        self.log(Action::BatchSize(n));
        Ok(())
    }

    pub fn set_length(&mut self, l: usize) -> Result<(), Refusal> {
        self.refuse_with_own_data("length L")?;
        let mut s = self.settings.clone();
        s.length = l;
        self.change_step(s)?;
        self.log(Action::Length(l));
        Ok(())
    }

    pub fn set_distribution(&mut self, name: &str) -> Result<(), Refusal> {
        let distribution = Distribution::from_name(name).ok_or(Refusal::not_one_of(
            "distribution",
            name,
            &crate::link::DISTRIBUTIONS,
        ))?;
        let mut s = self.settings.clone();
        s.data.distribution = distribution;
        self.rebuild_generated(s)
    }

    /// Feature means `offset + shift·z`, standard deviations `spread` (varied per feature or not).
    pub fn set_feature_shape(
        &mut self,
        offset: f64,
        shift: f64,
        spread: f64,
        vary_spread: bool,
    ) -> Result<(), Refusal> {
        let mut s = self.settings.clone();
        s.data.offset = offset;
        s.data.shift = shift;
        s.data.spread = spread;
        s.data.vary_spread = vary_spread;
        self.rebuild_generated(s)
    }

    pub fn set_seed(&mut self, seed: u64) -> Result<(), Refusal> {
        let mut s = self.settings.clone();
        s.data.seed = seed;
        self.rebuild_generated(s)
    }

    /// Steps with the user's own batch (row-major, `dims` = [N, C] or [N, C, L]) from now on:
    /// a fresh layer with C = the data's features.
    pub fn use_own_data(&mut self, values: Vec<f32>, dims: &[usize]) -> Result<(), Refusal> {
        let shape = crate::core::BatchShape::from_dims(dims)?;
        if shape.checked_len() != Some(values.len()) {
            return Err(BnError::WrongLength {
                what: "your data",
                expected: shape.checked_len().unwrap_or(usize::MAX),
                got: values.len(),
            }
            .into());
        }
        if values.iter().any(|v| !v.is_finite()) {
            return Err(BnError::NotFinite { what: "every value of your data" }.into());
        }
        let mut s = self.settings.clone();
        s.batch_size = shape.n;
        s.length = if shape.has_length { shape.l } else { 0 };
        s.layer.num_features = shape.c;
        s.data.num_features = shape.c;
        let mut lab = Lab::unstarted(s, None, Source::Own(values))?;
        lab.feature_and_sample_from(&self.settings);
        lab.restart();
        *self = lab;
        Ok(())
    }

    /// Steps with `values` through a layer trained elsewhere (the Train view's BatchNorm1d), in
    /// eval mode: its running statistics, γ and β as training left them.
    pub fn use_trained_layer(&mut self, layer: BatchNorm1d, values: Vec<f32>, dims: &[usize]) -> Result<(), Refusal> {
        let shape = crate::core::BatchShape::from_dims(dims)?;
        if shape.checked_len() != Some(values.len()) || shape.c != layer.num_features() {
            return Err(BnError::WrongLength {
                what: "the layer's input",
                expected: shape.n * layer.num_features(),
                got: values.len(),
            }
            .into());
        }
        let mut s = self.settings.clone();
        s.layer = layer.config().clone();
        s.data.num_features = shape.c;
        s.batch_size = shape.n;
        s.length = 0;
        s.training = false;
        let mut lab = Lab::new(s)?;
        lab.feature_and_sample_from(&self.settings);
        lab.source = Source::Own(values);
        lab.restart_from(layer);
        lab.trained = true;
        *self = lab;
        Ok(())
    }

    /// Back to the seeded generator, same settings.
    pub fn use_generated_data(&mut self) -> Result<(), Refusal> {
        let settings = self.settings.clone();
        self.rebuild_generated(settings)
    }

    /// Whether the layer's γ and β were learned by training ([`Lab::use_trained_layer`]).
    pub fn trained(&self) -> bool {
        self.trained
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The settings the layer was built with (the start of a replay).
    pub fn base(&self) -> &Settings {
        &self.base
    }

    /// What was done since the layer was built.
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    pub fn select_feature(&mut self, feature: usize) -> Result<(), Refusal> {
        let len = self.settings.layer.num_features;
        if feature >= len {
            return Err(BnError::OutOfRange { what: "feature", index: feature, len }.into());
        }
        self.settings.feature = feature;
        Ok(())
    }

    pub fn select_sample(&mut self, sample: usize) -> Result<(), Refusal> {
        let len = self.settings.batch_size;
        if sample >= len {
            return Err(BnError::OutOfRange { what: "sample", index: sample, len }.into());
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

    /// A number no other trace of this page has (nor a refused step, which has none): what is
    /// computed from the current step (the Backward panel's gradients) is computed again only
    /// when it changes.
    pub fn trace_id(&self) -> u64 {
        self.trace_id
    }

    pub fn trace(&self) -> Option<&Trace> {
        self.trace.as_ref()
    }

    pub fn refusal(&self) -> Option<&RefusedStep> {
        self.refusal.as_ref()
    }

    /// Whether a value was set by hand since the last step or setting: the step shown was redone
    /// on the edited batch (in train mode its running statistics with it).
    pub fn edited(&self) -> bool {
        self.unedited_output.is_some()
    }

    pub fn history(&self) -> &[StepRecord] {
        &self.history
    }

    pub fn generator(&self) -> &Generator {
        &self.generator
    }

    /// The current batch's output in the other mode (train ↔ eval), from the state before the
    /// step, without changing anything; None when that pass is refused.
    pub fn other_mode_output(&self) -> Option<Vec<f32>> {
        let mut layer = self.before.clone();
        layer.set_training(!self.pass_training);
        layer.forward(&self.batch, &self.settings.dims()).ok().map(|t| t.output)
    }

    /// Every sample of the followed feature (position 0 of `(N, C, L)` input), before and after.
    pub fn samples_view(&self) -> SamplesView {
        let (feature, selected) = (self.settings.feature, self.settings.sample);
        let Some(trace) = &self.trace else {
            return SamplesView { feature, selected, ..SamplesView::default() };
        };
        let n = trace.shape.n.min(crate::charts::samples::MAX_SAMPLES);
        let indices: Vec<usize> = (0..n).map(|s| trace.shape.index(s, feature, 0)).collect();
        let unedited =
            self.unedited_output.as_ref().map(|o| indices.iter().filter_map(|&i| o.get(i).copied()).collect());
        SamplesView {
            feature,
            selected,
            input: indices.iter().filter_map(|&i| self.batch.get(i).copied()).collect(),
            output: indices.iter().filter_map(|&i| trace.output.get(i).copied()).collect(),
            unedited: unedited.unwrap_or_default(),
        }
    }

    /// The selected feature's values before and after the layer; with `overlay`, also the
    /// other mode's output of the same batch.
    pub fn distribution_view(&self, overlay: bool) -> DistributionView {
        let feature = self.settings.feature;
        let Some(trace) = &self.trace else {
            return DistributionView { feature, ..DistributionView::default() };
        };
        let indices: Vec<usize> = trace.shape.feature_indices(feature).collect();
        let input: Vec<f32> = indices.iter().map(|&i| self.batch[i]).collect();
        let output: Vec<f32> = indices.iter().map(|&i| trace.output[i]).collect();
        let marked_index = trace.shape.index(self.settings.sample, feature, 0);
        let marked = self.batch.get(marked_index).zip(trace.output.get(marked_index)).map(|(&x, &y)| (x, y));
        // The other mode's output of this feature alone: features are normalized apart, so a
        // one-feature layer with this feature's γ, β and running statistics gives the same
        // numbers for a C-th of the work (a whole other pass cost ~7 ms at N = 4096). A layer
        // that cannot be built so (NaN running statistics are refused) takes the whole pass.
        let other = if overlay {
            let column: Vec<f32> = indices.iter().filter_map(|&i| self.batch.get(i).copied()).collect();
            let alone = || -> Result<Option<Vec<f32>>, Refusal> {
                let config = BatchNormConfig { num_features: 1, ..self.before.config().clone() };
                let mut layer = BatchNorm1d::new(config)?;
                let one = |v: &[f32]| {
                    v.get(feature..=feature).map(<[f32]>::to_vec).ok_or(BnError::OutOfRange {
                        what: "feature",
                        index: feature,
                        len: v.len(),
                    })
                };
                if let Some(a) = self.before.affine() {
                    layer.set_affine(&one(&a.weight)?, &one(&a.bias)?)?;
                }
                if let Some(r) = self.before.running() {
                    layer.set_running(&one(&r.mean)?, &one(&r.var)?, r.num_batches_tracked)?;
                }
                layer.set_training(!self.pass_training);
                let shape = &trace.shape;
                let dims = if shape.has_length { vec![shape.n, 1, shape.l] } else { vec![shape.n, 1] };
                Ok(layer.forward(&column, &dims).ok().map(|t| t.output))
            };
            match alone() {
                Ok(output) => output,
                Err(_) => self.other_mode_output().map(|o| indices.iter().filter_map(|&i| o.get(i).copied()).collect()),
            }
        } else {
            None
        };
        DistributionView { feature, input, output, marked, other }
    }

    /// Every feature's mean and spread, before and after.
    pub fn features_view(&self) -> FeaturesView {
        let selected = self.settings.feature;
        let Some(trace) = &self.trace else {
            return FeaturesView { selected, ..FeaturesView::default() };
        };
        let Some(input) = &trace.batch else {
            return FeaturesView { selected, ..FeaturesView::default() };
        };
        // The input's statistics are the trace's (μ_B and σ²_B, what the layer used); the
        // output's are measured from what came out, whatever the mode, exactly as the one-feature
        // chart measures them (`stats::mean_std`), so a mean of −1e-7 or 7e-8 — float32's rounding
        // around 0 — reads the same in both charts.
        let shape = &trace.shape;
        let stats = self.output_stats.get_or_init(|| mean_std_per_feature(&trace.output, shape.n, shape.c, shape.l));
        let (output_mean, output_std) = stats.iter().map(|&(m, s)| (m as f32, s as f32)).unzip();
        FeaturesView {
            input_mean: input.mean.clone(),
            input_std: input.biased_var.iter().map(|v| v.sqrt()).collect(),
            output_mean,
            output_std,
            selected,
        }
    }

    /// The selected feature's running statistics over the remembered steps.
    pub fn running_view(&self) -> RunningView {
        let f = self.settings.feature;
        let pick = |v: &Option<Vec<f32>>| v.as_ref().and_then(|v| v.get(f).copied());
        let tracked: Vec<&StepRecord> = self.history.iter().collect();
        // Your own data has no known truth.
        let truth = |values: Vec<f32>| match self.source {
            Source::Generated => values.get(f).copied().unwrap_or(f32::NAN),
            Source::Own(_) => f32::NAN,
        };
        RunningView {
            feature: f,
            steps: tracked.iter().map(|r| r.step).collect(),
            running_mean: tracked.iter().filter_map(|r| pick(&r.running_mean)).collect(),
            running_var: tracked.iter().filter_map(|r| pick(&r.running_var)).collect(),
            batch_mean: tracked.iter().map(|r| pick(&r.batch_mean).unwrap_or(f32::NAN)).collect(),
            batch_var: tracked.iter().map(|r| pick(&r.batch_var).unwrap_or(f32::NAN)).collect(),
            eval_batch: self
                .trace
                .as_ref()
                .filter(|t| !t.training)
                .and_then(|t| t.batch.as_ref())
                .map(|b| (b.mean.get(f).copied().unwrap_or(f32::NAN), pick(&b.unbiased_var).unwrap_or(f32::NAN))),
            true_mean: truth(self.generator.true_mean()),
            true_var: truth(self.generator.true_var()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// eval → train shows the eval pass until the next Step; a setting changed meanwhile redoes
    /// that eval pass: num_batches_tracked stays the Step count (it counted the same batch twice).
    #[test]
    fn a_setting_after_eval_then_train_does_not_count_the_batch_again() {
        let mut lab = Lab::default();
        let tracked = |lab: &Lab| lab.layer().running().map(|r| r.num_batches_tracked);
        assert_eq!(tracked(&lab), Some(1));
        lab.set_training(false);
        lab.set_training(true);
        lab.set_momentum(Some(0.5)).unwrap();
        assert_eq!(tracked(&lab), Some(1), "Step 1 and no second training pass");
        assert!(lab.trace().is_some_and(|t| !t.training), "the pass shown is still eval");
        lab.step();
        assert_eq!(tracked(&lab), Some(2));
        assert!(lab.trace().is_some_and(|t| t.training));
        // Replayed from its link, the same.
        let again = Lab::replay(lab.base().clone(), lab.actions()).unwrap_or_else(|(l, _)| l);
        assert_eq!(tracked(&again), Some(2));
    }

    #[test]
    fn both_charts_read_the_same_output_mean() {
        use crate::core::stats::mean_std;
        for (mode_eval, length) in [(false, 0), (false, 3), (true, 0), (true, 3)] {
            let mut lab = Lab::new(Settings { length, ..Settings::default() }).unwrap();
            lab.step();
            lab.step();
            if mode_eval {
                lab.settings.training = false;
                lab.step();
            }
            let features = lab.features_view();
            for f in [0, 5] {
                lab.settings.feature = f;
                let one = lab.distribution_view(false);
                let (mean, std) = mean_std(&one.output).unwrap();
                assert_eq!((features.output_mean[f], features.output_std[f]), (mean as f32, std as f32));
            }
        }
    }

    /// A new layer (the affine box) or Reset keeps the batch made ahead when it is still the
    /// next one: nothing is left to make, and the next Step is the same batch.
    #[test]
    fn a_new_layer_keeps_the_batch_made_ahead() {
        let mut plain = Lab::new(Settings::default()).unwrap();
        let mut lab = Lab::new(Settings::default()).unwrap();
        while lab.make_ahead(1000) {}
        lab.set_affine(false).unwrap();
        plain.set_affine(false).unwrap();
        assert!(!lab.make_ahead(1), "the batch made ahead was kept");
        lab.reset();
        assert!(!lab.make_ahead(1), "and kept by Reset");
        lab.step();
        plain.step();
        assert_eq!(plain.batch(), lab.batch());
        // Two steps on, a new layer's next batch is batch 1 again: the one made ahead (batch 3)
        // is not it.
        lab.step();
        while lab.make_ahead(1000) {}
        lab.set_affine(true).unwrap();
        assert!(lab.make_ahead(1), "batch 1 is made afresh");
    }

    #[test]
    fn a_batch_made_by_its_order_elsewhere_gives_the_same_steps() {
        let settings = Settings { batch_size: 6, ..Settings::default() };
        let (mut plain, mut helped) = (Lab::new(settings.clone()).unwrap(), Lab::new(settings).unwrap());
        for round in 0..4 {
            let order = helped.ahead_order().expect("the next batch is wanted");
            // What a worker is given and gives back: the order's words, then the batch they name.
            let made = BatchOrder::from_words(&order.words()).unwrap().make();
            assert!(!helped.take_made(order.clone(), made[1..].to_vec()), "the wrong size is refused");
            assert!(helped.take_made(order, made), "round {round}");
            assert_eq!(helped.ahead_order(), None, "made: nothing more to ask for");
            plain.step();
            helped.step();
            let bits = |lab: &Lab| lab.trace().unwrap().output.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(plain.batch(), helped.batch(), "round {round}");
            assert_eq!(bits(&plain), bits(&helped), "round {round}");
        }
        // An order the lab no longer wants (N changed meanwhile) is not taken.
        let old = helped.ahead_order().unwrap();
        let made = old.make();
        helped.set_batch_size(7).unwrap();
        assert!(!helped.take_made(old, made));
        // Made in idle time: nothing to ask a worker for.
        while helped.make_ahead(1000) {}
        assert_eq!(helped.ahead_order(), None);
    }

    #[test]
    fn a_batch_made_ahead_gives_the_same_steps() {
        let settings = Settings { length: 2, ..Settings::default() };
        let (mut plain, mut ahead) = (Lab::new(settings.clone()).unwrap(), Lab::new(settings).unwrap());
        for round in 0..6 {
            match round {
                // Part of the next batch, then a setting that makes another one next.
                2 => {
                    assert!(ahead.make_ahead(1000));
                    for lab in [&mut plain, &mut ahead] {
                        lab.set_batch_size(20).unwrap();
                    }
                }
                // Some of it, or all of it, made ahead.
                _ => while ahead.make_ahead(1000) && round % 2 == 0 {},
            }
            plain.step();
            ahead.step();
            let bits = |lab: &Lab| lab.trace().unwrap().output.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(plain.batch(), ahead.batch(), "round {round}");
            assert_eq!(bits(&plain), bits(&ahead), "round {round}");
        }
    }

    /// A new layer (affine, track, Reset) or new feature means and spreads start from batch 0
    /// as kept, not drawn again: the same bits as a lab built from scratch, also after N, L, C,
    /// the distribution or the seed changed since batch 0.
    #[test]
    fn a_new_layer_starts_from_the_same_batch_0() {
        type Change = fn(&mut Lab);
        let changes: [(&str, Change); 13] = [
            ("affine", |lab| lab.set_affine(false).unwrap()),
            ("track", |lab| lab.set_track_running_stats(false).unwrap()),
            ("reset", |lab| lab.reset()),
            ("N, then affine", |lab| {
                lab.set_batch_size(7).unwrap();
                lab.set_affine(false).unwrap()
            }),
            ("L, then reset", |lab| {
                lab.set_length(3).unwrap();
                lab.reset()
            }),
            ("C", |lab| lab.set_num_features(5).unwrap()),
            ("C, then track", |lab| {
                lab.set_num_features(6).unwrap();
                lab.set_track_running_stats(false).unwrap()
            }),
            ("distribution, then affine", |lab| {
                lab.set_distribution("skewed").unwrap();
                lab.set_affine(false).unwrap()
            }),
            ("spread and offset", |lab| lab.set_feature_shape(3.0, 0.5, 2.5, true).unwrap()),
            ("spread the same for every feature, then track", |lab| {
                lab.set_feature_shape(0.0, 2.0, 1.0, false).unwrap();
                lab.set_track_running_stats(false).unwrap()
            }),
            ("L, then spread", |lab| {
                lab.set_length(3).unwrap();
                lab.reset();
                lab.set_feature_shape(0.0, 2.0, 0.5, true).unwrap()
            }),
            ("N, then shift", |lab| {
                lab.set_batch_size(5).unwrap();
                lab.set_feature_shape(0.0, 4.0, 1.0, true).unwrap()
            }),
            ("seed, then reset", |lab| {
                lab.set_seed(9).unwrap();
                lab.reset()
            }),
        ];
        for (name, change) in changes {
            let mut lab = Lab::new(Settings { batch_size: 12, ..Settings::default() }).unwrap();
            lab.step();
            lab.step();
            change(&mut lab);
            let fresh = Lab::new(lab.settings().clone()).unwrap();
            let bits = |lab: &Lab| lab.trace().unwrap().output.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(lab.steps(), 1, "{name}");
            assert_eq!(lab.batch(), fresh.batch(), "{name}");
            assert_eq!(bits(&lab), bits(&fresh), "{name}");
        }
    }

    /// The running chart's "last batch s² (÷(m−1))" of a batch of one (eval mode) is NaN, as
    /// `torch.tensor([x]).var()` prints, not the biased variance 0.
    #[test]
    fn a_batch_of_one_has_no_unbiased_variance() {
        let mut lab = Lab::default();
        lab.step();
        lab.set_training(false);
        lab.set_batch_size(1).unwrap();
        let view = lab.running_view();
        assert!(view.eval_batch.is_some_and(|(m, v)| m.is_finite() && v.is_nan()), "{:?}", view.eval_batch);
    }

    /// A step's batch on the running chart is the one its training pass moved the running
    /// statistics toward: a batch resized in eval mode (lesson 3's N = 2) is the eval batch, a
    /// ring apart, and step 20's dot stays the batch step 20 trained on. In train mode, no ring.
    #[test]
    fn an_eval_pass_keeps_the_steps_training_batch() {
        let mut lab = Lab::default();
        for _ in 0..19 {
            lab.step();
        }
        let trained = lab.running_view();
        assert_eq!(trained.eval_batch, None);
        lab.set_training(false);
        lab.set_batch_size(2).unwrap();
        let view = lab.running_view();
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(view.steps, trained.steps);
        assert_eq!(bits(&view.batch_mean), bits(&trained.batch_mean), "step 20's dot moved to the eval batch");
        assert_eq!(bits(&view.batch_var), bits(&trained.batch_var));
        let batch = lab.trace().and_then(|t| t.batch.clone()).unwrap();
        let unbiased = batch.unbiased_var.unwrap();
        assert_eq!(view.eval_batch, Some((batch.mean[0], unbiased[0])));
        assert_ne!(view.eval_batch.map(|b| b.0), trained.batch_mean.last().copied());
        // Eval Steps add no dot: their batches moved nothing.
        lab.step();
        let after = lab.running_view();
        assert!(after.batch_mean.last().is_some_and(|m| m.is_nan()), "{:?}", after.batch_mean);
        assert!(after.eval_batch.is_some());
    }

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
        assert_eq!(lab.history().len(), 3, "step 0, 1 and 2");
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

    /// The page's own rule, in its words, wherever a lab takes eps or momentum: PyTorch (and the
    /// core) build a layer with any of these.
    #[test]
    fn eps_and_momentum_pytorch_runs_to_nan_are_refused_in_the_pages_words() {
        for eps in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, -0.0, 0.0] {
            assert!(BatchNorm1d::new(BatchNormConfig { eps, ..BatchNormConfig::new(4) }).is_ok(), "PyTorch builds it");
            let settings =
                Settings { layer: BatchNormConfig { eps, ..Settings::default().layer }, ..Settings::default() };
            assert!(matches!(Lab::new(settings).err(), Some(Refusal::Core(BnError::BadEps(_)))), "{eps}");
            let mut lab = Lab::new(Settings::default()).unwrap();
            let (settings, layer) = (lab.settings().clone(), lab.layer().clone());
            assert!(matches!(lab.set_eps(eps), Err(Refusal::Core(BnError::BadEps(_)))), "{eps}");
            assert_eq!((lab.settings(), lab.layer()), (&settings, &layer));
        }
        for m in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let settings = Settings {
                layer: BatchNormConfig { momentum: Some(m), ..Settings::default().layer },
                ..Settings::default()
            };
            assert!(matches!(Lab::new(settings).err(), Some(Refusal::Core(BnError::BadMomentum(_)))), "{m}");
            let mut lab = Lab::new(Settings::default()).unwrap();
            let before = lab.settings().clone();
            assert!(matches!(lab.set_momentum(Some(m)), Err(Refusal::Core(BnError::BadMomentum(_)))), "{m}");
            assert_eq!(lab.settings(), &before);
        }
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

    /// Everything the page shows, for comparing two labs.
    fn snapshot(lab: &Lab) -> (Option<Trace>, BatchNorm1d, Vec<StepRecord>, u64) {
        (lab.trace().cloned(), lab.layer().clone(), lab.history().to_vec(), lab.steps())
    }

    #[test]
    fn replaying_the_actions_gives_the_same_page() {
        let mut lab = Lab::new(Settings::default()).unwrap();
        lab.step();
        lab.step();
        lab.set_momentum(Some(0.3)).unwrap();
        lab.set_momentum(Some(0.5)).unwrap();
        lab.set_training(false);
        lab.step();
        lab.set_eps(1e-3).unwrap();
        lab.set_training(true);
        lab.select_feature(7).unwrap();
        lab.set_gamma_beta(1.5, -0.5).unwrap();
        lab.set_batch_size(1).unwrap();
        lab.step();
        lab.set_batch_size(4).unwrap();
        lab.set_value(2, 7, 10.0).unwrap();
        lab.set_length(3).unwrap();
        lab.step();
        lab.set_momentum(None).unwrap();
        assert!(lab.actions().len() < 16, "{:?}", lab.actions());
        let again = Lab::replay(lab.base().clone(), lab.actions()).map_err(|(_, e)| e).unwrap();
        assert_eq!(snapshot(&again), snapshot(&lab));
    }

    /// A run of mode switches is logged as its first one or two, and replays to the same page.
    #[test]
    fn a_run_of_mode_switches_is_logged_short() {
        for switches in [1, 2, 3, 4, 41] {
            let mut lab = Lab::new(Settings::default()).unwrap();
            lab.step();
            for k in 0..switches {
                lab.set_training(k % 2 == 1);
            }
            lab.step();
            lab.set_training(false);
            lab.set_training(true);
            lab.set_training(false);
            // The first run: e or e,t; the second (from eval after an odd run, the first switch
            // not logged): t,e or e. Three in all.
            let modes = lab.actions().iter().filter(|a| matches!(a, Action::Mode(_))).count();
            assert_eq!(modes, 3, "{switches}: {:?}", lab.actions());
            let again = Lab::replay(lab.base().clone(), lab.actions()).map_err(|(_, e)| e).unwrap();
            assert_eq!(snapshot(&again), snapshot(&lab), "{switches}");
        }
    }

    /// A link's budget counts the batch each action runs at: steps after `n4096` cost 4096 × 128
    /// values each, and a change costs the step it redoes (5 000 changes of N ran for minutes).
    #[test]
    fn a_links_budget_counts_the_batch_each_action_runs_at() {
        let base = Settings { batch_size: 4, ..Settings::default() };
        let big = (4096 * 128) as u64;
        let actions = vec![Action::Step(1), Action::BatchSize(4096), Action::Step(10_000)];
        let (_, replay) = Replay::new(base.clone(), actions.clone(), 1).unwrap();
        let steps = REPLAY_VALUES as u64 / big - 1; // the change redoes a step at 4096 first
        assert_eq!(replay.total_steps, steps);
        assert_eq!(Replay::over_budget(&base, &actions, 1), Cut { steps: 10_000 - steps, changes: 0 });

        let changes: Vec<Action> = (0..5000).flat_map(|_| [Action::BatchSize(4), Action::BatchSize(4096)]).collect();
        let (_, replay) = Replay::new(base.clone(), changes.clone(), 1).unwrap();
        let kept = replay.remaining().count() as u64;
        let values: u64 = replay.remaining().map(|a| if a == Action::BatchSize(4096) { big } else { 4 * 128 }).sum();
        assert!(values <= REPLAY_VALUES as u64 && kept < 10_000, "{kept} changes kept, {values} values");
        assert_eq!(Replay::over_budget(&base, &changes, 1), Cut { steps: 0, changes: 10_000 - kept });
        // The default page's own steps are as before: 10 000 after the first.
        let (_, replay) = Replay::new(Settings::default(), vec![Action::Step(20_000)], 1).unwrap();
        assert_eq!(replay.total_steps, REPLAY_STEPS);
    }

    #[test]
    fn a_replay_stops_at_a_bad_action_and_says_why() {
        let actions = [Action::Step(3), Action::BatchSize(0), Action::Step(2)];
        let (lab, why) = Lab::replay(Settings::default(), &actions).err().unwrap();
        assert_eq!(lab.steps(), 3);
        assert!(matches!(why, Refusal::Core(BnError::OutOfBounds { what: "batch size N", .. })), "{why:?}");
    }

    #[test]
    fn own_data_is_stepped_again_and_fixes_the_shape() {
        let mut lab = Lab::new(Settings::default()).unwrap();
        lab.use_own_data(vec![1.0, 2.0, 3.0, 4.0, 5.0, 7.0], &[3, 2]).unwrap();
        assert_eq!(lab.settings().layer.num_features, 2);
        lab.step();
        assert_eq!(lab.batch(), &[1.0, 2.0, 3.0, 4.0, 5.0, 7.0]);
        assert!(lab.set_batch_size(5).is_err());
        lab.set_affine(false).unwrap();
        assert_eq!(lab.batch(), &[1.0, 2.0, 3.0, 4.0, 5.0, 7.0], "a new layer keeps your data");
        lab.use_generated_data().unwrap();
        assert_eq!(lab.batch().len(), 3 * 2);
        assert!(lab.use_own_data(vec![1.0, f32::NAN], &[1, 2]).is_err());
    }

    #[test]
    fn a_hand_set_value_moves_every_output_in_train_mode_and_one_in_eval() {
        let mut lab = Lab::new(Settings { batch_size: 8, ..Settings::default() }).unwrap();
        lab.set_value(0, 0, 9.0).unwrap();
        let view = lab.samples_view();
        let moved = view.output.iter().zip(&view.unedited).filter(|(a, b)| a != b).count();
        assert_eq!(moved, 8, "train mode: every sample's output moves");
        lab.set_training(false);
        lab.set_value(0, 0, -9.0).unwrap();
        let view = lab.samples_view();
        let moved = view.output.iter().zip(&view.unedited).filter(|(a, b)| a != b).count();
        assert_eq!(moved, 1, "eval mode: only the edited sample's output moves");
        lab.step();
        assert!(lab.samples_view().unedited.is_empty());
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
