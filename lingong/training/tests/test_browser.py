"""Training journeys in Chromium, in both languages: the kiosk (two presses from home, the "learn this"
card), the worker door, and the clerk's session page (waiting list, attendance, certificate)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from lingong.jobs.tests.factories import post_job
from lingong.kiosk.services import kiosk_device_token
from lingong.kiosk.views.common import DEVICE_COOKIE
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
from lingong.training.models import TrainingBooking
from lingong.training.services import booking_create
from lingong.workers.models import WorkerTrade

from .factories import make_course, make_session

pytestmark = [pytest.mark.browser, *BROWSER_DB]
LANGUAGES = ["zh-hans", "bo"]
FONT = {"zh-hans": "Noto Sans SC", "bo": "Noto Serif Tibetan"}
HOME = {"home_lat": "29.650000", "home_lon": "91.130000"}


@pytest.fixture(autouse=True)
def _migration_data(live_server, reference_data):
    """Reference data for the live server (see lingong.testing.browser.reference_data)."""


def check(page, name: str, language: str, *, big_targets: bool = True, docs: bool = False) -> None:
    settled(page)
    assert page.get_attribute("html", "lang") == language
    path = screenshot(page, f"training-{name}-{language}")
    if docs:
        docs_screenshot(page, f"training-{name}-{language}")
    assert axe_violations(page) == [], name
    if big_targets:
        assert small_targets(page) == [], name
    assert FONT[language] in fonts_used(page), name
    assert path.exists()


def signed_in(page, live_server, user, language, **cookies):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
            {"name": "lingong_language", "value": language, "url": live_server.url},
            *({"name": k, "value": v, "url": live_server.url} for k, v in cookies.items()),
        ]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_kiosk_two_presses_from_home_to_a_seat(
    page, live_server, stations, staff, admin_user, employer, job_types, register_worker, language
):
    kiosk, _secret = kiosk_register(station=stations["gongdelin"], code="gongdelin-7", label="7", actor=admin_user)
    course = make_course(staff=staff, job_types=job_types, stations=stations, trade="electrician")
    session = make_session(staff=staff, course=course, capacity=2)
    for _ in range(3):
        post_job(employer=employer, job_type=job_types["electrician"], actor=staff, headcount=2)
    worker = register_worker(trades=("mover",), language=language, **HOME)
    signed_in(page, live_server, worker.user, language, **{DEVICE_COOKIE: kiosk_device_token(kiosk=kiosk)})

    page.goto(live_server.url + "/kiosk/home/")
    card = page.locator(f'li.k-suggest[data-suggest-course="{course.pk}"]')
    assert card.count() == 1
    assert "6" in card.locator("h2").inner_text()  # three jobs of two places each, all near home
    check(page, "kiosk-home", language)
    # No job fits this worker: the line that says so reads across its card, not down the icon's narrow column.
    empty = page.locator("ul.k-jobs li.k-empty")
    text_width = empty.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect().width; }"
    )
    assert text_width > empty.bounding_box()["width"] / 2
    card.locator("a.k-yes").click()  # the card leads to the course, with its Book buttons
    page.wait_for_url(f"**/kiosk/training/{course.pk}/")
    assert page.locator(f'li.k-session[data-session="{session.pk}"] button.k-yes').count() == 1
    check(page, "kiosk-course", language)
    page.goto(live_server.url + "/kiosk/home/")

    page.click("a.k-training-nav")  # press 1
    page.wait_for_url("**/kiosk/training/")
    check(page, "kiosk-courses", language)
    page.click(f'li.k-session[data-session="{session.pk}"] button.k-yes')  # press 2
    page.wait_for_selector(".k-notice")
    booking = TrainingBooking.objects.get()
    assert (booking.session_id, booking.worker_id, booking.status, booking.channel, booking.kiosk_id) == (
        session.pk,
        worker.pk,
        "booked",
        "kiosk",
        kiosk.pk,
    )
    assert page.locator(f'.k-my-training li[data-booking="{booking.pk}"]').count() == 1
    check(page, "kiosk-booked", language, docs=True)

    # Cancelling from the same screen gives the seat back.
    page.click(f'.k-my-training li[data-booking="{booking.pk}"] button')
    page.wait_for_selector(".k-notice")
    booking.refresh_from_db()
    session.refresh_from_db()
    assert (booking.status, session.seats_taken) == ("cancelled", 0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_worker_door_books_a_full_session_and_waits(
    phone_page, live_server, stations, staff, job_types, register_worker, language
):
    course = make_course(staff=staff, job_types=job_types, stations=stations)
    session = make_session(staff=staff, course=course, capacity=1)
    other = register_worker()
    booking_create(session=session, worker=other, actor=other.user, channel="web")
    worker = register_worker(language=language)
    signed_in(phone_page, live_server, worker.user, language)
    phone_page.goto(live_server.url + "/w/training/")
    check(phone_page, "door-courses", language, big_targets=False)
    phone_page.click(f'li[data-course="{course.pk}"] a.button')
    phone_page.wait_for_url(f"**/w/training/{course.pk}/")
    check(phone_page, "door-course", language, big_targets=False)
    phone_page.click(f'li[data-session="{session.pk}"] button[type=submit]')
    phone_page.wait_for_url("**/w/training/")
    booking = TrainingBooking.objects.get(worker=worker)
    assert (booking.status, booking.channel) == ("waiting", "web")
    assert phone_page.locator(f'li[data-booking="{booking.pk}"] .status').count() == 1
    check(phone_page, "door-waiting", language, big_targets=False)


@pytest.mark.parametrize("language", LANGUAGES)
def test_clerk_marks_attendance_and_issues_the_certificate(
    new_context, live_server, stations, staff, job_types, register_worker, language
):
    course = make_course(staff=staff, job_types=job_types, stations=stations, trade="electrician")
    session = make_session(staff=staff, course=course, days=1, capacity=1)
    seated, waiting = register_worker(), register_worker()
    booking = booking_create(session=session, worker=seated, actor=seated.user, channel="kiosk")
    booking_create(session=session, worker=waiting, actor=waiting.user, channel="web")
    context = new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    signed_in(page, live_server, staff, language)
    page.goto(f"{live_server.url}/console/training/sessions/{session.pk}/")
    assert page.locator(".waiting li").count() == 1
    check(page, "console-session", language, big_targets=False, docs=True)
    with time_machine.travel(session.ends_at + timedelta(minutes=10)):
        signed_in(page, live_server, staff, language)  # a new day: the clerk signs in again
        page.goto(f"{live_server.url}/console/training/sessions/{session.pk}/")
        with page.expect_navigation():
            page.click(f'tr[data-booking="{booking.pk}"] button[value="attended"]')
        with page.expect_navigation():
            page.click(f'tr[data-booking="{booking.pk}"] button[value="certify"]')
        check(page, "console-certified", language, big_targets=False)
    trade = WorkerTrade.objects.get(worker=seated, job_type=course.job_type)
    assert (trade.certified, trade.certified_course_id) == (True, course.pk)
