"""Form shapes of the duty roster; the rules (overlaps, past days, who may) live in `rights.services`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lingong.core.forms import IdChoiceMixin
from lingong.rights.models import DUTY_LANGUAGES
from lingong.rights.services import REPEAT_WEEKS_MAX


class OfficerChoiceField(IdChoiceMixin, forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class ShiftForm(forms.Form):
    date = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_time = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    window = forms.CharField(label=_("Window"), max_length=60, required=False)
    officer = OfficerChoiceField(
        label=_("Rights officer"), queryset=None, required=False, empty_label=_("— a lawyer (below) —")
    )
    lawyer_name = forms.CharField(label=_("Lawyer's name"), max_length=60, required=False)
    lawyer_office = forms.CharField(label=_("Law firm or legal-aid office"), max_length=100, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), choices=DUTY_LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers

    @classmethod
    def for_shift(cls, shift, *, officers):
        return cls(
            officers=officers,
            initial={
                "date": shift.date,
                "start_time": shift.start_time,
                "end_time": shift.end_time,
                "window": shift.window,
                "officer": shift.officer_id,
                "lawyer_name": shift.lawyer_name,
                "lawyer_office": shift.lawyer_office,
                "languages": shift.language_codes,
            },
        )


class RepeatForm(forms.Form):
    weeks = forms.IntegerField(label=_("Repeat weekly for (weeks)"), min_value=1, max_value=REPEAT_WEEKS_MAX, initial=4)
