//! The page's state in files a student can load in PyTorch: the layer's `state_dict` as JSON
//! (PyTorch's keys), the batch and the output as CSV, and the snippet that checks them.

use crate::core::{BatchNorm1d, BatchShape};
use crate::explain::constructor;

/// A JSON list of floats, each in its shortest form that reads back to the same f32.
fn json_list(values: &[f32]) -> String {
    let items: Vec<String> =
        values.iter().map(|v| if v.is_finite() { format!("{v}") } else { "null".into() }).collect();
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

/// Three lines of PyTorch that load the exported files and compare with the page's output.
pub fn snippet(layer: &BatchNorm1d, shape: &BatchShape, training: bool) -> String {
    let dims: Vec<String> = shape.dims().iter().map(|d| d.to_string()).collect();
    let mode = if training { "train" } else { "eval" };
    format!(
        "import json, numpy as np, torch; from torch import nn\n\
         bn = {}; bn.load_state_dict({{k: torch.tensor(v) for k, v in json.load(open(\"bn_state.json\")).items()}}); bn.{mode}()\n\
         x, y = (torch.tensor(np.loadtxt(f, delimiter=\",\", ndmin=2), dtype=torch.float32).reshape({}) for f in (\"bn_input.csv\", \"bn_output.csv\")); print((bn(x) - y).abs().max())",
        constructor(layer),
        dims.join(", ")
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
        for key in
            ["\"weight\": [1, 1]", "\"bias\": [0, 0]", "\"running_mean\": [0.2, 0.35]", "\"num_batches_tracked\": 1"]
        {
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
}
