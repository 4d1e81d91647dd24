#!/usr/bin/env bash
# Packs the GPU benchmark and `check` for a GPU machine that has no .NET: a self-contained linux-x64
# publish (untrimmed: trimming breaks ILGPU's reflection over the kernels) plus the golden files of
# shared/conformance, in ONE archive, device-pack/inertia-gpu.tar.xz (ignored by git). Carry that
# folder to the GPU machine and run bench/Inertia.Benchmarks.Gpu/device-run.sh there (docs/gpu.md).
#
# Usage, from anywhere in the repo: bash bench/Inertia.Benchmarks.Gpu/pack-device.sh
# The golden files come from $INERTIA_SHARED/conformance, else the first shared/conformance found
# walking up from the repo root (as the tests look for them).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
limit_mib=48  # what travels to the device is 64 MiB in all, the working tree included

conformance=""
if [[ -n "${INERTIA_SHARED:-}" ]]; then
    conformance="$INERTIA_SHARED/conformance"
else
    dir="$root"
    while [[ "$dir" != "/" ]]; do
        if [[ -d "$dir/shared/conformance" ]]; then conformance="$dir/shared/conformance"; break; fi
        dir=$(dirname "$dir")
    done
fi
if [[ -z "$conformance" || ! -d "$conformance" ]]; then
    echo "pack-device.sh: shared/conformance not found above $root and INERTIA_SHARED is not set to a folder holding conformance/" >&2
    exit 1
fi
golden=$(find "$conformance" -name '*.json' | wc -l)
if (( golden < 70 )); then
    echo "pack-device.sh: only $golden golden files under $conformance; the Keras and PyTorch sets hold more than 70" >&2
    exit 1
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
package="$stage/inertia-gpu"
mkdir -p "$package/shared"

dotnet publish bench/Inertia.Benchmarks.Gpu -c Release -r linux-x64 --self-contained \
    -p:PublishTrimmed=false -p:InvariantGlobalization=true -o "$package/app"
cp -r "$conformance" "$package/shared/conformance"
# The GPU machine gets one try: the packed program must pass its smoke test here first, from the
# package alone (its own runtime, its own golden files), on ILGPU's CPU accelerator.
echo "smoke test of the package: check --quick --cpu-accelerator"
if ! INERTIA_SHARED="$package/shared" "$package/app/Inertia.Benchmarks.Gpu" check --quick --cpu-accelerator > "$stage/smoke.txt" 2>&1; then
    cat "$stage/smoke.txt"
    echo "pack-device.sh: the packed program failed its smoke test; no archive written" >&2
    exit 1
fi
tail -n 1 "$stage/smoke.txt"
{
    echo "commit: $(git rev-parse HEAD)$(git diff --quiet HEAD -- src bench tests || echo ' (with uncommitted changes)')"
    echo "packed: $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -m)"
    echo "golden files: $golden from $conformance"
} > "$package/PACKAGE.txt"

mkdir -p device-pack
archive=device-pack/inertia-gpu.tar.xz
tar -C "$stage" -cf - inertia-gpu | xz -9 -T2 > "$archive.tmp"
mv "$archive.tmp" "$archive"
bytes=$(stat -c %s "$archive")
echo "archive: $root/$archive, $bytes bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MiB; unpacked $(du -sh "$package" | cut -f1))"
if (( bytes > limit_mib * 1048576 )); then
    echo "pack-device.sh: the archive is over $limit_mib MiB; it and the working tree must travel in 64 MiB" >&2
    exit 1
fi
