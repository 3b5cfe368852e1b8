//! Properties of the layer for random configurations, shapes and data (proptest).
#![cfg(not(target_arch = "wasm32"))]

use batchnorm_playground::core::{BatchNorm1d, BatchNormConfig, BnError};
use proptest::prelude::*;

/// Any config, including ones the layer must refuse.
fn any_config() -> impl Strategy<Value = BatchNormConfig> {
    let eps = prop_oneof![1e-8f64..1.0, Just(0.0), Just(-1e-5), Just(f64::NAN), Just(f64::INFINITY)];
    let momentum = prop_oneof![(0.0f64..=1.0).prop_map(Some), Just(None), Just(Some(f64::NAN))];
    (0usize..6, eps, momentum, any::<bool>(), any::<bool>()).prop_map(|(c, eps, momentum, affine, track)| {
        BatchNormConfig { num_features: c, eps, momentum, affine, track_running_stats: track }
    })
}

/// A valid config with C features.
fn valid_config(c: usize) -> impl Strategy<Value = BatchNormConfig> {
    (1e-6f64..1e-1, prop_oneof![(0.0f64..=1.0).prop_map(Some), Just(None)], any::<bool>(), any::<bool>()).prop_map(
        move |(eps, momentum, affine, track)| BatchNormConfig {
            num_features: c,
            eps,
            momentum,
            affine,
            track_running_stats: track,
        },
    )
}

fn any_value() -> impl Strategy<Value = f32> {
    prop_oneof![20 => -1e3f32..1e3, 1 => Just(f32::NAN), 1 => Just(f32::INFINITY), 1 => Just(0.0)]
}

/// A layer with non-default γ, β and running stats, so that every part of the state is exercised.
fn layer(config: BatchNormConfig, seed: f32) -> BatchNorm1d {
    let c = config.num_features;
    let mut bn = BatchNorm1d::new(config).expect("valid config");
    let w: Vec<f32> = (0..c).map(|i| 0.5 + (i as f32 * 0.37 + seed).fract()).collect();
    let b: Vec<f32> = (0..c).map(|i| (i as f32 * 0.61 - seed).sin()).collect();
    let _ = bn.set_affine(&w, &b);
    let rm: Vec<f32> = (0..c).map(|i| (i as f32 + seed).cos()).collect();
    let rv: Vec<f32> = (0..c).map(|i| 0.5 + (i as f32 * 0.3 + seed).fract()).collect();
    let _ = bn.set_running(&rm, &rv, 3);
    bn
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn nothing_panics(
        config in any_config(),
        dims in prop::collection::vec(0usize..5, 0..5),
        data in prop::collection::vec(any_value(), 0..80),
        grad in prop::collection::vec(any_value(), 0..80),
        training in any::<bool>(),
    ) {
        if let Ok(mut bn) = BatchNorm1d::new(config) {
            bn.set_training(training);
            if let Ok(trace) = bn.forward(&data, &dims) {
                let _ = trace.backward(&data, &grad);
                let _ = trace.backward(&data, &vec![1.0; trace.output.len()]);
                let _ = trace.backward(&grad, &grad);
            }
        }
    }

    #[test]
    fn train_mode_output_has_mean_zero_and_squeezed_variance(
        c in 1usize..5, n in 2usize..12, l in 1usize..4, three_d in any::<bool>(),
        config_seed in valid_config(1), data in prop::collection::vec(-50f32..50.0, 12 * 5 * 4),
    ) {
        let l = if three_d { l } else { 1 };
        let config = BatchNormConfig { num_features: c, affine: false, ..config_seed };
        let eps = config.eps;
        let mut bn = BatchNorm1d::new(config).unwrap();
        let x = &data[..n * c * l];
        let dims = if three_d { vec![n, c, l] } else { vec![n, c] };
        let trace = bn.forward(x, &dims).unwrap();
        let batch = trace.batch.as_ref().unwrap();
        for f in 0..c {
            let ys: Vec<f64> = trace.shape.feature_indices(f).map(|i| trace.output[i] as f64).collect();
            let m = ys.len() as f64;
            let mean = ys.iter().sum::<f64>() / m;
            let var = ys.iter().map(|y| (y - mean).powi(2)).sum::<f64>() / m;
            let s2 = batch.biased_var[f] as f64;
            prop_assert!(mean.abs() < 1e-4, "feature {f}: mean {mean}");
            prop_assert!((var - s2 / (s2 + eps)).abs() < 1e-4, "feature {f}: var {var} vs {}", s2 / (s2 + eps));
        }
    }

    #[test]
    fn eval_mode_is_elementwise_affine(
        config in valid_config(3), n in 1usize..6, seed in 0f32..1.0,
        data in prop::collection::vec(-10f32..10.0, 18),
    ) {
        let config = BatchNormConfig { track_running_stats: true, ..config };
        let mut bn = layer(config.clone(), seed);
        bn.set_training(false);
        let before = bn.clone();
        let x = &data[..n * 3];
        let trace = bn.forward(x, &[n, 3]).unwrap();
        prop_assert_eq!(&bn, &before, "eval mode changed the layer");
        let r = bn.running().unwrap();
        for (i, &xi) in x.iter().enumerate() {
            let c = i % 3;
            let (g, b) = bn.affine().map_or((1.0, 0.0), |a| (a.weight[c] as f64, a.bias[c] as f64));
            let want = g * (xi as f64 - r.mean[c] as f64) / (r.var[c] as f64 + config.eps).sqrt() + b;
            prop_assert!((trace.output[i] as f64 - want).abs() <= 1e-5 * (1.0 + want.abs()), "{} vs {want}", trace.output[i]);
        }
    }

    #[test]
    fn a_refused_call_changes_nothing_but_pytorchs_count(
        config in valid_config(3), seed in 0f32..1.0, training in any::<bool>(),
        bad in prop_oneof![
            Just((vec![1usize, 3], 3usize)),     // one value per feature
            Just((vec![1, 3, 1], 3)),           // the same, (N, C, L)
            Just((vec![4, 2], 8)),              // wrong feature count
            Just((vec![12], 12)),               // 1D
            Just((vec![2, 3, 2, 1], 12)),       // 4D
            Just((vec![4, 3], 11)),             // data of the wrong length
        ],
    ) {
        let mut bn = layer(config, seed);
        bn.set_training(training);
        let before = bn.clone();
        let (dims, len) = bad;
        let data: Vec<f32> = (0..len).map(|i| i as f32).collect();
        let result = bn.forward(&data, &dims);
        // Without running stats and without affine, PyTorch takes any C; eval with running
        // stats takes a batch of one. Those are not refusals.
        if result.is_ok() {
            let one_value = dims.len() >= 2 && dims[0] * dims.get(2).copied().unwrap_or(1) == 1;
            let wrong_c = dims.len() >= 2 && dims[1] != 3;
            prop_assert!(
                (one_value && !training && bn.running().is_some())
                    || (wrong_c && bn.running().is_none() && bn.affine().is_none()),
                "{dims:?} was accepted"
            );
            return Ok(());
        }
        let pytorch_counts = training && matches!(dims.len(), 2 | 3) && dims.iter().product::<usize>() == len;
        let mut expected = before.clone();
        if let (true, Some(r)) = (pytorch_counts, before.running()) {
            expected.set_running(&r.mean, &r.var, r.num_batches_tracked + 1).unwrap();
        }
        prop_assert_eq!(bn, expected);
    }
}

// PyTorch's semantics at the edges, one example each.

#[test]
fn eval_without_running_stats_still_needs_two_values() {
    let config = BatchNormConfig { track_running_stats: false, ..BatchNormConfig::new(2) };
    let mut bn = BatchNorm1d::new(config).unwrap();
    bn.set_training(false);
    let err = bn.forward(&[1.0, 2.0], &[1, 2]).unwrap_err();
    assert!(matches!(err, BnError::OneValuePerFeature { .. }));
    assert_eq!(
        err.pytorch_message().unwrap(),
        "ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 2])"
    );
}

#[test]
fn eval_with_running_stats_takes_a_batch_of_one() {
    let mut bn = BatchNorm1d::new(BatchNormConfig::new(2)).unwrap();
    bn.set_training(false);
    let trace = bn.forward(&[1.0, 2.0], &[1, 2]).unwrap();
    // running_mean = 0, running_var = 1: y ≈ x / √(1 + eps).
    assert!((trace.output[1] - 2.0 / (1.0f32 + 1e-5).sqrt()).abs() < 1e-6);
}

#[test]
fn nan_input_propagates_like_pytorch() {
    let mut bn = BatchNorm1d::new(BatchNormConfig::new(2)).unwrap();
    let trace = bn.forward(&[f32::NAN, 1.0, 2.0, 3.0], &[2, 2]).unwrap();
    assert!(trace.output[0].is_nan() && trace.output[2].is_nan());
    assert!(trace.output[1].is_finite());
}

#[test]
fn empty_batch_returns_empty_output_and_counts() {
    let mut bn = BatchNorm1d::new(BatchNormConfig::new(2)).unwrap();
    let trace = bn.forward(&[], &[0, 2]).unwrap();
    assert!(trace.output.is_empty());
    let r = bn.running().unwrap();
    assert_eq!((r.num_batches_tracked, r.mean.clone(), r.var.clone()), (1, vec![0.0; 2], vec![1.0; 2]));
}

#[test]
fn wrong_feature_count_names_the_tensor_pytorch_checks() {
    let mut bn = BatchNorm1d::new(BatchNormConfig::new(4)).unwrap();
    let err = bn.forward(&[0.0; 10], &[2, 5]).unwrap_err();
    assert_eq!(err.pytorch_message().unwrap(), "RuntimeError: running_mean should contain 5 elements not 4");
    let config = BatchNormConfig { track_running_stats: false, ..BatchNormConfig::new(4) };
    let err = BatchNorm1d::new(config).unwrap().forward(&[0.0; 10], &[2, 5]).unwrap_err();
    assert_eq!(err.pytorch_message().unwrap(), "RuntimeError: weight should contain 5 elements not 4");
}

#[test]
fn bad_settings_are_refused_with_a_reason() {
    // eps = 0, as in PyTorch: refused with batch statistics (after counting), fine in eval.
    let mut bn = BatchNorm1d::new(BatchNormConfig { eps: 0.0, ..BatchNormConfig::new(2) }).unwrap();
    assert_eq!(bn.forward(&[1.0, 2.0, 3.0, 4.0], &[2, 2]).unwrap_err(), BnError::EpsNotPositiveWithBatchStats(0.0));
    assert_eq!(bn.running().unwrap().num_batches_tracked, 1);
    bn.set_training(false);
    assert_eq!(bn.forward(&[1.0, 2.0], &[1, 2]).unwrap().output, vec![1.0, 2.0]);
    assert!(matches!(BatchNorm1d::new(BatchNormConfig::new(0)), Err(BnError::NoFeatures)));
    let mut bn = BatchNorm1d::new(BatchNormConfig::new(2)).unwrap();
    let before = bn.clone();
    assert!(bn.set_feature_affine(0, f32::NAN, 0.0).is_err());
    assert!(bn.set_feature_affine(2, 1.0, 0.0).is_err());
    assert!(bn.set_affine(&[1.0], &[0.0, 0.0]).is_err());
    assert_eq!(bn, before);
}

/// Every eps and momentum builds, as in PyTorch (torch 2.15); eps is checked when the layer
/// runs: ≤ 0 with batch statistics, < 0 with running statistics; NaN and ∞ run.
#[test]
fn any_eps_and_momentum_build_and_eps_is_checked_as_pytorch_runs() {
    let x = [1.0, 2.0, 3.0, 5.0];
    let with = |eps: f64, momentum: Option<f64>, training: bool| {
        let mut bn = BatchNorm1d::new(BatchNormConfig { eps, momentum, ..BatchNormConfig::new(2) }).unwrap();
        bn.set_training(training);
        let before = bn.clone();
        (bn.forward(&x, &[2, 2]), bn, before)
    };
    for eps in [-1e-5, -1.0, -0.0, f64::NEG_INFINITY] {
        let (result, after, before) = with(eps, Some(0.1), true);
        assert_eq!(result.unwrap_err(), BnError::EpsNotPositiveWithBatchStats(eps));
        assert_eq!(after.running().unwrap().num_batches_tracked, 1, "counted first, as PyTorch does");
        assert_eq!(after.running().unwrap().mean, before.running().unwrap().mean);
        let (result, after, before) = with(eps, Some(0.1), false);
        if eps == 0.0 {
            assert!(result.is_ok(), "-0.0 is not negative");
        } else {
            assert_eq!(result.unwrap_err(), BnError::NegativeEpsWithRunningStats(eps));
            assert_eq!(after, before);
        }
    }
    for training in [true, false] {
        let (nan, _, _) = with(f64::NAN, Some(0.1), training);
        assert!(nan.unwrap().output.iter().all(|y| y.is_nan()));
        let (inf, _, _) = with(f64::INFINITY, Some(0.1), training);
        assert_eq!(inf.unwrap().output, vec![0.0; 4], "x̂ = 0: y = β");
    }
    for momentum in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let (result, after, _) = with(1e-5, Some(momentum), true);
        assert!(result.unwrap().output.iter().all(|y| y.is_finite()));
        let running = after.running().unwrap();
        assert!(running.mean.iter().chain(&running.var).all(|v| v.is_nan()), "{momentum}");
    }
}

#[test]
fn an_empty_batch_with_a_huge_feature_axis_does_not_allocate_for_it() {
    let mut bn = BatchNorm1d::new(BatchNormConfig::new(3)).unwrap();
    let trace = bn.forward(&[], &[0, usize::MAX, usize::MAX]).unwrap();
    assert!(trace.output.is_empty() && trace.mean.is_empty());
    let grads = trace.backward(&[], &[]).unwrap();
    assert!(grads.grad_input.is_empty());
    assert_eq!(grads.grad_weight, Some(vec![0.0; 3]));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The fast kernel (one shifted pass, reused buffers) computes what the plain two-pass
    /// reference computes: x̂, y, and — through the one shared backward — the gradients.
    #[test]
    fn the_fast_kernel_agrees_with_the_plain_reference(
        (n, c, l) in (2usize..9, 1usize..6, prop_oneof![Just(0usize), 1usize..4]),
        seed in 0.0f32..1.0,
        eps in 1e-6f64..1e-1,
        values in prop::collection::vec(-50.0f32..50.0, 8 * 5 * 3),
        grads in prop::collection::vec(-2.0f32..2.0, 8 * 5 * 3),
    ) {
        let dims: Vec<usize> = if l == 0 { vec![n, c] } else { vec![n, c, l] };
        let len = n * c * l.max(1);
        let (x, g) = (&values[..len], &grads[..len]);
        let mut bn = layer(BatchNormConfig { eps, ..BatchNormConfig::new(c) }, seed);
        let fast = bn.forward(x, &dims).expect("a valid batch");
        let affine = bn.affine().cloned();
        let reference = batchnorm_playground::core::norms::batchnorm_reference(
            x,
            &dims,
            eps,
            affine.as_ref().map(|a| &a.weight[..]),
            affine.as_ref().map(|a| &a.bias[..]),
        )
        .expect("a valid batch");
        let close = |a: f32, b: f32| (a - b).abs() <= 1e-4 * (1.0 + b.abs());
        for i in 0..len {
            let x_hat = fast.x_hat_at(x, i).expect("in the batch");
            prop_assert!(close(x_hat, reference.x_hat[i]), "x̂[{i}]: {} vs {}", x_hat, reference.x_hat[i]);
            prop_assert!(close(fast.output[i], reference.output[i]), "y[{i}]");
        }
        let (a, b) = (fast.backward(x, g).expect("backward"), reference.backward(g).expect("backward"));
        for i in 0..len {
            prop_assert!(close(a.grad_input[i], b.grad_input[i]), "∂L/∂x[{i}]: {} vs {}", a.grad_input[i], b.grad_input[i]);
        }
        prop_assert_eq!(a.grad_weight.is_some(), b.grad_weight.is_some());
    }
}
