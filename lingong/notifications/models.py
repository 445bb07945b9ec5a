"""The outbox: every message a person receives, written in the same
transaction as the change it tells of, and delivered by a task."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    SIGN_IN_CODE = "sign_in_code", _("Sign-in code")
    OFFER = "offer", _("Fast-channel offer")
    OFFER_WITHDRAWN = "offer_withdrawn", _("Offer withdrawn")
    INVITATION = "invitation", _("Invitation")
    HIRE = "hire", _("Hire")
    INTERVIEW = "interview", _("Interview")
    CONFIRMATION_REMINDER = "confirmation_reminder", _("Confirmation reminder")
    RELEASE = "release", _("Place released")
    ATTENDANCE = "attendance", _("Attendance")
    WAGE_DUE = "wage_due", _("Wages due")
    WAGE_OVERDUE = "wage_overdue", _("Wages overdue")
    CASE_UPDATE = "case_update", _("Rights case update")
    FOLLOW_UP = "follow_up", _("Follow-up visit")
    TRAINING = "training", _("Training")
    STAFF_CALL = "staff_call", _("Staff call")
    JOB_REVIEW = "job_review", _("Job checked by staff")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class ReceiptStatus(models.TextChoices):
    """What the carrier reported after the gateway took the message (blank: no receipt expected)."""

    WAITING = "waiting", _("Waiting for the receipt")
    DELIVERED = "delivered", _("Delivered to the phone")
    UNDELIVERED = "undelivered", _("Not delivered")
    UNKNOWN = "unknown", _("No receipt came")


class Notification(models.Model):
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    # A sign-in code's purpose (worker_sign_in, …): it may have an SMS template of its own.
    purpose = models.CharField(_("purpose"), max_length=32, blank=True)
    phone_sealed = models.TextField(editable=False)
    phone_masked = models.CharField(_("phone"), max_length=16)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    station = models.ForeignKey(
        "stations.Station",
        verbose_name=_("station"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    # What staff and the admin see: secret values (codes) always replaced by ******.
    body = models.TextField(_("message"))
    # The full text, sealed, only while it waits to be sent; emptied once sent or failed.
    payload_sealed = models.TextField(blank=True, editable=False)
    # The SMS template's parameters (codes included), sealed, kept as long as the payload.
    params_sealed = models.TextField(blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    dedupe_key = models.CharField(max_length=200, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    attempted_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    provider_id = models.CharField(_("gateway message id"), max_length=64, blank=True)
    receipt = models.CharField(_("receipt"), max_length=12, choices=ReceiptStatus.choices, blank=True)
    receipt_code = models.CharField(_("receipt code"), max_length=64, blank=True)
    receipt_at = models.DateTimeField(_("received at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"]), models.Index(fields=["receipt", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.phone_masked}"
