"""Wages of a placement (工资结算) until paid, and their ledger.

`WagePayment.owed_fen` and `paid_fen` are running totals of the ledger
entries; `wage_ledger_check` compares them. Entries are only ever added.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lingong.core.models import Channel, TimestampedModel


class WageStatus(models.TextChoices):
    OPEN = "open", _("Not yet due")
    OVERDUE = "overdue", _("Overdue")
    ESCALATED = "escalated", _("Passed to rights protection")
    PAID = "paid", _("Paid, waiting for the worker to confirm")
    RECEIVED = "received", _("Received by the worker")
    CANCELLED = "cancelled", _("Cancelled (no work)")


WAGE_TRANSITIONS: dict[str, frozenset[str]] = {
    WageStatus.OPEN: frozenset({WageStatus.OVERDUE, WageStatus.PAID, WageStatus.CANCELLED, WageStatus.ESCALATED}),
    WageStatus.OVERDUE: frozenset({WageStatus.ESCALATED, WageStatus.PAID}),
    WageStatus.ESCALATED: frozenset({WageStatus.PAID}),
    WageStatus.PAID: frozenset({WageStatus.RECEIVED, WageStatus.ESCALATED, WageStatus.OPEN}),
    WageStatus.RECEIVED: frozenset(),
    WageStatus.CANCELLED: frozenset(),
}
UNPAID_STATUSES = (WageStatus.OPEN, WageStatus.OVERDUE, WageStatus.ESCALATED)


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    BANK = "bank", _("Bank transfer")
    MOBILE = "mobile", _("Mobile payment")


class WagePayment(TimestampedModel):
    placement = models.OneToOneField("jobs.Placement", on_delete=models.PROTECT, related_name="wage")
    status = models.CharField(
        _("status"), max_length=12, choices=WageStatus.choices, default=WageStatus.OPEN, editable=False
    )
    due_date = models.DateField(_("due on"))
    owed_fen = models.IntegerField(_("owed (fen)"), default=0, editable=False)
    paid_fen = models.IntegerField(_("paid (fen)"), default=0, editable=False)
    overdue_since = models.DateField(_("overdue since"), null=True, blank=True, editable=False)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0, editable=False)
    last_reminded_on = models.DateField(_("last reminded on"), null=True, blank=True, editable=False)
    received_at = models.DateTimeField(_("receipt confirmed at"), null=True, blank=True, editable=False)
    received_channel = models.CharField(max_length=16, choices=Channel.choices, blank=True)

    class Meta:
        verbose_name = _("wage")
        verbose_name_plural = _("wages")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["status", "due_date"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(owed_fen__gte=0), name="wage_owed_not_negative"),
            models.CheckConstraint(condition=models.Q(paid_fen__gte=0), name="wage_paid_not_negative"),
            models.CheckConstraint(
                condition=models.Q(paid_fen__lte=models.F("owed_fen")), name="wage_paid_at_most_owed"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.paid_fen}/{self.owed_fen} fen ({self.status})"

    @property
    def outstanding_fen(self) -> int:
        return self.owed_fen - self.paid_fen


class LedgerKind(models.TextChoices):
    OWED = "owed", _("Owed for the work")
    PAID = "paid", _("Paid")
    ADJUSTED = "adjusted", _("Adjusted")


class WageLedgerEntry(models.Model):
    """One change of what is owed or paid: never updated, never deleted (kept ≥ 3 years)."""

    wage = models.ForeignKey(WagePayment, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(_("kind"), max_length=10, choices=LedgerKind.choices)
    amount_fen = models.IntegerField(_("amount (fen)"), help_text=_("Negative for a correction downwards."))
    method = models.CharField(_("method"), max_length=10, choices=PaymentMethod.choices, blank=True)
    occurred_at = models.DateTimeField(_("when"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.SYSTEM)
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("wage ledger entry")
        verbose_name_plural = _("wage ledger entries")
        ordering = ["wage", "id"]
        indexes = [
            models.Index(fields=["occurred_at"], name="ledger_occurred_at_idx")
        ]  # the figures' recount of a day (stats/figures.py)
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="paid", amount_fen__gt=0) & ~models.Q(method=""))
                | (models.Q(kind__in=["owed", "adjusted"]) & ~models.Q(amount_fen=0)),
                name="wage_entry_amount_by_kind",
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="wage_entry_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount_fen}"
