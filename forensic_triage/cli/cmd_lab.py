"""``forensic-triage lab``: workers of a distributed triage, and the examiners of a lab case."""

from __future__ import annotations

import argparse
import os
import socket

from ..errors import UsageError
from ..store import CaseStore


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    lab = sub.add_parser(
        "lab", help="lab mode: workers on a Redis broker, examiners of a PostgreSQL case",
        description="Lab mode: one case on PostgreSQL, triage spread over Celery workers on several workstations "
                    "(see docs/lab.md).")
    lab_sub = lab.add_subparsers(dest="lab_command", metavar="ACTION")
    worker = lab_sub.add_parser(
        "worker", help="start a triage worker on this workstation",
        description="Start a worker that takes triage units from the broker, reads the evidence read-only from the "
                    "shared storage (its SHA-256 checked first) and writes the results to the case database. "
                    "Runs until stopped (Ctrl-C, or SIGTERM from systemd).")
    worker.add_argument("--broker", required=True, metavar="URL", help="the Redis broker, e.g. redis://lab1:6379/0")
    worker.add_argument("--concurrency", type=int, default=None, metavar="N",
                        help="units examined at once (default: the number of CPU cores)")
    worker.add_argument("--evidence-root", action="append", default=[], metavar="PATH",
                        help="where the shared evidence storage is mounted here: PATH (the recorded path's tail is "
                             "looked for under it) or OLD=NEW (the recorded prefix OLD becomes NEW); repeatable")
    worker.add_argument("--name", default=None, help="worker name (default: ft@HOSTNAME)")
    worker.set_defaults(func=cmd_worker)
    workers = lab_sub.add_parser("workers", help="list the connected workers and what they are doing",
                                 description="List the workers connected to the broker and the unit each slot runs.")
    workers.add_argument("--broker", required=True, metavar="URL")
    workers.set_defaults(func=cmd_workers)
    member = lab_sub.add_parser(
        "member", help="add an examiner or reviewer to a case, or change their role",
        description="Name an examiner of the case with their role: 'examiner' (may tag, annotate, record custody, "
                    "export) or 'reviewer' (may read and comment; cannot change findings). With --key, the "
                    "fingerprint of their key (from 'keys new') is recorded. The change is audited.")
    member.add_argument("case_dir", metavar="CASE_DIR")
    member.add_argument("--examiner", required=True, help="the examiner's full name")
    member.add_argument("--role", choices=("examiner", "reviewer"), default="examiner")
    member.add_argument("--key", default=None, metavar="FILE", help="their public key file (from 'keys new')")
    member.add_argument("--by", default=None, help="who makes the change (default: the case examiner)")
    member.set_defaults(func=cmd_member)
    join = lab_sub.add_parser(
        "join", help="open an existing lab case on this workstation (a case folder holding its address)",
        description="Make a case folder on this workstation for a case already on the PostgreSQL server: the "
                    "folder holds only the address (the password stays in ~/.pgpass). The case is opened once to "
                    "check it; with --examiner, that examiner must be a member of the case.")
    join.add_argument("case_dir", metavar="CASE_DIR")
    join.add_argument("--database", required=True, metavar="URL", help="postgresql://USER@HOST/DB")
    join.add_argument("--examiner", default=None, help="who joins (checked against the case's members)")
    join.set_defaults(func=cmd_join)
    members = lab_sub.add_parser("members", help="list the examiners of a case and their roles",
                                 description="List the examiners of the case, their roles and key fingerprints.")
    members.add_argument("case_dir", metavar="CASE_DIR")
    members.set_defaults(func=cmd_members)
    lab.set_defaults(func=lambda a: lab.print_help() or 2)


def cmd_worker(args: argparse.Namespace) -> int:
    from ..lab.app import QUEUE, celery_app
    from ..lab.evidence import ROOT_ENV

    if args.evidence_root:
        os.environ[ROOT_ENV] = os.pathsep.join(args.evidence_root)  # inherited by the worker processes
    app = celery_app(args.broker)
    argv = ["worker", "--loglevel=INFO", "--pool=prefork", "-O", "fair", "-Q", QUEUE, "--without-gossip",
            "--without-mingle", "-n", args.name or f"ft@{socket.gethostname()}"]
    if args.concurrency:
        if args.concurrency < 1:
            raise UsageError("--concurrency must be 1 or more.")
        argv.append(f"--concurrency={args.concurrency}")
    app.worker_main(argv)
    return 0


def cmd_workers(args: argparse.Namespace) -> int:
    from ..lab.status import connected_workers

    found = connected_workers(args.broker)
    if not found:
        print("No worker answered.")
        return 0
    for worker in found:
        print(worker.line())
    return 0


def cmd_member(args: argparse.Namespace) -> int:
    from ..tags import set_member

    fingerprint = None
    if args.key:
        from ..exports import keys

        fingerprint = keys.fingerprint(keys.load_public(args.key))
    with CaseStore.open(args.case_dir) as store:
        set_member(store, args.examiner, args.role, fingerprint, by=args.by or store.examiner)
    print(f"{args.examiner}: {args.role}" + (f" (key {fingerprint})" if fingerprint else ""))
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..errors import StoreError
    from ..store.db import DB_NAME, PG_REF
    from ..store.pg import PgCaseStore, clean_reference, write_reference

    folder = Path(args.case_dir)
    if (folder / DB_NAME).exists() or (folder / PG_REF).exists():
        raise StoreError(f"{folder} already holds a case.", hint="Choose an empty folder.")
    url = clean_reference(args.database)
    with PgCaseStore.open_url(url, folder=folder, read_only=True) as store:
        info = store.case_info()
        role = None
        if args.examiner:
            member = store.lab.member(args.examiner)
            if member is None:
                raise UsageError(f"{args.examiner} is not an examiner of case {info['case_number']}.",
                                 hint="The case examiner adds them with 'forensic-triage lab member'.")
            role = "reviewer" if member["role"] == "reviewer" else "examiner"
    folder.mkdir(parents=True, exist_ok=True)
    write_reference(folder, url)
    print(f"Joined case {info['case_number']} in {folder}" + (f" as {args.examiner} ({role})" if role else ""))
    return 0


def cmd_members(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir, read_only=True) as store:
        for m in store.lab.members():
            print(f"{m['name']}: {m['role'] or 'examiner'}" + (f" (key {m['key_fingerprint']})"
                                                               if m["key_fingerprint"] else ""))
    return 0
