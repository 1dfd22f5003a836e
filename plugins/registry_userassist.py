"""UserAssist (NTUSER.DAT): programs and shortcuts a user started from the Explorer shell.

Value names are ROT13-encoded. Version 3 data (Windows XP) is 16 bytes: session, run count
(stored +5), last run; version 5 data (Windows 7 and later) is 72 bytes: run count at 4, focus
count at 8, focus time (ms) at 12, last run at 60.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
import struct
from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, Record

from .registry_common import Hive, filetime_int, hive_inputs, key_name, open_hive, value_bytes

USERASSIST = "Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\UserAssist"
CATEGORIES = {
    "{CEBFF5CD-ACE2-4F4F-9178-9926F41749EA}": "executable run",
    "{F4E57C4B-2036-45F0-A9AB-443BCFE33D9F}": "shortcut run",
    "{75048700-EF1F-11D0-9888-006097DEACF9}": "active desktop (XP)",
    "{5E6AB780-7743-11CF-A12B-00AA004AE837}": "Internet toolbar (XP)",
}
# Known folder ids that Windows 7+ writes at the start of UserAssist paths.
KNOWN_FOLDERS = {
    "{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}": "%SystemRoot%\\System32",
    "{D65231B0-B2F1-4857-A4CE-A8E7C6EA7D27}": "%SystemRoot%\\SysWOW64",
    "{F38BF404-1D43-42F2-9305-67DE0B28FC23}": "%SystemRoot%",
    "{6D809377-6AF0-444B-8957-A3773F02200E}": "%ProgramFiles%",
    "{7C5A40EF-A0FB-4BFC-874A-C0F2E0B9FA8E}": "%ProgramFiles(x86)%",
    "{0139D44E-6AFE-49F2-8690-3DAFCAE6FFB8}": "%ProgramData%\\Microsoft\\Windows\\Start Menu\\Programs",
    "{A77F5D77-2E2B-44C3-A6A2-ABA601054A51}": "%AppData%\\Microsoft\\Windows\\Start Menu\\Programs",
    "{9E3995AB-1F9C-4F13-B827-48B24B6C7174}": "%AppData%\\Microsoft\\Internet Explorer\\Quick Launch\\User Pinned",
    "{B4BFCC3A-DB2C-424C-B029-7FE99A87C641}": "%UserProfile%\\Desktop",
    "{FDD39AD0-238F-46AF-ADB4-6C85480369C7}": "%UserProfile%\\Documents",
    "{374DE290-123F-4565-9164-39C4925E467B}": "%UserProfile%\\Downloads",
}
_GUID_PREFIX = re.compile(r"^(\{[0-9A-Fa-f-]{36}\})")


@dataclasses.dataclass(frozen=True)
class UserAssistEntry(Record):
    record_type: ClassVar[str] = "windows.userassist"
    time_fields: ClassVar[dict[str, str]] = {"last_run": "Program run (UserAssist)"}

    user: str | None
    guid: str
    category: str | None
    name: str                           # ROT13-decoded value name, as Windows wrote it
    path: str                           # the same with a leading known-folder id replaced
    run_count: int | None
    focus_count: int | None
    focus_time_ms: int | None
    last_run: str | None
    format_version: int                 # 3 (XP) or 5 (Windows 7 and later)

    def summary(self) -> str:
        return f"{self.path} run {self.run_count} times"


def resolve_known_folder(name: str) -> str:
    m = _GUID_PREFIX.match(name)
    if m and m.group(1).upper() in KNOWN_FOLDERS:
        return KNOWN_FOLDERS[m.group(1).upper()] + name[len(m.group(1)):]
    return name


def parse_data(data: bytes) -> tuple[int, int | None, int | None, int | None, str | None] | None:
    """(format version, run count, focus count, focus time ms, last run) or None if not an entry."""
    if len(data) == 16:
        _session, count, last = struct.unpack("<IIQ", data)
        return 3, count - 5 if count >= 5 else count, None, None, filetime_int(last)
    if len(data) == 72:
        count, focus, focus_ms = struct.unpack_from("<III", data, 4)
        return 5, count, focus, focus_ms, filetime_int(struct.unpack_from("<Q", data, 60)[0])
    return None


class UserAssistExtractor(Extractor):
    name = "windows.registry.userassist"
    version = "1.0"
    description = "UserAssist (NTUSER.DAT): ROT13-decoded program names, run counts, focus time, last run"
    references = (
        "https://github.com/libyal/winreg-kb/blob/main/docs/sources/explorer-keys/User-assist.md",
        "https://github.com/log2timeline/plaso/blob/main/plaso/parsers/winreg_plugins/userassist.py",
    )
    inputs = hive_inputs("NTUSER.DAT")
    record_types = (UserAssistEntry,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        hive = open_hive(ctx, stream, self.inputs, file_info)
        if hive is not None:
            yield from hive.finish(self._records(ctx, hive))

    def _records(self, ctx: ExtractContext, hive: Hive) -> Iterator[Record]:
        root = hive.key(USERASSIST)
        if root is None:
            return
        for guid_key in hive.subkeys(root, USERASSIST):
            guid = key_name(guid_key)
            where = f"{USERASSIST}\\{guid}\\Count"
            count_key = hive.key(where)
            if count_key is None:
                continue
            for value in hive.values(count_key, where):
                try:
                    raw_name = str(value.name or "")
                except OSError:
                    continue
                parsed = parse_data(value_bytes(value))
                if parsed is None:
                    continue  # session data (UEME_CTLSESSION), not a program
                version, runs, focus, focus_ms, last = parsed
                name = codecs.decode(raw_name, "rot13")
                yield UserAssistEntry(
                    user=ctx.user, guid=guid, category=CATEGORIES.get(guid.upper()), name=name,
                    path=resolve_known_folder(name), run_count=runs, focus_count=focus, focus_time_ms=focus_ms,
                    last_run=last, format_version=version)


EXTRACTORS = (UserAssistExtractor,)
