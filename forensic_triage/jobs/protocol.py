"""The messages between the triage parent (:mod:`.pool`) and its worker processes (:mod:`.worker`).

One module defines every message both sides send over the ``multiprocessing`` pipe, so a kind
cannot be spelled one way by the worker and read another way by the pool. Each message is a
small dataclass (pickled as it is); its ``kind`` names it in logs and tests.

parent -> worker:

* :class:`WalkRequest` -> :class:`Entries` batches, :class:`WalkWarning`\\ s, then
  :class:`WalkDone` (or :class:`WalkFailed` when the file system cannot be opened)
* :class:`UnitRequest` -> :class:`UnitResults` batches of the unit's files in order, the last
  with ``done=True`` (a batch is sent when it holds ``RESULT_FILES`` results or its first
  result is ``RESULT_SECONDS`` old, and at the end of the unit: one message per unit of small
  files, yet progress and the first findings never wait long)
* :class:`Stop` -> the worker exits

worker -> parent, at any time: :class:`Ready` once its analyzers are loaded, :class:`Fatal`
before it dies of an engine failure.
"""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from typing import Any, ClassVar

from ..model import FileResult


class MessageKind(StrEnum):
    WALK = "walk"
    UNIT = "unit"
    STOP = "stop"
    READY = "ready"
    FATAL = "fatal"
    ENTRIES = "entries"
    WALK_WARNING = "walk_warning"
    WALK_DONE = "walk_done"
    WALK_FAILED = "walk_failed"
    RESULTS = "results"


@dataclasses.dataclass(frozen=True, slots=True)
class FileSpec:
    """One file of a work unit: everything the worker needs, nothing it must look up."""

    file_id: int
    inode: int
    attr_type: int | None
    attr_id: int | None
    stream: str
    path: str
    name: str
    extension: str
    size: int
    deleted: bool
    mtime: str | None  # ISO 8601 text as stored (files.mtime); the basis is the file system's
    crtime: str | None
    # (file id, SHA-256) of the examined live file at the same path of a shadow copy's file: when
    # the bytes hash the same, the file is not scanned again (see fs.vss.identical_result)
    same_as: tuple[int, str] | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled as a plain tuple: the parent sends one per file (a frozen dataclass with slots
        # otherwise pickles through a Python __getstate__: a tenth of the parent's CPU per file)
        return (FileSpec, (self.file_id, self.inode, self.attr_type, self.attr_id, self.stream, self.path, self.name,
                           self.extension, self.size, self.deleted, self.mtime, self.crtime, self.same_as))


# ----------------------------------------------------------------------------- parent -> worker
@dataclasses.dataclass(frozen=True, slots=True)
class WalkRequest:
    kind: ClassVar[MessageKind] = MessageKind.WALK
    evidence_path: str
    uid: str
    offset: int
    ntfs: bool
    layer: str = ""  # Locator.layer of the volume (see fs.layers)


@dataclasses.dataclass(frozen=True, slots=True)
class UnitRequest:
    kind: ClassVar[MessageKind] = MessageKind.UNIT
    unit_id: int
    evidence_path: str
    uid: str
    offset: int
    specs: list[FileSpec]
    layer: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class Stop:
    kind: ClassVar[MessageKind] = MessageKind.STOP


# ----------------------------------------------------------------------------- worker -> parent
@dataclasses.dataclass(frozen=True, slots=True)
class Ready:
    kind: ClassVar[MessageKind] = MessageKind.READY
    pid: int
    describe: dict[str, Any]  # analyzer name -> its provenance (versions, rule-set digests)
    problems: list[str]  # plugin load problems, stored as warnings by the parent
    notes: list[str] = dataclasses.field(default_factory=list)  # engine limits not in force (stored as warnings)


@dataclasses.dataclass(frozen=True, slots=True)
class Fatal:
    kind: ClassVar[MessageKind] = MessageKind.FATAL
    error: str  # "TypeName: message"


@dataclasses.dataclass(frozen=True, slots=True)
class Entries:
    kind: ClassVar[MessageKind] = MessageKind.ENTRIES
    rows: list[tuple[Any, ...]]  # column values of ``files`` (see worker.entry_row)


@dataclasses.dataclass(frozen=True, slots=True)
class WalkWarning:
    kind: ClassVar[MessageKind] = MessageKind.WALK_WARNING
    text: str


@dataclasses.dataclass(frozen=True, slots=True)
class WalkDone:
    kind: ClassVar[MessageKind] = MessageKind.WALK_DONE
    count: int


@dataclasses.dataclass(frozen=True, slots=True)
class WalkFailed:
    """The walk could not finish; ``reason`` is a sentence fragment ("the file system cannot be
    opened: ..."). The pool also sends it to its caller when the walking worker dies."""

    kind: ClassVar[MessageKind] = MessageKind.WALK_FAILED
    reason: str


@dataclasses.dataclass(frozen=True, slots=True)
class UnitResults:
    """Results of consecutive files of a unit; ``done``: the unit is finished (no more come).
    A worker that dies loses only the results it had not sent yet: the parent sends those files
    again (it knows each file delivered), so nothing is lost and nothing is stored twice."""

    kind: ClassVar[MessageKind] = MessageKind.RESULTS
    unit_id: int
    results: list[FileResult]
    done: bool = False


ToWorker = WalkRequest | UnitRequest | Stop
FromWorker = Ready | Fatal | Entries | WalkWarning | WalkDone | WalkFailed | UnitResults
WalkEvent = Entries | WalkWarning | WalkDone | WalkFailed

__all__ = ["Entries", "Fatal", "FileSpec", "FromWorker", "MessageKind", "Ready", "Stop", "ToWorker",
           "UnitRequest", "UnitResults", "WalkDone", "WalkEvent", "WalkFailed", "WalkRequest", "WalkWarning"]
