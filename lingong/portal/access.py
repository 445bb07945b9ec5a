"""Which door a signed-in person may use; the record they act as is put on the request."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lingong.accounts.doors import SIGN_IN_BACKEND, door, safe_next  # noqa: F401  (the doors' `next` rule, shared)
from lingong.employers.selectors import employer_for_user
from lingong.workers.selectors import worker_for_user

worker_door = door(
    worker_for_user,
    login_url="/w/login/",
    refusal=_("This page is for workers. Please sign in with a worker's phone number."),
)
employer_door = door(
    employer_for_user, login_url="/e/login/", refusal=_("This page is for employers. Please sign in as an employer.")
)


BACKEND = SIGN_IN_BACKEND  # sign-in by SMS code, not by password


def code_missing(form) -> bool:
    """Both doors' second sign-in step: say so when the SMS code is empty."""
    if not (form.cleaned_data.get("code") or "").strip():
        form.add_error("code", _("Please enter the code from the SMS."))
        return True
    return False
