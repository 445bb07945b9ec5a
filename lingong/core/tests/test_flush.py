"""The flush that ends each transactional test (lingong/testing/flush.py) empties what tests write and leaves the
permissions and role groups as the migrations made them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from lingong.accounts.models import User
from lingong.testing.flush import KEPT_TABLES
from lingong.workers.models import Worker


def _groups() -> dict[str, set[str]]:
    return {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}


@pytest.mark.django_db(transaction=True)
def test_a_flush_empties_what_tests_write_and_keeps_the_permissions(make_user, register_worker, stations):
    groups, permissions, types = _groups(), Permission.objects.count(), ContentType.objects.count()
    assert groups and all(groups.values()) and permissions and types
    make_user("station_staff", station=stations["gongdelin"])
    register_worker()
    Group.objects.first().permissions.clear()  # a test that changed a role's permissions

    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    statements = connection.ops.sql_flush(no_style(), tables)
    assert statements and all(s.startswith("DELETE FROM") for s in statements)
    assert not any(table in s for s in statements for table in KEPT_TABLES)

    call_command("flush", interactive=False, verbosity=0)
    assert User.objects.count() == Worker.objects.count() == 0
    assert (Permission.objects.count(), ContentType.objects.count()) == (permissions, types)
    assert _groups() == groups  # put back by post_migrate, as roles.py says
