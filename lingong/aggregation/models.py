"""Postings gathered from other platforms: the sources, each run's report, duplicates, trade mapping.

A job imported from a platform is an ordinary `jobs.Job` (source = the platform, external_id = the
platform's id); what only an import knows (the employer's contact as the platform gave it, when the
posting lapses) is kept here, beside it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lingong.core.models import TimestampedModel


class Platform(models.TextChoices):
    WUBA = "58", pgettext_lazy("platform", "58.com")
    BOSS = "boss", pgettext_lazy("platform", "BOSS Zhipin")
    JOB51 = "51job", pgettext_lazy("platform", "51job")
    ZHAOPIN = "zhaopin", pgettext_lazy("platform", "Zhaopin")
    GENERIC = "generic", pgettext_lazy("platform", "Spreadsheet")


class FetchKind(models.TextChoices):
    HTTP = "http", _("Fetched from the platform's address")
    FILE = "file", _("A file staff upload")


class ImportSource(TimestampedModel):
    """One platform feed or one kind of spreadsheet, as staff set it up in the console."""

    name = models.CharField(_("name"), max_length=100)
    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    fetch_kind = models.CharField(_("how it is fetched"), max_length=8, choices=FetchKind.choices)
    url = models.URLField(_("feed address"), blank=True)
    # The platform's API key, sealed (lingong/core/crypto.py); never shown again once saved.
    credentials_sealed = models.TextField(blank=True, editable=False)
    credentials_header = models.CharField(_("credentials header"), max_length=64, default="Authorization")
    column_mapping = models.JSONField(
        _("column mapping"),
        default=dict,
        blank=True,
        help_text=_("For a spreadsheet: which column holds each field."),
    )
    expiry_days = models.PositiveSmallIntegerField(
        _("days an imported job stays open"), default=14, help_text=_("Unless the source closes it earlier.")
    )
    full_feed = models.BooleanField(
        _("full feed"),
        default=False,
        help_text=_("Each run delivers every open posting: one that is missing has been closed."),
    )
    station = models.ForeignKey(
        "stations.Station",
        verbose_name=_("served by station"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    default_lat = models.DecimalField(_("latitude when none is given"), max_digits=9, decimal_places=6)
    default_lon = models.DecimalField(_("longitude when none is given"), max_digits=9, decimal_places=6)
    run_as = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imports on behalf of"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The staff member the scheduled runs act for."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("import source")
        verbose_name_plural = _("import sources")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Could not be read")


class ImportRun(models.Model):
    """One run of one source: what it read and what came of each row."""

    source = models.ForeignKey(ImportSource, verbose_name=_("source"), on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(_("started at"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    trigger = models.CharField(_("started by"), max_length=12)  # "schedule" or "staff"
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    payload_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=8, choices=RunStatus.choices, default=RunStatus.RUNNING)
    failure = models.CharField(_("why it could not be read"), max_length=300, blank=True)
    read = models.PositiveIntegerField(_("read"), default=0)
    new = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    duplicates = models.PositiveIntegerField(_("duplicates"), default=0)
    held = models.PositiveIntegerField(_("held for review"), default=0)
    refused = models.PositiveIntegerField(_("refused"), default=0)
    closed = models.PositiveIntegerField(_("closed"), default=0)

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-started_at", "-id"]


class RowOutcome(models.TextChoices):
    NEW = "new", _("New")
    UPDATED = "updated", _("Updated")
    UNCHANGED = "unchanged", _("Unchanged")
    DUPLICATE = "duplicate", _("Duplicate of a job already shown")
    HELD = "held", _("Held for review")
    REFUSED = "refused", _("Refused")
    CLOSED = "closed", _("Closed by the source")


class ImportRowResult(models.Model):
    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="rows")
    row_number = models.PositiveIntegerField(_("row"))
    external_id = models.CharField(_("id at the source"), max_length=64, blank=True)
    title = models.CharField(_("title"), max_length=100, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=RowOutcome.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["run", "row_number", "id"]


class ImportedPosting(models.Model):
    """What an import knows of its job beyond the job itself."""

    job = models.OneToOneField("jobs.Job", on_delete=models.CASCADE, related_name="imported")
    source = models.ForeignKey(ImportSource, on_delete=models.PROTECT, related_name="postings")
    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    expires_on = models.DateField(_("lapses on"))
    content_sha256 = models.CharField(max_length=64, editable=False)
    last_seen_run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("imported posting")
        verbose_name_plural = _("imported postings")


class JobDuplicateLink(models.Model):
    """A job that is the same posting as another one: workers see the first (`shown`) with every source."""

    shown = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="duplicate_links")
    duplicate = models.OneToOneField("jobs.Job", on_delete=models.CASCADE, related_name="duplicate_of")
    score = models.FloatField(default=1.0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~models.Q(shown=models.F("duplicate")), name="duplicate_not_itself")
        ]


class TradeMappingRule(TimestampedModel):
    """A staff correction: this (normalised) title is this trade, used before the matcher."""

    title_key = models.CharField(_("title"), max_length=100, unique=True)
    job_type = models.ForeignKey("trades.JobType", verbose_name=_("trade"), on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class TradeMappingReview(TimestampedModel):
    """A title the matcher was not sure of: the job was given its best guess and waits for staff."""

    job = models.OneToOneField("jobs.Job", on_delete=models.CASCADE, related_name="trade_review")
    title = models.CharField(_("title"), max_length=100)
    csco_code = models.CharField(_("CSCO 2022 code"), max_length=16, blank=True)
    csco_name = models.CharField(_("CSCO 2022 occupation"), max_length=100, blank=True)
    confidence = models.FloatField(_("confidence"))
    guessed = models.ForeignKey("trades.JobType", on_delete=models.CASCADE, related_name="+")
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True, db_index=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["resolved_at", "-created_at", "-id"]
