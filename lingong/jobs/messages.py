"""What the worker and the employer are told about applications and hires.

Each function writes its messages through the notification service inside
the caller's transaction; a dedupe key per event means a service that runs
twice tells nobody twice.
"""

from __future__ import annotations

import hashlib

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lingong.employers.services import employer_notify
from lingong.notifications.models import NotificationKind
from lingong.trades.models import PayUnit
from lingong.workers.selectors import worker_display_name
from lingong.workers.services import worker_notify

from .models import Application, ApplicationOrigin, Placement


def _start(job) -> str:
    return f"{job.start_date:%m-%d} {job.start_time:%H:%M}"


def _worker_name_for(job, worker) -> str:
    """The worker's name as the employer's messages are written: in the script of their language."""
    return worker_display_name(worker, job.employer.language)


def _job_params(job) -> dict:
    return {
        "job": job.title,
        "employer": job.employer.name,
        "start": _start(job),
        "place": job.meeting_point or job.address,
        "pay": job.pay_yuan_display,
        "unit": PayUnit(job.pay_unit).label,
    }


def application_proposed_notify(*, application: Application, answer_by=None) -> None:
    """Someone other than the worker proposed them: an invitation, or a fast-channel offer.

    `answer_by`: when a dispatch proposal goes to the next worker in line if this one has not answered."""
    if application.origin == ApplicationOrigin.WORKER:
        return
    job = application.job
    params = _job_params(job)
    if application.origin == ApplicationOrigin.DISPATCH and job.is_fast_channel:
        kind = NotificationKind.OFFER
        message = _(
            "Lingong fast channel: %(employer)s needs %(job)s from %(start)s at %(place)s, "
            "%(pay)s %(unit)s. The first to accept gets the place: answer at a kiosk or on the worker page."
        )
    elif answer_by is not None:
        kind = NotificationKind.INVITATION
        message = _(
            "Lingong: you are invited to work as %(job)s for %(employer)s from %(start)s at %(place)s, "
            "%(pay)s %(unit)s. Please answer by %(answer_by)s at a kiosk or on the worker page; "
            "after that the place goes to the next worker."
        )
        params["answer_by"] = f"{timezone.localtime(answer_by):%H:%M}"
    else:
        kind = NotificationKind.INVITATION
        message = _(
            "Lingong: you are invited to work as %(job)s for %(employer)s from %(start)s at %(place)s, "
            "%(pay)s %(unit)s. Please answer at a kiosk or on the worker page."
        )
    worker_notify(
        worker=application.worker,
        kind=kind,
        message=message,
        params=params,
        dedupe_key=f"{kind}:application:{application.pk}",
        station=job.station,
    )


def application_withdrawn_notify(*, application: Application) -> None:
    """The job found all its workers: the worker's open offer or invitation for it is closed."""
    job = application.job
    worker_notify(
        worker=application.worker,
        kind=NotificationKind.OFFER_WITHDRAWN,
        message=_(
            "Lingong: %(job)s (%(employer)s) has found all its workers, so this offer is closed. "
            "Other work is waiting for you at the kiosk and on the worker page."
        ),
        params=_job_params(job),
        dedupe_key=f"offer_withdrawn:application:{application.pk}",
        station=job.station,
    )


def application_expired_notify(*, application: Application) -> None:
    """The worker did not answer a dispatch proposal in time: it went to the next worker in line."""
    job = application.job
    worker_notify(
        worker=application.worker,
        kind=NotificationKind.OFFER_WITHDRAWN,
        message=_(
            "Lingong: you did not answer the invitation for %(job)s (%(employer)s) in time, so it was offered "
            "to another worker. Other work is waiting for you at the kiosk and on the worker page."
        ),
        params=_job_params(job),
        dedupe_key=f"offer_expired:application:{application.pk}",
        station=job.station,
    )


def placement_hire_notify(*, placement: Placement) -> None:
    """Both sides hear of the hire: the worker where and whom to ask for, the employer who comes."""
    job = placement.job
    params = {
        **_job_params(job),
        "contact": job.employer.contact_name,
        "worker": _worker_name_for(job, placement.worker),
    }
    worker_notify(
        worker=placement.worker,
        kind=NotificationKind.HIRE,
        message=_(
            "Lingong: you are hired for %(job)s by %(employer)s. Start %(start)s at %(place)s, "
            "ask for %(contact)s. Please come on time."
        ),
        params=params,
        dedupe_key=f"hire:worker:{placement.pk}",
        station=placement.station,
    )
    employer_notify(
        employer=job.employer,
        kind=NotificationKind.HIRE,
        message=_(
            "Lingong: %(worker)s is hired for %(job)s and starts %(start)s. "
            "See the worker and the agreement on the employer page."
        ),
        params=params,
        dedupe_key=f"hire:employer:{placement.pk}",
        station=placement.station,
    )


def application_interview_notify(*, application: Application) -> None:
    """Interview time and place to both sides; a changed time or place is a new message."""
    job = application.job
    when = timezone.localtime(application.interview_at)
    params = {
        "job": job.title,
        "employer": job.employer.name,
        "time": f"{when:%m-%d %H:%M}",
        "place": application.interview_place,
        "contact": job.employer.contact_name,
        "worker": _worker_name_for(job, application.worker),
    }
    event = hashlib.sha256(f"{when.isoformat()}|{application.interview_place}".encode()).hexdigest()[:16]
    station = application.station or job.station
    worker_notify(
        worker=application.worker,
        kind=NotificationKind.INTERVIEW,
        message=_("Lingong: interview for %(job)s (%(employer)s) on %(time)s at %(place)s. Ask for %(contact)s."),
        params=params,
        dedupe_key=f"interview:worker:{application.pk}:{event}",
        station=station,
    )
    employer_notify(
        employer=job.employer,
        kind=NotificationKind.INTERVIEW,
        message=_("Lingong: %(worker)s comes to the interview for %(job)s on %(time)s at %(place)s."),
        params=params,
        dedupe_key=f"interview:employer:{application.pk}:{event}",
        station=station,
    )


def placement_released_notify(*, placement: Placement) -> None:
    """The worker did not confirm in time: both sides learn the place went on."""
    job = placement.job
    params = {**_job_params(job), "worker": _worker_name_for(job, placement.worker)}
    worker_notify(
        worker=placement.worker,
        kind=NotificationKind.RELEASE,
        message=_(
            "Lingong: you did not confirm %(job)s in time, so the place was given to someone else. "
            "Other work is waiting for you at the kiosk and on the worker page."
        ),
        params=params,
        dedupe_key=f"release:worker:{placement.pk}",
        station=placement.station,
    )
    employer_notify(
        employer=job.employer,
        kind=NotificationKind.RELEASE,
        message=_("Lingong: %(worker)s did not confirm %(job)s in time. We are offering the place to other workers."),
        params=params,
        dedupe_key=f"release:employer:{placement.pk}",
        station=placement.station,
    )


def job_review_notify(*, job, shown: bool, reason: str = "") -> None:
    """Staff decided on a job: the employer hears that it is shown now, or why it was taken down."""
    params = {"job": job.title, "start": _start(job), "reason": reason}
    if shown:
        message = _("Lingong: the station checked your job %(job)s (%(start)s): workers see it now.")
    else:
        message = _("Lingong: the station took your job %(job)s (%(start)s) down: %(reason)s")
    employer_notify(
        employer=job.employer,
        kind=NotificationKind.JOB_REVIEW,
        message=message,
        params=params,
        dedupe_key=f"job_review:{job.pk}:{'shown' if shown else 'down'}",
        station=job.station,
    )
