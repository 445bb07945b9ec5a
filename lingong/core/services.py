"""Audit writes shared by every domain service."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .errors import Conflict
from .events import EventKind
from .live import live_changed
from .models import AccessLog, Channel, Event


def event_record(
    *,
    subject: models.Model,
    verb: str,
    actor=None,
    from_state: str = "",
    to_state: str = "",
    station=None,
    channel: str = Channel.SYSTEM,
    data: dict | None = None,
) -> Event:
    if verb not in EventKind.values:
        raise ValueError(f"Unknown event verb {verb!r}: add it to lingong.core.events.EventKind.")
    live_changed(subject)  # the screens that show this subject look again once the change commits
    return Event.objects.create(
        subject_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
        subject_id=str(subject.pk),
        verb=verb,
        from_state=from_state,
        to_state=to_state,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        station=station,
        channel=channel,
        data=data or {},
    )


def access_record(*, actor, subject: models.Model, field: str, reason: str, station=None) -> AccessLog:
    return AccessLog.objects.create(
        actor=actor,
        subject_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
        subject_id=str(subject.pk),
        field=field,
        reason=reason,
        station=station,
    )


def status_transition(
    instance: models.Model,
    *,
    transitions: dict[str, frozenset[str]],
    to: str,
    verb: str,
    actor=None,
    station=None,
    channel: str = Channel.SYSTEM,
    data: dict | None = None,
) -> None:
    """Move `instance.status` to `to` if the table allows it and nobody moved it first.

    The conditional UPDATE (… WHERE status = <what we read>) makes two racing
    changes safe: the loser sees 0 rows and gets a Conflict, never a lost update.
    """

    current = instance.status
    if to not in transitions[current]:
        raise Conflict(
            _("This cannot be changed from “%(current)s” to “%(to)s”.")
            % {"current": _status_label(instance, current), "to": _status_label(instance, to)},
            code="invalid_transition",
        )
    updated = type(instance).objects.filter(pk=instance.pk, status=current).update(status=to, updated_at=timezone.now())
    if updated != 1:
        raise Conflict(_("Someone else changed this just now. Please look again."), code="stale_state")
    instance.status = to
    event_record(
        subject=instance,
        verb=verb,
        actor=actor,
        from_state=current,
        to_state=to,
        station=station,
        channel=channel,
        data=data,
    )


def _status_label(instance: models.Model, value: str) -> str:
    choices = dict(type(instance)._meta.get_field("status").choices)
    return str(choices.get(value, value))
