"""Kiosk test fixtures: a registered kiosk with its secret, a bound client, signed card reads."""

from __future__ import annotations

import pytest

from lingong.kiosk.reader_sim import card_fields
from lingong.kiosk.signing import card_message


@pytest.fixture
def kiosk_and_secret(db, stations, admin_user):
    from lingong.stations.services import kiosk_register

    return kiosk_register(station=stations["gongdelin"], code="gongdelin-2", label="2", actor=admin_user)


@pytest.fixture
def kiosk(kiosk_and_secret):
    return kiosk_and_secret[0]


@pytest.fixture
def secret(kiosk_and_secret):
    return kiosk_and_secret[1]


@pytest.fixture
def signed(kiosk, secret):
    """A signed card read for `id_number`; keyword overrides go into the chip fields."""

    def make(id_number: str, name: str = "次仁", *, timestamp=None, nonce=None, key=None, kiosk_code=None, **fields):
        data = card_fields(id_number=id_number, name=name)
        data.update(fields)
        return card_message(
            secret=key or secret, fields=data, kiosk=kiosk_code or kiosk.code, nonce=nonce, timestamp=timestamp
        )

    return make


@pytest.fixture
def kiosk_client(client, kiosk):
    from lingong.kiosk.services import kiosk_device_token
    from lingong.kiosk.views.common import DEVICE_COOKIE

    client.cookies[DEVICE_COOKIE] = kiosk_device_token(kiosk=kiosk)
    return client
