"""Once per key: the one mechanism behind the API's `Idempotency-Key` and the forms' one-time tokens.

`idempotent_once` claims the key (a row of `IdempotencyKey`) and runs the
action in one transaction. Because the row is inserted before the work, a
second request with the same key blocks on the unique index (PostgreSQL) or on
the write lock (SQLite, IMMEDIATE transactions) until the first commits, then
finds the row and gets the stored result: exactly one effect, and both callers
see the same answer. A key reused for something else (another fingerprint) is
refused. An action that raises rolls the claim back with its writes, so a
corrected form may be sent again with the same token; an action may also
return a result that must not be kept (`keep=False`, e.g. "too many requests").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .errors import ApplicationError, Conflict
from .models import IdempotencyKey

API_SCOPE = "api"
# How long a key is remembered: the app retries within minutes; a form may be sent again days later.
LIFETIMES = {API_SCOPE: timedelta(hours=24)}
FORM_LIFETIME = timedelta(days=30)


def lifetime_of(scope: str) -> timedelta:
    return LIFETIMES.get(scope, FORM_LIFETIME)


class KeyReused(ApplicationError):
    status = 422
    default_code = "idempotency_key_reused"
    default_message = _("This Idempotency-Key was already used for another request.")


@dataclass(frozen=True)
class Outcome:
    status: int
    result: str
    replayed: bool  # True: the stored result of an earlier action; nothing ran now


class _Taken(Exception):
    pass


class _NotKept(Exception):
    def __init__(self, outcome: Outcome):
        self.outcome = outcome


def _stored(*, user, scope: str, key: str, fingerprint: str, now: datetime) -> Outcome | None:
    record = IdempotencyKey.objects.filter(user=user, scope=scope, key=key).first()
    if record is None:
        return None
    if record.created_at < now - lifetime_of(scope):
        IdempotencyKey.objects.filter(pk=record.pk).delete()
        return None
    if record.fingerprint != fingerprint:
        raise KeyReused()
    return Outcome(status=record.status, result=record.result, replayed=True)


def _claim_and_run(action, *, user, scope, key, fingerprint, keep) -> Outcome:
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(user=user, scope=scope, key=key, fingerprint=fingerprint)
        except IntegrityError:
            raise _Taken() from None
        status, result = action()
        outcome = Outcome(status=status, result=result, replayed=False)
        if not keep(status):
            raise _NotKept(outcome)  # rolls back the claim: a retry may run
        record.status, record.result = status, result
        record.save(update_fields=["status", "result"])
    return outcome


def idempotent_once(
    action: Callable[[], tuple[int, str]],
    *,
    user,
    scope: str,
    key: str,
    fingerprint: str = "",
    keep: Callable[[int], bool] = lambda status: True,
) -> Outcome:
    """Run `action()` (returning status and result) at most once per (user, scope, key)."""
    for _round in range(3):
        stored = _stored(user=user, scope=scope, key=key, fingerprint=fingerprint, now=timezone.now())
        if stored is not None:
            return stored
        try:
            return _claim_and_run(action, user=user, scope=scope, key=key, fingerprint=fingerprint, keep=keep)
        except _Taken:
            continue  # somebody else holds the key: read what they stored
        except _NotKept as not_kept:
            return not_kept.outcome
    raise Conflict(_("This request is being handled already. Please retry."), code="idempotency_in_progress")


def idempotency_purge_expired(*, now: datetime | None = None) -> int:
    """Forget keys older than their scope's lifetime; returns how many."""
    now = now or timezone.now()
    deleted = 0
    for scope in IdempotencyKey.objects.values_list("scope", flat=True).distinct():
        count, _by_model = IdempotencyKey.objects.filter(scope=scope, created_at__lt=now - lifetime_of(scope)).delete()
        deleted += count
    return deleted
