"""The demo's duty roster at the rights windows: lawyers and the officer, for the coming two weeks.

Seeded with the demo and extended by its daily routine, relative to the demo's
today, so the kiosk's "when is a lawyer here" page is never empty after the
clock moves. A day that already has a shift at a station is left as staff made it.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from django.contrib.auth import get_user_model

from lingong.accounts.models import Role
from lingong.rights.models import DutyShift
from lingong.rights.services import duty_shift_create
from lingong.stations.models import Station

ROSTER_DAYS = 14
# (lawyer, office, languages): a legal-aid lawyer who speaks Tibetan and Chinese, and a firm's lawyer
LEGAL_AID = ("拉巴次仁", "城关区法律援助中心", "bo,zh-hans")
FIRM = ("王建国", "西藏雪域律师事务所（志愿律师）", "zh-hans")
STATION_LAWYER = ("德吉卓玛", "城关区法律援助中心", "bo,zh-hans")
# station code -> weekday (0 = Monday) -> [(from, until, holder)]; holder "officer" is the demo's rights officer
PATTERN: dict[str, dict[int, list[tuple[time, time, object]]]] = {
    "market": {
        **{wd: [(time(9, 30), time(12, 0), LEGAL_AID), (time(14, 30), time(17, 30), "officer")] for wd in range(5)},
        5: [(time(10, 0), time(12, 0), FIRM)],
    },
    "jinzhu-xilu": {1: [(time(14, 30), time(17, 0), STATION_LAWYER)]},
    "gama-gongsang": {2: [(time(14, 30), time(17, 0), STATION_LAWYER)]},
    "gongdelin": {3: [(time(14, 30), time(17, 0), STATION_LAWYER)]},
}


def _window(station: Station) -> str:
    window = station.windows.filter(service="rights").order_by("number").first()
    return f"{window.number}号窗口 维权窗口" if window else "维权窗口"


def demo_roster_extend(*, today: date, actor, days: int = ROSTER_DAYS) -> int:
    """Put the pattern on every day from `today` for `days` days where a station has no shift yet; returns how many."""
    officer = get_user_model().objects.filter(role=Role.RIGHTS_OFFICER, is_active=True).order_by("username").first()
    stations = {s.code: s for s in Station.objects.filter(code__in=PATTERN, is_active=True)}
    last = today + timedelta(days=days - 1)
    taken = set(
        DutyShift.objects.filter(station__in=stations.values(), date__gte=today, date__lte=last).values_list(
            "station_id", "date"
        )
    )
    made = 0
    for code, week in PATTERN.items():
        station = stations.get(code)
        if station is None:
            continue
        window = _window(station)
        for offset in range(days):
            day = today + timedelta(days=offset)
            if (station.pk, day) in taken:
                continue
            for start, end, holder in week.get(day.weekday(), ()):
                if holder == "officer":
                    if officer is None:
                        continue
                    person = {"officer": officer, "languages": "zh-hans"}
                else:
                    name, office, languages = holder
                    person = {"lawyer_name": name, "lawyer_office": office, "languages": languages}
                duty_shift_create(
                    station=station, date=day, start_time=start, end_time=end, window=window, actor=actor, **person
                )
                made += 1
    return made
