"""Pydantic's validation errors in the requester's language.

Pydantic writes its messages in English ("Field required", "Input should be a
valid integer"). The API answers each field's error with a message chosen by
the error's `type` (which stays the machine-readable `code`), through gettext,
with the numbers of its context (`min_length`, `le`, ...) filled in. A type
not listed here gets the generic message. Our own validators raise ValueError
with a message that is already translated (the request's language is active
while the body is validated); it is shown as it is.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


def _messages() -> dict[str, str]:
    # A function, not a module constant: gettext must run in the request's language.
    return {
        "missing": _("Please fill in this field."),
        "extra_forbidden": _("This field is not allowed here."),
        "json_invalid": _("The request is not valid JSON."),
        "json_type": _("The request is not valid JSON."),
        "model_type": _("Please send an object here."),
        "model_attributes_type": _("Please send an object here."),
        "dict_type": _("Please send an object here."),
        "list_type": _("Please send a list here."),
        "string_type": _("Please enter text here."),
        "string_unicode": _("Please enter text here."),
        "string_too_short": _("Please enter at least %(min_length)s characters."),
        "string_too_long": _("Please enter at most %(max_length)s characters."),
        "string_pattern_mismatch": _("The format of this value is not right."),
        "int_type": _("Please enter a whole number."),
        "int_parsing": _("Please enter a whole number."),
        "int_from_float": _("Please enter a whole number."),
        "int_parsing_size": _("This number is too large."),
        "float_type": _("Please enter a number."),
        "float_parsing": _("Please enter a number."),
        "decimal_type": _("Please enter a number."),
        "decimal_parsing": _("Please enter a number."),
        "decimal_max_digits": _("Please enter at most %(max_digits)s digits."),
        "decimal_max_places": _("Please enter at most %(decimal_places)s digits after the decimal point."),
        "decimal_whole_digits": _("Please enter at most %(whole_digits)s digits before the decimal point."),
        "bool_type": _("Please answer true or false."),
        "bool_parsing": _("Please answer true or false."),
        "greater_than": _("Please enter a number greater than %(gt)s."),
        "greater_than_equal": _("Please enter a number of at least %(ge)s."),
        "less_than": _("Please enter a number less than %(lt)s."),
        "less_than_equal": _("Please enter a number of at most %(le)s."),
        "multiple_of": _("Please enter a multiple of %(multiple_of)s."),
        "too_short": _("Please give at least %(min_length)s items."),
        "too_long": _("Please give at most %(max_length)s items."),
        "literal_error": _("Please choose one of the allowed values."),
        "enum": _("Please choose one of the allowed values."),
        "date_type": _("Please enter a date as YYYY-MM-DD."),
        "date_parsing": _("Please enter a date as YYYY-MM-DD."),
        "date_from_datetime_parsing": _("Please enter a date as YYYY-MM-DD."),
        "date_from_datetime_inexact": _("Please enter a date as YYYY-MM-DD."),
        "time_type": _("Please enter a time of day as HH:MM."),
        "time_parsing": _("Please enter a time of day as HH:MM."),
        "datetime_type": _("Please enter a date and time."),
        "datetime_parsing": _("Please enter a date and time."),
        "datetime_from_date_parsing": _("Please enter a date and time."),
        "uuid_type": _("The format of this value is not right."),
        "uuid_parsing": _("The format of this value is not right."),
    }


def validation_message(error: dict) -> str:
    """The message of one pydantic error, in the active language."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in ("value_error", "assertion_error") and ctx.get("error") is not None:
        return str(ctx["error"])
    template = _messages().get(kind)
    if template is None:
        return _("This value is not valid.")
    if "%(" not in template:
        return template
    try:
        return template % {key: ctx[key] for key in ctx}
    except (KeyError, TypeError, ValueError):
        return _("This value is not valid.")
