"""The rights windows' duty roster: officers and lawyers, overlaps, weekly repeats, who takes a new case."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from lingong.attendance.services import attendance_record, placement_confirm
from lingong.attendance.tests.helpers import local, make_placement, start_day
from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.models import Event
from lingong.rights.models import DutyShift, RightsCase
from lingong.rights.selectors import (
    DutyRow,
    case_list_queue,
    duty_roster_week,
    duty_schedule_public,
    week_start_of,
)
from lingong.rights.services import (
    duty_shift_change,
    duty_shift_create,
    duty_shift_remove,
    duty_shift_repeat_weekly,
    rights_case_assign,
    rights_case_open,
)
from lingong.wages.models import WagePayment
from lingong.wages.services import wage_overdue_sweep

pytestmark = pytest.mark.django_db

LAWYER = {"lawyer_name": "拉巴次仁", "lawyer_office": "城关区法律援助中心", "languages": ["zh-hans", "bo"]}


@pytest.fixture
def shift_at(stations, admin_user):
    def make(day, start, end, *, station="gongdelin", actor=None, **holder):
        return duty_shift_create(
            station=stations[station],
            date=day,
            start_time=time(*start) if isinstance(start, tuple) else time(start),
            end_time=time(*end) if isinstance(end, tuple) else time(end),
            actor=actor or admin_user,
            **holder,
        )

    return make


def roster_state():
    return (
        list(DutyShift.objects.order_by("id").values_list("id", "date", "start_time", "end_time", "officer_id")),
        Event.objects.filter(verb__startswith="duty_shift").count(),
    )


def test_a_lawyer_holds_a_shift_with_window_and_languages(shift_at, today, admin_user):
    shift = shift_at(today + timedelta(days=1), 9, 12, window=" 3号窗口 维权窗口 ", **LAWYER)
    shift.refresh_from_db()
    assert (shift.officer_id, shift.lawyer_name, shift.lawyer_office, shift.languages, shift.window) == (
        None,
        "拉巴次仁",
        "城关区法律援助中心",
        "bo,zh-hans",
        "3号窗口 维权窗口",
    )
    assert (shift.holder_name, shift.is_lawyer, shift.language_codes) == ("拉巴次仁", True, ["bo", "zh-hans"])
    event = Event.objects.get(verb="duty_shift_create")
    assert (event.actor_id, event.subject_id, event.data) == (
        admin_user.pk,
        str(shift.pk),
        {
            "officer": None,
            "lawyer_name": "拉巴次仁",
            "lawyer_office": "城关区法律援助中心",
            "languages": "bo,zh-hans",
            "window": "3号窗口 维权窗口",
            "date": (today + timedelta(days=1)).isoformat(),
            "start": "09:00",
            "end": "12:00",
        },
    )


@pytest.mark.parametrize(
    "holder, error, code",
    [
        ({}, InvalidInput, "holder_required"),
        ({"lawyer_name": "  "}, InvalidInput, "holder_required"),
        ({"officer": "OFFICER", "lawyer_name": "拉巴次仁"}, InvalidInput, "holder_both"),
        ({"lawyer_name": "拉巴次仁", "languages": ["en"]}, InvalidInput, "invalid_languages"),
    ],
)
def test_a_shift_needs_exactly_one_holder(shift_at, today, officer, holder, error, code):
    holder = {k: officer if v == "OFFICER" else v for k, v in holder.items()}
    before = roster_state()
    with pytest.raises(error) as caught:
        shift_at(today, 14, 17, **holder)
    assert caught.value.code == code
    assert roster_state() == before == ([], 0)


def test_the_database_refuses_a_shift_with_no_holder_or_both(stations, today, officer):
    for holder in ({}, {"officer": officer, "lawyer_name": "拉巴次仁"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            DutyShift.objects.create(
                station=stations["market"], date=today, start_time=time(9), end_time=time(12), **holder
            )
    assert DutyShift.objects.count() == 0


def test_the_same_person_is_never_on_duty_twice_at_once(shift_at, today, officer, make_user):
    day = today + timedelta(days=2)
    first = shift_at(day, 9, 12, officer=officer, window="4号窗口")
    lawyer = shift_at(day, 9, 12, station="market", **LAWYER)
    before = roster_state()
    with pytest.raises(Conflict) as caught:  # the same officer at another station, hours crossing
        shift_at(day, (11, 30), 15, station="market", officer=officer)
    assert caught.value.code == "shift_overlap"
    assert "11:30" not in str(caught.value.message) and "09:00" in str(caught.value.message)
    with pytest.raises(Conflict):  # the same lawyer, her name typed in another case
        shift_at(day, 10, 11, station="jinzhu-xilu", lawyer_name="拉巴次仁", lawyer_office="城关区法律援助中心")
    assert roster_state() == before
    # Right after the shift ends, another person at the same hours, another day: all fine.
    after = shift_at(day, 12, 15, station="market", officer=officer)
    other = shift_at(day, 9, 12, officer=make_user("rights_officer"))
    next_day = shift_at(day + timedelta(days=1), 9, 12, officer=officer)
    assert DutyShift.objects.count() == 5
    assert {first.pk, lawyer.pk, after.pk, other.pk, next_day.pk} == set(DutyShift.objects.values_list("pk", flat=True))


def test_past_days_and_other_stations_are_refused(shift_at, today, officer, staff, stations):
    with pytest.raises(InvalidInput) as caught:
        shift_at(today - timedelta(days=1), 9, 12, officer=officer)
    assert caught.value.code == "shift_past"
    with pytest.raises(NotAllowed):  # station staff keep their own station's roster only
        shift_at(today, 14, 17, station="jinzhu-xilu", actor=staff, officer=officer)
    assert roster_state() == ([], 0)
    own = shift_at(today, 14, 17, actor=staff, officer=officer)
    assert own.station_id == stations["gongdelin"].pk


def test_a_shift_is_changed_and_removed_with_the_timeline(shift_at, today, officer, admin_user, other_staff):
    day = today + timedelta(days=3)
    shift = shift_at(day, 9, 12, officer=officer)
    blocker = shift_at(day, 14, 17, station="market", officer=officer)
    values = {"date": day, "start_time": time(13), "end_time": time(15), "officer": officer}
    before = roster_state()
    with pytest.raises(Conflict):
        duty_shift_change(shift=shift, actor=admin_user, **values)
    with pytest.raises(NotAllowed):
        duty_shift_change(shift=shift, actor=other_staff, **{**values, "end_time": time(14)})
    assert roster_state() == before
    duty_shift_change(shift=shift, actor=admin_user, **{**values, "end_time": time(14), "window": "4号窗口"})
    shift.refresh_from_db()
    assert (shift.start_time, shift.end_time, shift.window) == (time(13), time(14), "4号窗口")
    change = Event.objects.get(verb="duty_shift_change")
    assert (change.data["before"]["start"], change.data["after"]["start"], change.data["after"]["end"]) == (
        "09:00",
        "13:00",
        "14:00",
    )
    duty_shift_remove(shift=blocker, actor=admin_user)
    assert list(DutyShift.objects.values_list("pk", flat=True)) == [shift.pk]
    removed = Event.objects.get(verb="duty_shift_remove")
    assert (removed.subject_id, removed.data["start"], removed.data["officer"]) == (
        str(blocker.pk),
        "14:00",
        officer.pk,
    )


def test_weekly_repeat_makes_every_week_or_none(shift_at, today, officer, admin_user):
    shift = shift_at(today, 9, 12, window="4号窗口", **LAWYER)
    made = duty_shift_repeat_weekly(shift=shift, weeks=3, actor=admin_user)
    assert [(s.date, s.start_time, s.end_time, s.lawyer_name, s.languages, s.window) for s in made] == [
        (today + timedelta(weeks=n), time(9), time(12), "拉巴次仁", "bo,zh-hans", "4号窗口") for n in (1, 2, 3)
    ]
    repeat = Event.objects.get(verb="duty_shift_repeat")
    assert (repeat.subject_id, repeat.data["weeks"], repeat.data["shifts"]) == (
        str(shift.pk),
        3,
        [s.pk for s in made],
    )
    assert [e.data.get("repeat_of") for e in Event.objects.filter(verb="duty_shift_create").order_by("id")] == [
        None,
        shift.pk,
        shift.pk,
        shift.pk,
    ]
    # The officer's shift repeated for 6 weeks crosses a shift already set in week 5: nothing is made.
    officer_shift = shift_at(today, 14, 17, officer=officer)
    shift_at(today + timedelta(weeks=5), 16, 18, station="market", officer=officer)
    before = roster_state()
    with pytest.raises(Conflict) as caught:
        duty_shift_repeat_weekly(shift=officer_shift, weeks=6, actor=admin_user)
    assert (today + timedelta(weeks=5)).isoformat() in str(caught.value.message)
    for weeks in (0, 27, "4", True):
        with pytest.raises(InvalidInput):
            duty_shift_repeat_weekly(shift=officer_shift, weeks=weeks, actor=admin_user)
    assert roster_state() == before


# --- who takes a new case ---------------------------------------------------------------------


@pytest.fixture
def open_case(worker, employer, staff, stations, now):
    def make(at, station="gongdelin"):
        return rights_case_open(
            workers=[worker],
            employer=employer,
            kind="wage_arrears",
            amount_claimed_fen=90000,
            description="干了三天搬运，工资没有给",
            channel="window",
            actor=staff,
            station=stations[station] if station else None,
            now=at,
        )

    return make


def test_a_new_case_goes_to_the_officer_on_duty_at_its_station(open_case, shift_at, officer, make_user, today, at):
    day = today + timedelta(days=1)
    market_officer = make_user("rights_officer")
    shift_at(day, 9, 12, officer=officer)
    shift_at(day, 9, 18, station="market", officer=market_officer)
    shift_at(day, 12, 17, **LAWYER)  # a lawyer advises; a lawyer has no account and takes no case
    assert open_case(at(day, 11, 59)).assigned_to_id == officer.pk
    waiting = open_case(at(day, 12, 0))  # only the lawyer at 功德林: the case waits there, not at the market
    assert waiting.assigned_to_id is None
    assert open_case(at(day, 12, 0), station=None).assigned_to_id == market_officer.pk  # no station: the market
    assert list(case_list_queue(user=officer, station=waiting.station)) == [waiting]
    assert list(
        Event.objects.filter(verb="case_assign").order_by("id").values_list("subject_id", "data__officer", "data__by")
    ) == [
        (str(RightsCase.objects.order_by("id")[0].pk), officer.pk, "duty_roster"),
        (str(RightsCase.objects.order_by("id")[2].pk), market_officer.pk, "duty_roster"),
    ]


@pytest.fixture
def overdue_wage(employer, job_types, staff, register_worker):
    placement = make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker())
    day = start_day()
    placement_confirm(
        placement=placement, actor=placement.worker.user, channel="kiosk", now=local(day - timedelta(days=1), 19)
    )
    attendance_record(
        placement=placement,
        day=day,
        check_in_at=local(day, 9),
        check_out_at=local(day, 17),
        actor=staff,
        channel="window",
        now=local(day, 18),
    )
    return WagePayment.objects.get(placement=placement)


def test_a_case_opened_for_an_overdue_wage_goes_to_the_officer_on_duty_at_the_sweep(
    overdue_wage, shift_at, officer, admin_user
):
    due = start_day()
    station = overdue_wage.placement.station
    for n in range(1, 6):  # on duty every morning of the sweeps, at the hire's station
        duty_shift_create(
            station=station,
            date=due + timedelta(days=n),
            start_time=time(8),
            end_time=time(10),
            officer=officer,
            actor=admin_user,
        )
        wage_overdue_sweep(now=local(due + timedelta(days=n), 9))
    case = RightsCase.objects.get()
    assert (case.source, case.station_id, case.assigned_to_id) == ("wages", station.pk, officer.pk)
    assert timezone.localtime(case.opened_at).time() == time(9)


def test_reassigning_needs_a_reason_on_the_timeline(open_case, officer, make_user, admin_user, now):
    case = open_case(now)  # nobody on duty: unassigned
    rights_case_assign(case=case, officer=officer, actor=admin_user)  # the first officer: no reason needed
    other = make_user("rights_officer", first_name="卓玛")
    before = (RightsCase.objects.get(pk=case.pk).assigned_to_id, Event.objects.filter(verb="case_assign").count())
    for reason in ("", "   "):
        with pytest.raises(InvalidInput) as caught:
            rights_case_assign(case=case, officer=other, actor=admin_user, reason=reason)
        assert caught.value.code == "reason_required"
    with pytest.raises(InvalidInput):
        rights_case_assign(case=case, officer=other, actor=admin_user, reason="x" * 301)
    assert (RightsCase.objects.get(pk=case.pk).assigned_to_id, Event.objects.filter(verb="case_assign").count()) == (
        before
    )
    rights_case_assign(case=case, officer=other, actor=admin_user, reason=" 当事人只会说藏语 ")
    rights_case_assign(case=case, officer=other, actor=admin_user)  # already hers: nothing changes
    assert RightsCase.objects.get(pk=case.pk).assigned_to_id == other.pk
    assert list(
        Event.objects.filter(verb="case_assign")
        .order_by("id")
        .values_list("data__officer", "data__from_officer", "data__reason")
    ) == [(officer.pk, None, ""), (other.pk, officer.pk, "当事人只会说藏语")]


# --- reads ------------------------------------------------------------------------------------


def test_the_public_schedule_is_the_station_and_the_market_for_seven_days(shift_at, today, officer, stations, auditor):
    officer.first_name, officer.last_name = "次仁", ""
    officer.save()
    ended = shift_at(today, 8, 9, **LAWYER)  # today, already over at 10:00
    now_on = shift_at(today, 9, 12, officer=officer, window="4号窗口 维权窗口", languages=["zh-hans"])
    market = shift_at(today + timedelta(days=6), 10, 12, station="market", lawyer_name="王建国", lawyer_office="律所")
    shift_at(today + timedelta(days=7), 10, 12, **LAWYER)  # the eighth day: not shown
    shift_at(today + timedelta(days=1), 10, 12, station="jinzhu-xilu", officer=officer)  # another station
    rows = duty_schedule_public(station=stations["gongdelin"], today=today, days=7)
    assert rows == [
        DutyRow(
            date=today,
            start_time=time(9),
            end_time=time(12),
            station_name=stations["gongdelin"].name,
            window="4号窗口 维权窗口",
            name="次仁",
            is_lawyer=False,
            office="",
            languages=("zh-hans",),
        ),
        DutyRow(
            date=today + timedelta(days=6),
            start_time=time(10),
            end_time=time(12),
            station_name=stations["market"].name,
            window="",
            name="王建国",
            is_lawyer=True,
            office="律所",
            languages=(),
        ),
    ]
    assert ended.pk and now_on.pk and market.pk
    week = duty_roster_week(user=auditor, station=stations["gongdelin"], week_start=week_start_of(today))
    assert [day for day, _shifts in week] == [week_start_of(today) + timedelta(days=n) for n in range(7)]
    assert dict(week)[today] == [ended, now_on]
