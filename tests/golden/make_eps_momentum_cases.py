"""Settings PyTorch builds and runs that the page itself refuses, computed by real PyTorch:
BatchNorm1d with eps NaN (NaN outputs), eps infinite (y = beta), momentum NaN or infinite (NaN
running statistics), and a negative eps, which F.batch_norm refuses only when the layer runs
("must be positive during training" with batch statistics, "must be non-negative" in eval with
running statistics); LayerNorm, GroupNorm and InstanceNorm1d with a negative, NaN or infinite
eps (they never check it). The core must build each layer and give these numbers or words.
Usage: python make_eps_momentum_cases.py BN_OUT_DIR NORM_OUT_DIR  (next to make_golden.py, make_norms.py)"""
import sys, json, os
import torch, torch.nn as nn
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_golden import run_case, cfg
from make_norms import case as norm_case
bn_out, norm_out = sys.argv[1], sys.argv[2]


def write(folder, case):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, case["name"] + ".json"), "w") as f:
        json.dump(case, f, separators=(",", ":")); f.write("\n")  # NaN and Infinity as JSON5 writes them
    print(case["name"], [s["expect"].get("error", "ok")[:60] for s in case.get("steps", [])])


g = torch.Generator().manual_seed(2205)
N = lambda *s: torch.randn(*s, generator=g)
nan, inf = float("nan"), float("inf")
# BatchNorm1d: eps NaN and infinite run in every mode.
write(bn_out, run_case("edge_eps_nan", cfg(3, eps=nan), [(True, N(4, 3)), (False, N(2, 3))], 11))
write(bn_out, run_case("edge_eps_nan_eval_first", cfg(3, eps=nan), [(False, N(2, 3)), (True, N(4, 3))], 12))
write(bn_out, run_case("edge_eps_inf", cfg(3, eps=inf), [(True, N(4, 3)), (False, N(2, 3))], 13))
write(bn_out, run_case("edge_eps_inf_track_off_ncl", cfg(2, eps=inf, track=False), [(True, N(3, 2, 4)), (False, N(2, 2, 4))], 14))
# momentum NaN or infinite: the outputs are right, the running statistics NaN (then eval is NaN).
write(bn_out, run_case("edge_momentum_nan", cfg(3, momentum=nan), [(True, N(4, 3)), (False, N(2, 3))], 15))
write(bn_out, run_case("edge_momentum_inf", cfg(3, momentum=inf), [(True, N(4, 3)), (False, N(2, 3))], 16))
write(bn_out, run_case("edge_momentum_minus_inf_ncl", cfg(2, momentum=-inf), [(True, N(3, 2, 2)), (True, N(3, 2, 2))], 17))
# A negative eps: refused at forward, in PyTorch's words for each mode (eval first: nothing counted).
write(bn_out, run_case("edge_eps_negative_eval_first", cfg(3, eps=-1e-3), [(False, N(4, 3)), (True, N(4, 3))], 18))
write(bn_out, run_case("edge_eps_minus_inf", cfg(3, eps=-inf), [(True, N(4, 3)), (False, N(4, 3))], 19))
write(bn_out, run_case("edge_eps_negative_track_off_eval", cfg(3, eps=-0.5, track=False), [(False, N(4, 3))], 20))

# LayerNorm, GroupNorm, InstanceNorm1d: any eps runs (NaN only where sigma^2 + eps < 0).
def norm(name, layer_name, make, config, shape, seed, scale=1.0):
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(*shape, generator=gen) * scale
    write(norm_out, norm_case(name, layer_name, make(), config, x, gen, note="eps PyTorch runs; the page refuses it"))


for eps, tag in [(-1e-3, "neg"), (-1.0, "neg_big"), (nan, "nan"), (inf, "inf")]:
    norm(f"edge_ln_eps_{tag}", "LayerNorm", lambda: nn.LayerNorm(4, eps=eps),
         {"normalized_shape": [4], "eps": eps, "elementwise_affine": True}, (3, 4), 30, scale=1.2)
    norm(f"edge_gn_eps_{tag}", "GroupNorm", lambda: nn.GroupNorm(2, 4, eps=eps),
         {"num_groups": 2, "num_channels": 4, "eps": eps, "affine": True}, (3, 4, 2), 31, scale=1.2)
    norm(f"edge_in_eps_{tag}", "InstanceNorm1d", lambda: nn.InstanceNorm1d(3, eps=eps, affine=True),
         {"num_features": 3, "eps": eps, "affine": True, "track_running_stats": False}, (2, 3, 4), 32, scale=1.2)
norm("edge_bn_eps_inf", "BatchNorm1d", lambda: nn.BatchNorm1d(2, eps=inf),
     {"num_features": 2, "eps": inf, "momentum": 0.1, "affine": True, "track_running_stats": True}, (3, 2), 33)
norm("edge_bn_momentum_nan", "BatchNorm1d", lambda: nn.BatchNorm1d(2, momentum=nan),
     {"num_features": 2, "eps": 1e-5, "momentum": nan, "affine": True, "track_running_stats": True}, (3, 2), 34)
