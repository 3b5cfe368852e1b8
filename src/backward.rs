//! The Backward panel of the BatchNorm1d view: where the gradient goes. Web-free state and words.
//!
//! The student picks ∂L/∂y ([`UpstreamGradient`]); [`BackwardView`] runs the core's backward
//! ([`Trace::backward`], checked against PyTorch's autograd) and lays out, for the followed
//! feature and sample:
//!
//! ```text
//! train (batch statistics):  ∂L/∂x̂ = γ·∂L/∂y
//!     ∂L/∂x_i = (1/√(σ²_B + eps))·(∂L/∂x̂_i − mean(∂L/∂x̂) − x̂_i·mean(∂L/∂x̂·x̂))
//! eval (running statistics): ∂L/∂x_i = γ·∂L/∂y_i/√(running_var + eps)      (nothing coupled)
//! both:                      ∂L/∂γ = Σ ∂L/∂y·x̂,  ∂L/∂β = Σ ∂L/∂y
//! ```
//!
//! and, with batch statistics, the common mistake (μ_B and σ²_B treated as constants, which gives
//! γ·∂L/∂y_i/√(σ²_B + eps)) and the two laws: Σ_i ∂L/∂x_i = 0 (shifting a feature's inputs
//! cannot change the loss) and Σ_i x̂_i·∂L/∂x_i = 0 up to eps (scaling them changes x̂ only
//! through eps). Without running statistics (`track_running_stats=False`) eval mode normalizes
//! with the batch's statistics too, so it is coupled like train mode; the view follows the trace.
//!
//! Values of one feature are listed sample by sample; for `(N, C, L)` input every one of the
//! m = N·L values is listed (positions 0…L−1 of sample 0, then of sample 1, …), and the followed
//! value is position 0 of the followed sample, as in the rest of the page.
//!
//! Texts are `(English, Traditional Chinese, Simplified Chinese)` triples picked with [`pick`].

use crate::core::{BatchNorm1d, BatchShape, BnError, DataSpec, Distribution, Generator, Gradients, Trace};
use crate::explain::{minus_figures, paren, paren_figures};
use crate::i18n::{fill, Lang, Text};
use crate::lab::Lab;
use crate::numbers::{figures, num, py_float};

// ---------------------------------------------------------------------------------------------
// Languages
// ---------------------------------------------------------------------------------------------

/// One text in the page's three scripts: (English, 繁體中文, 简体中文).
/// The text of `text` in the page's language.
pub fn pick(lang: Lang, text: Text) -> &'static str {
    text.get(lang)
}

/// [`pick`], then fill `{name}` placeholders.
fn pick_fill(script: Lang, tri: Text, values: &[(&str, &str)]) -> String {
    fill(pick(script, tri), values)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

// ---------------------------------------------------------------------------------------------
// The upstream gradient
// ---------------------------------------------------------------------------------------------

/// The student's choice of ∂L/∂y: which loss sits above the layer.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum UpstreamGradient {
    #[default]
    /// L = y[sample, feature] (position 0 for `(N, C, L)`): ∂L/∂y is 1 there and 0 elsewhere.
    OneOutput,
    /// L = ½‖y − t‖² over the followed feature's outputs: ∂L/∂y = y − t there, 0 for other features.
    PullToTarget { target: f32 },
    /// L = Σ w·y over all outputs, w standard normal from the crate's seeded ChaCha generator.
    RandomWeights { seed: u64 },
}

/// The followed feature and sample exist in a non-empty batch of this shape.
fn check_followed(shape: &BatchShape, feature: usize, sample: usize) -> Result<(), BnError> {
    if shape.is_empty() {
        return Err(BnError::Missing { what: "gradient to show: the batch is empty" });
    }
    if feature >= shape.c {
        return Err(BnError::OutOfRange { what: "feature", index: feature, len: shape.c });
    }
    if sample >= shape.n {
        return Err(BnError::OutOfRange { what: "sample", index: sample, len: shape.n });
    }
    Ok(())
}

/// The generator's stream for the weights: batch k of data is stream k + 1, so the last stream
/// is one no batch reaches, and the weights are independent of the data even with the data's seed
/// (with stream 1 they would be the first batch's own draws, and ∂L/∂x would nearly vanish).
const WEIGHTS_BATCH: u64 = u64::MAX - 1;

/// Standard normal weights w for every value of a batch of `shape`, from `seed`: the data
/// generator with mean 0 and standard deviation 1 for every feature (ChaCha8 + libm, the same
/// numbers natively and in wasm).
///
/// A pure function of the shape and the seed, asked for by the frame and the chart every time
/// the panel is drawn: the last one made is kept and copied (making it anew cost ~25 ms twice a
/// frame at N = 4096 in the page), so a change of γ, a Step or Play pays for it only when the
/// shape or the seed changed.
fn random_weights(shape: &BatchShape, seed: u64) -> Vec<f32> {
    let key = weights_key(shape, seed);
    LAST_WEIGHTS.with_borrow_mut(|last| match last {
        Some((made_for, weights)) if *made_for == key => weights.clone(),
        _ => {
            let weights = weights_generator(shape, seed).batch(WEIGHTS_BATCH, shape.n, shape.l);
            *last = Some((key, weights.clone()));
            weights
        }
    })
}

type WeightsKey = (usize, usize, usize, u64);
thread_local! {
    /// The last random weights made ([`random_weights`]), and for which shape and seed.
    static LAST_WEIGHTS: std::cell::RefCell<Option<(WeightsKey, Vec<f32>)>> = const { std::cell::RefCell::new(None) };
}

fn weights_key(shape: &BatchShape, seed: u64) -> WeightsKey {
    (shape.n, shape.c, shape.l, seed)
}

/// The data the random weights are drawn from: mean 0 and standard deviation 1, every feature.
fn weights_generator(shape: &BatchShape, seed: u64) -> Generator {
    let spec = DataSpec {
        distribution: Distribution::Normal,
        num_features: shape.c,
        offset: 0.0,
        shift: 0.0,
        spread: 1.0,
        vary_spread: false,
        seed,
    };
    Generator::new(spec)
}

/// True when the random weights for `shape` and `seed` are made: [`random_weights`] copies them.
pub fn weights_made(shape: &BatchShape, seed: u64) -> bool {
    let key = weights_key(shape, seed);
    LAST_WEIGHTS.with_borrow(|last| last.as_ref().is_some_and(|(made_for, _)| *made_for == key))
}

/// The random weights of a large batch made a few rows at a time, the same bits as made at
/// once (at N·C = 2 Mi, 2 million draws held the page for 200-400 ms in one task when the
/// panel opened on "random weights"); once made, they are [`random_weights`]' own.
pub struct WeightsMaker {
    key: WeightsKey,
    generator: Generator,
    maker: crate::core::data::BatchMaker,
}

impl WeightsMaker {
    pub fn new(shape: &BatchShape, seed: u64) -> WeightsMaker {
        let generator = weights_generator(shape, seed);
        let maker = generator.maker(WEIGHTS_BATCH, shape.n, shape.l);
        WeightsMaker { key: weights_key(shape, seed), generator, maker }
    }

    pub fn is_for(&self, shape: &BatchShape, seed: u64) -> bool {
        self.key == weights_key(shape, seed)
    }

    /// 0…1: the share of the rows made.
    pub fn progress(&self) -> f64 {
        self.maker.rows() as f64 / self.key.0.max(1) as f64
    }

    /// Makes about 16 Ki values, then more while `go_on()` says so; true once all are made (and
    /// kept for [`random_weights`]).
    pub fn advance(&mut self, go_on: &mut dyn FnMut() -> bool) -> bool {
        let rows = (16 * 1024 / (self.key.1 * self.key.2).max(1)).max(1);
        loop {
            self.maker.make(&self.generator, rows);
            if self.maker.done() {
                let maker = std::mem::replace(&mut self.maker, self.generator.maker(WEIGHTS_BATCH, 0, 0));
                let weights = maker.finish(&self.generator);
                LAST_WEIGHTS.with_borrow_mut(|last| *last = Some((self.key, weights)));
                return true;
            }
            if !go_on() {
                return false;
            }
        }
    }
}

/// ∂L/∂y for the whole batch, and L itself (in f64).
fn upstream(
    choice: &UpstreamGradient,
    output: &[f32],
    shape: &BatchShape,
    feature: usize,
    sample: usize,
) -> Result<(Vec<f32>, f64), BnError> {
    check_followed(shape, feature, sample)?;
    if output.len() != shape.len() {
        return Err(BnError::WrongLength { what: "the output", expected: shape.len(), got: output.len() });
    }
    let mut grad = vec![0.0f32; shape.len()];
    let loss = match *choice {
        UpstreamGradient::OneOutput => {
            let i = shape.index(sample, feature, 0);
            grad[i] = 1.0;
            output[i] as f64
        }
        UpstreamGradient::PullToTarget { target } => {
            let mut loss = 0.0;
            for i in shape.feature_indices(feature) {
                let diff = output[i] - target;
                grad[i] = diff;
                loss += 0.5 * (diff as f64) * (diff as f64);
            }
            loss
        }
        UpstreamGradient::RandomWeights { seed } => {
            grad = random_weights(shape, seed);
            grad.iter().zip(output).map(|(&w, &y)| w as f64 * y as f64).sum()
        }
    };
    Ok((grad, loss))
}

/// ∂L/∂y for every value of the batch (row-major like the output), for the followed feature
/// and sample. Refused when they do not exist or `output` does not hold `shape`'s values.
pub fn grad_output(
    choice: &UpstreamGradient,
    output: &[f32],
    shape: &BatchShape,
    feature: usize,
    sample: usize,
) -> Result<Vec<f32>, BnError> {
    upstream(choice, output, shape, feature, sample).map(|(grad, _)| grad)
}

// ---------------------------------------------------------------------------------------------
// The view
// ---------------------------------------------------------------------------------------------

/// The followed value's numbers, row by row of the step-by-step table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FollowedStep {
    /// Where the followed value is in the feature's list (sample·L).
    pub index: usize,
    /// ∂L/∂y_i
    pub grad_output: f32,
    /// x̂_i
    pub x_hat: f32,
    /// ∂L/∂x̂_i = γ·∂L/∂y_i
    pub grad_x_hat: f64,
    /// mean over the feature of ∂L/∂x̂
    pub mean_grad_x_hat: f64,
    /// mean over the feature of ∂L/∂x̂·x̂
    pub mean_grad_x_hat_x_hat: f64,
    /// ∂L/∂x_i from the formula with the numbers above (the table's "with the numbers").
    pub grad_input_formula: f64,
    /// ∂L/∂x_i as the core's backward gives it (what PyTorch's `x.grad` holds).
    pub grad_input: f32,
    /// γ·∂L/∂y_i/√(var + eps): the eval formula (running_var), or the mistake (σ²_B).
    pub elementwise: f64,
}

/// Train mode's two laws for the followed feature, as computed sums.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Laws {
    /// Σ_i ∂L/∂x_i: 0 up to float error.
    pub sum_grad_input: f64,
    /// Σ_i x̂_i·∂L/∂x_i: exactly `eps_term` in exact math, ≈ 0 when eps ≪ σ²_B.
    pub sum_x_hat_grad_input: f64,
    /// eps/(σ²_B + eps)·(1/√(σ²_B + eps))·Σ ∂L/∂x̂·x̂: what eps leaves in the second sum.
    pub eps_term: f64,
    /// Σ_i |∂L/∂x_i|: the size against which "≈ 0" is measured.
    pub scale: f64,
}

/// The common mistake, treating μ_B and σ²_B as constants, against the right gradient.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mistake {
    /// max_i |wrong_i − right_i| over the followed feature's values.
    pub largest: f64,
    /// Where it is, in the feature's list.
    pub largest_at: usize,
    /// ‖wrong − right‖ / ‖right‖ (None when the right gradient is exactly 0).
    pub relative: Option<f64>,
}

/// Everything the Backward panel shows for one forward pass, one upstream gradient and the
/// followed feature and sample.
#[derive(Debug, Clone, PartialEq)]
pub struct BackwardView {
    pub feature: usize,
    pub sample: usize,
    pub shape: BatchShape,
    /// `bn.train()` for this pass.
    pub training: bool,
    /// The batch's statistics normalized (train mode, or eval without running statistics):
    /// then every ∂L/∂x_i depends on every ∂L/∂y of its feature.
    pub used_batch_stats: bool,
    /// The choice that made ∂L/∂y (None when it was given as numbers).
    pub upstream: Option<UpstreamGradient>,
    /// L for that choice (None when ∂L/∂y was given as numbers).
    pub loss: Option<f64>,
    /// ∂L/∂y for the whole batch (what `bn_grad_output.csv` holds; ∂L/∂x of the whole batch is
    /// computed only for the files, [`BackwardView::whole_gradients`]).
    pub grad_output: Vec<f32>,
    /// The followed feature's values, sample by sample: x̂, ∂L/∂y, ∂L/∂x (the core's) and
    /// γ·∂L/∂y/√(var + eps) (the eval formula, or in train mode the mistake).
    pub x_hat: Vec<f32>,
    pub feature_grad_output: Vec<f32>,
    pub feature_grad_input: Vec<f32>,
    pub elementwise: Vec<f32>,
    /// The followed feature's γ (1 without affine), the variance that normalized, eps, 1/√(var + eps).
    pub gamma: f32,
    pub var: f32,
    pub eps: f64,
    pub inv_std: f32,
    /// ∂L/∂γ and ∂L/∂β of the followed feature (None without affine).
    pub grad_gamma: Option<f32>,
    pub grad_beta: Option<f32>,
    pub step: FollowedStep,
    /// With batch statistics only.
    pub laws: Option<Laws>,
    pub mistake: Option<Mistake>,
}

impl BackwardView {
    /// The view of the lab's current step for `choice`. Refused when the step was (its error).
    pub fn from_lab(lab: &Lab, choice: &UpstreamGradient) -> Result<BackwardView, BnError> {
        let trace = lab_trace(lab)?;
        let s = lab.settings();
        BackwardView::new(trace, lab.batch(), lab.layer().config().eps, choice, s.feature, s.sample)
    }

    /// The view of `trace` (a pass on `input` of a layer with this `eps`) for `choice`.
    pub fn new(
        trace: &Trace,
        input: &[f32],
        eps: f64,
        choice: &UpstreamGradient,
        feature: usize,
        sample: usize,
    ) -> Result<BackwardView, BnError> {
        let (grad, loss) = upstream(choice, &trace.output, &trace.shape, feature, sample)?;
        let mut view = BackwardView::with_grad_output(trace, input, eps, grad, feature, sample)?;
        view.upstream = Some(choice.clone());
        view.loss = Some(loss);
        Ok(view)
    }

    /// The view of `trace` (a pass on `input`) for a given ∂L/∂y (row-major, one per output).
    pub fn with_grad_output(
        trace: &Trace,
        input: &[f32],
        eps: f64,
        grad_output: Vec<f32>,
        feature: usize,
        sample: usize,
    ) -> Result<BackwardView, BnError> {
        let shape = trace.shape;
        check_followed(&shape, feature, sample)?;
        let per_feature = [&trace.mean, &trace.var, &trace.inv_std];
        let affine_ok = trace.affine.as_ref().is_none_or(|a| a.weight.len() == shape.c && a.bias.len() == shape.c);
        if per_feature.iter().any(|v| v.len() != shape.c) || trace.output.len() != shape.len() || !affine_ok {
            return Err(BnError::WrongLength { what: "the trace", expected: shape.len(), got: trace.output.len() });
        }
        // The followed feature's gradients alone (the whole batch's are the files':
        // [`BackwardView::whole_gradients`]).
        let gradients = trace.backward_feature(input, &grad_output, feature)?;

        let f = feature;
        let indices: Vec<usize> = shape.feature_indices(f).collect();
        let pick_values = |v: &[f32]| -> Vec<f32> { indices.iter().map(|&i| v[i]).collect() };
        // x̂ of the followed feature alone, from the input (the trace keeps no x̂).
        let x_hat: Vec<f32> = indices.iter().filter_map(|&i| trace.x_hat_at(input, i)).collect();
        let g = pick_values(&grad_output);
        let dx = gradients.grad_input;
        let gamma = trace.affine.as_ref().map_or(1.0, |a| a.weight[f]);
        let (var, inv_std) = (trace.var[f], trace.inv_std[f]);

        // γ·∂L/∂y_i/√(var + eps), from the formula (not from the trace's 1/√(var + eps)).
        let elementwise_of = |g: f32| gamma as f64 * g as f64 / (var as f64 + eps).sqrt();
        let elementwise: Vec<f32> = g.iter().map(|&g| elementwise_of(g) as f32).collect();

        let m = indices.len() as f64;
        let grad_x_hat: Vec<f64> = g.iter().map(|&g| gamma as f64 * g as f64).collect();
        let mean_grad_x_hat = grad_x_hat.iter().sum::<f64>() / m;
        let mean_grad_x_hat_x_hat = grad_x_hat.iter().zip(&x_hat).map(|(&d, &xh)| d * xh as f64).sum::<f64>() / m;

        let k = sample * shape.l;
        let step = FollowedStep {
            index: k,
            grad_output: g[k],
            x_hat: x_hat[k],
            grad_x_hat: grad_x_hat[k],
            mean_grad_x_hat,
            mean_grad_x_hat_x_hat,
            grad_input_formula: if trace.used_batch_stats {
                inv_std as f64 * (grad_x_hat[k] - mean_grad_x_hat - x_hat[k] as f64 * mean_grad_x_hat_x_hat)
            } else {
                elementwise_of(g[k])
            },
            grad_input: dx[k],
            elementwise: elementwise_of(g[k]),
        };

        let (laws, mistake) = if trace.used_batch_stats {
            let eps_share = eps / (var as f64 + eps);
            let laws = Laws {
                sum_grad_input: dx.iter().map(|&d| d as f64).sum(),
                sum_x_hat_grad_input: dx.iter().zip(&x_hat).map(|(&d, &xh)| d as f64 * xh as f64).sum(),
                eps_term: eps_share * inv_std as f64 * m * mean_grad_x_hat_x_hat,
                scale: dx.iter().map(|&d| (d as f64).abs()).sum(),
            };
            (Some(laws), Some(mistake(&elementwise, &dx)))
        } else {
            (None, None)
        };

        Ok(BackwardView {
            feature,
            sample,
            shape,
            training: trace.training,
            used_batch_stats: trace.used_batch_stats,
            upstream: None,
            loss: None,
            grad_output,
            grad_gamma: gradients.grad_weight.and_then(|w| w.first().copied()),
            grad_beta: gradients.grad_bias.and_then(|b| b.first().copied()),
            x_hat,
            feature_grad_output: g,
            feature_grad_input: dx,
            elementwise,
            gamma,
            var,
            eps,
            inv_std,
            step,
            laws,
            mistake,
        })
    }

    /// The core's backward of the whole batch for this view's ∂L/∂y: ∂L/∂x, and ∂L/∂γ, ∂L/∂β of
    /// every feature when affine (the files'); `trace` and `input` are the pass the view is of.
    pub fn whole_gradients(&self, trace: &Trace, input: &[f32]) -> Result<Gradients, BnError> {
        trace.backward(input, &self.grad_output)
    }

    /// [`BackwardView::whole_gradients`] of the lab's current step.
    pub fn lab_gradients(&self, lab: &Lab) -> Result<Gradients, BnError> {
        self.whole_gradients(lab_trace(lab)?, lab.batch())
    }

    /// What [`crate::charts::gradients::draw`] shows.
    pub fn gradients_view(&self) -> crate::charts::GradientsView {
        crate::charts::GradientsView {
            feature: self.feature,
            selected: self.sample,
            per_sample: self.shape.l.max(1),
            grad_input: self.feature_grad_input.clone(),
            constants: if self.used_batch_stats { self.elementwise.clone() } else { Vec::new() },
        }
    }
}

/// The lab's trace, or why there is none.
fn lab_trace(lab: &Lab) -> Result<&Trace, BnError> {
    match (lab.trace(), lab.refusal()) {
        (Some(trace), _) => Ok(trace),
        (None, Some(refusal)) => Err(refusal.error.clone()),
        (None, None) => Err(BnError::Missing { what: "forward pass to go back through: press Step" }),
    }
}

fn mistake(wrong: &[f32], right: &[f32]) -> Mistake {
    let mut out = Mistake::default();
    let (mut diff_sq, mut right_sq) = (0.0f64, 0.0f64);
    for (k, (&w, &r)) in wrong.iter().zip(right).enumerate() {
        let d = (w as f64 - r as f64).abs();
        if d > out.largest {
            out.largest = d;
            out.largest_at = k;
        }
        diff_sq += d * d;
        right_sq += r as f64 * r as f64;
    }
    out.relative = (right_sq > 0.0).then(|| (diff_sq / right_sq).sqrt());
    out
}

// ---------------------------------------------------------------------------------------------
// Coupling: one output's upstream gradient, every sample's ∂L/∂x
// ---------------------------------------------------------------------------------------------

/// How ∂L/∂x of every value of a feature moves in one mode when ∂L/∂y of one value rises by 1.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ModeCoupling {
    /// This mode's pass normalized with the batch's statistics.
    pub used_batch_stats: bool,
    /// The change of ∂L/∂x per value of the feature, sample by sample (the core's backward of a
    /// one-hot ∂L/∂y: backward is linear in ∂L/∂y, so this is the change for a change of 1).
    pub moves: Vec<f32>,
    /// How many of them are not 0.
    pub moved: usize,
}

/// The coupling demo: the same batch, from the state before the step, in train and in eval mode.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Coupling {
    pub feature: usize,
    /// Whose ∂L/∂y (position 0) changes.
    pub sample: usize,
    /// None when that mode's pass is refused (train mode on a batch of one).
    pub train: Option<ModeCoupling>,
    pub eval: Option<ModeCoupling>,
    /// The followed feature's running_var in the state the passes start from (before the step's
    /// update): what eval mode divides by, said with the number so it can be checked.
    pub running_var: Option<f32>,
    /// Some(k) when the pass shown is an eval pass after step k: running_var is then the layer's
    /// now (eval does not move it); None after a train pass, whose update came after it: the
    /// eval sentence then says what an eval pass in that step's place would use.
    pub eval_after_step: Option<u64>,
    /// After a train pass, the followed feature's running_var once the step updated it (what
    /// the status line shows beside the sentence's `running_var`); None otherwise.
    pub running_var_after: Option<f32>,
}

/// For train and eval mode: how much every value's ∂L/∂x of `feature` moves when ∂L/∂y of
/// `[sample, feature(, 0)]` rises by 1. Runs `layer` (the state before the step, unchanged) on
/// `batch` in each mode: two forward and two backward passes, so call it when something changed,
/// not every frame.
///
/// Features are normalized apart, so the passes run on the followed feature's values alone,
/// through a one-feature layer with its γ, β and running statistics: the same numbers as the
/// whole batch through the whole layer (tests/backward.rs compares them bit for bit) for a C-th
/// of the work (the whole passes cost ~35 ms at N = 4096 in the page, on every change while the
/// Backward panel is open). A layer that cannot be built so (NaN running statistics are
/// refused) takes the whole passes.
pub fn coupling(
    layer: &BatchNorm1d,
    batch: &[f32],
    dims: &[usize],
    feature: usize,
    sample: usize,
) -> Result<Coupling, BnError> {
    let shape = BatchShape::from_dims(dims)?;
    check_followed(&shape, feature, sample)?;
    let column: Option<Vec<f32>> = shape.feature_indices(feature).map(|i| batch.get(i).copied()).collect();
    let alone = one_feature_layer(layer, feature).ok().zip(column.filter(|_| batch.len() == shape.len()));
    let (train, eval) = match alone {
        Some((one, column)) => {
            let dims = if shape.has_length { vec![shape.n, 1, shape.l] } else { vec![shape.n, 1] };
            let shape = BatchShape { c: 1, ..shape };
            let mode = |training| mode_coupling(&one, &column, &dims, &shape, 0, sample, training);
            (mode(true), mode(false))
        }
        None => {
            let mode = |training| mode_coupling(layer, batch, dims, &shape, feature, sample, training);
            (mode(true), mode(false))
        }
    };
    let running_var = layer.running().and_then(|r| r.var.get(feature).copied());
    Ok(Coupling { feature, sample, train, eval, running_var, eval_after_step: None, running_var_after: None })
}

/// Feature `feature` of `layer` as a layer of its own: its γ and β, its running statistics.
fn one_feature_layer(layer: &BatchNorm1d, feature: usize) -> Result<BatchNorm1d, BnError> {
    let config = crate::core::BatchNormConfig { num_features: 1, ..layer.config().clone() };
    let mut one = BatchNorm1d::new(config)?;
    let len = layer.config().num_features;
    let out_of_range = || BnError::OutOfRange { what: "feature", index: feature, len };
    let pick = |v: &[f32]| v.get(feature..=feature).map(<[f32]>::to_vec).ok_or_else(out_of_range);
    if let Some(a) = layer.affine() {
        one.set_affine(&pick(&a.weight)?, &pick(&a.bias)?)?;
    }
    if let Some(r) = layer.running() {
        one.set_running(&pick(&r.mean)?, &pick(&r.var)?, r.num_batches_tracked)?;
    }
    Ok(one)
}

/// [`coupling`]'s passes in one mode; None when that mode's forward is refused.
fn mode_coupling(
    layer: &BatchNorm1d,
    batch: &[f32],
    dims: &[usize],
    shape: &BatchShape,
    feature: usize,
    sample: usize,
    training: bool,
) -> Option<ModeCoupling> {
    let mut copy = layer.clone();
    copy.set_training(training);
    let trace = copy.forward(batch, dims).ok()?;
    let mut grad = vec![0.0f32; shape.len()];
    *grad.get_mut(shape.index(sample, feature, 0))? = 1.0;
    let grads = trace.backward(batch, &grad).ok()?;
    let moves: Vec<f32> = shape.feature_indices(feature).filter_map(|i| grads.grad_input.get(i).copied()).collect();
    let moved = moves.iter().filter(|&&d| d != 0.0).count();
    Some(ModeCoupling { used_batch_stats: trace.used_batch_stats, moves, moved })
}

/// [`coupling`] for the lab's current batch, from the state before its step.
pub fn coupling_from_lab(lab: &Lab) -> Result<Coupling, BnError> {
    let s = lab.settings();
    let mut c = coupling(lab.layer_before(), lab.batch(), &s.dims(), s.feature, s.sample)?;
    c.eval_after_step = lab.trace().filter(|t| !t.training).map(|_| lab.steps());
    if c.eval_after_step.is_none() && lab.trace().is_some() {
        c.running_var_after = lab.layer().running().and_then(|r| r.var.get(s.feature).copied());
    }
    Ok(c)
}

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

const HEAD: [Text; 4] = [
    Text::new("step", "步驟", "步骤"),
    Text::new("formula", "公式", "公式"),
    Text::new("with the numbers", "代入數字", "代入数值"),
    Text::new("value", "值", "值"),
];

const TRAIN_SENTENCE: Text = Text::new(
    "<b>train mode</b> — feature {f}, sample {s}: μ<sub>B</sub> and σ²<sub>B</sub> are computed from this batch, so they depend on every x of the feature, and the gradient flows back through them too: every ∂L/∂x<sub>i</sub> depends on every ∂L/∂y of its feature.",
    "<b>訓練模式</b>——特徵 {f}、樣本 {s}：μ<sub>B</sub> 與 σ²<sub>B</sub> 由這個批次算出，依賴這個特徵的每一個 x，所以梯度也會經過它們反向傳播：每個 ∂L/∂x<sub>i</sub> 都依賴同一特徵的每一個 ∂L/∂y。",
    "<b>训练模式</b>——特征 {f}、样本 {s}：μ<sub>B</sub> 和 σ²<sub>B</sub> 由这个批量算出，依赖该特征的每一个 x，所以梯度也会经过它们反向传播：每个 ∂L/∂x<sub>i</sub> 都依赖同一特征的每一个 ∂L/∂y。",
);
pub(crate) const EVAL_SENTENCE: Text = Text::new(
    "<b>eval mode</b> — feature {f}, sample {s}: running_mean and running_var are constants here, so each ∂L/∂x<sub>i</sub> depends only on its own ∂L/∂y<sub>i</sub>: nothing is coupled.",
    "<b>評估模式</b>——特徵 {f}、樣本 {s}：running_mean 與 running_var 在這裡是常數，所以每個 ∂L/∂x<sub>i</sub> 只依賴它自己的 ∂L/∂y<sub>i</sub>：彼此不耦合。",
    "<b>评估模式</b>——特征 {f}、样本 {s}：running_mean 和 running_var 在这里是常数，所以每个 ∂L/∂x<sub>i</sub> 只依赖它自己的 ∂L/∂y<sub>i</sub>：彼此不耦合。",
);
const EVAL_BATCH_SENTENCE: Text = Text::new(
    "<b>eval mode</b> — feature {f}, sample {s}: without running statistics (track_running_stats=False) eval normalizes with this batch's statistics, as train mode does, so the gradient is coupled the same way.",
    "<b>評估模式</b>——特徵 {f}、樣本 {s}：沒有移動統計（track_running_stats=False）時，評估模式和訓練模式一樣用這個批次的統計正規化，所以梯度同樣彼此耦合。",
    "<b>评估模式</b>——特征 {f}、样本 {s}：没有运行统计量（track_running_stats=False）时，评估模式和训练模式一样用这个批量的统计量归一化，所以梯度同样相互耦合。",
);

const LOSS_ONE: Text = Text::new(
    "L = y[{at}] = {l}: ∂L/∂y is 1 at this output and 0 everywhere else.",
    "L = y[{at}] = {l}：∂L/∂y 在這個輸出是 1，其他地方都是 0。",
    "L = y[{at}] = {l}：∂L/∂y 在这个输出处为 1，其他位置都为 0。",
);
const LOSS_PULL: Text = Text::new(
    "L = ½·Σ(y − t)² over feature {f}'s outputs, t = {t}: L = {l}; ∂L/∂y = y − t for feature {f}, 0 for the others.",
    "L = ½·Σ(y − t)²，對特徵 {f} 的輸出求和，t = {t}：L = {l}；特徵 {f} 的 ∂L/∂y = y − t，其他特徵為 0。",
    "L = ½·Σ(y − t)²，对特征 {f} 的输出求和，t = {t}：L = {l}；特征 {f} 的 ∂L/∂y = y − t，其他特征为 0。",
);
const LOSS_RANDOM: Text = Text::new(
    "L = Σ w·y over every output, w drawn from a standard normal with seed {seed}: L = {l}; ∂L/∂y = w.",
    "L = Σ w·y，對所有輸出求和，w 取自標準常態分布（亂數種子 {seed}）：L = {l}；∂L/∂y = w。",
    "L = Σ w·y，对所有输出求和，w 取自标准正态分布（随机种子 {seed}）：L = {l}；∂L/∂y = w。",
);

const ROW_UPSTREAM: Text = Text::new("upstream gradient", "上游梯度", "上游梯度");
const ROW_GRAD_X_HAT: Text = Text::new("gradient of x̂", "x̂ 的梯度", "x̂ 的梯度");
const ROW_MEAN_GRAD: Text = Text::new("its mean over the feature", "它在這個特徵上的平均", "它在该特征上的均值");
const ROW_MEAN_GRAD_X_HAT: Text = Text::new("mean of gradient × x̂", "梯度 × x̂ 的平均", "梯度 × x̂ 的均值");
/// The row's name, and the formula below's word for it (the forward panel's too: `scale` in
/// crate::i18n; mainland writes the noun 缩放系数, "scaling factor").
const ROW_SCALE: Text = Text::new("scale", "縮放", "缩放系数");
const ROW_GRAD_INPUT: Text = Text::new("gradient of this input", "這個輸入的梯度", "这个输入的梯度");
const ROW_GRAD_GAMMA: Text = Text::new("gradient of γ", "γ 的梯度", "γ 的梯度");
const ROW_GRAD_BETA: Text = Text::new("gradient of β", "β 的梯度", "β 的梯度");
const ROW_MISTAKE: Text = Text::new(
    "if μ<sub>B</sub>, σ²<sub>B</sub> were constants (wrong)",
    "若把 μ<sub>B</sub>、σ²<sub>B</sub> 當常數（錯誤）",
    "若把 μ<sub>B</sub>、σ²<sub>B</sub> 当作常数（错误）",
);
pub(crate) const ROW_LAW_SUM: Text = Text::new("law 1: shift", "性質一：平移", "性质一：平移");
const ROW_EVAL_SUM: Text = Text::new("sum over the feature", "整個特徵的總和", "整个特征的总和");
pub(crate) const NOTE_EVAL_SUM: Text = Text::new(
    "not 0 in eval mode: each value's gradient is γ/√(running_var + eps) · ∂L/∂y on its own, so the sum is that factor times Σ ∂L/∂y (it is 0 only where the batch's own statistics normalize, as in train mode: that is law 1)",
    "評估模式下不是 0：每個值的梯度各自是 γ/√(running_var + eps) · ∂L/∂y，所以總和就是這個係數乘以 Σ ∂L/∂y（只有用批次自己的統計量正規化時，例如訓練模式，才是 0，那就是性質一）",
    "评估模式下不是 0：每个值的梯度各自是 γ/√(running_var + eps) · ∂L/∂y，所以总和就是这个系数乘以 Σ ∂L/∂y（只有用批量自己的统计量归一化时，例如训练模式，才是 0，那就是性质一）",
);
pub(crate) const ROW_LAW_SCALE: Text = Text::new("law 2: scale", "性質二：縮放", "性质二：缩放");

/// The figures each term of a difference needs for its result to read from them: four, and as
/// many more as the difference is smaller than its largest term (at most 9: float32 holds ~7).
fn cancelling_figures(largest: f64, difference: f64) -> usize {
    let lost = (largest / difference.abs()).log10();
    if lost.is_finite() && lost > 1.0 {
        (4 + lost.ceil() as usize).min(9)
    } else {
        4
    }
}

const NOTE_CANCEL: Text = Text::new(
    "the terms nearly cancel, so each is shown with the figures their difference needs",
    "這幾項幾乎互相抵消，所以每項都顯示到算得出差值所需的位數",
    "这几项几乎相互抵消，所以每项都显示到算得出差值所需的位数",
);
const NOTE_AUTOGRAD: Text = Text::new(
    "what PyTorch's autograd puts in x.grad, up to float32 rounding",
    "PyTorch 的 autograd 放進 x.grad 的值（相差在 float32 的捨入誤差內）",
    "PyTorch 的 autograd 写入 x.grad 的值（相差在 float32 的舍入误差内）",
);
const NOTE_SUMS: Text = Text::new(
    "summed over the batch: each output's gradient adds its x̂",
    "對整個批次求和：每個輸出的梯度乘上它的 x̂ 相加",
    "对整个批量求和：每个输出的梯度乘以它的 x̂ 相加",
);
const NOTE_SUMS_BIAS: Text = Text::new("summed over the batch", "對整個批次求和", "对整个批量求和");
const NOTE_EVAL_NOTHING_COUPLED: Text =
    Text::new("nothing coupled: no other sample enters", "不耦合：其他樣本都不參與", "不耦合：其他样本都不参与");
const NOTE_MISTAKE: Text = Text::new(
    "wrong with the batch's own statistics: over feature {f} it is off by up to {largest} (sample {at}); ‖wrong − right‖ / ‖right‖ = {relative}",
    "用批次自己的統計時是錯的：在特徵 {f} 上最多差 {largest}（樣本 {at}）；‖錯 − 對‖ / ‖對‖ = {relative}",
    "用批量自己的统计量时是错的：在特征 {f} 上最多相差 {largest}（样本 {at}）；‖错 − 对‖ / ‖对‖ = {relative}",
);
const NOTE_MISTAKE_ZERO: Text = Text::new(
    "wrong with the batch's own statistics: the right gradient of feature {f} is exactly 0 here, this one is off by up to {largest} (sample {at})",
    "用批次自己的統計時是錯的：特徵 {f} 的正確梯度在這裡剛好是 0，這個卻最多差 {largest}（樣本 {at}）",
    "用批量自己的统计量时是错的：特征 {f} 的正确梯度在这里恰好为 0，这个却最多相差 {largest}（样本 {at}）",
);
const NOTE_LAW_SUM: Text = Text::new(
    "= 0 up to float error (Σ|∂L/∂x| = {scale}): adding the same number to every input of the feature leaves x̂ unchanged, so it cannot change the loss",
    "除了浮點誤差就是 0（Σ|∂L/∂x| = {scale}）：把這個特徵的每個輸入都加上同一個數，x̂ 不變，所以損失不會變",
    "除浮点误差外为 0（Σ|∂L/∂x| = {scale}）：给该特征的每个输入加上同一个数，x̂ 不变，所以损失不会变",
);
const NOTE_LAW_SCALE: Text = Text::new(
    "= 0 up to eps: multiplying every input of the feature by the same positive number changes x̂ only through eps (exact math gives {expected} here)",
    "除了 eps 的影響就是 0：把這個特徵的每個輸入都乘上同一個正數，x̂ 只會因 eps 而改變（精確計算在這裡是 {expected}）",
    "除 eps 的影响外为 0：给该特征的每个输入乘以同一个正数，x̂ 只会因 eps 而改变（精确计算在这里是 {expected}）",
);
const PULL_PARAGRAPH: Text = Text::new(
    "Why ∂L/∂x is so small here: in train mode feature {f}'s outputs have mean β and spread ≈ |γ| whatever the inputs are, so moving x cannot bring them closer to t — only γ and β can. Exactly, ∂L/∂x<sub>i</sub> = γ²·x̂<sub>i</sub>·eps/(σ²<sub>B</sub> + eps)/√(σ²<sub>B</sub> + eps): eps is all that is left, and float32's rounding is of its size (PyTorch's x.grad can differ from the page's in the second digit here).",
    "為什麼這裡的 ∂L/∂x 這麼小：在訓練模式下，不論輸入是什麼，特徵 {f} 的輸出平均都是 β、標準差都約是 |γ|，所以移動 x 無法讓它們更接近 t——只有 γ 和 β 能。精確地說，∂L/∂x<sub>i</sub> = γ²·x̂<sub>i</sub>·eps/(σ²<sub>B</sub> + eps)/√(σ²<sub>B</sub> + eps)：只剩下 eps 的影響，而 float32 的捨入誤差也有這麼大（PyTorch 的 x.grad 在這裡可能和頁面的差到第二位數）。",
    "为什么这里的 ∂L/∂x 这么小：在训练模式下，无论输入是什么，特征 {f} 的输出均值都是 β、标准差都约为 |γ|，所以移动 x 无法让它们更接近 t——只有 γ 和 β 能。精确地说，∂L/∂x<sub>i</sub> = γ²·x̂<sub>i</sub>·eps/(σ²<sub>B</sub> + eps)/√(σ²<sub>B</sub> + eps)：只剩下 eps 的影响，而 float32 的舍入误差也有这么大（PyTorch 的 x.grad 在这里可能和页面的差到第二位数）。",
);
// γ's place in the numbers without γ: its value, 1, and why.
/// Two values per feature: x̂ = ±σ_B/√(σ²_B + eps) whatever they are; ∂L/∂x_1 =
/// (1/√(σ²_B + eps))·(γg₁ − γ(g₁ + g₂)/2 − x̂₁·x̂₁·γ(g₁ − g₂)/2) = γ(g₁ − g₂)/2 · eps/(σ²_B + eps)/√(σ²_B + eps).
const TWO_PARAGRAPH: Text = Text::new(
    "Why ∂L/∂x is ≈ 0 here: with two values, feature {f}'s x̂ is ±σ<sub>B</sub>/√(σ²<sub>B</sub> + eps) ≈ ±1 whatever they are, so the outputs β ± γ·x̂ barely move with x. Exactly, ∂L/∂x<sub>1</sub> = γ·(∂L/∂y<sub>1</sub> − ∂L/∂y<sub>2</sub>)/2 · eps/(σ²<sub>B</sub> + eps)/√(σ²<sub>B</sub> + eps): what eps leaves, near float32's rounding.",
    "為什麼這裡的 ∂L/∂x ≈ 0：只有兩個值時，不論它們是什麼，特徵 {f} 的 x̂ 都是 ±σ<sub>B</sub>/√(σ²<sub>B</sub> + eps) ≈ ±1，所以輸出 β ± γ·x̂ 幾乎不隨 x 移動。精確地說，∂L/∂x<sub>1</sub> = γ·(∂L/∂y<sub>1</sub> − ∂L/∂y<sub>2</sub>)/2 · eps/(σ²<sub>B</sub> + eps)/√(σ²<sub>B</sub> + eps)：只剩 eps 的影響，接近 float32 的捨入誤差。",
    "为什么这里的 ∂L/∂x ≈ 0：只有两个值时，无论它们是什么，特征 {f} 的 x̂ 都是 ±σ<sub>B</sub>/√(σ²<sub>B</sub> + eps) ≈ ±1，所以输出 β ± γ·x̂ 几乎不随 x 变化。精确地说，∂L/∂x<sub>1</sub> = γ·(∂L/∂y<sub>1</sub> − ∂L/∂y<sub>2</sub>)/2 · eps/(σ²<sub>B</sub> + eps)/√(σ²<sub>B</sub> + eps)：只剩 eps 的影响，接近 float32 的舍入误差。",
);
const AFFINE_OFF: Text = Text::new("1 (affine=False)", "1（affine=False）", "1（affine=False）");
const MISTAKE_PARAGRAPH: Text = Text::new(
    "The common mistake: treating μ<sub>B</sub> and σ²<sub>B</sub> as constants gives γ·∂L/∂y<sub>i</sub>/√(σ²<sub>B</sub> + eps) — the eval formula with the batch's variance. Wherever the batch's own statistics normalize (train mode, or eval mode without running statistics) it is wrong: it leaves out how moving x<sub>i</sub> moves the batch's mean and variance, and so every other output.",
    "常見的錯誤：把 μ<sub>B</sub> 與 σ²<sub>B</sub> 當常數，會得到 γ·∂L/∂y<sub>i</sub>/√(σ²<sub>B</sub> + eps)——也就是把評估模式的公式套上批次變異數。只要是用批次自己的統計來正規化（訓練模式，或沒有移動統計的評估模式），這就是錯的：它漏掉了移動 x<sub>i</sub> 會改變批次的平均與變異數，進而改變其他所有輸出。",
    "常见的错误：把 μ<sub>B</sub> 和 σ²<sub>B</sub> 当作常数，会得到 γ·∂L/∂y<sub>i</sub>/√(σ²<sub>B</sub> + eps)——也就是把评估模式的公式套上批量方差。只要是用批量自己的统计量来归一化（训练模式，或没有运行统计量的评估模式），这就是错的：它漏掉了移动 x<sub>i</sub> 会改变批量的均值和方差，进而改变其他所有输出。",
);
const EVAL_PARAGRAPH: Text = Text::new(
    "In eval mode the layer is y = γ·(x − running_mean)/√(running_var + eps) + β for each value on its own, so its gradient is that one factor times ∂L/∂y. The same formula with σ²<sub>B</sub> in train mode would be the common mistake.",
    "在評估模式下，這一層對每個值各自是 y = γ·(x − running_mean)/√(running_var + eps) + β，所以梯度就是這個係數乘以 ∂L/∂y。在訓練模式下把同一個公式套上 σ²<sub>B</sub>，就是常見的錯誤。",
    "在评估模式下，这一层对每个值各自是 y = γ·(x − running_mean)/√(running_var + eps) + β，所以梯度就是这个系数乘以 ∂L/∂y。在训练模式下把同一个公式套上 σ²<sub>B</sub>，就是常见的错误。",
);

/// One row of the table: name, formula, the numbers, value (and an optional note under it).
struct Row {
    name: String,
    formula: String,
    numbers: String,
    value: String,
    note: String,
    /// The row's element id, if it has one: [`SUM_ROW`].
    id: &'static str,
}

/// The id of the row of the batch's sum of ∂L/∂x (law 1 in train mode, its eval-mode sum), which
/// lesson 9's answer names: a projected page's button brings it into view
/// ([`crate::lessons::shows_projected`]).
pub const SUM_ROW: &str = "grad-sum";

fn row(name: Text, formula: &str, numbers: String, value: f64, note: String, script: Lang) -> Row {
    Row { name: pick(script, name).into(), formula: formula.into(), numbers, value: num(value), note, id: "" }
}

/// The step-by-step table, with the same classes, roles and layout as
/// [`crate::explain::step_by_step`] (roles written out: a narrow screen lays rows out as grids).
fn table(rows: &[Row], script: Lang) -> String {
    let mut html =
        String::from("<table class=\"steps backward\" role=\"table\"><thead role=\"rowgroup\"><tr role=\"row\">");
    for head in HEAD {
        html.push_str(&format!("<th role=\"columnheader\">{}</th>", pick(script, head)));
    }
    html.push_str("</tr></thead><tbody role=\"rowgroup\">");
    for r in rows {
        let note = if r.note.is_empty() { String::new() } else { format!("<div class=\"note\">{}</div>", r.note) };
        let id = if r.id.is_empty() { String::new() } else { format!(" id=\"{}\"", r.id) };
        html.push_str(&format!(
            "<tr role=\"row\"{id}><th scope=\"row\" role=\"rowheader\">{}</th><td class=\"formula\" role=\"cell\">{}</td><td class=\"numbers\" role=\"cell\">{}</td><td class=\"value\" role=\"cell\">{}{note}</td></tr>",
            r.name,
            r.formula,
            crate::numbers::unbroken(&r.numbers),
            r.value,
            note = crate::numbers::unbroken(&note)
        ));
    }
    html.push_str("</tbody></table>");
    html
}

/// `[s, f]` or `[s, f, 0]`.
fn at(view: &BackwardView) -> String {
    if view.shape.has_length {
        format!("{}, {}, 0", view.sample, view.feature)
    } else {
        format!("{}, {}", view.sample, view.feature)
    }
}

/// The loss in words, with its value.
fn loss_sentence(view: &BackwardView, script: Lang) -> String {
    let (Some(choice), Some(loss)) = (&view.upstream, view.loss) else { return String::new() };
    let l = num(loss);
    let f = view.feature.to_string();
    let text = match choice {
        UpstreamGradient::OneOutput => pick_fill(script, LOSS_ONE, &[("at", &at(view)), ("l", &l)]),
        UpstreamGradient::PullToTarget { target } => {
            pick_fill(script, LOSS_PULL, &[("f", &f), ("t", &py_float(*target as f64)), ("l", &l)])
        }
        UpstreamGradient::RandomWeights { seed } => {
            pick_fill(script, LOSS_RANDOM, &[("seed", &seed.to_string()), ("l", &l)])
        }
    };
    format!("<p class=\"loss\">{text}</p>")
}

/// The Backward panel's step-by-step table for the followed feature and sample, in the page's
/// language.
pub fn step_by_step(view: &BackwardView, script: Lang) -> String {
    let s = &view.step;
    let (f, sample) = (view.feature.to_string(), view.sample.to_string());
    let sentence = match (view.training, view.used_batch_stats) {
        (true, _) => TRAIN_SENTENCE,
        (false, true) => EVAL_BATCH_SENTENCE,
        (false, false) => EVAL_SENTENCE,
    };
    let mut html = format!("<p class=\"mode\">{}</p>", pick_fill(script, sentence, &[("f", &f), ("s", &sample)]));
    html.push_str(&loss_sentence(view, script));

    let m = view.x_hat.len();
    let gamma_text =
        if view.grad_gamma.is_some() { num(view.gamma as f64) } else { pick(script, AFFINE_OFF).to_string() };
    let var_name = if view.used_batch_stats { "σ²<sub>B</sub>" } else { "running_var" };
    // Where the terms nearly cancel (an output pulled toward 0 from itself: x̂ − x̂·σ²/(σ² + eps)),
    // four figures of each say nothing of their difference ("1.899 − 7.136e-8 − 1.899 · 1"
    // for 4.998e-6): each term gets the figures it takes, and the note says so.
    let x_hat = s.x_hat as f64;
    let largest = s.grad_x_hat.abs().max((x_hat * s.mean_grad_x_hat_x_hat).abs());
    let n = cancelling_figures(largest, s.grad_x_hat - s.mean_grad_x_hat - x_hat * s.mean_grad_x_hat_x_hat);

    let mut rows = vec![row(
        ROW_UPSTREAM,
        "∂L/∂y<sub>i</sub>",
        format!("∂L/∂y[{}]", at(view)),
        s.grad_output as f64,
        String::new(),
        script,
    )];
    if view.used_batch_stats {
        rows.push(row(
            ROW_GRAD_X_HAT,
            "∂L/∂x̂<sub>i</sub> = γ · ∂L/∂y<sub>i</sub>",
            format!("{gamma_text} · {}", paren(s.grad_output as f64)),
            s.grad_x_hat,
            String::new(),
            script,
        ));
        rows.push(row(
            ROW_MEAN_GRAD,
            "mean(∂L/∂x̂)",
            format!("Σ ∂L/∂x̂ / {m}"),
            s.mean_grad_x_hat,
            String::new(),
            script,
        ));
        rows.push(row(
            ROW_MEAN_GRAD_X_HAT,
            "mean(∂L/∂x̂ · x̂)",
            format!("Σ ∂L/∂x̂ · x̂ / {m}"),
            s.mean_grad_x_hat_x_hat,
            String::new(),
            script,
        ));
        // The figures the ∂L/∂x row uses of it ("1" above "0.999995887" read as two numbers).
        if let Some(last) = rows.last_mut() {
            last.value = figures(s.mean_grad_x_hat_x_hat, n);
        }
    }
    rows.push(row(
        ROW_SCALE,
        &format!("1 / √({var_name} + eps)"),
        format!("1 / √({} + {})", num(view.var as f64), py_float(view.eps)),
        view.inv_std as f64,
        String::new(),
        script,
    ));
    let autograd = pick(script, NOTE_AUTOGRAD).to_string();
    if view.used_batch_stats {
        let note = if n > 4 {
            format!("{autograd}{}{}", pick(script, Text::new("; ", "；", "；")), pick(script, NOTE_CANCEL))
        } else {
            autograd
        };
        rows.push(row(
            ROW_GRAD_INPUT,
            // "scale": the row above, by its name in the page's language.
            &format!(
                "∂L/∂x<sub>i</sub> = {} · (∂L/∂x̂<sub>i</sub> − mean(∂L/∂x̂) − x̂<sub>i</sub> · mean(∂L/∂x̂ · x̂))",
                pick(script, ROW_SCALE)
            ),
            format!(
                "{} · ({} {} {} · {})",
                num(view.inv_std as f64),
                figures(s.grad_x_hat, n),
                minus_figures(s.mean_grad_x_hat, n),
                minus_figures(x_hat, n),
                paren_figures(s.mean_grad_x_hat_x_hat, n)
            ),
            s.grad_input as f64,
            note,
            script,
        ));
    } else {
        rows.push(row(
            ROW_GRAD_INPUT,
            "∂L/∂x<sub>i</sub> = γ · ∂L/∂y<sub>i</sub> / √(running_var + eps)",
            format!(
                "{gamma_text} · {} / √({} + {})",
                paren(s.grad_output as f64),
                num(view.var as f64),
                py_float(view.eps)
            ),
            s.grad_input as f64,
            format!(
                "{autograd}{}{}",
                pick(script, Text::new("; ", "；", "；")),
                pick(script, NOTE_EVAL_NOTHING_COUPLED)
            ),
            script,
        ));
    }
    if let (Some(dg), Some(db)) = (view.grad_gamma, view.grad_beta) {
        rows.push(row(
            ROW_GRAD_GAMMA,
            "∂L/∂γ = Σ ∂L/∂y · x̂",
            String::new(), // a sum over the batch: no number of its own to show
            dg as f64,
            pick(script, NOTE_SUMS).into(),
            script,
        ));
        rows.push(row(
            ROW_GRAD_BETA,
            "∂L/∂β = Σ ∂L/∂y",
            String::new(), // a sum over the batch: no number of its own to show
            db as f64,
            pick(script, NOTE_SUMS_BIAS).into(),
            script,
        ));
    }
    if let Some(mk) = &view.mistake {
        let (largest, at_sample) = (num(mk.largest), (mk.largest_at / view.shape.l.max(1)).to_string());
        let note = match mk.relative {
            Some(r) => pick_fill(
                script,
                NOTE_MISTAKE,
                &[("f", &f), ("largest", &largest), ("at", &at_sample), ("relative", &num(r))],
            ),
            None => pick_fill(script, NOTE_MISTAKE_ZERO, &[("f", &f), ("largest", &largest), ("at", &at_sample)]),
        };
        rows.push(row(
            ROW_MISTAKE,
            "γ · ∂L/∂y<sub>i</sub> / √(σ²<sub>B</sub> + eps)",
            format!(
                "{gamma_text} · {} / √({} + {})",
                paren(s.grad_output as f64),
                num(view.var as f64),
                py_float(view.eps)
            ),
            s.elementwise,
            note,
            script,
        ));
    }
    if let Some(laws) = &view.laws {
        rows.push(Row {
            id: SUM_ROW,
            ..row(
                ROW_LAW_SUM,
                "Σ<sub>i</sub> ∂L/∂x<sub>i</sub>",
                String::new(), // a sum over the batch: no number of its own to show
                laws.sum_grad_input,
                pick_fill(script, NOTE_LAW_SUM, &[("scale", &num(laws.scale))]),
                script,
            )
        });
        rows.push(row(
            ROW_LAW_SCALE,
            "Σ<sub>i</sub> x̂<sub>i</sub> · ∂L/∂x<sub>i</sub>",
            String::new(), // a sum over the batch: no number of its own to show
            laws.sum_x_hat_grad_input,
            pick_fill(script, NOTE_LAW_SCALE, &[("expected", &num(laws.eps_term))]),
            script,
        ));
    } else if !view.used_batch_stats {
        // Eval mode with running statistics: law 1 no longer holds, and lesson 9 asks whether it
        // does; the sum is shown, not 0.
        let sum: f64 = view.feature_grad_input.iter().map(|&g| g as f64).sum();
        rows.push(Row {
            id: SUM_ROW,
            ..row(
                ROW_EVAL_SUM,
                "Σ<sub>i</sub> ∂L/∂x<sub>i</sub>",
                String::new(),
                sum,
                pick(script, NOTE_EVAL_SUM).into(),
                script,
            )
        });
    }
    html.push_str(&table(&rows, script));
    let paragraph = if view.used_batch_stats { MISTAKE_PARAGRAPH } else { EVAL_PARAGRAPH };
    html.push_str(&format!("<p class=\"note\">{}</p>", pick(script, paragraph)));
    if view.used_batch_stats && matches!(view.upstream, Some(UpstreamGradient::PullToTarget { .. })) {
        html.push_str(&format!("<p class=\"note\">{}</p>", pick_fill(script, PULL_PARAGRAPH, &[("f", &f)])));
    } else if view.used_batch_stats && m == 2 {
        html.push_str(&format!("<p class=\"note\">{}</p>", pick_fill(script, TWO_PARAGRAPH, &[("f", &f)])));
    }
    html
}

const COUPLED: Text = Text::new(
    "Raise ∂L/∂y[{at}] by 1: in {mode} mode ∂L/∂x moves at {moved} of the {m} values of feature {f} — this sample's by {own}, the others' by {lo} to {hi}.",
    "把 ∂L/∂y[{at}] 加 1：在{mode}下，特徵 {f} 的 {m} 個值中有 {moved} 個的 ∂L/∂x 會動——這個樣本的動了 {own}，其他的動了 {lo} 到 {hi}。",
    "把 ∂L/∂y[{at}] 加 1：在{mode}下，特征 {f} 的 {m} 个值中有 {moved} 个的 ∂L/∂x 会变——这个样本的变了 {own}，其他的变了 {lo} 到 {hi}。",
);
/// [`COUPLED`] when the others moved alike: one other value, or all by one number.
const COUPLED_ALIKE: [Text; 2] = [
    Text::new(
        "Raise ∂L/∂y[{at}] by 1: in {mode} mode ∂L/∂x moves at {moved} of the {m} values of feature {f} — this sample's by {own}, the other one's by {lo}.",
        "把 ∂L/∂y[{at}] 加 1：在{mode}下，特徵 {f} 的 {m} 個值中有 {moved} 個的 ∂L/∂x 會動——這個樣本的動了 {own}，另一個的動了 {lo}。",
        "把 ∂L/∂y[{at}] 加 1：在{mode}下，特征 {f} 的 {m} 个值中有 {moved} 个的 ∂L/∂x 会变——这个样本的变了 {own}，另一个的变了 {lo}。",
    ),
    Text::new(
        "Raise ∂L/∂y[{at}] by 1: in {mode} mode ∂L/∂x moves at {moved} of the {m} values of feature {f} — this sample's by {own}, the others' each by {lo}.",
        "把 ∂L/∂y[{at}] 加 1：在{mode}下，特徵 {f} 的 {m} 個值中有 {moved} 個的 ∂L/∂x 會動——這個樣本的動了 {own}，其他的各動了 {lo}。",
        "把 ∂L/∂y[{at}] 加 1：在{mode}下，特征 {f} 的 {m} 个值中有 {moved} 个的 ∂L/∂x 会变——这个样本的变了 {own}，其他的各变了 {lo}。",
    ),
];
const ALONE: Text = Text::new(
    "Raise ∂L/∂y[{at}] by 1: in {mode} mode only this value's ∂L/∂x moves, by {own} = γ/√(running_var + eps) with running_var = {rv}, {which}",
    "把 ∂L/∂y[{at}] 加 1：在{mode}下只有這個值的 ∂L/∂x 會動，動了 {own} = γ/√(running_var + eps)，其中 running_var = {rv}，{which}",
    "把 ∂L/∂y[{at}] 加 1：在{mode}下只有这个值的 ∂L/∂x 会变，变了 {own} = γ/√(running_var + eps)，其中 running_var = {rv}，{which}",
);
/// Which running_var [`ALONE`] divides by: after a train pass, the one this step began with (its
/// update came after the pass); after an eval pass, the one now.
const RUNNING_VAR_BEFORE: Text = Text::new(
    "its value as this step began (an eval pass in its place would not have updated it)",
    "是這一步開始時的值（若這一步改用評估模式，就不會更新它）",
    "是这一步开始时的值（若这一步改用评估模式，就不会更新它）",
);
/// [`RUNNING_VAR_BEFORE`] with the value the step then moved it to, which the status line
/// shows (review40: "running_var = 1" here beside the status line's 1.147 read as two answers).
const RUNNING_VAR_BEFORE_AFTER: Text = Text::new(
    "its value as this step began, before the step's update to {after} that the status line shows (an eval pass in its place would not have updated it)",
    "是這一步開始時的值，在這一步把它更新成狀態列顯示的 {after} 之前（若這一步改用評估模式，就不會更新它）",
    "是这一步开始时的值，在这一步把它更新为状态栏显示的 {after} 之前（若这一步改用评估模式，就不会更新它）",
);
const RUNNING_VAR_NOW: Text = Text::new(
    "its value now, after step {k} (an eval pass does not update it)",
    "是現在（第 {k} 步之後）的值（評估模式不會更新它）",
    "是现在（第 {k} 步之后）的值（评估模式不会更新它）",
);
/// The end of [`ALONE`]: the feature's other values, none, one or more.
const OTHERS: [Text; 3] = [
    Text::new(": it is the feature's only value.", "：它是這個特徵唯一的值。", "：它是该特征唯一的值。"),
    Text::new("; the other one stays put.", "；另一個不動。", "；另一个不变。"),
    Text::new("; the other {others} stay put.", "；其他 {others} 個不動。", "；其他 {others} 个不变。"),
];
const REFUSED_MODE: Text = Text::new(
    "In {mode} mode this batch is refused, so there is no gradient to compare.",
    "在{mode}下這個批次會被拒絕，所以沒有梯度可以比較。",
    "在{mode}下这个批量会被拒绝，所以没有梯度可以比较。",
);
const MODE_NAMES: [Text; 2] = [Text::new("train", "訓練模式", "训练模式"), Text::new("eval", "評估模式", "评估模式")];

/// The coupling demo in two sentences (train, then eval), as HTML paragraphs.
pub fn coupling_html(coupling: &Coupling, shape: &BatchShape, script: Lang) -> String {
    let at = if shape.has_length {
        format!("{}, {}, 0", coupling.sample, coupling.feature)
    } else {
        format!("{}, {}", coupling.sample, coupling.feature)
    };
    let own_index = coupling.sample * shape.l.max(1);
    let mut html = String::new();
    for (mode, name) in [&coupling.train, &coupling.eval].into_iter().zip(MODE_NAMES) {
        let mode_name = pick(script, name);
        let text = match mode {
            None => pick_fill(script, REFUSED_MODE, &[("mode", mode_name)]),
            Some(c) => {
                let own = c.moves.get(own_index).map_or(f64::NAN, |&v| v as f64);
                let others: Vec<f64> =
                    c.moves.iter().enumerate().filter(|&(k, _)| k != own_index).map(|(_, &v)| v as f64).collect();
                if c.used_batch_stats && !others.is_empty() {
                    let lo = others.iter().copied().fold(f64::INFINITY, f64::min);
                    let hi = others.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    // "by -2.023e-6 to -2.023e-6" said one number as a range.
                    let text = if num(lo) != num(hi) { COUPLED } else { COUPLED_ALIKE[usize::from(others.len() > 1)] };
                    pick_fill(
                        script,
                        text,
                        &[
                            ("at", &at),
                            ("mode", mode_name),
                            ("moved", &c.moved.to_string()),
                            ("m", &c.moves.len().to_string()),
                            ("f", &coupling.feature.to_string()),
                            ("own", &num(own)),
                            ("lo", &num(lo)),
                            ("hi", &num(hi)),
                        ],
                    )
                } else {
                    let which = match coupling.eval_after_step {
                        Some(k) => pick_fill(script, RUNNING_VAR_NOW, &[("k", &k.to_string())]),
                        None => match coupling.running_var_after {
                            Some(after) if Some(after) != coupling.running_var => {
                                pick_fill(script, RUNNING_VAR_BEFORE_AFTER, &[("after", &num(after as f64))])
                            }
                            _ => pick(script, RUNNING_VAR_BEFORE).to_string(),
                        },
                    };
                    let count = others.len().to_string();
                    let rest = pick_fill(script, OTHERS[others.len().min(2)], &[("others", &count)]);
                    let rv = coupling.running_var.map_or("—".into(), |v| num(v as f64));
                    let sentence = pick_fill(
                        script,
                        ALONE,
                        &[("at", &at), ("mode", mode_name), ("own", &num(own)), ("rv", &rv), ("which", &which)],
                    );
                    sentence + &rest
                }
            }
        };
        // The module's own texts (tags on purpose) and numbers: nothing a user typed.
        html.push_str(&format!("<p class=\"coupling\">{text}</p>"));
    }
    html
}

/// A refusal (no pass to go back through) as a paragraph, escaped.
pub fn refusal_html(error: &BnError, script: Lang) -> String {
    const NO_GRADIENT: Text = Text::new(
        "No gradient: this step has no forward pass to go back through.",
        "沒有梯度：這一步沒有可以反向傳播的前向計算。",
        "没有梯度：这一步没有可以反向传播的前向计算。",
    );
    let said = [pick(script, NO_GRADIENT).to_string(), escape(&crate::i18n::error_message(error, script))];
    format!("<p class=\"error\">{}</p>", crate::i18n::sentences(&said))
}

// ---------------------------------------------------------------------------------------------
// Inference: BatchNorm folded into the Linear layer before it (the Train view)
// ---------------------------------------------------------------------------------------------

// The Linear's bias is b₀, as lesson 10 writes it: the panel's title calls BatchNorm's own
// shift b (y = a·x + b). Short column names (at 1280×720 in presenter mode the formulas in them broke each header into
// six lines); the formulas are the key under the table, which every reader sees (a touch screen
// and a projector show no tooltip).
const FOLD_HEAD: Text = Text::new(
    "<th>unit</th><th>γ</th><th>β</th><th>running_mean</th><th>running_var</th><th>scale</th><th>W[o][0…]</th><th>W′[o][0…]</th><th>b₀</th><th>b′</th>",
    "<th>單元</th><th>γ</th><th>β</th><th>running_mean</th><th>running_var</th><th>縮放</th><th>W[o][0…]</th><th>W′[o][0…]</th><th>b₀</th><th>b′</th>",
    "<th>单元</th><th>γ</th><th>β</th><th>running_mean</th><th>running_var</th><th>缩放系数</th><th>W[o][0…]</th><th>W′[o][0…]</th><th>b₀</th><th>b′</th>",
);
/// The columns' formulas, under the table.
const FOLD_KEY: Text = Text::new(
    "scale = γ/√(running_var + eps); W[o][0…]: the first weights of unit o's row of the Linear's W; W′ = scale · W; b₀: the Linear's bias; b′ = scale · (b₀ − running_mean) + β",
    "縮放 = γ/√(running_var + eps)；W[o][0…]：Linear 的 W 中單元 o 那一列的前幾個權重；W′ = 縮放 · W；b₀：Linear 的偏差；b′ = 縮放 · (b₀ − running_mean) + β",
    "缩放系数 = γ/√(running_var + eps)；W[o][0…]：Linear 的 W 中单元 o 那一行的前几个权重；W′ = 缩放系数 · W；b₀：Linear 的偏置；b′ = 缩放系数 · (b₀ − running_mean) + β",
);
const FOLD_LEAD: Text = Text::new(
    "In eval mode BatchNorm1d is a fixed scale and shift per feature, so it can be multiplied into the Linear layer before it: <code>Linear(64, 128) → BatchNorm1d(128) → ReLU → Linear(128, 10)</code> becomes <code>Linear(64, 128) → ReLU → Linear(128, 10)</code> — one layer fewer at inference ({before} → {after}).",
    "在評估模式下，BatchNorm1d 對每個特徵只是固定的縮放與平移，所以可以乘進它前面的 Linear 層：<code>Linear(64, 128) → BatchNorm1d(128) → ReLU → Linear(128, 10)</code> 變成 <code>Linear(64, 128) → ReLU → Linear(128, 10)</code>——推論時少一層（{before} → {after}）。",
    "在评估模式下，BatchNorm1d 对每个特征只是固定的缩放和平移，所以可以乘进它前面的 Linear 层：<code>Linear(64, 128) → BatchNorm1d(128) → ReLU → Linear(128, 10)</code> 变成 <code>Linear(64, 128) → ReLU → Linear(128, 10)</code>——推理时少一层（{before} → {after}）。",
);
const FOLD_DIFFERENCE: Text = Text::new(
    "On the {n} test digits, the folded model's outputs differ from <code>model.eval()</code>'s by at most {d}: float32 rounding, the same model.",
    "在 {n} 張測試數字上，折疊後模型的輸出和 <code>model.eval()</code> 的最多相差 {d}：這是 float32 的捨入誤差，是同一個模型。",
    "在 {n} 张测试数字上，折叠后模型的输出和 <code>model.eval()</code> 的最多相差 {d}：这是 float32 的舍入误差，是同一个模型。",
);
const FOLD_TRAIN: Text = Text::new(
    "Only in eval mode: in train mode the batch statistics depend on the batch, so there is nothing fixed to fold.",
    "只能在評估模式下：訓練模式的批次統計依賴於批次本身，沒有固定的東西可以折疊。",
    "只能在评估模式下：训练模式的批量统计量依赖于批量本身，没有固定的东西可以折叠。",
);

/// Why the model cannot be folded, in the three languages: one exhaustive match, so a new
/// reason does not compile until it has its words.
fn fold_refused(error: &crate::core::fold::FoldError) -> Text {
    use crate::core::fold::FoldError;
    match error {
        FoldError::TrainMode => Text::new(
            "Folding is impossible in train mode: the batch statistics depend on the batch, so there is no fixed scale and shift to fold. Call <code>model.eval()</code> first.",
            "訓練模式下無法折疊：批次統計依賴於批次本身，沒有固定的縮放與平移可以折疊。請先呼叫 <code>model.eval()</code>。",
            "训练模式下无法折叠：批量统计量依赖于批量本身，没有固定的缩放和平移可以折叠。请先调用 <code>model.eval()</code>。",
        ),
        FoldError::NoRunningStats => Text::new(
            "Nothing fixed to fold: without running statistics (track_running_stats=False) BatchNorm normalizes every batch with its own statistics, even in eval mode.",
            "沒有固定的東西可以折疊：沒有移動統計（track_running_stats=False）時，即使在評估模式，BatchNorm 也用每個批次自己的統計正規化。",
            "没有固定的东西可以折叠：没有运行统计量（track_running_stats=False）时，即使在评估模式，BatchNorm 也用每个批量自己的统计量归一化。",
        ),
        FoldError::NoBatchNorm => Text::new(
            "This model has no BatchNorm1d to fold.",
            "這個模型沒有 BatchNorm1d 可以折疊。",
            "这个模型没有 BatchNorm1d 可以折叠。",
        ),
        FoldError::SizeMismatch { .. } => Text::new(
            "The Linear layer's outputs are not the BatchNorm1d's features: they must be the same to fold.",
            "Linear 層的輸出數不等於 BatchNorm1d 的特徵數：兩者相同才能折疊。",
            "Linear 层的输出数不等于 BatchNorm1d 的特征数：两者相同才能折叠。",
        ),
        FoldError::NotTutorialModel => Text::new(
            "Folding is shown for the tutorial's kind of model (Linear, BatchNorm1d, ReLU, Linear).",
            "折疊只針對教學的那種模型（Linear、BatchNorm1d、ReLU、Linear）示範。",
            "折叠只针对教程中的那种模型（Linear、BatchNorm1d、ReLU、Linear）演示。",
        ),
    }
}

/// Why the model cannot be folded, in the student's words (markup included, as in the panel).
pub fn fold_refused_words(error: &crate::core::fold::FoldError, script: Lang) -> &'static str {
    pick(script, fold_refused(error))
}

/// "0.1, −0.2, …" for a few weights.
fn weights_text(values: &[f32]) -> String {
    let items: Vec<String> = values.iter().map(|&v| num(v as f64)).collect();
    format!("{}, …", items.join(", "))
}

/// The Train view's folding panel: the sentence, a few rows of W′ and b′, and the difference.
pub fn fold_html(view: &crate::core::fold::FoldView, script: Lang) -> String {
    let mut html = format!(
        "<p>{}</p>",
        pick_fill(
            script,
            FOLD_LEAD,
            &[("before", &view.layers_before.to_string()), ("after", &view.layers_after.to_string())]
        )
    );
    // Each cell names its column (data-label): on a narrow screen the rows are drawn as cards, a
    // value under its column's name (the ten columns were 971 px wide, cut on a phone and at 1280).
    let head = pick(script, FOLD_HEAD);
    let names: Vec<String> =
        head.trim_start_matches("<th>").trim_end_matches("</th>").split("</th><th>").map(escape).collect();
    html.push_str("<table class=\"fold\" role=\"table\"><thead role=\"rowgroup\"><tr role=\"row\">");
    for name in &names {
        // "running_mean" may break after its "_" (at most 48em wide: the page's cards start there).
        html.push_str(&format!("<th role=\"columnheader\">{}</th>", name.replace('_', "_<wbr>")));
    }
    html.push_str("</tr></thead><tbody role=\"rowgroup\">");
    let label = |k: usize| names.get(k).map_or("", String::as_str);
    for r in &view.rows {
        let values = [
            num(r.gamma as f64),
            num(r.beta as f64),
            num(r.running_mean as f64),
            num(r.running_var as f64),
            num(r.scale as f64),
            weights_text(&r.weight),
            weights_text(&r.folded_weight),
            num(r.bias as f64),
            num(r.folded_bias as f64),
        ];
        let mut row = format!(
            "<tr role=\"row\"><th scope=\"row\" role=\"rowheader\" data-label=\"{}\">{}</th>",
            label(0),
            r.unit
        );
        for (k, value) in values.iter().enumerate() {
            row.push_str(&format!("<td role=\"cell\" data-label=\"{}\">{value}</td>", label(k + 1)));
        }
        row.push_str("</tr>");
        // Each number on one line ("-6.588e-⏎4" read as two at 1280 px).
        html.push_str(&crate::numbers::unbroken(&row));
    }
    html.push_str("</tbody></table>");
    html.push_str(&format!("<p class=\"fold-key\">{}</p>", pick(script, FOLD_KEY)));
    if let Some(d) = view.largest_difference {
        let values = [("n", view.images.to_string()), ("d", num(d as f64))];
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        html.push_str(&format!("<p>{}</p>", pick_fill(script, FOLD_DIFFERENCE, &values)));
    }
    html.push_str(&format!("<p class=\"note\">{}</p>", pick(script, FOLD_TRAIN)));
    html
}

/// Why the model cannot be folded, in the student's words (and PyTorch's, where it raises).
pub fn fold_error_html(error: &crate::core::fold::FoldError, script: Lang) -> String {
    let words = pick(script, fold_refused(error));
    let mut html = format!("<div class=\"error\" role=\"alert\"><p>{words}</p>");
    if let Some(py) = error.pytorch_message() {
        html.push_str(&format!("<p><code>fuse_linear_bn_eval</code>: <code>{}</code></p>", escape(&py)));
    }
    html.push_str("</div>");
    html
}

#[cfg(test)]
mod tests {
    /// Random weights made a few rows at a time are the bits made at once (the gradient files
    /// read back the same), and [`random_weights`] hands them on.
    #[test]
    fn weights_made_in_pieces_are_the_weights_made_at_once() {
        for (n, c, l, seed) in [(7, 3, 1, 3), (300, 100, 2, 9), (2, 20_000, 1, 0)] {
            let shape = if l == 1 { BatchShape::nc(n, c) } else { BatchShape::ncl(n, c, l) };
            let at_once = weights_generator(&shape, seed).batch(WEIGHTS_BATCH, n, l);
            let mut maker = WeightsMaker::new(&shape, seed);
            let mut pieces = 1;
            while !maker.advance(&mut || false) {
                pieces += 1;
            }
            assert!(weights_made(&shape, seed) && (pieces > 1) == (n * c * l > 16 * 1024), "{pieces}");
            assert_eq!(random_weights(&shape, seed), at_once);
            assert!(!weights_made(&shape, seed + 1));
        }
    }

    use super::*;
    use crate::lab::Settings;

    fn lab(settings: Settings) -> Lab {
        Lab::new(settings).expect("valid settings")
    }

    /// Each cell of the fold table names its column, as its header does (a narrow screen draws
    /// each row as a card, a value under its column's name), in every language.
    #[test]
    fn every_fold_cell_names_its_column() {
        let row = crate::core::fold::FoldRow {
            unit: 3,
            gamma: 1.5,
            beta: 0.25,
            running_mean: -0.5,
            running_var: 2.0,
            scale: 1.06,
            weight: vec![0.1, -0.2],
            folded_weight: vec![0.106, -0.212],
            bias: 0.0,
            folded_bias: 0.78,
        };
        let view = crate::core::fold::FoldView {
            eps: 1e-5,
            rows: vec![row],
            inputs: 2,
            images: 10,
            largest_difference: Some(1e-6),
            layers_before: 4,
            layers_after: 3,
        };
        for lang in Lang::ALL {
            let html = fold_html(&view, lang);
            let heads: Vec<&str> =
                html.split("<th role=\"columnheader\">").skip(1).map(|h| &h[..h.find("</th>").unwrap()]).collect();
            let labels: Vec<&str> = html.split("data-label=\"").skip(1).map(|l| &l[..l.find('"').unwrap()]).collect();
            assert_eq!(heads.len(), 10, "{html}");
            let heads: Vec<String> = heads.iter().map(|h| h.replace("<wbr>", "")).collect();
            assert_eq!(labels, heads, "{html}");
            assert!(html.contains("data-label=\"γ\">1.5</td>"), "{html}");
            // Short column names (formulas in them broke each header into six lines at 1280×720),
            // the formulas in the key under the table.
            assert!(heads.iter().all(|h| !h.contains('=') && h.chars().count() <= 12), "{heads:?}");
            assert!(html.contains("<p class=\"fold-key\">") && html.contains("(b₀ − running_mean) + β</p>"), "{html}");
        }
    }

    #[test]
    fn every_text_has_three_scripts() {
        let all = [
            TRAIN_SENTENCE,
            EVAL_SENTENCE,
            EVAL_BATCH_SENTENCE,
            LOSS_ONE,
            LOSS_PULL,
            LOSS_RANDOM,
            NOTE_MISTAKE,
            NOTE_LAW_SUM,
            NOTE_LAW_SCALE,
            PULL_PARAGRAPH,
            MISTAKE_PARAGRAPH,
            EVAL_PARAGRAPH,
            COUPLED,
            ALONE,
            RUNNING_VAR_BEFORE,
            RUNNING_VAR_BEFORE_AFTER,
            RUNNING_VAR_NOW,
            OTHERS[0],
            OTHERS[1],
            OTHERS[2],
            NOTE_EVAL_NOTHING_COUPLED,
            NOTE_MISTAKE_ZERO,
            NOTE_EVAL_SUM,
            ROW_EVAL_SUM,
            TWO_PARAGRAPH,
            COUPLED_ALIKE[0],
            COUPLED_ALIKE[1],
        ];
        for tri in all {
            assert!(!tri.en.is_empty() && !tri.hant.is_empty() && !tri.hans.is_empty());
            assert_ne!(tri.hant, tri.hans, "Simplified differs from Traditional: {}", tri.en);
            // One sample is 樣本 / 样本 (it was 資料, data, in Traditional).
            assert_eq!(tri.hant.matches("樣本").count(), tri.hans.matches("样本").count(), "{}", tri.hant);
        }
    }

    #[test]
    fn one_output_is_one_hot_and_pull_touches_one_feature() {
        let trace = {
            let mut bn = BatchNorm1d::new(crate::core::BatchNormConfig::new(3)).unwrap();
            bn.forward(&[1.0, 2.0, 3.0, 4.0, 5.0, 7.0], &[2, 3]).unwrap()
        };
        let g = grad_output(&UpstreamGradient::OneOutput, &trace.output, &trace.shape, 1, 1).unwrap();
        assert_eq!(g, vec![0.0, 0.0, 0.0, 0.0, 1.0, 0.0]);
        let g =
            grad_output(&UpstreamGradient::PullToTarget { target: 0.5 }, &trace.output, &trace.shape, 2, 0).unwrap();
        assert_eq!(g[0], 0.0);
        assert_eq!(g[2], trace.output[2] - 0.5);
        let a = grad_output(&UpstreamGradient::RandomWeights { seed: 3 }, &trace.output, &trace.shape, 0, 0).unwrap();
        let b = grad_output(&UpstreamGradient::RandomWeights { seed: 3 }, &trace.output, &trace.shape, 2, 1).unwrap();
        assert_eq!(a, b, "the weights depend on the seed only");
        assert!(grad_output(&UpstreamGradient::OneOutput, &trace.output, &trace.shape, 3, 0).is_err());
        assert!(grad_output(&UpstreamGradient::OneOutput, &trace.output, &trace.shape, 0, 2).is_err());
    }

    /// Pulled toward 0, ∂L/∂y = y = x̂ and the formula's terms cancel to eps's share:
    /// "0.6459 · (1.899 − 7.136e-8 − 1.899 · 1)" read as 0 (or −5e-8) for 4.998e-6 (review29).
    /// The terms are printed with the figures their difference takes, and the note says why.
    #[test]
    fn terms_that_cancel_are_printed_with_the_figures_they_take() {
        let lab = lab(Settings::default());
        let view = BackwardView::from_lab(&lab, &UpstreamGradient::PullToTarget { target: 0.0 }).unwrap();
        let s = &view.step;
        let x_hat = s.x_hat as f64;
        let read_back = |n: usize| {
            let v = |x: f64| figures(x, n).parse::<f64>().unwrap();
            v(view.inv_std as f64) * (v(s.grad_x_hat) - v(s.mean_grad_x_hat) - v(x_hat) * v(s.mean_grad_x_hat_x_hat))
        };
        let n =
            cancelling_figures(s.grad_x_hat.abs(), s.grad_x_hat - s.mean_grad_x_hat - x_hat * s.mean_grad_x_hat_x_hat);
        assert!(n > 4, "no cancelling here: {s:?}");
        let exact = s.grad_input_formula;
        assert!((read_back(4) - exact).abs() > 0.5 * exact.abs(), "four figures would do: {} vs {exact}", read_back(4));
        assert!((read_back(n) - exact).abs() < 0.01 * exact.abs(), "{n} figures: {} vs {exact}", read_back(n));
        for lang in Lang::ALL {
            let html = step_by_step(&view, lang);
            assert!(html.contains(&format!("{} · ({}", num(view.inv_std as f64), figures(s.grad_x_hat, n))), "{html}");
            assert!(html.contains(pick(lang, NOTE_CANCEL)), "{html}");
        }
        // Where nothing cancels, four figures and no such note.
        let view = BackwardView::from_lab(&lab, &UpstreamGradient::RandomWeights { seed: 1 }).unwrap();
        let html = step_by_step(&view, Lang::En);
        assert!(
            !html.contains("nearly cancel") && html.contains(&format!("· ({} ", num(view.step.grad_x_hat))),
            "{html}"
        );
    }

    #[test]
    fn the_table_speaks_three_scripts() {
        let lab = lab(Settings { batch_size: 8, ..Settings::default() });
        let view = BackwardView::from_lab(&lab, &UpstreamGradient::RandomWeights { seed: 1 }).unwrap();
        let en = step_by_step(&view, Lang::En);
        assert!(en.contains("train mode") && en.contains("law 1") && en.contains("were constants"), "{en}");
        assert!(step_by_step(&view, Lang::ZhHant).contains("變異數"));
        let hans = step_by_step(&view, Lang::ZhHans);
        assert!(hans.contains("梯度") && hans.contains("批量") && hans.contains("方差"), "{hans}");
        // The formula names the scale row as the row does, and as the forward panel does (it
        // read "= scale ·" in both Chinese scripts).
        for lang in [Lang::ZhHant, Lang::ZhHans] {
            let html = step_by_step(&view, lang);
            let name = crate::i18n::t(lang, "scale");
            assert_eq!(name, pick(lang, ROW_SCALE), "{lang:?}: the forward and backward panels' word");
            assert!(!html.contains("scale") && html.contains(&format!("= {name} · (")), "{lang:?}: {html}");
        }
    }

    /// Two values per feature: x̂ = ±1 up to eps whatever they are, so ∂L/∂x is what eps leaves
    /// (review21: "‖wrong − right‖ / ‖right‖ = 5.051e5" and nothing said why); the table says so
    /// with the exact formula, which the computed gradient meets, and one other value is one number.
    #[test]
    fn a_batch_of_two_says_why_its_gradient_is_about_zero() {
        let lab = lab(Settings { batch_size: 2, ..Settings::default() });
        let view = BackwardView::from_lab(&lab, &UpstreamGradient::RandomWeights { seed: 1 }).unwrap();
        for lang in Lang::ALL {
            assert!(step_by_step(&view, lang).contains(&pick_fill(lang, TWO_PARAGRAPH, &[("f", "0")])), "{lang:?}");
        }
        let (g, x) = (&view.feature_grad_output, lab.batch());
        let (c, f) = (lab.settings().layer.num_features, lab.settings().feature);
        let (x1, x2, g1, g2) = (x[f] as f64, x[c + f] as f64, g[0] as f64, g[1] as f64);
        let var = ((x1 - x2) / 2.0).powi(2);
        let eps = 1e-5;
        let exact = (g1 - g2) / 2.0 * eps / (var + eps) / (var + eps).sqrt(); // γ = 1
        let got = view.feature_grad_input[0] as f64;
        // float32's x̂ rounds what eps leaves by a few %: the same size, not the same digits.
        assert!(exact.abs() > 1e-9 && (got - exact).abs() <= 0.1 * exact.abs(), "{got} against {exact}");
        let c = coupling_from_lab(&lab).unwrap();
        let html = coupling_html(&c, &lab.trace().unwrap().shape, Lang::En);
        let train = html.split("</p>").next().unwrap_or_default();
        assert!(train.contains("the other one's by") && !train.contains(" to "), "{html}");
    }

    /// Lesson 9 asks in eval mode whether ∂L/∂x still sums to 0: the table shows the sum (law 1's
    /// row is train mode's and was gone), γ/√(running_var + eps)·Σ ∂L/∂y.
    #[test]
    fn eval_mode_shows_the_sum_lesson_9_asks_about() {
        let mut lab = lab(Settings { batch_size: 8, ..Settings::default() });
        lab.set_training(false);
        lab.step();
        let view = BackwardView::from_lab(&lab, &UpstreamGradient::RandomWeights { seed: 1 }).unwrap();
        assert!(!view.used_batch_stats && view.laws.is_none());
        let sum: f64 =
            view.feature_grad_output.iter().map(|&g| g as f64).sum::<f64>() * view.gamma as f64 * view.inv_std as f64;
        for lang in Lang::ALL {
            let html = step_by_step(&view, lang);
            assert!(html.contains(pick(lang, ROW_EVAL_SUM)) && html.contains(pick(lang, NOTE_EVAL_SUM)), "{lang:?}");
        }
        let shown: f64 = view.feature_grad_input.iter().map(|&g| g as f64).sum();
        assert!(sum.abs() > 1e-3 && (shown - sum).abs() <= 1e-5 * sum.abs().max(1.0), "{shown} against {sum}");
    }

    #[test]
    fn a_refused_step_has_no_view() {
        let mut lab = lab(Settings::default());
        lab.set_batch_size(1).unwrap();
        let err = BackwardView::from_lab(&lab, &UpstreamGradient::OneOutput).unwrap_err();
        assert!(matches!(err, BnError::OneValuePerFeature { .. }));
        assert!(refusal_html(&err, Lang::En).contains("No gradient"));
        assert!(refusal_html(&err, Lang::En).contains("go back through. "));
        // Chinese sentences join without a space after "。".
        for lang in [Lang::ZhHant, Lang::ZhHans] {
            assert!(!refusal_html(&err, lang).contains("。 "), "{}", refusal_html(&err, lang));
        }
    }

    #[test]
    fn coupling_moves_every_value_in_train_mode_and_one_in_eval() {
        let lab = lab(Settings { batch_size: 6, ..Settings::default() });
        let c = coupling_from_lab(&lab).unwrap();
        assert_eq!(c.train.as_ref().unwrap().moved, 6);
        assert_eq!(c.eval.as_ref().unwrap().moved, 1);
        let shape = lab.trace().unwrap().shape;
        let html = coupling_html(&c, &shape, Lang::En);
        assert!(html.contains("6 of the 6 values") && html.contains("only this value"), "{html}");
        // The eval sentence names the running_var it divides by: the state before this step's
        // update (after the step the status line shows another), and its number checks out.
        let mut lab = lab;
        lab.step();
        let c = coupling_from_lab(&lab).unwrap();
        let f = lab.settings().feature;
        let before = lab.layer_before().running().unwrap().var[f];
        assert_ne!(before, lab.layer().running().unwrap().var[f]);
        let html = coupling_html(&c, &shape, Lang::En);
        let after = lab.layer().running().unwrap().var[f];
        assert!(
            html.contains(&format!(
                "with running_var = {}, its value as this step began, before the step's update to {} that the status line shows",
                num(before as f64),
                num(after as f64)
            )),
            "{html}"
        );
        let own = c.eval.as_ref().unwrap().moves[c.sample] as f64;
        assert!((own - 1.0 / (before as f64 + 1e-5).sqrt()).abs() < 1e-5, "{own} vs running_var {before}");
        // In eval mode the pass shown is of the state now, after this step's update: the sentence
        // names that running_var (it said "as this step began" of it too, beside another number).
        lab.set_training(false);
        let c = coupling_from_lab(&lab).unwrap();
        let now = lab.layer().running().unwrap().var[f];
        let html = coupling_html(&c, &shape, Lang::En);
        assert!(
            html.contains(&format!("with running_var = {}, its value now, after step 2", num(now as f64)))
                && !html.contains("as this step began"),
            "{html}"
        );
        let own = c.eval.as_ref().unwrap().moves[c.sample] as f64;
        assert!((own - 1.0 / (now as f64 + 1e-5).sqrt()).abs() < 1e-5, "{own} vs running_var {now}");
    }

    /// The eval sentence counts the feature's other values in words that fit 0, 1 and more ("the
    /// other 0 stay put" at N = 1).
    #[test]
    fn the_other_values_are_counted_in_good_grammar() {
        for (n, words) in
            [(1, "the feature's only value."), (2, "the other one stays put."), (3, "the other 2 stay put.")]
        {
            let mut lab = lab(Settings { batch_size: 3, ..Settings::default() });
            lab.set_training(false);
            lab.set_batch_size(n).unwrap();
            let c = coupling_from_lab(&lab).unwrap();
            let html = coupling_html(&c, &lab.trace().unwrap().shape, Lang::En);
            assert!(html.contains(words) && !html.contains("other 0") && !html.contains("other 1 "), "{n}: {html}");
        }
    }
}
