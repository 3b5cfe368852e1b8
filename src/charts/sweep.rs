//! Train chart 3: test accuracy after a fixed number of steps, for each learning rate of a sweep.
//!
//! x is the learning rate on a log axis (0.001, 0.01, 0.1, 1, …), y the test accuracy. The model
//! with BatchNorm1d typically does well over a wider range of learning rates, and keeps
//! training at rates where the one without diverges: a diverged run (NaN accuracy) is a cross
//! below the 0 % line, a run not done yet an empty circle there.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Before any sweep: where to start one (a key of the i18n table).
const NO_SWEEP_YET: &str = "No sweep yet — press “Run the sweep” below";

use super::common;
use super::common::{
    placeholder, size, text_style, too_small, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, TOO_SMALL, X_LABEL_AREA,
    Y_LABEL_AREA,
};
use super::curves::{draw_caption, layout_shortest, model_key, percent, percent_tick, title, COLOURS};
use super::{Style, SweepView, TEXT, TRUTH};
use crate::i18n::{t, tf, Lang};

/// Where the markers of diverged and pending runs sit: in a strip below the 0 % line.
const MARK_Y: f64 = -0.08;
const Y_RANGE: (f64, f64) = (-0.15, 1.04);

/// Draws each model's test accuracy per learning rate.
/// The chart's title, as it draws it (and as a notice names the chart).
pub fn heading(view: &SweepView, lang: Lang) -> String {
    match view.steps {
        1 => t(lang, "Learning-rate sweep: test accuracy after 1 step"),
        k => tf(lang, "Learning-rate sweep: test accuracy after {steps} steps", &[("steps", &k.to_string())]),
    }
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &SweepView,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let lang = style.lang;
    let area = title(root, &heading(view, lang), style)?;

    // (index, log10 of the learning rate) of every usable rate: finite and positive.
    let rates: Vec<(usize, f64)> = view
        .learning_rates
        .iter()
        .enumerate()
        .map(|(i, &lr)| (i, lr.log10()))
        .filter(|&(_, x)| x.is_finite())
        .collect();
    if rates.is_empty() {
        return placeholder(&area, NO_SWEEP_YET, style);
    }
    if too_small(&area, style) {
        return placeholder(&area, TOO_SMALL, style);
    }

    // Each model's runs: (log10 lr, accuracy) of those done; NaN accuracy = diverged.
    let done = |m: usize| -> Vec<(f64, f64)> {
        let mut runs: Vec<(f64, f64)> =
            rates.iter().filter_map(|&(i, x)| Some((x, *view.accuracy[m].get(i)? as f64))).collect();
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        runs
    };
    let runs = [done(0), done(1)];
    let pending: [Vec<f64>; 2] =
        [0, 1].map(|m| rates.iter().filter(|&&(i, _)| i >= view.accuracy[m].len()).map(|&(_, x)| x).collect());
    let any_diverged = runs.iter().flatten().any(|r| !r.1.is_finite());
    let any_pending = pending.iter().any(|p| !p.is_empty());

    let mut items = vec![
        (Mark::Line(COLOURS[0]), t(lang, model_key(&view.names, 0))),
        (Mark::Line(COLOURS[1]), t(lang, model_key(&view.names, 1))),
    ];
    if any_diverged {
        items.push((Mark::Cross(TEXT), t(lang, "diverged (NaN)")));
    }
    if any_pending {
        items.push((Mark::Hollow(TRUTH), t(lang, "not run yet")));
    }
    let area = legend(&area, &items, style)?;

    // Caption: each model's best run, named, or "a vs b" in the legend's order when that takes
    // fewer lines; left out when the plot would not fit under it.
    let best: [Option<(f64, f64)>; 2] =
        [0, 1].map(|m| runs[m].iter().filter(|r| r.1.is_finite()).max_by(|a, b| a.1.total_cmp(&b.1)).copied());
    let named: Vec<String> = (0..2)
        .filter_map(|m| {
            let (x, acc) = best[m]?;
            Some(tf(
                lang,
                "{model}: best {acc} at learning rate {lr}",
                &[("model", &t(lang, model_key(&view.names, m))), ("acc", &percent(acc)), ("lr", &rate(10f64.powf(x)))],
            ))
        })
        .collect();
    let alternatives = if named.is_empty() {
        vec![vec![t(lang, "no run finished yet")]]
    } else {
        let short = |m: usize| {
            best[m].map_or("—".to_string(), |(x, acc)| {
                tf(lang, "{acc} at lr {lr}", &[("acc", &percent(acc)), ("lr", &rate(10f64.powf(x)))])
            })
        };
        vec![named, vec![tf(lang, "best {a} vs {b}", &[("a", &short(0)), ("b", &short(1))])]]
    };
    let caption = layout_shortest(&area, &alternatives, None, style)?;
    let need = style.px(MARGIN_TOP + X_LABEL_AREA + 40.0) as i32;
    let area = if size(&area).1 - caption.height() >= need { draw_caption(&area, &caption, style)? } else { area };
    if too_small(&area, style) {
        return placeholder(&area, TOO_SMALL, style);
    }

    // x: whole decades around the rates, with a little room beyond the first and last.
    let (min, max) = rates.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), r| (a.min(r.1), b.max(r.1)));
    let (x_lo, x_hi) = ((min - 0.3).min(min.floor()), (max + 0.3).max(max.ceil()));
    let (y_lo, y_hi) = Y_RANGE;
    let mut chart = ChartBuilder::on(&area)
        .margin_left(style.px(MARGIN_LEFT))
        .margin_right(style.px(MARGIN_RIGHT))
        .margin_top(style.px(MARGIN_TOP))
        .x_label_area_size(style.px(X_LABEL_AREA))
        .y_label_area_size(style.px(Y_LABEL_AREA))
        .build_cartesian_2d(x_lo..x_hi, y_lo..y_hi)?;
    let x_ticks = |v: &f64| decade(*v);
    let y_ticks = |v: &f64| percent_tick(*v);
    // As many percent labels as fit without crowding (0 %, 50 %, 100 % at least); the axis's
    // name only when it is no longer than the plot is high.
    let plot_height = chart.plotting_area().dim_in_pixel().1 as f64;
    let y_labels = ((plot_height / (style.font() * 1.5)) as usize).clamp(3, 6);
    let y_desc = t(lang, "test accuracy");
    let y_desc_fits = super::text::width(&y_desc, style.font()) <= plot_height;
    chart
        .configure_mesh()
        .x_desc(t(lang, "learning rate (log scale)"))
        .y_desc(if y_desc_fits { y_desc } else { String::new() })
        .x_labels(((x_hi - x_lo).ceil() as usize + 1).clamp(2, 12))
        .y_labels(y_labels)
        .x_label_formatter(&x_ticks)
        .y_label_formatter(&y_ticks)
        .label_style(text_style(style))
        .axis_desc_style(text_style(style))
        .axis_style(TEXT.stroke_width(style.px(1.0)))
        .bold_line_style(TEXT.mix(0.12).stroke_width(1))
        .light_line_style(TRANSPARENT)
        .draw()?;

    // Every rate of the sweep: a faint vertical guide, so the runs still to come have a place.
    chart.draw_series(
        rates
            .iter()
            .map(|&(_, x)| PathElement::new(vec![(x, 0.0), (x, 1.0)], TRUTH.mix(0.25).stroke_width(style.px(1.0)))),
    )?;
    // The 0 % line, above the strip of markers.
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(x_lo, 0.0), (x_hi, 0.0)],
        TEXT.mix(0.5).stroke_width(style.px(1.0)),
    )))?;

    // Markers below 0 %: the two models side by side (BN left), so both show at one rate.
    let dx = [-(style.px(7.0) as i32), style.px(7.0) as i32];
    let size = style.px(6.0) as i32;
    for m in [1, 0] {
        let colour = COLOURS[m];
        chart.draw_series(pending[m].iter().map(|&x| {
            EmptyElement::at((x, MARK_Y)) + Circle::new((dx[m], 0), style.px(5.0), colour.stroke_width(style.px(2.0)))
        }))?;
        chart.draw_series(runs[m].iter().filter(|r| !r.1.is_finite()).map(|&(x, _)| {
            let stroke = colour.stroke_width(style.px(3.0));
            EmptyElement::at((x, MARK_Y))
                + PathElement::new(vec![(dx[m] - size, -size), (dx[m] + size, size)], stroke)
                + PathElement::new(vec![(dx[m] - size, size), (dx[m] + size, -size)], stroke)
        }))?;
    }
    // The runs: lines through the finite accuracies (a diverged run breaks the line), dots on them.
    for m in [1, 0] {
        let colour = COLOURS[m];
        let clamp = |(x, y): (f64, f64)| (x, y.clamp(0.0, 1.0));
        for run in runs[m].split(|r| !r.1.is_finite()).filter(|r| r.len() > 1) {
            chart.draw_series(LineSeries::new(run.iter().map(|&p| clamp(p)), colour.stroke_width(style.px(3.0))))?;
        }
        chart.draw_series(
            runs[m].iter().filter(|r| r.1.is_finite()).map(|&p| Circle::new(clamp(p), style.px(5.0), colour.filled())),
        )?;
    }
    Ok(())
}

/// A decade tick of the log axis as the learning rate it stands for: "0.001", "0.1", "1",
/// "10"; nothing between decades.
fn decade(v: f64) -> String {
    let k = v.round();
    if (v - k).abs() > 1e-6 {
        return String::new();
    }
    match k as i32 {
        k @ 0..=6 => format!("{}", 10u64.pow(k as u32)),
        k @ -6..=-1 => format!("{:.*}", (-k) as usize, 10f64.powi(k)),
        k => format!("1e{k}"),
    }
}

/// A learning rate in plain digits with up to three significant ones ("0.001", "0.0316", "2").
fn rate(v: f64) -> String {
    if !(1e-6..1e6).contains(&v) {
        return format!("{v:.2e}");
    }
    let decimals = (2.0 - v.log10().floor()).max(0.0) as usize;
    let text = format!("{v:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// The picture in front of a legend entry of this chart.
#[derive(Debug, Clone, Copy)]
enum Mark {
    Line(RGBColor),
    Cross(RGBColor),
    Hollow(RGBColor),
}

/// Like `common::legend`, with this chart's own marks: the items in rows across the top of
/// `area`; returns the area below.
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    items: &[(Mark, String)],
    style: &Style,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    let font = text_style(style).pos(Pos::new(HPos::Left, VPos::Center));
    let (placed, legend_height) =
        common::legend_layout(area, items.iter().map(|(_, text)| (true, text.as_str())), style, common::LEGEND_SHARE);
    let (swatch, gap) = (style.px(28.0) as i32, style.px(7.0) as i32);
    let row_height = common::legend_row_height(style);
    let (top, rest) = area.split_vertically(legend_height);
    let half = style.px(6.0) as i32;
    for ((mark, _), common::Placed { x, row, lines }) in items.iter().zip(placed) {
        let y = row * row_height + row_height / 2;
        let mid = x + swatch / 2;
        match *mark {
            Mark::Line(c) => {
                top.draw(&PathElement::new(vec![(x, y), (x + swatch, y)], c.stroke_width(style.px(3.0))))?
            }
            Mark::Cross(c) => {
                let stroke = c.stroke_width(style.px(3.0));
                top.draw(&PathElement::new(vec![(mid - half, y - half), (mid + half, y + half)], stroke))?;
                top.draw(&PathElement::new(vec![(mid - half, y + half), (mid + half, y - half)], stroke))?;
            }
            Mark::Hollow(c) => top.draw(&Circle::new((mid, y), style.px(5.0), c.stroke_width(style.px(2.0))))?,
        }
        for (i, line) in lines.iter().enumerate() {
            top.draw_text(line, &font, (x + swatch + gap, y + i as i32 * row_height))?;
        }
    }
    Ok(rest)
}
