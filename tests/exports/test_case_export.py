"""CASE/UCO 1.5 export: case_validate conforms (every artifact type; a small real case), re-export identical."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import jsonld_nodes

from forensic_triage.exports.case_uco import export_case
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.store import CaseStore

case_validate = pytest.importorskip("case_utils.case_validate")


def _validate(path: Path) -> Any:
    result = case_validate.validate(str(path), case_version="case-1.5.0", allow_infos=False, allow_warnings=False)
    assert result.conforms, result.text[:4000]
    return result


def _types(value: Any, out: set[str] | None = None) -> set[str]:
    """Every @type in the graph, nested nodes (facets, entries, configurations) included."""
    out = set() if out is None else out
    if isinstance(value, list):
        for item in value:
            _types(item, out)
    elif isinstance(value, dict):
        t = value.get("@type")
        if isinstance(t, str) and ":" in t and not t.startswith("xsd:"):
            out.add(t)
        elif isinstance(t, list):
            out.update(t)
        for v in value.values():
            _types(v, out)
    return out


def test_every_artifact_type_conforms_and_is_mapped(report_case: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "case.jsonld"
    with CaseStore.open(report_case["case_dir"], read_only=True) as store:
        text = export_case(store, out)
        again = export_case(store, tmp_path / "again.jsonld")
    assert text == again and out.read_bytes() == (tmp_path / "again.jsonld").read_bytes()
    doc = json.loads(text)
    assert isinstance(doc["@context"], dict)  # inline context: validates offline
    nodes = jsonld_nodes(text)
    types = _types(nodes)
    for expected in ("case-investigation:Investigation", "case-investigation:Authorization", "uco-identity:Person",
                     "uco-tool:ConfiguredTool", "uco-configuration:Configuration", "uco-observable:Disk",
                     "uco-observable:StorageMedium", "uco-observable:Image", "uco-observable:DiskPartition",
                     "uco-observable:FileSystem", "uco-observable:File", "uco-observable:URLHistory",
                     "uco-observable:URLHistoryEntry", "uco-observable:WindowsRegistryKey",
                     "uco-observable:WindowsRegistryValue", "uco-observable:Device", "uco-observable:EmailMessage",
                     "uco-observable:Message", "uco-location:Location", "uco-analysis:AnalyticResult",
                     "uco-analysis:Analysis", "uco-core:Annotation", "case-investigation:ProvenanceRecord",
                     "case-investigation:InvestigativeAction", "uco-observable:ObservableRelationship"):
        assert expected in types, expected
    # Hashes are typed hexBinary; times carry a zone; every IRI ends with a UUID.
    assert text.count('"@type": "xsd:hexBinary"') >= 3 * 10 and '"uco-types:hashValue": "' not in text
    iris = [n["@id"] for n in nodes]
    assert all(len(i) > 36 and i[-36:].count("-") == 4 for i in iris)
    with CaseStore.open(report_case["case_dir"], read_only=True) as store:
        sha = store.scalar("SELECT sha256 FROM evidence_containers WHERE seq = 0 ORDER BY evidence_id LIMIT 1")
        rule = store.scalar("SELECT sha256 FROM rulesets")
    assert sha in text and rule in text
    custody_times = [n["uco-action:startTime"]["@value"] for n in nodes
                     if str(n.get("uco-core:name", "")).startswith("custody: ")]
    assert "2025-03-03T09:00:00-04:00" in custody_times
    contained = [n for n in nodes if n.get("uco-core:kindOfRelationship") == "Contained_Within"]
    assert len(contained) > 10
    _validate(out)


def test_small_real_case_conforms(corpus: Path, tmp_path: Path) -> None:
    """A third-party NTFS image (GRR test data) through intake and triage: the graph validates."""
    with CaseStore.create(tmp_path / "case", case_number="TT-SMALL-1", examiner="B. Examiner",
                          timezone="America/Jamaica") as store:
        add_evidence(store, corpus / "images" / "grr" / "ntfs_img.dd", exhibit="EXH-100")
        run_triage(store, TriageSettings(jobs=1), command_line="test")
        out = tmp_path / "small.jsonld"
        text = export_case(store, out)
        files = store.scalar("SELECT count(*) FROM files")
    nodes = jsonld_nodes(text)
    assert sum(1 for n in nodes if n.get("@type") == "uco-observable:File") == files
    _validate(out)
