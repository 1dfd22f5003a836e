"""Entry script for frozen builds (PyInstaller needs a file, not a package entry point)."""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()  # before Qt: spawned triage workers re-enter this executable
    from forensic_triage.ui.app import main

    raise SystemExit(main())
