"""Staff calls from the kiosks: the alert on every console page, its poll, take and close, the list.

Thin views over lingong.kiosk.services / selectors; access is checked there.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lingong.accounts.selectors import role_allows
from lingong.accounts.sessions import session_background
from lingong.core.errors import ApplicationError, NotFound
from lingong.kiosk.models import StaffCallStatus
from lingong.kiosk.selectors import access_staff_call, staff_call_list_live, staff_call_list_recent
from lingong.kiosk.services import staff_call_close, staff_call_take

from .common import console_context, console_station, console_view

RECENT_DAYS = 7


def staff_call_alert_context(request, *, station=None, next_url: str = "") -> dict:
    """What the alert shows: live calls, whether this user may answer each, where the forms return to."""
    user = request.user
    calls = staff_call_list_live(user=user, station=station)
    return {
        "live_calls": [(c, role_allows(user, "staff_call.answer", station_id=c.station_id)) for c in calls],
        "waiting_ids": [c.pk for c in calls if c.status == StaffCallStatus.OPEN],
        "next_url": next_url,
        "now": timezone.now(),
        "poll_url": reverse("console:staff_call_poll"),
        "poll_seconds": settings.STAFF_CALL_POLL_SECONDS,
        "show_station": station is None and getattr(user, "station_id", None) is None,
    }


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("console:staff_calls")


@session_background
@console_view
@require_GET
def staff_call_poll(request):
    """Polled every few seconds by console.js: the alert's new content and the calls still waiting."""
    context = staff_call_alert_context(request, station=console_station(request), next_url=_next(request))
    return JsonResponse(
        {
            "waiting": context["waiting_ids"],
            "live": len(context["live_calls"]),
            "html": render_to_string("console/_staff_call_alert_body.html", context, request=request).strip(),
        }
    )


@console_view
@require_GET
def staff_call_list(request):
    station = console_station(request)
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    return render(
        request,
        "console/staff_calls.html",
        console_context(
            request,
            recent=staff_call_list_recent(user=request.user, station=station, since=since),
            recent_days=RECENT_DAYS,
        ),
    )


def _answer(request, pk: int, *, action, done: str):
    call = access_staff_call(user=request.user, call_id=pk)
    try:
        action(call=call, actor=request.user)
    except ApplicationError as error:
        if isinstance(error, NotFound):
            raise
        messages.error(request, str(error.message))
    else:
        messages.success(request, done % {"kiosk": call.kiosk.label})
    return redirect(_next(request))


@console_view
@require_POST
def staff_call_take_view(request, pk: int):
    return _answer(request, pk, action=staff_call_take, done=_("You took the call from kiosk %(kiosk)s: go to it now."))


@console_view
@require_POST
def staff_call_close_view(request, pk: int):
    return _answer(request, pk, action=staff_call_close, done=_("The call from kiosk %(kiosk)s is closed."))
