"""What a trainer does with packs: build one from an image and a question file, re-seal one."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .exercise import resolve_pack
from .pack import Pack, check_questions, sha256_file, write_pack
from .pack import reseal as _reseal


def load_questions(path: str | os.PathLike[str]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """A Q.json file: a list of questions, or an object with ``questions`` (and optionally
    ``id``, ``title``, ``briefing``). Returns (questions, the object's other fields)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"The question file {path} cannot be read: {exc.strerror}.") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise UsageError(f"The question file {path} is not valid JSON ({exc}).") from exc
    extra: dict[str, Any] = {}
    if isinstance(data, dict):
        extra = {k: v for k, v in data.items() if k != "questions"}
        data = data.get("questions")
    if not isinstance(data, list) or not data:
        raise UsageError(f"The question file {path} holds no list of questions.",
                         hint='Write a JSON list of {"id", "text", "points", "type", "answer", "tolerance"}.')
    check_questions(data)
    return data, extra


def build_pack(image: str | os.PathLike[str], questions_file: str | os.PathLike[str], out: str | os.PathLike[str],
               passphrase: bytes, *, pack_id: str | None = None, title: str | None = None,
               briefing: str | None = None, exhibit: str | None = None, source_timezone: str | None = None,
               reference_only: bool = False) -> Path:
    """A pack from the trainer's own image and question file, sealed with the passphrase."""
    src = Path(image)
    if not src.is_file():
        raise UsageError(f"The image {src} does not exist or is not a file.")
    qs, extra = load_questions(questions_file)
    if source_timezone:
        from ..jobs.source_zone import check_zone

        source_timezone = check_zone(source_timezone)
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", src.name).strip("._") or "evidence.dd"
    item = {"name": name, "path": None if reference_only else str(src), "sha256": sha256_file(src),
            "size": src.stat().st_size, "exhibit": exhibit or "EXH-001", "description": "Exercise evidence",
            "source_timezone": source_timezone}
    ident = pack_id or str(extra.get("id") or Path(out).stem)
    return write_pack(out, pack_id=ident, title=title or str(extra.get("title") or ident),
                      briefing=briefing if briefing is not None else str(extra.get("briefing") or ""),
                      questions=qs, evidence=[item], passphrase=passphrase)


def reseal(pack: str | os.PathLike[str] | Pack, out: str | os.PathLike[str], passphrase: bytes,
           old_passphrase: bytes | None = None) -> Path:
    """The same exercise sealed with a new (private) passphrase; a built-in pack id works too."""
    with resolve_pack(pack) as p:
        key = p.open_key(old_passphrase)
        return _reseal(p, key, out, passphrase)
