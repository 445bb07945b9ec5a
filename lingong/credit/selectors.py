"""Credit reads: scores (via the pure rules), explanations, rating summaries, honour lists."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Avg, Count
from django.utils import timezone

from lingong.accounts.models import Role
from lingong.accounts.selectors import role_require
from lingong.core.errors import NotAllowed, NotFound, id_from_input
from lingong.employers.models import Employer
from lingong.workers.models import Worker

from . import rules
from .models import Appeal, AppealStatus, CreditEvent, CreditKind, Penalty, PenaltyKind, Rating
from .services import subject_fields

HONOUR_TIER = "excellent"
HONOUR_MIN_COMPLETED = 3  # a top score needs a track record, not one good rating


def _facts(events) -> list[rules.CreditFact]:
    return [rules.CreditFact(kind=e.kind, weight=e.weight, at=e.occurred_at) for e in events]


def credit_score(*, subject, now: datetime | None = None) -> rules.Score:
    now = now or timezone.now()
    events = CreditEvent.objects.filter(voided_at__isnull=True, occurred_at__lte=now, **subject_fields(subject))
    return rules.credit_score(_facts(events), now)


@dataclass(frozen=True)
class ExplainedEvent:
    id: int
    kind: str
    label: str
    weight: float
    occurred_at: datetime
    counts_now: float  # the weight after decay, one decimal
    voided: bool
    void_reason: str


@dataclass(frozen=True)
class CreditExplanation:
    score: float
    tier: str
    baseline: float
    half_life_days: float
    events: list[ExplainedEvent]
    active_penalties: list[Penalty]
    pending_appeals: list[Appeal]


def _may_see(user, subject) -> bool:
    return getattr(user, "is_authenticated", False) and subject.user_id is not None and user.pk == subject.user_id


def credit_explain(*, subject, user=None, now: datetime | None = None, check_access: bool = True) -> CreditExplanation:
    """Why the score is what it is: every fact, its weight and what it still counts today."""
    if check_access and not _may_see(user, subject):
        role_require(user, "credit.view")
    now = now or timezone.now()
    fields = subject_fields(subject)
    events = list(CreditEvent.objects.filter(occurred_at__lte=now, **fields).order_by("-occurred_at", "-id"))
    live = [e for e in events if e.voided_at is None]
    score = rules.credit_score(_facts(live), now)
    explained = [
        ExplainedEvent(
            id=e.pk,
            kind=e.kind,
            label=str(CreditKind(e.kind).label),
            weight=e.weight,
            occurred_at=e.occurred_at,
            counts_now=0.0 if e.voided_at else round(rules.fact_contribution(_facts([e])[0], now), 1),
            voided=e.voided_at is not None,
            void_reason=e.void_reason,
        )
        for e in events
    ]
    penalties = []
    if "worker" in fields:
        penalties = list(
            Penalty.objects.filter(
                worker=subject,
                kind=PenaltyKind.APPLICATION_PAUSE,
                lifted_at__isnull=True,
                starts_at__lte=now,
                ends_at__gt=now,
            )
        )
    appeals = list(Appeal.objects.filter(status=AppealStatus.PENDING, **fields))
    return CreditExplanation(
        score=score.score,
        tier=score.tier,
        baseline=rules.BASELINE,
        half_life_days=rules.HALF_LIFE_DAYS,
        events=explained,
        active_penalties=penalties,
        pending_appeals=appeals,
    )


def rating_summary(*, subject) -> tuple[float | None, int]:
    """(average stars to one decimal, number of ratings) received by a worker or employer."""
    row = Rating.objects.filter(**subject_fields(subject)).aggregate(avg=Avg("stars"), n=Count("id"))
    return (round(row["avg"], 1) if row["avg"] is not None else None, row["n"])


def rating_summaries(*, workers=None, employers=None) -> dict[int, tuple[float, int]]:
    """Average and count for many cards at once: {id: (average, count)}; absent ids have no ratings."""
    field, ids = ("worker", workers) if workers is not None else ("employer", employers)
    rows = (
        Rating.objects.filter(**{f"{field}_id__in": list(ids)})
        .values(f"{field}_id")
        .annotate(avg=Avg("stars"), n=Count("id"))
    )
    return {r[f"{field}_id"]: (round(r["avg"], 1), r["n"]) for r in rows}


def _scores(field: str, ids, now: datetime | None) -> dict[int, float]:
    now = now or timezone.now()
    ids = list(ids)
    grouped: dict[int, list] = defaultdict(list)
    for row in (
        CreditEvent.objects.filter(
            **{f"{field}_id__in": ids},
            voided_at__isnull=True,
            occurred_at__lte=now,
            occurred_at__gte=now - timedelta(days=rules.MAX_AGE_DAYS),
        )
        .values_list(f"{field}_id", "kind", "weight", "occurred_at")
        .iterator()
    ):
        grouped[row[0]].append(rules.CreditFact(kind=row[1], weight=row[2], at=row[3]))
    return {i: rules.credit_score(grouped.get(i, ()), now).score / 100.0 for i in ids}


def credit_scores_for_workers(ids, now: datetime | None = None) -> dict[int, float]:
    """Reliability for the matching loader: {worker id: score in 0..1} (0.6 with no history)."""
    return _scores("worker", ids, now)


def credit_scores_for_employers(ids, now: datetime | None = None) -> dict[int, float]:
    """Employer credit for the matching loader: {employer id: score in 0..1} (0.6 with no history)."""
    return _scores("employer", ids, now)


def _honour_list(field: str, model, *, now: datetime | None, limit: int):
    now = now or timezone.now()
    candidate_ids = list(
        CreditEvent.objects.filter(kind=CreditKind.COMPLETED, voided_at__isnull=True, **{f"{field}__isnull": False})
        .values(f"{field}_id")
        .annotate(n=Count("id"))
        .filter(n__gte=HONOUR_MIN_COMPLETED)
        .values_list(f"{field}_id", flat=True)
    )
    scores = _scores(field, candidate_ids, now)
    top = [(i, s * 100) for i, s in scores.items() if rules.tier_for(s * 100) == HONOUR_TIER]
    top.sort(key=lambda pair: (-pair[1], pair[0]))
    top = top[:limit]
    objects = model.objects.in_bulk([i for i, _ in top])
    return [(objects[i], round(s, 1)) for i, s in top if i in objects]


def honour_list_workers(*, now: datetime | None = None, limit: int = 20):
    """金牌零工: workers in the top tier with at least three completed jobs, best first: [(worker, score)]."""
    return [(w, s) for w, s in _honour_list("worker", Worker, now=now, limit=limit * 2) if w.is_active][:limit]


def honour_list_employers(*, now: datetime | None = None, limit: int = 20):
    """诚信雇主: employers in the top tier with at least three completed placements: [(employer, score)]."""
    return _honour_list("employer", Employer, now=now, limit=limit)


def penalty_active_for_worker(*, worker, now: datetime | None = None) -> Penalty | None:
    now = now or timezone.now()
    return (
        Penalty.objects.filter(worker=worker, lifted_at__isnull=True, starts_at__lte=now, ends_at__gt=now)
        .order_by("-ends_at")
        .first()
    )


def appeal_list_for_staff(*, user, station=None):
    """Pending appeals this user may decide, the most urgent first."""
    if not getattr(user, "is_authenticated", False):
        raise NotAllowed()
    role_require(user, "appeal.decide", station_id=getattr(user, "station_id", None))
    appeals = Appeal.objects.filter(status=AppealStatus.PENDING).select_related("worker", "employer")
    if user.role == Role.STATION_STAFF and not user.is_superuser:
        appeals = appeals.filter(station_id=user.station_id)
    elif station is not None:
        appeals = appeals.filter(station=station)
    return appeals.order_by("due_at", "id")


def credit_event_of_worker(*, worker, event_id) -> CreditEvent:
    """One of the worker's own credit entries (to contest it), else not found."""
    event = CreditEvent.objects.filter(pk=id_from_input(event_id), worker=worker).first()
    if event is None:
        raise NotFound()
    return event


def penalty_of_worker(*, worker, penalty_id) -> Penalty:
    """One of the worker's own penalties (to contest it), else not found."""
    penalty = Penalty.objects.filter(pk=id_from_input(penalty_id), worker=worker).first()
    if penalty is None:
        raise NotFound()
    return penalty
