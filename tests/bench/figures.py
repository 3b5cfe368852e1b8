"""The benchmark figures' bookkeeping for `.ci/bench` (standard library only, builds nothing).

  figures.py merge LINES            one line per figure from several rounds: the median of the
                                    rounds' medians, the min of their mins, the max of their maxes
  figures.py ratios LINES           the `bench <name> <ratio> ratio` lines: ours against PyTorch
  figures.py json LINES             target/bench.json from the `bench …` and `# key: value` lines
  figures.py compare A.json B.json  two runs figure by figure, with the change

A `bench` line is `bench <name> <value> <unit> [key=value …]` (min, max, samples, iters, best).
Ratios are our time ÷ PyTorch's time for the same work (a rate is turned into a time per
step first): below 1, ours is faster. The value is the ratio of the medians; `best=` is the
ratio of the fastest samples, which a busy machine disturbs least.
"""

import json
import statistics
import sys

# (ratio name, our figure, PyTorch's figure)
RATIOS = [
    ("kernel_vs_pytorch_train", "kernel_native_ns_per_value", "pytorch_kernel_ns_per_value"),
    ("kernel_vs_pytorch_eval", "kernel_eval_native_ns_per_value", "pytorch_kernel_eval_ns_per_value"),
    ("kernel_eval_output_vs_pytorch_eval", "kernel_eval_output_native_ns_per_value", "pytorch_kernel_eval_ns_per_value"),
    ("kernel_wasm_vs_pytorch_train", "kernel_wasm_ns_per_value", "pytorch_kernel_ns_per_value"),
    ("kernel_wasm_vs_pytorch_eval", "kernel_eval_wasm_ns_per_value", "pytorch_kernel_eval_ns_per_value"),
    ("train_step_vs_pytorch", "train_steps_per_second_native", "pytorch_train_steps_per_second"),
    ("train_step_wasm_vs_pytorch", "train_steps_per_second", "pytorch_train_steps_per_second"),
    ("net_fig1_vs_pytorch", "net_fig1_steps_per_second_native", "pytorch_fig1_pairs_per_second"),
    ("net_fig1_wasm_vs_pytorch", "net_fig1_steps_per_second", "pytorch_fig1_pairs_per_second"),
]
# Units where more is better; everything else (ns, ms, bytes, ratio) is better lower.
HIGHER_IS_BETTER = {"steps/s", "pairs/s"}


def parse(path):
    """{name: {"value", "unit", and any of "min", "max", "samples", "iters", "best"}}."""
    figures = {}
    for line in open(path, encoding="utf-8"):
        fields = line.split()
        if len(fields) < 4 or fields[0] != "bench":
            continue
        figures[fields[1]] = parse_fields(fields)
    return figures


def parse_fields(fields):
    figure = {"value": float(fields[2]), "unit": fields[3]}
    for extra in fields[4:]:
        key, _, value = extra.partition("=")
        figure[key] = int(value) if key in ("samples", "iters", "rounds") else float(value)
    return figure


def merge(path):
    rounds = {}
    for line in open(path, encoding="utf-8"):
        fields = line.split()
        if len(fields) >= 4 and fields[0] == "bench":
            rounds.setdefault(fields[1], []).append(fields)
    for name, lines in rounds.items():
        figures = [parse_fields(f) for f in lines]
        median = statistics.median(f["value"] for f in figures)
        digits = max(len(f[2].partition(".")[2]) for f in lines)
        text = f"bench {name} {median:.{digits}f} {figures[0]['unit']}"
        if all("min" in f and "max" in f for f in figures):
            text += f" min={min(f['min'] for f in figures):.{digits}f} max={max(f['max'] for f in figures):.{digits}f}"
            text += f" samples={sum(f.get('samples', 0) for f in figures)} rounds={len(figures)}"
        print(text)


def as_time(figure, key):
    """A time per unit of work, whatever the figure's unit (a rate is inverted)."""
    value = figure.get(key)
    if value is None:
        return None
    return 1.0 / value if figure["unit"] in HIGHER_IS_BETTER else value


def ratios(path):
    figures = parse(path)
    for name, ours, theirs in RATIOS:
        if ours not in figures or theirs not in figures:
            continue
        a, b = figures[ours], figures[theirs]
        median = as_time(a, "value") / as_time(b, "value")
        # The fastest sample of a time is its min; of a rate, its max.
        fast = "max" if a["unit"] in HIGHER_IS_BETTER else "min"
        fast_b = "max" if b["unit"] in HIGHER_IS_BETTER else "min"
        best = ""
        if fast in a and fast_b in b:
            best = f" best={as_time(a, fast) / as_time(b, fast_b):.3f}"
        print(f"bench {name} {median:.3f} ratio{best}")


MACHINE = ("commit", "date", "cpu", "load average", "browser", "rust", "pytorch")


def to_json(path):
    machine, notes = {}, {}  # a later line with the same key has more detail
    for line in open(path, encoding="utf-8"):
        if line.startswith("# ") and ":" in line:
            key, _, value = line[2:].partition(":")
            (machine if key.strip() in MACHINE else notes)[key.strip()] = value.strip()
    print(json.dumps({"machine": machine, "notes": notes, "figures": parse(path)}, indent=2))


def load(path):
    data = json.load(open(path, encoding="utf-8"))
    if "figures" in data:
        return data.get("machine", {}), data["figures"]
    return {}, data  # the first format: {name: {"value", "unit"}}


def compare(path_a, path_b):
    (machine_a, a), (machine_b, b) = load(path_a), load(path_b)
    print(f"A = {path_a}\nB = {path_b}")
    for key in sorted(set(machine_a) | set(machine_b)):
        va, vb = machine_a.get(key, "—"), machine_b.get(key, "—")
        print(f"  {key}: {va}" if va == vb else f"  {key}: A {va} | B {vb}")
    print()
    rows = []
    worse = 0
    for name in list(a) + [n for n in b if n not in a]:
        fa, fb = a.get(name), b.get(name)
        unit = (fa or fb)["unit"]
        better = "higher" if unit in HIGHER_IS_BETTER else "lower"
        if fa is None or fb is None:
            rows.append((name, fmt(fa), fmt(fb), unit, "", better, "only in " + ("B" if fa is None else "A")))
            continue
        change = fb["value"] / fa["value"] if fa["value"] else float("nan")
        percent = (change - 1.0) * 100.0
        improved = (change > 1.0) == (better == "higher")
        if abs(percent) < 0.05:
            verdict = "same"
        else:
            verdict = "better" if improved else "WORSE"
            # Within the spread when B's median lies inside A's min…max or the other way round.
            if all(k in fa and k in fb for k in ("min", "max")):
                if fa["min"] <= fb["value"] <= fa["max"] or fb["min"] <= fa["value"] <= fb["max"]:
                    verdict += " (within spread)"
            if not improved and "spread" not in verdict:
                worse += 1
        rows.append((name, fmt(fa), fmt(fb), unit, f"×{change:.3f} ({percent:+.1f} %)", better, verdict))
    headers = ("figure", "A", "B", "unit", "B/A", "better", "verdict")
    widths = [max(len(str(r[i])) for r in rows + [headers]) for i in range(len(headers))]
    for row in [headers] + rows:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths)).rstrip())
    print(f"\n{worse} figure(s) worse beyond their spread" if worse else "\nno figure worse beyond its spread")


def fmt(figure):
    if figure is None:
        return "—"
    text = f"{figure['value']:g}"
    if "min" in figure and "max" in figure:
        text += f" [{figure['min']:g}…{figure['max']:g}]"
    return text


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "merge":
        merge(*args)
    elif command == "ratios":
        ratios(*args)
    elif command == "json":
        to_json(*args)
    elif command == "compare":
        compare(*args)
    else:
        sys.exit(__doc__)
