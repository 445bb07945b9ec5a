"""The second step of staff sign-in (TOTP): who needs it, enrolment, codes, throttling, reset."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lingong.accounts.models import Role
from lingong.accounts.second_factor import SECOND_FACTOR_ROLES
from lingong.core.models import AccessLog, Event

pytestmark = pytest.mark.django_db

LOGIN, VERIFY, ENROL = "/console/login/", "/console/second-factor/", "/console/second-factor/enrol/"


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.LINGONG_SECOND_FACTOR = True


def sign_in(client, user, password="pw"):
    return client.post(LOGIN, {"username": user.username, "password": password})


def app_code(device) -> str:
    """What the person's authenticator app shows now (the same RFC 6238 computation as the app)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def test_the_roles_that_reveal_move_money_or_decide_need_it_and_no_other():
    assert SECOND_FACTOR_ROLES == {Role.STATION_STAFF, Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN}


def test_a_password_alone_opens_only_the_second_step(client, staff, register_worker):
    worker = register_worker()
    response = sign_in(client, staff)
    assert response.status_code == 302
    for path in ("/console/", "/console/workers/", f"/console/workers/{worker.pk}/", "/admin/", "/rights/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(ENROL), path
    reveal = client.post(f"/console/workers/{worker.pk}/reveal/", {"reason": "回访", "field": "phone"})
    assert reveal.status_code == 302 and reveal["Location"].startswith(ENROL)
    assert not AccessLog.objects.exists()  # nothing was revealed


def test_first_sign_in_scans_a_qr_code_and_the_first_code_confirms_it(client, staff):
    sign_in(client, staff)
    page = client.get(ENROL + "?next=/console/workers/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "<svg" in content and "otpauth" not in content  # the key is in the QR code and typed groups only
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert (
        client.get(ENROL).status_code == 200 and TOTPDevice.objects.get(user=staff).pk == device.pk
    )  # a reload keeps the key
    wrong = client.post(ENROL, {"token": "000000" if app_code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "token" in wrong.context["form"].errors
    response = client.post(ENROL, {"token": app_code(device), "next": "/console/workers/"})
    assert response.status_code == 302 and response["Location"] == "/console/workers/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/console/workers/").status_code == 200
    assert Event.objects.filter(verb="second_factor_enrol", actor=staff).count() == 1


def test_each_sign_in_asks_the_apps_code_again(client, staff):
    device = enrolled(staff)
    sign_in(client, staff)
    assert client.get("/console/")["Location"].startswith(VERIFY)
    assert client.get(ENROL)["Location"].startswith(VERIFY)  # enrolled: no second key to be had
    response = client.post(VERIFY, {"token": app_code(device)})
    assert response.status_code == 302 and client.get("/console/").status_code == 200
    client.post("/console/logout/")
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):  # the next code (a used code is refused)
        sign_in(client, staff)
        assert client.get("/console/")["Location"].startswith(VERIFY)
        client.post(VERIFY, {"token": app_code(device)})
        assert client.get("/console/").status_code == 200


def test_a_used_code_cannot_be_replayed(client, staff):
    device = enrolled(staff)
    sign_in(client, staff)
    code = app_code(device)
    assert client.post(VERIFY, {"token": code}).status_code == 302
    other = client.__class__()
    sign_in(other, staff)
    refused = other.post(VERIFY, {"token": code})
    assert refused.status_code == 200 and other.get("/console/").status_code == 302


def test_wrong_codes_slow_the_guesser_down(client, staff):
    device = enrolled(staff)
    sign_in(client, staff)
    for wrong in ("12345", "abcdef", "1234567"):  # not six digits: a form error, not a try
        assert "token" in client.post(VERIFY, {"token": wrong}).context["form"].errors
    bad = "000000" if app_code(device) != "000000" else "111111"
    for _ in range(3):
        client.post(VERIFY, {"token": bad})
    throttled = client.post(VERIFY, {"token": app_code(device)})  # the right code, too soon after wrong ones
    assert throttled.status_code == 200 and client.get("/console/").status_code == 302
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        assert client.post(VERIFY, {"token": app_code(device)}).status_code == 302
        assert client.get("/console/").status_code == 200


def test_the_auditor_reads_with_a_password(client, auditor):
    sign_in(client, auditor)
    assert client.get("/console/").status_code == 200


def test_the_next_address_stays_on_this_site(client, staff):
    device = enrolled(staff)
    sign_in(client, staff)
    response = client.post(VERIFY, {"token": app_code(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and not response["Location"].startswith("http")


def test_only_a_district_administrator_resets_and_the_clerk_enrols_again(client, staff, admin_user, other_staff):
    enrolled(staff)
    sign_in(client, staff)
    with pytest.raises(CommandError):
        call_command("second_factor_reset", staff.username, by=other_staff.username, reason="lost phone")
    assert TOTPDevice.objects.filter(user=staff).exists()
    call_command("second_factor_reset", staff.username, by=admin_user.username, reason="丢了手机")
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert client.get("/console/").status_code == 302 and "_auth_user_id" not in client.session  # signed out
    event = Event.objects.get(verb="second_factor_reset")
    assert (event.actor, event.data["reason"]) == (admin_user, "丢了手机")
    sign_in(client, staff)
    assert client.get("/console/")["Location"].startswith(ENROL)


def test_the_second_step_pages_send_others_on(client, auditor, register_worker):
    assert client.get(VERIFY)["Location"].startswith(LOGIN)
    sign_in(client, auditor)
    assert client.get(VERIFY)["Location"] == "/console/"
