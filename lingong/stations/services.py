"""Kiosk registration: each kiosk gets its own secret, stored sealed."""

from __future__ import annotations

import secrets

from django.db import transaction

from lingong.accounts.selectors import role_require
from lingong.core.crypto import seal, unseal
from lingong.core.services import event_record

from .models import Kiosk, Station


@transaction.atomic
def kiosk_register(*, station: Station, code: str, label: str, actor) -> tuple[Kiosk, str]:
    """Returns the kiosk and its secret, shown once to install on the device."""
    role_require(actor, "station.change")
    secret = secrets.token_urlsafe(32)
    kiosk = Kiosk.objects.create(station=station, code=code, label=label, secret_sealed=seal(secret, purpose="kiosk"))
    event_record(subject=kiosk, verb="kiosk_register", actor=actor, station=station, to_state="active")
    return kiosk, secret


def kiosk_secret(kiosk: Kiosk) -> str:
    return unseal(kiosk.secret_sealed, purpose="kiosk")


@transaction.atomic
def kiosk_secret_rotate(*, kiosk: Kiosk, actor) -> str:
    """A new secret for a kiosk (the old one stops working); shown once to install."""
    role_require(actor, "station.change")
    secret = secrets.token_urlsafe(32)
    kiosk.secret_sealed = seal(secret, purpose="kiosk")
    Kiosk.objects.filter(pk=kiosk.pk).update(secret_sealed=kiosk.secret_sealed)
    event_record(subject=kiosk, verb="kiosk_secret_rotate", actor=actor, station=kiosk.station)
    return secret
