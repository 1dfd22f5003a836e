#!/bin/sh
# Install the Forensic Triage Workstation from this kit, on a machine with NO network.
#   sudo sh install.sh            everything for every user (/opt/forensic-triage, /usr/local/bin)
#   sh install.sh                 without root: Python part in ~/.local (the Debian packages must
#                                 already be installed; the script says which are missing)
#   sh install.sh --list-debs     only name the kit's Debian packages this machine lacks
# Settings (environment): FT_PREFIX (install folder), FT_SKIP_DEBS=1, FT_NO_LAUNCHERS=1.
set -eu
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"  # dpkg needs ldconfig and start-stop-daemon
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then
  prefix="${FT_PREFIX:-/opt/forensic-triage}"; bindir=/usr/local/bin
else
  prefix="${FT_PREFIX:-$HOME/.local/share/forensic-triage}"; bindir="$HOME/.local/bin"
fi

echo "Checking the kit against SHA256SUMS"
( cd "$here" && sha256sum --quiet -c SHA256SUMS ) || {
  echo "The kit is damaged or incomplete (a file does not match SHA256SUMS); copy it again." >&2; exit 1; }

# 1. Debian packages: only those this machine does not have yet.
if [ "${FT_SKIP_DEBS:-0}" != "1" ] && ls "$here"/debs/*.deb >/dev/null 2>&1; then
  need=""
  for deb in "$here"/debs/*.deb; do
    pkg=$(dpkg-deb -f "$deb" Package)
    arch=$(dpkg-deb -f "$deb" Architecture)
    [ "$arch" = "all" ] || pkg="$pkg:$arch"
    if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then continue; fi
    need="$need $deb"
  done
  if [ "${1:-}" = "--list-debs" ]; then
    for deb in $need; do basename "$deb"; done
    exit 0
  fi
  if [ -n "$need" ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "These Debian packages are missing; run this script with sudo to install them:" >&2
      for deb in $need; do echo "  $(basename "$deb")" >&2; done
      exit 1
    fi
    echo "Installing $(echo $need | wc -w) Debian packages from the kit"
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive dpkg -i $need >/dev/null
  fi
fi

# 2. The workstation itself, in its own Python environment, from the wheelhouse only.
echo "Installing the workstation into $prefix"
mkdir -p "$prefix"
[ -x "$prefix/venv/bin/python" ] || python3 -m venv "$prefix/venv"
PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 "$prefix/venv/bin/python" -m pip install -q --no-index \
  --find-links "$here/wheelhouse" forensic-triage
mkdir -p "$prefix/packs"
if ls "$here"/packs/* >/dev/null 2>&1; then cp -f "$here"/packs/* "$prefix/packs/"; fi

# 3. Launchers and the menu entry.
if [ "${FT_NO_LAUNCHERS:-0}" != "1" ]; then
  mkdir -p "$bindir"
  for name in forensic-triage forensic-triage-gui; do
    printf '#!/bin/sh\nexec "%s/venv/bin/%s" "$@"\n' "$prefix" "$name" >"$bindir/$name"
    chmod 755 "$bindir/$name"
  done
  if [ "$(id -u)" -eq 0 ] && [ -d /usr/share/applications ]; then
    cp -f "$here/forensic-triage.desktop" /usr/share/applications/
    mkdir -p /usr/share/icons/hicolor/scalable/apps
    cp -f "$here/forensic-triage.svg" /usr/share/icons/hicolor/scalable/apps/
  fi
fi

"$prefix/venv/bin/forensic-triage" --version
echo "Installed. Exercise packs are in $prefix/packs; start the desktop application with forensic-triage-gui."
