"""The project's only masking of personal numbers for display and logs.

PIPL / GB/T 35273 ask that screens, boards, exports and logs show no more
of an ID number or phone than a person needs to recognise their own.
Every template filter, serializer and log line uses these two functions.
"""

from __future__ import annotations

from lingong.core.phone import validate_mobile_phone
from lingong.core.validation import ValidationProblem, compact_text

MASK = "*"


def _generic_mask(text: str) -> str:
    """Reveal at most the first 3 and last 2 characters, and never half or more."""
    shown = min(3, len(text) // 4), min(2, len(text) // 4)
    hidden = len(text) - shown[0] - shown[1]
    return text[: shown[0]] + MASK * hidden + text[len(text) - shown[1] :]


def _display_text(value: object) -> str:
    """Text to mask: normalised when possible, else the raw string stripped."""
    if not isinstance(value, str):
        return ""
    compact = compact_text(value)
    return compact if compact is not None else value.strip()


def mask_id_number(value: object) -> str:
    """`540102********123X`: division code and last 4 only, for an 18-character number."""
    text = _display_text(value)
    if len(text) == 18:
        return text[:6] + MASK * 8 + text[-4:]
    return _generic_mask(text)


def mask_phone(value: object) -> str:
    """`138****8000` for a mainland mobile (in any accepted spelling); generic otherwise."""
    try:
        mobile = validate_mobile_phone(value)
    except ValidationProblem:
        return _generic_mask(_display_text(value))
    return mobile[:3] + MASK * 4 + mobile[-4:]


def mask_name(value: object) -> str:
    """A person's name for public or cross-party display: the first character only (扎**)."""
    text = str(value or "").strip()
    return text[:1] + "*" * max(len(text) - 1, 1) if text else ""
