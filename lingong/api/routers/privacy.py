"""People's rights over their data in the app, shared by the worker's and the employer's routers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse

from lingong.privacy.pdf import privacy_export_pdf
from lingong.privacy.services import privacy_deletion_request, privacy_export

from ..schemas import DataRequestOut, DataSectionOut

APP = "app"


def _plain(value):
    """Values as JSON carries them: times ISO 8601 with their offset, amounts as text."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def data_copy(request, subject) -> list[DataSectionOut]:
    sections = privacy_export(subject=subject, actor=request.auth, channel=APP)
    return [
        DataSectionOut(title=s.title, rows=[{k: _plain(v) for k, v in row.items()} for row in s.rows]) for s in sections
    ]


def data_copy_pdf(request, subject) -> HttpResponse:
    pdf = privacy_export_pdf(privacy_export(subject=subject, actor=request.auth, channel=APP))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="lingong-my-data.pdf"'
    return response


def deletion(request, subject) -> tuple[int, DataRequestOut]:
    asked = privacy_deletion_request(subject=subject, actor=request.auth, channel=APP)
    return 202, DataRequestOut(kind=asked.kind, requested_at=asked.requested_at, purge_after=asked.purge_after)


PDF_RESPONSE = {
    "responses": {
        200: {"description": "PDF", "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}
    }
}
