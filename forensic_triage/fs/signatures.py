"""What a volume is when The Sleuth Kit opens no file system on it: signatures, described plainly.

Only called after TSK failed, so a match names a file system TSK could not read (and why, where
the boot sector says it: NTFS clusters over 64 KiB), or a container/encryption/compression format
this version does not read at all. Nothing here reads files; it only says what the bytes are.
"""

from __future__ import annotations

import dataclasses
import struct

SIGNATURE_BYTES = 0x10100  # enough for the Btrfs superblock magic at 0x10040


@dataclasses.dataclass(frozen=True, slots=True)
class Recognised:
    fs_type: str  # stored in volumes.fs_type, e.g. 'NTFS (unsupported)'
    note: str  # one sentence for the stored warning


def _human(size: int) -> str:
    for unit, factor in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def ntfs_cluster_size(boot: bytes) -> int | None:
    """Cluster size from an NTFS boot sector (sectors per cluster is a signed power of two above 0x80)."""
    if len(boot) < 0x0E:
        return None
    per_sector = int(struct.unpack_from("<H", boot, 0x0B)[0])
    code = boot[0x0D]
    per_cluster = 1 << (256 - code) if code > 0x80 else code
    if per_sector == 0 or per_cluster == 0:
        return None
    return per_sector * per_cluster


def _at(data: bytes, offset: int, magic: bytes) -> bool:
    return data[offset: offset + len(magic)] == magic


def recognise(data: bytes, offset: int) -> Recognised | None:
    """Name what ``data`` (the first bytes of a volume at byte ``offset`` of the media) is, or None."""
    where = f"at byte {offset}"
    return _windows_and_encrypted(data, where) or _other_file_systems(data, where) or _not_file_systems(data, where)


def _windows_and_encrypted(data: bytes, where: str) -> Recognised | None:
    if _at(data, 3, b"NTFS    "):
        cluster = ntfs_cluster_size(data)
        if cluster and cluster > 65536:
            why = f"cluster size {_human(cluster)} is not supported"
        else:
            why = "its boot sector or master file table may be damaged"
        return Recognised("NTFS (unsupported)", f"NTFS volume {where} could not be opened by The Sleuth Kit "
                                                f"({why}): its files are not listed.")
    if _at(data, 32, b"NXSB"):
        return Recognised("APFS (unsupported)", f"APFS container {where}: not supported by this version; its "
                                                "files are not listed.")
    if _at(data, 32, b"APSB"):
        return Recognised("APFS (unsupported)", f"APFS volume {where}: not supported by this version; its files "
                                                "are not listed.")
    if _at(data, 0, b"LUKS\xba\xbe"):
        return Recognised("LUKS (encrypted)", f"LUKS-encrypted volume {where}: its files cannot be listed "
                                              "without decrypting it (e.g. cryptsetup open with the passphrase, "
                                              "then image the opened device).")
    if _at(data, 3, b"-FVE-FS-"):
        return Recognised("BitLocker (encrypted)", f"BitLocker-encrypted volume {where}: its files cannot be "
                                                   "listed without decrypting it (e.g. dislocker with the "
                                                   "recovery key, then image the decrypted volume).")
    if _at(data, 3, b"EXFAT   "):
        return Recognised("exFAT (unsupported)", f"exFAT volume {where} could not be opened by The Sleuth Kit "
                                                 "(its boot region may be damaged): its files are not listed.")
    if _at(data, 54, b"FAT1") or _at(data, 82, b"FAT32   "):
        return Recognised("FAT (unsupported)", f"FAT volume {where} could not be opened by The Sleuth Kit "
                                               "(its boot sector may be damaged): its files are not listed.")
    return None


def _other_file_systems(data: bytes, where: str) -> Recognised | None:
    if _at(data, 1080, b"\x53\xef") and len(data) >= 1104 and struct.unpack_from("<I", data, 1048)[0] <= 6 \
            and struct.unpack_from("<I", data, 1100)[0] <= 1:
        return Recognised("ext (unsupported)", f"ext2/3/4 volume {where} could not be opened by The Sleuth Kit "
                                               "(an unsupported feature or a damaged superblock): its files are "
                                               "not listed.")
    if _at(data, 1024, b"H+\x00\x04") or _at(data, 1024, b"HX\x00\x05"):
        return Recognised("HFS+ (unsupported)", f"HFS+ volume {where} could not be opened by The Sleuth Kit "
                                                "(its volume header may be damaged): its files are not listed.")
    if _at(data, 3, b"ReFS\x00\x00\x00\x00"):
        return Recognised("ReFS (unsupported)", f"ReFS volume {where}: not supported by this version; its files "
                                                "are not listed.")
    if _at(data, 0, b"XFSB"):
        return Recognised("XFS (unsupported)", f"XFS volume {where}: not supported by this version; its files "
                                               "are not listed.")
    if _at(data, 0x10040, b"_BHRfS_M"):
        return Recognised("Btrfs (unsupported)", f"Btrfs volume {where}: not supported by this version; its files "
                                                 "are not listed.")
    if _at(data, 512, b"LABELONE") and _at(data, 512 + 24, b"LVM2 001"):
        return Recognised("LVM2 (unsupported)", f"LVM2 physical volume {where}: logical volumes are not "
                                                "supported by this version; their files are not listed.")
    return None


def _not_file_systems(data: bytes, where: str) -> Recognised | None:
    """Swap space, compressed files and archives given instead of an image."""
    if _at(data, 4086, b"SWAPSPACE2"):
        return Recognised("Linux swap", f"Linux swap space {where}: it holds no files (memory pages only).")
    if _at(data, 0, b"\x1f\x8b\x08"):
        return Recognised("gzip (compressed)", f"A gzip-compressed file {where}, not a file system: decompress it "
                                               "first, e.g. to a raw image (gunzip -k), and add that.")
    if _at(data, 0, b"\xfd7zXZ\x00"):
        return Recognised("xz (compressed)", f"An xz-compressed file {where}, not a file system: decompress it "
                                             "first (xz -dk) and add the raw image.")
    if _at(data, 0, b"BZh") and _at(data, 4, b"1AY&SY"):
        return Recognised("bzip2 (compressed)", f"A bzip2-compressed file {where}, not a file system: decompress "
                                                "it first (bunzip2 -k) and add the raw image.")
    if _at(data, 0, b"(\xb5/\xfd"):
        return Recognised("zstd (compressed)", f"A zstd-compressed file {where}, not a file system: decompress it "
                                               "first (zstd -d) and add the raw image.")
    if _at(data, 0, b"7z\xbc\xaf'\x1c"):
        return Recognised("7-Zip (archive)", f"A 7-Zip archive {where}, not a file system: extract the image "
                                             "from it first and add that.")
    return None
