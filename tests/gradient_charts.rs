//! The gradient chart, rendered to SVG natively: ∂L/∂x per value as dots, the wrong "constants"
//! gradient as hollow rings in train mode only, a zero line, thinning for large batches, and
//! placeholders for odd views. Realistic renderings go to target/chart-previews/.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use batchnorm_playground::backward::{BackwardView, UpstreamGradient};
use batchnorm_playground::charts::{gradients, GradientsView, Style};
use batchnorm_playground::i18n::Lang;
use batchnorm_playground::lab::{Lab, Settings};
use support::svg::*;

const INPUT: &str = "#0072B2";
const OUTPUT: &str = "#D55E00";
const SELECTED: &str = "#CC79A7";
const SIZE: (u32, u32) = (640, 400);

fn render_gradients(view: &GradientsView, size: (u32, u32), style: Style) -> String {
    render(size, style, |root, style| gradients::draw(root, view, style))
}

fn view_of(settings: Settings, choice: UpstreamGradient) -> GradientsView {
    let lab = Lab::new(settings).expect("valid settings");
    BackwardView::from_lab(&lab, &choice).expect("a step").gradients_view()
}

/// Hollow rings: circles with a stroke and no fill.
fn rings(svg: &str, colour: &str) -> usize {
    tags(svg, "circle").iter().filter(|t| attr(t, "stroke") == Some(colour) && attr(t, "fill") == Some("none")).count()
}

fn dots(svg: &str, colour: &str) -> usize {
    count_with(svg, "circle", "fill", colour)
}

#[test]
fn train_mode_draws_every_sample_and_the_wrong_gradient_hollow() {
    let view = view_of(Settings { batch_size: 32, sample: 5, ..Settings::default() }, UpstreamGradient::OneOutput);
    let svg = render_gradients(&view, SIZE, Style::default());
    preview("gradients_train", &svg);
    assert_white_background(&svg, SIZE);
    assert!(shows(&svg, "Feature 0: ∂L/∂x of each sample"), "{:?}", texts(&svg));
    assert!(shows(&svg, "if the batch's μ, σ² were constants (wrong)"));
    assert_eq!(dots(&svg, INPUT), 32 + 1, "one dot per sample and the legend's");
    assert_eq!(rings(&svg, OUTPUT), 32 + 1, "one ring per sample and the legend's (it was a black \"○\")");
    assert!(!texts(&svg).iter().any(|t| t.contains('○')));
    assert_eq!(count_with(&svg, "rect", "fill", SELECTED), 2, "the followed sample's band and the legend's");
    assert!(shows(&svg, "marked sample 5"), "the band is named: {:?}", texts(&svg));
    assert!(shows(&svg, "sample") && shows(&svg, "gradient"));
    // The zero line spans the plot.
    assert!(tags(&svg, "polyline").iter().any(|t| attr(t, "stroke") == Some("#191919")), "zero line");
}

#[test]
fn eval_mode_has_no_wrong_gradient() {
    let mut lab = Lab::new(Settings { batch_size: 16, ..Settings::default() }).unwrap();
    lab.step();
    lab.set_training(false);
    let view = BackwardView::from_lab(&lab, &UpstreamGradient::RandomWeights { seed: 2 }).unwrap().gradients_view();
    assert!(view.constants.is_empty());
    let svg = render_gradients(&view, SIZE, Style::default());
    preview("gradients_eval", &svg);
    assert_eq!(dots(&svg, INPUT), 16 + 1);
    assert_eq!(rings(&svg, OUTPUT), 0);
    assert!(!shows(&svg, "were constants"));
}

#[test]
fn a_large_batch_is_thinned_to_what_the_eye_can_see() {
    let settings = Settings { batch_size: 4096, sample: 4000, ..Settings::default() };
    let view = view_of(settings, UpstreamGradient::RandomWeights { seed: 1 });
    assert_eq!(view.grad_input.len(), 4096);
    let svg = render_gradients(&view, SIZE, Style::default());
    preview("gradients_thinned", &svg);
    let (drawn, wrong) = (dots(&svg, INPUT), rings(&svg, OUTPUT));
    assert!(drawn < 2 * SIZE.0 as usize / 3 + 2 && drawn > 100, "{drawn} dots for 4096 values");
    assert!(wrong < 2 * SIZE.0 as usize / 3 + 2 && wrong > 100, "{wrong} rings");
    assert!(shows(&svg, "4096 values: each group's extremes"));
    // The extremes survive the thinning: the axis spans the largest gradient.
    assert!(svg.len() < 400_000, "{} bytes", svg.len());
}

#[test]
fn ncl_input_shows_every_value_of_each_sample() {
    let settings = Settings { batch_size: 6, length: 4, ..Settings::default() };
    let view = view_of(settings, UpstreamGradient::PullToTarget { target: 1.0 });
    assert_eq!((view.grad_input.len(), view.per_sample), (24, 4));
    let svg = render_gradients(&view, SIZE, Style::default());
    assert_eq!(dots(&svg, INPUT), 24 + 1);
    // Sample numbers label the axis, not value numbers.
    assert!(shows(&svg, "5") && !texts(&svg).iter().any(|t| t == "23"));
}

#[test]
fn chinese_titles() {
    let view = view_of(Settings { batch_size: 8, ..Settings::default() }, UpstreamGradient::OneOutput);
    let svg = render_gradients(&view, SIZE, Style { lang: Lang::ZhHant, ..Style::default() });
    assert!(shows(&svg, "每個樣本的 ∂L/∂x") && shows(&svg, "當常數"), "{:?}", texts(&svg));
}

#[test]
fn odd_views_draw_a_placeholder_and_never_panic() {
    let svg = render_gradients(&GradientsView::default(), SIZE, Style::default());
    assert!(shows(&svg, NO_DATA));
    let nan = GradientsView { grad_input: vec![f32::NAN; 5], per_sample: 1, ..GradientsView::default() };
    assert!(shows(&render_gradients(&nan, SIZE, Style::default()), NOTHING_FINITE));
    let one =
        GradientsView { grad_input: vec![0.0], constants: vec![1.0, 2.0], selected: 9, ..GradientsView::default() };
    let svg = render_gradients(&one, SIZE, Style::default());
    assert_eq!(dots(&svg, INPUT), 1 + 1);
    assert_eq!(rings(&svg, OUTPUT), 0, "constants of the wrong length are not drawn");
    assert!(shows(&render_gradients(&one, (60, 40), Style::default()), TOO_SMALL));
    let mixed = GradientsView {
        grad_input: vec![1.0, f32::INFINITY, -2.0, f32::NAN],
        constants: vec![f32::NAN, 1e30, -1e30, 0.0],
        per_sample: 2,
        selected: 1,
        ..GradientsView::default()
    };
    for size in [(1, 1), (200, 150), (3000, 2000)] {
        for scale in [0.5, 1.0, 3.0] {
            render_gradients(&mixed, size, Style { scale, ..Style::default() });
        }
    }
}

mod any_view {
    use super::*;
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = f32> {
        prop_oneof![10 => -1e6f32..1e6, 1 => Just(f32::NAN), 1 => Just(f32::NEG_INFINITY), 1 => Just(0.0)]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn any_view_draws_without_panicking(
            grad in prop::collection::vec(value(), 0..300),
            constants in prop::collection::vec(value(), 0..300),
            per_sample in 0usize..5, selected in 0usize..400, feature in any::<usize>(),
            width in 1u32..900, height in 1u32..600,
        ) {
            let view = GradientsView { feature, grad_input: grad, constants, per_sample, selected };
            render_gradients(&view, (width, height), Style::default());
        }
    }
}

#[test]
fn the_gradient_chart_reads_at_every_size() {
    let view = view_of(Settings { batch_size: 4096, sample: 4000, ..Settings::default() }, UpstreamGradient::OneOutput);
    let mut cases: Vec<((u32, u32), f64)> = READABLE_SIZES.iter().map(|&s| (s, 1.0)).collect();
    cases.extend([((1080, 900), 3.0), ((1080, 540), 1.35)]);
    for lang in [Lang::En, Lang::ZhHans] {
        for (size, scale) in &cases {
            let svg = render_gradients(&view, *size, Style { scale: *scale, lang });
            assert_readable(&format!("gradients {size:?} × {scale} {lang:?}"), &svg, *size, *scale);
            let drawn =
                ["circle", "rect", "polyline", "polygon", "path"].iter().map(|t| tags(&svg, t).len()).sum::<usize>();
            assert!(drawn < 1500, "{drawn} elements for 4096 samples at {size:?}");
        }
    }
}
