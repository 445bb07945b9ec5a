"""The staff window console: thin views over the domain services and selectors."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lingong.accounts.doors import staff_door
from lingong.accounts.models import Role
from lingong.accounts.selectors import role_allows
from lingong.calls.selectors import call_list_for_day, call_list_for_worker, call_station_for, worker_reach_allowed
from lingong.calls.services import call_record, worker_phone_reveal
from lingong.core.errors import ApplicationError, NotAllowed, NotFound
from lingong.core.forms import form_error_show
from lingong.core.idnumber import validate_resident_id
from lingong.core.models import Channel
from lingong.core.pagination import page_of
from lingong.core.validation import ValidationProblem
from lingong.employers.selectors import access_employer, employer_list_for_staff
from lingong.employers.services import employer_register
from lingong.jobs.models import ACTIVE_APPLICATION_STATUSES, ApplicationOrigin
from lingong.jobs.selectors import (
    access_job,
    application_list_active_for_job,
    application_list_for_worker,
    job_list_for_staff,
)
from lingong.jobs.services import application_create, job_create
from lingong.matching.selectors import jobs_for_worker, workers_for_job
from lingong.operations.selectors import task_failure_list_recent
from lingong.stations.selectors import station_list_active
from lingong.wages.selectors import wage_list_for_worker
from lingong.workers.selectors import access_worker, worker_list_for_staff
from lingong.workers.services import TradeSkill, worker_register

from . import forms

SESSION_STATION = "console_station"


# Signed-in back-office roles only; anyone else gets the refusal page (403).
console_view = staff_door("worker.view")


def _station(request):
    """Station staff work for their own station; others pick one (or see all)."""
    picked = None
    station_id = request.session.get(SESSION_STATION)
    if station_id:
        picked = next((s for s in station_list_active() if s.pk == station_id), None)
    return call_station_for(user=request.user, station=picked)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _console_context(request, **extra):
    station = _station(request)
    return {
        "station": station,
        "stations": station_list_active() if request.user.role != Role.STATION_STAFF else (),
        "can_register": role_allows(request.user, "worker.register"),
        "read_only": not role_allows(request.user, "worker.register"),
        **extra,
    }


# --- the day -------------------------------------------------------------------


@console_view
def day(request):
    today = timezone.localdate()
    calls = call_list_for_day(user=request.user, day=today, station=_station(request))
    failures = task_failure_list_recent(user=request.user, now=timezone.now())
    return render(
        request,
        "console/day.html",
        _console_context(
            request,
            calls=calls,
            today=today,
            search_form=forms.SearchForm(),
            task_failures=failures,
        ),
    )


@console_view
@require_POST
def station_pick(request):
    station_id = _int(request.POST.get("station"))
    if station_id and any(s.pk == station_id for s in station_list_active()):
        request.session[SESSION_STATION] = station_id
    else:
        request.session.pop(SESSION_STATION, None)
    return redirect("console:day")


# --- workers -------------------------------------------------------------------


def _looks_like_id_number(text: str) -> bool:
    text = text.strip().upper()
    return len(text) in (15, 18) and text[:-1].isdigit() and (text[-1].isdigit() or text[-1] == "X")


@console_view
def worker_search(request):
    """Search by POST, so a swiped ID number never lands in a URL or an access log."""
    form = forms.SearchForm(request.POST or None)
    context = _console_context(request, search_form=form, searched=False)
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
    """Assisted registration of a walk-in: the clerk reads the notice aloud."""
    station = _station(request)
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
        _console_context(
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
        for m in jobs_for_worker(worker=worker)
    ]
    may_call = any(
        role_allows(user, "application.change", station_id=a.job.station_id) for a in active
    ) or worker_reach_allowed(user=user, worker=worker, action="worker.change")
    context = _console_context(
        request,
        worker=worker,
        worker_age=worker.age_on(timezone.localdate()),
        applications=applications,
        matches=matches,
        calls=call_list_for_worker(user=user, worker=worker),
        wages=list(wage_list_for_worker(worker=worker)[:10]),
        may_reveal=worker_reach_allowed(user=user, worker=worker, action="worker.reveal"),
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
    _propose(
        request, job=job, worker=worker, done=_("Proposed for: %(job)s. Now call the worker.") % {"job": job.title}
    )
    return redirect("console:worker", pk=worker.pk)


def _propose(request, *, job, worker, done: str) -> None:
    """Staff propose a worker for a job; a refusal is said on the page (403/404 stay pages)."""
    try:
        application_create(
            job=job,
            worker=worker,
            origin=ApplicationOrigin.STAFF,
            channel=Channel.WINDOW,
            actor=request.user,
            station=_station(request) or job.station,
        )
    except ApplicationError as error:
        if isinstance(error, (NotAllowed, NotFound)):
            raise
        messages.error(request, str(error.message))
    else:
        messages.success(request, done)


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
                station=_station(request),
                token=data["token"],
            )
        except ApplicationError as error:
            status = form_error_show(form, error)
        else:
            messages.success(request, _("The call is recorded."))
            return redirect("console:worker", pk=worker.pk)
    return _worker_page(request, worker, call_form=form, status=status)


# --- jobs ----------------------------------------------------------------------


def _jobs_page(request, station) -> dict:
    page = page_of(job_list_for_staff(user=request.user, station=station), page=request.GET.get("page"))
    return {"jobs": page.object_list, "page": page}


@console_view
def job_list(request):
    station = _station(request)
    return render(
        request,
        "console/jobs.html",
        _console_context(
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
        _console_context(
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
    _propose(
        request, job=job, worker=worker, done=_("Proposed: %(name)s. Now call the worker.") % {"name": worker.name}
    )
    return redirect("console:job", pk=job.pk)


# --- employers' demands taken by phone ------------------------------------------


@console_view
def employer_find(request):
    form = forms.EmployerFindForm(request.POST or None)
    context = _console_context(request, form=form, searched=False)
    if request.method == "POST" and form.is_valid():
        context["searched"] = True
        page = page_of(
            employer_list_for_staff(user=request.user, query=form.cleaned_data["q"]), page=request.POST.get("page")
        )
        context["employers"], context["page"] = page.object_list, page
    return render(request, "console/employers.html", context)


@console_view
def employer_new(request):
    station = _station(request)
    form = forms.EmployerRegisterForm(request.POST or None)
    status = 400
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                employer = employer_register(
                    kind=data["kind"],
                    name=data["name"],
                    contact_name=data["contact_name"],
                    contact_phone=data["contact_phone"],
                    address=data["address"],
                    channel=Channel.WINDOW,
                    actor=request.user,
                    id_number=data["id_number"],
                    uscc=data["uscc"],
                    station=station,
                    lat=getattr(station, "lat", None),
                    lon=getattr(station, "lon", None),
                    language=request.LANGUAGE_CODE,
                )
            except ApplicationError as error:
                status = form_error_show(form, error)
            else:
                messages.success(request, _("Employer registered: %(name)s.") % {"name": employer.name})
                return redirect("console:job_new", employer_pk=employer.pk)
    status = status if form.is_bound and form.errors else 200
    return render(request, "console/employer_new.html", _console_context(request, form=form), status=status)


@console_view
def job_new(request, employer_pk: int):
    employer = access_employer(user=request.user, employer_id=employer_pk)
    station = employer.station or _station(request)
    point = employer if employer.lat is not None else station
    today = timezone.localdate()
    initial = {
        "start_date": today,
        "end_date": today,
        "start_time": "09:00",
        "end_time": "18:00",
        "address": employer.address,
        "lat": getattr(point, "lat", None),
        "lon": getattr(point, "lon", None),
    }
    form = forms.JobCreateForm(request.POST or None, initial=initial)
    status = 400
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = job_create(
                employer=employer,
                job_type=data["job_type"],
                title=data["title"],
                headcount=data["headcount"],
                pay_fen=data["pay_yuan"],
                pay_unit=data["pay_unit"],
                kind=data["kind"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                address=data["address"],
                meeting_point=data["meeting_point"],
                lat=data["lat"],
                lon=data["lon"],
                description=data["description"],
                needs_bo=data["needs_bo"],
                needs_zh=data["needs_zh"],
                actor=request.user,
                channel=Channel.WINDOW,
            )
        except ApplicationError as error:
            status = form_error_show(form, error)
        else:
            messages.success(request, _("The job is posted. Now find workers for it."))
            return redirect("console:job", pk=job.pk)
    status = status if form.is_bound and form.errors else 200
    return render(
        request,
        "console/job_new.html",
        _console_context(
            request,
            form=form,
            employer=employer,
            may_post=role_allows(request.user, "job.change", station_id=employer.station_id),
        ),
        status=status,
    )


def staff_home_url(user) -> str:
    """Where a back-office role starts its day: rights officers at their cases, everyone else at the console."""
    if user.role == Role.RIGHTS_OFFICER and not user.is_superuser:
        return reverse("rights:cases")
    return reverse("console:day")


class ConsoleLoginView(LoginView):
    """Django's sign-in with the console's page; staff already signed in go straight in.

    Anyone else signed in (a worker on a shared computer) still sees the form,
    so staff can sign in over them.
    """

    template_name = "console/login.html"
    authentication_form = forms.ConsoleAuthenticationForm

    def get_default_redirect_url(self):
        return staff_home_url(self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and role_allows(request.user, "worker.view"):
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)
