"""Workers (零工): who they are, what they can do, when and where they work."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lingong.core.models import Channel, TimestampedModel
from lingong.trades.models import Intensity

SLOTS = ("morning", "afternoon", "evening")
FULL_WEEK_MASK = (1 << 21) - 1


def availability_bit(weekday: int, slot: int) -> int:
    """Bit of the weekly availability mask: weekday 0=Monday, slot 0..2."""
    return 1 << (weekday * 3 + slot)


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Worker(TimestampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="worker"
    )
    name = models.CharField(_("name"), max_length=50)
    name_bo = models.CharField(_("name in Tibetan script"), max_length=100, blank=True)
    # Personal data: sealed value, keyed index for look-up, masked copy for display.
    id_number_sealed = models.TextField(editable=False)
    id_number_digest = models.CharField(max_length=64, unique=True, editable=False)
    id_number_masked = models.CharField(_("ID number"), max_length=24, editable=False)
    phone_sealed = models.TextField(editable=False)
    phone_digest = models.CharField(max_length=64, unique=True, editable=False)
    phone_masked = models.CharField(_("phone"), max_length=16, editable=False)
    # Derived from the ID number, never typed.
    birth_date = models.DateField(_("birth date"), editable=False)
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices, editable=False)

    speaks_zh = models.BooleanField(_("speaks Chinese"), default=True)
    speaks_bo = models.BooleanField(_("speaks Tibetan"), default=False)
    # Messages (SMS) are written in this language: the one they registered in, changeable.
    language = models.CharField(
        _("language for messages"), max_length=10, choices=settings.LANGUAGES, default="zh-hans"
    )
    availability_mask = models.PositiveIntegerField(
        _("weekly availability"), default=FULL_WEEK_MASK, help_text=_("Morning / afternoon / evening of each weekday.")
    )
    home_area = models.CharField(_("home area"), max_length=100, blank=True)
    home_lat = models.DecimalField(_("home latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    home_lon = models.DecimalField(_("home longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    travel_km = models.PositiveSmallIntegerField(_("will travel (km)"), default=10)
    min_day_pay_fen = models.PositiveIntegerField(_("lowest acceptable day pay (fen)"), default=0)
    max_intensity = models.PositiveSmallIntegerField(
        _("heaviest work accepted"), choices=Intensity.choices, default=Intensity.HEAVY
    )
    registered_station = models.ForeignKey(
        "stations.Station",
        verbose_name=_("registered at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="workers",
    )
    channel = models.CharField(_("registered through"), max_length=16, choices=Channel.choices)
    is_active = models.BooleanField(_("active"), default=True)
    hidden_at = models.DateTimeField(_("deletion requested"), null=True, blank=True)
    # Bumped by a conditional UPDATE when a placement is made: the row lock it
    # takes serialises placements of one worker, so overlap checks are safe.
    placement_seq = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(availability_mask__lte=FULL_WEEK_MASK), name="worker_availability_21_bits"
            ),
            models.CheckConstraint(
                condition=models.Q(max_intensity__gte=1, max_intensity__lte=3), name="worker_intensity_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.id_number_masked})"

    def age_on(self, day) -> int:
        return day.year - self.birth_date.year - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))

    def is_juvenile_on(self, day) -> bool:
        """16 and 17: a juvenile worker (未成年工), matched with care."""
        return self.age_on(day) < 18

    def is_available(self, weekday: int, slot: int) -> bool:
        return bool(self.availability_mask & availability_bit(weekday, slot))


class WorkerTrade(models.Model):
    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="trades")
    job_type = models.ForeignKey("trades.JobType", verbose_name=_("trade"), on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), default=1, help_text=_("1 (beginner) to 5 (master)."))
    certified = models.BooleanField(_("certified"), default=False)
    # When a training course certified this trade (lingong/training `certificate_issue`), and which course:
    # a plain id, as training sits above workers in the layers. Blank for a certificate recorded otherwise.
    certified_at = models.DateTimeField(_("certified on"), null=True, blank=True)
    certified_course_id = models.PositiveIntegerField(_("certifying course"), null=True, blank=True)

    class Meta:
        verbose_name = _("worker trade")
        verbose_name_plural = _("worker trades")
        constraints = [
            models.UniqueConstraint(fields=["worker", "job_type"], name="worker_trade_unique"),
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=5), name="worker_trade_level_range"),
        ]


class WorkerDayOff(models.Model):
    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="days_off")
    day = models.DateField(_("day off"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["worker", "day"], name="worker_day_off_unique")]


class Consent(models.Model):
    """The personal-data notice a worker agreed to: which version, when, how."""

    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="consents")
    notice_version = models.CharField(_("notice version"), max_length=20)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    station = models.ForeignKey("stations.Station", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The staff member who read the notice to the worker, for assisted registration."),
    )
    read_aloud = models.BooleanField(_("read aloud"), default=False)
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-given_at"]
