"""Jobs, applications and placements: every write and every status change."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lingong.accounts.selectors import role_require
from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.models import Channel
from lingong.core.services import event_record, status_transition
from lingong.employers.models import Employer
from lingong.employers.services import employer_verify
from lingong.trades.models import JobType, PayUnit
from lingong.workers.models import Worker, WorkerTrade

from . import hooks
from . import messages as job_messages
from .models import (
    ACTIVE_APPLICATION_STATUSES,
    APPLICATION_TRANSITIONS,
    JOB_TRANSITIONS,
    PLACEMENT_TRANSITIONS,
    Application,
    ApplicationOrigin,
    ApplicationStatus,
    Block,
    Job,
    JobKind,
    JobStatus,
    Placement,
    PlacementStatus,
)
from .rules import MinimumWage, PostingFinding, posting_findings
from .shifts import Shift, shifts_overlap

MAX_HEADCOUNT = 500
LHASA_BOUNDS = ((29.0, 30.5), (90.5, 92.0))  # a point outside is a typing error


def _raise_from_validation(error: ValidationError) -> None:
    field, messages = next(iter(error.message_dict.items()))
    raise InvalidInput(messages[0], code="invalid_" + field, field=field)


def _check_point(lat, lon) -> None:
    try:
        lat_f, lon_f = float(lat), float(lon)
    except (TypeError, ValueError):
        raise InvalidInput(_("Please choose the place on the map."), code="invalid_point", field="lat") from None
    (lat_lo, lat_hi), (lon_lo, lon_hi) = LHASA_BOUNDS
    if not (lat_lo <= lat_f <= lat_hi and lon_lo <= lon_f <= lon_hi):
        raise InvalidInput(_("The place must be in the Lhasa area."), code="point_out_of_area", field="lat")


@transaction.atomic
def job_create(
    *,
    employer: Employer,
    job_type: JobType,
    title: str,
    headcount: int,
    pay_fen: int,
    pay_unit: str,
    start_date: date,
    end_date: date,
    start_time: time,
    end_time: time,
    address: str,
    lat,
    lon,
    actor,
    channel: str,
    kind: str = JobKind.DAY_GIG,
    description: str = "",
    meeting_point: str = "",
    required_skills: str = "",
    needs_zh: bool = False,
    needs_bo: bool = False,
    intensity: int | None = None,
    is_fast_channel: bool = False,
    requires_certificate: bool = False,
    source: str = "local",
    external_id: str | None = None,
    station=None,
    publish: bool = True,
    today: date | None = None,
) -> Job:
    """Create a job for an employer; published at once unless `publish` is False.

    The employer themselves, or staff of the employer's station, may post.
    """
    _require_may_post(actor=actor, employer=employer)
    hooks.job_posting_check.fire(employer=employer)
    today = today or timezone.localdate()
    if not isinstance(headcount, int) or not 1 <= headcount <= MAX_HEADCOUNT:
        raise InvalidInput(
            _("The number of places must be between 1 and %(max)d.") % {"max": MAX_HEADCOUNT},
            code="invalid_headcount",
            field="headcount",
        )
    if not isinstance(pay_fen, int) or pay_fen <= 0:
        raise InvalidInput(_("Please give the pay."), code="invalid_pay", field="pay_fen")
    if pay_unit not in PayUnit.values:
        raise InvalidInput(_("Please choose how the pay is counted."), code="invalid_pay_unit", field="pay_unit")
    if start_date < today:
        raise InvalidInput(_("The start date cannot be in the past."), code="start_in_past", field="start_date")
    if end_date < start_date:
        raise InvalidInput(
            _("The end date must not be before the start date."), code="end_before_start", field="end_date"
        )
    if start_time == end_time:
        raise InvalidInput(_("The work must end at another time than it starts."), code="empty_shift", field="end_time")
    _check_point(lat, lon)
    _refuse_first(
        _findings(
            texts=(title, description, required_skills, meeting_point),
            pay_fen=pay_fen,
            pay_unit=pay_unit,
            shift=Shift(start_date, end_date, start_time, end_time),
            job_type=job_type,
            lat=lat,
            lon=lon,
            employer=employer,
            source=source,
        )
    )
    job = Job(
        employer=employer,
        job_type=job_type,
        title=title.strip(),
        description=description.strip(),
        headcount=headcount,
        pay_fen=pay_fen,
        pay_unit=pay_unit,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        start_time=start_time,
        end_time=end_time,
        address=address.strip(),
        meeting_point=meeting_point.strip(),
        lat=lat,
        lon=lon,
        required_skills=required_skills.strip(),
        needs_zh=needs_zh,
        needs_bo=needs_bo,
        intensity=intensity or job_type.intensity,
        is_fast_channel=is_fast_channel,
        requires_certificate=bool(requires_certificate),
        source=source,
        external_id=external_id,
        station=station or employer.station,
        channel=channel,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        job.full_clean()
    except ValidationError as error:
        _raise_from_validation(error)
    job.save()
    event_record(subject=job, verb="job_create", actor=actor, to_state=job.status, station=job.station, channel=channel)
    if publish:
        job_publish(job=job, actor=actor, channel=channel)
    return job


def _require_may_post(*, actor, employer: Employer) -> None:
    if employer.verification == Employer.Verification.REJECTED:
        raise NotAllowed(_("This employer may not post jobs. Please contact the station."), code="employer_rejected")
    if employer.hidden_at is not None:  # asked for their data to be deleted
        raise NotAllowed(_("This employer may not post jobs. Please contact the station."), code="employer_hidden")
    if actor is not None and getattr(actor, "is_authenticated", False) and actor.pk == employer.user_id:
        return
    role_require(actor, "job.change", station_id=employer.station_id)


@transaction.atomic
def job_publish(*, job: Job, actor, channel: str) -> Job:
    """Open a draft for workers after the posting checks: refused with the reason, or held for staff to look at.

    A held job waits in the station's review list (`job_list_held`) until staff release or reject it; workers
    never see it.
    """
    _refuse_first(_findings_for_job(job))
    with translation.override(job.employer.language):  # the note is for the employer to read
        holds = [f for f in _findings_for_job(job) if f.holds]
    if holds:
        return _job_hold(job=job, holds=holds, actor=actor, channel=channel)
    return _job_open(job=job, actor=actor, channel=channel, verb="job_publish")


def _job_hold(*, job: Job, holds: list[PostingFinding], actor, channel: str) -> Job:
    note = " ".join(f.reason for f in holds)[:300]
    status_transition(
        job,
        transitions=JOB_TRANSITIONS,
        to=JobStatus.HELD,
        verb="job_hold",
        actor=actor,
        station=job.station,
        channel=channel,
        data={"checks": [f.code for f in holds]},
    )
    Job.objects.filter(pk=job.pk).update(review_note=note)
    job.review_note = note
    return job


@transaction.atomic
def job_release(*, job: Job, actor, note: str = "", employer_checked: bool = False) -> Job:
    """Staff looked at a held job and let it be shown; what they saw goes on the timeline.

    A job held because its employer is unknown (an imported posting, docs/posting-checks.md) is shown only when
    staff checked the employer's credit code in the national enterprise credit system (`employer_checked`): the
    employer is verified with it, in the same transaction, so that its next postings are shown at once.
    """
    role_require(actor, "job.review", station_id=job.station_id)
    job = Job.objects.select_for_update().select_related("employer").get(pk=job.pk)
    if job.status != JobStatus.HELD:
        raise Conflict(_("This job is not waiting for review."), code="not_held")
    note = (note or "").strip()[:300]
    employer_unknown = any(f.code == "employer_unknown" for f in _findings_for_job(job))
    if employer_unknown:
        _employer_check(employer=job.employer, actor=actor, checked=employer_checked, note=note)
    _job_open(
        job=job,
        actor=actor,
        channel=Channel.WINDOW,
        verb="job_release",
        data={"note": note, "employer_verified": True} if employer_unknown else {"note": note},
    )
    job_messages.job_review_notify(job=job, shown=True)
    return job


def _employer_check(*, employer: Employer, actor, checked: bool, note: str) -> None:
    """The employer of a held job is unknown: staff who checked its credit code verify it, or the job stays held."""
    if employer.verification == Employer.Verification.REJECTED:
        raise NotAllowed(_("This employer may not post jobs. Please contact the station."), code="employer_rejected")
    role_require(actor, "employer.verify", station_id=employer.station_id)
    if not checked:
        raise InvalidInput(
            _(
                "The employer is not yet known: check its unified social credit code in the national enterprise "
                "credit system first, then tick the box."
            ),
            code="employer_check_required",
            field="employer_checked",
        )
    employer_verify(
        employer=employer,
        actor=actor,
        approve=True,
        note=(note or str(_("Credit code checked in the national enterprise credit system.")))[:200],
    )


def _job_open(*, job: Job, actor, channel: str, verb: str, data: dict | None = None) -> Job:
    status_transition(
        job,
        transitions=JOB_TRANSITIONS,
        to=JobStatus.OPEN,
        verb=verb,
        actor=actor,
        station=job.station,
        channel=channel,
        data=data,
    )
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(published_at=now)
    job.published_at = now
    hooks.job_published.fire(job=job)
    return job


# Where a refused check points on the posting form.
_FINDING_FIELDS = {"below_minimum_wage": "pay_fen"}


def _refuse_first(findings: list[PostingFinding]) -> None:
    refused = [f for f in findings if not f.holds]
    if refused:
        first = refused[0]
        raise InvalidInput(first.reason, code=first.code, field=_FINDING_FIELDS.get(first.code, "description"))


def _in_district(lat, lon) -> bool:
    (lat_lo, lat_hi), (lon_lo, lon_hi) = settings.LINGONG_DISTRICT_BOX
    return lat_lo <= float(lat) <= lat_hi and lon_lo <= float(lon) <= lon_hi


def _findings(
    *, texts, pay_fen: int, pay_unit: str, shift: Shift, job_type: JobType, lat, lon, employer: Employer, source: str
) -> list[PostingFinding]:
    """The posting checks of lingong/jobs/rules.py with this deployment's standards (docs/posting-checks.md)."""
    standard = settings.LINGONG_MINIMUM_WAGE
    return posting_findings(
        texts=tuple(texts),
        pay_fen=pay_fen,
        pay_unit=pay_unit,
        daily_minutes=shift.daily_minutes,
        standard=MinimumWage(monthly_fen=standard["monthly_fen"], hourly_fen=standard["hourly_fen"]),
        trade_high_day_fen=job_type.typical_pay_high_fen,
        above_range_factor=settings.LINGONG_PAY_ABOVE_RANGE_FACTOR,
        in_district=_in_district(lat, lon),
        # A local posting comes from an employer registered at a station; an imported one must be verified.
        employer_known=source == "local" or employer.verification == Employer.Verification.VERIFIED,
    )


def job_posting_findings(job: Job) -> list[PostingFinding]:
    """What the checks say of a job as it stands (the review page shows it beside the job)."""
    return _findings_for_job(job)


def _findings_for_job(job: Job) -> list[PostingFinding]:
    return _findings(
        texts=(job.title, job.description, job.required_skills, job.meeting_point),
        pay_fen=job.pay_fen,
        pay_unit=job.pay_unit,
        shift=Shift(job.start_date, job.end_date, job.start_time, job.end_time),
        job_type=job.job_type,
        lat=job.lat,
        lon=job.lon,
        employer=job.employer,
        source=job.source,
    )


@transaction.atomic
def job_reject(*, job: Job, actor, reason: str) -> Job:
    """Staff take a posting down, with the reason shown to the employer."""
    role_require(actor, "job.review", station_id=job.station_id)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Please give the reason."), code="reason_required", field="reason")
    status_transition(
        job,
        transitions=JOB_TRANSITIONS,
        to=JobStatus.CANCELLED,
        verb="job_reject",
        actor=actor,
        station=job.station,
        channel=Channel.WINDOW,
        data={"reason": reason},
    )
    Job.objects.filter(pk=job.pk).update(review_note=reason[:300])
    job.review_note = reason[:300]
    _applications_close(job=job, to=ApplicationStatus.EXPIRED, actor=actor)
    job_messages.job_review_notify(job=job, shown=False, reason=reason[:300])
    hooks.job_withdrawn.fire(job=job)
    return job


@transaction.atomic
def job_cancel(*, job: Job, actor, channel: str) -> Job:
    if not (getattr(actor, "is_authenticated", False) and actor.pk == job.employer.user_id):
        role_require(actor, "job.change", station_id=job.station_id)
    status_transition(
        job,
        transitions=JOB_TRANSITIONS,
        to=JobStatus.CANCELLED,
        verb="job_cancel",
        actor=actor,
        station=job.station,
        channel=channel,
    )
    _applications_close(job=job, to=ApplicationStatus.EXPIRED, actor=actor)
    hooks.job_withdrawn.fire(job=job)
    return job


def _job_window_end(job: Job) -> datetime:
    """When the last working day of a job ends, as an aware datetime."""
    start_minutes, end_minutes = Shift(job.start_date, job.end_date, job.start_time, job.end_time).daily_minutes
    naive = datetime.combine(job.end_date, time()) + timedelta(minutes=end_minutes)
    return timezone.make_aware(naive)


def job_expire_overdue(*, now: datetime | None = None) -> int:
    """Expire open and held jobs whose last working day is over; returns how many."""
    now = now or timezone.now()
    candidates = Job.objects.filter(status__in=(JobStatus.OPEN, JobStatus.HELD), end_date__lte=timezone.localdate(now))
    expired = 0
    for job in candidates.iterator():
        if _job_window_end(job) > now:
            continue
        with transaction.atomic():
            job.refresh_from_db()
            if job.status not in (JobStatus.OPEN, JobStatus.HELD):
                continue
            status_transition(job, transitions=JOB_TRANSITIONS, to=JobStatus.EXPIRED, verb="job_expire")
            _applications_close(job=job, to=ApplicationStatus.EXPIRED, actor=None)
            hooks.job_withdrawn.fire(job=job)
            expired += 1
    return expired


def _applications_close(*, job: Job, to: str, actor, reason: str = "", notify: bool = False) -> int:
    """Close every open application of a job; `notify` tells each worker their offer is gone."""
    closed = 0
    for application in job.applications.filter(status__in=ACTIVE_APPLICATION_STATUSES).select_related("worker"):
        status_transition(
            application,
            transitions=APPLICATION_TRANSITIONS,
            to=to,
            verb="application_" + to,
            actor=actor,
            data={"reason": reason} if reason else None,
        )
        if notify:
            job_messages.application_withdrawn_notify(application=application)
        closed += 1
    return closed


# --- applications -------------------------------------------------------------


@transaction.atomic
def application_create(
    *,
    job: Job,
    worker: Worker,
    origin: str,
    channel: str,
    actor,
    station=None,
    interview_at: datetime | None = None,
    interview_place: str = "",
    kiosk=None,
) -> Application:
    """Propose one worker for one job. Whoever proposes has agreed for their side.

    `kiosk`: the device a worker applied at (channel `kiosk`); the hire it leads to records it.
    """
    if origin not in ApplicationOrigin.values:
        raise InvalidInput(_("Unknown origin."), code="invalid_origin")
    _kiosk_check(kiosk=kiosk, channel=channel, side="worker" if origin == ApplicationOrigin.WORKER else origin)
    if origin == ApplicationOrigin.STAFF:
        role_require(actor, "application.change", station_id=job.station_id)
    job.refresh_from_db()
    if job.status != JobStatus.OPEN or job.places_left <= 0:
        raise Conflict(_("This job is no longer open."), code="job_not_open")
    if not worker.is_active:
        raise Conflict(_("This worker cannot take jobs at the moment."), code="worker_inactive")
    if (
        job.requires_certificate
        and not WorkerTrade.objects.filter(worker=worker, job_type_id=job.job_type_id, certified=True).exists()
    ):
        raise Conflict(
            _("This job needs a certificate in its trade. A training course gives one."), code="certificate_required"
        )
    if origin == ApplicationOrigin.WORKER:
        hooks.application_check.fire(worker=worker)
    if Application.objects.filter(job=job, worker=worker).exists():
        raise Conflict(_("This worker has already been proposed for this job."), code="already_applied")
    application = Application(
        job=job,
        worker=worker,
        origin=origin,
        channel=channel,
        interview_at=interview_at,
        interview_place=interview_place.strip(),
        station=station,
        kiosk=kiosk,
        proposed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise Conflict(_("This worker has already been proposed for this job."), code="already_applied") from None
    event_record(
        subject=application,
        verb="application_create",
        actor=actor,
        to_state=application.status,
        station=station,
        channel=channel,
        data={"origin": origin},
    )
    if origin == ApplicationOrigin.WORKER:
        status_transition(
            application,
            transitions=APPLICATION_TRANSITIONS,
            to=ApplicationStatus.ACCEPTED_BY_WORKER,
            verb="application_accept_worker",
            actor=actor,
            station=station,
            channel=channel,
        )
    elif origin == ApplicationOrigin.EMPLOYER:
        status_transition(
            application,
            transitions=APPLICATION_TRANSITIONS,
            to=ApplicationStatus.ACCEPTED_BY_EMPLOYER,
            verb="application_accept_employer",
            actor=actor,
            station=station,
            channel=channel,
        )
    answer_by = None
    if origin == ApplicationOrigin.DISPATCH and not job.is_fast_channel:
        answer_by = dispatch_answer_deadline(application)
    job_messages.application_proposed_notify(application=application, answer_by=answer_by)
    if application.interview_at and application.interview_place:
        job_messages.application_interview_notify(application=application)
    return application


SIDES = ("worker", "employer")


def _kiosk_check(*, kiosk, channel: str, side: str) -> None:
    """Only a worker's yes is given at a kiosk, and only on the channel `kiosk` (a caller's mistake otherwise)."""
    if kiosk is not None and (channel != Channel.KIOSK or side != "worker"):
        raise ValueError("a kiosk is named only for a worker's yes on the channel 'kiosk'")


@transaction.atomic
def application_accept(
    *, application: Application, side: str, actor, channel: str, station=None, kiosk=None
) -> Application:
    """One side says yes; when both have, the worker is placed.

    `kiosk`: the device where the worker says yes; it is kept on the application when the employer has not
    said yes yet, and on the placement either way (docs/figures.md, by kiosk).
    """
    if side not in SIDES:
        raise InvalidInput(_("Unknown side."), code="invalid_side")
    _kiosk_check(kiosk=kiosk, channel=channel, side=side)
    _require_side(application=application, side=side, actor=actor)
    application.refresh_from_db()
    other_accepted = (
        ApplicationStatus.ACCEPTED_BY_EMPLOYER if side == "worker" else ApplicationStatus.ACCEPTED_BY_WORKER
    )
    if application.status == other_accepted:
        placement_create(application=application, actor=actor, channel=channel, station=station, kiosk=kiosk)
        return application
    to = ApplicationStatus.ACCEPTED_BY_WORKER if side == "worker" else ApplicationStatus.ACCEPTED_BY_EMPLOYER
    if application.status == to:
        return application  # saying yes twice is one yes
    if kiosk is not None:
        Application.objects.filter(pk=application.pk).update(kiosk=kiosk)
        application.kiosk = kiosk
    status_transition(
        application,
        transitions=APPLICATION_TRANSITIONS,
        to=to,
        verb=f"application_accept_{side}",
        actor=actor,
        station=station,
        channel=channel,
    )
    return application


@transaction.atomic
def application_decline(*, application: Application, side: str, actor, channel: str, reason: str = "") -> Application:
    if side not in SIDES:
        raise InvalidInput(_("Unknown side."), code="invalid_side")
    _require_side(application=application, side=side, actor=actor)
    application.refresh_from_db()
    status_transition(
        application,
        transitions=APPLICATION_TRANSITIONS,
        to=ApplicationStatus.DECLINED,
        verb=f"application_decline_{side}",
        actor=actor,
        channel=channel,
        data={"reason": reason[:200]},
    )
    hooks.application_closed.fire(application=application, reason="declined")
    return application


@transaction.atomic
def application_withdraw(*, application: Application, actor, channel: str) -> Application:
    """The proposer takes it back (a worker withdraws an application)."""
    _require_side(application=application, side="worker", actor=actor)
    application.refresh_from_db()
    status_transition(
        application,
        transitions=APPLICATION_TRANSITIONS,
        to=ApplicationStatus.WITHDRAWN,
        verb="application_withdraw",
        actor=actor,
        channel=channel,
    )
    hooks.application_closed.fire(application=application, reason="withdrawn")
    return application


def dispatch_answer_minutes() -> int:
    """How long a worker has to answer a dispatch proposal (setting DISPATCH_ANSWER_MINUTES, default 30)."""
    return int(getattr(settings, "DISPATCH_ANSWER_MINUTES", 30))


def dispatch_answer_deadline(application: Application) -> datetime:
    return application.created_at + timedelta(minutes=dispatch_answer_minutes())


def _unanswered_dispatch_proposals(now: datetime):
    """Dispatch proposals the worker has not answered within the deadline. A fast-channel offer is left alone:
    it goes to many at once (the employer already said yes) and widens on its own clock."""
    return Application.objects.filter(
        origin=ApplicationOrigin.DISPATCH,
        status__in=(ApplicationStatus.PROPOSED, ApplicationStatus.ACCEPTED_BY_EMPLOYER),
        created_at__lte=now - timedelta(minutes=dispatch_answer_minutes()),
        job__is_fast_channel=False,
    )


def application_expire_unanswered(*, now: datetime | None = None) -> list[int]:
    """Expire dispatch proposals not answered in time, tell each worker, and hand each place on
    (`application_closed`: the next worker on the job's standby list). Returns the expired ids; a second run
    at the same moment expires nothing more."""
    now = now or timezone.now()
    expired = []
    for pk in _unanswered_dispatch_proposals(now).values_list("pk", flat=True):
        with transaction.atomic():
            application = (
                Application.objects.select_for_update(of=("self",)).select_related("job__employer", "worker").get(pk=pk)
            )
            if application.status not in (ApplicationStatus.PROPOSED, ApplicationStatus.ACCEPTED_BY_EMPLOYER):
                continue  # answered meanwhile
            status_transition(
                application,
                transitions=APPLICATION_TRANSITIONS,
                to=ApplicationStatus.EXPIRED,
                verb="application_expired",
                station=application.station,
                data={"reason": "not_answered", "minutes": dispatch_answer_minutes()},
            )
            job_messages.application_expired_notify(application=application)
            hooks.application_closed.fire(application=application, reason="expired")
            expired.append(application.pk)
    return expired


def _require_side(*, application: Application, side: str, actor) -> None:
    """The worker (or employer) themselves, or staff acting for them."""
    owner_id = application.worker.user_id if side == "worker" else application.job.employer.user_id
    if owner_id is not None and getattr(actor, "pk", None) == owner_id and actor.is_authenticated:
        return
    role_require(actor, "application.change", station_id=application.job.station_id)


# --- placements ----------------------------------------------------------------


@transaction.atomic
def placement_create(*, application: Application, actor, channel: str, station=None, kiosk=None) -> Placement:
    """Hire: take a place of the job and the worker's time, or refuse.

    The placement records the kiosk where the worker said yes: `kiosk` when the hire is made at one, else the
    application's (the worker said yes at a kiosk, the employer later elsewhere).

    Two conditional UPDATEs do the locking on both databases: the job's counter
    (`places_filled < headcount`, backed by a CHECK constraint) and the worker's
    `placement_seq`, which serialises this worker's placements so the overlap
    check below cannot race. Job first, then worker, always: no deadlock.
    """
    job = application.job
    taken = Job.objects.filter(pk=job.pk, status=JobStatus.OPEN, places_filled__lt=F("headcount")).update(
        places_filled=F("places_filled") + 1, updated_at=timezone.now()
    )
    if taken != 1:
        raise Conflict(_("Sorry, all places of this job are taken."), code="job_full")
    locked = Worker.objects.filter(pk=application.worker_id, is_active=True).update(
        placement_seq=F("placement_seq") + 1
    )
    if locked != 1:
        raise Conflict(_("This worker cannot take jobs at the moment."), code="worker_inactive")
    job.refresh_from_db()
    shift = Shift(job.start_date, job.end_date, job.start_time, job.end_time)
    held = Placement.objects.filter(
        worker_id=application.worker_id,
        status=PlacementStatus.ACTIVE,
        start_date__lte=job.end_date + timedelta(days=1),
        end_date__gte=job.start_date - timedelta(days=1),
    )
    for other in held:
        if shifts_overlap(shift, Shift(other.start_date, other.end_date, other.start_time, other.end_time)):
            raise Conflict(_("This worker already has work at that time."), code="worker_busy")
    placement = Placement.objects.create(
        job=job,
        worker_id=application.worker_id,
        application=application,
        channel=channel,
        station=station or job.station,
        kiosk_id=kiosk.pk if kiosk is not None else application.kiosk_id,
        start_date=job.start_date,
        end_date=job.end_date,
        start_time=job.start_time,
        end_time=job.end_time,
    )
    event_record(
        subject=placement,
        verb="placement_create",
        actor=actor,
        to_state=placement.status,
        station=placement.station,
        channel=channel,
    )
    status_transition(
        application,
        transitions=APPLICATION_TRANSITIONS,
        to=ApplicationStatus.PLACED,
        verb="application_place",
        actor=actor,
        station=station,
        channel=channel,
    )
    if job.places_left == 0:
        status_transition(
            job,
            transitions=JOB_TRANSITIONS,
            to=JobStatus.FILLED,
            verb="job_fill",
            actor=actor,
            station=job.station,
            channel=channel,
        )
        # Nobody waits on an offer that can no longer be taken (fast channel, dispatch, invitations).
        withdrawn = _applications_close(
            job=job, to=ApplicationStatus.WITHDRAWN, actor=None, reason="job_filled", notify=True
        )
        if withdrawn:
            event_record(
                subject=job,
                verb="job_offers_withdraw",
                station=job.station,
                channel=Channel.SYSTEM,
                data={"reason": "job_filled", "withdrawn": withdrawn},
            )
    hooks.placement_hired.fire(placement=placement, actor=actor, channel=channel)
    job_messages.placement_hire_notify(placement=placement)
    return placement


@transaction.atomic
def placement_cancel(*, placement: Placement, actor, channel: str, reason: str) -> Placement:
    """Cancel a hire and give the place back to the job."""
    role_require(actor, "application.change", station_id=placement.job.station_id)
    _placement_end(placement=placement, verb="placement_cancel", actor=actor, channel=channel, reason=reason)
    return placement


def _placement_end(*, placement: Placement, verb: str, actor, channel: str, reason: str) -> None:
    """The one way a hire ends early: status, agreement and wage closed, place given back."""
    status_transition(
        placement,
        transitions=PLACEMENT_TRANSITIONS,
        to=PlacementStatus.CANCELLED,
        verb=verb,
        actor=actor,
        channel=channel,
        data={"reason": reason[:200]},
    )
    hooks.placement_ended.fire(placement=placement, actor=actor, channel=channel, reason=reason)
    Job.objects.filter(pk=placement.job_id).update(places_filled=F("places_filled") - 1, updated_at=timezone.now())
    job = placement.job
    job.refresh_from_db()
    if job.status == JobStatus.FILLED:
        status_transition(
            job,
            transitions=JOB_TRANSITIONS,
            to=JobStatus.OPEN,
            verb="job_reopen",
            actor=actor,
            station=job.station,
            channel=channel,
        )


@transaction.atomic
def job_close(*, job: Job, actor, channel: str) -> Job:
    """The employer stops looking: filled if anyone was hired, else cancelled.

    Pending applications expire either way, so nobody waits for an answer.
    """
    if not (getattr(actor, "is_authenticated", False) and actor.pk == job.employer.user_id):
        role_require(actor, "job.change", station_id=job.station_id)
    job.refresh_from_db()
    to = JobStatus.FILLED if job.places_filled > 0 else JobStatus.CANCELLED
    if job.status != to:
        status_transition(
            job, transitions=JOB_TRANSITIONS, to=to, verb="job_close", actor=actor, station=job.station, channel=channel
        )
    _applications_close(job=job, to=ApplicationStatus.EXPIRED, actor=actor, notify=to == JobStatus.FILLED)
    return job


@transaction.atomic
def application_interview_set(
    *,
    application: Application,
    interview_at: datetime,
    interview_place: str,
    actor,
    channel: str,
    now: datetime | None = None,
) -> Application:
    """Staff arranged an interview (usually on the phone): time and place on the application."""
    role_require(actor, "application.change", station_id=application.job.station_id)
    application.refresh_from_db()
    if application.status not in ACTIVE_APPLICATION_STATUSES:
        raise Conflict(_("This application is no longer open."), code="application_closed")
    interview_place = (interview_place or "").strip()
    if interview_at is None or timezone.is_naive(interview_at):
        raise InvalidInput(_("Please give the interview time."), code="interview_time_required", field="interview_at")
    if interview_at < (now or timezone.now()):
        raise InvalidInput(
            _("The interview time cannot be in the past."), code="interview_in_past", field="interview_at"
        )
    if not interview_place or len(interview_place) > 200:
        raise InvalidInput(
            _("Please give the interview place."), code="interview_place_required", field="interview_place"
        )
    Application.objects.filter(pk=application.pk).update(
        interview_at=interview_at, interview_place=interview_place, updated_at=timezone.now()
    )
    application.interview_at, application.interview_place = interview_at, interview_place
    event_record(
        subject=application,
        verb="application_interview_set",
        actor=actor,
        station=application.station,
        channel=channel,
        data={"interview_at": interview_at.isoformat(), "place": interview_place},
    )
    job_messages.application_interview_notify(application=application)
    return application


# --- placements not confirmed in time (lingong.attendance) ---------------------


@transaction.atomic
def placement_release_unconfirmed(*, placement: Placement) -> Placement:
    """The worker did not confirm in time: cancel the hire and give the place back.

    The same ending as `placement_cancel`, without the staff check: the system
    does it at the deadline (`lingong.lifecycle` then offers the place on).
    """
    _placement_end(
        placement=placement,
        verb="placement_release",
        actor=None,
        channel=Channel.SYSTEM,
        reason="not confirmed by the deadline",
    )
    job_messages.placement_released_notify(placement=placement)
    return placement


# --- the course of time ------------------------------------------------------------


def job_progress_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """Move jobs and placements along the clock.

    A hired job whose first working day has begun is `in_progress`; when its
    last working day is over, its active placements are `completed` (credit,
    ratings and follow-ups key on that) and the job is `completed` too.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"started": 0, "placements_completed": 0, "jobs_completed": 0}
    starting = Job.objects.filter(
        status__in=(JobStatus.OPEN, JobStatus.FILLED), start_date__lte=today, places_filled__gt=0
    )
    for job_id in starting.values_list("pk", flat=True):
        with transaction.atomic():
            job = Job.objects.get(pk=job_id)
            first_start = timezone.make_aware(datetime.combine(job.start_date, job.start_time))
            if first_start > now or job.status not in (JobStatus.OPEN, JobStatus.FILLED):
                continue
            status_transition(
                job, transitions=JOB_TRANSITIONS, to=JobStatus.IN_PROGRESS, verb="job_start", station=job.station
            )
            _applications_close(job=job, to=ApplicationStatus.EXPIRED, actor=None)
            counts["started"] += 1
    finishing = Job.objects.filter(status=JobStatus.IN_PROGRESS, end_date__lte=today)
    for job_id in finishing.values_list("pk", flat=True):
        with transaction.atomic():
            job = Job.objects.get(pk=job_id)
            if job.status != JobStatus.IN_PROGRESS or _job_window_end(job) > now:
                continue
            for placement in job.placements.filter(status=PlacementStatus.ACTIVE):
                status_transition(
                    placement,
                    transitions=PLACEMENT_TRANSITIONS,
                    to=PlacementStatus.COMPLETED,
                    verb="placement_complete",
                    station=placement.station,
                )
                hooks.placement_completed.fire(placement=placement, now=now)
                counts["placements_completed"] += 1
            status_transition(
                job, transitions=JOB_TRANSITIONS, to=JobStatus.COMPLETED, verb="job_complete", station=job.station
            )
            counts["jobs_completed"] += 1
    return counts


# --- blocks --------------------------------------------------------------------------


@transaction.atomic
def block_set(*, worker: Worker, employer: Employer, side: str, actor, blocked: bool, reason: str = "") -> None:
    """One side blocks (or unblocks) the other; matching stops proposing the pair either way."""
    if side not in SIDES:
        raise InvalidInput(_("Unknown side."), code="invalid_side")
    owner_id = worker.user_id if side == "worker" else employer.user_id
    if not (getattr(actor, "is_authenticated", False) and owner_id is not None and actor.pk == owner_id):
        role_require(actor, "application.change", station_id=employer.station_id)
    Block.objects.update_or_create(
        worker=worker,
        employer=employer,
        by_side=side,
        defaults={"is_active": blocked, "reason": (reason or "").strip()[:200]},
    )
    event_record(
        subject=worker,
        verb="block_set" if blocked else "block_clear",
        actor=actor,
        data={"employer": employer.pk, "side": side},
    )


# ---- imported postings (lingong/aggregation): the platform a job came from changes or ends it ----------

SOURCE_UPDATABLE_STATUSES = (JobStatus.DRAFT, JobStatus.HELD, JobStatus.OPEN, JobStatus.FILLED)


@transaction.atomic
def job_update_from_source(
    *,
    job: Job,
    actor,
    title: str,
    description: str,
    headcount: int,
    pay_fen: int,
    pay_unit: str,
    start_date: date,
    end_date: date,
    start_time: time,
    end_time: time,
) -> Job:
    """The platform changed its posting: the same checks as a new one, and never below the places already filled."""
    if job.source == "local":
        raise NotAllowed(_("Only an imported job changes with its source."), code="not_imported")
    role_require(actor, "job.change", station_id=job.station_id)
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status not in SOURCE_UPDATABLE_STATUSES:
        raise Conflict(_("This job can no longer be changed."), code="job_not_changeable")
    if not isinstance(headcount, int) or not max(1, job.places_filled) <= headcount <= MAX_HEADCOUNT:
        raise InvalidInput(
            _("The number of places must be between 1 and %(max)d.") % {"max": MAX_HEADCOUNT},
            code="invalid_headcount",
            field="headcount",
        )
    if not isinstance(pay_fen, int) or pay_fen <= 0 or pay_unit not in PayUnit.values:
        raise InvalidInput(_("Please give the pay."), code="invalid_pay", field="pay_fen")
    if end_date < start_date:
        raise InvalidInput(
            _("The end date must not be before the start date."), code="end_before_start", field="end_date"
        )
    if start_time == end_time:
        raise InvalidInput(_("The work must end at another time than it starts."), code="empty_shift", field="end_time")
    findings = _findings(
        texts=(title, description, job.required_skills, job.meeting_point),
        pay_fen=pay_fen,
        pay_unit=pay_unit,
        shift=Shift(start_date, end_date, start_time, end_time),
        job_type=job.job_type,
        lat=job.lat,
        lon=job.lon,
        employer=job.employer,
        source=job.source,
    )
    _refuse_first(findings)
    before = {"title": job.title, "pay_fen": job.pay_fen, "headcount": job.headcount}
    job.title, job.description, job.headcount = title.strip(), description.strip(), headcount
    job.pay_fen, job.pay_unit = pay_fen, pay_unit
    job.start_date, job.end_date, job.start_time, job.end_time = start_date, end_date, start_time, end_time
    try:
        job.full_clean()
    except ValidationError as error:
        _raise_from_validation(error)
    job.save()
    event_record(
        subject=job,
        verb="job_source_update",
        actor=actor,
        from_state=job.status,
        to_state=job.status,
        station=job.station,
        channel=Channel.IMPORT,
        data={"before": before},
    )
    if job.status == JobStatus.OPEN and job.places_filled == 0:
        # A change that a new posting would have held (pay far above the trade, scam signs) takes it off the lists.
        with translation.override(job.employer.language):
            holds = [f for f in _findings_for_job(job) if f.holds]
        if holds:
            _job_hold(job=job, holds=holds, actor=actor, channel=Channel.IMPORT)
    return job


@transaction.atomic
def job_expire_from_source(*, job: Job, actor) -> Job:
    """An imported job lapses (its source's set days are over) before its last working day."""
    role_require(actor, "job.change", station_id=job.station_id)
    status_transition(
        job,
        transitions=JOB_TRANSITIONS,
        to=JobStatus.EXPIRED,
        verb="job_expire",
        actor=actor,
        station=job.station,
        channel=Channel.IMPORT,
    )
    _applications_close(job=job, to=ApplicationStatus.EXPIRED, actor=actor)
    hooks.job_withdrawn.fire(job=job)
    return job
