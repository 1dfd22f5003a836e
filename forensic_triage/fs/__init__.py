"""Volumes and file systems (pytsk3)."""
