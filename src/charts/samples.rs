//! Chart 4: every sample of the followed feature, before (input x, blue) and after (output y,
//! orange) the layer, joined by a grey line. In train mode, moving one sample's x moves every y;
//! in eval mode only its own.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::common;
use super::common::*;
use super::{SamplesView, Style, INPUT, OUTPUT, SELECTED, TEXT, TRUTH};
use crate::i18n::{t, tf};

/// At most this many samples are drawn (the first ones of the batch).
pub const MAX_SAMPLES: usize = 64;

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &SamplesView,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let lang = style.lang;
    let title = tf(lang, "Feature {f}: each sample before and after", &[("f", &view.feature.to_string())]);
    let area = common::title(root, &title, style)?;
    let count = view.input.len().min(view.output.len()).min(MAX_SAMPLES);
    if count == 0 {
        return placeholder(&area, NO_DATA, style);
    }
    if too_small(&area, style) {
        return placeholder(&area, TOO_SMALL, style);
    }
    let pairs: Vec<(f64, f64, f64)> = (0..count)
        .map(|i| (i as f64, view.input[i] as f64, view.output[i] as f64))
        .filter(|p| p.1.is_finite() && p.2.is_finite())
        .collect();
    if pairs.is_empty() {
        return placeholder(&area, NOTHING_FINITE, style);
    }
    let unedited: Vec<(f64, f64)> = (0..count)
        .filter_map(|i| view.unedited.get(i).map(|&y| (i as f64, y as f64)))
        .filter(|p| p.1.is_finite())
        .collect();
    let mut span = Span::default();
    for &(_, x, y) in &pairs {
        span.add(x);
        span.add(y);
    }
    for &(_, y) in &unedited {
        span.add(y);
    }
    let (y_lo, y_hi) = span.padded();

    let mut items = vec![(Key::Point(INPUT), t(lang, "input x")), (Key::Point(OUTPUT), t(lang, "output y"))];
    if !unedited.is_empty() {
        items.push((Key::Text, t(lang, "○ y before your change")));
    }
    let area = legend(&area, &items, style)?;
    if too_small(&area, style) {
        return placeholder(&area, TOO_SMALL, style);
    }
    let mut chart = ChartBuilder::on(&area)
        .margin_left(style.px(MARGIN_LEFT))
        .margin_right(style.px(MARGIN_RIGHT))
        .margin_top(style.px(MARGIN_TOP))
        .x_label_area_size(style.px(X_LABEL_AREA))
        .y_label_area_size(style.px(Y_LABEL_AREA))
        .build_cartesian_2d(-1.0..count as f64, y_lo..y_hi)?;
    let x_ticks = |v: &f64| {
        let i = v.round();
        if (v - i).abs() < 1e-6 && i >= 0.0 && i < count as f64 {
            format!("{i}")
        } else {
            String::new()
        }
    };
    let y_ticks = |v: &f64| tick(*v, y_hi - y_lo);
    chart
        .configure_mesh()
        .x_desc(t(lang, "sample"))
        .y_desc(t(lang, "value"))
        .x_labels((count + 2).min(12))
        .y_labels(6)
        .x_label_formatter(&x_ticks)
        .y_label_formatter(&y_ticks)
        .disable_x_mesh()
        .label_style(text_style(style))
        .axis_desc_style(text_style(style))
        .axis_style(TEXT.stroke_width(style.px(1.0)))
        .bold_line_style(TEXT.mix(0.12).stroke_width(1))
        .light_line_style(TRANSPARENT)
        .draw()?;

    let slot = chart.plotting_area().dim_in_pixel().0 as f64 / (count as f64 + 1.0);
    let radius = (slot * 0.25).clamp(style.px(2.5) as f64, style.px(7.0) as f64).round() as u32;
    if view.selected < count {
        let half = (style.px(5.0) as f64 / slot).max(0.45);
        let c = view.selected as f64;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(c - half, y_lo), (c + half, y_hi)],
            SELECTED.mix(0.45).filled(),
        )))?;
    }
    // x → y for each sample: the grey line is the move the layer made.
    chart.draw_series(
        pairs
            .iter()
            .map(|&(i, x, y)| PathElement::new(vec![(i, x), (i, y)], TRUTH.mix(0.6).stroke_width(style.px(2.0)))),
    )?;
    chart.draw_series(pairs.iter().map(|&(i, x, _)| Circle::new((i, x), radius, INPUT.filled())))?;
    chart.draw_series(pairs.iter().map(|&(i, _, y)| Circle::new((i, y), radius, OUTPUT.filled())))?;
    // Hollow: where each output was before the values set by hand.
    chart.draw_series(
        unedited.iter().map(|&(i, y)| Circle::new((i, y), radius + style.px(2.0), OUTPUT.stroke_width(style.px(2.0)))),
    )?;
    Ok(())
}
