//! The wasm-bindgen face of the playground: owns the [`Lab`], translates JS calls into lab
//! actions and lab errors into JS errors, and hands each chart its canvas. No math here.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::charts::{self, Style};
use crate::core::BnError;
use crate::explain;
use crate::lab::{self, Lab, Settings};

/// The page's whole state.
#[wasm_bindgen]
pub struct App {
    lab: Lab,
}

/// Rust-only helpers.
impl App {
    /// A refused action becomes a JS `Error` whose message the page shows.
    fn js(result: Result<(), BnError>) -> Result<(), JsError> {
        result.map_err(|e| JsError::new(&e.to_string()))
    }

    /// A whole number from a JS number input, or a message that says what is wrong with it.
    fn whole(what: &'static str, value: f64, min: usize, max: usize) -> Result<usize, JsError> {
        if value.is_finite() && value.fract() == 0.0 && value >= min as f64 && value <= max as f64 {
            Ok(value as usize)
        } else {
            Err(JsError::new(&BnError::NotWholeNumber { what, value, min, max }.to_string()))
        }
    }

    /// Draws one chart on a canvas whose pixel size the page has set (CSS size × devicePixelRatio).
    fn draw_on(
        canvas: HtmlCanvasElement,
        scale: f64,
        draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>, &Style) -> Result<(), DrawingAreaErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>>,
    ) -> Result<(), JsError> {
        let backend = CanvasBackend::with_canvas_object(canvas).ok_or_else(|| JsError::new("this canvas has no 2D context"))?;
        let root = backend.into_drawing_area();
        let style = Style { scale: if scale.is_finite() && scale > 0.0 { scale } else { 1.0 } };
        draw(&root, &style).map_err(|e| JsError::new(&format!("drawing failed: {e}")))?;
        root.present().map_err(|e| JsError::new(&format!("drawing failed: {e}")))
    }
}

/// What the page calls: one method per user action, then what it reads back.
#[wasm_bindgen]
impl App {
    /// `nn.BatchNorm1d(128)` on batches of 32 Linear-like features, one step taken.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<App, JsError> {
        let lab = Lab::new(Settings::default()).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(App { lab })
    }

    pub fn step(&mut self) {
        self.lab.step();
    }

    pub fn reset(&mut self) {
        self.lab.reset();
    }

    pub fn set_training(&mut self, training: bool) {
        self.lab.set_training(training);
    }

    pub fn set_eps(&mut self, eps: f64) -> Result<(), JsError> {
        App::js(self.lab.set_eps(eps))
    }

    /// A momentum in [0, 1].
    pub fn set_momentum(&mut self, momentum: f64) -> Result<(), JsError> {
        App::js(self.lab.set_momentum(Some(momentum)))
    }

    /// `momentum=None`: the cumulative average.
    pub fn set_momentum_cumulative(&mut self) -> Result<(), JsError> {
        App::js(self.lab.set_momentum(None))
    }

    /// γ and β of the selected feature.
    pub fn set_gamma_beta(&mut self, gamma: f32, beta: f32) -> Result<(), JsError> {
        App::js(self.lab.set_gamma_beta(gamma, beta))
    }

    pub fn set_num_features(&mut self, c: f64) -> Result<(), JsError> {
        let c = App::whole("num_features", c, 1, lab::MAX_FEATURES)?;
        App::js(self.lab.set_num_features(c))
    }

    pub fn set_affine(&mut self, affine: bool) -> Result<(), JsError> {
        App::js(self.lab.set_affine(affine))
    }

    pub fn set_track_running_stats(&mut self, track: bool) -> Result<(), JsError> {
        App::js(self.lab.set_track_running_stats(track))
    }

    pub fn set_batch_size(&mut self, n: f64) -> Result<(), JsError> {
        let n = App::whole("batch size N", n, 1, lab::MAX_BATCH)?;
        App::js(self.lab.set_batch_size(n))
    }

    /// L of `(N, C, L)` input; 0 for `(N, C)`.
    pub fn set_length(&mut self, l: f64) -> Result<(), JsError> {
        let l = App::whole("length L", l, 0, lab::MAX_LENGTH)?;
        App::js(self.lab.set_length(l))
    }

    /// "normal", "uniform", "skewed" or "outliers".
    pub fn set_distribution(&mut self, name: &str) -> Result<(), JsError> {
        App::js(self.lab.set_distribution(name))
    }

    /// Feature means `offset + shift·z`, standard deviations `spread` (varied per feature or not).
    pub fn set_feature_shape(&mut self, offset: f64, shift: f64, spread: f64, vary_spread: bool) -> Result<(), JsError> {
        App::js(self.lab.set_feature_shape(offset, shift, spread, vary_spread))
    }

    pub fn set_seed(&mut self, seed: f64) -> Result<(), JsError> {
        let seed = App::whole("seed", seed, 0, u32::MAX as usize)?;
        App::js(self.lab.set_seed(seed as u64))
    }

    pub fn select_feature(&mut self, feature: f64) -> Result<(), JsError> {
        let feature = App::whole("feature", feature, 0, usize::MAX)?;
        App::js(self.lab.select_feature(feature))
    }

    pub fn select_sample(&mut self, sample: f64) -> Result<(), JsError> {
        let sample = App::whole("sample", sample, 0, usize::MAX)?;
        App::js(self.lab.select_sample(sample))
    }

    /// Selects the feature under a click at CSS pixel `x` of the all-features chart of CSS width
    /// `width`; returns it, or undefined outside the plot.
    pub fn pick_feature_at(&mut self, x: f64, width: f64) -> Option<u32> {
        let feature = charts::features::feature_at(&self.lab.features_view(), x, width)?;
        self.lab.select_feature(feature).ok()?;
        Some(feature as u32)
    }

    // What the page reads back, to keep its controls and numbers true.

    pub fn steps(&self) -> f64 {
        self.lab.steps() as f64
    }

    pub fn training(&self) -> bool {
        self.lab.settings().training
    }

    pub fn num_features(&self) -> u32 {
        self.lab.settings().layer.num_features as u32
    }

    pub fn eps(&self) -> f64 {
        self.lab.settings().layer.eps
    }

    /// The momentum, or NaN for None (cumulative average).
    pub fn momentum(&self) -> f64 {
        self.lab.settings().layer.momentum.unwrap_or(f64::NAN)
    }

    pub fn affine(&self) -> bool {
        self.lab.settings().layer.affine
    }

    pub fn track_running_stats(&self) -> bool {
        self.lab.settings().layer.track_running_stats
    }

    pub fn batch_size(&self) -> u32 {
        self.lab.settings().batch_size as u32
    }

    pub fn length(&self) -> u32 {
        self.lab.settings().length as u32
    }

    pub fn distribution(&self) -> String {
        self.lab.settings().data.distribution.name().to_string()
    }

    pub fn shift(&self) -> f64 {
        self.lab.settings().data.shift
    }

    pub fn spread(&self) -> f64 {
        self.lab.settings().data.spread
    }

    pub fn seed(&self) -> u32 {
        self.lab.settings().data.seed as u32
    }

    pub fn feature(&self) -> u32 {
        self.lab.settings().feature as u32
    }

    pub fn sample(&self) -> u32 {
        self.lab.settings().sample as u32
    }

    /// γ of the selected feature (1 without affine).
    pub fn gamma(&self) -> f32 {
        let f = self.lab.settings().feature;
        self.lab.layer().affine().map_or(1.0, |a| a.weight[f])
    }

    /// β of the selected feature (0 without affine).
    pub fn beta(&self) -> f32 {
        let f = self.lab.settings().feature;
        self.lab.layer().affine().map_or(0.0, |a| a.bias[f])
    }

    /// num_batches_tracked, or -1 without running statistics.
    pub fn num_batches_tracked(&self) -> f64 {
        self.lab.layer().running().map_or(-1.0, |r| r.num_batches_tracked as f64)
    }

    /// running_mean of the selected feature (NaN without running statistics).
    pub fn running_mean(&self) -> f32 {
        let f = self.lab.settings().feature;
        self.lab.layer().running().map_or(f32::NAN, |r| r.mean[f])
    }

    pub fn running_var(&self) -> f32 {
        let f = self.lab.settings().feature;
        self.lab.layer().running().map_or(f32::NAN, |r| r.var[f])
    }

    /// The selected sample's output y for the selected feature (NaN when the step was refused).
    pub fn output_value(&self) -> f32 {
        let s = self.lab.settings();
        self.lab
            .trace()
            .and_then(|t| t.output.get(t.shape.index(s.sample, s.feature, 0)).copied())
            .unwrap_or(f32::NAN)
    }

    pub fn eps_text(&self) -> String {
        explain::py_float(self.lab.settings().layer.eps)
    }

    pub fn momentum_text(&self) -> String {
        self.lab.settings().layer.momentum.map_or("None".into(), explain::py_float)
    }

    pub fn gamma_text(&self) -> String {
        explain::num(self.gamma() as f64)
    }

    pub fn beta_text(&self) -> String {
        explain::num(self.beta() as f64)
    }

    /// `nn.BatchNorm1d(…)` of the current layer.
    pub fn constructor_text(&self) -> String {
        explain::constructor(self.lab.layer())
    }

    /// One line: step, mode, and the selected feature's running statistics.
    pub fn status_text(&self) -> String {
        explain::status(&self.lab)
    }

    /// The refusal of the current step in words, or undefined.
    pub fn error_message(&self) -> Option<String> {
        self.lab.refusal().map(|r| r.error.to_string())
    }

    /// The computation for the selected feature and sample, as HTML.
    pub fn step_by_step_html(&self) -> String {
        explain::step_by_step(&self.lab)
    }

    /// PyTorch code for the current setting.
    pub fn pytorch_code(&self) -> String {
        explain::pytorch_code(&self.lab)
    }

    pub fn draw_distribution(&self, canvas: HtmlCanvasElement, scale: f64) -> Result<(), JsError> {
        let view = self.lab.distribution_view();
        App::draw_on(canvas, scale, |root, style| charts::distribution::draw(root, &view, style))
    }

    pub fn draw_features(&self, canvas: HtmlCanvasElement, scale: f64) -> Result<(), JsError> {
        let view = self.lab.features_view();
        App::draw_on(canvas, scale, |root, style| charts::features::draw(root, &view, style))
    }

    pub fn draw_running(&self, canvas: HtmlCanvasElement, scale: f64) -> Result<(), JsError> {
        let view = self.lab.running_view();
        App::draw_on(canvas, scale, |root, style| charts::running::draw(root, &view, style))
    }
}
