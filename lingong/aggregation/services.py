"""Imports from other platforms: sources, runs (each row on its own), duplicates, trade mapping.

A run reads a source's payload through its fetcher and adapter, then takes each row in its own
savepoint: a bad row is refused with its reason and never stops the others or leaves half a job.
A row is new (a job through `jobs.services.job_create`), updated (same source and id, changed),
unchanged, a duplicate of a job already shown (kept unpublished and linked to it), held (the
posting checks want staff to look first), refused, or closed (the source closed it).
Running the same payload twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lingong.accounts.selectors import role_require
from lingong.core.crypto import seal, unseal
from lingong.core.errors import ApplicationError, InvalidInput
from lingong.core.models import Channel
from lingong.core.services import event_record
from lingong.core.uscc import validate_uscc
from lingong.core.validation import ValidationProblem
from lingong.employers.models import Employer
from lingong.employers.services import employer_register
from lingong.jobs.models import Job, JobStatus
from lingong.jobs.services import (
    job_cancel,
    job_create,
    job_expire_from_source,
    job_publish,
    job_update_from_source,
)
from lingong.trades.models import JobType

from . import dedupe, trademap
from .adapters import FeedError, PostingRow, RowProblem, adapter_rows, mapping_problems
from .fetchers import FetchError, FileFetcher, HttpFetcher
from .models import (
    FetchKind,
    ImportedPosting,
    ImportRowResult,
    ImportRun,
    ImportSource,
    JobDuplicateLink,
    Platform,
    RowOutcome,
    RunStatus,
    TradeMappingReview,
    TradeMappingRule,
)

CREDENTIALS_SEAL_CONTEXT = "import_source_credentials"
CONFIDENCE_THRESHOLD = 0.75  # below it the trade is a guess that staff check (docs/aggregation.md)
LIVE_STATUSES = (JobStatus.OPEN, JobStatus.HELD, JobStatus.FILLED, JobStatus.IN_PROGRESS)
CLOSABLE_STATUSES = (JobStatus.DRAFT, JobStatus.HELD, JobStatus.OPEN, JobStatus.FILLED)


# ---- sources -------------------------------------------------------------------------------------


def _source_check(*, platform, fetch_kind, url, column_mapping, expiry_days, default_lat, default_lon) -> None:
    if platform not in Platform.values:
        raise InvalidInput(_("Please choose the platform."), code="invalid_platform", field="platform")
    if fetch_kind not in FetchKind.values:
        raise InvalidInput(_("Please choose how the postings arrive."), code="invalid_fetch_kind", field="fetch_kind")
    if fetch_kind == FetchKind.HTTP and not (url or "").startswith(("http://", "https://")):
        raise InvalidInput(_("Please give the feed's address (http or https)."), code="url_required", field="url")
    if platform == Platform.GENERIC and mapping_problems(column_mapping or {}):
        raise InvalidInput(
            _("The column mapping is not complete: %(problems)s")
            % {"problems": "; ".join(mapping_problems(column_mapping or {}))},
            code="invalid_mapping",
            field="column_mapping",
        )
    if not isinstance(expiry_days, int) or not 1 <= expiry_days <= 90:
        raise InvalidInput(_("An imported job stays open 1 to 90 days."), code="invalid_expiry", field="expiry_days")
    if default_lat is None or default_lon is None:
        raise InvalidInput(_("Please choose the place on the map."), code="invalid_point", field="default_lat")


@transaction.atomic
def source_save(
    *,
    actor,
    source: ImportSource | None = None,
    name: str,
    platform: str,
    fetch_kind: str,
    url: str = "",
    credentials: str = "",
    credentials_header: str = "Authorization",
    column_mapping: dict | None = None,
    expiry_days: int = 14,
    full_feed: bool = False,
    station=None,
    default_lat=None,
    default_lon=None,
    is_active: bool = True,
) -> ImportSource:
    """Set up (or change) a source; credentials left empty keep the ones saved before."""
    role_require(actor, "import.manage")
    name = (name or "").strip()
    if not name:
        raise InvalidInput(_("Please enter the name."), code="name_required", field="name")
    if station is not None and (default_lat is None or default_lon is None):
        default_lat, default_lon = station.lat, station.lon
    _source_check(
        platform=platform,
        fetch_kind=fetch_kind,
        url=url,
        column_mapping=column_mapping,
        expiry_days=expiry_days,
        default_lat=default_lat,
        default_lon=default_lon,
    )
    source = source or ImportSource(run_as=actor)
    source.name, source.platform, source.fetch_kind, source.url = name[:100], platform, fetch_kind, (url or "").strip()
    source.credentials_header = (credentials_header or "Authorization").strip()[:64]
    source.column_mapping = column_mapping or {}
    source.expiry_days, source.full_feed, source.is_active = expiry_days, bool(full_feed), bool(is_active)
    source.station, source.default_lat, source.default_lon = station, default_lat, default_lon
    if credentials:
        source.credentials_sealed = seal(credentials.strip(), purpose=CREDENTIALS_SEAL_CONTEXT)
    source.full_clean()
    source.save()
    event_record(subject=source, verb="import_source_change", actor=actor, channel=Channel.WEB)
    return source


def source_fetcher(source: ImportSource, *, upload: tuple[bytes, str] | None = None):
    if upload is not None:
        return FileFetcher(content=upload[0], name=upload[1])
    if source.fetch_kind != FetchKind.HTTP:
        raise InvalidInput(_("This source is a file: please choose the file."), code="file_required", field="file")
    credentials = (
        unseal(source.credentials_sealed, purpose=CREDENTIALS_SEAL_CONTEXT) if source.credentials_sealed else ""
    )
    return HttpFetcher(url=source.url, credentials=credentials, header=source.credentials_header)


# ---- trade mapping -------------------------------------------------------------------------------


def _trades() -> list[tuple[int, str, list[str]]]:
    return [
        (trade.pk, trade.csco_code, [trade.name_zh, *trademap.TRADE_SYNONYMS.get(trade.slug, ()), trade.csco_name])
        for trade in JobType.objects.filter(is_active=True).order_by("sort_order", "id")
    ]


def trade_for_title(title: str, category: str = "") -> tuple[JobType | None, trademap.TradeGuess]:
    """A remembered staff correction first; else the matcher on the title, then on the platform's category."""
    rule = TradeMappingRule.objects.filter(title_key=trademap.title_key(title)).select_related("job_type").first()
    if rule is not None:
        job_type = rule.job_type
        return job_type, trademap.TradeGuess(job_type.pk, job_type.csco_code, job_type.csco_name, 1.0, "rule")
    trades = _trades()
    guess = trademap.trade_guess(title, trades=trades)
    if category and guess.confidence < CONFIDENCE_THRESHOLD:
        by_category = trademap.trade_guess(category, trades=trades)
        if by_category.confidence >= CONFIDENCE_THRESHOLD:  # a vague category ("餐饮") never overrides
            guess = by_category
    job_type = JobType.objects.filter(pk=guess.trade_id).first() if guess.trade_id else None
    return job_type, guess


@transaction.atomic
def trade_mapping_correct(*, review: TradeMappingReview, job_type: JobType, actor) -> TradeMappingReview:
    """Staff set the trade of a title: the job changes, and the title is remembered for next time."""
    role_require(actor, "trade_mapping.review")
    review = TradeMappingReview.objects.select_for_update().get(pk=review.pk)
    if review.resolved_at is not None:
        return review
    key = trademap.title_key(review.title) or review.title[:100]
    TradeMappingRule.objects.update_or_create(title_key=key, defaults={"job_type": job_type, "created_by": actor})
    Job.objects.filter(pk=review.job_id).update(job_type=job_type, updated_at=timezone.now())
    review.resolved_at, review.resolved_by = timezone.now(), actor
    review.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
    event_record(
        subject=review.job,
        verb="trade_mapping_correct",
        actor=actor,
        channel=Channel.WEB,
        data={"title": review.title, "from": review.guessed_id, "to": job_type.pk},
    )
    return review


# ---- one row -------------------------------------------------------------------------------------


def _row_digest(row: PostingRow) -> str:
    fields = [
        row.title,
        row.description,
        row.headcount,
        row.pay_fen,
        row.pay_unit,
        row.start_date,
        row.end_date,
        row.start_time,
        row.end_time,
    ]
    return hashlib.sha256(json.dumps(fields, default=str, ensure_ascii=False).encode()).hexdigest()


def _employer_for(row: PostingRow, *, source: ImportSource, actor, lat, lon) -> Employer:
    """By credit code, else by exact name; an enterprise nobody knows yet is registered unverified."""
    uscc = ""
    if row.uscc:
        try:
            uscc = validate_uscc(row.uscc)
        except ValidationProblem as problem:
            raise InvalidInput(problem.message, code=problem.code, field="uscc") from None
        known = Employer.objects.filter(uscc=uscc).first()
        if known is not None:
            return known
    named = list(Employer.objects.filter(name=row.employer_name.strip())[:2])
    if len(named) == 1 and (not uscc or not named[0].uscc):
        return named[0]
    if not uscc:
        raise InvalidInput(
            _(
                "The employer is not known to Lingong and the posting gives no credit code: register the employer first."
            ),
            code="employer_unknown",
            field="employer",
        )
    return employer_register(
        kind=Employer.Kind.ENTERPRISE,
        name=row.employer_name,
        contact_name=row.contact_name or row.employer_name,
        contact_phone=row.contact_phone,
        address=row.address or row.area or row.employer_name,
        channel=Channel.IMPORT,
        actor=actor,
        uscc=uscc,
        lat=lat,
        lon=lon,
        station=source.station,
    )


def _duplicate_of(row: PostingRow, *, employer: Employer, job_type: JobType, lat, lon, start, end) -> Job | None:
    key = dedupe.key_from(
        uscc=employer.uscc,
        name=employer.name,
        trade=job_type.pk,
        address=row.address,
        lat=lat,
        lon=lon,
        start=start,
        end=end,
        pay_fen=row.pay_fen,
        pay_unit=row.pay_unit,
    )
    candidates = Job.objects.filter(
        employer=employer, status__in=LIVE_STATUSES, start_date__lte=end, end_date__gte=start, duplicate_of__isnull=True
    ).order_by("created_at", "id")
    for job in candidates:
        other = dedupe.key_from(
            uscc=employer.uscc,
            name=employer.name,
            trade=job.job_type_id,
            address=job.address,
            lat=job.lat,
            lon=job.lon,
            start=job.start_date,
            end=job.end_date,
            pay_fen=job.pay_fen,
            pay_unit=job.pay_unit,
        )
        if dedupe.postings_same(key, other):
            return job
    return None


def _posting_fields(row: PostingRow, *, start: date, end: date) -> dict:
    """What a platform's posting says of its job, as both a new job and a source's change take it."""
    return {
        "title": row.title,
        "description": row.description,
        "headcount": row.headcount,
        "pay_fen": row.pay_fen,
        "pay_unit": row.pay_unit,
        "start_date": start,
        "end_date": end,
        "start_time": row.start_time,
        "end_time": row.end_time,
    }


def _row_apply(*, row: PostingRow, run: ImportRun, source: ImportSource, actor, today: date):
    """(outcome, reason, job) for one readable row; an ApplicationError refuses it."""
    job = Job.objects.filter(source=source.platform, external_id=row.external_id).first()
    if row.closed:
        if job is not None and job.status in CLOSABLE_STATUSES:
            job_cancel(job=job, actor=actor, channel=Channel.IMPORT)
            return RowOutcome.CLOSED, "", job
        return RowOutcome.UNCHANGED, str(_("Closed at the source.")), job
    start, end = max(row.start_date, today), row.end_date
    if end < today:
        raise InvalidInput(_("The work is already over."), code="already_over", field="end_date")
    digest = _row_digest(row)
    if job is not None:
        posting = getattr(job, "imported", None)
        if posting is not None and posting.content_sha256 == digest:
            ImportedPosting.objects.filter(pk=posting.pk).update(last_seen_run=run)
            return RowOutcome.UNCHANGED, "", job
        if job.status not in CLOSABLE_STATUSES:
            return RowOutcome.UNCHANGED, str(_("The job can no longer be changed.")), job
        job_update_from_source(job=job, actor=actor, **_posting_fields(row, start=start, end=end))
        ImportedPosting.objects.filter(job=job).update(content_sha256=digest, last_seen_run=run)
        return RowOutcome.UPDATED, "", job
    if not row.title:
        raise InvalidInput(_("The posting has no title."), code="title_required", field="title")
    lat = row.lat if row.lat is not None else source.default_lat
    lon = row.lon if row.lon is not None else source.default_lon
    employer = _employer_for(row, source=source, actor=actor, lat=row.lat, lon=row.lon)
    job_type, guess = trade_for_title(row.title, row.category)
    if job_type is None:
        raise InvalidInput(_("No trade fits this title."), code="trade_unknown", field="title")
    duplicate = _duplicate_of(row, employer=employer, job_type=job_type, lat=lat, lon=lon, start=start, end=end)
    job = job_create(
        employer=employer,
        job_type=job_type,
        **_posting_fields(row, start=start, end=end),
        address=row.address or row.area or employer.address,
        lat=lat,
        lon=lon,
        actor=actor,
        channel=Channel.IMPORT,
        source=source.platform,
        external_id=row.external_id,
        station=source.station,
        publish=duplicate is None,
        today=today,
    )
    ImportedPosting.objects.create(
        job=job,
        source=source,
        platform=source.platform,
        contact_name=row.contact_name[:50],
        contact_phone=row.contact_phone[:20],
        expires_on=min(today + timedelta(days=source.expiry_days), end),
        content_sha256=digest,
        last_seen_run=run,
    )
    reason = ""
    if guess.via != "rule" and guess.confidence < CONFIDENCE_THRESHOLD:
        TradeMappingReview.objects.create(
            job=job,
            title=row.title,
            csco_code=guess.csco_code,
            csco_name=guess.csco_name[:100],
            confidence=round(guess.confidence, 3),
            guessed=job_type,
        )
        reason = str(_("The trade is a guess: staff will check it."))
    if duplicate is not None:
        JobDuplicateLink.objects.create(shown=duplicate, duplicate=job)
        return RowOutcome.DUPLICATE, str(_("Same job as no. %(id)s.") % {"id": duplicate.pk}), job
    job.refresh_from_db(fields=["status", "review_note"])
    if job.status == JobStatus.HELD:
        return RowOutcome.HELD, job.review_note, job
    return RowOutcome.NEW, reason, job


def duplicate_promote(*, job: Job) -> Job | None:
    """The shown job of a set of duplicates is gone: the first copy still live at its source is shown instead.

    The copies were kept as drafts (workers see one posting with every source); the promoted one is
    published through the same posting checks as any job, and the other copies now point to it.
    Returns the promoted job, or None when no copy can be shown.
    """
    today = timezone.localdate()
    links = list(
        JobDuplicateLink.objects.select_for_update(of=("self",))  # PostgreSQL locks no outer-joined row
        .filter(shown=job)
        .select_related("duplicate__imported__source__run_as")
        .order_by("created_at", "id")
    )
    for link in links:
        candidate = link.duplicate
        posting = getattr(candidate, "imported", None)
        if candidate.status != JobStatus.DRAFT or candidate.end_date < today:
            continue
        if posting is None or posting.expires_on < today:
            continue
        try:
            with transaction.atomic():
                link.delete()
                JobDuplicateLink.objects.filter(shown=job).update(shown=candidate)
                job_publish(job=candidate, actor=posting.source.run_as, channel=Channel.IMPORT)
        except ApplicationError:
            continue  # refused by the posting checks: the next copy, if any
        return candidate
    return None


# ---- a run ---------------------------------------------------------------------------------------

_COUNTERS = {
    RowOutcome.NEW: "new",
    RowOutcome.UPDATED: "updated",
    RowOutcome.UNCHANGED: "unchanged",
    RowOutcome.DUPLICATE: "duplicates",
    RowOutcome.HELD: "held",
    RowOutcome.REFUSED: "refused",
    RowOutcome.CLOSED: "closed",
}


def _result_add(run: ImportRun, *, number: int, external_id: str, title: str, outcome: str, reason: str, job=None):
    ImportRowResult.objects.create(
        run=run,
        row_number=number,
        external_id=external_id[:64],
        title=title[:100],
        outcome=outcome,
        reason=str(reason)[:300],
        job=job,
    )
    setattr(run, _COUNTERS[outcome], getattr(run, _COUNTERS[outcome]) + 1)


@transaction.atomic
def import_run(
    *,
    source: ImportSource,
    actor,
    upload: tuple[bytes, str] | None = None,
    trigger: str = "staff",
    today: date | None = None,
) -> ImportRun:
    """Read the source once (or the file staff uploaded) and take each row on its own."""
    role_require(actor, "import.manage" if trigger == "staff" else "job.change")
    today = today or timezone.localdate()
    run = ImportRun.objects.create(source=source, trigger=trigger, actor=actor if trigger == "staff" else None)
    try:
        payload = source_fetcher(source, upload=upload).fetch()
        rows = adapter_rows(source.platform, payload.content, mapping=source.column_mapping, file_name=payload.name)
    except (FetchError, FeedError) as error:
        run.status, run.failure, run.finished_at = RunStatus.FAILED, str(error)[:300], timezone.now()
        run.save()
        event_record(subject=run, verb="import_run", actor=actor, to_state=run.status, channel=Channel.IMPORT)
        return run
    run.file_name, run.payload_sha256 = payload.name, hashlib.sha256(payload.content).hexdigest()
    seen: set[str] = set()
    for row in rows:
        run.read += 1
        if isinstance(row, RowProblem):
            reason = _("This row cannot be read: %(problem)s") % {"problem": row.reason}
            _result_add(
                run,
                number=row.row_number,
                external_id=row.external_id,
                title=row.title,
                outcome=RowOutcome.REFUSED,
                reason=reason,
            )
            continue
        seen.add(row.external_id)
        try:
            with transaction.atomic():  # one row, one savepoint: a refusal undoes that row only
                outcome, reason, job = _row_apply(row=row, run=run, source=source, actor=actor, today=today)
        except ApplicationError as error:
            outcome, reason, job = RowOutcome.REFUSED, str(error.message), None
        _result_add(
            run,
            number=row.row_number,
            external_id=row.external_id,
            title=row.title,
            outcome=outcome,
            reason=reason,
            job=job,
        )
    if source.full_feed:
        _missing_close(run=run, source=source, actor=actor, seen=seen)
    run.status, run.finished_at = RunStatus.DONE, timezone.now()
    run.save()
    event_record(
        subject=run,
        verb="import_run",
        actor=actor,
        to_state=run.status,
        channel=Channel.IMPORT,
        data={name: getattr(run, name) for name in ("read", "new", "updated", "duplicates", "held", "refused")},
    )
    return run


def _missing_close(*, run: ImportRun, source: ImportSource, actor, seen: set[str]) -> None:
    """A full feed lists every open posting: one of ours that it no longer lists was closed there."""
    missing = (
        ImportedPosting.objects.filter(source=source, job__status__in=CLOSABLE_STATUSES)
        .exclude(job__external_id__in=seen)
        .select_related("job")
    )
    for posting in missing:
        try:
            with transaction.atomic():
                job_cancel(job=posting.job, actor=actor, channel=Channel.IMPORT)
        except ApplicationError as error:
            reason = str(error.message)
            outcome = RowOutcome.REFUSED
        else:
            reason, outcome = str(_("No longer in the platform's feed.")), RowOutcome.CLOSED
        _result_add(
            run,
            number=0,
            external_id=posting.job.external_id or "",
            title=posting.job.title,
            outcome=outcome,
            reason=reason,
            job=posting.job,
        )


def imported_expire_due(*, today: date | None = None) -> int:
    """Imported jobs whose source's set days are over lapse (each on its own); returns how many."""
    today = today or timezone.localdate()
    expired = 0
    due = ImportedPosting.objects.filter(expires_on__lt=today, job__status__in=(JobStatus.OPEN, JobStatus.HELD))
    for posting in due.select_related("job", "source__run_as"):
        try:
            with transaction.atomic():
                job_expire_from_source(job=posting.job, actor=posting.source.run_as)
        except ApplicationError:
            continue
        expired += 1
    return expired


def sources_run_scheduled(*, today: date | None = None) -> list[int]:
    """Every active HTTP source, once; a source that fails is recorded as failed and the others run."""
    runs = []
    for source in ImportSource.objects.filter(is_active=True, fetch_kind=FetchKind.HTTP).select_related("run_as"):
        runs.append(import_run(source=source, actor=source.run_as, trigger="schedule", today=today).pk)
    return runs
