"""The personal agenda hears of a publish through the agenda's signal: once per app, only its own app's."""

from __future__ import annotations

from conference.agenda.publishing import agenda_published
from conference.personal import emails
from tests.conftest import make_test_app


def test_each_app_has_the_bookmarkers_mail_connected_once_and_only_for_itself(app, database_url, tmp_path):
    assert list(agenda_published.receivers_for(app)) == [emails.on_agenda_published]

    other = make_test_app(database_url, tmp_path / "other")
    assert list(agenda_published.receivers_for(other)) == [emails.on_agenda_published]
    assert list(agenda_published.receivers_for(app)) == [emails.on_agenda_published]
    assert list(agenda_published.receivers_for(object())) == []  # nothing hears a sender of its own
