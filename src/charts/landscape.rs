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

/// Draws the three panels of the probes over the steps.
/// The chart's title, as it draws it (and as a notice names the chart).
pub fn heading(_: &LandscapeView, lang: Lang) -> String {
    t(lang, "Fig. 4's measures (Santurkar et al. 2018): model A against model B, every 10 steps")
}

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
        let mut chart = ChartBuilder::on(&panel)
            .margin(style.px(6.0))
            .margin_right(style.px(16.0)) // half the last step's number ("200") past the plot
            .x_label_area_size(if p == 2 { x_axis } else { 0 })
            .y_label_area_size(style.px(56.0))
            .build_cartesian_2d(x0..x1, yr.0..yr.1)?;
        let y_ticks = |v: &f64| tick(*v, yr.1 - yr.0);
        // As many numbers as keep a line and a half apart (four on a 30 px panel overlapped).
        let plot_height = chart.plotting_area().dim_in_pixel().1 as i32;
        let y_labels = super::common::y_label_count(plot_height, 21.0, style, 4); // 1.5 lines of 14 px
        let mut mesh = chart.configure_mesh();
        mesh.light_line_style(WHITE)
            .label_style((SANS, style.font() * 0.85).into_font().color(&TEXT))
            .y_labels(y_labels)
            .x_labels(6)
            // Steps are whole numbers: a tick between two (0.2 on a range 0…1) gets no number,
            // so the numbers are distinct (at step 3 they read "0 0 0 1 1 1").
            .x_label_formatter(&|v| if v.fract() == 0.0 { format!("{v:.0}") } else { String::new() })
            .y_label_formatter(&y_ticks);
        if p == 2 {
            mesh.x_desc(t(lang, "step"));
        }
        mesh.draw()?;
        for m in [1, 0] {
            let colour = COLOURS[m];
            let [lo, hi] = series[m];
            let n = view.steps.len().min(lo.len()).min(hi.len());
            // The band: min…max over η, a polygon over each run of finite probes.
            if p < 2 {
                let mut run: Vec<(f64, f64, f64)> = Vec::new();
                let mut flush = |run: &mut Vec<(f64, f64, f64)>| -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
                    if run.len() >= 2 {
                        let mut points: Vec<(f64, f64)> = run.iter().map(|&(x, a, _)| (x, a)).collect();
                        points.extend(run.iter().rev().map(|&(x, _, b)| (x, b)));
                        chart.draw_series(std::iter::once(Polygon::new(points, colour.mix(0.3).filled())))?;
                    }
                    run.clear();
                    Ok(())
                };
                for i in 0..n {
                    let (a, b) = (lo[i] as f64, hi[i] as f64);
                    if a.is_finite() && b.is_finite() {
                        run.push((view.steps[i] as f64, a, b));
                    } else {
                        flush(&mut run)?;
                    }
                }
                flush(&mut run)?;
            }
            let points: Vec<(f64, f64)> =
                (0..n).filter(|&i| hi[i].is_finite()).map(|i| (view.steps[i] as f64, hi[i] as f64)).collect();
            chart.draw_series(LineSeries::new(points.clone(), colour.stroke_width(style.px(2.0))))?;
            chart.draw_series(points.iter().map(|&p| Circle::new(p, style.px(2.5), colour.filled())))?;
        }
    }
    Ok(())
}
