"""Edge cases (momentum=None, batches of 2, longer runs) of reference cases for training the tutorial's model, made with real PyTorch (format mlp-golden/1):
Linear(64,128) -> [BatchNorm1d(128)] -> ReLU -> Linear(128,10), CrossEntropyLoss, torch.optim.SGD,
on batches of scikit-learn's 8x8 handwritten digits (pixels / 16).
Usage: make_mlp_edges.py OUT_DIR path/to/digits.csv"""
import json, os, sys
import numpy as np, torch
from torch import nn

def flat(t): return [float(v) for v in t.detach().reshape(-1).tolist()]

def state(model):
    return {k: (int(v.item()) if k.endswith("num_batches_tracked") else flat(v)) for k, v in model.state_dict().items()}

def case(name, note, *, bn, lr, sgd_momentum, batch, steps, seed, bn_eps=1e-5, bn_momentum=0.1, eval_n=8):
    raw = np.loadtxt(DIGITS, delimiter=",", skiprows=1)
    X = torch.tensor(raw[:, 1:] / 16.0, dtype=torch.float32); Y = torch.tensor(raw[:, 0].astype(np.int64))
    g = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(X), generator=g)
    torch.manual_seed(seed)
    layers = [nn.Linear(64, 128)]
    if bn: layers.append(nn.BatchNorm1d(128, eps=bn_eps, momentum=bn_momentum))
    layers += [nn.ReLU(), nn.Linear(128, 10)]
    model = nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=sgd_momentum)
    loss_fn = nn.CrossEntropyLoss()
    out = {"format": "mlp-golden/1", "name": name, "note": note, "source": f"torch {torch.__version__}, CPU, float32",
           "model": {"in": 64, "hidden": 128, "out": 10, "batchnorm": bn,
                     "bn": {"eps": bn_eps, "momentum": bn_momentum} if bn else None},
           "optimizer": {"kind": "sgd", "lr": lr, "momentum": sgd_momentum},
           "initial": state(model), "steps": []}
    model.train()
    for s in range(steps):
        idx = order[s * batch:(s + 1) * batch]
        x, y = X[idx], Y[idx]
        opt.zero_grad(); logits = model(x); loss = loss_fn(logits, y); loss.backward(); opt.step()
        out["steps"].append({"x": flat(x), "y": [int(v) for v in y], "expect": {"logits": flat(logits), "loss": loss.item()}})
    out["final"] = state(model)
    model.eval()
    idx = order[-eval_n:]
    with torch.no_grad(): logits = model(X[idx])
    out["eval"] = {"x": flat(X[idx]), "expect": {"logits": flat(logits)}}
    return out

DIGITS = sys.argv[2]
out_dir = sys.argv[1]
cases = [(out_dir, "edge_bn_momentum_none", "BatchNorm1d(128, momentum=None): the cumulative average, 5 steps of 8", dict(bn=True, lr=0.1, sgd_momentum=0.0, batch=8, steps=5, seed=3, bn_momentum=None)),
         (out_dir, "edge_batch_of_two", "batches of 2, SGD momentum 0.5", dict(bn=True, lr=0.05, sgd_momentum=0.5, batch=2, steps=6, seed=4)),
         (out_dir, "edge_long_run", "12 steps of 64, momentum 0.9, BatchNorm eps 1e-3", dict(bn=True, lr=0.02, sgd_momentum=0.9, batch=64, steps=12, seed=5, bn_eps=1e-3, eval_n=32)),
         (out_dir, "edge_plain_momentum", "without BatchNorm1d, lr 0.3, momentum 0.9, 8 steps of 32", dict(bn=False, lr=0.3, sgd_momentum=0.9, batch=32, steps=8, seed=6, eval_n=16))]
for folder, name, note, kw in cases:
    os.makedirs(folder, exist_ok=True)
    c = case(name, note, **kw)
    with open(os.path.join(folder, name + ".json"), "w") as f: json.dump(c, f, separators=(",", ":"))
    print(name, [round(s["expect"]["loss"], 4) for s in c["steps"]])
