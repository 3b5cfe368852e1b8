//! Properties of any small network for random shapes, norms, batches and optimizers (proptest).
#![cfg(not(target_arch = "wasm32"))]

use batchnorm_playground::core::net::{Activation, LayerSpec, Net, NetSpec, NetState, Norm, Sgd, StateValue};
use batchnorm_playground::core::BnError;
use proptest::prelude::*;

/// Any allowed network: 1–6 hidden layers of 1–8 units (one width, so any GroupNorm's groups can
/// divide it), any activation and norm, BatchNorm1d with momentum 0.1 or None.
fn any_spec() -> impl Strategy<Value = NetSpec> {
    let norm = prop_oneof![Just(0usize), Just(1), Just(2), Just(3)];
    (1usize..=6, 1usize..=8, 1usize..=6, 1usize..=5, 0usize..3, norm, any::<bool>(), 0usize..8).prop_map(
        |(depth, width, inputs, classes, activation, norm, cumulative, group_pick)| {
            let divisors: Vec<usize> = (1..=width).filter(|g| width % g == 0).collect();
            let norm = match norm {
                0 => Norm::None,
                1 => Norm::BatchNorm,
                2 => Norm::LayerNorm,
                _ => Norm::GroupNorm { groups: divisors[group_pick % divisors.len()] },
            };
            let spec = NetSpec::mlp(inputs, &vec![width; depth], classes, Activation::ALL[activation], norm)
                .expect("an allowed network");
            spec.with_norm_settings(1e-5, if cumulative { None } else { Some(0.1) }).expect("valid settings")
        },
    )
}

/// A batch of 1–8 rows for `spec`, values in ±3, labels that are classes.
fn batch_for(spec: &NetSpec, n: usize, seed: u32) -> (Vec<f32>, Vec<usize>) {
    let x = (0..n * spec.inputs()).map(|i| (i as f32 * 0.618 + seed as f32 * 0.1).sin() * 3.0).collect();
    let y = (0..n).map(|i| (i + seed as usize) % spec.outputs()).collect();
    (x, y)
}

fn has_batchnorm(spec: &NetSpec) -> bool {
    spec.layers.iter().any(|l| matches!(l, LayerSpec::BatchNorm1d { .. }))
}

/// Every `*.num_batches_tracked` of a state_dict, in order.
fn counts(state: &NetState) -> Vec<u64> {
    state.entries.iter().filter_map(|(_, v)| if let StateValue::Count(c) = v { Some(*c) } else { None }).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// A few steps never panic. PyTorch refuses one thing here: BatchNorm1d in training with a
    /// batch of one — then the first BatchNorm1d has counted the batch, and nothing else moved.
    #[test]
    fn any_network_trains_a_few_steps(
        spec in any_spec(),
        n in 1usize..=8,
        lr in 0.0f64..1.0,
        momentum in prop_oneof![Just(0.0f64), 0.1f64..0.95],
        seed in 0u64..1000,
    ) {
        let mut net = Net::new(spec.clone(), seed).unwrap();
        let mut sgd = Sgd::new(lr, momentum).unwrap();
        for step in 0..3u32 {
            let (x, y) = batch_for(&spec, n, step);
            let before = net.state_dict();
            match net.train_step(&x, &y, &mut sgd) {
                Ok(loss) => {
                    prop_assert!(!(n == 1 && has_batchnorm(&spec)), "PyTorch refuses a batch of one in BatchNorm1d");
                    prop_assert!(loss.is_finite(), "loss {loss}");
                    prop_assert_eq!(net.logits().len(), n * spec.outputs());
                }
                Err(e) => {
                    prop_assert!(n == 1 && has_batchnorm(&spec), "refused: {e:?}");
                    prop_assert!(matches!(e, BnError::OneValuePerFeature { .. }), "{e:?}");
                    let after = net.state_dict();
                    let (was, now) = (counts(&before), counts(&after));
                    prop_assert_eq!(now[0], was[0] + 1, "the first BatchNorm1d counts the refused batch");
                    prop_assert_eq!(&now[1..], &was[1..], "later ones are never reached");
                    for ((key, a), (_, b)) in before.entries.iter().zip(&after.entries) {
                        if !key.ends_with("num_batches_tracked") {
                            prop_assert_eq!(a, b, "{} moved", key);
                        }
                    }
                }
            }
            // Eval mode takes any batch, even of one.
            prop_assert_eq!(net.eval_logits(&x).unwrap().len(), n * spec.outputs());
        }
    }

    /// A probe changes nothing: parameters, running statistics, num_batches_tracked, momentum
    /// buffers. With η = 0 it finds the loss of the step and no change of gradient.
    #[test]
    fn a_probe_leaves_the_model_unchanged(
        spec in any_spec(),
        n in 2usize..=8,
        momentum in prop_oneof![Just(0.0f64), 0.5f64..0.95],
        seed in 0u64..1000,
    ) {
        let mut net = Net::new(spec.clone(), seed).unwrap();
        let mut sgd = Sgd::new(0.1, momentum).unwrap();
        let (x, y) = batch_for(&spec, n, 1);
        net.train_step(&x, &y, &mut sgd).unwrap();
        let (x, y) = batch_for(&spec, n, 2);
        let before = (net.state_dict(), sgd.clone(), net.gradients().iter().map(|g| g.to_vec()).collect::<Vec<_>>());

        let probe = net.probe(&x, &y, &[0.0, 0.05, 0.8]).unwrap();
        let after = (net.state_dict(), sgd.clone(), net.gradients().iter().map(|g| g.to_vec()).collect::<Vec<_>>());
        prop_assert_eq!(&before, &after);
        prop_assert_eq!(probe.loss.len(), 3);
        prop_assert_eq!(probe.loss[0], probe.loss_at_start as f64);
        prop_assert_eq!(probe.grad_change[0], 0.0);
        prop_assert!(probe.grad_norm >= 0.0);

        // The probe measured the step that follows: same loss.
        let loss = net.train_step(&x, &y, &mut sgd).unwrap();
        prop_assert_eq!(loss, probe.loss_at_start);
    }

    /// "Noisy BatchNorm" at strength 0 is plain BatchNorm, bit for bit, step after step; at any
    /// strength eval mode adds no noise, and the noise moves only what training moves.
    #[test]
    fn noise_zero_is_plain_batchnorm(
        spec in any_spec(),
        n in 2usize..=8,
        seed in 0u64..1000,
        strength in 0.05f32..2.0,
    ) {
        let mut plain = Net::new(spec.clone(), seed).unwrap();
        let mut zero = Net::new(spec.clone(), seed).unwrap();
        zero.set_bn_noise(0.0, seed + 1).unwrap();
        let mut noisy = Net::new(spec.clone(), seed).unwrap();
        noisy.set_bn_noise(strength, seed + 1).unwrap();
        let (mut a, mut b, mut c) = (Sgd::new(0.1, 0.0).unwrap(), Sgd::new(0.1, 0.0).unwrap(), Sgd::new(0.1, 0.0).unwrap());
        for step in 0..3u32 {
            let (x, y) = batch_for(&spec, n, step);
            let want = plain.train_step(&x, &y, &mut a).unwrap();
            let got = zero.train_step(&x, &y, &mut b).unwrap();
            prop_assert_eq!(want.to_bits(), got.to_bits());
            prop_assert_eq!(plain.logits(), zero.logits());
            noisy.train_step(&x, &y, &mut c).unwrap();
        }
        prop_assert_eq!(plain.state_dict(), zero.state_dict());
        let (x, _) = batch_for(&spec, n, 9);
        // Eval mode: no noise (same weights, same logits).
        let state = noisy.state_dict();
        let mut clean = Net::from_state_dict(spec.clone(), &state).unwrap();
        prop_assert_eq!(noisy.eval_logits(&x).unwrap(), clean.eval_logits(&x).unwrap());
        prop_assert!(noisy.set_bn_noise(f32::NAN, 0).is_err() && noisy.set_bn_noise(-1.0, 0).is_err());
    }

    /// Any input at all — a wrong length, NaN, ∞, labels past the classes, η of any size —
    /// gives an answer or an error, never a panic.
    #[test]
    fn odd_input_never_panics(
        spec in any_spec(),
        x in prop::collection::vec(prop_oneof![8 => -1e3f32..1e3, 1 => Just(f32::NAN), 1 => Just(f32::INFINITY)], 0..40),
        labels in prop::collection::vec(0usize..7, 0..9),
        lr in prop_oneof![0.0f64..10.0, Just(1e30), Just(-1.0), Just(f64::NAN)],
        eta in prop_oneof![-1e3f64..1e3, Just(f64::NAN)],
    ) {
        let mut net = Net::new(spec, 0).unwrap();
        let mut sgd = Sgd { lr, momentum: 0.9, buffers: Vec::new() };
        for _ in 0..2 {
            let _ = net.train_step(&x, &labels, &mut sgd);
        }
        let _ = net.probe(&x, &labels, &[eta, 0.1]);
        let _ = net.eval_logits(&x);
        let _ = net.forward(&x, true);
        let _ = net.accuracy(&x, &labels);
        let _ = net.unit_percentiles(0, 0, &[15.0, 50.0, 85.0]);
        let _ = net.pre_activations(9);
        let state = net.state_dict();
        let _ = net.load_state_dict(&state);
    }

    /// GroupNorm's groups must divide the width, with a message that says so.
    #[test]
    fn groups_that_do_not_divide_are_refused(width in 1usize..=16, groups in 0usize..=16) {
        let spec = NetSpec::mlp(4, &[width], 3, Activation::Relu, Norm::GroupNorm { groups });
        if groups > 0 && width % groups == 0 {
            prop_assert!(spec.is_ok());
        } else {
            prop_assert_eq!(spec.unwrap_err(), BnError::GroupsDoNotDivide { groups, channels: width });
        }
    }
}

/// GroupNorm normalizes each sample on its own: a batch of ONE trains (unlike BatchNorm1d).
#[test]
fn group_norm_trains_on_a_batch_of_one() {
    let spec = NetSpec::mlp(4, &[6, 6], 3, Activation::Tanh, Norm::GroupNorm { groups: 3 }).unwrap();
    let mut net = Net::new(spec.clone(), 1).unwrap();
    let mut sgd = Sgd::new(0.1, 0.9).unwrap();
    let (x, y) = batch_for(&spec, 1, 0);
    let first = net.train_step(&x, &y, &mut sgd).unwrap();
    for _ in 0..20 {
        net.train_step(&x, &y, &mut sgd).unwrap();
    }
    let last = net.train_step(&x, &y, &mut sgd).unwrap();
    assert!(last < first, "{first} → {last}");
}
