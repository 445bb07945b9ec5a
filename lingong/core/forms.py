"""A service's refusal shown on the form that asked for it: the one helper every screen uses."""

from __future__ import annotations

from .errors import ApplicationError, NotAllowed, NotFound

# Service field names → the form fields that show their message, where a form calls them otherwise.
SERVICE_FIELDS_ON_FORMS = {
    "pay_fen": "pay_yuan",
    "lat": "area",
    "end_date": "days",
    "availability_mask": "slots",
    "min_day_pay_fen": "min_day_pay_yuan",
    "home_lat": "home_station",
}


def form_error_show(form, error: ApplicationError) -> int:
    """Put the refusal next to the field it concerns (or on top of the form), which keeps what was
    typed; returns the HTTP status to answer with. A refusal of the role is said on the form too,
    in words, never as a bare error page."""
    for name in (SERVICE_FIELDS_ON_FORMS.get(error.field), error.field):
        if name and name in form.fields:
            form.add_error(name, str(error.message))
            break
    else:
        form.add_error(None, str(error.message))
    return error.status if isinstance(error, NotAllowed | NotFound) else 400
