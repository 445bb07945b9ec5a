"""Sessions end on the server, not only in the browser.

Staff (any back-office role): after `LINGONG_STAFF_IDLE` without a request, or
`LINGONG_STAFF_ABSOLUTE` after signing in, whichever comes first. A worker
signed in at a kiosk (a shared screen): after `LINGONG_KIOSK_IDLE`; the kiosk's
device cookie stays, only the worker's session ends. Workers and employers on
their own phones keep Django's cookie age.
"""

from __future__ import annotations

from datetime import datetime
from importlib import import_module

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.sessions.models import Session
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone

from lingong.core.services import event_record

from .models import Role, User

SEEN_KEY, SIGNED_IN_KEY = "lingong_seen_at", "lingong_signed_in_at"
STAFF_ROLES = frozenset({Role.STATION_STAFF, Role.RIGHTS_OFFICER, Role.DISTRICT_ADMIN, Role.AUDITOR})


def _limits(request) -> tuple | None:
    user = request.user
    if not user.is_authenticated:
        return None
    if user.role in STAFF_ROLES or user.is_superuser:
        return settings.LINGONG_STAFF_IDLE, settings.LINGONG_STAFF_ABSOLUTE
    if request.path.startswith("/kiosk/"):
        return settings.LINGONG_KIOSK_IDLE, None
    return None


def _ended_everywhere(request) -> bool:
    """The person signed out everywhere after this session began. The sessions were deleted then; this also
    ends a copy that outlived it (a request racing the sign-out may put a cached copy back, cached_db)."""
    user = request.user
    cut = user.signed_out_everywhere_at if user.is_authenticated else None
    if cut is None:
        return False
    signed_in = request.session.get(SIGNED_IN_KEY)
    return signed_in is None or datetime.fromisoformat(signed_in) < cut


def session_background(view):
    """A view a page asks by itself, with nobody at it (the console's staff-call poll every few seconds, a station
    board's event stream): its requests do not count as the person being there, so a screen left open still
    signs out after its idle time."""
    view.session_background = True
    return view


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _ended_everywhere(request):
            logout(request)
            return redirect(request.get_full_path())  # the page again, now asking to sign in
        limits = _limits(request)
        if limits is not None:
            idle, absolute = limits
            now = timezone.now()
            seen = request.session.get(SEEN_KEY)
            signed_in = request.session.setdefault(SIGNED_IN_KEY, now.isoformat())  # signed in before this rule
            too_idle = seen is not None and now - datetime.fromisoformat(seen) > idle
            too_old = absolute is not None and now - datetime.fromisoformat(signed_in) > absolute
            if too_idle or too_old:
                logout(request)
                return redirect(request.get_full_path())  # the page again, now asking to sign in
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """The person was there: the idle time starts again, unless the page asked by itself."""
        limits = _limits(request)
        if limits is None or getattr(view_func, "session_background", False):
            return None
        idle = limits[0]
        now = timezone.now()
        seen = request.session.get(SEEN_KEY)
        if seen is None or now - datetime.fromisoformat(seen) > idle / 10:  # not a session write per request
            request.session[SEEN_KEY] = now.isoformat()
        return None


def session_clock_start(sender, request, user, **kwargs) -> None:
    """`user_logged_in`: every sign-in starts the session's clocks again (a new sign-in is a new session)."""
    if request is not None and hasattr(request, "session"):
        now = timezone.now().isoformat()
        request.session[SIGNED_IN_KEY] = now
        request.session[SEEN_KEY] = now


def sessions_end_for_user(*, user, now: datetime | None = None) -> int:
    """Sign a person out everywhere (every browser, kiosk and app token); returns how many sessions ended.

    The moment is kept on the user: the API refuses every token made before it (`api_token_check`).
    """
    now = now or timezone.now()
    User.objects.filter(pk=user.pk).update(signed_out_everywhere_at=now)
    user.signed_out_everywhere_at = now
    ended = 0
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.filter(expire_date__gt=now).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            store().delete(session.session_key)  # the store: a cached copy (cached_db) goes too
            ended += 1
    return ended


@transaction.atomic
def sign_out_everywhere(*, user, actor, reason: str = "", now: datetime | None = None) -> int:
    """The person themselves (a lost phone, a shared computer) or staff at the window for them; on the timeline."""
    ended = sessions_end_for_user(user=user, now=now)
    event_record(
        subject=user,
        verb="sign_out_everywhere",
        actor=actor,
        station=getattr(actor, "station", None),
        data={"sessions": ended, "reason": reason[:200]} if reason else {"sessions": ended},
    )
    return ended
