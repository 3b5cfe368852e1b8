//! The wasm-bindgen face of the playground: owns the [`Page`] (and through it the lab),
//! translates JS calls into page actions and refusals into JS errors in the page's language,
//! and hands each chart its canvas. No math here.

use std::cell::RefCell;
use std::collections::HashMap;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::charts::{self, Style};
use crate::core::csv::parse_batch;
use crate::core::mlp::parse_digits_csv;
use crate::core::{BatchShape, BnError};
use crate::i18n::{self, t, Lang};
use crate::lab::{self, Source};
use crate::lessons::LESSONS;
use crate::page::{Page, SPEEDS, TRAIN_SPEEDS};
use crate::trainer::TrainSettings;
use crate::{explain, export};

/// The page's whole state.
#[wasm_bindgen]
pub struct App {
    page: Page,
    /// What each chart last drew (canvas, size, style, view), so an unchanged chart is not
    /// drawn again.
    drawn: RefCell<HashMap<&'static str, DrawnKey>>,
}

/// A chart's canvas, its pixel size, the style and the view's text.
type DrawnKey = (HtmlCanvasElement, (u32, u32), Style, String);

/// The drawing error type of a canvas chart.
type CanvasResult = Result<(), DrawingAreaErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>>;

/// Rust-only helpers.
impl App {
    /// A refused action becomes a JS `Error` whose message (in the page's language) the page shows.
    fn js<T>(&self, result: Result<T, BnError>) -> Result<T, JsError> {
        result.map_err(|e| JsError::new(&self.page.message(&e)))
    }

    /// A whole number from a JS number input, or a message that says what is wrong with it.
    fn whole(&self, what: &'static str, value: f64, min: usize, max: usize) -> Result<usize, JsError> {
        if value.is_finite() && value.fract() == 0.0 && value >= min as f64 && value <= max as f64 {
            Ok(value as usize)
        } else {
            self.js(Err(BnError::NotWholeNumber { what, value, min, max }))
        }
    }

    /// Clears the last notice: every action starts with none.
    fn act(&mut self) -> &mut Page {
        self.page.notice = None;
        &mut self.page
    }

    /// Draws one chart on a canvas whose pixel size the page has set (CSS size × devicePixelRatio);
    /// presenter mode draws everything 1.35 times larger. A chart whose view, style, canvas and
    /// size are what it last drew is left as it is.
    fn draw_on<V: std::fmt::Debug>(
        &self,
        name: &'static str,
        canvas: HtmlCanvasElement,
        ratio: f64,
        view: V,
        draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>, &V, &Style) -> CanvasResult,
    ) -> Result<(), JsError> {
        let ratio = if ratio.is_finite() && ratio > 0.0 { ratio } else { 1.0 };
        let scale = if self.page.presenter { ratio * 1.35 } else { ratio };
        let style = Style { scale, lang: self.page.lang };
        // The view's Debug text stands for it: NaN equals NaN there, unlike in f32's ==.
        let key = (canvas.clone(), (canvas.width(), canvas.height()), style, format!("{view:?}"));
        let unchanged = self.drawn.borrow().get(name) == Some(&key);
        if unchanged {
            return Ok(());
        }
        let backend =
            CanvasBackend::with_canvas_object(canvas).ok_or_else(|| JsError::new("this canvas has no 2D context"))?;
        let root = backend.into_drawing_area();
        draw(&root, &view, &style).map_err(|e| JsError::new(&format!("drawing failed: {e}")))?;
        root.present().map_err(|e| JsError::new(&format!("drawing failed: {e}")))?;
        self.drawn.borrow_mut().insert(name, key);
        Ok(())
    }
}

/// What the page calls: one method per user action, then what it reads back.
#[wasm_bindgen]
impl App {
    /// The page a link's query describes (empty: `nn.BatchNorm1d(128)`, batches of 32, one step).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> App {
        App { page: Page::from_query(query), drawn: RefCell::default() }
    }

    /// The query (without `?`) that reproduces this page.
    pub fn query(&self) -> String {
        self.page.query()
    }

    // Run the layer.

    pub fn step(&mut self) {
        self.act().lab.step();
    }

    pub fn reset(&mut self) {
        self.act().lab.reset();
    }

    pub fn set_training(&mut self, training: bool) {
        self.act().lab.set_training(training);
    }

    pub fn set_playing(&mut self, playing: bool) {
        self.page.set_playing(playing);
    }

    pub fn playing(&self) -> bool {
        self.page.playing
    }

    /// Speed index 0…4: 2, 5, 10, 30 or 60 steps per second.
    pub fn set_speed(&mut self, index: f64) -> Result<(), JsError> {
        self.page.speed = self.whole("speed", index, 0, SPEEDS.len() - 1)?;
        Ok(())
    }

    pub fn speed(&self) -> u32 {
        self.page.speed as u32
    }

    /// Every animation frame: the Steps Play owes at time `now` (ms), and in the Train view the
    /// training steps and sweep chunks that fit in the frame's budget (about 12 ms).
    pub fn tick(&mut self, now: f64) -> bool {
        if self.page.view != "train" {
            return self.page.tick(now) > 0;
        }
        let start = js_sys::Date::now();
        let in_budget = || js_sys::Date::now() - start < 12.0;
        let mut worked = false;
        if self.page.playing {
            for _ in 0..self.page.train_steps_per_frame() {
                if self.page.train.step().is_err() {
                    self.page.playing = false;
                }
                worked = true;
                if !in_budget() {
                    break;
                }
            }
        }
        while in_budget() {
            match self.page.train.advance_sweep(1) {
                Ok(true) => worked = true,
                Ok(false) => break,
                Err(e) => {
                    self.page.notice = Some(self.page.message(&e));
                    self.page.train.cancel_sweep();
                    break;
                }
            }
        }
        worked
    }

    /// True while Play or a sweep still has work for the next frame.
    pub fn busy(&self) -> bool {
        self.page.playing || self.page.train.sweep.as_ref().is_some_and(|s| !s.done())
    }

    // The layer's controls.

    /// eps from the slider's position 0…24 (1e-8, 2e-8, 5e-8, 1e-7, … 1).
    pub fn set_eps_index(&mut self, index: f64) -> Result<(), JsError> {
        let i = self.whole("eps position", index, 0, 24)?;
        let eps = [1.0, 2.0, 5.0][i % 3] * 10f64.powi(i as i32 / 3 - 8);
        let result = self.act().lab.set_eps(eps);
        self.js(result)
    }

    /// The slider position nearest the current eps.
    pub fn eps_index(&self) -> u32 {
        let eps = self.page.lab.settings().layer.eps;
        (0..25u32)
            .min_by(|&a, &b| {
                let at = |i: u32| ([1.0, 2.0, 5.0][i as usize % 3] * 10f64.powi(i as i32 / 3 - 8)).ln();
                (at(a) - eps.ln()).abs().total_cmp(&(at(b) - eps.ln()).abs())
            })
            .unwrap_or(9)
    }

    /// A momentum in [0, 1].
    pub fn set_momentum(&mut self, momentum: f64) -> Result<(), JsError> {
        let result = self.act().lab.set_momentum(Some(momentum));
        self.js(result)
    }

    /// `momentum=None`: the cumulative average.
    pub fn set_momentum_cumulative(&mut self) -> Result<(), JsError> {
        let result = self.act().lab.set_momentum(None);
        self.js(result)
    }

    /// γ and β of the followed feature.
    pub fn set_gamma_beta(&mut self, gamma: f32, beta: f32) -> Result<(), JsError> {
        let result = self.act().lab.set_gamma_beta(gamma, beta);
        self.js(result)
    }

    pub fn set_num_features(&mut self, c: f64) -> Result<(), JsError> {
        let c = self.whole("num_features", c, 1, lab::MAX_FEATURES)?;
        let result = self.act().rebuild(|lab| lab.set_num_features(c));
        self.js(result)
    }

    pub fn set_affine(&mut self, affine: bool) -> Result<(), JsError> {
        let result = self.act().rebuild(|lab| lab.set_affine(affine));
        self.js(result)
    }

    pub fn set_track_running_stats(&mut self, track: bool) -> Result<(), JsError> {
        let result = self.act().rebuild(|lab| lab.set_track_running_stats(track));
        self.js(result)
    }

    // The data's controls.

    pub fn set_batch_size(&mut self, n: f64) -> Result<(), JsError> {
        let n = self.whole("batch size N", n, 1, lab::MAX_BATCH)?;
        let result = self.act().lab.set_batch_size(n);
        self.js(result)
    }

    /// L of `(N, C, L)` input; 0 for `(N, C)`.
    pub fn set_length(&mut self, l: f64) -> Result<(), JsError> {
        let l = self.whole("length L", l, 0, lab::MAX_LENGTH)?;
        let result = self.act().lab.set_length(l);
        self.js(result)
    }

    /// "normal", "uniform", "skewed" or "outliers".
    pub fn set_distribution(&mut self, name: &str) -> Result<(), JsError> {
        let result = self.act().rebuild(|lab| lab.set_distribution(name));
        self.js(result)
    }

    /// Feature means `offset + shift·z`, standard deviations `spread` (varied per feature or not).
    pub fn set_feature_shape(
        &mut self,
        offset: f64,
        shift: f64,
        spread: f64,
        vary_spread: bool,
    ) -> Result<(), JsError> {
        let result = self.act().rebuild(|lab| lab.set_feature_shape(offset, shift, spread, vary_spread));
        self.js(result)
    }

    pub fn set_seed(&mut self, seed: f64) -> Result<(), JsError> {
        let seed = self.whole("seed", seed, 0, u32::MAX as usize)?;
        let result = self.act().rebuild(|lab| lab.set_seed(seed as u64));
        self.js(result)
    }

    /// Steps with a CSV batch from now on (`length` = L, 0 for `(N, C)`).
    pub fn load_csv(&mut self, text: &str, length: f64) -> Result<(), JsError> {
        let length = self.whole("L", length, 0, lab::MAX_LENGTH)?;
        let batch = self.js(parse_batch(text, length))?;
        let result = self.act().rebuild(|lab| lab.use_own_data(batch.values, &batch.dims));
        self.js(result)
    }

    pub fn use_generated_data(&mut self) -> Result<(), JsError> {
        let result = self.act().rebuild(|lab| lab.use_generated_data());
        self.js(result)
    }

    pub fn own_data(&self) -> bool {
        matches!(self.page.lab.source(), Source::Own(_))
    }

    // What the detail views follow.

    pub fn select_feature(&mut self, feature: f64) -> Result<(), JsError> {
        let feature = self.whole("feature", feature, 0, usize::MAX)?;
        let result = self.act().lab.select_feature(feature);
        self.js(result)
    }

    pub fn select_sample(&mut self, sample: f64) -> Result<(), JsError> {
        let sample = self.whole("sample", sample, 0, usize::MAX)?;
        let result = self.act().lab.select_sample(sample);
        self.js(result)
    }

    /// Moves the followed feature by `delta` (the ← → keys), staying in range.
    pub fn move_feature(&mut self, delta: i32) {
        let s = self.page.lab.settings();
        let last = s.layer.num_features as i64 - 1;
        let next = (s.feature as i64 + delta as i64).clamp(0, last.max(0));
        let _ = self.act().lab.select_feature(next as usize);
    }

    /// Sets the followed sample's value of the followed feature (position 0).
    pub fn set_value(&mut self, value: f32) -> Result<(), JsError> {
        let s = self.page.lab.settings();
        let (sample, feature) = (s.sample, s.feature);
        let result = self.act().lab.set_value(sample, feature, value);
        self.js(result)
    }

    /// Selects the feature under a click at CSS pixel `x` of the all-features chart of CSS width
    /// `width`; returns it, or undefined outside the plot.
    pub fn pick_feature_at(&mut self, x: f64, width: f64) -> Option<u32> {
        let feature = charts::features::feature_at(&self.page.lab.features_view(), x, width)?;
        self.act().lab.select_feature(feature).ok()?;
        Some(feature as u32)
    }

    pub fn set_overlay(&mut self, overlay: bool) {
        self.page.overlay = overlay;
    }

    pub fn overlay(&self) -> bool {
        self.page.overlay
    }

    // Language, presenter mode, view.

    /// "en" or "zh-TW".
    pub fn set_lang(&mut self, code: &str) -> Result<(), JsError> {
        match Lang::from_code(code) {
            Some(lang) => {
                self.page.lang = lang;
                Ok(())
            }
            None => Err(JsError::new(&format!("Unknown language {code:?}: use \"en\" or \"zh-TW\"."))),
        }
    }

    pub fn lang(&self) -> String {
        self.page.lang.code().to_string()
    }

    /// The page's text for an HTML key (`data-i18n`), in the current language.
    pub fn tr(&self, key: &str) -> String {
        t(self.page.lang, key)
    }

    /// Every HTML key the page may translate.
    pub fn html_keys(&self) -> Vec<String> {
        i18n::html_keys().map(String::from).collect()
    }

    pub fn set_presenter(&mut self, on: bool) {
        self.page.presenter = on;
    }

    pub fn presenter(&self) -> bool {
        self.page.presenter
    }

    /// "lab", "norms" or "train".
    pub fn set_view(&mut self, view: &str) -> Result<(), JsError> {
        match view {
            "lab" | "norms" | "train" => {
                self.page.view = view.to_string();
                Ok(())
            }
            _ => Err(JsError::new(&format!("Unknown view {view:?}."))),
        }
    }

    pub fn view(&self) -> String {
        self.page.view.clone()
    }

    // The "Which axis?" view.

    /// The batch's shape (N, C, L; L = 1 for (N, C)), GroupNorm's number of groups, and the seed.
    pub fn set_compare(&mut self, n: f64, c: f64, l: f64, groups: f64, seed: f64) -> Result<(), JsError> {
        let settings = crate::compare::CompareSettings {
            n: self.whole("N", n, 1, 16)?,
            c: self.whole("C", c, 1, 16)?,
            l: self.whole("L", l, 1, 16)?,
            groups: self.whole("groups G", groups, 1, 16)?,
            seed: self.whole("seed", seed, 0, u32::MAX as usize)? as u64,
            cell: self.page.compare.cell,
        };
        self.js(settings.check())?;
        self.act().compare = settings;
        Ok(())
    }

    /// (N, C, L, G, seed) of the comparison.
    pub fn compare_settings(&self) -> Vec<u32> {
        let c = &self.page.compare;
        vec![c.n as u32, c.c as u32, c.l as u32, c.groups as u32, c.seed as u32]
    }

    /// Follows the cell under CSS pixel (x, y) of the grid chart of CSS size (width, height);
    /// true when that is a cell.
    pub fn hover_cell(&mut self, x: f64, y: f64, width: f64, height: f64) -> bool {
        let Ok(view) = crate::compare::view(&self.page.compare, self.page.lang) else { return false };
        match charts::norm_grid::cell_at(&view, x, y, width, height) {
            Some(cell) => {
                self.page.compare.cell = cell;
                true
            }
            None => false,
        }
    }

    pub fn draw_norm_grid(&self, canvas: HtmlCanvasElement, ratio: f64) -> Result<(), JsError> {
        let view = self.js(crate::compare::view(&self.page.compare, self.page.lang))?;
        self.draw_on("norm_grid", canvas, ratio, view, charts::norm_grid::draw)
    }

    pub fn draw_norm_outputs(&self, canvas: HtmlCanvasElement, ratio: f64) -> Result<(), JsError> {
        let view = self.js(crate::compare::view(&self.page.compare, self.page.lang))?;
        self.draw_on("norm_outputs", canvas, ratio, view, charts::norm_outputs::draw)
    }

    // The Train view.

    /// Takes the handwritten digits (the CSV the page fetches when the view first opens).
    pub fn load_digits(&mut self, text: &str) -> Result<(), JsError> {
        let digits = self.js(parse_digits_csv(text))?;
        let result = self.page.train.load(digits);
        self.js(result)
    }

    pub fn has_digits(&self) -> bool {
        self.page.train.digits.is_some()
    }

    /// Learning rate, SGD momentum, batch size and seed: fresh models with these.
    pub fn set_train_settings(&mut self, lr: f64, momentum: f64, batch_size: f64, seed: f64) -> Result<(), JsError> {
        let batch_size = self.whole("batch size", batch_size, 2, 256)?;
        let seed = self.whole("seed", seed, 0, u32::MAX as usize)? as u64;
        let settings = TrainSettings { lr, momentum, batch_size, seed, ..self.page.train.settings.clone() };
        let result = self.act().train.change(settings);
        self.js(result)
    }

    /// The hidden unit the percentile chart follows.
    pub fn set_unit(&mut self, unit: f64) -> Result<(), JsError> {
        let unit = self.whole("hidden unit", unit, 0, 127)?;
        let settings = TrainSettings { unit, ..self.page.train.settings.clone() };
        let result = self.act().train.change(settings);
        self.js(result)
    }

    pub fn train_lr(&self) -> f64 {
        self.page.train.settings.lr
    }

    pub fn train_momentum(&self) -> f64 {
        self.page.train.settings.momentum
    }

    pub fn train_batch_size(&self) -> u32 {
        self.page.train.settings.batch_size as u32
    }

    pub fn train_seed(&self) -> u32 {
        self.page.train.settings.seed as u32
    }

    pub fn unit(&self) -> u32 {
        self.page.train.settings.unit as u32
    }

    pub fn train_steps(&self) -> f64 {
        self.page.train.steps() as f64
    }

    pub fn train_step(&mut self) -> Result<(), JsError> {
        let result = self.act().train.step();
        self.js(result)
    }

    pub fn train_reset(&mut self) -> Result<(), JsError> {
        let result = self.act().train.restart();
        self.js(result)
    }

    /// Train Play's speed index 0…2: 1, 10 or 100 steps per frame.
    pub fn set_train_speed(&mut self, index: f64) -> Result<(), JsError> {
        self.page.train_speed = self.whole("speed", index, 0, TRAIN_SPEEDS.len() - 1)?;
        Ok(())
    }

    pub fn train_speed(&self) -> u32 {
        self.page.train_speed as u32
    }

    /// Starts the learning-rate sweep: 8 rates, `steps` steps each, both models.
    pub fn start_sweep(&mut self, steps: f64) -> Result<(), JsError> {
        let steps = self.whole("steps per learning rate", steps, 1, 5000)? as u64;
        self.act().train.start_sweep(steps);
        Ok(())
    }

    pub fn cancel_sweep(&mut self) {
        self.act().train.cancel_sweep();
    }

    /// 0…1 while a sweep exists, NaN without one.
    pub fn sweep_progress(&self) -> f64 {
        self.page.train.sweep.as_ref().map_or(f64::NAN, |s| s.progress())
    }

    pub fn train_status_text(&self) -> String {
        explain::train_status(&self.page.train, self.page.lang)
    }

    /// The BN model's test accuracy with and without `model.eval()`, as an HTML table.
    pub fn eval_report_html(&self) -> String {
        explain::eval_report_html(&self.page.train, self.page.lang)
    }

    /// A trained model's `state_dict` as JSON (0: with BatchNorm1d, 1: without).
    pub fn model_json(&self, which: u32) -> String {
        self.page.train.trainer.as_ref().map_or(String::new(), |t| export::model_json(t.model(which as usize)))
    }

    pub fn model_snippet(&self, which: u32) -> String {
        export::model_snippet(which == 0)
    }

    /// Opens the trained model's BatchNorm1d in the main view, on its real input.
    pub fn open_trained_layer(&mut self) -> Result<(), JsError> {
        let result = self.act().open_trained_layer();
        self.js(result)
    }

    pub fn draw_curves(&self, canvas: HtmlCanvasElement, ratio: f64) -> Result<(), JsError> {
        let view = self.page.train.trainer.as_ref().map(|t| t.curves_view()).unwrap_or_default();
        self.draw_on("curves", canvas, ratio, view, charts::curves::draw)
    }

    pub fn draw_percentiles(&self, canvas: HtmlCanvasElement, ratio: f64) -> Result<(), JsError> {
        let view = self.page.train.trainer.as_ref().map(|t| t.percentiles_view()).unwrap_or_default();
        self.draw_on("percentiles", canvas, ratio, view, charts::percentiles::draw)
    }

    pub fn draw_sweep(&self, canvas: HtmlCanvasElement, ratio: f64) -> Result<(), JsError> {
        // Before a sweep: the rates it will try, none run yet (100 steps each is the default).
        let view = match &self.page.train.sweep {
            Some(sweep) => sweep.view(),
            None => crate::trainer::Sweep::new(self.page.train.settings.clone(), 100).view(),
        };
        self.draw_on("sweep", canvas, ratio, view, charts::sweep::draw)
    }

    pub fn draw_digits(&self, canvas: HtmlCanvasElement, ratio: f64) -> Result<(), JsError> {
        let view = self.page.train.trainer.as_ref().map(|t| t.digits_view(12)).unwrap_or_default();
        self.draw_on("digits", canvas, ratio, view, charts::digits::draw)
    }

    // Benchmarks (`.ci/bench` calls these in headless Chromium; the page never does).

    /// Median ns per value of a train-mode forward with the running-stat update on an (n, c)
    /// batch, timed over `samples` samples of 10 runs each (the browser's clock is coarse).
    pub fn bench_kernel(&self, n: u32, c: u32, training: bool, samples: u32) -> f64 {
        use crate::core::{BatchNorm1d, BatchNormConfig, DataSpec, Generator, Trace};
        let (n, c) = (n.max(2) as usize, c.max(1) as usize);
        let x = Generator::new(DataSpec::new(c, 1)).batch(0, n, 1);
        let Ok(mut bn) = BatchNorm1d::new(BatchNormConfig::new(c)) else { return f64::NAN };
        bn.set_training(training);
        let mut trace = Trace::default();
        let mut times: Vec<f64> = (0..samples.max(1))
            .map(|_| {
                let start = js_sys::Date::now();
                for _ in 0..10 {
                    let _ = bn.forward_into(&x, &[n, c], &mut trace);
                }
                (js_sys::Date::now() - start) * 1e6 / (10 * n * c) as f64
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    }

    /// Training steps per second of the Train view (both models, one step each, batch 64),
    /// timed over `steps` steps on the loaded digits; NaN before they are loaded.
    pub fn bench_train(&self, steps: u32) -> f64 {
        let Some(digits) = &self.page.train.digits else { return f64::NAN };
        let settings = TrainSettings { batch_size: 64, ..TrainSettings::default() };
        let Ok(mut trainer) = crate::trainer::Trainer::new(digits, settings) else { return f64::NAN };
        let start = js_sys::Date::now();
        for _ in 0..steps {
            if trainer.step().is_err() {
                return f64::NAN;
            }
        }
        steps as f64 * 1000.0 / (js_sys::Date::now() - start)
    }

    // Lessons.

    pub fn lesson_count(&self) -> u32 {
        LESSONS.len() as u32
    }

    pub fn lesson_id(&self, index: u32) -> String {
        LESSONS.get(index as usize).map_or(String::new(), |l| l.id.to_string())
    }

    pub fn lesson_title(&self, index: u32) -> String {
        LESSONS.get(index as usize).map_or(String::new(), |l| l.title.get(self.page.lang).to_string())
    }

    pub fn open_lesson(&mut self, id: &str) -> Result<(), JsError> {
        let result = self.act().open_lesson(id, 0);
        self.js(result)
    }

    pub fn lesson_next(&mut self) -> Result<(), JsError> {
        let result = self.act().lesson_step(1);
        self.js(result)
    }

    pub fn lesson_back(&mut self) -> Result<(), JsError> {
        let result = self.act().lesson_step(-1);
        self.js(result)
    }

    pub fn reveal(&mut self) {
        self.page.reveal();
    }

    pub fn close_lesson(&mut self) {
        self.page.close_lesson();
    }

    /// The open lesson's id, or "".
    pub fn lesson(&self) -> String {
        self.page.lesson.as_ref().map_or(String::new(), |l| l.id.to_string())
    }

    /// (stage, number of stages, revealed) of the open lesson, for the buttons' states.
    pub fn lesson_stage(&self) -> Vec<u32> {
        self.page
            .lesson
            .as_ref()
            .map_or(vec![], |l| vec![l.stage as u32, l.lesson().stages.len() as u32, l.revealed as u32])
    }

    /// True when the open lesson's panel shows the "value of this sample" slider.
    pub fn lesson_has_value_slider(&self) -> bool {
        self.page.lesson.as_ref().is_some_and(|l| crate::lessons::has_value_slider(l.id))
    }

    pub fn lesson_html(&self) -> String {
        self.page.lesson_html()
    }

    // What the page reads back, to keep its controls and numbers true.

    pub fn steps(&self) -> f64 {
        self.page.lab.steps() as f64
    }

    pub fn training(&self) -> bool {
        self.page.lab.settings().training
    }

    pub fn num_features(&self) -> u32 {
        self.page.lab.settings().layer.num_features as u32
    }

    pub fn eps(&self) -> f64 {
        self.page.lab.settings().layer.eps
    }

    /// The momentum, or NaN for None (cumulative average).
    pub fn momentum(&self) -> f64 {
        self.page.lab.settings().layer.momentum.unwrap_or(f64::NAN)
    }

    pub fn affine(&self) -> bool {
        self.page.lab.settings().layer.affine
    }

    pub fn track_running_stats(&self) -> bool {
        self.page.lab.settings().layer.track_running_stats
    }

    pub fn batch_size(&self) -> u32 {
        self.page.lab.settings().batch_size as u32
    }

    pub fn length(&self) -> u32 {
        self.page.lab.settings().length as u32
    }

    pub fn distribution(&self) -> String {
        self.page.lab.settings().data.distribution.name().to_string()
    }

    pub fn offset(&self) -> f64 {
        self.page.lab.settings().data.offset
    }

    pub fn shift(&self) -> f64 {
        self.page.lab.settings().data.shift
    }

    pub fn spread(&self) -> f64 {
        self.page.lab.settings().data.spread
    }

    pub fn vary_spread(&self) -> bool {
        self.page.lab.settings().data.vary_spread
    }

    pub fn seed(&self) -> u32 {
        self.page.lab.settings().data.seed as u32
    }

    pub fn feature(&self) -> u32 {
        self.page.lab.settings().feature as u32
    }

    pub fn sample(&self) -> u32 {
        self.page.lab.settings().sample as u32
    }

    /// γ of the followed feature (1 without affine).
    pub fn gamma(&self) -> f32 {
        let f = self.page.lab.settings().feature;
        self.page.lab.layer().affine().map_or(1.0, |a| a.weight[f])
    }

    /// β of the followed feature (0 without affine).
    pub fn beta(&self) -> f32 {
        let f = self.page.lab.settings().feature;
        self.page.lab.layer().affine().map_or(0.0, |a| a.bias[f])
    }

    /// The followed sample's input value of the followed feature (NaN when there is none).
    pub fn value(&self) -> f32 {
        let s = self.page.lab.settings();
        let shape = BatchShape::from_dims(&s.dims()).ok();
        shape.and_then(|sh| self.page.lab.batch().get(sh.index(s.sample, s.feature, 0)).copied()).unwrap_or(f32::NAN)
    }

    /// num_batches_tracked, or -1 without running statistics.
    pub fn num_batches_tracked(&self) -> f64 {
        self.page.lab.layer().running().map_or(-1.0, |r| r.num_batches_tracked as f64)
    }

    /// running_mean of the followed feature (NaN without running statistics).
    pub fn running_mean(&self) -> f32 {
        let f = self.page.lab.settings().feature;
        self.page.lab.layer().running().map_or(f32::NAN, |r| r.mean[f])
    }

    pub fn running_var(&self) -> f32 {
        let f = self.page.lab.settings().feature;
        self.page.lab.layer().running().map_or(f32::NAN, |r| r.var[f])
    }

    /// The followed sample's output y for the followed feature (NaN when the step was refused).
    pub fn output_value(&self) -> f32 {
        let s = self.page.lab.settings();
        self.page
            .lab
            .trace()
            .and_then(|t| t.output.get(t.shape.index(s.sample, s.feature, 0)).copied())
            .unwrap_or(f32::NAN)
    }

    pub fn eps_text(&self) -> String {
        explain::py_float(self.page.lab.settings().layer.eps)
    }

    pub fn momentum_text(&self) -> String {
        self.page.lab.settings().layer.momentum.map_or("None".into(), explain::py_float)
    }

    pub fn gamma_text(&self) -> String {
        explain::num(self.gamma() as f64)
    }

    pub fn beta_text(&self) -> String {
        explain::num(self.beta() as f64)
    }

    pub fn value_text(&self) -> String {
        explain::num(self.value() as f64)
    }

    /// `nn.BatchNorm1d(…)` of the current layer.
    pub fn constructor_text(&self) -> String {
        explain::constructor(self.page.lab.layer())
    }

    /// One line: step, mode, and the followed feature's running statistics.
    pub fn status_text(&self) -> String {
        explain::status(&self.page.lab, self.page.lang)
    }

    /// The refusal of the current step in words (the page's language), or undefined.
    pub fn error_message(&self) -> Option<String> {
        self.page.lab.refusal().map(|r| self.page.message(&r.error))
    }

    /// The refusal as a banner (student's words, PyTorch's words, the counting quirk), or "".
    pub fn refusal_html(&self) -> String {
        self.page.lab.refusal().map_or(String::new(), |r| explain::refusal_html(r, &self.page.lab, self.page.lang))
    }

    /// What the last action wants the user to know, or undefined.
    pub fn notice(&self) -> Option<String> {
        self.page.notice.clone()
    }

    /// The computation for the followed feature and sample, as HTML.
    pub fn step_by_step_html(&self) -> String {
        explain::step_by_step(&self.page.lab, self.page.lang)
    }

    /// PyTorch code for the current setting.
    pub fn pytorch_code(&self) -> String {
        explain::pytorch_code(&self.page.lab)
    }

    /// A chart's caption for the current mode ("distribution", "features", "running", "samples").
    pub fn caption(&self, chart: &str) -> String {
        explain::caption(&self.page.lab, chart, self.page.lang)
    }

    /// A text summary of a chart's content, for screen readers.
    pub fn summary(&self, chart: &str) -> String {
        explain::summary(&self.page.lab, chart, self.page.lang)
    }

    // Export.

    /// The layer's `state_dict` as JSON (PyTorch's keys).
    pub fn state_dict_json(&self) -> String {
        export::state_dict_json(self.page.lab.layer())
    }

    /// The current batch as CSV (one row per sample).
    pub fn input_csv(&self) -> String {
        self.page.lab.trace().map_or(String::new(), |t| export::batch_csv(self.page.lab.batch(), &t.shape))
    }

    /// The current output as CSV (one row per sample).
    pub fn output_csv(&self) -> String {
        self.page.lab.trace().map_or(String::new(), |t| export::batch_csv(&t.output, &t.shape))
    }

    /// Three lines of PyTorch that load the exports and compare.
    pub fn export_snippet(&self) -> String {
        let lab = &self.page.lab;
        let shape = BatchShape::from_dims(&lab.settings().dims()).unwrap_or(BatchShape::nc(0, 0));
        export::snippet(lab.layer(), &shape, lab.settings().training)
    }

    // Charts.

    pub fn draw_distribution(&self, canvas: HtmlCanvasElement, ratio: f64) -> Result<(), JsError> {
        let view = self.page.lab.distribution_view(self.page.overlay);
        self.draw_on("distribution", canvas, ratio, view, charts::distribution::draw)
    }

    pub fn draw_features(&self, canvas: HtmlCanvasElement, ratio: f64) -> Result<(), JsError> {
        let view = self.page.lab.features_view();
        self.draw_on("features", canvas, ratio, view, charts::features::draw)
    }

    pub fn draw_running(&self, canvas: HtmlCanvasElement, ratio: f64) -> Result<(), JsError> {
        let view = self.page.lab.running_view();
        self.draw_on("running", canvas, ratio, view, charts::running::draw)
    }

    pub fn draw_samples(&self, canvas: HtmlCanvasElement, ratio: f64) -> Result<(), JsError> {
        let view = self.page.lab.samples_view();
        self.draw_on("samples", canvas, ratio, view, charts::samples::draw)
    }
}
