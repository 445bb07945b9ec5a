"""Workers: search, register at the window, a worker's page, reveal, propose, calls."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lingong.accounts.selectors import role_allows, role_require
from lingong.calls.selectors import call_list_for_worker, worker_reach_allowed
from lingong.calls.services import call_record, worker_phone_reveal
from lingong.core.errors import ApplicationError
from lingong.core.forms import form_error_show
from lingong.core.idnumber import validate_resident_id
from lingong.core.models import Channel
from lingong.core.pagination import page_of
from lingong.core.validation import ValidationProblem
from lingong.jobs.models import ACTIVE_APPLICATION_STATUSES
from lingong.jobs.selectors import (
    access_job,
    application_list_for_worker,
)
from lingong.matching.learning import jobs_shown_to_worker
from lingong.matching.models import ExposureSurface
from lingong.matching.selectors import worker_acceptance_estimate
from lingong.privacy.pdf import privacy_export_pdf
from lingong.privacy.selectors import data_request_list_for
from lingong.privacy.services import privacy_export
from lingong.wages.selectors import wage_list_for_worker
from lingong.workers.selectors import access_worker, worker_list_for_staff
from lingong.workers.services import TradeSkill, worker_register, worker_sign_out_everywhere

from .. import forms
from .common import (
    console_context,
    console_station,
    console_view,
    propose,
)


def _looks_like_id_number(text: str) -> bool:
    text = text.strip().upper()
    return len(text) in (15, 18) and text[:-1].isdigit() and (text[-1].isdigit() or text[-1] == "X")


@console_view
def worker_search(request):
    """Search by POST, so a swiped ID number never lands in a URL or an access log."""
    form = forms.SearchForm(request.POST or None)
    context = console_context(request, search_form=form, searched=False)
    if request.method == "POST" and form.is_valid():
        query = form.cleaned_data["q"].strip()
        context["searched"] = True
        if _looks_like_id_number(query):
            try:
                validate_resident_id(query)
            except ValidationProblem as problem:
                form.add_error("q", str(problem.message))
                return render(request, "console/workers.html", context, status=400)
            context["register_id_number"] = query
        page = page_of(worker_list_for_staff(user=request.user, query=query), page=request.POST.get("page"))
        if page.paginator.count == 1 and (_looks_like_id_number(query) or query.isdigit()):
            return redirect("console:worker", pk=page[0].pk)
        context["workers"], context["page"] = page.object_list, page
    return render(request, "console/workers.html", context)


@console_view
def worker_new(request):
    """Assisted registration of a walk-in: the clerk reads the notice aloud (only roles that may register)."""
    role_require(request.user, "worker.register")
    station = console_station(request)
    status = 400
    if request.method == "POST" and "prefill" in request.POST:
        form = forms.WorkerRegisterForm(initial={"id_number": request.POST.get("id_number", "")[:40]})
    else:
        form = forms.WorkerRegisterForm(request.POST or None)
    if request.method == "POST" and "prefill" not in request.POST and form.is_valid():
        data = form.cleaned_data
        try:
            worker = worker_register(
                name=data["name"],
                name_bo=data["name_bo"],
                id_number=data["id_number"],
                phone=data["phone"],
                trades=[TradeSkill(job_type=t) for t in data["trades"]],
                channel=Channel.WINDOW,
                actor=request.user,
                station=station,
                read_aloud=True,
                consent_notice_version=settings.CONSENT_NOTICE_VERSION,
                availability_mask=form.availability_mask(),
                home_area=data["home_area"],
                travel_km=data["travel_km"],
                max_intensity=data["max_intensity"],
                speaks_zh=data["speaks_zh"],
                speaks_bo=data["speaks_bo"],
                language=request.LANGUAGE_CODE,
            )
        except ApplicationError as error:
            status = form_error_show(form, error)
        else:
            messages.success(request, _("Registered: %(name)s.") % {"name": worker.name})
            return redirect("console:worker", pk=worker.pk)
    status = status if form.is_bound and form.errors else 200
    return render(
        request,
        "console/worker_new.html",
        console_context(
            request,
            form=form,
            notice_version=settings.CONSENT_NOTICE_VERSION,
        ),
        status=status,
    )


def _worker_page(request, worker, *, status=200, **extra):
    user = request.user
    applications = list(application_list_for_worker(worker=worker)[:30])
    active = [a for a in applications if a.status in ACTIVE_APPLICATION_STATUSES]
    proposed_job_ids = {a.job_id for a in applications}
    matches = [
        (m, m.job.pk not in proposed_job_ids and role_allows(user, "application.change", station_id=m.job.station_id))
        for m in jobs_shown_to_worker(worker=worker, surface=ExposureSurface.WINDOW)
    ]
    may_call = any(
        role_allows(user, "application.change", station_id=a.job.station_id) for a in active
    ) or worker_reach_allowed(user=user, worker=worker, action="worker.change")
    context = console_context(
        request,
        worker=worker,
        worker_age=worker.age_on(timezone.localdate()),
        applications=applications,
        matches=matches,
        acceptance=worker_acceptance_estimate(worker=worker),
        calls=call_list_for_worker(user=user, worker=worker),
        wages=list(wage_list_for_worker(worker=worker)[:10]),
        may_reveal=worker_reach_allowed(user=user, worker=worker, action="worker.reveal"),
        may_change=role_allows(user, "worker.change", station_id=worker.registered_station_id),
        data_requests=data_request_list_for(subject=worker),
        may_call=may_call,
        reveal_form=forms.RevealForm(),
        call_form=forms.CallForm(
            initial={"token": uuid.uuid4().hex, "application": active[0].pk if active else None}, applications=active
        ),
    )
    context.update(extra)
    return render(request, "console/worker.html", context, status=status)


@console_view
def worker_detail(request, pk: int):
    return _worker_page(request, access_worker(user=request.user, worker_id=pk))


@console_view
@require_POST
def worker_reveal_phone(request, pk: int):
    worker = access_worker(user=request.user, worker_id=pk)
    form = forms.RevealForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            phone = worker_phone_reveal(worker=worker, actor=request.user, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            status = form_error_show(form, error)
        else:
            return _worker_page(request, worker, revealed_phone=phone)
    return _worker_page(request, worker, reveal_form=form, status=status)


@console_view
@require_POST
def worker_propose(request, pk: int):
    worker = access_worker(user=request.user, worker_id=pk)
    form = forms.ProposeJobForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a job."))
        return redirect("console:worker", pk=worker.pk)
    job = access_job(user=request.user, job_id=form.cleaned_data["job"])
    propose(request, job=job, worker=worker, done=_("Proposed for: %(job)s. Now call the worker.") % {"job": job.title})
    return redirect("console:worker", pk=worker.pk)


@console_view
@require_POST
def worker_sign_out(request, pk: int):
    """The worker lost their phone: sign them out on every phone, kiosk and app."""
    worker = access_worker(user=request.user, worker_id=pk)
    worker_sign_out_everywhere(worker=worker, actor=request.user)
    messages.success(request, _("The worker is signed out everywhere. They sign in again with their ID card or phone."))
    return redirect("console:worker", pk=worker.pk)


@console_view
@require_POST
def worker_data_copy(request, pk: int):
    """At the window: a printed copy of everything held about the worker (staff of their station)."""
    worker = access_worker(user=request.user, worker_id=pk)
    sections = privacy_export(subject=worker, actor=request.user, channel=Channel.WINDOW)
    response = HttpResponse(privacy_export_pdf(sections), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lingong-data-{worker.pk}.pdf"'
    return response


@console_view
@require_POST
def worker_call(request, pk: int):
    worker = access_worker(user=request.user, worker_id=pk)
    active = [a for a in application_list_for_worker(worker=worker) if a.status in ACTIVE_APPLICATION_STATUSES]
    form = forms.CallForm(request.POST, applications=active)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        application = next((a for a in active if a.pk == data["application"]), None)
        try:
            call_record(
                worker=worker,
                application=application,
                outcome=data["outcome"],
                actor=request.user,
                note=data["note"],
                interview_at=data["interview_at"],
                interview_place=data["interview_place"],
                call_back_at=data["call_back_at"],
                station=console_station(request),
                token=data["token"],
            )
        except ApplicationError as error:
            status = form_error_show(form, error)
        else:
            messages.success(request, _("The call is recorded."))
            return redirect("console:worker", pk=worker.pk)
    return _worker_page(request, worker, call_form=form, status=status)
