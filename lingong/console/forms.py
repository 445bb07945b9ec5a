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
from lingong.policy.models import ConsultationChannel, PolicyTopic, Referral
from lingong.trades.models import Intensity, PayUnit
from lingong.trades.selectors import job_type_list_active
from lingong.training.models import TeachingLanguage
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
    requires_certificate = forms.BooleanField(
        label=_("Only workers with a training certificate in this trade"), required=False
    )

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


class TrainingCourseForm(forms.Form):
    """A training course: its trade, who teaches, how long, where, the subsidy, in both languages."""

    job_type = JobTypeField(label=_("Trade"), queryset=job_type_list_active())
    title_zh = forms.CharField(label=_("Title in Chinese"), max_length=80)
    title_bo = forms.CharField(label=_("Title in Tibetan"), max_length=200)
    provider_zh = forms.CharField(label=_("Provider in Chinese"), max_length=100)
    provider_bo = forms.CharField(label=_("Provider in Tibetan"), max_length=250, required=False)
    hours = forms.IntegerField(label=_("Hours"), min_value=1, max_value=500)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    subsidy_yuan = forms.CharField(label=_("Subsidy (yuan)"), max_length=12, required=False)
    language = forms.ChoiceField(label=_("Language of teaching"), choices=TeachingLanguage.choices)
    description_zh = forms.CharField(
        label=_("Text in Chinese"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_bo = forms.CharField(
        label=_("Text in Tibetan"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_subsidy_yuan(self):
        text = (self.cleaned_data["subsidy_yuan"] or "").strip()
        if not text:
            return 0
        fen = yuan_to_fen(text)
        if fen is None:
            raise forms.ValidationError(_("Enter an amount in yuan, for example 800."))
        return fen


class TrainingSessionForm(forms.Form):
    course = forms.TypedChoiceField(label=_("Course"), coerce=int, choices=())
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}))
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=500)
    place = forms.CharField(label=_("Place (if not the course's)"), max_length=200, required=False)

    def __init__(self, *args, courses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [(c.pk, c.title) for c in courses]


class TrainingBookForm(forms.Form):
    who = forms.CharField(label=_("Worker's phone or ID number"), max_length=32)


class TrainingCapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=500)


# --- policy consultation (lingong/policy) ---------------------------------------------------------


class PolicyArticleForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=PolicyTopic.choices)
    title_zh = forms.CharField(label=_("Title in Chinese"), max_length=120)
    title_bo = forms.CharField(label=_("Title in Tibetan"), max_length=240, required=False)
    summary_zh = forms.CharField(
        label=_("Summary in Chinese (one or two sentences)"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    summary_bo = forms.CharField(
        label=_("Summary in Tibetan"), max_length=600, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    body_zh = forms.CharField(label=_("Text in Chinese"), max_length=20000, widget=forms.Textarea(attrs={"rows": 10}))
    body_bo = forms.CharField(
        label=_("Text in Tibetan"), max_length=40000, required=False, widget=forms.Textarea(attrs={"rows": 10})
    )
    audio_zh = forms.FileField(label=_("Recording in Chinese (WAV, MP3 or OGG)"), required=False)
    audio_bo = forms.FileField(label=_("Recording in Tibetan (WAV, MP3 or OGG)"), required=False)


class ReviewNoteForm(forms.Form):
    note = forms.CharField(label=_("Note for the writer"), max_length=300, required=False)


class ConsultationForm(forms.Form):
    """The clerk's log of one question: the topic and the answer first, the rest only when it applies."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    worker = forms.IntegerField(widget=forms.HiddenInput, required=False)
    channel = forms.ChoiceField(
        label=_("How they asked"),
        choices=[c for c in ConsultationChannel.choices if c[0] in ("window", "phone")],
        initial="window",
        widget=forms.RadioSelect,
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        choices=PolicyTopic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose the topic.")},
    )
    question = forms.CharField(label=_("Question"), max_length=500, required=False)
    answer = forms.CharField(
        label=_("Answer given"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please write what you answered.")},
    )
    article = forms.TypedChoiceField(label=_("Article shown"), coerce=int, required=False, empty_value=None)
    referral = forms.ChoiceField(label=_("Referral"), choices=Referral.choices, initial="none", required=False)
    referral_note = forms.CharField(label=_("To whom, where"), max_length=200, required=False)
    follow_up_on = forms.DateField(
        label=_("Follow-up promised by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, articles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [("", _("None"))] + [(v.article_id, v.title_zh) for v in articles]


class ConsultationAnswerForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=PolicyTopic.choices)
    answer = forms.CharField(
        label=_("Answer given"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Please write what you answered.")},
    )
    referral = forms.ChoiceField(label=_("Referral"), choices=Referral.choices, initial="none", required=False)
    referral_note = forms.CharField(label=_("To whom, where"), max_length=200, required=False)
    follow_up_on = forms.DateField(
        label=_("Follow-up promised by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ConsultationFilterForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=[("", _("All"))] + PolicyTopic.choices, required=False)
    referral = forms.ChoiceField(label=_("Referral"), choices=[("", _("All"))] + Referral.choices, required=False)
    since = forms.DateField(label=_("First day"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Last day"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
