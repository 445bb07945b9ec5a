"""Staff sign-in: Django's LoginView with the console's page, then the second factor."""

from __future__ import annotations

from base64 import b32encode

from django.contrib.auth.views import LoginView, redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lingong.accounts.doors import door_sign_out, safe_next
from lingong.accounts.second_factor import (
    second_factor_device,
    second_factor_enrol_finish,
    second_factor_enrol_start,
    second_factor_required,
    second_factor_verify,
)
from lingong.accounts.selectors import role_allows
from lingong.core.errors import ApplicationError
from lingong.core.qr import qr_svg

from .. import forms
from .common import (
    staff_home_url,
)


class ConsoleLoginView(LoginView):
    """Django's sign-in with the console's page; staff already signed in go straight in.

    Anyone else signed in (a worker on a shared computer) still sees the form,
    so staff can sign in over them.
    """

    template_name = "console/login.html"
    authentication_form = forms.ConsoleAuthenticationForm

    def get_default_redirect_url(self):
        return staff_home_url(self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and role_allows(request.user, "worker.view"):
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)


def _second_factor_gate(request):
    """Who may open the second-factor pages: signed-in people who owe it (others go on or sign in)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("console:login"))
    if not second_factor_required(request.user) or request.user.is_verified():
        return redirect(safe_next(request, staff_home_url(request.user)))
    return None


@require_POST
def sign_out(request):
    """Sign out here, or (`everywhere=yes`) on every computer and kiosk too."""
    return door_sign_out(request, then=reverse("console:login"))


def _second_factor_step(request, *, enrolling: bool):
    """Both second-step pages: send on who does not belong here, else check a typed code.

    Returns a response (go elsewhere, or in) or the form to show again.
    """
    gate = _second_factor_gate(request)
    if gate is not None:
        return gate
    if (second_factor_device(request.user) is None) is not enrolling:  # the other page is the right one
        other = "console:second_factor" if enrolling else "console:second_factor_enrol"
        return redirect(f"{reverse(other)}?{request.GET.urlencode()}")
    form = forms.SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = second_factor_enrol_finish if enrolling else second_factor_verify
        try:
            check(request=request, token=form.cleaned_data["token"])
        except ApplicationError as problem:
            form.add_error("token", str(problem))
        else:
            return redirect(safe_next(request, staff_home_url(request.user)))
    return form


@require_http_methods(["GET", "POST"])
def second_factor(request):
    """Type the authenticator app's current code; the session is then verified."""
    step = _second_factor_step(request, enrolling=False)
    if not isinstance(step, forms.SecondFactorForm):
        return step
    return render(request, "console/second_factor.html", {"form": step, "next": safe_next(request, "")})


@require_http_methods(["GET", "POST"])
def second_factor_enrol(request):
    """First sign-in: scan the QR code with an authenticator app, then type its first code."""
    step = _second_factor_step(request, enrolling=True)
    if not isinstance(step, forms.SecondFactorForm):
        return step
    device = second_factor_enrol_start(user=request.user)
    context = {
        "form": step,
        "next": safe_next(request, ""),
        "qr": qr_svg(device.config_url, box_size=6),
        "key_text": _key_in_groups(device),
    }
    return render(request, "console/second_factor_enrol.html", context)


def _key_in_groups(device) -> str:
    """The key as an app asks for it when typed (base32), in groups of four to read aloud."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
