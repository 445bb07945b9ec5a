"""The rights window's roster in Chromium: the kiosk's "when is a lawyer here" page in both languages
(axe clean, the served fonts, no target under 60×60) and the console's roster week."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from lingong.rights.services import duty_shift_create
from lingong.stations.services import kiosk_register
from lingong.testing.browser import (
    BROWSER_DB,
    axe_violations,
    docs_screenshot,
    fonts_used,
    screenshot,
    settled,
    small_targets,
)

from .test_kiosk_browser import FONT, LANGUAGES, bind
from .test_protection_browser import sign_in

pytestmark = [pytest.mark.browser, *BROWSER_DB]


@pytest.fixture(autouse=True)
def _migration_data(live_server, reference_data):
    """Reference data for the live server (see lingong.testing.browser.reference_data)."""


@pytest.fixture
def roster(stations, admin_user, make_user, today):
    officer = make_user("rights_officer", first_name="次仁")
    tomorrow = today + timedelta(days=1)
    duty_shift_create(
        station=stations["gongdelin"],
        date=tomorrow,
        start_time=time(14, 30),
        end_time=time(17),
        window="4号窗口 维权窗口",
        lawyer_name="德吉卓玛",
        lawyer_office="城关区法律援助中心",
        languages=["bo", "zh-hans"],
        actor=admin_user,
    )
    duty_shift_create(
        station=stations["market"],
        date=tomorrow,
        start_time=time(9, 30),
        end_time=time(12),
        window="3号窗口 维权窗口",
        officer=officer,
        languages=["zh-hans"],
        actor=admin_user,
    )
    return officer


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_kiosk_shows_when_a_lawyer_is_at_which_window(page, live_server, stations, admin_user, roster, language):
    kiosk, _secret = kiosk_register(station=stations["gongdelin"], code="gongdelin-5", label="5", actor=admin_user)
    bind(page, live_server, kiosk, language)
    page.goto(live_server.url + "/kiosk/")
    page.click("[data-duty-link]")
    page.wait_for_url("**/kiosk/help/lawyers/")
    settled(page)
    assert page.get_attribute("html", "lang") == language
    rows = page.locator("[data-duty-row]")
    assert rows.count() == 2
    # The market's officer in the morning, then the lawyer at this station in the afternoon.
    assert rows.nth(0).locator("[data-name]").inner_text() == "次仁"
    assert rows.nth(0).locator("[data-window]").inner_text() == "3号窗口 维权窗口"
    assert rows.nth(1).locator("[data-name]").inner_text() == "德吉卓玛"
    assert rows.nth(1).locator("[data-languages]").get_attribute("data-languages") == "bo,zh-hans"
    assert page.locator('[data-duty-row] [lang="bo"]').first.inner_text() == "བོད་ཡིག"
    screenshot(page, f"kiosk-duty-{language}")
    docs_screenshot(page, f"kiosk-duty-{language}")
    assert axe_violations(page) == []
    assert small_targets(page) == []
    assert FONT[language] in fonts_used(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_console_roster_week(browser, live_server, stations, staff, roster, today, language):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    console = context.new_page()
    try:
        sign_in(console, live_server, staff, language)
        console.goto(f"{live_server.url}/console/roster/?week={(today + timedelta(days=1)).isoformat()}")
        settled(console)
        assert console.get_attribute("html", "lang") == language
        tomorrow = (today + timedelta(days=1)).isoformat()
        assert console.locator(f'tr[data-day="{tomorrow}"][data-shift]').count() == 1  # 功德林's own: the lawyer
        # Add a shift for the day after, as the clerk would.
        day_after = today + timedelta(days=2)
        console.fill("#id_date", day_after.isoformat())
        console.fill("#id_start_time", "09:00")
        console.fill("#id_end_time", "11:30")
        console.fill("#id_window", "4号窗口 维权窗口")
        console.select_option("#id_officer", str(roster.pk))
        console.check('input[name="languages"][value="bo"]')
        console.click("form.roster-form button[type=submit]")
        settled(console)
        row = console.locator(f'tr[data-day="{day_after.isoformat()}"][data-shift]')
        assert row.count() == 1 and "09:00–11:30" in row.inner_text() and "次仁" in row.inner_text()
        screenshot(console, f"console-roster-{language}")
        assert axe_violations(console) == []
        assert FONT[language] in fonts_used(console)
    finally:
        context.close()
