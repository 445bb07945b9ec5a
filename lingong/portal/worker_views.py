"""The worker door (我是零工找活): sign in by SMS, find work, answer employers."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lingong.core.errors import ApplicationError
from lingong.core.models import Channel
from lingong.jobs.selectors import (
    access_application_for_worker,
    access_job,
    application_list_for_worker,
    job_search,
    placement_list_for_worker,
    worker_message_list,
)
from lingong.jobs.services import application_accept, application_create, application_decline, application_withdraw
from lingong.matching.selectors import jobs_for_worker
from lingong.workers.models import SLOTS
from lingong.workers.services import (
    NotRegistered,
    TradeSkill,
    worker_availability_set,
    worker_phone_change_by_sms,
    worker_phone_change_code_send,
    worker_profile_update,
    worker_register_code_send,
    worker_register_web,
    worker_sign_in,
    worker_sign_in_code_send,
    worker_trades_set,
)

from .access import BACKEND, code_missing as _code_missing, form_error, safe_next, worker_door
from .forms import AvailabilityForm, JobSearchForm, PhoneChangeForm, PhoneCodeForm, ProfileForm, TradesForm, WorkerRegisterForm
from .templatetags.portal import weekday_names



@require_http_methods(["GET", "POST"])
def login_view(request):
    """Step 1: the phone number, a code is sent. Step 2: the code, and in."""
    form = PhoneCodeForm(request.POST or None)
    sent = request.method == "POST" and request.POST.get("action") == "sign_in"
    not_registered = False
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            if request.POST.get("action") == "sign_in":
                if not _code_missing(form):
                    worker = worker_sign_in(phone=phone, code=form.cleaned_data["code"])
                    login(request, worker.user, backend=BACKEND)
                    return redirect(safe_next(request, "/w/"))
            else:
                worker_sign_in_code_send(phone=phone)
                sent = True
                form = PhoneCodeForm(initial={"phone": phone})
        except NotRegistered as error:
            not_registered, sent = True, False
            form_error(form, error)
        except ApplicationError as error:
            form_error(form, error)
    return render(request, "portal/worker/login.html",
                  {"form": form, "sent": sent, "not_registered": not_registered, "next": safe_next(request, "")})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("/")


@require_http_methods(["GET", "POST"])
def register(request):
    form = WorkerRegisterForm(request.POST or None)
    sent = request.method == "POST" and request.POST.get("action") == "register"
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("action") == "register":
                if not _code_missing(form):
                    worker = worker_register_web(
                        sms_code=data["code"], name=data["name"], id_number=data["id_number"], phone=data["phone"],
                        trades=[TradeSkill(t) for t in data["trades"]], speaks_zh=data["speaks_zh"],
                        speaks_bo=data["speaks_bo"],
                        consent_notice_version=settings.CONSENT_NOTICE_VERSION if data["consent"] else "",
                    )
                    login(request, worker.user, backend=BACKEND)
                    messages.success(request, _("Welcome! You are registered."))
                    return redirect("/w/profile/")
            else:
                worker_register_code_send(phone=data["phone"])
                sent = True
        except ApplicationError as error:
            form_error(form, error)
    return render(request, "portal/worker/register.html",
                  {"form": form, "sent": sent, "notice_version": settings.CONSENT_NOTICE_VERSION})


@require_GET
@worker_door
def home(request, worker):
    return render(request, "portal/worker/home.html", {"worker": worker, "matches": jobs_for_worker(worker=worker, limit=10)})


@require_GET
@worker_door
def profile(request, worker):
    grid = [(name, [worker.is_available(d, s) for s in range(len(SLOTS))]) for d, name in enumerate(weekday_names())]
    return render(request, "portal/worker/profile.html", {
        "worker": worker, "trades": worker.trades.select_related("job_type"), "grid": grid,
    })


@require_http_methods(["GET", "POST"])
@worker_door
def profile_trades(request, worker):
    current = [t.job_type_id for t in worker.trades.all()]
    form = TradesForm(request.POST or None, initial={"trades": current})
    if request.method == "POST" and form.is_valid():
        try:
            worker_trades_set(worker=worker, trades=[TradeSkill(t, level=2) for t in form.cleaned_data["trades"]],
                              actor=request.user, channel=Channel.WEB)
            messages.success(request, _("Saved."))
            return redirect("/w/profile/")
        except ApplicationError as error:
            form_error(form, error)
    return render(request, "portal/worker/form.html", {"form": form, "title": _("What work can you do?")})


@require_http_methods(["GET", "POST"])
@worker_door
def profile_times(request, worker):
    initial = [f"{d}-{s}" for d in range(7) for s in range(len(SLOTS)) if worker.is_available(d, s)]
    form = AvailabilityForm(request.POST or None, initial={"slots": initial})
    if request.method == "POST" and form.is_valid():
        try:
            worker_availability_set(worker=worker, availability_mask=form.mask(), actor=request.user, channel=Channel.WEB)
            messages.success(request, _("Saved."))
            return redirect("/w/profile/")
        except ApplicationError as error:
            form_error(form, error)
    chosen = set(form["slots"].value() or [])
    rows = [(name, [(f"{d}-{s}", f"{d}-{s}" in chosen) for s in range(len(SLOTS))]) for d, name in enumerate(weekday_names())]
    return render(request, "portal/worker/times.html", {"form": form, "rows": rows})


@require_http_methods(["GET", "POST"])
@worker_door
def profile_edit(request, worker):
    initial = {
        "name_bo": worker.name_bo, "home_area": worker.home_area, "travel_km": worker.travel_km,
        "min_day_pay_yuan": (worker.min_day_pay_fen // 100) or "", "max_intensity": worker.max_intensity,
        "speaks_zh": worker.speaks_zh, "speaks_bo": worker.speaks_bo,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {k: data[k] for k in ("name_bo", "home_area", "travel_km", "max_intensity", "speaks_zh", "speaks_bo")}
        changes["min_day_pay_fen"] = data["min_day_pay_yuan"]
        if data["home_station"] is not None:
            changes.update(home_lat=data["home_station"].lat, home_lon=data["home_station"].lon)
        try:
            worker_profile_update(worker=worker, actor=request.user, channel=Channel.WEB, **changes)
            messages.success(request, _("Saved."))
            return redirect("/w/profile/")
        except ApplicationError as error:
            form_error(form, error)
    return render(request, "portal/worker/form.html", {"form": form, "title": _("Change my details")})


@require_http_methods(["GET", "POST"])
@worker_door
def profile_phone(request, worker):
    form = PhoneChangeForm(request.POST or None)
    sent = request.method == "POST" and request.POST.get("action") == "change"
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            if request.POST.get("action") == "change":
                if not _code_missing(form):
                    worker_phone_change_by_sms(worker=worker, new_phone=phone, code=form.cleaned_data["code"],
                                               actor=request.user, channel=Channel.WEB)
                    messages.success(request, _("Your phone number is changed."))
                    return redirect("/w/profile/")
            else:
                worker_phone_change_code_send(worker=worker, new_phone=phone, actor=request.user)
                sent = True
        except ApplicationError as error:
            form_error(form, error)
    return render(request, "portal/worker/phone.html", {"form": form, "sent": sent, "worker": worker})


@require_GET
@worker_door
def jobs(request, worker):
    form = JobSearchForm(request.GET or None)
    found = []
    if not request.GET:
        found = job_search(limit=50)
    elif form.is_valid():
        data = form.cleaned_data
        area = data["area"]
        found = job_search(
            trade=data["trade"], day=data["day"],
            near=(area.lat, area.lon, worker.travel_km) if area else None,
            min_pay_fen=(data["min_pay_yuan"] or 0) * 100 or None, limit=50,
        )
    return render(request, "portal/worker/jobs.html", {"form": form, "jobs": found})


@require_GET
@worker_door
def job_detail(request, worker, job_id: int):
    return render(request, "portal/worker/job.html", {"job": access_job(user=request.user, job_id=job_id)})


@require_POST
@worker_door
def job_apply(request, worker, job_id: int):
    job = access_job(user=request.user, job_id=job_id)
    try:
        application_create(job=job, worker=worker, origin="worker", channel=Channel.WEB, actor=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(f"/w/jobs/{job.pk}/")
    messages.success(request, _("You applied. The employer will answer; see “My jobs”."))
    return redirect("/w/mine/")


@require_GET
@worker_door
def mine(request, worker):
    return render(request, "portal/worker/mine.html", {
        "applications": application_list_for_worker(worker=worker).exclude(status="placed"),
        "placements": placement_list_for_worker(worker=worker),
    })


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
