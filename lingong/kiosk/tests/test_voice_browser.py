"""The kiosk's voice in Chromium: a clerk records with the (fake) microphone and approves; the kiosk plays
the recording to its end; a line without a recording says so; a job card speaks in Tibetan from its
segments; the notice counts as read aloud only when it played to its end."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from lingong.jobs.tests.factories import post_job
from lingong.kiosk.models import VoiceRecording
from lingong.kiosk.reader_sim import card_fields
from lingong.kiosk.services import kiosk_device_token
from lingong.kiosk.signing import card_message
from lingong.kiosk.views.common import DEVICE_COOKIE
from lingong.kiosk.voice import job_card_segments
from lingong.testing.browser import (  # noqa: F401
    BROWSER_DB,
    axe_violations,
    console_sign_in,
    media_browser,
    media_page,
    screenshot,
)
from lingong.workers.selectors import worker_point

from .voice_helpers import record_all, take

pytestmark = [pytest.mark.browser, *BROWSER_DB]


@pytest.fixture(autouse=True)
def _migration_data(live_server, reference_data, settings, tmp_path):
    """Reference data for the live server, and the recordings under a VAR_DIR of the test's own."""
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"


def _t(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


def bind(page, url, kiosk, language):
    page.context.add_cookies(
        [
            {"name": DEVICE_COOKIE, "value": kiosk_device_token(kiosk=kiosk), "url": url},
            {"name": "lingong_language", "value": language, "url": url},
        ]
    )


def played_to_the_end(page, selector: str) -> None:
    page.click(selector)
    page.wait_for_selector(f'{selector}[data-played="ended"]', timeout=15_000)


def test_a_clerk_records_approves_and_the_kiosk_plays_it(
    new_context, media_browser, media_page, live_server, kiosk, make_user, stations
):
    url = live_server.url
    clerk = make_user("station_staff", station=stations["gongdelin"], first_name="央金")
    studio = new_context(on=media_browser, viewport={"width": 1366, "height": 900})
    studio.grant_permissions(["microphone"], origin=url)
    console = studio.new_page()
    console_sign_in(console, url, clerk, language="bo")

    console.goto(url + "/console/voice/?language=bo&state=missing")
    row = console.locator('tr[data-segment="prompt-start"]')
    assert row.get_attribute("data-state") == "missing"
    assert console.get_attribute("html", "lang") == "bo"
    assert axe_violations(console) == []
    assert screenshot(console, "console-voice-missing-bo").exists()
    with console.expect_navigation():
        row.locator("a").click()
    assert console.url == url + "/console/voice/bo/prompt-start/"
    assert axe_violations(console) == []

    console.click("[data-record]")
    console.wait_for_selector("[data-stop]:not([hidden])")
    console.wait_for_timeout(1500)
    console.click("[data-stop]")
    console.wait_for_selector("[data-send]:not([hidden])")
    assert float(console.get_attribute("[data-recorder]", "data-recorded-seconds")) >= 1.0
    console.click("[data-preview]")  # listen before sending
    with console.expect_navigation():
        console.click("[data-send]")
    take1 = VoiceRecording.objects.get()
    assert (take1.language, take1.segment, take1.recorded_by, take1.approved_at) == ("bo", "prompt-start", clerk, None)
    assert take1.duration_ms >= 1000

    # Not approved yet: the kiosk still says it has no recording.
    bind(media_page, url, kiosk, "bo")
    media_page.goto(url + "/kiosk/")
    assert media_page.locator(".k-top [data-no-audio]").inner_text().strip() == _t("bo", "No recording yet — ask staff")

    with console.expect_navigation():
        console.click(f'tr[data-take="{take1.version}"] button[type=submit]')
    take1.refresh_from_db()
    assert (take1.approved_by, take1.approved_at is not None) == (clerk, True)
    assert screenshot(console, "console-voice-segment").exists()

    media_page.goto(url + "/kiosk/")
    played_to_the_end(media_page, ".k-top button.k-speak")
    assert media_page.get_attribute(".k-top button.k-speak", "data-audio") == "/kiosk/audio/prompt/bo/start.wav"


@pytest.mark.parametrize("language", ["bo", "zh-hans"])
def test_a_line_without_a_recording_says_so_on_the_screen(media_page, live_server, kiosk, language):
    bind(media_page, live_server.url, kiosk, language)
    media_page.goto(live_server.url + "/kiosk/")
    notice = media_page.locator(".k-top [data-no-audio]")
    assert notice.is_visible()
    assert notice.inner_text().strip() == _t(language, "No recording yet — ask staff")
    assert media_page.locator(".k-top button.k-speak").count() == 0
    assert axe_violations(media_page) == []
    assert screenshot(media_page, f"kiosk-no-recording-{language}").exists()


def test_a_job_card_speaks_tibetan_from_its_segments(
    media_page, live_server, kiosk, secret, register_worker, id_numbers, employer, job_types, staff
):
    worker = register_worker()  # the first registered: id_numbers[1]
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, pay_fen=14000)
    other = post_job(employer=employer, job_type=job_types["mover"], actor=staff, pay_fen=14550)
    segments = job_card_segments(
        job=job, language="bo", approved={f"station-{job.station.code}": True}, worker_point=worker_point(worker)
    )
    assert segments[:3] == ["trade-mover", "link-pay", "unit-day"]
    assert segments[3:7] == ["money-yuan", "num-hundreds-1", "num-and", "num-40"]
    record_all(language="bo", segments=segments, actor=staff, seconds=0.3)

    bind(media_page, live_server.url, kiosk, "bo")
    media_page.goto(live_server.url + "/kiosk/")
    message = card_message(
        secret=secret, kiosk=kiosk.code, fields=card_fields(id_number=id_numbers[1], name=worker.name)
    )
    media_page.evaluate("m => kioskCardRead(m)", message)
    media_page.wait_for_url("**/kiosk/home/")
    card = f'li.k-job[data-job="{job.pk}"]'
    played_to_the_end(media_page, f"{card} button.k-speak-job")
    # 145.50 yuan needs ཞེ་ལྔ and ཞོ, not recorded: that card says it has no recording
    assert media_page.locator(f'li.k-job[data-job="{other.pk}"] [data-no-audio]').is_visible()


def test_the_notice_heard_to_its_end_is_written_in_the_consent(
    media_page, live_server, kiosk, secret, id_numbers, job_types, staff
):
    from lingong.accounts.models import SmsOutbox
    from lingong.workers.models import Worker

    take(language="bo", segment="prompt-register_consent", actor=staff, seconds=1.0)
    url = live_server.url
    bind(media_page, url, kiosk, "bo")
    media_page.goto(url + "/kiosk/")
    message = card_message(secret=secret, kiosk=kiosk.code, fields=card_fields(id_number=id_numbers[41], name="次仁"))
    media_page.evaluate("m => kioskCardRead(m)", message)
    media_page.wait_for_url("**/kiosk/register/")
    media_page.click("button.k-yes")
    media_page.wait_for_url("**/kiosk/register/phone/")
    for digit in "13712345679":
        media_page.click(f'.k-key[data-key="{digit}"]')
    media_page.click(".k-ok")
    media_page.wait_for_url("**/kiosk/register/code/")
    code = re.search(r"\d{6}", SmsOutbox.objects.get(phone_masked="137****5679").body).group(0)
    for digit in code:
        media_page.click(f'.k-key[data-key="{digit}"]')
    media_page.click(".k-ok")
    media_page.wait_for_url("**/kiosk/register/trades/")
    media_page.click(f'button[value="toggle:{job_types["mover"].pk}"]')
    media_page.wait_for_load_state()
    media_page.click('button[value="done"]')
    media_page.wait_for_url("**/kiosk/register/times/")
    media_page.click('button[value="days"]')
    media_page.wait_for_url("**/kiosk/register/pay/")
    media_page.click('button[value="200"]')
    media_page.wait_for_url("**/kiosk/register/consent/")

    assert not media_page.is_visible("[data-heard-note]")
    played_to_the_end(media_page, "button.k-notice-read")
    media_page.wait_for_selector("[data-heard-note]:not([hidden])")
    assert media_page.inner_text("[data-heard-note]").strip() == _t("bo", "The notice was read to you.")
    media_page.click("button.k-yes")
    media_page.wait_for_url("**/kiosk/home/")
    assert Worker.objects.get(name="次仁").consents.get().read_aloud is True


def test_the_notice_stopped_early_is_not_read_aloud(media_page, live_server, kiosk, secret, id_numbers, staff):
    """The page reports "ended" at once (as a forged client would): the server refuses it, nothing is marked."""
    take(language="zh-hans", segment="prompt-register_consent", actor=staff, seconds=3.0)
    url = live_server.url
    bind(media_page, url, kiosk, "zh-hans")
    media_page.goto(url + "/kiosk/")
    message = card_message(secret=secret, kiosk=kiosk.code, fields=card_fields(id_number=id_numbers[42], name="次仁"))
    media_page.evaluate("m => kioskCardRead(m)", message)
    media_page.wait_for_url("**/kiosk/register/")
    status = media_page.evaluate(
        """() => fetch('/kiosk/register/consent/notice.wav', {credentials: 'same-origin'}).then(r => r.status)
           .then(first => fetch('/kiosk/register/consent/heard/', {method: 'POST', credentials: 'same-origin',
             headers: {'X-CSRFToken': document.querySelector('meta[name=csrf-token]').content}}).then(r => [first, r.status]))"""
    )
    assert status == [200, 400]
