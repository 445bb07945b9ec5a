"""Signing in with the phone and an SMS code, signing out, registering."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lingong.accounts.doors import door_sign_out
from lingong.core.errors import ApplicationError
from lingong.core.forms import form_error_show
from lingong.workers.services import (
    NotRegistered,
    TradeSkill,
    worker_register_code_send,
    worker_register_web,
    worker_sign_in,
    worker_sign_in_code_send,
)

from ..access import BACKEND, safe_next
from ..access import code_missing as _code_missing
from ..forms import (
    PhoneCodeForm,
    WorkerRegisterForm,
)


@require_http_methods(["GET", "POST"])
def login_view(request):
    """Step 1: the phone number, a code is sent. Step 2: the code, and in."""
    form = PhoneCodeForm(request.POST or None)
    sent = request.method == "POST" and request.POST.get("action") == "sign_in"
    not_registered = False
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            if request.POST.get("action") == "sign_in":
                if not _code_missing(form):
                    worker = worker_sign_in(phone=phone, code=form.cleaned_data["code"])
                    login(request, worker.user, backend=BACKEND)
                    return redirect(safe_next(request, "/w/"))
            else:
                worker_sign_in_code_send(phone=phone)
                sent = True
                form = PhoneCodeForm(initial={"phone": phone})
        except NotRegistered as error:
            not_registered, sent = True, False
            form_error_show(form, error)
        except ApplicationError as error:
            form_error_show(form, error)
    return render(
        request,
        "portal/worker/login.html",
        {"form": form, "sent": sent, "not_registered": not_registered, "next": safe_next(request, "")},
    )


@require_POST
def logout_view(request):
    return door_sign_out(request, then="/w/login/")  # the door's sign-in page, which shows what happened


@require_http_methods(["GET", "POST"])
def register(request):
    form = WorkerRegisterForm(request.POST or None)
    sent = request.method == "POST" and request.POST.get("action") == "register"
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("action") == "register":
                if not _code_missing(form):
                    worker = worker_register_web(
                        sms_code=data["code"],
                        name=data["name"],
                        id_number=data["id_number"],
                        phone=data["phone"],
                        trades=[TradeSkill(t) for t in data["trades"]],
                        speaks_zh=data["speaks_zh"],
                        speaks_bo=data["speaks_bo"],
                        consent_notice_version=settings.CONSENT_NOTICE_VERSION if data["consent"] else "",
                        language=request.LANGUAGE_CODE,
                    )
                    login(request, worker.user, backend=BACKEND)
                    messages.success(request, _("Welcome! You are registered."))
                    return redirect("/w/profile/")
            else:
                worker_register_code_send(phone=data["phone"])
                sent = True
        except ApplicationError as error:
            form_error_show(form, error)
    return render(
        request,
        "portal/worker/register.html",
        {"form": form, "sent": sent, "notice_version": settings.CONSENT_NOTICE_VERSION},
    )
