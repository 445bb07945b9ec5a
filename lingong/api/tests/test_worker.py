"""The worker routes: profile, recommendations, search, applications, placements."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lingong.jobs.models import Application, Placement
from lingong.jobs.services import application_create
from lingong.jobs.tests.factories import post_job
from lingong.workers.models import Worker

from .conftest import msg

pytestmark = pytest.mark.django_db


def test_profile_shows_masked_data_only(api, worker, worker_token):
    response = api.get("/worker/profile", token=worker_token)
    assert response.status_code == 200
    assert response.data == {
        "id": worker.pk,
        "name": "扎西1",
        "name_bo": "",
        "phone_masked": "139****0001",
        "id_number_masked": worker.id_number_masked,
        "speaks_zh": True,
        "speaks_bo": False,
        "availability_mask": worker.availability_mask,
        "home_area": "",
        "home_lat": None,
        "home_lon": None,
        "travel_km": 10,
        "min_day_pay_fen": 0,
        "max_intensity": worker.max_intensity,
        "trades": [{"trade": "mover", "level": 2, "certified": False}],
    }
    assert response.data["id_number_masked"].count("*") == 8


def test_profile_update_changes_only_the_fields_sent(api, worker, worker_token):
    response = api.patch(
        "/worker/profile",
        {"travel_km": 25, "min_day_pay_fen": 25000, "home_lat": "29.651234", "home_lon": 91.1, "speaks_bo": True},
        token=worker_token,
    )
    assert response.status_code == 200
    worker.refresh_from_db()
    assert (worker.travel_km, worker.min_day_pay_fen, str(worker.home_lat), str(worker.home_lon), worker.speaks_bo) == (
        25,
        25000,
        "29.651234",
        "91.100000",
        True,
    )
    assert worker.speaks_zh is True
    assert response.data["travel_km"] == 25 and response.data["home_lat"] == 29.651234


@pytest.mark.parametrize(
    "body, field",
    [
        ({"travel_km": 0}, "travel_km"),
        ({"travel_km": None}, "travel_km"),
        ({"name": "x"}, "name"),
        ({"min_day_pay_fen": -1}, "min_day_pay_fen"),
        ({"max_intensity": 7}, "max_intensity"),
        ({"home_lat": "29.1234567"}, "home_lat"),
    ],
)
def test_profile_update_refuses_bad_values(api, worker, worker_token, body, field):
    before = Worker.objects.values().get(pk=worker.pk)
    response = api.patch("/worker/profile", body, token=worker_token)
    assert response.status_code == 422
    assert response.data["code"] == "invalid"
    assert [f["field"] for f in response.data["fields"]][0].startswith(field)
    assert Worker.objects.values().get(pk=worker.pk) == before


def test_trades_and_availability(api, worker, worker_token):
    response = api.put(
        "/worker/profile/trades", {"trades": [{"trade": "cleaner", "level": 3}, {"trade": "mover"}]}, token=worker_token
    )
    assert response.status_code == 200
    assert sorted((t["trade"], t["level"]) for t in response.data["trades"]) == [("cleaner", 3), ("mover", 2)]
    refused = api.put("/worker/profile/trades", {"trades": [{"trade": "astronaut"}]}, token=worker_token)
    assert refused.status_code == 400 and refused.data["code"] == "invalid_trade"
    assert sorted(worker.trades.values_list("job_type__slug", flat=True)) == ["cleaner", "mover"]
    response = api.put("/worker/profile/availability", {"availability_mask": 7}, token=worker_token)
    assert response.status_code == 200 and response.data["availability_mask"] == 7
    worker.refresh_from_db()
    assert worker.availability_mask == 7
    assert api.put("/worker/profile/availability", {"availability_mask": 0}, token=worker_token).status_code == 422


def test_recommendations_give_score_and_reasons(api, worker, worker_token, job):
    from lingong.matching.selectors import jobs_for_worker

    response = api.get("/worker/recommendations", token=worker_token)
    assert response.status_code == 200
    assert len(response.data) == 1
    match = response.data[0]
    assert match["job"]["id"] == job.pk and match["job"]["pay_fen"] == 30000
    [expected] = jobs_for_worker(worker=worker, limit=10)
    assert (match["score"], match["distance_km"]) == (round(expected.score, 4), expected.distance_km)
    assert match["reasons"] == [{"code": r.code, "text": r.text} for r in expected.reasons]
    assert "has_trade" in [r["code"] for r in match["reasons"]]


def test_search_filters_and_paginates(api, worker_token, employer, employer_user, job_types, staff, start_day):
    today = timezone.localdate()
    mover = [
        post_job(
            employer=employer,
            job_type=job_types["mover"],
            actor=staff,
            start=start_day,
            today=today,
            pay_fen=20000 + i * 1000,
        )
        for i in range(5)
    ]
    cleaner = post_job(
        employer=employer, job_type=job_types["cleaner"], actor=staff, today=today, start=start_day + timedelta(days=3)
    )
    everything = api.get("/jobs", token=worker_token)
    assert everything.data["count"] == 6
    page = api.get("/jobs", token=worker_token, params={"trade": "mover", "page_size": 2, "page": 2})
    assert page.status_code == 200 and page.data["count"] == 5
    assert len(page.data["items"]) == 2
    rich = api.get("/jobs", token=worker_token, params={"trade": "mover", "min_pay_fen": 23000})
    assert sorted(j["id"] for j in rich.data["items"]) == [mover[3].pk, mover[4].pk]
    day = api.get("/jobs", token=worker_token, params={"date": (start_day + timedelta(days=3)).isoformat()})
    assert [j["id"] for j in day.data["items"]] == [cleaner.pk]
    assert api.get("/jobs", token=worker_token, params={"trade": "astronaut"}).status_code == 400
    assert api.get("/jobs", token=worker_token, params={"page_size": 101}).status_code == 422
    assert api.get("/jobs", token=worker_token, params={"page": 0}).status_code == 422
    assert api.get("/jobs", token=worker_token, params={"page": 10**30}).status_code == 422
    beyond = api.get("/jobs", token=worker_token, params={"page": 99})
    assert beyond.status_code == 200 and beyond.data == {"items": [], "count": 6}


def test_apply_withdraw(api, worker, worker_token, job):
    response = api.post("/worker/applications", {"job_id": job.pk}, token=worker_token)
    assert response.status_code == 201
    application = Application.objects.get()
    assert response.data["id"] == application.pk
    assert (response.data["status"], response.data["origin"], response.data["channel"]) == (
        "accepted_by_worker",
        "worker",
        "app",
    )
    assert response.data["job"]["id"] == job.pk and response.data["worker"] == {
        "id": worker.pk,
        "name": "扎西1",
        "phone_masked": "139****0001",
    }
    again = api.post("/worker/applications", {"job_id": job.pk}, token=worker_token)
    assert again.status_code == 409
    assert again.data == {
        "code": "already_applied",
        "message": msg("This worker has already been proposed for this job."),
    }
    assert Application.objects.count() == 1
    listed = api.get("/worker/applications", token=worker_token)
    assert listed.data["count"] == 1 and listed.data["items"][0]["id"] == application.pk
    withdrawn = api.post(f"/worker/applications/{application.pk}/withdraw", token=worker_token)
    assert withdrawn.status_code == 200 and withdrawn.data["status"] == "withdrawn"
    application.refresh_from_db()
    assert application.status == "withdrawn"
    twice = api.post(f"/worker/applications/{application.pk}/withdraw", token=worker_token)
    assert twice.status_code == 409


def test_apply_to_unknown_or_closed_job(api, worker_token, job, employer_user):
    missing = api.post("/worker/applications", {"job_id": job.pk + 100}, token=worker_token)
    assert missing.status_code == 404
    assert missing.data == {"code": "not_found", "message": msg("Not found.")}
    assert missing.data["message"] == "没有找到。"
    from lingong.jobs.services import job_close

    job_close(job=job, actor=employer_user, channel="app")
    closed = api.post("/worker/applications", {"job_id": job.pk}, token=worker_token)
    assert closed.status_code == 404
    assert Application.objects.count() == 0


def test_accept_an_invitation_makes_a_placement(api, worker, worker_token, job, employer_user):
    invitation = application_create(job=job, worker=worker, origin="employer", channel="app", actor=employer_user)
    response = api.post(f"/worker/applications/{invitation.pk}/accept", token=worker_token)
    assert response.status_code == 200 and response.data["status"] == "placed"
    placement = Placement.objects.get()
    assert (placement.worker, placement.job, placement.channel) == (worker, job, "app")
    placements = api.get("/worker/placements", token=worker_token)
    assert placements.data["count"] == 1
    item = placements.data["items"][0]
    assert (item["id"], item["status"], item["job"]["id"], item["start_date"]) == (
        placement.pk,
        "active",
        job.pk,
        job.start_date.isoformat(),
    )


def test_decline_an_invitation(api, worker, worker_token, job, employer_user):
    invitation = application_create(job=job, worker=worker, origin="employer", channel="app", actor=employer_user)
    response = api.post(f"/worker/applications/{invitation.pk}/decline", {"reason": "太远"}, token=worker_token)
    assert response.status_code == 200 and response.data["status"] == "declined"
    assert Placement.objects.count() == 0


def test_cannot_act_on_another_workers_application(api, register_worker, worker_token, job, employer_user):
    other = register_worker()
    theirs = application_create(job=job, worker=other, origin="employer", channel="app", actor=employer_user)
    for action in ("accept", "decline", "withdraw"):
        response = api.post(f"/worker/applications/{theirs.pk}/{action}", token=worker_token)
        assert response.status_code == 404 and response.data["code"] == "not_found"
    theirs.refresh_from_db()
    assert theirs.status == "accepted_by_employer"
    assert Placement.objects.count() == 0
    assert api.get("/worker/applications", token=worker_token).data == {"items": [], "count": 0}
