//! The "which axis?" charts, rendered to SVG natively, with views built from the real layers:
//! the grid outlines exactly each layer's group of the hovered value, `cell_at` finds the cell
//! drawn under every pixel, the histograms' legends give each layer's numbers, refusals are
//! shown, and odd views draw a placeholder or what is drawable instead of panicking.
//! Realistic renderings are written to target/chart-previews/norms-*.svg for a person to look at.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use batchnorm_playground::charts::common::num;
use batchnorm_playground::charts::{norm_grid, norm_outputs, NormPanel, NormsView, Style};
use batchnorm_playground::core::norms::{GroupNorm, InstanceNorm1d, LayerNorm, Normalization, DEFAULT_EPS};
use batchnorm_playground::core::stats::mean_std;
use batchnorm_playground::core::{BatchNorm1d, BatchNormConfig};
use batchnorm_playground::i18n::{error_message, Lang};

mod support;
use support::numbers::Numbers;
use support::svg::*;

/// How plotters' SVG backend writes the colours these charts use.
const GROUP: &str = "#000000";
const DOT: &str = "#191919";
const GRID_LINES: &str = "#CDCDCD";
const FEATURE: &str = "#0072B2";
const SAMPLE: &str = "#D55E00";

const NAMES: [&str; 4] = ["BatchNorm1d", "LayerNorm", "InstanceNorm1d", "GroupNorm"];

// ----- rendering -------------------------------------------------------------------------------

fn render_grid(view: &NormsView, size: (u32, u32), style: Style) -> String {
    render(size, style, |root, style| norm_grid::draw(root, view, style))
}

fn render_outputs(view: &NormsView, size: (u32, u32), style: Style) -> String {
    render(size, style, |root, style| norm_outputs::draw(root, view, style))
}

// ----- reading the SVG back ----------------------------------------------------------------------

fn num_attr(tag: &str, name: &str) -> f64 {
    attr(tag, name).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("{name} in {tag}"))
}

/// The SVG split at each panel's title (a `<text>` that is exactly the layer's name): the part
/// of the drawing that belongs to each panel, in order.
fn panel_parts<'a>(svg: &'a str, names: &[&str]) -> Vec<&'a str> {
    let text_starts: Vec<usize> = svg.match_indices("<text ").map(|(i, _)| i).collect();
    let content = |i: usize| {
        let t = &svg[i..];
        t.find('>').and_then(|a| Some(t[a + 1..a + t[a..].find("</text>")?].trim()))
    };
    let mut starts: Vec<usize> = Vec::new();
    for name in names {
        let after = starts.last().copied().unwrap_or(0);
        let start = text_starts
            .iter()
            .copied()
            .find(|&i| i >= after && content(i) == Some(*name))
            .unwrap_or_else(|| panic!("panel title {name}"));
        starts.push(start);
    }
    (0..starts.len()).map(|k| &svg[starts[k]..starts.get(k + 1).copied().unwrap_or(svg.len())]).collect()
}

/// A panel's cells: its filled rectangles except the grid lines behind them, as (centre x,
/// centre y) in the SVG's pixels.
fn cell_centres(part: &str) -> Vec<(f64, f64)> {
    tags(part, "rect")
        .into_iter()
        .filter(|t| attr(t, "stroke") == Some("none") && attr(t, "fill") != Some(GRID_LINES))
        .map(|t| (num_attr(t, "x") + num_attr(t, "width") / 2.0, num_attr(t, "y") + num_attr(t, "height") / 2.0))
        .collect()
}

/// The centres of the closed outlines in `colour` (one per outlined cell).
fn outline_centres(part: &str, colour: &str) -> Vec<(f64, f64)> {
    tags(part, "polyline")
        .into_iter()
        .filter(|t| attr(t, "stroke") == Some(colour))
        .map(|t| {
            let points: Vec<(f64, f64)> = attr(t, "points")
                .expect("points")
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').expect("x,y");
                    (x.parse().expect("x"), y.parse().expect("y"))
                })
                .collect();
            assert_eq!(points.len(), 5, "a closed outline: {t}");
            let (xs, ys): (Vec<f64>, Vec<f64>) = points.into_iter().unzip();
            let mid = |v: &[f64]| {
                0.5 * (v.iter().cloned().fold(f64::MAX, f64::min) + v.iter().cloned().fold(f64::MIN, f64::max))
            };
            (mid(&xs), mid(&ys))
        })
        .collect()
}

// ----- realistic views ---------------------------------------------------------------------------

/// A row-major (n, c, l) batch whose features have their own means (around ±2) and spreads,
/// and whose samples are shifted a little each (so every layer's groups differ).
fn batch(n: usize, c: usize, l: usize, seed: u64) -> Vec<f32> {
    let mut numbers = Numbers(seed);
    let mean: Vec<f64> = (0..c).map(|_| 2.0 * numbers.normal()).collect();
    let sd: Vec<f64> = (0..c).map(|_| 0.5 * 3f64.powf(numbers.uniform())).collect();
    let shift: Vec<f64> = (0..n).map(|_| 0.7 * numbers.normal()).collect();
    let mut x = Vec::with_capacity(n * c * l);
    for s in &shift {
        for f in 0..c {
            for _ in 0..l {
                x.push((mean[f] + s + sd[f] * numbers.normal()) as f32);
            }
        }
    }
    x
}

/// The page's four layers for an (n, c, l) input with `groups` GroupNorm groups (a constructor
/// that refuses becomes a refusal).
fn layers(c: usize, l: usize, groups: usize) -> Vec<Result<Box<dyn Normalization>, String>> {
    let en = |e| error_message(&e, Lang::En);
    let layer_norm =
        if l == 1 { LayerNorm::new(&[c], DEFAULT_EPS, false) } else { LayerNorm::new(&[c, l], DEFAULT_EPS, false) };
    vec![
        BatchNorm1d::new(BatchNormConfig::new(c)).map(|b| Box::new(b) as Box<dyn Normalization>).map_err(en),
        layer_norm.map(|b| Box::new(b) as Box<dyn Normalization>).map_err(en),
        InstanceNorm1d::new(c, DEFAULT_EPS, false).map(|b| Box::new(b) as Box<dyn Normalization>).map_err(en),
        GroupNorm::new(groups, c, DEFAULT_EPS, false).map(|b| Box::new(b) as Box<dyn Normalization>).map_err(en),
    ]
}

/// A view as the page builds it: the real layers' outputs and groups for the hovered cell.
fn norms_view(n: usize, c: usize, l: usize, groups: usize, cell: (usize, usize, usize)) -> NormsView {
    let input = batch(n, c, l, 7 + (n * 31 + c * 7 + l) as u64);
    let flat = (cell.0 * c + cell.1) * l + cell.2;
    let panels = layers(c, l, groups)
        .into_iter()
        .zip(NAMES)
        .map(|(layer, name)| {
            // (N, C) input is (N, C, 1) for InstanceNorm1d (which refuses it: L = 1).
            let dims = if l == 1 && name != "InstanceNorm1d" { vec![n, c] } else { vec![n, c, l] };
            let over = layer.as_ref().map(|l| l.describe()).unwrap_or_default();
            match layer.and_then(|mut layer| layer.forward(&input, &dims).map_err(|e| error_message(&e, Lang::En))) {
                Ok(trace) => {
                    let group = trace.group_of(flat).map(|g| trace.members(g)).unwrap_or_default();
                    NormPanel { name: name.to_string(), over, group, output: trace.output, refusal: None }
                }
                Err(refusal) => {
                    NormPanel { name: name.to_string(), over, refusal: Some(refusal), ..NormPanel::default() }
                }
            }
        })
        .collect();
    NormsView { n, c, l, input, cell, panels }
}

/// Flat index of (sample, feature, position).
fn flat(view: &NormsView, (i, f, p): (usize, usize, usize)) -> usize {
    (i * view.c + f) * view.l + p
}

/// The cell under CSS pixel (x, y) of the grid drawn `w` × `h` at scale 1, through the placement
/// its draw records.
fn cell_at_css(view: &NormsView, x: f64, y: f64, w: f64, h: f64) -> Option<(usize, usize, usize)> {
    let size = (w.max(0.0) as u32, h.max(0.0) as u32);
    norm_grid::grid_map(view, size, 1.0).ok().and_then(|map| norm_grid::cell_at(&map, x, y, w, h))
}

// ----- the grid ----------------------------------------------------------------------------------

/// Checks one rendering of the grid: every panel's cells are all there and map back to
/// themselves through `cell_at`, its outlines are exactly its group, and the hovered cell has
/// its dot. `scale` is the Style's; `cell_at` gets CSS pixels (the SVG's divided by it).
fn check_grid(view: &NormsView, svg: &str, size: (u32, u32), scale: f64) {
    let (css_w, css_h) = (size.0 as f64 / scale, size.1 as f64 / scale);
    let names: Vec<&str> = view.panels.iter().map(|p| p.name.as_str()).collect();
    let said = texts(svg).join(" ");
    for (panel, part) in view.panels.iter().zip(panel_parts(svg, &names)) {
        let map = norm_grid::grid_map(view, size, scale).expect("a grid");
        let at = |(x, y): (f64, f64)| norm_grid::cell_at(&map, x / scale, y / scale, css_w, css_h);
        if let Some(refusal) = &panel.refusal {
            assert!(cell_centres(part).is_empty(), "{}: no grid when refused", panel.name);
            assert!(shows(part, "PyTorch raises:"), "{}", panel.name);
            let first_words: String = refusal.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
            assert!(shows(part, &first_words), "{}: {:?} in {:?}", panel.name, first_words, texts(part));
            continue;
        }
        // Every drawn cell once, and cell_at of its centre is that cell.
        let centres = cell_centres(part);
        let cells: Vec<(usize, usize, usize)> = centres
            .iter()
            .map(|&c| at(c).unwrap_or_else(|| panic!("{}: no cell under the centre {c:?}", panel.name)))
            .collect();
        // The drawn part is a window of the batch — whole runs of samples, features and
        // positions — in row-major order, and it holds the chosen cell.
        let span = |k: fn(&(usize, usize, usize)) -> usize| {
            let v: BTreeSet<usize> = cells.iter().map(k).collect();
            (v.first().copied().unwrap_or(0), v.last().map_or(0, |&last| last + 1))
        };
        let (rows, features, positions) = (span(|c| c.0), span(|c| c.1), span(|c| c.2));
        let expected: Vec<_> = (rows.0..rows.1)
            .flat_map(|i| {
                (features.0..features.1).flat_map(move |f| (positions.0..positions.1).map(move |p| (i, f, p)))
            })
            .collect();
        assert_eq!(cells, expected, "{}: cell_at agrees with where each cell is drawn", panel.name);
        let chosen = view.cell;
        let inside = |(a, b): (usize, usize), k: usize| a <= k && k < b;
        assert!(
            inside(rows, chosen.0) && inside(features, chosen.1) && inside(positions, chosen.2),
            "{}: the chosen cell {chosen:?} is not drawn (samples {rows:?}, features {features:?}, positions {positions:?})",
            panel.name
        );
        // The legend says which part is drawn, when it is not all of the batch.
        let whole = rows == (0, view.n) && features == (0, view.c) && positions == (0, view.l);
        let part_said = if view.l == 1 {
            format!("showing samples {}–{}, features {}–{}", rows.0, rows.1 - 1, features.0, features.1 - 1)
        } else {
            format!(
                "showing samples {}–{}, features {}–{}, positions {}–{}",
                rows.0,
                rows.1 - 1,
                features.0,
                features.1 - 1,
                positions.0,
                positions.1 - 1
            )
        };
        assert_eq!(said.contains(&part_said), !whole, "{}: {part_said:?} in {said:?}", panel.name);
        // Each row label "n=K" is beside sample K's cells, each feature label "c=K" over K's.
        for b in text_boxes(part) {
            let y = 0.5 * (b.top + b.bottom);
            let nearest = |d: &dyn Fn(&(f64, f64)) -> f64| {
                centres.iter().zip(&cells).min_by(|a, b| d(a.0).total_cmp(&d(b.0))).map(|(_, &c)| c)
            };
            if let Some(k) = b.text.strip_prefix("n=").and_then(|k| k.parse::<usize>().ok()) {
                let row = nearest(&|c| (c.1 - y).abs()).map(|c| c.0);
                assert_eq!(row, Some(k), "{}: the label {:?} is beside another row", panel.name, b.text);
            }
            // (Over a block narrower than itself, the first label starts at the grid's edge.)
            if let Some(k) = b.text.strip_prefix("c=").and_then(|k| k.parse::<usize>().ok()) {
                let xs = centres.iter().zip(&cells).filter(|(_, c)| c.1 == k).map(|(p, _)| p.0);
                let (lo, hi) = xs.fold((f64::MAX, f64::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
                assert!(
                    b.left <= hi && lo <= b.right,
                    "{}: the label {:?} is not over feature {k}",
                    panel.name,
                    b.text
                );
            }
        }

        // The outlined cells are the group, exactly.
        let outlined: BTreeSet<usize> = outline_centres(part, GROUP)
            .into_iter()
            .map(|c| flat(view, at(c).unwrap_or_else(|| panic!("{}: outline off the grid at {c:?}", panel.name))))
            .collect();
        // (Of a big batch only the window drawn.)
        let is_drawn = |k: &usize| {
            let (i, f, p) = (k / (view.c * view.l), k / view.l % view.c, k % view.l);
            inside(rows, i) && inside(features, f) && inside(positions, p)
        };
        let group: BTreeSet<usize> = panel.group.iter().copied().filter(is_drawn).collect();
        assert_eq!(outline_centres(part, GROUP).len(), group.len(), "{}: one outline per group cell", panel.name);
        assert_eq!(outlined, group, "{}: the outlined cells are the group", panel.name);
        // A thick border around the group, and the hovered cell's dot inside it.
        assert!(tags(part, "polyline").iter().any(|t| attr(t, "stroke") == Some(DOT)), "{}: border", panel.name);
        let dots: Vec<_> = tags(part, "circle").into_iter().filter(|t| attr(t, "fill") == Some(DOT)).collect();
        assert_eq!(dots.len(), 1, "{}: one hovered dot", panel.name);
        let dot = (num_attr(dots[0], "cx"), num_attr(dots[0], "cy"));
        assert_eq!(at(dot), Some(view.cell), "{}: the dot is on the hovered cell", panel.name);
        assert!(panel.group.contains(&flat(view, view.cell)), "the hovered cell is in its own group");
    }
}

#[test]
fn grid_outlines_each_layers_group_of_the_hovered_value() {
    // (n, c, l, GroupNorm groups, hovered cell)
    let cases = [(8, 4, 4, 2, (2, 1, 3)), (6, 6, 1, 3, (1, 4, 0)), (4, 8, 2, 4, (3, 7, 1)), (8, 8, 8, 2, (0, 0, 0))];
    for (n, c, l, g, cell) in cases {
        let view = norms_view(n, c, l, g, cell);
        // The groups a student should see.
        let sizes: Vec<usize> = view.panels.iter().map(|p| p.group.len()).collect();
        let instance = if l == 1 { 0 } else { l };
        assert_eq!(sizes, vec![n * l, c * l, instance, c / g * l], "BN, LN, IN, GN groups for {n}×{c}×{l}");
        for size in [(800, 500), (480, 360)] {
            let svg = render_grid(&view, size, Style::default());
            preview(&format!("norms-grid-{n}x{c}x{l}-{}x{}", size.0, size.1), &svg);
            assert_white_background(&svg, size);
            for name in NAMES {
                assert!(shows(&svg, name), "{name}");
            }
            assert!(shows(&svg, "outlined: same mean and σ as the chosen value"), "{:?}", texts(&svg));
            let index =
                if l == 1 { format!("{}, {}", cell.0, cell.1) } else { format!("{}, {}, {}", cell.0, cell.1, cell.2) };
            let x = view.input[flat(&view, cell)] as f64;
            assert!(shows(&svg, &format!("chosen x[{index}] = {}", num(x))), "{:?}", texts(&svg));
            // The chosen cell's sample and feature are always labelled (a label next to it, as
            // n=0 beside a chosen n=1, is left out rather than drawn over it).
            let (row, feature) = (format!("n={}", cell.0), format!("c={}", cell.1));
            assert!(shows(&svg, &row) && shows(&svg, &feature), "{row}, {feature}: {:?}", texts(&svg));
            // What each layer normalizes over, in its panel.
            assert!(shows(&svg, "per channel"), "{:?}", texts(&svg));
            check_grid(&view, &svg, size, 1.0);
        }
    }
}

#[test]
fn grid_at_any_scale_maps_css_pixels_to_the_same_cells() {
    let view = norms_view(8, 4, 4, 2, (5, 2, 1));
    for (size, scale) in [((1600, 1000), 2.0), ((1200, 750), 1.5), ((1000, 625), 1.25), ((960, 720), 2.0)] {
        let svg = render_grid(&view, size, Style { scale, ..Style::default() });
        check_grid(&view, &svg, size, scale);
    }
    let svg = render_grid(&view, (1600, 1000), Style { scale: 2.0, ..Style::default() });
    preview("norms-grid-scale2-1600x1000", &svg);
}

#[test]
fn grid_in_chinese_keeps_the_same_layout() {
    let view = norms_view(8, 4, 4, 2, (2, 1, 3));
    for (size, lang) in [(800, 500), (480, 360)].into_iter().flat_map(|s| [(s, Lang::ZhHant), (s, Lang::ZhHans)]) {
        let svg = render_grid(&view, size, Style { lang, ..Style::default() });
        preview(&format!("norms-grid-{}-{}x{}", lang.code(), size.0, size.1), &svg);
        // cell_at has no language: the layout must not depend on it.
        check_grid(&view, &svg, size, 1.0);
    }
}

#[test]
fn cell_at_is_none_between_cells_and_outside() {
    let view = norms_view(8, 4, 4, 2, (2, 1, 3));
    let (w, h) = (800.0, 500.0);
    let svg = render_grid(&view, (800, 500), Style::default());
    let part = panel_parts(&svg, &NAMES)[0];
    let centres = cell_centres(part);
    // Cells (0, 0, 3) and (0, 1, 0): the gap between features 0 and 1.
    let (a, b) = (centres[3], centres[4]);
    let half = (centres[1].0 - centres[0].0) / 2.0;
    assert_eq!(cell_at_css(&view, a.0, a.1, w, h), Some((0, 0, 3)));
    assert_eq!(cell_at_css(&view, b.0, b.1, w, h), Some((0, 1, 0)));
    let gap = (a.0 + half + 1.0 + b.0 - half - 1.0) / 2.0;
    assert_eq!(cell_at_css(&view, gap, a.1, w, h), None, "between feature blocks");
    assert_eq!(cell_at_css(&view, a.0, a.1 - 3.0 * half, w, h), None, "above the grid");
    assert_eq!(cell_at_css(&view, centres[0].0 - 3.0 * half, a.1, w, h), None, "on the row labels");
    for (x, y) in [(0.0, 0.0), (w - 1.0, h - 1.0), (-5.0, 100.0), (f64::NAN, 100.0), (100.0, f64::INFINITY)] {
        assert_eq!(cell_at_css(&view, x, y, w, h), None, "({x}, {y})");
    }
    for (ww, hh) in [(0.0, 0.0), (f64::NAN, 500.0), (-800.0, 500.0), (40.0, 30.0)] {
        assert_eq!(cell_at_css(&view, a.0, a.1, ww, hh), None, "{ww} × {hh}");
    }
    assert_eq!(cell_at_css(&NormsView::default(), a.0, a.1, w, h), None);

    // A refused panel has no grid: nothing under where its cells would be. (The layout does
    // not depend on refusals: the same view without them has its cells there.)
    let refused = norms_view(6, 6, 1, 4, (0, 0, 0));
    assert!(refused.panels[2].refusal.is_some() && refused.panels[3].refusal.is_some(), "IN with L = 1, GN 6/4");
    let mut unrefused = refused.clone();
    for p in &mut unrefused.panels {
        p.refusal = None;
    }
    let svg = render_grid(&unrefused, (800, 500), Style::default());
    let parts = panel_parts(&svg, &NAMES);
    for (k, part) in parts.iter().enumerate() {
        for c in cell_centres(part) {
            let hit = cell_at_css(&refused, c.0, c.1, w, h);
            assert_eq!(hit.is_some(), k < 2, "panel {k} at {c:?}: {hit:?}");
            assert_eq!(hit, cell_at_css(&unrefused, c.0, c.1, w, h).filter(|_| k < 2));
        }
    }
}

// ----- the histograms ----------------------------------------------------------------------------

/// The legend numbers a panel should show for feature c and sample n of `output`.
fn expected_numbers(view: &NormsView, output: &[f32]) -> (String, String) {
    let (i, f, _) = view.cell;
    let (n, c, l) = (view.n, view.c, view.l);
    let feature: Vec<f32> = (0..n).flat_map(|s| (0..l).map(move |p| output[(s * c + f) * l + p])).collect();
    let sample: Vec<f32> = (0..c * l).map(|k| output[i * c * l + k]).collect();
    let describe = |name: String, v: &[f32]| {
        let (m, s) = mean_std(v).expect("values");
        // A mean 0 up to float32 rounding reads "≈ 0" (numbers::mean), as in the BatchNorm1d view.
        format!("{name}: mean {}, σ {}", batchnorm_playground::numbers::mean(m, s), num(s))
    };
    (describe(format!("feature {f}"), &feature), describe(format!("sample {i}"), &sample))
}

/// "feature 2: mean 0, σ 1.00" → "mean 0, σ 1.00".
fn unnamed(text: &str) -> String {
    text.split_once(": ").map_or(text, |(_, rest)| rest).to_string()
}

#[test]
fn outputs_show_each_layers_feature_and_sample_statistics() {
    let cases = [(8, 4, 4, 2, (1, 2, 0)), (8, 6, 1, 3, (3, 1, 0)), (6, 8, 3, 4, (0, 5, 2))];
    for (n, c, l, g, cell) in cases {
        let view = norms_view(n, c, l, g, cell);
        for size in [(800, 500), (480, 360), (340, 680)] {
            let svg = render_outputs(&view, size, Style::default());
            preview(&format!("norms-outputs-{n}x{c}x{l}-{}x{}", size.0, size.1), &svg);
            assert_white_background(&svg, size);
            let (i, f, _) = cell;
            assert!(shows(&svg, "Each layer's output y"));
            let (feature, sample) = if l == 1 {
                (format!("feature {f}: all samples"), format!("sample {i}: all features"))
            } else {
                (format!("feature {f}: all samples and positions"), format!("sample {i}: all features and positions"))
            };
            assert!(shows(&svg, &feature) && shows(&svg, &sample), "{:?}", texts(&svg));
            // Narrow panels side by side drop the name from the numbers (the colour and the legend
            // above say it); a phone's tall box puts them one above the other, names and all.
            let narrow = size == (480, 360);
            let names: Vec<&str> = view.panels.iter().map(|p| p.name.as_str()).collect();
            for (panel, part) in view.panels.iter().zip(panel_parts(&svg, &names)) {
                if let Some(refusal) = &panel.refusal {
                    assert!(shows(part, "PyTorch raises:"), "{}", panel.name);
                    let first_words: String = refusal.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
                    assert!(shows(part, &first_words), "{}: {:?}", panel.name, texts(part));
                    assert_eq!(tags(part, "rect").iter().filter(|t| attr(t, "fill") == Some(FEATURE)).count(), 0);
                    continue;
                }
                let (feature, sample) = expected_numbers(&view, &panel.output);
                let (feature, sample) = if narrow { (unnamed(&feature), unnamed(&sample)) } else { (feature, sample) };
                // Numbers are never cut short ("σ 0.9…" once read as 0.9): a panel without room
                // for "mean 0, σ 1.00" says "μ 0, σ 1.00".
                let shown = |want: &str| {
                    let symbols = want.replace("mean ", "μ ");
                    texts(part).iter().any(|t| *t == want || (narrow && *t == symbols))
                };
                assert!(shown(&feature), "{}: {feature} in {:?}", panel.name, texts(part));
                assert!(shown(&sample), "{}: {sample} in {:?}", panel.name, texts(part));
                // Bars in both colours (legend swatch + at least one bar each), and mean lines.
                let bars = |colour| tags(part, "rect").iter().filter(|t| attr(t, "fill") == Some(colour)).count();
                assert!(bars(FEATURE) >= 2 && bars(SAMPLE) >= 2, "{}: bars", panel.name);
                let lines =
                    |colour| tags(part, "polyline").iter().filter(|t| attr(t, "stroke") == Some(colour)).count();
                assert!(lines(FEATURE) >= 4 && lines(SAMPLE) >= 4, "{}: mean line, σ bar and caps", panel.name);
            }
            // The point of the chart, in numbers: BatchNorm1d normalizes the feature, LayerNorm the sample.
            let parts = panel_parts(&svg, &names);
            let (bn, ln) = if narrow {
                ("mean ".to_string(), "mean ".to_string())
            } else {
                (format!("feature {f}: mean "), format!("sample {i}: mean "))
            };
            let normalized =
                |t: &str, prefix: &str| normalized(t, prefix) || normalized(t, &prefix.replace("mean ", "μ "));
            assert!(texts(parts[0]).iter().any(|t| normalized(t, &bn)), "{:?}", texts(parts[0]));
            assert!(texts(parts[1]).iter().any(|t| normalized(t, &ln)), "{:?}", texts(parts[1]));
        }
    }
}

/// A legend `{prefix}{mean}, σ 1`: a mean of 0 up to float32 rounding (printed as it is, a
/// few e-8, not rounded to 0) and a σ of 1.
fn normalized(text: &str, prefix: &str) -> bool {
    let Some(rest) = text.find(prefix).map(|i| &text[i + prefix.len()..]) else { return false };
    let Some((mean, sd)) = rest.split_once(", σ ") else { return false };
    (mean == "≈ 0" || mean.parse::<f64>().is_ok_and(|m| m.abs() < 1e-5))
        && (sd == "1" || sd.starts_with("1 ") || sd.starts_with("0.9999"))
}

#[test]
fn outputs_show_refusals() {
    // L = 1: InstanceNorm1d refuses; 6 features in 4 groups: GroupNorm refuses.
    let view = norms_view(6, 6, 1, 4, (0, 0, 0));
    let svg = render_outputs(&view, (800, 500), Style::default());
    preview("norms-outputs-refused-800x500", &svg);
    let parts = panel_parts(&svg, &NAMES);
    for k in [2, 3] {
        assert!(shows(parts[k], "PyTorch raises:"), "{:?}", texts(parts[k]));
    }
    assert!(texts(parts[0]).iter().any(|t| normalized(t, "feature 0: mean ")), "{:?}", texts(parts[0]));
    let zh = render_outputs(&view, (800, 500), Style { lang: Lang::ZhHant, ..Style::default() });
    preview("norms-outputs-refused-zh-800x500", &zh);
    let grid = render_grid(&view, (800, 500), Style::default());
    preview("norms-grid-refused-800x500", &grid);
    check_grid(&view, &grid, (800, 500), 1.0);
}

// ----- odd views ---------------------------------------------------------------------------------

/// Views no page should make, but which must not panic.
fn odd_views() -> Vec<(&'static str, NormsView)> {
    let good = norms_view(8, 4, 4, 2, (1, 2, 0));
    let mut odd = vec![("default", NormsView::default())];
    let mut v = good.clone();
    v.input.truncate(20);
    odd.push(("short input", v));
    let mut v = good.clone();
    v.input.extend([1.0; 50]);
    odd.push(("long input", v));
    let mut v = good.clone();
    for (k, x) in v.input.iter_mut().enumerate() {
        if k % 3 == 0 {
            *x = f32::NAN;
        } else if k % 7 == 0 {
            *x = f32::INFINITY;
        }
    }
    for p in &mut v.panels {
        p.output.truncate(40);
        // Feature 2 of sample 1.
        if let Some(y) = p.output.get_mut(24) {
            *y = f32::NAN;
        }
    }
    odd.push(("NaN and short outputs", v));
    let mut v = good.clone();
    v.input = vec![f32::NAN; v.input.len()];
    for p in &mut v.panels {
        p.output = vec![f32::NAN; p.output.len()];
    }
    odd.push(("all NaN", v));
    let mut v = good.clone();
    v.input = vec![0.0; v.input.len()];
    for p in &mut v.panels {
        p.output = vec![0.0; p.output.len()];
    }
    odd.push(("all zero", v));
    let mut v = good.clone();
    v.input = v.input.iter().map(|x| x * 3e37).collect();
    odd.push(("huge values", v));
    let mut v = good.clone();
    v.cell = (99, 99, 99);
    odd.push(("cell out of range", v));
    let mut v = good.clone();
    v.cell = (usize::MAX, usize::MAX, usize::MAX);
    odd.push(("cell at usize::MAX", v));
    let mut v = good.clone();
    v.panels[0].group.extend([usize::MAX, 10_000, 0, 0]);
    v.panels[1].group.clear();
    odd.push(("odd groups", v));
    for k in 0..4 {
        let mut v = good.clone();
        v.panels.truncate(k);
        odd.push((["no panels", "one panel", "two panels", "three panels"][k], v));
    }
    let mut v = good.clone();
    v.panels.extend(good.panels.clone());
    odd.push(("eight panels", v));
    let mut v = good.clone();
    v.n = 0;
    odd.push(("n = 0", v));
    let mut v = good.clone();
    (v.n, v.c, v.l) = (usize::MAX, usize::MAX, 2);
    odd.push(("dims overflow", v));
    let mut v = good.clone();
    (v.n, v.c, v.l) = (1 << 40, 1 << 20, 1);
    odd.push(("dims huge, data small", v));
    let mut v = good.clone();
    for p in &mut v.panels {
        p.output.clear();
        p.name = String::new();
        p.over = "x".repeat(500);
    }
    odd.push(("no outputs, long words", v));
    let mut v = good;
    v.panels[2].refusal = Some(String::new());
    odd.push(("empty refusal", v));
    odd.push(("one value", norms_view(1, 1, 1, 1, (0, 0, 0))));
    odd.push(("one sample", norms_view(1, 8, 4, 2, (0, 3, 1))));
    odd
}

#[test]
fn odd_views_draw_a_placeholder_or_what_is_drawable() {
    let size = (800, 500);
    for (what, view) in odd_views() {
        for style in Lang::ALL.map(|lang| Style { lang, ..Style::default() }) {
            let grid = render_grid(&view, size, style);
            assert_white_background(&grid, size);
            let outputs = render_outputs(&view, size, style);
            assert_white_background(&outputs, size);
        }
        let grid = render_grid(&view, size, Style::default());
        let outputs = render_outputs(&view, size, Style::default());
        let nothing = view.input.is_empty() || view.panels.is_empty() || view.n == 0 || what == "dims overflow";
        assert_eq!(shows(&grid, NO_DATA), nothing, "{what}: grid placeholder {:?}", texts(&grid));
        if nothing {
            assert!(shows(&outputs, NO_DATA), "{what}: outputs placeholder");
            continue;
        }
        // Something is drawn, and cell_at agrees with it everywhere.
        let drawn: usize = view.panels.iter().take(4).map(|p| p.name.as_str()).filter(|n| !n.is_empty()).count();
        assert!(drawn == 0 || texts(&grid).iter().any(|t| t.starts_with("c=")), "{what}: {:?}", texts(&grid));
        for (x, y) in (0..800).step_by(13).flat_map(|x| (0..500).step_by(17).map(move |y| (x as f64, y as f64))) {
            if let Some((i, f, p)) = cell_at_css(&view, x, y, 800.0, 500.0) {
                assert!(i < view.n.min(64) && f < view.c && p < view.l.min(64), "{what}: ({i}, {f}, {p})");
            }
        }
    }
}

#[test]
fn odd_views_say_what_is_odd() {
    let views: Vec<(&str, NormsView)> = odd_views();
    let get = |name: &str| views.iter().find(|(w, _)| *w == name).map(|(_, v)| v.clone()).expect(name);
    let size = (800, 500);

    let svg = render_grid(&get("NaN and short outputs"), size, Style::default());
    assert!(shows(&svg, "NaN or missing"), "{:?}", texts(&svg));
    let svg = render_outputs(&get("NaN and short outputs"), size, Style::default());
    // "(1 NaN/inf not shown)", ellipsized where the panel is narrow.
    assert!(shows(&svg, "NaN/inf not sho"), "{:?}", texts(&svg));

    let svg = render_outputs(&get("all NaN"), size, Style::default());
    assert!(shows(&svg, "NaN or infinite"), "{:?}", texts(&svg));

    // Out of range: no dot, no group outline beyond what the panel says; a dash for the value.
    let view = get("cell out of range");
    let svg = render_grid(&view, size, Style::default());
    assert!(shows(&svg, "chosen x[99, 99, 99] = —"), "{:?}", texts(&svg));
    assert_eq!(tags(&svg, "circle").iter().filter(|t| attr(t, "fill") == Some(DOT)).count(), 1, "legend only");
    let svg = render_outputs(&view, size, Style::default());
    assert!(shows(&svg, "feature 99: no values") && shows(&svg, "sample 99: no values"), "{:?}", texts(&svg));

    // Repeated and out-of-range group indices: each drawn cell outlined once.
    let view = get("odd groups");
    let svg = render_grid(&view, size, Style::default());
    let parts = panel_parts(&svg, &NAMES);
    let group: BTreeSet<usize> = view.panels[0].group.iter().copied().filter(|&k| k < view.input.len()).collect();
    assert_eq!(outline_centres(parts[0], GROUP).len(), group.len());
    assert_eq!(outline_centres(parts[1], GROUP).len(), 0);

    // Fewer panels: each drawn, and cell_at still agrees.
    for name in ["one panel", "two panels", "three panels"] {
        let view = get(name);
        let svg = render_grid(&view, size, Style::default());
        check_grid(&view, &svg, size, 1.0);
        let svg = render_outputs(&view, size, Style::default());
        for p in &view.panels {
            assert!(shows(&svg, &p.name));
        }
    }
    // More than four: the first four.
    let svg = render_grid(&get("eight panels"), size, Style::default());
    assert_eq!(texts(&svg).iter().filter(|t| *t == "BatchNorm1d").count(), 1);

    // Huge dims with little data: the first 64 rows × 64 columns at most, and a note (L = 1
    // here: an input (N, C) has no positions to name; it said "positions 0–0").
    let view = get("dims huge, data small");
    assert_eq!(view.l, 1);
    let svg = render_grid(&view, size, Style::default());
    assert!(shows(&svg, "showing samples 0–63, features 0–63"), "{:?}", texts(&svg));
    assert!(!texts(&svg).iter().any(|t| t.contains("positions 0–0")), "{:?}", texts(&svg));
}

#[test]
fn cell_at_is_quick_enough_for_every_mouse_move() {
    let view = norms_view(8, 8, 8, 2, (1, 2, 3));
    let started = std::time::Instant::now();
    let mut hits = 0;
    for k in 0..2000 {
        hits += usize::from(cell_at_css(&view, (k % 800) as f64, (k % 500) as f64, 800.0, 500.0).is_some());
    }
    let each = started.elapsed() / 2000;
    eprintln!("cell_at: {each:?} per call ({hits} hits)");
    // Generous: an unoptimized build on a slow machine; optimized it is far quicker.
    assert!(each < std::time::Duration::from_millis(5), "{each:?}");
}

#[test]
fn big_batches_are_capped() {
    // 100 samples × 40 features × 4 positions: 64 rows and 16 features of 4 positions are drawn at
    // most — the window of them that holds the chosen cell: samples 64–99, features 16–31.
    let view = norms_view(100, 40, 4, 8, (70, 30, 1));
    let svg = render_grid(&view, (800, 500), Style::default());
    preview("norms-grid-capped-800x500", &svg);
    assert!(shows(&svg, "showing samples 64–99, features 16–31, positions 0–3"), "{:?}", texts(&svg));
    for part in panel_parts(&svg, &NAMES) {
        assert_eq!(cell_centres(part).len(), 36 * 16 * 4);
    }
    check_grid(&view, &svg, (800, 500), 1.0);
    let svg = render_outputs(&view, (800, 500), Style::default());
    let (feature, sample) = expected_numbers(&view, &view.panels[0].output);
    assert!(shows(&svg, &feature) && shows(&svg, &sample), "statistics of all values, drawn or not");

    // A drawable cap check with the real cell_at round trip.
    let view = norms_view(70, 8, 10, 2, (3, 2, 1));
    let svg = render_grid(&view, (1000, 700), Style::default());
    check_grid(&view, &svg, (1000, 700), 1.0);
}

/// A batch larger than the chart can show is drawn in the part that holds the chosen cell: at
/// 16 × 16 × 16 a phone drew samples 0–7 of feature 0 whatever the cell (cell=12_9_5 or a key
/// had it outside: no dot, no group). The batch is cut into windows of the size that fits, and the
/// one holding the chosen cell is drawn, its rows and features labelled by their own numbers; a
/// tap or a pointer within it keeps it (every cell of a window chooses that window).
#[test]
fn a_capped_grid_shows_the_part_with_the_chosen_cell() {
    let cases = [
        // The chart's size on a 390 px phone at 3 device pixels a CSS pixel (and shorter, where
        // samples and positions are cut too), and on an 820 px tablet.
        ((361, 640), 3.0, (12, 9, 5), "showing samples 0–15, features 9–9, positions 0–15"),
        ((361, 520), 3.0, (12, 9, 5), "showing samples 12–15, features 9–9, positions 0–7"),
        ((361, 520), 3.0, (3, 0, 15), "showing samples 0–3, features 0–0, positions 8–15"),
        ((774, 460), 2.0, (12, 9, 5), "showing samples 0–15, features 8–11, positions 0–15"),
    ];
    for ((w, h), scale, cell, said) in cases {
        let view = norms_view(16, 16, 16, 2, cell);
        let px = ((w as f64 * scale) as u32, (h as f64 * scale) as u32);
        let svg = render_grid(&view, px, Style { scale, ..Style::default() });
        preview(&format!("norms-grid-16x16x16-{}_{}_{}-{w}x{h}", cell.0, cell.1, cell.2), &svg);
        let all = texts(&svg).join(" ");
        assert!(all.contains(said), "{cell:?} at {w} px: {said:?} not in {all:?}");
        check_grid(&view, &svg, px, scale);
        // Every cell of the window chooses that same window.
        let map = norm_grid::grid_map(&view, px, scale).expect("a grid");
        let centres = cell_centres(panel_parts(&svg, &NAMES)[0]);
        for &(x, y) in centres.iter().step_by(7) {
            let picked = norm_grid::cell_at(&map, x / scale, y / scale, w as f64, h as f64).expect("a cell");
            let again = norms_view(16, 16, 16, 2, picked);
            let svg = render_grid(&again, px, Style { scale, ..Style::default() });
            assert!(texts(&svg).join(" ").contains(said), "{picked:?} moved the window");
        }
    }
}

#[test]
fn tiny_huge_or_scaled_canvases_do_not_panic() {
    let view = norms_view(8, 4, 4, 2, (1, 2, 3));
    for size in [(1, 1), (10, 10), (60, 40), (200, 120), (300, 2000), (3000, 300)] {
        for scale in [0.5, 1.0, 3.0, 0.0, f64::NAN, -1.0] {
            let style = Style { scale, ..Style::default() };
            render_grid(&view, size, style);
            render_outputs(&view, size, style);
        }
    }
    let svg = render_grid(&view, (60, 40), Style::default());
    assert!(shows(&svg, "Too small to draw"), "{:?}", texts(&svg));
    // Wide and short: 1 × 4.
    for (name, size) in [("norms-grid-wide-1600x360", (1600, 360)), ("norms-outputs-wide-1600x360", (1600, 360))] {
        let svg = if name.contains("grid") {
            render_grid(&view, size, Style::default())
        } else {
            render_outputs(&view, size, Style::default())
        };
        preview(name, &svg);
        if name.contains("grid") {
            check_grid(&view, &svg, size, 1.0);
        }
    }
    let svg = render_outputs(&view, (1600, 1000), Style { scale: 2.0, ..Style::default() });
    preview("norms-outputs-scale2-1600x1000", &svg);
}

#[test]
fn the_norm_charts_read_at_every_size() {
    let mut cases: Vec<((u32, u32), f64)> = READABLE_SIZES.iter().map(|&s| (s, 1.0)).collect();
    cases.extend([((1080, 900), 3.0), ((1080, 540), 1.35)]);
    for view in [norms_view(8, 4, 4, 2, (1, 2, 3)), norms_view(6, 6, 1, 4, (0, 0, 0))] {
        for lang in [Lang::En, Lang::ZhHant] {
            for (size, scale) in &cases {
                let style = Style { scale: *scale, lang };
                let svg = render_grid(&view, *size, style);
                assert!(size.0 < 800 || !shows(&svg, TOO_SMALL), "grid {size:?} drew nothing");
                if !shows(&svg, TOO_SMALL) {
                    assert_readable(&format!("grid {size:?} × {scale} {lang:?}"), &svg, *size, *scale);
                }
                let svg = render_outputs(&view, *size, style);
                if !shows(&svg, TOO_SMALL) {
                    assert_readable(&format!("outputs {size:?} × {scale} {lang:?}"), &svg, *size, *scale);
                }
            }
        }
    }
}

/// The page's own view (its default batch and layers, "LayerNorm([6, 5], elementwise_affine=False)"
/// and all) at a phone's, a tablet's and a projector's chart size, in every language: every
/// layer's name and every legend item is there whole, wrapped onto more lines, never cut with "…".
#[test]
fn grid_shows_whole_names_and_legend_at_a_phones_width() {
    use batchnorm_playground::compare::{view, CompareSettings};
    // The chart's CSS size on a 390 px phone, an 820 px tablet and a 1920 px screen (style.css).
    for (size, scale) in [((361, 640), 2.0), ((361, 640), 1.0), ((774, 460), 1.0), ((1200, 460), 1.0)] {
        for lang in Lang::ALL {
            let v = view(&CompareSettings::default(), lang).expect("the default comparison");
            let px = (size.0 * scale as u32, size.1 * scale as u32);
            let svg = render_grid(&v, px, Style { scale, lang });
            let name = format!("grid {size:?} × {scale} {lang:?}");
            let shown = texts(&svg);
            assert!(shown.iter().all(|t| !t.contains('…')), "{name}: cut text in {shown:?}");
            // Lines are joined without their breaks (a break may be at a space or before a "(").
            let all: String = shown.concat().split_whitespace().collect();
            for panel in &v.panels {
                let words: String = panel.name.split_whitespace().collect();
                assert!(all.contains(&words), "{name}: {:?} is not all there in {shown:?}", panel.name);
            }
            assert_readable(&name, &svg, px, scale);
        }
    }
}

/// Presenter mode with the "Which axis?" lesson open (`?lesson=axis_0&present=1`): the lesson
/// takes the left column, so the grid is narrower (its CSS size at 1280×720 and 1920×1080, 100vh
/// − 8rem high, the page drawing at 1.35) — and every sample's row is still labelled, readable and
/// apart, in every language (at 1280×720 only n=1 and n=3 were; position numbers give way to them).
#[test]
fn presenter_mode_with_the_lesson_labels_every_row() {
    use batchnorm_playground::compare::{view, CompareSettings};
    for size in [(942, 552), (1441, 912)] {
        for lang in Lang::ALL {
            let v = view(&CompareSettings::default(), lang).expect("the default comparison");
            // Device pixels (a projector's devicePixelRatio of 1) = CSS pixels; presenter mode
            // draws everything 1.35 times larger.
            let px = size;
            let svg = render_grid(&v, px, Style { scale: 1.35, lang });
            let shown = texts(&svg);
            for row in ["n=0", "n=1", "n=2", "n=3"] {
                let n = shown.iter().filter(|t| t.as_str() == row).count();
                assert_eq!(n, 4, "{size:?} {lang:?}: {row} in {n} of the four grids: {shown:?}");
            }
            assert_readable(&format!("lesson grid {size:?} {lang:?}"), &svg, px, 1.35);
        }
    }
}

/// Refusals drawn in the grid are in the labels' 14 px, never smaller: at L = 1, N = 1 and
/// G = 6 three panels refuse, and on a laptop GroupNorm's PyTorch words and the page's, too long
/// for its panel, were drawn in 12 px. Where both do not fit, PyTorch's words alone (the page's
/// are under the chart).
#[test]
fn refusals_in_the_grid_are_readable() {
    use batchnorm_playground::compare::{view, CompareSettings};
    let s = CompareSettings { n: 1, c: 6, l: 1, groups: 6, seed: 1, cell: (0, 2, 0) };
    let view = view(&s, Lang::En).expect("a view");
    assert_eq!(view.panels.iter().filter(|p| p.refusal.is_some()).count(), 3, "BN, IN, GN refuse");
    let refusals: Vec<&str> = view.panels.iter().filter_map(|p| p.refusal.as_deref()).collect();
    for (size, scale) in [((1090, 460), 1.0), ((370, 760), 1.0), ((2180, 920), 2.0)] {
        let svg = render_grid(&view, size, Style { scale, ..Style::default() });
        let boxes = text_boxes(&svg);
        let drawn: Vec<&TextBox> = boxes
            .iter()
            .filter(|b| b.text.len() > 8 && refusals.iter().any(|r| r.contains(b.text.trim_end_matches('…'))))
            .collect();
        assert!(drawn.len() >= 3, "{size:?}: {:?}", texts(&svg));
        for b in drawn {
            assert!(b.size >= 14.0 * scale - 0.05, "{size:?}: {:?} in {} px", b.text, b.size);
        }
        for pytorch in refusals.iter().map(|r| r.split('\n').next().unwrap_or_default()) {
            let first_words: String = pytorch.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
            assert!(shows(&svg, &first_words), "{size:?}: {first_words}");
        }
    }
}
