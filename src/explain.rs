//! The page's words and numbers: the computation step by step for one feature and one sample,
//! the PyTorch code of the current setting, and refusals in words a student understands.
//! Plain HTML strings, built from the lab's trace; nothing here computes a statistic.

use crate::core::{BatchNorm1d, Trace};
use crate::lab::{Lab, Refusal};

/// A number as the page prints it: 4 decimals, or scientific when very large or small.
pub fn num(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "∞".into() } else { "−∞".into() }
    } else if x != 0.0 && (x.abs() >= 1e5 || x.abs() < 1e-3) {
        format!("{x:.3e}")
    } else {
        format!("{x:.4}")
    }
}

/// A float as Python prints it (`repr`): `0.1`, `1.0`, `1e-05`.
pub fn py_float(x: f64) -> String {
    if x != 0.0 && (x.abs() < 1e-4 || x.abs() >= 1e16) {
        let s = format!("{x:e}");
        match s.split_once('e') {
            Some((mantissa, exp)) => {
                let (sign, digits) = exp.strip_prefix('-').map_or(("+", exp), |d| ("-", d));
                format!("{mantissa}e{sign}{digits:0>2}")
            }
            None => s,
        }
    } else {
        let s = format!("{x}");
        if s.contains('.') { s } else { format!("{s}.0") }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// `nn.BatchNorm1d(...)` with the arguments that differ from PyTorch's defaults.
pub fn constructor(layer: &BatchNorm1d) -> String {
    let c = layer.config();
    let mut args = vec![c.num_features.to_string()];
    if c.eps != 1e-5 {
        args.push(format!("eps={}", py_float(c.eps)));
    }
    match c.momentum {
        None => args.push("momentum=None".into()),
        Some(m) if m != 0.1 => args.push(format!("momentum={}", py_float(m))),
        Some(_) => {}
    }
    if !c.affine {
        args.push("affine=False".into());
    }
    if !c.track_running_stats {
        args.push("track_running_stats=False".into());
    }
    format!("nn.BatchNorm1d({})", args.join(", "))
}

/// PyTorch code that sets up the same layer and runs one batch of the same shape.
pub fn pytorch_code(lab: &Lab) -> String {
    let s = lab.settings();
    let dims: Vec<String> = s.dims().iter().map(|d| d.to_string()).collect();
    let mode = if s.training { "bn.train()   # batch statistics; running stats move" } else { "bn.eval()    # running statistics; nothing moves" };
    format!(
        "import torch\nfrom torch import nn\n\nbn = {}\n{mode}\nx = torch.randn({})  # a batch like the page's ({} data)\ny = bn(x)\nprint(bn.running_mean[{f}], bn.running_var[{f}], bn.num_batches_tracked)",
        constructor(lab.layer()),
        dims.join(", "),
        s.data.distribution.name(),
        f = s.feature,
    )
}

/// The status line: step, mode, num_batches_tracked and the followed feature's running stats.
pub fn status(lab: &Lab) -> String {
    let s = lab.settings();
    let mode = if s.training { "train mode" } else { "eval mode" };
    let outcome = if lab.refusal().is_some() { " (refused)" } else { "" };
    let running = match lab.layer().running() {
        Some(r) => format!(
            "num_batches_tracked = {} · feature {}: running_mean = {}, running_var = {}",
            r.num_batches_tracked,
            s.feature,
            num(r.mean[s.feature] as f64),
            num(r.var[s.feature] as f64)
        ),
        None => "no running statistics (track_running_stats=False)".into(),
    };
    format!("Step {}{outcome} · {mode} · {running}", lab.steps())
}

/// One row of the step-by-step table.
struct Row {
    name: &'static str,
    formula: String,
    numbers: String,
    value: String,
    note: &'static str,
}

fn row(name: &'static str, formula: &str, numbers: String, value: f64, note: &'static str) -> Row {
    Row { name, formula: formula.into(), numbers, value: num(value), note }
}

/// A row whose value is a count, printed without decimals.
fn count_row(name: &'static str, formula: &str, numbers: String, value: u64) -> Row {
    Row { name, formula: formula.into(), numbers, value: value.to_string(), note: "" }
}

fn table(rows: &[Row]) -> String {
    let mut html = String::from(
        "<table class=\"steps\"><thead><tr><th>step</th><th>formula</th><th>with the numbers</th><th>value</th></tr></thead><tbody>",
    );
    for r in rows {
        let note = if r.note.is_empty() { String::new() } else { format!("<div class=\"note\">{}</div>", r.note) };
        html.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td class=\"formula\">{}</td><td class=\"numbers\">{}</td><td class=\"value\">{}</td></tr>",
            r.name,
            r.formula,
            r.numbers,
            format_args!("{}{note}", r.value)
        ));
    }
    html.push_str("</tbody></table>");
    html
}

/// The computation for the selected feature and sample, formula and live values together.
pub fn step_by_step(lab: &Lab) -> String {
    if let Some(refusal) = lab.refusal() {
        return refusal_html(refusal, lab);
    }
    let Some(trace) = lab.trace() else {
        return "<p>Press <b>Step</b> to draw a batch.</p>".into();
    };
    let s = lab.settings();
    let (f, sample) = (s.feature, s.sample);
    let i = trace.shape.index(sample, f, 0);
    let (Some(&x), Some(&x_hat), Some(&y)) = (lab.batch().get(i), trace.x_hat.get(i), trace.output.get(i)) else {
        return "<p>Nothing to show for this feature.</p>".into();
    };
    let m = trace.shape.values_per_feature();
    let m_text = if trace.shape.has_length { format!("N·L = {}·{}", trace.shape.n, trace.shape.l) } else { "N".into() };
    let where_x = if trace.shape.has_length { format!("x[{sample}, {f}, 0]") } else { format!("x[{sample}, {f}]") };
    let eps = lab.layer().config().eps;
    let mut rows = vec![
        count_row("values per feature", "m", m_text, m as u64),
        row("this sample's value", "x", where_x, x as f64, ""),
    ];
    if let Some(b) = &trace.batch {
        rows.push(row("batch mean", "μ<sub>B</sub> = Σx / m", format!("Σx / {m}"), b.mean[f] as f64, ""));
        rows.push(row(
            "batch variance (biased)",
            "σ²<sub>B</sub> = Σ(x − μ<sub>B</sub>)² / m",
            format!("Σ(x − {})² / {m}", num(b.mean[f] as f64)),
            b.biased_var[f] as f64,
            "divides by m: this is what BatchNorm normalizes with",
        ));
        let unbiased = b.unbiased_var.as_ref().map_or(f64::NAN, |u| u[f] as f64);
        rows.push(row(
            "batch variance (unbiased)",
            "s² = Σ(x − μ<sub>B</sub>)² / (m − 1)",
            format!("σ²<sub>B</sub> · {m}/{}", m.saturating_sub(1)),
            unbiased,
            "divides by m − 1: what torch.var prints, and what running_var averages",
        ));
    }
    let (mean_name, var_name) = if trace.used_batch_stats { ("μ<sub>B</sub>", "σ²<sub>B</sub>") } else { ("running_mean", "running_var") };
    if !trace.used_batch_stats {
        rows.push(row("running mean (used)", "running_mean", "kept from training".into(), trace.mean[f] as f64, "eval mode normalizes with the running statistics"));
        rows.push(row("running variance (used)", "running_var", "kept from training".into(), trace.var[f] as f64, ""));
    }
    rows.push(row(
        "scale",
        &format!("1 / √({var_name} + eps)"),
        format!("1 / √({} + {})", num(trace.var[f] as f64), py_float(eps)),
        trace.inv_std[f] as f64,
        "",
    ));
    rows.push(row(
        "normalized",
        &format!("x̂ = (x − {mean_name}) · scale"),
        format!("({} − {}) · {}", num(x as f64), num(trace.mean[f] as f64), num(trace.inv_std[f] as f64)),
        x_hat as f64,
        "",
    ));
    match &trace.affine {
        Some(a) => rows.push(row(
            "output",
            "y = γ · x̂ + β",
            format!("{} · {} + {}", num(a.weight[f] as f64), num(x_hat as f64), num(a.bias[f] as f64)),
            y as f64,
            "",
        )),
        None => rows.push(row("output", "y = x̂", "affine=False: no γ, β".into(), y as f64, "")),
    }
    if let Some(u) = &trace.update {
        let factor_text = match lab.layer().config().momentum {
            Some(m) => format!("momentum = {}", py_float(m)),
            None => format!("1 / num_batches_tracked = 1/{}", u.after.num_batches_tracked),
        };
        rows.push(row("update factor", "f", factor_text, u.factor, "weight of the new batch; the old value keeps 1 − f"));
        if let Some(b) = &trace.batch {
            rows.push(row(
                "running mean",
                "(1 − f) · running_mean + f · μ<sub>B</sub>",
                format!("{} · {} + {} · {}", num(1.0 - u.factor), num(u.before.mean[f] as f64), num(u.factor), num(b.mean[f] as f64)),
                u.after.mean[f] as f64,
                "",
            ));
            let unbiased = b.unbiased_var.as_ref().map_or(f64::NAN, |v| v[f] as f64);
            rows.push(row(
                "running variance",
                "(1 − f) · running_var + f · s²",
                format!("{} · {} + {} · {}", num(1.0 - u.factor), num(u.before.var[f] as f64), num(u.factor), num(unbiased)),
                u.after.var[f] as f64,
                "uses the unbiased s², not σ²_B",
            ));
        }
        rows.push(count_row("batches counted", "num_batches_tracked", format!("{} + 1", u.before.num_batches_tracked), u.after.num_batches_tracked));
    } else if trace.training {
        rows.push(row("running statistics", "—", "track_running_stats=False: none kept".into(), f64::NAN, ""));
    } else {
        rows.push(row("running statistics", "unchanged", "eval mode updates nothing".into(), f64::NAN, ""));
    }
    let mut html = format!("<p class=\"mode\">{}</p>", mode_sentence(trace, lab));
    html.push_str(&table(&rows));
    html.push_str(&output_variance_note(trace, f));
    html
}

fn mode_sentence(trace: &Trace, lab: &Lab) -> String {
    let s = lab.settings();
    let who = format!("feature {}, sample {}", s.feature, s.sample);
    match (trace.training, trace.used_batch_stats) {
        (true, _) => format!("<b>train mode</b> — {who}: normalized with <b>this batch's</b> statistics, so every sample's output depends on the others."),
        (false, true) => format!("<b>eval mode</b> — {who}: no running statistics (track_running_stats=False), so even eval uses this batch's statistics."),
        (false, false) => format!("<b>eval mode</b> — {who}: normalized with the <b>running</b> statistics; each sample is on its own and nothing is updated."),
    }
}

/// Why `y.var(dim=0)` prints ≈ 1.333 on a batch of 4 and not 1.
fn output_variance_note(trace: &Trace, f: usize) -> String {
    let ys: Vec<f64> = trace.shape.feature_indices(f).map(|i| trace.output[i] as f64).collect();
    let m = ys.len();
    if m < 2 || !trace.training {
        return String::new();
    }
    let mean = ys.iter().sum::<f64>() / m as f64;
    let ss: f64 = ys.iter().map(|y| (y - mean).powi(2)).sum();
    format!(
        "<p class=\"note\">Variance of this feature's output y: <b>{}</b> dividing by m = {m} (what BatchNorm makes ≈ γ²), but <b>{}</b> dividing by m − 1 = {} — the number <code>y.var(dim=0)</code> prints, because <code>torch.var</code> is unbiased by default.</p>",
        num(ss / m as f64),
        num(ss / (m - 1) as f64),
        m - 1
    )
}

/// A refused step: the student's words, PyTorch's words, and PyTorch's counting quirk.
pub fn refusal_html(refusal: &Refusal, lab: &Lab) -> String {
    let mut html = format!("<div class=\"error\" role=\"alert\"><p><b>This step was refused.</b> {}</p>", escape(&refusal.error.to_string()));
    if let Some(py) = refusal.error.pytorch_message() {
        html.push_str(&format!("<p>PyTorch raises: <code>{}</code></p>", escape(&py)));
    }
    if refusal.counted {
        let k = lab.layer().running().map_or(0, |r| r.num_batches_tracked);
        html.push_str(&format!(
            "<p>Note: PyTorch adds 1 to <code>num_batches_tracked</code> <i>before</i> it checks the batch, so the refused batch still counts (now {k}); running_mean and running_var did not move. The page does the same.</p>"
        ));
    }
    html.push_str("<p>The layer's statistics are kept as they were.</p></div>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::Settings;

    #[test]
    fn python_floats_print_like_python() {
        assert_eq!(py_float(1e-5), "1e-05");
        assert_eq!(py_float(0.1), "0.1");
        assert_eq!(py_float(1.0), "1.0");
        assert_eq!(py_float(1e-8), "1e-08");
    }

    #[test]
    fn the_code_names_only_non_defaults() {
        let mut lab = Lab::new(Settings::default()).unwrap();
        assert!(pytorch_code(&lab).contains("bn = nn.BatchNorm1d(128)\n"));
        lab.set_momentum(None).unwrap();
        lab.set_affine(false).unwrap();
        assert!(pytorch_code(&lab).contains("nn.BatchNorm1d(128, momentum=None, affine=False)"));
    }

    #[test]
    fn the_steps_show_both_variances_and_the_update() {
        let lab = Lab::new(Settings::default()).unwrap();
        let html = step_by_step(&lab);
        assert!(html.contains("biased") && html.contains("unbiased") && html.contains("running variance"));
    }
}
