"""Tags and notes on files, artifacts, YARA hits and content hits (each one audited).

A tag also carries the examiner's reading of the finding: ``interpretation`` (what it means)
and ``alternatives`` (other explanations considered), set when tagging or later on the
existing tag (:func:`edit_tag`); every change is audited with the SHA-256 of the new text.

Tagging a picture also keeps a small PNG preview of it in the case (``thumbnails`` table):
reports never reopen the evidence, so the preview is made now, at the examiner's request,
from the file's bytes read read-only from the evidence and checked against the SHA-256
recorded at triage.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
from typing import Any

from .errors import EvidenceError, IntegrityError, UsageError
from .exports.findings import full_locator
from .model import Locator
from .store import CaseStore
from .timeutil import utcnow_iso

TARGET_KINDS = ("file", "artifact", "hit", "content_hit")
THUMB_MAX_SOURCE = 64 * 1024 * 1024
THUMB_SIZE = 256


@dataclasses.dataclass(slots=True)
class TagResult:
    tag_id: int
    target_kind: str
    target_id: int
    locator: str
    thumbnail: str  # "made", "exists", "not a picture", or why none was made


def resolve_file(store: CaseStore, text: str) -> dict[str, Any]:
    """The file row for a locator as printed by ``forensic-triage files``."""
    try:
        loc = Locator.parse(text)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    key = loc.key()
    rows = store.query("SELECT * FROM files WHERE locator = ? OR substr(locator, 1, ?) = ? ORDER BY id",
                       (key, len(key) + 1, key + "/"))
    if not rows:
        raise UsageError(f"No file with locator {loc.key()} in this case.",
                         hint="Copy the locator from 'forensic-triage files CASE_DIR'.")
    row = dict(rows[0])
    if loc.path and loc.path != row["path"]:
        raise UsageError(f"The locator {loc.key()} is the file {row['path']!r}, not {loc.path!r}.")
    return row


def _target(store: CaseStore, kind: str, ident: str | int) -> tuple[int, str, int | None]:
    """(target id, locator text, file id) of a tag target."""
    if kind == "file":
        row = resolve_file(store, str(ident))
        return int(row["id"]), full_locator(row["locator"], row["path"]), int(row["id"])
    table = {"artifact": "artifacts", "hit": "yara_hits", "content_hit": "content_hits"}[kind]
    try:
        num = int(str(ident).split("-")[-1])
    except ValueError as exc:
        raise UsageError(f"{ident!r} is not a {kind} id (a number, or e.g. ART-12 / YARA-3 / TEXT-5).") from exc
    rows = store.query(f"SELECT t.id, t.locator, t.file_id, f.path FROM {table} t LEFT JOIN files f ON f.id = t.file_id"
                       " WHERE t.id = ?", (num,))
    if not rows:
        raise UsageError(f"No {kind.replace('_', ' ')} with id {num} in this case.")
    r = rows[0]
    return num, full_locator(r["locator"], r["path"]), r["file_id"]


WORDS = {"interpretation": "interpretation", "alternatives": "alternative explanations", "note": "note"}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _clean(text: str, what: str) -> str:
    from .case_details import clean

    return clean(text, what)


def add_tag(store: CaseStore, kind: str, ident: str | int, tag: str, note: str = "",
            examiner: str | None = None, *, thumbnail: bool = True, interpretation: str = "",
            alternatives: str = "") -> TagResult:
    """Tag a file (by locator), an artifact, a YARA hit or a content hit; audited.

    ``interpretation`` and ``alternatives`` are the examiner's reading of the finding (optional).
    """
    if kind not in TARGET_KINDS:
        raise UsageError(f"Cannot tag a {kind!r}; use one of {', '.join(TARGET_KINDS)}.")
    tag = tag.strip()
    if not tag:
        raise UsageError("A tag needs a name, e.g. --tag notable.")
    interpretation = _clean(interpretation, WORDS["interpretation"])
    alternatives = _clean(alternatives, WORDS["alternatives"])
    who = examiner or store.examiner
    target_id, locator, file_id = _target(store, kind, ident)
    with store.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO tags(target_kind, target_id, locator, tag, note, examiner, created_utc, interpretation,"
            " alternatives) VALUES (?,?,?,?,?,?,?,?,?)",
            (kind, target_id, locator, tag, note, who, utcnow_iso(), interpretation, alternatives))
        tag_id = int(cur.lastrowid or 0)
        details: dict[str, Any] = {"tag_id": tag_id, "target": kind, "target_id": target_id,
                                   "locator": locator, "tag": tag, "note": note}
        for name, text in (("interpretation", interpretation), ("alternatives", alternatives)):
            if text:
                details[f"{name}_sha256"] = _sha(text)
        store.audit(who, "tag added", details, touched=("tags",))
    status = "not a file"
    if thumbnail and kind == "file" and file_id is not None:
        status = make_thumbnail(store, file_id, who)
    return TagResult(tag_id, kind, target_id, locator, status)


def is_picture(row: dict[str, Any]) -> bool:
    mime = str(row.get("mime") or "")
    return mime.startswith("image/") and mime not in ("image/svg+xml", "image/x-tga")


def make_thumbnail(store: CaseStore, file_id: int, examiner: str) -> str:
    """Keep a PNG preview of a picture in the case; returns what happened (never raises for bad input)."""
    from PIL import Image, UnidentifiedImageError

    from .exports.evidence_read import file_record, read_all

    row = file_record(store, file_id)
    if not is_picture(row):
        return "not a picture"
    if store.scalar("SELECT 1 FROM thumbnails WHERE file_id = ?", (file_id,)):
        return "exists"
    if int(row["size"]) > THUMB_MAX_SOURCE:
        return f"picture larger than {THUMB_MAX_SOURCE} bytes: no preview"
    try:
        data = read_all(store, file_id, THUMB_MAX_SOURCE)
    except (EvidenceError, IntegrityError) as exc:
        _warn(store, file_id, row, f"No preview of the tagged picture: {exc.user_message()}")
        return f"no preview: {exc.message}"
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.thumbnail((THUMB_SIZE, THUMB_SIZE))
            rgb = img.convert("RGB")
            out = io.BytesIO()
            rgb.save(out, format="PNG", optimize=True)
            width, height = rgb.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        _warn(store, file_id, row, f"No preview of the tagged picture: it cannot be decoded ({exc}).")
        return "no preview: picture cannot be decoded"
    sha = hashlib.sha256(data).hexdigest()
    with store.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO thumbnails(file_id, source_sha256, mime, width, height, image, created_utc)"
                     " VALUES (?,?,?,?,?,?,?)", (file_id, sha, "image/png", width, height, out.getvalue(), utcnow_iso()))
        store.audit(examiner, "thumbnail made", {"file_id": file_id, "locator": full_locator(row["locator"], row["path"]),
                                                 "source_sha256": sha, "png_sha256": hashlib.sha256(out.getvalue()).hexdigest()},
                    touched=("thumbnails",))
    return "made"


def _warn(store: CaseStore, file_id: int, row: dict[str, Any], message: str) -> None:
    locator = full_locator(row["locator"], row["path"])
    with store.transaction() as conn:
        store.add_warning(conn, source="tag.thumbnail", message=message, evidence_id=row["evidence_id"],
                          file_id=file_id, locator=locator)
        # An examiner action that wrote a table: anchored in the audit like every other.
        store.audit(store.examiner, "thumbnail not made", {"file_id": file_id, "locator": locator,
                                                           "message": message}, touched=("warnings",))


def parse_tag_id(ident: str | int) -> int:
    """A tag id as typed: ``12`` or ``TAG-12``."""
    text = str(ident).strip()
    if text.upper().startswith("TAG-"):
        text = text[4:]
    try:
        value = int(text)
    except ValueError as exc:
        raise UsageError(f"{ident!r} is not a tag id (a number, or e.g. TAG-3).",
                         hint="'forensic-triage tag CASE_DIR --list' shows the ids.") from exc
    if value <= 0:
        raise UsageError(f"{ident!r} is not a tag id (a number, or e.g. TAG-3).")
    return value


def get_tag(store: CaseStore, tag_id: int) -> dict[str, Any]:
    rows = store.query("SELECT * FROM tags WHERE id = ?", (tag_id,))
    if not rows:
        raise UsageError(f"No tag with id {tag_id} in this case.",
                         hint="'forensic-triage tag CASE_DIR --list' shows the ids.")
    return dict(rows[0])


def edit_tag(store: CaseStore, tag_id: int, *, interpretation: str | None = None, alternatives: str | None = None,
             note: str | None = None, examiner: str | None = None) -> list[str]:
    """Set or change the interpretation, alternative explanations or note of an existing tag.

    ``None`` leaves a field as it is; returns the names of the fields that changed (nothing is
    written or audited when none did). One audit entry ("tag edited") with the SHA-256 of each
    new text and of the text it replaced.
    """
    given = {name: _clean(text, WORDS[name]) for name, text in
             (("interpretation", interpretation), ("alternatives", alternatives), ("note", note)) if text is not None}
    if not given:
        raise UsageError("Nothing to change on the tag.", hint="Give --interpretation, --alternatives or --note.")
    row = get_tag(store, tag_id)
    changed: list[str] = [name for name in ("interpretation", "alternatives", "note") if name in given
               and given[name] != (row[name] or "")]
    if not changed:
        return []
    who = examiner or store.examiner
    with store.transaction() as conn:
        conn.execute(f"UPDATE tags SET {', '.join(f'{n} = ?' for n in changed)} WHERE id = ?",  # noqa: S608
                     (*(given[n] for n in changed), tag_id))
        store.audit(who, "tag edited", {
            "tag_id": tag_id, "target": row["target_kind"], "target_id": row["target_id"], "locator": row["locator"],
            "tag": row["tag"], "fields": changed,
            "sha256": {n: _sha(given[n]) for n in changed},
            "replaced_sha256": {n: _sha(row[n] or "") for n in changed if row[n]},
        }, touched=("tags",))
    return changed


TARGET_PREFIX = {"file": "FILE", "artifact": "ART", "hit": "YARA", "content_hit": "TEXT", "hash_match": "HASH"}


def list_tags(store: CaseStore) -> list[dict[str, Any]]:
    return [dict(r) for r in store.query("SELECT * FROM tags ORDER BY id")]
