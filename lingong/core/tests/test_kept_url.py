"""`{% url %}` keeps each answer for the process (lingong/core/templatetags/kept_url.py): the same answers as
Django's reverse, under each URLconf and script prefix, and Django's own behaviour for `as` and for a bad name."""

from __future__ import annotations

import pytest
from django.template import engines
from django.test import override_settings
from django.urls import NoReverseMatch, get_script_prefix, path, reverse, set_script_prefix

from lingong.core.templatetags.kept_url import _reverse_kept


def _render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_every_template_url_is_reverse_and_kept():
    _reverse_kept.cache_clear()
    for pk in (1, 22, 333):
        assert _render("{% url 'kiosk:apply' pk %}", pk=pk) == reverse("kiosk:apply", args=[pk])
        assert _render("{% url 'kiosk:apply' job_id=pk %}", pk=pk) == reverse("kiosk:apply", args=[pk])
    assert _render("{% url 'kiosk:apply' 22 %}") == reverse("kiosk:apply", args=[22])
    assert _reverse_kept.cache_info().hits >= 1


def test_as_keeps_django_behaviour():
    assert _render("{% url 'nothing:here' as link %}[{{ link }}]") == "[]"
    with pytest.raises(NoReverseMatch):
        _render("{% url 'nothing:here' %}")
    assert _render("{% url 'kiosk:apply' 5 as link %}<{{ link }}>") == f"<{reverse('kiosk:apply', args=[5])}>"


def test_the_script_prefix_is_part_of_the_answer():
    """Served under a prefix (SCRIPT_NAME), the links carry it; the answers kept without it are not given."""
    plain = _render("{% url 'kiosk:apply' 5 %}")
    before = get_script_prefix()
    try:
        set_script_prefix("/lingong/")
        assert _render("{% url 'kiosk:apply' 5 %}") == "/lingong" + plain
    finally:
        set_script_prefix(before)
    assert _render("{% url 'kiosk:apply' 5 %}") == plain


def _one_view(request):  # pragma: no cover - reversed, never called
    return None


urlpatterns = [path("elsewhere/<int:job_id>/apply/", _one_view, name="apply")]


def test_another_urlconf_is_another_answer():
    before = _render("{% url 'kiosk:apply' 7 %}")
    with override_settings(ROOT_URLCONF=__name__):
        assert _render("{% url 'apply' 7 %}") == "/elsewhere/7/apply/"
        with pytest.raises(NoReverseMatch):
            _render("{% url 'kiosk:apply' 7 %}")
    assert _render("{% url 'kiosk:apply' 7 %}") == before
