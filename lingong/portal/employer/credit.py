"""The employer's credit and appeals."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lingong.core.errors import ApplicationError
from lingong.credit.models import CreditEvent
from lingong.credit.selectors import credit_explain
from lingong.credit.services import appeal_create

from ..access import employer_door
from ..employer_forms import AppealForm
from .common import refusal_on_form


def _credit_page(request, employer, *, form=None, status=200):
    explanation = credit_explain(subject=employer, user=request.user)
    pending = {a.credit_event_id for a in explanation.pending_appeals}
    return render(
        request,
        "portal/employer/credit.html",
        {
            "employer": employer,
            "explanation": explanation,
            "pending": pending,
            "form": form,
        },
        status=status,
    )


@require_GET
@employer_door
def credit_view(request, employer):
    return _credit_page(request, employer)


@require_POST
@employer_door
def credit_appeal(request, employer):

    form = AppealForm(request.POST)
    if form.is_valid():
        event = get_object_or_404(CreditEvent.objects.filter(employer=employer), pk=form.cleaned_data["event"])
        try:
            appeal_create(credit_event=event, reason=form.cleaned_data["reason"], actor=request.user)
        except ApplicationError as error:
            refusal_on_form(form, error)
        else:
            messages.success(request, _("Your appeal is sent. Staff will decide within 72 hours."))
            return redirect("/e/credit/")
    return _credit_page(request, employer, form=form, status=400)
