"""Partition and file-system probing at intake, in a child process.

Probing parses the media's partition tables and file-system superblocks with The Sleuth Kit:
hostile or damaged media must not be able to end the examiner's session (in the desktop
application intake runs inside the GUI process). A crash or hang costs only the listing:
the evidence item is still added with its hashes, and a stored warning says what happened.
"""

from __future__ import annotations

import dataclasses
import struct
from multiprocessing.connection import Connection

from ..errors import TriageError
from ..isolation import run_isolated
from .volumes import VolumeInfo

PROBE_TIMEOUT = 300.0
# What reading damaged media raises (The Sleuth Kit: OSError/RuntimeError; parsing: struct, value and
# index errors; our readers: TriageError). Anything else ends the child, which the parent reports as
# a crash of the probe: a stored warning either way.
_PROBE_ERRORS = (TriageError, OSError, RuntimeError, ValueError, LookupError, ArithmeticError, struct.error,
                 MemoryError)


def _child(conn: Connection, path: str) -> None:
    from ..evidence.images import open_media
    from .volumes import scan_volumes

    try:
        media = open_media(path)
        try:
            vs_type, volumes = scan_volumes(media)
        finally:
            media.close()
        conn.send(("ok", vs_type, [dataclasses.asdict(v) for v in volumes]))
    except _PROBE_ERRORS as exc:  # sent to the parent as a sentence, never a traceback
        conn.send(("error", f"{type(exc).__name__}: {exc}", []))
    finally:
        conn.close()


def probe_volumes(path: str, timeout: float = PROBE_TIMEOUT) -> tuple[str | None, list[VolumeInfo], str | None]:
    """(partition table type, volumes, problem sentence or None) for the evidence at ``path``."""
    outcome, answer = run_isolated(_child, (path,), timeout)
    if outcome == "ok":
        status, detail, rows = answer
        if status == "ok":
            return detail, [VolumeInfo(**row) for row in rows], None
        return None, [], f"Listing partitions failed ({detail}); no partitions were recorded."
    if outcome == "timeout":
        return None, [], (f"Listing partitions did not finish within {int(timeout)} s (damaged partition table or "
                          "file system?); the probe was stopped and no partitions were recorded.")
    if answer == 1:  # the child raised an error none of the above names (a bug of this tool, not the image)
        return None, [], ("Listing partitions stopped with an unexpected error in the probe (exit code 1); no "
                          "partitions were recorded. The media hashes stand.")
    return None, [], (f"Listing partitions crashed the file-system library (exit code {answer}); no partitions "
                      "were recorded. The media hashes stand; the image is likely damaged there.")


