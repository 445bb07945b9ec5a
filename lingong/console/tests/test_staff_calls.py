"""Staff calls on the console (Django client): the alert on every page, its poll, take and close,
the list with the time to answer; and refusals that keep what was typed and say why."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone, translation
from django.utils.translation import gettext

from lingong.calls.models import CallRecord
from lingong.core.models import AccessLog
from lingong.employers.services import employer_register
from lingong.jobs.services import application_create
from lingong.jobs.tests.factories import post_job
from lingong.kiosk.models import StaffCallRequest
from lingong.kiosk.services import staff_call_create, staff_call_take

pytestmark = pytest.mark.django_db


def _t(msgid: str, language: str = "zh-hans") -> str:
    with translation.override(language):
        return gettext(msgid)


@pytest.fixture
def kiosk(stations, admin_user):
    from lingong.stations.services import kiosk_register

    return kiosk_register(station=stations["gongdelin"], code="gongdelin-3", label="3", actor=admin_user)[0]


@pytest.fixture
def call(kiosk):
    return staff_call_create(kiosk=kiosk)


PAGES = [
    "/console/",
    "/console/workers/",
    "/console/jobs/",
    "/console/at-risk/",
    "/console/followups/",
    "/console/decisions/",
    "/console/staff-calls/",
]


def test_a_waiting_call_is_on_every_page_of_its_station(client, staff, call):
    client.force_login(staff)
    for url in PAGES:
        page = client.get(url).content.decode()
        assert f'data-call="{call.pk}" data-status="open"' in page, url
        assert _t("A person at a kiosk is calling for staff") in page, url
        assert f'data-waiting="{call.pk}"' in page and "/static/console/staff_calls.js" in page, url
        assert f'action="/console/staff-calls/{call.pk}/take/"' in page, url


def test_the_alert_shows_the_waiting_time(client, staff, kiosk):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        staff_call_create(kiosk=kiosk)
    client.force_login(staff)
    with time_machine.travel(start + timedelta(minutes=2, seconds=5), tick=False):
        page = client.get("/console/").content.decode()
    wait = _t("%(minutes)d min %(seconds)02d s") % {"minutes": 2, "seconds": 5}
    assert _t("waiting %(wait)s") % {"wait": wait} in page


def test_other_stations_do_not_see_it(client, other_staff, call):
    client.force_login(other_staff)
    page = client.get("/console/").content.decode()
    assert f'data-call="{call.pk}"' not in page
    assert 'id="staff-call-alert"' in page  # the (empty) alert is there, and polls
    data = json.loads(client.get("/console/staff-calls/poll/").content)
    assert (data["waiting"], data["live"], data["html"]) == ([], 0, "")


def test_poll_take_and_close(client, make_user, stations, call):
    clerk = make_user("station_staff", station=stations["gongdelin"], first_name="央金")
    client.force_login(clerk)
    data = json.loads(client.get("/console/staff-calls/poll/?next=/console/jobs/").content)
    assert (data["waiting"], data["live"]) == ([call.pk], 1)
    assert f'action="/console/staff-calls/{call.pk}/take/"' in data["html"]
    assert 'name="next" value="/console/jobs/"' in data["html"]

    response = client.post(f"/console/staff-calls/{call.pk}/take/", {"next": "/console/jobs/"})
    assert (response.status_code, response["Location"]) == (302, "/console/jobs/")
    call.refresh_from_db()
    assert (call.status, call.taken_by, call.taken_at is not None) == ("taken", clerk, True)
    data = json.loads(client.get("/console/staff-calls/poll/").content)
    assert (data["waiting"], data["live"]) == ([], 1)
    answer = _t("%(minutes)d min %(seconds)02d s") % {"minutes": 0, "seconds": call.answer_seconds}
    assert _t("taken by %(name)s after %(wait)s") % {"name": "央金", "wait": answer} in data["html"]
    assert f'action="/console/staff-calls/{call.pk}/take/"' not in data["html"]

    again = client.post(f"/console/staff-calls/{call.pk}/take/", follow=True)
    assert _t("Someone has already taken this call.") in again.content.decode()

    response = client.post(f"/console/staff-calls/{call.pk}/close/", {"next": "https://evil.example/"})
    assert response["Location"] == "/console/staff-calls/"  # only our own pages
    call.refresh_from_db()
    assert call.status == "done"
    assert json.loads(client.get("/console/staff-calls/poll/").content)["live"] == 0


def test_the_list_shows_the_time_to_answer(client, staff, kiosk):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        call = staff_call_create(kiosk=kiosk)
    with time_machine.travel(start + timedelta(seconds=75), tick=False):
        staff_call_take(call=call, actor=staff)
    client.force_login(staff)
    page = client.get("/console/staff-calls/").content.decode()
    answer = _t("%(minutes)d min %(seconds)02d s") % {"minutes": 1, "seconds": 15}
    assert f'<td class="answer-time">{answer}</td>' in page


def test_auditors_see_but_cannot_answer(client, auditor, call):
    client.force_login(auditor)
    page = client.get("/console/").content.decode()
    assert f'data-call="{call.pk}"' in page
    assert f"/console/staff-calls/{call.pk}/take/" not in page
    response = client.post(f"/console/staff-calls/{call.pk}/take/", follow=True)
    assert _t("You are not allowed to do this.") in response.content.decode()
    call.refresh_from_db()
    assert (call.status, call.taken_by_id) == ("open", None)


def test_other_station_cannot_take_it(client, other_staff, call):
    client.force_login(other_staff)
    assert client.post(f"/console/staff-calls/{call.pk}/take/").status_code == 403
    assert client.post("/console/staff-calls/999999/take/").status_code == 404
    assert StaffCallRequest.objects.get().status == "open"


# --- staff reach and refusals on the worker page ---------------------------------------------


@pytest.fixture
def jinzhu_application(register_worker, stations, other_staff, job_types):
    """A worker registered at 功德林, proposed by 金珠西路 for one of its jobs."""
    worker = register_worker()
    employer = employer_register(
        kind="enterprise",
        name="金珠西路饭店",
        uscc="91540100MA6T11125C",
        contact_name="次仁",
        contact_phone="13800138111",
        address="金珠西路",
        channel="window",
        actor=other_staff,
        station=stations["jinzhu-xilu"],
        lat="29.65",
        lon="91.09",
    )
    job = post_job(
        employer=employer,
        job_type=job_types["mover"],
        actor=other_staff,
        start=timezone.localdate() + timedelta(days=5),
        today=timezone.localdate(),
    )
    return application_create(
        job=job, worker=worker, origin="staff", channel="window", actor=other_staff, station=stations["jinzhu-xilu"]
    )


def test_staff_of_the_job_station_get_the_reveal_button(client, other_staff, jinzhu_application):
    worker = jinzhu_application.worker
    client.force_login(other_staff)
    page = client.get(f"/console/workers/{worker.pk}/").content.decode()
    assert f'action="/console/workers/{worker.pk}/reveal/"' in page
    response = client.post(f"/console/workers/{worker.pk}/reveal/", {"reason": "通知面试"})
    assert response.status_code == 200 and 'href="tel:13900000001"' in response.content.decode()
    assert list(AccessLog.objects.values_list("actor", "field", "reason")) == [(other_staff.pk, "phone", "通知面试")]


def test_a_reveal_refused_says_why(client, make_user, stations, jinzhu_application):
    worker = jinzhu_application.worker
    client.force_login(make_user("station_staff", station=stations["gama-gongsang"]))
    assert (
        f'action="/console/workers/{worker.pk}/reveal/"'
        not in client.get(f"/console/workers/{worker.pk}/").content.decode()
    )
    response = client.post(f"/console/workers/{worker.pk}/reveal/", {"reason": "想看看"})
    assert response.status_code == 403
    assert (
        _t(
            "This worker is not on your station's call or follow-up lists, and registered at another station. "
            "Ask that station to call them."
        )
        in response.content.decode()
    )
    assert AccessLog.objects.count() == 0


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_a_call_about_another_stations_job_keeps_the_form(client, staff, jinzhu_application, language):
    worker = jinzhu_application.worker
    client.cookies["lingong_language"] = language
    client.force_login(staff)
    data = {
        "token": "tok-9",
        "application": jinzhu_application.pk,
        "outcome": "interview",
        "interview_at": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "interview_place": "金珠西路饭店后门",
        "note": "他说明天上午有空",
    }
    response = client.post(f"/console/workers/{worker.pk}/calls/", data)
    assert response.status_code == 403
    page = response.content.decode()
    message = _t(
        "This job belongs to another station: only its staff can record calls about it. "
        "Choose one of your station's jobs, or no job.",
        language,
    )
    assert message in page
    assert response.context["call_form"].errors["application"] == [message]
    assert "他说明天上午有空</textarea>" in page and 'value="金珠西路饭店后门"' in page
    assert response.context["call_form"]["outcome"].value() == "interview"
    assert CallRecord.objects.count() == 0
    jinzhu_application.refresh_from_db()
    assert (jinzhu_application.status, jinzhu_application.interview_at) == ("proposed", None)
    # The same form, about no particular job, is recorded: the worker registered at this station.
    data.update(application="", outcome="reached")
    assert client.post(f"/console/workers/{worker.pk}/calls/", data).status_code == 302
    assert CallRecord.objects.get().note == "他说明天上午有空"


def test_the_call_list_offers_the_reveal_for_people_registered_elsewhere(client, other_staff, jinzhu_application):
    worker = jinzhu_application.worker
    client.force_login(other_staff)
    page = client.get("/console/").content.decode()
    assert f'href="/console/workers/{worker.pk}/"' in page  # on 金珠西路's list to call
    assert f'action="/console/workers/{worker.pk}/reveal/"' in page


def test_a_signed_in_worker_is_named_in_the_alert(client, staff, kiosk, register_worker):
    worker = register_worker()
    staff_call_create(kiosk=kiosk, worker=worker)
    client.force_login(staff)
    page = client.get("/console/jobs/").content.decode()
    assert f'<a href="/console/workers/{worker.pk}/"><span lang="zh-hans">{worker.name}</span></a>' in page
