"""What the worker door's screens share."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect

from lingong.core.errors import ApplicationError


def done_redirect(request, act, success, to="/w/work/"):
    """Run one service; its refusal becomes the message on the page we go back to."""
    try:
        act()
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, success)
    return redirect(to)
