import pytest
from django.core.management import CommandError, call_command

from lingong.core.errors import NotAllowed
from lingong.stations.services import kiosk_register, kiosk_secret, kiosk_secret_rotate

pytestmark = pytest.mark.django_db


def test_rotation_replaces_the_secret_and_needs_an_administrator(stations, admin_user, staff, capsys):
    kiosk, first = kiosk_register(station=stations["gongdelin"], code="gongdelin-1", label="1号", actor=admin_user)
    with pytest.raises(NotAllowed):
        kiosk_secret_rotate(kiosk=kiosk, actor=staff)
    kiosk.refresh_from_db()
    assert kiosk_secret(kiosk) == first
    call_command("kiosk_secret", "gongdelin-1", "--as", admin_user.username)
    printed = capsys.readouterr().out.strip()
    kiosk.refresh_from_db()
    assert kiosk_secret(kiosk) == printed != first
    with pytest.raises(CommandError):
        call_command("kiosk_secret", "nowhere", "--as", admin_user.username)
