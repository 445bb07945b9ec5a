"""One idempotency mechanism for the app's API and the forms (core.idempotency)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from lingong.core.errors import InvalidInput
from lingong.core.idempotency import KeyReused, idempotency_purge_expired, idempotent_once
from lingong.core.models import IdempotencyKey

pytestmark = pytest.mark.django_db


def test_the_action_runs_once_and_a_repeat_gets_its_result(make_user):
    user, runs = make_user("staff"), []

    def action():
        runs.append(1)
        return 201, "42"

    first = idempotent_once(action, user=user, scope="form:test", key="t1")
    again = idempotent_once(action, user=user, scope="form:test", key="t1")
    assert (first.status, first.result, first.replayed) == (201, "42", False)
    assert (again.status, again.result, again.replayed) == (201, "42", True)
    assert runs == [1]


def test_keys_are_per_user_and_scope(make_user):
    alice, bob = make_user("staff"), make_user("staff")
    assert not idempotent_once(lambda: (200, "a"), user=alice, scope="api", key="k").replayed
    assert not idempotent_once(lambda: (200, "b"), user=bob, scope="api", key="k").replayed
    assert not idempotent_once(lambda: (200, "c"), user=alice, scope="form:x", key="k").replayed


def test_a_key_used_for_something_else_is_refused(make_user):
    user = make_user("staff")
    idempotent_once(lambda: (200, "a"), user=user, scope="api", key="k", fingerprint="one")
    with pytest.raises(KeyReused):
        idempotent_once(lambda: (200, "b"), user=user, scope="api", key="k", fingerprint="two")


def test_a_refused_action_leaves_the_key_free_for_the_corrected_form(make_user):
    user = make_user("staff")

    def refused():
        raise InvalidInput("no", code="no")

    with pytest.raises(InvalidInput):
        idempotent_once(refused, user=user, scope="form:test", key="t")
    assert not IdempotencyKey.objects.exists()
    assert not idempotent_once(lambda: (201, "7"), user=user, scope="form:test", key="t").replayed


def test_a_result_not_kept_lets_a_retry_run(make_user):
    user = make_user("staff")
    outcome = idempotent_once(lambda: (429, "slow down"), user=user, scope="api", key="k", keep=lambda s: s != 429)
    assert outcome.status == 429 and not IdempotencyKey.objects.exists()


def test_the_purge_keeps_each_scope_for_its_lifetime(make_user):
    user = make_user("staff")
    for scope in ("api", "form:job_create"):
        idempotent_once(lambda: (200, ""), user=user, scope=scope, key="old")
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(days=2))
    assert idempotency_purge_expired() == 1  # the API's key (24 h); the form's lives 30 days
    assert list(IdempotencyKey.objects.values_list("scope", flat=True)) == ["form:job_create"]


@pytest.mark.django_db(transaction=True)
def test_the_migration_carries_over_the_keys_of_the_former_two_mechanisms(make_user):
    user = make_user("employer")
    before = [("core", "0002_idempotencykey"), ("api", "0001_initial"), ("portal", "0001_initial")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    now = timezone.now()
    old.get_model("api", "IdempotencyRecord").objects.create(
        user_id=user.pk, key="app-1", method="POST", path="/api/v1/x", body_hash="h", status=201,
        response_body='{"id": 1}', created_at=now,
    )  # fmt: skip
    old.get_model("portal", "FormSubmission").objects.create(
        user_id=user.pk, token="form-1", purpose="job_create", object_id=9
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    rows = sorted(IdempotencyKey.objects.values_list("scope", "key", "fingerprint", "status", "result"))
    assert rows == [("api", "app-1", "h", 201, '{"id": 1}'), ("form:job_create", "form-1", "", 201, "9")]
