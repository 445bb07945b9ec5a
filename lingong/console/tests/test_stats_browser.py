"""The figures page in Chromium, in both languages: it passes axe, its controls are large enough to touch,
and it is drawn in the language's font (a screenshot for the README when asked)."""

from __future__ import annotations

import pytest
from django.conf import settings

from lingong.console.tests.test_console_browser import FONTS, _session_for
from lingong.stats.tests.test_figures import world  # noqa: F401  (fixture: a known district, rolled up)
from lingong.testing.browser import BROWSER_DB, axe_violations, docs_screenshot, fonts_used, screenshot, small_targets

pytestmark = [pytest.mark.browser, *BROWSER_DB]


@pytest.fixture
def console_page(browser, live_server):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_the_figures_page(console_page, live_server, reference_data, world, admin_user, stations, language):
    page, url = console_page, live_server.url
    page.context.add_cookies([{"name": "lingong_language", "value": language, "url": url}])
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": _session_for(admin_user), "url": url}])
    page.goto(f"{url}/dashboard/?period=7d")
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(f"{url}/console/stats/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("tr[data-figure=placements] td").first.inner_text() == "3"
    page.select_option("select[name=station]", str(stations["gongdelin"].pk))
    with page.expect_navigation():
        page.locator("form.stats-period button[type=submit]").click()
    assert page.locator("tr[data-figure=workers_registered] td").nth(1).inner_text() == "3"
    assert axe_violations(page) == []
    assert (
        small_targets(
            page, ".stats-presets a, form.stats-period button, form.stats-period a, form.stats-period select", 44
        )
        == []
    )
    assert FONTS[language] in fonts_used(page)
    assert screenshot(page, f"console-stats-{language}").exists()
    docs_screenshot(page, f"console-stats-{language}")
