"""Installed programs from the Uninstall keys of the SOFTWARE hive (64- and 32-bit views) and of
each user's NTUSER.DAT (per-user installs)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, Record

from .registry_common import Hive, hive_inputs, key_name, key_time, open_hive

UNINSTALL_KEYS = (
    ("SOFTWARE", "Microsoft\\Windows\\CurrentVersion\\Uninstall"),
    ("SOFTWARE", "WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall"),
    ("NTUSER", "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall"),
    ("NTUSER", "Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall"),
)


@dataclasses.dataclass(frozen=True)
class InstalledProgram(Record):
    record_type: ClassVar[str] = "windows.installed_program"
    time_fields: ClassVar[dict[str, str]] = {"key_last_written": "Program registered (Uninstall key written)"}

    hive: str                           # SOFTWARE | NTUSER
    user: str | None                    # NTUSER: the profile the hive belongs to
    key_path: str
    name: str                           # DisplayName, else the key name
    version: str | None
    publisher: str | None
    install_date: str | None            # YYYY-MM-DD as the installer wrote it (no time, no zone)
    install_location: str | None
    install_source: str | None
    uninstall_string: str | None
    size_kb: int | None
    key_last_written: str | None

    def summary(self) -> str:
        version = f" {self.version}" if self.version else ""
        return f"Installed: {self.name}{version}"


def install_date(text: str | None) -> str | None:
    """``20240301`` -> ``2024-03-01``; other shapes are kept as written."""
    if not text:
        return None
    m = re.fullmatch(r"\s*(\d{4})(\d{2})(\d{2})\s*", text)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else text.strip() or None


class InstalledProgramsExtractor(Extractor):
    name = "windows.registry.programs"
    version = "1.0"
    description = "Installed programs (Uninstall keys of SOFTWARE and NTUSER.DAT): name, version, publisher, date"
    references = ("https://learn.microsoft.com/en-us/windows/win32/msi/uninstall-registry-key",)
    inputs = hive_inputs("SOFTWARE", "NTUSER.DAT")
    record_types = (InstalledProgram,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        hive = open_hive(ctx, stream, self.inputs, file_info)
        if hive is not None:
            yield from hive.finish(self._records(ctx, hive))

    def _records(self, ctx: ExtractContext, hive: Hive) -> Iterator[Record]:
        for kind, path in UNINSTALL_KEYS:
            key = hive.key(path)
            if key is None:
                continue
            for entry in hive.subkeys(key, path):
                yield self._program(hive, kind, f"{path}\\{key_name(entry)}", entry,
                                    ctx.user if kind == "NTUSER" else None)

    def _program(self, hive: Hive, kind: str, path: str, key: Any, user: str | None) -> InstalledProgram:
        return InstalledProgram(
            hive=kind, user=user, key_path=path, name=hive.string(key, "DisplayName") or key_name(key),
            version=hive.string(key, "DisplayVersion"), publisher=hive.string(key, "Publisher"),
            install_date=install_date(hive.string(key, "InstallDate")),
            install_location=hive.string(key, "InstallLocation") or None,
            install_source=hive.string(key, "InstallSource") or None,
            uninstall_string=hive.string(key, "UninstallString"), size_kb=hive.integer(key, "EstimatedSize"),
            key_last_written=key_time(key))


EXTRACTORS = (InstalledProgramsExtractor,)
