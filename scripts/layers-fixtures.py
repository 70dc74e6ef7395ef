"""PyTorch float64 references for gradlab's layers: LayerNorm, BatchNorm1d and their training modes.

Writes test/fixtures/layers.json. Each case gives the inputs and parameters, and for each forward the
output and the gradients of sum(output * r) (r a fixed random tensor) with respect to the input,
weight and bias. BatchNorm1d cases run several training-mode steps (each step's output, gradients and
running statistics afterwards, with num_batches_tracked), then evaluation-mode forwards that use the
running statistics. test/nn/normalization.test.ts replays them and compares to 1e-9; the tests never
need torch.

Run with Debian's python3-torch: /usr/bin/python3 scripts/layers-fixtures.py
"""

import json
import pathlib

import torch

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(22)


def normal(*shape, scale=1.0, shift=0.0):
    return torch.randn(*shape, generator=gen) * scale + shift


def plain(t):
    return {"shape": list(t.shape), "data": t.detach().reshape(-1).tolist()}


def forward_record(module, x):
    """One forward: output and gradients of sum(y * r) for x, weight and bias."""
    x = x.clone().requires_grad_(True)
    for p in module.parameters():
        p.grad = None
    y = module(x)
    r = normal(*y.shape)
    (y * r).sum().backward()
    return {
        "x": plain(x),
        "r": plain(r),
        "y": plain(y),
        "gradX": plain(x.grad),
        "gradWeight": plain(module.weight.grad),
        "gradBias": plain(module.bias.grad),
    }


def with_parameters(module, features):
    with torch.no_grad():
        module.weight.copy_(normal(features, scale=0.5, shift=1.0))
        module.bias.copy_(normal(features, scale=0.5))
    return module


def layer_norm_case(shape, eps):
    features = shape[-1]
    module = with_parameters(torch.nn.LayerNorm(features, eps=eps), features)
    return {
        "features": features,
        "eps": eps,
        "weight": plain(module.weight),
        "bias": plain(module.bias),
        "forwards": [forward_record(module, normal(*shape, scale=2.0, shift=0.5))],
    }


def batch_norm_case(shape, momentum, steps=3, evals=2):
    features = shape[1]
    module = with_parameters(torch.nn.BatchNorm1d(features, momentum=momentum), features)
    case = {
        "features": features,
        "momentum": momentum,
        "weight": plain(module.weight),
        "bias": plain(module.bias),
        "train": [],
        "eval": [],
    }
    module.train()
    for step in range(steps):
        record = forward_record(module, normal(*shape, scale=1.0 + step, shift=step - 1.0))
        record["runningMean"] = plain(module.running_mean)
        record["runningVar"] = plain(module.running_var)
        record["numBatchesTracked"] = int(module.num_batches_tracked)
        case["train"].append(record)
    module.eval()
    for _ in range(evals):
        case["eval"].append(forward_record(module, normal(*shape, scale=1.5)))
    return case


fixtures = {
    "layerNorm": {
        "rows": layer_norm_case([4, 5], 1e-5),
        "3d": layer_norm_case([2, 3, 4], 1e-5),
        "eps 0.1": layer_norm_case([3, 6], 0.1),
    },
    "batchNorm1d": {
        "rows": batch_norm_case([6, 4], 0.1),
        "momentum 0.3": batch_norm_case([5, 3], 0.3),
        "cumulative": batch_norm_case([4, 3], None),
        "3d": batch_norm_case([3, 2, 4], 0.1),
    },
}

out = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "layers.json"
out.write_text(json.dumps(fixtures, indent=1) + "\n")
print(f"wrote {out}")
