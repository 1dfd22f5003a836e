"""Builders of real test data shared by several test folders (import as ``tests.helpers.NAME``)."""
