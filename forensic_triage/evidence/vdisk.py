"""Virtual disks as evidence containers: VHD/VHDX (pyvhdi), VMDK (pyvmdk), QCOW/QCOW2 (pyqcow).

Every file of a disk (a VMDK descriptor and each of its extents, each parent or backing file of
a differencing chain) is opened read-only by us (``os.open(path, O_RDONLY)``) and handed to the
library as a file object; the libraries never open a file themselves. A parent is looked for next
to its child under the name the child records, and must carry the identifier the child records.
"""

from __future__ import annotations

import os
import struct
import threading
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, BinaryIO

from ..errors import EvidenceError

FORMATS = ("vhd", "vhdx", "vmdk", "qcow")
_NAMES = {"vhd": "VHD", "vhdx": "VHDX", "vmdk": "VMDK", "qcow": "QCOW"}
_VHD_TYPES = {2: "fixed", 3: "dynamic", 4: "differencing"}
_VMDK_TYPES = {1: "twoGbMaxExtentFlat", 2: "twoGbMaxExtentSparse", 3: "custom", 4: "device",
               5: "partitionedDevice", 6: "monolithicFlat", 7: "monolithicSparse", 8: "streamOptimized",
               9: "vmfs", 10: "vmfsPreallocated", 11: "vmfsEagerZeroedThick", 12: "vmfsRaw", 13: "vmfsRDM",
               14: "vmfsRDMP", 15: "vmfsSparse", 16: "vmfsThin"}
_EXTENT_TYPES = {1: "FLAT", 2: "SPARSE", 3: "VMFS_FLAT", 4: "VMFS_SPARSE", 5: "VMFS_RAW", 6: "VMFS_RDM", 7: "ZERO"}
_MAX_CHAIN = 64


def _ro(path: Path) -> BinaryIO:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOATIME", 0))
    except PermissionError:
        fd = os.open(path, os.O_RDONLY)
    return os.fdopen(fd, "rb")


def _candidates(child: Path, recorded: str) -> list[Path]:
    """Where a file the child names is looked for: next to the child under the recorded name's last
    component, then (a relative name) under the recorded path from the child's folder. An absolute
    recorded path is not followed: it names a place on the machine that made the image."""
    windows = "\\" in recorded or PureWindowsPath(recorded).drive != ""
    found = [child.parent / (PureWindowsPath(recorded).name if windows else PurePosixPath(recorded).name)]
    if not windows and not PurePosixPath(recorded).is_absolute() and len(PurePosixPath(recorded).parts) > 1:
        found.append(child.parent / recorded)
    return found


def _locate(child: Path, recorded: str, what: str) -> Path:
    places = _candidates(child, recorded)
    for p in places:
        if p.is_file():
            return p
    raise EvidenceError(
        f"{child.name} needs its {what} {recorded!r}, which was not found (looked for "
        f"{' and '.join(str(p) for p in places)}); the disk cannot be read without it.",
        hint=f"Put {places[0].name} next to {child.name} and add the evidence again.")


def _reason(exc: BaseException) -> str:
    """The libyal error's most specific sentence, without the function names."""
    parts = [p.split(": ", 1)[-1].strip(" .") for p in str(exc).split(". ")]
    return next((p for p in parts if p and not p.startswith("unable to")), parts[-1] if parts else "")


def _libyal_error(path: Path, fmt: str, exc: BaseException) -> EvidenceError:
    return EvidenceError(f"The {_NAMES[fmt]} file {path} cannot be opened: it is damaged, truncated or not a "
                         f"{_NAMES[fmt]} ({_reason(exc)}).",
                         hint="Check the copy against the original; if the program that made it still reads it, "
                              "convert it to raw with that program or qemu-img convert -O raw and add that.")


def _set_parent(handle: Any, parent: Any, child: Path, parent_path: Path) -> None:
    try:
        handle.set_parent(parent)
    except OSError as exc:
        raise EvidenceError(f"{parent_path} cannot serve as the parent of {child.name} ({_reason(exc)}).",
                            hint="Find the parent disk the child was made from, as it was then.") from exc


class VirtualDisk:
    """The virtual disk of a VHD/VHDX, VMDK or QCOW file with all its extents and parents, read-only."""

    def __init__(self, path: Path, fmt: str) -> None:
        if fmt not in FORMATS:
            raise EvidenceError(f"{path}: unknown virtual disk format {fmt}.")
        self.format = fmt
        self.sector_size = 512
        self._files: list[BinaryIO] = []
        self._paths: list[Path] = []
        self._handles: list[Any] = []
        self._lock = threading.Lock()
        chain: list[dict[str, Any]] = []
        try:
            opener = {"vhd": self._open_vhdi, "vhdx": self._open_vhdi, "vmdk": self._open_vmdk,
                      "qcow": self._open_qcow}[fmt]
            self._handle = opener(path, chain)
            self.size = int(self._handle.get_media_size())
        except BaseException:
            self.close()
            raise
        self.segments = tuple(self._paths)
        top = {k: v for k, v in chain[0].items() if k not in ("file", "media_size")}
        self.details: dict[str, Any] = {"virtual_size": self.size, **top}
        if len(chain) > 1:
            self.details["chain"] = chain

    # -- opening -----------------------------------------------------------------------------

    def _file(self, path: Path) -> BinaryIO:
        real = path.resolve()
        if real in self._paths:
            raise EvidenceError(f"{path} names itself (or a file of its own chain) as its parent; the chain loops.")
        try:
            f = _ro(real)
        except OSError as exc:
            raise EvidenceError(f"Cannot open the container file {path}: {exc.strerror}.") from exc
        self._files.append(f)
        self._paths.append(real)
        return f

    def _disk_file(self, path: Path, chain: list[dict[str, Any]]) -> BinaryIO:
        """The file of one disk of the chain (child first), opened read-only."""
        if len(chain) >= _MAX_CHAIN:
            raise EvidenceError(f"{path}: the chain of parent disks is longer than {_MAX_CHAIN}; refused.")
        return self._file(path)

    def _open_vhdi(self, path: Path, chain: list[dict[str, Any]]) -> Any:
        import pyvhdi

        fobj = self._disk_file(path, chain)
        vhdx = fobj.read(8) == b"vhdxfile"
        fobj.seek(0)
        handle = pyvhdi.file()
        try:
            handle.open_file_object(fobj)
        except OSError as exc:
            raise _libyal_error(path, self.format, exc) from exc
        self._handles.append(handle)
        kind = int(handle.get_disk_type())
        entry: dict[str, Any] = {
            "file": str(path.resolve()), "format": "VHDX" if vhdx else "VHD",
            "format_version": str(handle.get_format_version()),
            "disk_type": _VHD_TYPES.get(kind, str(kind)), "identifier": str(handle.get_identifier()),
            "media_size": int(handle.get_media_size())}
        if len(self._paths) == 1:
            self.sector_size = int(handle.get_bytes_per_sector() or 512)
        chain.append(entry)
        if kind == 4:
            recorded = str(handle.get_parent_filename() or "")
            wanted = str(handle.get_parent_identifier() or "")
            entry.update(parent_filename=recorded, parent_identifier=wanted)
            if not recorded:
                raise EvidenceError(f"The differencing disk {path} does not name its parent; it cannot be read.")
            parent_path = _locate(path, recorded, "parent disk")
            parent = self._open_vhdi(parent_path, chain)
            got = str(parent.get_identifier())
            if wanted and got.lower() != wanted.lower():
                raise EvidenceError(
                    f"{parent_path} is not the parent of {path.name}: its identifier is {got}, the child "
                    f"records {wanted}.", hint="Find the right parent disk (the one the child was made from).")
            _set_parent(handle, parent, path, parent_path)
        return handle

    def _open_vmdk(self, path: Path, chain: list[dict[str, Any]]) -> Any:
        import pyvmdk

        fobj = self._disk_file(path, chain)
        head = fobj.read(36)
        sparse = head.startswith(b"KDMV")
        embedded = False  # a sparse file's own descriptor (monolithic sparse); an extent of a split disk has none
        if sparse and len(head) == 36:
            fobj.seek(struct.unpack_from("<Q", head, 28)[0] * 512)
            embedded = fobj.read(21) == b"# Disk DescriptorFile"
        fobj.seek(0)
        if sparse and not embedded:
            raise EvidenceError(
                f"{path} is an extent of a VMDK disk, not the disk itself: it holds no descriptor.",
                hint="Add the disk's descriptor (the small .vmdk text file that names this extent), with every "
                     "extent next to it.")
        handle = pyvmdk.handle()
        try:
            handle.open_file_object(fobj)
        except OSError as exc:
            raise _libyal_error(path, "vmdk", exc) from exc
        self._handles.append(handle)
        extents = list(handle.extent_descriptors)
        kind = int(handle.get_disk_type())
        entry: dict[str, Any] = {
            "file": str(path.resolve()), "format": "VMDK", "disk_type": _VMDK_TYPES.get(kind, str(kind)),
            "content_identifier": f"{int(handle.get_content_identifier()):08x}",
            "media_size": int(handle.get_media_size()), "extents": []}
        chain.append(entry)
        extent_files = []
        for ext in extents:
            name = ext.get_filename()
            etype = int(ext.get_type())
            item = {"file": name or "", "type": _EXTENT_TYPES.get(etype, str(etype)), "offset": int(ext.get_offset()),
                    "size": int(ext.get_size())}
            if name:
                if sparse and len(extents) == 1:
                    located = path  # monolithic sparse: the descriptor lives in the extent itself
                else:
                    located = _locate(path, name, "extent file")
                item["file"] = str(located.resolve())
                extent_files.append(fobj if located == path else self._file(located))
            entry["extents"].append(item)
        try:
            handle.open_extent_data_files_as_file_objects(extent_files)
        except OSError as exc:
            raise _libyal_error(path, "vmdk", exc) from exc
        parent_cid = int(handle.get_parent_content_identifier())
        recorded = handle.get_parent_filename()
        if recorded and parent_cid != 0xFFFFFFFF:
            entry.update(parent_filename=str(recorded), parent_content_identifier=f"{parent_cid:08x}")
            parent_path = _locate(path, str(recorded), "parent disk")
            parent = self._open_vmdk(parent_path, chain)
            got = int(parent.get_content_identifier())
            if got != parent_cid:
                raise EvidenceError(
                    f"{parent_path} does not match {path.name}: its content identifier is {got:08x}, the child "
                    f"records {parent_cid:08x} (the parent changed after the child was made, or it is another disk).",
                    hint="Find the parent disk as it was when the child was made.")
            _set_parent(handle, parent, path, parent_path)
        return handle

    def _open_qcow(self, path: Path, chain: list[dict[str, Any]]) -> Any:
        import pyqcow

        fobj = self._disk_file(path, chain)
        head = fobj.read(104)
        fobj.seek(0)
        if chain and not head.startswith(b"QFI\xfb"):
            raise EvidenceError(f"The backing file {path} of {Path(chain[-1]['file']).name} is not a QCOW image; "
                                "this version reads QCOW chains whose backing files are QCOW images.",
                                hint="Convert the chain to one image (qemu-img convert -O raw) and add that.")
        handle = pyqcow.file()
        try:
            handle.open_file_object(fobj)
        except OSError as exc:
            raise _libyal_error(path, "qcow", exc) from exc
        self._handles.append(handle)
        version = struct.unpack_from(">I", head, 4)[0] if len(head) >= 8 else 0
        if version == 1:
            cluster_bits = head[32] if len(head) > 32 else 0
        else:
            cluster_bits = struct.unpack_from(">I", head, 20)[0] if len(head) >= 24 else 0
        entry: dict[str, Any] = {"file": str(path.resolve()), "format": "QCOW" if version == 1 else "QCOW2",
                                 "version": version, "cluster_size": 1 << cluster_bits if cluster_bits < 32 else 0,
                                 "media_size": int(handle.get_media_size())}
        chain.append(entry)
        if handle.is_locked():
            raise EvidenceError(f"{path} is an encrypted QCOW image; this version does not read encrypted QCOW.",
                                hint="Decrypt it with qemu-img convert and add the result.")
        recorded = handle.get_backing_filename()
        if recorded:
            entry["backing_file"] = str(recorded)
            parent_path = _locate(path, str(recorded), "backing file")
            _set_parent(handle, self._open_qcow(parent_path, chain), path, parent_path)
        return handle

    # -- reading -----------------------------------------------------------------------------

    def read(self, offset: int, length: int) -> bytes:
        if offset < 0:
            raise EvidenceError(f"Negative read offset {offset}.")
        if offset >= self.size or length <= 0:
            return b""
        length = min(length, self.size - offset)
        with self._lock:
            try:
                return bytes(self._handle.read_buffer_at_offset(length, offset))
            except OSError as exc:
                raise EvidenceError(
                    f"The {_NAMES[self.format]} disk {self.segments[0]} cannot be read at byte {offset}: a file of "
                    "it is damaged or truncated.",
                    hint=f"Check the copies against the originals ({_reason(exc)}).") from exc

    def close(self) -> None:
        for handle in reversed(getattr(self, "_handles", [])):
            try:
                handle.close()
            except OSError:
                pass
        self._handles = []
        for f in getattr(self, "_files", []):
            f.close()
        self._files = []
