"""Evidence stays read-only inside the worker processes, whichever reader opens it.

A probe plugin runs in the workers and reports, for every descriptor its own process holds on
the evidence files, the open flags from /proc/self/fdinfo: the kernel's own account of how the
file was opened (TSK's native raw reader for a single raw file, our pread reader, pyewf).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import pytsk3
from imagebuilders import build_ext4, to_e01

from forensic_triage.evidence.images import TskImage, open_media, tsk_image
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.store import CaseStore

PROBE = '''
import dataclasses, os
from typing import ClassVar
from forensic_triage.plugin_api import Extractor, InputSpec, Record


@dataclasses.dataclass(frozen=True)
class Fds(Record):
    record_type: ClassVar[str] = "test.fds"
    opened: list


class Probe(Extractor):
    name = "test.fdprobe"
    version = "1.0"
    description = "reports how this worker holds the evidence files open (tests only)"
    inputs = InputSpec(names=("probe*.txt",))
    record_types = (Fds,)

    def extract(self, ctx, stream, info):
        watched = os.environ["FT_TEST_EVIDENCE"].split(os.pathsep)
        opened = []
        for fd in os.listdir("/proc/self/fd"):
            try:
                target = os.readlink(f"/proc/self/fd/{fd}")
                if target in watched:
                    with open(f"/proc/self/fdinfo/{fd}") as f:
                        flags = next(int(l.split()[1], 8) for l in f if l.startswith("flags:"))
                    opened.append([target, flags])
            except OSError:
                pass
        yield Fds(opened)


EXTRACTORS = (Probe,)
'''


def _accmode(flags: int) -> int:
    return flags & os.O_ACCMODE


def _tree() -> dict[str, bytes]:
    return {f"probe{i}.txt": b"probe\n" * (i + 1) for i in range(6)} | {"other.bin": bytes(range(256)) * 40}


@pytest.mark.parametrize("container", ["raw", "e01"])
def test_worker_descriptors_on_evidence_are_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      container: str) -> None:
    image = build_ext4(tmp_path / "fs.img", _tree(), size_mb=8)
    if container == "e01":
        image = to_e01(image, tmp_path / "fs")
    segments = sorted(str(p.resolve()) for p in image.parent.glob(image.name))
    folder = Path(os.environ["FT_PLUGIN_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "probe.py").write_text(PROBE)
    monkeypatch.setenv("FT_TEST_EVIDENCE", os.pathsep.join(segments))
    store = CaseStore.create(tmp_path / "case", case_number="RO", examiner="tester")
    add_evidence(store, image)
    before = [(p, os.stat(p).st_mtime_ns, os.stat(p).st_size) for p in segments]
    run_triage(store, TriageSettings(jobs=2, plugins=["test.fdprobe"]))
    records = [json.loads(r["data"])["opened"] for r in store.query("SELECT data FROM artifacts")]
    store.close()
    assert len(records) == 6
    descriptors = [d for rec in records for d in rec]
    assert descriptors, "the workers must hold the evidence open while they examine it"
    assert all(_accmode(flags) == os.O_RDONLY for _path, flags in descriptors), descriptors
    assert [(p, os.stat(p).st_mtime_ns, os.stat(p).st_size) for p in segments] == before


def test_single_raw_file_uses_the_native_reader_read_only(tmp_path: Path) -> None:
    image = build_ext4(tmp_path / "fs.img", _tree(), size_mb=8)
    media = open_media(image)
    img = tsk_image(media)
    assert not isinstance(img, TskImage)  # The Sleuth Kit's own raw reader
    fs = pytsk3.FS_Info(img)
    assert bytes(fs.open(path="/probe2.txt").read_random(0, 100)) == b"probe\n" * 3
    target = str(image.resolve())
    flags = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == target:
                with open(f"/proc/self/fdinfo/{fd}") as f:
                    flags.append(next(int(ln.split()[1], 8) for ln in f if ln.startswith("flags:")))
        except OSError:
            continue
    media.close()
    assert len(flags) >= 2  # ours and TSK's
    assert all(_accmode(f) == os.O_RDONLY for f in flags)
