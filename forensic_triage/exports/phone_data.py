"""What the report's phone section and its map say, gathered from the case.

Phone records are artifacts whose extractor gave a *phone view* (``data["phone"]``, the roles in
``plugin_api.PHONE_ROLES``): messages, calls, contacts, accounts, locations, whatever app or
platform they came from. Device identification and the extraction's own hashes come from the
evidence items (``evidence.details``, written at intake). Nothing here infers what a record does
not say: a party is shown as recorded, and a contact name is added only where the digits of a
contact's number equal the party's (see :func:`_digits`).
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from typing import Any

from ..store import CaseStore

LOGICAL_FORMATS = {"folder": "folder", "zip": "ZIP archive", "tar": "TAR archive", "iosbackup": "iOS backup"}
TIMELINE_ROWS = 200  # communications listed in the report (all are in the case and its CSV/CASE exports)
LOCATION_ROWS = 200
DEVICE_FIELDS = (("name", "Device name"), ("model", "Model"), ("product_type", "Product type"),
                 ("os_version", "Operating system"), ("serial", "Serial number"), ("udid", "UDID"),
                 ("imei", "IMEI"), ("phone_number", "Phone number"), ("backup_date", "Backup / extraction date"),
                 ("extraction_tool", "Extraction tool"))


@dataclasses.dataclass(slots=True)
class PhoneSummary:
    devices: list[dict[str, Any]]
    extraction_hashes: list[dict[str, Any]]
    counts: list[tuple[str, str, int]]  # (role, application, records)
    contacts: list[dict[str, Any]]  # communications per party
    timeline: list[dict[str, Any]]
    timeline_total: int
    locations: list[dict[str, Any]]
    recovered: int
    logical: list[dict[str, Any]]  # evidence items that are logical extractions (uid, format words)


def _details(row: dict[str, Any]) -> dict[str, Any]:
    try:
        value = json.loads(row.get("details") or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _digits(number: Any) -> str:
    """The digits of a phone number; a party and a contact match when one's digits end the other's
    and the shorter has at least 7 (a national number and the same with its country code)."""
    return "".join(ch for ch in str(number or "") if ch.isdigit())


def _same_number(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 7 and long_.endswith(short)


def _names(records: list[dict[str, Any]]) -> list[tuple[str, str]]:
    out = []
    for r in records:
        view = r["phone"]
        if view["role"] != "contact" or not view.get("name"):
            continue
        for number in view.get("numbers") or []:
            digits = _digits(number)
            if digits:
                out.append((digits, str(view["name"])))
    return out


def _name_of(party: Any, names: list[tuple[str, str]]) -> str | None:
    digits = _digits(party)
    if not digits:
        return None
    found = sorted({name for d, name in names if _same_number(d, digits)})
    return " / ".join(found) if found else None


def _per_party(comms: list[dict[str, Any]], names: list[tuple[str, str]]) -> list[dict[str, Any]]:
    parties: dict[str, dict[str, Any]] = {}
    for r in comms:
        view = r["phone"]
        party = str(view.get("party") or "(unknown)")
        digits = _digits(party)
        key = digits if len(digits) >= 7 else party  # one number written two ways is one party
        entry = parties.setdefault(key, {"party": party, "name": _name_of(party, names), "sent": 0,
                                           "received": 0, "calls_in": 0, "calls_out": 0, "calls_missed": 0,
                                           "first": None, "last": None, "applications": set()})
        direction = str(view.get("direction") or "")
        if view["role"] == "message":
            counter = "sent" if direction == "sent" else "received" if direction == "received" else None
        else:
            counter = {"incoming": "calls_in", "outgoing": "calls_out", "missed": "calls_missed"}.get(direction)
        if counter:
            entry[counter] += 1
        entry["applications"].add(str(view.get("application") or "?"))
        when = view.get("time")
        if isinstance(when, str) and when:
            entry["first"] = min(filter(None, (entry["first"], when)))
            entry["last"] = max(filter(None, (entry["last"], when)))
    rows = [p | {"applications": ", ".join(sorted(p["applications"]))} for p in parties.values()]
    return sorted(rows, key=lambda p: (-(p["sent"] + p["received"] + p["calls_in"] + p["calls_out"]
                                         + p["calls_missed"]), p["party"]))


def _hashes(evidence: dict[str, Any], details: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for h in details.get("extraction_hashes") or []:
        if isinstance(h, dict):
            out.append({"evidence": evidence["uid"], "path": h.get("path") or "", "algorithm": h.get("algorithm") or "",
                        "value": h.get("value") or "", "recomputed": h.get("recomputed") or "",
                        "match": h.get("match"), "source": h.get("source") or ""})
    return out


def gather_phone(store: CaseStore) -> PhoneSummary | None:
    """The phone section's content, or None when the case holds no phone evidence or records."""
    records = store.findings.phone_records()
    devices, hashes, logical = [], [], []
    for e in store.evidence.items():
        details = _details(e)
        device = details.get("device")
        if isinstance(device, dict) and device:
            devices.append({"evidence": e["uid"], "exhibit": e["exhibit"],
                            "fields": [(label, str(device[k])) for k, label in DEVICE_FIELDS if device.get(k)]
                            + [(str(k), str(v)) for k, v in sorted(device.items())
                               if k not in dict(DEVICE_FIELDS) and isinstance(v, (str, int, float))]})
        hashes += _hashes(e, details)
        if e["format"] in LOGICAL_FORMATS:
            logical.append({"evidence": e["uid"], "format": e["format"], "words": LOGICAL_FORMATS[e["format"]]})
    if not records and not devices and not logical:
        return None
    counts = Counter((r["phone"]["role"], str(r["phone"].get("application") or r["type"])) for r in records)
    comms = [r for r in records if r["phone"]["role"] in ("message", "call")]
    names = _names(records)
    dated = sorted((r for r in comms if r["phone"].get("time")), key=lambda r: (str(r["phone"]["time"]), r["id"]))
    timeline = [{"time": r["phone"]["time"], "role": r["phone"]["role"],
                 "application": r["phone"].get("application"), "direction": r["phone"].get("direction"),
                 "party": r["phone"].get("party"), "name": _name_of(r["phone"].get("party"), names),
                 "text": r["phone"].get("body") if r["phone"]["role"] == "message" else
                 (f"{r['phone']['duration_seconds']} s" if r["phone"].get("duration_seconds") is not None else ""),
                 "recovered": r["recovered"], "locator": r["locator"], "evidence": r["evidence_uid"]}
                for r in dated]
    locations = [{"time": r["phone"].get("time"), "latitude": r["phone"]["latitude"],
                  "longitude": r["phone"]["longitude"], "description": r["phone"].get("description") or r["type"],
                  "locator": r["locator"], "evidence": r["evidence_uid"]}
                 for r in records if r["phone"]["role"] == "location"
                 and isinstance(r["phone"].get("latitude"), (int, float))
                 and isinstance(r["phone"].get("longitude"), (int, float))
                 and -90 <= r["phone"]["latitude"] <= 90 and -180 <= r["phone"]["longitude"] <= 180]
    locations.sort(key=lambda x: (str(x["time"] or ""), x["locator"]))
    return PhoneSummary(
        devices=devices, extraction_hashes=hashes,
        counts=sorted((role, app, n) for (role, app), n in counts.items()),
        contacts=_per_party(comms, names), timeline=timeline[:TIMELINE_ROWS], timeline_total=len(timeline),
        locations=locations, recovered=sum(1 for r in records if r["recovered"]), logical=logical)


__all__ = ["LOCATION_ROWS", "LOGICAL_FORMATS", "TIMELINE_ROWS", "PhoneSummary", "gather_phone"]
