"""ZIP and TAR (plain or gzip-compressed) archives given as evidence, read in place, read-only.

The archive's own listing is the walk: every member in the order the archive lists it (a ZIP's
central directory, a TAR's headers), duplicates kept, each its own entry with its index in that
listing as inode. Paths are the archive's names (``/`` + the name; the exact name bytes are the
entry's ``name_raw``). Folders a name implies but the archive does not list are added after the
members as ``virtual`` entries (flag ``implied-dir``) so the tree can be browsed.

Nothing is extracted: a member's bytes are decompressed on demand from a read-only file object
over the evidence (:class:`~.layers.FileObject`). A gzip stream is indexed once (a decompressor
state every :data:`GZ_STEP` bytes) so that later reads start near where they are wanted.

Hostile archives are flagged, never obeyed (see :func:`name_flags`): absolute names, ``..``,
backslashes, NUL bytes, names that are not UTF-8, duplicates, symbolic links pointing outside
the archive, members that decompress far beyond their stored size (``bomb``: listed and read up
to :data:`BOMB_READ_LIMIT` bytes only), encrypted members. A truncated archive gives the members
before the damage and a stored warning.
"""

from __future__ import annotations

import bisect
import bz2
import dataclasses
import itertools
import os
import posixpath
import stat
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import Any

from ..errors import EvidenceError, FileSystemError
from ..model import FileEntry, Locator
from ..timeutil import BASIS_LOCAL, BASIS_UTC, unix_iso
from .layers import ByteVolume, FileObject, LayerContext

BLOCK = 65536
# A member that says it decompresses to more than BOMB_MIN_SIZE bytes at more than BOMB_RATIO times
# its stored size is flagged 'bomb' and listed and read for its first BOMB_READ_LIMIT bytes only.
BOMB_RATIO = 200
BOMB_MIN_SIZE = 256 * 1024 * 1024
BOMB_READ_LIMIT = 256 * 1024 * 1024
GZ_STEP = 16 * 1024 * 1024  # a gzip decompressor state is kept every GZ_STEP bytes of output
GZ_IN = 256 * 1024  # compressed bytes fed at a time
LINK_LIMIT = 4096  # a symbolic link's target is read up to this many bytes
SAMPLES = 5  # names quoted in one warning

FLAG_TEXT = {
    "name-absolute": "absolute name",
    "name-dotdot": "'..' in the name",
    "name-backslash": "backslash in the name",
    "name-nul": "NUL byte in the name",
    "name-not-utf8": "name not UTF-8 (kept as bytes, shown with \\x escapes)",
    "name-duplicate": "name listed more than once",
    "link-outside": "symbolic link pointing outside",
}


# ------------------------------------------------------------------ shared by archives, folders, backups
@dataclasses.dataclass(slots=True)
class Member:
    """One listed member before it becomes a :class:`FileEntry`."""

    raw: bytes  # the name exactly as the container holds it
    type: str  # file | dir | link | other
    size: int
    mode: int | None = None
    uid: int | None = None
    gid: int | None = None
    mtime: str | None = None
    atime: str | None = None
    ctime: str | None = None
    crtime: str | None = None
    basis: str = BASIS_UTC
    flags: list[str] = dataclasses.field(default_factory=list)
    target: bytes | None = None  # a symbolic link's target
    ref: Any = None  # what the source needs to read it


class MemberStream:
    """The bytes of one member, read through ``reader(offset, length)``; read-only."""

    def __init__(self, size: int, path: str, reader: Callable[[int, int], bytes]) -> None:
        self.size, self.path, self._reader = size, path, reader

    def read(self, offset: int, length: int) -> bytes:
        if offset < 0 or offset >= self.size or length <= 0:
            return b""
        return self._reader(offset, min(length, self.size - offset))


def file_reader(path: str | bytes | os.PathLike[str]) -> Callable[[int, int], bytes]:
    """``read(offset, length)`` of a file in an evidence folder: opened read-only, never through a
    link, for each read (a walk of thousands of members holds no descriptors)."""
    def read(offset: int, length: int) -> bytes:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        try:
            return os.pread(fd, length, offset)
        finally:
            os.close(fd)
    return read


def name_text(raw: bytes) -> str:
    """A name as text: UTF-8, undecodable bytes as ``\\xNN``, NUL as ``\\x00`` (the bytes are kept)."""
    return raw.decode("utf-8", "backslashreplace").replace("\x00", "\\x00")


def name_flags(raw: bytes) -> list[str]:
    """What is hostile or odd in a member name (see :data:`FLAG_TEXT`)."""
    flags = []
    if raw.startswith((b"/", b"\\")) or (len(raw) > 1 and raw[1:2] == b":" and raw[:1].isalpha()):
        flags.append("name-absolute")
    if b".." in raw.replace(b"\\", b"/").split(b"/"):
        flags.append("name-dotdot")
    if b"\\" in raw:
        flags.append("name-backslash")
    if b"\x00" in raw:
        flags.append("name-nul")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        flags.append("name-not-utf8")
    return flags


def link_outside(name: bytes, target: bytes) -> bool:
    """Whether a link named ``name`` with ``target`` points outside the archive or folder."""
    if target.startswith((b"/", b"\\")):
        return True
    parent = posixpath.dirname(name.replace(b"\\", b"/").strip(b"/"))
    joined = posixpath.normpath(posixpath.join(parent, target.replace(b"\\", b"/")))
    return joined == b".." or joined.startswith(b"../")


def _split(text: str, is_dir: bool) -> tuple[str, str, str]:
    """(path, parent path, name) of a member name shown as text."""
    path = text if text.startswith("/") else "/" + text
    if is_dir and len(path) > 1:
        path = path.rstrip("/") or "/"
    parent, _, name = path.rpartition("/")
    return path, parent or "/", name


def entries(members: list[Member], evidence_uid: str, offset: int, layer: str,
            on_warning: Callable[[str], None] | None, what: str) -> Iterator[FileEntry]:
    """The members as file entries (duplicates and hostile names flagged; one warning per kind),
    then the folders their names imply but nobody listed (``virtual``, flag ``implied-dir``)."""
    seen: set[bytes] = set()
    listed: set[str] = set()
    implied: dict[str, None] = {}
    flagged: dict[str, list[str]] = {}
    for index, m in enumerate(members):
        flags = list(m.flags) + [f for f in name_flags(m.raw) if f not in m.flags]
        key = m.raw.rstrip(b"/") if m.type == "dir" else m.raw
        if key in seen:
            flags.append("name-duplicate")
        seen.add(key)
        if m.type == "link" and m.target is not None and link_outside(m.raw, m.target) \
                and "link-outside" not in flags:
            flags.append("link-outside")
        text = name_text(m.raw)
        path, parent, name = _split(text, m.type == "dir")
        listed.add(path)
        up = parent
        while up not in ("/", "") and up not in implied:
            implied[up] = None
            up = up.rpartition("/")[0] or "/"
        for f in flags:
            if f in FLAG_TEXT:
                flagged.setdefault(f, []).append(text)
        yield FileEntry(
            locator=Locator(evidence_uid, offset, index, path=path, layer=layer), name=name, name_raw=m.raw,
            parent_path=parent, size=m.size, allocated=True, meta_allocated=True, type=m.type, mode=m.mode,
            uid=m.uid, gid=m.gid, mtime=m.mtime, atime=m.atime, ctime=m.ctime, crtime=m.crtime,
            flags=",".join(flags), time_basis=m.basis)
    for flag, names in flagged.items():
        if on_warning:
            quoted = ", ".join(repr(n) for n in names[:SAMPLES]) + (", ..." if len(names) > SAMPLES else "")
            on_warning(f"{len(names)} member(s) of the {what} flagged '{flag}' ({FLAG_TEXT[flag]}): {quoted}. "
                       "They are listed under their own names and never written anywhere.")
    extra = len(members)
    for path in sorted(p for p in implied if p not in listed):
        parent, _, name = path.rpartition("/")
        yield FileEntry(
            locator=Locator(evidence_uid, offset, extra, path=path, layer=layer), name=name,
            name_raw=name.encode("utf-8", "surrogateescape"), parent_path=parent or "/", size=0, allocated=True,
            meta_allocated=False, type="virtual", flags="implied-dir")
        extra += 1


class MemberSource:
    """What the archive, folder and backup sources share: a listing and the walk over it."""

    fs_type = ""
    block_size = BLOCK
    time_basis = BASIS_UTC
    what = "archive"

    def __init__(self) -> None:
        self.members: list[Member] = []
        self.problems: list[str] = []  # found while listing; given to the walk's on_warning

    def _finish_listing(self) -> None:
        self.time_basis = BASIS_LOCAL if any(m.basis == BASIS_LOCAL for m in self.members) else BASIS_UTC
        self._by_path: dict[str, int] = {}
        for index, m in enumerate(self.members):
            if m.type == "file":
                self._by_path.setdefault(_split(name_text(m.raw), False)[0], index)

    def walk(self, evidence_uid: str, offset: int, layer: str,
             on_warning: Callable[[str], None] | None = None) -> Iterator[FileEntry]:
        for message in self.problems:
            if on_warning:
                on_warning(message)
        yield from entries(self.members, evidence_uid, offset, layer, on_warning, self.what)

    def member(self, locator: Locator) -> Member:
        if not 0 <= locator.inode < len(self.members):
            raise EvidenceError(f"{locator.path or locator} is not a member of this {self.what}.")
        m = self.members[locator.inode]
        if m.type != "file":
            raise EvidenceError(f"{locator.path or locator} is a {m.type}, not a file, in this {self.what}.")
        return m

    def open(self, locator: Locator, size: int) -> MemberStream:
        m = self.member(locator)
        return MemberStream(min(size, m.size), locator.path, self._reader(m, locator.path))

    def open_path(self, path: str) -> MemberStream | None:
        index = self._by_path.get(path)
        if index is None:
            return None
        m = self.members[index]
        try:
            return MemberStream(m.size, path, self._reader(m, path))
        except EvidenceError:
            return None

    def _reader(self, m: Member, path: str) -> Callable[[int, int], bytes]:
        raise NotImplementedError

    def close(self) -> None:
        """Nothing of the evidence is held beyond the resolver's own handles."""


def _bomb(size: int, stored: int) -> bool:
    return size > BOMB_MIN_SIZE and size > BOMB_RATIO * max(stored, 1)


def _bomb_warning(what: str, name: bytes, size: int, stored: int) -> str:
    return (f"The {what} member {name_text(name)!r} says it holds {size} bytes from {stored} stored bytes "
            f"(over {BOMB_RATIO} times): flagged 'bomb'; only its first {BOMB_READ_LIMIT} bytes are listed and read.")


# ------------------------------------------------------------------------------------------ ZIP
_LOCAL = struct.Struct("<4s5H3L2H")  # a ZIP local file header


def _dos_text(dt: tuple[int, ...]) -> str | None:
    y, mo, d, h, mi, s = dt
    if not (1 <= mo <= 12 and 1 <= d <= 31 and h < 24 and mi < 60 and s < 62):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{min(s, 59):02d}"


def _filetime(value: int) -> str | None:
    if value <= 0:
        return None
    seconds, rest = divmod(value - 116444736000000000, 10_000_000)
    return unix_iso(seconds, rest * 100)


def _extra_times(extra: bytes) -> dict[str, str | None]:
    """UTC times in a ZIP extra field: extended timestamp (0x5455) or NTFS (0x000a); empty if none."""
    times: dict[str, str | None] = {}
    pos = 0
    while pos + 4 <= len(extra):
        tag, length = struct.unpack_from("<HH", extra, pos)
        body = extra[pos + 4: pos + 4 + length]
        pos += 4 + length
        if tag == 0x5455 and len(body) >= 5 and body[0] & 1:
            times["mtime"] = unix_iso(struct.unpack_from("<i", body, 1)[0]) or None
        elif tag == 0x000A and len(body) >= 32:
            inner = 4
            while inner + 4 <= len(body):
                sub, size = struct.unpack_from("<HH", body, inner)
                if sub == 1 and size >= 24 and inner + 28 <= len(body):
                    m, a, c = struct.unpack_from("<3Q", body, inner + 4)
                    times.setdefault("mtime", _filetime(m))
                    times["atime"], times["crtime"] = _filetime(a), _filetime(c)
                inner += 4 + size
    return times


def _zip_raw_name(info: zipfile.ZipInfo) -> bytes:
    name = info.orig_filename
    if info.flag_bits & 0x800:
        return name.encode("utf-8", "surrogateescape")
    return name.encode("cp437")


def _zip_member(info: zipfile.ZipInfo, salvaged: bool) -> Member:
    raw = _zip_raw_name(info)
    mode = (info.external_attr >> 16) or None if info.create_system == 3 else None
    if mode is not None and stat.S_ISLNK(mode):
        kind = "link"
    elif info.is_dir() or (mode is not None and stat.S_ISDIR(mode)):
        kind = "dir"
    else:
        kind = "file"
    times = _extra_times(info.extra)
    if times.get("mtime"):
        m = Member(raw, kind, info.file_size, mode, mtime=times.get("mtime"), atime=times.get("atime"),
                   crtime=times.get("crtime"), basis=BASIS_UTC)
    else:
        m = Member(raw, kind, info.file_size, mode, mtime=_dos_text(info.date_time), basis=BASIS_LOCAL)
    if info.flag_bits & 1:
        m.flags.append("encrypted")
    if salvaged:
        m.flags.append("salvaged")
    if kind == "dir":
        m.size = 0
    m.ref = info
    return m


class ZipSource(MemberSource):
    """The members of a ZIP (ZIP64 included), read in place; see the module text."""

    fs_type = "ZIP"
    what = "ZIP archive"

    def __init__(self, volume: ByteVolume) -> None:
        super().__init__()
        self._volume = volume
        self._zip: zipfile.ZipFile | None = None
        self._open: tuple[zipfile.ZipInfo, Any, int] | None = None  # (member, open member, position)
        self._cut: zipfile.ZipInfo | None = None  # a salvaged member whose data is cut short
        try:
            self._zip = zipfile.ZipFile(FileObject(volume))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, struct.error) as exc:
            infos = self._salvage(str(exc))
        for info in infos:
            m = _zip_member(info, self._zip is None)
            if info is self._cut:
                m.flags.append("truncated")
            if m.type == "file" and _bomb(info.file_size, info.compress_size):
                m.flags.append("bomb")
                m.size = BOMB_READ_LIMIT
                self.problems.append(_bomb_warning("ZIP", m.raw, info.file_size, info.compress_size))
            elif m.type == "file" and info.header_offset + info.compress_size > volume.size:
                if "truncated" not in m.flags:
                    m.flags.append("truncated")
                m.size = min(m.size, BOMB_READ_LIMIT)  # no reading on through data that is not there
            if m.type == "link" and info.file_size <= LINK_LIMIT:
                try:
                    m.target = self._reader(m, "")(0, info.file_size)
                except (OSError, EvidenceError):
                    m.target = None
            self.members.append(m)
        self._finish_listing()

    def _salvage(self, reason: str) -> list[zipfile.ZipInfo]:
        """The members whose local headers precede the damage (no central directory was found)."""
        infos: list[zipfile.ZipInfo] = []
        pos, size = 0, self._volume.size
        stop = "the end of the readable data"
        while pos + _LOCAL.size <= size:
            head = self._volume.read(pos, _LOCAL.size)
            if len(head) < _LOCAL.size or head[:4] != b"PK\x03\x04":
                stop = f"byte {pos}, where no further member header is"
                break
            _sig, _ver, flags, method, ztime, zdate, crc, csize, usize, nlen, xlen = _LOCAL.unpack(head)
            name = self._volume.read(pos + _LOCAL.size, nlen)
            extra = self._volume.read(pos + _LOCAL.size + nlen, xlen)
            if csize == 0xFFFFFFFF or usize == 0xFFFFFFFF:
                z64 = _zip64_sizes(extra)
                usize, csize = z64 if z64 else (usize, csize)
            if flags & 8 and csize == 0 and method != 0:
                stop = f"member {name_text(name)!r}, whose size is only written after its data"
                break
            info = zipfile.ZipInfo(name.decode("utf-8" if flags & 0x800 else "cp437", "surrogateescape"),
                                   ((zdate >> 9) + 1980, (zdate >> 5) & 15, zdate & 31,
                                    ztime >> 11, (ztime >> 5) & 63, (ztime & 31) * 2))
            info.flag_bits, info.compress_type, info.CRC = flags, method, crc
            info.compress_size, info.file_size, info.header_offset, info.extra = csize, usize, pos, extra
            info.create_system = 0
            data_start = pos + _LOCAL.size + nlen + xlen
            infos.append(info)
            pos = data_start + csize
            if pos > size:
                self._cut = info
                stop = f"member {name_text(name)!r}, cut short ({size - data_start} of its {csize} stored bytes)"
                break
        self.problems.append(
            f"The ZIP archive is damaged or truncated ({reason}): its central directory cannot be read, so the "
            f"members were taken from their own headers up to {stop}; {len(infos)} member(s) listed, flagged "
            "'salvaged'. Anything after that point is not listed.")
        return infos

    def _reader(self, m: Member, path: str) -> Callable[[int, int], bytes]:
        info: zipfile.ZipInfo = m.ref
        if info.flag_bits & 1:
            raise EvidenceError(f"{path or name_text(m.raw)} is encrypted in the ZIP archive; it cannot be read "
                                "without its password.")
        if self._zip is None:
            return _SalvagedMember(self._volume, info).read

        def read(offset: int, length: int) -> bytes:
            assert self._zip is not None
            try:
                if self._open is None or self._open[0] is not info or self._open[2] > offset:
                    self._open = (info, self._zip.open(info), 0)
                _, handle, pos = self._open
                while pos < offset:  # forward: decompress and drop
                    skipped = handle.read(min(BLOCK * 16, offset - pos))
                    if not skipped:
                        return b""
                    pos += len(skipped)
                data = handle.read(length)
                self._open = (info, handle, pos + len(data))
                return bytes(data)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError,
                    OSError, struct.error) as exc:
                self._open = None
                raise OSError(f"the ZIP member cannot be decompressed here: {exc}") from exc
        return read


def _zip64_sizes(extra: bytes) -> tuple[int, int] | None:
    pos = 0
    while pos + 4 <= len(extra):
        tag, length = struct.unpack_from("<HH", extra, pos)
        if tag == 1 and length >= 16:
            usize, csize = struct.unpack_from("<QQ", extra, pos + 4)
            return usize, csize
        pos += 4 + length
    return None


class _SalvagedMember:
    """A member of a ZIP without its central directory: stored or deflated data read from its
    local header on (other methods are refused)."""

    def __init__(self, volume: ByteVolume, info: zipfile.ZipInfo) -> None:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2):
            raise EvidenceError(f"{info.filename} uses compression method {info.compress_type}, which is not read "
                                "from a ZIP without its central directory.")
        head = volume.read(info.header_offset, _LOCAL.size)
        nlen, xlen = struct.unpack_from("<2H", head, 26)
        self._volume, self._info = volume, info
        self._start = info.header_offset + _LOCAL.size + nlen + xlen
        self._state: tuple[Any, int, int, bytes] | None = None  # decompressor, input pos, output pos, output

    def read(self, offset: int, length: int) -> bytes:
        info = self._info
        end_in = self._start + info.compress_size
        if info.compress_type == zipfile.ZIP_STORED:
            return self._volume.read(self._start + offset, max(0, min(length, end_in - self._start - offset)))
        if self._state is None or self._state[2] > offset:
            dec = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else bz2.BZ2Decompressor()
            self._state = (dec, self._start, 0, b"")
        dec, pos_in, pos_out, buf = self._state
        self._state = None
        while pos_out + len(buf) < offset + length and pos_in < end_in:
            chunk = self._volume.read(pos_in, min(BLOCK, end_in - pos_in))
            if not chunk:
                break
            pos_in += len(chunk)
            try:
                buf += dec.decompress(chunk)
            except (zlib.error, OSError, EOFError) as exc:
                raise OSError(f"the salvaged ZIP member cannot be decompressed here: {exc}") from exc
            if pos_out + len(buf) <= offset:
                pos_out, buf = pos_out + len(buf), b""
        skip = max(0, offset - pos_out)
        data = buf[skip: skip + length]
        self._state = (dec, pos_in, pos_out + skip, buf[skip:])
        return data


def open_zip(ctx: LayerContext) -> ZipSource:
    """Source-layer opener for ``zip`` (see :data:`.layers.SOURCE_LAYERS`)."""
    return ZipSource(ctx.below())


# ------------------------------------------------------------------------------------------ gzip
class GzipVolume:
    """The decompressed bytes of a gzip file (several members too), as a read-only volume.

    One pass at opening learns the size and keeps a decompressor state every :data:`GZ_STEP`
    bytes; a read starts from the nearest state at or before it, or from the block the last read
    ended in. A stream cut short or damaged ends where its readable data ends (``truncated`` says
    why); one that inflates beyond :data:`BOMB_RATIO` times its size past :data:`BOMB_MIN_SIZE`
    bytes is cut there too."""

    def __init__(self, inner: ByteVolume) -> None:
        self._inner = inner
        self.truncated = ""
        self.size = 1 << 62  # while indexing
        self._points: list[tuple[int, int, Any, bytes]] = []  # (output pos, input pos, decompressor, pending input)
        self._cursor: tuple[int, bytes, tuple[int, int, Any, bytes]] | None = None  # a block and the state after it
        end = 0
        for start, data, _after in self._run((0, 0, zlib.decompressobj(31), b""), index=True):
            end = start + len(data)
        self.size = end

    def _run(self, state: tuple[int, int, Any, bytes], *,
             index: bool = False) -> Iterator[tuple[int, bytes, tuple[int, int, Any, bytes]]]:
        """(block start, block, state after it) from ``state`` (output pos, input pos, decompressor,
        pending input) onwards."""
        out_pos, in_pos, dec, pending = state
        next_point = out_pos
        while out_pos < self.size:
            if index and out_pos >= next_point:
                self._points.append((out_pos, in_pos, dec.copy(), pending))
                next_point = out_pos + GZ_STEP
            if not pending:
                pending = self._inner.read(in_pos, GZ_IN)
                in_pos += len(pending)
                if not pending:
                    if index and not dec.eof:
                        self.truncated = "the gzip stream ends before its end marker"
                    return
            try:
                data = dec.decompress(pending, BLOCK * 4)
            except zlib.error as exc:
                if index:
                    self.truncated = f"the gzip stream is damaged near compressed byte {in_pos}: {exc}"
                return
            pending = dec.unconsumed_tail
            if dec.eof:
                pending = dec.unused_data + pending
                if not pending and in_pos >= self._inner.size:
                    if data:
                        yield out_pos, data, (out_pos + len(data), in_pos, dec, b"")
                    return
                dec = zlib.decompressobj(31)  # the next gzip member
            if data:
                yield out_pos, data, (out_pos + len(data), in_pos, dec, pending)
                out_pos += len(data)
                if index and out_pos > BOMB_MIN_SIZE and out_pos > BOMB_RATIO * max(self._inner.size, 1):
                    self.truncated = (f"the gzip stream inflates to more than {BOMB_RATIO} times its size (a "
                                      f"decompression bomb?); only its first {out_pos} bytes are read")
                    return

    def read(self, offset: int, length: int) -> bytes:
        if offset < 0 or offset >= self.size or length <= 0:
            return b""
        want = offset + min(length, self.size - offset)
        point = self._points[max(0, bisect.bisect_right([p[0] for p in self._points], offset) - 1)]
        cursor, self._cursor = self._cursor, None
        blocks: Iterator[tuple[int, bytes, tuple[int, int, Any, bytes]]]
        if cursor is not None and point[0] <= cursor[0] <= offset:
            blocks = itertools.chain([cursor], self._run(cursor[2]))
        else:
            blocks = self._run((point[0], point[1], point[2].copy(), point[3]))
        out = bytearray()
        for start, data, after in blocks:
            end = start + len(data)
            if end > offset:
                out += data[max(0, offset - start): want - start]
            if end >= want:
                self._cursor = (start, data, after)
                break
        return bytes(out)


# ------------------------------------------------------------------------------------------ TAR
def _tar_member(info: tarfile.TarInfo) -> Member:
    raw = info.name.encode("utf-8", "surrogateescape")
    if info.isdir():
        kind = "dir"
    elif info.issym():
        kind = "link"
    elif info.islnk():
        kind = "link"
    elif info.isreg():
        kind = "file"
    else:
        kind = "other"
    mode = info.mode | {"dir": stat.S_IFDIR, "link": stat.S_IFLNK, "file": stat.S_IFREG}.get(kind, 0)
    m = Member(raw, kind, info.size if kind == "file" else 0, mode, info.uid, info.gid,
               mtime=unix_iso(info.mtime), basis=BASIS_UTC, ref=info)
    if info.issym():
        m.target = info.linkname.encode("utf-8", "surrogateescape")
    elif info.islnk():
        m.flags.append("hardlink")
        m.target = info.linkname.encode("utf-8", "surrogateescape")
        if link_outside(b"", m.target):
            m.flags.append("link-outside")
    return m


class TarSource(MemberSource):
    """The members of a TAR (plain or gzip-compressed), read in place; see the module text."""

    fs_type = "TAR"
    what = "TAR archive"

    def __init__(self, volume: ByteVolume, *, gzipped: bool) -> None:
        super().__init__()
        if gzipped:
            gz = GzipVolume(volume)
            if gz.truncated:
                self.problems.append(f"The TAR archive's compression is damaged or truncated: {gz.truncated}.")
            volume = gz
        self._volume = volume
        try:
            self._tar = tarfile.TarFile(fileobj=FileObject(volume), mode="r")  # type: ignore[arg-type]
        except (tarfile.TarError, OSError, EOFError, ValueError, zlib.error) as exc:
            raise FileSystemError(f"The TAR archive cannot be read from its start: {exc}.") from exc
        infos: list[tarfile.TarInfo] = []
        problem = ""
        while True:
            try:
                info = self._tar.next()
            except (tarfile.TarError, OSError, EOFError, ValueError, zlib.error, UnicodeError) as exc:
                problem = f"a header cannot be read ({exc})"
                break
            if info is None:
                break
            infos.append(info)
        if not problem:
            problem = self._check_end(infos)
        for info in infos:
            m = _tar_member(info)
            if m.type == "file" and info.offset_data + info.size > volume.size:
                m.flags.append("truncated")  # read up to a bound past the end: the rest is unreadable
                m.size = min(m.size, max(0, volume.size - info.offset_data) + BOMB_READ_LIMIT)
            self.members.append(m)
        if problem:
            self.problems.append(f"The TAR archive is damaged or truncated: {problem}; the {len(infos)} member(s) "
                                 "before that point are listed, anything after it is not.")
        self._finish_listing()

    def _check_end(self, infos: list[tarfile.TarInfo]) -> str:
        """'' when the archive ends with its end-of-archive blocks, else what is wrong."""
        if infos and infos[-1].isreg() and infos[-1].offset_data + infos[-1].size > self._volume.size:
            last = infos[-1]
            return (f"the data of its last member {last.name!r} is cut short "
                    f"({max(0, self._volume.size - last.offset_data)} of {last.size} bytes)")
        end = self._tar.offset
        tail = self._volume.read(end, 1024)
        if len(tail) < 1024 or tail.strip(b"\x00"):
            return f"it does not end with the end-of-archive blocks (at byte {end})"
        return ""

    def _reader(self, m: Member, path: str) -> Callable[[int, int], bytes]:
        info: tarfile.TarInfo = m.ref
        if info.sparse is not None:
            def sparse(offset: int, length: int) -> bytes:
                handle = self._tar.extractfile(info)
                if handle is None:
                    return b""
                try:
                    handle.seek(offset)
                    return handle.read(length)
                except (tarfile.TarError, OSError, EOFError) as exc:
                    raise OSError(f"the sparse TAR member cannot be read here: {exc}") from exc
            return sparse
        start = info.offset_data

        def read(offset: int, length: int) -> bytes:
            return self._volume.read(start + offset, length)
        return read


def open_tar(ctx: LayerContext) -> TarSource:
    """Source-layer opener for ``tar`` (``tar`` or ``targz`` is not distinguished by the layer:
    the bytes say whether they are gzip-compressed)."""
    volume = ctx.below()
    return TarSource(volume, gzipped=volume.read(0, 2) == b"\x1f\x8b")


__all__ = ["BOMB_MIN_SIZE", "BOMB_RATIO", "BOMB_READ_LIMIT", "GzipVolume", "Member", "MemberSource", "MemberStream",
           "TarSource", "ZipSource", "entries", "link_outside", "name_flags", "name_text", "open_tar", "open_zip"]
