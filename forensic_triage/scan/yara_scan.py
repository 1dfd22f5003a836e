"""YARA on the single read: the bytes already read for hashing are scanned, nothing is re-read.

A file up to ``window`` bytes is scanned as one buffer when its last chunk has arrived (so
``filesize`` and the ``md5`` external are the file's own). A larger file is scanned in
windows of ``window`` bytes that overlap by ``overlap`` bytes, as its chunks arrive; matches
are merged by rule and string offsets are always relative to the file, so a large file is
never silently skipped. Caveat of windows: conditions on ``filesize`` or at fixed offsets
(``uint16(0) == 0x5A4D``) see the window, not the file; strings longer than the overlap that
straddle a window border are not seen.

A per-file time limit covers all windows of a file; a timeout or YARA error becomes a stored
warning on that file, and the matches found before it are kept.
"""

from __future__ import annotations

import time
from typing import Any

import yara

from ..model import FileResult, Hit, WarningKind, WarningRecord
from ..pipeline.analyzers import AnalyzerRun, FileInfo
from .rules import EXTERNALS, RuleSet

MAX_STRINGS = 10      # matched strings kept per hit
HEX_BYTES = 32        # of each matched string, shown as hex
TEXT_CONTEXT = 16     # bytes either side of a match in the text context
DEFAULT_OVERLAP = 1024 * 1024

# LOKI/THOR-style short file types (the 'filetype' external), from the first bytes.
_FILETYPES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"MZ", "EXE"), (0, b"\x7fELF", "ELF"), (0, b"\xcf\xfa\xed\xfe", "MACHO"), (0, b"\xce\xfa\xed\xfe", "MACHO"),
    (0, b"\xca\xfe\xba\xbe", "CLASS"), (0, b"PK\x03\x04", "ZIP"), (0, b"Rar!", "RAR"), (0, b"7z\xbc\xaf\x27\x1c", "7Z"),
    (0, b"\x1f\x8b", "GZIP"), (0, b"BZh", "BZIP2"), (0, b"\xfd7zXZ\x00", "XZ"), (0, b"MSCF", "CAB"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE"), (0, b"%PDF", "PDF"), (0, b"{\\rtf", "RTF"),
    (0, b"\xff\xd8\xff", "JPEG"), (0, b"\x89PNG", "PNG"), (0, b"GIF8", "GIF"), (0, b"BM", "BMP"),
    (0, b"L\x00\x00\x00\x01\x14\x02\x00", "LNK"), (0, b"ElfFile\x00", "EVTX"), (0, b"regf", "REGISTRY"),
    (0, b"SQLite format 3\x00", "SQLITE"), (0, b"MDMP", "MDMP"), (0, b"SCCA", "PF"), (0, b"MAM\x04", "PF"),
    (0, b"FWS", "SWF"), (0, b"CWS", "SWF"), (0, b"<?php", "PHP"), (0, b"#!", "SCRIPT"),
)


def loki_filetype(head: bytes) -> str:
    for offset, magic, name in _FILETYPES:
        if head[offset:offset + len(magic)] == magic:
            return name
    return "UNKNOWN"


def printable(data: bytes) -> str:
    return "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in data)


def externals_for(info: FileInfo, md5: str = "") -> dict[str, str]:
    path = info.path or "/" + info.name
    folder = path.rsplit("/", 1)[0] or "/"
    ext = "." + info.extension if info.extension else ""
    return {"filename": info.name, "filepath": folder, "extension": ext, "filetype": loki_filetype(info.head),
            "md5": md5, "owner": "", "mime": info.mime, "magic": info.magic}


def hit_strings(match: Any, buf: bytes, base: int, limit: int = MAX_STRINGS) -> list[dict[str, Any]]:
    """The first matched strings (each identifier's first instance first), offsets in the file."""
    instances: list[tuple[int, str, Any]] = []
    for sm in match.strings:
        for inst in sm.instances:
            instances.append((inst.offset, sm.identifier, inst))
    instances.sort(key=lambda t: (t[0], t[1]))
    firsts: dict[str, tuple[int, str, Any]] = {}
    for item in instances:
        firsts.setdefault(item[1], item)
    chosen = sorted(firsts.values(), key=lambda t: t[0])[:limit]
    for item in instances:
        if len(chosen) >= limit:
            break
        if item not in chosen:
            chosen.append(item)
    out = []
    for offset, identifier, inst in sorted(chosen, key=lambda t: (t[0], t[1])):
        data = bytes(inst.matched_data)
        length = int(inst.matched_length)
        ctx = buf[max(0, offset - TEXT_CONTEXT):offset + min(length, 64) + TEXT_CONTEXT]
        out.append({"identifier": identifier, "offset": base + offset, "length": length,
                    "hex": data[:HEX_BYTES].hex(), "text": printable(ctx)})
    return out


class _Run:
    def __init__(self, owner: YaraAnalyzer, info: FileInfo) -> None:
        self.owner = owner
        self.info = info
        self.parts: list[bytes] = []
        self.buffered = 0
        self.base = 0           # file offset of parts[0]
        self.expected = 0
        self.windows = 0
        self.hits: dict[tuple[str, str], Hit] = {}
        self.warnings: list[WarningRecord] = []
        self.deadline = time.monotonic() + owner.timeout
        self.stopped = False

    def feed(self, offset: int, data: bytes) -> None:
        if self.stopped:
            return
        if offset > self.expected:  # unreadable bytes: keep offsets true by scanning zeros there
            self._append(bytes(offset - self.expected))
        self._append(data)
        self.expected = offset + len(data)

    def _append(self, data: bytes) -> None:
        self.parts.append(data)
        self.buffered += len(data)
        window, overlap = self.owner.window, self.owner.overlap
        while self.buffered > window and not self.stopped:
            buf = b"".join(self.parts)
            self._scan(buf[:window], self.base)
            keep = window - overlap
            rest = buf[keep:]
            self.parts, self.buffered, self.base = [rest], len(rest), self.base + keep
            self.windows += 1

    def _scan(self, buf: bytes, base: int, md5: str = "") -> None:
        remaining = self.deadline - time.monotonic()
        where = f"bytes {base}-{base + len(buf) - 1}" if buf else "the empty file"
        if remaining <= 0:
            self._timeout(where)
            return
        try:
            matches = self.owner.ruleset.compiled.match(  # type: ignore[union-attr]
                data=buf, externals=externals_for(self.info, md5), timeout=max(1, int(remaining + 0.999)))
        except yara.TimeoutError:
            self._timeout(where)
            return
        except yara.Error as exc:
            self.warnings.append(WarningRecord(
                "yara", f"YARA could not scan {where} of this file: {exc}", str(self.info.locator), WarningKind.ERROR,
                details={"start": base, "length": len(buf)}))
            return
        for m in matches:
            key = (m.namespace, m.rule)
            strings = hit_strings(m, buf, base)
            hit = self.hits.get(key)
            if hit is None:
                self.hits[key] = Hit(m.rule, m.namespace, list(m.tags), dict(m.meta), strings,
                                     self.owner.ruleset.sha256)
            else:
                known = {(s["identifier"], s["offset"]) for s in hit.strings}
                extra = [s for s in strings if (s["identifier"], s["offset"]) not in known]
                hit.strings.extend(extra[:max(0, MAX_STRINGS - len(hit.strings))])

    def _timeout(self, where: str) -> None:
        self.stopped = True
        self.warnings.append(WarningRecord(
            "yara", f"YARA stopped at the per-file limit of {self.owner.timeout} s ({where} not fully scanned); "
            f"matches found before the limit are kept.", str(self.info.locator), WarningKind.TIMEOUT,
            details={"timeout_seconds": self.owner.timeout}))

    def finish(self, result: FileResult, complete: bool) -> None:
        if not self.stopped:
            if self.windows == 0:
                self._scan(b"".join(self.parts), 0, md5=result.md5 or "")
            elif self.buffered > self.owner.overlap:
                self._scan(b"".join(self.parts), self.base)
        self.parts = []
        result.hits.extend(self.hits.values())
        result.warnings.extend(self.warnings)


class YaraAnalyzer:
    """Scans every file stream with one compiled rule set (see the module docstring)."""

    name = "yara"

    def __init__(self, ruleset: RuleSet, window: int = 64 * 1024 * 1024, timeout: int = 60,
                 overlap: int = DEFAULT_OVERLAP) -> None:
        self.ruleset = ruleset
        self.window = max(window, 2 * 1024)
        self.overlap = min(overlap, self.window // 2)
        self.timeout = max(1, int(timeout))

    def describe(self) -> dict[str, object]:
        info: dict[str, object] = dict(self.ruleset.describe())
        info.update({"window_bytes": self.window, "overlap_bytes": self.overlap, "timeout_seconds": self.timeout,
                     "externals": sorted(EXTERNALS)})
        return info

    def start(self, info: FileInfo) -> AnalyzerRun | None:
        if self.ruleset.compiled is None:
            return None
        return _Run(self, info)


__all__ = ["YaraAnalyzer", "externals_for", "hit_strings", "loki_filetype"]
