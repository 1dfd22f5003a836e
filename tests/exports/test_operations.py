"""The export operations: written atomically, audited once with the SHA-256 of what was written."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from forensic_triage.errors import UsageError
from forensic_triage.exports.operations import ACTIONS, export, export_csv
from forensic_triage.store import DB_NAME, CaseStore


def _exports(store: CaseStore) -> list[tuple[str, dict[str, object]]]:
    return [(str(r["action"]), json.loads(r["details"])) for r in store.findings.audit_entries()
            if str(r["action"]).endswith("exported")]


def test_each_operation_records_one_entry_with_the_sha256_of_the_file(triaged_sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with CaseStore.open(triaged_sample) as store:
        for fmt, name in (("case", "case.jsonld"), ("dfxml", "files.dfxml"), ("bodyfile", "timeline.body")):
            done = export(store, fmt, out / name, "all")
            assert done.sha256 == hashlib.sha256((out / name).read_bytes()).hexdigest()
            assert done.audit_hash == store.findings.audit_head()
        csv = export_csv(store, out / "csv", "notable")
        entries = _exports(store)
    assert [a for a, _ in entries] == [ACTIONS[f] for f in ("case", "dfxml", "bodyfile", "csv")]
    for (_, details), name in zip(entries, ("case.jsonld", "files.dfxml", "timeline.body"), strict=False):
        assert details["sha256"] == hashlib.sha256((out / name).read_bytes()).hexdigest()
    files = csv.details["files_sha256"]
    assert isinstance(files, dict) and sorted(files) == sorted(p.name for p in (out / "csv").iterdir())
    for name, sha in files.items():
        assert sha == hashlib.sha256((out / "csv" / name).read_bytes()).hexdigest()
    listing = "".join(f"{files[n]}  {n}\n" for n in sorted(files))
    assert entries[-1][1]["sha256"] == hashlib.sha256(listing.encode()).hexdigest()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary left behind


def test_a_failed_export_leaves_the_old_file_and_records_nothing(triaged_sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "case.jsonld"
    target.write_text("the previous export\n", encoding="utf-8")
    with CaseStore.open(triaged_sample) as store:
        before = store.case.audit_entry_count()
        with pytest.raises(ValueError, match="unknown scope"):
            export(store, "case", target, "everything")  # fails inside the writer, half-way
        with pytest.raises(UsageError):
            export(store, "dfxml", folder, "all")  # a folder is never written over
        after = store.case.audit_entry_count()
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(p.name for p in folder.iterdir()) == ["case.jsonld"]  # no temporary left behind
    assert after == before


def test_an_export_failing_half_way_leaves_no_half_file(triaged_sample: Path, tmp_path: Path) -> None:
    """A case damaged outside the tool (a file mode that is not a number, in its last file row):
    the body file fails after writing most of its lines; what was there before stays whole."""
    with sqlite3.connect(triaged_sample / DB_NAME) as db:
        db.execute("UPDATE files SET mode = 'not a mode' WHERE id = (SELECT max(id) FROM files)")
    target = tmp_path / "out" / "timeline.body"
    target.parent.mkdir()
    target.write_text("the previous body file\n", encoding="utf-8")
    with CaseStore.open(triaged_sample) as store:
        before = store.case.audit_entry_count()
        with pytest.raises(ValueError):
            export(store, "bodyfile", target, "all")
        assert store.case.audit_entry_count() == before
    assert target.read_text(encoding="utf-8") == "the previous body file\n"
    assert [p.name for p in target.parent.iterdir()] == ["timeline.body"]
