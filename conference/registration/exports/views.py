"""The export links of the registrations list: the rows its filters select, as CSV or XLSX."""

from __future__ import annotations

from flask import Response, request, stream_with_context
from flask_babel import gettext as _

from conference.db_types import utcnow
from conference.events.access import organiser_required
from conference.registration import queries
from conference.registration.exports import tables
from conference.registration.views import manage_bp as bp

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _table(conference):
    filters = queries.RegistrationFilters.from_args(request.args)
    return tables.rows(conference, queries.questions(conference), queries.for_export(conference, filters))


def _attachment(conference, extension: str) -> dict[str, str]:
    filename = f"{conference.slug}-registrations-{utcnow():%Y%m%d}.{extension}"
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


@bp.get("/registrations/export.csv")
@organiser_required
def export_csv(conference):
    table = _table(conference)
    return Response(
        stream_with_context(tables.csv_chunks(table)),
        mimetype="text/csv",
        headers=_attachment(conference, "csv"),
    )


@bp.get("/registrations/export.xlsx")
@organiser_required
def export_xlsx(conference):
    return Response(
        tables.xlsx_bytes(_table(conference), _("Registrations")),
        mimetype=XLSX,
        headers=_attachment(conference, "xlsx"),
    )
