"""The day: people to call, call-backs, staff calls; picking the station."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lingong.calls.selectors import call_list_for_day
from lingong.core.pagination import page_of
from lingong.operations.selectors import task_failure_list_recent
from lingong.stations.selectors import stations_active

from .. import forms
from .common import (
    SESSION_STATION,
    console_context,
    console_station,
    console_view,
    int_or_none,
)

DAY_LISTS = ("to_call", "due_back", "made")


@console_view
def day(request):
    today = timezone.localdate()
    calls = call_list_for_day(user=request.user, day=today, station=console_station(request))
    # each list pages on its own (?to_call=2), so a long one neither hides rows nor slows the page
    pages = {name: page_of(getattr(calls, name), page=request.GET.get(name)) for name in DAY_LISTS}
    failures = task_failure_list_recent(user=request.user, now=timezone.now())
    return render(
        request,
        "console/day.html",
        console_context(
            request,
            calls=calls,
            **pages,
            today=today,
            search_form=forms.SearchForm(),
            task_failures=failures,
        ),
    )


@console_view
@require_POST
def station_pick(request):
    station_id = int_or_none(request.POST.get("station"))
    if station_id and stations_active.by_pk(station_id) is not None:
        request.session[SESSION_STATION] = station_id
    else:
        request.session.pop(SESSION_STATION, None)
    return redirect("console:day")
