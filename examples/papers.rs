//! What the Train view's paper presets measure on the real digits, natively (the page runs the
//! same code): `cargo run --release --example papers`. Prints each caption and the timings.
use batchnorm_playground::core::mlp::parse_digits_csv;
use batchnorm_playground::i18n::Lang;
use batchnorm_playground::papers;
use batchnorm_playground::trainer::{TrainSettings, TrainState};
use std::time::Instant;

fn main() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/data/digits.csv");
    let digits = parse_digits_csv(&std::fs::read_to_string(path).expect("digits")).expect("parse");
    for (preset, steps) in [("tutorial", 300u64), ("fig1", 500), ("santurkar", 500)] {
        let mut train = TrainState { batch_sweep_epochs: 2, ..TrainState::default() };
        train.settings = TrainSettings::preset(preset, 1).expect("preset");
        train.load(digits.clone()).expect("load");
        let start = Instant::now();
        for _ in 0..steps {
            train.step().expect("step");
        }
        let secs = start.elapsed().as_secs_f64();
        println!("== {preset}: {steps} steps in {secs:.2} s ({:.0} pairs/s)", steps as f64 / secs);
        println!("fig1: {}", papers::fig1_caption(&train, Lang::En));
        if preset == "santurkar" {
            println!("santurkar: {}", papers::landscape_caption(&train, Lang::En));
        }
    }
    let mut train = TrainState { batch_sweep_epochs: 2, ..TrainState::default() };
    train.settings = TrainSettings::preset("wuhe", 1).expect("preset");
    train.load(digits).expect("load");
    train.start_batch_sweep().expect("sweep");
    let start = Instant::now();
    while train.advance_batch_sweep(64).expect("advance") == Some(true) {}
    println!("== wuhe sweep in {:.2} s", start.elapsed().as_secs_f64());
    println!("{:?}", train.batch_sweep.as_ref().map(|s| s.results().to_vec()));
    println!("wuhe: {}", papers::wuhe_caption(&train, Lang::En));
}
