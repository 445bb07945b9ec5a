"""People's rights over their data (PIPL): a copy, deletion, consent withdrawn; retention.

- A copy (`privacy_export`): everything held about the person, as JSON and as
  a readable PDF; their own ID number and phone are opened for them, and that
  is written to the access log like any other reveal.
- Deletion (`privacy_deletion_request`): at once hidden and out of matching,
  open applications withdrawn (a worker) or open jobs closed (an employer);
  the data is purged (anonymised) after the retention period, because wage
  and agreement records must stay available for disputes for that long.
- Consent withdrawn (`privacy_consent_withdraw`): the worker is hidden and
  out of matching at once; records the law requires are kept; consent may be
  given again at a window.
- Retention (`privacy_retention_sweep`, daily): purges what is due, and old
  SMS codes, delivered messages, expired sessions, old access logs and old
  matching exposures.
Corrections are made at a window (the console's worker and employer pages).
"""

from __future__ import annotations

import json
import secrets
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from lingong.accounts.models import SmsCode, SmsOutbox
from lingong.accounts.selectors import role_require
from lingong.core.crypto import seal
from lingong.core.models import AccessLog
from lingong.core.services import access_record, event_record
from lingong.employers.models import Employer
from lingong.jobs.models import ACTIVE_APPLICATION_STATUSES, JobStatus
from lingong.jobs.services import application_withdraw, job_close
from lingong.matching.models import AcceptanceModelVersion, DispatchStandby, Exposure
from lingong.notifications.models import Notification, NotificationStatus
from lingong.policy.models import Consultation
from lingong.workers.models import Consent, Worker
from lingong.workers.services import worker_hide

from .models import DataRequest, RequestKind
from .selectors import Section, personal_data_of_employer, personal_data_of_worker

PURGED = "—"


def retention_days(name: str) -> int:
    return int(settings.LINGONG_RETENTION_DAYS[name])


def _subject_kwargs(subject) -> dict:
    return {"worker": subject} if isinstance(subject, Worker) else {"employer": subject}


def _require_self_or_window(*, subject, actor) -> None:
    """The person themselves, or staff of their station at a window."""
    if getattr(actor, "is_authenticated", False) and subject.user_id is not None and actor.pk == subject.user_id:
        return
    if isinstance(subject, Worker):
        role_require(actor, "worker.change", station_id=subject.registered_station_id)
    else:
        role_require(actor, "employer.change", station_id=subject.station_id)


# --- a copy ----------------------------------------------------------------------------------


@transaction.atomic
def privacy_export(*, subject, actor, channel: str) -> list[Section]:
    """Everything held about the worker or employer; the request and the opened fields are logged."""
    _require_self_or_window(subject=subject, actor=actor)
    DataRequest.objects.create(kind=RequestKind.EXPORT, channel=channel, actor=actor, **_subject_kwargs(subject))
    access_record(actor=actor, subject=subject, field="export", reason="copy of their own data")
    event_record(subject=subject, verb="privacy_export", actor=actor, channel=channel)
    if isinstance(subject, Worker):
        return personal_data_of_worker(worker=subject)
    return personal_data_of_employer(employer=subject)


def privacy_export_json(sections: list[Section]) -> str:
    return json.dumps(
        [{"title": s.title, "rows": s.rows} for s in sections], cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )


# --- deletion and consent ----------------------------------------------------------------------


def _purge_after(subject, now: datetime) -> date:
    """The retention period runs from the request or the end of the last work, whichever is later."""
    if isinstance(subject, Worker):
        last = subject.placements.aggregate(last=Max("end_date"))["last"]
    else:
        last = subject.jobs.aggregate(last=Max("end_date"))["last"]
    start = max(filter(None, [timezone.localdate(now), last]))
    return start + timedelta(days=retention_days("after_deletion"))


@transaction.atomic
def privacy_deletion_request(*, subject, actor, channel: str, now: datetime | None = None) -> DataRequest:
    """Hide at once and out of matching; purge after the retention period. Asking twice changes nothing."""
    _require_self_or_window(subject=subject, actor=actor)
    now = now or timezone.now()
    pending = DataRequest.objects.filter(kind=RequestKind.DELETION, purged_at__isnull=True, **_subject_kwargs(subject))
    if pending.exists():
        return pending.first()
    if isinstance(subject, Worker):
        if subject.hidden_at is None:
            worker_hide(worker=subject, actor=actor, channel=channel)
        for application in subject.applications.filter(status__in=ACTIVE_APPLICATION_STATUSES):
            application_withdraw(application=application, actor=actor, channel=channel)
    else:
        Employer.objects.filter(pk=subject.pk).update(hidden_at=now)
        subject.hidden_at = now
        for job in subject.jobs.filter(status__in=(JobStatus.DRAFT, JobStatus.OPEN)):
            job_close(job=job, actor=actor, channel=channel)
        event_record(subject=subject, verb="employer_hide", actor=actor, channel=channel, to_state="hidden")
    request = DataRequest.objects.create(
        kind=RequestKind.DELETION,
        channel=channel,
        actor=actor,
        requested_at=now,
        purge_after=_purge_after(subject, now),
        **_subject_kwargs(subject),
    )
    event_record(
        subject=subject,
        verb="privacy_deletion_request",
        actor=actor,
        channel=channel,
        data={"purge_after": request.purge_after.isoformat()},
    )
    return request


@transaction.atomic
def privacy_consent_withdraw(*, worker: Worker, actor, channel: str, now: datetime | None = None) -> Worker:
    """The worker withdraws consent: hidden and out of matching now; what the law requires is kept."""
    _require_self_or_window(subject=worker, actor=actor)
    now = now or timezone.now()
    Consent.objects.filter(worker=worker, withdrawn_at__isnull=True).update(withdrawn_at=now)
    if worker.hidden_at is None:
        worker_hide(worker=worker, actor=actor, channel=channel)
    DataRequest.objects.create(kind=RequestKind.CONSENT_WITHDRAWAL, channel=channel, actor=actor, worker=worker)
    event_record(subject=worker, verb="worker_consent_withdraw", actor=actor, channel=channel)
    return worker


# --- purge and retention -------------------------------------------------------------------------


def _placeholder(kind: str, pk: int) -> tuple[str, str]:
    """A sealed random value and a unique digest that identify nobody."""
    return seal(secrets.token_hex(8), purpose=kind), f"purged-{kind}-{pk}"


def _purge_user(user) -> None:
    if user is None:
        return
    user.username = f"purged-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    Notification.objects.filter(user=user).delete()  # an inactive user's sessions no longer sign anyone in


def _purge_worker(worker: Worker) -> None:
    id_sealed, id_digest = _placeholder("id_number", worker.pk)
    phone_sealed, phone_digest = _placeholder("phone", worker.pk)
    Worker.objects.filter(pk=worker.pk).update(
        name=PURGED,
        name_bo="",
        id_number_sealed=id_sealed,
        id_number_digest=id_digest,
        id_number_masked=PURGED,
        phone_sealed=phone_sealed,
        phone_digest=phone_digest,
        phone_masked=PURGED,
        birth_date=date(worker.birth_date.year, 1, 1),  # the year stays for the district's age figures
        home_area="",
        home_lat=None,
        home_lon=None,
        is_active=False,
    )
    worker.trades.all().delete()
    worker.days_off.all().delete()
    # What matching learned of them goes: what they were shown and answered, and their terms in every
    # stored acceptance model.
    Exposure.objects.filter(worker=worker).delete()
    DispatchStandby.objects.filter(worker=worker).delete()
    _forget_in_acceptance_models(worker.pk)
    # What they asked at the window may tell about them; the topic and the referral stay for the figures.
    Consultation.objects.filter(worker=worker).update(question=PURGED, answer=PURGED, referral_note="")
    _purge_user(worker.user)


def _forget_in_acceptance_models(worker_id: int) -> None:
    for version in AcceptanceModelVersion.objects.select_for_update().only("pk", "model"):
        model = version.model
        ids = model.get("worker_ids", [])
        if worker_id not in ids:
            continue
        keep = [i for i, w in enumerate(ids) if w != worker_id]
        for key in ("worker_ids", "worker_bias", "worker_km"):
            model[key] = [model[key][i] for i in keep]
        model.get("metrics", {}).get("worker_answers", {}).pop(str(worker_id), None)
        AcceptanceModelVersion.objects.filter(pk=version.pk).update(model=model)


def _purge_employer(employer: Employer) -> None:
    phone_sealed, phone_digest = _placeholder("phone", employer.pk)
    fields = {
        "contact_name": PURGED,
        "contact_phone_sealed": phone_sealed,
        "contact_phone_digest": phone_digest,
        "contact_phone_masked": PURGED,
    }
    if employer.kind == Employer.Kind.INDIVIDUAL:  # a person: their name and address are theirs
        id_sealed, id_digest = _placeholder("id_number", employer.pk)
        fields.update(name=PURGED, address=PURGED, id_number_sealed=id_sealed, id_number_digest=id_digest)
        fields["id_number_masked"] = PURGED
    Employer.objects.filter(pk=employer.pk).update(**fields)
    _purge_user(employer.user)


def privacy_purge_due(*, now: datetime | None = None) -> int:
    """Anonymise everyone whose retention period after a deletion request is over; returns how many."""
    now = now or timezone.now()
    purged = 0
    due = DataRequest.objects.filter(
        kind=RequestKind.DELETION, purged_at__isnull=True, purge_after__lte=timezone.localdate(now)
    ).values_list("pk", flat=True)
    for pk in due:
        with transaction.atomic():
            request = (
                DataRequest.objects.select_for_update(of=("self",))  # PostgreSQL locks no nullable outer join
                .select_related("worker__user", "employer__user")
                .get(pk=pk)
            )
            if request.purged_at is not None:
                continue
            subject = request.worker or request.employer
            if request.worker is not None:
                _purge_worker(request.worker)
            else:
                _purge_employer(request.employer)
            DataRequest.objects.filter(pk=pk).update(purged_at=now)
            event_record(subject=subject, verb="privacy_purge", to_state="purged")
            purged += 1
    return purged


def privacy_retention_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """Delete what is kept no longer than its period (docs/privacy.md); returns counts by kind."""
    now = now or timezone.now()

    def older(days_name: str) -> datetime:
        return now - timedelta(days=retention_days(days_name))

    counts = {"purged": privacy_purge_due(now=now)}
    counts["sms_codes"] = SmsCode.objects.filter(created_at__lt=older("sms_codes")).delete()[0]
    counts["sms_outbox"] = SmsOutbox.objects.filter(sent_at__lt=older("sms_outbox")).delete()[0]
    counts["messages"] = (
        Notification.objects.filter(created_at__lt=older("messages"))
        .filter(status__in=(NotificationStatus.SENT, NotificationStatus.FAILED))
        .delete()[0]
    )
    counts["sessions"] = Session.objects.filter(expire_date__lt=now).delete()[0]
    counts["access_logs"] = AccessLog.objects.filter(created_at__lt=older("access_logs")).delete()[0]
    counts["exposures"] = Exposure.objects.filter(shown_at__lt=older("exposures")).delete()[0]
    return counts
