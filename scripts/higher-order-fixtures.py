"""PyTorch float64 references for gradlab's higher-order gradients.

Writes test/fixtures/higher-order.json: for functions built from every primitive op, the gradient,
Hessian (and its eigenvalues), Hessian-vector product and a third derivative (of scalar functions) and
the Jacobian and the gradient of a vector-Jacobian product (of vector functions).
test/tensor/higher-order.test.ts builds the same functions from the names below and compares to 1e-9
(test/nn/curvature.test.ts checks topHessianEigenvalue against the largest eigenvalue); the tests
never need torch.

Run with Debian's python3-torch: /usr/bin/python3 scripts/higher-order-fixtures.py
"""

import json
import pathlib

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(21)


def normal(*shape):
    return torch.randn(*shape, generator=gen)


def uniform(low, high, *shape):
    return low + (high - low) * torch.rand(*shape, generator=gen)


def away_from_zero(*shape):
    signs = torch.where(torch.rand(*shape, generator=gen) < 0.5, -1.0, 1.0)
    return signs * uniform(0.3, 2.0, *shape)


def distinct(*shape):
    n = 1
    for d in shape:
        n *= d
    return (torch.randperm(n, generator=gen).to(torch.float64) * 0.37 - n / 5).reshape(shape)


# name -> (x, constants, f(x, c)); every function returns a scalar.
SCALAR = {
    "add-mul-broadcast": (normal(2, 3), {}, lambda x, c: ((x * x.sum(0, keepdim=True) + x.mean(1, keepdim=True)) * x).sum()),
    "sub-div": (uniform(0.5, 2, 3), {}, lambda x, c: ((2 - x) / (x * x + 1)).sum() + (x - 1 / x).sum()),
    "neg-pow": (uniform(0.5, 2, 4), {}, lambda x, c: (-(x**3) + x**0.5 + x**-1.5 + x**2 + x**1 + x**0).sum()),
    "exp-log": (uniform(0.5, 2, 3), {}, lambda x, c: (x.exp() * x.log()).sum()),
    "sqrt-abs": (away_from_zero(4), {}, lambda x, c: (x.abs().sqrt() * x).sum()),
    "tanh-sigmoid": (normal(3), {}, lambda x, c: (x.tanh() * x.sigmoid()).sum()),
    "relu": (away_from_zero(5), {}, lambda x, c: (x.relu() ** 2 * x).sum()),
    "matmul": (normal(6), {"w": normal(3)}, lambda x, c: (x.reshape(2, 3) @ x.reshape(2, 3).T).tanh().sum() + (x.reshape(2, 3) @ c["w"]).exp().sum()),
    "permute": (normal(2, 3, 2), {"c": normal(2, 2, 3)}, lambda x, c: (x.permute(2, 0, 1) * c["c"]).tanh().sum() * x.sum()),
    "max": (distinct(2, 3), {}, lambda x, c: (x.max(1).values ** 2).sum() + (x.max() * 0.1).exp() + (x.max(0, keepdim=True).values * x).sum()),
    "expand-sumTo": (normal(2, 3), {"c": normal(4, 2, 3)}, lambda x, c: (x.expand(4, 2, 3) * c["c"]).tanh().sum() + (x.sum_to_size(1, 3) ** 2).sum()),
    "softmax": (normal(2, 3), {"c": normal(2, 3), "d": normal(2, 3)}, lambda x, c: (x.softmax(1) * c["c"]).sum() + (x.log_softmax(0) * c["d"]).sum()),
    "cross-entropy": (normal(3, 4), {"labels": torch.tensor([2, 0, 3])}, lambda x, c: F.cross_entropy(x, c["labels"])),
    "bce-with-logits": (normal(4), {"t": uniform(0, 1, 4)}, lambda x, c: F.binary_cross_entropy_with_logits(x, c["t"])),
    "mse": (normal(4), {"t": normal(4)}, lambda x, c: F.mse_loss(x.tanh(), c["t"])),
    "mlp": (
        normal(17) * 0.5,
        {"X": normal(5, 2), "labels": torch.tensor([0, 1, 1, 0, 1])},
        lambda x, c: F.cross_entropy((c["X"] @ x[:6].reshape(2, 3) + x[6:9]).tanh() @ x[9:15].reshape(3, 2) + x[15:17], c["labels"]),
    ),
}

# name -> (x, constants, F(x, c)); vector-valued.
VECTOR = {
    "elementwise": (normal(3), {}, lambda x, c: x.tanh() * x.sigmoid() + x**2 - x.exp() / (x.abs() + 1)),
    "matmul": (normal(2, 3), {"w": normal(3, 2)}, lambda x, c: (x @ c["w"]).tanh() @ x),
    "softmax": (normal(2, 3), {}, lambda x, c: x.softmax(1) * x.log_softmax(0)),
    "log-div": (uniform(0.5, 2, 3), {}, lambda x, c: x.log() / (x + 1) - x.sqrt()),
    "reduce": (distinct(2, 3), {}, lambda x, c: x.sum(0) * x.mean(0) + x.max(0).values.relu()),
}


def flat(t):
    return t.detach().reshape(-1).tolist()


def const_json(c):
    return {k: {"data": flat(v) if v.dtype == torch.float64 else v.tolist(), "shape": list(v.shape)} for k, v in c.items()}


def scalar_case(name, x0, c, f):
    x = x0.clone().requires_grad_(True)
    v, u = normal(*x.shape), normal(*x.shape)
    (g,) = torch.autograd.grad(f(x, c), x, create_graph=True)
    (hv,) = torch.autograd.grad(g, x, v, create_graph=True)
    (third,) = torch.autograd.grad(hv, x, u)
    hessian = torch.autograd.functional.hessian(lambda t: f(t, c), x0)
    return {
        "name": name,
        "x": flat(x0),
        "shape": list(x0.shape),
        "constants": const_json(c),
        "value": f(x0, c).item(),
        "grad": flat(g),
        "hessian": flat(hessian),
        "eigenvalues": torch.linalg.eigvalsh(hessian.reshape(x0.numel(), x0.numel())).tolist(),
        "v": flat(v),
        "hvp": flat(hv),
        "u": flat(u),
        "third": flat(third),
    }


def vector_case(name, x0, c, f):
    x = x0.clone().requires_grad_(True)
    y = f(x, c)
    v = normal(*y.shape).requires_grad_(True)
    u = normal(*x.shape)
    (vjp,) = torch.autograd.grad(y, x, v, create_graph=True)
    gg_x, gg_v = torch.autograd.grad(vjp, (x, v), u)
    jacobian = torch.autograd.functional.jacobian(lambda t: f(t, c), x0)
    return {
        "name": name,
        "x": flat(x0),
        "shape": list(x0.shape),
        "constants": const_json(c),
        "output": flat(y),
        "outputShape": list(y.shape),
        "jacobian": flat(jacobian),
        "v": flat(v),
        "vjp": flat(vjp),
        "u": flat(u),
        "gradgradX": flat(gg_x),
        "gradgradV": flat(gg_v),
    }


out = {
    "generator": "scripts/higher-order-fixtures.py",
    "torch": torch.__version__,
    "scalar": [scalar_case(name, *case) for name, case in SCALAR.items()],
    "vector": [vector_case(name, *case) for name, case in VECTOR.items()],
}
path = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "higher-order.json"
path.write_text(json.dumps(out, indent=1) + "\n")
print(f"wrote {path.relative_to(path.parent.parent.parent)}: {len(out['scalar'])} scalar and {len(out['vector'])} vector functions")
