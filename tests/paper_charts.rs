//! The papers' charts (Santurkar et al. 2018, Fig. 4; Wu & He 2018, Fig. 1), rendered to SVG
//! natively: realistic views draw their lines, bands, titles and legends in every language; odd
//! views (empty, NaN everywhere, mismatched lengths, tiny canvases) draw without panicking.
#![cfg(not(target_arch = "wasm32"))]

use batchnorm_playground::charts::{batch_sweep, landscape, BatchSweepView, LandscapeView, Style};
use batchnorm_playground::i18n::Lang;

mod support;
use support::svg::*;

const WITH_BN: &str = "#009E73";
const WITHOUT_BN: &str = "#E69F00";

fn landscape_view(probes: usize) -> LandscapeView {
    let steps: Vec<u64> = (0..probes as u64).map(|k| k * 10).collect();
    let curve = |m: usize, scale: f32| -> Vec<f32> {
        (0..probes).map(|k| scale * (1.0 + m as f32) * (1.0 + (k as f32 * 0.7).sin().abs())).collect()
    };
    LandscapeView {
        steps,
        loss: [0, 1].map(|m| [curve(m, 0.5), curve(m, 1.0)]),
        grad_change: [0, 1].map(|m| [curve(m, 0.1), curve(m, 0.3)]),
        beta: [0, 1].map(|m| curve(m, 2.0)),
        names: ["with BatchNorm1d", "without BatchNorm1d"],
        probing: true,
    }
}

fn batch_view() -> BatchSweepView {
    BatchSweepView {
        batch_sizes: vec![2, 4, 8, 16, 32, 64, 128],
        names: vec!["with BatchNorm1d", "with GroupNorm", "with LayerNorm", "without normalization"],
        accuracy: vec![
            vec![0.62, 0.81, 0.9, 0.93, 0.94, 0.93, 0.9],
            vec![0.9, 0.92, 0.93, 0.93, 0.93, 0.92, 0.9],
            vec![0.89, 0.91, 0.92, 0.93, 0.92],
            vec![f32::NAN, 0.88, 0.91],
        ],
        epochs: 2,
        steps: vec![1436, 718, 358, 178, 88, 44, 22],
    }
}

#[test]
fn landscape_draws_three_panels_with_bands_for_both_models() {
    let size = (900, 700);
    let view = landscape_view(12);
    let svg = render(size, Style::default(), |root, style| landscape::draw(root, &view, style));
    preview("papers-landscape-900x700", &svg);
    assert_white_background(&svg, size);
    assert!(
        shows(&svg, "Fig. 4's measures (Santurkar et al. 2018): model A against model B, every 10 steps"),
        "{:?}",
        texts(&svg)
    );
    assert!(shows(&svg, "gradient predictiveness: ‖∇L(θ − η·g) − g‖, min…max over η"));
    assert!(shows(&svg, "with BatchNorm1d") && shows(&svg, "without BatchNorm1d"));
    for colour in [WITH_BN, WITHOUT_BN] {
        assert!(count_with(&svg, "polyline", "stroke", colour) >= 3, "a line per panel in {colour}");
        assert!(count_with(&svg, "polygon", "fill", colour) >= 2, "a band in two panels in {colour}");
    }
    for lang in [Lang::ZhHant, Lang::ZhHans] {
        let style = Style { lang, ..Style::default() };
        let svg = render(size, style, |root, style| landscape::draw(root, &view, style));
        assert!(
            !shows(&svg, "Fig. 4's measures (Santurkar et al. 2018): model A against model B, every 10 steps"),
            "{lang:?}"
        );
    }
}

/// One probe (step 0, the page at step 3): the x axis spans 0…1 and its numbers are distinct
/// (they read "0 0 0 1 1 1", ticks at 0.2 apart rounded).
#[test]
fn one_probe_gives_distinct_step_numbers() {
    let svg = render((900, 700), Style::default(), |root, style| landscape::draw(root, &landscape_view(1), style));
    let all = texts(&svg);
    // The x axis's numbers come after its name (the last panel's y numbers are 2, 3, 4).
    let axis = all.iter().skip_while(|t| t.as_str() != "step");
    let steps: Vec<&String> = axis.filter(|t| t.as_str() == "0" || t.as_str() == "1").collect();
    assert_eq!(steps, ["0", "1"], "{all:?}");
}

#[test]
fn batch_sweep_draws_a_line_per_norm_and_marks_a_diverged_run() {
    let size = (800, 450);
    let view = batch_view();
    let svg = render(size, Style::default(), |root, style| batch_sweep::draw(root, &view, style));
    preview("papers-batch-sweep-800x450", &svg);
    assert_white_background(&svg, size);
    // Its title says what it plots: accuracy, where the paper's Fig. 1 plots error (it read "Wu &
    // He 2018, Fig. 1: accuracy against batch size").
    let title = texts(&svg).join(" ");
    assert!(title.starts_with("Test accuracy against batch size, 2 epochs each (Wu & He 2018:"), "{title}");
    assert!(title.contains("plots the error, 100 % − accuracy)") && !title.contains("Fig. 1: accuracy"), "{title}");
    assert!(shows(&svg, "with GroupNorm") && shows(&svg, "without normalization"));
    assert!(count_with(&svg, "polyline", "stroke", WITH_BN) >= 1);
    assert!(shows(&svg, "128") && shows(&svg, "2"));
    // One epoch is one ("1 epochs each" was the title of the page's own quick sweep).
    let one = BatchSweepView { epochs: 1, ..view };
    let svg = render(size, Style::default(), |root, style| batch_sweep::draw(root, &one, style));
    assert!(texts(&svg).join(" ").contains("batch size, 1 epoch each"), "{:?}", texts(&svg));
}

#[test]
fn odd_views_draw_without_panicking() {
    let empty = LandscapeView::default();
    let mut nan = landscape_view(4);
    nan.loss = [[vec![f32::NAN; 4], vec![f32::INFINITY; 4]], [vec![], vec![1.0]]];
    nan.beta = [vec![f32::NAN; 4], vec![f32::NAN; 2]];
    for size in [(900, 700), (120, 80), (1, 1)] {
        for view in [&empty, &nan, &landscape_view(1)] {
            render(size, Style::default(), |root, style| landscape::draw(root, view, style));
        }
        for view in [
            BatchSweepView::default(),
            BatchSweepView { accuracy: vec![vec![f32::NAN; 9]], ..batch_view() },
            BatchSweepView { batch_sizes: vec![0, usize::MAX], ..batch_view() },
        ] {
            render(size, Style::default(), |root, style| batch_sweep::draw(root, &view, style));
        }
    }
    let svg = render((900, 700), Style::default(), |root, style| landscape::draw(root, &empty, style));
    assert!(shows(&svg, "No probes yet: choose the Santurkar et al. preset (or tick “probe”), then train"));
    // Probing already on (the preset chosen): only the training is missing.
    let waiting = LandscapeView { probing: true, ..empty.clone() };
    let svg = render((900, 700), Style::default(), |root, style| landscape::draw(root, &waiting, style));
    assert!(shows(&svg, "No probes yet: press Step (a probe every 10 steps)"), "{:?}", texts(&svg));
}

/// On a narrow screen the titles and the waiting message wrap instead of running off both edges
/// (at 1280 px the Train view's column cut "Santurkar et al. …" at both ends).
#[test]
fn titles_and_messages_fit_a_narrow_chart() {
    let size = (360, 420);
    let inside = |name: &str, svg: &str| {
        for b in text_boxes(svg) {
            assert!(b.left >= -1.0 && b.right <= size.0 as f64 + 1.0, "{name}: {b:?} runs off the drawing");
        }
    };
    let empty = render(size, Style::default(), |root, style| landscape::draw(root, &LandscapeView::default(), style));
    inside("landscape, no probes", &empty);
    let words = texts(&empty).join(" ");
    assert!(
        words.contains("Fig. 4's measures (Santurkar et al. 2018): model A against model B")
            && shows(&empty, "No probes yet:"),
        "{:?}",
        texts(&empty)
    );
    let sweep = render(size, Style::default(), |root, style| batch_sweep::draw(root, &batch_view(), style));
    inside("batch sweep", &sweep);
    assert!(texts(&sweep).join(" ").contains("(Wu & He 2018: their Fig. 1 plots the error"), "{:?}", texts(&sweep));
}

/// The Wu & He chart at its size on a phone (390 px wide, 3 device pixels a CSS pixel), a tablet
/// (820 px, 2), a 1280 px screen (style.css) and both projectors, in every language: every label at least 11 CSS
/// pixels, none over another, none off the drawing (a phone's y axis had 11 numbers in 110 px,
/// each touching the next).
#[test]
fn batch_sweep_reads_on_a_phone_a_tablet_and_a_projector() {
    // … and presenter mode's 1280×720 and 1920×1080 projectors (×1.35 and ×1.8: "test accuracy"
    // was drawn on "100 %" in a fixed 56 px label area).
    for (size, scale) in [
        ((361, 289), 3.0),
        ((361, 289), 2.0),
        ((774, 360), 2.0),
        ((460, 360), 1.0),
        ((470, 420), 1.35),
        ((690, 690), 1.8),
    ] {
        for lang in Lang::ALL {
            let px = ((size.0 as f64 * scale) as u32, (size.1 as f64 * scale) as u32);
            let svg = render(px, Style { scale, lang }, |root, style| batch_sweep::draw(root, &batch_view(), style));
            let name = format!("batch sweep {size:?} × {scale} {lang:?}");
            if lang == Lang::En {
                preview(&format!("papers-batch-sweep-{}x{}-x{scale}", size.0, size.1), &svg);
            }
            assert!(shows(&svg, "128") && count_with(&svg, "polyline", "stroke", WITH_BN) >= 1, "{name}: no plot");
            assert_readable(&name, &svg, px, scale);
            assert_y_name_left_of_numbers(&name, &svg);
        }
    }
}

/// The Santurkar chart at its size on a phone (390 px wide, ×3 and ×2), a tablet (820 px) and a
/// 1280 px screen (style.css: its canvas is taller than the others', three panels), in every
/// language: every label at least 11 CSS pixels, none over another, none off the drawing (on a
/// phone the panels' titles ran off both edges and over the plots, and four y numbers shared
/// 30 px).
#[test]
fn landscape_reads_on_a_phone_a_tablet_and_a_projector() {
    for (size, scale) in [((361, 448), 3.0), ((361, 448), 2.0), ((774, 576), 2.0), ((460, 576), 1.0)] {
        for lang in Lang::ALL {
            let px = ((size.0 as f64 * scale) as u32, (size.1 as f64 * scale) as u32);
            let svg =
                render(px, Style { scale, lang }, |root, style| landscape::draw(root, &landscape_view(21), style));
            let name = format!("landscape {size:?} × {scale} {lang:?}");
            if lang == Lang::En {
                preview(&format!("papers-landscape-{}x{}-x{scale}", size.0, size.1), &svg);
            }
            for colour in [WITH_BN, WITHOUT_BN] {
                assert!(count_with(&svg, "polyline", "stroke", colour) >= 3, "{name}: a line per panel in {colour}");
            }
            assert!(shows(&svg, "200"), "{name}: the last step's number");
            assert_readable(&name, &svg, px, scale);
            // Its axes' numbers in the labels' font, as the other charts' (they were 0.85 of it,
            // the smallest text of any chart: 11.9 px on a phone).
            let boxes = text_boxes(&svg);
            let font = Style { scale, lang }.font();
            let numbers: Vec<f64> = boxes.iter().filter(|b| b.text.parse::<f64>().is_ok()).map(|b| b.size).collect();
            assert!(
                numbers.len() >= 6 && numbers.iter().all(|&n| (n - font).abs() < 0.5),
                "{name}: numbers {numbers:?} px, the labels' font {font} px"
            );
        }
    }
}

/// The Santurkar et al. preset after ~2700 steps: 273 probes a model, the noisy one spiky.
fn long_run_view() -> LandscapeView {
    let probes = 273;
    let steps: Vec<u64> = (0..probes as u64).map(|k| k * 10).collect();
    // A deterministic jitter in 0…1, and a spike every 17th probe.
    let noise = |k: usize, m: usize| (((k * 7919 + m * 104729) % 1000) as f32) / 1000.0;
    let curve = |m: usize, base: f32| -> Vec<f32> {
        (0..probes)
            .map(|k| {
                base * (1.0 + m as f32)
                    * (0.3 + 2.0 / (1.0 + k as f32 * 0.05) + noise(k, m) + if k % 17 == 5 { 3.0 } else { 0.0 })
            })
            .collect()
    };
    let lower = |v: Vec<f32>| v.iter().map(|x| x * 0.6).collect::<Vec<f32>>();
    LandscapeView {
        steps,
        loss: [0, 1].map(|m| [lower(curve(m, 0.5)), curve(m, 0.5)]),
        grad_change: [0, 1].map(|m| [lower(curve(m, 1.0)), curve(m, 1.0)]),
        beta: [0, 1].map(|m| curve(m, 2.0)),
        names: ["with BatchNorm1d", "with noisy BatchNorm1d"],
        probing: true,
    }
}

/// A long run at a laptop's size (1366×768: the chart about 500 × 612 CSS pixels) and on a phone:
/// readable (every text at least 11 CSS px, none over another); no dots where probes are closer
/// than a dot (273 probes in 430 px drew 1 638 overlapping dots, a solid smear) and at most two
/// points a column of 2 px per line (the chart costs what the eye can see); the bands drawn over
/// the lines, so no spike hides them. A short run keeps its dots.
#[test]
fn a_long_run_reads_as_lines_with_its_bands_on_top() {
    let view = long_run_view();
    for ((w, h), scale) in [((500, 612), 1.0), ((361, 448), 3.0)] {
        let px = ((w as f64 * scale) as u32, (h as f64 * scale) as u32);
        let svg = render(px, Style { scale, ..Style::default() }, |root, style| landscape::draw(root, &view, style));
        let name = format!("long run {w}×{h} × {scale}");
        if scale == 1.0 {
            preview("papers-landscape-long-run-500x612", &svg);
        }
        assert_readable(&name, &svg, px, scale);
        for colour in [WITH_BN, WITHOUT_BN] {
            assert_eq!(count_with(&svg, "circle", "fill", colour), 0, "{name}: dots in {colour}");
            // (The legend's key is a line of two points.)
            let points_of = |t: &&str| attr(t, "points").unwrap_or("").split_whitespace().count();
            let lines: Vec<&str> = tags(&svg, "polyline")
                .into_iter()
                .filter(|t| attr(t, "stroke") == Some(colour) && points_of(t) > 2)
                .collect();
            assert_eq!(lines.len(), 3, "{name}: a line per panel in {colour}");
            for line in lines {
                let points = points_of(&line);
                assert!(
                    points >= 100 && (points as f64) <= w as f64 * scale,
                    "{name}: {points} points in a {w} px chart"
                );
            }
        }
        // In drawing order, the marks of the two models (L a line, B a band): in each of the
        // first two panels both lines, then both bands over them (each band was drawn under its
        // own line and the other model's spikes: "BLBL").
        let marks: String = svg
            .match_indices('<')
            .filter_map(|(i, _)| {
                let tag = &svg[i..i + svg[i..].find('>').unwrap_or(0)];
                let ours = |name| [WITH_BN, WITHOUT_BN].iter().any(|c| attr(tag, name) == Some(*c));
                if tag.starts_with("<polyline ") && ours("stroke") {
                    Some('L')
                } else if tag.starts_with("<polygon ") && ours("fill") {
                    Some('B')
                } else {
                    None
                }
            })
            .collect();
        assert!(marks.ends_with("LLBBLLBBLL"), "{name}: marks in the order {marks}");
    }
    let short = render((900, 700), Style::default(), |root, style| landscape::draw(root, &landscape_view(12), style));
    assert!(count_with(&short, "circle", "fill", WITH_BN) >= 3 * 12, "a short run's probes as dots");
}
