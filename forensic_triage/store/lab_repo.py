"""Lab mode's statements (distributed triage, examiners' roles): reached as ``store.lab``.

Work is claimed where it is written: a worker's results land only for the files of its unit still
``pending``, read with ``FOR UPDATE`` on PostgreSQL (inside the writer's transaction), so a unit
delivered twice (a worker died, a broker restarted) writes its rows once. On SQLite the writer's
``BEGIN IMMEDIATE`` gives the same guarantee.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..model import FileStatus
from .base import Repo

ROLES = ("examiner", "reviewer")


def _ids(ids: Iterable[int]) -> str:
    return json.dumps(sorted({int(i) for i in ids}))


class LabRepo(Repo):
    """Reached as ``store.lab``."""

    def _lock(self) -> str:
        return " FOR UPDATE" if self._store.dialect == "postgresql" else ""

    # ------------------------------------------------------------- claiming work
    def job_running(self, job_id: int) -> bool:
        return bool(self._scalar("SELECT outcome FROM jobs WHERE id=?", (job_id,)) == "running")

    def claim_pending(self, file_ids: Iterable[int]) -> set[int]:
        """The files of ``file_ids`` still pending, locked until the caller's transaction ends."""
        return {int(r["id"]) for r in self._rows(
            "SELECT id FROM files WHERE id IN (SELECT value FROM json_each(?)) AND status=?" + self._lock(),
            (_ids(file_ids), FileStatus.PENDING))}

    def still_pending(self, file_ids: Iterable[int]) -> set[int]:
        """The files of ``file_ids`` still pending (no lock: the coordinator watching its units)."""
        return {int(r["id"]) for r in self._rows(
            "SELECT id FROM files WHERE id IN (SELECT value FROM json_each(?)) AND status=?",
            (_ids(file_ids), FileStatus.PENDING))}

    def volume_status(self, volume_id: int) -> str:
        return str(self._scalar("SELECT fs_status FROM volumes WHERE id=?", (volume_id,)) or "")

    def files_in_volume(self, volume_id: int) -> int:
        return int(self._scalar("SELECT count(*) FROM files WHERE volume_id=?", (volume_id,)) or 0)

    def worker_failures(self, job_id: int) -> tuple[int, str]:
        """How many warnings of a job say a lab worker could not examine a file, and the first one."""
        row = self._one("SELECT count(*) AS n, min(id) AS first FROM warnings WHERE job_id=? AND source='lab.worker'",
                        (job_id,)) or {}
        if not row.get("n"):
            return 0, ""
        return int(row["n"]), str(self._scalar("SELECT message FROM warnings WHERE id=?", (row["first"],)) or "")

    def evidence_item(self, evidence_id: int) -> dict[str, Any] | None:
        return self._one("SELECT * FROM evidence WHERE id=?", (evidence_id,))

    def volume(self, volume_id: int) -> dict[str, Any] | None:
        return self._one("SELECT * FROM volumes WHERE id=?", (volume_id,))

    def containers(self, evidence_id: int) -> list[dict[str, Any]]:
        return self._rows("SELECT seq, path, size, mtime_ns, sha256 FROM evidence_containers WHERE evidence_id=?"
                          " ORDER BY seq", (evidence_id,))

    def job_totals(self, job_id: int) -> dict[str, int]:
        """What a job examined, counted from the rows its workers wrote."""
        row = self._one(
            "SELECT count(*) AS files, coalesce(sum(bytes_read), 0) AS bytes, coalesce(sum(hit_count), 0) AS hits"
            " FROM files WHERE job_id=? AND status<>?", (job_id, FileStatus.PENDING)) or {}
        artifacts = self._scalar("SELECT count(*) FROM artifacts WHERE job_id=?", (job_id,))
        crashed = self._scalar("SELECT count(DISTINCT file_id) FROM warnings WHERE job_id=? AND kind IN"
                               " ('crash', 'timeout', 'memory')", (job_id,))
        return {"files": int(row.get("files") or 0), "bytes": int(row.get("bytes") or 0),
                "hits": int(row.get("hits") or 0), "artifacts": int(artifacts or 0), "crashed": int(crashed or 0)}

    # ------------------------------------------------------------- examiners
    def set_member(self, name: str, role: str, key_fingerprint: str | None) -> None:
        """Add or change an examiner of the case (name, role, the fingerprint of their key)."""
        # examiners.role also holds an examiner's job title for the report ('case set --examiner-role'):
        # 'examiner' replaces only an empty role or 'reviewer'.
        self._conn.execute("INSERT OR IGNORE INTO examiners(name) VALUES (?)", (name,))
        self._conn.execute("UPDATE examiners SET role=CASE WHEN ?='reviewer' OR role IN ('', 'reviewer') THEN ? ELSE"
                           " role END, key_fingerprint=coalesce(?, key_fingerprint) WHERE name=?",
                           (role, role, key_fingerprint, name))

    def member(self, name: str) -> dict[str, Any] | None:
        return self._one("SELECT name, role, organisation, key_fingerprint FROM examiners WHERE name=?", (name,))

    def members(self) -> list[dict[str, Any]]:
        return self._rows("SELECT name, role, organisation, key_fingerprint FROM examiners ORDER BY id")

    def contributors(self) -> list[dict[str, Any]]:
        """Everyone who acted on the case, from the audit log: name, first and last action, count."""
        return self._rows("SELECT actor AS name, min(time_utc) AS first_utc, max(time_utc) AS last_utc,"
                          " count(*) AS actions FROM audit GROUP BY actor ORDER BY min(seq)")
