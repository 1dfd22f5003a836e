#!/usr/bin/env bash
# Set up everything on a fresh Debian/Ubuntu machine, then run one job:
#   bash scripts/bootstrap.sh demo   -> build the sample evidence, a case, triage it
#   bash scripts/bootstrap.sh test   -> the whole test suite (what CI runs)
# Needs root or sudo for the Debian packages; everything Python goes into ./.venv.
set -euo pipefail
cd "$(dirname "$0")/.."
job="${1:-demo}"; shift || true

# Runtime: libmagic (file types), python venv. Tests also build real images with real tools.
RUNTIME_PKGS="python3 python3-venv python3-dev gcc zlib1g-dev libmagic1 fonts-dejavu-core libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0"
TEST_PKGS="dosfstools mtools ntfs-3g ntfs-3g-dev e2fsprogs fdisk ewf-tools sleuthkit yara hashdeep poppler-utils faketime gcc xvfb strace zip"

pkgs="$RUNTIME_PKGS"
[ "$job" = "test" ] && pkgs="$RUNTIME_PKGS $TEST_PKGS"
missing=""
for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  if [ -n "$SUDO" ] && ! command -v sudo >/dev/null; then
    echo "Please install these Debian packages as root:$missing" >&2; exit 1
  fi
  echo "Installing Debian packages:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
if [ "$job" = "test" ]; then
  .venv/bin/python -m pip install -q -e ".[dev]"
else
  .venv/bin/python -m pip install -q -e .
fi

# Compressed E01 decodes ~6x faster with libewf built against zlib (FIELD-NOTES); the PyPI wheel
# is kept if the rebuild cannot be done here. Done once per venv; FT_FAST_LIBEWF=0 skips it.
if [ "${FT_FAST_LIBEWF:-1}" = "1" ] && [ ! -f .venv/.fast-libewf ]; then
  if bash benchmarks/fast_libewf.sh .venv >/dev/null 2>&1; then
    touch .venv/.fast-libewf
  else
    echo "note: keeping the PyPI libewf-python build (E01 reads are slower); see benchmarks/fast_libewf.sh" >&2
  fi
fi

case "$job" in
  demo)
    dir="${1:-forensic-triage-demo}"
    rm -rf "$dir"
    exec .venv/bin/forensic-triage demo "$dir"
    ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
    ;;
  *)
    echo "usage: bash scripts/bootstrap.sh demo|test" >&2; exit 2;;
esac
