"""PyTorch's figures for the same work as ours (not a test), run by `.ci/bench` when a PyTorch
is at hand: `python tests/bench/pytorch_bench.py www/data/digits.csv`.

Prints `bench <name> <median> <unit> min=… max=… samples=… iters=…` lines, as
`tests/bench/kernel.rs` does, under the same rules: one thread, a warm-up first, then every
sample runs the work as many times as it takes to last at least 20 ms (time.perf_counter), and
the median, min and max over the samples are reported.

- `pytorch_kernel_ns_per_value` / `pytorch_kernel_eval_ns_per_value`: `nn.BatchNorm1d(128)`
  forward on a 4096×128 batch in train mode (with the running-stat update) and in eval mode,
  under `torch.no_grad()` (ours computes no autograd graph either).
- `pytorch_train_steps_per_second`: what our `train_steps_per_second` counts (src/trainer.rs,
  `Trainer::step` with the Train view's default settings and batch 64): pairs of steps — the
  tutorial's model with `BatchNorm1d(128)` and without it, one SGD step each (lr 0.1, momentum 0
  as `TrainSettings::default()`) on the same shuffled mini-batch of the digits, the 15/50/85th
  percentiles of one unit's input to ReLU, and both models' test accuracy (eval mode) every
  10 steps.
- `pytorch_fig1_pairs_per_second`: Ioffe & Szegedy's Figure 1 network, 64→100→100→100→10 with
  sigmoids, with and without BatchNorm1d before each sigmoid, batch 60, SGD lr 0.5: one step of
  each per pair. (This branch has no such network of its own, so it has no ratio yet.)
"""

import math
import platform
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

MIN_SAMPLE_S = 0.020
WARM_UP_S = 0.2
SAMPLES = 21


def measure(run):
    """Seconds per call of `run`: (median, min, max, samples, calls per sample)."""
    start = time.perf_counter()
    calls = 0
    while calls < 3 or time.perf_counter() - start < WARM_UP_S:
        run()
        calls += 1
    iters = 1
    while True:
        start = time.perf_counter()
        for _ in range(iters):
            run()
        elapsed = time.perf_counter() - start
        if elapsed >= MIN_SAMPLE_S:
            break
        iters = max(iters * 2, math.ceil(iters * 1.2 * MIN_SAMPLE_S / max(elapsed, 1e-9)))
    times = []
    for _ in range(SAMPLES):
        start = time.perf_counter()
        for _ in range(iters):
            run()
        times.append((time.perf_counter() - start) / iters)
    return statistics.median(times), min(times), max(times), len(times), iters


def say(name, value, unit, low, high, samples, iters, digits=3):
    print(
        f"bench {name} {value:.{digits}f} {unit} min={low:.{digits}f} max={high:.{digits}f} "
        f"samples={samples} iters={iters}",
        flush=True,
    )


def say_time(name, figure, scale, unit):
    median, low, high, samples, iters = figure
    say(name, median * scale, unit, low * scale, high * scale, samples, iters)


def say_rate(name, figure, per_call, unit):
    median, low, high, samples, iters = figure
    say(name, per_call / median, unit, per_call / high, per_call / low, samples, iters, digits=1)


def kernel():
    n, c = 4096, 128
    x = torch.randn(n, c) * 2.0 + 1.0
    bn = nn.BatchNorm1d(c)
    with torch.no_grad():
        bn.train()
        say_time("pytorch_kernel_ns_per_value", measure(lambda: bn(x)), 1e9 / (n * c), "ns")
        bn.eval()
        say_time("pytorch_kernel_eval_ns_per_value", measure(lambda: bn(x)), 1e9 / (n * c), "ns")


def load_digits(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float32)
    return torch.from_numpy(data[:, 1:] / 16.0), torch.from_numpy(data[:, 0].astype(np.int64))


class Trainer:
    """src/trainer.rs's `Trainer::step`, in PyTorch (same work; its own random numbers)."""

    def __init__(self, images, labels, seed=1, lr=0.1, momentum=0.0, batch_size=64, unit=0):
        g = torch.Generator().manual_seed(seed)
        order = torch.randperm(len(labels), generator=g)
        n_test = math.ceil(0.2 * len(labels))
        self.test_x, self.test_y = images[order[:n_test]], labels[order[:n_test]]
        self.train_x, self.train_y = images[order[n_test:]], labels[order[n_test:]]
        self.g, self.batch_size, self.unit = g, batch_size, unit
        torch.manual_seed(seed)

        def model(bn):
            layers = [nn.Linear(64, 128)] + ([nn.BatchNorm1d(128)] if bn else []) + [nn.ReLU(), nn.Linear(128, 10)]
            return nn.Sequential(*layers)

        self.models = [model(True), model(False)]
        self.opts = [torch.optim.SGD(m.parameters(), lr=lr, momentum=momentum) for m in self.models]
        self.loss_fn = nn.CrossEntropyLoss()
        self.quantiles = torch.tensor([0.15, 0.5, 0.85])
        self.order, self.cursor, self.steps, self.history = torch.randperm(len(self.train_y), generator=g), 0, 0, []
        self.measure()

    def measure(self):
        with torch.no_grad():
            accuracy = []
            for m in self.models:
                m.eval()
                accuracy.append((m(self.test_x).argmax(1) == self.test_y).float().mean().item())
                m.train()
        return accuracy

    def step(self):
        if self.cursor + self.batch_size > len(self.order):
            self.order, self.cursor = torch.randperm(len(self.train_y), generator=self.g), 0
        idx = self.order[self.cursor : self.cursor + self.batch_size]
        self.cursor += self.batch_size
        x, y = self.train_x[idx], self.train_y[idx]
        record = []
        for model, opt in zip(self.models, self.opts):
            model.train()
            opt.zero_grad()
            pre = model[:-2](x)  # the input of ReLU: BatchNorm's output, or the first Linear's
            loss = self.loss_fn(model[-1](model[-2](pre)), y)
            loss.backward()
            opt.step()
            with torch.no_grad():
                record.append((loss.item(), torch.quantile(pre[:, self.unit], self.quantiles).tolist()))
        self.steps += 1
        self.history.append(record)
        if self.steps % 10 == 0:
            self.measure()


def fig1(images, labels):
    """Figure 1's network with and without BatchNorm1d before each sigmoid: one step of each."""
    torch.manual_seed(1)

    def model(bn):
        layers, width = [], 64
        for _ in range(3):
            layers += [nn.Linear(width, 100)] + ([nn.BatchNorm1d(100)] if bn else []) + [nn.Sigmoid()]
            width = 100
        return nn.Sequential(*layers, nn.Linear(100, 10))

    models = [model(True), model(False)]
    opts = [torch.optim.SGD(m.parameters(), lr=0.5) for m in models]
    loss_fn = nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(1)

    def pair():
        idx = torch.randint(len(labels), (60,), generator=g)
        x, y = images[idx], labels[idx]
        for m, opt in zip(models, opts):
            opt.zero_grad()
            loss = loss_fn(m(x), y)
            loss.backward()
            opt.step()
            loss.item()

    return pair


def main():
    torch.set_num_threads(1)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    print(
        f"# pytorch: torch {torch.__version__}, Python {platform.python_version()}, "
        f"{torch.get_num_threads()} thread, CPU capability {torch.backends.cpu.get_cpu_capability()}",
        flush=True,
    )
    kernel()
    if len(sys.argv) > 1:
        images, labels = load_digits(sys.argv[1])
        trainer = Trainer(images, labels)
        say_rate("pytorch_train_steps_per_second", measure(trainer.step), 1.0, "pairs/s")
        say_rate("pytorch_fig1_pairs_per_second", measure(fig1(images, labels)), 1.0, "pairs/s")


if __name__ == "__main__":
    main()
