"""Languages of the core's user-facing text (gettext); the desktop application uses Qt catalogues.

``_()`` translates a message of the command line or of the training core; :func:`pack_text`
translates the text of a built-in exercise pack (briefing, question, hint, choice) shown to a
student. The catalogues are ``forensic_triage/locale/LANG/LC_MESSAGES/forensic_triage.mo``,
compiled from the ``.po`` files next to them by ``scripts/update_translations.sh`` (no Babel:
``scripts/msgfmt.py`` writes the GNU ``.mo`` format).

The language is the one set with :func:`set_language` (the GUI's ``--language``), else the
environment's: ``FT_LANGUAGE``, then ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` (the
first one set; ``es_ES.UTF-8`` means ``es``). English is the source language; a message without
a translation is shown in English. Reports stay in the case's language: they never call ``_()``.
"""

from __future__ import annotations

import gettext
import os
import re
from pathlib import Path

DOMAIN = "forensic_triage"
LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = ("en", "es", "fr")  # shipped: English (source), Spanish, French
_ENV = ("FT_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_chosen: str | None = None
_catalogs: dict[str, gettext.NullTranslations] = {}


def normalise(value: str | None) -> str:
    """``es_TT.UTF-8`` -> ``es``; ``C``/``POSIX``/empty -> ``en``."""
    text = (value or "").split(":")[0].split(".")[0].split("@")[0].strip()
    if not text or text in ("C", "POSIX"):
        return "en"
    return text.replace("-", "_").split("_")[0].lower()


def environment_language() -> str:
    for name in _ENV:
        if os.environ.get(name):
            return normalise(os.environ[name])
    return "en"


def set_language(language: str | None) -> str:
    """Use ``language`` (``en``, ``es``, ``fr``, or a locale name) from now on; None = the environment's."""
    global _chosen
    _chosen = normalise(language) if language else None
    return current_language()


def current_language() -> str:
    return _chosen or environment_language()


def catalog(language: str | None = None) -> gettext.NullTranslations:
    lang = normalise(language) if language else current_language()
    if lang not in _catalogs:
        _catalogs[lang] = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
    return _catalogs[lang]


def _(message: str) -> str:
    """``message`` in the current language (English when there is no translation)."""
    return catalog().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalog().ngettext(singular, plural, n)


_SHA256 = re.compile(r"\b[0-9a-f]{64}\b")


def pack_text(text: str, language: str | None = None) -> str:
    """The text of a built-in pack in the current language.

    A built-in briefing quotes the SHA-256 generated on the student's machine: its catalogue entry
    holds ``{sha256}`` in its place. Text with no translation (a trainer's own pack) is returned
    as it is."""
    if not text:
        return text
    cat = catalog(language)
    found = cat.gettext(text)
    if found != text:
        return found
    digests = _SHA256.findall(text)
    if not digests:
        return text
    template = _SHA256.sub("{sha256}", text)
    found = cat.gettext(template)
    if found == template:
        return text
    values = iter(digests)
    return re.sub(r"\{sha256\}", lambda _m: next(values, ""), found)
