"""A kiosk at 功德林 and a client bound to it; a rights officer who reviews."""

from __future__ import annotations

import pytest


@pytest.fixture
def kiosk(db, stations, admin_user):
    from lingong.stations.services import kiosk_register

    return kiosk_register(station=stations["gongdelin"], code="gongdelin-7", label="7", actor=admin_user)[0]


@pytest.fixture
def kiosk_client(client, kiosk):
    from lingong.kiosk.services import kiosk_device_token
    from lingong.kiosk.views.common import DEVICE_COOKIE

    client.cookies[DEVICE_COOKIE] = kiosk_device_token(kiosk=kiosk)
    return client


@pytest.fixture
def officer(make_user):
    return make_user("rights_officer")
