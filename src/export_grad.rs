//! The Backward panel's files, for a student to check in PyTorch, and the folded model's.
//!
//! Beside `bn_state.json` and `bn_input.csv` (see [`crate::export`]):
//! - `bn_output.csv`: y, same layout as the input CSV;
//! - `bn_grad_output.csv`: the upstream gradient ∂L/∂y, same layout;
//! - `bn_grad_input.csv`: ∂L/∂x, same layout;
//! - `bn_grads.json`: `{"weight": [...], "bias": [...]}` (∂L/∂γ, ∂L/∂β), when affine;
//! - [`snippet`]: loads them, runs `(bn(x) * grad_output).sum().backward()` and prints the
//!   largest difference from the page's gradients.
//!
//! `bn_state.json` must hold the layer **before** the step the page shows ([`state_json`]): in
//! train mode `bn(x)` takes that step again (and moves the running statistics, as the page did).
//!
//! For the Train view: `digits_model_folded.json` ([`folded_model_json`]), the state_dict of
//! `nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))` with PyTorch's shapes as
//! nested lists, and [`fold_snippet`], which compares it with PyTorch's own
//! `fuse_linear_bn_eval` and with the BatchNorm model's eval outputs.

use crate::backward::BackwardView;
use crate::core::fold::FoldedMlp;
use crate::core::mlp::Mlp;
use crate::core::{BatchNorm1d, BatchShape, Trace};
use crate::explain::constructor;
use crate::export::{batch_csv, state_dict_json};
use crate::lab::Lab;

/// A float as Python's `json` reads it: shortest round-trip form; NaN and ±Infinity as Python
/// writes them (a diverged model's weights).
fn json_float(v: f32) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        format!("{v}")
    }
}

fn json_list(values: &[f32]) -> String {
    let items: Vec<String> = values.iter().map(|&v| json_float(v)).collect();
    format!("[{}]", items.join(", "))
}

/// `values` (flat, row-major) as nested lists of `shape` (one level per dimension).
fn nested(values: &[f32], shape: &[usize]) -> String {
    match shape {
        [] | [_] => json_list(values),
        [_, inner @ ..] => {
            let row: usize = inner.iter().product();
            let rows: Vec<String> = values.chunks(row.max(1)).map(|r| nested(r, inner)).collect();
            format!("[{}]", rows.join(", "))
        }
    }
}

/// A `state_dict` as JSON with every tensor in its PyTorch shape as nested lists: entries are
/// (key, flat row-major values, shape). Integers (`num_batches_tracked`) go in `counts`.
pub fn nested_state_json(tensors: &[(&str, &[f32], Vec<usize>)], counts: &[(&str, u64)]) -> String {
    let mut entries: Vec<String> =
        tensors.iter().map(|(key, values, shape)| format!("\"{key}\": {}", nested(values, shape))).collect();
    entries.extend(counts.iter().map(|(key, k)| format!("\"{key}\": {k}")));
    format!("{{\n  {}\n}}\n", entries.join(",\n  "))
}

/// `bn_state.json` for the gradient check: the layer before the step the page shows.
pub fn state_json(lab: &Lab) -> String {
    state_dict_json(lab.layer_before())
}

/// `bn_output.csv`: y, one row per sample (the input CSV's layout).
pub fn output_csv(trace: &Trace) -> String {
    batch_csv(&trace.output, &trace.shape)
}

/// `bn_grad_output.csv`: ∂L/∂y, the input CSV's layout.
pub fn grad_output_csv(view: &BackwardView) -> String {
    batch_csv(&view.grad_output, &view.shape)
}

/// `bn_grad_input.csv`: ∂L/∂x, the input CSV's layout.
pub fn grad_input_csv(view: &BackwardView) -> String {
    batch_csv(&view.gradients.grad_input, &view.shape)
}

/// `bn_grads.json`: `{"weight": [...], "bias": [...]}` (∂L/∂γ and ∂L/∂β of every feature);
/// None without affine.
pub fn grads_json(view: &BackwardView) -> Option<String> {
    let (weight, bias) = (view.gradients.grad_weight.as_ref()?, view.gradients.grad_bias.as_ref()?);
    Some(format!("{{\"weight\": {}, \"bias\": {}}}\n", json_list(weight), json_list(bias)))
}

/// The PyTorch that checks the page's gradients: `layer` is the layer (its constructor and
/// affine), `shape` the batch's, `training` the page's mode.
pub fn snippet(layer: &BatchNorm1d, shape: &BatchShape, training: bool) -> String {
    let dims: Vec<String> = shape.dims().iter().map(|d| d.to_string()).collect();
    let mode = if training { "train" } else { "eval" };
    let mut code = format!(
        "import json, numpy as np, torch; from torch import nn\n\
         bn = {}; bn.load_state_dict({{k: torch.tensor(v) for k, v in json.load(open(\"bn_state.json\")).items()}}); bn.{mode}()  # the state before this step\n\
         x, grad_output, grad_input = (torch.tensor(np.loadtxt(f, delimiter=\",\", ndmin=2), dtype=torch.float32).reshape({}) for f in (\"bn_input.csv\", \"bn_grad_output.csv\", \"bn_grad_input.csv\"))\n\
         x.requires_grad_(); (bn(x) * grad_output).sum().backward()\n",
        constructor(layer),
        dims.join(", ")
    );
    if layer.affine().is_some() {
        code.push_str(
            "grads = json.load(open(\"bn_grads.json\"))\n\
             print(\"largest difference:\", max((x.grad - grad_input).abs().max().item(), (bn.weight.grad - torch.tensor(grads[\"weight\"])).abs().max().item(), (bn.bias.grad - torch.tensor(grads[\"bias\"])).abs().max().item()))\n",
        );
    } else {
        code.push_str("print(\"largest difference:\", (x.grad - grad_input).abs().max().item())\n");
    }
    code
}

/// [`snippet`] for the lab's current step: its layer, its batch's shape, and the mode of the pass
/// the page shows (after eval → train without a Step that is still the eval pass). None when the
/// step was refused.
pub fn lab_snippet(lab: &Lab) -> Option<String> {
    let trace = lab.trace()?;
    Some(snippet(lab.layer_before(), &trace.shape, trace.training))
}

/// `digits_model_folded.json`: the folded model's state_dict, weights as nested lists `[out][in]`.
pub fn folded_model_json(folded: &FoldedMlp) -> String {
    nested_state_json(&folded.state_dict(), &[])
}

/// The tutorial model's state_dict with weights as nested lists `[out][in]` and PyTorch's keys
/// (what `digits_model_bn.json` / `digits_model_plain.json` hold).
pub fn model_json(model: &Mlp) -> String {
    let state = model.state_dict();
    let config = model.config();
    let shape = |key: &str, len: usize| -> Vec<usize> {
        match key {
            "0.weight" => vec![config.hidden, config.inputs],
            "2.weight" | "3.weight" => vec![config.classes, config.hidden],
            _ => vec![len],
        }
    };
    let tensors: Vec<(&str, &[f32], Vec<usize>)> =
        state.tensors.iter().map(|(k, v)| (k.as_str(), &v[..], shape(k, v.len()))).collect();
    let counts: Vec<(&str, u64)> =
        state.num_batches_tracked.map(|k| ("1.num_batches_tracked", k)).into_iter().collect();
    nested_state_json(&tensors, &counts)
}

/// The PyTorch that checks `digits_model_folded.json`: against PyTorch's own
/// `fuse_linear_bn_eval` (both modules in eval mode) and against the BatchNorm model's eval
/// outputs (`digits_model_bn.json`).
pub fn fold_snippet() -> String {
    "import json, torch; from torch import nn; from torch.nn.utils.fusion import fuse_linear_bn_eval\n\
     load = lambda model, file: model.load_state_dict({k: torch.tensor(v) for k, v in json.load(open(file)).items()})\n\
     with_bn = nn.Sequential(nn.Linear(64, 128), nn.BatchNorm1d(128), nn.ReLU(), nn.Linear(128, 10)); load(with_bn, \"digits_model_bn.json\"); with_bn.eval()\n\
     folded = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10)); load(folded, \"digits_model_folded.json\"); folded.eval()\n\
     fused = fuse_linear_bn_eval(with_bn[0], with_bn[1])  # PyTorch's own folding\n\
     x = torch.rand(1000, 64)  # any images: pixels/16 are in [0, 1]\n\
     with torch.no_grad(): print(\"vs fuse_linear_bn_eval:\", max((folded[0].weight - fused.weight).abs().max().item(), (folded[0].bias - fused.bias).abs().max().item()), \"· outputs vs model.eval():\", (folded(x) - with_bn(x)).abs().max().item())\n"
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_lists_have_pytorchs_shape() {
        assert_eq!(nested(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3]), "[[1, 2, 3], [4, 5, 6]]");
        assert_eq!(nested(&[1.5, f32::NAN], &[2]), "[1.5, NaN]");
        let json = nested_state_json(&[("0.bias", &[0.5], vec![1])], &[("1.num_batches_tracked", 3)]);
        assert_eq!(json, "{\n  \"0.bias\": [0.5],\n  \"1.num_batches_tracked\": 3\n}\n");
    }

    #[test]
    fn the_snippet_follows_the_layer() {
        let layer = BatchNorm1d::new(crate::core::BatchNormConfig::new(4)).unwrap();
        let code = snippet(&layer, &BatchShape::ncl(3, 4, 2), false);
        assert!(
            code.contains("bn = nn.BatchNorm1d(4);") && code.contains("bn.eval()") && code.contains("reshape(3, 4, 2)")
        );
        assert!(code.contains("bn_grads.json"));
    }
}
