"""My work: confirm I will come, sign the agreement, rate the employer."""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lingong.agreements.services import agreement_sign_code_send, agreement_sign_worker
from lingong.attendance.services import placement_confirm
from lingong.core.errors import ApplicationError
from lingong.credit.services import rating_create
from lingong.lifecycle import selectors as my_work
from lingong.wages.selectors import wage_totals_for_worker

from .common import (
    SIGN_KEY,
    back_to_work,
    render_work,
    worker_required,
)


@require_GET
@worker_required
def work(request):
    return render_work(
        request,
        "kiosk/work.html",
        {
            "rows": my_work.my_work_for_worker(worker=request.worker),
            "totals": wage_totals_for_worker(worker=request.worker),
            "notice": request.session.pop("kiosk_notice", None),
            "error": request.session.pop("kiosk_error", None),
        },
        prompt="work",
    )


@require_POST
@worker_required
def work_confirm(request, placement_id: int):
    placement = my_work.placement_of_worker(worker=request.worker, placement_id=placement_id)
    try:
        placement_confirm(placement=placement, actor=request.user, channel="kiosk")
    except ApplicationError as error:
        return back_to_work(request, error=error.message)
    return back_to_work(request, notice=_("Thank you. You said you will come."))


@require_http_methods(["GET", "POST"])
@worker_required
def agreement_sign(request, agreement_id: int):
    """Screen 1 of signing: see the agreement, ask for the SMS code."""
    agreement = my_work.agreement_of_worker(worker=request.worker, agreement_id=agreement_id)
    error = None
    if request.method == "POST":
        try:
            agreement_sign_code_send(agreement=agreement, actor=request.user)
        except ApplicationError as error_:
            error = error_
        else:
            request.session[SIGN_KEY] = agreement.pk
            return redirect("kiosk:agreement_code", agreement_id=agreement.pk)
    return render_work(
        request,
        "kiosk/agreement_sign.html",
        {
            "agreement": agreement,
            "placement": agreement.placement,
            "job": agreement.placement.job,
            "signable": agreement.status in my_work.SIGNABLE,
            "error": error and error.message,
            "phone": request.worker.phone_masked,
        },
        prompt="sign",
        status=error.status if error else 200,
    )


@require_http_methods(["GET", "POST"])
@worker_required
def agreement_code(request, agreement_id: int):
    """Screen 2 of signing: the code from the SMS on the number pad."""
    agreement = my_work.agreement_of_worker(worker=request.worker, agreement_id=agreement_id)
    if request.session.get(SIGN_KEY) != agreement.pk:
        return redirect("kiosk:agreement_sign", agreement_id=agreement.pk)
    error = None
    if request.method == "POST":
        try:
            agreement_sign_worker(
                agreement=agreement,
                actor=request.user,
                channel="kiosk",
                method="sms",
                sms_code=request.POST.get("code", "")[:12],
            )
        except ApplicationError as error_:
            error = error_
        else:
            request.session.pop(SIGN_KEY, None)
            return back_to_work(request, notice=_("You have signed the agreement."))
    return render_work(
        request,
        "kiosk/number_pad.html",
        {
            "error": error and error.message,
            "field": "code",
            "maxlength": 6,
            "title": _("The code from the SMS"),
            "step": 2,
            "steps": 2,
        },
        prompt="sign_code",
        status=error.status if error else 200,
    )


def _stars(value) -> int:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 3 else 0  # the service says what is wrong


@require_http_methods(["GET", "POST"])
@worker_required
def rate(request, placement_id: int):
    placement = my_work.placement_of_worker(worker=request.worker, placement_id=placement_id)
    error = None
    if request.method == "POST":
        try:
            rating_create(
                placement=placement, side="worker", stars=_stars(request.POST.get("stars")), actor=request.user
            )
        except ApplicationError as error_:
            error = error_
        else:
            return back_to_work(request, notice=_("Thank you for your rating."))
    return render_work(
        request,
        "kiosk/rate.html",
        {"placement": placement, "job": placement.job, "stars": range(1, 6), "error": error and error.message},
        prompt="rate",
        status=error.status if error else 200,
    )
