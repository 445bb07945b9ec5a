"""Reads of jobs, applications and placements, with their access checks."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Max, Q, QuerySet, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lingong.accounts.models import Role
from lingong.accounts.selectors import role_allows, role_require
from lingong.core.errors import NotFound
from lingong.core.geo import km_between
from lingong.core.models import Event
from lingong.core.pagination import page_of
from lingong.core.snapshot import Snapshot
from lingong.employers.selectors import employer_for_user

from .models import (
    ACTIVE_APPLICATION_STATUSES,
    JOB_STATUSES_NOT_OVER,
    Application,
    ApplicationStatus,
    Job,
    JobStatus,
    Placement,
    PlacementStatus,
)
from .rules import WORKING_DAYS_A_MONTH, day_pay_fen


def job_list_open_public() -> QuerySet[Job]:
    """Open jobs anyone may see (no personal data on a job)."""
    return (
        Job.objects.filter(status=JobStatus.OPEN)
        .select_related("job_type", "employer", "station")
        .order_by("start_date", "start_time", "-id")
    )


class JobClosed(NotFound):
    """A job that was open and is no longer (its places taken, closed, held): still 'not found' to anyone but its
    employer and staff, said in words a worker who opened it from a list or an SMS a moment ago understands."""

    default_message = gettext_lazy("This job is no longer open.")


def access_job(*, user, job_id: int) -> Job:
    """A job the user may see: open jobs for everyone, any job for its employer and staff."""
    job = Job.objects.select_related("job_type", "employer", "station").filter(pk=job_id).first()
    if job is None:
        raise NotFound()
    if job.status == JobStatus.OPEN:
        return job
    if getattr(user, "is_authenticated", False) and (user.pk == job.employer.user_id or role_allows(user, "job.view")):
        return job
    raise JobClosed()


def application_list_for_worker(*, worker) -> QuerySet[Application]:
    return worker.applications.select_related("job", "job__job_type").order_by("-created_at")


NEEDS_WORKER_ANSWER = (ApplicationStatus.PROPOSED, ApplicationStatus.ACCEPTED_BY_EMPLOYER)


def application_list_open_for_worker(*, worker) -> QuerySet[Application]:
    """The worker's live proposals, what waits for the worker first: offers and invitations to answer, then
    interviews to attend, then applications waiting for the employer; newest first within each."""
    waits_for_worker = Case(
        When(status__in=NEEDS_WORKER_ANSWER, then=0), When(interview_at__isnull=False, then=1), default=2
    )
    return (
        worker.applications.filter(status__in=ACTIVE_APPLICATION_STATUSES)
        .select_related("job", "job__job_type", "job__employer")
        .order_by(waits_for_worker, "-created_at", "-id")
    )


def application_needs_worker_answer(application: Application) -> bool:
    return application.status in NEEDS_WORKER_ANSWER


def application_list_interviews_for_employer(*, employer, now=None) -> QuerySet[Application]:
    """Interviews to come (and those of the last hour) for the employer's jobs, soonest first."""
    now = now or timezone.now()
    return (
        Application.objects.filter(
            job__employer=employer, status__in=ACTIVE_APPLICATION_STATUSES, interview_at__gte=now - timedelta(hours=1)
        )
        .select_related("job", "job__job_type", "job__employer", "worker")
        .order_by("interview_at", "id")
    )


def application_list_active_for_job(*, job: Job) -> QuerySet[Application]:
    return job.applications.filter(status__in=ACTIVE_APPLICATION_STATUSES).select_related("worker")


def placement_list_active_for_worker(*, worker) -> QuerySet[Placement]:
    return worker.placements.filter(status=PlacementStatus.ACTIVE).select_related("job", "job__job_type")


def job_list_for_staff(*, user, station=None) -> QuerySet[Job]:
    """Open and recent jobs for the console, those served by `station` when one is given."""

    role_require(user, "job.view")
    jobs = Job.objects.filter(status__in=JOB_STATUSES_NOT_OVER)
    if station is not None:
        jobs = jobs.filter(station=station)
    # The columns the list's rows show (console/jobs.html), and no more: a page is 50 rows of three tables, and
    # building every column of each was a third of the page. A column the list starts to show goes here too, or it
    # is read row by row (test_query_budgets counts the queries).
    shown = ("title", "start_date", "start_time", "pay_fen", "pay_unit", "places_filled", "headcount", "status")
    return (
        jobs.select_related("job_type", "employer")
        .only(*shown, "job_type__name_zh", "job_type__name_bo", "employer__name")
        .order_by("start_date", "start_time", "-id")
    )


def job_list_held(*, user, station=None) -> QuerySet[Job]:
    """Jobs the posting checks held, oldest first: the review list of the stations this user reviews for."""
    if station is None and getattr(user, "role", None) == Role.STATION_STAFF:
        station_id = user.station_id  # station staff review their own station's jobs only
    else:
        station_id = getattr(station, "pk", None)
    role_require(user, "job.review", station_id=station_id)
    jobs = Job.objects.filter(status=JobStatus.HELD)
    if station_id is not None:
        jobs = jobs.filter(station_id=station_id)
    return jobs.select_related("job_type", "employer", "station").order_by("created_at", "id")


# --- worker and employer doors (portal) ------------------------------------------


def _shift_hours(job: Job) -> float:
    start = job.start_time.hour * 60 + job.start_time.minute
    end = job.end_time.hour * 60 + job.end_time.minute
    return ((end - start) % (24 * 60)) / 60 or 8.0


def job_day_pay_fen(job: Job) -> int | None:
    """What a job pays for one working day; None for piece work, whose day pay is unknown."""
    return day_pay_fen(pay_fen=job.pay_fen, pay_unit=job.pay_unit, hours=_shift_hours(job))


def _job_search_query(*, trade=None, near=None, day=None) -> QuerySet[Job]:

    jobs = job_list_open_public().filter(end_date__gte=timezone.localdate())
    if trade is not None:
        jobs = jobs.filter(job_type_id=getattr(trade, "pk", trade))
    if day is not None:
        jobs = jobs.filter(start_date__lte=day, end_date__gte=day)
    if near is not None:
        lat, lon, km = (float(v) for v in near)
        # A box in the database first (1° of latitude ≈ 111 km), the exact distance after.
        dlat = km / 111.0
        dlon = km / (111.0 * max(0.1, math.cos(math.radians(lat))))
        jobs = jobs.filter(lat__gte=lat - dlat, lat__lte=lat + dlat, lon__gte=lon - dlon, lon__lte=lon + dlon)
    return jobs


def _job_search_keeps(job: Job, *, near, min_pay_fen) -> bool:
    if near is not None:
        lat, lon, km = (float(v) for v in near)
        if km_between(lat, lon, float(job.lat), float(job.lon)) > km:
            return False
    if min_pay_fen:
        day_pay = job_day_pay_fen(job)
        if day_pay is None or day_pay < int(min_pay_fen):
            return False
    return True


def job_search(*, trade=None, near=None, day=None, min_pay_fen=None, limit: int = 100) -> list[Job]:
    """Open jobs a worker looks through, soonest first.

    trade: a JobType or its id; near: (lat, lon, km), jobs within km of the
    point; day: a date the job runs on; min_pay_fen: the lowest acceptable pay
    for a day's work (hourly and monthly pay are compared per day; piece work
    is left out when a floor is given, as its day pay is unknown).
    """
    found: list[Job] = []
    for job in _job_search_query(trade=trade, near=near, day=day).iterator(chunk_size=200):
        if not _job_search_keeps(job, near=near, min_pay_fen=min_pay_fen):
            continue
        found.append(job)
        if len(found) >= limit:
            break
    return found


def job_search_page(*, trade=None, near=None, day=None, min_pay_fen=None, page=1, per_page: int = 20):
    """One page of `job_search`'s results with the true count of all of them (a Django Page).

    Without a distance or pay condition the database counts and slices; with
    one, the exact check runs in Python over the rows the database narrowed.
    """
    jobs = _job_search_query(trade=trade, near=near, day=day)
    if near is not None or min_pay_fen:
        jobs = [
            job for job in jobs.iterator(chunk_size=200) if _job_search_keeps(job, near=near, min_pay_fen=min_pay_fen)
        ]
    return page_of(jobs, page=page, per_page=per_page)


# The worker door's list with no condition is the same for every worker: its first pages are drawn once for all
# who ask (the view keeps them in the cache) until a job changes or the day does. Made-up page numbers are drawn
# each time and add no entries.
JOB_SEARCH_KEPT_PAGES = 10
JOBS_CHANGED_SECONDS = 0.5


def _jobs_changed_read() -> str:
    changed = Job.objects.aggregate(changed=Max("updated_at"))["changed"]
    return f"{changed.timestamp():.6f}" if changed else "0"


# Every change of a job moves its updated_at (a hire's conditional update sets it too); read at most every half
# second in a process, at once after a job is saved in it.
_jobs_changed = Snapshot(_jobs_changed_read, models=(Job,), seconds=JOBS_CHANGED_SECONDS)


def job_search_page_key(*, page: str | None) -> str | None:
    """What a page of all open jobs (`job_search_page` with no condition) is kept under: the jobs' last change, the
    day (a job leaves the list after its last day) and the page. None for a page that is not kept."""
    number = page or "1"
    if not (len(number) <= 3 and number.isascii() and number.isdigit() and 1 <= int(number) <= JOB_SEARCH_KEPT_PAGES):
        return None
    return f"{_jobs_changed()}:{timezone.localdate().isoformat()}:{int(number)}"


def job_list_for_employer(*, user) -> QuerySet[Job]:
    """The jobs of the employer signed in as `user` (none for anyone else)."""
    employer = employer_for_user(user=user)
    if employer is None:
        return Job.objects.none()
    return job_list_of_employer(employer=employer)


def job_list_of_employer(*, employer) -> QuerySet[Job]:
    """The jobs of an employer already read for the person signed in (the employer door's), newest first."""
    return employer.jobs.select_related("job_type").order_by("-created_at", "-id")


def access_job_for_employer(*, user, job_id: int) -> Job:
    """One of the employer's own jobs; any other job is 'not found' (its existence is not told). One query: the
    employer is the job's, joined, not read first."""
    job = None
    if getattr(user, "is_authenticated", False):
        job = (
            Job.objects.select_related("job_type", "employer", "station").filter(pk=job_id, employer__user=user).first()
        )
    if job is None:
        raise NotFound()
    return job


def application_list_for_employer_job(*, job: Job) -> QuerySet[Application]:
    """Everyone proposed for one of the employer's own jobs (`job` from `access_job_for_employer`), newest first."""
    return job.applications.select_related("worker").order_by("-created_at", "-id")


def placement_list_for_employer_job(*, job: Job) -> QuerySet[Placement]:
    """The hires of one of the employer's own jobs (`job` from `access_job_for_employer`), newest first."""
    return job.placements.select_related("worker", "application").order_by("-created_at", "-id")


def access_application_for_employer(*, user, application_id: int) -> Application:
    """An application to one of the employer's own jobs, else 'not found' (one query, as for a job)."""
    application = None
    if getattr(user, "is_authenticated", False):
        application = (
            Application.objects.select_related("job", "job__employer", "job__job_type", "worker")
            .filter(pk=application_id, job__employer__user=user)
            .first()
        )
    if application is None:
        raise NotFound()
    return application


def access_application_for_worker(*, user, application_id: int) -> Application:
    """One of the signed-in worker's own applications, else 'not found'."""
    application = None
    if getattr(user, "is_authenticated", False):
        application = (
            Application.objects.select_related("job", "job__employer", "job__job_type", "worker")
            .filter(pk=application_id, worker__user=user)
            .first()
        )
    if application is None:
        raise NotFound()
    return application


def placement_phase(*, placement: Placement, today=None) -> str:
    """Where a placement stands for the worker, by its dates: a hire is not yet "at work".

    "hired" (before the first day), "at_work" (on a work day), "finished"
    (completed, or the last day has passed), "cancelled".
    """

    today = today or timezone.localdate()
    if placement.status == PlacementStatus.CANCELLED:
        return "cancelled"
    if placement.status == PlacementStatus.COMPLETED or today > placement.end_date:
        return "finished"
    if today < placement.start_date:
        return "hired"
    return "at_work"


def placement_list_for_worker(*, worker) -> QuerySet[Placement]:
    """All of a worker's hires, current and past, newest first."""
    return worker.placements.select_related("job", "job__job_type", "job__employer", "application").order_by(
        "-start_date", "-id"
    )


@dataclass(frozen=True)
class WorkerMessage:
    at: object  # aware datetime
    code: str
    text: str
    job: Job


def worker_message_list(*, worker, limit: int = 50) -> list[WorkerMessage]:
    """What happened to the worker's applications and hires, newest first.

    Derived from the timeline (no separate messaging): the worker's own
    actions are left out, they know them, except a hire, the news that matters.
    """

    texts = {
        ("application_create", "employer"): _("An employer invites you. Please answer."),
        ("application_create", "staff"): _("A station recommends you for this job. Please answer."),
        ("application_create", "dispatch"): _("You are offered this job. Please answer."),
        ("application_withdraw_filled", None): _("This job has found all its workers. The offer is closed."),
        ("application_accept_employer", None): _("The employer said yes. Please answer."),
        ("application_decline_employer", None): _("The employer said no, thank you."),
        ("application_expired", None): _("This job is closed."),
        ("placement_create", None): _("You are hired."),
        ("placement_cancel", None): _("Your hire was cancelled."),
    }
    applications = {a.pk: a for a in worker.applications.select_related("job", "job__job_type", "job__employer")}
    placements = {p.pk: p for p in worker.placements.select_related("job", "job__job_type")}
    events = (
        Event.objects.filter(
            Q(
                subject_type=ContentType.objects.get_for_model(Application),
                subject_id__in=[str(k) for k in applications],
            )
            | Q(subject_type=ContentType.objects.get_for_model(Placement), subject_id__in=[str(k) for k in placements])
        )
        .select_related("subject_type")
        .order_by("-created_at", "-id")
    )
    if worker.user_id is not None:  # a hire is told even when the worker's own yes made it
        events = events.exclude(Q(actor_id=worker.user_id) & ~Q(verb="placement_create"))
    placement_type = ContentType.objects.get_for_model(Placement)
    messages = []
    for event in events[: limit * 3]:
        subject = (placements if event.subject_type_id == placement_type.pk else applications).get(
            int(event.subject_id)
        )
        if subject is None:
            continue
        text = texts.get((event.verb, event.data.get("origin"))) or texts.get((event.verb, None))
        if event.verb == "application_interview_set" and event.data.get("interview_at"):
            when = timezone.localtime(datetime.fromisoformat(event.data["interview_at"]))
            text = _("Interview on %(time)s at %(place)s. Ask for %(contact)s.") % {
                "time": f"{when:%m-%d %H:%M}",
                "place": event.data.get("place") or subject.interview_place,
                "contact": subject.job.employer.contact_name,
            }
        if text is None or (event.verb == "application_accept_employer" and subject.origin == "employer"):
            continue  # an invitation is the employer's yes: told once
        messages.append(WorkerMessage(at=event.created_at, code=event.verb, text=text, job=subject.job))
        if len(messages) >= limit:
            break
    return messages


@dataclass(frozen=True)
class FastJobDefaults:
    title: str
    pay_fen: int
    pay_unit: str
    start_date: object  # date
    start_time: object  # time
    end_time: object  # time
    headcount: int = 1


# Usual hours of a day's gig work; an employer changes them when they differ.
USUAL_HOURS = ((9, 0), (18, 0))
_HOURS_PER_DAY = 8


LATEST_SAME_DAY_HOUR = 15
# A worker needs this long to see an offer and get there: a same-day job starts no sooner.
SAME_DAY_LEAD = timedelta(hours=1)


def job_fast_defaults(*, job_type, today=None, now=None) -> FastJobDefaults:
    """What the fast channel form shows before the employer touches it.

    The pay is the middle of the trade's typical day pay, in the trade's own
    unit (an hour is an eighth of a day, a month 21.75 working days; piece work is
    offered as day pay, the employer knows the piece rate), rounded to whole yuan.
    """

    day = (job_type.typical_pay_low_fen + job_type.typical_pay_high_fen) // 2
    unit = job_type.default_pay_unit
    if unit == "hour":
        pay = day // _HOURS_PER_DAY
    elif unit == "month":
        pay = round(day * WORKING_DAYS_A_MONTH)
    else:
        pay, unit = day, "day"
    pay = max(100, round(pay / 100) * 100)
    start = time(*USUAL_HOURS[0])
    if today is None:
        # Same day from the next whole hour a worker can make (never a start already past);
        # late in the day nobody can still be found for today: offer tomorrow's usual hours.
        now = timezone.localtime(now)
        today = now.date()
        earliest = now + SAME_DAY_LEAD
        earliest_hour = earliest.hour + (1 if (earliest.minute or earliest.second) else 0)
        if now.hour >= LATEST_SAME_DAY_HOUR or earliest.date() != today:
            today += timedelta(days=1)
        elif earliest_hour > start.hour:
            start = time(earliest_hour)
    return FastJobDefaults(
        title=job_type.name,
        pay_fen=pay,
        pay_unit=unit,
        start_date=today,
        start_time=start,
        end_time=time(*USUAL_HOURS[1]),
    )


def application_list_for_employer(*, employer, job_id: int | None = None) -> QuerySet[Application]:
    applications = Application.objects.filter(job__employer=employer)
    if job_id is not None:
        applications = applications.filter(job_id=job_id)
    return applications.select_related("job", "job__job_type", "worker").order_by("-created_at", "-id")


def placement_list_for_employer(*, employer) -> QuerySet[Placement]:
    """Everyone the employer hired, newest first."""
    return (
        Placement.objects.filter(job__employer=employer)
        .select_related("job", "job__job_type", "worker")
        .order_by("-created_at", "-id")
    )
