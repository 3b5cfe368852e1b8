//! Training the tutorial's model, checked against PyTorch: every `mlp-golden/1` case, one line
//! each, through the network the Train view runs (`core::net::Net` and `net::Sgd`).
//!
//! Reads every `*.json` of `$BN_MLP_GOLDEN_DIR` when set, else of `tests/golden/mlp/`:
//! `BN_MLP_GOLDEN_DIR=some/folder cargo test --test mlp_parity -- --nocapture`
#![cfg(not(target_arch = "wasm32"))]

mod support;

use batchnorm_playground::core::net::{Activation, Net, NetSpec, Norm, Sgd};
use batchnorm_playground::csv::parse_digits_csv;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use support::compare::{floats, labels, number, parse_python_json, size};
use support::golden::run_case_text;
use support::net_state::{check_final_and_eval, check_step, sgd, state_dict};

/// The case's model as the page builds it: the tutorial's `nn.Sequential` (Linear, [BatchNorm1d],
/// ReLU, Linear) as a `core::net::NetSpec`, with the BatchNorm's eps and momentum.
fn spec(model: &Value) -> Result<NetSpec, String> {
    let (inputs, hidden, classes) =
        (size(&model["in"], "model.in")?, size(&model["hidden"], "model.hidden")?, size(&model["out"], "model.out")?);
    let batchnorm = model["batchnorm"].as_bool().ok_or("model.batchnorm is missing")?;
    let norm = if batchnorm { Norm::BatchNorm } else { Norm::None };
    let spec = NetSpec::mlp(inputs, &[hidden], classes, Activation::Relu, norm)
        .map_err(|e| format!("network refused: {e:?}"))?;
    if !batchnorm {
        return Ok(spec);
    }
    let bn = &model["bn"];
    let momentum = match &bn["momentum"] {
        Value::Null => None,
        v => Some(number(v)?),
    };
    spec.with_norm_settings(number(&bn["eps"])?, momentum).map_err(|e| format!("norm settings refused: {e:?}"))
}

/// One case through what the Train view runs: `core::net::Net` loaded with the case's initial
/// state, trained step by step with `net::Sgd`, then its final state and eval-mode logits.
fn run(case: &Value) -> Result<(), String> {
    if case["format"].as_str() != Some("mlp-golden/1") {
        return Err(format!("unknown format {}", case["format"]));
    }
    let mut model = Net::from_state_dict(spec(&case["model"])?, &state_dict(&case["initial"])?)
        .map_err(|e| format!("initial state refused: {e:?}"))?;
    let mut sgd = sgd(case)?;
    let steps = case["steps"].as_array().ok_or("no steps")?;
    for (k, step) in steps.iter().enumerate() {
        let x = floats(&step["x"])?;
        let y = labels(&step["y"])?;
        let loss = model.train_step(&x, &y, &mut sgd).map_err(|e| format!("step {k}: refused ({e:?})"))?;
        let expect = &step["expect"];
        check_step(k, Vec::new(), &model, loss, expect)?;
    }
    check_final_and_eval(&mut model, case)
}

#[test]
fn every_case_matches_pytorch() {
    support::folder::run_every_case("BN_MLP_GOLDEN_DIR", "tests/golden/mlp", run);
}

/// The harness itself must notice a wrong number: a loss, a final weight, an eval logit, the count.
#[test]
fn a_corrupted_case_fails() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/mlp");
    let path = dir.join("bn_sgd.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: {} is missing", path.display());
        return;
    };
    let case = parse_python_json(&text).expect("bn_sgd.json parses");
    assert!(run(&case).is_ok(), "the untouched case passes");

    type Corruption = (&'static str, fn(&mut Value));
    let corruptions: [Corruption; 5] = [
        ("a step's loss", |c| {
            c["steps"][1]["expect"]["loss"] = (c["steps"][1]["expect"]["loss"].as_f64().unwrap() + 1e-3).into()
        }),
        ("a final weight", |c| c["final"]["3.weight"][5] = (c["final"]["3.weight"][5].as_f64().unwrap() + 1e-3).into()),
        ("a running variance", |c| {
            c["final"]["1.running_var"][0] = (c["final"]["1.running_var"][0].as_f64().unwrap() * 1.01).into()
        }),
        ("num_batches_tracked", |c| c["final"]["1.num_batches_tracked"] = 4.into()),
        ("an eval logit", |c| {
            c["eval"]["expect"]["logits"][7] = (c["eval"]["expect"]["logits"][7].as_f64().unwrap() - 1e-2).into()
        }),
    ];
    for (what, corrupt) in corruptions {
        let mut bad = case.clone();
        corrupt(&mut bad);
        let outcome = run_case_text(&bad.to_string(), "corrupted", run);
        assert!(outcome.failure.is_some(), "changing {what} went unnoticed");
        println!("{what}: {}", outcome.line());
    }
}

/// Reads the digits file only when it is there: the parity cases embed their own batches.
fn digits_csv() -> Option<String> {
    let path = Path::new("/work/shared/data/digits.csv");
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(_) => {
            println!("skipped: {} is not here", path.display());
            None
        }
    }
}

/// The golden batches are rows of the CSV read as pixel / 16: our parser reads the data PyTorch saw.
#[test]
fn golden_batches_are_rows_of_digits_csv() {
    let Some(text) = digits_csv() else { return };
    let digits = parse_digits_csv(&text).expect("digits.csv parses");
    assert_eq!(digits.len(), 1797);
    let mut rows: HashMap<Vec<u32>, Vec<usize>> = HashMap::new();
    for (image, &label) in digits.images.chunks_exact(64).zip(&digits.labels) {
        rows.entry(image.iter().map(|v| v.to_bits()).collect()).or_default().push(label);
    }
    for path in support::folder::case_files(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/mlp")) {
        let case = parse_python_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for step in case["steps"].as_array().unwrap() {
            let x = floats(&step["x"]).unwrap();
            let y = labels(&step["y"]).unwrap();
            for (image, label) in x.chunks_exact(64).zip(y) {
                let key: Vec<u32> = image.iter().map(|v| v.to_bits()).collect();
                let found = rows.get(&key).unwrap_or_else(|| panic!("{}: an image not in digits.csv", path.display()));
                assert!(found.contains(&label), "{}: label {label} not the CSV's {found:?}", path.display());
            }
        }
    }
}

/// A short run on the real data learns: test accuracy well above chance, with and without BatchNorm.
#[test]
fn digits_csv_trains_when_present() {
    let Some(text) = digits_csv() else { return };
    let digits = parse_digits_csv(&text).expect("digits.csv parses");
    let (train, test) = digits.split(0, 0.2).unwrap();
    for batchnorm in [true, false] {
        let norm = if batchnorm { Norm::BatchNorm } else { Norm::None };
        let mut model = Net::new(NetSpec::mlp(64, &[128], 10, Activation::Relu, norm).unwrap(), 42).unwrap();
        let mut sgd = Sgd::new(0.1, 0.9).unwrap();
        let order = train.shuffled_indices(1);
        for batch in order.chunks_exact(32).take(40) {
            let (x, y) = train.batch(batch).unwrap();
            model.train_step(&x, &y, &mut sgd).unwrap();
        }
        let acc = model.accuracy(&test.images, &test.labels).unwrap();
        println!("batchnorm={batchnorm}: test accuracy {acc:.3} after 40 steps of 32");
        assert!(acc > 0.8, "batchnorm={batchnorm}: accuracy {acc}");
    }
}
