//! Training any small network, checked against PyTorch: every `net-golden/1` case, one line each.
//!
//! Reads every `*.json` of `$BN_NET_GOLDEN_DIR` when set, else of `tests/golden/net/`:
//! `BN_NET_GOLDEN_DIR=some/folder cargo test --test net_parity -- --nocapture`
#![cfg(not(target_arch = "wasm32"))]

mod support;

use batchnorm_playground::core::net::{Activation, LayerSpec, Net, NetSpec};
use serde_json::Value;
use std::path::PathBuf;
use support::compare::{compare, floats, labels, number, parse_python_json, size};
use support::golden::run_case_text;
use support::net_state::{check_final_and_eval, check_step, sgd, state_dict};

/// eps as the case gives it, PyTorch's default when absent.
fn eps(layer: &Value) -> Result<f64, String> {
    match layer.get("eps") {
        None => Ok(1e-5),
        Some(v) => number(v),
    }
}

/// One entry of the case's `layers` list.
fn layer_spec(layer: &Value) -> Result<LayerSpec, String> {
    let kind = layer["kind"].as_str().ok_or("a layer has no kind")?;
    Ok(match kind {
        "linear" => LayerSpec::Linear { inputs: size(&layer["in"], "in")?, outputs: size(&layer["out"], "out")? },
        "batchnorm1d" => LayerSpec::BatchNorm1d {
            features: size(&layer["features"], "features")?,
            eps: eps(layer)?,
            momentum: match layer.get("momentum") {
                None => Some(0.1),
                Some(Value::Null) => None,
                Some(v) => Some(number(v)?),
            },
        },
        "layernorm" => LayerSpec::LayerNorm { features: size(&layer["features"], "features")?, eps: eps(layer)? },
        "groupnorm" => LayerSpec::GroupNorm {
            groups: size(&layer["groups"], "groups")?,
            features: size(&layer["features"], "features")?,
            eps: eps(layer)?,
        },
        other => LayerSpec::Activation(Activation::from_name(other).ok_or(format!("unknown layer kind {other}"))?),
    })
}

/// The probe of a step, before the step: loss and gradient change along the gradient.
fn check_probe(net: &Net, x: &[f32], y: &[usize], want: &Value) -> Result<Vec<String>, String> {
    let etas: Vec<f64> = want["etas"].as_array().ok_or("probe.etas")?.iter().map(number).collect::<Result<_, _>>()?;
    let probe = net.probe(x, y, &etas).map_err(|e| format!("probe refused: {e:?}"))?;
    let as_f32 = |v: &[f64]| v.iter().map(|&v| v as f32).collect::<Vec<f32>>();
    let mut diffs = Vec::new();
    diffs.extend(compare("probe grad_norm", &[probe.grad_norm as f32], &[number(&want["grad_norm"])? as f32]));
    diffs.extend(compare("probe loss", &as_f32(&probe.loss), &floats(&want["loss"])?));
    diffs.extend(compare("probe grad_change", &as_f32(&probe.grad_change), &floats(&want["grad_change"])?));
    Ok(diffs)
}

fn run(case: &Value) -> Result<(), String> {
    if case["format"].as_str() != Some("net-golden/1") {
        return Err(format!("unknown format {}", case["format"]));
    }
    let layers = case["layers"].as_array().ok_or("no layers")?;
    let spec = NetSpec::new(layers.iter().map(layer_spec).collect::<Result<_, _>>()?)
        .map_err(|e| format!("network refused: {e:?}"))?;
    let mut net = Net::from_state_dict(spec, &state_dict(&case["initial"])?)
        .map_err(|e| format!("initial state refused: {e:?}"))?;

    let mut sgd = sgd(case)?;

    let steps = case["steps"].as_array().ok_or("no steps")?;
    for (k, step) in steps.iter().enumerate() {
        let x = floats(&step["x"])?;
        let y = labels(&step["y"])?;
        let expect = &step["expect"];
        let mut diffs: Vec<String> = Vec::new();
        if let Some(want) = expect.get("probe") {
            let before = (net.state_dict(), sgd.clone());
            diffs.extend(check_probe(&net, &x, &y, want).map_err(|e| format!("step {k}: {e}"))?);
            if (net.state_dict(), sgd.clone()) != before {
                diffs.push("the probe changed the model".into());
            }
        }
        let loss = net.train_step(&x, &y, &mut sgd).map_err(|e| format!("step {k}: refused ({e:?})"))?;
        check_step(k, diffs, &net, loss, expect)?;
    }

    check_final_and_eval(&mut net, case)
}

#[test]
fn every_case_matches_pytorch() {
    support::folder::run_every_case("BN_NET_GOLDEN_DIR", "tests/golden/net", run);
}

/// The harness itself must notice a wrong number: a logit, a probe value, a running variance,
/// num_batches_tracked, an eval logit.
#[test]
fn a_corrupted_case_fails() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/net/fig1_bn_sigmoid.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: {} is missing", path.display());
        return;
    };
    let case = parse_python_json(&text).expect("fig1_bn_sigmoid.json parses");
    let nudge = |v: &mut Value, by: f64| *v = (v.as_f64().unwrap_or(0.0) + by).into();

    type Corruption = (&'static str, fn(&mut Value, &dyn Fn(&mut Value, f64)));
    let corruptions: [Corruption; 6] = [
        ("a step's logit", |c, nudge| nudge(&mut c["steps"][0]["expect"]["logits"][17], 1e-2)),
        ("a probe's grad_norm", |c, nudge| nudge(&mut c["steps"][2]["expect"]["probe"]["grad_norm"], 1e-3)),
        ("a probe's loss", |c, nudge| nudge(&mut c["steps"][1]["expect"]["probe"]["loss"][1], 1e-3)),
        ("a running variance", |c, nudge| nudge(&mut c["final"]["4.running_var"][3], 1e-2)),
        ("num_batches_tracked", |c, _| c["final"]["7.num_batches_tracked"] = 4.into()),
        ("an eval logit", |c, nudge| nudge(&mut c["eval"]["expect"]["logits"][5], -1e-2)),
    ];
    for (what, corrupt) in corruptions {
        let mut bad = case.clone();
        corrupt(&mut bad, &nudge);
        let outcome = run_case_text(&bad.to_string(), "corrupted", run);
        assert!(outcome.failure.is_some(), "changing {what} went unnoticed");
        println!("{what}: {}", outcome.line());
    }
}
