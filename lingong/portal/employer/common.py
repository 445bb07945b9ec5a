"""What the employer door's screens share."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from lingong.core.errors import ApplicationError, NotAllowed, NotFound
from lingong.core.forms import form_error_show
from lingong.jobs.selectors import (
    placement_list_for_employer,
)


def own_placement(employer, placement_id: int):
    """One of the employer's own placements, else 'not found' (404)."""
    return get_object_or_404(
        placement_list_for_employer(employer=employer).select_related("job__employer"), pk=placement_id
    )


def refusal_on_form(form, error: ApplicationError) -> None:
    if isinstance(error, (NotAllowed, NotFound)):
        raise error
    form_error_show(form, error)
