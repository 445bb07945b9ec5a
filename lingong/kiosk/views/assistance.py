"""Always there: calling staff to the kiosk, and the spoken prompts and job readings."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_POST

from lingong.core.language import text_language
from lingong.jobs.selectors import access_job
from lingong.matching.learning import exposure_opened_record
from lingong.rights.selectors import duty_schedule_public
from lingong.workers.selectors import worker_point

from .. import services
from ..selectors import (
    staff_call_for_kiosk,
    staff_call_overdue,
    station_help_window,
)
from ..voice import job_card_audio, voice_file, voice_prompt_recording
from .common import (
    kiosk_required,
    render_kiosk,
    signed_in_worker,
)


@require_POST
@kiosk_required
def call_staff(request):
    call = services.staff_call_create(kiosk=request.kiosk, worker=signed_in_worker(user=request.user))
    return redirect("kiosk:staff_call", call_id=call.pk)


def _staff_call_context(request, call_id: int) -> dict:
    call = staff_call_for_kiosk(kiosk=request.kiosk, call_id=call_id)
    overdue = staff_call_overdue(call=call, now=timezone.now())
    name = call.taken_by and (call.taken_by.get_full_name() or call.taken_by.username)
    # The clerk's name as typed, in its own language inside the sentence.
    lang = text_language(name)
    return {
        "call": call,
        "state": "overdue" if overdue else call.status,
        "station": call.station,
        "answer_minutes": settings.STAFF_CALL_ANSWER_MINUTES,
        "taken_name": name and format_html('<span lang="{}">{}</span>', lang, name),
    }


@require_GET
@kiosk_required
def staff_call(request, call_id: int):
    """Staff were called: the screen says so, then who is coming, or the window's phone if nobody answers."""
    return render_kiosk(
        request, "kiosk/staff_called.html", _staff_call_context(request, call_id), prompt="staff_called"
    )


@require_GET
@kiosk_required
def staff_call_status(request, call_id: int):
    """Polled by the staff-call screen: the state and the words to show, in the kiosk's language."""
    context = {
        "kiosk": request.kiosk,
        "help_window": station_help_window(station=request.kiosk.station),
        **_staff_call_context(request, call_id),
    }
    return JsonResponse(
        {"state": context["state"], "html": render_to_string("kiosk/_staff_call_state.html", context, request=request)}
    )


@require_GET
def prompt_audio(request, language: str, prompt_id: str):
    """A prompt in the screen's language, from the staff's approved recording; 404 when there is none."""
    recording = voice_prompt_recording(prompt_id=prompt_id, language=language)
    if recording is None or not voice_file(recording).exists():
        raise Http404()
    return FileResponse(open(voice_file(recording), "rb"), content_type="audio/wav")


@require_GET
def job_audio(request, job_id: int):
    """A job card spoken in the page's language, joined from recorded segments built here from the job."""
    job = access_job(user=request.user, job_id=job_id)
    worker = signed_in_worker(user=request.user)
    if worker is not None:
        exposure_opened_record(worker=worker, job=job)  # listening to a card is this screen's "opened"
    path = job_card_audio(
        job=job, language=request.LANGUAGE_CODE, worker_point=worker_point(worker) if worker else None
    )
    if path is None:
        raise Http404()
    return FileResponse(open(path, "rb"), content_type="audio/wav")


DUTY_DAYS = 7


@require_GET
@kiosk_required
def duty(request):
    """When a lawyer or rights officer is at which window, here and at the market, for the coming week.

    Public, like a notice on the wall: nobody needs to sign in to read it.
    """
    today = timezone.localdate()
    rows = duty_schedule_public(station=request.kiosk.station, today=today, days=DUTY_DAYS)
    by_day: dict = {}
    for row in rows:
        by_day.setdefault(row.date, []).append(row)
    return render_kiosk(
        request,
        "kiosk/duty.html",
        {"days": list(by_day.items()), "hotline": request.kiosk.station.hotline},
        prompt="duty",
    )
