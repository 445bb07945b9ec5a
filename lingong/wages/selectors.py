"""Reads of wages, with access checks: the worker sees every amount owed and paid."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet, Sum

from lingong.accounts.selectors import role_allows
from lingong.core.errors import NotAllowed, NotFound

from .models import UNPAID_STATUSES, WageLedgerEntry, WagePayment, WageStatus


def wage_list_for_worker(*, worker) -> QuerySet[WagePayment]:
    return (
        WagePayment.objects.filter(placement__worker=worker)
        .exclude(status=WageStatus.CANCELLED)
        .select_related("placement__job__employer")
        .order_by("-due_date", "-id")
    )


@dataclass(frozen=True)
class WageTotals:
    owed_fen: int
    paid_fen: int

    @property
    def outstanding_fen(self) -> int:
        return self.owed_fen - self.paid_fen


def wage_totals_for_worker(*, worker) -> WageTotals:
    sums = wage_list_for_worker(worker=worker).aggregate(
        owed=Sum("owed_fen", default=0), paid=Sum("paid_fen", default=0)
    )
    return WageTotals(sums["owed"], sums["paid"])


def wage_entries(*, wage: WagePayment) -> QuerySet[WageLedgerEntry]:
    return wage.entries.order_by("id")


def access_wage(*, user, wage_id: int) -> WagePayment:
    wage = (
        WagePayment.objects.select_related("placement__worker", "placement__job__employer").filter(pk=wage_id).first()
    )
    if wage is None:
        raise NotFound()
    placement = wage.placement
    uid = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
    if uid is not None and uid in (placement.worker.user_id, placement.job.employer.user_id):
        return wage
    if role_allows(user, "wage.view", station_id=placement.job.station_id):
        return wage
    raise NotAllowed()


def wage_list_unpaid_for_staff(*, user, station_id: int | None = None) -> QuerySet[WagePayment]:
    """Overdue and escalated wages for the console, oldest due first."""
    if not role_allows(user, "wage.view", station_id=station_id):
        raise NotAllowed()
    wages = WagePayment.objects.filter(status__in=UNPAID_STATUSES[1:]).select_related(
        "placement__worker", "placement__job__employer"
    )
    if station_id is not None:
        wages = wages.filter(placement__job__station_id=station_id)
    return wages.order_by("due_date", "id")
