from __future__ import annotations

from django.db.models import QuerySet

from .models import Station


def station_list_active() -> QuerySet[Station]:
    return Station.objects.filter(is_active=True).order_by("kind", "id")
