"""Placeholder of the apfs layer (filled in by its owner); discovery finds nothing yet."""

from __future__ import annotations

from typing import Any


def discover(media: Any, volumes: list[Any]) -> list[Any]:
    """Volumes found through this layer on the listed ones (none yet)."""
    return volumes
