"""Spanish and French: no visible string of the main views stays in English.

The same window (start page, a training case's views, the questions pane, the training dialogs,
the menus) is built in English and in the other language; every text a widget shows (labels,
buttons, placeholders, tooltips, tabs, headers, list and combo items, menus, dock and dialog
titles) is collected under the widget's place in the tree. A text that is the same in both
languages is untranslated unless it is case data or an id (the small explicit list below), or
the catalogue itself translates it to the same words (French "Description", "Type"...).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDockWidget,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

REPO = Path(__file__).resolve().parents[2]
I18N = REPO / "ui" / "i18n"
LOCALE = REPO / "forensic_triage" / "locale"
STUDENT = "Ana Student"
# Proper names and ids that are the same in every language ("physical"/"walk": values of --read-order;
# the language names, each in its own language),
# besides case data and words with digits, dots, underscores, slashes or in capitals (file names,
# paths, exhibits, MD5, YARA...).
PROPER_NAMES = ["Forensic Triage Workstation", STUDENT, "physical", "walk", "English", "Español", "Français",
                "Google", "Chrome", "Windows", "John Doe", "Example Trading Ltd", "Northwind Engineering", "Southwind Pumps", "Marta Rivera"]
ID_TOKEN = re.compile(r"\S*[\d_./\\:@]\S*|\b[A-Z][A-Z0-9-]+\b|&")


@pytest.fixture(scope="module")
def training_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from forensic_triage import training

    folder = tmp_path_factory.mktemp("lang") / "exercise"
    training.start("shipment", folder, STUDENT)
    return folder


@pytest.fixture
def english() -> Iterator[None]:
    yield
    from forensic_triage.ui.languages import apply_language

    from forensic_triage import i18n

    apply_language("en")
    i18n._catalogs.clear()


def same_by_design(lang: str, qm_dir: Path = I18N) -> set[str]:
    """Texts the catalogues translate to the same words (checked by a translator, not forgotten)."""
    same = set()
    for message in ET.parse(qm_dir.parent / "i18n" / f"forensic_triage_{lang}.ts").iter("message"):
        source, target = message.findtext("source"), message.find("translation")
        if target is not None and target.get("type") != "unfinished" and target.text == source:
            same.add(source or "")
    po = (LOCALE / lang / "LC_MESSAGES" / "forensic_triage.po").read_text(encoding="utf-8")
    for msgid, msgstr in re.findall(r'^msgid (".*")\nmsgstr (".*")$', po, flags=re.MULTILINE):
        if msgid == msgstr:
            same.add(eval(msgid))  # noqa: S307 - a quoted string of our own catalogue
    return same


def _key(obj: QObject) -> str:
    parts = []
    while obj is not None:
        parent = obj.parent()
        siblings = parent.children() if parent is not None else [obj]
        parts.append(f"{type(obj).__name__}{siblings.index(obj) if obj in siblings else 0}:{obj.objectName()}")
        obj = parent
    return "/".join(reversed(parts))


def _widget_texts(w: QWidget) -> list[tuple[str, str]]:
    out = [("tip", w.toolTip())]
    if isinstance(w, QLabel):
        out.append(("text", re.sub(r"<[^>]+>", " ", w.text())))
    elif isinstance(w, QAbstractButton):
        out.append(("text", w.text()))
    elif isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
        out.append(("placeholder", w.placeholderText()))
    elif isinstance(w, QGroupBox):
        out.append(("title", w.title()))
    elif isinstance(w, QComboBox):
        out += [(f"item{i}", w.itemText(i)) for i in range(w.count())]
    elif isinstance(w, QListWidget) and w.objectName() != "recentCases":
        out += [(f"item{i}", w.item(i).text()) for i in range(w.count())]
    elif isinstance(w, QTabWidget):
        out += [(f"tab{i}", w.tabText(i)) for i in range(w.count())]
    elif isinstance(w, QHeaderView) and w.model() is not None:
        out += [(f"header{i}", str(w.model().headerData(i, w.orientation()) or ""))
                for i in range(w.count()) if not w.isSectionHidden(i)]
    elif isinstance(w, QDockWidget | QDialog):
        out.append(("title", w.windowTitle()))
    return out


def collect(root: QWidget, into: dict[str, str]) -> None:
    for w in [root, *root.findChildren(QWidget)]:
        if w is not root and not w.isVisibleTo(root):
            continue
        if w.objectName() in ("trainingBriefing",):
            into[_key(w) + "#body"] = w.toPlainText()
        for what, text in _widget_texts(w):
            if text.strip():
                into[f"{_key(w)}#{what}"] = text


def collect_menus(window: QWidget, into: dict[str, str]) -> None:
    def walk(menu: QMenu, prefix: str) -> None:
        for i, action in enumerate(menu.actions()):
            into[f"{prefix}/{i}"] = action.text()
            if action.menu() is not None and action.menu() is not window.recent_menu:  # type: ignore[attr-defined]
                walk(action.menu(), f"{prefix}/{i}")

    for i, action in enumerate(window.menuBar().actions()):  # type: ignore[attr-defined]
        into[f"menubar/{i}"] = action.text()
        if isinstance(action, QAction) and action.menu() is not None:
            walk(action.menu(), f"menubar/{i}")


def all_texts(qtbot: Any, case_dir: Path) -> dict[str, str]:
    """Every text of the start page, the training case's views, pane and dialogs, and the menus."""
    from forensic_triage.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    found: dict[str, str] = {}
    try:
        collect(window, found)
        collect_menus(window, found)
        assert window.open_case(str(case_dir))
        ws = window.workspace
        for i in range(ws.count()):
            ws.setCurrentIndex(i)
            qtbot.wait(150)
            if ws.currentWidget() is ws.findings:
                for j in range(ws.findings.count()):
                    ws.findings.setCurrentIndex(j)
                    qtbot.wait(150)
                    collect(window, found)
            collect(window, found)
        pane = window.training.pane
        for row in range(pane.list.count()):  # every question, with its own editor and hint button
            pane.list.setCurrentRow(row)
            question: dict[str, str] = {}
            collect(pane, question)
            found.update({f"question{row}/{k}": v for k, v in question.items()})
        collect_menus(window, found)
        for open_dialog in (window.training.start_dialog, window.training.trainer_dialog):
            dialog = open_dialog()
            qtbot.waitExposed(dialog)
            collect(dialog, found)
            dialog.close()
        info = window.session.info
        data = {str(info.get(k) or "") for k in ("case_number", "title", "examiner", "agency", "authority", "scope")}
    finally:
        window.jobs.cancel_all()
        window.jobs.wait(30000)
        window.close_case()
        window.close()
    return {k: v for k, v in found.items() if v.strip() not in data}


def untranslated(english: dict[str, str], other: dict[str, str], same: set[str]) -> list[str]:
    bad = []
    for key, text in english.items():
        if other.get(key) != text or text in same:
            continue
        rest = text
        for name in PROPER_NAMES:
            rest = rest.replace(name, " ")
        if re.search(r"[^\W\d_]{2,}", ID_TOKEN.sub(" ", rest)):
            bad.append(text)
    return sorted(set(bad))


def texts_in(qtbot: Any, case_dir: Path, lang: str, qm_dir: Path | None = None) -> dict[str, str]:
    from forensic_triage.ui.languages import apply_language

    from forensic_triage import i18n

    i18n._catalogs.clear()
    apply_language(lang, qm_dir)
    return all_texts(qtbot, case_dir)


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_every_visible_string_is_translated(qtbot: Any, training_case: Path, english: None, lang: str) -> None:
    base = texts_in(qtbot, training_case, "en")
    assert len(base) > 300  # the views were really walked
    shown = texts_in(qtbot, training_case, lang)
    assert not untranslated(base, shown, same_by_design(lang)), untranslated(base, shown, same_by_design(lang))
    # A few spot checks that the right catalogue is in use (GUI, core pack text, the banner).
    joined = "\n".join(shown.values())
    expected = {"es": ["Guardar respuesta", "¿Qué es realmente ese archivo?", "CAPACITACIÓN — NO ES EVIDENCIA"],
                "fr": ["Enregistrer la réponse", "Qu'est réellement ce fichier ?", "FORMATION — PAS UNE PREUVE"]}
    for text in expected[lang]:
        assert text in joined, text


def _lrelease() -> str:
    return shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))


def test_a_dropped_translation_is_caught(qtbot: Any, training_case: Path, english: None, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Break the catalogues on purpose: one GUI string and one pack question lose their Spanish."""
    sys.path.insert(0, str(REPO / "scripts"))
    import msgfmt

    from forensic_triage import i18n

    ts = (I18N / "forensic_triage_es.ts").read_text(encoding="utf-8")
    broken = ts.replace("<source>Save answer</source>\n        <translation>Guardar respuesta</translation>",
                        "<source>Save answer</source>\n        <translation type=\"unfinished\"></translation>")
    assert broken != ts
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "forensic_triage_es.ts").write_text(broken, encoding="utf-8")
    subprocess.run([_lrelease(), str(tmp_path / "i18n" / "forensic_triage_es.ts"), "-qm",
                    str(tmp_path / "i18n" / "forensic_triage_es.qm")], check=True, capture_output=True)
    po = (LOCALE / "es" / "LC_MESSAGES" / "forensic_triage.po").read_text(encoding="utf-8")
    po_broken = po.replace('msgid "What is that file really?"\nmsgstr "¿Qué es realmente ese archivo?"',
                           'msgid "What is that file really?"\nmsgstr ""')
    assert po_broken != po
    mo_dir = tmp_path / "locale" / "es" / "LC_MESSAGES"
    mo_dir.mkdir(parents=True)
    (mo_dir / "forensic_triage.mo").write_bytes(msgfmt.write_mo(msgfmt.parse_po(po_broken)))

    base = texts_in(qtbot, training_case, "en")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    shown = texts_in(qtbot, training_case, "es", tmp_path / "i18n")
    found = untranslated(base, shown, same_by_design("es"))
    assert "Save answer" in found
    assert any("What is that file really?" in t for t in found)
    assert len(found) <= 4, found  # nothing else: only what was dropped (and the texts that contain it)


def test_the_language_menu_saves_the_choice_for_the_next_start(qtbot: Any, window: Any,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from forensic_triage.ui.languages import choose_language
    from ui_helpers import wait_message

    monkeypatch.setenv("LANG", "fr_FR.UTF-8")  # what the application reads when nothing was chosen
    monkeypatch.setattr("forensic_triage.ui.languages.QLocale.system", lambda: __import__(
        "PySide6.QtCore", fromlist=["QLocale"]).QLocale("fr_FR"))
    assert choose_language() == "fr"
    window.findChild(QAction, "actLanguage_es").trigger()
    wait_message(qtbot, lambda t: "Español" in t and "next start" in t)
    assert choose_language() == "es"  # the saved choice wins over the system's
    assert choose_language("en") == "en"  # and --language over both
