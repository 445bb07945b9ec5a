"""Template helpers of the console. Money and the language of typed text are the same
functions every door registers (lingong.core.money, lingong.core.language)."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from lingong.accounts.selectors import role_allows
from lingong.console.views.staff_calls import staff_call_alert_context
from lingong.core.errors import NotAllowed
from lingong.core.language import text_language
from lingong.core.money import format_yuan_with_unit

register = template.Library()
register.filter("lang_of", text_language)
register.filter("yuan", format_yuan_with_unit)


@register.filter
def worker_name(worker) -> str:
    """A worker's name as the lists show it: in its own script, and the Tibetan-script name beside it.
    (A filter, not an included template: the day's lists show it on up to 600 rows.)"""
    html = format_html('<span lang="{}">{}</span>', text_language(worker.name), worker.name)
    if worker.name_bo:
        html += format_html(' <span lang="bo" class="name-bo">{}</span>', worker.name_bo)
    return html


REVEAL_FORM = "console/_reveal_inline.html"
_ROW_ACTION = "\x00action\x00"  # stands for each row's address in the form rendered once


@register.simple_tag(takes_context=True)
def reveal_inline(context, worker_id: int) -> str:
    """A list row's "show the full number" form, rendered once a page and given each row's address: the day's
    lists have up to 400 such rows, and an include per row was half the page's time."""
    parts = context.render_context.get(REVEAL_FORM)
    if parts is None:
        html = render_to_string(REVEAL_FORM, {"action": _ROW_ACTION}, request=context.get("request"))
        parts = context.render_context[REVEAL_FORM] = html.split(_ROW_ACTION)
    return mark_safe(conditional_escape(reverse("console:worker_reveal", args=[worker_id])).join(parts))


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
