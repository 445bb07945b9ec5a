"""Jobs: the station's list, a job's page, proposing workers."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lingong.accounts.selectors import role_allows
from lingong.core.errors import ApplicationError
from lingong.core.forms import form_error_show
from lingong.core.pagination import page_of
from lingong.jobs.models import JobStatus
from lingong.jobs.selectors import (
    access_job,
    application_list_active_for_job,
    job_list_for_staff,
    job_list_held,
)
from lingong.jobs.services import job_posting_findings, job_reject, job_release
from lingong.matching.selectors import dispatch_why_for_job, workers_for_job
from lingong.workers.selectors import access_worker

from .. import forms
from .common import (
    console_context,
    console_station,
    console_view,
    propose,
)


def _jobs_page(request, station) -> dict:
    page = page_of(job_list_for_staff(user=request.user, station=station), page=request.GET.get("page"))
    may_review = role_allows(request.user, "job.review", station_id=getattr(station, "pk", request.user.station_id))
    held = list(job_list_held(user=request.user, station=station)) if may_review else []
    return {"jobs": page.object_list, "page": page, "held": held}


@console_view
def job_list(request):
    station = console_station(request)
    return render(
        request,
        "console/jobs.html",
        console_context(
            request,
            **_jobs_page(request, station),
        ),
    )


def _job_page(request, job, *, status=200, review_form=None):
    user = request.user
    applications = list(application_list_active_for_job(job=job))
    proposed = {a.worker_id for a in applications}
    may_propose = role_allows(user, "application.change", station_id=job.station_id)
    matches = [(m, may_propose and m.worker.pk not in proposed) for m in workers_for_job(job=job)]
    held = job.status == JobStatus.HELD
    findings = job_posting_findings(job) if held else []
    may_see_why = role_allows(user, "dispatch.run", station_id=job.station_id)
    return render(
        request,
        "console/job.html",
        console_context(
            request,
            job=job,
            applications=applications,
            matches=matches,
            may_propose=may_propose,
            why=dispatch_why_for_job(user=user, job=job) if may_see_why else None,
            findings=findings,
            employer_unknown=any(f.code == "employer_unknown" for f in findings),
            may_review=held and role_allows(user, "job.review", station_id=job.station_id),
            review_form=review_form or forms.JobReviewForm(),
        ),
        status=status,
    )


@console_view
def job_detail(request, pk: int):
    return _job_page(request, access_job(user=request.user, job_id=pk))


@console_view
@require_POST
def job_propose(request, pk: int):
    job = access_job(user=request.user, job_id=pk)
    form = forms.ProposeWorkerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a worker."))
        return redirect("console:job", pk=job.pk)
    worker = access_worker(user=request.user, worker_id=form.cleaned_data["worker"])
    propose(request, job=job, worker=worker, done=_("Proposed: %(name)s. Now call the worker.") % {"name": worker.name})
    return redirect("console:job", pk=job.pk)


@console_view
@require_POST
def job_review(request, pk: int):
    """Staff decide on a held job: show it to workers, or take it down with the reason the employer reads."""
    job = access_job(user=request.user, job_id=pk)
    form = forms.JobReviewForm(request.POST)
    if not form.is_valid():
        return _job_page(request, job, status=400, review_form=form)
    note = form.cleaned_data["note"]
    try:
        if form.cleaned_data["decision"] == "release":
            job_release(job=job, actor=request.user, note=note, employer_checked=form.cleaned_data["employer_checked"])
            messages.success(request, _("The job is shown to workers."))
        else:
            job_reject(job=job, actor=request.user, reason=note)
            messages.success(request, _("The job is taken down. The employer sees the reason."))
    except ApplicationError as error:
        status = form_error_show(form, error)
        return _job_page(request, access_job(user=request.user, job_id=pk), status=status, review_form=form)
    return redirect("console:job", pk=job.pk)
