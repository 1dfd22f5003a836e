"""Lab mode: one case on PostgreSQL, triage spread over Celery workers on a Redis broker.

* :mod:`.app` — the Celery application and its settings (late acknowledgement, redelivery when
  a worker process is lost, a visibility timeout longer than the longest unit);
* :mod:`.tasks` — what a worker does: walk a volume, examine a unit of files (in the same
  isolated child processes as local triage), write the results idempotently;
* :mod:`.dispatch` — the coordinator behind ``forensic-triage triage CASE --broker URL``;
* :mod:`.evidence` — finding the shared evidence on a worker and checking its SHA-256;
* :mod:`.status` — which workers are connected and what they are doing.

Celery and psycopg are optional (``pip install 'forensic-triage[lab]'``); nothing here is
imported by local mode.
"""
