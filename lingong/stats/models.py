"""The district's figures, rolled up per day so that no page counts the whole history.

One `DailyFigure` row holds one number: one metric, on one Asia/Shanghai day,
for one station (none: not at a station), one channel ("": no channel), one
trade (none: no trade) and one bucket (0, or the whole days of a time-to
figure). `docs/figures.md` defines every metric; `figures.py` counts them;
`services.stats_rollup_day` keeps the rows in step with the domain tables, and
`DailyTotal` holds the same without the trade, for the long periods' sums.
`DailyKioskFigure` holds what is counted per kiosk device (sessions and hires), by the same recount.
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Coalesce


class Metric(models.TextChoices):
    WORKERS_REGISTERED = "workers_registered"
    EMPLOYERS_REGISTERED = "employers_registered"
    APP_USERS_NEW = "app_users_new"
    JOBS_POSTED = "jobs_posted"
    PLACES_POSTED = "places_posted"
    PLACEMENTS = "placements"
    PLACEMENTS_CANCELLED = "placements_cancelled"
    ATTENDANCE_DAYS = "attendance_days"
    NO_SHOWS = "no_shows"
    AGREEMENTS_SIGNED = "agreements_signed"
    WAGES_OWED_FEN = "wages_owed_fen"
    WAGES_PAID_FEN = "wages_paid_fen"
    CASES_OPENED = "cases_opened"
    CASES_MEDIATED = "cases_mediated"
    CASES_CLOSED = "cases_closed"
    MONEY_RECOVERED_FEN = "money_recovered_fen"
    FOLLOWUPS_DUE = "followups_due"
    FOLLOWUPS_DONE = "followups_done"
    # Policy questions (lingong/policy), on the day they were asked: bucket = the topic's place in PolicyTopic;
    # those referred on, bucket = the referral's place in Referral (docs/policy.md).
    CONSULTATIONS = "consultations"
    CONSULTATIONS_REFERRED = "consultations_referred"
    FIRST_HIRE_DAYS = "first_hire_days"  # bucket: whole days from publication to the first hire
    FILLED_DAYS = "filled_days"  # bucket: whole days from publication to the last place taken
    # Snapshots, taken by the nightly pass (a score is not a flow: it is read as of that night).
    CREDIT_WORKERS = "credit_workers"  # bucket: score band (0 = 0-9 … 9 = 90-100)
    CREDIT_EMPLOYERS = "credit_employers"


SNAPSHOT_METRICS = (Metric.CREDIT_WORKERS, Metric.CREDIT_EMPLOYERS)
TIME_TO_METRICS = (Metric.FIRST_HIRE_DAYS, Metric.FILLED_DAYS)  # a distribution by bucket, not a sum


# A time-to figure of this many days or more is counted in this bucket.
DAYS_CAP = 31


class DailyFigure(models.Model):
    day = models.DateField()
    metric = models.CharField(max_length=32)  # a `Metric` value
    station = models.ForeignKey("stations.Station", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=16, blank=True)
    job_type = models.ForeignKey("trades.JobType", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    bucket = models.PositiveSmallIntegerField(default=0)
    value = models.BigIntegerField()

    class Meta:
        ordering = ["day", "metric", "id"]
        indexes = [
            models.Index(fields=["metric", "day"], name="stats_figure_metric_day_idx"),
            models.Index(fields=["metric", "job_type", "day"], name="stats_figure_metric_trade_idx"),  # trades posted
        ]
        constraints = [
            # NULL is never equal to NULL in a unique index: "no station" and "no trade" count as 0 here.
            models.UniqueConstraint(
                "day",
                "metric",
                Coalesce("station", models.Value(0)),
                "channel",
                Coalesce("job_type", models.Value(0)),
                "bucket",
                name="stats_figure_one_per_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.metric} {self.value}"


class DailyTotal(models.Model):
    """The same flows without the trade: what the district's and the stations' tiles sum over long periods.

    Kept with `DailyFigure` by the same recount (its rows summed over trades), some thirty times fewer rows,
    so a year's totals read a few thousand rows instead of every trade's. Time-to and snapshot metrics are
    not here (they are read by bucket from `DailyFigure`).
    """

    day = models.DateField()
    metric = models.CharField(max_length=32)  # a `Metric` value
    station = models.ForeignKey("stations.Station", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=16, blank=True)
    value = models.BigIntegerField()

    class Meta:
        ordering = ["day", "metric", "id"]
        indexes = [models.Index(fields=["metric", "day"], name="stats_total_metric_day_idx")]
        constraints = [
            models.UniqueConstraint(
                "day", "metric", Coalesce("station", models.Value(0)), "channel", name="stats_total_one_per_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.metric} {self.value}"


class KioskMetric(models.TextChoices):
    SESSIONS = "kiosk_sessions"  # sign-ins at the kiosk (`kiosk_sign_in` timeline events)
    PLACEMENTS = "kiosk_placements"  # hires whose worker said yes at the kiosk, by the hire's channel


class DailyKioskFigure(models.Model):
    """One number per Asia/Shanghai day, metric, kiosk device and channel; the station is the kiosk's.

    A row without a kiosk holds the hires made on the channel `kiosk` with no device recorded (made before
    devices were recorded, or by a caller that named none), at the hire's station, so the kiosks of a
    station add up to its kiosk matches.
    """

    day = models.DateField()
    metric = models.CharField(max_length=32)  # a `KioskMetric` value
    kiosk = models.ForeignKey("stations.Kiosk", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    station = models.ForeignKey("stations.Station", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=16, blank=True)
    value = models.BigIntegerField()

    class Meta:
        ordering = ["day", "metric", "id"]
        indexes = [models.Index(fields=["day", "metric"], name="stats_kiosk_day_metric_idx")]
        constraints = [
            models.UniqueConstraint(
                "day",
                "metric",
                Coalesce("kiosk", models.Value(0)),
                Coalesce("station", models.Value(0)),
                "channel",
                name="stats_kiosk_one_per_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.metric} {self.kiosk_id} {self.value}"
