"""What can go wrong registering or changing a registration: each error says why, and which field to blame."""

from __future__ import annotations

from conference.registration.models import Registration


class RegistrationError(Exception):
    """A registration that cannot be made or changed; `field` names the form field to blame."""

    field: str | None = None

    def __init__(self, message: str = "", field: str | None = None) -> None:
        super().__init__(message or self.__doc__ or "")
        if field is not None:
            self.field = field


class RegistrationClosed(RegistrationError):
    """Registration for this conference is not open."""


class SalesNotOpen(RegistrationError):
    """This ticket is not on sale at the moment."""

    field = "ticket_type"


class WrongAccessCode(RegistrationError):
    """The access code does not match this ticket."""

    field = "access_code"


class ConsentRequired(RegistrationError):
    """Consent to the privacy notice is required to register."""

    field = "privacy_consent"


class AlreadyRegistered(RegistrationError):
    """This e-mail address is already registered for the conference."""

    field = "email"

    def __init__(self, existing: Registration) -> None:
        super().__init__()
        self.existing = existing


class InvalidTransition(RegistrationError):
    """The registration is not in a state that allows this."""
