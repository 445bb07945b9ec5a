"""Credit writes: facts that count (once each), ratings, penalties, appeals and staff decisions.

The machine records facts and applies the one automatic consequence the rules
name (a 7-day application pause after three no-shows in 30 days); every
consequence can be appealed, and only a person (station staff or the district
administrator) decides an appeal.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from lingong.accounts.selectors import role_require
from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.services import event_record, status_transition
from lingong.employers.models import Employer
from lingong.jobs.models import PlacementStatus
from lingong.rights.models import UNRESOLVED_CASE_STATUSES, CaseKind, RightsCase
from lingong.workers.models import Worker

from . import rules
from .models import (
    APPEAL_TRANSITIONS,
    RATING_TAGS,
    Appeal,
    AppealStatus,
    CreditEvent,
    CreditKind,
    Penalty,
    PenaltyKind,
    Rating,
    RatingSide,
)

NO_SHOW_LIMIT = 3
NO_SHOW_WINDOW = timedelta(days=30)
PAUSE_LENGTH = timedelta(days=7)
APPEAL_DECISION_TIME = timedelta(hours=72)


def subject_fields(subject) -> dict:
    if isinstance(subject, Worker):
        return {"worker": subject}
    if isinstance(subject, Employer):
        return {"employer": subject}
    raise InvalidInput(_("Credit is kept for workers and employers only."), code="invalid_subject")


def _subject_station(subject):
    return subject.registered_station if isinstance(subject, Worker) else subject.station


# --- facts ---------------------------------------------------------------------------


@transaction.atomic
def credit_event_record(
    *,
    subject,
    kind: str,
    source,
    now: datetime | None = None,
    weight: float | None = None,
) -> tuple[CreditEvent, bool]:
    """Record that `kind` happened to `subject` because of `source`; the same fact never counts twice.

    Returns (event, created). `weight` defaults to `rules.WEIGHTS[kind]`; ratings pass their own.
    """
    now = now or timezone.now()
    if kind not in CreditKind.values:
        raise InvalidInput(_("Unknown kind of credit event."), code="invalid_kind")
    if weight is None:
        if kind == CreditKind.RATING:
            raise InvalidInput(_("A rating needs its weight."), code="weight_required")
        weight = rules.WEIGHTS[kind]
    fields = subject_fields(subject)
    key = dict(
        fields,
        kind=kind,
        source_type=ContentType.objects.get_for_model(source, for_concrete_model=True),
        source_id=str(source.pk),
    )
    existing = CreditEvent.objects.filter(**key).first()
    if existing is not None:
        return existing, False
    event = CreditEvent(weight=float(weight), occurred_at=now, **key)
    event.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError:  # a racing twin got there first
        return CreditEvent.objects.get(**key), False
    event_record(
        subject=subject, verb="credit_event", data={"kind": kind, "weight": event.weight, "credit_event": event.pk}
    )
    if kind == CreditKind.NO_SHOW and isinstance(subject, Worker):
        _pause_after_repeated_no_shows(worker=subject, now=now)
    return event, True


def credit_record_placement_completed(*, placement, now: datetime | None = None) -> None:
    """Both sides get the "completed" fact when a placement is completed."""
    credit_event_record(subject=placement.worker, kind=CreditKind.COMPLETED, source=placement, now=now)
    credit_event_record(subject=placement.job.employer, kind=CreditKind.COMPLETED, source=placement, now=now)


def _active_penalty(*, worker, now: datetime):
    return (
        Penalty.objects.filter(
            worker=worker,
            kind=PenaltyKind.APPLICATION_PAUSE,
            lifted_at__isnull=True,
            starts_at__lte=now,
            ends_at__gt=now,
        )
        .order_by("-ends_at")
        .first()
    )


def _pause_after_repeated_no_shows(*, worker, now: datetime) -> Penalty | None:
    recent = CreditEvent.objects.filter(
        worker=worker,
        kind=CreditKind.NO_SHOW,
        voided_at__isnull=True,
        occurred_at__gt=now - NO_SHOW_WINDOW,
        occurred_at__lte=now,
    ).count()
    if recent < NO_SHOW_LIMIT or _active_penalty(worker=worker, now=now) is not None:
        return None
    penalty = Penalty(
        worker=worker,
        kind=PenaltyKind.APPLICATION_PAUSE,
        starts_at=now,
        ends_at=now + PAUSE_LENGTH,
        reason=f"{recent} no-shows in 30 days",
    )
    penalty.full_clean()
    penalty.save()
    event_record(
        subject=worker,
        verb="penalty_create",
        to_state="paused",
        data={"penalty": penalty.pk, "kind": penalty.kind, "until": penalty.ends_at.isoformat()},
    )
    return penalty


@transaction.atomic
def credit_event_void(*, subject, kind: str, source, reason: str, actor, now: datetime | None = None) -> bool:
    """A person found the fact wrong (say an attendance dispute decided for the worker): strike it out.

    A pause that no longer rests on three no-shows in 30 days is lifted with it. Returns True if struck out.
    """
    role_require(actor, "credit.void")
    now = now or timezone.now()
    reason = (reason or "").strip()[:300]
    if not reason:
        raise InvalidInput(_("Please write the reason for the decision."), code="note_required", field="reason")
    event = CreditEvent.objects.filter(
        kind=kind,
        source_type=ContentType.objects.get_for_model(source, for_concrete_model=True),
        source_id=str(source.pk),
        voided_at__isnull=True,
        **subject_fields(subject),
    ).first()
    if event is None:
        return False
    CreditEvent.objects.filter(pk=event.pk).update(voided_at=now, void_reason=reason)
    event_record(
        subject=subject, verb="credit_event_void", actor=actor, data={"credit_event": event.pk, "reason": reason}
    )
    if kind == CreditKind.NO_SHOW and isinstance(subject, Worker):
        penalty = _active_penalty(worker=subject, now=now)
        recent = CreditEvent.objects.filter(
            worker=subject,
            kind=CreditKind.NO_SHOW,
            voided_at__isnull=True,
            occurred_at__gt=now - NO_SHOW_WINDOW,
            occurred_at__lte=now,
        ).count()
        if penalty is not None and recent < NO_SHOW_LIMIT:
            Penalty.objects.filter(pk=penalty.pk).update(lifted_at=now, lifted_by=actor)
            event_record(
                subject=subject,
                verb="penalty_lift",
                actor=actor,
                from_state="paused",
                data={"penalty": penalty.pk, "credit_event": event.pk},
            )
    return True


# --- the checks other services call -----------------------------------------------------


def credit_employer_may_post(employer, *, now: datetime | None = None) -> None:
    """Raise NotAllowed while the employer has an unresolved wage-arrears case (unless an appeal lifted it)."""
    blocking = (
        RightsCase.objects.filter(
            employer=employer,
            kind=CaseKind.WAGE_ARREARS,
            status__in=UNRESOLVED_CASE_STATUSES,
            posting_block_lifted=False,
        )
        .order_by("opened_at")
        .first()
    )
    if blocking is not None:
        raise NotAllowed(
            _(
                "You cannot post new jobs while a complaint about unpaid wages (case %(case)s) is open. "
                "Please settle it with the rights window, or appeal at any gig station."
            )
            % {"case": blocking.pk},
            code="employer_wage_arrears",
        )


def credit_worker_may_apply(worker, now: datetime | None = None) -> None:
    """Raise NotAllowed while the worker's applications are paused."""
    now = now or timezone.now()
    penalty = _active_penalty(worker=worker, now=now)
    if penalty is not None:
        until = formats.date_format(timezone.localtime(penalty.ends_at), "Y-m-d H:i")
        raise NotAllowed(
            _(
                "You did not come to work three times in 30 days, so you cannot apply for jobs until %(until)s. "
                "If this is wrong, you can appeal at any gig station."
            )
            % {"until": until},
            code="applications_paused",
        )


# --- ratings -------------------------------------------------------------------------


@transaction.atomic
def rating_create(
    *,
    placement,
    side: str,
    stars: int,
    actor,
    tags=(),
    comment: str = "",
    now: datetime | None = None,
) -> Rating:
    """One side of a completed placement rates the other: 1-5 stars and tags, once."""
    now = now or timezone.now()
    if side not in RatingSide.values:
        raise InvalidInput(_("Unknown side."), code="invalid_side")
    party_user_id = placement.worker.user_id if side == RatingSide.WORKER else placement.job.employer.user_id
    if not (getattr(actor, "is_authenticated", False) and party_user_id is not None and actor.pk == party_user_id):
        raise NotAllowed(_("Only the worker and the employer of this job can rate it."), code="not_a_party")
    if placement.status != PlacementStatus.COMPLETED:
        raise Conflict(_("You can rate once the work is completed."), code="placement_not_completed")
    if isinstance(stars, bool) or not isinstance(stars, int) or not 1 <= stars <= 5:
        raise InvalidInput(_("Please give 1 to 5 stars."), code="invalid_stars", field="stars")
    tags = list(dict.fromkeys(tags))
    if any(tag not in RATING_TAGS for tag in tags):
        raise InvalidInput(_("Unknown tag."), code="invalid_tag", field="tags")
    if Rating.objects.filter(placement=placement, side=side).exists():
        raise Conflict(_("You have already rated this job."), code="already_rated")
    rated = {"employer": placement.job.employer} if side == RatingSide.WORKER else {"worker": placement.worker}
    rating = Rating(
        placement=placement,
        side=side,
        stars=stars,
        tags=tags,
        comment=(comment or "").strip()[:300],
        rated_by=actor,
        created_at=now,
        **rated,
    )
    rating.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError:
        raise Conflict(_("You have already rated this job."), code="already_rated") from None
    event_record(
        subject=placement, verb="rating_create", actor=actor, data={"side": side, "stars": stars, "tags": tags}
    )
    credit_event_record(
        subject=rating.worker or rating.employer,
        kind=CreditKind.RATING,
        source=rating,
        now=now,
        weight=rules.rating_weight(stars),
    )
    return rating


# --- appeals -------------------------------------------------------------------------


@transaction.atomic
def appeal_create(
    *,
    reason: str,
    actor,
    penalty: Penalty | None = None,
    credit_event: CreditEvent | None = None,
    rights_case=None,
    now: datetime | None = None,
) -> Appeal:
    """The person (or staff for them) contests one decision; staff must decide within 72 hours."""
    now = now or timezone.now()
    contested = [d for d in (penalty, credit_event, rights_case) if d is not None]
    if len(contested) != 1:
        raise InvalidInput(_("Please choose the decision you contest."), code="decision_required")
    if penalty is not None:
        subject = penalty.worker
        if penalty.lifted_at is not None:
            raise Conflict(_("This penalty has already been lifted."), code="already_lifted")
    elif credit_event is not None:
        subject = credit_event.subject
        if credit_event.voided_at is not None:
            raise Conflict(_("This entry has already been struck out."), code="already_voided")
    else:
        subject = rights_case.employer
        if (
            rights_case.kind != CaseKind.WAGE_ARREARS
            or rights_case.status not in UNRESOLVED_CASE_STATUSES
            or rights_case.posting_block_lifted
        ):
            raise Conflict(_("This case does not block posting."), code="not_blocking")
    if not (getattr(actor, "is_authenticated", False) and subject.user_id is not None and actor.pk == subject.user_id):
        role_require(actor, "appeal.file")
    reason = (reason or "").strip()
    if not reason or len(reason) > 2000:
        raise InvalidInput(_("Please say why the decision is wrong."), code="reason_required", field="reason")
    pending = Appeal.objects.filter(
        status=AppealStatus.PENDING, penalty=penalty, credit_event=credit_event, rights_case=rights_case
    )
    if pending.exists():
        raise Conflict(_("An appeal against this decision is already waiting for staff."), code="appeal_pending")
    appeal = Appeal(
        reason=reason,
        penalty=penalty,
        credit_event=credit_event,
        rights_case=rights_case,
        filed_at=now,
        due_at=now + APPEAL_DECISION_TIME,
        station=_subject_station(subject),
        filed_by=actor if getattr(actor, "is_authenticated", False) else None,
        **subject_fields(subject),
    )
    appeal.full_clean()
    appeal.save()
    event_record(
        subject=appeal,
        verb="appeal_create",
        actor=actor,
        to_state=appeal.status,
        station=appeal.station,
        data={"due_at": appeal.due_at.isoformat()},
    )
    event_record(subject=subject, verb="appeal_create", actor=actor, data={"appeal": appeal.pk})
    return appeal


@transaction.atomic
def appeal_decide(*, appeal: Appeal, uphold: bool, note: str, actor, now: datetime | None = None) -> Appeal:
    """A person decides. Upheld: the penalty is lifted, the entry struck out, or posting allowed again."""
    role_require(actor, "appeal.decide", station_id=appeal.station_id)
    now = now or timezone.now()
    note = (note or "").strip()
    if not note or len(note) > 500:
        raise InvalidInput(_("Please write the reason for the decision."), code="note_required", field="note")
    appeal.refresh_from_db()
    to = AppealStatus.UPHELD if uphold else AppealStatus.REJECTED
    status_transition(
        appeal,
        transitions=APPEAL_TRANSITIONS,
        to=to,
        verb="appeal_decide",
        actor=actor,
        station=appeal.station,
        data={"note": note},
    )
    Appeal.objects.filter(pk=appeal.pk).update(decided_by=actor, decided_at=now, decision_note=note)
    appeal.decided_by, appeal.decided_at, appeal.decision_note = actor, now, note
    if uphold:
        if appeal.penalty_id:
            Penalty.objects.filter(pk=appeal.penalty_id, lifted_at__isnull=True).update(lifted_at=now, lifted_by=actor)
            event_record(
                subject=appeal.subject,
                verb="penalty_lift",
                actor=actor,
                from_state="paused",
                data={"penalty": appeal.penalty_id, "appeal": appeal.pk},
            )
        elif appeal.credit_event_id:
            CreditEvent.objects.filter(pk=appeal.credit_event_id, voided_at__isnull=True).update(
                voided_at=now, void_reason=note
            )
            event_record(
                subject=appeal.subject,
                verb="credit_event_void",
                actor=actor,
                data={"credit_event": appeal.credit_event_id, "appeal": appeal.pk},
            )
        else:
            RightsCase.objects.filter(pk=appeal.rights_case_id).update(posting_block_lifted=True)
            event_record(
                subject=appeal.rights_case,
                verb="case_posting_block_lift",
                actor=actor,
                data={"appeal": appeal.pk, "note": note},
            )
    return appeal


@transaction.atomic
def appeal_escalate_overdue(*, now: datetime | None = None) -> int:
    """Appeals not decided by their deadline are flagged once for the district administrator."""
    now = now or timezone.now()
    overdue = list(
        Appeal.objects.select_for_update().filter(
            status=AppealStatus.PENDING, due_at__lte=now, escalated_at__isnull=True
        )
    )
    for appeal in overdue:
        Appeal.objects.filter(pk=appeal.pk).update(escalated_at=now)
        event_record(
            subject=appeal, verb="appeal_overdue", station=appeal.station, data={"due_at": appeal.due_at.isoformat()}
        )
    return len(overdue)
