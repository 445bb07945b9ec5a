"""Browser-test fixtures: Debian's Chromium driven by Playwright, axe-core
from node_modules, screenshots under var/screenshots/.

Use in a test module:  pytestmark = [pytest.mark.browser, *BROWSER_DB]
and request the `page` fixture (plus `live_server` for the base URL).
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright

from lingong.stations.data import stations_load
from lingong.stations.models import ServiceWindow, Station
from lingong.trades.models import JobType
from lingong.trades.services import job_type_sync_from_file

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
# Closed network: without these flags Chromium keeps dialling Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# For the kiosk's voice (kiosk/tests/test_voice_browser.py): Chromium's fake microphone (a beep) without a
# permission prompt, and audio that plays without a tap. Only the `media_page` fixture's browser has them.
MEDIA_ARGS = [
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
]
# Live-server tests commit, so they are transactional; `reference_data` puts back what the flush removed.
# data that a flush removes is put back by the `reference_data` fixture.
BROWSER_DB = [pytest.mark.django_db(transaction=True)]


def reference_data_restore() -> None:
    """Stations and trades, as the data migrations load them, where a flush removed them.

    A transactional test flushes the database afterwards, data migrations'
    rows included. Serialized rollback would restore them, but not reliably
    beside Playwright's event loop (Django's connections are context-local),
    so the migrations' own loaders run again when the rows are missing. The
    root conftest calls this after every transactional test (so that the next
    test on the worker, transactional or not, finds them) and before one.
    """
    if not Station.objects.exists():
        stations_load(station_model=Station, window_model=ServiceWindow)
    if not JobType.objects.exists():
        job_type_sync_from_file()


@pytest.fixture
def reference_data(transactional_db):
    """The data migrations' rows, for a transactional test (see `reference_data_restore`)."""
    reference_data_restore()


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make around it are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def media_browser(browser):
    """A second Chromium from the same Playwright, with MEDIA_ARGS; the other tests' browser keeps its flags."""
    chromium = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, *MEDIA_ARGS])
    yield chromium
    chromium.close()


@pytest.fixture
def media_page(media_browser):
    """A kiosk-sized page whose browser has a (fake) microphone and plays audio by itself."""
    context = media_browser.new_context(viewport={"width": 1080, "height": 1920}, has_touch=True, locale="zh-CN")
    context.grant_permissions(["microphone"])
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def new_context(browser):
    """Open a browser context: `new_context(viewport=..., locale=...)`, on `browser`
    unless `on=` names another (the media browser). Every context it opened is closed
    after the test, passed or failed: a page left open goes on polling the live server
    (a board's event stream, the console's call poll) through the tests after it."""
    opened = []

    def open_context(*, on=None, **options):
        context = (on or browser).new_context(**{"locale": "zh-CN", **options})
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


@pytest.fixture
def page(browser):
    """A kiosk-sized page (1080×1920 portrait touch screen, as at the stations)."""
    context = browser.new_context(viewport={"width": 1080, "height": 1920}, has_touch=True, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    """A phone-sized page for the worker and employer doors."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, device_scale_factor=2, locale="zh-CN"
    )
    page = context.new_page()
    yield page
    context.close()


def console_sign_in(page, url: str, user, *, language: str = "zh-hans") -> None:
    """A member of staff (made with the test password "pw") signs in on the console in `language`; the page is
    then where the sign-in sends them (the day, unless a second factor is owed)."""
    page.context.add_cookies([{"name": "lingong_language", "value": language, "url": url}])
    page.goto(url + "/console/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw")
    with page.expect_navigation():
        page.locator("form[action='/console/login/'] button[type=submit]").click()


def settled(page) -> None:
    """Wait until the page shown has loaded and its fonts are in: what the screenshots, axe and `fonts_used` read.

    A `goto`, a `click` and a locator's `press` return once the navigation they started has come in (the new
    document is committed), so the load event waited for here is the new page's. A navigation a script starts
    (the kiosk's card sign-in, the QR poll, a reload) is not: wait for it where it happens (`page.wait_for_url`,
    `page.expect_navigation`). Until 2026-12-08 this first waited for Playwright's "networkidle" (half a second
    without a request, on every page checked): half of a browser test's time, for a wait no test still needed.
    The load event and the fonts are waited for, each for at most 30 s."""
    page.wait_for_load_state("load")
    # Evaluated by the driver, so the page's Content-Security-Policy (no eval) does not refuse it, as it refuses
    # wait_for_function's; a font that never loads is given up after 30 s and then fails in fonts_used.
    page.evaluate(
        "() => Promise.race([document.fonts.ready.then(() => true), new Promise(r => setTimeout(() => r(false), 30000))])"
    )


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as var/screenshots/<name>.png, one image pixel a CSS pixel: a phone page's
    device pixels (twice as many each way) would only make it four times slower to encode and no easier to read."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / (re.sub(r"[^\w.-]+", "-", name) + ".png")
    page.screenshot(path=str(path), full_page=True, scale="css")
    return path


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8") + "\n;undefined"


def axe_violations(page, *, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")) -> list[dict]:
    """Run axe-core (WCAG 2.2 AA) on the page; returns the violations (want: []).

    axe is told to gather the violations alone (`resultTypes`): the rules that pass are still run, but their
    every node is no longer collected and described, which was 40% of axe's time on a console page."""
    # Evaluated by the test driver (not a <script> tag): the page's Content-Security-Policy stays in force.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", list(tags)
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]


def small_targets(
    page, selector: str = "button, a.button, [role=button], input[type=submit]", minimum: int = 60
) -> list[str]:
    """Visible targets smaller than minimum×minimum CSS pixels (want: [])."""
    return page.evaluate(
        """([selector, minimum]) => [...document.querySelectorAll(selector)]
            .filter(e => e.offsetParent !== null)
            .map(e => [e, e.getBoundingClientRect()])
            .filter(([e, r]) => r.width < minimum || r.height < minimum)
            .map(([e, r]) => `${e.outerHTML.slice(0, 80)} ${Math.round(r.width)}x${Math.round(r.height)}`)""",
        [selector, minimum],
    )


def fonts_used(page) -> set[str]:
    """Families of the fonts the page actually rendered with (document.fonts that loaded)."""
    return set(
        page.evaluate(
            "() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/\"/g, ''))"
        )
    )


DOCS_SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"


def docs_screenshot(page, name: str, *, full_page: bool = False) -> None:
    """Refresh the README's screenshot `docs/screenshots/<name>.png`, only when asked
    (LINGONG_DOCS_SCREENSHOTS=1), so an ordinary test run leaves tracked files alone."""
    if os.environ.get("LINGONG_DOCS_SCREENSHOTS"):
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS_SCREENSHOTS / f"{name}.png"), full_page=full_page)
