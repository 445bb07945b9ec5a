"""Jobs that fit, applying, my applications and invitations, messages."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lingong.aggregation.selectors import job_import_info
from lingong.core.errors import ApplicationError
from lingong.core.models import Channel
from lingong.core.snapshot import SNAPSHOT_SECONDS
from lingong.jobs.selectors import (
    JobClosed,
    access_application_for_worker,
    access_job,
    application_list_for_worker,
    job_search_page,
    job_search_page_key,
    placement_list_for_worker,
    worker_message_list,
)
from lingong.jobs.services import application_accept, application_create, application_decline, application_withdraw
from lingong.matching.learning import exposure_opened_record

from ..access import worker_door
from ..forms import (
    JobSearchForm,
)

JOBS_PER_PAGE = 20
JOBS_KEPT_SECONDS = 300  # a kept list is of no use once a job changes: the cache lets it go after this


@require_GET
@worker_door
def jobs(request, worker):
    """Open jobs, the true count of all that match, a page at a time."""
    filters = {k: v for k, v in request.GET.items() if k != "page"}
    form = JobSearchForm(filters or None)
    page, kept_key = None, None
    if not filters:
        number = request.GET.get("page")
        kept_key = job_search_page_key(page=number)
        # Read only when the kept list is not in the cache (the template draws it under kept_key).
        page = SimpleLazyObject(lambda: job_search_page(page=number, per_page=JOBS_PER_PAGE))
    elif form.is_valid():
        data = form.cleaned_data
        area = data["area"]
        page = job_search_page(
            trade=data["trade"],
            day=data["day"],
            near=(area.lat, area.lon, worker.travel_km) if area else None,
            min_pay_fen=(data["min_pay_yuan"] or 0) * 100 or None,
            page=request.GET.get("page"),
            per_page=JOBS_PER_PAGE,
        )
    return render(
        request,
        "portal/worker/jobs.html",
        {
            "form": form,
            "page": page,
            "kept_key": kept_key,
            "kept_seconds": JOBS_KEPT_SECONDS,
            # The form's trades and stations come from snapshots up to a minute old: with nothing asked yet, the form
            # is drawn once a minute for each language.
            "form_seconds": SNAPSHOT_SECONDS,
        },
    )


@require_GET
@worker_door
def job_detail(request, worker, job_id: int):
    try:
        job = access_job(user=request.user, job_id=job_id)
    except JobClosed as closed:
        return _back_to_the_jobs(request, closed)
    exposure_opened_record(worker=worker, job=job)
    return render(request, "portal/worker/job.html", {"job": job, "imported": job_import_info(job=job)})


@require_POST
@worker_door
def job_apply(request, worker, job_id: int):
    try:
        job = access_job(user=request.user, job_id=job_id)
    except JobClosed as closed:  # filled between the list and the tap
        return _back_to_the_jobs(request, closed)
    try:
        application_create(job=job, worker=worker, origin="worker", channel=Channel.WEB, actor=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(f"/w/jobs/{job.pk}/")
    if request.POST.get("staff_phone"):  # the employer has no account: the station's staff take it by phone
        messages.success(request, _("Done. The station's staff will phone the employer for you and tell you."))
    else:
        messages.success(request, _("You applied. The employer will answer; see “Applications and invitations”."))
    return redirect("/w/mine/")


def _back_to_the_jobs(request, closed: JobClosed):
    """A job gone since the worker's list or SMS: the jobs open now, with the reason, not a dead end."""
    messages.info(request, str(closed.message))
    return redirect("/w/jobs/")


@require_GET
@worker_door
def mine(request, worker):
    return render(
        request,
        "portal/worker/mine.html",
        {
            "applications": application_list_for_worker(worker=worker).exclude(status="placed"),
            "placements": placement_list_for_worker(worker=worker),
        },
    )


def _answer(request, application_id: int, act) -> object:
    application = access_application_for_worker(user=request.user, application_id=application_id)
    try:
        act(application)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect("/w/mine/")


@require_POST
@worker_door
def application_accept_view(request, worker, application_id: int):
    def act(application):
        application_accept(application=application, side="worker", actor=request.user, channel=Channel.WEB)
        application.refresh_from_db()
        messages.success(request, _("You are hired!") if application.status == "placed" else _("You said yes."))

    return _answer(request, application_id, act)


@require_POST
@worker_door
def application_decline_view(request, worker, application_id: int):
    def act(application):
        application_decline(application=application, side="worker", actor=request.user, channel=Channel.WEB)
        messages.success(request, _("You said no."))

    return _answer(request, application_id, act)


@require_POST
@worker_door
def application_withdraw_view(request, worker, application_id: int):
    def act(application):
        application_withdraw(application=application, actor=request.user, channel=Channel.WEB)
        messages.success(request, _("Your application is withdrawn."))

    return _answer(request, application_id, act)


@require_GET
@worker_door
def inbox(request, worker):
    return render(request, "portal/worker/messages.html", {"items": worker_message_list(worker=worker)})
