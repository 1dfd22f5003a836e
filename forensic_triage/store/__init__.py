"""Case database (SQLite, one per case folder) behind one interface.

Store interface
---------------
:class:`CaseStore` is the one object the rest of the program holds for a case. All SQL on the case
database lives in this package: in repository classes, one module per area, each reached as an
attribute of the store (defined in ``store/base.py``, wired in ``CaseStore``):

==================  ==========================  =============================================
attribute           module                      area
==================  ==========================  =============================================
``store.case``      ``case_repo.py``            case_info, examiners, meta
``store.evidence``  ``evidence_repo.py``        evidence items, container files, volumes
``store.files``     ``files_repo.py``           file entries: by id/locator/hash, counts
``store.findings``  ``findings_repo.py``        artifacts, timeline, YARA/content hits, hash matches (read)
``store.browse``    ``browse_repo.py``          pages for the GUI views (keyset paging, filters)
``store.triage``    ``triage_repo.py``          jobs, the writer's inserts, warnings (write side)
``store.tags``      ``tags_repo.py``            tags, notes, thumbnails
``store.custody``   ``custody_repo.py``         chain-of-custody events
``store.hashsets``  ``hashsets_repo.py``        hash sets used, matches
``store.training``  ``training_repo.py``        training cases (exercise answers)
``store.lab``       ``lab_repo.py``             lab mode: claiming work, job totals, examiners' roles
==================  ==========================  =============================================

Methods take parameters by name and return plain values (dicts keyed by column name,
dataclasses, numbers, strings), never cursors or ``sqlite3.Row``; transactions are opened with
``store.transaction()`` and examiner actions anchor the digest with ``store.audit(...,
touched=...)``. A PostgreSQL back-end (lab mode, ``pg.py``) runs the same classes: their
SQLite statements are translated there, in one place, and the connection it wraps answers like
``sqlite3``. Nothing outside ``store/`` writes SQL on the case database
(``tests/test_layers.py`` checks it).
"""

from .db import DB_NAME, CaseStore
from .schema import SCHEMA_VERSION

__all__ = ["DB_NAME", "SCHEMA_VERSION", "CaseStore"]
