"""Partition tables and file systems: what is on the media, recorded at intake."""

from __future__ import annotations

import dataclasses

import pytsk3

from ..evidence.images import EwfMedia, RawMedia, TskImage
from ..store import CaseStore


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
    status: str  # pending (has a file system) | no-fs | unallocated | meta


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


def _probe_fs(img: TskImage, offset: int) -> tuple[str | None, int | None, str | None]:
    try:
        fs = pytsk3.FS_Info(img, offset=offset)
    except (OSError, RuntimeError):
        return None, None, None
    label = None
    return fs_type_name(fs), int(fs.info.block_size), label


def scan_volumes(media: RawMedia | EwfMedia) -> tuple[str | None, list[VolumeInfo]]:
    """The partition table type (or None) and every partition with its file system, if any."""
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
            fs_type, bsize, label = _probe_fs(img, offset)
            volumes.append(VolumeInfo(int(part.addr), offset, length, desc, vs_type, fs_type, bsize, label,
                                      "pending" if fs_type else "no-fs"))
        if any(v.fs_type for v in volumes) or any(v.status == "no-fs" for v in volumes):
            return vs_type, volumes
    # No partition table (or one with nothing in it): a file system on the whole media?
    fs_type, bsize, label = _probe_fs(img, 0)
    whole = VolumeInfo(None, 0, media.size, "whole media", None, fs_type, bsize, label,
                       "pending" if fs_type else "no-fs")
    return vs_type, volumes + [whole] if volumes else [whole]


def record_volumes(store: CaseStore, evidence_id: int, uid: str, media: RawMedia | EwfMedia) -> list[VolumeInfo]:
    """List and record the partitions and file systems, probed in a child process (see fs.probe)."""
    from .probe import probe_volumes

    vs_type, volumes, problem = probe_volumes(str(media.segments[0]))
    with store.transaction() as conn:
        if problem:
            store.add_warning(conn, source="fs.volumes", evidence_id=evidence_id, kind="crash",
                              message=f"Evidence item {uid}: {problem}")
        conn.execute("UPDATE evidence SET volume_system=? WHERE id=?", (vs_type, evidence_id))
        for v in volumes:
            conn.execute(
                "INSERT OR IGNORE INTO volumes(evidence_id, addr, offset, length, description, vs_type, fs_type,"
                " block_size, label, fs_status) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (evidence_id, v.addr, v.offset, v.length, v.description, v.vs_type, v.fs_type, v.block_size,
                 v.label, v.status),
            )
        for v in volumes:
            if v.offset + v.length > media.size:
                missing = v.offset + v.length - media.size
                store.add_warning(conn, source="fs.volumes", evidence_id=evidence_id, kind="warning",
                                  message=f"Partition at byte {v.offset} of evidence item {uid} extends {missing} bytes "
                                          f"past the end of the image: the image may be truncated; data there "
                                          f"cannot be read.")
        if not any(v.fs_type for v in volumes):
            store.add_warning(conn, source="fs.volumes", evidence_id=evidence_id, kind="unsupported",
                              message=f"No file system that this tool can read was found on evidence item {uid}; "
                                      "its media was hashed and its partitions listed.")
    return volumes
