//! Running every reference case of a folder, one line each: what the three parity tests share.

use super::golden::{run_case_text, Outcome};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The `*.json` files of `dir`, sorted.
pub fn case_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// Runs every `*.json` case of `$env_var` when set, else of `default_dir` (relative to the
/// crate), printing `case <name>: ok` or `case <name>: FAILED <what differed>` for each and
/// `N passed, M failed` at the end; fails when the folder has no case or any case failed.
pub fn run_every_case(env_var: &str, default_dir: &str, run: impl Fn(&Value) -> Result<(), String> + Copy) {
    let dir = match std::env::var_os(env_var) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(default_dir),
    };
    let files = case_files(&dir);
    assert!(!files.is_empty(), "no *.json case in {}", dir.display());

    let mut failed = 0;
    for path in &files {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let outcome = match std::fs::read_to_string(path) {
            Ok(text) => run_case_text(&text, &stem, run),
            Err(e) => Outcome { name: stem, failure: Some(format!("cannot read: {e}")) },
        };
        println!("{}", outcome.line());
        failed += outcome.failure.is_some() as usize;
    }
    println!("{} passed, {failed} failed", files.len() - failed);
    assert_eq!(failed, 0, "{failed} of {} cases differ from PyTorch", files.len());
}
