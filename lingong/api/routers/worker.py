"""The worker's side of the app: profile, recommendations, applications, placements."""

from django.utils.translation import gettext_lazy as _
from ninja import Path, Query, Router
from ninja.pagination import paginate

from lingong.core.errors import InvalidInput
from lingong.jobs.selectors import (
    access_application_for_worker,
    access_job,
    application_list_for_worker,
    placement_list_for_worker,
)
from lingong.jobs.services import application_accept, application_create, application_decline, application_withdraw
from lingong.matching.learning import jobs_shown_to_worker
from lingong.matching.models import ExposureSurface
from lingong.trades.selectors import job_type_list_active
from lingong.workers.services import TradeSkill, worker_availability_set, worker_profile_update, worker_trades_set

from ..auth import worker_auth
from ..idempotency import idempotent
from ..pagination import Pagination
from ..schemas import (
    ID_MAX,
    ApplicationOut,
    ApplyIn,
    AvailabilityIn,
    DataRequestOut,
    DataSectionOut,
    DeclineIn,
    ErrorOut,
    JobMatchOut,
    PlacementOut,
    WorkerOut,
    WorkerProfileIn,
    WorkerTradesIn,
)
from . import privacy

router = Router(tags=["worker"], auth=worker_auth)
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
APP = "app"


@router.get("/profile", response={200: WorkerOut, **ERRORS})
def profile(request):
    return request.worker


@router.patch("/profile", response={200: WorkerOut, **ERRORS})
@idempotent
def profile_update(request, payload: WorkerProfileIn):
    """Change the fields sent; identity and phone are changed at a station."""
    worker = worker_profile_update(
        worker=request.worker, actor=request.auth, channel=APP, **payload.dict(exclude_unset=True)
    )
    return WorkerOut.from_orm(worker)


@router.put("/profile/trades", response={200: WorkerOut, **ERRORS})
@idempotent
def trades_set(request, payload: WorkerTradesIn):
    """Replace the worker's trades (slugs from GET /trades) and levels 1–5."""
    known = {t.slug: t for t in job_type_list_active().filter(slug__in=[s.trade for s in payload.trades])}
    missing = [s.trade for s in payload.trades if s.trade not in known]
    if missing:
        raise InvalidInput(_("Unknown trade."), code="invalid_trade", field="trades")
    skills = [TradeSkill(known[s.trade], level=s.level) for s in payload.trades]
    worker = worker_trades_set(worker=request.worker, trades=skills, actor=request.auth, channel=APP)
    return WorkerOut.from_orm(worker)


@router.put("/profile/availability", response={200: WorkerOut, **ERRORS})
@idempotent
def availability_set(request, payload: AvailabilityIn):
    worker = worker_availability_set(
        worker=request.worker, availability_mask=payload.availability_mask, actor=request.auth, channel=APP
    )
    return WorkerOut.from_orm(worker)


@router.get("/recommendations", response={200: list[JobMatchOut], **ERRORS})
def recommendations(request, limit: int = Query(10, ge=1, le=50)):
    """Open jobs that fit the worker, best first, with the reasons."""
    return jobs_shown_to_worker(worker=request.worker, surface=ExposureSurface.API, limit=limit)


@router.get("/applications", response={200: list[ApplicationOut], **ERRORS})
@paginate(Pagination)
def applications(request):
    return application_list_for_worker(worker=request.worker).select_related("worker")


@router.post("/applications", response={201: ApplicationOut, **ERRORS})
@idempotent
def apply(request, payload: ApplyIn):
    """Apply for an open job; it counts as the worker's yes."""
    job = access_job(user=request.auth, job_id=payload.job_id)
    application = application_create(job=job, worker=request.worker, origin="worker", channel=APP, actor=request.auth)
    return 201, ApplicationOut.from_orm(application)


@router.post("/applications/{application_id}/withdraw", response={200: ApplicationOut, **ERRORS})
@idempotent
def withdraw(request, application_id: int = Path(..., ge=1, le=ID_MAX)):
    application = application_withdraw(
        application=access_application_for_worker(user=request.auth, application_id=application_id),
        actor=request.auth,
        channel=APP,
    )
    return ApplicationOut.from_orm(application)


@router.post("/applications/{application_id}/accept", response={200: ApplicationOut, **ERRORS})
@idempotent
def accept(request, application_id: int = Path(..., ge=1, le=ID_MAX)):
    """Say yes to an invitation; if the employer has said yes too, the worker is hired."""
    application = application_accept(
        application=access_application_for_worker(user=request.auth, application_id=application_id),
        side="worker",
        actor=request.auth,
        channel=APP,
    )
    return ApplicationOut.from_orm(application)


@router.post("/applications/{application_id}/decline", response={200: ApplicationOut, **ERRORS})
@idempotent
def decline(request, payload: DeclineIn | None = None, application_id: int = Path(..., ge=1, le=ID_MAX)):
    application = application_decline(
        application=access_application_for_worker(user=request.auth, application_id=application_id),
        side="worker",
        actor=request.auth,
        channel=APP,
        reason=payload.reason if payload else "",
    )
    return ApplicationOut.from_orm(application)


@router.get("/placements", response={200: list[PlacementOut], **ERRORS})
@paginate(Pagination)
def placements(request):
    """Every job the worker was hired for, newest first."""
    return placement_list_for_worker(worker=request.worker).select_related("worker")


# --- the worker's data (PIPL): a copy, deletion ----------------------------------------------------


@router.get("/my-data", response={200: list[DataSectionOut], **ERRORS})
def my_data(request):
    """Everything Lingong holds about the worker (their own ID number and phone in full); the copy is logged."""
    return privacy.data_copy(request, request.worker)


@router.get("/my-data.pdf", response={200: None, **ERRORS}, openapi_extra=privacy.PDF_RESPONSE)
def my_data_pdf(request):
    """The same copy as a readable PDF."""
    return privacy.data_copy_pdf(request, request.worker)


@router.post("/deletion", response={202: DataRequestOut, **ERRORS})
@idempotent
def deletion_request(request):
    """Hidden and out of matching at once; purged after the retention period (docs/privacy.md)."""
    return privacy.deletion(request, request.worker)
