"""Where wage protection hands over to rights protection.

`wage_overdue_escalate` is called when a wage is still unpaid after the
reminders (daily sweep), or when the worker says a payment marked as made
never arrived. It records an Event `wage_escalated` on the wage, with the
evidence, and fires `hooks.wage_escalated`: `lingong.lifecycle` opens a rights
case with that evidence attached, in the same transaction.
"""

from __future__ import annotations

from lingong.agreements.selectors import agreement_current_for_placement
from lingong.attendance.models import AttendanceRecord
from lingong.core.services import event_record

from . import hooks


def wage_evidence(wage) -> dict:
    """What a rights officer needs first: agreement, attendance, ledger, reminders."""
    placement = wage.placement
    agreement = agreement_current_for_placement(placement=placement)
    return {
        "placement": placement.pk,
        "worker": placement.worker_id,
        "employer": placement.job.employer_id,
        "agreement": None
        if agreement is None
        else {
            "id": agreement.pk,
            "public_id": str(agreement.public_id),
            "version": agreement.version,
            "status": agreement.status,
            "sha256": agreement.content_sha256,
        },
        "attendance": [
            {"id": r.pk, "day": r.day.isoformat(), "status": r.status, "minutes": r.minutes}
            for r in AttendanceRecord.objects.filter(placement=placement).order_by("day")
        ],
        "ledger": [
            {
                "id": e.pk,
                "kind": e.kind,
                "amount_fen": e.amount_fen,
                "at": e.occurred_at.isoformat(),
                "reason": e.reason,
            }
            for e in wage.entries.order_by("id")
        ],
        "due_date": wage.due_date.isoformat(),
        "owed_fen": wage.owed_fen,
        "paid_fen": wage.paid_fen,
        "reminders_sent": wage.reminders_sent,
    }


def wage_overdue_escalate(wage, *, reason: str = "overdue", actor=None, channel: str = "system", now=None):
    """Open a rights case for an unpaid wage, with the evidence; the `wage_escalated` event stays on the wage."""
    evidence = wage_evidence(wage)
    event = event_record(
        subject=wage,
        verb="wage_escalated",
        actor=actor,
        to_state=wage.status,
        channel=channel,
        station=wage.placement.station,
        data={"reason": reason, "evidence": evidence},
    )
    # `now`: the sweep's moment, so the case goes to whoever is on duty then (None: the clock)
    hooks.wage_escalated.fire(wage=wage, reason=reason, evidence=evidence, actor=actor, channel=channel, now=now)
    return event
