"""Recount the daily figures of a range of days: `manage.py stats_rebuild --from 2026-01-01 --to 2026-12-31`."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lingong.stats.services import stats_rollup_range


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a day (YYYY-MM-DD): {value!r}") from None


class Command(BaseCommand):
    help = "Recount the daily figures (Asia/Shanghai days) from --from to --to, both included (default: today)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", type=_day, help="first day, YYYY-MM-DD (default: --to)")
        parser.add_argument("--to", dest="last", type=_day, help="last day, YYYY-MM-DD (default: today)")

    def handle(self, *args, first=None, last=None, **options):
        last = last or timezone.localdate()
        first = first or last
        if last < first:
            raise CommandError("--to comes before --from")
        changed = stats_rollup_range(first=first, last=last)
        days = (last - first).days + 1
        self.stdout.write(f"{days} days recounted from {first} to {last}: {changed} rows changed")
