//! Writes the Backward panel's files and snippets for a few page states, and the folded model's,
//! so that `tests/backward_pytorch/run.sh` can run every snippet in real PyTorch.
//!
//! Writes only when `BN_PYTORCH_OUT` names a folder (run.sh sets it); otherwise it checks that
//! every state builds, and writes nothing.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use batchnorm_playground::backward::{BackwardView, UpstreamGradient};
use batchnorm_playground::core::fold::fold_net;
use batchnorm_playground::core::net::{Activation, Net, NetSpec, Norm, Sgd};
use batchnorm_playground::core::BatchNormConfig;
use batchnorm_playground::csv::parse_digits_csv;
use batchnorm_playground::export;
use batchnorm_playground::export::{batch_csv, state_dict_json};
use batchnorm_playground::lab::{Lab, Settings};
use batchnorm_playground::trainer::DigitsSplit;

/// Runs `snippet.py`, then checks that the state it loads is the one before the step: the same
/// layer run once gives the page's output and the page's state after the step.
const CHECK_GRADIENTS: &str = r#"import contextlib, io, json, numpy as np, torch
code = open("snippet.py").read()
printed = io.StringIO()
with contextlib.redirect_stdout(printed):
    exec(code, {})
printed = printed.getvalue().strip()
largest = float(printed.split()[2])  # "largest difference: 1e-07 · relative to …"
env = {}
# The lines up to the state's loading and the mode (the import, bn = ..., load_state_dict; mode),
# from the layer before the step: its output and the state it moves to must be the page's.
lines = code.splitlines()
head = lines[: next(i for i, line in enumerate(lines) if "load_state_dict" in line) + 1]
exec("\n".join(head).replace("bn_state.json", "before_state.json"), env)
bn = env["bn"]
shape = json.load(open("shape.json"))
load = lambda f: torch.tensor(np.loadtxt(f, delimiter=",", ndmin=2), dtype=torch.float32).reshape(shape)
with torch.no_grad():
    output = (bn(load("bn_input.csv")) - load("bn_output.csv")).abs().max().item()
after = json.load(open("after_state.json"))
state = max([(bn.state_dict()[k].double() - torch.tensor(v).double()).abs().max().item() for k, v in after.items()] + [0.0])
print(f"snippet prints: {printed} · output {output:.3g} · state after the step {state:.3g}")
assert largest <= 1e-4 and output <= 1e-4 and state <= 1e-4, "differs from PyTorch"
"#;

/// Runs the folding snippet, then compares the page's own logits on the test digits with
/// PyTorch's (the folded model and the BatchNorm model in eval mode).
const CHECK_FOLD: &str = r#"import contextlib, io, json, numpy as np, torch
printed = io.StringIO()
with contextlib.redirect_stdout(printed):
    exec(open("snippet.py").read(), env := {})
printed = printed.getvalue().strip()
numbers = [float(w) for w in printed.replace("·", " ").split() if w[0].isdigit()]
x = torch.tensor(np.loadtxt("test_images.csv", delimiter=",", ndmin=2), dtype=torch.float32)
page = torch.tensor(np.loadtxt("folded_logits.csv", delimiter=",", ndmin=2), dtype=torch.float32)
with torch.no_grad():
    vs_folded = (env["folded"](x) - page).abs().max().item()
    vs_eval = (env["with_bn"](x) - page).abs().max().item()
print(f"snippet prints: {printed} · page's folded logits vs PyTorch folded {vs_folded:.3g}, vs PyTorch model.eval() {vs_eval:.3g} on {len(x)} test digits")
assert max(numbers) <= 1e-4 and vs_folded <= 1e-4 and vs_eval <= 1e-4, "differs from PyTorch"
"#;

fn out_dir() -> Option<PathBuf> {
    std::env::var_os("BN_PYTORCH_OUT").map(PathBuf::from)
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("write {name}: {e}"));
}

/// The page's files for the lab's current step.
fn write_state(name: &str, lab: &Lab, upstream: &UpstreamGradient) {
    let view = BackwardView::from_lab(lab, upstream).expect("a step to go back through");
    let trace = lab.trace().expect("a trace");
    let snippet = export::grad_lab_snippet(lab, batchnorm_playground::i18n::Lang::En).expect("a snippet");
    let Some(root) = out_dir() else { return };
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).expect("create the state's folder");
    write(&dir, "bn_state.json", &state_dict_json(lab.layer())); // the page's file: after the step
    write(&dir, "before_state.json", &state_dict_json(lab.layer_before()));
    write(&dir, "bn_input.csv", &batch_csv(lab.batch(), &trace.shape));
    write(&dir, "bn_output.csv", &export::output_csv(trace));
    write(&dir, "bn_grad_output.csv", &export::grad_output_csv(&view));
    let gradients = view.whole_gradients(trace, lab.batch()).expect("the whole batch's gradients");
    write(&dir, "bn_grad_input.csv", &export::grad_input_csv(&gradients, &trace.shape));
    if let Some(json) = export::grads_json(&gradients) {
        write(&dir, "bn_grads.json", &json);
    }
    write(&dir, "snippet.py", &snippet);
    write(&dir, "after_state.json", &state_dict_json(lab.layer()));
    write(&dir, "shape.json", &format!("{:?}", trace.shape.dims()));
    write(&dir, "check.py", CHECK_GRADIENTS);
}

fn lab(settings: Settings) -> Lab {
    Lab::new(settings).expect("valid settings")
}

/// A few steps, a non-default γ and β on the followed feature.
fn trained(mut lab: Lab, feature: usize) -> Lab {
    lab.step();
    lab.step();
    lab.select_feature(feature).expect("feature exists");
    lab.set_gamma_beta(1.7, -0.4).expect("affine layer");
    lab.select_sample(2).expect("sample exists");
    lab
}

#[test]
fn gradient_states() {
    let random = UpstreamGradient::RandomWeights { seed: 5 };

    let train = trained(lab(Settings { batch_size: 16, ..Settings::default() }), 3);
    write_state("train", &train, &random);

    let mut eval = trained(lab(Settings { batch_size: 16, ..Settings::default() }), 3);
    eval.set_training(false);
    write_state("eval", &eval, &random);

    // eval → train without a Step: the page still shows the eval pass.
    let mut back = trained(lab(Settings { batch_size: 16, ..Settings::default() }), 3);
    back.set_training(false);
    back.set_training(true);
    write_state("eval_then_train_no_step", &back, &random);

    let ncl = trained(lab(Settings { batch_size: 5, length: 3, ..Settings::default() }), 7);
    write_state("ncl_pull", &ncl, &UpstreamGradient::PullToTarget { target: 0.75 });

    let mut settings = Settings { batch_size: 8, ..Settings::default() };
    settings.layer = BatchNormConfig { affine: false, momentum: None, eps: 1e-3, ..BatchNormConfig::new(128) };
    let mut affine_off = lab(settings);
    affine_off.step();
    affine_off.select_sample(4).expect("sample exists");
    write_state("affine_off_one_output", &affine_off, &UpstreamGradient::OneOutput);

    let mut settings = Settings { batch_size: 8, training: false, length: 2, ..Settings::default() };
    settings.layer = BatchNormConfig { track_running_stats: false, ..BatchNormConfig::new(128) };
    let no_running = trained(lab(settings), 1);
    assert!(no_running.trace().expect("a trace").used_batch_stats, "eval without running stats uses the batch");
    write_state("no_running_stats_eval", &no_running, &random);
}

#[test]
fn folded_model() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/data/digits.csv");
    let Ok(text) = std::fs::read_to_string(&path) else { return };
    let digits = parse_digits_csv(&text).expect("digits parse");
    let split = DigitsSplit::new(&digits, 0).expect("split");
    // The page's model A: the tutorial's, as the Train view builds it.
    let spec = NetSpec::mlp(64, &[128], 10, Activation::Relu, Norm::BatchNorm).expect("spec");
    let mut model = Net::new(spec, 0).expect("model");
    let mut sgd = Sgd::new(0.1, 0.9).expect("sgd");
    let order = split.train.shuffled_indices(1);
    for chunk in order.chunks_exact(64).take(30) {
        let (x, y) = split.train.batch(chunk).expect("batch");
        model.train_step(&x, &y, &mut sgd).expect("step");
    }
    let mut folded = fold_net(&model, false).expect("eval mode folds");
    let logits = folded.eval_logits(&split.test.images).expect("forward");
    let Some(root) = out_dir() else { return };
    let dir = root.join("fold");
    std::fs::create_dir_all(&dir).expect("create the fold folder");
    write(&dir, export::MODEL_A_FILE, &export::net_json(&model)); // the name the snippet loads
    write(&dir, "digits_model_folded.json", &export::folded_model_json(&folded));
    write(&dir, "snippet.py", &export::fold_snippet(batchnorm_playground::i18n::Lang::En));
    write(&dir, "test_images.csv", &rows_csv(&split.test.images, 64));
    write(&dir, "folded_logits.csv", &rows_csv(&logits, 10));
    write(&dir, "check.py", CHECK_FOLD);
}

fn rows_csv(values: &[f32], width: usize) -> String {
    values.chunks(width).map(|r| r.iter().map(|v| format!("{v}")).collect::<Vec<_>>().join(",") + "\n").collect()
}
