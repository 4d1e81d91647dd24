#!/usr/bin/env python3
"""PyTorch side of the GPU benchmark, on the same GPU, and the ratio table.

Runs torch.optim.*(fused=True) (foreach=True where fused does not exist) over 100M float32
parameters as 1 and 200 tensors, a device-to-device copy, and an eager 784-300-100-10 MLP epoch at
batch 256 and 4096; reads the Inertia numbers (lines `name<TAB>ms` printed by the published
Inertia.Benchmarks.Gpu) from the file given as argument, and prints one table:
name | inertia ms | torch ms | torch/inertia (higher is better for Inertia).

Usage: ./Inertia.Benchmarks.Gpu > inertia.tsv && python3 bench_torch.py inertia.tsv
"""
import statistics
import sys
import time

import torch

DEVICE = "cuda"
# Bytes each update reads and writes per parameter (4 per float: p, g and the slots read, p and slots written).
BYTES = {"sgd": 12, "sgd_momentum": 20, "sgd_nesterov": 20, "rmsprop": 20, "rmsprop_centered_momentum": 36, "adagrad": 20,
         "adam": 28, "adam_amsgrad": 36, "adamw": 28, "adamax": 28, "nadam": 28, "adadelta": 28, "radam": 28, "lion": 20}
TOTAL = 100_000_000


def timed(fn, repeats=20, warmup=3):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(repeats):
        torch.cuda.synchronize()
        start = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def optimizer_cases():
    o = torch.optim
    yield "sgd", lambda p: o.SGD(p, lr=1e-3, fused=True)
    yield "sgd_momentum", lambda p: o.SGD(p, lr=1e-3, momentum=0.9, fused=True)
    yield "sgd_nesterov", lambda p: o.SGD(p, lr=1e-3, momentum=0.9, nesterov=True, fused=True)
    yield "rmsprop", lambda p: o.RMSprop(p, foreach=True)
    yield "rmsprop_centered_momentum", lambda p: o.RMSprop(p, momentum=0.9, centered=True, foreach=True)
    yield "adagrad", lambda p: make_fused_or_foreach(o.Adagrad, p)
    yield "adam", lambda p: o.Adam(p, fused=True)
    yield "adam_amsgrad", lambda p: o.Adam(p, amsgrad=True, fused=True)
    yield "adamw", lambda p: o.AdamW(p, fused=True)
    yield "adamax", lambda p: o.Adamax(p, foreach=True)
    yield "nadam", lambda p: o.NAdam(p, foreach=True)
    yield "adadelta", lambda p: o.Adadelta(p, foreach=True)
    yield "radam", lambda p: o.RAdam(p, foreach=True)


def make_fused_or_foreach(cls, params):
    try:
        return cls(params, fused=True)
    except (TypeError, RuntimeError):
        return cls(params, foreach=True)


def measure_optimizers(results):
    for name, factory in optimizer_cases():
        for tensors in (1, 200):
            params = [torch.nn.Parameter(torch.rand(TOTAL // tensors, device=DEVICE) - 0.5) for _ in range(tensors)]
            for p in params:
                p.grad = (torch.rand_like(p) - 0.5) * 1e-3
            opt = factory(params)
            results[f"{name}_{tensors}t"] = timed(opt.step)
            del opt, params
            torch.cuda.empty_cache()


def measure_copy(results):
    a = torch.zeros(TOTAL, device=DEVICE)
    b = torch.empty_like(a)
    results["copy_d2d"] = timed(lambda: b.copy_(a))


def measure_mlp(results):
    rows = 60_000
    x = torch.rand(rows, 784, device=DEVICE)
    y = torch.randint(0, 10, (rows,), device=DEVICE)
    for batch in (256, 4096):
        model = torch.nn.Sequential(torch.nn.Linear(784, 300), torch.nn.ReLU(), torch.nn.Linear(300, 100), torch.nn.ReLU(),
                                    torch.nn.Linear(100, 10)).to(DEVICE)
        opt = torch.optim.SGD(model.parameters(), lr=1e-2)
        loss_fn = torch.nn.CrossEntropyLoss()

        def epoch():
            total = 0.0
            for start in range(0, rows, batch):
                opt.zero_grad(set_to_none=True)
                loss = loss_fn(model(x[start:start + batch]), y[start:start + batch])
                loss.backward()
                opt.step()
                total += loss.item()  # Inertia also reads each batch's loss back
            return total

        results[f"mlp_epoch_b{batch}"] = timed(epoch, repeats=3, warmup=1)


def main():
    if not torch.cuda.is_available():
        sys.exit("bench_torch.py needs a CUDA GPU")
    inertia = {}
    if len(sys.argv) > 1:
        with open(sys.argv[1]) as f:
            for line in f:
                name, ms = line.split("\t")
                inertia[name] = float(ms)
    torch_results = {}
    measure_copy(torch_results)
    measure_optimizers(torch_results)
    measure_mlp(torch_results)
    print(f"GPU: {torch.cuda.get_device_name()}  torch {torch.__version__}")
    copy = inertia.get("copy_d2d")
    copy_bandwidth = 8 * TOTAL / copy if copy else None  # a copy reads and writes 4 bytes per float
    print(f"{'case':32} {'inertia ms':>11} {'torch ms':>10} {'torch/inertia':>14} {'% of copy BW':>13}")
    for name, t in list(torch_results.items()) + [(n, None) for n in inertia if n not in torch_results]:
        ours = inertia.get(name)
        ratio = f"{t / ours:14.2f}" if ours and t else f"{'-':>14}"
        algorithm = name.rsplit("_", 1)[0]
        share = (f"{100 * BYTES[algorithm] * TOTAL / ours / copy_bandwidth:12.0f}%"
                 if ours and copy_bandwidth and algorithm in BYTES else f"{'-':>13}")
        torch_ms = f"{t:10.3f}" if t else f"{'-':>10}"
        print(f"{name:32} {ours if ours else float('nan'):11.3f} {torch_ms} {ratio} {share}")


if __name__ == "__main__":
    main()
