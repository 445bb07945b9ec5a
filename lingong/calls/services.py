"""Recording the phone calls staff make to workers."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lingong.accounts.selectors import role_allows
from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.models import Channel
from lingong.core.personal import personal_reveal
from lingong.core.services import event_record
from lingong.jobs.models import ACTIVE_APPLICATION_STATUSES, Application, Job
from lingong.jobs.services import application_decline, application_interview_set
from lingong.workers.models import Worker

from .models import CallOutcome, CallRecord
from .selectors import worker_reach_require

MAX_NOTE = 300


def _require_may_call(*, actor, worker: Worker, application: Application | None, job: Job | None) -> None:
    """About an application or a job: staff of the job's station; else staff whose lists hold the worker."""
    if application is not None:
        station_id = application.job.station_id
        action = "application.change"
    elif job is not None:
        station_id, action = job.station_id, "job.change"
    else:
        worker_reach_require(user=actor, worker=worker, action="worker.change")
        return
    if not role_allows(actor, action, station_id=station_id):
        raise NotAllowed(
            _(
                "This job belongs to another station: only its staff can record calls about it. "
                "Choose one of your station's jobs, or no job."
            ),
            code="job_of_another_station",
            field="application" if application is not None else "job",
        )


def worker_phone_reveal(*, worker: Worker, actor, reason: str) -> str:
    """The full phone, to call a worker on the actor's call or follow-up lists; logged with the reason."""
    worker_reach_require(user=actor, worker=worker, action="worker.reveal")
    return personal_reveal(
        actor=actor,
        subject=worker,
        field="phone",
        sealed=worker.phone_sealed,
        kind="phone",
        reason=reason,
        station=getattr(actor, "station", None),
    )


@transaction.atomic
def call_record(
    *,
    worker: Worker,
    outcome: str,
    actor,
    application: Application | None = None,
    job: Job | None = None,
    note: str = "",
    interview_at: datetime | None = None,
    interview_place: str = "",
    call_back_at: datetime | None = None,
    station=None,
    token: str | None = None,
    now: datetime | None = None,
) -> CallRecord:
    """Record one call; an arranged interview is also set on the application.

    A worker who declines on the phone declines the application. `token`
    comes from the form, so a double submit records the call once.
    """
    if application is not None:
        if application.worker_id != worker.pk:
            raise InvalidInput(
                _("This application is for another worker."), code="application_mismatch", field="application"
            )
        if job is not None and job.pk != application.job_id:
            raise InvalidInput(_("This application is for another job."), code="job_mismatch", field="job")
        job = application.job
    _require_may_call(actor=actor, worker=worker, application=application, job=job)
    now = now or timezone.now()
    if outcome not in CallOutcome.values:
        raise InvalidInput(_("Please choose what came of the call."), code="outcome_required", field="outcome")
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput(
            _("The note can be at most %(max)d characters.") % {"max": MAX_NOTE}, code="note_too_long", field="note"
        )
    interview_place = (interview_place or "").strip()
    if outcome == CallOutcome.INTERVIEW:
        if application is None:
            raise InvalidInput(
                _("An interview is arranged for a job: choose the job first."),
                code="interview_needs_application",
                field="application",
            )
        if interview_at is None:
            raise InvalidInput(
                _("Please give the interview time."), code="interview_time_required", field="interview_at"
            )
        if interview_at < now:
            raise InvalidInput(
                _("The interview time cannot be in the past."), code="interview_in_past", field="interview_at"
            )
        if not interview_place:
            raise InvalidInput(
                _("Please give the interview place."), code="interview_place_required", field="interview_place"
            )
    else:
        interview_at, interview_place = None, ""
    if call_back_at is not None and call_back_at < now:
        raise InvalidInput(
            _("The time to call back cannot be in the past."), code="call_back_in_past", field="call_back_at"
        )
    token = (token or "").strip()[:64] or None
    if token and CallRecord.objects.filter(token=token).exists():
        raise Conflict(_("This call has already been recorded."), code="already_recorded")
    if station is None:
        station = getattr(actor, "station", None)
    record = CallRecord(
        worker=worker,
        application=application,
        job=job,
        outcome=outcome,
        note=note,
        interview_at=interview_at,
        interview_place=interview_place,
        call_back_at=call_back_at,
        staff=actor if getattr(actor, "is_authenticated", False) else None,
        station=station,
        token=token,
    )
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        raise Conflict(_("This call has already been recorded."), code="already_recorded") from None
    event_record(
        subject=record,
        verb="call_record",
        actor=actor,
        to_state=outcome,
        station=station,
        channel=Channel.WINDOW,
        data={"worker": worker.pk, "application": getattr(application, "pk", None)},
    )

    if application is not None and outcome == CallOutcome.INTERVIEW:
        application_interview_set(
            application=application,
            interview_at=interview_at,
            interview_place=interview_place,
            actor=actor,
            channel=Channel.WINDOW,
            now=now,
        )
    elif application is not None and outcome == CallOutcome.DECLINED:
        application.refresh_from_db()
        if application.status in ACTIVE_APPLICATION_STATUSES:
            application_decline(
                application=application,
                side="worker",
                actor=actor,
                channel=Channel.WINDOW,
                reason=note or "declined on the phone",
            )
    return record
