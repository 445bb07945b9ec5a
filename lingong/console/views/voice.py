"""The recording studio: staff record what the kiosk says, in Tibetan and Chinese, and approve each take."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lingong.accounts.doors import staff_door
from lingong.core.errors import ApplicationError, NotFound
from lingong.kiosk.voice import (
    LANGUAGES,
    VoiceState,
    voice_file,
    voice_recording_approve,
    voice_recording_get,
    voice_recording_save,
    voice_rows,
    voice_segment_detail,
)
from lingong.kiosk.wav import MAX_BYTES

from .common import console_context

studio_view = staff_door("voice.record")
STATES = (VoiceState.MISSING, VoiceState.AWAITING, VoiceState.APPROVED)


def _language(value) -> str:
    return value if value in LANGUAGES else "bo"


@require_GET
@studio_view
def studio(request):
    """Every segment of one language with its state; `?state=missing` shows what the kiosk cannot say yet."""
    language = _language(request.GET.get("language"))
    rows = voice_rows(language=language)
    counts = {state: sum(1 for r in rows if r.state == state) for state in STATES}
    state = request.GET.get("state")
    if state in STATES:
        rows = [r for r in rows if r.state == state]
    context = console_context(
        request, language=language, languages=LANGUAGES, rows=rows, counts=counts, state_filter=state
    )
    return render(request, "console/voice.html", context)


@studio_view
def segment(request, language: str, segment_id: str):
    """One segment: listen to its takes, record a new one (the browser sends a PCM WAV), approve."""
    if language not in LANGUAGES:
        raise NotFound()
    status = 200
    error = None
    if request.method == "POST":
        upload = request.FILES.get("audio")
        try:
            if upload is None:
                raise ApplicationError(_("Record something first, then send it."), field="audio")
            if upload.size > MAX_BYTES:
                raise ApplicationError(_("The recording is too large. Keep it under two minutes."), field="audio")
            recording = voice_recording_save(
                actor=request.user, language=language, segment_id=segment_id, data=upload.read()
            )
        except ApplicationError as refused:
            if refused.status == 404:
                raise
            error, status = refused.message, refused.status
            if request.headers.get("Accept") == "application/json":
                return JsonResponse({"message": str(error)}, status=status)
        else:
            done = _("Recorded. Listen to it, then approve it or record it again.")
            if request.headers.get("Accept") == "application/json":
                messages.success(request, done)
                return JsonResponse({"id": recording.pk, "message": done})
            messages.success(request, done)
            return redirect("console:voice_segment", language=language, segment_id=segment_id)
    seg, row, takes = voice_segment_detail(language=language, segment_id=segment_id)
    context = console_context(request, language=language, seg=seg, row=row, takes=takes, error=error)
    return render(request, "console/voice_segment.html", context, status=status)


@require_POST
@staff_door("voice.approve")
def approve(request, pk: int):
    recording = voice_recording_get(recording_id=pk)
    try:
        voice_recording_approve(actor=request.user, recording=recording)
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Approved. The kiosks say it with this recording from now on."))
    return redirect(reverse("console:voice_segment", args=[recording.language, recording.segment]))


@require_GET
@studio_view
def recording_audio(request, pk: int):
    recording = voice_recording_get(recording_id=pk)
    path = voice_file(recording)
    if not path.exists():
        raise Http404()
    return FileResponse(open(path, "rb"), content_type="audio/wav")
