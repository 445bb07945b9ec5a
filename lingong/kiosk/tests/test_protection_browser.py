"""The screens after the hire, in Chromium and both languages: the worker's at
the kiosk, the employer's on the phone, the staff's in the console. Each
passes axe, uses the served fonts, and (kiosk) has no target under 60×60."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from lingong.attendance.tests.helpers import make_placement
from lingong.employers.models import Employer
from lingong.testing.browser import BROWSER_DB, axe_violations, fonts_used, screenshot, settled, small_targets

from .test_kiosk_browser import FONT, LANGUAGES, bind

pytestmark = [pytest.mark.browser, *BROWSER_DB]


def sign_in(page, live_server, user, language) -> None:
    """A signed-in session for `user`, as the sign-in views would make it."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    page.context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url},
            {"name": "lingong_language", "value": language, "url": live_server.url},
        ]
    )


def visit(page, url: str, name: str, language: str, *, touch: bool) -> None:
    page.goto(url)
    settled(page)
    assert page.get_attribute("html", "lang") == language
    screenshot(page, f"{name}-{language}")
    assert axe_violations(page) == []
    if touch:
        assert small_targets(page) == []
    assert FONT[language] in fonts_used(page)


@pytest.fixture
def placement(employer, job_types, staff, register_worker, make_user):
    boss = make_user("employer")
    Employer.objects.filter(pk=employer.pk).update(user=boss)
    employer.user = boss
    return make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker())


@pytest.mark.parametrize("language", LANGUAGES)
def test_worker_screens_at_the_kiosk(page, live_server, kiosk, placement, language):
    bind(page, live_server, kiosk, language)
    sign_in(page, live_server, placement.worker.user, language)
    for path, name in (
        ("/kiosk/work/", "kiosk-work"),
        ("/kiosk/score/", "kiosk-score"),
        ("/kiosk/help/wages/", "kiosk-wage-help"),
    ):
        visit(page, live_server.url + path, name, language, touch=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_employer_and_console_screens(phone_page, browser, live_server, placement, staff, language):
    sign_in(phone_page, live_server, placement.job.employer.user, language)
    visit(phone_page, f"{live_server.url}/e/placements/{placement.pk}/", "employer-placement", language, touch=False)
    visit(phone_page, f"{live_server.url}/e/credit/", "employer-credit", language, touch=False)
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    console = context.new_page()
    try:
        sign_in(console, live_server, staff, language)
        for path, name in (
            ("/console/at-risk/", "console-at-risk"),
            ("/console/followups/", "console-followups"),
            ("/console/decisions/", "console-decisions"),
        ):
            visit(console, live_server.url + path, name, language, touch=False)
    finally:
        context.close()
