"""Typed data of the triage engine: the worker/pool messages survive the pipe as they are, the
statuses compare equal to the text stored, and a memory error is known by its type."""

from __future__ import annotations

import dataclasses
import multiprocessing as mp
import sqlite3

from forensic_triage.extractors import ExtractorAnalyzer
from forensic_triage.jobs import protocol
from forensic_triage.jobs.worker import _mark_memory_warnings
from forensic_triage.model import FileInfo, FileResult, FileStatus, Locator, WarningKind, WarningRecord
from forensic_triage.plugin_api import Extractor, InputSpec, Record

SPEC = protocol.FileSpec(7, 64, 128, 4, "Zone.Identifier", "/a/b.txt", "b.txt", "txt", 10, True,
                         "2024-01-02T03:04:05Z", None)
MESSAGES = (
    protocol.WalkRequest("/e.dd", "EXH-1", 1048576, True),
    protocol.UnitRequest(3, "/e.dd", "EXH-1", 0, [SPEC]),
    protocol.Stop(),
    protocol.Ready(12, {"yara": {"sha256": "x"}}, ["a plugin failed"], ["no memory limit"]),
    protocol.Fatal("ValueError: x"),
    protocol.Entries([("EXH-1:0:5/a", 0, 5)]),
    protocol.WalkWarning("a loop"),
    protocol.WalkDone(4),
    protocol.WalkFailed("the file system cannot be opened: OSError: x"),
    protocol.UnitResults(3, [FileResult(7, status=FileStatus.PARTIAL, warnings=[WarningRecord("read", "m")]),
                             FileResult(8)], done=True),
)


def test_every_message_crosses_a_pipe_unchanged_with_its_own_kind() -> None:
    parent, child = mp.get_context("spawn").Pipe()
    for message in MESSAGES:
        child.send(message)
        got = parent.recv()
        assert got == message and type(got) is type(message)
    assert sorted(m.kind for m in MESSAGES) == sorted(protocol.MessageKind)  # one message per kind, none left out
    assert all(dataclasses.is_dataclass(m) for m in MESSAGES)


def test_statuses_are_stored_as_their_text() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t(status TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [(s,) for s in FileStatus])
    assert [r[0] for r in conn.execute("SELECT status FROM t")] == [
        "pending", "done", "partial", "error", "no-content", "n/a"]
    assert FileStatus.NO_CONTENT == "no-content" and f"{WarningKind.MEMORY}" == "memory"


@dataclasses.dataclass(frozen=True)
class _R(Record):
    record_type = "test.r"
    n: int


class _Hog(Extractor):
    name = "test.hog"
    version = "1.0"
    description = "raises MemoryError"
    inputs = InputSpec(names=("*.hog",))
    record_types = (_R,)

    def extract(self, ctx, stream, file_info):  # type: ignore[no-untyped-def]
        ctx.warn("a text that mentions MemoryError is not a memory error")
        raise MemoryError("hog")
        yield _R(1)


def test_memory_error_is_known_by_type_not_by_message_text() -> None:
    analyzer = ExtractorAnalyzer([_Hog])
    info = FileInfo(1, Locator("EXH-1", 0, 5, path="/x.hog"), "EXH-1", "/x.hog", "x.hog", "hog", 3, False,
                    "application/octet-stream", "data", b"abc")
    result = FileResult(1)
    analyzer.run_one(_Hog, None, info, b"abc", result)
    _mark_memory_warnings(result, 1536)
    assert [w.kind for w in result.warnings] == [WarningKind.MEMORY, WarningKind.WARNING]
    assert "memory limit (1536 MiB)" in result.warnings[0].message
    assert "MemoryError" in result.warnings[1].message  # the plugin's own text is left as it was
