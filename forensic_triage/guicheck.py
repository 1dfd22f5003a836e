"""Before Qt starts: can the desktop application open a window here?

Qt aborts the whole process when its xcb platform plugin cannot load one of its libraries, and its
message names the wrong library. This check runs ``ldd`` on the plugin files of the installed PySide6
(no Qt import) and turns every library that is missing or cannot be loaded into the Debian package
that provides it, so that ``forensic-triage gui`` can say, in one sentence, what to install.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

# The libraries the Qt 6 xcb platform plugin (libqxcb.so and libQt6XcbQpa.so.6) loads that are not
# part of PySide6 itself, and the Debian 12 package of each (derived with ldd + dpkg -S). The same
# list is installed by scripts/bootstrap.sh (GUI_PKGS); tests/test_guicheck.py keeps the two equal.
XCB_LIBRARY_PACKAGES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")
_CANNOT_LOAD = re.compile(r"error while loading shared libraries:\s*(\S+?):")


def uses_xcb(env: Mapping[str, str]) -> bool:
    """True when Qt will pick the xcb platform: an X display and no other platform asked for."""
    platform = env.get("QT_QPA_PLATFORM", "").strip()
    if platform:
        return platform.split(":")[0].split(";")[0] == "xcb"
    return bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")


def plugin_files() -> list[Path]:
    """The xcb plugin files of the installed PySide6 (empty when PySide6 is not installed)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    qt = Path(list(spec.submodule_search_locations)[0]) / "Qt"
    candidates = [qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"]
    return [p for p in candidates if p.is_file()]


def unloadable_libraries(files: list[Path], env: Mapping[str, str] | None = None) -> list[str]:
    """Library names that the dynamic loader cannot find or load for ``files`` (via ``ldd``)."""
    ldd = shutil.which("ldd")
    if ldd is None or not files:
        return []
    missing: list[str] = []
    for path in files:
        proc = subprocess.run([ldd, str(path)], capture_output=True, text=True, check=False,
                              env=dict(env if env is not None else os.environ))
        for line in (proc.stdout + "\n" + proc.stderr).splitlines():
            m = _NOT_FOUND.match(line) or _CANNOT_LOAD.search(line)
            if m:
                name = Path(m.group(1)).name
                if name not in missing:
                    missing.append(name)
    return missing


def problem(env: Mapping[str, str] | None = None, files: list[Path] | None = None) -> str | None:
    """One sentence saying why the desktop application cannot open a window, or None when it can."""
    env = os.environ if env is None else env
    if (not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY") and not env.get("QT_QPA_PLATFORM")):
        return ("No display found (neither DISPLAY nor WAYLAND_DISPLAY is set): start the desktop application "
                "from a desktop session, or use the command line (forensic-triage --help).")
    if not uses_xcb(env):
        return None
    missing = unloadable_libraries(plugin_files() if files is None else files, env)
    if not missing:
        return None
    packages = sorted({XCB_LIBRARY_PACKAGES[m] for m in missing if m in XCB_LIBRARY_PACKAGES})
    unknown = [m for m in missing if m not in XCB_LIBRARY_PACKAGES]
    parts = []
    if packages:
        parts.append(f"install the Debian package{'s' if len(packages) > 1 else ''} {' '.join(packages)} "
                     f"(sudo apt-get install {' '.join(packages)}, or bash scripts/bootstrap.sh install)")
    if unknown:
        parts.append(f"the librar{'ies' if len(unknown) > 1 else 'y'} {', '.join(unknown)} cannot be loaded "
                     f"(reinstall PySide6 with bash scripts/bootstrap.sh install if it is one of Qt's own)")
    return "The desktop application cannot start because Qt's X11 (xcb) display plugin is missing libraries: " \
           + "; ".join(parts) + "."
