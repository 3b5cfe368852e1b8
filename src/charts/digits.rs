//! Train chart 4: a few test digits (8×8 greyscale) with their label and both models' guesses.
//!
//! Under each digit: its label, then the guess of the first model (by default the one with
//! BatchNorm1d, "BN", a bluish-green dot) and of the second ("no BN", an orange dot), each under
//! its short name (the models' norms name them: "LN", "GN", "noisy BN", …), with a drawn tick
//! when right and a cross when wrong (drawn, not font characters, so every screen shows them).
//! The digits are laid out in as many columns as make them largest in the area given; a box too
//! small for all of them at [`MIN_SIDE`] shows the first few that fit at that size.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::common::{
    legend, legend_layout, placeholder, size, text_style, too_small, Key, Shapes, LEGEND_SHARE, NO_DATA, TOO_SMALL,
};
use super::curves::{model_key, title, COLOURS};
use super::{DigitsView, Style, TEXT, TRUTH};
use crate::i18n::{t, tf, Lang};

/// At most this many digits are drawn (the first ones).
pub const MAX_DIGITS: usize = 12;

/// A digit is drawn at least this many pixels square (times the style's scale: 5 px for each of
/// its 8 × 8 pixels on a laptop, 9 on a 720p projector): where the box has no room for all the
/// digits at that size it shows fewer, never unreadable ones.
pub const MIN_SIDE: f64 = 40.0;

/// How many digits a drawing showed (0 for a placeholder): the chart's summary says that many
/// (it spoke of 12 where a small box showed 9).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown(pub usize);

/// The tutorial pair's short names (i18n keys), when the view names none.
const SHORT: [&str; 2] = ["BN", "no BN"];

/// Model `m`'s short name in `lang`.
fn short_name(view: &DigitsView, m: usize, lang: crate::i18n::Lang) -> String {
    match view.short[m] {
        "" => t(lang, SHORT[m]),
        key => t(lang, key),
    }
}

/// Draws the first [`MAX_DIGITS`] digits with their labels and guesses.
/// The chart's title, as it draws it (and as a notice names the chart).
pub fn heading(_: &DigitsView, lang: Lang) -> String {
    t(lang, "Test digits and the two models' guesses")
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    view: &DigitsView,
    style: &Style,
) -> Result<Shown, DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let lang = style.lang;
    let area = title(root, &heading(view, lang), style)?;
    let count = view.images.len().min(MAX_DIGITS);
    if count == 0 {
        return placeholder(&area, NO_DATA, style).map(|_| Shown(0));
    }
    if too_small(&area, style) {
        return placeholder(&area, TOO_SMALL, style).map(|_| Shown(0));
    }

    // The legend's items for `shown` digits: which short name is which model, and how many of
    // those digits each got right.
    let items = |shown: usize| -> Vec<(Key, String)> {
        (0..2)
            .map(|m| {
                let name = tf(
                    lang,
                    "{m}: {name}",
                    &[("m", &short_name(view, m, lang)), ("name", &t(lang, model_key(&view.names, m)))],
                );
                let judged: Vec<bool> =
                    (0..shown).filter_map(|i| Some(view.predicted[m].get(i)? == view.labels.get(i)?)).collect();
                let text = if judged.is_empty() {
                    name
                } else {
                    let right = judged.iter().filter(|&&r| r).count().to_string();
                    tf(
                        lang,
                        "{who} ({k} of {n} right)",
                        &[("who", &name), ("k", &right), ("n", &judged.len().to_string())],
                    )
                };
                (Key::Point(COLOURS[m]), text)
            })
            .collect()
    };
    // The grid is laid out under the legend of all `count` digits (a legend of fewer is never
    // taller: only its counts are shorter).
    let all = items(count);
    let (_, legend_height) =
        legend_layout(&area, all.iter().map(|(_, text)| (true, text.as_str())), style, LEGEND_SHARE);

    // Each cell: the image, then three lines of text. The guesses read "BN: 7 ✓" where there
    // is room, else only "7 ✓" behind the model's dot (the legend says which dot is which).
    let font = text_style(style);
    let line_height = (style.font() * 1.3).round() as i32;
    let text_height = 3 * line_height;
    let (dot, gap, mark) = (style.px(10.0) as i32, style.px(5.0) as i32, style.px(10.0) as i32);
    let label_width = super::text::width_px(&tf(lang, "label {d}", &[("d", "9")]), style.font());
    let mut text_width = [label_width; 2];
    let shorts = [0, 1].map(|m| short_name(view, m, lang));
    for short in &shorts {
        let full = super::text::width_px(&tf(lang, "{m}: {d}", &[("m", short), ("d", "9")]), style.font());
        let compact = super::text::width_px("9", style.font());
        for (mode, w) in [full, compact].into_iter().enumerate() {
            text_width[mode] = text_width[mode].max(dot + gap + w + gap + mark);
        }
    }
    let (pad, top_pad) = (style.px(12.0) as i32, style.px(6.0) as i32);
    let (width, height) = size(&area);
    let height = (height - legend_height).max(0);
    let min_side = style.px(MIN_SIDE) as i32;

    // Every layout (columns × rows × text mode): its image side and whether the text fits.
    let layout = |cols: usize, rows: usize, mode: usize| -> (bool, i32) {
        let (cell_w, cell_h) = (width / cols as i32, height / rows as i32);
        let side = (cell_w - pad).min(cell_h - text_height - top_pad - pad).min(style.px(150.0) as i32);
        (cell_w >= text_width[mode] + 2 * pad, side)
    };
    // Digits drawn at least MIN_SIDE (scaled) and their texts apart: as many of them as that
    // allows (a projector's short box drew none, "Too small to draw", rather than fewer), then
    // the largest images, the full text if it costs at most a fifth of the size; ties go to the
    // fullest grid (8 digits as 4 × 2, not 7 + 1). Fewer than all fill their grid.
    let shown = |cols: usize, rows: usize| count.min(cols * rows);
    let score = |&(cols, rows, mode): &(usize, usize, usize)| {
        let (fits, s) = layout(cols, rows, mode);
        let weighted = if mode == 0 { s * 5 } else { s * 4 };
        let readable = fits && s >= min_side;
        let n = if readable { shown(cols, rows) } else { 0 };
        (readable, n, weighted, std::cmp::Reverse(cols * rows - n), cols)
    };
    let candidates = (1..=count).flat_map(|cols| {
        let all_rows = count.div_ceil(cols);
        // All the digits, or a full grid of fewer.
        (1..=all_rows).flat_map(move |rows| [(cols, rows, 0), (cols, rows, 1)])
    });
    let (cols, rows, mode) = candidates.max_by_key(score).unwrap_or((1, 1, 1));
    let (fits, s) = layout(cols, rows, mode);
    // No grid of even one digit whose texts fit at a readable size: no chart.
    if !fits || s < min_side {
        return placeholder(&area, TOO_SMALL, style).map(|_| Shown(0));
    }
    let count = shown(cols, rows);
    let area = legend(&area, &items(count), style)?;
    let (_, height) = size(&area);
    let rows = rows as i32;
    // Room for the image and, between neighbours' texts, two paddings; never wider than the
    // area allows.
    let cell_w = (s + pad).max(text_width[mode] + 2 * pad).min(width / cols as i32);
    let cell_h = top_pad + s + text_height + pad;
    let x0 = (width - cols as i32 * cell_w).max(0) / 2;
    let y0 = (height - rows * cell_h).max(0) / 2;

    let centred = font.pos(Pos::new(HPos::Center, VPos::Center));
    let left = text_style(style).pos(Pos::new(HPos::Left, VPos::Center));
    // Shapes take backend pixels; the rest is drawn from the area's corner.
    let base = area.get_base_pixel();
    let (mut pixels, mut frames) = (Pixels::default(), Vec::with_capacity(count));
    for i in 0..count {
        let (col, row) = ((i % cols) as i32, (i / cols) as i32);
        let (cx, top) = (x0 + col * cell_w + cell_w / 2, y0 + row * cell_h + top_pad);
        let left_edge = cx - s / 2;
        pixels.add(&view.images[i], (base.0 + left_edge, base.1 + top), s);
        frames.push((left_edge, top));

        let mut y = top + s + line_height / 2 + style.px(4.0) as i32;
        let label = view.labels.get(i);
        let shown = label.map_or("?".to_string(), |l| l.to_string());
        area.draw_text(&tf(lang, "label {d}", &[("d", &shown)]), &centred, (cx, y))?;
        for m in 0..2 {
            y += line_height;
            let Some(guess) = view.predicted[m].get(i) else { continue };
            let guessed = guess.to_string();
            let text = if mode == 0 { tf(lang, "{m}: {d}", &[("m", &shorts[m]), ("d", &guessed)]) } else { guessed };
            let w = super::text::width_px(&text, style.font());
            let total = dot + gap + w + if label.is_some() { gap + mark } else { 0 };
            let x = cx - total / 2;
            area.draw(&Circle::new((x + dot / 2, y), (dot / 2) as u32, COLOURS[m].filled()))?;
            area.draw_text(&text, &left, (x + dot + gap, y))?;
            if let Some(label) = label {
                draw_verdict(&area, (x + dot + gap + w + gap, y), mark, label == guess, style)?;
            }
        }
    }
    // The pixels under their frames.
    pixels.draw(&area)?;
    for corner in frames {
        draw_frame(&area, corner, s, style)?;
    }
    Ok(Shown(count))
}

/// The digits' pixels, by grey: each grey's squares over every digit as one polygon
/// ([`Shapes`]), drawn at once. A square per pixel was 770 canvas calls for twelve digits (on a
/// phone at 3×, the largest part of opening the Train view). White pixels are the background's.
#[derive(Default)]
struct Pixels {
    greys: Vec<(u8, Shapes)>,
}

impl Pixels {
    /// One 8×8 image with its top-left corner at `corner` (backend pixels), `side` pixels square: each pixel a
    /// square, 0 white to 1 black (a value that is not a number is white).
    fn add(&mut self, image: &[f32; 64], (x0, y0): (i32, i32), side: i32) {
        let edge = |k: i32| k * side / 8;
        for (p, &v) in image.iter().enumerate() {
            let (r, c) = ((p / 8) as i32, (p % 8) as i32);
            let ink = if v.is_finite() { v.clamp(0.0, 1.0) } else { 0.0 };
            let grey = (255.0 * (1.0 - ink)).round() as u8;
            if grey == u8::MAX {
                continue;
            }
            let at = match self.greys.iter().position(|&(g, _)| g == grey) {
                Some(at) => at,
                None => {
                    self.greys.push((grey, Shapes::default()));
                    self.greys.len() - 1
                }
            };
            self.greys[at].1.rect((x0 + edge(c), y0 + edge(r)), (x0 + edge(c + 1), y0 + edge(r + 1)));
        }
    }

    fn draw<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        for (grey, squares) in self.greys {
            squares.draw(area, RGBColor(grey, grey, grey).filled())?;
        }
        Ok(())
    }
}

/// A digit's grey frame, `side` pixels square from its top-left corner.
fn draw_frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x0, y0): (i32, i32),
    side: i32,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.draw(&Rectangle::new([(x0, y0), (x0 + side, y0 + side)], TRUTH.mix(0.6).stroke_width(style.px(1.0))))
}

/// A tick (right) or a cross (wrong) in a box `size` pixels wide from `x`, centred on `y`.
fn draw_verdict<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    size: i32,
    right: bool,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let stroke = TEXT.stroke_width(style.px(2.5));
    let (top, bottom) = (y - size / 2, y + size / 2);
    if right {
        area.draw(&PathElement::new(vec![(x, y), (x + size * 2 / 5, bottom), (x + size, top)], stroke))
    } else {
        area.draw(&PathElement::new(vec![(x, top), (x + size, bottom)], stroke))?;
        area.draw(&PathElement::new(vec![(x, bottom), (x + size, top)], stroke))
    }
}
