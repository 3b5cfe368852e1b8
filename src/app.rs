//! The wasm-bindgen face of the playground: owns the [`Page`], turns what the page sends into
//! a [`Command`] for [`Page::apply`], hands the page one frame of everything it shows, and draws
//! each chart on its canvas (and as SVG for slides), and a QR code of the link; a free function
//! makes a batch in a worker. The words and numbers are made in the state's modules.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::canvas::Canvas;
use plotters::coord::Shift;
use plotters::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::charts::{self, Style};
use crate::command::{Arg, Command};
use crate::core::BnError;
use crate::i18n::Lang;
use crate::page::{Opener, Page};
use crate::refusal::{DrawWhy, Refusal};

#[wasm_bindgen]
extern "C" {
    /// The page's fine clock (milliseconds, a fraction of one apart), for the frame's budget.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// The page's whole state.
#[wasm_bindgen]
pub struct App {
    page: Page,
    /// What each chart last drew (canvas, size, style, view), so an unchanged chart is not
    /// drawn again.
    drawn: RefCell<HashMap<&'static str, DrawnKey>>,
    /// Where the interactive charts' last draws put their plots; handed to the page before
    /// each action, so a click or tap maps back through what was drawn.
    picks: RefCell<charts::Picks>,
}

/// A chart's canvas, its pixel size, the style and the view's fingerprint.
type DrawnKey = (HtmlCanvasElement, (u32, u32), Style, u64);

/// What a chart's draw returns that the page keeps for clicks and taps.
trait Record {
    fn record(self, name: &str, picks: &mut charts::Picks);
}

impl Record for () {
    fn record(self, _: &str, _: &mut charts::Picks) {}
}

impl Record for Option<charts::PlotArea> {
    fn record(self, name: &str, picks: &mut charts::Picks) {
        match name {
            "features" => picks.features = self,
            "samples" => picks.samples = self,
            _ => {}
        }
    }
}

impl Record for Option<charts::norm_grid::GridMap> {
    fn record(self, _: &str, picks: &mut charts::Picks) {
        picks.norm_grid = self;
    }
}

impl Record for charts::digits::Shown {
    fn record(self, _: &str, picks: &mut charts::Picks) {
        picks.digits = Some(self);
    }
}

/// A canvas chart's whole drawing area.
type CanvasArea = DrawingArea<Canvas, Shift>;

/// A chart's drawing error on backend `DB`.
type DrawnError<DB> = DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>;

/// The drawing error type of a canvas chart.
type CanvasResult<R> = Result<R, DrawnError<Canvas>>;

/// A chart's title in `lang` (the chart module's `heading`), for a notice that it was not drawn.
type Heading<V> = fn(&V, Lang) -> String;

/// What draws a chart of [`App::chart`]'s list: its name (the key of what it last drew), its
/// view, its drawing on this painter's backend and its title (a notice names a chart that could
/// not be drawn by it, as the page shows it, never by its canvas id).
trait Painter {
    type Backend: DrawingBackend;
    type Drawn;
    fn paint<V: charts::Fingerprint, R: Record>(
        self,
        name: &'static str,
        view: V,
        draw: impl FnOnce(&DrawingArea<Self::Backend, Shift>, &V, &Style) -> Result<R, DrawnError<Self::Backend>>,
        heading: Heading<V>,
    ) -> Self::Drawn;
    /// The chart's settings are refused (the norm comparison's): nothing drawn, and why.
    fn refused(self, chart: String, error: BnError) -> Self::Drawn;
}

/// The page's canvas: drawn when its view changed, what it drew remembered ([`App::draw_on`]).
struct OnCanvas<'a> {
    app: &'a App,
    canvas: HtmlCanvasElement,
    ratio: f64,
}

impl Painter for OnCanvas<'_> {
    type Backend = Canvas;
    type Drawn = Result<bool, JsError>;
    fn paint<V: charts::Fingerprint, R: Record>(
        self,
        name: &'static str,
        view: V,
        draw: impl FnOnce(&CanvasArea, &V, &Style) -> CanvasResult<R>,
        heading: Heading<V>,
    ) -> Self::Drawn {
        let lang = self.app.page.lang;
        let drawn = self.app.draw_on(name, self.canvas, self.ratio, &view, draw);
        drawn.map_err(|why| self.app.not_drawn(heading(&view, lang), why))
    }
    fn refused(self, chart: String, error: BnError) -> Self::Drawn {
        Err(self.app.not_drawn(chart, DrawWhy::Refused(Box::new(error))))
    }
}

/// An SVG document for a download: drawn every time, nothing kept.
struct AsSvg<'a, 'b> {
    root: &'a DrawingArea<SVGBackend<'b>, Shift>,
    style: Style,
}

impl<'b> Painter for AsSvg<'_, 'b> {
    type Backend = SVGBackend<'b>;
    type Drawn = Result<(), Refusal>;
    fn paint<V: charts::Fingerprint, R: Record>(
        self,
        _: &'static str,
        view: V,
        draw: impl FnOnce(&DrawingArea<SVGBackend<'b>, Shift>, &V, &Style) -> Result<R, DrawnError<SVGBackend<'b>>>,
        heading: Heading<V>,
    ) -> Self::Drawn {
        // plotters' own words are English: the notice says "the drawing failed" in the page's.
        let drawn = draw(self.root, &view, &self.style).map(|_| ()).and_then(|()| self.root.present());
        drawn.map_err(|_| Refusal::NoSvg { chart: heading(&view, self.style.lang), why: DrawWhy::Drawing })
    }
    fn refused(self, chart: String, error: BnError) -> Self::Drawn {
        Err(Refusal::NoSvg { chart, why: DrawWhy::Refused(Box::new(error)) })
    }
}

// The exported functions take their text and lists as `JsValue`s and read them here: given a
// number or an object (from the console, where `window.playground` is offered to students),
// wasm-bindgen's own `&str` and `&[u32]` arguments trapped ("memory access out of bounds").

/// A text argument: the string, or "" for anything else.
fn text_of(value: &JsValue) -> String {
    value.as_string().unwrap_or_default()
}

/// A list of texts (the browser's languages): its strings, or none when it is not a list.
fn texts_of(value: &JsValue) -> Vec<String> {
    if !js_sys::Array::is_array(value) {
        return Vec::new();
    }
    js_sys::Array::from(value).iter().filter_map(|v| v.as_string()).collect()
}

/// A list of 32-bit words (a batch's order): a Uint32Array's, or none for anything else.
fn words_of(value: &JsValue) -> Vec<u32> {
    value.dyn_ref::<js_sys::Uint32Array>().map(|w| w.to_vec()).unwrap_or_default()
}

/// What the page sent with an action: a boolean, a string, or [x, y, width, height].
fn arg(value: &JsValue) -> Arg {
    if let Some(b) = value.as_bool() {
        return Arg::Bool(b);
    }
    if let Some(s) = value.as_string() {
        return Arg::Text(s);
    }
    if let Some(x) = value.as_f64() {
        return Arg::Text(format!("{x}"));
    }
    if js_sys::Array::is_array(value) {
        let a = js_sys::Array::from(value);
        let n = |i: u32| a.get(i).as_f64().unwrap_or(f64::NAN);
        return Arg::Point { x: n(0), y: n(1), width: n(2), height: n(3) };
    }
    Arg::None
}

/// Rust-only helpers.
impl App {
    fn opened(mut page: Page) -> App {
        // The small build writes a language only once its words file has loaded: without it (the
        // file failed or never came) the page is English, and says so (its `lang`, the menu, the
        // link), rather than English words under a Chinese label.
        if !crate::i18n::has_words(page.lang) {
            page.lang = Lang::En;
        }
        App { page, drawn: RefCell::default(), picks: RefCell::default() }
    }

    /// Draws one chart on a canvas whose pixel size the page has set (CSS size × devicePixelRatio);
    /// presenter mode draws everything 1.35 times larger. A chart whose view, style, canvas and
    /// size are what it last drew is left as it is.
    fn draw_on<V: charts::Fingerprint, R: Record>(
        &self,
        name: &'static str,
        canvas: HtmlCanvasElement,
        ratio: f64,
        view: &V,
        draw: impl FnOnce(&CanvasArea, &V, &Style) -> CanvasResult<R>,
    ) -> Result<bool, DrawWhy> {
        // Only the chart's own drawing is generic; the rest is one copy for every chart.
        let Some((root, key)) = self.start_drawing(name, canvas, ratio, view.fingerprint64())? else {
            return Ok(false);
        };
        let style = key.2;
        // plotters' and the canvas's own words are English: the notice gives the page's.
        let drawn = draw(&root, view, &style).map_err(|_| DrawWhy::Drawing)?;
        self.finish_drawing(name, &root, key)?;
        drawn.record(name, &mut self.picks.borrow_mut());
        Ok(true)
    }

    /// Chart `chart` (its title, or the id that names no chart) not drawn on a canvas, and why:
    /// the notice's words in the page's language, thrown to the page (it shows them).
    #[inline(never)]
    fn not_drawn(&self, chart: String, why: DrawWhy) -> JsError {
        JsError::new(&self.page.message(&Refusal::NotDrawn { chart, why }))
    }

    /// The drawing area of chart `name` on `canvas`, and what it will have drawn; None when
    /// that is what it last drew.
    #[inline(never)]
    fn start_drawing(
        &self,
        name: &'static str,
        canvas: HtmlCanvasElement,
        ratio: f64,
        fingerprint: u64,
    ) -> Result<Option<(CanvasArea, DrawnKey)>, DrawWhy> {
        let ratio = if ratio.is_finite() && ratio > 0.0 { ratio.min(8.0) } else { 1.0 };
        let scale = if self.page.presenter { ratio * 1.35 } else { ratio };
        let style = Style { scale, lang: self.page.lang };
        // The view's bits stand for it (NaN equals NaN there, unlike in f32's ==); hashing them
        // costs far less than the Debug text this once compared (~1 ms for a batch of 4096).
        let key = (canvas.clone(), (canvas.width(), canvas.height()), style, fingerprint);
        if self.drawn.borrow().get(name) == Some(&key) {
            return Ok(None);
        }
        let backend = Canvas::new(canvas).ok_or(DrawWhy::NoCanvas)?;
        Ok(Some((backend.into_drawing_area(), key)))
    }

    /// Shows what chart `name` drew and remembers it as `key`.
    #[inline(never)]
    fn finish_drawing(&self, name: &'static str, root: &CanvasArea, key: DrawnKey) -> Result<(), DrawWhy> {
        root.present().map_err(|_| DrawWhy::Drawing)?;
        self.drawn.borrow_mut().insert(name, key);
        Ok(())
    }

    /// The learning-rate sweep's chart: before a sweep, the rates it will try, none run yet.
    fn sweep_view(&self) -> charts::SweepView {
        let train = &self.page.train;
        match &train.sweep {
            Some(sweep) => sweep.view(),
            None => crate::trainer::Sweep::new(train.settings.clone(), self.page.sweep_steps).view(),
        }
    }

    /// The batch-size sweep's chart: before a sweep, the batch sizes it will try, none run yet.
    fn batch_sweep_view(&self) -> charts::BatchSweepView {
        use crate::trainer::{NormChoice, SWEEP_BATCH_SIZES, SWEEP_NORMS};
        match &self.page.train.batch_sweep {
            Some(sweep) => sweep.view(),
            None => charts::BatchSweepView {
                batch_sizes: SWEEP_BATCH_SIZES.to_vec(),
                names: SWEEP_NORMS.iter().map(|n| n.model_key(NormChoice::None)).collect(),
                accuracy: Vec::new(),
                epochs: self.page.train.batch_sweep_epochs.max(1),
                steps: Vec::new(),
            },
        }
    }

    /// The one list of the page's charts: chart `id` (its canvas id) handed to `painter` with
    /// its view and its drawing, on the canvas ([`App::draw`]) or as SVG ([`App::chart_svg`]).
    /// A chart added here is drawn both ways. The full module's charts are not in the first
    /// view's small one (it hands their views over). None for an id that names no chart.
    // Inlined into its two callers (one each: the canvas, the SVG): as a function of its own it
    // added ~100 B gzipped to the first view's module, whose inliner is held to small functions.
    #[inline(always)]
    fn chart<P: Painter>(&self, id: &str, painter: P) -> Option<P::Drawn> {
        use charts::*;
        let page = &self.page;
        let lab = &page.lab;
        let train = page.train.trainer.as_ref();
        let compare = || crate::compare::view(&page.compare, page.lang);
        Some(match id {
            "chart-distribution" => painter.paint(
                "distribution",
                lab.distribution_view(page.overlay),
                distribution::draw,
                distribution::heading,
            ),
            "chart-features" => {
                painter.paint("features", lab.features_view(), features::draw_mapped, features::heading)
            }
            "chart-running" => painter.paint("running", lab.running_view(), running::draw, running::heading),
            "chart-samples" => painter.paint("samples", lab.samples_view(), samples::draw_mapped, samples::heading),
            // The Backward panel's chart: the full module's (the small one hands the panel over).
            "chart-gradients" if crate::FULL => {
                // Empty while its random weights are made over frames ([`Page::backward_view_made`]).
                let view = page.backward_view_made().and_then(Result::ok).map(|v| v.gradients_view());
                let view = view.unwrap_or_default();
                painter.paint("gradients", view, gradients::draw, gradients::heading)
            }
            // A refused comparison draws neither chart; its notice names the chart by the title a
            // drawn one has (neither title depends on the comparison's numbers).
            "chart-norm-grid" if crate::FULL => match compare() {
                Ok(view) => painter.paint("norm_grid", view, norm_grid::draw_mapped, norm_grid::heading),
                Err(error) => painter.refused(norm_grid::heading(&NormsView::default(), page.lang), error),
            },
            "chart-norm-outputs" if crate::FULL => match compare() {
                Ok(view) => painter.paint("norm_outputs", view, norm_outputs::draw, norm_outputs::heading),
                Err(error) => painter.refused(norm_outputs::heading(&NormsView::default(), page.lang), error),
            },
            "chart-curves" if crate::FULL => {
                let view = train.map(|t| t.curves_view()).unwrap_or_default();
                painter.paint("curves", view, curves::draw, curves::heading)
            }
            "chart-percentiles" if crate::FULL => {
                let view = train.map(|t| t.percentiles_view()).unwrap_or_default();
                painter.paint("percentiles", view, percentiles::draw, percentiles::heading)
            }
            "chart-sweep" if crate::FULL => painter.paint("sweep", self.sweep_view(), sweep::draw, sweep::heading),
            "chart-landscape" if crate::FULL => {
                let view = train.map(|t| t.landscape_view()).unwrap_or_default();
                painter.paint("landscape", view, landscape::draw, landscape::heading)
            }
            "chart-batch-sweep" if crate::FULL => {
                painter.paint("batch_sweep", self.batch_sweep_view(), batch_sweep::draw, batch_sweep::heading)
            }
            "chart-digits" if crate::FULL => {
                let view = train.map(|t| t.digits_view(digits::MAX_DIGITS)).unwrap_or_default();
                painter.paint("digits", view, digits::draw, digits::heading)
            }
            _ => return None,
        })
    }
}

/// The first of the browser's `languages` the page has (English when none).
fn browser_lang(languages: &[String]) -> Lang {
    let languages: Vec<&str> = languages.iter().map(String::as_str).collect();
    Lang::from_browser(&languages)
}

/// What the page calls: one method per kind of thing, never one per control.
#[wasm_bindgen]
impl App {
    /// The page a link's query describes (empty: `nn.BatchNorm1d(128)`, batches of 32, one
    /// step), in the link's language or else the first of the browser's `languages` the page has.
    /// A long link replays over the next frames ([`App::tick`]).
    #[wasm_bindgen(constructor)]
    pub fn new(query: JsValue, languages: JsValue) -> App {
        App::opened(Page::opened(&text_of(&query), Opener::Link, browser_lang(&texts_of(&languages))))
    }

    /// The page the browser reloads (its own address): as [`App::new`], but its steps are the
    /// student's, replayed with the hand-over's budget.
    pub fn reopen(query: JsValue, languages: JsValue) -> App {
        App::opened(Page::opened(&text_of(&query), Opener::Reload, browser_lang(&texts_of(&languages))))
    }

    /// The full module's App taking over from the first view's: its `handover` (the frame's, the
    /// link and what the page keeps beyond it), replayed over the next frames.
    #[cfg(feature = "full")]
    pub fn take_over(handover: JsValue, languages: JsValue) -> App {
        App::opened(Page::opened(&text_of(&handover), Opener::HandOver, browser_lang(&texts_of(&languages))))
    }

    /// The words file the page fetches before it makes the App of `query` for a browser's
    /// `languages` ("pkg/words-zh-Hans.txt"), or "" when this build holds the page's language
    /// (English; every language in the full module).
    pub fn words_for(query: JsValue, languages: JsValue) -> String {
        let (query, languages) = (&text_of(&query), texts_of(&languages));
        let lang = crate::link::Link::parse(query).0.lang.unwrap_or_else(|| browser_lang(&languages));
        if crate::i18n::has_words(lang) {
            return String::new();
        }
        format!("pkg/words-{}.txt", lang.code())
    }

    /// The words file of the language `code` (what [`App::words_for`] named) for the small
    /// module; false when it is not one (the page then stays in English until the full module).
    pub fn load_words(code: JsValue, file: JsValue) -> bool {
        let file = text_of(&file);
        Lang::from_code(&text_of(&code)).is_some_and(|lang| crate::i18n::load_words(lang, &file))
    }

    /// The words file of the language `code`, written by the full module at build time
    /// (`.ci/words.mjs`); empty in the small module and for English.
    pub fn words_file(code: JsValue) -> String {
        Lang::from_code(&text_of(&code)).map_or(String::new(), crate::i18n::words_file)
    }

    /// Every user action: `name` is the element's id (or "key", "view", "pick-feature", …) and
    /// `value` what came with it. A refusal becomes the frame's notice and changes nothing.
    /// Returns false only for a key that means nothing in the visible view.
    pub fn dispatch(&mut self, name: JsValue, value: JsValue) -> bool {
        let (name, arg) = (&text_of(&name), arg(&value));
        self.page.picks = self.picks.borrow().clone();
        if name == "key" {
            if let Arg::Text(key) = &arg {
                if !self.page.handles_key(key) {
                    return false;
                }
            }
        }
        match Command::parse(name, arg.clone()) {
            // The small build: an action it lacks, and every one after it, waits for the full
            // module (the frame says so).
            Ok(command) if self.page.for_full(&command) => self.page.wait_for_full(name, arg),
            Ok(Command::FullFailed(why)) => self.page.full_failed(why),
            Ok(command) => {
                let _ = self.page.apply(command);
            }
            Err(e) => self.page.refused(&e),
        }
        true
    }

    /// An action that waited for this module while it loaded (the small module's frame's
    /// `waiting`): it follows the ones before it, one a frame. A refusal is the notice.
    pub fn follow(&mut self, name: JsValue, value: JsValue) {
        match Command::parse(&text_of(&name), arg(&value)) {
            Ok(command) => self.page.follow(command),
            Err(e) => self.page.refused(&e),
        }
    }

    /// Every animation frame: the frame's share of long work (Play, a link's replay, training,
    /// a sweep) within [`crate::page::TICK_BUDGET_MS`], timed with `performance.now()` (Date.now()
    /// counts whole milliseconds, too coarse for a budget of a few). True when the page should
    /// read a new frame.
    pub fn tick(&mut self, now: f64) -> bool {
        let start = performance_now();
        self.page.tick(now, &mut || performance_now() - start < crate::page::TICK_BUDGET_MS)
    }

    /// When the browser is idle: work that makes a later action quick (the next Step's batch),
    /// for at most about `ms` milliseconds (clamped to 1…50). True while there is more to do.
    pub fn idle(&mut self, ms: f64) -> bool {
        let ms = if ms.is_finite() { ms.clamp(1.0, 50.0) } else { 1.0 };
        let start = js_sys::Date::now();
        self.page.idle(&mut || js_sys::Date::now() - start < ms)
    }

    /// The next Step's batch for a worker to make ([`make_batch`]), as the words of its order;
    /// none when idle time makes it ([`App::idle`]) or there is none to make.
    pub fn ahead_order(&self) -> Vec<u32> {
        self.page.ahead_order().unwrap_or_default()
    }

    /// The batch a worker made for `order`: kept for the next Step when it is still the one
    /// wanted (true); false, and nothing changes, for any other.
    pub fn take_made(&mut self, order: JsValue, values: JsValue) -> bool {
        let values = values.dyn_into::<js_sys::Float32Array>().map(|v| v.to_vec()).unwrap_or_default();
        self.page.take_made(&words_of(&order), values)
    }

    /// Everything the page shows now, as JSON (see `frame.rs`): the page's own read, once an
    /// animation frame, which takes the frame's one-time requests (anyone else reads `peek`).
    pub fn frame(&mut self) -> String {
        self.page.frame_read();
        // What the charts last drew (the digits' summary says how many its box showed; the small
        // module draws no digits).
        if crate::FULL {
            self.page.picks = self.picks.borrow().clone();
        }
        let frame = crate::frame::frame(&self.page);
        if self.page.view == "train" && self.page.train.digits.is_none() {
            // The frame above asks for them once; the page fetches and dispatches "digits".
            self.page.digits_requested = true;
        }
        // The same for the full module (the small build's request) and the files asked for: the
        // page acts on each once.
        self.page.need_full = false;
        self.page.downloads.clear();
        self.page.words_asked = self.page.words_wanted.is_some();
        frame
    }

    /// The frame as [`App::frame`] would give it, for anyone but the page (the end-to-end tests,
    /// the benchmarks, a curious student at the console): it takes none of the page's one-time
    /// requests (a file to save, the digits to fetch, the full module to load), which a read of
    /// `frame` meanwhile took from the page (a test waiting for a view kept the full module
    /// from ever loading).
    pub fn peek(&self) -> String {
        crate::frame::frame(&self.page)
    }

    /// Whether a chart drew what the last frame's words do not say (the digits chart showed
    /// fewer or more digits than its summary counted: a new box size): the page then reads a
    /// new frame.
    pub fn restate(&self) -> bool {
        crate::FULL && self.picks.borrow().digits != self.page.picks.digits
    }

    /// The page's labels in its language and the lessons menu, as JSON.
    pub fn labels(&self) -> String {
        crate::frame::labels(&self.page)
    }

    /// Every number control's bounds, as JSON: the page sets them on its inputs at start-up.
    pub fn controls(&self) -> String {
        crate::frame::control_bounds()
    }

    /// Draws chart `id` (its canvas id) when its view changed; true when it drew. A chart that
    /// cannot be drawn throws the notice's words, in the page's language, naming it by its title.
    pub fn draw(&self, id: JsValue, canvas: JsValue, ratio: f64) -> Result<bool, JsError> {
        let id = &text_of(&id);
        let Ok(canvas) = canvas.dyn_into::<HtmlCanvasElement>() else {
            return Err(self.not_drawn(id.chars().take(40).collect(), DrawWhy::NoCanvas));
        };
        let drawn = self.chart(id, OnCanvas { app: self, canvas, ratio });
        drawn.unwrap_or_else(|| Err(self.not_drawn(id.chars().take(40).collect(), DrawWhy::NoSuchChart)))
    }

    /// The file the page offers as `name` (bn_state.json, bn_input.csv, bn_output.csv,
    /// digits_model_a.json, digits_model_b.json, …), written whole at once: [name, MIME type,
    /// contents], or an empty list when there is nothing to save (the notice says why). For
    /// tests and scripts: the page's buttons send "download", written over frames.
    pub fn export(&mut self, name: JsValue) -> Vec<String> {
        self.page
            .write_now(&text_of(&name))
            .map_or_else(Vec::new, |file| vec![file.name, file.mime.to_string(), file.text])
    }

    /// The bytes (UTF-8) of the file the frame's `download` names, taken: the page saves it once,
    /// and the next file asked for is written. Empty when there is none.
    pub fn take_download(&mut self) -> Vec<u8> {
        self.page.take_download().map_or_else(Vec::new, |file| file.text.into_bytes())
    }

    /// The text the frame's `csv_fill` announces for the CSV box, taken: the page puts it there
    /// once. Empty when there is none.
    pub fn take_csv_fill(&mut self) -> String {
        self.page.take_csv_fill().unwrap_or_default()
    }

    /// The text a "summary" `csv_fill` replaces: the page puts the new summary in the box only
    /// while the box still holds this one (edited, the student's text stays).
    pub fn csv_fill_over(&self) -> String {
        self.page.csv_fill_over().to_string()
    }

    /// The file name, without its extension, of chart `id`'s download (SVG or PNG alike):
    /// "batchnorm-lab-distribution-step3" (see [`Page::chart_file_stem`]).
    pub fn chart_file(&self, id: JsValue) -> String {
        self.page.chart_file_stem(&text_of(&id))
    }

    /// The largest CSV file the page reads, in bytes (`page::MAX_CSV_BYTES`): the page refuses a
    /// larger one by its size, before reading it ("csv-file-too-large").
    pub fn max_csv_bytes() -> f64 {
        crate::page::MAX_CSV_BYTES as f64
    }

    /// Chart `id` as an SVG document (vector, for slides), drawn by the same chart code as the
    /// canvas through plotters' SVG backend, `width` × `height` CSS pixels (each clamped to
    /// 200 … 4000), its text `text` times larger as on the page's canvas (the browser's text size,
    /// and the presenter type's growth; 1 when not a number from 1 to 8). Empty when `id` names
    /// no chart or the chart cannot be drawn now: the frame's notice then says so (a download
    /// button that did nothing told no one why).
    pub fn chart_svg(&mut self, id: JsValue, width: u32, height: u32, text: f64) -> String {
        if !crate::FULL {
            return String::new(); // the full module draws SVG (the page loads it for a download)
        }
        let id = &text_of(&id);
        let size = (width.clamp(200, 4000), height.clamp(200, 4000));
        let text = if (1.0..=8.0).contains(&text) { text } else { 1.0 };
        let scale = if self.page.presenter { 1.35 * text } else { text };
        let style = Style { scale, lang: self.page.lang };
        let mut svg = String::new();
        let drawn = {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            self.chart(id, AsSvg { root: &root, style }).unwrap_or_else(|| {
                Err(Refusal::NoSvg { chart: id.chars().take(40).collect(), why: DrawWhy::NoSuchChart })
            })
        };
        if let Err(refusal) = drawn {
            self.page.refused(&refusal);
            return String::new();
        }
        // Lines meet round, as on the canvas (plotters writes no join: SVG's default mitres).
        svg.replace("<polyline ", "<polyline stroke-linejoin=\"round\" ")
    }

    /// A QR code of `text` (the page's link) as an SVG document: black modules on white with
    /// the standard quiet zone of four modules, error correction level M. Empty when the text is
    /// too long for a QR code (the page then says so and shows the link as text).
    pub fn qr_svg(&self, text: JsValue) -> String {
        if !crate::FULL {
            return String::new(); // the full module draws the QR code (the page loads it for Share)
        }
        let text = text_of(&text);
        use qrcode::{Color, EcLevel, QrCode};
        let Ok(code) = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M) else {
            return String::new();
        };
        let width = code.width();
        let size = width + 8;
        let mut path = String::new();
        for (i, colour) in code.to_colors().iter().enumerate() {
            if *colour == Color::Dark {
                path.push_str(&format!("M{} {}h1v1h-1z", i % width + 4, i / width + 4));
            }
        }
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\">\
             <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
        )
    }

    // Benchmarks (`.ci/bench` calls these in headless Chromium; the page never does).

    /// Median ns per value of a forward (train mode moves the running statistics) on an (n, c)
    /// batch, over `samples` samples of 10 runs each. Sizes are clamped to what the page allows
    /// (n ≤ 4096, c ≤ 1024, n·c ≤ 2²¹; at most 1000 samples), so no argument can exhaust memory,
    /// and the samples stop after [`BENCH_MS`] (1000 samples at the largest batch took 15 s in
    /// one task: a frozen page, from the console).
    pub fn bench_kernel(&self, n: u32, c: u32, training: bool, samples: u32) -> f64 {
        use crate::core::{BatchNorm1d, BatchNormConfig, DataSpec, Generator, Trace};
        let n = (n as usize).clamp(2, crate::lab::MAX_BATCH);
        let c = (c as usize).clamp(1, crate::lab::MAX_FEATURES).min(crate::lab::MAX_VALUES / n);
        let x = Generator::new(DataSpec::new(c, 1)).batch(0, n, 1);
        let Ok(mut bn) = BatchNorm1d::new(BatchNormConfig::new(c)) else { return f64::NAN };
        bn.set_training(training);
        let mut trace = Trace::default();
        let begin = js_sys::Date::now();
        let mut times: Vec<f64> = (0..samples.clamp(1, 1000))
            .map_while(|_| {
                let start = js_sys::Date::now();
                if start - begin > BENCH_MS {
                    return None;
                }
                for _ in 0..10 {
                    let _ = bn.forward_into(&x, &[n, c], &mut trace);
                }
                Some((js_sys::Date::now() - start) * 1e6 / (10 * n * c) as f64)
            })
            .collect();
        times.sort_unstable_by(f64::total_cmp);
        times[times.len() / 2]
    }

    /// Training steps per second of the Train view (both models, one step each, batch 64),
    /// timed over `steps` steps (at most 100 000, and those done within [`BENCH_MS`]) on the
    /// loaded digits; NaN before they are loaded.
    pub fn bench_train(&self, steps: u32) -> f64 {
        let steps = steps.clamp(1, 100_000);
        if !crate::FULL {
            return f64::NAN;
        }
        let Some(digits) = &self.page.train.digits else { return f64::NAN };
        // The Train view's current networks (the tutorial's pair by default; a link or preset
        // picks others, e.g. `?view=train&tpreset=fig1` for Ioffe & Szegedy's Figure 1 pair).
        let settings = self.page.train.settings.clone();
        let Ok(mut trainer) = crate::trainer::Trainer::new(digits, settings) else { return f64::NAN };
        let start = js_sys::Date::now();
        let mut done = 0;
        while done < steps && js_sys::Date::now() - start <= BENCH_MS {
            if trainer.step().is_err() {
                return f64::NAN;
            }
            done += 1;
        }
        done as f64 * 1000.0 / (js_sys::Date::now() - start)
    }
}

/// The longest a benchmark export works in one call, in ms: `.ci/bench` asks for ~50 ms a call
/// (its samples), and a call from the console must not freeze the page for seconds.
const BENCH_MS: f64 = 500.0;

/// The batch an [`App::ahead_order`] names, made in a Web Worker (`www/ahead.js`) off the page's
/// thread: the same code, so the same bits, as the page's idle time. Empty for words that name
/// no batch of the page.
#[wasm_bindgen]
pub fn make_batch(order: JsValue) -> Vec<f32> {
    crate::core::BatchOrder::from_words(&words_of(&order)).map(|order| order.make()).unwrap_or_default()
}
