"""Signing in with an SMS code, signing out, signing up; the language of messages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lingong.accounts.doors import door_sign_out
from lingong.core.errors import ApplicationError
from lingong.core.forms import form_error_show
from lingong.core.models import Channel
from lingong.employers.services import (
    employer_language_set,
    employer_sign_in,
    employer_sign_in_code_send,
    employer_sign_up,
    employer_sign_up_code_send,
)

from ..access import BACKEND, employer_door, safe_next
from ..access import code_missing as _code_missing
from ..forms import EmployerSignUpForm, PhoneCodeForm


@require_http_methods(["GET", "POST"])
def login_view(request):
    form = PhoneCodeForm(request.POST or None)
    sent = request.method == "POST" and request.POST.get("action") == "sign_in"
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            if request.POST.get("action") == "sign_in":
                if not _code_missing(form):
                    employer = employer_sign_in(phone=phone, code=form.cleaned_data["code"])
                    login(request, employer.user, backend=BACKEND)
                    return redirect(safe_next(request, "/e/"))
            else:
                employer_sign_in_code_send(phone=phone)
                sent = True
                form = PhoneCodeForm(initial={"phone": phone})
        except ApplicationError as error:
            if error.code == "not_registered":
                sent = False
            form_error_show(form, error)
    return render(request, "portal/employer/login.html", {"form": form, "sent": sent, "next": safe_next(request, "")})


@require_POST
def logout_view(request):
    return door_sign_out(request, then="/e/login/")  # the door's sign-in page, which shows what happened


@require_http_methods(["GET", "POST"])
def signup(request):
    form = EmployerSignUpForm(request.POST or None)
    sent = request.method == "POST" and request.POST.get("action") == "sign_up"
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("action") == "sign_up":
                if not _code_missing(form):
                    station = data["station"]
                    employer = employer_sign_up(
                        sms_code=data["code"],
                        kind=data["kind"],
                        name=data["name"],
                        contact_name=data["contact_name"],
                        contact_phone=data["contact_phone"],
                        address=data["address"],
                        id_number=data["id_number"] if data["kind"] == "individual" else "",
                        uscc=data["uscc"] if data["kind"] == "enterprise" else "",
                        station=station,
                        lat=station.lat,
                        lon=station.lon,
                        language=request.LANGUAGE_CODE,
                    )
                    login(request, employer.user, backend=BACKEND)
                    messages.success(request, _("Welcome! Your account is open. Post your first job below."))
                    return redirect("/e/post/")
            else:
                employer_sign_up_code_send(contact_phone=data["contact_phone"])
                sent = True
        except ApplicationError as error:
            form_error_show(form, error)
    return render(request, "portal/employer/signup.html", {"form": form, "sent": sent})


@require_POST
@employer_door
def language_set(request, employer):
    try:
        employer_language_set(
            employer=employer, language=request.POST.get("language", ""), actor=request.user, channel=Channel.WEB
        )
        messages.success(request, _("Saved."))
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect("/e/")
