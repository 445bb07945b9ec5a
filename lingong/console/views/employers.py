"""Employers' demands taken by phone: find or register the employer, post the job."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lingong.accounts.selectors import role_allows, role_require
from lingong.core.errors import ApplicationError
from lingong.core.forms import form_error_show
from lingong.core.models import Channel
from lingong.core.pagination import page_of
from lingong.employers.selectors import access_employer, employer_list_for_staff
from lingong.employers.services import employer_register
from lingong.jobs.models import JobStatus
from lingong.jobs.services import job_create

from .. import forms
from .common import (
    console_context,
    console_station,
    console_view,
)


@console_view
def employer_find(request):
    form = forms.EmployerFindForm(request.POST or None)
    context = console_context(request, form=form, searched=False)
    if request.method == "POST" and form.is_valid():
        context["searched"] = True
        page = page_of(
            employer_list_for_staff(user=request.user, query=form.cleaned_data["q"]), page=request.POST.get("page")
        )
        context["employers"], context["page"] = page.object_list, page
    return render(request, "console/employers.html", context)


@console_view
def employer_new(request):
    """Registering an employer at the window (only roles that may: as the service's rule)."""
    station = console_station(request)
    role_require(request.user, "employer.change", station_id=getattr(station, "pk", None))
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
    return render(request, "console/employer_new.html", console_context(request, form=form), status=status)


@console_view
def job_new(request, employer_pk: int):
    employer = access_employer(user=request.user, employer_id=employer_pk)
    station = employer.station or console_station(request)
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
                requires_certificate=data["requires_certificate"],
                actor=request.user,
                channel=Channel.WINDOW,
            )
        except ApplicationError as error:
            status = form_error_show(form, error)
        else:
            if job.status == JobStatus.HELD:
                messages.warning(request, _("The job is held for review: %(reason)s") % {"reason": job.review_note})
            else:
                messages.success(request, _("The job is posted. Now find workers for it."))
            return redirect("console:job", pk=job.pk)
    status = status if form.is_bound and form.errors else 200
    return render(
        request,
        "console/job_new.html",
        console_context(
            request,
            form=form,
            employer=employer,
            may_post=role_allows(request.user, "job.change", station_id=employer.station_id),
        ),
        status=status,
    )
