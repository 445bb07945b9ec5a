"""What every kiosk screen shares: the device check, the signed-in worker, the page frame, "my work" pages."""

from __future__ import annotations

import functools

from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from lingong.accounts.doors import SIGN_IN_BACKEND, door

from .. import services
from ..prompts import PROMPTS
from ..selectors import (
    station_help_window,
)
from ..services import CardData
from ..voice import voice_prompt_recording

DEVICE_COOKIE = "lingong_kiosk"
DEVICE_COOKIE_AGE = 5 * 365 * 24 * 3600
CARD_KEY, REG_KEY, QR_KEY, PHONE_KEY = "kiosk_card", "kiosk_reg", "kiosk_qr", "kiosk_new_phone"
TYPED_KEY, OLD_PHONE_KEY = "kiosk_typed_number", "kiosk_old_phone_proof"  # sealed number; signed proof


def render_kiosk(request, template: str, context: dict | None = None, *, prompt: str, status: int = 200):
    context = {
        "kiosk": request.kiosk,
        "prompt_id": prompt,
        "prompt_text": PROMPTS.get(prompt, ""),
        "prompt_recorded": voice_prompt_recording(prompt_id=prompt, language=request.LANGUAGE_CODE) is not None,
        **(context or {}),
    }
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


def signed_in_worker(*, user):
    """The active worker signed in at this kiosk, else None (then the start screen)."""
    worker = getattr(user, "worker", None) if user.is_authenticated else None
    return worker if worker is not None and worker.is_active else None


def _worker_screen(view):
    """The kit's door hands the worker as an argument; kiosk views read it as request.worker."""

    @functools.wraps(view)
    def wrapped(request, worker, *args, **kwargs):
        request.worker = worker
        return view(request, *args, **kwargs)

    return wrapped


_worker_door = door(
    signed_in_worker,
    login_url="/kiosk/",
    refusal=None,
    when_missing=lambda request: redirect("kiosk:start"),  # nobody signed in here: back to the card reader
)


def worker_required(view):
    """A set-up kiosk with an active worker signed in; the worker is request.worker."""
    return kiosk_required(_worker_door(_worker_screen(view)))


def session_card(request) -> CardData | None:
    token = request.session.get(CARD_KEY)
    return CardData.unseal(token) if token else None


def sign_in(request, *, worker, way: str) -> None:
    """Sign the worker in at this kiosk: a kiosk session begins (not again for the one already signed in)."""
    if not (request.user.is_authenticated and request.user.pk == worker.user_id):
        services.kiosk_session_start(kiosk=request.kiosk, worker=worker, way=way)
    login(request, worker.user, backend=SIGN_IN_BACKEND)


def sign_in_or_register(request, *, worker, card, way: str) -> str:
    """Sign a known worker in, or keep a first-timer's card for registration; the next URL."""
    if worker is not None:
        request.session.pop(CARD_KEY, None)
        sign_in(request, worker=worker, way=way)
        return reverse("kiosk:home")
    request.session[CARD_KEY] = card.seal()
    request.session[REG_KEY] = {"trades": [], "page": 0}
    return reverse("kiosk:register_confirm")


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


def render_work(request, template: str, context: dict, *, prompt: str, status: int = 200):
    return render_kiosk(
        request,
        template,
        {"prompt_text": WORK_PROMPTS[prompt], "worker": request.worker, **context},
        prompt=f"work_{prompt}",
        status=status,
    )


def back_to_work(request, *, notice=None, error=None):
    if notice:
        request.session["kiosk_notice"] = str(notice)
    if error:
        request.session["kiosk_error"] = str(error)
    return redirect("kiosk:work")
