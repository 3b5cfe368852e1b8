//! Beside the per-sample chart: ∂L/∂x of every value of the followed feature (blue dots), a zero
//! line, and in train mode the wrong gradient of "μ_B and σ²_B are constants" (hollow rings),
//! so a student sees how far off it is. For `(N, C, L)` input sample s holds the L values from
//! x = s to x = s + (L − 1)/L.
//!
//! A large batch is thinned to what the eye can see: the values are split into about one group
//! per three pixels and only each group's smallest and largest are drawn (the envelope stays,
//! the cost is bounded by the width); the followed sample is always drawn.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::common;
use super::common::*;
use super::{GradientsView, Style, INPUT, OUTPUT, SELECTED, TEXT};
use crate::backward::pick;
use crate::i18n::{Lang, Text};

const TITLE: Text =
    Text::new("Feature {f}: ∂L/∂x of each sample", "特徵 {f}：每個樣本的 ∂L/∂x", "特征 {f}：每个样本的 ∂L/∂x");
const RIGHT: Text = Text::new("∂L/∂x (autograd)", "∂L/∂x（autograd）", "∂L/∂x（autograd）");
const WRONG: Text = Text::new(
    "if the batch's μ, σ² were constants (wrong)",
    "若把批次的 μ、σ² 當常數（錯誤）",
    "若把批量的 μ、σ² 当作常数（错误）",
);
const THINNED: Text =
    Text::new("{m} values: each group's extremes", "{m} 個值：只畫每組的最大與最小", "{m} 个值：只画每组的最大和最小");
const SAMPLE: Text = Text::new("sample", "樣本", "样本");
/// The band behind the followed sample (the distribution chart's "marked sample").
const MARKED: Text = Text::new("marked sample {s}", "標記的樣本 {s}", "标记的样本 {s}");
const GRADIENT: Text = Text::new("gradient", "梯度", "梯度");

/// Pixels per group when thinning (two markers per group at most).
const PIXELS_PER_GROUP: f64 = 3.0;

/// The indices of `values` to draw: all when they fit in `groups`, else each group's finite
/// smallest and largest (in order, without repeats).
pub fn thin(values: &[f32], groups: usize) -> Vec<usize> {
    let finite = |k: &usize| values[*k].is_finite();
    let groups = groups.max(1);
    if values.len() <= 2 * groups {
        return (0..values.len()).filter(finite).collect();
    }
    let size = values.len().div_ceil(groups);
    let mut kept = Vec::with_capacity(2 * groups);
    for start in (0..values.len()).step_by(size) {
        let range = start..(start + size).min(values.len());
        let mut extremes: Option<(usize, usize)> = None;
        for k in range.filter(finite) {
            extremes = Some(match extremes {
                None => (k, k),
                Some((lo, hi)) => {
                    (if values[k] < values[lo] { k } else { lo }, if values[k] > values[hi] { k } else { hi })
                }
            });
        }
        if let Some((lo, hi)) = extremes {
            kept.push(lo.min(hi));
            if lo != hi {
                kept.push(lo.max(hi));
            }
        }
    }
    kept
}

/// The chart's title, as it draws it (and as a notice names the chart).
pub fn heading(view: &GradientsView, lang: Lang) -> String {
    pick(lang, TITLE).replace("{f}", &view.feature.to_string())
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &GradientsView,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let lang = style.lang;
    let area = common::title(root, &heading(view, lang), style)?;
    let count = view.grad_input.len();
    let l = view.per_sample.max(1);
    if count == 0 {
        return placeholder(&area, NO_DATA, style);
    }
    if too_small(&area, style) {
        return placeholder(&area, TOO_SMALL, style);
    }
    let constants = if view.constants.len() == count { &view.constants[..] } else { &[] };
    let mut span = Span::default();
    span.add(0.0);
    for &v in view.grad_input.iter().chain(constants) {
        span.add(v as f64);
    }
    if !view.grad_input.iter().any(|v| v.is_finite()) {
        return placeholder(&area, NOTHING_FINITE, style);
    }
    let (y_lo, y_hi) = span.padded();

    // One group per few pixels of the plot (estimated before the legend and axes take their share).
    let plot_width =
        (common::size(&area).0 as f64 - style.px(MARGIN_LEFT + Y_LABEL_AREA + MARGIN_RIGHT) as f64).max(1.0);
    let groups = (plot_width / (PIXELS_PER_GROUP * style.scale)).floor().max(1.0) as usize;
    let thinned = count > 2 * groups;

    let mut items = vec![(Key::Point(INPUT), pick(lang, RIGHT).to_string())];
    if !constants.is_empty() {
        // The plot's own mark, an orange ring (it was a black "○" in the text).
        items.push((Key::Ring(OUTPUT), pick(lang, WRONG).to_string()));
    }
    // The band behind the followed sample is named (review40: a pink band no legend explained).
    let samples = count.div_ceil(l);
    if view.selected < samples && samples > 1 {
        items.push((Key::Band(SELECTED), pick(lang, MARKED).replace("{s}", &view.selected.to_string())));
    }
    if thinned {
        items.push((Key::Text, pick(lang, THINNED).replace("{m}", &count.to_string())));
    }
    let area = legend(&area, &items, style)?;
    if too_small(&area, style) {
        return placeholder(&area, TOO_SMALL, style);
    }
    let x_of = |k: usize| (k / l) as f64 + (k % l) as f64 / l as f64;
    let mut chart = ChartBuilder::on(&area)
        .margin_left(style.px(MARGIN_LEFT))
        .margin_right(style.px(MARGIN_RIGHT))
        .margin_top(style.px(MARGIN_TOP))
        .x_label_area_size(style.px(X_LABEL_AREA))
        .y_label_area_size(common::y_label_area((y_lo, y_hi), 6, &|v| tick(v, y_hi - y_lo), true, Y_LABEL_AREA, style))
        .build_cartesian_2d(-1.0..samples as f64, y_lo..y_hi)?;
    let x_ticks = |v: &f64| {
        let i = v.round();
        if (v - i).abs() < 1e-6 && i >= 0.0 && i < samples as f64 {
            format!("{i}")
        } else {
            String::new()
        }
    };
    let y_ticks = |v: &f64| tick(*v, y_hi - y_lo);
    let tick_width = chart.plotting_area().dim_in_pixel().0 as i32;
    chart
        .configure_mesh()
        .x_desc(pick(lang, SAMPLE))
        .y_desc(pick(lang, GRADIENT))
        .x_labels((samples + 2).min(super::common::label_count(tick_width, 60.0, style, 12)))
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

    let drawn = if thinned { 2 * groups } else { count };
    let slot = chart.plotting_area().dim_in_pixel().0 as f64 / (drawn as f64 + 1.0);
    let radius = (slot * 0.25).clamp(style.px(2.0) as f64, style.px(6.0) as f64).round() as u32;
    if view.selected < samples {
        let half = (style.px(5.0) as f64 * (samples as f64 + 1.0) / plot_width).max(0.45);
        let c = view.selected as f64 + (l - 1) as f64 / (2 * l) as f64;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(c - half, y_lo), (c + half, y_hi)],
            SELECTED.mix(0.45).filled(),
        )))?;
    }
    // The zero line: the laws say the blue dots balance around it.
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(-1.0, 0.0), (samples as f64, 0.0)],
        TEXT.mix(0.7).stroke_width(style.px(1.5)),
    )))?;

    // The followed sample's values are always drawn, whatever the thinning kept.
    let followed = view.selected.saturating_mul(l)..view.selected.saturating_add(1).saturating_mul(l).min(count);
    let with_followed = |mut kept: Vec<usize>, values: &[f32]| {
        kept.extend(followed.clone().filter(|&k| values.get(k).is_some_and(|v| v.is_finite())));
        kept.sort_unstable();
        kept.dedup();
        kept
    };
    let wrong = with_followed(thin(constants, groups), constants);
    chart.draw_series(wrong.iter().map(|&k| {
        Circle::new((x_of(k), constants[k] as f64), radius + style.px(2.0), OUTPUT.stroke_width(style.px(2.0)))
    }))?;
    let right = with_followed(thin(&view.grad_input, groups), &view.grad_input);
    chart.draw_series(
        right.iter().map(|&k| Circle::new((x_of(k), view.grad_input[k] as f64), radius, INPUT.filled())),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::thin;

    #[test]
    fn thinning_keeps_every_groups_extremes() {
        let values: Vec<f32> = (0..100).map(|k| ((k * 37) % 100) as f32).collect();
        let kept = thin(&values, 10);
        assert!(kept.len() <= 20);
        assert!(kept.iter().any(|&k| values[k] == 99.0) && kept.iter().any(|&k| values[k] == 0.0));
        assert_eq!(thin(&values[..15], 10).len(), 15, "few values: all of them");
        assert!(thin(&[f32::NAN; 50], 5).is_empty());
    }
}
