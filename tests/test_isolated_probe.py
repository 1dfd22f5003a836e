"""Intake probing runs in a child process: a crash or hang there cannot end the examiner's session."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from ft_testlib import child_abort, child_hang

from forensic_triage.evidence.images import open_media
from forensic_triage.fs.probe import probe_volumes
from forensic_triage.fs.volumes import scan_volumes
from forensic_triage.isolation import run_isolated


def test_a_crashing_child_is_reported_not_fatal() -> None:
    outcome, code = run_isolated(child_abort, (), timeout=60)
    assert outcome == "crash" and code is not None and code != 0


def test_a_hanging_child_is_stopped_at_its_timeout() -> None:
    started = time.monotonic()
    outcome, answer = run_isolated(child_hang, (), timeout=2)
    assert outcome == "timeout" and answer is None
    assert time.monotonic() - started < 30


@pytest.mark.corpus
@pytest.mark.parametrize("rel", ["grr/ntfs_img.dd", "plaso/image-split.E01", "quyzi-gpt/gpt-disk.img",
                                 "pytsk/bogus.raw"])
def test_probe_in_a_child_equals_the_scan_in_process(corpus: Path, rel: str) -> None:
    path = corpus / "images" / rel
    vs_type, volumes, problem = probe_volumes(str(path))
    media = open_media(path)
    try:
        assert (vs_type, volumes) == scan_volumes(media)
    finally:
        media.close()
    assert problem is None
