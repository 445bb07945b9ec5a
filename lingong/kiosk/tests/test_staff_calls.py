"""Staff calls from a kiosk: services (transitions, access, time to answer), selectors, the kiosk's screens."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from lingong.core.errors import Conflict, NotAllowed
from lingong.core.models import Event
from lingong.kiosk import services
from lingong.kiosk.models import StaffCallRequest
from lingong.kiosk.selectors import (
    access_staff_call,
    staff_call_list_live,
    staff_call_list_recent,
    staff_call_overdue,
)
from lingong.stations.models import Station


def _t(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


def _state(call):
    call.refresh_from_db()
    return (call.status, call.taken_by_id, call.taken_at, call.closed_by_id, call.closed_at)


def test_take_then_close_records_the_time_to_answer(kiosk, staff):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        call = services.staff_call_create(kiosk=kiosk)
    with time_machine.travel(start + timedelta(seconds=95), tick=False):
        services.staff_call_take(call=call, actor=staff)
    with time_machine.travel(start + timedelta(minutes=6), tick=False):
        services.staff_call_close(call=call, actor=staff)
    call.refresh_from_db()
    assert _state(call) == ("done", staff.pk, start + timedelta(seconds=95), staff.pk, start + timedelta(minutes=6))
    assert call.answer_seconds == 95
    events = list(
        Event.objects.filter(verb__startswith="staff_call")
        .order_by("id")
        .values_list("verb", "from_state", "to_state", "actor_id")
    )
    assert events == [
        ("staff_call_create", "", "open", None),
        ("staff_call_take", "open", "taken", staff.pk),
        ("staff_call_close", "taken", "done", staff.pk),
    ]
    assert Event.objects.get(verb="staff_call_take").data == {"kiosk": kiosk.pk, "answer_seconds": 95}


def test_closing_a_call_nobody_took_counts_as_taken_then(kiosk, staff):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        call = services.staff_call_create(kiosk=kiosk)
    with time_machine.travel(start + timedelta(seconds=40), tick=False):
        services.staff_call_close(call=call, actor=staff)
    assert _state(call) == ("done", staff.pk, start + timedelta(seconds=40), staff.pk, start + timedelta(seconds=40))
    assert call.answer_seconds == 40


def test_transitions_not_in_the_table_are_refused_and_change_nothing(kiosk, staff, make_user, stations):
    colleague = make_user("station_staff", station=stations["gongdelin"])
    call = services.staff_call_create(kiosk=kiosk)
    services.staff_call_take(call=call, actor=staff)
    before = _state(call)
    with pytest.raises(Conflict) as taken:
        services.staff_call_take(call=call, actor=colleague)
    assert taken.value.code == "call_taken"
    assert _state(call) == before
    services.staff_call_close(call=call, actor=colleague)
    closed = _state(call)
    for action in (services.staff_call_take, services.staff_call_close):
        with pytest.raises(Conflict) as refused:
            action(call=call, actor=staff)
        assert refused.value.code == "call_closed"
    assert _state(call) == closed
    assert Event.objects.filter(verb__startswith="staff_call").count() == 3


def test_a_live_call_is_reused_until_closed(kiosk, staff, register_worker):
    call = services.staff_call_create(kiosk=kiosk)
    services.staff_call_take(call=call, actor=staff)
    assert services.staff_call_create(kiosk=kiosk) == call
    services.staff_call_close(call=call, actor=staff)
    assert services.staff_call_create(kiosk=kiosk) != call
    assert StaffCallRequest.objects.count() == 2


def test_only_staff_of_the_station_and_admins_answer(kiosk, staff, other_staff, admin_user, auditor, make_user):
    officer = make_user("rights_officer")
    call = services.staff_call_create(kiosk=kiosk)
    for outsider in (other_staff, auditor, officer):
        for action in (services.staff_call_take, services.staff_call_close):
            with pytest.raises(NotAllowed):
                action(call=call, actor=outsider)
    assert _state(call) == ("open", None, None, None, None)
    services.staff_call_take(call=call, actor=admin_user)
    assert _state(call)[:2] == ("taken", admin_user.pk)


def test_selectors_scope_calls_by_station(kiosk, staff, other_staff, admin_user, auditor, stations, make_user):
    from lingong.stations.services import kiosk_register

    other_kiosk, _secret = kiosk_register(station=stations["jinzhu-xilu"], code="jinzhu-1", label="1", actor=admin_user)
    mine = services.staff_call_create(kiosk=kiosk)
    theirs = services.staff_call_create(kiosk=other_kiosk)
    assert staff_call_list_live(user=staff) == [mine]
    assert staff_call_list_live(user=staff, station=stations["jinzhu-xilu"]) == [mine]  # staff: always their own
    assert staff_call_list_live(user=other_staff) == [theirs]
    assert staff_call_list_live(user=admin_user) == [mine, theirs]
    assert staff_call_list_live(user=auditor, station=stations["jinzhu-xilu"]) == [theirs]
    assert access_staff_call(user=auditor, call_id=mine.pk) == mine
    with pytest.raises(NotAllowed):
        access_staff_call(user=other_staff, call_id=mine.pk)
    services.staff_call_close(call=mine, actor=staff)
    assert staff_call_list_live(user=staff) == []
    since = timezone.now() - timedelta(days=1)
    assert staff_call_list_recent(user=staff, since=since) == [mine]
    assert staff_call_list_recent(user=admin_user, since=since) == [theirs, mine]
    with pytest.raises(NotAllowed):
        staff_call_list_live(user=make_user("worker"))


def test_overdue_after_the_setting(kiosk, staff, settings):
    settings.STAFF_CALL_ANSWER_MINUTES = 3
    call = services.staff_call_create(kiosk=kiosk)
    call.refresh_from_db()
    assert not staff_call_overdue(call=call, now=call.created_at + timedelta(minutes=2, seconds=59))
    assert staff_call_overdue(call=call, now=call.created_at + timedelta(minutes=3))
    services.staff_call_take(call=call, actor=staff)
    call.refresh_from_db()
    assert not staff_call_overdue(call=call, now=call.created_at + timedelta(minutes=10))


def test_every_station_has_a_window_phone(db):
    assert dict(Station.objects.values_list("code", "phone")) == {
        "market": "0891-6338012",
        "jinzhu-xilu": "0891-6338021",
        "gama-gongsang": "0891-6338032",
        "gongdelin": "0891-6338043",
    }


# --- the kiosk's screens ------------------------------------------------------------------


def _status(client, call):
    response = client.get(f"/kiosk/call-staff/{call.pk}/status/")
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_the_kiosk_shows_waiting_then_who_is_coming(kiosk_client, kiosk, make_user, stations, language):
    kiosk_client.cookies["lingong_language"] = language
    clerk = make_user("station_staff", station=stations["gongdelin"], first_name="央金")
    location = kiosk_client.post("/kiosk/call-staff/")["Location"]
    call = StaffCallRequest.objects.get()
    page = kiosk_client.get(location).content.decode()
    assert f'<html lang="{language}">' in page
    assert _t(language, "Staff have been called") in page
    assert _t(language, "Please wait here. This screen shows who is coming.") in page
    assert f'data-status-url="/kiosk/call-staff/{call.pk}/status/"' in page
    data = _status(kiosk_client, call)
    assert data["state"] == "open" and _t(language, "Staff have been called") in data["html"]

    services.staff_call_take(call=call, actor=clerk)
    data = _status(kiosk_client, call)
    assert data["state"] == "taken"
    assert _t(language, "%(name)s is coming to you") % {"name": '<span lang="zh-hans">央金</span>'} in data["html"]
    assert (
        _t(language, "%(name)s is coming to you") % {"name": '<span lang="zh-hans">央金</span>'}
        in kiosk_client.get(location).content.decode()
    )

    services.staff_call_close(call=call, actor=clerk)
    data = _status(kiosk_client, call)
    assert data["state"] == "done" and _t(language, "Staff have closed this call.") in data["html"]


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_nobody_answers_in_time_the_kiosk_shows_the_window_phone(kiosk_client, kiosk, language, settings):
    settings.STAFF_CALL_ANSWER_MINUTES = 3
    kiosk_client.cookies["lingong_language"] = language
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        kiosk_client.post("/kiosk/call-staff/")
    call = StaffCallRequest.objects.get()
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        assert _status(kiosk_client, call)["state"] == "open"
    with time_machine.travel(start + timedelta(minutes=3, seconds=1), tick=False):
        data = _status(kiosk_client, call)
        page = kiosk_client.get(f"/kiosk/call-staff/{call.pk}/").content.decode()
    assert data["state"] == "overdue"
    with translation.override(language):
        nobody = translation.ngettext(
            "Nobody has answered in %(minutes)s minute.", "Nobody has answered in %(minutes)s minutes.", 3
        ) % {"minutes": 3}
    for html in (data["html"], page):
        assert nobody in html
        assert _t(language, "Please phone the window:") in html
        assert '<p class="k-phone">0891-6338043</p>' in html
        assert _t(language, "Or go to window %(number)s") % {"number": 1} in html
    assert StaffCallRequest.objects.get().status == "open"  # still open: staff can still take it


def test_a_kiosk_cannot_read_another_kiosks_call(kiosk_client, stations, admin_user):
    from lingong.stations.services import kiosk_register

    other_kiosk, _secret = kiosk_register(
        station=stations["gongdelin"], code="gongdelin-9", label="9", actor=admin_user
    )
    call = services.staff_call_create(kiosk=other_kiosk)
    assert kiosk_client.get(f"/kiosk/call-staff/{call.pk}/status/").status_code == 404
    assert kiosk_client.get(f"/kiosk/call-staff/{call.pk}/").status_code == 404
    assert Client().get(f"/kiosk/call-staff/{call.pk}/status/").status_code == 403  # not a kiosk


def test_the_live_calls_of_a_quiet_station_cost_one_small_query(kiosk, staff, other_staff, django_assert_num_queries):
    """Every console page and its poll ask; nearly always nobody is calling."""
    services.staff_call_create(kiosk=kiosk)  # another station's call
    with django_assert_num_queries(1) as captured:
        assert staff_call_list_live(user=other_staff) == []
    assert "JOIN" not in captured.captured_queries[0]["sql"]
    with django_assert_num_queries(2):
        assert len(staff_call_list_live(user=staff)) == 1
