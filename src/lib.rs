//! BatchNorm Playground: PyTorch's `nn.BatchNorm1d`, computed in Rust and drawn in the browser.
//!
//! - [`backward`]: the Backward panel (where the gradient goes; BatchNorm folded away);
//! - [`core`]: the layer, seeded data and statistics (no web dependency);
//! - [`csv`]: the user's CSV batch and the digits file, read; [`refusal`]: what the page refuses;
//! - [`charts`]: plotters drawings over any `DrawingBackend`;
//! - [`compare`]: one batch through BatchNorm1d, LayerNorm, InstanceNorm1d and GroupNorm;
//! - [`lab`]: the playground's state machine (settings, steps, history), still web-free;
//! - [`explain`]: the step-by-step numbers and the PyTorch code, as text;
//! - [`export`]: state_dict JSON, CSV and the PyTorch snippet that checks them; [`download`]:
//!   a file of the page written over frames, from the state at the click;
//! - [`i18n`]: English, Traditional and Simplified Chinese; [`lessons`]: guided scenarios;
//! - [`command`]: every user action as a value; [`controls`]: the number controls' one table;
//! - [`page`]: the page's state, where every command is applied; [`frame`]: what the page reads;
//! - [`link`]: the whole page in a URL and back;
//! - [`numbers`]: how the page prints a number (tables, captions, legends, axes alike);
//!   [`decimal`]: how it reads one (a box, a link), as `str::parse` does;
//! - [`trainer`]: the Train view (two small networks side by side, the papers' presets and sweeps);
//! - [`papers`]: the papers' figures the Train view reproduces;
//! - `app`: the wasm-bindgen face that owns the page's state (wasm only);
//! - `canvas`: the charts' `<canvas>` backend, plotters-canvas's with fewer calls (wasm only).

pub mod backward;
pub mod charts;
pub mod command;
pub mod compare;
pub mod controls;
pub mod core;
pub mod csv;
pub mod decimal;
pub mod download;
pub mod explain;
pub mod export;
pub mod frame;
pub mod i18n;
pub mod lab;
pub mod lessons;
pub mod link;
pub mod numbers;
pub mod page;
pub mod papers;
pub mod refusal;
pub mod trainer;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod canvas;

/// Whether this build holds every view (the `full` feature, the default) or is the first view's
/// small module: the BatchNorm1d lab alone. Where the other views' code is reached (the page's
/// actions and ticks, the frame, the App's charts and downloads) it is behind `if crate::FULL`,
/// a constant, so the small build leaves that code out; an action it cannot apply waits for the
/// full module (`Page::need_full`, the frame's `need_full`).
pub const FULL: bool = cfg!(feature = "full");

/// Runs once when the wasm module loads: panics show up in the browser console with a stack.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}
