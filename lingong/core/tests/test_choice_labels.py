"""`get_FOO_display()` through `ChoiceLabels`: the reader's language, one label translated, odd values as Django."""

from django.utils import translation
from django.utils.functional import lazy

from lingong.calls.models import CallRecord
from lingong.core.models import ChoiceLabels
from lingong.jobs.models import Job
from lingong.trades.models import PayUnit


def test_the_label_is_in_the_language_of_whoever_reads_it():
    job = Job(pay_unit=PayUnit.DAY)
    labels = {}
    for language in ("zh-hans", "bo", "zh-hans"):
        with translation.override(language):
            labels.setdefault(language, set()).add(job.get_pay_unit_display())
            assert job.get_pay_unit_display() == str(PayUnit.DAY.label)
    assert len(labels["zh-hans"]) == 1 and labels["zh-hans"] != labels["bo"]


def test_only_the_shown_label_is_translated():
    translated = []

    def label(text):
        return lazy(lambda: translated.append(text) or text.upper(), str)()

    class Field:  # a field of three choices whose labels count their translations
        attname = "state"
        flatchoices = [("a", label("a")), ("b", label("b")), ("c", label("c"))]

    row = type("Row", (ChoiceLabels,), {"state": "b"})()
    field = Field()
    assert [row._get_FIELD_display(field), row._get_FIELD_display(field)] == ["B", "B"]
    assert translated == ["b", "b"]  # each time in the language of the moment, and never "a" or "c"


def test_a_value_outside_the_choices_is_shown_as_it_is():
    assert Job(pay_unit="fortnight").get_pay_unit_display() == "fortnight"
    assert CallRecord(outcome="").get_outcome_display() == ""
