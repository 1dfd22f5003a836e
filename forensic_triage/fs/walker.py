"""Walk every entry of a file system, allocated and deleted, orphans and NTFS streams included."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytsk3

from ..model import NO_DATA_STREAM, NO_META, FileEntry, Locator
from ..timeutil import BASIS_LOCAL, BASIS_UTC, unix_iso

_META_TYPES = {
    pytsk3.TSK_FS_META_TYPE_REG: "file",
    pytsk3.TSK_FS_META_TYPE_DIR: "dir",
    pytsk3.TSK_FS_META_TYPE_LNK: "link",
    pytsk3.TSK_FS_META_TYPE_VIRT: "virtual",
    pytsk3.TSK_FS_META_TYPE_VIRT_DIR: "virtual",
    pytsk3.TSK_FS_META_TYPE_FIFO: "other",
    pytsk3.TSK_FS_META_TYPE_CHR: "other",
    pytsk3.TSK_FS_META_TYPE_BLK: "other",
    pytsk3.TSK_FS_META_TYPE_SOCK: "other",
}
_NAME_TYPES = {
    pytsk3.TSK_FS_NAME_TYPE_REG: "file",
    pytsk3.TSK_FS_NAME_TYPE_DIR: "dir",
    pytsk3.TSK_FS_NAME_TYPE_LNK: "link",
    pytsk3.TSK_FS_NAME_TYPE_VIRT: "virtual",
    pytsk3.TSK_FS_NAME_TYPE_VIRT_DIR: "virtual",
}
_DATA_TYPES = {pytsk3.TSK_FS_ATTR_TYPE_DEFAULT, pytsk3.TSK_FS_ATTR_TYPE_NTFS_DATA, pytsk3.TSK_FS_ATTR_TYPE_HFS_DATA}
MAX_DEPTH = 256
_NTFS_BADCLUS = 8  # MFT entry of $BadClus
_NTFS_INDEX_ROOT, _NTFS_INDEX_ALLOCATION = 144, 160

# File systems whose time stamps are the device's local wall clock with no zone. exFAT has
# UTC-offset fields, but The Sleuth Kit does not read them (exfatfs_copy_file_inode converts
# the DOS date and time only), so its times are local too. FAT12/16/32 keep only the date of
# the last access.
_FAT_TYPES = {int(getattr(pytsk3, f"TSK_FS_TYPE_{n}")) for n in ("FAT12", "FAT16", "FAT32")
              if hasattr(pytsk3, f"TSK_FS_TYPE_{n}")}
_LOCAL_TYPES = _FAT_TYPES | {int(getattr(pytsk3, n)) for n in ("TSK_FS_TYPE_EXFAT",) if hasattr(pytsk3, n)}


def pin_utc_clock() -> None:
    """Make this process's local zone UTC.

    The Sleuth Kit turns FAT/exFAT date-and-time fields into Unix times with ``mktime()``,
    which reads the host's TZ. With TZ=UTC the Unix time it gives is the wall clock written
    on the device read as if it were UTC, which is what the walk needs to recover the local
    fields exactly, whatever the examiner's machine is set to. Called by every worker
    process at start and before any walk of a local-time file system.
    """
    if os.environ.get("TZ") != "UTC" or time.timezone != 0 or time.daylight:
        os.environ["TZ"] = "UTC"
        time.tzset()


def time_basis_of(fs: pytsk3.FS_Info) -> str:
    """'local' for file systems that record local wall-clock times (FAT, exFAT), else 'utc'."""
    try:
        return BASIS_LOCAL if int(fs.info.ftype) in _LOCAL_TYPES else BASIS_UTC
    except (AttributeError, TypeError, ValueError):
        return BASIS_UTC


def _local_text(seconds: int, nanos: int, *, date_only: bool = False) -> str | None:
    """A wall-clock time from TSK (read under TZ=UTC) as naive ISO text: no 'Z', because it is
    not UTC; a date alone (``2025-02-27``) where the file system keeps only the date."""
    text = unix_iso(seconds, nanos)
    if text is None:
        return None
    text = text[:-1]  # unix_iso ends in 'Z'; these fields are the device's local clock
    return text[:10] if date_only else text


def decode_name(raw: bytes) -> str:
    """Names as text for display and paths; the exact bytes are kept separately."""
    return raw.decode("utf-8", "backslashreplace")


def _first_block(fs_file: pytsk3.File, part_offset: int, block_size: int) -> int | None:
    try:
        for attr in fs_file:
            if int(attr.info.type) not in _DATA_TYPES:
                continue
            for run in attr:
                if int(run.addr):
                    return part_offset + int(run.addr) * block_size
            return None
    except (OSError, RuntimeError):
        return None
    return None


def _with_flag(flags: str, flag: str) -> str:
    return ",".join(f for f in (flags, flag) if f)


def _has_unnamed_data(fs_file: pytsk3.File) -> bool:
    """Whether an NTFS file has an unnamed $DATA attribute; True when the attributes cannot be
    listed (the file is then read as usual and any failure is reported there)."""
    try:
        return any(int(a.info.type) == int(pytsk3.TSK_FS_ATTR_TYPE_NTFS_DATA) and not a.info.name for a in fs_file)
    except (OSError, RuntimeError):
        return True


class Walker:
    """Yields a :class:`FileEntry` for every name (and every named NTFS data stream)."""

    def __init__(self, fs: pytsk3.FS_Info, evidence_uid: str, partition_offset: int, *, ntfs: bool,
                 on_warning: Callable[[str], None] | None = None, layer: str = "") -> None:
        self.fs = fs
        self.evidence = evidence_uid
        self.offset = partition_offset
        self.layer = layer
        self.ntfs = ntfs
        self.block_size = int(fs.info.block_size)
        self.on_warning = on_warning
        self.warnings: list[str] = []
        self.time_basis = time_basis_of(fs)
        self.fat_dates = self.time_basis == BASIS_LOCAL and int(fs.info.ftype) in _FAT_TYPES
        if self.time_basis == BASIS_LOCAL:
            pin_utc_clock()

    def _warn(self, message: str) -> None:
        self.warnings.append(message)
        if self.on_warning:
            self.on_warning(message)

    def walk(self) -> Iterator[FileEntry]:
        try:
            root = self.fs.open_dir(path="/")
        except OSError as exc:
            self._warn(f"The root folder cannot be opened: {exc}")
            return
        visited: set[int] = {int(root.info.fs_file.meta.addr) if root.info.fs_file.meta else -1}
        stack: list[tuple[pytsk3.Directory, str, int]] = [(root, "", 0)]
        while stack:
            directory, parent, depth = stack.pop()
            try:
                entries = list(directory)
            except OSError as exc:
                self._warn(f"The folder /{parent} cannot be read completely: {exc}")
                continue
            subdirs = []
            for fs_file in entries:
                info = fs_file.info
                raw = bytes(info.name.name or b"")
                if raw in (b".", b".."):
                    continue
                name = decode_name(raw)
                path = f"{parent}/{name}" if parent else name
                for entry in self._entries(fs_file, raw, name, "/" + path, "/" + parent if parent else "/"):
                    yield entry
                    if entry.type in ("dir", "virtual") and not entry.locator.stream and self._is_dir(fs_file):
                        addr = entry.locator.inode
                        if addr in visited:
                            self._warn(f"Directory loop at /{path} (inode {addr} seen before); not followed.")
                            continue
                        if depth + 1 > MAX_DEPTH:
                            self._warn(f"Folder nesting deeper than {MAX_DEPTH} at /{path}; not followed.")
                            continue
                        visited.add(addr)
                        subdirs.append((fs_file, path, depth + 1))
            for fs_file, path, d in reversed(subdirs):
                try:
                    stack.append((fs_file.as_directory(), path, d))
                except OSError as exc:
                    self._warn(f"The folder /{path} cannot be opened: {exc}")

    @staticmethod
    def _is_dir(fs_file: pytsk3.File) -> bool:
        meta = fs_file.info.meta
        if meta is None:
            return False
        return int(meta.type) in (int(pytsk3.TSK_FS_META_TYPE_DIR), int(pytsk3.TSK_FS_META_TYPE_VIRT_DIR))

    def _times(self, meta: pytsk3.TSK_FS_META) -> dict[str, str | None]:
        """The four times of an entry: UTC text ('...Z') for file systems that record UTC; for
        FAT/exFAT the local wall clock as naive text (access time a date on FAT)."""
        if self.time_basis != BASIS_LOCAL:
            return {
                "mtime": unix_iso(meta.mtime, getattr(meta, "mtime_nano", 0)),
                "atime": unix_iso(meta.atime, getattr(meta, "atime_nano", 0)),
                "ctime": unix_iso(meta.ctime, getattr(meta, "ctime_nano", 0)),
                "crtime": unix_iso(meta.crtime, getattr(meta, "crtime_nano", 0)),
            }
        return {
            "mtime": _local_text(meta.mtime, getattr(meta, "mtime_nano", 0)),
            "atime": _local_text(meta.atime, getattr(meta, "atime_nano", 0), date_only=self.fat_dates),
            "ctime": _local_text(meta.ctime, getattr(meta, "ctime_nano", 0)),  # FAT has none: TSK gives 0
            "crtime": _local_text(meta.crtime, getattr(meta, "crtime_nano", 0)),  # 10 ms where TSK gives it
        }

    def _content_flag(self, fs_file: pytsk3.File, meta: object, allocated: bool, ftype: str) -> str:
        """NO_META for a deleted name without metadata (nothing at all to read), NO_DATA_STREAM for
        an NTFS file whose data lives only in named streams (listed beside it), else ''."""
        if meta is None:
            return NO_META if not allocated else ""
        if self.ntfs and ftype == "file" and not _has_unnamed_data(fs_file):
            return NO_DATA_STREAM
        return ""

    def _entries(self, fs_file: pytsk3.File, raw: bytes, name: str, path: str, parent: str) -> Iterator[FileEntry]:
        info = fs_file.info
        name_flags = int(info.name.flags)
        allocated = bool(name_flags & int(pytsk3.TSK_FS_NAME_FLAG_ALLOC))
        meta = info.meta
        inode = int(info.name.meta_addr)
        if meta is None and inode and not allocated:
            # Deleted NTFS names: metadata may only be reachable by address (FIELD-NOTES).
            try:
                fs_file = self.fs.open_meta(inode=inode)
                meta = fs_file.info.meta
            except OSError:
                meta = None
        if meta is not None:
            ftype = _META_TYPES.get(meta.type, None) or _NAME_TYPES.get(info.name.type, "other")
            size = int(meta.size)
            meta_alloc = bool(int(meta.flags) & int(pytsk3.TSK_FS_META_FLAG_ALLOC))
            times = self._times(meta)
            mode, uid, gid = int(meta.mode), int(meta.uid), int(meta.gid)
        else:
            ftype = _NAME_TYPES.get(info.name.type, "other")
            size, meta_alloc, mode, uid, gid = 0, False, None, None, None
            times = {"mtime": None, "atime": None, "ctime": None, "crtime": None}
        flags = "orphan" if path.startswith("/$OrphanFiles/") else ""
        flags = _with_flag(flags, self._content_flag(fs_file, meta, allocated, ftype))
        first = _first_block(fs_file, self.offset, self.block_size) if ftype == "file" and meta is not None else None
        yield FileEntry(
            locator=Locator(self.evidence, self.offset, inode, path=path, layer=self.layer), name=name, name_raw=raw,
            parent_path=parent, size=size, allocated=allocated, meta_allocated=meta_alloc, type=ftype,
            mode=mode, uid=uid, gid=gid, first_block=first, flags=flags, time_basis=self.time_basis, **times,
        )
        if self.ntfs and meta is not None:
            yield from self._streams(fs_file, raw, name, path, parent, inode, allocated, meta_alloc, times)

    def _streams(self, fs_file: pytsk3.File, raw: bytes, name: str, path: str, parent: str, inode: int,
                 allocated: bool, meta_alloc: bool, times: dict[str, str | None]) -> Iterator[FileEntry]:
        """Named streams of an NTFS file, each listed as its own file entry ``name:stream``:
        named $DATA streams (alternate data streams, $Secure:$SDS, $UsnJrnl:$J, ...) and the
        named indexes of system files ($Secure:$SDH/$SII, $ObjId:$O, $Quota:$O/$Q, $Reparse:$R;
        not the folder index $I30). An index is listed as The Sleuth Kit's ``fls`` lists it
        (its $INDEX_ROOT, ``name:$SDH``) and, when it has one, its $INDEX_ALLOCATION, where
        most of its entries live, as ``name:$SDH:$INDEX_ALLOCATION``. A stream list or run list
        that cannot be read is a warning, never a silent drop."""
        try:
            attrs = list(fs_file)
        except (OSError, RuntimeError) as exc:
            self._warn(f"The streams of {path} (MFT entry {inode}) cannot be listed ({exc}); only its unnamed "
                       "data stream is listed and examined.")
            return
        data_type = int(pytsk3.TSK_FS_ATTR_TYPE_NTFS_DATA)
        for attr in attrs:
            ainfo = attr.info
            atype = int(ainfo.type)
            if atype not in (data_type, _NTFS_INDEX_ROOT, _NTFS_INDEX_ALLOCATION) or not ainfo.name:
                continue
            raw_stream = bytes(ainfo.name)
            if atype != data_type and raw_stream == b"$I30":
                continue  # a folder's own index: its entries are the folder listing
            stream = decode_name(raw_stream)
            if atype == _NTFS_INDEX_ALLOCATION:
                stream, raw_stream = f"{stream}:$INDEX_ALLOCATION", raw_stream + b":$INDEX_ALLOCATION"
            loc = Locator(self.evidence, self.offset, inode, atype, int(ainfo.id), stream, path, self.layer)
            first = None
            listed = False
            try:
                for run in attr:
                    listed = True
                    if int(run.addr):
                        first = self.offset + int(run.addr) * self.block_size
                        break
            except (OSError, RuntimeError) as exc:
                self._warn(f"The data runs of the stream {path}:{stream} (MFT entry {inode}) cannot be listed "
                           f"({exc}); it is listed and read as far as The Sleuth Kit can.")
            # $BadClus:$Bad is as long as the volume but holds only the clusters marked bad. With none
            # marked, The Sleuth Kit lists no runs and reads no bytes: list it, do not read it (else every
            # NTFS volume gets a false "file ends early" error). With bad clusters marked it is read like
            # any stream, because data can be hidden in clusters marked bad.
            no_bad_clusters = inode == _NTFS_BADCLUS and stream == "$Bad" and not listed
            yield FileEntry(
                locator=loc, name=f"{name}:{stream}", name_raw=raw + b":" + raw_stream, parent_path=parent,
                size=int(ainfo.size), allocated=allocated, meta_allocated=meta_alloc,
                type="virtual" if no_bad_clusters else "file", first_block=first,
                flags="ads,no-bad-clusters" if no_bad_clusters else "ads", mtime=times["mtime"],
                atime=times["atime"], ctime=times["ctime"], crtime=times["crtime"], time_basis=self.time_basis,
            )


# ------------------------------------------------------------------ rows (the fast walk)
# The same entries as :meth:`Walker.walk`, as the column values of ``files`` that
# ``jobs.worker.entry_row`` makes of a FileEntry, without building a FileEntry, a Locator or a
# dict of times per entry (measured: 2.2x faster on ext4; see benchmarks/RESULTS.md, round two).
WalkRow = tuple[Any, ...]
_META_TYPES_INT = {int(k): v for k, v in _META_TYPES.items()}
_NAME_TYPES_INT = {int(k): v for k, v in _NAME_TYPES.items()}
_DIR_META = (int(pytsk3.TSK_FS_META_TYPE_DIR), int(pytsk3.TSK_FS_META_TYPE_VIRT_DIR))
_DATA_TYPES_INT = {int(t) for t in _DATA_TYPES}
_NAME_ALLOC = int(pytsk3.TSK_FS_NAME_FLAG_ALLOC)
_META_ALLOC = int(pytsk3.TSK_FS_META_FLAG_ALLOC)
_NTFS_DATA = int(pytsk3.TSK_FS_ATTR_TYPE_NTFS_DATA)
_NO_TIMES: tuple[None, None, None, None] = (None, None, None, None)


def extension_of(name: str) -> str:
    """What ``FileEntry.extension`` gives for a name (lower case, at most 16 characters)."""
    if "." not in name.strip("."):
        return ""
    return name.rsplit(".", 1)[1].lower()[:16]


def _status_of(ftype: str) -> str:
    return "pending" if ftype == "file" else "n/a"


class RowWalker(Walker):
    """:meth:`rows` yields each entry of :meth:`Walker.walk` as a ``files`` row tuple directly."""

    def _row_times(self, meta: Any) -> tuple[str | None, str | None, str | None, str | None]:
        if self.time_basis != BASIS_LOCAL:
            iso = unix_iso
            return (iso(meta.mtime, getattr(meta, "mtime_nano", 0)), iso(meta.atime, getattr(meta, "atime_nano", 0)),
                    iso(meta.ctime, getattr(meta, "ctime_nano", 0)), iso(meta.crtime, getattr(meta, "crtime_nano", 0)))
        t = self._times(meta)
        return t["mtime"], t["atime"], t["ctime"], t["crtime"]

    def rows(self) -> Iterator[WalkRow]:
        """Every entry as the values of ``files`` from ``locator`` on (``jobs.worker.entry_row``)."""
        try:
            root = self.fs.open_dir(path="/")
        except OSError as exc:
            self._warn(f"The root folder cannot be opened: {exc}")
            return
        key = f"{self.evidence}:{self.offset}{'+' + self.layer if self.layer else ''}:"
        visited: set[int] = {int(root.info.fs_file.meta.addr) if root.info.fs_file.meta else -1}
        stack: list[tuple[pytsk3.Directory, str, int]] = [(root, "", 0)]
        while stack:
            directory, parent, depth = stack.pop()
            try:
                entries = list(directory)
            except OSError as exc:
                self._warn(f"The folder /{parent} cannot be read completely: {exc}")
                continue
            parent_path = "/" + parent if parent else "/"
            subdirs = []
            for fs_file in entries:
                info = fs_file.info
                name_info = info.name
                raw = bytes(name_info.name or b"")
                if raw == b"." or raw == b"..":
                    continue
                name = raw.decode("utf-8", "backslashreplace")
                rel = f"{parent}/{name}" if parent else name
                path = "/" + rel
                listed_meta = info.meta
                out = self._file_rows(fs_file, name_info, listed_meta, raw, name, path, parent_path, key)
                yield from out
                ftype = out[0][14]
                if ftype in ("dir", "virtual") and listed_meta is not None and int(listed_meta.type) in _DIR_META:
                    inode = out[0][2]
                    if inode in visited:
                        self._warn(f"Directory loop at {path} (inode {inode} seen before); not followed.")
                        continue
                    if depth + 1 > MAX_DEPTH:
                        self._warn(f"Folder nesting deeper than {MAX_DEPTH} at {path}; not followed.")
                        continue
                    visited.add(inode)
                    subdirs.append((fs_file, rel, depth + 1))
            for fs_file, rel, d in reversed(subdirs):
                try:
                    stack.append((fs_file.as_directory(), rel, d))
                except OSError as exc:
                    self._warn(f"The folder /{rel} cannot be opened: {exc}")

    def _file_rows(self, fs_file: pytsk3.File, name_info: Any, listed_meta: Any, raw: bytes, name: str, path: str,
                   parent_path: str, key: str) -> list[WalkRow]:
        """The row of one name and, on NTFS, the rows of its named streams."""
        offset, ntfs = self.offset, self.ntfs
        allocated = bool(int(name_info.flags) & _NAME_ALLOC)
        inode = int(name_info.meta_addr)
        meta = listed_meta
        handle = fs_file
        if meta is None and inode and not allocated:
            try:  # deleted NTFS names: metadata may only be reachable by address (FIELD-NOTES)
                handle = self.fs.open_meta(inode=inode)
                meta = handle.info.meta
            except OSError:
                meta = None
        flags = "orphan" if path.startswith("/$OrphanFiles/") else ""
        attrs: list[Any] | None = None
        if meta is not None:
            ftype = _META_TYPES_INT.get(int(meta.type)) or _NAME_TYPES_INT.get(int(name_info.type), "other")
            size = int(meta.size)
            meta_alloc = bool(int(meta.flags) & _META_ALLOC)
            times = self._row_times(meta)
            mode, uid, gid = int(meta.mode), int(meta.uid), int(meta.gid)
            first = None
            if ntfs:
                attrs = self._attrs(handle)
                if ftype == "file" and not _unnamed_data(handle, attrs):
                    flags = _with_flag(flags, NO_DATA_STREAM)
            if ftype == "file":
                first = _first_block_of(handle, attrs, offset, self.block_size)
        else:
            ftype = _NAME_TYPES_INT.get(int(name_info.type), "other")
            size, meta_alloc, mode, uid, gid, first = 0, False, None, None, None, None
            times = _NO_TIMES
            if not allocated:
                flags = _with_flag(flags, NO_META)
        mtime, atime, ctime, crtime = times
        out: list[WalkRow] = [(
            f"{key}{inode}{path}", offset, inode, None, None, "", path, name, raw, parent_path, extension_of(name),
            size, int(allocated), int(meta_alloc), ftype, mode, uid, gid, mtime, atime, ctime, crtime, first, flags,
            _status_of(ftype), self.time_basis, self.layer)]
        if ntfs and meta is not None:
            out.extend(self._stream_rows(handle, attrs, key, raw, name, path, parent_path, inode, allocated,
                                         meta_alloc, times))
        return out

    @staticmethod
    def _attrs(handle: pytsk3.File) -> list[Any] | None:
        """The attributes of an NTFS file, listed once (None when they cannot be listed: each use
        then asks again, as :meth:`Walker.walk` does, and meets the same failure)."""
        try:
            return list(handle)
        except (OSError, RuntimeError):
            return None

    def _stream_rows(self, handle: pytsk3.File, attrs: list[Any] | None, key: str, raw: bytes, name: str, path: str,
                     parent: str, inode: int, allocated: bool, meta_alloc: bool,
                     times: tuple[str | None, str | None, str | None, str | None]) -> Iterator[WalkRow]:
        """The rows of :meth:`Walker._streams` (same entries, same warnings)."""
        if attrs is None:
            named = dict(zip(("mtime", "atime", "ctime", "crtime"), times, strict=True))
            for e in self._streams(handle, raw, name, path, parent, inode, allocated, meta_alloc, named):
                yield _entry_row(e)
            return
        data_type = _NTFS_DATA
        mtime, atime, ctime, crtime = times
        for attr in attrs:
            ainfo = attr.info
            atype = int(ainfo.type)
            if atype not in (data_type, _NTFS_INDEX_ROOT, _NTFS_INDEX_ALLOCATION) or not ainfo.name:
                continue
            raw_stream = bytes(ainfo.name)
            if atype != data_type and raw_stream == b"$I30":
                continue
            stream = decode_name(raw_stream)
            if atype == _NTFS_INDEX_ALLOCATION:
                stream, raw_stream = f"{stream}:$INDEX_ALLOCATION", raw_stream + b":$INDEX_ALLOCATION"
            first = None
            listed = False
            try:
                for run in attr:
                    listed = True
                    if int(run.addr):
                        first = self.offset + int(run.addr) * self.block_size
                        break
            except (OSError, RuntimeError) as exc:
                self._warn(f"The data runs of the stream {path}:{stream} (MFT entry {inode}) cannot be listed "
                           f"({exc}); it is listed and read as far as The Sleuth Kit can.")
            no_bad = inode == _NTFS_BADCLUS and stream == "$Bad" and not listed
            ftype = "virtual" if no_bad else "file"
            full = f"{name}:{stream}"
            aid = int(ainfo.id)
            yield (f"{key}{inode}-{atype}-{aid}:{stream}{path}", self.offset, inode, atype, aid, stream, path, full,
                   raw + b":" + raw_stream, parent, extension_of(full), int(ainfo.size), int(allocated),
                   int(meta_alloc), ftype, None, None, None, mtime, atime, ctime, crtime, first,
                   "ads,no-bad-clusters" if no_bad else "ads", _status_of(ftype), self.time_basis, self.layer)


def _unnamed_data(handle: pytsk3.File, attrs: list[Any] | None) -> bool:
    if attrs is None:
        return _has_unnamed_data(handle)
    return any(int(a.info.type) == _NTFS_DATA and not a.info.name for a in attrs)


def _first_block_of(handle: pytsk3.File, attrs: list[Any] | None, part_offset: int, block_size: int) -> int | None:
    """:func:`_first_block` over attributes already listed (``None``: list them)."""
    if attrs is None:
        return _first_block(handle, part_offset, block_size)
    try:
        for attr in attrs:
            if int(attr.info.type) not in _DATA_TYPES_INT:
                continue
            for run in attr:
                if int(run.addr):
                    return part_offset + int(run.addr) * block_size
            return None
    except (OSError, RuntimeError):
        return None
    return None


def _entry_row(entry: FileEntry) -> WalkRow:
    """A FileEntry as a ``files`` row (as ``jobs.worker.entry_row`` makes it)."""
    loc = entry.locator
    return (str(loc), loc.partition_offset, loc.inode, loc.attr_type, loc.attr_id, loc.stream, loc.path,
            entry.name, entry.name_raw, entry.parent_path, entry.extension, entry.size, int(entry.allocated),
            int(entry.meta_allocated), entry.type, entry.mode, entry.uid, entry.gid, entry.mtime, entry.atime,
            entry.ctime, entry.crtime, entry.first_block, entry.flags, _status_of(entry.type), entry.time_basis,
            loc.layer)

