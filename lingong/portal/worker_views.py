"""The worker door (我是零工找活): sign in by SMS, find work, answer employers."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lingong.agreements.services import agreement_sign_code_send, agreement_sign_worker
from lingong.attendance.services import placement_confirm
from lingong.core.errors import ApplicationError
from lingong.core.forms import form_error_show
from lingong.core.models import Channel
from lingong.credit.models import RATING_TAGS
from lingong.credit.selectors import credit_event_of_worker, credit_explain, penalty_of_worker
from lingong.credit.services import appeal_create, rating_create
from lingong.jobs.selectors import (
    access_application_for_worker,
    access_job,
    application_list_for_worker,
    job_search_page,
    placement_list_for_worker,
    worker_message_list,
)
from lingong.jobs.services import application_accept, application_create, application_decline, application_withdraw
from lingong.lifecycle import selectors as my_work
from lingong.matching.selectors import jobs_for_worker
from lingong.wages.selectors import wage_totals_for_worker
from lingong.wages.services import wage_receipt_confirm, wage_receipt_deny
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

from .access import BACKEND, safe_next, worker_door
from .access import code_missing as _code_missing
from .forms import (
    AvailabilityForm,
    JobSearchForm,
    PhoneChangeForm,
    PhoneCodeForm,
    ProfileForm,
    TradesForm,
    WorkerRegisterForm,
)
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
            form_error_show(form, error)
        except ApplicationError as error:
            form_error_show(form, error)
    return render(
        request,
        "portal/worker/login.html",
        {"form": form, "sent": sent, "not_registered": not_registered, "next": safe_next(request, "")},
    )


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
                        sms_code=data["code"],
                        name=data["name"],
                        id_number=data["id_number"],
                        phone=data["phone"],
                        trades=[TradeSkill(t) for t in data["trades"]],
                        speaks_zh=data["speaks_zh"],
                        speaks_bo=data["speaks_bo"],
                        consent_notice_version=settings.CONSENT_NOTICE_VERSION if data["consent"] else "",
                        language=request.LANGUAGE_CODE,
                    )
                    login(request, worker.user, backend=BACKEND)
                    messages.success(request, _("Welcome! You are registered."))
                    return redirect("/w/profile/")
            else:
                worker_register_code_send(phone=data["phone"])
                sent = True
        except ApplicationError as error:
            form_error_show(form, error)
    return render(
        request,
        "portal/worker/register.html",
        {"form": form, "sent": sent, "notice_version": settings.CONSENT_NOTICE_VERSION},
    )


@require_GET
@worker_door
def home(request, worker):
    return render(
        request, "portal/worker/home.html", {"worker": worker, "matches": jobs_for_worker(worker=worker, limit=10)}
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


JOBS_PER_PAGE = 20


@require_GET
@worker_door
def jobs(request, worker):
    """Open jobs, the true count of all that match, a page at a time."""
    filters = {k: v for k, v in request.GET.items() if k != "page"}
    form = JobSearchForm(filters or None)
    page = None
    if not filters:
        page = job_search_page(page=request.GET.get("page"), per_page=JOBS_PER_PAGE)
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
            "jobs": page.object_list if page else [],
            "count": page.paginator.count if page else 0,
        },
    )


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
    messages.success(request, _("You applied. The employer will answer; see “Applications and invitations”."))
    return redirect("/w/mine/")


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


# --- my work: confirm, agreement, wages, rating; why is my score this? ----------------------
# Look-ups are scoped to the signed-in worker (lingong.lifecycle.selectors): another worker's record is a 404.


EMPLOYER_TAGS = ("paid_on_time", "fair", "safe_workplace", "as_described", "paid_late")


def _done(request, act, success, to="/w/work/"):
    """Run one service; its refusal becomes the message on the page we go back to."""
    try:
        act()
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, success)
    return redirect(to)


@require_GET
@worker_door
def work(request, worker):
    return render(
        request,
        "portal/worker/work.html",
        {"rows": my_work.my_work_for_worker(worker=worker), "totals": wage_totals_for_worker(worker=worker)},
    )


@require_POST
@worker_door
def work_confirm(request, worker, placement_id: int):
    placement = my_work.placement_of_worker(worker=worker, placement_id=placement_id)
    return _done(
        request,
        lambda: placement_confirm(placement=placement, actor=request.user, channel=Channel.WEB),
        _("Thank you. You said you will come."),
    )


@require_http_methods(["GET", "POST"])
@worker_door
def agreement_sign(request, worker, agreement_id: int):
    """Send the SMS code, then type it: the signature online."""
    agreement = my_work.agreement_of_worker(worker=worker, agreement_id=agreement_id)
    error, sent, status = None, False, 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "send":
                agreement_sign_code_send(agreement=agreement, actor=request.user)
                sent = True
            else:
                sent = True
                agreement_sign_worker(
                    agreement=agreement,
                    actor=request.user,
                    channel=Channel.WEB,
                    method="sms",
                    sms_code=request.POST.get("code", "")[:12],
                )
                messages.success(request, _("You have signed the agreement."))
                return redirect("/w/work/")
        except ApplicationError as error_:
            error, status = error_.message, error_.status
    return render(
        request,
        "portal/worker/agreement_sign.html",
        {
            "agreement": agreement,
            "placement": agreement.placement,
            "job": agreement.placement.job,
            "error": error,
            "sent": sent,
            "signable": agreement.status in my_work.SIGNABLE,
            "phone": worker.phone_masked,
        },
        status=status,
    )


@require_POST
@worker_door
def wage_received(request, worker, wage_id: int):
    wage = my_work.wage_of_worker(worker=worker, wage_id=wage_id)
    return _done(
        request,
        lambda: wage_receipt_confirm(wage=wage, actor=request.user, channel=Channel.WEB),
        _("Thank you. We noted that you received your wages."),
    )


@require_POST
@worker_door
def wage_not_received(request, worker, wage_id: int):
    wage = my_work.wage_of_worker(worker=worker, wage_id=wage_id)
    return _done(
        request,
        lambda: wage_receipt_deny(
            wage=wage, actor=request.user, channel=Channel.WEB, reason=request.POST.get("reason", "")[:200]
        ),
        _("We noted that you did not get the money. Rights protection staff will call you."),
    )


@require_http_methods(["GET", "POST"])
@worker_door
def rate(request, worker, placement_id: int):
    placement = my_work.placement_of_worker(worker=worker, placement_id=placement_id)
    error, status = None, 200
    if request.method == "POST":
        stars = request.POST.get("stars", "").strip()
        try:
            rating_create(
                placement=placement,
                side="worker",
                actor=request.user,
                stars=int(stars) if stars.isdigit() and len(stars) < 3 else 0,
                tags=[t[:30] for t in request.POST.getlist("tags")[:10]],
            )
        except ApplicationError as error_:
            error, status = error_.message, error_.status
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect("/w/work/")
    return render(
        request,
        "portal/worker/rate.html",
        {
            "placement": placement,
            "job": placement.job,
            "error": error,
            "stars": range(1, 6),
            "tags": [(key, RATING_TAGS[key]) for key in EMPLOYER_TAGS],
        },
        status=status,
    )


@require_GET
@worker_door
def score(request, worker):
    return render(
        request, "portal/worker/score.html", {"explanation": credit_explain(subject=worker, user=request.user)}
    )


@require_POST
@worker_door
def appeal(request, worker, kind: str, target_id: int):
    if kind == "event":
        contested = {"credit_event": credit_event_of_worker(worker=worker, event_id=target_id)}
    elif kind == "penalty":
        contested = {"penalty": penalty_of_worker(worker=worker, penalty_id=target_id)}
    else:
        return redirect("/w/score/")
    return _done(
        request,
        lambda: appeal_create(reason=request.POST.get("reason", "")[:2001], actor=request.user, **contested),
        _("Your appeal is sent. Staff will decide within three days."),
        to="/w/score/",
    )
