"""Every report/package capability the dialogs offer is really wired to the core (none 'not available')."""

from __future__ import annotations

from forensic_triage.ui import report_backend


def test_every_output_and_package_action_is_available() -> None:
    caps = report_backend.available()
    missing = sorted(k for k, ok in caps.items() if not ok)
    assert not missing, f"wired to nothing in this build: {missing}"
    for out in report_backend.OUTPUTS:
        assert callable(report_backend.lookup(out.module, out.function, out.title))
