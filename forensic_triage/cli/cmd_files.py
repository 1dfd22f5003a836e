"""``forensic-triage files``: the file table, filtered.

Times carry their basis. ``mtime``/``atime``/``ctime``/``crtime`` are as stored: UTC text ending
in 'Z' where the file system records UTC (``time_basis`` 'utc'), the device's local clock as
naive text where it does not (FAT, exFAT: 'local'; the FAT access time is a date). The
``*_utc`` fields hold UTC: the same value for 'utc', the local time made UTC with the evidence
item's declared ``source_timezone`` (an assumption, said in ``time_basis_label``), or nothing
when the zone is unknown. The table shows the modified time in words that say which.

In a case with Volume Shadow Copies (see :mod:`forensic_triage.fs.vss`) each entry says which
in ``snapshot`` ('shadow copy N', '' for the live volume) and ``layer``; copies carry the flags ``vss-only``, ``vss-changed`` or
``vss-identical``; ``--snapshot N`` lists shadow copy N alone.
"""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Generator
from typing import Any

from ..model import snapshot_name
from ..store import CaseStore
from ..store.files_repo import FileFilter
from ..timeutil import basis_label, display_time, resolve_time
from .common import add_format, emit

FILE_COLUMNS = ("evidence", "exhibit", "partition_offset", "inode", "locator", "path", "name", "size", "deleted",
                "type", "md5", "sha1", "sha256", "mime", "mtime", "atime", "ctime", "crtime", "ext_mismatch",
                "entropy", "status", "time_basis", "source_timezone")
TIME_KEYS = ("mtime", "atime", "ctime", "crtime")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("files", help="list files with hashes, types and times",
                       description="List the files of the case. Globs use * and ? (case-insensitive for --path).")
    p.add_argument("case_dir", metavar="CASE_DIR")
    p.add_argument("--deleted", action="store_true", help="only deleted entries")
    p.add_argument("--mime", metavar="GLOB", help="MIME type glob, e.g. 'image/*'")
    p.add_argument("--path", metavar="GLOB", help="path glob, e.g. '/Users/*/Downloads/*'")
    p.add_argument("--mismatch", action="store_true", help="only files whose extension lies about their type")
    p.add_argument("--all-types", action="store_true", help="include folders and other non-file entries")
    p.add_argument("--snapshot", metavar="N", type=_snapshot_number,
                   help="only the files of Volume Shadow Copy N (1 = the oldest store, as 'evidence' lists them)")
    add_format(p)
    p.set_defaults(func=cmd_files)


def _snapshot_number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a shadow copy number (1, 2, ...)")
    return int(text)


def iter_files(store: CaseStore, *, deleted: bool = False, mime: str | None = None, path: str | None = None,
               mismatch: bool = False, all_types: bool = False,
               snapshot: int | None = None) -> Generator[dict[str, Any], None, None]:
    snapshots = snapshot is not None or store.files.has_snapshots()
    where = FileFilter(deleted_only=deleted, mime_glob=mime, path_glob=path, mismatch_only=mismatch,
                       all_types=all_types, snapshot=snapshot)
    case_zone = store.timezone
    for r in store.files.listing(where):
        basis, zone = r["time_basis"], r["source_timezone"]
        yield {
            "evidence": r["evidence"], "exhibit": r["exhibit"], "partition_offset": r["partition_offset"],
            "inode": r["inode"], "attr_type": r["attr_type"], "attr_id": r["attr_id"], "stream": r["stream"],
            "locator": r["locator"], "path": r["path"], "name": r["name"],
            "name_raw_hex": bytes(r["name_raw"]).hex(), "size": r["size"], "deleted": not r["allocated"],
            "type": r["type"], "md5": r["md5"], "sha1": r["sha1"], "sha256": r["sha256"], "mime": r["mime"],
            "magic": r["magic"], "entropy": r["entropy"], "ext_mismatch": bool(r["ext_mismatch"]),
            "detected_ext": r["detected_ext"], "mtime": r["mtime"], "atime": r["atime"], "ctime": r["ctime"],
            "crtime": r["crtime"], "flags": r["flags"], "status": r["status"], "hashset": r["hashset_match"],
            "yara_hits": r["hit_count"], "time_basis": basis, "source_timezone": zone,
            "time_basis_label": basis_label(basis, zone),
            **{f"{k}_utc": resolve_time(r[k], basis, zone)[0] for k in TIME_KEYS},
            "modified": display_time(r["mtime"], basis, zone, case_zone),
            # 'partial': the hashes cover bytes_read readable bytes; 'unreadable' lists the [start, end) gaps
            "bytes_read": r["bytes_read"], "unreadable": json.loads(r["unreadable"] or "[]"),
            # in a case with shadow copies: the layer and which snapshot ('' = the live volume)
            **({"layer": r["layer"], "snapshot": snapshot_name(r["layer"])} if snapshots else {}),
        }


def cmd_files(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir, read_only=True) as store, contextlib.closing(
            iter_files(store, deleted=args.deleted, mime=args.mime, path=args.path, mismatch=args.mismatch,
                       all_types=args.all_types, snapshot=args.snapshot)) as rows:
        snapshots = args.snapshot is not None or store.files.has_snapshots()
        emit(rows, args.format, columns=None,
             table_columns=("locator", "size", "deleted", "mime", "md5", "modified", "status")
             + (("snapshot", "flags") if snapshots else ()))
    return 0
