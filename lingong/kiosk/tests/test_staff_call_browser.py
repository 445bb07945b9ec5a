"""A staff call in Chromium: a person at the kiosk calls, the console of its station shows it at once
(with a tone), a clerk takes it and closes it, and the kiosk says who is coming. The kiosk in both languages."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from lingong.kiosk.models import StaffCallRequest
from lingong.kiosk.services import kiosk_device_token
from lingong.kiosk.views.common import DEVICE_COOKIE
from lingong.testing.browser import (
    BROWSER_DB,
    axe_violations,
    console_sign_in,
    fonts_used,
    screenshot,
    settled,
    small_targets,
)

pytestmark = [pytest.mark.browser, *BROWSER_DB]
FONT = {"zh-hans": "Noto Sans SC", "bo": "Noto Serif Tibetan"}


def _t(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


@pytest.fixture(autouse=True)
def _migration_data(live_server, reference_data):
    """Reference data for the live server (see lingong.testing.browser.reference_data)."""


def _kiosk_check(page, language: str, name: str) -> None:
    settled(page)
    assert page.get_attribute("html", "lang") == language
    assert axe_violations(page) == [], name
    assert small_targets(page) == [], name
    assert FONT[language] in fonts_used(page), name
    assert screenshot(page, f"kiosk-{name}-{language}").exists()


def _console_open(new_context, url: str, clerk):
    """The clerk signed in, in Chinese, on the console's first page (the day)."""
    console = new_context(viewport={"width": 1366, "height": 900}).new_page()
    console_sign_in(console, url, clerk)
    assert console.url == url + "/console/"
    return console


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_kiosk_call_reaches_the_console_and_the_kiosk_sees_it_taken(
    new_context, page, live_server, kiosk, make_user, stations, settings, language
):
    settings.STAFF_CALL_POLL_SECONDS = 2
    url = live_server.url
    clerk = make_user("station_staff", station=stations["gongdelin"], first_name="央金")

    # The clerk's console is open on the day page before anyone calls.
    console = _console_open(new_context, url, clerk)
    assert console.locator(".staff-call").count() == 0

    # A person at the kiosk presses "Call staff".
    page.context.add_cookies(
        [
            {"name": DEVICE_COOKIE, "value": kiosk_device_token(kiosk=kiosk), "url": url},
            {"name": "lingong_language", "value": language, "url": url},
        ]
    )
    page.goto(url + "/kiosk/")
    with page.expect_navigation():
        page.click("button.k-call")
    call = StaffCallRequest.objects.get()
    assert page.url == f"{url}/kiosk/call-staff/{call.pk}/"
    assert page.inner_text("h1.k-staff-state").strip() == _t(language, "Staff have been called")
    _kiosk_check(page, language, "staff-called")

    # The console shows it without a reload, with the kiosk and the waiting time, and sounds the tone.
    alert = console.locator(f'.staff-call[data-call="{call.pk}"]')
    alert.wait_for(timeout=10_000)
    assert _t("zh-hans", "Kiosk") in alert.inner_text() and kiosk.label in alert.inner_text()
    assert "已等" in alert.inner_text()
    assert console.get_attribute("#staff-call-alert", "data-tones") == "1"
    assert console.text_content("#staff-call-alert [role=status]") == _t(
        "zh-hans", "A person at a kiosk is calling for staff"
    )
    assert console.evaluate("() => typeof (window.AudioContext || window.webkitAudioContext)") == "function"
    assert axe_violations(console) == []
    screenshot(console, "console-staff-call-alert-zh-hans")

    # The clerk takes it: the kiosk shows who is coming.
    with console.expect_navigation():
        alert.locator("button.staff-call-take").click()
    call.refresh_from_db()
    assert (call.status, call.taken_by) == ("taken", clerk)
    assert console.url == url + "/console/"
    page.wait_for_selector('h1.k-staff-state[data-state="taken"]', timeout=10_000)
    assert page.inner_text("h1.k-staff-state").strip() == _t(language, "%(name)s is coming to you") % {"name": "央金"}
    _kiosk_check(page, language, "staff-coming")

    # Helped: the clerk closes it; the alert goes, the list keeps the time to answer.
    with console.expect_navigation():
        console.locator(f'.staff-call[data-call="{call.pk}"] button.staff-call-close').click()
    call.refresh_from_db()
    assert call.status == "done" and call.answer_seconds is not None
    assert console.locator(".staff-call").count() == 0
    page.wait_for_selector('h1.k-staff-state[data-state="done"]', timeout=10_000)
    console.goto(url + "/console/staff-calls/")
    row = console.locator(f'tr[data-call="{call.pk}"]')
    assert "央金" in row.inner_text()
    assert row.locator(".answer-time").inner_text().endswith("秒")
    assert axe_violations(console) == []

    # Another call that nobody takes in time: the kiosk says so and shows the window's phone, large.
    page.goto(url + "/kiosk/")
    with page.expect_navigation():
        page.click("button.k-call")
    assert StaffCallRequest.objects.filter(status="open").count() == 1
    settings.STAFF_CALL_ANSWER_MINUTES = 0
    page.wait_for_selector('h1.k-staff-state[data-state="overdue"]', timeout=10_000)
    assert page.inner_text(".k-phone") == "0891-6338043"
    assert _t(language, "Please phone the window:") in page.inner_text("#k-staff-call")
    assert page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.k-phone')).fontSize)") >= 48
    _kiosk_check(page, language, "staff-call-overdue")


def test_a_console_whose_session_ended_shows_the_sign_in_instead_of_its_page(
    new_context, live_server, make_user, stations, settings
):
    """The poll is answered by the sign-in page once the session ends: the console loads itself again, so an
    unattended screen shows the sign-in form, not the people of the day."""
    from lingong.accounts.sessions import sessions_end_for_user

    settings.STAFF_CALL_POLL_SECONDS = 2
    url = live_server.url
    clerk = make_user("station_staff", station=stations["gongdelin"])
    console = _console_open(new_context, url, clerk)
    settled(console)

    sessions_end_for_user(user=clerk)  # as staff do for a lost phone; an idle half hour ends it the same way
    console.wait_for_url(url + "/console/login/**", timeout=15_000)
    settled(console)
    assert console.locator("input[name=password]").count() == 1
    assert console.locator("#staff-call-alert").count() == 0
