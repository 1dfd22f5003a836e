"""Entry script for frozen builds of the command line."""

from forensic_triage.cli import main

raise SystemExit(main())
