"""The bureau's monthly report as a PDF: `manage.py stats_monthly_report --month 2026-03 --language bo --out report.pdf`."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from lingong.console.views.stats_report import LANGUAGES, month_parse, monthly_report_pdf
from lingong.core.errors import ApplicationError


class ServerOperator:
    """Whoever runs manage.py on the server reads the database itself: the report shows the district and every
    station, as the district administrator's does. Never saved, never signed in; `--by` names a person instead."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    station_id = None
    username = "manage.py"

    def get_full_name(self) -> str:
        return ""


class Command(BaseCommand):
    help = "Write the month's report of the district's figures (tables and charts) as a PDF in one language."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="the month, YYYY-MM (this month: up to today)")
        parser.add_argument("--language", default="zh-hans", choices=LANGUAGES, help="zh-hans (default) or bo")
        parser.add_argument("--out", help="where to write it (default: lingong-report-YYYY-MM-<language>.pdf)")
        parser.add_argument("--by", help="a staff member's username: the report as they may see it (default: all)")

    def handle(self, *args, month: str, language: str, out: str | None, by: str | None, **options):
        user = ServerOperator()
        if by:
            try:
                user = get_user_model().objects.get(username=by)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No such user: {by}") from None
        try:
            with translation.override(language):
                first, last = month_parse(month, today=timezone.localdate())
            pdf = monthly_report_pdf(user=user, first=first, last=last, language=language)
        except ApplicationError as refused:
            raise CommandError(str(refused.message)) from None
        path = Path(out or f"lingong-report-{first:%Y-%m}-{language}.pdf")
        path.write_bytes(pdf)
        self.stdout.write(f"{path}: {first} to {last}, {language}, {len(pdf):,} bytes")
