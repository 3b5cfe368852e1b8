//! The Train view's charts, rendered to SVG natively: realistic views (two models training on
//! digits, one of them diverging) draw their series, titles, legends and numbers; odd views
//! (empty, NaN everywhere, mismatched lengths, one point, huge step numbers, tiny canvases)
//! draw a placeholder or what is drawable instead of panicking. The realistic renderings are
//! written to target/chart-previews/train-*.svg for a person to look at.
#![cfg(not(target_arch = "wasm32"))]

use batchnorm_playground::charts::common::num;
use batchnorm_playground::charts::digits::MIN_SIDE;
use batchnorm_playground::charts::{
    curves, digits, percentiles, sweep, CurvesView, DigitsView, PercentilesView, Style, SweepView,
};
use batchnorm_playground::i18n::Lang;

mod support;
use support::numbers::Numbers;
use support::svg::*;

/// How plotters' SVG backend writes the two models' colours.
const WITH_BN: &str = "#009E73";
const WITHOUT_BN: &str = "#E69F00";

// ----- rendering -------------------------------------------------------------------------------

fn render_curves(view: &CurvesView, size: (u32, u32)) -> String {
    render(size, Style::default(), |root, style| curves::draw(root, view, style))
}

fn render_percentiles(view: &PercentilesView, size: (u32, u32)) -> String {
    render(size, Style::default(), |root, style| percentiles::draw(root, view, style))
}

fn render_sweep(view: &SweepView, size: (u32, u32)) -> String {
    render(size, Style::default(), |root, style| sweep::draw(root, view, style))
}

fn render_digits(view: &DigitsView, size: (u32, u32)) -> String {
    render(size, Style::default(), |root, style| digits::draw(root, view, style))
}

// ----- reading the SVG back ----------------------------------------------------------------------

/// Polylines in `colour` of the given stroke width, and how many points each has.
fn lines(svg: &str, colour: &str, width: &str) -> Vec<usize> {
    tags(svg, "polyline")
        .iter()
        .filter(|t| attr(t, "stroke") == Some(colour) && attr(t, "stroke-width") == Some(width))
        .map(|t| attr(t, "points").map_or(0, |p| p.split_whitespace().count()))
        .collect()
}

// ----- realistic data ----------------------------------------------------------------------------

/// `steps` steps of two models learning the digits: loss decaying with noise (the one without
/// BatchNorm1d slower, with a few huge losses at the start), test accuracy every 10 steps.
/// With `diverge_after`, the model without BatchNorm1d's loss and accuracy are NaN after it.
fn curves_view(steps: u64, diverge_after: Option<u64>) -> CurvesView {
    let mut numbers = Numbers(5);
    let mut view = CurvesView { steps: (1..=steps).collect(), ..CurvesView::default() };
    let diverged = |s: u64| diverge_after.is_some_and(|d| s > d);
    for s in 1..=steps {
        let x = s as f64;
        let bn = 2.3 * (-x / 120.0).exp() + 0.12 + 0.06 * numbers.normal().abs();
        let plain = if s <= 3 { 40.0 / x } else { 2.3 * (-x / 450.0).exp() + 0.35 + 0.15 * numbers.normal().abs() };
        view.loss[0].push(bn as f32);
        view.loss[1].push(if diverged(s) { f32::NAN } else { plain as f32 });
        if s % 10 == 0 || s == 1 {
            view.accuracy_steps.push(s);
            let acc = |rate: f64, top: f64| (0.1 + (top - 0.1) * (1.0 - (-x / rate).exp())) as f32;
            view.accuracy[0].push(acc(100.0, 0.955));
            view.accuracy[1].push(if diverged(s) { f32::NAN } else { acc(350.0, 0.86) });
        }
    }
    view
}

/// The 15th, 50th and 85th percentile of a hidden unit's input to ReLU: steady with
/// BatchNorm1d, drifting up and spreading out without.
fn percentiles_view(steps: u64) -> PercentilesView {
    let mut numbers = Numbers(9);
    let mut view = PercentilesView { unit: 3, steps: (1..=steps).collect(), ..PercentilesView::default() };
    for s in 1..=steps {
        let x = s as f64 / steps as f64;
        let noise = 0.05 * numbers.normal();
        let (m, spread) = (0.15 + noise, 0.95 + 0.03 * numbers.normal());
        let bn = [m - spread, m, m + spread];
        let (m, spread) = (-0.4 + 2.6 * x.sqrt() + 3.0 * noise, 0.8 + 1.6 * x + 0.05 * numbers.normal());
        let plain = [m - spread, m, m + spread];
        for p in 0..3 {
            view.percentiles[0][p].push(bn[p] as f32);
            view.percentiles[1][p].push(plain[p] as f32);
        }
    }
    view
}

/// 8 learning rates from 0.001 to 2, the first 5 done; the fastest done one diverged without
/// BatchNorm1d.
fn sweep_view() -> SweepView {
    SweepView {
        learning_rates: (0..8).map(|i| 0.001 * 2000f64.powf(i as f64 / 7.0)).collect(),
        accuracy: [vec![0.62, 0.86, 0.93, 0.955, 0.947], vec![0.31, 0.71, 0.88, 0.905, f32::NAN]],
        steps: 500,
        ..Default::default()
    }
}

/// 8 test digits drawn as simple strokes, with labels; the model with BatchNorm1d gets 7 of 8
/// right, the one without 5 of 8.
fn digits_view() -> DigitsView {
    let mut images = vec![];
    let stroke = |cells: &[(usize, usize)]| {
        let mut image = [0f32; 64];
        for &(r, c) in cells {
            image[r * 8 + c] = 1.0;
            // A softer edge to the right, as scanned digits have.
            if c + 1 < 8 && image[r * 8 + c + 1] == 0.0 {
                image[r * 8 + c + 1] = 0.35;
            }
        }
        image
    };
    let ring: Vec<_> = (1..7).flat_map(|r| [(r, 2), (r, 5)]).chain([(0, 3), (0, 4), (7, 3), (7, 4)]).collect();
    let bar: Vec<_> = (0..8).map(|r| (r, 4)).collect();
    let seven: Vec<_> = (2..7).map(|c| (0, c)).chain((1..8).map(|r| (r, 6 - (r * 4) / 7))).collect();
    let four: Vec<_> = (0..5).map(|r| (r, 2)).chain((0..8).map(|r| (r, 5))).chain((2..7).map(|c| (4, c))).collect();
    let one_slanted: Vec<_> = (0..8).map(|r| (r, 5 - r / 3)).collect();
    let two: Vec<_> = [(0, 2), (0, 3), (0, 4), (1, 5), (2, 5), (3, 4), (4, 3), (5, 2), (6, 1)]
        .into_iter()
        .chain((1..7).map(|c| (7, c)))
        .collect();
    let three: Vec<_> =
        (2..6).flat_map(|c| [(0, c), (3, c), (7, c)]).chain([(1, 5), (2, 5), (4, 5), (5, 5), (6, 5)]).collect();
    let nine: Vec<_> =
        (2..6).flat_map(|c| [(0, c), (3, c)]).chain([(1, 2), (2, 2)]).chain((1..8).map(|r| (r, 5))).collect();
    for cells in [&ring, &bar, &seven, &four, &one_slanted, &two, &three, &nine] {
        images.push(stroke(cells));
    }
    DigitsView {
        images,
        labels: vec![0, 1, 7, 4, 1, 2, 3, 9],
        predicted: [vec![0, 1, 7, 4, 1, 2, 3, 4], vec![0, 1, 1, 4, 7, 2, 8, 9]],
        ..DigitsView::default()
    }
}

// ----- curves ------------------------------------------------------------------------------------

#[test]
fn curves_draw_loss_and_accuracy_of_both_models_and_a_divergence() {
    let view = curves_view(1000, Some(300));
    for (name, size) in [("train-curves-800x400", (800, 400)), ("train-curves-480x360", (480, 360))] {
        let svg = render_curves(&view, size);
        preview(name, &svg);
        assert!(svg.len() > 5_000, "a real drawing");
        assert_white_background(&svg, size);
        assert!(shows(&svg, "Training loss and test accuracy"));
        assert!(shows(&svg, "with BatchNorm1d") && shows(&svg, "without BatchNorm1d"), "{:?}", texts(&svg));
        assert!(shows(&svg, "loss") && shows(&svg, "test accuracy") && shows(&svg, "step"), "axis names");
        // The latest losses: each model named where there is room, else "with vs without".
        let last = num(view.loss[0].last().copied().unwrap_or_default() as f64);
        let named = shows(&svg, &format!("with BatchNorm1d: loss now {last}"))
            && shows(&svg, "without BatchNorm1d: diverged (NaN) at step 301");
        let compact = shows(&svg, &format!("loss now {last} vs NaN (diverged at step 301)"));
        // (By the text width estimate, the named form needs more than 800 px.)
        assert!(if size.0 > 800 { named } else { compact || named }, "{:?}", texts(&svg));
        // Measured every 10 steps: the caption names the step of its numbers.
        assert!(shows(&svg, "with BatchNorm1d: accuracy 95.5\u{a0}% at step 1000"), "{:?}", texts(&svg));
        assert!(shows(&svg, "100 %") && shows(&svg, "0 %"), "percent ticks");

        // Thick lines: each model's loss and accuracy (plus its legend swatch).
        let (bn, plain) = (lines(&svg, WITH_BN, "3"), lines(&svg, WITHOUT_BN, "3"));
        assert!(bn.len() >= 3 && plain.len() >= 3, "{bn:?} {plain:?}");
        // 1000 steps thinned to 800 points; 300 steps before the divergence to 240.
        assert!(bn.contains(&800), "the BN loss over all 1000 steps: {bn:?}");
        assert!(plain.contains(&240), "the plain loss until it diverged: {plain:?}");
        // Accuracy dots: 101 measurements for BN, 31 before the other model diverged.
        assert_eq!(count_with(&svg, "circle", "fill", WITH_BN), 101);
        assert_eq!(count_with(&svg, "circle", "fill", WITHOUT_BN), 31);
        // The divergence: a dashed orange line (many short pieces).
        assert!(lines(&svg, WITHOUT_BN, "2").len() >= 5, "dashed divergence marker");
    }
}

#[test]
fn curves_compare_the_latest_numbers_when_neither_diverged() {
    let view = curves_view(400, None);
    let svg = render_curves(&view, (800, 400));
    preview("train-curves-400-steps-800x400", &svg);
    let last = |v: &[f32]| num(v[v.len() - 1] as f64);
    assert!(shows(&svg, &format!("loss now {} vs {}", last(&view.loss[0]), last(&view.loss[1]))), "{:?}", texts(&svg));
    let percent = |v: &[f32]| format!("{:.1}\u{a0}%", v[v.len() - 1] * 100.0);
    assert!(
        shows(
            &svg,
            &format!(
                "accuracy at step {}: {} vs {}",
                view.accuracy_steps.last().unwrap(),
                percent(&view.accuracy[0]),
                percent(&view.accuracy[1])
            )
        ),
        "{:?}",
        texts(&svg)
    );
    assert!(!shows(&svg, "diverged"));
    // The huge first losses of the model without BatchNorm1d do not set the scale: the loss
    // axis stops well below 40 (its 98th percentile is about 2.5).
    let ticks: Vec<f64> = texts(&svg).iter().filter_map(|t| t.parse().ok()).filter(|&v: &f64| v < 100.0).collect();
    assert!(ticks.iter().all(|&v| v < 5.0), "loss ticks {ticks:?}");
    // What lies above the top is said there: a flat stretch along it read as that loss.
    assert!(shows(&svg, "↑ above the top: up to 40"), "{:?}", texts(&svg));
    let calm = CurvesView { loss: [view.loss[0].clone(), view.loss[0].clone()], ..view.clone() };
    let svg = render_curves(&calm, (800, 400));
    assert!(!texts(&svg).iter().any(|t| t.starts_with('↑')), "nothing above the top: {:?}", texts(&svg));
}

#[test]
fn curves_thin_thousands_of_steps() {
    let view = curves_view(5000, None);
    let svg = render_curves(&view, (800, 400));
    preview("train-curves-5000-steps-800x400", &svg);
    let longest = |c| lines(&svg, c, "3").into_iter().max().unwrap_or(0);
    assert!((600..=800).contains(&longest(WITH_BN)), "{}", longest(WITH_BN));
    assert!((600..=800).contains(&longest(WITHOUT_BN)), "{}", longest(WITHOUT_BN));
    assert!(shows(&svg, "5000"), "step ticks: {:?}", texts(&svg));
    // 501 accuracy measurements are too many to dot: lines only.
    assert_eq!(count_with(&svg, "circle", "fill", WITH_BN), 0);
}

#[test]
fn curves_odd_inputs_draw_a_placeholder_or_what_is_drawable() {
    let size = (800, 400);
    let svg = render_curves(&CurvesView::default(), size);
    assert_white_background(&svg, size);
    assert!(shows(&svg, NO_DATA) && shows(&svg, "Training loss and test accuracy"));

    // Diverged from the first step: both panels say so.
    let all_nan = CurvesView {
        steps: vec![1, 2, 3],
        loss: [vec![f32::NAN; 3], vec![f32::INFINITY; 3]],
        accuracy_steps: vec![1],
        accuracy: [vec![f32::NAN], vec![f32::NAN]],
        ..Default::default()
    };
    let svg = render_curves(&all_nan, size);
    assert!(shows(&svg, "with BatchNorm1d: diverged (NaN) at step 1"), "{:?}", texts(&svg));
    assert!(shows(&svg, NOTHING_FINITE), "{:?}", texts(&svg));

    // The page keeps only the latest steps: a model diverged before them is diverged "by" the
    // first step kept, not "at" it.
    let mut late = curves_view(300, Some(100));
    late.steps.iter_mut().for_each(|s| *s += 4000);
    late.accuracy_steps.iter_mut().for_each(|s| *s += 4000);
    late.loss[1].iter_mut().for_each(|v| *v = f32::NAN);
    let svg = render_curves(&late, size);
    assert!(shows(&svg, "without BatchNorm1d: diverged (NaN) by step 4001"), "{:?}", texts(&svg));

    // One step, before any accuracy: a dot per model and a note in the accuracy panel.
    let one = CurvesView { steps: vec![1], loss: [vec![2.3], vec![2.4]], ..CurvesView::default() };
    let svg = render_curves(&one, size);
    preview("train-curves-1-step-800x400", &svg);
    assert!(shows(&svg, "loss now 2.3 vs 2.4"), "{:?}", texts(&svg));
    assert!(shows(&svg, "no test accuracy measured yet"));
    assert_eq!(count_with(&svg, "circle", "fill", WITH_BN), 1);
    assert_eq!(count_with(&svg, "circle", "fill", WITHOUT_BN), 1);

    let odd = [
        // Mismatched lengths, NaN in the middle, accuracy outside 0…1.
        CurvesView {
            steps: vec![1, 2, 3, 4, 5],
            loss: [vec![1.0, f32::NAN, 0.5], vec![3.0; 9]],
            accuracy_steps: vec![1, 5, 9],
            accuracy: [vec![0.5, 1.7, -3.0, 0.2], vec![]],
            ..Default::default()
        },
        // Huge step numbers and values, all losses equal.
        CurvesView {
            steps: vec![u64::MAX - 1, u64::MAX],
            loss: [vec![f32::MAX, 3e38], vec![0.0, 0.0]],
            accuracy_steps: vec![1 << 60, (1 << 60) + 300],
            accuracy: [vec![0.5, 0.5], vec![f32::INFINITY, 0.5]],
            ..Default::default()
        },
        CurvesView { steps: vec![7; 4], loss: [vec![1.0; 4], vec![1.0; 4]], ..CurvesView::default() },
    ];
    for view in &odd {
        let svg = render_curves(view, size);
        assert_white_background(&svg, size);
        assert!(shows(&svg, "Training loss and test accuracy"), "{view:?}");
        assert!(!shows(&svg, NO_DATA), "{view:?}");
    }
    let svg = render_curves(&odd[0], size);
    assert!(shows(&svg, "with BatchNorm1d: accuracy -300.0\u{a0}% at step"), "the numbers as given: {:?}", texts(&svg));

    // Accuracy measured before any loss: the accuracy is drawn, the loss panel waits.
    let before = CurvesView { accuracy_steps: vec![0], accuracy: [vec![0.1], vec![0.12]], ..CurvesView::default() };
    let svg = render_curves(&before, size);
    assert!(
        shows(&svg, "accuracy at step 0: 10.0\u{a0}% vs 12.0\u{a0}%") && shows(&svg, "No training loss yet"),
        "{:?}",
        texts(&svg)
    );
    assert_eq!(count_with(&svg, "circle", "fill", WITH_BN), 1);
}

// ----- percentiles -------------------------------------------------------------------------------

#[test]
fn percentiles_draw_both_models_on_one_scale() {
    let view = percentiles_view(1000);
    for (name, size) in [("train-percentiles-800x400", (800, 400)), ("train-percentiles-480x360", (480, 360))] {
        let svg = render_percentiles(&view, size);
        preview(name, &svg);
        assert_white_background(&svg, size);
        // The title, on one line or wrapped before its parenthesis.
        let all = texts(&svg).join(" ");
        assert!(all.contains("Hidden unit 3: input to ReLU over steps"), "{all}");
        assert!(all.contains("(15th, 50th, 85th percentile)"), "{all}");
        assert!(shows(&svg, "50th percentile") && shows(&svg, "15th to 85th"));
        // Each panel's caption names its model and its latest numbers (wrapped when narrow).
        let last = |m: usize, p: usize| num(view.percentiles[m][p][999] as f64);
        for (m, model) in ["with BatchNorm1d", "without BatchNorm1d"].into_iter().enumerate() {
            let numbers = format!("50th {} (15th {}, 85th {})", last(m, 1), last(m, 0), last(m, 2));
            // (All texts joined by spaces: a caption wrapped after its colon reads the same.) Where
            // the numbers would take a second line (480 px by the width estimate), the model only.
            let full = all.contains(&format!("{model}: {numbers}"));
            assert!(if size.0 >= 800 { full } else { full || all.contains(model) }, "{all}");
        }
        assert!(shows(&svg, "input to ReLU") && shows(&svg, "step"));

        // Per model: a thick median (and the caption's swatch), two thin edges, a pale band.
        for colour in [WITH_BN, WITHOUT_BN] {
            assert_eq!(lines(&svg, colour, "3").len(), 2, "median and caption swatch");
            assert!(lines(&svg, colour, "3").contains(&800), "1000 steps thinned to 800 points");
            assert_eq!(lines(&svg, colour, "1").len(), 2, "15th and 85th");
            assert_eq!(count_with(&svg, "polygon", "fill", colour), 1, "the band");
        }

        // The same value axis in both panels: every y tick appears twice.
        let ticks: Vec<String> = texts(&svg).into_iter().filter(|t| t.parse::<f64>().is_ok()).collect();
        let y_ticks: Vec<&String> = ticks
            .iter()
            .filter(|t| t.parse::<f64>().is_ok_and(|v| v < 100.0 && v.fract() != 0.0 || v < 10.0))
            .collect();
        assert!(y_ticks.len() >= 4, "{ticks:?}");
        for tick in &y_ticks {
            assert_eq!(ticks.iter().filter(|t| t == tick).count() % 2, 0, "{tick} in both panels: {ticks:?}");
        }
    }
}

#[test]
fn percentiles_odd_inputs_do_not_panic() {
    let size = (800, 400);
    let svg = render_percentiles(&PercentilesView::default(), size);
    assert_white_background(&svg, size);
    assert!(shows(&svg, NO_DATA));

    // One model diverged partway: its caption says where; the other is drawn in full.
    let mut view = percentiles_view(200);
    for p in 0..3 {
        for v in &mut view.percentiles[1][p][120..] {
            *v = f32::NAN;
        }
    }
    let svg = render_percentiles(&view, size);
    preview("train-percentiles-diverged-800x400", &svg);
    assert!(shows(&svg, "without BatchNorm1d: diverged (NaN) at step 121"), "{:?}", texts(&svg));
    assert!(lines(&svg, WITHOUT_BN, "3").contains(&120), "the median until it diverged");

    let all_nan = PercentilesView {
        unit: 0,
        steps: vec![1, 2],
        percentiles: [
            [vec![f32::NAN; 2], vec![f32::NAN; 2], vec![f32::NAN; 2]],
            [vec![f32::INFINITY; 2], vec![f32::NAN; 2], vec![f32::NAN; 2]],
        ],
        ..Default::default()
    };
    assert!(shows(&render_percentiles(&all_nan, size), NOTHING_FINITE));

    let odd = [
        // One step: dots and a bar for the band.
        PercentilesView {
            unit: 1,
            steps: vec![1],
            percentiles: [[vec![-1.0], vec![0.0], vec![1.0]], [vec![0.5], vec![2.0], vec![3.0]]],
            ..Default::default()
        },
        // Mismatched lengths and missing series.
        PercentilesView {
            unit: 1,
            steps: vec![1, 2, 3, 4],
            percentiles: [[vec![-1.0; 2], vec![0.0; 4], vec![]], [vec![0.5; 9], vec![], vec![3.0; 3]]],
            ..Default::default()
        },
        // Huge values and step numbers; all equal.
        PercentilesView {
            unit: 1,
            steps: vec![u64::MAX - 2, u64::MAX - 1, u64::MAX],
            percentiles: [[vec![-3e38; 3], vec![0.0; 3], vec![3e38; 3]], [vec![1.0; 3], vec![1.0; 3], vec![1.0; 3]]],
            ..Default::default()
        },
        // One outlier among steady values: it does not squash the rest.
        PercentilesView {
            unit: 1,
            steps: (1..=300).collect(),
            percentiles: [
                [vec![-1.0; 300], vec![0.0; 300], vec![1.0; 300]],
                [vec![-1.0; 300], (0..300).map(|i| if i == 299 { 1e6 } else { 0.2 }).collect(), vec![1.0; 300]],
            ],
            ..Default::default()
        },
    ];
    for (i, view) in odd.iter().enumerate() {
        let svg = render_percentiles(view, size);
        preview(&format!("train-percentiles-odd-{i}"), &svg);
        assert!(shows(&svg, "Hidden unit 1"), "{view:?}");
        assert!(!shows(&svg, NO_DATA) && !shows(&svg, NOTHING_FINITE), "{view:?}");
    }
    let svg = render_percentiles(&odd[3], size);
    // The outlier (1e6) is drawn at the edge: the value axis still shows −1 … 1 in both panels.
    let ticks: Vec<f64> = texts(&svg).iter().filter_map(|t| t.parse().ok()).collect();
    assert_eq!(ticks.iter().filter(|&&v| v == -1.0).count(), 2, "ticks {ticks:?}");
    assert!(ticks.iter().all(|v| v.abs() <= 300.0), "only steps and small values: {ticks:?}");
}

// ----- sweep -------------------------------------------------------------------------------------

#[test]
fn sweep_draws_both_models_per_learning_rate() {
    let view = sweep_view();
    for (name, size) in [("train-sweep-800x400", (800, 400)), ("train-sweep-480x360", (480, 360))] {
        let svg = render_sweep(&view, size);
        preview(name, &svg);
        assert_white_background(&svg, size);
        let all = texts(&svg).join(" ");
        assert!(all.contains("Learning-rate sweep:") && all.contains("test accuracy after 500 steps"), "{all}");
        for text in ["with BatchNorm1d", "without BatchNorm1d", "diverged (NaN)", "not run yet"] {
            assert!(shows(&svg, text), "{text}: {:?}", texts(&svg));
        }
        assert!(shows(&svg, "learning rate (log scale)") && shows(&svg, "test accuracy"));
        for decade in ["0.001", "0.01", "0.1", "1"] {
            assert!(texts(&svg).iter().any(|t| t == decade), "tick {decade}: {:?}", texts(&svg));
        }
        // Each model's best run: named where there is room, else "with vs without".
        let named = shows(&svg, "with BatchNorm1d: best 95.5\u{a0}% at learning rate 0.026")
            && shows(&svg, "without BatchNorm1d: best 90.5\u{a0}% at learning rate 0.026");
        let compact = shows(&svg, "best 95.5\u{a0}% at lr 0.026 vs 90.5\u{a0}% at lr 0.026");
        // (By the text width estimate, the named form needs more than 800 px.)
        assert!(if size.0 > 800 { named } else { compact || named }, "{:?}", texts(&svg));

        // Dots: 5 runs with BN, 4 finite ones without.
        assert_eq!(count_with(&svg, "circle", "fill", WITH_BN), 5);
        assert_eq!(count_with(&svg, "circle", "fill", WITHOUT_BN), 4);
        // Lines through them (and the legend's swatches).
        assert!(lines(&svg, WITH_BN, "3").contains(&5) && lines(&svg, WITHOUT_BN, "3").contains(&4));
        // Not run yet: 3 empty circles per model (and one in the legend).
        let hollow = |c| {
            tags(&svg, "circle")
                .iter()
                .filter(|t| attr(t, "stroke") == Some(c) && attr(t, "fill") == Some("none"))
                .count()
        };
        assert_eq!((hollow(WITH_BN), hollow(WITHOUT_BN)), (3, 3));
        // Diverged: a cross of two orange strokes (width 3, two points each).
        assert_eq!(lines(&svg, WITHOUT_BN, "3").iter().filter(|&&n| n == 2).count(), 2 + 1, "cross + legend line");
    }
}

#[test]
fn sweep_odd_inputs_do_not_panic() {
    let size = (800, 400);
    let svg = render_sweep(&SweepView::default(), size);
    assert_white_background(&svg, size);
    let no_sweep = "No sweep yet — press “Run the sweep” below";
    assert!(shows(&svg, no_sweep), "{:?}", texts(&svg));
    // Learning rates that cannot be on a log axis: nothing to draw.
    let bad = SweepView { learning_rates: vec![0.0, -1.0, f64::NAN, f64::INFINITY], ..SweepView::default() };
    assert!(shows(&render_sweep(&bad, size), no_sweep));

    // Planned, none run: the rates' places and a note.
    let planned = SweepView { accuracy: [vec![], vec![]], ..sweep_view() };
    let svg = render_sweep(&planned, size);
    preview("train-sweep-planned-800x400", &svg);
    assert!(shows(&svg, "no run finished yet") && shows(&svg, "not run yet"));
    assert!(!shows(&svg, "diverged"));

    let odd = [
        SweepView { learning_rates: vec![0.1], accuracy: [vec![0.9], vec![f32::NAN]], steps: 1, ..Default::default() },
        SweepView {
            learning_rates: vec![1e-300, 1e300, 0.0],
            accuracy: [vec![0.5; 9], vec![2.0, -1.0]],
            steps: u64::MAX,
            ..Default::default()
        },
        SweepView {
            learning_rates: vec![1.0, 0.01, 0.1],
            accuracy: [vec![f32::NAN; 3], vec![f32::NAN; 3]],
            steps: 10,
            ..Default::default()
        },
    ];
    for (i, view) in odd.iter().enumerate() {
        let svg = render_sweep(view, size);
        preview(&format!("train-sweep-odd-{i}"), &svg);
        assert!(shows(&svg, "Learning-rate sweep"), "{view:?}");
        assert!(!shows(&svg, NO_DATA), "{view:?}");
    }
    let svg = render_sweep(&odd[0], size);
    assert!(texts(&svg).iter().any(|t| t == "0.1"), "a lone rate is labelled");
    assert!(shows(&svg, "test accuracy after 1 step") && !shows(&svg, "1 steps"), "{:?}", texts(&svg));
}

// ----- digits ------------------------------------------------------------------------------------

#[test]
fn digits_draw_each_image_with_its_label_and_guesses() {
    let view = digits_view();
    for (name, size) in [("train-digits-800x400", (800, 400)), ("train-digits-480x360", (480, 360))] {
        let svg = render_digits(&view, size);
        preview(name, &svg);
        assert_white_background(&svg, size);
        assert!(shows(&svg, "Test digits and the two models' guesses"));
        assert!(shows(&svg, "BN: with BatchNorm1d (7 of 8 right)"), "{:?}", texts(&svg));
        assert!(shows(&svg, "no BN: without BatchNorm1d (5 of 8 right)"), "{:?}", texts(&svg));
        // Every pixel of ink, each grey's squares over all the digits as one polygon (a square
        // per pixel was 770 canvas calls for twelve digits); white pixels are the background.
        let grey_of = |v: f32| (255.0 * (1.0 - v.clamp(0.0, 1.0))).round() as u8;
        let mut greys: Vec<u8> = view.images.iter().flatten().map(|&v| grey_of(v)).filter(|&g| g < 255).collect();
        greys.sort_unstable();
        greys.dedup();
        for &g in &greys {
            let fill = format!("#{g:02X}{g:02X}{g:02X}");
            let pixels = view.images.iter().flatten().filter(|&&v| grey_of(v) == g).count();
            assert_eq!(count_with(&svg, "polygon", "fill", &fill), 1, "{fill}: one polygon");
            assert_eq!(pixel_squares(&svg, &fill), pixels, "{fill}: a square per pixel");
        }
        assert_eq!(pixel_squares(&svg, "#000000"), view.images.iter().flatten().filter(|&&v| v == 1.0).count());
        assert!(greys.len() >= 2, "black strokes and grey edges: {greys:?}");
        assert_eq!(grey_rects(&svg), 0, "no square drawn alone");
        for (i, &label) in view.labels.iter().enumerate() {
            assert!(texts(&svg).contains(&format!("label {label}")));
            assert!(texts(&svg).contains(&format!("BN: {}", view.predicted[0][i])));
            assert!(texts(&svg).contains(&format!("no BN: {}", view.predicted[1][i])));
        }
        // A dot per guess and model (plus the legend's); a tick or a cross per guess.
        assert_eq!(count_with(&svg, "circle", "fill", WITH_BN), 8 + 1);
        assert_eq!(count_with(&svg, "circle", "fill", WITHOUT_BN), 8 + 1);
        let ticks = lines(&svg, "#191919", "3");
        assert_eq!(ticks.iter().filter(|&&n| n == 3).count(), 7 + 5, "ticks (three points)");
        assert_eq!(ticks.iter().filter(|&&n| n == 2).count(), 2 * (1 + 3), "crosses (two strokes)");
    }
}

/// Each "label d" of an SVG: its centre x, its y and its width (the SVG's font size × 0.6 a
/// character).
fn digit_labels(svg: &str) -> Vec<(f64, f64, f64)> {
    let mut labels: Vec<(f64, f64, f64)> = Vec::new();
    for part in svg.split("<text ").skip(1) {
        let (tag, rest) = part.split_once('>').expect("a text tag");
        let tag = format!("<text {tag}>");
        let content = rest.split("</text>").next().unwrap_or("").trim();
        if content.starts_with("label ") {
            let num = |name: &str| attr(&tag, name).and_then(|v| v.parse::<f64>().ok()).expect("a number");
            labels.push((num("x"), num("y"), content.chars().count() as f64 * 0.6 * num("font-size")));
        }
    }
    labels
}

/// No two labels on one row run into each other.
fn assert_labels_apart(labels: &[(f64, f64, f64)], size: (u32, u32)) {
    for a in labels {
        for b in labels {
            if a != b && (a.1 - b.1).abs() < 1.0 {
                assert!((a.0 - b.0).abs() >= (a.2 + b.2) / 2.0, "{size:?}: labels overlap at x {} and {}", a.0, b.0);
            }
        }
    }
}

/// The digits' grey frames (one per digit drawn): their widths in pixels.
fn digit_frames(svg: &str) -> Vec<f64> {
    tags(svg, "rect")
        .iter()
        .filter(|t| attr(t, "fill") == Some("none"))
        .filter_map(|t| attr(t, "width")?.parse::<f64>().ok())
        .collect()
}

/// Twelve test digits, as the page shows them.
fn twelve_digits() -> DigitsView {
    let eight = digits_view();
    let twelve = |v: &Vec<usize>| v.iter().chain(&v[..4]).copied().collect::<Vec<_>>();
    DigitsView {
        images: eight.images.iter().chain(&eight.images[..4]).copied().collect(),
        labels: twelve(&eight.labels),
        predicted: [twelve(&eight.predicted[0]), twelve(&eight.predicted[1])],
        ..eight.clone()
    }
}

/// Twelve digits' labels never run into each other: in a phone's 480 px box and a landscape
/// phone's 272 a grid where every text fits; in a box too small for all twelve, the first few
/// that fit, whole (it said "label 0label 1…" across a 340 × 272 box).
#[test]
fn digits_on_a_phone_keep_their_texts_apart() {
    let view = twelve_digits();
    for (size, shown) in [((340, 272), 4), ((340, 480), 12), ((800, 272), 10)] {
        let svg = render_digits(&view, size);
        preview(&format!("train-digits-{}x{}", size.0, size.1), &svg);
        let labels = digit_labels(&svg);
        assert_eq!(labels.len(), shown, "{size:?}: {:?}", texts(&svg));
        assert_labels_apart(&labels, size);
        assert!(digit_frames(&svg).iter().all(|&w| w >= MIN_SIDE), "{size:?}: {:?}", digit_frames(&svg));
    }
    assert!(shows(&render_digits(&view, (340, 272)), "(4 of 4 right)"), "the legend counts the digits shown");
}

/// Presenter mode at 1280×720 gave the chart 449 × 426 CSS px, its text drawn 1.35 × 1.3125
/// larger: no grid fit, and it said "Too small to draw"
/// (the page now gives it the Train view's width: 943 × 615 there). Every box the page gives the
/// chart (a phone's, a tablet's, a laptop's, both projectors') draws digits at least MIN_SIDE ×
/// the text's scale, texts apart; none of them says it is too small.
#[test]
fn digits_draw_readable_on_every_screen() {
    let view = twelve_digits();
    let presenter_720 = 1.35 * 1.3125;
    let presenter_1080 = 1.35 * 1.75;
    for (size, text) in [
        ((943, 615), presenter_720),
        ((680, 700), presenter_1080),
        ((1380, 940), presenter_1080),
        ((350, 480), 1.0),
        ((400, 360), 1.0),
        ((560, 360), 1.0),
    ] {
        // At the page's scale: the layout is the canvas's (only the SVG's letters are smaller).
        let style = Style { scale: text, ..Style::default() };
        let svg = render(size, style, |root, style| digits::draw(root, &view, style));
        preview(&format!("train-digits-{}x{}-text{text:.2}", size.0, size.1), &svg);
        assert!(!shows(&svg, TOO_SMALL), "{size:?} × {text}: {:?}", texts(&svg));
        let frames = digit_frames(&svg);
        assert!(
            !frames.is_empty() && frames.iter().all(|&w| w >= (MIN_SIDE * style.scale).round()),
            "{size:?} × {text}: {frames:?}"
        );
        assert_labels_apart(&digit_labels(&svg), size);
    }
}

#[test]
fn digits_name_the_models_that_were_trained() {
    // LayerNorm against GroupNorm: neither is "BN" nor "no BN".
    let view = DigitsView { names: ["with LayerNorm", "with GroupNorm"], short: ["LN", "GN"], ..digits_view() };
    let svg = render_digits(&view, (800, 400));
    assert!(shows(&svg, "LN: with LayerNorm (7 of 8 right)"), "{:?}", texts(&svg));
    assert!(shows(&svg, "GN: with GroupNorm (5 of 8 right)"), "{:?}", texts(&svg));
    assert!(texts(&svg).contains(&"LN: 7".to_string()), "{:?}", texts(&svg));
    assert!(!texts(&svg).iter().any(|t| t.contains("BN")), "{:?}", texts(&svg));

    // The presets' pairs, as the Train view names them.
    use batchnorm_playground::trainer::TrainSettings;
    let short = |preset: &str| TrainSettings::preset(preset, 1).map(|s| s.short_keys());
    assert_eq!(short("tutorial"), Some(["BN", "no BN"]));
    assert_eq!(short("santurkar"), Some(["BN", "noisy BN"]));
    assert_eq!(short("wuhe"), Some(["BN", "GN"]));
}

#[test]
fn digits_odd_inputs_do_not_panic() {
    let size = (800, 400);
    let svg = render_digits(&DigitsView::default(), size);
    assert_white_background(&svg, size);
    assert!(shows(&svg, NO_DATA));

    // 20 digits: only the first 12. Missing labels and guesses, NaN pixels.
    let mut many = digits_view();
    many.images = many.images.iter().cycle().take(20).copied().collect();
    many.images[3][0] = f32::NAN;
    many.images[4][1] = 7.0;
    many.labels.truncate(5);
    many.predicted[1].clear();
    let svg = render_digits(&many, (800, 400));
    preview("train-digits-12-800x400", &svg);
    assert_eq!(count_with(&svg, "circle", "fill", WITH_BN), 8 + 1, "guesses only where there are some");
    assert_eq!(count_with(&svg, "circle", "fill", WITHOUT_BN), 1, "the legend's");
    assert_eq!(texts(&svg).iter().filter(|t| t.starts_with("label ")).count(), 12);
    assert!(texts(&svg).contains(&"label ?".to_string()));
    assert!(shows(&svg, "(5 of 5 right)"), "{:?}", texts(&svg));
    let one =
        DigitsView { images: vec![[0.5; 64]], labels: vec![], predicted: [vec![3], vec![]], ..Default::default() };
    let svg = render_digits(&one, size);
    assert_eq!(pixel_squares(&svg, "#808080"), 64);
    assert_eq!(count_with(&svg, "polygon", "fill", "#808080"), 1);
}

/// How many squares the polygons filled with `fill` hold: a digit's pixels of one grey are one
/// polygon (`common::Shapes`), each square 5 points and a bridge back.
fn pixel_squares(svg: &str, fill: &str) -> usize {
    tags(svg, "polygon")
        .iter()
        .filter(|t| attr(t, "fill") == Some(fill))
        .map(|t| (attr(t, "points").unwrap_or("").split_whitespace().count() + 1) / 6)
        .sum()
}

/// Rectangles filled with a grey (#xxxxxx, its three parts equal, not white).
fn grey_rects(svg: &str) -> usize {
    let grey = |f: &str| f.len() == 7 && f.starts_with('#') && f[1..3] == f[3..5] && f[3..5] == f[5..7];
    tags(svg, "rect").iter().filter(|t| attr(t, "fill").is_some_and(|f| grey(f) && f != "#FFFFFF")).count()
}

// ----- any chart ---------------------------------------------------------------------------------

#[test]
fn tiny_huge_scaled_or_translated_canvases_do_not_panic() {
    let (curves_v, percentiles_v, sweep_v, digits_v) =
        (curves_view(300, Some(100)), percentiles_view(300), sweep_view(), digits_view());
    for size in [(1, 1), (10, 10), (60, 40), (200, 120), (300, 2000), (3000, 300)] {
        for scale in [0.5, 1.0, 3.0] {
            for lang in [Lang::En, Lang::ZhHant] {
                let style = Style { scale, lang };
                render(size, style, |root, style| curves::draw(root, &curves_v, style));
                render(size, style, |root, style| percentiles::draw(root, &percentiles_v, style));
                render(size, style, |root, style| sweep::draw(root, &sweep_v, style));
                render(size, style, |root, style| digits::draw(root, &digits_v, style));
            }
        }
    }
    let svg = render((200, 120), Style::default(), |root, style| curves::draw(root, &curves_v, style));
    assert!(shows(&svg, TOO_SMALL), "{:?}", texts(&svg));

    // The page's narrowest layout: two charts side by side next to the settings.
    let narrow = (400, 360);
    preview(
        "train-curves-400x360",
        &render(narrow, Style::default(), |root, style| curves::draw(root, &curves_v, style)),
    );
    preview(
        "train-percentiles-400x360",
        &render(narrow, Style::default(), |root, style| percentiles::draw(root, &percentiles_v, style)),
    );
    preview("train-sweep-400x360", &render(narrow, Style::default(), |root, style| sweep::draw(root, &sweep_v, style)));
    preview(
        "train-digits-400x360",
        &render(narrow, Style::default(), |root, style| digits::draw(root, &digits_v, style)),
    );

    // The browser draws text 1.24 times as large as the SVG backend does for the same font
    // size (canvas "14px" vs SVG font-size 14/1.24): rendering at scale 1.24 shows text at the
    // browser's size (with margins a little wider than there). In presenter mode the page
    // draws at scale 1.35 on a 440-pixel-high canvas. Neither may run out of room.
    for (name, size, scale) in [("browser-400x360", (400, 360), 1.24), ("presenter-520x440", (520, 440), 1.35 * 1.24)] {
        let style = Style { scale, ..Style::default() };
        let svgs = [
            ("curves", render(size, style, |root, style| curves::draw(root, &curves_v, style))),
            ("percentiles", render(size, style, |root, style| percentiles::draw(root, &percentiles_v, style))),
            ("sweep", render(size, style, |root, style| sweep::draw(root, &sweep_v, style))),
            ("digits", render(size, style, |root, style| digits::draw(root, &digits_v, style))),
        ];
        for (chart, svg) in svgs {
            preview(&format!("train-{chart}-{name}"), &svg);
            assert!(!shows(&svg, TOO_SMALL), "{chart} at {size:?}, scale {scale}: {:?}", texts(&svg));
        }
    }

    // Projector-sized renderings for a person to look at.
    let big = Style { scale: 2.0, ..Style::default() };
    let svg = render((1600, 800), big, |root, style| curves::draw(root, &curves_v, style));
    preview("train-curves-scale2-1600x800", &svg);
    let svg = render((1600, 800), big, |root, style| percentiles::draw(root, &percentiles_v, style));
    preview("train-percentiles-scale2-1600x800", &svg);
    let svg = render((1600, 800), big, |root, style| sweep::draw(root, &sweep_v, style));
    preview("train-sweep-scale2-1600x800", &svg);
    let svg = render((1600, 800), big, |root, style| digits::draw(root, &digits_v, style));
    preview("train-digits-scale2-1600x800", &svg);
    // Traditional and Simplified Chinese.
    for lang in [Lang::ZhHant, Lang::ZhHans] {
        let zh = Style { lang, ..Style::default() };
        let svg = render((480, 360), zh, |root, style| sweep::draw(root, &sweep_v, style));
        preview(&format!("train-sweep-{}-480x360", lang.code()), &svg);
    }
}

#[test]
fn the_train_charts_read_at_every_size() {
    let mut cases: Vec<((u32, u32), f64)> = READABLE_SIZES.iter().map(|&s| (s, 1.0)).collect();
    cases.extend([((1080, 900), 3.0), ((1080, 540), 1.35)]);
    let (curves, percentiles, sweep, digits) =
        (curves_view(300, Some(200)), percentiles_view(300), sweep_view(), digits_view());
    for lang in [Lang::En, Lang::ZhHant] {
        for (size, scale) in &cases {
            let style = Style { scale: *scale, lang };
            let name = |chart: &str| format!("{chart} {size:?} × {scale} {lang:?}");
            let check = |chart: &str, svg: String| {
                assert!(size.0 < 800 || !shows(&svg, TOO_SMALL), "{} drew nothing", name(chart));
                if !shows(&svg, TOO_SMALL) {
                    assert_readable(&name(chart), &svg, *size, *scale);
                }
            };
            check("curves", render(*size, style, |root, style| curves::draw(root, &curves, style)));
            check("percentiles", render(*size, style, |root, style| percentiles::draw(root, &percentiles, style)));
            check("sweep", render(*size, style, |root, style| sweep::draw(root, &sweep, style)));
            check("digits", render(*size, style, |root, style| digits::draw(root, &digits, style)));
        }
    }
}
