"""Jobs: the station's list, a job's page, proposing workers."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lingong.accounts.selectors import role_allows
from lingong.core.pagination import page_of
from lingong.jobs.selectors import (
    access_job,
    application_list_active_for_job,
    job_list_for_staff,
)
from lingong.matching.selectors import workers_for_job
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
    return {"jobs": page.object_list, "page": page}


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


def _job_page(request, job, *, status=200):
    user = request.user
    applications = list(application_list_active_for_job(job=job))
    proposed = {a.worker_id for a in applications}
    may_propose = role_allows(user, "application.change", station_id=job.station_id)
    matches = [(m, may_propose and m.worker.pk not in proposed) for m in workers_for_job(job=job)]
    return render(
        request,
        "console/job.html",
        console_context(
            request,
            job=job,
            applications=applications,
            matches=matches,
            may_propose=may_propose,
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
