"""The figures page in Chromium, in both languages: it passes axe, its controls are large enough to touch,
and it is drawn in the language's font (a screenshot for the README when asked)."""

from __future__ import annotations

import pytest
from django.conf import settings

from lingong.console.tests.test_console_browser import FONTS, _session_for
from lingong.stats.tests.test_figures import world  # noqa: F401  (fixture: a known district, rolled up)
from lingong.testing.browser import (
    BROWSER_DB,
    axe_violations,
    docs_screenshot,
    fonts_used,
    screenshot,
    settled,
    small_targets,
)

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
    settled(page)
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


def _box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
@pytest.mark.parametrize("width", [1366, 390])
def test_the_charts_are_drawn(new_context, live_server, reference_data, world, admin_user, stations, language, width):
    """Each chart is drawn, as wide as its box and no wider than the screen, with a bar for every number of
    its table; on a phone too. The figcaptions are in the page's language, in its font."""
    context = new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    url = live_server.url
    page.context.add_cookies([{"name": "lingong_language", "value": language, "url": url}])
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": _session_for(admin_user), "url": url}])
    page.goto(f"{url}/console/stats/?period=7d")
    for name in ("trend", "stations", "map", "trades"):
        figure = page.locator(f"figure[data-chart={name}]")
        assert figure.locator("figcaption").is_visible()
        drawing = figure.locator("[role=img]")
        assert drawing.is_visible() and drawing.get_attribute("aria-label")
        box = drawing.bounding_box()
        assert box["width"] > 200 and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.locator("figure[data-chart=trend] rect.chart-column").count() == 7  # the 7 days of the period
    assert page.locator("table.stats-series tbody tr").count() == 7
    assert page.locator("figure[data-chart=stations] rect.chart-bar").count() == 2 * len(stations)
    assert page.locator("figure[data-chart=map] circle.chart-spot").count() == len(stations)
    assert page.locator("figure[data-chart=trades] rect.chart-bar").count() == 2 * 2  # cooks and movers
    # the longest bar fills its row; a number stays inside the drawing
    bar = _box(page, "figure[data-chart=trades] rect.chart-bar[data-series='1']")
    row = _box(page, "figure[data-chart=trades] svg.chart-row-bars")
    assert bar["width"] == pytest.approx(row["width"], abs=4)  # its outline (3 units) overhangs
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('figure.chart figcaption, .chart-row-label')]
            .map(e => parseFloat(getComputedStyle(e).fontSize))"""
    )
    assert min(sizes) >= (19 if language == "bo" else 16)  # Tibetan set larger, as everywhere on the page
    assert FONTS[language] in fonts_used(page)
    assert axe_violations(page) == []
    page.locator("figure[data-chart=trend]").scroll_into_view_if_needed()
    name = f"console-stats-charts-{language}" + ("-phone" if width < 600 else "")
    assert screenshot(page, name).exists()
    if width > 600:
        page.locator("figure[data-chart=trend]").evaluate(
            "e => e.closest('.chart-pair').previousElementSibling.scrollIntoView()"
        )
        docs_screenshot(page, name)
