//! The charts, rendered to SVG natively: realistic views draw their series, titles and numbers;
//! odd views (empty, NaN, one feature, selection out of range, tiny canvas) draw a placeholder
//! instead of panicking. The realistic renderings are also written to target/chart-previews/ so
//! a person can look at them.
#![cfg(not(target_arch = "wasm32"))]

use batchnorm_playground::charts::common::num;
use batchnorm_playground::charts::{
    distribution, features, running, DistributionView, FeaturesView, PlotArea, RunningView, Style,
};
use batchnorm_playground::core::stats::mean_std;
use batchnorm_playground::core::{BatchNorm1d, BatchNormConfig};

mod support;
use support::numbers::Numbers;
use support::svg::*;

/// How plotters' SVG backend writes the palette's colours.
const INPUT: &str = "#0072B2";
const OUTPUT: &str = "#D55E00";
const RUNNING: &str = "#009E73";
const TRUTH: &str = "#5A5A5A";
const SELECTED: &str = "#CC79A7";

// ----- rendering -------------------------------------------------------------------------------

fn render_distribution(view: &DistributionView, size: (u32, u32)) -> String {
    render(size, Style::default(), |root, style| distribution::draw(root, view, style))
}

fn render_features(view: &FeaturesView, size: (u32, u32)) -> String {
    render(size, Style::default(), |root, style| features::draw(root, view, style))
}

fn render_running(view: &RunningView, size: (u32, u32)) -> String {
    render(size, Style::default(), |root, style| running::draw(root, view, style))
}

// ----- reading the SVG back ----------------------------------------------------------------------

/// How many quadrilaterals (bars, dashes) the polygons of `colour` at `opacity` hold: the charts
/// draw many as one polygon (`common::Shapes`), each quadrilateral 5 points and a bridge back.
fn shapes_in(svg: &str, colour: &str, opacity: &str) -> usize {
    tags(svg, "polygon")
        .iter()
        .filter(|t| attr(t, "fill") == Some(colour) && attr(t, "opacity").unwrap_or("1") == opacity)
        .map(|t| (attr(t, "points").unwrap_or("").split_whitespace().count() + 1) / 6)
        .sum()
}

// ----- realistic data ----------------------------------------------------------------------------

/// C features with their own true mean (around ±3) and standard deviation (0.5 to 2).
struct Source {
    mean: Vec<f64>,
    sd: Vec<f64>,
    numbers: Numbers,
}

impl Source {
    fn new(c: usize, seed: u64) -> Self {
        let mut numbers = Numbers(seed);
        let mean = (0..c).map(|_| 3.0 * numbers.normal()).collect();
        let sd = (0..c).map(|_| 0.5 * 4f64.powf(numbers.uniform())).collect();
        Source { mean, sd, numbers }
    }

    /// A batch (N, C), row-major.
    fn batch(&mut self, n: usize) -> Vec<f32> {
        let c = self.mean.len();
        (0..n * c).map(|i| (self.mean[i % c] + self.sd[i % c] * self.numbers.normal()) as f32).collect()
    }
}

/// Feature `f`'s column of an (N, C) batch.
fn column(values: &[f32], c: usize, f: usize) -> Vec<f32> {
    values.iter().skip(f).step_by(c).copied().collect()
}

/// One training step of `nn.BatchNorm1d(c)` on a (n, c) batch: (input, output).
fn one_step(c: usize, n: usize, seed: u64) -> (Vec<f32>, Vec<f32>) {
    let mut bn = BatchNorm1d::new(BatchNormConfig::new(c)).expect("valid layer");
    let x = Source::new(c, seed).batch(n);
    let y = bn.forward(&x, &[n, c]).expect("forward").output;
    (x, y)
}

fn features_view(c: usize, n: usize, selected: usize) -> FeaturesView {
    let (x, y) = one_step(c, n, 7);
    let stats = |v: &[f32], f| mean_std(&column(v, c, f)).expect("non-empty column");
    let mut view = FeaturesView { selected, ..FeaturesView::default() };
    for f in 0..c {
        let ((xm, xs), (ym, ys)) = (stats(&x, f), stats(&y, f));
        view.input_mean.push(xm as f32);
        view.input_std.push(xs as f32);
        view.output_mean.push(ym as f32);
        view.output_std.push(ys as f32);
    }
    view
}

/// `steps` training steps of one layer; the view follows feature `f`.
fn running_view(steps: usize, track: bool, f: usize) -> RunningView {
    let (c, n) = (8, 32);
    let mut bn = BatchNorm1d::new(BatchNormConfig { track_running_stats: track, ..BatchNormConfig::new(c) })
        .expect("valid layer");
    let mut source = Source::new(c, 11);
    let mut view = RunningView {
        feature: f,
        true_mean: source.mean[f] as f32,
        true_var: (source.sd[f] * source.sd[f]) as f32,
        ..RunningView::default()
    };
    for step in 1..=steps {
        let trace = bn.forward(&source.batch(n), &[n, c]).expect("forward");
        let batch = trace.batch.expect("batch statistics");
        view.steps.push(step as u64);
        view.batch_mean.push(batch.mean[f]);
        view.batch_var.push(batch.unbiased_var.expect("n > 1")[f]);
        if let Some(r) = bn.running() {
            view.running_mean.push(r.mean[f]);
            view.running_var.push(r.var[f]);
        }
    }
    view
}

// ----- distribution ------------------------------------------------------------------------------

#[test]
fn distribution_draws_both_histograms_their_means_and_numbers() {
    let (c, n) = (128, 32);
    let (x, y) = one_step(c, n, 3);
    // The feature whose data lies farthest from mean 0 / σ 1, so the change is plain to see.
    let far = |f: &usize| mean_std(&column(&x, c, *f)).map_or(0.0, |(m, s)| m.abs() + (s - 1.0).abs());
    let f = (0..c).max_by(|a, b| far(a).total_cmp(&far(b))).expect("features");
    let (input, output) = (column(&x, c, f), column(&y, c, f));
    let view = DistributionView {
        feature: f,
        input: input.clone(),
        output: output.clone(),
        marked: Some((input[0], output[0])),
        other: None,
    };

    for (name, size) in [("distribution-800x400", (800, 400)), ("distribution-page-1000x380", (1000, 380))] {
        let svg = render_distribution(&view, size);
        preview(name, &svg);
        assert!(svg.len() > 5_000, "a real drawing, not an empty page");
        assert_white_background(&svg, size);
        assert!(shows(&svg, &format!("Feature {f}: input x vs output y")));

        // Every non-empty bin is a filled rect in its colour (plus the legend's swatch).
        let non_empty = |v: &[f32]| {
            let (lo, hi) = batchnorm_playground::core::stats::finite_range(v).expect("values");
            let bins = ((2.0 * (v.len() as f64).sqrt()).ceil() as usize).min(30);
            batchnorm_playground::core::stats::histogram(v, lo, hi, bins).iter().filter(|&&k| k > 0).count()
        };
        let filled = |colour| {
            tags(&svg, "rect").iter().filter(|t| attr(t, "fill") == Some(colour)).count()
                + shapes_in(&svg, colour, "0.45")
        };
        assert!(filled(INPUT) > non_empty(&input), "{} input bars", filled(INPUT));
        assert!(filled(OUTPUT) > non_empty(&output), "{} output bars", filled(OUTPUT));

        // The legend's numbers: the input's own, and the output's ≈ 0 and 1 — its mean is a few
        // e-8 of float32 rounding (PyTorch's y.mean() gives other e-8): "≈ 0", never a bare 0.
        let (mean, sd) = mean_std(&input).expect("values");
        assert!(
            shows(&svg, &format!("input x: mean {}, σ\u{a0}(÷m)\u{a0}{}", num(mean), num(sd))),
            "{:?}",
            texts(&svg)
        );
        let (out_mean, _) = mean_std(&output).expect("values");
        assert!(out_mean.abs() < 1e-6, "{out_mean}");
        assert!(shows(&svg, "output y: mean ≈ 0, σ\u{a0}(÷m)\u{a0}1"), "{:?}", texts(&svg));
        assert!(shows(&svg, "mean ± σ"));
        assert!(shows(&svg, &format!("marked sample: x = {} → y = {}", num(input[0] as f64), num(output[0] as f64))));
        assert!(shows(&svg, "value") && shows(&svg, "how many values"), "axis labels");

        // Means: one thick solid line per colour; σ lines: dashes; the marked sample: triangles.
        let thick = |colour| {
            tags(&svg, "polyline")
                .iter()
                .filter(|t| attr(t, "stroke") == Some(colour) && attr(t, "stroke-width") == Some("3"))
                .count()
        };
        assert!(thick(INPUT) >= 1 && thick(OUTPUT) >= 1, "mean lines");
        let dashes = |colour| shapes_in(&svg, colour, "1");
        assert!(dashes(INPUT) >= 10 && dashes(OUTPUT) >= 10, "dashed σ lines");
        assert!(
            count_with(&svg, "polygon", "fill", INPUT) >= 2 && count_with(&svg, "polygon", "fill", OUTPUT) >= 2,
            "triangles (plot and legend)"
        );
    }
}

/// On a phone the legend is narrower than "marked sample: x = … → y = …": the item wraps at its
/// colon, so the output's value is shown whole, never cut to "…".
#[test]
fn distribution_legend_wraps_on_a_phone_and_keeps_the_marked_values() {
    let (c, n) = (128, 32);
    let (x, y) = one_step(c, n, 3);
    let (input, output) = (column(&x, c, 5), column(&y, c, 5));
    let view = DistributionView {
        feature: 5,
        input: input.clone(),
        output: output.clone(),
        marked: Some((-123.456, -0.987654)),
        other: None,
    };
    let svg = render_distribution(&view, (340, 320));
    preview("distribution-phone-340x320", &svg);
    let said = texts(&svg);
    assert!(said.iter().any(|t| t == "marked sample:"), "{said:?}");
    assert!(said.iter().any(|t| t == &format!("x = {} → y = {}", num(-123.456), num(-0.987654))), "{said:?}");
    assert!(said.iter().all(|t| !t.ends_with('…')), "nothing cut: {said:?}");
    // The counts' scale keeps two numbers at least (it had "0" alone on a phone: a chart of
    // 358 × 260 CSS pixels at twice the pixels).
    for (size, scale) in [((340, 320), 1.0), ((716, 520), 2.0), ((716, 560), 2.0), ((1074, 780), 3.0)] {
        let svg =
            render(size, Style { scale, ..Style::default() }, |root, style| distribution::draw(root, &view, style));
        let left = |b: &TextBox| b.right < size.0 as f64 * 0.3 && b.top < size.1 as f64 * 0.86;
        let numbers = text_boxes(&svg).into_iter().filter(|b| left(b) && b.text.parse::<f64>().is_ok()).count();
        assert!(numbers >= 2, "{size:?} × {scale}: {:?}", texts(&svg));
    }
}

#[test]
fn distribution_odd_inputs_draw_a_placeholder_or_what_is_drawable() {
    let size = (800, 400);
    // Nothing yet: the placeholder.
    let svg = render_distribution(&DistributionView::default(), size);
    assert_white_background(&svg, size);
    assert!(shows(&svg, NO_DATA), "{:?}", texts(&svg));

    // Only NaN/inf: a placeholder that says why.
    let view = DistributionView {
        feature: 2,
        input: vec![f32::NAN, f32::INFINITY],
        output: vec![f32::NAN; 2],
        marked: Some((f32::NAN, f32::NAN)),
        other: None,
    };
    let svg = render_distribution(&view, size);
    assert!(shows(&svg, "NaN or infinite"), "{:?}", texts(&svg));
    assert!(shows(&svg, "Feature 2"));

    // Some NaN among real values: the real ones are drawn, the others counted.
    let view = DistributionView {
        feature: 0,
        input: vec![1.0, 2.0, f32::NAN, 3.0],
        output: vec![-1.0, 0.0, f32::NAN, 1.0],
        marked: Some((f32::NAN, 0.0)),
        other: None,
    };
    let svg = render_distribution(&view, size);
    assert!(
        shows(&svg, "input x: mean 2, σ\u{a0}(÷m)\u{a0}0.8165") && shows(&svg, "(1 NaN/inf not shown)"),
        "{:?}",
        texts(&svg)
    );

    // All equal (a constant feature: output all β = 0), a single value, huge values, input only.
    let odd = [
        DistributionView {
            feature: 1,
            input: vec![5.0; 32],
            output: vec![0.0; 32],
            marked: Some((5.0, 0.0)),
            other: None,
        },
        DistributionView { feature: 1, input: vec![0.25], output: vec![0.0], marked: None, other: None },
        DistributionView {
            feature: 1,
            input: vec![3e38, -3e38, 1.0],
            output: vec![f32::MAX, f32::MIN, 0.0],
            marked: Some((f32::MAX, 1e30)),
            other: None,
        },
        DistributionView { feature: 1, input: vec![1e7, 1e7 + 1.0], output: vec![], marked: None, other: None },
        DistributionView { feature: 1, input: vec![], output: vec![-0.5, 0.5], marked: Some((0.0, 0.5)), other: None },
    ];
    for view in &odd {
        let svg = render_distribution(view, size);
        assert!(shows(&svg, "Feature 1: input x vs output y"));
        assert!(!shows(&svg, NO_DATA), "real values are drawn: {view:?}");
        let bars = count_with(&svg, "rect", "fill", INPUT)
            + count_with(&svg, "rect", "fill", OUTPUT)
            + shapes_in(&svg, INPUT, "0.45")
            + shapes_in(&svg, OUTPUT, "0.45");
        assert!(bars >= 3, "bars and legend swatches for {view:?}");
    }
    let svg = render_distribution(&odd[0], size);
    assert!(
        shows(&svg, "input x: mean 5, σ\u{a0}(÷m)\u{a0}0") && shows(&svg, "output y: mean 0, σ\u{a0}(÷m)\u{a0}0"),
        "{:?}",
        texts(&svg)
    );
}

// ----- features ----------------------------------------------------------------------------------

#[test]
fn features_draws_every_feature_before_and_after() {
    let view = features_view(128, 32, 17);
    for (name, size) in [("features-800x400", (800, 400)), ("features-page-480x340", (480, 340))] {
        let svg = render_features(&view, size);
        preview(name, &svg);
        assert!(svg.len() > 20_000);
        assert_white_background(&svg, size);
        assert!(shows(&svg, "All 128 features: mean ± σ before and after"));
        // Each colour's bars and dots are one polygon each (every feature's 12-gon dot and bar
        // inside), plus the selected feature again on top; the legend's dot is a circle.
        assert_eq!(count_with(&svg, "polygon", "fill", INPUT), 3);
        assert_eq!(count_with(&svg, "polygon", "fill", OUTPUT), 3);
        assert_eq!(count_with(&svg, "circle", "fill", INPUT), 1);
        assert!(elements(&svg) < 150, "{} elements", elements(&svg));
        // The selected feature's band and its numbers.
        assert_eq!(count_with(&svg, "rect", "fill", SELECTED), 2, "band and legend swatch");
        assert!(shows(&svg, "feature 17: x "), "{:?}", texts(&svg));
        assert!(
            texts(&svg).iter().any(|t| t.starts_with("feature 17: x ") && t.ends_with(" ± 1")),
            "{:?}",
            texts(&svg)
        );
        assert!(shows(&svg, "input x: mean ± σ") && shows(&svg, "output y: mean ± σ"));
        assert!(shows(&svg, "feature (tap or click one to follow it)") && shows(&svg, "value"));
        assert!(texts(&svg).iter().any(|t| t == "0") && texts(&svg).iter().any(|t| t == "120"), "feature ticks");
    }
}

#[test]
fn features_looks_right_with_one_or_four_features() {
    for (c, title) in [(1, "1 feature: mean ± σ before and after"), (4, "All 4 features: mean ± σ before and after")]
    {
        let view = features_view(c, 32, 0);
        let svg = render_features(&view, (480, 340));
        preview(&format!("features-{c}-480x340"), &svg);
        assert!(shows(&svg, title), "{:?}", texts(&svg));
        // Bars and dots, and the selected feature again (when there is a choice).
        let drawn = 2 + usize::from(c > 1);
        assert_eq!(count_with(&svg, "polygon", "fill", INPUT), drawn);
        assert_eq!(count_with(&svg, "polygon", "fill", OUTPUT), drawn);
        // Only whole feature indices are labelled.
        let ticks: Vec<String> = texts(&svg).into_iter().filter(|t| t.parse::<f64>().is_ok()).collect();
        for f in 0..c {
            assert!(ticks.contains(&f.to_string()), "feature {f} labelled: {ticks:?}");
        }
    }
}

#[test]
fn features_odd_inputs_do_not_panic() {
    let size = (800, 400);
    let svg = render_features(&FeaturesView::default(), size);
    assert_white_background(&svg, size);
    assert!(shows(&svg, NO_DATA));

    // Selected out of range: everything else is drawn, no band.
    let mut view = features_view(4, 8, 99);
    let svg = render_features(&view, size);
    assert_eq!(count_with(&svg, "polygon", "fill", INPUT), 2, "bars and dots, no selected one");
    assert_eq!(count_with(&svg, "rect", "fill", SELECTED), 0);

    // NaN here and there, lists of different lengths, huge values, all equal.
    view.input_mean[1] = f32::NAN;
    view.input_std[2] = f32::INFINITY;
    view.output_std.truncate(1);
    view.selected = 1;
    let svg = render_features(&view, size);
    assert_eq!(count_with(&svg, "polygon", "fill", INPUT), 2, "the selected NaN mean is not drawn again");
    assert!(shows(&svg, "feature 1: x NaN → y"), "{:?}", texts(&svg));

    let all_nan = FeaturesView {
        input_mean: vec![f32::NAN; 3],
        input_std: vec![1.0; 3],
        output_mean: vec![f32::NAN; 3],
        output_std: vec![1.0; 3],
        selected: 0,
    };
    assert!(shows(&render_features(&all_nan, size), "NaN or infinite"));

    let odd = [
        FeaturesView {
            input_mean: vec![3e38, -3e38],
            input_std: vec![3e38, 0.0],
            output_mean: vec![0.0, 0.0],
            output_std: vec![1.0, 1.0],
            selected: 0,
        },
        FeaturesView {
            input_mean: vec![2.0; 5],
            input_std: vec![0.0; 5],
            output_mean: vec![2.0; 5],
            output_std: vec![0.0; 5],
            selected: 4,
        },
        FeaturesView {
            input_mean: vec![1.0],
            input_std: vec![],
            output_mean: vec![],
            output_std: vec![],
            selected: usize::MAX,
        },
    ];
    for view in &odd {
        let svg = render_features(view, size);
        assert!(count_with(&svg, "polygon", "fill", INPUT) >= 1, "{view:?}");
    }
}

/// Draws the features chart and returns the SVG and the plot its draw recorded.
fn mapped_features(view: &FeaturesView, size: (u32, u32), style: Style) -> (String, PlotArea) {
    let mut plot = None;
    let svg = render(size, style, |root, style| {
        plot = features::draw_mapped(root, view, style)?;
        Ok(())
    });
    (svg, plot.expect("a plot"))
}

#[test]
fn feature_at_maps_pixels_to_features() {
    let view = features_view(128, 32, 0);
    let (_, plot) = mapped_features(&view, (800, 400), Style::default());
    let width = 800.0;
    let slot = plot.pixel_x(1.0) - plot.pixel_x(0.0);
    assert_eq!(features::feature_at(&plot, plot.pixel_x(-0.6), width), None, "the room left of feature 0");
    assert_eq!(features::feature_at(&plot, plot.pixel_x(0.0), width), Some(0));
    assert_eq!(features::feature_at(&plot, plot.pixel_x(127.0) + 0.4 * slot, width), Some(127));
    assert_eq!(features::feature_at(&plot, plot.pixel_x(127.6), width), None, "the room right of feature 127");
    assert_eq!(features::feature_at(&plot, plot.pixel_x(64.0) + 0.1, width), Some(64));
    assert_eq!(features::feature_at(&plot, plot.px.0 - 2.0, width), None);
    assert_eq!(features::feature_at(&plot, plot.px.1 + 2.0, width), None);
    assert_eq!(features::feature_at(&plot, 0.0, width), None);
    assert_eq!(features::feature_at(&plot, f64::NAN, width), None);
    assert_eq!(features::feature_at(&plot, 100.0, 0.0), None, "no element at all");
    let one = features_view(1, 8, 0);
    let (_, plot) = mapped_features(&one, (800, 400), Style::default());
    assert_eq!(features::feature_at(&plot, plot.pixel_x(0.0), width), Some(0));
    // Nothing drawn, nothing recorded.
    let mut none = Some(PlotArea::default());
    render((800, 400), Style::default(), |root, style| {
        none = features::draw_mapped(root, &FeaturesView::default(), style)?;
        Ok(())
    });
    assert_eq!(none, None);
}

#[test]
fn feature_at_finds_the_feature_drawn_under_the_pixel_at_every_ratio() {
    // The page sends CSS pixels; the canvas has ratio × as many. The recorded plot maps them back
    // to the feature whose column was drawn there, at a phone's 3× and in presenter mode.
    for (c, css, ratio) in
        [(128usize, (800u32, 400u32), 1.0), (128, (360, 300), 3.0), (4, (480, 340), 1.35), (1024, (800, 400), 2.0)]
    {
        let view = features_view(c, 8, 0);
        let size = ((css.0 as f64 * ratio) as u32, (css.1 as f64 * ratio) as u32);
        let (_, plot) = mapped_features(&view, size, Style { scale: ratio, ..Style::default() });
        for f in (0..c).step_by((c / 16).max(1)) {
            let x = plot.pixel_x(f as f64) / size.0 as f64 * css.0 as f64;
            assert_eq!(features::feature_at(&plot, x, css.0 as f64), Some(f), "{c} features, {css:?} at {ratio}");
        }
    }
}

#[test]
fn sample_at_finds_the_sample_and_the_value_under_a_finger() {
    use batchnorm_playground::charts::{samples, SamplesView};
    for (n, ratio) in [(32usize, 1.0), (32, 3.0), (4096, 3.0)] {
        let view = SamplesView {
            feature: 0,
            input: (0..n).map(|i| i as f32 / n as f32).collect(),
            output: (0..n).map(|i| 1.0 - i as f32 / n as f32).collect(),
            selected: n / 2,
            unedited: Vec::new(),
        };
        let css = (360.0, 300.0);
        let size = ((css.0 * ratio) as u32, (css.1 * ratio) as u32);
        let mut plot = None;
        let svg = render(size, Style { scale: ratio, ..Style::default() }, |root, style| {
            plot = samples::draw_mapped(root, &view, style)?;
            Ok(())
        });
        assert!(elements(&svg) < 120, "{n} samples at {ratio}: {} elements", elements(&svg));
        let plot = plot.expect("a plot");
        let to_css = |(x, y): (f64, f64)| (x / size.0 as f64 * css.0, y / size.1 as f64 * css.1);
        for i in [0, n / 3, n - 1] {
            let (x, y) = to_css((plot.pixel_x(i as f64), plot.pixel_y(0.25)));
            let (sample, value) = samples::sample_at(&plot, x, y, css.0, css.1).expect("in the plot");
            assert_eq!(sample, i, "{n} samples at {ratio}");
            assert!((value - 0.25).abs() < 0.02, "{value}");
        }
        assert_eq!(samples::sample_at(&plot, 1.0, 1.0, css.0, css.1), None);
        assert_eq!(samples::sample_at(&plot, f64::NAN, 1.0, css.0, css.1), None);
    }
}

// ----- running -----------------------------------------------------------------------------------

#[test]
fn running_draws_both_panels_with_their_series() {
    for (steps, name, size) in [
        (20, "running-20-800x400", (800, 400)),
        (20, "running-20-page-480x340", (480, 340)),
        (300, "running-300-800x400", (800, 400)),
    ] {
        let view = running_view(steps, true, 3);
        let svg = render_running(&view, size);
        preview(name, &svg);
        assert!(svg.len() > 5_000);
        assert_white_background(&svg, size);
        assert!(shows(&svg, "Feature 3: running statistics over steps"));
        // Batch statistics: one dot per step and panel (plus the legend's).
        assert_eq!(count_with(&svg, "circle", "fill", INPUT), 2 * steps + 1);
        // Running estimates: a thick green line in each panel; the truth: grey dashes.
        let green = tags(&svg, "polyline").iter().filter(|t| attr(t, "stroke") == Some(RUNNING)).count();
        assert!(green >= 3, "two panels and the legend");
        assert!(count_with(&svg, "polyline", "stroke", TRUTH) >= 10, "dashed true values");
        assert!(
            shows(&svg, "running estimate")
                && shows(&svg, "this step's batch")
                && shows(&svg, "true value of the data")
        );
        let last = |v: &[f32]| num(v[v.len() - 1] as f64);
        assert!(shows(&svg, &format!("running_mean now {}", last(&view.running_mean))), "{:?}", texts(&svg));
        assert!(shows(&svg, &format!("running_var now {}", last(&view.running_var))));
        // (A caption too long for one line wraps: its lines read as one with spaces between.)
        let all = texts(&svg).join(" ");
        assert!(all.contains(&format!("true {}", num(view.true_var as f64))), "{all}");
        // The axes' names; on a short panel the y axis's is left out (it would run into the
        // caption above), and the captions name running_mean and running_var instead.
        let named = shows(&svg, "mean") && shows(&svg, "variance");
        assert!((named || size.1 < 400) && shows(&svg, "step"), "{size:?}: {:?}", texts(&svg));
    }
}

#[test]
fn running_on_a_projector_keeps_both_plots() {
    // Presenter mode at 1280×720: a chart about 460×420 CSS pixels, text 1.35 times larger.
    // Both panels keep a plot; the captions take one line each instead of two.
    let view = running_view(20, true, 0);
    let size = (460, 420);
    let svg = render(size, Style { scale: 1.35, ..Style::default() }, |root, style| running::draw(root, &view, style));
    preview("running-presenter-460x420", &svg);
    assert!(!shows(&svg, TOO_SMALL), "{:?}", texts(&svg));
    assert_eq!(count_with(&svg, "circle", "fill", INPUT), 2 * 20 + 1);
    // One line each: the running value and the truth, whole (the last batch is the last dot).
    let last = |v: &[f32]| num(v[v.len() - 1] as f64);
    let var = format!("running_var now {} · true {}", last(&view.running_var), num(view.true_var as f64));
    assert!(shows(&svg, &var), "{:?}", texts(&svg));
    // Each short panel keeps a readable scale: at least two numbers on its left (it had "0" alone).
    let scale: Vec<String> = text_boxes(&svg)
        .into_iter()
        .filter(|b| b.right < size.0 as f64 * 0.3 && b.text.parse::<f64>().is_ok())
        .map(|b| b.text)
        .collect();
    assert!(scale.len() >= 4, "the y scales: {scale:?}");
}

#[test]
fn running_beside_a_projected_lesson_keeps_its_plots_high() {
    // Presenter mode at 1280×720 beside a lesson: a chart 378×573 CSS pixels, text 1.35 times
    // larger, its two panels stacked. Two-line captions left each plot ~107 px high; one line
    // each where the shorter words fit gives a plot 130 px or more, the true values whole.
    let view = running_view(30, true, 0);
    let size = (378, 573);
    let svg = render(size, Style { scale: 1.35, ..Style::default() }, |root, style| running::draw(root, &view, style));
    preview("running-presenter-lesson-378x573", &svg);
    let all = texts(&svg);
    for truth in [view.true_mean, view.true_var] {
        let whole = format!("· true {}", num(truth as f64));
        assert!(all.iter().any(|t| t.ends_with(&whole)), "{whole} not on one line: {all:?}");
    }
    assert!(!all.iter().any(|t| t.contains('…')), "{all:?}");
    // The y axes: vertical lines in the text colour, longer than a tick.
    let heights: Vec<f64> = tags(&svg, "polyline")
        .into_iter()
        .filter(|t| attr(t, "stroke") == Some("#191919"))
        .filter_map(|t| {
            let p: Vec<f64> = attr(t, "points")?.split([' ', ',']).filter_map(|v| v.parse().ok()).collect();
            (p.len() == 4 && p[0] == p[2] && (p[3] - p[1]).abs() > 20.0).then(|| (p[3] - p[1]).abs())
        })
        .collect();
    // (Here the mean's caption, longer numbers than the page's, still takes two lines: 107 px.)
    let sum: f64 = heights.iter().sum();
    assert!(heights.len() == 2 && sum >= 235.0 && heights.iter().all(|&h| h >= 100.0), "plots {heights:?} px high");
}

#[test]
fn running_without_running_statistics_still_shows_the_batches() {
    let view = running_view(20, false, 0);
    assert!(view.running_mean.is_empty());
    let svg = render_running(&view, (800, 400));
    preview("running-untracked-800x400", &svg);
    assert_eq!(
        texts(&svg).iter().filter(|t| t.contains("no running statistics (track_running_stats=False)")).count(),
        2
    );
    assert!(!shows(&svg, "running estimate"), "no legend entry for what is not drawn");
    assert_eq!(count_with(&svg, "polyline", "stroke", RUNNING), 0);
    assert_eq!(count_with(&svg, "circle", "fill", INPUT), 2 * 20 + 1);
}

/// An eval pass's batch is a ring at the last step, apart from the steps' dots (the batches the
/// running statistics moved toward), named in the legend, and its numbers are the caption's
/// "last batch"; without one, no ring and no legend entry.
#[test]
fn running_draws_an_eval_batch_as_a_ring_apart_from_the_steps_batches() {
    let mut view = running_view(20, true, 0);
    let plain = render_running(&view, (800, 400));
    assert!(!shows(&plain, "this eval-mode batch (moves nothing)"));
    view.eval_batch = Some((5.25, 0.125));
    let svg = render_running(&view, (800, 400));
    preview("running-eval-batch-800x400", &svg);
    assert!(shows(&svg, "this eval-mode batch (moves nothing)"));
    // Each panel's ring and the legend's: circles with an INPUT outline and no fill.
    let rings = tags(&svg, "circle")
        .into_iter()
        .filter(|t| attr(t, "stroke") == Some(INPUT) && attr(t, "fill") == Some("none"));
    assert_eq!(rings.count(), 3);
    assert_eq!(
        count_with(&svg, "circle", "fill", INPUT),
        count_with(&plain, "circle", "fill", INPUT),
        "the steps' dots unchanged"
    );
    // (A caption may take two lines.)
    let all = texts(&svg).join(" ");
    assert!(all.contains("last batch 5.25") && all.contains("last batch s² (÷(m−1)) 0.125"), "{all}");
}

#[test]
fn running_odd_inputs_do_not_panic() {
    let size = (800, 400);
    let svg = render_running(&RunningView::default(), size);
    assert_white_background(&svg, size);
    assert!(shows(&svg, NO_DATA));

    // One step: dots, and the lone running value as a dot (a one-point line is invisible).
    let one = running_view(1, true, 0);
    let svg = render_running(&one, size);
    preview("running-1-800x400", &svg);
    assert_eq!(count_with(&svg, "circle", "fill", INPUT), 2 + 1);
    assert_eq!(count_with(&svg, "circle", "fill", RUNNING), 2);

    let odd = [
        RunningView {
            feature: 0,
            steps: vec![1, 2, 3],
            running_mean: vec![f32::NAN; 3],
            running_var: vec![f32::INFINITY; 3],
            batch_mean: vec![f32::NAN; 3],
            batch_var: vec![f32::NAN; 3],
            eval_batch: Some((f32::NAN, f32::INFINITY)),
            true_mean: f32::NAN,
            true_var: f32::NAN,
        },
        RunningView {
            feature: 0,
            steps: vec![5, 6],
            running_mean: vec![1.0],
            running_var: vec![],
            batch_mean: vec![1.0, 1.0, 1.0],
            batch_var: vec![0.0, 0.0],
            eval_batch: None,
            true_mean: 1.0,
            true_var: 0.0,
        },
        RunningView {
            feature: 0,
            steps: vec![u64::MAX - 1, u64::MAX],
            running_mean: vec![3e38, -3e38],
            running_var: vec![f32::MAX, 0.0],
            batch_mean: vec![1e30, 0.0],
            batch_var: vec![1.0, 2.0],
            eval_batch: Some((3e38, f32::MAX)),
            true_mean: -3e38,
            true_var: 3e38,
        },
        // Step numbers beyond f64's whole numbers (2^53): neighbours round to floats 256 apart.
        RunningView {
            feature: 0,
            steps: vec![1 << 60, (1 << 60) + 200, (1 << 60) + 300],
            batch_mean: vec![1.0, 2.0, 3.0],
            batch_var: vec![1.0, 2.0, 3.0],
            ..RunningView::default()
        },
    ];
    for view in &odd {
        let svg = render_running(view, size);
        assert!(shows(&svg, "running statistics over steps"), "{view:?}");
        assert_white_background(&svg, size);
    }
}

// ----- any chart ---------------------------------------------------------------------------------

#[test]
fn tiny_huge_or_scaled_canvases_do_not_panic() {
    let dist = DistributionView {
        feature: 0,
        input: vec![1.0, 2.0, 3.0],
        output: vec![-1.0, 0.0, 1.0],
        marked: Some((1.0, -1.0)),
        other: None,
    };
    let feats = features_view(128, 4, 3);
    let run = running_view(5, true, 0);
    for size in [(1, 1), (10, 10), (60, 40), (200, 120), (300, 2000), (3000, 300)] {
        for scale in [0.5, 1.0, 3.0] {
            let style = Style { scale, ..Style::default() };
            render(size, style, |root, style| distribution::draw(root, &dist, style));
            render(size, style, |root, style| features::draw(root, &feats, style));
            render(size, style, |root, style| running::draw(root, &run, style));
        }
    }
    // Large-scale (projector) rendering for a person to look at.
    let svg = render((1600, 800), Style { scale: 2.0, ..Style::default() }, |root, style| {
        features::draw(root, &feats, style)
    });
    preview("features-scale2-1600x800", &svg);
}

// ----- cost: what each chart draws, at the page's sizes -----------------------------------------

/// How many elements an SVG holds (each is one path on a canvas).
fn elements(svg: &str) -> usize {
    ["circle", "rect", "polyline", "polygon", "line", "path", "text"].iter().map(|t| tags(svg, t).len()).sum()
}

/// The median time of `f` over a few runs, in ms.
fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..7)
        .map(|_| {
            let start = std::time::Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[3]
}

/// Prints, per chart and batch shape, the view's building time, its Debug key's, the drawing's
/// (into an SVG at a phone's 3× ratio: 1080 × 900 pixels) and how many elements it drew.
/// `cargo test --release --test charts chart_costs -- --nocapture` for the figures.
#[test]
fn chart_costs() {
    use batchnorm_playground::charts::{samples, Fingerprint};
    use batchnorm_playground::core::DataSpec;
    use batchnorm_playground::lab::{Lab, Settings};
    let style = Style { scale: 3.0, ..Style::default() };
    let size = (1080, 900);
    for (n, c) in [(32, 128), (4096, 128), (32, 1024), (2048, 1024)] {
        let settings = Settings {
            layer: BatchNormConfig::new(c),
            data: DataSpec::new(c, 1),
            batch_size: n,
            ..Settings::default()
        };
        let lab = Lab::new(settings).expect("valid settings");
        macro_rules! cost {
            ($name:literal, $view:expr, $draw:path) => {{
                let build = median_ms(|| drop($view));
                let view = $view;
                let debug = median_ms(|| drop(format!("{view:?}")));
                let key = median_ms(|| {
                    std::hint::black_box(view.fingerprint64());
                });
                let mut svg = String::new();
                let draw = median_ms(|| svg = render(size, style, |root, style| $draw(root, &view, style)));
                eprintln!(
                    "cost N={n:5} C={c:5} {:13} view {build:7.3} ms  key {key:7.3} ms (Debug text {debug:7.3} ms)  draw {draw:7.3} ms  {:6} elements",
                    $name,
                    elements(&svg)
                );
                // What the eye can see: a bounded number of elements, whatever N and C.
                assert!(elements(&svg) < 200, "{}: {} elements at N = {n}, C = {c}", $name, elements(&svg));
            }};
        }
        cost!("distribution", lab.distribution_view(true), distribution::draw);
        cost!("features", lab.features_view(), features::draw);
        cost!("running", lab.running_view(), running::draw);
        cost!("samples", lab.samples_view(), samples::draw);
    }
}

/// The distribution chart's overlay (the other mode's output of the followed feature) is computed
/// for that feature alone: the same numbers as the whole other pass, in every setting.
#[test]
fn the_other_modes_output_of_one_feature_is_the_whole_passes() {
    use batchnorm_playground::core::DataSpec;
    use batchnorm_playground::lab::{Lab, Settings};
    let mut cases = Vec::new();
    for (n, length, training, affine, track) in [
        (32, 0, true, true, true),
        (32, 0, false, true, true),
        (7, 3, true, true, true),
        (5, 4, false, false, true),
        (16, 0, true, true, false),
        (16, 0, false, false, false),
        (1, 0, false, true, true),
    ] {
        let mut layer = BatchNormConfig::new(12);
        layer.affine = affine;
        layer.track_running_stats = track;
        let settings = Settings {
            layer,
            data: DataSpec::new(12, 3),
            batch_size: n,
            length,
            training,
            feature: 5,
            ..Settings::default()
        };
        cases.push(Lab::new(settings).expect("valid"));
    }
    for mut lab in cases {
        lab.step();
        let Some(trace) = lab.trace() else { continue };
        let indices: Vec<usize> = trace.shape.feature_indices(5).collect();
        let whole: Option<Vec<f32>> = lab.other_mode_output().map(|o| indices.iter().map(|&i| o[i]).collect());
        let alone = lab.distribution_view(true).other;
        let bits = |v: &Option<Vec<f32>>| v.as_ref().map(|v| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
        assert_eq!(bits(&alone), bits(&whole), "{:?}", lab.settings());
    }
}

// ----- reading at every size ----------------------------------------------------------------------

/// The sizes and scales a chart is read at: a phone (360 × 300 CSS pixels, also at its 3×
/// ratio), a laptop's chart, a big screen, and presenter mode (× 1.35).
pub fn readable_cases() -> Vec<((u32, u32), f64)> {
    let mut cases: Vec<((u32, u32), f64)> = READABLE_SIZES.iter().map(|&s| (s, 1.0)).collect();
    cases.push(((1080, 900), 3.0));
    cases.push(((1080, 540), 1.35));
    cases
}

#[test]
fn every_main_chart_reads_at_every_size() {
    use batchnorm_playground::charts::samples;
    use batchnorm_playground::i18n::Lang;
    use batchnorm_playground::lab::{Lab, Settings};
    let mut lab = Lab::new(Settings { feature: 3, sample: 2, ..Settings::default() }).expect("defaults");
    for _ in 0..20 {
        lab.step();
    }
    for lang in [Lang::En, Lang::ZhHant] {
        for (size, scale) in readable_cases() {
            let style = Style { scale, lang };
            let name = |chart: &str| format!("{chart} {size:?} × {scale} {lang:?}");
            let svg = render(size, style, |root, style| distribution::draw(root, &lab.distribution_view(true), style));
            assert_readable(&name("distribution"), &svg, size, scale);
            let svg = render(size, style, |root, style| features::draw(root, &lab.features_view(), style));
            assert_readable(&name("features"), &svg, size, scale);
            let svg = render(size, style, |root, style| running::draw(root, &lab.running_view(), style));
            assert_readable(&name("running"), &svg, size, scale);
            let svg = render(size, style, |root, style| samples::draw(root, &lab.samples_view(), style));
            assert_readable(&name("samples"), &svg, size, scale);
        }
    }
}

/// A feature of 200 000 equal values (a large N·L), on a laptop and a projector (×1.35, ×1.8):
/// the histogram's counts have six digits, and the y label area is as wide as they need, the
/// axis's name clear of them (in a fixed 72 px it was drawn on top of them).
#[test]
fn the_distribution_charts_y_labels_fit_their_widest_count() {
    // All equal: one bar of 200 000, six digits.
    let view = DistributionView {
        feature: 3,
        input: vec![2.5; 200_000],
        output: vec![0.0; 200_000],
        marked: None,
        other: None,
    };
    for (size, scale) in [((800, 400), 1.0), ((1080, 540), 1.35), ((1200, 700), 1.8)] {
        let style = Style { scale, ..Style::default() };
        let svg = render(size, style, |root, style| distribution::draw(root, &view, style));
        let name = format!("distribution of 200 000 values {size:?} × {scale}");
        assert!(texts(&svg).iter().any(|t| t.len() >= 6 && t.parse::<u32>().is_ok()), "{name}: no six-digit count");
        assert_readable(&name, &svg, size, scale);
        assert_y_name_left_of_numbers(&name, &svg);
    }
}

/// Every lesson's batch, at every size: the y axes' numbers are whatever the data needs (lesson 6's
/// nearly constant features put "-0.00002" on the running chart's mean panel, and its axis's
/// name "mean", drawn in a label area of a fixed 72 px, sat on top of them; the momentum lesson's
/// short variance panel on a phone, asked for three numbers over 0…2, drew them 15 px apart).
#[test]
fn every_main_chart_reads_in_every_lessons_batch() {
    use batchnorm_playground::charts::samples;
    use batchnorm_playground::lab::Lab;
    use batchnorm_playground::lessons::LESSONS;
    for lesson in LESSONS {
        for (k, stage) in lesson.stages.iter().enumerate().filter(|(_, s)| s.view == "lab") {
            let Ok(mut lab) = Lab::new((stage.settings)()) else { continue };
            for action in stage.actions {
                let _ = lab.apply(action);
            }
            for _ in 0..3 {
                lab.step();
            }
            for (size, scale) in readable_cases() {
                let style = Style { scale, ..Style::default() };
                let name = |chart: &str| format!("{chart} in {}:{k} {size:?} × {scale}", lesson.id);
                let svg = render(size, style, |root, style| running::draw(root, &lab.running_view(), style));
                assert_readable(&name("running"), &svg, size, scale);
                // Both panels' y numbers end at one x: stacked, their plots and steps line up;
                // side by side (a short wide chart), at the same x within each half.
                let ends: std::collections::BTreeSet<&str> = tags(&svg, "text")
                    .into_iter()
                    .filter(|t| attr(t, "text-anchor") == Some("end"))
                    .filter_map(|t| attr(t, "x"))
                    .collect();
                let mut xs: Vec<f64> = ends.iter().filter_map(|x| x.parse().ok()).collect();
                xs.sort_by(f64::total_cmp);
                let halves = xs.len() == 2 && (xs[1] - xs[0] - size.0 as f64 / 2.0).abs() <= 2.0;
                assert!(xs.len() <= 1 || halves, "{}: y numbers end at {ends:?}", name("running"));
                let svg = render(size, style, |root, style| features::draw(root, &lab.features_view(), style));
                assert_readable(&name("features"), &svg, size, scale);
                let svg = render(size, style, |root, style| samples::draw(root, &lab.samples_view(), style));
                assert_readable(&name("samples"), &svg, size, scale);
                let svg =
                    render(size, style, |root, style| distribution::draw(root, &lab.distribution_view(true), style));
                assert_readable(&name("distribution"), &svg, size, scale);
            }
        }
    }
}

// ----- colour --------------------------------------------------------------------------------------

/// sRGB (0…255) to linear RGB (0…1).
fn linear(c: u8) -> f64 {
    let c = c as f64 / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// Linear RGB to CIELAB (D65).
fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f =
        |t: f64| if t > (6.0f64 / 29.0).powi(3) { t.cbrt() } else { t / (3.0 * (6.0f64 / 29.0).powi(2)) + 4.0 / 29.0 };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// CIEDE2000 colour difference (Sharma, Wu & Dalal 2005).
fn ciede2000([l1, a1, b1]: [f64; 3], [l2, a2, b2]: [f64; 3]) -> f64 {
    let (rad, deg) = (f64::to_radians, f64::to_degrees);
    let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let g = 0.5 * (1.0 - (c_bar.powi(7) / (c_bar.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| if a == 0.0 && b == 0.0 { 0.0 } else { deg(b.atan2(a)).rem_euclid(360.0) };
    let (h1, h2) = (hue(b1, a1p), hue(b2, a2p));
    let dh = if c1p * c2p == 0.0 {
        0.0
    } else if (h2 - h1).abs() <= 180.0 {
        h2 - h1
    } else if h2 - h1 > 180.0 {
        h2 - h1 - 360.0
    } else {
        h2 - h1 + 360.0
    };
    let (dl, dc, dhh) = (l2 - l1, c2p - c1p, 2.0 * (c1p * c2p).sqrt() * rad(dh / 2.0).sin());
    let (l_bar, cp_bar) = ((l1 + l2) / 2.0, (c1p + c2p) / 2.0);
    let h_bar = if c1p * c2p == 0.0 {
        h1 + h2
    } else if (h1 - h2).abs() <= 180.0 {
        (h1 + h2) / 2.0
    } else if h1 + h2 < 360.0 {
        (h1 + h2 + 360.0) / 2.0
    } else {
        (h1 + h2 - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * rad(h_bar - 30.0).cos() + 0.24 * rad(2.0 * h_bar).cos() + 0.32 * rad(3.0 * h_bar + 6.0).cos()
        - 0.20 * rad(4.0 * h_bar - 63.0).cos();
    let d_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cp_bar.powi(7) / (cp_bar.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let (sc, sh) = (1.0 + 0.045 * cp_bar, 1.0 + 0.015 * cp_bar * t);
    let rt = -rad(2.0 * d_theta).sin() * rc;
    ((dl / sl).powi(2) + (dc / sc).powi(2) + (dhh / sh).powi(2) + rt * (dc / sc) * (dhh / sh)).sqrt()
}

/// Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB.
const SIMULATIONS: [(&str, [[f64; 3]; 3]); 4] = [
    ("normal vision", [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),
    ("protanopia", [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
    (
        "deuteranopia",
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    ),
    ("tritanopia", [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]),
];

/// A colour as someone with `m`'s vision sees it, in CIELAB.
fn seen(m: &[[f64; 3]; 3], colour: plotters::style::RGBColor) -> [f64; 3] {
    let rgb = [linear(colour.0), linear(colour.1), linear(colour.2)];
    lab(m.map(|row| (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0)))
}

#[test]
fn ciede2000_matches_sharmas_test_data() {
    // Pairs 1, 7 and 17 of Sharma, Wu & Dalal's table.
    assert!((ciede2000([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485]) - 2.0425).abs() < 1e-4);
    assert!((ciede2000([50.0, 0.0, 0.0], [50.0, -1.0, 2.0]) - 2.3669).abs() < 1e-4);
    assert!((ciede2000([50.0, 2.5, 0.0], [73.0, 25.0, -18.0]) - 27.1492).abs() < 1e-4);
}

/// Every pair of series colours stays apart (CIEDE2000 ≥ 10) for normal vision and simulated
/// protanopia, deuteranopia and tritanopia; so does the norm grid's diverging scale; every text
/// colour has a contrast of at least 4.5 : 1 on the white background (WCAG 2, AA).
#[test]
fn the_palette_stays_apart_for_colour_blind_eyes_and_text_reads() {
    use batchnorm_playground::charts::common::{BACKGROUND, NEGATIVE, POSITIVE, SERIES, TEXT_COLOURS};
    let mut pairs: Vec<_> = (0..SERIES.len()).flat_map(|i| (i + 1..SERIES.len()).map(move |j| (i, j))).collect();
    pairs.sort();
    for (name, m) in &SIMULATIONS {
        let mut closest = (f64::INFINITY, 0, 0);
        for &(i, j) in &pairs {
            let d = ciede2000(seen(m, SERIES[i]), seen(m, SERIES[j]));
            if d < closest.0 {
                closest = (d, i, j);
            }
        }
        let scale = ciede2000(seen(m, NEGATIVE), seen(m, POSITIVE));
        eprintln!(
            "palette: {name}: closest series pair ΔE00 {:.1} ({:?} vs {:?}); diverging scale ΔE00 {scale:.1}",
            closest.0, SERIES[closest.1], SERIES[closest.2]
        );
        assert!(
            closest.0 >= 10.0,
            "{name}: {:?} and {:?} are {:.1} apart",
            SERIES[closest.1],
            SERIES[closest.2],
            closest.0
        );
        assert!(scale >= 20.0, "{name}: the diverging scale's ends are {scale:.1} apart");
    }
    let rgb = |c: plotters::style::RGBColor| (c.0, c.1, c.2);
    for colour in TEXT_COLOURS {
        let ratio = contrast(rgb(colour), rgb(BACKGROUND));
        assert!(ratio >= 4.5, "{colour:?}: {ratio:.2}");
    }
}

/// The charts never import a web crate (DESIGN.md): a chart takes a backend, so tests draw it
/// to SVG; the canvas is the App's business.
#[test]
fn no_chart_module_imports_a_web_crate() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/charts");
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).expect("src/charts") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).expect("a chart module");
        for web in ["web_sys", "js_sys", "wasm_bindgen", "plotters_canvas", "web-sys", "CanvasBackend"] {
            assert!(!text.contains(web), "{} mentions {web}", path.display());
        }
        read += 1;
    }
    assert!(read >= 14, "{read} modules");
}

/// The page's click on the features chart goes through the plot its last draw recorded (as the
/// App hands it over): at a phone's 3× ratio, the feature drawn under the finger is selected;
/// before any draw, a click selects nothing.
#[test]
fn a_click_picks_the_feature_drawn_under_it() {
    use batchnorm_playground::command::{Arg, Command};
    use batchnorm_playground::page::Page;
    let mut page = Page::new();
    let click = |x: f64| Command::parse("pick-feature", Arg::Point { x, y: 100.0, width: 360.0, height: 300.0 });
    page.apply(click(200.0).expect("a command")).expect("applied");
    assert_eq!(page.lab.settings().feature, 0, "nothing drawn yet: nothing picked");
    let (_, plot) = mapped_features(&page.lab.features_view(), (1080, 900), Style { scale: 3.0, ..Style::default() });
    page.picks.features = Some(plot);
    let x = plot.pixel_x(77.0) / 3.0;
    page.apply(click(x).expect("a command")).expect("applied");
    assert_eq!(page.lab.settings().feature, 77);
}

/// Every lesson's every stage (and the Backward lessons') as the page shows it on a phone (a
/// 361 × 289 CSS-pixel chart, drawn at its 2× ratio too) and a tablet, in every language:
/// titles and legends are there whole, wrapped onto more lines, never cut with "…" (a legend
/// with long numbers, as in the eps lesson, once read "marked sample: x = 0.001855 → y =…").
#[test]
fn lesson_charts_are_not_cut_on_a_phone() {
    use batchnorm_playground::charts::samples;
    use batchnorm_playground::i18n::Lang;
    use batchnorm_playground::lab::Lab;
    use batchnorm_playground::lessons::{GRADIENT, LESSONS};
    let stages = LESSONS.iter().flat_map(|l| l.stages.iter()).chain(GRADIENT);
    for (k, stage) in stages.enumerate() {
        // A refused stage shows the lab as it was before the refused action.
        let lab = Lab::replay((stage.settings)(), stage.actions).unwrap_or_else(|(lab, _)| lab);
        for lang in Lang::ALL {
            for (size, scale) in [((361, 289), 1.0), ((361, 289), 2.0), ((380, 340), 1.0)] {
                let px = ((size.0 as f64 * scale) as u32, (size.1 as f64 * scale) as u32);
                let style = Style { scale, lang };
                let svgs = [
                    ("distribution", render(px, style, |r, s| distribution::draw(r, &lab.distribution_view(false), s))),
                    ("features", render(px, style, |r, s| features::draw(r, &lab.features_view(), s))),
                    ("running", render(px, style, |r, s| running::draw(r, &lab.running_view(), s))),
                    ("samples", render(px, style, |r, s| samples::draw(r, &lab.samples_view(), s))),
                ];
                for (chart, svg) in svgs {
                    let cut: Vec<String> = texts(&svg).into_iter().filter(|t| t.contains('…')).collect();
                    assert!(cut.is_empty(), "stage {k}: {chart} {size:?} × {scale} {lang:?}: cut {cut:?}");
                }
            }
        }
    }
}
