"""Home: the jobs that fit, applying, withdrawing, answering an invitation."""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lingong.core.errors import ApplicationError
from lingong.jobs.selectors import access_job
from lingong.jobs.services import application_accept, application_create, application_decline, application_withdraw
from lingong.matching.selectors import training_suggestion
from lingong.workers.selectors import worker_point

from ..selectors import (
    kiosk_application_for_worker,
    kiosk_home_for_worker,
)
from ..voice import jobs_with_audio
from .common import (
    render_kiosk,
    worker_required,
)


@require_GET
@worker_required
def home(request):
    home = kiosk_home_for_worker(worker=request.worker)
    return render_kiosk(
        request,
        "kiosk/home.html",
        {
            "worker": request.worker,
            "cards": home.cards,
            "jobs_with_audio": jobs_with_audio(
                jobs=[card.match.job for card in home.cards],
                language=request.LANGUAGE_CODE,
                worker_point=worker_point(request.worker),
            ),
            "proposals": home.proposals,
            "proposals_more": home.proposals_more,
            "suggestion": training_suggestion(worker=request.worker),
            "notice": request.session.pop("kiosk_notice", None),
            "error": request.session.pop("kiosk_error", None),
        },
        prompt="home",
    )


@require_POST
@worker_required
def apply(request, job_id: int):
    try:
        job = access_job(user=request.user, job_id=job_id)
        application_create(
            job=job,
            worker=request.worker,
            origin="worker",
            channel="kiosk",
            actor=request.user,
            station=request.kiosk.station,
            kiosk=request.kiosk,
        )
        request.session["kiosk_notice"] = _("You have applied. The employer or staff will call you.")
    except ApplicationError as error:
        request.session["kiosk_error"] = str(error.message)
    return redirect("kiosk:home")


@require_POST
@worker_required
def withdraw(request, application_id: int):
    try:
        application = kiosk_application_for_worker(worker=request.worker, application_id=application_id)
        application_withdraw(application=application, actor=request.user, channel="kiosk")
        request.session["kiosk_notice"] = _("Your application was withdrawn.")
    except ApplicationError as error:
        request.session["kiosk_error"] = str(error.message)
    return redirect("kiosk:home")


@require_POST
@worker_required
def answer(request, application_id: int):
    """Yes or no to an offer or invitation, from the kiosk home."""
    try:
        application = kiosk_application_for_worker(worker=request.worker, application_id=application_id)
        if request.POST.get("answer") == "yes":
            application_accept(
                application=application,
                side="worker",
                actor=request.user,
                channel="kiosk",
                station=request.kiosk.station,
                kiosk=request.kiosk,
            )
            application.refresh_from_db()
            request.session["kiosk_notice"] = (
                _("You are hired. See it under My work.")
                if application.status == "placed"
                else _("Your answer is sent. The employer will answer.")
            )
        else:
            application_decline(application=application, side="worker", actor=request.user, channel="kiosk")
            request.session["kiosk_notice"] = _("You said no, thank you.")
    except ApplicationError as error:
        request.session["kiosk_error"] = str(error.message)
    return redirect("kiosk:home")
