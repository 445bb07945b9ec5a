"""The worker's matches carry the "learn this: N jobs nearby" card, at the worker door; the door books
and cancels with the same services (the kiosk's and the clerk's are in test_browser and test_console)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from lingong.jobs.tests.factories import post_job
from lingong.training.models import TrainingBooking

from .factories import make_course, make_session

pytestmark = pytest.mark.django_db
HOME = {"home_lat": "29.650000", "home_lon": "91.130000"}


def test_the_door_home_suggests_the_course_and_the_door_books(staff, employer, job_types, stations, register_worker):
    course = make_course(staff=staff, job_types=job_types, stations=stations, trade="electrician")
    session = make_session(staff=staff, course=course, capacity=3)
    for _ in range(2):
        post_job(employer=employer, job_type=job_types["electrician"], actor=staff, headcount=3)
    worker = register_worker(trades=("mover",), **HOME)
    door = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    door.force_login(worker.user)
    home = door.get("/w/").content.decode()
    with translation.override("zh-hans"):
        assert f'data-suggest-course="{course.pk}"' in home
    assert "学会电工，附近有 6 个岗位" in home
    assert door.post(f"/w/training/sessions/{session.pk}/book/").status_code == 302
    booking = TrainingBooking.objects.get()
    assert (booking.worker_id, booking.status, booking.channel) == (worker.pk, "booked", "web")
    again = door.post(f"/w/training/sessions/{session.pk}/book/", follow=True)
    assert "您已经报名了这场培训。" in again.content.decode()
    assert TrainingBooking.objects.count() == 1
    assert door.post(f"/w/training/bookings/{booking.pk}/cancel/").status_code == 302
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    other = register_worker()
    stranger = Client()
    stranger.force_login(other.user)
    assert stranger.post(f"/w/training/bookings/{booking.pk}/cancel/").status_code == 404
