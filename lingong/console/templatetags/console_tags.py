"""Template helpers of the console. Money and the language of typed text are the same
functions every door registers (lingong.core.money, lingong.core.language)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

from lingong.accounts.selectors import role_allows
from lingong.console.views.staff_calls import staff_call_alert_context
from lingong.core.errors import NotAllowed
from lingong.core.language import text_language
from lingong.core.money import format_yuan_with_unit

register = template.Library()
register.filter("lang_of", text_language)
register.filter("yuan", format_yuan_with_unit)


@register.simple_tag(takes_context=True)
def may(context, action: str) -> bool:
    """Whether the signed-in person's role allows `action`: navigation shows only what they may do.

    Station staff are asked about their own station (a station-scoped rule allows them nothing elsewhere).
    """

    user = getattr(context.get("request"), "user", None)
    return role_allows(user, action, station_id=getattr(user, "station_id", None))


@register.filter
def elapsed(seconds) -> str:
    """A wait or a time to answer in minutes and seconds ("2 min 05 s")."""

    seconds = max(0, int(seconds or 0))
    return gettext("%(minutes)d min %(seconds)02d s") % {"minutes": seconds // 60, "seconds": seconds % 60}


@register.filter
def seconds_since(moment, now) -> int:
    return max(0, int((now - moment).total_seconds())) if moment and now else 0


@register.inclusion_tag("console/_staff_call_alert.html", takes_context=True)
def staff_call_alert(context):
    """The kiosks' staff calls, on every console page (kept live by console.js)."""

    request = context.get("request")
    if request is None or not getattr(request.user, "is_authenticated", False):
        return {"hidden": True}

    try:
        return staff_call_alert_context(request, station=context.get("station"), next_url=request.get_full_path())
    except NotAllowed:  # a role without staff calls (or staff with no station) still gets its page
        return {"hidden": True}
