"""Issue 14's desktop-application items: the timeline chart (outliers, linked to the list filter, one
default for file-system times), column widths, labelled audit details, decoded EXIF, a PDF that
cannot be opened, the overview's wording, the double-click hint, and the triage form built from the
same declared options as the CLI."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

from forensic_triage.ui import timeline as tl
from forensic_triage.ui.findings_models import labelled_details
from forensic_triage.ui.viewers import decode_picture
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QHeaderView, QLabel, QWidget
from ui_helpers import wait_loaded

from forensic_triage.cli.main import build_parser
from forensic_triage.jobs.options import TIMELINE_FILE_TIMES_DEFAULT, TRIAGE_OPTIONS
from forensic_triage.sample.generator import make_exif, make_jpeg


# ---------------------------------------------------------------- timeline
def test_one_outlier_does_not_squash_the_dense_range() -> None:
    days = [("2019-12-07", 1)] + [(f"2025-02-{d:02d}", 3) for d in range(20, 28)]
    bins, left_out, before, after = tl.make_histogram(days, today=_dt.date(2026, 1, 1))
    assert left_out == 0
    assert before.count == 1 and before.first == "2019-12-07" and after.count == 0
    # Day bins over the eight dense days, not one bar per month or year since 2019.
    assert [b.label for b in bins] == [f"2025-02-{d:02d}" for d in range(20, 28)]
    assert sum(b.count for b in bins) == 24
    # Evenly spread data is not trimmed.
    spread = [(f"{y}-06-01", 5) for y in range(2010, 2025)]
    bins, _l, before, after = tl.make_histogram(spread, today=_dt.date(2026, 1, 1))
    assert before.count == after.count == 0 and bins[0].label == "2010" and bins[-1].label == "2024"
    # A late outlier is marked at the right edge.
    late = [(f"2025-02-{d:02d}", 3) for d in range(20, 28)] + [("2025-11-30", 2)]
    _b, _l, before, after = tl.make_histogram(late, today=_dt.date(2026, 1, 1))
    assert before.count == 0 and after.count == 2 and after.first == "2025-11-30"


def test_timeline_chart_follows_the_list_filter_and_marks_outliers(qtbot: Any, window: Any,
                                                                   case_copy: Path) -> None:
    # The sample stick's FAT times are local clock times: they join the UTC timeline only once the
    # zone the device was set to is declared (as the demo does).
    from forensic_triage.jobs.source_zone import set_source_timezone
    from forensic_triage.store import CaseStore

    with CaseStore.open(case_copy) as store:
        set_source_timezone(store, str(store.scalar("SELECT uid FROM evidence ORDER BY id LIMIT 1")),
                            "America/Port_of_Spain")
    assert window.open_case(str(case_copy))
    window.show_tab(4)
    timeline = window.workspace.timeline
    # One default everywhere: file-system times off, as in `forensic-triage timeline`.
    assert timeline.file_times.isChecked() is TIMELINE_FILE_TIMES_DEFAULT is False
    parser = build_parser()
    sub = next(a for a in parser._subparsers._group_actions)  # type: ignore[union-attr]
    cli = sub.choices["timeline"].parse_args(["case"])  # type: ignore[attr-defined]
    assert cli.file_times is TIMELINE_FILE_TIMES_DEFAULT
    # With file-system times, the 2019 WIN.INI is an outlier marked at the left edge.
    timeline.file_times.setChecked(True)
    qtbot.waitUntil(lambda: bool(timeline.histogram.bins) and timeline.histogram.before.count >= 1, timeout=30000)
    assert all(b.start >= "2025" for b in timeline.histogram.bins)
    assert timeline.histogram.outlier_text()[0].startswith("◀ ")
    total = sum(b.count for b in timeline.histogram.bins) + timeline.histogram.before.count
    # Filtering the list re-counts the chart.
    wait_loaded(qtbot, timeline.table.model)
    timeline.table.search.setText("WIN.INI")
    timeline.table.apply_search()
    qtbot.waitUntil(lambda: timeline.table.model.total is not None and timeline.table.model.total < total,
                    timeout=30000)
    shown = timeline.table.model.total
    qtbot.waitUntil(lambda: sum(b.count for b in timeline.histogram.bins)
                    + timeline.histogram.before.count + timeline.histogram.after.count == shown, timeout=30000)


# ---------------------------------------------------------------- tables
def test_columns_fit_content_and_the_long_text_gets_the_width(qtbot: Any, window: Any, case_copy: Path) -> None:
    window.resize(1366, 768)
    assert window.open_case(str(case_copy))
    window.show_tab(3)
    findings = window.workspace.findings
    warnings = findings.tables["warnings"]
    findings.setCurrentWidget(warnings)
    wait_loaded(qtbot, warnings.model)
    qtbot.waitUntil(lambda: warnings.model.rowCount() >= 1)
    header = warnings.table.horizontalHeader()
    keys = [c.key for c in warnings.model.columns]
    job, message = keys.index("job"), keys.index("message")
    assert header.sectionSize(job) < 100
    assert header.sectionResizeMode(message) == QHeaderView.ResizeMode.Stretch
    assert header.sectionSize(message) > 2 * header.sectionSize(job)
    content = findings.tables["content"]
    findings.setCurrentWidget(content)
    wait_loaded(qtbot, content.model)
    qtbot.waitUntil(lambda: content.model.rowCount() >= 1)
    ckeys = [c.key for c in content.model.columns]
    cheader = content.table.horizontalHeader()
    assert cheader.sectionResizeMode(ckeys.index("value")) == QHeaderView.ResizeMode.Stretch
    assert cheader.sectionSize(ckeys.index("offset")) < 120 and cheader.sectionSize(ckeys.index("encoding")) < 120
    # The double-click hint only where double-click opens something.
    assert "double-click" in warnings.record.placeholderText()
    window.show_tab(5)
    audit = window.workspace.audit
    assert "double-click" not in audit.audit.record.placeholderText()
    assert "double-click" not in audit.custody.record.placeholderText()


def test_audit_details_are_labelled_fields() -> None:
    text = labelled_details(json.dumps({"uid": "EXH-001", "sha256": "ab" * 32, "job_id": 3, "read_only": True,
                                        "case_number": "X-1"}))
    assert text == f"Evidence: EXH-001; SHA-256: {'ab' * 32}; Job: 3; Read only: yes; Case number: X-1"
    assert "{" not in text and '"' not in text
    assert labelled_details("plain words") == "plain words"


def test_audit_view_shows_labelled_details(qtbot: Any, window: Any, case_copy: Path) -> None:
    assert window.open_case(str(case_copy))
    window.show_tab(5)
    audit = window.workspace.audit
    wait_loaded(qtbot, audit.audit.model)
    col = [c.key for c in audit.audit.model.columns].index("details")
    cells = [audit.audit.model.data(audit.audit.model.index(r, col)) or "" for r in range(audit.audit.model.rowCount())]
    assert any(": " in c for c in cells)
    assert not any(c.startswith("{") for c in cells)


# ---------------------------------------------------------------- EXIF
def test_exif_is_decoded_and_labelled_with_gps_coordinates() -> None:
    jpeg, _w, _h = make_jpeg(make_exif("Canon", "EOS 80D", _dt.datetime(2025, 3, 1, 10, 0, 0), 10.6523, -61.517,
                                       96, 64))
    _image, fields, problem = decode_picture(jpeg)
    assert problem == ""
    names = dict(fields)
    assert names["Camera make"] == "Canon" and names["Camera model"] == "EOS 80D"
    assert names["GPS position"].startswith("10.652300, -61.517000")
    assert "geo:10.652300,-61.517000" in names["Open in a map"]
    assert "openstreetmap.org/?mlat=10.652300&mlon=-61.517000" in names["Open in a map"]
    assert names["Resolution unit"] == "inch (2)"
    # No directory pointers, no raw rationals.
    assert not {"GPSInfo", "ExifOffset", "Gps info", "Exif offset"} & set(names)
    assert names["Exposure time (s)"] == "0.008"


# ---------------------------------------------------------------- report: no PDF viewer
def test_open_pdf_without_a_viewer_says_so_and_offers_the_folder(qtbot: Any, window: Any, case_copy: Path,
                                                                  tmp_path: Path, monkeypatch: Any) -> None:
    # No xdg-open (or any opener) on PATH, no desktop: Qt's openUrl fails as on a bare workstation.
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    for var in ("XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID"):
        monkeypatch.delenv(var, raising=False)
    assert window.open_case(str(case_copy))
    window.act_report.trigger()
    report = window.dialog
    for key, box in report.outputs.items():
        box.setChecked(key == "pdf")
    report.folder.setText(str(tmp_path / "out"))
    report.open_pdf.setChecked(True)
    with qtbot.waitSignal(report.written, timeout=120000):
        report.write_button.click()
    assert "no program to show PDFs" in report.status.text()
    assert report.open_folder.isVisibleTo(report)
    report.open_folder.click()
    assert "could not be opened either" in report.status.text()


# ---------------------------------------------------------------- overview
def test_overview_wording(qtbot: Any, window: Any, case_copy: Path) -> None:
    assert window.open_case(str(case_copy))
    overview = window.workspace.overview
    banner = overview.findChild(QLabel, "bannerText")
    assert banner is not None and "EXH-001 (EXH-001)" not in banner.text() and "EXH-001" in banner.text()
    text = overview.case_label.text()
    assert str(case_copy.resolve()) in text  # the folder in full, even when opened by a relative path
    created = text.split("Created (UTC)")[1]
    assert " UTC</td>" in created[:80]
    import re

    assert not re.search(r"\d\d:\d\d:\d\d\.\d+", created[:80])
    qtbot.waitUntil(lambda: "waiting to be examined" in overview.counts.text())
    assert "1 YARA hit," in overview.counts.text() and "1 YARA hits" not in overview.counts.text()


# ---------------------------------------------------------------- triage form = CLI options
def test_triage_form_has_a_field_for_every_cli_option(qtbot: Any, window: Any, case_copy: Path) -> None:
    assert window.open_case(str(case_copy))
    panel = window.workspace.triage
    assert set(panel.option_widgets) == {o.field for o in TRIAGE_OPTIONS}
    for opt in TRIAGE_OPTIONS:
        assert isinstance(panel.option_widgets[opt.field], QWidget)
    # Every option the CLI's triage takes is declared (tests/test_first_run.py) and so has a field here.
    by_name = {opt.field: panel.findChild(QWidget, opt.widget_name) for opt in TRIAGE_OPTIONS
               if opt.field in ("regexes", "read_order", "budget_seconds", "file_timeout", "worker_memory_mb")}
    assert all(w is not None for w in by_name.values()), by_name
    by_name["regexes"].setPlainText("INV-[0-9]{4}\nCASE-[A-Z]+")
    by_name["read_order"].setCurrentIndex(by_name["read_order"].findData("walk"))
    by_name["budget_seconds"].setText("20m")
    by_name["file_timeout"].setValue(45)
    by_name["worker_memory_mb"].setValue(1024)
    s = panel.settings()
    assert s.regexes == ["INV-[0-9]{4}", "CASE-[A-Z]+"] and s.read_order == "walk"
    assert s.budget_seconds == 1200 and s.file_timeout == 45 and s.worker_memory_mb == 1024
    panel.remember_choices()
    by_name["budget_seconds"].setText("soon")
    assert panel.start() is None and "Cannot read the time budget" in panel.phase.text()
    by_name["budget_seconds"].setText("")
    panel.restore_choices()
    assert by_name["budget_seconds"].text() == "20m" and panel.settings().read_order == "walk"
    QSettings().sync()
