"""The clerk's training pages through the real views: add a course and a session, book a walk-in,
the waiting list, a refused change that keeps what was typed and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lingong.training.models import TrainingBooking, TrainingCourse, TrainingSession

from .factories import make_course, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(staff):
    client = Client()
    client.force_login(staff)
    return client


def test_add_a_course_then_a_session(clerk, job_types):
    response = clerk.post(
        "/console/training/",
        {
            "form": "course",
            "job_type": job_types["plumber"].pk,
            "title_zh": "水暖工入门",
            "title_bo": "ཆུ་ལམ་བཟོ་པའི་གཞི་རིམ།",
            "provider_zh": "城关区职业技能培训中心",
            "hours": "12",
            "subsidy_yuan": "500",
            "language": "zh_bo",
        },
    )
    assert response.status_code == 302
    course = TrainingCourse.objects.get()
    assert (course.job_type_id, course.subsidy_fen, course.hours, course.station.code) == (
        job_types["plumber"].pk,
        50000,
        12,
        "gongdelin",
    )
    day = timezone.localdate() + timedelta(days=3)
    response = clerk.post(
        "/console/training/",
        {
            "form": "session",
            "course": course.pk,
            "day": day.isoformat(),
            "start": "09:00",
            "end": "12:00",
            "capacity": "8",
        },
    )
    assert response.status_code == 302
    session = TrainingSession.objects.get()
    assert (timezone.localtime(session.starts_at).hour, session.capacity, session.station.code) == (9, 8, "gongdelin")
    page = clerk.get("/console/training/")
    assert page.status_code == 200 and "水暖工入门" in page.content.decode()


def test_a_session_that_ends_before_it_starts_is_refused_on_the_form(clerk, staff, job_types, stations):
    course = make_course(staff=staff, job_types=job_types, stations=stations)
    day = timezone.localdate() + timedelta(days=3)
    response = clerk.post(
        "/console/training/",
        {
            "form": "session",
            "course": course.pk,
            "day": day.isoformat(),
            "start": "12:00",
            "end": "09:00",
            "capacity": "8",
        },
    )
    assert response.status_code == 400
    assert "12:00" in response.content.decode()  # what was typed is kept
    assert TrainingSession.objects.count() == 0


def test_book_walk_ins_by_phone_and_the_waiting_list(clerk, staff, job_types, stations, register_worker):
    session = make_session(
        staff=staff, course=make_course(staff=staff, job_types=job_types, stations=stations), capacity=1
    )
    first, second = register_worker(), register_worker()
    url = f"/console/training/sessions/{session.pk}/"
    assert clerk.post(url, {"form": "book", "who": "13900000001"}).status_code == 302
    assert clerk.post(url, {"form": "book", "who": "13900000002"}).status_code == 302
    assert list(TrainingBooking.objects.order_by("pk").values_list("worker_id", "status", "channel")) == [
        (first.pk, "booked", "window"),
        (second.pk, "waiting", "window"),
    ]
    unknown = clerk.post(url, {"form": "book", "who": "13999999999"})
    assert unknown.status_code == 404 and TrainingBooking.objects.count() == 2
    fewer = clerk.post(url, {"form": "capacity", "capacity": "0"})
    assert fewer.status_code == 400
    more = clerk.post(url, {"form": "capacity", "capacity": "2"})
    assert more.status_code == 302
    assert TrainingBooking.objects.get(worker=second).status == "booked"
    page = clerk.get(url)
    assert page.status_code == 200
