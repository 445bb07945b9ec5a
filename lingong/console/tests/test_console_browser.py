"""The window clerk's journey in Chromium, in both languages: sign in, register a
walk-in, propose a job, reveal the phone, log the call. Every page passes axe."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lingong.calls.models import CallRecord
from lingong.core.models import AccessLog
from lingong.jobs.models import Application
from lingong.jobs.tests.factories import post_job
from lingong.testing.browser import BROWSER_DB, axe_violations, docs_screenshot, fonts_used, screenshot, settled
from lingong.workers.models import Consent, Worker

pytestmark = [pytest.mark.browser, *BROWSER_DB]

FONTS = {"zh-hans": "Noto Sans SC", "bo": "Noto Serif Tibetan"}


def _t(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


@pytest.fixture
def seed_data(reference_data):
    """Reference data for the live server (see lingong.testing.browser.reference_data)."""


@pytest.fixture
def console_page(browser, live_server):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def _check(page, language: str, step: str, *, docs: bool = False) -> None:
    settled(page)
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page) == [], step
    assert FONTS[language] in fonts_used(page), step
    path = screenshot(page, f"console-{step}-{language}")
    if docs:
        docs_screenshot(page, f"console-{step}-{language}")
    assert path.exists()


def _submit(page, form_selector: str) -> None:
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").last.click()


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_staff_register_a_walk_in_and_log_a_call(
    console_page, live_server, seed_data, language, stations, make_user, employer, job_types, id_numbers, settings
):
    settings.LINGONG_SECOND_FACTOR = True  # the clerk's first sign-in: password, then setting up the app
    page = console_page
    url = live_server.url
    staff = make_user("station_staff", station=stations["gongdelin"], first_name="央金")
    start = timezone.localdate() + timedelta(days=7)
    job = post_job(
        employer=employer,
        job_type=job_types["mover"],
        actor=staff,
        start=start,
        today=timezone.localdate(),
        title="仓库搬运",
    )
    page.context.add_cookies([{"name": "lingong_language", "value": language, "url": url}])

    # 1. sign in
    page.goto(url + "/console/")
    assert page.url.startswith(url + "/console/login/")
    _check(page, language, "login", docs=True)
    page.fill("input[name=username]", staff.username)
    page.fill("input[name=password]", "pw")
    _submit(page, "form[action='/console/login/']")
    assert page.url.startswith(url + "/console/second-factor/enrol/")
    assert page.locator(".second-factor-qr svg").is_visible()
    _check(page, language, "second-factor-enrol", docs=True)
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.fill("input[name=token]", f"{totp.token():06d}")  # what the clerk's authenticator app shows
    _submit(page, "form:has(input[name=token])")
    assert page.url == url + "/console/"
    _check(page, language, "day-empty")

    # 2. register a walk-in: a bad ID number first, which changes nothing
    page.goto(url + "/console/workers/new/")
    _check(page, language, "register", docs=True)
    good_id = id_numbers[150]
    bad_id = good_id[:-1] + ("0" if good_id[-1] != "0" else "1")
    page.fill("input[name=id_number]", bad_id)
    page.fill("input[name=name]", "次仁")
    page.fill("input[name=name_bo]", "ཚེ་རིང་")
    page.fill("input[name=phone]", "13912345678")
    page.check(f"input[name=trades][value='{job_types['mover'].pk}']")
    page.check("input[name=speaks_bo]")
    page.check("input[name=consent]")
    _submit(page, "form.form-grid")
    assert page.locator("#id_id_number_error").inner_text() == _t(
        language, "The ID number is not valid: please check every digit."
    )
    assert Worker.objects.count() == 0 and Consent.objects.count() == 0
    _check(page, language, "register-bad-id", docs=True)

    page.fill("input[name=id_number]", good_id)
    _submit(page, "form.form-grid")
    worker = Worker.objects.get()
    assert page.url == f"{url}/console/workers/{worker.pk}/"
    assert (worker.name, worker.name_bo, worker.phone_masked, worker.channel) == (
        "次仁",
        "ཚེ་རིང་",
        "139****5678",
        "window",
    )
    assert worker.registered_station == stations["gongdelin"]
    consent = Consent.objects.get()
    assert (consent.recorded_by, consent.read_aloud, consent.notice_version, consent.channel) == (
        staff,
        True,
        settings.CONSENT_NOTICE_VERSION,
        "window",
    )
    assert page.locator("h1 [lang=bo]").inner_text() == "ཚེ་རིང་"
    assert page.locator("h1 [lang=zh-hans]").inner_text() == "次仁"
    assert good_id not in page.content() and "13912345678" not in page.content()
    _check(page, language, "worker", docs=True)

    # the same person again: refused with its message, nothing added
    page.goto(url + "/console/workers/new/")
    page.fill("input[name=id_number]", good_id)
    page.fill("input[name=name]", "次仁")
    page.fill("input[name=phone]", "13912345679")
    page.check(f"input[name=trades][value='{job_types['mover'].pk}']")
    page.check("input[name=consent]")
    _submit(page, "form.form-grid")
    assert (
        page.locator(".form-errors")
        .inner_text()
        .strip()
        .endswith(_t(language, "This ID number is already registered. Please sign in instead."))
    )
    assert Worker.objects.count() == 1 and Consent.objects.count() == 1
    _check(page, language, "register-duplicate")

    # 3. a swipe finds them (the reader types the number and Enter)
    page.goto(url + "/console/")
    page.fill("input[name=q]", good_id)
    with page.expect_navigation():
        page.press("input[name=q]", "Enter")
    assert page.url == f"{url}/console/workers/{worker.pk}/"

    # 4. propose the job; it shows on the day's call list
    card = page.locator(".card", has=page.locator(f"input[name=job][value='{job.pk}']"))
    with page.expect_navigation():
        card.locator("button[type=submit]").click()
    application = Application.objects.get()
    assert (application.worker, application.job, application.origin, application.status) == (
        worker,
        job,
        "staff",
        "proposed",
    )
    page.goto(url + "/console/")
    rows = page.locator("section[aria-labelledby=to-call] tbody tr")
    assert rows.count() == 1 and "139****5678" in rows.first.inner_text()
    _check(page, language, "day", docs=True)
    with page.expect_navigation():
        rows.first.locator("a").click()

    # 5. reveal the phone: without a reason nothing is shown and nothing logged
    _submit(page, "form.reveal")
    assert page.locator("#id_reason_error").inner_text() == _t(language, "Please say why you need to see this.")
    assert AccessLog.objects.count() == 0 and page.locator(".phone-full").count() == 0
    _check(page, language, "reveal-no-reason")
    page.fill("input[name=reason]", "电话通知岗位")
    _submit(page, "form.reveal")
    assert page.locator(".phone-full").inner_text() == "13912345678"
    log = AccessLog.objects.get()
    assert (log.actor, log.field, log.reason) == (staff, "phone", "电话通知岗位")

    # 6. log the call: without an outcome it is refused and nothing is recorded
    page.goto(f"{url}/console/workers/{worker.pk}/")
    page.select_option("select[name=application]", str(application.pk))
    _submit(page, f"form[action='/console/workers/{worker.pk}/calls/']")
    assert page.locator("#id_outcome_error").inner_text() == _t(language, "Please choose what came of the call.")
    assert CallRecord.objects.count() == 0
    _check(page, language, "call-no-outcome")

    interview = timezone.localtime() + timedelta(days=2)
    interview = interview.replace(hour=10, minute=30, second=0, microsecond=0)
    page.select_option("select[name=application]", str(application.pk))
    page.check("input[name=outcome][value=interview]")
    page.fill("input[name=interview_at]", interview.strftime("%Y-%m-%dT%H:%M"))
    page.fill("input[name=interview_place]", "功德林驿站二号窗口")
    page.fill("textarea[name=note]", "本人同意面试")
    _check(page, language, "call-form", docs=True)
    # a double submit (the same form sent twice): recorded once, the second gets its message
    statuses = page.evaluate(
        """async (action) => {
        const form = document.querySelector(`form[action='${action}']`);
        const data = new FormData(form);
        const first = await fetch(action, {method: 'POST', body: data});
        const second = await fetch(action, {method: 'POST', body: data});
        return [first.status, second.status, await second.text()];
    }""",
        f"/console/workers/{worker.pk}/calls/",
    )
    assert statuses[:2] == [200, 400]
    assert _t(language, "This call has already been recorded.") in statuses[2]
    call = CallRecord.objects.get()
    assert (call.worker, call.application, call.job, call.outcome, call.staff, call.station) == (
        worker,
        application,
        job,
        "interview",
        staff,
        stations["gongdelin"],
    )
    assert (call.interview_place, call.note) == ("功德林驿站二号窗口", "本人同意面试")
    assert call.interview_at == interview
    application.refresh_from_db()
    assert (application.interview_at, application.interview_place) == (interview, "功德林驿站二号窗口")

    page.goto(f"{url}/console/workers/{worker.pk}/")
    calls_table = page.locator("section[aria-labelledby=calls] tbody tr")
    assert calls_table.count() == 1
    assert _t(language, "Interview arranged") in calls_table.first.inner_text()
    _check(page, language, "worker-called", docs=True)
    page.goto(url + "/console/")
    assert page.locator("section[aria-labelledby=to-call] tbody tr").count() == 0
    assert page.locator("section[aria-labelledby=made] tbody tr").count() == 1
    _check(page, language, "day-after")


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_the_other_console_pages_pass_axe(
    console_page, live_server, seed_data, language, stations, make_user, employer, job_types, register_worker
):
    """Jobs, a job's workers, an employer's demand by phone; and the auditor's read-only view."""
    page = console_page
    url = live_server.url
    staff = make_user("station_staff", station=stations["gongdelin"])
    worker = register_worker(name="达瓦", name_bo="ཟླ་བ་")
    job = post_job(
        employer=employer,
        job_type=job_types["mover"],
        actor=staff,
        start=timezone.localdate() + timedelta(days=3),
        today=timezone.localdate(),
    )
    page.context.add_cookies([{"name": "lingong_language", "value": language, "url": url}])
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": _session_for(staff), "url": url}])

    page.goto(url + "/console/jobs/")
    _check(page, language, "jobs")
    page.goto(f"{url}/console/jobs/{job.pk}/")
    _check(page, language, "job", docs=True)
    with page.expect_navigation():
        page.locator(f"form:has(input[name=worker][value='{worker.pk}']) button").click()
    assert Application.objects.get().worker == worker
    _check(page, language, "job-proposed")

    page.goto(url + "/console/workers/")
    page.fill("input[name=q]", "达瓦")
    _submit(page, "form.search")
    assert page.locator("tbody tr").count() == 1
    _check(page, language, "search")

    page.goto(url + "/console/employers/")
    page.fill("input[name=q]", employer.uscc)
    _submit(page, "form.search")
    _check(page, language, "employers")
    page.goto(url + "/console/employers/new/")
    _check(page, language, "employer-new")
    page.goto(f"{url}/console/employers/{employer.pk}/jobs/new/")
    _check(page, language, "job-new")

    auditor = make_user("auditor")
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": _session_for(auditor), "url": url}])
    page.goto(f"{url}/console/workers/{worker.pk}/")
    assert page.locator("form[action$='/calls/'], form[action$='/reveal/'], form[action$='/propose/']").count() == 0
    _check(page, language, "auditor-worker")


def _session_for(user) -> str:
    from importlib import import_module as _import

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = _import(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key
