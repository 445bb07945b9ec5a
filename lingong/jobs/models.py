"""Jobs (岗位), applications (投递/邀请/推荐) and placements (上岗).

Status changes go through one service each (`jobs/services.py`), checked
against the transition tables below; nothing else writes `status`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lingong.core.models import Channel, TimestampedModel
from lingong.core.money import format_yuan
from lingong.trades.models import Intensity, PayUnit


class JobStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    HELD = "held", _("Held for review")
    OPEN = "open", _("Open")
    FILLED = "filled", _("Filled")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


JOB_TRANSITIONS: dict[str, frozenset[str]] = {
    JobStatus.DRAFT: frozenset({JobStatus.OPEN, JobStatus.HELD, JobStatus.CANCELLED}),
    # A posting the checks held (lingong/jobs/rules.py): staff release it or take it down; it may lapse unseen.
    JobStatus.HELD: frozenset({JobStatus.OPEN, JobStatus.CANCELLED, JobStatus.EXPIRED}),
    # open → held: an imported posting that its source changed into one the checks hold, before anyone is hired
    JobStatus.OPEN: frozenset(
        {JobStatus.FILLED, JobStatus.IN_PROGRESS, JobStatus.CANCELLED, JobStatus.EXPIRED, JobStatus.HELD}
    ),
    JobStatus.FILLED: frozenset({JobStatus.OPEN, JobStatus.IN_PROGRESS, JobStatus.CANCELLED}),
    JobStatus.IN_PROGRESS: frozenset({JobStatus.COMPLETED, JobStatus.CANCELLED}),
    JobStatus.COMPLETED: frozenset(),
    JobStatus.CANCELLED: frozenset(),
    JobStatus.EXPIRED: frozenset(),
}


# Not over yet: the console's jobs (lingong.jobs.selectors.job_list_for_staff), soonest first; the index
# `job_station_live_soonest_idx` holds only these, in that order.
JOB_STATUSES_NOT_OVER = (JobStatus.OPEN, JobStatus.FILLED, JobStatus.IN_PROGRESS, JobStatus.DRAFT, JobStatus.HELD)


class JobKind(models.TextChoices):
    DAY_GIG = "day_gig", _("Day gig")
    SHORT_TERM = "short_term", _("Short term")
    LONG_TERM = "long_term", _("Long term")


class Job(TimestampedModel):
    employer = models.ForeignKey("employers.Employer", on_delete=models.PROTECT, related_name="jobs")
    job_type = models.ForeignKey(
        "trades.JobType", verbose_name=_("trade"), on_delete=models.PROTECT, related_name="jobs"
    )
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    headcount = models.PositiveSmallIntegerField(_("places"))
    places_filled = models.PositiveSmallIntegerField(_("places filled"), default=0, editable=False)
    pay_fen = models.PositiveIntegerField(_("pay (fen)"))
    pay_unit = models.CharField(_("pay unit"), max_length=8, choices=PayUnit.choices, default=PayUnit.DAY)
    kind = models.CharField(_("kind"), max_length=12, choices=JobKind.choices, default=JobKind.DAY_GIG)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    start_time = models.TimeField(_("daily start time"))
    end_time = models.TimeField(_("daily end time"), help_text=_("Earlier than the start time for a night shift."))
    address = models.CharField(_("place"), max_length=200)
    meeting_point = models.CharField(_("meeting point"), max_length=200, blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    lon = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    required_skills = models.CharField(_("required skills"), max_length=200, blank=True)
    needs_zh = models.BooleanField(_("needs Chinese"), default=False)
    needs_bo = models.BooleanField(_("needs Tibetan"), default=False)
    intensity = models.PositiveSmallIntegerField(
        _("physical intensity"), choices=Intensity.choices, default=Intensity.MEDIUM
    )
    is_fast_channel = models.BooleanField(_("fast channel"), default=False)
    requires_certificate = models.BooleanField(
        _("certificate required"),
        default=False,
        help_text=_("Only workers certified in this trade by a training course may take it."),
    )
    source = models.CharField(
        _("source"), max_length=32, default="local", help_text=_("'local' or an external platform.")
    )
    external_id = models.CharField(_("external id"), max_length=64, null=True, blank=True)  # noqa: DJ001  (unique when set)
    status = models.CharField(
        _("status"), max_length=12, choices=JobStatus.choices, default=JobStatus.DRAFT, editable=False
    )
    review_note = models.CharField(_("review note"), max_length=300, blank=True, editable=False)
    station = models.ForeignKey(
        "stations.Station",
        verbose_name=_("served by station"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="jobs",
    )
    channel = models.CharField(_("posted through"), max_length=16, choices=Channel.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "end_date"]),
            models.Index(fields=["job_type", "status"]),
            # The open jobs soonest first, a page at a time (job_list_open_public's order): read in order, not sorted.
            models.Index(fields=["status", "start_date", "start_time", "-id"], name="job_open_soonest_idx"),
            # A station's jobs in the console, a page at a time: read in order, never the station's finished ones.
            models.Index(
                fields=["station", "start_date", "start_time", "-id"],
                condition=models.Q(status__in=JOB_STATUSES_NOT_OVER),
                name="job_station_live_soonest_idx",
            ),
            models.Index(
                fields=["published_at"], name="job_published_at_idx"
            ),  # the figures' recount of a day (stats/figures.py)
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(headcount__gte=1), name="job_headcount_positive"),
            models.CheckConstraint(
                condition=models.Q(places_filled__lte=models.F("headcount")), name="job_never_overbooked"
            ),
            models.CheckConstraint(condition=models.Q(pay_fen__gt=0), name="job_pay_positive"),
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="job_dates_ordered"),
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=models.Q(external_id__isnull=False),
                name="job_external_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def places_left(self) -> int:
        return self.headcount - self.places_filled

    @property
    def pay_yuan_display(self) -> str:
        return format_yuan(self.pay_fen)


class ApplicationOrigin(models.TextChoices):
    WORKER = "worker", _("Worker applied")
    EMPLOYER = "employer", _("Employer invited")
    STAFF = "staff", _("Staff recommended")
    DISPATCH = "dispatch", _("Dispatch")


class ApplicationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED_BY_WORKER = "accepted_by_worker", _("Accepted by worker")
    ACCEPTED_BY_EMPLOYER = "accepted_by_employer", _("Accepted by employer")
    PLACED = "placed", _("Placed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    ApplicationStatus.PROPOSED: frozenset(
        {
            ApplicationStatus.ACCEPTED_BY_WORKER,
            ApplicationStatus.ACCEPTED_BY_EMPLOYER,
            ApplicationStatus.DECLINED,
            ApplicationStatus.WITHDRAWN,
            ApplicationStatus.EXPIRED,
        }
    ),
    ApplicationStatus.ACCEPTED_BY_WORKER: frozenset(
        {ApplicationStatus.PLACED, ApplicationStatus.DECLINED, ApplicationStatus.WITHDRAWN, ApplicationStatus.EXPIRED}
    ),
    ApplicationStatus.ACCEPTED_BY_EMPLOYER: frozenset(
        {ApplicationStatus.PLACED, ApplicationStatus.DECLINED, ApplicationStatus.WITHDRAWN, ApplicationStatus.EXPIRED}
    ),
    ApplicationStatus.PLACED: frozenset(),
    ApplicationStatus.DECLINED: frozenset(),
    ApplicationStatus.WITHDRAWN: frozenset(),
    ApplicationStatus.EXPIRED: frozenset(),
}
ACTIVE_APPLICATION_STATUSES = (
    ApplicationStatus.PROPOSED,
    ApplicationStatus.ACCEPTED_BY_WORKER,
    ApplicationStatus.ACCEPTED_BY_EMPLOYER,
)
# Proposed by staff or by dispatch, and the worker has not said yes yet: somebody has to phone them (the console's
# day, lingong.calls.selectors). A few hundred among every application: the index `application_awaiting_call`.
AWAITING_CALL = models.Q(
    origin__in=(ApplicationOrigin.STAFF, ApplicationOrigin.DISPATCH),
    status__in=(ApplicationStatus.PROPOSED, ApplicationStatus.ACCEPTED_BY_EMPLOYER),
)


class Application(TimestampedModel):
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="applications")
    worker = models.ForeignKey("workers.Worker", on_delete=models.CASCADE, related_name="applications")
    origin = models.CharField(_("origin"), max_length=10, choices=ApplicationOrigin.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PROPOSED,
        editable=False,
    )
    interview_at = models.DateTimeField(_("interview time"), null=True, blank=True)
    interview_place = models.CharField(_("interview place"), max_length=200, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    station = models.ForeignKey("stations.Station", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The kiosk where the worker said yes (applied, or accepted an offer); the hire it leads to records it too.
    kiosk = models.ForeignKey(
        "stations.Kiosk", verbose_name=_("kiosk"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["job", "worker"], name="application_one_per_worker_and_job")]
        indexes = [models.Index(fields=["created_at", "id"], condition=AWAITING_CALL, name="application_awaiting_call")]

    def __str__(self) -> str:
        return f"{self.worker_id} → {self.job_id} ({self.status})"


class PlacementStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


PLACEMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    PlacementStatus.ACTIVE: frozenset({PlacementStatus.COMPLETED, PlacementStatus.CANCELLED}),
    PlacementStatus.COMPLETED: frozenset(),
    PlacementStatus.CANCELLED: frozenset(),
}


class Placement(TimestampedModel):
    """A worker hired for a job (counts as 解决就业, online or offline by channel)."""

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="placements")
    worker = models.ForeignKey("workers.Worker", on_delete=models.PROTECT, related_name="placements")
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="placement")
    status = models.CharField(
        _("status"), max_length=12, choices=PlacementStatus.choices, default=PlacementStatus.ACTIVE, editable=False
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    station = models.ForeignKey("stations.Station", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The kiosk where the worker said yes: the one the hire was made at (channel `kiosk`), else the one where
    # the worker's yes was given before the employer's came on another channel (docs/figures.md, by kiosk).
    kiosk = models.ForeignKey(
        "stations.Kiosk", verbose_name=_("kiosk"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The shift is copied so overlap checks need no join, and survive job edits.
    start_date = models.DateField()
    end_date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField()

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["job", "worker"], name="placement_one_per_worker_and_job")]

    def __str__(self) -> str:
        return f"{self.worker_id} @ {self.job_id}"


class Block(TimestampedModel):
    """One side does not want to work with the other again; matching honours it both ways."""

    class Side(models.TextChoices):
        WORKER = "worker", _("The worker")
        EMPLOYER = "employer", _("The employer")

    worker = models.ForeignKey("workers.Worker", on_delete=models.CASCADE, related_name="blocks")
    employer = models.ForeignKey("employers.Employer", on_delete=models.CASCADE, related_name="blocks")
    by_side = models.CharField(_("blocked by"), max_length=10, choices=Side.choices)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [models.UniqueConstraint(fields=["worker", "employer", "by_side"], name="block_once_per_side")]
