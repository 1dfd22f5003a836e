"""Entry script for frozen builds (PyInstaller needs a file, not a package entry point)."""

from forensic_triage.ui.app import main

raise SystemExit(main())
