//! The page's App, driven in headless Chromium the way the controls drive it: toggle affine,
//! switch to eval, step, a batch of one; every chart must draw on a real canvas.
#![cfg(target_arch = "wasm32")]

use batchnorm_playground::app::App;
use wasm_bindgen::JsCast;
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

fn draw_all(app: &App) {
    let (a, b, c, d) = (canvas(), canvas(), canvas(), canvas());
    app.draw_distribution(a.clone(), 1.0).unwrap();
    app.draw_features(b.clone(), 1.0).unwrap();
    app.draw_running(c.clone(), 1.0).unwrap();
    app.draw_samples(d.clone(), 1.0).unwrap();
    for chart in [a, b, c, d] {
        assert!(inked(&chart) > 1000, "a chart stayed blank");
    }
}

#[wasm_bindgen_test]
fn starts_like_pytorchs_default_layer_and_draws() {
    let app = App::new("");
    assert_eq!(app.constructor_text(), "nn.BatchNorm1d(128)");
    assert_eq!(app.num_batches_tracked(), 1.0);
    draw_all(&app);
}

#[wasm_bindgen_test]
fn step_toggle_and_eval() {
    let mut app = App::new("");
    app.step();
    assert_eq!(app.num_batches_tracked(), 2.0);
    app.set_affine(false).unwrap();
    assert_eq!(app.constructor_text(), "nn.BatchNorm1d(128, affine=False)");
    assert_eq!(app.steps(), 1.0, "a new layer starts over");
    app.set_training(false);
    let mean = app.running_mean();
    app.step();
    app.step();
    assert_eq!(app.running_mean(), mean, "eval mode moved running_mean");
    assert!(app.pytorch_code().contains("bn.eval()"));
    draw_all(&app);
}

#[wasm_bindgen_test]
fn a_batch_of_one_is_refused_in_train_mode_only() {
    let mut app = App::new("");
    app.set_batch_size(1.0).unwrap();
    let message = app.error_message().expect("train mode must refuse a batch of one");
    assert!(message.contains("more than one value per feature"), "{message}");
    assert!(app.step_by_step_html().contains("Expected more than 1 value per channel when training"));
    draw_all(&app);
    app.set_training(false);
    assert!(app.error_message().is_none());
    assert!(app.output_value().is_finite());
}

#[wasm_bindgen_test]
fn bad_input_is_refused_with_a_message_and_changes_nothing() {
    let mut app = App::new("");
    for bad in [0.0, 1.5, -3.0, f64::NAN, 5000.0] {
        assert!(app.set_batch_size(bad).is_err(), "batch size {bad} was taken");
    }
    assert!(app.set_eps_index(25.0).is_err());
    assert!(app.set_momentum(2.0).is_err());
    assert!(app.set_distribution("cauchy").is_err());
    assert_eq!(app.batch_size(), 32);
    assert_eq!(app.eps(), 1e-5);
    assert_eq!(app.momentum(), 0.1);
}

#[wasm_bindgen_test]
fn a_link_gives_the_same_numbers_in_a_new_app() {
    let mut app = App::new("");
    app.step();
    app.set_training(false);
    app.step();
    app.select_feature(7.0).unwrap();
    app.set_gamma_beta(2.0, -1.0).unwrap();
    app.set_lang("zh-Hant").unwrap();
    let again = App::new(&app.query());
    assert_eq!(again.step_by_step_html(), app.step_by_step_html());
    assert_eq!(again.state_dict_json(), app.state_dict_json());
    assert_eq!(again.lang(), "zh-Hant");
    assert!(again.notice().is_none());
    let broken = App::new("n=abc&c=-3");
    assert!(broken.notice().unwrap().contains("n=abc"));
    assert_eq!(broken.batch_size(), 32);
}

#[wasm_bindgen_test]
fn every_lesson_opens_and_draws() {
    let mut app = App::new("");
    for i in 0..app.lesson_count() {
        let id = app.lesson_id(i);
        app.open_lesson(&id).unwrap();
        loop {
            assert!(!app.lesson_html().is_empty(), "{id}");
            draw_all(&app);
            let stage = app.lesson_stage();
            if stage[0] + 1 == stage[1] {
                break;
            }
            app.lesson_next().unwrap();
        }
    }
}

#[wasm_bindgen_test]
fn the_languages_translate_the_labels_and_errors() {
    let mut app = App::new("");
    assert_eq!(app.tr("btn-step"), "Step");
    app.set_lang("zh-Hant").unwrap();
    assert_eq!(app.tr("btn-step"), "下一步");
    let err = app.set_batch_size(0.0).err().map(|e| wasm_bindgen::JsValue::from(e));
    let message = js_sys::Reflect::get(&err.unwrap(), &"message".into()).unwrap().as_string().unwrap();
    assert!(message.contains("整數"), "{message}");
    app.set_lang("zh-CN").unwrap();
    assert_eq!(app.lang(), "zh-Hans");
    assert_eq!(app.tr("data"), "数据");
    let err = app.set_batch_size(0.0).err().map(|e| wasm_bindgen::JsValue::from(e));
    let message = js_sys::Reflect::get(&err.unwrap(), &"message".into()).unwrap().as_string().unwrap();
    assert!(message.contains("整数"), "{message}");
    assert!(app.set_lang("fr").is_err());
}

#[wasm_bindgen_test]
fn csv_errors_name_the_cell_and_keep_the_state() {
    let mut app = App::new("");
    let before = app.state_dict_json();
    let err = app.load_csv("1,2\n3,x\n", 0.0).err().map(wasm_bindgen::JsValue::from).unwrap();
    let message = js_sys::Reflect::get(&err, &"message".into()).unwrap().as_string().unwrap();
    assert!(message.contains("row 2, column 2"), "{message}");
    assert_eq!(app.state_dict_json(), before);
    app.load_csv("a,b\n1,2\n3,5\n", 0.0).unwrap();
    assert_eq!(app.num_features(), 2);
    assert_eq!(app.input_csv(), "1,2\n3,5\n");
}
