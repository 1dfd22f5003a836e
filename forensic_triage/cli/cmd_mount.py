"""``forensic-triage mount | unmount``: the case's evidence as a read-only folder tree (FUSE)."""

from __future__ import annotations

import argparse
import sys

from ..errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("mount", help="mount a case's evidence read-only (FUSE)",
                       description="Show the files the triage listed as a read-only folder tree: one folder per "
                                   "exhibit, in it one per volume (p2_fat16, p3_ntfs, p3_ntfs_vss1...), deleted "
                                   "entries under $deleted, NTFS streams as name:stream. Every read goes to the "
                                   "evidence image, read-only; every change is refused (read-only file system). "
                                   "The mount and the unmount are recorded in the audit log. Runs until Ctrl-C or "
                                   "'forensic-triage unmount MOUNTPOINT'.")
    p.add_argument("case_dir", metavar="CASE_DIR")
    p.add_argument("targets", nargs="+", metavar="[EXHIBIT] MOUNTPOINT",
                   help="the exhibit to mount (default: every evidence item) and an empty folder to mount on")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--foreground", action="store_true",
                     help="stay in the foreground until unmounted or Ctrl-C (the default)")
    how.add_argument("--background", action="store_true",
                     help="return once mounted; release it later with 'forensic-triage unmount MOUNTPOINT'")
    p.add_argument("--allow-other", action="store_true",
                   help="let other users of this machine read the mount (needs user_allow_other in /etc/fuse.conf "
                        "when not run as root)")
    p.set_defaults(func=cmd_mount)
    u = sub.add_parser("unmount", help="release a read-only mount made by 'mount'",
                       description="Release a mount made by 'forensic-triage mount' (fusermount3 -u). The mount's "
                                   "process records the unmount in the case's audit log and ends.")
    u.add_argument("mount_point", metavar="MOUNTPOINT")
    u.add_argument("--lazy", action="store_true",
                   help="detach now even while files are open in it (released when they are closed)")
    u.set_defaults(func=cmd_unmount)


def cmd_mount(args: argparse.Namespace) -> int:
    from ..jobs.mount import MountTree, mount_case, start_mount_process

    if len(args.targets) > 2:
        raise UsageError("Give at most an exhibit and a mount point.",
                         hint="forensic-triage mount CASE_DIR [EXHIBIT] MOUNTPOINT")
    exhibit = args.targets[0] if len(args.targets) == 2 else None
    mount_point = args.targets[-1]
    if args.background:
        process = start_mount_process(args.case_dir, mount_point, exhibit, allow_other=args.allow_other)
        print(f"Mounted read-only on {mount_point} (process {process.pid}).")
        print(f"Release it with: forensic-triage unmount {mount_point}")
        return 0

    def ready(tree: MountTree, path: object) -> None:
        for ev in tree.evidence:
            print(f"{ev['exhibit']}: {path}/{ev['folder']}/ ({', '.join(ev['volumes']) or 'no volumes listed'})")
        print(f"Mounted read-only on {path}: {tree.files} files, {tree.deleted} of them deleted (under $deleted).")
        print(f"Press Ctrl-C here, or run 'forensic-triage unmount {path}', to release it.", flush=True)

    summary = mount_case(args.case_dir, mount_point, exhibit, allow_other=args.allow_other, on_ready=ready)
    print(f"Unmounted {mount_point}: {summary['reads']} reads, {summary['bytes_read']} bytes read from the evidence.")
    if not summary["audited"]:
        print("warning: the case was busy; the unmount could not be recorded in its audit log.", file=sys.stderr)
    return 0


def cmd_unmount(args: argparse.Namespace) -> int:
    from ..jobs.mount import unmount

    path = unmount(args.mount_point, lazy=args.lazy)
    print(f"Released {path}.")
    return 0
