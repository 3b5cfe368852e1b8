//! The same numbers natively and in the browser: this file runs under `cargo test` and,
//! compiled to wasm, in headless Chromium under `wasm-pack test --headless --chrome`.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

use batchnorm_playground::core::{DataSpec, Distribution, Generator};
use support::golden::run_bn_case;

/// Runs an embedded PyTorch reference case and fails with its report line.
fn check(text: &str) {
    let outcome = run_bn_case(text, "embedded");
    assert!(outcome.failure.is_none(), "{}", outcome.line());
}

#[test]
fn seed_experiment() {
    check(include_str!("golden/seed_experiment.json"));
}

#[test]
fn fc_default_train_then_eval() {
    check(include_str!("golden/fc_default_train_then_eval.json"));
}

#[test]
fn batch_of_one() {
    check(include_str!("golden/batch_of_one.json"));
}

#[test]
fn input_3d_ncl() {
    check(include_str!("golden/input_3d_ncl.json"));
}

#[test]
fn momentum_none_cumulative() {
    check(include_str!("golden/momentum_none_cumulative.json"));
}

#[test]
fn no_running_stats() {
    check(include_str!("golden/no_running_stats.json"));
}

#[test]
fn constant_feature() {
    check(include_str!("golden/constant_feature.json"));
}

/// FNV-1a over the bits of every value: one number that changes if any bit does.
fn fingerprint(values: &[f32]) -> u64 {
    values.iter().fold(0xcbf2_9ce4_8422_2325, |h, v| (h ^ v.to_bits() as u64).wrapping_mul(0x0000_0100_0000_01b3))
}

/// Seeded data is bit-for-bit the same on every target (the fingerprints were taken natively).
#[test]
fn seeded_batches_are_the_same_everywhere() {
    let expected = [
        (Distribution::Normal, 0x_b0aa_b257_18f6_7a33_u64),
        (Distribution::Uniform, 0x_2ed6_c814_f538_d068_u64),
        (Distribution::Skewed, 0x_56f9_4dd5_bebc_c293_u64),
        (Distribution::Outliers, 0x_065b_e231_bad3_6679_u64),
    ];
    for (dist, want) in expected {
        let spec = DataSpec { distribution: dist, ..DataSpec::new(16, 42) };
        let g = Generator::new(spec);
        let mut all = g.batch(3, 64, 2);
        all.extend(g.true_mean());
        all.extend(g.true_var());
        let got = fingerprint(&all);
        assert_eq!(got, want, "{dist:?}: fingerprint {got:#x}");
    }
}
