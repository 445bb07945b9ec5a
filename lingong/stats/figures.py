"""How each daily figure is counted: one Asia/Shanghai day at a time, from the domain tables and the timeline.

Each counter reads only the rows of its day (a range on an indexed time or date
column, or the timeline events of that day), so a rollup of one day costs what
that day holds, not what the district ever held. `docs/figures.md` says the same
in words; keep the two in step.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Min, Q, Sum

from lingong.agreements.models import Agreement
from lingong.attendance.models import AttendanceRecord, AttendanceStatus
from lingong.core.models import Channel, Event
from lingong.employers.models import Employer
from lingong.followups.models import FollowUp, FollowUpStatus
from lingong.jobs.models import Job, Placement
from lingong.policy.models import Consultation, ConsultationChannel, PolicyTopic, Referral
from lingong.rights.models import Mediation, RightsCase
from lingong.stations.models import Kiosk
from lingong.wages.models import LedgerKind, WageLedgerEntry
from lingong.workers.models import Worker

from .models import DAYS_CAP, KioskMetric, Metric

TZ = ZoneInfo("Asia/Shanghai")
# A consultation's bucket: the place of its topic, or of its referral, in the choices (the order is kept).
TOPIC_BUCKETS = {value: n for n, value in enumerate(PolicyTopic.values)}
REFERRAL_BUCKETS = {value: n for n, value in enumerate(Referral.values)}
CONSULTATION_CHANNELS = {
    ConsultationChannel.WINDOW: Channel.WINDOW,
    ConsultationChannel.PHONE: Channel.WINDOW,  # a phone call to the station's window
    ConsultationChannel.KIOSK: Channel.KIOSK,
    ConsultationChannel.WEB: Channel.WEB,
}

# (metric, station id or None, channel or "", trade id or None, bucket) → value.
# Grouped rows name these s, c and t (a model's own field names cannot be annotations).
Key = tuple[str, int | None, str, int | None, int]
# By kiosk: (metric, kiosk id or None, station id or None, channel or "") → value.
KioskKey = tuple[str, int | None, int | None, str]


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The day's first instant and the next day's, in Asia/Shanghai (no daylight saving)."""
    start = datetime.combine(day, time.min, tzinfo=TZ)
    return start, start + timedelta(days=1)


def local_day(moment: datetime) -> date:
    return moment.astimezone(TZ).date()


def _add(counts: Counter, metric: str, rows: Iterable[dict], *, value: str = "n") -> None:
    for row in rows:
        amount = row[value] or 0
        if amount:
            key = (metric, row.get("s"), row.get("c") or "", row.get("t"), 0)
            counts[key] += amount


def _placement_dims(queryset, prefix: str):
    """Group rows by their placement's station, channel and trade."""
    return queryset.values(s=F(f"{prefix}station_id"), c=F(f"{prefix}channel"), t=F(f"{prefix}job__job_type_id"))


def _events(verbs: tuple[str, ...], model, start: datetime, end: datetime):
    subject_type = ContentType.objects.get_for_model(model)
    return Event.objects.filter(subject_type=subject_type, verb__in=verbs, created_at__gte=start, created_at__lt=end)


def _first_events_by_subject(verb: str, model, start: datetime, end: datetime) -> dict[int, datetime]:
    """Subjects whose first `verb` event falls in the day, with its time (a later repeat is not a first)."""
    subject_type = ContentType.objects.get_for_model(model)
    today = dict(
        _events((verb,), model, start, end).values_list("subject_id").annotate(first=Min("created_at")).order_by()
    )
    earlier = set(
        Event.objects.filter(
            subject_type=subject_type, verb=verb, subject_id__in=list(today), created_at__lt=start
        ).values_list("subject_id", flat=True)
    )
    return {int(subject): moment for subject, moment in today.items() if subject not in earlier}


def _time_to(metric: str, counts: Counter, firsts: dict[int, datetime]) -> None:
    """Whole Asia/Shanghai days from the job's publication to `firsts[job]`, bucketed per job."""
    jobs = Job.objects.filter(pk__in=list(firsts), published_at__isnull=False).values(
        "pk", "station_id", "channel", "job_type_id", "published_at"
    )
    for job in jobs:
        days = (local_day(firsts[job["pk"]]) - local_day(job["published_at"])).days
        bucket = min(max(days, 0), DAYS_CAP)
        counts[(metric, job["station_id"], job["channel"], job["job_type_id"], bucket)] += 1


def jobs_published(start: datetime, end: datetime):
    """Orders (用工订单): jobs published in [start, end); drafts and jobs turned down are not orders."""
    return Job.objects.filter(published_at__gte=start, published_at__lt=end)


def placements_made(start: datetime, end: datetime):
    """Hires (解决就业): placements made in [start, end), whatever became of them later."""
    return Placement.objects.filter(created_at__gte=start, created_at__lt=end)


def day_count(day: date) -> Counter:
    """Every figure of one day, by station, channel, trade and bucket."""
    start, end = day_bounds(day)
    counts: Counter = Counter()
    within = {"created_at__gte": start, "created_at__lt": end}

    # People
    workers = Worker.objects.filter(**within).values(s=F("registered_station_id"), c=F("channel"))
    _add(counts, Metric.WORKERS_REGISTERED, workers.annotate(n=Count("id")).order_by())
    employers = Employer.objects.filter(**within).values(s=F("station_id"), c=F("channel"))
    _add(counts, Metric.EMPLOYERS_REGISTERED, employers.annotate(n=Count("id")).order_by())
    first_sign_ins = Event.objects.filter(verb="api_sign_in", actor__isnull=False, **within)
    users_today = set(first_sign_ins.values_list("actor_id", flat=True))
    users_before = set(
        Event.objects.filter(verb="api_sign_in", actor_id__in=users_today, created_at__lt=start).values_list(
            "actor_id", flat=True
        )
    )
    if users_today - users_before:
        counts[(Metric.APP_USERS_NEW, None, "app", None, 0)] += len(users_today - users_before)

    # Demand: jobs published this day (drafts and jobs turned down are not orders)
    jobs = jobs_published(start, end).values(s=F("station_id"), c=F("channel"), t=F("job_type_id"))
    jobs = jobs.annotate(n=Count("id"), places=Sum("headcount")).order_by()
    _add(counts, Metric.JOBS_POSTED, jobs)
    _add(counts, Metric.PLACES_POSTED, jobs, value="places")

    # Hires and their end
    placements = _placement_dims(placements_made(start, end), "")
    _add(counts, Metric.PLACEMENTS, placements.annotate(n=Count("id")).order_by())
    ended = _events(("placement_cancel", "placement_release"), Placement, start, end).values_list(
        "subject_id", flat=True
    )
    cancelled = _placement_dims(Placement.objects.filter(pk__in=[int(pk) for pk in ended]), "")
    _add(counts, Metric.PLACEMENTS_CANCELLED, cancelled.annotate(n=Count("id")).order_by())

    # Attendance: the working day, whoever recorded it
    days = _placement_dims(AttendanceRecord.objects.filter(day=day), "placement__")
    _add(
        counts,
        Metric.ATTENDANCE_DAYS,
        days.annotate(n=Count("id")).order_by(),
    )
    _add(counts, Metric.NO_SHOWS, days.filter(status=AttendanceStatus.NO_SHOW).annotate(n=Count("id")).order_by())

    # Agreements: a first version signed by both, on the day of the second signature
    signed = Agreement.objects.filter(
        version=1, worker_signed_at__isnull=False, employer_signed_at__isnull=False
    ).filter(
        Q(worker_signed_at__gte=start, worker_signed_at__lt=end, employer_signed_at__lt=end)
        | Q(employer_signed_at__gte=start, employer_signed_at__lt=end, worker_signed_at__lt=end)
    )
    _add(counts, Metric.AGREEMENTS_SIGNED, _placement_dims(signed, "placement__").annotate(n=Count("id")).order_by())

    # Wages: the ledger's entries by the time they happened
    entries = _placement_dims(
        WageLedgerEntry.objects.filter(occurred_at__gte=start, occurred_at__lt=end), "wage__placement__"
    )
    owed = entries.filter(kind__in=(LedgerKind.OWED, LedgerKind.ADJUSTED)).annotate(n=Sum("amount_fen")).order_by()
    _add(counts, Metric.WAGES_OWED_FEN, owed)
    _add(counts, Metric.WAGES_PAID_FEN, entries.filter(kind=LedgerKind.PAID).annotate(n=Sum("amount_fen")).order_by())

    # Rights cases
    cases = RightsCase.objects.values(s=F("station_id"), c=F("channel"))
    _add(
        counts,
        Metric.CASES_OPENED,
        cases.filter(opened_at__gte=start, opened_at__lt=end).annotate(n=Count("id")).order_by(),
    )
    first_sessions = Mediation.objects.filter(held_on=day).values_list("case_id", flat=True)
    earlier_sessions = Mediation.objects.filter(case_id__in=list(first_sessions), held_on__lt=day)
    mediated = set(first_sessions) - set(earlier_sessions.values_list("case_id", flat=True))
    _add(counts, Metric.CASES_MEDIATED, cases.filter(pk__in=mediated).annotate(n=Count("id")).order_by())
    # closed, and what they recovered: as the rights page counts them (rights.selectors.case_figures)
    closed = cases.filter(closed_at__gte=start, closed_at__lt=end)
    _add(counts, Metric.CASES_CLOSED, closed.annotate(n=Count("id")).order_by())
    _add(counts, Metric.MONEY_RECOVERED_FEN, closed.annotate(n=Sum("amount_recovered_fen")).order_by())

    # Follow-up calls: due this day (unless cancelled), and made this day
    followups = FollowUp.objects.values(s=F("station_id"), c=F("placement__channel"))
    due = followups.filter(due_on=day).exclude(status=FollowUpStatus.CANCELLED)
    _add(counts, Metric.FOLLOWUPS_DUE, due.annotate(n=Count("id")).order_by())
    done = followups.filter(status=FollowUpStatus.DONE, called_at__gte=start, called_at__lt=end)
    _add(counts, Metric.FOLLOWUPS_DONE, done.annotate(n=Count("id")).order_by())

    # Policy questions: asked this day, by topic; and those referred on, by where to
    questions = Consultation.objects.filter(**within).values("station_id", "channel", "topic", "referral")
    for row in questions.annotate(n=Count("id")).order_by():
        station, channel = row["station_id"], CONSULTATION_CHANNELS.get(row["channel"], "")
        counts[(Metric.CONSULTATIONS, station, channel, None, TOPIC_BUCKETS.get(row["topic"], 0))] += row["n"]
        if row["referral"] != Referral.NONE:
            bucket = REFERRAL_BUCKETS.get(row["referral"], 0)
            counts[(Metric.CONSULTATIONS_REFERRED, station, channel, None, bucket)] += row["n"]

    # Time from publication to the first hire, and to the last place taken
    hired_jobs = Placement.objects.filter(**within).values_list("job_id").annotate(first=Min("created_at")).order_by()
    hired_jobs = dict(hired_jobs)
    hired_before = set(
        Placement.objects.filter(job_id__in=list(hired_jobs), created_at__lt=start).values_list("job_id", flat=True)
    )
    _time_to(Metric.FIRST_HIRE_DAYS, counts, {j: t for j, t in hired_jobs.items() if j not in hired_before})
    _time_to(Metric.FILLED_DAYS, counts, _first_events_by_subject("job_fill", Job, start, end))
    return counts


def kiosk_day_count(day: date) -> Counter:
    """One day's kiosk sessions and hires per kiosk device (`DailyKioskFigure`'s keys).

    Sessions: the `kiosk_sign_in` timeline events of the day, by the kiosk (their subject). Hires: the day's
    placements that record a kiosk (the worker said yes there), by kiosk and the hire's channel; and those
    made on the channel `kiosk` with no device recorded, by the hire's station.
    """
    start, end = day_bounds(day)
    counts: Counter = Counter()
    sessions = dict(
        _events(("kiosk_sign_in",), Kiosk, start, end).values_list("subject_id").annotate(n=Count("id")).order_by()
    )
    stations = dict(Kiosk.objects.filter(pk__in=[int(k) for k in sessions]).values_list("pk", "station_id"))
    for kiosk_id, n in sessions.items():
        if int(kiosk_id) in stations:  # a kiosk deleted since is not counted
            counts[(KioskMetric.SESSIONS, int(kiosk_id), stations[int(kiosk_id)], "")] += n
    hires = (
        placements_made(start, end)
        .filter(Q(kiosk__isnull=False) | Q(channel=Channel.KIOSK))
        .values(k=F("kiosk_id"), ks=F("kiosk__station_id"), s=F("station_id"), c=F("channel"))
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in hires:
        station = row["ks"] if row["k"] is not None else row["s"]
        counts[(KioskMetric.PLACEMENTS, row["k"], station, row["c"])] += row["n"]
    return counts
