//! Which values share one mean and variance? The same `(N, C, L)` batch drawn four times, once per
//! layer (BatchNorm1d, LayerNorm, InstanceNorm1d, GroupNorm).
//!
//! Each copy is a grid: one row per sample (n = 0, 1, …), one column per value of a sample,
//! grouped by feature (c = 0, 1, …: a block of L columns, positions l = 0 … L−1, with a small gap
//! between features). A cell's colour is its input value (blue negative, white 0, red positive,
//! the same scale in every copy). The values that share the hovered value's mean and σ — its
//! group in that layer — keep their colour, get a dark outline and a thick border around them;
//! every other value is faded; the hovered value has a dot. So at a glance: BatchNorm1d's group
//! is one feature's block down all samples, LayerNorm's one sample's row, InstanceNorm1d's one
//! sample's one feature, GroupNorm's one sample's few features.
//!
//! [`draw_mapped`] places everything with one function (`layout`), in CSS pixels (the chart's
//! pixels at `Style::scale` 1), multiplies by the scale, and returns the placement ([`GridMap`]);
//! [`cell_at`] maps the pointer back through it, so the cell under the mouse is the cell drawn there.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::common::{num, placeholder, size, text_style, title_style, NO_DATA, SANS, TOO_SMALL};
use super::text;
use super::{NormPanel, NormsView, Style, TEXT};
use crate::i18n::{t, tf, Lang};

/// At most this many samples (rows) and values per sample (columns) are drawn: the window of
/// them that holds the chosen cell (see [`Window::around`]).
pub const MAX_ROWS: usize = 64;
pub const MAX_COLUMNS: usize = 64;
/// At most this many layers are drawn (the view's first four).
pub const MAX_PANELS: usize = 4;

// The diverging colour scale, the missing values' grey, the group's outline and the grid's
// lines: from the one palette (common.rs).
use super::common::GRID_LINES;
pub use super::common::{BORDER, GROUP, MISSING, NEGATIVE, POSITIVE};
/// How far a value outside the group is faded towards white.
const FADE: f64 = 0.65;

// Layout at scale 1, in CSS pixels.
const PAD: f64 = 6.0;
const PANEL_GAP_X: f64 = 22.0;
const PANEL_GAP_Y: f64 = 12.0;
/// Cells are at most this big (a batch of 4 × 4 stays a grid, not a poster).
const MAX_CELL: f64 = 44.0;
/// Below this there is nothing to see: the chart says it is too small.
const MIN_CELL: f64 = 2.0;
/// The `over` words get up to this many lines: all they need, so a student reads them whole (a
/// phone's narrow panel in Chinese needs four).
const MAX_OVER_LINES: usize = 6;
/// A layer's name gets up to this many lines (a narrow panel: "LayerNorm([6, 5]," then
/// "elementwise_affine=False)").
const MAX_TITLE_LINES: usize = 4;

/// Font sizes at scale 1 (as `Style::font()` and `Style::title_font()` give them).
fn font() -> f64 {
    Style::default().font()
}
fn title_font() -> f64 {
    Style::default().title_font()
}
/// Position numbers under the grid are a little smaller.
fn small_font() -> f64 {
    0.85 * font()
}
fn legend_row() -> f64 {
    1.6 * font()
}
fn title_line() -> f64 {
    1.5 * title_font()
}
fn over_line() -> f64 {
    1.3 * font()
}
fn feature_line() -> f64 {
    1.45 * font()
}
fn position_line() -> f64 {
    1.35 * small_font()
}
/// Whether rows `cell_h` high each get their label: a label's line is 1.1 of its font's size,
/// the labels' font where that fits ([`full_size_row_labels`]), else the smaller one.
fn every_row_labelled(cell_h: f64) -> bool {
    cell_h >= 1.1 * small_font()
}

/// Whether the row labels are in the labels' own font: where rows hold its line (rows 0.95 of
/// the font high took it, and two labels overlapped), else in the smaller one.
fn full_size_row_labels(cell_h: f64) -> bool {
    cell_h >= 1.1 * font()
}

/// Draws the batch once per layer, each copy showing that layer's group of the hovered value.
/// The chart's name in a notice (it draws no title: its layers' names head its four grids); the
/// page's name for it, as its download button says ("the “Which axis?” grid").
pub fn heading(_: &NormsView, lang: Lang) -> String {
    t(lang, "norm-grid-name")
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &NormsView,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    draw_mapped(root, view, style).map(|_| ())
}

/// Where a draw placed every cell: what [`cell_at`] maps the pointer back through.
#[derive(Debug, Clone, PartialEq)]
pub struct GridMap {
    /// The drawing's size in backend pixels, and the scale its layout was multiplied by.
    size: (u32, u32),
    scale: f64,
    layout: Layout,
    /// Per panel: the layer refused the input (nothing to hover there).
    refused: Vec<bool>,
}

/// Draws the chart and returns where its cells went (None when a placeholder was drawn).
pub fn draw_mapped<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &NormsView,
    style: &Style,
) -> Result<Option<GridMap>, DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let style = &sane(style);
    let (width, height) = size(root);
    let map = match grid_map(view, (width as u32, height as u32), style.scale) {
        Ok(map) => map,
        Err(message) => return placeholder(root, message, style).map(|_| None),
    };
    let (pen, layout) = (Pen { area: root, scale: style.scale }, &map.layout);
    draw_legend(&pen, view, layout, style)?;
    for (panel, place) in view.panels.iter().zip(&layout.panels) {
        draw_panel(&pen, view, layout, panel, place, style)?;
    }
    Ok(Some(map))
}

/// Where [`draw_mapped`] would place every cell of `view` on a drawing `size` backend pixels big
/// at `scale`, or the message it would show instead.
pub fn grid_map(view: &NormsView, size: (u32, u32), scale: f64) -> Result<GridMap, &'static str> {
    let scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
    let layout = layout(view, size.0 as f64 / scale, size.1 as f64 / scale)?;
    Ok(GridMap { size, scale, layout, refused: view.panels.iter().map(refused).collect() })
}

/// The (sample, feature, position) under the pointer at CSS pixel `(x, y)` of a chart `width` ×
/// `height` CSS pixels, through the cells its last draw placed; None between cells, outside the
/// grids, or over a layer that refused the input.
pub fn cell_at(map: &GridMap, x: f64, y: f64, width: f64, height: f64) -> Option<(usize, usize, usize)> {
    let finite = [x, y, width, height].iter().all(|v| v.is_finite());
    if !finite || width <= 0.0 || height <= 0.0 {
        return None;
    }
    // CSS pixels → backend pixels → the layout's pixels (backend ÷ scale).
    let (x, y) = (x * map.size.0 as f64 / width / map.scale, y * map.size.1 as f64 / height / map.scale);
    map.layout.panels.iter().zip(&map.refused).filter(|(_, &no)| !no).find_map(|(place, _)| map.layout.hit(place, x, y))
}

// ----- layout ------------------------------------------------------------------------------------

/// The part of the batch that is drawn: `rows` samples, `features` features and `positions`
/// positions of an `(n, c, l)` input, from sample `first.0`, feature `first.1`, position `first.2`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Window {
    n: usize,
    c: usize,
    l: usize,
    first: (usize, usize, usize),
    rows: usize,
    features: usize,
    positions: usize,
}

impl Window {
    /// None when there is nothing to draw (a dimension is 0, or their product overflows).
    fn of(view: &NormsView) -> Option<Window> {
        let (n, c, l) = (view.n, view.c, view.l);
        if n == 0 || c == 0 || l == 0 || n.checked_mul(c)?.checked_mul(l).is_none() {
            return None;
        }
        let positions = l.min(MAX_COLUMNS);
        let features = c.min((MAX_COLUMNS / positions).max(1));
        Some(Window { n, c, l, first: (0, 0, 0), rows: n.min(MAX_ROWS), features, positions })
    }

    /// The window of this size that holds `cell`: the batch cut into windows of `rows` samples
    /// (0–7, 8–15, …; the last may be shorter), and so of features and positions, and the one
    /// with the cell in it. A cell of the drawn window picks that window again (when the sizes
    /// tried halve evenly, as 16 → 8 → 4: a 10-row batch's 3-row windows straddle its 5-row
    /// ones, and a tap may then shift the window, the tapped cell still in it), so pointing or
    /// tapping does not move it; a key or a link to a cell outside moves it there.
    fn around(&self, (i, f, p): (usize, usize, usize)) -> Window {
        // The window of `size` along a dimension of `len` that holds index `k` (kept inside).
        let cut = |k: usize, size: usize, len: usize| {
            let start = k.min(len.saturating_sub(1)) / size.max(1) * size.max(1);
            (start, size.min(len - start))
        };
        let (r0, rows) = cut(i, self.rows, self.n);
        let (f0, features) = cut(f, self.features, self.c);
        let (p0, positions) = cut(p, self.positions, self.l);
        Window { first: (r0, f0, p0), rows, features, positions, ..*self }
    }

    /// The batch's (sample, feature, position) of the drawn cell (i, f, p) (the window's own
    /// numbering, from 0).
    fn batch_cell(&self, (i, f, p): (usize, usize, usize)) -> (usize, usize, usize) {
        (self.first.0 + i, self.first.1 + f, self.first.2 + p)
    }

    /// Where the batch's cell is in the window, if it is drawn.
    fn drawn_cell(&self, (i, f, p): (usize, usize, usize)) -> Option<(usize, usize, usize)> {
        let at = |k: usize, first: usize, count: usize| k.checked_sub(first).filter(|&k| k < count);
        Some((
            at(i, self.first.0, self.rows)?,
            at(f, self.first.1, self.features)?,
            at(p, self.first.2, self.positions)?,
        ))
    }

    /// The batch's last drawn sample, feature and position.
    fn last(&self) -> (usize, usize, usize) {
        self.batch_cell((self.rows - 1, self.features - 1, self.positions - 1))
    }

    /// The row-major flat index of the batch's (sample, feature, position) (in range by
    /// construction).
    fn flat(&self, i: usize, f: usize, p: usize) -> usize {
        (i * self.c + f) * self.l + p
    }

    /// The flat index of the drawn cell (i, f, p).
    fn flat_drawn(&self, cell: (usize, usize, usize)) -> usize {
        let (i, f, p) = self.batch_cell(cell);
        self.flat(i, f, p)
    }

    /// The flat index of the hovered cell, if it is in the batch.
    fn hovered(&self, (i, f, p): (usize, usize, usize)) -> Option<usize> {
        (i < self.n && f < self.c && p < self.l).then(|| self.flat(i, f, p))
    }

    /// The next smaller part to try on a small chart: half the features, else half the
    /// positions, else half the samples; None at one value.
    fn smaller(&self) -> Option<Window> {
        let half = |k: usize| k.div_ceil(2);
        let mut next = *self;
        if self.features > 1 {
            next.features = half(self.features);
        } else if self.rows > 1 && self.rows >= self.positions {
            next.rows = half(self.rows);
        } else if self.positions > 1 {
            next.positions = half(self.positions);
        } else {
            return None;
        }
        Some(next)
    }

    /// True when part of the batch is not drawn.
    fn capped(&self) -> bool {
        self.rows < self.n || self.features < self.c || self.positions < self.l
    }
}

/// Everything [`draw`] and [`cell_at`] place, in CSS pixels.
#[derive(Debug, Clone, PartialEq)]
struct Layout {
    window: Window,
    /// The colour scale's largest |x|, and whether a drawn cell has no finite value.
    max: f64,
    missing: bool,
    /// The legend's rows of items.
    legend_rows: usize,
    panels: Vec<Place>,
    /// A cell's width and height (between 1:2 and 2:1), and the gap between two features' blocks.
    cell_w: f64,
    cell_h: f64,
    gap: f64,
    /// The width left of each grid for the row labels.
    label_width: f64,
    /// How many lines each panel gives its `over` words.
    over_lines: usize,
    /// Label every k-th row and feature (all of them when there is room).
    row_every: usize,
    feature_every: usize,
    /// Whether positions are numbered under the grid.
    positions: bool,
}

/// One panel: its box, where its content starts, and its grid's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Place {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    top: f64,
    grid_x: f64,
    grid_y: f64,
    /// The lines of its title (the layer's name): as many as the longest name in its row needs.
    title_lines: usize,
}

impl Layout {
    /// The width of one feature's block of cells.
    fn block(&self) -> f64 {
        self.window.positions as f64 * self.cell_w
    }

    /// The grid's size.
    fn grid_size(&self) -> (f64, f64) {
        let f = self.window.features as f64;
        (f * self.block() + (f - 1.0) * self.gap, self.window.rows as f64 * self.cell_h)
    }

    /// The top-left corner of cell (sample i, feature f, position p); it is `cell_w` × `cell_h`.
    fn cell_box(&self, place: &Place, i: usize, f: usize, p: usize) -> (f64, f64) {
        let x = place.grid_x + f as f64 * (self.block() + self.gap) + p as f64 * self.cell_w;
        (x, place.grid_y + i as f64 * self.cell_h)
    }

    /// The smaller side of a cell.
    fn cell(&self) -> f64 {
        self.cell_w.min(self.cell_h)
    }

    /// The cell of this panel under `(x, y)`, as [`cell_box`] places them.
    fn hit(&self, place: &Place, x: f64, y: f64) -> Option<(usize, usize, usize)> {
        let (dx, dy) = (x - place.grid_x, y - place.grid_y);
        if dx < 0.0 || dy < 0.0 || self.cell() <= 0.0 {
            return None;
        }
        let i = (dy / self.cell_h).floor() as usize;
        let stride = self.block() + self.gap;
        let f = (dx / stride).floor() as usize;
        let within = dx - f as f64 * stride;
        if i >= self.window.rows || f >= self.window.features || within >= self.block() {
            return None;
        }
        let p = ((within / self.cell_w).floor() as usize).min(self.window.positions - 1);
        Some(self.window.batch_cell((i, f, p)))
    }
}

/// How the view's panels may be arranged: 2 × 2, 1 × 4, or 4 × 1 in a phone's tall, narrow box
/// (for fewer panels 2 × ⌈k/2⌉, 1 × k or k × 1); each chart picks the one that suits it best.
pub(crate) fn arrangements(count: usize) -> Vec<(usize, usize)> {
    match count {
        0 => Vec::new(),
        1 => vec![(1, 1)],
        k => vec![(2, k.div_ceil(2)), (1, k), (k, 1)],
    }
}

/// A grid capped to fit a small chart (a phone) has cells at least this big, so a student sees
/// each value rather than a smear.
const READABLE_CELL: f64 = 5.0;

/// Places every part of the chart in a `width` × `height` CSS-pixel area, or says why it cannot
/// (the message to show instead). A batch whose cells would be too small is drawn in part —
/// fewer features, then samples or positions (the more of them), halved until the cells are
/// [`READABLE_CELL`] — and the legend says which part ("showing samples 8–15, features 9–9, …"),
/// as a tablet caps a batch larger than 64 columns; the part drawn is the window of that size
/// which holds the chosen cell ([`Window::around`]).
fn layout(view: &NormsView, width: f64, height: f64) -> Result<Layout, &'static str> {
    let mut window = Window::of(view).filter(|_| !view.input.is_empty() && !view.panels.is_empty()).ok_or(NO_DATA)?;
    if !(width.is_finite() && height.is_finite() && width > 0.0 && height > 0.0) {
        return Err(TOO_SMALL);
    }
    let mut fallback = None;
    let mut first = true;
    loop {
        let found = layout_of(view, window.around(view.cell), width, height);
        let Some(smaller) = window.smaller() else { return found.or(fallback.ok_or(TOO_SMALL)) };
        match found {
            Ok(layout) if first || layout.cell() >= READABLE_CELL => return Ok(layout),
            Ok(layout) => fallback = fallback.or(Some(layout)),
            Err(_) => {}
        }
        window = smaller;
        first = false;
    }
}

/// [`layout`] of one window of the batch (cells at least MIN_CELL, else TOO_SMALL).
fn layout_of(view: &NormsView, window: Window, width: f64, height: f64) -> Result<Layout, &'static str> {
    let panels = &view.panels[..view.panels.len().min(MAX_PANELS)];
    let (max, missing) = value_scale(view, window);
    let legend_rows = Lang::ALL
        .iter()
        .map(|&lang| place_legend(&legend_items(view, window, (max, missing), lang), width).1)
        .max()
        .unwrap_or(1);

    let label_width = text::width(&format!("n={}", window.last().0), font()) + 6.0;
    // Every panel's `over` words in either language: the layout gives them the lines the
    // longest needs, so the page's pointer and the drawing agree whatever the language.
    let overs: Vec<String> = panels.iter().flat_map(|p| Lang::ALL.map(|lang| t(lang, &p.over))).collect();
    let names: Vec<&str> = panels.iter().map(|p| p.name.as_str()).collect();
    let top = PAD + legend_rows as f64 * legend_row() + 4.0;
    // Each arrangement's best cell size; the biggest wins (the first on a tie: 2 × 2).
    // The arrangement where every layer's name is whole (a phone's four narrow columns cut
    // "Batch…"), then every refusal (its 2 × 2 cut one in Chinese), then the biggest cells.
    let mut best: Option<((bool, bool, f64), Layout)> = None;
    let whole_names = |pw: f64| names.iter().all(|n| !name_lines(n, pw).iter().any(|l| l.ends_with('…')));
    for (rows, cols) in arrangements(panels.len()) {
        let pw = (width - 2.0 * PAD - (cols - 1) as f64 * PANEL_GAP_X) / cols as f64;
        let ph = (height - top - PAD - (rows - 1) as f64 * PANEL_GAP_Y) / rows as f64;
        if pw <= 0.0 || ph <= 0.0 {
            continue;
        }
        let Some(sizes) = cell_size(window, (&names, &overs), pw, ph, label_width) else { continue };
        let (grid_w, grid_h) = {
            let f = window.features as f64;
            (f * window.positions as f64 * sizes.cell_w + (f - 1.0) * sizes.gap, window.rows as f64 * sizes.cell_h)
        };
        // The cells are sized for the longest name's lines; a row of panels whose names take
        // fewer lines has a lower head (its grids still side by side at one height).
        let row_titles = |r: usize| {
            let row = &names[(r * cols).min(names.len())..((r + 1) * cols).min(names.len())];
            row.iter().map(|n| name_lines(n, pw).len()).max().unwrap_or(1).max(1)
        };
        let places: Vec<Place> = (0..panels.len())
            .map(|k| {
                let (r, c) = (k / cols, k % cols);
                let x = PAD + c as f64 * (pw + PANEL_GAP_X);
                let y = top + r as f64 * (ph + PANEL_GAP_Y);
                let title_lines = row_titles(r);
                let head = sizes.head - (sizes.title_lines - title_lines) as f64 * title_line();
                let content_h = head + grid_h + if sizes.positions { position_line() } else { 0.0 };
                // Content centred in the panel, on whole pixels so cells are crisp.
                let content_top = (y + ((ph - content_h) / 2.0).max(0.0)).round();
                let grid_x = (x + ((pw - label_width - grid_w) / 2.0).max(0.0) + label_width).round();
                Place { x, y, w: pw, h: ph, top: content_top, grid_x, grid_y: content_top + head, title_lines }
            })
            .collect();
        // Rows as high as a label's line (1.1 of its font) are each labelled; lower ones every
        // k-th, a line of the smaller font (draw_panel) between two.
        let row_every = if every_row_labelled(sizes.cell_h) {
            1
        } else {
            ((1.1 * small_font()) / sizes.cell_h).ceil().max(1.0) as usize
        };
        let feature_label = text::width(&format!("c={}", window.last().1), font()) + 6.0;
        let stride = window.positions as f64 * sizes.cell_w + sizes.gap;
        let feature_every = (feature_label / stride).ceil().max(1.0) as usize;
        // Names first: a refusal cut in one arrangement is better than names cut in another.
        let refusals = panels.iter().zip(&places).all(|(panel, place)| {
            let words = place.top + place.title_lines as f64 * title_line() + sizes.over_lines as f64 * over_line();
            panel.refusal.as_deref().is_none_or(|r| refusal_text(r, words, place).whole)
        });
        let rank = (whole_names(pw), refusals, sizes.cell_w * sizes.cell_h);
        if best.as_ref().is_some_and(|(r, _)| *r >= rank) {
            continue;
        }
        let candidate = Layout {
            window,
            max,
            missing,
            legend_rows,
            panels: places,
            cell_w: sizes.cell_w,
            cell_h: sizes.cell_h,
            gap: sizes.gap,
            label_width,
            over_lines: sizes.over_lines,
            row_every,
            feature_every,
            positions: sizes.positions,
        };
        best = Some((rank, candidate));
    }
    best.map(|(_, b)| b).filter(|b| b.cell() >= MIN_CELL).ok_or(TOO_SMALL)
}

/// A panel's cell size and what fits with it.
struct Sizes {
    cell_w: f64,
    cell_h: f64,
    gap: f64,
    title_lines: usize,
    over_lines: usize,
    /// The height above the grid: title, `over` lines, feature labels.
    head: f64,
    positions: bool,
}

/// The biggest cells that fit a `pw` × `ph` panel under its title (the layer's name, whole, on as
/// many lines as the longest needs) and its `over` words (whole, on the lines the longest needs:
/// cut to keep cells bigger, they were read as "每个样本的每个特征，…"), with position numbers
/// when they fit.
fn cell_size(
    window: Window,
    (names, overs): (&[&str], &[String]),
    pw: f64,
    ph: f64,
    label_width: f64,
) -> Option<Sizes> {
    let (f, l) = (window.features as f64, window.positions as f64);
    // The gap between features, as a fraction of a cell: wider when a feature has several positions.
    let gap_ratio = if window.positions > 1 { 0.4 } else { 0.15 };
    let by_width = (pw - label_width - 4.0) / (f * l + gap_ratio * (f - 1.0));
    let needed = overs.iter().map(|o| text::wrap(o, font(), pw, MAX_OVER_LINES).len()).max().unwrap_or(0);
    let title_lines = names.iter().map(|n| name_lines(n, pw).len()).max().unwrap_or(1).max(1);
    let over_lines = needed;
    let head = title_lines as f64 * title_line() + over_lines as f64 * over_line() + feature_line();
    let by_height = |extra: f64| (ph - head - extra - 4.0) / window.rows as f64;
    // Square cells as big as fit, then stretched up to twice as wide or tall into the room
    // left the other way (a wide batch in a tall panel, or a tall one in a wide panel).
    let fit = |extra: f64| {
        let (w, h) = (by_width.min(MAX_CELL), by_height(extra).min(MAX_CELL));
        let side = w.min(h);
        (w.min(2.0 * side), h.min(2.0 * side))
    };
    // Whole pixels once cells are big enough for that to matter.
    let whole = |v: f64| if v >= 8.0 { v.floor() } else { v };
    let (mut w, mut h) = fit(position_line());
    let digits = text::width(&window.last().2.to_string(), small_font());
    // Position numbers only where they leave every sample's row its label if it would have one
    // without them (beside a lesson in presenter mode, they left n=1 and n=3 labelled alone).
    let rows_kept = every_row_labelled(whole(h)) || !every_row_labelled(whole(fit(0.0).1));
    let positions = window.l > 1 && w >= digits + 3.0 && h > 0.0 && w.min(h) >= 0.8 * small_font() && rows_kept;
    if !positions {
        (w, h) = fit(0.0);
    }
    if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
        return None;
    }
    let (cell_w, cell_h) = (whole(w), whole(h));
    let gap = (gap_ratio * cell_w).floor();
    Some(Sizes { cell_w, cell_h, gap, title_lines, over_lines, head, positions })
}

/// A layer's name in lines of at most `room`: one when it fits, else broken before its "(" or
/// between its arguments, so a student reads all of it ("…" only past MAX_TITLE_LINES).
fn name_lines(name: &str, room: f64) -> Vec<String> {
    text::title_lines(name, title_font() * text::BOLD, room, MAX_TITLE_LINES)
}

// ----- legend ------------------------------------------------------------------------------------

/// The legend's little pictures.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Swatch {
    /// A cell with the group's outline.
    Outlined,
    /// The hovered value's dot.
    Dot,
    /// The colour scale from −max to +max (the texts around it are the numbers).
    Scale,
    /// A grey cell.
    Missing,
    /// Text only.
    None,
}

struct Item {
    swatch: Swatch,
    text: String,
    /// For the colour scale: the number at its right end.
    after: String,
}

const SWATCH: f64 = 18.0;
const SCALE_STEPS: usize = 9;
const SCALE_STEP: f64 = 8.0;
const ITEM_SPACING: f64 = 22.0;
/// A legend item gets at most this many lines (the last one ends in "…" past that: a text no
/// legend of this chart has).
const MAX_LEGEND_LINES: usize = 6;

impl Item {
    fn width(&self) -> f64 {
        let text = text::width(&self.text, font());
        match self.swatch {
            Swatch::None => text,
            Swatch::Scale => text + 6.0 + SCALE_STEPS as f64 * SCALE_STEP + 6.0 + text::width(&self.after, font()),
            _ => SWATCH + 6.0 + text,
        }
    }
}

/// The largest |x| of the drawn cells (1 when there is none or all are 0), and whether any
/// drawn cell has no finite value.
fn value_scale(view: &NormsView, window: Window) -> (f64, bool) {
    let mut max = 0.0f64;
    let mut missing = false;
    for i in 0..window.rows {
        for f in 0..window.features {
            for p in 0..window.positions {
                match value(view, window.flat_drawn((i, f, p))) {
                    Some(v) => max = max.max(v.abs()),
                    None => missing = true,
                }
            }
        }
    }
    (if max > 0.0 && max.is_finite() { max } else { 1.0 }, missing)
}

/// A finite input value, or None (NaN, infinite, or past the end of a short input).
fn value(view: &NormsView, flat: usize) -> Option<f64> {
    view.input.get(flat).map(|&v| v as f64).filter(|v| v.is_finite())
}

fn legend_items(view: &NormsView, window: Window, (max, missing): (f64, bool), lang: Lang) -> Vec<Item> {
    let (i, f, p) = view.cell;
    let index = if window.l == 1 { format!("{i}, {f}") } else { format!("{i}, {f}, {p}") };
    let hovered = window.hovered(view.cell).and_then(|k| value(view, k)).map_or("—".to_string(), num);
    let mut items = vec![
        Item {
            swatch: Swatch::Outlined,
            text: t(lang, "outlined: same mean and σ as the chosen value"),
            after: String::new(),
        },
        Item {
            swatch: Swatch::Dot,
            text: tf(lang, "chosen x[{i}] = {x}", &[("i", &index), ("x", &hovered)]),
            after: String::new(),
        },
        Item { swatch: Swatch::Scale, text: format!("x  {}", num(-max)), after: num(max) },
    ];
    if missing {
        items.push(Item { swatch: Swatch::Missing, text: t(lang, "NaN or missing"), after: String::new() });
    }
    if window.capped() {
        let ((r0, f0, p0), (r1, f1, p1)) = (window.first, window.last());
        let [r0, f0, p0, r1, f1, p1] = [r0, f0, p0, r1, f1, p1].map(|k| k.to_string());
        let text = if window.l == 1 {
            tf(
                lang,
                "showing samples {r0}–{r1}, features {f0}–{f1}",
                &[("r0", &r0), ("r1", &r1), ("f0", &f0), ("f1", &f1)],
            )
        } else {
            let numbers: [(&str, &str); 6] =
                [("r0", &r0), ("r1", &r1), ("f0", &f0), ("f1", &f1), ("p0", &p0), ("p1", &p1)];
            tf(lang, "showing samples {r0}–{r1}, features {f0}–{f1}, positions {p0}–{p1}", &numbers)
        };
        items.push(Item { swatch: Swatch::None, text, after: String::new() });
    }
    items
}

/// A legend item's place: its left end, its first row, and its text in lines (one, unless the
/// item is wider than a whole row).
struct Placed {
    x: f64,
    row: usize,
    lines: Vec<String>,
}

/// Where each legend item goes, left to right in rows of `width`, and how many rows. An item
/// wider than a whole row (a phone) is wrapped onto as many rows as it needs, never cut: the
/// next item starts on the row after its last line.
fn place_legend(items: &[Item], width: f64) -> (Vec<Placed>, usize) {
    let (mut x, mut row) = (PAD, 0);
    let mut placed = Vec::with_capacity(items.len());
    for item in items {
        let w = item.width();
        if x > PAD && x + w > width - PAD {
            x = PAD;
            row += 1;
        }
        if x + w <= width - PAD || item.swatch == Swatch::Scale {
            placed.push(Placed { x, row, lines: vec![item.text.clone()] });
            x += w + ITEM_SPACING;
            continue;
        }
        let room = width - PAD - x - (w - text::width(&item.text, font()));
        let lines = text::wrap(&item.text, font(), room, MAX_LEGEND_LINES);
        let taken = lines.len().max(1);
        placed.push(Placed { x, row, lines });
        row += taken - 1;
        x = width;
    }
    (placed, row + 1)
}

// ----- drawing -----------------------------------------------------------------------------------

/// A style whose scale is a usable number (1 otherwise).
fn sane(style: &Style) -> Style {
    let scale = if style.scale.is_finite() && style.scale > 0.0 { style.scale } else { 1.0 };
    Style { scale, ..*style }
}

/// Draws on an area in CSS pixels: every coordinate is multiplied by the scale.
struct Pen<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    scale: f64,
}

impl<DB: DrawingBackend> Pen<'_, DB> {
    /// A CSS coordinate in the area's pixels.
    fn d(&self, v: f64) -> i32 {
        (v * self.scale).round().clamp(-1e9, 1e9) as i32
    }

    fn pt(&self, x: f64, y: f64) -> (i32, i32) {
        (self.d(x), self.d(y))
    }

    fn text(
        &self,
        text: &str,
        style: &TextStyle,
        (x, y): (f64, f64),
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        self.area.draw_text(text, style, self.pt(x, y))
    }

    fn fill(
        &self,
        (x0, y0): (i32, i32),
        (x1, y1): (i32, i32),
        colour: RGBColor,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        self.area.draw(&Rectangle::new([(x0, y0), (x1, y1)], colour.filled()))
    }

    fn line(
        &self,
        points: Vec<(i32, i32)>,
        colour: impl Color,
        width: u32,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        self.area.draw(&PathElement::new(points, colour.stroke_width(width)))
    }

    /// A closed outline just inside the device rectangle.
    fn outline(
        &self,
        (x0, y0): (i32, i32),
        (x1, y1): (i32, i32),
        colour: impl Color,
        width: u32,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let inset = (width / 2) as i32;
        let (x0, y0, x1, y1) = (x0 + inset, y0 + inset, (x1 - inset).max(x0 + inset), (y1 - inset).max(y0 + inset));
        self.line(vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], colour, width)
    }

    /// The hovered value's dot: dark, in a white ring.
    fn dot(&self, (x, y): (f64, f64), radius: f64, style: &Style) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let r = (radius * self.scale).round().max(1.0) as u32;
        self.area.draw(&Circle::new(self.pt(x, y), r + style.px(2.0), WHITE.filled()))?;
        self.area.draw(&Circle::new(self.pt(x, y), r, BORDER.filled()))
    }
}

/// A cell's colour: white at 0, towards blue (negative) or red (positive) with |x| / max.
fn cell_colour(v: Option<f64>, max: f64) -> RGBColor {
    let Some(v) = v else { return MISSING };
    let t = (v / max).clamp(-1.0, 1.0);
    mix(WHITE, if t < 0.0 { NEGATIVE } else { POSITIVE }, t.abs().powf(0.8))
}

/// `a` moved a fraction `k` of the way to `b`.
fn mix(a: RGBColor, b: RGBColor, k: f64) -> RGBColor {
    let m = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * k).round().clamp(0.0, 255.0) as u8;
    RGBColor(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

fn draw_legend<DB: DrawingBackend>(
    pen: &Pen<DB>,
    view: &NormsView,
    layout: &Layout,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let lang = style.lang;
    let items = legend_items(view, layout.window, (layout.max, layout.missing), lang);
    let (width, _) = size(pen.area);
    let (placed, _) = place_legend(&items, width as f64 / pen.scale);
    let max = layout.max;
    let left = text_style(style).pos(Pos::new(HPos::Left, VPos::Center));
    let half = 0.5 * SWATCH;
    for (item, Placed { x, row, lines }) in items.iter().zip(&placed) {
        let (x, row) = (*x, *row);
        // Items that would need more rows than the layout gave (cannot happen) are not drawn.
        if row + lines.len() > layout.legend_rows {
            continue;
        }
        let y = PAD + (row as f64 + 0.5) * legend_row();
        let (a, b) = (pen.pt(x, y - half), pen.pt(x + SWATCH, y + half));
        let mut text_x = x + SWATCH + 6.0;
        match item.swatch {
            Swatch::Outlined => {
                pen.fill(a, b, cell_colour(Some(0.6 * max), max))?;
                pen.outline(a, b, BORDER, style.px(3.0))?;
            }
            Swatch::Dot => {
                pen.fill(a, b, cell_colour(Some(-0.6 * max), max))?;
                pen.dot((x + half, y), 0.22 * SWATCH, style)?;
            }
            Swatch::Missing => pen.fill(a, b, MISSING)?,
            Swatch::None => text_x = x,
            Swatch::Scale => {
                pen.text(&item.text, &left, (x, y))?;
                let start = x + text::width(&item.text, font()) + 6.0;
                for k in 0..SCALE_STEPS {
                    let v = -max + 2.0 * max * k as f64 / (SCALE_STEPS - 1) as f64;
                    let x0 = start + k as f64 * SCALE_STEP;
                    pen.fill(pen.pt(x0, y - half), pen.pt(x0 + SCALE_STEP, y + half), cell_colour(Some(v), max))?;
                }
                let end = start + SCALE_STEPS as f64 * SCALE_STEP;
                pen.outline(pen.pt(start, y - half), pen.pt(end, y + half), GRID_LINES, 1)?;
                pen.text(&item.after, &left, (end + 6.0, y))?;
                continue;
            }
        }
        for (k, line) in lines.iter().enumerate() {
            pen.text(line, &left, (text_x, y + k as f64 * legend_row()))?;
        }
    }
    Ok(())
}

/// The rows (or features) of `count` that get a label when every `every`-th fits: the chosen
/// one (a student looks for n=1 beside the chosen cell) and every `every`-th from it both ways,
/// so the labels are evenly spaced and no two overlap (0, every, … with the chosen one added and
/// its neighbours dropped read "n=1, n=4, n=6" down eight rows); 0, every, … with none chosen.
fn labelled(count: usize, every: usize, chosen: usize) -> Vec<usize> {
    let every = every.max(1);
    let start = if chosen < count { chosen % every } else { 0 };
    (start..count).step_by(every).collect()
}

/// A refusal below "PyTorch raises:" in the rest of a panel, from `words` (where its `over`
/// words end) down: its top, height, font size, line height and lines.
struct RefusalText {
    top: f64,
    height: f64,
    size: f64,
    line: f64,
    lines: Vec<String>,
    /// Whether every word is there (not cut with "…").
    whole: bool,
}

/// [`RefusalText`], always in the labels' size (in the position numbers' smaller one, 12 px, a
/// laptop's refusal was hard to read): PyTorch's words and the page's when they fit, else
/// PyTorch's words alone (the page's are under the chart too, in the page's type); cut with "…"
/// only when even those do not fit (the layout prefers an arrangement where they do).
fn refusal_text(refusal: &str, words: f64, place: &Place) -> RefusalText {
    let top = words + 0.3 * over_line();
    let height = place.y + place.h - top;
    let size = font();
    let line = 1.2 * size;
    let room = ((height - over_line()) / line).floor().max(1.0) as usize;
    let fitted = |text: &str| {
        let lines = text::wrap(text, size, place.w, room);
        let whole = lines.len() as f64 * line + over_line() <= height
            && text::wrap(text, size, place.w, usize::MAX).len() <= lines.len();
        RefusalText { top, height, size, line, lines, whole }
    };
    let all = fitted(refusal);
    match refusal.split_once('\n') {
        Some((pytorch, _)) if !all.whole => fitted(pytorch),
        _ => all,
    }
}

/// True when the layer refused the input: its panel shows why instead of a group.
fn refused(panel: &NormPanel) -> bool {
    panel.refusal.is_some()
}

fn draw_panel<DB: DrawingBackend>(
    pen: &Pen<DB>,
    view: &NormsView,
    layout: &Layout,
    panel: &NormPanel,
    place: &Place,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let lang = style.lang;
    let w = layout.window;
    let centre = place.x + 0.5 * place.w;
    let middle = |s: TextStyle<'static>| s.pos(Pos::new(HPos::Center, VPos::Center));

    // Title: the layer's name, whole, in the last of the lines the layout gave its row's titles
    // (just above its words); then what it normalizes over.
    let name = name_lines(&panel.name, place.w);
    let mut y = place.top + (place.title_lines as f64 - name.len() as f64).max(0.0) * title_line();
    for line in name.iter().take(place.title_lines) {
        pen.text(line, &middle(title_style(style)), (centre, y + 0.5 * title_line()))?;
        y += title_line();
    }
    let mut y = place.top + place.title_lines as f64 * title_line();
    for line in text::wrap(&t(lang, &panel.over), font(), place.w, layout.over_lines) {
        pen.text(&line, &middle(text_style(style)), (centre, y + 0.5 * over_line()))?;
        y += over_line();
    }

    if let Some(refusal) = &panel.refusal {
        // No group to show: PyTorch's refusal, in the rest of the panel.
        let text = refusal_text(refusal, y, place);
        let head = text::ellipsize(&t(lang, "PyTorch raises:"), title_font() * text::BOLD, place.w);
        let body = middle((SANS, text.size * style.scale).into_font().color(&TEXT));
        let mut y = text.top + (0.5 * (text.height - over_line() - text.lines.len() as f64 * text.line)).max(0.0);
        pen.text(&head, &middle(title_style(style)), (centre, y + 0.5 * over_line()))?;
        y += over_line();
        for line in &text.lines {
            pen.text(line, &body, (centre, y + 0.5 * text.line))?;
            y += text.line;
        }
        return Ok(());
    }

    let (_, grid_h) = layout.grid_size();
    // Labels: features above their blocks, samples left of their rows, positions below.
    let stride = layout.block() + layout.gap;
    // The chosen cell in the window's own numbering (always drawn: the window holds it); each
    // label is the batch's number of its row, feature or position.
    let chosen = w.drawn_cell(view.cell);
    let (first_row, first_feature, first_position) = w.first;
    for f in labelled(w.features, layout.feature_every, chosen.map_or(usize::MAX, |c| c.1)) {
        let label = format!("c={}", first_feature + f);
        // Never left of the grid, where the row labels are (a block narrower than its label).
        let x = (place.grid_x + f as f64 * stride + 0.5 * layout.block())
            .max(place.grid_x + 0.5 * text::width(&label, font()));
        pen.text(&label, &middle(text_style(style)), (x, place.grid_y - 0.5 * feature_line()))?;
    }
    let right = text_style(style).pos(Pos::new(HPos::Right, VPos::Center));
    let small = (SANS, small_font() * style.scale).into_font().color(&TEXT);
    let small_right = small.clone().pos(Pos::new(HPos::Right, VPos::Center));
    let row_font = if full_size_row_labels(layout.cell_h) { right.clone() } else { small_right.clone() };
    for i in labelled(w.rows, layout.row_every, chosen.map_or(usize::MAX, |c| c.0)) {
        let y = place.grid_y + (i as f64 + 0.5) * layout.cell_h;
        pen.text(&format!("n={}", first_row + i), &row_font, (place.grid_x - 5.0, y))?;
    }
    if layout.positions {
        let y = place.grid_y + grid_h + 0.5 * position_line();
        // "l=" as the rows' "n=" and the blocks' "c=": a lone "l" read as "I" or "|" (review40).
        pen.text("l=", &small_right, (place.grid_x - 5.0, y))?;
        let small_mid = small.pos(Pos::new(HPos::Center, VPos::Center));
        for f in 0..w.features {
            for p in 0..w.positions {
                let (x, _) = layout.cell_box(place, 0, f, p);
                pen.text(&(first_position + p).to_string(), &small_mid, (x + 0.5 * layout.cell_w, y))?;
            }
        }
    }

    // Which drawn cells are in the group (indices past the end or repeated count once).
    let mut in_group = vec![false; w.rows * w.features * w.positions];
    let local = |i: usize, f: usize, p: usize| (i * w.features + f) * w.positions + p;
    for &k in &panel.group {
        let (i, rest) = (k / (w.c * w.l), k % (w.c * w.l));
        if let Some((i, f, p)) = w.drawn_cell((i, rest / w.l, rest % w.l)) {
            in_group[local(i, f, p)] = true;
        }
    }
    let member = |i: isize, f: usize, p: isize| {
        i >= 0
            && p >= 0
            && (i as usize) < w.rows
            && (p as usize) < w.positions
            && in_group[local(i as usize, f, p as usize)]
    };

    // Cells: a light background per feature block shows through 1-pixel gaps between cells.
    let max = layout.max;
    let sep = if layout.cell() * pen.scale >= 6.0 { 1 } else { 0 };
    for f in 0..w.features {
        let (x0, y0) = layout.cell_box(place, 0, f, 0);
        let (a, b) = (pen.pt(x0, y0), pen.pt(x0 + layout.block(), y0 + grid_h));
        pen.fill((a.0 - sep, a.1 - sep), b, GRID_LINES)?;
    }
    for i in 0..w.rows {
        for f in 0..w.features {
            for p in 0..w.positions {
                let (x0, y0) = layout.cell_box(place, i, f, p);
                let colour = cell_colour(value(view, w.flat_drawn((i, f, p))), max);
                let colour = if in_group[local(i, f, p)] { colour } else { mix(colour, WHITE, FADE) };
                let (a, b) = (pen.pt(x0, y0), pen.pt(x0 + layout.cell_w, y0 + layout.cell_h));
                pen.fill(a, (b.0 - sep, b.1 - sep), colour)?;
            }
        }
    }

    // The group: each cell outlined (faint on small cells, whose colour it would hide), then a
    // thick border where the group meets the rest.
    let thin = style.px(1.0);
    let frame = GROUP.mix(if layout.cell() * pen.scale >= 12.0 { 1.0 } else { 0.35 });
    for i in 0..w.rows {
        for f in 0..w.features {
            for p in 0..w.positions {
                if in_group[local(i, f, p)] {
                    let (x0, y0) = layout.cell_box(place, i, f, p);
                    let (a, b) = (pen.pt(x0, y0), pen.pt(x0 + layout.cell_w, y0 + layout.cell_h));
                    pen.outline(a, (b.0 - sep, b.1 - sep), frame, thin)?;
                }
            }
        }
    }
    let thick = if layout.cell() >= 10.0 { style.px(3.0) } else { style.px(2.0) };
    let ext = (thick / 2) as i32;
    for f in 0..w.features {
        // Horizontal edges: on line r, between rows r − 1 and r; runs of positions merged.
        for r in 0..=w.rows {
            let edge = |p: usize| member(r as isize - 1, f, p as isize) != member(r as isize, f, p as isize);
            for (p0, p1) in runs(w.positions, edge) {
                let (x0, y) = layout.cell_box(place, r, f, p0);
                let (x1, _) = layout.cell_box(place, r, f, p1);
                let (y, x0, x1) = (pen.d(y) - sep / 2, pen.d(x0) - ext, pen.d(x1) + ext - sep);
                pen.line(vec![(x0, y), (x1, y)], BORDER, thick)?;
            }
        }
        // Vertical edges: on line q, between positions q − 1 and q; runs of rows merged.
        for q in 0..=w.positions {
            let edge = |i: usize| member(i as isize, f, q as isize - 1) != member(i as isize, f, q as isize);
            for (i0, i1) in runs(w.rows, edge) {
                let (x, y0) = layout.cell_box(place, i0, f, q);
                let (_, y1) = layout.cell_box(place, i1, f, q);
                let (x, y0, y1) = (pen.d(x) - sep / 2, pen.d(y0) - ext, pen.d(y1) + ext - sep);
                pen.line(vec![(x, y0), (x, y1)], BORDER, thick)?;
            }
        }
    }

    // The hovered value.
    if let Some((i, f, p)) = chosen {
        let (x0, y0) = layout.cell_box(place, i, f, p);
        let radius = (0.22 * layout.cell()).clamp(1.5, 7.0);
        pen.dot((x0 + 0.5 * layout.cell_w, y0 + 0.5 * layout.cell_h), radius, style)?;
    }
    Ok(())
}

/// The runs `[start, end)` of consecutive k in `0..len` where `edge(k)` holds.
fn runs(len: usize, edge: impl Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for k in 0..=len {
        let on = k < len && edge(k);
        match (on, start) {
            (true, None) => start = Some(k),
            (false, Some(s)) => {
                out.push((s, k));
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_finds_consecutive_stretches() {
        assert_eq!(runs(6, |k| [1, 2, 4].contains(&k)), vec![(1, 3), (4, 5)]);
        assert_eq!(runs(3, |_| true), vec![(0, 3)]);
        assert!(runs(0, |_| true).is_empty());
    }
}
