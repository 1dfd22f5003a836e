"""Windows shortcut (LNK) files through liblnk-python.

``LinkFields`` and ``read_link`` are shared with the jump-list extractor, whose entries are
LNK streams too.
"""

from __future__ import annotations

import dataclasses
import io
import uuid
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record
from forensic_triage.timeutil import from_filetime, iso

LNK_HEADER = bytes.fromhex("4c0000000114020000000000c000000000000046")

DRIVE_TYPES = {0: "unknown", 1: "no root directory", 2: "removable", 3: "fixed", 4: "remote",
               5: "optical", 6: "RAM disk"}


def clean_text(value: str | None) -> str | None:
    """A string safe to store: lone UTF-16 surrogates (legal in NTFS names) become ``\\udXXX`` text."""
    if value is None:
        return None
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def mac_from_droid(droid: str | None) -> str | None:
    """The MAC address inside a version-1 (time-based) distributed link tracking GUID."""
    if not droid:
        return None
    try:
        value = uuid.UUID(droid)
    except ValueError:
        return None
    if value.version != 1:
        return None
    node = f"{value.node:012x}"
    return ":".join(node[i: i + 2] for i in range(0, 12, 2))


@dataclasses.dataclass(frozen=True)
class LinkFields(Record):
    """What a shortcut says about its target (LNK files and jump-list entries)."""

    time_fields: ClassVar[dict[str, str]] = {
        "target_created": "Shortcut target created (LNK)",
        "target_modified": "Shortcut target modified (LNK)",
        "target_accessed": "Shortcut target accessed (LNK)",
    }

    target_path: str | None
    local_path: str | None
    network_path: str | None
    relative_path: str | None
    working_directory: str | None
    arguments: str | None
    description: str | None
    icon_location: str | None
    target_created: str | None
    target_modified: str | None
    target_accessed: str | None
    target_size: int | None
    target_attributes: int | None
    drive_type: str | None
    volume_serial: str | None
    volume_label: str | None
    machine_id: str | None
    droid_volume: str | None
    droid_file: str | None
    birth_droid_volume: str | None
    birth_droid_file: str | None
    mac_address: str | None


@dataclasses.dataclass(frozen=True)
class Shortcut(LinkFields):
    record_type: ClassVar[str] = "windows.lnk"

    def summary(self) -> str:
        return f"Shortcut to {self.target_path or '(unknown target)'}"


def _get(lnk: Any, attribute: str) -> Any:
    try:
        return getattr(lnk, attribute)
    except (OSError, ValueError, UnicodeError):
        return None


def _time(lnk: Any, getter: str) -> str | None:
    try:
        return iso(from_filetime(getattr(lnk, getter)()))
    except (OSError, ValueError):
        return None


def read_link(data: bytes) -> tuple[dict[str, Any], bool]:
    """(LinkFields values, damaged?) of one LNK structure; OSError when liblnk cannot open it at all.

    "Damaged" means liblnk stopped early (e.g. a truncated extra-data block): fields after the
    damage are missing.
    """
    import pylnk

    lnk = pylnk.file()
    lnk.open_file_object(io.BytesIO(data))
    try:
        text = {name: clean_text(_get(lnk, attr)) for name, attr in (
            ("local_path", "local_path"), ("network_path", "network_path"),
            ("relative_path", "relative_path"), ("working_directory", "working_directory"),
            ("arguments", "command_line_arguments"), ("description", "description"),
            ("icon_location", "icon_location"), ("env_path", "environment_variables_location"),
            ("volume_label", "volume_label"), ("machine_id", "machine_identifier"))}
        droid = {name: _get(lnk, attr) for name, attr in (
            ("droid_volume", "droid_volume_identifier"), ("droid_file", "droid_file_identifier"),
            ("birth_droid_volume", "birth_droid_volume_identifier"),
            ("birth_droid_file", "birth_droid_file_identifier"))}
        drive_type = _get(lnk, "drive_type")
        serial = _get(lnk, "drive_serial_number")
        env_path = text.pop("env_path")
        values: dict[str, Any] = {
            "target_path": text["local_path"] or text["network_path"] or env_path or text["relative_path"],
            **text,
            "target_created": _time(lnk, "get_file_creation_time_as_integer"),
            "target_modified": _time(lnk, "get_file_modification_time_as_integer"),
            "target_accessed": _time(lnk, "get_file_access_time_as_integer"),
            "target_size": _get(lnk, "file_size"),
            "target_attributes": _get(lnk, "file_attribute_flags"),
            "drive_type": DRIVE_TYPES.get(drive_type, str(drive_type)) if drive_type is not None else None,
            "volume_serial": f"{serial:08X}" if serial is not None else None,
            **droid,
            "mac_address": mac_from_droid(droid["droid_file"]) or mac_from_droid(droid["birth_droid_file"]),
        }
        damaged = bool(lnk.is_corrupted())
    finally:
        lnk.close()
    return values, damaged


def link_library(ctx: ExtractContext) -> None:
    import pylnk

    ctx.uses_library("liblnk-python", str(pylnk.get_version()))


class LnkExtractor(Extractor):
    name = "windows.lnk"
    version = "1.0"
    description = "Windows shortcuts: target path, times, size, volume serial/label, machine id, droids, MAC"
    references = (
        "https://github.com/libyal/liblnk/blob/main/documentation/"
        "Windows%20Shortcut%20File%20(LNK)%20format.asciidoc",
        "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-shllink/",
    )
    inputs = InputSpec(
        globs=("%UserProfile%/AppData/Roaming/Microsoft/Windows/Recent/*.lnk",
               "%UserProfile%/AppData/Roaming/Microsoft/Office/Recent/*.lnk",
               "%UserProfile%/Recent/*.lnk", "%UserProfile%/Desktop/*.lnk"),
        names=("*.lnk",),
        signatures=(LNK_HEADER,),
        max_size=4 * 1024 * 1024,
    )
    record_types = (Shortcut,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        link_library(ctx)
        data = stream.read()
        if not data.startswith(LNK_HEADER):
            ctx.warn("Not a Windows shortcut: the LNK header is missing.")
            return
        try:
            values, damaged = read_link(data)
        except OSError as exc:
            ctx.warn(f"Shortcut is damaged (liblnk: {exc}).")
            return
        if damaged:
            ctx.warn("Shortcut is damaged or truncated: fields stored after the damage are missing.")
        yield Shortcut(**values)


EXTRACTORS = (LnkExtractor,)
