"""Timeline: a histogram of events over time (brush a range to filter) above the event table."""

from __future__ import annotations

import dataclasses
import datetime as _dt

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from . import findings_models as fm
from .findings import FindingTable
from .loader import Request
from .session import CaseSession

try:
    from forensic_triage.jobs.options import TIMELINE_FILE_TIMES_DEFAULT
except ImportError:  # pragma: no cover
    TIMELINE_FILE_TIMES_DEFAULT = False

PLAUSIBLE_FROM = 1980
FILE_TIMES_DEFAULT_LIMIT = 200_000


@dataclasses.dataclass(frozen=True, slots=True)
class Bin:
    start: str  # ISO date, inclusive
    end: str    # ISO date, exclusive
    label: str
    count: int


@dataclasses.dataclass(frozen=True, slots=True)
class Outliers:
    """Events outside the charted (dense) range, shown as a marker at that edge of the chart."""
    count: int = 0
    first: str = ""   # earliest / latest such day (ISO date)
    last: str = ""


def dense_range(days: list[tuple[_dt.date, int]]) -> tuple[int, int]:
    """Indices (lo, hi) of the dense part of sorted per-day counts.

    One 2019 WIN.INI beside a month of 2025 events must not squash the month into one bar: while the
    widest gap between event days is at least half the span and the side it cuts off holds at most
    10 % of the events, that side is left out of the chart (and shown as outliers)."""
    lo, hi = 0, len(days) - 1
    total = sum(n for _d, n in days) or 1
    for _ in range(8):
        span = (days[hi][0] - days[lo][0]).days
        if span <= 60 or hi <= lo:
            break
        gap, i = max(((days[k + 1][0] - days[k][0]).days, k) for k in range(lo, hi))
        if gap < span / 2:
            break
        left = sum(n for _d, n in days[lo:i + 1])
        right = sum(n for _d, n in days[i + 1:hi + 1])
        if left <= right and left <= total * 0.1:
            lo = i + 1
        elif right < left and right <= total * 0.1:
            hi = i
        else:
            break
    return lo, hi


def make_histogram(days: list[tuple[str, int]], today: _dt.date | None = None
                   ) -> tuple[list[Bin], int, Outliers, Outliers]:
    """(bins over the dense range, events left out as implausible, outliers before, outliers after)."""
    today = today or _dt.date.today()
    good: dict[_dt.date, int] = {}
    left_out = 0
    for text, n in days:
        try:
            day = _dt.date.fromisoformat(text[:10])
        except ValueError:
            left_out += n
            continue
        if day.year < PLAUSIBLE_FROM or day > today + _dt.timedelta(days=366):
            left_out += n
            continue
        good[day] = good.get(day, 0) + n
    if not good:
        return [], left_out, Outliers(), Outliers()
    ordered = sorted(good.items())
    lo, hi = dense_range(ordered)
    before = Outliers(sum(n for _d, n in ordered[:lo]), ordered[0][0].isoformat(),
                      ordered[lo - 1][0].isoformat()) if lo > 0 else Outliers()
    after = Outliers(sum(n for _d, n in ordered[hi + 1:]), ordered[hi + 1][0].isoformat(),
                     ordered[-1][0].isoformat()) if hi < len(ordered) - 1 else Outliers()
    return _bins(ordered[lo:hi + 1]), left_out, before, after


def make_bins(days: list[tuple[str, int]], today: _dt.date | None = None) -> tuple[list[Bin], int]:
    """Bins over the dense range and the events left out as implausible (see make_histogram)."""
    bins, left_out, _before, _after = make_histogram(days, today)
    return bins, left_out


def _bins(good: list[tuple[_dt.date, int]]) -> list[Bin]:
    """Group per-day counts into day, month or year bins."""
    first, last = good[0][0], good[-1][0]
    span = (last - first).days
    counts: dict[_dt.date, int] = {}
    if span <= 120:
        for day, n in good:
            counts[day] = counts.get(day, 0) + n
        out = []
        day = first
        while day <= last:
            nxt = day + _dt.timedelta(days=1)
            out.append(Bin(day.isoformat(), nxt.isoformat(), day.isoformat(), counts.get(day, 0)))
            day = nxt
        return out
    if span <= 366 * 8:
        for day, n in good:
            key = day.replace(day=1)
            counts[key] = counts.get(key, 0) + n
        out = []
        month = first.replace(day=1)
        while month <= last:
            nxt = (month.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)
            out.append(Bin(month.isoformat(), nxt.isoformat(), month.strftime("%Y-%m"), counts.get(month, 0)))
            month = nxt
        return out
    for day, n in good:
        key = _dt.date(day.year, 1, 1)
        counts[key] = counts.get(key, 0) + n
    return [Bin(f"{y}-01-01", f"{y + 1}-01-01", str(y), counts.get(_dt.date(y, 1, 1), 0))
            for y in range(first.year, last.year + 1)]


class HistogramWidget(QWidget):
    """Bars of event counts; drag across bars to choose a time range, double-click to clear."""

    rangeSelected = Signal(str, str)
    rangeCleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("histogram")
        self.bins: list[Bin] = []
        self.before = Outliers()
        self.after = Outliers()
        self.selection: tuple[int, int] | None = None
        self._anchor: int | None = None
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setToolTip(self.tr("Drag across the bars to show only that period; double-click to show all."))

    def set_bins(self, bins: list[Bin], before: Outliers | None = None, after: Outliers | None = None,
                 keep: tuple[str, str] | None = None) -> None:
        """New bars; ``keep`` (start, end) re-marks a chosen period that the new bars still cover."""
        self.bins = bins
        self.before, self.after = before or Outliers(), after or Outliers()
        self.selection = None
        if keep is not None:
            inside = [i for i, b in enumerate(bins) if b.start >= keep[0] and b.end <= keep[1]]
            if inside:
                self.selection = (inside[0], inside[-1])
        self.update()

    def outlier_text(self) -> tuple[str, str]:
        """The edge markers: ('◀ 1 earlier (2019-06-10)', '3 later (2031-01-01 … 2031-02-02) ▶')."""
        def span(o: Outliers) -> str:
            return o.first if o.first == o.last else f"{o.first} … {o.last}"
        left = self.tr("◀ {0} earlier ({1})").format(f"{self.before.count:,}", span(self.before)) \
            if self.before.count else ""
        right = self.tr("{0} later ({1}) ▶").format(f"{self.after.count:,}", span(self.after)) \
            if self.after.count else ""
        return left, right

    def _plot(self) -> QRectF:
        return QRectF(8, 6, max(1, self.width() - 16), max(1, self.height() - 26))

    def bin_at(self, x: float) -> int | None:
        if not self.bins:
            return None
        plot = self._plot()
        i = int((x - plot.left()) / plot.width() * len(self.bins))
        return max(0, min(len(self.bins) - 1, i))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pal = self.palette()
        p.fillRect(self.rect(), pal.base())
        plot = self._plot()
        if not self.bins:
            p.setPen(pal.text().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No dated events yet."))
            return
        top = max(b.count for b in self.bins) or 1
        width = plot.width() / len(self.bins)
        sel = self.selection
        for i, b in enumerate(self.bins):
            h = plot.height() * b.count / top
            rect = QRectF(plot.left() + i * width, plot.bottom() - h, max(1.0, width - 1), h)
            chosen = sel is not None and min(sel) <= i <= max(sel)
            p.fillRect(rect, QColor(200, 90, 20) if chosen else QColor(40, 110, 180))
        if sel is not None:
            lo, hi = min(sel), max(sel)
            band = QRectF(plot.left() + lo * width, plot.top(), (hi - lo + 1) * width, plot.height())
            p.fillRect(band, QColor(200, 90, 20, 40))
        p.setPen(QPen(pal.text().color()))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        fm_ = p.fontMetrics()
        y = int(plot.bottom()) + fm_.ascent() + 3
        p.drawText(int(plot.left()), y, self.bins[0].label)
        last = self.bins[-1].label
        p.drawText(int(plot.right()) - fm_.horizontalAdvance(last), y, last)
        peak = self.tr("peak {0}").format(f"{top:,}")
        left, right = self.outlier_text()
        if left or right:
            peak = "   ".join(t for t in (left, peak, right) if t)
        p.drawText(int(plot.center().x()) - fm_.horizontalAdvance(peak) // 2, y, peak)
        # Outliers beyond the charted range: a marker at that edge of the plot.
        mark = QColor(200, 40, 40)
        for count, x in ((self.before.count, plot.left()), (self.after.count, plot.right())):
            if count:
                p.fillRect(QRectF(x - 3, plot.top(), 3, plot.height()), mark)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._anchor = self.bin_at(event.position().x())
            if self._anchor is not None:
                self.selection = (self._anchor, self._anchor)
                self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        i = self.bin_at(event.position().x())
        if self._anchor is not None and i is not None:
            self.selection = (self._anchor, i)
            self.update()
        elif i is not None:
            b = self.bins[i]
            QToolTip.showText(event.globalPosition().toPoint(), self.tr("{0}: {1} events").format(b.label, b.count),
                              self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._anchor is not None and self.selection is not None:
            lo, hi = min(self.selection), max(self.selection)
            self._anchor = None
            self.rangeSelected.emit(self.bins[lo].start, self.bins[hi].end)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.clear_selection()

    def clear_selection(self) -> None:
        self.selection = None
        self._anchor = None
        self.update()
        self.rangeCleared.emit()

    def select_range(self, lo: int, hi: int) -> None:
        """Programmatic brush (keyboard users, tests)."""
        self.selection = (lo, hi)
        self.update()
        self.rangeSelected.emit(self.bins[min(lo, hi)].start, self.bins[max(lo, hi)].end)


class TimelineView(QWidget):
    jump = Signal(int)

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.file_times = QCheckBox(self.tr("Include file-system times (modified, accessed, changed, created)"))
        self.file_times.setObjectName("timelineFileTimes")
        # One default everywhere (the CLI's timeline --file-times): off; see docs/cli.md.
        self.file_times.setChecked(TIMELINE_FILE_TIMES_DEFAULT)
        self.range_label = QLabel(self.tr("All times"))
        self.clear_button = QPushButton(self.tr("Show all times"))
        self.histogram = HistogramWidget()
        self.note = QLabel()
        self.note.setObjectName("timelineNote")
        self.basis_note = QLabel()
        self.basis_note.setObjectName("timelineBasisNote")
        self.basis_note.setWordWrap(True)
        self.basis_note.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.file_times)
        top.addStretch(1)
        top.addWidget(self.range_label)
        top.addWidget(self.clear_button)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.histogram)
        self.layout_.addWidget(self.note)
        self.layout_.addWidget(self.basis_note)
        self.table: FindingTable | None = None
        self.range: tuple[str, str] | None = None
        self._gen = 0
        self.histogram.rangeSelected.connect(self._range_chosen)
        self.histogram.rangeCleared.connect(self._range_cleared)
        self.clear_button.clicked.connect(self.histogram.clear_selection)
        self.active = False

    def activate(self) -> None:
        """Build when first shown. File-system times (four per file) start switched off for big cases."""
        if self.active:
            return
        self.active = True
        files = self.session.store.browse.file_entry_high_id()
        if files > FILE_TIMES_DEFAULT_LIMIT and not self.file_times.isChecked():
            self.note.setText(self.tr("This case has {0} file entries: ticking the box adds their file-system "
                                      "times (sorting them takes a while).").format(f"{files:,}"))
        self.file_times.toggled.connect(lambda *_: self.rebuild())
        self.rebuild()

    def rebuild(self) -> None:
        if self.table is not None:
            self.table.dispose()
        model = fm.timeline_model(self.session.pages, self.session.counts, self.session.timezone,
                                  self.file_times.isChecked())
        self.table = FindingTable(model, "timeline")
        self.table.tag_button.hide()
        self.table.jump.connect(self.jump)
        self.table.filterChanged.connect(self.load_histogram)  # the chart counts what the list shows
        self.layout_.addWidget(self.table, 1)
        self.range = None
        self.range_label.setText(self.tr("All times"))
        self._apply()
        self.load_histogram()
        self.update_basis_note()

    def update_basis_note(self) -> None:
        """Say what is left off this UTC timeline because its zone is unknown, and what rests on an
        assumed zone (local clock times: FAT, EXIF camera clocks, local registry values)."""
        files, artifacts = self.session.store.browse.timeline_unplaced(file_times=self.file_times.isChecked())
        assumed = self.session.store.evidence.declared_zones()
        parts = []
        if files or artifacts:
            parts.append(self.tr("Not on this timeline: {0} file entries and {1} artifacts hold local clock times whose "
                                 "zone is unknown (they are not UTC). Declare the zone with 'forensic-triage evidence "
                                 "set'.").format(f"{files:,}", f"{artifacts:,}"))
        if assumed:
            parts.append(self.tr("Local clock times of {0} are placed with the zone declared by the examiner (an "
                                 "assumption, marked in the Time column).").format(
                ", ".join(f"{r['exhibit']} ({r['source_timezone']})" for r in assumed)))
        self.basis_note.setText(" ".join(parts))
        self.basis_note.setVisible(bool(parts))

    def load_histogram(self) -> None:
        self._gen += 1
        gen = self._gen
        file_times = self.file_times.isChecked()
        # The chart counts what the list shows: the text typed in its filter, over its columns.
        text = self.table.text_filter() if self.table is not None else ""
        columns = tuple(c.key for c in self.table.model.columns) if self.table is not None else ()
        self.session.counts.submit(Request(
            lambda store: store.browse.timeline_days(file_times=file_times, text=text, columns=columns),
            lambda days: self._on_histogram(gen, days), None, lambda: self._gen == gen))

    def _on_histogram(self, gen: int, days: list[tuple[str, int]]) -> None:
        if gen != self._gen:
            return
        bins, left_out, before, after = make_histogram(days)
        self.histogram.set_bins(bins, before, after, keep=self.range)
        self.note.setText(self.tr("{0} events dated before {1} or in the future are listed but not charted.")
                          .format(f"{left_out:,}", PLAUSIBLE_FROM) if left_out else "")
        self.note.setVisible(bool(left_out))

    def _range_chosen(self, start: str, end: str) -> None:
        self.range = (start, end)
        end_day = (_dt.date.fromisoformat(end) - _dt.timedelta(days=1)).isoformat()
        self.range_label.setText(self.tr("From {0} to {1} (UTC)").format(start, end_day))
        self._apply()

    def _range_cleared(self) -> None:
        self.range = None
        self.range_label.setText(self.tr("All times"))
        self._apply()

    def _apply(self) -> None:
        if self.table is None:
            return
        self.table.period = self.range
        self.table.apply_search()

    def refresh(self) -> None:
        if not self.active:
            return
        if self.table is not None:
            self.table.model.refresh()
        self.load_histogram()
        self.update_basis_note()
