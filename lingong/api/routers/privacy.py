"""People's rights over their data in the app, shared by the worker's and the employer's routers."""

from __future__ import annotations

import json

from django.http import HttpResponse

from lingong.privacy.pdf import privacy_export_pdf
from lingong.privacy.services import privacy_deletion_request, privacy_export, privacy_export_json

from ..schemas import DataRequestOut, DataSectionOut

APP = "app"


def _flat(value):
    """A value of a row as the schema carries it: a nested record (agreement terms, …) as JSON text."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def data_copy(request, subject) -> list[DataSectionOut]:
    sections = privacy_export(subject=subject, actor=request.auth, channel=APP)
    # The same encoding as the door's JSON copy: times ISO 8601 with their offset, amounts and ids as text.
    plain = json.loads(privacy_export_json(sections))
    return [
        DataSectionOut(title=s["title"], rows=[{k: _flat(v) for k, v in row.items()} for row in s["rows"]])
        for s in plain
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
