"""Deprecated re-export shim, kept for one release so code written against the old path still imports.

Intake is a job: it lives in :mod:`forensic_triage.jobs.intake` (and the container hashing in
:mod:`forensic_triage.evidence.hashing`). ``evidence/`` holds only the containers and knows nothing
of file systems, jobs or the store; this module is the one exception, listed in
``tests/test_layers.py``'s ALLOWLIST until it is removed.
"""

from __future__ import annotations

from ..jobs.intake import (
    CHUNK,
    FAILED_VERDICTS,
    ContainerInfo,
    IntakeResult,
    add_evidence,
    check_containers,
    container_infos,
    hash_media,
    intake_problems,
    verdict_for,
)

__all__ = ["CHUNK", "FAILED_VERDICTS", "ContainerInfo", "IntakeResult", "add_evidence", "check_containers",
           "container_infos", "hash_media", "intake_problems", "verdict_for"]
