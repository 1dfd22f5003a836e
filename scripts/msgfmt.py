"""Compile a gettext catalogue (.po) into the binary .mo format (no Babel, no GNU gettext needed).

    python scripts/msgfmt.py forensic_triage/locale/es/LC_MESSAGES/forensic_triage.po [-o OUT.mo]

The same logic as CPython's Tools/i18n/msgfmt.py, reduced to what the project's catalogues use:
msgctxt, msgid/msgstr (with continuation lines), msgid_plural/msgstr[N], comments and the
``fuzzy`` flag (fuzzy entries are left out, as GNU msgfmt does). The output is deterministic.
"""

from __future__ import annotations

import argparse
import ast
import struct
import sys
from pathlib import Path


def parse_po(text: str) -> dict[bytes, bytes]:
    """The catalogue's translated messages: msgid (with context and plural joined as gettext does) -> msgstr."""
    messages: dict[bytes, bytes] = {}
    entry: dict[str, list[str]] = {}
    section = ""
    fuzzy = next_fuzzy = False

    def flush() -> None:
        nonlocal entry
        if "msgid" in entry and not fuzzy:
            ctx = entry.get("msgctxt")
            key = (("".join(ctx) + "\x04") if ctx is not None else "") + "".join(entry["msgid"])
            if "msgid_plural" in entry:
                key += "\0" + "".join(entry["msgid_plural"])
                value = "\0".join("".join(entry[k]) for k in sorted(k for k in entry if k.startswith("msgstr[")))
            else:
                value = "".join(entry.get("msgstr", []))
            if value.replace("\0", ""):  # untranslated entries are left out: gettext falls back to English
                messages[key.encode("utf-8")] = value.encode("utf-8")
        entry = {}

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("#,"):
            next_fuzzy = "fuzzy" in line
            continue
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            keyword, rest = section, line
        else:
            keyword, _sep, rest = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in entry):
                flush()
            if keyword in ("msgctxt", "msgid") and not entry:
                fuzzy, next_fuzzy = next_fuzzy, False
        if not keyword:
            raise ValueError(f"line {number}: text outside an entry")
        try:
            value = ast.literal_eval(rest.strip())
        except (ValueError, SyntaxError) as exc:
            raise ValueError(f"line {number}: not a quoted string: {raw!r}") from exc
        section = keyword
        entry.setdefault(keyword, []).append(value)
    flush()
    return messages


def write_mo(messages: dict[bytes, bytes]) -> bytes:
    """GNU .mo: header, the two tables of (length, offset), then the strings (NUL-terminated)."""
    keys = sorted(messages)
    ids = strs = b""
    offsets = []
    for k in keys:
        offsets.append((len(ids), len(k), len(strs), len(messages[k])))
        ids += k + b"\0"
        strs += messages[k] + b"\0"
    start = 7 * 4
    key_table = start
    value_table = key_table + len(keys) * 8
    ids_start = value_table + len(keys) * 8
    strs_start = ids_start + len(ids)
    table = []
    for id_off, id_len, _s_off, _s_len in offsets:
        table += [id_len, ids_start + id_off]
    for _id_off, _id_len, s_off, s_len in offsets:
        table += [s_len, strs_start + s_off]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), key_table, value_table, 0, 0)
    return header + struct.pack(f"{len(table)}i", *table) + ids + strs


def compile_po(po: Path, mo: Path) -> int:
    messages = parse_po(po.read_text(encoding="utf-8"))
    mo.write_bytes(write_mo(messages))
    return len(messages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("po", type=Path)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    out = args.output or args.po.with_suffix(".mo")
    count = compile_po(args.po, out)
    print(f"{out}: {count} messages", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
