"""Every report/package capability the dialogs offer is really wired to the core (none 'not available'):
each one is called through the backend the dialogs use, on a real triaged case, and what it writes is read back."""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from forensic_triage.ui import report_backend

from forensic_triage.jobs.context import JobContext
from forensic_triage.store import DB_NAME, CaseStore

PASS = b"correct horse battery"


def test_every_output_and_package_action_is_available() -> None:
    caps = report_backend.available()
    assert set(caps) == {o.key for o in report_backend.OUTPUTS} | {"package", "verify", "import", "keys"}
    missing = sorted(k for k, ok in caps.items() if not ok)
    assert not missing, f"wired to nothing in this build: {missing}"


def test_a_missing_capability_is_named_not_hidden() -> None:
    assert not report_backend.present("forensic_triage.exports.no_such_output")
    with pytest.raises(report_backend.NotAvailable, match="^Fancy output is not available in this build.$"):
        report_backend.lookup("forensic_triage.exports.no_such_output", "write", "Fancy output")
    with pytest.raises(report_backend.NotAvailable, match="Another output is not available"):
        report_backend.lookup("forensic_triage.exports.tables", "no_such_function", "Another output")


def test_every_output_is_written_through_the_backend(case_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    store = CaseStore.open(case_copy)
    try:
        written = report_backend.produce(store, out, [o.key for o in report_backend.OUTPUTS], "all", JobContext())
    finally:
        store.close()
    by_name = {p.name: p for p in written}
    assert len(written) == len(report_backend.OUTPUTS) and all(p.parent == out for p in written)
    pdf = next(p for p in written if p.name.endswith("-report.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF-") and pdf.stat().st_size > 10_000
    graph = json.loads(by_name["case.jsonld"].read_text(encoding="utf-8"))
    assert graph["@context"] and graph["@graph"]
    root = ET.parse(by_name["files.dfxml"]).getroot()
    assert root.tag.endswith("dfxml") and sum(1 for el in root.iter() if el.tag.endswith("fileobject")) > 10
    body = by_name["timeline.body"].read_text(encoding="utf-8").splitlines()
    assert body and all(line.count("|") == 10 for line in body)
    tables = sorted(p.name for p in by_name["csv"].iterdir())
    assert "files.csv" in tables and len(tables) > 3
    with sqlite3.connect(f"file:{case_copy / DB_NAME}?mode=ro", uri=True) as db:
        audited = [(a, json.loads(d)) for a, d in
                   db.execute("SELECT action, details FROM audit WHERE action LIKE '% exported' ORDER BY seq")]
    # One entry per output, as the CLI records it: the operation's own action with the SHA-256 written.
    assert len(audited) == len(written), audited
    assert all(details.get("sha256") for _action, details in audited)
    assert not any(action == "exported" for action, _details in audited)


def test_keys_package_verify_and_import_through_the_backend(case_copy: Path, tmp_path: Path) -> None:
    key = report_backend.new_keypair("Test Examiner", tmp_path / "keys", PASS)  # the case examiner
    store = CaseStore.open(case_copy)
    try:
        number = store.case_info()["case_number"]
        written = report_backend.produce(store, tmp_path / "out", [], "tagged", JobContext(), package=True,
                                         key=str(key.private), passphrase=PASS)
    finally:
        store.close()
    bag = written[0]
    assert bag.is_dir() and bag.name.startswith("package-") and any(p.suffix == ".pdf" for p in written)
    result = report_backend.verify_package(str(bag), str(key.public))
    assert result.ok, result.problems
    imported = report_backend.import_package(str(bag), str(tmp_path / "imported"), str(key.public))
    assert imported.ok and imported.problems == []
    copy = CaseStore.open(tmp_path / "imported", read_only=True)
    try:
        assert copy.case_info()["case_number"] == number
    finally:
        copy.close()
