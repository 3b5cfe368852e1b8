//! Chart 4: every sample of the followed feature, before (input x, blue) and after (output y,
//! orange) the layer, joined by a grey line. In train mode, moving one sample's x moves every y;
//! in eval mode only its own.
//!
//! It costs what the eye can see, not what the batch holds: each colour's dots are ONE polygon
//! ([`Shapes`]); when the samples are closer than a few pixels, each pixel column group shows the
//! range (min to max) of its samples' x and y instead, and the followed sample is drawn on top.
//! [`draw_mapped`] returns where the plot went, and [`sample_at`] maps a tap back through it.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::common;
use super::common::*;
use super::{PlotArea, SamplesView, Style, INPUT, OUTPUT, SELECTED, TEXT, TRUTH};
use crate::i18n::{t, tf, Lang};

/// At most this many samples are drawn (the first ones of the batch): all of the page's.
pub const MAX_SAMPLES: usize = crate::lab::MAX_BATCH;

/// Samples are drawn one by one when at least this many CSS pixels apart, else as ranges.
const ONE_BY_ONE: f64 = 6.0;

/// The chart's title, as it draws it (and as a notice names the chart).
pub fn heading(view: &SamplesView, lang: Lang) -> String {
    tf(lang, "Feature {f}: each sample before and after", &[("f", &view.feature.to_string())])
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &SamplesView,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    draw_mapped(root, view, style).map(|_| ())
}

/// The sample under a tap at CSS pixel `(x, y)` of a chart `width` × `height` CSS pixels, and the
/// value at that height (what dragging the sample's value would set), through the plot its last
/// draw recorded. None outside the plot.
pub fn sample_at(plot: &PlotArea, x: f64, y: f64, width: f64, height: f64) -> Option<(usize, f64)> {
    let (px, py) = plot.backend(x, y, width, height)?;
    Some((plot.item_at(px)?, plot.value_y(py)?))
}

/// Draws the chart and returns where its plot is (None when a placeholder was drawn instead).
pub fn draw_mapped<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &SamplesView,
    style: &Style,
) -> Result<Option<PlotArea>, DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let lang = style.lang;
    let area = common::title(root, &heading(view, lang), style)?;
    let count = view.input.len().min(view.output.len()).min(MAX_SAMPLES);
    let none = |message| placeholder(&area, message, style).map(|_| None);
    if count == 0 {
        return none(NO_DATA);
    }
    if too_small(&area, style) {
        return none(TOO_SMALL);
    }
    let finite = |i: usize| view.input[i].is_finite() && view.output[i].is_finite();
    let unedited = |i: usize| view.unedited.get(i).copied().filter(|y| y.is_finite());
    let mut span = Span::default();
    for i in 0..count {
        if finite(i) {
            span.add(view.input[i] as f64);
            span.add(view.output[i] as f64);
        }
        if let Some(y) = unedited(i) {
            span.add(y as f64);
        }
    }
    if !(0..count).any(finite) {
        return none(NOTHING_FINITE);
    }
    let (y_lo, y_hi) = span.padded();
    let edited = (0..count).any(|i| unedited(i).is_some());

    let mut items = vec![(Key::Point(INPUT), t(lang, "input x")), (Key::Point(OUTPUT), t(lang, "output y"))];
    if edited {
        // The plot's own mark, an orange ring (review40: a black "○" in the text), as the
        // Backward chart's legend draws its rings.
        items.push((Key::Ring(OUTPUT), t(lang, "y before your change")));
    }
    let area = legend(&area, &items, style)?;
    if too_small(&area, style) {
        return none(TOO_SMALL);
    }
    let x_range = (-1.0, count as f64);
    let mut chart = ChartBuilder::on(&area)
        .margin_left(style.px(MARGIN_LEFT))
        .margin_right(style.px(MARGIN_RIGHT))
        .margin_top(style.px(MARGIN_TOP))
        .x_label_area_size(style.px(X_LABEL_AREA))
        .y_label_area_size(common::y_label_area((y_lo, y_hi), 6, &|v| tick(v, y_hi - y_lo), true, Y_LABEL_AREA, style))
        .build_cartesian_2d(x_range.0..x_range.1, y_lo..y_hi)?;
    let plot = plot_area(root, &chart, (x_range, (y_lo, y_hi)), count);
    let plot_w = (plot.px.1 - plot.px.0).abs() as i32;
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
        .x_labels(common::x_label_count(x_range, plot_w, style, 12, &|v| x_ticks(&v)))
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

    let slot = plot_w as f64 / (count as f64 + 1.0);
    let radius = (slot * 0.25).clamp(style.px(2.5) as f64, style.px(7.0) as f64).round();
    let at = |i: usize, v: f32| (plot.pixel_x(i as f64).round() as i32, plot.pixel_y(v as f64).round() as i32);
    let line = style.px(2.0) as i32;
    let connector = |shapes: &mut Shapes, i: usize| {
        let ((x, a), (_, b)) = (at(i, view.input[i]), at(i, view.output[i]));
        shapes.rect((x - line / 2, a), (x - line / 2 + line, b));
    };
    let selected = (view.selected < count).then_some(view.selected);
    if let Some(c) = selected {
        let half = (style.px(5.0) as f64 / slot).max(0.45);
        let c = c as f64;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(c - half, y_lo), (c + half, y_hi)],
            SELECTED.mix(0.45).filled(),
        )))?;
    }
    let (mut lines, mut inputs, mut outputs, mut rings) =
        (Shapes::default(), Shapes::default(), Shapes::default(), Shapes::default());
    let ring = |shapes: &mut Shapes, i: usize, y: f32| {
        shapes.ring(at(i, y), radius + style.px(2.0) as f64, style.px(2.0) as f64);
    };
    if slot >= ONE_BY_ONE * style.scale {
        // One by one: x → y for each sample, the grey line being the move the layer made.
        for i in (0..count).filter(|&i| finite(i)) {
            connector(&mut lines, i);
            inputs.dot(at(i, view.input[i]), radius);
            outputs.dot(at(i, view.output[i]), radius);
            if let Some(y) = unedited(i) {
                ring(&mut rings, i, y);
            }
        }
    } else {
        // Too close to tell apart: per group of samples sharing a few pixels, the range of their
        // x and of their y (what the eye sees of a cloud of dots), and the unedited outputs' ends.
        let groups = ((plot_w as f64 / (2.0 * style.scale).max(1.0)) as usize).clamp(1, count);
        let per = count.div_ceil(groups);
        let mut columns = [Vec::new(), Vec::new()];
        for start in (0..count).step_by(per) {
            let members = start..(start + per).min(count);
            let left = plot.pixel_x(members.start as f64 - 0.5).round() as i32;
            let right = plot.pixel_x(members.end as f64 - 0.5).round() as i32;
            for (values, column) in [&view.input, &view.output].into_iter().zip(&mut columns) {
                let mut range = Span::default();
                members.clone().filter(|&i| finite(i)).for_each(|i| range.add(values[i] as f64));
                column.push(range.get().map(|(lo, hi)| {
                    (left, right, plot.pixel_y(hi).round() as i32 - line, plot.pixel_y(lo).round() as i32 + line)
                }));
            }
            let mut before = Span::default();
            members.clone().filter_map(unedited).for_each(|y| before.add(y as f64));
            if let Some((lo, hi)) = before.get() {
                for y in [lo, hi] {
                    ring(&mut rings, members.start, y as f32);
                }
            }
        }
        inputs.band(&columns[0]);
        outputs.band(&columns[1]);
    }
    lines.draw(root, TRUTH.mix(0.6).filled())?;
    inputs.draw(root, INPUT.filled())?;
    outputs.draw(root, OUTPUT.filled())?;
    // Hollow: where each output was before the values set by hand.
    rings.draw(root, OUTPUT.filled())?;
    // The followed sample, always itself and on top.
    if let Some(i) = selected.filter(|&i| finite(i)) {
        let mut own = Shapes::default();
        connector(&mut own, i);
        own.draw(root, TRUTH.filled())?;
        for (v, colour) in [(view.input[i], INPUT), (view.output[i], OUTPUT)] {
            let mut dot = Shapes::default();
            dot.dot(at(i, v), radius + style.px(1.0) as f64);
            dot.draw(root, colour.filled())?;
        }
    }
    Ok(Some(plot))
}
