"""The core's languages (gettext): catalogues compiled without Babel, pack text, the exercise commands."""

from __future__ import annotations

import gettext
import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from forensic_triage import i18n

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
import msgfmt  # noqa: E402


@pytest.fixture
def language() -> Iterator[None]:
    yield
    i18n.set_language(None)
    i18n._catalogs.clear()


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_the_shipped_mo_is_the_po_compiled_and_complete(lang: str, tmp_path: Path) -> None:
    po = i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "forensic_triage.po"
    messages = msgfmt.parse_po(po.read_text(encoding="utf-8"))
    shipped = (po.with_suffix(".mo")).read_bytes()
    assert msgfmt.write_mo(messages) == shipped, "run scripts/update_translations.sh"
    catalog = gettext.GNUTranslations(io.BytesIO(shipped))
    assert catalog.info()["content-type"] == "text/plain; charset=UTF-8"
    entries = [k.decode() for k in messages if k]
    assert len(entries) > 150
    for msgid in entries:
        assert catalog.gettext(msgid) not in ("", msgid) or msgid.startswith("'forensic-triage"), msgid


def test_a_fuzzy_or_empty_entry_is_left_out() -> None:
    text = ('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n#, fuzzy\nmsgid "A"\nmsgstr "a"\n\n'
            'msgid "B"\nmsgstr ""\n\nmsgid "C"\nmsgstr "c"\n"c"\n')
    assert msgfmt.parse_po(text) == {b"": b"Content-Type: text/plain; charset=UTF-8\n", b"C": b"cc"}


def test_pack_text_keeps_the_generated_hash(language: None) -> None:
    digest = "ab" * 32
    briefing = next(k for k in i18n.catalog("es")._catalog if isinstance(k, str) and "{sha256}" in k)  # type: ignore[attr-defined]
    i18n.set_language("es")
    shown = i18n.pack_text(briefing.replace("{sha256}", digest))
    assert digest in shown and "{sha256}" not in shown and shown != briefing.replace("{sha256}", digest)
    assert i18n.pack_text("A trainer's own question.") == "A trainer's own question."
    i18n.set_language("en")
    assert i18n.pack_text("What is that file really?") == "What is that file really?"


def test_the_language_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, language: None) -> None:
    for name in ("FT_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert i18n.current_language() == "en"
    monkeypatch.setenv("LANG", "fr_HT.UTF-8")
    assert i18n.current_language() == "fr"
    monkeypatch.setenv("FT_LANGUAGE", "es")
    assert i18n.current_language() == "es"
    assert i18n.set_language("fr") == "fr"


@pytest.mark.parametrize(("lang", "title"), [("es", "Los archivos del envío (principiante)"),
                                             ("fr", "Les fichiers de l'expédition (débutant)")])
def test_exercise_list_speaks_the_students_language(capsys: pytest.CaptureFixture[str], language: None,
                                                    lang: str, title: str) -> None:
    from forensic_triage.cli.main import run

    i18n.set_language(lang)
    assert run(["exercise", "list"]) == 0
    out = capsys.readouterr().out
    assert title in out and "The shipment files" not in out
