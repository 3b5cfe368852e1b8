//! The page's words and numbers: the computation step by step for one feature and one sample,
//! the PyTorch code of the current setting, and refusals in words a student understands.
//! Plain HTML strings, built from the lab's trace; the one statistic computed here is y's biased
//! and unbiased variance for the "why 1.333" note (the formulas it explains), the rest is read.

use crate::core::Distribution;
use crate::core::{BatchNorm1d, Trace};
use crate::i18n::{error_message, t, tf, Lang};
use crate::lab::{Action, Lab, RefusedStep, Source};
use crate::numbers::{figures, num, py_f32, py_float};

/// "+ 0.5" or "− 0.5": a term added in a formula, with its sign written properly.
pub(crate) fn plus(x: f64) -> String {
    if x < 0.0 {
        format!("− {}", num(-x))
    } else {
        format!("+ {}", num(x))
    }
}

/// A factor, in parentheses when negative: "0.1 · (−2.0)".
pub(crate) fn paren(x: f64) -> String {
    paren_figures(x, 4)
}

/// [`paren`] with `n` significant figures.
pub(crate) fn paren_figures(x: f64, n: usize) -> String {
    if x < 0.0 {
        format!("(−{})", figures(-x, n))
    } else {
        figures(x, n)
    }
}

/// "− 0.5" or "+ 0.5": a term subtracted in a formula.
pub(crate) fn minus(x: f64) -> String {
    minus_figures(x, 4)
}

/// [`minus`] with `n` significant figures.
pub(crate) fn minus_figures(x: f64, n: usize) -> String {
    if x < 0.0 {
        format!("+ {}", figures(-x, n))
    } else {
        format!("− {}", figures(x, n))
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The exception PyTorch raises for `error` ("ValueError" for a batch of one), as the quote of
/// its words starts; "ValueError" for a refusal PyTorch has no words for.
pub fn exception(error: &crate::core::BnError) -> String {
    let message = error.pytorch_message().unwrap_or_default();
    message.split(':').next().filter(|k| !k.is_empty() && !k.contains(' ')).unwrap_or("ValueError").to_string()
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

/// A float in the code, short: four significant figures (the draws' own spread dwarfs the rest).
/// As the page writes a number ([`num`]: ASCII digits and minus, a valid Python float), which
/// needs no parse of a float: that (core's dec2flt) made the first view's wasm 14.6 KB larger
/// gzipped.
fn py_short(x: f64) -> String {
    if x.is_finite() {
        num(x)
    } else {
        py_float(x)
    }
}

/// The standard draws (mean 0, variance 1) of the page's distribution, as PyTorch code of `shape`.
fn standard_draws(dist: Distribution, shape: &str) -> String {
    match dist {
        Distribution::Normal => format!("torch.randn({shape})"),
        Distribution::Uniform => format!("(torch.rand({shape}) * 2 - 1) * 3 ** 0.5"),
        Distribution::Skewed => format!("torch.empty({shape}).exponential_() - 1"),
        Distribution::Outliers => {
            format!("torch.randn({shape}) * torch.where(torch.rand({shape}) < 0.03, 8.0, 1.0) / (0.97 + 0.03 * 8**2) ** 0.5")
        }
    }
}

/// Whether the shown batch is drawn from the page's generator as it is (not the user's own
/// values, not a value set by hand since the last step): then a snippet can draw another
/// sample of it; otherwise the page's numbers depend on that exact batch.
pub fn batch_is_a_draw(lab: &Lab) -> bool {
    let by_hand = lab
        .actions()
        .iter()
        .rev()
        .take_while(|a| !matches!(a, Action::Step(_)))
        .any(|a| matches!(a, Action::Value { .. }));
    matches!(lab.source(), Source::Generated) && !by_hand
}

/// The most values a batch the page did not draw may have to be written out in its snippet
/// (truth25: a pasted 4 × 2 batch was `torch.randn(4, 2)`, so the snippet printed other numbers).
const BATCH_LITERAL_VALUES: usize = 64;

/// `values` of shape `dims` ((N, C) or (N, C, L)) as the rows of a `torch.tensor([…])`, a sample a
/// line, each value its float32's shortest Python literal; None when there are too many to read.
fn batch_literal(values: &[f32], dims: &[usize]) -> Option<String> {
    let per_sample: usize = dims.iter().skip(1).product();
    if values.len() > BATCH_LITERAL_VALUES || per_sample == 0 || values.len() != dims.iter().product::<usize>() {
        return None;
    }
    let list = |v: &[f32]| format!("[{}]", v.iter().map(|&x| py_f32(x)).collect::<Vec<_>>().join(", "));
    let rows = values.chunks(per_sample).map(|sample| match dims {
        [_, _, l] => format!("[{}]", sample.chunks(*l).map(list).collect::<Vec<_>>().join(", ")),
        _ => list(sample),
    });
    Some(rows.map(|row| format!("    {row},\n")).collect())
}

/// `x = …`: a batch of the page's shape from the page's distribution (Settings: offset, shift,
/// spread, distribution), with the followed feature's mean and σ as the page drew them; or, for
/// a batch the page did not draw, a batch of the same shape and a comment that says so.
fn batch_code(lab: &Lab, lang: Lang) -> String {
    let s = lab.settings();
    let f = s.feature;
    let dims: Vec<String> = s.dims().iter().map(|d| d.to_string()).collect();
    let shape = dims.join(", ");
    if !batch_is_a_draw(lab) {
        if let Some(values) = batch_literal(lab.batch(), &s.dims()) {
            return format!("# {}\nx = torch.tensor([\n{values}])\n", t(lang, "code-exact-values"));
        }
        let own = format!("{} → {}", t(lang, "own-data"), t(lang, "export"));
        return format!("x = torch.randn({shape})  # {}\n", tf(lang, "code-exact-batch", &[("own", &own)]));
    }
    let d = &s.data;
    let z = standard_draws(d.distribution, &shape);
    // At a refusal nothing printed depends on the draw: PyTorch refuses any batch of this shape.
    // The comment names only what the lines below print: the variances unless one value per
    // feature (the value itself), the running statistics only where the layer keeps them.
    let sample_key = if lab.refusal().is_some() {
        "code-sample-refused"
    } else if s.values_per_feature() == 1 {
        "code-sample-one"
    } else if lab.layer().running().is_none() {
        "code-sample-var"
    } else {
        "code-sample"
    };
    let sample = tf(lang, sample_key, &[("export", &t(lang, "export"))]);
    if d.shift == 0.0 && !d.vary_spread {
        // Every feature alike: x = z · spread + offset.
        let mut x = z;
        if d.spread != 1.0 {
            x = if d.distribution == Distribution::Normal {
                format!("{x} * {}", py_short(d.spread))
            } else {
                format!("({x}) * {}", py_short(d.spread))
            };
        }
        if d.offset != 0.0 {
            x = format!("{x} {} {}", if d.offset < 0.0 { "-" } else { "+" }, py_short(d.offset.abs()));
        }
        return format!("x = {x}  # {sample}\n");
    }
    let c = s.layer.num_features;
    let gen = lab.generator();
    let (loc, scale) = (gen.true_mean()[f] as f64, (gen.true_var()[f] as f64).sqrt());
    let mut code = format!(
        "mean = {} + {} * torch.randn({c})  # {}\n",
        py_short(d.offset),
        py_short(d.shift),
        t(lang, "code-means")
    );
    if d.vary_spread {
        code += &format!("std = {} * 2 ** (torch.rand({c}) * 2 - 1)\n", py_short(d.spread));
    } else {
        code += &format!("std = torch.full(({c},), {})\n", py_short(d.spread));
    }
    code += &format!(
        "mean[{f}], std[{f}] = {}, {}  # {}\n",
        py_short(loc),
        py_short(scale),
        tf(lang, "code-followed", &[("f", &f.to_string())])
    );
    let per_feature = if s.length > 0 { "[:, None]" } else { "" };
    code += &format!("x = ({z}) * std{per_feature} + mean{per_feature}  # {sample}\n");
    code
}

/// PyTorch code for the current setting: the same layer, γ and β as set, the followed feature's
/// running statistics as the shown pass found them, the mode, a batch from the page's
/// distribution (or the shape of the page's own batch), and what to print to see the page's
/// numbers. Its comments are in the page's language (Python takes any), and name the page's
/// controls as the page labels them.
pub fn pytorch_code(lab: &Lab, lang: Lang) -> String {
    pytorch_code_telling(lab, lang, true)
}

/// [`pytorch_code`], its comment on a refused batch's count said only when `tell` (a lesson
/// asking what PyTorch counted keeps it for its answer: [`crate::lessons::asks_the_count`]).
pub fn pytorch_code_telling(lab: &Lab, lang: Lang, tell: bool) -> String {
    let s = lab.settings();
    // The layer as the shown pass found it: before the step in train mode, as it is in eval.
    let layer = lab.layer_before();
    let f = s.feature;
    let mut code = format!("import torch\nfrom torch import nn\n\nbn = {}\n", constructor(layer));
    if let Some(a) = layer.affine() {
        let changed: Vec<usize> = (0..a.weight.len()).filter(|&c| a.weight[c] != 1.0 || a.bias[c] != 0.0).collect();
        if !changed.is_empty() {
            // γ and β the Train view's training left (some then set on the page), or set here.
            let set_here = lab.actions().iter().any(|a| matches!(a, crate::lab::Action::GammaBeta { .. }));
            let said = match (lab.trained(), set_here) {
                (true, false) => "code-affine-trained",
                (true, true) => "code-affine-trained-set",
                (false, _) => "code-affine",
            };
            code.push_str(&format!("with torch.no_grad():  # {}\n", t(lang, said)));
            for &c in changed.iter().take(6) {
                code.push_str(&format!(
                    "    bn.weight[{c}], bn.bias[{c}] = {}, {}\n",
                    py_f32(a.weight[c]),
                    py_f32(a.bias[c])
                ));
            }
            if changed.len() > 6 {
                let more =
                    tf(lang, "code-more", &[("k", &(changed.len() - 6).to_string()), ("export", &t(lang, "export"))]);
                code.push_str(&format!("    # {more}\n"));
            }
        }
    }
    // The running statistics the page's layer holds (a fresh layer's 0, 1, 0 need no setting).
    let running = layer.running();
    let loaded = running.is_some_and(|r| r.num_batches_tracked != 0 || r.mean[f] != 0.0 || r.var[f] != 1.0);
    if let Some(r) = running.filter(|_| loaded) {
        let k = r.num_batches_tracked.to_string();
        let (fs, export) = (f.to_string(), t(lang, "export"));
        let said = tf(lang, "code-running", &[("f", &fs), ("k", &k), ("export", &export)]);
        code.push_str(&format!("with torch.no_grad():  # {said}\n"));
        code.push_str(&format!(
            "    bn.running_mean[{f}], bn.running_var[{f}] = {}, {}\n",
            py_f32(r.mean[f]),
            py_f32(r.var[f])
        ));
        code.push_str(&format!("    bn.num_batches_tracked.fill_({k})\n"));
    }
    if s.training {
        code.push_str(&format!("bn.train()   # {}\n", t(lang, "code-train")));
    } else if running.is_some() {
        code.push_str(&format!("bn.eval()    # {}\n", t(lang, if loaded { "code-eval" } else { "code-eval-fresh" })));
    } else {
        code.push_str(&format!("bn.eval()    # {}\n", t(lang, "code-eval-batch")));
    }
    code.push_str(&batch_code(lab, lang));
    let axes = if s.length > 0 { "(0, 2)" } else { "0" };
    if let Some(refusal) = lab.refusal() {
        // PyTorch raises as the page refused: caught, so that the lines below run as shown and
        // print its words and what the layer holds after it (a counted refusal's new count).
        let kind = exception(&refusal.error);
        code.push_str(&format!(
            "try:\n    y = bn(x)\nexcept {kind} as e:  # {}\n    print(f\"{kind}: {{e}}\")\n",
            t(lang, "code-refused")
        ));
    } else if s.values_per_feature() == 1 {
        code.push_str("y = bn(x)\n");
        // One value per feature (eval mode): ÷(m − 1) = ÷0 is NaN with a warning, ÷m is 0.
        code.push_str(&format!("print(y[0, {f}].item())  # {}\n", t(lang, "code-one")));
    } else {
        code.push_str("y = bn(x)\n");
        code.push_str(&format!(
            "print(y.var(dim={axes}, unbiased=False)[{f}].item(), y.var(dim={axes})[{f}].item())  # {}\n",
            // The table's variance note is a training pass's ([`output_variance_note`]): in eval
            // mode the comment points at no line the page does not show.
            t(lang, if lab.trace().is_some_and(|pass| pass.training) { "code-var" } else { "code-var-eval" })
        ));
    }
    if let Some(r) = lab.layer().running() {
        // A refused batch was counted (PyTorch adds 1 before it checks), and moved nothing else.
        let said = match lab.refusal() {
            Some(refusal) if refusal.counted && tell => {
                tf(lang, "code-status-counted", &[("k", &r.num_batches_tracked.to_string())])
            }
            _ => t(lang, "code-status"),
        };
        code.push_str(&format!(
            "print(bn.running_mean[{f}].item(), bn.running_var[{f}].item(), bn.num_batches_tracked.item())  # {said}\n"
        ));
    }
    // Lines a printed handout keeps whole: a long comment on its own `#` lines.
    crate::export::fit_lines(&code)
}

/// The status line: step, mode, num_batches_tracked and the followed feature's running stats.
pub fn status(lab: &Lab, lang: Lang) -> String {
    let s = lab.settings();
    let mode = t(lang, if s.training { "train mode" } else { "eval mode" });
    // An aside in brackets of the page's script: "（…）" in Chinese, " (…)" in English.
    let aside = |text: String| if lang == Lang::En { format!(" ({text})") } else { format!("（{text}）") };
    let outcome = if lab.refusal().is_some() { aside(t(lang, "refused")) } else { String::new() };
    // A value set by hand in train mode redoes the step on the edited batch, as PyTorch would run
    // that batch: the running statistics shown are that step's, not the drawn batch's.
    let trained = lab.trace().is_some_and(|pass| pass.training) && lab.layer().running().is_some();
    let outcome = if lab.edited() && trained { aside(t(lang, "edited-step")) } else { outcome };
    let running = match lab.layer().running() {
        Some(r) => tf(
            lang,
            "num_batches_tracked = {k}{own} · feature {f}: running_mean = {m}, running_var = {v}",
            &[
                ("k", &r.num_batches_tracked.to_string()),
                // "Step 1 · eval mode · num_batches_tracked = 50" (a trained layer opened from
                // the Train view) read as one count: where the two differ, the layer's is named.
                (
                    "own",
                    &if r.num_batches_tracked == lab.steps() { String::new() } else { aside(t(lang, "layer-count")) },
                ),
                ("f", &s.feature.to_string()),
                ("m", &num(r.mean[s.feature] as f64)),
                ("v", &num(r.var[s.feature] as f64)),
            ],
        ),
        None => t(lang, "no running statistics (track_running_stats=False)"),
    };
    // Switching to train runs nothing (a training pass would move the running statistics), so
    // until the next Step the charts and the table still show the pass made in eval mode.
    let shown = match lab.trace() {
        Some(pass) if pass.training != s.training => aside(t(lang, "shown-eval-pass")),
        _ => String::new(),
    };
    // A momentum other than PyTorch's default is named beside the statistics it moves (lesson 2
    // sets 0.01 and None, their slider a screen away on a projector: class38).
    let default = crate::core::BatchNormConfig::new(1).momentum;
    let momentum = match s.layer.momentum {
        m if m == default || lab.layer().running().is_none() => String::new(),
        Some(m) => format!("momentum = {} · ", crate::numbers::py_float(m)),
        None => "momentum = None · ".to_string(),
    };
    let step = tf(lang, "Step {k}", &[("k", &lab.steps().to_string())]);
    format!("{step}{outcome} · {mode}{shown} · {momentum}{running}")
}

/// A chart's caption: what to see in it, for the current mode.
pub fn caption(lab: &Lab, chart: &str, lang: Lang) -> String {
    let eval = lab.trace().is_some_and(|t| !t.used_batch_stats);
    // Without running statistics eval mode normalizes with the batch's too (truth38: the
    // captions said coupling was train mode's, and spoke of running statistics that moved).
    let kept = lab.layer().running().is_some();
    let batch_eval = !eval && !lab.settings().training;
    let key = match (chart, eval) {
        ("distribution", false) => "cap-distribution",
        ("distribution", true) => "cap-distribution-eval",
        ("features", false) => "cap-features",
        ("features", true) => "cap-features-eval",
        ("running", _) if !kept => "cap-running-none",
        ("running", _) => "cap-running",
        (_, false) if batch_eval => "cap-samples-batch-eval",
        (_, false) => "cap-samples",
        (_, true) => "cap-samples-eval",
    };
    t(lang, key)
}

/// A chart's content in one sentence, for screen readers (and anyone who prefers numbers).
pub fn summary(lab: &Lab, chart: &str, lang: Lang) -> String {
    if lab.trace().is_none() {
        return t(lang, "sum-refused");
    }
    let f = lab.settings().feature.to_string();
    let stats = |v: &[f32]| {
        crate::core::stats::mean_std(v)
            .map_or(("—".to_string(), "—".to_string()), |(m, s)| (crate::numbers::mean(m, s), num(s)))
    };
    match chart {
        "distribution" => {
            let view = lab.distribution_view(false);
            let ((xm, xs), (ym, ys)) = (stats(&view.input), stats(&view.output));
            tf(lang, "sum-distribution", &[("f", &f), ("xm", &xm), ("xs", &xs), ("ym", &ym), ("ys", &ys)])
        }
        "features" => {
            let view = lab.features_view();
            // Each end next to the largest σ of the features (output means are 0 up to rounding).
            let range = |means: &[f32], sds: &[f32]| {
                let sd = sds.iter().copied().filter(|s| s.is_finite()).fold(0.0f32, f32::max) as f64;
                crate::core::stats::finite_range(means).map_or(("—".into(), "—".into()), |(lo, hi)| {
                    (crate::numbers::mean(lo, sd), crate::numbers::mean(hi, sd))
                })
            };
            let (xlo, xhi) = range(&view.input_mean, &view.input_std);
            let (ylo, yhi) = range(&view.output_mean, &view.output_std);
            let c = view.input_mean.len().to_string();
            // "from ≈ 0 to ≈ 0" said one number twice: both ends printed alike are "all ≈ 0".
            let key = if ylo == yhi { "sum-features-same" } else { "sum-features" };
            tf(lang, key, &[("c", &c), ("xlo", &xlo), ("xhi", &xhi), ("ylo", &ylo), ("yhi", &yhi)])
        }
        "running" => {
            let view = lab.running_view();
            let last = |v: &[f32]| v.last().map_or("—".to_string(), |&x| num(x as f64));
            let k = lab.steps().to_string();
            let (tm, tv) = (num(view.true_mean as f64), num(view.true_var as f64));
            // Own data has no truth: the chart draws none ("true —"), and this says why.
            let key = if view.true_mean.is_finite() { "sum-running" } else { "sum-running-own" };
            tf(
                lang,
                key,
                &[
                    ("f", &f),
                    ("k", &k),
                    ("rm", &last(&view.running_mean)),
                    ("tm", &tm),
                    ("rv", &last(&view.running_var)),
                    ("tv", &tv),
                ],
            )
        }
        _ => {
            let view = lab.samples_view();
            let s = lab.settings().sample;
            let pick = |v: &[f32]| v.get(s).map_or("—".to_string(), |&x| num(x as f64));
            let n = lab.settings().batch_size.to_string();
            tf(
                lang,
                "sum-samples",
                &[("n", &n), ("f", &f), ("s", &s.to_string()), ("x", &pick(&view.input)), ("y", &pick(&view.output))],
            )
        }
    }
}

/// A layer's refusal as an item of a list read aloud: PyTorch's words, then ours, as sentences
/// (the chart puts them on two lines; read aloud they ran together), without the last full stop
/// (the list ends with its own: it came twice).
pub fn refusal_read_aloud(why: &str, lang: Lang) -> String {
    why.trim_end_matches(['.', '。']).replace('\n', if lang == Lang::En { ". " } else { "。" })
}

/// The "Which axis?" charts in words: `"norm-grid"` (which values share the chosen cell's mean
/// and variance in each layer) or `"norm-outputs"` (each layer's output for that cell). A layer
/// that refuses the batch says why, so the refusal reaches a screen reader too.
pub fn norms_summary(view: &crate::charts::NormsView, chart: &str, lang: Lang) -> String {
    let (s, f, p) = view.cell;
    let index = (s * view.c + f) * view.l + p;
    let list: Vec<String> = view
        .panels
        .iter()
        .map(|panel| {
            let what = match (&panel.refusal, chart) {
                (Some(why), _) => tf(lang, "sum-norm-refused", &[("why", &refusal_read_aloud(why, lang))]),
                (None, "norm-grid") => tf(lang, "sum-values", &[("k", &panel.group.len().to_string())]),
                (None, _) => panel.output.get(index).map_or("—".to_string(), |&y| num(y as f64)),
            };
            format!("{} {what}", panel.name)
        })
        .collect();
    let list = list.join(if lang == Lang::En { "; " } else { "；" });
    let (s, f, p) = (s.to_string(), f.to_string(), p.to_string());
    if chart == "norm-grid" {
        let (n, c, l) = (view.n.to_string(), view.c.to_string(), view.l.to_string());
        let args = [("n", n.as_str()), ("c", &c), ("l", &l), ("s", &s), ("f", &f), ("p", &p), ("list", &list)];
        // L = 1 is an input (N, C): no position to name.
        tf(lang, if view.l == 1 { "sum-norm-grid-nc" } else { "sum-norm-grid" }, &args)
    } else {
        let x = view.input.get(index).map_or("—".to_string(), |&x| num(x as f64));
        let key = if view.l == 1 { "sum-norm-outputs-nc" } else { "sum-norm-outputs" };
        tf(lang, key, &[("s", &s), ("f", &f), ("p", &p), ("x", &x), ("list", &list)])
    }
}

/// The Train view's charts in words: "curves", "percentiles", "sweep" or "digits". Accuracies
/// are percentages, as the charts and the status line give them.
pub fn train_summary(train: &crate::trainer::TrainState, sweep_steps: u64, chart: &str, lang: Lang) -> String {
    train_summary_drawn(train, sweep_steps, chart, None, lang)
}

/// [`train_summary`] of the charts as drawn: the digits chart's of the `shown` first digits it
/// showed (all [`crate::charts::digits::MAX_DIGITS`] when None or 0, a box too small for one).
pub fn train_summary_drawn(
    train: &crate::trainer::TrainState,
    sweep_steps: u64,
    chart: &str,
    shown: Option<usize>,
    lang: Lang,
) -> String {
    let last = |v: &[f32]| v.last().map_or("—".to_string(), |&x| num(x as f64));
    let last_percent = |v: &[f32]| v.last().map_or("—".to_string(), |&x| percent(x, lang));
    // Each chart's models named as its legend names them (its view's keys).
    let named = |keys: [&'static str; 2]| keys.map(|key| t(lang, key));
    if chart == "sweep" {
        let view = match &train.sweep {
            Some(sweep) => sweep.view(),
            None => crate::trainer::Sweep::new(train.settings.clone(), sweep_steps).view(),
        };
        let rates = &view.learning_rates;
        let (n, steps) = (rates.len().to_string(), view.steps.to_string());
        let k = view.accuracy[0].len().min(rates.len());
        if k == 0 {
            let lo = rates.first().map_or("—".to_string(), |&r| py_float(r));
            let hi = rates.last().map_or("—".to_string(), |&r| py_float(r));
            return tf(lang, "sum-sweep-none", &[("n", &n), ("lo", &lo), ("hi", &hi), ("s", &steps)]);
        }
        let best = |m: usize| {
            view.accuracy[m]
                .iter()
                .zip(rates)
                .filter(|(a, _)| a.is_finite())
                .max_by(|a, b| a.0.total_cmp(b.0))
                .map_or(("—".to_string(), "—".to_string()), |(&a, &r)| (percent(a, lang), py_float(r)))
        };
        // The sweep names the models it ran (its own settings, which a change since may differ from).
        let [ma, mb] = named(view.names);
        let ((a, la), (b, lb)) = (best(0), best(1));
        let k = k.to_string();
        let args = [
            ("k", k.as_str()),
            ("n", &n),
            ("s", &steps),
            ("a", &a),
            ("la", &la),
            ("b", &b),
            ("lb", &lb),
            ("ma", &ma),
            ("mb", &mb),
        ];
        return tf(lang, "sum-sweep", &args);
    }
    let Some(trainer) = &train.trainer else { return t(lang, "sum-train-none") };
    match chart {
        "curves" => {
            let v = trainer.curves_view();
            let Some(&k) = v.steps.last() else { return t(lang, "sum-train-none") };
            let k = k.to_string();
            let (a, b) = (last(&v.loss[0]), last(&v.loss[1]));
            let (c, d) = (last_percent(&v.accuracy[0]), last_percent(&v.accuracy[1]));
            let m = v.accuracy_steps.last().copied().unwrap_or(0).to_string();
            let [ma, mb] = named(v.names);
            let args =
                [("k", k.as_str()), ("a", &a), ("b", &b), ("m", &m), ("c", &c), ("d", &d), ("ma", &ma), ("mb", &mb)];
            tf(lang, "sum-curves", &args)
        }
        "percentiles" => {
            let v = trainer.percentiles_view();
            let Some(&k) = v.steps.last() else { return t(lang, "sum-train-none") };
            let band = |m: usize| v.percentiles[m].iter().map(|p| last(p)).collect::<Vec<_>>().join(" / ");
            let (u, k, input) = (v.unit.to_string(), k.to_string(), t(lang, v.input_of));
            let (a, b) = (band(0), band(1));
            let [ma, mb] = named(v.names);
            let args = [("u", u.as_str()), ("k", &k), ("in", &input), ("a", &a), ("b", &b), ("ma", &ma), ("mb", &mb)];
            tf(lang, "sum-percentiles", &args)
        }
        _ => {
            // The digits the chart showed (a small box shows fewer: the words say what is drawn).
            let v = trainer.digits_view(shown.filter(|&n| n > 0).unwrap_or(crate::charts::digits::MAX_DIGITS));
            let right = |m: usize| v.predicted[m].iter().zip(&v.labels).filter(|(p, l)| p == l).count().to_string();
            let (n, a, b) = (v.labels.len().to_string(), right(0), right(1));
            let [ma, mb] = named(v.names);
            tf(lang, "sum-digits", &[("n", n.as_str()), ("a", &a), ("b", &b), ("ma", &ma), ("mb", &mb)])
        }
    }
}

/// One row of the step-by-step table.
struct Row {
    name: String,
    formula: String,
    numbers: String,
    value: String,
    note: String,
}

/// Builds rows in one language: names and notes are looked up in the i18n table.
struct Rows {
    lang: Lang,
    rows: Vec<Row>,
}

impl Rows {
    fn add(&mut self, name: &str, formula: &str, numbers: String, value: f64, note: &str) {
        let note = if note.is_empty() { String::new() } else { t(self.lang, note) };
        self.rows.push(Row { name: t(self.lang, name), formula: formula.into(), numbers, value: num(value), note });
    }

    /// A row with a note already in words (one with numbers in it).
    fn add_said(&mut self, name: &str, formula: &str, numbers: String, value: f64, note: String) {
        self.rows.push(Row { name: t(self.lang, name), formula: formula.into(), numbers, value: num(value), note });
    }

    /// A row whose value is words, not a number.
    fn text(&mut self, name: &str, formula: &str, numbers: String, value: &str) {
        self.rows.push(Row {
            name: t(self.lang, name),
            formula: formula.into(),
            numbers,
            value: value.into(),
            note: String::new(),
        });
    }

    /// A row whose value is a count, printed without decimals.
    fn count(&mut self, name: &str, formula: &str, numbers: String, value: u64) {
        self.rows.push(Row {
            name: t(self.lang, name),
            formula: formula.into(),
            numbers,
            value: value.to_string(),
            note: String::new(),
        });
    }
}

/// The table, with its roles written out: on a narrow screen the page's CSS lays each row out as
/// a small block (a grid), and a browser that then forgets it is a table still reads one.
fn table(rows: &[Row], lang: Lang) -> String {
    let mut html = format!(
        "<table class=\"steps\" role=\"table\"><thead role=\"rowgroup\"><tr role=\"row\"><th role=\"columnheader\">{}</th><th role=\"columnheader\">{}</th><th role=\"columnheader\">{}</th><th role=\"columnheader\">{}</th></tr></thead><tbody role=\"rowgroup\">",
        t(lang, "step"),
        t(lang, "formula"),
        t(lang, "with the numbers"),
        t(lang, "value")
    );
    for r in rows {
        let note = if r.note.is_empty() { String::new() } else { format!("<div class=\"note\">{}</div>", r.note) };
        html.push_str(&format!(
            "<tr role=\"row\"><th scope=\"row\" role=\"rowheader\">{}</th><td class=\"formula\" role=\"cell\">{}</td><td class=\"numbers\" role=\"cell\">{}</td><td class=\"value\" role=\"cell\">{}</td></tr>",
            r.name,
            r.formula,
            crate::numbers::unbroken(&r.numbers),
            crate::numbers::unbroken(&format!("{}{note}", r.value))
        ));
    }
    html.push_str("</tbody></table>");
    html
}

/// The computation for the selected feature and sample, formula and live values together.
pub fn step_by_step(lab: &Lab, lang: Lang) -> String {
    if let Some(refusal) = lab.refusal() {
        return refusal_box(refusal, lab, lang, true);
    }
    let Some(trace) = lab.trace() else {
        return format!("<p>{}</p>", t(lang, "Press <b>Step</b> to draw a batch."));
    };
    let s = lab.settings();
    let (f, sample) = (s.feature, s.sample);
    let i = trace.shape.index(sample, f, 0);
    let (Some(&x), Some(x_hat), Some(&y)) = (lab.batch().get(i), trace.x_hat_at(lab.batch(), i), trace.output.get(i))
    else {
        return String::new();
    };
    let m = trace.shape.values_per_feature();
    let m_text =
        if trace.shape.has_length { format!("N·L = {}·{}", trace.shape.n, trace.shape.l) } else { "N".into() };
    let where_x = if trace.shape.has_length { format!("x[{sample}, {f}, 0]") } else { format!("x[{sample}, {f}]") };
    let eps = lab.layer().config().eps;
    let mut rows = Rows { lang, rows: Vec::new() };
    rows.count("values per feature", "m", m_text, m as u64);
    rows.add("this sample's value", "x", where_x, x as f64, "");
    if let Some(b) = &trace.batch {
        // In eval mode the batch's statistics are shown beside the running ones, each said to be
        // unused (class38: the variances said so, the mean — the first number read — did not).
        let unused = "not used in eval mode: shown to compare";
        rows.add(
            "batch mean",
            "μ<sub>B</sub> = Σx / m",
            format!("Σx / {m}"),
            b.mean[f] as f64,
            if trace.used_batch_stats { "" } else { unused },
        );
        rows.add(
            "batch variance (biased)",
            "σ²<sub>B</sub> = Σ(x − μ<sub>B</sub>)² / m",
            format!("Σ(x {})² / {m}", minus(b.mean[f] as f64)),
            b.biased_var[f] as f64,
            if trace.used_batch_stats { "divides by m: this is what BatchNorm normalizes with" } else { unused },
        );
        rows.add(
            "batch variance (unbiased)",
            "s² = Σ(x − μ<sub>B</sub>)² / (m − 1)",
            format!("σ²<sub>B</sub> · {m}/{}", m.saturating_sub(1)),
            b.unbiased_var.as_ref().map_or(f64::NAN, |u| u[f] as f64),
            if trace.used_batch_stats && lab.layer().running().is_none() {
                "divides by m − 1: what torch.var prints (no running_var is kept here)"
            } else if trace.used_batch_stats {
                "divides by m − 1: what torch.var prints, and what running_var averages"
            } else {
                unused
            },
        );
    }
    let (mean_name, var_name) =
        if trace.used_batch_stats { ("μ<sub>B</sub>", "σ²<sub>B</sub>") } else { ("running_mean", "running_var") };
    if !trace.used_batch_stats {
        let kept = t(lang, "kept from training");
        rows.add(
            "running mean (used)",
            "running_mean",
            kept.clone(),
            trace.mean[f] as f64,
            "eval mode normalizes with the running statistics",
        );
        rows.add("running variance (used)", "running_var", kept, trace.var[f] as f64, "");
    }
    rows.add(
        "scale",
        &format!("1 / √({var_name} + eps)"),
        format!("1 / √({} + {})", num(trace.var[f] as f64), py_float(eps)),
        trace.inv_std[f] as f64,
        "",
    );
    let (x_text, mean_text) = crate::numbers::telling_apart(x as f64, trace.mean[f] as f64);
    rows.add(
        "normalized",
        // "scale": the row above, by its name in the page's language.
        &format!("x̂ = (x − {mean_name}) · {}", t(lang, "scale")),
        {
            let sign = if mean_text.starts_with('-') { "+" } else { "−" };
            format!("({x_text} {sign} {}) · {}", mean_text.trim_start_matches('-'), num(trace.inv_std[f] as f64))
        },
        x_hat as f64,
        "",
    );
    let (gamma, beta) = trace.affine.as_ref().map_or((1.0, 0.0), |a| (a.weight[f], a.bias[f]));
    let formula = if trace.affine.is_some() { "y = γ · x̂ + β" } else { "y = x̂" };
    if let Some((alpha, shifted)) = crate::core::batchnorm::pytorch_terms(trace.mean[f], trace.inv_std[f], gamma, beta)
    {
        // Where x and μ share their first digits PyTorch's own order of operations shows in y.
        rows.add_said(
            "output",
            formula,
            format!("x · α + β′ = {x_text} · {} {}", num(alpha as f64), plus(shifted as f64)),
            y as f64,
            {
                // γ · x̂ + β beside it where the two differ in the digits shown.
                let exact = num((gamma * x_hat + beta) as f64);
                let key = if exact == num(y as f64) { "pytorch-order-same" } else { "pytorch-order" };
                tf(lang, key, &[("exact", &exact), ("scale", &t(lang, "scale"))])
            },
        );
    } else {
        match &trace.affine {
            Some(a) => rows.add(
                "output",
                formula,
                format!("{} · {} {}", paren(a.weight[f] as f64), paren(x_hat as f64), plus(a.bias[f] as f64)),
                y as f64,
                "",
            ),
            None => rows.add("output", formula, t(lang, "affine=False: no γ, β"), y as f64, ""),
        }
    }
    if let (Some(u), Some(b)) = (&trace.update, &trace.batch) {
        let factor_text = match lab.layer().config().momentum {
            Some(m) => format!("momentum = {}", py_float(m)),
            None => format!("1 / num_batches_tracked = 1/{}", u.after.num_batches_tracked),
        };
        rows.add("update factor", "f", factor_text, u.factor, "weight of the new batch; the old value keeps 1 − f");
        let (keep, take) = (num(1.0 - u.factor), num(u.factor));
        rows.add(
            "running mean",
            "(1 − f) · running_mean + f · μ<sub>B</sub>",
            format!("{keep} · {} + {take} · {}", paren(u.before.mean[f] as f64), paren(b.mean[f] as f64)),
            u.after.mean[f] as f64,
            "",
        );
        let unbiased = b.unbiased_var.as_ref().map_or(f64::NAN, |v| v[f] as f64);
        rows.add(
            "running variance",
            "(1 − f) · running_var + f · s²",
            format!("{keep} · {} + {take} · {}", num(u.before.var[f] as f64), num(unbiased)),
            u.after.var[f] as f64,
            "uses the unbiased s², not σ²_B",
        );
        // PyTorch counts the batch before it normalizes, so `before` already holds the new count.
        let k = u.after.num_batches_tracked;
        rows.count("batches counted", "num_batches_tracked", format!("{} + 1", k.saturating_sub(1)), k);
    } else if trace.training || lab.layer().running().is_none() {
        rows.text("running statistics", "—", t(lang, "track_running_stats=False: none kept"), "—");
    } else {
        rows.text(
            "running statistics",
            &t(lang, "unchanged"),
            t(lang, "eval mode updates nothing"),
            &t(lang, "unchanged"),
        );
    }
    let mut html = format!("<p class=\"mode\">{}</p>", mode_sentence(trace, lab, lang));
    html.push_str(&table(&rows.rows, lang));
    html.push_str(&output_variance_note(trace, f, eps, lang));
    html
}

fn mode_sentence(trace: &Trace, lab: &Lab, lang: Lang) -> String {
    let s = lab.settings();
    let who = tf(lang, "feature {f}, sample {s}", &[("f", &s.feature.to_string()), ("s", &s.sample.to_string())]);
    let (mode, sentence) = match (trace.training, trace.used_batch_stats) {
        (true, _) => (
            "train mode",
            "{who}: normalized with <b>this batch's</b> statistics, so every sample's output depends on the others.",
        ),
        (false, true) => (
            "eval mode",
            "{who}: no running statistics (track_running_stats=False), so even eval uses this batch's statistics.",
        ),
        (false, false) => (
            "eval mode",
            "{who}: normalized with the <b>running</b> statistics; each sample is on its own and nothing is updated.",
        ),
    };
    // bn.train() runs nothing (a training pass would move the running statistics): until the
    // next Step this is the eval pass, said here too (review29: the table's "eval mode" under a
    // checked bn.train() read as a fault, the status line's aside was all that said why).
    let gap = if lang == Lang::En { " " } else { "" }; // none before "（"
    let stale = if trace.training != s.training {
        format!("{gap}<i>{}</i>", t(lang, "table-eval-pass"))
    } else {
        String::new()
    };
    // A dash: spaced " — " in English, Chinese's own "——" (two em dashes, no spaces).
    let dash = if lang == Lang::En { " — " } else { "——" };
    format!("<b>{}</b>{dash}{}{stale}", t(lang, mode), tf(lang, sentence, &[("who", &who)]))
}

/// Why `y.var(dim=0)` prints ≈ 1.333 on a batch of 4 and not 1.
fn output_variance_note(trace: &Trace, f: usize, eps: f64, lang: Lang) -> String {
    let ys: Vec<f64> = trace.shape.feature_indices(f).map(|i| trace.output[i] as f64).collect();
    let m = ys.len();
    if m < 2 || !trace.training {
        return String::new();
    }
    let mean = ys.iter().sum::<f64>() / m as f64;
    let ss: f64 = ys.iter().map(|y| (y - mean).powi(2)).sum();
    let call = if trace.shape.has_length { "y.var(dim=(0, 2))" } else { "y.var(dim=0)" };
    // ≈ γ² only while eps is small next to the batch's variance (else the eps note says why not).
    let eps_matters = trace.batch.as_ref().map(|b| b.biased_var[f] as f64).filter(|&var| eps > 0.05 * var);
    // Without affine there is no γ: y = x̂, whose variance BatchNorm makes ≈ 1.
    let affine = trace.affine.is_some();
    let gamma = match (eps_matters, affine) {
        (Some(_), _) => String::new(),
        (None, true) => t(lang, "var-gamma"),
        (None, false) => t(lang, "var-one"),
    };
    let mut note = tf(
        lang,
        "Variance of this feature's output y: <b>{biased}</b> dividing by m = {m}{gamma}, but <b>{unbiased}</b> dividing by m − 1 = {m1} — the number <code>{call}</code> prints, because <code>torch.var</code> is unbiased by default.",
        &[
            ("biased", &num(ss / m as f64)),
            ("unbiased", &num(ss / (m - 1) as f64)),
            ("m", &m.to_string()),
            ("m1", &(m - 1).to_string()),
            ("call", call),
            ("gamma", &gamma),
        ],
    );
    // When eps is not small next to the batch variance, the output variance is visibly below γ².
    if let Some(var) = eps_matters {
        note.push_str(crate::i18n::gap_after(&note));
        let key = if affine { "eps-note" } else { "eps-note-one" };
        note += &tf(lang, key, &[("ratio", &num(var / (var + eps)))]);
    }
    // Lesson 1's "Show the output's variances" brings it into view by its id.
    format!("<p class=\"note variance-note\" id=\"{}\">{note}</p>", crate::lessons::OUTPUT_VARIANCES)
}

/// A refused step: the student's words, PyTorch's words, and PyTorch's counting quirk, said
/// only when `tell` (a lesson asking what PyTorch counted keeps it for its answer:
/// [`crate::lessons::asks_the_count`]).
pub fn refusal_box(refusal: &RefusedStep, lab: &Lab, lang: Lang, tell: bool) -> String {
    let refused = t(lang, "This step was refused.");
    let mut html = format!(
        "<div class=\"error\" role=\"alert\"><p><b>{refused}</b>{}{}</p>",
        crate::i18n::gap_after(&refused),
        escape(&error_message(&refusal.error, lang))
    );
    if let Some(py) = refusal.error.pytorch_message() {
        let raises = t(lang, "PyTorch raises:");
        html.push_str(&format!("<p>{raises}{}<code>{}</code></p>", crate::i18n::gap_after(&raises), escape(&py)));
    }
    if refusal.counted && tell {
        let k = lab.layer().running().map_or(0, |r| r.num_batches_tracked);
        html.push_str(&format!(
            "<p>{}</p>",
            tf(lang, "Note: PyTorch adds 1 to <code>num_batches_tracked</code> <b>before</b> it checks the batch, so the refused batch still counts (now {k}); running_mean and running_var did not move. The page does the same.", &[("k", &k.to_string())])
        ));
    }
    // A counted refusal's note already says that running_mean and running_var did not move.
    if !refusal.counted && lab.layer().running().is_some() {
        html.push_str(&format!("<p>{}</p>", t(lang, "running_mean and running_var are kept as they were.")));
    }
    html.push_str("</div>");
    html
}

// The Train view's words.

/// "93.1 %", or "—" / "diverged" for what is not a number.
fn percent(accuracy: f32, lang: Lang) -> String {
    if accuracy.is_finite() {
        crate::numbers::percent(accuracy as f64)
    } else {
        t(lang, "diverged (NaN)")
    }
}

/// The Train view's status line: step, epoch and both models' test accuracy, each model named
/// as the legends name it.
pub fn train_status(train: &crate::trainer::TrainState, lang: Lang) -> String {
    let Some(trainer) = &train.trainer else {
        return t(lang, "Loading the handwritten digits…");
    };
    let (measured, [a, b]) = trainer.latest_accuracy();
    // Named as the legends name them (`TrainSettings::model_keys`, from the two norms).
    let [ma, mb] = trainer.settings().model_keys().map(|key| t(lang, key));
    let accuracy = [("ma", ma.as_str()), ("a", &percent(a, lang)), ("mb", &mb), ("b", &percent(b, lang))];
    // Before the first step no epoch has begun ("Step 0 (epoch 1)" said one had): the untrained
    // models' accuracy. Then the epochs done, counted as Figure 1's caption counts them
    // (`Trainer::epochs_done`: "epoch 145" beside its "141 passes" at step 3 331).
    if trainer.steps() == 0 {
        // A new run's accuracy is measured over the frames after it (`Trainer::new`).
        if trainer.accuracy_history().is_empty() {
            return tf(lang, "train-status-0-measuring", &[("ma", ma.as_str()), ("mb", &mb)]);
        }
        return tf(lang, "train-status-0", &accuracy);
    }
    let (k, m, e) = (trainer.steps().to_string(), measured.to_string(), trainer.epochs_text());
    tf(lang, "train-status", &[[("k", k.as_str()), ("m", &m), ("e", &e)].as_slice(), &accuracy].concat())
}

/// "Forgot model.eval()" on real data: the BN model's test accuracy in eval mode and in train
/// mode on test batches of 1, 8 and 64.
pub fn eval_report_html(train: &crate::trainer::TrainState, lang: Lang) -> String {
    let Some(trainer) = &train.trainer else { return String::new() };
    // Measured a part at a time once training pauses (`Page::tick`): until then the last one.
    let Some((steps, (eval, rows))) = trainer.eval_report_kept(&crate::trainer::EVAL_REPORT_SIZES) else {
        return format!("<p class=\"note\">{}</p>", t(lang, "eval-measuring"));
    };
    let (eval, rows) = (*eval, rows.clone());
    // The step it was measured at, always: the status line's accuracy is of its own step (the
    // last measured during training), and the two differed with no step here (review37). While
    // training goes on, the table is of an earlier step: said, with when it follows.
    let key = if steps == trainer.steps() { "eval-now" } else { "eval-at-step" };
    let earlier = format!("<p class=\"note\">{}</p>", tf(lang, key, &[("k", &steps.to_string())]));
    let mut html = earlier
        + &format!(
            // Roles written out: a phone lays each row out as a block (style.css), which in some
            // browsers drops a table's own.
            "<table class=\"report\" role=\"table\"><tr role=\"row\"><th scope=\"row\" role=\"rowheader\">{}</th><td role=\"cell\">{}</td></tr>",
            t(lang, "<code>model.eval()</code>: running statistics"),
            percent(eval, lang)
        );
    let total = trainer.test_digits().len();
    for (size, result) in rows {
        let mut label = tf(lang, "forgot <code>model.eval()</code>: test batches of {n}", &[("n", &size.to_string())]);
        // Whole batches only (`Trainer::eval_report`): say which digits when some are left out.
        let used = total / size.max(1) * size;
        if used < total {
            let (used, total) = (used.to_string(), total.to_string());
            let gap = if lang == Lang::En { " " } else { "" }; // none before "（"
            label += gap;
            label += &tf(lang, "partial-batch-left-out", &[("used", &used), ("total", &total)]);
        }
        let value = match result {
            Ok(a) => percent(a, lang),
            Err(e) => format!(
                "<span class=\"refused\">{}</span> <code>{}</code>",
                escape(&error_message(&e, lang)),
                escape(&e.pytorch_message().unwrap_or_default())
            ),
        };
        html.push_str(&format!(
            "<tr role=\"row\"><th scope=\"row\" role=\"rowheader\">{label}</th><td role=\"cell\">{value}</td></tr>"
        ));
    }
    html.push_str("</table>");
    // Early on, model.eval() reads running statistics that are still mostly their start
    // (running_mean 0, running_var 1): each step keeps (1 − momentum) of them. Said while more
    // than 5 % of the start remains, so "forgot model.eval() does better" is not misread.
    // (Of the step the table is of.)
    let momentum = crate::core::net::spec::DEFAULT_MOMENTUM;
    let left = (1.0 - momentum).powf(steps as f64);
    if left > 0.05 {
        let values = [("k", steps.to_string()), ("m", num(momentum)), ("p", crate::numbers::percent(left))];
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        html.push_str(&format!("<p class=\"note\">{}</p>", tf(lang, "eval-early", &values)));
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::Settings;

    /// The code's variance line points at the note under the step-by-step table only where the
    /// table has it (a training pass): in eval mode it said "as under the step-by-step table" of
    /// a line the table did not show.
    #[test]
    fn the_codes_variance_comment_points_at_a_line_the_table_shows() {
        for lang in Lang::ALL {
            let mut lab = Lab::new(Settings { batch_size: 32, ..Settings::default() }).unwrap();
            lab.step();
            let table = step_by_step(&lab, lang);
            assert!(table.contains("variance-note"), "{lang:?}: a training pass's note");
            assert!(pytorch_code(&lab, lang).contains(&t(lang, "code-var")), "{lang:?}");
            lab.set_training(false);
            let table = step_by_step(&lab, lang);
            assert!(!table.contains("variance-note"), "{lang:?}: eval mode has no note");
            let code = pytorch_code(&lab, lang);
            assert!(
                !code.contains(&t(lang, "code-var")) && code.contains(&t(lang, "code-var-eval")),
                "{lang:?}: {code}"
            );
        }
    }

    /// A value set by hand in train mode redoes the step on the edited batch, moving the running
    /// statistics (lesson 5's slider: running_mean 1.169 → 1.275 at step 10): the status line says
    /// so. In eval mode nothing moves, and it says nothing.
    #[test]
    fn the_status_line_says_an_edit_redid_the_training_step() {
        for lang in Lang::ALL {
            let mut lab = Lab::new(Settings { batch_size: 8, ..Settings::default() }).unwrap();
            for _ in 0..9 {
                lab.step();
            }
            let before = lab.layer().running().unwrap().mean[0];
            assert!(!status(&lab, lang).contains(&t(lang, "edited-step")));
            lab.set_value(0, 0, 8.0).unwrap();
            assert_ne!(lab.layer().running().unwrap().mean[0], before, "the running mean moved");
            let said = status(&lab, lang);
            assert!(said.contains(&t(lang, "edited-step")) && said.contains("num_batches_tracked = 10"), "{said}");
            lab.step();
            assert!(!status(&lab, lang).contains(&t(lang, "edited-step")), "a new batch: no edit");
            lab.set_training(false);
            lab.set_value(0, 0, 8.0).unwrap();
            assert!(!status(&lab, lang).contains(&t(lang, "edited-step")), "{lang:?}: eval mode moves nothing");
        }
    }

    /// Early in training the eval table says how much of the running statistics' start is
    /// left (a reviewer read 51 % with model.eval() against 68 % without as "forgetting is
    /// better"); once under 5 % it says nothing.
    #[test]
    fn the_eval_table_says_the_running_statistics_are_still_mostly_their_start() {
        let mut train = crate::trainer::TrainState::default();
        train.load(crate::trainer::tests::toy_digits()).unwrap();
        for _ in 0..5 {
            train.step().unwrap();
        }
        while train.eval_report_part() {} // as the page's frames do once training pauses
        let html = eval_report_html(&train, Lang::En);
        assert!(html.contains("After 5 steps the running statistics still hold 59"), "{html}");
        // The step it was measured at, said also when it is the current one (review37: beside the
        // status line's accuracy of an earlier step, a different figure with no step).
        assert!(html.starts_with("<p class=\"note\">Measured at step 5.</p>"), "{html}");
        train.step().unwrap();
        assert!(eval_report_html(&train, Lang::ZhHans).starts_with("<p class=\"note\">第 5 步时测得；"));
        assert!(eval_report_html(&train, Lang::ZhHans).contains("运行统计量仍保留"));
        for _ in 0..25 {
            train.step().unwrap();
        }
        while train.eval_report_part() {}
        assert!(!eval_report_html(&train, Lang::En).contains("still hold"), "0.9^30 = 4 %");
    }

    /// Test batches are whole batches: the row says which digits it measured when the test
    /// digits are not a multiple of its size (64 of 360 measured 320 and did not say so).
    #[test]
    fn the_eval_table_says_when_a_partial_batch_is_left_out() {
        let mut train = crate::trainer::TrainState::default();
        train.load(crate::trainer::tests::toy_digits()).unwrap();
        train.step().unwrap();
        while train.eval_report_part() {}
        let total = train.trainer.as_ref().unwrap().test_digits().len();
        assert!(total % 64 != 0 && total % 8 == 0, "{total} toy test digits");
        let html = eval_report_html(&train, Lang::En);
        let said =
            format!("test batches of 64 ({} of the {total} test digits: the last, partial batch", total / 64 * 64);
        assert!(html.contains(&said), "{html}");
        assert_eq!(html.matches("partial batch").count(), 1, "batches of 8 and 1 leave none out: {html}");
        assert!(eval_report_html(&train, Lang::ZhHans).contains(&format!("（{total} 个测试样本中的")));
    }

    /// After eval → train the shown pass is still the eval one: the status must not let "train
    /// mode" read as if the charts were a training pass.
    #[test]
    fn status_says_which_pass_is_shown_after_a_switch_to_train() {
        let mut lab = Lab::new(Settings::default()).expect("defaults");
        lab.step();
        lab.set_training(false);
        assert!(!status(&lab, Lang::En).contains("Step runs"), "{}", status(&lab, Lang::En));
        lab.set_training(true);
        let said = status(&lab, Lang::En);
        assert!(said.contains("train mode (the charts still show the last pass, made in eval mode"), "{said}");
        for lang in [Lang::ZhHant, Lang::ZhHans] {
            assert!(status(&lab, lang).contains(&format!("（{}）", t(lang, "shown-eval-pass"))));
        }
        // The table says so too, where its own "eval mode" stands under a checked bn.train().
        for lang in Lang::ALL {
            assert!(step_by_step(&lab, lang).contains(&t(lang, "table-eval-pass")), "{lang:?}");
        }
        lab.step();
        assert!(!status(&lab, Lang::En).contains("Step runs"), "{}", status(&lab, Lang::En));
        assert!(!step_by_step(&lab, Lang::En).contains(&t(Lang::En, "table-eval-pass")));
    }

    /// A momentum other than the default is in the status line (class38: lesson 2 changed it
    /// silently); the default is not.
    #[test]
    fn the_status_names_a_momentum_set_by_hand() {
        let mut lab = Lab::new(Settings::default()).expect("defaults");
        lab.step();
        assert!(!status(&lab, Lang::En).contains("momentum"), "{}", status(&lab, Lang::En));
        lab.set_momentum(Some(0.01)).unwrap();
        assert!(
            status(&lab, Lang::En).contains("train mode · momentum = 0.01 · num_batches_tracked = "),
            "{}",
            status(&lab, Lang::En)
        );
        lab.set_momentum(None).unwrap();
        assert!(status(&lab, Lang::ZhHans).contains("momentum = None · "), "{}", status(&lab, Lang::ZhHans));
    }

    /// In eval mode every batch statistic the table shows is said to be unused, the mean too
    /// (class38: the variances said so, the first number read did not).
    #[test]
    fn the_eval_table_says_every_batch_statistic_is_unused() {
        let mut lab = Lab::new(Settings::default()).expect("defaults");
        lab.step();
        lab.set_training(false);
        let table = step_by_step(&lab, Lang::En);
        let unused = "not used in eval mode: shown to compare";
        assert_eq!(table.matches(unused).count(), 3, "{table}");
        lab.set_training(true);
        lab.step();
        assert!(!step_by_step(&lab, Lang::En).contains(unused));
    }

    /// Without running statistics eval mode couples the samples as train mode does, and the
    /// running chart has nothing to move: the captions say so (truth38).
    #[test]
    fn the_captions_follow_a_layer_without_running_statistics() {
        let mut settings = Settings::default();
        settings.layer.track_running_stats = false;
        let mut lab = Lab::new(settings).expect("a layer without running statistics");
        lab.step();
        assert_eq!(caption(&lab, "samples", Lang::En), t(Lang::En, "cap-samples"));
        lab.set_training(false);
        lab.step();
        let said = caption(&lab, "samples", Lang::En);
        assert!(said.contains("changing one sample moves every output") && said.contains("eval mode"), "{said}");
        assert!(caption(&lab, "running", Lang::En).contains("keeps none"));
        let mut kept = Lab::new(Settings::default()).expect("defaults");
        kept.step();
        assert!(caption(&kept, "running", Lang::En).contains("each training step moves them"));
        kept.set_training(false);
        assert_eq!(caption(&kept, "samples", Lang::En), t(Lang::En, "cap-samples-eval"));
    }

    /// Without running statistics the table never speaks of them; without affine, of γ.
    #[test]
    fn the_table_speaks_only_of_what_the_layer_has() {
        let mut settings = Settings { batch_size: 2, ..Settings::default() };
        settings.layer.track_running_stats = false;
        settings.layer.affine = false;
        settings.layer.eps = 0.5;
        let mut lab = Lab::new(settings).expect("a layer without running statistics");
        for training in [true, false] {
            lab.set_training(training);
            let table = step_by_step(&lab, Lang::En);
            assert!(!table.contains("running_var averages") && !table.contains("updates nothing"), "{table}");
            assert!(table.contains("none kept") && !table.contains("γ²"), "{table}");
            if training {
                assert!(table.contains("not 1.") || table.contains("≈ 1"), "{table}");
            }
        }
    }

    /// A small batch the page did not draw (a pasted CSV) is written out value for value, so the
    /// snippet prints the page's numbers (truth25: `torch.randn(4, 2)` printed running_mean
    /// -0.076 where the page showed 1e5); a large one keeps its shape and says where the exact
    /// snippet is.
    #[test]
    fn a_small_own_batch_is_written_out_value_for_value() {
        let mut lab = Lab::new(Settings::default()).unwrap();
        let values = vec![1_000_000.0, 5.0, 1_000_001.0, 5.0, 1_000_003.0, 5.0, 999_999.0, 0.1];
        lab.use_own_data(values, &[4, 2]).unwrap();
        let code = pytorch_code(&lab, Lang::En);
        assert!(code.contains("# your own batch (or values set by hand), value for value"), "{code}");
        assert!(code.contains("\nx = torch.tensor([\n    [1000000.0, 5.0],\n    [1000001.0, 5.0],\n    [1000003.0, 5.0],\n    [999999.0, 0.1],\n])\n"), "{code}");
        // (N, C, L): a sample a line, its features' positions nested.
        lab.use_own_data((0..12).map(|v| v as f32 * 0.5).collect(), &[2, 3, 2]).unwrap();
        let code = pytorch_code(&lab, Lang::ZhHans);
        assert!(
            code.contains("    [[0.0, 0.5], [1.0, 1.5], [2.0, 2.5]],\n    [[3.0, 3.5], [4.0, 4.5], [5.0, 5.5]],\n])"),
            "{code}"
        );
        assert!(code.contains("逐一照抄"), "{code}");
        // 65 values: their shape only.
        lab.use_own_data(vec![1.0; 65], &[13, 5]).unwrap();
        let code = pytorch_code(&lab, Lang::En);
        assert!(
            code.contains("x = torch.randn(13, 5)\n") && code.contains("# your own batch or values set by hand"),
            "{code}"
        );
        assert!(!code.contains("torch.tensor(["), "{code}");
    }

    /// Values near 10 with a spread of 0.001: x and μ shown with the digits that tell them
    /// apart, and y as PyTorch computes it, x · α + β′, with γ · x̂ + β beside it.
    #[test]
    fn close_values_show_their_digits_and_pytorchs_order() {
        let mut settings = Settings::default();
        (settings.data.offset, settings.data.shift, settings.data.spread, settings.data.vary_spread) =
            (10.0, 0.0, 0.001, false);
        let lab = Lab::new(settings).expect("a batch near 10");
        let table = step_by_step(&lab, Lang::En);
        assert!(!table.contains("(10 − 10)"), "{table}");
        assert!(table.contains("x · α + β′ = 10.0") && table.contains("PyTorch computes y as x · α + β′"), "{table}");
        // PyTorch's own μ_B here is a float32 sum per CPU thread: its last digits are no one number.
        assert!(table.contains("split among the CPU's threads"), "{table}");
        let zh = step_by_step(&lab, Lang::ZhHans);
        assert!(!zh.contains("scale") || !zh.contains("α = γ · scale"), "{zh}");
    }

    /// A lesson stage's lab, as the lesson sets it up.
    fn lesson_lab(id: &str, stage: usize) -> Lab {
        let lesson = crate::lessons::LESSONS.iter().find(|l| l.id == id).expect("a lesson");
        let stage = &lesson.stages[stage];
        match Lab::replay((stage.settings)(), stage.actions) {
            Ok(lab) | Err((lab, _)) => lab,
        }
    }

    /// The snippet draws x as the page draws its batch (a reviewer's PyTorch printed 1.0000 for
    /// lesson 6's 0.08938: the snippet's `torch.randn(32, 128)` had lost the spread of 0.001).
    #[test]
    fn the_code_draws_x_from_the_pages_distribution() {
        let tutorial = pytorch_code(&lesson_lab("tutorial", 0), Lang::En);
        // The line ends there (its comment, when long, stands on the lines above it).
        let has_line = |code: &str, line: &str| code.lines().any(|l| l.split("  #").next() == Some(line));
        assert!(has_line(&tutorial, "x = torch.randn(4, 128) * 2 + 1"), "{tutorial}");
        let eps = pytorch_code(&lesson_lab("eps", 0), Lang::En);
        assert!(has_line(&eps, "x = torch.randn(32, 128) * 0.001"), "{eps}");
        // Per-feature means and spreads: the followed feature as the page drew it.
        let lab = Lab::new(Settings::default()).expect("defaults");
        let code = pytorch_code(&lab, Lang::En);
        let (m, v) = (lab.generator().true_mean()[0] as f64, lab.generator().true_var()[0] as f64);
        let said = format!("mean[0], std[0] = {}, {}  #", py_short(m), py_short(v.sqrt()));
        assert!(code.contains(&said) && code.contains("x = (torch.randn(32, 128)) * std + mean"), "{code}");
        let mut settings = Settings { length: 5, ..Settings::default() };
        settings.data.distribution = Distribution::Skewed;
        let code = pytorch_code(&Lab::new(settings).expect("(N, C, L)"), Lang::En);
        assert!(code.contains("exponential_() - 1) * std[:, None] + mean[:, None]"), "{code}");
        // A value set by hand: the page's numbers are that batch's; the code says so.
        let mut lab = Lab::new(Settings::default()).expect("defaults");
        lab.set_value(0, 0, 5.0).expect("a value");
        assert!(pytorch_code(&lab, Lang::En).contains("depend on these exact values"));
    }

    /// In eval mode the code sets what the page's layer holds (it printed a fresh layer's
    /// 0 / 1 / 0 next to the page's 1.5 / 2.346 / 20, under "the running statistics learned in
    /// training"); a batch of one prints no variance (0 ÷ 0 warned and printed NaN).
    #[test]
    fn the_code_sets_the_running_statistics_the_page_shows() {
        let lab = lesson_lab("eval", 0);
        assert!(!lab.settings().training, "lesson 3 is in eval mode");
        let r = lab.layer().running().expect("tracked");
        let f = lab.settings().feature;
        for lang in Lang::ALL {
            let code = pytorch_code(&lab, lang);
            let set =
                format!("bn.running_mean[{f}], bn.running_var[{f}] = {}, {}\n", py_f32(r.mean[f]), py_f32(r.var[f]));
            assert!(code.contains(&set), "{code}");
            assert!(code.contains(&format!("bn.num_batches_tracked.fill_({})\n", r.num_batches_tracked)), "{code}");
            assert!(!code.contains("learned in training"), "{code}");
        }
        let one = lesson_lab("one", 1);
        assert_eq!(one.settings().values_per_feature(), 1);
        let code = pytorch_code(&one, Lang::En);
        assert!(!code.contains(".var(") && code.contains("print(y[0, 0].item())"), "{code}");
    }

    /// At a refused step the code runs as shown: PyTorch's ValueError caught and printed, then
    /// the layer as the status line has it (it printed y after the raise, and said a NaN train
    /// mode cannot give). `.ci/pytorch-check` runs it in PyTorch.
    #[test]
    fn the_code_at_a_refused_step_catches_pytorchs_refusal() {
        let lab = lesson_lab("one", 0);
        assert!(lab.refusal().is_some_and(|r| r.counted), "lesson 4's first stage is refused");
        for lang in Lang::ALL {
            let code = pytorch_code(&lab, lang);
            // The comment on `except`, when long, on `#` lines between (Python allows them there).
            assert!(code.contains("try:\n    y = bn(x)\n") && code.contains("\nexcept ValueError as e:"), "{code}");
            assert!(code.contains("    print(f\"ValueError: {e}\")\n"), "{code}");
            assert!(!code.contains("print(y") && !code.contains("NaN"), "{code}");
            assert!(code.contains("bn.num_batches_tracked.item())"), "{code}");
        }
        assert!(pytorch_code(&lab, Lang::En).contains("(num_batches_tracked = 6)"));
        let snippet = crate::export::lab_snippet(&lab);
        assert!(snippet.contains("reshape(1, 128)\ntry: bn(x)\nexcept ValueError as e: print(f\"ValueError: {e}\")"));
        assert!(!snippet.contains("bn_output.csv"), "{snippet}");
        // Eval mode accepts the same batch: the code prints y, as before.
        let eval = pytorch_code(&lesson_lab("one", 1), Lang::En);
        assert!(!eval.contains("try:") && eval.contains("print(y[0, 0].item())"), "{eval}");
    }

    /// The all-features summary said "output means from ≈ 0 to ≈ 0" by default: both ends
    /// printed alike are said once.
    #[test]
    fn the_features_summary_says_one_number_once() {
        let lab = Lab::new(Settings::default()).expect("defaults");
        let said = summary(&lab, "features", Lang::En);
        assert!(said.ends_with("output means all ≈ 0.") && !said.contains("to ≈ 0"), "{said}");
        assert!(summary(&lab, "features", Lang::ZhHans).contains("输出均值都是 ≈ 0"));
        let mut lab = Lab::new(Settings::default()).expect("defaults");
        lab.set_gamma_beta(1.0, 2.0).expect("β of feature 0");
        assert!(summary(&lab, "features", Lang::En).contains("output means from"), "β = 2 on one feature");
    }

    /// What a screen reader hears matches what the charts draw: own data has no true values (the
    /// chart draws "true —"; this said "(true NaN)"), and one feature is not "1 features".
    #[test]
    fn the_summaries_say_what_the_charts_draw() {
        let mut settings = Settings::default();
        settings.layer.num_features = 1;
        settings.data.num_features = 1;
        let mut lab = Lab::new(settings).expect("one feature");
        assert!(summary(&lab, "features", Lang::En).starts_with("Features: 1. "));
        lab.use_own_data(vec![1.0, 2.0, 3.0, 4.0, 5.0, 7.0], &[3, 2]).expect("own data");
        lab.step();
        for lang in Lang::ALL {
            let said = summary(&lab, "running", lang);
            assert!(!said.contains("NaN"), "{said}");
        }
        assert!(summary(&lab, "running", Lang::En).contains("your own data: no true values"));
        assert!(summary(&lab, "running", Lang::ZhHant).contains("你自己的資料"));
    }

    /// The code's comments in the page's language, naming the page's own labels.
    #[test]
    fn the_code_speaks_the_pages_language() {
        let lab = Lab::new(Settings::default()).expect("defaults");
        let en = pytorch_code(&lab, Lang::En);
        assert!(en.contains("\"Export\" gives a snippet that reproduces the page exactly"), "{en}");
        let zh = pytorch_code(&lab, Lang::ZhHans);
        assert!(zh.contains("导出") && !zh.contains("Export") && !zh.contains("normalize"), "{zh}");
        // The button named as a button, in quotes, and in written words (it read "…只差在不同批量
        // 的随机性；导出 提供…").
        // (A long comment goes on over several lines: read as one.)
        let joined = |code: String| code.replace("\n# ", "");
        let hans = joined(zh.clone());
        assert!(hans.contains("仅因批量不同而存在随机差异；“导出”提供") && !hans.contains("只差在"), "{hans}");
        let hant = joined(pytorch_code(&lab, Lang::ZhHant));
        assert!(hant.contains("只因批次不同而有隨機差異；「匯出」提供") && !hant.contains("只差在"), "{hant}");
        // A comment's lines aside (a long one stands on lines of its own), the code is the same.
        let code = |c: &str| {
            c.lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .map(|l| l.split('#').next().unwrap_or("").trim_end().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(code(&en), code(&zh), "only the comments differ");
    }

    #[test]
    fn python_floats_print_like_python() {
        assert_eq!(py_float(1e-5), "1e-05");
        assert_eq!(py_float(0.1), "0.1");
        assert_eq!(py_float(1.0), "1.0");
        assert_eq!(py_float(1e-8), "1e-08");
        assert_eq!(py_float(1e16), "1e+16");
        assert_eq!(py_float(123.0), "123.0");
        assert_eq!(py_float(-0.00012), "-0.00012");
        assert_eq!(py_float(f64::NAN), "float('nan')");
        assert_eq!(py_float(f64::NEG_INFINITY), "-float('inf')");
    }

    /// γ = 0.35 on the slider is the float32 0.3499999940395355…: the code prints what was set.
    #[test]
    fn float32_values_print_as_set() {
        assert_eq!(py_f32(0.35), "0.35");
        assert_eq!(py_f32(-1.05), "-1.05");
        assert_eq!(py_f32(1.0), "1.0");
        assert_eq!(py_f32(-0.0), "-0.0");
        assert_eq!(py_f32(1e-5), "1e-05");
        assert_eq!(py_f32(3.4028235e38), "3.4028235e+38");
        assert_eq!(py_f32(16777216.0), "16777216.0");
        assert_eq!(py_f32(f32::INFINITY), "float('inf')");
        // Every value of the γ slider (−3 … 3 in steps of 0.05) reads back to the same float32.
        for i in -60..=60 {
            let gamma: f32 = format!("{:.2}", i as f64 * 0.05).parse().unwrap();
            let printed = py_f32(gamma);
            assert_eq!(printed.parse::<f64>().unwrap() as f32, gamma, "{printed}");
            assert!(printed.len() <= 5, "{gamma} printed as {printed}");
        }
    }

    #[test]
    fn gamma_and_beta_print_as_set_in_the_code() {
        let mut lab = Lab::new(Settings::default()).unwrap();
        lab.set_gamma_beta(0.35, -1.2).unwrap();
        assert!(
            pytorch_code(&lab, Lang::En).contains("bn.weight[0], bn.bias[0] = 0.35, -1.2\n"),
            "{}",
            pytorch_code(&lab, Lang::En)
        );
    }

    /// The comment on a batch drawn afresh names only what the lines below print (truth38: with
    /// track_running_stats=False it promised running statistics the code does not print).
    #[test]
    fn the_drawn_batchs_comment_names_what_is_printed() {
        // Its words, as a long comment stands on `#` lines of its own.
        let words = |lab: &Lab| {
            pytorch_code(lab, Lang::En).split_whitespace().filter(|w| *w != "#").collect::<Vec<_>>().join(" ")
        };
        let mut lab = Lab::new(Settings::default()).unwrap();
        assert!(words(&lab).contains("the variances and running statistics printed below"), "{}", words(&lab));
        lab.set_track_running_stats(false).unwrap();
        for training in [true, false] {
            lab.set_training(training);
            let code = words(&lab);
            assert!(code.contains("the variances printed below"), "{code}");
            assert!(!code.contains("running statistics printed") && !code.contains("bn.running_mean"), "{code}");
        }
        let one = lesson_lab("one", 1);
        let code = words(&one);
        assert!(code.contains("the value printed below") && !code.contains("variances printed"), "{code}");
    }

    #[test]
    fn the_code_names_only_non_defaults() {
        let mut lab = Lab::new(Settings::default()).unwrap();
        assert!(pytorch_code(&lab, Lang::En).contains("bn = nn.BatchNorm1d(128)\n"));
        lab.set_momentum(None).unwrap();
        lab.set_affine(false).unwrap();
        assert!(pytorch_code(&lab, Lang::En).contains("nn.BatchNorm1d(128, momentum=None, affine=False)"));
    }

    /// Negative factors in the output row are in parentheses with the page's minus sign (it
    /// read "1 · -1.138 + 0").
    #[test]
    fn the_output_row_writes_negatives_as_the_page_does() {
        let mut lab = Lab::new(Settings::default()).unwrap();
        lab.set_value(0, 0, -50.0).unwrap();
        lab.set_gamma_beta(-0.5, 0.0).unwrap();
        let html = step_by_step(&lab, Lang::En);
        assert!(html.contains("(−0.5) · (−"), "{html}");
        assert!(!html.contains("· -"), "{html}");
    }

    #[test]
    fn the_steps_show_both_variances_and_the_update() {
        let lab = Lab::new(Settings::default()).unwrap();
        let html = step_by_step(&lab, Lang::En);
        assert!(html.contains("biased") && html.contains("unbiased") && html.contains("running variance"));
    }

    /// "≈ γ²" only while eps is small next to the batch's variance; a large eps gets the eps
    /// note instead (the bracket once said ≈ γ² next to 0.089).
    #[test]
    fn the_variance_note_says_gamma_squared_only_when_it_is() {
        let mut lab = Lab::new(Settings { batch_size: 4, ..Settings::default() }).unwrap();
        let small = step_by_step(&lab, Lang::En);
        assert!(small.contains("(what BatchNorm makes ≈ γ²)"), "{small}");
        lab.set_eps(1.0).unwrap();
        let large = step_by_step(&lab, Lang::En);
        assert!(!large.contains("≈ γ²)") && large.contains("variance-note"), "{large}");
        for lang in [Lang::ZhHant, Lang::ZhHans] {
            assert!(!step_by_step(&lab, lang).contains("≈ γ²）"), "{lang:?}");
        }
    }

    /// The x̂ formula names the row above it as the row is named, in every language.
    #[test]
    fn the_formula_names_the_scale_row_in_the_pages_language() {
        let lab = Lab::new(Settings::default()).unwrap();
        for lang in [Lang::En, Lang::ZhHant, Lang::ZhHans] {
            let html = step_by_step(&lab, lang);
            let name = t(lang, "scale");
            assert!(html.contains(&format!("· {name}")), "{lang:?}: {html}");
            assert!(lang == Lang::En || !html.contains("· scale"), "{lang:?}: English left in the formula");
        }
    }
}
