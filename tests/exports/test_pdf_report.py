"""The court report: every required section, exact hashes, literal hostile names, page x of y."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import HOSTILE_NAMES
from ft_testlib import require_tool

from forensic_triage.exports.operations import export_pdf
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.store import CaseStore
from forensic_triage.text import safe_text

SECTIONS = ("Digital Forensic Examination Report", "1. Examiner and declaration", "Signature", "2. Request and scope",
            "3. Exhibits and continuity", "Continuity (chain of custody)", "4. Acquisition and verification",
            "5. Tools and environment", "Plugins and analyzers used", "YARA rule sets and hash sets", "6. Method",
            "7. Findings", "Tagged pictures", "GPS positions", "8. Limitations", "Stored warnings", "9. Conclusions",
            "Annex A. Audit log", "Integrity")


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.fixture(scope="module")
def report(report_case: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    require_tool("pdftotext")
    out = tmp_path_factory.mktemp("pdf") / "report.pdf"
    with CaseStore.open(report_case["case_dir"]) as store:
        data = export_pdf(store, out, "all").report
        audit_last = store.query("SELECT action, details FROM audit ORDER BY seq DESC LIMIT 1")[0]
    pages = _pages(out)
    return {"path": out, "data": data, "pages": pages, "text": "\n".join(pages), "audit_last": audit_last}


def test_every_required_section_and_page_marks(report: dict[str, Any]) -> None:
    text = report["text"]
    for heading in SECTIONS:
        assert heading in text, heading
    pages = report["pages"]
    total = len(pages)
    assert total > 5
    rid = report["data"].report_id
    for n, page in enumerate(pages, 1):
        assert rid in page, f"report id missing on page {n}"
        assert f"Page {n} of {total}" in page
    assert f"End of report {rid}" in pages[-1]
    # The export is audited with the report id and the PDF's SHA-256.
    import hashlib
    import json

    assert report["audit_last"]["action"] == "report exported"
    details = json.loads(report["audit_last"]["details"])
    assert details["report_id"] == rid
    assert details["sha256"] == hashlib.sha256(report["path"].read_bytes()).hexdigest()


def test_exact_hashes_and_verdicts(report: dict[str, Any], report_case: dict[str, Any]) -> None:
    text = report["text"]
    for ev in report_case["evidence"]:
        for algo in ("md5", "sha1", "sha256"):
            assert ev[algo] in text, (ev["uid"], algo)
    with CaseStore.open(report_case["case_dir"], read_only=True) as store:
        containers = [dict(r) for r in store.query("SELECT * FROM evidence_containers")]
        eicar = store.query("SELECT md5, sha1, sha256 FROM files WHERE name = 'eicar_test.com'")[0]
        ruleset = store.scalar("SELECT sha256 FROM rulesets")
    for c in containers:
        assert text.count(c["sha256"]) >= 3  # media SHA-256 (raw image) + container at intake + now
    assert "UNCHANGED" in text and "MISMATCH" not in text.replace("(MATCH / MISMATCH / not stored)", "")
    assert "Overall verification verdict at intake: NOT STORED." in text
    for value in eicar:
        assert value in text
    assert ruleset in text
    assert report["data"].audit_head in text
    # Times in UTC and in the case zone with its offset.
    assert re.search(r"2025-03-03 13:00:00 UTC \(2025-03-03 09:00:00 -04:00\)", text)


def test_findings_plugins_and_tags(report: dict[str, Any]) -> None:
    text = re.sub(r"\s+", " ", report["text"])
    for fid in ("YARA-1", "HASH-1"):
        assert fid in text
    for group in ("windows.registry.key", "windows.usb", "email.message", "android.sms", "browser.visit",
                  "Tagged file", "YARA rule match"):
        assert group in text
    assert "browser.chrome 1.0" in text  # plugin and version that produced the records
    assert "Photo taken near the harbour" in text
    # A note with markup is shown as text, not interpreted.
    assert "Harmless EICAR test string <b>not bold</b>" in text
    assert "An encrypted area at byte 4096 could not be parsed." in text
    assert "10.654900" in text and "-61.501900" in text  # GPS table


def test_hostile_names_render_literally(report: dict[str, Any], report_case: dict[str, Any]) -> None:
    if not report_case["hostile"]:
        pytest.skip("mke2fs not installed: no hostile-name image")
    flat = re.sub(r"\s+", "", report["text"])
    for key, name in HOSTILE_NAMES.items():
        shown = re.sub(r"\s+", "", safe_text(name))
        assert shown in flat, key
    assert "\u202e" not in report["text"]  # the override itself never reaches the page
    assert "\\u202e" in report["text"] and "\\x07\\x1b" in report["text"]
    assert '<font color="red" size="30">BIG & <b>bold &amp;.txt' in report["text"]


def test_container_change_is_reported(tmp_path: Path, report_case: dict[str, Any]) -> None:
    require_tool("pdftotext")
    image = tmp_path / "copy.dd"
    shutil.copyfile(report_case["image"], image)
    with CaseStore.create(tmp_path / "case", case_number="TT-2", examiner="A. Examiner") as store:
        add_evidence(store, image, exhibit="EXH-009")
        with image.open("r+b") as fh:  # the container changes after intake (as a tampered copy would)
            fh.seek(600)
            fh.write(b"\x01")
        os.utime(image, (1_700_000_000, 1_700_000_000))
        data = export_pdf(store, tmp_path / "r.pdf").report
    text = "\n".join(_pages(tmp_path / "r.pdf"))
    assert "CHANGED" in text and "UNCHANGED" not in text
    changed = [c for c in data.containers_now if c["status"] == "CHANGED"]
    assert changed and changed[0]["sha256"] in text
