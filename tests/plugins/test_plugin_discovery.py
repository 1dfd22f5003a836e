"""Built-in extractors are found as the modules of the plugins package: adding one is adding
its module, nothing else is edited. Helpers say they register nothing; a module that forgets
its EXTRACTORS tuple is a named load problem, never skipped silently."""

from __future__ import annotations

import shutil
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import forensic_triage.plugins as builtin
import pytest

from forensic_triage.extractors import builtin_modules, load_registry

NEW_EXTRACTOR = '''
from __future__ import annotations

import dataclasses
from typing import ClassVar

from forensic_triage.plugin_api import Extractor, InputSpec, Record


@dataclasses.dataclass(frozen=True)
class Note(Record):
    record_type: ClassVar[str] = "test.note"
    text: str

    def summary(self) -> str:
        return self.text


class NoteExtractor(Extractor):
    name = "test.note"
    version = "1.0"
    description = "a test extractor dropped into a copy of the package"
    inputs = InputSpec(names=("*.note",))
    record_types = (Note,)

    def extract(self, ctx, stream, file_info):
        yield Note(stream.read().decode())


EXTRACTORS = (NoteExtractor,)
'''


@pytest.fixture()
def package_copy(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A copy of the built-in plugins package under a fresh importable name."""
    name = f"ft_plugins_copy_{uuid.uuid4().hex[:8]}"
    folder = tmp_path / name
    shutil.copytree(Path(builtin.__file__).parent, folder, ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(tmp_path))
    try:
        yield name, folder
    finally:
        sys.path.remove(str(tmp_path))
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]


def test_builtin_package_loads_every_extractor_without_problems(tmp_path: Path) -> None:
    reg = load_registry(include_entry_points=False, user_dir=tmp_path / "none")
    assert reg.problems == []
    assert len(reg.extractors) == 38  # 24 + android .accounts/.maps/.packages/.telegram/.wifi + 9 iOS
    assert builtin_modules() == sorted(builtin_modules())
    # helpers are modules of the package too: they are loaded and say they register nothing
    assert {"browser_common", "registry_common", "android_common", "android_xml", "evtx_records",
            "ios_common"} <= set(builtin_modules())


def test_a_module_dropped_into_the_package_is_registered_without_other_edits(
        package_copy: tuple[str, Path], tmp_path: Path) -> None:
    name, folder = package_copy
    before = load_registry(include_entry_points=False, user_dir=tmp_path / "none", package=name)
    (folder / "zz_note.py").write_text(NEW_EXTRACTOR, encoding="utf-8")
    after = load_registry(include_entry_points=False, user_dir=tmp_path / "none", package=name)
    assert after.problems == []
    assert "test.note" not in before.by_name()
    assert "test.note" in after.by_name()
    assert sorted(after.by_name()) == sorted([*before.by_name(), "test.note"])
    assert after.by_name()["test.note"].__module__ == f"{name}.zz_note"


def test_a_module_without_extractors_tuple_is_a_named_problem(package_copy: tuple[str, Path],
                                                             tmp_path: Path) -> None:
    name, folder = package_copy
    (folder / "forgot.py").write_text("X = 1\n", encoding="utf-8")
    reg = load_registry(include_entry_points=False, user_dir=tmp_path / "none", package=name)
    assert [p.message for p in reg.problems] == [f"{name}.forgot has no EXTRACTORS tuple"]
