"""The PySide6 desktop application (installed as forensic_triage.ui)."""
