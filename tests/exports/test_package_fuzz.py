"""Fuzzing ``verify-package`` with deterministic mutations of a real signed package zip.

The suite runs a quarter of the 600 mutations (``FT_FUZZ_SCALE``, default 0.25: 165 verifications, every
kind of mutation); ``benchmarks/package_fuzz.py`` runs all 600 (scale 1).

Each mutation is verified in-process. The oracle: Python's zipfile reads the mutated zip; when
every member has the same name, type, encryption flag, declared size and bytes as in the original, the
mutation changed no byte the package covers (a timestamp, permission bits, a zip comment, a type
field cleared to "none" (read as a plain file),
junk before the first member such as a self-extractor stub) and the verdict must stay VERIFIED;
otherwise it must be FAILED with a reason. Never an exception.
"""

from __future__ import annotations

import io
import os
import random
import struct
import time
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest

from forensic_triage.cli.main import run
from forensic_triage.exports import keys
from forensic_triage.exports.package import build_package
from forensic_triage.exports.package_verify import verify_package
from forensic_triage.store import CaseStore

PASS = b"fuzzing passphrase"
SEED = 20251204
SCALE = float(os.environ.get("FT_FUZZ_SCALE", "0.25"))  # 1 = the full 600 mutations (benchmarks/package_fuzz.py)
# Mutations per kind at scale 1; the zip comments (which change nothing covered) are always all made.
KINDS = {"flip": 220, "cdflip": 60, "truncate": 60, "insert": 80, "remove": 80, "rename": 80}
COMMENTS = 20


def _count(kind: str) -> int:
    return max(4, round(KINDS[kind] * SCALE))


@pytest.fixture(scope="module")
def package_zip(triaged_sample_pristine: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    import shutil

    root = tmp_path_factory.mktemp("fuzz")
    case = root / "case"
    shutil.copytree(triaged_sample_pristine, case, ignore=shutil.ignore_patterns(".case.lock"))
    made = keys.new_keypair("A. Examiner", root / "keys", PASS)
    with CaseStore.open(case) as store:
        summary = build_package(store, root / "pkg", key_path=str(made.private), passphrase=PASS, make_zip=True)
    return {"zip": Path(summary["zip"]), "pub": str(made.public)}


def _kind(info: zipfile.ZipInfo) -> str:
    """A member's type as far as it matters: no type bits (0) and 'regular file' are both plain."""
    mode = (info.external_attr >> 16) & 0o170000
    return {0: "plain", 0o100000: "plain", 0o040000: "folder"}.get(mode, f"special {mode:o}")


def _members(data: bytes) -> Any:
    """What the package covers, as zipfile reads it; None when the zip cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return [(i.filename, _kind(i), i.flag_bits & 1, i.file_size, zf.read(i)) for i in zf.infolist()]
    except Exception:  # noqa: BLE001 - the oracle only needs to know that it is unreadable
        return None


def _central_entries(data: bytes) -> list[tuple[int, int, int]]:
    """(central record offset, name length, local header offset) of every member."""
    end = data.rfind(b"PK\x05\x06")
    count, _size, start = struct.unpack("<HII", data[end + 10:end + 20])
    out = []
    pos = start
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack("<HHH", data[pos + 28:pos + 34])
        local = struct.unpack("<I", data[pos + 42:pos + 46])[0]
        out.append((pos, name_len, local))
        pos += 46 + name_len + extra_len + comment_len
    return out


def _mutations(data: bytes, rng: random.Random) -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    n = len(data)
    entries = _central_entries(data)
    cd_start = entries[0][0]
    for _ in range(_count("flip")):  # one flipped byte anywhere
        pos = rng.randrange(n)
        m = bytearray(data)
        m[pos] ^= 1 << rng.randrange(8)
        out.append((f"flip@{pos}", bytes(m)))
    for _ in range(_count("cdflip")):  # flips in the central directory and headers, where meaning is dense
        pos = rng.randrange(cd_start, n)
        m = bytearray(data)
        m[pos] ^= 1 << rng.randrange(8)
        out.append((f"cdflip@{pos}", bytes(m)))
    for _ in range(_count("truncate")):
        cut = rng.randrange(n)
        out.append((f"truncate@{cut}", data[:cut]))
    for _ in range(_count("insert")):
        pos = rng.randrange(n + 1)
        junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        out.append((f"insert{len(junk)}@{pos}", data[:pos] + junk + data[pos:]))
    for _ in range(_count("remove")):
        pos = rng.randrange(n)
        k = rng.randint(1, 16)
        out.append((f"remove{k}@{pos}", data[:pos] + data[pos + k:]))
    for i in range(_count("rename")):  # rename a member consistently in its local and central headers
        cd, name_len, local = entries[rng.randrange(len(entries))]
        name = bytearray(data[cd + 46:cd + 46 + name_len])
        if i % 4 == 0:
            name[:3] = b"../"
        elif i % 4 == 1:
            name[-1:] = b"/"
        else:
            j = rng.randrange(len(name))
            name[j] = rng.choice(b"abcdefghijklmnopqrstuvwxyz0123456789_")
        m = bytearray(data)
        m[cd + 46:cd + 46 + name_len] = name
        m[local + 30:local + 30 + name_len] = name
        out.append((f"rename:{bytes(name)!r}", bytes(m)))
    for i in range(COMMENTS):  # a zip comment: covers nothing
        comment = f"comment {i}".encode()
        m = bytearray(data)
        end = m.rfind(b"PK\x05\x06")
        m[end + 20:end + 22] = struct.pack("<H", len(comment))
        out.append((f"comment{i}", bytes(m[:end + 22]) + comment))
    return out


def test_mutations_all_fail_or_provably_change_nothing(package_zip: dict[str, Any], tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    data = package_zip["zip"].read_bytes()
    original = _members(data)
    assert original and verify_package(package_zip["zip"], package_zip["pub"]).ok
    mutations = _mutations(data, random.Random(SEED))
    assert len(mutations) == sum(_count(k) for k in KINDS) + COMMENTS
    target = tmp_path / "mutated.zip"
    started = time.monotonic()
    verdicts = {"FAILED": 0, "VERIFIED": 0}
    for n, (label, mutated) in enumerate(mutations):
        target.write_bytes(mutated)
        result = verify_package(target, package_zip["pub"])  # must never raise
        expect_ok = _members(mutated) == original
        assert result.ok == expect_ok, (label, result.as_dict())
        if not result.ok:
            assert result.reason, label
        verdicts["VERIFIED" if result.ok else "FAILED"] += 1
        if n % 40 == 0 and not expect_ok:  # the command line says FAILED with a reason, exit 5
            capsys.readouterr()
            assert run(["verify-package", str(target)]) == 5, label
            out = capsys.readouterr().out
            assert "PACKAGE VERIFICATION FAILED: " in out and "Traceback" not in out, label
    elapsed = time.monotonic() - started
    assert verdicts["FAILED"] >= 0.8 * (len(mutations) - COMMENTS), verdicts
    assert verdicts["VERIFIED"] >= COMMENTS, verdicts  # at least the zip comments
    print(f"fuzz: {len(mutations)} mutations, {verdicts}, {elapsed:.1f} s")


def test_one_flipped_byte_gives_failed_not_a_traceback(package_zip: dict[str, Any], tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 11 item 9: a byte flipped in the middle of the zip (compressed data: bad CRC)."""
    original = package_zip["zip"].read_bytes()
    pos = len(original) // 3
    while True:  # the first position from a third in whose flip changes covered bytes (not padding bits)
        data = bytearray(original)
        data[pos] ^= 0x10
        if _members(bytes(data)) != _members(original):
            break
        pos += 1
    target = tmp_path / "flipped.zip"
    target.write_bytes(bytes(data))
    capsys.readouterr()
    assert run(["verify-package", str(target)]) == 5
    out = capsys.readouterr()
    assert "PACKAGE VERIFICATION FAILED: " in out.out and "Traceback" not in out.out + out.err


@pytest.mark.parametrize("case", ["huge-declared-size", "symlink", "duplicate", "bad-json", "not-zip", "empty-zip"])
def test_hostile_zips_fail_with_a_reason(package_zip: dict[str, Any], tmp_path: Path, case: str) -> None:
    target = tmp_path / "hostile.zip"
    with zipfile.ZipFile(package_zip["zip"]) as src:
        infos = src.infolist()
        payload = {i.filename: src.read(i) for i in infos}
    if case == "not-zip":
        target.write_bytes(b"PK\x03\x04 not really a zip")
    elif case == "empty-zip":
        zipfile.ZipFile(target, "w").close()
    else:
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in infos:
                body = payload[info.filename]
                if case == "bad-json" and info.filename.endswith("signature-ed25519.json"):
                    body = body[: len(body) // 2]
                dst.writestr(info, body)
            if case == "symlink":
                link = zipfile.ZipInfo(infos[0].filename.split("/")[0] + "/data/link")
                link.external_attr = (0o120777 << 16)
                dst.writestr(link, "/etc/passwd")
            if case == "duplicate":
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # zipfile warns about the duplicate name it writes
                    dst.writestr(infos[-1], b"second copy")
        if case == "huge-declared-size":
            raw = bytearray(target.read_bytes())
            cd = _central_entries(bytes(raw))[0][0]
            raw[cd + 24:cd + 28] = struct.pack("<I", 0xFFFFFFF0)  # uncompressed size of the first member
            target.write_bytes(bytes(raw))
    result = verify_package(target)
    assert not result.ok and result.reason, result.as_dict()
