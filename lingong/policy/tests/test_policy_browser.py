"""Policies in Chromium: at the kiosk (both languages) a person finds an article, reads it, and asks at the
window; the clerk of that station sees the ticket and answers it. A clerk logs a question in one form."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from lingong.kiosk.services import kiosk_device_token
from lingong.kiosk.views.common import DEVICE_COOKIE
from lingong.policy.models import Consultation, ConsultationStatus
from lingong.testing.browser import (
    BROWSER_DB,
    axe_violations,
    console_sign_in,
    docs_screenshot,
    fonts_used,
    screenshot,
    settled,
    small_targets,
)

from .factories import TEXTS, publish_article

pytestmark = [pytest.mark.browser, *BROWSER_DB]
FONT = {"zh-hans": "Noto Sans SC", "bo": "Noto Serif Tibetan"}
SUFFIX = {"zh-hans": "zh", "bo": "bo"}


def _t(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


@pytest.fixture(autouse=True)
def _migration_data(live_server, reference_data):
    """Reference data for the live server (see lingong.testing.browser.reference_data)."""


def _kiosk_check(page, language: str, name: str) -> None:
    settled(page)
    assert page.get_attribute("html", "lang") == language
    assert axe_violations(page) == [], name
    assert small_targets(page) == [], name
    assert FONT[language] in fonts_used(page), name
    assert screenshot(page, f"kiosk-{name}-{language}").exists()
    docs_screenshot(page, f"kiosk-{name}-{language}")


def _console(new_context, url, clerk):
    console = new_context(viewport={"width": 1366, "height": 900}).new_page()
    console_sign_in(console, url, clerk)
    return console


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_at_the_kiosk_a_person_reads_a_policy_and_asks_at_the_window(
    new_context, page, live_server, kiosk, make_user, stations, language
):
    url = live_server.url
    writer = make_user("station_staff", station=stations["market"])
    officer = make_user("rights_officer")
    article = publish_article(author=writer, reviewer=officer)
    publish_article(
        author=writer,
        reviewer=officer,
        topic="injury",
        title_zh="干活受伤：工伤保险",
        title_bo="ལས་ཀ་བྱེད་སྐབས་རྨས་ན།",
        summary_zh="先就医，保留证据",
        summary_bo="སྔོན་ལ་སྨན་བཅོས་བྱེད།",
        body_zh="请到窗口问。",
        body_bo="སྒེའུ་ཁུང་དུ་དྲི་རོགས།",
    )
    suffix = SUFFIX[language]
    page.context.add_cookies(
        [
            {"name": DEVICE_COOKIE, "value": kiosk_device_token(kiosk=kiosk), "url": url},
            {"name": "lingong_language", "value": language, "url": url},
        ]
    )
    # From the card reader's screen, nobody signed in: the policies.
    page.goto(url + "/kiosk/")
    with page.expect_navigation():
        page.click("a[href='/kiosk/policy/']")
    assert page.locator(".k-policy[data-article]").count() == 2
    _kiosk_check(page, language, "policy-list")

    # A search in the reader's language keeps the one article that has every word.
    page.fill("input[name=q]", {"zh": "社会保险 补贴", "bo": "རོགས་དངུལ"}[suffix])
    with page.expect_navigation():
        page.click("form.k-search button[type=submit]")
    assert page.locator(".k-policy[data-article]").count() == 1
    with page.expect_navigation():
        page.click(f".k-policy[data-article='{article.pk}'] a")
    assert page.inner_text("h1.k-title").strip() == TEXTS[f"title_{suffix}"]
    assert TEXTS[f"summary_{suffix}"] in page.inner_text("#k-article-text")
    # No recording: the button is there when the browser has a voice for the language, else hidden.
    has_voice = page.evaluate(
        "lang => speechSynthesis.getVoices().some(v => v.lang.toLowerCase().startsWith(lang))", suffix
    )
    assert page.locator("button.k-read").is_visible() == has_voice
    _kiosk_check(page, language, "policy-article")

    # Ask at the window: a ticket number on the screen, the question in the station's list.
    with page.expect_navigation():
        page.click("form[action$='/ask/'] button")
    assert page.url == url + "/kiosk/policy/ticket/"
    assert page.inner_text(".k-ticket").strip() == "1"
    assert page.inner_text("h1.k-title").strip() == _t(language, "Show this number at the window")
    _kiosk_check(page, language, "policy-ticket")
    consultation = Consultation.objects.get()
    assert (consultation.station, consultation.worker, consultation.status) == (
        kiosk.station,
        None,
        ConsultationStatus.WAITING,
    )

    # The clerk of the kiosk's station sees ticket 1 waiting and records the answer.
    clerk = make_user("station_staff", station=kiosk.station)
    console = _console(new_context, url, clerk)
    console.goto(url + "/console/consultations/")
    card = console.locator(f"[data-consultation='{consultation.pk}']")
    assert _t("zh-hans", "Ticket %(ticket)s") % {"ticket": 1} in card.inner_text()
    card.locator("textarea").fill("按现行标准答复，给了材料清单")
    with console.expect_navigation():
        card.locator("button[type=submit]").click()
    consultation.refresh_from_db()
    assert (consultation.status, consultation.staff, consultation.answer) == (
        ConsultationStatus.ANSWERED,
        clerk,
        "按现行标准答复，给了材料清单",
    )
    assert console.locator(f"[data-consultation='{consultation.pk}']").count() == 0


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_a_clerk_logs_a_question_with_a_referral_and_sees_it_due(
    new_context, live_server, make_user, stations, today, language
):
    url = live_server.url
    clerk = make_user("station_staff", station=stations["gongdelin"])
    console = new_context(viewport={"width": 1366, "height": 900}).new_page()
    console_sign_in(console, url, clerk, language=language)
    console.goto(url + "/console/consultations/")
    assert console.get_attribute("html", "lang") == language
    console.check("input[name=channel][value=phone]")
    console.check("input[name=topic][value=wage_arrears]")
    console.fill("input[name=question]", "老板欠了半个月工钱")
    console.fill("textarea[name=answer]", "先保存证据，可拨打 12333，已转维权专员")
    console.select_option("select[name=referral]", "rights_officer")
    console.fill("input[name=referral_note]", "维权窗口")
    console.fill("input[name=follow_up_on]", today.isoformat())
    with console.expect_navigation():
        console.click("form.consultation-form button[type=submit]")
    consultation = Consultation.objects.get()
    assert (consultation.channel, consultation.topic, consultation.referral, consultation.follow_up_on) == (
        "phone",
        "wage_arrears",
        "rights_officer",
        today,
    )
    assert console.locator(f"[data-logged='{consultation.pk}']").count() == 1
    assert console.locator(f"[data-follow-up='{consultation.pk}']").count() == 1
    assert console.locator("[data-topic=wage_arrears] td").nth(13).inner_text().strip() == "1"
    assert axe_violations(console) == []
    screenshot(console, f"console-consultations-{language}")
    docs_screenshot(console, f"console-consultations-{language}")
    with console.expect_navigation():
        console.click(f"[data-follow-up='{consultation.pk}'] button")
    consultation.refresh_from_db()
    assert consultation.follow_up_done_at is not None
