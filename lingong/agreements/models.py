"""The simple employment agreement (简易用工协议) of a placement.

A signed agreement never changes: its content and SHA-256 are frozen from
the first signature on (enforced by the services and, below them, by a
database trigger); an amendment is a new row with version + 1 pointing to
the previous one.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lingong.core.models import Channel, TimestampedModel


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Not yet signed")
    WORKER_SIGNED = "worker_signed", _("Signed by the worker")
    EMPLOYER_SIGNED = "employer_signed", _("Signed by the employer")
    SIGNED = "signed", _("Signed by both")
    SUPERSEDED = "superseded", _("Replaced by an amendment")
    VOID = "void", _("Void")


AGREEMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    AgreementStatus.DRAFT: frozenset(
        {AgreementStatus.WORKER_SIGNED, AgreementStatus.EMPLOYER_SIGNED, AgreementStatus.VOID}
    ),
    AgreementStatus.WORKER_SIGNED: frozenset({AgreementStatus.SIGNED, AgreementStatus.VOID}),
    AgreementStatus.EMPLOYER_SIGNED: frozenset({AgreementStatus.SIGNED, AgreementStatus.VOID}),
    AgreementStatus.SIGNED: frozenset({AgreementStatus.SUPERSEDED, AgreementStatus.VOID}),
    AgreementStatus.SUPERSEDED: frozenset(),
    AgreementStatus.VOID: frozenset(),
}
# From these on, content and hash are frozen (also the database trigger's list).
FROZEN_STATUSES = (
    AgreementStatus.WORKER_SIGNED,
    AgreementStatus.EMPLOYER_SIGNED,
    AgreementStatus.SIGNED,
    AgreementStatus.SUPERSEDED,
)


class PayMethod(models.TextChoices):
    CASH_OR_TRANSFER = "cash_or_transfer", _("Cash, or transfer to the worker's own account")
    CASH = "cash", _("Cash")
    BANK = "bank", _("Bank transfer to the worker's own account")
    MOBILE = "mobile", _("Mobile payment to the worker's own account")


class SignMethod(models.TextChoices):
    PAD = "pad", _("Signature pad")
    SMS = "sms", _("SMS code")
    ONLINE = "online", _("Signed online")
    WINDOW = "window", _("Signed at the service window")


class Agreement(TimestampedModel):
    placement = models.ForeignKey("jobs.Placement", on_delete=models.PROTECT, related_name="agreements")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendment",
        verbose_name=_("amends"),
    )
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    template_version = models.CharField(_("template version"), max_length=20)
    status = models.CharField(
        _("status"), max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT, editable=False
    )
    terms = models.JSONField(_("terms"), default=dict)
    content = models.TextField(_("content"), help_text=_("The bilingual text both parties sign (HTML)."))
    content_sha256 = models.CharField(_("SHA-256 of the content"), max_length=64)
    pay_due_date = models.DateField(_("pay date"))
    pay_method = models.CharField(_("pay method"), max_length=20, choices=PayMethod.choices)
    duties = models.CharField(_("duties"), max_length=300, blank=True)

    worker_signed_at = models.DateTimeField(_("worker signed at"), null=True, blank=True, editable=False)
    worker_sign_method = models.CharField(
        _("worker signed with"), max_length=10, choices=SignMethod.choices, blank=True
    )
    worker_signature = models.TextField(_("worker's handwritten signature (SVG)"), blank=True, editable=False)
    worker_signed_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    worker_sign_channel = models.CharField(max_length=16, choices=Channel.choices, blank=True)
    employer_signed_at = models.DateTimeField(_("employer signed at"), null=True, blank=True, editable=False)
    employer_sign_method = models.CharField(
        _("employer signed with"), max_length=10, choices=SignMethod.choices, blank=True
    )
    employer_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    employer_signed_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["placement", "-version"]
        indexes = [  # the figures' recount of a day (stats/figures.py): signed by both on that day
            models.Index(fields=["worker_signed_at"], name="agreement_worker_signed_idx"),
            models.Index(fields=["employer_signed_at"], name="agreement_employer_signed_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["placement", "version"], name="agreement_one_per_placement_and_version"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="agreement_version_positive"),
            models.CheckConstraint(
                condition=models.Q(version=1, previous__isnull=True) | models.Q(version__gt=1, previous__isnull=False),
                name="agreement_amendment_points_back",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="signed")
                | (models.Q(worker_signed_at__isnull=False) & models.Q(employer_signed_at__isnull=False)),
                name="agreement_signed_by_both",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} v{self.version} ({self.status})"
