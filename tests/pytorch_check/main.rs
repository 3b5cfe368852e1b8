//! Writes what the page exports and shows, for a representative set of page states, so that
//! `tests/pytorch_check/run.py` can run it in real PyTorch (`bash .ci/pytorch-check`).
//!
//! Per state, a folder with the exact files the page downloads (bn_state.json, bn_input.csv,
//! bn_output.csv, digits_model_*.json) and the exact code it shows (*.py); `manifest.json` lists
//! the scripts to run; `errors.json` pairs each refusal the page quotes PyTorch for with the
//! PyTorch code that triggers the same situation.
//!
//! Not part of `cargo test` (Cargo.toml: `test = false`). Run:
//! `cargo test --test pytorch_check -- <folder>`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use batchnorm_playground::compare::{self, CompareSettings};
use batchnorm_playground::core::digits::Digits;
use batchnorm_playground::core::net::{Activation, Net, NetSpec, Norm, Sgd};
use batchnorm_playground::core::norms::{GroupNorm, InstanceNorm1d, LayerNorm, DEFAULT_EPS};
use batchnorm_playground::core::Distribution;
use batchnorm_playground::core::{BatchNorm1d, BatchNormConfig, BatchShape, BnError};
use batchnorm_playground::csv::parse_batch;
use batchnorm_playground::csv::parse_digits_csv;
use batchnorm_playground::explain::{self, pytorch_code};
use batchnorm_playground::export;
use batchnorm_playground::i18n::Lang;
use batchnorm_playground::lab::{Lab, Settings};
use batchnorm_playground::lessons::LESSONS;
use batchnorm_playground::trainer::{TrainSettings, TrainState};
use serde_json::{json, Value};

type Checked<T> = Result<T, String>;

fn fail(e: impl std::fmt::Debug) -> String {
    format!("{e:?}")
}

/// The scripts the runner runs, and what each must print.
struct Out {
    root: PathBuf,
    scripts: Vec<Value>,
}

impl Out {
    fn dir(&self, name: &str) -> Checked<PathBuf> {
        let dir = self.root.join(name);
        fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(dir)
    }

    fn write(dir: &Path, file: &str, text: &str) -> Checked<()> {
        fs::write(dir.join(file), text).map_err(|e| format!("{}/{file}: {e}", dir.display()))
    }

    /// `kind`: "difference" (prints the largest difference and whether NaNs agree) or "runs".
    fn script(&mut self, dir: &Path, file: &str, text: &str, kind: &str) -> Checked<()> {
        Out::write(dir, file, text)?;
        let name = dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        self.scripts.push(json!({"dir": name, "script": file, "kind": kind}));
        Ok(())
    }

    /// The main view in this state: the Export files and snippet, and the PyTorch code.
    fn lab(&mut self, name: &str, lab: &Lab) -> Checked<()> {
        if let Some(r) = lab.refusal() {
            return Err(format!("{name}: the last step was refused ({:?})", r.error));
        }
        let trace = lab.trace().ok_or(format!("{name}: no step to export"))?;
        let dir = self.dir(name)?;
        // The same calls as app.rs: state_dict_json, input_csv, output_csv, export_snippet, pytorch_code.
        Out::write(&dir, export::STATE_FILE, &export::state_dict_json(lab.layer()))?;
        Out::write(&dir, export::INPUT_FILE, &export::batch_csv(lab.batch(), &trace.shape))?;
        Out::write(&dir, export::OUTPUT_FILE, &export::batch_csv(&trace.output, &trace.shape))?;
        let shape = BatchShape::from_dims(&lab.settings().dims()).unwrap_or(BatchShape::nc(0, 0));
        let snippet = export::snippet(lab.layer(), &shape, lab.settings().training);
        self.script(&dir, "export_snippet.py", &snippet, "difference")?;
        // The page shows this code with its comments in the page's language: each must run.
        let prints = prints(lab);
        for lang in Lang::ALL {
            let file = format!("pytorch_code_{}.py", lang.code());
            self.script(&dir, &file, &pytorch_code(lab, lang), "prints")?;
            if let Some(entry) = self.scripts.last_mut() {
                entry["prints"] = json!(prints);
            }
        }
        Ok(())
    }

    /// A refused step: the files that still export (the layer, the refused batch) and the
    /// Export snippet, which must reproduce the refusal; the PyTorch code, which must print
    /// PyTorch's words and then the layer as the page's status line has it (a counted
    /// refusal's num_batches_tracked).
    fn refused(&mut self, name: &str, lab: &Lab) -> Checked<()> {
        let refusal = lab.refusal().ok_or(format!("{name}: the last step was not refused"))?;
        let quote = refusal.error.pytorch_message().ok_or(format!("{name}: no quote of PyTorch"))?;
        let dir = self.dir(name)?;
        Out::write(&dir, export::STATE_FILE, &export::state_dict_json(lab.layer()))?;
        Out::write(&dir, export::INPUT_FILE, &export::input_csv(lab))?;
        self.script(&dir, "export_snippet.py", &export::lab_snippet(lab), "refused")?;
        if let Some(entry) = self.scripts.last_mut() {
            entry["quote"] = json!(quote);
            entry["prints"] = json!([]);
        }
        // The Backward panel's snippet: no gradient, PyTorch's words (it was empty).
        for lang in Lang::ALL {
            let snippet = export::grad_lab_snippet(lab, lang).ok_or(format!("{name}: no gradient snippet"))?;
            self.script(&dir, &format!("grad_snippet_{}.py", lang.code()), &snippet, "refused")?;
            if let Some(entry) = self.scripts.last_mut() {
                entry["quote"] = json!(quote);
                entry["prints"] = json!([]);
            }
        }
        let f = lab.settings().feature;
        let status: Vec<f64> = lab
            .layer()
            .running()
            .map_or(Vec::new(), |r| vec![r.mean[f] as f64, r.var[f] as f64, r.num_batches_tracked as f64]);
        for lang in Lang::ALL {
            let file = format!("pytorch_code_{}.py", lang.code());
            self.script(&dir, &file, &pytorch_code(lab, lang), "refused")?;
            if let Some(entry) = self.scripts.last_mut() {
                entry["quote"] = json!(quote);
                entry["prints"] = json!(status);
            }
        }
        Ok(())
    }

    /// The Train view: both models' exports and snippets, and the eval-mode logits of a few
    /// digits for the runner to compare with the loaded model.
    fn models(&mut self, name: &str, models: [&Net; 2], digits: &Digits) -> Checked<()> {
        let dir = self.dir(name)?;
        let indices: Vec<usize> = (0..16).collect();
        let (x, _) = digits.batch(&indices).map_err(fail)?;
        Out::write(&dir, "digits_x.csv", &export::batch_csv(&x, &BatchShape::nc(16, 64)))?;
        // The same calls as the page: net_json (app.rs), train_snippet (frame.rs), whose one
        // snippet loads each file into its own model (model_a, model_b): run once per model.
        for (which, file) in [(0, export::MODEL_A_FILE), (1, export::MODEL_B_FILE)] {
            Out::write(&dir, file, &export::net_json(models[which]))?;
        }
        for lang in Lang::ALL {
            let snippet = export::train_snippet([models[0].spec(), models[1].spec()], lang);
            for (which, file) in [(0, export::MODEL_A_FILE), (1, export::MODEL_B_FILE)] {
                let logits = models[which].clone().eval_logits(&x).map_err(fail)?;
                let logits_file = format!("{}_logits.csv", file.trim_end_matches(".json"));
                Out::write(&dir, &logits_file, &export::batch_csv(&logits, &BatchShape::nc(16, 10)))?;
                let script = format!("model_snippet_{}.py", lang.code());
                self.script(&dir, &script, &snippet, "model")?;
                if let Some(entry) = self.scripts.last_mut() {
                    entry["x"] = json!("digits_x.csv");
                    entry["logits"] = json!(logits_file);
                    entry["model"] = json!(["model_a", "model_b"][which]);
                }
            }
        }
        Ok(())
    }

    fn trainer(&mut self, name: &str, train: &TrainState) -> Checked<()> {
        let trainer = train.trainer.as_ref().ok_or(format!("{name}: no trainer"))?;
        let digits = train.digits.as_ref().ok_or("no digits")?;
        self.models(name, [trainer.model(0), trainer.model(1)], digits)
    }
}

/// What the code under "The same thing in PyTorch" prints, in order, next to the page's
/// numbers: each `{"page", "mean", "sd"}`. `sd` = 0: PyTorch must print the page's number (the
/// running statistics set in the code, num_batches_tracked); `sd` > 0: the number depends on the
/// batch, and the code draws another batch from the page's distribution, so `mean` is what a
/// draw gives on average and `sd` how far one draw strays (the runner compares the average of
/// many runs with `mean`, and the page's own number with `mean` within 5 sd); `sd` null: the
/// page's number depends on its exact batch (own data, values set by hand), not compared.
fn prints(lab: &Lab) -> Vec<Value> {
    let s = lab.settings();
    let f = s.feature;
    let Some(trace) = lab.trace() else { return Vec::new() };
    let shape = trace.shape;
    let m = (shape.n * shape.l) as f64;
    let ys: Vec<f64> = (0..shape.n)
        .flat_map(|i| (0..shape.l).map(move |p| (i, p)))
        .map(|(i, p)| trace.output[shape.index(i, f, p)] as f64)
        .collect();
    let draw = explain::batch_is_a_draw(lab);
    let (loc, v) = (lab.generator().true_mean()[f] as f64, lab.generator().true_var()[f] as f64);
    // Relative spread of one batch's variance: 2/(m − 1) plus the distribution's excess kurtosis / m.
    let kurtosis = match s.data.distribution {
        Distribution::Normal => 0.0,
        Distribution::Uniform => -1.2,
        Distribution::Skewed => 6.0,
        Distribution::Outliers => (0.97 * 3.0 + 0.03 * 3.0 * 8f64.powi(4)) / (0.97 + 0.03 * 64.0f64).powi(2) - 3.0,
    };
    let r = if m > 1.0 { (2.0 / (m - 1.0) + kurtosis / m).max(0.0).sqrt() } else { 0.0 };
    let (gamma, beta) = trace.affine.as_ref().map_or((1.0, 0.0), |a| (a.weight[f] as f64, a.bias[f] as f64));
    let eps = s.layer.eps;
    let before = lab.layer_before().running().cloned();
    let number = |page: f64, mean: f64, sd: Option<f64>| json!({"page": page, "mean": mean, "sd": sd});
    let mut out = Vec::new();
    let sampled = |mean: f64, sd: f64| if draw { Some((mean, sd)) } else { None };
    if ys.len() == 1 {
        // Eval mode with running statistics (a batch of one is refused otherwise).
        let run = before.as_ref();
        let (rm, rv) = run.map_or((0.0, 1.0), |r| (r.mean[f] as f64, r.var[f] as f64));
        let d = (rv + eps).sqrt();
        let e = sampled(gamma * (loc - rm) / d + beta, gamma.abs() * v.sqrt() / d);
        out.push(number(ys[0], e.map_or(0.0, |e| e.0), e.map(|e| e.1)));
    } else {
        let mean_y = ys.iter().sum::<f64>() / m;
        let ss: f64 = ys.iter().map(|y| (y - mean_y).powi(2)).sum();
        let (biased, unbiased) = (ss / m, ss / (m - 1.0));
        let e = if trace.used_batch_stats {
            let g = |s: f64| gamma * gamma * s / (s + eps);
            sampled(g(v * (m - 1.0) / m), (g(v * (1.0 + r)) - g(v * (1.0 - r).max(0.0))) / 2.0)
        } else {
            let rv = before.as_ref().map_or(1.0, |r| r.var[f] as f64);
            sampled(gamma * gamma * v * (m - 1.0) / m / (rv + eps), gamma * gamma * v * r / (rv + eps))
        };
        let k = m / (m - 1.0);
        out.push(number(biased, e.map_or(0.0, |e| e.0), e.map(|e| e.1)));
        out.push(number(unbiased, e.map_or(0.0, |e| e.0 * k), e.map(|e| e.1 * k)));
    }
    if let Some(after) = lab.layer().running() {
        let (rm, rv, k) = (after.mean[f] as f64, after.var[f] as f64, after.num_batches_tracked as f64);
        if trace.training {
            let b = before.unwrap_or_else(|| after.clone());
            let phi = s.layer.momentum.unwrap_or(1.0 / k.max(1.0));
            let em = sampled((1.0 - phi) * b.mean[f] as f64 + phi * loc, phi * v.sqrt() / m.sqrt());
            let ev = sampled((1.0 - phi) * b.var[f] as f64 + phi * v, phi * v * r);
            out.push(number(rm, em.map_or(0.0, |e| e.0), em.map(|e| e.1)));
            out.push(number(rv, ev.map_or(0.0, |e| e.0), ev.map(|e| e.1)));
        } else {
            out.push(number(rm, rm, Some(0.0)));
            out.push(number(rv, rv, Some(0.0)));
        }
        out.push(number(k, k, Some(0.0)));
    }
    out
}

/// Every lesson stage of the main view, as the lesson sets it up (a refused stage's code and
/// Export snippet must reproduce the refusal).
fn lesson_states(out: &mut Out) -> Checked<()> {
    for lesson in LESSONS {
        for (i, stage) in lesson.stages.iter().enumerate() {
            if stage.view != "lab" {
                continue;
            }
            let lab = match Lab::replay((stage.settings)(), stage.actions) {
                Ok(lab) | Err((lab, _)) => lab,
            };
            let name = format!("lesson_{}_{}", lesson.id, i + 1);
            if lab.refusal().is_none() {
                out.lab(&name, &lab)?;
            } else {
                out.refused(&name, &lab)?;
            }
        }
    }
    Ok(())
}

fn steps(lab: &mut Lab, k: usize) {
    (0..k).for_each(|_| lab.step());
}

fn lab_after(settings: Settings, k: usize) -> Checked<Lab> {
    let mut lab = Lab::new(settings).map_err(fail)?;
    steps(&mut lab, k);
    Ok(lab)
}

fn digits() -> Checked<Digits> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/data/digits.csv");
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_digits_csv(&text).map_err(fail)
}

fn trained(digits: &Digits, settings: TrainSettings, k: usize) -> Checked<TrainState> {
    let mut train = TrainState { settings, ..TrainState::default() };
    train.load(digits.clone()).map_err(fail)?;
    for _ in 0..k {
        train.step().map_err(fail)?;
    }
    Ok(train)
}

/// The main view's states.
fn lab_states(out: &mut Out, digits: &Digits) -> Checked<()> {
    let default = Settings::default();
    out.lab("defaults_5_steps", &lab_after(default.clone(), 4)?)?;

    let mut lab = lab_after(default.clone(), 9)?;
    lab.set_training(false);
    out.lab("eval_mode", &lab)?;

    let mut lab = lab_after(default.clone(), 0)?;
    lab.set_momentum(None).map_err(fail)?;
    steps(&mut lab, 6);
    out.lab("momentum_none", &lab)?;
    lab.set_training(false);
    out.lab("momentum_none_eval", &lab)?;

    let mut lab = lab_after(default.clone(), 0)?;
    lab.set_momentum(Some(0.35)).map_err(fail)?;
    steps(&mut lab, 3);
    out.lab("momentum_0.35", &lab)?;

    let mut lab = lab_after(default.clone(), 0)?;
    lab.set_affine(false).map_err(fail)?;
    steps(&mut lab, 3);
    out.lab("affine_off", &lab)?;

    let mut lab = lab_after(default.clone(), 0)?;
    lab.set_track_running_stats(false).map_err(fail)?;
    steps(&mut lab, 3);
    out.lab("track_running_stats_off", &lab)?;
    lab.set_training(false);
    out.lab("track_running_stats_off_eval", &lab)?;

    let mut lab = lab_after(default.clone(), 0)?;
    lab.set_affine(false).and(lab.set_track_running_stats(false)).map_err(fail)?;
    steps(&mut lab, 1);
    out.lab("no_parameters_no_stats", &lab)?;

    let mut lab = lab_after(default.clone(), 0)?;
    lab.set_length(5).and(lab.set_batch_size(8)).map_err(fail)?;
    steps(&mut lab, 4);
    out.lab("ncl_input", &lab)?;
    lab.set_training(false);
    out.lab("ncl_input_eval", &lab)?;

    let mut lab = lab_after(default.clone(), 2)?;
    lab.set_batch_size(2).map_err(fail)?;
    out.lab("batch_of_two", &lab)?;

    // γ and β by hand: 0.35 is the float32 0.3499999940395355 (the code must print 0.35).
    let mut lab = lab_after(default.clone(), 2)?;
    for (feature, gamma, beta) in [(0, 0.35f32, -1.2f32), (3, -0.05, 2.5), (7, 2.95, 0.1), (127, 0.0, -3.0)] {
        lab.select_feature(feature).and(lab.set_gamma_beta(gamma, beta)).map_err(fail)?;
    }
    out.lab("gamma_beta_by_hand", &lab)?;
    lab.set_training(false);
    out.lab("gamma_beta_by_hand_eval", &lab)?;

    for (name, eps) in [("eps_0.5", 0.5), ("eps_1e-12", 1e-12), ("eps_3", 3.0), ("eps_1e-3", 1e-3)] {
        let mut lab = lab_after(default.clone(), 0)?;
        lab.set_eps(eps).map_err(fail)?;
        steps(&mut lab, 2);
        out.lab(name, &lab)?;
    }

    let mut lab = lab_after(default.clone(), 2)?;
    lab.set_value(0, 0, 1e6).map_err(fail)?;
    out.lab("dragged_value", &lab)?;

    // Your own data: a CSV batch (with a header) through the page's CSV reader.
    let csv = "a,b,c\n1,2,3\n4,5.5,6\n-7,8,0.35\n1e-3,0,100\n";
    let batch = parse_batch(csv, 0).map_err(fail)?;
    let mut lab = lab_after(default.clone(), 0)?;
    lab.use_own_data(batch.values, &batch.dims).map_err(fail)?;
    steps(&mut lab, 2);
    out.lab("own_csv", &lab)?;
    lab.set_training(false);
    out.lab("own_csv_eval", &lab)?;
    let batch = parse_batch("1,2,3,4,5,6\n0,0,1,1,2,2\n9,8,7,6,5,4\n", 2).map_err(fail)?;
    let mut lab = lab_after(default.clone(), 0)?;
    lab.use_own_data(batch.values, &batch.dims).map_err(fail)?;
    out.lab("own_csv_ncl", &lab)?;

    // Refused steps (a batch of one; (N, C, L) with N·L = 1; momentum=None; no running
    // statistics, in train and in eval mode), and eval mode after a refusal.
    let mut lab = lab_after(default.clone(), 3)?;
    lab.set_momentum(None).map_err(fail)?;
    steps(&mut lab, 2);
    let _ = lab.set_batch_size(1);
    out.refused("refused_momentum_none", &lab)?;
    lab.set_training(false);
    out.lab("refused_momentum_none_then_eval", &lab)?;
    let mut lab = lab_after(default.clone(), 0)?;
    let _ = lab.set_length(1).and(lab.set_batch_size(1));
    out.refused("refused_ncl_one_value", &lab)?;
    lab.set_training(false);
    out.lab("refused_ncl_one_value_then_eval", &lab)?;
    let mut lab = lab_after(default.clone(), 2)?;
    lab.set_track_running_stats(false).map_err(fail)?;
    let _ = lab.set_batch_size(1);
    out.refused("refused_untracked", &lab)?;
    lab.set_training(false);
    out.refused("refused_untracked_eval", &lab)?;

    // The Train view's BatchNorm1d opened in the main view (Page::open_trained_layer).
    let train = trained(digits, TrainSettings::default(), 30)?;
    let trainer = train.trainer.as_ref().ok_or("no trainer")?;
    let (layer, values, dims) = trainer.layer_and_its_input(1, 64).map_err(fail)?;
    let mut lab = lab_after(default.clone(), 0)?;
    lab.use_trained_layer(layer, values, &dims).map_err(fail)?;
    out.lab("trained_layer_opened", &lab)?;

    // A layer whose statistics went NaN and infinite (NaN and overflowing values in training),
    // opened in the main view as the Train view's layer is, on input with NaN and ±∞ in it.
    let mut layer = BatchNorm1d::new(BatchNormConfig::new(4)).map_err(fail)?;
    let bad = [f32::NAN, 1.0, 3e38, 2.0, 0.5, -1.0, -3e38, 4.0, 1.0, 2.0, 3.0, 5.0];
    layer.forward(&bad, &[3, 4]).map_err(fail)?;
    let values = vec![1.0, f32::NAN, 2.0, f32::INFINITY, 0.5, 0.25, -1.0, f32::NEG_INFINITY];
    let mut lab = lab_after(default, 0)?;
    lab.use_trained_layer(layer, values, &[2, 4]).map_err(fail)?;
    let state = export::state_dict_json(lab.layer());
    if !(state.contains("NaN") && state.contains("Infinity")) {
        return Err(format!("the layer's statistics should hold NaN and Infinity: {state}"));
    }
    out.lab("nan_layer_opened", &lab)
}

/// Both models after a learning rate far beyond the page's (1e37): their weights overflow to
/// infinity and NaN, as PyTorch's would; the export must still load.
fn diverged(digits: &Digits) -> Checked<[Net; 2]> {
    let indices: Vec<usize> = (0..64).collect();
    let (x, labels) = digits.batch(&indices).map_err(fail)?;
    let tutorial = |norm| NetSpec::mlp(64, &[128], 10, Activation::Relu, norm).and_then(|spec| Net::new(spec, 1));
    let mut models = [tutorial(Norm::BatchNorm).map_err(fail)?, tutorial(Norm::None).map_err(fail)?];
    for model in &mut models {
        let mut sgd = Sgd::new(1e37, 0.9).map_err(fail)?;
        for _ in 0..20 {
            model.train_step(&x, &labels, &mut sgd).map_err(fail)?;
        }
    }
    Ok(models)
}

/// The Train view's states: the tutorial's models trained, and diverged.
fn train_states(out: &mut Out, digits: &Digits) -> Checked<()> {
    out.trainer("train_fresh", &trained(digits, TrainSettings::default(), 0)?)?;
    out.trainer("train_100_steps", &trained(digits, TrainSettings::default(), 100)?)?;
    let settings = TrainSettings { lr: 0.5, momentum: 0.9, batch_size: 32, ..TrainSettings::default() };
    out.trainer("train_momentum", &trained(digits, settings, 40)?)?;
    // The paper presets: model B with GroupNorm (Wu & He), three hidden layers of sigmoids
    // with BatchNorm1d in both models (Santurkar et al.) and none in model B (Fig. 1).
    for preset in ["wuhe", "santurkar", "fig1"] {
        let settings = TrainSettings::preset(preset, 1).ok_or(format!("no preset {preset}"))?;
        out.trainer(&format!("train_{preset}"), &trained(digits, settings, 20)?)?;
    }
    let models = diverged(digits)?;
    for model in &models {
        let json = export::net_json(model);
        if !json.contains("NaN") && !json.contains("Infinity") {
            return Err("a diverged model exported only finite numbers".into());
        }
    }
    out.models("train_diverged", [&models[0], &models[1]], digits)
}

// ---------------------------------------------------------------------------------------------
// Refusals: every BnError (the core's; the page's own `Refusal`s never quote PyTorch) the page quotes PyTorch for, with the PyTorch code of the situation.
// ---------------------------------------------------------------------------------------------

/// Every variant's name. The match is exhaustive: a new variant does not compile until it is
/// named here — and, if it has a `pytorch_message`, given a sample in `samples` and a case in
/// `error_cases`.
fn variant(e: &BnError) -> &'static str {
    match e {
        BnError::NoFeatures => "NoFeatures",
        BnError::BadEps(_) => "BadEps",
        BnError::EpsNotPositiveWithBatchStats(_) => "EpsNotPositiveWithBatchStats",
        BnError::NegativeEpsWithRunningStats(_) => "NegativeEpsWithRunningStats",
        BnError::BadMomentum(_) => "BadMomentum",
        BnError::NotFinite { .. } => "NotFinite",
        BnError::WrongDims { .. } => "WrongDims",
        BnError::WrongFeatureCount { .. } => "WrongFeatureCount",
        BnError::OneValuePerFeature { .. } => "OneValuePerFeature",
        BnError::OneValuePerGroup { .. } => "OneValuePerGroup",
        BnError::NormalizedShapeMismatch { .. } => "NormalizedShapeMismatch",
        BnError::ChannelsDoNotSplit { .. } => "ChannelsDoNotSplit",
        BnError::WrongLength { .. } => "WrongLength",
        BnError::OutOfRange { .. } => "OutOfRange",
        BnError::OutOfBounds { .. } => "OutOfBounds",
        BnError::Missing { .. } => "Missing",
        BnError::NotWholeNumber { .. } => "NotWholeNumber",
        BnError::GroupsDoNotDivide { .. } => "GroupsDoNotDivide",
        BnError::OnePositionPerInstance { .. } => "OnePositionPerInstance",
    }
}

/// One value of every variant (see `variant`).
fn samples() -> Vec<BnError> {
    vec![
        BnError::NoFeatures,
        BnError::BadEps(-1.0),
        BnError::EpsNotPositiveWithBatchStats(0.0),
        BnError::NegativeEpsWithRunningStats(-1.0),
        BnError::BadMomentum(f64::NAN),
        BnError::NotFinite { what: "γ" },
        BnError::WrongDims { dims: 1, layer: "BatchNorm1d" },
        BnError::WrongFeatureCount { expected: 3, got: 5, shape: vec![4, 5], param: "weight", layer: "BatchNorm1d" },
        BnError::OneValuePerFeature { shape: vec![1, 3], has_running_stats: true },
        BnError::OneValuePerGroup { shape: vec![1, 6], groups: 6 },
        BnError::NormalizedShapeMismatch { normalized_shape: vec![3], shape: vec![2, 4] },
        BnError::ChannelsDoNotSplit { groups: 2, shape: vec![2, 7, 3] },
        BnError::WrongLength { what: "the input", expected: 4, got: 3 },
        BnError::OutOfRange { what: "feature", index: 9, len: 3 },
        BnError::OutOfBounds { what: "eps", value: 20.0, min: 0.0, max: 10.0 },
        BnError::Missing { what: "γ" },
        BnError::NotWholeNumber { what: "N", value: 0.5, min: 1, max: 16 },
        BnError::GroupsDoNotDivide { groups: 4, channels: 6 },
        BnError::OnePositionPerInstance { shape: vec![2, 8, 1] },
    ]
}

fn bn(config: BatchNormConfig, training: bool) -> Checked<BatchNorm1d> {
    let mut layer = BatchNorm1d::new(config).map_err(fail)?;
    layer.set_training(training);
    Ok(layer)
}

fn zeros(dims: &[usize]) -> Vec<f32> {
    (0..dims.iter().product::<usize>()).map(|i| (i % 7) as f32 * 0.5).collect()
}

fn bn_forward(config: BatchNormConfig, training: bool, dims: &[usize]) -> Checked<Result<(), BnError>> {
    Ok(bn(config, training)?.forward(&zeros(dims), dims).map(|_| ()))
}

/// One situation: its name, the PyTorch code that triggers it, what the core did with it.
type ErrorCase = (String, String, Result<(), BnError>);

fn error_cases() -> Checked<Vec<ErrorCase>> {
    let c3 = BatchNormConfig::new(3);
    let untracked = BatchNormConfig { track_running_stats: false, ..BatchNormConfig::new(3) };
    let eps0 = BatchNormConfig { eps: 0.0, ..BatchNormConfig::new(3) };
    let eps0_untracked = BatchNormConfig { eps: 0.0, track_running_stats: false, ..BatchNormConfig::new(3) };
    let eps_negative = BatchNormConfig { eps: -0.001, ..BatchNormConfig::new(3) };
    let eps_minus_inf = BatchNormConfig { eps: f64::NEG_INFINITY, ..BatchNormConfig::new(3) };
    let gn = |g, c, affine: bool, dims: &[usize]| {
        GroupNorm::new(g, c, DEFAULT_EPS, affine).and_then(|l| l.forward(&zeros(dims), dims)).map(|_| ())
    };
    let inn = |c, affine: bool, dims: &[usize]| {
        InstanceNorm1d::new(c, DEFAULT_EPS, affine).and_then(|l| l.forward(&zeros(dims), dims)).map(|_| ())
    };
    let ln = |shape: &[usize], dims: &[usize]| {
        LayerNorm::new(shape, DEFAULT_EPS, true).and_then(|l| l.forward(&zeros(dims), dims)).map(|_| ())
    };
    // The page's own refusal of a batch of one (the main view, train mode).
    let mut lab = Lab::new(Settings::default()).map_err(fail)?;
    lab.set_batch_size(1).map_err(fail)?;
    let page_batch_of_one = lab.refusal().map_or(Ok(()), |r| Err(r.error.clone()));
    let mut lab = Lab::new(Settings::default()).map_err(fail)?;
    lab.set_track_running_stats(false).and(lab.set_length(1)).map_err(fail)?;
    lab.set_training(false);
    lab.set_batch_size(1).map_err(fail)?;
    let page_untracked_eval = lab.refusal().map_or(Ok(()), |r| Err(r.error.clone()));

    let cases: Vec<(&str, &str, Result<(), BnError>)> = vec![
        ("bn_1d", "nn.BatchNorm1d(3)(torch.randn(3))", bn_forward(c3.clone(), true, &[3])?),
        ("bn_4d", "nn.BatchNorm1d(3)(torch.randn(2, 3, 2, 2))", bn_forward(c3.clone(), true, &[2, 3, 2, 2])?),
        ("bn_wrong_c", "nn.BatchNorm1d(3)(torch.randn(4, 5))", bn_forward(c3.clone(), true, &[4, 5])?),
        ("bn_wrong_c_eval", "nn.BatchNorm1d(3).eval()(torch.randn(4, 5))", bn_forward(c3.clone(), false, &[4, 5])?),
        (
            "bn_wrong_c_untracked",
            "nn.BatchNorm1d(3, track_running_stats=False)(torch.randn(4, 5, 2))",
            bn_forward(untracked.clone(), true, &[4, 5, 2])?,
        ),
        ("bn_one", "nn.BatchNorm1d(3)(torch.randn(1, 3))", bn_forward(c3.clone(), true, &[1, 3])?),
        ("bn_one_ncl", "nn.BatchNorm1d(3)(torch.randn(1, 3, 1))", bn_forward(c3.clone(), true, &[1, 3, 1])?),
        (
            "bn_one_untracked_eval",
            "nn.BatchNorm1d(3, track_running_stats=False).eval()(torch.randn(1, 3))",
            bn_forward(untracked.clone(), false, &[1, 3])?,
        ),
        ("page_batch_of_one", "nn.BatchNorm1d(128)(torch.randn(1, 128))", page_batch_of_one),
        (
            "page_batch_of_one_untracked_eval",
            "nn.BatchNorm1d(128, track_running_stats=False).eval()(torch.randn(1, 128, 1))",
            page_untracked_eval,
        ),
        ("bn_eps_0", "nn.BatchNorm1d(3, eps=0.0)(torch.randn(4, 3))", bn_forward(eps0, true, &[4, 3])?),
        (
            "bn_eps_0_untracked_eval",
            "nn.BatchNorm1d(3, eps=0.0, track_running_stats=False).eval()(torch.randn(4, 3))",
            bn_forward(eps0_untracked, false, &[4, 3])?,
        ),
        (
            "bn_eps_negative",
            "nn.BatchNorm1d(3, eps=-0.001)(torch.randn(4, 3))",
            bn_forward(eps_negative.clone(), true, &[4, 3])?,
        ),
        (
            "bn_eps_negative_eval",
            "nn.BatchNorm1d(3, eps=-0.001).eval()(torch.randn(4, 3))",
            bn_forward(eps_negative, false, &[4, 3])?,
        ),
        (
            "bn_eps_minus_inf_eval",
            "nn.BatchNorm1d(3, eps=-float('inf')).eval()(torch.randn(4, 3))",
            bn_forward(eps_minus_inf, false, &[4, 3])?,
        ),
        ("gn_ctor", "nn.GroupNorm(4, 6)", GroupNorm::new(4, 6, DEFAULT_EPS, true).map(|_| ())),
        ("gn_ctor_0_groups", "nn.GroupNorm(0, 8)", GroupNorm::new(0, 8, DEFAULT_EPS, true).map(|_| ())),
        ("gn_1d", "nn.GroupNorm(2, 8)(torch.randn(8))", gn(2, 8, true, &[8])),
        ("gn_wrong_c", "nn.GroupNorm(2, 8)(torch.randn(2, 6, 3))", gn(2, 8, true, &[2, 6, 3])),
        ("gn_c_does_not_split", "nn.GroupNorm(2, 8)(torch.randn(2, 7, 3))", gn(2, 8, true, &[2, 7, 3])),
        (
            "gn_c_does_not_split_no_affine",
            "nn.GroupNorm(2, 8, affine=False)(torch.randn(2, 7, 3))",
            gn(2, 8, false, &[2, 7, 3]),
        ),
        ("gn_one_per_group", "nn.GroupNorm(6, 6)(torch.randn(1, 6))", gn(6, 6, true, &[1, 6])),
        ("gn_one_per_group_ncl", "nn.GroupNorm(6, 6)(torch.randn(1, 6, 1))", gn(6, 6, true, &[1, 6, 1])),
        ("gn_one_per_group_eval", "nn.GroupNorm(6, 6).eval()(torch.randn(1, 6))", gn(6, 6, true, &[1, 6])),
        ("gn_one_value_before_split", "nn.GroupNorm(2, 8)(torch.randn(1, 3, 1))", gn(2, 8, true, &[1, 3, 1])),
        ("in_4d", "nn.InstanceNorm1d(8)(torch.randn(2, 8, 3, 2))", inn(8, false, &[2, 8, 3, 2])),
        ("in_1d", "nn.InstanceNorm1d(8)(torch.randn(3))", inn(8, false, &[3])),
        ("in_wrong_c", "nn.InstanceNorm1d(8, affine=True)(torch.randn(2, 6, 3))", inn(8, true, &[2, 6, 3])),
        ("in_wrong_c_unbatched", "nn.InstanceNorm1d(8, affine=True)(torch.randn(6, 3))", inn(8, true, &[6, 3])),
        ("in_l1", "nn.InstanceNorm1d(8)(torch.randn(2, 8, 1))", inn(8, false, &[2, 8, 1])),
        ("in_l1_unbatched", "nn.InstanceNorm1d(8)(torch.randn(8, 1))", inn(8, false, &[8, 1])),
        ("ln_shape", "nn.LayerNorm([8, 5])(torch.randn(6, 8, 4))", ln(&[8, 5], &[6, 8, 4])),
        ("ln_too_few_dims", "nn.LayerNorm([8, 5])(torch.randn(5))", ln(&[8, 5], &[5])),
        ("ln_last_dim", "nn.LayerNorm([3])(torch.randn(2, 4))", ln(&[3], &[2, 4])),
    ];
    Ok(cases.into_iter().map(|(n, py, r)| (n.to_string(), py.to_string(), r)).collect())
}

fn errors(out: &Out) -> Checked<()> {
    let cases = error_cases()?;
    let mut entries = Vec::new();
    let mut covered = Vec::new();
    for (name, python, result) in cases {
        let (quote, variant_name) = match &result {
            Ok(()) => (None, "(accepted)".to_string()),
            Err(e) => (e.pytorch_message(), variant(e).to_string()),
        };
        covered.push(variant_name.clone());
        entries.push(json!({"name": name, "python": python, "variant": variant_name, "quote": quote}));
    }
    // Every variant that quotes PyTorch has at least one case.
    for sample in samples() {
        if sample.pytorch_message().is_some() && !covered.iter().any(|c| c == variant(&sample)) {
            entries.push(json!({
                "name": format!("coverage_{}", variant(&sample)),
                "python": "",
                "variant": variant(&sample),
                "quote": Value::Null,
                "missing": "no case triggers this variant, which quotes PyTorch",
            }));
        }
    }
    let text = serde_json::to_string_pretty(&entries).map_err(fail)?;
    Out::write(&out.root, "errors.json", &text)
}

/// "Which axis?": its code in each language for a set of shapes, with what each layer must print
/// in order: the chart's quote of PyTorch for a layer it shows refusing, else how many groups
/// (means and variances, one each) and how many values in each.
fn norms_states(out: &mut Out) -> Checked<()> {
    let states = [
        ("norms_default", CompareSettings::default()),
        ("norms_nc", CompareSettings { n: 3, c: 6, l: 1, groups: 3, ..CompareSettings::default() }),
        ("norms_groups_refused", CompareSettings { groups: 4, ..CompareSettings::default() }),
        ("norms_one_sample_nc", CompareSettings { n: 1, c: 6, l: 1, groups: 6, ..CompareSettings::default() }),
        ("norms_one_value_groups", CompareSettings { n: 2, c: 6, l: 1, groups: 6, ..CompareSettings::default() }),
        ("norms_one_feature", CompareSettings { n: 5, c: 1, l: 1, groups: 1, ..CompareSettings::default() }),
        ("norms_largest", CompareSettings { n: 16, c: 16, l: 16, groups: 8, ..CompareSettings::default() }),
    ];
    for (name, s) in states {
        let view = compare::view(&s, Lang::En).map_err(fail)?;
        let layers: Vec<Value> = view
            .panels
            .iter()
            .map(|p| match &p.refusal {
                Some(refusal) => json!({"name": p.name, "quote": refusal.lines().next().unwrap_or_default()}),
                None => json!({"name": p.name, "groups": p.output.len() / p.group.len().max(1), "size": p.group.len()}),
            })
            .collect();
        let dir = out.dir(name)?;
        for lang in Lang::ALL {
            let file = format!("norms_code_{}.py", lang.code());
            out.script(&dir, &file, &compare::pytorch_code(&s, lang), "norms")?;
            if let Some(entry) = out.scripts.last_mut() {
                entry["layers"] = json!(layers);
            }
        }
    }
    Ok(())
}

fn run(root: PathBuf) -> Checked<usize> {
    fs::create_dir_all(&root).map_err(|e| format!("{}: {e}", root.display()))?;
    let mut out = Out { root, scripts: Vec::new() };
    let digits = digits()?;
    lab_states(&mut out, &digits)?;
    lesson_states(&mut out)?;
    train_states(&mut out, &digits)?;
    norms_states(&mut out)?;
    errors(&out)?;
    // PyTorch's docstrings the lessons quote: each must be in the installed torch's words.
    let quotes =
        serde_json::json!([{ "of": "torch.nn.BatchNorm1d", "quote": batchnorm_playground::lessons::MOMENTUM_NOTE }]);
    Out::write(&out.root, "quotes.json", &serde_json::to_string_pretty(&quotes).map_err(fail)?)?;
    let manifest = serde_json::to_string_pretty(&out.scripts).map_err(fail)?;
    Out::write(&out.root, "manifest.json", &manifest)?;
    Ok(out.scripts.len())
}

fn main() -> ExitCode {
    // `cargo test --test pytorch_check -- <folder>`; cargo may add its own flags, which are skipped.
    let Some(root) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        eprintln!("usage: cargo test --test pytorch_check -- <output folder>");
        return ExitCode::FAILURE;
    };
    match run(PathBuf::from(root)) {
        Ok(n) => {
            println!("wrote {n} scripts and errors.json");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pytorch_check: {e}");
            ExitCode::FAILURE
        }
    }
}
