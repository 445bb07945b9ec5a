"""The job's check-in QR code (for the employer or staff to print) and the check-in page it opens."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lingong.core.errors import ApplicationError
from lingong.core.models import Channel
from lingong.core.qr import qr_svg
from lingong.jobs.models import Job, Placement, PlacementStatus
from lingong.jobs.selectors import access_job

from .qr import checkin_job_id, checkin_token
from .services import attendance_scan


def _may_print(user, job) -> bool:
    return getattr(user, "is_authenticated", False) and user.pk == job.employer.user_id


@login_required
def job_checkin_qr(request, job_id: int):

    job = Job.objects.select_related("employer").filter(pk=job_id).first()
    if job is None:
        raise Http404
    if not _may_print(request.user, job):
        access_job(user=request.user, job_id=job_id)  # staff who may see the job; raises otherwise
    url = request.build_absolute_uri(reverse("attendance:checkin", args=[checkin_token(job.pk)]))
    return HttpResponse(qr_svg(url), content_type="image/svg+xml")


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request, token: str):
    """GET shows a big button (scanning must not change anything); POST checks in or out."""
    job_id = checkin_job_id(token)
    worker = getattr(request.user, "worker", None)
    if job_id is None or worker is None:
        raise Http404
    placement = (
        Placement.objects.select_related("job", "worker", "station")
        .filter(job_id=job_id, worker=worker, status=PlacementStatus.ACTIVE)
        .first()
    )
    if placement is None:
        raise Http404
    context = {"placement": placement, "record": None, "error": None}
    if request.method == "POST":
        try:
            context["record"] = attendance_scan(placement=placement, actor=request.user, channel=Channel.APP)
        except ApplicationError as error:
            context["error"] = error
    return render(request, "attendance/checkin.html", context, status=409 if context["error"] else 200)
