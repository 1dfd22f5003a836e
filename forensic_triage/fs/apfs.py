"""APFS: the volumes of an APFS container, read by libfsapfs (pyfsapfs), which The Sleuth Kit's
pytsk3 cannot read.

* :func:`discover` (an intake hook, see :data:`.layers.DISCOVERY`) names a volume whose bytes
  start with an APFS container superblock (``NXSB`` at byte 32) as an ``APFS container`` and adds
  one volume per APFS volume in it, with the layer ``apfs<N>`` (1-based). An encrypted volume is
  listed as locked until ``evidence unlock`` gives its password (:func:`unlock`).
* :func:`open_volume` (the ``apfs`` source layer) gives an :class:`ApfsSource`: every file,
  folder and symbolic link of the volume's current tree with its APFS identifier as inode, its
  nanosecond UTC times, and its extended attributes listed as named streams ``name:attribute``.

libfsapfs reads the current file-system tree only: deleted entries are not recovered and
snapshots are not opened (the volume superblock's snapshot count is recorded in the volume's
details). Case sensitivity, role and creator come from the volume superblock, read here
(:func:`_volume_superblocks`) because the binding does not expose them.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from typing import Any

import pyfsapfs

from ..errors import EvidenceError, FileSystemError
from ..evidence import keyring
from ..model import FileEntry, Locator
from ..timeutil import BASIS_UTC, unix_iso
from .layers import ByteVolume, FileObject, LayerContext, MediaSlice
from .volumes import VolumeInfo

NX_MAGIC = b"NXSB"
XATTR_TYPE = 4354  # The Sleuth Kit's TSK_FS_ATTR_TYPE_APFS_EXT_ATTR: an extended attribute, by index
MAX_DEPTH = 256
_S_IFMT, _S_IFDIR, _S_IFLNK, _S_IFREG = 0o170000, 0o040000, 0o120000, 0o100000
_ROLES = {0: "none", 1: "system", 2: "user", 4: "recovery", 8: "VM", 16: "preboot", 32: "installer",
          64: "data", 128: "baseband", 192: "update", 256: "xART", 320: "hardware", 384: "backup",
          448: "sidecar"}
_MAX_VOLUMES = 100
NO_DELETED = ("APFS volume {what}: deleted entries are not recovered (libfsapfs reads only the current file-system "
              "tree); deleted files on it were not examined.")


def is_container(head: bytes) -> bool:
    """Whether bytes read from the start of a volume begin with an APFS container superblock."""
    return head[32:36] == NX_MAGIC


# ------------------------------------------------------------ superblocks (for the details only)
def _fletcher64_ok(block: bytes) -> bool:
    words = struct.unpack_from(f"<{len(block) // 4}I", block)
    low = high = 0
    for word in words[2:]:
        low = (low + word) % 0xFFFFFFFF
        high = (high + low) % 0xFFFFFFFF
    check_low = 0xFFFFFFFF - ((low + high) % 0xFFFFFFFF)
    check_high = 0xFFFFFFFF - ((low + check_low) % 0xFFFFFFFF)
    return (check_high << 32 | check_low) == int(struct.unpack_from("<Q", block)[0])


def _container_superblock(volume: ByteVolume) -> bytes | None:
    """The newest valid container superblock: block 0, or a later one in the checkpoint area."""
    head = volume.read(0, 4096)
    if len(head) < 4096 or not is_container(head):
        return None
    block_size = struct.unpack_from("<I", head, 36)[0]
    if block_size < 4096 or block_size > 65536 or block_size & (block_size - 1):
        return None
    best = volume.read(0, block_size)
    if not _fletcher64_ok(best):
        return None
    desc_blocks, = struct.unpack_from("<I", best, 104)
    desc_base, = struct.unpack_from("<Q", best, 112)
    if desc_blocks & 0x80000000 or desc_blocks > 4096:
        return best  # a checkpoint area kept in a B-tree: block 0 is used
    for i in range(desc_blocks):
        block = volume.read((desc_base + i) * block_size, block_size)
        if len(block) == block_size and is_container(block) and _fletcher64_ok(block) \
                and struct.unpack_from("<Q", block, 16)[0] > struct.unpack_from("<Q", best, 16)[0]:
            best = block
    return best


def _omap_lookup(volume: ByteVolume, block_size: int, node_oid: int, oid: int, xid: int, depth: int = 0) -> int | None:
    """The physical block of virtual object ``oid`` (newest version at or before ``xid``) in an
    object map B-tree (fixed-size keys and values)."""
    node = volume.read(node_oid * block_size, block_size)
    if len(node) < block_size or depth > 8:
        return None
    flags, level, nkeys = struct.unpack_from("<HHI", node, 32)
    toc_off, toc_len = struct.unpack_from("<HH", node, 40)
    keys_start = 56 + toc_off + toc_len
    values_end = block_size - (40 if flags & 0x1 else 0)  # a root node ends with its btree_info
    best: tuple[int, int] | None = None
    for i in range(min(nkeys, (toc_len // 4) or nkeys)):
        k_off, v_off = struct.unpack_from("<HH", node, 56 + toc_off + 4 * i)
        key_oid, key_xid = struct.unpack_from("<QQ", node, keys_start + k_off)
        if level == 0:
            if key_oid == oid and key_xid <= xid and (best is None or key_xid > best[0]):
                best = (key_xid, struct.unpack_from("<Q", node, values_end - v_off + 8)[0])
        elif (key_oid, key_xid) <= (oid, xid):
            best = (0, struct.unpack_from("<Q", node, values_end - v_off)[0])
    if best is None:
        return None
    return best[1] if level == 0 else _omap_lookup(volume, block_size, best[1], oid, xid, depth + 1)


def _volume_superblocks(volume: ByteVolume) -> tuple[dict[str, Any], list[bytes]]:
    """What the container superblock says (block size and count) and the volume superblocks
    (``APSB``) it lists, in order; empty where they cannot be read."""
    try:
        return _read_superblocks(volume)
    except (struct.error, OverflowError):
        return {}, []


def _read_superblocks(volume: ByteVolume) -> tuple[dict[str, Any], list[bytes]]:
    nx = _container_superblock(volume)
    if nx is None:
        return {}, []
    block_size, block_count = struct.unpack_from("<IQ", nx, 36)
    info = {"block_size": block_size, "block_count": block_count}
    xid, = struct.unpack_from("<Q", nx, 16)
    omap_oid, = struct.unpack_from("<Q", nx, 160)
    omap = volume.read(omap_oid * block_size, block_size)
    if len(omap) < block_size or not _fletcher64_ok(omap):
        return info, []
    tree_oid, = struct.unpack_from("<Q", omap, 48)
    supers = []
    for i in range(_MAX_VOLUMES):
        fs_oid, = struct.unpack_from("<Q", nx, 184 + 8 * i)
        if not fs_oid:
            continue
        paddr = _omap_lookup(volume, block_size, tree_oid, fs_oid, xid)
        block = volume.read(paddr * block_size, block_size) if paddr else b""
        supers.append(block if block[32:36] == b"APSB" else b"")
    return info, supers


def _superblock_details(apsb: bytes) -> dict[str, Any]:
    """Case sensitivity, encryption, role, snapshot count, creator and creation time of a volume."""
    if len(apsb) < 1024 or apsb[32:36] != b"APSB":
        return {}
    incompat, = struct.unpack_from("<Q", apsb, 56)
    num_snapshots, = struct.unpack_from("<Q", apsb, 216)
    fs_flags, = struct.unpack_from("<Q", apsb, 264)
    formatted_by = apsb[272:304].split(b"\0", 1)[0].decode("utf-8", "replace")
    created, = struct.unpack_from("<Q", apsb, 304)
    role, = struct.unpack_from("<H", apsb, 964)
    return {
        "case_sensitive": "no" if incompat & 0x1 else "yes",
        "encrypted": "no" if fs_flags & 0x1 else "yes",
        "role": _ROLES.get(role, f"0x{role:x}"),
        "snapshots": num_snapshots,
        "snapshots_note": "snapshots are not listed or opened: libfsapfs does not read them",
        "formatted_by": formatted_by,
        "created": unix_iso(created // 1_000_000_000, created % 1_000_000_000),
    }


# -------------------------------------------------------------------------------- discovery
def reason(exc: BaseException) -> str:
    """A libyal error chain (``binding_function: what. innermost_function: why. ...``) as
    ``what; why`` without the function names."""
    parts = [p.split(": ", 1)[-1].strip() for p in str(exc).split(". ") if p.strip()]
    return "; ".join(dict.fromkeys(parts[:2])).rstrip(".") or type(exc).__name__


def _open_container(volume: ByteVolume) -> Any:
    container = pyfsapfs.container()
    container.open_file_object(FileObject(volume))
    return container


def _volume_rows(parent: VolumeInfo, container: Any, supers: list[bytes], block_size: int) -> list[VolumeInfo]:
    rows = []
    for index in range(int(container.number_of_volumes)):
        number = index + 1
        layer = f"apfs{number}"
        try:
            apfs = container.get_volume(index)
        except OSError as exc:
            rows.append(VolumeInfo(
                parent.addr, parent.offset, parent.length, f"APFS volume {number} of the container", parent.vs_type,
                "APFS", block_size, None, "error", layer=layer, parent_layer=parent.layer,
                note=f"APFS volume {number} ({layer}) of the container at byte {parent.offset} cannot be read by "
                     f"libfsapfs ({reason(exc)}): its files are not listed."))
            continue
        name = str(apfs.name or "")
        locked = bool(apfs.is_locked())
        details: dict[str, Any] = {"volume_identifier": str(apfs.identifier), "name": name,
                                   "container_identifier": str(container.identifier), "volume_number": number}
        details.update(_superblock_details(supers[index] if index < len(supers) else b""))
        details.setdefault("encrypted", "yes" if locked else "no")
        details["deleted_entries"] = "not recovered (libfsapfs reads only the current tree)"
        note = None
        if locked:
            details["lock"] = "needs the volume password"
            note = (f"Encrypted APFS volume {name!r} ({layer}) at byte {parent.offset}: its files are listed only "
                    "after it is unlocked with the volume password (forensic-triage evidence unlock).")
        elif details.get("snapshots"):
            note = (f"APFS volume {name!r} ({layer}) at byte {parent.offset} has {details['snapshots']} snapshot(s): "
                    "only its current state is listed; the snapshots are not examined (libfsapfs does not read them).")
        rows.append(VolumeInfo(
            parent.addr, parent.offset, parent.length, f"APFS volume {number} {name!r} of the container",
            parent.vs_type, "APFS", block_size, name, "locked" if locked else "pending", note=note, layer=layer,
            lock_state="locked" if locked else "", details=details, parent_layer=parent.layer))
    return rows


def discover(media: Any, volumes: list[VolumeInfo]) -> list[VolumeInfo]:
    """Every volume listed, each APFS container named as one and followed by its APFS volumes.
    Volumes opened through a layer (an unlocked encrypted volume) are not searched."""
    out: list[VolumeInfo] = []
    for v in volumes:
        out.append(v)
        if v.status in ("unallocated", "meta", "pending") or v.lock_state == "locked" or v.layer:
            continue
        below = MediaSlice(media, v.offset, v.length)
        if not is_container(below.read(0, 64)):
            continue
        v.fs_type = "APFS container"
        info, supers = _volume_superblocks(below)
        v.block_size = info.get("block_size")
        claimed = int(info.get("block_size", 0)) * int(info.get("block_count", 0))
        short = (f"; the container claims {claimed} bytes but the image holds {below.size} from its start: it is "
                 "truncated") if claimed > below.size else ""
        try:
            container = _open_container(below)
            v.details = {"container_identifier": str(container.identifier),
                         "volumes": int(container.number_of_volumes), **info}
            rows = _volume_rows(v, container, supers, int(v.block_size or 4096))
        except (OSError, ValueError) as exc:
            v.status = "error"
            v.note = (f"APFS container at byte {v.offset} cannot be read by libfsapfs ({reason(exc)}{short}): its "
                      "files are not listed.")
            continue
        for row in rows:  # a truncated image is then said by the listing's checks (fs.volumes.check_volumes)
            row.fs_size = claimed or None
        out.extend(rows)
        v.status, v.note = "container", None
    return out


# -------------------------------------------------------------------------------- opening
def _open_apfs_volume(container: Any, arg: str) -> Any:
    try:
        index = int(arg) - 1
    except ValueError:
        index = -1
    if not 0 <= index < int(container.number_of_volumes):
        raise FileSystemError(f"The APFS container has no volume {arg!r} (it holds {container.number_of_volumes}).")
    return container.get_volume(index)


def _unlock_volume(apfs: Any, kind: str, secret: bytes) -> bool:
    text = secret.decode("utf-8")
    if kind == "recovery-key":
        apfs.set_recovery_password(text)
    else:
        apfs.set_password(text)
    return bool(apfs.unlock())


def unlock(media: Any, volume: dict[str, Any], kind: str, secret: bytes) -> list[VolumeInfo]:
    """The locked APFS volume of ``volume`` (its row), opened with ``secret``: the same volume,
    listed with lock_state 'unlocked' and status 'pending'. Raises :class:`EvidenceError` for a
    wrong secret."""
    layer = str(volume.get("layer") or "")
    outer, _, segment = layer.rpartition("+")
    if outer or not segment.startswith("apfs"):
        raise EvidenceError(f"The volume with layer {layer!r} is not an APFS volume this version can unlock.")
    if kind == "key-file":
        raise EvidenceError("An APFS volume is unlocked with its password or its recovery key, not a key file.")
    below = MediaSlice(media, int(volume["offset"]), int(volume["length"]))
    try:
        container = _open_container(below)
        apfs = _open_apfs_volume(container, segment[4:])
        if not apfs.is_locked():
            raise EvidenceError(f"The APFS volume {layer} is not locked (not encrypted, or readable without a "
                                "password): there is nothing to unlock.")
        opened = _unlock_volume(apfs, kind, secret)
    except (OSError, UnicodeDecodeError) as exc:
        raise EvidenceError(f"The APFS volume {layer} could not be unlocked: {reason(exc)}.") from exc
    if not opened:
        raise EvidenceError(f"The {kind} given does not unlock the APFS volume {layer}.",
                            hint="Check the password (APFS passwords are case-sensitive).")
    _info, supers = _volume_superblocks(below)
    number = int(segment[4:])
    details = dict(_superblock_details(supers[number - 1] if number <= len(supers) else b""))
    name = str(apfs.name or "")
    details.update({"volume_identifier": str(apfs.identifier), "name": name, "volume_number": number,
                    "container_identifier": str(container.identifier), "encrypted": "yes",
                    "lock": f"unlocked with a {kind}"})
    return [VolumeInfo(volume.get("addr"), int(volume["offset"]), int(volume["length"]),
                       f"APFS volume {number} {name!r} of the container", volume.get("vs_type"), "APFS",
                       volume.get("block_size") or 4096, name, "pending", layer=layer, lock_state="unlocked",
                       details=details, parent_layer="")]


def open_volume(ctx: LayerContext) -> ApfsSource:
    """The ``apfs<N>`` layer: volume N of the APFS container in the bytes below, as a file source
    (unlocked with the secret kept in the session keyring when it is encrypted)."""
    below = ctx.below()
    try:
        container = _open_container(below)
        apfs = _open_apfs_volume(container, ctx.arg)
        if apfs.is_locked():
            layer = f"{ctx.outer}+{ctx.segment}" if ctx.outer else ctx.segment
            kept = keyring.get(ctx.evidence_path, ctx.offset, layer)
            if kept is None or not _unlock_volume(apfs, kept[0], kept[1]):
                raise FileSystemError(f"The APFS volume {layer} at byte {ctx.offset} is encrypted and locked.",
                                      hint="Unlock it in this session with 'forensic-triage evidence unlock' and "
                                           "the volume password.")
    except (OSError, UnicodeDecodeError) as exc:
        raise FileSystemError(f"The APFS volume {ctx.segment} at byte {ctx.offset} cannot be opened: {reason(exc)}.") \
            from exc
    info, _supers = _volume_superblocks(below)
    return ApfsSource(container, apfs, int(info.get("block_size") or 4096), ctx.segment)


# -------------------------------------------------------------------------------- the source
class ApfsStream:
    """The data of an APFS file, or one of its extended attributes, read-only."""

    def __init__(self, handle: Any, *, size: int, path: str) -> None:
        self.handle = handle  # a pyfsapfs file entry or extended attribute; never written
        self.size = size
        self.path = path

    def read(self, offset: int, length: int) -> bytes:
        if length <= 0 or offset >= self.size:
            return b""
        return bytes(self.handle.read_buffer_at_offset(min(length, self.size - offset), offset))


def stream_text(name: str) -> str:
    """An extended attribute's name as a locator's stream: '%' and '/' percent-escaped, because a
    locator's path starts at the first '/' (APFS allows '/' in attribute names)."""
    return name.replace("%", "%25").replace("/", "%2F")


def _kind(mode: int) -> str:
    return {_S_IFDIR: "dir", _S_IFLNK: "link", _S_IFREG: "file"}.get(mode & _S_IFMT, "other")


def _time(entry: Any, name: str) -> str | None:
    """A time of a pyfsapfs file entry as UTC text (nanoseconds since 1970 in APFS).

    libfsapfs names the first time of the inode record (Apple's ``create_time``) its
    *modification* time and the second (``mod_time``) its *creation* time: the raw record and
    The Sleuth Kit's ``istat`` agree with Apple's reference, so the walk asks libfsapfs for
    ``creation_time`` to get the modification time and the other way round (checked by
    tests/test_apfs.py against ``istat``)."""
    try:
        value = getattr(entry, f"get_{name}_as_integer")()
    except OSError:
        return None
    if value is None:
        return None
    seconds, nanos = divmod(int(value), 1_000_000_000)
    return unix_iso(seconds, nanos)


class ApfsSource:
    """One APFS volume read by libfsapfs: its current tree (no deleted entries, no snapshots)."""

    fs_type = "APFS"
    time_basis = BASIS_UTC

    def __init__(self, container: Any, volume: Any, block_size: int, segment: str) -> None:
        self.container = container  # kept: the volume reads through it
        self.volume = volume
        self.block_size = block_size
        self.segment = segment

    def walk(self, evidence_uid: str, offset: int, layer: str,
             on_warning: Callable[[str], None] | None = None) -> Iterator[FileEntry]:
        warn = on_warning or (lambda _m: None)
        warn(NO_DELETED.format(what=f"{layer} ({self.volume.name!r}) at byte {offset} of {evidence_uid}"))
        try:
            root = self.volume.get_root_directory()
        except OSError as exc:
            warn(f"The root folder of the APFS volume {layer} cannot be opened: {reason(exc)}")
            return
        visited = {int(root.identifier)}
        stack: list[tuple[Any, str, int]] = [(root, "", 0)]
        while stack:
            directory, parent, depth = stack.pop()
            try:
                children = [directory.get_sub_file_entry(i) for i in range(directory.number_of_sub_file_entries)]
            except OSError as exc:
                warn(f"The folder /{parent} of the APFS volume {layer} cannot be read completely: {reason(exc)}")
                continue
            subdirs = []
            for child in children:
                name = str(child.name)
                path = f"{parent}/{name}" if parent else name
                entry = self._entry(child, name, "/" + path, "/" + parent if parent else "/",
                                    Locator(evidence_uid, offset, int(child.identifier), path="/" + path,
                                            layer=layer), offset)
                yield entry
                yield from self._attributes(child, entry, warn)
                if entry.type == "dir":
                    if entry.locator.inode in visited:
                        warn(f"Directory loop at /{path} (identifier {entry.locator.inode} seen before); not followed.")
                    elif depth + 1 > MAX_DEPTH:
                        warn(f"Folder nesting deeper than {MAX_DEPTH} at /{path}; not followed.")
                    else:
                        visited.add(entry.locator.inode)
                        subdirs.append((child, path, depth + 1))
            stack.extend(reversed(subdirs))

    def _entry(self, child: Any, name: str, path: str, parent: str, locator: Locator, offset: int) -> FileEntry:
        mode = int(child.file_mode)
        kind = _kind(mode)
        first = None
        if kind == "file" and child.number_of_extents:
            extent_offset, _size, _flags = child.get_extent(0)
            first = offset + int(extent_offset) if extent_offset else None
        return FileEntry(
            locator=locator, name=name, name_raw=name.encode("utf-8", "backslashreplace"), parent_path=parent,
            size=int(child.size or 0) if kind != "dir" else 0, allocated=True, meta_allocated=True, type=kind,
            mode=mode & 0o7777, uid=int(child.owner_identifier), gid=int(child.group_identifier),
            mtime=_time(child, "creation_time"), atime=_time(child, "access_time"),  # swapped: see _time
            ctime=_time(child, "inode_change_time"), crtime=_time(child, "modification_time"), first_block=first,
            time_basis=BASIS_UTC)

    @staticmethod
    def _attributes(child: Any, entry: FileEntry, warn: Callable[[str], None]) -> Iterator[FileEntry]:
        """The extended attributes of an entry, each listed as a stream ``name:attribute`` (flag 'xattr')."""
        try:
            count = int(child.number_of_extended_attributes)
            attributes = [child.get_extended_attribute(i) for i in range(count)]
        except OSError as exc:
            warn(f"The extended attributes of {entry.locator.path} cannot be listed: {reason(exc)}")
            return
        loc = entry.locator
        for index, attribute in enumerate(attributes):
            stream = stream_text(str(attribute.name))
            yield FileEntry(
                locator=Locator(loc.evidence, loc.partition_offset, loc.inode, XATTR_TYPE, index, stream, loc.path,
                                loc.layer),
                name=f"{entry.name}:{attribute.name}",
                name_raw=entry.name_raw + b":" + str(attribute.name).encode("utf-8", "backslashreplace"),
                parent_path=entry.parent_path, size=int(attribute.size or 0), allocated=True, meta_allocated=True,
                type="file", flags="xattr", mtime=entry.mtime, atime=entry.atime, ctime=entry.ctime,
                crtime=entry.crtime, time_basis=BASIS_UTC)

    def open(self, locator: Locator, size: int) -> ApfsStream:
        what = locator.path or str(locator)
        try:
            entry = self.volume.get_file_entry_by_identifier(locator.inode)
            if entry is None:
                raise OSError("no such file entry")
            if locator.attr_type != XATTR_TYPE:
                return ApfsStream(entry, size=int(entry.size or 0), path=locator.path)
            # by its position, checked against its name (then by name, should the order have changed)
            attributes = [entry.get_extended_attribute(i) for i in range(entry.number_of_extended_attributes)]
            named = [a for a in attributes if stream_text(str(a.name)) == locator.stream]
            index = locator.attr_id if locator.attr_id is not None else -1
            attribute = attributes[index] if 0 <= index < len(attributes) and attributes[index] in named else \
                next(iter(named), None)
            if attribute is None:
                raise OSError(f"no extended attribute {locator.stream!r}")
            return ApfsStream(attribute, size=int(attribute.size or 0), path=f"{locator.path}:{locator.stream}")
        except OSError as exc:
            raise EvidenceError(f"{what} cannot be opened in the APFS volume {self.segment}: {reason(exc)}.") from exc

    def open_path(self, path: str) -> ApfsStream | None:
        try:
            entry = self.volume.get_file_entry_by_path(path)
        except OSError:
            return None
        if entry is None or _kind(int(entry.file_mode)) != "file":
            return None
        return ApfsStream(entry, size=int(entry.size or 0), path=path)

    def close(self) -> None:
        """libfsapfs frees the container with its last reference."""


__all__ = ["NX_MAGIC", "XATTR_TYPE", "ApfsSource", "ApfsStream", "discover", "is_container", "open_volume", "reason",
           "stream_text", "unlock"]
