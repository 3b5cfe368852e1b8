//! The page's state in files a student can load in PyTorch: the layer's `state_dict` as JSON
//! (PyTorch's keys), the batch and the output as CSV, and the snippet that checks them.

use crate::backward::BackwardView;
use crate::core::net::{Layer, LayerSpec, Net, NetSpec, StateValue};
use crate::core::{BatchNorm1d, BatchShape, Gradients, Trace};
use crate::explain::constructor;
use crate::i18n::{t, Lang};
use crate::lab::Lab;
use crate::numbers::py_f32;

/// The files the page downloads (www/main.js names them the same) and its snippets open.
pub const STATE_FILE: &str = "bn_state.json";
pub const INPUT_FILE: &str = "bn_input.csv";
pub const OUTPUT_FILE: &str = "bn_output.csv";
/// The Train view's two models, named A and B as the page names them (whatever their norms: a
/// file named "bn" held a LayerNorm model when model A was one), and model A folded.
pub const MODEL_A_FILE: &str = "digits_model_a.json";
pub const MODEL_B_FILE: &str = "digits_model_b.json";
pub const MODEL_FOLDED_FILE: &str = "digits_model_folded.json";

/// A float in JSON as Python's `json` module reads it: `repr`'s shortest form that reads back to
/// the same float32 (`0.35`, `1.0`, `1e-05`), and `NaN`, `Infinity`, `-Infinity` (which
/// `json.load` accepts, and `null` would not load into a tensor).
pub fn json_float(x: f32) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else {
        py_f32(x)
    }
}

/// A JSON list of floats.
fn json_list(values: &[f32]) -> String {
    let items: Vec<String> = values.iter().map(|&v| json_float(v)).collect();
    format!("[{}]", items.join(", "))
}

/// `{"weight": [...], "bias": [...], "running_mean": [...], "running_var": [...],
/// "num_batches_tracked": k}` — only the entries the layer has, as `bn.state_dict()` does.
pub fn state_dict_json(layer: &BatchNorm1d) -> String {
    let mut entries = Vec::new();
    if let Some(a) = layer.affine() {
        entries.push(format!("\"weight\": {}", json_list(&a.weight)));
        entries.push(format!("\"bias\": {}", json_list(&a.bias)));
    }
    if let Some(r) = layer.running() {
        entries.push(format!("\"running_mean\": {}", json_list(&r.mean)));
        entries.push(format!("\"running_var\": {}", json_list(&r.var)));
        entries.push(format!("\"num_batches_tracked\": {}", r.num_batches_tracked));
    }
    if entries.is_empty() {
        return "{}\n".into();
    }
    format!("{{\n  {}\n}}\n", entries.join(",\n  "))
}

/// Any network's `model.state_dict()` as JSON: PyTorch's keys in PyTorch's order, every tensor
/// in its shape (a Linear weight as `[out][in]` nested lists), `num_batches_tracked` as integers.
pub fn net_json(net: &Net) -> String {
    let state = net.state_dict();
    let mut shapes: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, layer) in net.layers().iter().enumerate() {
        if let Layer::Linear(l) = layer {
            shapes.push((format!("{i}.weight"), vec![l.outputs, l.inputs]));
        }
    }
    let entries: Vec<String> = state
        .entries
        .iter()
        .map(|(key, value)| match value {
            StateValue::Floats(v) => {
                let shape = shapes.iter().find(|(k, _)| k == key).map_or_else(|| vec![v.len()], |(_, s)| s.clone());
                format!("\"{key}\": {}", nested(v, &shape))
            }
            StateValue::Count(k) => format!("\"{key}\": {k}"),
        })
        .collect();
    format!("{{\n  {}\n}}\n", entries.join(",\n  "))
}

/// `nn.Sequential(...)` of a network, as PyTorch builds it (defaults left out).
pub fn sequential_code(spec: &NetSpec) -> String {
    format!("nn.Sequential({})", sequential_layers(spec).join(", "))
}

/// Each layer of a network as PyTorch builds it (`nn.Linear(64, 128)`, defaults left out).
fn sequential_layers(spec: &NetSpec) -> Vec<String> {
    spec.layers
        .iter()
        .map(|layer| {
            let eps_arg =
                |eps: f64| if eps == 1e-5 { String::new() } else { format!(", eps={}", crate::numbers::py_float(eps)) };
            match *layer {
                LayerSpec::Linear { inputs, outputs } => format!("nn.Linear({inputs}, {outputs})"),
                LayerSpec::BatchNorm1d { features, eps, momentum } => {
                    let momentum = match momentum {
                        Some(0.1) => String::new(),
                        Some(m) => format!(", momentum={}", crate::numbers::py_float(m)),
                        None => ", momentum=None".into(),
                    };
                    format!("nn.BatchNorm1d({features}{}{momentum})", eps_arg(eps))
                }
                LayerSpec::LayerNorm { features, eps } => format!("nn.LayerNorm({features}{})", eps_arg(eps)),
                LayerSpec::GroupNorm { groups, features, eps } => {
                    format!("nn.GroupNorm({groups}, {features}{})", eps_arg(eps))
                }
                LayerSpec::Activation(a) => format!("nn.{}()", a.class_name()),
            }
        })
        .collect()
}

/// The longest line of the code the page shows (comments on their own lines above the code
/// they explain): a printed handout wrapped a longer one onto a line without `#`, which is a
/// SyntaxError when typed from the paper, and a box on a tablet scrolled sideways.
pub const CODE_WIDTH: usize = 88;

/// Columns a character takes in a monospace font: two for CJK ideographs and full-width
/// punctuation, one for the rest.
pub(crate) fn columns(text: &str) -> usize {
    text.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F => 2,
            0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// `comment` as `# ` lines of at most `width` columns (after `indent`), broken where a reader
/// breaks a line: at spaces, after Chinese punctuation (，。、；：）」 …), before an opening mark
/// (（「 “), and where a Chinese character meets a Latin word or number — never inside a run of
/// Chinese characters, where the words are (批量 / 归一化 split as 批 | 量 read as two words).
/// Only a run longer than a whole line is broken between its characters (never before a
/// closing mark).
fn comment_lines(comment: &str, indent: &str, width: usize) -> Vec<String> {
    let room = width.saturating_sub(columns(indent) + 2).max(20);
    let mut lines = Vec::new();
    // The line being filled and its columns, kept as it grows (not counted again per piece).
    let mut line = String::new();
    let mut used = 0;
    let mut flush = |line: &mut String, used: &mut usize| {
        if !line.trim().is_empty() {
            lines.push(format!("{indent}# {}", line.trim_end()));
        }
        line.clear();
        *used = 0;
    };
    for token in comment_tokens(comment) {
        if token == " " && line.is_empty() {
            continue;
        }
        let wants = columns(&token);
        if used + wants <= room {
            line.push_str(&token);
            used += wants;
            continue;
        }
        if token == " " {
            flush(&mut line, &mut used);
            continue;
        }
        if wants <= room {
            flush(&mut line, &mut used);
            line.push_str(&token);
            used = wants;
            continue;
        }
        // A run longer than a line: character by character, a closing mark kept with the one before.
        for unit in characters(&token) {
            let wants = columns(&unit);
            if !line.is_empty() && used + wants > room {
                flush(&mut line, &mut used);
            }
            line.push_str(&unit);
            used += wants;
        }
    }
    flush(&mut line, &mut used);
    lines
}

/// Chinese punctuation no line starts with: it closes what comes before.
fn closing(c: char) -> bool {
    "，。、；：）」』！？”".contains(c)
}

/// Marks no line ends with: they open what comes after.
fn opening(c: char) -> bool {
    "（「『“".contains(c)
}

/// A character two columns wide (a Chinese character or full-width mark).
fn wide(c: char) -> bool {
    columns(c.encode_utf8(&mut [0; 4])) == 2
}

/// A comment cut where a line may break ([`comment_lines`]): each space alone, and between the
/// spaces, pieces that end after a closing mark, before an opening one, or where Chinese meets
/// Latin. The pieces joined are the comment.
fn comment_tokens(comment: &str) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    let mut before: Option<char> = None;
    for c in comment.chars() {
        let breaks = match before {
            None => true,
            Some(b) if b == ' ' || c == ' ' => true,
            Some(_) if closing(c) => false,
            Some(b) if opening(b) => false,
            Some(b) => closing(b) || opening(c) || wide(b) != wide(c),
        };
        match tokens.last_mut() {
            Some(last) if !breaks => last.push(c),
            _ => tokens.push(c.to_string()),
        }
        before = Some(c);
    }
    tokens
}

/// A piece too long for a line, in the units it may still break between: a wide character (with
/// the closing marks after it, and an opening mark before it), or a Latin run.
fn characters(token: &str) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    let mut before: Option<char> = None;
    for c in token.chars() {
        let joins = match before {
            None => false,
            Some(_) if closing(c) => true,
            Some(b) if opening(b) => true,
            Some(b) => !wide(b) && !wide(c),
        };
        match units.last_mut() {
            Some(last) if joins => last.push(c),
            _ => units.push(c.to_string()),
        }
        before = Some(c);
    }
    units
}

/// Where a line's trailing comment starts (`"  # "` outside a string), if it has one.
fn comment_start(line: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted && line[i..].starts_with("  # ") {
            return Some(i);
        }
    }
    None
}

/// A code line longer than `width` broken after a ", " inside brackets (outside strings), the
/// rest indented four more: Python joins the lines inside brackets.
fn break_code(line: &str, width: usize) -> Vec<String> {
    let indent: String = line.chars().take_while(|c| *c == ' ').collect();
    let mut out = Vec::new();
    let mut rest = line.to_string();
    let mut first = true;
    while columns(&rest) > width {
        let (mut depth, mut quoted, mut cut) = (0i32, false, None);
        for (i, c) in rest.char_indices() {
            match c {
                '"' => quoted = !quoted,
                '(' | '[' | '{' if !quoted => depth += 1,
                ')' | ']' | '}' if !quoted => depth -= 1,
                ',' if !quoted && depth > 0 && rest[i..].starts_with(", ") && columns(&rest[..=i]) <= width => {
                    cut = Some(i);
                }
                _ => {}
            }
        }
        let Some(i) = cut else { break };
        out.push(rest[..=i].to_string());
        let more = if first { format!("{indent}    ") } else { rest.chars().take_while(|c| *c == ' ').collect() };
        rest = format!("{more}{}", rest[i + 1..].trim_start());
        first = false;
    }
    out.push(rest);
    out
}

/// Code as the page shows and prints it: every line at most [`CODE_WIDTH`] columns. A comment
/// that makes its line longer goes on `#` lines of its own above the code it explains (a
/// printed handout wrapped it onto a line without `#`); a longer comment line or code line
/// is broken where Python allows.
pub fn fit_lines(code: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in code.lines() {
        if columns(line) <= CODE_WIDTH {
            out.push(line.to_string());
            continue;
        }
        let indent: String = line.chars().take_while(|c| *c == ' ').collect();
        if let Some(comment) = line.trim_start().strip_prefix("# ") {
            out.extend(comment_lines(comment, &indent, CODE_WIDTH));
            continue;
        }
        let (code_part, comment) = match comment_start(line) {
            Some(at) => (&line[..at], Some(&line[at + 4..])),
            None => (line, None),
        };
        if let Some(comment) = comment {
            out.extend(comment_lines(comment, &indent, CODE_WIDTH));
        }
        out.extend(break_code(code_part.trim_end(), CODE_WIDTH));
    }
    let mut text = out.join("\n");
    if code.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// `name = nn.Sequential(...)` on one line when it fits in [`CODE_WIDTH`], else its layers
/// packed onto indented lines inside the brackets (Python's own continuation).
pub fn sequential_lines(name: &str, spec: &NetSpec) -> String {
    let one = format!("{name} = {}", sequential_code(spec));
    if one.chars().count() <= CODE_WIDTH {
        return one;
    }
    let layers = sequential_layers(spec);
    let mut lines = vec![format!("{name} = nn.Sequential(")];
    let mut line = String::new();
    for (i, layer) in layers.iter().enumerate() {
        let item = if i + 1 == layers.len() { format!("{layer})") } else { format!("{layer},") };
        if !line.is_empty() && 4 + line.chars().count() + 1 + item.chars().count() > CODE_WIDTH {
            lines.push(format!("    {line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&item);
    }
    lines.push(format!("    {line}"));
    lines.join("\n")
}

/// The PyTorch under the Train view's Export: each model's `nn.Sequential` (`specs`, A and B)
/// loaded from the file its button saves ([`MODEL_A_FILE`], [`MODEL_B_FILE`]), so the code
/// loads model B's file into model B's layers (model A's refused a GroupNorm model B with
/// "Missing key(s) in state_dict"). Comments in `lang`, lines of at most [`CODE_WIDTH`].
pub fn train_snippet(specs: [&NetSpec; 2], lang: Lang) -> String {
    let mut code = format!(
        "import json, torch\n\
         from torch import nn\n\
         # {}\n\
         load = lambda model, file: model.load_state_dict(\n    \
         {{k: torch.tensor(v) for k, v in json.load(open(file)).items()}})\n",
        t(lang, "code-two-files")
    );
    for (spec, name, file) in [(specs[0], "model_a", MODEL_A_FILE), (specs[1], "model_b", MODEL_B_FILE)] {
        code.push_str(&sequential_lines(name, spec));
        code.push_str(&format!("\nprint(load({name}, \"{file}\")); {name}.eval()\n"));
    }
    code
}

/// One row per sample; for `(N, C, L)` each row holds C·L values, feature by feature (the
/// row-major layout, so `reshape(N, C, L)` restores it).
pub fn batch_csv(values: &[f32], shape: &BatchShape) -> String {
    let row_len = shape.c * shape.l;
    let mut out = String::with_capacity(values.len() * 10);
    for row in values.chunks(row_len.max(1)).take(shape.n) {
        let cells: Vec<String> = row.iter().map(|v| format!("{v}")).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// `bn_input.csv`: the lab's batch in its shape (the settings' N, C, L), also at a refused
/// step, whose batch is the one PyTorch refuses.
pub fn input_csv(lab: &Lab) -> String {
    batch_csv(lab.batch(), &input_shape(lab))
}

/// The shape of the lab's batch: its step's, or, at a refused step, the settings'.
pub fn input_shape(lab: &Lab) -> BatchShape {
    match lab.trace() {
        Some(trace) => trace.shape,
        None => BatchShape::from_dims(&lab.settings().dims()).unwrap_or(BatchShape::nc(0, 0)),
    }
}

/// The PyTorch that loads the exported files and compares with the page's output (lines of
/// at most [`CODE_WIDTH`]): it prints the largest difference (NaN where both have NaN counts as equal) and whether the
/// NaNs are in the same places.
pub fn snippet(layer: &BatchNorm1d, shape: &BatchShape, training: bool) -> String {
    let dims: Vec<String> = shape.dims().iter().map(|d| d.to_string()).collect();
    let mode = if training { "train" } else { "eval" };
    fit_lines(&format!(
        "{}\n\
         x, y = (read(f).reshape({}) for f in (\"{INPUT_FILE}\", \"{OUTPUT_FILE}\"))\n\
         out = bn(x)\n\
         print(f\"largest difference: {{(out - y).abs().nan_to_num(nan=0.0).max().item()}},\",\n      \
         f\"same NaNs: {{torch.equal(out.isnan(), y.isnan())}}\")",
        load_layer(layer, &format!("{mode}()")),
        dims.join(", ")
    ))
}

/// The lines every Export snippet starts with: the imports, the layer (`bn`) with the page's
/// state_dict loaded, `bn.{mode}` (`train()`, `eval()`, with a comment), and `read`, which reads one of the page's CSV files.
fn load_layer(layer: &BatchNorm1d, mode: &str) -> String {
    format!(
        "import json, numpy as np, torch\n\
         from torch import nn\n\
         bn = {}\n\
         state = json.load(open(\"{STATE_FILE}\"))\n\
         bn.load_state_dict({{k: torch.tensor(v) for k, v in state.items()}}); bn.{mode}\n\
         read = lambda f: torch.tensor(\n    \
         np.loadtxt(f, delimiter=\",\", ndmin=2), dtype=torch.float32)",
        constructor(layer)
    )
}

/// [`snippet`] at a refused step, which has no output (no `bn_output.csv`): it loads the layer
/// and the batch the page refused, and prints PyTorch's words as it refuses them too (`kind`:
/// the exception PyTorch raises, `ValueError`).
pub fn refused_snippet(layer: &BatchNorm1d, shape: &BatchShape, training: bool, kind: &str) -> String {
    let dims: Vec<String> = shape.dims().iter().map(|d| d.to_string()).collect();
    let mode = if training { "train" } else { "eval" };
    fit_lines(&format!(
        "{}\n\
         x = read(\"{INPUT_FILE}\").reshape({})\n\
         try: bn(x)\n\
         except {kind} as e: print(f\"{kind}: {{e}}\")",
        load_layer(layer, &format!("{mode}()")),
        dims.join(", ")
    ))
}

/// The snippet under Export for the lab as it is: [`snippet`], or [`refused_snippet`] at a
/// refused step. The mode is the shown pass's (after eval → train without a Step, still eval).
pub fn lab_snippet(lab: &Lab) -> String {
    let s = lab.settings();
    let shape = BatchShape::from_dims(&s.dims()).unwrap_or(BatchShape::nc(0, 0));
    let training = lab.trace().map_or(s.training, |t| t.training);
    match lab.refusal() {
        Some(refusal) => refused_snippet(lab.layer(), &shape, training, &crate::explain::exception(&refusal.error)),
        None => snippet(lab.layer(), &shape, training),
    }
}

// ---------------------------------------------------------------------------------------------
// The Backward panel's files and the folded model
// ---------------------------------------------------------------------------------------------
// Beside `bn_state.json` and `bn_input.csv`: `bn_output.csv` (y), `bn_grad_output.csv` (∂L/∂y)
// and `bn_grad_input.csv` (∂L/∂x), all in the input CSV's layout; `bn_grads.json`
// (`{"weight": [...], "bias": [...]}`: ∂L/∂γ, ∂L/∂β) when affine; [`grad_snippet`] loads them,
// runs `(bn(x) * grad_output).sum().backward()` and prints the largest difference. In train mode
// the gradients do not depend on the running statistics, and in eval mode the state before and
// after the step are the same, so the `bn_state.json` the page shows serves both snippets.
// For the Train view: `digits_model_folded.json` ([`folded_model_json`]) and [`fold_snippet`],
// which compares it with PyTorch's own `fuse_linear_bn_eval` and the BatchNorm model's outputs.

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

/// `bn_output.csv`: y, one row per sample (the input CSV's layout).
pub fn output_csv(trace: &Trace) -> String {
    batch_csv(&trace.output, &trace.shape)
}

/// `bn_grad_output.csv`: ∂L/∂y, the input CSV's layout.
pub fn grad_output_csv(view: &BackwardView) -> String {
    batch_csv(&view.grad_output, &view.shape)
}

/// `bn_grad_input.csv`: ∂L/∂x ([`BackwardView::whole_gradients`]), the input CSV's layout.
pub fn grad_input_csv(gradients: &Gradients, shape: &BatchShape) -> String {
    batch_csv(&gradients.grad_input, shape)
}

/// `bn_grads.json`: `{"weight": [...], "bias": [...]}` (∂L/∂γ and ∂L/∂β of every feature,
/// [`BackwardView::whole_gradients`]); None without affine.
pub fn grads_json(gradients: &Gradients) -> Option<String> {
    let (weight, bias) = (gradients.grad_weight.as_ref()?, gradients.grad_bias.as_ref()?);
    Some(format!("{{\"weight\": {}, \"bias\": {}}}\n", json_list(weight), json_list(bias)))
}

/// The PyTorch that checks the page's gradients: `layer` is the layer (its constructor and
/// affine), `shape` the batch's, `training` the page's mode; comments in `lang`. It prints the
/// largest difference and that over the largest gradient: PyTorch's float32 loses digits where
/// x − μ cancels (x = 10 ± 0.001: 0.04 on gradients of ~640, with the page's 0.006 from exact).
pub fn grad_snippet(layer: &BatchNorm1d, shape: &BatchShape, training: bool, lang: Lang) -> String {
    let dims: Vec<String> = shape.dims().iter().map(|d| d.to_string()).collect();
    // bn_state.json is the layer after this step (the page's one file of it): what the check
    // needs of it is the same before and after.
    // What the pass normalizes with; without running statistics eval mode uses the batch's too.
    let mode = match (training, layer.config().track_running_stats) {
        (true, _) => format!("train()  # {}", t(lang, "code-grad-train")),
        (false, true) => format!("eval()  # {}", t(lang, "code-grad-eval")),
        (false, false) => format!("eval()  # {}", t(lang, "code-grad-eval-batch")),
    };
    let mut code = format!(
        "{}\n\
         files = (\"bn_input.csv\", \"bn_grad_output.csv\", \"bn_grad_input.csv\")\n\
         x, grad_output, grad_input = (read(f).reshape({}) for f in files)\n\
         x.requires_grad_(); (bn(x) * grad_output).sum().backward()\n",
        load_layer(layer, &mode),
        dims.join(", ")
    );
    if layer.affine().is_some() {
        code.push_str(
            "grads = json.load(open(\"bn_grads.json\"))\n\
             pairs = [(x.grad, grad_input), (bn.weight.grad, torch.tensor(grads[\"weight\"])), (bn.bias.grad, torch.tensor(grads[\"bias\"]))]\n",
        );
    } else {
        code.push_str("pairs = [(x.grad, grad_input)]\n");
    }
    code.push_str(&format!(
        "largest = max((a - b).abs().max().item() for a, b in pairs)  # {}\n\
         scale = max(b.abs().max().item() for a, b in pairs) or 1\n\
         print(\"largest difference:\", largest, \"· relative to the largest gradient:\", largest / scale)\n",
        t(lang, "code-float32")
    ));
    fit_lines(&code)
}

/// [`grad_snippet`] for the lab's current step: its layer, its batch's shape, and the mode of the pass
/// the page shows (after eval → train without a Step that is still the eval pass). At a refused
/// step, [`refused_grad_snippet`]. (None is kept for a lab with neither, which the page never has.)
pub fn grad_lab_snippet(lab: &Lab, lang: Lang) -> Option<String> {
    if let Some(refusal) = lab.refusal() {
        let kind = crate::explain::exception(&refusal.error);
        return Some(refused_grad_snippet(lab.layer(), &input_shape(lab), lab.settings().training, &kind, lang));
    }
    let trace = lab.trace()?;
    Some(grad_snippet(lab.layer_before(), &trace.shape, trace.training, lang))
}

/// The gradients' snippet at a refused step, which has none (the panel's box was empty): the
/// layer and the batch the page refused (`bn_state.json`, `bn_input.csv`, exported at a refused
/// step too), `x.requires_grad_()`, and the forward and backward, which PyTorch refuses: it
/// prints PyTorch's own words (`kind`: the exception it raises, `ValueError`). Its comment, in
/// `lang`, says why there is no gradient.
pub fn refused_grad_snippet(layer: &BatchNorm1d, shape: &BatchShape, training: bool, kind: &str, lang: Lang) -> String {
    let dims: Vec<String> = shape.dims().iter().map(|d| d.to_string()).collect();
    let mode = if training { "train" } else { "eval" };
    fit_lines(&format!(
        "{}\n\
         x = read(\"{INPUT_FILE}\").reshape({}).requires_grad_()\n\
         # {}\n\
         try: bn(x).sum().backward()\n\
         except {kind} as e: print(f\"{kind}: {{e}}\")",
        load_layer(layer, &format!("{mode}()")),
        dims.join(", "),
        t(lang, "code-grad-refused")
    ))
}

/// `digits_model_folded.json`: the folded model's state_dict (`core::fold::fold_net`), weights
/// as nested lists `[out][in]`.
pub fn folded_model_json(folded: &Net) -> String {
    net_json(folded)
}

/// The PyTorch that checks `digits_model_folded.json`: against PyTorch's own
/// `fuse_linear_bn_eval` (both modules in eval mode) and against the BatchNorm model's eval
/// outputs (model A, `digits_model_a.json`: the fold is offered only when it is the tutorial's model).
/// Comments in `lang`.
pub fn fold_snippet(lang: Lang) -> String {
    // Lines of at most 72 characters (Python's own continuation inside brackets): the page
    // wraps a longer one softly, and the box on a tablet scrolled sideways through one of 190.
    format!(
        "import json, torch\n\
         from torch import nn\n\
         from torch.nn.utils.fusion import fuse_linear_bn_eval\n\
         load = lambda model, file: model.load_state_dict(\n    \
         {{k: torch.tensor(v) for k, v in json.load(open(file)).items()}})\n\
         with_bn = nn.Sequential(nn.Linear(64, 128), nn.BatchNorm1d(128),\n                        \
         nn.ReLU(), nn.Linear(128, 10))\n\
         load(with_bn, \"digits_model_a.json\"); with_bn.eval()\n\
         folded = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))\n\
         load(folded, \"digits_model_folded.json\"); folded.eval()\n\
         fused = fuse_linear_bn_eval(with_bn[0], with_bn[1])  # {}\n\
         x = torch.rand(1000, 64)  # {}\n\
         with torch.no_grad():\n    \
         print(\"vs fuse_linear_bn_eval:\",\n          \
         max((folded[0].weight - fused.weight).abs().max().item(),\n              \
         (folded[0].bias - fused.bias).abs().max().item()),\n          \
         \"· outputs vs model.eval():\",\n          \
         (folded(x) - with_bn(x)).abs().max().item())\n",
        t(lang, "code-fuse"),
        t(lang, "code-any-images")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::BatchNormConfig;

    #[test]
    fn the_state_dict_has_pytorchs_keys() {
        let mut bn = BatchNorm1d::new(BatchNormConfig::new(2)).unwrap();
        bn.forward(&[1.0, 2.0, 3.0, 5.0], &[2, 2]).unwrap();
        let json = state_dict_json(&bn);
        for key in [
            "\"weight\": [1.0, 1.0]",
            "\"bias\": [0.0, 0.0]",
            "\"running_mean\": [0.2, 0.35]",
            "\"num_batches_tracked\": 1",
        ] {
            assert!(json.contains(key), "{json}");
        }
        let config = BatchNormConfig { affine: false, track_running_stats: false, ..BatchNormConfig::new(2) };
        assert_eq!(state_dict_json(&BatchNorm1d::new(config).unwrap()), "{}\n");
    }

    #[test]
    fn csv_rows_are_samples() {
        let shape = BatchShape::ncl(2, 2, 2);
        assert_eq!(batch_csv(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.5], &shape), "1,2,3,4\n5,6,7,8.5\n");
    }

    /// What `json.load` reads back: NaN and ±Infinity, never `null`.
    #[test]
    fn non_finite_values_are_spelled_as_python_reads_them() {
        assert_eq!(
            json_list(&[f32::NAN, f32::INFINITY, f32::NEG_INFINITY, 0.35, 1e-5]),
            "[NaN, Infinity, -Infinity, 0.35, 1e-05]"
        );
        let mut bn = BatchNorm1d::new(BatchNormConfig::new(2)).unwrap();
        bn.forward(&[f32::NAN, 1.0, 2.0, f32::INFINITY], &[2, 2]).unwrap();
        let json = state_dict_json(&bn);
        assert!(json.contains("\"running_mean\": [NaN, Infinity]") && !json.contains("null"), "{json}");
    }

    /// Every tensor in PyTorch's shape: `0.weight` is 128 lists of 64, the last Linear's 10 of 128.
    #[test]
    fn net_json_nests_linear_weights_as_out_by_in() {
        use crate::core::net::{Activation, Norm};
        for batchnorm in [true, false] {
            let norm = if batchnorm { Norm::BatchNorm } else { Norm::None };
            let model = Net::new(NetSpec::mlp(64, &[128], 10, Activation::Relu, norm).unwrap(), 1).unwrap();
            let json: serde_json::Value = serde_json::from_str(&net_json(&model)).unwrap();
            let shape = |key: &str| {
                let v = &json[key];
                match v.as_array() {
                    Some(rows) if rows.first().is_some_and(|r| r.is_array()) => {
                        vec![rows.len(), rows[0].as_array().map_or(0, |r| r.len())]
                    }
                    Some(values) => vec![values.len()],
                    None => vec![],
                }
            };
            let last = if batchnorm { "3" } else { "2" };
            assert_eq!(shape("0.weight"), vec![128, 64]);
            assert_eq!(shape("0.bias"), vec![128]);
            assert_eq!(shape(&format!("{last}.weight")), vec![10, 128]);
            assert_eq!(shape(&format!("{last}.bias")), vec![10]);
            let Layer::Linear(first) = &model.layers()[0] else { panic!("the first layer is Linear") };
            assert_eq!(json["0.weight"][1][2].as_f64().unwrap() as f32, first.weight[64 + 2], "row-major [out][in]");
            if batchnorm {
                assert_eq!(shape("1.weight"), vec![128]);
                assert_eq!(shape("1.running_var"), vec![128]);
                assert_eq!(json["1.num_batches_tracked"], 0);
            } else {
                assert!(json.get("1.weight").is_none());
            }
        }
    }

    /// The Train view's code loads each file into its own model: model B's (GroupNorm in Wu &
    /// He's preset) into model B's layers, not model A's (review22: only model A's code was
    /// shown, and model B's file loaded into it gave "Missing key(s) in state_dict"). Lines fit
    /// a printed page, and the comment is in the page's language.
    #[test]
    fn the_train_snippet_loads_each_model_from_its_file() {
        use crate::trainer::TrainSettings;
        for preset in ["tutorial", "wuhe", "santurkar", "fig1"] {
            let settings = TrainSettings::preset(preset, 1).unwrap();
            let (a, b) = (settings.spec(0).unwrap(), settings.spec(1).unwrap());
            let code = train_snippet([&a, &b], Lang::En);
            assert!(code.contains("print(load(model_a, \"digits_model_a.json\")); model_a.eval()"), "{code}");
            assert!(code.contains("print(load(model_b, \"digits_model_b.json\")); model_b.eval()"), "{code}");
            // Each model's layers, unwrapped, are its own nn.Sequential.
            let joined = code.replace("\n    ", " ").replace("( ", "(");
            assert!(joined.contains(&format!("model_a = {}", sequential_code(&a))), "{joined}");
            assert!(joined.contains(&format!("model_b = {}", sequential_code(&b))), "{joined}");
            for line in code.lines() {
                assert!(line.chars().count() <= CODE_WIDTH, "{preset}: {line}");
            }
            if preset == "wuhe" {
                assert!(code.contains("nn.GroupNorm(8, 64)"), "{code}");
            }
            let hant = train_snippet([&a, &b], Lang::ZhHant);
            assert!(hant.contains("目錄中執行") && !hant.contains("folder"), "{hant}");
        }
    }
}

#[cfg(test)]
mod grad_tests {
    use super::*;

    #[test]
    fn nested_lists_have_pytorchs_shape() {
        assert_eq!(nested(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3]), "[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]");
        assert_eq!(nested(&[1.5, f32::NAN], &[2]), "[1.5, NaN]");
        let json = nested_state_json(&[("0.bias", &[0.5], vec![1])], &[("1.num_batches_tracked", 3)]);
        assert_eq!(json, "{\n  \"0.bias\": [0.5],\n  \"1.num_batches_tracked\": 3\n}\n");
    }

    #[test]
    fn the_snippet_follows_the_layer() {
        let layer = BatchNorm1d::new(crate::core::BatchNormConfig::new(4)).unwrap();
        let code = grad_snippet(&layer, &BatchShape::ncl(3, 4, 2), false, Lang::En);
        assert!(
            code.contains("bn = nn.BatchNorm1d(4)\n")
                && code.contains("bn.eval()")
                && code.contains("reshape(3, 4, 2)")
        );
        assert!(code.contains("bn_grads.json"));
        // float32 in PyTorch: the largest difference, and the same over the largest gradient
        // (0.044 alone read as a mismatch at x = 10 ± 0.001, where gradients are ~640).
        assert!(code.contains("relative to the largest gradient") && code.contains("float32"), "{code}");
        let hans = grad_snippet(&layer, &BatchShape::ncl(3, 4, 2), true, Lang::ZhHans);
        assert!(
            hans.contains("运行统计量") && hans.contains("相对差异") && !hans.contains("running statistics"),
            "{hans}"
        );
    }

    /// Without running statistics eval mode normalizes with the batch's own (review21: the
    /// comment said it used the running statistics), and a layer without γ is not said to have one.
    #[test]
    fn the_snippet_says_what_the_pass_normalizes_with() {
        let mut config = crate::core::BatchNormConfig::new(4);
        config.track_running_stats = false;
        config.affine = false;
        let layer = BatchNorm1d::new(config).unwrap();
        let code = grad_snippet(&layer, &BatchShape::nc(3, 4), false, Lang::En);
        // The comment is long: on its own lines above the code it explains.
        assert!(code.contains("# as in this step (without running statistics, eval mode too"), "{code}");
        assert!(code.contains("bn.eval()\n"), "{code}");
        assert!(!code.contains("uses the running statistics") && !code.contains("γ"), "{code}");
        let train = grad_snippet(&layer, &BatchShape::nc(3, 4), true, Lang::En);
        assert!(!train.contains("γ and β"), "{train}");
    }

    /// Every comment of every code block the page shows is in the page's language: in Chinese
    /// each holds Chinese (the gradient, fold and lab code's were English there).
    #[test]
    fn code_comments_speak_the_pages_language() {
        let affine = BatchNorm1d::new(crate::core::BatchNormConfig::new(4)).unwrap();
        let config = crate::core::BatchNormConfig { affine: false, ..crate::core::BatchNormConfig::new(4) };
        let plain = BatchNorm1d::new(config).unwrap();
        for lang in [Lang::ZhHant, Lang::ZhHans] {
            let mut blocks = vec![fold_snippet(lang)];
            for (layer, training) in [(&affine, true), (&affine, false), (&plain, true)] {
                blocks.push(grad_snippet(layer, &BatchShape::ncl(3, 4, 2), training, lang));
            }
            for training in [true, false] {
                let mut lab = Lab::new(crate::lab::Settings::default()).unwrap();
                lab.set_gamma_beta(1.5, 0.5).unwrap();
                lab.set_training(training);
                blocks.push(crate::explain::pytorch_code(&lab, lang));
            }
            for block in &blocks {
                // A comment starts at "  # " or at the line's start (no "#" in these strings);
                // a long one goes on on the `#` lines below it (fit_lines): one comment.
                let mut comments: Vec<String> = Vec::new();
                let mut continued = false;
                for line in block.lines() {
                    if let Some(rest) = line.trim_start().strip_prefix("# ") {
                        match comments.last_mut() {
                            Some(last) if continued => last.push_str(rest),
                            _ => comments.push(rest.to_string()),
                        }
                        continued = true;
                        continue;
                    }
                    continued = false;
                    if let Some(at) = line.find("  # ") {
                        comments.push(line[at + 4..].to_string());
                    }
                }
                for comment in comments {
                    assert!(comment.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{lang:?}: {comment}");
                }
            }
        }
    }

    #[test]
    fn the_fold_check_is_the_same_code_in_every_language() {
        let code = |lang| {
            fold_snippet(lang).lines().map(|l| l.split("  #").next().unwrap_or("").to_string()).collect::<Vec<_>>()
        };
        assert_eq!(code(Lang::En), code(Lang::ZhHans));
        assert!(fold_snippet(Lang::En).contains("{k: torch.tensor(v) for k, v in json.load(open(file)).items()}"));
        // Short lines: a box on a tablet (about 85 characters of its font) scrolled sideways.
        for lang in Lang::ALL {
            let code = fold_snippet(lang);
            let longest = code.lines().map(|l| l.split("  #").next().unwrap_or("").chars().count()).max();
            assert!(longest <= Some(75), "{longest:?}: {code}");
        }
    }
}

#[cfg(test)]
mod print_tests {
    use super::*;
    use crate::lab::Settings;

    /// The lab handout's code as printed (review22, `?do=s3` on paper): a long trailing comment
    /// wrapped onto a line without `#`, a SyntaxError typed from the paper. Every line of the
    /// code the page shows fits [`CODE_WIDTH`] columns (Chinese characters two), its long
    /// comments on `#` lines of their own, in every language; so do the Export snippets.
    #[test]
    fn every_line_of_the_shown_code_fits_a_printed_page() {
        for block in shown_code() {
            for line in block.lines() {
                assert!(columns(line) <= CODE_WIDTH, "{} columns: {line}\n{block}", columns(line));
            }
        }
    }

    /// The labs whose code the tests read: steps taken, eval mode with γ and β set, a batch of
    /// one, (N, C, L), the student's own batch, a refused batch (counted), γ and β trained.
    fn labs() -> Vec<Lab> {
        let mut labs = Vec::new();
        let mut lab = Lab::new(Settings { feature: 127, ..Settings::default() }).unwrap();
        for _ in 0..2 {
            lab.step();
        }
        labs.push(lab);
        let mut eval = Lab::new(Settings::default()).unwrap();
        eval.set_gamma_beta(1.5, -0.25).unwrap();
        eval.step();
        eval.set_training(false);
        labs.push(eval);
        let mut one = Lab::new(Settings { batch_size: 1, ..Settings::default() }).unwrap();
        one.step();
        labs.push(one);
        labs.push(Lab::new(Settings { length: 5, feature: 100, ..Settings::default() }).unwrap());
        let mut own = Lab::new(Settings::default()).unwrap();
        own.use_own_data(vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0], &[3, 2]).unwrap();
        labs.push(own);
        let mut edited = Lab::new(Settings::default()).unwrap();
        edited.step();
        edited.set_value(0, 0, 8.0).unwrap();
        labs.push(edited);
        labs
    }

    /// Every block of code the page shows for [`labs`], in every language: the lab's code, its
    /// Export snippets, the gradient's and the folded model's.
    fn shown_code() -> Vec<String> {
        let mut blocks = Vec::new();
        for lab in &labs() {
            let shape = input_shape(lab);
            blocks.extend([lab_snippet(lab), refused_snippet(lab.layer(), &shape, true, "ValueError")]);
            for lang in Lang::ALL {
                blocks.push(crate::explain::pytorch_code(lab, lang));
                blocks.extend(grad_lab_snippet(lab, lang));
                blocks.push(refused_grad_snippet(lab.layer(), &shape, true, "ValueError", lang));
                blocks.push(fold_snippet(lang));
            }
        }
        blocks
    }

    /// Where one `#` line of a comment goes on to the next between two Chinese characters
    /// (punctuation aside): inside a word such as 批量, 归一化 or 變異數 as often as not.
    fn break_inside_chinese(lines: &[&str]) -> Option<String> {
        let han = |c: Option<char>| c.is_some_and(|c| wide(c) && !closing(c) && !opening(c));
        lines.windows(2).find_map(|pair| {
            let (a, b) = (pair[0].trim_start(), pair[1].trim_start());
            let (Some(a), Some(b)) = (a.strip_prefix("# "), b.strip_prefix("# ")) else { return None };
            (han(a.chars().last()) && han(b.chars().next())).then(|| format!("{a} | {b}"))
        })
    }

    /// The code's Chinese comments break between words (review: "…批 / 量…" across two lines):
    /// after punctuation, before an opening mark, or where Chinese meets a Latin word — in every
    /// snippet the page shows, and for each comment of the code at the page's width (88
    /// columns), at the top level and indented.
    #[test]
    fn chinese_comments_break_between_words() {
        for block in shown_code() {
            let lines: Vec<&str> = block.lines().collect();
            assert_eq!(break_inside_chinese(&lines), None, "\n{block}");
        }
        for lang in [Lang::ZhHant, Lang::ZhHans] {
            let export = crate::i18n::t(lang, "export");
            let own = format!("{} → {export}", crate::i18n::t(lang, "own-data"));
            let values = [("f", "127"), ("k", "12"), ("n", "1.0"), ("own", &own), ("export", &export)];
            let keys = include_str!("i18n.rs")
                .split("(\"code-")
                .skip(1)
                .map(|k| format!("code-{}", &k[..k.find('"').unwrap()]));
            let mut seen = 0;
            for key in keys {
                let comment = crate::i18n::tf(lang, &key, &values);
                for indent in ["", "    ", "        "] {
                    let lines = comment_lines(&comment, indent, CODE_WIDTH);
                    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
                    assert_eq!(break_inside_chinese(&lines), None, "{key}: {lines:#?}");
                    let said: String = lines.iter().map(|l| l.trim_start().trim_start_matches("# ")).collect();
                    assert_eq!(said.replace(' ', ""), comment.replace(' ', ""), "{key}: nothing lost");
                    seen += usize::from(lines.len() > 1);
                }
            }
            assert!(seen >= 3, "{lang:?}: the long comments are wrapped ({seen})");
        }
        // A run of Chinese longer than a line is still cut, between characters, never before "，".
        let lines = comment_lines(&"漢".repeat(60), "", CODE_WIDTH);
        assert!(lines.len() == 2 && lines.iter().all(|l| columns(l) <= CODE_WIDTH), "{lines:?}");
        let lines = comment_lines(&format!("{}，{}", "漢".repeat(42), "字".repeat(10)), "", CODE_WIDTH);
        assert!(lines[1].starts_with("# 漢，") || lines[0].ends_with('，'), "{lines:?}");
        // English still breaks at spaces.
        let lines = comment_lines(&"word ".repeat(30), "", 40);
        assert!(lines.iter().all(|l| l.ends_with("word")), "{lines:?}");
    }

    /// A trailing comment too long for its line goes above the code it explains, at its
    /// indent, wrapped at spaces (English) or between characters (Chinese), each line a `#`.
    #[test]
    fn a_long_comment_goes_on_its_own_lines() {
        let long = format!("    y = bn(x)  # {}", "word ".repeat(30).trim_end());
        let fitted = fit_lines(&format!("with torch.no_grad():\n{long}\nprint(1)  # short\n"));
        let lines: Vec<&str> = fitted.lines().collect();
        assert_eq!(lines[0], "with torch.no_grad():");
        assert!(lines[1].starts_with("    # word word") && lines[2].starts_with("    # word"), "{fitted}");
        assert_eq!(lines[3], "    y = bn(x)", "{fitted}");
        assert_eq!(lines[4], "print(1)  # short", "a comment that fits stays");
        assert!(fitted.ends_with('\n'));
        let chinese = fit_lines(&format!("x = 1  # {}", "漢字，".repeat(40)));
        let lines: Vec<&str> = chinese.lines().collect();
        assert!(lines.len() >= 3 && lines.last() == Some(&"x = 1"), "{chinese}");
        for line in &lines[..lines.len() - 1] {
            assert!(line.starts_with("# ") && !line.starts_with("# ，") && columns(line) <= CODE_WIDTH, "{line}");
        }
        // A long call breaks after a comma inside its brackets, never inside a string.
        let call = format!("print(\"a, b\", {})", (0..40).map(|i| i.to_string()).collect::<Vec<_>>().join(", "));
        let broken = fit_lines(&call);
        assert!(broken.lines().count() == 2 && broken.starts_with("print(\"a, b\", 0, 1"), "{broken}");
        assert_eq!(broken.replace("\n    ", " "), call);
    }
}
