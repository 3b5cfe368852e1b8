//! A network's state_dict as the reference cases write it, compared key by key; and the end of
//! every training case: the final state and the eval-mode logits. Shared by the parity tests of
//! the tutorial's model (`mlp-golden/1`) and of any small network (`net-golden/1`).

use super::compare::{compare, floats, number};
use batchnorm_playground::core::net::{Net, NetState, Sgd, StateValue};
use serde_json::Value;

/// A state_dict from its JSON: lists of floats, and num_batches_tracked as a whole number.
pub fn state_dict(v: &Value) -> Result<NetState, String> {
    let obj = v.as_object().ok_or("a state dict is not an object")?;
    let mut state = NetState::default();
    for (key, value) in obj {
        let value = if key.ends_with("num_batches_tracked") {
            StateValue::Count(value.as_u64().ok_or_else(|| format!("{key} is not a whole number"))?)
        } else {
            StateValue::Floats(floats(value).map_err(|e| format!("{key}: {e}"))?)
        };
        state.entries.push((key.clone(), value));
    }
    Ok(state)
}

/// Every key of `want` matches `got` (counts exactly), and `got` has no other key.
pub fn compare_state(what: &str, got: &NetState, want: &NetState) -> Vec<String> {
    let mut diffs = Vec::new();
    for (key, value) in &want.entries {
        match (got.get(key), value) {
            (Some(StateValue::Floats(g)), StateValue::Floats(w)) => {
                diffs.extend(compare(&format!("{what} {key}"), g, w))
            }
            (Some(StateValue::Count(g)), StateValue::Count(w)) if g == w => {}
            (Some(g), w) => diffs.push(format!("{what} {key}: got {g:?}, want {w:?}")),
            (None, _) => diffs.push(format!("{what} {key}: the model has no such key")),
        }
    }
    for key in got.keys() {
        if want.get(key).is_none() {
            diffs.push(format!("{what} {key}: not in PyTorch's state_dict"));
        }
    }
    diffs
}

/// After the case's steps: the final state_dict, then the logits in eval mode.
pub fn check_final_and_eval(net: &mut Net, case: &Value) -> Result<(), String> {
    let diffs = compare_state("final", &net.state_dict(), &state_dict(&case["final"])?);
    if !diffs.is_empty() {
        return Err(diffs.join("; "));
    }
    let eval = &case["eval"];
    let logits = net.eval_logits(&floats(&eval["x"])?).map_err(|e| format!("eval refused: {e:?}"))?;
    match compare("eval logits", &logits, &floats(&eval["expect"]["logits"])?) {
        None => Ok(()),
        Some(diff) => Err(diff),
    }
}

/// The case's optimizer: SGD with its learning rate and momentum (the only kind the cases use).
pub fn sgd(case: &Value) -> Result<Sgd, String> {
    let opt = &case["optimizer"];
    if opt["kind"].as_str() != Some("sgd") {
        return Err(format!("unknown optimizer {}", opt["kind"]));
    }
    Sgd::new(number(&opt["lr"])?, number(&opt["momentum"])?).map_err(|e| format!("optimizer refused: {e:?}"))
}

/// After training step `k`: its logits and loss against the case's, added to what the step
/// found wrong already (`diffs`).
pub fn check_step(k: usize, mut diffs: Vec<String>, net: &Net, loss: f32, expect: &Value) -> Result<(), String> {
    diffs.extend(compare("logits", net.logits(), &floats(&expect["logits"])?));
    diffs.extend(compare("loss", &[loss], &[number(&expect["loss"])? as f32]));
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(format!("step {k}: {}", diffs.join("; ")))
    }
}
