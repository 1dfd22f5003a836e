"""The desktop application on the REAL X11 (xcb) platform under Xvfb, and the preflight that names
missing Debian packages instead of letting Qt abort.

Every other UI test runs with QT_QPA_PLATFORM=offscreen, which never loads the xcb plugin; this
file removes that variable so that a machine without the xcb libraries fails here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from forensic_triage import TOOL_NAME, guicheck

REPO = Path(__file__).resolve().parents[1]


def _gui_env(display: str) -> dict[str, str]:
    env = dict(os.environ)
    for var in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "LD_LIBRARY_PATH", "LD_PRELOAD"):
        env.pop(var, None)
    env["DISPLAY"] = display
    return env


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A fresh Xvfb on a free display number; yields ':N'."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as f:
        number = f.readline().strip()
    assert number.isdigit(), "Xvfb did not start"
    try:
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def demo_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from forensic_triage.jobs.context import JobContext
    from forensic_triage.jobs.intake import add_evidence
    from forensic_triage.jobs.settings import TriageSettings
    from forensic_triage.jobs.triage import run_triage
    from forensic_triage.sample.generator import build_sample_image
    from forensic_triage.store import CaseStore

    base = tmp_path_factory.mktemp("xcb")
    image = base / "sample-evidence.dd"
    build_sample_image(image)
    with CaseStore.create(base / "case", case_number="XCB-1", examiner="Test Examiner", title="Real xcb") as store:
        add_evidence(store, image, exhibit="EXH-001", description="sample", ctx=JobContext())
        run_triage(store, TriageSettings(jobs=1), JobContext())
    return base / "case"


def _gui_command(case: Path) -> list[str]:
    return [sys.executable, "-m", "forensic_triage", "gui", str(case)]


def test_gui_starts_on_real_xcb_and_paints(xvfb: str, demo_case: Path, tmp_path: Path) -> None:
    env = _gui_env(xvfb)
    log = (tmp_path / "gui.log").open("w")
    app = subprocess.Popen(_gui_command(demo_case), env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 90
        window_id = ""
        while time.monotonic() < deadline and not window_id:
            assert app.poll() is None, f"the GUI exited ({app.returncode}): {(tmp_path / 'gui.log').read_text()}"
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"Real xcb — {TOOL_NAME}"],
                                   env=env, capture_output=True, text=True, check=False)
            window_id = found.stdout.split()[0] if found.stdout.split() else ""
            time.sleep(0.5)
        assert window_id, "the main window with the case title never appeared"
        time.sleep(3)  # let the case views load and paint
        shot = tmp_path / "real-xcb.png"
        subprocess.run(["import", "-window", "root", str(shot)], env=env, check=True, timeout=60)
        keep = os.environ.get("FT_KEEP_SCREENSHOT")
        if keep:
            shutil.copy(shot, keep)
        from PIL import Image

        with Image.open(shot) as img:
            rgb = img.convert("RGB")
            colours = rgb.getcolors(maxcolors=1 << 20) or []
            # A blank (or black) root window has one colour; a painted window has text, icons, borders.
            assert len(colours) > 50, f"screenshot looks blank: {len(colours)} colours"
            # The window covers most of the screen, not a tiny unpainted rectangle.
            geometry = subprocess.run(["xdotool", "getwindowgeometry", window_id], env=env,
                                      capture_output=True, text=True, check=True).stdout
            w, h = map(int, re.search(r"Geometry: (\d+)x(\d+)", geometry).groups())  # type: ignore[union-attr]
            assert w >= 640 and h >= 400, geometry
        assert app.poll() is None, "the GUI died after painting"
    finally:
        app.terminate()
        try:
            app.wait(20)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait(10)
        log.close()


def test_preflight_names_the_package_when_an_xcb_library_cannot_load(tmp_path: Path, demo_case: Path) -> None:
    """A broken libxcb-icccm.so.4 put first on the loader's path: without the preflight Qt aborts
    (SIGABRT, a core dump and a misleading message); with it, one sentence and exit 1."""
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    (hidden / "libxcb-icccm.so.4").write_text("not a library\n")
    env = _gui_env(":99")
    env["LD_LIBRARY_PATH"] = str(hidden)
    proc = subprocess.run(_gui_command(demo_case), env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert "libxcb-icccm4" in lines[0] and "apt-get install" in lines[0]


def test_preflight_reports_libraries_ldd_cannot_find(tmp_path: Path) -> None:
    """A copy of the real libQt6XcbQpa.so.6 alone in a folder: its $ORIGIN run path no longer
    finds Qt's own libraries, and ldd says 'not found' for them."""
    files = guicheck.plugin_files()
    assert [f.name for f in files] == ["libqxcb.so", "libQt6XcbQpa.so.6"]
    lonely = tmp_path / "libQt6XcbQpa.so.6"
    shutil.copy(files[1], lonely)
    missing = guicheck.unloadable_libraries([lonely], {"PATH": os.environ["PATH"]})
    assert "libQt6Gui.so.6" in missing and "libQt6Core.so.6" in missing
    text = guicheck.problem({"DISPLAY": ":5", "PATH": os.environ["PATH"]}, files=[lonely])
    assert text is not None and "libQt6Gui.so.6" in text and "reinstall PySide6" in text
    # The real installation, as bootstrap.sh leaves it, has nothing missing.
    assert guicheck.problem({"DISPLAY": ":5", "PATH": os.environ["PATH"]}) is None


def test_preflight_no_display_and_other_platforms() -> None:
    text = guicheck.problem({"PATH": "/usr/bin"})
    assert text is not None and text.startswith("No display found")
    assert guicheck.uses_xcb({"DISPLAY": ":1"})
    assert not guicheck.uses_xcb({"DISPLAY": ":1", "QT_QPA_PLATFORM": "offscreen"})
    assert guicheck.uses_xcb({"QT_QPA_PLATFORM": "xcb"})


def test_bootstrap_installs_every_package_the_preflight_knows() -> None:
    script = (REPO / "scripts" / "bootstrap.sh").read_text()
    lists = (REPO / "scripts" / "packages.sh").read_text()  # the package lists bootstrap.sh sources
    assert re.search(r"^\. scripts/packages\.sh$", script, re.M)
    m = re.search(r'^GUI_PKGS="([^"]*)"', lists, re.M)
    assert m, "scripts/packages.sh has no GUI_PKGS"
    assert set(guicheck.XCB_LIBRARY_PACKAGES.values()) <= set(m.group(1).split())
    # and the runtime set that every job installs includes them, as does the classroom kit's
    assert re.search(r'^pkgs="\$RUNTIME_PKGS \$GUI_PKGS', script, re.M)
    assert re.search(r'^KIT_PKGS="[^"]*\$GUI_PKGS', lists, re.M)
