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
    legend, num, placeholder, plot_area, text_style, tick, too_small, Key, Shapes, Span, MARGIN_LEFT, MARGIN_RIGHT,
    MARGIN_TOP, NOTHING_FINITE, NO_DATA, TOO_SMALL, X_LABEL_AREA, Y_LABEL_AREA,
};
use super::{FeaturesView, PlotArea, Style, INPUT, OUTPUT, SELECTED, TEXT};
use crate::i18n::{t, tf, Lang};
use crate::numbers::mean;

/// Draws each feature's input and output mean ± σ.
/// The chart's title, as it draws it (and as a notice names the chart).
pub fn heading(view: &FeaturesView, lang: Lang) -> String {
    match feature_count(view) {
        1 => t(lang, "1 feature: mean ± σ before and after"),
        c => tf(lang, "All {c} features: mean ± σ before and after", &[("c", &c.to_string())]),
    }
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &FeaturesView,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    draw_mapped(root, view, style).map(|_| ())
}

/// Draws the chart and returns where its plot is (None when a placeholder was drawn instead).
pub fn draw_mapped<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &FeaturesView,
    style: &Style,
) -> Result<Option<PlotArea>, DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let count = feature_count(view);
    let lang = style.lang;
    let area = common::title(root, &heading(view, lang), style)?;
    if count == 0 {
        return placeholder(&area, NO_DATA, style).map(|_| None);
    }
    if too_small(&area, style) {
        return placeholder(&area, TOO_SMALL, style).map(|_| None);
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
        return placeholder(&area, NOTHING_FINITE, style).map(|_| None);
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
            |s: Option<(f64, f64)>| s.map_or("NaN".to_string(), |(m, sd)| format!("{} ± {}", mean(m, sd), num(sd)));
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
        return placeholder(&area, TOO_SMALL, style).map(|_| None);
    }

    // x: feature c owns the slot [c − ½, c + ½], with half a slot to spare on each side so the
    // first and last features stand clear of the axes; feature_at relies on this and the margins.
    let (x_lo, x_hi) = (-1.0, count as f64);
    let mut chart = ChartBuilder::on(&area)
        .margin_left(style.px(MARGIN_LEFT))
        .margin_right(style.px(MARGIN_RIGHT))
        .margin_top(style.px(MARGIN_TOP))
        .x_label_area_size(style.px(X_LABEL_AREA))
        .y_label_area_size(common::y_label_area((y_lo, y_hi), 6, &|v| tick(v, y_hi - y_lo), true, Y_LABEL_AREA, style))
        .build_cartesian_2d(x_lo..x_hi, y_lo..y_hi)?;
    let plot = plot_area(root, &chart, ((x_lo, x_hi), (y_lo, y_hi)), count);
    let plot_w = (plot.px.1 - plot.px.0).abs() as i32;
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
        .x_desc(t(lang, "feature (tap or click one to follow it)"))
        .y_desc(t(lang, "value"))
        .x_labels(common::x_label_count((x_lo, x_hi), plot_w, style, 12, &|v| x_ticks(&v)))
        .y_labels(common::y_label_count((plot.py.0 - plot.py.1).abs() as i32, 40.0, style, 6))
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
    let slot = plot_w as f64 / (count as f64 + 1.0);
    let radius = (slot * 0.22).clamp(style.px(2.0) as f64, style.px(6.0) as f64).round();
    let width = if slot > style.px(30.0) as f64 { style.px(3.0) } else { style.px(2.0) } as i32;
    let clamp = |v: f64| v.clamp(y_lo, y_hi);
    let at = |x: f64, v: f64| (plot.pixel_x(x).round() as i32, plot.pixel_y(clamp(v)).round() as i32);

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
    let cap = ((0.12 * slot).min(style.px(10.0) as f64)).round() as i32;
    // Each colour's bars and dots are one polygon each, and features closer than 2 CSS pixels
    // share a column: the range of their means ± σ as one bar, of their means as a thicker one.
    let groups = ((plot_w as f64 / (2.0 * style.scale).max(1.0)) as usize).clamp(1, count);
    let per = count.div_ceil(groups);
    // Output first: the orange row is the same everywhere, so the blue dots stay visible on top.
    for (stats, colour, dx) in [(&output, OUTPUT, dx), (&input, INPUT, -dx)] {
        let (mut bars, mut dots) = (Shapes::default(), Shapes::default());
        if per == 1 {
            for (c, s) in stats.iter().enumerate() {
                let Some((m, sd)) = *s else { continue };
                let x = c as f64 + dx;
                let (cx, cy) = at(x, m);
                if sd > 0.0 {
                    let (top, bottom) = (at(x, m + sd).1, at(x, m - sd).1);
                    bars.rect((cx - width / 2, top), (cx - width / 2 + width, bottom));
                    if slot >= style.px(16.0) as f64 {
                        for y in [top, bottom] {
                            bars.rect((cx - cap, y - width / 2), (cx + cap, y - width / 2 + width));
                        }
                    }
                }
                dots.dot((cx, cy), radius);
            }
        } else {
            // One band for the spread and one for the means, each a simple outline.
            let (mut spreads, mut centres) = (Vec::new(), Vec::new());
            let r = radius as i32;
            for start in (0..count).step_by(per) {
                let (mut spread, mut means) = (Span::default(), Span::default());
                for (m, sd) in stats[start..(start + per).min(count)].iter().flatten() {
                    spread.add(m - sd);
                    spread.add(m + sd);
                    means.add(*m);
                }
                let left = plot.pixel_x(start as f64 - 0.5).round() as i32;
                let right = plot.pixel_x((start + per) as f64 - 0.5).round() as i32;
                let column = |span: Span, pad: i32| {
                    span.get().map(|(lo, hi)| (left, right, at(0.0, hi).1 - pad, at(0.0, lo).1 + pad))
                };
                spreads.push(column(spread, 0));
                centres.push(column(means, r));
            }
            bars.band(&spreads);
            dots.band(&centres);
        }
        bars.draw(root, if per == 1 { colour.filled() } else { colour.mix(0.45).filled() })?;
        dots.draw(root, colour.filled())?;
    }
    // The selected feature again, on top and bolder, so it stands out of 128.
    if let Some(c) = selected.filter(|_| count > 1) {
        for (stats, colour, dx) in [(&output, OUTPUT, dx), (&input, INPUT, -dx)] {
            if let Some((m, sd)) = stats[c] {
                let x = c as f64 + dx;
                let mut own = Shapes::default();
                let cx = at(x, m).0;
                own.rect((cx - width, at(x, m + sd).1), (cx + width, at(x, m - sd).1));
                own.dot(at(x, m), radius + style.px(2.0) as f64);
                own.draw(root, colour.filled())?;
            }
        }
    }
    Ok(Some(plot))
}

/// The feature under a click at CSS pixel `x` of a chart `width` CSS pixels wide, through the
/// plot its last draw recorded; None outside the plotting area.
pub fn feature_at(plot: &PlotArea, x: f64, width: f64) -> Option<usize> {
    let (px, _) = plot.backend(x, 0.0, width, 1.0)?;
    plot.item_at(px)
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
