"""The employer's home, posting a job, a job's applicants, inviting, hiring, closing."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lingong.core.errors import ApplicationError
from lingong.core.forms import form_error_show
from lingong.core.models import Channel
from lingong.core.pagination import page_of
from lingong.jobs.models import JobStatus
from lingong.jobs.selectors import (
    access_application_for_employer,
    access_job_for_employer,
    application_list_for_employer_job,
    application_list_interviews_for_employer,
    job_fast_defaults,
    job_list_of_employer,
    placement_list_for_employer_job,
)
from lingong.jobs.services import application_accept, application_create, application_decline, job_close
from lingong.matching.learning import workers_shown_to_employer
from lingong.trades.selectors import job_type_list_active
from lingong.workers.selectors import worker_get_active

from ..access import employer_door
from ..forms import FastJobForm
from ..services import job_create_once

# A phone's screen of jobs; the newest first, the older ones a page further each (a busy employer posts for years).
EMPLOYER_JOBS_PER_PAGE = 20
# What a candidate's card shows of the worker (portal/employer/job.html): of their 42 columns, these.
CANDIDATE_COLUMNS = ("name", "name_bo", "phone_masked")


@require_GET
@employer_door
def home(request, employer):
    return render(
        request,
        "portal/employer/home.html",
        {
            "employer": employer,
            "jobs": page_of(
                job_list_of_employer(employer=employer), page=request.GET.get("page"), per_page=EMPLOYER_JOBS_PER_PAGE
            ),
            "interviews": application_list_interviews_for_employer(employer=employer),
            "sms_languages": settings.LANGUAGES,
        },
    )


@require_GET
@employer_door
def post_choose(request, employer):
    return render(request, "portal/employer/post_choose.html", {"job_types": job_type_list_active()})


@require_http_methods(["GET", "POST"])
@employer_door
def post_job(request, employer, slug: str):
    job_type = get_object_or_404(job_type_list_active(), slug=slug)
    if request.method == "POST":
        form = FastJobForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            area = data["area"]
            try:
                job, created = job_create_once(
                    token=data["token"],
                    actor=request.user,
                    employer=employer,
                    job_type=job_type,
                    title=job_type.name_zh,
                    headcount=data["headcount"],
                    pay_fen=data["pay_yuan"],
                    pay_unit=data["pay_unit"],
                    start_date=data["start_date"],
                    end_date=data["start_date"] + timedelta(days=data["days"] - 1),
                    start_time=data["start_time"],
                    end_time=data["end_time"],
                    address=data["address"],
                    lat=area.lat,
                    lon=area.lon,
                    station=area,
                    description=data["description"],
                    channel=Channel.WEB,
                    is_fast_channel=True,
                )
            except ApplicationError as error:
                form_error_show(form, error)
            else:
                if created and job.status == JobStatus.HELD:
                    messages.warning(request, _("Your job is received. Staff check it before workers see it."))
                elif created:
                    messages.success(request, _("Your job is posted. Here are workers who fit."))
                return redirect(f"/e/jobs/{job.pk}/")
    else:
        defaults = job_fast_defaults(job_type=job_type)
        form = FastJobForm(
            initial={
                "token": uuid.uuid4().hex,
                "headcount": defaults.headcount,
                "pay_yuan": defaults.pay_fen // 100,
                "pay_unit": defaults.pay_unit,
                "start_date": defaults.start_date,
                "days": 1,
                "start_time": defaults.start_time,
                "end_time": defaults.end_time,
                "address": employer.address,
                "area": employer.station_id,
            }
        )
    return render(
        request, "portal/employer/post_form.html", {"form": form, "job_type": job_type, "filled_in": _filled_in(form)}
    )


def _filled_in(form) -> bool:
    """A fresh form with every required answer already there: only then may the page say "all filled in"."""
    if form.is_bound:  # a form sent back to the employer was refused: it is not complete
        return False
    return all(form.initial.get(name) not in (None, "") for name, field in form.fields.items() if field.required)


@require_GET
@employer_door
def job_detail(request, employer, job_id: int):
    job = access_job_for_employer(user=request.user, job_id=job_id)
    applications = list(application_list_for_employer_job(job=job))
    proposed = {a.worker_id for a in applications}
    candidates = (
        workers_shown_to_employer(job=job, limit=20, worker_columns=CANDIDATE_COLUMNS, proposed=proposed)
        if job.status == "open"
        else []
    )
    return render(
        request,
        "portal/employer/job.html",
        {
            "job": job,
            "candidates": candidates,
            "applications": [a for a in applications if a.status != "placed"],
            "placements": placement_list_for_employer_job(job=job),
        },
    )


@require_POST
@employer_door
def job_invite(request, employer, job_id: int):
    job = access_job_for_employer(user=request.user, job_id=job_id)
    worker = worker_get_active(worker_id=request.POST.get("worker"))
    try:
        application_create(job=job, worker=worker, origin="employer", channel=Channel.WEB, actor=request.user)
        messages.success(request, _("Invitation sent. The worker will answer."))
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect(f"/e/jobs/{job.pk}/")


@require_POST
@employer_door
def job_close_view(request, employer, job_id: int):
    job = access_job_for_employer(user=request.user, job_id=job_id)
    try:
        job_close(job=job, actor=request.user, channel=Channel.WEB)
        messages.success(request, _("The job is closed."))
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect(f"/e/jobs/{job.pk}/")


@require_POST
@employer_door
def application_accept_view(request, employer, application_id: int):
    application = access_application_for_employer(user=request.user, application_id=application_id)
    try:
        application_accept(application=application, side="employer", actor=request.user, channel=Channel.WEB)
        application.refresh_from_db()
        messages.success(
            request, _("Hired!") if application.status == "placed" else _("You said yes. The worker will answer.")
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect(f"/e/jobs/{application.job_id}/")


@require_POST
@employer_door
def application_decline_view(request, employer, application_id: int):
    application = access_application_for_employer(user=request.user, application_id=application_id)
    try:
        application_decline(application=application, side="employer", actor=request.user, channel=Channel.WEB)
        messages.success(request, _("You said no."))
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect(f"/e/jobs/{application.job_id}/")
