"""Staff sign-in (Django's LoginView with the console's page)."""

from __future__ import annotations

from django.contrib.auth.views import LoginView
from django.shortcuts import redirect

from lingong.accounts.selectors import role_allows

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
