"""Form shapes of the console; the rules live in the domain services."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from lingong.accounts.selectors import role_allows
from lingong.calls.models import CallOutcome
from lingong.core.forms import IdChoiceMixin
from lingong.core.money import yuan_to_fen
from lingong.employers.models import Employer
from lingong.jobs.models import JobKind
from lingong.trades.models import Intensity, PayUnit
from lingong.trades.selectors import job_type_list_active
from lingong.workers.models import SLOTS

WEEKDAYS = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))
SLOT_NAMES = {"morning": _("morning"), "afternoon": _("afternoon"), "evening": _("evening")}


class JobTypeChoiceField(IdChoiceMixin, forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class JobTypeField(IdChoiceMixin, forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class SecondFactorForm(forms.Form):
    token = forms.CharField(
        label=_("The 6-digit code your authenticator app shows"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Swipe the ID card, or type an ID number, phone or name"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True, "spellcheck": "false"}),
    )


class WorkerRegisterForm(forms.Form):
    name = forms.CharField(label=_("Name as on the ID card"), max_length=50)
    name_bo = forms.CharField(label=_("Name in Tibetan script"), max_length=100, required=False)
    id_number = forms.CharField(
        label=_("ID number (18 characters)"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    trades = JobTypeChoiceField(
        label=_("Kinds of work"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one kind of work.")},
    )
    speaks_zh = forms.BooleanField(label=_("Speaks Chinese"), required=False, initial=True)
    speaks_bo = forms.BooleanField(label=_("Speaks Tibetan"), required=False)
    home_area = forms.CharField(label=_("Lives in (area)"), max_length=100, required=False)
    travel_km = forms.IntegerField(label=_("Will travel (km)"), min_value=1, max_value=100, initial=10)
    max_intensity = forms.TypedChoiceField(
        label=_("Heaviest work accepted"), choices=Intensity.choices, coerce=int, initial=Intensity.HEAVY
    )
    slots = forms.MultipleChoiceField(
        label=_("When can they work?"), required=False, widget=forms.CheckboxSelectMultiple
    )
    consent = forms.BooleanField(
        label=_("I read the notice to the worker and they agreed"),
        error_messages={"required": _("Please read the notice to the worker and tick the box.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trades"].queryset = job_type_list_active()
        self.fields["slots"].choices = [
            (f"{d}-{s}", f"{WEEKDAYS[d]} {SLOT_NAMES[slot]}") for d in range(7) for s, slot in enumerate(SLOTS)
        ]
        if not self.is_bound:
            self.initial.setdefault("slots", [f"{d}-{s}" for d in range(7) for s in range(3)])

    def availability_mask(self) -> int:
        mask = 0
        for value in self.cleaned_data.get("slots") or []:
            day, slot = (int(x) for x in value.split("-"))
            mask |= 1 << (day * 3 + slot)
        return mask


class ProposeJobForm(forms.Form):
    job = forms.IntegerField(widget=forms.HiddenInput)


class JobReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("release", _("Show it to workers")), ("reject", _("Take it down"))]
    )
    note = forms.CharField(
        label=_("What you checked, or why it is taken down"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Shown when the job is held for an unknown employer (an import): ticked, releasing also verifies the employer.
    employer_checked = forms.BooleanField(
        label=_("I checked this employer's credit code in the national enterprise credit system"),
        required=False,
    )


class ProposeWorkerForm(forms.Form):
    worker = forms.IntegerField(widget=forms.HiddenInput)


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need the full number?"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class CallForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    application = forms.TypedChoiceField(label=_("About"), coerce=int, required=False, empty_value=None)
    outcome = forms.ChoiceField(
        label=_("What came of the call?"),
        choices=CallOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose what came of the call.")},
    )
    interview_at = forms.DateTimeField(
        label=_("Interview time"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    interview_place = forms.CharField(label=_("Interview place"), max_length=200, required=False)
    call_back_at = forms.DateTimeField(
        label=_("Call back at"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, applications=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].choices = [("", _("No particular job"))] + [
            (a.pk, f"{a.job.title} · {a.job.start_date:%Y-%m-%d}") for a in applications
        ]


class EmployerFindForm(forms.Form):
    q = forms.CharField(
        label=_("Credit code, ID number, phone or name of the employer"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class EmployerRegisterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Employer is"),
        choices=Employer.Kind.choices,
        widget=forms.RadioSelect,
        initial=Employer.Kind.ENTERPRISE,
    )
    name = forms.CharField(label=_("Name (enterprise or person)"), max_length=100)
    uscc = forms.CharField(label=_("Unified social credit code (enterprise)"), max_length=30, required=False)
    id_number = forms.CharField(
        label=_("ID number (individual)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=50)
    contact_phone = forms.CharField(
        label=_("Contact phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    address = forms.CharField(label=_("Address"), max_length=200)


class JobCreateForm(forms.Form):
    job_type = JobTypeField(label=_("Kind of work"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=100)
    headcount = forms.IntegerField(label=_("Workers needed"), min_value=1, max_value=500, initial=1)
    pay_yuan = forms.CharField(
        label=_("Pay (yuan)"), max_length=12, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    pay_unit = forms.ChoiceField(label=_("Pay is counted"), choices=PayUnit.choices, initial=PayUnit.DAY)
    kind = forms.ChoiceField(label=_("Kind of job"), choices=JobKind.choices, initial=JobKind.DAY_GIG)
    start_date = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_time = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    address = forms.CharField(label=_("Place of work"), max_length=200)
    meeting_point = forms.CharField(label=_("Meeting point"), max_length=200, required=False)
    lat = forms.DecimalField(label=_("Latitude"), max_digits=9, decimal_places=6)
    lon = forms.DecimalField(label=_("Longitude"), max_digits=9, decimal_places=6)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    needs_bo = forms.BooleanField(label=_("Needs Tibetan"), required=False)
    needs_zh = forms.BooleanField(label=_("Needs Chinese"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job_type"].queryset = job_type_list_active()

    def clean_pay_yuan(self):
        fen = yuan_to_fen(self.cleaned_data["pay_yuan"])
        if not fen:
            raise forms.ValidationError(_("Please give the pay in yuan, e.g. 200."))
        return fen


class ConsoleAuthenticationForm(AuthenticationForm):
    """Only back-office roles may sign in to the console."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not role_allows(user, "worker.view"):
            raise forms.ValidationError(_("This account cannot use the staff console."), code="not_staff")


class StationNoticeForm(forms.Form):
    """The station's news for its screens: both languages, a photo if there is one; public, so no names."""

    title_zh = forms.CharField(label=_("Title in Chinese"), max_length=60)
    title_bo = forms.CharField(label=_("Title in Tibetan"), max_length=120)
    body_zh = forms.CharField(
        label=_("Text in Chinese"), max_length=400, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    body_bo = forms.CharField(
        label=_("Text in Tibetan"), max_length=800, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    photo = forms.FileField(
        label=_("Photo"), required=False, widget=forms.ClearableFileInput(attrs={"accept": "image/*"})
    )
    shown_until = forms.DateField(
        label=_("Show until (leave empty to keep it up)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
