"""Every event verb the code writes is in the registry, with a translated label."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from lingong.core.events import EventKind, event_label
from lingong.core.services import event_record
from lingong.jobs.models import ApplicationStatus
from lingong.wages.models import LedgerKind

ROOT = Path(__file__).resolve().parents[2]
LITERAL = re.compile(r'\bverb\s*=\s*"([a-z_]+)"(?=\s*[,)\n])')
CHOICE = re.compile(r'\bverb\s*=\s*"([a-z_]+)"\s+if\s+[^"\n]+\s+else\s+"([a-z_]+)"(?=\s*[,)\n])')
CONCAT = re.compile(r'\bverb\s*=\s*("[a-z_]+"\s*\+\s*\w+)(?=\s*[,)\n])')
ANY_STRING_START = re.compile(r'\bverb\s*=\s*"[^\n]*')
DEMO_EVENT = re.compile(r'\bself\.event\(\s*[^,()]+,\s*"([a-z_]+)"')
OTHER = re.compile(r'\bverb\s*=\s*([^"\s=][^,)\n]*)')
APPLICATIONS_CLOSE = re.compile(r"_applications_close\([^)]*\bto=ApplicationStatus\.([A-Z_]+)")
SIDES = ("worker", "employer")


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        yield path, path.read_text(encoding="utf-8")


def _expand(expression: str, text: str) -> set[str] | None:
    """The verbs a built verb argument can take; None for an expression the test does not know."""
    if expression in ("verb", 'models.CharField(_("action"'):  # a parameter passed on; the field itself
        return set()
    if expression == '"application_" + to':
        return {"application_" + ApplicationStatus[name].value for name in APPLICATIONS_CLOSE.findall(text)}
    if expression in ('f"application_accept_{side}"', 'f"application_decline_{side}"', 'f"agreement_sign_{side}"'):
        return {expression[2:-1].replace("{side}", side) for side in SIDES}
    if expression == 'f"wage_{kind}"':
        return {f"wage_{kind}" for kind in LedgerKind.values}
    if expression == "DEMO_FLAG_VERB":
        return set(re.findall(r'DEMO_FLAG_VERB = "([a-z_]+)"', text))
    return None


def _verbs_in_code() -> dict[str, str]:
    found, unknown = {}, []
    for path, text in _sources():
        choices = [verb for pair in CHOICE.findall(text) for verb in pair]
        for verb in LITERAL.findall(text) + DEMO_EVENT.findall(text) + choices:
            found.setdefault(verb, str(path.relative_to(ROOT)))
        for line in ANY_STRING_START.findall(text):  # every `verb="..."` is read by one of the patterns
            if not (LITERAL.match(line) or CHOICE.match(line) or CONCAT.match(line)):
                unknown.append(f"{path.relative_to(ROOT)}: {line}")
        for expression in OTHER.findall(text) + CONCAT.findall(text):
            expression = expression.strip()
            if expression.startswith("= "):  # a comparison `event.verb == "..."`: read by LITERAL-like code
                continue
            verbs = _expand(expression, text)
            if verbs is None:
                unknown.append(f"{path.relative_to(ROOT)}: verb={expression}")
            for verb in verbs or ():
                found.setdefault(verb, str(path.relative_to(ROOT)))
    assert unknown == [], "a built verb this test cannot expand; teach _expand() about it"
    return found


def test_every_verb_in_the_code_is_registered():
    found = _verbs_in_code()
    assert len(found) > 90  # the scan itself works
    assert {
        "application_expired",
        "block_clear",
        "application_withdrawn",
        "agreement_sign_worker",
        "wage_owed",
        "demo_seed",
        "case_open",
    } <= set(found)
    assert sorted(verb for verb in found if verb not in EventKind.values) == []


def test_the_registry_has_no_verb_the_code_never_writes():
    assert sorted(set(EventKind.values) - set(_verbs_in_code())) == []


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_every_label_is_translated(language):
    with translation.override("en"):
        english = {kind.value: str(kind.label) for kind in EventKind}
    with translation.override(language):
        untranslated = [kind.value for kind in EventKind if str(kind.label) == english[kind.value]]
    assert untranslated == []


def test_labels_read_in_each_language():
    with translation.override("zh-hans"):
        assert event_label("case_open") == "案件已立案"
    with translation.override("bo"):
        assert event_label("case_open") == "གནད་དོན་ཐོ་འགོད་བྱས།"
    with translation.override("en"):
        assert event_label("case_open") == "Case opened"


@pytest.mark.django_db
def test_event_record_refuses_an_unknown_verb(django_user_model):
    from lingong.core.models import Event

    user = django_user_model.objects.create(username="clerk")
    with pytest.raises(ValueError, match="case_opne"):
        event_record(subject=user, verb="case_opne")
    assert Event.objects.count() == 0
    event = event_record(subject=user, verb=EventKind.CASE_OPEN)
    with translation.override("en"):
        assert (event.verb, event.verb_label) == ("case_open", "Case opened")
