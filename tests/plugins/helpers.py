"""Run one extractor through the real runner (ExtractorAnalyzer) over given bytes at a given path.

The test feeds the bytes in chunks exactly as the single-read pipeline does, so selection by
glob / name / signature, the size limit, the temp copy for ``needs_path`` extractors (with
companion files such as ``-wal``), exception-to-warning translation and record conversion
are all exercised for real.

Damaged evidence is fed the way the pipeline feeds it (``pipeline/filework.py``): ``unreadable``
ranges are never fed (the pipeline records them in ``FileResult.read_errors`` and finishes the
runs as incomplete), and ``pieces`` gives the sizes of the reads (short reads: a piece smaller
than the chunk, as ``read_span`` returns around a bad block), cycled over the file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from forensic_triage.extractors import ExtractorAnalyzer
from forensic_triage.model import ArtifactRecord, FileResult, Locator, WarningRecord
from forensic_triage.pipeline.filework import identify
from forensic_triage.plugin_api import Extractor, FileInfo, matches

CHUNK = 64 * 1024
HEAD = 64 * 1024


def make_file_info(data: bytes, path: str, *, evidence: str = "EXH-001", inode: int = 64,
                   partition_offset: int = 1048576, deleted: bool = False) -> FileInfo:
    """The FileInfo the pipeline would build for ``data`` stored at ``path``."""
    path = "/" + path.lstrip("/")
    name = path.rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[1].lower()[:16] if "." in name.strip(".") else ""
    head = data[:HEAD]
    mime, magic_text = identify(head)
    locator = Locator(evidence, partition_offset, inode, path=path)
    return FileInfo(1, locator, evidence, path, name, extension, len(data), deleted, mime, magic_text, head)


def selects(cls: type[Extractor], path: str, data: bytes = b"") -> tuple[bool, str | None]:
    """Whether ``cls`` would be offered a file at ``path`` with content ``data`` (and the user found)."""
    return matches(cls.inputs, make_file_info(data, path))


def run_extractor(cls: type[Extractor], data: bytes, path: str, *,
                  siblings: Mapping[str, bytes] | None = None, temp_root: Path | None = None,
                  library_versions: dict[str, str] | None = None,
                  unreadable: Sequence[tuple[int, int]] = (), pieces: Sequence[int] = (),
                  ) -> tuple[list[ArtifactRecord], list[WarningRecord]]:
    """Run ``cls`` on ``data`` at ``path``; returns (artifacts, warnings).

    ``siblings`` maps file names in the same folder to their bytes (e.g. ``{"mmssms.db-wal": ...}``).
    ``unreadable``: [start, end) ranges the evidence could not give (not fed; a range reaching the end
    is a short tail). ``pieces``: read sizes, cycled (default: whole chunks).
    Raises AssertionError when the extractor's declared inputs do not select the file.
    """
    info = make_file_info(data, path)
    sibling_map = dict(siblings or {})

    def read_sibling(_info: FileInfo, name: str) -> bytes | None:
        return sibling_map.get(name)

    analyzer = ExtractorAnalyzer([cls], temp_root, read_sibling=read_sibling)
    run = analyzer.start(info)
    if run is None:
        raise AssertionError(f"{cls.name} does not select {path}")
    bad = sorted((max(0, a), min(len(data), b)) for a, b in unreadable if a < b)
    for offset, piece in _pieces(data, bad, pieces):
        run.feed(offset, piece)
    result = FileResult(file_id=1)
    result.read_errors = list(bad)
    run.finish(result, not bad)
    if library_versions is not None:
        library_versions.update(analyzer.library_versions)
    return result.artifacts, result.warnings


def _pieces(data: bytes, bad: list[tuple[int, int]], sizes: Sequence[int]) -> list[tuple[int, bytes]]:
    """(offset, bytes) reads of ``data`` as the pipeline feeds them: chunk by chunk (or in ``sizes``),
    the unreadable ranges left out, every piece at its true offset."""
    out: list[tuple[int, bytes]] = []
    offset, turn = 0, 0
    while offset < len(data):
        size = sizes[turn % len(sizes)] if sizes else CHUNK
        turn += 1
        end = min(len(data), offset + max(1, size))
        pos = offset
        for a, b in bad:
            if b <= pos or a >= end:
                continue
            if a > pos:
                out.append((pos, data[pos:a]))
            pos = max(pos, min(b, end))
        if pos < end:
            out.append((pos, data[pos:end]))
        offset = end
    return out


def only_type(artifacts: list[ArtifactRecord], record_type: str) -> list[ArtifactRecord]:
    return [a for a in artifacts if a.type == record_type]


def build_sqlite(script: str, *, wal_script: str | None = None) -> tuple[bytes, bytes | None]:
    """Bytes of an SQLite database made by ``script``; with ``wal_script``, also the bytes of a
    ``-wal`` file holding that script's changes, not checkpointed into the database (as on a seized phone).
    """
    import sqlite3
    import tempfile

    with tempfile.TemporaryDirectory(prefix="ft-sqlite-") as folder:
        path = Path(folder) / "db.sqlite"
        conn = sqlite3.connect(path)
        try:
            if wal_script is None:
                conn.executescript(script)
                conn.commit()
                conn.close()
                return path.read_bytes(), None
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA wal_autocheckpoint=0")
            conn.executescript(script)
            conn.commit()
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.executescript(wal_script)
            conn.commit()
            # Read while the connection is open: closing would checkpoint the WAL into the database.
            return path.read_bytes(), (Path(folder) / "db.sqlite-wal").read_bytes()
        finally:
            conn.close()
