"""The offline classroom kit: built for real, installed into a fresh folder with pip's network cut off."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from ft_testlib import REPO, require_tool

pytestmark = pytest.mark.slow

# pip and any HTTP client point at a closed local port: an install that needs the network fails.
NO_NETWORK = {"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
              "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
              "PIP_INDEX_URL": "http://127.0.0.1:9/simple", "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1"}


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tool("apt-cache", "apt-get", "sha256sum")
    out = tmp_path_factory.mktemp("kit") / "kit"
    env = dict(os.environ)
    done = subprocess.run(["bash", str(REPO / "scripts" / "classroom_kit.sh"), str(out)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def _install(kit: Path, prefix: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    # The Debian part is left out here: a test machine is no classroom machine, and dpkg -i of
    # system packages (dbus, usrmerge...) a container lacks is not for a test to do. Which .deb
    # files a machine would get is checked with --list-debs.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(prefix.parent), "FT_PREFIX": str(prefix), "FT_NO_LAUNCHERS": "1",
           "FT_SKIP_DEBS": "1", **NO_NETWORK, **extra}
    return subprocess.run(["sh", str(kit / "install.sh"), *args], env=env, capture_output=True, text=True,
                          timeout=600)


def test_the_kit_holds_every_part(kit: Path) -> None:
    wheels = {p.name.split("-")[0].lower() for p in (kit / "wheelhouse").glob("*.whl")}
    for needed in ("forensic_triage", "pytsk3", "libewf_python", "yara_python", "pyside6_essentials", "reportlab",
                   "cryptography", "numpy"):
        assert needed in wheels, f"{needed} missing from the wheelhouse: {sorted(wheels)}"
    # The workstation's wheel carries every package and data file it needs.
    with zipfile.ZipFile(next((kit / "wheelhouse").glob("forensic_triage-*.whl"))) as whl:
        names = set(whl.namelist())
    packages = {str(p.parent.relative_to(REPO)).replace("/", ".") for p in (REPO / "forensic_triage").rglob("__init__.py")}
    for package in packages:
        assert f"{package.replace('.', '/')}/__init__.py" in names, f"{package} is not in the wheel"
    for data in ("forensic_triage/ui/i18n/forensic_triage_es.qm", "forensic_triage/ui/i18n/forensic_triage_fr.qm",
                 "forensic_triage/locale/es/LC_MESSAGES/forensic_triage.mo", "forensic_triage/rules/README.md"):
        assert data in names, f"{data} is not in the wheel"
    debs = {p.name.split("_")[0] for p in (kit / "debs").glob("*.deb")}
    for needed in ("libmagic1", "libxcb-cursor0", "libxkbcommon-x11-0", "python3-venv"):
        assert needed in debs, f"{needed} missing from debs/"
    assert "gcc" not in debs and "python3-dev" not in debs  # the wheels need no compiler on a classroom machine
    assert sorted(p.name for p in (kit / "packs").iterdir()) == ["leak.ftpack", "shipment.ftpack", "windows.ftpack"]
    for name in ("install.sh", "reset.sh", "README.md", "SHA256SUMS"):
        assert (kit / name).is_file()
    listed = (kit / "SHA256SUMS").read_text().splitlines()
    assert len(listed) == len(list((kit / "wheelhouse").iterdir())) + len(list((kit / "debs").iterdir())) + len(
        list((kit / "packs").iterdir()))


def test_installs_offline_and_runs(kit: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "ft"
    done = _install(kit, prefix)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "forensic-triage" in done.stdout
    tool = prefix / "venv" / "bin" / "forensic-triage"
    # The installed tool works on its own: a case from the built-in sample evidence.
    run = subprocess.run([str(tool), "demo", str(tmp_path / "demo")], capture_output=True, text=True, timeout=600,
                         cwd=tmp_path,
                         env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **NO_NETWORK})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "EXH-001" in run.stdout
    # The packs the kit carries are listed and start a training case with the installed tool.
    pack = prefix / "packs" / "shipment.ftpack"
    started = subprocess.run([str(tool), "exercise", "start", str(pack), str(tmp_path / "training" / "s1"),
                              "--student", "A. Student"], capture_output=True, text=True, timeout=600, cwd=tmp_path,
                             env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **NO_NETWORK})
    assert started.returncode == 0, started.stdout + started.stderr
    # reset.sh removes the training case and keeps a casework case beside it.
    (tmp_path / "training" / "work").mkdir()
    subprocess.run([str(tool), "case", "new", str(tmp_path / "training" / "work"), "--case-number", "W-1",
                    "--examiner", "A. Examiner"], capture_output=True, text=True, check=True, cwd=tmp_path)
    reset = subprocess.run(["sh", str(kit / "reset.sh"), str(tmp_path / "training")], capture_output=True, text=True,
                           timeout=60)
    assert reset.returncode == 0, reset.stderr
    assert not (tmp_path / "training" / "s1").exists() and (tmp_path / "training" / "work" / "case.sqlite").is_file()
    # It is not this checkout's tool: the package comes from the kit's wheel.
    where = subprocess.run([str(prefix / "venv" / "bin" / "python"), "-c",
                            "import forensic_triage, sys; print(forensic_triage.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path)
    assert str(prefix) in where.stdout and str(REPO) not in where.stdout


def test_only_missing_debian_packages_are_chosen(kit: Path, tmp_path: Path) -> None:
    listed = _install(kit, tmp_path / "ft", "--list-debs", FT_SKIP_DEBS="0")
    assert listed.returncode == 0, listed.stderr
    chosen = {line.split("_")[0] for line in listed.stdout.splitlines() if line.endswith(".deb")}
    installed = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Status}\\n"], capture_output=True,
                               text=True, check=True).stdout
    have = {line.split()[0] for line in installed.splitlines() if line.endswith("install ok installed")}
    assert "libmagic1" in have and not chosen & have, sorted(chosen & have)
    kit_debs = {p.name.split("_")[0] for p in (kit / "debs").glob("*.deb")}
    assert chosen == kit_debs - have
    assert not (tmp_path / "ft").exists()  # listing installs nothing


def test_a_damaged_kit_is_refused(kit: Path, tmp_path: Path) -> None:
    wheel = next((kit / "wheelhouse").glob("forensic_triage-*.whl"))
    original = wheel.read_bytes()
    try:
        wheel.write_bytes(original + b"\0")
        done = _install(kit, tmp_path / "ft")
    finally:
        wheel.write_bytes(original)
    assert done.returncode != 0
    assert "damaged or incomplete" in done.stderr
    assert not (tmp_path / "ft").exists()


def test_bootstrap_offers_the_kit() -> None:
    text = (REPO / "scripts" / "bootstrap.sh").read_text()
    assert "classroom-kit)" in text and "scripts/classroom_kit.sh" in text
    assert shutil.which("bash") and sys.executable
