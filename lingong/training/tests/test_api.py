"""The app's training routes: courses, book (a seat or the waiting list), cancel, with the same services."""

from __future__ import annotations

import pytest

from lingong.api.services import api_token_issue
from lingong.api.tests.conftest import Api, msg
from lingong.training.models import TrainingBooking

from .factories import make_course, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return Api()


@pytest.fixture
def course(staff, job_types, stations):
    return make_course(staff=staff, job_types=job_types, stations=stations)


def token_of(worker):
    return api_token_issue(user=worker.user)[0]


def test_courses_list_and_detail_with_sessions(api, staff, course, register_worker):
    session = make_session(staff=staff, course=course, capacity=4)
    token = token_of(register_worker())
    listed = api.get("/worker/training/courses", token=token)
    assert listed.status_code == 200
    assert [(c["id"], c["trade"], c["hours"], c["subsidy_fen"]) for c in listed.data["items"]] == [
        (course.pk, "electrician", 16, 80000)
    ]
    detail = api.get(f"/worker/training/courses/{course.pk}", token=token)
    assert detail.status_code == 200
    assert [(s["id"], s["capacity"], s["seats_left"], s["station"]) for s in detail.data["sessions"]] == [
        (session.pk, 4, 4, "gongdelin")
    ]
    assert api.get("/worker/training/courses/999999", token=token).status_code == 404


def test_book_full_waits_then_cancel_promotes(api, staff, course, register_worker):
    session = make_session(staff=staff, course=course, capacity=1)
    first, second = register_worker(), register_worker()
    seat = api.post("/worker/training/bookings", {"session_id": session.pk}, token=token_of(first), key="k1")
    assert (seat.status_code, seat.data["status"], seat.data["waiting_position"]) == (201, "booked", None)
    line = api.post("/worker/training/bookings", {"session_id": session.pk}, token=token_of(second), key="k2")
    assert (line.status_code, line.data["status"], line.data["waiting_position"]) == (201, "waiting", 1)
    again = api.post("/worker/training/bookings", {"session_id": session.pk}, token=token_of(second), key="k3")
    assert (again.status_code, again.data["code"]) == (409, "already_booked")
    assert again.data["message"] == msg("You have already booked this session.")
    assert TrainingBooking.objects.filter(session=session).count() == 2
    # Someone else's booking is not found; their own is cancelled and the seat goes to the line.
    other = api.post(f"/worker/training/bookings/{seat.data['id']}/cancel", token=token_of(second), key="k4")
    assert other.status_code == 404
    cancelled = api.post(f"/worker/training/bookings/{seat.data['id']}/cancel", token=token_of(first), key="k5")
    assert (cancelled.status_code, cancelled.data["status"]) == (200, "cancelled")
    mine = api.get("/worker/training/bookings", token=token_of(second))
    assert [(b["id"], b["status"]) for b in mine.data] == [(line.data["id"], "booked")]


def test_bad_input_is_a_clean_error(api, register_worker):
    token = token_of(register_worker())
    assert api.post("/worker/training/bookings", {"session_id": "x"}, token=token, key="b1").status_code == 422
    assert api.post("/worker/training/bookings", {"session_id": 424242}, token=token, key="b2").status_code == 404
    assert api.get("/worker/training/courses").status_code == 401
    assert TrainingBooking.objects.count() == 0
