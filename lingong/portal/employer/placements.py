"""After the hire: the agreement, hours, wages paid, rating the worker."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lingong.agreements.selectors import agreement_current_for_placement
from lingong.agreements.services import agreement_sign_employer
from lingong.attendance.selectors import attendance_list_for_placement
from lingong.attendance.services import attendance_record
from lingong.core.errors import ApplicationError, NotAllowed, NotFound
from lingong.core.models import Channel
from lingong.credit.services import rating_create
from lingong.wages.services import wage_mark_paid

from ..access import employer_door
from ..employer_forms import HoursForm, RatingForm, WagePaidForm
from .common import own_placement, refusal_on_form


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
    return _placement_page(request, own_placement(employer, placement_id))


@require_POST
@employer_door
def placement_sign(request, employer, placement_id: int):
    placement = own_placement(employer, placement_id)
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
    placement = own_placement(employer, placement_id)
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
            refusal_on_form(form, error)
        else:
            messages.success(request, _("The hours are confirmed."))
            return redirect(f"/e/placements/{placement.pk}/")
    return _placement_page(request, placement, hours_form=form, status=400)


@require_POST
@employer_door
def placement_paid(request, employer, placement_id: int):
    placement = own_placement(employer, placement_id)
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
            refusal_on_form(form, error)
        else:
            messages.success(request, _("The payment is recorded. The worker will be asked to confirm."))
            return redirect(f"/e/placements/{placement.pk}/")
    return _placement_page(request, placement, paid_form=form, status=400)


@require_POST
@employer_door
def placement_rate(request, employer, placement_id: int):
    placement = own_placement(employer, placement_id)
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
            refusal_on_form(form, error)
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect(f"/e/placements/{placement.pk}/")
    return _placement_page(request, placement, rating_form=form, status=400)
