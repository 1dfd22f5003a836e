#!/usr/bin/env bash
# Rebuild libewf-python (same version) against the system zlib and install it into a venv.
#
# Why: the PyPI wheel of libewf-python carries libewf's own deflate decoder (its sdist build
# runs configure with --disable-shared-libs, which also turns zlib off); compressed E01 then
# reads at ~50-120 MB/s instead of ~700 MB/s (FIELD-NOTES). Same version, same API, only
# the inflate implementation changes. Needs a C compiler and zlib1g-dev.
#
#   bash benchmarks/fast_libewf.sh [VENV]        (default: ./.venv, else /opt/ftvenv)
set -euo pipefail
venv="${1:-}"
if [ -z "$venv" ]; then
  if [ -x .venv/bin/python ]; then venv=.venv; else venv=/opt/ftvenv; fi
fi
py="$(cd "$venv" && pwd)/bin/python"  # absolute: the build below runs in a temporary folder
version="$("$py" -c 'import importlib.metadata as m; print(m.version("libewf-python"))')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
"$py" -m pip download -q --no-binary :all: --no-deps "libewf-python==$version" -d .
tar xzf libewf_python-*.tar.gz
cd libewf_python-*/
# Keep zlib even though the Python build disables shared libraries.
sed -i 's/if test "x$ac_cv_enable_shared_libs" = xno || test "x$ac_cv_with_zlib" = xno/if test "x$ac_cv_with_zlib" = xno/' configure
LDFLAGS="-Wl,--no-as-needed -lz" "$py" -m pip wheel -q . --no-deps -w "$work/wheel"
"$py" -m pip install -q --force-reinstall --no-deps "$work"/wheel/libewf_python-*.whl
"$py" -c 'import pyewf; print("pyewf", pyewf.get_version(), "rebuilt with zlib")'
