"""Partition tables and file systems: what is on the media, listed at intake.

Listing and checking only: the intake job (:mod:`forensic_triage.jobs.intake`) probes in a child
process (:mod:`.probe`, which imports this module; this module never imports it) and records the
listing through ``store.evidence``."""

from __future__ import annotations

import dataclasses
import struct
from pathlib import Path
from typing import Any

import pytsk3

from ..evidence.images import AnyMedia, TskImage
from .layers import DISCOVERY, load
from .signatures import SIGNATURE_BYTES, recognise


@dataclasses.dataclass(slots=True)
class VolumeInfo:
    addr: int | None
    offset: int
    length: int
    description: str
    vs_type: str | None
    fs_type: str | None
    block_size: int | None
    label: str | None
    status: str  # pending (has a file system) | no-fs | unallocated | meta | error (recognised, not readable)
    fs_size: int | None = None  # bytes the file system says it spans (not stored; checked against the image)
    note: str | None = None  # why a recognised file system or container cannot be read (a stored warning)
    # Layers (format 5, see fs.layers): the Locator.layer of the files on this volume, '' | 'locked' |
    # 'unlocked', what the layer says of itself (JSON-able), and the layer of the volume at the same
    # offset and slot it was opened from (None: none).
    layer: str = ""
    lock_state: str = ""
    details: dict[str, Any] = dataclasses.field(default_factory=dict)
    parent_layer: str | None = None


def _enum_names(prefix: str) -> dict[int, str]:
    names: dict[int, str] = {}
    for attr in dir(pytsk3):
        if attr.startswith(prefix) and not attr.endswith(("_DETECT", "_MASK", "_UNSUPP")):
            value = getattr(pytsk3, attr)
            try:
                names.setdefault(int(value), attr[len(prefix):])
            except (TypeError, ValueError):
                continue
    return names


_FS_NAMES = _enum_names("TSK_FS_TYPE_")
_VS_NAMES = _enum_names("TSK_VS_TYPE_")


def fs_type_name(fs: pytsk3.FS_Info) -> str:
    name = _FS_NAMES.get(int(fs.info.ftype), str(fs.info.ftype))
    mapping = {"NTFS": "NTFS", "FAT12": "FAT12", "FAT16": "FAT16", "FAT32": "FAT32", "EXFAT": "exFAT",
               "EXT2": "ext2", "EXT3": "ext3", "EXT4": "ext4", "HFS": "HFS+", "ISO9660": "ISO9660",
               "UFS1": "UFS1", "UFS2": "UFS2", "YAFFS2": "YAFFS2", "FFS1": "UFS1", "FFS2": "UFS2"}
    return mapping.get(name, name)


def _probe_fs(img: TskImage, offset: int) -> tuple[str | None, int | None, str | None, int | None]:
    try:
        fs = pytsk3.FS_Info(img, offset=offset)
    except (OSError, RuntimeError):
        return None, None, None, None
    label = None
    block_size = int(fs.info.block_size)
    try:
        fs_size: int | None = int(fs.info.block_count) * block_size
    except (AttributeError, TypeError, ValueError):
        fs_size = None
    return fs_type_name(fs), block_size, label, fs_size


def _volume(img: TskImage, addr: int | None, offset: int, length: int, desc: str,
            vs_type: str | None) -> VolumeInfo:
    fs_type, bsize, label, fs_size = _probe_fs(img, offset)
    if fs_type:
        return VolumeInfo(addr, offset, length, desc, vs_type, fs_type, bsize, label, "pending", fs_size)
    found = recognise(img.read(offset, SIGNATURE_BYTES), offset)
    if found is None:
        return VolumeInfo(addr, offset, length, desc, vs_type, None, None, None, "no-fs")
    return VolumeInfo(addr, offset, length, desc, vs_type, found.fs_type, None, None, "error", None, found.note)


def _only_gpt_guard(volumes: list[VolumeInfo]) -> bool:
    """TSK fell back to the protective MBR of a GPT disk it refused (e.g. truncated)."""
    used = [v for v in volumes if v.status != "unallocated"]
    return bool(used) and all("0xee" in v.description.lower() for v in used)


def _direct_table(media: AnyMedia) -> tuple[str, list[tuple[int, int, int, str]]] | None:
    """The GPT or MBR partitions read straight from the first sectors, for when The Sleuth Kit
    refuses a table (it does when a partition starts past the end of a truncated image)."""
    for sector in (512, 4096):
        header = media.read(sector, 92)
        if len(header) == 92 and header[:8] == b"EFI PART":
            entries_lba, count, size = struct.unpack_from("<QII", header, 72)
            if not 0 < count <= 1024 or not 128 <= size <= 4096:
                return None
            table = media.read(entries_lba * sector, count * size)
            parts = []
            for i in range(len(table) // size):
                entry = table[i * size: (i + 1) * size]
                if entry[:16] == bytes(16):
                    continue
                first, last = struct.unpack_from("<QQ", entry, 32)
                if last < first:
                    continue
                name = entry[56:128].decode("utf-16-le", "replace").split("\0")[0] or "GPT partition"
                parts.append((i, first * sector, (last - first + 1) * sector, name))
            return ("GPT", parts) if parts else None
    mbr = media.read(0, 512)
    if len(mbr) < 512 or mbr[510:512] != b"\x55\xaa":
        return None
    parts = []
    for i in range(4):
        entry = mbr[446 + 16 * i: 462 + 16 * i]
        kind = entry[4]
        start, sectors = struct.unpack_from("<II", entry, 8)
        if entry[0] not in (0x00, 0x80) or not kind or not sectors:
            if entry[0] not in (0x00, 0x80):
                return None  # not a partition table (boot code or a file system's boot sector)
            continue
        parts.append((i, start * 512, sectors * 512, f"DOS partition type 0x{kind:02x}"))
    return ("DOS", parts) if parts else None


def _scan_partitions(media: AnyMedia) -> tuple[str | None, list[VolumeInfo]]:
    """The partition table type (or None) and every partition with its file system, if any.

    Where The Sleuth Kit opens no file system, the volume's first bytes are matched against
    known signatures (:func:`fs.signatures.recognise`), so that an NTFS volume TSK cannot open,
    an APFS container or an encrypted volume is named, with the reason, instead of "no file system".
    """
    img = TskImage(media)
    volumes: list[VolumeInfo] = []
    vs_type: str | None = None
    try:
        vs = pytsk3.Volume_Info(img)
    except (OSError, RuntimeError):
        vs = None
    if vs is not None:
        vs_type = _VS_NAMES.get(int(vs.info.vstype), str(vs.info.vstype))
        block = int(vs.info.block_size)
        for part in vs:
            desc = part.desc.decode("utf-8", "replace") if isinstance(part.desc, bytes) else str(part.desc)
            offset, length = int(part.start) * block, int(part.len) * block
            flags = int(part.flags)
            if flags & pytsk3.TSK_VS_PART_FLAG_META:
                continue
            if flags & pytsk3.TSK_VS_PART_FLAG_UNALLOC:
                volumes.append(VolumeInfo(int(part.addr), offset, length, desc, vs_type, None, None, None,
                                          "unallocated"))
                continue
            volumes.append(_volume(img, int(part.addr), offset, length, desc, vs_type))
        if any(v.status != "unallocated" for v in volumes) and not _only_gpt_guard(volumes):
            return vs_type, volumes
    direct = _direct_table(media)
    if direct is not None:
        vs_type, parts = direct
        volumes = []
        for addr, offset, length, desc in parts:
            desc = f"{desc} [read directly: The Sleuth Kit refused the table]"
            if offset >= media.size:
                volumes.append(VolumeInfo(addr, offset, length, desc, vs_type, None, None, None, "error"))
            else:
                volumes.append(_volume(img, addr, offset, length, desc, vs_type))
        return vs_type, volumes
    # No partition table (or one with nothing in it): a file system on the whole media?
    whole = _volume(img, None, 0, media.size, "whole media", None)
    return vs_type, volumes + [whole] if volumes else [whole]


def scan_volumes(media: AnyMedia) -> tuple[str | None, list[VolumeInfo]]:
    """The partition table type (or None) and every volume: each partition with its file system,
    if any, then what the layer discovery hooks (:data:`fs.layers.DISCOVERY`) find on them —
    shadow copies, encrypted volumes (listed as locked), APFS volumes."""
    vs_type, volumes = _scan_partitions(media)
    for ref in DISCOVERY:
        volumes = load(ref)(media, volumes)
    return vs_type, volumes


Warning = tuple[str, str, dict[str, Any]]  # (kind, message, details), stored with source 'fs.volumes'


def _gpt_claimed_end(media: AnyMedia) -> tuple[int, int] | None:
    """(sector size, bytes) the disk must span for the primary GPT header's backup header to fit."""
    for sector in (512, 4096):
        header = media.read(sector, 92)
        if len(header) == 92 and header[:8] == b"EFI PART":
            backup_lba = struct.unpack_from("<Q", header, 32)[0]
            return sector, (backup_lba + 1) * sector
    return None


def check_volumes(media: AnyMedia, uid: str, vs_type: str | None, volumes: list[VolumeInfo],
                  problem: str | None, segments: tuple[Path, ...] = ()) -> list[Warning]:
    """Every warning the listing gives: the probe's failure, a partition table or file system that
    claims more bytes than the image holds (truncated, or a split set missing its last segments),
    file systems recognised but not readable, and media with no readable file system."""
    warnings: list[Warning] = []
    if problem:
        warnings.append(("crash", f"Evidence item {uid}: {problem}", {}))
    end = media.size
    split_hint = ""
    if len(segments) > 1:
        split_hint = (f" This split set ends with {segments[-1].name}; if later segments exist, put them in the "
                      "same folder and add the set again.")
    truncated = False
    numbered = [v for v in volumes if v.status != "unallocated" and v.addr is not None]
    for v in volumes:
        claimed = v.offset + v.length
        if claimed > end and v.status != "unallocated":
            truncated = True
            name = (f"partition {numbered.index(v) + 1} ({v.description}, at byte {v.offset})" if v in numbered
                    else f"the volume at byte {v.offset}")
            warnings.append(("warning",
                             f"Evidence item {uid}: the image ends at byte {end} but {name} "
                             f"claims to end at byte {claimed}: the image is truncated or incomplete; the last "
                             f"{claimed - end} bytes of it lie past the end of the image and cannot be read."
                             + split_hint,
                             {"image_end": end, "claimed_end": claimed, "partition": v.addr, "offset": v.offset}))
    for v in volumes:
        if v.fs_size and v.status == "pending" and v.offset + v.fs_size > end and not truncated:
            truncated = True
            warnings.append(("warning",
                             f"Evidence item {uid}: the image ends at byte {end} but the {v.fs_type} file system at "
                             f"byte {v.offset} claims to end at byte {v.offset + v.fs_size}: the image is truncated "
                             f"or incomplete; data past the end of the image cannot be read." + split_hint,
                             {"image_end": end, "claimed_end": v.offset + v.fs_size, "offset": v.offset}))
    if vs_type and "gpt" in vs_type.lower() and not truncated:
        gpt = _gpt_claimed_end(media)
        if gpt and gpt[1] > end:
            warnings.append(("warning",
                             f"Evidence item {uid}: the image ends at byte {end} but its GPT partition table says "
                             f"the disk ends at byte {gpt[1]} (backup table at sector {gpt[1] // gpt[0] - 1}): the "
                             "image is truncated or incomplete." + split_hint,
                             {"image_end": end, "claimed_end": gpt[1]}))
    for v in volumes:
        if v.note:
            warnings.append(("unsupported", f"Evidence item {uid}: {v.note}",
                             {"offset": v.offset, "fs_type": v.fs_type}))
    if not any(v.status == "pending" for v in volumes) and not any(v.note for v in volumes) and not problem:
        warnings.append(("unsupported", f"No file system that this tool can read was found on evidence item {uid}; "
                                        "its media was hashed and its partitions listed.", {}))
    return warnings
