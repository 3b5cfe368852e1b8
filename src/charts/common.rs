//! Drawing helpers every chart shares: layout margins, text styles, the legend row,
//! placeholders, axis ranges, and the page's number formats (re-exported from `crate::numbers`).

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{text, Style};
use crate::i18n::t;

/// Layout of a chart's plotting area in pixels at scale 1 (multiplied by `Style::px`).
pub const MARGIN_LEFT: f64 = 10.0;
pub const MARGIN_RIGHT: f64 = 24.0;
pub const MARGIN_TOP: f64 = 12.0;
pub const Y_LABEL_AREA: f64 = 72.0;
pub const X_LABEL_AREA: f64 = 48.0;

/// What a chart says before the first step, when nothing is finite, or when it has no room.
/// (English words: keys of the i18n table, translated where drawn.)
pub const NO_DATA: &str = "No data yet — press Step";
pub const NOTHING_FINITE: &str = "Nothing to plot: every value is NaN or infinite";
pub const TOO_SMALL: &str = "Too small to draw";

/// The palette every chart draws with: Okabe & Ito's colours (2008), which stay apart for the
/// common colour-vision deficiencies (tests/charts.rs simulates protanopia, deuteranopia and
/// tritanopia after Machado et al. 2009 and checks every pair's CIEDE2000 difference), on white.
/// Input is blue, output vermillion, running statistics bluish green, truth grey, the
/// selection reddish purple; text is near-black (contrast 17:1 on white).
pub const INPUT: RGBColor = RGBColor(0, 114, 178);
pub const OUTPUT: RGBColor = RGBColor(213, 94, 0);
pub const RUNNING: RGBColor = RGBColor(0, 158, 115);
pub const TRUTH: RGBColor = RGBColor(90, 90, 90);
pub const SELECTED: RGBColor = RGBColor(204, 121, 167);
pub const TEXT: RGBColor = RGBColor(25, 25, 25);
/// The Train view's two models: with BatchNorm1d (bluish green) and without (orange).
pub const WITH_BN: RGBColor = RGBColor(0, 158, 115);
pub const WITHOUT_BN: RGBColor = RGBColor(230, 159, 0);
/// The "Which axis?" grid's diverging scale: blue for negative values, red for positive ones,
/// white at 0 (blue against red stays apart for every common deficiency).
pub const NEGATIVE: RGBColor = RGBColor(33, 102, 172);
pub const POSITIVE: RGBColor = RGBColor(214, 47, 39);
/// A value that is NaN, infinite or missing from the input.
pub const MISSING: RGBColor = RGBColor(150, 150, 150);
/// The outline of each cell of the hovered value's group (one closed line per cell).
pub const GROUP: RGBColor = RGBColor(0, 0, 0);
/// The thick border around the group, and the hovered value's dot.
pub const BORDER: RGBColor = TEXT;
/// Behind the grid's cells: the thin lines between them.
pub const GRID_LINES: RGBColor = RGBColor(205, 205, 205);
/// The background every chart paints first.
pub const BACKGROUND: RGBColor = RGBColor(255, 255, 255);
/// The colours drawn side by side as series somewhere (the pairs that must stay apart).
pub const SERIES: [RGBColor; 6] = [INPUT, OUTPUT, RUNNING, TRUTH, SELECTED, WITHOUT_BN];
/// The colours text is written in.
pub const TEXT_COLOURS: [RGBColor; 1] = [TEXT];

/// Every chart's font family. Named, not written "sans-serif": plotters reads a family from a
/// string through `str::to_lowercase`, whose Unicode tables alone were 8.8 KB of the first
/// view's gzipped wasm.
pub const SANS: FontFamily<'static> = FontFamily::SansSerif;

/// Labels and legends: `style.font()`, dark text.
pub fn text_style(style: &Style) -> TextStyle<'static> {
    (SANS, style.font()).into_font().color(&TEXT)
}

/// Titles: `style.title_font()`, bold.
pub fn title_style(style: &Style) -> TextStyle<'static> {
    (SANS, style.title_font(), FontStyle::Bold).into_font().color(&TEXT)
}

/// An area's width and height in pixels, 0 when a split or title left it inverted (plotters'
/// own `dim_in_pixel` would wrap a negative size around to a huge one).
pub fn size<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> (i32, i32) {
    let (x, y) = area.get_pixel_range();
    ((x.end - x.start).max(0), (y.end - y.start).max(0))
}

/// True when `area` has no room for axes and a plot (a chart then shows [`TOO_SMALL`]).
pub fn too_small<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, style: &Style) -> bool {
    let (w, h) = size(area);
    let need_w = style.px(MARGIN_LEFT + Y_LABEL_AREA + MARGIN_RIGHT + 40.0) as i32;
    let need_h = style.px(MARGIN_TOP + X_LABEL_AREA + 30.0) as i32;
    w < need_w || h < need_h
}

/// A message in the middle of `area`, in the title's size.
pub fn placeholder<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    message: &str,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (w, h) = size(area);
    let font = (SANS, style.title_font()).into_font().color(&TEXT).pos(Pos::new(HPos::Center, VPos::Center));
    area.draw_text(&t(style.lang, message), &font, (w / 2, h / 2))
}

/// The little picture in front of a legend entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Key {
    /// A filled bar (histogram).
    Bar(RGBColor),
    /// A thick solid line.
    Line(RGBColor),
    /// A dashed line.
    Dashed(RGBColor),
    /// A filled dot.
    Point(RGBColor),
    /// A hollow ring (a value drawn as a ring in the plot).
    Ring(RGBColor),
    /// A dot with a vertical error bar.
    ErrorBar(RGBColor),
    /// A pale band (the selected feature).
    Band(RGBColor),
    /// Two triangles (a marked value before and after).
    Marks(RGBColor, RGBColor),
    /// No picture, just the text.
    Text,
}

/// Draws `text` as a bold title centred across the top of `area` — on as many lines as a narrow
/// chart (a phone) needs, up to [`TITLE_SHARE`] of its height; shortened with "…" only past that —
/// and returns the area below it. (Like plotters' `titled`, which measures the text in the DOM;
/// see [`text::width`].)
pub fn title<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &Style,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    title_within(area, text, style, TITLE_SHARE)
}

/// [`title`] taking at most `share` of the height (a chart of two stacked plots gives it less).
pub fn title_within<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &Style,
    share: f64,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    let (width, height) = size(area);
    let line = (style.title_font() * 1.5).round() as i32;
    let room = (width - 2 * style.px(MARGIN_LEFT) as i32).max(0) as f64;
    let max_lines = ((share * height as f64 / line.max(1) as f64).floor() as usize).max(2);
    let lines = text::title_lines(text, style.title_font() * text::BOLD, room, max_lines);
    let font = title_style(style).pos(Pos::new(HPos::Center, VPos::Center));
    let (top, rest) = area.split_vertically((line * lines.len().max(1) as i32).min(height));
    for (i, text) in lines.iter().enumerate() {
        top.draw_text(text, &font, (width / 2, line * i as i32 + line / 2))?;
    }
    Ok(rest)
}

/// A title takes at most this share of its chart's height (and always two lines): a student
/// reads the whole title, and the plot keeps the rest.
pub const TITLE_SHARE: f64 = 0.3;

/// A legend takes at most this share of the height below the title with its items wrapped
/// (every word shown); a legend that would need more is drawn one line an item, the long ones
/// shortened with "…", so the plot keeps the rest.
pub const LEGEND_SHARE: f64 = 0.4;

/// About how wide `text` is in a sans-serif font of `size` px ([`text::width`], whole pixels). An
/// estimate on purpose: in the browser, asking plotters for the real width makes it append a
/// `<span>` to the page and force a layout, which cost ~40 % of a frame.
pub fn estimate_width(text: &str, size: f64) -> i32 {
    text::width_px(text, size)
}

/// A legend row's height.
pub fn legend_row_height(style: &Style) -> i32 {
    (style.font() * 1.6).round().max(1.0) as i32
}

/// A legend item's place: its left end, its first row, and its text in lines — one, unless the
/// item is wider than a whole row: then it is wrapped at a natural break ([`text::title_lines`],
/// at most four lines) so no word of it is cut off, as long as the legend keeps to
/// [`LEGEND_SHARE`] of the chart (a small panel shortens the item with "…" instead).
pub struct Placed {
    pub x: i32,
    pub row: i32,
    pub lines: Vec<String>,
}

/// Where each legend item goes, left to right in rows across `area` (a new row when the next
/// item would not fit), and the legend's height. An item is (has a swatch, text).
pub fn legend_layout<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    items: impl Iterator<Item = (bool, &'a str)> + Clone,
    style: &Style,
    share: f64,
) -> (Vec<Placed>, i32) {
    let (_, height) = size(area);
    let wrapped = place_legend(area, items.clone(), style, 4);
    if wrapped.1 as f64 <= share * height as f64 {
        return wrapped;
    }
    place_legend(area, items, style, 1)
}

fn place_legend<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    items: impl Iterator<Item = (bool, &'a str)>,
    style: &Style,
    max_lines: usize,
) -> (Vec<Placed>, i32) {
    let (width, height) = size(area);
    let (pad, swatch, gap, spacing) =
        (style.px(MARGIN_LEFT) as i32, style.px(28.0) as i32, style.px(7.0) as i32, style.px(26.0) as i32);
    let mut placed = Vec::new();
    let (mut x, mut row) = (pad, 0);
    for (has_swatch, text) in items {
        let key = if has_swatch { swatch + gap } else { 0 };
        let item_width = key + estimate_width(text, style.font());
        if x > pad && x + item_width > width - pad {
            x = pad;
            row += 1;
        }
        if max_lines == 1 || x + item_width <= width - pad {
            placed.push(Placed { x, row, lines: vec![text.to_string()] });
            x += item_width + spacing;
            continue;
        }
        // Wider than a row: wrapped, and the next item starts on the row after its last line.
        let room = (width - pad - x - key).max(0) as f64;
        let lines = text::title_lines(text, style.font(), room, max_lines);
        let taken = lines.len().max(1) as i32;
        placed.push(Placed { x, row, lines });
        row += taken - 1;
        x = width;
    }
    (placed, ((row + 1) * legend_row_height(style) + style.px(4.0) as i32).min(height))
}

/// Draws `items` as a legend across the top of `area`, in as many rows as the width needs, and
/// returns the area below it. Kept outside the plot so it never hides data.
pub fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    items: &[(Key, String)],
    style: &Style,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    legend_within(area, items, style, LEGEND_SHARE)
}

/// [`legend`] wrapped within `share` of the height (a chart whose legend holds the numbers a
/// student compares gives it more).
pub fn legend_within<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    items: &[(Key, String)],
    style: &Style,
    share: f64,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    let font = text_style(style).pos(Pos::new(HPos::Left, VPos::Center));
    let (placed, legend_height) =
        legend_layout(area, items.iter().map(|(key, text)| (*key != Key::Text, text.as_str())), style, share);
    let (swatch, gap) = (style.px(28.0) as i32, style.px(7.0) as i32);
    let row_height = legend_row_height(style);
    let (top, rest) = area.split_vertically(legend_height);

    let (width, _) = size(area);
    for ((key, _), Placed { x, row, lines }) in items.iter().zip(placed) {
        let y = row * row_height + row_height / 2;
        let text_x = draw_key(&top, *key, (x, y), swatch, style)?;
        let text_x = text_x + if *key == Key::Text { 0 } else { gap };
        // A line still wider than the row (one long word) is shortened, never run off the chart.
        let room = (width - style.px(MARGIN_LEFT) as i32 - text_x).max(0) as f64;
        for (i, line) in lines.iter().enumerate() {
            top.draw_text(&text::ellipsize(line, style.font(), room), &font, (text_x, y + i as i32 * row_height))?;
        }
    }
    Ok(rest)
}

/// Draws `key` with its left end at `(x, y)` (y = middle) and returns where its picture ends.
fn draw_key<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    key: Key,
    (x, y): (i32, i32),
    swatch: i32,
    style: &Style,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let half = (style.font() * 0.45).round() as i32;
    let mid = x + swatch / 2;
    let radius = style.px(4.5);
    match key {
        Key::Text => return Ok(x),
        Key::Bar(c) => {
            area.draw(&Rectangle::new([(x, y - half), (x + swatch, y + half)], c.mix(0.45).filled()))?;
            area.draw(&Rectangle::new([(x, y - half), (x + swatch, y + half)], c.stroke_width(style.px(1.0))))?;
        }
        Key::Line(c) => area.draw(&PathElement::new(vec![(x, y), (x + swatch, y)], c.stroke_width(style.px(3.0))))?,
        Key::Dashed(c) => {
            let dash = c.stroke_width(style.px(2.0));
            area.draw(&PathElement::new(vec![(x, y), (x + swatch * 3 / 8, y)], dash))?;
            area.draw(&PathElement::new(vec![(x + swatch * 5 / 8, y), (x + swatch, y)], dash))?;
        }
        Key::Point(c) => area.draw(&Circle::new((mid, y), radius, c.filled()))?,
        Key::Ring(c) => area.draw(&Circle::new((mid, y), radius + style.px(1.0), c.stroke_width(style.px(2.0))))?,
        Key::ErrorBar(c) => {
            area.draw(&PathElement::new(
                vec![(mid, y - half - 2), (mid, y + half + 2)],
                c.stroke_width(style.px(2.0)),
            ))?;
            area.draw(&Circle::new((mid, y), radius, c.filled()))?;
        }
        Key::Band(c) => {
            area.draw(&Rectangle::new([(x, y - half - 2), (x + swatch, y + half + 2)], c.mix(0.35).filled()))?
        }
        Key::Marks(a, b) => {
            for (dx, c) in [(swatch / 4, a), (swatch * 3 / 4, b)] {
                area.draw(&(EmptyElement::at((x + dx, y + half)) + triangle(c, style)))?;
            }
        }
    }
    Ok(x + swatch)
}

/// Collects finite values and gives an axis range around them (see [`Span::padded`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct Span(Option<(f64, f64)>);

impl Span {
    /// Widens the span to include `v` (ignored unless finite).
    pub fn add(&mut self, v: f64) {
        if v.is_finite() {
            self.0 = Some(match self.0 {
                None => (v, v),
                Some((lo, hi)) => (lo.min(v), hi.max(v)),
            });
        }
    }

    /// The smallest and largest value added, if any.
    pub fn get(self) -> Option<(f64, f64)> {
        self.0
    }

    /// An axis range showing the span with a little room on each side. Never empty, never so
    /// narrow that plotters' tick finder runs below float precision (a range of equal values
    /// becomes centre ± max(5 % of |centre|, 1)); (−1, 1) when nothing was added.
    pub fn padded(self) -> (f64, f64) {
        let Some((lo, hi)) = self.0 else { return (-1.0, 1.0) };
        let centre = 0.5 * lo + 0.5 * hi;
        let half = 0.5 * hi - 0.5 * lo;
        let half = if half > centre.abs() * 1e-6 { half * 1.15 } else { (centre.abs() * 0.05).max(1.0) };
        let (a, b) = (centre - half, centre + half);
        if a.is_finite() && b.is_finite() && b > a {
            (a, b)
        } else {
            (-1.0, 1.0)
        }
    }
}

/// The page's one number formatter (legends and ticks read as the tables do).
pub use crate::numbers::{num, tick};

/// A filled triangle standing on its base, tip up, in pixel offsets from the point it marks.
pub fn triangle(colour: RGBColor, style: &Style) -> Polygon<(i32, i32)> {
    let (w, h) = (style.px(8.0) as i32, style.px(16.0) as i32);
    Polygon::new(vec![(-w, 0), (w, 0), (0, -h)], colour.filled())
}

/// Many filled shapes as ONE polygon: one path on a canvas, one element in an SVG, however many
/// dots or bars a chart shows. Each shape's outline is visited from a chain of bridges that is
/// walked out and back again, so the bridges enclose no area (nothing of them is painted); shapes
/// share one orientation, so overlapping ones fill as their union. Coordinates are backend pixels.
#[derive(Debug, Default, Clone)]
pub struct Shapes {
    points: Vec<(i32, i32)>,
    anchors: Vec<(i32, i32)>,
}

impl Shapes {
    /// Adds a closed outline (clockwise on screen for a filled shape).
    pub fn outline(&mut self, outline: impl IntoIterator<Item = (i32, i32)>) {
        let mut outline = outline.into_iter();
        let Some(first) = outline.next() else { return };
        self.points.push(first);
        self.points.extend(outline);
        self.points.push(first);
        self.anchors.push(first);
    }

    /// A filled dot: a 12-sided polygon of radius `r` around `centre`.
    pub fn dot(&mut self, centre: (i32, i32), r: f64) {
        self.outline(circle_points(centre, r, false));
    }

    /// A ring `width` thick whose outer radius is `r` (the inner outline runs the other way,
    /// so it is a hole).
    pub fn ring(&mut self, centre: (i32, i32), r: f64, width: f64) {
        let outer = circle_points(centre, r, false);
        let inner = circle_points(centre, (r - width).max(0.0), true);
        let (o, i) = (outer[0], inner[0]);
        self.outline(outer.into_iter().chain([o, i]).chain(inner).chain([i]));
    }

    /// A filled rectangle between two corners.
    pub fn rect(&mut self, (x0, y0): (i32, i32), (x1, y1): (i32, i32)) {
        let (l, r, t, b) = (x0.min(x1), x0.max(x1), y0.min(y1), y0.max(y1));
        self.outline([(l, t), (r, t), (r, b), (l, b)]);
    }

    /// How many shapes were added.
    pub fn len(&self) -> usize {
        self.anchors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }

    /// The one closed walk [`Shapes::draw`] fills: every outline from its anchor, then the
    /// anchors back to the first.
    pub fn walk(&self) -> Vec<(i32, i32)> {
        let back = self.anchors.iter().rev().skip(1);
        self.points.iter().chain(back).copied().collect()
    }

    /// Draws them all as one polygon on `area` (whose origin is `area`'s top-left corner: the
    /// points are taken relative to it).
    pub fn draw<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
        style: impl Into<ShapeStyle>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        if self.anchors.is_empty() {
            return Ok(());
        }
        let (bx, by) = area.get_base_pixel();
        let points: Vec<(i32, i32)> = self.walk().into_iter().map(|(x, y)| (x - bx, y - by)).collect();
        area.draw(&Polygon::new(points, style))
    }
}

/// How far back [`for_each_loop`] looks for a vertex the walk comes back to: far enough for
/// every outline [`Shapes`] makes of a dot, a bar or a ring, and for its bridges.
const LOOK_BACK: usize = 16;

/// The loops of a closed walk through `points` (the inverse of [`Shapes`]' bridges), each handed
/// to `each` as its vertices (closed back to the first): the walk is cut where it comes back to
/// one of its last `LOOK_BACK` (16) vertices. Cut anywhere at a vertex it comes back to, a closed
/// walk is a sum of closed loops holding the same directed edges, so every point's winding
/// number (what a nonzero fill fills) is the walk's; loops of fewer than three vertices have no
/// area and are left out. A canvas fills them as subpaths of one path far faster than the
/// bridged outline (`crate::canvas`).
pub fn for_each_loop(points: impl IntoIterator<Item = (i32, i32)>, mut each: impl FnMut(&[(i32, i32)])) {
    let mut points = points.into_iter();
    let Some(first) = points.next() else { return };
    let mut walk = vec![first];
    // The walk closes back to its first vertex.
    for p in points.chain([first]) {
        let from = walk.len().saturating_sub(LOOK_BACK);
        match walk[from..].iter().rposition(|&q| q == p) {
            Some(k) => {
                let at = from + k;
                if walk.len() - at >= 3 {
                    each(&walk[at..]);
                }
                walk.truncate(at + 1);
            }
            None => walk.push(p),
        }
    }
    // The rest, when its first vertex lay too far back to be found again.
    if walk.len() >= 3 {
        each(&walk);
    }
}

/// A 12-gon's corners around `centre`, clockwise on screen (counter-clockwise with `reverse`).
fn circle_points((cx, cy): (i32, i32), r: f64, reverse: bool) -> [(i32, i32); 12] {
    let unit = unit_12gon();
    std::array::from_fn(|k| {
        let (cos, sin) = unit[if reverse { 12 - k } else { k }];
        (cx + (r * cos).round() as i32, cy + (r * sin).round() as i32)
    })
}

/// cos and sin of k · τ/12 for k = 0..=12, worked out once (the same calls, so the same bits,
/// as for every dot: a Step on the first view drew ~350 dots, 8 400 calls of libm's cos and sin).
fn unit_12gon() -> &'static [(f64, f64); 13] {
    static UNIT: std::sync::OnceLock<[(f64, f64); 13]> = std::sync::OnceLock::new();
    UNIT.get_or_init(|| {
        std::array::from_fn(|k| {
            let a = k as f64 * std::f64::consts::TAU / 12.0;
            (a.cos(), a.sin())
        })
    })
}

/// How many x-axis labels fit a plot `width` backend pixels wide: one per ~`every` CSS pixels,
/// between 2 and `most`.
pub fn label_count(width: i32, every: f64, style: &Style, most: usize) -> usize {
    ((width as f64 / (every * style.scale.max(1e-3))) as usize).clamp(2, most.max(2))
}

/// How many ticks to ask plotters for on an x axis over `range` drawn `width` backend pixels
/// long: the most, up to `most`, whose labels — as `label` writes them; an empty one is not
/// drawn — keep at least a gap of 14 CSS pixels between neighbours. (A count from the width alone,
/// one per ~70 px, asked a phone's plot for two; plotters never gives more ticks than asked, and
/// for two it often finds one: a lone "0" for a scale.)
pub fn x_label_count(
    (lo, hi): (f64, f64),
    width: i32,
    style: &Style,
    most: usize,
    label: &dyn Fn(f64) -> String,
) -> usize {
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0 && width > 0) {
        return 2;
    }
    let gap = style.px(14.0) as f64;
    let fits = |n: usize| {
        let at = |v: f64| (v - lo) / span * width as f64;
        let labels: Vec<(f64, f64)> = RangedCoordf64::from(lo..hi)
            .key_points(n)
            .into_iter()
            .map(|v| (at(v), text::width(&label(v), style.font())))
            .filter(|&(_, w)| w > 0.0)
            .collect();
        labels.windows(2).all(|p| p[1].0 - p[0].0 >= 0.5 * (p[0].1 + p[1].1) + gap)
    };
    (3..=most.max(2)).rev().find(|&n| fits(n)).unwrap_or(2)
}

/// An x-axis number `label` at `v` on a plot over `(lo, hi)` `width` backend pixels wide, or
/// nothing where it would reach left of the plot, under the y axis's lowest number.
pub fn clear_of_y_axis(v: f64, (lo, hi): (f64, f64), width: i32, style: &Style, label: String) -> String {
    let at = (v - lo) / (hi - lo) * width as f64;
    if at < 0.5 * text::width(&label, style.font()) {
        String::new()
    } else {
        label
    }
}

/// How many numbers to ask for on a y axis `height` pixels tall (one every `every` CSS pixels):
/// at least three where two lines of text fit — plotters, asked for two, often gives one, and a
/// short plot on a phone or a projector then had "0" alone for a scale.
pub fn y_label_count(height: i32, every: f64, style: &Style, most: usize) -> usize {
    if (height as f64) < 2.4 * style.font() {
        return 1;
    }
    label_count(height, every, style, most).max(3)
}

/// [`y_label_count`] for a y axis over `(lo, hi)`: fewer where the numbers plotters would draw
/// for that count come closer than a line of text (a short panel asked for three over 0…2 drew
/// "0", "1" and "2" 15 px apart, on top of each other), never fewer than two.
pub fn y_label_count_over((lo, hi): (f64, f64), height: i32, every: f64, style: &Style, most: usize) -> usize {
    let first = y_label_count(height, every, style, most);
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0 && height > 0) {
        return first;
    }
    let line = 1.2 * style.font();
    let apart = |n: usize| {
        let at: Vec<f64> =
            RangedCoordf64::from(lo..hi).key_points(n).into_iter().map(|v| v / span * height as f64).collect();
        at.windows(2).all(|p| (p[1] - p[0]).abs() >= line)
    };
    (2..=first).rev().find(|&n| apart(n)).unwrap_or(first.min(2))
}

/// How wide a y axis's label area must be (backend pixels): plotters draws the numbers
/// right-aligned two tick marks (at most 5 px each) left of the axis, and the axis's name, turned,
/// at the area's left edge. Wide enough for the widest number it may draw over `(lo, hi)` when
/// asked for up to `most` (as `label` writes it), with the name (when `named`) clear of it; never
/// narrower than `least` CSS pixels (the chart's usual area). (At a fixed 72 px, lesson 6's
/// running mean "-0.00002" ran under the name "mean".)
pub fn y_label_area(
    (lo, hi): (f64, f64),
    most: usize,
    label: &dyn Fn(f64) -> String,
    named: bool,
    least: f64,
    style: &Style,
) -> u32 {
    let widest = if lo < hi {
        (1..=most.max(1))
            .flat_map(|n| RangedCoordf64::from(lo..hi).key_points(n))
            .map(|v| text::width(&label(v), style.font()))
            .fold(0.0, f64::max)
    } else {
        0.0
    };
    let name = if named { 1.2 * style.font() + style.px(6.0) as f64 } else { style.px(4.0) as f64 };
    ((10.0 + widest + name).ceil() as u32).max(style.px(least))
}

/// The [`super::PlotArea`] of a chart over `items` items just built on `root`'s backend.
pub fn plot_area<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ChartContext<DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    (x, y): ((f64, f64), (f64, f64)),
    items: usize,
) -> super::PlotArea {
    let (bx, by) = root.get_base_pixel();
    let (x0, y0) = chart.backend_coord(&(x.0, y.0));
    let (x1, y1) = chart.backend_coord(&(x.1, y.1));
    let (w, h) = size(root);
    super::PlotArea {
        size: (w as u32, h as u32),
        px: ((x0 - bx) as f64, (x1 - bx) as f64),
        py: ((y0 - by) as f64, (y1 - by) as f64),
        x,
        y,
        items,
    }
}

impl Shapes {
    /// A dashed line through `points` (backend pixels) `width` thick: every dash a thin
    /// quadrilateral of this one polygon (plotters' dashed series draws each dash as a path).
    pub fn dashed(&mut self, points: &[(i32, i32)], dash: f64, gap: f64, width: f64) {
        let (dash, gap, half) = (dash.max(1.0), gap.max(0.0), (width / 2.0).max(0.5));
        for pair in points.windows(2) {
            let ((x0, y0), (x1, y1)) = ((pair[0].0 as f64, pair[0].1 as f64), (pair[1].0 as f64, pair[1].1 as f64));
            let length = (x1 - x0).hypot(y1 - y0);
            if !length.is_finite() || length <= 0.0 || length > 1e6 {
                continue;
            }
            let (ux, uy) = ((x1 - x0) / length, (y1 - y0) / length);
            let (nx, ny) = (-uy * half, ux * half);
            let mut at = 0.0;
            while at < length {
                let end = (at + dash).min(length);
                let (ax, ay, bx, by) = (x0 + ux * at, y0 + uy * at, x0 + ux * end, y0 + uy * end);
                let p = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
                self.outline([p(ax + nx, ay + ny), p(bx + nx, by + ny), p(bx - nx, by - ny), p(ax - nx, ay - ny)]);
                at = end + gap;
            }
        }
    }
}

impl Shapes {
    /// Columns side by side, `(left, right, top, bottom)` in backend pixels, left to right, as
    /// ONE simple outline per run of columns (None breaks a run): along the tops, back along the
    /// bottoms. No bridges between them, so the rasterizer sees few edges per scanline.
    pub fn band(&mut self, columns: &[Option<(i32, i32, i32, i32)>]) {
        for run in columns.split(Option::is_none) {
            let run: Vec<(i32, i32, i32, i32)> = run.iter().flatten().copied().collect();
            if run.is_empty() {
                continue;
            }
            let tops = run.iter().flat_map(|&(l, r, t, _)| [(l, t), (r, t)]);
            let bottoms: Vec<(i32, i32)> = run.iter().rev().flat_map(|&(l, r, _, b)| [(r, b), (l, b)]).collect();
            self.outline(tops.chain(bottoms));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loops(points: impl IntoIterator<Item = (i32, i32)>) -> Vec<Vec<(i32, i32)>> {
        let mut found = Vec::new();
        for_each_loop(points, |l| found.push(l.to_vec()));
        found
    }

    #[test]
    fn bridged_shapes_come_apart_into_their_outlines() {
        // Two triangles on a bridge walked out and back, as Shapes draws them.
        let (a, b) = ((0, 0), (10, 0));
        let walk = [a, (2, 0), (1, 2), a, b, (12, 0), (11, 2), b, a];
        assert_eq!(loops(walk), vec![vec![a, (2, 0), (1, 2)], vec![b, (12, 0), (11, 2)]]);
    }

    #[test]
    fn a_simple_polygon_is_one_loop_and_a_line_none() {
        let square = [(0, 0), (4, 0), (4, 4), (0, 4)];
        assert_eq!(loops(square), vec![square.to_vec()]);
        assert!(loops([(0, 0), (4, 0)]).is_empty(), "a line has no area");
        assert!(loops(std::iter::empty()).is_empty());
    }

    /// The winding number of the closed walk `points` around (x, y) (a point on no edge).
    fn winding(points: &[(i32, i32)], (x, y): (f64, f64)) -> i32 {
        let mut w = 0;
        for (&(x0, y0), &(x1, y1)) in points.iter().zip(points.iter().cycle().skip(1)) {
            let (x0, y0, x1, y1) = (x0 as f64, y0 as f64, x1 as f64, y1 as f64);
            let side = (x1 - x0) * (y - y0) - (x - x0) * (y1 - y0);
            if y0 <= y && y1 > y && side > 0.0 {
                w += 1;
            } else if y1 <= y && y0 > y && side < 0.0 {
                w -= 1;
            }
        }
        w
    }

    #[test]
    fn shapes_come_apart_into_their_outlines_with_the_same_winding_everywhere() {
        let mut shapes = Shapes::default();
        shapes.dot((20, 20), 5.0);
        shapes.rect((30, 5), (34, 40));
        shapes.ring((60, 20), 8.0, 2.0);
        shapes.rect((5, 30), (70, 33)); // across the others
        let walk = shapes.walk();
        let found = loops(walk.iter().copied());
        assert_eq!(found.len(), 5, "a dot, two bars and a ring's two outlines");
        let close = |walk: &[(i32, i32)]| {
            for y in 0..50 {
                for x in 0..80 {
                    let p = (x as f64 + 0.37, y as f64 + 0.61);
                    let cut: i32 = loops(walk.iter().copied()).iter().map(|l| winding(l, p)).sum();
                    assert_eq!(cut, winding(walk, p), "at {p:?}");
                }
            }
        };
        close(&walk);
        // The same dot twice: extra loops of bridges may come out, but they cancel.
        shapes.dot((20, 20), 5.0);
        close(&shapes.walk());
        // Many shapes: their first vertices lie further back than the walk looks.
        for k in 0..40 {
            shapes.dot((5 + 2 * k, 10 + k % 7), 3.0);
        }
        shapes.band(&[Some((10, 14, 5, 30)), Some((14, 18, 8, 25)), None, Some((30, 40, 2, 45))]);
        close(&shapes.walk());
    }
}
