"""The console over the test client: who may enter, who may change what, and
bad input that gets its message and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from lingong.calls.models import CallRecord
from lingong.calls.services import call_record
from lingong.core.models import AccessLog
from lingong.employers.models import Employer
from lingong.jobs.models import Application, Job
from lingong.jobs.services import application_create
from lingong.jobs.tests.factories import post_job
from lingong.workers.models import Worker

pytestmark = pytest.mark.django_db


def _t(msgid: str, language: str = "zh-hans") -> str:
    with translation.override(language):
        return gettext(msgid)


@pytest.fixture
def job(employer, job_types, staff):
    return post_job(
        employer=employer,
        job_type=job_types["mover"],
        actor=staff,
        start=timezone.localdate() + timedelta(days=5),
        today=timezone.localdate(),
    )


@pytest.fixture
def worker(register_worker):
    return register_worker()


def _register_data(number, **extra):
    from lingong.trades.models import JobType

    data = {
        "name": "次仁",
        "id_number": number,
        "phone": "13711112222",
        "trades": [JobType.objects.get(slug="mover").pk],
        "travel_km": 10,
        "max_intensity": 3,
        "slots": ["0-0", "1-1"],
        "consent": "on",
        "speaks_bo": "on",
    }
    data.update(extra)
    return data


# --- entering the console -------------------------------------------------------


def test_anonymous_is_sent_to_the_sign_in(client):
    response = client.get("/console/")
    assert (response.status_code, response["Location"]) == (302, "/console/login/?next=/console/")


def test_staff_sign_in(client, staff):
    response = client.post("/console/login/", {"username": staff.username, "password": "pw"})
    assert (response.status_code, response["Location"]) == (302, "/console/")
    assert client.get("/console/").status_code == 200


@pytest.mark.parametrize("role", ["worker", "employer"])
def test_workers_and_employers_cannot_enter(client, make_user, role):
    user = make_user(role)
    response = client.post("/console/login/", {"username": user.username, "password": "pw"})
    assert response.status_code == 200
    assert _t("This account cannot use the staff console.") in response.content.decode()
    client.force_login(user)
    for url in ("/console/", "/console/workers/new/", "/console/jobs/"):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", ["station_staff", "rights_officer", "district_admin", "auditor"])
def test_back_office_roles_enter(client, make_user, stations, role):
    user = make_user(role, station=stations["gongdelin"] if role == "station_staff" else None)
    client.force_login(user)
    assert client.get("/console/").status_code == 200


# --- search -----------------------------------------------------------------------


def test_a_swiped_id_number_opens_the_worker(client, staff, worker, id_numbers):
    client.force_login(staff)
    response = client.post("/console/workers/", {"q": id_numbers[1] + "\r"})
    assert (response.status_code, response["Location"]) == (302, f"/console/workers/{worker.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert worker.id_number_masked in page and id_numbers[1] not in page
    assert worker.phone_masked in page and "13900000001" not in page


def test_search_by_name_lists_masked_values(client, staff, worker):
    client.force_login(staff)
    page = client.post("/console/workers/", {"q": "扎西"}).content.decode()
    assert worker.phone_masked in page and worker.id_number_masked in page


def test_a_bad_id_number_in_the_search_says_so(client, staff, id_numbers):
    client.force_login(staff)
    bad = id_numbers[5][:-1] + ("0" if id_numbers[5][-1] != "0" else "1")
    response = client.post("/console/workers/", {"q": bad})
    assert response.status_code == 400
    assert _t("The ID number is not valid: please check every digit.") in response.content.decode()


def test_unknown_id_number_offers_registration(client, staff, id_numbers):
    client.force_login(staff)
    page = client.post("/console/workers/", {"q": id_numbers[40]}).content.decode()
    assert _t("Register this person as a new worker") in page
    prefilled = client.post("/console/workers/new/", {"prefill": "1", "id_number": id_numbers[40]})
    assert prefilled.status_code == 200
    assert f'value="{id_numbers[40]}"' in prefilled.content.decode()
    assert Worker.objects.count() == 0


# --- assisted registration ------------------------------------------------------------


def test_register_a_walk_in(client, staff, stations, id_numbers):
    client.force_login(staff)
    response = client.post("/console/workers/new/", _register_data(id_numbers[60]))
    worker = Worker.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/console/workers/{worker.pk}/")
    assert (worker.channel, worker.registered_station, worker.speaks_bo, worker.availability_mask) == (
        "window",
        stations["gongdelin"],
        True,
        0b10001,
    )
    consent = worker.consents.get()
    assert (consent.recorded_by, consent.read_aloud, consent.notice_version, consent.station) == (
        staff,
        True,
        settings.CONSENT_NOTICE_VERSION,
        stations["gongdelin"],
    )


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"consent": ""}, "consent", "Please read the notice to the worker and tick the box."),
        ({"trades": []}, "trades", "Please choose at least one kind of work."),
        ({"phone": "12345"}, "phone", "A mobile phone number has 11 digits."),
        ({"slots": []}, "slots", "Please choose when you can work."),
        ({"id_number": "54010219800101123"}, "id_number", "The ID number must be 18 characters."),
    ],
)
def test_registration_bad_input_changes_nothing(client, staff, id_numbers, change, field, message):
    client.force_login(staff)
    response = client.post("/console/workers/new/", _register_data(id_numbers[61], **change))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [_t(message)]
    assert Worker.objects.count() == 0


def test_duplicate_registration_is_refused(client, staff, worker, id_numbers):
    client.force_login(staff)
    response = client.post("/console/workers/new/", _register_data(id_numbers[1], phone="13722223333"))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        _t("This ID number is already registered. Please sign in instead.")
    ]
    assert Worker.objects.count() == 1


# --- the worker page: reveal, propose, call ------------------------------------------


def test_reveal_needs_a_reason_and_is_logged(client, staff, worker):
    client.force_login(staff)
    url = f"/console/workers/{worker.pk}/reveal/"
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert _t("Please say why you need to see this.") in response.content.decode()
    assert "13900000001" not in response.content.decode()
    assert AccessLog.objects.count() == 0
    response = client.post(url, {"reason": "通知面试"})
    assert response.status_code == 200
    assert 'href="tel:13900000001"' in response.content.decode()
    log = AccessLog.objects.get()
    assert (log.actor, log.field, log.reason, log.subject_id) == (staff, "phone", "通知面试", str(worker.pk))


def test_propose_twice_is_refused_the_second_time(client, staff, worker, job):
    client.force_login(staff)
    client.post(f"/console/workers/{worker.pk}/propose/", {"job": job.pk})
    response = client.post(f"/console/jobs/{job.pk}/propose/", {"worker": worker.pk}, follow=True)
    assert _t("This worker has already been proposed for this job.") in response.content.decode()
    application = Application.objects.get()
    assert (application.origin, application.channel, application.proposed_by) == ("staff", "window", staff)


def test_record_a_call(client, staff, worker, job):
    application = application_create(job=job, worker=worker, origin="staff", channel="window", actor=staff)
    client.force_login(staff)
    data = {
        "token": "tok-1",
        "application": application.pk,
        "outcome": "no_answer",
        "note": "关机",
        "call_back_at": (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    response = client.post(f"/console/workers/{worker.pk}/calls/", data)
    assert (response.status_code, response["Location"]) == (302, f"/console/workers/{worker.pk}/")
    call = CallRecord.objects.get()
    assert (call.outcome, call.note, call.application, call.staff) == ("no_answer", "关机", application, staff)
    again = client.post(f"/console/workers/{worker.pk}/calls/", data)
    assert again.status_code == 400
    assert _t("This call has already been recorded.") in again.content.decode()
    assert CallRecord.objects.count() == 1


def test_call_without_outcome_changes_nothing(client, staff, worker):
    client.force_login(staff)
    response = client.post(f"/console/workers/{worker.pk}/calls/", {"token": "t", "outcome": ""})
    assert response.status_code == 400
    assert response.context["call_form"].errors["outcome"] == [_t("Please choose what came of the call.")]
    assert CallRecord.objects.count() == 0


def test_interview_in_the_past_changes_nothing(client, staff, worker, job):
    application = application_create(job=job, worker=worker, origin="staff", channel="window", actor=staff)
    client.force_login(staff)
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/console/workers/{worker.pk}/calls/",
        {
            "token": "t",
            "application": application.pk,
            "outcome": "interview",
            "interview_at": past,
            "interview_place": "驿站",
        },
    )
    assert response.status_code == 400
    assert response.context["call_form"].errors["interview_at"] == [_t("The interview time cannot be in the past.")]
    application.refresh_from_db()
    assert (CallRecord.objects.count(), application.interview_at) == (0, None)


# --- permissions: other station, auditor -------------------------------------------


def test_staff_of_another_station_cannot_change_this_station(client, other_staff, worker, job, employer, id_numbers):
    client.force_login(other_staff)
    assert client.get(f"/console/workers/{worker.pk}/").status_code == 200  # may look (masked)
    assert client.post(f"/console/workers/{worker.pk}/calls/", {"token": "t", "outcome": "reached"}).status_code == 403
    assert client.post(f"/console/workers/{worker.pk}/reveal/", {"reason": "好奇看看"}).status_code == 403
    assert client.post(f"/console/workers/{worker.pk}/propose/", {"job": job.pk}).status_code == 403
    assert client.post(f"/console/jobs/{job.pk}/propose/", {"worker": worker.pk}).status_code == 403
    response = client.post(
        f"/console/employers/{employer.pk}/jobs/new/",
        {
            "job_type": job.job_type_id,
            "title": "洗碗",
            "headcount": 1,
            "pay_yuan": "150",
            "pay_unit": "day",
            "kind": "day_gig",
            "start_date": job.start_date,
            "end_date": job.start_date,
            "start_time": "09:00",
            "end_time": "17:00",
            "address": "北京中路",
            "lat": "29.65",
            "lon": "91.12",
        },
    )
    assert response.status_code == 403
    assert (
        CallRecord.objects.count(),
        AccessLog.objects.count(),
        Application.objects.count(),
        Job.objects.count(),
    ) == (0, 0, 0, 1)


def test_auditor_sees_but_cannot_change(client, auditor, worker, job, id_numbers):
    client.force_login(auditor)
    page = client.get(f"/console/workers/{worker.pk}/").content.decode()
    assert f'action="/console/workers/{worker.pk}/calls/"' not in page
    assert f'action="/console/workers/{worker.pk}/reveal/"' not in page
    assert f'action="/console/workers/{worker.pk}/propose/"' not in page
    assert _t("Read-only: you can see everything here but change nothing.") in page
    assert "/console/workers/new/" not in client.get("/console/").content.decode()
    posts = [
        ("/console/workers/new/", _register_data(id_numbers[70])),
        (f"/console/workers/{worker.pk}/calls/", {"token": "t", "outcome": "reached"}),
        (f"/console/workers/{worker.pk}/reveal/", {"reason": "检查记录"}),
        (f"/console/workers/{worker.pk}/propose/", {"job": job.pk}),
        (f"/console/jobs/{job.pk}/propose/", {"worker": worker.pk}),
        (
            "/console/employers/new/",
            {
                "kind": "enterprise",
                "name": "x",
                "uscc": "91540100MA6T11117H",
                "contact_name": "y",
                "contact_phone": "13800138001",
                "address": "z",
            },
        ),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 403, url
        assert _t("You are not allowed to do this.") in response.content.decode()
    assert (
        Worker.objects.count(),
        CallRecord.objects.count(),
        AccessLog.objects.count(),
        Application.objects.count(),
        Employer.objects.count(),
    ) == (1, 0, 0, 0, 1)


# --- an employer's demand by phone -------------------------------------------------------


def test_register_an_employer_and_post_their_job(client, staff, stations, job_types):
    client.force_login(staff)
    response = client.post(
        "/console/employers/new/",
        {
            "kind": "individual",
            "name": "王师傅",
            "id_number": "",
            "contact_name": "王师傅",
            "contact_phone": "13600001111",
            "address": "城关区八廓街",
        },
    )
    assert response.status_code == 400
    assert Employer.objects.count() == 0
    from lingong.core.idnumber import check_character

    first17 = "54010219750303123"
    response = client.post(
        "/console/employers/new/",
        {
            "kind": "individual",
            "name": "王师傅",
            "id_number": first17 + check_character(first17),
            "contact_name": "王师傅",
            "contact_phone": "13600001111",
            "address": "城关区八廓街",
        },
    )
    employer = Employer.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/console/employers/{employer.pk}/jobs/new/")
    assert (employer.channel, employer.station, employer.contact_phone_masked) == (
        "window",
        stations["gongdelin"],
        "136****1111",
    )
    data = _job_form(job_types["mover"], title="搬家", headcount=2, pay_yuan="abc")
    response = client.post(f"/console/employers/{employer.pk}/jobs/new/", data)
    assert response.status_code == 400
    assert response.context["form"].errors["pay_yuan"] == [_t("Please give the pay in yuan, e.g. 200.")]
    assert Job.objects.count() == 0
    response = client.post(f"/console/employers/{employer.pk}/jobs/new/", {**data, "pay_yuan": "250"})
    job = Job.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/console/jobs/{job.pk}/")
    assert (job.pay_fen, job.headcount, job.channel, job.created_by, job.status, job.station) == (
        25000,
        2,
        "window",
        staff,
        "open",
        stations["gongdelin"],
    )


def test_find_an_employer_by_credit_code(client, staff, employer):
    client.force_login(staff)
    page = client.post("/console/employers/", {"q": "91540100MA6T11117H"}).content.decode()
    assert employer.name in page and f"/console/employers/{employer.pk}/jobs/new/" in page


# --- the day and the station picker -------------------------------------------------------


def test_day_lists_the_proposals_to_call(client, staff, worker, job):
    application_create(job=job, worker=worker, origin="staff", channel="window", actor=staff)
    client.force_login(staff)
    response = client.get("/console/")
    assert [a.worker for a in response.context["calls"].to_call] == [worker]


def test_each_list_of_the_day_pages_on_its_own_instead_of_cutting(client, staff, register_worker, job):
    workers = [register_worker() for _ in range(55)]
    applications = [
        application_create(job=job, worker=worker, origin="staff", channel="window", actor=staff) for worker in workers
    ]
    call_record(worker=workers[0], application=applications[0], outcome="no_answer", actor=staff)
    client.force_login(staff)
    first = client.get("/console/", {"made": "1"})
    to_call = first.context["to_call"]
    assert (to_call.paginator.count, len(to_call), first.context["made"].paginator.count) == (54, 50, 1)
    page = first.content.decode()
    assert '<span class="count">54</span>' in page and page.count('class="reveal-inline"') == 50
    # the next page of one list keeps the others where they were, and comes back to its own heading
    assert 'rel="next" href="?made=1&amp;to_call=2#to-call"' in page
    second = client.get("/console/", {"made": "1", "to_call": "2"})
    assert [a.worker for a in second.context["to_call"]] == workers[51:]
    assert 'rel="prev" href="?made=1&amp;to_call=1#to-call"' in second.content.decode()
    # a page number that is not one gives the nearest real page, never an error
    for junk in ("x", "-3", "99"):
        assert client.get("/console/", {"to_call": junk}).status_code == 200


def test_district_admin_picks_a_station(client, admin_user, staff, worker, job, stations):
    application_create(job=job, worker=worker, origin="staff", channel="window", actor=staff)
    client.force_login(admin_user)
    client.post("/console/station/", {"station": stations["jinzhu-xilu"].pk})
    assert list(client.get("/console/").context["calls"].to_call) == []
    client.post("/console/station/", {"station": stations["gongdelin"].pk})
    assert len(client.get("/console/").context["calls"].to_call) == 1
    client.post("/console/station/", {"station": "nonsense"})
    assert len(client.get("/console/").context["calls"].to_call) == 1  # all stations


@pytest.mark.parametrize(
    "url", ["/console/workers/999999/", "/console/jobs/999999/", "/console/employers/999999/jobs/new/"]
)
def test_unknown_objects_are_404_not_500(client, staff, url):
    client.force_login(staff)
    assert client.get(url).status_code == 404


def test_signed_in_worker_still_gets_the_sign_in_form(client, make_user, staff):
    client.force_login(make_user("worker"))
    assert client.get("/console/login/").status_code == 200
    response = client.post("/console/login/", {"username": staff.username, "password": "pw"})
    assert (response.status_code, response["Location"]) == (302, "/console/")


def test_signed_in_staff_skip_the_sign_in_form(client, staff):
    client.force_login(staff)
    response = client.get("/console/login/")
    assert (response.status_code, response["Location"]) == (302, "/console/")


JUNK = ["", "x", "-1", "99999999", "1e9", "<script>", "１２３", "\u200b", "2026-13-45T99:99", "0" * 300]


@pytest.mark.parametrize("junk", JUNK)
def test_junk_input_never_gives_a_server_error(client, staff, worker, job, employer, junk):
    client.force_login(staff)
    before = (
        Worker.objects.count(),
        CallRecord.objects.count(),
        Application.objects.count(),
        Job.objects.count(),
        Employer.objects.count(),
        AccessLog.objects.count(),
    )
    posts = {
        "/console/workers/": ["q"],
        "/console/workers/new/": [
            "name",
            "id_number",
            "phone",
            "trades",
            "travel_km",
            "max_intensity",
            "slots",
            "consent",
        ],
        f"/console/workers/{worker.pk}/calls/": [
            "token",
            "application",
            "outcome",
            "interview_at",
            "interview_place",
            "call_back_at",
            "note",
        ],
        f"/console/workers/{worker.pk}/propose/": ["job"],
        f"/console/jobs/{job.pk}/propose/": ["worker"],
        "/console/employers/": ["q"],
        "/console/employers/new/": ["kind", "name", "uscc", "id_number", "contact_name", "contact_phone", "address"],
        f"/console/employers/{employer.pk}/jobs/new/": [
            "job_type",
            "title",
            "headcount",
            "pay_yuan",
            "pay_unit",
            "kind",
            "start_date",
            "end_date",
            "start_time",
            "end_time",
            "address",
            "lat",
            "lon",
        ],
        "/console/station/": ["station"],
    }
    for url, fields in posts.items():
        response = client.post(url, {name: junk for name in fields})
        assert response.status_code < 500, url
    after = (
        Worker.objects.count(),
        CallRecord.objects.count(),
        Application.objects.count(),
        Job.objects.count(),
        Employer.objects.count(),
        AccessLog.objects.count(),
    )
    assert after == before


# --- every role lands on its own home ------------------------------------------------


@pytest.mark.parametrize(
    ("role", "home"),
    [
        ("station_staff", "/console/"),
        ("rights_officer", "/rights/"),
        ("district_admin", "/console/"),
        ("auditor", "/console/"),
    ],
)
def test_each_role_lands_on_its_own_home(client, make_user, stations, role, home):
    user = make_user(role, station=stations["gongdelin"] if role == "station_staff" else None)
    response = client.post("/console/login/", {"username": user.username, "password": "pw"})
    assert (response.status_code, response["Location"]) == (302, home)
    assert client.get(home).status_code == 200
    # signed in already: the sign-in page sends them home too
    assert client.get("/console/login/")["Location"] == home


def test_a_next_address_wins_over_the_home(client, make_user):
    officer = make_user("rights_officer")
    response = client.post(
        "/console/login/", {"username": officer.username, "password": "pw", "next": "/console/workers/"}
    )
    assert response["Location"] == "/console/workers/"


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("station_staff", False),
        ("rights_officer", True),
        ("district_admin", True),
        ("auditor", True),
    ],
)
def test_the_console_links_to_the_rights_cases_for_those_who_may_see_them(client, make_user, stations, role, shown):
    user = make_user(role, station=stations["gongdelin"] if role == "station_staff" else None)
    client.force_login(user)
    page = client.get("/console/").content.decode()
    assert ('href="/rights/"' in page) is shown


def test_worker_search_pages_instead_of_cutting_the_list(client, staff, register_worker):
    for _ in range(55):
        register_worker()
    client.force_login(staff)
    first = client.post("/console/workers/", {"q": "扎西"})
    assert first.context["page"].paginator.count == 55 and len(first.context["workers"]) == 50
    page = first.content.decode()
    # The search is posted again with the page: what was searched (an ID number) never goes into an address.
    assert 'name="q" value="扎西"' in page and 'rel="next" name="page" value="2"' in page
    second = client.post("/console/workers/", {"q": "扎西", "page": "2"})
    assert len(second.context["workers"]) == 5 and 'rel="prev"' in second.content.decode()
    assert client.post("/console/workers/", {"q": "扎西", "page": "x"}).context["page"].number == 1


def test_a_clerk_reviews_a_held_job_in_both_languages(client, staff, employer, job_types):
    held = post_job(employer=employer, job_type=job_types["mover"], actor=staff, description="招搬运工，限45岁以下")
    client.force_login(staff)
    for language in ("zh-hans", "bo"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = client.get("/console/jobs/").content.decode()
        assert f'data-held="{held.pk}"' in page and _t("Waiting for review", language) in page
        page = client.get(f"/console/jobs/{held.pk}/").content.decode()
        assert _t("The job sets an age limit: staff check that the law allows it.", language) in page
        assert _t("Show it to workers", language) in page
    # A decision that is not one of the two changes nothing.
    response = client.post(f"/console/jobs/{held.pk}/review/", {"decision": "publish-anyway"})
    held.refresh_from_db()
    assert (response.status_code, held.status) == (400, "held")
    # Taking it down needs the reason the employer will read.
    response = client.post(f"/console/jobs/{held.pk}/review/", {"decision": "reject", "note": ""})
    held.refresh_from_db()
    assert (response.status_code, held.status) == (400, "held")
    response = client.post(f"/console/jobs/{held.pk}/review/", {"decision": "release", "note": "重活，年龄合理"})
    held.refresh_from_db()
    assert (response.status_code, held.status) == (302, "open")
    # Released once: a second decision is refused on the page, not with a server error.
    response = client.post(f"/console/jobs/{held.pk}/review/", {"decision": "release"})
    assert response.status_code == 400


def test_a_clerk_checks_an_unknown_employer_and_shows_its_job(client, staff, employer, job_types):
    from django.utils.html import escape

    from lingong.core.models import Event

    held = post_job(
        employer=employer, job_type=job_types["mover"], actor=staff, source="58", external_id="58-1", channel="import"
    )
    age_held = post_job(employer=employer, job_type=job_types["mover"], actor=staff, description="限45岁以下")
    box = "I checked this employer's credit code in the national enterprise credit system"
    refusal = (
        "The employer is not yet known: check its unified social credit code in the national enterprise "
        "credit system first, then tick the box."
    )
    client.force_login(staff)
    before = (Event.objects.count(), Employer.objects.get(pk=employer.pk).verification)
    for language in ("zh-hans", "bo"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = client.get(f"/console/jobs/{held.pk}/").content.decode()
        assert _t(box, language) != box and _t(refusal, language) != refusal  # translated in both catalogues
        reason = _t("The employer is not yet known to the station: staff check the employer first.", language)
        assert reason in page and escape(_t(box, language)) in page and 'name="employer_checked"' in page
        # a job held for another reason asks for no such check
        assert 'name="employer_checked"' not in client.get(f"/console/jobs/{age_held.pk}/").content.decode()
        # Without the tick the job is not shown, the refusal says why in the page's language, nothing changes.
        response = client.post(f"/console/jobs/{held.pk}/review/", {"decision": "release", "note": "看过"})
        assert response.status_code == 400 and escape(_t(refusal, language)) in response.content.decode()
        held.refresh_from_db()
        assert held.status == "held"
        assert (Event.objects.count(), Employer.objects.get(pk=employer.pk).verification) == before

    response = client.post(
        f"/console/jobs/{held.pk}/review/", {"decision": "release", "note": "公示系统：存续", "employer_checked": "on"}
    )
    held.refresh_from_db()
    employer.refresh_from_db()
    assert (response.status_code, held.status, employer.verification) == (302, "open", "verified")
    assert Event.objects.get(verb="employer_verify", subject_id=str(employer.pk)).data == {"note": "公示系统：存续"}


def test_a_clerk_posts_a_job_for_certified_workers_only(client, staff, employer, job_types):
    client.force_login(staff)
    response = client.post(
        f"/console/employers/{employer.pk}/jobs/new/",
        _job_form(job_types["electrician"], title="电路检修", pay_yuan="350", requires_certificate="on"),
    )
    job = Job.objects.get()
    assert (response.status_code, job.requires_certificate, job.status) == (302, True, "open")
    page = client.get(f"/console/jobs/{job.pk}/").content.decode()
    assert _t("Only workers certified in this trade by a training course may take it.") in page


def _job_form(job_type, **extra) -> dict:
    """The clerk's job form for a day gig two days ahead, as typed."""
    day = timezone.localdate() + timedelta(days=2)
    return {
        "job_type": job_type.pk,
        "title": "搬家",
        "headcount": 1,
        "pay_yuan": "250",
        "pay_unit": "day",
        "kind": "day_gig",
        "start_date": day,
        "end_date": day,
        "start_time": "09:00",
        "end_time": "17:00",
        "address": "八廓街",
        "lat": "29.65",
        "lon": "91.13",
        **extra,
    }
