"""Empty batches in training, computed by real PyTorch: what a run whose batches are cut from the
digits in order (x[s*B:(s+1)*B], as make_mlp.py and make_net.py cut them) meets once it runs past
the 1797 digits: a short last batch, then batches of no rows. PyTorch takes such a step: the
logits are empty and the loss NaN (a mean over nothing); every gradient is 0, so SGD's momentum
buffer still moves the weights; BatchNorm1d counts the batch in num_batches_tracked and leaves its
running statistics as they were. A probe there (net format) measures grad_norm 0, losses NaN.
Usage: python make_empty_batch_cases.py OUT_DIR path/to/digits.csv   (writes OUT_DIR/mlp, OUT_DIR/net)"""
import copy, json, os, sys
import numpy as np, torch
from torch import nn


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def state(model):
    return {k: (int(v.item()) if k.endswith("num_batches_tracked") else flat(v)) for k, v in model.state_dict().items()}


def grads(model):
    return [p.grad.detach().clone() for p in model.parameters()]


def probe(model, x, y, g, etas):
    """As make_net.py's: the loss and the gradient's change at theta - eta*g, on a copy."""
    out = {"etas": etas, "grad_norm": torch.sqrt(sum((t * t).sum() for t in g)).item(), "loss": [], "grad_change": []}
    for eta in etas:
        m = copy.deepcopy(model)
        with torch.no_grad():
            for p, t in zip(m.parameters(), g): p -= eta * t
        m.zero_grad()
        loss = nn.functional.cross_entropy(m(x), y); loss.backward()
        out["loss"].append(loss.item())
        out["grad_change"].append(torch.sqrt(sum(((a - b) ** 2).sum() for a, b in zip(grads(m), g))).item())
    return out


def run(out, model, X, Y, sizes, *, lr, sgd_momentum, etas=None, eval_n=8):
    """Steps of `sizes` rows each, taken from the digits in order from row 1780 (so the batches
    reach the end of the data: 1797 rows), then the eval pass on the first eval_n rows."""
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=sgd_momentum)
    out.update({"optimizer": {"kind": "sgd", "lr": lr, "momentum": sgd_momentum}, "initial": state(model), "steps": []})
    model.train()
    start = 1780
    for size in sizes:
        x, y = X[start:start + size], Y[start:start + size]
        start += size
        opt.zero_grad()
        before = copy.deepcopy(model)
        logits = model(x); loss = nn.functional.cross_entropy(logits, y); loss.backward()
        step = {"x": flat(x), "y": [int(v) for v in y], "expect": {"logits": flat(logits), "loss": loss.item()}}
        if etas:
            step["expect"]["probe"] = probe(before, x, y, grads(model), etas)
        opt.step()
        out["steps"].append(step)
    out["final"] = state(model)
    model.eval()
    with torch.no_grad(): logits = model(X[:eval_n])
    out["eval"] = {"x": flat(X[:eval_n]), "expect": {"logits": flat(logits)}}
    return out


def write(folder, out):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, out["name"] + ".json"), "w") as f:
        json.dump(out, f, separators=(",", ":")); f.write("\n")
    print(out["name"], [s["expect"]["loss"] for s in out["steps"]], len(out["steps"]))


if __name__ == "__main__":
    root, digits = sys.argv[1:3]
    raw = np.loadtxt(digits, delimiter=",", skiprows=1)
    X = torch.tensor(raw[:, 1:] / 16.0, dtype=torch.float32); Y = torch.tensor(raw[:, 0].astype(np.int64))
    source = f"torch {torch.__version__}, CPU, float32"

    torch.manual_seed(71)
    model = nn.Sequential(nn.Linear(64, 128), nn.BatchNorm1d(128), nn.ReLU(), nn.Linear(128, 10))
    out = {"format": "mlp-golden/1", "name": "edge_empty_batches",
           "note": "the tutorial's model past the end of the digits: 12 rows, 5 (the last), then two empty batches; SGD momentum 0.9",
           "source": source, "model": {"in": 64, "hidden": 128, "out": 10, "batchnorm": True, "bn": {"eps": 1e-5, "momentum": 0.1}}}
    write(os.path.join(root, "mlp"), run(out, model, X, Y, [12, 5, 0, 0], lr=0.1, sgd_momentum=0.9))

    torch.manual_seed(72)
    spec = [{"kind": "linear", "in": 64, "out": 32}, {"kind": "batchnorm1d", "features": 32, "eps": 1e-5, "momentum": None},
            {"kind": "tanh"}, {"kind": "linear", "in": 32, "out": 16}, {"kind": "groupnorm", "groups": 4, "features": 16, "eps": 1e-5},
            {"kind": "relu"}, {"kind": "linear", "in": 16, "out": 10}]
    model = nn.Sequential(nn.Linear(64, 32), nn.BatchNorm1d(32, momentum=None), nn.Tanh(), nn.Linear(32, 16),
                          nn.GroupNorm(4, 16), nn.ReLU(), nn.Linear(16, 10))
    out = {"format": "net-golden/1", "name": "edge_empty_batch_probes",
           "note": "past the end of the digits with probes: 12 rows, 5, an empty batch, none again; BatchNorm1d momentum None counts the empty ones",
           "source": source, "layers": spec}
    write(os.path.join(root, "net"), run(out, model, X, Y, [12, 5, 0, 0], lr=0.2, sgd_momentum=0.9, etas=[0.05, 0.5]))
