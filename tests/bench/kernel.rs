//! Native benchmarks (not a test): `cargo bench --bench kernel`.
//!
//! Prints `bench <name> <median> <unit> min=… max=… samples=… iters=…` lines; `.ci/bench`
//! collects them with PyTorch's (`tests/bench/pytorch_bench.py`, same rules) and the browser's.
//! The rules: `std::time::Instant`, a warm-up first, then every sample runs the work as many
//! times as it takes to last at least 20 ms, and the median, min and max over the samples are
//! reported.

use batchnorm_playground::core::net::{self, Activation, Net, NetSpec, Norm};
use batchnorm_playground::core::{BatchNorm1d, BatchNormConfig, DataSpec, Generator};
use batchnorm_playground::csv::parse_digits_csv;
use batchnorm_playground::trainer::{TrainSettings, Trainer};
use std::hint::black_box;
use std::time::{Duration, Instant};

const MIN_SAMPLE: Duration = Duration::from_millis(20);
const WARM_UP: Duration = Duration::from_millis(200);
const SAMPLES: usize = 21;

/// Seconds per call of `run` over the samples.
struct Figure {
    median: f64,
    min: f64,
    max: f64,
    samples: usize,
    iters: usize,
}

fn measure(mut run: impl FnMut()) -> Figure {
    let start = Instant::now();
    let mut calls = 0;
    while calls < 3 || start.elapsed() < WARM_UP {
        run();
        calls += 1;
    }
    // Calls per sample: enough for MIN_SAMPLE.
    let mut iters = 1usize;
    loop {
        let start = Instant::now();
        for _ in 0..iters {
            run();
        }
        let elapsed = start.elapsed().as_secs_f64();
        if elapsed >= MIN_SAMPLE.as_secs_f64() {
            break;
        }
        let wanted = (iters as f64 * 1.2 * MIN_SAMPLE.as_secs_f64() / elapsed.max(1e-9)).ceil() as usize;
        iters = wanted.max(iters * 2);
    }
    let mut times: Vec<f64> = (0..SAMPLES)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iters {
                run();
            }
            start.elapsed().as_secs_f64() / iters as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    Figure { median: times[SAMPLES / 2], min: times[0], max: times[SAMPLES - 1], samples: SAMPLES, iters }
}

fn say(name: &str, [value, low, high]: [f64; 3], unit: &str, figure: &Figure, digits: usize) {
    println!(
        "bench {name} {value:.digits$} {unit} min={low:.digits$} max={high:.digits$} samples={} iters={}",
        figure.samples, figure.iters
    );
}

/// A time per call, scaled (e.g. to ns per value).
fn say_time(name: &str, figure: &Figure, scale: f64, unit: &str) {
    say(name, [figure.median, figure.min, figure.max].map(|t| t * scale), unit, figure, 3);
}

/// A rate: calls per second (the fastest sample is the max).
fn say_rate(name: &str, figure: &Figure, unit: &str) {
    say(name, [figure.median, figure.max, figure.min].map(|t| 1.0 / t), unit, figure, 1);
}

fn main() {
    // The kernel: train-mode forward with the running-stat update, and eval mode, N=4096, C=128.
    let (n, c) = (4096, 128);
    let x = Generator::new(DataSpec::new(c, 1)).batch(0, n, 1);
    let dims = [n, c];
    let mut bn = BatchNorm1d::new(BatchNormConfig::new(c)).expect("valid");
    // The trace's buffers are reused, as the page reuses them from step to step.
    let mut trace = Default::default();
    let per_value = 1e9 / (n * c) as f64;
    let train = measure(|| {
        bn.forward_into(black_box(&x), &dims, &mut trace).expect("forward");
        black_box(&trace);
    });
    say_time("kernel_native_ns_per_value", &train, per_value, "ns");
    bn.set_training(false);
    let eval = measure(|| {
        bn.forward_into(black_box(&x), &dims, &mut trace).expect("forward");
        black_box(&trace);
    });
    say_time("kernel_eval_native_ns_per_value", &eval, per_value, "ns");
    // Eval mode's output alone (`BatchNorm1d::eval_output_into`, what a network's eval pass runs
    // and all PyTorch's eval computes): y, without the trace's x̂ and batch statistics.
    let mut y = Vec::new();
    let eval_output = measure(|| {
        bn.eval_output_into(black_box(&x), &dims, &mut y).expect("eval mode").expect("forward");
        black_box(&y);
    });
    say_time("kernel_eval_output_native_ns_per_value", &eval_output, per_value, "ns");

    // The Train view's step, exactly what the page's `train_steps_per_second` times
    // (`App::bench_train`): `Trainer::step` with the default settings and batch 64 — both models
    // (with and without BatchNorm1d(128)) one SGD step each on the same mini-batch, the
    // percentiles, and the test accuracy every 10 steps. One pair per call.
    let digits = parse_digits_csv(include_str!("../../www/data/digits.csv")).expect("digits");
    let settings = TrainSettings { batch_size: 64, ..TrainSettings::default() };
    let mut trainer = Trainer::new(&digits, settings.clone()).expect("trainer");
    let steps = measure(|| {
        // History is capped at 5000 records; a fresh trainer keeps every sample's work the same.
        if trainer.steps() >= 4000 {
            trainer = Trainer::new(&digits, settings.clone()).expect("trainer");
        }
        trainer.step().expect("step");
    });
    say_rate("train_steps_per_second_native", &steps, "pairs/s");

    // Ioffe & Szegedy's Fig. 1: 64 → 100 → 100 → 100 → 10 sigmoid, with and without BatchNorm1d,
    // one SGD step each on a batch of 60 digits (a new batch each pair), timed by the same rules.
    let fig1 = |norm| NetSpec::mlp(64, &[100, 100, 100], 10, Activation::Sigmoid, norm).expect("spec");
    let mut nets = [Net::new(fig1(Norm::BatchNorm), 1).expect("net"), Net::new(fig1(Norm::None), 1).expect("net")];
    let mut sgds = [net::Sgd::new(0.5, 0.0).expect("sgd"), net::Sgd::new(0.5, 0.0).expect("sgd")];
    let batches: Vec<(Vec<f32>, Vec<usize>)> = (0..digits.len() / 60)
        .map(|b| digits.batch(&(b * 60..(b + 1) * 60).collect::<Vec<_>>()).expect("batch"))
        .collect();
    let mut pair = |k: usize| {
        let (x, y) = &batches[k % batches.len()];
        for (net, sgd) in nets.iter_mut().zip(sgds.iter_mut()) {
            black_box(net.train_step(x, y, sgd).expect("step"));
        }
    };
    let mut k = 0;
    let fig1_pairs = measure(|| {
        pair(k);
        k += 1;
    });
    say_rate("net_fig1_steps_per_second_native", &fig1_pairs, "pairs/s");
}
