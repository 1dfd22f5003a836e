"""Render the main screens of the desktop application into docs/screenshots/ (1366x768 PNGs).

Runs offscreen (no display needed) or under a real/Xvfb display when DISPLAY is set:

    python scripts/screenshots.py            # offscreen
    xvfb-run -s "-screen 0 1366x768x24" python scripts/screenshots.py

It builds the built-in sample evidence and, when the corpus is present ($FT_CORPUS, default
../shared/corpus), adds grr/ntfs_img.dd as a second exhibit; drives the real widgets (new
case, add evidence, triage, filters, viewers, findings, timeline) and grabs each screen.
PNGs are reduced to a 256-colour palette to keep the repository small.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SIZE = (1366, 768)


def corpus_image() -> Path | None:
    root = Path(os.environ.get("FT_CORPUS", REPO.parent / "shared" / "corpus"))
    image = root / "images" / "grr" / "ntfs_img.dd"
    return image if image.is_file() else None


def save(widget: object, path: Path) -> None:
    from PIL import Image

    pixmap = widget.grab()  # type: ignore[attr-defined]
    buffer = pixmap.toImage()
    from PySide6.QtCore import QBuffer, QIODevice

    raw = QBuffer()
    raw.open(QIODevice.OpenModeFlag.WriteOnly)
    buffer.save(raw, "PNG")
    img = Image.open(io.BytesIO(bytes(raw.data()))).convert("RGB")
    img.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    print(f"  {path.relative_to(REPO) if path.is_relative_to(REPO) else path} ({path.stat().st_size // 1024} KiB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="ft-shots-"))
    os.environ["XDG_DATA_HOME"] = str(work / "share")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")

    from forensic_triage.ui.app import make_app
    from PySide6.QtCore import QSettings, Qt

    from forensic_triage.sample.generator import build_sample_image

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(work / "qsettings"))
    app = make_app([sys.argv[0]])
    from forensic_triage.ui.main_window import MainWindow

    def spin(seconds: float = 0.3, until: Callable[[], bool] | None = None, timeout: float = 120) -> None:
        started = time.monotonic()
        while True:
            app.processEvents()
            time.sleep(0.005)
            elapsed = time.monotonic() - started
            if until is None and elapsed >= seconds:
                return
            if until is not None and until():
                return
            if elapsed > timeout:
                raise TimeoutError("the screen did not get ready")

    image = work / "sample-evidence.dd"
    build_sample_image(image)
    image.chmod(0o444)
    window = MainWindow()
    window.resize(*SIZE)
    window.show()
    spin()

    # New case through the wizard (the examiner's words, with a display time zone).
    wizard = window.new_case()
    wizard.details.case_number.setText("CYB-2025-0142")
    wizard.details.title_edit.setText("Fraud complaint — USB stick and laptop image")
    wizard.details.agency.setText("Cybercrime Unit, Forensic Laboratory")
    wizard.details.authority.setText("Search warrant 2025/88")
    wizard.next()
    wizard.examiner.examiner.setText("Det. Jane Roe")
    wizard.examiner.timezone.setEditText("America/Port_of_Spain")
    wizard.next()
    wizard.folder.folder.setText(str(work / "case"))
    wizard.accept()
    spin(until=lambda: window.session is not None)
    ws = window.workspace
    assert ws is not None

    # Evidence: the sample stick and, when available, a real NTFS image from the corpus.
    exhibits = [(image, "EXH-001", "Kingston USB stick, 16 GB (sample evidence)", "SEAL-4471")]
    ntfs = corpus_image()
    if ntfs is not None:
        exhibits.append((ntfs, "EXH-002", "Laptop partition image (GRR test image)", "SEAL-4472"))
    for path, exhibit, description, seal in exhibits:
        dialog = window.add_evidence()
        assert dialog is not None
        dialog.image.setText(str(path))
        dialog.exhibit.setText(exhibit)
        dialog.description.setText(description)
        dialog.seals.setText(seal)
        dialog.start()
        spin(until=lambda d=dialog: d.banner_box.count() > 0)  # type: ignore[misc]
        dialog.accept()
    ws.setCurrentWidget(ws.overview)
    spin(until=lambda: ws.overview.counts.text() not in ("", "Counting…"))
    print("screens:")

    # Triage, grabbed while it runs.
    window.show_tab(1)
    panel = ws.triage
    grabbed: list[bool] = []

    def during(p: object) -> None:
        if not grabbed and getattr(p, "phase", "") == "examining files" and getattr(p, "done", 0) > 5:
            grabbed.append(True)
            save(window, args.out / "triage.png")

    worker = panel.start()
    assert worker is not None
    worker.signals.progress.connect(during)
    spin(until=lambda: not panel.running)
    if not grabbed:
        save(window, args.out / "triage.png")
    ws.setCurrentWidget(ws.overview)
    spin(until=lambda: " files (" in ws.overview.counts.text() and not ws.overview.counts.text().startswith("0 "))
    save(window, args.out / "overview.png")

    # Browse: the Pictures folder of the sample, the camera picture with its EXIF.
    window.show_tab(2)
    browse = ws.browse
    rows = window.session.query("SELECT id FROM files WHERE name = 'IMG_20250227_101502.jpg'")
    browse.show_file(int(rows[0]["id"]))
    spin(until=lambda: browse.current_file_id() is not None)
    browse.details.setCurrentWidget(browse.details.picture)
    spin(0.8)
    save(window, args.out / "browse.png")

    # Findings: browser history, columns from the record type.
    window.show_tab(3)
    findings = ws.findings
    types = [findings.types.item(i).data(Qt.ItemDataRole.UserRole) for i in range(findings.types.count())]
    if "browser.visit" in types:
        findings.types.setCurrentRow(types.index("browser.visit"))
    spin(until=lambda: findings.artifact_table is not None and findings.artifact_table.model.rowCount() > 0)
    findings.artifact_table.table.selectRow(1)
    spin(0.5)
    save(window, args.out / "findings.png")

    # Timeline with a brushed period.
    window.show_tab(4)
    timeline = ws.timeline
    spin(until=lambda: bool(timeline.histogram.bins))
    bins = timeline.histogram.bins
    timeline.histogram.select_range(len(bins) - 1, len(bins) - 1)  # the sample's own period
    spin(until=lambda: timeline.table is not None and timeline.table.model.rowCount() > 0 and
         timeline.table.model.total is not None)
    timeline.table.table.selectRow(0)
    spin(0.5)
    save(window, args.out / "timeline.png")

    # The start screen, with the case in the recent list.
    window.close_case()
    spin()
    save(window, args.out / "start.png")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
