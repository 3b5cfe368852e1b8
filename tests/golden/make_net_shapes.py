"""Networks of the net-golden/1 format at the edges of its shapes, computed by real PyTorch: a norm
layer alone (no Linear: its gamma and beta are the only weights, 64 logits) and a deep network
(25 hidden layers of 8 with LayerNorm and tanh: 76 layers). FORMAT.md sets no limit on either.
Usage: python make_net_shapes.py NET_OUT_DIR path/to/digits.csv"""
import os, sys
import torch, torch.nn as nn
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_group_of_one_cases import case

net_out, digits = sys.argv[1:3]
torch.manual_seed(70)
case(net_out, digits, "edge_norm_alone", "nn.Sequential(BatchNorm1d(64)) alone: gamma and beta learn, 64 logits",
     [{"kind": "batchnorm1d", "features": 64, "eps": 1e-5, "momentum": 0.1}], nn.Sequential(nn.BatchNorm1d(64)),
     lr=0.1, batch=8, steps=2, seed=70, eval_n=4)
torch.manual_seed(80)
spec, layers, width = [], [], 64
for _ in range(25):
    spec += [{"kind": "linear", "in": width, "out": 8}, {"kind": "layernorm", "features": 8, "eps": 1e-5}, {"kind": "tanh"}]
    layers += [nn.Linear(width, 8), nn.LayerNorm(8), nn.Tanh()]
    width = 8
spec.append({"kind": "linear", "in": 8, "out": 10})
layers.append(nn.Linear(8, 10))
case(net_out, digits, "edge_deep_76_layers", "25 hidden layers of 8 with LayerNorm and tanh: 76 layers",
     spec, nn.Sequential(*layers), lr=0.1, batch=4, steps=2, seed=80, eval_n=4)
