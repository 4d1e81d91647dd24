#!/usr/bin/env bash
# One-shot run on a rented GPU machine that has the NVIDIA driver and python3 with PyTorch but no .NET:
# the device `check` (golden optimizer trajectories, MLP beside the CPU engine), the Inertia GPU
# benchmark and the PyTorch benchmark with its ratio table. From the repo root, with the archive
# made by pack-device.sh carried along:
#
#   bash bench/Inertia.Benchmarks.Gpu/device-run.sh [device-pack/inertia-gpu.tar.xz]
#
# Everything is echoed and also written to $OUT (./device-out when OUT is unset): device-run.log (all
# of it), check.txt, inertia.tsv, inertia-bench.log, table.txt, torch.log. Each step has its own time
# limit, cut to what is left of a total budget, and a failed or stopped step never stops the next.
# The exit status is 0 only when every step passed.
#
# Environment: DEVICE_RUN_BUDGET total seconds (default 390); DEVICE_RUN_CPU=1 runs the Inertia steps
# on ILGPU's CPU accelerator with --quick (and one repeat: a testing aid for this script without a GPU);
# DEVICE_RUN_PYTHON the interpreter (default python3).
set -u -o pipefail

start=$(date +%s)
budget=${DEVICE_RUN_BUDGET:-390}
python=${DEVICE_RUN_PYTHON:-python3}
archive=${1:-device-pack/inertia-gpu.tar.xz}
out=${OUT:-$PWD/device-out}
work=/tmp/inertia-gpu-run
mkdir -p "$out"
exec > >(tee -a "$out/device-run.log") 2>&1
tee_pid=$!

check_flags=()
bench_flags=()
if [[ "${DEVICE_RUN_CPU:-}" == 1 ]]; then
    check_flags=(--cpu-accelerator --quick)
    bench_flags=(--cpu-accelerator --quick --repeats 1)
fi
declare -A status

section() { echo; echo "=== $* ($(( $(date +%s) - start )) s elapsed)"; }

# Seconds a step may run: its cap, or what is left of the budget when that is less (at least 1:
# `timeout 0` would mean no limit at all).
limit() {
    local left=$(( budget - ($(date +%s) - start) ))
    (( left < 1 )) && left=1
    (( left < $1 )) && echo "$left" || echo "$1"
}

# Whether the budget still leaves a step $2 seconds worth starting; records it as skipped if not.
starts() {
    if (( $2 < 5 )); then status[$1]="skipped (budget of $budget s spent)"; echo "--- $1: ${status[$1]}"; return 1; fi
}

# Records a step's exit status; 124 is timeout's "ran out of time".
finish() {
    status[$1]=$2
    if (( $2 == 124 )); then echo "--- $1: stopped at its time limit ($3 s)"; else echo "--- $1: exit $2"; fi
}

section "machine"
date -u
uname -a
grep -E '^PRETTY_NAME=' /etc/os-release 2>/dev/null
echo "cpus: $(nproc), $(free -g 2>/dev/null | awk '/^Mem:/ {print $2 " GiB memory"}')"
smi=$(command -v nvidia-smi || ls /usr/local/nvidia/bin/nvidia-smi 2>/dev/null)
if [[ -n "$smi" ]]; then timeout 20 "$smi"; else echo "nvidia-smi: not found"; fi

section "unpack $archive"
rm -rf "$work"
mkdir -p "$work"
app=""
if [[ ! -f "$archive" ]]; then
    echo "no archive at $(realpath -m "$archive"): run pack-device.sh where .NET is and carry device-pack/; the Inertia steps are skipped"
elif tar -xJf "$archive" -C "$work" 2>&1 || "$python" -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$archive" "$work"; then
    app="$work/inertia-gpu/app/Inertia.Benchmarks.Gpu"
    cat "$work/inertia-gpu/PACKAGE.txt"
    export INERTIA_SHARED="$work/inertia-gpu/shared"
else
    echo "could not unpack $archive; the Inertia steps are skipped"
fi

section "python, torch, CUDA libraries"
# PyTorch loads the driver's libcuda and its wheel's cuBLAS: after one matrix product, /proc/self/maps
# names both files. The wheel folders are also searched, in case torch fails.
probe=$(timeout "$(limit 60)" "$python" - <<'PY' 2>&1
import glob, os, site, sys
print("python", sys.version.split()[0], sys.executable)
try:
    import torch
    print("torch", torch.__version__, "CUDA", torch.version.cuda, "available", torch.cuda.is_available())
    if torch.cuda.is_available():
        print("gpu", torch.cuda.get_device_name(0), "capability", torch.cuda.get_device_capability(0))
        a = torch.ones(64, 64, device="cuda")
        (a @ a).sum().item()
        seen = set()
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                if os.path.basename(path).startswith(("libcuda.so", "libcublas.so", "libcublasLt.so")) and path not in seen:
                    seen.add(path)
                    print("LIB", path)
except Exception as e:
    print("torch failed:", type(e).__name__, e)
roots = [r for r in site.getsitepackages() + [site.getusersitepackages()] + sys.path if r and os.path.isdir(r)]
for root in dict.fromkeys(roots):
    for found in sorted(glob.glob(os.path.join(root, "nvidia", "*", "lib", "libcublas.so*"))):
        print("LIB", found)
PY
)
echo "$probe"
echo "$probe" | grep -qE '^torch failed|^Traceback' && echo "(the probe could not use torch; falling back to the loader cache and common folders)"

libs=$(echo "$probe" | awk '$1 == "LIB" { print $2 }')
driver=$(echo "$libs" | grep -m1 '/libcuda\.so')
[[ -z "$driver" ]] && driver=$(ldconfig -p 2>/dev/null | awk '/libcuda\.so/ { print $NF; exit }')
[[ -z "$driver" ]] && driver=$(find /usr/local/nvidia /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib /usr/local/cuda/compat -maxdepth 3 -name 'libcuda.so*' 2>/dev/null | head -n1)
cublas=$(echo "$libs" | grep -m1 '/libcublas\.so')
[[ -z "$cublas" ]] && cublas=$(ldconfig -p 2>/dev/null | awk '/libcublas\.so/ { print $NF; exit }')
[[ -z "$cublas" ]] && cublas=$(find /usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib /usr/lib/x86_64-linux-gnu -maxdepth 1 -name 'libcublas.so*' 2>/dev/null | head -n1)

# ILGPU opens the driver as "libcuda.so" (unversioned), which driver installs without the CUDA
# development files lack: a link to the real libcuda.so.1 in a folder of our own supplies it. The
# driver's own folder goes on the path too, for the libraries libcuda opens itself (the PTX JIT).
links="$work/lib"
mkdir -p "$links"
path_dirs=("$links")
if [[ -n "$driver" ]]; then
    real=$(readlink -f "$driver")
    ln -sf "$real" "$links/libcuda.so"
    ln -sf "$real" "$links/libcuda.so.1"
    path_dirs+=("$(dirname "$driver")")
    echo "driver: $driver -> $real (linked as $links/libcuda.so)"
else
    echo "driver: libcuda not found; ILGPU will report CUDA unusable"
fi
if [[ -n "$cublas" ]]; then
    # cuBLAS opens cublasLt from its own folder; Inertia accepts libcublas.so.13 where ILGPU asks for .so.12.
    path_dirs+=("$(dirname "$cublas")")
    echo "cuBLAS: $cublas ($(ls "$(dirname "$cublas")" | grep -E '^libcublas(Lt)?\.so' | tr '\n' ' '))"
else
    echo "cuBLAS: not found; Inertia's GEMMs will use the ILGPU tiled kernel"
fi
LD_LIBRARY_PATH=$(IFS=:; echo "${path_dirs[*]}")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export LD_LIBRARY_PATH
echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"
# ILGPU reports a libcuda it cannot open as "no device": open the names it will ask for first, so a
# loader problem shows here with the loader's own message.
timeout 30 "$python" - <<'PY' 2>&1
import ctypes
for name in ("libcuda.so", "libcublas.so.12", "libcublas.so.13"):
    try:
        ctypes.CDLL(name)
        print(f"dlopen {name}: ok")
    except OSError as e:
        print(f"dlopen {name}: {e}")
try:
    cuda = ctypes.CDLL("libcuda.so")
    count, version = ctypes.c_int(-1), ctypes.c_int(-1)
    status = cuda.cuInit(0)
    cuda.cuDeviceGetCount(ctypes.byref(count))
    cuda.cuDriverGetVersion(ctypes.byref(version))
    print(f"cuInit: {status} (0 is success), devices: {count.value}, driver API version: {version.value}")
except (OSError, AttributeError) as e:
    print(f"driver API: {e}")
PY

if [[ -n "$app" ]]; then
    t=$(limit 120)
    section "check ${check_flags[*]} (limit $t s) -> $out/check.txt"
    if starts check "$t"; then
        timeout -k 5 "$t" "$app" check "${check_flags[@]}" 2>&1 | tee "$out/check.txt"
        finish check "${PIPESTATUS[0]}" "$t"
    fi

    t=$(limit 150)
    section "Inertia benchmark ${bench_flags[*]} (limit $t s) -> $out/inertia.tsv"
    if starts inertia-bench "$t"; then
        timeout -k 5 "$t" "$app" "${bench_flags[@]}" 2>"$out/inertia-bench.log" | tee "$out/inertia.tsv"
        finish inertia-bench "${PIPESTATUS[0]}" "$t"
        cat "$out/inertia-bench.log"
    fi
else
    status[check]=skipped
    status[inertia-bench]=skipped
fi

t=$(limit 90)
section "PyTorch benchmark and table (limit $t s) -> $out/table.txt"
if starts torch-bench "$t"; then
    # SIGTERM at the limit makes bench_torch.py print the table of what it measured; -k ends a hung one.
    PYTHONUNBUFFERED=1 timeout -k 10 "$t" "$python" bench/Inertia.Benchmarks.Gpu/bench_torch.py "$out/inertia.tsv" \
        2>"$out/torch.log" | tee "$out/table.txt"
    finish torch-bench "${PIPESTATUS[0]}" "$t"
    cat "$out/torch.log"
fi

section "summary"
ok=0
for step in check inertia-bench torch-bench; do
    echo "$step: ${status[$step]}"
    [[ "${status[$step]}" == 0 ]] || ok=1
done
grep -E '^(conformance: [0-9]+ passed|check: )' "$out/check.txt" 2>/dev/null
# Let tee write the last lines to the log before $OUT is collected.
exec >&- 2>&-
wait "$tee_pid"
exit "$ok"
