"""Android's settings XML, text or Android Binary XML (ABX), as an ElementTree (not an extractor).

Android 12+ writes system XML files (``packages.xml``, ``packages-stopped.xml``...) with
``BinaryXmlSerializer``: the magic ``ABX\\0``, then one token byte per event (low 4 bits the
event: start/end document, start/end tag, text..., 15 = attribute; high 4 bits the value type),
strings as a big-endian unsigned 16-bit length and modified UTF-8, repeated tag and attribute
names as indexes into a table of "interned" strings (0xFFFF = a new string follows). Typed
attribute values are turned back into the text the text serializer writes for them (ints in
decimal, ``*_HEX`` types in lower-case hex, bytes in upper-case hex or base64, booleans
``true``/``false``), so one parser reads both forms.
"""

from __future__ import annotations

import base64
import struct
import xml.etree.ElementTree as ET  # noqa: S405 - parsing only, with the entity guard below

from forensic_triage.plugin_api import Extractor

ABX_MAGIC = b"ABX\x00"
MAX_DEPTH = 64
MAX_NODES = 2_000_000

(START_DOCUMENT, END_DOCUMENT, START_TAG, END_TAG, TEXT, CDSECT, ENTITY_REF, IGNORABLE_WHITESPACE,
 PROCESSING_INSTRUCTION, COMMENT, DOCDECL) = range(11)
ATTRIBUTE = 15
(TYPE_NULL, TYPE_STRING, TYPE_STRING_INTERNED, TYPE_BYTES_HEX, TYPE_BYTES_BASE64, TYPE_INT, TYPE_INT_HEX,
 TYPE_LONG, TYPE_LONG_HEX, TYPE_FLOAT, TYPE_DOUBLE, TYPE_BOOLEAN_TRUE, TYPE_BOOLEAN_FALSE) = range(1, 14)


class XmlError(ValueError):
    """The bytes are not a readable XML or ABX document (the message says where)."""


def is_abx(data: bytes) -> bool:
    return data.startswith(ABX_MAGIC)


def parse(data: bytes) -> ET.Element:
    """The document's root element, from text XML or ABX; raises :class:`XmlError`."""
    if is_abx(data):
        return _Abx(data).root()
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        raise XmlError("the XML declares a DTD or entities, which Android never writes: not parsed")
    try:
        return ET.fromstring(data)  # noqa: S314 - no DTD (checked above), so no entity expansion
    except ET.ParseError as exc:
        raise XmlError(f"not well-formed XML ({exc})") from exc


def _modified_utf8(raw: bytes) -> str:
    """Java's modified UTF-8 (NUL as C0 80, characters beyond the BMP as surrogate pairs)."""
    text = raw.replace(b"\xc0\x80", b"\x00").decode("utf-8", "surrogatepass")
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


class _Abx:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = len(ABX_MAGIC)
        self.interned: list[str] = []
        self.stack: list[ET.Element] = []
        self.top: ET.Element | None = None

    def _take(self, size: int) -> bytes:
        end = self.pos + size
        if end > len(self.data):
            raise XmlError(f"ABX document cut short at byte {self.pos} (needs {size} more)")
        chunk = self.data[self.pos:end]
        self.pos = end
        return chunk

    def _utf(self) -> str:
        (length,) = struct.unpack(">H", self._take(2))
        try:
            return _modified_utf8(self._take(length))
        except UnicodeDecodeError as exc:
            raise XmlError(f"ABX string at byte {self.pos - length} is not modified UTF-8") from exc

    def _interned(self) -> str:
        (index,) = struct.unpack(">H", self._take(2))
        if index == 0xFFFF:
            value = self._utf()
            self.interned.append(value)
            return value
        if index >= len(self.interned):
            raise XmlError(f"ABX string reference {index} at byte {self.pos - 2} names no earlier string")
        return self.interned[int(index)]

    def _value(self, kind: int) -> str | None:
        if kind == TYPE_NULL:
            return None
        if kind == TYPE_STRING:
            return self._utf()
        if kind == TYPE_STRING_INTERNED:
            return self._interned()
        if kind in (TYPE_BYTES_HEX, TYPE_BYTES_BASE64):
            (length,) = struct.unpack(">H", self._take(2))
            raw = self._take(length)
            return raw.hex().upper() if kind == TYPE_BYTES_HEX else base64.b64encode(raw).decode()
        if kind in (TYPE_INT, TYPE_INT_HEX):
            (number,) = struct.unpack(">i", self._take(4))
            return str(number) if kind == TYPE_INT else format(number & 0xFFFFFFFF, "x")
        if kind in (TYPE_LONG, TYPE_LONG_HEX):
            (number,) = struct.unpack(">q", self._take(8))
            return str(number) if kind == TYPE_LONG else format(number & 0xFFFFFFFFFFFFFFFF, "x")
        if kind == TYPE_FLOAT:
            return repr(struct.unpack(">f", self._take(4))[0])
        if kind == TYPE_DOUBLE:
            return repr(struct.unpack(">d", self._take(8))[0])
        if kind in (TYPE_BOOLEAN_TRUE, TYPE_BOOLEAN_FALSE):
            return "true" if kind == TYPE_BOOLEAN_TRUE else "false"
        raise XmlError(f"unknown ABX value type {kind} at byte {self.pos - 1}")

    def _start(self) -> None:
        element = ET.Element(self._interned())
        if self.stack:
            self.stack[-1].append(element)
        elif self.top is None:
            self.top = element
        else:
            raise XmlError("ABX document has a second root element")
        self.stack.append(element)
        if len(self.stack) > MAX_DEPTH:
            raise XmlError(f"ABX elements nested deeper than {MAX_DEPTH}")

    def _end(self) -> None:
        name = self._interned()
        if not self.stack or self.stack[-1].tag != name:
            raise XmlError(f"ABX end tag {name!r} at byte {self.pos} does not close the open tag")
        self.stack.pop()

    def _text(self, value: str | None) -> None:
        if not self.stack or not value:
            return
        last = self.stack[-1]
        if len(last):
            last[-1].tail = (last[-1].tail or "") + value
        else:
            last.text = (last.text or "") + value

    def root(self) -> ET.Element:
        nodes = 0
        while self.pos < len(self.data):
            token = self._take(1)[0]
            event, kind = token & 0x0F, token >> 4
            nodes += 1
            if nodes > MAX_NODES:
                raise XmlError(f"ABX document has more than {MAX_NODES} nodes")
            if event == ATTRIBUTE:
                name = self._interned()
                value = self._value(kind)
                if not self.stack:
                    raise XmlError(f"ABX attribute {name!r} outside any tag")
                if value is not None:
                    self.stack[-1].set(name, value)
            elif event == START_TAG:
                self._start()
            elif event == END_TAG:
                self._end()
            elif event in (TEXT, CDSECT, ENTITY_REF, IGNORABLE_WHITESPACE, PROCESSING_INSTRUCTION, COMMENT, DOCDECL):
                value = self._value(kind)
                if event in (TEXT, CDSECT, ENTITY_REF):
                    self._text(value)
            elif event == END_DOCUMENT:
                break
            elif event != START_DOCUMENT:
                raise XmlError(f"unknown ABX token {token:#04x} at byte {self.pos - 1}")
        if self.top is None:
            raise XmlError("ABX document holds no element")
        if self.stack:
            raise XmlError(f"ABX document ends inside <{self.stack[-1].tag}> (cut short?)")
        return self.top


# A helper module: it registers no extractor of its own (see plugins/__init__.py).
EXTRACTORS: tuple[type[Extractor], ...] = ()
