//! The Train view's paper captions, built from what the page measured (Ioffe & Szegedy 2015,
//! Fig. 1; Santurkar et al. 2018, Figs. 2 and 4; Wu & He 2018, Fig. 1). Every claim is a number
//! the page measured; where the miniature does not show the paper's effect, the caption says so.

use crate::i18n::{t, tf, Lang};
use crate::numbers::{num, percent};
use crate::trainer::{TrainState, SWEEP_BATCH_SIZES, SWEEP_NORMS};

fn pct(a: f32) -> String {
    percent(a as f64)
}

/// The mean of the finite values.
fn mean(values: impl Iterator<Item = f32>) -> f64 {
    let (mut sum, mut n) = (0.0f64, 0usize);
    for v in values.filter(|v| v.is_finite()) {
        sum += v as f64;
        n += 1;
    }
    if n == 0 {
        f64::NAN
    } else {
        sum / n as f64
    }
}

/// The median of the finite values.
fn median(values: impl Iterator<Item = f32>) -> f64 {
    let mut v: Vec<f32> = values.filter(|v| v.is_finite()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f32::total_cmp);
    v[v.len() / 2] as f64
}

/// Steps in each window compared by the Figure 1 caption.
const WINDOW: usize = 50;

/// Ioffe & Szegedy 2015, Figure 1 (a–c): test accuracy and the drift of one unit's input.
pub fn fig1_caption(train: &TrainState, lang: Lang) -> String {
    let Some(trainer) = &train.trainer else { return String::new() };
    let h = trainer.history();
    let names = trainer.settings().model_keys().map(|k| t(lang, k));
    let paper = t(lang, "fig1-paper");
    if h.len() < 2 * WINDOW {
        return format!("{} {paper}", tf(lang, "fig1-wait", &[("n", &(2 * WINDOW).to_string())]));
    }
    let (first, last) = (&h[..WINDOW], &h[h.len() - WINDOW..]);
    // The centre (50th) and width (85th − 15th) of the band, averaged over each window.
    let centre = |w: &[crate::trainer::TrainRecord], m: usize| mean(w.iter().map(|r| r.percentiles[m][1]));
    let width =
        |w: &[crate::trainer::TrainRecord], m: usize| mean(w.iter().map(|r| r.percentiles[m][2] - r.percentiles[m][0]));
    let drift = [0, 1].map(|m| centre(last, m) - centre(first, m));
    let spread = [0, 1].map(|m| width(last, m) / width(first, m));
    // The test accuracy is measured every ACCURACY_EVERY steps: "after k steps" names that step.
    let (at, acc) = trainer.latest_accuracy();
    let measured = tf(
        lang,
        "fig1-measured",
        &[
            ("k", &at.to_string()),
            ("a", &pct(acc[0])),
            ("b", &pct(acc[1])),
            ("A", &names[0]),
            ("B", &names[1]),
            ("u", &trainer.settings().unit.to_string()),
            ("w", &WINDOW.to_string()),
            ("da", &num(drift[0])),
            ("db", &num(drift[1])),
            ("sa", &num(spread[0])),
            ("sb", &num(spread[1])),
        ],
    );
    let finding = if !(drift[0].is_finite() && drift[1].is_finite()) {
        t(lang, "fig1-diverged")
    } else if drift[0].abs() < drift[1].abs() {
        tf(lang, "fig1-as-paper", &[("A", &names[0])])
    } else {
        tf(lang, "fig1-not-paper", &[("A", &names[0])])
    };
    format!("{measured} {finding} {paper}")
}

/// Santurkar et al. 2018, Figure 4 (and Figure 2 when model B's BatchNorm is noisy).
pub fn landscape_caption(train: &TrainState, lang: Lang) -> String {
    let Some(trainer) = &train.trainer else { return String::new() };
    let paper = t(lang, "santurkar-paper");
    let p = trainer.probe_history();
    if p.len() < 3 {
        return format!("{} {paper}", t(lang, "santurkar-wait"));
    }
    let names = trainer.settings().model_keys().map(|k| t(lang, k));
    let loss = [0, 1].map(|m| median(p.iter().map(|r| r.loss[m].1 - r.loss[m].0)));
    let grad = [0, 1].map(|m| median(p.iter().map(|r| r.grad_change[m].1)));
    let beta = [0, 1].map(|m| median(p.iter().map(|r| r.beta[m])));
    let measured = tf(
        lang,
        "santurkar-measured",
        &[
            ("p", &p.len().to_string()),
            ("A", &names[0]),
            ("B", &names[1]),
            ("la", &num(loss[0])),
            ("lb", &num(loss[1])),
            ("ga", &num(grad[0])),
            ("gb", &num(grad[1])),
            ("ba", &num(beta[0])),
            ("bb", &num(beta[1])),
        ],
    );
    let smaller = [loss, grad, beta].iter().filter(|v| v[0] < v[1]).count();
    let finding = tf(lang, "santurkar-finding", &[("k", &smaller.to_string()), ("A", &names[0]), ("B", &names[1])]);
    let mut text = format!("{measured} {finding}");
    let s = trainer.settings();
    if s.noise > 0.0 && s.norms[1] == crate::trainer::NormChoice::BatchNorm {
        let (_, acc) = trainer.latest_accuracy();
        text.push(' ');
        let key = if acc[1] + 0.05 >= acc[0] { "santurkar-noise-same" } else { "santurkar-noise-worse" };
        text.push_str(&tf(
            lang,
            key,
            &[("n", &num(s.noise)), ("a", &pct(acc[0])), ("b", &pct(acc[1])), ("A", &names[0]), ("B", &names[1])],
        ));
    }
    format!("{text} {paper}")
}

/// Wu & He 2018, Figure 1: accuracy against batch size, and where BatchNorm falls off.
pub fn wuhe_caption(train: &TrainState, lang: Lang) -> String {
    let paper = t(lang, "wuhe-paper");
    let Some(sweep) = &train.batch_sweep else { return format!("{} {paper}", t(lang, "wuhe-wait")) };
    let r = sweep.results();
    let at = |k: usize, b: usize| r.get(k).and_then(|v| v.get(b)).copied();
    let small = 0;
    let Some(large) = SWEEP_BATCH_SIZES.iter().position(|&b| b == 32) else { return paper };
    let rows: Vec<String> = SWEEP_NORMS
        .iter()
        .enumerate()
        .filter_map(|(k, n)| {
            let (a, b) = (at(k, small)?, at(k, large)?);
            Some(format!("{} {} → {}", t(lang, n.model_key(crate::trainer::NormChoice::None)), pct(b), pct(a)))
        })
        .collect();
    if rows.len() < SWEEP_NORMS.len() {
        return format!("{} {paper}", t(lang, "wuhe-running"));
    }
    let measured = tf(lang, "wuhe-measured", &[("rows", &rows.join("; "))]);
    let (bn, gn) = (at(0, small).unwrap_or(f32::NAN), at(1, small).unwrap_or(f32::NAN));
    let finding = if bn + 0.02 < gn {
        tf(lang, "wuhe-as-paper", &[("d", &format!("{:.1}", (gn - bn) * 100.0))])
    } else {
        t(lang, "wuhe-not-paper")
    };
    format!("{measured} {finding} {paper}")
}
