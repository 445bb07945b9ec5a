"""Kiosk screens (就业一体机): thin views over lingong.kiosk.services / selectors.

The browser is bound to its kiosk by a signed device cookie that staff set
at /kiosk/setup/ (see README.md in this app). Multi-step state lives in the
session; card data only sealed, and only until registration finishes.
"""

from __future__ import annotations

import functools
import json

from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lingong.agreements.services import agreement_sign_code_send, agreement_sign_worker
from lingong.attendance.services import placement_confirm
from lingong.core.errors import ApplicationError, InvalidInput
from lingong.core.language import text_language
from lingong.core.phone import validate_mobile_phone
from lingong.core.qr import qr_svg
from lingong.credit.selectors import credit_event_of_worker, credit_explain, penalty_of_worker
from lingong.credit.services import appeal_create, rating_create
from lingong.jobs.selectors import access_job, application_list_open_for_worker
from lingong.jobs.services import application_accept, application_create, application_decline, application_withdraw
from lingong.lifecycle import selectors as my_work
from lingong.notifications.codes import sms_code_send
from lingong.rights.services import rights_case_open
from lingong.stations.models import Kiosk
from lingong.trades.selectors import job_type_list_active
from lingong.wages.selectors import wage_totals_for_worker
from lingong.wages.services import wage_receipt_confirm, wage_receipt_deny

from . import services
from .prompts import PROMPTS
from .selectors import (
    kiosk_application_for_worker,
    kiosk_home_for_worker,
    staff_call_for_kiosk,
    staff_call_overdue,
    station_help_window,
)
from .services import AVAILABILITY_CHOICES, CardData
from .tts import SpeechUnavailable, job_speech_text, prompt_audio_path, synthesise

DEVICE_COOKIE = "lingong_kiosk"
DEVICE_COOKIE_AGE = 5 * 365 * 24 * 3600
CARD_KEY, REG_KEY, QR_KEY, PHONE_KEY = "kiosk_card", "kiosk_reg", "kiosk_qr", "kiosk_new_phone"


def _render(request, template: str, context: dict | None = None, *, prompt: str, status: int = 200):
    context = {"kiosk": request.kiosk, "prompt_id": prompt, "prompt_text": PROMPTS.get(prompt, ""), **(context or {})}
    context.setdefault("help_window", station_help_window(station=request.kiosk.station))
    return render(request, template, context, status=status)


def kiosk_required(view):
    """The browser must be a set-up kiosk; the kiosk is request.kiosk."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        request.kiosk = services.kiosk_from_device_token(request.COOKIES.get(DEVICE_COOKIE))
        if request.kiosk is None:
            return render(request, "kiosk/not_set_up.html", {"prompt_text": PROMPTS["not_set_up"]}, status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _worker(request):
    user = request.user
    return getattr(user, "worker", None) if user.is_authenticated else None


def worker_required(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        request.worker = _worker(request)
        if request.worker is None or not request.worker.is_active:
            return redirect("kiosk:start")
        return view(request, *args, **kwargs)

    return kiosk_required(wrapped)


def _card(request) -> CardData | None:
    token = request.session.get(CARD_KEY)
    return CardData.unseal(token) if token else None


def _identified(request, *, worker, card) -> str:
    """Sign a known worker in, or keep a first-timer's card for registration; the next URL."""
    if worker is not None:
        request.session.pop(CARD_KEY, None)
        login(request, worker.user)
        return reverse("kiosk:home")
    request.session[CARD_KEY] = card.seal()
    request.session[REG_KEY] = {"trades": [], "page": 0}
    return reverse("kiosk:register_confirm")


# --- start screen: card, wedge scan, QR --------------------------------------------------


@require_GET
@kiosk_required
def start(request):
    if _worker(request) is not None:
        return redirect("kiosk:home")
    code, raw = services.kiosk_login_code_issue(kiosk=request.kiosk)
    request.session[QR_KEY] = code.pk
    confirm_url = request.build_absolute_uri(reverse("kiosk:qr_confirm", args=[raw]))
    return _render(
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
    return JsonResponse({"redirect": _identified(request, worker=worker, card=card)})


@require_POST
@kiosk_required
def scan(request):
    """A keyboard-wedge reader or the scanner typed an ID number or a personal code + Enter."""
    try:
        result = services.kiosk_scan_identify(kiosk=request.kiosk, value=request.POST.get("value", ""))
    except ApplicationError as error:
        request.session["kiosk_error"] = str(error.message)
        return redirect(reverse("kiosk:start") + "?e=1")
    if result.worker is None and result.card is not None:
        # No chip data behind a typed number: no name to register with; staff help.
        request.session["kiosk_error"] = _(
            "This ID number is not registered yet. Please place your ID card on the reader to register, or ask staff."
        )
        return redirect(reverse("kiosk:start") + "?e=1")
    return redirect(_identified(request, worker=result.worker, card=None))


@require_GET
@kiosk_required
def qr_status(request):
    state, worker = services.kiosk_login_code_claim(kiosk=request.kiosk, code_id=request.session.get(QR_KEY))
    if state == "confirmed":
        request.session.pop(QR_KEY, None)
        return JsonResponse({"status": state, "redirect": _identified(request, worker=worker, card=None)})
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
    context["signed_in"] = _worker(request) is not None
    return render(request, "kiosk/phone_confirm.html", context, status=400 if "error" in context else 200)


@require_GET
def my_code(request):
    """On the worker's phone: a personal QR (valid two minutes) the kiosk scanner reads."""
    worker = _worker(request)
    token = services.personal_code_issue(worker=worker) if worker else None
    return render(
        request,
        "kiosk/phone_code.html",
        {"qr_svg": qr_svg(token, box_size=12) if token else None, "max_age": services.PERSONAL_CODE_MAX_AGE},
    )


# --- first visit: registration ---------------------------------------------------------


def _reg(request) -> tuple[CardData | None, dict]:
    return _card(request), request.session.get(REG_KEY) or {"trades": [], "page": 0}


REGISTER_STEPS = 5


@require_http_methods(["GET", "POST"])
@kiosk_required
def register_confirm(request):
    card, _reg_state = _reg(request)
    if card is None:
        return redirect("kiosk:start")
    from lingong.core.masking import mask_id_number

    return _render(
        request,
        "kiosk/register_confirm.html",
        {"card": card, "id_masked": mask_id_number(card.id_number), "step": 1, "steps": REGISTER_STEPS},
        prompt="register_confirm",
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
    return _render(
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
    from lingong.core.masking import mask_phone

    return _render(
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
        if action.startswith("toggle:") and action[7:].isdigit():
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
    return _render(
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
    return _render(
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
    return _render(
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
                read_aloud=request.POST.get("read_aloud") == "1",
                language=request.LANGUAGE_CODE,
            )
        except ApplicationError as error_:
            error = error_
        else:
            request.session.pop(CARD_KEY, None)
            request.session.pop(REG_KEY, None)
            login(request, worker.user)
            return redirect("kiosk:home")
    return _render(
        request,
        "kiosk/register_consent.html",
        {"error": error, "notice_version": settings.CONSENT_NOTICE_VERSION, "back_url": reverse("kiosk:register_pay")},
        prompt="register_consent",
        status=error.status if error else 200,
    )


# --- home: jobs, apply, withdraw ----------------------------------------------------------


@require_GET
@worker_required
def home(request):
    return _render(
        request,
        "kiosk/home.html",
        {
            "worker": request.worker,
            "cards": kiosk_home_for_worker(worker=request.worker),
            "proposals": application_list_open_for_worker(worker=request.worker),
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


# --- phone change: SMS code to the new phone ---------------------------------------------


@require_http_methods(["GET", "POST"])
@worker_required
def phone_change(request):
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
    return _render(
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
                worker=request.worker, new_phone=new_phone, code=request.POST.get("code", ""), actor=request.user
            )
        except ApplicationError as error_:
            error = error_.message
        else:
            request.session.pop(PHONE_KEY, None)
            request.session["kiosk_notice"] = _("Your phone number has been changed.")
            return redirect("kiosk:home")
    return _render(
        request,
        "kiosk/number_pad.html",
        {"error": error, "field": "code", "maxlength": 6, "title": _("The code from the SMS")},
        prompt="phone_code",
        status=400 if error else 200,
    )


# --- always there: call staff, finish, sound ----------------------------------------------


@require_POST
@kiosk_required
def call_staff(request):
    call = services.staff_call_create(kiosk=request.kiosk, worker=_worker(request))
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
    return _render(request, "kiosk/staff_called.html", _staff_call_context(request, call_id), prompt="staff_called")


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


@require_POST
@kiosk_required
def finish(request):
    """Idle timeout or "finish": forget the person, the flow and the language."""
    logout(request)  # flushes the session
    response = redirect("kiosk:start")
    response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    return response


@require_GET
def prompt_audio(request, language: str, prompt_id: str):
    if prompt_id not in PROMPTS or language not in dict(settings.LANGUAGES):
        raise Http404()
    path = prompt_audio_path(prompt_id, language)
    if path is None:
        raise Http404()
    return FileResponse(open(path, "rb"), content_type="audio/wav")


@require_GET
def job_audio(request, job_id: int):
    """A job read aloud in Mandarin; the text is built here from the job, never sent by the client."""
    job = access_job(user=request.user, job_id=job_id)
    try:
        path = synthesise(job_speech_text(job))
    except SpeechUnavailable:
        raise Http404() from None
    return FileResponse(open(path, "rb"), content_type="audio/wav")


# --- staff: set this browser up as a kiosk -----------------------------------------------


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
    return render(request, "kiosk/setup.html", {"kiosks": kiosks, "error": error, "language": get_language()})


# --- my work: confirm, agreement, wages, rating; my score; wages not paid -----------------
# Reads scoped to the signed-in worker live in lingong.lifecycle.selectors (shared with the worker door).


HELP_KEY, HELP_DONE_KEY = "kiosk_help_placement", "kiosk_help_case"
SIGN_KEY = "kiosk_sign_agreement"
WORK_PROMPTS = {
    "work": gettext_lazy("This is your work. Press a green button to answer."),
    "sign": gettext_lazy("Press the button, and we send a code to your phone. Type the code to sign."),
    "sign_code": gettext_lazy("Type the code from the SMS to sign the agreement."),
    "rate": gettext_lazy("How was this employer? Press one to five stars."),
    "score": gettext_lazy("This is why your score is what it is. If something is wrong, press Appeal."),
    "appeal": gettext_lazy("Why is it wrong? Choose one picture. Staff will look at it within three days."),
    "help": gettext_lazy("Who did not pay you? Press the job."),
    "help_amount": gettext_lazy("How much were you not paid? Type the amount in yuan."),
    "help_done": gettext_lazy("Your complaint is recorded. Go to the rights window or call the hotline."),
}
# At the kiosk an appeal gives one of these reasons (no typing); staff read it in Chinese.
APPEAL_REASONS = {
    "was_there": (gettext_lazy("I was there and did the work."), "check"),
    "not_my_fault": (gettext_lazy("It was not my fault: illness, family or weather."), "hand"),
    "employer_changed": (gettext_lazy("The employer cancelled or changed the job."), "card"),
    "call_me": (gettext_lazy("Something else: please call me."), "phone"),
}


def _work_render(request, template: str, context: dict, *, prompt: str, status: int = 200):
    return _render(
        request,
        template,
        {"prompt_text": WORK_PROMPTS[prompt], "worker": request.worker, **context},
        prompt=f"work_{prompt}",
        status=status,
    )


def _back_to_work(request, *, notice=None, error=None):
    if notice:
        request.session["kiosk_notice"] = str(notice)
    if error:
        request.session["kiosk_error"] = str(error)
    return redirect("kiosk:work")


@require_GET
@worker_required
def work(request):
    return _work_render(
        request,
        "kiosk/work.html",
        {
            "rows": my_work.my_work_for_worker(worker=request.worker),
            "totals": wage_totals_for_worker(worker=request.worker),
            "notice": request.session.pop("kiosk_notice", None),
            "error": request.session.pop("kiosk_error", None),
        },
        prompt="work",
    )


@require_POST
@worker_required
def work_confirm(request, placement_id: int):
    placement = my_work.placement_of_worker(worker=request.worker, placement_id=placement_id)
    try:
        placement_confirm(placement=placement, actor=request.user, channel="kiosk")
    except ApplicationError as error:
        return _back_to_work(request, error=error.message)
    return _back_to_work(request, notice=_("Thank you. You said you will come."))


@require_http_methods(["GET", "POST"])
@worker_required
def agreement_sign(request, agreement_id: int):
    """Screen 1 of signing: see the agreement, ask for the SMS code."""
    agreement = my_work.agreement_of_worker(worker=request.worker, agreement_id=agreement_id)
    error = None
    if request.method == "POST":
        try:
            agreement_sign_code_send(agreement=agreement, actor=request.user)
        except ApplicationError as error_:
            error = error_
        else:
            request.session[SIGN_KEY] = agreement.pk
            return redirect("kiosk:agreement_code", agreement_id=agreement.pk)
    return _work_render(
        request,
        "kiosk/agreement_sign.html",
        {
            "agreement": agreement,
            "placement": agreement.placement,
            "job": agreement.placement.job,
            "signable": agreement.status in my_work.SIGNABLE,
            "error": error and error.message,
            "phone": request.worker.phone_masked,
        },
        prompt="sign",
        status=error.status if error else 200,
    )


@require_http_methods(["GET", "POST"])
@worker_required
def agreement_code(request, agreement_id: int):
    """Screen 2 of signing: the code from the SMS on the number pad."""
    agreement = my_work.agreement_of_worker(worker=request.worker, agreement_id=agreement_id)
    if request.session.get(SIGN_KEY) != agreement.pk:
        return redirect("kiosk:agreement_sign", agreement_id=agreement.pk)
    error = None
    if request.method == "POST":
        try:
            agreement_sign_worker(
                agreement=agreement,
                actor=request.user,
                channel="kiosk",
                method="sms",
                sms_code=request.POST.get("code", "")[:12],
            )
        except ApplicationError as error_:
            error = error_
        else:
            request.session.pop(SIGN_KEY, None)
            return _back_to_work(request, notice=_("You have signed the agreement."))
    return _work_render(
        request,
        "kiosk/number_pad.html",
        {
            "error": error and error.message,
            "field": "code",
            "maxlength": 6,
            "title": _("The code from the SMS"),
            "step": 2,
            "steps": 2,
        },
        prompt="sign_code",
        status=error.status if error else 200,
    )


@require_POST
@worker_required
def wage_received(request, wage_id: int):
    wage = my_work.wage_of_worker(worker=request.worker, wage_id=wage_id)
    try:
        wage_receipt_confirm(wage=wage, actor=request.user, channel="kiosk")
    except ApplicationError as error:
        return _back_to_work(request, error=error.message)
    return _back_to_work(request, notice=_("Thank you. We noted that you received your wages."))


@require_POST
@worker_required
def wage_not_received(request, wage_id: int):
    wage = my_work.wage_of_worker(worker=request.worker, wage_id=wage_id)
    try:
        wage_receipt_deny(wage=wage, actor=request.user, channel="kiosk")
    except ApplicationError as error:
        return _back_to_work(request, error=error.message)
    return _back_to_work(
        request, notice=_("We noted that you did not get the money. Rights protection staff will call you.")
    )


def _stars(value) -> int:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 3 else 0  # the service says what is wrong


@require_http_methods(["GET", "POST"])
@worker_required
def rate(request, placement_id: int):
    placement = my_work.placement_of_worker(worker=request.worker, placement_id=placement_id)
    error = None
    if request.method == "POST":
        try:
            rating_create(
                placement=placement, side="worker", stars=_stars(request.POST.get("stars")), actor=request.user
            )
        except ApplicationError as error_:
            error = error_
        else:
            return _back_to_work(request, notice=_("Thank you for your rating."))
    return _work_render(
        request,
        "kiosk/rate.html",
        {"placement": placement, "job": placement.job, "stars": range(1, 6), "error": error and error.message},
        prompt="rate",
        status=error.status if error else 200,
    )


@require_GET
@worker_required
def score(request):
    return _work_render(
        request,
        "kiosk/score.html",
        {
            "explanation": credit_explain(subject=request.worker, user=request.user),
            "notice": request.session.pop("kiosk_notice", None),
            "error": request.session.pop("kiosk_error", None),
        },
        prompt="score",
    )


def _contested(request, kind: str, target_id: int) -> dict:
    if kind == "event":
        return {"credit_event": credit_event_of_worker(worker=request.worker, event_id=target_id)}
    if kind == "penalty":
        return {"penalty": penalty_of_worker(worker=request.worker, penalty_id=target_id)}
    raise Http404()


@require_http_methods(["GET", "POST"])
@worker_required
def appeal(request, kind: str, target_id: int):
    contested = _contested(request, kind, target_id)
    error = None
    if request.method == "POST":
        choice = APPEAL_REASONS.get(request.POST.get("reason", ""))
        try:
            if choice is None:
                raise InvalidInput(_("Please choose one picture."), code="reason_required")
            with translation.override("zh-hans"):  # staff read appeals in Chinese
                reason = _("At the kiosk: %(reason)s") % {"reason": choice[0]}
            appeal_create(reason=reason, actor=request.user, **contested)
        except ApplicationError as error_:
            error = error_
        else:
            request.session["kiosk_notice"] = str(_("Your appeal is sent. Staff will decide within three days."))
            return redirect("kiosk:score")
    return _work_render(
        request,
        "kiosk/appeal.html",
        {
            "reasons": [(key, label, icon) for key, (label, icon) in APPEAL_REASONS.items()],
            "error": error and error.message,
            "contested": next(iter(contested.values())),
        },
        prompt="appeal",
        status=error.status if error else 200,
    )


@require_http_methods(["GET", "POST"])
@worker_required
def wage_help(request):
    """Wages not paid: step 1, the job (and so the employer) as picture-cards."""
    if request.method == "POST":
        try:
            placement = my_work.placement_of_worker(worker=request.worker, placement_id=request.POST.get("placement"))
        except ApplicationError:
            return redirect("kiosk:wage_help")
        request.session[HELP_KEY] = placement.pk
        return redirect("kiosk:wage_help_amount")
    return _work_render(
        request,
        "kiosk/wage_help.html",
        {
            "choices": my_work.arrears_choices_for_worker(worker=request.worker),
            "step": 1,
            "steps": 2,
            "rights_window": my_work.rights_window_for_station(station=request.kiosk.station),
        },
        prompt="help",
    )


@require_http_methods(["GET", "POST"])
@worker_required
def wage_help_amount(request):
    """Step 2: the unpaid amount in yuan on the number pad; then the case is opened."""
    if not request.session.get(HELP_KEY):
        return redirect("kiosk:wage_help")
    placement = my_work.placement_of_worker(worker=request.worker, placement_id=request.session[HELP_KEY])
    error = None
    if request.method == "POST":
        text = request.POST.get("amount", "").strip()
        amount_fen = int(text) * 100 if text.isdigit() and len(text) <= 6 else 0
        with translation.override("zh-hans"):  # the officer's file is in Chinese
            description = _("Wages not paid: reported by the worker at the kiosk.")
        try:
            case = rights_case_open(
                workers=[request.worker],
                employer=placement.job.employer,
                kind="wage_arrears",
                description=description,
                channel="kiosk",
                actor=request.user,
                amount_claimed_fen=amount_fen,
                station=request.kiosk.station,
                placement=placement,
            )
        except ApplicationError as error_:
            error = error_
        else:
            request.session.pop(HELP_KEY, None)
            request.session[HELP_DONE_KEY] = case.pk
            return redirect("kiosk:wage_help_done")
    return _work_render(
        request,
        "kiosk/number_pad.html",
        {
            "error": error and error.message,
            "field": "amount",
            "maxlength": 6,
            "title": _("How much were you not paid? (yuan)"),
            "step": 2,
            "steps": 2,
        },
        prompt="help_amount",
        status=error.status if error else 200,
    )


@require_GET
@worker_required
def wage_help_done(request):
    from lingong.rights.selectors import case_list_for_worker

    case = case_list_for_worker(worker=request.worker).filter(pk=request.session.get(HELP_DONE_KEY) or 0).first()
    if case is None:
        return redirect("kiosk:work")
    return _work_render(
        request,
        "kiosk/wage_help_done.html",
        {
            "case": case,
            "rights_window": my_work.rights_window_for_station(station=request.kiosk.station),
            "hotline": request.kiosk.station.hotline,
        },
        prompt="help_done",
    )
