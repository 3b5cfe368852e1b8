//! Chart 2: every feature's mean ± σ, before (input x, blue) and after (output y, orange).
//!
//! One column per feature. The blue dots with their ±σ bars scatter wherever each feature's data
//! happens to live; the orange ones all land at the same height (β) with the same spread (γ):
//! that is what BatchNorm does to every feature at once. The selected feature gets a pink band;
//! a click on a column selects it ([`feature_at`] finds the column under a click).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::common;
use super::common::{
    legend, num, placeholder, text_style, tick, too_small, Key, Span, MARGIN_TOP, NOTHING_FINITE, NO_DATA, TOO_SMALL,
    X_LABEL_AREA,
};
use super::{FeaturesView, Style, INPUT, OUTPUT, SELECTED, TEXT};
use crate::i18n::{t, tf};

/// Horizontal layout in pixels at scale 1: left margin, y-label area, right margin. [`draw`]
/// multiplies them by `Style::px`; [`feature_at`] uses them as they are, for CSS pixels.
pub const MARGIN_LEFT: f64 = 10.0;
pub const Y_LABEL_AREA: f64 = 72.0;
pub const MARGIN_RIGHT: f64 = 24.0;

/// Draws each feature's input and output mean ± σ.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &FeaturesView,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let count = feature_count(view);
    let lang = style.lang;
    let title = match count {
        1 => t(lang, "1 feature: mean ± σ before and after"),
        c => tf(lang, "All {c} features: mean ± σ before and after", &[("c", &c.to_string())]),
    };
    let area = common::title(root, &title, style)?;
    if count == 0 {
        return placeholder(&area, NO_DATA, style);
    }
    if too_small(&area, style) {
        return placeholder(&area, TOO_SMALL, style);
    }

    // Each feature's (mean, σ) before and after; None where the mean is not finite.
    let input: Vec<_> = (0..count).map(|c| mean_sd(&view.input_mean, &view.input_std, c)).collect();
    let output: Vec<_> = (0..count).map(|c| mean_sd(&view.output_mean, &view.output_std, c)).collect();

    // The value axis covers every mean ± σ, before and after.
    let mut span = Span::default();
    for &(mean, sd) in input.iter().chain(&output).flatten() {
        span.add(mean - sd);
        span.add(mean + sd);
    }
    if input.iter().chain(&output).all(Option::is_none) {
        return placeholder(&area, NOTHING_FINITE, style);
    }
    let (y_lo, y_hi) = span.padded();

    // Legend: the two colours, and the selected feature's numbers.
    let mut items = vec![
        (Key::ErrorBar(INPUT), t(lang, "input x: mean ± σ")),
        (Key::ErrorBar(OUTPUT), t(lang, "output y: mean ± σ")),
    ];
    let selected = (view.selected < count).then_some(view.selected);
    if let Some(c) = selected {
        let describe =
            |s: Option<(f64, f64)>| s.map_or("NaN".to_string(), |(m, sd)| format!("{} ± {}", num(m), num(sd)));
        // With a single feature there is nothing to pick out: no band, just its numbers.
        let key = if count > 1 { Key::Band(SELECTED) } else { Key::Text };
        let text = tf(
            lang,
            "feature {c}: x {x} → y {y}",
            &[("c", &c.to_string()), ("x", &describe(input[c])), ("y", &describe(output[c]))],
        );
        items.push((key, text));
    }
    let area = legend(&area, &items, style)?;
    if too_small(&area, style) {
        return placeholder(&area, TOO_SMALL, style);
    }

    // x: feature c owns the slot [c − ½, c + ½], with half a slot to spare on each side so the
    // first and last features stand clear of the axes; feature_at relies on this and the margins.
    let (x_lo, x_hi) = (-1.0, count as f64);
    let mut chart = ChartBuilder::on(&area)
        .margin_left(style.px(MARGIN_LEFT))
        .margin_right(style.px(MARGIN_RIGHT))
        .margin_top(style.px(MARGIN_TOP))
        .x_label_area_size(style.px(X_LABEL_AREA))
        .y_label_area_size(style.px(Y_LABEL_AREA))
        .build_cartesian_2d(x_lo..x_hi, y_lo..y_hi)?;
    // Only whole feature indices get a label.
    let x_ticks = |v: &f64| {
        let c = v.round();
        if (v - c).abs() < 1e-6 && c >= 0.0 && c < count as f64 {
            format!("{c}")
        } else {
            String::new()
        }
    };
    let y_ticks = |v: &f64| tick(*v, y_hi - y_lo);
    chart
        .configure_mesh()
        .x_desc(t(lang, "feature (click one to select it)"))
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

    // Sizes follow the width of one feature's slot: big dots for 4 features, thin ones for 128.
    let slot = chart.plotting_area().dim_in_pixel().0 as f64 / count as f64;
    let radius = (slot * 0.22).clamp(style.px(2.0) as f64, style.px(6.0) as f64).round() as u32;
    let width = if slot > style.px(30.0) as f64 { style.px(3.0) } else { style.px(2.0) };
    let clamp = |v: f64| v.clamp(y_lo, y_hi);

    // The selected feature: a pink band over its column (at least 8 px wide), under the rest.
    if let Some(c) = selected.filter(|_| count > 1) {
        let half = (style.px(4.0) as f64 / slot).max(0.5);
        let c = c as f64;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(c - half, y_lo), (c + half, y_hi)],
            SELECTED.mix(0.55).filled(),
        )))?;
    }

    // Input left of the column's centre, output right of it (so with few features both show),
    // at most 14 px apart from the centre; caps on the bars when the columns are wide enough.
    let dx = (0.18 * slot).min(style.px(14.0) as f64) / slot;
    let cap = (0.12 * slot).min(style.px(10.0) as f64) / slot;
    // Output first: the orange row is the same everywhere, so the blue dots stay visible on top.
    for (stats, colour, dx) in [(&output, OUTPUT, dx), (&input, INPUT, -dx)] {
        let points = stats.iter().enumerate().filter_map(|(c, s)| s.map(|(m, sd)| (c as f64 + dx, m, sd)));
        // Error bars from mean − σ to mean + σ, with caps when there is room for them.
        chart.draw_series(points.clone().filter(|p| p.2 > 0.0).map(|(x, m, sd)| {
            PathElement::new(vec![(x, clamp(m - sd)), (x, clamp(m + sd))], colour.stroke_width(width))
        }))?;
        if slot >= style.px(16.0) as f64 {
            for sign in [-1.0, 1.0] {
                chart.draw_series(points.clone().filter(|p| p.2 > 0.0).map(|(x, m, sd)| {
                    let y = clamp(m + sign * sd);
                    PathElement::new(vec![(x - cap, y), (x + cap, y)], colour.stroke_width(width))
                }))?;
            }
        }
        chart.draw_series(points.map(|(x, m, _)| Circle::new((x, clamp(m)), radius, colour.filled())))?;
    }
    // The selected feature again, on top and bolder, so it stands out of 128.
    if let Some(c) = selected.filter(|_| count > 1) {
        for (stats, colour, dx) in [(&output, OUTPUT, dx), (&input, INPUT, -dx)] {
            if let Some((m, sd)) = stats[c] {
                let x = c as f64 + dx;
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(x, clamp(m - sd)), (x, clamp(m + sd))],
                    colour.stroke_width(width * 2),
                )))?;
                chart.draw_series(std::iter::once(Circle::new(
                    (x, clamp(m)),
                    radius + style.px(2.0),
                    colour.filled(),
                )))?;
            }
        }
    }
    Ok(())
}

/// The feature under a click at pixel `x` (from the chart's left edge) of a chart `width` pixels
/// wide, or None outside the plotting area. `x` and `width` are in CSS pixels, i.e. the chart's
/// pixels divided by `Style::scale` (the page draws with scale = devicePixelRatio).
pub fn feature_at(view: &FeaturesView, x: f64, width: f64) -> Option<usize> {
    let count = feature_count(view);
    // The plotting area's first and last pixel column, as plotters lays them out in `draw`.
    let left = MARGIN_LEFT + Y_LABEL_AREA;
    let right = width - MARGIN_RIGHT - 1.0;
    if count == 0 || !x.is_finite() || !width.is_finite() || right <= left || x < left || x >= right + 1.0 {
        return None;
    }
    // The axis runs from −1 to `count`; feature c's slot is [c − ½, c + ½].
    let value = -1.0 + (x - left) / (right - left) * (count as f64 + 1.0);
    let c = (value + 0.5).floor();
    (c >= 0.0 && c < count as f64).then_some(c as usize)
}

/// How many features the view has (the longest of its lists; missing entries are not drawn).
fn feature_count(view: &FeaturesView) -> usize {
    [&view.input_mean, &view.input_std, &view.output_mean, &view.output_std].iter().map(|v| v.len()).max().unwrap_or(0)
}

/// Feature `c`'s (mean, σ): None without a finite mean; a σ that is missing, negative or not
/// finite counts as 0 (the dot is drawn without a bar).
fn mean_sd(means: &[f32], sds: &[f32], c: usize) -> Option<(f64, f64)> {
    let mean = *means.get(c)? as f64;
    let sd = sds.get(c).map_or(0.0, |&s| s as f64);
    mean.is_finite().then_some((mean, if sd.is_finite() && sd > 0.0 { sd } else { 0.0 }))
}
