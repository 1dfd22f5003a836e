#!/usr/bin/env bash
# Build an offline classroom kit (a folder for a USB stick):
#   bash scripts/bootstrap.sh classroom-kit OUT_DIR
# OUT_DIR/wheelhouse  every Python package the workstation needs, as wheels for this machine's
#                     Python and architecture (the classroom machines must run the same release)
# OUT_DIR/debs        the Debian packages the runtime needs, with their dependencies
# OUT_DIR/packs       the built-in exercise packs
# OUT_DIR/install.sh  installs everything on a machine with NO network (pip --no-index, dpkg -i)
# OUT_DIR/reset.sh    clears the students' training cases between classes
# OUT_DIR/README.md   the trainer's instructions for a room of machines
# Needs the network once, here (PyPI and the Debian mirror); FT_KIT_DEBS=0 leaves out the .deb files.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: bash scripts/bootstrap.sh classroom-kit OUT_DIR}"
if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
  echo "$out exists and is not empty; choose a new folder for the kit." >&2; exit 2
fi
mkdir -p "$out/wheelhouse" "$out/debs" "$out/packs"
out="$(cd "$out" && pwd)"
export PIP_DISABLE_PIP_VERSION_CHECK=1

echo "1/4 Python packages (wheelhouse)"
.venv/bin/python -m pip wheel -q --no-deps -w "$out/wheelhouse" . >"$out/.build.log" 2>&1 \
  || { cat "$out/.build.log" >&2; echo "The workstation's own wheel could not be built." >&2; exit 1; }
wheel="$(ls "$out"/wheelhouse/forensic_triage-*.whl | head -n1)"
.venv/bin/python -m pip download -q --only-binary=:all: -d "$out/wheelhouse" "$wheel" >>"$out/.build.log" 2>&1 \
  || { cat "$out/.build.log" >&2; echo "The Python dependencies could not be downloaded." >&2; exit 1; }
rm -f "$out/.build.log"

echo "2/4 Debian packages (debs)"
if [ "${FT_KIT_DEBS:-1}" = "1" ]; then
  # shellcheck source=scripts/packages.sh
  . scripts/packages.sh
  # The whole dependency closure, less what every Debian/Ubuntu installation already has
  # (Essential or Priority required), so a minimal desktop machine gets all it lacks.
  # What apt would install on a machine that has nothing yet (alternatives resolved as apt
  # resolves them), less what every Debian/Ubuntu installation has (Essential, Protected,
  # Priority required/important), so a minimal desktop machine gets all it lacks.
  sim="$(mktemp -d)"; : >"$sim/status"
  # shellcheck disable=SC2086
  closure="$(apt-get -q -s -o Dir::State::status="$sim/status" install $KIT_PKGS 2>/dev/null \
      | awk '/^Inst / {print $2}' | sort -u)"
  rm -rf "$sim"
  [ -n "$closure" ] || { echo "apt could not resolve the runtime packages (run 'apt-get update' first?)." >&2; exit 1; }
  # shellcheck disable=SC2086
  wanted="$(apt-cache show --no-all-versions $closure 2>/dev/null | awk '
      /^Package:/ {p=$2; skip=0} /^Essential: yes/ || /^Protected: yes/ {skip=1}
      /^Priority: (required|important)/ {skip=1}
      /^$/ {if (p != "" && !skip) print p; p=""} END {if (p != "" && !skip) print p}' | sort -u)"
  (cd "$out/debs" && apt-get download -qq $wanted >/dev/null 2>&1) \
    || { echo "Some Debian packages could not be downloaded (run 'apt-get update' first?)." >&2; exit 1; }
else
  echo "   left out (FT_KIT_DEBS=0): install.sh will expect the runtime packages to be present"
fi

echo "3/4 Exercise packs"
for id in $(.venv/bin/forensic-triage exercise list --format jsonl \
             | .venv/bin/python -c 'import json, sys; print(" ".join(json.loads(l)["id"] for l in sys.stdin))'); do
  .venv/bin/forensic-triage exercise write "$id" --out "$out/packs/$id.ftpack" >/dev/null
done

echo "4/4 Installer and instructions"
cp packaging/classroom/install.sh packaging/classroom/reset.sh packaging/classroom/README.md "$out/"
chmod 755 "$out/install.sh" "$out/reset.sh"
( cd "$out" && find wheelhouse debs packs -type f -print0 | sort -z | xargs -0 sha256sum ) >"$out/SHA256SUMS"
echo "Kit written to $out ($(du -sh "$out" | cut -f1)); copy the folder to a USB stick."
