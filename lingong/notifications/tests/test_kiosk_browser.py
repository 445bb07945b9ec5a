"""The kiosk shows an invitation with its interview, in both languages, and takes the answer by touch."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from lingong.jobs.models import ApplicationStatus
from lingong.jobs.services import application_create, application_interview_set, job_create
from lingong.jobs.tests.factories import post_job
from lingong.kiosk.services import kiosk_device_token
from lingong.kiosk.views.common import DEVICE_COOKIE
from lingong.testing.browser import BROWSER_DB, axe_violations, fonts_used, screenshot, settled, small_targets

pytestmark = [pytest.mark.browser, *BROWSER_DB]
FONT = {"zh-hans": "Noto Sans SC", "bo": "Noto Serif Tibetan"}


@pytest.fixture(autouse=True)
def _migration_data(live_server, reference_data):
    """Reference data for the live server (see lingong.testing.browser.reference_data)."""


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_invitation_and_interview_on_the_kiosk(
    page, live_server, kiosk, register_worker, employer, job_types, staff, language
):
    start = timezone.localdate() + timedelta(days=3)
    job = job_create(
        employer=employer,
        job_type=job_types["mover"],
        title="搬运货物",
        headcount=1,
        pay_fen=30000,
        pay_unit="day",
        start_date=start,
        end_date=start,
        start_time=time(9),
        end_time=time(17),
        address="拉萨市城关区江苏路",
        lat="29.650000",
        lon="91.130000",
        actor=staff,
        channel="window",
        today=timezone.localdate(),
    )
    worker = register_worker(language=language)
    application = application_create(job=job, worker=worker, origin="staff", channel="window", actor=staff)
    application_interview_set(
        application=application,
        interview_place="北京中路 12 号",
        actor=staff,
        channel="window",
        interview_at=datetime.combine(start - timedelta(days=1), time(15, 30), tzinfo=ZoneInfo("Asia/Shanghai")),
    )
    # Five applications of the worker's own, newer than the invitation: the invitation is still listed first,
    # and the sixth live application is counted, not listed.
    for _ in range(5):
        application_create(
            job=post_job(employer=employer, job_type=job_types["mover"], actor=staff),
            worker=worker,
            origin="worker",
            channel="window",
            actor=staff,
        )
    client = Client()
    client.force_login(worker.user)
    page.context.add_cookies(
        [
            {"name": DEVICE_COOKIE, "value": kiosk_device_token(kiosk=kiosk), "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
        ]
    )
    page.goto(live_server.url + "/kiosk/home/")
    settled(page)
    card = page.locator(f'[data-application="{application.pk}"]')
    assert page.locator("[data-application]").first.get_attribute("data-application") == str(application.pk)
    assert page.locator("[data-application]").count() == 5
    assert page.locator("[data-proposals-more]").get_attribute("data-proposals-more") == "1"
    assert page.locator(".k-more").is_visible()
    assert page.get_attribute("html", "lang") == language
    assert "北京中路 12 号" in card.locator(".interview").inner_text()
    assert "卓玛" in card.locator(".interview").inner_text()
    screenshot(page, f"kiosk-invitation-{language}")
    assert axe_violations(page) == []
    assert small_targets(page) == []
    assert FONT[language] in fonts_used(page)
    card.locator("button.k-yes").click()
    settled(page)
    assert page.locator(".k-notice").is_visible()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED_BY_WORKER
