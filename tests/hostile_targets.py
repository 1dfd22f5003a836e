"""Child targets for the limited-child tests (importable by a spawned child: tests/ is on sys.path)."""

from __future__ import annotations

import pickle
from typing import Any


def answer_with_blob(channel: Any, text: str) -> None:
    channel.note({"step": 1})
    channel.answer({"text": text}, [text.encode() * 3])


def eat_memory(channel: Any) -> None:
    hog = b"x" * (8 * 1024**3)
    channel.answer(len(hog))


def note_then_hang(channel: Any, notes: int) -> None:
    import time

    for i in range(notes):
        time.sleep(0.5)
        channel.note({"step": i})
    time.sleep(600)


class _Boom:
    def __reduce__(self) -> tuple[Any, ...]:
        return (print, ("UNPICKLED IN THE PARENT",))


def send_a_pickle(channel: Any) -> None:
    """What a compromised child could write on its pipe: a pickle that runs code when loaded."""
    channel._conn.send_bytes(pickle.dumps(_Boom()))
