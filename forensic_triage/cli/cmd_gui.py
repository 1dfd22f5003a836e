"""``forensic-triage gui [CASE_DIR]``: open the desktop application.

The core never imports Qt: the application is imported only when this command runs.
"""

from __future__ import annotations

import argparse

from ..errors import TriageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("gui", help="open the desktop application",
                       description="Open the desktop application (the same as forensic-triage-gui), "
                                   "optionally with a case folder.")
    p.add_argument("case_dir", metavar="CASE_DIR", nargs="?", help="case folder to open")
    p.set_defaults(func=cmd_gui)


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from ..ui.app import main
    except ImportError as exc:
        raise TriageError(f"The desktop application cannot start: {exc}.",
                          hint="Install PySide6 (pip install PySide6-Essentials) or use the command line.") from exc
    return int(main([args.case_dir] if args.case_dir else []))
