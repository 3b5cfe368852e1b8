//! What the Train view's paper presets measure on the real digits, natively (the page runs the
//! same code): `cargo run --release --example papers`. Prints each caption and the timings.
use batchnorm_playground::csv::parse_digits_csv;
use batchnorm_playground::export;
use batchnorm_playground::i18n::Lang;
use batchnorm_playground::papers;
use batchnorm_playground::trainer::{NormChoice, TrainSettings, TrainState};
use std::time::Instant;

fn main() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/data/digits.csv");
    let digits = parse_digits_csv(&std::fs::read_to_string(path).expect("digits")).expect("parse");
    for (preset, steps) in [("tutorial", 300u64), ("fig1", 500), ("santurkar", 500)] {
        let settings = TrainSettings::preset(preset, 1).expect("preset");
        let mut train = TrainState { batch_sweep_epochs: 2, settings, ..TrainState::default() };
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
    // The exports, checked in PyTorch: with `BN_EXPORT_DIR=dir`, each network's state_dict, the
    // snippet the page shows, 8 test digits and model A's eval logits for them.
    if let Ok(dir) = std::env::var("BN_EXPORT_DIR") {
        let dir = std::path::Path::new(&dir);
        std::fs::create_dir_all(dir).expect("dir");
        for (name, settings) in [
            ("fig1", TrainSettings::preset("fig1", 1).expect("preset")),
            ("wuhe", TrainSettings::preset("wuhe", 1).expect("preset")),
            (
                "ln_tanh",
                TrainSettings {
                    norms: [NormChoice::LayerNorm, NormChoice::None],
                    activation: batchnorm_playground::core::net::Activation::Tanh,
                    depth: 2,
                    width: 32,
                    ..TrainSettings::default()
                },
            ),
        ] {
            let sub = dir.join(name);
            std::fs::create_dir_all(&sub).expect("dir");
            let mut train = TrainState { settings, ..TrainState::default() };
            train.load(digits.clone()).expect("load");
            for _ in 0..30 {
                train.step().expect("step");
            }
            let trainer = train.trainer.as_ref().expect("trainer");
            let model = trainer.model(0);
            std::fs::write(sub.join(export::MODEL_A_FILE), export::net_json(model)).expect("write");
            std::fs::write(sub.join(export::MODEL_B_FILE), export::net_json(trainer.model(1))).expect("write");
            let snippet = export::train_snippet([model.spec(), trainer.model(1).spec()], Lang::En);
            std::fs::write(sub.join("snippet.py"), snippet).expect("write");
            let test = trainer.test_digits();
            let (x, _) = test.batch(&(0..8).collect::<Vec<_>>()).expect("batch");
            let logits = model.clone().eval_logits(&x).expect("logits");
            let rows = |v: &[f32], w: usize| {
                v.chunks(w)
                    .map(|r| r.iter().map(|f| format!("{f}")).collect::<Vec<_>>().join(","))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            std::fs::write(sub.join("x.csv"), rows(&x, 64)).expect("write");
            std::fs::write(sub.join("logits.csv"), rows(&logits, 10)).expect("write");
        }
    }
    let settings = TrainSettings::preset("wuhe", 1).expect("preset");
    let mut train = TrainState { batch_sweep_epochs: 2, settings, ..TrainState::default() };
    train.load(digits).expect("load");
    train.start_batch_sweep().expect("sweep");
    let start = Instant::now();
    while train.advance_batch_sweep(64).expect("advance") == Some(true) {}
    println!("== wuhe sweep in {:.2} s", start.elapsed().as_secs_f64());
    println!("{:?}", train.batch_sweep.as_ref().map(|s| s.results().to_vec()));
    println!("wuhe: {}", papers::wuhe_caption(&train, Lang::En));
}
