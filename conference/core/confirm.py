"""The organiser's "are you sure?" page: confirm, then act and go back."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, render_template
from flask.typing import ResponseReturnValue

from conference.core.forms import ConfirmForm


def confirm_then(
    act: Callable[[], str | None],
    *,
    back: str,
    section: str,
    heading: str,
    note: str | Callable[[], str | None] | None = None,
    confirm_label: str | None = None,
) -> ResponseReturnValue:
    """The confirm page; on a confirmed POST, run `act` and go back to `back`.

    `act` returns the message to flash as a success, or None when it has flashed why it could not act.
    `note` may be a callable when working it out costs a query: it runs only when the page is shown.
    """
    form = ConfirmForm()
    if form.validate_on_submit():
        if (message := act()) is not None:
            flash(message, "success")
        return redirect(back)
    return render_template(
        "manage/confirm_delete.html",
        form=form,
        section=section,
        heading=heading,
        note=note() if callable(note) else note,
        confirm_label=confirm_label,
        cancel_url=back,
    )
