"""A task that failed for good is visible to staff: admin for staff, the console day page for district admins."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from lingong.operations.models import TaskFailure

pytestmark = pytest.mark.django_db


@pytest.fixture
def failure():
    return TaskFailure.objects.create(
        task="lingong.wages.tasks.wage_overdue_task",
        args="",
        retries=2,
        error="OperationalError: database is locked",
        failed_at=timezone.now(),
    )


def test_district_admins_see_recent_failures_on_the_day_page(client, admin_user, failure):
    old = TaskFailure.objects.create(
        task="lingong.jobs.tasks.job_progress_task",
        error="old",
        retries=2,
        failed_at=timezone.now() - timedelta(days=8),
    )
    client.force_login(admin_user)
    html = client.get("/console/").content.decode()
    assert "后台任务失败" in html
    assert "lingong.wages.tasks.wage_overdue_task()" in html and "OperationalError: database is locked" in html
    assert old.task not in html  # older than a week: in the admin only


def test_station_staff_do_not_get_the_section(client, staff, failure):
    client.force_login(staff)
    html = client.get("/console/").content.decode()
    assert "后台任务失败" not in html and failure.task not in html


def test_the_admin_lists_failures_read_only(client, admin_user, failure):
    from lingong.accounts.models import User

    superuser = User.objects.create_superuser(username="root", password="pw", role="district_admin")
    client.force_login(superuser)
    page = client.get("/admin/operations/taskfailure/")
    assert page.status_code == 200 and "wage_overdue_task" in page.content.decode()
    assert client.get(f"/admin/operations/taskfailure/{failure.pk}/delete/").status_code == 403
