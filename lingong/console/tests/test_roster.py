"""The console's duty roster, the kiosk's and the worker door's duty pages, the reassignment on the case page."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from lingong.core.models import Event
from lingong.kiosk.services import kiosk_device_token
from lingong.kiosk.views.common import DEVICE_COOKIE
from lingong.rights.models import DutyShift, RightsCase
from lingong.rights.selectors import week_start_of
from lingong.rights.services import duty_shift_create, rights_case_assign, rights_case_open
from lingong.stations.services import kiosk_register

pytestmark = pytest.mark.django_db


def _t(msgid: str, language: str = "zh-hans") -> str:
    with translation.override(language):
        return escape(gettext(msgid))


@pytest.fixture
def officer(make_user):
    return make_user("rights_officer", first_name="次仁")


def form(day, **extra):
    return {
        "date": day.isoformat(),
        "start_time": "09:00",
        "end_time": "12:00",
        "window": "4号窗口 维权窗口",
        "officer": "",
        "lawyer_name": "拉巴次仁",
        "lawyer_office": "城关区法律援助中心",
        "languages": ["bo", "zh-hans"],
        **extra,
    }


def state():
    return (
        list(
            DutyShift.objects.order_by("id").values_list("date", "start_time", "end_time", "officer_id", "lawyer_name")
        ),
        Event.objects.filter(verb__startswith="duty_shift").count(),
    )


def test_station_staff_keep_their_station_roster_week(client, staff, stations, today, officer):
    client.force_login(staff)
    day = today + timedelta(days=1)
    response = client.post("/console/roster/new/", form(day))
    assert response.status_code == 302
    assert response["Location"] == f"/console/roster/?station={stations['gongdelin'].pk}&week={week_start_of(day)}"
    shift = DutyShift.objects.get()
    assert (shift.station_id, shift.lawyer_name, shift.languages, shift.window) == (
        stations["gongdelin"].pk,
        "拉巴次仁",
        "bo,zh-hans",
        "4号窗口 维权窗口",
    )
    page = client.get(f"/console/roster/?week={day.isoformat()}").content.decode()
    assert f'data-shift="{shift.pk}"' in page and "城关区法律援助中心" in page and _t("Put on the roster") in page
    # Asking for another station's roster: station staff see their own all the same.
    other = client.get(f"/console/roster/?station={stations['market'].pk}").content.decode()
    assert stations["gongdelin"].name in other


def test_an_overlap_is_said_on_the_form_and_keeps_what_was_typed(client, admin_user, stations, today, officer):
    client.force_login(admin_user)
    day = today + timedelta(days=2)
    duty_shift_create(
        station=stations["market"], date=day, start_time=time(8), end_time=time(10), officer=officer, actor=admin_user
    )
    before = state()
    station = stations["gongdelin"].pk
    response = client.post(
        "/console/roster/new/",
        {**form(day, officer=str(officer.pk), lawyer_name="", lawyer_office=""), "station": station},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "08:00" in page and "4号窗口 维权窗口" in page
    )  # the refusal names the other shift; the form keeps the window
    assert state() == before
    for bad in ({"officer": "99999999999999999999"}, {"end_time": "08:00"}, {"languages": ["en"]}):
        assert client.post("/console/roster/new/", {**form(day), **bad, "station": station}).status_code == 400
    assert state() == before


def test_edit_repeat_and_remove(client, admin_user, stations, today, officer, other_staff):
    day = today + timedelta(days=1)
    shift = duty_shift_create(
        station=stations["gongdelin"],
        date=day,
        start_time=time(9),
        end_time=time(12),
        officer=officer,
        actor=admin_user,
    )
    client.force_login(other_staff)  # another station's staff may not touch it
    assert client.get(f"/console/roster/{shift.pk}/").status_code == 403
    assert client.post(f"/console/roster/{shift.pk}/remove/").status_code == 403
    client.force_login(admin_user)
    page = client.get(f"/console/roster/{shift.pk}/").content.decode()
    assert 'value="09:00"' in page and _t("Change a shift") in page
    response = client.post(
        f"/console/roster/{shift.pk}/",
        form(day, officer=str(officer.pk), lawyer_name="", lawyer_office="", end_time="11:00"),
    )
    assert response.status_code == 302
    shift.refresh_from_db()
    assert (shift.end_time, shift.window) == (time(11), "4号窗口 维权窗口")
    assert client.post(f"/console/roster/{shift.pk}/repeat/", {"weeks": "2"}).status_code == 302
    assert list(DutyShift.objects.order_by("date").values_list("date", flat=True)) == [
        day,
        day + timedelta(weeks=1),
        day + timedelta(weeks=2),
    ]
    before = state()
    assert client.post(f"/console/roster/{shift.pk}/repeat/", {"weeks": "2"}).status_code == 302  # overlaps: refused
    assert client.post(f"/console/roster/{shift.pk}/repeat/", {"weeks": "abc"}).status_code == 302
    assert state() == before
    assert client.post(f"/console/roster/{shift.pk}/remove/").status_code == 302
    assert DutyShift.objects.count() == 2 and not DutyShift.objects.filter(pk=shift.pk).exists()


def test_auditors_read_the_roster_and_change_nothing(client, auditor, stations, today, officer, admin_user):
    duty_shift_create(
        station=stations["market"],
        date=today,
        start_time=time(14),
        end_time=time(17),
        officer=officer,
        actor=admin_user,
    )
    client.force_login(auditor)
    page = client.get(f"/console/roster/?station={stations['market'].pk}").content.decode()
    assert "次仁" in page and "14:00" in page and _t("Put on the roster") not in page
    before = state()
    response = client.post("/console/roster/new/", {**form(today), "station": stations["market"].pk})
    assert response.status_code == 403  # the refusal is said on the form, as a 403
    assert state() == before


def test_rights_cases_show_today_duty_and_the_queue(client, officer, stations, today, admin_user, worker_and_case):
    worker, case = worker_and_case
    duty_shift_create(
        station=stations["gongdelin"],
        date=today,
        start_time=time(14),
        end_time=time(17),
        lawyer_name="拉巴次仁",
        actor=admin_user,
    )
    client.force_login(officer)
    page = client.get("/rights/").content.decode()
    assert _t("On duty today") in page and "拉巴次仁" in page and "14:00" in page
    assert f'<a href="/rights/{case.pk}/">#{case.pk}</a>' in page  # nobody was on duty: it waits in the queue


@pytest.fixture
def worker_and_case(register_worker, employer, staff, stations):
    worker = register_worker()
    case = rights_case_open(
        workers=[worker],
        employer=employer,
        kind="wage_arrears",
        description="工资没有给",
        channel="window",
        actor=staff,
        amount_claimed_fen=30000,
        station=stations["gongdelin"],
    )
    return worker, case


def test_reassigning_on_the_case_page_needs_a_reason(client, officer, make_user, worker_and_case, admin_user):
    _worker, case = worker_and_case
    rights_case_assign(case=case, officer=officer, actor=admin_user)
    other = make_user("rights_officer", first_name="卓玛")
    client.force_login(officer)
    response = client.post(f"/rights/{case.pk}/assign/", {"officer": other.pk, "reason": ""})
    assert response.status_code == 400
    assert _t("Please say why the case goes to another officer.") in response.content.decode()
    assert RightsCase.objects.get(pk=case.pk).assigned_to_id == officer.pk
    response = client.post(f"/rights/{case.pk}/assign/", {"officer": other.pk, "reason": "当事人只会说藏语"})
    assert response.status_code == 302
    page = client.get(f"/rights/{case.pk}/").content.decode()
    assert "当事人只会说藏语" in page and "→ 卓玛" in page
    assert RightsCase.objects.get(pk=case.pk).assigned_to_id == other.pk


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_the_kiosk_duty_page_in_both_languages(client, stations, today, officer, admin_user, language):
    kiosk, _secret = kiosk_register(station=stations["gongdelin"], code="gongdelin-7", label="7", actor=admin_user)
    client.cookies[DEVICE_COOKIE] = kiosk_device_token(kiosk=kiosk)
    client.cookies["lingong_language"] = language
    response = client.get("/kiosk/help/lawyers/")
    assert response.status_code == 200
    assert _t(
        "No lawyer is on the roster in the next 7 days. Please call the hotline or ask at the window.", language
    ) in (response.content.decode())
    duty_shift_create(
        station=stations["gongdelin"],
        date=today + timedelta(days=1),
        start_time=time(14, 30),
        end_time=time(17),
        window="4号窗口 维权窗口",
        lawyer_name="德吉卓玛",
        lawyer_office="城关区法律援助中心",
        languages=["bo", "zh-hans"],
        actor=admin_user,
    )
    page = client.get("/kiosk/help/lawyers/").content.decode()
    assert f'<html lang="{language}">' in page
    assert "14:30 – 17:00" in page and "德吉卓玛" in page and 'data-languages="bo,zh-hans"' in page
    assert _t("Lawyer", language) in page and "4号窗口 维权窗口" in page


def test_the_worker_door_shows_the_week_at_the_worker_station_and_the_market(
    client, register_worker, stations, today, officer, admin_user
):
    worker = register_worker()
    duty_shift_create(
        station=stations["market"],
        date=today + timedelta(days=3),
        start_time=time(9, 30),
        end_time=time(12),
        officer=officer,
        window="3号窗口 维权窗口",
        actor=admin_user,
    )
    client.force_login(worker.user)
    page = client.get("/w/lawyers/").content.decode()
    assert "09:30 – 12:00" in page and "次仁" in page and "3号窗口 维权窗口" in page
    assert officer.username not in page  # the display name only: no account name, no phone


def test_the_decisions_page_shows_today_duty_at_the_station(client, staff, stations, today, officer, admin_user):
    duty_shift_create(
        station=stations["gongdelin"],
        date=today,
        start_time=time(9),
        end_time=time(12),
        officer=officer,
        window="4号窗口 维权窗口",
        actor=admin_user,
    )
    duty_shift_create(
        station=stations["market"],
        date=today,
        start_time=time(9),
        end_time=time(12),
        lawyer_name="王建国",
        actor=admin_user,
    )
    client.force_login(staff)
    page = client.get("/console/decisions/").content.decode()
    assert _t("On duty today") in page and "次仁" in page and "4号窗口 维权窗口" in page
    assert "王建国" not in page  # the market's, not this station's
