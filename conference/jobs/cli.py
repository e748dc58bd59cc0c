from __future__ import annotations

import click
from flask import Blueprint, current_app

bp = Blueprint("jobs", __name__, cli_group=None)


@bp.cli.command("worker")
@click.option("--burst", is_flag=True, help="Run the jobs queued now, then exit.")
def worker_command(burst: bool) -> None:
    """Start a background-job worker (needs REDIS_URL)."""
    from redis import Redis

    from conference.jobs import QUEUE_NAME
    from conference.jobs.worker import AppWorker

    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException(
            "REDIS_URL is not set: jobs already run in-process, in a thread of the web app."
        )
    AppWorker.app = current_app._get_current_object()  # type: ignore[attr-defined]
    # The scheduler runs delayed jobs (mail retries with backoff).
    AppWorker([QUEUE_NAME], connection=Redis.from_url(url)).work(burst=burst, with_scheduler=True)
