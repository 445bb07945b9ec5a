"""First visit: confirm the card, phone and code, trades, times, pay, consent."""

from __future__ import annotations

import time

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lingong.core.errors import ApplicationError
from lingong.core.masking import mask_id_number, mask_phone
from lingong.trades.selectors import job_type_list_active

from .. import services
from ..services import AVAILABILITY_CHOICES, CardData
from ..voice import NOTICE_PROMPT, voice_file, voice_notice_heard, voice_prompt_recording
from .common import (
    CARD_KEY,
    REG_KEY,
    kiosk_required,
    render_kiosk,
    session_card,
    sign_in,
)


def _reg(request) -> tuple[CardData | None, dict]:
    return session_card(request), request.session.get(REG_KEY) or {"trades": [], "page": 0}


REGISTER_STEPS = 5


@require_http_methods(["GET", "POST"])
@kiosk_required
def register_confirm(request):
    card, reg = _reg(request)
    if card is None:
        return redirect("kiosk:start")
    error = None
    name_bo = reg.get("name_bo", "")
    if request.method == "POST":
        name_bo = request.POST.get("name_bo", "")
        try:
            reg["name_bo"] = services.kiosk_name_bo_check(name_bo=name_bo)
        except ApplicationError as error_:
            error = error_.message
        else:
            request.session[REG_KEY] = reg
            return redirect("kiosk:register_phone")
    return render_kiosk(
        request,
        "kiosk/register_confirm.html",
        {
            "card": card,
            "id_masked": mask_id_number(card.id_number),
            "name_bo": name_bo,
            "error": error,
            "step": 1,
            "steps": REGISTER_STEPS,
        },
        prompt="register_confirm",
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
@kiosk_required
def register_phone(request):
    card, reg = _reg(request)
    if card is None:
        return redirect("kiosk:start")
    error = None
    if request.method == "POST":
        try:
            reg["phone"] = services.kiosk_register_code_send(phone=request.POST.get("phone", ""))
        except ApplicationError as error_:
            error = error_.message
        else:
            reg.pop("phone_proof", None)
            request.session[REG_KEY] = reg
            return redirect("kiosk:register_code")
    return render_kiosk(
        request,
        "kiosk/number_pad.html",
        {
            "error": error,
            "field": "phone",
            "maxlength": 11,
            "title": _("Your mobile phone number"),
            "step": 2,
            "steps": REGISTER_STEPS,
            "back_url": reverse("kiosk:register_confirm"),
        },
        prompt="register_phone",
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
@kiosk_required
def register_code(request):
    card, reg = _reg(request)
    if card is None:
        return redirect("kiosk:start")
    if "phone" not in reg:
        return redirect("kiosk:register_phone")
    error = None
    if request.method == "POST":
        try:
            reg["phone_proof"] = services.kiosk_register_phone_verify(
                phone=reg["phone"], code=request.POST.get("code", "")
            )
        except ApplicationError as error_:
            error = error_.message
        else:
            request.session[REG_KEY] = reg
            return redirect("kiosk:register_trades")

    return render_kiosk(
        request,
        "kiosk/number_pad.html",
        {
            "error": error,
            "field": "code",
            "maxlength": 6,
            "title": _("The code from the SMS"),
            "sent_to": mask_phone(reg["phone"]),
            "step": 2,
            "steps": REGISTER_STEPS,
            "back_url": reverse("kiosk:register_phone"),
        },
        prompt="register_code",
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
@kiosk_required
def register_trades(request):
    """Every trade as a picture on one screen: one tap to choose, no paging."""
    card, reg = _reg(request)
    if card is None:
        return redirect("kiosk:start")
    if not reg.get("phone_proof"):
        return redirect("kiosk:register_phone")
    types = list(job_type_list_active())
    error = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action.startswith("toggle:") and action[7:].isdigit() and len(action) <= 19:
            type_id = int(action[7:])
            if any(t.pk == type_id for t in types):
                chosen = reg.setdefault("trades", [])
                chosen.remove(type_id) if type_id in chosen else chosen.append(type_id)
        elif action == "done":
            if reg.get("trades"):
                request.session[REG_KEY] = reg
                return redirect("kiosk:register_times")
            error = _("Please choose at least one kind of work.")
        request.session[REG_KEY] = reg
        if error is None:
            return redirect("kiosk:register_trades")
    chosen = [t for t in types if t.pk in reg.get("trades", [])]
    return render_kiosk(
        request,
        "kiosk/register_trades.html",
        {
            "types": types,
            "chosen_ids": reg.get("trades", []),
            "chosen": chosen,
            "error": error,
            "step": 3,
            "steps": REGISTER_STEPS,
            "back_url": reverse("kiosk:register_phone"),
        },
        prompt="register_trades",
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
@kiosk_required
def register_times(request):
    card, reg = _reg(request)
    if card is None:
        return redirect("kiosk:start")
    if not reg.get("trades"):
        return redirect("kiosk:register_trades")
    if request.method == "POST" and request.POST.get("availability") in AVAILABILITY_CHOICES:
        reg["availability"] = request.POST["availability"]
        request.session[REG_KEY] = reg
        return redirect("kiosk:register_pay")
    choices = [
        ("mornings", _("Mornings"), "sunrise"),
        ("afternoons", _("Afternoons"), "sunset"),
        ("days", _("Whole days"), "sun"),
        ("any", _("Any time, evenings too"), "moon"),
    ]
    return render_kiosk(
        request,
        "kiosk/register_times.html",
        {
            "choices": choices,
            "chosen": reg.get("availability"),
            "step": 4,
            "steps": REGISTER_STEPS,
            "back_url": reverse("kiosk:register_trades"),
        },
        prompt="register_times",
    )


@require_http_methods(["GET", "POST"])
@kiosk_required
def register_pay(request):
    """The lowest day pay the worker accepts (a few big choices, or any pay)."""
    card, reg = _reg(request)
    if card is None:
        return redirect("kiosk:start")
    if "availability" not in reg:
        return redirect("kiosk:register_times")
    error = None
    if request.method == "POST":
        value = request.POST.get("min_day_pay", "")
        if value == "any" or (value.isdigit() and int(value) in services.MIN_DAY_PAY_CHOICES_YUAN):
            reg["min_day_pay_fen"] = 0 if value == "any" else int(value) * 100
            request.session[REG_KEY] = reg
            return redirect("kiosk:register_consent")
        error = _("Please choose the lowest day pay you accept.")
    return render_kiosk(
        request,
        "kiosk/register_pay.html",
        {
            "choices": services.MIN_DAY_PAY_CHOICES_YUAN,
            "error": error,
            "chosen_yuan": reg["min_day_pay_fen"] // 100 if "min_day_pay_fen" in reg else None,
            "step": 5,
            "steps": REGISTER_STEPS,
            "back_url": reverse("kiosk:register_times"),
        },
        prompt="register_pay",
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
@kiosk_required
def register_consent(request):
    card, reg = _reg(request)
    if card is None:
        return redirect("kiosk:start")
    if not reg.get("phone_proof"):
        return redirect("kiosk:register_phone")
    if not reg.get("trades") or "availability" not in reg or "min_day_pay_fen" not in reg:
        return redirect("kiosk:register_trades")
    error = None
    if request.method == "POST":
        try:
            worker = services.kiosk_worker_register(
                kiosk=request.kiosk,
                card=card,
                phone=reg["phone"],
                phone_proof=reg["phone_proof"],
                job_type_ids=reg["trades"],
                availability=reg["availability"],
                min_day_pay_fen=reg["min_day_pay_fen"],
                consent_notice_version=request.POST.get("notice_version", ""),
                # only when this session served the notice's recording and the kiosk heard it end
                read_aloud=bool(reg.get("notice", {}).get("heard")),
                language=request.LANGUAGE_CODE,
                name_bo=reg.get("name_bo", ""),
            )
        except ApplicationError as error_:
            error = error_
        else:
            request.session.pop(CARD_KEY, None)
            request.session.pop(REG_KEY, None)
            sign_in(request, worker=worker, way="register")  # registered here: their first kiosk session
            return redirect("kiosk:home")
    return render_kiosk(
        request,
        "kiosk/register_consent.html",
        {
            "error": error,
            "notice_version": settings.CONSENT_NOTICE_VERSION,
            "back_url": reverse("kiosk:register_pay"),
            "heard": bool(reg.get("notice", {}).get("heard")),
        },
        prompt="register_consent",
        status=error.status if error else 200,
    )


@require_GET
@kiosk_required
def consent_audio(request):
    """The personal-information notice, spoken from the approved recording of the screen's language.

    Serving it is written in the registration's session: only a notice served here can later be
    reported as heard to the end.
    """
    card, reg = _reg(request)
    recording = voice_prompt_recording(prompt_id=NOTICE_PROMPT, language=request.LANGUAGE_CODE)
    if card is None or recording is None or not voice_file(recording).exists():
        raise Http404()
    if reg.get("notice", {}).get("recording") != recording.pk:
        reg["notice"] = {"recording": recording.pk, "served_at": time.time(), "heard": False}
        request.session[REG_KEY] = reg
    return FileResponse(open(voice_file(recording), "rb"), content_type="audio/wav")


@require_POST
@kiosk_required
def consent_heard(request):
    """The kiosk's page reports that the notice's audio played to its end (the audio element's `ended`)."""
    card, reg = _reg(request)
    served = reg.get("notice")
    if card is None or not voice_notice_heard(served=served, now=time.time()):
        return JsonResponse({"heard": False, "message": _("The notice was not played here to its end.")}, status=400)
    served["heard"] = True
    request.session[REG_KEY] = reg
    return JsonResponse({"heard": True})
