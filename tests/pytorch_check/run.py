"""Runs what the page exports and shows in real PyTorch (`bash .ci/pytorch-check`).

Reads the folder written by `cargo test --test pytorch_check -- <folder>`:
- manifest.json: every script the page shows, in the folder of its state with the files the
  page exports. Each runs as shown (`python <script>` in that folder, nothing prepended) and must
  succeed; an export snippet must print a largest difference <= 1e-4 with the NaNs in the same
  places; a model snippet's loaded model must give the page's eval-mode logits.
  The code under "The same thing in PyTorch" must print the page's numbers: exactly where it
  sets them, and as another draw of the page's data where they depend on the batch. At a
  refused step the code and the Export snippet must print PyTorch's words as the page quotes
  them (and the code then the layer as the page's status line has it).
  The "Which axis?" code must print, per layer, one mean 0 and one variance 1 per group of the
  page's grid (another batch: these hold for any), or PyTorch's words as the chart quotes them.
- errors.json: every refusal the page quotes PyTorch for, with the PyTorch code of the same
  situation; PyTorch's message (`Type: message`) must equal the quote exactly.
- quotes.json: every docstring passage a lesson quotes, which the installed torch's must hold.

Prints one line per check and `N passed, N failed`; exits 1 on any failure.
"""

import contextlib
import io
import json
import math
import os
import re
import statistics
import subprocess
import sys

TOLERANCE = 1e-4


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def report(self, ok, name, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(f"{'ok  ' if ok else 'FAIL'} {name}{(' — ' + detail) if detail else ''}", flush=True)


def run_script(folder, script):
    """`python <script>` in its folder, as a student would run it."""
    return subprocess.run(
        [sys.executable, script], cwd=folder, capture_output=True, text=True, timeout=300
    )


def last_line(text):
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def check_difference(checks, name, result):
    match = re.search(r"largest difference: ([^,\s]+), same NaNs: (True|False)", result.stdout)
    if not match:
        checks.report(False, name, f"printed no difference: {result.stdout.strip()!r}")
        return
    difference, same_nans = float(match.group(1)), match.group(2) == "True"
    ok = difference <= TOLERANCE and same_nans
    checks.report(ok, name, f"largest difference {difference:.3g}, same NaNs {same_nans}")


def check_model(checks, name, folder, entry):
    """Loads the model exactly as the snippet does, then compares its logits with the page's."""
    import numpy as np
    import torch

    cwd = os.getcwd()
    namespace = {"__name__": "__snippet__"}
    try:
        os.chdir(folder)
        with open(entry["script"]) as f, contextlib.redirect_stdout(io.StringIO()):
            exec(compile(f.read(), entry["script"], "exec"), namespace)
        model = namespace[entry.get("model", "model")]
        x = torch.tensor(np.loadtxt(entry["x"], delimiter=",", ndmin=2), dtype=torch.float32)
        want = torch.tensor(np.loadtxt(entry["logits"], delimiter=",", ndmin=2), dtype=torch.float32)
        with torch.no_grad():
            got = model(x)
    except Exception as e:  # noqa: BLE001 — any failure is the check's failure
        checks.report(False, name, f"{type(e).__name__}: {e}")
        return
    finally:
        os.chdir(cwd)
    same_nans = torch.equal(got.isnan(), want.isnan())
    difference = (got - want).abs().nan_to_num(nan=0.0).max().item()
    scale = max(1.0, want.abs().nan_to_num(nan=0.0, posinf=0.0, neginf=0.0).max().item())
    ok = same_nans and difference <= TOLERANCE * scale
    checks.report(ok, name, f"largest logit difference {difference:.3g} (scale {scale:.3g}), same NaNs {same_nans}")


RUNS = 40  # runs of a snippet that draws its batch, to average out the randomness of one draw
NUMBER = re.compile(r"-?(?:nan|inf|\d+(?:\.\d*)?(?:e[-+]?\d+)?)")


def printed_numbers(folder, script):
    """Runs the snippet as shown, in-process (PyTorch imported once), and the numbers it printed."""
    cwd = os.getcwd()
    output = io.StringIO()
    try:
        os.chdir(folder)
        with open(script) as f, contextlib.redirect_stdout(output):
            exec(compile(f.read(), script, "exec"), {"__name__": "__snippet__"})
    finally:
        os.chdir(cwd)
    return [float(n) for n in NUMBER.findall(output.getvalue())]


def same(a, b):
    """Equal as float32 values printed by Python (NaN equals NaN)."""
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b or abs(a - b) <= 1e-6 * max(abs(a), abs(b))


def check_prints(checks, name, folder, entry):
    """What the code under "The same thing in PyTorch" prints against the page's numbers
    (tests/pytorch_check/main.rs, `prints`): exact where the code sets them, else the average of
    RUNS runs (their median) within 5 sd/sqrt(RUNS) of a draw's mean, and the page's own number within 5 sd."""
    want = entry["prints"]
    try:
        runs = [printed_numbers(folder, entry["script"]) for _ in range(RUNS)]
    except Exception as e:  # noqa: BLE001 — any failure is the check's failure
        checks.report(False, name, f"{type(e).__name__}: {e}")
        return
    if any(len(run) != len(want) for run in runs):
        checks.report(False, name, f"printed {len(runs[0])} numbers {runs[0]}, the page has {len(want)}")
        return
    problems, compared = [], 0
    # JSON has no NaN: the page's NaN arrives as null.
    want = [{k: (math.nan if v is None and k != "sd" else v) for k, v in w.items()} for w in want]
    for i, w in enumerate(want):
        got = [run[i] for run in runs]
        if w["sd"] is None:
            continue
        compared += 1
        if w["sd"] == 0:
            if not all(same(g, w["page"]) for g in got):
                problems.append(f"#{i + 1}: PyTorch {got[0]!r}, page {w['page']!r}")
            continue
        # The median, not the mean: at N = 4 a batch now and then has a variance near 0, and
        # y's variance s/(s + eps) drops far below 1 for it (one such batch moved the mean of 40
        # runs by 8e-5, 13 sd/sqrt(40) of the typical spread).
        average = statistics.median(got)
        # float32's own rounding: a variance of ~1 is no closer than ~1e-6 (eps = 1e-12 leaves a sd of 1e-13).
        slack = 1e-5 * abs(w["mean"]) + 1e-7
        if not abs(average - w["mean"]) <= 5 * w["sd"] / math.sqrt(RUNS) + slack:
            problems.append(f"#{i + 1}: PyTorch's median over {RUNS} batches is {average:.6g}, a draw of the page's data {w['mean']:.6g} (sd {w['sd']:.3g})")
        if not abs(w["page"] - w["mean"]) <= 5 * w["sd"] + slack:
            problems.append(f"#{i + 1}: the page's {w['page']:.6g} is no draw of mean {w['mean']:.6g} (sd {w['sd']:.3g})")
    detail = "; ".join(problems) if problems else f"{compared} of {len(want)} numbers agree with the page's"
    checks.report(not problems, name, detail)


def check_refused(checks, name, result, entry):
    """A refused step's code: its first line is PyTorch's words as the page quotes them, and the
    numbers after it are the page's (the layer as its status line has it), exactly."""
    lines = result.stdout.strip().splitlines()
    said = lines[0] if lines else ""
    if said != entry["quote"]:
        checks.report(False, name, f"printed {said!r}, the page quotes {entry['quote']!r}")
        return
    got = [float(n) for n in NUMBER.findall("\n".join(lines[1:]))]
    want = entry["prints"]
    ok = len(got) == len(want) and all(same(g, w) for g, w in zip(got, want))
    detail = f"PyTorch's words, then {got}" + ("" if ok else f", the page has {want}")
    checks.report(ok, name, detail)


def check_norms(checks, name, result, entry):
    """"Which axis?": in order, per layer, PyTorch's words where the chart quotes a refusal, else
    two printed tensors (the means, the variances over the layer's dims) with one value per group:
    the means 0 to the 3 decimals printed, the variances 1 (0 for a group of one value)."""
    printed = re.findall(r"tensor\((\[.*?\])\)|^(\w+Error: [^\n]*)$", result.stdout, re.S | re.M)
    number = re.compile(r"-?\d+\.?\d*(?:e[-+]?\d+)?")
    problems = []
    for layer in entry["layers"]:
        if "quote" in layer:
            said = printed.pop(0)[1] if printed else ""
            if said != layer["quote"]:
                problems.append(f"{layer['name']}: PyTorch {said!r}, page {layer['quote']!r}")
            continue
        if len(printed) < 2 or printed[0][1] or printed[1][1]:
            problems.append(f"{layer['name']}: no means and variances printed")
            break
        means = number.findall(printed.pop(0)[0])
        # A mean a hair below 0 printed "-0." (review32a): the code prints it as 0.
        if any(m.startswith("-") and float(m) == 0.0 for m in means):
            problems.append(f"{layer['name']}: a mean printed as -0. ({means[:4]}…)")
        means = [float(v) for v in means]
        variances = [float(v) for v in number.findall(printed.pop(0)[0])]
        want_var = 0.0 if layer["size"] == 1 else 1.0
        if len(means) != layer["groups"] or len(variances) != layer["groups"]:
            problems.append(f"{layer['name']}: {len(means)} means, {len(variances)} variances, the page {layer['groups']} groups")
        # A variance is σ²/(σ² + eps): 1 up to eps, less for a group of close values (0.946 for a
        # pair 0.027 apart); over other dims it is far from 1 (and the means from 0).
        elif any(abs(m) > 1e-3 for m in means) or any(abs(v - want_var) > 0.1 for v in variances):
            problems.append(f"{layer['name']}: means {means[:4]}…, variances {variances[:4]}… (want 0, {want_var})")
    if printed:
        problems.append(f"{len(printed)} more printed than the page's layers")
    detail = "; ".join(problems) or f"{len(entry['layers'])} layers as the page groups them"
    checks.report(not problems, name, detail)


def scripts(checks, root):
    with open(os.path.join(root, "manifest.json")) as f:
        manifest = json.load(f)
    for entry in manifest:
        folder = os.path.join(root, entry["dir"])
        name = f"{entry['dir']}/{entry['script']}"
        result = run_script(folder, entry["script"])
        if result.returncode != 0:
            checks.report(False, name, f"exit {result.returncode}: {last_line(result.stderr)}")
            continue
        if entry["kind"] == "difference":
            check_difference(checks, name, result)
        elif entry["kind"] == "prints":
            check_prints(checks, name, folder, entry)
        elif entry["kind"] == "refused":
            check_refused(checks, name, result, entry)
        elif entry["kind"] == "norms":
            check_norms(checks, name, result, entry)
        elif entry["kind"] == "model":
            checks.report(True, name, f"runs: {last_line(result.stdout)}")
            check_model(checks, f"{name} (logits)", folder, entry)
        else:
            checks.report(True, name, "runs")


def errors(checks, root):
    import torch
    from torch import nn

    with open(os.path.join(root, "errors.json")) as f:
        cases = json.load(f)
    for case in cases:
        name = f"error {case['name']} ({case['variant']})"
        if case.get("missing"):
            checks.report(False, name, case["missing"])
            continue
        quote = case["quote"]
        if quote is None:
            checks.report(False, name, f"the page does not refuse or quote PyTorch for: {case['python']}")
            continue
        try:
            eval(case["python"], {"torch": torch, "nn": nn})  # noqa: S307 — our own generated code
        except Exception as e:  # noqa: BLE001 — the message is what is checked
            said = f"{type(e).__name__}: {e}"
            checks.report(said == quote, name, "same words" if said == quote else f"PyTorch: {said!r}, page: {quote!r}")
            continue
        checks.report(False, name, f"PyTorch ran it without an error: {case['python']}")


def quotes(checks, root):
    """Each docstring the page quotes holds the quote, word for word (its line breaks and
    indentation read as single spaces, as the page joins its lines)."""
    import torch  # noqa: F401 — the quoted objects are looked up under it

    with open(os.path.join(root, "quotes.json")) as f:
        cases = json.load(f)
    for case in cases:
        obj = eval(case["of"])  # noqa: S307 — our own generated name
        doc = " ".join((obj.__doc__ or "").split())
        found = case["quote"] in doc
        checks.report(found, f"quote of {case['of']}'s docstring", "same words" if found else f"not in: {doc[:200]!r}")


def main():
    if len(sys.argv) != 2:
        print("usage: run.py <folder written by the pytorch_check program>", file=sys.stderr)
        return 2
    import torch

    print(f"torch {torch.__version__}", flush=True)
    checks = Checks()
    scripts(checks, sys.argv[1])
    errors(checks, sys.argv[1])
    quotes(checks, sys.argv[1])
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
