//! What each layer's output looks like from the hovered value's two points of view: all values
//! of its FEATURE (every sample and position of feature c, blue) and all values of its SAMPLE
//! (every feature and position of sample n, orange).
//!
//! One small histogram per layer, the two series side by side in shared bins, with each
//! series' mean (a vertical line) and ±σ (a bar above the bars) and the numbers in the legend.
//! The point: BatchNorm1d makes every feature mean 0, σ 1 (the blue numbers), LayerNorm every
//! sample (the orange ones), InstanceNorm1d each sample's each feature (so both), GroupNorm
//! each sample's groups of features (so the sample). A layer that refused the input shows why.
//!
//! Every panel has the same value axis and the same count axis, so the panels compare directly.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::common::{
    legend, num, placeholder, size, text_style, tick, title_style, Key, Span, MARGIN_LEFT, NOTHING_FINITE, NO_DATA,
    TOO_SMALL,
};
use super::norm_grid::{arrangements, MAX_PANELS};
use super::text;
use super::{NormPanel, NormsView, Style, INPUT, OUTPUT, TEXT};
use crate::core::stats::{finite_range, histogram, mean_std};
use crate::i18n::{t, tf, Lang};

/// The hovered value's feature (all samples and positions): blue.
pub const FEATURE: RGBColor = INPUT;
/// The hovered value's sample (all features and positions): orange.
pub const SAMPLE: RGBColor = OUTPUT;
/// At most this many bars per histogram.
const MAX_BINS: usize = 24;
/// Panels are arranged 2 × 2 or 1 × 4, whichever makes them closest to this width : height.
const PANEL_ASPECT: f64 = 1.5;

/// Draws one histogram panel per layer (at most [`MAX_PANELS`]).
/// The chart's title, as it draws it (and as a notice names the chart).
pub fn heading(_: &NormsView, lang: Lang) -> String {
    t(lang, "Each layer's output y")
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &NormsView,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let scale = if style.scale.is_finite() && style.scale > 0.0 { style.scale } else { 1.0 };
    let style = &Style { scale, ..*style };
    let lang = style.lang;
    let area = super::common::title(root, &heading(view, lang), style)?;
    let fits = view.n.checked_mul(view.c).and_then(|m| m.checked_mul(view.l)).is_some_and(|m| m > 0);
    if !fits || view.panels.is_empty() {
        return placeholder(&area, NO_DATA, style);
    }
    let panels = &view.panels[..view.panels.len().min(MAX_PANELS)];
    let series: Vec<Series> = panels.iter().map(|p| Series::of(view, p)).collect();

    // What the two colours are, once for all panels.
    let (n, c, _) = view.cell;
    let (feature, sample) = if view.l == 1 {
        ("feature {c}: all samples", "sample {n}: all features")
    } else {
        ("feature {c}: all samples and positions", "sample {n}: all features and positions")
    };
    let items = vec![
        (Key::Bar(FEATURE), tf(lang, feature, &[("c", &c.to_string())])),
        (Key::Bar(SAMPLE), tf(lang, sample, &[("n", &n.to_string())])),
    ];
    let area = legend(&area, &items, style)?;

    // One value axis and one count axis for every panel.
    let mut span = Span::default();
    for v in series.iter().flat_map(|s| [&s.feature, &s.sample]) {
        if let Some((lo, hi)) = finite_range(&v.finite) {
            span.add(lo);
            span.add(hi);
        }
    }
    let x = span.padded();
    let bins = Bins::new(&series, x);
    let max_count =
        series.iter().flat_map(|s| [&s.feature, &s.sample]).flat_map(|v| bins.counts(&v.finite)).max().unwrap_or(0);
    let y_top = (max_count.max(1) as f64 * 1.4).ceil();

    // 2 × 2, 1 × 4 or, in a phone's tall box, 4 × 1 (fewer panels: 2 × ⌈k/2⌉, 1 × k or k × 1),
    // whichever panel shape is nearer PANEL_ASPECT.
    let (w, h) = size(&area);
    let misfit = |&(rows, cols): &(usize, usize)| {
        let aspect = (w.max(1) as f64 / cols as f64) / (h.max(1) as f64 / rows as f64);
        (aspect / PANEL_ASPECT).ln().abs()
    };
    let (rows, cols) =
        arrangements(panels.len()).into_iter().min_by(|a, b| misfit(a).total_cmp(&misfit(b))).unwrap_or((1, 1));
    let boxes = area.split_evenly((rows, cols));
    let shared = Shared { x, y_top, bins: &bins, cell: view.cell };
    for ((panel, series), area) in panels.iter().zip(&series).zip(&boxes) {
        draw_panel(area, panel, series, &shared, style)?;
    }
    Ok(())
}

/// What all panels share.
struct Shared<'a> {
    x: (f64, f64),
    y_top: f64,
    bins: &'a Bins,
    cell: (usize, usize, usize),
}

/// One layer's output for the hovered value's feature and sample.
struct Series {
    feature: Values,
    sample: Values,
    /// Nothing to draw: refused, or no output (yet).
    empty: bool,
}

impl Series {
    fn of(view: &NormsView, panel: &NormPanel) -> Series {
        let none = || Series { feature: Values::new(&[]), sample: Values::new(&[]), empty: true };
        if panel.refusal.is_some() {
            return none();
        }
        let out = &panel.output;
        let (n, c, l) = (view.n, view.c, view.l);
        let (i, f, _) = view.cell;
        // Indices stop at the end of the output (which may be shorter than n·c·l).
        let mut feature = Vec::new();
        if f < c {
            for s in 0..n {
                let base = (s * c + f) * l;
                if base >= out.len() {
                    break;
                }
                feature.extend(out[base..(base + l).min(out.len())].iter().copied());
            }
        }
        let mut sample = Vec::new();
        if i < n {
            let base = i * c * l;
            if base < out.len() {
                sample.extend(out[base..(base + c * l).min(out.len())].iter().copied());
            }
        }
        let (feature, sample) = (Values::new(&feature), Values::new(&sample));
        // Without a single finite output the panel says so; a hovered cell outside the batch
        // only empties the series (their legend says "no values").
        let empty = !out.iter().any(|v| v.is_finite());
        Series { feature, sample, empty }
    }
}

/// The finite values of one series, their (mean, biased σ), and how many were not finite.
struct Values {
    finite: Vec<f32>,
    dropped: usize,
    stats: Option<(f64, f64)>,
}

impl Values {
    fn new(values: &[f32]) -> Self {
        let finite: Vec<f32> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let stats = mean_std(&finite).filter(|(m, s)| m.is_finite() && s.is_finite());
        Values { dropped: values.len() - finite.len(), stats, finite }
    }

    /// "feature 2: mean 0, σ 1.00", "mean 0, σ 1.00" or "μ 0, σ 1.00" (the form a panel has room
    /// for), plus a note on values that could not be drawn.
    fn describe(&self, form: Form, lang: Lang) -> String {
        let mut text = match (self.stats, form) {
            (Some((mean, sd)), form) => {
                // A normalized mean is 0 up to float32 rounding: "≈ 0", as the BatchNorm1d view
                // says it (review26: "mean 7.451e-9" read as a mean that is not zero).
                let (m, s) = (crate::numbers::mean(mean, sd), num(sd));
                let values = [("m", m.as_str()), ("s", s.as_str())];
                match form {
                    Form::Named(name) => tf(lang, "{name}: mean {m}, σ {s}", &[("name", name), values[0], values[1]]),
                    Form::Plain => tf(lang, "mean {m}, σ {s}", &values),
                    Form::Symbols => tf(lang, "μ {m}, σ {s}", &values),
                }
            }
            (None, Form::Named(name)) => tf(lang, "{name}: no values", &[("name", name)]),
            (None, _) => t(lang, "no values"),
        };
        if self.dropped > 0 {
            text += &tf(lang, " ({n} NaN/inf not shown)", &[("n", &self.dropped.to_string())]);
        }
        text
    }
}

/// How much a panel's legend says: the series' name and its numbers, the numbers in words, or
/// the numbers with their symbols (a phone's panels are narrow; the numbers must stay whole).
#[derive(Clone, Copy)]
enum Form<'a> {
    Named(&'a str),
    Plain,
    Symbols,
}

/// Bins shared by every panel and both series: equal widths over all finite values.
struct Bins {
    lo: f64,
    hi: f64,
    count: usize,
}

impl Bins {
    fn new(series: &[Series], (x_lo, x_hi): (f64, f64)) -> Bins {
        let mut all: Option<(f64, f64)> = None;
        let mut most = 0;
        for v in series.iter().flat_map(|s| [&s.feature, &s.sample]) {
            if let Some((lo, hi)) = finite_range(&v.finite) {
                all = Some(all.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
            }
            most = most.max(v.finite.len());
        }
        let count = ((2.0 * (most as f64).sqrt()).ceil() as usize).clamp(1, MAX_BINS);
        let (lo, hi) = match all {
            // Values (nearly) all equal: one bar, 1/40 of the axis wide.
            Some((lo, hi)) if hi - lo > (x_hi - x_lo) / 80.0 => (lo, hi),
            Some((lo, hi)) => {
                let (centre, half) = (0.5 * lo + 0.5 * hi, (x_hi - x_lo) / 80.0);
                return Bins { lo: centre - half, hi: centre + half, count: 1 };
            }
            None => (x_lo, x_hi),
        };
        Bins { lo, hi, count }
    }

    fn width(&self) -> f64 {
        (self.hi - self.lo) / self.count as f64
    }

    fn counts(&self, values: &[f32]) -> Vec<u32> {
        if self.count == 1 {
            // One bin holds every value (they are all within it).
            return vec![u32::try_from(values.len()).unwrap_or(u32::MAX)];
        }
        histogram(values, self.lo, self.hi, self.count)
    }
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &NormPanel,
    series: &Series,
    shared: &Shared,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let lang = style.lang;
    let area = area.margin(style.px(4.0), style.px(2.0), style.px(6.0), style.px(6.0));
    // The class name only ("LayerNorm", not its arguments): four titles must fit side by side.
    let short = panel.name.split('(').next().unwrap_or(&panel.name);
    let area = super::common::title(&area, &t(lang, short), style)?;
    if let Some(refusal) = &panel.refusal {
        return refusal_text(&area, refusal, style);
    }
    if series.empty {
        let message = if panel.output.is_empty() { NO_DATA } else { NOTHING_FINITE };
        return placeholder(&area, message, style);
    }

    // "feature 2: mean 0, σ 1.00" when it fits the panel, else "mean 0, σ 1.00", else "μ 0, σ 1.00"
    // (the colour says which: the legend above the panels names them).
    let (n, c, _) = shared.cell;
    let names = [tf(lang, "feature {c}", &[("c", &c.to_string())]), tf(lang, "sample {n}", &[("n", &n.to_string())])];
    let room = size(&area).0 as f64 / style.scale - 2.0 * MARGIN_LEFT - 40.0;
    let fits = |texts: &[String; 2]| texts.iter().all(|text| text::width(text, style.font() / style.scale) <= room);
    let forms = [[Form::Named(&names[0]), Form::Named(&names[1])], [Form::Plain; 2], [Form::Symbols; 2]];
    let describe = |[f, s]: [Form; 2]| [series.feature.describe(f, lang), series.sample.describe(s, lang)];
    let texts = forms.into_iter().map(describe).find(fits).unwrap_or_else(|| describe([Form::Symbols; 2]));
    let [feature, sample] = texts;
    let area = legend(&area, &[(Key::Bar(FEATURE), feature), (Key::Bar(SAMPLE), sample)], style)?;
    let (w, h) = size(&area);
    if w < style.px(110.0) as i32 || h < style.px(60.0) as i32 {
        return placeholder(&area, TOO_SMALL, style);
    }

    let (x_lo, x_hi) = shared.x;
    let y_top = shared.y_top;
    let mut chart = ChartBuilder::on(&area)
        .margin_left(style.px(4.0))
        .margin_right(style.px(14.0))
        .margin_top(style.px(4.0))
        .x_label_area_size(style.px(24.0))
        .y_label_area_size(style.px(34.0))
        .build_cartesian_2d(x_lo..x_hi, 0f64..y_top)?;
    let x_ticks = |v: &f64| tick(*v, x_hi - x_lo);
    let y_ticks = |v: &f64| if (v - v.round()).abs() < 1e-9 { format!("{v:.0}") } else { String::new() };
    let (plot_width, plot_height) = chart.plotting_area().dim_in_pixel();
    // Counts a line of text apart at most (a short panel drew "0", "5", "10" and "15" on top of
    // each other in 40 px).
    let y_labels = super::common::y_label_count_over((0.0, y_top), plot_height as i32, 30.0, style, 4);
    chart
        .configure_mesh()
        .x_labels(super::common::label_count(plot_width as i32, 60.0, style, 5))
        .y_labels(y_labels)
        .x_label_formatter(&x_ticks)
        .y_label_formatter(&y_ticks)
        .label_style(text_style(style))
        .axis_style(TEXT.stroke_width(style.px(1.0)))
        .bold_line_style(TEXT.mix(0.12).stroke_width(1))
        .light_line_style(TRANSPARENT)
        .draw()?;

    // Bars: each bin split in two, the feature's half left and the sample's right.
    let bins = shared.bins;
    let width = bins.width();
    for (values, colour, offset) in [(&series.feature, FEATURE, 0.0), (&series.sample, SAMPLE, 0.5)] {
        let bars: Vec<(f64, f64, f64)> = bins
            .counts(&values.finite)
            .into_iter()
            .enumerate()
            .filter(|&(_, k)| k > 0)
            .map(|(b, k)| {
                let left = bins.lo + (b as f64 + offset) * width;
                (left, left + 0.5 * width, k as f64)
            })
            .collect();
        chart
            .draw_series(bars.iter().map(|&(a, b, k)| Rectangle::new([(a, 0.0), (b, k)], colour.mix(0.75).filled())))?;
        chart.draw_series(bars.iter().map(|&(a, b, k)| Rectangle::new([(a, 0.0), (b, k)], colour.stroke_width(1))))?;
    }

    // Each series' mean (a line up to its σ bar) and mean ± σ (a bar with end caps), the
    // feature's above the sample's.
    let clamp = |v: f64| v.clamp(x_lo, x_hi);
    let cap = 0.035 * y_top;
    for (values, colour, height) in [(&series.feature, FEATURE, 0.93), (&series.sample, SAMPLE, 0.82)] {
        let Some((mean, sd)) = values.stats else { continue };
        let y = height * y_top;
        let pen = colour.stroke_width(style.px(3.0));
        chart.draw_series(std::iter::once(PathElement::new(vec![(clamp(mean), 0.0), (clamp(mean), y)], pen)))?;
        let (a, b) = (clamp(mean - sd), clamp(mean + sd));
        chart.draw_series(std::iter::once(PathElement::new(vec![(a, y), (b, y)], pen)))?;
        for end in [a, b] {
            chart.draw_series(std::iter::once(PathElement::new(vec![(end, y - cap), (end, y + cap)], pen)))?;
        }
    }
    Ok(())
}

/// "PyTorch raises:" and the refusal, wrapped, in the middle of `area`.
fn refusal_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    refusal: &str,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (w, h) = size(area);
    let (font, line) = (style.font() / style.scale, 1.3 * style.font());
    let room = ((h as f64 / line).floor() as usize).max(2);
    let mut lines = vec![t(style.lang, "PyTorch raises:")];
    lines.extend(text::wrap(refusal, font, 0.92 * w as f64 / style.scale, room - 1));
    let top = 0.5 * h as f64 - 0.5 * line * lines.len() as f64;
    for (k, text) in lines.iter().enumerate() {
        let s = if k == 0 { title_style(style) } else { text_style(style) };
        let y = (top + (k as f64 + 0.5) * line).round() as i32;
        area.draw_text(text, &s.pos(Pos::new(HPos::Center, VPos::Center)), (w / 2, y))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A mean that is 0 up to float32 rounding reads "≈ 0" in every form, as in the BatchNorm1d
    /// view (review26: "mean 7.451e-9"); a real one keeps its digits.
    #[test]
    fn a_mean_zero_up_to_rounding_reads_about_zero() {
        let rounded = Values::new(&[1.0, -1.0, 3e-8]);
        for form in [Form::Named("LayerNorm"), Form::Plain, Form::Symbols] {
            let said = rounded.describe(form, Lang::En);
            assert!(said.contains("≈ 0, σ 0.8165") && !said.contains("e-"), "{said}");
        }
        assert_eq!(Values::new(&[1.0, 2.0]).describe(Form::Plain, Lang::En), "mean 1.5, σ 0.5");
    }
}
