"""Recognise an evidence container by its content (and find the segments of split sets)."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

from ..errors import EvidenceError, UnsupportedFormatError

EWF_SIGNATURES = (b"EVF\x09\x0d\x0a\xff\x00", b"EVF2\x0d\x0a\x81\x00")
LEF_SIGNATURES = (b"LVF\x09\x0d\x0a\xff\x00", b"LEF2\x0d\x0a\x81\x00")

# (format name, test on the first 4 KiB, test on the last 512 bytes)
# Virtual disks read through libyal (see .vdisk), by the signature at the start of the file.
_VDISK_HEAD: tuple[tuple[str, bytes], ...] = (
    ("vmdk", b"KDMV"),
    ("vmdk", b"# Disk DescriptorFile"),
    ("vhdx", b"vhdxfile"),
    ("vhd", b"conectix"),
    ("qcow", b"QFI\xfb"),
)

_UNSUPPORTED_HEAD: tuple[tuple[str, bytes, int], ...] = (
    ("AFF (Advanced Forensic Format)", b"AFF10\r\n\x00", 0),
    ("VDI (VirtualBox disk image)", b"<<< Oracle VM VirtualBox Disk Image >>>", 0),
    ("VDI (VirtualBox disk image)", b"<<< Sun VirtualBox Disk Image >>>", 0),
    ("AD1 (AccessData logical image)", b"ADSEGMENTEDFILE", 0),
)

_SPLIT_PATTERNS = (
    re.compile(r"^(?P<base>.*)\.(?P<num>\d{3})$"),          # .000 / .001 ...
    re.compile(r"^(?P<base>.*)\.(?P<alpha>[a-z]{2})$"),      # .aa / .ab ...
    re.compile(r"^(?P<base>.*)\.(?P<raw>raw|dd|img)\.?(?P<num2>\d{3})$"),
)


@dataclasses.dataclass(frozen=True, slots=True)
class Detected:
    format: str  # raw | splitraw | ewf | vhd | vhdx | vmdk | qcow
    segments: tuple[Path, ...]  # every container file; the one given first (virtual disks: extents, parents)


def _read_head_tail(path: Path) -> tuple[bytes, bytes, int]:
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError as exc:
        raise EvidenceError(f"The evidence file {path} does not exist.", hint="Check the path.") from exc
    except PermissionError as exc:
        raise EvidenceError(f"The evidence file {path} cannot be read: permission denied.") from exc
    except IsADirectoryError as exc:
        raise EvidenceError(f"{path} is a folder, not an image file.", hint="Choose the image's first segment.") from exc
    try:
        size = os.fstat(fd).st_size
        head = os.pread(fd, 4096, 0)
        tail = os.pread(fd, 512, max(0, size - 512)) if size >= 512 else b""
    finally:
        os.close(fd)
    return head, tail, size


def _alpha_number(suffix: str) -> int:
    return (ord(suffix[0]) - 97) * 26 + ord(suffix[1]) - 97


def split_segments(path: Path) -> tuple[Path, ...] | None:
    """All segments of a split raw set given any one of them, in order; None if not split.

    A set with a gap in its numbering, or one whose first segment is missing, is refused: joined
    as found, every byte after the gap would be at the wrong offset.
    """
    name = path.name
    for pattern in _SPLIT_PATTERNS:
        match = pattern.match(name)
        if not match:
            continue
        groups = match.groupdict()
        folder = path.parent
        numbers: list[int]
        first_allowed: tuple[int, ...]
        if groups.get("alpha"):
            base = groups["base"]
            found = {_alpha_number(p.name[-2:]): p for p in folder.iterdir()
                     if re.fullmatch(re.escape(base) + r"\.[a-z]{2}", p.name)}
            # Two-letter suffixes are also ordinary extensions (.dd, .gz): a set is the run aa, ab, ...
            # only, and the file given must belong to it.
            run = 0
            while run in found:
                run += 1
            candidates = [found[i] for i in range(run)]
            if path.name not in {p.name for p in candidates} or len(candidates) < 2:
                return None
            after = next((found[i] for i in range(run + 1, run + 4) if i in found), None)
            if after is not None:
                raise EvidenceError(
                    f"The split image set of {path.name} has a gap: segment(s) between {candidates[-1].name} and "
                    f"{after.name} are missing, so every byte after the gap would be read at the wrong offset; it "
                    "was not added.",
                    hint="Find the missing segment(s), put them in the same folder and add the set again.",
                )
            numbers = list(range(run))
            first_allowed = (0,)
        else:
            digits = groups.get("num") or groups.get("num2") or ""
            prefix = name[: len(name) - len(digits)]
            candidates = sorted(
                p for p in folder.iterdir()
                if p.name.startswith(prefix) and re.fullmatch(r"\d{3}", p.name[len(prefix):])
            )
            numbers = [int(p.name[len(prefix):]) for p in candidates]
            first_allowed = (0, 1)
        if len(candidates) < 2:
            if candidates and numbers[0] not in first_allowed:
                raise EvidenceError(
                    f"{path} looks like segment {path.name} of a split image whose earlier segments are missing.",
                    hint="Put every segment of the set in the same folder and add its first segment.",
                )
            return None
        _check_contiguous(path, candidates, numbers, first_allowed)
        return tuple(candidates)
    return None


def _check_contiguous(path: Path, candidates: list[Path], numbers: list[int], first_allowed: tuple[int, ...]) -> None:
    if numbers[0] not in first_allowed:
        raise EvidenceError(
            f"The split image set of {path.name} starts at {candidates[0].name}: its first segment(s) are missing, "
            "so every byte would be read at the wrong offset.",
            hint="Put every segment of the set in the same folder and add it again.",
        )
    for before, after, a, b in zip(numbers, numbers[1:], candidates, candidates[1:], strict=False):
        if after != before + 1:
            missing = after - before - 1
            raise EvidenceError(
                f"The split image set of {path.name} has a gap: {missing} segment(s) between {a.name} and {b.name} "
                "are missing, so every byte after the gap would be read at the wrong offset; it was not added.",
                hint="Find the missing segment(s), put them in the same folder and add the set again.",
            )


def virtual_disk_files(path: Path, fmt: str) -> tuple[Path, ...]:
    """Every file of a virtual disk (descriptor, extents, parents), found by opening it; a missing
    one is a clear :class:`EvidenceError` naming it."""
    from .vdisk import VirtualDisk

    disk = VirtualDisk(path, fmt)
    try:
        return disk.segments
    finally:
        disk.close()


def detect(path: str | os.PathLike[str]) -> Detected:
    """Decide what an evidence file is from its bytes; raise a clear error otherwise."""
    p = Path(path)
    head, tail, size = _read_head_tail(p)
    if size == 0:
        raise EvidenceError(f"The evidence file {p} is empty (0 bytes).", hint="Check that the copy is complete.")
    if head.startswith(EWF_SIGNATURES):
        import pyewf

        segments = tuple(Path(s) for s in pyewf.glob(str(p)))
        return Detected("ewf", segments or (p,))
    if head.startswith(LEF_SIGNATURES):
        raise UnsupportedFormatError(
            f"{p} is an EWF logical evidence file (L01/Lx01), which holds files, not a disk image.",
            hint="Open the files it contains with the tool that made it, or acquire a physical image.",
        )
    vdisk = next((fmt for fmt, magic in _VDISK_HEAD if head.startswith(magic)), None)
    if vdisk is None and tail.startswith(b"conectix"):
        vdisk = "vhd"  # a fixed VHD: the footer only, at the end
    if vdisk is not None:
        return Detected(vdisk, virtual_disk_files(p, vdisk))
    for fmt, magic, _ in _UNSUPPORTED_HEAD:
        if head.startswith(magic):
            raise UnsupportedFormatError(
                f"{p} is a {fmt}; this version reads raw/dd, split raw, EWF (E01), VHD/VHDX, VMDK and QCOW images.",
                hint="Convert it to raw or E01 (e.g. qemu-img convert -O raw, or ewfacquire) and add that.",
            )
    if tail.startswith(b"koly"):
        raise UnsupportedFormatError(
            f"{p} is an Apple disk image (DMG); this version reads raw/dd, split raw, EWF and virtual disks (VHD, VHDX, VMDK, QCOW) only.",
            hint="Convert it to raw and add that.",
        )
    split = split_segments(p)
    if split:
        return Detected("splitraw", split)
    return Detected("raw", (p,))
