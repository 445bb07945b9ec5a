"""In Chromium, in both languages: the import report in the console, and an imported job on the worker's
door, whose employer has no Lingong account: the source, the contact, and staff who phone for the worker."""

from __future__ import annotations

import pytest
from django.conf import settings

from lingong.aggregation.models import ImportRun
from lingong.aggregation.samples import sample_bytes
from lingong.aggregation.services import import_run
from lingong.console.tests.test_console_browser import _session_for
from lingong.jobs.models import Application, Job
from lingong.testing.browser import BROWSER_DB, axe_violations, docs_screenshot, screenshot, settled, small_targets

pytestmark = [pytest.mark.browser, *BROWSER_DB]


def _open(page, url, user, language):
    page.context.add_cookies([{"name": "lingong_language", "value": language, "url": url}])
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": _session_for(user), "url": url}])


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_import_report_and_the_worker_page(
    page, live_server, reference_data, make_source, admin_user, known_employers, register_worker, today, language
):
    run = import_run(
        source=make_source("58"), actor=admin_user, upload=(sample_bytes("58", today), "58.json"), today=today
    )
    url = live_server.url
    _open(page, url, admin_user, language)
    page.goto(f"{url}/console/imports/runs/{run.pk}/")
    settled(page)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("#rows tr[data-outcome=refused]").count() == 3
    assert page.locator("#rows tr[data-outcome=new]").count() == 3
    screenshot(page, f"aggregation-report-{language}")
    docs_screenshot(page, f"console-import-report-{language}")
    assert axe_violations(page) == []
    page.goto(f"{url}/console/imports/")
    settled(page)
    screenshot(page, f"aggregation-sources-{language}")
    assert axe_violations(page) == []
    assert ImportRun.objects.count() == 1

    worker = register_worker(trades=("room_attendant",))
    job = Job.objects.get(source="58", external_id="58-1001")
    page.context.clear_cookies()
    _open(page, url, worker.user, language)
    page.goto(f"{url}/w/jobs/{job.pk}/")
    settled(page)
    assert page.locator("html").get_attribute("lang") == language
    source_text = page.locator(".job-source dd").inner_text()
    assert source_text == {"zh-hans": "来自58同城", "bo": "འབྱུང་ཁུངས། 58ཐུང་ཁྲོང"}[language]
    contact = page.locator("#employer-contact")
    assert "13908901001" in contact.inner_text()
    screenshot(page, f"aggregation-worker-job-{language}")
    docs_screenshot(page, f"portal-imported-job-{language}", full_page=True)
    assert axe_violations(page) == []
    assert small_targets(page, "button, a.button", minimum=48) == []
    with page.expect_navigation():
        contact.locator("button[type=submit]").click()
    assert Application.objects.filter(job=job, worker=worker).count() == 1
