"""Windows Prefetch files (formats 17/23/26/30/31, MAM-compressed included) through libscca-python."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record
from forensic_triage.timeutil import from_filetime, iso

MAX_REFERENCED_FILES = 4096
MAX_RUN_TIMES = 8  # formats 26 and later keep the last eight run times


@dataclasses.dataclass(frozen=True)
class PrefetchVolume:
    device_path: str
    serial_number: str  # eight hexadecimal digits, as "vol" prints it without the dash
    created: str | None


@dataclasses.dataclass(frozen=True)
class PrefetchRun(Record):
    record_type: ClassVar[str] = "windows.prefetch"
    time_fields: ClassVar[dict[str, str]] = {"run_times": "Program run (Prefetch)"}

    executable: str
    executable_path: str | None  # the referenced file that is the executable, when one matches
    prefetch_hash: str
    format_version: int
    run_count: int
    last_run: str | None
    run_times: tuple[str, ...]  # every stored run time, most recent first
    volumes: tuple[PrefetchVolume, ...]
    referenced_files: tuple[str, ...]

    def summary(self) -> str:
        return f"{self.executable} run {self.run_count} time(s), last {self.last_run or 'unknown'}"


def _run_times(scca: Any) -> list[str]:
    times: list[str] = []
    for index in range(MAX_RUN_TIMES):
        try:
            value = scca.get_last_run_time_as_integer(index)
        except (OSError, ValueError):
            break  # formats 17 and 23 keep one run time: index 1 is out of bounds
        text = iso(from_filetime(value))
        if text:
            times.append(text)
    return times


def _volumes(scca: Any, ctx: ExtractContext) -> list[PrefetchVolume]:
    volumes = []
    for index in range(scca.number_of_volumes):
        try:
            vol = scca.get_volume_information(index)
            volumes.append(PrefetchVolume(
                device_path=vol.device_path or "",
                serial_number=f"{vol.serial_number:08X}",
                created=iso(from_filetime(vol.get_creation_time_as_integer())),
            ))
        except (OSError, ValueError) as exc:
            ctx.warn(f"Prefetch volume entry {index} is unreadable: {exc}")
    return volumes


def _referenced(scca: Any, ctx: ExtractContext) -> list[str]:
    count = scca.number_of_filenames
    if count > MAX_REFERENCED_FILES:
        ctx.warn(f"Prefetch file lists {count} referenced files; only the first {MAX_REFERENCED_FILES} are kept.")
        count = MAX_REFERENCED_FILES
    names = []
    for index in range(count):
        try:
            names.append(scca.get_filename(index) or "")
        except (OSError, ValueError) as exc:
            ctx.warn(f"Prefetch referenced file {index} is unreadable: {exc}")
            break
    return names


def _executable_path(executable: str, referenced: list[str]) -> str | None:
    """The referenced file that is the program itself (names over 29 characters are cut in the header)."""
    if not executable:
        return None
    wanted = executable.upper()
    for name in referenced:
        base = name.rsplit("\\", 1)[-1].upper()
        if base == wanted or (len(wanted) >= 29 and base.startswith(wanted)):
            return name
    return None


class PrefetchExtractor(Extractor):
    name = "windows.prefetch"
    version = "1.0"
    description = "Windows Prefetch: program, prefetch hash, run count, all stored run times, volumes, files"
    references = (
        "https://github.com/libyal/libscca/blob/main/documentation/Windows%20Prefetch%20File%20(PF)%20format.asciidoc",
    )
    inputs = InputSpec(
        globs=("%SystemRoot%/Prefetch/*.pf",),
        names=("*.pf",),
        # "<version> SCCA" (uncompressed formats); MAM-compressed files are selected by name only,
        # since the MAM signature is shared with other compressed Windows files.
        signatures=(b"\x11\x00\x00\x00SCCA", b"\x17\x00\x00\x00SCCA", b"\x1a\x00\x00\x00SCCA",
                    b"\x1e\x00\x00\x00SCCA", b"\x1f\x00\x00\x00SCCA"),
        max_size=32 * 1024 * 1024,
    )
    record_types = (PrefetchRun,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        import pyscca

        ctx.uses_library("libscca-python", str(pyscca.get_version()))
        scca = pyscca.file()
        try:
            scca.open_file_object(stream)
        except (OSError, ValueError) as exc:
            ctx.warn(f"Not a readable Prefetch file (libscca: {exc}).")
            return
        try:
            executable = scca.executable_filename or ""
            referenced = _referenced(scca, ctx)
            times = _run_times(scca)
            yield PrefetchRun(
                executable=executable,
                executable_path=_executable_path(executable, referenced),
                prefetch_hash=f"0x{scca.prefetch_hash:08X}",
                format_version=int(scca.format_version),
                run_count=int(scca.run_count),
                last_run=times[0] if times else None,
                run_times=tuple(times),
                volumes=tuple(_volumes(scca, ctx)),
                referenced_files=tuple(referenced),
            )
        except (OSError, ValueError) as exc:
            ctx.warn(f"Prefetch file is damaged (libscca: {exc}).")
        finally:
            scca.close()


EXTRACTORS = (PrefetchExtractor,)
