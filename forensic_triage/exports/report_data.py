"""Everything the court report shows, gathered from the case database in one place.

The only thing read outside the database is the evidence *container files* themselves, which
are re-hashed (read-only) so the report can state that they are unchanged since intake
(``evidence.hashing.recheck_container``); the evidence's content is never reopened.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import platform
import secrets
from collections import Counter
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from .. import TOOL_NAME, __version__
from ..buildinfo import build_id
from ..errors import StoreError
from ..evidence.hashing import recheck_container
from ..store import CaseStore
from ..store import digest as case_digest
from ..timeutil import local_display, parse_iso, utcnow_iso
from .findings import Finding, collect, file_rows, grouped
from .phone_data import PhoneSummary, gather_phone

LIBRARIES = ("pytsk3", "libewf-python", "yara-python", "python-magic", "reportlab", "cryptography", "Pillow",
             "libregf-python", "libevtx-python", "libscca-python", "liblnk-python", "libolecf-python")


@dataclasses.dataclass(slots=True)
class ReportData:
    report_id: str
    generated_utc: str
    scope: str
    case: dict[str, Any]
    examiners: list[dict[str, Any]]
    signer_fingerprint: str | None
    evidence: list[dict[str, Any]]
    containers_now: list[dict[str, Any]]
    volumes: list[dict[str, Any]]
    custody: list[dict[str, Any]]
    jobs: list[dict[str, Any]]
    plugins: dict[str, str]
    libraries: dict[str, str]
    environment: dict[str, str]
    rulesets: list[dict[str, Any]]
    hashsets: list[dict[str, Any]]
    findings: dict[str, list[Finding]]
    files: dict[int, dict[str, Any]]
    thumbnails: list[dict[str, Any]]
    gps: list[dict[str, Any]]
    activity: list[tuple[str, int]]
    activity_source: str
    categories: list[tuple[str, int]]
    warnings: list[dict[str, Any]]
    unparsed: list[str]
    counts: dict[str, int]
    audit: list[dict[str, Any]]
    audit_head: str
    audit_problems: list[str]
    build: str = ""
    signing: dict[str, Any] | None = None
    examiner: dict[str, Any] = dataclasses.field(default_factory=dict)
    draft_missing: list[str] = dataclasses.field(default_factory=list)
    anchor: dict[str, Any] | None = None
    digest_problems: list[str] | None = None   # None: this build cannot re-check the digest
    attacker_limits: str = ""
    # everyone who acted on the case (the audit log), with their role: several examiners in lab mode
    contributors: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    content_summary: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    warning_groups: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    completeness: dict[str, int] = dataclasses.field(default_factory=dict)
    phone: PhoneSummary | None = None  # the phone section (None: no phone evidence or records)

    @property
    def draft(self) -> bool:
        return bool(self.draft_missing)

    def zone_of(self, evidence_uid_or_id: Any) -> str | None:
        """The source time zone the examiner declared for an evidence item (None = unknown)."""
        for e in self.evidence:
            if evidence_uid_or_id in (e["id"], e["uid"], e["exhibit"]):
                zone = e.get("source_timezone")
                return str(zone) if zone else None
        return None


def signing_statement(d: ReportData) -> tuple[bool, str]:
    """(signed?, the sentence the report prints about its own signature)."""
    sig = d.signing
    if not sig:
        return False, ("UNSIGNED. This PDF is not covered by any signed manifest: it was exported on its own, not as "
                       "part of a signed evidence package, and nothing in it proves who produced it or that it is "
                       "unaltered. Its SHA-256 is recorded in the case's audit log when it is exported with "
                       "'forensic-triage export'; for a signed, verifiable copy build an evidence package with the "
                       "examiner's key ('forensic-triage package CASE --key KEY').")
    when = local_display(sig.get("signed_utc"), None) or "an unrecorded time"
    text = (f"Signed by {sig.get('signer') or 'an unnamed signer'} (key fingerprint "
            f"{sig.get('fingerprint') or 'not recorded'}) on {when}; the signature covers the package manifest that "
            "lists this PDF's SHA-256. Check it with 'forensic-triage verify-package'.")
    if sig.get("signing_as"):
        text += f" The key was used signing as {sig['signing_as']} (recorded with the signature)."
    return True, text


def new_report_id(case_number: str) -> str:
    stamp = utcnow_iso().replace("-", "").replace(":", "")[:15]
    return f"RPT-{case_number}-{stamp}-{secrets.token_hex(3).upper()}"


def _lib_versions() -> dict[str, str]:
    out = {}
    for name in LIBRARIES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            continue
    return out


def _plugins_and_libraries(jobs: list[dict[str, Any]]) -> tuple[dict[str, str], dict[str, str]]:
    plugins: dict[str, str] = {}
    libraries: dict[str, str] = {}
    for job in jobs:
        try:
            analyzers = json.loads(job["settings"]).get("analyzers") or {}
        except (ValueError, AttributeError):
            continue
        for name, desc in analyzers.items():
            if not isinstance(desc, dict):
                continue
            for plugin, ver in (desc.get("plugins") or {}).items():
                plugins[str(plugin)] = str(ver)
            for lib, ver in (desc.get("libraries") or {}).items():
                libraries[str(lib)] = str(ver)
            extra = {k: v for k, v in desc.items() if k not in ("plugins", "libraries")}
            if extra:
                plugins[f"analyzer {name}"] = describe_config(extra)
    return plugins, libraries


def describe_config(config: dict[str, Any]) -> str:
    """An analyzer's settings as short 'key: value' text for the report (hashes kept whole)."""
    parts = []
    for key in sorted(config):
        value = config[key]
        if isinstance(value, list):
            if value and all(isinstance(v, dict) for v in value):
                shown = f"{len(value)} item(s)"
            elif len(value) > 8:
                shown = ", ".join(str(v) for v in value[:8]) + f", ... ({len(value)} in all)"
            else:
                shown = ", ".join(str(v) for v in value) or "none"
        elif isinstance(value, dict):
            shown = f"{len(value)} setting(s)"
        else:
            shown = str(value)
            if len(shown) > 96 and not all(c in "0123456789abcdef" for c in shown):
                shown = shown[:93] + "..."
        parts.append(f"{key.replace('_', ' ')}: {shown}")
    return "; ".join(parts)


def _activity(store: CaseStore) -> tuple[list[tuple[str, int]], str]:
    # Only times known in UTC (or made UTC with a declared zone); a local time of unknown zone has
    # no place on a UTC axis.
    times, from_timeline = store.findings.utc_activity_times()
    source = ("timeline events (artifacts), UTC" if from_timeline
              else "file modification times recorded in UTC (no artifact timeline)")
    moments = [m for m in (parse_iso(t) for t in times) if m is not None and m.year >= 1980]
    if not moments:
        return [], source
    span_days = (max(moments) - min(moments)).days
    fmt = "%Y-%m-%d" if span_days <= 45 else "%Y-%m" if span_days <= 5 * 365 else "%Y"
    counts = Counter(m.strftime(fmt) for m in moments)
    if fmt == "%Y-%m-%d":
        # Every day of the span, so quiet days show as gaps rather than vanishing.
        first = min(moments).date()
        days = [(first + _dt.timedelta(days=i)).isoformat() for i in range(span_days + 2)]
        days = [d for d in days if d <= max(moments).date().isoformat()]
        return [(d, counts.get(d, 0)) for d in days], source
    return sorted(counts.items()), source


def _categories(store: CaseStore) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for mime in store.findings.file_mimes():
        major = str(mime).split("/", 1)[0] if mime and mime != "application/octet-stream" else "binary/unknown"
        if str(mime).startswith("application/"):
            sub = str(mime).split("/", 1)[1]
            major = ("document" if any(k in sub for k in ("pdf", "word", "officedocument", "msword", "excel", "rtf"))
                     else "archive" if any(k in sub for k in ("zip", "x-7z", "rar", "gzip", "x-tar")) else
                     "executable" if any(k in sub for k in ("executable", "x-dosexec", "x-mach", "x-sharedlib")) else
                     "database" if "sqlite" in sub else "binary/unknown" if sub == "octet-stream" else "other application")
        counts[major] += 1
    return counts.most_common()


def _gps(findings: list[Finding]) -> list[dict[str, Any]]:
    out = []
    for f in findings:
        if f.kind != "artifact":
            continue
        d = f.details
        lat = next((d[k] for k in ("latitude", "lat", "gps_latitude") if isinstance(d.get(k), (int, float))), None)
        lon = next((d[k] for k in ("longitude", "lon", "lng", "gps_longitude") if isinstance(d.get(k), (int, float))),
                   None)
        if lat is None or lon is None:
            continue
        alt = next((d[k] for k in ("altitude", "gps_altitude") if isinstance(d.get(k), (int, float))), None)
        out.append({"fid": f.fid, "lat": lat, "lon": lon, "alt": alt, "time": f.time_utc, "basis": f.time_basis,
                    "locator": f.locator,
                    "file_id": f.file_id, "producer": f.producer})
    return out


ATTACKER_LIMITS_FALLBACK = (
    "What the digest cannot show: someone with write access to the case folder who rewrites the database "
    "consistently - changes a value, recomputes every table digest and rebuilds the whole audit chain from the "
    "first entry - leaves a case that verifies on its own. Such a rewrite changes the head hash of the audit "
    "chain. The head hash printed here, once written down outside the case (the examiner's notebook, this "
    "report, a signed package), exposes it: a rewritten case ends in a different head hash.")

WARNING_EXAMPLES = 3


def _anchor(store: CaseStore) -> tuple[dict[str, Any] | None, list[str] | None, str]:
    """Latest digest anchor, the digest re-check and the limits text."""
    anchor = store.findings.latest_anchor()
    try:
        found: Any = store.findings.digest_problems()
    except StoreError as exc:  # a failed check is itself a finding of the report
        found = [f"the digest could not be re-checked: {exc.message}"]
    problems: list[str] | None = _problem_texts(found)
    limits = getattr(case_digest, "ATTACKER_LIMITS", None)
    return anchor, problems, str(limits) if isinstance(limits, str) and limits.strip() else ATTACKER_LIMITS_FALLBACK


def _problem_texts(found: Any) -> list[str]:
    """Problems from ``digest.check`` as plain sentences, whatever shape the check returns."""
    if found is None or found is True:
        return []
    if isinstance(found, tuple) and found and isinstance(found[0], (list, tuple)):
        found = found[0]
    if isinstance(found, dict):
        found = found.get("problems", [f"{k}: {v}" for k, v in found.items()])
    if isinstance(found, str):
        return [found] if found else []
    out = []
    for item in found or []:
        if isinstance(item, dict):
            parts = [str(item[k]) for k in ("table", "message", "problem") if item.get(k)]
            out.append(" - ".join(parts) or "; ".join(f"{k}: {v}" for k, v in item.items()))
        else:
            out.append(str(item))
    return out


def _contributors(store: CaseStore, examiners: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every actor of the audit log with their role (the tool itself is not a contributor)."""
    roles = {e["name"]: "reviewer" if e.get("role") == "reviewer" else "examiner" for e in examiners}
    return [{**c, "role": roles.get(c["name"], "examiner")} for c in store.lab.contributors()
            if c["name"] in roles]


def _draft_missing(info: dict[str, Any], examiner: dict[str, Any]) -> list[str]:
    missing = []
    if not str(info.get("request") or "").strip():
        missing.append("the request (questions asked)")
    if not str(examiner.get("qualifications") or "").strip():
        missing.append("the examiner's qualifications")
    if not str(info.get("conclusions") or "").strip():
        missing.append("the examiner's conclusions")
    return missing


def _content_summary(store: CaseStore, top: int = 5) -> list[dict[str, Any]]:
    """Content-search hits by kind: count, distinct values, the most frequent values and their files."""
    out = []
    for k in store.findings.content_kinds():
        kind = k["kind"]
        values = [{"value": v["value"], "count": int(v["n"]), "files": int(v["files"]),
                   "paths": store.findings.content_value_paths(kind, v["value"])}
                  for v in store.findings.top_content_values(kind, top)]
        out.append({"kind": kind, "count": int(k["count"]), "distinct": int(k["distinct_values"]),
                    "files": int(k["files"]), "top": values})
    return out


def _warning_groups(warnings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for w in warnings:
        groups.setdefault(str(w["kind"]), []).append(w)
    return [{"kind": k, "count": len(v), "examples": v[:WARNING_EXAMPLES], "rows": v}
            for k, v in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))]


_STATUS_NOTES = (
    ("error", "{n} file(s) could not be read (see the warnings)."),
    ("partial", "{n} file(s) could be read only in part; their hashes cover the readable bytes only "
                "(each is marked 'partial' with its readable byte count and unreadable ranges)."),
    ("no-content", "{n} deleted name(s) have no content recoverable (nothing left to read)."),
    ("pending", "{n} file(s) were listed but not yet examined (triage not finished)."),
)


def _needs(volume: dict[str, Any]) -> str:
    """What unlocks an encrypted volume, as intake recorded it in the volume's details."""
    try:
        return str(json.loads(volume.get("details") or "{}").get("needs") or "its secret")
    except (ValueError, AttributeError):
        return "its secret"


def _unparsed(store: CaseStore) -> list[str]:
    notes = []
    for v in store.findings.unlisted_volumes():
        what = {"unallocated": "unallocated space", "no-fs": "no readable file system", "error": "file system error",
                "meta": "partition table",
                "locked": f"locked: {v['fs_type']}, needs {_needs(v)}",
                }.get(v["fs_status"], v["fs_status"])
        notes.append(f"{v['uid']}: {v['description'] or 'area'} at byte {v['offset']}, {v['length']} bytes - {what}; "
                     "its files were not listed (not carved).")
    enc = store.findings.count_files(encrypted=True)
    if enc:
        notes.append(f"{enc} file(s) look encrypted; their content could not be examined.")
    for status, text in _STATUS_NOTES:
        n = store.findings.count_files(status=status)
        if n:
            notes.append(text.format(n=n))
    return notes


def gather(store: CaseStore, scope: str = "notable", *, report_id: str | None = None,
           signer_fingerprint: str | None = None, signing: dict[str, Any] | None = None) -> ReportData:
    info = store.case_info()
    examiners = store.findings.examiners()
    examiner = next((e for e in examiners if e["name"] == info["examiner"]), {})
    anchor, digest_problems, limits = _anchor(store)
    warnings = store.findings.warnings()
    found = collect(store, scope)
    jobs = store.findings.jobs()
    plugins, libraries = _plugins_and_libraries(jobs)
    problems, head = store.verify_audit()
    activity, activity_source = _activity(store)
    return ReportData(
        report_id=report_id or new_report_id(info["case_number"]),
        generated_utc=utcnow_iso(), scope=scope, case=info,
        examiners=examiners,
        signer_fingerprint=signer_fingerprint or (signing or {}).get("fingerprint"),
        evidence=_evidence(store),
        containers_now=[recheck_container(row) for row in store.evidence.recorded_containers()] if not info.get("read_only") else [],
        volumes=store.findings.volumes(),
        custody=store.findings.custody_events(),
        jobs=jobs, plugins=plugins, libraries=libraries,
        environment=_environment(),
        rulesets=store.findings.rulesets(),
        hashsets=store.findings.hashsets_used(),
        findings=grouped(found), files=_files_of(store, found), thumbnails=_tagged_thumbnails(store, found),
        gps=_gps(found), activity=activity, activity_source=activity_source, categories=_categories(store),
        warnings=warnings,
        unparsed=_unparsed(store), counts=_counts(store),
        audit=store.findings.audit_entries(),
        audit_head=head, audit_problems=problems,
        build=build_id(), signing=dict(signing) if signing else None, examiner=examiner,
        draft_missing=_draft_missing(info, examiner), anchor=anchor, digest_problems=digest_problems,
        contributors=_contributors(store, examiners),
        attacker_limits=limits, content_summary=_content_summary(store), warning_groups=_warning_groups(warnings),
        completeness=store.findings.files_by_status(), phone=gather_phone(store))


def _evidence(store: CaseStore) -> list[dict[str, Any]]:
    """Evidence items, each with its container files (``containers``)."""
    containers = store.findings.containers_by_evidence()
    return [r | {"containers": containers.get(int(r["id"]), [])} for r in store.evidence.items()]


def _files_of(store: CaseStore, found: list[Finding]) -> dict[int, dict[str, Any]]:
    ids = {f.file_id for f in found if f.file_id is not None}
    return {int(r["id"]): r for r in file_rows(store, ids)}


def _tagged_thumbnails(store: CaseStore, found: list[Finding]) -> list[dict[str, Any]]:
    """Previews of the tagged files in scope (the report shows only what the examiner tagged)."""
    tagged_files = {f.file_id for f in found if f.kind == "file" and f.tags}
    return [t for t in store.findings.thumbnails() if t["file_id"] in tagged_files]


def _counts(store: CaseStore) -> dict[str, int]:
    counts = store.findings.table_counts()
    counts["files_examined"] = store.findings.count_files(status="done")
    return counts


def _environment() -> dict[str, str]:
    return {"product": f"{TOOL_NAME} {__version__} (build {build_id()})", "python": platform.python_version(),
            "os": f"{platform.system()} {platform.release()} ({platform.machine()})",
            "host": platform.node(), "libraries": ", ".join(f"{k} {v}" for k, v in _lib_versions().items())}
