#!/usr/bin/env bash
# Checks the Backward panel's exports and snippets in real PyTorch (not part of `cargo test`):
# writes the page's files for a few states (train, eval, eval → train without a step, (N, C, L),
# affine off, no running statistics, and the folded digits model), then runs each state's
# snippet through its check.py and prints what it printed.
#
#   bash tests/backward_pytorch/run.sh [output folder]     (default: target/backward-pytorch)
#   PYTHON=/path/to/python bash tests/backward_pytorch/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-/root/.cache/batchnorm-playground/torch-venv/bin/python}
OUT=$(realpath -m "${1:-target/backward-pytorch}")
rm -rf "$OUT"
mkdir -p "$OUT"
BN_PYTORCH_OUT="$OUT" cargo test --test backward_pytorch -q
"$PY" -c 'import torch; print("torch", torch.__version__)'
for dir in "$OUT"/*/; do
    echo "== $(basename "$dir")"
    (cd "$dir" && "$PY" check.py)
done
