"""Surface-level write helpers of the portal (replay protection of forms)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lingong.core.errors import Conflict
from lingong.core.idempotency import idempotent_once
from lingong.jobs.models import Job
from lingong.jobs.services import job_create


def job_create_once(*, token: str, actor, **fields) -> tuple[Job, bool]:
    """`job_create` at most once per form token: (job, created).

    The token is claimed in the same transaction as the job (`core.idempotency`):
    a second POST waits for the first and then finds its job. A refused post
    rolls both back, so the corrected form can be sent again with the same token.
    """
    outcome = idempotent_once(
        lambda: (201, str(job_create(actor=actor, **fields).pk)), user=actor, scope="form:job_create", key=token
    )
    job = Job.objects.filter(pk=int(outcome.result)).first()
    if job is None:  # sent before, and the job is gone since
        raise Conflict(_("This form was already sent. Please look at your jobs."), code="already_sent")
    return job, not outcome.replayed
