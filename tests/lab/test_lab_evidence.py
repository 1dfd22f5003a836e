"""A lab worker's check of a folder given as evidence (no servers needed): the folder is found
through --evidence-root, and its files must be exactly those intake recorded, with their sizes and
SHA-256."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from forensic_triage.errors import EvidenceError
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.lab import evidence
from forensic_triage.store import CaseStore


def _item(tmp_path: Path) -> tuple[Path, dict[str, Any], list[dict[str, Any]]]:
    folder = tmp_path / "site" / "extraction"
    (folder / "data" / "db").mkdir(parents=True)
    (folder / "data" / "db" / "msgs.db").write_bytes(b"SQLite format 3\x00" + b"\x01" * 100)
    (folder / "notes.txt").write_bytes(b"meet at nine\n")
    with CaseStore.create(tmp_path / "case", case_number="C-1", examiner="A. Examiner") as store:
        added = add_evidence(store, folder, exhibit="PH-1")
        item = store.lab.evidence_item(added.evidence_id)
        containers = store.lab.containers(added.evidence_id)
    assert item is not None and item["format"] == "folder" and len(containers) == 2
    return folder, item, containers


def _fresh(monkeypatch: pytest.MonkeyPatch, root: str) -> None:
    """A new worker process: nothing checked yet; this evidence root."""
    monkeypatch.setattr(evidence, "_VERIFIED", {})
    monkeypatch.setattr(evidence, "_FOLDERS", {})
    monkeypatch.setenv(evidence.ROOT_ENV, root)


def test_a_folder_is_mapped_and_checked_file_by_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, item, containers = _item(tmp_path)
    mount = tmp_path / "worker-mount"
    copy = mount / "extraction"
    shutil.copytree(folder, copy)
    _fresh(monkeypatch, f"{folder.parent}={mount}")
    assert evidence.verified_path(item, containers) == str(copy)

    (copy / "notes.txt").write_bytes(b"meet at noon\n")  # same size, other bytes
    _fresh(monkeypatch, f"{folder.parent}={mount}")
    with pytest.raises(EvidenceError, match="SHA-256"):
        evidence.verified_path(item, containers)

    (copy / "notes.txt").write_bytes(b"meet at nine\n")
    (copy / "data" / "planted.txt").write_bytes(b"x")
    _fresh(monkeypatch, f"{folder.parent}={mount}")
    with pytest.raises(EvidenceError, match="1 added, e.g. data/planted.txt"):
        evidence.verified_path(item, containers)

    (copy / "data" / "planted.txt").unlink()
    (copy / "data" / "db" / "msgs.db").unlink()
    _fresh(monkeypatch, f"{folder.parent}={mount}")
    with pytest.raises(EvidenceError, match="1 missing, e.g. data/db/msgs.db"):
        evidence.verified_path(item, containers)

    _fresh(monkeypatch, str(tmp_path / "nowhere"))
    shutil.rmtree(folder)
    with pytest.raises(EvidenceError, match="cannot find the evidence folder"):
        evidence.verified_path(item, containers)
