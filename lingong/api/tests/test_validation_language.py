"""Validation errors come in the requester's language (zh-hans or bo), keyed by the pydantic type."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from lingong.api.validation import validation_message

from .conftest import msg
from .test_employer import job_body

pytestmark = pytest.mark.django_db

LANGS = ["zh-hans", "bo"]
LATIN = re.compile(r"[A-Za-z]")


def _fields(response):
    assert response.status_code == 422, response.content
    assert response.data["code"] == "invalid"
    return {f["field"]: f for f in response.data["fields"]}


def _no_english(text: str) -> None:
    assert not LATIN.search(text), text


@pytest.mark.parametrize("lang", LANGS)
def test_missing_and_not_a_number(api, worker_token, lang):
    headers = {"HTTP_ACCEPT_LANGUAGE": lang}
    missing = _fields(api.post("/worker/applications", {}, token=worker_token, headers=headers))
    assert missing["job_id"]["code"] == "missing"  # the machine-readable type is kept
    assert missing["job_id"]["message"] == msg("Please fill in this field.", lang)
    _no_english(missing["job_id"]["message"])

    wrong = _fields(
        api.post("/worker/applications", {"job_id": "abc", "extra": 1}, token=worker_token, headers=headers)
    )
    assert wrong["job_id"]["code"] in ("int_type", "int_parsing")
    assert wrong["job_id"]["message"] == msg("Please enter a whole number.", lang)
    assert wrong["extra"]["code"] == "extra_forbidden"
    assert wrong["extra"]["message"] == msg("This field is not allowed here.", lang)
    for field in wrong.values():
        _no_english(field["message"])


@pytest.mark.parametrize("lang", LANGS)
def test_limits_carry_their_numbers(api, employer_token, start_day, lang):
    headers = {"HTTP_ACCEPT_LANGUAGE": lang}
    body = job_body(start_day, headcount=0, title="x" * 101, pay_unit="week")
    fields = _fields(api.post("/employer/jobs", body, token=employer_token, headers=headers))
    assert fields["headcount"]["code"] == "greater_than_equal"
    assert fields["headcount"]["message"] == msg("Please enter a number of at least %(ge)s.", lang) % {"ge": 1}
    assert fields["title"]["code"] == "string_too_long"
    assert fields["title"]["message"] == msg("Please enter at most %(max_length)s characters.", lang) % {
        "max_length": 100
    }
    assert fields["pay_unit"]["code"] == "literal_error"
    assert fields["pay_unit"]["message"] == msg("Please choose one of the allowed values.", lang)
    for field in fields.values():
        assert "Input should" not in field["message"]
        _no_english(field["message"])


@pytest.mark.parametrize("lang", LANGS)
def test_our_own_validators_speak_the_language(api, employer_token, start_day, lang):
    headers = {"HTTP_ACCEPT_LANGUAGE": lang}
    body = job_body(start_day, title="a\x00b", start_time="08:30+08:00")
    fields = _fields(api.post("/employer/jobs", body, token=employer_token, headers=headers))
    assert fields["title"]["code"] == "value_error"
    assert fields["title"]["message"] == msg("Text may not contain a NUL character.", lang)
    assert fields["start_time"]["message"] == msg("Give the local time of day (Lhasa), without a time zone.", lang)
    _no_english(fields["start_time"]["message"])


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_type_gets_the_generic_message(lang):
    with translation.override(lang):
        text = validation_message({"type": "some_future_type", "loc": ("body", "x"), "msg": "English"})
        assert text == translation.gettext("This value is not valid.")
        broken = validation_message({"type": "string_too_short", "ctx": {}})
        assert broken == translation.gettext("This value is not valid.")
    assert text != "This value is not valid."
    _no_english(text)
