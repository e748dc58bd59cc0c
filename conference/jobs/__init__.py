"""Run work off the request: RQ on Redis when REDIS_URL is set, an in-process worker thread otherwise.

    from conference import jobs
    jobs.enqueue(deliver_message, message.id)

Job functions must be importable module-level functions taking plain arguments (ids, not objects):
they run later, in another thread or process, inside an application context.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app

log = logging.getLogger(__name__)

QUEUE_NAME = "plenary"


def enqueue(func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config.get("JOBS_EAGER"):
        func(*args, **kwargs)
    elif app.config.get("REDIS_URL"):
        rq_queue(app).enqueue(func, *args, **kwargs)
    else:
        _thread_worker(app).put(func, args, kwargs)


def rq_queue(app: Flask):
    from redis import Redis
    from rq import Queue

    return Queue(QUEUE_NAME, connection=Redis.from_url(app.config["REDIS_URL"]))


def wait_until_idle(app: Flask) -> None:
    """Block until the in-process worker has run everything queued (used by tests and shutdown)."""
    worker = app.extensions.get("plenary_thread_worker")
    if worker is not None:
        worker.jobs.join()


class ThreadWorker:
    """One daemon thread per app that runs queued jobs in order, each in an app context."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.jobs: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="plenary-jobs", daemon=True)
        self.thread.start()

    def put(self, func: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        self.jobs.put((func, args, kwargs))

    def _run(self) -> None:
        while True:
            func, args, kwargs = self.jobs.get()
            try:
                with self.app.app_context():
                    func(*args, **kwargs)
            except Exception:
                log.exception("background job %s failed", getattr(func, "__name__", func))
            finally:
                self.jobs.task_done()


_lock = threading.Lock()


def _thread_worker(app: Flask) -> ThreadWorker:
    with _lock:
        worker = app.extensions.get("plenary_thread_worker")
        if worker is None:
            worker = app.extensions["plenary_thread_worker"] = ThreadWorker(app)
        return worker


def init_app(app: Flask) -> None:
    """Register `flask worker`."""
    from conference.jobs import cli

    app.register_blueprint(cli.bp)
