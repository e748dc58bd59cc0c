"""Bulk badge runs: an organiser starts one, the job queue makes the PDF, the organiser downloads it."""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from conference import jobs
from conference.audit.services import record
from conference.badges import services
from conference.badges.models import BadgeRun, BadgeRunStatus
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.extensions import db

KEEP_FILES = 10  # per conference: older runs' PDFs are deleted when a new run starts
STALLED_AFTER = timedelta(minutes=30)  # a run still unfinished by then lost its worker (e.g. a restart)


def badge_folder() -> Path:
    folder = current_app.config.get("BADGE_FOLDER") or Path(current_app.instance_path) / "badges"
    return Path(folder)


def run_file(run: BadgeRun) -> Path | None:
    if run.file_name is None:
        return None
    path = badge_folder() / run.file_name
    return path if path.is_file() else None


def run_in(conference: Conference, run_id: int) -> BadgeRun | None:
    return db.session.scalar(
        select(BadgeRun).where(BadgeRun.id == run_id, BadgeRun.conference_id == conference.id)
    )


def recent_runs(conference: Conference, limit: int = KEEP_FILES) -> list[BadgeRun]:
    query = (
        select(BadgeRun)
        .where(BadgeRun.conference_id == conference.id)
        .order_by(BadgeRun.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def stalled(run: BadgeRun) -> bool:
    return not run.finished and utcnow() - run.created_at > STALLED_AFTER


def start_run(
    conference: Conference,
    selection: services.BadgeSelection,
    layout: services.BadgeLayout,
    *,
    by_user_id: int | None,
) -> BadgeRun:
    """Record a run for the badges selected now and queue the job that makes its PDF."""
    run = BadgeRun(
        conference_id=conference.id,
        created_by_id=by_user_id,
        status=BadgeRunStatus.QUEUED,
        options=services.options_json(selection, layout),
        total=services.count_selected(conference, selection),
        done=0,
    )
    db.session.add(run)
    db.session.flush()
    record("badges.run_started", run, user_id=by_user_id, conference_id=conference.id, after=run.options)
    db.session.commit()
    _delete_old_files(conference)
    from conference.badges.tasks import make_badge_run

    jobs.enqueue(make_badge_run, run.id)
    return run


def _delete_old_files(conference: Conference) -> None:
    keep = {run.id for run in recent_runs(conference)}
    old = db.session.scalars(
        select(BadgeRun).where(
            BadgeRun.conference_id == conference.id, BadgeRun.file_name.is_not(None), BadgeRun.id.not_in(keep)
        )
    )
    for run in old:
        path = badge_folder() / run.file_name
        path.unlink(missing_ok=True)
        run.file_name = None
    db.session.commit()


def new_file_name(run: BadgeRun) -> str:
    # Unguessable, though downloads are checked by role anyway.
    return f"conference-{run.conference_id}/badges-{run.id}-{secrets.token_hex(8)}.pdf"
