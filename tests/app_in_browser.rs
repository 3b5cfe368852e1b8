//! The page's App, driven in headless Chromium the way the page drives it: actions through
//! `dispatch`, what it shows through `frame`, files through `export`; every chart must draw on
//! a real canvas.
#![cfg(target_arch = "wasm32")]

use batchnorm_playground::app::App;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn canvas() -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas.set_width(800);
    canvas.set_height(400);
    document.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

/// Pixels that are not (near) white.
fn inked(canvas: &HtmlCanvasElement) -> usize {
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let data = ctx.get_image_data(0.0, 0.0, 800.0, 400.0).unwrap().data();
    data.chunks(4).filter(|p| p[0] < 200 || p[1] < 200 || p[2] < 200).count()
}

/// The App of a link's `query` for a browser whose languages are `languages`.
fn open(query: &str, languages: &[&str]) -> App {
    let list: js_sys::Array = languages.iter().map(|l| JsValue::from(*l)).collect();
    App::new(query.into(), list.into())
}

fn app(query: &str) -> App {
    open(query, &["en-US"])
}

fn frame(app: &mut App) -> Value {
    serde_json::from_str(&app.frame()).unwrap()
}

fn send(app: &mut App, name: &str, value: impl Into<JsValue>) {
    app.dispatch(name.into(), value.into());
}

fn press(app: &mut App, name: &str) {
    app.dispatch(name.into(), JsValue::UNDEFINED);
}

fn text(f: &Value, id: &str) -> String {
    f["text"][id].as_str().unwrap_or_default().to_string()
}

fn notice(f: &Value) -> String {
    f["notice"]["text"].as_str().unwrap_or_default().to_string()
}

fn file(app: &mut App, name: &str) -> String {
    app.export(name.into()).get(2).cloned().unwrap_or_default()
}

fn draw_all(app: &mut App) {
    let f = frame(app);
    let charts: Vec<String> = f["charts"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect();
    assert!(!charts.is_empty());
    for id in charts {
        let c = canvas();
        app.draw(id.as_str().into(), c.clone().into(), 1.0).unwrap();
        assert!(inked(&c) > 1000, "{id} stayed blank");
    }
}

#[wasm_bindgen_test]
fn starts_like_pytorchs_default_layer_and_draws() {
    let mut app = app("");
    let f = frame(&mut app);
    assert_eq!(text(&f, "ctor"), "nn.BatchNorm1d(128)");
    assert!(file(&mut app, "bn_state.json").contains("\"num_batches_tracked\": 1"));
    draw_all(&mut app);
}

#[wasm_bindgen_test]
fn step_toggle_and_eval() {
    let mut app = app("");
    press(&mut app, "step");
    assert!(file(&mut app, "bn_state.json").contains("\"num_batches_tracked\": 2"));
    send(&mut app, "affine", false);
    assert_eq!(text(&frame(&mut app), "ctor"), "nn.BatchNorm1d(128, affine=False)");
    send(&mut app, "mode", "eval");
    let state = file(&mut app, "bn_state.json");
    for _ in 0..2 {
        press(&mut app, "step");
        frame(&mut app);
    }
    assert_eq!(file(&mut app, "bn_state.json"), state, "eval mode moved the running statistics");
    assert!(text(&frame(&mut app), "pytorch").contains("bn.eval()"));
    draw_all(&mut app);
}

#[wasm_bindgen_test]
fn a_batch_of_one_is_refused_in_train_mode_only() {
    let mut app = app("");
    send(&mut app, "batch-size", "1");
    let f = frame(&mut app);
    assert!(f["html"]["refusal"].as_str().unwrap().contains("Expected more than 1 value per channel when training"));
    assert!(f["hidden"]["refusal"] == Value::Bool(false));
    assert!(app.export("bn_output.csv".into()).is_empty(), "a refused step has no output to export");
    assert!(notice(&frame(&mut app)).contains("No bn_output.csv: PyTorch refuses this batch in train mode"));
    // Its input exports (the batch PyTorch refuses, in its shape), and both snippets reproduce
    // the refusal as shown.
    let input = file(&mut app, "bn_input.csv");
    assert_eq!((input.lines().count(), input.lines().next().map(|l| l.split(',').count())), (1, Some(128)));
    assert!(text(&f, "export-snippet").contains("except ValueError as e: print("), "{}", text(&f, "export-snippet"));
    assert!(!text(&f, "export-snippet").contains("bn_output.csv"));
    assert!(text(&f, "pytorch").contains("except ValueError as e:"), "{}", text(&f, "pytorch"));
    draw_all(&mut app);
    send(&mut app, "mode", "eval");
    assert!(frame(&mut app)["hidden"]["refusal"] == Value::Bool(true));
}

#[wasm_bindgen_test]
fn bad_input_is_refused_with_a_message_and_changes_nothing() {
    let mut app = app("");
    let before = frame(&mut app)["link"].clone();
    for bad in ["0", "1.5", "-3", "NaN", "5000", "", "abc"] {
        send(&mut app, "batch-size", bad);
        let f = frame(&mut app);
        assert!(f["notice"]["error"] == Value::Bool(true), "batch size {bad:?} was taken");
        assert_eq!(f["link"], before, "{bad:?} changed the page");
    }
    send(&mut app, "eps", "0.5");
    send(&mut app, "distribution", "cauchy");
    send(&mut app, "<img src=x>", JsValue::UNDEFINED);
    assert_eq!(frame(&mut app)["link"], before);
}

#[wasm_bindgen_test]
fn no_argument_panics_an_exported_function() {
    let mut app = app("");
    for value in
        [JsValue::UNDEFINED, JsValue::NULL, JsValue::from(f64::NAN), JsValue::from("x"), js_sys::Array::new().into()]
    {
        for name in ["step", "eps", "affine", "key", "pick-feature", "hover-cell", "view", "lang-select", "csv-use"] {
            app.dispatch(name.into(), value.clone());
        }
    }
    assert!(app.bench_kernel(30_000, 20_000, true, 1).is_finite(), "sizes are clamped");
    assert!(app.export("../../etc/passwd".into()).is_empty());
    assert!(app.draw("nope".into(), canvas().into(), f64::NAN).is_err());
    // Not text where text is read, not a canvas where a canvas is drawn on: refused, no trap.
    let (zero, object) = (JsValue::from(0), JsValue::from(js_sys::Object::new()));
    assert!(app.dispatch(zero.clone(), zero.clone()));
    assert!(app.export(zero.clone()).is_empty());
    assert!(app.draw("chart-distribution".into(), object.clone(), 1.0).is_err());
    assert_eq!(app.chart_svg(zero.clone(), 600, 400, 1.0), "");
    assert_eq!(app.qr_svg(zero.clone()), app.qr_svg("".into()), "a number is read as no text");
    assert!(!App::load_words(zero.clone(), zero.clone()));
    assert_eq!(App::words_file(zero.clone()), "");
    assert!(!app.take_made(zero.clone(), object.clone()));
    assert!(batchnorm_playground::app::make_batch(zero.clone()).is_empty());
    frame(&mut App::new(zero.clone(), object));
}

#[wasm_bindgen_test]
fn a_link_gives_the_same_numbers_in_a_new_app() {
    let mut app = app("");
    press(&mut app, "step");
    send(&mut app, "mode", "eval");
    frame(&mut app);
    press(&mut app, "step");
    send(&mut app, "feature", "7");
    send(&mut app, "gamma", "2");
    send(&mut app, "beta", "-1");
    send(&mut app, "lang-select", "zh-Hant");
    let f = frame(&mut app);
    let mut again = open(f["link"].as_str().unwrap(), &[]);
    let g = frame(&mut again);
    assert_eq!(g["html"]["steps"], f["html"]["steps"]);
    assert_eq!(file(&mut again, "bn_state.json"), file(&mut app, "bn_state.json"));
    assert_eq!(g["lang"], "zh-Hant");
    assert!(g["notice"].is_null());
    let mut broken = open("n=abc&c=-3", &[]);
    let f = frame(&mut broken);
    assert!(notice(&f).contains("n=abc") && notice(&f).contains("c=-3"), "{}", notice(&f));
    assert_eq!(f["values"]["batch-size"], "32");
}

#[wasm_bindgen_test]
fn the_browser_language_is_used_unless_the_link_says() {
    let mut app = open("", &["zh-TW", "en"]);
    assert_eq!(frame(&mut app)["lang"], "zh-Hant");
    let mut app = open("", &["zh-CN"]);
    assert_eq!(frame(&mut app)["lang"], "zh-Hans");
    let mut app = open("", &["fr"]);
    assert_eq!(frame(&mut app)["lang"], "en");
    let mut app = open("lang=en", &["zh-TW"]);
    assert_eq!(frame(&mut app)["lang"], "en");
    // What a link got wrong is said in the browser's language too (it was English).
    let mut app = open("n=abc", &["zh-CN"]);
    let said = notice(&frame(&mut app));
    assert!(said.contains("链接中有些部分无法使用") && said.contains("n=abc"), "{said}");
}

#[wasm_bindgen_test]
fn every_lesson_opens_and_draws() {
    let mut app = app("");
    let labels: Value = serde_json::from_str(&app.labels()).unwrap();
    for lesson in labels["lessons"].as_array().unwrap() {
        let id = lesson[0].as_str().unwrap();
        send(&mut app, "lesson-select", id);
        loop {
            let f = frame(&mut app);
            assert!(!f["html"]["lesson-text"].as_str().unwrap_or_default().is_empty(), "{id}");
            draw_all(&mut app);
            // The last stage's Next goes on to the next lesson (the last lesson's is disabled).
            if f["disabled"]["lesson-next"] == Value::Bool(true) || f["text"]["lesson-next"] == "Next lesson ›" {
                break;
            }
            press(&mut app, "lesson-next");
        }
    }
}

#[wasm_bindgen_test]
fn the_languages_translate_the_labels_and_errors() {
    let mut app = app("");
    let labels: Value = serde_json::from_str(&app.labels()).unwrap();
    assert_eq!(labels["keys"]["btn-step"], "Step");
    send(&mut app, "lang-select", "zh-Hant");
    let labels: Value = serde_json::from_str(&app.labels()).unwrap();
    assert_eq!(labels["keys"]["btn-step"], "下一步");
    send(&mut app, "batch-size", "0");
    let message = notice(&frame(&mut app));
    assert!(message.contains("整數"), "{message}");
    send(&mut app, "lang-select", "zh-CN");
    assert_eq!(frame(&mut app)["lang"], "zh-Hans");
    let labels: Value = serde_json::from_str(&app.labels()).unwrap();
    assert_eq!(labels["keys"]["data"], "数据");
    send(&mut app, "batch-size", "0");
    let message = notice(&frame(&mut app));
    assert!(message.contains("整数"), "{message}");
    send(&mut app, "lang-select", "fr");
    assert!(frame(&mut app)["notice"]["error"] == Value::Bool(true));
}

#[wasm_bindgen_test]
fn csv_errors_name_the_cell_and_keep_the_state() {
    let mut app = app("");
    let before = file(&mut app, "bn_state.json");
    send(&mut app, "csv-use", "1,2\n3,x\n");
    let message = notice(&frame(&mut app));
    assert!(message.contains("row 2, column 2"), "{message}");
    assert_eq!(file(&mut app, "bn_state.json"), before);
    send(&mut app, "csv-use", "a,b\n1,2\n3,5\n");
    assert_eq!(frame(&mut app)["values"]["num-features"], "2");
    assert_eq!(file(&mut app, "bn_input.csv"), "1,2\n3,5\n");
}

/// A chart that cannot be drawn as SVG is refused in the page's language: the notice once
/// quoted its reason in English ("no such chart") inside the Chinese sentence.
#[wasm_bindgen_test]
fn an_svg_that_cannot_be_drawn_says_why_in_the_page_s_language() {
    // The chart's id is the file's name and "SVG" the format's: every other word is Chinese.
    let latin_words = |notice: &str| -> Vec<String> {
        let rest = notice.replace("chart-none", "").replace("SVG", "");
        rest.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).map(String::from).collect()
    };
    for (lang, words) in [("zh-Hant", "頁面沒有這個名稱的圖表"), ("zh-Hans", "页面上没有这个名称的图表")]
    {
        let mut app = app(&format!("lang={lang}"));
        assert_eq!(app.chart_svg("chart-none".into(), 600, 400, 1.0), "");
        let said = notice(&frame(&mut app));
        assert!(said.contains(words) && said.contains("chart-none"), "{said}");
        assert!(latin_words(&said).is_empty(), "English in the {lang} notice: {said}");
    }
    let mut app = app("");
    assert_eq!(app.chart_svg("chart-none".into(), 600, 400, 1.0), "");
    let said = notice(&frame(&mut app));
    assert!(said.contains("\"chart-none\" could not be drawn as SVG: the page has no chart"), "{said}");
}

/// Every canvas of the page is a chart of the App's one list: drawn on the canvas and as SVG
/// (two lists once had to be kept in step by hand; a name neither knows is refused by both).
#[wasm_bindgen_test]
fn every_canvas_of_the_page_draws_on_its_canvas_and_as_svg() {
    let html = include_str!("../www/index.html");
    let ids: Vec<&str> = html.split("<canvas id=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    assert!(ids.len() >= 13, "{ids:?}");
    let mut app = app("");
    for id in ids {
        let c = canvas();
        assert!(app.draw(id.into(), c.clone().into(), 1.0).is_ok(), "{id} did not draw on its canvas");
        assert!(inked(&c) > 1000, "{id} stayed blank");
        let svg = app.chart_svg(id.into(), 600, 400, 1.0);
        assert!(svg.starts_with("<svg"), "{id} drew no SVG: {}", notice(&frame(&mut app)));
    }
    assert!(app.draw("chart-none".into(), canvas().into(), 1.0).is_err());
    assert_eq!(app.chart_svg("chart-none".into(), 600, 400, 1.0), "");
}

/// Only the page's own read of a frame takes its one-time requests: a test or a student reading
/// `peek` meanwhile leaves them for the page.
#[wasm_bindgen_test]
fn peek_leaves_the_pages_requests() {
    let mut app = app("view=train");
    let peeked = |app: &App| serde_json::from_str::<Value>(&app.peek()).unwrap()["need_digits"] == true;
    assert!(peeked(&app) && peeked(&app), "a peek asks for the digits, twice");
    assert_eq!(frame(&mut app)["need_digits"], true, "the page is still asked");
    assert_eq!(frame(&mut app)["need_digits"], false, "once");
    assert!(!peeked(&app));
}
