"""Layers between a volume and its files: shadow copies, encrypted volumes, APFS, archives.

A locator's ``layer`` (``Locator.layer``, e.g. ``bde+vss1``) names, outermost first, what the
resolver opens between the bytes at the volume's offset and the file source the file lives in.
Each segment is a *prefix* (letters) and an optional argument (``vss1``: store 1, ``apfs2``:
volume 2):

* a **volume layer** turns bytes into bytes (``bde``, ``luks``: the decrypted volume; ``vss<N>``:
  the volume as shadow copy store N saw it). When the last segment is a volume layer, the file
  system on the resulting bytes is opened by The Sleuth Kit (:class:`~.source.TskSource`).
* a **source layer** turns bytes (or, for evidence that is not a disk, the evidence path) into a
  :class:`~.source.FileSource` (``apfs<N>``: an APFS volume read by libfsapfs; ``zip``, ``tar``,
  ``dir``, ``ios``: the members of an archive, a folder or an iOS backup). It must be last.

Openers are named here by ``module:function`` and imported when first used, so adding a layer
is one line here and one module; the resolver (:mod:`.resolver`) is not edited. Intake finds
layers with the *discovery* hooks listed in :data:`DISCOVERY` (called by
:func:`forensic_triage.fs.volumes.scan_volumes` on every volume it lists).

Secrets (a BitLocker recovery key, a LUKS passphrase) never reach the case: the opener of an
encrypted layer asks :mod:`forensic_triage.evidence.keyring` for the secret the examiner gave
with ``evidence unlock`` in this login session.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

import pytsk3

from ..errors import FileSystemError

_SEGMENT_RE = re.compile(r"^(?P<prefix>[a-z]+)(?P<arg>[A-Za-z0-9_.@=-]*)$")


@runtime_checkable
class ByteVolume(Protocol):
    """Bytes of a volume, read-only: a partition of the media, a decrypted volume, a shadow copy."""

    size: int

    def read(self, offset: int, length: int) -> bytes: ...


class MediaSlice:
    """``length`` bytes of a media (or of another volume) from ``offset``."""

    def __init__(self, inner: ByteVolume, offset: int, length: int | None = None) -> None:
        self.inner, self.offset = inner, int(offset)
        self.size = max(0, (inner.size - self.offset) if length is None else min(int(length), inner.size - self.offset))

    def read(self, offset: int, length: int) -> bytes:
        if offset < 0 or offset >= self.size or length <= 0:
            return b""
        return self.inner.read(self.offset + offset, min(length, self.size - offset))


class FileObject:
    """A read-only file object over a :class:`ByteVolume`, for libraries that want one (the libyal
    bindings' ``open_file_object``). ``write`` does not exist."""

    def __init__(self, volume: ByteVolume) -> None:
        self._volume = volume
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = self._volume.size - self._pos
        data = self._volume.read(self._pos, size)
        self._pos += len(data)
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: self._volume.size}[whence]
        self._pos = base + offset
        return self._pos

    def tell(self) -> int:
        return self._pos

    def get_size(self) -> int:
        return self._volume.size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def writable(self) -> bool:
        return False

    def close(self) -> None:
        """The volume below stays open (the resolver owns it)."""


class VolumeImg(pytsk3.Img_Info):  # type: ignore[misc]
    """A pytsk3 image over a :class:`ByteVolume` (The Sleuth Kit reads a decrypted volume or a
    shadow copy like any other)."""

    def __init__(self, volume: ByteVolume) -> None:
        self._volume = volume
        super().__init__(url="", type=pytsk3.TSK_IMG_TYPE_EXTERNAL)

    def read(self, offset: int, size: int) -> bytes:
        return self._volume.read(offset, size)

    def get_size(self) -> int:
        return self._volume.size

    def close(self) -> None:
        pass


@dataclasses.dataclass(slots=True)
class LayerContext:
    """What an opener gets: where the layer sits and the bytes below it."""

    evidence_path: str
    offset: int
    segment: str  # this layer's segment, e.g. "vss1"
    prefix: str  # "vss"
    arg: str  # "1"
    outer: str  # the segments before this one, joined by "+" ("" for the first)
    below: Callable[[], ByteVolume]  # the bytes this layer reads (opened on first call)


VolumeOpener = Callable[[LayerContext], ByteVolume]
SourceOpener = Callable[[LayerContext], Any]  # -> FileSource

# prefix -> "module:function". Volume layers give bytes, source layers a FileSource.
VOLUME_LAYERS: dict[str, str] = {
    "vss": "forensic_triage.fs.vss:open_store",
    "bde": "forensic_triage.fs.crypto:open_bde",
    "luks": "forensic_triage.fs.crypto:open_luks",
}
SOURCE_LAYERS: dict[str, str] = {
    "apfs": "forensic_triage.fs.apfs:open_volume",
    "zip": "forensic_triage.fs.archive:open_zip",
    "tar": "forensic_triage.fs.archive:open_tar",
    "dir": "forensic_triage.fs.folder:open_folder",
    "ios": "forensic_triage.fs.iosbackup:open_backup",
}
# `evidence unlock`: layer prefix -> "module:function" with the signature
#   unlock(media: ByteVolume, volume: dict (the locked volume's row), kind: str, secret: bytes)
#       -> list[VolumeInfo]   (the volumes the secret opens, with layer and parent_layer set)
# raising errors.EvidenceError with a clear sentence for a wrong secret. The CLI (cli/cmd_evidence.py)
# and the GUI call it, record the new volumes, keep the secret in evidence.keyring and audit the unlock.
UNLOCKERS: dict[str, str] = {
    "bde": "forensic_triage.fs.crypto:unlock_bde",
    "luks": "forensic_triage.fs.crypto:unlock_luks",
    "apfs": "forensic_triage.fs.apfs:unlock",
}
# Intake: functions (media, volumes) -> volumes, called in order on the listing of every disk
# (see fs.volumes.scan_volumes); each may add layered volumes or mark one as locked.
DISCOVERY: tuple[str, ...] = (
    "forensic_triage.fs.crypto:discover",
    "forensic_triage.fs.vss:discover",
    "forensic_triage.fs.apfs:discover",
)


def split_layer(layer: str) -> list[tuple[str, str, str]]:
    """``"bde+vss1"`` -> ``[("bde", "bde", ""), ("vss1", "vss", "1")]``; raises on bad text."""
    out = []
    for segment in layer.split("+") if layer else []:
        match = _SEGMENT_RE.match(segment)
        if not match:
            raise FileSystemError(f"{layer!r} is not a layer this tool can read (segment {segment!r}).")
        out.append((segment, match.group("prefix"), match.group("arg")))
    return out


def load(ref: str) -> Callable[..., Any]:
    """The function a ``module:function`` reference names."""
    module, _, name = ref.partition(":")
    try:
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
    except (ImportError, AttributeError) as exc:
        raise FileSystemError(f"The reader for this layer ({ref}) is not available in this installation: {exc}.",
                              hint="Install the tool with all its dependencies (scripts/bootstrap.sh).") from exc


def kind_of(prefix: str) -> str:
    """'volume', 'source' or '' (unknown)."""
    return "volume" if prefix in VOLUME_LAYERS else "source" if prefix in SOURCE_LAYERS else ""


__all__ = ["DISCOVERY", "SOURCE_LAYERS", "UNLOCKERS", "VOLUME_LAYERS", "ByteVolume", "FileObject", "LayerContext",
           "MediaSlice", "VolumeImg", "kind_of", "load", "split_layer"]
