"""The admin shows station staff only their station, masked, and auditors cannot change."""

import pytest
from django.contrib.auth.models import Permission

pytestmark = pytest.mark.django_db


def grant(user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))


def test_station_staff_see_only_their_station_and_masked_numbers(client, staff, other_staff, register_worker, stations):
    mine = register_worker()
    theirs = register_worker(station=stations["jinzhu-xilu"], actor=other_staff)
    grant(staff, "view_worker", "change_worker")
    client.force_login(staff)
    page = client.get("/admin/workers/worker/").content.decode()
    assert mine.id_number_masked in page and theirs.id_number_masked not in page
    assert mine.phone_masked in page and "13900000001" not in page
    assert client.get(f"/admin/workers/worker/{theirs.pk}/change/").status_code == 302  # not found → redirect


def test_auditor_reads_but_cannot_change(client, auditor, register_worker):
    worker = register_worker()
    grant(auditor, "view_worker", "change_worker", "delete_worker")
    client.force_login(auditor)
    assert client.get("/admin/workers/worker/").status_code == 200
    response = client.post(f"/admin/workers/worker/{worker.pk}/change/", {"name": "改名"})
    assert response.status_code == 403
    worker.refresh_from_db()
    assert worker.name.startswith("扎西")


# --- every change goes through the services: the admin only reads, but for superusers ---------------------------


@pytest.fixture
def hired(register_worker, employer, staff, job_types):
    from lingong.jobs.services import application_accept, application_create
    from lingong.jobs.tests.factories import post_job

    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff)
    worker = register_worker()
    application = application_create(job=job, worker=worker, origin="staff", channel="window", actor=staff)
    application_accept(application=application, side="worker", actor=staff, channel="window")
    application_accept(application=application, side="employer", actor=staff, channel="window")
    return application.placement


def snapshot():
    from lingong.jobs.models import Application, Job, Placement
    from lingong.wages.models import WagePayment
    from lingong.workers.models import Worker

    return [list(model.objects.order_by("pk").values()) for model in (Job, Application, Placement, Worker, WagePayment)]


@pytest.mark.parametrize("role", ["station_staff", "district_admin", "auditor", "rights_officer"])
def test_no_role_changes_domain_data_in_the_admin(client, make_user, stations, hired, role):
    user = make_user(role, station=stations["gongdelin"] if role == "station_staff" else None)
    # Even a permission given by hand does not open a way around the services.
    grant(
        user,
        "add_placement",
        "change_placement",
        "delete_placement",
        "change_job",
        "delete_job",
        "change_worker",
        "add_wagepayment",
        "change_wagepayment",
    )
    client.force_login(user)
    before = snapshot()
    job, placement, worker = hired.job, hired, hired.worker
    attempts = [
        ("/admin/jobs/placement/add/", {"job": job.pk, "worker": worker.pk, "status": "active"}),
        (f"/admin/jobs/placement/{placement.pk}/change/", {"status": "cancelled"}),
        (f"/admin/jobs/placement/{placement.pk}/delete/", {"post": "yes"}),
        (f"/admin/jobs/job/{job.pk}/change/", {"title": "改了", "headcount": 9}),
        (f"/admin/jobs/job/{job.pk}/delete/", {"post": "yes"}),
        (f"/admin/workers/worker/{worker.pk}/change/", {"name": "改名"}),
    ]
    for url, data in attempts:
        assert client.post(url, data).status_code in (302, 403), url
    assert snapshot() == before


def test_each_role_reads_what_it_needs_and_nothing_else(client, make_user, stations, hired):
    staff = make_user("station_staff", station=stations["gongdelin"])
    rights = make_user("rights_officer")
    auditor = make_user("auditor")
    client.force_login(staff)
    assert client.get("/admin/jobs/placement/").status_code == 200
    assert client.get("/admin/rights/rightscase/").status_code == 403
    assert client.get("/admin/accounts/user/").status_code == 403  # nobody but superusers manages accounts
    page = client.get(f"/admin/jobs/placement/{hired.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()  # a view, no save button
    client.force_login(rights)
    assert client.get("/admin/rights/rightscase/").status_code == 200
    assert client.get("/admin/calls/callrecord/").status_code == 403
    client.force_login(auditor)
    assert client.get("/admin/credit/creditevent/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 403


def test_a_superuser_may_repair_data(client, hired):
    from lingong.accounts.models import User

    root = User.objects.create_superuser(username="root", password="pw", role="district_admin")
    client.force_login(root)
    page = client.get(f"/admin/jobs/job/{hired.job.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' in page.content.decode()


def test_role_groups_hold_exactly_the_view_permissions_of_each_role():
    from django.contrib.auth.models import Group

    from lingong.accounts.roles import role_group_name

    def codenames(role):
        return set(Group.objects.get(name=role_group_name(role)).permissions.values_list("codename", flat=True))

    assert all(
        name.startswith("view_")
        for role in ("station_staff", "rights_officer", "district_admin", "auditor")
        for name in codenames(role)
    )
    assert {"view_worker", "view_placement", "view_callrecord", "view_staffcallrequest"} <= codenames("station_staff")
    assert "view_rightscase" not in codenames("station_staff") and "view_user" not in codenames("auditor")
    assert {"view_rightscase", "view_wagepayment"} <= codenames("rights_officer")
    assert "view_callrecord" not in codenames("rights_officer")
    assert {"view_event", "view_accesslog", "view_creditevent"} <= codenames("auditor") == codenames("district_admin")


def test_role_groups_are_synced_once_after_every_apps_permissions(monkeypatch):
    """post_migrate comes once per app (and after each transactional test's flush): one sync, after the last."""
    from django.contrib.auth.models import Group
    from django.core.management.sql import emit_post_migrate_signal

    from lingong.accounts import roles

    syncs = []
    sync = roles.role_groups_sync
    monkeypatch.setattr(roles, "role_groups_sync", lambda **kwargs: syncs.append(1) or sync(**kwargs))
    auditors = Group.objects.get(name=roles.role_group_name("auditor"))
    auditors.permissions.clear()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert syncs == [1]
    assert {"view_event", "view_staffcallrequest"} <= set(auditors.permissions.values_list("codename", flat=True))


def test_the_timeline_filter_shows_what_happened_in_words_not_codes(client, make_user, hired):
    admin = make_user("district_admin", is_superuser=True)
    client.force_login(admin)
    page = client.get("/admin/core/event/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'href="?verb__exact=placement_create">已录用</a>' in page
    assert "placement_create</a>" not in page
