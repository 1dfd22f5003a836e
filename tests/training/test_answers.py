"""Answer checking: exact where it must be, tolerant where people differ."""

from __future__ import annotations

import pytest

from forensic_triage.training.answers import is_correct

PATH = "Users/jdoe/Downloads/invoice.pdf"
SHA = "77e529306b12f5afea9d2b829d49a8080c125768cacb301723812823a9e320b4"


@pytest.mark.parametrize(("qtype", "given", "answer", "extra", "expected"), [
    ("text", "  Canon   EOS 80d ", "Canon EOS 80D", {}, True),
    ("text", "Canon EOS 80", "Canon EOS 80D", {}, False),
    ("text", "eicar", ["EICAR", "EICAR test file"], {}, True),
    ("path", "C:\\Users\\JDOE\\Downloads\\invoice.pdf", PATH, {}, True),
    ("path", "EXH-001:1048576:2249/Users/jdoe/Downloads/invoice.pdf", PATH, {}, True),
    ("path", "/Users/jdoe/Downloads/invoice.pdf/", PATH, {}, True),
    ("path", "/Users/jdoe/Downloads/invoice.pd", PATH, {}, False),
    ("path", "/Users/jdoe/Downloads/invoice pdf", PATH, {}, False),
    ("hash", "sha256: " + SHA.upper(), SHA, {}, True),
    ("hash", SHA[:-1] + "5", SHA, {}, False),
    ("number", "1,000", 1000, {}, True),
    ("number", "2", 3, {}, False),
    ("number", "-61.502", -61.5019, {"tolerance": 0.001}, True),
    ("number", "-61.51", -61.5019, {"tolerance": 0.001}, False),
    ("time", "2025-02-27 10:47:30-04:00", "2025-02-27T14:47:02Z", {"tolerance": 60}, True),
    ("time", "2025-02-27 14:48:03", "2025-02-27T14:47:02Z", {"tolerance": 60}, False),
    ("time", "2025-02-27T14:47:02Z", "2025-02-27T14:47:02Z", {}, True),
    ("time", "2025-02-27T14:47:03Z", "2025-02-27T14:47:02Z", {}, False),
    ("paths", "/b/c.txt;\nA\\B.TXT\n/b/c.txt", ["a/b.txt", "b/c.txt"], {}, True),
    ("paths", '["a/b.txt"]', ["a/b.txt", "b/c.txt"], {}, False),
    ("paths", "a/b.txt;b/c.txt;d.txt", ["a/b.txt", "b/c.txt"], {}, False),
    ("choice", "b", "MISMATCH", {"choices": ["MATCH", "MISMATCH"]}, True),
    ("choice", "B) mismatch", "MISMATCH", {"choices": ["MATCH", "MISMATCH"]}, True),
    ("choice", "a", "MISMATCH", {"choices": ["MATCH", "MISMATCH"]}, False),
    ("text", "", "x", {}, False),
])
def test_answer_checking(qtype: str, given: str, answer: object, extra: dict[str, object], expected: bool) -> None:
    assert is_correct(qtype, given, answer, **extra) is expected  # type: ignore[arg-type]
