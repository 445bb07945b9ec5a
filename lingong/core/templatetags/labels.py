"""`{% translate "Phone" as label %}{{ label|colon }}`: a label's colon as the page's language writes it."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from lingong.core.language import label_with_colon

register = template.Library()


@register.filter
def colon(label) -> str:
    """`Phone:` / `电话:` / `ཁ་པར།` (no colon after the shad in Tibetan); see `label_with_colon`."""
    return label_with_colon(label, get_language())
