"""The employer door through Django's test client: every view, every refusal."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
import time_machine
from django.utils import timezone

from lingong.accounts.models import SmsOutbox, User
from lingong.core.models import IdempotencyKey
from lingong.employers.models import Employer
from lingong.jobs.models import Application, Job, Placement
from lingong.jobs.selectors import job_fast_defaults
from lingong.jobs.services import application_create
from lingong.jobs.tests.factories import post_job

from .conftest import sms_code

pytestmark = pytest.mark.django_db
OTHER_USCC = "91540100MA6T11125C"


@pytest.fixture
def boss(employer_account):
    return employer_account()


@pytest.fixture
def other_boss(employer_account):
    return employer_account(phone="13700137001", uscc=OTHER_USCC, name="布达拉宾馆")


@pytest.fixture
def worker(register_worker):
    return register_worker(trades=("mover",), home_lat="29.650000", home_lon="91.130000")


@pytest.fixture
def job(boss, job_types):
    day = timezone.localdate() + timedelta(days=1)  # tomorrow: today's work may already be over
    return post_job(
        employer=boss,
        job_type=job_types["mover"],
        actor=boss.user,
        start=day,
        today=day,
        hours=(time(9), time(17)),
        channel="web",
    )


def fast_form(stations, **overrides):
    data = {
        "token": "a" * 32,
        "headcount": 2,
        "pay_yuan": "250",
        "pay_unit": "day",
        "start_date": timezone.localdate().isoformat(),
        "days": 1,
        "start_time": "09:00",
        "end_time": "18:00",
        "address": "拉萨市城关区北京中路 8 号",
        "area": stations["gongdelin"].pk,
        "description": "",
    }
    data.update(overrides)
    return data


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/e/post/")
    assert response.status_code == 302 and response["Location"] == "/e/login/?next=%2Fe%2Fpost%2F"


def test_worker_cannot_use_the_employer_door(client, worker, job):
    client.force_login(worker.user)
    for url in ("/e/", "/e/post/", "/e/post/mover/", f"/e/jobs/{job.pk}/"):
        assert client.get(url).status_code == 403
    assert client.post(f"/e/jobs/{job.pk}/close/").status_code == 403
    job.refresh_from_db()
    assert job.status == "open"


def test_sign_up_as_enterprise_with_sms(client, send, stations):
    form = {
        "kind": "enterprise",
        "name": "拉萨阳光酒店",
        "uscc": OTHER_USCC,
        "contact_name": "格桑",
        "contact_phone": "13698765432",
        "address": "拉萨市城关区林廓北路",
        "station": stations["jinzhu-xilu"].pk,
    }
    assert client.get("/e/signup/").status_code == 200
    response = send("/e/signup/", {**form, "action": "send"})
    assert response.status_code == 200 and 'name="code"' in response.content.decode()
    code = sms_code("13698765432")
    wrong = "000000" if code != "000000" else "111111"
    assert client.post("/e/signup/", {**form, "code": wrong, "action": "sign_up"}).status_code == 200
    # a bad credit code is refused before the SMS code is used up
    assert (
        client.post("/e/signup/", {**form, "uscc": "91540100MA6T11117X", "code": code, "action": "sign_up"}).status_code
        == 200
    )
    assert Employer.objects.count() == 0 and User.objects.filter(role="employer").count() == 0
    response = client.post("/e/signup/", {**form, "code": code, "action": "sign_up"})
    assert response.status_code == 302 and response["Location"] == "/e/post/"
    employer = Employer.objects.get()
    assert (employer.kind, employer.channel, employer.user.role, employer.contact_phone_masked, employer.station) == (
        "enterprise",
        "web",
        "employer",
        "136****5432",
        stations["jinzhu-xilu"],
    )
    assert int(client.session["_auth_user_id"]) == employer.user_id


def test_sign_up_as_individual(client, send, stations, id_numbers):
    form = {
        "kind": "individual",
        "name": "达瓦",
        "id_number": id_numbers[120],
        "contact_name": "达瓦",
        "contact_phone": "13698765433",
        "address": "拉萨市城关区",
        "station": stations["gongdelin"].pk,
    }
    send("/e/signup/", {**form, "action": "send"})
    response = client.post("/e/signup/", {**form, "code": sms_code("13698765433"), "action": "sign_up"})
    assert response.status_code == 302
    employer = Employer.objects.get()
    assert employer.kind == "individual" and employer.id_number_masked.startswith("540102********")


def test_sign_up_twice_with_one_phone_sends_no_code(client, send, boss, stations):
    response = send(
        "/e/signup/",
        {
            "kind": "enterprise",
            "name": "x",
            "uscc": OTHER_USCC,
            "contact_name": "x",
            "contact_phone": "13700137000",
            "address": "x",
            "station": stations["gongdelin"].pk,
            "action": "send",
        },
    )
    assert response.status_code == 200 and SmsOutbox.objects.count() == 0


def test_sign_in_by_sms(client, send, boss):
    assert client.get("/e/login/").status_code == 200
    assert send("/e/login/", {"phone": "13800000000", "action": "send"}).status_code == 200
    assert SmsOutbox.objects.count() == 0  # no account: no SMS
    send("/e/login/", {"phone": "13700137000", "action": "send"})
    code = sms_code("13700137000")
    wrong = "000000" if code != "000000" else "111111"
    assert client.post("/e/login/", {"phone": "13700137000", "code": wrong, "action": "sign_in"}).status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post("/e/login/", {"phone": "13700137000", "code": code, "action": "sign_in"})
    assert response.status_code == 302 and response["Location"] == "/e/"
    assert int(client.session["_auth_user_id"]) == boss.user_id


def test_trade_tiles_and_prefilled_fast_form(client, boss, job_types, now):
    client.force_login(boss.user)
    assert 'href="/e/post/cook/"' in client.get("/e/post/").content.decode()
    # At 10:00 sharp (the clock stands still: a second later the next whole hour a worker can make is 12:00).
    with time_machine.travel(now, tick=False):
        html = client.get("/e/post/cook/").content.decode()
        expected = job_fast_defaults(job_type=job_types["cook"])
    # cook: typical 250-400 yuan a day → 325; at 10:00 the same day from 11:00 to 18:00; the employer's address
    assert 'name="pay_yuan" value="325"' in html
    assert (expected.start_date, expected.start_time.hour) == (timezone.localdate(), 11)
    assert f'name="start_date" value="{expected.start_date.isoformat()}"' in html
    assert 'name="start_time" value="11:00"' in html and 'name="end_time" value="18:00"' in html
    assert "拉萨市城关区北京中路" in html
    assert client.get("/e/post/no-such-trade/").status_code == 404


def test_fast_post_creates_one_job_even_when_sent_twice(client, boss, stations, job_types):
    client.force_login(boss.user)
    first = client.post("/e/post/cook/", fast_form(stations))
    second = client.post("/e/post/cook/", fast_form(stations))
    job = Job.objects.get()
    assert first["Location"] == second["Location"] == f"/e/jobs/{job.pk}/"
    assert (job.job_type, job.headcount, job.pay_fen, job.is_fast_channel, job.channel, job.status, job.created_by) == (
        job_types["cook"],
        2,
        25000,
        True,
        "web",
        "open",
        boss.user,
    )
    assert job.lat == stations["gongdelin"].lat and job.end_date == job.start_date
    assert IdempotencyKey.objects.get(scope="form:job_create").result == str(job.pk)


@pytest.mark.parametrize(
    "bad",
    [
        {"pay_yuan": "0"},
        {"pay_yuan": "abc"},
        {"headcount": "0"},
        {"start_date": (timezone.localdate() - timedelta(days=1)).isoformat()},
        {"start_time": "09:00", "end_time": "09:00"},
        {"token": "forged"},
        {"area": "999999"},
        {"description": "需交押金200元"},
    ],
)
def test_bad_job_posts_are_refused_and_change_nothing(client, boss, stations, bad):
    client.force_login(boss.user)
    response = client.post("/e/post/cook/", fast_form(stations, **bad))
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert Job.objects.count() == 0 and IdempotencyKey.objects.count() == 0


def test_refused_post_can_be_corrected_with_the_same_form(client, boss, stations):
    client.force_login(boss.user)
    client.post("/e/post/cook/", fast_form(stations, pay_yuan="0"))
    assert client.post("/e/post/cook/", fast_form(stations)).status_code == 302
    assert Job.objects.count() == 1


def test_job_page_ranks_candidates_with_masked_phones(client, boss, job, worker):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lingong.core.crypto import unseal

    client.force_login(boss.user)
    assert f'href="/e/jobs/{job.pk}/"' in client.get("/e/").content.decode()
    with CaptureQueriesContext(connection) as captured:
        html = client.get(f"/e/jobs/{job.pk}/").content.decode()
    assert f'data-worker="{worker.pk}"' in html and "139****0001" in html and 'class="reasons"' in html
    # The employer is read once, by the door (its menu asks the door, not the user); the job comes with it joined.
    assert sum(query["sql"].startswith('SELECT "employers_employer"') for query in captured) == 1
    assert "13900000001" not in html and unseal(worker.id_number_sealed, purpose="id_number") not in html
    assert worker.id_number_masked not in html


def test_invite_then_worker_accepts(client, boss, job, worker):
    client.force_login(boss.user)
    response = client.post(f"/e/jobs/{job.pk}/invite/", {"worker": worker.pk})
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.origin, application.status, application.channel) == ("employer", "accepted_by_employer", "web")
    # inviting twice: a message, one application; a bad worker id: 404
    client.post(f"/e/jobs/{job.pk}/invite/", {"worker": worker.pk})
    assert Application.objects.count() == 1
    assert client.post(f"/e/jobs/{job.pk}/invite/", {"worker": "abc"}).status_code == 404
    assert client.post(f"/e/jobs/{job.pk}/invite/", {"worker": "999999"}).status_code == 404


def test_accept_an_applicant_hires_them(client, boss, job, worker):
    application = application_create(job=job, worker=worker, origin="worker", channel="web", actor=worker.user)
    client.force_login(boss.user)
    assert f'data-application="{application.pk}"' in client.get(f"/e/jobs/{job.pk}/").content.decode()
    client.post(f"/e/applications/{application.pk}/accept/")
    placement = Placement.objects.get()
    assert (placement.worker, placement.job, placement.channel) == (worker, job, "web")
    html = client.get(f"/e/jobs/{job.pk}/").content.decode()
    assert 'class="card placement"' in html
    job.refresh_from_db()
    assert (job.places_filled, job.status) == (1, "filled")


def test_decline_an_applicant(client, boss, job, worker):
    application = application_create(job=job, worker=worker, origin="worker", channel="web", actor=worker.user)
    client.force_login(boss.user)
    client.post(f"/e/applications/{application.pk}/decline/")
    application.refresh_from_db()
    assert application.status == "declined" and Placement.objects.count() == 0


def test_close_a_job(client, boss, job, worker):
    application = application_create(job=job, worker=worker, origin="worker", channel="web", actor=worker.user)
    client.force_login(boss.user)
    client.post(f"/e/jobs/{job.pk}/close/")
    job.refresh_from_db()
    application.refresh_from_db()
    assert (job.status, application.status) == ("cancelled", "expired")
    # closing again: a message, not an error page
    assert client.post(f"/e/jobs/{job.pk}/close/").status_code == 302


def test_another_employer_sees_nothing_of_my_job(client, other_boss, job, worker):
    application = application_create(job=job, worker=worker, origin="worker", channel="web", actor=worker.user)
    client.force_login(other_boss.user)
    assert f"/e/jobs/{job.pk}/" not in client.get("/e/").content.decode()
    assert client.get(f"/e/jobs/{job.pk}/").status_code == 404
    assert client.post(f"/e/jobs/{job.pk}/invite/", {"worker": worker.pk}).status_code == 404
    assert client.post(f"/e/jobs/{job.pk}/close/").status_code == 404
    assert client.post(f"/e/applications/{application.pk}/accept/").status_code == 404
    assert client.post(f"/e/applications/{application.pk}/decline/").status_code == 404
    application.refresh_from_db()
    job.refresh_from_db()
    assert (application.status, job.status, Application.objects.count()) == ("accepted_by_worker", "open", 1)


def test_unknown_job_is_404(client, boss):
    client.force_login(boss.user)
    assert client.get("/e/jobs/999999/").status_code == 404


def test_landing_has_the_two_doors(client):
    html = client.get("/").content.decode()
    assert 'href="/w/"' in html and 'href="/e/"' in html


# --- the posting form says "all filled in" only when it is -----------------------------------


def _msg(msgid: str) -> str:
    from django.utils import translation

    with translation.override("zh-hans"):
        return translation.gettext(msgid)


FILLED_IN = "Everything is filled in. Check the number of workers, the pay, the time and the place, then post."
TO_CORRECT = "Some answers need correcting: see the red messages below."


def test_the_green_all_filled_in_is_shown_on_a_complete_form_only(client, boss, stations):
    client.force_login(boss.user)
    fresh = client.get("/e/post/cook/").content.decode()
    assert _msg(FILLED_IN) in fresh and _msg(TO_CORRECT) not in fresh
    refused = client.post("/e/post/cook/", fast_form(stations, pay_yuan="0")).content.decode()
    assert "errorlist" in refused
    assert _msg(FILLED_IN) not in refused and _msg(TO_CORRECT) in refused
    assert refused.index(_msg(TO_CORRECT)) < refused.index('name="pay_yuan"')
    assert Job.objects.count() == 0


def test_a_form_with_a_missing_default_asks_to_fill_it_in(client, boss, stations):
    from lingong.employers.models import Employer

    Employer.objects.filter(pk=boss.pk).update(address="")
    client.force_login(boss.user)
    page = client.get("/e/post/cook/").content.decode()
    assert _msg(FILLED_IN) not in page and _msg("Please fill in the empty fields, then post.") in page


def test_my_jobs_come_in_pages_the_newest_first(client, boss, job_types):
    """A busy employer's jobs are paged, never cut and never one endless list; a made-up page gives a real one."""
    from lingong.portal.employer.jobs import EMPLOYER_JOBS_PER_PAGE

    jobs = [
        post_job(employer=boss, job_type=job_types["mover"], actor=boss.user, channel="web")
        for _ in range(EMPLOYER_JOBS_PER_PAGE + 1)
    ]
    client.force_login(boss.user)

    first = client.get("/e/").content.decode()
    assert first.count('data-job="') == EMPLOYER_JOBS_PER_PAGE
    assert f'data-job="{jobs[-1].pk}"' in first and f'data-job="{jobs[0].pk}"' not in first
    assert 'rel="next" href="?page=2#my-jobs"' in first

    second = client.get("/e/?page=2").content.decode()
    assert second.count('data-job="') == 1 and f'data-job="{jobs[0].pk}"' in second
    for made_up in ("abc", "99999", "-1", "²", "9" * 5000):
        response = client.get("/e/", {"page": made_up})
        assert response.status_code == 200 and response.content.decode().count('data-job="') >= 1
