"""Reads of the audit trails."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import Event


def event_list_for_subject(*, subject: models.Model) -> models.QuerySet[Event]:
    return Event.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
        subject_id=str(subject.pk),
    ).order_by("created_at", "id")
