"""``python -m forensic_triage`` = the ``forensic-triage`` command."""

import sys

from .cli import main

sys.exit(main())
