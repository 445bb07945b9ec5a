"""Credit (信用评价): facts that count, ratings, penalties and appeals against them.

The score itself is computed by the pure function in `credit/rules.py`.
A subject is a worker or an employer: exactly one of the two foreign keys is set.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lingong.core.models import TimestampedModel

_ONE_SUBJECT = models.Q(worker__isnull=False, employer__isnull=True) | models.Q(
    worker__isnull=True, employer__isnull=False
)


class CreditKind(models.TextChoices):
    COMPLETED = "completed", _("Work completed")
    CONFIRMED_ON_TIME = "confirmed_on_time", _("Confirmed on time")
    NO_SHOW = "no_show", _("Did not come")
    LATE_CANCELLATION = "late_cancellation", _("Cancelled late")
    WAGES_PAID_ON_TIME = "wages_paid_on_time", _("Wages paid on time")
    WAGES_OVERDUE = "wages_overdue", _("Wages overdue")
    CASE_UPHELD = "case_upheld", _("Rights case upheld")
    RATING = "rating", _("Rating")


class CreditEvent(models.Model):
    """One fact that counts for a subject's credit, once per (subject, kind, source)."""

    worker = models.ForeignKey(
        "workers.Worker", null=True, blank=True, on_delete=models.CASCADE, related_name="credit_events"
    )
    employer = models.ForeignKey(
        "employers.Employer", null=True, blank=True, on_delete=models.CASCADE, related_name="credit_events"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=CreditKind.choices)
    weight = models.FloatField(_("weight"))
    source_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    source_id = models.CharField(max_length=64)
    occurred_at = models.DateTimeField(_("time"), db_index=True)
    voided_at = models.DateTimeField(_("struck out at"), null=True, blank=True)
    void_reason = models.CharField(_("why struck out"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("credit event")
        verbose_name_plural = _("credit events")
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=_ONE_SUBJECT, name="credit_event_one_subject"),
            models.UniqueConstraint(
                fields=["worker", "kind", "source_type", "source_id"],
                condition=models.Q(worker__isnull=False),
                name="credit_event_once_per_worker_fact",
            ),
            models.UniqueConstraint(
                fields=["employer", "kind", "source_type", "source_id"],
                condition=models.Q(employer__isnull=False),
                name="credit_event_once_per_employer_fact",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.weight:+}"

    @property
    def subject(self):
        return self.worker or self.employer


class RatingSide(models.TextChoices):
    WORKER = "worker", _("The worker rates the employer")
    EMPLOYER = "employer", _("The employer rates the worker")


RATING_TAGS: dict[str, object] = {
    # for workers (rated by employers)
    "punctual": _("Punctual"),
    "skilled": _("Skilled"),
    "hardworking": _("Hard-working"),
    "careful": _("Careful"),
    "late": _("Came late"),
    # for employers (rated by workers)
    "paid_on_time": _("Paid on time"),
    "fair": _("Fair"),
    "safe_workplace": _("Safe workplace"),
    "as_described": _("Work as described"),
    "paid_late": _("Paid late"),
}


class Rating(models.Model):
    placement = models.ForeignKey("jobs.Placement", on_delete=models.CASCADE, related_name="ratings")
    side = models.CharField(_("who rates"), max_length=10, choices=RatingSide.choices)
    worker = models.ForeignKey(
        "workers.Worker", null=True, blank=True, on_delete=models.CASCADE, related_name="ratings"
    )
    employer = models.ForeignKey(
        "employers.Employer", null=True, blank=True, on_delete=models.CASCADE, related_name="ratings"
    )
    stars = models.PositiveSmallIntegerField(_("stars"))
    tags = models.JSONField(_("tags"), default=list, blank=True)
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "side"], name="rating_one_per_side_and_placement"),
            models.CheckConstraint(condition=models.Q(stars__gte=1, stars__lte=5), name="rating_stars_range"),
            models.CheckConstraint(condition=_ONE_SUBJECT, name="rating_one_subject"),
        ]


class PenaltyKind(models.TextChoices):
    APPLICATION_PAUSE = "application_pause", _("Applications paused")


class Penalty(models.Model):
    worker = models.ForeignKey("workers.Worker", on_delete=models.CASCADE, related_name="penalties")
    kind = models.CharField(_("kind"), max_length=24, choices=PenaltyKind.choices)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=300)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penalty")
        verbose_name_plural = _("penalties")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="penalty_ends_after_start"
            )
        ]


class AppealStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for staff")
    UPHELD = "upheld", _("Upheld")
    REJECTED = "rejected", _("Rejected")


APPEAL_TRANSITIONS: dict[str, frozenset[str]] = {
    AppealStatus.PENDING: frozenset({AppealStatus.UPHELD, AppealStatus.REJECTED}),
    AppealStatus.UPHELD: frozenset(),
    AppealStatus.REJECTED: frozenset(),
}


class Appeal(TimestampedModel):
    """A person contests a decision; staff decide by `due_at` (created + 72 hours)."""

    worker = models.ForeignKey(
        "workers.Worker", null=True, blank=True, on_delete=models.CASCADE, related_name="appeals"
    )
    employer = models.ForeignKey(
        "employers.Employer", null=True, blank=True, on_delete=models.CASCADE, related_name="appeals"
    )
    # The decision contested: exactly one of these.
    penalty = models.ForeignKey(Penalty, null=True, blank=True, on_delete=models.CASCADE, related_name="appeals")
    credit_event = models.ForeignKey(
        CreditEvent, null=True, blank=True, on_delete=models.CASCADE, related_name="appeals"
    )
    rights_case = models.ForeignKey(
        "rights.RightsCase",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="posting_appeals",
        help_text=_("The case that blocks posting."),
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.PENDING, editable=False
    )
    filed_at = models.DateTimeField(_("filed at"))
    due_at = models.DateTimeField(_("decide by"))
    station = models.ForeignKey("stations.Station", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=500, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["status", "due_at"])]
        constraints = [
            models.CheckConstraint(condition=_ONE_SUBJECT, name="appeal_one_subject"),
            models.CheckConstraint(
                condition=(
                    models.Q(penalty__isnull=False, credit_event__isnull=True, rights_case__isnull=True)
                    | models.Q(penalty__isnull=True, credit_event__isnull=False, rights_case__isnull=True)
                    | models.Q(penalty__isnull=True, credit_event__isnull=True, rights_case__isnull=False)
                ),
                name="appeal_one_decision",
            ),
        ]

    @property
    def subject(self):
        return self.worker or self.employer
