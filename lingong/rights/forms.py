"""Forms of the rights window; amounts are typed in yuan and turned into fen here."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lingong.core.money import yuan_to_fen

from .models import CaseKind, CaseOutcome, MediationResult


class YuanField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if value in ("", None):
            return 0
        fen = yuan_to_fen(value)
        if fen is None:
            raise forms.ValidationError(_("Please give the amount in yuan, for example 300 or 300.50."))
        return fen


class CaseIntakeForm(forms.Form):
    worker_ids = forms.CharField(
        label=_("Workers"),
        help_text=_("Worker number, phone or ID number; several separated by commas."),
    )
    employer_id = forms.IntegerField(label=_("Employer number"))
    kind = forms.ChoiceField(label=_("Kind"), choices=CaseKind.choices)
    amount_claimed = YuanField(label=_("Amount claimed (yuan)"), required=False)
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}))
    channel = forms.ChoiceField(
        label=_("Taken in through"),
        choices=[("window", _("Service window")), ("kiosk", _("Kiosk")), ("app", _("Phone call"))],
    )

    def clean_worker_ids(self):
        raw = self.cleaned_data["worker_ids"].replace("，", ",")
        ids = [part.strip() for part in raw.split(",") if part.strip()]
        if not ids:
            raise forms.ValidationError(_("Please name at least one worker."))
        return ids


class MediationForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    attendees = forms.CharField(label=_("Who attended"), max_length=300)
    result = forms.ChoiceField(label=_("Result"), choices=MediationResult.choices)
    amount_agreed = YuanField(label=_("Amount agreed (yuan)"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CaseOutcome.choices)
    amount_recovered = YuanField(label=_("Amount recovered (yuan)"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class OfficerField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username

    def to_python(self, value):
        text = str(value or "").strip()
        if text and (not text.isdigit() or len(text) > 12):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class AssignForm(forms.Form):
    officer = OfficerField(label=_("Officer"), queryset=None)
    reason = forms.CharField(
        label=_("Why (needed when the case already has an officer)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers
