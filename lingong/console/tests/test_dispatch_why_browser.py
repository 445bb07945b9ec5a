"""A job's "why these workers were proposed" in Chromium, in Chinese and Tibetan: every word translated (no Latin
letters, no Chinese on the Tibetan page but the workers' own names), targets large enough, axe clean."""

from __future__ import annotations

import pytest
from django.conf import settings

from lingong.jobs.services import application_create
from lingong.jobs.tests.factories import post_job
from lingong.matching.acceptance import DECLARED
from lingong.matching.loader import match_index
from lingong.matching.models import DispatchStandby
from lingong.testing.browser import BROWSER_DB, axe_violations, screenshot, settled, small_targets

from .test_console_browser import _session_for

pytestmark = [pytest.mark.browser, *BROWSER_DB]
HOME = {"home_lat": "29.650000", "home_lon": "91.130000"}

# The section's words without the workers' names (links) and marked identifiers (translate="no").
SECTION_TEXT_JS = """() => {
  const section = document.querySelector('[data-dispatch-why]').cloneNode(true);
  section.querySelectorAll('a, [translate="no"]').forEach(e => e.remove());
  return section.innerText;
}"""
LATIN = r"[A-Za-z]"
CHINESE = r"[\u3400-\u9fff\uf900-\ufaff]"


@pytest.fixture
def seed_data(reference_data):
    """Reference data for the live server (see lingong.testing.browser.reference_data)."""


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_staff_read_why_each_worker_was_proposed(
    browser, live_server, seed_data, language, stations, make_user, employer, job_types, register_worker
):
    import re

    staff = make_user("station_staff", station=stations["gongdelin"])
    proposed, first, second = (
        register_worker(trades=("mover",), name=name, name_bo=name_bo, **HOME)
        for name, name_bo in (("达瓦", "ཟླ་བ་"), ("次仁", "ཚེ་རིང་"), ("卓玛", "སྒྲོལ་མ་"))
    )
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=1)
    application_create(job=job, worker=proposed, origin="dispatch", channel="system", actor=None)
    DispatchStandby.objects.create(job=job, worker=first, rank=1, probability=0.62, score=0.7)
    DispatchStandby.objects.create(job=job, worker=second, rank=2, probability=0.41, score=0.6)
    match_index().set_acceptance(DECLARED)  # the live server's threads share this process's index

    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    url = live_server.url
    context.add_cookies(
        [
            {"name": "lingong_language", "value": language, "url": url},
            {"name": settings.SESSION_COOKIE_NAME, "value": _session_for(staff), "url": url},
        ]
    )
    page = context.new_page()
    try:
        page.goto(f"{url}/console/jobs/{job.pk}/")
        settled(page)
        assert page.locator("html").get_attribute("lang") == language
        rows = page.locator("[data-dispatch-why] tr[data-worker]")
        assert rows.count() == 3
        assert page.locator("[data-why=standby] tr[data-worker]").evaluate_all(
            "rows => rows.map(r => Number(r.dataset.worker))"
        ) == [first.pk, second.pk]
        percents = page.locator("[data-dispatch-why] [data-percent]").all_inner_texts()
        assert percents[1:] == ["62%", "41%"] and re.fullmatch(r"\d{1,2}%", percents[0])
        assert page.locator("[data-why=proposals] [data-term]").count() == 3
        text = page.evaluate(SECTION_TEXT_JS)
        assert re.findall(LATIN, text) == [], text
        if language == "bo":
            assert re.findall(CHINESE, text) == [], text
        assert small_targets(page, "[data-dispatch-why] a", minimum=44) == []
        assert axe_violations(page) == []
        screenshot(page, f"console-dispatch-why-{language}")
    finally:
        context.close()
