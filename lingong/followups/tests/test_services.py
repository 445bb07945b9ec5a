import pytest

from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.models import Event
from lingong.followups.models import FollowUp
from lingong.followups.selectors import followup_list_for_station_day
from lingong.followups.services import (
    followup_cancel_for_placement,
    followup_record_outcome,
    followup_schedule_for_placement,
    placement_pay_date,
)
from lingong.rights.models import RightsCase
from lingong.rights.tests.factories import make_placement
from lingong.testing.clock import days

pytestmark = pytest.mark.django_db


def test_two_calls_are_scheduled_once_per_placement(placement, stations):
    from lingong.wages.models import WagePayment

    assert WagePayment.objects.get(placement=placement).due_date == days(8)  # a day gig: paid on the day
    first = followup_schedule_for_placement(placement=placement)
    again = followup_schedule_for_placement(placement=placement)
    assert [f.pk for f in first] == [f.pk for f in again]
    assert list(FollowUp.objects.order_by("kind").values_list("kind", "due_on", "station_id", "status")) == [
        ("after_pay", days(9), stations["gongdelin"].pk, "pending"),
        ("first_day", days(9), stations["gongdelin"].pk, "pending"),
    ]
    assert Event.objects.filter(verb="followup_schedule").count() == 2


def test_pay_date_follows_the_wage_record_else_end_date_plus_one(placement):
    from lingong.wages.models import WageLedgerEntry, WagePayment

    followup_schedule_for_placement(placement=placement)
    WagePayment.objects.filter(placement=placement).update(due_date=days(22))
    assert placement_pay_date(placement) == days(22)
    followup_schedule_for_placement(placement=placement)  # moves the pending call
    assert FollowUp.objects.get(kind="after_pay").due_on == days(23)
    assert Event.objects.filter(verb="followup_reschedule").count() == 1
    WageLedgerEntry.objects.filter(wage__placement=placement).delete()
    WagePayment.objects.filter(placement=placement).delete()
    assert placement_pay_date(placement) == days(9)  # no wage record: end date + 1


def test_staff_list_of_calls_by_station_and_day(employer, job_types, staff, other_staff, register_worker, stations):
    a = make_placement(
        employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker(), start=days(8)
    )
    b = make_placement(
        employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker(), start=days(11)
    )
    for p in (a, b):
        followup_schedule_for_placement(placement=p)
    day = followup_list_for_station_day(user=staff, station=stations["gongdelin"], day=days(9), include_overdue=False)
    assert [(f.placement_id, f.kind) for f in day] == [(a.pk, "first_day"), (a.pk, "after_pay")]
    later = followup_list_for_station_day(user=staff, station=stations["gongdelin"], day=days(12))
    assert [(f.placement_id, f.kind) for f in later] == [
        (a.pk, "first_day"),
        (a.pk, "after_pay"),
        (b.pk, "first_day"),
        (b.pk, "after_pay"),
    ]
    assert list(followup_list_for_station_day(user=staff, station=stations["market"], day=days(12))) == []


def test_a_good_call_is_recorded(placement, staff, at):
    followup = followup_schedule_for_placement(placement=placement)[0]
    followup, case = followup_record_outcome(
        followup=followup,
        actor=staff,
        working=True,
        paid_as_agreed=None,
        satisfied=True,
        note="一切正常",
        now=at(days(9), 10),
    )
    assert case is None
    assert (
        followup.status,
        followup.working,
        followup.paid_as_agreed,
        followup.satisfied,
        followup.called_by_id,
        followup.called_at,
        followup.attempts,
    ) == ("done", True, None, True, staff.pk, at(days(9), 10), 1)
    with pytest.raises(Conflict):
        followup_record_outcome(followup=followup, actor=staff, working=False, now=at(days(9), 11))


def test_unreachable_then_reached(placement, staff, at):
    followup = followup_schedule_for_placement(placement=placement)[0]
    followup, _ = followup_record_outcome(
        followup=followup, actor=staff, reached=False, note="无人接听", now=at(days(9), 10)
    )
    assert (followup.status, followup.attempts) == ("unreachable", 1)
    followup, _ = followup_record_outcome(followup=followup, actor=staff, working=True, now=at(days(9), 15))
    assert (followup.status, followup.attempts) == ("done", 2)


def test_a_problem_opens_a_case_in_one_step(placement, worker, employer, staff, at):
    followup = followup_schedule_for_placement(placement=placement)[1]
    followup, case = followup_record_outcome(
        followup=followup,
        actor=staff,
        working=False,
        paid_as_agreed=False,
        satisfied=False,
        note="没拿到工资",
        open_case=True,
        amount_claimed_fen=30000,
        now=at(days(10), 10),
    )
    assert followup.rights_case_id == case.pk
    assert (
        case.kind,
        case.source,
        case.placement_id,
        case.employer_id,
        case.amount_claimed_fen,
        case.description,
        case.opened_at,
    ) == ("wage_arrears", "followup", placement.pk, employer.pk, 30000, "没拿到工资", at(days(10), 10))
    assert list(case.workers.all()) == [worker]


def test_refused_calls_change_nothing(placement, staff, other_staff, auditor, at):
    followup = followup_schedule_for_placement(placement=placement)[1]
    for actor in (other_staff, auditor):
        with pytest.raises(NotAllowed):
            followup_record_outcome(followup=followup, actor=actor, working=True, now=at(days(10), 10))
    with pytest.raises(InvalidInput):  # a case needs a description and an amount: all rolled back
        followup_record_outcome(
            followup=followup,
            actor=staff,
            paid_as_agreed=False,
            open_case=True,
            amount_claimed_fen=0,
            note="欠薪",
            now=at(days(10), 10),
        )
    with pytest.raises(InvalidInput):
        followup_record_outcome(followup=followup, actor=staff, reached=False, open_case=True, now=at(days(10), 10))
    followup.refresh_from_db()
    assert (followup.status, followup.attempts, followup.rights_case_id) == ("pending", 0, None)
    assert RightsCase.objects.count() == 0


def test_cancelled_placement_cancels_its_calls(placement):
    followup_schedule_for_placement(placement=placement)
    assert followup_cancel_for_placement(placement=placement) == 2
    assert set(FollowUp.objects.values_list("status", flat=True)) == {"cancelled"}


def test_every_new_placement_gets_its_two_calls(placement):
    # placement_create schedules them in its own transaction (via placement_protection_create)
    assert FollowUp.objects.filter(placement=placement).count() == 2


def test_placement_cancel_cancels_its_calls(placement, staff):
    from lingong.jobs.services import placement_cancel

    placement_cancel(placement=placement, actor=staff, channel="window", reason="雇主取消")
    assert set(FollowUp.objects.filter(placement=placement).values_list("status", flat=True)) == {"cancelled"}
