from __future__ import annotations

from django.db.models import QuerySet

from lingong.core.snapshot import Snapshot

from .models import ServiceWindow, Station


def station_list_active() -> QuerySet[Station]:
    return Station.objects.filter(is_active=True).order_by("kind", "id")


# The active stations for choices and the console's picker on every page (lingong/core/snapshot.py).
stations_active = Snapshot(lambda: list(station_list_active()), models=[Station])

# Every station's service windows, in their order (station, number): a kiosk page names the window to go to.
service_windows = Snapshot(lambda: list(ServiceWindow.objects.order_by("station_id", "number")), models=[ServiceWindow])
