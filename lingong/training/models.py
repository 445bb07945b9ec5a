"""Skills training (技能培训): courses, their sessions, and the workers' bookings.

A session's seats are a counter that never overshoots: `seats_taken` is raised only by one
conditional UPDATE (`… WHERE seats_taken < capacity`, `booking_create`) with a CHECK behind it.
A worker who finds the session full waits; the first in line takes the seat a cancellation frees.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lingong.core.models import Bilingual, Channel
from lingong.core.money import format_yuan_with_unit


class TeachingLanguage(models.TextChoices):
    ZH = "zh", _("Chinese")
    BO = "bo", _("Tibetan")
    BOTH = "zh_bo", _("Chinese and Tibetan")


class TrainingCourse(Bilingual, models.Model):
    job_type = models.ForeignKey(
        "trades.JobType", verbose_name=_("trade"), on_delete=models.PROTECT, related_name="training_courses"
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=80)
    title_bo = models.CharField(_("title (Tibetan)"), max_length=200)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_bo = models.TextField(_("description (Tibetan)"), blank=True)
    provider_zh = models.CharField(_("provider (Chinese)"), max_length=100)
    provider_bo = models.CharField(_("provider (Tibetan)"), max_length=250, blank=True)
    hours = models.PositiveSmallIntegerField(_("hours"))
    station = models.ForeignKey(
        "stations.Station", verbose_name=_("station"), on_delete=models.PROTECT, related_name="training_courses"
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    subsidy_fen = models.PositiveIntegerField(_("subsidy (fen)"), default=0)
    language = models.CharField(
        _("language of teaching"), max_length=8, choices=TeachingLanguage.choices, default=TeachingLanguage.BOTH
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=Q(hours__gte=1), name="training_course_hours_positive")]

    def __str__(self) -> str:
        return self.title_zh

    @property
    def title(self) -> str:
        return self.localized("title")

    @property
    def description(self) -> str:
        return self.localized("description")

    @property
    def provider(self) -> str:
        return self.localized("provider")

    @property
    def subsidy_display(self) -> str:
        return format_yuan_with_unit(self.subsidy_fen)


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    DONE = "done", _("Done")


SESSION_TRANSITIONS: dict[str, frozenset[str]] = {
    SessionStatus.SCHEDULED: frozenset({SessionStatus.CANCELLED, SessionStatus.DONE}),
    SessionStatus.CANCELLED: frozenset(),
    SessionStatus.DONE: frozenset(),
}


class TrainingSession(models.Model):
    course = models.ForeignKey(
        TrainingCourse, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    station = models.ForeignKey(
        "stations.Station", verbose_name=_("station"), on_delete=models.PROTECT, related_name="training_sessions"
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(_("seats"))
    seats_taken = models.PositiveSmallIntegerField(_("seats taken"), default=0, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(seats_taken__lte=F("capacity")), name="training_session_not_overbooked"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="training_session_capacity_positive"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="training_session_ends_after_start"),
        ]
        indexes = [models.Index(fields=["status", "starts_at"], name="training_session_upcoming")]

    def __str__(self) -> str:
        return f"{self.course} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")


ACTIVE_BOOKING = (BookingStatus.BOOKED, BookingStatus.WAITING)

BOOKING_TRANSITIONS: dict[str, frozenset[str]] = {
    BookingStatus.BOOKED: frozenset({BookingStatus.CANCELLED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW}),
    BookingStatus.WAITING: frozenset({BookingStatus.BOOKED, BookingStatus.CANCELLED}),
    BookingStatus.CANCELLED: frozenset(),
    BookingStatus.ATTENDED: frozenset({BookingStatus.NO_SHOW}),
    BookingStatus.NO_SHOW: frozenset({BookingStatus.ATTENDED}),
}


class TrainingBooking(models.Model):
    session = models.ForeignKey(
        TrainingSession, verbose_name=_("session"), on_delete=models.PROTECT, related_name="bookings"
    )
    worker = models.ForeignKey(
        "workers.Worker", verbose_name=_("worker"), on_delete=models.CASCADE, related_name="training_bookings"
    )
    status = models.CharField(_("status"), max_length=12, choices=BookingStatus.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    station = models.ForeignKey(
        "stations.Station",
        verbose_name=_("station"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The kiosk where the worker booked (channel `kiosk`), as an application records it.
    kiosk = models.ForeignKey(
        "stations.Kiosk", verbose_name=_("kiosk"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    certified_at = models.DateTimeField(_("certificate issued"), null=True, blank=True)
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training booking")
        verbose_name_plural = _("training bookings")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "worker"],
                condition=~Q(status="cancelled"),
                name="training_booking_once_per_session",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"], name="training_booking_queue")]

    def __str__(self) -> str:
        return f"{self.session} {self.worker_id} {self.status}"
