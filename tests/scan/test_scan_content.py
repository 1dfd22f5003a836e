"""Content search: every built-in pattern with exact byte offsets, UTF-16LE, chunk borders, caps."""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from forensic_triage.content_search import MARGIN, ContentRun, SqliteLayout, TextScanner
from forensic_triage.model import FileResult, Locator
from forensic_triage.pipeline.analyzers import FileInfo
from forensic_triage.scan.content_analyzer import ContentSearchAnalyzer

# (text planted, kind, stored value). Checksums are real: a well-known Bitcoin genesis
# address, BIP-173 / BIP-350 test vectors, the EIP-55 example, Luhn-valid test numbers.
POSITIVES = [
    ("write to j.doe+fraud@mail.example.com today", "email", "j.doe+fraud@mail.example.com"),
    ("see https://evil.example.org/login.php?id=7&x=%20 now", "url", "https://evil.example.org/login.php?id=7&x=%20"),
    ("(see www.bank-secure.example.tt.)", "url", "www.bank-secure.example.tt"),
    ("server 192.168.10.254 answered", "ipv4", "192.168.10.254"),
    ("card 4539 1488 0343 6467 exp", "card", "4539148803436467"),
    ("card 5200-8282-8282-8210?", "card", "5200828282828210"),
    ("amex 378282246310005.", "card", "378282246310005"),
    ("call +1 868 555 0123 now", "phone", "+18685550123"),
    ("call (876) 555-0199 now", "phone", "+18765550199"),
    ("call 1-246-555-0142 now", "phone", "+12465550142"),
    ("call 868.555.0123 now", "phone", "+18685550123"),
    ("call +18095550123 now", "phone", "+18095550123"),
    ("pay 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa now", "btc", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
    ("pay 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy now", "btc", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
    ("pay bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 now", "btc", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
    ("pay bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0 now", "btc",
     "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"),
    ("eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed ok", "eth", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
]
NEGATIVES = [
    "card 4539 1488 0343 6468 exp",          # Luhn fails
    "card 4111 1111 1111 1111",              # filler test number (too few distinct digits)
    "id 1234567890123456 ok",                # no issuer prefix
    "stamp 1700000000000 ms",                # epoch milliseconds
    "call (212) 555-0123 now",               # not a Caribbean area code
    "call 868 155 0123 now",                 # exchange cannot start with 1
    "pay 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb now",  # Base58Check fails
    "pay bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5 now",  # bech32 checksum fails
    "eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD ok",  # EIP-55 checksum fails
    "oid 1.3.6.1.4.1.311 and version 10.0.19041.1.2",     # dotted, but not an address
    "icon@2x.png and user@localhost",
    "ftp://",
]


def scan(data: bytes, **kw: object) -> list[tuple[str, str, int, str]]:
    run = ContentRun(TextScanner(**kw), stop_at=None, max_hits=10_000, max_same=10_000)  # type: ignore[arg-type]
    run.feed(0, data)
    return sorted((h.kind, h.value, h.offset, h.encoding) for h in run.close())


@pytest.mark.parametrize(("text", "kind", "value"), POSITIVES)
def test_builtin_pattern_found_at_its_byte_offset(text: str, kind: str, value: str) -> None:
    prefix = os.urandom(37).replace(b"\x00", b"\x01")  # binary around it
    data = prefix + text.encode() + b"\xff\xfe"
    hits = [h for h in scan(data) if h[0] == kind]
    assert len(hits) == 1, scan(data)
    raw = value if kind not in ("card", "phone") else text.split(" ", 1)[1].rsplit(" ", 1)[0].rstrip(".?")
    expected = len(prefix) + text.index(raw if kind != "phone" else raw)
    if kind == "url" and value.startswith("www"):
        expected = len(prefix) + text.index("www")
    assert hits[0][1] == value
    assert hits[0][2] == expected


@pytest.mark.parametrize("text", NEGATIVES)
def test_lookalikes_are_not_findings(text: str) -> None:
    assert [h for h in scan(text.encode()) if h[0] != "url"] == []


def test_utf16le_strings_inside_binary_with_offsets() -> None:
    blob = bytearray(os.urandom(101))
    blob = blob.replace(b"\x00", b"\x07")
    start = len(blob)
    text = "Contact: alice@example.net, +1 (441) 555-0100, 10.1.2.3"
    blob += text.encode("utf-16-le") + b"\x00\x00"
    blob += bytes(range(1, 200))
    hits = scan(bytes(blob))
    assert ("email", "alice@example.net", start + 2 * text.index("alice"), "utf-16le") in hits
    assert ("phone", "+14415550100", start + 2 * text.index("+1"), "utf-16le") in hits
    assert ("ipv4", "10.1.2.3", start + 2 * text.index("10.1"), "utf-16le") in hits
    odd = b"\x01" + text.encode("utf-16-le")  # odd alignment
    assert ("email", "alice@example.net", 1 + 2 * text.index("alice"), "utf-16le") in scan(odd)


@pytest.mark.parametrize("chunk", [1, 7, 64, 1000, MARGIN - 1, MARGIN, MARGIN + 1, 4096, 65536])
def test_hits_across_chunk_borders_found_once(chunk: int) -> None:
    rng = random.Random(chunk)
    filler = bytes(rng.choice(b"abcdefghij ,;\n") for _ in range(9000))
    planted = {
        3000: b" mallory@example.org ", 4095: b" https://c2.example.net/x ", 6001: b" 4539 1488 0343 6467 ",
        7003: b"\x00\x00" + "bob@example.com".encode("utf-16-le") + b"\x00\x00", 8190: b"keyword-SECRET",
    }
    data = bytearray(filler)
    for off, raw in planted.items():
        data[off:off + len(raw)] = raw
    data = bytes(data)
    whole = ContentRun(TextScanner(keywords=["secret"]), stop_at=None, max_hits=1000, max_same=1000)
    whole.feed(0, data)
    expected = sorted((h.kind, h.value, h.offset) for h in whole.close())
    run = ContentRun(TextScanner(keywords=["secret"]), stop_at=None, max_hits=1000, max_same=1000)
    for i in range(0, len(data), chunk):
        run.feed(i, data[i:i + chunk])
    got = sorted((h.kind, h.value, h.offset) for h in run.close())
    assert got == expected
    assert ("email", "mallory@example.org", 3001) in got
    assert ("url", "https://c2.example.net/x", 4096) in got
    assert ("card", "4539148803436467", 6002) in got
    assert ("email", "bob@example.com", 7005) in got
    assert ("keyword", "secret", 8190 + len("keyword-")) in got


def test_keywords_and_regexes_ascii_and_utf16() -> None:
    data = b"xx Operation Nightfall xx" + "operation NIGHTFALL".encode("utf-16-le") + b"\x00\x00 ref CASE-2025-0042 "
    hits = scan(data, builtin=False, keywords=["operation nightfall"], regexes=[r"CASE-\d{4}-\d{4}"])
    assert ("keyword", "operation nightfall", 3, "ascii") in hits
    assert ("keyword", "operation nightfall", 25, "ascii") in hits or \
        ("keyword", "operation nightfall", 25, "utf-16le") in hits
    assert ("regex", "CASE-2025-0042", data.index(b"CASE"), "ascii") in hits


def _info(mime: str = "text/plain") -> FileInfo:
    return FileInfo(1, Locator("EXH-1", 0, 5, path="/a.txt"), "EXH-1", "/a.txt", "a.txt", "txt", 10, False,
                    mime, "ASCII text", b"")


def test_caps_store_a_warning_and_compressed_bodies_are_skipped() -> None:
    analyzer = ContentSearchAnalyzer(TextScanner(), max_hits=5, max_same=2)
    run = analyzer.start(_info())
    assert run is not None
    run.feed(0, b" ".join(f"user{i}@example.com".encode() for i in range(20)) + b" a@b.example.tt" * 3)
    result = FileResult(file_id=1)
    run.finish(result, True)
    assert len(result.content_hits) == 5
    assert len([h for h in result.content_hits if h.value == "a@b.example.tt"]) <= 2
    assert result.warnings and result.warnings[0].source == "content" and "18 more" in result.warnings[0].message
    few = analyzer.start(_info())
    assert few is not None
    few.feed(0, b" a@b.example.tt" * 40)  # repeats of one value: kept twice, no warning
    quiet = FileResult(file_id=1)
    few.finish(quiet, True)
    assert len(quiet.content_hits) == 2 and quiet.warnings == []
    jpeg = analyzer.start(_info("image/jpeg"))
    assert jpeg is not None
    jpeg.feed(0, b"x" * 70_000 + b" late@example.com ")
    jpeg.feed(70_018, b" later@example.com ")
    res = FileResult(file_id=1)
    jpeg.finish(res, True)
    assert res.content_hits == []  # only the head (metadata) of compressed media is searched


def test_speed_floor_on_binary_and_text() -> None:
    """Guards against a regression to a per-position regex scan (an alternation ran at ~10 MB/s)."""
    rng = random.Random(5)
    binary = bytes(rng.getrandbits(8) for _ in range(2 * 1024 * 1024))
    words = (b"the of and to in is was for on that with as by at from this be are report payment invoice "
             b"account transfer meeting office client police station evidence").split()
    rare = [b"1999", b"3.14", b"x=42;", b"2025-01-02", b"user@example.com", b"http://example.com/a", b"\n"]
    text = b" ".join(rng.choice(rare) if rng.random() < 0.01 else rng.choice(words)
                     for _ in range(400_000))[: 2 * 1024 * 1024]
    for data in (binary, text):
        run = ContentRun(TextScanner(), stop_at=None, max_hits=1000, max_same=5)
        started = time.perf_counter()
        for i in range(0, len(data), 1 << 20):
            run.feed(i, data[i:i + (1 << 20)])
        run.close()
        rate = len(data) / (time.perf_counter() - started) / 1e6
        assert rate > 25, f"content search ran at {rate:.0f} MB/s"


# ----------------------------------------------------------------------------- precision (issue 11, item 6)

@pytest.mark.parametrize(("raw", "value"), [
    (b"go http://example.com/a\x00b", "http://example.com/a"),            # NUL ends it
    (b"go http://example.com/a\x07b", "http://example.com/a"),            # control byte
    (b'href="http://example.com/a"b', "http://example.com/a"),            # quotes
    (b"href='http://example.com/a'b", "http://example.com/a"),
    (b"<http://example.com/a>b", "http://example.com/a"),                 # angle brackets
    (b"see http://example.com/caf\xc3\xa9 x", "http://example.com/caf"),  # non-ASCII (no IRI handling)
    (b"see http://example.com/a). More", "http://example.com/a"),         # trailing punctuation
    (b"(see http://en.example.org/wiki/X_(y))", "http://en.example.org/wiki/X_(y)"),  # balanced
    (b"see http://example.com:8080/p?q=1#f, then", "http://example.com:8080/p?q=1#f"),
    (b"ip http://203.0.113.5/x.sh;", "http://203.0.113.5/x.sh"),
    (b"v6 http://[2001:db8::1]/a ok", "http://[2001:db8::1]/a"),
    (b"at www.example.co.uk/path.", "www.example.co.uk/path"),
])
def test_url_ends_at_the_first_byte_that_cannot_be_part_of_it(raw: bytes, value: str) -> None:
    assert [h[1] for h in scan(raw) if h[0] == "url"] == [value]


@pytest.mark.parametrize("raw", [
    b"x https://secure.eicar.org.com1 y",     # 'com1' is no TLD
    b"x http://example.comOrder y",          # nor is 'comorder'
    b"x http://example.com_x/y z",           # after the host only ':', '/', '?', '#'
    b"x http://intranet/y z",                # a single label is no Internet host
    b"x http://999.1.1.1/ z",                # not an IPv4 address
    b"x http://example.Com/ z",              # TLD in mixed case: junk
    b"x http://file.png/ z",                 # png is no TLD
])
def test_url_without_a_real_host_is_not_reported(raw: bytes) -> None:
    assert [h for h in scan(raw) if h[0] == "url"] == []


@pytest.mark.parametrize("raw", [
    b"\x8f\x01en@U.FD\x93",                  # random bytes: FD is no TLD
    b"junk q@xx.ABc junk",                   # TLD in mixed case
    b"logo@2x.png and x@y.com1",            # file names, 'com1'
    b"mail a@b.zip now",                     # a TLD that is a file extension
    b"\x9a+n@v.gf\x03",                      # from 64 MiB of random bytes: too short to be a domain
])
def test_email_needs_a_plausible_domain(raw: bytes) -> None:
    assert [h for h in scan(raw) if h[0] == "email"] == []


def test_xml_namespace_uris_are_not_findings() -> None:
    xml = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           b'xmlns:x="https://example.org/custom/ns" xmlns = "http://ns.example.net/v1">'
           b'<Relationship Type="http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"/>'
           b'<dc:x xmlns:dc="http://purl.org/dc/elements/1.1/"/><a href="https://www.w3.org/TR/xml/">spec</a>'
           b'<w:t>visit https://evil.example.org/drop and mail bob@example.org</w:t></w:document>')
    assert sorted(h[1] for h in scan(xml) if h[0] in ("url", "email")) == [
        "bob@example.org", "https://evil.example.org/drop", "https://www.w3.org/TR/xml/"]


def _sqlite_file(tmp_path: Path, wal: bool = False) -> tuple[bytes, bytes]:
    """A real SQLite database (Python's sqlite3) with a Chrome-like urls table: values stored back to back."""
    path = tmp_path / ("h-wal.db" if wal else "h.db")
    con = sqlite3.connect(path)
    if wal:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT, title TEXT, visits INTEGER)")
    con.execute("CREATE TABLE downloads (id INTEGER PRIMARY KEY, referrer TEXT, method TEXT, mime TEXT)")
    con.commit()
    with con:
        con.executemany("INSERT INTO urls (url, title, visits) VALUES (?, ?, ?)", [
            ("https://portal.example.com/orders/2025-0227", "Order 2025-0227 - Example Portal", 3),
            ("https://secure.eicar.org/eicar.com", "1", 1),
            ("https://files.example.net/billing/invoice.pdf", "Billing", 2),
            ("mailto:j.doe@example.com", "Jdoe", 1),
            ("contact", "ops@example.org", 1),
            ("ops2@example.org", "2025 ops", 1),   # the next field starts with digits
        ])
        con.execute("INSERT INTO downloads (referrer, method, mime) VALUES (?, ?, ?)",
                    ("https://www.eicar.org/download-anti-malware-testfile/", "GET", "application/octet-stream"))
    data = path.read_bytes()
    wal_bytes = (tmp_path / (path.name + "-wal")).read_bytes() if wal else b""
    con.close()
    return data, wal_bytes


EXPECTED_SQLITE = ["https://files.example.net/billing/invoice.pdf", "https://portal.example.com/orders/2025-0227",
                   "https://secure.eicar.org/eicar.com", "https://www.eicar.org/download-anti-malware-testfile/"]


@pytest.mark.parametrize("chunk", [100, 4096, 1 << 20])
def test_sqlite_values_end_with_their_record_field(tmp_path: Path, chunk: int) -> None:
    """Without the record layout these came out as '...2025-0227Order', 'eicar.com1', '...testfile/GET'."""
    data, _ = _sqlite_file(tmp_path)
    analyzer = ContentSearchAnalyzer(TextScanner(), max_hits=1000, max_same=100)
    run = analyzer.start(FileInfo(1, Locator("EXH-1", 0, 5, path="/History"), "EXH-1", "/History", "History", "",
                                  len(data), False, "application/vnd.sqlite3", "SQLite", data[:65536]))
    assert run is not None
    for i in range(0, len(data), chunk):
        run.feed(i, data[i:i + chunk])
    result = FileResult(file_id=1)
    run.finish(result, True)
    assert sorted(h.value for h in result.content_hits if h.kind == "url") == EXPECTED_SQLITE
    assert sorted(h.value for h in result.content_hits if h.kind == "email") == [
        "j.doe@example.com", "ops2@example.org", "ops@example.org"]
    for hit in result.content_hits:
        assert data[hit.offset:hit.offset + len(hit.value)].decode() == hit.value


def test_sqlite_wal_values_end_with_their_record_field(tmp_path: Path) -> None:
    _, wal = _sqlite_file(tmp_path, wal=True)
    assert wal[:4] == b"\x37\x7f\x06\x82"
    run = ContentRun(TextScanner(), stop_at=None, max_hits=1000, max_same=100, layout=SqliteLayout.detect(wal[:65536]))
    for i in range(0, len(wal), 5000):
        run.feed(i, wal[i:i + 5000])
    assert sorted({h.value for h in run.close() if h.kind == "url"}) == EXPECTED_SQLITE


@pytest.mark.parametrize(("raw", "found"), [
    (b"server 192.168.10.254 answered", True),
    (b"peer 0.0.0.0:123->10.3.58.4:123", True),
    (b"FileVersion 10.0.19041.1 ok", False),            # not a quad anyway
    (b"version 12.5.7.0", False),
    (b"v6.1.14.200 build", False),
    (b"SkypeApp_14.35.152.0_x64", False),
    (b"Microsoft.Foo_1.34.3.83_neutral", False),
    (b"net 10.6.0.0 mask", False),                   # x.y.z.0: a network or a version, not a host
    (b"oid 2.5.29.15 key usage", False),
    (b"winlogon.exe127.0.0.10", False),
])
def test_version_numbers_are_not_ipv4(raw: bytes, found: bool) -> None:
    assert bool([h for h in scan(raw) if h[0] == "ipv4"]) is found


def test_registry_values_named_version_hold_no_ipv4() -> None:
    """In a real hive (the project's regf builder; libregf reads it), a dotted quad in a value named *Version is
    a version number; a dotted quad in another value is still reported."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "plugins"))
    from fixtures_regf import Key, Value, build_hive

    hive = build_hive(Key("ROOT", values=[Value.sz("DriverVersion", "10.6.0.23"), Value.sz("Server", "10.6.0.24"),
                                          Value.sz("BinFileVersion", "12.15.22.6")]))
    run = ContentSearchAnalyzer(TextScanner()).start(FileInfo(
        1, Locator("EXH-1", 0, 5, path="/Amcache.hve"), "EXH-1", "/Amcache.hve", "Amcache.hve", "hve", len(hive),
        False, "application/octet-stream", "MS Windows registry file", hive[:65536]))
    assert run is not None
    for i in range(0, len(hive), 512):
        run.feed(i, hive[i:i + 512])
    result = FileResult(file_id=1)
    run.finish(result, True)
    assert [h.value for h in result.content_hits if h.kind == "ipv4"] == ["10.6.0.24"]


def test_sqlite_value_continued_in_overflow_pages_is_joined(tmp_path: Path) -> None:
    """An index keeps only ~480 bytes of a long key in its page, the rest in overflow pages: the hit there
    must not be the cut-off part ('...&h=15&slotn' in the corpus Chrome history)."""
    url = "https://ads.example.net/pagead/ads?" + "&".join(f"k{i}=v{i}" for i in range(200))
    con = sqlite3.connect(tmp_path / "h.db")
    con.execute("CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT)")
    con.execute("CREATE INDEX urls_index ON urls (url)")
    with con:
        con.execute("INSERT INTO urls (url) VALUES (?)", (url,))
    con.close()
    data = (tmp_path / "h.db").read_bytes()
    run = ContentRun(TextScanner(), stop_at=None, max_hits=100, max_same=100, layout=SqliteLayout.detect(data))
    for i in range(0, len(data), 4096):
        run.feed(i, data[i:i + 4096])
    values = [h.value for h in run.close() if h.kind == "url"]
    assert len(values) == 2  # the table row and the index entry
    assert values[0] == values[1] == url[:len(values[0])] and len(values[0]) >= 500  # long values are capped
