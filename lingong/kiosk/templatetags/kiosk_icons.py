"""The kiosk's inline icons (no emoji: the kiosk has no colour-emoji font): `{% icon "pin" %}`.

A tag, not an included template: a job card carries three icons and an include costs a template render each
(the kiosk's home drew thirty of them per page).
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_SHAPES = {
    "speaker": '<path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor"/>'
    '<path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12"/>',
    "speaker-off": '<path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor"/><path d="M16 9l5 6M21 9l-5 6"/>',
    "pin": '<path d="M12 22s7-7.2 7-12.5A7 7 0 0 0 5 9.5C5 14.8 12 22 12 22z"/><circle cx="12" cy="9.5" r="2.5"/>',
    "clock": '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>',
    "hand": '<circle cx="12" cy="5" r="3"/><path d="M12 8v8M7 22l5-6 5 6M6 11l6 2 6-6"/>',
    "card": '<rect x="2.5" y="5" width="19" height="14" rx="2"/><circle cx="8" cy="11" r="2"/>'
    '<path d="M5 16c.8-2 5.2-2 6 0M14 10h5M14 14h4"/>',
    "phone": '<rect x="7" y="2.5" width="10" height="19" rx="2"/><path d="M11 18h2"/>',
    "sunrise": '<path d="M3 18h18M6 18a6 6 0 0 1 12 0M12 4v4M4.9 9.9l2 2M19.1 9.9l-2 2M8 22h8"/>',
    "sunset": '<path d="M3 18h18M6 18a6 6 0 0 1 12 0M12 8V4M10 6l2 2 2-2M8 22h8"/>',
    "sun": '<circle cx="12" cy="12" r="4.5" fill="currentColor"/>'
    '<path d="M12 2v2.5M12 19.5V22M2 12h2.5M19.5 12H22M4.9 4.9l1.8 1.8M17.3 17.3l1.8 1.8M4.9 19.1l1.8-1.8M17.3 6.7l1.8-1.8"/>',
    "moon": '<path d="M20 14.5A8.5 8.5 0 1 1 9.5 4a7 7 0 0 0 10.5 10.5z" fill="currentColor"/>',
    "check": '<path d="M4 12.5l5 5L20 6.5" stroke-width="3"/>',
    "arrow-left": '<path d="M20 12H5M11 5l-7 7 7 7" stroke-width="3"/>',
    "back": '<path d="M9 5h11v14H9l-6-7z"/><path d="M12 9l5 6M17 9l-5 6"/>',
}
_SVG = (
    '<svg class="k-icon k-icon-{}" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" '
    'stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">{}</svg>'
)
ICONS: dict[str, SafeString] = {name: format_html(_SVG, name, mark_safe(shape)) for name, shape in _SHAPES.items()}  # noqa: S308  our own constants


@register.simple_tag
def icon(name: str) -> SafeString:
    """The icon's SVG; an unknown name draws an empty frame, as the include did, rather than failing a page."""
    return ICONS.get(name) or format_html(_SVG, name, "")
