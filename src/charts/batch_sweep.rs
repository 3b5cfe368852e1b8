//! Papers chart: Wu & He 2018, Figure 1, in miniature — test accuracy against batch size
//! (2 … 128, a log axis) for each normalization, every run trained the same number of epochs
//! (the paper plots error, 100 % − accuracy: the title says so).
//! A run not done yet is left out; a diverged run (NaN) is a cross at the bottom.
//!
//! Self-contained: only plotters, the view and the page's palette, legend and words.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::common::{legend, Key, SANS};
use super::{BatchSweepView, Style, TEXT};
use crate::i18n::{t, tf, Lang};

/// One colour per line (Okabe–Ito): BatchNorm, GroupNorm, LayerNorm, none.
const COLOURS: [RGBColor; 4] =
    [RGBColor(0, 158, 115), RGBColor(0, 114, 178), RGBColor(204, 121, 167), RGBColor(230, 159, 0)];

/// The chart's title, as it draws it (and as a notice names the chart). It plots accuracy, as
/// the rest of the Train view does; the paper's Fig. 1 plots error, and the title says so.
pub fn heading(view: &BatchSweepView, lang: Lang) -> String {
    if view.epochs == 1 {
        t(
            lang,
            "Test accuracy against batch size, 1 epoch each (Wu & He 2018: their Fig. 1 plots the error, 100 % − accuracy)",
        )
    } else {
        let key = "Test accuracy against batch size, {e} epochs each (Wu & He 2018: their Fig. 1 plots the error, 100 % − accuracy)";
        tf(lang, key, &[("e", &view.epochs.to_string())])
    }
}

/// The steps' line: its font, as a share of the page's chart font.
const STEPS_FONT: f64 = 0.9;

/// Draws each norm's accuracy per batch size.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &BatchSweepView,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let lang = style.lang;
    let (x, y) = root.get_pixel_range();
    let (w, h) = ((x.end - x.start).max(0), (y.end - y.start).max(0));
    // The title in two lines where one does not fit (it was cut at both edges at 1280 px).
    let rest = super::common::title(root, &heading(view, lang), style)?;
    // The legend in the page's one way: rows as the width needs, each item wrapped, never cut.
    let items: Vec<(Key, String)> =
        view.names.iter().enumerate().map(|(k, name)| (Key::Line(COLOURS[k % COLOURS.len()]), t(lang, name))).collect();
    let rest = legend(&rest, &items, style)?;
    let sizes: Vec<f64> = view.batch_sizes.iter().map(|&b| (b.max(1) as f64).log2()).collect();
    let (Some(&first), Some(&last)) = (sizes.first(), sizes.last()) else {
        let (x, y) = rest.get_pixel_range();
        let centre = ((x.end - x.start) / 2, (y.end - y.start) / 2);
        let font = (SANS, style.font()).into_font().color(&TEXT).pos(Pos::new(HPos::Center, VPos::Center));
        return rest.draw_text(&t(lang, "No data yet — press Step"), &font, centre);
    };
    if h < style.px(160.0) as i32 || w < style.px(240.0) as i32 {
        return Ok(());
    }
    // As many accuracy numbers as keep a line and a half of text apart (a phone's short plot
    // had all eleven, 0 % … 100 %, each touching the next); plotters picks round steps. The y
    // label area as wide as its widest number and the axis's name need, both drawn in the
    // legend's font (common::y_label_area; in a fixed 56 px "100 %" began 3 px left of the name's
    // right edge), never narrower than 56 px. (At 0.85 of the font the numbers were ~14 px
    // high on a 720p projector: seven batch sizes and five percentages have room for the whole.)
    const LABEL: f64 = 1.0;
    let label = (SANS, style.font() * LABEL).into_font().color(&TEXT);
    let y_range = (-0.06f64, 1.03);
    let y_label = |v: f64| format!("{:.0} %", v * 100.0);
    let labels = Style { scale: style.scale * LABEL, ..*style };
    let y_area = super::common::y_label_area(y_range, 11, &y_label, true, 56.0 / LABEL, &labels);
    // A line more under the batch sizes for each run's steps, once they are known.
    let steps_known = view.steps.len() == view.batch_sizes.len();
    let steps_line = if steps_known { STEPS_FONT * style.font() * 1.5 } else { 0.0 };
    let mut chart = ChartBuilder::on(&rest)
        .margin(style.px(10.0))
        .x_label_area_size(style.px(super::common::X_LABEL_AREA) + steps_line.round() as u32)
        .y_label_area_size(y_area)
        .build_cartesian_2d((first - 0.3)..(last + 0.3), y_range.0..y_range.1)?;
    let plot_height = chart.plotting_area().dim_in_pixel().1 as i32;
    let y_labels = super::common::y_label_count(plot_height, 21.0, style, 11); // 1.5 lines of 14 px
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .label_style(label)
        .y_labels(y_labels)
        .x_labels(view.batch_sizes.len().max(2))
        .x_label_formatter(&|v| format!("{}", 2f64.powf(v.round()) as u64))
        .y_label_formatter(&|v| y_label(*v))
        .x_desc(t(lang, "batch size (log scale)"))
        .y_desc(t(lang, "test accuracy"))
        .draw()?;
    if steps_known {
        draw_steps(root, &chart, &sizes, &view.steps, style)?;
    }
    for (k, acc) in view.accuracy.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let points: Vec<(f64, f64)> =
            sizes.iter().zip(acc).filter(|(_, a)| a.is_finite()).map(|(&x, &a)| (x, a as f64)).collect();
        chart.draw_series(LineSeries::new(points.clone(), colour.stroke_width(style.px(2.5))))?;
        chart.draw_series(points.iter().map(|&p| Circle::new(p, style.px(4.0), colour.filled())))?;
        let crosses = sizes.iter().zip(acc).filter(|(_, a)| !a.is_finite()).map(|(&x, _)| (x, -0.03));
        chart.draw_series(crosses.map(|p| Cross::new(p, style.px(5.0), colour.stroke_width(style.px(2.0)))))?;
    }
    Ok(())
}

/// Each run's training steps under its batch size, and "steps" left of them under the axis's
/// numbers: at batch 128 an epoch is a few dozen steps, and every line falls there for that.
fn draw_steps<DB: DrawingBackend, CT: CoordTranslate<From = (f64, f64)>>(
    root: &DrawingArea<DB, Shift>,
    chart: &ChartContext<DB, CT>,
    sizes: &[f64],
    steps: &[u64],
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (origin_x, origin_y) = (root.get_pixel_range().0.start, root.get_pixel_range().1.start);
    let plot = chart.plotting_area();
    let (px, py) = plot.get_pixel_range();
    // Under the batch sizes (plotters' gap of 10 px and their line of 1.2 fonts), 2 px apart.
    let y = py.end - origin_y + style.px(12.0 + 1.2 * style.font() / style.scale) as i32;
    let font = (SANS, style.font() * STEPS_FONT).into_font().color(&TEXT);
    let mut last_right = i32::MIN;
    for (&x, &k) in sizes.iter().zip(steps) {
        let (cx, _) = plot.map_coordinate(&(x, 0.0));
        let label = k.to_string();
        let half = (super::text::width(&label, style.font() * STEPS_FONT) / 2.0).ceil() as i32;
        // A label that would touch the one before is left out (a narrow phone's plot).
        if cx - half < last_right + style.px(4.0) as i32 {
            continue;
        }
        last_right = cx + half;
        root.draw_text(&label, &font.pos(Pos::new(HPos::Center, VPos::Top)), (cx - origin_x, y))?;
    }
    let word = t(style.lang, "steps");
    let right = px.start - origin_x - style.px(8.0) as i32;
    root.draw_text(&word, &font.pos(Pos::new(HPos::Right, VPos::Top)), (right, y))
}
