"""Wages of a placement until paid: owed from the agreement and attendance, paid, confirmed.

Every change of an amount is a `WageLedgerEntry`; the totals on
`WagePayment` move in the same transaction by the same amount (F()
updates) and `wage_ledger_check` proves they agree.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lingong.accounts.selectors import role_require
from lingong.attendance.models import PAID_ATTENDANCE_STATUSES, AttendanceRecord
from lingong.core.errors import Conflict, InvalidInput
from lingong.core.models import Channel
from lingong.core.money import format_yuan
from lingong.core.services import event_record, status_transition
from lingong.employers.services import employer_notify
from lingong.notifications.models import NotificationKind
from lingong.workers.selectors import worker_display_name

from . import escalation, hooks
from .models import WAGE_TRANSITIONS, LedgerKind, PaymentMethod, WageLedgerEntry, WagePayment, WageStatus

logger = logging.getLogger("lingong.wages")

ESCALATE_AFTER_DAYS = 3  # days overdue (with a reminder each day) before a rights case opens
LEGAL_MONTH_DAYS_X100 = 2175  # 月计薪天数 21.75: a month's pay over 21.75 days


def wage_amount_for(*, pay_fen: int, pay_unit: str, days: int, minutes: int) -> int:
    """Owed for confirmed attendance, in fen, rounded half up. Piece work is entered by adjustment."""
    if pay_unit == "hour":
        return (pay_fen * minutes * 2 + 60) // 120
    if pay_unit == "day":
        return pay_fen * days
    if pay_unit == "month":
        return (pay_fen * days * 100 * 2 + LEGAL_MONTH_DAYS_X100) // (2 * LEGAL_MONTH_DAYS_X100)
    return 0


def _add_entry(
    *,
    wage: WagePayment,
    kind: str,
    amount_fen: int,
    reason: str,
    actor,
    channel: str,
    occurred_at: datetime,
    method: str = "",
) -> WageLedgerEntry:
    entry = WageLedgerEntry(
        wage=wage,
        kind=kind,
        amount_fen=amount_fen,
        reason=reason[:300],
        method=method,
        occurred_at=occurred_at,
        channel=channel,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        entry.full_clean(exclude={"wage", "actor"})  # both rows are in hand (the wage locked): no query to check them
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise InvalidInput(messages[0], code="invalid_" + field, field=field) from None
    entry.save()
    if kind == LedgerKind.PAID:
        WagePayment.objects.filter(pk=wage.pk).update(paid_fen=F("paid_fen") + amount_fen, updated_at=timezone.now())
    else:
        WagePayment.objects.filter(pk=wage.pk).update(owed_fen=F("owed_fen") + amount_fen, updated_at=timezone.now())
    wage.refresh_from_db(fields=["owed_fen", "paid_fen", "updated_at"])
    event_record(
        subject=wage,
        verb=f"wage_{kind}",
        actor=actor,
        to_state=wage.status,
        channel=channel,
        data={"entry": entry.pk, "amount_fen": amount_fen, "reason": reason[:200]},
    )
    return entry


def _lock(wage: WagePayment | None = None, **lookup) -> WagePayment:
    """The wage's row, locked until the transaction ends, with what the rules read; found by `wage` or by a lookup
    (`placement=`), in one query."""
    return (
        WagePayment.objects.select_for_update(of=("self",))
        .select_related("placement__job__employer", "placement__worker")
        .get(**({"pk": wage.pk} if wage is not None else lookup))
    )


def _require_employer_or_staff(*, wage: WagePayment, actor) -> None:
    employer = wage.placement.job.employer
    if employer.user_id is not None and getattr(actor, "is_authenticated", False) and actor.pk == employer.user_id:
        return
    role_require(actor, "wage.change", station_id=wage.placement.job.station_id)


def _require_worker_or_staff(*, wage: WagePayment, actor) -> None:
    worker = wage.placement.worker
    if worker.user_id is not None and getattr(actor, "is_authenticated", False) and actor.pk == worker.user_id:
        return
    role_require(actor, "wage.change", station_id=wage.placement.job.station_id)


@transaction.atomic
def wage_create_for_placement(*, placement, agreement, actor=None, channel: str = Channel.SYSTEM) -> WagePayment:
    """Nothing owed yet: confirmed attendance adds to it, due on the agreement's pay date."""
    wage = WagePayment(placement=placement, due_date=agreement.pay_due_date)
    wage.full_clean()
    wage.save()
    event_record(
        subject=wage,
        verb="wage_create",
        actor=actor,
        to_state=wage.status,
        station=placement.station,
        channel=channel,
        data={"due_date": wage.due_date.isoformat()},
    )
    return wage


def _reopen_if_short(wage: WagePayment, *, actor, channel: str) -> None:
    if wage.status == WageStatus.PAID and wage.paid_fen < wage.owed_fen:
        status_transition(
            wage, transitions=WAGE_TRANSITIONS, to=WageStatus.OPEN, verb="wage_reopen", actor=actor, channel=channel
        )


@transaction.atomic
def wage_recompute(
    *, placement, actor=None, channel: str = Channel.SYSTEM, reason: str, now: datetime | None = None
) -> WagePayment:
    """Bring what is owed for the work in line with confirmed attendance (one `owed` entry for the difference)."""
    now = now or timezone.now()
    wage = _lock(placement=placement)
    if wage.status == WageStatus.CANCELLED:
        return wage
    job = placement.job
    counted = AttendanceRecord.objects.filter(placement=placement, status__in=PAID_ATTENDANCE_STATUSES).aggregate(
        days=Count("id"), minutes=Sum("minutes")
    )
    target = wage_amount_for(
        pay_fen=job.pay_fen, pay_unit=job.pay_unit, days=counted["days"], minutes=counted["minutes"] or 0
    )
    for_work = wage.entries.filter(kind=LedgerKind.OWED).aggregate(total=Sum("amount_fen"))["total"] or 0
    delta = target - for_work
    if delta:
        if wage.owed_fen + delta < wage.paid_fen:
            raise Conflict(
                _("Less would be owed than was already paid. Please ask the station."), code="owed_below_paid"
            )
        _add_entry(
            wage=wage,
            kind=LedgerKind.OWED,
            amount_fen=delta,
            reason=reason,
            actor=actor,
            channel=channel,
            occurred_at=now,
        )
        _reopen_if_short(wage, actor=actor, channel=channel)
    return wage


@transaction.atomic
def wage_adjust(
    *, wage: WagePayment, amount_fen: int, reason: str, actor, channel: str, now: datetime | None = None
) -> WagePayment:
    """Staff correct what is owed (piece work, a decided dispute), up or down, always with the reason."""
    role_require(actor, "wage.change", station_id=wage.placement.job.station_id)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Please give the reason."), code="reason_required", field="reason")
    if not isinstance(amount_fen, int) or amount_fen == 0:
        raise InvalidInput(_("Please give the amount."), code="invalid_amount", field="amount_fen")
    wage = _lock(wage)
    if wage.status in (WageStatus.CANCELLED, WageStatus.RECEIVED):
        raise Conflict(_("This wage is closed."), code="wage_closed")
    if wage.owed_fen + amount_fen < wage.paid_fen:
        raise Conflict(_("Less would be owed than was already paid. Please ask the station."), code="owed_below_paid")
    _add_entry(
        wage=wage,
        kind=LedgerKind.ADJUSTED,
        amount_fen=amount_fen,
        reason=reason,
        actor=actor,
        channel=channel,
        occurred_at=now or timezone.now(),
    )
    _reopen_if_short(wage, actor=actor, channel=channel)
    return wage


@transaction.atomic
def wage_mark_paid(
    *,
    wage: WagePayment,
    amount_fen: int,
    method: str,
    paid_at: datetime,
    actor,
    channel: str,
    now: datetime | None = None,
) -> WagePayment:
    """The employer (or staff for them) says what was paid, how and when; in full, the worker is asked to confirm."""
    _require_employer_or_staff(wage=wage, actor=actor)
    now = now or timezone.now()
    if method not in PaymentMethod.values:
        raise InvalidInput(_("Please choose how it was paid."), code="invalid_method", field="method")
    if not isinstance(amount_fen, int) or amount_fen <= 0:
        raise InvalidInput(_("Please give the amount paid."), code="invalid_amount", field="amount_fen")
    if paid_at > now + timedelta(minutes=5):
        raise InvalidInput(_("The payment time cannot be in the future."), code="paid_in_future", field="paid_at")
    wage = _lock(wage)
    if wage.status not in (WageStatus.OPEN, WageStatus.OVERDUE, WageStatus.ESCALATED):
        raise Conflict(_("Nothing is waiting to be paid."), code="wage_not_payable")
    if amount_fen > wage.owed_fen - wage.paid_fen:
        raise Conflict(_("This is more than is owed."), code="overpaid")
    _add_entry(
        wage=wage,
        kind=LedgerKind.PAID,
        amount_fen=amount_fen,
        reason=gettext("Paid by the employer"),
        actor=actor,
        channel=channel,
        occurred_at=paid_at,
        method=method,
    )
    if wage.paid_fen == wage.owed_fen:
        status_transition(
            wage,
            transitions=WAGE_TRANSITIONS,
            to=WageStatus.PAID,
            verb="wage_paid",
            actor=actor,
            channel=channel,
            data={"paid_fen": wage.paid_fen},
        )
    return wage


@transaction.atomic
def wage_receipt_confirm(*, wage: WagePayment, actor, channel: str, now: datetime | None = None) -> WagePayment:
    """The worker says the money arrived (at the kiosk, or to staff by phone)."""
    _require_worker_or_staff(wage=wage, actor=actor)
    wage = _lock(wage)
    status_transition(
        wage,
        transitions=WAGE_TRANSITIONS,
        to=WageStatus.RECEIVED,
        verb="wage_receipt_confirm",
        actor=actor,
        channel=channel,
    )
    now = now or timezone.now()
    WagePayment.objects.filter(pk=wage.pk).update(received_at=now, received_channel=channel)
    wage.received_at, wage.received_channel = now, channel
    if wage.overdue_since is None:  # never late: it counts for the employer
        hooks.wage_paid_on_time.fire(wage=wage, now=now)
    return wage


@transaction.atomic
def wage_receipt_deny(*, wage: WagePayment, actor, channel: str, reason: str = "") -> WagePayment:
    """The worker says a payment marked as made never came: straight to rights protection."""
    _require_worker_or_staff(wage=wage, actor=actor)
    wage = _lock(wage)
    status_transition(
        wage,
        transitions=WAGE_TRANSITIONS,
        to=WageStatus.ESCALATED,
        verb="wage_receipt_deny",
        actor=actor,
        channel=channel,
        data={"reason": reason[:200]},
    )
    escalation.wage_overdue_escalate(wage, reason="receipt_denied", actor=actor, channel=channel)
    return wage


@transaction.atomic
def wage_cancel_for_placement(
    *, placement, actor=None, channel: str = Channel.SYSTEM, reason: str
) -> WagePayment | None:
    """The placement did not happen and nothing is owed: close the wage."""
    wage = WagePayment.objects.filter(placement=placement).first()
    if wage is None or wage.status == WageStatus.CANCELLED:
        return wage
    wage = _lock(wage)
    if wage.owed_fen:
        raise Conflict(_("Wages are owed for this placement."), code="wage_owed")
    status_transition(
        wage,
        transitions=WAGE_TRANSITIONS,
        to=WageStatus.CANCELLED,
        verb="wage_cancel",
        actor=actor,
        channel=channel,
        data={"reason": reason[:200]},
    )
    return wage


@transaction.atomic
def wage_due_date_follow_agreement(*, agreement, actor=None) -> WagePayment:
    """A signed amendment moves the pay date; the change is on the timeline."""
    wage = _lock(placement_id=agreement.placement_id)
    if wage.due_date != agreement.pay_due_date:
        before = wage.due_date
        WagePayment.objects.filter(pk=wage.pk).update(due_date=agreement.pay_due_date)
        wage.due_date = agreement.pay_due_date
        event_record(
            subject=wage,
            verb="wage_due_date_change",
            actor=actor,
            to_state=wage.status,
            data={"from": before.isoformat(), "to": wage.due_date.isoformat(), "agreement": agreement.pk},
        )
    return wage


def _wage_params(wage: WagePayment) -> dict:
    return {
        "yuan": format_yuan(wage.outstanding_fen),
        # the messages go to the employer: the worker's name in the script of the employer's language
        "worker": worker_display_name(wage.placement.worker, wage.placement.job.employer.language),
        "job": wage.placement.job.title,
        "date": wage.due_date.isoformat(),
    }


def _remind_employer(wage: WagePayment, *, today) -> None:
    employer = wage.placement.job.employer
    employer_notify(
        employer=employer,
        kind=NotificationKind.WAGE_OVERDUE,
        message=_(
            "Lingong: the wages of %(yuan)s yuan for %(worker)s (%(job)s) were due on %(date)s and are not "
            "yet paid. Please pay and mark them paid. Unpaid wages are passed to rights protection."
        ),
        params=_wage_params(wage),
        dedupe_key=f"wage_overdue:{wage.pk}:{today.isoformat()}",
        station=wage.placement.station,
    )
    logger.info("wage %s: overdue reminder to employer %s", wage.pk, employer.pk)


def wage_due_remind(*, now: datetime) -> int:
    """On the pay day: the employer is reminded of what is still to pay (once per wage and day)."""
    today = timezone.localdate(now)
    due = WagePayment.objects.filter(status=WageStatus.OPEN, due_date=today, owed_fen__gt=F("paid_fen"))
    sent = 0
    for wage in due.select_related("placement__job__employer", "placement__worker", "placement__station"):
        with transaction.atomic():
            employer_notify(
                employer=wage.placement.job.employer,
                kind=NotificationKind.WAGE_DUE,
                message=_(
                    "Lingong: the wages of %(yuan)s yuan for %(worker)s (%(job)s) are due today, %(date)s. "
                    "Please pay and mark them paid on the employer page."
                ),
                params=_wage_params(wage),
                dedupe_key=f"wage_due:{wage.pk}:{today.isoformat()}",
                station=wage.placement.station,
            )
        sent += 1
    return sent


def wage_overdue_sweep(*, now: datetime) -> dict[str, int]:
    """Daily: unpaid after the due date → overdue, a reminder each day, then a rights case."""
    today = timezone.localdate(now)
    counts = {"overdue": 0, "reminded": 0, "escalated": 0}
    late = WagePayment.objects.filter(status=WageStatus.OPEN, due_date__lt=today, owed_fen__gt=F("paid_fen"))
    for wage_id in late.values_list("pk", flat=True):
        with transaction.atomic():
            wage = _lock(WagePayment(pk=wage_id))
            if wage.status != WageStatus.OPEN:
                continue
            status_transition(
                wage,
                transitions=WAGE_TRANSITIONS,
                to=WageStatus.OVERDUE,
                verb="wage_overdue",
                data={"due_date": wage.due_date.isoformat(), "outstanding_fen": wage.outstanding_fen},
            )
            WagePayment.objects.filter(pk=wage.pk).update(overdue_since=wage.due_date + timedelta(days=1))
            counts["overdue"] += 1
    for wage_id in WagePayment.objects.filter(status=WageStatus.OVERDUE).values_list("pk", flat=True):
        with transaction.atomic():
            wage = _lock(WagePayment(pk=wage_id))
            if wage.status != WageStatus.OVERDUE:
                continue
            if today >= wage.overdue_since + timedelta(days=ESCALATE_AFTER_DAYS) and wage.reminders_sent:
                status_transition(
                    wage,
                    transitions=WAGE_TRANSITIONS,
                    to=WageStatus.ESCALATED,
                    verb="wage_escalate",
                    data={"days_overdue": (today - wage.overdue_since).days + 1},
                )
                escalation.wage_overdue_escalate(wage, reason="overdue", now=now)
                counts["escalated"] += 1
            elif wage.last_reminded_on != today:
                _remind_employer(wage, today=today)
                WagePayment.objects.filter(pk=wage.pk).update(
                    reminders_sent=F("reminders_sent") + 1, last_reminded_on=today
                )
                event_record(
                    subject=wage,
                    verb="wage_remind_employer",
                    to_state=wage.status,
                    data={"reminder": wage.reminders_sent + 1},
                )
                counts["reminded"] += 1
    return counts


@dataclass(frozen=True)
class LedgerCheck:
    wage_id: int
    owed_fen: int
    paid_fen: int
    owed_from_entries: int
    paid_from_entries: int

    @property
    def ok(self) -> bool:
        return (self.owed_fen, self.paid_fen) == (self.owed_from_entries, self.paid_from_entries)


def wage_ledger_check(*, wage: WagePayment) -> LedgerCheck:
    wage.refresh_from_db(fields=["owed_fen", "paid_fen"])
    sums = wage.entries.aggregate(
        owed=Sum("amount_fen", filter=Q(kind__in=(LedgerKind.OWED, LedgerKind.ADJUSTED)), default=0),
        paid=Sum("amount_fen", filter=Q(kind=LedgerKind.PAID), default=0),
    )
    return LedgerCheck(wage.pk, wage.owed_fen, wage.paid_fen, sums["owed"], sums["paid"])


def wage_ledger_mismatches() -> list[LedgerCheck]:
    """Every wage whose totals disagree with its entries (should always be empty)."""
    rows = WagePayment.objects.annotate(
        owed_sum=Sum(
            "entries__amount_fen", filter=Q(entries__kind__in=(LedgerKind.OWED, LedgerKind.ADJUSTED)), default=0
        ),
        paid_sum=Sum("entries__amount_fen", filter=Q(entries__kind=LedgerKind.PAID), default=0),
    ).values_list("pk", "owed_fen", "paid_fen", "owed_sum", "paid_sum")
    return [c for c in (LedgerCheck(*row) for row in rows) if not c.ok]
