"""Findings of a case, read from the case database only, selected by scope.

A *finding* is anything an examiner may have to speak to: a YARA match, a match against a
notable hash set, an artifact record, a content-search hit, a file whose extension lies about
its type or whose content looks encrypted, and anything the examiner tagged. Each finding has
a stable id within the case (``YARA-3``, ``HASH-1``, ``ART-42``, ``TEXT-7``, ``FILE-12``)
built from the database row id, so the PDF, the CSV files, the CASE graph and an imported
review case all name the same finding the same way.

Scopes: ``all`` (everything), ``notable`` (YARA matches, notable hash-set matches, files whose
extension does not match their content, encrypted containers and anything tagged: the default
of the court report) and ``tagged`` (only what the examiner tagged).
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from ..store import CaseStore

SCOPES = ("all", "notable", "tagged")

PREFIX = {"hit": "YARA", "hashset": "HASH", "artifact": "ART", "content_hit": "TEXT", "file": "FILE"}


@dataclasses.dataclass(slots=True)
class Tag:
    tag: str
    note: str
    examiner: str
    created_utc: str
    target: str  # the finding id or "FILE-n" the tag was put on
    interpretation: str = ""   # the examiner's reading of the finding (opinion, not fact)
    alternatives: str = ""     # alternative explanations the examiner considered


@dataclasses.dataclass(slots=True)
class Finding:
    fid: str
    kind: str            # hit | hashset | artifact | content_hit | file
    group: str           # heading the report groups by, e.g. "YARA rule match", "browser.visit"
    db_id: int
    file_id: int | None
    locator: str         # locator key + path
    summary: str
    producer: str        # plugin/rule and version that produced it
    time_utc: str | None
    times: list[tuple[str, str]]
    details: dict[str, Any]
    tags: list[Tag] = dataclasses.field(default_factory=list)
    file_tags: list[Tag] = dataclasses.field(default_factory=list)
    time_basis: str = "utc"  # artifacts.time_basis: 'utc' | 'local' | 'assumed:ZONE'
    # timeline rows of an artifact: (event, time_utc, basis, local_time as the source wrote it)
    timeline: list[tuple[str, str, str, str | None]] = dataclasses.field(default_factory=list)


def full_locator(locator: str | None, path: str | None) -> str:
    """Locator key + path as printed by ``forensic-triage files`` (whether the column holds the key
    alone or already the key with its path)."""
    loc, p = str(locator or ""), str(path or "")
    return loc if not p or loc.endswith(p) else loc + p


def _loads(text: str | None, default: Any) -> Any:
    try:
        return json.loads(text) if text else default
    except ValueError:
        return default


def load_tags(store: CaseStore) -> dict[tuple[str, int], list[Tag]]:
    out: dict[tuple[str, int], list[Tag]] = defaultdict(list)
    for r in store.findings.tags():
        kind = str(r["target_kind"])
        keys = r.keys()
        out[(kind, int(r["target_id"]))].append(
            Tag(r["tag"], r["note"], r["examiner"], r["created_utc"], f"{PREFIX.get(kind, kind.upper())}-{r['target_id']}",
                str(r["interpretation"] or "") if "interpretation" in keys else "",
                str(r["alternatives"] or "") if "alternatives" in keys else ""))
    return out


def _ruleset_versions(store: CaseStore) -> dict[str, str]:
    return store.findings.ruleset_names()


def collect(store: CaseStore, scope: str = "all") -> list[Finding]:
    """Every finding of the case in ``scope``, ordered by group then id (deterministic)."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r} (use one of {', '.join(SCOPES)})")
    tags = load_tags(store)
    file_tags = {tid for (kind, tid) in tags if kind == "file"}
    sources = (_yara_findings(store), _hash_findings(store), _artifact_findings(store), _content_findings(store),
               _file_findings(store, file_tags))
    found: list[Finding] = []
    for source in sources:
        for f, notable in source:
            _attach_tags(f, tags)
            if _in_scope(scope, notable, bool(f.tags)):
                found.append(f)
    return found


def _attach_tags(f: Finding, tags: dict[tuple[str, int], list[Tag]]) -> None:
    f.tags = tags.get((f.kind, f.db_id), []) if f.kind != "hashset" else []
    if f.file_id is not None and f.kind != "file":
        f.file_tags = tags.get(("file", f.file_id), [])


def _in_scope(scope: str, notable: bool, tagged: bool) -> bool:
    return scope == "all" or (scope == "notable" and (notable or tagged)) or (scope == "tagged" and tagged)


def _yara_findings(store: CaseStore) -> Iterator[tuple[Finding, bool]]:
    rulesets = _ruleset_versions(store)
    for r in store.findings.yara_hits():
        ruleset = rulesets.get(r["ruleset_sha256"], "")
        producer = f"YARA rule {r['namespace'] + ':' if r['namespace'] else ''}{r['rule']}"
        if r["ruleset_sha256"]:
            producer += f" (rule set {ruleset + ' ' if ruleset else ''}SHA-256 {r['ruleset_sha256']})"
        strings = _loads(r["strings"], [])
        first = strings[0] if strings else {}
        summary = f"rule {r['rule']} matched"
        if first:
            summary += f" {first.get('identifier', '')} at offset {first.get('offset', '?')}"
        yield Finding(f"YARA-{r['id']}", "hit", "YARA rule match", int(r["id"]), int(r["file_id"]),
                      full_locator(r["locator"], r["path"]), summary, producer, None, [],
                      {"rule": r["rule"], "namespace": r["namespace"], "tags": _loads(r["tags"], []),
                       "meta": _loads(r["meta"], {}), "strings": strings,
                       "ruleset_sha256": r["ruleset_sha256"]}), True


def _hash_findings(store: CaseStore) -> Iterator[tuple[Finding, bool]]:
    for r in store.findings.hash_matches():
        if r["kind"] == "known-good":
            continue  # known-good files are not findings; the set still appears under tools
        yield Finding(f"HASH-{r['id']}", "hashset", f"Hash-set match ({r['kind']})", int(r["id"]), int(r["file_id"]),
                      full_locator(r["floc"], r["path"]),
                      f"{r['algorithm'].upper()} {r['hash']} is in hash set {r['set_name']}",
                      f"hash set {r['set_name']} ({r['kind']})", None, [],
                      {"set": r["set_name"], "kind": r["kind"], "algorithm": r["algorithm"], "hash": r["hash"]}), \
            r["kind"] == "notable"


def _artifact_findings(store: CaseStore) -> Iterator[tuple[Finding, bool]]:
    # One pass over the timeline (not one query per artifact: the table has no artifact index, so
    # that was quadratic — 65 s for 23,000 shell-history records).
    timeline_of = store.findings.artifact_timelines()
    for r in store.findings.artifacts():
        rows = timeline_of.get(int(r["id"]), [])
        times = [(str(t["event"]), str(t["time_utc"])) for t in rows]
        art = Finding(f"ART-{r['id']}", "artifact", str(r["type"]), int(r["id"]),
                      int(r["file_id"]) if r["file_id"] is not None else None,
                      full_locator(r["locator"], r["path"]), str(r["summary"]),
                      f"{r['plugin']} {r['plugin_version']}", r["time_utc"], times, _loads(r["data"], {}))
        art.time_basis = str(_col(r, "time_basis", "utc"))
        art.timeline = [(str(t["event"]), str(t["time_utc"]), str(_col(t, "basis", "utc")), _col(t, "local_time", None))
                        for t in rows]
        yield art, False


def _content_findings(store: CaseStore) -> Iterator[tuple[Finding, bool]]:
    for r in store.findings.content_hits():
        yield Finding(f"TEXT-{r['id']}", "content_hit", f"Content search: {r['kind']}", int(r["id"]), int(r["file_id"]),
                      full_locator(r["locator"], r["path"]),
                      f"{r['value']} at offset {r['offset']} ({r['encoding']})", f"content search ({r['search']})",
                      None, [], {"kind": r["kind"], "value": r["value"], "offset": r["offset"],
                                 "context": r["context"], "encoding": r["encoding"]}), False


def _file_findings(store: CaseStore, file_tags: set[int]) -> Iterator[tuple[Finding, bool]]:
    for r in store.findings.flagged_files(file_tags):
        if r["id"] in file_tags:
            group = "Tagged file"
        elif r["ext_mismatch"]:
            group = "Extension does not match content"
        else:
            group = "Encrypted or high-entropy content"
        reasons = []
        if r["ext_mismatch"]:
            reasons.append(f"extension .{r['extension']} but content is {r['mime']} (.{r['detected_ext'] or '?'})")
        if r["encrypted"]:
            reasons.append(f"looks encrypted: {r['encrypted']}")
        summary = "; ".join(reasons) or f"{r['mime'] or 'file'}, {r['size']} bytes"
        yield Finding(f"FILE-{r['id']}", "file", group, int(r["id"]), int(r["id"]),
                      full_locator(r["locator"], r["path"]), summary,
                      "signature analysis" if reasons else "examiner", None, [],
                      {"mime": r["mime"], "extension": r["extension"], "detected_ext": r["detected_ext"],
                       "encrypted": r["encrypted"]}), bool(reasons)


def _col(row: Any, name: str, default: Any) -> Any:
    """A column that only newer case formats have (``default`` on an older row)."""
    return row[name] if name in row.keys() and row[name] is not None else default


def grouped(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings by group, groups in a fixed order (matches and tags first, then artifact types)."""
    order = {"YARA rule match": 0, "Hash-set match (notable)": 1, "Tagged file": 2}
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        groups[f.group].append(f)
    return dict(sorted(groups.items(), key=lambda kv: (order.get(kv[0], 3 if kv[1][0].kind == "artifact" else 4),
                                                       kv[0])))


def selected_file_ids(store: CaseStore, findings: list[Finding], scope: str) -> set[int] | None:
    """The files an export in ``scope`` covers; None means every file."""
    if scope == "all":
        return None
    return {f.file_id for f in findings if f.file_id is not None}


def file_rows(store: CaseStore, ids: set[int] | None) -> list[dict[str, Any]]:
    """File rows (with evidence uid and exhibit) for an id set, or all when ``ids`` is None."""
    return store.findings.file_rows(ids)
