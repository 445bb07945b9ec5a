from datetime import date, datetime

from django.utils import formats, translation
from django.utils.timesince import timesince


def test_tibetan_dates_have_one_style():
    with translation.override("bo"):
        assert formats.date_format(date(2026, 11, 23)) == "2026 ལོའི་ཟླ་ 11 ཚེས་ 23"
        assert formats.date_format(date(2026, 11, 23), "SHORT_DATE_FORMAT") == "2026 ལོའི་ཟླ་ 11 ཚེས་ 23"
        assert formats.date_format(datetime(2026, 11, 23, 8, 30), "SHORT_DATETIME_FORMAT") == (
            "2026 ལོའི་ཟླ་ 11 ཚེས་ 23 08:30"
        )
    with translation.override("zh-hans"):
        assert formats.date_format(date(2026, 11, 23)) == "2026年11月23日"


def test_tibetan_month_and_weekday_names_and_durations():
    """Django's own names come from lingong/locale_django, not the Chinese fallback."""
    with translation.override("bo"):
        assert formats.date_format(date(2026, 11, 23), "F l") == "ཟླ་བ་བཅུ་གཅིག་པ གཟའ་ཟླ་བ"
        assert formats.date_format(date(2026, 3, 1), "E") == "ཟླ་བ་གསུམ་པ"  # pgettext "alt. month"
        assert (
            timesince(datetime(2026, 1, 1), datetime(2026, 1, 16)) == "གཟའ་འཁོར་\xa02། ཉིན་\xa01"
        )  # timesince joins with no-break spaces
    with translation.override("zh-hans"):
        assert formats.date_format(date(2026, 11, 23), "F l") == "十一月 星期一"
