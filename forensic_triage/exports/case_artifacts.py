"""Artifact records as UCO observables, where UCO 1.5 has a class; a generic Annotation otherwise.

Mapped: web history (URLHistory + URLHistoryEntry + URL), registry keys (WindowsRegistryKey
with values), USB storage devices (Device + DeviceFacet, with their USBSTOR key), e-mail
(EmailMessage with EmailAddress nodes), SMS/chat messages (Message + MessageFacet with
PhoneAccount/ApplicationAccount senders), and picture locations (Location with
LatLongCoordinatesFacet). Every other record type becomes a ``core:Annotation`` on its source
file that carries the record's fields as JSON, so nothing is lost and the graph still
validates. A plugin may supply its own mapping through ``Extractor.to_case``. Each mapped
node is tied to the file it came from by an ``Extracted_From`` relationship and tagged with
the finding id and the plugin name and version.

Times: a record time with 'Z' or an offset is written as recorded; a local clock time (no zone)
with the offset of the zone the examiner declared for the evidence item (the offset actually
used), or without any offset when the zone is unknown (legal xsd:dateTime, no instant claimed).
"""

from __future__ import annotations

import json
from typing import Any

from ..store import CaseStore
from .case_graph import Graph, Node, decimal, ref
from .findings import Finding


def pick(data: dict[str, Any], *names: str) -> Any:
    for name in names:
        value = data.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def classify(atype: str, data: dict[str, Any]) -> str:
    view = data.get("phone")
    if isinstance(view, dict) and view.get("role") in _PHONE_KINDS:
        if view["role"] != "location" or all(isinstance(view.get(k), (int, float)) for k in ("latitude", "longitude")):
            return _PHONE_KINDS[str(view["role"])]
    t = atype.lower()
    if "usb" in t:
        return "usb"
    if any(k in t for k in ("email", "mail", "eml", "mbox")) and pick(data, "subject", "from", "sender", "message_id"):
        return "email"
    if any(k in t for k in ("sms", "mms", "whatsapp", "message", "chat")) and pick(data, "text", "body", "message"):
        return "message"
    if (t.startswith("browser.visit") or "history" in t or t.endswith(".visit")) and pick(data, "url"):
        return "url"
    if pick(data, "key", "key_path", "registry_key") and ("registry" in t or t.startswith("windows.")):
        return "registry"
    lat, lon = pick(data, "latitude", "lat", "gps_latitude"), pick(data, "longitude", "lon", "lng", "gps_longitude")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        return "location"
    return "generic"


def add_artifacts(g: Graph, store: CaseStore, findings: list[Finding], file_iris: dict[int, str],
                  members: list[str]) -> dict[int, str]:
    """Add every artifact finding; returns artifact id -> IRI of its main node."""
    out: dict[int, str] = {}
    uids = store.findings.artifact_uids()
    # The declared source zone of each artifact's file, in one query (not one per artifact).
    zones = store.findings.source_zones_of_files(
        f.file_id for f in findings if f.kind == "artifact" and f.file_id is not None) \
        if store.findings.declared_zone_count() else {}
    for f in findings:
        if f.kind != "artifact":
            continue
        g.source_zone = zones.get(f.file_id) if f.file_id is not None else None
        key = uids.get(f.db_id, f.fid)
        kind = classify(f.group, f.details)
        src = file_iris.get(f.file_id) if f.file_id is not None else None
        tags = [f.group, f.fid, f"plugin {f.producer}"]
        mapper = _MAPPERS.get(kind)
        iri = mapper(g, key, f, tags) if mapper else None
        if iri is None:
            iri = g.annotation(f"artifact-{key}", [src] if src else [], f.summary or f.group, tags,
                               **{"uco-core:name": f.group,
                                  "uco-core:description": json.dumps(f.details, sort_keys=True, ensure_ascii=False,
                                                                     default=str)})
        elif src:
            members.append(g.relationship(iri, src, "Extracted_From", observable=kind not in ("location", "phone-location")))
        out[f.db_id] = iri
        members.append(iri)
    g.source_zone = None
    return out


def _common(f: Finding, tags: list[str]) -> Node:
    return {"uco-core:name": f.group, "uco-core:description": f.summary or None, "uco-core:tag": tags}


def _url_node(g: Graph, url: str) -> str:
    iri = g.iri("url", url)
    return g.add({"@id": iri, "@type": "uco-observable:URL", "uco-core:hasFacet": [
        {"@id": g.iri("url-facet", iri), "@type": "uco-observable:URLFacet", "uco-observable:fullValue": url}]})


def _map_url(g: Graph, key: str, f: Finding, tags: list[str]) -> str:
    d = f.details
    url = _url_node(g, str(d["url"]))
    iri = g.iri("url-history", key)
    visit = pick(d, "visit_time", "last_visit", "time")
    count = pick(d, "visit_count")
    entry = {"@id": g.iri("url-history-entry", key), "@type": "uco-observable:URLHistoryEntry",
             "uco-observable:url": ref(url), "uco-observable:pageTitle": pick(d, "title", "page_title"),
             "uco-observable:browserUserProfile": pick(d, "profile", "user"),
             "uco-observable:firstVisit": g.when(pick(d, "first_visit", "visit_time")), "uco-observable:lastVisit": g.when(visit),
             "uco-observable:visitCount": int(count) if isinstance(count, int) else None,
             "uco-observable:keywordSearchTerm": pick(d, "term", "search_term")}
    facet = {"@id": g.iri("url-history-facet", iri), "@type": "uco-observable:URLHistoryFacet",
             "uco-observable:browserInformation": None,
             "uco-observable:urlHistoryEntry": [{k: v for k, v in entry.items() if v is not None}]}
    return g.add({"@id": iri, "@type": "uco-observable:URLHistory", **_common(f, tags),
                  "uco-core:hasFacet": [{k: v for k, v in facet.items() if v is not None}]})


def _registry_values(g: Graph, owner: str, d: dict[str, Any], skip: set[str]) -> list[Node]:
    values = d.get("values")
    items: list[tuple[str, Any, str | None]] = []
    if isinstance(values, dict):
        items = [(str(k), v, None) for k, v in sorted(values.items())]
    elif isinstance(values, list):
        for v in values:
            if isinstance(v, dict):
                items.append((str(v.get("name", "")), v.get("data", v.get("value")), v.get("type") or v.get("data_type")))
    else:
        items = [(k, v, None) for k, v in sorted(d.items()) if k not in skip and v not in (None, "")]
    out = []
    for i, (name, data, dtype) in enumerate(items):
        node = {"@id": g.iri("registry-value", owner, i, name), "@type": "uco-observable:WindowsRegistryValue",
                "uco-core:name": name or "(default)",
                "uco-observable:data": data if isinstance(data, str) else json.dumps(data, default=str),
                "uco-observable:dataType": dtype}
        out.append({k: v for k, v in node.items() if v is not None})
    return out


def _registry_key(g: Graph, key: str, f: Finding, tags: list[str], keypath: str, skip: set[str]) -> str:
    iri = g.iri("registry-key", key, keypath)
    facet = {"@id": g.iri("registry-key-facet", iri), "@type": "uco-observable:WindowsRegistryKeyFacet",
             "uco-observable:key": keypath,
             "uco-observable:modifiedTime": g.when(pick(f.details, "last_written", "key_modified", "modified_time")),
             "uco-observable:registryValues": _registry_values(g, iri, f.details, skip)}
    return g.add({"@id": iri, "@type": "uco-observable:WindowsRegistryKey", **_common(f, tags),
                  "uco-core:hasFacet": [{k: v for k, v in facet.items() if v not in (None, [])}]})


def _map_registry(g: Graph, key: str, f: Finding, tags: list[str]) -> str:
    keypath = str(pick(f.details, "key", "key_path", "registry_key"))
    return _registry_key(g, key, f, tags, keypath, {"key", "key_path", "registry_key", "last_written"})


def _map_usb(g: Graph, key: str, f: Finding, tags: list[str]) -> str:
    d = f.details
    iri = g.iri("usb-device", key)
    vendor = pick(d, "vendor", "manufacturer")
    facet = {"@id": g.iri("device-facet", iri), "@type": "uco-observable:DeviceFacet",
             "uco-observable:deviceType": "USB mass storage",
             "uco-observable:model": pick(d, "product", "model", "friendly_name"),
             "uco-observable:serialNumber": pick(d, "serial", "serial_number"),
             "uco-observable:manufacturer": ref(g.organization(str(vendor))) if vendor else None}
    g.add({"@id": iri, "@type": "uco-observable:Device", **_common(f, tags),
           "uco-core:hasFacet": [{k: v for k, v in facet.items() if v is not None}]})
    keypath = pick(d, "key", "key_path", "registry_key")
    if keypath:
        reg = _registry_key(g, key, f, tags, str(keypath), {"key", "key_path", "registry_key"})
        g.relationship(reg, iri, "Characterizes")
    return iri


def _address(g: Graph, value: str) -> str:
    iri = g.iri("email-address", value)
    return g.add({"@id": iri, "@type": "uco-observable:EmailAddress", "uco-core:hasFacet": [
        {"@id": g.iri("email-address-facet", iri), "@type": "uco-observable:EmailAddressFacet",
         "uco-observable:addressValue": value}]})


def _addresses(g: Graph, value: Any) -> list[dict[str, str]]:
    if not value:
        return []
    items = value if isinstance(value, list) else [x for x in str(value).split(",")]
    return [ref(_address(g, str(x).strip())) for x in items if str(x).strip()]


def _map_email(g: Graph, key: str, f: Finding, tags: list[str]) -> str:
    d = f.details
    iri = g.iri("email-message", key)
    sender = _addresses(g, pick(d, "from", "sender"))
    facet = {"@id": g.iri("email-message-facet", iri), "@type": "uco-observable:EmailMessageFacet",
             "uco-observable:from": sender[0] if sender else None, "uco-observable:to": _addresses(g, d.get("to")),
             "uco-observable:cc": _addresses(g, d.get("cc")), "uco-observable:bcc": _addresses(g, d.get("bcc")),
             "uco-observable:subject": pick(d, "subject"), "uco-observable:messageID": pick(d, "message_id"),
             "uco-observable:sentTime": g.when(pick(d, "date", "sent_time", "time")),
             "uco-observable:isMultipart": bool(d.get("attachments")) if "attachments" in d else None}
    return g.add({"@id": iri, "@type": "uco-observable:EmailMessage", **_common(f, tags),
                  "uco-core:hasFacet": [{k: v for k, v in facet.items() if v not in (None, [])}]})


def _account(g: Graph, value: str, app: str | None) -> str:
    if any(ch.isdigit() for ch in value) and not any(ch.isalpha() for ch in value.replace("+", "")):
        iri = g.iri("phone-account", value)
        return g.add({"@id": iri, "@type": "uco-observable:PhoneAccount", "uco-core:hasFacet": [
            {"@id": g.iri("phone-account-facet", iri), "@type": "uco-observable:PhoneAccountFacet",
             "uco-observable:phoneNumber": value}]})
    iri = g.iri("application-account", app or "", value)
    return g.add({"@id": iri, "@type": "uco-observable:ApplicationAccount", "uco-core:name": value,
                  "uco-core:hasFacet": [{"@id": g.iri("account-facet", iri), "@type": "uco-observable:AccountFacet",
                                         "uco-observable:accountIdentifier": value}]})


def _map_message(g: Graph, key: str, f: Finding, tags: list[str]) -> str:
    d = f.details
    iri = g.iri("message", key)
    app = pick(d, "application", "app", "service")
    sender = pick(d, "sender", "from", "address", "phone")
    to = pick(d, "recipient", "to", "chat")
    facet = {"@id": g.iri("message-facet", iri), "@type": "uco-observable:MessageFacet",
             "uco-observable:messageText": str(pick(d, "text", "body", "message") or ""),
             "uco-observable:sentTime": g.when(pick(d, "time", "date", "sent_time", "timestamp")),
             "uco-observable:messageType": str(pick(d, "type", "kind") or f.group),
             "uco-observable:messageID": str(pick(d, "message_id", "id") or "") or None,
             "uco-observable:from": ref(_account(g, str(sender), app)) if sender else None,
             "uco-observable:to": [ref(_account(g, str(to), app))] if to else None}
    return g.add({"@id": iri, "@type": "uco-observable:Message", **_common(f, tags),
                  "uco-core:hasFacet": [{k: v for k, v in facet.items() if v is not None}]})


def _map_location(g: Graph, key: str, f: Finding, tags: list[str]) -> str:
    d = f.details
    iri = g.iri("location", "artifact", key)
    alt = pick(d, "altitude", "gps_altitude")
    facet = {"@id": g.iri("latlong-facet", iri), "@type": "uco-location:LatLongCoordinatesFacet",
             "uco-location:latitude": decimal(pick(d, "latitude", "lat", "gps_latitude")),
             "uco-location:longitude": decimal(pick(d, "longitude", "lon", "lng", "gps_longitude")),
             "uco-location:altitude": decimal(alt) if isinstance(alt, (int, float)) else None}
    return g.add({"@id": iri, "@type": "uco-location:Location", **_common(f, tags),
                  "uco-core:hasFacet": [{k: v for k, v in facet.items() if v is not None}]})


def _view(f: Finding) -> dict[str, Any]:
    view = f.details.get("phone")
    return view if isinstance(view, dict) else {}


def _party_ref(g: Graph, view: dict[str, Any]) -> dict[str, str] | None:
    party = view.get("party")
    return ref(_account(g, str(party), view.get("application"))) if party else None


def _map_phone_message(g: Graph, key: str, f: Finding, tags: list[str]) -> str:
    """A message with its other party on the side its direction says (the device's own account is
    not named: an extraction rarely states it for every app)."""
    v = _view(f)
    iri = g.iri("message", key)
    party = _party_ref(g, v)
    received = v.get("direction") == "received"
    facet = {"@id": g.iri("message-facet", iri), "@type": "uco-observable:MessageFacet",
             "uco-observable:messageText": str(v.get("body") or ""),
             "uco-observable:sentTime": g.when(v.get("time")),
             "uco-observable:messageType": str(v.get("application") or f.group),
             "uco-observable:sessionID": str(v["thread"]) if v.get("thread") not in (None, "") else None,
             "uco-observable:from": party if received else None,
             "uco-observable:to": [party] if party and not received else None}
    return g.add({"@id": iri, "@type": "uco-observable:Message", **_common(f, tags),
                  "uco-core:hasFacet": [{k: v for k, v in facet.items() if v is not None}]})


def _map_call(g: Graph, key: str, f: Finding, tags: list[str]) -> str:
    """A phone or app call: UCO 1.5's ``Call`` (it has no class named PhoneCall)."""
    v = _view(f)
    iri = g.iri("call", key)
    party = _party_ref(g, v)
    incoming = v.get("direction") in ("incoming", "missed", "rejected", "blocked")
    duration = v.get("duration_seconds")
    facet = {"@id": g.iri("call-facet", iri), "@type": "uco-observable:CallFacet",
             "uco-observable:callType": str(v.get("direction") or "") or None,
             "uco-observable:startTime": g.when(v.get("time")),
             "uco-observable:duration": {"@type": "xsd:integer", "@value": str(int(duration))}
             if isinstance(duration, (int, float)) else None,
             "uco-observable:from": party if incoming else None,
             "uco-observable:to": [party] if party and not incoming else None}
    return g.add({"@id": iri, "@type": "uco-observable:Call", **_common(f, tags),
                  "uco-core:hasFacet": [{k: v for k, v in facet.items() if v is not None}]})


def _map_contact(g: Graph, key: str, f: Finding, tags: list[str]) -> str:
    v = _view(f)
    iri = g.iri("contact", key)
    phones = [{"@id": g.iri("contact-phone", iri, n), "@type": "uco-observable:ContactPhone",
               "uco-observable:contactPhoneNumber": ref(_account(g, str(n), None))}
              for n in (v.get("numbers") or []) if str(n).strip()]
    emails = [{"@id": g.iri("contact-email", iri, e), "@type": "uco-observable:ContactEmail",
               "uco-observable:emailAddress": ref(_address(g, str(e)))}
              for e in (v.get("emails") or []) if str(e).strip()]
    facet = {"@id": g.iri("contact-facet", iri), "@type": "uco-observable:ContactFacet",
             "uco-observable:displayName": str(v.get("name") or "") or None,
             "uco-observable:contactPhone": phones or None, "uco-observable:contactEmail": emails or None}
    return g.add({"@id": iri, "@type": "uco-observable:Contact", **_common(f, tags),
                  "uco-core:hasFacet": [{k: v for k, v in facet.items() if v is not None}]})


def _map_account(g: Graph, key: str, f: Finding, tags: list[str]) -> str | None:
    v = _view(f)
    ident = v.get("identifier")
    if not ident:
        return None
    iri = _account(g, str(ident), v.get("application"))
    node = g.nodes[iri]
    node.setdefault("uco-core:tag", tags)
    if v.get("application"):
        node.setdefault("uco-core:description", f"{v['application']} account" + (f" ({v['name']})" if v.get("name")
                                                                                   else ""))
    return iri


def _map_phone_location(g: Graph, key: str, f: Finding, tags: list[str]) -> str:
    v = _view(f)
    iri = g.iri("location", "artifact", key)
    facet = {"@id": g.iri("latlong-facet", iri), "@type": "uco-location:LatLongCoordinatesFacet",
             "uco-location:latitude": decimal(float(v["latitude"])),
             "uco-location:longitude": decimal(float(v["longitude"]))}
    return g.add({"@id": iri, "@type": "uco-location:Location", **_common(f, tags),
                  "uco-core:hasFacet": [{k: v for k, v in facet.items() if v is not None}]})


_PHONE_KINDS = {"message": "phone-message", "call": "call", "contact": "contact", "account": "account",
                "location": "phone-location"}
_MAPPERS = {"phone-message": _map_phone_message, "call": _map_call, "contact": _map_contact, "account": _map_account,
            "phone-location": _map_phone_location,
            "url": _map_url, "registry": _map_registry, "usb": _map_usb, "email": _map_email,
            "message": _map_message, "location": _map_location}
