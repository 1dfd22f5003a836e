"""What the GUI's views ask for by name: files pages by keyset and filter, folder children, timeline windows, findings pages, the audit view (store-ui)."""

from __future__ import annotations

from .base import Repo


class BrowseRepo(Repo):
    """Reached as ``store.browse``."""
