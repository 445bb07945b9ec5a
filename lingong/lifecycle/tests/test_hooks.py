"""The hooks that hand a step over to what follows, and the one place that connects them."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from lingong.core.hooks import HOOKS, Hook
from lingong.lifecycle.placement import CONNECTIONS


def test_every_declared_hook_is_connected_by_the_lifecycle():
    connected = {hook.name for hook, _handler in CONNECTIONS}
    assert set(HOOKS) == connected
    assert all(hook.handlers for hook in HOOKS.values())


def test_the_lifecycle_connects_each_handler_once_however_often_apps_are_ready():
    from lingong.lifecycle.placement import lifecycle_connect

    before = {name: hook.handlers for name, hook in HOOKS.items()}
    lifecycle_connect()
    assert {name: hook.handlers for name, hook in HOOKS.items()} == before


def test_a_hook_nobody_connected_refuses_to_fire():
    hook = Hook("test_unconnected")
    try:
        with pytest.raises(ImproperlyConfigured):
            hook.fire(placement=None)
    finally:
        HOOKS.pop("test_unconnected")


def test_a_name_is_declared_once():
    with pytest.raises(ImproperlyConfigured):
        Hook("placement_hired")


@pytest.mark.django_db(transaction=True)
def test_after_commit_handlers_run_only_when_the_step_commits():
    seen = []
    hook = Hook("test_after_commit", after_commit=True)
    hook.connect(lambda **kwargs: seen.append(kwargs["n"]))
    try:
        with transaction.atomic():
            hook.fire(n=1)
            assert seen == []  # not before the commit
        assert seen == [1]
        with pytest.raises(RuntimeError), transaction.atomic():
            hook.fire(n=2)
            raise RuntimeError("rolled back")
        assert seen == [1]  # nothing for a change that was rolled back
    finally:
        HOOKS.pop("test_after_commit")
