"""Follow-up calls after a placement: scheduled automatically, recorded by staff.

Two calls per placement:
- first_day: the day after the placement's first day (start_date + 1);
- after_pay: the day after the pay date. The pay date is the wage record's due
  date (it moves with a newly signed agreement), else the placement's end
  date + 1 day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lingong.accounts.selectors import role_require
from lingong.core.errors import InvalidInput
from lingong.core.models import Channel
from lingong.core.services import event_record, status_transition
from lingong.notifications.models import NotificationKind
from lingong.rights.services import rights_case_open
from lingong.wages.models import WagePayment
from lingong.workers.services import worker_notify

from .models import FOLLOWUP_TRANSITIONS, FollowUp, FollowUpKind, FollowUpStatus


def placement_pay_date(placement) -> date:
    """The wage record's due date if there is one, else the end date + 1 day."""
    due = _wage_due_date(placement)
    return due if due is not None else placement.end_date + timedelta(days=1)


def _wage_due_date(placement) -> date | None:
    return WagePayment.objects.filter(placement=placement).values_list("due_date", flat=True).first()


@transaction.atomic
def followup_schedule_for_placement(*, placement) -> list[FollowUp]:
    """Schedule (or move) the two calls of a placement. Safe to call again: one call per kind.

    A pending call is moved when the dates changed (say the wage due date was set later).
    """
    due = {
        FollowUpKind.FIRST_DAY: placement.start_date + timedelta(days=1),
        FollowUpKind.AFTER_PAY: placement_pay_date(placement) + timedelta(days=1),
    }
    result = []
    for kind, due_on in due.items():
        existing = FollowUp.objects.filter(placement=placement, kind=kind).first()
        if existing is None:
            followup = FollowUp(placement=placement, kind=kind, due_on=due_on, station=placement.station)
            followup.full_clean(validate_constraints=False)
            try:
                with transaction.atomic():
                    followup.save()
            except IntegrityError:
                result.append(FollowUp.objects.get(placement=placement, kind=kind))
                continue
            event_record(
                subject=followup,
                verb="followup_schedule",
                to_state=followup.status,
                station=placement.station,
                data={"due_on": due_on.isoformat()},
            )
            result.append(followup)
        elif existing.status == FollowUpStatus.PENDING and existing.due_on != due_on:
            old = existing.due_on
            FollowUp.objects.filter(pk=existing.pk).update(due_on=due_on, updated_at=timezone.now())
            existing.due_on = due_on
            event_record(
                subject=existing,
                verb="followup_reschedule",
                station=placement.station,
                data={"from": old.isoformat(), "to": due_on.isoformat()},
            )
            result.append(existing)
        else:
            result.append(existing)
    return result


def _followup_missed_notify(*, followup: FollowUp) -> None:
    """The station called and nobody answered: the worker learns who called and how to call back."""
    placement = followup.placement
    station = followup.station or placement.station
    worker_notify(
        worker=placement.worker,
        kind=NotificationKind.FOLLOW_UP,
        message=_(
            "Lingong: %(station)s called you about your work %(job)s and could not reach you. "
            "If anything is wrong with the work or the pay, please call %(hotline)s."
        ),
        params={
            "station": (station.name_bo if placement.worker.language == "bo" and station.name_bo else station.name_zh)
            if station
            else "",
            "job": placement.job.title,
            "hotline": station.hotline if station and station.hotline else "",
        },
        dedupe_key=f"follow_up:{followup.pk}:missed:{followup.attempts}",
        station=station,
    )


@transaction.atomic
def followup_record_outcome(
    *,
    followup: FollowUp,
    actor,
    reached: bool = True,
    working: bool | None = None,
    paid_as_agreed: bool | None = None,
    satisfied: bool | None = None,
    note: str = "",
    open_case: bool = False,
    case_kind: str = "wage_arrears",
    amount_claimed_fen: int = 0,
    case_description: str = "",
    now: datetime | None = None,
):
    """Record the call. A problem opens a rights case in the same step, for the placement's worker and employer.

    Returns (followup, case or None).
    """
    role_require(actor, "followup.change", station_id=followup.station_id)
    now = now or timezone.now()
    followup.refresh_from_db()
    note = (note or "").strip()
    if len(note) > 500:
        raise InvalidInput(_("The note is too long (at most 500 characters)."), code="invalid_note", field="note")
    if not reached:
        if open_case:
            raise InvalidInput(_("A case can only be opened after speaking with the worker."), code="not_reached")
        status_transition(
            followup,
            transitions=FOLLOWUP_TRANSITIONS,
            to=FollowUpStatus.UNREACHABLE,
            verb="followup_unreachable",
            actor=actor,
            station=followup.station,
            channel=Channel.WINDOW,
            data={"note": note},
        )
        FollowUp.objects.filter(pk=followup.pk).update(
            attempts=followup.attempts + 1, note=note, called_by=actor, called_at=now
        )
        followup.attempts += 1
        _followup_missed_notify(followup=followup)
        return followup, None
    status_transition(
        followup,
        transitions=FOLLOWUP_TRANSITIONS,
        to=FollowUpStatus.DONE,
        verb="followup_done",
        actor=actor,
        station=followup.station,
        channel=Channel.WINDOW,
        data={"working": working, "paid_as_agreed": paid_as_agreed, "satisfied": satisfied, "note": note},
    )
    case = None
    if open_case:
        placement = followup.placement
        description = (case_description or "").strip() or note
        if not description:
            raise InvalidInput(_("Please describe the problem."), code="description_required", field="case_description")
        case = rights_case_open(
            workers=[placement.worker],
            employer=placement.job.employer,
            kind=case_kind,
            description=description,
            amount_claimed_fen=amount_claimed_fen,
            channel=Channel.WINDOW,
            actor=actor,
            station=followup.station,
            placement=placement,
            source="followup",
            now=now,
        )
    FollowUp.objects.filter(pk=followup.pk).update(
        working=working,
        paid_as_agreed=paid_as_agreed,
        satisfied=satisfied,
        note=note,
        called_by=actor,
        called_at=now,
        attempts=followup.attempts + 1,
        rights_case=case,
    )
    followup.refresh_from_db()
    return followup, case


@transaction.atomic
def followup_cancel_for_placement(*, placement, actor=None) -> int:
    """A cancelled placement needs no calls: its pending calls are cancelled."""
    count = 0
    for followup in FollowUp.objects.filter(placement=placement, status=FollowUpStatus.PENDING):
        status_transition(
            followup,
            transitions=FOLLOWUP_TRANSITIONS,
            to=FollowUpStatus.CANCELLED,
            verb="followup_cancel",
            actor=actor,
            station=followup.station,
        )
        count += 1
    return count
