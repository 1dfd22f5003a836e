"""Write docs/cli.md from the argument parser: every command's --help, so the docs never drift.

Run: python scripts/gen_cli_docs.py  (tests/test_cli_docs.py fails when docs/cli.md is stale)
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from contextlib import redirect_stdout
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def _help(parser: argparse.ArgumentParser) -> str:
    buf = io.StringIO()
    with redirect_stdout(buf):
        parser.print_help()
    return buf.getvalue().rstrip()


def _walk(parser: argparse.ArgumentParser, name: str) -> list[tuple[str, argparse.ArgumentParser]]:
    found = [(name, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                found.extend(_walk(sub, f"{name} {sub_name}"))
    return found


def render() -> str:
    os.environ["COLUMNS"] = "100"  # stable wrapping whatever the terminal
    from forensic_triage.cli.main import build_parser

    parser = build_parser()
    parser.prog = "forensic-triage"
    lines = ["# Command-line reference", "",
             "Generated from the program's own `--help` by `scripts/gen_cli_docs.py`; do not edit by hand.", ""]
    for name, sub in _walk(parser, "forensic-triage"):
        lines += [f"## `{name}`", "", "```", _help(sub), "```", ""]
    return "\n".join(lines)


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
