"""Test-image builders that drive the real Debian tools (no mount, no root, no FUSE).

Every builder writes plain files into a folder the caller gives (usually ``tmp_path``) and
returns the image's path (or a small description of it). Trees are ``{path: bytes}``
mappings with ``/`` separators relative to the file-system root; a path ending in ``/``
(or mapped to ``None``) is an empty folder; parent folders are created as needed.

Tools: ``mkfs.fat``/``mkfs.vfat`` + mtools (FAT), ``mke2fs -d`` + ``debugfs`` (ext4),
``mkntfs`` + a small libntfs-3g helper compiled on demand (NTFS: ``ntfscp`` cannot create
folders), ``sfdisk`` + ``dd`` (partition tables), ``ewfacquire`` (E01). A missing tool makes
:func:`require_tools` skip the calling test (under pytest; a failure under FT_REQUIRE_TOOLS=1, as
``.ci/run`` sets it) or raise :class:`ToolMissing`.

Reproducibility: every tool runs with ``TZ=UTC``; time stamps come from ``timestamp`` /
``mtimes``; tools that read the clock run under ``faketime -f`` (frozen clock) when
faketime is installed; serials, UUIDs and hash seeds are fixed. With faketime installed,
the FAT, ext4, NTFS, partition-table and E01 builders give identical bytes on every run
(see tests/test_imagebuilders.py). Without faketime, ext4 stays reproducible
(``E2FSPROGS_FAKE_TIME`` and ``debugfs`` set every time stamp), but FAT folders made by
``mmd``, NTFS MFT-change times and the E01 acquisition date get the current time.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
NTFS_PLANT_SOURCE = HERE / "helpers" / "ntfs_plant.c"

FIXED_TIME = "2025-02-27 10:00:00"  # UTC, the default for every time stamp the tools write
_SBIN = ("/usr/local/sbin", "/usr/sbin", "/sbin")
_NAMESPACE = uuid.UUID("0c9f3a52-6a1e-5b7d-8e2f-4d3c2b1a0f99")

Tree = Mapping[str, "bytes | None"]


class ToolMissing(RuntimeError):
    """A tool a builder needs is not installed."""


class ToolFailed(RuntimeError):
    """A tool ran and failed; the message carries its command line and error output."""


# --------------------------------------------------------------------------- tools


def find_tool(name: str) -> str | None:
    """Absolute path of a tool, also looking in the sbin folders a user's PATH may lack."""
    search = os.pathsep.join([os.environ.get("PATH", ""), *_SBIN])
    return shutil.which(name, path=search)


def require_tools(*names: str, skip: bool | None = None) -> dict[str, str]:
    """``{name: absolute path}`` of every named tool.

    When one is missing: ``pytest.skip`` if ``skip`` is true (default: when running under
    pytest), otherwise :class:`ToolMissing`. ``"a|b"`` accepts either name (first found).
    """
    found: dict[str, str] = {}
    missing: list[str] = []
    for spec in names:
        alternatives = spec.split("|")
        path = next((p for p in map(find_tool, alternatives) if p), None)
        if path is None:
            missing.append(" or ".join(alternatives))
        else:
            for alt in alternatives:
                found[alt] = path
    if missing:
        _missing(f"tool(s) not installed: {', '.join(missing)}", skip)
    return found


def _missing(message: str, skip: bool | None = None) -> None:
    if skip is None:
        skip = "pytest" in sys.modules
    if skip:
        from ft_testlib import tool_missing

        tool_missing(message)  # a failure under FT_REQUIRE_TOOLS=1, else a visible skip
    raise ToolMissing(message)


def has_faketime() -> bool:
    return find_tool("faketime") is not None


def _epoch(value: int | float | str | _dt.datetime) -> int:
    if isinstance(value, _dt.datetime):
        return int((value if value.tzinfo else value.replace(tzinfo=_dt.UTC)).timestamp())
    if isinstance(value, str):
        return int(_dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=_dt.UTC).timestamp())
    return int(value)


def _stamp(value: int | float | str | _dt.datetime) -> str:
    return _dt.datetime.fromtimestamp(_epoch(value), _dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _run(args: Sequence[str | os.PathLike[str]], *, frozen_at: int | float | str | _dt.datetime | None = None,
         env: Mapping[str, str] | None = None, input: bytes | None = None,  # noqa: A002
         cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a tool with TZ=UTC (under ``faketime -f`` at ``frozen_at`` when possible); raise on failure."""
    command = [os.fspath(a) for a in args]
    full_env = {**os.environ, "TZ": "UTC", "LC_ALL": "C.UTF-8", **(env or {})}
    if frozen_at is not None:
        faketime = find_tool("faketime")
        if faketime:
            command = [faketime, "-f", _stamp(frozen_at), *command]
            full_env["NO_FAKE_STAT"] = "1"  # libfaketime would also shift the times stat() reports
    result = subprocess.run(command, input=input, capture_output=True, env=full_env, cwd=cwd, check=False,
                            stdin=None if input is not None else subprocess.DEVNULL)
    if result.returncode != 0:
        raise ToolFailed(f"{' '.join(command)} exited with {result.returncode}:\n"
                         f"{result.stderr.decode(errors='replace')}{result.stdout.decode(errors='replace')}")
    return result


# --------------------------------------------------------------------------- trees


@dataclasses.dataclass(frozen=True)
class _Plan:
    dirs: list[str]  # parents first, in first-seen order
    files: list[tuple[str, bytes]]  # in tree order


def _clean(path: str) -> str:
    parts = [p for p in path.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        raise ValueError(f"bad path in tree: {path!r}")
    for part in parts:
        if any(c in part for c in "\t\n\r\0"):
            raise ValueError(f"control character in path {path!r}")
    return "/".join(parts)


def _plan(tree: Tree) -> _Plan:
    dirs: list[str] = []
    seen: set[str] = set()
    files: list[tuple[str, bytes]] = []

    def add_dir(path: str) -> None:
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            prefix = "/".join(parts[:depth])
            if prefix not in seen:
                seen.add(prefix)
                dirs.append(prefix)

    for raw, data in tree.items():
        path = _clean(raw)
        if raw.endswith("/") or data is None:
            add_dir(path)
            continue
        if "/" in path:
            add_dir(path.rsplit("/", 1)[0])
        files.append((path, bytes(data)))
    file_paths = {p for p, _ in files}
    if file_paths & seen:
        raise ValueError(f"path both a file and a folder: {sorted(file_paths & seen)}")
    return _Plan(dirs, files)


def _deletion_order(plan: _Plan, deleted: Iterable[str]) -> list[tuple[str, bool]]:
    """(path, is_dir) to delete, children before their folder."""
    wanted = [_clean(p) for p in deleted]
    known_files = [p for p, _ in plan.files]  # lists, not sets: the order must not vary between runs
    order: list[tuple[str, bool]] = []
    for path in wanted:
        if path in known_files:
            order.append((path, False))
        elif path in plan.dirs:
            inside = [(p, False) for p in known_files if p.startswith(path + "/")]
            inside += [(d, True) for d in plan.dirs if d.startswith(path + "/")]
            inside.sort(key=lambda item: -item[0].count("/"))  # stable: tree order within a depth
            order += inside + [(path, True)]
        else:
            raise KeyError(f"deleted path not in the tree: {path}")
    unique: list[tuple[str, bool]] = []
    for item in order:
        if item not in unique:
            unique.append(item)
    return unique


def _stage(plan: _Plan, root: Path, mtimes: Mapping[str, int], default: int) -> None:
    """Write the tree as host files with fixed modes and times (the tools copy them)."""
    for d in plan.dirs:
        (root / d).mkdir(parents=True, exist_ok=True)
    for path, data in plan.files:
        target = root / path
        target.write_bytes(data)
        target.chmod(0o644)
        when = mtimes.get(path, default)
        os.utime(target, (when, when))
    for d in sorted(plan.dirs, key=lambda p: -p.count("/")):
        (root / d).chmod(0o755)
        when = mtimes.get(d, default)
        os.utime(root / d, (when, when))


def _normalise_mtimes(mtimes: Mapping[str, int | float | str | _dt.datetime] | None) -> dict[str, int]:
    return {_clean(k): _epoch(v) for k, v in (mtimes or {}).items()}


def _new_image(path: Path, size_mb: int | float) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    with open(path, "wb") as handle:
        handle.truncate(int(size_mb * 1024 * 1024))
    return path


# --------------------------------------------------------------------------- FAT


def build_fat(path: Path | str, tree: Tree, size_mb: int | None = None, fat: int = 16, deleted: Iterable[str] = (),
              *, label: str = "TESTFAT", serial: int = 0x46540016, hidden_sectors: int = 0,
              timestamp: int | str | _dt.datetime = FIXED_TIME,
              mtimes: Mapping[str, int | float | str | _dt.datetime] | None = None) -> Path:
    """A FAT12/16/32 image made with ``mkfs.fat`` and mtools; returns ``path``.

    Folders are made with ``mmd``, files copied with ``mcopy -m`` (modification time from
    ``mtimes`` or ``timestamp``, creation/access time = ``timestamp`` through faketime), in
    tree order so directory entries are in a known order; long names get VFAT entries.
    ``deleted`` paths are removed with ``mdel``/``mdeltree``: the 8.3 and long-name entries
    are marked 0xE5 and the clusters stay (The Sleuth Kit lists them with ``*``; an 8.3-only
    name loses its first character, shown as ``_``).
    """
    if fat not in (12, 16, 32):
        raise ValueError("fat must be 12, 16 or 32")
    tools = require_tools("mkfs.fat|mkfs.vfat", "mmd", "mcopy", "mdel", "mdeltree")
    size_mb = size_mb or {12: 4, 16: 16, 32: 34}[fat]
    when = _epoch(timestamp)
    plan = _plan(tree)
    order = _deletion_order(plan, deleted)
    image = _new_image(Path(path), size_mb)
    mtools_env = {"MTOOLS_SKIP_CHECK": "1", "MTOOLSRC": os.devnull}
    mkfs = [tools["mkfs.fat"], "-F", str(fat), "-i", f"{serial:08X}", "-n", label, "-h", str(hidden_sectors)]
    if not has_faketime():
        mkfs.append("--invariant")  # fixed (2015) label time instead of "now"
    _run([*mkfs, image], frozen_at=when)
    with tempfile.TemporaryDirectory(prefix="fatstage-", dir=image.parent) as tmp:
        stage = Path(tmp)
        _stage(plan, stage, _normalise_mtimes(mtimes), when)
        if plan.dirs:
            _run([tools["mmd"], "-i", image, *[f"::/{d}" for d in plan.dirs]], frozen_at=when, env=mtools_env)
        groups: dict[str, list[Path]] = {}
        for file_path, _ in plan.files:
            parent = file_path.rsplit("/", 1)[0] if "/" in file_path else ""
            groups.setdefault(parent, []).append(stage / file_path)
        for parent, sources in groups.items():
            _run([tools["mcopy"], "-m", "-i", image, *sources, f"::/{parent}/" if parent else "::/"],
                 frozen_at=when, env=mtools_env)
    files = [f"::/{p}" for p, is_dir in order if not is_dir]
    if files:
        _run([tools["mdel"], "-i", image, *files], frozen_at=when, env=mtools_env)
    for folder in (p for p, is_dir in order if is_dir):
        _run([tools["mdeltree"], "-i", image, f"::/{folder}"], frozen_at=when, env=mtools_env)
    return image


# --------------------------------------------------------------------------- ext4


def build_ext4(path: Path | str, tree: Tree, deleted: Iterable[str] = (), size_mb: int = 16, *,
               label: str = "testext4", fs_uuid: str = "0b6a1c64-8d6e-4a36-9f25-1d0c6a7e5f01",
               hash_seed: str = "5a0f1e2d-3c4b-4a59-8e7d-6c5b4a392817",
               timestamp: int | str | _dt.datetime = FIXED_TIME,
               mtimes: Mapping[str, int | float | str | _dt.datetime] | None = None) -> Path:
    """An ext4 image made with ``mke2fs -d``; returns ``path``.

    ``E2FSPROGS_FAKE_TIME`` fixes the superblock times; ``debugfs -w`` then sets every
    inode's atime/ctime/mtime/crtime (``mtimes`` or ``timestamp``) and owner 0:0, because
    ``mke2fs -d`` copies the host's ctime and atime, and removes ``deleted`` paths with
    ``rm``/``rmdir`` (The Sleuth Kit lists them with ``*``).
    """
    tools = require_tools("mke2fs", "debugfs")
    when = _epoch(timestamp)
    per_path = _normalise_mtimes(mtimes)
    plan = _plan(tree)
    order = _deletion_order(plan, deleted)
    image = Path(path)
    image.parent.mkdir(parents=True, exist_ok=True)
    if image.exists():
        image.unlink()
    env = {"E2FSPROGS_FAKE_TIME": str(when)}
    with tempfile.TemporaryDirectory(prefix="ext4stage-", dir=image.parent) as tmp:
        stage = Path(tmp) / "root"
        stage.mkdir()
        _stage(plan, stage, per_path, when)
        os.utime(stage, (when, when))
        _run([tools["mke2fs"], "-q", "-F", "-t", "ext4", "-L", label, "-U", fs_uuid,
              "-E", f"hash_seed={hash_seed},root_owner=0:0", "-d", stage, image, f"{int(size_mb * 1024)}k"],
             env=env, frozen_at=when)
    commands: list[str] = []
    everything = ["/", "/lost+found"] + [f"/{d}" for d in plan.dirs] + [f"/{p}" for p, _ in plan.files]
    for item in everything:
        if '"' in item:
            raise ValueError(f"debugfs cannot address a path with a double quote: {item!r}")
        stamp = per_path.get(item.lstrip("/"), when)
        for field in ("atime", "ctime", "mtime", "crtime"):
            commands.append(f'sif "{item}" {field} @{stamp}')
        commands += [f'sif "{item}" uid 0', f'sif "{item}" gid 0']
    for item, is_dir in order:
        commands.append(f'{"rmdir" if is_dir else "rm"} "/{item}"')
    _debugfs(tools["debugfs"], image, commands, env, when)
    return image


def _debugfs(debugfs: str, image: Path, commands: list[str], env: Mapping[str, str], when: int) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".debugfs", dir=image.parent, delete=False,
                                     encoding="utf-8") as script:
        script.write("\n".join(commands) + "\n")
    try:
        result = _run([debugfs, "-w", "-f", script.name, image], env=env, frozen_at=when)
    finally:
        os.unlink(script.name)
    # debugfs exits 0 even when a command fails: its errors are the stderr lines after the banner.
    errors = [line for line in result.stderr.decode(errors="replace").splitlines()
              if line.strip() and not line.startswith("debugfs ")]
    if errors:
        raise ToolFailed("debugfs: " + "\n".join(errors))


# --------------------------------------------------------------------------- NTFS


def _cache_dir(cache_dir: Path | str | None) -> Path:
    if cache_dir is not None:
        return Path(cache_dir)
    if os.environ.get("FT_TOOL_CACHE"):
        return Path(os.environ["FT_TOOL_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "forensic-triage"


def ntfs_plant_tool(cache_dir: Path | str | None = None) -> Path:
    """The compiled ``tests/helpers/ntfs_plant.c`` (built with gcc and -lntfs-3g on first use).

    The binary is cached in ``cache_dir`` (default ``$FT_TOOL_CACHE``, else
    ``~/.cache/forensic-triage``) under a name that includes the source's hash, so an
    edited helper is rebuilt. Skips/raises like :func:`require_tools` when gcc or the
    ntfs-3g-dev headers are missing.
    """
    tools = require_tools("gcc")
    if not Path("/usr/include/ntfs-3g/volume.h").is_file():
        _missing("libntfs-3g headers not installed (Debian package ntfs-3g-dev)")
    source = NTFS_PLANT_SOURCE.read_bytes()
    folder = _cache_dir(cache_dir)
    folder.mkdir(parents=True, exist_ok=True)
    binary = folder / f"ntfs_plant-{hashlib.sha256(source).hexdigest()[:16]}"
    if binary.is_file() and os.access(binary, os.X_OK):
        return binary
    partial = folder / f".{binary.name}.{os.getpid()}"
    _run([tools["gcc"], "-O2", "-Wall", "-o", partial, NTFS_PLANT_SOURCE, "-lntfs-3g"])
    os.replace(partial, binary)  # atomic: parallel test workers may race here
    return binary


def build_ntfs(path: Path | str, tree: Tree, deleted: Iterable[str] = (), size_mb: int = 16, *,
               streams: Mapping[str, Mapping[str, bytes]] | None = None, label: str = "TESTNTFS",
               hidden_sectors: int = 0, timestamp: int | str | _dt.datetime = FIXED_TIME,
               mtimes: Mapping[str, int | float | str | _dt.datetime] | None = None,
               cache_dir: Path | str | None = None) -> Path:
    """An NTFS image: ``mkntfs -F -Q`` then the libntfs-3g helper plants the tree; returns ``path``.

    ``streams`` adds named $DATA streams (alternate data streams), e.g.
    ``{"Users/jdoe/Downloads/setup.exe": {"Zone.Identifier": b"[ZoneTransfer]\\r\\nZoneId=3\\r\\n"}}``
    (files or folders of the tree). ``deleted`` entries are created and then deleted with
    ``ntfs_delete``: the name leaves its folder index but the MFT entry stays (not in use),
    which The Sleuth Kit lists under the original folder with ``*``. Creation, modification
    and access times are ``mtimes``/``timestamp``; MFT-change times come from the clock,
    frozen at ``timestamp`` through faketime when installed.
    """
    tools = require_tools("mkntfs")
    helper = ntfs_plant_tool(cache_dir)
    when = _epoch(timestamp)
    per_path = _normalise_mtimes(mtimes)
    plan = _plan(tree)
    order = _deletion_order(plan, deleted)
    image = _new_image(Path(path), size_mb)
    mkntfs = [tools["mkntfs"], "-F", "-Q", "-q", "-L", label, "-p", str(hidden_sectors), "-H", "255", "-S", "63"]
    if not has_faketime():
        mkntfs.append("-T")  # at least a fixed (1970) format time
    _run([*mkntfs, image], frozen_at=when)
    with tempfile.TemporaryDirectory(prefix="ntfsstage-", dir=image.parent) as tmp:
        stage = Path(tmp)
        lines: list[str] = []
        for d in plan.dirs:
            lines.append(f"mkdir\t{d}\t{per_path.get(d, when)}")
        for number, (file_path, data) in enumerate(plan.files):
            source = stage / f"{number}.bin"
            source.write_bytes(data)
            lines.append(f"file\t{file_path}\t{source}\t{per_path.get(file_path, when)}")
        for number, (target, named) in enumerate((streams or {}).items()):
            target = _clean(target)
            if target not in plan.dirs and target not in {p for p, _ in plan.files}:
                raise KeyError(f"stream target not in the tree: {target}")
            for index, (stream, data) in enumerate(named.items()):
                if not stream or any(c in stream for c in "\t\n\r\0:/"):
                    raise ValueError(f"bad stream name {stream!r}")
                source = stage / f"ads-{number}-{index}.bin"
                source.write_bytes(bytes(data))
                lines.append(f"ads\t{target}\t{stream}\t{source}")
        lines += [f"rm\t{item}" for item, _ in order]
        script = stage / "plant.txt"
        script.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _run([helper, image, script], frozen_at=when)
    return image


# --------------------------------------------------------------------------- disks

# MBR type -> GPT type GUID, for callers that give DOS codes with table="gpt".
_GPT_TYPES = {
    0x04: "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7", 0x06: "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7",
    0x07: "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7", 0x0B: "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7",
    0x0C: "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7", 0x0E: "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7",
    0x82: "0657FD6D-A4AB-43C4-84E5-0933C84B4F4F", 0x83: "0FC63DAF-8483-4772-8E79-3D69D8477DE4",
    0xEF: "C12A7328-F81F-11D2-BA4B-00A0C93EC93B",
}


_GPT_NAMES = {
    "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7": "Basic data partition",
    "0FC63DAF-8483-4772-8E79-3D69D8477DE4": "Linux filesystem",
    "C12A7328-F81F-11D2-BA4B-00A0C93EC93B": "EFI system partition",
    "0657FD6D-A4AB-43C4-84E5-0933C84B4F4F": "Linux swap",
}


@dataclasses.dataclass(frozen=True)
class Partition:
    index: int
    start_sector: int
    sectors: int
    type: str  # as written to sfdisk: hex MBR code ("07") or GPT type GUID
    source: Path

    @property
    def offset(self) -> int:
        return self.start_sector * 512

    @property
    def size(self) -> int:
        return self.sectors * 512


@dataclasses.dataclass(frozen=True)
class Disk:
    path: Path
    table: str
    size: int
    partitions: list[Partition]


def _type_code(code: str | int, table: str) -> str:
    if table == "dos":
        value = code if isinstance(code, int) else int(str(code), 16)
        if not 0 < value < 0x100:
            raise ValueError(f"bad MBR partition type {code!r}")
        return f"{value:02x}"
    if isinstance(code, int) or len(str(code)) <= 2:
        value = code if isinstance(code, int) else int(str(code), 16)
        if value not in _GPT_TYPES:
            raise ValueError(f"no GPT type GUID known for MBR type {code!r}; give the GUID")
        return _GPT_TYPES[value]
    return str(uuid.UUID(str(code))).upper()


def build_disk(path: Path | str, partitions: Sequence[tuple[Path | str, str | int]], table: str = "dos", *,
               align_mb: int = 1, tail_mb: int = 0, disk_id: int = 0x46540D15, bootable: bool = True) -> Disk:
    """A partitioned disk image: ``sfdisk`` writes the table, ``dd conv=notrunc`` each file system.

    ``partitions`` are ``(file-system image, type)``; type is an MBR code (``0x07``,
    ``"0c"``, ``"83"``) or, for ``table="gpt"``, a type GUID (MBR codes of common types are
    translated). The first partition starts at ``align_mb`` MiB, each is its image's size
    rounded up to ``align_mb``; ``tail_mb`` of unallocated space follows (GPT always gets at
    least its backup table). Disk and partition identifiers are derived from ``disk_id``.
    """
    if table not in ("dos", "gpt"):
        raise ValueError("table must be 'dos' or 'gpt'")
    if table == "dos" and len(partitions) > 4:
        raise ValueError("a DOS table holds 4 primary partitions")
    tools = require_tools("sfdisk", "dd")
    align = align_mb * 2048
    layout: list[Partition] = []
    start = align
    for index, (source, code) in enumerate(partitions):
        source = Path(source)
        sectors = -(-source.stat().st_size // 512)
        sectors = -(-sectors // align) * align
        layout.append(Partition(index, start, sectors, _type_code(code, table), source))
        start += sectors
    end_sectors = start + tail_mb * 2048 + (align if table == "gpt" and tail_mb == 0 else 0)
    image = _new_image(Path(path), end_sectors / 2048)
    lines = [f"label: {table}"]
    if table == "dos":
        lines.append(f"label-id: 0x{disk_id:08x}")
    else:
        lines += [f"label-id: {str(uuid.uuid5(_NAMESPACE, f'disk-{disk_id}')).upper()}", "first-lba: 34"]
    lines += ["unit: sectors", ""]
    for part in layout:
        line = f"start={part.start_sector}, size={part.sectors}, type={part.type}"
        if table == "gpt":
            line += f", uuid={str(uuid.uuid5(_NAMESPACE, f'part-{disk_id}-{part.index}')).upper()}"
            if part.type in _GPT_NAMES:
                line += f', name="{_GPT_NAMES[part.type]}"'
        elif bootable and part.index == 0:
            line += ", bootable"
        lines.append(line)
    _run([tools["sfdisk"], "-q", "--no-reread", "--no-tell-kernel", "--wipe", "never", image],
         input=("\n".join(lines) + "\n").encode())
    for part in layout:
        _run([tools["dd"], f"if={part.source}", f"of={image}", "bs=1M", f"seek={part.offset}", "oflag=seek_bytes",
              "conv=notrunc", "status=none"])
    return Disk(image, table, image.stat().st_size, layout)


# --------------------------------------------------------------------------- containers


def to_e01(raw_path: Path | str, out_base: Path | str, *, case_number: str = "CASE-0001",
           evidence_number: str = "EXH-001", examiner: str = "Test Examiner", description: str = "test image",
           notes: str = "built by tests/imagebuilders.py", compression: str = "fast",
           digests: Sequence[str] = ("sha1",), segment_size: int | None = None,
           acquired: int | str | _dt.datetime = "2025-02-27 12:00:00") -> Path:
    """An EnCase 6 (E01) copy of ``raw_path`` made with ``ewfacquire -u``; returns the ``.E01`` path.

    ``compression``: none, empty-block, fast or best. ``digests``: extra hashes next to
    MD5 (sha1, sha256; the EnCase 6 format stores MD5 and SHA-1). ``segment_size`` in
    bytes (>= 1 MiB) gives .E01, .E02, ... The acquisition date is ``acquired`` when
    faketime is installed (then the output is reproducible), otherwise "now".
    """
    tools = require_tools("ewfacquire")
    raw_path, out_base = Path(raw_path).resolve(), Path(out_base).resolve()  # libsmraw needs a full path
    base = Path(out_base)
    base.parent.mkdir(parents=True, exist_ok=True)
    for old in base.parent.glob(base.name + ".E[0-9A-Z][0-9A-Z]"):
        old.unlink()
    args: list[str | os.PathLike[str]] = [tools["ewfacquire"], "-u", "-q", "-t", base, "-f", "encase6", "-c", compression, "-C", case_number,
            "-D", description, "-e", examiner, "-E", evidence_number, "-N", notes, "-m", "fixed", "-M", "physical"]
    if digests:
        args += ["-d", ",".join(digests)]
    if segment_size:
        args += ["-S", str(segment_size)]
    _run([*args, Path(raw_path)], frozen_at=acquired)
    first = Path(f"{base}.E01")
    if not first.is_file():
        raise ToolFailed(f"ewfacquire did not write {first}")
    return first


def split_raw(raw_path: Path | str, segment_size: int, out_base: Path | str | None = None) -> list[Path]:
    """Split a raw image into ``BASE.001``, ``BASE.002``, ... of ``segment_size`` bytes (the last may be shorter).

    ``out_base`` defaults to the raw image's path without its suffix. Pure Python.
    """
    if segment_size <= 0:
        raise ValueError("segment_size must be positive")
    raw = Path(raw_path)
    base = Path(out_base) if out_base is not None else raw.with_suffix("")
    base.parent.mkdir(parents=True, exist_ok=True)
    for old in base.parent.glob(base.name + ".[0-9][0-9][0-9]"):
        old.unlink()
    segments: list[Path] = []
    with open(raw, "rb") as source:
        while True:
            chunk = source.read(min(segment_size, 1 << 20))
            if not chunk:
                break
            segment = Path(f"{base}.{len(segments) + 1:03d}")
            with open(segment, "wb") as out:
                written = 0
                while chunk:
                    out.write(chunk)
                    written += len(chunk)
                    if written >= segment_size:
                        break
                    chunk = source.read(min(segment_size - written, 1 << 20))
            segments.append(segment)
    return segments


__all__ = [
    "FIXED_TIME", "Disk", "Partition", "ToolFailed", "ToolMissing", "build_disk", "build_ext4", "build_fat",
    "build_ntfs", "find_tool", "has_faketime", "ntfs_plant_tool", "require_tools", "split_raw", "to_e01",
]
