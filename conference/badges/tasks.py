"""The bulk badge job: runs off the request (jobs.enqueue), reports progress on its BadgeRun row."""

from __future__ import annotations

import logging
import time

from sqlalchemy import update

from conference.badges import runs
from conference.badges.content import badge_content, branding
from conference.badges.models import BadgeRun, BadgeRunStatus
from conference.badges.pdf import write_badges
from conference.badges.queries import selected_registrations
from conference.badges.services import mark_printed
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.extensions import db

log = logging.getLogger(__name__)
PROGRESS_EVERY = 0.5  # seconds between two progress updates (each is a commit)


def make_badge_run(run_id: int) -> None:
    """Draw the run's badges into a PDF under instance/badges/, then mark them printed."""
    run = db.session.get(BadgeRun, run_id)
    if run is None or run.status != BadgeRunStatus.QUEUED:
        return
    run.status = BadgeRunStatus.RUNNING
    db.session.commit()
    try:
        _make(run)
    except Exception as exc:
        log.exception("badge run %s failed", run_id)
        db.session.rollback()
        run = db.session.get(BadgeRun, run_id)
        run.status = BadgeRunStatus.FAILED
        run.error = str(exc)[:500] or type(exc).__name__
        run.finished_at = utcnow()
        db.session.commit()


def _make(run: BadgeRun) -> None:
    conference = db.session.get(Conference, run.conference_id)
    selection, layout = runs.options_from_json(run.options)
    registrations = selected_registrations(conference, selection)
    badges = [badge_content(registration) for registration in registrations]
    printed = [registration.id for registration in registrations]
    run.total = len(badges)
    name = runs.new_file_name(run)
    brand = branding(conference)
    db.session.commit()

    last_report = time.monotonic()

    def progress(done: int) -> None:
        nonlocal last_report
        if time.monotonic() - last_report >= PROGRESS_EVERY:
            db.session.execute(update(BadgeRun).where(BadgeRun.id == run.id).values(done=done))
            db.session.commit()
            last_report = time.monotonic()

    path = runs.badge_folder() / name
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    with partial.open("wb") as output:
        write_badges(
            output,
            badges,
            brand,
            layout.badge_size(),
            sheets=layout.sheets,
            progress=progress,
            title=f"Badges · {conference.title}",
        )
    partial.replace(path)
    mark_printed(printed)
    run.file_name = name
    run.done = len(badges)
    run.status = BadgeRunStatus.DONE
    run.finished_at = utcnow()
    db.session.commit()
