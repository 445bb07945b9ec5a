"""The employer routes: jobs, candidates, invitations, hires, closing."""

import pytest
from django.utils import timezone

from lingong.jobs.models import Application, Job, Placement
from lingong.jobs.services import application_create
from lingong.jobs.tests.factories import post_job

pytestmark = pytest.mark.django_db


def job_body(start_day, **extra):
    body = {
        "trade": "mover",
        "title": "搬家具",
        "headcount": 2,
        "pay_fen": 35000,
        "pay_unit": "day",
        "start_date": start_day.isoformat(),
        "start_time": "08:30",
        "end_time": "17:00",
        "address": "拉萨市城关区林廓北路",
        "lat": 29.66,
        "lon": "91.13",
    }
    body.update(extra)
    return body


def test_post_a_job(api, employer, employer_token, start_day):
    response = api.post("/employer/jobs", job_body(start_day, description="二楼，无电梯"), token=employer_token)
    assert response.status_code == 201
    job = Job.objects.get()
    assert response.data == {
        "id": job.pk,
        "title": "搬家具",
        "description": "二楼，无电梯",
        "trade": "mover",
        "trade_name": job.job_type.name,
        "employer_name": "拉萨雪域餐饮有限公司",
        "headcount": 2,
        "places_left": 2,
        "pay_fen": 35000,
        "pay_unit": "day",
        "kind": "day_gig",
        "start_date": start_day.isoformat(),
        "end_date": start_day.isoformat(),
        "start_time": "08:30:00",
        "end_time": "17:00:00",
        "address": "拉萨市城关区林廓北路",
        "meeting_point": "",
        "lat": 29.66,
        "lon": 91.13,
        "required_skills": "",
        "needs_zh": False,
        "needs_bo": False,
        "intensity": job.job_type.intensity,
        "is_fast_channel": False,
        "requires_certificate": False,
        "status": "open",
        "review_note": "",
        "published_at": response.data["published_at"],
        "created_at": response.data["created_at"],
    }
    assert response.data["published_at"] is not None
    assert (job.employer, job.channel, job.created_by, job.pay_fen) == (employer, "app", employer.user, 35000)


def test_post_a_job_through_the_fast_channel(api, employer_token, start_day):
    response = api.post("/employer/jobs", job_body(start_day, fast_channel=True), token=employer_token)
    assert response.status_code == 201 and response.data["is_fast_channel"] is True
    assert Job.objects.get().is_fast_channel is True


@pytest.mark.parametrize(
    "change, status, code",
    [
        ({"trade": "astronaut"}, 400, "invalid_trade"),
        ({"start_date": "2020-01-01"}, 400, "start_in_past"),
        ({"lat": 10.0}, 400, "point_out_of_area"),
        ({"end_time": "08:30"}, 400, "empty_shift"),
        ({"pay_fen": 0}, 422, "invalid"),
        ({"pay_fen": 350.5}, 422, "invalid"),
        ({"headcount": 501}, 422, "invalid"),
        ({"pay_unit": "week"}, 422, "invalid"),
        ({"salary": 1}, 422, "invalid"),
    ],
)
def test_post_a_job_refused(api, employer_token, start_day, change, status, code):
    response = api.post("/employer/jobs", job_body(start_day, **change), token=employer_token)
    assert response.status_code == status
    assert response.data["code"] == code
    assert Job.objects.count() == 0


def test_list_my_jobs_only(api, employer_token, job, other_employer):
    post_job(
        employer=other_employer[0],
        job_type=job.job_type,
        actor=other_employer[1],
        start=job.start_date,
        today=timezone.localdate(),
    )
    response = api.get("/employer/jobs", token=employer_token)
    assert response.status_code == 200
    assert response.data["count"] == 1 and response.data["items"][0]["id"] == job.pk
    assert api.get(f"/employer/jobs/{job.pk}", token=employer_token).data["id"] == job.pk


@pytest.fixture
def other_employer(make_user, staff, id_numbers):
    from lingong.api.services import api_token_issue
    from lingong.employers.services import employer_register

    user = make_user("employer")
    other = employer_register(
        kind="individual",
        name="次仁",
        id_number=id_numbers[150],
        contact_name="次仁",
        contact_phone="13800138009",
        address="拉萨市城关区",
        channel="window",
        actor=staff,
        station=staff.station,
        user=user,
    )
    return other, user, api_token_issue(user=user)[0]


def test_another_employers_job_is_not_found(api, job, other_employer, worker):
    other, _user, token = other_employer
    for path in (f"/employer/jobs/{job.pk}", f"/employer/jobs/{job.pk}/candidates"):
        response = api.get(path, token=token)
        assert response.status_code == 404 and response.data["code"] == "not_found"
    assert api.post(f"/employer/jobs/{job.pk}/close", token=token).status_code == 404
    assert api.post(f"/employer/jobs/{job.pk}/invitations", {"worker_id": worker.pk}, token=token).status_code == 404
    application = application_create(job=job, worker=worker, origin="worker", channel="app", actor=worker.user)
    assert api.post(f"/employer/applications/{application.pk}/accept", token=token).status_code == 404
    assert api.get("/employer/applications", token=token).data == {"items": [], "count": 0}
    job.refresh_from_db()
    application.refresh_from_db()
    assert (job.status, application.status, Placement.objects.count()) == ("open", "accepted_by_worker", 0)


def test_individual_employer_name_is_masked_on_jobs(api, worker_token, other_employer, job_types, start_day):
    other, user, _token = other_employer
    post_job(employer=other, job_type=job_types["mover"], actor=user, start=start_day, today=timezone.localdate())
    names = sorted(j["employer_name"] for j in api.get("/jobs", token=worker_token).data["items"])
    assert names == ["次*"]


def test_candidates_are_masked(api, employer_token, job, register_worker):
    from lingong.matching.selectors import workers_for_job

    worker = register_worker(name="格桑卓玛")
    response = api.get(f"/employer/jobs/{job.pk}/candidates", token=employer_token)
    assert response.status_code == 200
    [match] = workers_for_job(job=job)
    assert response.data == [
        {
            "worker_id": worker.pk,
            "name_masked": "格***",
            "score": round(match.score, 4),
            "distance_km": match.distance_km,
            "reasons": [{"code": r.code, "text": r.text} for r in match.reasons],
            "trade_level": 2,
            "speaks_zh": True,
            "speaks_bo": False,
        }
    ]
    assert "has_trade" in [r["code"] for r in response.data[0]["reasons"]]
    assert "phone" not in str(response.data) and "id_number" not in str(response.data)


def test_invite_then_worker_accepts(api, employer_token, worker, worker_token, job):
    response = api.post(f"/employer/jobs/{job.pk}/invitations", {"worker_id": worker.pk}, token=employer_token)
    assert response.status_code == 201
    assert (response.data["status"], response.data["origin"]) == ("accepted_by_employer", "employer")
    application_id = response.data["id"]
    assert api.post(f"/worker/applications/{application_id}/accept", token=worker_token).data["status"] == "placed"
    hires = api.get("/employer/placements", token=employer_token)
    assert hires.data["count"] == 1
    assert hires.data["items"][0]["worker"] == {"id": worker.pk, "name": "扎西1", "phone_masked": "139****0001"}


def test_invite_unknown_worker(api, employer_token, job):
    response = api.post(f"/employer/jobs/{job.pk}/invitations", {"worker_id": 999999}, token=employer_token)
    assert response.status_code == 404
    assert Application.objects.count() == 0


def test_accept_and_decline_applications(api, employer_token, register_worker, job, start_day):
    first, second = register_worker(), register_worker()
    a1 = application_create(job=job, worker=first, origin="worker", channel="app", actor=first.user)
    a2 = application_create(job=job, worker=second, origin="worker", channel="app", actor=second.user)
    listed = api.get("/employer/applications", token=employer_token, params={"job_id": job.pk})
    assert sorted(a["id"] for a in listed.data["items"]) == [a1.pk, a2.pk]
    accepted = api.post(f"/employer/applications/{a1.pk}/accept", token=employer_token)
    assert accepted.status_code == 200 and accepted.data["status"] == "placed"
    declined = api.post(f"/employer/applications/{a2.pk}/decline", {"reason": "人够了"}, token=employer_token)
    assert declined.status_code == 200 and declined.data["status"] == "declined"
    again = api.post(f"/employer/applications/{a2.pk}/accept", token=employer_token)
    assert again.status_code == 409
    assert Placement.objects.count() == 1


def test_close_a_job(api, employer_token, register_worker, job):
    pending = register_worker()
    application = application_create(job=job, worker=pending, origin="worker", channel="app", actor=pending.user)
    response = api.post(f"/employer/jobs/{job.pk}/close", token=employer_token)
    assert response.status_code == 200 and response.data["status"] == "cancelled"
    application.refresh_from_db()
    assert application.status == "expired"
    assert api.get(f"/employer/jobs/{job.pk}", token=employer_token).data["status"] == "cancelled"


def test_a_rejected_employer_cannot_post(api, employer, employer_token, staff, start_day):
    from lingong.employers.services import employer_verify

    employer_verify(employer=employer, actor=staff, approve=False, note="营业执照不符")
    response = api.post("/employer/jobs", job_body(start_day), token=employer_token)
    assert response.status_code == 403 and response.data["code"] == "employer_rejected"
    assert Job.objects.count() == 0


def test_post_a_job_for_certified_workers_only(api, employer_token, start_day):
    response = api.post("/employer/jobs", job_body(start_day, requires_certificate=True), token=employer_token)
    assert response.status_code == 201 and response.data["requires_certificate"] is True
    assert Job.objects.get().requires_certificate is True
