"""People who sign in, and the role that decides what they may see and do."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WORKER = "worker", _("Worker")
    EMPLOYER = "employer", _("Employer")
    STATION_STAFF = "station_staff", _("Station staff")
    RIGHTS_OFFICER = "rights_officer", _("Rights officer")
    DISTRICT_ADMIN = "district_admin", _("District administrator")
    AUDITOR = "auditor", _("Auditor (read-only)")


STAFF_ROLES = (Role.STATION_STAFF, Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN, Role.AUDITOR)


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.WORKER)
    station = models.ForeignKey(
        "stations.Station",
        verbose_name=_("station"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text=_("Station staff belong to exactly one station."),
    )
    # "Sign out everywhere": every session ended then, and every app token made before it refused.
    signed_out_everywhere_at = models.DateTimeField(_("signed out everywhere at"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="station_staff") | models.Q(station__isnull=False),
                name="station_staff_has_station",
            )
        ]

    @property
    def is_back_office(self) -> bool:
        return self.role in STAFF_ROLES


class SmsCode(models.Model):
    """A one-time code sent by SMS: ≤ 10 minutes, single use, few attempts."""

    phone_digest = models.CharField(max_length=64, db_index=True)
    purpose = models.CharField(max_length=32)
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("SMS code")
        verbose_name_plural = _("SMS codes")


class SmsOutbox(models.Model):
    """Messages of the embedded SMS backend (written here and to the console)."""

    phone_sealed = models.TextField(editable=False)
    phone_masked = models.CharField(_("phone"), max_length=16)
    body = models.CharField(_("message"), max_length=500)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("SMS message")
        verbose_name_plural = _("SMS messages")
        ordering = ["-sent_at"]
