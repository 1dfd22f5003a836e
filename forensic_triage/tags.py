"""Tags and notes on files, artifacts, YARA hits and content hits (each one audited).

A tag also carries the examiner's reading of the finding: ``interpretation`` (what it means)
and ``alternatives`` (other explanations considered), set when tagging or later on the
existing tag (:func:`edit_tag`); every change is audited with the SHA-256 of the new text.

Tagging a picture also keeps a small PNG preview of it in the case (``thumbnails`` table):
reports never reopen the evidence, so the preview is made now, at the examiner's request,
from the file's bytes read read-only from the evidence and checked against the SHA-256
recorded at triage, and decoded in a child process with limits (a hostile picture cannot take
the application down).
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from . import isolated_views
from .errors import EvidenceError, FileSystemError, IntegrityError, ParseError, UsageError
from .fs.resolver import Resolver, chunks
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
    rows = store.tags.files_by_locator(loc.key())
    if not rows:
        raise UsageError(f"No file with locator {loc.key()} in this case.",
                         hint="Copy the locator from 'forensic-triage files CASE_DIR'.")
    row = rows[0]
    if loc.path and loc.path != row["path"]:
        raise UsageError(f"The locator {loc.key()} is the file {row['path']!r}, not {loc.path!r}.")
    return row


def _target(store: CaseStore, kind: str, ident: str | int) -> tuple[int, str, int | None]:
    """(target id, locator text, file id) of a tag target."""
    if kind == "file":
        row = resolve_file(store, str(ident))
        return int(row["id"]), full_locator(row["locator"], row["path"]), int(row["id"])
    try:
        num = int(str(ident).split("-")[-1])
    except ValueError as exc:
        raise UsageError(f"{ident!r} is not a {kind} id (a number, or e.g. ART-12 / YARA-3 / TEXT-5).") from exc
    r = store.tags.finding_target(kind, num)
    if r is None:
        raise UsageError(f"No {kind.replace('_', ' ')} with id {num} in this case.")
    return num, full_locator(r["locator"], r["path"]), r["file_id"]


def full_locator(locator: str | None, path: str | None) -> str:
    """Locator key + path as printed by ``forensic-triage files`` (the same text as
    ``exports.findings.full_locator``; tags, a service, does not import the exports)."""
    loc, p = str(locator or ""), str(path or "")
    return loc if not p or loc.endswith(p) else loc + p


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
    if role_of(store, who) == "reviewer" and tag != COMMENT:
        raise UsageError(f"{who} reviews this case: a reviewer may comment on a finding (--tag {COMMENT} with a "
                         "note) but not tag it.", hint="Ask an examiner of the case, or comment.")
    target_id, locator, file_id = _target(store, kind, ident)
    with store.transaction():
        tag_id = store.tags.insert_tag(kind=kind, target_id=target_id, locator=locator, tag=tag, note=note,
                                       examiner=who, created_utc=utcnow_iso(), interpretation=interpretation,
                                       alternatives=alternatives)
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
    """Keep a PNG preview of a picture in the case; returns what happened (never raises for bad input).

    The picture is read read-only through the resolver and checked against its recorded SHA-256
    here; it is decoded in a child process with limits (``isolated_views``), so a hostile picture
    costs that child, never the application that asked for the tag."""
    row = store.findings.file_with_evidence_path(file_id)
    if row is None:
        raise EvidenceError(f"No file with id {file_id} in this case.")
    if not is_picture(row):
        return "not a picture"
    if store.tags.has_thumbnail(file_id):
        return "exists"
    if int(row["size"]) > THUMB_MAX_SOURCE:
        return f"picture larger than {THUMB_MAX_SOURCE} bytes: no preview"
    try:
        data, sha = _read_checked(store, row)
    except (EvidenceError, IntegrityError) as exc:
        _warn(store, file_id, row, f"No preview of the tagged picture: {exc.user_message()}")
        return f"no preview: {exc.message}"
    try:
        thumb = isolated_views.make_thumbnail(data, THUMB_SIZE)
    except ParseError as exc:
        _warn(store, file_id, row, f"No preview of the tagged picture: {exc.message}.")
        return "no preview: picture cannot be decoded"
    with store.transaction():
        store.tags.save_thumbnail(file_id=file_id, source_sha256=sha, width=thumb.width, height=thumb.height,
                                  png=thumb.png, created_utc=utcnow_iso())
        store.audit(examiner, "thumbnail made", {"file_id": file_id, "locator": full_locator(row["locator"], row["path"]),
                                                 "source_sha256": sha, "png_sha256": hashlib.sha256(thumb.png).hexdigest()},
                    touched=("thumbnails",))
    return "made"


def _read_checked(store: CaseStore, row: dict[str, Any]) -> tuple[bytes, str]:
    """The whole file read back from the evidence (read-only, through the resolver) and its SHA-256,
    checked against the one recorded at triage."""
    if store.case_info().get("read_only"):
        raise EvidenceError("This is a review case imported from a package; its evidence image is not attached.")
    size = int(row["size"])
    with Resolver(keep=1) as resolver:
        try:
            resolver.attach(row["evidence_path"])
        except (OSError, EvidenceError) as exc:
            raise EvidenceError(f"The evidence of {row['evidence_uid']} cannot be opened: {exc}.",
                                hint="Attach the evidence image at its recorded path.") from exc
        try:
            stream = resolver.open_row(row["evidence_path"], row)
            data = b"".join(chunks(stream))
        except FileSystemError as exc:
            raise EvidenceError(f"{row['path']} cannot be opened in the evidence: {exc}.") from exc
        except OSError as exc:
            raise EvidenceError(f"{row['path']}: its bytes cannot be read from the evidence ({exc}).") from exc
    if len(data) < size:
        raise EvidenceError(f"{row['path']}: only {len(data)} of {size} bytes can be read from the evidence "
                            "(the image ends early); a shortened copy is never passed off as the file.")
    sha = hashlib.sha256(data).hexdigest()
    if row["sha256"] and sha != row["sha256"]:
        raise IntegrityError(f"{row['path']} read now hashes to {sha}, not the SHA-256 recorded at triage "
                             f"({row['sha256']}); nothing was copied from it.")
    return data, sha


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
    row = store.tags.by_id(tag_id)
    if row is None:
        raise UsageError(f"No tag with id {tag_id} in this case.",
                         hint="'forensic-triage tag CASE_DIR --list' shows the ids.")
    return row


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
    if role_of(store, who) == "reviewer" and not (row["tag"] == COMMENT and row["examiner"] == who):
        raise UsageError(f"{who} reviews this case: a reviewer may edit only their own comments.")
    with store.transaction():
        store.tags.update_tag_texts(tag_id, {n: given[n] for n in changed})
        store.audit(who, "tag edited", {
            "tag_id": tag_id, "target": row["target_kind"], "target_id": row["target_id"], "locator": row["locator"],
            "tag": row["tag"], "fields": changed,
            "sha256": {n: _sha(given[n]) for n in changed},
            "replaced_sha256": {n: _sha(row[n] or "") for n in changed if row[n]},
        }, touched=("tags",))
    return changed


TARGET_PREFIX = {"file": "FILE", "artifact": "ART", "hit": "YARA", "content_hit": "TEXT", "hash_match": "HASH"}


def list_tags(store: CaseStore) -> list[dict[str, Any]]:
    return store.tags.all_tags()


# ---------------------------------------------------------------- examiners of a lab case
COMMENT = "comment"  # the one tag a reviewer may add: a comment on a finding


def role_of(store: CaseStore, name: str) -> str:
    """'examiner' or 'reviewer' (a name the case does not list is an examiner, as before roles)."""
    member = store.lab.member(name)
    return str(member["role"]) if member and member["role"] in ("examiner", "reviewer") else "examiner"


def set_member(store: CaseStore, name: str, role: str, key_fingerprint: str | None, *, by: str) -> None:
    """Name an examiner of the case and their role ('examiner' | 'reviewer'); audited."""
    from .errors import UsageError
    from .store.lab_repo import ROLES

    if role not in ROLES:
        raise UsageError(f"Unknown role {role!r}; the roles are {', '.join(ROLES)}.")
    if not name.strip():
        raise UsageError("An examiner needs a name.")
    with store.transaction():
        store.lab.set_member(name.strip(), role, key_fingerprint)
        store.audit(by, "examiner role set", {"examiner": name.strip(), "role": role,
                                              "key_fingerprint": key_fingerprint}, touched=("examiners",))
