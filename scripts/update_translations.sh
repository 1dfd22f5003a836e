#!/usr/bin/env bash
# Regenerate the translation catalogues (run from anywhere; needs the project's .venv or PySide6 on PATH).
#   GUI:  ui/*.py --pyside6-lupdate--> ui/i18n/forensic_triage_{es,fr}.ts --pyside6-lrelease--> .qm
#   core: forensic_triage/locale/{es,fr}/LC_MESSAGES/forensic_triage.po --scripts/msgfmt.py--> .mo
# lupdate keeps every existing translation; new strings arrive untranslated (type="unfinished"):
# translate them (pyside6-linguist, or any editor) and run this again. Commit the .ts/.po AND the
# compiled .qm/.mo (they are package data). tests/ui/test_languages.py fails while a visible string
# of the main views has no translation.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
lupdate="$BIN/pyside6-lupdate"; [ -x "$lupdate" ] || lupdate=pyside6-lupdate
lrelease="$BIN/pyside6-lrelease"; [ -x "$lrelease" ] || lrelease=pyside6-lrelease
python="$BIN/python"; [ -x "$python" ] || python=python3
LANGS="es fr"
ts=()
for lang in $LANGS; do ts+=("ui/i18n/forensic_triage_${lang}.ts"); done
"$lupdate" -locations none -no-obsolete ui/*.py -ts "${ts[@]}"
for lang in $LANGS; do
  "$lrelease" "ui/i18n/forensic_triage_${lang}.ts" -qm "ui/i18n/forensic_triage_${lang}.qm"
  po="forensic_triage/locale/${lang}/LC_MESSAGES/forensic_triage.po"
  if [ -f "$po" ]; then "$python" scripts/msgfmt.py "$po" -o "${po%.po}.mo"; fi
done
