"""Entry script for frozen builds of the command line."""

import multiprocessing

from forensic_triage.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # triage's spawned worker processes re-enter this executable
    raise SystemExit(main())
