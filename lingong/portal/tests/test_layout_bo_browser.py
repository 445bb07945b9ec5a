"""The phone header and money in both languages, in Chromium, at the phone widths people carry (320-430 px).

The Tibetan reviewer found the header 220 px tall at 390 px with "简体中文" one character a line,
and money read "¥140 སྒོར་མོ་/ཉིན་རེ།" (the currency twice). These pages must hold in both languages.
"""

from __future__ import annotations

import pytest

from lingong.testing.browser import BROWSER_DB, screenshot, settled

pytestmark = [pytest.mark.browser, *BROWSER_DB]

WIDTHS = (320, 390, 430)
LANGUAGES = ("zh-hans", "bo")


def open_phone(browser, live_server, language, width):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, has_touch=True, is_mobile=True, device_scale_factor=2, locale="zh-CN"
    )
    context.add_cookies([{"name": "lingong_language", "value": language, "url": live_server.url}])
    return context, context.new_page()


HEADER_FACTS = """() => {
  const bar = document.querySelector('header.topbar');
  const r = bar.getBoundingClientRect();
  const inside = [...bar.querySelectorAll('*')].filter(e => e.offsetParent !== null).map(e => [e, e.getBoundingClientRect()]);
  const lineHeight = b => parseFloat(getComputedStyle(b).lineHeight) || 0;
  return {
    height: r.height,
    rows: new Set([...bar.children].filter(e => e.offsetParent !== null).map(e => Math.round(e.getBoundingClientRect().top))).size,
    pageWidth: document.documentElement.scrollWidth,
    outside: inside.filter(([e, b]) => b.left < -0.5 || b.right > window.innerWidth + 0.5)
      .map(([e, b]) => e.outerHTML.slice(0, 60)),
    overflowing: inside.filter(([e, b]) => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
      .map(([e, b]) => e.outerHTML.slice(0, 60)),
    buttons: [...bar.querySelectorAll('.lang-switch button')].map(b => {
      const box = b.getBoundingClientRect();
      const range = document.createRange(); range.selectNodeContents(b);
      const lines = [...range.getClientRects()].reduce((tops, c) => tops.add(Math.round(c.top)), new Set()).size;
      return {text: b.innerText, width: box.width, height: box.height, lines};
    }),
    brandLines: (() => { const b = bar.querySelector('.brand'); const range = document.createRange(); range.selectNodeContents(b);
      return [...range.getClientRects()].reduce((tops, c) => tops.add(Math.round(c.top)), new Set()).size; })(),
  };
}"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_phone_header_holds_at_every_width(migrated_data, browser, live_server, language, width):
    context, page = open_phone(browser, live_server, language, width)
    try:
        for path in ("/", "/w/login/", "/e/login/"):
            page.goto(live_server.url + path)
            settled(page)
            assert page.locator("html").get_attribute("lang") == language
            facts = page.evaluate(HEADER_FACTS)
            screenshot(page, f"header-{language}-{width}-{path.strip('/').replace('/', '-') or 'landing'}")
            # one row, or a clean two-row layout: never the 220 px tower the reviewer saw
            assert facts["rows"] <= 2, facts
            assert facts["height"] <= 130, facts
            assert facts["pageWidth"] <= width, facts  # nothing pushes the page sideways
            assert facts["outside"] == [], facts
            assert facts["overflowing"] == [], facts
            for button in facts["buttons"]:
                assert button["lines"] == 1, facts  # a language name never breaks inside a word
                assert button["height"] >= 48 and button["width"] >= 48, facts
            assert facts["brandLines"] <= 2, facts
    finally:
        context.close()


NOWRAP_FACTS = """() => [...document.querySelectorAll('.nowrap')].filter(e => e.offsetParent !== null).map(e => {
  // one line: every box of the text overlaps the first one vertically (a larger amount sits higher, on the same line)
  const range = document.createRange(); range.selectNodeContents(e);
  const boxes = [...range.getClientRects()].filter(c => c.width > 0);
  const first = boxes[0];
  const lines = boxes.every(c => c.top < first.bottom - 1 && c.bottom > first.top + 1) ? 1 : 2;
  return {text: e.innerText, lines};
})"""


def signed_in_phone(browser, live_server, language, width, user):
    """A phone at `width` with `user` signed in (the test client's session cookie handed to Chromium)."""
    from django.test import Client

    django_client = Client()
    django_client.force_login(user)
    context, page = open_phone(browser, live_server, language, width)
    context.add_cookies(
        [{"name": "sessionid", "value": django_client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context, page


@pytest.mark.parametrize("language", LANGUAGES)
def test_money_reads_one_unit_and_never_breaks_from_its_amount(
    migrated_data, browser, live_server, language, register_worker, employer_account, today
):
    from datetime import time, timedelta

    from django.utils import translation

    from lingong.jobs.tests.factories import post_job
    from lingong.trades.models import JobType

    worker = register_worker(trades=("mover",), home_lat="29.650000", home_lon="91.130000")
    boss = employer_account()
    job = post_job(
        employer=boss,
        job_type=JobType.objects.get(slug="mover"),
        actor=boss.user,
        start=today + timedelta(days=1),
        hours=(time(9), time(17)),
        channel="web",
        pay_fen=1234500,  # a long amount: 12,345 and a Tibetan unit do not fit a 320 px line beside a label
        pay_unit="month",
    )
    with translation.override(language):
        unit = translation.gettext("per month")
    context, page = signed_in_phone(browser, live_server, language, 320, worker.user)
    try:
        for path in (f"/w/jobs/{job.pk}/", "/w/jobs/", "/w/", "/"):
            page.goto(live_server.url + path)
            settled(page)
            assert page.locator("html").get_attribute("lang") == language
            screenshot(page, f"money-{language}-320-{path.strip('/').replace('/', '-') or 'landing'}")
            # nothing pushes the page sideways: a fact too wide beside its label goes under it
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
            text = page.inner_text("main")
            assert "¥" not in text, path
            assert f"12,345\u00a0{unit}" in text or f"12,345 {unit}" in text, path  # innerText may show a plain space
            pieces = page.evaluate(NOWRAP_FACTS)
            assert any(unit in p["text"] for p in pieces), (path, pieces)
            for piece in pieces:
                assert piece["lines"] == 1, (path, piece)  # the amount and its unit on one line
                currency = {"zh-hans": "元", "bo": "སྒོར"}[language]
                assert piece["text"].count(currency) <= 1, (path, piece)
    finally:
        context.close()
