"""Organiser forms for streaming: one channel, channels in bulk, recordings, and the join-window setting."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    ValidationError,
)
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from conference.core.forms import CHOOSE_FROM_LIST, MAX_POSITION, checkboxes, choices, strip
from conference.events.models import Conference
from conference.i18n.formatting import local_date
from conference.streaming.models import StreamChannel
from conference.streaming.providers import url_problem

ALL_DAYS = "all"
BULK_ROWS = 5  # blank channel rows offered by the bulk form
MAX_OPEN_MINUTES = 240


def valid_stream_url(_form, field) -> None:
    """A streaming or recording address must be a well-formed https:// URL (any provider)."""
    if field.data:
        problem = url_problem(field.data)
        if problem:
            raise ValidationError(problem)


def label_field() -> StringField:
    return StringField(
        _l("Label"),
        filters=[strip],
        validators=[DataRequired(), Length(max=100)],
    )


def url_field(label=None, *, required: bool = True) -> StringField:
    first = DataRequired() if required else Optional()
    return StringField(
        label or _l("Stream address (URL)"),
        filters=[strip],
        validators=[first, Length(max=1000), valid_stream_url],
        render_kw={"inputmode": "url", "autocomplete": "off", "spellcheck": "false"},
    )


def passcode_field() -> StringField:
    return StringField(
        _l("Passcode"), filters=[strip], validators=[Length(max=100)], render_kw={"autocomplete": "off"}
    )


def day_options(days: Iterable[date]) -> list[SelectChoice]:
    return [SelectChoice(ALL_DAYS, str(_l("Every day")))] + choices(
        (day.isoformat(), local_date(day, "full")) for day in days
    )


def parse_day(value: str) -> date | None:
    return None if value in ("", ALL_DAYS, None) else date.fromisoformat(value)


class ChannelForm(FlaskForm):
    """A room's or a session's channel; only a room's channel can be limited to one day."""

    label = label_field()
    url = url_field()
    passcode = passcode_field()
    recording_url = url_field(_l("Recording address (URL)"), required=False)
    day = SelectField(_l("Applies on"), default=ALL_DAYS, invalid_choice_message=CHOOSE_FROM_LIST)
    position = IntegerField(
        _l("Order"), default=0, validators=[Optional(), NumberRange(min=0, max=MAX_POSITION)]
    )

    def __init__(self, days: list[date] | None, *args, **kwargs):
        """`days`: the conference's days for a room's channel; None for a session's (no day field)."""
        super().__init__(*args, **kwargs)
        if days is None:
            del self.day
            return
        channel: StreamChannel | None = kwargs.get("obj")
        if channel is not None and channel.day and channel.day not in days:
            days = sorted({*days, channel.day})  # the conference moved: keep the day it had
        self.day.choices = day_options(days)
        if channel is not None and not self.is_submitted():
            self.day.data = channel.day.isoformat() if channel.day else ALL_DAYS

    def values(self) -> dict:
        values = {
            "label": self.label.data,
            "url": self.url.data,
            "passcode": self.passcode.data or "",
            "recording_url": self.recording_url.data or "",
            "position": self.position.data or 0,
        }
        if "day" in self:
            values["day"] = parse_day(self.day.data)
        return values


class BulkChannelRow(Form):
    label = StringField(_l("Label"), filters=[strip], validators=[Length(max=100)])
    url = StringField(
        _l("Stream address (URL)"),
        filters=[strip],
        validators=[Length(max=1000), valid_stream_url],
        render_kw={"inputmode": "url", "autocomplete": "off", "spellcheck": "false"},
    )
    passcode = passcode_field()

    @property
    def filled(self) -> bool:
        return bool(self.label.data or self.url.data or self.passcode.data)


class BulkChannelsForm(FlaskForm):
    """The same channels (label, URL, passcode rows) for several rooms on several days at once."""

    rooms = checkboxes(_l("Rooms"), coerce=int)
    days = checkboxes(_l("Days"), default=[ALL_DAYS])
    rows = FieldList(FormField(BulkChannelRow), min_entries=BULK_ROWS, max_entries=20)
    replace = BooleanField(_l("Replace the channels these rooms already have on these days"))

    def __init__(self, conference: Conference, days: list[date], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rooms.choices = choices((room.id, room.name) for room in conference.rooms)
        self.days.choices = day_options(days)

    def validate_rooms(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose at least one room."))

    def validate_days(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Choose every day or at least one day."))
        if ALL_DAYS in field.data and len(field.data) > 1:
            raise ValidationError(_l("Choose either every day or particular days, not both."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        filled = [row for row in self.rows if row.form.filled]
        for row in filled:
            if not row.form.label.data:
                row.form.label.errors.append(_l("Give the channel a label."))
                valid = False
            if not row.form.url.data:
                row.form.url.errors.append(_l("Give the channel's address."))
                valid = False
        if not filled:
            self.rows[0].form.label.errors.append(_l("Fill in at least one channel."))
            valid = False
        return valid

    def chosen_days(self) -> list[date | None]:
        return [parse_day(value) for value in self.days.data]

    def channel_rows(self) -> list[dict]:
        return [
            {"label": row.form.label.data, "url": row.form.url.data, "passcode": row.form.passcode.data or ""}
            for row in self.rows
            if row.form.filled
        ]


class StreamSettingsForm(FlaskForm):
    stream_open_minutes = IntegerField(
        _l("Join buttons open this many minutes before a session starts"),
        validators=[InputRequired(), NumberRange(min=0, max=MAX_OPEN_MINUTES)],
    )


class RecordingsForm(FlaskForm):
    """One recording address per channel of an ended session; fields are added per session."""

    @classmethod
    def for_session(cls, session_id: int, channels: list[StreamChannel], **kwargs) -> RecordingsForm:
        fields = {
            recording_field_name(channel): url_field(
                _l("Recording of “%(label)s”", label=channel.label), required=False
            )
            for channel in channels
        }
        form_class = type("SessionRecordingsForm", (cls,), fields)
        data = {recording_field_name(c): c.recording_url for c in channels}
        form = form_class(data=data, **kwargs)
        for channel in channels:  # unique ids: the page holds one form per session
            form[recording_field_name(channel)].id = f"recording-{session_id}-{channel.id}"
        return form

    def recordings(self, channels: list[StreamChannel]) -> dict[int, str]:
        """Recording address by channel id (empty: no recording)."""
        return {channel.id: self[recording_field_name(channel)].data or "" for channel in channels}


def recording_field_name(channel: StreamChannel) -> str:
    return f"channel_{channel.id}"
