"""``forensic-triage files``: the file table, filtered."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from typing import Any

from ..store import CaseStore
from .common import add_format, emit

FILE_COLUMNS = ("evidence", "exhibit", "partition_offset", "inode", "locator", "path", "name", "size", "deleted",
                "type", "md5", "sha1", "sha256", "mime", "mtime", "atime", "ctime", "crtime", "ext_mismatch",
                "entropy", "status")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("files", help="list files with hashes, types and times",
                       description="List the files of the case. Globs use * and ? (case-insensitive for --path).")
    p.add_argument("case_dir", metavar="CASE_DIR")
    p.add_argument("--deleted", action="store_true", help="only deleted entries")
    p.add_argument("--mime", metavar="GLOB", help="MIME type glob, e.g. 'image/*'")
    p.add_argument("--path", metavar="GLOB", help="path glob, e.g. '/Users/*/Downloads/*'")
    p.add_argument("--mismatch", action="store_true", help="only files whose extension lies about their type")
    p.add_argument("--all-types", action="store_true", help="include folders and other non-file entries")
    add_format(p)
    p.set_defaults(func=cmd_files)


def iter_files(store: CaseStore, *, deleted: bool = False, mime: str | None = None, path: str | None = None,
               mismatch: bool = False, all_types: bool = False) -> Iterator[dict[str, Any]]:
    where = []
    params: list[Any] = []
    if not all_types:
        where.append("f.type = 'file'")
    if deleted:
        where.append("f.allocated = 0")
    if mime:
        where.append("f.mime GLOB ?")
        params.append(mime)
    if path:
        where.append("lower(f.path) GLOB lower(?)")
        params.append(path)
    if mismatch:
        where.append("f.ext_mismatch = 1")
    sql = ("SELECT f.*, e.uid AS evidence, e.exhibit FROM files f JOIN evidence e ON e.id = f.evidence_id"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY f.id")
    for r in store.iter_query(sql, tuple(params)):
        yield {
            "evidence": r["evidence"], "exhibit": r["exhibit"], "partition_offset": r["partition_offset"],
            "inode": r["inode"], "attr_type": r["attr_type"], "attr_id": r["attr_id"], "stream": r["stream"],
            "locator": r["locator"], "path": r["path"], "name": r["name"],
            "name_raw_hex": bytes(r["name_raw"]).hex(), "size": r["size"], "deleted": not r["allocated"],
            "type": r["type"], "md5": r["md5"], "sha1": r["sha1"], "sha256": r["sha256"], "mime": r["mime"],
            "magic": r["magic"], "entropy": r["entropy"], "ext_mismatch": bool(r["ext_mismatch"]),
            "detected_ext": r["detected_ext"], "mtime": r["mtime"], "atime": r["atime"], "ctime": r["ctime"],
            "crtime": r["crtime"], "flags": r["flags"], "status": r["status"], "hashset": r["hashset_match"],
            "yara_hits": r["hit_count"],
            # 'partial': the hashes cover bytes_read readable bytes; 'unreadable' lists the [start, end) gaps
            "bytes_read": r["bytes_read"], "unreadable": json.loads(r["unreadable"] or "[]"),
        }


def cmd_files(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir, read_only=True) as store:
        emit(iter_files(store, deleted=args.deleted, mime=args.mime, path=args.path, mismatch=args.mismatch,
                        all_types=args.all_types),
             args.format, columns=None,
             table_columns=("evidence", "inode", "path", "size", "deleted", "mime", "md5", "mtime", "status"))
    return 0
