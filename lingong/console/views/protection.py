"""The console's protection screens: at-risk confirmations, follow-up calls, appeals and disputes.

Thin views: parse the form, call one service or selector, render. Access checks are in the domain.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lingong.attendance.models import AttendanceRecord
from lingong.attendance.selectors import attendance_list_disputed_for_staff
from lingong.attendance.services import (
    attendance_dispute_decide,
    confirmation_list_at_risk,
    placement_confirm,
)
from lingong.core.errors import ApplicationError, NotAllowed, NotFound
from lingong.core.forms import form_error_show
from lingong.core.models import Channel
from lingong.credit.models import Appeal
from lingong.credit.selectors import appeal_list_for_staff
from lingong.credit.services import appeal_decide
from lingong.followups.models import FollowUp
from lingong.followups.selectors import followup_list_for_station_day
from lingong.followups.services import followup_record_outcome
from lingong.jobs.models import Placement
from lingong.rights.selectors import duty_shift_list
from lingong.wages.models import WagePayment
from lingong.wages.services import wage_receipt_confirm

from .. import forms as console_forms
from ..protection_forms import DecideForm, DisputeDecideForm, FollowUpOutcomeForm
from .common import console_context, console_station, console_view


def _station_id(request):
    station = console_station(request)
    return station.pk if station else None


def _message(request, error: ApplicationError) -> None:
    """A refusal of the role or a missing record stays a 403/404 page; anything else is said on the page."""
    if isinstance(error, (NotAllowed, NotFound)):
        raise error
    messages.error(request, str(error.message))


def _form_failed(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


# --- at risk: placements not yet confirmed ------------------------------------------------


@console_view
@require_GET
def at_risk(request):
    rows = confirmation_list_at_risk(user=request.user, now=timezone.now(), station_id=_station_id(request))
    return render(
        request,
        "console/at_risk.html",
        console_context(
            request,
            rows=list(rows[:200]),
            reveal_form=console_forms.RevealForm(),
        ),
    )


@console_view
@require_POST
def placement_confirm_view(request, pk: int):
    placement = get_object_or_404(Placement.objects.select_related("job", "worker"), pk=pk)
    try:
        placement_confirm(placement=placement, actor=request.user, channel=Channel.WINDOW)
    except ApplicationError as error:
        _message(request, error)
        return redirect("console:at_risk")
    messages.success(request, _("Confirmed by phone: %(name)s.") % {"name": placement.worker.name})
    return redirect("console:at_risk")


# --- follow-up calls of the day ---------------------------------------------------------------


def _followups_page(request, *, failed=None, status=200):
    station = console_station(request)
    rows = (
        list(followup_list_for_station_day(user=request.user, station=station, day=timezone.localdate())[:200])
        if station
        else []
    )
    forms_ = [(f, failed[1] if failed and failed[0] == f.pk else FollowUpOutcomeForm()) for f in rows]
    # A refused call for a row this user does not see (another station's): still say why.
    refused = failed[1] if failed and failed[0] not in {f.pk for f in rows} else None
    return render(
        request, "console/followups.html", console_context(request, rows=forms_, refused=refused), status=status
    )


@console_view
@require_GET
def followups(request):
    return _followups_page(request)


@console_view
@require_POST
def followup_outcome(request, pk: int):
    followup = get_object_or_404(
        FollowUp.objects.select_related("placement__worker", "placement__job__employer"), pk=pk
    )
    form = FollowUpOutcomeForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            _followup, case = followup_record_outcome(
                followup=followup,
                actor=request.user,
                reached=data["reached"],
                working=data["working"],
                paid_as_agreed=data["paid_as_agreed"],
                satisfied=data["satisfied"],
                note=data["note"],
                open_case=data["open_case"],
                case_kind=data["case_kind"],
                amount_claimed_fen=data["amount_claimed_yuan"],
                case_description=data["case_description"],
            )
        except ApplicationError as error:
            status = form_error_show(form, error)
        else:
            if case is not None:
                messages.success(request, _("The call is recorded and a rights case is opened."))
            else:
                messages.success(request, _("The call is recorded."))
            return redirect("console:followups")
    return _followups_page(request, failed=(followup.pk, form), status=status)


# --- appeals and attendance disputes to decide ----------------------------------------------


def _decisions_page(request, *, failed=None, status=200):
    station = console_station(request)
    try:
        appeals = list(appeal_list_for_staff(user=request.user, station=station)[:200])
    except NotAllowed:  # a role that may not decide appeals still sees the disputes
        appeals = None
    disputes = list(attendance_list_disputed_for_staff(user=request.user, station_id=_station_id(request))[:200])
    failed = failed or (None, None, None)
    shown = {("appeal", a.pk) for a in appeals or ()} | {("dispute", d.pk) for d in disputes}
    return render(
        request,
        "console/decisions.html",
        console_context(
            request,
            duty_today=duty_shift_list(user=request.user, day=timezone.localdate(), station=station),
            may_view_roster=True,
            refused=failed[2] if failed[2] is not None and (failed[0], failed[1]) not in shown else None,
            appeals=None
            if appeals is None
            else [(a, failed[2] if failed[0] == "appeal" and failed[1] == a.pk else DecideForm()) for a in appeals],
            disputes=[
                (d, failed[2] if failed[0] == "dispute" and failed[1] == d.pk else DisputeDecideForm())
                for d in disputes
            ],
        ),
        status=status,
    )


@console_view
@require_GET
def decisions(request):
    return _decisions_page(request)


@console_view
@require_POST
def appeal_decide_view(request, pk: int):
    appeal = get_object_or_404(Appeal, pk=pk)
    form = DecideForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            appeal_decide(
                appeal=appeal,
                uphold=form.cleaned_data["decision"] == "uphold",
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ApplicationError as error:
            status = form_error_show(form, error)
        else:
            messages.success(request, _("The appeal is decided."))
            return redirect("console:decisions")
    return _decisions_page(request, failed=("appeal", appeal.pk, form), status=status)


@console_view
@require_POST
def dispute_decide_view(request, pk: int):
    record = get_object_or_404(AttendanceRecord.objects.select_related("placement__job", "placement__worker"), pk=pk)
    form = DisputeDecideForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            attendance_dispute_decide(
                record=record,
                actor=request.user,
                worked=form.cleaned_data["worked"],
                minutes=form.minutes(),
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            status = form_error_show(form, error)
        else:
            messages.success(request, _("The dispute is decided."))
            return redirect("console:decisions")
    return _decisions_page(request, failed=("dispute", record.pk, form), status=status)


# --- wages: the worker says on the phone that the money came ------------------------------------


@console_view
@require_POST
def wage_received_by_phone(request, pk: int):
    wage = get_object_or_404(WagePayment.objects.select_related("placement__worker"), pk=pk)
    try:
        wage_receipt_confirm(wage=wage, actor=request.user, channel=Channel.WINDOW)
    except ApplicationError as error:
        _message(request, error)
    else:
        messages.success(request, _("Recorded: the worker received the wage."))
    return redirect("console:worker", pk=wage.placement.worker_id)
