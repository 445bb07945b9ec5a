"""Dates, money and weekdays as the people of the doors read them, in both languages."""

from __future__ import annotations

import functools

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from lingong.aggregation.models import Platform
from lingong.core import masking
from lingong.core.language import text_language
from lingong.core.money import format_pay, format_yuan_with_unit
from lingong.jobs.selectors import application_needs_worker_answer, placement_phase
from lingong.workers.selectors import worker_display_name

register = template.Library()


def weekday_names() -> tuple[str, ...]:
    return _weekday_names(get_language())


@functools.lru_cache(maxsize=8)
def _weekday_names(language: str) -> tuple[str, ...]:
    """Once per language: a list page names up to 40 days (`language` is the active one, the cache key)."""
    return (
        pgettext("weekday", "Mon"),
        pgettext("weekday", "Tue"),
        pgettext("weekday", "Wed"),
        pgettext("weekday", "Thu"),
        pgettext("weekday", "Fri"),
        pgettext("weekday", "Sat"),
        pgettext("weekday", "Sun"),
    )


@register.filter
def day(value) -> str:
    """`2026-11-23 Mon`, or `Today 2026-11-23`: digits both languages read the same way."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value).date()
    today = timezone.localdate()
    text = f"{value:%Y-%m-%d} {weekday_names()[value.weekday()]}"
    # gettext outside f-strings: xgettext does not look inside them.
    if value == today:
        word = _("Today")
        return f"{word} {text}"
    if (value - today).days == 1:
        word = _("Tomorrow")
        return f"{word} {text}"
    return text


@register.filter
def clock(value) -> str:
    if not value:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "date"):
        value = timezone.localtime(value)
    return f"{value:%H:%M}"


def nowrap(text: str):
    """An amount and its unit in one unbreakable piece (`.nowrap` in every surface's CSS): a Tibetan
    unit breaks at any tsheg, so a non-breaking space alone would not hold `300 སྒོར་མོ་/ཉིན་རེ།` together."""
    return format_html('<span class="nowrap">{}</span>', text) if text else ""


@register.filter
def yuan(fen):
    """`300 元` / `300 སྒོར་མོ།`: an amount of money, its unit named once, on one line."""
    return nowrap(format_yuan_with_unit(fen))


register.filter("lang_of", text_language)
# Offers and invitations the worker answers with yes or no (the rule is the selector's: one place for it).
register.filter("needs_worker_answer", application_needs_worker_answer)


@register.filter
def pay(job):
    """`300 元/天`: the unit's translation carries the currency (no ¥, no second 元), on one line."""
    return nowrap(format_pay(job.pay_fen, job.get_pay_unit_display()))


@register.filter
def km(value):
    if value is None:
        return ""
    return nowrap((_("%(km)s km") % {"km": f"{value:.1f}"}).replace(" ", "\u00a0"))


@register.filter
def script_lang(text) -> str:
    """`bo` for text in Tibetan script, else `zh-hans`: the lang of free text people typed."""
    return "bo" if any("\u0f00" <= ch <= "\u0fff" for ch in str(text or "")) else "zh-hans"


@register.filter
def display_name(worker) -> str:
    """The worker's name in the page's script (`worker_display_name`): greetings and lists."""
    return worker_display_name(worker, get_language())


@register.filter
def mask_name(value) -> str:
    """Names on public screens (honour lists): the first character only."""
    return masking.mask_name(value)


@register.simple_tag
def placement_state(placement) -> dict:
    """The placement's status as its dates say it (hired, starts on …; at work today; finished), for a badge."""
    code = placement_phase(placement=placement)
    if code == "hired":
        text = _("Hired, starts %(day)s") % {"day": day(placement.start_date)}
    elif code == "at_work":
        text = _("At work today")
    elif code == "finished":
        text = pgettext("placement", "Work finished")
    else:
        text = placement.get_status_display()
    return {"code": code, "text": text}


@register.filter
def platform_name(source: str) -> str:
    """The platform an imported job came from, in the page's language ("" for a local job)."""
    return str(Platform(source).label) if source in Platform.values else ""
