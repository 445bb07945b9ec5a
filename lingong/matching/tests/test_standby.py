"""Dispatch with a standby list: the next worker in line is proposed when a proposal is declined, withdrawn or
not answered in time, never more open proposals than places left, dropped when the job no longer needs anyone."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.translation import override

from lingong.core.errors import NotAllowed
from lingong.jobs.models import Application, Job, Placement
from lingong.jobs.services import (
    application_accept,
    application_create,
    application_decline,
    application_expire_unanswered,
    application_withdraw,
    block_set,
    job_close,
)
from lingong.jobs.tests.factories import post_job
from lingong.matching.acceptance import DECLARED, FEATURES
from lingong.matching.loader import match_index
from lingong.matching.models import DispatchStandby
from lingong.matching.selectors import dispatch_why_for_job
from lingong.matching.services import dispatch_run, standby_promote, standby_sweep
from lingong.notifications.models import Notification
from lingong.testing.clock import days, local

pytestmark = pytest.mark.django_db
HOME = {"home_lat": "29.650000", "home_lon": "91.130000"}


def propose(job, worker):
    return application_create(job=job, worker=worker, origin="dispatch", channel="system", actor=None)


def line_up(job, workers):
    """The job's standby list, in this order (as `dispatch_run` keeps it)."""
    for rank, worker in enumerate(workers, start=1):
        DispatchStandby.objects.create(job=job, worker=worker, rank=rank, probability=0.5, score=0.5)


def statuses(job) -> dict[int, str]:
    return dict(DispatchStandby.objects.filter(job=job).values_list("worker_id", "status"))


def open_dispatch(job) -> set[int]:
    return set(
        Application.objects.filter(
            job=job, origin="dispatch", status__in=("proposed", "accepted_by_worker", "accepted_by_employer")
        ).values_list("worker_id", flat=True)
    )


@pytest.fixture
def movers(register_worker):
    return [register_worker(trades=("mover",), **HOME) for _ in range(5)]


@pytest.fixture
def job(employer, job_types, staff):
    return post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=1)


def test_a_decline_proposes_the_next_in_line(job, movers, django_capture_on_commit_callbacks):
    first, *standbys = movers
    proposal = propose(job, first)
    line_up(job, standbys[:3])
    with django_capture_on_commit_callbacks(execute=True):
        application_decline(application=proposal, side="worker", actor=first.user, channel="app")
    assert open_dispatch(job) == {standbys[0].pk}
    assert statuses(job) == {standbys[0].pk: "promoted", standbys[1].pk: "waiting", standbys[2].pk: "waiting"}
    invitation = Notification.objects.get(dedupe_key=f"invitation:application:{open_dispatch_pk(job, standbys[0])}")
    assert invitation.user_id == standbys[0].user_id


def open_dispatch_pk(job, worker) -> int:
    return Application.objects.get(job=job, worker=worker).pk


def test_a_withdrawal_proposes_the_next_in_line_too(job, movers, django_capture_on_commit_callbacks):
    first, second, *_ = movers
    proposal = propose(job, first)
    line_up(job, [second])
    application_accept(application=proposal, side="worker", actor=first.user, channel="app")
    with django_capture_on_commit_callbacks(execute=True):
        application_withdraw(application=proposal, actor=first.user, channel="app")
    assert open_dispatch(job) == {second.pk}


def test_nobody_is_promoted_while_every_place_has_its_proposal(employer, job_types, staff, movers):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=2)
    a, b, c, d, _ = movers
    propose(job, a)
    propose(job, b)
    line_up(job, [c, d])
    assert standby_promote(job=job) == []
    assert statuses(job) == {c.pk: "waiting", d.pk: "waiting"}
    # A worker's own application does not hold a dispatch place: one place still has only one proposal left
    application_decline(
        application=Application.objects.get(job=job, worker=a), side="worker", actor=a.user, channel="app"
    )
    [promoted] = standby_promote(job=job)
    assert promoted.worker_id == c.pk and open_dispatch(job) == {b.pk, c.pk}
    assert standby_promote(job=job) == []  # the same promotion asked twice: nobody more
    assert statuses(job) == {c.pk: "promoted", d.pk: "waiting"}


def test_standbys_who_can_no_longer_take_it_are_passed_over(employer, job_types, staff, job, movers):
    first, busy, blocked, free, _ = movers
    propose(job, first)
    line_up(job, [busy, blocked, free])
    same_time = post_job(employer=employer, job_type=job_types["mover"], actor=staff, start=job.start_date)
    application_accept(application=propose(same_time, busy), side="worker", actor=busy.user, channel="app")
    application_accept(
        application=Application.objects.get(job=same_time, worker=busy), side="employer", actor=staff, channel="window"
    )
    block_set(worker=blocked, employer=employer, side="worker", actor=blocked.user, blocked=True)
    application_decline(
        application=Application.objects.get(job=job, worker=first), side="worker", actor=first.user, channel="app"
    )
    [promoted] = standby_promote(job=job)
    assert promoted.worker_id == free.pk
    assert statuses(job) == {busy.pk: "dropped", blocked.pk: "dropped", free.pk: "promoted"}
    assert not Application.objects.filter(job=job, worker__in=(busy, blocked)).exists()


def test_a_proposal_not_answered_in_time_expires_and_the_next_is_asked(job, movers, now, settings):
    settings.DISPATCH_ANSWER_MINUTES = 30
    first, second, third, *_ = movers
    proposal = propose(job, first)
    line_up(job, [second, third])
    deadline = proposal.created_at + timedelta(minutes=30)
    assert application_expire_unanswered(now=deadline - timedelta(minutes=1)) == []
    with time_machine.travel(deadline + timedelta(seconds=1), tick=False):
        assert application_expire_unanswered(now=timezone.now()) == [proposal.pk]
        assert application_expire_unanswered(now=timezone.now()) == []  # a second run expires nothing more
        proposal.refresh_from_db()
        assert proposal.status == "expired"
        told = Notification.objects.get(dedupe_key=f"offer_expired:application:{proposal.pk}")
        assert (told.user_id, told.kind) == (first.user_id, "offer_withdrawn")
        # the promotion after the commit; the sweep does it when that one did not run (here: no commit)
        assert standby_sweep(now=timezone.now()) == {"dropped": 0, "promoted": 1}
        assert standby_sweep(now=timezone.now()) == {"dropped": 0, "promoted": 0}
    assert open_dispatch(job) == {second.pk}
    assert statuses(job) == {second.pk: "promoted", third.pk: "waiting"}


def test_the_invitation_says_by_when_to_answer(job, movers, settings):
    settings.DISPATCH_ANSWER_MINUTES = 30
    proposal = propose(job, movers[0])
    invitation = Notification.objects.get(dedupe_key=f"invitation:application:{proposal.pk}")
    by = timezone.localtime(proposal.created_at + timedelta(minutes=30))
    assert f"{by:%H:%M}" in invitation.body


def test_an_answered_proposal_and_other_origins_do_not_expire(employer, job_types, staff, job, movers, settings):
    settings.DISPATCH_ANSWER_MINUTES = 30
    answered = propose(job, movers[0])
    application_accept(application=answered, side="worker", actor=movers[0].user, channel="app")
    invited = application_create(job=job, worker=movers[1], origin="employer", channel="web", actor=staff)
    fast = post_job(employer=employer, job_type=job_types["mover"], actor=staff, is_fast_channel=True)
    offer = propose(fast, movers[2])
    later = timezone.now() + timedelta(hours=2)
    assert application_expire_unanswered(now=later) == []
    assert [
        a.status for a in Application.objects.filter(pk__in=(answered.pk, invited.pk, offer.pk)).order_by("pk")
    ] == [
        "accepted_by_worker",
        "accepted_by_employer",
        "proposed",
    ]


def test_a_filled_job_drops_its_waiting_standbys(job, movers, staff):
    first, second, third, *_ = movers
    proposal = propose(job, first)
    line_up(job, [second, third])
    application_accept(application=proposal, side="worker", actor=first.user, channel="app")
    application_accept(application=proposal, side="employer", actor=staff, channel="window")
    assert Job.objects.get(pk=job.pk).status == "filled"
    assert statuses(job) == {second.pk: "dropped", third.pk: "dropped"}
    assert standby_promote(job=job) == []


def test_a_closed_job_drops_its_list_at_the_next_sweep(job, movers, staff):
    line_up(job, movers[1:3])
    job_close(job=job, actor=staff, channel="window")
    assert standby_sweep() == {"dropped": 2, "promoted": 0}
    assert set(statuses(job).values()) == {"dropped"}


def test_a_worker_cannot_decline_someone_elses_proposal(job, movers, django_capture_on_commit_callbacks):
    first, second, other, *_ = movers
    proposal = propose(job, first)
    line_up(job, [second])
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(NotAllowed):
        application_decline(application=proposal, side="worker", actor=other.user, channel="app")
    proposal.refresh_from_db()
    assert proposal.status == "proposed" and statuses(job) == {second.pk: "waiting"}
    assert open_dispatch(job) == {first.pk}


def test_promotions_never_hire_past_the_headcount(
    employer, job_types, staff, movers, django_capture_on_commit_callbacks
):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=2)
    a, b, c, d, e = movers
    propose(job, a)
    propose(job, b)
    line_up(job, [c, d, e])
    with django_capture_on_commit_callbacks(execute=True):
        application_decline(
            application=Application.objects.get(job=job, worker=a), side="worker", actor=a.user, channel="app"
        )
    for worker in (b, c):
        application = Application.objects.get(job=job, worker=worker)
        application_accept(application=application, side="worker", actor=worker.user, channel="app")
        application_accept(application=application, side="employer", actor=staff, channel="window")
    job.refresh_from_db()
    assert (job.status, job.places_filled, Placement.objects.filter(job=job).count()) == ("filled", 2, 2)
    assert statuses(job) == {c.pk: "promoted", d.pk: "dropped", e.pk: "dropped"}
    with django_capture_on_commit_callbacks(execute=True):
        assert standby_promote(job=job) == []
    assert open_dispatch(job) == set()


def test_a_night_job_elsewhere_does_not_make_a_standby_busy(employer, job_types, staff, job, movers):
    first, evening_worker, *_ = movers
    propose(job, first)
    line_up(job, [evening_worker])
    evening = post_job(
        employer=employer, job_type=job_types["mover"], actor=staff, start=job.start_date, hours=(time(18), time(22))
    )
    application_accept(
        application=propose(evening, evening_worker), side="worker", actor=evening_worker.user, channel="app"
    )
    application_decline(
        application=Application.objects.get(job=job, worker=first), side="worker", actor=first.user, channel="app"
    )
    [promoted] = standby_promote(job=job)
    assert promoted.worker_id == evening_worker.pk


# --- the morning dispatch keeps the list; staff see why ----------------------------------------------------------

DAY = days(8)


def test_dispatch_run_keeps_the_standby_list_in_order(employer, job_types, staff, movers, admin_user):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, start=DAY, headcount=1)
    outcome = dispatch_run(day=DAY, actor=admin_user, now=local(DAY, 6))
    assert outcome.proposed == 1
    [proposed] = Application.objects.filter(job=job, origin="dispatch").values_list("worker_id", flat=True)
    kept = list(DispatchStandby.objects.filter(job=job).order_by("rank").values_list("rank", "worker_id", "status"))
    assert [rank for rank, _, _ in kept] == [1, 2, 3]  # three per place
    assert proposed not in {worker for _, worker, _ in kept} and {w for _, w, _ in kept} < {m.pk for m in movers}
    assert all(status == "waiting" for _, _, status in kept)
    scores = list(DispatchStandby.objects.filter(job=job).order_by("rank").values_list("score", "probability"))
    # Before any training the index ranks by the declared profile (cold start): every standby keeps its estimate.
    assert all(score > 0 and 0 < p < 1 for score, p in scores)
    # a second run adds nobody twice
    dispatch_run(day=DAY, actor=admin_user, now=local(DAY, 6))
    assert DispatchStandby.objects.filter(job=job).count() == 3


def test_with_a_model_the_list_keeps_each_estimate(employer, job_types, staff, movers, admin_user):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, start=DAY, headcount=1)
    match_index(now=local(DAY, 6)).set_acceptance(DECLARED)
    dispatch_run(day=DAY, actor=admin_user, now=local(DAY, 6))
    probabilities = list(DispatchStandby.objects.filter(job=job).values_list("probability", flat=True))
    assert len(probabilities) == 3 and all(0 < p < 1 for p in probabilities)


def test_staff_see_why_each_worker_was_proposed(employer, job_types, staff, movers, other_staff, auditor, now):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=1)
    first, second, third, *_ = movers
    propose(job, first)
    line_up(job, [second, third])
    match_index().set_acceptance(DECLARED)
    with override("zh-hans"):
        why = dispatch_why_for_job(user=staff, job=job)
    assert [p.worker.pk for p in why.proposals] == [first.pk]
    assert [(p.worker.pk, p.rank, p.status) for p in why.standby] == [(second.pk, 1, "等待中"), (third.pk, 2, "等待中")]
    proposal = why.proposals[0]
    assert proposal.reasons and all(r.text for r in proposal.reasons)
    assert 0 < proposal.percent < 100 and proposal.model_declared
    assert 1 <= len(proposal.contributions) <= 3
    assert all(c.code in (*FEATURES, "worker") and c.text != c.code for c in proposal.contributions)
    # the kept estimate of a standby is shown, not a new one
    assert why.standby[0].percent == 50
    for outsider in (other_staff, auditor):  # another station's clerk; an auditor does not run dispatch
        with pytest.raises(NotAllowed):
            dispatch_why_for_job(user=outsider, job=job)


def test_the_job_page_shows_the_why_to_its_station_only(client, employer, job_types, staff, other_staff, movers):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=1)
    propose(job, movers[0])
    line_up(job, movers[1:3])
    client.force_login(staff)
    page = client.get(f"/console/jobs/{job.pk}/").content.decode()
    assert "data-dispatch-why" in page and page.count("<tr data-worker=") == 3
    client.force_login(other_staff)
    response = client.get(f"/console/jobs/{job.pk}/")
    assert response.status_code == 200 and "data-dispatch-why" not in response.content.decode()
