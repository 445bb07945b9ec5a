"""Where an imported job came from, on the kiosk's job cards (lingong/aggregation)."""

from __future__ import annotations

from django import template

from lingong.aggregation.models import Platform

register = template.Library()


@register.filter
def platform_name(source: str) -> str:
    """The platform's name in the kiosk's language ("" for a local job)."""
    return str(Platform(source).label) if source in Platform.values else ""
