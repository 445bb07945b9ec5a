"""The forms of the import screens (lingong/aggregation): a source, a run with a file, a trade correction."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lingong.aggregation.models import FetchKind, Platform
from lingong.stations.selectors import station_list_active
from lingong.trades.selectors import job_type_list_active

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class ImportSourceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    fetch_kind = forms.ChoiceField(label=_("How the postings arrive"), choices=FetchKind.choices)
    url = forms.URLField(label=_("Feed address"), required=False, assume_scheme="https")
    credentials = forms.CharField(
        label=_("Key from the platform"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Kept encrypted and never shown again; leave empty to keep the saved one."),
    )
    credentials_header = forms.CharField(label=_("Header the key goes in"), max_length=64, initial="Authorization")
    column_mapping = forms.CharField(
        label=_("Column mapping (sheets only)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "lang": "zh-hans"}),
        help_text=_(
            'For example {"title": "岗位名称", "employer_name": "单位名称", "pay": "日薪", "start_date": "开工日期"}.'
        ),
    )
    expiry_days = forms.IntegerField(label=_("Days an imported job stays open"), min_value=1, max_value=90, initial=14)
    full_feed = forms.BooleanField(label=_("Each run has every open posting"), required=False)
    station = forms.TypedChoiceField(label=_("Served by station"), coerce=int, required=False, empty_value=None)
    is_active = forms.BooleanField(label=pgettext_lazy("import source", "Active"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stations = {station.pk: station for station in station_list_active()}
        self.fields["station"].choices = [("", "—")] + [(pk, s.name) for pk, s in self.stations.items()]

    def clean_column_mapping(self):
        text = (self.cleaned_data.get("column_mapping") or "").strip()
        if not text:
            return {}
        try:
            mapping = json.loads(text)
        except json.JSONDecodeError:
            raise forms.ValidationError(_("The mapping must be written as JSON.")) from None
        if not isinstance(mapping, dict):
            raise forms.ValidationError(_("The mapping must be written as JSON."))
        return mapping

    def clean_station(self):
        value = self.cleaned_data.get("station")
        return self.stations.get(value) if value else None


class ImportRunForm(forms.Form):
    file = forms.FileField(label=_("File from the platform or sheet"), required=False)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class TradeCorrectForm(forms.Form):
    job_type = forms.TypedChoiceField(label=_("Trade"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.job_types = {job_type.pk: job_type for job_type in job_type_list_active()}
        self.fields["job_type"].choices = [(pk, t.name_zh) for pk, t in self.job_types.items()]

    def clean_job_type(self):
        return self.job_types[self.cleaned_data["job_type"]]
