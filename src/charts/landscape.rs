//! Papers chart: Santurkar et al. 2018, Figure 4, in miniature. Every few steps both models are
//! probed along their gradient g at θ, for a few step sizes η (on copies: the models do not
//! change): three panels over the steps — the range of L(θ − η·g) (the loss landscape), the
//! range of ‖∇L(θ − η·g) − g‖ (gradient predictiveness), and the largest
//! ‖∇L(θ − η·g) − g‖ / (η‖g‖) ("effective β-smoothness"). Bands are min…max over η.
//!
//! Self-contained: only plotters, the view and the page's palette and words.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::common::SANS;
use super::{LandscapeView, Style, TEXT, WITHOUT_BN, WITH_BN};
use crate::i18n::{t, Lang};
use crate::numbers::tick;

const COLOURS: [RGBColor; 2] = [WITH_BN, WITHOUT_BN];
/// No probe to draw: how to get one (probing already on: only training is missing).
const EMPTY: &str = "No probes yet: choose the Santurkar et al. preset (or tick “probe”), then train";
const EMPTY_PROBING: &str = "No probes yet: press Step (a probe every 10 steps)";

/// (min, max) of the finite values, padded; None when there is none.
fn range<'a>(values: impl Iterator<Item = &'a f32>) -> Option<(f64, f64)> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &v in values {
        if v.is_finite() {
            lo = lo.min(v as f64);
            hi = hi.max(v as f64);
        }
    }
    if lo > hi {
        return None;
    }
    let pad = ((hi - lo) * 0.08).max(1e-6 * hi.abs().max(1.0));
    Some((lo - pad, hi + pad))
}

fn message<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (w, h) = super::common::size(area);
    let font = (SANS, style.font()).into_font().color(&TEXT).pos(Pos::new(HPos::Center, VPos::Center));
    // In as many lines as the width needs (on a phone "No probes yet: …" is three).
    let room = (w - 2 * style.px(12.0) as i32).max(0) as f64;
    let lines = super::text::wrap(&t(style.lang, text), style.font(), room, 5);
    let line = (style.font() * 1.4).round() as i32;
    let top = h / 2 - line * (lines.len() as i32 - 1) / 2;
    for (i, text) in lines.iter().enumerate() {
        area.draw_text(text, &font, (w / 2, top + line * i as i32))?;
    }
    Ok(())
}

/// A panel's title, centred and wrapped in up to two lines above it; the rest of the panel.
fn caption<DB: DrawingBackend>(
    panel: &DrawingArea<DB, Shift>,
    text: &str,
    style: &Style,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    let (w, h) = super::common::size(panel);
    let room = (w - 2 * style.px(8.0) as i32).max(0) as f64;
    let lines = super::text::wrap(text, style.font(), room, 2);
    let line = (style.font() * 1.35).round() as i32;
    let font = (SANS, style.font()).into_font().color(&TEXT).pos(Pos::new(HPos::Center, VPos::Center));
    let (top, rest) = panel.split_vertically((line * lines.len() as i32 + style.px(4.0) as i32).min(h));
    for (i, text) in lines.iter().enumerate() {
        top.draw_text(text, &font, (w / 2, line * i as i32 + line / 2 + style.px(4.0) as i32))?;
    }
    Ok(rest)
}

/// The index ranges of `xs` (increasing) falling in each of `columns` equal columns of `(x0, x1)`,
/// in order, empty columns left out.
fn by_column(xs: impl Iterator<Item = f64>, (x0, x1): (f64, f64), columns: usize) -> Vec<std::ops::Range<usize>> {
    let of = |x: f64| ((x - x0) / (x1 - x0) * columns as f64).floor().clamp(0.0, columns as f64 - 1.0) as usize;
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    let mut last = usize::MAX;
    for (i, x) in xs.enumerate() {
        match ranges.last_mut() {
            Some(r) if of(x) == last => r.end = i + 1,
            _ => ranges.push(i..i + 1),
        }
        last = of(x);
    }
    ranges
}

/// A line through `points` with at most two per column: where more fall in one, its lowest and
/// its highest, in the order they came (every spike the eye could see stays, at the plot's cost).
fn thin_line(points: &[(f64, f64)], x: (f64, f64), columns: usize) -> Vec<(f64, f64)> {
    if points.len() <= 2 * columns {
        return points.to_vec();
    }
    let mut out = Vec::with_capacity(2 * columns);
    for r in by_column(points.iter().map(|p| p.0), x, columns) {
        let column = &points[r];
        let by = |a: &&(f64, f64), b: &&(f64, f64)| a.1.total_cmp(&b.1);
        let (low, high) = (column.iter().min_by(by), column.iter().max_by(by));
        let (Some(&low), Some(&high)) = (low, high) else { continue };
        let first = column.iter().position(|&p| p == low) <= column.iter().position(|&p| p == high);
        out.extend(if low == high {
            vec![low]
        } else if first {
            vec![low, high]
        } else {
            vec![high, low]
        });
    }
    out
}

/// A band's (x, min, max) with one per column where more fall in one: the lowest min and the
/// highest max of the column, at its probes' middle step.
fn thin_band(band: &[(f64, f64, f64)], x: (f64, f64), columns: usize) -> Vec<(f64, f64, f64)> {
    if band.len() <= columns {
        return band.to_vec();
    }
    by_column(band.iter().map(|b| b.0), x, columns)
        .into_iter()
        .map(|r| {
            let column = &band[r];
            let middle = (column[0].0 + column[column.len() - 1].0) / 2.0;
            let low = column.iter().map(|b| b.1).fold(f64::INFINITY, f64::min);
            let high = column.iter().map(|b| b.2).fold(f64::NEG_INFINITY, f64::max);
            (middle, low, high)
        })
        .collect()
}

/// Which number of the corner under a plot to leave out.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Corner {
    /// The y axis's lowest number, at this value.
    Number(f64),
    /// The x axis's first number, at this step.
    Step(f64),
}

/// Whether the y axis's lowest number (of `y_labels` asked for over `yr`) and the x axis's first
/// (of six over `xr`, as `step` writes it) would touch in the corner of a plot `w` × `h` backend
/// pixels, and if so which to leave out: the y axis's where two or more stay, else the step's.
/// (plotters centres a y number on its tick, right-aligned left of the axis, and an x number
/// under its tick, starting a tick mark below the axis.)
fn corner(
    xr: (f64, f64),
    yr: (f64, f64),
    (w, h): (i32, i32),
    y_labels: usize,
    step: &dyn Fn(f64) -> String,
    style: &Style,
) -> Option<Corner> {
    use plotters::coord::types::RangedCoordf64;
    let (x_span, y_span) = (xr.1 - xr.0, yr.1 - yr.0);
    if !(x_span > 0.0 && y_span > 0.0 && w > 0 && h > 0) {
        return None;
    }
    let ys = RangedCoordf64::from(yr.0..yr.1).key_points(y_labels);
    let lowest = ys.iter().copied().fold(f64::INFINITY, f64::min);
    // Its half line below its tick reaches under the axis, where the x numbers are.
    let low = lowest.is_finite() && (lowest - yr.0) / y_span * f64::from(h) < 0.6 * style.font();
    let first = RangedCoordf64::from(xr.0..xr.1)
        .key_points(6)
        .into_iter()
        .filter(|&v| !step(v).is_empty())
        .fold(f64::INFINITY, f64::min);
    // Its left half reaches the y numbers' column (a tick mark and a gap left of the axis).
    let left = first.is_finite()
        && (first - xr.0) / x_span * f64::from(w)
            < 0.5 * super::text::width(&step(first), style.font()) + f64::from(style.px(2.0));
    match (low && left, ys.len() >= 3) {
        (false, _) => None,
        (true, true) => Some(Corner::Number(lowest)),
        (true, false) => Some(Corner::Step(first)),
    }
}

/// The chart's title, as it draws it (and as a notice names the chart).
pub fn heading(_: &LandscapeView, lang: Lang) -> String {
    t(lang, "Fig. 4's measures (Santurkar et al. 2018): model A against model B, every 10 steps")
}

/// Draws the three panels of the probes over the steps.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &LandscapeView,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let lang = style.lang;
    let (x, y) = root.get_pixel_range();
    let (w, h) = ((x.end - x.start).max(0), (y.end - y.start).max(0));
    // The title in two lines where one does not fit (it was cut at both edges at 1280 px).
    let rest = super::common::title(root, &heading(view, lang), style)?;
    // The legend, in as many rows as the width needs.
    let items: Vec<(super::common::Key, String)> = (0..2)
        .map(|m| {
            let name = match view.names[m] {
                "" => ["with BatchNorm1d", "without BatchNorm1d"][m],
                n => n,
            };
            (super::common::Key::Line(COLOURS[m]), t(lang, name))
        })
        .collect();
    let rest = super::common::legend(&rest, &items, style)?;
    if view.steps.is_empty() {
        return message(&rest, if view.probing { EMPTY_PROBING } else { EMPTY }, style);
    }
    if h < style.px(260.0) as i32 || w < style.px(240.0) as i32 {
        return message(&rest, "Too small to draw", style);
    }
    let x0 = *view.steps.first().unwrap_or(&0) as f64;
    let x1 = (*view.steps.last().unwrap_or(&0) as f64).max(x0 + 1.0);
    // Three panels over the same steps: the step numbers and "step" once, under the last (each
    // panel had its own, and on a phone they sat on the next panel's title).
    let (_, rest_h) = super::common::size(&rest);
    let x_axis = style.px(44.0) as i32;
    let panel_h = ((rest_h - x_axis) / 3).max(0);
    let (first, below) = rest.split_vertically(panel_h);
    let (second, third) = below.split_vertically(panel_h);
    let panels = [first, second, third];
    let titles = [
        "loss landscape: L(θ − η·g), min…max over η",
        "gradient predictiveness: ‖∇L(θ − η·g) − g‖, min…max over η",
        "“effective β-smoothness”: max over η of ‖∇L(θ − η·g) − g‖ / (η‖g‖)",
    ];
    for (p, panel) in panels.iter().enumerate() {
        let series: [[&[f32]; 2]; 2] = match p {
            0 => [0, 1].map(|m| [&view.loss[m][0][..], &view.loss[m][1][..]]),
            1 => [0, 1].map(|m| [&view.grad_change[m][0][..], &view.grad_change[m][1][..]]),
            _ => [0, 1].map(|m| [&view.beta[m][..], &view.beta[m][..]]),
        };
        let all = series.iter().flat_map(|s| s.iter().flat_map(|v| v.iter()));
        let Some(yr) = range(all) else {
            message(panel, "Nothing to plot: every value is NaN or infinite", style)?;
            continue;
        };
        // The panel's own title, wrapped to its width (on a phone it ran off both edges).
        // (The last panel is the x axis's strip taller: its numbers and "step" go there.)
        let panel = caption(panel, &t(lang, titles[p]), style)?;
        let y_ticks = |v: &f64| tick(*v, yr.1 - yr.0);
        // Little room above and below: the three plots stack in one screen's height on a 720p
        // projector, each 120 px high or more (~100 with 6 px margins and a shorter box).
        let mut chart = ChartBuilder::on(&panel)
            .margin(style.px(6.0))
            .margin_top(style.px(2.0))
            .margin_bottom(style.px(2.0))
            .margin_right(style.px(16.0)) // half the last step's number ("200") past the plot
            .x_label_area_size(if p == 2 { x_axis } else { 0 })
            .y_label_area_size(super::common::y_label_area(yr, 4, &|v| y_ticks(&v), false, 56.0, style))
            .build_cartesian_2d(x0..x1, yr.0..yr.1)?;
        // As many numbers as keep a line and a half apart (four on a 30 px panel overlapped),
        // fewer where those plotters would pick come closer than a line.
        let (plot_w, plot_h) = chart.plotting_area().dim_in_pixel();
        let y_labels = super::common::y_label_count_over(yr, plot_h as i32, 21.0, style, 4); // 1.5 lines of 14 px
                                                                                             // Steps are whole numbers: a tick between two (0.2 on a range 0…1) gets no number, so the
                                                                                             // numbers are distinct (at step 3 they read "0 0 0 1 1 1").
        let step_label = |v: f64| if v.fract() == 0.0 { format!("{v:.0}") } else { String::new() };
        // The corner under the last panel: in the labels' full font the y axis's lowest number,
        // at the plot's bottom, touched the x axis's first (the two "0"s on a phone). One of them
        // is left out: the y axis's where it keeps two more, else the step's.
        let corner = if p == 2 {
            corner((x0, x1), yr, (plot_w as i32, plot_h as i32), y_labels, &step_label, style)
        } else {
            None
        };
        let x_ticks = |v: &f64| if corner == Some(Corner::Step(*v)) { String::new() } else { step_label(*v) };
        let y_numbers = |v: &f64| if corner == Some(Corner::Number(*v)) { String::new() } else { y_ticks(v) };
        let mut mesh = chart.configure_mesh();
        mesh.light_line_style(WHITE)
            // The numbers in the other charts' label font (at 0.85 of it they were the page's
            // smallest chart text: 11.9 px on a phone, 16.1 beside 18.9 at 1280×720).
            .label_style(super::common::text_style(style))
            .y_labels(y_labels)
            .x_labels(6)
            .x_label_formatter(&x_ticks)
            .y_label_formatter(&y_numbers);
        if p == 2 {
            mesh.x_desc(t(lang, "step"));
        }
        mesh.draw()?;
        // What the eye can see: probes closer than a column of the plot (2 CSS px) are drawn as
        // one, the column's range; dots only where they stand apart (273 probes in a laptop's
        // 430 px drew 1 638 overlapping dots, a solid smear that hid the bands). The lines first,
        // thin where dense; the bands (min…max over η) over them, translucent, so a spike of one
        // model does not hide the other's band; model A (green) on top of each.
        let plot_width = chart.plotting_area().dim_in_pixel().0 as f64;
        let column = style.px(2.0) as f64;
        let columns = (plot_width / column).floor().max(1.0) as usize;
        let n_of = |m: usize| view.steps.len().min(series[m][0].len()).min(series[m][1].len());
        let dots = (0..2).all(|m| n_of(m) as f64 * style.px(8.0) as f64 <= plot_width);
        let line_width = if dots { style.px(2.0) } else { style.px(1.5) };
        for m in [1, 0] {
            let hi = series[m][1];
            let points: Vec<(f64, f64)> =
                (0..n_of(m)).filter(|&i| hi[i].is_finite()).map(|i| (view.steps[i] as f64, hi[i] as f64)).collect();
            let points = thin_line(&points, (x0, x1), columns);
            chart.draw_series(LineSeries::new(points.clone(), COLOURS[m].stroke_width(line_width)))?;
            if dots {
                chart.draw_series(points.iter().map(|&p| Circle::new(p, style.px(2.5), COLOURS[m].filled())))?;
            }
        }
        if p < 2 {
            for m in [1, 0] {
                let [lo, hi] = series[m];
                // A polygon over each run of finite probes.
                let mut run: Vec<(f64, f64, f64)> = Vec::new();
                let mut flush = |run: &mut Vec<(f64, f64, f64)>| -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
                    let band = thin_band(run, (x0, x1), columns);
                    if band.len() >= 2 {
                        let mut points: Vec<(f64, f64)> = band.iter().map(|&(x, a, _)| (x, a)).collect();
                        points.extend(band.iter().rev().map(|&(x, _, b)| (x, b)));
                        chart.draw_series(std::iter::once(Polygon::new(points, COLOURS[m].mix(0.3).filled())))?;
                    }
                    run.clear();
                    Ok(())
                };
                for i in 0..n_of(m) {
                    let (a, b) = (lo[i] as f64, hi[i] as f64);
                    if a.is_finite() && b.is_finite() {
                        run.push((view.steps[i] as f64, a, b));
                    } else {
                        flush(&mut run)?;
                    }
                }
                flush(&mut run)?;
            }
        }
    }
    Ok(())
}
