"""Reads of the imports: who may see the sources, the runs' reports, the trade queue; what workers see."""

from __future__ import annotations

from django.db.models import QuerySet

from lingong.accounts.selectors import role_require
from lingong.core.errors import NotFound
from lingong.jobs.models import Job

from .models import ImportedPosting, ImportRowResult, ImportRun, ImportSource, Platform, TradeMappingReview


def source_list(*, user) -> QuerySet[ImportSource]:
    role_require(user, "import.view")
    return ImportSource.objects.select_related("station").order_by("name", "id")


def access_source(*, user, source_id: int) -> ImportSource:
    role_require(user, "import.view")
    source = ImportSource.objects.filter(pk=source_id).first()
    if source is None:
        raise NotFound()
    return source


def run_list(*, user, source: ImportSource | None = None, limit: int = 30) -> list[ImportRun]:
    role_require(user, "import.view")
    runs = ImportRun.objects.select_related("source")
    if source is not None:
        runs = runs.filter(source=source)
    return list(runs.order_by("-started_at", "-id")[:limit])


def access_run(*, user, run_id: int) -> tuple[ImportRun, QuerySet[ImportRowResult]]:
    role_require(user, "import.view")
    run = ImportRun.objects.select_related("source").filter(pk=run_id).first()
    if run is None:
        raise NotFound()
    return run, run.rows.select_related("job").order_by("row_number", "id")


def trade_review_list(*, user) -> QuerySet[TradeMappingReview]:
    role_require(user, "trade_mapping.review")
    return TradeMappingReview.objects.filter(resolved_at__isnull=True).select_related("job", "guessed")


def access_trade_review(*, user, review_id: int) -> TradeMappingReview:
    role_require(user, "trade_mapping.review")
    review = TradeMappingReview.objects.select_related("job").filter(pk=review_id).first()
    if review is None:
        raise NotFound()
    return review


def job_import_info(*, job: Job) -> dict | None:
    """For the worker's job page: where an imported job came from, every platform showing it, and how
    to reach an employer who has no Lingong account (None for a local job)."""
    posting = ImportedPosting.objects.filter(job=job).first()
    duplicates = list(
        ImportedPosting.objects.filter(job__duplicate_of__shown=job).values_list("platform", flat=True).distinct()
    )
    if posting is None and not duplicates:
        return None
    platforms = ([posting.platform] if posting else []) + [
        p for p in duplicates if not posting or p != posting.platform
    ]
    return {
        "platforms": [str(Platform(platform).label) for platform in platforms],
        "employer_on_lingong": job.employer.user_id is not None,
        "contact_name": posting.contact_name if posting else "",
        "contact_phone": posting.contact_phone if posting else "",
    }
