"""The bureau's monthly report: the month's figures, tables and charts as a PDF, one per language.

One PDF per language, not both side by side: the bureau files the Chinese one with the city and keeps the
Tibetan one for the people who read Tibetan better (the stations, the neighbourhood committees). A
bilingual page would put every label twice, halve the charts' room and make the table of five columns
(the district and each station) unreadable on A4. The page offers both; the report is in the language
asked for (the page's language by default).

The same selectors as the page, through the same access rules: the administrator gets the district and
every station, station staff the district and their own station. The same charts as the page
(`lingong.stats.presentation`, drawn by `stats/_chart.html`), sized for paper.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lingong.core.errors import InvalidInput
from lingong.core.pdf import pdf_render
from lingong.stats.presentation import PRINT
from lingong.stats.selectors import (
    stats_district,
    stats_station,
    stats_stations_visible,
)

from .stats import FIGURES, figures_panels, shown, stats_view

LANGUAGES = ("zh-hans", "bo")


def month_parse(text: str | None, *, today: date) -> tuple[date, date]:
    """The month asked for ("2026-03") as its first day and its last day, or today while the month runs.

    Anything else is refused with a message in the reader's language: not a month, or a month not begun.
    """
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text or "")
    try:
        if match is None:
            raise ValueError(text)
        first = date(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        raise InvalidInput(
            _("Please give the month as year and month, such as 2026-03."), code="month_invalid", field="month"
        ) from None
    if first > today:
        raise InvalidInput(_("That month has not begun yet."), code="month_future", field="month")
    next_month = (first + timedelta(days=32)).replace(day=1)
    return first, min(next_month - timedelta(days=1), today)


def monthly_report_context(*, user, first: date, last: date) -> dict:
    """Everything the report shows, read as `user` may see it (in the active language)."""
    period = {"first": first, "last": last}
    district = stats_district(user=user, **period)
    stations = stats_stations_visible(user=user)
    per_station = [stats_station(user=user, station_id=s.pk, **period) for s in stations]
    rows = [
        {"key": key, "label": label, "values": [shown(f.get(key), kind) for f in (district, *per_station)]}
        for key, label, kind in FIGURES
    ]
    return {
        "first": first,
        "last": last,
        "month_over": (last + timedelta(days=1)).day == 1,
        "stations": stations,
        "rows": rows,
        "trades_active": district["trades_active"],
        **figures_panels(user=user, first=first, last=last, sizes=PRINT),
    }


def monthly_report_pdf(*, user, first: date, last: date, language: str, now: datetime | None = None) -> bytes:
    """The report of the days `first` to `last` (a month, from `month_parse`) as a PDF in `language`."""
    now = timezone.localtime(now or timezone.now())
    with translation.override(language):
        context = monthly_report_context(user=user, first=first, last=last)
        context.update(
            made_at=now,
            made_by=(user.get_full_name() or user.username) if hasattr(user, "get_full_name") else "",
        )

        def render(faces: str, families: str) -> str:
            # WeasyPrint's SVG text strips the quotes of each family but not the space after a comma
            chart_font = families.replace(", ", ",")
            return render_to_string(
                "console/stats_report_pdf.html",
                {**context, "font_faces": faces, "font_families": families, "chart_font": chart_font},
            )

        return pdf_render(render)


@stats_view
@require_GET
def stats_report(request):
    """`/console/stats/report/?month=2026-03&language=bo`: the report, to read on screen and print."""
    language = request.GET.get("language")
    language = language if language in LANGUAGES else translation.get_language()
    try:
        first, last = month_parse(request.GET.get("month"), today=timezone.localdate())
    except InvalidInput as error:
        messages.error(request, str(error.message))  # in the page's language, on the page the reader came from
        return redirect("console:stats")
    pdf = monthly_report_pdf(user=request.user, first=first, last=last, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lingong-report-{first:%Y-%m}-{language}.pdf"'
    return response
