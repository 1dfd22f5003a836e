"""Argument parsing and dispatch; errors become one clear sentence and a documented exit code.

Exit codes: 0 success; 1 other error; 2 wrong usage; 3 evidence or file system cannot be read;
4 case database problem; 5 a verification failed (evidence changed, audit chain or package
broken); 130 cancelled by the examiner (Ctrl-C; work done so far is kept).
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys

from .. import TOOL_NAME, __version__
from ..errors import Cancelled, TriageError

# Explicit list of command modules (each has ``register(subparsers)``); no discovery by import.
COMMAND_MODULES: tuple[str, ...] = (
    "cmd_case",
    "cmd_evidence",
    "cmd_triage",
    "cmd_files",
    "cmd_verify",
    "cmd_demo",
    "cmd_gui",
    "cmd_artifacts",
    "cmd_tag",
    "cmd_custody",
    "cmd_keys",
    "cmd_export",
    "cmd_package",
    "cmd_rules",
    "cmd_hits",
    "cmd_search",
    "cmd_hashsets",
    "cmd_warnings",
    "cmd_exercise",
    "cmd_mount",
    "cmd_lab",
)

EPILOG = (
    "exit codes: 0 success, 1 other error, 2 wrong usage, 3 evidence/file system unreadable, "
    "4 case database problem, 5 verification failed, 130 cancelled. "
    "Run 'forensic-triage COMMAND --help' for each command."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="forensic-triage",
        description=f"{TOOL_NAME} {__version__}: offline, read-only triage of disk images (raw, split raw, E01, VHD/VHDX, VMDK, QCOW).",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"forensic-triage {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__package__}.{name}")
        module.register(subparsers)
    return parser


_OFFSET = re.compile(r"^[-+]\d{1,2}(:?\d{2})?$")


def join_zone_values(argv: list[str]) -> list[str]:
    """``--timezone -04:00`` -> ``--timezone=-04:00``: argparse takes a value that starts with '-'
    for an option and answers "expected one argument". Every option whose name mentions a zone
    (--timezone, --source-timezone, ...) gets its UTC offset joined on."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        if (token.startswith("--") and "=" not in token and "zone" in token and i + 1 < len(argv)
                and _OFFSET.match(argv[i + 1])):
            out.append(f"{token}={argv[i + 1]}")
            i += 2
            continue
        out.append(token)
        i += 1
    return out


def run(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(join_zone_values(sys.argv[1:] if argv is None else list(argv)))
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except Cancelled as exc:
        print(f"\n{exc.user_message()} Run the same command again to resume.", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("\nStopped by Ctrl-C; work done so far is kept. Run the same command again to resume.",
              file=sys.stderr)
        return 130
    except TriageError as exc:
        print(f"error: {exc.user_message()}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"error: {exc.strerror or exc}{where}.", file=sys.stderr)
        return 1
