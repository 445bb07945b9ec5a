from datetime import date

from django.utils import formats, translation


def test_tibetan_dates_have_their_own_format():
    with translation.override("bo"):
        assert formats.date_format(date(2026, 11, 23)) == "2026 ལོའི་ཟླ་ 11 ཚེས་ 23"
        assert formats.date_format(date(2026, 11, 23), "SHORT_DATE_FORMAT") == "2026-11-23"
    with translation.override("zh-hans"):
        assert formats.date_format(date(2026, 11, 23)) == "2026年11月23日"
