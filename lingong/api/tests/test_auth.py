"""Sign-in by SMS code, tokens (hash only, expiry, revocation), role separation."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from lingong.accounts.models import SmsOutbox
from lingong.api.models import ApiToken
from lingong.api.services import api_token_issue
from lingong.employers.models import Employer

from .conftest import msg

pytestmark = pytest.mark.django_db


def _send_and_read_code(api, phone, purpose, capture):
    with capture(execute=True):
        response = api.post("/auth/sms-code", {"phone": phone, "purpose": purpose})
    assert response.status_code == 202
    assert response.data == {"sent": True}
    return re.search(r"\d{6}", SmsOutbox.objects.latest("sent_at").body).group()


def test_worker_signs_in_with_sms_code(api, worker, django_capture_on_commit_callbacks):
    code = _send_and_read_code(api, "13900000001", "worker_sign_in", django_capture_on_commit_callbacks)
    response = api.post("/auth/worker/sign-in", {"phone": "13900000001", "code": code})
    assert response.status_code == 200
    token = response.data["token"]
    assert response.data["role"] == "worker" and response.data["token_type"] == "Bearer"
    record = ApiToken.objects.get()
    assert record.user == worker.user
    assert record.digest == hashlib.sha256(token.encode()).hexdigest()  # only the hash is stored
    assert record.expires_at - record.created_at == timedelta(days=30)
    profile = api.get("/worker/profile", token=token)
    assert profile.status_code == 200 and profile.data["id"] == worker.pk
    record.refresh_from_db()
    assert record.last_used_at is not None


def test_the_same_code_works_once(api, worker, django_capture_on_commit_callbacks):
    code = _send_and_read_code(api, "13900000001", "worker_sign_in", django_capture_on_commit_callbacks)
    assert api.post("/auth/worker/sign-in", {"phone": "13900000001", "code": code}).status_code == 200
    again = api.post("/auth/worker/sign-in", {"phone": "13900000001", "code": code})
    assert again.status_code == 400
    assert again.data == {
        "code": "bad_code",
        "field": "code",
        "message": msg("The code is wrong or has expired. Please ask for a new one."),
    }
    assert ApiToken.objects.count() == 1


def test_wrong_code_is_refused_and_no_token(api, worker, django_capture_on_commit_callbacks):
    code = _send_and_read_code(api, "13900000001", "worker_sign_in", django_capture_on_commit_callbacks)
    wrong = "000000" if code != "000000" else "111111"
    response = api.post("/auth/worker/sign-in", {"phone": "13900000001", "code": wrong})
    assert response.status_code == 400 and response.data["code"] == "bad_code"
    assert ApiToken.objects.count() == 0


def test_a_worker_code_does_not_sign_in_an_employer(api, worker, django_capture_on_commit_callbacks):
    code = _send_and_read_code(api, "13900000001", "worker_sign_in", django_capture_on_commit_callbacks)
    response = api.post("/auth/employer/sign-in", {"phone": "13900000001", "code": code})
    assert response.status_code == 400 and response.data["code"] == "bad_code"


def test_unknown_phone_is_not_registered(api, db, django_capture_on_commit_callbacks):
    code = _send_and_read_code(api, "13700000009", "worker_sign_in", django_capture_on_commit_callbacks)
    response = api.post("/auth/worker/sign-in", {"phone": "13700000009", "code": code})
    assert response.status_code == 404
    assert response.data["code"] == "not_registered"
    assert ApiToken.objects.count() == 0


def test_employer_registered_at_a_window_gets_an_account(api, employer, django_capture_on_commit_callbacks):
    assert employer.user_id is None
    code = _send_and_read_code(api, "13800138000", "employer_sign_in", django_capture_on_commit_callbacks)
    response = api.post("/auth/employer/sign-in", {"phone": "13800138000", "code": code})
    assert response.status_code == 200 and response.data["role"] == "employer"
    employer.refresh_from_db()
    assert employer.user.role == "employer"
    assert ApiToken.objects.get().user == employer.user
    jobs = api.get("/employer/jobs", token=response.data["token"])
    assert jobs.status_code == 200 and jobs.data == {"items": [], "count": 0}


def test_sms_rate_limit_is_429(api, db, django_capture_on_commit_callbacks):
    _send_and_read_code(api, "13700000009", "worker_sign_in", django_capture_on_commit_callbacks)
    response = api.post("/auth/sms-code", {"phone": "13700000009", "purpose": "worker_sign_in"})
    assert response.status_code == 429
    assert response.data == {
        "code": "rate_limited",
        "message": msg("Too many requests. Please wait a minute and try again."),
    }
    # the app is told when to try again: the minute between two codes to one phone
    assert 1 <= int(response["Retry-After"]) <= 60


def test_the_per_address_limit_says_when_to_try_again(api, db, settings):
    settings.SMS_CODES_PER_ADDRESS_HOUR = 2
    for number in ("13700000011", "13700000012"):
        assert api.post("/auth/sms-code", {"phone": number, "purpose": "worker_sign_in"}).status_code == 202
    response = api.post("/auth/sms-code", {"phone": "13700000013", "purpose": "worker_sign_in"})
    assert response.status_code == 429 and response.data["code"] == "rate_limited"
    assert 3500 <= int(response["Retry-After"]) <= 3600


def test_sms_code_for_a_malformed_phone_is_400(api, db):
    response = api.post("/auth/sms-code", {"phone": "12345", "purpose": "worker_sign_in"})
    assert response.status_code == 400 and response.data["field"] == "phone"


def test_sign_out_revokes_the_token(api, worker_token):
    assert api.post("/auth/sign-out", token=worker_token).status_code == 204
    assert ApiToken.objects.get().revoked_at is not None
    response = api.get("/worker/profile", token=worker_token)
    assert response.status_code == 401
    assert response.data == {"code": "unauthorized", "message": msg("Please sign in again.")}


@pytest.mark.parametrize("header", [None, "Bearer nonsense", "Bearer ", "Token abc", "Bearer " + "x" * 5000])
def test_missing_or_wrong_token_is_401(api, worker, header):
    headers = {"HTTP_AUTHORIZATION": header} if header else {}
    for path in ("/worker/profile", "/employer/jobs", "/jobs"):
        response = api.get(path, headers=headers)
        assert response.status_code == 401
        assert response.data["code"] == "unauthorized"
    assert api.post("/worker/applications", {"job_id": 1}, headers=headers).status_code == 401


def test_expired_token_is_401(api, worker):
    token, record = api_token_issue(user=worker.user, now=timezone.now() - timedelta(days=31))
    assert api.get("/worker/profile", token=token).status_code == 401


def test_token_of_a_deactivated_user_is_401(api, worker, worker_token):
    worker.user.is_active = False
    worker.user.save()
    assert api.get("/worker/profile", token=worker_token).status_code == 401


def test_worker_cannot_use_employer_routes(api, worker_token, job):
    for path in ("/employer/jobs", f"/employer/jobs/{job.pk}/candidates", "/employer/placements"):
        response = api.get(path, token=worker_token)
        assert response.status_code == 403
        assert response.data["code"] == "forbidden"
    response = api.post(f"/employer/jobs/{job.pk}/close", token=worker_token)
    assert response.status_code == 403
    job.refresh_from_db()
    assert job.status == "open"


def test_employer_cannot_use_worker_routes(api, employer_token):
    for path in ("/worker/profile", "/worker/applications", "/worker/recommendations"):
        assert api.get(path, token=employer_token).status_code == 403


def test_staff_token_is_neither_worker_nor_employer(api, staff):
    token, _ = api_token_issue(user=staff)
    assert api.get("/worker/profile", token=token).status_code == 403
    assert api.get("/employer/jobs", token=token).status_code == 403


def test_employer_find_by_contact_phone(employer, make_user):
    from lingong.employers.selectors import employer_find_by_contact_phone

    assert employer_find_by_contact_phone(phone="13800138000") == employer
    assert employer_find_by_contact_phone(phone="138 0013 8000") == employer
    assert employer_find_by_contact_phone(phone="13800138001") is None
    assert employer_find_by_contact_phone(phone="not a phone") is None


def test_employer_account_ensure_is_once(employer):
    from lingong.employers.services import employer_account_ensure

    first = employer_account_ensure(employer=employer).user
    second = employer_account_ensure(employer=Employer.objects.get(pk=employer.pk)).user
    assert first == second and first.role == "employer"
