//! Train chart 1: both models' training loss per step (top) and test accuracy (bottom).
//!
//! The bluish-green model has a BatchNorm1d layer, the orange one does not. Two panels share
//! the step axis: the loss (cross-entropy of each step's mini-batch) and the accuracy on the
//! held-out test digits, measured now and then. Captions give the latest numbers; a model
//! whose loss became NaN (it diverged) is named there with the step it happened, which a dashed
//! line in its colour marks.
//!
//! This module also holds the helpers the four Train charts share (wrapped titles, captions,
//! thinning long series, the step axis); `common.rs` is shared with the BatchNorm1d view.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::common::{
    legend, num, placeholder, size, text_style, tick, too_small, Key, Span, MARGIN_LEFT, MARGIN_RIGHT, NOTHING_FINITE,
    NO_DATA, TOO_SMALL, X_LABEL_AREA, Y_LABEL_AREA,
};
use super::text;
use super::{CurvesView, Style, TEXT, WITHOUT_BN, WITH_BN};
use crate::i18n::{t, tf, Lang};

/// The two models' names (i18n keys) and colours; index 0 has BatchNorm1d, index 1 does not.
pub(super) const MODELS: [&str; 2] = ["with BatchNorm1d", "without BatchNorm1d"];
pub(super) const COLOURS: [RGBColor; 2] = [WITH_BN, WITHOUT_BN];

/// Model `m`'s name (an i18n key): the view's, or [`MODELS`]'s when the view names none.
pub(super) fn model_key(names: &[&'static str; 2], m: usize) -> &'static str {
    match names[m.min(1)] {
        "" => MODELS[m.min(1)],
        name => name,
    }
}

/// At most this many points per line. A run of 5000 steps is drawn as the means of 800 buckets
/// of 6 or 7 consecutive steps: the canvas has fewer pixel columns than steps anyway, and so
/// short a running mean keeps the curve's noise visible while cutting the drawing work.
pub(super) const MAX_POINTS: usize = 800;

/// A plotting area over (step, value).
pub(super) type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Draws both models' training loss (top) and test accuracy (bottom) over the steps.
/// The chart's title, as it draws it (and as a notice names the chart).
pub fn heading(_: &CurvesView, lang: Lang) -> String {
    t(lang, "Training loss and test accuracy")
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &CurvesView,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let lang = style.lang;
    let area = title(root, &heading(view, lang), style)?;
    let Some(x) = step_range(view.steps.iter().chain(&view.accuracy_steps).copied()) else {
        return placeholder(&area, NO_DATA, style);
    };
    if too_small(&area, style) {
        return placeholder(&area, TOO_SMALL, style);
    }
    let items: Vec<_> = (0..2).map(|m| (Key::Line(COLOURS[m]), t(lang, model_key(&view.names, m)))).collect();
    let area = legend(&area, &items, style)?;

    // Each caption names the models, or (when that would take more lines) says "a vs b" in
    // the legend's order.
    // The loss axis once a draw (a quantile over every step's loss): the caption and the panel.
    let axis = loss_axis(view);
    let loss = [false, true].map(|compact| loss_caption(view, axis, style, compact));
    let loss = layout_shortest(&area, &loss, None, style)?;
    let accuracy = [false, true].map(|compact| accuracy_caption(view, style, compact));
    let accuracy = layout_shortest(&area, &accuracy, None, style)?;
    let (top, bottom) = panels(&area, [&loss, &accuracy], style);
    draw_loss(&top, view, x, axis, &loss, style)?;
    draw_accuracy(&bottom, view, x, &accuracy, style)
}

/// The loss panel's caption: the latest losses, and how large the losses above the axis are
/// (they run flat along its top: the first steps' 2.3 read as a loss of 1.5, the top: review29);
/// `compact` (a small chart, where a line more leaves no room to plot) without them.
fn loss_caption(view: &CurvesView, axis: Option<LossAxis>, style: &Style, compact: bool) -> Vec<String> {
    let above = axis
        .filter(|&((_, top), largest)| !compact && largest > top)
        .map(|(_, largest)| tf(style.lang, "↑ above the top: up to {v}", &[("v", &num(largest))]));
    latest_losses(view, style, compact).into_iter().chain(above).collect()
}

/// The latest losses side by side, or each model on its own when one diverged; `compact`:
/// always side by side ("loss now 0.386 vs NaN (diverged at step 101)").
fn latest_losses(view: &CurvesView, style: &Style, compact: bool) -> Vec<String> {
    let lang = style.lang;
    let n = |m: usize| view.steps.len().min(view.loss[m].len());
    let diverged = [0, 1].map(|m| diverged_at(&view.steps[..n(m)], &view.loss[m][..n(m)]));
    let latest = [0, 1].map(|m| view.loss[m][..n(m)].last().map(|&v| v as f64));
    if compact || (latest.iter().all(Option::is_some) && diverged.iter().all(Option::is_none)) {
        let value = |m: usize| match (diverged[m], latest[m]) {
            (Some(k), _) => diverged_short(style, &view.steps, k),
            (None, Some(v)) => num(v),
            (None, None) => "—".to_string(),
        };
        return vec![tf(lang, "loss now {a} vs {b}", &[("a", &value(0)), ("b", &value(1))])];
    }
    (0..2)
        .filter_map(|m| match (diverged[m], latest[m]) {
            (Some(d), _) => Some(diverged_text(style, model_key(&view.names, m), &view.steps, d)),
            (None, Some(v)) => Some(tf(
                lang,
                "{model}: loss now {v}",
                &[("model", &t(lang, model_key(&view.names, m))), ("v", &num(v))],
            )),
            (None, None) => None,
        })
        .collect()
}

/// The accuracy panel's caption: the latest accuracies, with the step they were measured at
/// (every few steps: "accuracy at step 0" while the models are at step 5). A model whose latest
/// accuracy is NaN (it diverged) is left out, the loss panel says why; `compact`: always "a vs b".
fn accuracy_caption(view: &CurvesView, style: &Style, compact: bool) -> Vec<String> {
    let lang = style.lang;
    let n = |m: usize| view.accuracy_steps.len().min(view.accuracy[m].len());
    let latest = [0, 1].map(|m| view.accuracy[m][..n(m)].last().map(|&v| v as f64));
    let step =
        |count: usize| count.checked_sub(1).and_then(|i| view.accuracy_steps.get(i)).map_or(0, |&k| k).to_string();
    if latest.iter().all(Option::is_none) {
        return vec![];
    }
    if compact || latest.iter().all(|v| v.is_some_and(f64::is_finite)) {
        let value = |m: usize| latest[m].map_or("—".to_string(), percent);
        let k = step(n(0).max(n(1)));
        return vec![tf(lang, "accuracy at step {k}: {a} vs {b}", &[("k", &k), ("a", &value(0)), ("b", &value(1))])];
    }
    (0..2)
        .filter_map(|m| {
            let text = percent(latest[m].filter(|v| v.is_finite())?);
            let model = t(lang, model_key(&view.names, m));
            Some(tf(lang, "{model}: accuracy {v} at step {k}", &[("model", &model), ("v", &text), ("k", &step(n(m)))]))
        })
        .collect()
}

/// The loss panel's y range and the largest finite loss.
type LossAxis = ((f64, f64), f64);

/// The loss axis and the largest finite loss; None without one. y from 0 to a little above the
/// 98th percentile of the finite losses: the first steps' (or a diverging model's) huge losses
/// would otherwise flatten the rest of the curve into the floor. Larger values are drawn at the
/// top edge, and the caption says how large they are.
fn loss_axis(view: &CurvesView) -> Option<LossAxis> {
    let n = |m: usize| view.steps.len().min(view.loss[m].len());
    let finite: Vec<f64> =
        (0..2).flat_map(|m| view.loss[m][..n(m)].iter().map(|&v| v as f64)).filter(|v| v.is_finite()).collect();
    let largest = finite.iter().copied().reduce(f64::max)?;
    let lo = finite.iter().copied().fold(0.0, f64::min);
    let hi = quantile(&finite, 0.98) * 1.1;
    let y = if hi > lo && hi.is_finite() && lo.is_finite() {
        (lo, hi)
    } else {
        let mut span = Span::default();
        finite.iter().for_each(|&v| span.add(v));
        span.padded()
    };
    Some((y, largest))
}

/// The top panel: each step's training loss.
fn draw_loss<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &CurvesView,
    x: (f64, f64),
    axis: Option<LossAxis>,
    caption: &Caption,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let lang = style.lang;
    let n = |m: usize| view.steps.len().min(view.loss[m].len());
    let diverged = [0, 1].map(|m| diverged_at(&view.steps[..n(m)], &view.loss[m][..n(m)]));
    let area = draw_caption(area, caption, style)?;

    let Some((y, _)) = axis else {
        // Before the first step there is an accuracy (below) but no training loss yet.
        let message = if (0..2).all(|m| n(m) == 0) { "No training loss yet — press Step" } else { NOTHING_FINITE };
        return placeholder(&area, message, style);
    };

    let axes = Axes { y_desc: t(lang, "loss"), y_short: None, y, percent: false, show_steps: false };
    let Some(mut chart) = step_chart(&area, x, &axes, style)? else { return Ok(()) };
    // A dashed line where a model diverged, under the curves.
    for m in [1, 0] {
        if let Some(d) = diverged[m] {
            let d = (d as f64).clamp(x.0, x.1);
            chart.draw_series(DashedLineSeries::new(
                vec![(d, y.0), (d, y.1)],
                style.px(8.0),
                style.px(5.0),
                COLOURS[m].stroke_width(style.px(2.0)),
            ))?;
        }
    }
    // The model with BatchNorm1d last, on top.
    for m in [1, 0] {
        let points = thinned(&view.steps[..n(m)], &view.loss[m][..n(m)]);
        draw_line(&mut chart, &points, COLOURS[m], style.px(3.0), false, style)?;
    }
    Ok(())
}

/// The bottom panel: test accuracy where it was measured.
fn draw_accuracy<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &CurvesView,
    x: (f64, f64),
    caption: &Caption,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let lang = style.lang;
    let n = |m: usize| view.accuracy_steps.len().min(view.accuracy[m].len());
    let area = draw_caption(area, caption, style)?;
    let axes = Axes {
        y_desc: t(lang, "test accuracy"),
        y_short: Some(t(lang, "accuracy")),
        y: (-0.03, 1.03),
        percent: true,
        show_steps: true,
    };
    let Some(mut chart) = step_chart(&area, x, &axes, style)? else { return Ok(()) };
    for m in [1, 0] {
        let points = thinned(&view.accuracy_steps[..n(m)], &view.accuracy[m][..n(m)]);
        // Dots on the measurements while they are few enough to tell apart.
        let dots = points.len() <= 150;
        draw_line(&mut chart, &points, COLOURS[m], style.px(3.0), dots, style)?;
    }
    if (0..2).all(|m| n(m) == 0) {
        let (w, h) = size(&area);
        let font = text_style(style).pos(Pos::new(HPos::Center, VPos::Center));
        area.draw_text(&t(lang, "no test accuracy measured yet"), &font, (w / 2, h / 2 - style.px(20.0) as i32))?;
    }
    Ok(())
}

/// "{model}: diverged (NaN) at step {k}" — or "by step {k}" when the view starts after step 1
/// with the model already diverged (a chart of part of a run), so the step it happened is not
/// known. (The Train view's records start at step 1 and keep the step a value first stopped being
/// a number: `trainer::StepHistory`.)
pub(super) fn diverged_text(style: &Style, model: &str, steps: &[u64], step: u64) -> String {
    let lang = style.lang;
    let key = if steps.first().is_some_and(|&first| first == step && first > 1) {
        "{model}: diverged (NaN) by step {k}"
    } else {
        "{model}: diverged (NaN) at step {k}"
    };
    tf(lang, key, &[("model", &t(lang, model)), ("k", &step.to_string())])
}

/// A diverged model's value in a compact caption: "NaN (diverged at step {k})" (or "by step").
fn diverged_short(style: &Style, steps: &[u64], step: u64) -> String {
    let key = if steps.first().is_some_and(|&first| first == step && first > 1) {
        "NaN (diverged by step {k})"
    } else {
        "NaN (diverged at step {k})"
    };
    tf(style.lang, key, &[("k", &step.to_string())])
}

pub(super) use crate::numbers::percent;

// ----- helpers the Train charts share -----------------------------------------------------------

/// Draws `text` as a title across the top of `root`, on two or three lines when one is too
/// narrow (a phone's or a projector's narrow chart), and returns the area below it.
pub(super) fn title<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &Style,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    super::common::title(root, text, style)
}

/// A panel's caption, laid out: its lines, where they start, and the colour key in front.
pub(super) struct Caption {
    lines: Vec<String>,
    x: i32,
    key: Option<RGBColor>,
    line_height: i32,
}

impl Caption {
    /// The pixels it takes above its panel.
    pub(super) fn height(&self) -> i32 {
        if self.lines.is_empty() {
            0
        } else {
            self.lines.len() as i32 * self.line_height + self.line_height / 8
        }
    }
}

/// Lays out a panel's caption across `area`: the parts on one line joined by " · " (from the
/// plot's left edge, or from the chart's when that is too narrow), or one part per line, each
/// wrapped (after its colon, else between words) when even that does not fit. With `key`, a
/// short thick line in that colour comes first (which model the panel shows).
pub(super) fn layout_caption<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    parts: &[String],
    key: Option<RGBColor>,
    style: &Style,
) -> Result<Caption, DrawingAreaErrorKind<DB::ErrorType>> {
    let width = size(area).0;
    let line_height = (style.font() * 1.45).round() as i32;
    let key_width = if key.is_some() { style.px(28.0 + 7.0) as i32 } else { 0 };
    let right = width - style.px(MARGIN_RIGHT) as i32;
    let (plot_left, left) = (style.px(MARGIN_LEFT + Y_LABEL_AREA) as i32, style.px(MARGIN_LEFT) as i32);
    let text_width =
        |s: &str| -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> { Ok(text::width_px(s, style.font())) };
    if parts.is_empty() {
        return Ok(Caption { lines: vec![], x: left, key, line_height });
    }
    let joined = parts.join(" · ");
    let needed = key_width + text_width(&joined)?;
    let (lines, x) = if plot_left + needed <= right {
        (vec![joined], plot_left)
    } else if left + needed <= right {
        (vec![joined], left)
    } else {
        let mut lines = vec![];
        for part in parts {
            lines.extend(text::title_lines(part, style.font(), (right - left - key_width) as f64, 3));
        }
        (lines, left)
    };
    Ok(Caption { lines, x, key, line_height })
}

/// Lays out each of `alternatives` (the same caption in other words) and keeps the first of
/// those taking the fewest lines.
pub(super) fn layout_shortest<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    alternatives: &[Vec<String>],
    key: Option<RGBColor>,
    style: &Style,
) -> Result<Caption, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut best: Option<Caption> = None;
    for parts in alternatives {
        let caption = layout_caption(area, parts, key, style)?;
        if best.as_ref().is_none_or(|b| caption.lines.len() < b.lines.len()) {
            best = Some(caption);
        }
    }
    match best {
        Some(caption) => Ok(caption),
        None => layout_caption(area, &[], key, style),
    }
}

/// Lays out the first of `alternatives` that takes at most `most` lines (the caption with its
/// numbers, where two lines hold them), else the one taking the fewest ([`layout_shortest`]).
pub(super) fn layout_within<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    alternatives: &[Vec<String>],
    key: Option<RGBColor>,
    most: usize,
    style: &Style,
) -> Result<Caption, DrawingAreaErrorKind<DB::ErrorType>> {
    for parts in alternatives {
        let caption = layout_caption(area, parts, key, style)?;
        if !caption.lines.is_empty() && caption.lines.len() <= most {
            return Ok(caption);
        }
    }
    layout_shortest(area, alternatives, key, style)
}

/// Draws a caption laid out by [`layout_caption`] at the top of `area`; returns the area below.
pub(super) fn draw_caption<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    caption: &Caption,
    style: &Style,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    let font = text_style(style).pos(Pos::new(HPos::Left, VPos::Center));
    let (head, rest) = area.split_vertically(caption.height().min(size(area).1));
    let (x, swatch) = (caption.x, style.px(28.0) as i32);
    let key_width = if caption.key.is_some() { style.px(28.0 + 7.0) as i32 } else { 0 };
    for (i, line) in caption.lines.iter().enumerate() {
        let y = i as i32 * caption.line_height + caption.line_height / 2;
        if let (0, Some(colour)) = (i, caption.key) {
            head.draw(&PathElement::new(vec![(x, y), (x + swatch, y)], colour.stroke_width(style.px(3.0))))?;
        }
        // Lines after the first stay aligned with the first one's text.
        head.draw_text(line, &font, (x + key_width, y))?;
    }
    Ok(rest)
}

/// Splits `area` into a top and a bottom panel whose plots are equally high, whatever room
/// their captions take; the bottom one also holds the step axis's labels.
pub(super) fn panels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    captions: [&Caption; 2],
    style: &Style,
) -> (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>) {
    let height = size(area).1;
    let extra = style.px(X_LABEL_AREA - 6.0) as i32;
    let plot = (height - captions[0].height() - captions[1].height() - extra).max(0) / 2;
    area.split_vertically((captions[0].height() + plot).min(height))
}

/// The step axis over `steps`: from the first to the last step; a single step (or steps too
/// close for floats to tell apart) gets room around it, never below step 0 (review26: step 0's
/// accuracy alone sat in an axis from −1 to 1). None without steps.
pub(super) fn step_range(steps: impl Iterator<Item = u64>) -> Option<(f64, f64)> {
    let mut span = Span::default();
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for s in steps {
        let s = s as f64;
        span.add(s);
        lo = lo.min(s);
        hi = hi.max(s);
    }
    if lo > hi {
        return None;
    }
    if hi - lo > 1e-6 * lo.abs().max(hi.abs()).max(1.0) {
        return Some((lo, hi));
    }
    let (a, b) = span.padded();
    Some(if a < 0.0 { (0.0, b - a) } else { (a, b) })
}

/// What a panel's axes show.
pub(super) struct Axes {
    /// The y axis's name (already translated), and a shorter one for a plot too low for it.
    pub y_desc: String,
    pub y_short: Option<String>,
    pub y: (f64, f64),
    /// Label the y axis 0 % … 100 % (values 0…1).
    pub percent: bool,
    /// Only the bottom panel labels the shared step axis.
    pub show_steps: bool,
}

/// A panel's axes and grid over `x` steps; None (after drawing [`TOO_SMALL`]) without room.
pub(super) fn step_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    x: (f64, f64),
    axes: &Axes,
    style: &Style,
) -> Result<Option<Chart<'a, DB>>, DrawingAreaErrorKind<DB::ErrorType>> {
    let x_area = if axes.show_steps { style.px(X_LABEL_AREA) } else { style.px(6.0) };
    let (width, height) = size(area);
    if width < style.px(MARGIN_LEFT + Y_LABEL_AREA + MARGIN_RIGHT + 40.0) as i32
        || height < (x_area + style.px(30.0)) as i32
    {
        placeholder(area, TOO_SMALL, style)?;
        return Ok(None);
    }
    let (y_lo, y_hi) = axes.y;
    // As many y labels as fit without crowding a short plot, one per 1.5 lines of text: at least
    // three where two lines fit (asked for two, plotters gave the percentiles' short panels on a
    // phone and a projector a lone "0" for a scale).
    let plot_height = height as f64 - (x_area + style.px(6.0)) as f64;
    let y_labels = super::common::y_label_count(plot_height as i32, 21.0, style, if axes.percent { 6 } else { 5 });
    // The y axis's name runs along it: its short name when the name is longer than the plot is
    // high (it would run into the other panel's), else left out; the caption and title still
    // say what is plotted (review39: "input to ReLU" was missing at 1280 px in English).
    let desc = [Some(&axes.y_desc), axes.y_short.as_ref()]
        .into_iter()
        .flatten()
        .find(|d| text::width(d, style.font()) <= plot_height);
    let desc_fits = desc.is_some();
    let y_ticks = |v: &f64| if axes.percent { percent_tick(*v) } else { tick(*v, y_hi - y_lo) };
    let y_area = super::common::y_label_area((y_lo, y_hi), y_labels, &|v| y_ticks(&v), desc_fits, Y_LABEL_AREA, style);
    let mut chart = ChartBuilder::on(area)
        .margin_left(style.px(MARGIN_LEFT))
        .margin_right(style.px(MARGIN_RIGHT))
        .margin_top(style.px(6.0))
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x.0..x.1, y_lo..y_hi)?;
    let plot_width = chart.plotting_area().dim_in_pixel().0 as i32;
    let x_ticks = |v: &f64| step_label(*v);
    let mut mesh = chart.configure_mesh();
    if let Some(desc) = desc {
        mesh.y_desc(desc.as_str());
    }
    mesh.x_labels(super::common::label_count(plot_width, 80.0, style, 6))
        .y_labels(y_labels)
        .x_label_formatter(&x_ticks)
        .y_label_formatter(&y_ticks)
        .label_style(text_style(style))
        .axis_desc_style(text_style(style))
        .axis_style(TEXT.stroke_width(style.px(1.0)))
        .bold_line_style(TEXT.mix(0.12).stroke_width(1))
        .light_line_style(TRANSPARENT);
    if axes.show_steps {
        mesh.x_desc(t(style.lang, "step"));
    } else {
        mesh.x_label_formatter(&|_| String::new());
    }
    mesh.draw()?;
    Ok(Some(chart))
}

/// A step number for the axis: whole numbers only, in scientific notation past ten million.
fn step_label(v: f64) -> String {
    if (v - v.round()).abs() > 1e-6 || v < -0.5 {
        String::new()
    } else if v.abs() >= 1e7 {
        format!("{v:.2e}")
    } else {
        format!("{}", v.round() as i64)
    }
}

/// "0 %" … "100 %" for ticks in 0…1, nothing outside.
pub(super) fn percent_tick(v: f64) -> String {
    if (-1e-9..=1.0 + 1e-9).contains(&v) {
        format!("{:.0} %", (v * 100.0).abs())
    } else {
        String::new()
    }
}

/// The `q` quantile (0…1) of `values` by the page's one rule (`stats::percentile_of`, numpy's
/// linear interpolation); NaN when empty.
pub(super) fn quantile(values: &[f64], q: f64) -> f64 {
    crate::core::stats::percentile_of(values.iter().copied(), q * 100.0).unwrap_or(f64::NAN)
}

/// The step at which a model diverged: the first of the non-finite values it ends with.
pub(super) fn diverged_at(steps: &[u64], values: &[f32]) -> Option<u64> {
    let n = steps.len().min(values.len());
    let finite_until = values[..n].iter().rposition(|v| v.is_finite()).map_or(0, |i| i + 1);
    (finite_until < n).then(|| steps[finite_until])
}

/// `(step, value)` points of `values`, thinned to at most [`MAX_POINTS`]: each point is the
/// mean of a bucket of consecutive records (of their finite values; buckets of ⌊n / 800⌋ or
/// ⌈n / 800⌉ records); a bucket with no finite value is None, a gap in the line.
pub(super) fn thinned(steps: &[u64], values: &[f32]) -> Vec<Option<(f64, f64)>> {
    let n = steps.len().min(values.len());
    let buckets = n.min(MAX_POINTS);
    (0..buckets)
        .map(|j| {
            // In u64: on wasm32, j · n could overflow a 32-bit usize.
            let edge = |j: usize| (j as u64 * n as u64 / buckets as u64) as usize;
            let (start, end) = (edge(j), edge(j + 1));
            let (mut count, mut step, mut value) = (0.0, 0.0, 0.0);
            for i in start..end {
                let v = values[i] as f64;
                if v.is_finite() {
                    count += 1.0;
                    step += steps[i] as f64;
                    value += v;
                }
            }
            (count > 0.0 && value.is_finite()).then(|| (step / count, value / count))
        })
        .collect()
}

/// Splits points with gaps into the runs between the gaps.
pub(super) fn runs(points: &[Option<(f64, f64)>]) -> Vec<Vec<(f64, f64)>> {
    points
        .split(Option::is_none)
        .filter(|run| !run.is_empty())
        .map(|run| run.iter().flatten().copied().collect())
        .collect()
}

/// Draws points with gaps as lines (a lone point as a dot), clamped into the chart; with `dots`,
/// a dot on every point.
pub(super) fn draw_line<DB: DrawingBackend>(
    chart: &mut Chart<DB>,
    points: &[Option<(f64, f64)>],
    colour: RGBColor,
    width: u32,
    dots: bool,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (x, y) = (chart.x_range(), chart.y_range());
    let clamp = |(a, b): (f64, f64)| (a.clamp(x.start, x.end), b.clamp(y.start, y.end));
    // Dots smaller when many, so a row of them still reads as a line.
    let radius = match (dots, points.len()) {
        (false, _) => style.px(4.0),
        (true, 0..=40) => style.px(4.0),
        (true, _) => style.px(2.5),
    };
    for run in runs(points) {
        if run.len() > 1 {
            chart.draw_series(LineSeries::new(run.iter().map(|&p| clamp(p)), colour.stroke_width(width)))?;
        }
        if dots || run.len() == 1 {
            chart.draw_series(run.iter().map(|&p| Circle::new(clamp(p), radius, colour.filled())))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Steps are never negative: step 0 alone gets room after it, a later lone step around it.
    #[test]
    fn a_lone_step_gets_room_but_no_negative_steps() {
        assert_eq!(step_range([0u64].into_iter()), Some((0.0, 2.0)));
        let (lo, hi) = step_range([40u64, 40].into_iter()).unwrap_or_default();
        assert!(lo > 0.0 && lo < 40.0 && hi > 40.0, "{lo} {hi}");
        assert_eq!(step_range([0u64, 10, 20].into_iter()), Some((0.0, 20.0)));
        assert_eq!(step_range(std::iter::empty()), None);
    }
}
