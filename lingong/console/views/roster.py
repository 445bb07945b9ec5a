"""The rights windows' duty roster: a week per station; add, change, remove and repeat shifts.

Thin views: parse the form, call one service or selector, render. Who may change the
roster (the station's staff, rights officers, the district) is the `duty.change` rule.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lingong.accounts.models import Role
from lingong.accounts.selectors import role_allows
from lingong.core.errors import ApplicationError, NotAllowed, NotFound
from lingong.core.forms import form_error_show
from lingong.rights.selectors import (
    access_duty_shift,
    duty_roster_week,
    officer_list_for_roster,
    week_start_of,
)
from lingong.rights.services import (
    duty_shift_change,
    duty_shift_create,
    duty_shift_remove,
    duty_shift_repeat_weekly,
)
from lingong.stations.selectors import station_list_active

from ..roster_forms import RepeatForm, ShiftForm
from .common import console_context, console_station, console_view, int_or_none


def _roster_station(request):
    """Station staff: their own; others: the one asked for, else the one picked in the console, else the market."""
    if request.user.role == Role.STATION_STAFF:
        return request.user.station
    stations = station_list_active()
    wanted = int_or_none(request.GET.get("station") or request.POST.get("station"))
    picked = next((s for s in stations if s.pk == wanted), None) if wanted else None
    return picked or console_station(request) or next((s for s in stations if s.kind == "market"), None)


def _week_of(request) -> date:
    try:
        day = date.fromisoformat(request.GET.get("week") or request.POST.get("week") or "")
    except ValueError:
        day = timezone.localdate()
    return week_start_of(day)


def _roster_url(station, week: date) -> str:
    return f"{reverse('console:roster')}?station={station.pk}&week={week.isoformat()}"


def _roster_page(request, *, station, week: date, form=None, status=200):
    officers = officer_list_for_roster(user=request.user)
    may_change = role_allows(request.user, "duty.change", station_id=station.pk if station else None)
    today = timezone.localdate()
    return render(
        request,
        "console/roster.html",
        console_context(
            request,
            roster_station=station,
            roster_stations=station_list_active() if request.user.role != Role.STATION_STAFF else (),
            week=week,
            week_before=week - timedelta(days=7),
            week_after=week + timedelta(days=7),
            today=today,
            days=duty_roster_week(user=request.user, station=station, week_start=week) if station else [],
            form=form or ShiftForm(officers=officers, initial={"date": max(today, week)}),
            repeat_form=RepeatForm(),
            may_change=may_change,
            read_only=not may_change,
        ),
        status=status,
    )


def _values(data) -> dict:
    return {
        "date": data["date"],
        "start_time": data["start_time"],
        "end_time": data["end_time"],
        "window": data["window"],
        "officer": data["officer"],
        "lawyer_name": data["lawyer_name"],
        "lawyer_office": data["lawyer_office"],
        "languages": data["languages"],
    }


@console_view
@require_GET
def roster(request):
    return _roster_page(request, station=_roster_station(request), week=_week_of(request))


@console_view
@require_POST
def roster_shift_new(request):
    station = _roster_station(request)
    if station is None:
        raise NotFound()
    form = ShiftForm(request.POST, officers=officer_list_for_roster(user=request.user))
    status = 400
    if form.is_valid():
        try:
            shift = duty_shift_create(station=station, actor=request.user, **_values(form.cleaned_data))
        except ApplicationError as error:
            status = form_error_show(form, error)
        else:
            messages.success(request, _("The shift is on the roster."))
            return redirect(_roster_url(station, week_start_of(shift.date)))
    return _roster_page(request, station=station, week=_week_of(request), form=form, status=status)


@console_view
@require_http_methods(["GET", "POST"])
def roster_shift_edit(request, pk: int):
    shift = access_duty_shift(user=request.user, shift_id=pk)
    officers = officer_list_for_roster(user=request.user)
    status = 200
    if request.method == "POST":
        form = ShiftForm(request.POST, officers=officers)
        status = 400
        if form.is_valid():
            try:
                shift = duty_shift_change(shift=shift, actor=request.user, **_values(form.cleaned_data))
            except ApplicationError as error:
                status = form_error_show(form, error)
            else:
                messages.success(request, _("The shift is changed."))
                return redirect(_roster_url(shift.station, week_start_of(shift.date)))
    else:
        form = ShiftForm.for_shift(shift, officers=officers)
    return render(
        request,
        "console/roster_shift.html",
        console_context(request, shift=shift, form=form, week=week_start_of(shift.date), read_only=False),
        status=status,
    )


def _refusal(request, error: ApplicationError) -> None:
    if isinstance(error, (NotAllowed, NotFound)):
        raise error
    messages.error(request, str(error.message))


@console_view
@require_POST
def roster_shift_remove(request, pk: int):
    shift = access_duty_shift(user=request.user, shift_id=pk)
    station, week = shift.station, week_start_of(shift.date)
    try:
        duty_shift_remove(shift=shift, actor=request.user)
    except ApplicationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("The shift is taken off the roster."))
    return redirect(_roster_url(station, week))


@console_view
@require_POST
def roster_shift_repeat(request, pk: int):
    shift = access_duty_shift(user=request.user, shift_id=pk)
    form = RepeatForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_roster_url(shift.station, week_start_of(shift.date)))
    try:
        created = duty_shift_repeat_weekly(shift=shift, weeks=form.cleaned_data["weeks"], actor=request.user)
    except ApplicationError as error:
        _refusal(request, error)
    else:
        messages.success(
            request,
            _("The shift is repeated every week until %(date)s.") % {"date": created[-1].date.isoformat()},
        )
    return redirect(_roster_url(shift.station, week_start_of(shift.date)))
