"""What the pages show for the registration codes stored in the database (statuses, categories, kinds).

The organiser pages of registration, payments, badges and check-in all show them (`registration_labels`).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from conference.registration.models import (
    Attendance,
    DelegateCategory,
    PaymentMethod,
    QuestionKind,
    RegistrationStatus,
)

STATUS_LABELS = {
    RegistrationStatus.PENDING_PAYMENT: _l("Pending payment"),
    RegistrationStatus.PENDING_APPROVAL: _l("Pending approval"),
    RegistrationStatus.CONFIRMED: _l("Confirmed"),
    RegistrationStatus.WAITLISTED: _l("Waitlisted"),
    RegistrationStatus.OFFERED: _l("Offered a place"),
    RegistrationStatus.REJECTED: _l("Rejected"),
    RegistrationStatus.EXPIRED: _l("Expired"),
    RegistrationStatus.CANCELLED: _l("Cancelled"),
    RegistrationStatus.REFUNDED: _l("Refunded"),
}
CATEGORY_LABELS = {
    DelegateCategory.MEMBER_CITY: _l("Member city"),
    DelegateCategory.PARTNER: _l("Partner organisation"),
    DelegateCategory.GOVERNMENT: _l("Government"),
    DelegateCategory.SPEAKER: _l("Speaker"),
    DelegateCategory.OBSERVER: _l("Observer"),
    DelegateCategory.MEDIA: _l("Media"),
    DelegateCategory.STAFF: _l("Staff"),
    DelegateCategory.OTHER: _l("Other"),
}
ATTENDANCE_LABELS = {Attendance.IN_PERSON: _l("In person"), Attendance.ONLINE: _l("Online")}
QUESTION_KIND_LABELS = {
    QuestionKind.SHORT_TEXT: _l("Short text"),
    QuestionKind.LONG_TEXT: _l("Long text"),
    QuestionKind.SINGLE_CHOICE: _l("Single choice"),
    QuestionKind.MULTIPLE_CHOICE: _l("Multiple choice"),
    QuestionKind.CHECKBOX: _l("Checkbox (yes / no)"),
}
PAYMENT_METHOD_LABELS = {
    PaymentMethod.FREE: _l("Free"),
    PaymentMethod.STRIPE: _l("Card (Stripe)"),
    PaymentMethod.INVOICE: _l("Invoice / on site"),
}


def registration_labels() -> dict:
    """What the organiser registration templates show for stored codes."""
    return {
        "status_labels": STATUS_LABELS,
        "category_labels": CATEGORY_LABELS,
        "attendance_labels": ATTENDANCE_LABELS,
        "question_kind_labels": QUESTION_KIND_LABELS,
        "payment_method_labels": PAYMENT_METHOD_LABELS,
    }
