"""The personal agenda: a delegate's bookmarks, seats in workshops, "my agenda" and their calendar feed.

It reads the published programme (agenda) for a registration (registration); the agenda knows nothing of
it. Its buttons sit on the agenda's pages through the template globals registered here and the
`personal/_session_buttons.html` partial those pages include when it is there.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the personal agenda's blueprint and template globals, and mail bookmarkers on publish."""
    from conference.agenda.publishing import agenda_published
    from conference.personal import emails
    from conference.personal.views import public
    from conference.personal.visitor import personal_state, shows_my_agenda

    app.register_blueprint(public.bp)
    app.add_template_global(personal_state)
    app.add_template_global(shows_my_agenda)
    # Per app (tests build many): blinker drops the connection when the app is gone.
    agenda_published.connect(emails.on_agenda_published, sender=app)
