"""The Celery application of lab mode and its settings."""

from __future__ import annotations

from typing import Any

from ..errors import TriageError

WALK_TASK = "forensic_triage.lab.walk"
UNIT_TASK = "forensic_triage.lab.unit"
QUEUE = "forensic-triage"
# Longest a unit may take: UNIT_FILES files, each up to the per-file limit (300 s by default) plus
# one second per 8 MiB of its 32 MiB; the broker redelivers an unacknowledged unit only after this.
VISIBILITY_TIMEOUT = 48 * 300 + 3600

_APP: Any = None


def celery_app(broker: str | None = None) -> Any:
    """The process's Celery application (created once; ``broker`` sets its broker)."""
    global _APP
    try:
        from celery import Celery
    except ImportError as exc:
        raise TriageError("Lab mode needs Celery, which is not installed.",
                          hint="Install the lab extra: pip install 'forensic-triage[lab]'.") from exc
    if _APP is None:
        app = Celery("forensic_triage")
        app.conf.update(
            task_serializer="json", accept_content=["json"], result_serializer="json",
            task_ignore_result=True, task_acks_late=True, task_reject_on_worker_lost=True,
            task_default_queue=QUEUE, worker_prefetch_multiplier=1, worker_hijack_root_logger=False,
            broker_transport_options={"visibility_timeout": VISIBILITY_TIMEOUT},
            broker_connection_retry_on_startup=True, broker_connection_max_retries=None,
            worker_cancel_long_running_tasks_on_connection_loss=False,
            task_publish_retry=True,
            task_publish_retry_policy={"max_retries": None, "interval_start": 0.5, "interval_step": 0.5,
                                       "interval_max": 3},
        )
        from . import tasks

        tasks.register(app)
        _APP = app
    if broker:
        _APP.conf.broker_url = broker
    return _APP
