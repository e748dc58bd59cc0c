"""Bulk badge runs: what a run prints (the selection) and how (the layout), and where its PDF is kept.

An organiser starts a run (`services.start_run`), the job queue makes the PDF (`tasks.py`), the organiser
downloads it.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path

from flask import current_app

from conference.badges.models import BadgeRun
from conference.badges.pdf import A6, FOUR_BY_THREE, BadgeSize
from conference.db_types import utcnow

KEEP_FILES = 10  # per conference: older runs' PDFs are deleted when a new run starts
STALLED_AFTER = timedelta(minutes=30)  # a run still unfinished by then lost its worker (e.g. a restart)


@dataclass(frozen=True)
class BadgeSelection:
    """Which confirmed registrations a bulk run prints; empty lists mean "any"."""

    ticket_type_ids: list[int] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    only_unprinted: bool = False


@dataclass(frozen=True)
class BadgeLayout:
    """The badge size (A6, 4 × 3 in or custom millimetres) and whether badges go on A4 sheets."""

    size: str = "a6"  # "a6", "4x3" or "custom"
    width_mm: float | None = None
    height_mm: float | None = None
    sheets: bool = False

    def badge_size(self) -> BadgeSize:
        if self.size == "4x3":
            return FOUR_BY_THREE
        if self.size == "custom" and self.width_mm and self.height_mm:
            return BadgeSize(self.width_mm * 72 / 25.4, self.height_mm * 72 / 25.4)
        return A6


def options_json(selection: BadgeSelection, layout: BadgeLayout) -> dict:
    return {"selection": asdict(selection), "layout": asdict(layout)}


def options_from_json(options: dict) -> tuple[BadgeSelection, BadgeLayout]:
    return BadgeSelection(**options.get("selection", {})), BadgeLayout(**options.get("layout", {}))


def badge_folder() -> Path:
    folder = current_app.config.get("BADGE_FOLDER") or Path(current_app.instance_path) / "badges"
    return Path(folder)


def run_file(run: BadgeRun) -> Path | None:
    if run.file_name is None:
        return None
    path = badge_folder() / run.file_name
    return path if path.is_file() else None


def stalled(run: BadgeRun) -> bool:
    return not run.finished and utcnow() - run.created_at > STALLED_AFTER


def new_file_name(run: BadgeRun) -> str:
    # Unguessable, though downloads are checked by role anyway.
    return f"conference-{run.conference_id}/badges-{run.id}-{secrets.token_hex(8)}.pdf"
