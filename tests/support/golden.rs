//! Runs one `bn-golden/1` case (see `tests/golden/FORMAT.md`) through the core.

use super::compare::{compare, floats, number, opt_floats, parse_python_json, sizes};
use batchnorm_playground::core::{BatchNorm1d, BatchNormConfig};
use serde_json::Value;

/// The case's name and, when it failed, what differed.
pub struct Outcome {
    pub name: String,
    pub failure: Option<String>,
}

impl Outcome {
    /// `case <name>: ok` or `case <name>: FAILED <what differed>`.
    pub fn line(&self) -> String {
        match &self.failure {
            None => format!("case {}: ok", self.name),
            Some(why) => format!("case {}: FAILED {why}", self.name),
        }
    }
}

/// Runs the case in `text` with `run`; `fallback_name` names it when the text cannot be read.
pub fn run_case_text(text: &str, fallback_name: &str, run: impl Fn(&Value) -> Result<(), String>) -> Outcome {
    let case = match parse_python_json(text) {
        Ok(v) => v,
        Err(e) => return Outcome { name: fallback_name.to_string(), failure: Some(e) },
    };
    let name = case["name"].as_str().unwrap_or(fallback_name).to_string();
    let failure = run(&case).err();
    Outcome { name, failure }
}

/// Runs one `bn-golden/1` case.
pub fn run_bn_case(text: &str, fallback_name: &str) -> Outcome {
    run_case_text(text, fallback_name, run)
}

/// One `bn-golden/1` case, parsed.
pub fn run_bn(case: &Value) -> Result<(), String> {
    run(case)
}

fn config(case: &Value) -> Result<BatchNormConfig, String> {
    let c = &case["config"];
    let num_features = c["num_features"].as_u64().ok_or("config.num_features is missing")? as usize;
    let momentum = match &c["momentum"] {
        Value::Null => None,
        v => Some(number(v)?),
    };
    Ok(BatchNormConfig {
        num_features,
        eps: number(&c["eps"])?,
        momentum,
        affine: c["affine"].as_bool().ok_or("config.affine is missing")?,
        track_running_stats: c["track_running_stats"].as_bool().ok_or("config.track_running_stats is missing")?,
    })
}

fn load_initial(bn: &mut BatchNorm1d, initial: &Value) -> Result<(), String> {
    if let (Some(w), Some(b)) = (opt_floats(initial, "weight")?, opt_floats(initial, "bias")?) {
        bn.set_affine(&w, &b).map_err(|e| format!("initial weight/bias refused: {e:?}"))?;
    }
    if let (Some(m), Some(v)) = (opt_floats(initial, "running_mean")?, opt_floats(initial, "running_var")?) {
        let nbt = initial["num_batches_tracked"].as_u64().unwrap_or(0);
        bn.set_running(&m, &v, nbt).map_err(|e| format!("initial running stats refused: {e:?}"))?;
    }
    Ok(())
}

fn run(case: &Value) -> Result<(), String> {
    if case["format"].as_str() != Some("bn-golden/1") {
        return Err(format!("unknown format {}", case["format"]));
    }
    let steps = case["steps"].as_array().ok_or("no steps")?;
    let mut bn = match BatchNorm1d::new(config(case)?) {
        Ok(bn) => bn,
        // A setting PyTorch rejects only at forward may be rejected when the layer is built:
        // then every step must be one PyTorch refused.
        Err(e) => {
            return match steps.iter().position(|s| s["expect"].get("error").is_none()) {
                None => Ok(()),
                Some(k) => Err(format!("the layer was refused ({e:?}), but PyTorch ran step {k}")),
            };
        }
    };
    load_initial(&mut bn, &case["initial"])?;
    for (k, step) in steps.iter().enumerate() {
        run_step(&mut bn, step).map_err(|why| format!("step {k}: {why}"))?;
    }
    Ok(())
}

fn run_step(bn: &mut BatchNorm1d, step: &Value) -> Result<(), String> {
    let training = step["training"].as_bool().ok_or("training is missing")?;
    bn.set_training(training);
    let shape = sizes(&step["shape"])?;
    let input = floats(&step["input"])?;
    let expect = &step["expect"];

    if let Some(want) = expect.get("error") {
        return check_refused(bn, &input, &shape, want);
    }
    let trace = bn.forward(&input, &shape).map_err(|e| format!("refused ({e:?}), PyTorch ran it"))?;
    let mut diffs = Vec::new();
    let want_output = opt_floats(expect, "output")?.ok_or("expect.output is missing")?;
    diffs.extend(compare("output", &trace.output, &want_output));
    if let Some(want) = opt_floats(expect, "running_mean")? {
        diffs.push(match bn.running() {
            Some(r) => compare("running_mean", &r.mean, &want).unwrap_or_default(),
            None => "running_mean: the layer has none".into(),
        });
    }
    if let Some(want) = opt_floats(expect, "running_var")? {
        diffs.push(match bn.running() {
            Some(r) => compare("running_var", &r.var, &want).unwrap_or_default(),
            None => "running_var: the layer has none".into(),
        });
    }
    if let Some(want) = expect.get("num_batches_tracked").and_then(Value::as_u64) {
        let got = bn.running().map(|r| r.num_batches_tracked);
        if got != Some(want) {
            diffs.push(format!("num_batches_tracked: got {got:?}, want {want}"));
        }
    }
    if let Some(grad_output) = opt_floats(expect, "grad_output")? {
        let grads = trace.backward(&input, &grad_output).map_err(|e| format!("backward refused: {e:?}"))?;
        if let Some(want) = opt_floats(expect, "grad_input")? {
            diffs.extend(compare("grad_input", &grads.grad_input, &want));
        }
        for (key, got) in [("grad_weight", &grads.grad_weight), ("grad_bias", &grads.grad_bias)] {
            if let Some(want) = opt_floats(expect, key)? {
                diffs.push(match got {
                    Some(got) => compare(key, got, &want).unwrap_or_default(),
                    None => format!("{key}: the layer has no affine parameters"),
                });
            }
        }
    }
    diffs.retain(|d| !d.is_empty());
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    }
}

/// PyTorch refused this step: so must the core, and the layer must be as it was, but for
/// PyTorch's own quirk: in training mode with running stats, a 2D/3D input that fails a later
/// check has already incremented num_batches_tracked.
fn check_refused(bn: &mut BatchNorm1d, input: &[f32], shape: &[usize], want: &Value) -> Result<(), String> {
    let mut expected = bn.clone();
    let counted = bn.is_training() && matches!(shape.len(), 2 | 3);
    if let (true, Some(r)) = (counted, bn.running()) {
        expected.set_running(&r.mean, &r.var, r.num_batches_tracked + 1).map_err(|e| format!("{e:?}"))?;
    }
    match bn.forward(input, shape) {
        Ok(_) => Err(format!("ran, but PyTorch refused it: {want}")),
        Err(e) if *bn != expected => Err(format!("refused ({e:?}) but changed the layer's state")),
        Err(e) => same_words(&e, want),
    }
}

/// Where the page quotes PyTorch for a refusal, the quote ends with PyTorch's recorded message
/// (the cases record it without the exception's type).
pub fn same_words(error: &batchnorm_playground::core::BnError, want: &Value) -> Result<(), String> {
    match (error.pytorch_message(), want.as_str()) {
        (Some(quote), Some(want)) if !quote.ends_with(&format!(": {want}")) => {
            Err(format!("quotes PyTorch as {quote:?}, but PyTorch said {want:?}"))
        }
        _ => Ok(()),
    }
}
