from __future__ import annotations

from django.db.models import QuerySet

from lingong.core.snapshot import Snapshot

from .models import Station


def station_list_active() -> QuerySet[Station]:
    return Station.objects.filter(is_active=True).order_by("kind", "id")


# The active stations for choices and the console's picker on every page (lingong/core/snapshot.py).
stations_active = Snapshot(lambda: list(station_list_active()), models=[Station])
