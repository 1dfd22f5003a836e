"""The case as a CASE/UCO 1.5 JSON-LD graph (validated with ``case_validate`` in the tests).

Modelled after STANDARDS.md §1: the investigation and its authorization; the examiners; the
tool as a ConfiguredTool per triage run (plugins and versions, YARA rule-set SHA-256, hash
sets); each exhibit as a Disk+StorageMedium (media hashes) and its image as File+Image
(container file hashes, verification verdict); partitions and file systems linked by
``Contained_Within``; files with FileFacet and ContentDataFacet; artifacts mapped to UCO
classes where UCO has one (see ``case_artifacts``); YARA and hash-set matches as
AnalyticResult+Annotation; examiner tags and notes as Annotations; and the chain of custody
as ProvenanceRecords linked by InvestigativeActions. A pure function of the case database.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import TOOL_NAME, __version__
from ..custody import local_iso
from ..model import Locator
from ..store import CaseStore
from ..timeutil import BASIS_LOCAL, offset_iso
from . import case_artifacts, case_findings
from .case_graph import Graph, dt, ref
from .findings import Finding, collect, file_rows, full_locator, selected_file_ids

DEVELOPER = "Forensic Triage Workstation developers"


def _loads(text: str | None) -> Any:
    try:
        return json.loads(text) if text else {}
    except ValueError:
        return {}


def build_graph(store: CaseStore, scope: str = "all") -> Graph:
    info = store.case_info()
    g = Graph(f"{info['case_number']}\x1f{info['created_utc']}")
    findings = collect(store, scope)
    members: list[str] = []
    examiner = g.person(info["examiner"])
    for ex in store.findings.examiners():
        desc = "; ".join(x for x in (ex["role"], ex["organisation"], ex["qualifications"],
                                     f"key {ex['key_fingerprint']}" if ex["key_fingerprint"] else "") if x)
        members.append(g.person(ex["name"], desc))
    lab = g.organization(info["agency"]) if info["agency"] else None
    if lab:
        members.append(lab)
    tools = _tools(g, store)
    members.extend(tools.values())
    disks, images = _evidence(g, store, examiner, tools, members)
    fs_nodes = _volumes(g, store, disks, members)
    file_ids = selected_file_ids(store, findings, scope)
    file_iris = _files(g, store, file_ids, fs_nodes, members)
    art_iris = case_artifacts.add_artifacts(g, store, findings, file_iris, members)
    case_findings.add_findings(g, store, findings, file_iris, art_iris, tools, examiner, images, members)
    _custody(g, store, disks, images, examiner, tools, fs_nodes, members)
    auth = None
    if info["authority"]:
        auth = g.add({"@id": g.iri("authorization", info["authority"]), "@type": "case-investigation:Authorization",
                      "case-investigation:authorizationType": "warrant or court order",
                      "case-investigation:authorizationIdentifier": info["authority"]})
    training = bool(info.get("training"))  # an exercise case: says so, never reads as casework
    description = info["title"] or None
    if training:
        description = "TRAINING \u2014 NOT EVIDENCE: a training exercise case" + (f" ({description})" if description else "")
    g.add({"@id": g.iri("investigation", info["case_number"]), "@type": "case-investigation:Investigation",
           "uco-core:name": info["case_number"], "uco-core:description": description,
           "case-investigation:investigationForm": "training exercise (not evidence)" if training else "case", "case-investigation:focus": info["scope"] or None,
           "case-investigation:relevantAuthorization": ref(auth) if auth else None,
           "uco-core:startTime": dt(info["created_utc"]), "uco-core:specVersion": "CASE 1.5.0",
           "uco-core:object": [ref(m) for m in sorted(set(members))]})
    return g


def _tools(g: Graph, store: CaseStore) -> dict[str, str]:
    """One ConfiguredTool per triage run (plugins, rule sets, hash sets as configuration)."""
    developer = g.organization(DEVELOPER)
    tools: dict[str, str] = {}
    jobs = store.findings.jobs()
    # Rule sets and hash sets of every run, in two queries (not two per run).
    rulesets_of: dict[int | None, list[dict[str, Any]]] = {}
    for rs in store.findings.rulesets():
        rulesets_of.setdefault(rs["job_id"], []).append(rs)
    hashsets_of: dict[int | None, list[dict[str, Any]]] = {}
    for hs in store.findings.hashsets_used():
        hashsets_of.setdefault(hs["job_id"], []).append(hs)
    base = g.add({"@id": g.iri("tool", "forensic-triage", __version__), "@type": "uco-tool:AnalyticTool",
                  "uco-core:name": TOOL_NAME, "uco-tool:version": __version__, "uco-tool:toolType": "triage",
                  "uco-tool:creator": ref(developer)})
    tools["base"] = base
    for job in jobs:
        settings = _loads(job["settings"])
        entries: list[tuple[str, str]] = [("job", f"{job['kind']} #{job['id']}"), ("tool_version", job["tool_version"]),
                                          ("command_line", job["command_line"])]
        for name, desc in sorted((settings.get("analyzers") or {}).items()):
            if isinstance(desc, dict):
                for plugin, version in sorted((desc.get("plugins") or {}).items()):
                    entries.append((f"plugin {plugin}", str(version)))
                for lib, version in sorted((desc.get("libraries") or {}).items()):
                    entries.append((f"library {lib}", str(version)))
                for key, value in sorted(desc.items()):
                    if key not in ("plugins", "libraries"):
                        entries.append((f"{name} {key}", json.dumps(value, sort_keys=True, default=str)))
        for key, value in sorted(settings.items()):
            if key != "analyzers":
                entries.append((f"setting {key}", json.dumps(value, sort_keys=True, default=str)))
        for rs in rulesets_of.get(job["id"], []):
            entries.append((f"YARA rule set {rs['name']} SHA-256", rs["sha256"]))
        for hs in hashsets_of.get(job["id"], []):
            entries.append((f"hash set {hs['name']} ({hs['kind']})", f"{hs['entries']} entries, SHA-256 {hs['sha256']}"))
        conf = g.iri("configuration", "job", job["id"])
        config = {"@id": conf, "@type": "uco-configuration:Configuration",
                  "uco-configuration:configurationEntry": [
                      {"@id": g.iri("configuration-entry", conf, i), "@type": "uco-configuration:ConfigurationEntry",
                       "uco-configuration:itemName": k, "uco-configuration:itemValue": v or "-"}
                      for i, (k, v) in enumerate(entries)]}
        tools[f"job{job['id']}"] = g.add({
            "@id": g.iri("configured-tool", "job", job["id"]), "@type": ["uco-tool:AnalyticTool", "uco-tool:ConfiguredTool"],
            "uco-core:name": f"{TOOL_NAME} ({job['kind']} run #{job['id']})", "uco-tool:version": job["tool_version"],
            "uco-tool:toolType": job["kind"], "uco-tool:creator": ref(developer),
            "uco-configuration:usesConfiguration": config})
    return tools


def _evidence(g: Graph, store: CaseStore, examiner: str, tools: dict[str, str],
              members: list[str]) -> tuple[dict[int, str], dict[int, str]]:
    disks: dict[int, str] = {}
    images: dict[int, str] = {}
    containers_of = store.findings.containers_by_evidence()
    for ev in store.evidence.items():
        header = _loads(ev["ewf_header"])
        disk = g.iri("disk", ev["uid"])
        stored = {"MD5": ev["stored_md5"], "SHA1": ev["stored_sha1"], "SHA256": ev["stored_sha256"]}
        computed = {"MD5": ev["md5"], "SHA1": ev["sha1"], "SHA256": ev["sha256"]}
        media_hashes = stored if any(stored.values()) else computed
        facets = [g.content_facet(disk, size=ev["media_size"], hashes=media_hashes)]
        device = {"@id": g.iri("device-facet", disk), "@type": "uco-observable:DeviceFacet",
                  "uco-observable:model": header.get("model"), "uco-observable:serialNumber": header.get("serial_number")}
        if len(device) > 2 and any(device[k] for k in list(device)[2:]):
            facets.insert(0, {k: v for k, v in device.items() if v})
        disks[ev["id"]] = g.add({"@id": disk, "@type": ["uco-observable:Disk", "uco-observable:StorageMedium"],
                                 "uco-core:name": f"Exhibit {ev['exhibit']}", "uco-core:description":
                                 ev["description"] or None, "uco-core:hasFacet": facets})
        containers = containers_of.get(int(ev["id"]), [])
        image = g.iri("image", ev["uid"])
        first = containers[0] if containers else None
        image_facets: list[dict[str, Any]] = [
            {"@id": g.iri("file-facet", image), "@type": "uco-observable:FileFacet",
             "uco-observable:fileName": Path(ev["path"]).name, "uco-observable:filePath": ev["path"],
             "uco-observable:sizeInBytes": sum(int(c["size"]) for c in containers) if containers else None},
            {"@id": g.iri("image-facet", image), "@type": "uco-observable:ImageFacet",
             "uco-observable:imageType": {"ewf": "EWF (E01)", "splitraw": "split raw", "raw": "raw (dd)"}.get(
                 ev["format"], ev["format"])},
            g.content_facet(image, hashes={"SHA256": first["sha256"]} if first and len(containers) == 1 else {},
                            tag="container")]
        images[ev["id"]] = g.add({
            "@id": image, "@type": ["uco-observable:File", "uco-observable:Image"],
            "uco-core:name": f"Image of exhibit {ev['exhibit']}",
            "uco-core:description": (f"Media hashes recomputed at intake: MD5 {ev['md5']}, SHA-1 {ev['sha1']}, "
                                     f"SHA-256 {ev['sha256']}; verdict against stored hashes: {ev['verdict']}"),
            "uco-core:hasFacet": [{k: v for k, v in f.items() if v is not None} for f in image_facets]})
        members.extend([disks[ev["id"]], images[ev["id"]]])
        g.relationship(image, disk, "Copied_From")
        if len(containers) > 1:
            for c in containers:
                seg = g.iri("segment", ev["uid"], c["seq"])
                g.add({"@id": seg, "@type": "uco-observable:File", "uco-core:hasFacet": [
                    {"@id": g.iri("file-facet", seg), "@type": "uco-observable:FileFacet",
                     "uco-observable:fileName": Path(c["path"]).name, "uco-observable:filePath": c["path"],
                     "uco-observable:sizeInBytes": c["size"]},
                    g.content_facet(seg, size=c["size"], hashes={"SHA256": c["sha256"]})]})
                members.append(seg)
                members.append(g.relationship(seg, image, "Contained_Within"))
    return disks, images


def _volumes(g: Graph, store: CaseStore, disks: dict[int, str], members: list[str]) -> dict[int, str]:
    fs_nodes: dict[int, str] = {}
    for v in store.findings.volumes():
        parent = disks[v["evidence_id"]]
        if v["addr"] is not None:
            part = g.iri("partition", v["uid"], v["offset"], v["addr"])
            g.add({"@id": part, "@type": "uco-observable:DiskPartition", "uco-core:hasFacet": [{
                "@id": g.iri("disk-partition-facet", part), "@type": "uco-observable:DiskPartitionFacet",
                "uco-observable:partitionID": str(v["addr"]), "uco-observable:diskPartitionType": v["description"],
                "uco-observable:partitionOffset": v["offset"], "uco-observable:partitionLength": v["length"]}]})
            members.append(part)
            members.append(g.relationship(part, parent, "Contained_Within", [{
                "@id": g.iri("data-range-facet", part), "@type": "uco-observable:DataRangeFacet",
                "uco-observable:rangeOffset": v["offset"], "uco-observable:rangeSize": v["length"]}]))
            parent = part
        if v["fs_type"]:
            layer = str(v.get("layer") or "")  # a shadow copy shares its volume's offset (see fs.vss)
            fs = g.iri("filesystem", v["uid"], v["offset"], *([layer] if layer else []))
            facet = {"@id": g.iri("file-system-facet", fs), "@type": "uco-observable:FileSystemFacet",
                     "uco-observable:fileSystemType": v["fs_type"], "uco-observable:clusterSize": v["block_size"]}
            node = {"@id": fs, "@type": "uco-observable:FileSystem",
                    "uco-core:hasFacet": [{k: x for k, x in facet.items() if x is not None}]}
            if layer:
                node["uco-core:description"] = f"{v['description']} (layer {layer})"
            g.add(node)
            members.append(fs)
            members.append(g.relationship(fs, parent, "Contained_Within"))
            fs_nodes[v["id"]] = fs
    return fs_nodes


def file_iri(g: Graph, row: dict[str, Any]) -> str:
    loc = Locator(row["evidence_uid"], row["partition_offset"], row["inode"], row["attr_type"], row["attr_id"],
                  row["stream"] or "", row["path"], str(row.get("layer") or ""))
    return g.iri("file", loc.key(), loc.path)


def file_times(r: dict[str, Any], source_zone: str | None) -> tuple[dict[str, str | None], str | None]:
    """The four file times as written in the graph, and a description of their basis (or None).

    UTC file systems: as stored ('Z'). Local clocks (FAT, exFAT) with a declared zone: the local
    time with the offset that zone gives at that moment, i.e. the offset actually used. Zone
    unknown: the local time without an offset (no instant is claimed). A date alone (the FAT
    access time) is not an xsd:dateTime: it is left out of the facet and given in the description.
    """
    keys = ("mtime", "atime", "ctime", "crtime")
    if r.get("time_basis") != BASIS_LOCAL:
        return {k: r[k] for k in keys}, None
    out: dict[str, str | None] = {}
    dates = []
    for k in keys:
        text = r[k]
        if text and len(text) <= 10:
            dates.append(f"{_TIME_WORDS[k]} on {text} (date only)")
            out[k] = None
        else:
            out[k] = (offset_iso(text, source_zone) if source_zone else text) if text else None
    if source_zone:
        note = (f"File times are the device's local clock; written with the UTC offset of {source_zone}, the zone "
                "declared by the examiner (an assumption, not recorded by the file system).")
    else:
        note = ("File times are the device's local clock and the zone is unknown: they carry no UTC offset and are "
                "not UTC.")
    if dates:
        note += " " + "; ".join(dates) + ", local."
    return out, note


_TIME_WORDS = {"mtime": "modified", "atime": "last accessed", "ctime": "metadata changed", "crtime": "created"}


def _files(g: Graph, store: CaseStore, ids: set[int] | None, fs_nodes: dict[int, str],
           members: list[str]) -> dict[int, str]:
    out: dict[int, str] = {}
    zones = store.findings.evidence_zones()
    for r in file_rows(store, ids):
        iri = file_iri(g, r)
        times, time_note = file_times(r, zones.get(str(r["evidence_uid"])))
        facet = {"@id": g.iri("file-facet", iri), "@type": "uco-observable:FileFacet",
                 "uco-observable:fileName": r["name"], "uco-observable:filePath": r["path"],
                 "uco-observable:extension": r["extension"] or None, "uco-observable:sizeInBytes": r["size"],
                 "uco-observable:allocationStatus": "allocated" if r["allocated"] else "unallocated",
                 "uco-observable:isDirectory": r["type"] == "dir",
                 "uco-observable:modifiedTime": dt(times["mtime"]), "uco-observable:accessedTime": dt(times["atime"]),
                 "uco-observable:metadataChangeTime": dt(times["ctime"]),
                 "uco-observable:observableCreatedTime": dt(times["crtime"])}
        facets = [{k: v for k, v in facet.items() if v is not None}]
        description = time_note
        if r["type"] == "file" and r["status"] in ("done", "partial") and r["sha256"]:
            # For a partly read file the content facet describes the readable bytes only: its size is
            # the readable byte count, and the description says so and names the gaps.
            facets.append(g.content_facet(iri, size=r["bytes_read"], hashes={
                "MD5": r["md5"], "SHA1": r["sha1"], "SHA256": r["sha256"]}, mime=r["mime"], magic=r["magic"],
                entropy=r["entropy"]))
        if r["status"] == "partial":
            note = (f"Read only in part: {r['bytes_read']} of {r['size']} bytes readable (unreadable byte ranges "
                    f"{r['unreadable']}); the hashes cover the readable bytes only.")
            description = f"{description} {note}".strip() if description else note
        elif r["status"] == "no-content":
            description = f"{description} No content recoverable.".strip() if description else "No content recoverable."
        g.add({"@id": iri, "@type": "uco-observable:File", "uco-core:name": full_locator(r["locator"], r["path"]),
               "uco-core:description": description, "uco-core:hasFacet": facets})
        out[int(r["id"])] = iri
        members.append(iri)
        if r["volume_id"] in fs_nodes:
            members.append(g.relationship(iri, fs_nodes[r["volume_id"]], "Contained_Within"))
    return out


def _custody(g: Graph, store: CaseStore, disks: dict[int, str], images: dict[int, str], examiner: str,
             tools: dict[str, str], fs_nodes: dict[int, str], members: list[str]) -> None:
    """Per exhibit: ProvenanceRecord -> InvestigativeAction -> ProvenanceRecord ... in time order."""
    triage_jobs = store.findings.jobs(kind="triage")
    for ev in store.evidence.items():
        disk, image = disks[ev["id"]], images[ev["id"]]
        steps: list[tuple[str, int, dict[str, Any]]] = []
        for c in store.findings.custody_of(int(ev["id"]), str(ev["exhibit"])):
            steps.append((c["time_utc"], 0, {"kind": "custody", **c}))
        steps.append((ev["added_utc"], 1, {"kind": "intake"}))
        for job in triage_jobs:
            steps.append((job["started_utc"], 2, {"kind": "job", **job}))
        steps.sort(key=lambda s: (s[0], s[1], s[2].get("id", 0)))
        prov = g.add({"@id": g.iri("provenance", ev["uid"], 0), "@type": "case-investigation:ProvenanceRecord",
                      "case-investigation:exhibitNumber": ev["exhibit"], "case-investigation:rootExhibitNumber":
                      ev["exhibit"], "uco-core:description": ev["description"] or f"Exhibit {ev['exhibit']}",
                      "uco-core:object": [ref(disk)]})
        members.append(prov)
        previous_action: str | None = None
        for n, (_, _, step) in enumerate(steps, 1):
            action = g.iri("action", ev["uid"], n, step["kind"], step.get("id", 0))
            result = g.iri("provenance", ev["uid"], n)
            objects = [disk]
            performer, instrument, location, start, end = examiner, None, None, None, None
            if step["kind"] == "custody":
                name = f"custody: {step['action']}"
                performer = g.person(step["who"])
                if step["location"]:
                    location = g.location(step["location"])
                start = {"@type": "xsd:dateTime", "@value": local_iso(step["time_utc"], step["timezone"])}
                parts = [f"{step['action']} by {step['who']}"]
                for label, key in (("from", "from_party"), ("to", "to_party"), ("where", "location"),
                                   ("why", "purpose"), ("seals", "seals"), ("note", "note")):
                    if step[key]:
                        parts.append(f"{label}: {step[key]}")
                desc = "; ".join(parts)
                number = ev["exhibit"]
            elif step["kind"] == "intake":
                name = f"image intake and verification ({ev['verdict']})"
                instrument = tools["base"]
                objects = [disk, image]
                start = dt(ev["added_utc"])
                desc = (f"Containers recorded (size, mtime, SHA-256); media hashed MD5 {ev['md5']}, SHA-1 "
                        f"{ev['sha1']}, SHA-256 {ev['sha256']}; stored hashes: {ev['verdict']}")
                number = f"{ev['exhibit']}/IMG"
            else:
                name = f"triage run #{step['id']} ({step['outcome']})"
                instrument = tools.get(f"job{step['id']}", tools["base"])
                objects = [image]
                start, end = dt(step["started_utc"]), dt(step["ended_utc"])
                desc = f"File systems walked, files hashed and examined; outcome {step['outcome']}"
                number = f"{ev['exhibit']}/TRIAGE-{step['id']}"
            result_objects = [image] if step["kind"] != "custody" else [disk]
            if step["kind"] == "job":
                result_objects += [fs for vid, fs in sorted(fs_nodes.items())]
            g.add({"@id": result, "@type": "case-investigation:ProvenanceRecord",
                   "case-investigation:exhibitNumber": number, "case-investigation:rootExhibitNumber": ev["exhibit"],
                   "uco-core:description": desc, "uco-core:object": [ref(o) for o in result_objects]})
            g.add({"@id": action, "@type": "case-investigation:InvestigativeAction", "uco-core:name": name,
                   "uco-core:description": desc, "uco-action:performer": ref(performer),
                   "uco-action:instrument": ref(instrument) if instrument else None,
                   "uco-action:location": [ref(location)] if location else None,
                   "uco-action:object": [ref(o) for o in objects] + [ref(prov)],
                   "uco-action:result": [ref(result)], "uco-action:startTime": start, "uco-action:endTime": end,
                   "case-investigation:wasInformedBy": ref(previous_action) if previous_action else None})
            members.extend([action, result])
            prov, previous_action = result, action


def export_case(store: CaseStore, path: str | Path, scope: str = "all") -> str:
    """Write the JSON-LD graph; returns its text (the same case gives the same bytes)."""
    text = build_graph(store, scope).to_jsonld()
    Path(path).write_text(text, encoding="utf-8")
    return text


__all__ = ["Finding", "build_graph", "export_case", "file_iri"]
