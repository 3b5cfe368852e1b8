//! Every normalization reference case (`norm-golden/1`, see `tests/golden/FORMAT.md`) computed
//! by PyTorch, one line each: BatchNorm1d, LayerNorm, GroupNorm and InstanceNorm1d.
//!
//! Reads every `*.json` of `$BN_NORM_GOLDEN_DIR` when set, else of `tests/golden/norms/`:
//! `BN_NORM_GOLDEN_DIR=some/folder cargo test --test norm_parity -- --nocapture`
#![cfg(not(target_arch = "wasm32"))]

mod support;

use batchnorm_playground::core::norms::{GroupNorm, InstanceNorm1d, LayerNorm, NormTrace, Normalization, DEFAULT_EPS};
use batchnorm_playground::core::{BatchNorm1d, BatchNormConfig, BnError};
use serde_json::Value;
use std::path::PathBuf;
use support::compare::{compare, floats, number, opt_floats, parse_python_json, sizes};

/// `config[key]` as a bool, or PyTorch's default when absent.
fn flag(config: &Value, key: &str, default: bool) -> Result<bool, String> {
    match config.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(v) => v.as_bool().ok_or_else(|| format!("config.{key} is not a bool: {v}")),
    }
}

fn count(config: &Value, key: &str) -> Result<usize, String> {
    config[key].as_u64().map(|u| u as usize).ok_or_else(|| format!("config.{key} is missing"))
}

fn eps(config: &Value) -> Result<f64, String> {
    config.get("eps").map_or(Ok(DEFAULT_EPS), number)
}

/// `$layer` (a `Result`) with the case's γ and β set when given, boxed.
macro_rules! with_params {
    ($layer:expr, $weight:expr, $bias:expr) => {
        $layer.and_then(|mut layer| {
            if let Some(w) = $weight {
                layer.set_weight(w)?;
            }
            if let Some(b) = $bias {
                layer.set_bias(b)?;
            }
            Ok(Box::new(layer) as Box<dyn Normalization>)
        })
    };
}

/// The layer the case names, from its constructor arguments (PyTorch's defaults for absent
/// ones) and its weight and bias. `Err`: the case cannot be read; `Ok(Err)`: the core refused.
fn build(case: &Value) -> Result<Result<Box<dyn Normalization>, BnError>, String> {
    let c = &case["config"];
    let weight = opt_floats(case, "weight")?;
    let bias = opt_floats(case, "bias")?;
    let (w, b) = (weight.as_deref(), bias.as_deref());
    let layer = case["layer"].as_str().ok_or("layer is missing")?;
    Ok(match layer {
        "BatchNorm1d" => {
            let momentum = match c.get("momentum") {
                None => Some(0.1),
                Some(Value::Null) => None,
                Some(v) => Some(number(v)?),
            };
            let config = BatchNormConfig {
                num_features: count(c, "num_features")?,
                eps: eps(c)?,
                momentum,
                affine: flag(c, "affine", true)?,
                track_running_stats: flag(c, "track_running_stats", true)?,
            };
            BatchNorm1d::new(config).and_then(|mut bn| {
                bn.set_training(true);
                if let (Some(w), Some(b)) = (w, b) {
                    bn.set_affine(w, b)?;
                }
                Ok(Box::new(bn) as Box<dyn Normalization>)
            })
        }
        "LayerNorm" => {
            let shape = sizes(&c["normalized_shape"])?;
            let with_bias = flag(c, "bias", true)?;
            let ln = LayerNorm::new(&shape, eps(c)?, flag(c, "elementwise_affine", true)?);
            with_params!(ln.map(|ln| if with_bias { ln } else { ln.without_bias() }), w, b)
        }
        "GroupNorm" => {
            let with_bias = flag(c, "bias", true)?;
            let gn =
                GroupNorm::new(count(c, "num_groups")?, count(c, "num_channels")?, eps(c)?, flag(c, "affine", true)?);
            with_params!(gn.map(|gn| if with_bias { gn } else { gn.without_bias() }), w, b)
        }
        // Training mode: track_running_stats and momentum change neither output nor gradients;
        // track_running_stats only makes C count.
        "InstanceNorm1d" => {
            let with_bias = flag(c, "bias", true)?;
            let tracked = flag(c, "track_running_stats", false)?;
            let inn = InstanceNorm1d::new(count(c, "num_features")?, eps(c)?, flag(c, "affine", false)?).map(|inn| {
                if tracked {
                    inn.with_running_stats()
                } else {
                    inn
                }
            });
            with_params!(inn.map(|inn| if with_bias { inn } else { inn.without_bias() }), w, b)
        }
        other => return Err(format!("unknown layer {other:?}")),
    })
}

/// Runs the case; a refusal (of the layer or of the forward pass) is right only when the
/// case expects an `error`.
fn run_case(case: &Value) -> Result<(), String> {
    if case["format"].as_str() != Some("norm-golden/1") {
        return Err(format!("unknown format {}", case["format"]));
    }
    let expect = &case["expect"];
    let shape = sizes(&case["shape"])?;
    let input = floats(&case["input"])?;
    let forward = build(case)?.and_then(|mut layer| layer.forward(&input, &shape));
    match (forward, expect.get("error")) {
        (Err(e), Some(want)) => support::golden::same_words(&e, want),
        (Ok(_), Some(want)) => Err(format!("ran, but PyTorch refused it: {want}")),
        (Err(e), None) => Err(format!("refused ({e:?}), PyTorch ran it")),
        (Ok(trace), None) => check(&trace, expect),
    }
}

/// Output, then the gradients of `sum(output · grad_output)`; absent keys are not checked.
fn check(trace: &NormTrace, expect: &Value) -> Result<(), String> {
    let mut diffs = Vec::new();
    let want_output = opt_floats(expect, "output")?.ok_or("expect.output is missing")?;
    diffs.extend(compare("output", &trace.output, &want_output));
    if let Some(grad_output) = opt_floats(expect, "grad_output")? {
        let grads = trace.backward(&grad_output).map_err(|e| format!("backward refused: {e:?}"))?;
        if let Some(want) = opt_floats(expect, "grad_input")? {
            diffs.extend(compare("grad_input", &grads.grad_input, &want));
        }
        for (key, got) in [("grad_weight", &grads.grad_weight), ("grad_bias", &grads.grad_bias)] {
            match (opt_floats(expect, key)?, got) {
                (Some(want), Some(got)) => diffs.extend(compare(key, got, &want)),
                (Some(_), None) => diffs.push(format!("{key}: the layer has no such parameter")),
                (None, _) => {}
            }
        }
    }
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    }
}

#[test]
fn every_norm_case_matches_pytorch() {
    support::folder::run_every_case("BN_NORM_GOLDEN_DIR", "tests/golden/norms", run_case);
}

/// A case whose numbers are off, or that the core cannot run as PyTorch did, fails with a
/// message; an unknown layer is a failure, not a panic.
#[test]
fn a_wrong_case_fails() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/norms/ncl_groupnorm.json");
    let good = parse_python_json(&std::fs::read_to_string(path).expect("the repo's case")).expect("valid JSON");
    assert_eq!(run_case(&good), Ok(()));

    let nudged = |key: &str, index: usize, by: f64| {
        let mut case = good.clone();
        let v = number(&case["expect"][key][index]).expect("a number");
        case["expect"][key][index] = (v + by).into();
        run_case(&case).expect_err("a nudged value must fail")
    };
    assert!(nudged("output", 3, 0.01).starts_with("output[3]: got"));
    assert!(nudged("grad_input", 0, -0.01).starts_with("grad_input[0]: got"));
    assert!(nudged("grad_weight", 7, 0.01).starts_with("grad_weight[7]: got"));
    assert!(nudged("grad_bias", 1, 0.01).starts_with("grad_bias[1]: got"));

    let with = |key: &str, value: Value| {
        let mut case = good.clone();
        case[key] = value;
        run_case(&case)
    };
    assert_eq!(with("layer", "SomeNorm".into()), Err("unknown layer \"SomeNorm\"".into()));
    assert!(with("shape", serde_json::json!([6, 8, 4])).unwrap_err().starts_with("refused"));
    assert!(with("bias", serde_json::json!([0.0, 1.0])).unwrap_err().starts_with("refused"));
    assert!(with("format", "bn-golden/1".into()).unwrap_err().starts_with("unknown format"));
    assert!(with("expect", serde_json::json!({"error": "PyTorch refused"})).unwrap_err().starts_with("ran, but"));
}
