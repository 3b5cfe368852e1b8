"""Edge cases of float32's range and of the order of PyTorch's checks, computed by real PyTorch:
a huge value (1e19, 3e18) or an infinity as a feature's first value (the page shifts each feature
by its first value before summing squares), eps = 0 met with other faults, and
InstanceNorm1d(track_running_stats=True) given another C.
Usage: python make_outlier_cases.py BN_OUT_DIR NORM_OUT_DIR  (next to make_golden.py, make_norms.py)"""
import sys, json, os, warnings
import torch, torch.nn as nn
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_golden import run_case, cfg
from make_norms import flat
warnings.simplefilter("ignore")  # InstanceNorm1d warns of another C before it refuses it
bn_out, norm_out = sys.argv[1], sys.argv[2]


def write(folder, case):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, case["name"] + ".json"), "w") as f:
        json.dump(case, f, separators=(",", ":")); f.write("\n")
    print(case["name"])


g = torch.Generator().manual_seed(2204)
N = lambda *s: torch.randn(*s, generator=g)
inf = float("inf")
# eps = 0 is checked before an empty batch and before the feature count.
write(bn_out, run_case("edge_eps0_wrong_c_train", cfg(3, eps=0.0), [(True, N(4, 5))], 1))
write(bn_out, run_case("edge_eps0_empty_train", cfg(3, eps=0.0), [(True, torch.zeros(0, 3))], 2, backward=False))
write(bn_out, run_case("edge_eps0_track_off_wrong_c", cfg(3, eps=0.0, track=False), [(False, N(4, 5))], 3))
# A huge first value: (x - first)^2 leaves float32's range.
x = N(8, 3); x[0, 0] = 1e19
write(bn_out, run_case("edge_outlier_first_row_1e19", cfg(3), [(True, x), (False, N(2, 3))], 4))
x = N(64, 2); x[0, 1] = 3e18
write(bn_out, run_case("edge_outlier_first_row_3e18_n64", cfg(2), [(True, x)], 5))
x = N(4, 2, 3); x[0, 0, 0] = 1e19
write(bn_out, run_case("edge_outlier_first_value_ncl", cfg(2), [(True, x)], 7))
# An infinite first value: the running mean is that infinity, not NaN.
x = N(5, 3); x[0, 0] = -inf
write(bn_out, run_case("edge_inf_first_value", cfg(3), [(True, x), (False, N(2, 3))], 8))
x = N(5, 2, 3); x[0, 1, 0] = inf
write(bn_out, run_case("edge_inf_first_value_ncl_none", cfg(2, momentum=None), [(True, x), (True, N(3, 2, 3))], 9))

# InstanceNorm1d with running statistics and another C (no γ, β: PyTorch warns, then refuses).
for name, shape in [("edge_err_in_tracked_other_c", (2, 4, 5)), ("edge_err_in_tracked_unbatched_other_c", (5, 4))]:
    config = {"num_features": 3, "eps": 1e-5, "affine": False, "track_running_stats": True}
    x = N(*shape)
    try:
        nn.InstanceNorm1d(3, affine=False, track_running_stats=True).train()(x)
        raise SystemExit(f"{name}: PyTorch ran it")
    except RuntimeError as e:
        error = str(e).splitlines()[0]
    write(norm_out, {"format": "norm-golden/1", "name": name, "note": "PyTorch refuses: running_mean is repeated once per sample",
                     "source": f"torch {torch.__version__}, CPU, float32", "layer": "InstanceNorm1d", "config": config,
                     "shape": list(x.shape), "input": flat(x), "weight": None, "bias": None, "expect": {"error": error}})
