import pytest

from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.models import Event
from lingong.credit.models import AppealStatus, CreditEvent, Penalty, Rating
from lingong.credit.selectors import (
    appeal_list_for_staff,
    credit_explain,
    credit_score,
    credit_scores_for_employers,
    credit_scores_for_workers,
    honour_list_employers,
    honour_list_workers,
    rating_summary,
)
from lingong.credit.services import (
    appeal_create,
    appeal_decide,
    appeal_escalate_overdue,
    credit_employer_may_post,
    credit_event_record,
    credit_event_void,
    credit_record_placement_completed,
    credit_worker_may_apply,
    rating_create,
)
from lingong.credit.tasks import appeal_escalate_overdue_task
from lingong.rights.services import rights_case_close, rights_case_decide, rights_case_open
from lingong.rights.tests.factories import make_placement
from lingong.testing.clock import days

pytestmark = pytest.mark.django_db


def _no_shows(worker, placements, times):
    for placement, when in zip(placements, times):
        credit_event_record(subject=worker, kind="no_show", source=placement, now=when)


@pytest.fixture
def three_placements(employer, job_types, staff, worker):
    return [
        make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=worker, start=days(d))
        for d in (8, 10, 12)
    ]


def test_the_same_fact_never_counts_twice(worker, placement, at):
    first, created = credit_event_record(subject=worker, kind="completed", source=placement, now=at(days(9), 9))
    again, created_again = credit_event_record(subject=worker, kind="completed", source=placement, now=at(days(16), 9))
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert CreditEvent.objects.count() == 1
    assert again.occurred_at == at(days(9), 9)
    assert credit_score(subject=worker, now=at(days(9), 9)).score == 63.0


def test_placement_completed_counts_for_both_sides(worker, employer, placement, at):
    credit_record_placement_completed(placement=placement, now=at(days(9), 9))
    credit_record_placement_completed(placement=placement, now=at(days(9), 9))
    assert list(CreditEvent.objects.order_by("id").values_list("worker_id", "employer_id", "kind", "weight")) == [
        (worker.pk, None, "completed", 3.0),
        (None, employer.pk, "completed", 3.0),
    ]


def test_unknown_kind_is_refused(worker, placement):
    with pytest.raises(InvalidInput):
        credit_event_record(subject=worker, kind="smiled", source=placement)
    assert CreditEvent.objects.count() == 0


def test_third_no_show_in_30_days_pauses_applications_for_7_days(worker, three_placements, at):
    _no_shows(worker, three_placements[:2], [at(days(8), 10), at(days(10), 10)])
    assert Penalty.objects.count() == 0
    credit_worker_may_apply(worker, at(days(12), 9))
    _no_shows(worker, three_placements[2:], [at(days(12), 10)])
    penalty = Penalty.objects.get()
    assert (penalty.starts_at, penalty.ends_at) == (at(days(12), 10), at(days(19), 10))
    with pytest.raises(NotAllowed) as caught:
        credit_worker_may_apply(worker, at(days(19), 9, 59))
    assert caught.value.code == "applications_paused"
    assert f"{days(19):%Y-%m-%d} 10:00" in str(caught.value.message)
    credit_worker_may_apply(worker, at(days(19), 10, 0))  # paused for exactly 7 days


def test_no_shows_spread_over_more_than_30_days_do_not_pause(worker, three_placements, at):
    _no_shows(worker, three_placements, [at(days(-53), 10), at(days(-22), 10), at(days(-18), 10)])
    assert Penalty.objects.count() == 0


def test_upheld_appeal_lifts_the_pause_and_decision_is_human(worker, three_placements, staff, other_staff, at):
    _no_shows(worker, three_placements, [at(days(8), 10), at(days(10), 10), at(days(12), 10)])
    penalty = Penalty.objects.get()
    appeal = appeal_create(penalty=penalty, reason="第三次是雇主取消的", actor=worker.user, now=at(days(12), 12))
    assert (appeal.worker_id, appeal.status, appeal.due_at, appeal.station_id) == (
        worker.pk,
        "pending",
        at(days(15), 12),
        staff.station_id,
    )
    with pytest.raises(Conflict):
        appeal_create(penalty=penalty, reason="again", actor=worker.user, now=at(days(12), 13))
    with pytest.raises(NotAllowed):  # staff of another station may not decide
        appeal_decide(appeal=appeal, uphold=True, note="核实属实", actor=other_staff, now=at(days(13), 9))
    with pytest.raises(NotAllowed):  # nor the worker
        appeal_decide(appeal=appeal, uphold=True, note="核实属实", actor=worker.user, now=at(days(13), 9))
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.PENDING
    assert list(appeal_list_for_staff(user=staff)) == [appeal]
    assert list(appeal_list_for_staff(user=other_staff)) == []
    appeal_decide(appeal=appeal, uphold=True, note="核实属实", actor=staff, now=at(days(13), 9))
    penalty.refresh_from_db()
    assert (penalty.lifted_at, penalty.lifted_by_id) == (at(days(13), 9), staff.pk)
    credit_worker_may_apply(worker, at(days(13), 10))
    appeal.refresh_from_db()
    assert (appeal.status, appeal.decided_by_id, appeal.decision_note) == ("upheld", staff.pk, "核实属实")
    with pytest.raises(Conflict):
        appeal_decide(appeal=appeal, uphold=False, note="改判", actor=staff, now=at(days(13), 10))


def test_rejected_appeal_keeps_the_pause(worker, three_placements, staff, at):
    _no_shows(worker, three_placements, [at(days(8), 10), at(days(10), 10), at(days(12), 10)])
    appeal = appeal_create(penalty=Penalty.objects.get(), reason="我生病了", actor=staff, now=at(days(12), 12))
    with pytest.raises(InvalidInput):
        appeal_decide(appeal=appeal, uphold=False, note="  ", actor=staff, now=at(days(13), 9))
    appeal_decide(appeal=appeal, uphold=False, note="无证明", actor=staff, now=at(days(13), 9))
    with pytest.raises(NotAllowed):
        credit_worker_may_apply(worker, at(days(13), 10))


def test_appeal_against_a_credit_event_strikes_it_out(worker, placement, staff, at):
    event, _ = credit_event_record(subject=worker, kind="no_show", source=placement, now=at(days(8), 10))
    assert credit_score(subject=worker, now=at(days(8), 10)).score == 50.0
    appeal = appeal_create(credit_event=event, reason="我去了，有考勤", actor=worker.user, now=at(days(8), 12))
    appeal_decide(appeal=appeal, uphold=True, note="考勤记录证明到岗", actor=staff, now=at(days(9), 9))
    assert credit_score(subject=worker, now=at(days(9), 9)).score == 60.0
    explained = credit_explain(subject=worker, user=worker.user, now=at(days(9), 9))
    assert [(e.kind, e.weight, e.counts_now, e.voided, e.void_reason) for e in explained.events] == [
        ("no_show", -10.0, 0.0, True, "考勤记录证明到岗")
    ]


def test_overdue_appeals_are_escalated_once_by_the_clock(worker, placement, at):
    event, _ = credit_event_record(subject=worker, kind="no_show", source=placement, now=at(days(8), 10))
    appeal = appeal_create(credit_event=event, reason="不对", actor=worker.user, now=at(days(8), 12))
    assert appeal_escalate_overdue(now=at(days(11), 11, 59)) == 0
    assert appeal_escalate_overdue(now=at(days(11), 12, 0)) == 1
    assert appeal_escalate_overdue(now=at(days(11), 13, 0)) == 0
    appeal.refresh_from_db()
    assert appeal.escalated_at == at(days(11), 12, 0)
    assert Event.objects.filter(verb="appeal_overdue", subject_id=str(appeal.pk)).count() == 1


def test_escalation_task_is_thin(worker, placement, at):
    event, _ = credit_event_record(subject=worker, kind="no_show", source=placement, now=at(days(-2518), 10))
    appeal_create(credit_event=event, reason="不对", actor=worker.user, now=at(days(-2518), 12))
    assert appeal_escalate_overdue_task.call_local() == 1


def test_employer_with_open_wage_case_cannot_post_until_resolved_or_appeal_upheld(
    employer,
    employer_user,
    worker,
    officer,
    staff,
    at,
):
    credit_employer_may_post(employer)
    case = rights_case_open(
        workers=[worker],
        employer=employer,
        kind="wage_arrears",
        amount_claimed_fen=90000,
        description="欠三天工资",
        channel="window",
        actor=staff,
        now=at(days(12), 10),
    )
    with pytest.raises(NotAllowed) as caught:
        credit_employer_may_post(employer)
    assert caught.value.code == "employer_wage_arrears"
    assert f" {case.pk}" in str(caught.value.message) and caught.value.code == "employer_wage_arrears"
    appeal = appeal_create(rights_case=case, reason="工资已现金付清", actor=employer_user, now=at(days(12), 11))
    assert (appeal.employer_id, appeal.worker_id) == (employer.pk, None)
    appeal_decide(appeal=appeal, uphold=True, note="工人确认已收到", actor=staff, now=at(days(12), 15))
    credit_employer_may_post(employer)


def test_employer_may_post_again_when_the_case_is_decided(employer, worker, officer, staff, at):
    case = rights_case_open(
        workers=[worker],
        employer=employer,
        kind="wage_arrears",
        amount_claimed_fen=90000,
        description="欠三天工资",
        channel="window",
        actor=staff,
        now=at(days(12), 10),
    )
    rights_case_decide(case=case, outcome="recovered", amount_recovered_fen=90000, actor=officer, now=at(days(16), 10))
    credit_employer_may_post(employer)
    rights_case_close(case=case, actor=officer, now=at(days(16), 11))
    assert list(CreditEvent.objects.filter(employer__isnull=False).values_list("employer_id", "kind", "weight")) == [
        (employer.pk, "case_upheld", -20.0)
    ]
    assert credit_score(subject=employer, now=at(days(16), 10)).score == 40.0


def test_both_sides_rate_a_completed_placement_once(completed_placement, worker, employer, employer_user, at):
    rating_create(
        placement=completed_placement,
        side="worker",
        stars=5,
        tags=["paid_on_time", "fair"],
        actor=worker.user,
        now=at(days(9), 9),
    )
    rating_create(
        placement=completed_placement, side="employer", stars=2, tags=["late"], actor=employer_user, now=at(days(9), 9)
    )
    assert rating_summary(subject=employer) == (5.0, 1)
    assert rating_summary(subject=worker) == (2.0, 1)
    assert credit_score(subject=employer, now=at(days(9), 9)).score == 64.0
    assert credit_score(subject=worker, now=at(days(9), 9)).score == 58.0
    with pytest.raises(Conflict) as caught:
        rating_create(placement=completed_placement, side="worker", stars=1, actor=worker.user, now=at(days(9), 10))
    assert caught.value.code == "already_rated"
    assert Rating.objects.count() == 2


def test_rating_refusals_change_nothing(placement, completed_placement, worker, employer_user, staff, at):
    cases = [
        (dict(placement=placement, side="worker", stars=5, actor=worker.user), "placement_not_completed"),
        (dict(placement=completed_placement, side="worker", stars=5, actor=employer_user), "not_a_party"),
        (dict(placement=completed_placement, side="employer", stars=5, actor=staff), "not_a_party"),
        (dict(placement=completed_placement, side="worker", stars=6, actor=worker.user), "invalid_stars"),
        (dict(placement=completed_placement, side="worker", stars=4, tags=["rude"], actor=worker.user), "invalid_tag"),
    ]
    for kwargs, code in cases:
        with pytest.raises((Conflict, NotAllowed, InvalidInput)) as caught:
            rating_create(now=at(days(9), 9), **kwargs)
        assert caught.value.code == code
    assert (Rating.objects.count(), CreditEvent.objects.count()) == (0, 0)


def test_scores_for_matching_and_explanation(worker, register_worker, placement, at):
    other = register_worker()
    credit_event_record(subject=worker, kind="no_show", source=placement, now=at(days(-82), 10))
    now = at(days(8), 10)
    assert credit_scores_for_workers([worker.pk, other.pk], now) == {worker.pk: 0.55, other.pk: 0.6}
    assert credit_scores_for_employers([], now) == {}
    explained = credit_explain(subject=worker, user=worker.user, now=now)
    assert (explained.score, explained.tier, explained.baseline, explained.half_life_days) == (55.0, "fair", 60.0, 90.0)
    assert [(e.kind, e.weight, e.counts_now) for e in explained.events] == [("no_show", -10.0, -5.0)]
    with pytest.raises(NotAllowed):
        credit_explain(subject=worker, user=other.user, now=now)


def test_honour_lists_need_top_tier_and_a_track_record(employer, job_types, staff, register_worker, at):
    star, newcomer = register_worker(), register_worker()
    for d in range(8, 15):
        p = make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=star, start=days(d))
        credit_record_placement_completed(placement=p, now=at(days(d), 18))
        credit_event_record(subject=star, kind="confirmed_on_time", source=p, now=at(days(d), 8))
        credit_event_record(subject=employer, kind="wages_paid_on_time", source=p, now=at(days(d), 19))
    p = make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=newcomer, start=days(17))
    credit_record_placement_completed(placement=p, now=at(days(17), 18))
    now = at(days(18), 9)
    assert [(w.pk, s) for w, s in honour_list_workers(now=now)] == [(star.pk, 86.6)]
    assert [(e.pk, s) for e, s in honour_list_employers(now=now)] == [(employer.pk, 96.3)]


def test_staff_strike_out_a_wrong_no_show_and_the_pause_goes_with_it(worker, three_placements, staff, auditor, at):
    _no_shows(worker, three_placements, [at(days(8), 10), at(days(10), 10), at(days(12), 10)])
    with pytest.raises(NotAllowed):
        credit_event_void(
            subject=worker,
            kind="no_show",
            source=three_placements[2],
            reason="雇主改了时间",
            actor=auditor,
            now=at(days(13), 9),
        )
    assert Penalty.objects.get().lifted_at is None
    assert (
        credit_event_void(
            subject=worker,
            kind="no_show",
            source=three_placements[2],
            reason="雇主改了时间",
            actor=staff,
            now=at(days(13), 9),
        )
        is True
    )
    assert Penalty.objects.get().lifted_at == at(days(13), 9)
    credit_worker_may_apply(worker, at(days(13), 10))
    assert (
        credit_score(subject=worker, now=at(days(13), 9)).score == 40.6
    )  # two no-shows left: 60 - 10·0.5^(4.96/90) - 10·0.5^(2.96/90)
