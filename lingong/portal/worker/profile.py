"""The worker's home and profile: trades, times, details, phone."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lingong.core.errors import ApplicationError
from lingong.core.forms import form_error_show
from lingong.core.models import Channel
from lingong.matching.learning import jobs_shown_to_worker
from lingong.matching.models import ExposureSurface
from lingong.matching.selectors import training_suggestion
from lingong.workers.models import SLOTS
from lingong.workers.services import (
    TradeSkill,
    worker_availability_set,
    worker_phone_change_by_sms,
    worker_phone_change_code_send,
    worker_profile_update,
    worker_trades_set,
)

from ..access import code_missing as _code_missing
from ..access import worker_door
from ..forms import (
    AvailabilityForm,
    PhoneChangeForm,
    ProfileForm,
    TradesForm,
)
from ..templatetags.portal import weekday_names


@require_GET
@worker_door
def home(request, worker):
    return render(
        request,
        "portal/worker/home.html",
        {
            "worker": worker,
            "matches": jobs_shown_to_worker(worker=worker, surface=ExposureSurface.APP, limit=10),
            "suggestion": training_suggestion(worker=worker),
        },
    )


@require_GET
@worker_door
def profile(request, worker):
    grid = [(name, [worker.is_available(d, s) for s in range(len(SLOTS))]) for d, name in enumerate(weekday_names())]
    return render(
        request,
        "portal/worker/profile.html",
        {
            "worker": worker,
            "trades": worker.trades.select_related("job_type"),
            "grid": grid,
        },
    )


@require_http_methods(["GET", "POST"])
@worker_door
def profile_trades(request, worker):
    current = [t.job_type_id for t in worker.trades.all()]
    form = TradesForm(request.POST or None, initial={"trades": current})
    if request.method == "POST" and form.is_valid():
        try:
            worker_trades_set(
                worker=worker,
                trades=[TradeSkill(t, level=2) for t in form.cleaned_data["trades"]],
                actor=request.user,
                channel=Channel.WEB,
            )
            messages.success(request, _("Saved."))
            return redirect("/w/profile/")
        except ApplicationError as error:
            form_error_show(form, error)
    return render(request, "portal/worker/form.html", {"form": form, "title": _("What work can you do?")})


@require_http_methods(["GET", "POST"])
@worker_door
def profile_times(request, worker):
    initial = [f"{d}-{s}" for d in range(7) for s in range(len(SLOTS)) if worker.is_available(d, s)]
    form = AvailabilityForm(request.POST or None, initial={"slots": initial})
    if request.method == "POST" and form.is_valid():
        try:
            worker_availability_set(
                worker=worker, availability_mask=form.mask(), actor=request.user, channel=Channel.WEB
            )
            messages.success(request, _("Saved."))
            return redirect("/w/profile/")
        except ApplicationError as error:
            form_error_show(form, error)
    chosen = set(form["slots"].value() or [])
    rows = [
        (name, [(f"{d}-{s}", f"{d}-{s}" in chosen) for s in range(len(SLOTS))])
        for d, name in enumerate(weekday_names())
    ]
    return render(request, "portal/worker/times.html", {"form": form, "rows": rows})


@require_http_methods(["GET", "POST"])
@worker_door
def profile_edit(request, worker):
    initial = {
        "name_bo": worker.name_bo,
        "home_area": worker.home_area,
        "travel_km": worker.travel_km,
        "min_day_pay_yuan": (worker.min_day_pay_fen // 100) or "",
        "max_intensity": worker.max_intensity,
        "speaks_zh": worker.speaks_zh,
        "speaks_bo": worker.speaks_bo,
        "language": worker.language,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {k: data[k] for k in ("name_bo", "home_area", "travel_km", "max_intensity", "speaks_zh", "speaks_bo")}
        if data["language"]:
            changes["language"] = data["language"]
        changes["min_day_pay_fen"] = data["min_day_pay_yuan"]
        if data["home_station"] is not None:
            changes.update(home_lat=data["home_station"].lat, home_lon=data["home_station"].lon)
        try:
            worker_profile_update(worker=worker, actor=request.user, channel=Channel.WEB, **changes)
            messages.success(request, _("Saved."))
            return redirect("/w/profile/")
        except ApplicationError as error:
            form_error_show(form, error)
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
                    worker_phone_change_by_sms(
                        worker=worker,
                        new_phone=phone,
                        code=form.cleaned_data["code"],
                        actor=request.user,
                        channel=Channel.WEB,
                    )
                    messages.success(request, _("Your phone number is changed."))
                    return redirect("/w/profile/")
            else:
                worker_phone_change_code_send(worker=worker, new_phone=phone, actor=request.user)
                sent = True
        except ApplicationError as error:
            form_error_show(form, error)
    return render(request, "portal/worker/phone.html", {"form": form, "sent": sent, "worker": worker})
