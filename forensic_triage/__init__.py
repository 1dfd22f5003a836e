"""Forensic Triage Workstation core library.

The core never imports Qt: the desktop application in ``forensic_triage.ui`` depends on
this package, never the other way round.
"""

__version__ = "0.1.0"
TOOL_NAME = "Forensic Triage Workstation"
