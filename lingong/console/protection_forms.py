"""Form shapes of the console's protection screens; the rules live in the domain services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lingong.core.money import yuan_to_fen
from lingong.rights.models import CaseKind

YES_NO = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]


def _yes_no(value):
    return {"yes": True, "no": False}.get(value)


class FollowUpOutcomeForm(forms.Form):
    reached = forms.TypedChoiceField(
        label=_("Did you reach the worker?"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Yes")), ("no", _("No"))],
        initial="yes",
    )
    working = forms.TypedChoiceField(
        label=_("Still working / worked as agreed?"), choices=YES_NO, required=False, coerce=_yes_no, empty_value=None
    )
    paid_as_agreed = forms.TypedChoiceField(
        label=_("Paid as agreed?"), choices=YES_NO, required=False, coerce=_yes_no, empty_value=None
    )
    satisfied = forms.TypedChoiceField(
        label=_("Satisfied?"), choices=YES_NO, required=False, coerce=_yes_no, empty_value=None
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    open_case = forms.BooleanField(label=_("Problem: open a rights case"), required=False)
    case_kind = forms.ChoiceField(label=_("Kind of problem"), choices=CaseKind.choices, initial=CaseKind.WAGE_ARREARS)
    amount_claimed_yuan = forms.CharField(label=_("Amount owed (yuan)"), max_length=20, required=False)
    case_description = forms.CharField(
        label=_("What happened?"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_amount_claimed_yuan(self):
        value = (self.cleaned_data["amount_claimed_yuan"] or "").strip()
        if not value:
            return 0
        fen = yuan_to_fen(value)
        if fen is None:
            raise forms.ValidationError(_("Please give the amount in yuan, for example 300 or 300.50."))
        return fen


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[("uphold", _("Uphold")), ("reject", _("Reject"))], widget=forms.RadioSelect)
    note = forms.CharField(label=_("Reason for the decision"), max_length=500)


class DisputeDecideForm(forms.Form):
    worked = forms.TypedChoiceField(
        label=_("Did the worker work?"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
    )
    hours = forms.DecimalField(label=_("Hours that count"), min_value=0, max_value=24, decimal_places=2, required=False)
    note = forms.CharField(label=_("Reason for the decision"), max_length=300)

    def minutes(self) -> int | None:
        hours = self.cleaned_data.get("hours")
        return int(hours * 60) if hours is not None else None
