"""Import workers from a CSV of an earlier register (the data-import path).

Columns: name, id_number, phone, trades (slugs separated by '|'), station
(code). The only path that accepts 15-digit legacy ID numbers. Each row is
registered through `worker_register` on its own; bad rows are reported with
their line number and message and change nothing.
"""

from __future__ import annotations

import csv

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lingong.core.errors import ApplicationError
from lingong.core.models import Channel
from lingong.stations.models import Station
from lingong.trades.models import JobType
from lingong.workers.services import TradeSkill, worker_register


class Command(BaseCommand):
    help = "Import workers from a CSV file (name,id_number,phone,trades,station)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path: str, **options):
        trades = {t.slug: t for t in JobType.objects.all()}
        stations = {s.code: s for s in Station.objects.all()}
        imported = failed = 0
        try:
            handle = open(path, encoding="utf-8-sig", newline="")
        except OSError as error:
            raise CommandError(str(error)) from None
        with handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                try:
                    slugs = [s for s in (row.get("trades") or "").split("|") if s]
                    unknown = [s for s in slugs if s not in trades]
                    if unknown:
                        raise CommandError(f"unknown trade {unknown[0]}")
                    worker_register(
                        name=row.get("name", ""),
                        id_number=row.get("id_number", ""),
                        phone=row.get("phone", ""),
                        trades=[TradeSkill(trades[s]) for s in slugs],
                        channel=Channel.IMPORT,
                        actor=None,
                        station=stations.get(row.get("station", "")),
                        allow_legacy_15=True,
                        consent_notice_version=settings.CONSENT_NOTICE_VERSION,
                    )
                    imported += 1
                except (ApplicationError, CommandError) as error:
                    failed += 1
                    self.stderr.write(f"line {line}: {error}")
        self.stdout.write(f"imported {imported}, refused {failed}")
