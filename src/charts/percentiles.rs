//! Train chart 2: one hidden unit's input to ReLU over the training steps, as the 15th, 50th
//! and 85th percentile over each step's batch — in the spirit of Ioffe & Szegedy (2015),
//! Figure 1, whose network differs (three sigmoid layers of 100 units on MNIST).
//!
//! Two panels, one per model, share the step axis and the same value axis: without
//! BatchNorm1d the distribution is wherever the first layer puts it, and may drift as it
//! learns; with it, each batch's mean is β and its σ about |γ|.
//! In each, the thick line is the 50th percentile and the pale band runs from the 15th to the
//! 85th (thin lines at its edges), in the model's colour.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::common::{
    legend, num, placeholder, title_within, too_small, Key, Span, NOTHING_FINITE, NO_DATA, TOO_SMALL, X_LABEL_AREA,
};
use super::curves::{
    diverged_at, diverged_text, draw_caption, draw_line, layout_within, model_key, panels, quantile, step_chart,
    step_range, thinned, Axes, Caption, COLOURS,
};
use super::{PercentilesView, Style, TRUTH};
use crate::i18n::{t, tf, Lang};

/// The share of the height the title may take (see [`super::common::TITLE_SHARE`]).
const TITLE_SHARE_OF_TWO: f64 = 0.25;

/// Draws the two models' percentiles of `view.unit`'s input to ReLU over the steps.
/// The chart's title, as it draws it (and as a notice names the chart).
pub fn heading(view: &PercentilesView, lang: Lang) -> String {
    match view.input_of {
        "" => tf(
            lang,
            "Hidden unit {u}: input to ReLU over steps (15th, 50th, 85th percentile)",
            &[("u", &view.unit.to_string())],
        ),
        what => tf(
            lang,
            "Unit {u} of the last hidden layer: {what} over steps (15th, 50th, 85th percentile)",
            &[("u", &view.unit.to_string()), ("what", &t(lang, what))],
        ),
    }
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &PercentilesView,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let lang = style.lang;
    // Two stacked plots under it, each needing a plot's room: the title gets a little less of the
    // height than other charts' (three lines on a phone, two on a projector's narrow chart).
    let area = title_within(root, &heading(view, lang), style, TITLE_SHARE_OF_TWO)?;
    let Some(x) = step_range(view.steps.iter().copied()) else {
        return placeholder(&area, NO_DATA, style);
    };
    if too_small(&area, style) {
        return placeholder(&area, TOO_SMALL, style);
    }

    // One value axis for both panels, so that drift and stability compare at a glance.
    let mut values: Vec<f64> = view
        .percentiles
        .iter()
        .flat_map(|model| model.iter().flat_map(|p| p.iter().take(view.steps.len())))
        .map(|&v| v as f64)
        .filter(|v| v.is_finite())
        .collect();
    if values.is_empty() {
        return placeholder(&area, NOTHING_FINITE, style);
    }
    let y = value_range(&mut values);

    // The legend explains the drawing; each panel's caption names its model (in its colour).
    let items = vec![(Key::Line(TRUTH), t(lang, "50th percentile")), (Key::Band(TRUTH), t(lang, "15th to 85th"))];
    let area = legend(&area, &items, style)?;
    // Each panel's caption with its numbers where two lines hold them and each plot keeps 100 px
    // (on a 1080p projector they took two lines, and the model's name alone, one line, was
    // drawn instead: the numbers were dropped); else on one line, its numbers where they fit.
    // (At 70 px a 1280×720 projector's 485 px chart gave each plot 104 px under two-line
    // captions; on one line, 130.)
    let captions = [0, 1].map(|m| panel_caption(view, m, style));
    let (_, height) = super::common::size(&area);
    let line = style.font() * 1.45;
    let most = if height as f64 - 4.0 * line >= style.px(2.0 * 100.0 + X_LABEL_AREA) as f64 { 2 } else { 1 };
    let captions = [
        layout_within(&area, &captions[0], Some(COLOURS[0]), most, style)?,
        layout_within(&area, &captions[1], Some(COLOURS[1]), most, style)?,
    ];
    let (top, bottom) = panels(&area, [&captions[0], &captions[1]], style);
    draw_panel(&top, view, 0, x, y, &captions[0], false, style)?;
    draw_panel(&bottom, view, 1, x, y, &captions[1], true, style)
}

/// A panel's caption, in the words to choose from: its model and latest numbers, or only the
/// model when that takes fewer lines; or where it diverged.
fn panel_caption(view: &PercentilesView, m: usize, style: &Style) -> Vec<Vec<String>> {
    let lang = style.lang;
    let [p15, p50, p85] = &view.percentiles[m];
    let steps = &view.steps[..];
    let model = t(lang, model_key(&view.names, m));
    let last = |p: &[f32]| p[..p.len().min(steps.len())].last().map(|&v| v as f64);
    let n50 = steps.len().min(p50.len());
    match (diverged_at(&steps[..n50], &p50[..n50]), last(p15), last(p50), last(p85)) {
        (Some(k), ..) => vec![vec![diverged_text(style, model_key(&view.names, m), steps, k)]],
        (None, a, Some(b), c) => {
            let show = |v: Option<f64>| v.map_or("—".to_string(), num);
            let numbers = tf(
                lang,
                "{model}: 50th {p50} (15th {p15}, 85th {p85})",
                &[("model", &model), ("p50", &num(b)), ("p15", &show(a)), ("p85", &show(c))],
            );
            vec![vec![numbers], vec![model]]
        }
        (None, ..) => vec![vec![tf(lang, "{model}: no values yet", &[("model", &model)])]],
    }
}

/// The value axis: every finite value with a little room, unless a few outliers (a model about
/// to diverge) would squash the rest into a line; then the 1st to 99th percentile, and the
/// outliers are drawn at the edge.
fn value_range(values: &mut [f64]) -> (f64, f64) {
    values.sort_by(f64::total_cmp);
    let (lo, hi) = (quantile(values, 0.01), quantile(values, 0.99));
    let (min, max) = (values[0], values[values.len() - 1]);
    let mut span = Span::default();
    if (max - min) > 20.0 * (hi - lo) && hi > lo {
        span.add(lo);
        span.add(hi);
    } else {
        span.add(min);
        span.add(max);
    }
    // Include 0 when it is near: where ReLU starts to pass values on.
    let (a, b) = span.padded();
    if a <= 0.0 && b >= 0.0 {
        (a, b)
    } else {
        span.add(0.0);
        let (c, d) = span.padded();
        if (d - c) < 1.5 * (b - a) {
            (c, d)
        } else {
            (a, b)
        }
    }
}

/// One model's panel: its caption, then the band, the edge lines and the median.
#[allow(clippy::too_many_arguments)]
fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &PercentilesView,
    m: usize,
    x: (f64, f64),
    y: (f64, f64),
    caption: &Caption,
    show_steps: bool,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let lang = style.lang;
    let [p15, p50, p85] = &view.percentiles[m];
    let steps = &view.steps[..];
    let area = draw_caption(area, caption, style)?;
    let axes = Axes {
        y_desc: t(lang, if view.input_of.is_empty() { "input to ReLU" } else { view.input_of }),
        y_short: Some(t(lang, "input")),
        y,
        percent: false,
        show_steps,
    };
    let Some(mut chart) = step_chart(&area, x, &axes, style)? else { return Ok(()) };
    let colour = COLOURS[m];
    let clamp = |v: f64| v.clamp(y.0, y.1);

    // Zero: below it, ReLU outputs 0.
    if y.0 < 0.0 && y.1 > 0.0 {
        chart.draw_series(DashedLineSeries::new(
            vec![(x.0, 0.0), (x.1, 0.0)],
            style.px(6.0),
            style.px(5.0),
            TRUTH.mix(0.7).stroke_width(style.px(1.0)),
        ))?;
    }
    // The band: a polygon over each run of steps where both edges are finite.
    let n = steps.len().min(p15.len()).min(p85.len());
    let (low, high) = (thinned(&steps[..n], &p15[..n]), thinned(&steps[..n], &p85[..n]));
    let both: Vec<Option<(f64, f64, f64)>> = low.iter().zip(&high).map(|(&a, &b)| Some((a?.0, a?.1, b?.1))).collect();
    let bands: Vec<Vec<(f64, f64, f64)>> =
        both.split(Option::is_none).map(|r| r.iter().flatten().copied().collect()).collect();
    chart.draw_series(bands.iter().filter(|band| band.len() > 1).map(|band| {
        let upper = band.iter().map(|&(s, _, hi)| (s, clamp(hi)));
        let lower = band.iter().rev().map(|&(s, lo, _)| (s, clamp(lo)));
        Polygon::new(upper.chain(lower).collect::<Vec<_>>(), colour.mix(0.22).filled())
    }))?;
    // A band one step wide (the first step, or between NaNs) has no area: a pale bar instead.
    chart.draw_series(bands.iter().filter(|band| band.len() == 1).flatten().map(|&(s, lo, hi)| {
        PathElement::new(vec![(s, clamp(lo)), (s, clamp(hi))], colour.mix(0.5).stroke_width(style.px(6.0)))
    }))?;
    // The edges thin, the median thick.
    for edge in [&low, &high] {
        draw_line(&mut chart, edge, colour, style.px(1.0), false, style)?;
    }
    let median = thinned(steps, p50);
    draw_line(&mut chart, &median, colour, style.px(3.0), false, style)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chinese titles put a space between Chinese and a Latin word, as the captions do
    /// (review26: "各步的sigmoid 的输入").
    #[test]
    fn the_chinese_titles_space_latin_words() {
        for input_of in ["input to sigmoid", "input to ReLU", "input to tanh"] {
            let view = PercentilesView { unit: 3, input_of, ..PercentilesView::default() };
            for lang in [Lang::ZhHant, Lang::ZhHans] {
                let title: Vec<char> = heading(&view, lang).chars().collect();
                let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
                let bare = title
                    .windows(2)
                    .any(|w| (han(w[0]) && w[1].is_ascii_alphabetic()) || (w[0].is_ascii_alphabetic() && han(w[1])));
                assert!(!bare, "{}", title.iter().collect::<String>());
            }
        }
    }
}
