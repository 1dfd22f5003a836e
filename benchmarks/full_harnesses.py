"""The test suite's slow harnesses at their full counts (the suite runs smaller ones to stay under
10 minutes on 2 cores).

=====================================  ======================  ===========  ==========
harness                                 knob (environment)      suite        full
=====================================  ======================  ===========  ==========
verify-package fuzz                     FT_FUZZ_SCALE           0.25 (165)   1 (600)
kill -9 at random points, then resume   FT_KILL_TRIALS          6            20
triage on mutated images                FT_MUTATIONS            80           200
=====================================  ======================  ===========  ==========

Run one or all (from the repository root; the real tools and ../shared/corpus as for the suite)::

    python benchmarks/full_harnesses.py                 # all three
    python benchmarks/full_harnesses.py fuzz kill       # some

Each harness is the suite's own test, run by pytest with the full count; the exit status is
pytest's, and the time each took is printed. Longer mutation runs: ``benchmarks/mutate.py --count 3000``.

Measured (idle 2-core machine, 2026-12-04): fuzz 15 s at 0.25; kill 24 s at 6 kills (229 s at 20 on a
loaded machine); mutations 32 s at 80 (287 s at 200 on a loaded machine).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HARNESSES = {
    "fuzz": ("tests/exports/test_package_fuzz.py::test_mutations_all_fail_or_provably_change_nothing",
             {"FT_FUZZ_SCALE": "1"}),
    "kill": ("tests/robustness/test_case_safety.py::test_kill_9_at_random_points_then_resume_is_identical",
             {"FT_KILL_TRIALS": "20"}),
    "mutations": ("tests/robustness/test_mutations.py::test_short_mutation_run_has_no_traceback_hang_or_broken_case",
                  {"FT_MUTATIONS": "200"}),
}


def main(argv: list[str]) -> int:
    chosen = argv or list(HARNESSES)
    unknown = [c for c in chosen if c not in HARNESSES]
    if unknown:
        print(f"unknown harness(es): {', '.join(unknown)}; choose from {', '.join(HARNESSES)}", file=sys.stderr)
        return 2
    worst = 0
    for name in chosen:
        test, env = HARNESSES[name]
        started = time.monotonic()
        rc = subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-s",
                              "-o", "timeout=3600", test], cwd=REPO,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env})
        print(f"{name}: exit {rc}, {time.monotonic() - started:.0f} s ({', '.join(f'{k}={v}' for k, v in env.items())})")
        worst = max(worst, rc)
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
