//! Chart 3: one feature's running statistics over the steps taken.
//!
//! Two panels share the step axis: the top one follows the mean, the bottom one the variance (side
//! by side, each with its steps, on a short wide chart).
//! In each, the thick green line is the layer's running estimate, the blue dots are each step's
//! own batch statistic (noisy; an eval pass's batch, which moves nothing, a ring at the last
//! step), and the grey dashed line is the data's true value: a student sees
//! the running estimate smooth out the noise and creep toward the truth.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::common;
use super::common::{
    legend, num, placeholder, size, text_style, tick, too_small, Key, Span, MARGIN_LEFT, MARGIN_RIGHT, NO_DATA,
    TOO_SMALL, X_LABEL_AREA, Y_LABEL_AREA,
};
use super::{RunningView, Style, INPUT, RUNNING, TEXT, TRUTH};
use crate::i18n::{t, tf, Lang};

/// The least plot height and width (CSS px at scale 1) that side-by-side panels must each get
/// to be drawn so: 150 px in presenter mode (scale 1.35).
const SIDE_BY_SIDE_PLOT: f64 = 112.0;

/// What one panel shows: one statistic's running value, batch values and true value.
struct Panel<'a> {
    /// "mean" or "variance": the y axis label.
    quantity: &'a str,
    /// The layer's running buffer's name, as in PyTorch.
    running_name: &'a str,
    running: &'a [f32],
    batch: &'a [f32],
    /// An eval pass's batch value, a ring at the last step.
    eval: Option<f32>,
    truth: f32,
    /// Only the bottom panel labels the shared step axis.
    show_steps: bool,
    /// At most this many lines of caption above the plot, or `caption_most` where the shortened
    /// caption needs them: its true value is the lesson's point, never cut with "…".
    caption_lines: usize,
    caption_most: usize,
}

/// Draws the running mean (top) and running variance (bottom) of `view.feature` over the steps.
/// The chart's title, as it draws it (and as a notice names the chart).
pub fn heading(view: &RunningView, lang: Lang) -> String {
    tf(lang, "Feature {f}: running statistics over steps", &[("f", &view.feature.to_string())])
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &RunningView,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let lang = style.lang;
    let area = common::title(root, &heading(view, lang), style)?;
    if view.steps.is_empty() {
        return placeholder(&area, NO_DATA, style);
    }
    if too_small(&area, style) {
        return placeholder(&area, TOO_SMALL, style);
    }

    // One legend for both panels: the colours mean the same thing in each.
    let mut items = vec![
        (Key::Point(INPUT), t(lang, "this step's batch")),
        (Key::Dashed(TRUTH), t(lang, "true value of the data")),
    ];
    if view.eval_batch.is_some() {
        items.insert(1, (Key::Ring(INPUT), t(lang, "this eval-mode batch (moves nothing)")));
    }
    if !(view.running_mean.is_empty() && view.running_var.is_empty()) {
        items.insert(0, (Key::Line(RUNNING), t(lang, "running estimate")));
    }
    let area = legend(&area, &items, style)?;
    let (width, height) = size(&area);
    // The bottom panel also holds the step axis labels, so it gets that much more room.
    let extra = style.px(X_LABEL_AREA - 8.0) as i32;
    let line = (style.font() * 1.5).round() as i32;
    // A short, wide chart (presenter mode at 1280×720): stacked, each plot would be ~60 px high,
    // unreadable from the back of a room; side by side, each panel has the whole height (and its
    // own step axis) when both plots then get SIDE_BY_SIDE_PLOT each way.
    let least = style.px(SIDE_BY_SIDE_PLOT) as i32;
    let stacked_plot = (height - extra) / 2 - 2 * line - style.px(6.0) as i32;
    let side_plot_height = height - 2 * line - style.px(6.0 + X_LABEL_AREA) as i32;
    let side_plot_width = width / 2 - style.px(MARGIN_LEFT + Y_LABEL_AREA + MARGIN_RIGHT) as i32;
    let side_by_side = stacked_plot < least && side_plot_height >= least && side_plot_width >= least;
    let (top, bottom) = if side_by_side {
        area.split_horizontally(width / 2)
    } else {
        area.split_vertically((height - extra).max(0) / 2)
    };
    // Each caption takes two lines where a narrow chart needs them, but not when that would
    // squeeze a plot below SIDE_BY_SIDE_PLOT (a projector's chart beside a lesson, 423 px wide:
    // two-line captions left each plot 112 px at 1280×720): then one line each, shortened with
    // "…" (the chart's text alternative holds the whole numbers). (Each panel's share holds its
    // caption, a 6 px margin and the plot; the bottom one's step labels come out of `extra`.)
    let fits = |plot: f64| (height - extra) / 2 >= style.px(6.0 + plot) as i32 + 2 * line;
    let caption_lines = if side_by_side || fits(SIDE_BY_SIDE_PLOT) { 2 } else { 1 };
    let caption_most = if side_by_side || fits(45.0) { 2 } else { 1 };

    let mean = Panel {
        quantity: "mean",
        running_name: "running_mean",
        running: &view.running_mean,
        batch: &view.batch_mean,
        eval: view.eval_batch.map(|b| b.0),
        truth: view.true_mean,
        show_steps: side_by_side,
        caption_lines,
        caption_most,
    };
    let var = Panel {
        quantity: "variance",
        running_name: "running_var",
        running: &view.running_var,
        batch: &view.batch_var,
        eval: view.eval_batch.map(|b| b.1),
        truth: view.true_var,
        show_steps: true,
        caption_lines,
        caption_most,
    };
    // One y label area for both, as wide as the wider needs: the two plots' step axes line up.
    let y_area = [&mean, &var]
        .map(|p| {
            let (lo, hi) = y_range(&view.steps, p);
            common::y_label_area((lo, hi), 4, &|v| tick(v, hi - lo), true, Y_LABEL_AREA, style)
        })
        .into_iter()
        .max()
        .unwrap_or(style.px(Y_LABEL_AREA));
    draw_panel(&top, &view.steps, &mean, y_area, style)?;
    draw_panel(&bottom, &view.steps, &var, y_area, style)
}

/// A panel's (step, value) pairs of `values`, finite values only.
fn pairs(steps: &[u64], values: &[f32]) -> Vec<(f64, f64)> {
    steps.iter().zip(values).map(|(&s, &v)| (s as f64, v as f64)).filter(|p| p.1.is_finite()).collect()
}

/// The eval pass's batch value at the last step, if finite.
fn eval_point(steps: &[u64], panel: &Panel) -> Option<(f64, f64)> {
    let (&step, value) = (steps.last()?, panel.eval?);
    value.is_finite().then_some((step as f64, value as f64))
}

/// The panel's y range: everything it draws (running values, batches, the truth), padded.
fn y_range(steps: &[u64], panel: &Panel) -> (f64, f64) {
    let mut span = Span::default();
    for (_, v) in
        pairs(steps, panel.running).into_iter().chain(pairs(steps, panel.batch)).chain(eval_point(steps, panel))
    {
        span.add(v);
    }
    if panel.truth.is_finite() {
        span.add(panel.truth as f64);
    }
    span.padded()
}

/// One panel: a caption with the latest numbers, then the plot over the steps.
fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    steps: &[u64],
    panel: &Panel,
    y_area: u32,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let running = pairs(steps, panel.running);
    let batch = pairs(steps, panel.batch);
    let truth = Some(panel.truth as f64).filter(|t| t.is_finite());

    // Caption: the latest running value and the truth, or why there is no running value.
    let lang = style.lang;
    let latest = |v: Option<f64>| v.map_or("—".to_string(), num);
    let caption = match panel.running.last() {
        None => t(lang, "no running statistics (track_running_stats=False)"),
        Some(&v) => tf(
            lang,
            // The batch's variance here is the unbiased one (what running_var averages): say so.
            if panel.quantity == "variance" {
                "{name} now {now} · last batch s² (÷(m−1)) {batch} · true {truth}"
            } else {
                "{name} now {now} · last batch {batch} · true {truth}"
            },
            &[
                ("name", panel.running_name),
                ("now", &num(v as f64)),
                // The batch just passed: an eval pass's, else the last step's.
                ("batch", &latest(panel.eval.or(panel.batch.last().copied()).map(|b| b as f64))),
                ("truth", &latest(truth)),
            ],
        ),
    };
    let font = text_style(style).pos(Pos::new(HPos::Left, VPos::Center));
    let line = (style.font() * 1.5).round() as i32;
    let width = size(area).0;
    // Above the plot when it fits there, else from the left margin, on two lines when one is
    // too narrow (a phone) and the panel has room, shortened with "…" when even those are not
    // enough.
    let plot_left = (style.px(MARGIN_LEFT) + y_area) as i32;
    // (To the panel's edge less the left margin: the right one is room for the steps' last number.)
    let right = width - style.px(MARGIN_LEFT) as i32;
    let fits = plot_left + common::estimate_width(&caption, style.font()) <= right;
    let x = if fits { plot_left } else { style.px(MARGIN_LEFT) as i32 };
    let room = (right - x).max(0) as f64;
    // A caption too long for its lines leaves out the last batch (its dot is the last one drawn)
    // rather than the truth (side by side, two lines cut it after "last batch…"), then "now" (at
    // 1280×720 beside a lesson, 378 px wide, the truth was cut to "true…").
    let needs = |text: &str| super::text::wrap(text, style.font(), room, usize::MAX).len();
    let mut words = vec![caption];
    if let Some(&v) = panel.running.last() {
        let values = [("name", panel.running_name), ("now", &num(v as f64)), ("truth", &latest(truth))];
        words.push(tf(lang, "{name} now {now} · true {truth}", &values));
        words.push(tf(lang, "{name} {now} · true {truth}", &values));
    }
    let whole = |lines: usize| words.iter().find(|w| needs(w) <= lines).map(|w| (w.clone(), lines));
    let (caption, most) = whole(panel.caption_lines)
        .or_else(|| whole(panel.caption_most))
        .unwrap_or_else(|| (words[words.len() - 1].clone(), panel.caption_most));
    let lines = super::text::wrap(&caption, style.font(), room, most);
    let (head, area) = area.split_vertically((line * lines.len().max(1) as i32).min(size(area).1));
    for (i, text) in lines.iter().enumerate() {
        head.draw_text(text, &font, (x, line * i as i32 + line / 2))?;
    }

    // Too little room for axes and a plot: say so instead.
    let x_area = if panel.show_steps { style.px(X_LABEL_AREA) } else { style.px(6.0) };
    let (width, height) = size(&area);
    if width < style.px(MARGIN_LEFT + Y_LABEL_AREA + MARGIN_RIGHT + 40.0) as i32
        || height < (x_area + style.px(30.0)) as i32
    {
        return placeholder(&area, TOO_SMALL, style);
    }

    // x: the steps recorded; y: everything drawn. Both with a little room either side.
    let mut steps_span = Span::default();
    for &s in steps {
        steps_span.add(s as f64);
    }
    let (x_lo, x_hi) = steps_span.padded();
    let (y_lo, y_hi) = y_range(steps, panel);

    // The plot's height (the y label area's width does not change it), for the y axis's numbers
    // and whether its name fits along it.
    let plot_height = height - (style.px(6.0) + x_area) as i32;
    let y_ticks = |v: &f64| tick(*v, y_hi - y_lo);
    let y_labels = common::y_label_count_over((y_lo, y_hi), plot_height, 28.0, style, 4);
    // The y axis's name runs along it: left out when longer than the plot is high (a phone's
    // short panel), where it would run into the caption; the caption names the quantity too.
    let y_desc = t(style.lang, panel.quantity);
    let desc_fits = super::text::width(&y_desc, style.font()) <= plot_height as f64;
    let mut chart = ChartBuilder::on(&area)
        .margin_left(style.px(MARGIN_LEFT))
        .margin_right(style.px(MARGIN_RIGHT))
        .margin_top(style.px(6.0))
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x_lo..x_hi, y_lo..y_hi)?;
    // Steps are whole numbers: only those get a label.
    let plot_width = chart.plotting_area().dim_in_pixel().0 as i32;
    let step = |v: f64| if (v - v.round()).abs() < 1e-6 { format!("{}", v.round()) } else { String::new() };
    let x_ticks = |v: &f64| common::clear_of_y_axis(*v, (x_lo, x_hi), plot_width, style, step(*v));
    let mut mesh = chart.configure_mesh();
    if desc_fits {
        mesh.y_desc(y_desc);
    }
    mesh.x_labels(common::x_label_count((x_lo, x_hi), plot_width, style, 8, &|v| x_ticks(&v)))
        .y_labels(y_labels)
        .x_label_formatter(&x_ticks)
        .y_label_formatter(&y_ticks)
        .label_style(text_style(style))
        .axis_desc_style(text_style(style))
        .axis_style(TEXT.stroke_width(style.px(1.0)))
        .bold_line_style(TEXT.mix(0.12).stroke_width(1))
        .light_line_style(TRANSPARENT);
    if panel.show_steps {
        mesh.x_desc(t(style.lang, "step"));
    } else {
        mesh.x_label_formatter(&|_| String::new());
    }
    mesh.draw()?;

    let clamp = |(x, y): (f64, f64)| (x.clamp(x_lo, x_hi), y.clamp(y_lo, y_hi));
    // Truth first (background), then the noisy batch dots, then the running line on top.
    if let Some(t) = truth {
        chart.draw_series(DashedLineSeries::new(
            vec![(x_lo, t), (x_hi, t)],
            style.px(10.0),
            style.px(6.0),
            TRUTH.stroke_width(style.px(2.0)),
        ))?;
    }
    let radius = if batch.len() <= 60 { style.px(3.5) } else { style.px(2.5) };
    chart.draw_series(batch.iter().map(|&p| Circle::new(clamp(p), radius, INPUT.filled())))?;
    if let Some(p) = eval_point(steps, panel) {
        let ring = INPUT.stroke_width(style.px(2.0));
        chart.draw_series(std::iter::once(Circle::new(clamp(p), style.px(5.5), ring)))?;
    }
    chart.draw_series(LineSeries::new(running.iter().map(|&p| clamp(p)), RUNNING.stroke_width(style.px(3.0))))?;
    // A line through one point is invisible: show a lone running value as a dot.
    if let [only] = running[..] {
        chart.draw_series(std::iter::once(Circle::new(clamp(only), style.px(4.5), RUNNING.filled())))?;
    }
    Ok(())
}
