"""Template helpers of the console: the language of a piece of typed text."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def lang_of(text) -> str:
    """'bo' for text mostly in Tibetan script, else 'zh-hans' (names, places, notes typed by people)."""
    text = str(text or "")
    tibetan = sum(1 for c in text if "\u0f00" <= c <= "\u0fff")
    han = sum(1 for c in text if "\u3400" <= c <= "\u9fff")
    return "bo" if tibetan > han else "zh-hans"


@register.filter
def yuan(fen) -> str:
    """Integer fen shown as yuan (300, or 300.50)."""
    from lingong.core.money import format_yuan

    return format_yuan(int(fen or 0))


@register.simple_tag(takes_context=True)
def may(context, action: str) -> bool:
    """Whether the signed-in person's role allows `action`: navigation shows only what they may do."""
    from lingong.accounts.selectors import role_allows

    request = context.get("request")
    return role_allows(getattr(request, "user", None), action)
