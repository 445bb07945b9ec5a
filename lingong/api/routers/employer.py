"""The employer's side of the app: jobs, candidates, invitations, hires."""

from django.utils.translation import gettext_lazy as _
from ninja import Path, Query, Router
from ninja.pagination import paginate

from lingong.core.errors import InvalidInput
from lingong.core.masking import mask_name
from lingong.jobs.selectors import (
    access_application_for_employer,
    access_job_for_employer,
    application_list_for_employer,
    job_list_for_employer,
    placement_list_for_employer,
)
from lingong.jobs.services import application_accept, application_create, application_decline, job_close, job_create
from lingong.matching.learning import workers_shown_to_employer
from lingong.trades.selectors import job_type_list_active
from lingong.workers.selectors import worker_get_active

from ..auth import employer_auth
from ..idempotency import idempotent
from ..pagination import Pagination
from ..schemas import (
    ID_MAX,
    ApplicationOut,
    CandidateOut,
    DataRequestOut,
    DataSectionOut,
    DeclineIn,
    ErrorOut,
    InviteIn,
    JobCreateIn,
    JobOut,
    PlacementOut,
)
from . import privacy

router = Router(tags=["employer"], auth=employer_auth)
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
APP = "app"
JobId = Path(..., ge=1, le=ID_MAX)


@router.get("/jobs", response={200: list[JobOut], **ERRORS})
@paginate(Pagination)
def jobs(request):
    """The employer's jobs, newest first, in every status."""
    return job_list_for_employer(user=request.auth).select_related("employer")


@router.post("/jobs", response={201: JobOut, **ERRORS})
@idempotent
def job_post(request, payload: JobCreateIn):
    """Post a job; published at once. `fast_channel: true` posts it through the fast channel."""
    job_type = job_type_list_active().filter(slug=payload.trade).first()
    if job_type is None:
        raise InvalidInput(_("Unknown trade."), code="invalid_trade", field="trade")
    data = payload.dict(exclude={"trade", "fast_channel"})
    data["end_date"] = payload.end_date or payload.start_date
    job = job_create(
        employer=request.employer,
        job_type=job_type,
        is_fast_channel=payload.fast_channel,
        actor=request.auth,
        channel=APP,
        **data,
    )
    job.refresh_from_db()
    return 201, JobOut.from_orm(job)


@router.get("/jobs/{job_id}", response={200: JobOut, **ERRORS})
def job_detail(request, job_id: int = JobId):
    return access_job_for_employer(user=request.auth, job_id=job_id)


@router.get("/jobs/{job_id}/candidates", response={200: list[CandidateOut], **ERRORS})
def candidates(request, job_id: int = JobId, limit: int = Query(20, ge=1, le=50)):
    """Workers who fit the job, best first; names masked, no phone or ID number."""
    job = access_job_for_employer(user=request.auth, job_id=job_id)
    levels = {}
    out = []
    for match in workers_shown_to_employer(job=job, limit=limit):
        worker = match.worker
        if worker.pk not in levels:
            levels[worker.pk] = next((t.level for t in worker.trades.all() if t.job_type_id == job.job_type_id), None)
        out.append(
            {
                "worker_id": worker.pk,
                "name_masked": mask_name(worker.name),
                "score": round(match.score, 4),
                "distance_km": None if match.distance_km is None else round(match.distance_km, 1),
                "reasons": [{"code": r.code, "text": str(r.text)} for r in match.reasons],
                "trade_level": levels[worker.pk],
                "speaks_zh": worker.speaks_zh,
                "speaks_bo": worker.speaks_bo,
            }
        )
    return out


@router.post("/jobs/{job_id}/invitations", response={201: ApplicationOut, **ERRORS})
@idempotent
def invite(request, payload: InviteIn, job_id: int = JobId):
    """Invite a worker (from the candidates); it counts as the employer's yes."""
    job = access_job_for_employer(user=request.auth, job_id=job_id)
    worker = worker_get_active(worker_id=payload.worker_id)
    application = application_create(job=job, worker=worker, origin="employer", channel=APP, actor=request.auth)
    return 201, ApplicationOut.from_orm(application)


@router.post("/jobs/{job_id}/close", response={200: JobOut, **ERRORS})
@idempotent
def close(request, job_id: int = JobId):
    """Stop looking: pending applications expire; filled if anyone was hired, else cancelled."""
    job = job_close(job=access_job_for_employer(user=request.auth, job_id=job_id), actor=request.auth, channel=APP)
    job.refresh_from_db()
    return JobOut.from_orm(job)


@router.get("/applications", response={200: list[ApplicationOut], **ERRORS})
@paginate(Pagination)
def applications(request, job_id: int = Query(None, ge=1, le=ID_MAX)):
    """Applications and invitations for the employer's jobs (optionally one job)."""
    return application_list_for_employer(employer=request.employer, job_id=job_id)


@router.post("/applications/{application_id}/accept", response={200: ApplicationOut, **ERRORS})
@idempotent
def accept(request, application_id: int = JobId):
    """Say yes to a worker; if the worker has said yes too, they are hired."""
    application = application_accept(
        application=access_application_for_employer(user=request.auth, application_id=application_id),
        side="employer",
        actor=request.auth,
        channel=APP,
    )
    return ApplicationOut.from_orm(application)


@router.post("/applications/{application_id}/decline", response={200: ApplicationOut, **ERRORS})
@idempotent
def decline(request, payload: DeclineIn | None = None, application_id: int = JobId):
    application = application_decline(
        application=access_application_for_employer(user=request.auth, application_id=application_id),
        side="employer",
        actor=request.auth,
        channel=APP,
        reason=payload.reason if payload else "",
    )
    return ApplicationOut.from_orm(application)


@router.get("/placements", response={200: list[PlacementOut], **ERRORS})
@paginate(Pagination)
def placements(request):
    """Everyone the employer hired, newest first."""
    return placement_list_for_employer(employer=request.employer)


# --- the employer's data (PIPL): a copy, deletion ----------------------------------------------------


@router.get("/my-data", response={200: list[DataSectionOut], **ERRORS})
def my_data(request):
    """Everything Lingong holds about the employer (their own ID number and phone in full); the copy is logged."""
    return privacy.data_copy(request, request.employer)


@router.get("/my-data.pdf", response={200: None, **ERRORS}, openapi_extra=privacy.PDF_RESPONSE)
def my_data_pdf(request):
    """The same copy as a readable PDF."""
    return privacy.data_copy_pdf(request, request.employer)


@router.post("/deletion", response={202: DataRequestOut, **ERRORS})
@idempotent
def deletion_request(request):
    """Hidden and out of matching at once; purged after the retention period (docs/privacy.md)."""
    return privacy.deletion(request, request.employer)
