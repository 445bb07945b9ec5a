"""What people asked of their data, and when their data is to be purged."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lingong.core.models import Channel


class RequestKind(models.TextChoices):
    EXPORT = "export", _("Copy of my data")
    DELETION = "deletion", _("Deletion")
    CONSENT_WITHDRAWAL = "consent_withdrawal", _("Consent withdrawn")


class DataRequest(models.Model):
    """One request of a worker or an employer about their own data (kept as proof it was honoured)."""

    worker = models.ForeignKey(
        "workers.Worker", null=True, blank=True, on_delete=models.PROTECT, related_name="data_requests"
    )
    employer = models.ForeignKey(
        "employers.Employer", null=True, blank=True, on_delete=models.PROTECT, related_name="data_requests"
    )
    kind = models.CharField(_("request"), max_length=20, choices=RequestKind.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)
    purge_after = models.DateField(_("purge after"), null=True, blank=True)
    purged_at = models.DateTimeField(_("purged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        indexes = [models.Index(fields=["kind", "purged_at", "purge_after"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(worker__isnull=True) ^ models.Q(employer__isnull=True),
                name="data_request_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.worker_id or self.employer_id}"
