"""The speakers' pages: public (the list, a speaker), manage (organisers: people, invitations, CSV import),
self_service (a speaker's own page, opened by their signed link)."""

from __future__ import annotations

from flask import current_app

from conference.core.forms import uploaded
from conference.media.services import InvalidImage
from conference.media.uploads import too_large_message, upload_refused
from conference.speakers import services
from conference.speakers.forms import ProfileForm


def submitted_profile(form: ProfileForm, current_photo: str | None) -> dict | None:
    """The form's values with its photo stored, once it is sent and valid; else None (errors on the form).

    The organiser's person form and the speaker's own page take a photo the same way.
    """
    if upload_refused():
        form.photo_file.errors = [too_large_message()]
        return None
    if not form.validate_on_submit():
        return None
    values = form.values()
    try:
        values["photo"] = services.stored_photo(
            uploaded(form.photo_file),
            remove=form.remove_photo.data,
            current=current_photo,
            folder=current_app.config["UPLOAD_FOLDER"],
        )
    except InvalidImage as exc:
        form.photo_file.errors.append(str(exc))
        return None
    return values
