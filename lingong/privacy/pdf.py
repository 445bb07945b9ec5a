"""The copy of a person's data as a readable PDF, in the language they read (fonts: `lingong.core.pdf`)."""

from __future__ import annotations

from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from lingong.core.pdf import pdf_render

from .selectors import Section


def privacy_export_pdf(sections: list[Section], *, now: datetime | None = None) -> bytes:
    generated_at = timezone.localtime(now or timezone.now())
    return pdf_render(
        lambda faces, families: render_to_string(
            "privacy/export_pdf.html",
            {"sections": sections, "generated_at": generated_at, "font_faces": faces, "font_families": families},
        )
    )
