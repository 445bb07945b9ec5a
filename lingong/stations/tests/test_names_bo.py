"""The stations' Tibetan names follow the glossary, and migration 0004 brings existing rows to them."""

import pytest

from lingong.stations.data import STATIONS, station_names_load
from lingong.stations.models import ServiceWindow, Station

pytestmark = pytest.mark.django_db


def test_the_migrated_database_has_the_glossarys_names():
    names = dict(Station.objects.values_list("code", "name_bo"))
    assert names["jinzhu-xilu"] == "བཅིངས་འགྲོལ་ནུབ་ལམ་ལས་ཀ་ཐོར་བུའི་བབ་ཚུགས།"
    assert names["market"] == "ཁྲིན་ཀོན་ཆུས་ཀྱི་ལས་ཀ་ཐོར་བུའི་ཁྲོམ་ར།"
    assert ServiceWindow.objects.get(station__code="gongdelin", service="rights").name_bo == "ཐོབ་ཐང་སྲུང་སྐྱོབ་འདྲི་རྩད།"
    for entry in STATIONS:
        assert "ས་ཚིགས" not in entry["name_bo"] and "གནས་སྐབས" not in entry["name_bo"]


def test_the_names_load_updates_old_rows_and_nothing_else():
    station = Station.objects.get(code="jinzhu-xilu")
    Station.objects.filter(pk=station.pk).update(
        name_bo="གསེར་ཟླ་ནུབ་ལམ་གནས་སྐབས་ལས་ཀའི་ས་ཚིགས།", hotline="0891-1234567", opening_hours="08:00–20:00"
    )
    ServiceWindow.objects.filter(station=station, service="rights").update(name_bo="ཁེ་དབང་སྲུང་སྐྱོང་གྲོས་འདྲི།")
    station_names_load(station_model=Station, window_model=ServiceWindow)
    station.refresh_from_db()
    assert station.name_bo == "བཅིངས་འགྲོལ་ནུབ་ལམ་ལས་ཀ་ཐོར་བུའི་བབ་ཚུགས།"
    assert station.address_bo == "ལྷ་ས་ཁྲིན་ཀོན་ཆུས་བཅིངས་འགྲོལ་ནུབ་ལམ་ཁྲོམ་གཞུང་།"
    assert (station.hotline, station.opening_hours) == ("0891-1234567", "08:00–20:00")
    assert ServiceWindow.objects.get(station=station, service="rights").name_bo == "ཐོབ་ཐང་སྲུང་སྐྱོབ་འདྲི་རྩད།"


def test_a_name_inside_a_tibetan_sentence_carries_no_shad():
    """The data keeps the name's final shad; a sentence that names the station must not end there."""
    from django.utils.translation import gettext, override

    station = Station.objects.get(code="market")
    with override("bo"):
        assert station.name == "ཁྲིན་ཀོན་ཆུས་ཀྱི་ལས་ཀ་ཐོར་བུའི་ཁྲོམ་ར"
        sentence = gettext("%(name)s is already on duty on %(date)s from %(start)s to %(end)s at %(station)s.") % {
            "name": "ལྷ་པ",
            "date": "2026-12-07",
            "start": "09:00",
            "end": "12:00",
            "station": station.name,
        }
    assert "།" not in sentence.rstrip("། ")
    with override("zh-hans"):
        assert station.name == "城关区零工市场"
