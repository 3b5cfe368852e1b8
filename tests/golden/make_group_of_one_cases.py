"""GroupNorm with groups of one value (groups = C on an (N, C) input), computed by real PyTorch.
Exact maths gives y = beta there; PyTorch's GroupNorm kernel computes y = x*a + (beta - mean*a),
a = rstd*gamma, each a fused multiply-add in float32, and leaves a residue of about 1e-6 beside
beta whose sign a following ReLU opens or closes: beta then learns where exact maths gives no
gradient. On the pixels (k/16, exact in float32) nothing before the layer rounds, so every bit
is PyTorch's (after a Linear, the matmul's own rounding makes the residues differ).
Usage: python make_group_of_one_cases.py NET_OUT_DIR path/to/digits.csv"""
import sys, json, os
import numpy as np, torch, torch.nn as nn
def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def state(model):
    return {k: (int(v.item()) if k.endswith("num_batches_tracked") else flat(v)) for k, v in model.state_dict().items()}


def case(net_out, digits, name, note, spec, model, *, lr, batch, steps, seed, eval_n=8):
    raw = np.loadtxt(digits, delimiter=",", skiprows=1)
    X = torch.tensor(raw[:, 1:] / 16.0, dtype=torch.float32); Y = torch.tensor(raw[:, 0].astype(np.int64))
    order = torch.randperm(len(X), generator=torch.Generator().manual_seed(seed))
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
    with torch.no_grad(): logits = model(X[order[-eval_n:]])
    out["eval"] = {"x": flat(X[order[-eval_n:]]), "expect": {"logits": flat(logits)}}
    os.makedirs(net_out, exist_ok=True)
    with open(os.path.join(net_out, name + ".json"), "w") as f:
        json.dump(out, f, separators=(",", ":")); f.write("\n")
    print(name, [round(s["expect"]["loss"], 5) for s in out["steps"]])


if __name__ == "__main__":
    net_out, digits = sys.argv[1:3]
    torch.manual_seed(61)
    spec = [{"kind": "groupnorm", "groups": 64, "features": 64, "eps": 1e-5}, {"kind": "relu"},
            {"kind": "linear", "in": 64, "out": 10}]
    model = nn.Sequential(nn.GroupNorm(64, 64), nn.ReLU(), nn.Linear(64, 10))
    case(net_out, digits, "edge_gn_groups_of_one_relu",
         "GroupNorm(64, 64) on the pixels, then ReLU: PyTorch's residues beside beta open the ReLU",
         spec, model, lr=0.5, batch=16, steps=3, seed=61)
