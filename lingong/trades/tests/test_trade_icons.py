"""`trade_icon`: a trade's picture by its icon's name, the URL the static storage gives."""

from __future__ import annotations

import pytest
from django.template import engines
from django.templatetags.static import static

from lingong.trades.models import JobType

pytestmark = pytest.mark.django_db


def test_every_trade_icon_is_the_static_url_of_its_file():
    template = engines["django"].from_string("{% load trade_icons %}{{ icon|trade_icon }}")
    icons = set(JobType.objects.values_list("icon", flat=True))
    assert len(icons) > 20  # the trades file's, loaded by the data migration
    for icon in icons:
        assert template.render({"icon": icon}) == static(f"trades/icons/{icon}.svg")


def test_an_icon_name_cannot_leave_its_attribute():
    template = engines["django"].from_string('{% load trade_icons %}<img src="{{ icon|trade_icon }}">')
    rendered = template.render({"icon": 'x" onerror="y'})
    assert rendered.count('"') == 2, rendered  # the src attribute's own quotes


def test_other_static_settings_give_other_urls(settings):
    template = engines["django"].from_string("{% load trade_icons %}{{ icon|trade_icon }}")
    assert template.render({"icon": "mover"}) == "/static/trades/icons/mover.svg"
    settings.STATIC_URL = "/assets/"
    assert template.render({"icon": "mover"}) == "/assets/trades/icons/mover.svg"
