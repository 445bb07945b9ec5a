"""My wages: say whether the pay arrived; help when it did not (a rights case)."""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lingong.core.errors import ApplicationError
from lingong.lifecycle import selectors as my_work
from lingong.rights.selectors import case_list_for_worker
from lingong.rights.services import rights_case_open
from lingong.wages.services import wage_receipt_confirm, wage_receipt_deny

from .common import (
    HELP_DONE_KEY,
    HELP_KEY,
    back_to_work,
    render_work,
    worker_required,
)


@require_POST
@worker_required
def wage_received(request, wage_id: int):
    wage = my_work.wage_of_worker(worker=request.worker, wage_id=wage_id)
    try:
        wage_receipt_confirm(wage=wage, actor=request.user, channel="kiosk")
    except ApplicationError as error:
        return back_to_work(request, error=error.message)
    return back_to_work(request, notice=_("Thank you. We noted that you received your wages."))


@require_POST
@worker_required
def wage_not_received(request, wage_id: int):
    wage = my_work.wage_of_worker(worker=request.worker, wage_id=wage_id)
    try:
        wage_receipt_deny(wage=wage, actor=request.user, channel="kiosk")
    except ApplicationError as error:
        return back_to_work(request, error=error.message)
    return back_to_work(
        request, notice=_("We noted that you did not get the money. Rights protection staff will call you.")
    )


@require_http_methods(["GET", "POST"])
@worker_required
def wage_help(request):
    """Wages not paid: step 1, the job (and so the employer) as picture-cards."""
    if request.method == "POST":
        try:
            placement = my_work.placement_of_worker(worker=request.worker, placement_id=request.POST.get("placement"))
        except ApplicationError:
            return redirect("kiosk:wage_help")
        request.session[HELP_KEY] = placement.pk
        return redirect("kiosk:wage_help_amount")
    return render_work(
        request,
        "kiosk/wage_help.html",
        {
            "choices": my_work.arrears_choices_for_worker(worker=request.worker),
            "step": 1,
            "steps": 2,
            "rights_window": my_work.rights_window_for_station(station=request.kiosk.station),
        },
        prompt="help",
    )


@require_http_methods(["GET", "POST"])
@worker_required
def wage_help_amount(request):
    """Step 2: the unpaid amount in yuan on the number pad; then the case is opened."""
    if not request.session.get(HELP_KEY):
        return redirect("kiosk:wage_help")
    placement = my_work.placement_of_worker(worker=request.worker, placement_id=request.session[HELP_KEY])
    error = None
    if request.method == "POST":
        text = request.POST.get("amount", "").strip()
        amount_fen = int(text) * 100 if text.isdigit() and len(text) <= 6 else 0
        with translation.override("zh-hans"):  # the officer's file is in Chinese
            description = _("Wages not paid: reported by the worker at the kiosk.")
        try:
            case = rights_case_open(
                workers=[request.worker],
                employer=placement.job.employer,
                kind="wage_arrears",
                description=description,
                channel="kiosk",
                actor=request.user,
                amount_claimed_fen=amount_fen,
                station=request.kiosk.station,
                placement=placement,
            )
        except ApplicationError as error_:
            error = error_
        else:
            request.session.pop(HELP_KEY, None)
            request.session[HELP_DONE_KEY] = case.pk
            return redirect("kiosk:wage_help_done")
    return render_work(
        request,
        "kiosk/number_pad.html",
        {
            "error": error and error.message,
            "field": "amount",
            "maxlength": 6,
            "title": _("How much were you not paid? (yuan)"),
            "step": 2,
            "steps": 2,
        },
        prompt="help_amount",
        status=error.status if error else 200,
    )


@require_GET
@worker_required
def wage_help_done(request):

    case = case_list_for_worker(worker=request.worker).filter(pk=request.session.get(HELP_DONE_KEY) or 0).first()
    if case is None:
        return redirect("kiosk:work")
    return render_work(
        request,
        "kiosk/wage_help_done.html",
        {
            "case": case,
            "rights_window": my_work.rights_window_for_station(station=request.kiosk.station),
            "hotline": request.kiosk.station.hotline,
        },
        prompt="help_done",
    )
