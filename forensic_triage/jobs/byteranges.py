"""Which listed files a range of media bytes belongs to (e.g. E01 chunks that failed their checksums).

Intake runs before triage, so it stores the bad ranges (warning details, see
:func:`bad_ranges`); once the files are listed, :func:`files_touching` maps those ranges to
the files whose data runs (The Sleuth Kit's block runs per data attribute) overlap them.
Resident data (small NTFS files kept inside their MFT entry) has no runs of its own: it lies in
``$MFT``, which is named when its runs are touched.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable

import pytsk3

from ..errors import EvidenceError, FileSystemError
from ..fs.resolver import Resolver
from ..store import CaseStore

_DATA_TYPES = {int(pytsk3.TSK_FS_ATTR_TYPE_DEFAULT), int(pytsk3.TSK_FS_ATTR_TYPE_NTFS_DATA),
               int(pytsk3.TSK_FS_ATTR_TYPE_HFS_DATA)}
_SKIP_RUN = int(pytsk3.TSK_FS_ATTR_RUN_FLAG_SPARSE) | int(pytsk3.TSK_FS_ATTR_RUN_FLAG_FILLER)


@dataclasses.dataclass(frozen=True, slots=True)
class Touched:
    file_id: int
    locator: str
    path: str
    ranges: tuple[tuple[int, int], ...]  # [start, end) media byte ranges of the file's data that are affected


def bad_ranges(store: CaseStore, evidence_id: int) -> list[tuple[int, int]]:
    """The [start, end) media byte ranges intake found damaged (E01 chunks that failed their checksums)."""
    found: list[tuple[int, int]] = []
    for text in store.evidence.warning_details(evidence_id, "evidence.ewf"):
        try:
            details = json.loads(text)
        except ValueError:
            continue
        for start, end in details.get("byte_ranges") or []:
            found.append((int(start), int(end)))
    return sorted(found)


def _overlap(a: tuple[int, int], ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(max(a[0], s), min(a[1], e)) for s, e in ranges if a[0] < e and s < a[1]]


def _runs(fs_file: pytsk3.File, attr_type: int | None, attr_id: int | None) -> Iterable[tuple[int, int]]:
    """(block address, block count) of every non-sparse run of the file's data attribute(s)."""
    for attr in fs_file:
        kind, ident = int(attr.info.type), int(attr.info.id)
        if attr_type is not None and attr_id is not None:
            if (kind, ident) != (attr_type, attr_id):
                continue
        elif kind not in _DATA_TYPES:
            continue
        if int(attr.info.flags) & int(pytsk3.TSK_FS_ATTR_RES):
            continue
        for run in attr:
            if int(run.flags) & _SKIP_RUN or not int(run.len):
                continue
            yield int(run.addr), int(run.len)


def files_touching(store: CaseStore, evidence_id: int,
                   byte_ranges: Iterable[tuple[int, int]]) -> list[Touched]:
    """Every listed file of the evidence item whose data overlaps one of ``byte_ranges`` ([start, end)
    offsets in the media), in locator order. Reads the evidence (read-only): the file table says
    which files exist, the file system says where their blocks are."""
    ranges = sorted((int(s), int(e)) for s, e in byte_ranges if int(e) > int(s))
    if not ranges:
        return []
    item = store.evidence.by_id(evidence_id)
    if item is None:
        raise EvidenceError(f"No evidence item with id {evidence_id} in this case.")
    touched: list[Touched] = []
    with Resolver(keep=1) as resolver:
        for volume in store.evidence.filesystem_volumes(evidence_id):
            span = (int(volume["offset"]), int(volume["offset"]) + int(volume["length"]))
            if not _overlap(span, ranges):
                continue
            try:
                fs = resolver.filesystem(item["path"], span[0])
            except (FileSystemError, OSError, RuntimeError):
                continue
            block = int(fs.info.block_size)
            for f in store.files.in_volume(volume["id"]):
                try:
                    fs_file = fs.open_meta(inode=int(f["inode"]))
                    hits: list[tuple[int, int]] = []
                    for addr, count in _runs(fs_file, f["attr_type"], f["attr_id"]):
                        start = span[0] + addr * block
                        hits += _overlap((start, start + count * block), ranges)
                except (OSError, RuntimeError):
                    continue
                if hits:
                    touched.append(Touched(int(f["id"]), str(f["locator"]), str(f["path"]), tuple(sorted(hits))))
    return touched


def damaged_file_notes(store: CaseStore, evidence_id: int) -> list[str]:
    """Plain sentences for the report or 'verify': which listed files hold data in the ranges intake
    found damaged (empty when none were found, or the evidence cannot be opened: then one sentence says so)."""
    ranges = bad_ranges(store, evidence_id)
    if not ranges:
        return []
    uid = store.evidence.uid_of(evidence_id)
    try:
        touched = files_touching(store, evidence_id, ranges)
    except EvidenceError as exc:
        return [f"The files holding the damaged sectors of {uid} could not be named: {exc}"]
    if not touched:
        return [f"No listed file of {uid} holds data in its damaged sectors (they hold file-system metadata, "
                "unallocated space, or the files have not been listed yet)."]
    notes = []
    for t in touched:
        spans = ", ".join(f"bytes {a}–{b - 1} of the media" for a, b in t.ranges[:5])
        more = f" and {len(t.ranges) - 5} more range(s)" if len(t.ranges) > 5 else ""
        notes.append(f"{t.path} ({t.locator}) holds data in the damaged sectors of {uid} ({spans}{more}); its "
                     "content there cannot be trusted.")
    return notes
