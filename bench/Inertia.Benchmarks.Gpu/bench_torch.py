#!/usr/bin/env python3
"""PyTorch side of the GPU benchmark, on the same GPU, and the ratio table.

Runs torch.optim.*(fused=True) (foreach=True where fused does not exist) over 100M float32
parameters as 1 and 200 tensors, a device-to-device copy, and an eager 784-300-100-10 MLP epoch at
batch 256 and 4096; reads the Inertia numbers (lines `name<TAB>ms` printed by the published
Inertia.Benchmarks.Gpu) from the file given as argument, and prints one table:
name | inertia ms | torch ms | torch/inertia (higher is better for Inertia) | % of copy bandwidth.

Usage: ./Inertia.Benchmarks.Gpu > inertia.tsv && python3 bench_torch.py inertia.tsv [--repeats N]

Each measurement is also printed to stderr as it finishes. A case that raises is reported and
skipped; SIGTERM (a `timeout` running out) stops the measuring and still prints the table of what
was measured, so a time-limited run on a rented GPU keeps its numbers.
"""
import argparse
import signal
import statistics
import sys
import time

import torch

DEVICE = "cuda"
# Bytes each update reads and writes per parameter (4 per float: p, g and the slots read, p and slots written).
BYTES = {"sgd": 12, "sgd_momentum": 20, "sgd_nesterov": 20, "rmsprop": 20, "rmsprop_centered_momentum": 36, "adagrad": 20,
         "adam": 28, "adam_amsgrad": 36, "adamw": 28, "adamax": 28, "nadam": 28, "adadelta": 28, "radam": 28, "lion": 20}
TOTAL = 100_000_000


class OutOfTime(Exception):
    """Raised by the SIGTERM handler: stop measuring, print what was measured."""


def stop_measuring(signum, frame):
    raise OutOfTime()


def timed(fn, repeats, warmup=3):
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
    yield "sgd", lambda p: (o.SGD(p, lr=1e-3, fused=True), "fused")
    yield "sgd_momentum", lambda p: (o.SGD(p, lr=1e-3, momentum=0.9, fused=True), "fused")
    yield "sgd_nesterov", lambda p: (o.SGD(p, lr=1e-3, momentum=0.9, nesterov=True, fused=True), "fused")
    yield "rmsprop", lambda p: (o.RMSprop(p, foreach=True), "foreach")
    yield "rmsprop_centered_momentum", lambda p: (o.RMSprop(p, momentum=0.9, centered=True, foreach=True), "foreach")
    yield "adagrad", lambda p: fused_or_foreach(o.Adagrad, p)
    yield "adam", lambda p: (o.Adam(p, fused=True), "fused")
    yield "adam_amsgrad", lambda p: (o.Adam(p, amsgrad=True, fused=True), "fused")
    yield "adamw", lambda p: (o.AdamW(p, fused=True), "fused")
    yield "adamax", lambda p: (o.Adamax(p, foreach=True), "foreach")
    yield "nadam", lambda p: (o.NAdam(p, foreach=True), "foreach")
    yield "adadelta", lambda p: (o.Adadelta(p, foreach=True), "foreach")
    yield "radam", lambda p: (o.RAdam(p, foreach=True), "foreach")


def fused_or_foreach(cls, params):
    # Some versions accept fused=True for a class and refuse the device only at the first step
    # (Adagrad: CPU-only fused kernel), so one trial step decides.
    try:
        optimizer = cls(params, fused=True)
        optimizer.step()
        return optimizer, "fused"
    except (TypeError, RuntimeError):
        return cls(params, foreach=True), "foreach"


def measure_optimizers(results, implementations, failed, repeats):
    for name, factory in optimizer_cases():
        for tensors in (1, 200):
            case = f"{name}_{tensors}t"
            try:
                params = [torch.nn.Parameter(torch.rand(TOTAL // tensors, device=DEVICE) - 0.5) for _ in range(tensors)]
                for p in params:
                    p.grad = (torch.rand_like(p) - 0.5) * 1e-3
                opt, implementations[case] = factory(params)
                record(results, case, timed(opt.step, repeats))
                del opt, params
            except (RuntimeError, TypeError) as e:
                failed.append(case)
                print(f"{case}: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}", file=sys.stderr, flush=True)
            torch.cuda.empty_cache()


def measure_copy(results, repeats):
    a = torch.zeros(TOTAL, device=DEVICE)
    b = torch.empty_like(a)
    record(results, "copy_d2d", timed(lambda: b.copy_(a), repeats))


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

        record(results, f"mlp_epoch_b{batch}", timed(epoch, repeats=3, warmup=1))


def record(results, name, ms):
    results[name] = ms
    print(f"torch {name}\t{ms:.4f}", file=sys.stderr, flush=True)


def read_inertia(path):
    """The `name<TAB>ms` lines of the Inertia run; anything else (a cut-off last line) is reported and skipped."""
    inertia = {}
    try:
        with open(path) as f:
            for number, line in enumerate(f, 1):
                name, _, ms = line.rstrip("\n").partition("\t")
                try:
                    inertia[name] = float(ms)
                except ValueError:
                    print(f"{path}:{number}: not a `name<TAB>ms` line, skipped: {line.rstrip()!r}", file=sys.stderr)
    except OSError as e:
        print(f"no Inertia numbers: {e}", file=sys.stderr)
    return inertia


def print_table(inertia, torch_results, implementations):
    copy = inertia.get("copy_d2d")
    copy_bandwidth = 8 * TOTAL / copy if copy else None  # a copy reads and writes 4 bytes per float
    print(f"{'case':32} {'inertia ms':>11} {'torch ms':>10} {'torch/inertia':>14} {'% of copy BW':>13}  torch impl")
    for name in list(torch_results) + [n for n in inertia if n not in torch_results]:
        ours, t = inertia.get(name), torch_results.get(name)
        ratio = f"{t / ours:14.2f}" if ours and t else f"{'-':>14}"
        algorithm = name.rsplit("_", 1)[0]
        share = (f"{100 * BYTES[algorithm] * TOTAL / ours / copy_bandwidth:12.0f}%"
                 if ours and copy_bandwidth and algorithm in BYTES else f"{'-':>13}")
        ours_ms = f"{ours:11.3f}" if ours else f"{'-':>11}"
        torch_ms = f"{t:10.3f}" if t else f"{'-':>10}"
        print(f"{name:32} {ours_ms} {torch_ms} {ratio} {share}  {implementations.get(name, '')}".rstrip())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inertia_tsv", nargs="?", help="the Inertia run's `name<TAB>ms` lines")
    parser.add_argument("--repeats", type=int, default=20, help="timed optimizer steps and copies per case (median)")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error(f"--repeats must be at least 1, got {args.repeats}")
    if not torch.cuda.is_available():
        sys.exit("bench_torch.py needs a CUDA GPU")
    inertia = read_inertia(args.inertia_tsv) if args.inertia_tsv else {}
    signal.signal(signal.SIGTERM, stop_measuring)
    torch_results, implementations, failed = {}, {}, []
    stages = [lambda: measure_copy(torch_results, args.repeats),
              lambda: measure_optimizers(torch_results, implementations, failed, args.repeats),
              lambda: measure_mlp(torch_results)]
    complete, stopped = True, False
    for stage in stages:
        try:
            stage()
        except (OutOfTime, KeyboardInterrupt):
            complete, stopped = False, True
            break
        except Exception as e:  # one broken stage must not lose the others' numbers
            print(f"{type(e).__name__}: {e}", file=sys.stderr, flush=True)
            complete = False
    complete = complete and not failed
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    print(f"GPU: {torch.cuda.get_device_name()}  torch {torch.__version__} (CUDA {torch.version.cuda}), repeats {args.repeats}"
          + ("  -- STOPPED EARLY (time limit): torch columns are partial" if stopped else "")
          + ("" if complete or stopped else "  -- some cases failed (see stderr): torch columns are partial"))
    print_table(inertia, torch_results, implementations)
    sys.exit(0 if complete else 1)


if __name__ == "__main__":
    main()
