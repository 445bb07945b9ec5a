"""The job's live check-in code (shown by the employer or staff at the place) and the check-in page it opens."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from lingong.core.errors import ApplicationError
from lingong.core.models import Channel
from lingong.core.qr import qr_svg

from .qr import PERIOD_SECONDS, checkin_job_id, checkin_token
from .selectors import job_for_checkin_code, placement_for_checkin
from .services import attendance_scan

REFRESH_SECONDS = PERIOD_SECONDS // 2  # the page shows a fresh code well before the old one dies


@login_required
def job_checkin_code(request, job_id: int):
    """The live code, full screen on the employer's or staff's phone; the page reloads itself."""
    job = job_for_checkin_code(user=request.user, job_id=job_id)
    url = request.build_absolute_uri(reverse("attendance:checkin", args=[checkin_token(job.pk, now=timezone.now())]))
    return render(
        request, "attendance/checkin_code.html", {"job": job, "qr": qr_svg(url), "refresh_seconds": REFRESH_SECONDS}
    )


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request, token: str):
    """GET shows a big button (scanning must not change anything); POST checks in or out."""
    worker = getattr(request.user, "worker", None)
    if worker is None:
        raise Http404
    job_id = checkin_job_id(token, now=timezone.now())
    placement = placement_for_checkin(worker=worker, job_id=job_id) if job_id is not None else None
    context = {"placement": placement, "record": None, "error": None, "stale": job_id is None}
    if placement is None and job_id is not None:
        raise Http404  # a live code of a job this worker does not work in
    if request.method == "POST" and placement is not None:
        try:
            context["record"] = attendance_scan(
                placement=placement, code=token, actor=request.user, channel=Channel.APP
            )
        except ApplicationError as error:
            context["error"] = error
    status = 409 if context["error"] else (410 if context["stale"] else 200)
    return render(request, "attendance/checkin.html", context, status=status)
