"""Confirmation before the work (到岗确认) and attendance (考勤) of a placement.

Status changes go through `attendance/services.py`, checked against the
transition tables below; nothing else writes `status`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lingong.core.models import Channel, TimestampedModel


class ConfirmationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the worker")
    CONFIRMED = "confirmed", _("Confirmed")
    RELEASED = "released", _("Released")


CONFIRMATION_TRANSITIONS: dict[str, frozenset[str]] = {
    ConfirmationStatus.PENDING: frozenset({ConfirmationStatus.CONFIRMED, ConfirmationStatus.RELEASED}),
    ConfirmationStatus.CONFIRMED: frozenset(),
    ConfirmationStatus.RELEASED: frozenset(),
}


class PlacementConfirmation(TimestampedModel):
    """The worker's "yes, I will come", asked for before the work starts."""

    placement = models.OneToOneField("jobs.Placement", on_delete=models.CASCADE, related_name="confirmation")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ConfirmationStatus.choices,
        default=ConfirmationStatus.PENDING,
        editable=False,
    )
    remind_at = models.DateTimeField(_("reminder time"))
    deadline = models.DateTimeField(_("confirm by"))
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, editable=False)
    channel = models.CharField(_("confirmed through"), max_length=16, choices=Channel.choices, blank=True)

    class Meta:
        verbose_name = _("placement confirmation")
        verbose_name_plural = _("placement confirmations")
        indexes = [models.Index(fields=["status", "deadline"]), models.Index(fields=["status", "remind_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("remind_at")), name="confirmation_deadline_after_reminder"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.status}"


class AttendanceStatus(models.TextChoices):
    CHECKED_IN = "checked_in", _("Checked in")
    CHECKED_OUT = "checked_out", _("Checked out, hours not yet confirmed")
    CONFIRMED = "confirmed", _("Hours confirmed")
    NO_SHOW = "no_show", _("Did not come")
    DISPUTED = "disputed", _("Disputed")


ATTENDANCE_TRANSITIONS: dict[str, frozenset[str]] = {
    AttendanceStatus.CHECKED_IN: frozenset(
        {AttendanceStatus.CHECKED_OUT, AttendanceStatus.CONFIRMED, AttendanceStatus.DISPUTED}
    ),
    AttendanceStatus.CHECKED_OUT: frozenset({AttendanceStatus.CONFIRMED, AttendanceStatus.DISPUTED}),
    AttendanceStatus.CONFIRMED: frozenset({AttendanceStatus.DISPUTED}),
    AttendanceStatus.NO_SHOW: frozenset({AttendanceStatus.DISPUTED}),
    AttendanceStatus.DISPUTED: frozenset({AttendanceStatus.CONFIRMED, AttendanceStatus.NO_SHOW}),
}
# Days that count for pay.
PAID_ATTENDANCE_STATUSES = (AttendanceStatus.CONFIRMED,)


class AttendanceSource(models.TextChoices):
    QR = "qr", _("Worker scanned the code at the place")
    EMPLOYER = "employer", _("Recorded by the employer")
    STAFF = "staff", _("Recorded by station staff")
    SYSTEM = "system", _("Recorded by the system")


class AttendanceProof(models.TextChoices):
    """How a check-in or check-out was proven: only a proven day's hours stand when the employer is silent."""

    LIVE_CODE = "live_code", _("Scanned the live code at the place")
    EMPLOYER = "employer", _("Confirmed by the employer")
    STAFF = "staff", _("Recorded by station staff")


class AttendanceRecord(TimestampedModel):
    """One working day of one placement: when the worker came and left, and the hours that count."""

    placement = models.ForeignKey("jobs.Placement", on_delete=models.PROTECT, related_name="attendance")
    day = models.DateField(_("working day"), help_text=_("The day the shift starts (a night shift ends the next day)."))
    status = models.CharField(_("status"), max_length=12, choices=AttendanceStatus.choices, editable=False)
    source = models.CharField(_("recorded by"), max_length=10, choices=AttendanceSource.choices)
    check_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    check_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    # Blank: not proven (days recorded before codes changed every minute).
    check_in_proof = models.CharField(
        _("check-in proven by"), max_length=10, choices=AttendanceProof.choices, blank=True
    )
    check_out_proof = models.CharField(
        _("check-out proven by"), max_length=10, choices=AttendanceProof.choices, blank=True
    )
    worker_minutes = models.PositiveIntegerField(_("minutes recorded by the worker"), null=True, blank=True)
    minutes = models.PositiveIntegerField(_("minutes that count"), default=0)
    hours_stand_at = models.DateTimeField(
        _("hours stand at"),
        null=True,
        blank=True,
        help_text=_("If the employer says nothing by then, the worker's hours stand."),
    )
    dispute_until = models.DateTimeField(_("disputes accepted until"))
    disputed_by = models.CharField(_("disputed by"), max_length=10, blank=True)
    dispute_reason = models.CharField(_("dispute reason"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.CharField(_("decision"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        ordering = ["placement", "day"]
        indexes = [
            models.Index(fields=["status", "hours_stand_at"]),
            models.Index(fields=["day"], name="attendance_day_idx"),  # the figures' recount of a day (stats/figures.py)
        ]
        constraints = [
            models.UniqueConstraint(fields=["placement", "day"], name="attendance_one_per_placement_and_day"),
            models.CheckConstraint(
                condition=models.Q(check_out_at__isnull=True)
                | models.Q(check_in_at__isnull=True)
                | models.Q(check_out_at__gte=models.F("check_in_at")),
                name="attendance_check_out_after_check_in",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.day}: {self.status}"

    @property
    def is_proven(self) -> bool:
        """Both ends of the day proven (live code, employer or staff): the hours may stand on silence."""
        return bool(self.check_in_proof) and bool(self.check_out_proof)
