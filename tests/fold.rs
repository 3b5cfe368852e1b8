//! BatchNorm folded into the first Linear for inference: the folded model's outputs equal
//! `model.eval()`'s on the test digits (float32 rounding apart), train mode and a layer without
//! running statistics are refused in words, and the export has PyTorch's keys and shapes.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use batchnorm_playground::backward::{fold_error_html, fold_html};
use batchnorm_playground::core::digits::Digits;
use batchnorm_playground::core::fold::{
    fold_linear_bn, fold_net, fold_view, largest_difference, tutorial_parts, FoldError,
};
use batchnorm_playground::core::net::layer::Linear;
use batchnorm_playground::core::net::{Activation, Layer, LayerSpec, Net, NetSpec, NetState, Norm, Sgd, StateValue};
use batchnorm_playground::core::{BatchNorm1d, BatchNormConfig};
use batchnorm_playground::csv::parse_digits_csv;
use batchnorm_playground::export::{folded_model_json, net_json};
use batchnorm_playground::i18n::Lang;
use batchnorm_playground::trainer::DigitsSplit;

fn digits() -> Digits {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/data/digits.csv");
    let text = std::fs::read_to_string(path).expect("www/data/digits.csv is part of the project");
    parse_digits_csv(&text).expect("the digits parse")
}

/// The tutorial's model, with or without its BatchNorm1d, seeded.
fn tutorial(seed: u64, batchnorm: bool) -> Net {
    let norm = if batchnorm { Norm::BatchNorm } else { Norm::None };
    Net::new(NetSpec::mlp(64, &[128], 10, Activation::Relu, norm).expect("spec"), seed).expect("model")
}

/// A Linear layer with these weights (`outputs` rows of `inputs`, not necessarily that many) and biases.
fn linear(inputs: usize, outputs: usize, weight: Vec<f32>, bias: Vec<f32>) -> Linear {
    let spec = NetSpec::new(vec![LayerSpec::Linear { inputs, outputs }]).expect("spec");
    let ok = weight.len() == inputs * outputs;
    let state = NetState {
        entries: vec![
            ("0.weight".into(), StateValue::Floats(weight.clone())),
            ("0.bias".into(), StateValue::Floats(bias)),
        ],
    };
    let net = Net::from_state_dict(spec.clone(), &state).or_else(|_| Net::new(spec, 0)).expect("layer");
    match &net.layers()[0] {
        Layer::Linear(l) if ok => l.clone(),
        // A ragged weight: the layer as loaded, its weight cut short afterwards.
        Layer::Linear(l) => {
            let mut l = l.clone();
            l.weight = weight;
            l
        }
        _ => unreachable!("a Linear spec builds a Linear"),
    }
}

/// y = x·Wᵀ + b for `n` rows.
fn linear_forward(l: &Linear, x: &[f32], n: usize) -> Vec<f32> {
    let mut y = Vec::with_capacity(n * l.outputs);
    for row in x.chunks_exact(l.inputs).take(n) {
        for o in 0..l.outputs {
            let w = &l.weight[o * l.inputs..(o + 1) * l.inputs];
            y.push(row.iter().zip(w).map(|(a, b)| a * b).sum::<f32>() + l.bias[o]);
        }
    }
    y
}

/// The tutorial's BN model after `steps` SGD steps of batch 64, and the test split.
fn trained(steps: usize) -> (Net, Digits) {
    let split = DigitsSplit::new(&digits(), 0).expect("split");
    let mut model = tutorial(0, true);
    let mut sgd = Sgd::new(0.1, 0.9).expect("sgd");
    let order = split.train.shuffled_indices(3);
    for chunk in order.chunks_exact(64).cycle().take(steps) {
        let (x, y) = split.train.batch(chunk).expect("batch");
        model.train_step(&x, &y, &mut sgd).expect("step");
    }
    (model, split.test)
}

#[test]
fn folding_gives_the_eval_outputs_on_the_test_digits() {
    let (model, test) = trained(60);
    let folded = fold_net(&model, false).expect("eval mode folds");
    let largest = largest_difference(&model, &folded, &test.images).unwrap().expect("some images");
    println!("largest |folded − eval| over {} test digits × 10 logits: {largest:e}", test.len());
    assert!(largest < 2e-5, "{largest}");
    // The same answers.
    let eval = model.clone().predict(&test.images).unwrap();
    let folded_answers = folded.clone().predict(&test.images).unwrap();
    let same = eval.iter().zip(&folded_answers).filter(|(a, b)| a == b).count();
    assert!(same + 1 >= eval.len(), "{same} of {} answers agree", eval.len());
    // And at the start, before any step (running stats 0 and 1).
    let fresh = tutorial(5, true);
    let d = largest_difference(&fresh, &fold_net(&fresh, false).unwrap(), &test.images).unwrap().unwrap();
    assert!(d < 1e-5, "{d}");
}

#[test]
fn train_mode_no_running_stats_and_no_batchnorm_are_refused_in_words() {
    let (model, _) = trained(2);
    let err = fold_net(&model, true).unwrap_err();
    assert_eq!(err, FoldError::TrainMode);
    assert!(
        fold_error_html(&err, Lang::En).contains("impossible in train mode: the batch statistics depend on the batch")
    );
    assert_eq!(err.pytorch_message().as_deref(), Some("AssertionError: Fusion only for eval!"));
    assert_eq!(fold_net(&tutorial(0, false), false).unwrap_err(), FoldError::NoBatchNorm);
    let tanh = Net::new(NetSpec::mlp(64, &[8], 10, Activation::Tanh, Norm::BatchNorm).unwrap(), 0).unwrap();
    assert_eq!(fold_net(&tanh, false).unwrap_err(), FoldError::NotTutorialModel);

    let linear = linear(2, 3, vec![0.5; 6], vec![0.1; 3]);
    let mut bn = BatchNorm1d::new(BatchNormConfig { track_running_stats: false, ..BatchNormConfig::new(3) }).unwrap();
    bn.set_training(false);
    let err = fold_linear_bn(&linear, &bn).unwrap_err();
    assert_eq!(err, FoldError::NoRunningStats);
    for script in [Lang::En, Lang::ZhHant, Lang::ZhHans] {
        let html = fold_error_html(&err, script);
        assert!(html.contains("track_running_stats=False") && html.contains("must not be None"), "{html}");
    }
    assert!(fold_error_html(&FoldError::TrainMode, Lang::ZhHans).contains("训练模式下无法折叠"));
    // A ragged Linear is refused, never indexed past its end.
    let ragged = self::linear(2, 3, vec![0.5; 5], vec![0.1; 3]);
    let mut tracked = BatchNorm1d::new(BatchNormConfig::new(3)).unwrap();
    tracked.set_training(false);
    assert!(matches!(fold_linear_bn(&ragged, &tracked), Err(FoldError::SizeMismatch { .. })));
}

#[test]
fn without_affine_gamma_is_one_and_beta_zero() {
    let linear = linear(2, 2, vec![1.0, 2.0, 3.0, 4.0], vec![0.5, -0.5]);
    let mut bn = BatchNorm1d::new(BatchNormConfig { affine: false, eps: 0.0, ..BatchNormConfig::new(2) }).unwrap();
    bn.set_running(&[1.0, -1.0], &[4.0, 0.25], 7).unwrap();
    bn.set_training(false);
    let (weight, bias) = fold_linear_bn(&linear, &bn).unwrap();
    // scale = 1/2 and 2: W′ = [[0.5, 1], [6, 8]], b′ = [(0.5 − 1)/2, 2·(−0.5 + 1)] = [−0.25, 1].
    assert_eq!(weight, vec![0.5, 1.0, 6.0, 8.0]);
    assert_eq!(bias, vec![-0.25, 1.0]);
    // And the Linear → BN pass agrees with the folded Linear.
    let x = [0.3f32, -1.2, 2.0, 0.7];
    let hidden = linear_forward(&linear, &x, 2);
    let y = bn.forward(&hidden, &[2, 2]).unwrap().output;
    let z = linear_forward(&self::linear(2, 2, weight, bias), &x, 2);
    for (a, b) in y.iter().zip(&z) {
        assert!((a - b).abs() < 1e-6, "{y:?} vs {z:?}");
    }
}

#[test]
fn the_export_has_pytorchs_keys_and_shapes() {
    let (model, _) = trained(3);
    let folded = fold_net(&model, false).unwrap();
    let json: serde_json::Value = serde_json::from_str(&folded_model_json(&folded)).expect("valid JSON");
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 4);
    let rows = |key: &str| json[key].as_array().map(Vec::len);
    let cols = |key: &str| json[key][0].as_array().map(Vec::len);
    assert_eq!((rows("0.weight"), cols("0.weight")), (Some(128), Some(64)));
    assert_eq!(
        (rows("0.bias"), rows("2.weight"), cols("2.weight"), rows("2.bias")),
        (Some(128), Some(10), Some(128), Some(10))
    );
    assert_eq!(
        json["2.weight"][3][5].as_f64().map(|v| v as f32),
        Some(tutorial_parts(&model).unwrap().2.weight[3 * 128 + 5])
    );
    // The BN model's export reads back the same way: nested [out][in], PyTorch's keys.
    let bn: serde_json::Value = serde_json::from_str(&net_json(&model)).expect("valid JSON");
    assert_eq!(bn["0.weight"].as_array().map(Vec::len), Some(128));
    assert_eq!(bn["3.weight"][0].as_array().map(Vec::len), Some(128));
    assert_eq!(bn["1.num_batches_tracked"].as_u64(), Some(3));
}

#[test]
fn the_train_views_numbers() {
    let (model, test) = trained(20);
    let view = fold_view(&model, &test.images, &[0, 5, 127, 500], 3).unwrap();
    assert_eq!(view.rows.len(), 3, "unit 500 does not exist");
    let bn = tutorial_parts(&model).unwrap().1.unwrap();
    let r = &view.rows[1];
    let want = bn.affine().unwrap().weight[5] as f64 / (bn.running().unwrap().var[5] as f64 + 1e-5).sqrt();
    assert!((r.scale as f64 - want).abs() < 1e-6);
    assert_eq!(r.weight.len(), 3);
    assert!((r.folded_weight[2] - r.scale * r.weight[2]).abs() < 1e-6);
    assert_eq!((view.layers_before, view.layers_after, view.images), (4, 3, test.len()));
    assert!(view.largest_difference.is_some_and(|d| d < 2e-5));
    for script in [Lang::En, Lang::ZhHant, Lang::ZhHans] {
        let html = fold_html(&view, script);
        assert!(html.contains("<table class=\"fold\" role=\"table\">") && html.contains("4 → 3"), "{html}");
    }
    assert!(fold_html(&view, Lang::En).contains("one layer fewer at inference"));
    // The Linear's bias is b₀ (lesson 10's name): b is BatchNorm's own shift in the panel's
    // title, "y = a·x + b", and the column "b" read as that.
    for script in [Lang::En, Lang::ZhHant, Lang::ZhHans] {
        let html = fold_html(&view, script);
        assert!(html.contains(">b₀</th>") && html.contains("(b₀ − running_mean) + β</p>"), "{html}");
        assert!(!html.contains(">b</th>") && !html.contains("(b −"), "{html}");
    }
    // A number in scientific notation stays on one line ("-6.588e-⏎4" at 1280 px).
    let tiny = with_tiny_beta(&view);
    assert!(
        fold_html(&tiny, Lang::En).contains("<span class=\"nobr\">-6.588e-4</span>"),
        "{}",
        fold_html(&tiny, Lang::En)
    );
    assert!(fold_html(&view, Lang::ZhHans).contains("推理时少一层"));
    // No images: no difference, and no panic on a ragged batch.
    assert_eq!(fold_view(&model, &[], &[0], 3).unwrap().largest_difference, None);
    assert_eq!(fold_view(&model, &[0.5; 65], &[0], 3).unwrap().largest_difference, None);
}

/// The view with unit 0's β at -6.588e-4, as the reviewer's row showed it.
fn with_tiny_beta(view: &batchnorm_playground::core::fold::FoldView) -> batchnorm_playground::core::fold::FoldView {
    let mut view = view.clone();
    view.rows[0].beta = -6.588e-4;
    view
}
