"""The posting checks in Chromium, in both languages: an employer posting 5 yuan for a day is told the
minimum wage on the form and nothing is posted; a job with an age limit is held, the employer reads why, and
the station's clerk shows it to workers from the console. Every page passes axe."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from lingong.console.tests.test_console_browser import _session_for
from lingong.jobs.models import Job, JobStatus
from lingong.testing.browser import BROWSER_DB, axe_violations, docs_screenshot, screenshot, settled, small_targets

from .test_portal_browser import EMPLOYER_PHONE, open_phone, sign_in

pytestmark = [pytest.mark.browser, *BROWSER_DB]


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_minimum_wage_refused_age_limit_held_then_released(
    migrated_data, browser, live_server, language, employer_account, staff
):
    employer_account(phone=EMPLOYER_PHONE)
    url = live_server.url
    context, boss = open_phone(browser, live_server, language)
    try:
        sign_in(boss, url + "/e", EMPLOYER_PHONE)
        boss.goto(url + "/e/post/mover/")
        boss.fill("input[name=pay_yuan]", "5")
        boss.fill("input[name=start_time]", "08:00")
        boss.fill("input[name=end_time]", "17:00")
        with boss.expect_navigation():
            boss.click("button.primary[type=submit]")
        error = boss.locator("#id_pay_yuan_error, .errorlist").first
        expect(error).to_be_visible()
        with translation.override(language):
            expected = translation.gettext(
                "The pay is below the minimum wage: at least %(floor)s yuan for this job "
                "(%(hourly)s yuan an hour, %(monthly)s yuan a month)."
            ) % {"floor": "96.55", "hourly": "20", "monthly": "2,100"}
        assert expected in boss.inner_text("main")
        assert Job.objects.count() == 0
        screenshot(boss, f"portal-post-below-minimum-{language}")
        assert axe_violations(boss) == []

        boss.fill("input[name=pay_yuan]", "280")
        boss.fill("textarea[name=description]", "搬运家具，年龄18-50岁")
        with boss.expect_navigation():
            boss.click("button.primary[type=submit]")
        job = Job.objects.get()
        assert job.status == JobStatus.HELD
        notice = boss.locator("p.notice").inner_text()
        with translation.override(language):
            assert translation.gettext("Staff check this job before workers see it, usually the same day:") in notice
        # The note is in the employer's own language, the one they registered in.
        assert job.review_note in notice
        screenshot(boss, f"portal-job-held-{language}")
        assert axe_violations(boss) == []
    finally:
        context.close()

    clerk_context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    clerk = clerk_context.new_page()
    try:
        clerk.context.add_cookies(
            [
                {"name": "lingong_language", "value": language, "url": url},
                {"name": settings.SESSION_COOKIE_NAME, "value": _session_for(staff), "url": url},
            ]
        )
        clerk.goto(url + "/console/jobs/")
        clerk.click(f'tr[data-held="{job.pk}"] a')
        settled(clerk)
        assert clerk.locator("[data-review] li[data-check=asks_age]").count() == 1
        assert axe_violations(clerk) == []
        assert small_targets(clerk, "[data-review] button", minimum=44) == []
        docs_screenshot(clerk, f"console-job-held-{language}")
        clerk.fill("textarea[name=note]", "搬家具是重活，年龄要求合理")
        with clerk.expect_navigation():
            clerk.click("button[value=release]")
        job.refresh_from_db()
        assert job.status == JobStatus.OPEN
        assert clerk.locator("[data-review]").count() == 0
    finally:
        clerk_context.close()
