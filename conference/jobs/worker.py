"""The RQ worker: `flask worker`, or `rq worker --worker-class conference.jobs.worker.AppWorker plenary`."""

from __future__ import annotations

from typing import Any

from rq import SimpleWorker


class AppWorker(SimpleWorker):
    """Runs each job inside a Plenary application context (no fork: one DB pool, no inherited sockets)."""

    app: Any = None

    def perform_job(self, *args, **kwargs):  # signature differs between RQ releases
        if self.app is None:
            from conference import create_app

            type(self).app = create_app()
        with self.app.app_context():
            return super().perform_job(*args, **kwargs)
