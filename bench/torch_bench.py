"""PyTorch side of `npm run bench` (bench/torch.ts writes the jobs; run with Debian's /usr/bin/python3).

usage: torch_bench.py JOBDIR [--quick]
       torch_bench.py JOBDIR --serve float64|float32


JOBDIR/jobs.json lists the workloads with the very data and initial weights gradlab and TF.js use
(raw little-endian float64 / int32 files beside it). Each workload runs as a user would write it in
PyTorch (x @ W + b per layer, F.cross_entropy / F.binary_cross_entropy_with_logits, torch.optim,
loss.item() every step) on one thread, in float64 and in float32. Timing follows bench/harness.ts:
a warm-up of at least 300 ms, then 7 samples (3 with --quick) of about 120 ms each, the two dtypes
alternating; prints one JSON object {id: {"float64": median ms, "float32": median ms}}.

With --serve it is one arm of `npm run bench:sweep` (bench/sweep-arm.ts describes the protocol): it reads
one JSON command per line ({"op": "prepare", "id": …, "quick": …}, {"op": "sample"}, {"op": "release"}) and
answers each with one JSON line, so the sweep interleaves its samples with the JavaScript arms'.
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_grad_enabled(True)


def load(job_dir, entry):
    return np.fromfile(os.path.join(job_dir, entry["file"]), dtype=entry["dtype"])


def train_step_fn(job, job_dir, dtype):
    spec = job["spec"]
    sizes = spec["sizes"]
    layers = []
    for l, w in enumerate(job["weights"]):
        W = torch.tensor(load(job_dir, w["w"]).reshape(sizes[l], sizes[l + 1]), dtype=dtype, requires_grad=True)
        b = torch.tensor(load(job_dir, w["b"]), dtype=dtype, requires_grad=True)
        layers.append((W, b))
    params = [p for layer in layers for p in layer]
    opt = spec["optimizer"]
    if opt["kind"] == "sgd":
        optimizer = torch.optim.SGD(params, lr=opt["lr"])
    elif opt["kind"] == "momentum":
        optimizer = torch.optim.SGD(params, lr=opt["lr"], momentum=opt["momentum"])
    else:
        optimizer = torch.optim.Adam(params, lr=opt["lr"])
    batches = []
    for b in job["batches"]:
        x = torch.tensor(load(job_dir, b["x"]).reshape(-1, sizes[0]), dtype=dtype)
        y = torch.tensor(load(job_dir, b["y"]).astype(np.int64))
        if spec["loss"] == "bce":
            y = y.to(dtype).reshape(-1, 1)
        batches.append((x, y))
    act = torch.tanh if spec["activation"] == "tanh" else torch.relu
    bce = spec["loss"] == "bce"
    counter = [0]

    def step():
        x, y = batches[counter[0] % len(batches)]
        counter[0] += 1
        optimizer.zero_grad()
        h = x
        for i, (W, b) in enumerate(layers):
            h = h @ W + b
            if i < len(layers) - 1:
                h = act(h)
        loss = F.binary_cross_entropy_with_logits(h, y) if bce else F.cross_entropy(h, y)
        loss.backward()
        optimizer.step()
        return loss.item()

    return step


def adam_step_fn(job, job_dir, dtype):
    p = torch.tensor(load(job_dir, job["param"]), dtype=dtype, requires_grad=True)
    p.grad = torch.tensor(load(job_dir, job["grad"]), dtype=dtype)
    optimizer = torch.optim.Adam([p], lr=job["lr"])
    return optimizer.step


def matmul_fn(job, job_dir, dtype):
    n = job["n"]
    a = torch.tensor(load(job_dir, job["a"]).reshape(n, n), dtype=dtype)
    b = torch.tensor(load(job_dir, job["b"]).reshape(n, n), dtype=dtype)
    return lambda: a @ b


BUILDERS = {"train": train_step_fn, "adam": adam_step_fn, "matmul": matmul_fn}


def time_steps(step, n):
    start = time.perf_counter()
    for _ in range(n):
        step()
    return (time.perf_counter() - start) / n * 1000


def calibrate(step, warmup_ms, sample_ms):
    per, ran, start = float("inf"), 0, time.perf_counter()
    while ran < 2 or (time.perf_counter() - start) * 1000 < warmup_ms:
        per = min(per, time_steps(step, 1))
        ran += 1
    return max(1, round(sample_ms / per))


def measure(job, job_dir, quick):
    reps, warmup_ms, sample_ms = (3, 100, 40) if quick else (7, 300, 120)
    sides = {}
    for name, dtype in (("float64", torch.float64), ("float32", torch.float32)):
        step = BUILDERS[job["kind"]](job, job_dir, dtype)
        sides[name] = (step, calibrate(step, warmup_ms, sample_ms), [])
    names = list(sides)
    for r in range(reps):
        for k in range(len(names)):
            step, count, samples = sides[names[(r + k) % len(names)]]
            samples.append(time_steps(step, count))
    return {name: sorted(s[2])[len(s[2]) // 2] for name, s in sides.items()}


def serve(job_dir, dtype):
    with open(os.path.join(job_dir, "jobs.json")) as f:
        jobs = {job["id"]: job for job in json.load(f)}
    current = None
    for line in sys.stdin:
        command = json.loads(line)
        try:
            if command["op"] == "prepare":
                step = BUILDERS["train"](jobs[command["id"]], job_dir, dtype)
                _, warmup_ms, sample_ms = (3, 100, 40) if command["quick"] else (7, 300, 120)
                current = (step, calibrate(step, warmup_ms, sample_ms))
                reply = {"count": current[1]}
            elif command["op"] == "sample":
                reply = {"ms": time_steps(*current)}
            else:
                current, reply = None, {}
        except Exception as error:  # reported to the parent, which stops the sweep with it
            reply = {"error": repr(error)}
        print(json.dumps(reply), flush=True)


def main():
    job_dir = sys.argv[1]
    if "--serve" in sys.argv[2:]:
        serve(job_dir, {"float64": torch.float64, "float32": torch.float32}[sys.argv[sys.argv.index("--serve") + 1]])
        return
    quick = "--quick" in sys.argv[2:]
    with open(os.path.join(job_dir, "jobs.json")) as f:
        jobs = json.load(f)
    out = {str(job["id"]): measure(job, job_dir, quick) for job in jobs}
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "ms": out}))


if __name__ == "__main__":
    main()
