"""Shapes of the portal's input. Rules (valid phone, pay > 0, dates) live in the services."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from lingong.core.forms import IdChoiceMixin, SnapshotChoiceField
from lingong.core.money import yuan_to_fen
from lingong.stations.selectors import stations_active
from lingong.trades.models import Intensity, PayUnit
from lingong.trades.selectors import job_type_list_active, job_types_active
from lingong.workers.models import SLOTS, availability_bit

TOKEN = re.compile(r"[0-9a-f]{32}")


class TradeChoiceField(IdChoiceMixin, forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class StationChoiceField(SnapshotChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _trades(**kwargs):
    return TradeChoiceField(
        queryset=job_type_list_active(),
        label=_("What work can you do?"),
        error_messages={"required": _("Please choose at least one kind of work.")},
        **kwargs,
    )


def _stations(label, **kwargs):
    return StationChoiceField(stations_active, label=label, **kwargs)


class PhoneCodeForm(forms.Form):
    """Phone + SMS code: the one sign-in both doors use."""

    phone = forms.CharField(
        label=_("Mobile phone number"),
        max_length=32,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    code = forms.CharField(
        label=_("Code from the SMS"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class WorkerRegisterForm(forms.Form):
    name = forms.CharField(label=_("Name as on the ID card"), max_length=50)
    id_number = forms.CharField(
        label=_("ID card number"), max_length=32, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    phone = forms.CharField(
        label=_("Mobile phone number"),
        max_length=32,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    code = forms.CharField(
        label=_("Code from the SMS"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    trades = _trades(required=False)
    speaks_zh = forms.BooleanField(label=_("I speak Chinese"), required=False, initial=True)
    speaks_bo = forms.BooleanField(label=_("I speak Tibetan"), required=False)
    consent = forms.BooleanField(label=_("I have read the notice and agree"), required=False)


class TradesForm(forms.Form):
    trades = _trades()


class AvailabilityForm(forms.Form):
    """21 boxes: morning, afternoon, evening of each weekday."""

    slots = forms.MultipleChoiceField(
        choices=[(f"{d}-{s}", f"{d}-{s}") for d in range(7) for s in range(len(SLOTS))],
        widget=forms.CheckboxSelectMultiple,
        label=_("When can you work?"),
        error_messages={"required": _("Please choose when you can work.")},
    )

    def mask(self) -> int:

        value = 0
        for item in self.cleaned_data["slots"]:
            weekday, slot = map(int, item.split("-"))
            value |= availability_bit(weekday, slot)
        return value


class ProfileForm(forms.Form):
    name_bo = forms.CharField(label=_("Name in Tibetan script"), max_length=100, required=False)
    home_area = forms.CharField(label=_("Where do you live?"), max_length=100, required=False)
    home_station = _stations(_("Nearest gig station"), required=False, empty_label=_("(not set)"))
    travel_km = forms.IntegerField(label=_("How far will you go? (km)"), min_value=1, max_value=100)
    min_day_pay_yuan = forms.CharField(label=_("Lowest day pay you accept (yuan)"), max_length=12, required=False)
    max_intensity = forms.TypedChoiceField(label=_("Heaviest work you accept"), choices=Intensity.choices, coerce=int)
    speaks_zh = forms.BooleanField(label=_("I speak Chinese"), required=False)
    speaks_bo = forms.BooleanField(label=_("I speak Tibetan"), required=False)
    language = forms.ChoiceField(
        label=_("Language of my SMS messages"),
        # named in the page's language (LANGUAGES names each in its own script)
        choices=[("zh-hans", _("Chinese")), ("bo", _("Tibetan"))],
        required=False,
    )

    def clean_min_day_pay_yuan(self):
        raw = (self.cleaned_data.get("min_day_pay_yuan") or "").strip()
        if not raw:
            return 0
        fen = yuan_to_fen(raw)
        if fen is None:
            raise forms.ValidationError(_("Please write the amount in yuan, like 200."))
        return fen


class PhoneChangeForm(forms.Form):
    phone = forms.CharField(
        label=_("New mobile phone number"),
        max_length=32,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    code = forms.CharField(
        label=_("Code from the SMS to the new phone"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class JobSearchForm(forms.Form):
    trade = SnapshotChoiceField(job_types_active, required=False, label=_("Work"), empty_label=_("Any work"))
    area = _stations(_("Near"), required=False, empty_label=_("Anywhere"))
    day = forms.DateField(label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    min_pay_yuan = forms.IntegerField(label=_("Day pay at least (yuan)"), required=False, min_value=0, max_value=100000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trade"].label_from_instance = lambda obj: obj.name


class EmployerSignUpForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("I am"),
        widget=forms.RadioSelect,
        choices=[("individual", _("A person (household, small shop)")), ("enterprise", _("A company or organisation"))],
    )
    name = forms.CharField(label=_("Name (the company's registered name, or your own name)"), max_length=100)
    id_number = forms.CharField(
        label=_("ID card number (for a person)"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    uscc = forms.CharField(label=_("Unified social credit code (for a company)"), max_length=32, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=50)
    contact_phone = forms.CharField(
        label=_("Contact mobile phone"),
        max_length=32,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    code = forms.CharField(
        label=_("Code from the SMS"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    address = forms.CharField(label=_("Address"), max_length=200)
    station = _stations(_("Nearest gig station"))


class FastJobForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=32)
    headcount = forms.IntegerField(label=_("How many workers?"), min_value=1, max_value=500)
    pay_yuan = forms.CharField(label=_("Pay (yuan)"), max_length=12)
    pay_unit = forms.ChoiceField(label=_("Counted"), choices=PayUnit.choices)
    start_date = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    days = forms.IntegerField(label=_("For how many days?"), min_value=1, max_value=366, initial=1)
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_time = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    address = forms.CharField(label=_("Place"), max_length=200)
    area = _stations(_("Area (nearest gig station)"))
    description = forms.CharField(
        label=_("Anything else workers should know (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not TOKEN.fullmatch(token):
            raise forms.ValidationError(_("The form has expired. Please open it again."))
        return token

    def clean_pay_yuan(self):
        fen = yuan_to_fen(self.cleaned_data["pay_yuan"])
        if fen is None:
            raise forms.ValidationError(_("Please write the amount in yuan, like 200."))
        return fen
