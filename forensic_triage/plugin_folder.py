"""Where the examiner's own extractor plugins, YARA rules and hash-set library live.

Kept apart from :mod:`.extractors` (which imports the analysis pipeline and numpy, ~80 ms and
more on a loaded machine): the desktop application asks for this folder on a background thread
when a case opens, and an import there holds the GIL the GUI thread needs
(benchmarks/gui_open_large_case.py).
"""

from __future__ import annotations

import os
from pathlib import Path


def user_data_path(setting: str, name: str) -> Path:
    """The path the environment variable ``setting`` names, else ``name`` in the tool's folder of
    the user's data (``$XDG_DATA_HOME/forensic-triage``, by default ``~/.local/share/...``)."""
    env = os.environ.get(setting)
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "forensic-triage" / name


def user_plugin_dir() -> Path:
    return user_data_path("FT_PLUGIN_DIR", "plugins")
