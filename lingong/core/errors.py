"""Expected business failures: a code, a message for people, an HTTP status.

Services raise these; surfaces turn them into a page message or a JSON
`{code, message}` body. They are never a server error.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    status = 400
    default_code = "invalid"
    default_message = _("The request could not be completed.")

    def __init__(self, message=None, *, code: str | None = None, field: str | None = None):
        self.message = message if message is not None else self.default_message
        self.code = code or self.default_code
        self.field = field
        super().__init__(self.code)

    def __str__(self) -> str:
        return str(self.message)


class InvalidInput(ApplicationError):
    status = 400
    default_code = "invalid"


class NotAllowed(ApplicationError):
    status = 403
    default_code = "forbidden"
    default_message = _("You are not allowed to do this.")


class NotFound(ApplicationError):
    status = 404
    default_code = "not_found"
    default_message = _("Not found.")


class TooManyRequests(ApplicationError):
    status = 429
    default_code = "rate_limited"
    default_message = _("Too many requests. Please wait a minute and try again.")

    def __init__(self, message=None, *, retry_after: int | None = None, **kwargs):
        # Seconds until a new attempt may pass: the API sends it as `Retry-After`.
        self.retry_after = max(1, int(retry_after)) if retry_after is not None else None
        super().__init__(message, **kwargs)


class Conflict(ApplicationError):
    """The state of the data does not allow the action (full job, wrong status)."""

    status = 409
    default_code = "conflict"


def id_from_input(value) -> int:
    """An id from a URL or a form; anything else is simply not found (never a server error)."""
    text = str(value).strip()
    if not text.isdigit() or len(text) > 12:
        raise NotFound()
    return int(text)
