"""``forensic-triage evidence add|list|set|unlock|lock``."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import EvidenceError, UsageError
from ..fs import crypto
from ..jobs.context import JobContext
from ..jobs.intake import FAILED_VERDICTS, IntakeResult, add_evidence
from ..jobs.source_zone import check_zone, describe, set_source_timezone
from ..store import CaseStore
from .common import ProgressBar, add_format, emit, human_bytes


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    ev = sub.add_parser("evidence", help="add or list evidence items",
                        description="Add disk images to a case (read-only) or list them.")
    ev_sub = ev.add_subparsers(dest="evidence_command", metavar="ACTION")
    add = ev_sub.add_parser(
        "add", help="add a disk image: hash, verify and list its partitions",
        description="Add a raw/dd, split raw (.001/.000/.aa) or EWF (.E01, all segments) image, or a virtual disk "
                    "(VHD, VHDX, VMDK, QCOW/QCOW2 with its extents and parent/backing files, found next to it). The "
                    "image is opened read-only; its containers are hashed (SHA-256), its media hashed (MD5, SHA-1, "
                    "SHA-256) in one read and verified against the hashes stored in an E01.")
    add.add_argument("case_dir", metavar="CASE_DIR")
    add.add_argument("image", metavar="IMAGE", help="the image file (for split sets and E01: the first segment; VMDK: the descriptor; a chain: the newest child)")
    add.add_argument("--exhibit", help="exhibit number, e.g. EXH-001 (also used in locators)")
    add.add_argument("--description", default="", help="what the exhibit is")
    add.add_argument("--seals", default="", help="seal numbers")
    add.add_argument("--quiet", action="store_true", help="no progress bar")
    add.add_argument("--force", action="store_true",
                     help="add a file that holds no partition table, file system or known format all the same "
                          "(hashed and kept; nothing is listed from it)")
    add.add_argument("--source-timezone", metavar="ZONE", default=None,
                     help="the zone the device's clock was set to (IANA name such as America/Port_of_Spain, or "
                          "an offset such as -04:00); FAT, EXIF and other local clock times are then shown in UTC as an "
                          "assumption. "
                          "Without it they are shown as local times, zone unknown")
    add.set_defaults(func=cmd_add)
    st = ev_sub.add_parser(
        "set", help="change what is recorded about an evidence item (its source time zone)",
        description="Declare, change or clear ('unknown') the zone the device's local clocks were set to. Every "
                    "time that rests on it is re-derived (timeline rows rewritten, local artifact times placed on "
                    "or removed from the timeline); the change is written to the audit log.")
    st.add_argument("case_dir", metavar="CASE_DIR")
    st.add_argument("exhibit", metavar="EXHIBIT", help="exhibit number or evidence id, e.g. EXH-001")
    st.add_argument("--source-timezone", metavar="ZONE", required=True,
                    help="IANA name (America/Port_of_Spain), an offset (-04:00), or "
                         "'unknown'")
    st.set_defaults(func=cmd_set)
    lst = ev_sub.add_parser("list", help="list evidence items with hashes and verification",
                            description="List evidence items, container hashes, stored and computed media hashes.")
    lst.add_argument("case_dir", metavar="CASE_DIR")
    add_format(lst)
    lst.set_defaults(func=cmd_list)
    un = ev_sub.add_parser(
        "unlock", help="unlock an encrypted volume (BitLocker, LUKS) for this session",
        description="Check a password, recovery key or key file against a locked volume and, when it opens it, "
                    "record the decrypted volume so that triage lists its files. The secret is kept for this login "
                    "session only (never in the case, a log or the audit); the audit records that the volume was "
                    "unlocked, by whom and with which kind of secret. Without a file the secret is asked for "
                    "(not echoed).")
    un.add_argument("case_dir", metavar="CASE_DIR")
    un.add_argument("exhibit", metavar="EXHIBIT", help="exhibit number or evidence id, e.g. EXH-001")
    un.add_argument("--volume", type=int, required=True, metavar="N",
                    help="the volume's number, as 'evidence add' and the warnings name it")
    given = un.add_mutually_exclusive_group()
    given.add_argument("--password-file", metavar="FILE",
                       help="a file holding the password or passphrase (one trailing newline is ignored)")
    given.add_argument("--recovery-key-file", metavar="FILE",
                       help="a file holding the BitLocker recovery key (48 digits)")
    given.add_argument("--key-file", metavar="FILE",
                       help="a BitLocker startup key (.BEK) or a LUKS key file, used byte for byte")
    given.add_argument("--recovery-key", action="store_true",
                       help="ask for a BitLocker recovery key instead of a password")
    un.set_defaults(func=cmd_unlock)
    lk = ev_sub.add_parser("lock", help="forget this session's secrets of an item's encrypted volumes",
                           description="Forget the secrets 'evidence unlock' kept for this login session; the "
                                       "decrypted volumes stay recorded, but cannot be read until unlocked again.")
    lk.add_argument("case_dir", metavar="CASE_DIR")
    lk.add_argument("exhibit", metavar="EXHIBIT", help="exhibit number or evidence id")
    lk.set_defaults(func=cmd_lock)
    ev.set_defaults(func=lambda a: ev.print_help() or 2)


def cmd_add(args: argparse.Namespace) -> int:
    source_zone = check_zone(args.source_timezone) if args.source_timezone else None  # before any work
    bar = ProgressBar(enabled=False if args.quiet else None)
    with CaseStore.open(args.case_dir) as store:
        try:
            result = add_evidence(store, args.image, exhibit=args.exhibit, description=args.description,
                                  seals=args.seals, ctx=JobContext(bar), source_timezone=source_zone,
                                  force=args.force)
        finally:
            bar.close()
        volumes = store.evidence.volumes(result.evidence_id)
    if result.resumed:
        print(f"An earlier intake of this image as {result.uid} did not finish; it was redone from the start.")
    print(f"Added {result.uid} ({result.format}, {human_bytes(result.media_size)}, {len(result.containers)} file(s)), "
          f"opened read-only.")
    print(f"  media MD5    {result.md5}")
    print(f"  media SHA-1  {result.sha1}")
    print(f"  media SHA-256 {result.sha256}")
    if result.stored:
        print("  stored       " + ", ".join(f"{k.upper()} {v}" for k, v in result.stored.items()))
    print(f"  verification {result.verdict}")
    if source_zone:
        print(f"  source zone  {source_zone} (declared by the examiner; local clock times will be shown in UTC "
              "as an assumption)")
    else:
        print("  source zone  unknown (local clock times such as FAT's will be shown as local, never as UTC; "
              "declare it with 'forensic-triage evidence set')")
    numbers = {id(row): n for n, row in crypto.locked_volumes_in(volumes)}
    for v in volumes:
        fs = v["fs_type"] or {"unallocated": "unallocated",
                              "error": "not in the image (past its end)"}.get(v["fs_status"], "no file system found")
        if v["lock_state"] == "locked":
            fs = (f"{fs}, locked: needs {crypto.NEEDS.get(fs, 'a secret')} (volume {numbers[id(v)]}; "
                  "'forensic-triage evidence unlock')")
        print(f"  partition @ {v['offset']} ({human_bytes(v['length'])}): {fs}")
    return add_outcome(result)


def add_outcome(result: IntakeResult) -> int:
    """Print every warning intake stored, then the closing line; the exit code (5: a verification failed)."""
    for message in result.warnings:
        print(f"  warning: {message}")
    failed = result.verdict in FAILED_VERDICTS
    if result.warnings:
        print(f"{result.uid} was added with {len(result.warnings)} warning(s); they are stored with the case and "
              "listed in the report's limitations.")
    if failed:
        print(f"{result.uid} failed verification ({result.verdict}); see the warning(s) above.")
    return 5 if failed else 0


def evidence_rows(store: CaseStore) -> list[dict[str, Any]]:
    rows = []
    for ev in store.evidence.items():
        containers = store.evidence.containers(ev["id"])
        rows.append({
            "evidence": ev["uid"], "exhibit": ev["exhibit"], "description": ev["description"], "format": ev["format"],
            "path": ev["path"], "media_size": ev["media_size"], "sector_size": ev["sector_size"],
            "containers": containers,
            "stored_md5": ev["stored_md5"], "stored_sha1": ev["stored_sha1"],
            "md5": ev["md5"], "sha1": ev["sha1"], "sha256": ev["sha256"], "verdict": ev["verdict"],
            "ewf_header": json.loads(ev["ewf_header"] or "{}"), "volume_system": ev["volume_system"],
            "added_utc": ev["added_utc"], "source_timezone": ev["source_timezone"],
        })
    return rows


def cmd_list(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir, read_only=True) as store:
        rows = evidence_rows(store)
    emit(rows, args.format, table_columns=("evidence", "format", "media_size", "md5", "verdict", "source_timezone", "path"))
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir) as store:
        change = set_source_timezone(store, args.exhibit, args.source_timezone)
    print(describe(change))
    return 0


def _read_secret(path: str, strip_newline: bool) -> bytes:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"Cannot read {path}: {exc.strerror}.") from exc
    if strip_newline:
        data = data[:-2] if data.endswith(b"\r\n") else data[:-1] if data.endswith(b"\n") else data
    if not data:
        raise UsageError(f"{path} is empty.")
    return data


def _secret(args: argparse.Namespace) -> tuple[str, bytes]:
    """(kind, secret) from the file given, or asked for without echo."""
    if args.password_file:
        return "password", _read_secret(args.password_file, True)
    if args.recovery_key_file:
        return "recovery-key", _read_secret(args.recovery_key_file, True)
    if args.key_file:
        return "key-file", _read_secret(args.key_file, False)
    if not sys.stdin.isatty():
        raise UsageError("No secret given: name a file (--password-file, --recovery-key-file, --key-file), or run "
                         "the command in a terminal to be asked for it. A secret is never taken on the command line.")
    kind = "recovery-key" if args.recovery_key else "password"
    typed = getpass.getpass(f"{'Recovery key' if args.recovery_key else 'Password'} for volume {args.volume} of "
                            f"{args.exhibit} (not shown): ")
    if not typed:
        raise UsageError("Nothing was typed; the volume stays locked.")
    return kind, typed.encode("utf-8")


def cmd_unlock(args: argparse.Namespace) -> int:
    kind, secret = _secret(args)
    with CaseStore.open(args.case_dir) as store:
        done = crypto.unlock_volume(store, args.exhibit, args.volume, kind, secret)
    del secret
    fs = done.fs_type or "no file system found on the decrypted bytes"
    if done.recorded:
        print(f"Volume {done.number} of {done.evidence} ({done.kind}) was unlocked with a "
              f"{crypto.SECRET_WORDS[kind]}: {fs}. Run 'forensic-triage triage' to list and examine its files.")
    else:
        print(f"Volume {done.number} of {done.evidence} ({done.kind}) is unlocked again for this session ({fs}).")
    print("The secret is kept for this login session only ('forensic-triage evidence lock' forgets it); it is not "
          "in the case.")
    return 0


def cmd_lock(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir, read_only=True) as store:
        forgotten = crypto.lock_volumes(store, args.exhibit)
    if not forgotten:
        raise EvidenceError(f"No secret of {args.exhibit} was kept in this session; nothing to forget.")
    print(f"{forgotten} secret(s) of {args.exhibit} forgotten; its encrypted volumes are locked again for this session.")
    return 0
