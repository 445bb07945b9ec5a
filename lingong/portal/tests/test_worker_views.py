"""The worker door through Django's test client: every view, every refusal."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.conf import settings

from lingong.accounts.models import SmsOutbox
from lingong.jobs.models import Application, Job, Placement
from lingong.jobs.services import application_create
from lingong.jobs.tests.factories import post_job
from lingong.workers.models import Consent, Worker

from .conftest import sms_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(register_worker):
    return register_worker(trades=("mover",), home_lat="29.650000", home_lon="91.130000")


@pytest.fixture
def job(employer_account, job_types):
    from django.utils import timezone

    emp = employer_account()
    day = timezone.localdate() + timedelta(days=1)  # tomorrow: today's work may already be over
    return post_job(
        employer=emp,
        job_type=job_types["mover"],
        actor=emp.user,
        start=day,
        today=day,
        hours=(time(9), time(17)),
        channel="web",
    )


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/w/mine/")
    assert response.status_code == 302 and response["Location"] == "/w/login/?next=%2Fw%2Fmine%2F"


def test_employer_cannot_use_the_worker_door(client, employer_account):
    client.force_login(employer_account().user)
    for url in ("/w/", "/w/profile/", "/w/jobs/", "/w/mine/", "/w/messages/"):
        assert client.get(url).status_code == 403


def test_sign_in_by_phone_and_sms_code(client, send, worker):
    page = client.get("/w/login/")
    assert page.status_code == 200 and 'name="phone"' in page.content.decode()
    response = send("/w/login/", {"phone": "13900000001", "action": "send"})
    assert response.status_code == 200 and 'name="code"' in response.content.decode()
    assert SmsOutbox.objects.count() == 1
    response = client.post(
        "/w/login/",
        {
            "phone": "13900000001",
            "code": "000000" if sms_code("13900000001") != "000000" else "111111",
            "action": "sign_in",
        },
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    response = client.post("/w/login/", {"phone": "13900000001", "code": sms_code("13900000001"), "action": "sign_in"})
    assert response.status_code == 302 and response["Location"] == "/w/"
    assert int(client.session["_auth_user_id"]) == worker.user_id
    assert client.get("/w/").status_code == 200


def test_unregistered_phone_is_pointed_to_registration_and_gets_no_sms(client, send, worker):
    response = send("/w/login/", {"phone": "13912345678", "action": "send"})
    html = response.content.decode()
    assert response.status_code == 200 and 'href="/w/register/"' in html and 'id="not-registered"' in html
    assert SmsOutbox.objects.count() == 0


def test_invalid_phone_gets_its_message_and_no_sms(client, send, worker):
    response = send("/w/login/", {"phone": "12345", "action": "send"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert SmsOutbox.objects.count() == 0 and "_auth_user_id" not in client.session


def test_sign_in_without_code_asks_for_it(client, worker):
    response = client.post("/w/login/", {"phone": "13900000001", "code": "", "action": "sign_in"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_web_registration_with_consent_and_sms(client, send, job_types, id_numbers):
    form = {
        "name": "次仁",
        "id_number": id_numbers[150],
        "phone": "13611112222",
        "trades": [job_types["mover"].pk],
        "speaks_bo": "on",
        "speaks_zh": "on",
    }
    page = client.get("/w/register/")
    assert page.status_code == 200 and 'name="consent"' in page.content.decode()
    send("/w/register/", {**form, "action": "send"})
    code = sms_code("13611112222")
    # No consent: refused, nothing stored, and the code still works afterwards.
    response = client.post("/w/register/", {**form, "code": code, "action": "register"})
    assert response.status_code == 200 and Worker.objects.count() == 0
    # A wrong code: refused, nothing stored.
    wrong = "000000" if code != "000000" else "111111"
    response = client.post("/w/register/", {**form, "consent": "on", "code": wrong, "action": "register"})
    assert response.status_code == 200 and Worker.objects.count() == 0
    response = client.post("/w/register/", {**form, "consent": "on", "code": code, "action": "register"})
    assert response.status_code == 302 and response["Location"] == "/w/profile/"
    worker = Worker.objects.get()
    assert (worker.name, worker.channel, worker.phone_masked, worker.speaks_bo) == ("次仁", "web", "136****2222", True)
    consent = Consent.objects.get(worker=worker)
    assert (consent.channel, consent.notice_version, consent.recorded_by) == (
        "web",
        settings.CONSENT_NOTICE_VERSION,
        None,
    )
    assert int(client.session["_auth_user_id"]) == worker.user_id


def test_registration_of_a_taken_phone_sends_no_code(client, send, worker, job_types, id_numbers):
    response = send(
        "/w/register/",
        {
            "name": "次仁",
            "id_number": id_numbers[150],
            "phone": "13900000001",
            "trades": [job_types["mover"].pk],
            "action": "send",
        },
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert SmsOutbox.objects.count() == 0


def test_profile_shows_masked_data_only(client, worker):
    from lingong.core.crypto import unseal

    client.force_login(worker.user)
    html = client.get("/w/profile/").content.decode()
    assert worker.id_number_masked in html and "139****0001" in html
    assert unseal(worker.id_number_sealed, purpose="id_number") not in html and "13900000001" not in html


def test_profile_trades_times_and_details_are_saved(client, worker, job_types, stations):
    client.force_login(worker.user)
    assert client.get("/w/profile/trades/").status_code == 200
    response = client.post("/w/profile/trades/", {"trades": [job_types["cleaner"].pk, job_types["cook"].pk]})
    assert response.status_code == 302
    assert sorted(worker.trades.values_list("job_type__slug", flat=True)) == ["cleaner", "cook"]
    # none chosen: refused, unchanged
    assert client.post("/w/profile/trades/", {}).status_code == 200
    assert sorted(worker.trades.values_list("job_type__slug", flat=True)) == ["cleaner", "cook"]

    assert client.get("/w/profile/times/").status_code == 200
    assert client.post("/w/profile/times/", {"slots": ["0-0", "6-2"]}).status_code == 302
    worker.refresh_from_db()
    assert worker.availability_mask == (1 << 0) | (1 << 20)
    assert client.post("/w/profile/times/", {"slots": []}).status_code == 200
    assert client.post("/w/profile/times/", {"slots": ["9-9"]}).status_code == 200
    worker.refresh_from_db()
    assert worker.availability_mask == (1 << 0) | (1 << 20)

    assert client.get("/w/profile/edit/").status_code == 200
    response = client.post(
        "/w/profile/edit/",
        {
            "home_area": "八廓街",
            "home_station": stations["gongdelin"].pk,
            "travel_km": 5,
            "min_day_pay_yuan": "180",
            "max_intensity": 2,
            "speaks_zh": "on",
            "speaks_bo": "on",
            "name_bo": "བཀྲ་ཤིས",
        },
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert (worker.home_area, worker.travel_km, worker.min_day_pay_fen, worker.max_intensity, worker.name_bo) == (
        "八廓街",
        5,
        18000,
        2,
        "བཀྲ་ཤིས",
    )
    assert worker.home_lat == stations["gongdelin"].lat
    for bad in ({"travel_km": 0}, {"travel_km": 5, "min_day_pay_yuan": "abc"}):
        data = {"max_intensity": 2, **bad}
        assert client.post("/w/profile/edit/", data).status_code == 200
    worker.refresh_from_db()
    assert (worker.travel_km, worker.min_day_pay_fen) == (5, 18000)


def test_phone_change_needs_a_code_sent_to_the_new_phone(client, send, worker, register_worker):
    other = register_worker()
    client.force_login(worker.user)
    assert client.get("/w/profile/phone/").status_code == 200
    # a phone of another worker: refused before any SMS
    response = send("/w/profile/phone/", {"phone": "13900000002", "action": "send"})
    assert response.status_code == 200 and SmsOutbox.objects.count() == 0 and other.phone_masked == "139****0002"
    send("/w/profile/phone/", {"phone": "13512345678", "action": "send"})
    code = sms_code("13512345678")
    wrong = "000000" if code != "000000" else "111111"
    assert (
        client.post("/w/profile/phone/", {"phone": "13512345678", "code": wrong, "action": "change"}).status_code == 200
    )
    worker.refresh_from_db()
    assert worker.phone_masked == "139****0001"
    response = client.post("/w/profile/phone/", {"phone": "13512345678", "code": code, "action": "change"})
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.phone_masked == "135****5678"


def test_recommendations_and_search(client, worker, job, job_types):
    client.force_login(worker.user)
    html = client.get("/w/").content.decode()
    assert f'href="/w/jobs/{job.pk}/"' in html and "reasons" in html
    assert f"/w/jobs/{job.pk}/" in client.get("/w/jobs/").content.decode()
    found = client.get("/w/jobs/", {"trade": job_types["mover"].pk, "min_pay_yuan": 300}).content.decode()
    assert f"/w/jobs/{job.pk}/" in found
    assert f"/w/jobs/{job.pk}/" not in client.get("/w/jobs/", {"min_pay_yuan": 301}).content.decode()
    assert f"/w/jobs/{job.pk}/" not in client.get("/w/jobs/", {"trade": job_types["cook"].pk}).content.decode()
    assert client.get("/w/jobs/", {"day": "not a date", "trade": "x"}).status_code == 200
    assert client.get(f"/w/jobs/{job.pk}/").status_code == 200
    assert client.get("/w/jobs/999999/").status_code == 404


@pytest.mark.parametrize(
    "language, said",
    [("zh-hans", "这个岗位已经不招人了。"), ("bo", "ལས་གནས་འདིར་ད་ལྟ་མི་འཚོལ་གྱི་མེད།")],
)
def test_a_job_filled_since_the_list_sends_the_worker_back_to_the_open_jobs_with_the_reason(
    client, worker, job, language, said
):
    """Opened from a list or an SMS read a moment ago, or applied for from it: the open jobs, and why."""
    client.force_login(worker.user)
    Job.objects.filter(pk=job.pk).update(status="filled")
    for ask, path in ((client.get, f"/w/jobs/{job.pk}/"), (client.post, f"/w/jobs/{job.pk}/apply/")):
        response = ask(path, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 302 and response["Location"] == "/w/jobs/"
        page = client.get("/w/jobs/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert said in page and page.count(said) == 1
    assert not Application.objects.exists()
    assert client.get("/w/jobs/999999/").status_code == 404  # a job that never was stays "not found"


def test_apply_then_withdraw(client, worker, job):
    client.force_login(worker.user)
    assert client.get(f"/w/jobs/{job.pk}/apply/").status_code == 405
    response = client.post(f"/w/jobs/{job.pk}/apply/")
    assert response.status_code == 302 and response["Location"] == "/w/mine/"
    application = Application.objects.get()
    assert (application.origin, application.channel, application.status) == ("worker", "web", "accepted_by_worker")
    # applying twice: a message, still one application
    client.post(f"/w/jobs/{job.pk}/apply/")
    assert Application.objects.count() == 1
    assert "data-application" in client.get("/w/mine/").content.decode()
    client.post(f"/w/applications/{application.pk}/withdraw/")
    application.refresh_from_db()
    assert application.status == "withdrawn"
    # withdrawing again is refused with a message, no error page
    assert client.post(f"/w/applications/{application.pk}/withdraw/").status_code == 302


def test_accept_an_invitation_makes_a_placement_and_a_message(client, worker, job):
    application = application_create(job=job, worker=worker, origin="employer", channel="web", actor=job.employer.user)
    client.force_login(worker.user)
    assert 'class="invite"' in client.get("/w/mine/").content.decode()
    assert client.get("/w/messages/").content.decode().count('class="card message-item"') == 1
    client.post(f"/w/applications/{application.pk}/accept/")
    placement = Placement.objects.get()
    assert (placement.worker_id, placement.job_id, placement.channel) == (worker.pk, job.pk, "web")
    assert f'data-placement="{placement.pk}"' in client.get("/w/mine/").content.decode()


def test_decline_an_invitation(client, worker, job):
    application = application_create(job=job, worker=worker, origin="employer", channel="web", actor=job.employer.user)
    client.force_login(worker.user)
    client.post(f"/w/applications/{application.pk}/decline/")
    application.refresh_from_db()
    assert application.status == "declined" and Placement.objects.count() == 0


def test_a_worker_cannot_answer_for_another(client, worker, register_worker, job):
    other = register_worker()
    application = application_create(job=job, worker=other, origin="employer", channel="web", actor=job.employer.user)
    client.force_login(worker.user)
    for action in ("accept", "decline", "withdraw"):
        assert client.post(f"/w/applications/{application.pk}/{action}/").status_code == 404
    application.refresh_from_db()
    assert application.status == "accepted_by_employer"


def test_logout(client, worker):
    client.force_login(worker.user)
    assert client.post("/w/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


# --- what a newcomer tripped over: tab names, the status by the dates, the true count and pages ----


def _t(msgid: str, language: str, context: str | None = None) -> str:
    from django.utils import translation

    with translation.override(language):
        return translation.pgettext(context, msgid) if context else translation.gettext(msgid)


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_the_two_tabs_of_my_applications_and_my_work_have_distinct_names(client, worker, language):
    import re

    client.force_login(worker.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/w/").content.decode()
    mine = re.search(r'<a href="/w/mine/" >([^<]+)</a>', html).group(1)
    work = re.search(r'<a href="/w/work/" >([^<]+)</a>', html).group(1)
    assert (mine, work) == (_t("Applications and invitations", language), _t("Work and wages", language))
    assert mine != work
    assert f"<h1>{mine}</h1>" in client.get("/w/mine/").content.decode()
    assert f"<h1>{work}</h1>" in client.get("/w/work/").content.decode()


def test_a_hire_for_tomorrow_says_hired_then_at_work_then_finished(client, worker, job):
    import time_machine
    from django.utils import timezone, translation

    from lingong.portal.templatetags.portal import day

    application = application_create(job=job, worker=worker, origin="employer", channel="web", actor=job.employer.user)
    client.force_login(worker.user)
    client.post(f"/w/applications/{application.pk}/accept/")
    placement = Placement.objects.get()
    assert placement.start_date == timezone.localdate() + timedelta(days=1)
    for url in ("/w/mine/", "/w/work/"):
        html = client.get(url).content.decode()
        with translation.override("zh-hans"):
            expected = translation.gettext("Hired, starts %(day)s") % {"day": day(placement.start_date)}
        assert f'data-state="hired">{expected}</span>' in html and "明天" in expected, url
        assert _t("Active", "zh-hans") not in html
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        html = client.get("/w/work/").content.decode()
        assert f'data-state="at_work">{_t("At work today", "zh-hans")}</span>' in html
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        html = client.get("/w/work/").content.decode()
        assert f'data-state="finished">{_t("Work finished", "zh-hans", "placement")}</span>' in html


def test_placement_phase_follows_the_dates_and_the_status(worker, job):
    from lingong.jobs.selectors import placement_phase

    application = application_create(job=job, worker=worker, origin="employer", channel="web", actor=job.employer.user)
    from lingong.jobs.services import application_accept

    application_accept(application=application, side="worker", actor=worker.user, channel="web")
    placement = Placement.objects.get()
    first = placement.start_date
    assert [placement_phase(placement=placement, today=first + timedelta(days=d)) for d in (-1, 0, 1)] == [
        "hired",
        "at_work",
        "finished",
    ]
    placement.status = "cancelled"
    assert placement_phase(placement=placement, today=first) == "cancelled"
    placement.status = "completed"
    assert placement_phase(placement=placement, today=first) == "finished"


@pytest.fixture
def many_jobs(employer_account, job_types):
    from django.utils import timezone

    emp = employer_account()
    day = timezone.localdate() + timedelta(days=1)
    return [
        post_job(
            employer=emp,
            job_type=job_types["mover" if i % 3 else "cook"],
            actor=emp.user,
            start=day,
            today=day,
            hours=(time(9), time(17)),
            channel="web",
        )
        for i in range(45)
    ]


def test_find_work_shows_the_true_count_and_pages(client, worker, many_jobs, job_types):
    import re

    client.force_login(worker.user)
    first = client.get("/w/jobs/").content.decode()
    assert '<h2 id="found">45 个岗位</h2>' in first
    assert first.count('<li class="card">') == 20
    assert 'rel="next" href="?page=2#found"' in first and 'rel="prev"' not in first
    assert _t("Page %(number)s of %(pages)s", "zh-hans") % {"number": 1, "pages": 3} in first
    last = client.get("/w/jobs/", {"page": 3}).content.decode()
    assert (
        last.count('<li class="card">') == 5 and 'rel="prev" href="?page=2#found"' in last and 'rel="next"' not in last
    )
    shown = set()
    for number in (1, 2, 3):
        html = client.get("/w/jobs/", {"page": number}).content.decode()
        shown |= {int(pk) for pk in re.findall(r'href="/w/jobs/(\d+)/"', html)}
    assert shown == {j.pk for j in many_jobs}
    # a filter keeps its count and its pages
    movers = client.get("/w/jobs/", {"trade": job_types["mover"].pk}).content.decode()
    assert '<h2 id="found">30 个岗位</h2>' in movers
    assert f'rel="next" href="?trade={job_types["mover"].pk}&amp;page=2#found"' in movers
    second = client.get("/w/jobs/", {"trade": job_types["mover"].pk, "page": 2}).content.decode()
    assert second.count('<li class="card">') == 10
    # a page past the end shows the last one, not an error
    assert client.get("/w/jobs/", {"page": 99}).content.decode().count('<li class="card">') == 5


def _page_and_queries(client, url: str, **params) -> tuple[str, list[str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in captured]


def _jobs_read(queries: list[str]) -> int:
    return sum('FROM "jobs_job"' in sql for sql in queries)


def _found(html: str) -> str:
    return html[html.index('<h2 id="found">') : html.index("</ul>", html.index('<h2 id="found">'))]


def test_the_list_with_no_condition_is_drawn_once_for_every_worker_and_again_when_a_job_changes(
    client, worker, register_worker, job, job_types, monkeypatch
):
    from lingong.jobs import selectors

    client.force_login(worker.user)
    first, drawn = _page_and_queries(client, "/w/jobs/")
    client.force_login(register_worker(name="次仁", phone="13912345678").user)
    same, kept = _page_and_queries(client, "/w/jobs/")
    assert _found(same) == _found(first) and f"/w/jobs/{job.pk}/" in same
    assert _jobs_read(drawn) >= 2 and _jobs_read(kept) == 0  # neither the count nor the page of jobs read again
    assert sum('FROM "workers_worker"' in sql for sql in kept) == 1  # the door's; its menu asks the door, not the user

    # Each language, and a condition or a made-up page, is drawn on its own (a condition: every time).
    client.cookies["lingong_language"] = "bo"
    tibetan = _found(_page_and_queries(client, "/w/jobs/")[0])
    assert tibetan != _found(first) and f"/w/jobs/{job.pk}/" in tibetan
    del client.cookies["lingong_language"]
    searched = [_page_and_queries(client, "/w/jobs/", trade=job_types["mover"].pk)[1] for _ in range(2)]
    assert _jobs_read(searched[0]) == _jobs_read(searched[1]) >= 2
    for page in ("abc", "99999", "²", "1" * 5000):
        assert f"/w/jobs/{job.pk}/" in _page_and_queries(client, "/w/jobs/", page=page)[0]

    # A job posted in this process shows at once.
    posted = post_job(
        employer=job.employer,
        job_type=job_types["cook"],
        actor=job.employer.user,
        start=job.start_date,
        today=job.start_date,
    )
    assert f"/w/jobs/{posted.pk}/" in _page_and_queries(client, "/w/jobs/")[0]
    # A hire takes the job's one place by a conditional update, which no signal sees: once the half second has
    # passed in which the process keeps the jobs' last change, the full job is off the list.
    monkeypatch.setattr(selectors._jobs_changed, "seconds", 0)
    invitation = application_create(job=job, worker=worker, origin="employer", channel="web", actor=job.employer.user)
    client.force_login(worker.user)
    client.post(f"/w/applications/{invitation.pk}/accept/")
    assert Placement.objects.filter(job=job).exists()
    after = _found(_page_and_queries(client, "/w/jobs/")[0])
    assert f"/w/jobs/{job.pk}/" not in after and f"/w/jobs/{posted.pk}/" in after


def test_the_search_form_with_nothing_asked_is_drawn_once_a_minute(client, worker, job_types, now):
    """Its trades and stations come from snapshots up to a minute old; a form that was sent is drawn each time."""
    import time_machine

    from lingong.core.snapshot import Snapshot
    from lingong.trades.models import JobType

    client.force_login(worker.user)
    mover = job_types["mover"]
    assert f">{mover.name}</option>" in client.get("/w/jobs/").content.decode()
    JobType.objects.filter(pk=mover.pk).update(name_zh="搬运装卸")  # no signal: as another process would see it
    Snapshot.clear_every()
    assert f">{mover.name}</option>" in client.get("/w/jobs/").content.decode()  # kept
    assert ">搬运装卸</option>" in client.get("/w/jobs/", {"trade": mover.pk}).content.decode()  # sent: drawn
    with time_machine.travel(now + timedelta(seconds=61)):
        Snapshot.clear_every()
        assert ">搬运装卸</option>" in client.get("/w/jobs/").content.decode()
