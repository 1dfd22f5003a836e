#!/usr/bin/env bash
# Set up everything on a fresh Debian/Ubuntu machine, then run one job:
#   bash scripts/bootstrap.sh install -> packages, ./.venv, launchers in ~/.local/bin (nothing else)
#   bash scripts/bootstrap.sh demo    -> install, then build the sample evidence, a case, triage it
#                                        (a new folder each run: forensic-triage-demo, -2, -3 ...)
#   bash scripts/bootstrap.sh test    -> install, then the whole test suite (what CI runs)
#   bash scripts/bootstrap.sh classroom-kit DIR -> install, then an offline kit for a room of
#                                        training machines (scripts/classroom_kit.sh)
# Needs root or sudo for the Debian packages; everything Python goes into ./.venv.
set -euo pipefail
cd "$(dirname "$0")/.."
job="${1:-demo}"; shift || true

# shellcheck source=scripts/packages.sh
. scripts/packages.sh

pkgs="$RUNTIME_PKGS $GUI_PKGS"
[ "$job" = "test" ] && pkgs="$RUNTIME_PKGS $GUI_PKGS $TEST_PKGS"
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
# pip's and setuptools' own banners (editable-install notices, upgrade hints) are not for the
# examiner: keep them in a log and show it only when the install fails.
export PIP_DISABLE_PIP_VERSION_CHECK=1
log=".venv/pip-install.log"
extra=""; [ "$job" = "test" ] && extra="[dev]"
if ! { .venv/bin/python -m pip install -q --upgrade pip && .venv/bin/python -m pip install -q -e ".$extra"; } >"$log" 2>&1; then
  cat "$log" >&2; echo "The Python packages could not be installed (log above, kept in $log)." >&2; exit 1
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

# Launchers for people who never activate a venv: ~/.local/bin/forensic-triage and
# forensic-triage-gui run this checkout's .venv (FT_NO_LAUNCHERS=1 skips them).
if [ "${FT_NO_LAUNCHERS:-0}" != "1" ]; then
  bindir="${XDG_BIN_HOME:-$HOME/.local/bin}"
  venv_bin="$(pwd)/.venv/bin"
  if mkdir -p "$bindir" 2>/dev/null; then
    for name in forensic-triage forensic-triage-gui; do
      printf '#!/bin/sh\n# Written by %s/scripts/bootstrap.sh\nexec "%s/%s" "$@"\n' "$(pwd)" "$venv_bin" "$name" >"$bindir/$name"
      chmod 755 "$bindir/$name"
    done
    case ":$PATH:" in
      *":$bindir:"*) [ "$job" = "install" ] && echo "Installed: forensic-triage and forensic-triage-gui in $bindir (on your PATH).";;
      *) echo "Installed forensic-triage and forensic-triage-gui in $bindir, which is not on your PATH: add it with" \
              "  echo 'export PATH=\"$bindir:\$PATH\"' >> ~/.profile  (then log in again), or run $venv_bin/forensic-triage.";;
    esac
  fi
fi

case "$job" in
  install)
    exit 0
    ;;
  demo)
    # Never deletes earlier work: without DIR, the demo picks a new folder each time.
    exec .venv/bin/forensic-triage demo "$@"
    ;;
  classroom-kit)
    exec bash scripts/classroom_kit.sh "$@"
    ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    export FT_REQUIRE_TOOLS=1  # a test whose tool is missing fails here (elsewhere it is a visible skip)
    # One test file per worker at a time (--dist loadfile keeps each file's fixtures in one process);
    # as many workers as cores, at most 4 (FT_TEST_WORKERS=0 runs the suite in this process).
    exec .venv/bin/python -m pytest -q -p no:cacheprovider -n "${FT_TEST_WORKERS:-auto}" --maxprocesses 4 \
      --dist loadfile "$@"
    ;;
  *)
    echo "usage: bash scripts/bootstrap.sh install|demo|test|classroom-kit DIR" >&2; exit 2;;
esac
