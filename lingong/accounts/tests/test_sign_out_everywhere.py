"""Sign out everywhere: from the worker's and employer's doors, the console, and at the window for a worker."""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from lingong.api.services import api_token_check, api_token_issue
from lingong.core.models import Event
from lingong.employers.services import employer_account_ensure

pytestmark = pytest.mark.django_db


def signed_in(user, count=2) -> list[Client]:
    clients = []
    for _ in range(count):
        browser = Client()
        browser.force_login(user)
        clients.append(browser)
    return clients


def test_a_worker_signs_out_on_every_phone_kiosk_and_app_from_the_door(register_worker):
    worker = register_worker()
    here, lost_phone = signed_in(worker.user)
    token, _record = api_token_issue(user=worker.user)
    assert lost_phone.get("/w/").status_code == 200 and api_token_check(token=token) is not None
    page = here.get("/w/my-data/").content.decode()
    assert 'name="everywhere" value="yes"' in page and 'action="/w/logout/"' in page
    response = here.post("/w/logout/", {"everywhere": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == "/w/login/"
    assert "signed out everywhere" in response.content.decode() or "退出" in response.content.decode()
    assert lost_phone.get("/w/").status_code == 302 and here.get("/w/").status_code == 302
    assert api_token_check(token=token) is None  # the app's token too
    event = Event.objects.get(verb="sign_out_everywhere")
    assert (event.actor, event.subject_id, event.data["sessions"]) == (worker.user, str(worker.user.pk), 2)
    # a new sign-in afterwards works, with a new token
    again = Client()
    again.force_login(worker.user)
    assert again.get("/w/").status_code == 200
    new_token, _record = api_token_issue(user=worker.user)
    assert api_token_check(token=new_token) is not None


def test_a_plain_sign_out_leaves_the_other_sessions(register_worker):
    worker = register_worker()
    here, other = signed_in(worker.user)
    assert here.post("/w/logout/").status_code == 302
    assert other.get("/w/").status_code == 200 and not Event.objects.filter(verb="sign_out_everywhere").exists()


def test_an_employer_signs_out_everywhere(employer):
    employer = employer_account_ensure(employer=employer)
    here, other = signed_in(employer.user)
    assert 'action="/e/logout/"' in here.get("/e/my-data/").content.decode()
    assert here.post("/e/logout/", {"everywhere": "yes"})["Location"] == "/e/login/"
    assert other.get("/e/").status_code == 302


def test_staff_sign_out_everywhere_from_the_console(staff):
    here, other = signed_in(staff)
    assert 'name="everywhere"' in here.get("/console/").content.decode()
    response = here.post("/console/logout/", {"everywhere": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == "/console/login/"
    assert other.get("/console/").status_code == 302


def test_staff_of_the_workers_station_sign_a_worker_out_others_may_not(register_worker, staff, other_staff, auditor):
    worker = register_worker()  # registered at gongdelin, staff's station
    [phone] = signed_in(worker.user, count=1)
    for outsider in (other_staff, auditor):
        [browser] = signed_in(outsider, count=1)
        assert browser.post(f"/console/workers/{worker.pk}/sign-out/").status_code == 403
        assert "sign-out-everywhere" not in browser.get(f"/console/workers/{worker.pk}/").content.decode()
    assert phone.get("/w/").status_code == 200 and not Event.objects.filter(verb="sign_out_everywhere").exists()
    [window] = signed_in(staff, count=1)
    assert "sign-out-everywhere" in window.get(f"/console/workers/{worker.pk}/").content.decode()
    response = window.post(f"/console/workers/{worker.pk}/sign-out/")
    assert response.status_code == 302 and response["Location"] == f"/console/workers/{worker.pk}/"
    assert phone.get("/w/").status_code == 302
    event = Event.objects.get(verb="sign_out_everywhere")
    assert (event.actor, event.subject_id) == (staff, str(worker.user.pk))
    assert window.get("/console/").status_code == 200  # the clerk stays signed in


CACHED_SESSIONS = "django.contrib.sessions.backends.cached_db"  # production's engine, where Redis is


def test_with_cached_sessions_signing_out_everywhere_ends_the_cached_copies_too(register_worker, settings):
    """Production reads sessions from the cache: deleting the rows alone would leave the lost phone signed in."""
    from django.contrib.sessions.backends.cached_db import KEY_PREFIX
    from django.core.cache import cache

    settings.SESSION_ENGINE = CACHED_SESSIONS
    worker = register_worker()
    here, lost_phone = signed_in(worker.user)
    assert lost_phone.get("/w/").status_code == 200
    key = lost_phone.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert cache.get(KEY_PREFIX + key) is not None  # read from the cache from now on
    assert here.post("/w/logout/", {"everywhere": "yes"}).status_code == 302
    assert cache.get(KEY_PREFIX + key) is None
    assert lost_phone.get("/w/").status_code == 302


def test_a_session_copy_that_outlived_signing_out_everywhere_is_still_refused(register_worker, settings):
    """A request racing the sign-out may put its cached copy back after the rows are gone: the copy began
    before the sign-out, so it is ended when it comes back."""
    from django.contrib.sessions.backends.cached_db import KEY_PREFIX
    from django.core.cache import cache

    from lingong.accounts.sessions import sessions_end_for_user

    settings.SESSION_ENGINE = CACHED_SESSIONS
    worker = register_worker()
    [lost_phone] = signed_in(worker.user, count=1)
    assert lost_phone.get("/w/").status_code == 200
    key = lost_phone.cookies[django_settings.SESSION_COOKIE_NAME].value
    copy = cache.get(KEY_PREFIX + key)
    assert sessions_end_for_user(user=worker.user) == 1
    cache.set(KEY_PREFIX + key, copy)  # the racing request's copy
    response = lost_phone.get("/w/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/w/login/")
    assert cache.get(KEY_PREFIX + key) is None  # ended for good
    again = Client()
    again.force_login(worker.user)  # signing in afterwards works
    assert again.get("/w/").status_code == 200
