"""Exporters: pure functions of the case database (PDF, CASE/UCO, DFXML, bodyfile, CSV, package)."""
