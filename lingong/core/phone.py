"""Chinese mainland phone numbers as people type them at a kiosk or window.

Workers and employers are reached by phone, so the stored form must be
one canonical string: 11 ASCII digits for a mobile, no country prefix.
Full-width digits, spaces, dashes and brackets are accepted (NFKC), as
are the +86, 0086 and bare 86 prefixes.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from lingong.core.validation import ValidationProblem, compact_text, is_ascii_digits

# Hyphen-like characters NFKC leaves alone, plus brackets around area codes.
SEPARATORS = "-\u2010\u2011\u2012\u2013\u2014\u2212()"
MOBILE = re.compile(r"1[3-9]\d{9}", re.ASCII)


class PhoneError(ValidationProblem):
    """A phone number that cannot be used to reach the person."""


def normalise_phone(value: object) -> str:
    """Return the number as ASCII digits without separators or the China prefix.

    Raises PhoneError for non-text, empty, foreign (+ other than +86) or
    non-digit input; it does not judge whether the digits are a mobile.
    """
    if not isinstance(value, str):
        raise PhoneError("invalid_type", _("Enter the phone number as text."))
    text = compact_text(value, drop=SEPARATORS)
    if text is None:
        raise PhoneError("length", _("The phone number is too long."))
    if not text:
        raise PhoneError("empty", _("Enter a phone number."))
    if text.startswith("+"):
        if not text.startswith("+86"):
            raise PhoneError("not_mainland", _("Enter a mainland China phone number."))
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif len(text) == 13 and text.startswith("861"):
        text = text[2:]
    if not is_ascii_digits(text):
        raise PhoneError("format", _("A phone number may contain only digits."))
    return text


def validate_mobile_phone(value: object) -> str:
    """Return an 11-digit mainland mobile number (1[3-9]xxxxxxxxx) or raise PhoneError."""
    digits = normalise_phone(value)
    if len(digits) != 11:
        raise PhoneError("length", _("A mobile phone number has 11 digits."))
    if not MOBILE.fullmatch(digits):
        raise PhoneError("not_mobile", _("This is not a mainland China mobile phone number."))
    return digits
