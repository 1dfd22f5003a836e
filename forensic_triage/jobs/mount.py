"""A read-only FUSE mount of a case's evidence, built from the case database.

The tree comes from the ``files`` table, not from a new walk: one folder per evidence item (its
exhibit), in it one folder per volume (``p2_fat16``, ``p3_ntfs``, ``p3_ntfs_vss1``: the partition
slot, the file system and the layer), in it the volume's allocated files where the triage listed
them, NTFS named streams as ``name:stream`` beside their file, and the deleted entries (names
marked unallocated, orphans) under ``$deleted`` in their original folders. Sizes are the
case's; times are the case's (a local clock with no declared zone is shown as if it were UTC,
so ``ls`` under TZ=UTC shows the clock the file system recorded). Files are mode 0444, folders
0555.

Every read goes through one :class:`~..fs.resolver.Resolver` (``open_row`` and ``read`` under its
lock); the mount is made with ``ro`` and ``default_permissions``, and every call that would change
anything answers EROFS. The mount and the unmount are recorded in the case's audit log.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import getpass
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import EvidenceError, StoreError, TriageError, UsageError
from ..fs.resolver import Resolver
from ..model import Stream
from ..store import CaseStore
from ..timeutil import BASIS_LOCAL, local_to_utc, parse_iso
from .source_zone import find_evidence

DELETED = "$deleted"
ORPHANS = "/$OrphanFiles"  # The Sleuth Kit's folder of orphan entries (empty on FAT)
FS_NAME = "forensic-triage"
FILE_MODE = stat.S_IFREG | 0o444
DIR_MODE = stat.S_IFDIR | 0o555
_UNSAFE = re.compile(r"[/\x00]")
_WORD = re.compile(r"[^a-z0-9]+")
# Calls that would change the mount: each answers EROFS.
WRITE_CALLS = ("chmod", "chown", "create", "link", "mkdir", "mknod", "rename", "rmdir", "setxattr",
               "removexattr", "symlink", "truncate", "unlink", "utimens", "write", "fallocate")


class MountError(TriageError):
    """The mount cannot be made or released (FUSE missing, a bad mount point)."""

    exit_code = 1


@dataclasses.dataclass(slots=True)
class Node:
    """One name in the mounted tree: a folder (``children``) or a file (``file_id``)."""

    size: int = 0
    mtime: int = 0  # nanoseconds since 1970 (UTC)
    atime: int = 0
    ctime: int = 0
    file_id: int | None = None
    evidence_path: str = ""
    children: dict[str, Node] | None = None

    @property
    def is_dir(self) -> bool:
        return self.children is not None

    def attrs(self, uid: int, gid: int) -> dict[str, Any]:
        return {"st_mode": DIR_MODE if self.is_dir else FILE_MODE, "st_nlink": 2 if self.is_dir else 1,
                "st_size": self.size, "st_mtime": self.mtime, "st_atime": self.atime, "st_ctime": self.ctime,
                "st_uid": uid, "st_gid": gid, "st_blocks": (self.size + 511) // 512}


@dataclasses.dataclass(slots=True)
class MountTree:
    """The tree to mount and what it shows (for the audit and the messages)."""

    root: Node
    evidence: list[dict[str, Any]]  # uid, exhibit, path, volumes (folder names)
    files: int = 0
    deleted: int = 0


def _nanos(text: str | None, basis: str, zone: str | None) -> int:
    """A stored time as Unix nanoseconds (0 when unknown). A local clock becomes UTC with the declared
    zone; without one its wall clock is taken as UTC (documented: never a claim of UTC)."""
    if not text:
        return 0
    try:
        moment = parse_iso((local_to_utc(text, zone) or text) if basis == BASIS_LOCAL else text)
    except ValueError:
        return 0
    if moment is None:
        return 0
    whole = int(moment.replace(microsecond=0).timestamp())
    return whole * 1_000_000_000 + moment.microsecond * 1000


def _safe(name: str) -> str:
    return _UNSAFE.sub("_", name) or "_"


def volume_folder(vol: dict[str, Any]) -> str:
    """``p2_fat16``, ``p3_ntfs_vss1``, ``whole_ext4``: slot, file system and layer of a volume."""
    slot = f"p{vol['addr']}" if vol.get("addr") is not None else "whole"
    fs = _WORD.sub("", str(vol.get("fs_type") or "fs").lower())
    layer = _WORD.sub("_", str(vol.get("layer") or "").lower()).strip("_")
    return "_".join(p for p in (slot, fs, layer) if p)


def _folder(parent: Node, parts: list[str], when: Node | None = None) -> Node:
    node = parent
    for part in parts:
        assert node.children is not None
        child = node.children.get(part)
        if child is None or not child.is_dir:
            if child is not None:  # a file already holds the name: the folder gets a distinct one
                part = f"{part} (folder)"
                child = node.children.get(part)
            if child is None:
                child = Node(children={})
                node.children[part] = child
        node = child
    if when is not None:
        node.mtime, node.atime, node.ctime = when.mtime, when.atime, when.ctime
    return node


def _place(folder: Node, name: str, node: Node, file_id: int) -> None:
    """Put ``node`` in ``folder`` under ``name``, or ``name~ID`` when the name is taken (a
    deleted entry may share its name with a newer file or with another deleted one)."""
    assert folder.children is not None
    if name in folder.children:
        name = f"{name}~{file_id}"
    folder.children[name] = node


def build_tree(store: CaseStore, exhibit: str | None = None) -> MountTree:
    """The mount's tree for every evidence item of the case (or only ``exhibit``)."""
    items = [find_evidence(store, exhibit)] if exhibit else store.evidence.items()
    if not items:
        raise UsageError("This case holds no evidence to mount.",
                         hint="Add evidence with 'forensic-triage evidence add' and run the triage first.")
    root = Node(children={})
    tree = MountTree(root, [])
    for ev in items:
        top = _folder(root, [_safe(str(ev["exhibit"]))])
        zone = ev.get("source_timezone")
        volumes = {int(v["id"]): v for v in store.evidence.volumes_of(int(ev["id"]))}
        names: dict[int, str] = {}
        parents, entries = store.files.tree_of(int(ev["id"]))
        for r in entries:
            vid = int(r["volume_id"])
            if vid not in names:
                name = volume_folder(volumes.get(vid, {}))
                taken = set(names.values())
                if name in taken:
                    name = f"{name}_at{volumes.get(vid, {}).get('offset', vid)}"
                names[vid] = name
            basis = str(r["time_basis"] or "utc")
            node = Node(size=int(r["size"] or 0), mtime=_nanos(r["mtime"], basis, zone),
                        atime=_nanos(r["atime"], basis, zone), ctime=_nanos(r["ctime"], basis, zone))
            volume = _folder(top, [names[vid]])
            deleted = not int(r["allocated"])
            base = _folder(volume, [DELETED]) if deleted else volume
            parent_parts = [_safe(p) for p in str(r["parent_path"]).split("/") if p]
            is_dir = not r["stream"] and (r["type"] == "dir" or (vid, str(r["path"])) in parents
                                          or str(r["path"]) == ORPHANS)
            if is_dir:
                _folder(base, [*parent_parts, _safe(str(r["name"]))], node)
                continue
            node.file_id, node.evidence_path = int(r["id"]), str(ev["path"])
            _place(_folder(base, parent_parts), _safe(str(r["name"])), node, int(r["id"]))
            tree.files += 1
            tree.deleted += deleted
        tree.evidence.append({"evidence": ev["uid"], "exhibit": ev["exhibit"], "path": ev["path"],
                              "folder": _safe(str(ev["exhibit"])), "volumes": sorted(names.values())})
    return tree


class EvidenceFS:
    """The FUSE operations over a :class:`MountTree`: reads through one resolver, writes refused."""

    def __init__(self, tree: MountTree, row_of: Callable[[int], dict[str, Any]]) -> None:
        self.tree = tree
        self.row_of = row_of  # file id -> the files row (locator columns) to open
        self.resolver = Resolver(keep=4)
        self.uid, self.gid = os.getuid(), os.getgid()
        self._handles: dict[int, tuple[Stream, Node]] = {}
        self._next = 0
        self._lock = threading.Lock()
        self.started = threading.Event()  # the kernel opened the connection: the mount is in place
        self.reads = 0
        self.bytes_read = 0
        self.errors = 0

    def _node(self, path: str) -> Node:
        node = self.tree.root
        for part in (p for p in path.split("/") if p):
            if node.children is None or part not in node.children:
                raise _os_error(errno.ENOENT)
            node = node.children[part]
        return node

    def init_with_config(self, conn: Any, config: Any) -> None:
        self.started.set()

    def getattr(self, path: str, fh: int | None = None) -> dict[str, Any]:
        return self._node(path).attrs(self.uid, self.gid)

    def readdir(self, path: str, fh: int) -> list[str]:
        node = self._node(path)
        if node.children is None:
            raise _os_error(errno.ENOTDIR)
        return [".", "..", *sorted(node.children)]

    def open(self, path: str, flags: int) -> int:
        if flags & os.O_ACCMODE != os.O_RDONLY or flags & (os.O_APPEND | os.O_TRUNC | os.O_CREAT):
            raise _os_error(errno.EROFS)
        node = self._node(path)
        if node.file_id is None:
            raise _os_error(errno.EISDIR)
        try:
            stream = self.resolver.open_row(node.evidence_path, self.row_of(node.file_id))
        except (TriageError, OSError) as exc:
            self.errors += 1
            print(f"cannot open {path}: {exc}", file=sys.stderr)
            raise _os_error(errno.EIO) from exc
        with self._lock:
            self._next += 1
            self._handles[self._next] = (stream, node)
            return self._next

    def read(self, path: str, size: int, offset: int, fh: int) -> bytes:
        stream, node = self._handles[fh]
        length = min(size, node.size - offset)
        if length <= 0:
            return b""
        try:
            data = self.resolver.read(stream, offset, length)
        except OSError as exc:
            self.errors += 1
            print(f"cannot read {path} at byte {offset}: {exc}", file=sys.stderr)
            raise _os_error(errno.EIO) from exc
        if len(data) < length:  # a short read would shrink the file in the kernel's eyes: say so instead
            self.errors += 1
            print(f"cannot read {path} at byte {offset + len(data)}: the evidence gives only {len(data)} of "
                  f"{length} bytes there", file=sys.stderr)
            raise _os_error(errno.EIO)
        self.reads += 1
        self.bytes_read += len(data)
        return data

    def release(self, path: str, fh: int) -> int:
        with self._lock:
            self._handles.pop(fh, None)
        return 0

    def statfs(self, path: str) -> dict[str, int]:
        return {"f_bsize": 4096, "f_frsize": 4096, "f_blocks": 0, "f_bfree": 0, "f_bavail": 0,
                "f_files": self.tree.files, "f_ffree": 0, "f_namemax": 255, "f_flag": os.ST_RDONLY}

    def access(self, path: str, amode: int) -> int:
        self._node(path)
        if amode & os.W_OK:
            raise _os_error(errno.EROFS)
        return 0

    def destroy(self, path: str) -> None:
        self.resolver.close()


def refuse(*args: Any, **kwargs: Any) -> int:
    """Every call that would change the mount: EROFS."""
    raise _os_error(errno.EROFS)


def _os_error(code: int) -> OSError:
    return OSError(code, os.strerror(code))


def fuse_problem() -> str | None:
    """Why FUSE cannot be used here, or ``None`` when it can."""
    if not os.path.exists("/dev/fuse"):
        return "/dev/fuse is missing (the fuse kernel module is not loaded, or this container has no FUSE device)"
    try:
        os.close(os.open("/dev/fuse", os.O_RDWR))
    except OSError as exc:
        return f"/dev/fuse cannot be opened ({exc.strerror}); run as a user allowed to use FUSE"
    try:
        import mfusepy  # noqa: F401
    except (ImportError, OSError, AttributeError) as exc:
        return f"libfuse cannot be loaded ({exc}); install fuse3 (or fuse) and mfusepy"
    return None


def is_mounted(mount_point: str | os.PathLike[str]) -> bool:
    return os.path.ismount(os.path.abspath(mount_point))


def our_mounts() -> dict[str, str]:
    """Mount point -> file system type of every forensic-triage mount now in place."""
    found: dict[str, str] = {}
    with contextlib.suppress(OSError), open("/proc/self/mountinfo", encoding="utf-8") as fh:
        for line in fh:
            fields = line.split()
            if " - " not in line:
                continue
            after = line.split(" - ", 1)[1].split()
            if len(after) >= 2 and (after[1] == FS_NAME or after[0].endswith(FS_NAME)):
                found[_unescape(fields[4])] = after[0]
    return found


def _unescape(text: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), text)


def check_mount_point(mount_point: str | os.PathLike[str]) -> Path:
    """The mount point, resolved; a clear error when it is missing, not a folder, in use or not empty."""
    path = Path(mount_point).resolve()
    if not path.exists():
        raise MountError(f"The mount point {path} does not exist.", hint=f"Create it first: mkdir -p {path}")
    if not path.is_dir():
        raise MountError(f"The mount point {path} is not a folder.")
    if is_mounted(path):
        raise MountError(f"Something is already mounted on {path}.",
                         hint=f"Release it first ('forensic-triage unmount {path}') or choose another folder.")
    if any(path.iterdir()):
        raise MountError(f"The mount point {path} is not empty.",
                         hint="Choose an empty folder: a mount would hide what it holds.")
    return path


def _audit(case_dir: str, action: str, details: dict[str, Any], *, wait: float) -> bool:
    """Record ``action`` in the case's audit log, waiting up to ``wait`` seconds for a job that
    holds the case open for writing; ``False`` when it could not be recorded."""
    deadline = time.monotonic() + wait
    while True:
        try:
            with CaseStore.open(case_dir) as store:
                store.audit(store.examiner, action, details)
            return True
        except StoreError:
            if time.monotonic() >= deadline:
                if wait:
                    return False
                raise
            time.sleep(0.5)


def mount_case(case_dir: str | os.PathLike[str], mount_point: str | os.PathLike[str], exhibit: str | None = None,
               *, allow_other: bool = False, on_ready: Callable[[MountTree, Path], None] | None = None) -> dict[str, Any]:
    """Mount the case's evidence read-only on ``mount_point`` and serve it until it is unmounted
    (``unmount``, ``fusermount3 -u`` or Ctrl-C). Records the mount and the unmount in the audit
    log. Returns what was read while mounted."""
    problem = fuse_problem()
    if problem:
        raise MountError(f"FUSE is not available: {problem}.")
    path = check_mount_point(mount_point)
    with CaseStore.open(case_dir, read_only=True) as store:
        if store.case_info().get("read_only"):
            raise EvidenceError("This is a review case imported from a package; its evidence is not attached.")
        tree = build_tree(store, exhibit)
    for ev in tree.evidence:
        if not os.path.exists(ev["path"]):
            raise EvidenceError(f"The evidence of {ev['exhibit']} is not at its recorded path {ev['path']}.",
                                hint="Attach the evidence image at its recorded path.")
    import mfusepy

    details = {"mount_point": str(path), "evidence": [e["evidence"] for e in tree.evidence],
               "libfuse": f"{mfusepy.fuse_version_major}.{mfusepy.fuse_version_minor}",
               "exhibits": [e["exhibit"] for e in tree.evidence], "read_only": True, "os_user": _os_user(),
               "pid": os.getpid(), "files": tree.files, "deleted_files": tree.deleted}
    _audit(str(case_dir), "evidence mounted", details, wait=0)
    rows = CaseStore.open(case_dir, read_only=True)
    row_lock = threading.Lock()

    def row_of(file_id: int) -> dict[str, Any]:
        with row_lock:
            found = rows.findings.file_with_evidence_path(file_id)
        if found is None:
            raise EvidenceError(f"No file with id {file_id} in this case.")
        return found

    ops = EvidenceFS(tree, row_of)
    if on_ready is not None:
        threading.Thread(target=_when_mounted, args=(path, tree, on_ready), daemon=True).start()
    try:
        _serve(ops, path, allow_other=allow_other)
    finally:
        ops.resolver.close()
        rows.close()
        summary = {"reads": ops.reads, "bytes_read": ops.bytes_read, "read_errors": ops.errors}
        action = "evidence unmounted" if ops.started.is_set() else "evidence mount failed"
        recorded = _audit(str(case_dir), action,
                          {**{k: details[k] for k in ("mount_point", "evidence", "exhibits", "os_user", "pid")},
                           **summary}, wait=120)
        summary["audited"] = recorded
    return summary


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


def _when_mounted(path: Path, tree: MountTree, on_ready: Callable[[MountTree, Path], None]) -> None:
    for _ in range(1200):
        if is_mounted(path):
            on_ready(tree, path)
            return
        time.sleep(0.05)


def _serve(ops: EvidenceFS, path: Path, *, allow_other: bool) -> None:
    import mfusepy

    class _Ops(mfusepy.Operations):  # type: ignore[misc]
        """mfusepy registers what its Operations class defines: reads go to ``ops``, changes fail."""

        use_ns = True

    for name in ("init_with_config", "getattr", "readdir", "open", "read", "release", "statfs", "access", "destroy"):
        setattr(_Ops, name, staticmethod(getattr(ops, name)))
    for name in WRITE_CALLS:
        setattr(_Ops, name, staticmethod(refuse))
    options: dict[str, Any] = {"ro": True, "default_permissions": True, "fsname": FS_NAME, "subtype": FS_NAME,
                               "nothreads": True, "foreground": True}
    if allow_other:
        options["allow_other"] = True
    try:
        mfusepy.FUSE(_Ops(), str(path), **options)
    except RuntimeError as exc:
        raise MountError(f"The mount on {path} failed (libfuse error {exc}).",
                         hint="Check that the folder is empty and that FUSE may be used here.") from exc


# --------------------------------------------------------------------- releasing and helpers
def _fusermount() -> list[str]:
    for tool in ("fusermount3", "fusermount"):
        found = shutil.which(tool)
        if found:
            return [found, "-u"]
    return ["umount"]


def unmount(mount_point: str | os.PathLike[str], *, lazy: bool = False, wait: float = 15.0) -> Path:
    """Release a forensic-triage mount (``fusermount3 -u``); waits until it is gone."""
    path = Path(os.path.abspath(mount_point))
    if not is_mounted(path):
        raise MountError(f"Nothing is mounted on {path}.")
    if str(path) not in our_mounts():
        raise MountError(f"{path} is not a forensic-triage mount; it is left alone.",
                         hint="Release other mounts with the tool that made them.")
    command = [*_fusermount(), *(["-z"] if lazy else []), str(path)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip()
        raise MountError(f"{path} cannot be released: {reason}.",
                         hint="Close every program with a file or a shell open in it, then try again.")
    deadline = time.monotonic() + wait
    while is_mounted(path) and time.monotonic() < deadline:
        time.sleep(0.05)
    return path


def _cli() -> list[str]:
    """This installation's command line: the frozen build's ``forensic-triage`` beside the
    application, else this interpreter with ``-m forensic_triage``."""
    beside = Path(sys.executable).with_name("forensic-triage")
    if getattr(sys, "frozen", False) and beside.is_file():
        return [str(beside)]
    return [sys.executable, "-m", "forensic_triage"]


def start_mount_process(case_dir: str | os.PathLike[str], mount_point: str | os.PathLike[str],
                        exhibit: str | None = None, *, allow_other: bool = False,
                        timeout: float = 60.0) -> subprocess.Popen[bytes]:
    """Run ``forensic-triage mount`` in its own process and return it once the mount is in place
    (for ``mount --background`` and the GUI); its error message when it fails."""
    command = [*_cli(), "mount", str(case_dir),
               *([exhibit] if exhibit else []), str(mount_point), "--foreground"]
    if allow_other:
        command.append("--allow-other")
    path = os.path.abspath(mount_point)
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                                   start_new_session=True)
        deadline = time.monotonic() + timeout
        while not is_mounted(path):
            if process.poll() is not None:
                log.seek(0)
                text = log.read().decode("utf-8", "replace").strip()
                raise MountError(text.removeprefix("error: ") or f"The mount process ended ({process.returncode}).")
            if time.monotonic() > deadline:
                process.terminate()
                raise MountError(f"The mount on {path} did not appear within {timeout:.0f} s.")
            time.sleep(0.05)
    return process

