"""Triage output of the sample image is fixed: the files, artifacts, hits, warnings and the CASE
graph hash to values recorded before the store / typed-data restructuring of issue 16.

A change of any of them (a column written differently, an artifact lost, a hit duplicated, a
warning worded otherwise) changes a digest. When a change is intended, record the new digests
here in the same commit and say why in its message.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import forensic_triage.rules
import pytest

from forensic_triage.cli.main import run

# Recorded on the branch before any change (commit 9f4a6a2), sample image, one worker.
EXPECTED = {
    "files": "775f603350dbc9a3167449094d787634686927a853c27ad829861c2836c5af23",
    "artifacts": "22a4d0f9b5cff7d80e22964f5fa65eb99421a82487f01750e696b40afd8a0bd3",
    "hits": "297f4fd1d0b0f8ea5114b8c9b91bbd4cd4870c5d952038b1fc91dd0506cd43d0",
    "warnings": "86fa4ba21853ce090e27e147d0868e2cba5bf83c980f7f914d5fd16bb62fc26b",
    "case": "e605f3b0b7cd440a7a874451ad9790dc3dab74114ca20e890225cfd4a1c7fc5d",  # + the 14 phone extractors (issue 13)
}

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z")


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert run(list(args)) == 0
    return capsys.readouterr().out


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now_free(text: str, since: str) -> str:
    """Times of this run (intake, job start and end, export) become 'NOW'; evidence times stay."""
    return _ISO.sub(lambda m: "NOW" if m.group(0) >= since else m.group(0), text)


def _graph(path: Path, since: str, tmp: str) -> str:
    """The CASE graph with its per-case random ids and this run's times and folders taken out:
    one canonical line per node, sorted (the node order follows the ids)."""
    graph = json.loads(path.read_text(encoding="utf-8"))
    nodes = graph["@graph"] if isinstance(graph, dict) else graph
    # The parsing libraries' versions are what pip installed on this machine (PyPI moves on): named, not
    # part of the result. The plugins' versions are.
    for node in nodes:
        for entry in node.get("uco-configuration:usesConfiguration", {}).get("uco-configuration:configurationEntry", []):
            if str(entry.get("uco-configuration:itemName", "")).startswith("library "):
                entry["uco-configuration:itemValue"] = "VERSION"
    # The shipped rule files are named by where this checkout installed them: not part of the result.
    rules = str(Path(forensic_triage.rules.__file__).resolve().parent)
    lines = sorted(_now_free(_UUID.sub("U", json.dumps(n, sort_keys=True)), since).replace(tmp, "TMP")
                   .replace(rules, "RULES") for n in nodes)
    return "\n".join(lines)


def test_sample_triage_output_is_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from forensic_triage.jobs.intake import add_evidence
    from forensic_triage.jobs.settings import TriageSettings
    from forensic_triage.jobs.triage import run_triage
    from forensic_triage.sample.generator import build_sample_image
    from forensic_triage.store import CaseStore

    since = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    image = tmp_path / "sample.dd"
    build_sample_image(image)
    image.chmod(0o444)
    case = tmp_path / "case"
    with CaseStore.create(case, case_number="DIG-1", examiner="A. Examiner") as store:
        add_evidence(store, image, exhibit="EXH-001")
        run_triage(store, TriageSettings(jobs=1), command_line="forensic-triage triage case")
    got = {
        "files": _cli(capsys, "files", "--all-types", "--format", "jsonl", str(case)),
        "artifacts": _cli(capsys, "artifacts", "--format", "jsonl", str(case)),
        "hits": "".join(_cli(capsys, "hits", "--kind", kind, "--format", "jsonl", str(case))
                        for kind in ("yara", "hashset", "content", "signature")),
        "warnings": "".join(json.dumps({k: v for k, v in json.loads(line).items() if k != "created_utc"},
                                       sort_keys=True) + "\n"
                            for line in _cli(capsys, "warnings", "--format", "jsonl", str(case)).splitlines()),
    }
    _cli(capsys, "export", "--format", "case", "--out", str(tmp_path / "case.jsonld"), str(case))
    got["case"] = _graph(tmp_path / "case.jsonld", since, str(tmp_path))
    assert got["files"].count("\n") > 20 and got["artifacts"] and got["hits"] and got["warnings"]
    digests = {name: _sha(text) for name, text in got.items()}
    assert digests == EXPECTED
