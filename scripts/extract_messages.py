"""Collect the core's translatable text into the gettext catalogues (forensic_triage/locale/*/LC_MESSAGES/*.po).

    python scripts/extract_messages.py [--check]

Messages are (1) every ``_("...")`` / ``ngettext("...", "...", n)`` in ``forensic_triage/`` and
(2) the text of the built-in exercise packs a student reads: titles, summaries, briefings (the
generated SHA-256 replaced by ``{sha256}``, see ``forensic_triage.i18n.pack_text``), questions,
choices and hints. New messages are added untranslated; translations already there are kept
(also those of a pack this checkout does not have). ``--check`` only lists messages without a
translation and exits 1 when there are some. Compile with ``scripts/update_translations.sh``.
"""

from __future__ import annotations

import argparse
import ast
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
LOCALE = REPO / "forensic_triage" / "locale"
LANGS = ("es", "fr")
HEADER = ('msgid ""\nmsgstr ""\n"Project-Id-Version: forensic-triage\\n"\n"Language: {lang}\\n"\n'
          '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: nplurals=2; plural={plural};\\n"\n')
PLURAL = {"es": "(n != 1)", "fr": "(n > 1)"}


def code_messages() -> list[str]:
    found: list[str] = []
    for path in sorted((REPO / "forensic_triage").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.append(node.args[0].value)
    return found


def option_messages() -> list[str]:
    """The triage options' labels and help and the extractors' descriptions (the GUI shows them through _())."""
    from forensic_triage.extractors import load_registry
    from forensic_triage.jobs.options import TRIAGE_OPTIONS

    texts = [text for opt in TRIAGE_OPTIONS for text in (opt.label, opt.help)]
    return texts + [cls.description for cls in load_registry().extractors]  # the built-in extractors


def pack_messages() -> list[str]:
    from forensic_triage.i18n import _SHA256
    from forensic_triage.training import builtin

    packs = list(builtin.BUILTIN_PACKS)
    ids = {p.id for p in packs}
    windows = builtin.windows_pack()
    if windows.id not in ids:
        packs.append(windows)  # registered by the lead at merge; its text is collected when its module is here
    found: list[str] = []
    for pack in packs:
        found += [pack.title, pack.summary]
        with tempfile.TemporaryDirectory(prefix="ft-messages-") as tmp:
            try:
                scenario = pack.build(Path(tmp))
            except ImportError:
                continue
            found.append(_SHA256.sub("{sha256}", scenario.briefing))
            for q in scenario.questions:
                found.append(q["text"])
                found += [str(c) for c in q.get("choices") or []]
                found += [h["text"] for h in q.get("hints") or []]
    try:
        from forensic_triage.sample import ntfs_pack  # type: ignore[attr-defined]
    except ImportError:
        pass
    else:
        found += [ntfs_pack.TITLE, ntfs_pack.BRIEFING]
    return found


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr of an existing catalogue (simple entries, as this script writes them)."""
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    entry: dict[str, str] = {}
    key = ""
    for line in path.read_text(encoding="utf-8").splitlines() + ["msgid \"\""]:
        line = line.strip()
        if line.startswith("msgid "):
            if "msgid" in entry:
                out[entry["msgid"]] = entry.get("msgstr", "")
            entry, key = {"msgid": ast.literal_eval(line[6:])}, "msgid"
        elif line.startswith("msgstr "):
            entry["msgstr"], key = ast.literal_eval(line[7:]), "msgstr"
        elif line.startswith('"') and key:
            entry[key] += ast.literal_eval(line)
    out.pop("", None)
    return out


def quote(text: str) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{body}"'


def write_po(path: Path, lang: str, messages: list[str], known: dict[str, str]) -> None:
    lines = [HEADER.format(lang=lang, plural=PLURAL[lang])]
    for msgid in messages + sorted(set(known) - set(messages)):
        lines.append(f"msgid {quote(msgid)}\nmsgstr {quote(known.get(msgid, ''))}\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only list the messages without a translation")
    args = parser.parse_args()
    messages = list(dict.fromkeys(m for m in code_messages() + option_messages() + pack_messages() if m))
    missing = 0
    for lang in LANGS:
        po = LOCALE / lang / "LC_MESSAGES" / "forensic_triage.po"
        known = read_po(po)
        todo = [m for m in messages if not known.get(m)]
        missing += len(todo)
        for m in todo:
            print(f"{lang}: untranslated: {m[:100]}")
        if not args.check:
            write_po(po, lang, messages, known)
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
