"""Settings PyTorch builds and runs that the page itself refuses, computed by real PyTorch:
BatchNorm1d with eps NaN (NaN outputs), eps infinite (y = beta), momentum NaN or infinite (NaN
running statistics), and a negative eps, which F.batch_norm refuses only when the layer runs
("must be positive during training" with batch statistics, "must be non-negative" in eval with
running statistics); LayerNorm, GroupNorm and InstanceNorm1d with a negative, NaN or infinite
eps (they never check it); small networks (format net-golden/1) trained with such layers. The
core must build each layer and give these numbers or words.
Usage: python make_eps_momentum_cases.py BN_OUT_DIR NORM_OUT_DIR NET_OUT_DIR path/to/digits.csv
(next to make_golden.py, make_norms.py)"""
import sys, json, os
import numpy as np, torch, torch.nn as nn
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_golden import run_case, cfg
from make_norms import case as norm_case
bn_out, norm_out, net_out, digits = sys.argv[1:5]


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


# Networks (as make_net.py's, on the digits CSV instead of scikit-learn's copy of it): Linear(64, 32),
# a norm layer with such a setting, ReLU, Linear(32, 10), cross-entropy, SGD; no probes.
def state(model):
    return {k: (int(v.item()) if k.endswith("num_batches_tracked") else flat(v)) for k, v in model.state_dict().items()}


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def net_case(name, note, norm, *, lr, batch, steps, seed, eval_n=8):
    raw = np.loadtxt(digits, delimiter=",", skiprows=1)
    X = torch.tensor(raw[:, 1:] / 16.0, dtype=torch.float32); Y = torch.tensor(raw[:, 0].astype(np.int64))
    gen = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(X), generator=gen)
    torch.manual_seed(seed)
    spec = [{"kind": "linear", "in": 64, "out": 32}, norm, {"kind": "relu"}, {"kind": "linear", "in": 32, "out": 10}]
    layer = {"batchnorm1d": lambda: nn.BatchNorm1d(32, eps=norm["eps"], momentum=norm["momentum"]),
             "layernorm": lambda: nn.LayerNorm(32, eps=norm["eps"]),
             "groupnorm": lambda: nn.GroupNorm(norm.get("groups", 1), 32, eps=norm["eps"])}[norm["kind"]]()
    model = nn.Sequential(nn.Linear(64, 32), layer, nn.ReLU(), nn.Linear(32, 10))
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.0)
    out = {"format": "net-golden/1", "name": name, "note": note, "source": f"torch {torch.__version__}, CPU, float32",
           "layers": spec, "optimizer": {"kind": "sgd", "lr": lr, "momentum": 0.0}, "initial": state(model), "steps": []}
    model.train()
    for s in range(steps):
        idx = order[s * batch:(s + 1) * batch]
        x, y = X[idx], Y[idx]
        opt.zero_grad(); logits = model(x); loss = nn.functional.cross_entropy(logits, y); loss.backward(); opt.step()
        out["steps"].append({"x": flat(x), "y": [int(v) for v in y], "expect": {"logits": flat(logits), "loss": loss.item()}})
    out["final"] = state(model)
    model.eval()
    idx = order[-eval_n:]
    with torch.no_grad(): logits = model(X[idx])
    out["eval"] = {"x": flat(X[idx]), "expect": {"logits": flat(logits)}}
    write(net_out, out)


net_case("edge_bn_momentum_nan", "BatchNorm1d(32, momentum=nan): training runs; the running statistics, so eval, are NaN",
         {"kind": "batchnorm1d", "features": 32, "eps": 1e-5, "momentum": nan}, lr=0.1, batch=8, steps=3, seed=41)
net_case("edge_bn_eps_inf", "BatchNorm1d(32, eps=inf): y = beta, so the first Linear gets no gradient",
         {"kind": "batchnorm1d", "features": 32, "eps": inf, "momentum": 0.1}, lr=0.1, batch=8, steps=3, seed=42)
net_case("edge_ln_eps_negative", "LayerNorm(32, eps=-1e-3): runs (each sample's variance is far above 1e-3)",
         {"kind": "layernorm", "features": 32, "eps": -1e-3}, lr=0.1, batch=4, steps=3, seed=43)
net_case("edge_gn_eps_inf", "GroupNorm(4, 32, eps=inf): y = beta",
         {"kind": "groupnorm", "groups": 4, "features": 32, "eps": inf}, lr=0.1, batch=4, steps=3, seed=44)
