"""Helpers for the desktop application tests (imported by the tests and their conftest)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox

from forensic_triage.jobs.context import JobContext
from forensic_triage.store import CaseStore


def make_case(folder: Path, image: Path | None, *, triage: bool = True, exhibit: str = "EXH-001") -> Path:
    from forensic_triage.jobs.intake import add_evidence
    from forensic_triage.jobs.settings import TriageSettings
    from forensic_triage.jobs.triage import run_triage

    with CaseStore.create(folder, case_number="UI-TEST-1", examiner="Test Examiner", title="UI test",
                          timezone="America/Port_of_Spain") as store:
        if image is not None:
            add_evidence(store, image, exhibit=exhibit, description="test evidence", ctx=JobContext())
            if triage:
                run_triage(store, TriageSettings(jobs=1), JobContext())
    return folder


def wait_loaded(qtbot: Any, model: Any, timeout: int = 10000) -> None:
    """Wait until a paged model has answered its latest query."""
    qtbot.waitUntil(lambda: not model.loading, timeout=timeout)


def message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def wait_message(qtbot: Any, predicate: Callable[[str], bool] = lambda _t: True, timeout: int = 10000) -> QMessageBox:
    found: list[QMessageBox] = []

    def check() -> bool:
        found[:] = [b for b in message_boxes() if predicate(b.text())]
        return bool(found)

    qtbot.waitUntil(check, timeout=timeout)
    return found[0]


def synthetic_case(folder: Path, n: int, *, folders: int = 10) -> list[dict[str, Any]]:
    """A case whose ``files`` table is written directly with SQL (the real schema), for paging tests.

    Returns the file rows as inserted, so tests compute what the GUI must show independently
    of the SQL the GUI runs. Every 7th file is deleted, every 11th a picture, every 13th has
    a lying extension, every 17th a YARA hit, every 19th a notable hash-set match, every
    23rd is tagged; sizes and names are shuffled so that sorting means something.
    """
    rows: list[dict[str, Any]] = []
    with CaseStore.create(folder, case_number="SYN-1", examiner="Test Examiner") as store:
        with store.transaction() as conn:
            conn.execute("INSERT INTO evidence(id, uid, exhibit, format, path, media_size, verdict, added_utc)"
                         " VALUES (1, 'EXH-1', 'EXH-1', 'raw', '/nonexistent.dd', 1048576, 'NOT STORED',"
                         " '2025-01-01T00:00:00Z')")
            conn.execute("INSERT INTO volumes(id, evidence_id, addr, offset, length, fs_type, fs_status)"
                         " VALUES (1, 1, NULL, 0, 1048576, 'FAT16', 'walked')")
            for d in range(folders):
                conn.execute(
                    "INSERT INTO files(evidence_id, volume_id, locator, partition_offset, inode, path, name, name_raw,"
                    " parent_path, size, allocated, meta_allocated, type, status) VALUES (1,1,?,0,?,?,?,?,'/',0,1,1,"
                    "'dir','n/a')", (f"EXH-1:0:{d + 2}", d + 2, f"/dir{d:02d}", f"dir{d:02d}", f"dir{d:02d}".encode()))
            for i in range(n):
                size = (i * 7919) % 100003
                name = f"file{(i * 31) % n:06d}.{'jpg' if i % 11 == 0 else 'txt'}"
                parent = f"/dir{i % folders:02d}"
                row = {
                    "inode": 1000 + i, "name": name, "parent": parent, "path": f"{parent}/{name}", "size": size,
                    "deleted": i % 7 == 0, "mime": "image/jpeg" if i % 11 == 0 else "text/plain",
                    "mismatch": i % 13 == 0, "hits": 1 if i % 17 == 0 else 0,
                    "hashset": "notable" if i % 19 == 0 else None, "tagged": i % 23 == 0,
                    "md5": f"{i:032x}", "mtime": f"2025-01-{1 + i % 28:02d}T10:00:00Z",
                }
                cur = conn.execute(
                    "INSERT INTO files(evidence_id, volume_id, locator, partition_offset, inode, path, name, name_raw,"
                    " parent_path, extension, size, allocated, meta_allocated, type, status, md5, mime, ext_mismatch,"
                    " detected_ext, hit_count, hashset_match, mtime) VALUES (1,1,?,0,?,?,?,?,?,?,?,?,1,'file','done',"
                    " ?,?,?,?,?,?,?)",
                    (f"EXH-1:0:{row['inode']}", row["inode"], row["path"], name, name.encode(), parent,
                     name.rsplit(".", 1)[1], size, int(not row["deleted"]), row["md5"], row["mime"],
                     int(row["mismatch"]), "png" if row["mismatch"] else None, row["hits"], row["hashset"],
                     row["mtime"]))
                row["id"] = int(cur.lastrowid or 0)
                if row["tagged"]:
                    conn.execute("INSERT INTO tags(target_kind, target_id, locator, tag, examiner, created_utc)"
                                 " VALUES ('file', ?, ?, 'notable', 'Test Examiner', '2025-01-01T00:00:00Z')",
                                 (row["id"], f"EXH-1:0:{row['inode']}{row['path']}"))
                rows.append(row)
    return rows


class StallWatch:
    """Measures how long the GUI thread stayed away from its event loop.

    A 10 ms timer records the gap between its ticks (wall time) and the CPU time the GUI
    thread itself used in that gap (``time.thread_time``). A long wall gap with little GUI
    CPU means the thread was waiting (the machine's other processes, the GIL held by C code
    in a worker); a long CPU gap is work done on the GUI thread itself: a blocking call.
    """

    def __init__(self, interval_ms: int = 10) -> None:
        import time

        from PySide6.QtCore import QTimer

        self._wall = time.perf_counter
        self._cpu = time.thread_time
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self.longest_cpu = 0.0
        self.ticks = 0
        self._last = (0.0, 0.0)
        self.gaps: list[tuple[float, float, float, str]] = []
        self.label = ""
        self.t0 = self._wall()

    def mark(self, label: str) -> None:
        self.label = label

    def _tick(self) -> None:
        now = (self._wall(), self._cpu())
        if self._last[0]:
            gap, cpu = now[0] - self._last[0], now[1] - self._last[1]
            self.longest = max(self.longest, gap)
            self.longest_cpu = max(self.longest_cpu, cpu)
            if gap > 0.05:
                self.gaps.append((round(now[0] - self.t0, 3), round(gap, 3), round(cpu, 3), self.label))
        self._last = now
        self.ticks += 1

    def start(self) -> StallWatch:
        self._last = (0.0, 0.0)
        self.timer.start()
        return self

    def stop(self) -> tuple[float, float]:
        """(longest wall-clock gap, longest GUI-thread CPU time between two ticks), in seconds."""
        self.timer.stop()
        return self.longest, self.longest_cpu
