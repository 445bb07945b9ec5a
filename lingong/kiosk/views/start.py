"""The start screen: ID card, typed number or QR sign-in; finishing; the staff's kiosk set-up."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lingong.core.crypto import seal, unseal
from lingong.core.errors import ApplicationError, InvalidInput
from lingong.core.qr import qr_svg
from lingong.stations.models import Kiosk

from .. import services
from ..voice import LANGUAGES, voice_missing
from .common import (
    DEVICE_COOKIE,
    DEVICE_COOKIE_AGE,
    QR_KEY,
    TYPED_KEY,
    kiosk_required,
    render_kiosk,
    sign_in_or_register,
    signed_in_worker,
)


@require_GET
@kiosk_required
def start(request):
    if signed_in_worker(user=request.user) is not None:
        return redirect("kiosk:home")
    code, raw = services.kiosk_login_code_issue(kiosk=request.kiosk)
    request.session[QR_KEY] = code.pk
    confirm_url = request.build_absolute_uri(reverse("kiosk:qr_confirm", args=[raw]))
    return render_kiosk(
        request,
        "kiosk/start.html",
        {
            "qr_svg": qr_svg(confirm_url, box_size=12),
            "error": request.GET.get("e") and request.session.pop("kiosk_error", None),
        },
        prompt="start",
    )


@require_POST
@kiosk_required
def card_read(request):
    """The reader agent's signed JSON, forwarded by the kiosk page."""
    try:
        message = json.loads(request.body.decode("utf-8"))
        card = services.card_read_verify(kiosk=request.kiosk, message=message)
        worker = services.kiosk_card_identify(card=card)
    except (ValueError, UnicodeDecodeError):
        error = services.CardRefused(code="card_malformed")
        return JsonResponse({"code": error.code, "message": str(error.message)}, status=400)
    except ApplicationError as error:
        return JsonResponse({"code": error.code, "message": str(error.message)}, status=error.status)
    return JsonResponse({"redirect": sign_in_or_register(request, worker=worker, card=card, way="card")})


@require_POST
@kiosk_required
def scan(request):
    """The scanner read a personal code (signs in), or an ID number was typed (a code to the phone first)."""
    value = request.POST.get("value", "")
    try:
        if services.kiosk_value_is_personal_code(value):
            worker = services.kiosk_scan_identify(kiosk=request.kiosk, value=value)
            return redirect(sign_in_or_register(request, worker=worker, card=None, way="personal_code"))
        number = services.kiosk_typed_sign_in_start(kiosk=request.kiosk, value=value)
    except ApplicationError as error:
        request.session["kiosk_error"] = str(error.message)
        return redirect(reverse("kiosk:start") + "?e=1")
    request.session[TYPED_KEY] = seal(number, purpose="kiosk_typed")
    return redirect("kiosk:scan_code")


@require_http_methods(["GET", "POST"])
@kiosk_required
def scan_code(request):
    """The code sent to the phone registered with the typed number (the same screen for any number)."""
    sealed = request.session.get(TYPED_KEY)
    if not sealed:
        return redirect("kiosk:start")
    error = None
    if request.method == "POST":
        try:
            worker = services.kiosk_typed_sign_in_finish(
                kiosk=request.kiosk,
                id_number=unseal(sealed, purpose="kiosk_typed"),
                code=request.POST.get("code", ""),
            )
        except ApplicationError as error_:
            error = error_.message
        else:
            request.session.pop(TYPED_KEY, None)
            return redirect(sign_in_or_register(request, worker=worker, card=None, way="typed"))
    return render_kiosk(
        request,
        "kiosk/number_pad.html",
        {
            "error": error,
            "field": "code",
            "maxlength": 6,
            "title": _("The code from the SMS"),
            "hint": _(
                "If this ID number is registered, we sent a code to its phone. No phone with you? "
                "Show your own code from your phone, place your ID card on the reader, or call staff."
            ),
            "back_url": reverse("kiosk:start"),
        },
        prompt="scan_code",
        status=400 if error else 200,
    )


@require_GET
@kiosk_required
def qr_status(request):
    state, worker = services.kiosk_login_code_claim(kiosk=request.kiosk, code_id=request.session.get(QR_KEY))
    if state == "confirmed":
        request.session.pop(QR_KEY, None)
        return JsonResponse(
            {"status": state, "redirect": sign_in_or_register(request, worker=worker, card=None, way="qr")}
        )
    return JsonResponse({"status": state})


@require_http_methods(["GET", "POST"])
def qr_confirm(request, code: str):
    """On the worker's phone (signed in on the worker door): confirm signing in at that kiosk."""
    context = {"code": code}
    try:
        login_code = services.kiosk_login_code_lookup(raw=code)
        context["login_code"] = login_code
        if request.method == "POST":
            services.kiosk_login_code_confirm(raw=code, user=request.user)
            context["confirmed"] = True
    except ApplicationError as error:
        context["error"] = error.message
    context["signed_in"] = signed_in_worker(user=request.user) is not None
    return render(request, "kiosk/phone_confirm.html", context, status=400 if "error" in context else 200)


@require_GET
def my_code(request):
    """On the worker's phone: a personal QR (valid two minutes) the kiosk scanner reads."""
    worker = signed_in_worker(user=request.user)
    token = services.personal_code_issue(worker=worker) if worker else None
    return render(
        request,
        "kiosk/phone_code.html",
        {"qr_svg": qr_svg(token, box_size=12) if token else None, "max_age": services.PERSONAL_CODE_MAX_AGE},
    )


@require_POST
@kiosk_required
def finish(request):
    """Idle timeout or "finish": forget the person, the flow and the language."""
    logout(request)  # flushes the session
    response = redirect("kiosk:start")
    response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    return response


@require_http_methods(["GET", "POST"])
def setup(request):
    user = request.user
    if not user.is_authenticated or not user.is_back_office:
        return redirect_to_login(request.get_full_path(), reverse("console:login"))
    kiosks = Kiosk.objects.select_related("station").filter(is_active=True)
    if user.role == "station_staff":
        kiosks = kiosks.filter(station_id=user.station_id)
    error = None
    if request.method == "POST":
        kiosk = kiosks.filter(pk=request.POST.get("kiosk") or None).first()
        try:
            if kiosk is None:
                raise InvalidInput(_("Choose a kiosk."))
            token = services.kiosk_device_bind(kiosk=kiosk, actor=user)
        except ApplicationError as error_:
            error = error_.message
        else:
            logout(request)  # the kiosk must not keep the staff member signed in
            response = redirect("kiosk:start")
            response.set_cookie(
                DEVICE_COOKIE,
                token,
                max_age=DEVICE_COOKIE_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
            return response
    missing = {language: voice_missing(language=language) for language in LANGUAGES}
    context = {"kiosks": kiosks, "error": error, "language": get_language(), "voice_missing": missing}
    return render(request, "kiosk/setup.html", context)
