"""The details pane: metadata, every hash, the locator, findings on the file, and the viewers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QTextBrowser, QWidget

from forensic_triage.jobs.context import JobContext
from forensic_triage.timeutil import BASIS_LOCAL, BASIS_UTC, basis_label, display_time

from .common import file_locator, fmt_time, human_bytes, rich
from .content import MAX_PICTURE, MAX_VIEW, sqlite_tables
from .session import CaseSession
from .sqlite_view import SqliteView
from .viewers import HexView, PictureView, TextView, decode_picture
from .workers import JobWorker

SQLITE_MAGIC = b"SQLite format 3\x00"


class DetailsPane(QTabWidget):
    loaded = Signal(str)  # which view finished loading ("hex", "text", "picture", "sqlite")

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.details = QTextBrowser()
        self.details.setObjectName("detailsText")
        self.details.setOpenLinks(False)
        self.hex = HexView()
        self.text = TextView()
        self.picture = PictureView()
        self.sqlite = SqliteView()
        self.addTab(self.details, self.tr("Details"))
        self.addTab(self.hex, self.tr("Hex"))
        self.addTab(self.text, self.tr("Text"))
        self.addTab(self.picture, self.tr("Picture"))
        self.addTab(self.sqlite, self.tr("View as SQLite"))
        self.row: dict[str, Any] | None = None
        self._loaded: set[str] = set()
        self._gen = 0
        self.currentChanged.connect(lambda *_: self._load_current())
        self.hex.go.clicked.connect(lambda: self._load("hex", force=True))
        self.details.setHtml(self.tr("<p>Select a file to see its details.</p>"))

    # --------------------------------------------------------------- details
    def show_file(self, file_id: int | None) -> None:
        self._gen += 1
        self._loaded.clear()
        self.row = None
        if file_id is None:
            self.details.setHtml(self.tr("<p>Select a file to see its details.</p>"))
            self.picture.clear()
            return
        self.row = self.session.store.files.with_evidence(file_id)
        if self.row is None:
            return
        self.hex.offset.setValue(0)
        self.details.setHtml(self._html(self.row))
        self._load_current()

    def _html(self, r: dict[str, Any]) -> str:
        tz = self.session.timezone
        deleted = not r["allocated"]
        items: list[tuple[str, str]] = [
            (self.tr("Name"), rich(r["name"])),
            (self.tr("Path"), rich(r["path"])),
            (self.tr("Locator"), f"<code>{rich(file_locator(r, r['evidence_uid']))}</code>"),
            (self.tr("Evidence item"), rich(f"{r['exhibit']} ({r['evidence_uid']})")),
            (self.tr("File system"), rich(f"{r['fs_type'] or '?'} at byte {r['partition_offset']}")),
            (self.tr("Inode / MFT entry"), rich(r["inode"]) + (rich(f" attribute {r['attr_type']}-{r['attr_id']}")
                                                         if r["attr_type"] is not None else "")),
            (self.tr("Stream"), rich(r["stream"]) if r["stream"] else ""),
            (self.tr("Size"), rich(f"{r['size']:,} bytes ({human_bytes(r['size'])})")),
            (self.tr("Deleted"), "<b style='color:#b41e1e'>" + self.tr("yes — the name is not allocated") + "</b>"
             if deleted
             else self.tr("no")),
            (self.tr("Metadata allocated"), self.tr("yes") if r["meta_allocated"] else self.tr("no")),
            (self.tr("Type"), rich(r["mime"] or "")),
            (self.tr("Description"), rich(r["magic"] or "")),
            (self.tr("Extension"), rich(r["extension"]) + (
                " <b style='color:#b41e1e'>" + self.tr("does not match the content (looks like .{0})").format(
                    rich(r["detected_ext"])) + "</b>"
                if r["ext_mismatch"] else "")),
            (self.tr("Entropy"), rich(f"{r['entropy']:.3f} bits/byte") if r["entropy"] is not None else ""),
            (self.tr("Encrypted?"), rich(r["encrypted"]) if r["encrypted"] else ""),
            (self.tr("Modified"), rich(self._time(r, "mtime", tz))),
            (self.tr("Accessed"), rich(self._time(r, "atime", tz))),
            (self.tr("Changed (metadata)"), rich(self._time(r, "ctime", tz))),
            (self.tr("Created"), rich(self._time(r, "crtime", tz))),
            (self.tr("Times are"), rich(basis_label(r.get("time_basis") or BASIS_UTC, r.get("source_timezone")))
             if any(r.get(k) for k in ("mtime", "atime", "ctime", "crtime")) else ""),
            (self.tr("MD5"), f"<code>{rich(r['md5'] or '')}</code>"),
            (self.tr("SHA-1"), f"<code>{rich(r['sha1'] or '')}</code>"),
            (self.tr("SHA-256"), f"<code>{rich(r['sha256'] or '')}</code>"),
            (self.tr("Status"), rich(r["status"])),
            (self.tr("Flags"), rich(r["flags"])),
        ]
        body = "".join(f"<tr><td valign=top><b>{k}</b></td><td>{v}</td></tr>" for k, v in items if v)
        html = f"<table cellspacing=3>{body}</table>"
        html += self._findings_html(int(r["id"]))
        return html

    @staticmethod
    def _time(r: dict[str, Any], key: str, tz: str) -> str:
        """A file time with its basis: a local clock (FAT) is never shown as UTC."""
        if r.get("time_basis") == BASIS_LOCAL:
            try:
                return display_time(r[key], BASIS_LOCAL, r.get("source_timezone"), tz)
            except (ValueError, OverflowError):
                return str(r[key] or "")
        return fmt_time(r[key], tz)

    def _findings_html(self, file_id: int) -> str:
        out = []
        found = self.session.store.browse.file_findings(file_id)
        hashes = found["hashsets"]
        if hashes:
            out.append("<h4>" + self.tr("Hash-set matches") + "</h4><ul>" + "".join(
                f"<li>{rich(h['set_name'])} ({rich(h['kind'])}, {rich(h['algorithm'])})</li>" for h in hashes)
                + "</ul>")
        hits = found["yara"]
        if hits:
            from .findings_models import format_strings

            out.append("<h4>" + self.tr("YARA hits") + "</h4><ul>" + "".join(
                f"<li><b>{rich(h['rule'])}</b> ({rich(h['namespace'])}): {rich(format_strings(h['strings']))}</li>"
                for h in hits) + "</ul>")
        arts = found["artifacts"]
        if arts:
            out.append("<h4>" + self.tr("Artifacts from this file") + "</h4><ul>" + "".join(
                f"<li>{rich(a['type'])}: {rich(a['summary'])}</li>" for a in arts) + "</ul>")
        tags = found["tags"]
        if tags:
            out.append("<h4>" + self.tr("Tags and notes") + "</h4><ul>" + "".join(
                f"<li><b>{rich(t['tag'])}</b> {rich(t['note'])} — {rich(t['examiner'])}, "
                f"{rich(fmt_time(t['created_utc'], self.session.timezone))}</li>" for t in tags) + "</ul>")
        warns = found["warnings"]
        if warns:
            out.append("<h4>" + self.tr("Warnings") + "</h4><ul>" + "".join(
                f"<li>{rich(w['kind'])} ({rich(w['source'])}): {rich(w['message'])}</li>" for w in warns) + "</ul>")
        return "".join(out)

    # --------------------------------------------------------------- viewers
    def _load_current(self) -> None:
        view = {self.hex: "hex", self.text: "text", self.picture: "picture", self.sqlite: "sqlite"}.get(
            self.currentWidget())
        if view:
            self._load(view)

    def _load(self, view: str, force: bool = False) -> None:
        if self.row is None or (view in self._loaded and not force):
            return
        if self.row.get("type") != "file":
            return
        self._loaded.add(view)
        row = dict(self.row)
        reader = self.session.content
        evidence_path = str(row["evidence_path"])
        offset = int(self.hex.offset.value()) if view == "hex" else 0
        gen = self._gen
        # Asked here, on the GUI thread: the views' database connection belongs to it.
        companions = ({sfx: dict(c) for sfx in ("-wal", "-journal") for c in self.session_companion(row, sfx)}
                      if view == "sqlite" else {})
        if self.session.read_only_case:
            self.details.append(self.tr("This review case has no evidence image attached; content cannot be shown."))
            return

        def work(ctx: JobContext) -> Any:
            if view == "picture":
                size = int(row["size"])
                if size > MAX_PICTURE:
                    return None, [], "", size
                image, exif, problem = decode_picture(reader.read(row, evidence_path, 0, MAX_PICTURE))
                return image, exif, problem, size
            if view == "sqlite":
                head = reader.read(row, evidence_path, 0, 16)
                if head != SQLITE_MAGIC:
                    return None, [], self.tr("This file is not a SQLite database.")
                path = reader.sqlite_copy(row, evidence_path, companions)
                return path, sqlite_tables(path), ""
            return reader.read(row, evidence_path, offset, MAX_VIEW)

        worker = JobWorker("view", work, heavy=False)
        worker.signals.finished.connect(lambda result: self._show(gen, view, offset, result))
        worker.signals.errored.connect(lambda text: self._failed(gen, view, text))
        self.session.jobs.start(worker)

    def session_companion(self, row: dict[str, Any], suffix: str) -> list[dict[str, Any]]:
        return self.session.store.files.named_in_folder(row["volume_id"], row["parent_path"], f"{row['name']}{suffix}",
                                                        row["allocated"])

    def _show(self, gen: int, view: str, offset: int, result: Any) -> None:
        if gen != self._gen or self.row is None:
            return
        size = int(self.row["size"])
        if view == "hex":
            self.hex.show_bytes(result, offset, size)
        elif view == "text":
            self.text.show_bytes(result, size)
        elif view == "picture":
            self.picture.show_picture(*result)
        elif view == "sqlite":
            path, tables, problem = result
            self.sqlite.show_database(Path(path) if path else None, tables, problem)
        self.loaded.emit(view)

    def _failed(self, gen: int, view: str, text: str) -> None:
        if gen != self._gen:
            return
        message = self.tr("The content cannot be shown: {0}").format(text)
        if view == "hex":
            self.hex.model.set_bytes(b"", 0)
            self.hex.info.setText(message)
        elif view == "text":
            self.text.edit.setPlainText(message)
        elif view == "picture":
            self.picture.show_picture(None, [], text, 0)
        elif view == "sqlite":
            self.sqlite.show_database(None, [], message)
        self.loaded.emit(view)

    def refresh(self) -> None:
        if self.row is not None:
            row = self.session.store.files.with_evidence(int(self.row["id"]))
            if row is not None:
                self.details.setHtml(self._html(row))
