"""Phone calls staff make to workers: who was called, about what, what came of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lingong.core.models import ChoiceLabels


class CallOutcome(models.TextChoices):
    REACHED = "reached", _("Reached")
    INTERVIEW = "interview", _("Interview arranged")
    DECLINED = "declined", _("Declined")
    NO_ANSWER = "no_answer", _("No answer")


class CallRecord(ChoiceLabels, models.Model):
    """One phone call by one staff member; a call back may be due later."""

    worker = models.ForeignKey(
        "workers.Worker", verbose_name=_("worker"), on_delete=models.CASCADE, related_name="calls"
    )
    application = models.ForeignKey(
        "jobs.Application",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calls",
    )
    job = models.ForeignKey(
        "jobs.Job", verbose_name=_("job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="calls"
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=CallOutcome.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    interview_at = models.DateTimeField(_("interview time"), null=True, blank=True)
    interview_place = models.CharField(_("interview place"), max_length=200, blank=True)
    call_back_at = models.DateTimeField(_("call back at"), null=True, blank=True, db_index=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    station = models.ForeignKey(
        "stations.Station",
        verbose_name=_("station"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A one-time token from the form: a second submit of the same form is refused.
    token = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("called at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("call record")
        verbose_name_plural = _("call records")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="interview") | models.Q(interview_at__isnull=False),
                name="call_interview_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker_id} {self.outcome}"
