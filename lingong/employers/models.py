"""Employers (雇主 / 用工单位): individuals or enterprises that hire."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lingong.core.models import Channel, TimestampedModel


class Employer(TimestampedModel):
    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        ENTERPRISE = "enterprise", _("Enterprise")

    class Verification(models.TextChoices):
        PENDING = "pending", _("Pending")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="employer"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(
        _("name"), max_length=100, help_text=_("The enterprise's registered name, or the person's name.")
    )
    # Individuals are identified by their resident ID number (personal data, sealed).
    id_number_sealed = models.TextField(blank=True, editable=False)
    id_number_digest = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    id_number_masked = models.CharField(_("ID number"), max_length=24, blank=True, editable=False)
    # Enterprises by their unified social credit code (public, not personal data).
    uscc = models.CharField(_("unified social credit code"), max_length=18, null=True, blank=True, unique=True)
    contact_name = models.CharField(_("contact person"), max_length=50)
    contact_phone_sealed = models.TextField(editable=False)
    contact_phone_digest = models.CharField(max_length=64, db_index=True, editable=False)
    contact_phone_masked = models.CharField(_("contact phone"), max_length=16, editable=False)
    address = models.CharField(_("address"), max_length=200)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lon = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    is_partner = models.BooleanField(_("partner enterprise"), default=False)
    verification = models.CharField(
        _("verification"), max_length=10, choices=Verification.choices, default=Verification.PENDING
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("deletion requested"), null=True, blank=True)
    station = models.ForeignKey(
        "stations.Station",
        verbose_name=_("served by station"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employers",
    )
    channel = models.CharField(_("registered through"), max_length=16, choices=Channel.choices)
    # Messages (SMS) are written in this language: the one they registered in, changeable.
    language = models.CharField(
        _("language for messages"), max_length=10, choices=settings.LANGUAGES, default="zh-hans"
    )

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="individual", id_number_digest__isnull=False, uscc__isnull=True)
                    | models.Q(kind="enterprise", uscc__isnull=False)
                ),
                name="employer_identified_by_kind",
            )
        ]

    def __str__(self) -> str:
        return self.name
