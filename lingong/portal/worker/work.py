"""My work: confirm, sign the agreement, say whether the wage arrived, rate the employer."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lingong.agreements.services import agreement_sign_code_send, agreement_sign_worker
from lingong.attendance.services import placement_confirm
from lingong.core.errors import ApplicationError
from lingong.core.models import Channel
from lingong.credit.models import RATING_TAGS
from lingong.credit.services import rating_create
from lingong.lifecycle import selectors as my_work
from lingong.rights.selectors import duty_schedule_public
from lingong.wages.selectors import wage_totals_for_worker
from lingong.wages.services import wage_receipt_confirm, wage_receipt_deny

from ..access import worker_door
from .common import done_redirect

EMPLOYER_TAGS = ("paid_on_time", "fair", "safe_workplace", "as_described", "paid_late")


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
    return done_redirect(
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
    return done_redirect(
        request,
        lambda: wage_receipt_confirm(wage=wage, actor=request.user, channel=Channel.WEB),
        _("Thank you. We noted that you received your wages."),
    )


@require_POST
@worker_door
def wage_not_received(request, worker, wage_id: int):
    wage = my_work.wage_of_worker(worker=worker, wage_id=wage_id)
    return done_redirect(
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
def duty(request, worker):
    """When a lawyer or rights officer is at which window, at the worker's station and the market, this week."""
    rows = duty_schedule_public(station=worker.registered_station, today=timezone.localdate(), days=7)
    by_day: dict = {}
    for row in rows:
        by_day.setdefault(row.date, []).append(row)
    return render(
        request,
        "portal/worker/duty.html",
        {"days": list(by_day.items()), "station": worker.registered_station},
    )
