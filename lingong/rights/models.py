"""Rights cases (维权), mediation (调解) and the rights officers' duty roster.

Status changes go through `rights/services.py`, checked against
`CASE_TRANSITIONS`; nothing else writes `status`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lingong.accounts.models import Role
from lingong.core.models import Channel, TimestampedModel
from lingong.core.money import format_yuan

DUTY_LANGUAGES = (("bo", _("Tibetan")), ("zh-hans", _("Chinese")))


class DutyShift(models.Model):
    """Who sits at a station's rights window one day, between two times (local time).

    Held either by a rights officer (a user) or by a lawyer from a law firm or
    legal-aid centre who has no account: exactly one of `officer` and
    `lawyer_name` is set. Workers see the roster at the kiosk and in their door.
    """

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="duty_shifts",
    )
    lawyer_name = models.CharField(_("lawyer"), max_length=60, blank=True)
    lawyer_office = models.CharField(_("law firm or legal-aid office"), max_length=100, blank=True)
    languages = models.CharField(
        _("languages spoken"),
        max_length=20,
        blank=True,
        help_text=_("Language codes separated by commas: bo, zh-hans."),
    )
    window = models.CharField(_("window"), max_length=60, blank=True, help_text=_("For example 3号窗口 维权窗口."))
    station = models.ForeignKey(
        "stations.Station", verbose_name=_("station"), on_delete=models.CASCADE, related_name="duty_shifts"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))

    class Meta:
        verbose_name = _("duty shift")
        verbose_name_plural = _("duty shifts")
        ordering = ["date", "start_time", "id"]
        indexes = [models.Index(fields=["station", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")), name="duty_shift_times_ordered"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(officer__isnull=False, lawyer_name="")
                    | (models.Q(officer__isnull=True) & ~models.Q(lawyer_name=""))
                ),
                name="duty_shift_officer_or_lawyer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder_name} {self.station} {self.date} {self.start_time}-{self.end_time}"

    @property
    def holder_name(self) -> str:
        """The name workers see: the officer's display name, or the lawyer's."""
        if self.officer_id:
            return self.officer.get_full_name() or self.officer.username
        return self.lawyer_name

    @property
    def is_lawyer(self) -> bool:
        return not self.officer_id

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def language_labels(self) -> list[str]:
        labels = dict(DUTY_LANGUAGES)
        return [str(labels[code]) for code in self.language_codes if code in labels]

    def clean(self):
        if self.officer_id and self.lawyer_name:
            raise ValidationError({"lawyer_name": _("A shift is held by an officer or by a lawyer, not both.")})
        if not self.officer_id and not self.lawyer_name:
            raise ValidationError({"officer": _("Please choose the officer or give the lawyer's name.")})
        if self.officer_id and self.officer.role != Role.RIGHTS_OFFICER:
            raise ValidationError({"officer": _("Only rights officers can be put on duty.")})
        known = dict(DUTY_LANGUAGES)
        if any(code not in known for code in self.language_codes):
            raise ValidationError({"languages": _("Unknown language.")})


class CaseKind(models.TextChoices):
    WAGE_ARREARS = "wage_arrears", _("Unpaid wages")
    INJURY = "injury", _("Injury at work")
    CONTRACT = "contract", _("Agreement not kept")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("rights case", "Open")
    MEDIATING = "mediating", pgettext_lazy("rights case", "In mediation")
    DECIDED = "decided", pgettext_lazy("rights case", "Outcome recorded")
    CLOSED = "closed", pgettext_lazy("rights case", "Closed")


CASE_TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.OPEN: frozenset({CaseStatus.MEDIATING, CaseStatus.DECIDED}),
    CaseStatus.MEDIATING: frozenset({CaseStatus.DECIDED}),
    CaseStatus.DECIDED: frozenset({CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset(),
}
UNRESOLVED_CASE_STATUSES = (CaseStatus.OPEN, CaseStatus.MEDIATING)


class CaseOutcome(models.TextChoices):
    RECOVERED = "recovered", _("Amount recovered")
    REFERRED_INSPECTION = "referred_inspection", _("Referred to labour inspection")
    REFERRED_ARBITRATION = "referred_arbitration", _("Referred to labour arbitration")
    WITHDRAWN = "withdrawn", _("Withdrawn by the worker")
    REJECTED = "rejected", _("Rejected")


# Outcomes that find the complaint well founded (count against the employer's credit).
UPHELD_OUTCOMES = (CaseOutcome.RECOVERED, CaseOutcome.REFERRED_INSPECTION, CaseOutcome.REFERRED_ARBITRATION)


class RightsCase(TimestampedModel):
    kind = models.CharField(_("kind"), max_length=16, choices=CaseKind.choices)
    workers = models.ManyToManyField("workers.Worker", verbose_name=_("workers"), related_name="rights_cases")
    employer = models.ForeignKey(
        "employers.Employer", verbose_name=_("employer"), on_delete=models.PROTECT, related_name="rights_cases"
    )
    placement = models.ForeignKey(
        "jobs.Placement",
        verbose_name=_("placement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rights_cases",
    )
    amount_claimed_fen = models.PositiveIntegerField(_("amount claimed (fen)"), default=0)
    description = models.TextField(_("description"))
    station = models.ForeignKey(
        "stations.Station",
        verbose_name=_("station"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rights_cases",
    )
    channel = models.CharField(_("taken in through"), max_length=16, choices=Channel.choices)
    source = models.CharField(
        _("source"),
        max_length=16,
        default="intake",
        help_text=_("intake, followup or wages (opened automatically for overdue wages)."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.OPEN, editable=False
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rights_cases",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"))
    outcome = models.CharField(_("outcome"), max_length=24, choices=CaseOutcome.choices, blank=True)
    amount_recovered_fen = models.PositiveIntegerField(_("amount recovered (fen)"), default=0)
    outcome_note = models.CharField(_("outcome note"), max_length=500, blank=True)
    decided_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    posting_block_lifted = models.BooleanField(
        _("posting allowed despite the case"),
        default=False,
        help_text=_("Set when staff uphold the employer's appeal against the posting block."),
    )

    class Meta:
        verbose_name = _("rights case")
        verbose_name_plural = _("rights cases")
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["employer", "kind", "status"]),
            models.Index(fields=["station", "opened_at"]),
            models.Index(
                fields=["opened_at"], name="case_opened_at_idx"
            ),  # the figures' recount of a day (stats/figures.py)
            models.Index(fields=["closed_at"], name="case_closed_at_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()}"

    @property
    def amount_claimed_yuan(self) -> str:

        return format_yuan(self.amount_claimed_fen)

    @property
    def is_upheld(self) -> bool:
        return self.outcome in UPHELD_OUTCOMES


class MediationResult(models.TextChoices):
    AGREED = "agreed", _("Agreement reached")
    NO_AGREEMENT = "no_agreement", _("No agreement")
    ADJOURNED = "adjourned", _("Adjourned")


class Mediation(models.Model):
    case = models.ForeignKey(RightsCase, on_delete=models.CASCADE, related_name="mediations")
    held_on = models.DateField(_("date"))
    attendees = models.CharField(_("who attended"), max_length=300)
    result = models.CharField(_("result"), max_length=16, choices=MediationResult.choices)
    amount_agreed_fen = models.PositiveIntegerField(_("amount agreed (fen)"), default=0)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("mediation session")
        verbose_name_plural = _("mediation sessions")
        ordering = ["held_on", "id"]
        indexes = [
            models.Index(fields=["held_on"], name="mediation_held_on_idx")
        ]  # the figures' recount of a day (stats/figures.py)
