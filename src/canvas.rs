//! The charts' `<canvas>` backend: plotters-canvas's, with its calls made cheaper for Chromium's
//! software rasterizer (it makes every chart's pixels on the page's main thread) and for the
//! script boundary. Rectangles, circles and translucent lines are plotters-canvas's own calls
//! with the colour handed over as below; pixels, bitmaps and single lines are its own.
//!
//! - A filled polygon that comes back to a vertex it visited is filled as its loops, each a
//!   subpath of one path. The charts draw many dots and bars as ONE polygon whose shapes hang on
//!   a chain of bridges walked out and back (`charts::common::Shapes`); filled as one outline,
//!   every bridge's pair of opposite edges crosses the scanlines it spans (rasterizing the
//!   all-features chart: 0.9 ms a Step that way, 0.6 ms as loops). Cut at repeated vertices, a
//!   closed walk is a sum of closed loops with the same directed edges, so every point's winding
//!   number — what canvas's nonzero rule fills — is the same; a loop out and back (a bridge) has
//!   no area and is left out ([`crate::charts::common::for_each_loop`]).
//! - Text: the font, alignment and colour are set only when they differ from what this backend
//!   last set (plotters-canvas sets all four, and formats two strings, for every label); an
//!   empty label (plotters draws some) is not sent at all.
//! - Opaque lines drawn in a row with the same colour and width (axes, ticks, dashes: ~140 a
//!   Step on the first view, each plotters-canvas's own path and stroke, its colour formatted
//!   and parsed anew) are gathered as subpaths of one path and stroked once, before any other
//!   call. Only opaque ones: the translucent grid lines cross, and stroked apart their crossings
//!   are darker. (plotters draws every line, even a tick, as a path: `draw_path`.)
//! - Colours, fonts and labels cross to the page as JS strings made once and kept ([`with_js`]):
//!   web-sys's setters and `fillText` take a `&str`, copied out of the wasm and decoded into a
//!   new JS string on every call (plotters-canvas also formats the colour anew), ~260 a Step on
//!   the first view, most of them the same few colours.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform};
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

#[wasm_bindgen]
extern "C" {
    /// The same 2D context, for its calls that take a string: given a JS string the page
    /// already holds.
    type StringCalls;
    #[wasm_bindgen(method, setter = fillStyle)]
    fn set_fill_style(this: &StringCalls, style: &JsValue);
    #[wasm_bindgen(method, setter = strokeStyle)]
    fn set_stroke_style(this: &StringCalls, style: &JsValue);
    #[wasm_bindgen(method, setter = font)]
    fn set_font(this: &StringCalls, font: &JsValue);
    #[wasm_bindgen(method, catch, js_name = fillText)]
    fn fill_text(this: &StringCalls, text: &JsValue, x: f64, y: f64) -> Result<(), JsValue>;
}

/// At most this many strings are kept; past it the store starts again (a chart's labels change
/// with the data: the tick labels of every axis ever drawn would otherwise pile up).
const KEPT_STRINGS: usize = 512;

thread_local! {
    /// Every string drawn recently, as the JS string the page was given for it.
    static JS_STRINGS: RefCell<HashMap<String, JsValue>> = RefCell::default();
}

/// `use_it` given `text` as a JS string: the one made for it before, else a new one, kept.
fn with_js<R>(text: &str, use_it: impl FnOnce(&JsValue) -> R) -> R {
    JS_STRINGS.with_borrow_mut(|strings| {
        if let Some(js) = strings.get(text) {
            return use_it(js);
        }
        if strings.len() >= KEPT_STRINGS {
            strings.clear();
        }
        use_it(strings.entry(text.to_string()).or_insert_with(|| JsValue::from_str(text)))
    })
}

thread_local! {
    /// Every colour drawn, as the JS string of its CSS text (as plotters-canvas writes it).
    static JS_COLORS: RefCell<Vec<(ColorKey, JsValue)>> = RefCell::default();
}

/// A colour's channels and its alpha's bits.
type ColorKey = ((u8, u8, u8), u64);

/// `use_it` given `color`'s CSS text as a JS string, made once (a chart's colours are the
/// palette's few, with a few alphas).
fn with_color<R>(color: BackendColor, use_it: impl FnOnce(&JsValue) -> R) -> R {
    let key = (color.rgb, color.alpha.to_bits());
    JS_COLORS.with_borrow_mut(|colors| {
        if let Some((_, js)) = colors.iter().find(|(k, _)| *k == key) {
            return use_it(js);
        }
        if colors.len() >= KEPT_STRINGS {
            colors.clear();
        }
        let (r, g, b) = color.rgb;
        let js = JsValue::from_str(&format!("rgba({},{},{},{})", r, g, b, color.alpha));
        colors.push((key, js));
        use_it(&colors[colors.len() - 1].1)
    })
}

/// What went wrong on the canvas (plotters-canvas's error, in words).
#[derive(Debug)]
pub struct CanvasError(String);

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "canvas error: {}", self.0)
    }
}

impl std::error::Error for CanvasError {}

/// plotters-canvas's error as this backend's.
fn theirs<E: std::error::Error + Send + Sync + 'static>(e: DrawingErrorKind<E>) -> DrawingErrorKind<CanvasError> {
    match e {
        DrawingErrorKind::DrawingError(e) => DrawingErrorKind::DrawingError(CanvasError(e.to_string())),
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// A call the context refused (a turned label's transform), as this backend's error.
fn js(_: wasm_bindgen::JsValue) -> DrawingErrorKind<CanvasError> {
    DrawingErrorKind::DrawingError(CanvasError("the canvas refused to draw a label".into()))
}

/// A canvas to draw charts on (see the module's text).
pub struct Canvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    /// What this backend last set on the context (None: unknown, set it).
    fill: Option<((u8, u8, u8), u64)>,
    font: Option<String>,
    align: Option<&'static str>,
    baseline: Option<&'static str>,
    /// The colour and width of the opaque lines gathered in the context's current path, not
    /// yet stroked (None: no path pending).
    lines: Option<((u8, u8, u8), u32)>,
}

impl Canvas {
    /// The canvas's 2D context, or None when it has none.
    pub fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        // Lines meet round: a noisy loss curve's sharp turns made mitred spikes that reached
        // below the axis (the canvas's default join).
        context.set_line_join("round");
        let inner = CanvasBackend::with_canvas_object(canvas)?;
        Some(Canvas { inner, context, fill: None, font: None, align: None, baseline: None, lines: None })
    }

    /// The context, for the calls given a kept JS string.
    fn strings(&self) -> &StringCalls {
        self.context.unchecked_ref()
    }

    /// The gathered lines stroked: before any other call, which would begin its own path.
    fn stroke_lines(&mut self) {
        if self.lines.take().is_some() {
            self.context.stroke();
        }
    }

    /// plotters-canvas's own call, after which the fill colour is no longer known.
    fn passed<E: std::error::Error + Send + Sync + 'static>(
        &mut self,
        result: Result<(), DrawingErrorKind<E>>,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.fill = None;
        result.map_err(theirs)
    }

    fn set_fill(&mut self, color: BackendColor) {
        let key = (color.rgb, color.alpha.to_bits());
        if self.fill != Some(key) {
            with_color(color, |css| self.strings().set_fill_style(css));
            self.fill = Some(key);
        }
    }

    /// The stroke colour and width of a line (as plotters-canvas sets them for each).
    fn set_line_style<S: BackendStyle>(&mut self, style: &S) {
        with_color(style.color(), |css| self.strings().set_stroke_style(css));
        self.context.set_line_width(f64::from(style.stroke_width()));
    }
}

/// Lines still gathered when a chart stops early (an error) are stroked all the same.
impl Drop for Canvas {
    fn drop(&mut self) {
        self.stroke_lines();
    }
}

impl DrawingBackend for Canvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        // Called before every element: the gathered lines wait (plotters-canvas does nothing here).
        self.inner.ensure_prepared().map_err(theirs)
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.stroke_lines();
        self.inner.present().map_err(theirs)
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.stroke_lines();
        let result = self.inner.draw_pixel(point, color);
        self.passed(result)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.stroke_lines();
        let result = self.inner.draw_line(from, to, style);
        self.passed(result)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        // plotters-canvas's own calls, with the colour given as a kept JS string.
        self.stroke_lines();
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let (x, y) = (f64::from(upper_left.0), f64::from(upper_left.1));
        let (width, height) = (f64::from(bottom_right.0 - upper_left.0), f64::from(bottom_right.1 - upper_left.1));
        if fill {
            self.set_fill(style.color());
            self.context.fill_rect(x, y, width, height);
        } else {
            self.set_line_style(style);
            self.context.stroke_rect(x, y, width, height);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let color = style.color();
        let mut path = path.into_iter();
        if color.alpha != 1.0 {
            // plotters-canvas's own calls, with the colour given as a kept JS string.
            self.stroke_lines();
            if color.alpha == 0.0 {
                return Ok(());
            }
            self.context.begin_path();
            if let Some((x, y)) = path.next() {
                self.set_line_style(style);
                self.context.move_to(f64::from(x), f64::from(y));
                for (x, y) in path {
                    self.context.line_to(f64::from(x), f64::from(y));
                }
            }
            self.context.stroke();
            return Ok(());
        }
        let Some((x, y)) = path.next() else {
            return Ok(());
        };
        let key = (color.rgb, style.stroke_width());
        if self.lines != Some(key) {
            self.stroke_lines();
            self.set_line_style(style);
            self.context.begin_path();
            self.lines = Some(key);
        }
        // This line a subpath of the gathered path (stroked apart, as plotters-canvas strokes it).
        self.context.move_to(f64::from(x), f64::from(y));
        for (x, y) in path {
            self.context.line_to(f64::from(x), f64::from(y));
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        // plotters-canvas's own calls, with the colour given as a kept JS string.
        self.stroke_lines();
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        if fill {
            self.set_fill(style.color());
        } else {
            self.set_line_style(style);
        }
        self.context.begin_path();
        let (x, y) = (f64::from(center.0), f64::from(center.1));
        let refused = |_| DrawingErrorKind::DrawingError(CanvasError("the canvas refused to draw a circle".into()));
        self.context.arc(x, y, f64::from(radius), 0.0, std::f64::consts::PI * 2.0).map_err(refused)?;
        if fill {
            self.context.fill();
        } else {
            self.context.stroke();
        }
        Ok(())
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.stroke_lines();
        let result = self.inner.blit_bitmap(pos, size, src);
        self.passed(result)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.stroke_lines();
        self.set_fill(style.color());
        let context = &self.context;
        context.begin_path();
        // Each loop a subpath (fill closes them).
        crate::charts::common::for_each_loop(path, |points| {
            let (x, y) = points[0];
            context.move_to(f64::from(x), f64::from(y));
            for &(x, y) in &points[1..] {
                context.line_to(f64::from(x), f64::from(y));
            }
        });
        context.fill();
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let color = style.color();
        if color.alpha == 0.0 || text.is_empty() {
            return Ok(());
        }
        self.stroke_lines();
        let degrees = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 90.0,
            FontTransform::Rotate180 => 180.0,
            FontTransform::Rotate270 => 270.0,
        };
        let (mut x, mut y) = (f64::from(pos.0), f64::from(pos.1));
        // A turned label is drawn in a saved state; what this backend set is known again after
        // the restore.
        let known = (self.fill, self.font.clone(), self.align, self.baseline);
        let turned = degrees != 0.0;
        if turned {
            self.context.save();
            self.context.translate(x, y).map_err(js)?;
            self.context.rotate(degrees / 180.0 * std::f64::consts::PI).map_err(js)?;
            (x, y) = (0.0, 0.0);
        }
        let baseline = match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        if self.baseline != Some(baseline) {
            self.context.set_text_baseline(baseline);
            self.baseline = Some(baseline);
        }
        let align = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        if self.align != Some(align) {
            self.context.set_text_align(align);
            self.align = Some(align);
        }
        self.set_fill(color);
        let font = format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str());
        if self.font.as_deref() != Some(font.as_str()) {
            with_js(&font, |font| self.strings().set_font(font));
            self.font = Some(font);
        }
        let drawn = with_js(text, |text| self.strings().fill_text(text, x, y)).map_err(js);
        if turned {
            self.context.restore();
            (self.fill, self.font, self.align, self.baseline) = known;
        }
        drawn
    }
}
