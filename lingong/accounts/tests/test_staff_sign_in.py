"""Staff sign-in: lockout per account (not per station address), password rules, sessions that end."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/console/login/"


def sign_in(client, user, password):
    return client.post(LOGIN, {"username": user.username, "password": password}, REMOTE_ADDR="10.0.0.7")


def test_wrong_passwords_lock_the_account_then_the_right_one_is_refused_until_the_cool_off(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, staff, "wrong-password")
    response = sign_in(client, staff, "pw")  # the right password (conftest's make_user)
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    assert "分钟" in response.content.decode() or "minutes" in response.content.decode()
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)):
        assert sign_in(client, staff, "pw").status_code == 302


def test_one_clerks_lockout_does_not_lock_the_station(client, staff, make_user, stations, settings):
    colleague = make_user("station_staff", station=stations["gongdelin"])
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        sign_in(client, staff, "wrong-password")
    assert sign_in(client, colleague, "pw").status_code == 302  # same address, another account


def test_passwords_follow_the_rules(staff):
    for weak in ("short1", "1234567890123", "password123"):
        with pytest.raises(ValidationError):
            validate_password(weak, user=staff)
    validate_password("雪域-拉萨-2026-窗口", user=staff)


def test_a_staff_session_ends_after_thirty_idle_minutes(client, staff, settings):
    assert sign_in(client, staff, "pw").status_code == 302
    assert client.get("/console/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=20)):
        assert client.get("/console/").status_code == 200  # in use: still signed in
    with time_machine.travel(timezone.now() + timedelta(minutes=20 + 31)):
        assert client.get("/console/").status_code == 302 and "_auth_user_id" not in client.session


def test_a_staff_session_ends_after_twelve_hours_however_busy(client, staff):
    assert sign_in(client, staff, "pw").status_code == 302
    start = timezone.now()
    for minutes in range(20, 12 * 60, 20):  # a request every 20 minutes all day
        with time_machine.travel(start + timedelta(minutes=minutes)):
            client.get("/console/")
    with time_machine.travel(start + timedelta(hours=12, minutes=5)):
        assert client.get("/console/").status_code == 302 and "_auth_user_id" not in client.session


def test_sign_out_everywhere_ends_every_session_of_the_person(client, staff):
    from django.test import Client

    from lingong.accounts.sessions import sessions_end_for_user

    other = Client()
    for browser in (client, other):
        assert sign_in(browser, staff, "pw").status_code == 302
    assert sessions_end_for_user(user=staff) == 2
    assert client.get("/console/").status_code == 302 and other.get("/console/").status_code == 302


@pytest.mark.parametrize("asked_by_itself", ["/console/staff-calls/poll/", "/boards/events/"])
def test_what_a_page_asks_by_itself_does_not_keep_an_unattended_session_alive(client, staff, asked_by_itself):
    """A console left open asks for staff calls every few seconds, a station board in another tab keeps its
    stream; nobody is at them, so the session still ends after thirty idle minutes, and the next ask is told to
    sign in, as a page would be."""
    assert sign_in(client, staff, "pw").status_code == 302
    start = timezone.now()
    with time_machine.travel(start):
        assert client.get("/console/").status_code == 200
    for minutes in range(5, 30, 5):  # all the while (every few seconds in a browser)
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert client.get(asked_by_itself).status_code == 200  # a stream is not read: its start is the ask
    with time_machine.travel(start + timedelta(minutes=31)):
        ended = client.get("/console/staff-calls/poll/", follow=True)
        assert ended.redirect_chain and "/console/login/" in ended.redirect_chain[-1][0]
        assert "_auth_user_id" not in client.session


def test_a_page_the_person_opens_keeps_the_session_alive(client, staff):
    assert sign_in(client, staff, "pw").status_code == 302
    start = timezone.now()
    for minutes in range(10, 61, 10):  # a page every ten minutes: an hour at the window
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert client.get("/console/jobs/").status_code == 200
            assert client.get("/console/staff-calls/poll/").status_code == 200
