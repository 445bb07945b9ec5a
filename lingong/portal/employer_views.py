"""The employer door (我是雇主找人): sign up, post in a minute, choose and hire."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lingong.agreements.selectors import agreement_current_for_placement
from lingong.agreements.services import agreement_sign_employer
from lingong.attendance.selectors import attendance_list_for_placement
from lingong.attendance.services import attendance_record
from lingong.core.errors import ApplicationError, NotAllowed, NotFound
from lingong.core.forms import form_error_show
from lingong.core.models import Channel
from lingong.credit.selectors import credit_explain
from lingong.credit.services import appeal_create, rating_create
from lingong.employers.services import (
    employer_language_set,
    employer_sign_in,
    employer_sign_in_code_send,
    employer_sign_up,
    employer_sign_up_code_send,
)
from lingong.jobs.selectors import (
    access_application_for_employer,
    access_job_for_employer,
    application_list_for_employer_job,
    application_list_interviews_for_employer,
    job_fast_defaults,
    job_list_for_employer,
    placement_list_for_employer,
    placement_list_for_employer_job,
)
from lingong.jobs.services import application_accept, application_create, application_decline, job_close
from lingong.matching.selectors import workers_for_job
from lingong.trades.selectors import job_type_list_active
from lingong.wages.services import wage_mark_paid
from lingong.workers.selectors import worker_get_active

from .access import BACKEND, employer_door, safe_next
from .access import code_missing as _code_missing
from .employer_forms import AppealForm, HoursForm, RatingForm, WagePaidForm
from .forms import EmployerSignUpForm, FastJobForm, PhoneCodeForm
from .services import job_create_once


@require_http_methods(["GET", "POST"])
def login_view(request):
    form = PhoneCodeForm(request.POST or None)
    sent = request.method == "POST" and request.POST.get("action") == "sign_in"
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            if request.POST.get("action") == "sign_in":
                if not _code_missing(form):
                    employer = employer_sign_in(phone=phone, code=form.cleaned_data["code"])
                    login(request, employer.user, backend=BACKEND)
                    return redirect(safe_next(request, "/e/"))
            else:
                employer_sign_in_code_send(phone=phone)
                sent = True
                form = PhoneCodeForm(initial={"phone": phone})
        except ApplicationError as error:
            if error.code == "not_registered":
                sent = False
            form_error_show(form, error)
    return render(request, "portal/employer/login.html", {"form": form, "sent": sent, "next": safe_next(request, "")})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("/")


@require_http_methods(["GET", "POST"])
def signup(request):
    form = EmployerSignUpForm(request.POST or None)
    sent = request.method == "POST" and request.POST.get("action") == "sign_up"
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("action") == "sign_up":
                if not _code_missing(form):
                    station = data["station"]
                    employer = employer_sign_up(
                        sms_code=data["code"],
                        kind=data["kind"],
                        name=data["name"],
                        contact_name=data["contact_name"],
                        contact_phone=data["contact_phone"],
                        address=data["address"],
                        id_number=data["id_number"] if data["kind"] == "individual" else "",
                        uscc=data["uscc"] if data["kind"] == "enterprise" else "",
                        station=station,
                        lat=station.lat,
                        lon=station.lon,
                        language=request.LANGUAGE_CODE,
                    )
                    login(request, employer.user, backend=BACKEND)
                    messages.success(request, _("Welcome! Your account is open. Post your first job below."))
                    return redirect("/e/post/")
            else:
                employer_sign_up_code_send(contact_phone=data["contact_phone"])
                sent = True
        except ApplicationError as error:
            form_error_show(form, error)
    return render(request, "portal/employer/signup.html", {"form": form, "sent": sent})


@require_GET
@employer_door
def home(request, employer):
    return render(
        request,
        "portal/employer/home.html",
        {
            "employer": employer,
            "jobs": job_list_for_employer(user=request.user),
            "interviews": application_list_interviews_for_employer(employer=employer),
            "sms_languages": settings.LANGUAGES,
        },
    )


@require_POST
@employer_door
def language_set(request, employer):
    try:
        employer_language_set(
            employer=employer, language=request.POST.get("language", ""), actor=request.user, channel=Channel.WEB
        )
        messages.success(request, _("Saved."))
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect("/e/")


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
                if created:
                    messages.success(request, _("Your job is posted. Here are workers who fit."))
                return redirect(f"/e/jobs/{job.pk}/")
    else:
        defaults = job_fast_defaults(job_type=job_type)
        area = employer.station
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
                "area": area.pk if area else None,
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
    applications = list(application_list_for_employer_job(user=request.user, job_id=job.pk))
    proposed = {a.worker_id for a in applications}
    candidates = (
        [m for m in workers_for_job(job=job, limit=20) if m.worker.pk not in proposed] if job.status == "open" else []
    )
    return render(
        request,
        "portal/employer/job.html",
        {
            "job": job,
            "candidates": candidates,
            "applications": [a for a in applications if a.status != "placed"],
            "placements": placement_list_for_employer_job(user=request.user, job_id=job.pk),
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


# --- protection and trust: the agreement, the day's hours, wages paid, rating, credit ---------


def _own_placement(employer, placement_id: int):
    """One of the employer's own placements, else 'not found' (404)."""
    return get_object_or_404(
        placement_list_for_employer(employer=employer).select_related("job__employer"), pk=placement_id
    )


def _refusal(form, error: ApplicationError) -> None:
    if isinstance(error, (NotAllowed, NotFound)):
        raise error
    form_error_show(form, error)


def _placement_page(request, placement, *, status=200, **forms_):
    now = timezone.localtime()
    records = list(attendance_list_for_placement(user=request.user, placement=placement))
    first = records[0] if records else None
    context = {
        "placement": placement,
        "job": placement.job,
        "now": now,
        "agreement": agreement_current_for_placement(placement=placement),
        "records": records,
        "wage": getattr(placement, "wage", None),
        "hours_form": HoursForm(
            initial={
                "day": first.day if first else placement.start_date,
                "check_in": timezone.localtime(first.check_in_at).time()
                if first and first.check_in_at
                else placement.start_time,
                "check_out": timezone.localtime(first.check_out_at).time()
                if first and first.check_out_at
                else placement.end_time,
            }
        ),
        "paid_form": WagePaidForm(
            initial={"paid_on": now.date(), "paid_time": now.time().replace(second=0, microsecond=0)}
        ),
        "rating_form": RatingForm(),
    }
    context.update(forms_)
    return render(request, "portal/employer/placement.html", context, status=status)


@require_GET
@employer_door
def placement_detail(request, employer, placement_id: int):
    return _placement_page(request, _own_placement(employer, placement_id))


@require_POST
@employer_door
def placement_sign(request, employer, placement_id: int):
    placement = _own_placement(employer, placement_id)
    agreement = agreement_current_for_placement(placement=placement)
    if agreement is None:
        raise NotFound()
    try:
        agreement_sign_employer(agreement=agreement, actor=request.user, channel=Channel.WEB)
        messages.success(request, _("You signed the agreement."))
    except ApplicationError as error:
        if isinstance(error, (NotAllowed, NotFound)):
            raise
        messages.error(request, str(error.message))
    return redirect(f"/e/placements/{placement.pk}/")


@require_POST
@employer_door
def placement_hours(request, employer, placement_id: int):
    placement = _own_placement(employer, placement_id)
    form = HoursForm(request.POST)
    if form.is_valid():
        check_in_at, check_out_at = form.times()
        try:
            attendance_record(
                placement=placement,
                day=form.cleaned_data["day"],
                check_in_at=check_in_at,
                check_out_at=check_out_at,
                actor=request.user,
                channel=Channel.WEB,
            )
        except ApplicationError as error:
            _refusal(form, error)
        else:
            messages.success(request, _("The hours are confirmed."))
            return redirect(f"/e/placements/{placement.pk}/")
    return _placement_page(request, placement, hours_form=form, status=400)


@require_POST
@employer_door
def placement_paid(request, employer, placement_id: int):
    placement = _own_placement(employer, placement_id)
    wage = getattr(placement, "wage", None)
    if wage is None:
        raise NotFound()
    form = WagePaidForm(request.POST)
    if form.is_valid():
        try:
            wage_mark_paid(
                wage=wage,
                amount_fen=form.cleaned_data["amount_yuan"],
                method=form.cleaned_data["method"],
                paid_at=form.paid_at(),
                actor=request.user,
                channel=Channel.WEB,
            )
        except ApplicationError as error:
            _refusal(form, error)
        else:
            messages.success(request, _("The payment is recorded. The worker will be asked to confirm."))
            return redirect(f"/e/placements/{placement.pk}/")
    return _placement_page(request, placement, paid_form=form, status=400)


@require_POST
@employer_door
def placement_rate(request, employer, placement_id: int):
    placement = _own_placement(employer, placement_id)
    form = RatingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            rating_create(
                placement=placement,
                side="employer",
                stars=data["stars"],
                tags=data["tags"],
                comment=data["comment"],
                actor=request.user,
            )
        except ApplicationError as error:
            _refusal(form, error)
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect(f"/e/placements/{placement.pk}/")
    return _placement_page(request, placement, rating_form=form, status=400)


def _credit_page(request, employer, *, form=None, status=200):
    explanation = credit_explain(subject=employer, user=request.user)
    pending = {a.credit_event_id for a in explanation.pending_appeals}
    return render(
        request,
        "portal/employer/credit.html",
        {
            "employer": employer,
            "explanation": explanation,
            "pending": pending,
            "form": form,
        },
        status=status,
    )


@require_GET
@employer_door
def credit_view(request, employer):
    return _credit_page(request, employer)


@require_POST
@employer_door
def credit_appeal(request, employer):
    from lingong.credit.models import CreditEvent

    form = AppealForm(request.POST)
    if form.is_valid():
        event = get_object_or_404(CreditEvent.objects.filter(employer=employer), pk=form.cleaned_data["event"])
        try:
            appeal_create(credit_event=event, reason=form.cleaned_data["reason"], actor=request.user)
        except ApplicationError as error:
            _refusal(form, error)
        else:
            messages.success(request, _("Your appeal is sent. Staff will decide within 72 hours."))
            return redirect("/e/credit/")
    return _credit_page(request, employer, form=form, status=400)
