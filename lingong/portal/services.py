"""Surface-level write helpers of the portal (replay protection of forms)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from lingong.core.errors import Conflict
from lingong.jobs.models import Job
from lingong.jobs.services import job_create

from .models import FormSubmission


@transaction.atomic
def job_create_once(*, token: str, actor, **fields) -> tuple[Job, bool]:
    """`job_create` at most once per form token: (job, created).

    The token row is inserted in the same transaction as the job: a second
    POST waits for the first (row lock on PostgreSQL, IMMEDIATE transactions
    on SQLite) and then finds its job. A refused post rolls both back, so the
    corrected form can be sent again with the same token.
    """
    try:
        with transaction.atomic():
            submission = FormSubmission.objects.create(user=actor, token=token, purpose="job_create")
    except IntegrityError:
        prior = FormSubmission.objects.filter(user=actor, token=token, purpose="job_create").first()
        job = Job.objects.filter(pk=getattr(prior, "object_id", None)).first()
        if job is None:
            raise Conflict(_("This form was already sent. Please look at your jobs."), code="already_sent") from None
        return job, False
    job = job_create(actor=actor, **fields)
    FormSubmission.objects.filter(pk=submission.pk).update(object_id=job.pk)
    return job, True
