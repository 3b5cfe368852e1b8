//! Every BatchNorm1d reference case computed by PyTorch, one line each.
//!
//! Reads every `*.json` of `$BN_GOLDEN_DIR` when set, else of `tests/golden/`:
//! `BN_GOLDEN_DIR=some/folder cargo test --test pytorch_parity -- --nocapture`
#![cfg(not(target_arch = "wasm32"))]

mod support;

#[test]
fn every_case_matches_pytorch() {
    support::folder::run_every_case("BN_GOLDEN_DIR", "tests/golden", support::golden::run_bn);
}
