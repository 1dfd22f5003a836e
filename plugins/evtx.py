"""Windows XML event logs (EVTX) through libevtx (pyevtx).

Every event becomes a generic ``windows.event`` record with its event data as key/values (read
from the record's XML, parsed with ``xml.etree`` after refusing DTDs and entity declarations);
events of interest also become typed records (see ``evtx_records``). Records libevtx recovers
from free space are kept, flagged ``recovered``, unless a recovered record is an exact copy of a
live record (same record number, written time and XML) or of another recovered record: such a
copy adds nothing and is reported once, as the live record (a stale copy in a chunk's free space
is common after the service rewrites a chunk). A truncated or damaged log gives what can be read
plus a warning.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import struct
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

import pyevtx

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record
from forensic_triage.timeutil import from_filetime, iso

from .evtx_records import EVTX_RECORD_TYPES, TypedEvent, WindowsEvent, typed_record

SIGNATURE = b"ElfFile\x00"
MAX_XML = 4 * 1024 * 1024
_NS = re.compile(r"^\{[^}]*\}")
# Characters XML 1.0 forbids, raw or as character references (libevtx renders them as written).
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]|&#x0*(?:[0-8bcef]|1[0-9a-f]);|&#0*(?:[0-8]|1[1-2]|1[4-9]|2[0-9]|3[01]);",
                        re.IGNORECASE)


def _local(tag: str) -> str:
    return _NS.sub("", tag)


def parse_event_xml(xml: str) -> ET.Element | None:
    """The event's XML as an element tree; None when it cannot be parsed safely."""
    if len(xml) > MAX_XML or "<!DOCTYPE" in xml or "<!ENTITY" in xml:
        return None
    for text in (xml, _BAD_CHARS.sub("", xml)):
        try:
            return ET.fromstring(text)
        except ET.ParseError:
            continue
    return None


def event_data(root: ET.Element) -> dict[str, str]:
    """EventData / UserData as flat key/values (unnamed Data items numbered, nested names dotted)."""
    out: dict[str, str] = {}

    def put(key: str, value: str) -> None:
        name, n = key, 1
        while name in out:
            n += 1
            name = f"{key}#{n}"
        out[name] = value

    for section in root:
        tag = _local(section.tag)
        if tag == "EventData":
            unnamed = 0
            for item in section:
                item_tag = _local(item.tag)
                if item_tag == "Data" and item.get("Name"):
                    put(str(item.get("Name")), (item.text or "").strip("\x00"))
                elif item_tag == "Data":
                    unnamed += 1
                    put(f"Data{unnamed}", (item.text or "").strip("\x00"))
                else:
                    put(item_tag, (item.text or "").strip("\x00"))
        elif tag == "UserData":
            for container in section:
                _flatten(container, "", put)
    return out


def _flatten(element: ET.Element, prefix: str, put: Any) -> None:
    for child in element:
        name = prefix + _local(child.tag)
        if len(child):
            _flatten(child, name + ".", put)
        else:
            put(name, (child.text or "").strip("\x00"))


@dataclasses.dataclass(slots=True)
class _Tally:
    """What one log gave: records counted, read, unreadable, unparsed, recovered."""

    total: int = 0
    count: int = 0
    failed: int = 0
    unparsed: int = 0
    recovered: int = 0
    cancelled: bool = False


class EvtxExtractor(Extractor):
    name = "windows.evtx"
    version = "1.1"
    description = ("Windows event logs (EVTX): every event with its data, plus logons/failures, account "
                   "management, service installs, log clearing and RDP sessions")
    references = (
        "https://github.com/libyal/libevtx/blob/main/documentation/Windows%20XML%20Event%20Log%20(EVTX).asciidoc",
        "https://learn.microsoft.com/en-us/windows/security/threat-protection/auditing/event-4624",
        "https://github.com/log2timeline/plaso/blob/main/plaso/parsers/winevtx.py",
    )
    inputs = InputSpec(globs=("%SystemRoot%/System32/winevt/Logs/*.evtx",), names=("*.evtx",),
                       signatures=(SIGNATURE,), max_size=1024 * 1024 * 1024)
    record_types = EVTX_RECORD_TYPES

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        ctx.uses_library("libevtx", pyevtx.get_version())
        data = stream.read()
        if not data.startswith(SIGNATURE):
            ctx.warn("Not an EVTX event log (no 'ElfFile' signature); not parsed.")
            return
        log = self._open(ctx, data)
        if log is None:
            return
        truncated = self._check_size(ctx, data)
        seen: set[bytes] = set()  # identities of the records reported so far (see _identity)
        tally = _Tally()
        yield from self._records(ctx, log, seen, tally)
        if tally.cancelled:
            return
        yield from self._recovered(log, seen, tally)
        if tally.failed:
            ctx.warn(f"{tally.failed} of {tally.total} event records could not be read (damaged chunks); "
                     f"{tally.count} were read.")
        if tally.unparsed:
            ctx.warn(f"{tally.unparsed} event(s) could not be rendered or parsed as XML; they are listed with the "
                     "fields libevtx gives directly (no event data).")
        if _corrupted(log) and not tally.failed and not truncated:
            ctx.warn(f"libevtx reports this log as damaged or truncated; {tally.count} event record(s) and "
                     f"{tally.recovered} recovered record(s) could be read.")

    @staticmethod
    def _open(ctx: ExtractContext, data: bytes) -> Any:
        """The opened log; a damaged one without the chunks libevtx refuses; None (warned) when neither opens."""
        log = pyevtx.file()
        try:
            log.open_file_object(io.BytesIO(data))
            return log
        except OSError as exc:
            salvaged, kept, dropped = salvage_chunks(data)
            log = pyevtx.file()
            try:
                if not kept:
                    raise exc
                log.open_file_object(io.BytesIO(salvaged))
            except OSError:
                ctx.warn(f"The event log cannot be opened: {_short(exc)}.")
                return None
            ctx.warn(f"The event log is damaged ({_short(exc)}); {dropped} unreadable chunk(s) of 64 KiB were "
                     f"left out and the events of the other {kept} are reported.")
            return log

    def _records(self, ctx: ExtractContext, log: Any, seen: set[bytes], tally: _Tally) -> Iterator[Record]:
        """The log's records, in order; counts those that cannot be read or parsed. Stops (with
        ``tally.cancelled``) when the run is cancelled."""
        try:
            tally.total = log.number_of_records
        except OSError as exc:
            ctx.warn(f"The event log's records cannot be counted: {_short(exc)}.")
            tally.total = 0
        for index in range(tally.total):
            if index % 1000 == 0 and ctx.check_cancel():
                tally.cancelled = True
                return
            try:
                record = log.get_record(index)
            except OSError:
                tally.failed += 1
                continue
            event, parsed, xml = self._event(record, recovered=False)
            seen.add(_identity(record, xml))
            tally.unparsed += 0 if parsed else 1
            tally.count += 1
            yield from self._with_typed(event)

    def _recovered(self, log: Any, seen: set[bytes], tally: _Tally) -> Iterator[Record]:
        """Records libevtx recovers from free space that parse and are not copies of one reported."""
        for index in range(_safe_count(log)):
            try:
                record = log.get_recovered_record(index)
                event, parsed, xml = self._event(record, recovered=True)
            except OSError:
                continue  # free-space fragments that do not decode are normal; not a problem of this log
            if not parsed:
                continue
            identity = _identity(record, xml)
            if identity in seen:
                continue  # an identical copy of a record already reported: the same event, not another one
            seen.add(identity)
            tally.recovered += 1
            yield from self._with_typed(event)

    def _with_typed(self, event: WindowsEvent) -> Iterator[Record]:
        typed = typed_record(event)
        if typed is None:
            yield event
        else:
            yield TypedEvent(**{f.name: getattr(event, f.name) for f in dataclasses.fields(event)})
            yield typed

    def _event(self, record: Any, *, recovered: bool) -> tuple[WindowsEvent, bool, str]:
        """The record as a generic event (its XML's System section first, libevtx's own fields
        where the XML lacks one), whether its XML parsed, and the XML text."""
        xml = _safe(lambda: record.xml_string) or ""
        root = parse_event_xml(xml) if xml else None
        system = _system_section(root)
        execution = system.get("Execution")
        security = system.get("Security")

        def text(name: str, fallback: Callable[[], Any]) -> Any:
            return (system[name].text or None) if name in system else _safe(fallback)

        def number(name: str, fallback: Callable[[], Any]) -> Any:
            return _int_text(system[name].text) if name in system else _safe(fallback)

        return WindowsEvent(
            time=_event_time(record, system), provider=_provider(record, system), event_id=_event_id(record, system),
            record_number=number("EventRecordID", lambda: record.identifier),
            channel=text("Channel", lambda: record.channel_name),
            computer=text("Computer", lambda: record.computer_name),
            user_sid=(security.get("UserID") if security is not None else None)
            or _safe(lambda: record.user_security_identifier),
            level=number("Level", lambda: record.event_level),
            process_id=_int_text(execution.get("ProcessID")) if execution is not None else None,
            thread_id=_int_text(execution.get("ThreadID")) if execution is not None else None,
            event_data=event_data(root) if root is not None else _strings(record), recovered=recovered), \
            root is not None, xml

    @staticmethod
    def _check_size(ctx: ExtractContext, data: bytes) -> bool:
        """The header's chunk count against the file's size: a cut-off copy loses whole chunks."""
        if len(data) < 128:
            return False
        header_size, _minor, _major, _block_size, chunks = struct.unpack_from("<IHHHH", data, 32)
        expected = max(header_size, 4096) + chunks * 65536
        if 0 < len(data) < expected:
            ctx.warn(f"The event log is truncated: its header counts {chunks} chunks ({expected} bytes) but the "
                     f"file has {len(data)} bytes; the events in the missing part are lost.")
            return True
        return False


def salvage_chunks(data: bytes) -> tuple[bytes, int, int]:
    """A copy of the log without the chunks whose header libevtx would refuse (bad signature or
    header size), with the file header's chunk count and CRC32 fixed. Returns (copy, kept, dropped)."""
    header_size = 4096
    chunks = []
    dropped = 0
    for offset in range(header_size, len(data) - 512 + 1, 65536):
        chunk = data[offset: offset + 65536]
        if chunk.startswith(b"ElfChnk\x00") and struct.unpack_from("<I", chunk, 40)[0] == 128 and len(chunk) == 65536:
            chunks.append(chunk)
        else:
            dropped += 1
    header = bytearray(data[:header_size])
    struct.pack_into("<H", header, 42, len(chunks))
    struct.pack_into("<QQ", header, 8, 0, max(len(chunks) - 1, 0))
    struct.pack_into("<I", header, 124, zlib.crc32(bytes(header[:120])))
    return bytes(header) + b"".join(chunks), len(chunks), dropped


def _system_section(root: ET.Element | None) -> dict[str, ET.Element]:
    """The children of the event XML's System section by local name (empty without XML)."""
    system: dict[str, ET.Element] = {}
    if root is not None:
        for section in root:
            if _local(section.tag) == "System":
                system = {_local(child.tag): child for child in section}
    return system


def _event_time(record: Any, system: dict[str, ET.Element]) -> str | None:
    """TimeCreated of the XML (full precision), else the record's written time."""
    written = _safe(record.get_written_time_as_integer)
    when = iso(from_filetime(written)) if written else None
    created = system.get("TimeCreated")
    if created is not None and created.get("SystemTime"):
        when = _iso_from_xml(str(created.get("SystemTime"))) or when
    return when


def _provider(record: Any, system: dict[str, ET.Element]) -> Any:
    return system["Provider"].get("Name") if "Provider" in system else _safe(lambda: record.source_name)


def _event_id(record: Any, system: dict[str, ET.Element]) -> int | None:
    event_id = _int_text(system["EventID"].text) if "EventID" in system else None
    if event_id is None:
        raw_id = _safe(lambda: record.event_identifier)
        event_id = raw_id & 0xFFFF if isinstance(raw_id, int) else None
    return event_id


def _identity(record: Any, xml: str) -> bytes:
    """What makes two records the same event: record number, written time and the full XML."""
    parts = (_safe(lambda: record.identifier), _safe(record.get_written_time_as_integer), xml)
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).digest()


def _iso_from_xml(text: str) -> str | None:
    """``2015-08-09T09:15:48.434125000Z`` -> ``2015-08-09T09:15:48.434125Z`` (microseconds kept)."""
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z?", text.strip())
    if not m:
        return None
    fraction = (m.group(2) or "")[:6].rstrip("0")
    return f"{m.group(1)}.{fraction.ljust(6, '0')}Z" if fraction else f"{m.group(1)}Z"


def _strings(record: Any) -> dict[str, str]:
    out = {}
    for i in range(_safe(lambda: record.number_of_strings) or 0):
        value = _safe(lambda i=i: record.get_string(i))
        out[f"String{i + 1}"] = "" if value is None else str(value)
    return out


def _safe(getter: Any) -> Any:
    try:
        return getter()
    except (OSError, ValueError, UnicodeError):
        return None


def _safe_count(log: Any) -> int:
    return int(_safe(lambda: log.number_of_recovered_records) or 0)


def _corrupted(log: Any) -> bool:
    return bool(_safe(log.is_corrupted))


def _int_text(text: str | None) -> int | None:
    """Decimal or 0x-hexadecimal text as an int (leading zeros allowed), else None."""
    if not text:
        return None
    text = text.strip()
    try:
        return int(text, 16) if text.lower().startswith("0x") else int(text)
    except ValueError:
        return None


def _short(exc: Exception) -> str:
    parts = [p.strip().rstrip(".") for p in str(exc).split(". ") if p.strip()]
    return (parts[0] if len(parts) < 2 else f"{parts[0]}: {parts[-1]}")[:300] if parts else type(exc).__name__


EXTRACTORS = (EvtxExtractor,)
