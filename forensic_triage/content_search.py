"""Content search on the single read: built-in patterns, keyword lists and regular expressions.

Built-in patterns: e-mail addresses, URLs, IPv4 addresses, payment card numbers (issuer
prefix + Luhn), Bitcoin (Base58Check, bech32/bech32m) and Ethereum (EIP-55 when mixed case)
addresses, and Caribbean NANP phone numbers in their usual written forms. Text is searched
as ASCII/UTF-8 and as UTF-16LE strings inside binaries.

Speed: every pattern is found from a literal anchor (``://``, ``@``, ``0x``, four digits,
digit-dot-digit, a run of 26 Base58 characters in a translated copy of the chunk), so Python's
regular-expression engine only looks at short candidate regions; a plain alternation of the
same patterns ran at about 10 MB/s, this runs at several hundred MB/s (tests/scan measure it).

Chunks are searched with an overlap (:data:`MARGIN`), and a hit is reported by the chunk in
which it starts, so a hit across a chunk border is found exactly once.

Precision (docs/content-search-precision.md): a URL ends at the first byte that cannot be part of
one (RFC 3986 characters; quotes, '<>', whitespace, control and non-ASCII bytes end it) and loses
trailing punctuation unless balanced; its host must be a DNS name under a delegated TLD (IANA list,
:mod:`.scan.tlds`), an IPv4/IPv6 literal or localhost, followed by nothing, a port, or '/', '?', '#'.
E-mail domains pass the same check. XML namespace URIs (an ``xmlns`` attribute, or an http:// URI
under a well-known schema host) are identifiers of a file format, not findings. In SQLite files
(databases, WAL, rollback journals) a value stored in a record's text field ends where the field ends:
record fields are stored back to back, so without this a URL runs into the next column
(``.../2025-0227`` + ``Order 2025-0227``) or the next cell's length byte (``eicar.com`` + ``1``).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import struct
from collections.abc import Callable, Iterable, Iterator

from .model import ContentHit
from .scan import validators as v

MARGIN = 2048          # longest hit in bytes (UTF-16 URL of 500 characters + slack) and left context kept
CONTEXT = 40           # bytes of context either side of a hit
MAX_VALUE = 500
AREA_CODES = ("242", "246", "264", "268", "284", "345", "441", "473", "649", "658", "664", "721", "758", "767",
              "784", "809", "829", "849", "868", "869", "876")
# Compressed content: searching it finds noise, not text. Only the head (metadata) is searched.
HEAD_ONLY_MIME = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif", "video/", "audio/",
                  "application/zip", "application/gzip", "application/x-gzip", "application/x-7z-compressed",
                  "application/x-rar", "application/vnd.rar", "application/x-xz", "application/x-bzip2",
                  "application/zstd", "application/x-lzip", "application/java-archive",
                  "application/vnd.openxmlformats", "application/vnd.oasis", "application/epub+zip",
                  "application/x-iso9660-image")
HEAD_BYTES = 64 * 1024

_DIGITS = bytes.maketrans(b"123456789", b"000000000")
_B58_TABLE = bytes.maketrans(b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz", b"a" * 58)
_U16_TABLE = bytes(ord("z") if i == 0 else ord("p") if 0x20 <= i <= 0x7E or i in (9, 10, 13) else ord("x")
                   for i in range(256))

# Shapes in the digit-translated copy (every digit is '0'): 7 digits with at most one separator
# before the last four (every card and phone form has it), and a dotted quad.
_NUMBERISH = re.compile(rb"000[ .-]?0000")
_DOTTED = re.compile(rb"0\.0{1,3}\.0{1,3}\.0")
_SCHEME_SEP = re.compile(rb"://")
_WWW = (re.compile(rb"www\."), re.compile(rb"WWW\."))
_AT = re.compile(rb"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])")
_LOCAL = re.compile(rb"[A-Za-z0-9._%+-]{1,64}\Z")
_SCHEME = re.compile(rb"(?:https?|ftps?|sftp|hxxps?|file)\Z", re.I)
# RFC 3986 characters less the single quote (in practice a delimiter around URLs, not part of them).
_URL_BODY = re.compile(rb"[!#$%&()*+,\-./0-9:;=?@A-Z\[\]_a-z~]{3,500}")
_WWW_BODY = re.compile(rb"[!#$%&()*+,\-./0-9:;=?@A-Z\[\]_a-z~]{5,500}")
# authority = [userinfo@] host [:port]; the host is checked by validators.host_ok.
_AUTHORITY = re.compile(rb"(?:[A-Za-z0-9._~%!$&()*+,;=:-]{1,64}@)?(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9.-]{1,253})"
                        rb"(?::[0-9]{1,5})?")
_XMLNS_BEFORE = re.compile(rb"xmlns(?::[A-Za-z_][A-Za-z0-9_.-]*)?\s*=\s*[\"']\Z")
# http:// URIs under these prefixes are XML/RDF vocabulary names (OOXML, ODF, XMP, Dublin Core, SOAP,
# plist DTD ...), written into every document of a format: not evidence of a visit or contact.
NAMESPACE_PREFIXES = (b"schemas.openxmlformats.org/", b"schemas.microsoft.com/", b"www.w3.org/", b"ns.adobe.com/",
                      b"purl.org/dc/", b"purl.oclc.org/ooxml/", b"schemas.xmlsoap.org/", b"www.apple.com/dtds/",
                      b"openoffice.org/20", b"www.openoffice.org/20", b"schemas.android.com/", b"xmlns.com/",
                      b"iptc.org/std/", b"ns.useplus.org/", b"cipa.jp/exif/", b"www.opengis.net/", b"docs.oasis-open.org/ns/",
                      b"schemas.openxmlformats.org", b"www.w3.org", b"www.xbrl.org/20", b"java.sun.com/xml/ns/",
                      b"xmlns.jcp.org/", b"www.idpf.org/2007/", b"www.daisy.org/z3986/", b"manifests.microsoft.com/win/",
                      b"www.iec.ch")
_ETH = re.compile(rb"0x[0-9a-fA-F]{40}")
_BECH = (re.compile(rb"bc1[a-z0-9]{11,71}"), re.compile(rb"BC1[A-Z0-9]{11,71}"))
_B58_RUN = b"a" * 26
_ARUN = re.compile(rb"a+")
_U16_SEED = b"pz" * 5
_U16_RUN = re.compile(rb"(?:pz)+")
_IPV4 = re.compile(rb"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d)")
_CARD = re.compile(rb"(?<![\d.,/-])\d(?:[ -]?\d){12,18}(?![\d])")
_AREA = b"|".join(a.encode() for a in AREA_CODES)
_PHONE = re.compile(
    rb"(?<![\d+])(?:\+1[ .-]?(?:\((?:" + _AREA + rb")\)|(?:" + _AREA + rb"))[ .-]?[2-9]\d\d[ .-]?\d{4}"
    rb"|(?:1[ .-])?(?:\((?:" + _AREA + rb")\) ?|(?:" + _AREA + rb")[ .-])[2-9]\d\d[ .-]\d{4})(?!\d)")
_TRAIL = b".,;:!?'\")]}>"
_ALNUM = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_HEX = frozenset(b"0123456789abcdefABCDEF")


@dataclasses.dataclass(frozen=True, slots=True)
class Found:
    kind: str
    value: str
    start: int
    end: int


def _regions(matches: Iterable[re.Match[bytes]], pad: int, size: int) -> Iterator[tuple[int, int]]:
    start = end = -1
    for m in matches:
        s, e = max(0, m.start() - pad), min(size, m.end() + pad)
        if s > end:
            if end >= 0:
                yield start, end
            start = s
        end = max(end, e)
    if end >= 0:
        yield start, end


_NUM_CHARS = frozenset(b"0 .()+-")
_NUM_RUN = re.compile(rb"[0 .()+\-]*")


def _number_segments(digits: bytes) -> Iterator[tuple[int, int]]:
    """Maximal runs of digits and number punctuation around each card/phone-shaped candidate."""
    end = -1
    for m in _NUMBERISH.finditer(digits):
        if m.start() < end:
            continue
        s = m.start()
        while s > 0 and digits[s - 1] in _NUM_CHARS and m.start() - s < 64:
            s -= 1
        run = _NUM_RUN.match(digits, m.end())
        end = run.end() if run else m.end()
        yield s, end


_VERSION_WORD = re.compile(rb"(?<![A-Za-z])(?:version|ver|v|build|release|rev)[ :=]*\Z", re.I)


def _version_like(data: bytes, start: int, end: int) -> bool:
    """A dotted quad that is a version number or an OID, not an address: glued to a name
    ('SkypeApp_14.35.152.0_x64', 'winlogon.exe127.0.0.1'), after 'version'/'v', ending in '.0'
    (x.y.z.0 is how Windows writes versions; hosts are seldom network addresses), or an X.500/ISO OID
    (2.5.x.x, 1.3.x.x)."""
    before = data[start - 1] if start else 0
    after = data[end] if end < len(data) else 0
    if before in _ALNUM or before == 0x5F or after == 0x5F or data[end - 2:end] == b".0":
        return True
    if data.startswith((b"2.5.", b"1.3."), start):
        return True
    return _VERSION_WORD.search(data, max(0, start - 12), start) is not None


def _strip_url(data: bytes, start: int, end: int) -> int:
    while end > start and data[end - 1] in _TRAIL:
        ch = data[end - 1]
        if ch == 0x29 and data.count(b"(", start, end) >= data.count(b")", start, end):
            break  # a balanced closing parenthesis belongs to the URL (Wikipedia style)
        if ch == 0x5D and data.count(b"[", start, end) >= data.count(b"]", start, end):
            break  # so does a balanced bracket (an IPv6 host, a query like a[]=1)
        end -= 1
    return end


def _url_end(data: bytes, host_start: int, end: int) -> int | None:
    """Where the URL whose authority starts at ``host_start`` ends (<= ``end``), or None when its host
    is no host name (no delegated TLD, not an IP address) or is glued to what follows."""
    auth = _AUTHORITY.match(data, host_start, end)
    if auth is None:
        return None
    host = auth.group(1).rstrip(b".")
    try:
        if not v.host_ok(host.decode("ascii")):
            return None
    except UnicodeDecodeError:
        return None
    after = auth.end()
    if after < end and data[after] not in b"/?#":
        return None  # e.g. "example.com_x": a path, query or fragment only ever follows '/', '?', '#'
    return end


# A function giving the [start, end) of the stored field (a SQLite record's text value) holding a position.
Fields = Callable[[int], "tuple[int, int] | None"]


class TextScanner:
    """Finds built-in patterns, keywords and regular expressions in ASCII-compatible bytes."""

    def __init__(self, builtin: bool = True, keywords: Iterable[str] = (),
                 regexes: Iterable[str] = ()) -> None:
        self.builtin = builtin
        self.keywords = sorted({k.strip() for k in keywords if k.strip()})
        self._kw = [(k, k.lower().encode("utf-8")) for k in self.keywords if len(k.encode("utf-8")) <= 256]
        self.regexes = list(regexes)
        self._rx = [(p, re.compile(p.encode("utf-8"), re.I | re.M)) for p in self.regexes]

    @property
    def active(self) -> bool:
        return self.builtin or bool(self._kw) or bool(self._rx)

    def scan(self, data: bytes, lo: int = 0, hi: int | None = None, fields: Fields | None = None) -> Iterator[Found]:
        """Hits whose start lies in [lo, hi) (positions in ``data``); ``fields`` bounds values to their field."""
        hi = len(data) if hi is None else hi
        if self.builtin:
            yield from (f for f in self._builtin(data, fields) if lo <= f.start < hi)
        if self._kw:
            low = data.lower()
            for keyword, needle in self._kw:
                i = low.find(needle, lo)
                while 0 <= i < hi:
                    yield Found("keyword", keyword, i, i + len(needle))
                    i = low.find(needle, i + 1)
        for _pattern, rx in self._rx:
            for m in rx.finditer(data, max(0, lo - MARGIN)):
                if m.start() >= hi:
                    break
                if m.start() >= lo and m.end() > m.start():
                    yield Found("regex", m.group().decode("utf-8", "replace")[:MAX_VALUE], m.start(), m.end())

    # ------------------------------------------------------------------ built-in patterns
    def _builtin(self, data: bytes, fields: Fields | None = None) -> Iterator[Found]:
        size = len(data)
        digits = data.translate(_DIGITS)
        for s, e in _number_segments(digits):
            for m in _CARD.finditer(data, s, e):
                raw = m.group()
                number = raw.replace(b" ", b"").replace(b"-", b"")
                seps = set(raw) - _ALNUM
                if len(seps) <= 1 and (m.end() >= size or data[m.end()] not in _ALNUM) and v.card_ok(number.decode()):
                    yield Found("card", number.decode(), m.start(), m.end())
            for m in _PHONE.finditer(data, s, e):
                if m.end() < size and data[m.end()] in _ALNUM:
                    continue
                national = re.sub(rb"\D", b"", m.group())[-10:].decode()
                yield Found("phone", "+1" + national, m.start(), m.end())
        for s, e in _regions(_DOTTED.finditer(digits), 16, size):
            for m in _IPV4.finditer(data, s, e):
                if m.end() < size and data[m.end()] in _ALNUM or m.group().startswith(b"0"):
                    continue
                if _version_like(data, m.start(), m.end()):
                    continue
                yield Found("ipv4", m.group().decode(), m.start(), m.end())
        yield from self._emails(data, fields)
        yield from self._urls(data, fields)
        yield from self._crypto(data)

    def _candidates(self, data: bytes, fields: Fields | None) -> Iterator[tuple[int, int, int]]:
        """(floor, '@' position, end of domain) of each address-shaped match; with ``fields``, every '@'
        is matched within its stored field (the next field may start with letters or digits)."""
        if fields is None:
            for m in _AT.finditer(data):
                yield max(0, m.start() - 64), m.start(), m.end()
            return
        at = data.find(b"@")
        while at >= 0:
            field = fields(at)
            bounded = _AT.match(data, at, field[1] if field is not None else len(data))
            if bounded is not None:
                yield max(0, at - 64, field[0] if field is not None else 0), at, bounded.end()
            at = data.find(b"@", at + 1)

    def _emails(self, data: bytes, fields: Fields | None) -> Iterator[Found]:
        for floor, at, end in self._candidates(data, fields):
            local = _LOCAL.search(data, floor, at)
            if local is None:
                continue
            start = local.start()
            while start < at and data[start] == 0x2E:
                start += 1
            if start == at or data[at - 1] == 0x2E or (start > 0 and data[start - 1] in _ALNUM and
                                                         local.end() - local.start() == 64):
                continue
            domain = data[at + 1:end].decode("ascii")
            tld = domain.rsplit(".", 1)[-1]
            if not v.domain_ok(domain) or tld.lower() in v.NOT_MAIL_TLD:
                continue
            if data[start] not in _ALNUM or len(domain) - domain.count(".") < 4:
                continue  # '+n@v.gf' from random bytes: a mailbox starts with a letter or digit, domains are longer
            if domain.isupper() and data[start:at].decode("ascii").lower().endswith(domain.lower()):
                continue  # a Kerberos principal (host.example.edu@EXAMPLE.EDU), not a mailbox
            yield Found("email", data[start:end].decode("ascii"), start, end)

    def _urls(self, data: bytes, fields: Fields | None) -> Iterator[Found]:
        for m in _SCHEME_SEP.finditer(data):
            scheme = _SCHEME.search(data, max(0, m.start() - 6), m.start())
            if scheme is None:
                continue
            start = scheme.start()
            field = fields(start) if fields else None
            if start > 0 and chr(data[start - 1]).isalpha() and (field is None or field[0] != start):
                continue  # glued to a word ("xhttp://"), unless a stored field starts right here
            body = _URL_BODY.match(data, m.end())
            if body is None:
                continue
            limit = body.end() if field is None else min(body.end(), field[1])
            if field is not None and field[0] == start and limit == field[1]:
                end = limit  # the whole stored value is the URL: its last character is part of it
            else:
                end = _strip_url(data, start, limit)
            if end - m.end() < 3:
                continue
            if scheme.group().lower() == b"file":
                if data[m.end()] != 0x2F:
                    continue  # file:///path only; a UNC host is not checked
            else:
                end = _url_end(data, m.end(), end) or 0
                if not end or self._namespace(data, start, m.end()):
                    continue
            yield Found("url", data[start:end].decode("ascii"), start, end)
        for m in (m for rx in _WWW for m in rx.finditer(data)):
            s = m.start()
            field = fields(s) if fields else None
            if s > 0 and (data[s - 1] in _ALNUM or data[s - 1] in b"/.@-") and (field is None or field[0] != s):
                continue
            body = _WWW_BODY.match(data, s)
            if body is None:
                continue
            limit = min(body.end(), field[1]) if field is not None else body.end()
            www_end = _url_end(data, s, _strip_url(data, s, limit))
            if www_end is not None and b"@" not in data[s:www_end]:
                yield Found("url", data[s:www_end].decode("ascii"), s, www_end)

    @staticmethod
    def _namespace(data: bytes, start: int, host: int) -> bool:
        """An XML namespace name: the value of an xmlns attribute, or http:// under a schema host."""
        if _XMLNS_BEFORE.search(data, max(0, start - 64), start):
            return True
        return data[start:host].lower() == b"http://" and data[host:host + 40].lower().startswith(NAMESPACE_PREFIXES)

    def _crypto(self, data: bytes) -> Iterator[Found]:
        """Ethereum addresses, then bech32 and base58 Bitcoin addresses, each checksum-checked."""
        yield from _eth_addresses(data)
        yield from _bech32_addresses(data)
        yield from _base58_addresses(data)


def _standalone(data: bytes, start: int, end: int) -> bool:
    """No letter or digit touches [start, end) on either side (the match is a whole token)."""
    return (start == 0 or data[start - 1] not in _ALNUM) and (end >= len(data) or data[end] not in _ALNUM)


def _eth_addresses(data: bytes) -> Iterator[Found]:
    for m in _ETH.finditer(data):
        s, e = m.start(), m.end()
        if not _standalone(data, s, e):
            continue
        text = m.group().decode()
        if v.eth_address_ok(text):
            yield Found("eth", text, s, e)


def _bech32_addresses(data: bytes) -> Iterator[Found]:
    for m in (m for rx in _BECH for m in rx.finditer(data)):
        s, e = m.start(), m.end()
        if not _standalone(data, s, e):
            continue
        text = m.group().decode()
        if v.btc_bech32_ok(text):
            yield Found("btc", text.lower(), s, e)


def _base58_addresses(data: bytes) -> Iterator[Found]:
    """Runs of base58 characters (found on a class map of the data) that start with 1 or 3 and
    are at most 35 long, standing alone, with a valid checksum."""
    classes = data.translate(_B58_TABLE)
    i = classes.find(_B58_RUN)
    while i >= 0:
        run = _ARUN.match(classes, i)
        assert run is not None
        s, e = i, run.end()
        while s > 0 and classes[s - 1] == 0x61:
            s -= 1
        if e - s <= 35 and data[s] in b"13" and _standalone(data, s, e):
            text = data[s:e].decode()
            if v.btc_base58_ok(text):
                yield Found("btc", text, s, e)
        i = classes.find(_B58_RUN, e)


# --------------------------------------------------------------------------- SQLite record fields

_SQLITE_DB = b"SQLite format 3\x00"
_SQLITE_WAL = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
_SQLITE_JOURNAL = b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7"


def _varint(page: bytes, pos: int) -> tuple[int, int]:
    byte = page[pos]
    if byte < 0x80:
        return byte, pos + 1
    value = 0
    for i in range(8):
        byte = page[pos + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, pos + i + 1
    return (value << 8) | page[pos + 8], pos + 9


def _serial_size(serial: int) -> int | None:
    if serial >= 12:
        return (serial - 12) // 2
    return (0, 1, 2, 3, 4, 6, 8, 8, 0, 0, None, None)[serial]


def page_fields(page: bytes, header: int, usable: int,
                spills: dict[int, tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """[start, end) (in ``page``) of every text and blob value of the records of a b-tree page whose
    header is at ``header``; empty for other pages. Cells that do not parse are skipped.

    A value that continues in the record's overflow pages is given up to the end of the page's part
    of the record; ``spills`` then maps that end to (first overflow page number, bytes still to come)."""
    kind = page[header] if header < len(page) else 0
    if kind not in (0x0D, 0x0A, 0x02) or usable > len(page):
        return []
    count = int.from_bytes(page[header + 3:header + 5], "big")
    pointers = header + (12 if kind == 0x02 else 8)
    max_local = usable - 35 if kind == 0x0D else (usable - 12) * 64 // 255 - 23
    min_local = (usable - 12) * 32 // 255 - 23
    out: list[tuple[int, int]] = []
    for i in range(min(count, (usable - pointers) // 2)):
        pos = int.from_bytes(page[pointers + 2 * i:pointers + 2 * i + 2], "big") + (4 if kind == 0x02 else 0)
        if not pointers <= pos < usable:
            continue
        try:
            size, pos = _varint(page, pos)
            if kind == 0x0D:
                _rowid, pos = _varint(page, pos)
            total = size
            if size > max_local:
                spill = min_local + (size - min_local) % (usable - 4)
                size = spill if spill <= max_local else min_local
            end = pos + size
            overflow = int.from_bytes(page[end:end + 4], "big") if total > size else 0
            head_len, cursor = _varint(page, pos)
            if end > usable or head_len < 2 or pos + head_len > end:
                continue
            body = pos + head_len
            while cursor < pos + head_len:
                serial, cursor = _varint(page, cursor)
                length = _serial_size(serial)
                if length is None:
                    break
                if serial >= 12 and length and body + length <= end:
                    out.append((body, body + length))
                elif serial >= 12 and length and body < end and overflow and spills is not None:
                    out.append((body, end))  # the rest is in the overflow chain, first in line
                    spills[end] = (overflow, body + length - end)
                body += length
        except IndexError:
            continue
    return out


class SqliteLayout:
    """Where the record fields of a SQLite database, WAL or rollback journal lie, page by page.

    Pages are parsed only when a URL or address is found in them; the scan is held back to whole
    pages (see :class:`ContentRun`) so the page holding a hit is always in memory.
    """

    def __init__(self, page_size: int, first: int, stride: int, header: int, reserved: int = 0) -> None:
        self.page_size = page_size
        self.first = first        # file offset of the first page's frame
        self.stride = stride      # bytes from one frame to the next
        self.header = header      # bytes of frame header before the page (WAL 24, journal 4)
        self.usable = page_size - reserved
        self._cache: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}
        # file offset where a value's in-page part ends -> (first overflow page, bytes in overflow)
        self.spills: dict[int, tuple[int, int]] = {}

    @classmethod
    def detect(cls, head: bytes) -> SqliteLayout | None:
        """The layout of a SQLite file from its first bytes, or None when it is not one."""
        if head.startswith(_SQLITE_DB) and len(head) >= 100:
            size = int.from_bytes(head[16:18], "big")
            size = 65536 if size == 1 else size
            if 512 <= size <= 65536 and size & (size - 1) == 0:
                return cls(size, 0, size, 0, head[20])
        elif head[:4] in _SQLITE_WAL and len(head) >= 32:
            size = int.from_bytes(head[8:12], "big")
            if 512 <= size <= 65536 and size & (size - 1) == 0:
                return cls(size, 32, size + 24, 24)
        elif head.startswith(_SQLITE_JOURNAL) and len(head) >= 28:
            sector, size = struct.unpack_from(">II", head, 20)
            if 512 <= size <= 65536 and size & (size - 1) == 0 and 0 < sector <= 65536:
                return cls(size, sector, size + 8, 4)
        return None

    def boundary(self, offset: int) -> int:
        """The last frame boundary at or before ``offset`` (scanning stops there until the frame is whole)."""
        if offset < self.first:
            return 0
        return self.first + (offset - self.first) // self.stride * self.stride

    def field(self, buf: bytes, base: int, offset: int) -> tuple[int, int] | None:
        """File offsets [start, end) of the record value holding ``offset``; ``buf`` holds the file from
        ``base``. None outside a record value or when the page is not in ``buf``."""
        if offset < self.first:
            return None
        frame = self.boundary(offset)
        page_at = frame + self.header
        if not page_at <= offset < page_at + self.page_size:
            return None
        cached = self._cache.get(page_at)
        if cached is None:
            if page_at < base or page_at + self.page_size > base + len(buf):
                return None
            page = buf[page_at - base:page_at - base + self.page_size]
            number = page_at // self.page_size + 1 if self.header == 0 else \
                int.from_bytes(buf[frame - base:frame - base + 4], "big")
            spills: dict[int, tuple[int, int]] = {}
            spans = page_fields(page, 100 if number == 1 else 0, self.usable, spills)
            spans.sort()
            if self.header == 0:  # overflow pages are found by number only in a database file
                self.spills.update({page_at + end: info for end, info in spills.items()})
            if len(self._cache) > 64:
                self._cache.clear()
            cached = ([a for a, _ in spans], spans)
            self._cache[page_at] = cached
        starts, spans = cached
        i = bisect.bisect_right(starts, offset - page_at) - 1
        if i < 0 or offset - page_at >= spans[i][1]:
            return None
        return page_at + spans[i][0], page_at + spans[i][1]

    def overflow_content(self, buf: bytes, base: int, number: int) -> tuple[bytes, int] | None:
        """(content, next page number) of overflow page ``number`` of a database file when ``buf`` (file
        offset ``base``) holds it; None when it does not."""
        at = (number - 1) * self.page_size
        if number < 1 or at < base or at + self.page_size > base + len(buf):
            return None
        page = buf[at - base:at - base + self.page_size]
        return page[4:self.usable], int.from_bytes(page[:4], "big")

    def passed(self, base: int, number: int) -> bool:
        """Whether page ``number`` lies before ``base`` (streamed past, no longer in memory)."""
        return (number - 1) * self.page_size < base


@dataclasses.dataclass(slots=True)
class _Spill:
    """A hit whose SQLite value continues in overflow pages still to be read."""

    hit: int          # index in ContentRun.hits
    page: int         # next overflow page to read
    missing: int      # bytes of the value still to come
    tail: bytearray = dataclasses.field(default_factory=bytearray)
    lost: bool = False



# --------------------------------------------------------------------------- registry hive values

_VK = re.compile(rb"vk", re.S)


class RegfVersions:
    """The data of registry values named like a version (``DriverVersion``, ``BinFileVersion`` ...) or
    by a bare number (Amcache's "1", "5") in a hive (regf): a dotted quad there is a version number,
    not an IPv4 address. The value records
    (``vk`` cells) are collected as the hive streams past; hits are judged when the file is done."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    @classmethod
    def detect(cls, head: bytes) -> RegfVersions | None:
        return cls() if head.startswith(b"regf") else None

    def feed(self, buf: bytes, base: int, lo: int, hi: int) -> None:
        """Collect the ``vk`` cells whose signature starts in buf[lo:hi) (file offset ``base``)."""
        for m in _VK.finditer(buf, max(lo, 4), hi):
            at = m.start()
            if at + 20 > len(buf) or (base + at - 4) % 8:
                continue  # cells are 8-byte aligned in the file; the size precedes the signature
            size = int.from_bytes(buf[at - 4:at], "little", signed=True)
            name_len, data_size, data_offset, _type, flags = struct.unpack_from("<HIIIH", buf, at + 2)
            if size >= 0 or -size < 24 + name_len or at + 20 + name_len > len(buf) or data_size & 0x80000000:
                continue
            name = buf[at + 20:at + 20 + name_len]
            name_text = name.decode("latin-1" if flags & 1 else "utf-16-le", "replace").lower()
            # Named like a version, or named by a bare number: Windows 8's Amcache (and other
            # inventories) store file and product versions under value names "1", "5", ... An IPv4
            # address in the registry sits under a descriptive name (IPAddress, NameServer, ...).
            if ("version" in name_text or (name_text.isdigit() and name_len <= 4)) and 0 < data_size < 16344:
                start = 4096 + data_offset + 4
                self.spans.append((start, start + data_size))

    def covers(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.spans)



def utf16_runs(data: bytes, min_chars: int = 5) -> Iterator[tuple[int, int]]:
    """(start, end) byte ranges of UTF-16LE strings of printable ASCII, at least ``min_chars`` long."""
    classes = data.translate(_U16_TABLE)
    seed = b"pz" * min_chars
    i = classes.find(seed)
    while i >= 0:
        run = _U16_RUN.match(classes, i)
        assert run is not None
        yield i, run.end()
        i = classes.find(seed, run.end())


def render(data: bytes) -> str:
    """Evidence bytes as one printable line (control characters shown as '.')."""
    text = data.decode("utf-8", "replace")
    return "".join(ch if ch.isprintable() else "." for ch in text)


Emit = Callable[[str, str, int, Callable[[], str], str], None]


def scan_block(scanner: TextScanner, buf: bytes, base: int, lo: int, hi: int, emit: Emit,
               layout: SqliteLayout | None = None) -> None:
    """Search ``buf`` (file offset ``base``) for hits starting in [lo, hi): ASCII, then UTF-16LE.

    The context is passed as a callable: it is only rendered for hits that are kept. With a SQLite
    ``layout``, ASCII/UTF-8 values end where their record field ends.
    """
    fields: Fields | None = None
    if layout is not None:
        def fields(pos: int) -> tuple[int, int] | None:
            span = layout.field(buf, base, base + pos)
            return None if span is None else (span[0] - base, span[1] - base)
    for f in scanner.scan(buf, lo, hi, fields):
        emit(f.kind, f.value, base + f.start,
             lambda f=f: render(buf[max(0, f.start - CONTEXT):f.end + CONTEXT]), "ascii")  # type: ignore[misc]
    if 0 not in buf:
        return
    # UTF-16LE: the strings' characters, joined with NUL separators, searched in one pass.
    runs = [(s, e) for s, e in utf16_runs(buf) if e > lo and s < hi]
    if not runs:
        return
    pieces = [buf[s:e:2] for s, e in runs]
    starts: list[int] = []
    pos = 0
    for piece in pieces:
        starts.append(pos)
        pos += len(piece) + 1
    joined = b"\x00".join(pieces)
    for f in scanner.scan(joined):
        i = bisect.bisect_right(starts, f.start) - 1
        local = f.start - starts[i]
        if f.end > starts[i] + len(pieces[i]):
            continue  # would span two strings
        offset = runs[i][0] + 2 * local
        if lo <= offset < hi:
            text = pieces[i]
            emit(f.kind, f.value, base + offset,
                 lambda text=text, a=local, b=f.end - starts[i]:  # type: ignore[misc]
                 render(text[max(0, a - CONTEXT // 2):b + CONTEXT // 2]), "utf-16le")


class ContentRun:
    """Feeds one file's chunks through the scanner with overlap; collects capped hits."""

    def __init__(self, scanner: TextScanner, *, stop_at: int | None, max_hits: int, max_same: int,
                 layout: SqliteLayout | None = None, regf: RegfVersions | None = None) -> None:
        self.scanner = scanner
        self.layout = layout
        self.regf = regf
        self.spilled: list[_Spill] = []
        self.stop_at = stop_at
        self.max_hits = max_hits
        self.max_same = max_same
        self.carry = b""
        self.base = 0        # file offset of carry[0]
        self.done = 0        # hits starting before this file offset were reported already
        self.expected = 0
        self.hits: list[ContentHit] = []
        self.seen: dict[tuple[str, str], int] = {}
        self.dropped = 0     # distinct hits lost to the per-file cap (a limitation: stored as a warning)
        self.repeats = 0     # further occurrences of a value already kept max_same times

    def _emit(self, kind: str, value: str, offset: int, context: Callable[[], str], encoding: str) -> None:
        key = (kind, value)
        count = self.seen.get(key, 0)
        if count >= self.max_same:
            self.repeats += 1  # by design: the first occurrences of a value locate it
            return
        if len(self.hits) >= self.max_hits:
            self.dropped += 1
            return
        self.seen[key] = count + 1
        self.hits.append(ContentHit(kind, value, offset, context(), encoding))
        if self.layout is not None and encoding == "ascii" and kind in ("url", "email"):
            spill = self.layout.spills.get(offset + len(value.encode("utf-8")))
            if spill is not None:
                self.spilled.append(_Spill(len(self.hits) - 1, spill[0], spill[1]))

    def feed(self, offset: int, data: bytes) -> None:
        if self.stop_at is not None and offset >= self.stop_at:
            return
        if self.stop_at is not None:
            data = data[: self.stop_at - offset]
        if offset != self.expected:  # a gap (unreadable bytes): finish what we have, restart after it
            self._final()
            self.carry, self.base, self.done = b"", offset, offset
        self.expected = offset + len(data)
        buf = self.carry + data
        hi = len(buf) - MARGIN
        if self.layout is not None:  # hold back to whole pages: a hit's page must be in memory
            hi = self.layout.boundary(self.base + hi) - self.base
        lo = self.done - self.base
        if hi <= lo:
            self.carry = buf
            return
        scan_block(self.scanner, buf, self.base, lo, hi, self._emit, self.layout)
        if self.regf is not None:
            self.regf.feed(buf, self.base, lo, hi)
        self._overflow(buf, self.base)
        keep = max(0, hi - MARGIN)
        self.carry = buf[keep:]
        self.done = self.base + hi
        self.base += keep

    def _final(self) -> None:
        if self.carry:
            scan_block(self.scanner, self.carry, self.base, self.done - self.base, len(self.carry), self._emit,
                       self.layout)
            if self.regf is not None:
                self.regf.feed(self.carry, self.base, self.done - self.base, len(self.carry))
            self._overflow(self.carry, self.base)
        self.carry = b""

    def _overflow(self, buf: bytes, base: int) -> None:
        """Follow the overflow chains of spilled values through the pages now in memory."""
        if self.layout is None:
            return
        for spill in self.spilled:
            while spill.missing > 0 and not spill.lost:
                got = self.layout.overflow_content(buf, base, spill.page)
                if got is None:
                    spill.lost = self.layout.passed(base, spill.page)
                    break
                content, spill.page = got
                spill.tail += content[:spill.missing]
                spill.missing -= min(spill.missing, len(content))
                if spill.missing and not spill.page:
                    spill.lost = True

    def _join_spills(self) -> None:
        """Give spilled values their whole text, re-checked as a whole; a value whose overflow page
        was streamed past before it was known keeps its in-page part and says so in its context."""
        drop: set[int] = set()
        for spill in self.spilled:
            hit = self.hits[spill.hit]
            if spill.missing:
                hit.context += " [the value continues in a database overflow page that was not read]"
                continue
            whole = hit.value.encode("utf-8") + bytes(spill.tail)
            again = [f for f in self.scanner.scan(whole) if f.kind == hit.kind and f.start == 0]
            if again:
                hit.value = again[0].value
            else:
                drop.add(spill.hit)
        if drop:
            self.hits = [h for i, h in enumerate(self.hits) if i not in drop]
        self.spilled = []

    def close(self) -> list[ContentHit]:
        self._final()
        self._join_spills()
        if self.regf is not None and self.regf.spans:
            regf = self.regf
            self.hits = [h for h in self.hits if h.kind != "ipv4" or not regf.covers(h.offset)]
        self.hits.sort(key=lambda h: (h.offset, h.kind))
        return self.hits


__all__ = ["AREA_CODES", "HEAD_BYTES", "HEAD_ONLY_MIME", "NAMESPACE_PREFIXES", "ContentRun", "Found", "RegfVersions", "SqliteLayout",
           "TextScanner", "page_fields", "scan_block", "utf16_runs"]
