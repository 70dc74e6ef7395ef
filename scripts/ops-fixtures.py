"""PyTorch float64 references for gradlab's ops, functional layers and losses.

Writes test/fixtures/ops.json: for each case, the inputs, the output and the gradient of Σ r·out with
respect to every floating-point input (r a fixed random tensor shaped like the output, also stored).
test/tensor/ops-reference.test.ts builds the same functions from the names below and compares to 1e-9;
the tests never need torch. Ties are placed on purpose in the "-ties" cases (PyTorch splits the
gradient of max()/min()/maximum/minimum evenly among them).

Run with Debian's python3-torch: /usr/bin/python3 scripts/ops-fixtures.py
"""

import json
import pathlib

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(22)


def normal(*shape):
    return torch.randn(*shape, generator=gen)


def uniform(low, high, *shape):
    return low + (high - low) * torch.rand(*shape, generator=gen)


def away(*shape):
    """|x| in [0.2, 2] with random signs: away from the kinks at 0."""
    signs = torch.where(torch.rand(*shape, generator=gen) < 0.5, -1.0, 1.0)
    return signs * uniform(0.2, 2.0, *shape)


def ints(*shape):
    """Small integers as floats: many ties."""
    return torch.randint(-2, 3, shape, generator=gen).to(torch.float64)


def weighted_cat(pieces, dim):
    return torch.cat([p * (i + 1) for i, p in enumerate(pieces)], dim)


def ce(x, y, **kw):
    return F.cross_entropy(x, torch.tensor(y), **kw)


W4 = torch.tensor([0.5, 2.0, 1.0, 3.0])

# name -> (inputs, f(*inputs)); every input is differentiated unless the case says "values only".
CASES = {
    "narrow": ([normal(3, 4)], lambda x: x.narrow(1, 1, 2)),
    "narrow-negative": ([normal(3, 4)], lambda x: x.narrow(-2, -2, 2)),
    "indexSelect-repeated": ([normal(3, 4)], lambda x: x.index_select(0, torch.tensor([2, 0, 2]))),
    "indexSelect-axis1": ([normal(2, 3, 2)], lambda x: x.index_select(1, torch.tensor([1, 1, 0, 2]))),
    "gather-repeated": ([normal(3, 4)], lambda x: x.gather(1, torch.tensor([[0, 0, 3], [1, 2, 1], [3, 3, 0]]))),
    "gather-axis0": ([normal(3, 4)], lambda x: x.gather(0, torch.tensor([[2, 0, 1, 1], [2, 2, 0, 1]]))),
    "cat": ([normal(2, 3), normal(2, 1), normal(2, 2)], lambda a, b, c: torch.cat([a, b, c], -1)),
    "stack": ([normal(2, 3), normal(2, 3)], lambda a, b: torch.stack([a, b], 1)),
    "split": ([normal(5, 2)], lambda x: weighted_cat(x.split(2, 0), 0)),
    "split-sizes": ([normal(2, 5)], lambda x: weighted_cat(x.split([1, 4], 1), 1)),
    "chunk": ([normal(2, 5)], lambda x: weighted_cat(x.chunk(3, 1), 1)),
    "squeeze": ([normal(2, 1, 3)], lambda x: x.squeeze(1) * 2 + x.squeeze() - x.squeeze(0)[0]),
    "unsqueeze": ([normal(2, 3)], lambda x: x.unsqueeze(-1) * x.unsqueeze(0).unsqueeze(3)),
    "flatten": ([normal(2, 3, 2)], lambda x: x.flatten(1) * torch.arange(6.0) + x.flatten().reshape(2, 6)),
    "expand": ([normal(3, 1)], lambda x: x.expand(-1, 4) * torch.arange(4.0) + x.expand(2, 3, 4)),
    "compare": ([ints(3, 4), ints(4)], lambda a, b: torch.cat([torch.gt(a, b), a.ge(b), a.lt(b), a.le(b), a.eq(b)]).double()),
    "where": ([away(3, 4), normal(4)], lambda a, b: torch.where(a > 0, a, b)),
    "maximum-ties": ([ints(3, 4), ints(4)], lambda a, b: torch.maximum(a, b)),
    "minimum-ties": ([ints(3, 4), ints(3, 1)], lambda a, b: torch.minimum(a, b)),
    "maximum": ([normal(3, 4), normal(4)], lambda a, b: torch.maximum(a, b)),
    "clamp": ([normal(3, 4)], lambda x: x.clamp(-0.5, 0.7) + x.clamp(min=0.1) * 2 + x.clamp(max=-0.2) * 3),
    "max-ties": ([ints(3, 4)], lambda x: x.max().reshape(1)),
    "min-ties": ([ints(3, 4)], lambda x: x.min().reshape(1)),
    "min-axis": ([normal(3, 4)], lambda x: torch.cat([x.min(1).values, x.min(0, keepdim=True).values.flatten()])),
    "argmax-argmin": ([ints(3, 4)], lambda x: torch.cat([x.argmax(1), x.argmin(0), x.argmax().reshape(1), x.argmin().reshape(1)]).double()),
    "logsumexp": ([normal(3, 4) * 30], lambda x: torch.cat([x.logsumexp(1), x.logsumexp(0, keepdim=True).flatten()])),
    "var": ([normal(3, 4)], lambda x: torch.cat([x.var().reshape(1), x.var(1), x.var(0, unbiased=False, keepdim=True).flatten()])),
    "std": ([normal(3, 4)], lambda x: torch.cat([x.std().reshape(1), x.std(-1), x.std(0, unbiased=False, keepdim=True).flatten()])),
    "log1p": ([uniform(-0.5, 2, 3, 4)], lambda x: x.log1p()),
    "expm1": ([normal(3, 4)], lambda x: x.expm1()),
    "sin": ([normal(3, 4)], lambda x: x.sin()),
    "cos": ([normal(3, 4)], lambda x: x.cos()),
    "softplus": ([normal(3, 4) * 3], lambda x: F.softplus(x)),
    "softplus-beta-threshold": ([away(3, 4)], lambda x: F.softplus(x, beta=2, threshold=1)),
    "leakyRelu": ([away(3, 4)], lambda x: F.leaky_relu(x)),
    "leakyRelu-slope": ([away(3, 4)], lambda x: F.leaky_relu(x, 0.2)),
    "elu": ([away(3, 4)], lambda x: F.elu(x)),
    "elu-alpha": ([away(3, 4)], lambda x: F.elu(x, 0.5)),
    "gelu": ([normal(3, 4) * 2], lambda x: F.gelu(x)),
    "gelu-tanh": ([normal(3, 4) * 2], lambda x: F.gelu(x, approximate="tanh")),
    "silu": ([normal(3, 4) * 2], lambda x: F.silu(x)),
    "layerNorm": ([normal(3, 4)], lambda x: F.layer_norm(x, [4])),
    "layerNorm-affine": ([normal(2, 3, 4), normal(4), normal(4)], lambda x, w, b: F.layer_norm(x, [4], w, b, eps=1e-3)),
    "crossEntropy-weight": ([normal(3, 4)], lambda x: ce(x, [2, 0, 3], weight=W4)),
    "crossEntropy-labelSmoothing": ([normal(3, 4)], lambda x: ce(x, [2, 0, 3], label_smoothing=0.1)),
    "crossEntropy-both": ([normal(3, 4)], lambda x: ce(x, [2, 0, 2], weight=W4, label_smoothing=0.25)),
    "nllLoss": ([normal(3, 4)], lambda x: F.nll_loss(x.log_softmax(1), torch.tensor([1, 1, 3]))),
    "nllLoss-weight": ([normal(3, 4)], lambda x: F.nll_loss(x, torch.tensor([1, 1, 3]), weight=W4)),
    "l1Loss": ([normal(3, 4), normal(3, 4)], lambda a, b: F.l1_loss(a, b)),
    "huberLoss": ([normal(3, 4) * 2, normal(3, 4)], lambda a, b: F.huber_loss(a, b)),
    "huberLoss-delta": ([normal(3, 4) * 2, normal(3, 4)], lambda a, b: F.huber_loss(a, b, delta=0.5)),
}

VALUES_ONLY = {"compare", "argmax-argmin"}


def flat(t):
    return t.detach().reshape(-1).tolist()


cases = []
for name, (inputs, f) in CASES.items():
    xs = [x.clone().requires_grad_(name not in VALUES_ONLY) for x in inputs]
    out = f(*xs)
    r = torch.randn(tuple(out.shape), generator=gen)
    case = {"name": name, "inputs": [{"data": flat(x), "shape": list(x.shape)} for x in xs], "output": flat(out), "outputShape": list(out.shape), "r": flat(r)}
    if name not in VALUES_ONLY:
        grads = torch.autograd.grad((out * r).sum(), xs)
        case["grads"] = [flat(g) for g in grads]
    cases.append(case)

path = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "ops.json"
path.write_text(json.dumps({"torch": torch.__version__, "cases": cases}) + "\n")
print(f"wrote {len(cases)} cases to {path}")
