"""Render the main screens of the desktop application into docs/screenshots/ (1366x768 PNGs).

Runs offscreen (no display needed) or under a real/Xvfb display when DISPLAY is set:

    python scripts/screenshots.py            # offscreen
    xvfb-run -s "-screen 0 1366x768x24" python scripts/screenshots.py

It makes exactly what the README's first command makes (``forensic-triage demo``: the sample
evidence, one exhibit, triaged), opens that case in the real window and grabs each screen
(overview, triage, browse with the picture viewer, findings, timeline, start page), then a phone
case: an iTunes/Finder backup of an iPhone and a TAR of an Android /data, written with the test
suite's real-schema builders, added through the Add evidence dialog and triaged (phone-*.png).
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
from typing import Any

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SIZE = (1366, 768)


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

    # What the README's demo produces: one exhibit, triaged (forensic-triage demo).
    from forensic_triage.cli.main import run

    demo = work / "forensic-triage-demo"
    assert run(["demo", str(demo), "--quiet", "--jobs", "2"]) == 0
    window = MainWindow()
    window.resize(*SIZE)
    window.show()
    spin()
    assert window.open_case(str(demo / "case"))
    ws = window.workspace
    assert ws is not None
    ws.setCurrentWidget(ws.overview)
    spin(until=lambda: " files (" in ws.overview.counts.text() and not ws.overview.counts.text().startswith("0 "))
    print("screens:")
    save(window, args.out / "overview.png")
    window.show_tab(1)
    spin(0.5)
    save(window, args.out / "triage.png")

    # Browse: the Pictures folder of the sample, the camera picture with its EXIF.
    window.show_tab(2)
    browse = ws.browse
    browse.show_file(window.session.store.files.ids_named("IMG_20250227_101502.jpg")[0])
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
    timeline.file_times.setChecked(True)  # with file-system times: the 2019 WIN.INI is marked as an outlier
    spin(until=lambda: bool(timeline.histogram.bins) and timeline.histogram.before.count > 0)
    bins = timeline.histogram.bins
    busiest = max(range(len(bins)), key=lambda i: bins[i].count)
    timeline.histogram.select_range(busiest, busiest)
    spin(until=lambda: timeline.table is not None and timeline.table.model.rowCount() > 0 and
         timeline.table.model.total is not None)
    timeline.table.table.selectRow(0)
    spin(0.5)
    save(window, args.out / "timeline.png")

    # The start screen, with the case in the recent list.
    window.close_case()
    spin()
    save(window, args.out / "start.png")

    phone_screens(window, work, args.out, spin)
    window.close()
    return 0


def phone_screens(window: Any, work: Path, out: Path, spin: Callable[..., None]) -> None:
    """A phone case: iOS backup and Android TAR added through the dialog, triaged, findings shown."""
    import tarfile

    from PySide6.QtCore import Qt

    sys.path.insert(0, str(REPO))
    from forensic_triage.store import CaseStore
    from tests.helpers import android_builders, ios_builders, phone_builders

    backup = phone_builders.write_ios_backup(work / "phone" / "iPhone backup", files=ios_builders.backup_files())
    tar_path = work / "phone" / "android-data.tar"
    with tarfile.open(tar_path, "w") as tar:
        for rel, data in sorted(android_builders.data_tree().items()):
            info = tarfile.TarInfo("data/" + rel)
            info.size, info.mtime = len(data), 1_700_000_000
            tar.addfile(info, io.BytesIO(data))
    case = work / "phone" / "case"
    CaseStore.create(case, case_number="CYB-2025-0311", examiner="Training Examiner", title="Two phones (training)",
                     agency="Demo Cybercrime Unit", timezone="America/Port_of_Spain").close()
    assert window.open_case(str(case))
    ws = window.workspace
    for path, exhibit, what in ((backup, "EXH-002", "iPhone 11 backup (iTunes)"),
                                (tar_path, "EXH-003", "Android /data, TAR from the extraction tool")):
        window.act_add.trigger()
        dialog = window.dialog
        dialog.image.setText(str(path))
        dialog.image.editingFinished.emit()
        dialog.exhibit.setText(exhibit)
        dialog.description.setText(what)
        spin(0.3)
        if exhibit == "EXH-002":
            save(dialog, out / "phone-add-evidence.png")
        dialog.start()
        spin(until=lambda d=dialog: d.close_button.isVisible() or not d.add_button.isEnabled() and
             bool(d.status.styleSheet()))
        dialog.accept()
    window.act_triage.trigger()
    spin(until=lambda: ws.triage.phase.text().startswith("Completed"), timeout=300)
    ws.setCurrentWidget(ws.overview)
    spin(1.0)
    save(window, out / "phone-overview.png")
    window.show_tab(3)
    findings = ws.findings
    types = [findings.types.item(i).data(Qt.ItemDataRole.UserRole) for i in range(findings.types.count())]
    findings.types.setCurrentRow(types.index("ios.message"))
    spin(until=lambda: findings.artifact_table is not None and findings.artifact_table.model.rowCount() > 0)
    findings.artifact_table.table.selectRow(0)
    spin(0.5)
    save(window, out / "phone-findings.png")
    window.show_tab(2)
    browse = ws.browse
    browse.show_file(window.session.store.files.ids_named("sms.db")[0])
    spin(until=lambda: browse.current_file_id() is not None)
    spin(0.8)
    save(window, out / "phone-browse.png")


if __name__ == "__main__":
    raise SystemExit(main())
