"""The worker's account at the kiosk: changing the phone, their data (a copy, deletion, consent)."""

from __future__ import annotations

from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lingong.core.errors import ApplicationError
from lingong.core.models import Channel
from lingong.core.phone import validate_mobile_phone
from lingong.core.qr import qr_svg
from lingong.notifications.codes import sms_code_send
from lingong.privacy.services import privacy_consent_withdraw, privacy_deletion_request, retention_days

from .. import services
from .common import (
    OLD_PHONE_KEY,
    PHONE_KEY,
    render_kiosk,
    worker_required,
)


@require_http_methods(["GET", "POST"])
@worker_required
def phone_change(request):
    """Changing the phone: first a code to the phone the worker has now, then the new number."""
    if not request.session.get(OLD_PHONE_KEY):
        return _old_phone_step(request)
    error = None
    if request.method == "POST":
        phone = request.POST.get("phone", "")
        try:
            sms_code_send(phone=phone, purpose=services.PHONE_CHANGE_PURPOSE)
        except ApplicationError as error_:
            error = error_.message
        else:
            request.session[PHONE_KEY] = validate_mobile_phone(phone)
            return redirect("kiosk:phone_code")
    return render_kiosk(
        request,
        "kiosk/number_pad.html",
        {
            "error": error,
            "field": "phone",
            "maxlength": 11,
            "title": _("Your new mobile phone number"),
            "current": request.worker.phone_masked,
        },
        prompt="phone_change",
        status=400 if error else 200,
    )


def _old_phone_step(request):
    """Send a code to the current phone (a button), then take that code; a proof goes into the session."""
    error, sent = None, False
    if request.method == "POST" and request.POST.get("action") == "send_old":
        try:
            services.kiosk_phone_change_old_code_send(worker=request.worker)
        except ApplicationError as error_:
            error = error_.message
        sent = error is None
    elif request.method == "POST":
        try:
            proof = services.kiosk_phone_change_old_prove(worker=request.worker, code=request.POST.get("code", ""))
        except ApplicationError as error_:
            error, sent = error_.message, True
        else:
            request.session[OLD_PHONE_KEY] = proof
            return redirect("kiosk:phone_change")
    if not sent:
        return render_kiosk(
            request,
            "kiosk/phone_old.html",
            {"error": error, "current": request.worker.phone_masked, "back_url": reverse("kiosk:home")},
            prompt="phone_change_start",
            status=400 if error else 200,
        )
    return render_kiosk(
        request,
        "kiosk/number_pad.html",
        {
            "error": error,
            "field": "code",
            "maxlength": 6,
            "title": _("The code sent to the phone you have now"),
            "sent_to": request.worker.phone_masked,
        },
        prompt="phone_old_code",
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
@worker_required
def phone_code(request):
    new_phone = request.session.get(PHONE_KEY)
    if not new_phone:
        return redirect("kiosk:phone_change")
    error = None
    if request.method == "POST":
        try:
            services.kiosk_phone_change(
                worker=request.worker,
                new_phone=new_phone,
                code=request.POST.get("code", ""),
                actor=request.user,
                old_phone_proof=request.session.get(OLD_PHONE_KEY, ""),
            )
        except ApplicationError as error_:
            error = error_.message
        else:
            request.session.pop(PHONE_KEY, None)
            request.session.pop(OLD_PHONE_KEY, None)
            request.session["kiosk_notice"] = _("Your phone number has been changed.")
            return redirect("kiosk:home")
    return render_kiosk(
        request,
        "kiosk/number_pad.html",
        {"error": error, "field": "code", "maxlength": 6, "title": _("The code from the SMS")},
        prompt="phone_code",
        status=400 if error else 200,
    )


# The two things a worker may ask at the kiosk about their data, each asked twice (a touch can slip).
MY_DATA_ACTIONS = ("delete", "withdraw")


@require_http_methods(["GET", "POST"])
@worker_required
def my_data(request):
    """My data at a public screen: the copy goes to the worker's own phone (a QR code to the worker door),
    never onto this screen; deletion and consent withdrawal are asked, confirmed, done."""
    action = request.POST.get("action", "")
    asked = request.POST.get("ask", "")
    if request.method == "POST" and action in MY_DATA_ACTIONS:
        worker, user = request.worker, request.user
        if action == "delete":
            purge_after = privacy_deletion_request(subject=worker, actor=user, channel=Channel.KIOSK).purge_after
        else:
            privacy_consent_withdraw(worker=worker, actor=user, channel=Channel.KIOSK)
            purge_after = None
        logout(request)  # hidden now: the kiosk forgets them
        return render_kiosk(
            request,
            "kiosk/my_data_done.html",
            {"withdrawn": action == "withdraw", "purge_after": purge_after},
            prompt="my_data_done",
        )
    context = {
        "copy_qr": qr_svg(request.build_absolute_uri(reverse("portal:worker_my_data")), box_size=8),
        "confirm": asked if asked in MY_DATA_ACTIONS else "",
        "retention_days": retention_days("after_deletion"),
        "back_url": reverse("kiosk:home"),
    }
    return render_kiosk(request, "kiosk/my_data.html", context, prompt="my_data")
