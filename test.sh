#!/usr/bin/env bash
# The README's test command, and CI's: installs the system components the tests drive (Chromium for
# the report test, MPICH for the distributed tests), then runs every test. Arguments go to dotnet test.
set -euo pipefail
cd "$(dirname "$0")"

packages="chromium mpich libmpich-dev"
have_all() {
  command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1 &&
    command -v mpiexec.mpich >/dev/null 2>&1 &&
    { ldconfig -p 2>/dev/null | grep -q 'libmpich\.so\.12 '; }
}

if ! have_all; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: the tests need Chromium and MPICH (mpiexec.mpich, libmpich.so.12); install them with your package manager, then rerun ./test.sh" >&2
    exit 1
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: the tests need $packages; install them with: sudo apt-get install -y $packages" >&2
    exit 1
  fi
  echo "test.sh: installing $packages" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
fi

exec dotnet test -c Release "$@"
