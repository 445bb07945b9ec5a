"""The life of a placement, in one place: what follows each step, and when.

    posting ─ job_posting_check ─ credit: no posting while a wage-arrears case is open
    publish ─ job_published (after commit) ─ fast channel: the first tier of offers
    apply ─ application_check ─ credit: no applying while paused for no-shows
    dispatch proposal declined, withdrawn or not answered in time ─ application_closed (after commit) ─
      the next worker on the job's standby list is proposed
    hire ─ placement_hired ─ confirmation to ask for, agreement, wage record, follow-up calls;
      the job's standby list dropped when the hire filled it
      confirm ─ placement_confirmed ─ credit: confirmed on time
      not confirmed by the deadline ─ confirmation_released ─ the hire ends, the place is offered on
      attendance (scan, hours, disputes) ─ attendance_changed ─ wages owed follow what counts
        no-show ─ no_show_recorded / no_show_overturned ─ credit
      new agreement version signed ─ agreement_superseded ─ the wage's due date follows it
      ended early ─ placement_ended ─ agreement void, wage cancelled, follow-ups cancelled
      completed ─ placement_completed ─ credit for both sides
    wages paid on time ─ wage_paid_on_time ─ credit for the employer
    wages overdue or denied ─ wage_escalated ─ a rights case with the evidence
      overdue case opened ─ case_opened_for_overdue_wage ─ credit against the employer
      case upheld ─ case_upheld ─ credit against the employer

Each step lives in its own app and fires a hook it declares (`<app>/hooks.py`);
this module, above them all, connects the hooks. No step imports it back.
Handlers run in the step's transaction (everything a placement must have
exists with it, or nothing does) unless the hook says after the commit
(tasks and offers: nothing is sent for a change that was rolled back).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from lingong.aggregation.services import duplicate_promote
from lingong.agreements import hooks as agreement_hooks
from lingong.agreements.services import agreement_create_for_placement, agreement_void_for_placement
from lingong.attendance import hooks as attendance_hooks
from lingong.attendance.services import placement_confirmation_create
from lingong.core.models import Channel
from lingong.credit.models import CreditKind
from lingong.credit.services import (
    credit_employer_may_post,
    credit_event_record,
    credit_event_void,
    credit_record_placement_completed,
    credit_worker_may_apply,
)
from lingong.followups.services import followup_cancel_for_placement, followup_schedule_for_placement
from lingong.jobs import hooks as job_hooks
from lingong.jobs.models import ApplicationOrigin, Placement
from lingong.jobs.services import placement_release_unconfirmed
from lingong.matching.services import job_place_offer_on, standby_drop, standby_drop_if_done
from lingong.matching.tasks import fast_channel_offer_task, standby_promote_task
from lingong.rights import hooks as rights_hooks
from lingong.rights.services import rights_case_open_for_wage
from lingong.wages import hooks as wage_hooks
from lingong.wages.services import (
    wage_cancel_for_placement,
    wage_create_for_placement,
    wage_due_date_follow_agreement,
    wage_recompute,
)

# --- the hire -----------------------------------------------------------------------


@transaction.atomic
def placement_protection_create(
    *, placement: Placement, actor=None, channel: str = Channel.SYSTEM, now: datetime | None = None
):
    """What every placement gets when it is made: none exists without the others.

    A confirmation to ask the worker for, the agreement (to sign), the wage
    record (owed from the agreement and attendance) and the follow-up calls.
    `now` is when the hire was made (the demo replays history with it).
    """
    confirmation = placement_confirmation_create(placement=placement, actor=actor, channel=channel, now=now)
    agreement = agreement_create_for_placement(placement=placement, actor=actor, channel=channel)
    wage_create_for_placement(placement=placement, agreement=agreement, actor=actor, channel=channel)
    followup_schedule_for_placement(placement=placement)
    return confirmation


def placement_protection_end(*, placement: Placement, actor, channel: str, reason: str) -> None:
    """A hire ended early: its agreement is void, nothing more is owed on it, nobody calls about it."""
    agreement_void_for_placement(placement=placement, actor=actor, channel=channel, reason=reason)
    wage_cancel_for_placement(placement=placement, actor=actor, channel=channel, reason=reason)
    followup_cancel_for_placement(placement=placement, actor=actor)


def _placement_hired(*, placement, actor, channel) -> None:
    placement_protection_create(placement=placement, actor=actor, channel=channel)


def _confirmation_released(*, placement, offer_to: int) -> None:
    placement_release_unconfirmed(placement=placement)
    job_place_offer_on(job=placement.job, offer_to=offer_to)


def _job_withdrawn(*, job) -> None:
    duplicate_promote(job=job)
    standby_drop(job=job)


def _application_closed(*, application, reason: str) -> None:
    """A dispatch proposal ended without a hire: its place goes to the next worker in line."""
    if application.origin == ApplicationOrigin.DISPATCH:
        standby_promote_task(application.job_id)


def _standby_after_hire(*, placement, actor, channel) -> None:
    standby_drop_if_done(job=placement.job)


def _job_published(*, job) -> None:
    if job.is_fast_channel:
        fast_channel_offer_task(job.pk, 0)


# --- credit: the facts each step leaves -------------------------------------------------


def _employer_may_post(*, employer) -> None:
    credit_employer_may_post(employer)


def _worker_may_apply(*, worker) -> None:
    credit_worker_may_apply(worker)


def _placement_confirmed(*, placement, now) -> None:
    credit_event_record(subject=placement.worker, kind=CreditKind.CONFIRMED_ON_TIME, source=placement, now=now)


def _no_show_recorded(*, placement, record, now) -> None:
    credit_event_record(subject=placement.worker, kind=CreditKind.NO_SHOW, source=record, now=now)


def _no_show_overturned(*, placement, record, note, actor, now) -> None:
    credit_event_void(
        subject=placement.worker, kind=CreditKind.NO_SHOW, source=record, reason=note, actor=actor, now=now
    )


def _placement_completed(*, placement, now) -> None:
    credit_record_placement_completed(placement=placement, now=now)


def _wage_paid_on_time(*, wage, now) -> None:
    credit_event_record(subject=wage.placement.job.employer, kind=CreditKind.WAGES_PAID_ON_TIME, source=wage, now=now)


def _case_opened_for_overdue_wage(*, case, wage) -> None:
    credit_event_record(subject=case.employer, kind=CreditKind.WAGES_OVERDUE, source=wage)


def _case_upheld(*, case, now) -> None:
    credit_event_record(subject=case.employer, kind=CreditKind.CASE_UPHELD, source=case, now=now)


# --- wages and rights --------------------------------------------------------------------


def _attendance_changed(*, placement, actor, channel, reason, now) -> None:
    wage_recompute(placement=placement, actor=actor, channel=channel, reason=reason, now=now or timezone.now())


def _agreement_superseded(*, agreement, actor) -> None:
    wage_due_date_follow_agreement(agreement=agreement, actor=actor)


def _wage_escalated(*, wage, reason, evidence, actor, channel, now=None) -> None:
    rights_case_open_for_wage(wage=wage, reason=reason, evidence=evidence, actor=actor, channel=channel, now=now)


CONNECTIONS = (
    (job_hooks.job_posting_check, _employer_may_post),
    (job_hooks.job_published, _job_published),
    (job_hooks.job_withdrawn, _job_withdrawn),
    (job_hooks.application_check, _worker_may_apply),
    (job_hooks.placement_hired, _placement_hired),
    (job_hooks.placement_hired, _standby_after_hire),
    (job_hooks.application_closed, _application_closed),
    (attendance_hooks.placement_confirmed, _placement_confirmed),
    (attendance_hooks.confirmation_released, _confirmation_released),
    (attendance_hooks.attendance_changed, _attendance_changed),
    (attendance_hooks.no_show_recorded, _no_show_recorded),
    (attendance_hooks.no_show_overturned, _no_show_overturned),
    (agreement_hooks.agreement_superseded, _agreement_superseded),
    (job_hooks.placement_ended, placement_protection_end),
    (job_hooks.placement_completed, _placement_completed),
    (wage_hooks.wage_paid_on_time, _wage_paid_on_time),
    (wage_hooks.wage_escalated, _wage_escalated),
    (rights_hooks.case_opened_for_overdue_wage, _case_opened_for_overdue_wage),
    (rights_hooks.case_upheld, _case_upheld),
)


def lifecycle_connect() -> None:
    for hook, handler in CONNECTIONS:
        hook.connect(handler)
