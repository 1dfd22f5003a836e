"""Unix shell histories: bash (``#<epoch>`` timestamp lines) and zsh (plain and extended format)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record
from forensic_triage.timeutil import unix_iso

MAX_COMMANDS = 200_000
MAX_COMMAND_CHARS = 65_536
_ZSH_EXTENDED = re.compile(rb"^: *(\d+):(\d+);(.*)$", re.DOTALL)
_BASH_TIME = re.compile(rb"^#(\d{9,11})$")


@dataclasses.dataclass(frozen=True)
class ShellCommand(Record):
    record_type: ClassVar[str] = "unix.shell_history"
    time_fields: ClassVar[dict[str, str]] = {"executed": "Shell command run"}

    shell: str  # bash | zsh
    user: str | None  # from the home folder the file is in
    line: int  # first line of the command in the file (1-based)
    command: str
    executed: str | None  # only when the shell recorded times (HISTTIMEFORMAT / EXTENDED_HISTORY)
    duration_seconds: int | None  # zsh extended history

    def summary(self) -> str:
        return f"{self.user or '?'} ({self.shell}): {self.command[:120]}"


def unmetafy(raw: bytes) -> bytes:
    """zsh writes bytes 0x83-0xA2 as 0x83 (Meta) followed by the byte XOR 0x20."""
    if b"\x83" not in raw:
        return raw
    out = bytearray()
    it = iter(raw)
    for byte in it:
        if byte == 0x83:
            nxt = next(it, None)
            if nxt is not None:
                out.append(nxt ^ 0x20)
        else:
            out.append(byte)
    return bytes(out)


def _text(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    return text if len(text) <= MAX_COMMAND_CHARS else text[:MAX_COMMAND_CHARS] + " [...]"


def parse_bash(data: bytes, user: str | None, ctx: ExtractContext) -> Iterator[ShellCommand]:
    """One record per command. With HISTTIMEFORMAT set, bash writes ``#<epoch>`` before every entry and
    a multi-line entry (heredoc, backslash continuation, quoted newline, ``lithist``) as several lines:
    everything up to the next timestamp line is that one command, as plaso's bash_history parser reads
    it. Lines before the first timestamp (written before times were switched on), and every line of a
    history without timestamps, are one command each, without a time."""
    pending: int | None = None
    command: list[bytes] = []
    first = 0

    def flush() -> Iterator[ShellCommand]:
        while command and not command[-1].strip():
            command.pop()
        if command:
            assert pending is not None
            yield ShellCommand("bash", user, first, _text(b"\n".join(command)), unix_iso(pending), None)
        command.clear()

    for number, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.rstrip(b"\r")
        stamp = _BASH_TIME.match(raw)
        if stamp:
            if pending is not None and not command:
                ctx.warn(f"Timestamp line {number - 1} has no command after it.")
            yield from flush()
            pending = int(stamp.group(1))
            continue
        if pending is None:
            if raw.strip():
                yield ShellCommand("bash", user, number, _text(raw), None, None)
            continue
        if not command:
            if not raw.strip():
                continue
            first = number
        command.append(raw)
    if pending is not None and not command:
        ctx.warn("History ends with a timestamp line and no command (truncated?).")
    yield from flush()


def parse_zsh(data: bytes, user: str | None, ctx: ExtractContext) -> Iterator[ShellCommand]:
    lines = data.split(b"\n")
    index = 0
    while index < len(lines):
        start = index
        raw = lines[index]
        # A command spanning lines ends each continued line with a backslash.
        while raw.endswith(b"\\") and index + 1 < len(lines):
            index += 1
            raw = raw[:-1] + b"\n" + lines[index]
        if raw.endswith(b"\\") and index + 1 >= len(lines):
            ctx.warn("History ends inside a multi-line command (truncated?).")
        index += 1
        raw = unmetafy(raw)
        if not raw.strip():
            continue
        match = _ZSH_EXTENDED.match(raw)
        if match:
            yield ShellCommand("zsh", user, start + 1, _text(match.group(3)), unix_iso(int(match.group(1))),
                               int(match.group(2)))
        else:
            yield ShellCommand("zsh", user, start + 1, _text(raw), None, None)


class ShellHistoryExtractor(Extractor):
    name = "unix.shell_history"
    version = "1.1"
    description = "bash and zsh command histories, with run times where the shell recorded them"
    references = ("https://www.gnu.org/software/bash/manual/html_node/Bash-History-Facilities.html",
                  "https://zsh.sourceforge.io/Doc/Release/Options.html#History")
    inputs = InputSpec(
        globs=("%HomeDir%/.bash_history", "%HomeDir%/.zsh_history", "%HomeDir%/.zhistory",
               "%HomeDir%/.local/share/zsh/history"),
        names=(".bash_history", ".zsh_history", ".zhistory", ".histfile"),
        max_size=64 * 1024 * 1024,
    )
    record_types = (ShellCommand,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        data = stream.read()
        user = ctx.user
        if user is None and re.match(r"^/?root/", file_info.path):
            user = "root"
        if data.count(b"\0") > max(8, len(data) // 100):
            ctx.warn("History file holds binary data (NUL bytes): not a text history, or damaged; "
                     "commands are listed as found.")
            data = data.replace(b"\0", b"")
        zsh = "zsh" in file_info.name.lower() or file_info.name.lower() in (".zhistory", ".histfile") or \
            file_info.path.lower().endswith("/zsh/history")
        parser = parse_zsh if zsh or _ZSH_EXTENDED.match(data[:200].split(b"\n", 1)[0]) else parse_bash
        count = 0
        for command in parser(data, user, ctx):
            if count >= MAX_COMMANDS:
                ctx.warn(f"History holds more than {MAX_COMMANDS} commands; the rest are not listed.")
                return
            if count % 10_000 == 0 and ctx.check_cancel():
                return
            count += 1
            yield command


EXTRACTORS = (ShellHistoryExtractor,)
