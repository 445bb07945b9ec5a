"""What matching learns from: every job shown or proposed to a worker, the answer, the models trained on them,
and the standby lists of the morning dispatch. See docs/matching.md, "Learning what workers accept"."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lingong.core.models import TimestampedModel


class ExposureSurface(models.TextChoices):
    """Where a worker met a job."""

    KIOSK = "kiosk", _("Kiosk list")
    APP = "app", _("Worker app list")
    WINDOW = "window", _("Window recommendation")
    API = "api", _("API list")
    DISPATCH = "dispatch", _("Morning dispatch proposal")
    STANDBY = "standby", _("Standby proposal")
    FAST_CHANNEL = "fast_channel", _("Fast-channel offer")
    EMPLOYER_LIST = "employer_list", _("Employer's candidate list")


class ExposureAnswer(models.TextChoices):
    """What came of it. `none`: no answer yet; the trainer reads it as a decline only where the rules say so."""

    NONE = "none", _("No answer yet")
    OPENED = "opened", pgettext_lazy("exposure answer", "Opened")
    APPLIED = "applied", _("Applied")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    IGNORED = "ignored", _("Not answered in time")
    CHOSEN = "chosen", _("Chosen by the employer")
    PASSED_OVER = "passed_over", _("Not chosen by the employer")


class Exposure(models.Model):
    """One job in front of one worker (or one worker in front of an employer), with the engine's view of the pair
    at that moment: the features the acceptance model reads, the score, the estimated probability and the model
    version. Kept plain (no timestamps model) as it is written on every list shown."""

    worker = models.ForeignKey("workers.Worker", on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="+")
    surface = models.CharField(_("surface"), max_length=16, choices=ExposureSurface.choices)
    list_key = models.CharField(
        _("list"), max_length=32, blank=True, help_text=_("Exposures shown together in one list share this key.")
    )
    rank = models.PositiveSmallIntegerField(_("rank"), default=0)
    shown_at = models.DateTimeField(_("shown at"), db_index=True)
    features = models.JSONField(_("features"), default=list)
    score = models.FloatField(_("score"), default=0.0)
    probability = models.FloatField(_("estimated acceptance"), null=True, blank=True)
    model_version = models.CharField(_("model version"), max_length=40, blank=True)
    answer = models.CharField(
        _("answer"), max_length=12, choices=ExposureAnswer.choices, default=ExposureAnswer.NONE, db_index=True
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("exposure")
        verbose_name_plural = _("exposures")
        indexes = [models.Index(fields=["worker", "job"], name="exposure_worker_job")]

    def __str__(self) -> str:
        return f"{self.job_id} → {self.worker_id} ({self.surface}, {self.answer})"


class AcceptanceModelVersion(models.Model):
    """A trained acceptance model (coefficients, per-worker adjustments) and its held-out metrics."""

    version = models.CharField(_("version"), max_length=40, unique=True)
    trained_at = models.DateTimeField(_("trained at"))
    answers = models.PositiveIntegerField(_("answers trained on"), default=0)
    model = models.JSONField(_("model"))
    metrics = models.JSONField(_("metrics"), default=dict)
    active = models.BooleanField(_("in use"), default=False)

    class Meta:
        verbose_name = _("acceptance model")
        verbose_name_plural = _("acceptance models")
        ordering = ["-trained_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=models.Q(active=True), name="acceptance_model_one_active"
            )
        ]

    def __str__(self) -> str:
        return self.version


class StandbyStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    PROMOTED = "promoted", _("Proposed")
    DROPPED = "dropped", _("No longer needed")


class DispatchStandby(TimestampedModel):
    """A worker next in line for a dispatched job's place, promoted in `rank` order when a proposed worker
    declines or does not answer in time."""

    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="+")
    worker = models.ForeignKey("workers.Worker", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"))
    status = models.CharField(
        _("status"), max_length=10, choices=StandbyStatus.choices, default=StandbyStatus.WAITING, db_index=True
    )
    probability = models.FloatField(_("estimated acceptance"), null=True, blank=True)
    score = models.FloatField(_("score"), default=0.0)

    class Meta:
        verbose_name = _("standby")
        verbose_name_plural = _("standby list")
        ordering = ["job", "rank"]
        constraints = [models.UniqueConstraint(fields=["job", "worker"], name="standby_one_per_worker_and_job")]

    def __str__(self) -> str:
        return f"{self.job_id} #{self.rank}: {self.worker_id} ({self.status})"
