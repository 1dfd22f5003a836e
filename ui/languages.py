"""The application's language: Qt catalogues for the interface, gettext for the core's text.

The language is, in order: ``--language es|fr|en``, the ``ui/language`` setting, the system
locale (``LANG``). Catalogues live in ``ui/i18n/forensic_triage_LANG.qm`` (made by
``scripts/update_translations.sh``); Qt's own strings (dialog buttons) come from Qt's
``qtbase_LANG.qm``. English is the source language and needs no catalogue.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from forensic_triage import i18n

from .settings import settings

I18N_DIR = Path(__file__).with_name("i18n")
SETTING = "ui/language"
LANGUAGES = i18n.LANGUAGES

_installed: list[QTranslator] = []


def saved_language() -> str:
    value = settings().value(SETTING, "")
    return str(value) if value else ""


def save_language(language: str) -> None:
    settings().setValue(SETTING, i18n.normalise(language) if language else "")


def choose_language(explicit: str | None = None) -> str:
    """``en``, ``es``, ``fr``...: the one asked for, else the saved setting, else the system locale's."""
    if explicit:
        return i18n.normalise(explicit)
    saved = saved_language()
    if saved:
        return i18n.normalise(saved)
    return i18n.normalise(QLocale.system().name())


def apply_language(language: str, directory: Path | None = None) -> str:
    """Install the catalogues of ``language`` (replacing those installed before); returns it.

    Widgets made afterwards show the new language; the core's messages (``forensic_triage.i18n``)
    follow too. ``directory`` holds the .qm files (default: ui/i18n)."""
    app = QCoreApplication.instance()
    lang = i18n.normalise(language)
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
    i18n.set_language(lang)
    if app is None or lang == "en":
        return lang
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    ours = QTranslator(app)
    if ours.load(f"forensic_triage_{lang}", str(directory or I18N_DIR)):
        app.installTranslator(ours)
        _installed.append(ours)
    return lang


LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français"}  # each in its own language


def language_menu(window: QWidget) -> QMenu:
    """View ▸ Language: the choice is saved and used from the next start (the open windows keep theirs)."""
    menu = QMenu(QCoreApplication.translate("Languages", "&Language"), window)
    menu.setObjectName("languageMenu")
    group = QActionGroup(menu)
    current = i18n.current_language()
    for code, name in LANGUAGE_NAMES.items():
        action = QAction(name, menu)
        action.setObjectName(f"actLanguage_{code}")
        action.setCheckable(True)
        action.setChecked(code == current)
        group.addAction(action)
        action.triggered.connect(lambda _checked=False, c=code: _choose(window, c))
        menu.addAction(action)
    return menu


def _choose(window: QWidget, code: str) -> None:
    from .common import inform

    save_language(code)
    inform(window, QCoreApplication.translate(
        "Languages", "The interface will be in {0} from the next start of the application.").format(
        LANGUAGE_NAMES[code]), QCoreApplication.translate("Languages", "Language"))
