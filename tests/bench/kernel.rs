//! Native benchmark of the BatchNorm1d kernel (not a test): `cargo bench --bench kernel`.
//! Prints `bench <name> <value> <unit>` lines; `.ci/bench` collects them with the browser's.

use batchnorm_playground::core::mlp::{parse_digits_csv, Mlp, Sgd};
use batchnorm_playground::core::net::{self, Activation, Net, NetSpec, Norm};
use batchnorm_playground::core::{BatchNorm1d, BatchNormConfig, DataSpec, Generator};
use std::hint::black_box;
use std::time::Instant;

/// Median nanoseconds per value of `run` over `reps` timed runs (after 3 warm-up runs).
fn median_ns_per_value(values: usize, reps: usize, mut run: impl FnMut()) -> f64 {
    for _ in 0..3 {
        run();
    }
    let mut times: Vec<f64> = (0..reps)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_nanos() as f64 / values as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[reps / 2]
}

fn main() {
    let (n, c) = (4096, 128);
    let x = Generator::new(DataSpec::new(c, 1)).batch(0, n, 1);
    let dims = [n, c];
    let mut bn = BatchNorm1d::new(BatchNormConfig::new(c)).expect("valid");
    // The trace's buffers are reused, as the page reuses them from step to step.
    let mut trace = Default::default();
    let train = median_ns_per_value(n * c, 101, || {
        bn.forward_into(black_box(&x), &dims, &mut trace).expect("forward");
        black_box(&trace);
    });
    println!("bench kernel_native_ns_per_value {train:.3} ns");
    bn.set_training(false);
    let eval = median_ns_per_value(n * c, 101, || {
        bn.forward_into(black_box(&x), &dims, &mut trace).expect("forward");
        black_box(&trace);
    });
    println!("bench kernel_eval_native_ns_per_value {eval:.3} ns");

    // The Train view's step: both models, one SGD step each on a batch of 64 digits.
    let digits = parse_digits_csv(include_str!("../../www/data/digits.csv")).expect("digits");
    let (x, y) = digits.batch(&(0..64).collect::<Vec<_>>()).expect("batch");
    let mut models = [Mlp::init(1, true).expect("model"), Mlp::init(1, false).expect("model")];
    let mut sgd = [Sgd::new(0.01, 0.9).expect("sgd"), Sgd::new(0.01, 0.9).expect("sgd")];
    let per_pair = median_ns_per_value(1, 51, || {
        for (model, sgd) in models.iter_mut().zip(sgd.iter_mut()) {
            black_box(model.train_step(&x, &y, sgd).expect("step"));
        }
    });
    println!("bench train_steps_per_second_native {:.0} pairs/s", 1e9 / per_pair);

    // Ioffe & Szegedy's Fig. 1: 64 → 100 → 100 → 100 → 10 sigmoid, with and without BatchNorm1d,
    // one SGD step each on a batch of 60 digits (a new batch each pair), for at least a second
    // after a warm-up of 50 pairs.
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
    (0..50).for_each(&mut pair);
    // Every pair timed for at least a second; the median pair's pace, as the Train step's figure
    // above (a pair during which the shared machine ran something else does not count).
    let (start, mut pace) = (Instant::now(), Vec::new());
    while start.elapsed().as_secs_f64() < 1.0 {
        let one = Instant::now();
        pair(pace.len());
        pace.push(1.0 / one.elapsed().as_secs_f64());
    }
    pace.sort_by(f64::total_cmp);
    println!("bench net_fig1_steps_per_second_native {:.0} pairs/s", pace[pace.len() / 2]);
}
