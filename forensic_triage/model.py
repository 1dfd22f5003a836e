"""Core value types: locators, file entries, per-file results, warnings.

A :class:`Locator` is how every finding is traced back to the evidence: evidence item ->
partition (volume) byte offset -> inode / MFT entry (+ attribute type/id for NTFS streams)
-> path. Locators are immutable, hashable, printable and parseable, and they give
deterministic UUIDv5 identifiers so the same image always yields the same CASE graph.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import uuid
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Any, NamedTuple, Protocol, runtime_checkable

# Namespace for every deterministic identifier this product derives (UUIDv5).
FT_NAMESPACE = uuid.UUID("6f1d2b7e-7c55-5d6a-9a54-6b0f3c9a1e21")
_FT_NAMESPACE_BYTES = FT_NAMESPACE.bytes

# DOTALL and \Z: a path is whatever bytes the file system held, newlines included.
_LOCATOR_RE = re.compile(
    r"^(?P<ev>[^:]+):(?P<off>\d+)(?:\+(?P<layer>[A-Za-z0-9_.@=-]+(?:\+[A-Za-z0-9_.@=-]+)*))?:(?P<inode>\d+)(?:-(?P<atype>\d+)-(?P<aid>\d+))?(?::(?P<stream>[^/]*))?(?P<path>/.*)?\Z",
    re.DOTALL,
)


class FileStatus(StrEnum):
    """``files.status``: where a file entry stands. Values are the text stored in the database."""

    PENDING = "pending"  # listed, not yet examined
    DONE = "done"  # read completely
    PARTIAL = "partial"  # some bytes unreadable: hashes cover the readable bytes only
    ERROR = "error"  # nothing readable, or not examined: no hashes
    NO_CONTENT = "no-content"  # nothing to read (set when listing)
    NOT_A_FILE = "n/a"  # directories, links and other entries with no content to examine


class WarningKind(StrEnum):
    """``warnings.kind``: what sort of limitation a stored warning states."""

    WARNING = "warning"
    ERROR = "error"
    CRASH = "crash"  # a worker process died on the file
    TIMEOUT = "timeout"  # a worker was stopped for taking too long on the file
    MEMORY = "memory"  # a worker ran out of its memory allowance
    SKIPPED = "skipped"  # work left undone on purpose (a spent time budget)
    UNSUPPORTED = "unsupported"
    INTEGRITY = "integrity"  # data in sectors found damaged at intake
    INTERRUPTED = "interrupted"  # a job that stopped without recording its end


class JobOutcome(StrEnum):
    """``jobs.outcome`` of a finished job."""

    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"
    INTERRUPTED = "interrupted"


def stable_uuid(*parts: object) -> uuid.UUID:
    """UUIDv5 of the parts joined with a unit separator: the same input, the same id."""
    return uuid.uuid5(FT_NAMESPACE, "\x1f".join(str(p) for p in parts))


def stable_uuid_text(*parts: str) -> str:
    """``str(stable_uuid(*parts))`` for text parts, without building a :class:`uuid.UUID` (the
    single writer makes one per artifact: a third of the cost)."""
    digest = bytearray(hashlib.sha1(_FT_NAMESPACE_BYTES + "\x1f".join(parts).encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@dataclasses.dataclass(frozen=True, slots=True, order=True)
class Locator:
    """Where a file stream lives, from the evidence item down to the path.

    ``str(locator)`` is ``EVIDENCE:PARTITION_OFFSET[+LAYER]:INODE[-ATYPE-AID][:STREAM]/path``, e.g.
    ``EXH-001:1048576:64-128-4:Zone.Identifier/Users/jdoe/Downloads/invoice.exe``.

    ``layer`` names what lies between the volume at that offset and the file system, outermost
    first, joined by ``+`` (see :mod:`forensic_triage.fs.layers`): ``vss2`` (the second shadow copy
    store of the NTFS volume there), ``bde`` (the BitLocker volume there, unlocked), ``bde+vss1``,
    ``apfs1`` (the first volume of the APFS container there), ``zip`` / ``tar`` / ``dir`` / ``ios``
    (the members of an archive, a folder or an iOS backup given as evidence; offset 0). A locator
    without a layer prints exactly as before this field existed, so earlier ids are unchanged.
    ``key()`` leaves out the path (the stream's identity: two hard links are the same
    stream); the case database keys file entries by the full string, because deleted names
    without metadata all point at inode 0 and are still distinct findings.
    """

    evidence: str
    partition_offset: int
    inode: int
    attr_type: int | None = None
    attr_id: int | None = None
    stream: str = ""
    path: str = ""
    layer: str = ""

    def key(self) -> str:
        attr = f"-{self.attr_type}-{self.attr_id}" if self.attr_type is not None else ""
        stream = f":{self.stream}" if self.stream else ""
        layer = f"+{self.layer}" if self.layer else ""
        return f"{self.evidence}:{self.partition_offset}{layer}:{self.inode}{attr}{stream}"

    def __str__(self) -> str:
        return f"{self.key()}{self.path}"

    def uuid(self, kind: str = "file") -> uuid.UUID:
        """Deterministic id of this stream for exports (path included: a name is a finding)."""
        return stable_uuid(kind, self.key(), self.path)

    @classmethod
    def parse(cls, text: str) -> Locator:
        # Surrounding blanks of a pasted locator go, but never from a path: a file name may
        # end in a space or a newline, and the path must name exactly that file.
        text = text.lstrip()
        match = _LOCATOR_RE.match(text if "/" in text else text.rstrip())
        if not match:
            raise ValueError(
                f"not a locator: {text!r} (expected EVIDENCE:PARTITION_OFFSET:INODE[/path], "
                "as shown by 'forensic-triage files')"
            )
        atype = match.group("atype")
        return cls(
            evidence=match.group("ev"),
            partition_offset=int(match.group("off")),
            inode=int(match.group("inode")),
            attr_type=int(atype) if atype is not None else None,
            attr_id=int(match.group("aid")) if atype is not None else None,
            stream=match.group("stream") or "",
            path=match.group("path") or "",
            layer=match.group("layer") or "",
        )


# FileEntry flags of entries with nothing to read: triage gives them status 'no-content' when the
# listing of their volume ends (never a digest of nothing, no warning each).
NO_META = "no-meta"  # a deleted name whose metadata is gone (inode 0) or cannot be read
NO_DATA_STREAM = "no-data-stream"  # an NTFS file without an unnamed $DATA attribute ($Secure, $UsnJrnl...)
# shadow copy entries (fs.vss), set after triage against the live volume they were copied from
VSS_ONLY = "vss-only"  # no entry with this path on the live volume
VSS_CHANGED = "vss-changed"  # the live file of this path has other content (SHA-256)
VSS_IDENTICAL = "vss-identical"  # same SHA-256 as the examined live file: not scanned again, its results stand


def snapshot_name(layer: str) -> str:
    """'shadow copy 2' for a layer with the segment ``vss2`` (a Volume Shadow Copy, see fs.vss; the
    last such segment), '' for any other layer."""
    for segment in reversed(layer.split("+") if layer else []):
        if segment.startswith("vss") and segment[3:].isdigit():
            return f"shadow copy {segment[3:]}"
    return ""


@dataclasses.dataclass(frozen=True, slots=True)
class FileEntry:
    """One walked directory entry (a file stream, directory, link...) before content work."""

    locator: Locator
    name: str
    name_raw: bytes
    parent_path: str
    size: int
    allocated: bool
    meta_allocated: bool
    type: str  # file | dir | link | other | virtual
    mode: int | None = None
    uid: int | None = None
    gid: int | None = None
    mtime: str | None = None
    atime: str | None = None
    ctime: str | None = None
    crtime: str | None = None
    first_block: int | None = None  # physical byte offset of the first data run (read order)
    flags: str = ""  # comma-separated, e.g. "orphan", "ads", NO_META, NO_DATA_STREAM
    # 'utc': the times above are UTC ('...Z'); 'local': the device's wall clock with no zone
    # (FAT, exFAT), naive text, the FAT access time a date ('YYYY-MM-DD').
    time_basis: str = "utc"

    @property
    def deleted(self) -> bool:
        return not self.allocated

    @property
    def extension(self) -> str:
        name = self.name
        if "." not in name.strip("."):
            return ""
        return name.rsplit(".", 1)[1].lower()[:16]


@dataclasses.dataclass(frozen=True, slots=True)
class FileInfo:
    """What an analyzer knows about a file before its content arrives."""

    file_id: int
    locator: Locator
    evidence: str
    path: str  # full path inside the file system, "/" separated
    name: str
    extension: str
    size: int
    deleted: bool
    mime: str
    magic: str
    head: bytes  # the first bytes (up to 64 KiB)
    mtime: str | None = None
    crtime: str | None = None
    # Bytes of another file in the same folder (e.g. a SQLite "-wal" beside its database), read
    # read-only from the same file system; None when absent. Set by the pipeline.
    read_sibling: Callable[[str], bytes | None] | None = dataclasses.field(default=None, compare=False, repr=False)


@dataclasses.dataclass(slots=True)
class WarningRecord:
    """A recoverable problem stored next to the results (shown in the report's limitations)."""

    source: str  # component or plugin/rule name, e.g. "fs.walk", "windows.prefetch", "yara"
    message: str
    locator: str | None = None
    kind: WarningKind = WarningKind.WARNING
    evidence: str | None = None
    details: dict[str, Any] = dataclasses.field(default_factory=dict)
    # Set where a MemoryError was caught (by type): the worker adds its memory limit and the
    # kind 'memory' before the result leaves it. Not stored itself.
    out_of_memory: bool = False


@dataclasses.dataclass(slots=True)
class Hit:
    """A YARA match on one file stream."""

    rule: str
    namespace: str
    tags: list[str]
    meta: dict[str, Any]
    strings: list[dict[str, Any]]  # {identifier, offset, length, hex, text}
    ruleset_sha256: str = ""


@dataclasses.dataclass(slots=True)
class ContentHit:
    kind: str  # email | url | ipv4 | card | btc | eth | phone | keyword | regex
    value: str
    offset: int
    context: str
    encoding: str = "ascii"  # ascii | utf-16le


class EventTime(NamedTuple):
    """One timeline event of a record, typed where the record is made: its label and its time
    as the record holds it, ISO 8601 text ('Z' or an offset: UTC; naive: the device's own clock,
    placed only with a declared zone). The text is what the case database keeps."""

    label: str
    when: str


@dataclasses.dataclass(slots=True)
class ArtifactRecord:
    """A typed record produced by an extractor, ready for the store.

    ``data`` is the record dataclass as a JSON-able dict; ``times`` are its timeline events
    (label, ISO UTC time). ``summary`` is a one-line description for lists and reports.
    """

    type: str
    plugin: str
    plugin_version: str
    data: dict[str, Any]
    summary: str
    times: list[EventTime] = dataclasses.field(default_factory=list)
    index: int = 0  # position within the source file (deterministic ids)


@dataclasses.dataclass(slots=True)
class FileResult:
    """Everything learned from the single read of one file stream."""

    file_id: int
    md5: str | None = None
    sha1: str | None = None
    sha256: str | None = None
    mime: str | None = None
    magic: str | None = None
    entropy: float | None = None
    ext_mismatch: bool = False
    detected_ext: str | None = None
    encrypted: str | None = None  # why the content looks encrypted, or None
    bytes_read: int = 0  # readable bytes (what the hashes cover)
    # [start, end) byte ranges that could not be read (files.unreadable); non-empty = 'partial'
    read_errors: list[tuple[int, int]] = dataclasses.field(default_factory=list)
    hits: list[Hit] = dataclasses.field(default_factory=list)
    content_hits: list[ContentHit] = dataclasses.field(default_factory=list)
    artifacts: list[ArtifactRecord] = dataclasses.field(default_factory=list)
    hash_matches: list[tuple[str, str, str, str]] = dataclasses.field(default_factory=list)  # set, kind, algo, hash
    warnings: list[WarningRecord] = dataclasses.field(default_factory=list)
    # the examined file (id) with the same SHA-256 whose results stand for this one: only the hashes
    # were computed (a shadow copy's unchanged file, see fs.vss); None: examined in full
    duplicate_of: int | None = None
    # done | partial (some bytes unreadable: hashes cover the readable bytes only) | error (nothing
    # readable, or not examined: no hashes) | no-content (nothing to read; set when listing)
    status: FileStatus = FileStatus.DONE


# ------------------------------------------------------------------ file sources (see fs/source.py)
@runtime_checkable
class Stream(Protocol):
    """The bytes of one file stream, read-only. ``read`` raises :class:`OSError` where the
    evidence cannot give them; a short or empty read means the stream ends there."""

    size: int
    path: str

    def read(self, offset: int, length: int) -> bytes: ...


@runtime_checkable
class FileSource(Protocol):
    """One walkable file system or file collection, opened read-only.

    ``fs_type`` names it as the report does (``NTFS``, ``APFS``, ``ZIP``...); ``block_size`` is
    the step in which damaged ranges are retried (512 where the source has no blocks);
    ``time_basis`` is ``'utc'`` or ``'local'`` for every time the walk gives (see
    :mod:`forensic_triage.timeutil`)."""

    fs_type: str
    block_size: int
    time_basis: str

    def walk(self, evidence_uid: str, offset: int, layer: str,
             on_warning: Callable[[str], None] | None = None) -> Iterator[FileEntry]:
        """Every entry, allocated and deleted, with locators ``evidence_uid:offset+layer:...``."""
        ...

    def open(self, locator: Locator, size: int) -> Stream:
        """The stream a locator names; raises :class:`EvidenceError` when it cannot be opened."""
        ...

    def open_path(self, path: str) -> Stream | None:
        """The allocated file at ``path`` (a SQLite companion beside a database), or None."""
        ...

    def close(self) -> None: ...
