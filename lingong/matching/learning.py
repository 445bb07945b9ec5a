"""Learning what workers accept (docs/matching.md, "Learning what workers accept").

Every job shown or proposed to a worker is an `Exposure` with the engine's view of the pair at that moment (the
acceptance features, the score, the estimated probability, the model version). What came of it is derived from
the applications afterwards (`exposure_answers_settle`), except "opened", which only the detail views know.
The nightly `acceptance_model_train` turns answered exposures into labels, fits the acceptance model, measures
it on the last week it did not see, and makes it the one in use; the loader hands it to every process's index.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from lingong.core.models import Event
from lingong.jobs.models import Application, ApplicationOrigin, ApplicationStatus, Job
from lingong.workers.models import Worker

from . import query
from .acceptance import FEATURES, evaluate_acceptance, features_for_pairs, fit_acceptance, hit_rate_at_k
from .loader import match_index_read
from .models import AcceptanceModelVersion, Exposure, ExposureAnswer, ExposureSurface
from .selectors import Match, jobs_for_worker, workers_for_job

logger = logging.getLogger(__name__)

# An answer counts for an exposure when it comes within this time after the list was shown.
ANSWER_WINDOW = timedelta(hours=48)
TRAIN_DAYS = 60  # exposures older than this are not trained on
HELD_OUT_DAYS = 7  # the last week is kept out of the fit that is measured
MIN_ANSWERS = 200  # below this (or with one kind of answer only), the declared profile stays in use
HIT_RATE_K = 10
# The same list shown again within this time is one showing, recorded once: a kiosk's home drawn again after each
# tap, an employer reloading a job's candidates. Counting it again would only add copies of the same observation.
LIST_REPEAT_WITHIN = timedelta(minutes=10)

LIST_SURFACES = (ExposureSurface.KIOSK, ExposureSurface.APP, ExposureSurface.WINDOW, ExposureSurface.API)
PROPOSAL_SURFACES = (ExposureSurface.DISPATCH, ExposureSurface.STANDBY, ExposureSurface.FAST_CHANNEL)
# Answers still open to change: a later, stronger answer (applied after opened) replaces them.
UNSETTLED = (ExposureAnswer.NONE, ExposureAnswer.OPENED)
YES_ANSWERS = (ExposureAnswer.APPLIED, ExposureAnswer.ACCEPTED)
NO_ANSWERS = (ExposureAnswer.DECLINED, ExposureAnswer.IGNORED)


@dataclass(frozen=True)
class Shown:
    """One pair put in front of someone; `score` None: the engine's score of the pair now (a proposal)."""

    job_id: int
    worker_id: int
    score: float | None = None


# --- recording what was shown -------------------------------------------------------------------------------------


def exposures_record(
    *, shown: Sequence[Shown], surface: str, now: datetime, answered: Collection[tuple[int, int]] | None = None
) -> int:
    """One `Exposure` per pair, in one list (one `list_key`), ranked as shown (1 = first); returns how many.

    In a list, pairs that already have an application are left out: the person's yes or no is known already,
    the list teaches nothing about it (a proposal is recorded with its application). `answered` gives those
    (worker id, job id) pairs when the caller has just read them; otherwise they are read here. A pair the
    index no longer holds (closed since) is kept without features; the trainer skips it. A list recorded less
    than `LIST_REPEAT_WITHIN` before, the same pairs at the same ranks, is not recorded again (0).
    """
    if not shown:
        return 0
    if surface in PROPOSAL_SURFACES:
        answered = ()
    elif answered is None:
        answered = set(
            Application.objects.filter(
                worker_id__in={s.worker_id for s in shown}, job_id__in={s.job_id for s in shown}
            ).values_list("worker_id", "job_id")
        )
    ranked = [(rank, s) for rank, s in enumerate(shown, start=1) if (s.worker_id, s.job_id) not in answered]
    if not ranked:
        return 0
    repeat_key = None if surface in PROPOSAL_SURFACES else _list_repeat_key(surface, ranked)
    if repeat_key is not None and _list_shown_lately(repeat_key, now):
        return 0
    features: dict[int, list[float]] = {}
    scores: dict[int, float] = {}
    probabilities: dict[int, float] = {}
    version = ""
    with match_index_read(now=now) as index:
        known = [
            (i, index.jobs.row_of[s.job_id], index.workers.row_of[s.worker_id])
            for i, (_rank, s) in enumerate(ranked)
            if s.job_id in index.jobs.row_of and s.worker_id in index.workers.row_of
        ]
        if known:
            at = np.array([i for i, _j, _w in known])
            job_rows = np.array([j for _i, j, _w in known], dtype=np.int64)
            worker_rows = np.array([w for _i, _j, w in known], dtype=np.int64)
            matrix = features_for_pairs(index, job_rows, worker_rows, now=now)
            for i, row in zip(at.tolist(), matrix.tolist(), strict=True):
                features[i] = row
            for i, job_row, worker_row in known:
                if ranked[i][1].score is None:
                    scores[i] = query.explain_pair(index, job_row, worker_row, now=now, audience="worker")[1]
            estimator = index.acceptance
            if estimator is not None:
                version = estimator.version
                p = estimator.probability(matrix, index.jobs.ids[job_rows], index.workers.ids[worker_rows])
                probabilities = dict(zip(at.tolist(), p.tolist(), strict=True))
    list_key = uuid.uuid4().hex
    Exposure.objects.bulk_create(
        [
            Exposure(
                worker_id=s.worker_id,
                job_id=s.job_id,
                surface=surface,
                list_key=list_key,
                rank=rank,
                shown_at=now,
                features=features.get(i, []),
                score=float(s.score if s.score is not None else scores.get(i, 0.0)),
                probability=probabilities.get(i),
                model_version=version,
            )
            for i, (rank, s) in enumerate(ranked)
        ]
    )
    if repeat_key is not None:  # once the rows are there: a list whose rows were rolled back is recorded next time
        transaction.on_commit(
            lambda: cache.set(repeat_key, now.timestamp(), timeout=LIST_REPEAT_WITHIN.total_seconds())
        )
    return len(ranked)


def _list_repeat_key(surface: str, ranked: Sequence[tuple[int, Shown]]) -> str:
    """The same pairs at the same ranks on the same surface: the same list."""
    pairs = ",".join(f"{rank}:{s.worker_id}:{s.job_id}" for rank, s in ranked)
    return f"exposure-list:{surface}:{hashlib.blake2b(pairs.encode(), digest_size=16).hexdigest()}"


def _list_shown_lately(repeat_key: str, now: datetime) -> bool:
    """Recorded less than `LIST_REPEAT_WITHIN` before `now`. The time is the recording's own, not the cache's
    expiry, so a clock set back or forward (a test's, a replay's) is judged by the same rule."""
    shown_at = cache.get(repeat_key)
    return shown_at is not None and 0 <= now.timestamp() - shown_at < LIST_REPEAT_WITHIN.total_seconds()


def jobs_shown_to_worker(
    *,
    worker: Worker,
    surface: str,
    limit: int = 10,
    include_pending: bool = False,
    now: datetime | None = None,
    job_columns: Sequence[str] = (),
) -> list[Match]:
    """`jobs_for_worker`, with the list recorded as shown on `surface` (a kiosk, the worker app, a window …)."""
    now = now or timezone.now()
    matches = jobs_for_worker(
        worker=worker, limit=limit, now=now, include_pending=include_pending, job_columns=job_columns
    )
    exposures_record(
        shown=[Shown(m.job.pk, worker.pk, m.score) for m in matches],
        surface=surface,
        now=now,
        answered={(worker.pk, m.job.pk) for m in matches if m.applied},
    )
    return matches


def workers_shown_to_employer(
    *,
    job: Job,
    limit: int = 20,
    now: datetime | None = None,
    worker_columns: Sequence[str] = (),
    proposed: Collection[int] | None = None,
) -> list[Match]:
    """`workers_for_job`, with the candidate list recorded as shown to the job's employer."""
    now = now or timezone.now()
    matches = workers_for_job(job=job, limit=limit, now=now, worker_columns=worker_columns, proposed=proposed)
    exposures_record(
        shown=[Shown(job.pk, m.worker.pk, m.score) for m in matches],
        surface=ExposureSurface.EMPLOYER_LIST,
        now=now,
        answered=(),  # workers_for_job leaves out every worker with an application for the job
    )
    return matches


def exposure_proposal_record(*, application: Application, surface: str, now: datetime | None = None) -> int:
    """A proposal made by matching (dispatch, standby, fast channel): one exposure, its answer comes later."""
    return exposures_record(
        shown=[Shown(application.job_id, application.worker_id)], surface=surface, now=now or timezone.now()
    )


def exposure_opened_record(*, worker: Worker, job: Job, now: datetime | None = None) -> int:
    """The worker opened (or listened to) a job they were shown lately: their own exposures of it only."""
    now = now or timezone.now()
    return Exposure.objects.filter(
        worker=worker,
        job=job,
        surface__in=LIST_SURFACES,
        answer=ExposureAnswer.NONE,
        shown_at__gte=now - ANSWER_WINDOW,
        shown_at__lte=now,
    ).update(answer=ExposureAnswer.OPENED, answered_at=now)


# --- answers, from the applications ---------------------------------------------------------------------------------


@dataclass
class _Sides:
    """When each side of one application said yes or no (from its timeline)."""

    origin: str
    status: str
    updated_at: datetime
    worker_yes: datetime | None = None
    worker_no: datetime | None = None
    employer_yes: datetime | None = None
    employer_no: datetime | None = None


_SIDE_VERBS = (
    "application_accept_worker",
    "application_decline_worker",
    "application_accept_employer",
    "application_decline_employer",
    "application_place",
)


def _sides_of(applications: Iterable[tuple[int, int, int, str, str, datetime]]) -> dict[tuple[int, int], _Sides]:
    """(worker, job) → the sides' answers. A placement is the last yes: whichever side had not said it yet."""
    by_id: dict[int, tuple[tuple[int, int], _Sides]] = {
        pk: ((worker_id, job_id), _Sides(origin, status, updated_at))
        for pk, worker_id, job_id, origin, status, updated_at in applications
    }
    kind = ContentType.objects.get_for_model(Application)
    ids = [str(pk) for pk in by_id]
    for start in range(0, len(ids), 1000):
        events = (
            Event.objects.filter(subject_type=kind, subject_id__in=ids[start : start + 1000], verb__in=_SIDE_VERBS)
            .order_by("created_at", "id")
            .values_list("subject_id", "verb", "created_at")
        )
        for subject_id, verb, at in events:
            sides = by_id[int(subject_id)][1]
            if verb == "application_accept_worker":
                sides.worker_yes = sides.worker_yes or at
            elif verb == "application_decline_worker":
                sides.worker_no = sides.worker_no or at
            elif verb == "application_accept_employer":
                sides.employer_yes = sides.employer_yes or at
            elif verb == "application_decline_employer":
                sides.employer_no = sides.employer_no or at
            elif sides.worker_yes is None:
                sides.worker_yes = at
            else:
                sides.employer_yes = sides.employer_yes or at
    return dict(by_id.values())


def _within(at: datetime | None, shown_at: datetime) -> bool:
    return at is not None and shown_at <= at <= shown_at + ANSWER_WINDOW


def _answer_for(surface: str, shown_at: datetime, sides: _Sides) -> tuple[str, datetime] | None:
    """The answer an exposure gets from its pair's application, or None (not known, or not this exposure's)."""
    if surface in PROPOSAL_SURFACES:
        if sides.worker_yes is not None:
            return ExposureAnswer.ACCEPTED, sides.worker_yes
        if sides.worker_no is not None:
            return ExposureAnswer.DECLINED, sides.worker_no
        if sides.status == ApplicationStatus.EXPIRED:
            return ExposureAnswer.IGNORED, sides.updated_at
        return None
    if surface == ExposureSurface.EMPLOYER_LIST:
        if _within(sides.employer_yes, shown_at):
            return ExposureAnswer.CHOSEN, sides.employer_yes
        if _within(sides.employer_no, shown_at):
            return ExposureAnswer.PASSED_OVER, sides.employer_no
        return None
    if _within(sides.worker_yes, shown_at):
        applied = sides.origin == ApplicationOrigin.WORKER
        return (ExposureAnswer.APPLIED if applied else ExposureAnswer.ACCEPTED), sides.worker_yes
    if _within(sides.worker_no, shown_at):
        return ExposureAnswer.DECLINED, sides.worker_no
    return None


def exposure_answers_settle(*, now: datetime) -> int:
    """Give unanswered exposures of the last TRAIN_DAYS the answer their (worker, job) application holds.

    One place for every answer but "opened": a worker applied, or accepted or declined a proposal, an employer
    chose or passed over a candidate, a proposal expired unanswered. Returns how many exposures changed; a
    second run changes nothing. An answer only ever comes from the pair's own application.
    """
    since = now - timedelta(days=TRAIN_DAYS)
    # Only exposures whose pair has an application can change (the (job, worker) unique index finds it).
    pending = list(
        Exposure.objects.filter(shown_at__gte=since, answer__in=UNSETTLED)
        .filter(Exists(Application.objects.filter(worker_id=OuterRef("worker_id"), job_id=OuterRef("job_id"))))
        .order_by()
        .values_list("pk", "worker_id", "job_id", "surface", "shown_at", "answer")
    )
    changed: list[Exposure] = []
    for start in range(0, len(pending), 500):
        chunk = pending[start : start + 500]
        applications = (
            Application.objects.filter(
                worker_id__in={w for _pk, w, _j, _s, _at, _a in chunk},
                job_id__in={j for _pk, _w, j, _s, _at, _a in chunk},
            )
            .order_by()
            .values_list("pk", "worker_id", "job_id", "origin", "status", "updated_at")
        )
        sides = _sides_of(applications)
        for pk, worker_id, job_id, surface, shown_at, answer in chunk:
            pair = sides.get((worker_id, job_id))
            found = _answer_for(surface, shown_at, pair) if pair is not None else None
            if found is not None and found[0] != answer:
                changed.append(Exposure(pk=pk, answer=found[0], answered_at=found[1]))
    Exposure.objects.bulk_update(changed, ["answer", "answered_at"], batch_size=1000)
    return len(changed)


# --- labels --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Labelled:
    """One training example: the exposure the label rests on, and the label (1 accepted, 0 not)."""

    exposure_id: int
    worker_id: int
    job_id: int
    shown_at: datetime
    features: list[float]
    score: float
    list_key: str
    label: int


def exposure_labels(rows: Iterable[dict], *, now: datetime, answered_lists: set[str] | None = None) -> list[Labelled]:
    """The training labels (docs/matching.md, "Learning what workers accept").

    Proposals and offers: accepted 1; declined or not answered in time 0; no answer yet: not used.
    Lists: applied (or accepted) 1; a declined job 0; shown in a list where the worker applied to nothing
    (once the answer window is over) 0; shown in a list where the worker applied to another job: not used
    (censored: we only know it ranked lower for them). An employer's candidate list: not used (it is the
    employer's choice, not the worker's). A pair shown many times counts once: its yes if any, else its
    latest no. Rows: dicts with the Exposure's fields (id, worker_id, job_id, surface, list_key, shown_at,
    features, score, answer). With `answered_lists` (the lists with a yes) given, the rows are read once, in
    the order given, which must be by time (the trainer streams them); otherwise they are gathered and sorted.
    """
    if answered_lists is None:
        rows = sorted(rows, key=lambda r: (r["shown_at"], r["id"]))
        answered_lists = {
            r["list_key"]
            for r in rows
            if r["surface"] in LIST_SURFACES and r["answer"] in YES_ANSWERS and r["list_key"]
        }
    labels: dict[tuple[str, int, int], Labelled] = {}
    for r in rows:
        if len(r["features"]) != len(FEATURES):
            continue
        label = _label(r, answered_lists=answered_lists, now=now)
        if label is None:
            continue
        kind = "proposal" if r["surface"] in PROPOSAL_SURFACES else "list"
        key = (kind, r["worker_id"], r["job_id"])
        if key in labels and labels[key].label == 1 and label == 0:
            continue  # a yes stands against an earlier or later no for the same pair
        labels[key] = Labelled(
            r["id"], r["worker_id"], r["job_id"], r["shown_at"], r["features"], r["score"], r["list_key"], label
        )
    return sorted(labels.values(), key=lambda x: (x.shown_at, x.exposure_id))


def _label(row: dict, *, answered_lists: set[str], now: datetime) -> int | None:
    surface, answer = row["surface"], row["answer"]
    if surface in PROPOSAL_SURFACES:
        if answer == ExposureAnswer.ACCEPTED:
            return 1
        return 0 if answer in NO_ANSWERS else None
    if surface not in LIST_SURFACES:
        return None
    if answer in YES_ANSWERS:
        return 1
    if answer == ExposureAnswer.DECLINED:
        return 0
    if row["list_key"] in answered_lists:
        return None  # censored: the worker took another job from this list
    return 0 if row["shown_at"] <= now - ANSWER_WINDOW else None


# --- training -----------------------------------------------------------------------------------------------------


def _model_version_name(*, now: datetime, answers: int) -> str:
    return f"{timezone.localtime(now):%Y-%m-%dT%H:%M}#{answers}"


def _arrays(examples: Sequence[Labelled]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X = np.array([e.features for e in examples], dtype=np.float64).reshape(len(examples), len(FEATURES))
    y = np.array([e.label for e in examples], dtype=np.float64)
    workers = np.array([e.worker_id for e in examples], dtype=np.int64)
    return X, y, workers


def _hit_rates(model, held_out: Sequence[Labelled]) -> dict:
    """Of the held-out lists where the worker applied: how often the applied job is in the model's first k
    (the list ordered by P × score, as lists are ranked), and in the first 3 as it was shown."""
    chosen_by_list = {e.list_key: e.job_id for e in held_out if e.label == 1 and e.list_key}
    members: dict[str, list[dict]] = defaultdict(list)
    keys = sorted(chosen_by_list)
    for start in range(0, len(keys), 500):
        for r in Exposure.objects.filter(list_key__in=keys[start : start + 500]).values(
            "list_key", "job_id", "worker_id", "rank", "features", "score"
        ):
            if len(r["features"]) == len(FEATURES):
                members[r["list_key"]].append(r)
    by_model, as_shown, chosen = [], [], []
    for key, shown in members.items():
        X = np.array([r["features"] for r in shown], dtype=np.float64)
        jobs = np.array([r["job_id"] for r in shown], dtype=np.int64)
        workers = np.array([r["worker_id"] for r in shown], dtype=np.int64)
        value = model.probability(X, jobs, workers) * np.array([r["score"] for r in shown])
        by_model.append(jobs[np.argsort(-value, kind="stable")])
        as_shown.append(jobs[np.argsort([r["rank"] for r in shown], kind="stable")])
        chosen.append(chosen_by_list[key])
    return {
        "lists": len(chosen),
        f"hit_rate_at_{HIT_RATE_K}": hit_rate_at_k(by_model, chosen, k=HIT_RATE_K) if chosen else None,
        "hit_rate_at_3": hit_rate_at_k(by_model, chosen, k=3) if chosen else None,
        "hit_rate_at_3_as_shown": hit_rate_at_k(as_shown, chosen, k=3) if chosen else None,
    }


def _held_out_metrics(examples: Sequence[Labelled], *, now: datetime) -> dict:
    """Fit on everything before the last HELD_OUT_DAYS, measure on those days (a split in time, as it is used)."""
    cut = now - timedelta(days=HELD_OUT_DAYS)
    fit_on = [e for e in examples if e.shown_at < cut]
    held_out = [e for e in examples if e.shown_at >= cut]
    if not held_out or len({e.label for e in fit_on}) < 2:
        return {"n": len(held_out), "note": "no held-out week to measure on"}
    X, y, workers = _arrays(fit_on)
    model = fit_acceptance(X, y, workers, version="held-out")
    Xh, yh, workers_h = _arrays(held_out)
    jobs_h = np.array([e.job_id for e in held_out], dtype=np.int64)
    metrics = dict(evaluate_acceptance(model, Xh, yh, workers_h, job_ids=jobs_h))
    metrics.update(_hit_rates(model, held_out))
    metrics["fitted_on"] = len(fit_on)
    return metrics


def _training_examples(*, now: datetime) -> list[Labelled]:
    """The labels of the last TRAIN_DAYS, the exposures streamed in time order (a district's two months of
    lists are millions of rows: only one example per pair is kept)."""
    recent = Exposure.objects.filter(shown_at__gte=now - timedelta(days=TRAIN_DAYS), shown_at__lte=now).exclude(
        surface=ExposureSurface.EMPLOYER_LIST
    )
    answered_lists = set(
        recent.filter(surface__in=LIST_SURFACES, answer__in=YES_ANSWERS)
        .exclude(list_key="")
        .values_list("list_key", flat=True)
        .distinct()
    )
    rows = (
        recent.order_by("shown_at", "id")
        .values("id", "worker_id", "job_id", "surface", "list_key", "shown_at", "features", "score", "answer")
        .iterator(chunk_size=5000)
    )
    return exposure_labels(rows, now=now, answered_lists=answered_lists)


def acceptance_model_train(*, now: datetime) -> AcceptanceModelVersion | None:
    """Settle the answers, train the acceptance model on the last TRAIN_DAYS and put it in use.

    Metrics come from a fit that did not see the last HELD_OUT_DAYS, measured on them; the model kept is then
    fitted on everything. With fewer than MIN_ANSWERS labels, or one kind of answer only, nothing changes: the
    model in use stays (the declared profile when none was ever trained). A second run at the same minute on the
    same answers changes nothing (same version). Returns the version in use after the run, or None.
    """
    settled = exposure_answers_settle(now=now)
    examples = _training_examples(now=now)
    positives = sum(e.label for e in examples)
    if len(examples) < MIN_ANSWERS or positives in (0, len(examples)):
        logger.info(
            "acceptance model not trained: %d answers (%d yes), at least %d of both kinds needed; the model in use stays",
            len(examples),
            positives,
            MIN_ANSWERS,
            extra={"event": "acceptance_model_skipped", "answers": len(examples), "positives": positives},
        )
        return AcceptanceModelVersion.objects.filter(active=True).first()
    version = _model_version_name(now=now, answers=len(examples))
    existing = AcceptanceModelVersion.objects.filter(version=version).first()
    if existing is not None:
        return existing
    metrics = _held_out_metrics(examples, now=now)
    X, y, workers = _arrays(examples)
    fitted = fit_acceptance(X, y, workers, version=version)
    model = replace(fitted, metrics={**fitted.metrics, "held_out": metrics})
    stored = _model_version_activate(
        AcceptanceModelVersion(
            version=version, trained_at=now, answers=len(examples), model=model.to_json(), metrics=metrics
        )
    )
    logger.info(
        "acceptance model %s trained on %d answers (%d yes, %d settled tonight); held out: auc %s, hit rate at %d %s",
        version,
        len(examples),
        positives,
        settled,
        metrics.get("auc"),
        HIT_RATE_K,
        metrics.get(f"hit_rate_at_{HIT_RATE_K}"),
        extra={
            "event": "acceptance_model_trained",
            "model_version": version,
            "answers": len(examples),
            "positives": positives,
            "settled": settled,
            "metrics": {k: v for k, v in metrics.items() if k != "calibration"},
        },
    )
    return stored


@transaction.atomic
def _model_version_activate(candidate: AcceptanceModelVersion) -> AcceptanceModelVersion:
    """Store a version and make it the only one in use. Every version row is locked first, so two switches
    run one after the other (the second then sees the first's version and retires it)."""
    list(AcceptanceModelVersion.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
    AcceptanceModelVersion.objects.filter(active=True).update(active=False)
    candidate.active = True
    candidate.full_clean()
    candidate.save()
    return candidate
