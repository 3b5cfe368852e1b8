//! Every BatchNorm1d reference case computed by PyTorch, one line each.
//!
//! Reads every `*.json` of `$BN_GOLDEN_DIR` when set, else of `tests/golden/`:
//! `BN_GOLDEN_DIR=some/folder cargo test --test pytorch_parity -- --nocapture`
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::PathBuf;

fn golden_dir() -> PathBuf {
    match std::env::var_os("BN_GOLDEN_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden"),
    }
}

#[test]
fn every_case_matches_pytorch() {
    let dir = golden_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no *.json case in {}", dir.display());

    let mut failed = 0;
    for path in &files {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let outcome = match std::fs::read_to_string(path) {
            Ok(text) => support::golden::run_bn_case(&text, &stem),
            Err(e) => support::golden::Outcome { name: stem, failure: Some(format!("cannot read: {e}")) },
        };
        println!("{}", outcome.line());
        failed += outcome.failure.is_some() as usize;
    }
    println!("{} passed, {failed} failed", files.len() - failed);
    assert_eq!(failed, 0, "{failed} of {} cases differ from PyTorch", files.len());
}
