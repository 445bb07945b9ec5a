"""Form shapes of the employer's protection screens: hours, wages paid, rating, appeal."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lingong.core.money import yuan_to_fen
from lingong.credit.models import RATING_TAGS
from lingong.wages.models import PaymentMethod

EMPLOYER_RATING_TAGS = ("punctual", "skilled", "hardworking", "careful", "late")


def _aware(day, time) -> datetime:
    return timezone.make_aware(datetime.combine(day, time))


def _sane(day):
    if not 2000 <= day.year <= 2100:
        raise forms.ValidationError(_("Enter a valid date."))
    return day


class HoursForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    check_in = forms.TimeField(label=_("Started at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    check_out = forms.TimeField(label=_("Finished at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    def clean_day(self):
        return _sane(self.cleaned_data["day"])

    def times(self) -> tuple[datetime, datetime]:
        data = self.cleaned_data
        return _aware(data["day"], data["check_in"]), _aware(data["day"], data["check_out"])


class WagePaidForm(forms.Form):
    amount_yuan = forms.CharField(
        label=_("Amount paid (yuan)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    method = forms.ChoiceField(label=_("How was it paid?"), choices=PaymentMethod.choices)
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    paid_time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    def clean_amount_yuan(self):
        fen = yuan_to_fen(self.cleaned_data["amount_yuan"])
        if not fen:
            raise forms.ValidationError(_("Please give the amount in yuan, for example 300 or 300.50."))
        return fen

    def clean_paid_on(self):
        return _sane(self.cleaned_data["paid_on"])

    def paid_at(self) -> datetime:
        return _aware(self.cleaned_data["paid_on"], self.cleaned_data["paid_time"])


class RatingForm(forms.Form):
    stars = forms.TypedChoiceField(
        label=_("Stars"), coerce=int, choices=[(n, str(n)) for n in range(5, 0, -1)], widget=forms.RadioSelect
    )
    tags = forms.MultipleChoiceField(
        label=_("What was true?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(t, RATING_TAGS[t]) for t in EMPLOYER_RATING_TAGS],
    )
    comment = forms.CharField(label=_("Comment (optional)"), max_length=300, required=False)


class AppealForm(forms.Form):
    event = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why is this wrong?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
