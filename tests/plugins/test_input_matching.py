"""``plugin_api.matches`` (file names and signatures matched with one compiled regex / one
``startswith``) selects exactly the files the plain per-pattern rules select, for every shipped
extractor's inputs and a spread of names, paths, heads and types."""

from __future__ import annotations

import fnmatch
import itertools

from forensic_triage.extractors import load_registry
from forensic_triage.model import FileInfo, Locator
from forensic_triage.plugin_api import InputSpec, glob_to_regex, matches


def _plain(spec: InputSpec, info: FileInfo) -> bool:
    """The selection rule written out pattern by pattern (the definition matches() keeps)."""
    rel = info.path.lstrip("/")
    by_path = any(glob_to_regex(g).match(rel) for g in spec.globs)
    if not by_path:
        by_path = any(fnmatch.fnmatchcase(info.name.lower(), n.lower()) for n in spec.names)
    by_sig = any(info.head.startswith(s) for s in spec.signatures) or any(info.mime.startswith(m) for m in spec.mime)
    if spec.require_all:
        return by_path and (by_sig or not (spec.signatures or spec.mime))
    return by_path or by_sig


def test_matches_is_the_plain_rule() -> None:
    specs = [cls.inputs for cls in load_registry(include_entry_points=False).extractors]
    specs.append(InputSpec(names=("*.PF", "History", "[ab]?.db"), signatures=(b"SQLite format 3\0", b"MAM"),
                           mime=("image/", "application/pdf")))
    assert len(specs) > 20
    names = {n for s in specs for n in s.names} | {"NTUSER.DAT", "x.pf", "History", "ab.db", "a1.db", "notes.txt",
                                                   "photo.JPG", "$I123.docx", "Cookies", "places.sqlite-wal"}
    heads = {s for spec in specs for s in spec.signatures} | {b"", b"MZ\x90", b"SQLite format 3\0xx", b"MAM\x04"}
    mimes = sorted({m for spec in specs for m in spec.mime})[:4] + ["text/plain", "image/jpeg", "application/pdf"]
    folders = ("", "Windows/Prefetch/", "Users/jdoe/AppData/Local/Google/Chrome/User Data/Default/",
               "Windows/System32/config/", "data/data/com.android.providers.telephony/databases/")
    checked = selected = 0
    for spec in specs:
        for name, head, mime, folder in itertools.product(sorted(names)[:40], sorted(heads)[:12], mimes,
                                                          folders):
            plain_name = name.replace("*", "x").replace("?", "y")
            info = FileInfo(1, Locator("E", 0, 1), "E", f"/{folder}{plain_name}", plain_name, "", 10, False, mime, "",
                            head)
            got = matches(spec, info)[0]
            assert got == _plain(spec, info), (spec, info.path, head, mime)
            checked += 1
            selected += got
    assert checked > 10_000 and selected > 100
