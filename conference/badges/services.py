"""What changes with badges: re-issuing a lost one, starting a bulk run, marking badges printed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update

from conference import jobs
from conference.badges.codes import badge_code
from conference.badges.models import BadgeRun, BadgeRunStatus
from conference.badges.queries import count_selected, recent_runs
from conference.badges.runs import BadgeLayout, BadgeSelection, badge_folder, options_json
from conference.core.changes import note
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.extensions import db
from conference.registration.models import Registration


def reissue_badge(registration: Registration, by_user_id: int | None) -> str:
    """Replace a lost badge: bump the badge version (every earlier code stops verifying), audit, commit."""
    before = {"badge_version": registration.badge_version}
    # Incremented in SQL so two organisers re-issuing at once still end on two distinct versions.
    registration.badge_version = Registration.badge_version + 1
    registration.badge_printed_at = None
    db.session.flush()
    db.session.refresh(registration, ["badge_version"])
    note(
        "registration.badge_reissued",
        registration,
        user_id=by_user_id,
        conference_id=registration.conference_id,
        before=before,
        after={"badge_version": registration.badge_version},
        commit=True,
    )
    return badge_code(registration)


def start_run(
    conference: Conference,
    selection: BadgeSelection,
    layout: BadgeLayout,
    *,
    by_user_id: int | None,
) -> BadgeRun:
    """Record a run for the badges selected now and queue the job that makes its PDF."""
    run = BadgeRun(
        conference_id=conference.id,
        created_by_id=by_user_id,
        status=BadgeRunStatus.QUEUED,
        options=options_json(selection, layout),
        total=count_selected(conference, selection),
        done=0,
    )
    db.session.add(run)
    db.session.flush()
    note("badges.run_started", run, user_id=by_user_id, conference_id=conference.id, after=run.options)
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


def mark_printed(registration_ids: Sequence[int], when: datetime | None = None) -> None:
    """Record that these badges were printed (the caller commits)."""
    when = when or utcnow()
    for start in range(0, len(registration_ids), 500):  # keep each IN list short
        chunk = list(registration_ids[start : start + 500])
        db.session.execute(
            update(Registration)
            .where(Registration.id.in_(chunk))
            .values(badge_printed_at=when)
            .execution_options(synchronize_session=False)
        )
