"""Follow-up calls (跟踪回访) after a placement: working? paid as agreed? satisfied?"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lingong.core.models import TimestampedModel


class FollowUpKind(models.TextChoices):
    FIRST_DAY = "first_day", _("After the first day")
    AFTER_PAY = "after_pay", _("After the pay date")


class FollowUpStatus(models.TextChoices):
    PENDING = "pending", _("To call")
    DONE = "done", _("Done")
    UNREACHABLE = "unreachable", _("Could not reach")
    CANCELLED = "cancelled", _("Cancelled")


FOLLOWUP_TRANSITIONS: dict[str, frozenset[str]] = {
    FollowUpStatus.PENDING: frozenset({FollowUpStatus.DONE, FollowUpStatus.UNREACHABLE, FollowUpStatus.CANCELLED}),
    FollowUpStatus.UNREACHABLE: frozenset({FollowUpStatus.DONE, FollowUpStatus.CANCELLED}),
    FollowUpStatus.DONE: frozenset(),
    FollowUpStatus.CANCELLED: frozenset(),
}


class FollowUp(TimestampedModel):
    placement = models.ForeignKey("jobs.Placement", on_delete=models.CASCADE, related_name="followups")
    kind = models.CharField(_("kind"), max_length=12, choices=FollowUpKind.choices)
    due_on = models.DateField(_("call on"))
    station = models.ForeignKey("stations.Station", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=FollowUpStatus.choices, default=FollowUpStatus.PENDING, editable=False
    )
    working = models.BooleanField(_("still working"), null=True, blank=True)
    paid_as_agreed = models.BooleanField(_("paid as agreed"), null=True, blank=True)
    satisfied = models.BooleanField(_("satisfied"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    rights_case = models.ForeignKey(
        "rights.RightsCase", null=True, blank=True, on_delete=models.SET_NULL, related_name="followups"
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["station", "due_on", "status"]),
            models.Index(
                fields=["due_on"], name="followup_due_on_idx"
            ),  # the figures' recount of a day (stats/figures.py)
            models.Index(fields=["called_at"], name="followup_called_at_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["placement", "kind"], name="followup_one_per_kind_and_placement")
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.kind} {self.due_on}"
