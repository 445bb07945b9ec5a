"""Courses and sessions for the tests, made through the services, relative to the test's clock."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from lingong.training.services import course_create, session_create


def make_course(*, staff, job_types, stations, trade="electrician", **overrides):
    kwargs = dict(
        actor=staff,
        job_type=job_types[trade],
        station=stations["gongdelin"],
        title_zh="低压电工上岗培训",
        title_bo="ཧྲུག་ཆུང་གློག་ལས་སློབ་སྦྱོང་།",
        provider_zh="城关区职业技能培训中心",
        provider_bo="ཁྲིན་ཀོན་ཆུས་ཀྱི་ལས་རིགས་ལག་རྩལ་སློབ་གསོ་ལྟེ་བ།",
        hours=16,
        place="功德林驿站二楼教室",
        subsidy_fen=80000,
    )
    kwargs.update(overrides)
    return course_create(**kwargs)


def make_session(*, staff, course, days=2, hour=9, hours=4, capacity=10, **overrides):
    start = timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0) + timedelta(days=days)
    return session_create(
        actor=staff,
        course=course,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        capacity=capacity,
        **overrides,
    )
