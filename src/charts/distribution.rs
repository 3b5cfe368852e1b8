//! Chart 1: one feature's values before (input x, blue) and after (output y, orange) the layer.
//!
//! Two histograms on ONE shared value axis, so a student sees the whole cloud of values move to
//! the new mean and squeeze (or stretch) to the new spread while keeping its shape. A solid
//! vertical line marks each mean, dashed lines mark mean ± σ, and the legend gives the numbers.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::common;
use super::common::*;
use super::{DistributionView, Style, INPUT, OUTPUT, SELECTED, TEXT};
use crate::core::stats::{finite_range, histogram, mean_std};
use crate::i18n::{t, tf, Lang};

/// At most this many bars per histogram (fewer for small batches, see [`bin_count`]).
const MAX_BINS: usize = 30;

/// The share of the height (below the title) the legend may take wrapped; see
/// [`common::LEGEND_SHARE`].
const NUMBERS_LEGEND_SHARE: f64 = 0.55;

/// Draws the histograms of `view.input` and `view.output` on one value axis.
/// The chart's title, as it draws it (and as a notice names the chart).
pub fn heading(view: &DistributionView, lang: Lang) -> String {
    tf(lang, "Feature {f}: input x vs output y", &[("f", &view.feature.to_string())])
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &DistributionView,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let lang = style.lang;
    let area = common::title(root, &heading(view, lang), style)?;
    if too_small(&area, style) {
        return placeholder(&area, TOO_SMALL, style);
    }

    // Only finite values can be binned and averaged; NaN/inf are counted and mentioned instead.
    let input = Values::new(&view.input);
    let output = Values::new(&view.output);
    let other = view.other.as_deref().map(Values::new);
    if input.finite.is_empty() && output.finite.is_empty() {
        let message = if view.input.is_empty() && view.output.is_empty() { NO_DATA } else { NOTHING_FINITE };
        return placeholder(&area, message, style);
    }
    let marked = view.marked.map(|(x, y)| (x as f64, y as f64));

    // One x axis covering both clouds (and the marked sample), so shift and squeeze are visible.
    let mut span = Span::default();
    for v in [Some(&input), Some(&output), other.as_ref()].into_iter().flatten() {
        if let Some((lo, hi)) = v.range {
            span.add(lo);
            span.add(hi);
        }
    }
    if let Some((x, y)) = marked {
        span.add(x);
        span.add(y);
    }
    let (x_lo, x_hi) = span.padded();

    // Each histogram is binned over its own range: BatchNorm maps x to y by a straight line, so
    // both get the same bar heights and a student sees the same shape, moved and rescaled.
    // A series of (nearly) equal values is one bar a fortieth of the axis wide: at an eightieth
    // (~5 px) the two means' 3 px lines on it hid it (lesson 6's nearly constant input).
    let min_bar = (x_hi - x_lo) / 40.0;
    let input_bars = bars(&input.finite, min_bar);
    let output_bars = bars(&output.finite, min_bar);
    let other_bars = other.as_ref().map(|o| bars(&o.finite, min_bar)).unwrap_or_default();
    let max_count = input_bars.iter().chain(&output_bars).chain(&other_bars).map(|b| b.2).max().unwrap_or(0);
    let y_top = max_count + (max_count / 8).max(1);

    // Legend row: the numbers a student compares, then what the line styles mean.
    let mut items = vec![
        (Key::Bar(INPUT), input.describe(&t(lang, "input x"), lang)),
        (Key::Bar(OUTPUT), output.describe(&t(lang, "output y"), lang)),
    ];
    if let Some(other) = &other {
        items.push((Key::Dashed(SELECTED), other.describe(&t(lang, "other mode's y"), lang)));
    }
    items.push((Key::Line(TEXT), t(lang, "mean")));
    items.push((Key::Dashed(TEXT), t(lang, "mean ± σ")));
    if let Some((x, y)) = marked {
        items.push((
            Key::Marks(INPUT, OUTPUT),
            tf(lang, "marked sample: x = {x} → y = {y}", &[("x", &num(x)), ("y", &num(y))]),
        ));
    }
    // The legend holds the numbers a student compares (the means and σ, the marked sample's x
    // and y): on a phone it may take more of the height than other charts' legends, so that a
    // number is read whole rather than cut.
    let area = legend_within(&area, &items, style, NUMBERS_LEGEND_SHARE)?;
    if too_small(&area, style) {
        return placeholder(&area, TOO_SMALL, style);
    }

    // The y label area as wide as its widest count (a batch of 100 000 values had counts of five
    // digits under the axis's name in a fixed 72 px), as the other charts' (common::y_label_area).
    let count_label = |v: f64| if (v - v.round()).abs() < 1e-9 { format!("{v:.0}") } else { String::new() };
    let y_area = common::y_label_area((0.0, y_top as f64), 6, &count_label, true, Y_LABEL_AREA, style);
    let mut chart = ChartBuilder::on(&area)
        .margin_left(style.px(MARGIN_LEFT))
        .margin_right(style.px(MARGIN_RIGHT))
        .margin_top(style.px(MARGIN_TOP))
        .x_label_area_size(style.px(X_LABEL_AREA))
        .y_label_area_size(y_area)
        .build_cartesian_2d(x_lo..x_hi, 0u32..y_top)?;
    let (plot_w, plot_h) = chart.plotting_area().dim_in_pixel();
    let (plot_w, plot_h) = (plot_w as i32, plot_h as i32);
    let x_ticks = |v: &f64| common::clear_of_y_axis(*v, (x_lo, x_hi), plot_w, style, tick(*v, x_hi - x_lo));
    chart
        .configure_mesh()
        .x_desc(t(lang, "value"))
        .y_desc(t(lang, "how many values"))
        .x_labels(common::x_label_count((x_lo, x_hi), plot_w, style, 8, &|v| x_ticks(&v)))
        .y_labels(common::y_label_count(plot_h, 40.0, style, 6))
        .x_label_formatter(&x_ticks)
        .label_style(text_style(style))
        .axis_desc_style(text_style(style))
        .axis_style(TEXT.stroke_width(style.px(1.0)))
        .bold_line_style(TEXT.mix(0.12).stroke_width(1))
        .light_line_style(TRANSPARENT)
        .draw()?;

    // Each kind of mark is one element whatever the batch: the bars of a colour one polygon, their
    // outline one line, every dash of a colour one polygon.
    let px = |x: f64, n: u32| chart.backend_coord(&(x, n));
    let outline = |bars: &[(f64, f64, u32)]| -> Vec<(i32, i32)> {
        bars.iter().flat_map(|&(a, b, n)| [px(a, 0), px(a, n), px(b, n), px(b, 0)]).collect()
    };
    let (root_x, root_y) = area.get_base_pixel();
    let shift = |points: Vec<(i32, i32)>| -> Vec<(i32, i32)> {
        points.into_iter().map(|(x, y)| (x - root_x, y - root_y)).collect()
    };
    // Bars: semi-transparent so the overlap of the two clouds stays visible, with a solid outline.
    for (bars, colour) in [(&input_bars, INPUT), (&output_bars, OUTPUT)] {
        let mut fills = Shapes::default();
        bars.iter().for_each(|&(a, b, n)| fills.rect(px(a, 0), px(b, n)));
        fills.draw(&area, colour.mix(0.45).filled())?;
        if !bars.is_empty() {
            area.draw(&PathElement::new(shift(outline(bars)), colour.stroke_width(style.px(1.0))))?;
        }
    }

    let dashed = |shapes: &mut Shapes, points: &[(i32, i32)], dash: f64, gap: f64, width: f64| {
        shapes.dashed(points, dash * style.scale, gap * style.scale, width * style.scale);
    };
    // The other mode's output: the outline of its histogram, dashed, with its mean.
    if let Some(other) = &other {
        let mut dashes = Shapes::default();
        dashed(&mut dashes, &outline(&other_bars), 6.0, 4.0, 3.0);
        if let Some((mean, _)) = other.stats {
            let x = mean.clamp(x_lo, x_hi);
            dashed(&mut dashes, &[px(x, 0), px(x, y_top)], 6.0, 4.0, 3.0);
        }
        dashes.draw(&area, SELECTED.filled())?;
    }

    // Mean (solid, thick) and mean ± σ (dashed) in each series' colour, full height.
    let clamp = |v: f64| v.clamp(x_lo, x_hi);
    for (values, colour) in [(&input, INPUT), (&output, OUTPUT)] {
        let Some((mean, sd)) = values.stats else { continue };
        let line = shift(vec![px(clamp(mean), 0), px(clamp(mean), y_top)]);
        area.draw(&PathElement::new(line, colour.stroke_width(style.px(3.0))))?;
        if sd > 0.0 {
            let mut dashes = Shapes::default();
            for x in [mean - sd, mean + sd] {
                dashed(&mut dashes, &[px(clamp(x), 0), px(clamp(x), y_top)], 9.0, 6.0, 2.0);
            }
            dashes.draw(&area, colour.filled())?;
        }
    }

    // The marked sample: a triangle standing on the value axis at x (blue) and at y (orange).
    if let Some((x, y)) = marked {
        for (v, colour) in [(x, INPUT), (y, OUTPUT)] {
            if v.is_finite() {
                chart.draw_series(std::iter::once(EmptyElement::at((clamp(v), 0)) + triangle(colour, style)))?;
            }
        }
    }
    Ok(())
}

/// The finite values of one series, their range and (mean, biased σ), and how many were not finite.
struct Values {
    finite: Vec<f32>,
    dropped: usize,
    range: Option<(f64, f64)>,
    stats: Option<(f64, f64)>,
}

impl Values {
    fn new(values: &[f32]) -> Self {
        let finite: Vec<f32> = values.iter().copied().filter(|v| v.is_finite()).collect();
        Values { dropped: values.len() - finite.len(), range: finite_range(&finite), stats: mean_std(&finite), finite }
    }

    /// "input x: mean 3.21, σ 1.87", plus a note on values that could not be drawn.
    fn describe(&self, name: &str, lang: Lang) -> String {
        let mut text = match self.stats {
            // σ here divides by m, as BatchNorm does: say so (the running chart shows ÷(m−1)).
            // The English text keeps "σ (÷m) 1.602" on one line with no-break spaces (it broke
            // as "σ" / "(÷m) 1.602" at 1280×720).
            Some((mean, sd)) => tf(
                lang,
                "{name}: mean {m}, σ (÷m) {s}",
                &[("name", name), ("m", &crate::numbers::mean(mean, sd)), ("s", &num(sd))],
            ),
            None => tf(lang, "{name}: no values", &[("name", name)]),
        };
        if self.dropped > 0 {
            text += &tf(lang, " ({n} NaN/inf not shown)", &[("n", &self.dropped.to_string())]);
        }
        text
    }
}

/// Fewer bars for small batches (about 2·√n, at most [`MAX_BINS`]), so bars are not all 1 high.
fn bin_count(n: usize) -> usize {
    ((2.0 * (n as f64).sqrt()).ceil() as usize).clamp(1, MAX_BINS)
}

/// Non-empty bars `(left, right, count)` of a histogram of finite `values` over their own range.
/// Values that are all (nearly) equal make one bar `min_width` wide.
fn bars(values: &[f32], min_width: f64) -> Vec<(f64, f64, u32)> {
    let Some((lo, hi)) = finite_range(values) else { return Vec::new() };
    if hi - lo <= min_width {
        let centre = 0.5 * lo + 0.5 * hi;
        let count = u32::try_from(values.len()).unwrap_or(u32::MAX);
        return vec![(centre - 0.5 * min_width, centre + 0.5 * min_width, count)];
    }
    let bins = bin_count(values.len());
    let width = (hi - lo) / bins as f64;
    histogram(values, lo, hi, bins)
        .into_iter()
        .enumerate()
        .filter(|&(_, n)| n > 0)
        .map(|(i, n)| (lo + i as f64 * width, lo + (i + 1) as f64 * width, n))
        .collect()
}
