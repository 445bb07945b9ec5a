"""The error shape, languages, the OpenAPI document, reference routes."""

import pytest

from lingong.stations.models import Station
from lingong.trades.models import JobType

from .conftest import msg

pytestmark = pytest.mark.django_db


def test_openapi_lists_every_route(api):
    response = api.get("/openapi.json")
    assert response.status_code == 200
    paths = response.data["paths"]
    expected = {
        "/api/v1/auth/sms-code": {"post"},
        "/api/v1/auth/worker/sign-in": {"post"},
        "/api/v1/auth/employer/sign-in": {"post"},
        "/api/v1/auth/sign-out": {"post"},
        "/api/v1/trades": {"get"},
        "/api/v1/stations": {"get"},
        "/api/v1/jobs": {"get"},
        "/api/v1/worker/profile": {"get", "patch"},
        "/api/v1/worker/profile/trades": {"put"},
        "/api/v1/worker/profile/availability": {"put"},
        "/api/v1/worker/recommendations": {"get"},
        "/api/v1/worker/applications": {"get", "post"},
        "/api/v1/worker/applications/{application_id}/withdraw": {"post"},
        "/api/v1/worker/applications/{application_id}/accept": {"post"},
        "/api/v1/worker/applications/{application_id}/decline": {"post"},
        "/api/v1/worker/placements": {"get"},
        "/api/v1/worker/my-data": {"get"},
        "/api/v1/worker/my-data.pdf": {"get"},
        "/api/v1/worker/deletion": {"post"},
        "/api/v1/employer/jobs": {"get", "post"},
        "/api/v1/employer/jobs/{job_id}": {"get"},
        "/api/v1/employer/jobs/{job_id}/candidates": {"get"},
        "/api/v1/employer/jobs/{job_id}/invitations": {"post"},
        "/api/v1/employer/jobs/{job_id}/close": {"post"},
        "/api/v1/employer/applications": {"get"},
        "/api/v1/employer/applications/{application_id}/accept": {"post"},
        "/api/v1/employer/applications/{application_id}/decline": {"post"},
        "/api/v1/employer/placements": {"get"},
        "/api/v1/employer/my-data": {"get"},
        "/api/v1/employer/my-data.pdf": {"get"},
        "/api/v1/employer/deletion": {"post"},
        "/api/v1/stats/district": {"get"},
        "/api/v1/stats/station": {"get"},
        "/api/v1/stats/stations": {"get"},
        "/api/v1/stats/kiosks": {"get"},
        "/api/v1/stats/series": {"get"},
        "/api/v1/stats/time-to": {"get"},
        "/api/v1/stats/trades": {"get"},
        "/api/v1/stats/credit": {"get"},
        "/api/v1/worker/training/courses": {"get"},
        "/api/v1/worker/training/courses/{course_id}": {"get"},
        "/api/v1/worker/training/bookings": {"get", "post"},
        "/api/v1/worker/training/bookings/{booking_id}/cancel": {"post"},
        "/api/v1/policy/articles": {"get"},
    }
    assert {path: set(ops) for path, ops in paths.items()} == expected
    apply = paths["/api/v1/worker/applications"]["post"]
    assert "Idempotency-Key" in [p["name"] for p in apply["parameters"]]
    assert "Idempotency-Key" not in [
        p["name"] for p in paths["/api/v1/auth/worker/sign-in"]["post"].get("parameters", [])
    ]
    assert set(response.data["components"]["schemas"]) >= {"JobCreateIn", "JobOut", "ApplicationOut", "ErrorOut"}
    assert response.data["components"]["schemas"]["JobOut"]["properties"]["pay_fen"]["type"] == "integer"
    assert api.get("/docs").status_code == 200


def test_trades_and_stations_are_public(api):
    trades = api.get("/trades")
    assert trades.status_code == 200
    assert [t["slug"] for t in trades.data] == list(
        JobType.objects.filter(is_active=True).order_by("sort_order", "id").values_list("slug", flat=True)
    )
    mover = next(t for t in trades.data if t["slug"] == "mover")
    assert mover["name"] == mover["name_zh"]
    stations = api.get("/stations")
    assert [s["code"] for s in stations.data] == list(
        Station.objects.filter(is_active=True).order_by("kind", "id").values_list("code", flat=True)
    )


def test_tibetan_names_follow_accept_language(api):
    response = api.get("/trades", headers={"HTTP_ACCEPT_LANGUAGE": "bo"})
    mover = next(t for t in response.data if t["slug"] == "mover")
    assert mover["name"] == mover["name_bo"]


def test_messages_follow_accept_language(api, worker_token):
    zh = api.post("/worker/applications/999999/accept", token=worker_token)
    assert zh.status_code == 404 and zh.data == {"code": "not_found", "message": "没有找到。"}
    bo = api.post("/worker/applications/999999/accept", token=worker_token, headers={"HTTP_ACCEPT_LANGUAGE": "bo"})
    assert bo.data == {"code": "not_found", "message": msg("Not found.", "bo")}


def test_validation_error_shape(api, worker_token):
    response = api.post("/worker/applications", {"job_id": "abc", "extra": 1}, token=worker_token)
    assert response.status_code == 422
    assert response.data["code"] == "invalid"
    assert response.data["message"] == msg("Some of the data is missing or not valid.")
    assert sorted(f["field"] for f in response.data["fields"]) == ["extra", "job_id"]


def test_malformed_json_is_not_a_500(api, worker_token):
    response = api.post("/worker/applications", raw="{not json", token=worker_token)
    assert response.status_code in (400, 422)
    assert response.data["code"] == "invalid"


def test_path_ids_are_bounded(api, worker_token):
    response = api.post(f"/worker/applications/{10**30}/accept", token=worker_token)
    assert response.status_code == 422 and response.data["code"] == "invalid"
    assert api.post("/worker/applications/-1/accept", token=worker_token).status_code == 422


def test_unknown_route_is_404(api):
    for response in (api.get("/nothing-here"), api.post("/worker/nothing", {"a": 1}), api.get("/a/b/c")):
        assert response.status_code == 404
        assert response.data == {"code": "not_found", "message": "没有找到。"}
