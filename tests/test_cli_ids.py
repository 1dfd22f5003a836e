"""Every id another command needs is printed where the examiner looks for it (issue 14): the
files table shows the locator 'tag --file' takes, 'hits' shows YARA-n / TEXT-n, 'artifacts' ART-n,
and each printed id works when handed back to 'tag'."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-m", "forensic_triage"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)


def test_printed_ids_are_the_ones_tag_takes(triaged_sample: Path) -> None:
    case = str(triaged_sample)
    files = run("files", case)
    assert files.returncode == 0, files.stderr
    locators = re.findall(r"^(EXH-001:\d+:\d+\S*/\S+)", files.stdout, re.M)
    assert locators, files.stdout[:2000]
    invoice = next(loc for loc in locators if loc.endswith("invoice.pdf"))
    tagged = run("tag", case, "--file", invoice, "--tag", "from-table")
    assert tagged.returncode == 0, tagged.stderr

    hits = run("hits", case)
    yara_ids = re.findall(r"^(YARA-\d+)\s", hits.stdout, re.M)
    assert yara_ids, hits.stdout
    assert run("tag", case, "--hit", yara_ids[0], "--tag", "from-hits").returncode == 0

    content = run("hits", case, "--kind", "content")
    text_ids = re.findall(r"^(TEXT-\d+)\s", content.stdout, re.M)
    assert text_ids, content.stdout
    assert run("tag", case, "--content-hit", text_ids[0], "--tag", "from-content").returncode == 0

    artifacts = run("artifacts", case)
    art_ids = re.findall(r"^(ART-\d+)\s", artifacts.stdout, re.M)
    assert art_ids, artifacts.stdout
    assert run("tag", case, "--artifact", art_ids[0], "--tag", "from-artifacts").returncode == 0

    listed = run("tag", case, "--list", "--format", "jsonl").stdout
    for name in ("from-table", "from-hits", "from-content", "from-artifacts"):
        assert f'"{name}"' in listed
