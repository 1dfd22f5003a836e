"""DFXML 2.0 file-system listing (fiwalk-compatible element names and order).

One ``volume`` per file system with its ``fileobject`` entries (path, sizes, allocation,
inode, times, libmagic type, hashes). XML 1.0 cannot carry control characters, so a name
holding them is written with the same visible escapes the report uses (``\\x07``); the exact
name bytes remain in the case database and the CSV export.

Times: as stored ('Z') for file systems that record UTC. Local clock times (FAT, exFAT) are
written with the UTC offset of the zone the examiner declared for the evidence item (the offset
used, an assumption), or with no offset at all when the zone is unknown (an xs:dateTime without
a zone: no instant is claimed); such a volume carries a ``time_basis`` comment saying which. A
FAT access time is a date: it is written as that local midnight with ``prec="86400"``.
"""

from __future__ import annotations

import platform
import xml.etree.ElementTree as ET
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .. import __version__
from ..store import CaseStore
from ..text import safe_text
from ..timeutil import BASIS_LOCAL, offset_iso


def _local_time(text: str, source_zone: str | None) -> tuple[str, dict[str, str]]:
    """(text, attributes) of a local clock time: with the declared zone's offset or naive; a date
    becomes local midnight with a precision of one day."""
    attrs: dict[str, str] = {}
    if len(text) <= 10:
        text += "T00:00:00"
        attrs["prec"] = "86400"
    if source_zone:
        text = offset_iso(text, source_zone) or text
    return text, attrs

NS = "http://www.forensicswiki.org/wiki/Category:Digital_Forensics_XML"
DC = "http://purl.org/dc/elements/1.1/"
DFXML_VERSION = "2.0.0"
_NAME_TYPE = {"file": "r", "dir": "d", "link": "l", "virtual": "v", "other": "-"}
_META_TYPE = {"file": "1", "dir": "2", "link": "5", "virtual": "10", "other": "0"}


def _sub(parent: ET.Element, tag: str, attrs: dict[str, str] | None = None) -> ET.Element:
    return ET.SubElement(parent, tag if tag.startswith("{") else f"{{{NS}}}{tag}", attrs or {})


def _text(parent: ET.Element, tag: str, value: object, **attrs: str) -> ET.Element:
    el = _sub(parent, tag, attrs)
    el.text = safe_text(value)
    return el


def build(store: CaseStore, file_ids: set[int] | None = None) -> ET.ElementTree:
    ET.register_namespace("", NS)
    ET.register_namespace("dc", DC)
    root = ET.Element(f"{{{NS}}}dfxml", {"version": DFXML_VERSION})
    meta = _sub(root, "metadata")
    _text(meta, f"{{{DC}}}type", "File system listing")
    _text(meta, f"{{{DC}}}identifier", store.case_info()["case_number"])
    _creator(root)
    evidence = store.evidence.items()
    source = _sub(root, "source")
    for ev in evidence:
        _text(source, "image_filename", ev["path"])
    for ev in evidence:
        disk = _sub(root, "diskimageobject")
        _text(disk, "filesize", ev["media_size"])
        for algo in ("md5", "sha1", "sha256"):
            if ev[algo]:
                _text(disk, "hashdigest", ev[algo], type=algo)
    for vol in store.findings.volumes(with_fs_only=True):
        _volume(root, store, vol, file_ids)
    ET.indent(root, space=" ")
    return ET.ElementTree(root)


def _creator(root: ET.Element) -> None:
    creator = _sub(root, "creator", {"version": "1.0"})
    _text(creator, "program", "forensic-triage")
    _text(creator, "version", __version__)
    build_env = _sub(creator, "build_environment")
    _text(build_env, "compiler", f"Python {platform.python_version()}")
    for lib in ("pytsk3", "libewf-python"):
        try:
            found = version(lib)
        except PackageNotFoundError:  # metadata missing: the library name alone is still true
            found = "unknown"
        _sub(build_env, "library", {"name": lib, "version": found})


def _volume(root: ET.Element, store: CaseStore, vol: dict[str, Any], file_ids: set[int] | None) -> None:
    volume = _sub(root, "volume", {"offset": str(vol["offset"])})
    _text(volume, "partition_offset", vol["offset"])
    if vol["block_size"]:
        _text(volume, "block_size", vol["block_size"])
    _text(volume, "ftype_str", str(vol["fs_type"]).lower())
    if vol["block_size"]:
        _text(volume, "block_count", int(vol["length"]) // int(vol["block_size"]))
    zone = vol["source_timezone"]
    if store.findings.volume_has_local_times(int(vol["id"]), BASIS_LOCAL):
        volume.append(ET.Comment(
            f" time_basis: local clock; zone {zone} declared by the examiner (assumed), written with its offset "
            if zone else " time_basis: local clock, zone unknown; times carry no offset and are not UTC "))
    for f in store.findings.files_of_volume(int(vol["id"]), file_ids):
        _fileobject(volume, vol, f, zone)


def _fileobject(volume: ET.Element, vol: dict[str, Any], f: dict[str, Any], zone: str | None) -> None:
    fo = _sub(volume, "fileobject")
    _text(fo, "filename", str(f["path"]).lstrip("/") + (f":{f['stream']}" if f["stream"] else ""))
    _text(fo, "partition", vol["addr"] if vol["addr"] is not None else 0)
    _text(fo, "id", f["id"])
    _text(fo, "name_type", _NAME_TYPE.get(f["type"], "-"))
    _text(fo, "filesize", f["size"])
    _text(fo, "alloc", 1 if f["allocated"] else 0)
    inode = str(f["inode"])
    if f["attr_type"] is not None:
        inode += f"-{f['attr_type']}-{f['attr_id']}"
    _text(fo, "inode", inode)
    _text(fo, "meta_type", _META_TYPE.get(f["type"], "0"))
    for key in ("mode", "uid", "gid"):
        if f[key] is not None:
            _text(fo, key, f[key])
    for key in ("mtime", "ctime", "atime", "crtime"):
        if f[key] and f["time_basis"] == BASIS_LOCAL:
            text, attrs = _local_time(str(f[key]), zone)
            _text(fo, key, text, **attrs)
        elif f[key]:
            _text(fo, key, f[key])
    if f["magic"]:
        _text(fo, "libmagic", f["magic"])
    if f["status"] == "done":  # a hashdigest stands for the whole file
        for algo in ("md5", "sha1", "sha256"):
            if f[algo]:
                _text(fo, "hashdigest", f[algo], type=algo)
    elif f["status"] == "partial":
        fo.append(ET.Comment(f" read only in part: {f['bytes_read']} of {f['size']} bytes readable; "
                             "hashes of the readable bytes are in the case, not given here as the file's "))


def export_dfxml(store: CaseStore, path: str | Path, file_ids: set[int] | None = None) -> int:
    tree = build(store, file_ids)
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    root = tree.getroot()
    return len(root.findall(f".//{{{NS}}}fileobject")) if root is not None else 0
