"""Case database (SQLite, one per case folder)."""

from .db import DB_NAME, CaseStore
from .schema import SCHEMA_VERSION

__all__ = ["DB_NAME", "SCHEMA_VERSION", "CaseStore"]
