"""Kiosk state that must be shared by every app process: nonces, QR sign-in codes, staff calls."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CardReadNonce(models.Model):
    """A nonce already used by a signed card read (or a personal code): a replay is refused.

    The unique constraint, not process memory, is the guard, so it holds
    across app servers. Rows older than the freshness window are pruned.
    """

    kiosk = models.ForeignKey("stations.Kiosk", on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=128)
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kiosk", "nonce"], name="kiosk_nonce_unique")]


class KioskLoginCode(models.Model):
    """A one-time sign-in code shown as a QR on a kiosk, confirmed on the worker's phone.

    Only a hash of the code is stored; the code itself lives in the QR.
    """

    kiosk = models.ForeignKey("stations.Kiosk", on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField()
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)


class StaffCallStatus(models.TextChoices):
    OPEN = "open", _("Waiting")
    TAKEN = "taken", _("Taken")
    DONE = "done", _("Done")


# Open → taken (someone is on the way) → done; staff may also close an open call at once.
STAFF_CALL_TRANSITIONS: dict[str, frozenset[str]] = {
    StaffCallStatus.OPEN: frozenset({StaffCallStatus.TAKEN, StaffCallStatus.DONE}),
    StaffCallStatus.TAKEN: frozenset({StaffCallStatus.DONE}),
    StaffCallStatus.DONE: frozenset(),
}


class StaffCallRequest(models.Model):
    """A person at a kiosk pressed "call staff"; the console of its station shows it until it is closed.

    `taken_at - created_at` is the time to answer.
    """

    Status = StaffCallStatus

    kiosk = models.ForeignKey("stations.Kiosk", verbose_name=_("kiosk"), on_delete=models.CASCADE, related_name="+")
    station = models.ForeignKey(
        "stations.Station", verbose_name=_("station"), on_delete=models.CASCADE, related_name="+"
    )
    worker = models.ForeignKey(
        "workers.Worker", verbose_name=_("worker"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("called at"), auto_now_add=True, db_index=True)
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("staff call")
        verbose_name_plural = _("staff calls")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["station", "status"], name="staff_call_station_status")]

    @property
    def answer_seconds(self) -> int | None:
        """Seconds from the call to the moment someone took it (None while nobody has)."""
        if self.taken_at is None:
            return None
        return max(0, int((self.taken_at - self.created_at).total_seconds()))


class VoiceRecording(models.Model):
    """One take of one spoken segment in one language, recorded by staff at a station.

    Takes are never overwritten: a new take waits beside the approved one
    until a staff member approves it, and the kiosk plays the latest approved
    take. The file (mono 16-bit PCM WAV) lives under VAR_DIR, never in static.
    """

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    segment = models.CharField(_("segment"), max_length=80)
    version = models.PositiveIntegerField(_("version"))
    file_name = models.CharField(max_length=200, editable=False)
    duration_ms = models.PositiveIntegerField(_("length (ms)"))
    stand_in = models.BooleanField(
        _("stand-in tone"), default=False, help_text=_("A generated tone for the demo, not a voice: record it again.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "segment", "version"], name="kiosk_voice_version_unique")
        ]
        indexes = [models.Index(fields=["language", "segment"])]

    def __str__(self) -> str:
        return f"{self.language}/{self.segment} v{self.version}"
