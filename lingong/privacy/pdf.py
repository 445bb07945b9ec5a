"""The copy of a person's data as a readable PDF, in the language they read (fonts as the agreement's)."""

from __future__ import annotations

from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from lingong.agreements.pdf import FONTSOURCE, font_faces

from .selectors import Section


def _html(sections: list[Section], *, now: datetime, families: str, faces: str) -> str:
    return render_to_string(
        "privacy/export_pdf.html",
        {"sections": sections, "generated_at": timezone.localtime(now), "font_faces": faces, "font_families": families},
    )


def privacy_export_pdf(sections: list[Section], *, now: datetime | None = None) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415  WeasyPrint (Pango, cairo) loads only in processes that print

    now = now or timezone.now()
    draft = _html(sections, now=now, families="sans-serif", faces="")
    faces, families = font_faces(draft)
    html = _html(sections, now=now, families=", ".join(f"'{n}'" for n in [*families, "sans-serif"]), faces=faces)
    return HTML(string=html, base_url=str(FONTSOURCE)).write_pdf()
