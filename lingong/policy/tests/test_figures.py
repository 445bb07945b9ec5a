"""Policy questions in the district's daily rollup: by topic, and those referred on by where to."""

from __future__ import annotations

import pytest

from lingong.policy.services import consultation_ask, consultation_record
from lingong.stats.selectors import stats_consultations, stats_district
from lingong.stats.services import stats_rollup_day

pytestmark = pytest.mark.django_db


def test_the_rollup_counts_questions_by_topic_and_referral(staff, admin_user, stations, today, now):
    station = stations["gongdelin"]
    for topic, referral, note in (
        ("wage_arrears", "rights_officer", "维权窗口"),
        ("wage_arrears", "none", ""),
        ("training", "training_course", "电工班"),
    ):
        consultation_record(
            actor=staff,
            station=station,
            channel="window",
            topic=topic,
            answer="答",
            referral=referral,
            referral_note=note,
            now=now,
        )
    consultation_ask(station=stations["market"], topic="injury", channel="kiosk", now=now)
    stats_rollup_day(day=today)

    figures = stats_consultations(user=admin_user, first=today, last=today)
    assert figures["questions"] == 4
    assert {row["topic"]: row["questions"] for row in figures["topics"]} == {
        "social_insurance": 0,
        "training": 1,
        "wage_arrears": 2,
        "injury": 1,
        "business": 0,
        "other": 0,
    }
    assert {row["referral"]: row["questions"] for row in figures["referrals"]} == {
        "rights_officer": 1,
        "training_course": 1,
        "other_office": 0,
    }
    own = stats_consultations(user=staff, first=today, last=today, station_id=station.pk)
    assert own["questions"] == 3
    district = stats_district(user=admin_user, first=today, last=today)
    assert (district["consultations"], district["consultations_referred"]) == (4, 2)
    # a second rollup of the day changes nothing
    stats_rollup_day(day=today)
    assert stats_consultations(user=admin_user, first=today, last=today)["questions"] == 4
