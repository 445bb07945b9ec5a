"""The spoken job card: number words and word order in Tibetan and Mandarin, as segment ids (pure)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from lingong.kiosk import speech

BO = {
    0: "ཀླད་ཀོར",
    7: "བདུན",
    10: "བཅུ",
    11: "བཅུ་གཅིག",
    15: "བཅོ་ལྔ",
    19: "བཅུ་དགུ",
    20: "ཉི་ཤུ",
    21: "ཉེར་གཅིག",
    30: "སུམ་ཅུ",
    31: "སོ་གཅིག",
    40: "བཞི་བཅུ",
    41: "ཞེ་གཅིག",
    50: "ལྔ་བཅུ",
    51: "ང་གཅིག",
    60: "དྲུག་ཅུ",
    61: "རེ་གཅིག",
    70: "བདུན་ཅུ",
    71: "དོན་གཅིག",
    80: "བརྒྱད་ཅུ",
    81: "གྱ་གཅིག",
    90: "དགུ་བཅུ",
    91: "གོ་གཅིག",
    99: "གོ་དགུ",
    100: "བརྒྱ",
    101: "བརྒྱ་དང་གཅིག",
    140: "བརྒྱ་དང་བཞི་བཅུ",
    165: "བརྒྱ་དང་རེ་ལྔ",
    200: "ཉིས་བརྒྱ",
    350: "སུམ་བརྒྱ་དང་ལྔ་བཅུ",
    1000: "སྟོང",
    1140: "སྟོང་བརྒྱ་དང་བཞི་བཅུ",
    2100: "ཉིས་སྟོང་དང་བརྒྱ",
    10000: "ཁྲི",
    20000: "ཁྲི་གཉིས",
    10005: "ཁྲི་དང་ལྔ",
}
ZH = {
    0: "零",
    7: "七",
    10: "十",
    15: "十五",
    20: "二十",
    21: "二十一",
    40: "四十",
    41: "四十一",
    99: "九十九",
    100: "一百",
    101: "一百零一",
    110: "一百一十",
    140: "一百四十",
    200: "两百",
    1000: "一千",
    1001: "一千零一",
    1010: "一千零一十",
    1200: "一千二百",
    2100: "两千一百",
    10000: "一万",
    10100: "一万零一百",
    12345: "一万两千三百四十五",
    20000: "两万",
    110000: "十一万",
}


@pytest.mark.parametrize(("n", "words"), BO.items())
def test_tibetan_numbers_as_spoken_in_lhasa(n, words):
    assert speech.spoken_text(speech.number_bo(n), "bo") == words


@pytest.mark.parametrize(("n", "words"), ZH.items())
def test_mandarin_numbers(n, words):
    assert speech.spoken_text(speech.number_zh(n), "zh-hans") == words


def test_the_hundreds_and_the_rest_are_joined_by_dang():
    assert speech.number_bo(140) == ["num-hundreds-1", "num-and", "num-40"]
    assert speech.number_bo(165) == ["num-hundreds-1", "num-and", "num-tens-6", "num-5"]
    assert speech.number_bo(100) == ["num-hundreds-1"]


@pytest.mark.parametrize("bad", [-1, speech.MAX_NUMBER + 1, 1.5, "7"])
def test_a_number_it_cannot_say_is_refused(bad):
    with pytest.raises(ValueError):
        speech.number_bo(bad)
    with pytest.raises(ValueError):
        speech.number_zh(bad)


def test_every_segment_a_number_needs_is_in_the_script():
    for language in speech.LANGUAGES:
        for n in range(0, 25000, 7):
            assert set(speech.number(n, language)) <= set(speech.SCRIPT[language]), n


def test_money_tibetan_puts_the_noun_first_mandarin_after():
    assert speech.spoken_text(speech.money(14000, "bo"), "bo") == "སྒོར་མོ་བརྒྱ་དང་བཞི་བཅུ"
    assert speech.spoken_text(speech.money(14000, "zh-hans"), "zh-hans") == "一百四十元"
    assert speech.spoken_text(speech.money(35050, "zh-hans"), "zh-hans") == "三百五十元五角"
    assert speech.spoken_text(speech.money(35055, "bo"), "bo") == "སྒོར་མོ་སུམ་བརྒྱ་དང་ལྔ་བཅུ་ཞོ་ལྔ་སྐར་མ་ལྔ"


def test_pay_per_unit():
    assert speech.spoken_text(speech.pay(14000, "day", "bo"), "bo") == "ཉིན་རེ་སྒོར་མོ་བརྒྱ་དང་བཞི་བཅུ"
    assert speech.spoken_text(speech.pay(14000, "day", "zh-hans"), "zh-hans") == "一百四十元每天"
    assert speech.pay(2500, "hour", "zh-hans")[-1] == "unit-hour"
    assert speech.pay(2500, "month", "bo")[0] == "unit-month"


def test_dates_say_month_day_and_weekday(today):
    for offset in range(7):
        day = today + timedelta(days=offset)
        bo = speech.day(day, "bo")
        assert bo[0] == "date-month" and bo[-1] == f"weekday-{day.weekday()}"
        assert speech.spoken_text(speech.day(day, "zh-hans"), "zh-hans") == (
            speech.spoken_text(speech.number_zh(day.month), "zh-hans")
            + "月"
            + speech.spoken_text(speech.number_zh(day.day), "zh-hans")
            + "日"
            + speech.ZH_WEEKDAYS[day.weekday()]
        )
    monday = today - timedelta(days=today.weekday())
    assert speech.SCRIPT["bo"][speech.day(monday, "bo")[-1]] == "གཟའ་ཟླ་བ"
    assert speech.SCRIPT["bo"][speech.day(monday + timedelta(days=6), "bo")[-1]] == "གཟའ་ཉི་མ"


def test_hours_and_distance():
    assert speech.spoken_text(speech.hours(time(9), time(17, 30), "zh-hans"), "zh-hans") == "九点到十七点三十分"
    assert speech.spoken_text(speech.hours(time(9), time(17), "bo"), "bo") == "ཆུ་ཚོད་དགུ་ནས་ཆུ་ཚོད་བཅུ་བདུན་བར"
    assert speech.distance(0.2, "zh-hans") == ["link-distance", "num-1", "distance-km"]
    assert speech.distance(12.6, "bo") == ["link-distance", "distance-km", "num-13"]


def card(place="gongdelin", km=3.4):
    return speech.JobCardFacts(
        trade="mover",
        pay_fen=14000,
        pay_unit="day",
        start_date=date(2026, 12, 7),  # a Monday; the composer is pure and does not look at the clock
        start_time=time(9),
        end_time=time(17),
        place=place,
        distance_km=km,
    )


def test_a_whole_card_in_tibetan():
    names = {"trade-mover": "ཁུར་འདེགས་པ", "station-gongdelin": "དགེ་ལྡན་གླིང"}
    assert speech.spoken_text(speech.job_card(card(), "bo"), "bo", names) == (
        "ཁུར་འདེགས་པ་གླ་ཕོགས་ཉིན་རེ་སྒོར་མོ་བརྒྱ་དང་བཞི་བཅུ་ས་གནས་དགེ་ལྡན་གླིང་ཐག་རིང་ཚད་སྤྱི་ལེ་གསུམ"
        "་ལས་ཀ་འགོ་འཛུགས་ཉིན་ཟླ་བ་བཅུ་གཉིས་ཚེས་བདུན་གཟའ་ཟླ་བ་ཆུ་ཚོད་དགུ་ནས་ཆུ་ཚོད་བཅུ་བདུན་བར"
    )


def test_a_whole_card_in_mandarin():
    names = {"trade-mover": "搬运工", "station-gongdelin": "功德林"}
    assert speech.spoken_text(speech.job_card(card(), "zh-hans"), "zh-hans", names) == (
        "搬运工工钱一百四十元每天地点功德林距离三公里开工十二月七日星期一九点到十七点"
    )


def test_a_place_without_a_recording_and_an_unknown_distance_are_left_out():
    segments = speech.job_card(card(place=None, km=None), "zh-hans")
    assert not any(s.startswith(("station-", "link-place", "link-distance")) for s in segments)
    assert segments[0] == "trade-mover"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError):
        speech.job_card(card(), "en")
